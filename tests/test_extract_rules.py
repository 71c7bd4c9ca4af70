"""The rules that carry the extractor beyond the articles it was tuned on, each on sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article
from liaison.extract.dates import find_dates
from liaison.extract.places import find_cities


def meetings(text: str) -> list[dict]:
    return extract_article(text, codebook=BUNDLED_CODEBOOK)["meetings"]


def summary(meeting: dict) -> tuple:
    return (
        meeting["format"],
        meeting["start_date"],
        meeting["date_precision"],
        meeting["city"],
        meeting["country_iso3"],
        meeting["participant_states_iso3"],
        meeting["parent"],
    )


@pytest.mark.parametrize("text", ["The Kingdom hosted the ministers.", "The President hosted the ministers."])
def test_a_determiner_is_never_a_city(text: str):
    """ "The" is some village's alternate name in the gazetteer; a subject that hosts is a city only by its own name."""
    assert find_cities(text) == []


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        (
            "published: 2023-12-08\n\nLe chef de la police tunisienne a reçu le 6 décembre à Tunis son homologue "
            "italien pour des entretiens sur la lutte antiterroriste.",
            "2023-12-06",
            "day",
        ),
        (
            "published: 2022-10\n\nKenya's spy chief met his Ugandan counterpart in Kampala on 3 October about "
            "counter-terrorism.",
            "2022-10-03",
            "day",
        ),
        (
            "published: 2022-10-10\n\nThe intelligence chiefs of Oman and Jordan held talks in Muscat on the 3rd of "
            "October on counter-terrorism.",
            "2022-10-03",
            "day",
        ),
    ],
    ids=["talks-told-by-a-verb-then-a-plural-noun", "met-his-counterpart", "the-3rd-of-october"],
)
def test_a_stated_day_keeps_day_precision(text: str, start: str, precision: str):
    """A day stated without its year, completed from the article's date, stays a day."""
    (found,) = meetings(text)
    assert (found["start_date"], found["date_precision"]) == (start, precision)


def test_an_ordinal_day_of_a_month_is_a_date_not_an_edition():
    """ "The 3rd of October" dates the meeting; it does not make it a third edition."""
    (found,) = meetings(
        "published: 2022-10-10\n\nOn the 3rd of October a meeting of the intelligence chiefs of Oman and Jordan on "
        "counter-terrorism took place in Muscat."
    )
    assert (found["edition"], found["start_date"]) == (None, "2022-10-03")
    assert "3rd" not in found["title"]


@pytest.mark.parametrize(
    ("sentence", "end", "precision"),
    [
        (
            "A two-day meeting of police chiefs from Mali, Niger and Chad was held on 3 May in Bamako.",
            "2022-05-04",
            "day",
        ),
        (
            "The police chiefs of Mali, Niger and Chad closed their meeting on 5 May in Bamako after three days.",
            None,
            "month",
        ),
    ],
    ids=["held-on-a-day-for-two-days", "closed-on-a-day-after-three-days"],
)
def test_a_duration_lengthens_a_first_day_but_not_a_last_one(sentence: str, end: str | None, precision: str):
    """ "Held on 3 May" for two days ends on 4 May; "closed on 5 May after three days" leaves only the month sure."""
    (found,) = meetings(f"published: 2022-05-10\n\n{sentence}")
    assert found["date_precision"] == precision
    if end:
        assert found["end_date"] == end


@pytest.mark.parametrize(
    ("text", "city", "iso3"),
    [
        ("Les travaux se déroulent au centre international de conférences d'Abuja.", "Abuja", "NGA"),
        ("Talks were held at the headquarters of the regional body in Nairobi.", "Nairobi", "KEN"),
        ("The minister returned from Cairo, where he held talks with his counterpart.", "Cairo", "EGY"),
        ("The ministers gathered in the Egyptian capital for a meeting.", "Cairo", "EGY"),
        ("Les ministres se sont réunis dans la capitale tunisienne.", "Tunis", "TUN"),
        ("The session was held in the Kazakh city of Almaty.", "Almaty", "KAZ"),
        ("La réunion a eu lieu dans la ville marocaine d'Ifrane.", "Ifrane", "MAR"),
        ("Riyadh hosted the ministers on Monday.", "Riyadh", "SAU"),
        ("The Hague hosted the ministers on Monday.", "The Hague", "NLD"),
        ("Iran's security chief left for Moscow on Monday.", "Moscow", "RUS"),
    ],
    ids=[
        "venue-de-city",
        "venue-in-city",
        "city-where",
        "the-egyptian-capital",
        "la-capitale-tunisienne",
        "the-city-of",
        "la-ville-de",
        "a-city-hosted",
        "a-city-whose-name-starts-with-the",
        "left-for",
    ],
)
def test_cities_named_by_their_venue_a_where_clause_or_as_a_capital(text: str, city: str, iso3: str):
    """Venue cities, "the city of", "where" clauses, cities that hosted and "the X capital" are places."""
    found = find_cities(text)
    assert [(place.city, place.iso3) for place in found] == [(city, iso3)]


