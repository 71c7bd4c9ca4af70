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
    long view stays readable; the `freq` column says which ("M" or "Q").
    """
    index = index_of(ds)
    monthly = ds.meetings["date_precision"].isin(["day", "month"]).to_numpy(dtype=bool)
    tagged = _tagged(ds, index.mask(ids) & monthly)
    if tagged.empty:
        return pd.DataFrame({"topic_id": [], "month": pd.Series(dtype="datetime64[ns]"), "meetings": [], "freq": []})
    starts = pd.Series(index.start[tagged["meeting"].to_numpy()])
    span = starts.dt.to_period("M")
    freq = "M" if (span.max() - span.min()).n < max_months else "Q"
    periods = starts.dt.to_period(freq)
    topic_ids = index.topics.keys[tagged["topic"].to_numpy()]
    counts = pd.Series(1, index=pd.MultiIndex.from_arrays([topic_ids, periods])).groupby(level=[0, 1]).size()
    full = pd.MultiIndex.from_product(
        [sorted(set(topic_ids)), pd.period_range(periods.min(), periods.max(), freq=freq)],
        names=["topic_id", "month"],
    )
    frame = counts.reindex(full, fill_value=0).rename("meetings").reset_index()
    return frame.assign(month=frame["month"].dt.to_timestamp(), freq=freq)


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
    by_meeting = np.argsort(index.topic_meeting, kind="stable")
    topic_meeting, topic_code = index.topic_meeting[by_meeting], index.topic_code[by_meeting]
    first = np.searchsorted(topic_meeting, meeting[wanted], side="left")
    last = np.searchsorted(topic_meeting, meeting[wanted], side="right")
    repeats = last - first
    rows = np.repeat(first - np.cumsum(np.append(0, repeats[:-1])), repeats) + np.arange(repeats.sum())
    pairs = pd.DataFrame(
        {
            "topic_id": index.topics.keys[topic_code[rows]].to_numpy(),
            "iso3": index.states[np.repeat(state[wanted], repeats)].to_numpy(),
        }
    )
    return (
        pairs.groupby(["topic_id", "iso3"])
        .size()
        .rename("meetings")
        .reset_index()
        .sort_values(["topic_id", "iso3"])
        .reset_index(drop=True)
    )
