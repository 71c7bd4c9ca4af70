"""Talks beside a multilateral meeting told in the ways unseen articles tell them: audiences one leader after another,
a parent named in an earlier sentence or only by its name, talks "during" the meeting, a receiver no state names.

Every article here is invented for these tests; each case fails when the rule it names is removed.
"""

from __future__ import annotations

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article
from liaison.extract.places import find_state_refs


def meetings(body: str, published: str) -> list[dict]:
    text = f"source: https://example.org/invented\npublished: {published}\n\n{body}\n"
    return extract_article(text, codebook=BUNDLED_CODEBOOK)["meetings"]


def talks(found: list[dict]) -> list[tuple[tuple[str, ...], int | None]]:
    """Each bilateral's states and parent, in the order drafted."""
    return [(tuple(m["participant_states_iso3"]), m["parent"]) for m in found if m["format"] == "bilateral"]


def the_meeting(found: list[dict]) -> int:
    (index,) = [i for i, m in enumerate(found) if m["format"] == "multilateral"]
    return index


def test_a_head_of_state_named_with_his_country_is_a_party_not_a_person_s_nationality():
    """ "President Nana Akufo-Addo of Ghana" is Ghana's delegation; "Secretary General X of Brazil" stays a person."""
    refs = find_state_refs(
        "The President received President Nana Akufo-Addo of Ghana and Prime Minister Ousmane Sonko of Senegal, "
        "with Secretary General Mr Jorge Lima of Brazil and Interpol President Ana Diaz of Chile."
    )
    assert [(ref.iso3, ref.role) for ref in refs] == [
        ("GHA", "actor"),
        ("SEN", "actor"),
        ("BRA", "ignored"),
        ("CHL", "ignored"),
    ]


def test_audiences_of_leaders_named_by_title_and_country_are_one_talk_each_beside_the_summit():
    """Received President X of Ghana at home on the summit's margins, then two more leaders: three talks beside it."""
    found = meetings(
        "Abuja, June 3, 2024 - President Bola Tinubu on Monday received President Nana Akufo-Addo of Ghana at the "
        "State House on the margins of the ECOWAS extraordinary summit on security in the Sahel. He later held talks "
        "with Senegalese President Bassirou Diomaye Faye. The President also received the Prime Minister of Togo.",
        "2024-06-03",
    )
    summit = the_meeting(found)
    assert talks(found) == [(("NGA", "GHA"), summit), (("NGA", "SEN"), summit), (("NGA", "TGO"), summit)]


def test_a_receiver_no_state_names_is_left_out_rather_than_taken_from_his_first_guest():
    """ "President X met the Turkish president … also held talks with A and B": one talk per guest, X's side blank."""
    found = meetings(
        "Bishkek, November 7, 2024 - The summit of the Organization of Turkic States on regional security opened in "
        "Bishkek on 6 November. On the sidelines, President Kassym-Jomart Tokayev met Turkish President Recep Tayyip "
        "Erdogan. Tokayev also held talks with Azerbaijani President Ilham Aliyev and with Uzbek President Shavkat "
        "Mirziyoyev.",
        "2024-11-07",
    )
    summit = the_meeting(found)
    assert talks(found) == [(("TUR",), summit), (("AZE",), summit), (("UZB",), summit)]
    assert next(m["title"] for m in found if m["format"] == "bilateral") == "Talks with Türkiye (Bishkek)"


def test_talks_told_as_also_having_had_talks_keep_the_receiver_of_the_talks_before():
    """ "Il a également eu des entretiens avec le Premier ministre tchadien" follows the talks before: the same side."""
    found = meetings(
        "Ouagadougou, 25 septembre 2024 - Le sommet de l'Alliance des États du Sahel sur la sécurité s'est tenu mardi "
        "à Ouagadougou. En marge du sommet, le président du Faso s'est entretenu avec son homologue malien, puis avec "
        "le président nigérien. Il a également eu des entretiens avec le Premier ministre tchadien.",
        "2024-09-25",
    )
    summit = the_meeting(found)
    assert talks(found) == [(("BFA", "MLI"), summit), (("BFA", "NER"), summit), (("BFA", "TCD"), summit)]


def test_on_its_sidelines_points_back_to_a_meeting_no_word_made_multilateral():
    """ "The meeting … was held. On its sidelines, A held talks with B": the meeting is the parent, the talks apart."""
    found = meetings(
        "Dushanbe, 18 October 2023 - The meeting of the Council of Defence Ministers of the CIS was held in Dushanbe "
        "on Tuesday. Russian Defence Minister Sergei Shoigu took part. On its sidelines, Shoigu held talks with Tajik "
        "Defence Minister Sherali Mirzo. He also had a meeting with the defence minister of Kyrgyzstan.",
        "2023-10-18",
    )
    meeting = the_meeting(found)
    assert (found[meeting]["city"], found[meeting]["participant_states_iso3"]) == ("Dushanbe", ["RUS"])
    assert talks(found) == [(("RUS", "TJK"), meeting), (("RUS", "KGZ"), meeting)]