def test_the_venue_city_named_in_a_later_sentence_is_the_meetings():
    """The opening sentence gives no place; the city of the venue two sentences on is the meeting's place."""
    (found,) = meetings(
        "published: 2022-03-10\n\nLa 7e session du comité des chefs des services de renseignement africains s'est "
        "ouverte mardi 8 mars. Des délégations du Ghana, du Nigeria et du Sénégal y participent. Les travaux se "
        "déroulent au centre international de conférences d'Abuja."
    )
    assert (found["city"], found["country_iso3"]) == ("Abuja", "NGA")


def test_the_meeting_city_wins_over_the_dateline_city():
    """Filed from Amman about talks held in Cairo: the talks are in Cairo, Egypt hosting."""
    (found,) = meetings(
        "AMMAN, March 9, 2022 – Jordan's intelligence director returned from Cairo, where he held talks on Tuesday "
        "with the head of Egypt's intelligence service on counter-terrorism."
    )
    assert summary(found) == ("bilateral", "2022-03-08", "day", "Cairo", "EGY", ["JOR", "EGY"], None)


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks come ahead of an African Union heads of state summit in Malabo.",
        "The talks come a month after the ruling party congress in Niamey.",
        "Le ministre a ensuite assisté au sommet des chefs d'État à Malabo.",
    ],
    ids=["heads-of-state-summit", "party-congress", "sommet-des-chefs-d-etat"],
)
def test_summits_of_heads_of_state_and_party_congresses_mentioned_in_passing_are_not_drafted(sentence: str):
    """Only the security talks are drafted; the summit or congress named beside them is not a security meeting."""
    found = meetings(
        "published: 2022-06-15\n\nThe defence ministers of Chad and Niger held talks in N'Djamena on 14 June on "
        f"border security. {sentence}"
    )
    assert [meeting["city"] for meeting in found] == ["N'Djamena"]


@pytest.mark.parametrize(
    ("text", "states"),
    [
        (
            "The council of the organisation, whose members are Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan, "
            "held its session in Astana on 19 September. The session was chaired by Kazakhstan and attended by a "
            "delegation of Iran.",
            ["KAZ", "IRN"],
        ),
        (
            "Le conseil des ministres de l'Intérieur de l'organisation, qui regroupe l'Algérie, la Tunisie, la Libye "
            "et l'Égypte, a tenu sa session le 19 septembre à Alger, en présence du ministre nigérien de l'Intérieur.",
            ["NER"],
        ),
        (
            "La conférence, qui regroupe des délégations de l'Algérie, de la Tunisie et du Maroc, s'est ouverte le "
            "19 septembre à Alger.",
            ["DZA", "TUN", "MAR"],
        ),
    ],
    ids=["whose-members-are", "qui-regroupe-after-a-body", "qui-regroupe-after-a-meeting-lists-who-came"],
)
def test_a_bodys_members_are_not_its_sessions_attendees(text: str, states: list[str]):
    """States listed as a body's members are left out; the same verb after a meeting's noun lists who came."""
    (found,) = meetings(f"published: 2023-09-20\n\n{text}")
    assert found["participant_states_iso3"] == states


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "The 90th general assembly of the police organisation opened in Abuja on Tuesday 18 October. On the "
            "margins of the assembly, the Nigerian police chief received the head of the Ghana Police Service, then "
            "the police chief of Kenya, and later held talks with the South African police commissioner. He also "
            "granted an audience to the director of the Egyptian police.",
            [["NGA", "GHA"], ["NGA", "KEN"], ["NGA", "ZAF"], ["NGA", "EGY"]],
        ),
        (
            "La 40e conférence régionale des chefs de police s'est ouverte mardi 18 octobre à Dakar. Le ministre "
            "sénégalais de l'Intérieur a également reçu, en marge de la conférence, le ministre ghanéen de la "
            "Sécurité, puis s'est entretenu avec le chef de la police gambienne.",
            [["SEN", "GHA"], ["SEN", "GMB"]],
        ),
        (
            "The Arab interior ministers' council held its 40th session in Tunis on Tuesday 18 October. The Tunisian "
            "minister also met separately with the interior ministers of Qatar and Oman on the margins of the "
            "session.",
            [["TUN", "QAT"], ["TUN", "OMN"]],
        ),
        (
            "The 12th General Assembly of the regional police body opened on Tuesday 18 October in Kigali. On the "
            "margins, the Rwandan police chief held talks with the police chief of Uganda. He later met the deputy "
            "commissioner of the Kenyan police. In another bilateral meeting, he discussed cybercrime with "
            "Tanzania's police commissioner.",
            [["RWA", "UGA"], ["RWA", "KEN"], ["RWA", "TZA"]],
        ),
    ],
    ids=[
        "received-then-talks-then-audience",
        "recu-en-marge-puis-entretenu",
        "met-separately-on-the-margins",
        "on-the-margins-then-another-bilateral",
    ],
)
def test_audiences_on_the_margins_are_one_bilateral_each_beside_the_meeting(text: str, pairs: list[list[str]]):
    """Each leader received or met on a meeting's margins is a bilateral of its own, whose parent is the meeting."""
    found = meetings(f"published: 2022-10-19\n\n{text}")
    assert found[0]["format"] == "multilateral"
    bilaterals = found[1:]
    assert [meeting["participant_states_iso3"] for meeting in bilaterals] == pairs
    assert {meeting["parent"] for meeting in bilaterals} == {0}
    assert {meeting["start_date"] for meeting in bilaterals} == {"2022-10-18"}


