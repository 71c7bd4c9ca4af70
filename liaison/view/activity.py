"""Who was active where: the per-state and per-venue aggregates the maps draw.

Maps receive one row per state, per venue and per venue-state link, never one row per
participant, so what the browser receives stays bounded however many meetings match.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from liaison.dataset.store import Dataset
from liaison.engine.index import VENUE_ROLE as VENUE_ROLE  # the role a host country plays, read by partners
from liaison.engine.index import codes_in, index_of

VENUE_MEETINGS_LISTED = 20
LATEST_FACTS = ["meeting_id", "start_date", "title", "title_fr", "end_date", "date_precision"]
STATE_COLUMNS = [
    "iso3",
    "meetings",
    "roles",
    "latest_meeting_id",
    "latest_start",
    "latest_title",
    "latest_title_fr",
    "latest_end_date",
    "latest_date_precision",
]


def state_activity(ds: Dataset, ids: pd.Index) -> pd.DataFrame:
    """Per state: meetings taken part in (any role, or hosting the venue), its roles, and its latest meeting."""
    index = index_of(ds)
    chosen = index.mask(ids)
    links = index.links
    picked = chosen[links.meeting]
    if not picked.any():
        return pd.DataFrame(columns=STATE_COLUMNS)
    meeting, state, role = links.meeting[picked], links.state[picked], links.role[picked]
    counts = np.bincount(index.involved_state[chosen[index.involved_meeting]], minlength=len(index.states))
    present = np.flatnonzero(counts)
    # Roles: the distinct (state, role) pairs, in state then role-name order (role codes are alphabetical),
    # counted into the few thousand possible pairs rather than sorting millions of links.
    roles = len(index.roles)
    pairs = np.flatnonzero(np.bincount(state.astype(np.int64) * roles + role, minlength=len(index.states) * roles))
    pair_state, pair_role = pairs // roles, pairs % roles
    role_names = index.roles.to_numpy(dtype=object)
    splits = np.split(role_names[pair_role], np.searchsorted(pair_state, present[1:]))
    # Latest: the meeting of highest recency each state is linked to.
    latest_rank = np.full(len(index.states), -1, dtype=np.int64)
    np.maximum.at(latest_rank, state, index.recency[meeting])
    latest = index.by_recency[latest_rank[present]]
    facts = ds.meetings[LATEST_FACTS].take(latest)  # the columns read only: each column taken costs at 1M
    frame = pd.DataFrame(
        {
            "iso3": index.states[present].to_numpy(),
            "meetings": counts[present].astype(np.int64),
            "roles": [tuple(roles) for roles in splits],
            "latest_meeting_id": facts["meeting_id"].to_numpy(),
            "latest_start": facts["start_date"].to_numpy(),
            "latest_title": facts["title"].to_numpy(),
            "latest_title_fr": facts["title_fr"].to_numpy(),
            "latest_end_date": facts["end_date"].to_numpy(),
            "latest_date_precision": facts["date_precision"].to_numpy(),
        }
    )
    return frame.sort_values(["meetings", "iso3"], ascending=[False, True], kind="stable").reset_index(drop=True)


def venue_activity(ds: Dataset, ids: pd.Index, max_listed: int = VENUE_MEETINGS_LISTED) -> pd.DataFrame:
    """Per venue: where it is, how many meetings it held in each format, and the newest `max_listed` of them."""
    index = index_of(ds)
    held = index.mask(ids) & (index.venue >= 0)
    if not held.any():
        return ds.venues.iloc[0:0].assign(
            meetings=0, multilateral=0, bilateral=0, meeting_ids=None, titles=None, titles_fr=None
        )
    # Newest first within each venue (undated last: they have the lowest recency), without sorting by date:
    # the index keeps the meetings in recency order. Venue codes sort stably by radix when they fit 16 bits.
    by_recency = index.by_recency[::-1]
    newest = by_recency[held[by_recency]]
    venue_codes = index.venue[newest].astype(np.int16 if len(index.venues) < 2**15 else np.int64)
    ordered = newest[np.argsort(venue_codes, kind="stable")]
    venue = index.venue[ordered]
    present, first = np.unique(venue, return_index=True)
    is_bilateral = index.format_code[ordered] == index.formats.get_indexer(["bilateral"])[0]
    bilateral = np.bincount(venue[is_bilateral], minlength=len(index.venues))[present].astype(np.int64)
    totals = np.diff(np.append(first, len(ordered))).astype(np.int64)
    # Only the newest few of each venue are listed: a tooltip reads five, and a venue of the
    # Vienna kind holds thousands. `meetings` says how many there are in all.
    place_in_venue = np.arange(len(ordered)) - np.repeat(first, totals)
    listed = place_in_venue < max_listed
    newest_listed = ds.meetings[["meeting_id", "title", "title_fr"]].take(ordered[listed])
    bounds = np.cumsum(np.minimum(totals, max_listed))[:-1]

    def grouped(column: str) -> list[tuple]:
        return [tuple(part) for part in np.split(newest_listed[column].to_numpy(dtype=object), bounds)]

    counts = pd.DataFrame(
        {
            "meetings": totals,
            "multilateral": totals - bilateral,  # the format is one of two, required
            "bilateral": bilateral,
            "meeting_ids": grouped("meeting_id"),
            "titles": grouped("title"),
            "titles_fr": grouped("title_fr"),
        }
    )
    return (
        pd.concat([ds.venues.take(present).reset_index(drop=True), counts], axis=1)
        .sort_values(["meetings", "venue_id"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def _drawable_links(ds: Dataset, centroids: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each link a venue map may draw, once per dataset: its meeting and its (venue, state, format) code.

    A link is a state taking part in a meeting held at a known venue outside that state, the
    state having a centroid to start from. None of that depends on the view, so a new view
    only picks its meetings' links (four gathers of four million links took half a second).
    """
    index = index_of(ds)
    name = ("drawable_links", tuple(centroids["iso3"]))
    kept = index.derived.get(name)
    if kept is None:
        meeting, state = index.taking_part_meeting, index.taking_part_state
        venue = index.venue[meeting]
        keep = (venue >= 0) & (state != np.where(venue >= 0, index.venue_state[venue], -1))
        drawable = np.zeros(len(index.states), dtype=bool)
        drawable[codes_in(centroids["iso3"], index.states)] = True
        keep &= drawable[state]
        key = (venue[keep] * len(index.states) + state[keep]) * len(index.formats) + index.format_code[meeting[keep]]
        kept = (meeting[keep], key)
        for array in kept:
            array.setflags(write=False)
        index.derived[name] = kept
    return kept


