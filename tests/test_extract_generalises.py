"""Phrasings the extractor was not tuned to (issue 14): talks beside a meeting, trips, calls, dates and parties.

Every article here is invented for these tests; each case fails when the rule it names is removed.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article
from liaison.extract.dates import When, find_dates


def meetings(body: str, published: str = "") -> list[dict]:
    header = "source: https://example.org/invented\n" + (f"published: {published}\n" if published else "")
    return extract_article(f"{header}\n{body}\n", codebook=BUNDLED_CODEBOOK)["meetings"]


def bilateral_pairs(found: list[dict]) -> list[tuple[str, ...]]:
    return sorted(tuple(m["participant_states_iso3"]) for m in found if m["format"] == "bilateral")


def only_multilateral(found: list[dict]) -> int:
    (index,) = [i for i, m in enumerate(found) if m["format"] == "multilateral"]
    return index


def test_ministers_named_by_a_list_of_demonyms_are_one_talk_each():
    """ "Met the Libyan, Tunisian and Egyptian ministers" beside a conference: three talks."""
    found = meetings(
        "Athens, 5 March 2024 - A ministerial conference on maritime security was held in Athens on Monday. "
        "On the sidelines, the Greek minister met the Libyan, Tunisian and Egyptian ministers.",
        "2024-03-06",
    )
    parent = only_multilateral(found)
    assert bilateral_pairs(found) == [("GRC", "EGY"), ("GRC", "LBY"), ("GRC", "TUN")]
    assert all(m["parent"] == parent for m in found if m["format"] == "bilateral")


def test_a_leaders_summit_recalled_in_passing_takes_neither_the_list_nor_a_record():
    """The delegations listed after "the heads of state had agreed at their summit" attend the assembly told first."""
    found = meetings(
        "Lusaka, 12 May 2023 - The 8th General Assembly of the regional police chiefs body opened on Thursday in "
        "Lusaka. The host minister recalled that the heads of state had agreed at their summit in Harare in March "
        "to create a joint police desk. Police chiefs from Malawi, Namibia, Botswana and Angola were present.",
        "2023-05-13",
    )
    assert len(found) == 1
    assert set(found[0]["participant_states_iso3"]) >= {"MWI", "NAM", "BWA", "AGO"}


def test_talks_during_a_stay_for_a_meeting_are_their_own_record_at_its_day_and_place():
    """A chief at a meeting in another capital who "during his stay" met a minister: two records, same day and city."""
    found = meetings(
        "Niamey, 14 juin 2023 - Le chef d'état-major nigérien a pris part mardi à Accra à la réunion des chefs "
        "d'état-major de la région. Lors de son séjour, il a rencontré le ministre ghanéen de la Défense.",
        "2023-06-15",
    )
    assert bilateral_pairs(found) == [("NER", "GHA")]
    talks = next(m for m in found if m["format"] == "bilateral")
    assert (talks["start_date"], talks["city"]) == ("2023-06-13", "Accra")
    assert found[only_multilateral(found)]["participant_states_iso3"] == ["NER"]


def test_a_meeting_with_a_new_counterpart_is_not_folded_into_the_conference():
    """ "In a meeting with the Serbian minister" after talks beside a conference: more talks, not the conference."""
    found = meetings(
        "Minsk, 14 August 2024 - The 5th Minsk Conference on Security opened on Tuesday. On the sidelines of the "
        "conference, the Belarusian defence minister held talks with his Chinese counterpart. In a meeting with the "
        "Serbian defence minister, the two sides discussed military cooperation.",
        "2024-08-15",
    )
    parent = only_multilateral(found)
    assert bilateral_pairs(found) == [("BLR", "CHN"), ("BLR", "SRB")]
    assert "SRB" not in found[parent]["participant_states_iso3"]


def test_talks_held_at_the_conference_are_beside_it():
    """ "Held bilateral talks with his A and B counterparts at the conference": one talk each, linked to it."""
    found = meetings(
        "Kampala, 14 August 2024 - The regional conference of police chiefs on cross-border crime opened in Kampala "
        "on Tuesday. The Ugandan police chief held bilateral talks with his Kenyan and Rwandan counterparts at the "
        "conference.",
        "2024-08-15",
    )
    parent = only_multilateral(found)
    assert bilateral_pairs(found) == [("UGA", "KEN"), ("UGA", "RWA")]
    assert all(m["parent"] == parent for m in found if m["format"] == "bilateral")


def test_the_occasion_of_a_meeting_used_to_hold_talks_puts_them_beside_it():
    """ "Used the occasion to hold bilateral talks with his A, B and C counterparts": three talks beside the meeting."""
    found = meetings(
        "Kampala, 14 August 2024 - The regional conference of police chiefs on cross-border crime opened in Kampala "
        "on Tuesday. The Ugandan police chief used the occasion to hold bilateral talks with his Kenyan, Rwandan and "
        "Tanzanian counterparts.",
        "2024-08-15",
    )
    parent = only_multilateral(found)
    assert bilateral_pairs(found) == [("UGA", "KEN"), ("UGA", "RWA"), ("UGA", "TZA")]
    assert all(m["parent"] == parent for m in found if m["format"] == "bilateral")


def test_a_visit_during_a_conference_is_the_trip_to_it_not_talks_beside_it():
    """ "En visite à Lomé lors de la conférence": one multilateral record at Lomé with the visitor, no talks."""
    found = meetings(
        "Le ministre béninois de la Sécurité, en visite à Lomé lors de la conférence régionale sur la sécurité "
        "maritime, a plaidé mardi pour une coopération accrue.",
        "2023-06-15",
    )
    assert [(m["format"], m["city"], m["participant_states_iso3"]) for m in found] == [
        ("multilateral", "Lomé", ["BEN"])
    ]


def test_talks_framed_by_an_indefinite_meeting_are_one_record():
    """ "S'est entretenu mardi, lors d'une rencontre à Dakar, avec son homologue": one talk only."""
    found = meetings(
        "Le ministre sénégalais de l'Intérieur s'est entretenu mardi, lors d'une rencontre à Dakar, avec son "
        "homologue gambien sur la sécurité des frontières.",
        "2023-06-15",
    )
    assert [(m["format"], m["city"], m["start_date"]) for m in found] == [("bilateral", "Dakar", "2023-06-13")]


def test_a_working_meeting_of_the_two_delegations_is_bilateral():
    """The services of two states holding "une réunion de travail" where "les deux délégations" spoke: bilateral."""
    found = meetings(
        "Les services de sécurité du Niger et du Tchad ont tenu mardi à Niamey une réunion de travail. Lors de cette "
        "séance, les deux délégations ont examiné la lutte contre le terrorisme.",
        "2023-06-15",
    )
    assert [(m["format"], sorted(m["participant_states_iso3"])) for m in found] == [("bilateral", ["NER", "TCD"])]


@pytest.mark.parametrize(
    "body",
    [
        "Le ministre tunisien des Affaires étrangères s'est entretenu mardi au téléphone avec son homologue italien "
        "de la lutte contre le terrorisme.",
        "Le ministre tunisien de l'Intérieur a eu mardi un entretien téléphonique avec son homologue italien sur la "
        "sécurité.",
        "Le président a reçu mardi les lettres de créance du nouvel ambassadeur d'Italie. Le tribunal de la ville a "
        "jugé le même jour deux hommes pour terrorisme.",
    ],
)
def test_calls_and_credentials_are_not_meetings(body: str):
    """Talks by telephone and credentials handed to a head of state are nobody meeting: no record."""
    assert meetings(body, "2023-06-15") == []


def test_a_gathering_with_one_named_attendee_does_not_add_the_venue_state():
    """A minister "a participé à la réunion des ministres" elsewhere: his state attends, not the venue's."""
    found = meetings(
        "Niamey, 8 octobre 2024 - Le ministre nigérien de la Sécurité a participé lundi 7 octobre à Dakar à la "
        "réunion des ministres de l'Intérieur du Sahel consacrée au terrorisme.",
        "2024-10-09",
    )
    assert [(m["format"], m["country_iso3"], m["participant_states_iso3"]) for m in found] == [
        ("multilateral", "SEN", ["NER"])
    ]


