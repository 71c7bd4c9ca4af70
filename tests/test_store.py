"""The typed cache: a restart on unchanged files reads it, any change to a file makes it stale, nothing else moves."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from liaison.dataset import store
from liaison.dataset.schema import TABLES
from liaison.dataset.store import CACHE_DIR, data_version, load_dataset, max_table_bytes


def _same(first: store.Dataset, second: store.Dataset) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))
    assert first.version == second.version


def test_a_restart_reads_the_cache_made_from_the_same_files(mini_folder: Path, monkeypatch) -> None:
    """Once cached, the folder loads without reading a CSV file, and every typed frame is as the CSV gave it."""
    fresh = load_dataset(mini_folder, cache_from_bytes=0)

    def no_csv(folder: Path):
        raise AssertionError("the CSV files were read again")

    monkeypatch.setattr(store, "validate_files", no_csv)
    _same(load_dataset(mini_folder, cache_from_bytes=0), fresh)


def test_a_changed_table_makes_the_cache_stale(mini_folder: Path) -> None:
    """A table rewritten after the cache was made is read again from its file."""
    load_dataset(mini_folder, cache_from_bytes=0)
    path = mini_folder / "meetings.csv"
    path.write_bytes(path.read_bytes().replace(b"Title moscow-12", b"Title moscow-12 (edited)"))
    reloaded = load_dataset(mini_folder, cache_from_bytes=0)
    assert "Title moscow-12 (edited)" in set(reloaded.meetings["title"])
    assert reloaded.version == data_version(mini_folder)


def test_a_changed_table_that_turned_invalid_is_refused_not_served_from_the_cache(mini_folder: Path) -> None:
    load_dataset(mini_folder, cache_from_bytes=0)
    path = mini_folder / "meetings.csv"
    path.write_bytes(path.read_bytes().replace(b"2025-05-28", b"2025-05-28x", 1))
    with pytest.raises(store.DatasetError):
        load_dataset(mini_folder, cache_from_bytes=0)


def test_a_small_folder_leaves_no_cache_behind(mini_folder: Path) -> None:
    """The bundled dataset and every test folder read in a second: caching them would only leave files."""
    load_dataset(mini_folder)
    assert not (mini_folder / CACHE_DIR).exists()


def test_the_cache_keeps_out_of_version_control_and_of_the_data_version(mini_folder: Path) -> None:
    before = data_version(mini_folder)
    load_dataset(mini_folder, cache_from_bytes=0)
    assert (mini_folder / CACHE_DIR / ".gitignore").read_text() == "*\n"
    assert data_version(mini_folder) == before


def test_an_unreadable_cache_is_ignored(mini_folder: Path) -> None:
    """A damaged manifest or missing table file falls back to the CSV files, silently."""
    fresh = load_dataset(mini_folder, cache_from_bytes=0)
    manifest = mini_folder / CACHE_DIR / "manifest.json"
    content = json.loads(manifest.read_text())
    for table in (mini_folder / CACHE_DIR).glob("layout*/meetings.arrow"):
        table.unlink()
    _same(load_dataset(mini_folder, cache_from_bytes=0), fresh)
    manifest.write_text("{not json")
    _same(load_dataset(mini_folder, cache_from_bytes=0), fresh)
    assert content["digest"] == fresh.version.digest


def test_a_cache_of_another_layout_is_not_read(mini_folder: Path, monkeypatch) -> None:
    load_dataset(mini_folder, cache_from_bytes=0)
    monkeypatch.setattr(store, "CACHE_LAYOUT", store.CACHE_LAYOUT + 1)
    assert store.read_cache(mini_folder, store.file_stamps(mini_folder)) is None


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, 50_000_000), ({"LIAISON_MAX_TABLE_MB": "400"}, 400_000_000), ({"LIAISON_MAX_TABLE_MB": "lots"}, 50_000_000)],
)
def test_the_table_size_limit_is_raised_only_knowingly(environ, expected) -> None:
    """A folder of a million meetings needs a larger limit; an unreadable setting keeps the default."""
    assert max_table_bytes(environ) == expected