def delegation_arcs(ds: Dataset, ids: pd.Index, centroids: pd.DataFrame, limit: int = 2000) -> tuple[pd.DataFrame, int]:
    """Links from each participating state to each venue, by format, strongest first, at most `limit`.

    Returns the links and how many there were before the cut. A state meeting in its own
    country draws no link, and neither does a state the boundary file has no centroid for.
    """
    index = index_of(ds)
    meeting, key = _drawable_links(ds, centroids)
    keys = key[index.mask(ids)[meeting]]
    states, formats = len(index.states), len(index.formats)
    space = len(index.venues) * states * formats
    if space <= max(len(keys), 1) * 4:  # few possible links: counting them beats sorting millions
        per_link = np.bincount(keys, minlength=space)
        links = np.flatnonzero(per_link)
        counts = per_link[links]
    else:
        links, counts = np.unique(keys, return_counts=True)
    venue_code, state_code, format_code = links // formats // states, links // formats % states, links % formats
    # Strongest first, then by venue id, state and format: sorted on integer ranks, strings made for the kept only.
    venue_rank = pc.rank(pa.array(index.venues.astype("str").array), tiebreaker="first").to_numpy()
    strongest = np.lexsort((format_code, state_code, venue_rank[venue_code], -counts))[:limit]
    place = ds.venues.take(venue_code[strongest])
    arcs = pd.DataFrame(
        {
            "venue_id": place["venue_id"].to_numpy(),
            "iso3": index.states[state_code[strongest]].to_numpy(),
            "format": index.formats[format_code[strongest]].to_numpy(),
            "latitude": place["latitude"].to_numpy(),
            "longitude": place["longitude"].to_numpy(),
            "meetings": counts[strongest].astype(np.int64),
        }
    ).merge(
        centroids.rename(columns={"longitude": "from_longitude", "latitude": "from_latitude"}),
        on="iso3",
        how="left",
    )
    return arcs, len(links)
