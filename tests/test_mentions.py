"""Trigger words: each becomes a mention with its class, determiner, edition and the anchors nearest to it."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.extract.dates import When, find_dates
from liaison.extract.mentions import Mention, assign_anchors, find_mentions
from liaison.extract.places import find_cities, find_state_refs
from liaison.words.folding import fold

ARTICLE = When(date(2025, 5, 28), date(2025, 5, 28), "day")


def mentions(text: str, lang: str = "fr") -> dict[str, Mention]:
    """The sentence's mentions by the words that triggered them."""
    return {text[m.start : m.end]: m for m in find_mentions(0, text, lang)}


def anchored(text: str, lang: str = "fr") -> dict[str, Mention]:
    """The mentions after the sentence's dates, cities and place-countries were given out."""
    found = find_mentions(0, text, lang)
    dates = find_dates(text, lang, ARTICLE)
    assign_anchors(found, dates, find_cities(text), find_state_refs(text), fold(text))
    return {text[m.start : m.end]: m for m in found}


@pytest.mark.parametrize(
    ("text", "lang", "word", "det"),
    [
        ("Cette réunion a porté sur le terrorisme.", "fr", "réunion", "demo"),
        ("This meeting focused on terrorism.", "en", "meeting", "demo"),
        ("Une visite de travail a eu lieu.", "fr", "visite", "indef"),
        ("A meeting was held in Vienna.", "en", "meeting", "indef"),
        ("The meeting was held in Vienna.", "en", "meeting", "def"),
        ("La prochaine session se tiendra à Rabat.", "fr", "session", "next"),
        ("The next assembly will be held in Rome.", "en", "assembly", "next"),
    ],
)
def test_the_determiner_says_whether_a_mention_points_back_opens_or_announces(text, lang, word, det) -> None:
    """ "Cette réunion" refers to one already named, "une visite" opens a new one, "la prochaine" announces one."""
    assert mentions(text, lang)[word].det == det


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("La prochaine session se tiendra à Rabat.", "fr", "session"),
        ("The conference, to be held in Doha next week, will be chaired by Qatar.", "en", "conference"),
        ("Les deux pays ont convenu d'organiser une réunion à Rabat.", "fr", "réunion"),
    ],
)
def test_an_announced_meeting_is_marked_future(text: str, lang: str, word: str) -> None:
    assert mentions(text, lang)[word].future is True
    assert mentions("La session s'est tenue à Rabat.")["session"].future is False


@pytest.mark.parametrize(
    ("text", "lang", "word", "edition"),
    [
        ("La 41e session du conseil a eu lieu.", "fr", "session", 41),
        ("La XIe réunion des chefs a eu lieu.", "fr", "réunion", 11),
        ("La XIVe réunion des chefs a eu lieu.", "fr", "réunion", 14),
        ("The fourth meeting of the heads took place.", "en", "meeting", 4),
        ("The 27th INTERPOL African Regional Conference opened.", "en", "Conference", 27),
        ("La première édition du forum.", "fr", "édition", 1),
    ],
)
def test_an_edition_is_read_from_the_ordinal_before_the_trigger(text, lang, word, edition) -> None:
    """Digits, Roman numerals (XIVe is 14, not 16) and spelled-out ordinals, with a few words in between."""
    assert mentions(text, lang)[word].edition == edition


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("On the 3rd of October a meeting took place.", "en", "meeting"),
        ("The first meeting was short.", "en", "meeting"),
        ("Le 6 mai, la réunion a eu lieu.", "fr", "réunion"),
    ],
)
def test_a_date_or_a_plain_first_is_not_an_edition(text: str, lang: str, word: str) -> None:
    """ "The 3rd of October" is a day; "first" counts only before "edition" or "session"; a comma cuts the window."""
    assert mentions(text, lang)[word].edition is None


@pytest.mark.parametrize(
    ("text", "lang", "word", "cls", "bilateral_cue"),
    [
        ("La conférence a eu lieu.", "fr", "conférence", "multi", False),
        ("Une visite a eu lieu.", "fr", "visite", "bi", True),
        ("Une réunion bilatérale a eu lieu.", "fr", "réunion", "bi", True),
        ("La réunion régionale a eu lieu.", "fr", "réunion", "multi", False),
        ("La réunion a eu lieu.", "fr", "réunion", "neutral", False),
        ("Le ministre a reçu son homologue.", "fr", "a reçu", "neutral", True),
    ],
)
def test_a_triggers_class_comes_from_its_word_and_the_adjective_after_it(text, lang, word, cls, bilateral_cue) -> None:
    """A neutral "réunion" becomes bilateral or multilateral by its adjective; "a reçu" hints at talks."""
    mention = mentions(text, lang)[word]
    assert (mention.cls, mention.bilateral_cue) == (cls, bilateral_cue)


def test_each_date_and_city_goes_to_the_trigger_nearest_to_it() -> None:
    found = anchored("La conférence du 6 mai à Vienne a précédé une visite à Rabat le 20 mai.")
    assert [d.when.start for d in found["conférence"].dates] == [date(2025, 5, 6)]
    assert [p.city for p in found["conférence"].places] == ["Vienne"]
    assert [d.when.start for d in found["visite"].dates] == [date(2025, 5, 20)]
    assert [p.city for p in found["visite"].places] == ["Rabat"]


def test_the_day_a_statement_was_made_dates_no_meeting() -> None:
    """ "Said on Monday" is when someone spoke, not when the conference was."""
    found = anchored("The minister said on Monday that the conference in Doha was a success.", "en")
    assert found["conference"].dates == [] and [p.city for p in found["conference"].places] == ["Doha"]


def test_meetings_in_general_take_no_anchors() -> None:
    """ "Des visites" speaks of visits in general: the date and city near it belong to nothing."""
    (visits,) = anchored("Il a effectué des visites à Rabat le 3 mai.").values()
    assert visits.generic is True
    assert (visits.dates, visits.places) == ([], [])


def test_a_word_that_only_points_back_drops_the_date_nearest_it() -> None:
    """A newspaper's "édition du mercredi 21 mai" dates the newspaper, not a meeting."""
    found = anchored("L'édition du mercredi 21 mai de notre journal évoque la réunion de Vienne.")
    assert found["édition"].dates == [] and found["réunion"].dates == []


FILLER = "les délégations ont évoqué la situation régionale, les trafics et la coopération entre services, "


def test_a_city_beyond_reach_of_every_trigger_belongs_to_none() -> None:
    """Past 120 characters a city is some other matter of the sentence, not the meeting's venue."""
    text = f"La réunion fut longue: {FILLER * 2}comme souvent à Rabat."
    assert 120 < text.index("Rabat") - text.index("réunion") < 240
    assert anchored(text)["réunion"].places == []


def test_held_in_carries_a_city_twice_as_far() -> None:
    """ "La réunion s'est tenue, après …, à Rabat": the verb of holding says the city is where it took place."""
    text = f"La réunion s'est tenue, après que {FILLER * 2}à Rabat."
    assert [p.city for p in anchored(text)["réunion"].places] == ["Rabat"]
