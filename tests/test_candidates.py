"""Candidate meetings: the clustering rules on hand-made events whose answer is known, and on the real sample."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from gdelt_rows import layer_events, sample_file

from liaison.feed.candidates import (
    ARTICLE_COLUMNS,
    CANDIDATE_COLUMNS,
    INPUT_COLUMNS,
    MEETING_CODES,
    article_rows,
    build_candidates,
    candidate_articles,
    candidate_meetings,
    cluster_events,
    feed_quality,
    select_candidates,
)
from liaison.feed.events import import_exports, read_events
from liaison.view.filters import Filters


def _summary(candidates: pd.DataFrame) -> list[tuple]:
    """Each candidate as (first day, last day, pair, rows), oldest first."""
    ordered = candidates.sort_values(["start_date", "state_a", "state_b", "place_feature_id"])
    return [
        (row.start_date.strftime("%m-%d"), row.end_date.strftime("%m-%d"), f"{row.state_a}-{row.state_b}", row.rows)
        for row in ordered.itertuples()
    ]


def test_the_two_orders_of_a_pair_are_one_candidate() -> None:
    events = layer_events({}, {"actor1_iso3": "TUR", "actor2_iso3": "RUS"})
    assert _summary(candidate_meetings(events)) == [("05-06", "05-06", "RUS-TUR", 2)]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (["05-06", "05-07"], [("05-06", "05-07", "RUS-TUR", 2)]),
        (["05-06", "05-08"], [("05-06", "05-06", "RUS-TUR", 1), ("05-08", "05-08", "RUS-TUR", 1)]),
        (["05-08", "05-06", "05-07", "05-07"], [("05-06", "05-08", "RUS-TUR", 4)]),
    ],
    ids=["next-day", "two-days-apart", "a-chain"],
)
def test_events_at_most_a_day_apart_are_one_candidate(days: list[str], expected: list[tuple]) -> None:
    events = layer_events(*({"day": f"2025-{day}"} for day in days))
    assert _summary(candidate_meetings(events)) == expected


def test_a_chain_longer_than_the_span_is_cut_from_its_first_day() -> None:
    events = layer_events(*({"day": f"2025-05-{day:02d}"} for day in range(1, 10)))
    clustered = cluster_events(events, max_span_days=7)
    assert _summary(build_candidates(clustered)) == [("05-01", "05-07", "RUS-TUR", 7), ("05-08", "05-09", "RUS-TUR", 2)]
    assert len(build_candidates(cluster_events(events, max_span_days=30))) == 1


def test_another_place_is_another_candidate_and_no_place_is_a_place_of_its_own() -> None:
    events = layer_events(
        {},
        {"action_geo_feature_id": "-1000", "action_geo_name": "Ankara"},
        {"action_geo_feature_id": None, "action_geo_type": 0},
        {"action_geo_feature_id": None, "action_geo_type": 0},
    )
    candidates = candidate_meetings(events)
    by_place = dict(zip(candidates["place_feature_id"].fillna("none"), candidates["rows"], strict=True))
    assert by_place == {"-2980000": 1, "-1000": 1, "none": 2}
    assert dict(zip(candidates["place_feature_id"].fillna("none"), candidates["precision"], strict=True)) == {
        "-2980000": "city",
        "-1000": "city",
        "none": "none",
    }


def test_another_pair_is_another_candidate() -> None:
    events = layer_events({}, {"actor2_iso3": "IRN"}, {"actor1_iso3": "IRN", "actor2_iso3": "TUR"})
    candidates = candidate_meetings(events)
    assert sorted(candidates["state_a"].astype(str) + "-" + candidates["state_b"].astype(str)) == [
        "IRN-RUS",
        "IRN-TUR",
        "RUS-TUR",
    ]


@pytest.mark.parametrize(
    ("geo_type", "precision"), [(1, "country"), (2, "region"), (3, "city"), (4, "city"), (5, "region")]
)
def test_the_place_keeps_its_precision(geo_type: int, precision: str) -> None:
    assert candidate_meetings(layer_events({"action_geo_type": geo_type}))["precision"].tolist() == [precision]


def test_only_meeting_codes_make_candidates_unless_told_otherwise() -> None:
    """A telephone call (041), an intent to meet (036) and diplomatic cooperation (05x) are no meeting."""
    codes = ["036", "040", "041", "042", "043", "044", "045", "046", "051", "057"]
    events = layer_events(
        *({"event_code": code, "day": f"2025-0{1 + n % 9}-{1 + n:02d}"} for n, code in enumerate(codes))
    )
    assert sorted(candidate_meetings(events)["event_code"]) == ["040", "042", "043", "044", "045", "046"]
    assert sorted(candidate_meetings(events, ("041",))["event_code"]) == ["041"]


@pytest.mark.parametrize(
    ("rows", "host", "host_rows", "role_rows"),
    [
        ([{"event_code": "043"}], "RUS", 1, 1),
        ([{"event_code": "042"}], "TUR", 1, 1),
        ([{"event_code": "042", "actor1_iso3": "TUR", "actor2_iso3": "RUS"}], "RUS", 1, 1),
        ([{"event_code": "043"}, {"event_code": "042"}, {"event_code": "042"}], "TUR", 2, 3),
        ([{"event_code": "043"}, {"event_code": "042"}], None, 1, 2),
        ([{"event_code": "040"}, {"event_code": "046"}], None, 0, 0),
    ],
    ids=["043-actor1-hosts", "042-actor2-hosts", "042-reversed", "majority", "tie", "no-role"],
)
def test_the_host_comes_from_the_codes(rows: list[dict], host: str | None, host_rows: int, role_rows: int) -> None:
    candidate = candidate_meetings(layer_events(*rows)).iloc[0]
    assert (None if pd.isna(candidate["host"]) else candidate["host"]) == host
    assert (candidate["host_rows"], candidate["role_rows"]) == (host_rows, role_rows)


def test_rows_sources_and_urls_are_counted_apart() -> None:
    """Three rows from two articles of one site, and one from another site: 4 rows, 2 sources, 3 URLs."""
    events = layer_events(
        {"source_url": "https://a.example/1", "source_host": "a.example"},
        {"source_url": "https://a.example/1", "source_host": "a.example"},
        {"source_url": "https://a.example/2", "source_host": "a.example"},
        {"source_url": "https://b.example/9", "source_host": "b.example"},
    )
    candidate = candidate_meetings(events).iloc[0]
    assert (candidate["rows"], candidate["sources"], candidate["urls"]) == (4, 2, 3)
    assert candidate["mentions"] == 16


def test_the_most_frequent_code_and_the_official_rows_are_reported() -> None:
    events = layer_events(
        {"event_code": "042", "actor1_type1": "GOV", "actor2_type2": "SPY"},
        {"event_code": "042", "actor1_type1": "GOV"},
        {"event_code": "040", "actor1_type3": "MIL", "actor2_type1": "COP"},
        {"event_code": "046", "actor1_type1": "BUS", "actor2_type1": "GOV"},
    )
    candidate = candidate_meetings(events).iloc[0]
    assert candidate["event_code"] == "042"
    assert candidate["official_rows"] == 2


def test_a_candidate_has_a_readable_stable_id_and_the_listed_columns() -> None:
    candidates = candidate_meetings(layer_events({"day": "2025-05-07"}, {"day": "2025-05-06"}))
    assert list(candidates.columns) == CANDIDATE_COLUMNS
    assert candidates["candidate_id"].tolist() == ["gdelt-20250506-RUS-TUR--2980000"]
    assert candidates.iloc[0]["first_added"] == pd.Timestamp("2025-05-06 12:00")


def test_no_events_make_no_candidates() -> None:
    candidates = candidate_meetings(layer_events({"event_code": "190"}))
    assert candidates.empty and list(candidates.columns) == CANDIDATE_COLUMNS
    assert feed_quality(candidates).candidates == 0


def test_the_articles_of_a_candidate_are_its_distinct_urls() -> None:
    events = layer_events(
        {"source_url": "https://a.example/1"},
        {"source_url": "https://a.example/1"},
        {"source_url": "https://b.example/2"},
    )
    clustered = cluster_events(events)
    articles = candidate_articles(clustered, build_candidates(clustered))
    assert sorted(zip(articles["source_url"], articles["rows"], strict=True)) == [
        ("https://a.example/1", 2),
        ("https://b.example/2", 1),
    ]


def test_quality_says_how_much_the_candidates_rest_on() -> None:
    events = layer_events(
        {"action_geo_type": 1, "action_geo_feature_id": "TU"},
        {"source_url": "https://a.example/1", "source_host": "a.example"},
        {"source_url": "https://b.example/1", "source_host": "b.example"},
        {"action_geo_feature_id": "-7"},
    )
    quality = feed_quality(candidate_meetings(events))
    assert (quality.rows, quality.candidates, quality.urls) == (4, 3, 4)
    assert (quality.country_share, quality.single_source_share) == (pytest.approx(1 / 3), pytest.approx(2 / 3))


REGIONS = pd.DataFrame(
    {
        "iso3": ["RUS", "TUR", "IRN", "AUT"],
        "region": ["Europe", "Asia", "Asia", "Europe"],
        "subregion": ["E", "W", "S", "W"],
    }
)
MEMBERSHIPS = pd.DataFrame({"org_id": ["CSTO", "CSTO"], "iso3": ["RUS", "UZB"], "status": ["member", "former"]})


def _kept(candidates: pd.DataFrame, **filters: object) -> list[str]:
    chosen = select_candidates(candidates, Filters().with_values(**filters), REGIONS, MEMBERSHIPS)
    pairs = chosen["state_a"].astype(str) + "-" + chosen["state_b"].astype(str)
    return sorted(pairs + "@" + chosen["start_date"].dt.strftime("%m-%d"))


@pytest.fixture
def three() -> pd.DataFrame:
    """RUS-TUR in Sochi in May, IRN-TUR in Vienna (AUT) on 30 June - 1 July, UZB-IRN in Tashkent in August."""
    return candidate_meetings(
        layer_events(
            {"day": "2025-05-06"},
            {
                "day": "2025-06-30",
                "actor1_iso3": "IRN",
                "action_geo_iso3": "AUT",
                "action_geo_name": "Vienna, Wien, Austria",
                "action_geo_feature_id": "-1995499",
            },
            {"day": "2025-07-01", "actor1_iso3": "IRN", "action_geo_iso3": "AUT", "action_geo_feature_id": "-1995499"},
            {
                "day": "2025-08-01",
                "actor1_iso3": "UZB",
                "actor2_iso3": "IRN",
                "action_geo_iso3": "UZB",
                "action_geo_name": "Tashkent",
                "action_geo_feature_id": "-2000",
            },
        )
    )


@pytest.mark.parametrize(
    ("filters", "kept"),
    [
        ({}, ["IRN-TUR@06-30", "IRN-UZB@08-01", "RUS-TUR@05-06"]),
        ({"month_from": "2025-07"}, ["IRN-TUR@06-30", "IRN-UZB@08-01"]),
        ({"month_to": "2025-06"}, ["IRN-TUR@06-30", "RUS-TUR@05-06"]),
        ({"countries": ["RUS"]}, ["RUS-TUR@05-06"]),
        ({"countries": ["AUT"]}, ["IRN-TUR@06-30"]),
        ({"regions": ["Europe"]}, ["IRN-TUR@06-30", "RUS-TUR@05-06"]),
        ({"blocs": ["CSTO"]}, ["RUS-TUR@05-06"]),
        ({"formats": ["bilateral"]}, ["IRN-TUR@06-30", "IRN-UZB@08-01", "RUS-TUR@05-06"]),
        ({"formats": ["multilateral"]}, []),
        ({"topics": ["terrorism"]}, []),
        ({"text": "vienna"}, ["IRN-TUR@06-30"]),
    ],
    ids=["none", "from", "to", "country", "place-country", "region", "bloc-current-only", "bilateral",
         "multilateral", "topic", "text"],
)  # fmt: skip
def test_the_view_filters_apply_to_candidates(three: pd.DataFrame, filters: dict, kept: list[str]) -> None:
    assert _kept(three, **filters) == kept


def _reference(events: pd.DataFrame, span: int = 7) -> list[tuple]:
    """The clustering rules applied event by event, with dicts and loops: (pair, place, first day, rows)."""
    groups: dict[tuple, list] = defaultdict(list)
    for row in events.itertuples():
        if row.event_code[:3] in MEETING_CODES:
            pair = tuple(sorted((row.actor1_iso3, row.actor2_iso3)))
            place = None if pd.isna(row.action_geo_feature_id) else row.action_geo_feature_id
            groups[(pair, place)].append(row.day.date())
    found = []
    for (pair, place), days in groups.items():
        days.sort()
        chain_start = previous = days[0]
        first, rows = days[0], 0
        for day in days:
            if (day - previous).days > 1 or (day - chain_start).days // span != (first - chain_start).days // span:
                found.append((pair, place, first, rows))
                first, rows = day, 0
                if (day - previous).days > 1:
                    chain_start = day
            rows += 1
            previous = day
        found.append((pair, place, first, rows))
    return sorted(found, key=str)


def _found(candidates: pd.DataFrame) -> list[tuple]:
    return sorted(
        (
            (
                (row.state_a, row.state_b),
                None if pd.isna(row.place_feature_id) else row.place_feature_id,
                row.start_date.date(),
                row.rows,
            )
            for row in candidates.itertuples()
        ),
        key=str,
    )


def test_random_events_cluster_as_the_rules_say_one_by_one() -> None:
    """Two thousand events over a few pairs, places and days: the whole-array build equals the loop."""
    generator = np.random.default_rng(13)
    size = 2000
    states = np.array(["RUS", "TUR", "IRN", "QAT"])
    one = generator.integers(0, 4, size)
    two = (one + generator.integers(1, 4, size)) % 4
    rows = [
        {
            "actor1_iso3": states[one[n]],
            "actor2_iso3": states[two[n]],
            "day": str(np.datetime64("2025-01-01") + generator.integers(0, 60)),
            "event_code": generator.choice(["040", "041", "042", "043", "057"]),
            "action_geo_feature_id": generator.choice(["-1", "-2", "TU", None]),
        }
        for n in range(size)
    ]
    events = layer_events(*rows)
    assert _found(candidate_meetings(events)) == sorted(_reference(events), key=str)


def test_the_real_sample_clusters_as_the_rules_say(shared: Path, tmp_path: Path) -> None:
    """The sample's consultations: every meeting-code event is in exactly one candidate, as the loop finds."""
    list(import_exports([sample_file(shared)], tmp_path, ("036", "04", "05")))
    events = read_events(tmp_path, INPUT_COLUMNS)
    candidates = candidate_meetings(events)
    meeting_rows = int(events["event_base_code"].isin(MEETING_CODES).sum())
    assert candidates["rows"].sum() == meeting_rows == 56
    assert _found(candidates) == sorted(_reference(events), key=str)
    quality = feed_quality(candidates)
    assert quality.candidates == len(candidates) == 33
    assert 0.5 < quality.country_share < 0.6 and quality.single_source_share > 0.9


