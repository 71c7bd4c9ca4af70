"""Validation: every kind of bad input gets one clear line naming file, line and column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import mini_tables, write_tables

from liaison.dataset.schema import TABLES, check_cell, check_table, suspect_cells
from liaison.dataset.store import DatasetError, load_dataset, validate_folder


def problems_for(tmp_path: Path, table: str, row: int, **changes: str) -> list[str]:
    tables = mini_tables()
    tables[table][row].update(changes)
    folder = write_tables(tmp_path / "data", tables)
    return [str(problem) for problem in validate_folder(folder)[1]]


def test_the_mini_dataset_is_valid(mini_folder: Path) -> None:
    """The fixture every other test builds on has no problem."""
    assert validate_folder(mini_folder)[1] == []


@pytest.mark.parametrize(
    ("table", "row", "changes", "expected"),
    [
        (
            "meetings",
            0,
            {"end_date": "2025-05-05"},
            "meetings.csv:2:end_date: ends before start_date (2025-05-05 < 2025-05-06)",
        ),
        (
            "meetings",
            1,
            {"start_date": "2025-13-01"},
            "meetings.csv:3:start_date: '2025-13-01' is not a date (YYYY-MM-DD)",
        ),
        (
            "meetings",
            0,
            {"format": "trilateral"},
            "meetings.csv:2:format: 'trilateral' is not one of multilateral, bilateral",
        ),
        ("meetings", 0, {"title": ""}, "meetings.csv:2:title: is required"),
        ("meetings", 0, {"edition": "22nd"}, "meetings.csv:2:edition: '22nd' is not a whole number"),
        (
            "meetings",
            0,
            {"venue_id": "nowhere"},
            "meetings.csv:2:venue_id: 'nowhere' is not a venue_id in venues.csv",
        ),
        (
            "meetings",
            1,
            {"parent_meeting_id": "ghost"},
            "meetings.csv:3:parent_meeting_id: 'ghost' is not a meeting_id in meetings.csv",
        ),
        (
            "meetings",
            2,
            {"parent_meeting_id": "vienna-mar-qat"},
            "meetings.csv:4:parent_meeting_id: 'vienna-mar-qat' is bilateral; a parent must be a multilateral meeting",
        ),
        (
            "meetings",
            0,
            {"organizer": "NOBODY"},
            "meetings.csv:2:organizer: 'NOBODY' is not a country code nor an org_id in organizations.csv",
        ),
        ("meetings", 1, {"meeting_id": "vienna-22"}, "meetings.csv:3:meeting_id: duplicate key (vienna-22)"),
        (
            "meetings",
            0,
            {"meeting_id": "Vienna 22"},
            "meetings.csv:2:meeting_id: 'Vienna 22' is not a slug (lower case letters, digits and hyphens)",
        ),
        (
            "meetings",
            5,
            {"start_date": "2020-01-01"},
            "meetings.csv:7:date_precision: is 'unknown' but dates are given",
        ),
        (
            "meetings",
            0,
            {"start_date": ""},
            "meetings.csv:2:start_date: is required when date_precision is day",
        ),
        (
            "venues",
            0,
            {"country_iso3": "XYZ"},
            "venues.csv:2:country_iso3: 'XYZ' is not an ISO 3166 alpha-3 country code",
        ),
        ("venues", 0, {"latitude": "91"}, "venues.csv:2:latitude: 91 is outside -90..90"),
        ("venues", 1, {"longitude": "east"}, "venues.csv:3:longitude: 'east' is not a number"),
        (
            "participants",
            0,
            {"role": "guest"},
            "participants.csv:2:role: 'guest' is not one of host, organizer, chair, participant, counterpart, observer",
        ),
        (
            "participants",
            1,
            {"actor": "ATLANTIS"},
            "participants.csv:3:actor: 'ATLANTIS' is not a country code nor an org_id in organizations.csv",
        ),
        (
            "participants",
            0,
            {"meeting_id": "ghost"},
            "participants.csv:2:meeting_id: 'ghost' is not a meeting_id in meetings.csv",
        ),
        (
            "topics",
            0,
            {"topic_id": "piracy"},
            "topics.csv:2:topic_id: 'piracy' is not a topic_id in taxonomy.csv",
        ),
        (
            "evidence",
            0,
            {"source_id": "s9"},
            "evidence.csv:2:source_id: 's9' is not a source_id in sources.csv",
        ),
        (
            "sources",
            0,
            {"published": "May 2025"},
            "sources.csv:2:published: 'May 2025' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            "sources",
            0,
            {"url": "example.org"},
            "sources.csv:2:url: 'example.org' is not a web address (http:// or https://)",
        ),
        (
            "memberships",
            0,
            {"org_id": "UN-MT"},
            "memberships.csv:2:org_id: 'UN-MT' is a un-body, not a bloc; only blocs list member states",
        ),
    ],
)
def test_a_bad_cell_is_reported_with_file_line_and_column(tmp_path, table, row, changes, expected) -> None:
    """Each rule of the codebook names the exact place that breaks it."""
    assert expected in problems_for(tmp_path, table, row, **changes)


def test_a_meeting_without_evidence_is_reported(tmp_path: Path) -> None:
    """Every meeting must be traceable to a source."""
    tables = mini_tables()
    tables["evidence"] = [row for row in tables["evidence"] if row["meeting_id"] != "moscow-12"]
    problems = [str(p) for p in validate_folder(write_tables(tmp_path / "data", tables))[1]]
    assert problems == ["meetings.csv:5:meeting_id: has no row in evidence.csv"]


def test_a_missing_file_is_named(mini_folder: Path) -> None:
    (mini_folder / "venues.csv").unlink()
    problems = [str(p) for p in validate_folder(mini_folder)[1]]
    assert problems == [f"venues.csv: file is missing in {mini_folder}"]


def test_an_empty_file_says_which_header_it_needs(mini_folder: Path) -> None:
    (mini_folder / "topics.csv").write_text("", encoding="utf-8")
    problems = [str(p) for p in validate_folder(mini_folder)[1]]
    assert problems == ["topics.csv: file is empty (expected the header: meeting_id,topic_id)"]


def test_a_wrong_header_names_missing_and_unexpected_columns(mini_folder: Path) -> None:
    path = mini_folder / "topics.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("topic_id", "topic"), encoding="utf-8")
    problems = [str(p) for p in validate_folder(mini_folder)[1]]
    assert problems == ["topics.csv:1: wrong header: missing column(s) topic_id; unexpected column(s) topic"]


def test_non_utf8_bytes_are_reported_with_their_line(mini_folder: Path) -> None:
    path = mini_folder / "venues.csv"
    path.write_bytes(path.read_bytes().replace(b"Moscou", "Mosc\xf4u".encode("latin-1")))
    problems = [str(p) for p in validate_folder(mini_folder)[1]]
    assert problems == ["venues.csv:3: is not UTF-8 text (byte 0xf4); save it as UTF-8"]


def test_a_ragged_row_is_reported_not_raised(mini_folder: Path) -> None:
    path = mini_folder / "topics.csv"
    path.write_text(path.read_text(encoding="utf-8") + "a,b,c,d\n", encoding="utf-8")
    problems = [str(p) for p in validate_folder(mini_folder)[1]]
    assert problems == ["topics.csv:6: has 4 cell(s) but the header has 2 (quote a cell holding a comma)"]


def test_loading_an_invalid_folder_raises_with_every_problem(tmp_path: Path) -> None:
    tables = mini_tables()
    tables["meetings"][0]["format"] = "trilateral"
    tables["venues"][0]["latitude"] = "100"
    with pytest.raises(DatasetError) as raised:
        load_dataset(write_tables(tmp_path / "data", tables))
    assert len(raised.value.problems) == 2


def test_loaded_tables_are_typed(mini) -> None:
    """Dates become timestamps and editions integers, so queries never parse text."""
    assert str(mini.meetings["start_date"].dtype).startswith("datetime64")
    assert mini.meetings.loc[mini.meetings["meeting_id"] == "vienna-22", "edition"].iloc[0] == 22
    assert mini.meetings["venue_id"].isna().sum() == 1


@pytest.mark.parametrize(
    ("table", "row", "changes", "expected"),
    [
        ("meetings", 0, {"edition": "２２"}, "meetings.csv:2:edition: '２２' is not a whole number"),
        ("meetings", 0, {"edition": "²"}, "meetings.csv:2:edition: '²' is not a whole number"),
        (
            "meetings",
            0,
            {"start_date": "2025-W19-2"},
            "meetings.csv:2:start_date: '2025-W19-2' is not a date (YYYY-MM-DD)",
        ),
    ],
)
def test_what_the_validator_accepts_the_loader_can_read(tmp_path, table, row, changes, expected) -> None:
    """Digits in other scripts and ISO week dates pass Python's own checks but not pandas': refuse them."""
    assert expected in problems_for(tmp_path, table, row, **changes)


HOSTILE_VALUES = [
    "",
    "ok",
    "vienna-22",
    "Vienna 22",
    "UN-MT",
    "un-mt",
    "QAT",
    "QQQ",
    "multilateral",
    "trilateral",
    "22",
    "22nd",
    "0",
    "10000",
    "+7",
    "48.2",
    "nan",
    "-inf",
    "1e999",
    "٤٨",
    "4_8",
    "91",
    "-180.5",
    "2025-05-06",
    "2025-02-30",
    "2025-13-01",
    "0000-01-01",
    "2025-W19-1",
    "2025",
    "2025-05",
    "0000",
    "2025-00",
    "https://example.org/a?b=c#d",
    "HTTPS://EXAMPLE.ORG/",
    "https://example.org/a\u00a0b",
    "https://exämple.org/",
    "javascript:alert(1)",
    "http://",
    "http://[::1]/",
    "https:///path",
    "title\u202eevil",
    "line\nbreak",
    "tab\there",
    "x" * 101,
    "y" * 5001,
]


@pytest.mark.parametrize(
    "column",
    [column for table in TABLES.values() for column in table.columns],
    ids=lambda column: f"{column.kind}-{column.name}",
)
def test_the_whole_column_rules_flag_every_cell_the_cell_rule_refuses(column) -> None:
    """Whole-column checks may flag too much (the cell rule then clears it) but never too little."""
    values = pd.Series(HOSTILE_VALUES, dtype=str)
    flagged = suspect_cells(column, values)
    missed = [
        value
        for value, suspect in zip(HOSTILE_VALUES, flagged, strict=True)
        if check_cell(column, value) and not suspect
    ]
    assert missed == []


def test_a_large_table_reports_only_its_bad_cells(tmp_path: Path) -> None:
    """Thousands of good rows pass the whole-column checks; the bad ones are named with their line."""
    table = TABLES["topics"]
    frame = pd.DataFrame({"meeting_id": [f"m-{n}" for n in range(5000)], "topic_id": ["terrorism"] * 5000}, dtype=str)
    frame.loc[1234, "topic_id"] = "Not A Slug"
    frame.loc[4321, "meeting_id"] = "m-7"
    assert [str(problem) for problem in check_table(table, frame)] == [
        "topics.csv:1236:topic_id: 'Not A Slug' is not a slug (lower case letters, digits and hyphens)",
        "topics.csv:4323:topic_id: duplicate key (m-7, terrorism)",
    ]
