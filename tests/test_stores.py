"""Both stores keep the same promises: a folder of CSV files and a real PostgreSQL database.

Each test runs once on a data folder and once on a database filled from the same folder by
`copy`, so what the dashboard and the commands rely on cannot differ between the two.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import EDITOR, mini_tables, write_tables

from liaison.dataset.access import NotAnEditorError
from liaison.dataset.changes import NothingToUndoError, StaleRevisionError, revision_of_tables
from liaison.dataset.database import DatabaseStore
from liaison.dataset.schema import TABLES
from liaison.dataset.store import DatasetError
from liaison.dataset.stores import FolderStore, Store, copy, open_store


@pytest.fixture(params=["folder", "database"])
def store(request, tmp_path: Path) -> Store:
    folder = write_tables(tmp_path / "data", mini_tables())
    if request.param == "folder":
        return FolderStore(folder)
    database = DatabaseStore(request.getfixturevalue("database_url"))
    copy(FolderStore(folder), database, EDITOR)
    return database


def with_meeting(frames: dict[str, pd.DataFrame], meeting_id: str, venue: str = "") -> dict[str, pd.DataFrame]:
    """The tables with one more meeting (undated, bilateral, Morocco, on terrorism), as a page would prepare them."""

    def plus(name: str, row: dict[str, str]) -> pd.DataFrame:
        return pd.concat([frames[name], pd.DataFrame([row])], ignore_index=True)

    meeting = {
        "meeting_id": meeting_id,
        "title": f"Title {meeting_id}",
        "title_fr": f"Titre {meeting_id}",
        "format": "bilateral",
        "date_precision": "unknown",
        "venue_id": venue,
        "summary": "Added by a test.",
        "summary_fr": "Ajoutée par un test.",
    }
    return {
        "meetings": plus("meetings", meeting),
        "participants": plus("participants", {"meeting_id": meeting_id, "actor": "MAR", "role": "participant"}),
        "topics": plus("topics", {"meeting_id": meeting_id, "topic_id": "terrorism"}),
        "evidence": plus(
            "evidence", {"meeting_id": meeting_id, "source_id": "s1", "field": "meeting", "locator": "paragraph 1"}
        ),
    }


def test_a_store_reads_the_same_tables_as_the_folder_it_was_filled_from(store: Store, mini_folder: Path) -> None:
    ds, folder = store.load(), FolderStore(mini_folder).load()
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(ds, name), getattr(folder, name), check_dtype=True)
    assert ds.version.digest == store.revision() == store.snapshot().revision


def test_a_save_changes_the_revision_and_the_dataset(store: Store) -> None:
    base = store.snapshot()
    saved = store.save(with_meeting(base.frames, "added"), base.revision, "add one", EDITOR)
    assert saved.previous == base.revision != saved.revision == store.revision()
    assert "added" in set(store.load().meetings["meeting_id"])
    assert store.load().version.digest == saved.revision


def test_a_save_prepared_on_an_old_revision_is_refused_and_writes_nothing(store: Store) -> None:
    base = store.snapshot()
    store.save(with_meeting(base.frames, "first"), base.revision, "first", EDITOR)
    after_first = store.revision()
    with pytest.raises(StaleRevisionError):
        store.save(with_meeting(base.frames, "second"), base.revision, "second", EDITOR)
    assert store.revision() == after_first
    assert [entry["summary"] for entry in store.read_log()][-1] == "first"
    assert "second" not in set(store.load().meetings["meeting_id"])


def test_an_invalid_save_names_the_file_line_and_field_and_writes_nothing(store: Store) -> None:
    base = store.snapshot()
    log_before = store.read_log()
    with pytest.raises(DatasetError) as refused:
        store.save(with_meeting(base.frames, "nowhere", venue="no-such-venue"), base.revision, "bad", EDITOR)
    problem = next(problem for problem in refused.value.problems if problem.field == "venue_id")
    assert problem.file == "meetings.csv" and problem.line == len(base.frames["meetings"]) + 2
    assert store.revision() == base.revision and store.read_log() == log_before


def test_a_save_without_an_editor_is_refused_by_the_store_itself(store: Store) -> None:
    base = store.snapshot()
    log_before = store.read_log()
    with pytest.raises(NotAnEditorError):
        store.save(with_meeting(base.frames, "anonymous"), base.revision, "anonymous", None)
    with pytest.raises(NotAnEditorError):
        store.undo(base.revision, None)
    assert store.revision() == base.revision and store.read_log() == log_before


def test_the_log_says_who_saved_what_and_undo_puts_the_tables_back(store: Store) -> None:
    base = store.snapshot()
    saved = store.save(with_meeting(base.frames, "added"), base.revision, "add one", EDITOR)
    entry = store.read_log()[-1]
    assert entry["action"] == "save" and entry["summary"] == "add one"
    assert entry["tables"] == ["meetings", "participants", "topics", "evidence"]
    assert entry["who"] == EDITOR.as_log() and entry["revision"] == saved.revision
    undone = store.undo(saved.revision, EDITOR)
    assert undone.revision == base.revision == store.revision()
    assert "added" not in set(store.load().meetings["meeting_id"])
    log = store.read_log()
    assert log[-1]["action"] == "undo" and [e for e in log if e["action"] == "save"][-1]["undone"]
    with pytest.raises(NothingToUndoError):
        store.undo(store.revision(), EDITOR)


def test_an_attachment_travels_with_its_save(store: Store) -> None:
    base = store.snapshot()
    store.save(with_meeting(base.frames, "added"), base.revision, "with article", EDITOR, {"articles/s9.txt": b"text"})
    assert store.attachment("articles/s9.txt") == b"text"
    assert store.read_log()[-1]["attachments"] == ["articles/s9.txt"]
    with pytest.raises(ValueError, match="cannot be saved as an attachment"):
        store.save(with_meeting(base.frames, "x"), store.revision(), "over a table", EDITOR, {"meetings.csv": b""})


def test_the_stamp_changes_with_every_save(store: Store) -> None:
    before = store.stamp()
    base = store.snapshot()
    store.save(with_meeting(base.frames, "added"), base.revision, "add one", EDITOR)
    assert store.stamp() != before


def test_two_saves_from_the_same_revision_never_both_land(store: Store) -> None:
    base = store.snapshot()
    outcomes: list[str] = []

    def attempt(meeting_id: str) -> None:
        try:
            store.save(with_meeting(base.frames, meeting_id), base.revision, meeting_id, EDITOR)
            outcomes.append("saved")
        except StaleRevisionError:
            outcomes.append("stale")

    threads = [threading.Thread(target=attempt, args=(f"racer-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved", "stale", "stale", "stale"]
    added = {meeting for meeting in store.load().meetings["meeting_id"] if meeting.startswith("racer-")}
    assert len(added) == 1


def test_batch_writers_re_apply_their_change_and_lose_no_update(store: Store) -> None:
    def add(meeting_id: str) -> None:
        store.save_with_retry(lambda frames: with_meeting(frames, meeting_id), f"add {meeting_id}", EDITOR)

    threads = [threading.Thread(target=add, args=(f"batch-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    added = {meeting for meeting in store.load().meetings["meeting_id"] if meeting.startswith("batch-")}
    assert added == {f"batch-{n}" for n in range(4)}
    assert len([entry for entry in store.read_log() if entry["action"] == "save"]) == 4


def test_copy_round_trips_a_dataset_and_logs_it(store: Store, tmp_path: Path) -> None:
    base = store.snapshot()
    store.save(with_meeting(base.frames, "added"), base.revision, "add one", EDITOR, {"articles/s9.txt": b"text"})
    back = FolderStore(tmp_path / "back")
    rows = copy(store, back, EDITOR)
    # Each store read once: a snapshot reads and validates every table.
    original, copied = store.snapshot().frames, back.snapshot().frames
    assert rows == sum(len(frame) for frame in original.values())
    for name in TABLES:
        pd.testing.assert_frame_equal(copied[name], original[name])
    # A copy is written as Liaison saves (LF, minimal quoting): its revision is that of the same text, logged.
    assert back.revision() == back.read_log()[-1]["revision"] == revision_of_tables(original)
    assert back.attachment("articles/s9.txt") == b"text"
    assert [entry["action"] for entry in back.read_log()][-2:] == ["save", "copy"]
    with pytest.raises(NothingToUndoError):
        back.undo(back.revision(), EDITOR)


def test_copy_refuses_a_store_that_already_holds_a_dataset(store: Store, mini_folder: Path) -> None:
    with pytest.raises(FileExistsError, match="already holds a dataset"):
        copy(FolderStore(mini_folder), store, EDITOR)


def test_a_location_names_its_store() -> None:
    assert isinstance(open_store("postgresql://someone@db.example/liaison"), DatabaseStore)
    assert isinstance(open_store("postgresql+psycopg://someone@db.example/liaison"), DatabaseStore)
    assert isinstance(open_store("data"), FolderStore)
    assert isinstance(open_store(Path("postgresql:")), FolderStore)
