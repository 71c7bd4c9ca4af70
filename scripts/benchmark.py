"""How fast the query and chart layer is on synthetic datasets of 1 000 to 100 000 meetings.

Speed is a feature; measured here, never in a timed test. Timings depend on
the machine, so a test asserting them would fail at random; this script only
prints figures, to compare before and after a change on the same machine.

Each dataset is sampled from the bundled reference tables (organisations,
memberships, regions, taxonomy, venues) with a seeded generator, so two runs
draw the same meetings. It is built as the typed frames `load_dataset`
returns; only the 10 000 size is also written as CSV, to time load + validate.

Run:  .venv/bin/python scripts/benchmark.py                 (1 000, 10 000 and 100 000 meetings)
      .venv/bin/python scripts/benchmark.py --quick         (1 000 only)
      .venv/bin/python scripts/benchmark.py --sizes 5000 20000
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly

from liaison.activity import delegation_arcs, state_activity, venue_activity
from liaison.charts import monthly_chart, timeline_chart
from liaison.filters import Filters
from liaison.maps import choropleth, venue_deck
from liaison.query import headline, meeting_lanes, meeting_table, meetings_per_month, select
from liaison.schema import TABLES
from liaison.store import DEFAULT_DATA_DIR, Dataset, DataVersion, _typed, load_dataset
from liaison.world import country_centroids, country_shapes

REFERENCE_TABLES = ("venues", "organizations", "memberships", "regions", "taxonomy")
SYNTHETIC_TABLES = ("meetings", "participants", "topics", "sources", "evidence")
REPEAT = 5
LOAD_SIZE = 10_000
FIRST_DAY, DAYS = np.datetime64("2015-01-01"), 4018  # 2015-01-01 to 2025-12-31


def sample_without_replacement(counts: np.ndarray, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """counts[i] distinct positions drawn by weight for each row i, rows concatenated (Gumbel top-k)."""
    picks = []
    for start in range(0, len(counts), 10_000):
        chunk = counts[start : start + 10_000]
        keys = np.log(weights) + rng.gumbel(size=(len(chunk), len(weights)))
        top = np.argsort(-keys, axis=1)[:, : chunk.max()]
        picks.append(top[np.arange(top.shape[1]) < chunk[:, None]])
    return np.concatenate(picks)


def text_frame(table: str, **columns: object) -> pd.DataFrame:
    """A table as a CSV folder holds it: every column of the schema, in order, empty cells as ''."""
    return pd.DataFrame(columns).reindex(columns=TABLES[table].header, fill_value="")


def as_text(days: np.ndarray) -> pd.Series:
    return pd.Series(days).dt.strftime("%Y-%m-%d").fillna("")


def synthesise(n: int, ref: Dataset, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """The five meeting tables for n meetings, as text cells drawn around the reference tables."""
    ids = np.char.add("meeting-", np.char.zfill(np.arange(n).astype(str), 6))
    bilateral = rng.random(n) < 0.35
    margin = bilateral & (rng.random(n) < 0.57)  # ~20% of meetings: bilaterals on a multilateral's margins
    parent = np.where(margin, rng.choice(np.flatnonzero(~bilateral), n), -1)
    precision = rng.choice(["day", "month", "year", "unknown"], n, p=[0.6, 0.25, 0.1, 0.05])
    day = FIRST_DAY + rng.integers(0, DAYS, n)
    month, year = (day.astype(unit).astype("datetime64[D]") for unit in ("datetime64[M]", "datetime64[Y]"))
    start = np.select([precision == "day", precision == "month", precision == "year"], [day, month, year], None)
    start = start.astype("datetime64[D]")
    end = np.where(precision == "day", start + rng.integers(0, 4, n), start)
    venue = np.where(rng.random(n) < 0.05, "", rng.choice(ref.venues["venue_id"].to_numpy(dtype=str), n))
    for column in (precision, start, end, venue):  # a margin meeting shares its parent's place and dates
        column[margin] = column[parent[margin]]
    in_series = ~bilateral & (rng.random(n) < 0.5)
    series = np.char.add("series-", rng.integers(0, max(3, n // 25), n).astype(str))
    orgs = ref.organizations["org_id"].to_numpy(dtype=str)
    organizer = np.where(rng.random(n) < 0.4, rng.choice(orgs, n), "")

    topic_ids = ref.taxonomy["topic_id"].to_numpy(dtype=str)
    topic_counts = rng.integers(1, 4, n)
    picked = topic_ids[sample_without_replacement(topic_counts, np.ones(len(topic_ids)), rng)]
    topics = text_frame("topics", meeting_id=np.repeat(ids, topic_counts), topic_id=picked)
    first_topic = picked[np.r_[0, np.cumsum(topic_counts)[:-1]]]
    labels = ref.taxonomy.set_index("topic_id").loc[first_topic].reset_index(drop=True)
    label, label_fr = labels["label_en"].str.lower(), labels["label_fr"].str.lower()
    place = pd.Series(venue).map(ref.venues.set_index("venue_id")["name"]).fillna("an undisclosed venue")
    meetings = text_frame(
        "meetings",
        meeting_id=ids,
        title=labels["label_en"] + " meeting in " + place,
        title_fr=labels["label_fr"] + " : réunion à " + place,
        series=np.where(in_series, series, ""),
        format=np.where(bilateral, "bilateral", "multilateral"),
        start_date=as_text(start),
        end_date=as_text(end),
        date_precision=precision,
        venue_id=venue,
        organizer=organizer,
        parent_meeting_id=np.where(margin, ids[parent], ""),
        summary="Synthetic meeting on " + label + " held in " + place + ".",
        summary_fr="Réunion synthétique sur " + label_fr + " tenue à " + place + ".",
    )
    numbered = meetings[in_series & (precision != "unknown")].sort_values("start_date")
    edition = numbered.groupby("series").cumcount() + 1
    meetings.loc[edition.index, "edition"] = edition.astype(str)

    states = ref.regions["iso3"].to_numpy(dtype=str)
    weights = np.where(np.isin(states, ref.memberships["iso3"]), 5.0, 1.0)  # bloc members meet more
    state_counts = np.where(bilateral, 2, rng.integers(3, 31, n))
    roles = np.where(bilateral, "counterpart", "participant").repeat(state_counts)
    roles[np.r_[0, np.cumsum(state_counts)[:-1]][~bilateral]] = "host"
    actors = states[sample_without_replacement(state_counts, weights, rng)]
    participants = pd.concat(
        [
            text_frame("participants", meeting_id=np.repeat(ids, state_counts), actor=actors, role=roles),
            text_frame("participants", meeting_id=ids, actor=organizer, role="organizer")[organizer != ""],
        ],
        ignore_index=True,
    )
    source_ids = np.char.replace(ids, "meeting-", "source-")
    sources = text_frame(
        "sources",
        source_id=source_ids,
        outlet=rng.choice(ref.sources["outlet"].unique(), n),
        title=meetings["title"],
        published=meetings["start_date"].str.slice(0, 7),
        language=rng.choice(["en", "fr"], n, p=[0.7, 0.3]),
        url=np.char.add("https://example.org/news/", source_ids),
    )
    locator = np.char.add("paragraph ", rng.integers(1, 10, n).astype(str))
    evidence = text_frame("evidence", meeting_id=ids, source_id=source_ids, field="meeting", locator=locator)
    return dict(zip(SYNTHETIC_TABLES, (meetings, participants, topics, sources, evidence), strict=True))


def timed(step: Callable[[], object]) -> tuple[float, object]:
    """Median wall time of REPEAT runs, and the last result."""
    times = []
    for _ in range(REPEAT):
        begin = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - begin)
    return statistics.median(times), result


def report(name: str, seconds: float, detail: str = "") -> None:
    flag = "  <-- over 1 s" if seconds > 1 else ""
    print(f"  {name:<38}{seconds * 1000:>11,.1f} ms   {detail}{flag}".rstrip(), flush=True)


def time_load(text: dict[str, pd.DataFrame]) -> None:
    """load_dataset on a CSV folder: reading, validating every cell and link, typing."""
    with tempfile.TemporaryDirectory() as folder:
        for name in REFERENCE_TABLES:
            shutil.copy(DEFAULT_DATA_DIR / TABLES[name].file, folder)
        for name, frame in text.items():
            frame.to_csv(Path(folder) / TABLES[name].file, index=False)
        seconds, ds = timed(lambda: load_dataset(Path(folder)))
    report("load_dataset (CSV, load + validate)", seconds, f"{len(ds.meetings):,} meetings")


def benchmark(n: int, ref: Dataset) -> None:
    begin = time.perf_counter()
    text = synthesise(n, ref, np.random.default_rng(20250101 + n))
    typed = {name: _typed(TABLES[name], frame) for name, frame in text.items()}
    reference = {name: getattr(ref, name) for name in REFERENCE_TABLES}
    ds = Dataset(**typed, **reference, version=DataVersion(f"synthetic-{n}", datetime.now(UTC)))
    rows = ", ".join(f"{len(frame):,} {name}" for name, frame in typed.items())
    print(f"\n{n:,} meetings ({rows}; built in {time.perf_counter() - begin:.1f} s)", flush=True)
    if n == LOAD_SIZE:
        time_load(text)

    filters = {
        "select: no filter": Filters(),
        "select: country MAR": Filters(countries=("MAR",)),
        "select: region+bloc+topic": Filters(regions=("Africa",), blocs=("AU",), topics=("terrorism",)),
        "select: month range 2019-01..2020-12": Filters(month_from="2019-01", month_to="2020-12"),
        "select: text 'cybercrime'": Filters(text="cybercrime"),
    }
    seconds, table = timed(lambda: meeting_table(ds))
    report("meeting_table(ds)", seconds, f"{len(table):,} rows")
    for name, view in filters.items():
        seconds, ids = timed(lambda view=view: select(ds, view))
        report(name, seconds, f"{len(ids):,} meetings kept")
    seconds, figures = timed(lambda: headline(table))
    report("headline(table)", seconds, f"{figures.states} states, {figures.months} months")
    seconds, per_month = timed(lambda: meetings_per_month(table))
    report("meetings_per_month(table)", seconds, f"{len(per_month):,} rows")
    seconds, lanes = timed(lambda: meeting_lanes(table))
    report("meeting_lanes(table)", seconds, f"{lanes['lane'].nunique():,} lanes")
    for name, build in (
        ("monthly_chart", lambda: monthly_chart(per_month)),
        ("timeline_chart", lambda: timeline_chart(lanes)),
    ):
        seconds, figure = timed(build)
        report(f"{name} build", seconds)
        begin = time.perf_counter()
        payload = len(figure.to_json())
        report(f"{name} to_json (once)", time.perf_counter() - begin, f"payload {payload:,} bytes")
    time_maps(ds, select(ds, Filters()))


def time_maps(ds: Dataset, ids: pd.Index) -> None:
    """The map page's aggregates and what the browser receives for both maps."""
    seconds, states = timed(lambda: state_activity(ds, ids))
    report("state_activity", seconds, f"{len(states):,} states")
    seconds, figure = timed(lambda: choropleth(states, ds.regions["iso3"]))
    report("choropleth build", seconds, f"payload {len(figure.to_json()):,} bytes")
    seconds, venues = timed(lambda: venue_activity(ds, ids))
    report("venue_activity", seconds, f"{len(venues):,} venues")
    centroids = country_centroids()
    seconds, (arcs, total) = timed(lambda: delegation_arcs(ds, ids, centroids))
    report("delegation_arcs", seconds, f"{len(arcs):,} of {total:,} links drawn")
    seconds, deck = timed(lambda: venue_deck(venues, arcs, states, country_shapes()))
    report("venue_deck build", seconds, f"payload {len(deck.to_json()):,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="meeting counts")
    parser.add_argument("--quick", action="store_true", help="only 1 000 meetings")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, pandas {pd.__version__}, plotly {plotly.__version__}")
    print(f"numpy {np.__version__}, {os.cpu_count()} CPUs; median of {REPEAT} runs per step (perf_counter)")
    ref = load_dataset(DEFAULT_DATA_DIR)
    for n in [1_000] if args.quick else args.sizes:
        benchmark(n, ref)


if __name__ == "__main__":
    main()