def test_on_the_sidelines_of_which_names_the_meeting_before_the_cue():
    """ "The conference opened, on the sidelines of which bilateral meetings were held": the talks are beside it."""
    found = meetings(
        "Doha, 5 May 2025 - The fifth conference of Gulf police chiefs opened in Doha on Sunday, on the sidelines of "
        "which several bilateral meetings were held. The Qatari police chief met his Kuwaiti counterpart. He then "
        "received the head of the Omani police. It followed a meeting of Gulf interior ministers held in Muscat in "
        "March 2025.",
        "2025-05-05",
    )
    assert [m["city"] for m in found if m["format"] == "multilateral"] == ["Doha", "Muscat"]
    assert talks(found) == [(("QAT", "KWT"), 0), (("QAT", "OMN"), 0)]


def test_en_marge_de_celui_ci_points_back_to_the_meeting_of_the_sentence_before():
    """ "Le forum s'est tenu lundi. En marge de celui-ci, A a eu des entretiens avec B": talks beside the forum."""
    found = meetings(
        "Dakar, 9 octobre 2024 - Le forum régional sur la sécurité maritime s'est tenu lundi à Dakar. En marge de "
        "celui-ci, le ministre sénégalais des Forces armées a eu des entretiens avec son homologue mauritanien. Une "
        "réunion des chefs d'état-major s'était tenue à Abidjan en juin 2024.",
        "2024-10-09",
    )
    assert (found[0]["city"], found[0]["format"]) == ("Dakar", "multilateral")
    assert talks(found) == [(("SEN", "MRT"), 0)]


def test_talks_during_a_conference_are_talks_on_its_margins():
    """ "Au cours de cette conférence, A a rencontré B. Il s'est aussi entretenu avec C": two talks beside it."""
    found = meetings(
        "Rome, 20 octobre 2024 - La conférence ministérielle sur la migration et la sécurité en Méditerranée s'est "
        "tenue à Rome les 17 et 18 octobre. Au cours de cette conférence, le ministre tunisien de l'Intérieur a "
        "rencontré son homologue italien. Il s'est aussi entretenu avec le ministre libyen de l'Intérieur.",
        "2024-10-20",
    )
    conference = the_meeting(found)
    assert found[conference]["participant_states_iso3"] == ["ITA"]
    assert talks(found) == [(("TUN", "ITA"), conference), (("TUN", "LBY"), conference)]


def test_talks_on_the_second_day_of_a_summit_are_beside_it():
    """ "On the second day of the summit, A held talks with B": during the summit, so on its margins."""
    found = meetings(
        "Addis Ababa, 19 February 2024 - The African Union summit on peace and security opened in Addis Ababa on 17 "
        "February. On the second day of the summit, Kenya's president held talks with his Somali counterpart on "
        "border security.",
        "2024-02-19",
    )
    assert talks(found) == [(("KEN", "SOM"), the_meeting(found))]


def test_the_two_states_named_are_the_sides_of_talks_held_where_neither_is_at_home():
    """Talks told next in another meeting's city: the Moroccan chief and Senegal's, not Morocco and the city's state."""
    found = meetings(
        "On 12 March 2024 the heads of the intelligence services of Morocco and Mauritania met in Nouakchott. The "
        "same day, the Moroccan chief received the head of Senegal's intelligence service.",
        "2024-03-14",
    )
    assert [sorted(m["participant_states_iso3"]) for m in found] == [["MAR", "MRT"], ["MAR", "SEN"]]


def test_a_gathering_named_after_the_cue_without_a_trigger_word_is_the_parent():
    """ "On the sidelines of the Justice and Home Affairs Council": no "meeting" word, still the talks' parent."""
    found = meetings(
        "Spain's interior minister held bilateral meetings with his counterparts from Italy, Greece and Malta on the "
        "sidelines of the Justice and Home Affairs Council in Luxembourg on 12 June 2024. They discussed migration and "
        "border security.",
        "2024-06-13",
    )
    council = the_meeting(found)
    assert found[council]["title"] == "Justice and Home Affairs Council"
    assert talks(found) == [(("ESP", "ITA"), council), (("ESP", "GRC"), council), (("ESP", "MLT"), council)]


