"""Days told by pointing back at a day already given: "the same day", "le lendemain", a weekday named again.

Every article here is invented for these tests; each case fails when the rule it names is removed.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article
from liaison.extract.dates import find_dates
from liaison.extract.told_days import with_told_days


def meetings(body: str, published: str) -> list[dict]:
    text = f"source: https://example.org/invented\npublished: {published}\n\n{body}\n"
    return extract_article(text, codebook=BUNDLED_CODEBOOK)["meetings"]


@pytest.mark.parametrize(
    ("sentence", "lang", "day"),
    [
        ("The same day, the minister held talks with his counterpart.", "en", date(2023, 6, 7)),
        ("On the following day, the delegation visited the border.", "en", date(2023, 6, 8)),
        ("Le même jour, le ministre s'est entretenu avec son homologue.", "fr", date(2023, 6, 7)),
        ("Le lendemain, la délégation a visité le port.", "fr", date(2023, 6, 8)),
        ("La veille, les experts s'étaient réunis.", "fr", date(2023, 6, 6)),
    ],
)
def test_a_day_told_by_reference_is_the_last_day_stated_shifted(sentence: str, lang: str, day: date):
    """ "The same day", "le lendemain", "la veille" are the day last stated in full, or the one after or before it."""
    (told,) = with_told_days(sentence, find_dates(sentence, lang, None), [date(2023, 6, 7)])
    assert (told.when.start, told.when.precision) == (day, "day")


def test_the_eve_of_a_meeting_is_not_a_day_told_by_reference():
    """ "La veille du sommet" names the eve of a meeting, which the last day stated does not give."""
    sentence = "La veille du sommet, le ministre a reçu son homologue."
    assert with_told_days(sentence, find_dates(sentence, "fr", None), [date(2023, 6, 7)]) == []


@pytest.mark.parametrize(
    "body",
    [
        "The 9th conference of West African police chiefs opened on Tuesday 18 October in Accra. The same day, "
        "Togo's police chief held bilateral meetings with the police chiefs of Benin and Niger.",
        "La 9e conférence des chefs de police d'Afrique de l'Ouest s'est ouverte le 18 octobre à Accra. Le même jour, "
        "le chef de la police togolaise a eu des entretiens bilatéraux avec les chefs des polices béninoise et "
        "nigérienne.",
    ],
)
def test_talks_held_the_same_day_as_a_conference_are_beside_it(body: str):
    """Talks dated only "the same day" take the conference's day, and so are found and put beside it."""
    found = meetings(body, "2022-10")
    (parent,) = [i for i, m in enumerate(found) if m["format"] == "multilateral"]
    talks = [(m["participant_states_iso3"], m["start_date"], m["parent"]) for m in found if m["format"] == "bilateral"]
    assert talks == [(["TGO", "BEN"], "2022-10-18", parent), (["TGO", "NER"], "2022-10-18", parent)]


def test_a_weekday_named_again_is_the_day_already_given_for_it():
    """With only the month as the article's date, "on Tuesday" after "Tuesday 18 October" is 18 October."""
    found = meetings(
        "The 9th conference of West African police chiefs opened on Tuesday 18 October in Accra. On Tuesday, "
        "Togo's police chief held bilateral meetings with the police chiefs of Benin and Niger.",
        "2022-10",
    )
    assert {m["start_date"] for m in found} == {"2022-10-18"}
    assert all(m["date_precision"] == "day" for m in found)


def test_next_tuesday_is_not_the_tuesday_already_given():
    """ "Next Tuesday" after "Tuesday 18 October" names another week: the stated Tuesday does not date it."""
    (mention,) = find_dates("They will meet again next Tuesday.", "en", None)
    assert with_told_days("They will meet again next Tuesday.", [mention], [date(2022, 10, 18)]) == [mention]