def test_the_codebook_documents_every_candidate_column() -> None:
    codebook = (Path(__file__).resolve().parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    section = codebook[codebook.index("### candidates — one row per candidate meeting") :]
    for name in CANDIDATE_COLUMNS:
        if name != "candidate":
            assert name in section, name


def test_text_is_searched_in_place_names_read_as_categories_too(three: pd.DataFrame) -> None:
    """The layer reads places as categories; a candidate without a place matches no text."""
    places = pd.Categorical(["Vienna, Wien, Austria", None, "Tashkent"])
    candidates = three.assign(place=places)
    chosen = select_candidates(candidates, Filters(text="VIEN"), REGIONS, MEMBERSHIPS)
    assert chosen["place"].astype(str).tolist() == ["Vienna, Wien, Austria"]


def _articles_one_by_one(clustered: pd.DataFrame) -> list[tuple]:
    """The distinct articles of each candidate, with dicts and loops, in the order they first appear."""
    found: dict[tuple, list] = {}
    for row in clustered.itertuples():
        if pd.isna(row.source_url):
            continue
        entry = found.setdefault((row.candidate, row.source_url), [None, 0])
        if entry[0] is None and not pd.isna(row.source_host):
            entry[0] = row.source_host
        entry[1] += 1
    return [(candidate, url, host, rows) for (candidate, url), (host, rows) in found.items()]


@pytest.mark.parametrize("as_categories", [False, True], ids=["text", "categories"])
def test_the_articles_of_every_candidate_are_found_as_one_by_one(as_categories: bool) -> None:
    """Random addresses and sites, some missing: each (candidate, address) once, its first site, its rows."""
    generator = np.random.default_rng(7)
    rows = [
        {
            "day": str(np.datetime64("2025-01-01") + generator.integers(0, 20)),
            "actor2_iso3": str(generator.choice(["TUR", "IRN"])),
            "source_url": generator.choice(["https://a.example/1", "https://b.example/2", "https://c.example/3", None]),
            "source_host": generator.choice(["a.example", "b.example", None]),
        }
        for _ in range(400)
    ]
    events = layer_events(*rows)
    if as_categories:
        events = events.assign(source_url=events["source_url"].astype("category"))
    clustered = cluster_events(events)
    found = article_rows(clustered)
    assert list(found.columns) == ARTICLE_COLUMNS
    listed = [
        (candidate, url, None if pd.isna(host) else host, count)
        for candidate, url, host, count in zip(
            found["candidate"], found["source_url"], found["source_host"], found["rows"], strict=True
        )
    ]
    assert listed == _articles_one_by_one(clustered)
