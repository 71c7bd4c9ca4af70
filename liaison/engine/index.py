"""Integer codes for meetings, states, topics and actors, and which meetings each belongs to.

A meeting's code is its row in `meetings.csv`; every other table is turned once into
arrays of codes. Selecting the meetings of a state is then reading one slice of a sorted
array (a posting list, as a search engine keeps them), and counting per state or venue is
`numpy.bincount` over integers: no string is compared and no Python function runs per
meeting or per group on a rerun.

The index is built on first use and kept in `Dataset.derived`, so it is made once per data
version however many sessions read it; it is never modified after it is built.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from liaison.dataset.store import Dataset
from liaison.engine.stored_index import read_arrays, write_arrays
from liaison.words.places import valid_iso3

VENUE_ROLE = "venue"
MASKS_REMEMBERED = 8
_BUILDING = threading.Lock()


def codes_in(values: pd.Series | pd.Index | list[str], keys: pd.Index) -> np.ndarray:
    """The position of each value in `keys` (-1 for a value not there), hashed by Arrow, not Python.

    The view's columns are Arrow strings: handing them to `pd.Index.get_indexer` would turn
    each into a Python object first, which is most of the cost at a million rows.
    """
    found = pc.index_in(_arrow(values), value_set=_arrow(keys))
    return pc.fill_null(found, -1).to_numpy().astype(np.int64)


def _arrow(values: pd.Series | pd.Index | list[str]) -> pa.Array | pa.ChunkedArray:
    if isinstance(values, pd.Series | pd.Index):
        return pa.array(values.astype("str").array)
    return pa.array(list(values), type=pa.string())


def distinct_sorted(keys: np.ndarray) -> np.ndarray:
    """The distinct integers of `keys`, ascending (a sort and a comparison, cheaper than hashing)."""
    ordered = np.sort(keys)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


@dataclass(frozen=True)
class Postings:
    """For each key (a state, a topic, an actor), the codes of its meetings, sorted and unique."""

    keys: pd.Index
    offsets: np.ndarray
    meetings: np.ndarray

    @classmethod
    def build(cls, meeting_codes: np.ndarray, keys: pd.Series) -> Postings:
        """Postings of (meeting code, key) pairs; repeated pairs count once."""
        names = pd.Index(pd.unique(keys.dropna())).sort_values()
        key_codes = codes_in(keys, names)
        valid = (key_codes >= 0) & (meeting_codes >= 0)
        pairs = distinct_sorted(key_codes[valid] * (1 << 32) + meeting_codes[valid])
        by_key = (pairs >> 32).astype(np.int64)
        offsets = np.searchsorted(by_key, np.arange(len(names) + 1))
        return cls(names, offsets, (pairs & 0xFFFFFFFF).astype(np.int64))

    @classmethod
    def from_codes(cls, meeting_codes: np.ndarray, key_codes: np.ndarray, names: pd.Index) -> Postings:
        """Postings of pairs already coded against `names`."""
        pairs = distinct_sorted(key_codes.astype(np.int64) * (1 << 32) + meeting_codes)
        offsets = np.searchsorted(pairs >> 32, np.arange(len(names) + 1))
        return cls(names, offsets, (pairs & 0xFFFFFFFF).astype(np.int64))

    def mask(self, values: tuple[str, ...] | list[str] | pd.Index, size: int) -> np.ndarray:
        """Which of `size` meetings belong to any of `values` (unknown values match nothing)."""
        found = np.zeros(size, dtype=bool)
        for code in codes_in(list(values), self.keys):
            if code >= 0:
                found[self.meetings[self.offsets[code] : self.offsets[code + 1]]] = True
        return found


@dataclass(frozen=True)
class Links:
    """One row per (meeting, state, role) link, as parallel arrays of codes."""

    meeting: np.ndarray
    state: np.ndarray
    role: np.ndarray


@dataclass(frozen=True)
class MeetingIndex:
    """Everything a rerun reads, as arrays indexed by meeting code (row of `ds.meetings`)."""

    ids: pd.Index
    formats: pd.Index
    format_code: np.ndarray
    start: np.ndarray
    effective_end: np.ndarray
    recency: np.ndarray
    by_recency: np.ndarray
    venue: np.ndarray
    venues: pd.Index
    venue_state: np.ndarray
    states: pd.Index
    roles: pd.Index
    involved: Postings
    involved_meeting: np.ndarray
    involved_state: np.ndarray
    links: Links
    taking_part_meeting: np.ndarray
    taking_part_state: np.ndarray
    actors: Postings
    topics: Postings
    topic_meeting: np.ndarray
    topic_code: np.ndarray
    tagged: np.ndarray
    recent_masks: list
    derived: dict

    @property
    def meeting_states(self) -> pd.DataFrame:
        """(meeting_id, iso3) of every meeting and state involved, as strings: made on first use only.

        Four million rows of text at a million meetings: the view itself reads the codes.
        """
        frame = self.derived.get("meeting_states")
        if frame is None:
            frame = pd.DataFrame(
                {
                    "meeting_id": self.ids[self.involved_meeting].to_numpy(),
                    "iso3": self.states[self.involved_state].to_numpy(),
                }
            )
            self.derived["meeting_states"] = frame
        return frame

    @property
    def size(self) -> int:
        return len(self.ids)

    def mask(self, ids: pd.Index | pd.Series | list[str]) -> np.ndarray:
        """Which meetings `ids` names, as a boolean array by code (ids not in the data are ignored).

        The ids a page passes around are `select` results kept by the app's caches, asked for by
        several functions in a rerun (a Countries page reads two or three views): the last few
        asked for are remembered (by identity, a megabyte each at a million meetings), so each is
        decoded once.
        """
        remembered = list(self.recent_masks)  # one read: another session may replace it meanwhile
        for known, found in remembered:
            if known is ids:
                return found
        codes = codes_in(pd.Index(ids), self.ids)
        found = np.zeros(self.size, dtype=bool)
        found[codes[codes >= 0]] = True
        return self.remember(ids, found)

    def remember(self, ids: pd.Index, found: np.ndarray) -> np.ndarray:
        """Note that `found` is the mask of `ids`, so `mask(ids)` need not match its strings (a quarter second at 1M).

        `found` is the caller's no longer: it is made read-only, as it is shared from here on.
        """
        found.setflags(write=False)
        self.recent_masks[:] = [(ids, found), *list(self.recent_masks)[: MASKS_REMEMBERED - 1]]
        return found


def index_of(ds: Dataset) -> MeetingIndex:
    """The dataset's index, read from its cache or built on first use, then shared by every caller of this dataset."""
    index = ds.derived.get("index")
    if index is None:
        with _BUILDING:
            index = ds.derived.get("index")
            if index is None:
                index = _stored(ds.cache_dir) if ds.cache_dir else None
                if index is None:
                    index = build_index(ds)
                    if ds.cache_dir:
                        write_arrays(_flat(index), ds.cache_dir)
                ds.derived["index"] = index
    return index


