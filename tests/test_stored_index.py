"""The engine's index is kept beside the typed tables, read back on a restart, and rebuilt when unusable."""

from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import liaison.engine.index as index_module
from liaison.dataset.store import load_dataset
from liaison.engine.index import Links, MeetingIndex, Postings, index_of
from liaison.engine.stored_index import index_path, write_arrays
from liaison.view.filters import Filters
from liaison.view.query import select


def same_index(a: MeetingIndex, b: MeetingIndex) -> bool:
    for item in fields(MeetingIndex):
        left, right = getattr(a, item.name), getattr(b, item.name)
        if isinstance(left, Postings | Links):
            pairs = [(getattr(left, part.name), getattr(right, part.name)) for part in fields(left)]
        elif isinstance(left, np.ndarray | pd.Index):
            pairs = [(left, right)]
        else:
            continue
        for x, y in pairs:
            if isinstance(x, pd.Index):
                if not (x.equals(y) and x.dtype == y.dtype and x.name == y.name):
                    return False
            elif not (x.dtype == y.dtype and np.array_equal(x, y, equal_nan=x.dtype.kind in "fM")):
                return False
    return True


@pytest.fixture
def cached(mini_folder: Path) -> Path:
    """The mini folder with a typed cache (whatever its size) and the index built once into it."""
    ds = load_dataset(mini_folder, cache_from_bytes=0)
    assert ds.cache_dir is not None
    index_of(ds)
    return mini_folder


def never_build(ds):
    raise AssertionError("the stored index should have been read, not rebuilt")


def test_a_restart_reads_the_stored_index_and_it_equals_a_fresh_build(cached: Path, monkeypatch) -> None:
    fresh = index_module.build_index(load_dataset(cached))
    monkeypatch.setattr(index_module, "build_index", never_build)
    restarted = load_dataset(cached, cache_from_bytes=0)
    stored = index_of(restarted)
    assert same_index(stored, fresh)
    assert stored.ids.name == "meeting_id"
    assert list(select(restarted, Filters(countries=("QAT",)))) == ["vienna-22", "vienna-mar-qat"]


@pytest.mark.parametrize("damage", ["truncated", "not an array", "a part missing", "no folder"])
def test_an_unusable_stored_index_is_rebuilt_and_replaced(cached: Path, damage: str) -> None:
    ds = load_dataset(cached, cache_from_bytes=0)
    folder = index_path(ds.cache_dir)
    largest = max(folder.iterdir(), key=lambda path: path.stat().st_size)
    if damage == "truncated":
        largest.write_bytes(largest.read_bytes()[:200])
    elif damage == "not an array":
        largest.write_text("hello", encoding="utf-8")
    elif damage == "a part missing":
        write_arrays({"ids": pd.Index(["vienna-22"], dtype="str")}, ds.cache_dir)
    else:
        shutil.rmtree(folder)
    rebuilt = index_of(ds)
    assert same_index(rebuilt, index_module.build_index(ds))
    assert same_index(index_of(load_dataset(cached, cache_from_bytes=0)), rebuilt)


def test_a_dataset_without_a_cache_folder_builds_and_writes_nothing(mini_folder: Path) -> None:
    ds = load_dataset(mini_folder)  # a small folder keeps no typed cache
    assert ds.cache_dir is None
    index_of(ds)
    assert not list(mini_folder.rglob("index-*"))


def test_the_stored_index_is_mapped_read_only(cached: Path) -> None:
    """Shared by every session, the index must not change under them: a write is refused, not absorbed."""
    stored = index_of(load_dataset(cached, cache_from_bytes=0))
    with pytest.raises(ValueError, match="read-only"):
        stored.involved.meetings[0] = 1


def test_an_index_of_an_earlier_layout_is_removed_when_the_index_is_written(mini_folder: Path) -> None:
    ds = load_dataset(mini_folder, cache_from_bytes=0)
    (ds.cache_dir / "index-1.npz").write_bytes(b"an earlier layout")
    index_of(ds)
    assert [path.name for path in ds.cache_dir.glob("index-*")] == [index_path(ds.cache_dir).name]
