"""All-or-nothing saves: a journal finished or thrown away, and a real saving process killed at every step."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import mini_tables, write_tables

from liaison.__main__ import main
from liaison.dataset.changes import read_log, revision
from liaison.dataset.files import JOURNAL, MANIFEST, PAUSE_ENV, JournalError, folder_lock, recover, replace_files
from liaison.dataset.schema import TABLES
from liaison.dataset.store import validate_folder

REPO = Path(__file__).resolve().parent.parent

# A real saver: appends one meeting (four tables) through save_with_retry, once released on stdin.
WRITER = """
import os, sys
from pathlib import Path
import pandas as pd
from liaison.dataset.access import Editor
from liaison.dataset.changes import save_with_retry

folder, meeting_id = Path(sys.argv[1]), sys.argv[2]
calls = []


def add_meeting(current):
    calls.append(meeting_id)
    if meeting_id in set(current["meetings"]["meeting_id"]):
        raise ValueError(f"{meeting_id} is already recorded")

    def plus(name, row):
        return pd.concat([current[name], pd.DataFrame([row])], ignore_index=True)

    return {
        "meetings": plus("meetings", {
            "meeting_id": meeting_id, "title": f"Title {meeting_id}", "title_fr": f"Titre {meeting_id}",
            "format": "bilateral", "date_precision": "unknown",
            "summary": "Added by a test writer.", "summary_fr": "Ajoutée par un test.",
        }),
        "participants": plus("participants", {"meeting_id": meeting_id, "actor": "MAR", "role": "participant"}),
        "topics": plus("topics", {"meeting_id": meeting_id, "topic_id": "terrorism"}),
        "evidence": plus("evidence", {
            "meeting_id": meeting_id, "source_id": "s1", "field": "meeting", "locator": "paragraph 1",
        }),
    }


print("ready", flush=True)
os.read(0, 1)
saved = save_with_retry(folder, add_meeting, f"add {meeting_id}", Editor("test:writer", "writer", "none"))
print(f"saved {saved.revision} after {len(calls)} attempt(s)", flush=True)
"""


def _spawn_writer(folder: Path, meeting_id: str, paused: bool) -> subprocess.Popen:
    environment = {**os.environ, PAUSE_ENV: "1"} if paused else {k: v for k, v in os.environ.items() if k != PAUSE_ENV}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), meeting_id],
        cwd=REPO,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def start_writers(jobs: list[tuple[Path, str]], paused: bool) -> list[subprocess.Popen]:
    """One writer per (folder, meeting id), all started before any is awaited: their imports share both cores.

    Each waits on stdin once ready, so starting them together changes nothing of what they do once released.
    """
    processes = [_spawn_writer(folder, meeting_id, paused) for folder, meeting_id in jobs]
    for process in processes:
        assert process.stdout.readline() == b"ready\n"
    return processes


def start_writer(folder: Path, meeting_id: str, paused: bool) -> subprocess.Popen:
    return start_writers([(folder, meeting_id)], paused)[0]


def step_kind(step: str) -> str:
    """A step without the kept copy's time stamp, which differs from one run to the next."""
    return re.sub(r"\.history/[^/]+/", ".history/*/", step)


def tables_of(folder: Path) -> dict[str, bytes]:
    return {table.file: (folder / table.file).read_bytes() for table in TABLES.values()}


def copy_of(original: Path, destination: Path) -> Path:
    shutil.copytree(original, destination, ignore=shutil.ignore_patterns(".lock"))
    return destination


@pytest.fixture(scope="module")
def revisions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The folder before the save, after it, and the steps a paused save announces.

    Watched once for the module: the mini tables are the same in every test's `mini_folder`,
    and a revision is the digest of the tables' text, so every test's save lands on the same one.
    """
    mini_folder = write_tables(tmp_path_factory.mktemp("revisions") / "data", mini_tables())
    done = copy_of(mini_folder, mini_folder.parent / "done")
    writer = start_writer(done, "added-meeting", paused=True)
    writer.stdin.write(b"\n")
    writer.stdin.flush()
    steps = []
    while (line := writer.stdout.readline().decode()).startswith("step "):
        steps.append(line.removeprefix("step ").strip())
        writer.stdin.write(b"\n")
        writer.stdin.flush()
    assert line.startswith("saved ") and writer.wait(timeout=60) == 0
    return {"old": tables_of(mini_folder), "new": tables_of(done), "steps": steps, "revision": revision(done)}


def assert_whole_revision(folder: Path, revisions: dict[str, object], expected: str | None = None) -> str:
    """Read through the CLI's validator (which finishes or discards the journal), then compare every table."""
    assert main(["validate", "--data", str(folder)]) == 0
    assert not (folder / JOURNAL).exists()
    now = tables_of(folder)
    state = "new" if now == revisions["new"] else "old" if now == revisions["old"] else "mixed"
    assert state != "mixed"
    if expected:
        assert state == expected
    logged = [entry["revision"] for entry in read_log(folder)]
    assert logged == ([revisions["revision"]] if state == "new" else [])
    assert (folder / ".history").exists() == (state == "new")
    return state