def _flat(index: MeetingIndex) -> dict[str, np.ndarray | pd.Index]:
    """The index as named arrays (`posting.keys`, `links.role`…), what `stored_index` keeps on disk."""
    flat: dict[str, np.ndarray | pd.Index] = {}
    for item in fields(index):
        value = getattr(index, item.name)
        if isinstance(value, Postings | Links):
            flat |= {f"{item.name}.{part.name}": getattr(value, part.name) for part in fields(value)}
        elif isinstance(value, np.ndarray | pd.Index):
            flat[item.name] = value
    return flat


def _stored(cache_dir: Path) -> MeetingIndex | None:
    """The index kept in `cache_dir`, or None when there is none or it lacks a part (another layout)."""
    flat = read_arrays(cache_dir)
    if flat is None:
        return None
    values: dict[str, object] = {"recent_masks": [], "derived": {}}
    try:
        for item in fields(MeetingIndex):
            kind = {"links": Links, "involved": Postings, "actors": Postings, "topics": Postings}.get(item.name)
            if kind is not None:
                values[item.name] = kind(**{part.name: flat[f"{item.name}.{part.name}"] for part in fields(kind)})
            elif item.name not in values:
                values[item.name] = flat[item.name]
    except KeyError:
        return None
    return MeetingIndex(**values)


def effective_end(meetings: pd.DataFrame) -> pd.Series:
    """The last day a meeting may have taken place: a month-dated meeting may fall on any day of it."""
    end = meetings["end_date"]
    month_end = end + pd.offsets.MonthEnd(0)
    year_end = end + pd.offsets.YearEnd(0)
    precision = meetings["date_precision"]
    return end.where(precision == "day", month_end.where(precision == "month", year_end))


def involved_states(ds: Dataset) -> pd.DataFrame:
    """One row per meeting and state involved: each state taking part in any role, and the venue's country.

    Participants come first, in file order, then the venue countries; a pair met again is dropped.
    """
    ids = pd.Index(ds.meetings["meeting_id"])
    states = pd.Index(sorted(valid_iso3()))
    meeting, state = _involved_codes(ds, ids, states)
    return pd.DataFrame({"meeting_id": ids[meeting].to_numpy(), "iso3": states[state].to_numpy()})


