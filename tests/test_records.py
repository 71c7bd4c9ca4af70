"""From assembled meetings to records: final dates, which meetings are worth proposing, titles, topics, evidence."""

from __future__ import annotations

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import (
    article_reference,
    detect_language,
    normalize,
    number_editions,
    previous_editions,
    read_sentences,
    split_header,
)
from liaison.extract.dates import parse_published
from liaison.extract.events import build_events, consolidate
from liaison.extract.mentions import Sentence
from liaison.extract.records import evidence, finish, keyword_pattern, render

VIENNA = (
    "published: 2025-06-10\n\nLa 22e réunion régionale des chefs des services de renseignement s'est tenue à Vienne "
    "les 6 et 7 mai 2025, organisée par Interpol. Elle a porté sur la cybercriminalité puis sur le terrorisme. En "
    "marge de la réunion, le patron de la DGSN-DGST s'est entretenu avec son homologue qatari."
)


def drafts_of(text: str) -> tuple[list[dict], list[Sentence], str]:
    """The drafts `finish` makes of an article, with its sentences and language, up to the records step."""
    header, body = split_header(text)
    body = normalize(body)
    lang = detect_language(body)
    reference, datelines = article_reference(body, parse_published(header.get("published", "")), lang)
    sentences = read_sentences(body, lang, reference, datelines)
    events = consolidate(build_events(sentences) + previous_editions(sentences))
    number_editions(events)
    return finish(events, sentences, reference, body, BUNDLED_CODEBOOK), sentences, lang


def records_of(text: str, lang: str | None = None) -> list[dict]:
    drafts, sentences, detected = drafts_of(text)
    return render(drafts, sentences, lang or detected, BUNDLED_CODEBOOK)


def dates(record: dict) -> tuple:
    return record["start_date"], record["end_date"], record["date_precision"]


def test_keywords_match_whole_words_in_folded_text() -> None:
    """ "cyber" must not fire inside "cybersecurity", and "sûreté" meets "surete" either way."""
    pattern = keyword_pattern(("cyber", "sûreté"))
    assert pattern.search("la surete nationale") and pattern.search("the cyber unit")
    assert not pattern.search("cybersecurity experts") and not pattern.search("cyber-attack")


def test_a_topic_without_keywords_matches_nothing() -> None:
    assert keyword_pattern(()).search("anything at all") is None
    assert keyword_pattern(("  ",)).search("  ") is None


def test_bilateral_talks_without_security_vocabulary_are_not_proposed() -> None:
    """The dashboard is about security cooperation: a tourism minister's talks are left out."""
    tourism = (
        "published: 2025-06-10\n\nLe ministre marocain du Tourisme a reçu son homologue qatari à Rabat pour parler "
        "de tourisme."
    )
    assert records_of(tourism) == []
    security = tourism.replace("du Tourisme", "de l'Intérieur").replace("de tourisme.", "de sécurité.")
    assert [r["participant_states_iso3"] for r in records_of(security)] == [["MAR", "QAT"]]


def test_a_summit_of_heads_of_state_is_not_a_security_meeting() -> None:
    summit = (
        "published: 2025-06-10\n\nLe sommet des chefs d'État de l'Union africaine s'est tenu à Addis-Abeba le 5 mai "
        "2025 sur le terrorisme."
    )
    assert records_of(summit) == []
    ministers = summit.replace("Le sommet des chefs d'État", "La conférence des ministres de l'Intérieur")
    assert [r["format"] for r in records_of(ministers)] == ["multilateral"]


def test_a_stated_duration_from_a_stated_first_day_gives_the_last_day() -> None:
    held = (
        "published: 2025-06-10\n\nA two-day meeting of police chiefs from Mali, Niger and Chad was held on 3 May in "
        "Bamako."
    )
    (record,) = records_of(held)
    assert dates(record) == ("2025-05-03", "2025-05-04", "day")


def test_a_duration_counted_back_from_the_last_day_leaves_only_the_month_sure() -> None:
    """ "Closed on 5 May after three days" could be 3–5 May or a day before or after: the month is what is known."""
    closed = (
        "published: 2025-06-10\n\nA meeting of police chiefs from Mali, Niger and Chad closed on 5 May in Bamako after "
        "three days."
    )
    (record,) = records_of(closed)
    assert dates(record) == ("2025-05-01", "2025-05-01", "month")


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2025-06-10", ("2025-06-01", "2025-06-01", "month")), ("2025", ("2025-01-01", "2025-01-01", "year"))],
)
def test_an_undated_lead_meeting_gets_the_articles_month_or_year(published: str, expected: tuple) -> None:
    text = (
        f"published: {published}\n\nThe Jordanian interior minister held talks in Amman with his Iraqi counterpart "
        "on border security."
    )
    (record,) = records_of(text)
    assert dates(record) == expected


def test_bilateral_titles_name_both_states_in_the_language_asked_for() -> None:
    text = (
        "published: 2025-06\n\nThe Jordanian interior minister held talks in Amman with his Iraqi counterpart on "
        "border security."
    )
    assert [r["title"] for r in records_of(text)] == ["Jordan–Iraq talks (Amman)"]
    assert [r["title"] for r in records_of(text, "fr")] == ["Entretiens Jordanie–Irak (Amman)"]


def test_a_numbered_meeting_gets_its_name_series_edition_organiser_and_topics_in_order() -> None:
    meeting, _ = records_of(VIENNA)
    assert meeting["title"] == "22e réunion régionale des chefs des services de renseignement"
    assert meeting["series"] == "Réunion régionale des chefs des services de renseignement"
    assert meeting["edition"] == 22 and meeting["organizer"] == "INTERPOL"
    assert meeting["topics"] == ["intelligence-cooperation", "cybercrime", "terrorism"]
    assert dates(meeting) == ("2025-05-06", "2025-05-07", "day")


def test_talks_on_the_margins_point_to_their_meeting_and_share_its_dates() -> None:
    meeting, talks = records_of(VIENNA)
    assert talks["parent"] == 0 and talks["format"] == "bilateral"
    assert talks["participant_states_iso3"] == ["MAR", "QAT"]
    assert dates(talks) == dates(meeting) and talks["title"] == "Entretiens Maroc–Qatar (Vienne)"


def test_evidence_names_the_sentence_each_field_was_read_from() -> None:
    drafts, sentences, lang = drafts_of(VIENNA)
    records = render(drafts, sentences, lang, BUNDLED_CODEBOOK)
    meeting, talks = (evidence(d, r, sentences, lang, BUNDLED_CODEBOOK) for d, r in zip(drafts, records, strict=True))
    assert meeting == {"meeting": 0, "date": 0, "venue": 0, "organizer": 0, "topics": 0}
    assert talks == {"meeting": 2, "venue": 0, "participants": 2, "parent": 2}
