"""Saving changes to a data folder so that nothing is ever lost or half-written.

A save names the revision it was prepared from. Under an exclusive lock it checks that
the folder is still at that revision (else the saver is told someone saved first), checks
the whole folder as it would be after the change, keeps a copy of every table it
replaces, writes each table atomically (temporary file, fsync, rename), and appends a line
to the change log. Undo puts back the copies kept by the last change.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from liaison.files import write_atomically
from liaison.schema import TABLES, Problem, check_links, check_table
from liaison.store import DatasetError, data_version, validate_folder

LOG = "changes.log"
HISTORY = ".history"
LOCK = ".lock"
LOCK_TIMEOUT_SECONDS = 30.0


class StaleRevisionError(Exception):
    """The folder changed since the change was prepared; reload and apply it again."""

    def __init__(self, expected: str, current: str) -> None:
        super().__init__(
            f"the data changed since you opened it (revision {expected}, now {current}): "
            "reload, check the other change, then save again"
        )
        self.expected = expected
        self.current = current


@dataclass(frozen=True)
class Saved:
    """What a save or an undo did."""

    revision: str
    previous: str
    tables: tuple[str, ...]
    summary: str


def revision(folder: Path) -> str:
    """The folder's current revision: the content hash of its tables."""
    return data_version(folder).digest


@contextmanager
def _locked(folder: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the folder's lock; a save stuck elsewhere makes this one fail with a reason, not wait forever."""
    deadline = time.monotonic() + timeout
    with (folder / LOCK).open("a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another save to {folder} has held the lock for {timeout:.0f} s") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def as_text(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A table with the codebook's columns in order and every cell as text (empty for missing)."""
    return frame.reindex(columns=TABLES[name].header).astype(object).fillna("").astype(str).reset_index(drop=True)


def to_csv_bytes(name: str, frame: pd.DataFrame) -> bytes:
    """A table as the dataset stores it: the codebook's columns in order, every cell as text."""
    buffer = io.StringIO()
    text = as_text(name, frame)
    text.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def check(folder: Path, replacements: Mapping[str, pd.DataFrame]) -> list[Problem]:
    """Every problem the folder would have after the change (none: the change may be saved)."""
    frames, problems = validate_folder(folder)
    if problems:
        return problems
    candidate = {**frames}
    for name, frame in replacements.items():
        text = as_text(name, frame)
        candidate[name] = text
        problems += check_table(TABLES[name], text)
    return sorted(problems + check_links(candidate))


def save(
    folder: Path,
    replacements: Mapping[str, pd.DataFrame],
    expected_revision: str,
    summary: str,
    author: str | None = None,
) -> Saved:
    """Replace whole tables, if the folder is still at `expected_revision` and the result is valid.

    Raises StaleRevisionError or DatasetError (listing every problem) and then changes nothing.
    """
    unknown = [name for name in replacements if name not in TABLES]
    if unknown:
        raise ValueError(f"unknown table(s): {', '.join(unknown)}")
    with _locked(folder):
        current = revision(folder)
        if current != expected_revision:
            raise StaleRevisionError(expected_revision, current)
        problems = check(folder, replacements)
        if problems:
            raise DatasetError(problems)
        stamp = datetime.now(tz=UTC)
        kept = folder / HISTORY / f"{stamp:%Y%m%dT%H%M%S%fZ}-{current}"
        kept.mkdir(parents=True)
        for name in replacements:
            shutil.copy2(folder / TABLES[name].file, kept / TABLES[name].file)
        for name, frame in replacements.items():
            write_atomically(folder / TABLES[name].file, to_csv_bytes(name, frame))
        saved = Saved(revision(folder), current, tuple(replacements), summary)
        _log(folder, stamp, "save", saved, author, kept.name)
        return saved


def undo(folder: Path, expected_revision: str, author: str | None = None) -> Saved:
    """Put back the tables the last save replaced, if nobody saved since."""
    with _locked(folder):
        current = revision(folder)
        if current != expected_revision:
            raise StaleRevisionError(expected_revision, current)
        entries = [entry for entry in read_log(folder) if entry["action"] == "save" and not entry.get("undone")]
        if not entries:
            raise ValueError("there is no change to undo")
        last = entries[-1]
        if last["revision"] != current:
            raise StaleRevisionError(last["revision"], current)
        kept = folder / HISTORY / last["kept"]
        for name in last["tables"]:
            write_atomically(folder / TABLES[name].file, (kept / TABLES[name].file).read_bytes())
        saved = Saved(revision(folder), current, tuple(last["tables"]), f"undo: {last['summary']}")
        _log(folder, datetime.now(tz=UTC), "undo", saved, author, last["kept"])
        return saved


def _log(folder: Path, when: datetime, action: str, saved: Saved, author: str | None, kept: str) -> None:
    entry = {
        "when": when.isoformat(timespec="seconds"),
        "action": action,
        "who": author,
        "summary": saved.summary,
        "tables": list(saved.tables),
        "previous": saved.previous,
        "revision": saved.revision,
        "kept": kept,
    }
    with (folder / LOG).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_log(folder: Path) -> list[dict]:
    """The change log, oldest first; an undone save is marked `undone`."""
    path = folder / LOG
    if not path.is_file():
        return []
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    undone = {entry["kept"] for entry in entries if entry["action"] == "undo"}
    return [entry | {"undone": entry["action"] == "save" and entry["kept"] in undone} for entry in entries]
