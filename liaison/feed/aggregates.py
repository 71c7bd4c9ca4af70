"""What the dashboard shows of a view's candidates: counts per month, per state and per place, never raw rows.

Every function takes the candidates a view keeps (`candidates.select_candidates`) and returns a
small frame whose size depends on months, states or places, not on the events behind them, so
a page sends the browser what it draws and no more. A candidate is counted once per month (its
first day's), once per state of its pair, once at its place.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

PLACES_SHOWN = 500
"""Places drawn on a map at most (the ones with the most candidates)."""


def candidates_per_month(candidates: pd.DataFrame) -> pd.DataFrame:
    """Candidates per calendar month of their first day, zero months included: columns month, candidates."""
    if candidates.empty:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[s]"), "candidates": pd.Series(dtype=np.int64)})
    months = candidates["start_date"].dt.to_period("M")
    counts = months.value_counts()
    full = pd.period_range(months.min(), months.max(), freq="M")
    per_month = counts.reindex(full, fill_value=0)
    return pd.DataFrame(
        {"month": full.to_timestamp().astype("datetime64[s]"), "candidates": per_month.to_numpy(dtype=np.int64)}
    )


def candidate_states(candidates: pd.DataFrame) -> pd.DataFrame:
    """Each state of the candidates' pairs and the candidates it is in, most first (then by code): iso3, candidates."""
    states = pd.concat(
        [candidates["state_a"].astype("str"), candidates["state_b"].astype("str")], ignore_index=True
    ).dropna()
    counts = states.value_counts()
    frame = pd.DataFrame({"iso3": counts.index.astype("str"), "candidates": counts.to_numpy(dtype=np.int64)})
    return frame.sort_values(["candidates", "iso3"], ascending=[False, True], ignore_index=True)


def candidate_places(candidates: pd.DataFrame, limit: int = PLACES_SHOWN) -> pd.DataFrame:
    """The placed candidates grouped by place, most first, at most `limit`: place, precision, latitude,
    longitude, candidates, rows. Candidates without coordinates are left out (the page counts them)."""
    placed = candidates[candidates["latitude"].notna() & candidates["longitude"].notna()]
    columns = ["place", "precision", "latitude", "longitude", "candidates", "rows"]
    if placed.empty:
        return pd.DataFrame({column: [] for column in columns})
    key = placed["place_feature_id"].astype("str").fillna("") + "|" + placed["place"].astype("str").fillna("")
    grouped = placed.assign(key=key.to_numpy()).groupby("key", sort=False)
    places = grouped.agg(
        place=("place", "first"),
        precision=("precision", "first"),
        latitude=("latitude", "first"),
        longitude=("longitude", "first"),
        candidates=("candidate_id", "size"),
        rows=("rows", "sum"),
    )
    places = places.assign(place=places["place"].astype("str"), precision=places["precision"].astype("str"))
    return (
        places.sort_values(["candidates", "place"], ascending=[False, True]).head(limit).reset_index(drop=True)[columns]
    )


def involving(candidates: pd.DataFrame, states: Iterable[str]) -> pd.DataFrame:
    """The candidates whose pair includes one of `states` (the place's country alone does not count here)."""
    chosen = list(states)
    mask = candidates["state_a"].isin(chosen).to_numpy(dtype=bool) | candidates["state_b"].isin(chosen).to_numpy(
        dtype=bool
    )
    return candidates[mask].reset_index(drop=True)


def unplaced_count(candidates: pd.DataFrame) -> int:
    """Candidates a map cannot draw: no coordinates."""
    return int((candidates["latitude"].isna() | candidates["longitude"].isna()).sum())