def test_a_meeting_talks_were_held_beside_is_never_folded_into_later_talks():
    """A forum with no date or place of its own stays the parent; "he also held a meeting with C" is more talks."""
    found = meetings(
        "Pakistan's prime minister held a series of meetings on the sidelines of the World Economic Forum on 22 "
        "January 2025. He first received the President of Azerbaijan. Later he met the Prime Minister of Belgium. He "
        "also held a meeting with the Emir of Qatar. The talks covered counter-terrorism and trade.",
        "2025-01-23",
    )
    forum = the_meeting(found)
    assert found[forum]["title"] == "World Economic Forum"
    assert talks(found) == [(("PAK", "AZE"), forum), (("PAK", "BEL"), forum), (("PAK", "QAT"), forum)]


def test_a_number_of_bilateral_meetings_announces_the_talks_told_next_and_is_not_one_more():
    """ "She held a number of bilateral meetings. She first received A, then met B": two talks, not three."""
    found = meetings(
        "Bari, 15 June 2024 - The G7 summit on security and migration was held in Apulia on 13 to 15 June.\n\nOn the "
        "sidelines of the summit, Prime Minister Giorgia Meloni of Italy held a number of bilateral meetings.\n\nIn "
        "the morning, she received the Prime Minister of India.\n\nShe then met the President of Kenya.",
        "2024-06-15",
    )
    summit = the_meeting(found)
    assert talks(found) == [(("ITA", "IND"), summit), (("ITA", "KEN"), summit)]


def test_talks_on_a_day_of_the_one_meeting_at_its_place_are_beside_it():
    """Talks dated within the summit's days, where it sits, with no cue: beside it, not a second summit."""
    found = meetings(
        "Abuja, 4 June 2024 - The ECOWAS summit on security in the Sahel was held in Abuja on 3 and 4 June. On 3 "
        "June, the Nigerian president received his Ghanaian counterpart to discuss border security.",
        "2024-06-04",
    )
    summit = the_meeting(found)
    assert found[summit]["participant_states_iso3"] == []
    assert talks(found) == [(("NGA", "GHA"), summit)]


def test_talks_told_after_the_margins_keep_their_receiver_when_the_article_opens_with_a_guest():
    """The Malian delegation is named first, the Senegalese minister receives: "he also had talks" is Senegal's too."""
    found = meetings(
        "Dakar, 5 June 2024 - A Malian delegation led by the defence minister attended the regional forum on maritime "
        "security held in Dakar on 4 June. On the sidelines of the forum, Senegal's armed forces minister received the "
        "Malian minister. He also had a meeting with the Chadian minister of security.",
        "2024-06-05",
    )
    forum = the_meeting(found)
    assert talks(found) == [(("SEN", "MLI"), forum), (("SEN", "TCD"), forum)]


def test_talks_told_right_after_the_summit_are_not_the_summit():
    """ "The summit opened. The president received his Ghanaian counterpart": talks beside it, Ghana not an attendee."""
    found = meetings(
        "Abuja, 4 June 2024 - The ECOWAS summit on security in the Sahel opened in Abuja on Monday 3 June. President "
        "Tinubu received his Ghanaian counterpart to discuss border security. Several other meetings took place on "
        "the margins of the summit, officials said.",
        "2024-06-04",
    )
    summit = the_meeting(found)
    assert found[summit]["participant_states_iso3"] == []
    assert talks(found) == [(("NGA", "GHA"), summit)]


@pytest.mark.parametrize("cue", ["at the sideline of", "on the side-lines of", "at the margins of"])
def test_the_margins_are_named_in_more_than_one_way(cue: str):
    """ "At the sideline of", "on the side-lines of", "at the margins of" all put the talks beside the meeting."""
    found = meetings(
        "The Nigerian interior minister held talks with his Beninese counterpart on border security "
        f"{cue} the ECOWAS ministerial meeting in Abuja.",
        "2024-06-04",
    )
    assert talks(found) == [(("NGA", "BEN"), the_meeting(found))]


def test_talks_ahead_of_the_summit_follow_no_talks_on_its_margins():
    """ "Ahead of the summit, A had held talks with B", after margin talks: earlier, not beside it, and undated."""
    found = meetings(
        "Abuja, 4 June 2024 - The ECOWAS summit on security in the Sahel opened in Abuja on Monday 3 June. On its "
        "sidelines, President Tinubu received his Ghanaian counterpart. Ahead of the summit, the Nigerian interior "
        "minister had held talks on border security with his Beninese counterpart.",
        "2024-06-04",
    )
    assert talks(found) == [(("NGA", "GHA"), the_meeting(found))]


