"""The built candidates kept in the data folder's cache: read instead of clustering, rebuilt when stale or broken."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from gdelt_rows import layer_events

from liaison.feed import cache
from liaison.feed.cache import (
    BUILD_COLUMNS,
    built_candidates,
    cache_files,
    layer_stamp,
    read_built,
    stamp_digest,
)
from liaison.feed.cameo import code_mask
from liaison.feed.candidates import build_candidates, candidate_articles, cluster_events
from liaison.feed.events import layer_dir, read_events, write_part


def _random_rows(size: int = 600, seed: int = 13) -> list[dict]:
    """Events over a few pairs, places, days and articles (some without an address or a site)."""
    generator = np.random.default_rng(seed)
    states = np.array(["RUS", "TUR", "IRN", "QAT"])
    one = generator.integers(0, 4, size)
    two = (one + generator.integers(1, 4, size)) % 4
    return [
        {
            "actor1_iso3": states[one[n]],
            "actor2_iso3": states[two[n]],
            "day": str(np.datetime64("2025-01-01") + generator.integers(0, 40)),
            "event_code": str(generator.choice(["036", "040", "041", "042", "043", "057"])),
            "action_geo_feature_id": generator.choice(["-1", "-2", "TU", None]),
            "source_url": generator.choice(["https://a.example/1", "https://b.example/2", "https://c.example/3", None]),
            "source_host": generator.choice(["a.example", "b.example", None]),
            "num_mentions": int(generator.integers(1, 9)),
        }
        for n in range(size)
    ]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder whose layer holds the random events in one part."""
    write_part(layer_dir(tmp_path), "20250101000000.export", layer_events(*_random_rows()))
    return tmp_path


def _digest(data: Path) -> str:
    return stamp_digest(layer_stamp(data))


def _plain(values: pd.Series) -> list[str | None]:
    return [None if pd.isna(value) else str(value) for value in values]


def _comparable(candidates: pd.DataFrame) -> pd.DataFrame:
    """Candidates with every column as plain values, to compare a cached build with a fresh one."""
    return pd.DataFrame({name: candidates[name].astype(object).where(candidates[name].notna()) for name in candidates})


def test_the_cached_candidates_are_the_built_ones(data: Path) -> None:
    """Counts narrowed to int32 and ids as categories change no value, nor the order."""
    expected = build_candidates(cluster_events(read_events(data)))
    built = built_candidates(data, _digest(data))
    cached = read_built(data, _digest(data))
    assert cached is not None and len(cached.candidates) == len(expected) > 20
    for found in (built.candidates, cached.candidates):
        pd.testing.assert_frame_equal(_comparable(found), _comparable(expected))


def test_the_articles_of_some_candidates_are_read_from_the_cache_as_built(data: Path) -> None:
    events = read_events(data)
    clustered = cluster_events(events)
    candidates = build_candidates(clustered)
    chosen = candidates.iloc[[5, 0, 17, 3]]
    expected = candidate_articles(clustered, chosen)
    expected = expected.set_index("candidate_id").loc[chosen["candidate_id"]].reset_index()
    built_candidates(data, _digest(data))
    found = read_built(data, _digest(data))
    articles = found.articles_of(found.candidates.iloc[[5, 0, 17, 3]])
    assert articles["candidate_id"].tolist() == expected["candidate_id"].tolist()
    assert articles["source_url"].tolist() == expected["source_url"].tolist()
    assert articles["rows"].tolist() == expected["rows"].tolist()
    assert _plain(articles["source_host"]) == _plain(expected["source_host"])


def test_a_restart_reads_the_cache_instead_of_clustering(data: Path, monkeypatch) -> None:
    first = built_candidates(data, _digest(data))

    def no_clustering(*_: object) -> None:
        raise AssertionError("clustered again")

    monkeypatch.setattr(cache, "build", no_clustering)
    again = built_candidates(data, _digest(data))
    assert again.candidates["candidate_id"].tolist() == first.candidates["candidate_id"].tolist()


