"""The rules that carry the extractor beyond the articles it was tuned on, each on sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article
from liaison.extract.dates import find_dates
from liaison.extract.places import find_cities, lookup_city


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


# Rules added for issue 14: each on sentences written for these tests.


def pairs_of(found: list[dict]) -> list[list[str]]:
    return [meeting["participant_states_iso3"] for meeting in found if meeting["format"] == "bilateral"]


def test_each_new_counterpart_received_opens_talks_of_its_own_on_the_same_day_and_place():
    """ "He then received the Libyan minister": a second audience, dated and placed like the first."""
    found = meetings(
        "published: 2024-04-30\n\nLe chef des renseignements égyptiens a reçu lundi au Caire une délégation "
        "soudanaise. Les deux parties ont évoqué la sécurité des frontières. Il a ensuite reçu le ministre libyen "
        "de l'Intérieur, avec qui il a parlé de terrorisme."
    )
    assert [summary(meeting) for meeting in found] == [
        ("bilateral", "2024-04-29", "day", "Le Caire", "EGY", ["EGY", "SDN"], None),
        ("bilateral", "2024-04-29", "day", "Le Caire", "EGY", ["EGY", "LBY"], None),
    ]


def test_audiences_told_one_sentence_each_on_the_margins_keep_the_meeting_as_parent_and_its_states_apart():
    """Each audience is talks beside the assembly; the assembly takes from its margins only the host's own state."""
    found = meetings(
        "published: 2022-10-20\n\nThe 88th General Assembly of the world police body opened on Tuesday 18 October in "
        "Lagos, with delegations from 150 countries.\n\nOn the sidelines of the General Assembly, Nigeria's Inspector "
        "General of Police held bilateral meetings with the police chiefs of Ghana and Cameroon. He also met the "
        "Director General of the Egyptian police to discuss cybercrime.\n\nThe Inspector General later received the "
        "head of the Kenyan police, and held talks with a delegation from Brazil led by its federal police director."
        "\n\nSenegal's police chief also met with his Malian counterpart during the assembly."
    )
    assembly, *talks = found
    assert (assembly["format"], assembly["participant_states_iso3"]) == ("multilateral", ["NGA"])
    assert [meeting["participant_states_iso3"] for meeting in talks] == [
        ["NGA", "GHA"],
        ["NGA", "CMR"],
        ["NGA", "EGY"],
        ["NGA", "KEN"],
        ["NGA", "BRA"],
        ["SEN", "MLI"],
    ]
    assert {(meeting["format"], meeting["parent"], meeting["start_date"], meeting["city"]) for meeting in talks} == {
        ("bilateral", 0, "2022-10-18", "Lagos")
    }


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "La 25e conférence des chefs de police s'est ouverte jeudi 19 mai à Dakar. Y prennent part les délégations "
            "du Bénin, du Ghana, du Mali, du Niger et du Togo. En marge de la conférence, le ministre sénégalais de "
            "l'Intérieur a reçu le chef de la police malienne, puis le directeur de la police nigérienne. Il s'est "
            "ensuite entretenu avec l'inspecteur général de la police du Ghana.",
            [["SEN", "MLI"], ["SEN", "NER"], ["SEN", "GHA"]],
        ),
        (
            "La 90e Assemblée générale de l'organisation de police s'est ouverte mardi 19 mai à New Delhi. En marge de "
            "cette Assemblée, le directeur de la police marocaine a tenu une série de réunions bilatérales avec ses "
            "homologues du Ghana, du Kenya et de la Zambie. Il s'est également entretenu avec le chef de la police "
            "brésilienne, ainsi qu'avec le commissaire de la police australienne.",
            [["MAR", "GHA"], ["MAR", "KEN"], ["MAR", "ZMB"], ["MAR", "BRA"], ["MAR", "AUS"]],
        ),
    ],
    ids=["the-subject-of-a-recu-after-a-list-of-delegations", "a-tenu-une-serie-then-ainsi-qu-avec"],
)
def test_the_one_who_receives_is_one_side_of_every_audience(text: str, pairs: list[list[str]]):
    """The state named before "a reçu" or "a tenu des réunions" receives; "il" keeps receiving in the next sentence."""
    found = meetings(f"published: 2022-05-20\n\n{text}")
    assert pairs_of(found) == pairs
    assert {meeting["parent"] for meeting in found if meeting["format"] == "bilateral"} == {0}