def test_talks_ahead_of_the_meeting_elsewhere_stay_apart():
    """Talks "ahead of the summit" in another city, on another day, have no parent and lend the summit no guest."""
    found = meetings(
        "Abuja, 4 June 2024 - The ECOWAS summit on security in the Sahel was held in Abuja on 3 and 4 June. Ahead of "
        "the summit, the Nigerian interior minister had held talks on border security with his Beninese counterpart "
        "in Lagos on 1 June.",
        "2024-06-04",
    )
    assert [(m["format"], m["city"], m["participant_states_iso3"], m["parent"]) for m in found] == [
        ("multilateral", "Abuja", ["NGA"], None),
        ("bilateral", "Lagos", ["NGA", "BEN"], None),
    ]


def test_a_meeting_named_twice_in_its_first_sentence_keeps_its_margins_guests_apart():
    """ "La 92e session de l'assemblée générale" is one meeting; its margins' guest is the talks', not the session's."""
    found = meetings(
        "Marrakech, 6 novembre 2024 - La 92e session de l'assemblée générale d'Interpol s'est ouverte lundi à "
        "Marrakech. Le directeur général de la police marocaine a reçu en marge de cette session le chef de la police "
        "du Burkina Faso.",
        "2024-11-06",
    )
    session = the_meeting(found)
    assert found[session]["participant_states_iso3"] == ["MAR"]
    assert talks(found) == [(("MAR", "BFA"), session)]


def test_talks_told_by_their_verb_are_not_the_past_assembly_named_next():
    """ "They also held talks with B. A hosted the 84th assembly in 2015": two records, the talks beside this year's."""
    found = meetings(
        "The 90th INTERPOL General Assembly opened on Tuesday 18 October in New Delhi. On the sidelines, the Rwandan "
        "delegation met the Zambian police chief. They also held talks with the Commissioner General of the Uganda "
        "Police Force. Rwanda hosted the 84th INTERPOL General Assembly in Kigali in November 2015.",
        "2022-10-20",
    )
    parent = found.index(next(m for m in found if m["edition"] == 90))
    assert talks(found) == [(("RWA", "ZMB"), parent), (("RWA", "UGA"), parent)]
    (past,) = [m for m in found if m["edition"] == 84]
    assert (past["city"], past["participant_states_iso3"], past["parent"]) == ("Kigali", ["RWA"], None)


def test_talks_told_after_talks_beside_a_meeting_are_beside_it_too():
    """ "A held a series of bilateral meetings. A met B. He also met C": C's talks share the meeting and receiver."""
    found = meetings(
        "The 90th INTERPOL General Assembly opened on Tuesday 18 October in New Delhi. On Tuesday, the Rwanda "
        "delegation held a series of bilateral meetings. Its head met his counterpart from Zambia. He also met the "
        "Ugandan police chief.",
        "2022-10-20",
    )
    parent = the_meeting(found)
    assert sorted(talks(found)) == [(("RWA", "UGA"), parent), (("RWA", "ZMB"), parent)]


def test_states_told_after_a_meeting_on_the_margins_attended_it_not_the_larger_one():
    """ "A meeting was held on the sidelines of the Dialogue. China and India were represented": at the meeting."""
    found = meetings(
        "A closed meeting of intelligence chiefs from some twenty countries was held on Friday on the sidelines of the "
        "Shangri-La Dialogue. China, the United States and India were represented.",
        "2023-06-04",
    )
    dialogue = next(i for i, m in enumerate(found) if m["title"] == "Shangri-La Dialogue")
    (meeting,) = [m for m in found if m["parent"] == dialogue]
    assert meeting["participant_states_iso3"] == ["CHN", "USA", "IND"]
    assert found[dialogue]["participant_states_iso3"] == []


def test_the_outlet_s_dateline_does_not_place_talks_held_beside_a_meeting():
    """ "Kigali, 20 October - A met B on the sidelines of the assembly": the talks were where the assembly was."""
    found = meetings(
        "Kigali, 20 October 2022 - Rwanda's police chief held bilateral talks with the police chiefs of Zambia and "
        "Uganda on the sidelines of the 90th INTERPOL General Assembly, which opened on Tuesday.",
        "2022-10-20",
    )
    assert [(m["city"], m["country_iso3"]) for m in found] == [(None, None)] * 3


def test_talks_with_visiting_leaders_have_the_venue_s_state_as_receiver():
    """ "President X held talks with visiting leaders": whoever the visitors came to see is the venue's state."""
    found = meetings(
        "The 15th security forum opened on Monday in Nairobi. President Ruto held bilateral talks with visiting "
        "leaders on the sidelines of the forum. He met the Ugandan president, the Tanzanian president and the "
        "Somali president.",
        "2024-06-05",
    )
    forum = the_meeting(found)
    assert talks(found) == [(("KEN", "UGA"), forum), (("KEN", "TZA"), forum), (("KEN", "SOM"), forum)]