def test_a_year_recalled_with_since_does_not_make_the_sentence_another_years():
    """ "La première depuis 2019" in the meeting's own sentence: its states still attend the 2024 meeting."""
    found = meetings(
        "Les ministres de l'Intérieur du Mali, du Niger et du Tchad se sont réunis à Dakar le 7 octobre pour une "
        "réunion sur la lutte antiterroriste, la première depuis 2019.",
        "2024-10-09",
    )
    assert found[0]["participant_states_iso3"] == ["MLI", "NER", "TCD"]


def test_a_meeting_that_will_close_on_a_later_day_ends_that_day():
    """ "Opened on 7 October and will close on 9 October": a three-day meeting, not one day."""
    found = meetings(
        "The conference of West African interior ministers on counter-terrorism opened in Accra on 7 October and "
        "will close on 9 October. Delegations from Mali, Niger and Chad took part.",
        "2024-10-09",
    )
    assert (found[0]["start_date"], found[0]["end_date"], found[0]["date_precision"]) == (
        "2024-10-07",
        "2024-10-09",
        "day",
    )


REFERENCE = When(date(2024, 12, 10), date(2024, 12, 10), "day")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The forum ran from 6 through 8 December.", ("2024-12-06", "2024-12-08")),
        ("en", "The forum ran from December 6 through December 8.", ("2024-12-06", "2024-12-08")),
        ("fr", "La réunion s'est tenue le 6 déc. à Lomé.", ("2024-12-06", "2024-12-06")),
        ("en", "The talks took place on 02/12/2024.", ("2024-12-02", "2024-12-02")),
        ("en", "The chiefs had met in Lomé in February.", ("2024-02-01", "2024-02-01")),
        ("en", "The chiefs will meet again in February.", ("2025-02-01", "2025-02-01")),
    ],
)
def test_dates_written_in_less_usual_ways_are_read(lang: str, text: str, expected: tuple[str, str]):
    """ "Through" ranges, French month abbreviations in lower case, a numeric date before a full stop, and a month
    without its year told in the past or the future are each read as one date."""
    found = [d for d in find_dates(text, lang, REFERENCE) if d.kind in {"day", "month"}]
    assert [(d.when.start.isoformat(), d.when.end.isoformat()) for d in found] == [expected]
