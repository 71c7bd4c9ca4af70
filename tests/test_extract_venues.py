"""Where a meeting was: buildings named after gatherings, hotels named after cities, cities a delegation visited.

Every article here is invented for these tests; each case fails when the rule it names is removed.
"""

from __future__ import annotations

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article


def meetings(body: str, published: str) -> list[dict]:
    text = f"source: https://example.org/invented\npublished: {published}\n\n{body}\n"
    return extract_article(text, codebook=BUNDLED_CODEBOOK)["meetings"]


def where_and_when(found: list[dict]) -> list[tuple]:
    return [(m["city"], m["country_iso3"], m["start_date"], m["date_precision"]) for m in found]


@pytest.mark.parametrize(
    ("body", "city"),
    [
        (
            "The 12th meeting of regional intelligence chiefs took place on 14 February at the Palais des Congrès in "
            "Vienna. Austria, Germany and Hungary attended.",
            "Vienna",
        ),
        (
            "La 12e réunion des chefs du renseignement de la région s'est tenue le 14 février au Centre international "
            "de conférences d'Alger, avec l'Algérie, la Tunisie et la Libye.",
            "Alger",
        ),
    ],
)
def test_a_building_named_after_gatherings_is_not_a_second_meeting(body: str, city: str):
    """ "Palais des Congrès", "centre de conférences": the building's word names no meeting and takes no day."""
    found = meetings(body, "2024-02-20")
    assert [(m["city"], m["start_date"], m["date_precision"]) for m in found] == [(city, "2024-02-14", "day")]
    assert len(found[0]["participant_states_iso3"]) == 3


def test_a_hotel_named_after_a_city_elsewhere_is_not_the_city():
    """ "At the Serena Hotel in Kampala": Serena is a hotel's name (and a city in Chile); the city is Kampala."""
    found = meetings(
        "The police chiefs of Kenya, Uganda and Tanzania held a meeting on terrorism on 3 October at the Serena "
        "Hotel in Kampala.",
        "2022-10-05",
    )
    assert where_and_when(found) == [("Kampala", "UGA", "2022-10-03", "day")]


def test_the_city_a_delegation_visited_is_the_meeting_s_not_the_dateline_s():
    """ "RABAT - A delegation visited Madrid for talks": the talks were in Madrid, the outlet was in Rabat."""
    found = meetings(
        "RABAT - A Moroccan security delegation visited Madrid on Tuesday for talks with Spanish police on "
        "counter-terrorism.",
        "2022-10-20",
    )
    assert where_and_when(found) == [("Madrid", "ESP", "2022-10-18", "day")]
    assert found[0]["participant_states_iso3"] == ["MAR", "ESP"]


@pytest.mark.parametrize(
    "body",
    [
        "On 6 December, the interior ministers of Chad, Niger and Mauritania met in Nouakchott. The two-day meeting "
        "focused on terrorism.",
        "Le 6 décembre, les ministres de l'Intérieur du Tchad, du Niger et de la Mauritanie se sont réunis à "
        "Nouakchott. La réunion de deux jours a porté sur le terrorisme.",
    ],
)
def test_the_day_ministers_met_is_the_first_day_of_a_meeting_of_several(body: str):
    """ "Met on 6 December" for a two-day meeting: the day they met is its first, not a day somewhere within it."""
    found = meetings(body, "2023-12")
    assert [(m["start_date"], m["end_date"], m["date_precision"]) for m in found] == [
        ("2023-12-06", "2023-12-07", "day")
    ]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            "The 12th meeting of regional intelligence chiefs took place on 14 February in Vienna.",
            "12th meeting of regional intelligence chiefs",
        ),
        (
            "The 5th conference of Sahel police chiefs started on Tuesday in Niamey.",
            "5th conference of Sahel police chiefs",
        ),
        (
            "La 3e réunion ministérielle sur le terrorisme s'ouvre mardi à Rabat.",
            "3e réunion ministérielle sur le terrorisme",
        ),
        ("The 4th conference on maritime security opened on 8 March in Dakar.", "4th conference on maritime security"),
        ("The 4th conference on border security on Monday drew ten delegations.", "4th conference on border security"),
    ],
)
def test_a_meeting_s_name_stops_before_the_verb_that_tells_it_happened(body: str, title: str):
    """ "The 12th meeting … took place", "s'ouvre mardi": the title is the name, not the verb and its day."""
    (found,) = meetings(body, "2024-02-20")
    assert found["title"] == title


@pytest.mark.parametrize(
    "body",
    [
        "The third Sahel security forum was held on Wednesday. Mali and Niger sent delegations to the Mauritanian "
        "capital.",
        "Le troisième forum sur la sécurité au Sahel s'est tenu mercredi. Le Mali et le Niger ont envoyé des "
        "délégations dans la capitale mauritanienne.",
    ],
)
def test_the_city_delegations_went_to_in_the_next_sentence_is_the_meeting_s(body: str):
    """A meeting placed nowhere takes the city the next sentence sends its delegations to."""
    found = meetings(body, "2023-03-10")
    assert [(m["city"], m["country_iso3"]) for m in found] == [("Nouakchott", "MRT")]


def test_a_city_named_after_the_meeting_for_another_reason_does_not_place_it():
    """ "The forum was held on Wednesday. Its chair studied in Paris": no one went there for the meeting."""
    found = meetings(
        "The third Sahel security forum was held on Wednesday with Mali and Niger. Its chair once studied in Paris.",
        "2023-03-10",
    )
    assert [(m["city"], m["country_iso3"]) for m in found] == [(None, None)]


def test_a_spelled_ordinal_is_not_numbered_twice_in_the_title():
    """ "Le troisième forum": the title keeps the text's ordinal rather than adding "3e" before it."""
    (found,) = meetings("Le troisième forum sur la sécurité au Sahel s'est tenu mercredi à Nouakchott.", "2023-03-10")
    assert (found["edition"], found["title"]) == (3, "Troisième forum sur la sécurité")


def test_a_building_named_in_a_later_sentence_gives_the_meeting_its_city():
    """ "… y participent, au centre international de conférences d'Abuja": the building points back to the session."""
    (found,) = meetings(
        "La 7e session du comité des chefs des services de renseignement africains s'est ouverte mardi 8 mars. Des "
        "délégations du Ghana, du Nigeria et du Sénégal y participent, au centre international de conférences "
        "d'Abuja.",
        "2022-03-10",
    )
    assert (found["city"], found["country_iso3"], found["start_date"]) == ("Abuja", "NGA", "2022-03-08")
