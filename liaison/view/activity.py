"""Who was active where: the per-state and per-venue aggregates the maps draw.

Maps receive one row per state, per venue and per venue-state link, never one row per
participant, so what the browser receives stays bounded however many meetings match.
"""

from __future__ import annotations

import pandas as pd

from liaison.dataset.store import Dataset
from liaison.words.places import valid_iso3

VENUE_ROLE = "venue"
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
    people = ds.participants[ds.participants["meeting_id"].isin(ids) & ds.participants["actor"].isin(valid_iso3())]
    taking_part = people[["meeting_id", "actor", "role"]].rename(columns={"actor": "iso3"})
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(ids)]
    venues = meetings[["meeting_id", "venue_id"]].merge(ds.venues[["venue_id", "country_iso3"]], on="venue_id")
    hosting = venues[["meeting_id", "country_iso3"]].rename(columns={"country_iso3": "iso3"}).assign(role=VENUE_ROLE)
    links = pd.concat([taking_part, hosting], ignore_index=True)
    if links.empty:
        return pd.DataFrame(columns=STATE_COLUMNS)
    by_state = links.groupby("iso3").agg(
        meetings=("meeting_id", "nunique"), roles=("role", lambda roles: tuple(sorted(set(roles))))
    )
    dated = links.merge(meetings[["meeting_id", "start_date"]], on="meeting_id")
    latest = (
        dated.sort_values(["start_date", "meeting_id"], na_position="first")
        .drop_duplicates("iso3", keep="last")
        .set_index("iso3")[["meeting_id", "start_date"]]
        .rename(columns={"meeting_id": "latest_meeting_id", "start_date": "latest_start"})
    )
    titles = meetings.set_index("meeting_id")[["title", "title_fr", "end_date", "date_precision"]].add_prefix("latest_")
    return (
        by_state.join(latest)
        .join(titles, on="latest_meeting_id")
        .reset_index()
        .sort_values(["meetings", "iso3"], ascending=[False, True])
        .reset_index(drop=True)[STATE_COLUMNS]
    )


def venue_activity(ds: Dataset, ids: pd.Index) -> pd.DataFrame:
    """Per venue: where it is, how many meetings it held in each format, and their ids, newest first."""
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(ids) & ds.meetings["venue_id"].notna()]
    if meetings.empty:
        return ds.venues.iloc[0:0].assign(
            meetings=0, multilateral=0, bilateral=0, meeting_ids=None, titles=None, titles_fr=None
        )
    ordered = meetings.sort_values("start_date", ascending=False, na_position="last")
    grouped = ordered.groupby("venue_id")
    counts = grouped.agg(
        meetings=("meeting_id", "size"),
        multilateral=("format", lambda formats: int((formats == "multilateral").sum())),
        bilateral=("format", lambda formats: int((formats == "bilateral").sum())),
        meeting_ids=("meeting_id", tuple),
        titles=("title", tuple),
        titles_fr=("title_fr", tuple),
    )
    return ds.venues.merge(counts, left_on="venue_id", right_index=True).sort_values(
        ["meetings", "venue_id"], ascending=[False, True]
    )


def delegation_arcs(ds: Dataset, ids: pd.Index, centroids: pd.DataFrame, limit: int = 2000) -> tuple[pd.DataFrame, int]:
    """Links from each participating state to each venue, by format, strongest first, at most `limit`.

    Returns the links and how many there were before the cut. A state meeting in its own
    country draws no link, and neither does a state the boundary file has no centroid for.
    """
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(ids) & ds.meetings["venue_id"].notna()]
    people = ds.participants[ds.participants["meeting_id"].isin(meetings["meeting_id"])]
    people = people[people["actor"].isin(valid_iso3())].drop_duplicates(["meeting_id", "actor"])
    links = (
        people[["meeting_id", "actor"]]
        .rename(columns={"actor": "iso3"})
        .merge(meetings[["meeting_id", "venue_id", "format"]], on="meeting_id")
        .merge(ds.venues[["venue_id", "country_iso3", "latitude", "longitude"]], on="venue_id")
    )
    links = links[links["iso3"] != links["country_iso3"]]
    arcs = (
        links.groupby(["venue_id", "iso3", "format", "latitude", "longitude"])
        .size()
        .rename("meetings")
        .reset_index()
        .merge(
            centroids.rename(columns={"longitude": "from_longitude", "latitude": "from_latitude"}),
            on="iso3",
        )
        .sort_values(["meetings", "venue_id", "iso3"], ascending=[False, True, True])
    )
    return arcs.head(limit).reset_index(drop=True), len(arcs)
