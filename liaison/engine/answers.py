"""The engine's expressions run, and their results given the shapes the in-memory view gives.

Engines differ in what they hand back (DuckDB a None where Spark a NaN, a list where another
an array, dates at one resolution or another): here every result is normalised once, so
a caller (the command line today, pages tomorrow) cannot tell which engine answered.
"""

from __future__ import annotations

import math

import pandas as pd

from liaison.engine import expressions
from liaison.engine.backends import Engine
from liaison.engine.expressions import View
from liaison.engine.tables import Tables

FORMATS = ("multilateral", "bilateral")


def meeting_ids(engine: Engine, t: Tables, view: View) -> pd.Index:
    """The ids `select` gives for the view, in file order."""
    frame = engine.execute(expressions.selected_ids(t, view))
    return pd.Index(frame["meeting_id"].astype(object).tolist(), dtype="str")


def meeting_rows(engine: Engine, t: Tables, view: View) -> pd.DataFrame:
    """The rows `filter_meetings` gives for the view: venue, states and topics as tuples, newest first."""
    frame = engine.execute(expressions.listing(t, view))
    text = [name for name in frame.columns if name not in ("states", "topics", "edition", "start_date", "end_date")]
    frame = frame.assign(
        **{name: _missing_as_none(frame[name]) for name in text},
        start_date=_dates(frame["start_date"]),
        end_date=_dates(frame["end_date"]),
        edition=frame["edition"].astype("Int64"),
        states=[_tuple(value) for value in frame["states"]],
        topics=[_tuple(value) for value in frame["topics"]],
    )
    return frame.reset_index(drop=True)


def headline_figures(engine: Engine, t: Tables, view: View) -> dict[str, object]:
    """The fields of the view's `Headline`: counts, months covered, first and last day with their precision."""
    counts = engine.execute(expressions.headline_counts(t, view)).iloc[0]
    first = engine.execute(expressions.earliest(t, view))
    last = engine.execute(expressions.latest(t, view))
    figures: dict[str, object] = {
        name: int(counts[name]) if not _is_missing(counts[name]) else 0
        for name in ("meetings", "states", "multilateral", "bilateral", "months")
    }
    if first.empty:
        return {**figures, "first": None, "last": None, "first_precision": "day", "last_precision": "day"}
    return {
        **figures,
        "first": pd.Timestamp(first["first"].iloc[0]),
        "last": pd.Timestamp(last["last"].iloc[0]),
        "first_precision": first["first_precision"].iloc[0],
        "last_precision": last["last_precision"].iloc[0],
    }


def monthly_counts(engine: Engine, t: Tables, view: View) -> pd.DataFrame:
    """`meetings_per_month`: (month, format, meetings) from the first month to the last, empty months as 0."""
    counts = engine.execute(expressions.per_month(t, view))
    if counts.empty:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[ns]"), "format": [], "meetings": []})
    months = _dates(counts["month"]).dt.to_period("M")
    series = pd.Series(
        counts["meetings"].astype("int64").to_numpy(), index=pd.MultiIndex.from_arrays([months, counts["format"]])
    )
    full = pd.MultiIndex.from_product(
        [pd.period_range(months.min(), months.max(), freq="M"), list(FORMATS)], names=["month", "format"]
    )
    frame = series.reindex(full, fill_value=0).rename("meetings").reset_index()
    return frame.assign(month=frame["month"].dt.to_timestamp())


def state_counts(engine: Engine, t: Tables, view: View) -> pd.DataFrame:
    """Per state: iso3, meetings, roles (a sorted tuple) and latest_meeting_id, as `state_activity` orders them."""
    frame = engine.execute(expressions.per_state(t, view))
    return pd.DataFrame(
        {
            "iso3": frame["iso3"].astype(object).tolist(),
            "meetings": frame["meetings"].astype("int64").to_numpy(),
            "roles": [_tuple(value) for value in frame["roles"]],
            "latest_meeting_id": frame["latest_meeting_id"].astype(object).tolist(),
        }
    )


def venue_counts(engine: Engine, t: Tables, view: View) -> pd.DataFrame:
    """Per venue: venue_id, meetings, multilateral, bilateral, as `venue_activity` orders them."""
    frame = engine.execute(expressions.per_venue(t, view))
    return pd.DataFrame(
        {
            "venue_id": frame["venue_id"].astype(object).tolist(),
            **{
                name: frame[name].fillna(0).astype("int64").to_numpy()
                for name in ("meetings", "multilateral", "bilateral")
            },
        }
    )


def topic_shares(engine: Engine, t: Tables, view: View) -> pd.DataFrame:
    """Per topic: topic_id, meetings and share of the view, as `topic_counts` orders them."""
    frame = engine.execute(expressions.per_topic(t, view))
    return pd.DataFrame(
        {
            "topic_id": frame["topic_id"].astype(object).tolist(),
            "meetings": frame["meetings"].astype("int64").to_numpy(),
            "share": frame["share"].astype("float64").to_numpy(),
        }
    )


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT


def _tuple(value: object) -> tuple:
    return () if _is_missing(value) else tuple(value)


def _missing_as_none(column: pd.Series) -> list:
    return [None if _is_missing(value) else value for value in column]


def _dates(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column).astype("datetime64[us]")
