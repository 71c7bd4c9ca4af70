"""Whether a drafted meeting is one the dataset already records, so it is not saved twice.

Articles about the same event keep arriving (a communiqué, then the press agencies that
relay it), and each drafts the same meetings again. A draft is the same meeting as a
recorded one when all four hold:

- **format**: both multilateral or both bilateral;
- **dates**: their periods overlap, each widened to its precision (a meeting dated to
  May 2025 may be any day of May; one dated to 2023, any day of the year); a meeting
  without a date overlaps nothing, because nothing says when it was;
- **place or parent**: the same venue country and, when both name a city, the same city
  (a country-only venue is compatible with any city of that country); or both were held
  on the margins of the same meeting (a drafted parent that is itself a duplicate counts
  as the recorded meeting it duplicates);
- **states**: for a bilateral, exactly the same participating states; for a multilateral,
  at least two thirds of the shorter list of states are on the other (an article names a
  few of the delegations the record lists), and a side that names no state cannot tell the
  two apart.

Only states count as participants here (organisations and agencies are named too
inconsistently across sources). Of several recorded meetings that fit, the one sharing
the most states, then the closest start, then the first by id is reported. The rule reads
the dataset's tables as text (`store.validate_folder`, `ingest.draft_rows`), so the Add
meetings page and `python -m liaison ingest` give the same answer.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

import pandas as pd

from liaison.words.folding import fold_words
from liaison.words.places import valid_iso3

MULTILATERAL_OVERLAP = Fraction(2, 3)


@dataclass(frozen=True)
class MeetingFacts:
    """What the rule compares of one meeting, recorded or drafted."""

    meeting_id: str
    format: str
    first_day: date | None
    last_day: date | None
    city: str
    country: str
    parent_id: str
    states: frozenset[str]


@dataclass(frozen=True)
class Duplicate:
    """A draft and the recorded meeting it repeats, with that meeting's titles for the reviewer."""

    draft_id: str
    recorded_id: str
    title: str
    title_fr: str

    def recorded_title(self, lang: str) -> str:
        return self.title_fr if lang == "fr" else self.title


def period(start: str, end: str, precision: str) -> tuple[date | None, date | None]:
    """The first and last day a meeting may have taken place, given how precisely it is dated."""
    if precision == "unknown" or not start:
        return None, None
    first, last = date.fromisoformat(start), date.fromisoformat(end or start)
    if precision == "month":
        return first.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])
    if precision == "year":
        return date(first.year, 1, 1), date(last.year, 12, 31)
    return first, last


def meeting_facts(tables: Mapping[str, pd.DataFrame], meeting_ids: Iterable[str] | None = None) -> list[MeetingFacts]:
    """The facts of the meetings in `tables` (text frames), all of them or those in `meeting_ids`."""
    meetings = tables["meetings"].fillna("")
    if meeting_ids is not None:
        wanted = list(meeting_ids)
        meetings = meetings.set_index("meeting_id").loc[wanted].reset_index()
    venues = tables["venues"].fillna("").set_index("venue_id")
    participants = tables["participants"]
    states = participants.loc[participants["actor"].isin(valid_iso3())].groupby("meeting_id")["actor"].agg(frozenset)
    facts = []
    for row in meetings.itertuples():
        venue = venues.loc[row.venue_id] if row.venue_id in venues.index else None
        first, last = period(row.start_date, row.end_date, row.date_precision)
        facts.append(
            MeetingFacts(
                meeting_id=row.meeting_id,
                format=row.format,
                first_day=first,
                last_day=last,
                city=fold_words(venue["city"]) if venue is not None else "",
                country=venue["country_iso3"] if venue is not None else "",
                parent_id=row.parent_meeting_id,
                states=states.get(row.meeting_id, frozenset()),
            )
        )
    return facts


def dates_overlap(a: MeetingFacts, b: MeetingFacts) -> bool:
    if None in (a.first_day, a.last_day, b.first_day, b.last_day):
        return False
    return a.first_day <= b.last_day and b.first_day <= a.last_day


def same_place(a: MeetingFacts, b: MeetingFacts) -> bool:
    if not (a.country and a.country == b.country):
        return False
    return not (a.city and b.city) or a.city == b.city


def same_states(a: MeetingFacts, b: MeetingFacts) -> bool:
    if a.format == "bilateral":
        return a.states == b.states
    if not (a.states and b.states):
        return True
    shared = len(a.states & b.states)
    return Fraction(shared, min(len(a.states), len(b.states))) >= MULTILATERAL_OVERLAP


def is_same_meeting(draft: MeetingFacts, recorded: MeetingFacts, draft_parent: str = "") -> bool:
    """Whether `draft` repeats `recorded`; `draft_parent` is the recorded meeting the draft's parent stands for."""
    parent = draft_parent or draft.parent_id
    same_parent = bool(parent) and parent == recorded.parent_id
    return (
        draft.format == recorded.format
        and dates_overlap(draft, recorded)
        and (same_place(draft, recorded) or same_parent)
        and same_states(draft, recorded)
    )


def find_duplicates(recorded: Mapping[str, pd.DataFrame], drafted: Mapping[str, pd.DataFrame]) -> dict[str, Duplicate]:
    """For each drafted meeting (in `drafted` but not `recorded`) that repeats a recorded one, that meeting.

    `recorded` are the folder's tables as text; `drafted` the same tables with the drafts added
    (`ingest.draft_rows`).
    """
    known = set(recorded["meetings"]["meeting_id"])
    draft_ids = [meeting_id for meeting_id in drafted["meetings"]["meeting_id"] if meeting_id not in known]
    drafts = {facts.meeting_id: facts for facts in meeting_facts(drafted, draft_ids)}
    candidates = meeting_facts(recorded)
    titles = recorded["meetings"].set_index("meeting_id")[["title", "title_fr"]]
    found: dict[str, Duplicate] = {}

    def match(draft_id: str, seen: frozenset[str] = frozenset()) -> Duplicate | None:
        if draft_id in found:
            return found[draft_id]
        draft = drafts[draft_id]
        parent = draft.parent_id
        if parent in drafts and parent not in seen:
            parent_match = match(parent, seen | {draft_id})
            parent = parent_match.recorded_id if parent_match else ""
        fits = [meeting for meeting in candidates if is_same_meeting(draft, meeting, parent)]
        if not fits:
            return None
        best = min(fits, key=lambda meeting: _rank(draft, meeting))
        found[draft_id] = Duplicate(
            draft_id, best.meeting_id, titles.at[best.meeting_id, "title"], titles.at[best.meeting_id, "title_fr"]
        )
        return found[draft_id]

    for draft_id in draft_ids:
        match(draft_id)
    return {draft_id: found[draft_id] for draft_id in draft_ids if draft_id in found}


def _rank(draft: MeetingFacts, recorded: MeetingFacts) -> tuple[int, int, str]:
    distance = abs((draft.first_day - recorded.first_day).days)
    return -len(draft.states & recorded.states), distance, recorded.meeting_id
