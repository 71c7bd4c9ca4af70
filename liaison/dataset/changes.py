"""Saving changes to a data folder so that nothing is ever lost or half-written.

A save names the revision it was prepared from. Under the folder's exclusive lock it checks
that the folder is still at that revision (else the saver is told someone saved first) and
checks the whole folder as it would be after the change. The new tables, the copies of the
tables they replace (kept in `.history/` for undo) and the change log with its new line are
then written as one set through the folder's journal (liaison/dataset/files.py): a process killed at
any moment leaves the folder at the revision before or the revision after, never a mix.

An attachment (the article a batch of meetings was drafted from) travels in the same set and
the same change-log line, so a source row never exists without its article, nor the reverse.

A batch writer that does not mind someone saving first uses `save_with_retry`: it re-reads
the folder, re-applies its change to the fresh tables and saves that, re-validated.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from liaison.dataset.access import Editor, NotAnEditorError
from liaison.dataset.files import FolderBusyError, folder_lock, replace_files
from liaison.dataset.schema import TABLES, Problem, check_links, check_table
from liaison.dataset.store import DatasetError, data_version, digest_of, validate_files, version_of_files

LOG = "changes.log"
HISTORY = ".history"
DEFAULT_ATTEMPTS = 5
BATCH_LOCK_TIMEOUT_SECONDS = 600.0

Change = Callable[[dict[str, pd.DataFrame]], Mapping[str, pd.DataFrame]]


class StaleRevisionError(Exception):
    """The folder changed since the change was prepared; reload and apply it again."""

    def __init__(self, expected: str, current: str) -> None:
        super().__init__(
            f"the data changed since you opened it (revision {expected}, now {current}): "
            "reload, check the other change, then save again"
        )
        self.expected = expected
        self.current = current


class NothingToUndoError(Exception):
    """Every save in the change log is undone already (or there was none)."""

    def __init__(self) -> None:
        super().__init__("there is no change to undo")


@dataclass(frozen=True)
class Snapshot:
    """The folder's text tables, their problems and the revision they are at, read under one lock.

    A page that checks drafts, lists meetings to edit and shows the log reads the folder once
    per run through this, instead of validating it again for each of them.
    """

    frames: dict[str, pd.DataFrame]
    problems: list[Problem]
    revision: str


def snapshot(folder: Path) -> Snapshot:
    """The folder as it is now, read and validated once."""
    with folder_lock(folder, shared=True):
        frames, problems = validate_files(folder)
        return Snapshot(frames, problems, version_of_files(folder).digest)


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


def as_text(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A table with the codebook's columns in order and every cell as text (empty for missing)."""
    return frame.reindex(columns=TABLES[name].header).astype(object).fillna("").astype(str).reset_index(drop=True)


def to_csv_bytes(name: str, frame: pd.DataFrame) -> bytes:
    """A table as the dataset stores it: the codebook's columns in order, every cell as text."""
    buffer = io.StringIO()
    text = as_text(name, frame)
    text.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def revision_of_tables(frames: Mapping[str, pd.DataFrame]) -> str:
    """The revision of text tables: the hash of the CSV files Liaison would save them as."""
    return digest_of({TABLES[name].file: to_csv_bytes(name, frames[name]) for name in TABLES})


def check(folder: Path, replacements: Mapping[str, pd.DataFrame]) -> list[Problem]:
    """Every problem the folder would have after the change (none: the change may be saved)."""
    with folder_lock(folder, shared=True):
        return _check_held(folder, replacements)


def _check_held(folder: Path, replacements: Mapping[str, pd.DataFrame]) -> list[Problem]:
    return check_against(*validate_files(folder), replacements)


def check_against(
    frames: Mapping[str, pd.DataFrame], problems: list[Problem], replacements: Mapping[str, pd.DataFrame]
) -> list[Problem]:
    """The problems of `frames` (as read, with their `problems`) once `replacements` are put in.

    For a page that already holds a `Snapshot`; the save itself checks again under the lock.
    """
    if problems:
        return list(problems)
    problems = []
    candidate = {**frames}
    for name, frame in replacements.items():
        text = as_text(name, frame)
        candidate[name] = text
        problems += check_table(TABLES[name], text)
    return sorted(problems + check_links(candidate))


