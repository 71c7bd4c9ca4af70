"""From the dataset and a set of filters to the frames every page and export draws.

All filtering happens in `select`, so the overview, the timeline, the map and
the command line can never disagree on which meetings a view contains.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from liaison.dataset.schema import FORMATS
from liaison.dataset.store import Dataset
from liaison.engine.columns import MEETING_COLUMNS
from liaison.engine.index import codes_in, index_of
from liaison.engine.index import effective_end as effective_end  # read from here by figures and briefing
from liaison.view.filters import Filters


def meeting_states(ds: Dataset) -> pd.DataFrame:
    """One row per meeting and state involved: each state taking part in any role, and the venue's country.

    Built once per dataset (see `liaison.engine.index`); callers must not modify it.
    """
    return index_of(ds).meeting_states


def meeting_table(ds: Dataset) -> pd.DataFrame:
    """One row per meeting with its venue, its states and its topics, sorted newest first.

    Every column is taken once, in the final order, by integer positions: at a million meetings
    each pass over the text columns costs seconds, and a merge on venue ids would add two.
    """
    index = index_of(ds)
    order = newest_first_order(ds.meetings)
    row = np.empty(index.size, dtype=np.int64)
    row[order] = np.arange(index.size)  # each meeting code's row in the table
    # States taking part, row by row, then alphabetical (state codes follow ISO3 order).
    by_row = np.argsort(row[index.taking_part_meeting] * len(index.states) + index.taking_part_state, kind="stable")
    states = _per_meeting(
        row[index.taking_part_meeting][by_row],
        index.states.to_numpy(dtype=object)[index.taking_part_state[by_row]],
        index.size,
    )
    # Topics in the order topics.csv lists them for each meeting.
    topic_code = codes_in(ds.topics["meeting_id"], index.ids)
    topic_row = np.where(topic_code >= 0, row[topic_code], index.size)  # a topic of no meeting sorts past the end
    in_file_order = np.argsort(topic_row, kind="stable")
    topic_of, topic_names = pd.factorize(ds.topics["topic_id"])
    topics = _per_meeting(
        topic_row[in_file_order], topic_names.to_numpy(dtype=object)[topic_of[in_file_order]], index.size
    )
    venue = index.venue[order]
    places = ds.venues.rename(columns={"name": "venue", "name_fr": "venue_fr"})
    columns = {}
    for column in MEETING_COLUMNS:
        if column in ds.meetings.columns:
            columns[column] = ds.meetings[column].array.take(order)
        elif column in ("venue", "venue_fr", "city", "country_iso3"):
            columns[column] = places[column].array.take(venue, allow_fill=True)
    columns["states"] = states
    columns["topics"] = topics
    return pd.DataFrame(columns)[list(MEETING_COLUMNS)]


def _per_meeting(meeting: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """One tuple per position below `size` (a meeting's code or row) of the values listed for it; () for none.

    `meeting` is sorted ascending; positions of `size` or more are left out.
    """
    return runs_as_tuples(values, np.searchsorted(meeting, np.arange(size + 1)))


def runs_as_tuples(listed: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """The runs `listed[bounds[i]:bounds[i + 1]]` as tuples, in an object array.

    The runs are built length by length, each length's tuples zipped from that many columns
    at C speed: a million tuples in tenths of a second, where slicing run by run took seconds.
    The tuples hold `listed`'s own objects, so a value listed a million times (a state's
    code) is one string, not a million.
    """
    lengths = np.diff(bounds)
    runs = np.empty(len(lengths), dtype=object)
    for length in np.unique(lengths).tolist():
        rows = np.flatnonzero(lengths == length)
        columns = [listed[bounds[rows] + offset].tolist() for offset in range(length)]
        runs[rows] = np.fromiter(
            zip(*columns, strict=True) if length else iter([()] * len(rows)), dtype=object, count=len(rows)
        )
    return runs


def newest_first(meetings: pd.DataFrame) -> pd.DataFrame:
    """Meetings newest first, each followed by the meetings held on its margins (oldest of them first)."""
    return meetings.take(newest_first_order(meetings)).reset_index(drop=True)


def newest_first_order(meetings: pd.DataFrame) -> np.ndarray:
    """The positions of `meetings` newest first, each followed by the meetings held on its margins.

    A margin meeting is placed by its parent's date, so the multilateral is read before the
    talks held beside it even when those started a day later. Sorted on integer keys (ranks of
    the ids, dates as numbers): matching a million ids as strings took pandas a quarter of a minute.
    """
    own = np.arange(len(meetings))
    parent = codes_in(meetings["parent_meeting_id"], pd.Index(meetings["meeting_id"]))
    family = np.where(parent >= 0, parent, own)
    start = meetings["start_date"].to_numpy(dtype="datetime64[ns]")
    undated = np.isnat(start)
    when = start.view(np.int64)
    latest = np.iinfo(np.int64).max
    id_rank = pc.rank(pa.array(meetings["meeting_id"].astype("str").array), tiebreaker="first").to_numpy()
    return np.lexsort(
        (
            id_rank,
            np.where(undated, latest, when),  # the margin meetings of one family: oldest first, undated last
            parent >= 0,  # the family's own meeting before those on its margins
            id_rank[family],
            np.where(undated[family], latest, -when[family]),  # families newest first, undated last
        )
    )


def select(ds: Dataset, filters: Filters) -> pd.Index:
    """Ids of the meetings the filters keep, in file order; the only place filters are applied.

    Each filter is a boolean array over meeting codes, read from the index's posting lists,
    and the filters are combined with `&`: set operations on integers, whatever the size.
    """
    index = index_of(ds)
    keep = np.ones(index.size, dtype=bool)
    if filters.month_from or filters.month_to:  # NaT compares false: an undated meeting is in no period
        if filters.month_from:
            keep &= index.effective_end >= np.datetime64(f"{filters.month_from}-01")
        if filters.month_to:
            last_day = pd.Timestamp(f"{filters.month_to}-01") + pd.offsets.MonthEnd(0)
            keep &= index.start <= last_day.to_datetime64()
    if filters.formats:
        keep &= np.isin(index.format_code, index.formats.get_indexer(pd.Index(list(filters.formats))))
    if filters.countries:
        keep &= index.involved.mask(filters.countries, index.size)
    if filters.regions:
        in_region = ds.regions.loc[
            ds.regions["region"].isin(filters.regions) | ds.regions["subregion"].isin(filters.regions), "iso3"
        ]
        keep &= index.involved.mask(list(in_region), index.size)
    if filters.blocs:
        members = ds.memberships.loc[
            ds.memberships["org_id"].isin(filters.blocs) & ds.memberships["status"].ne("former"), "iso3"
        ]
        keep &= index.involved.mask(list(members), index.size) | index.actors.mask(filters.blocs, index.size)
    if filters.topics:
        keep &= index.topics.mask(filters.topics, index.size)
    if filters.text and keep.any():
        kept = np.flatnonzero(keep)
        keep[kept] = _text_found(ds.meetings[list(SEARCHABLE)].take(kept), filters.text)
    chosen = index.ids[keep]
    index.remember(chosen, keep)
    return chosen


SEARCHABLE = ("title", "title_fr", "title_original", "series", "organizer", "summary", "summary_fr")


def _text_found(meetings: pd.DataFrame, text: str) -> np.ndarray:
    """Which of these meetings hold the text in a searchable field, ignoring case."""
    needle = text.casefold()
    found = np.zeros(len(meetings), dtype=bool)
    for column in SEARCHABLE:
        found |= meetings[column].fillna("").str.casefold().str.contains(needle, regex=False).to_numpy(dtype=bool)
    return found


@dataclass(frozen=True)
class Headline:
    """The figures an analyst reads first."""

    meetings: int
    states: int
    multilateral: int
    bilateral: int
    months: int
    first: pd.Timestamp | None
    last: pd.Timestamp | None
    first_precision: str = "day"
    last_precision: str = "day"


def headline(meetings: pd.DataFrame) -> Headline:
    """Headline figures of a filtered meeting table (see `filter_meetings`).

    Read column by column, never by selecting rows: a million-row table is not copied to count it.
    """
    states = set(chain.from_iterable(meetings["states"]))
    states |= set(meetings["country_iso3"].dropna().unique())
    precision = meetings["date_precision"].to_numpy(dtype=object)
    start = meetings["start_date"].to_numpy()
    known = ~np.isnat(start)
    by_month = known & np.isin(precision, ["day", "month"])
    months = len(np.unique(start[by_month].astype("datetime64[M]")))
    formats = meetings["format"].value_counts()
    counts = {
        "meetings": len(meetings),
        "states": len(states),
        "multilateral": int(formats.get("multilateral", 0)),
        "bilateral": int(formats.get("bilateral", 0)),
        "months": int(months),
    }
    dated = np.flatnonzero(known & (precision != "unknown"))
    if not len(dated):
        return Headline(**counts, first=None, last=None)
    end = meetings["end_date"].to_numpy()[dated]
    ends = np.where(np.isnat(end), start[dated], end)
    earliest, latest = dated[np.argmin(start[dated])], dated[np.argmax(ends)]  # the first of equals, as listed
    return Headline(
        **counts,
        first=pd.Timestamp(start[earliest]),
        last=pd.Timestamp(ends.max()),
        first_precision=precision[earliest],
        last_precision=precision[latest],
    )


def meetings_per_month(meetings: pd.DataFrame) -> pd.DataFrame:
    """Meetings per calendar month and format, zero months included; only meetings dated to the month count.

    Counted on integer (month, format) codes from two columns: selecting the dated rows and
    grouping pandas periods took half a second on half a million meetings.
    """
    start = meetings["start_date"].to_numpy()
    dated = meetings["date_precision"].isin(["day", "month"]).to_numpy(dtype=bool) & ~np.isnat(start)
    kind = pd.Categorical(meetings["format"].to_numpy()[dated], categories=FORMATS).codes
    month = start[dated][kind >= 0].astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    if not len(month):
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[ns]"), "format": [], "meetings": []})
    first, width = month.min(), month.max() - month.min() + 1
    counts = np.bincount((month - first) * len(FORMATS) + kind[kind >= 0], minlength=width * len(FORMATS))
    months = np.arange(first, first + width).astype("datetime64[M]").astype("datetime64[us]")
    return pd.DataFrame(
        {
            "month": np.repeat(months, len(FORMATS)),
            "format": np.tile(np.array(FORMATS, dtype=object), width),
            "meetings": counts.astype(np.int64),
        }
    )


def undated_count(meetings: pd.DataFrame) -> int:
    """Meetings a monthly chart cannot place: no date, or a year only."""
    return int((~meetings["date_precision"].isin(["day", "month"])).sum())


def meeting_lanes(meetings: pd.DataFrame, max_lanes: int = 40, max_meetings: int = 300) -> pd.DataFrame:
    """Dated meetings with the lane each is drawn on, in drawing order.

    A recurring series shares one lane; a bilateral held on the margins of a meeting gets
    the lane just after that meeting's lane, so the two are read together. The chart stays
    legible and its payload bounded however many meetings match: past `max_lanes` lanes,
    only the busiest series keep their own, everything else is pooled into one lane per
    format; past `max_meetings`, only the most recent are drawn (the dated meetings passed
    in, less the rows returned, is how many were left out: the Timeline says so). Each mark
    carries its hover text (title, dates, venue, states: about 300 bytes), so 300 marks keep
    the chart near 100 KB; the monthly chart above it counts every meeting.
    """
    dated = _most_recent(meetings[meetings["start_date"].notna()], max_meetings)
    if dated.empty:
        return dated.assign(lane=pd.Series(dtype=str), lane_order=pd.Series(dtype=float))
    own = dated["series"].fillna("meeting:" + dated["meeting_id"])
    lane_of = dict(zip(dated["meeting_id"], own, strict=True))
    is_margin = dated["parent_meeting_id"].isin(lane_of)
    lanes = own.where(~is_margin, dated["parent_meeting_id"].map(lane_of) + " / margins")
    if lanes.nunique() > max_lanes:
        series_sizes = dated.loc[dated["series"].notna() & ~is_margin, "series"].value_counts()
        kept = set(series_sizes.head(max_lanes - 2).index)
        lanes = lanes.where(lanes.isin(kept), "pool:" + dated["format"])
    first_seen = dated.assign(lane=lanes).groupby("lane")["start_date"].min()
    base = lanes.str.removesuffix(" / margins")
    order = base.map(first_seen.rank(method="first")) + lanes.str.endswith(" / margins") * 0.5
    return dated.assign(lane=lanes, lane_order=order).sort_values(["lane_order", "start_date"])


def _most_recent(dated: pd.DataFrame, count: int) -> pd.DataFrame:
    """The last `count` meetings in (start date, id) order, sorted so; only those near the end are sorted."""
    if len(dated) > count > 0:
        starts = dated["start_date"].to_numpy()
        cutoff = np.partition(starts, len(starts) - count)[len(starts) - count]
        dated = dated[starts >= cutoff]
    return dated.sort_values(["start_date", "meeting_id"]).tail(count)


def meeting_participants(ds: Dataset, meeting_id: str) -> pd.DataFrame:
    """Who took part in one meeting, one row per actor with all its roles."""
    rows = ds.participants[ds.participants["meeting_id"] == meeting_id]
    return (
        rows.groupby("actor", sort=False)
        .agg(
            roles=("role", tuple),
            delegation_head=("delegation_head", "first"),
            agency=("agency", "first"),
        )
        .reset_index()
    )


def meeting_sources(ds: Dataset, meeting_id: str) -> pd.DataFrame:
    """The sources of one meeting, one row per source, with (field, locator) pairs saying what it supports where."""
    evidence = ds.evidence[ds.evidence["meeting_id"] == meeting_id]
    cited = (
        evidence.assign(citation=list(zip(evidence["field"], evidence["locator"], strict=True)))
        .groupby("source_id", sort=False)["citation"]
        .agg(tuple)
        .rename("locators")
        .reset_index()
    )
    return cited.merge(ds.sources, on="source_id", how="left")


def margin_meetings(ds: Dataset, meeting_id: str) -> pd.DataFrame:
    """Meetings held on the margins of one meeting."""
    return ds.meetings[ds.meetings["parent_meeting_id"] == meeting_id]
