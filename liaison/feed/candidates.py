"""Candidate meetings: the layer's events clustered by state pair, place and day (±1), with their quality.

The rules (data/README.md, "Candidate meetings") in short: events of the meeting codes
(`MEETING_CODES`) between the same two states, in either order, at the same place
(ActionGeo_FeatureID; no place is a place of its own), form one candidate when each is at most
one day after the previous one; a chain longer than `MAX_SPAN_DAYS` is cut into pieces of that
length from its first day. 043 names Actor1 the host, 042 names Actor2 the host (Actor1 visits).
Everything is whole-array work on integer codes (one sort, then `bincount`/`reduceat`): a
million events cluster in about a second and a half, ten million in well under a minute on
two cores (scripts/gdelt_import_bench.py), once per data version; selecting from the built
candidates is what a rerun pays. A candidate is machine-coded and unverified: nothing here
adds it to the curated meetings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from liaison.feed.cameo import code_mask, is_one_of
from liaison.feed.geo import precision_of
from liaison.view.filters import Filters

MEETING_CODES = ("040", "042", "043", "044", "045", "046")
"""Consult (040), visit (042), host (043), meet at a third place (044), mediate (045), negotiate (046).

041 (discuss by telephone) is not a meeting, nor are 036 (express intent to meet) and 05x."""

MAX_SPAN_DAYS = 7
OFFICIAL_TYPES = ("GOV", "MIL", "COP", "SPY")
"""Actor types of officials: government, military, police, intelligence."""

VISITS, HOSTS = "042", "043"

INPUT_COLUMNS = [
    "global_event_id",
    "day",
    "date_added",
    "event_code",
    "event_base_code",
    "event_root_code",
    "goldstein",
    "num_mentions",
    "actor1_iso3",
    "actor2_iso3",
    *[f"actor{n}_type{k}" for n in (1, 2) for k in (1, 2, 3)],
    "action_geo_type",
    "action_geo_name",
    "action_geo_iso3",
    "action_geo_feature_id",
    "action_geo_lat",
    "action_geo_long",
    "source_url",
    "source_host",
]
"""The layer columns candidates are built from (read only these: `events.read_events(data, INPUT_COLUMNS)`)."""

PLACE_COLUMNS = [
    "action_geo_name",
    "action_geo_iso3",
    "action_geo_feature_id",
    "action_geo_type",
    "action_geo_lat",
    "action_geo_long",
]

CANDIDATE_COLUMNS = [
    "candidate_id",
    "candidate",
    "start_date",
    "end_date",
    "state_a",
    "state_b",
    "host",
    "host_rows",
    "role_rows",
    "event_code",
    "place",
    "place_iso3",
    "place_feature_id",
    "precision",
    "latitude",
    "longitude",
    "rows",
    "sources",
    "urls",
    "mentions",
    "official_rows",
    "goldstein",
    "first_added",
]


def _codes(values: pd.Series, index: pd.Index) -> np.ndarray:
    """The position of each value in `index` (-1 when missing or absent), through the categories when there are."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        lookup = np.append(index.get_indexer(values.cat.categories), -1)
        return lookup[values.cat.codes.to_numpy()]
    return index.get_indexer(values)


def _values(values: pd.Series) -> set[str]:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return set(values.cat.categories)
    return set(values.dropna().unique())


def cluster_events(
    events: pd.DataFrame, codes: Iterable[str] = MEETING_CODES, max_span_days: int = MAX_SPAN_DAYS
) -> pd.DataFrame:
    """The events of the codes between two states, sorted by candidate and day, numbered by `candidate` (0, 1, …).

    Adds `state_a` < `state_b` (the unordered pair, as categories) and `host_side`: 1 when the
    row names state_a the host, 2 when it names state_b, 0 when its code names no host. The rows
    of one candidate are contiguous.
    """
    if max_span_days < 1:
        raise ValueError(f"max_span_days: {max_span_days} must be at least 1")
    positions = np.flatnonzero(
        code_mask(events["event_root_code"], events["event_base_code"], events["event_code"], codes)
    )
    actor1, actor2 = events["actor1_iso3"].iloc[positions], events["actor2_iso3"].iloc[positions]
    states = pd.Index(sorted(_values(actor1) | _values(actor2)), dtype="str")
    one, two = _codes(actor1, states), _codes(actor2, states)
    both = (one >= 0) & (two >= 0)
    positions, one, two = positions[both], one[both].astype(np.int64), two[both].astype(np.int64)
    low, high = np.minimum(one, two), np.maximum(one, two)
    place = pd.factorize(events["action_geo_feature_id"].iloc[positions])[0].astype(np.int64) + 1
    day = events["day"].to_numpy(dtype="datetime64[D]")[positions].astype(np.int64)
    group = (low * len(states) + high) * (int(place.max(initial=0)) + 1) + place
    order = _sorted_by(group, day)
    group, day = group[order], day[order]
    size = len(order)
    new_group = np.ones(size, dtype=bool)
    new_group[1:] = group[1:] != group[:-1]
    new_chain = new_group.copy()
    new_chain[1:] |= np.diff(day) > 1
    chain_first_day = day[np.flatnonzero(new_chain)][np.cumsum(new_chain) - 1]
    piece = (day - chain_first_day) // max_span_days
    new_candidate = new_chain.copy()
    new_candidate[1:] |= piece[1:] != piece[:-1]
    base = events["event_base_code"].iloc[positions]
    host = np.where(base.eq(HOSTS).to_numpy(dtype=bool), one, np.where(base.eq(VISITS).to_numpy(dtype=bool), two, -1))
    side = np.where(host == low, 1, np.where(host == high, 2, 0)).astype(np.int8)
    return events.take(positions[order]).assign(
        candidate=np.cumsum(new_candidate) - 1,
        state_a=pd.Categorical.from_codes(low[order], categories=states),
        state_b=pd.Categorical.from_codes(high[order], categories=states),
        host_side=side[order],
    )


