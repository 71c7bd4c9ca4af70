"""Who took part: the states a meeting's sentences name as parties, and the two sides of a bilateral."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import read_sentences
from liaison.extract.dates import When
from liaison.extract.events import Event, build_events, consolidate
from liaison.extract.mentions import Sentence
from liaison.extract.parties import (
    home_state,
    invited_by,
    meeting_format,
    membership_list,
    parties,
    party_actors,
    received_by_organisation,
    years_agree,
)

ARTICLE = When(date(2025, 6, 10), date(2025, 6, 10), "day")
ORGANISATIONS = BUNDLED_CODEBOOK.organisations


def read(body: str, lang: str = "fr") -> tuple[list[Sentence], list[Event]]:
    sentences = read_sentences(body, lang, ARTICLE, [])
    return sentences, consolidate(build_events(sentences))


def actors_of(body: str, lang: str = "en") -> list[str]:
    sentences, (event, *_) = read(body, lang)
    return party_actors(event, sentences, event.when())


def states_of(body: str, lang: str = "fr") -> list[list[str]]:
    """The participant lists of each meeting of the text, as the records step computes them."""
    sentences, events = read(body, lang)
    home = home_state(sentences, events)
    return [parties(e, party_actors(e, sentences, e.when()), home, sentences, ORGANISATIONS) for e in events]


def sentence(text: str) -> Sentence:
    return read_sentences(text, "en", ARTICLE, [])[0]


@pytest.mark.parametrize(
    ("text", "when", "agree"),
    [
        ("Interpol, founded in 1923, met in Lyon.", When(date(2025, 5, 5), date(2025, 5, 5), "day"), False),
        ("The ministers met in Lyon in 2025.", When(date(2025, 5, 5), date(2025, 5, 5), "day"), True),
        ("The ministers met in Lyon.", When(date(2025, 5, 5), date(2025, 5, 5), "day"), True),
        ("Interpol, founded in 1923, met in Lyon.", None, True),
        ("The talks of 2024 and 2025 went on.", When(date(2024, 12, 30), date(2025, 1, 2), "day"), True),
    ],
)
def test_a_sentence_about_another_year_is_not_about_this_meeting(text: str, when: When | None, agree: bool) -> None:
    assert years_agree(sentence(text), when) is agree


def test_guests_are_not_participants() -> None:
    """ "Invited as guests" says who was asked, not who took part."""
    base = "The conference was held in Doha on 5 May 2025 with Qatar, Oman and Jordan. Egypt and Iraq "
    assert actors_of(base + "were invited as guests.") == ["QAT", "OMN", "JOR"]
    assert actors_of(base + "took part too.") == ["QAT", "OMN", "JOR", "EGY", "IRQ"]


def test_states_named_in_reported_speech_are_not_participants() -> None:
    stressing = "The conference was held in Doha on 5 May 2025 with Qatar and Oman, stressing that Iran must cooperate."
    assert actors_of(stressing) == ["QAT", "OMN"]
    assert actors_of(stressing.replace("stressing that", "and")) == ["QAT", "OMN", "IRN"]


def test_a_bodys_member_list_is_not_an_attendance_list() -> None:
    """The SCO's members are listed; only Kazakhstan is said to be at the conference."""
    text = (
        "The SCO, whose members are China, Russia and India, held a conference in Astana on 5 May 2025 with Kazakhstan."
    )
    assert [ref.iso3 for ref in membership_list(sentence(text))] == ["CHN", "RUS", "IND"]
    assert actors_of(text) == ["KAZ"]


def test_the_same_verbs_after_a_meetings_noun_list_who_came() -> None:
    text = "The conference, which groups together China, Russia and India, was held in Astana on 5 May 2025."
    assert membership_list(sentence(text)) == []
    assert actors_of(text) == ["CHN", "RUS", "IND"]


def test_a_host_named_only_by_its_city_is_added_when_the_text_says_it_hosted() -> None:
    delegations = " Delegations from Iraq, Egypt and Syria took part."
    assert states_of("The conference was hosted in Amman on 5 May 2025." + delegations, "en") == [
        [["JOR", "IRQ", "EGY", "SYR"]]
    ]
    assert states_of("The conference was held in Amman on 5 May 2025." + delegations, "en") == [[["IRQ", "EGY", "SYR"]]]


def test_talks_pair_the_protagonists_state_with_the_host() -> None:
    """The DGSN-DGST is Morocco's: the visitor, named before "avec", meets his Saudi host."""
    text = "Le patron de la DGSN-DGST s'est entretenu à Riyad avec son homologue saoudien sur la lutte antiterroriste."
    sentences, events = read(text)
    assert home_state(sentences, events) == "MAR"
    assert states_of(text) == [[["MAR", "SAU"]]]


def test_a_series_of_talks_on_the_margins_gives_one_pair_per_counterpart() -> None:
    """The talks take the states of the margins' sentence; the meeting, named there only as their frame, does not."""
    found = states_of(
        "La 22e réunion s'est tenue à Vienne le 6 mai 2025. En marge de la réunion, le patron de la DGSN-DGST a eu "
        "des entretiens avec ses homologues qatari, turc et pakistanais."
    )
    assert found == [[[]], [["MAR", "QAT"], ["MAR", "TUR"], ["MAR", "PAK"]]]


def test_a_visit_received_by_an_organisation_is_not_talks_with_the_host_city_state() -> None:
    """Received in Lyon by Interpol's secretary general: Morocco met Interpol, not France."""
    by_interpol = "Le ministre marocain de l'Intérieur a été reçu à Lyon par le secrétaire général d'Interpol."
    sentences, (event,) = read(by_interpol)
    assert received_by_organisation(event, sentences, ORGANISATIONS) is True
    assert states_of(by_interpol) == [[["MAR"]]]
    assert states_of("Le ministre marocain de l'Intérieur a été reçu à Lyon pour parler de terrorisme.") == [
        [["MAR", "FRA"]]
    ]


def test_the_state_that_invited_is_read_after_a_l_invitation_de() -> None:
    sentences, (event,) = read(
        "Une réunion s'est tenue le 5 mai 2025 à l'invitation de la police nationale espagnole avec des responsables "
        "marocains sur le terrorisme."
    )
    assert invited_by(event, sentences) == "ESP"


@pytest.mark.parametrize(
    ("event", "states", "shape"),
    [
        (Event(kind="multi"), ["MAR", "QAT"], "multilateral"),
        (Event(kind="neutral"), ["MAR", "QAT", "TUR"], "multilateral"),
        (Event(kind="bi"), ["MAR", "QAT"], "bilateral"),
        (Event(kind="neutral", bilateral_cue=True), ["MAR", "QAT"], "bilateral"),
        (Event(kind="neutral"), ["MAR", "QAT"], "multilateral"),
        (Event(kind="bi"), ["MAR", "QAT", "TUR"], "multilateral"),
    ],
    ids=["gathering", "three-states", "visit", "a-recu", "plain-meeting", "visit-of-three"],
)
def test_the_format_is_multilateral_for_gatherings_and_three_states(
    event: Event, states: list[str], shape: str
) -> None:
    assert meeting_format(event, states) == shape
