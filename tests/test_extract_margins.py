"""Talks on the margins of a meeting, audiences one after another, and the places and days around them.

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


def bilaterals(found: list[dict]) -> list[dict]:
    return [m for m in found if m["format"] == "bilateral"]


def multilateral(found: list[dict]) -> int:
    (index,) = [i for i, m in enumerate(found) if m["format"] == "multilateral"]
    return index


@pytest.mark.parametrize(
    "body",
    [
        "Vienna, 14 November 2023 - The Moroccan intelligence chief held talks with his Egyptian counterpart on the "
        "sidelines of the regional meeting of heads of security services held in Vienna on 13 and 14 November. They "
        "spoke about counter-terrorism.",
        "Vienne, 14 novembre 2023 - Le chef du renseignement marocain s'est entretenu, en marge de la 22e réunion "
        "régionale des chefs des services de sécurité tenue à Vienne les 13 et 14 novembre, avec son homologue "
        "égyptien. Ils ont parlé de lutte antiterroriste.",
    ],
)
def test_talks_told_before_the_margins_are_not_the_meeting_named_after(body: str):
    """ "A met B on the sidelines of the meeting": two records, the talks pointing at the meeting, not one merged."""
    found = meetings(body, "2023-11-15")
    parent = multilateral(found)
    (talks,) = bilaterals(found)
    assert sorted(talks["participant_states_iso3"]) == ["EGY", "MAR"]
    assert talks["parent"] == parent
    assert found[parent]["start_date"] == "2023-11-13"


def test_talks_beside_a_dated_meeting_take_its_days_not_the_article_month():
    """Talks with no day of their own on the margins of a dated meeting share its days, not the dateline's month."""
    found = meetings(
        "Vienna, 14 November 2023 - The Moroccan intelligence chief held talks with his Egyptian counterpart on the "
        "sidelines of the regional meeting of heads of security services held in Vienna on 13 and 14 November.",
        "2023-11-15",
    )
    (talks,) = bilaterals(found)
    assert (talks["start_date"], talks["end_date"], talks["date_precision"]) == ("2023-11-13", "2023-11-14", "day")


AUDIENCES = (
    "Le président de la République a accordé mercredi, en marge du forum international sur la paix et la sécurité "
    "en Afrique tenu à Dakar, des audiences au Premier ministre malien, au ministre gambien de la Défense et au "
    "chef d'état-major nigérien. Il a ensuite reçu le ministre ivoirien de l'Intérieur."
)


def test_audiences_granted_at_a_forum_are_one_talk_per_guest_with_the_venue_state():
    """Audiences told one guest after another: one talk each, beside the forum, with the receiver's (host's) state."""
    found = meetings(AUDIENCES, "2023-10-12")
    parent = multilateral(found)
    pairs = sorted(tuple(m["participant_states_iso3"]) for m in bilaterals(found))
    assert pairs == [("SEN", "CIV"), ("SEN", "GMB"), ("SEN", "MLI"), ("SEN", "NER")]
    assert all(m["parent"] == parent for m in bilaterals(found))
    assert found[parent]["participant_states_iso3"] == []


def test_the_receiver_at_home_keeps_talks_told_later_apart():
    """ "Le ministre a reçu à Rabat son homologue portugais … s'est également entretenu avec l'espagnol": two talks."""
    found = meetings(
        "Rabat, 4 mars 2025 - Le ministre de l'Intérieur a reçu, mardi à Rabat, son homologue portugais, en marge de "
        "la réunion ministérielle euro-africaine sur la migration et la sécurité. Les deux ministres ont évoqué la "
        "lutte contre la criminalité transfrontalière. Le ministre s'est également entretenu avec son homologue "
        "espagnol.",
        "2025-03-05",
    )
    pairs = sorted(sorted(m["participant_states_iso3"]) for m in bilaterals(found))
    assert pairs == [["ESP", "MAR"], ["MAR", "PRT"]]


def test_a_meeting_named_only_as_the_margins_is_no_frame_and_never_its_own_parent():
    """The meeting after "en marge de" stays a meeting: talks point at it, and the next talks follow the talks."""
    found = meetings(
        "Nouakchott, 7 décembre 2022 - Le ministre mauritanien de la Défense s'est entretenu mardi avec son homologue "
        "malien, en marge de la réunion des ministres de la Défense du G5 Sahel. Il s'est ensuite entretenu avec le "
        "ministre tchadien de la Sécurité, puis avec le chef d'état-major burkinabè.",
        "2022-12-08",
    )
    parent = multilateral(found)
    assert all(m["parent"] != i for i, m in enumerate(found))
    pairs = sorted(tuple(sorted(m["participant_states_iso3"])) for m in bilaterals(found))
    assert pairs == [("BFA", "MRT"), ("MLI", "MRT"), ("MRT", "TCD")]
    assert all(m["parent"] == parent for m in bilaterals(found))


