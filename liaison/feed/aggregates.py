"""What the dashboard shows of a view's candidates: counts per month, per state and per place, never raw rows.

Every function takes the candidates a view keeps (`candidates.select_candidates`) and returns a
small frame whose size depends on months, states or places, not on the events behind them, so
a page sends the browser what it draws and no more. A candidate is counted once per month (its
first day's), once per state of its pair, once at its place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from liaison.feed.cameo import is_one_of

PLACES_SHOWN = 500
"""Places drawn on a map at most (the ones with the most candidates)."""


def candidates_per_month(candidates: pd.DataFrame) -> pd.DataFrame:
    """Candidates per calendar month of their first day, zero months included: columns month, candidates."""
    days = candidates["start_date"].to_numpy(dtype="datetime64[s]")
    days = days[~np.isnat(days)].astype("datetime64[D]").astype(np.int64)
    if not len(days):
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[s]"), "candidates": pd.Series(dtype=np.int64)})
    # Counted per day first (a few thousand days), then the days put in their months.
    first_day = int(days.min())
    per_day = np.bincount(days - first_day)
    months = (first_day + np.arange(len(per_day))).astype("datetime64[D]").astype("datetime64[M]")
    first = months[0]
    counts = np.bincount((months - first).astype(np.int64), weights=per_day).astype(np.int64)
    full = first + np.arange(len(counts)).astype("timedelta64[M]")
    return pd.DataFrame({"month": full.astype("datetime64[s]"), "candidates": counts})


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Each value's position among the distinct values (-1 when missing or empty text), and those values."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, labels = values.cat.codes.to_numpy().astype(np.int64), pd.Index(values.cat.categories)
    else:
        codes, labels = pd.factorize(values, use_na_sentinel=True)
        codes, labels = codes.astype(np.int64), pd.Index(labels)
    empty = np.flatnonzero(labels.astype("str") == "")
    if len(empty):
        codes = np.where(np.isin(codes, empty), -1, codes)
    return codes, labels


def candidate_states(candidates: pd.DataFrame) -> pd.DataFrame:
    """Each state of the candidates' pairs and the candidates it is in, most first (then by code): iso3, candidates."""
    counts = []
    for column in ("state_a", "state_b"):
        codes, labels = _codes(candidates[column])
        present = codes[codes >= 0]
        counts.append(pd.Series(np.bincount(present, minlength=len(labels)), index=labels.astype("str")))
    total = counts[0].add(counts[1], fill_value=0)
    total = total[total > 0]
    frame = pd.DataFrame({"iso3": total.index.astype("str"), "candidates": total.to_numpy(dtype=np.int64)})
    return frame.sort_values(["candidates", "iso3"], ascending=[False, True], ignore_index=True)


def _place_groups(feature: np.ndarray, name: np.ndarray, names: int) -> np.ndarray:
    """A group number per row (>= 0), the same for rows of the same place id and name (codes, -1 when missing).

    When every id comes with one name only (the usual case), the id is the group: no hashing."""
    shifted = feature + 1
    name_of_id = np.full(int(shifted.max(initial=0)) + 1, -2, dtype=np.int64)
    name_of_id[shifted] = name  # some row's name for each id: all of them, if each id has one
    if np.array_equal(name_of_id[shifted], name):
        return shifted
    return pd.factorize(shifted * (names + 1) + (name + 1))[0]


def candidate_places(candidates: pd.DataFrame, limit: int = PLACES_SHOWN) -> pd.DataFrame:
    """The placed candidates grouped by place, most first, at most `limit`: place, precision, latitude,
    longitude, candidates, rows. Candidates without coordinates are left out (the page counts them).

    A place is its GDELT feature id and name (a missing one and an empty one alike); its
    precision and point are those of its first candidate; places with as many candidates and
    the same name keep the order they first appear in. Counted on integer codes, so millions of
    candidates take tens of milliseconds."""
    columns = ["place", "precision", "latitude", "longitude", "candidates", "rows"]
    placed = (candidates["latitude"].notna() & candidates["longitude"].notna()).to_numpy(dtype=bool)
    if not placed.any():
        return pd.DataFrame({column: [] for column in columns})
    feature, _ = _codes(candidates["place_feature_id"])
    name, names = _codes(candidates["place"])
    group = _place_groups(feature, name, len(names))
    size = int(group.max()) + 1
    group = np.where(placed, group, size)  # the unplaced in a group of their own, left out below
    counts = np.bincount(group, minlength=size + 1)[:size]
    rows = np.bincount(group, weights=candidates["rows"].to_numpy(dtype=np.float64), minlength=size + 1)[:size]
    first = np.full(size + 1, len(group), dtype=np.int64)
    np.minimum.at(first, group, np.arange(len(group)))
    used = np.flatnonzero(counts)
    at = first[used]
    places = pd.DataFrame(
        {
            "place": candidates["place"].iloc[at].astype("str").to_numpy(),
            "precision": candidates["precision"].iloc[at].astype("str").to_numpy(),
            "latitude": candidates["latitude"].iloc[at].to_numpy(dtype=np.float64),
            "longitude": candidates["longitude"].iloc[at].to_numpy(dtype=np.float64),
            "candidates": counts[used].astype(np.int64),
            "rows": rows[used].astype(np.int64),
            "first": at,
        }
    )
    ranked = places.sort_values(["candidates", "place", "first"], ascending=[False, True, True])
    return ranked.head(limit).reset_index(drop=True)[columns]


def involving(candidates: pd.DataFrame, states: Iterable[str]) -> pd.DataFrame:
    """The candidates whose pair includes one of `states` (the place's country alone does not count here)."""
    chosen = list(states)
    mask = is_one_of(candidates["state_a"], chosen) | is_one_of(candidates["state_b"], chosen)
    return candidates[mask].reset_index(drop=True)


def unplaced_count(candidates: pd.DataFrame) -> int:
    """Candidates a map cannot draw: no coordinates."""
    return int((candidates["latitude"].isna() | candidates["longitude"].isna()).sum())


@dataclass(frozen=True)
class Extent:
    """The states and months a set of candidates spans: what the filters must offer once they are shown."""

    states: tuple[str, ...]
    first_month: str | None
    last_month: str | None


def candidate_extent(candidates: pd.DataFrame) -> Extent:
    """The states of every candidate's pair and the months from the first candidate's day to the last one's."""
    states = sorted({str(state) for side in ("state_a", "state_b") for state in candidates[side].dropna().unique()})
    first, last = candidates["start_date"].min(), candidates["end_date"].max()
    if pd.isna(first) or pd.isna(last):
        return Extent(tuple(states), None, None)
    return Extent(tuple(states), first.strftime("%Y-%m"), last.strftime("%Y-%m"))
