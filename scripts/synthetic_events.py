"""Synthetic GDELT events layers of any size, in the layer's columns, for the feed's benchmarks.

Rows are drawn, whole columns at a time with a seeded numpy generator, to look like the real
sample (`../shared/gdelt/`): a story (one URL on one of 3 000 sites) yields about five rows about
one pair of states, with several codes, reversed roles and sometimes the country centroid
instead of the city; ten years of days; most rows rest on one site. `layer_table` returns the
columns candidates are built from (`liaison.feed.candidates.INPUT_COLUMNS`), typed as
`liaison.feed.events.read_events` returns them; `write_layer` stores such a table as a data
folder's events layer (`feed/gdelt/events/`, one Parquet part per year), as
`python -m liaison gdelt` would have. Nothing here imports the app, so both
scripts/benchmark.py (run as a script) and scripts/gdelt_import_bench.py (run as a module)
use it; tests/test_feed_synthetic.py checks that what it writes is what the app reads.

Run:  .venv/bin/python scripts/synthetic_events.py 1000000 /tmp/liaison-events-1m
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pycountry

LAYER = Path("feed") / "gdelt" / "events"
"""Where a data folder keeps its events (`liaison.feed.events.LAYER`)."""
SITES, CITIES = 3_000, 20_000
TYPES = ["GOV", "MIL", "COP", "SPY", "BUS", "MED", "EDU", "CVL", "JUD", "LEG"]
FIRST_STATES = ["USA", "GBR", "CHN", "CAN", "FRA", "ARE", "DEU", "ESP", "BRA", "IRL", "RUS", "AUS", "AFG", "SAU"]
COLUMNS = [
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
"""The columns written: those candidates are built from, in that order."""
DONE = ".synthetic-{size}"  # written last in the layer folder: a layer without it is rewritten


def states(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Every ISO3 code with a Zipf-like weight, the sample's most frequent states first."""
    rest = sorted({country.alpha_3 for country in pycountry.countries} - set(FIRST_STATES))
    codes = np.array(FIRST_STATES + list(rng.permutation(rest)))
    weights = 1.0 / np.arange(1, len(codes) + 1) ** 1.1
    return codes, weights / weights.sum()


def _strings(values: np.ndarray, codes: np.ndarray) -> pd.Categorical:
    """A text column drawn from a few distinct values ('' is missing), as `read_events` returns it: categories."""
    distinct, lookup = np.unique(values.astype(str), return_inverse=True)
    if distinct[0] == "":
        distinct, lookup = distinct[1:], lookup - 1
    return pd.Categorical.from_codes(lookup[codes], categories=distinct)


def layer_table(size: int, rng: np.random.Generator) -> pd.DataFrame:
    """A synthetic events table of `size` rows in `COLUMNS`, typed as read from Parquet."""
    codes_of_states, weights = states(np.random.default_rng(0))
    stories = max(size // 5, 1)
    story = np.sort(rng.integers(0, stories, size))
    pair = rng.choice(len(codes_of_states), size=(stories, 2), p=weights)
    pair[:, 1] = np.where(pair[:, 0] == pair[:, 1], (pair[:, 1] + 1) % len(codes_of_states), pair[:, 1])
    swap = rng.random(size) < 0.3
    one = np.where(swap, pair[story, 1], pair[story, 0])
    two = np.where(swap, pair[story, 0], pair[story, 1])
    days = 3650
    story_day = rng.integers(0, days, stories)
    day = np.datetime64("2015-01-01") + (story_day[story] - rng.choice([0, 0, 0, 1], size)).astype("timedelta64[D]")
    codes = np.array(["036", "040", "041", "042", "043", "044", "045", "046", "051", "057"])
    code = rng.choice(len(codes), size, p=[0.1, 0.2, 0.08, 0.17, 0.17, 0.03, 0.03, 0.1, 0.08, 0.04])
    geo_type = rng.choice([4, 1, 3, 2, 5, 0], size=size, p=[0.40, 0.28, 0.14, 0.105, 0.05, 0.025])
    city = rng.integers(0, CITIES, stories)[story]
    place = np.where(geo_type == 1, CITIES + one, city)
    place_names = np.array([f"Place {n}" for n in range(CITIES + len(codes_of_states))])
    site = rng.integers(0, SITES, stories)[story]
    typed = rng.choice(len(TYPES) + 1, size=(6, size), p=[0.1, 0.02, 0.02, 0.01, *[0.05] * 6, 0.55])
    type_values = np.array([*TYPES, ""])
    url = pc.binary_join_element_wise(
        pc.cast(pa.array(site), pa.string()), pc.cast(pa.array(story), pa.string()), "/story/"
    )
    frame = pd.DataFrame(
        {
            "global_event_id": np.arange(1, size + 1),
            "day": day.astype("datetime64[ms]"),
            "date_added": (day + np.timedelta64(1, "D")).astype("datetime64[s]"),
            "event_code": _strings(codes, code),
            "event_base_code": _strings(codes, code),
            "event_root_code": _strings(np.array([c[:2] for c in codes]), code),
            "goldstein": rng.uniform(-10, 10, size),
            "num_mentions": pd.array(rng.geometric(0.3, size), dtype="Int32"),
            "actor1_iso3": _strings(codes_of_states, one),
            "actor2_iso3": _strings(codes_of_states, two),
            **{
                f"actor{n}_type{k}": _strings(type_values, typed[(n - 1) * 3 + k - 1])
                for n in (1, 2)
                for k in (1, 2, 3)
            },
            "action_geo_type": pd.array(geo_type, dtype="Int8"),
            "action_geo_name": _strings(place_names, place),
            "action_geo_iso3": _strings(codes_of_states, np.where(geo_type == 1, one, pair[story, 0])),
            "action_geo_feature_id": _strings(np.array([str(-n) for n in range(len(place_names))]), place),
            "action_geo_lat": rng.uniform(-60, 70, size),
            "action_geo_long": rng.uniform(-180, 180, size),
            "source_url": pc.binary_join_element_wise("https://site", url, "").to_pandas(),
            "source_host": _strings(np.array([f"site{n}.example" for n in range(SITES)]), site),
        }
    )
    return frame[COLUMNS]


def write_parts(events: pd.DataFrame, data: Path) -> Path:
    """Store an events table as a data folder's layer, one Parquet part per year (replacing any layer there)."""
    folder = data / LAYER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    years = events["day"].dt.year.to_numpy()
    for year in np.unique(years):
        pq.write_table(pa.Table.from_pandas(events[years == year], preserve_index=False), folder / f"{year}.parquet")
    return folder


def write_layer(size: int, data: Path, seed: int = 13) -> Path:
    """A layer of `size` synthetic events in `data` (kept when one of that size is already complete there)."""
    folder = data / LAYER
    done = folder / DONE.format(size=size)
    if not done.exists():
        write_parts(layer_table(size, np.random.default_rng(seed)), data)
        done.touch()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="events")
    parser.add_argument("data", type=Path, help="the data folder to add the layer to")
    args = parser.parse_args()
    started = time.perf_counter()
    folder = write_layer(args.size, args.data)
    print(f"{args.size:,} events in {folder} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
