"""The meeting table is kept beside the typed tables, read back on a restart as built, and rebuilt when unusable."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import liaison.view.stored_table as stored_table
from liaison.dataset.store import load_dataset
from liaison.view.query import meeting_table
from liaison.view.stored_table import LISTS_FILE, TABLE_FILE, table_of


@pytest.fixture
def cached(mini_folder: Path) -> Path:
    """The mini folder with a typed cache (whatever its size) and the meeting table kept in it."""
    table_of(load_dataset(mini_folder, cache_from_bytes=0))
    return mini_folder


def never_build(ds):
    raise AssertionError("the kept table should have been read, not rebuilt")


def test_a_restart_reads_the_kept_table_and_it_equals_a_fresh_build(cached: Path, monkeypatch) -> None:
    fresh = meeting_table(load_dataset(cached))
    monkeypatch.setattr(stored_table, "meeting_table", never_build)
    kept = table_of(load_dataset(cached, cache_from_bytes=0))
    pd.testing.assert_frame_equal(kept, fresh)
    assert all(isinstance(states, tuple) for states in kept["states"])
    assert kept["states"].map(len).sum() > 0 and kept["topics"].map(len).sum() > 0


@pytest.mark.parametrize("damage", ["table truncated", "lists not a zip", "lists missing", "lists of other rows"])
def test_an_unusable_kept_table_is_rebuilt(cached: Path, damage: str) -> None:
    ds = load_dataset(cached, cache_from_bytes=0)
    if damage == "table truncated":
        path = ds.cache_dir / TABLE_FILE
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "lists not a zip":
        (ds.cache_dir / LISTS_FILE).write_text("hello", encoding="utf-8")
    elif damage == "lists missing":
        (ds.cache_dir / LISTS_FILE).unlink()
    else:
        stored_table.write_table(meeting_table(ds).head(2), ds.cache_dir)
    pd.testing.assert_frame_equal(table_of(ds), meeting_table(ds))
    pd.testing.assert_frame_equal(stored_table.read_table(ds.cache_dir), meeting_table(ds))


def test_a_dataset_without_a_cache_folder_builds_and_keeps_nothing(mini_folder: Path) -> None:
    ds = load_dataset(mini_folder)
    assert ds.cache_dir is None
    pd.testing.assert_frame_equal(table_of(ds), meeting_table(ds))
    assert not list(mini_folder.rglob("meeting-table-*"))
