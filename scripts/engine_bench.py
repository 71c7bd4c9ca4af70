"""The same queries in memory (the index and pandas, as the pages run them) and through the engine, timed.

For each size it loads a synthetic folder of the bundled shape (scripts/synthetic.py, cached
in /tmp/liaison-bench like benchmark.py's) as the app does, hands it to each engine once
(timed apart: that is load-time work), then times, median of --runs after one warm-up:

- month: one country's meetings per month (`meetings_per_month(filter_meetings(…))` in memory);
- select: the ids of that country's meetings (`select`);
- select all: the ids of every meeting (no filter: the largest answer to move).

DuckDB runs at every size; PySpark (local mode, needs Java and requirements-spark.txt) only
up to --spark-max meetings. It prints a table and asserts nothing: timings depend on the
machine and on whoever shares it.

Run from the repository root (as a module, so `liaison` imports without touching sys.path):
      .venv/bin/python -m scripts.engine_bench --sizes 1000 100000 1000000
      .venv/bin/python -m scripts.engine_bench --sizes 1000 --no-spark
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from liaison.dataset.store import MAX_TABLE_ENV, load_dataset
from liaison.engine import answers
from liaison.engine.backends import Engine, open_engine
from liaison.engine.index import index_of
from liaison.engine.tables import hand_over
from liaison.view.filters import Filters
from liaison.view.query import meetings_per_month, select
from liaison.view.stored_table import filter_meetings
from scripts.synthetic import write_folder

COUNTRY = Filters(countries=("FRA",))


def timed(work: Callable[[], object], runs: int) -> float:
    """Median seconds of `runs` calls after one warm-up."""
    work()
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        work()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def engine_rows(name: str, engine: Engine, ds, runs: int) -> list[tuple[str, str, float]]:
    begin = time.perf_counter()
    tables = hand_over(engine, ds)
    rows = [(name, "hand over (once)", time.perf_counter() - begin)]
    rows.append((name, "month", timed(lambda: answers.monthly_counts(engine, tables, COUNTRY), runs)))
    rows.append((name, "select", timed(lambda: answers.meeting_ids(engine, tables, COUNTRY), runs)))
    rows.append((name, "select all", timed(lambda: answers.meeting_ids(engine, tables, Filters()), runs)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--spark-max", type=int, default=100_000, help="largest size PySpark runs at")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/liaison-bench"))
    args = parser.parse_args()
    os.environ.setdefault(MAX_TABLE_ENV, "2000")
    duckdb = open_engine("duckdb")
    spark = None if args.no_spark else open_engine("pyspark")
    results: dict[int, list[tuple[str, str, float]]] = {}
    for size in args.sizes:
        folder = args.cache / f"meetings-{size}"
        write_folder(size, folder)
        begin = time.perf_counter()
        ds = load_dataset(folder)
        index_of(ds)
        print(f"{size:,} meetings: loaded and indexed in {time.perf_counter() - begin:.1f} s", flush=True)
        rows = [
            ("in memory", "month", timed(lambda ds=ds: meetings_per_month(filter_meetings(ds, COUNTRY)), args.runs)),
            ("in memory", "select", timed(lambda ds=ds: select(ds, COUNTRY), args.runs)),
            ("in memory", "select all", timed(lambda ds=ds: select(ds, Filters()), args.runs)),
        ]
        rows += engine_rows("duckdb (ibis)", duckdb, ds, args.runs)
        if spark is not None and size <= args.spark_max:
            rows += engine_rows("pyspark local (ibis)", spark, ds, max(1, args.runs // 2))
        results[size] = rows
        for engine, query, seconds in rows:
            print(f"  {engine:<22} {query:<18} {seconds * 1000:>10.1f} ms", flush=True)
    print()
    print(f"one country ({COUNTRY.countries[0]}) per month, its select, and select of everything; median ms")
    header = "| engine | query | " + " | ".join(f"{size:,}" for size in args.sizes) + " |"
    print(header)
    print("|" + "---|" * (2 + len(args.sizes)))
    keys = list(dict.fromkeys((engine, query) for rows in results.values() for engine, query, _ in rows))
    for engine, query in keys:
        cells = []
        for size in args.sizes:
            found = [seconds for e, q, seconds in results[size] if (e, q) == (engine, query)]
            cells.append(f"{found[0] * 1000:,.1f}" if found else "–")
        print(f"| {engine} | {query} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
