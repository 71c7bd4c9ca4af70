"""The duplicate rule: a draft repeats a recorded meeting only when format, dates, place or parent, and states agree."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from liaison.dataset.store import validate_folder
from liaison.intake.drafts import SourceInfo, draft_rows
from liaison.intake.duplicates import MeetingFacts, find_duplicates, is_same_meeting, period

RECORDED = MeetingFacts(
    meeting_id="vienna-mar-qat",
    format="bilateral",
    first_day=date(2025, 5, 6),
    last_day=date(2025, 5, 7),
    city="vienna",
    country="AUT",
    parent_id="vienna-22",
    states=frozenset({"MAR", "QAT"}),
)
MULTILATERAL = replace(
    RECORDED,
    meeting_id="vienna-22",
    format="multilateral",
    parent_id="",
    states=frozenset({"MAR", "QAT", "TUR", "PAK", "SAU", "ARE"}),
)


def draft(base: MeetingFacts = RECORDED, **changes) -> MeetingFacts:
    return replace(base, meeting_id="draft", **changes)


def month(year: int, number: int) -> dict[str, date | None]:
    first, last = period(f"{year}-{number:02d}-01", f"{year}-{number:02d}-01", "month")
    return {"first_day": first, "last_day": last}


@pytest.mark.parametrize(
    ("case", "candidate", "recorded", "same"),
    [
        ("the same meeting", draft(), RECORDED, True),
        ("the other format", draft(format="multilateral"), RECORDED, False),
        ("dates a month later", draft(first_day=date(2025, 6, 6), last_day=date(2025, 6, 7)), RECORDED, False),
        ("one day overlapping", draft(first_day=date(2025, 5, 7), last_day=date(2025, 5, 7)), RECORDED, True),
        ("no date at all", draft(first_day=None, last_day=None), RECORDED, False),
        ("dated to the month of the meeting", draft(**month(2025, 5)), RECORDED, True),
        ("dated to the next month", draft(**month(2025, 6)), RECORDED, False),
        ("a month-dated record and a day inside it", draft(), replace(RECORDED, **month(2025, 5)), True),
        ("another city, another parent", draft(city="cairo", country="EGY", parent_id=""), RECORDED, False),
        ("another city of the same country", draft(city="graz", parent_id=""), RECORDED, False),
        ("another city, the same parent", draft(city="cairo", country="EGY"), RECORDED, True),
        ("the country only, no parent", draft(city="", parent_id=""), RECORDED, True),
        ("no venue, no parent", draft(city="", country="", parent_id=""), RECORDED, False),
        ("a bilateral with another state", draft(states=frozenset({"MAR", "TUR"})), RECORDED, False),
        ("a bilateral naming one state", draft(states=frozenset({"MAR"})), RECORDED, False),
        (
            "a multilateral naming some of the states",
            draft(MULTILATERAL, states=frozenset({"MAR", "TUR", "PAK"})),
            MULTILATERAL,
            True,
        ),
        (
            "a multilateral naming mostly other states",
            draft(MULTILATERAL, states=frozenset({"MAR", "FRA", "DEU"})),
            MULTILATERAL,
            False,
        ),
        ("a multilateral naming no state", draft(MULTILATERAL, states=frozenset()), MULTILATERAL, True),
    ],
)
def test_the_rule(case: str, candidate: MeetingFacts, recorded: MeetingFacts, same: bool) -> None:
    """Each case changes one condition of the rule; the answer says whether that condition decides."""
    assert is_same_meeting(candidate, recorded) is same, case


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2025-05-06", "2025-05-07", "day", (date(2025, 5, 6), date(2025, 5, 7))),
        ("2024-02-01", "2024-02-01", "month", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-01-01", "2023-01-01", "year", (date(2023, 1, 1), date(2023, 12, 31))),
        ("", "", "unknown", (None, None)),
    ],
)
def test_a_period_is_widened_to_its_precision(start, end, precision, expected) -> None:
    assert period(start, end, precision) == expected


VIENNA_DRAFTS = [
    {
        "title": "22e réunion régionale",
        "start_date": "2025-05-06",
        "end_date": "2025-05-06",
        "date_precision": "day",
        "country_iso3": "AUT",
        "format": "multilateral",
        "participant_states_iso3": ["MAR"],
        "parent": None,
    },
    {
        "title": "Entretien Maroc–Qatar",
        "start_date": "2025-05",
        "date_precision": "month",
        "format": "bilateral",
        "participant_states_iso3": ["QAT", "MAR"],
        "parent": 0,
    },
    {
        "title": "Entretien Maroc–Espagne",
        "start_date": "2025-05-06",
        "end_date": "2025-05-07",
        "date_precision": "day",
        "country_iso3": "AUT",
        "format": "bilateral",
        "participant_states_iso3": ["MAR", "ESP"],
        "parent": 0,
    },
]


def test_drafts_are_matched_to_recorded_meetings_through_their_drafted_parent(mini_folder: Path) -> None:
    """The bilateral names no place: it matches because its drafted parent is the recorded multilateral."""
    frames = validate_folder(mini_folder)[0]
    drafts = [dict(VIENNA_DRAFTS[0]), dict(VIENNA_DRAFTS[1], start_date="2025-05-01", end_date="2025-05-01")]
    drafts.append(VIENNA_DRAFTS[2])
    drafted = draft_rows(frames, drafts, SourceInfo(outlet="Agency", language="fr"), geocoder=None)
    ids = list(drafted["meetings"]["meeting_id"].iloc[len(frames["meetings"]) :])
    drafted["meetings"].loc[drafted["meetings"]["meeting_id"] == ids[0], "venue_id"] = "vic"
    found = find_duplicates(frames, drafted)
    assert {key: match.recorded_id for key, match in found.items()} == {ids[0]: "vienna-22", ids[1]: "vienna-mar-qat"}
    assert found[ids[1]].recorded_title("fr") == "Titre vienna-mar-qat"


def test_nothing_drafted_is_nothing_duplicated(mini_folder: Path) -> None:
    frames = validate_folder(mini_folder)[0]
    assert find_duplicates(frames, frames) == {}