def test_guests_received_one_after_another_without_a_meeting_are_one_bilateral_each():
    """ "Received separately the ambassadors of A, B and C" and "also granted an audience to D": four talks."""
    found = meetings(
        "ISLAMABAD, Feb 19 – Pakistan's interior minister on Tuesday received separately the ambassadors of China, "
        "Turkey and Iran in Islamabad and discussed counter-terrorism cooperation. He also granted an audience to "
        "the visiting head of the Uzbek security service.\n\npublished: 2025-02-19"
    )
    assert pairs_of(found) == [["PAK", "CHN"], ["PAK", "TUR"], ["PAK", "IRN"], ["PAK", "UZB"]]
    assert {(meeting["start_date"], meeting["city"]) for meeting in found} == {("2025-02-18", "Islamabad")}


def test_receiving_the_participants_of_a_meeting_is_a_courtesy_not_talks():
    """ "A reçu les participants à la réunion … tenue lundi": the meeting is Monday's; the reception is not drafted."""
    (found,) = meetings(
        "published: 2023-09-27\n\nLe président de la République a reçu mardi au palais les participants à la réunion "
        "des chefs des services de renseignement du Sahel, tenue lundi 25 septembre à Nouakchott. Les délégations du "
        "Mali, du Niger et du Tchad ont pris part à cette réunion, aux côtés de la Mauritanie."
    )
    assert summary(found) == (
        "multilateral",
        "2023-09-25",
        "day",
        "Nouakchott",
        "MRT",
        ["MLI", "NER", "TCD", "MRT"],
        None,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre marocain de l'Intérieur a participé au congrès du parti au pouvoir à Madrid, avant de rencontrer, "
        "le 12 avril, son homologue espagnol pour parler de trafic de drogue.",
        "Le ministre marocain de l'Intérieur a assisté au sommet des chefs d'État à Madrid, avant de s'entretenir avec "
        "son homologue espagnol, le 12 avril, sur le trafic de drogue.",
    ],
    ids=["rencontrer", "s-entretenir-avec"],
)
def test_talks_told_by_an_infinitive_are_kept_apart_from_the_congress_beside_them(text: str):
    """The dated talks are drafted; the party congress or summit they follow is not folded into them."""
    (found,) = meetings(f"published: 2023-04\n\n{text}")
    assert summary(found) == ("bilateral", "2023-04-12", "day", "Madrid", "ESP", ["MAR", "ESP"], None)


def test_the_next_meeting_announced_for_a_year_has_that_year_and_no_parties_of_its_own():
    """ "Will be held in Dushanbe in 2025": a year further off dates an announcement; its parties are not known."""
    this, following = meetings(
        "published: 2024-10-10\n\nThe heads of the intelligence services of Kazakhstan, Kyrgyzstan, Tajikistan and "
        "Uzbekistan met in Bishkek on October 8-9 to discuss regional security. The next meeting will be held in "
        "Dushanbe in 2025."
    )
    assert this["participant_states_iso3"] == ["KAZ", "KGZ", "TJK", "UZB"]
    assert summary(following) == ("multilateral", "2025-01-01", "year", "Dushanbe", "TJK", [], None)


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre français de l'Intérieur a réuni jeudi à Paris les préfets et les directeurs de la police pour "
        "faire le point sur la sécurité de l'été. Cette réunion s'est tenue place Beauvau.",
        "Le ministre français de l'Intérieur a présidé jeudi à Lyon une réunion des préfets sur la sécurité de l'été.",
    ],
    ids=["no-place-for-the-meeting", "a-city-of-its-own-state"],
)
def test_a_ministers_meeting_with_his_own_officials_is_not_security_cooperation(text: str):
    """One state, no other party, nothing foreign: a domestic meeting is not drafted."""
    assert meetings(f"published: 2022-07-01\n\n{text}") == []


def test_a_joint_committee_of_two_states_is_bilateral():
    """ "Le comité mixte maroco-mauritanien": the two states of the compound, one bilateral."""
    (found,) = meetings(
        "published: 2025-05-22\n\nRabat a abrité mercredi 21 mai la 3e réunion du comité mixte de sécurité "
        "maroco-mauritanien. Les deux parties ont examiné la lutte contre le terrorisme."
    )
    assert summary(found) == ("bilateral", "2025-05-21", "day", "Rabat", "MAR", ["MAR", "MRT"], None)
    assert found["edition"] == 3


def test_the_host_country_named_as_such_among_the_delegations_takes_part():
    """ "Aux côtés du pays hôte": the venue's state is a participant beside the delegations listed."""
    found = meetings(
        "published: 2022-05-20\n\nLa 25e conférence des chefs de police s'est ouverte jeudi 19 mai à Dakar. Y "
        "prennent part les délégations du Bénin, du Ghana et du Togo, aux côtés du pays hôte."
    )
    assert found[0]["participant_states_iso3"] == ["SEN", "BEN", "GHA", "TGO"]