def test_the_save_announces_every_journal_step(revisions) -> None:
    """Four tables, their four kept copies and the log are journalled before the manifest, then renamed."""
    steps = revisions["steps"]
    assert steps.index("manifest") == 9 and steps[-1] == "forget"
    assert [step.split()[0] for step in steps] == ["journal"] * 9 + ["manifest"] + ["rename"] * 9 + ["forget"]


@pytest.mark.endurance
def test_a_save_killed_at_every_step_leaves_the_old_or_the_new_revision(mini_folder, tmp_path, revisions) -> None:
    """SIGKILL while paused before each step: before the manifest is written nothing changed, after it all did."""
    steps = revisions["steps"]
    folders = [copy_of(mini_folder, tmp_path / f"kill-{number}") for number in range(len(steps))]
    writers = start_writers([(folder, "added-meeting") for folder in folders], paused=True)
    outcomes = []
    for number, (folder, writer) in enumerate(zip(folders, writers, strict=True)):
        writer.stdin.write(b"\n")
        writer.stdin.flush()
        for _ in range(number):
            assert writer.stdout.readline().startswith(b"step ")
            writer.stdin.write(b"\n")
            writer.stdin.flush()
        assert step_kind(writer.stdout.readline().decode().strip()) == f"step {step_kind(steps[number])}"
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
        expected = "old" if number <= steps.index("manifest") else "new"
        outcomes.append(assert_whole_revision(folder, revisions, expected))
    assert outcomes.count("old") == 10 and outcomes.count("new") == 10


@pytest.mark.endurance
def test_a_save_killed_at_increasing_delays_leaves_a_whole_revision(mini_folder, tmp_path, revisions) -> None:
    """30 real SIGKILLs spread over one save's duration, each checked: never a mix, always valid."""
    # Every writer is started and waiting before the first is released: none is starting while another is timed.
    folders = [copy_of(mini_folder, tmp_path / name) for name in ["timing", *(f"timed-{n}" for n in range(30))]]
    writer, *killed = start_writers([(folder, "added-meeting") for folder in folders], paused=False)
    began = time.monotonic()
    writer.stdin.write(b"\n")
    writer.stdin.flush()
    assert writer.stdout.readline().startswith(b"saved ") and writer.wait(timeout=60) == 0
    duration = time.monotonic() - began
    outcomes = []
    for number, (folder, writer) in enumerate(zip(folders[1:], killed, strict=True)):
        writer.stdin.write(b"\n")
        writer.stdin.flush()
        time.sleep(duration * number / 25)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        outcomes.append(assert_whole_revision(folder, revisions))
    assert "old" in outcomes and "new" in outcomes


def test_a_journal_without_its_manifest_is_thrown_away(mini_folder: Path) -> None:
    """A writer killed before its manifest changed nothing; the next reader removes its leftovers."""
    before = tables_of(mini_folder)
    (mini_folder / JOURNAL).mkdir()
    (mini_folder / JOURNAL / "0").write_bytes(b"meeting_id,topic_id\n")
    assert validate_folder(mini_folder)[1] == []
    assert tables_of(mini_folder) == before and not (mini_folder / JOURNAL).exists()


def test_a_journal_with_its_manifest_is_finished_by_the_next_reader(mini_folder: Path) -> None:
    """A writer killed after its manifest had promised the change: the next reader completes it."""
    topics = (mini_folder / "topics.csv").read_bytes() + b"riyadh-visit,cybercrime\n"
    (mini_folder / JOURNAL).mkdir()
    (mini_folder / JOURNAL / "0").write_bytes(topics)
    (mini_folder / JOURNAL / MANIFEST).write_text('{"files": {"0": "topics.csv"}}', encoding="utf-8")
    assert validate_folder(mini_folder)[1] == []
    assert (mini_folder / "topics.csv").read_bytes() == topics and not (mini_folder / JOURNAL).exists()


@pytest.mark.parametrize("target", ["../outside.csv", "/tmp/outside.csv", ".journal/0", ""])
def test_a_journal_naming_a_place_outside_the_folder_is_not_replayed(mini_folder: Path, target: str) -> None:
    """A crafted manifest in a shared folder must not make a reader write anywhere else."""
    (mini_folder / JOURNAL).mkdir()
    (mini_folder / JOURNAL / "0").write_bytes(b"x")
    (mini_folder / JOURNAL / MANIFEST).write_text(f'{{"files": {{"0": "{target}"}}}}', encoding="utf-8")
    with pytest.raises(JournalError, match="names"):
        recover(mini_folder)
    assert not (mini_folder.parent / "outside.csv").exists()


def test_replacing_files_leaves_no_journal_and_refuses_paths_outside(mini_folder: Path) -> None:
    """The journal is gone after a set is replaced; a path outside the folder is refused before writing."""
    with folder_lock(mini_folder):
        replace_files(mini_folder, {"notes/a.txt": b"a", "b.txt": b"b"}, step=lambda name: None)
        with pytest.raises(JournalError):
            replace_files(mini_folder, {"../c.txt": b"c"}, step=lambda name: None)
    assert (mini_folder / "notes" / "a.txt").read_bytes() == b"a" and (mini_folder / "b.txt").read_bytes() == b"b"
    assert not (mini_folder / JOURNAL).exists() and not (mini_folder.parent / "c.txt").exists()
