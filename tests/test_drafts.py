"""From an uploaded article to draft rows: bad input is refused with a reason, good input is drafted."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUNDLED_CODEBOOK, EDITOR

from liaison.dataset.changes import Snapshot, check_against, revision, save
from liaison.dataset.store import load_dataset, validate_folder
from liaison.extract.article import extract_article
from liaison.intake.article import review
from liaison.intake.drafts import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    Origin,
    SourceInfo,
    decode_article,
    draft_rows,
    slug,
    untranslated_title,
    with_titles,
    without_drafts,
)
from liaison.intake.duplicates import find_duplicates
from liaison.intake.geocode import GeocodingChain

VIENNA_SEED = "004_da8b90398754ecf0.txt"


def test_utf8_text_is_read_as_is() -> None:
    assert decode_article("Réunion à Vienne.".encode()) == "Réunion à Vienne."


def test_windows_1252_text_is_decoded_not_refused() -> None:
    raw = "Réunion à Vienne – « sécurité » ’".encode("cp1252")
    assert decode_article(raw) == "Réunion à Vienne – « sécurité » ’"


def test_html_is_reduced_to_its_paragraphs() -> None:
    page = (
        b"<html><head><script>var x=1;</script></head>"
        b"<body><nav>Menu</nav><p>First &amp; one.</p><p>Second</p></body></html>"
    )
    assert decode_article(page) == "First & one.\n\nSecond"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "the file is empty"),
        (b"   \n\t ", "the file is empty"),
        (bytes(range(256)) * 8, "binary file"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary file"),
        (b"<html><script>only()</script></html>", "no text in this file"),
    ],
)
def test_bad_input_gets_a_clear_reason(raw, reason) -> None:
    with pytest.raises(ArticleError, match=reason):
        decode_article(raw, "upload.txt")


def test_an_article_over_20_mb_is_refused() -> None:
    with pytest.raises(ArticleError, match="too large for an article"):
        decode_article(b"a" * (MAX_ARTICLE_BYTES + 1), "huge.txt")


def test_slugs_are_ascii_words() -> None:
    assert slug("Réunion à Fès, 2024!") == "reunion-a-fes-2024"


DRAFTS = [
    {
        "title": "22e réunion régionale",
        "series": None,
        "edition": 22,
        "start_date": "2025-05-06",
        "end_date": "2025-05-07",
        "date_precision": "day",
        "city": "Vienna",
        "country_iso3": "AUT",
        "venue": None,
        "organizer": "UN Monitoring Team",
        "format": "multilateral",
        "participant_states_iso3": ["MAR", "QAT"],
        "parent": None,
        "topics": ["terrorism", "terrorisme", "piracy"],
    },
    {
        "title": "Entretien Maroc–Qatar",
        "series": None,
        "edition": None,
        "start_date": "2025-05-06",
        "end_date": "2025-05-07",
        "date_precision": "day",
        "city": "Vienna",
        "country_iso3": "AUT",
        "venue": None,
        "organizer": None,
        "format": "bilateral",
        "participant_states_iso3": ["MAR", "QAT"],
        "parent": 0,
        "topics": [],
    },
]


def test_drafts_become_valid_rows_that_save(mini_folder: Path) -> None:
    frames = validate_folder(mini_folder)[0]
    source = SourceInfo(outlet="Press Agency", language="fr", url="https://example.org/a", published="2025-05-08")
    tables = draft_rows(frames, DRAFTS, source, geocoder=None)
    meetings = tables["meetings"].tail(2)
    assert list(meetings["venue_id"]) == ["", ""]  # the mini data has no city venue "Vienna"; no geocoder given
    assert meetings.iloc[1]["parent_meeting_id"] == meetings.iloc[0]["meeting_id"]
    assert meetings.iloc[0]["organizer"] == "UN-MT"  # matched by name
    new_topics = tables["topics"][tables["topics"]["meeting_id"] == meetings.iloc[0]["meeting_id"]]
    assert list(new_topics["topic_id"]) == ["terrorism"]  # labels and ids matched once, unknown dropped
    roles = tables["participants"][tables["participants"]["meeting_id"] == meetings.iloc[1]["meeting_id"]]
    assert list(zip(roles["actor"], roles["role"], strict=True)) == [("MAR", "participant"), ("QAT", "counterpart")]
    saved = save(mini_folder, tables, revision(mini_folder), "ingest", EDITOR)
    ds = load_dataset(mini_folder)
    assert len(ds.meetings) == 8 and saved.revision == ds.version.digest
    assert ds.sources.iloc[-1]["outlet"] == "Press Agency"


def test_every_draft_cites_each_further_source_under_an_id_of_its_own(mini_folder: Path) -> None:
    """Two articles from one outlet on one day are two sources; each meeting has evidence in both."""
    frames = validate_folder(mini_folder)[0]
    main = SourceInfo(outlet="Agency", language="fr", url="https://agency.example/a", published="2025-05-08")
    also = [
        SourceInfo(outlet="Agency", language="en", url="https://agency.example/b", published="2025-05-08"),
        SourceInfo(outlet="BBC Monitoring", language="en"),
    ]
    origin = Origin("From {outlet}{published}, checked.", "De {outlet}{published}, vérifiée.", "Checked by hand.")
    tables = draft_rows(frames, DRAFTS, main, geocoder=None, also=also, origin=origin)
    added = tables["sources"].iloc[len(frames["sources"]) :]
    assert list(added["source_id"]) == ["agency-2025-05-08", "agency-2025-05-08-2", "bbc-monitoring"]
    assert list(added["url"]) == ["https://agency.example/a", "https://agency.example/b", ""]
    meetings = tables["meetings"].iloc[len(frames["meetings"]) :]
    evidence = tables["evidence"].iloc[len(frames["evidence"]) :]
    for meeting_id in meetings["meeting_id"]:
        assert sorted(evidence.loc[evidence["meeting_id"] == meeting_id, "source_id"]) == list(added["source_id"])
    assert set(evidence["note"]) == {"Checked by hand."}
    assert set(meetings["summary"]) == {"From Agency (2025-05-08), checked."}
    assert set(meetings["summary_fr"]) == {"De Agency (2025-05-08), vérifiée."}
    assert not check_against(frames, [], tables)
    assert review(Snapshot(frames, [], ""), DRAFTS, main, None, also=also).source_id == "agency-2025-05-08"


def test_a_drafted_city_is_placed_by_the_offline_gazetteer_and_reused(mini_folder: Path) -> None:
    """The real geocoding chain: 'Le Caire' is located as Cairo once, then the new venue is reused."""
    chain = GeocodingChain.for_folder(mini_folder, {})
    frames = validate_folder(mini_folder)[0]
    drafts = [dict(DRAFTS[0], city="Le Caire", country_iso3="EGY", parent=None), dict(DRAFTS[0], city="Cairo")]
    drafts[1]["country_iso3"] = "EGY"
    tables = draft_rows(frames, drafts, SourceInfo(outlet="Agency", language="fr"), chain)
    venues = tables["venues"].tail(1).iloc[0]
    assert (venues["venue_id"], venues["city"], venues["geocoded_by"]) == ("cairo", "Cairo", "gazetteer")
    assert abs(float(venues["latitude"]) - 30.06) < 0.2 and len(tables["venues"]) == len(frames["venues"]) + 1
    assert set(tables["meetings"].tail(2)["venue_id"]) == {"cairo"}


def test_a_country_only_draft_is_placed_at_the_capital_with_french_name(mini_folder: Path) -> None:
    chain = GeocodingChain.for_folder(mini_folder, {})
    frames = validate_folder(mini_folder)[0]
    draft = dict(DRAFTS[0], city=None, country_iso3="MAR", parent=None)
    tables = draft_rows(frames, [draft], SourceInfo(outlet="Agency", language="fr"), chain)
    venue = tables["venues"].tail(1).iloc[0]
    assert (venue["venue_id"], venue["precision"], venue["name_fr"]) == ("country-mar", "country", "Maroc")


def test_a_bilateral_gets_a_title_in_each_language_from_its_states_and_city(mini_folder: Path) -> None:
    """The extractor's French title is rebuilt in English and French; a conference's own name is kept as written."""
    chain = GeocodingChain.for_folder(mini_folder, {})
    drafts = with_titles([dict(DRAFTS[1], city="Vienne"), DRAFTS[0]], "fr", chain)
    assert (drafts[0]["title_en"], drafts[0]["title_fr"]) == (
        "Morocco–Qatar talks (Vienna)",
        "Entretiens Maroc–Qatar (Vienne)",
    )
    assert drafts[0]["title"] == "Entretien Maroc–Qatar" and not untranslated_title(drafts[0], "fr")
    assert drafts[1]["title_en"] == drafts[1]["title_fr"] == "22e réunion régionale"
    assert untranslated_title(drafts[1], "fr")
    tables = draft_rows(validate_folder(mini_folder)[0], drafts, SourceInfo(outlet="A", language="fr"), chain)
    saved = tables["meetings"].tail(2).iloc[0]
    assert (saved["title"], saved["title_fr"], saved["title_original"]) == (
        "Morocco–Qatar talks (Vienna)",
        "Entretiens Maroc–Qatar (Vienne)",
        "Entretien Maroc–Qatar",
    )


def test_skipped_drafts_leave_nothing_behind_and_their_margins_point_to_the_record(mini_folder: Path) -> None:
    """Skipping the drafted multilateral links its bilateral to the recorded one; skipping all adds nothing."""
    chain = GeocodingChain.for_folder(mini_folder, {})
    frames = validate_folder(mini_folder)[0]
    drafts = [
        dict(DRAFTS[0], city="Le Caire", country_iso3="EGY"),
        dict(DRAFTS[1], city="Le Caire", country_iso3="EGY"),
    ]
    tables = draft_rows(frames, drafts, SourceInfo(outlet="Agency", language="fr"), chain)
    first, second = tables["meetings"]["meeting_id"].iloc[-2:]
    kept = without_drafts(frames, tables, {first: "vienna-22"})
    assert list(kept["meetings"]["meeting_id"].iloc[len(frames["meetings"]) :]) == [second]
    assert kept["meetings"].iloc[-1]["parent_meeting_id"] == "vienna-22"
    assert first not in set(kept["participants"]["meeting_id"]) | set(kept["evidence"]["meeting_id"])
    assert len(kept["venues"]) == len(frames["venues"]) + 1 and len(kept["sources"]) == len(frames["sources"]) + 1
    nothing = without_drafts(frames, tables, {first: "vienna-22", second: "vienna-mar-qat"})
    assert {name: len(frame) for name, frame in nothing.items()} == {name: len(frames[name]) for name in nothing}


def test_every_meeting_of_the_vienna_article_is_recognised_as_recorded(shared: Path) -> None:
    """The seed article's six drafts are the six Vienna meetings of the bundled data, each matched to its own."""
    folder = Path(__file__).resolve().parent.parent / "data"
    text = decode_article((shared / "seeds" / VIENNA_SEED).read_bytes())
    found = extract_article(text, codebook=BUNDLED_CODEBOOK)
    chain = GeocodingChain.for_folder(folder, {})
    frames = validate_folder(folder)[0]
    drafts = with_titles(found["meetings"], found["language"], chain)
    tables = draft_rows(frames, drafts, SourceInfo(outlet="DGSN", language="fr"), chain)
    matched = find_duplicates(frames, tables)
    assert len(found["meetings"]) == 6
    assert sorted(match.recorded_id for match in matched.values()) == [
        "2025-05-vienna-mar-are",
        "2025-05-vienna-mar-pak",
        "2025-05-vienna-mar-qat",
        "2025-05-vienna-mar-sau",
        "2025-05-vienna-mar-tur",
        "2025-05-vienna-mena-22",
    ]