def test_a_list_of_delegations_does_not_name_the_articles_protagonist():
    """The state first named in a list of attendees is not the visitor of the talks told afterwards."""
    found = meetings(
        "published: 2022-05-20\n\nLa conférence des chefs de police s'est ouverte jeudi 19 mai à Dakar. Y prennent "
        "part les délégations du Bénin, du Ghana, du Mali et du Togo. En marge de la conférence, il a reçu le chef "
        "de la police malienne, puis le directeur de la police ghanéenne. Le ministre sénégalais a salué les travaux."
    )
    assert pairs_of(found) == [["SEN", "MLI"], ["SEN", "GHA"]]


def test_the_meeting_a_margins_cue_names_must_follow_it_in_the_same_clause():
    """ "En marge des travaux, il a eu des entretiens": the talks are beside the session, not their own parent."""
    found = meetings(
        "published: 2022-10-25\n\nLe directeur de la police marocaine a conduit la délégation à la 90e session de "
        "l'Assemblée générale de l'organisation de police, tenue à New Delhi du 18 au 21 octobre. En marge des "
        "travaux, il a eu des entretiens bilatéraux avec le chef de la police de l'Inde, et avec le chef de la police "
        "des Émirats arabes unis. Il a aussi rencontré le commandant de la police du Qatar."
    )
    assert pairs_of(found) == [["MAR", "IND"], ["MAR", "ARE"], ["MAR", "QAT"]]
    assert {meeting["parent"] for meeting in found[1:]} == {0}


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        (
            "The police chiefs of Chad, Niger and Mali met in N'Djamena on Friday and Saturday on border security.",
            "2023-06-02",
            "2023-06-03",
        ),
        (
            "Les chefs de police du Tchad, du Niger et du Mali se sont réunis de jeudi à samedi à N'Djamena.",
            "2023-06-01",
            "2023-06-03",
        ),
        (
            "The meeting of police chiefs from Chad, Niger and Mali, which opened in N'Djamena on Thursday, ended on "
            "Saturday.",
            "2023-06-01",
            "2023-06-03",
        ),
        (
            "Les travaux de la réunion des chefs de police du Tchad, du Niger et du Mali ont débuté vendredi à "
            "N'Djamena. Ils se poursuivront jusqu'à dimanche.",
            "2023-06-02",
            "2023-06-04",
        ),
    ],
    ids=["friday-and-saturday", "de-jeudi-a-samedi", "opened-then-ended", "jusqu-a-dimanche"],
)
def test_two_weekdays_give_the_first_and_the_last_day(sentence: str, start: str, end: str):
    """A pair of weekdays, or an opening day and a closing one, is the meeting's range of days."""
    found = meetings(f"published: 2023-06-04\n\n{sentence}")
    assert (found[0]["start_date"], found[0]["end_date"], found[0]["date_precision"]) == (start, end, "day")


@pytest.mark.parametrize(
    "head",
    [
        "N'Djamena, Chad (Agency) -- June 4, 2023 -- ",
        "Posted on June 4, 2023\n\n",
        "June 4, 2023 | 10:30 AM\n\n",
        "Chad and Niger talk security\n\nBy Jane Roe | 4 June 2023\n\n",
        "Chad and Niger talk security\n\n4 June 2023 - ",
        "Mis à jour le 4 juin 2023\n\n",
        "Le 4 juin 2023 à 10h30\n\n",
    ],
    ids=["agency-in-parentheses", "posted-on", "date-then-time", "byline", "date-dash", "mis-a-jour", "le-date-a-time"],
)
def test_the_ways_a_page_prints_its_date_are_datelines(head: str):
    """The page's own date is the article's, so "on Friday" is the Friday before it, not the printed day."""
    (found,) = meetings(
        f"{head}The police chiefs of Chad and Niger held talks on Friday in N'Djamena on border security."
    )
    assert (found["start_date"], found["date_precision"]) == ("2023-06-02", "day")


def test_a_day_after_la_republique_is_not_a_publication_date():
    """ "Le président de la République … lundi 25 septembre" dates the meeting; "république" is not "publié"."""
    (found,) = meetings(
        "published: 2023-09-27\n\nLe président de la République a présidé lundi 25 septembre à Nouakchott la réunion "
        "des chefs de police du Mali, du Niger et de la Mauritanie."
    )
    assert (found["start_date"], found["date_precision"]) == ("2023-09-25", "day")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le ministre a déclaré lors d'une conférence de presse jeudi que les discussions avaient été utiles.",
        "The minister later addressed the national assembly in Niamey.",
        "The talks come ahead of the African Union summit in Addis Ababa next month.",
        "They had last met at the G20 summit in New Delhi in September 2022.",
        "Le ministre nigérien participera ensuite au sommet de la Francophonie à Djerba.",
        "La veille, les deux ministres avaient assisté au congrès du parti au pouvoir à N'Djamena.",
    ],
    ids=["conference-de-presse", "national-assembly", "au-summit", "g20-summit", "sommet-francophonie", "congres"],
)
def test_press_conferences_parliaments_and_summits_without_security_are_not_meetings(sentence: str):
    """Only the security talks are drafted; what is named beside them in passing is neither drafted nor merged."""
    found = meetings(
        "published: 2023-06-15\n\nLes ministres de la Défense du Tchad et du Niger se sont entretenus le 14 juin à "
        f"N'Djamena sur la sécurité des frontières. {sentence}"
    )
    assert [(m["city"], m["start_date"]) for m in found] == [("N'Djamena", "2023-06-14")]


