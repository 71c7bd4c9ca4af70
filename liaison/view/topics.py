"""What meetings were about: topic counts, topics over time, and who discusses what with whom.

A meeting with several topics counts once under each, so topic counts add up to more
than the number of meetings; every caller shows that number beside them.
"""

from __future__ import annotations

import pandas as pd

from liaison.dataset.store import Dataset
from liaison.words.places import valid_iso3


def topic_counts(ds: Dataset, ids: pd.Index) -> pd.DataFrame:
    """Per topic of the taxonomy: meetings about it and their share of the view's meetings, most discussed first."""
    tagged = ds.topics[ds.topics["meeting_id"].isin(ids)].drop_duplicates()
    counts = tagged.groupby("topic_id")["meeting_id"].nunique().rename("meetings")
    frame = ds.taxonomy[["topic_id", "parent"]].merge(counts, left_on="topic_id", right_index=True)
    share = frame["meetings"] / len(ids) if len(ids) else frame["meetings"] * 0.0
    return (
        frame.assign(share=share).sort_values(["meetings", "topic_id"], ascending=[False, True]).reset_index(drop=True)
    )


def untagged_count(ds: Dataset, ids: pd.Index) -> int:
    """Meetings of the view no source gives a topic for."""
    return int((~pd.Series(ids).isin(ds.topics["meeting_id"])).sum())


def topic_months(ds: Dataset, ids: pd.Index, max_months: int = 36) -> pd.DataFrame:
    """Meetings per topic and period (meetings dated to the day or month), empty periods included.

    Periods are months, or quarters when the view spans `max_months` months or more, so a
    long view stays readable; the `freq` column says which ("M" or "Q").
    """
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(ids) & ds.meetings["date_precision"].isin(["day", "month"])]
    tagged = ds.topics.merge(meetings[["meeting_id", "start_date"]], on="meeting_id")
    if tagged.empty:
        return pd.DataFrame({"topic_id": [], "month": pd.Series(dtype="datetime64[ns]"), "meetings": [], "freq": []})
    span = tagged["start_date"].dt.to_period("M")
    freq = "M" if (span.max() - span.min()).n < max_months else "Q"
    periods = tagged["start_date"].dt.to_period(freq)
    counts = tagged.assign(month=periods).groupby(["topic_id", "month"])["meeting_id"].nunique()
    full = pd.MultiIndex.from_product(
        [sorted(tagged["topic_id"].unique()), pd.period_range(periods.min(), periods.max(), freq=freq)],
        names=["topic_id", "month"],
    )
    frame = counts.reindex(full, fill_value=0).rename("meetings").reset_index()
    return frame.assign(month=frame["month"].dt.to_timestamp(), freq=freq)


def topic_states(ds: Dataset, ids: pd.Index, top_states: int = 20) -> pd.DataFrame:
    """Meetings per topic and participating state, for the `top_states` states in most meetings of the view."""
    people = ds.participants[ds.participants["meeting_id"].isin(ids) & ds.participants["actor"].isin(valid_iso3())]
    pairs = people[["meeting_id", "actor"]].drop_duplicates().rename(columns={"actor": "iso3"})
    busiest = pairs["iso3"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(top_states)
    tagged = pairs[pairs["iso3"].isin(busiest.index)].merge(ds.topics, on="meeting_id")
    return (
        tagged.groupby(["topic_id", "iso3"])["meeting_id"]
        .nunique()
        .rename("meetings")
        .reset_index()
        .sort_values(["topic_id", "iso3"])
        .reset_index(drop=True)
    )