def test_the_next_guest_on_the_margins_is_talks_of_their_own_not_the_assembly():
    """ "He also met the Egyptian and Palestinian presidents" after margin talks: two talks, not assembly delegates."""
    found = meetings(
        "King Abdullah II received on Thursday, on the sidelines of the UN General Assembly in New York, the Iraqi "
        "prime minister, and discussed border security with him. The King also met the Egyptian president and the "
        "Palestinian president.",
        "2023-09-22",
    )
    parent = multilateral(found)
    assert found[parent]["participant_states_iso3"] == []
    guests = sorted(state for m in bilaterals(found) for state in m["participant_states_iso3"] if state != "USA")
    assert guests == ["EGY", "IRQ", "PSE"]


def test_a_country_discussed_is_not_a_venue():
    """ "The talks focused on security in Afghanistan" names what was discussed, not a second meeting there."""
    found = meetings(
        "The defence ministers of Uzbekistan and Tajikistan held talks in Tashkent on Monday. The talks focused on "
        "security in Afghanistan.",
        "2021-09-28",
    )
    assert [(m["city"], m["country_iso3"]) for m in found] == [("Tashkent", "UZB")]


def test_the_dateline_city_is_not_the_venue_of_talks_beside_a_meeting_held_elsewhere():
    """Filed from Tashkent, talks on the margins of a conference held in Dushanbe took place in Dushanbe."""
    found = meetings(
        "Tashkent, 29 September - Uzbekistan's defence minister met his Tajik counterpart on the sidelines of the "
        "border security conference held in Dushanbe.",
        "2021-09-30",
    )
    (talks,) = bilaterals(found)
    assert (talks["city"], talks["country_iso3"]) == ("Dushanbe", "TJK")


def test_plural_talks_the_sentence_goes_on_to_tell_are_talks_and_the_held_day_is_the_conference_s():
    """ "Des entretiens bilatéraux ont réuni A et B" are talks; "tenue lundi à Niamey" places the conference."""
    found = meetings(
        "En marge des travaux de la conférence des ministres de l'Intérieur des pays du Sahel, tenue lundi à Niamey, "
        "des entretiens bilatéraux ont réuni le ministre nigérien de l'Intérieur et son homologue tchadien.",
        "2019-03-12",
    )
    parent = multilateral(found)
    assert (found[parent]["city"], found[parent]["start_date"]) == ("Niamey", "2019-03-11")
    (talks,) = bilaterals(found)
    assert sorted(talks["participant_states_iso3"]) == ["NER", "TCD"]
    assert talks["parent"] == parent


def test_a_body_s_members_named_after_its_assembly_are_not_its_attendees():
    """ "The assembly of Ameripol, whose members include A, B, C and D": only those said to attend count."""
    found = meetings(
        "The General Assembly of Ameripol, whose members include Brazil, Colombia, Peru and Ecuador, met in Bogota on "
        "June 14. Only the Colombian and Peruvian police chiefs attended in person.",
        "2023-06-16",
    )
    assert [sorted(m["participant_states_iso3"]) for m in found] == [["COL", "PER"]]


def test_a_day_of_the_current_month_takes_the_article_month():
    """ "Le 3 courant" is the 3rd of the article's month; without the article's month it is no date at all."""
    reference = When(date(2023, 10, 5), date(2023, 10, 5), "day")
    (stated,) = find_dates("Il a été reçu le 3 courant à Madrid.", "fr", reference)
    assert stated.when == When(date(2023, 10, 3), date(2023, 10, 3), "day")
    assert all(d.when is None for d in find_dates("Il a été reçu le 3 courant à Madrid.", "fr", None))


@pytest.mark.parametrize(("stated", "day"), [("le 1er décembre", "2022-12-01"), ("le 6 du mois", "2022-12-06")])
def test_a_french_first_of_the_month_and_a_day_of_the_month_keep_their_day(stated: str, day: str):
    """ "Le 1er décembre" is not split into "1e r" (an ordinal and a letter); "le 6 du mois" is the article's month."""
    found = meetings(
        f"Les ministres de l'Intérieur du Maroc et de l'Espagne se sont réunis à Madrid {stated} pour évoquer la "
        "lutte antiterroriste.",
        "2022-12-09",
    )
    assert [(m["start_date"], m["date_precision"]) for m in found] == [(day, "day")]


def test_ministers_who_met_here_met_in_the_dateline_city():
    """ "Madrid, Oct. 4 — … met here on Tuesday": a meeting in Madrid on the Tuesday before the dateline."""
    found = meetings(
        "Madrid, Oct. 4 (Agency) - The interior ministers of Morocco and Spain met here on Tuesday to discuss "
        "counter-terrorism.",
        "2023-10-05",
    )
    assert [(m["city"], m["start_date"], m["date_precision"]) for m in found] == [("Madrid", "2023-10-03", "day")]