def _involved_codes(ds: Dataset, ids: pd.Index, states: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    people = ds.participants[ds.participants["actor"].isin(valid_iso3())]
    venue_state = codes_in(ds.venues["country_iso3"], states)
    venue = codes_in(ds.meetings["venue_id"], pd.Index(ds.venues["venue_id"]))
    hosted = np.flatnonzero(venue >= 0)
    hosted = hosted[venue_state[venue[hosted]] >= 0]
    meeting = np.concatenate([codes_in(people["meeting_id"], ids), hosted])
    state = np.concatenate([codes_in(people["actor"], states), venue_state[venue[hosted]]])
    keep = (meeting >= 0) & (state >= 0)
    meeting, state = meeting[keep], state[keep]
    _, first = np.unique(meeting * len(states) + state, return_index=True)
    first.sort()
    return meeting[first], state[first]


def build_index(ds: Dataset) -> MeetingIndex:
    """Every code, posting list and per-meeting array of one dataset (seconds at a million meetings)."""
    meetings = ds.meetings
    ids = pd.Index(meetings["meeting_id"], name="meeting_id")
    formats = pd.Index(sorted(set(meetings["format"].dropna().unique())))
    format_code = codes_in(meetings["format"], formats)
    start = meetings["start_date"].to_numpy()
    ending = effective_end(meetings).to_numpy()

    # Recency: the order of (start date, missing first; then id), as a state's latest meeting is read.
    id_rank = pc.rank(_arrow(meetings["meeting_id"]), sort_keys="ascending", tiebreaker="first").to_numpy() - 1
    start_key = np.where(np.isnat(start), np.iinfo(np.int64).min, start.astype("datetime64[us]").astype(np.int64))
    by_recency = np.lexsort((id_rank, start_key))
    recency = np.empty(len(ids), dtype=np.int64)
    recency[by_recency] = np.arange(len(ids))

    venues = pd.Index(ds.venues["venue_id"])
    venue = codes_in(meetings["venue_id"], venues)
    states = pd.Index(sorted(valid_iso3()))
    venue_state = codes_in(ds.venues["country_iso3"], states)

    involved_meeting, involved_state = _involved_codes(ds, ids, states)

    people = ds.participants[ds.participants["actor"].isin(valid_iso3())]
    people_meeting = codes_in(people["meeting_id"], ids)
    people_state = codes_in(people["actor"], states)
    roles = pd.Index(sorted({*ds.participants["role"].dropna().unique(), VENUE_ROLE}))
    hosted = np.flatnonzero(venue >= 0)
    hosted = hosted[venue_state[venue[hosted]] >= 0]
    links = Links(
        meeting=np.concatenate([people_meeting, hosted]),
        state=np.concatenate([people_state, venue_state[venue[hosted]]]),
        role=np.concatenate([codes_in(people["role"], roles), np.full(len(hosted), roles.get_loc(VENUE_ROLE))]),
    )
    taking_part = distinct_sorted(people_state * (1 << 32) + people_meeting)

    others = ds.participants[~ds.participants["actor"].isin(valid_iso3())]
    topic_pairs = Postings.build(codes_in(ds.topics["meeting_id"], ids), ds.topics["topic_id"])
    topic_code = np.repeat(np.arange(len(topic_pairs.keys)), np.diff(topic_pairs.offsets))
    tagged = np.zeros(len(ids), dtype=bool)
    tagged[topic_pairs.meetings] = True

    return MeetingIndex(
        ids=ids,
        formats=formats,
        format_code=format_code,
        start=start,
        effective_end=ending,
        recency=recency,
        by_recency=by_recency,
        venue=venue,
        venues=venues,
        venue_state=venue_state,
        states=states,
        roles=roles,
        involved=Postings.from_codes(involved_meeting, involved_state, states),
        involved_meeting=involved_meeting,
        involved_state=involved_state,
        links=links,
        taking_part_meeting=(taking_part & 0xFFFFFFFF).astype(np.int64),
        taking_part_state=(taking_part >> 32).astype(np.int64),
        actors=Postings.build(codes_in(others["meeting_id"], ids), others["actor"]),
        topics=topic_pairs,
        topic_meeting=topic_pairs.meetings,
        topic_code=topic_code,
        tagged=tagged,
        recent_masks=[],
        derived={},
    )
