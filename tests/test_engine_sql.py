"""The SQL each query compiles to for BigQuery and Trino, checked against snapshots committed beside this file.

No BigQuery or Trino server runs here, so what a team would run there is pinned instead: a
change to any expression (or to Ibis or sqlglot, which compile it) changes its SQL and fails
this test until the snapshots are regenerated on purpose and the change read in review:

    LIAISON_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_engine_sql.py

Each compiled statement must also parse back in its own dialect (sqlglot), so a snapshot is
never a string that engine would refuse.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import ibis
import pytest
import sqlglot

from liaison.engine import expressions
from liaison.engine.tables import unbound
from liaison.view.filters import Filters

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "engine"
UPDATE_ENV = "LIAISON_UPDATE_SNAPSHOTS"
DIALECTS = ("bigquery", "trino")
EVERY_FILTER = Filters(
    month_from="2024-03",
    month_to="2025-05",
    countries=("QAT", "MAR"),
    regions=("Western Asia",),
    blocs=("GCC",),
    formats=("bilateral",),
    topics=("terrorism",),
    text="Vienne",
)
ONE_COUNTRY = Filters(countries=("RUS",))
# Ibis names BigQuery's array-sorting aliases at random: numbered in order of appearance instead.
RANDOM_NAME = re.compile(r"\bibis_bq_arr_[a-z0-9]+")
QUERIES = {
    "selected_ids-every-filter": (expressions.selected_ids, EVERY_FILTER),
    "listing-one-country": (expressions.listing, ONE_COUNTRY),
    "headline_counts-one-country": (expressions.headline_counts, ONE_COUNTRY),
    "earliest-one-country": (expressions.earliest, ONE_COUNTRY),
    "latest-one-country": (expressions.latest, ONE_COUNTRY),
    "per_month-one-country": (expressions.per_month, ONE_COUNTRY),
    "per_state-one-country": (expressions.per_state, ONE_COUNTRY),
    "per_venue-one-country": (expressions.per_venue, ONE_COUNTRY),
    "per_topic-one-country": (expressions.per_topic, ONE_COUNTRY),
}


def compiled(query: str, dialect: str) -> str:
    """The query's SQL in the dialect, its random aliases numbered."""
    build, view = QUERIES[query]
    sql = ibis.to_sql(build(unbound(), view), dialect=dialect).strip() + "\n"
    names: dict[str, str] = {}
    return RANDOM_NAME.sub(lambda found: names.setdefault(found[0], f"ibis_bq_arr_{len(names)}"), sql)


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("query", sorted(QUERIES))
def test_compiled_sql_matches_its_snapshot(query: str, dialect: str) -> None:
    """The SQL of each query in each dialect is the committed one, byte for byte."""
    sql = compiled(query, dialect)
    sqlglot.parse_one(sql, read=dialect)
    snapshot = SNAPSHOTS / f"{query}.{dialect}.sql"
    if os.environ.get(UPDATE_ENV):
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(sql, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot {snapshot.name}: run with {UPDATE_ENV}=1 to write it"
    assert sql == snapshot.read_text(encoding="utf-8"), (
        f"{query} compiles to different {dialect} SQL than {snapshot.name}; "
        f"if the change is meant, regenerate with {UPDATE_ENV}=1 and review the diff"
    )


def test_every_snapshot_belongs_to_a_query() -> None:
    """A snapshot left behind by a renamed query would pin nothing: there is none."""
    expected = {f"{query}.{dialect}.sql" for query in QUERIES for dialect in DIALECTS}
    assert {path.name for path in SNAPSHOTS.glob("*.sql")} == expected


def test_compiling_in_another_process_gives_the_same_sql() -> None:
    """Snapshots would be flaky if aliases or column orders depended on the process (set order, random names)."""
    script = "import test_engine_sql as t; print(t.compiled('listing-one-country', 'bigquery'))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SNAPSHOTS.parents[2])},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