def test_a_meeting_s_title_stops_before_what_it_did():
    """ "The conference … opened on 3 October": the title is the conference's name, not "… opened"."""
    found = meetings(
        "The annual conference of European heads of police opened on 3 October in Lisbon, with delegations from "
        "Portugal, Spain and France.",
        "2022-10-05",
    )
    assert [m["title"] for m in found] == ["Conference of European heads of police"]


def test_a_reception_hosted_is_no_meeting():
    """ "The ambassador hosted a reception … officials attended the dinner": protocol, not a security meeting."""
    found = meetings(
        "The ambassador of Japan hosted a reception in Nairobi on Thursday to mark a national day. Kenyan officials "
        "from the interior ministry and the police attended the dinner.",
        "2023-06-02",
    )
    assert found == []


def test_talks_told_next_as_also_having_had_a_meeting_are_on_the_same_margins():
    """ "En marge de ces travaux, A a reçu B. Il a également eu un entretien avec C": two talks beside it."""
    found = meetings(
        "La 12e conférence des chefs de police africains s'est ouverte le 8 octobre à Alger. En marge de ces travaux, "
        "le directeur général de la sûreté nationale algérienne a reçu son homologue nigérian. Il a également eu un "
        "entretien avec le chef de la police ghanéenne.",
        "2024-10-10",
    )
    parent = multilateral(found)
    pairs = sorted(tuple(m["participant_states_iso3"]) for m in bilaterals(found))
    assert pairs == [("DZA", "GHA"), ("DZA", "NGA")]
    assert all(m["parent"] == parent for m in bilaterals(found))


def test_using_the_occasion_to_meet_a_counterpart_on_the_margins_is_talks():
    """ "Used the occasion to meet his Nigerian counterpart on the margins of the gathering": talks beside it."""
    found = meetings(
        "The 12th conference of African police chiefs opened in Algiers on 8 October. The Algerian police chief used "
        "the occasion to meet his Nigerian counterpart on the margins of the gathering.",
        "2024-10-10",
    )
    (talks,) = bilaterals(found)
    assert (talks["participant_states_iso3"], talks["parent"]) == (["DZA", "NGA"], multilateral(found))


def test_a_guest_granted_an_audience_is_not_the_article_s_protagonist():
    """The Liberian granted an audience is a guest: the host receives each visitor in turn at his conference."""
    found = meetings(
        "Abuja, June 11 - President Tinubu on Tuesday received the defence ministers of Ghana, Togo and Benin in "
        "separate audiences on the sidelines of the regional security chiefs conference in Abuja. He later granted "
        "an audience to the Liberian minister of justice.",
        "2024-06-12",
    )
    pairs = sorted(tuple(m["participant_states_iso3"]) for m in bilaterals(found))
    assert pairs == [("NGA", "BEN"), ("NGA", "GHA"), ("NGA", "LBR"), ("NGA", "TGO")]


@pytest.mark.parametrize(
    "body",
    [
        "Alger, 3 février 2024 - La conférence régionale sur la lutte antiterroriste s'est tenue à Alger les 2 et 3 "
        "février. En marge de la conférence, le ministre algérien de l'Intérieur a reçu les chefs des délégations du "
        "Mali, du Niger et du Tchad.",
        "Algiers, 3 February 2024 - On the sidelines of the regional conference on counter-terrorism held in Algiers "
        "on 2 and 3 February, the Algerian interior minister granted audiences to the heads of delegations of Mali, "
        "Niger and Chad.",
    ],
)
def test_heads_of_delegations_named_by_state_are_one_talk_each(body: str):
    """Heads of delegations "of A, B and C" named by state: one talk with each, not a courtesy to the guests."""
    found = meetings(body, "2024-02-03")
    parent = multilateral(found)
    talks = bilaterals(found)
    assert sorted(sorted(t["participant_states_iso3"]) for t in talks) == [
        ["DZA", "MLI"],
        ["DZA", "NER"],
        ["DZA", "TCD"],
    ]
    assert all(t["parent"] == parent for t in talks)


def test_a_possessive_with_its_noun_left_out_is_still_a_party():
    """ "Talks with Mali's minister, then with Niger's.": Niger is the second counterpart, not a word to ignore."""
    found = meetings(
        "Algiers, 3 February 2024 - The regional conference on counter-terrorism was held in Algiers on 2 and 3 "
        "February. On the sidelines of the conference, the Algerian interior minister held talks with Mali's minister, "
        "then with Niger's.",
        "2024-02-03",
    )
    parent = multilateral(found)
    talks = bilaterals(found)
    assert sorted(sorted(t["participant_states_iso3"]) for t in talks) == [["DZA", "MLI"], ["DZA", "NER"]]
    assert all(t["parent"] == parent for t in talks)
