"""The dataset's tables as an engine reads them: typed columns, in the layout every expression expects.

The layout is the dataset's own, less the columns no query reads, plus what SQL cannot
derive exactly the way the in-memory view does:

- `row`: a meeting's (or topic line's) position in its CSV file, since `select` answers in
  file order and a meeting's topics are listed in file order;
- `search`: the seven searchable fields, each case-folded by Python (`str.casefold`, which
  SQL's `lower` is not: "ß" folds to "ss") and joined by NUL, a character no valid cell holds;
- `states`: the valid ISO 3166 alpha-3 codes, which tell a state taking part from an
  organisation taking part.

Dates are DATE columns, never timestamps, so no session time zone can move a meeting to
another day. An embedded engine (DuckDB, local Spark) receives the tables from a loaded
Dataset under names carrying its data version, so two versions never mix; a URL engine reads
tables of this layout already there, named `liaison_<table>`.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa

from liaison.dataset.store import Dataset
from liaison.engine.backends import Engine
from liaison.words.places import valid_iso3

SEARCHABLE = ("title", "title_fr", "title_original", "series", "organizer", "summary", "summary_fr")
SEPARATOR = "\x00"

SCHEMAS: dict[str, dict[str, str]] = {
    "meetings": {
        "row": "int64",
        "meeting_id": "string",
        "title": "string",
        "title_fr": "string",
        "series": "string",
        "edition": "int64",
        "format": "string",
        "start_date": "date",
        "end_date": "date",
        "date_precision": "string",
        "venue_id": "string",
        "organizer": "string",
        "parent_meeting_id": "string",
        "search": "string",
    },
    "venues": {
        "venue_id": "string",
        "name": "string",
        "name_fr": "string",
        "city": "string",
        "country_iso3": "string",
        "latitude": "float64",
        "longitude": "float64",
    },
    "participants": {"meeting_id": "string", "actor": "string", "role": "string"},
    "topics": {"row": "int64", "meeting_id": "string", "topic_id": "string"},
    "taxonomy": {"topic_id": "string", "parent": "string"},
    "regions": {"iso3": "string", "region": "string", "subregion": "string"},
    "memberships": {"org_id": "string", "iso3": "string", "status": "string"},
    "states": {"iso3": "string"},
}


@dataclass(frozen=True)
class Tables:
    """The engine's tables, as Ibis table expressions the query functions start from."""

    meetings: ir.Table
    venues: ir.Table
    participants: ir.Table
    topics: ir.Table
    taxonomy: ir.Table
    regions: ir.Table
    memberships: ir.Table
    states: ir.Table


def unbound(prefix: str = "liaison_") -> Tables:
    """Tables bound to no backend, for compiling SQL (`ibis.to_sql`) without running it."""
    return Tables(**{name: ibis.table(schema, name=f"{prefix}{name}") for name, schema in SCHEMAS.items()})


def existing(engine: Engine, prefix: str = "liaison_") -> Tables:
    """The tables of this layout already in the engine (a team's Trino or BigQuery), named `<prefix><table>`."""
    return Tables(**{name: engine.con.table(f"{prefix}{name}") for name in SCHEMAS})


def tables_for(engine: Engine, ds: Dataset) -> Tables:
    """The dataset handed to an embedded engine, or the tables a URL engine already holds."""
    return hand_over(engine, ds) if engine.embedded else existing(engine)


def hand_over(engine: Engine, ds: Dataset) -> Tables:
    """The dataset's tables given to the engine (once per data version) and read back as Ibis tables.

    DuckDB copies them into temporary tables of its own, columnar and compressed, so the
    pandas frames can be dropped; Spark gets cached temporary views of Arrow data, as a
    session of local mode has no warehouse of its own worth writing to.
    """
    prefix = f"liaison_{ds.version.digest}_"
    tables = {}
    with engine.lock:
        for name, frame in arrow_tables(ds).items():
            table_name = f"{prefix}{name}"
            if engine.kind == "duckdb":
                tables[name] = engine.con.create_table(table_name, obj=frame, temp=True, overwrite=True)
            else:
                # From Arrow, not through pandas, which would turn a missing text into the string "NaN".
                engine.session.createDataFrame(frame).cache().createOrReplaceTempView(table_name)
                tables[name] = engine.con.table(table_name)
    return Tables(**tables)


def arrow_tables(ds: Dataset) -> dict[str, pa.Table]:
    """Every table of the layout, typed, from a loaded dataset."""
    meetings = ds.meetings.assign(row=np.arange(len(ds.meetings), dtype=np.int64), search=search_text(ds.meetings))
    frames = {
        "meetings": meetings,
        "venues": ds.venues,
        "participants": ds.participants,
        "topics": ds.topics.assign(row=np.arange(len(ds.topics), dtype=np.int64)),
        "taxonomy": ds.taxonomy,
        "regions": ds.regions,
        "memberships": ds.memberships,
        "states": pd.DataFrame({"iso3": sorted(valid_iso3())}),
    }
    return {name: _typed(frames[name], schema) for name, schema in SCHEMAS.items()}


def search_text(meetings: pd.DataFrame) -> pd.Series:
    """The searchable fields of each meeting, case-folded as `select` folds them, joined by NUL."""
    folded = [meetings[column].fillna("").astype("str").str.casefold() for column in SEARCHABLE]
    joined = folded[0]
    for column in folded[1:]:
        joined = joined + SEPARATOR + column
    return joined


def _typed(frame: pd.DataFrame, schema: dict[str, str]) -> pa.Table:
    columns = {}
    for name, kind in schema.items():
        values = frame[name]
        if kind == "date":
            column = pa.array(values.to_numpy().astype("datetime64[D]"), type=pa.date32(), from_pandas=True)
        elif kind == "int64":
            column = pa.array(values.astype("Int64"), type=pa.int64(), from_pandas=True)
        elif kind == "float64":
            column = pa.array(values.astype("float64"), type=pa.float64(), from_pandas=True)
        else:
            column = pa.array(values, type=pa.string(), from_pandas=True)
        columns[name] = column
    return pa.table(columns)
