"""The meeting table is kept beside the typed tables, read back on a restart as built, and rebuilt when unusable."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import liaison.view.stored_table as stored_table
from liaison.dataset.store import load_dataset
from liaison.engine.index import index_of
from liaison.figures.catalogue import build_figure
from liaison.publish.briefing import meeting_rows
from liaison.publish.export import view_rows
from liaison.view.filters import Filters
from liaison.view.query import meeting_table
from liaison.view.stored_table import LISTS_FILE, TABLE_FILE, table_and_codes


@pytest.fixture
def cached(mini_folder: Path) -> Path:
    """The mini folder with a typed cache (whatever its size) and the meeting table kept in it."""
    table_of(load_dataset(mini_folder, cache_from_bytes=0))
    return mini_folder


def table_of(ds) -> pd.DataFrame:
    return table_and_codes(ds)[0]


def never_build(ds):
    raise AssertionError("the kept table should have been read, not rebuilt")


def test_a_restart_reads_the_kept_table_and_it_equals_a_fresh_build(cached: Path, monkeypatch) -> None:
    fresh = meeting_table(load_dataset(cached))
    monkeypatch.setattr(stored_table, "meeting_table", never_build)
    kept = table_of(load_dataset(cached, cache_from_bytes=0))
    pd.testing.assert_frame_equal(kept, fresh)
    assert all(isinstance(states, tuple) for states in kept["states"])
    assert kept["states"].map(len).sum() > 0 and kept["topics"].map(len).sum() > 0


def test_a_restart_reads_each_rows_meeting_code_instead_of_matching_a_million_ids(cached: Path, monkeypatch) -> None:
    ds = load_dataset(cached, cache_from_bytes=0)
    monkeypatch.setattr(stored_table, "codes_in", lambda *args: (_ for _ in ()).throw(AssertionError("matched")))
    table, codes = stored_table.table_and_codes(ds)
    assert list(index_of(ds).ids[codes]) == list(table["meeting_id"])


def test_each_value_listed_in_the_table_is_one_shared_string(cached: Path) -> None:
    """At a million meetings a string per listed state and topic took gigabytes; each distinct value is one object."""
    built = meeting_table(load_dataset(cached))
    kept = table_of(load_dataset(cached, cache_from_bytes=0))
    for table in (built, kept):
        values = [value for column in ("states", "topics") for run in table[column] for value in run]
        assert len({id(value) for value in values}) == len(set(values)) < len(values)


@pytest.mark.parametrize(
    "damage", ["table truncated", "lists not a zip", "lists missing", "lists of other rows", "codes past the values"]
)
def test_an_unusable_kept_table_is_rebuilt(cached: Path, damage: str) -> None:
    ds = load_dataset(cached, cache_from_bytes=0)
    if damage == "table truncated":
        path = ds.cache_dir / TABLE_FILE
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "lists not a zip":
        (ds.cache_dir / LISTS_FILE).write_text("hello", encoding="utf-8")
    elif damage == "lists missing":
        (ds.cache_dir / LISTS_FILE).unlink()
    elif damage == "lists of other rows":
        stored_table.write_table(meeting_table(ds).head(2), ds.cache_dir, np.arange(2))
    else:
        with np.load(ds.cache_dir / LISTS_FILE) as stored:
            lists = {name: stored[name] for name in stored.files}
        lists["topics.codes"][0] = len(lists["topics.values"])
        np.savez(ds.cache_dir / LISTS_FILE, **lists)
    pd.testing.assert_frame_equal(table_of(ds), meeting_table(ds))
    pd.testing.assert_frame_equal(stored_table.read_table(ds.cache_dir)[0], meeting_table(ds))


def test_a_dataset_without_a_cache_folder_builds_and_keeps_nothing(mini_folder: Path) -> None:
    ds = load_dataset(mini_folder)
    assert ds.cache_dir is None
    pd.testing.assert_frame_equal(table_of(ds), meeting_table(ds))
    assert not list(mini_folder.rglob("meeting-table-*"))


def test_a_table_of_an_earlier_layout_is_removed_when_the_table_is_kept(mini_folder: Path) -> None:
    ds = load_dataset(mini_folder, cache_from_bytes=0)
    (ds.cache_dir / "meeting-table-1.arrow").write_bytes(b"an earlier layout")
    table_of(ds)
    assert sorted(path.name for path in ds.cache_dir.glob("meeting-table-*")) == sorted([LISTS_FILE, TABLE_FILE])


def test_pages_exports_briefings_and_figures_all_read_the_one_shared_table(mini_folder: Path) -> None:
    """Each building its own table cost ten seconds at a million meetings, on the click of an export button."""
    ds = load_dataset(mini_folder)
    table, row_of_code = stored_table.shared_table(ds)
    assert stored_table.shared_table(ds)[0] is table
    assert stored_table.view_table(ds, pd.Index(ds.meetings["meeting_id"])) is table
    ds.derived["table"] = (table.assign(title=table["title"] + " [shared]"), row_of_code)
    ids = pd.Index(ds.meetings["meeting_id"][:4])

    exported = view_rows(ds, ids)["meetings"]
    assert len(exported) == 4 and exported["title"].str.endswith("[shared]").all()
    assert all(row.title.endswith("[shared]") for row in meeting_rows(ds, ids))
    lanes = build_figure("lanes", ds, ids)
    assert any("[shared]" in str(text) for trace in lanes.data for text in (trace.hovertext or trace.text or ()))
    assert set(stored_table.filter_meetings(ds, Filters())["title"].str[-8:]) == {"[shared]"}