def _sorted_by(group: np.ndarray, day: np.ndarray) -> np.ndarray:
    """The order that sorts by group, then day: one sort of a combined integer key when it fits in 63 bits."""
    if not len(group):
        return np.empty(0, dtype=np.int64)
    first, span = int(day.min()), int(day.max()) - int(day.min()) + 1
    if (int(group.max()) + 1) * span < 2**62:
        return np.argsort(group * span + (day - first), kind="stable")
    return np.lexsort((day, group))


def _distinct(candidate: np.ndarray, values: pd.Series, count: int) -> np.ndarray:
    """How many distinct non-missing values each candidate has."""
    codes = pd.factorize(values, use_na_sentinel=True)[0].astype(np.int64)
    present = codes >= 0
    width = int(codes.max(initial=0)) + 1
    pairs = pd.unique(candidate[present] * width + codes[present])
    return np.bincount(pairs // width, minlength=count)


def _official(clustered: pd.DataFrame, actor: int) -> np.ndarray:
    found = np.zeros(len(clustered), dtype=bool)
    for k in (1, 2, 3):
        found |= is_one_of(clustered[f"actor{actor}_type{k}"], OFFICIAL_TYPES)
    return found


def _text(values: object) -> pa.Array:
    """A column as an Arrow string array (categories decoded), for whole-array joins."""
    array = pa.array(values, from_pandas=True)
    return array.cast(pa.string()) if not pa.types.is_string(array.type) else array


def _yyyymmdd(days: np.ndarray) -> np.ndarray:
    """Days as the integers 20191024…, by arithmetic rather than formatting each date."""
    years = days.astype("datetime64[Y]")
    months = days.astype("datetime64[M]")
    day_of_month = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    month = (months - years.astype("datetime64[M]")).astype(np.int64) + 1
    return (years.astype(np.int64) + 1970) * 10000 + month * 100 + day_of_month


def build_candidates(clustered: pd.DataFrame) -> pd.DataFrame:
    """One row per candidate of `cluster_events`' output, newest first, in `CANDIDATE_COLUMNS`."""
    candidate = clustered["candidate"].to_numpy(dtype=np.int64)
    size = len(candidate)
    starts = np.flatnonzero(np.r_[True, candidate[1:] != candidate[:-1]]) if size else np.empty(0, dtype=np.int64)
    count = len(starts)
    bounds = np.r_[starts, size]
    lasts, rows = bounds[1:] - 1, np.diff(bounds)
    day = clustered["day"].to_numpy(dtype="datetime64[D]")
    states = clustered["state_a"].cat.categories
    code_a = clustered["state_a"].cat.codes.to_numpy()[starts]
    code_b = clustered["state_b"].cat.codes.to_numpy()[starts]

    side = clustered["host_side"].to_numpy()
    votes_a = np.bincount(candidate, weights=side == 1, minlength=count).astype(np.int64)
    votes_b = np.bincount(candidate, weights=side == 2, minlength=count).astype(np.int64)
    host = np.where(votes_a > votes_b, code_a, np.where(votes_b > votes_a, code_b, -1))

    code, labels = pd.factorize(clustered["event_code"], sort=True)
    by_code = np.bincount(candidate * len(labels) + code, minlength=count * len(labels)).reshape(count, len(labels))
    official = _official(clustered, 1) & _official(clustered, 2)
    mentions = clustered["num_mentions"].to_numpy(dtype=np.float64, na_value=0)
    goldstein = clustered["goldstein"].to_numpy(dtype=np.float64, na_value=np.nan)
    added = clustered["date_added"].to_numpy(dtype="datetime64[s]")

    place = clustered[PLACE_COLUMNS].iloc[starts].reset_index(drop=True)
    start_day = day[starts]
    identity = pc.binary_join_element_wise(
        "gdelt",
        pc.cast(pa.array(_yyyymmdd(start_day)), pa.string()),
        pa.array(states.to_numpy(dtype=object)).take(pa.array(code_a)) if count else pa.array([], pa.string()),
        pa.array(states.to_numpy(dtype=object)).take(pa.array(code_b)) if count else pa.array([], pa.string()),
        pc.fill_null(_text(place["action_geo_feature_id"]), "none"),
        "-",
    )
    table = pd.DataFrame(
        {
            "candidate_id": identity.to_pandas(),
            "candidate": candidate[starts],
            "start_date": start_day.astype("datetime64[s]"),
            "end_date": day[lasts].astype("datetime64[s]"),
            "state_a": pd.Categorical.from_codes(code_a, categories=states),
            "state_b": pd.Categorical.from_codes(code_b, categories=states),
            "host": pd.Categorical.from_codes(host, categories=states),
            "host_rows": np.maximum(votes_a, votes_b),
            "role_rows": votes_a + votes_b,
            "event_code": pd.Categorical.from_codes(by_code.argmax(axis=1), categories=labels)
            if count
            else pd.Categorical([]),
            "place": place["action_geo_name"],
            "place_iso3": place["action_geo_iso3"],
            "place_feature_id": place["action_geo_feature_id"],
            "precision": precision_of(place["action_geo_type"]),
            "latitude": place["action_geo_lat"].to_numpy(dtype=np.float64, na_value=np.nan),
            "longitude": place["action_geo_long"].to_numpy(dtype=np.float64, na_value=np.nan),
            "rows": rows.astype(np.int64),
            "sources": _distinct(candidate, clustered["source_host"], count),
            "urls": _distinct(candidate, clustered["source_url"], count),
            "mentions": np.bincount(candidate, weights=mentions, minlength=count).astype(np.int64),
            "official_rows": np.bincount(candidate, weights=official, minlength=count).astype(np.int64),
            "goldstein": _mean(candidate, goldstein, count),
            "first_added": np.minimum.reduceat(added, starts) if count else added[:0],
        }
    )
    feature_rank = pd.factorize(place["action_geo_feature_id"], sort=True)[0]
    newest_first = np.lexsort((feature_rank, code_b, code_a, -start_day.astype(np.int64)))
    return table.take(newest_first).reset_index(drop=True)


def _mean(candidate: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """Mean of the non-missing values of each candidate (NaN when it has none)."""
    present = ~np.isnan(values)
    total = np.bincount(candidate[present], weights=values[present], minlength=count)
    number = np.bincount(candidate[present], minlength=count)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(number > 0, total / np.maximum(number, 1), np.nan)


def candidate_meetings(events: pd.DataFrame, codes: Iterable[str] = MEETING_CODES) -> pd.DataFrame:
    """The candidates of an events table: `build_candidates(cluster_events(events, codes))`."""
    return build_candidates(cluster_events(events, codes))


ARTICLE_COLUMNS = ["candidate", "source_url", "source_host", "rows"]


def article_rows(clustered: pd.DataFrame) -> pd.DataFrame:
    """The distinct articles of each candidate of `cluster_events`' output: candidate, source_url, source_host, rows.

    In candidate order, and within a candidate in the order its articles first appear; the host
    is the first one given for the address. Whole-array work on integer codes (one hash of
    (candidate, address) pairs), so ten million events take seconds.
    """
    candidate = clustered["candidate"].to_numpy(dtype=np.int64)
    urls = clustered["source_url"]
    if isinstance(urls.dtype, pd.CategoricalDtype):
        url_code, labels = urls.cat.codes.to_numpy().astype(np.int64), urls.cat.categories
    else:
        url_code, labels = pd.factorize(urls, use_na_sentinel=True)
        url_code = url_code.astype(np.int64)
    present = np.flatnonzero(url_code >= 0)
    key = candidate[present] * (len(labels) + 1) + url_code[present]
    group = pd.factorize(key)[0] if len(key) else np.empty(0, dtype=np.int64)
    # Groups are numbered as they first appear: a row starts one where the running maximum grows.
    seen = np.maximum.accumulate(group) if len(group) else group
    first = np.flatnonzero(np.r_[True, seen[1:] > seen[:-1]]) if len(group) else group
    hosts = clustered["source_host"].iloc[present]
    has_host = np.flatnonzero(hosts.notna().to_numpy(dtype=bool))
    host_group, host_at = np.unique(group[has_host], return_index=True)
    host_row = np.full(len(first), -1, dtype=np.int64)
    host_row[host_group] = has_host[host_at]
    host = hosts.take(np.maximum(host_row, 0)).reset_index(drop=True).where(pd.Series(host_row >= 0))
    return pd.DataFrame(
        {
            "candidate": candidate[present[first]],
            "source_url": pd.Series(labels.take(url_code[present[first]]), dtype="str"),
            "source_host": host,
            "rows": np.bincount(group, minlength=len(first)).astype(np.int64),
        },
        columns=ARTICLE_COLUMNS,
    )


def candidate_articles(clustered: pd.DataFrame, candidates: pd.DataFrame) -> pd.DataFrame:
    """The distinct articles behind each of these candidates: candidate_id, source_url, source_host, rows."""
    numbers = candidates.set_index("candidate")["candidate_id"]
    articles = article_rows(clustered[clustered["candidate"].isin(numbers.index)])
    return articles.assign(candidate_id=articles["candidate"].map(numbers))[
        ["candidate_id", "source_url", "source_host", "rows"]
    ]


def select_candidates(
    candidates: pd.DataFrame, filters: Filters, regions: pd.DataFrame, memberships: pd.DataFrame
) -> pd.DataFrame:
    """The candidates a view keeps, by the same fields as meetings where they apply.

    Period: the candidate's days overlap it. Countries, regions, blocs (current members): either
    state, or the place's country. Format: candidates are bilateral. Topics: candidates have
    none, so a topic filter keeps none. Text: found in the place's name, ignoring case.
    """
    keep = np.ones(len(candidates), dtype=bool)
    if filters.month_from:
        keep &= (candidates["end_date"] >= pd.Timestamp(f"{filters.month_from}-01")).to_numpy(dtype=bool)
    if filters.month_to:
        last_day = pd.Timestamp(f"{filters.month_to}-01") + pd.offsets.MonthEnd(0)
        keep &= (candidates["start_date"] <= last_day).to_numpy(dtype=bool)
    if filters.formats and "bilateral" not in filters.formats:
        keep[:] = False
    if filters.topics:
        keep[:] = False
    if filters.countries:
        keep &= _involves(candidates, filters.countries)
    if filters.regions:
        chosen = regions["region"].isin(filters.regions) | regions["subregion"].isin(filters.regions)
        keep &= _involves(candidates, regions.loc[chosen, "iso3"])
    if filters.blocs:
        current = memberships["org_id"].isin(filters.blocs) & memberships["status"].ne("former")
        keep &= _involves(candidates, memberships.loc[current, "iso3"])
    if filters.text:
        keep &= _contains(candidates["place"], filters.text)
    return candidates[keep].reset_index(drop=True)


def _contains(values: pd.Series, text: str) -> np.ndarray:
    """Which values hold the text, ignoring case; a missing value holds nothing. Categories are searched once each."""
    needle = text.casefold()
    if isinstance(values.dtype, pd.CategoricalDtype):
        found = pd.Series(values.cat.categories).str.casefold().str.contains(needle, regex=False).to_numpy(dtype=bool)
        return np.append(found, False)[values.cat.codes.to_numpy()]
    return values.str.casefold().str.contains(needle, regex=False).fillna(False).to_numpy(dtype=bool)


def _involves(candidates: pd.DataFrame, states: Iterable[str]) -> np.ndarray:
    states = list(states)
    found = np.zeros(len(candidates), dtype=bool)
    for column in ("state_a", "state_b", "place_iso3"):
        found |= is_one_of(candidates[column], states)
    return found


@dataclass(frozen=True)
class FeedQuality:
    """How much a set of candidates rests on: rows -> candidates -> URLs, and two warning shares."""

    rows: int
    candidates: int
    urls: int
    country_share: float
    """Share of candidates placed only at a country's centroid."""
    single_source_share: float
    """Share of candidates resting on one source (one news site)."""


def feed_quality(candidates: pd.DataFrame) -> FeedQuality:
    """The quality figures of these candidates (URLs summed over candidates: an article behind two counts twice)."""
    count = len(candidates)
    if not count:
        return FeedQuality(0, 0, 0, 0.0, 0.0)
    return FeedQuality(
        rows=int(candidates["rows"].sum()),
        candidates=count,
        urls=int(candidates["urls"].sum()),
        country_share=float(candidates["precision"].eq("country").mean()),
        single_source_share=float(candidates["sources"].le(1).mean()),
    )
