"""What meetings were about: topic counts, topics over time, and who discusses what with whom.

A meeting with several topics counts once under each, so topic counts add up to more
than the number of meetings; every caller shows that number beside them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from liaison.dataset.store import Dataset
from liaison.engine.index import index_of


def topic_counts(ds: Dataset, ids: pd.Index) -> pd.DataFrame:
    """Per topic of the taxonomy: meetings about it and their share of the view's meetings, most discussed first."""
    index = index_of(ds)
    topics = index.topics
    per_topic = np.bincount(index.topic_code[index.mask(ids)[index.topic_meeting]], minlength=len(topics.keys))
    counts = pd.Series(per_topic, index=topics.keys, name="meetings")
    counts = counts[counts > 0].astype(np.int64)
    frame = ds.taxonomy[["topic_id", "parent"]].merge(counts, left_on="topic_id", right_index=True)
    share = frame["meetings"] / len(ids) if len(ids) else frame["meetings"] * 0.0
    return (
        frame.assign(share=share).sort_values(["meetings", "topic_id"], ascending=[False, True]).reset_index(drop=True)
    )


def untagged_count(ds: Dataset, ids: pd.Index) -> int:
    """Meetings of the view no source gives a topic for."""
    index = index_of(ds)
    return int((index.mask(ids) & ~index.tagged).sum())


def _tagged(ds: Dataset, chosen: np.ndarray) -> pd.DataFrame:
    """(meeting, topic) rows of the chosen meetings, as codes: one row per distinct pair."""
    index = index_of(ds)
    keep = chosen[index.topic_meeting]
    return pd.DataFrame({"meeting": index.topic_meeting[keep], "topic": index.topic_code[keep]})


def topic_months(ds: Dataset, ids: pd.Index, max_months: int = 36) -> pd.DataFrame:
    """Meetings per topic and period (meetings dated to the day or month), empty periods included.

    Periods are months, or quarters when the view spans `max_months` months or more, so a
    long view stays readable; the `freq` column says which ("M" or "Q"). Counted on integer
    codes (topic × period): pandas periods and a grouping of strings took three seconds at a
    million meetings.
    """
    index = index_of(ds)
    tagged = _tagged(ds, index.mask(ids) & _dated_to_the_month(ds))
    if tagged.empty:
        return pd.DataFrame({"topic_id": [], "month": pd.Series(dtype="datetime64[ns]"), "meetings": [], "freq": []})
    month = index.start[tagged["meeting"].to_numpy()].astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    freq = "M" if month.max() - month.min() < max_months else "Q"
    period = month if freq == "M" else month // 3  # 1970-01 is month 0, in 1970Q1
    first, width = period.min(), period.max() - period.min() + 1
    topic = tagged["topic"].to_numpy()
    counts = np.bincount(topic * width + (period - first), minlength=len(index.topics.keys) * width)
    present = np.unique(topic)
    present = present[np.argsort(index.topics.keys[present].to_numpy(dtype=str), kind="stable")]
    starts = (np.arange(first, first + width) * (1 if freq == "M" else 3)).astype("datetime64[M]")
    return pd.DataFrame(
        {
            "topic_id": np.repeat(index.topics.keys[present].to_numpy(), width),
            "month": np.tile(starts, len(present)).astype("datetime64[us]"),
            "meetings": counts.reshape(-1, width)[present].ravel().astype(np.int64),
            "freq": freq,
        }
    )


def _topics_by_meeting(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """The (meeting, topic) postings sorted by meeting code, once per dataset: sorting two million took a second."""
    index = index_of(ds)
    kept = index.derived.get("topics_by_meeting")
    if kept is None:
        by_meeting = np.argsort(index.topic_meeting, kind="stable")
        kept = (index.topic_meeting[by_meeting], index.topic_code[by_meeting])
        for array in kept:
            array.setflags(write=False)
        index.derived["topics_by_meeting"] = kept
    return kept


def _dated_to_the_month(ds: Dataset) -> np.ndarray:
    """Which meetings are dated to the day or the month, by code: worked out once per dataset."""
    index = index_of(ds)
    monthly = index.derived.get("dated_to_the_month")
    if monthly is None:
        monthly = ds.meetings["date_precision"].isin(["day", "month"]).to_numpy(dtype=bool)
        monthly.setflags(write=False)
        index.derived["dated_to_the_month"] = monthly
    return monthly


def topic_states(ds: Dataset, ids: pd.Index, top_states: int = 20) -> pd.DataFrame:
    """Meetings per topic and participating state, for the `top_states` states in most meetings of the view."""
    index = index_of(ds)
    chosen = index.mask(ids)
    keep = chosen[index.taking_part_meeting]
    meeting, state = index.taking_part_meeting[keep], index.taking_part_state[keep]
    per_state = pd.Series(np.bincount(state, minlength=len(index.states)), index=index.states)
    busiest = per_state[per_state > 0].sort_index().sort_values(ascending=False, kind="stable").head(top_states)
    wanted = np.isin(state, index.states.get_indexer(busiest.index))
    # Each state's meetings, joined to their topics through the topic postings (sorted by meeting).
    topic_meeting, topic_code = _topics_by_meeting(ds)
    first = np.searchsorted(topic_meeting, meeting[wanted], side="left")
    last = np.searchsorted(topic_meeting, meeting[wanted], side="right")
    repeats = last - first
    rows = np.repeat(first - np.cumsum(np.append(0, repeats[:-1])), repeats) + np.arange(repeats.sum())
    # Counted on (topic, state) codes; only the pairs found are turned into text.
    pair = topic_code[rows] * len(index.states) + np.repeat(state[wanted], repeats)
    found, meetings = np.unique(pair, return_counts=True)
    frame = pd.DataFrame(
        {
            "topic_id": index.topics.keys[found // len(index.states)].to_numpy(),
            "iso3": index.states[found % len(index.states)].to_numpy(),
            "meetings": meetings.astype(np.int64),
        }
    )
    return frame.sort_values(["topic_id", "iso3"], kind="stable").reset_index(drop=True)