def test_the_cache_is_rebuilt_when_the_layer_changes(data: Path) -> None:
    before = built_candidates(data, _digest(data))
    old_files = cache_files(data, _digest(data))
    write_part(layer_dir(data), "20250601000000.export", layer_events({"day": "2025-06-01", "actor2_iso3": "AUT"}))
    assert _digest(data) != stamp_digest(()), "a layer has a digest of its own"
    after = built_candidates(data, _digest(data))
    assert len(after.candidates) == len(before.candidates) + 1
    assert "gdelt-20250601-AUT-RUS--2980000" in set(after.candidates["candidate_id"].astype(str))
    assert not any(path.exists() for path in old_files), "the stale build is removed"
    assert all(path.exists() for path in cache_files(data, _digest(data)))


@pytest.mark.parametrize("which", [0, 1], ids=["candidates", "articles"])
@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_broken_cache_file_is_rebuilt_not_fatal(data: Path, which: int, damage: str) -> None:
    expected = built_candidates(data, _digest(data)).candidates["candidate_id"].tolist()
    path = cache_files(data, _digest(data))[which]
    content = path.read_bytes()
    path.write_bytes({"garbage": b"not a table" * 100, "truncated": content[: len(content) // 2], "empty": b""}[damage])
    assert read_built(data, _digest(data)) is None
    rebuilt = built_candidates(data, _digest(data))
    assert rebuilt.candidates["candidate_id"].tolist() == expected
    assert read_built(data, _digest(data)) is not None, "the broken file is written again"


def test_articles_pointing_past_the_candidates_are_not_trusted(data: Path) -> None:
    """A cache whose two files do not belong together (articles of more candidates) is rebuilt."""
    built = built_candidates(data, _digest(data))
    fewer = cache.Built(built.candidates.iloc[:3], built.articles, built.starts)
    assert cache.write_built(data, _digest(data), fewer)
    assert read_built(data, _digest(data)) is None
    assert len(built_candidates(data, _digest(data)).candidates) == len(built.candidates)


def test_a_folder_whose_cache_cannot_be_written_still_gets_its_candidates(data: Path) -> None:
    (data / ".cache").write_text("a file where the cache folder would be", encoding="utf-8")
    built = built_candidates(data, _digest(data))
    assert len(built.candidates) > 20
    assert read_built(data, _digest(data)) is None
    assert len(built.articles_of(built.candidates.head(5))) == built.candidates.head(5)["urls"].sum() > 0


def test_a_large_layer_is_clustered_in_a_child_process(data: Path, monkeypatch) -> None:
    """Past the threshold the server process does not cluster: a child writes the cache, the parent reads it."""

    def no_clustering_here(*_: object) -> None:
        raise AssertionError("clustered in the server process")

    monkeypatch.setattr(cache, "build", no_clustering_here)
    built = built_candidates(data, _digest(data), in_process_rows=10)
    assert len(built.candidates) > 20
    assert read_built(data, _digest(data)) is not None


def test_counts_too_large_for_int32_keep_their_width() -> None:
    candidates = build_candidates(cluster_events(layer_events({}, {"day": "2025-05-07"})))
    large = cache._compact(candidates.assign(mentions=np.int64(3_000_000_000)))
    assert large["mentions"].tolist() == [3_000_000_000]
    assert cache._compact(candidates)["rows"].dtype == np.int32


@pytest.mark.parametrize("codes", [("04",), ("043",), ("0431",), ("036", "04"), ("040", "042", "043"), ()])
def test_reading_some_codes_keeps_the_rows_code_mask_keeps(tmp_path: Path, codes: tuple[str, ...]) -> None:
    rows = [{"event_code": code} for code in ("036", "040", "0431", "043", "0432", "051", "190")]
    write_part(layer_dir(tmp_path), "t.export", layer_events(*rows))
    everything = read_events(tmp_path)
    mask = code_mask(everything["event_root_code"], everything["event_base_code"], everything["event_code"], codes)
    kept = read_events(tmp_path, ["global_event_id", "event_code"], codes=codes)
    assert kept["global_event_id"].tolist() == everything["global_event_id"][mask].tolist()


def test_an_empty_layer_builds_no_candidates_in_the_usual_columns() -> None:
    nothing = cache.no_candidates()
    assert nothing.candidates.empty and list(nothing.candidates.columns) == list(build_candidates(
        cluster_events(layer_events({"event_code": "190"})[BUILD_COLUMNS])
    ).columns)  # fmt: skip
    assert nothing.articles_of(nothing.candidates).empty