def refuse_anonymous(editor: Editor | None) -> None:
    """The server-side rule: a write names the editor it comes from, or it is not made."""
    if not isinstance(editor, Editor):
        raise NotAnEditorError


def refuse_unknown(replacements: Mapping[str, pd.DataFrame]) -> None:
    unknown = [name for name in replacements if name not in TABLES]
    if unknown:
        raise ValueError(f"unknown table(s): {', '.join(unknown)}")


def save(
    folder: Path,
    replacements: Mapping[str, pd.DataFrame],
    expected_revision: str,
    summary: str,
    editor: Editor | None,
    attachments: Mapping[str, bytes] | None = None,
) -> Saved:
    """Replace whole tables, if the folder is still at `expected_revision` and the result is valid.

    `attachments` (path inside the folder → bytes, e.g. `articles/<source_id>.txt`) are written
    in the same set. Raises StaleRevisionError, DatasetError (listing every problem) or
    FolderBusyError, and then changes nothing.
    """
    refuse_anonymous(editor)
    refuse_unknown(replacements)
    refuse_attachments(attachments or {})
    with folder_lock(folder):
        current = version_of_files(folder).digest
        if current != expected_revision:
            raise StaleRevisionError(expected_revision, current)
        return _save_held(folder, replacements, current, summary, editor, attachments or {})


def refuse_attachments(attachments: Mapping[str, bytes]) -> None:
    """Attachments go beside the tables, never over one of them or the folder's own bookkeeping."""
    reserved = {table.file for table in TABLES.values()} | {LOG}
    for path in attachments:
        if path in reserved or path.startswith((HISTORY, ".")) or "/" not in path:
            raise ValueError(f"{path!r} cannot be saved as an attachment")


def save_with_retry(
    folder: Path,
    apply_change: Change,
    summary: str,
    editor: Editor | None,
    attempts: int = DEFAULT_ATTEMPTS,
    attachments: Callable[[Mapping[str, pd.DataFrame]], Mapping[str, bytes]] = lambda _: {},
) -> Saved:
    """Apply a change to the folder's current tables and save it, re-applying it if someone saved first.

    `apply_change(current_tables)` gets the text tables as they are now and returns the tables
    to replace; it may be called several times, so it must only compute (raising refuses the
    change). Tries run without the lock while the change is prepared; the last try holds the
    lock from reading to writing, so a busy folder delays a writer but never turns it away
    (it waits up to ten minutes for the lock, where a person saving from a page waits 30 s).
    `attachments(replacements)` gives the files saved with each try's tables (they may depend
    on them: a source id chosen among the fresh ones). Raises DatasetError, re-validated on the
    fresh revision, when the change no longer fits.
    """
    refuse_anonymous(editor)
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for _ in range(attempts - 1):
        with folder_lock(folder, shared=True, timeout=BATCH_LOCK_TIMEOUT_SECONDS):
            frames, problems = validate_files(folder)
            base = None if problems else version_of_files(folder).digest
        if base is None:
            raise DatasetError(problems)
        replacements = apply_change(frames)
        try:
            return save(folder, replacements, base, summary, editor, attachments(replacements))
        except (StaleRevisionError, FolderBusyError):
            continue
    with folder_lock(folder, timeout=BATCH_LOCK_TIMEOUT_SECONDS):
        frames, problems = validate_files(folder)
        if problems:
            raise DatasetError(problems)
        replacements = apply_change(frames)
        refuse_unknown(replacements)
        files = attachments(replacements)
        refuse_attachments(files)
        return _save_held(folder, replacements, version_of_files(folder).digest, summary, editor, files)


def _save_held(
    folder: Path,
    replacements: Mapping[str, pd.DataFrame],
    current: str,
    summary: str,
    editor: Editor,
    attachments: Mapping[str, bytes],
) -> Saved:
    problems = _check_held(folder, replacements)
    if problems:
        raise DatasetError(problems)
    stamp = datetime.now(tz=UTC)
    kept = kept_name(stamp, current)
    old = {table.file: (folder / table.file).read_bytes() for table in TABLES.values()}
    new = {TABLES[name].file: to_csv_bytes(name, frame) for name, frame in replacements.items()}
    files = {f"{HISTORY}/{kept}/{file}": old[file] for file in new}
    saved = Saved(digest_of(old | new), current, tuple(replacements), summary)
    log = _logged(folder, stamp, "save", saved, editor, kept, tuple(attachments))
    replace_files(folder, new | files | dict(attachments) | {LOG: log})
    return saved