def test_an_announced_summit_of_the_articles_own_parties_is_kept():
    """ "They will hold a summit" after their security meeting: the article's own next meeting."""
    found = meetings(
        "published: 2022-11-20\n\nLeaders met in Abuja on 17 November to discuss security. They will hold a summit "
        "on 22 November in Accra."
    )
    assert [m["city"] for m in found] == ["Abuja", "Accra"]


@pytest.mark.parametrize(
    ("name", "city", "iso3"),
    [("Islamabad", "Islamabad", "PAK"), ("Vienne", "Vienna", "AUT"), ("San José", "San José", "CRI")],
)
def test_a_capital_comes_before_a_city_that_bears_its_name_as_an_alternate(name: str, city: str, iso3: str):
    """Islamabad is Pakistan's capital, not an old name of Chittagong; a larger city still wins over a small one."""
    found = lookup_city(name)
    assert (found.name, found.iso3) == (city, iso3)


def test_read_also_lines_are_other_articles_headlines():
    """ "Lire aussi : …" and "Read more: …" name other articles' meetings; they are not drafted."""
    found = meetings(
        "published: 2023-06-15\n\nLes ministres de la Défense du Tchad et du Niger se sont entretenus le 14 juin à "
        "N'Djamena sur la sécurité des frontières.\n\nLire aussi : Le chef de la police malienne reçu à Dakar par son "
        "homologue sénégalais le 3 mai\n\nRead more: Kenya and Uganda police chiefs meet in Kampala on 2 May\n\nLes "
        "deux ministres ont signé un accord."
    )
    assert [m["city"] for m in found] == ["N'Djamena"]


def test_a_word_that_starts_like_un_or_des_is_not_an_indefinite_article():
    """ "La réunion de l'Union africaine" points back like any definite noun: "Union" is not "un"."""
    (found,) = meetings(
        "published: 2023-06-15\n\nLa réunion des chefs de police africains s'est ouverte le 14 juin à Addis-Abeba. "
        "Des délégations du Kenya et de l'Ouganda prennent part à la réunion de l'Union africaine."
    )
    assert found["participant_states_iso3"] == ["KEN", "UGA"]


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Une délégation ghanéenne a pris part à la 90e Assemblée générale de l'organisation de police, ouverte "
            "mardi 18 octobre à New Delhi. En marge de l'Assemblée, le directeur de la police marocaine a tenu une "
            "série de réunions bilatérales avec ses homologues du Kenya et de la Zambie.",
            [["MAR", "KEN"], ["MAR", "ZMB"]],
        ),
        (
            "A Ghanaian delegation attended the 90th General Assembly of the police organisation, which opened on "
            "Tuesday 18 October in New Delhi. On the sidelines of the assembly, Kenya's police chief received the head "
            "of the Ugandan police. He then received the Tanzanian police commissioner.",
            [["KEN", "UGA"], ["KEN", "TZA"]],
        ),
    ],
    ids=["a-tenu-une-serie-de-reunions", "he-then-received"],
)
def test_the_receiver_is_who_the_verb_of_audience_names_not_the_ledes_protagonist(text: str, pairs: list[list[str]]):
    """The state before "a tenu des réunions" or "received" is one side; "he then received" keeps it."""
    assert pairs_of(meetings(f"published: 2022-10-19\n\n{text}")) == pairs


def test_talks_with_one_guest_then_with_another_are_two_bilaterals():
    """ "S'est entretenu avec A, ainsi qu'avec B": two talks, even with no meeting on whose margins they were held."""
    found = meetings(
        "published: 2024-03-05\n\nLe ministre tunisien de l'Intérieur s'est entretenu lundi à Tunis avec son "
        "homologue libyen, ainsi qu'avec le ministre algérien de l'Intérieur, de la sécurité des frontières."
    )
    assert pairs_of(found) == [["TUN", "LBY"], ["TUN", "DZA"]]


def test_a_meeting_with_nothing_of_its_own_is_not_drafted():
    """No party, place, date, edition or name: the article's date alone makes no meeting a reviewer could record."""
    assert (
        meetings("published: 2024-03-05\n\nLa réunion a porté sur la sécurité et la lutte contre le terrorisme.") == []
    )