def test_talks_on_the_margins_need_no_security_word_of_their_own():
    """A bilateral beside a kept meeting is part of it; alone, talks with no security vocabulary are not drafted."""
    margins = meetings(
        "published: 2023-06-15\n\nThe 40th session of the regional police council was held in Tunis on 14 June. "
        "On its margins, the Tunisian minister also met with the minister of Qatar."
    )
    alone = meetings("published: 2023-06-15\n\nThe Tunisian minister met with the minister of Qatar in Tunis.")
    assert [meeting["format"] for meeting in margins] == ["multilateral", "bilateral"]
    assert alone == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [("on the 3rd of October", "day"), ("le 6 décembre", "day"), ("on 3 October", "day")],
)
def test_day_expressions_are_days(text: str, kind: str):
    """Each way of writing a day of a month is read as a day."""
    (found,) = find_dates(text, "en" if text.startswith("on") else "fr", None)
    assert (found.kind, found.month, found.days[0]) == (kind, found.month, int("".join(filter(str.isdigit, text))))


def test_a_previous_edition_does_not_take_the_current_sessions_delegations():
    """After "the previous assembly was held in Cairo", the delegations attending belong to this year's assembly."""
    current, previous = meetings(
        "published: 2023-11-20\n\nThe 12th general assembly of the police cooperation body opened in Algiers on 19 "
        "November. The previous assembly was held in Cairo in 2022. Delegations from Tunisia, Egypt, Nigeria, Senegal "
        "and Ghana are attending the current session."
    )
    assert (current["city"], current["participant_states_iso3"]) == ("Algiers", ["TUN", "EGY", "NGA", "SEN", "GHA"])
    assert (previous["city"], previous["start_date"], previous["participant_states_iso3"]) == (
        "Cairo",
        "2022-01-01",
        [],
    )


def test_a_trip_left_for_names_the_meetings_city_not_the_datelines():
    """Filed in Tehran about a minister who "left for Moscow" to attend: the meeting is in Moscow."""
    (found,) = meetings(
        "TEHRAN, May 27 (Agency) – Iran's top security official left for Moscow on Monday to attend the 12th "
        "international meeting of high representatives for security issues."
    )
    assert (found["city"], found["country_iso3"]) == ("Moscow", "RUS")


def test_a_delegation_received_by_an_organisation_has_no_state_host():
    """Received in Lyon by Interpol's secretary general: the visitor's state only, France being just the venue."""
    (found,) = meetings(
        "PARIS, 5 mars 2024 – Une délégation de la police algérienne a été reçue lundi à Lyon par le secrétaire "
        "général d'Interpol pour des entretiens sur la cybercriminalité."
    )
    assert summary(found) == ("bilateral", "2024-03-04", "day", "Lyon", "FRA", ["DZA"], None)


def test_the_day_a_following_sentence_says_it_was_held_is_the_meetings():
    """ "They met in Rabat. It was held on 6 December": the meeting has the day, not only the article's month."""
    (found,) = meetings(
        "published: 2023-12-10\n\nThe police chiefs of Morocco and Spain met in Rabat. It was held on 6 December and "
        "focused on drug trafficking."
    )
    assert (found["start_date"], found["date_precision"]) == ("2023-12-06", "day")
