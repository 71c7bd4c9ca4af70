"""Saving never loses data: validate first, write all or nothing, refuse or re-apply stale changes, log, undo."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import EDITOR
from test_files import start_writers

from liaison.dataset.access import Editor, NotAnEditorError
from liaison.dataset.changes import (
    NothingToUndoError,
    StaleRevisionError,
    author_of,
    read_log,
    revision,
    save,
    save_with_retry,
    undo,
)
from liaison.dataset.store import DatasetError, load_dataset, validate_folder


def text_table(folder: Path, name: str) -> pd.DataFrame:
    return validate_folder(folder)[0][name]


def with_topic(folder: Path, meeting_id: str, topic_id: str) -> pd.DataFrame:
    topics = text_table(folder, "topics")
    return pd.concat([topics, pd.DataFrame([{"meeting_id": meeting_id, "topic_id": topic_id}])], ignore_index=True)


def test_a_valid_change_is_saved_logged_and_readable(mini_folder: Path) -> None:
    before = revision(mini_folder)
    saved = save(mini_folder, {"topics": with_topic(mini_folder, "riyadh-visit", "cybercrime")}, before, "tag", EDITOR)
    assert saved.previous == before and saved.revision == revision(mini_folder) != before
    ds = load_dataset(mini_folder)
    assert ("riyadh-visit", "cybercrime") in set(zip(ds.topics["meeting_id"], ds.topics["topic_id"], strict=True))
    [entry] = read_log(mini_folder)
    assert (entry["action"], entry["who"], entry["summary"], entry["tables"]) == (
        "save",
        EDITOR.as_log(),
        "tag",
        ["topics"],
    )


def test_an_invalid_change_is_refused_and_changes_nothing(mini_folder: Path) -> None:
    before = revision(mini_folder)
    original = (mini_folder / "topics.csv").read_bytes()
    with pytest.raises(DatasetError) as refused:
        save(mini_folder, {"topics": with_topic(mini_folder, "riyadh-visit", "piracy")}, before, "bad", EDITOR)
    assert [str(problem) for problem in refused.value.problems] == [
        "topics.csv:6:topic_id: 'piracy' is not a topic_id in taxonomy.csv"
    ]
    assert (mini_folder / "topics.csv").read_bytes() == original and read_log(mini_folder) == []


def test_a_change_prepared_on_an_old_revision_is_refused(mini_folder: Path) -> None:
    opened = revision(mini_folder)
    save(mini_folder, {"topics": with_topic(mini_folder, "riyadh-visit", "cybercrime")}, opened, "first", EDITOR)
    with pytest.raises(StaleRevisionError, match="the data changed since you opened it"):
        save(mini_folder, {"topics": with_topic(mini_folder, "moscow-12", "terrorism")}, opened, "second", EDITOR)
    topics = load_dataset(mini_folder).topics
    assert "riyadh-visit" in set(topics["meeting_id"]) and "moscow-12" not in set(topics["meeting_id"])


def test_two_saves_at_once_one_wins_the_other_is_told_nothing_is_lost(mini_folder: Path) -> None:
    opened = revision(mini_folder)
    changes = {
        "a": with_topic(mini_folder, "riyadh-visit", "cybercrime"),
        "b": with_topic(mini_folder, "moscow-12", "terrorism"),
    }
    outcomes: dict[str, str] = {}
    start = threading.Barrier(2)

    def attempt(name: str) -> None:
        start.wait()
        try:
            save(mini_folder, {"topics": changes[name]}, opened, name, EDITOR)
            outcomes[name] = "saved"
        except StaleRevisionError:
            outcomes[name] = "stale"

    threads = [threading.Thread(target=attempt, args=(name,)) for name in changes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["saved", "stale"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert text_table(mini_folder, "topics").equals(changes[winner].astype(str))
    assert validate_folder(mini_folder)[1] == []


def test_undo_puts_back_the_last_change_then_the_one_before(mini_folder: Path) -> None:
    original = revision(mini_folder)
    first = save(
        mini_folder, {"topics": with_topic(mini_folder, "riyadh-visit", "cybercrime")}, original, "one", EDITOR
    )
    second = save(
        mini_folder, {"topics": with_topic(mini_folder, "moscow-12", "terrorism")}, first.revision, "two", EDITOR
    )
    assert undo(mini_folder, second.revision, EDITOR).revision == first.revision
    assert undo(mini_folder, first.revision, EDITOR).revision == original
    with pytest.raises(NothingToUndoError, match="no change to undo"):
        undo(mini_folder, original, EDITOR)
    assert [entry["action"] for entry in read_log(mini_folder)] == ["save", "save", "undo", "undo"]


def test_no_temporary_file_is_left_behind(mini_folder: Path) -> None:
    save(
        mini_folder,
        {"topics": with_topic(mini_folder, "riyadh-visit", "cybercrime")},
        revision(mini_folder),
        "x",
        EDITOR,
    )
    assert [path.name for path in mini_folder.glob(".*.csv.*")] == []


def test_an_unknown_table_is_refused(mini_folder: Path) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        save(mini_folder, {"people": pd.DataFrame()}, revision(mini_folder), "x", EDITOR)


def test_a_stale_batch_save_is_re_applied_on_the_fresh_revision(mini_folder: Path) -> None:
    """Someone saves while the change is prepared: the change is re-read, re-applied and saved, nothing lost."""
    seen: list[int] = []

    def add_topic(current: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        seen.append(len(current["topics"]))
        if len(seen) == 1:
            save(
                mini_folder,
                {"topics": with_topic(mini_folder, "moscow-12", "terrorism")},
                revision(mini_folder),
                "x",
                EDITOR,
            )
        row = pd.DataFrame([{"meeting_id": "riyadh-visit", "topic_id": "cybercrime"}])
        return {"topics": pd.concat([current["topics"], row], ignore_index=True)}

    saved = save_with_retry(mini_folder, add_topic, "batch", EDITOR)
    topics = set(zip(*(text_table(mini_folder, "topics")[c] for c in ("meeting_id", "topic_id")), strict=True))
    assert seen == [4, 5] and {("moscow-12", "terrorism"), ("riyadh-visit", "cybercrime")} <= topics
    assert saved.revision == revision(mini_folder) and [e["summary"] for e in read_log(mini_folder)] == ["x", "batch"]


def test_a_batch_save_that_no_longer_fits_is_refused_and_writes_nothing(mini_folder: Path) -> None:
    """Re-applied on the fresh revision, the change is validated again: a colliding id is refused."""

    def duplicate_meeting(current: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        return {"meetings": pd.concat([current["meetings"], current["meetings"].head(1)], ignore_index=True)}

    before = {path.name: path.read_bytes() for path in mini_folder.glob("*.csv")}
    with pytest.raises(DatasetError, match="duplicate key"):
        save_with_retry(mini_folder, duplicate_meeting, "bad", EDITOR, attempts=1)
    assert {path.name: path.read_bytes() for path in mini_folder.glob("*.csv")} == before
    assert read_log(mini_folder) == [] and not (mini_folder / ".history").exists()


@pytest.mark.endurance
def test_eight_writer_processes_at_once_all_save_and_none_is_lost(mini_folder: Path) -> None:
    """Eight real processes released together append distinct meetings; all succeed, all eight are kept."""
    ids = [f"writer-{number}" for number in range(8)]
    writers = start_writers([(mini_folder, meeting_id) for meeting_id in ids], paused=False)
    for writer in writers:
        writer.stdin.write(b"\n")
        writer.stdin.flush()
    results = [writer.communicate(timeout=120) for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * 8, [err.decode()[-500:] for _, err in results]
    assert validate_folder(mini_folder)[1] == []
    meetings = set(load_dataset(mini_folder).meetings["meeting_id"])
    assert set(ids) <= meetings and len(meetings) == 6 + 8
    assert sorted(entry["summary"] for entry in read_log(mini_folder)) == [f"add {meeting_id}" for meeting_id in ids]
    attempts = [int(out.decode().split(" after ")[1].split()[0]) for out, _ in results]
    assert sum(attempts) > 8, "released together, some writers must have found the revision stale and retried"


@pytest.mark.parametrize("editor", [None, "ana", {"identity": "ana"}])
def test_a_write_that_names_no_editor_is_refused_and_changes_nothing(mini_folder: Path, editor) -> None:
    """The rule is on the server: a page that forgot to hide a button still cannot write."""
    before = revision(mini_folder)
    change = {"topics": with_topic(mini_folder, "riyadh-visit", "cybercrime")}
    with pytest.raises(NotAnEditorError):
        save(mini_folder, change, before, "tag", editor)
    with pytest.raises(NotAnEditorError):
        save_with_retry(mini_folder, lambda frames: change, "tag", editor)
    with pytest.raises(NotAnEditorError):
        undo(mini_folder, before, editor)
    assert revision(mini_folder) == before and read_log(mini_folder) == []


def test_the_log_says_who_when_and_what(mini_folder: Path) -> None:
    editor = Editor("ana@min.example", "Ana Silva", "oidc")
    save(
        mini_folder,
        {"topics": with_topic(mini_folder, "riyadh-visit", "cybercrime")},
        revision(mini_folder),
        "tag",
        editor,
    )
    (entry,) = read_log(mini_folder)
    assert entry["who"] == {"identity": "ana@min.example", "name": "Ana Silva", "mode": "oidc"}
    assert entry["summary"] == "tag" and entry["tables"] == ["topics"] and entry["when"]
    assert author_of(entry) == "Ana Silva (ana@min.example)"
    assert author_of({"who": "bo"}) == "bo" and author_of({}) == ""


def test_undo_refuses_when_the_tables_changed_outside_the_log(mini_folder: Path) -> None:
    """A hand edit of a CSV after the last save: undoing that save would silently throw the edit away."""
    saved = save(
        mini_folder,
        {"topics": with_topic(mini_folder, "riyadh-visit", "cybercrime")},
        revision(mini_folder),
        "t",
        EDITOR,
    )
    meetings = mini_folder / "meetings.csv"
    meetings.write_text(meetings.read_text(encoding="utf-8").replace("Title moscow-12", "Edited by hand"))
    edited = revision(mini_folder)
    assert edited != saved.revision
    with pytest.raises(StaleRevisionError):
        undo(mini_folder, edited, EDITOR)
    assert revision(mini_folder) == edited