def undo(folder: Path, expected_revision: str, editor: Editor | None) -> Saved:
    """Put back the tables the last save replaced, if nobody saved since; `editor` is who undoes it.

    Its attachments stay: an article no source row names any more is kept for the record, and
    a redo of the same save would write it again byte for byte.
    """
    refuse_anonymous(editor)
    with folder_lock(folder):
        current = version_of_files(folder).digest
        if current != expected_revision:
            raise StaleRevisionError(expected_revision, current)
        last = last_undoable(read_log(folder), current)
        kept = folder / HISTORY / last["kept"]
        old = {table.file: (folder / table.file).read_bytes() for table in TABLES.values()}
        new = {TABLES[name].file: (kept / TABLES[name].file).read_bytes() for name in last["tables"]}
        saved = Saved(digest_of(old | new), current, tuple(last["tables"]), f"undo: {last['summary']}")
        log = _logged(folder, datetime.now(tz=UTC), "undo", saved, editor, last["kept"])
        replace_files(folder, new | {LOG: log})
        return saved


def last_undoable(entries: list[dict], current: str) -> dict:
    """The save an undo would take back: the last one not undone since the store was last copied.

    Raises NothingToUndoError when there is none, StaleRevisionError when the data changed
    since that save in a way the log does not record (a hand edit of a table).
    """
    copied = max((number for number, entry in enumerate(entries) if entry["action"] == "copy"), default=-1)
    saves = [entry for entry in entries[copied + 1 :] if entry["action"] == "save" and not entry.get("undone")]
    if not saves:
        raise NothingToUndoError
    if saves[-1]["revision"] != current:
        raise StaleRevisionError(saves[-1]["revision"], current)
    return saves[-1]


def kept_name(when: datetime, revision: str) -> str:
    """Where the tables a save replaces are kept: sorted by time, named by the revision they were at."""
    return f"{when:%Y%m%dT%H%M%S%fZ}-{revision}"


def log_entry(
    when: datetime, action: str, saved: Saved, editor: Editor, kept: str, attachments: tuple[str, ...] = ()
) -> dict[str, object]:
    """The change-log line of a save or an undo: who, when, what, and where the replaced tables are kept."""
    entry: dict[str, object] = {
        "when": when.isoformat(timespec="seconds"),
        "action": action,
        "who": editor.as_log(),
        "summary": saved.summary,
        "tables": list(saved.tables),
        "previous": saved.previous,
        "revision": saved.revision,
        "kept": kept,
    }
    if attachments:
        entry["attachments"] = list(attachments)
    return entry


def _logged(
    folder: Path,
    when: datetime,
    action: str,
    saved: Saved,
    editor: Editor,
    kept: str,
    attachments: tuple[str, ...] = (),
) -> bytes:
    """The change log as it will be with this change's line appended."""
    entry = log_entry(when, action, saved, editor, kept, attachments)
    path = folder / LOG
    before = path.read_bytes() if path.is_file() else b""
    if before and not before.endswith(b"\n"):
        before += b"\n"
    return before + (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")


def author_of(entry: Mapping[str, object]) -> str:
    """Who made a logged change, as a reader is shown it (older logs hold a plain name, or none)."""
    who = entry.get("who")
    if isinstance(who, Mapping):
        name, identity = str(who.get("name") or ""), str(who.get("identity") or "")
        return f"{name} ({identity})" if name and identity and name != identity else name or identity
    return str(who or "")


def read_log(folder: Path) -> list[dict]:
    """The change log, oldest first; an undone save is marked `undone`."""
    path = folder / LOG
    if not path.is_file():
        return []
    return marked_undone([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()])


def marked_undone(entries: list[dict]) -> list[dict]:
    """Log entries with each save an undo took back marked `undone`."""
    undone = {entry["kept"] for entry in entries if entry["action"] == "undo"}
    return [entry | {"undone": entry["action"] == "save" and entry["kept"] in undone} for entry in entries]
