"""Where a dataset lives: a folder of CSV files, or a PostgreSQL database a team shares.

Both stores answer the same questions (the dataset, a snapshot of its text tables, the change
log) and take the same writes (save, save with retry, undo), with the same revision check and
the same all-or-nothing guarantee; pages and commands hold a `Store` and never ask which.
`LIAISON_DATA` (or `--data`) names one: a path is a folder, `postgresql://…` a database.
The folder stays the default and the documented interchange format; `copy` moves a dataset,
its change log and its attachments from one store to another.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import pandas as pd

from liaison.dataset import changes
from liaison.dataset.access import Editor
from liaison.dataset.changes import LOG, Change, Saved, Snapshot, log_entry, revision_of_tables
from liaison.dataset.database import DatabaseStore, is_database_url
from liaison.dataset.files import folder_lock, replace_files
from liaison.dataset.schema import TABLES, Problem
from liaison.dataset.store import (
    Dataset,
    DatasetError,
    load_dataset,
    validate_folder,
)


class Store(Protocol):
    """What pages and commands may ask of the place the data lives."""

    @property
    def location(self) -> str:
        """The folder or the database, as it may be shown to a user."""

    @property
    def local_folder(self) -> Path:
        """A folder on this machine for what is learnt beside the data (the geocoder's answers)."""

    def stamp(self) -> tuple:
        """A cheap value that changes whenever a save does: the key of every cache of the data."""

    def load(self, progress: Callable[[str], None] | None = None) -> Dataset: ...

    def snapshot(self) -> Snapshot: ...

    def validate(self) -> tuple[dict[str, pd.DataFrame], list[Problem]]: ...

    def revision(self) -> str: ...

    def read_log(self) -> list[dict]: ...

    def attachment(self, path: str) -> bytes | None: ...

    def save(
        self,
        replacements: Mapping[str, pd.DataFrame],
        expected_revision: str,
        summary: str,
        editor: Editor | None,
        attachments: Mapping[str, bytes] | None = None,
    ) -> Saved: ...

    def save_with_retry(
        self,
        apply_change: Change,
        summary: str,
        editor: Editor | None,
        attempts: int = changes.DEFAULT_ATTEMPTS,
        attachments: Callable[[Mapping[str, pd.DataFrame]], Mapping[str, bytes]] = lambda _: {},
    ) -> Saved: ...

    def undo(self, expected_revision: str, editor: Editor | None) -> Saved: ...

    def holds_dataset(self) -> bool: ...

    def attachments(self) -> dict[str, bytes]: ...

    def raw_log(self) -> list[dict]: ...

    def receive(self, frames: Mapping[str, pd.DataFrame], log: list[dict], attachments: Mapping[str, bytes]) -> None:
        """Fill an empty store with a dataset, all at once."""


class FolderStore:
    """A data folder of CSV tables (the codebook's format), saved through its journal and lock."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    @property
    def location(self) -> str:
        return str(self.folder)

    @property
    def local_folder(self) -> Path:
        return self.folder

    def stamp(self) -> tuple:
        """Size and modification time of every table: a save always writes new files."""
        stamps = []
        for table in TABLES.values():
            path = self.folder / table.file
            status = path.stat() if path.exists() else None
            stamps.append((table.file, status.st_size, status.st_mtime_ns) if status else (table.file, None, None))
        return tuple(stamps)

    def load(self, progress: Callable[[str], None] | None = None) -> Dataset:
        return load_dataset(self.folder, progress)

    def snapshot(self) -> Snapshot:
        return changes.snapshot(self.folder)

    def validate(self) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
        return validate_folder(self.folder)

    def revision(self) -> str:
        return changes.revision(self.folder)

    def read_log(self) -> list[dict]:
        return changes.read_log(self.folder)

    def attachment(self, path: str) -> bytes | None:
        target = self.folder / path
        return target.read_bytes() if target.is_file() else None

    def save(
        self,
        replacements: Mapping[str, pd.DataFrame],
        expected_revision: str,
        summary: str,
        editor: Editor | None,
        attachments: Mapping[str, bytes] | None = None,
    ) -> Saved:
        return changes.save(self.folder, replacements, expected_revision, summary, editor, attachments)

    def save_with_retry(
        self,
        apply_change: Change,
        summary: str,
        editor: Editor | None,
        attempts: int = changes.DEFAULT_ATTEMPTS,
        attachments: Callable[[Mapping[str, pd.DataFrame]], Mapping[str, bytes]] = lambda _: {},
    ) -> Saved:
        return changes.save_with_retry(self.folder, apply_change, summary, editor, attempts, attachments)

    def undo(self, expected_revision: str, editor: Editor | None) -> Saved:
        return changes.undo(self.folder, expected_revision, editor)

    def holds_dataset(self) -> bool:
        return any((self.folder / table.file).exists() for table in TABLES.values())

    def attachments(self) -> dict[str, bytes]:
        """Files in the folder's sub-folders (the articles), but none of its own bookkeeping."""
        found = {}
        for path in sorted(self.folder.rglob("*")):
            relative = path.relative_to(self.folder)
            if path.is_file() and len(relative.parts) > 1 and not relative.parts[0].startswith("."):
                found[relative.as_posix()] = path.read_bytes()
        return found

    def raw_log(self) -> list[dict]:
        return [{key: value for key, value in entry.items() if key != "undone"} for entry in self.read_log()]

    def receive(self, frames: Mapping[str, pd.DataFrame], log: list[dict], attachments: Mapping[str, bytes]) -> None:
        """Write a dataset into an empty folder as one journalled set: after a crash, all or none of it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with folder_lock(self.folder):
            if self.holds_dataset():
                raise FileExistsError(f"{self.folder} already holds a dataset: copy into an empty folder")
            tables = {TABLES[name].file: changes.to_csv_bytes(name, frame) for name, frame in frames.items()}
            lines = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in log)
            replace_files(self.folder, tables | dict(attachments) | {LOG: lines.encode("utf-8")})


def open_store(location: str | Path) -> Store:
    """The store a location names: `postgresql://…` a database, anything else a folder."""
    if isinstance(location, str) and is_database_url(location):
        return DatabaseStore(location)
    return FolderStore(location)


def reached(store: Store) -> Store:
    """The store, once a database is known to answer and to hold a Liaison dataset (a folder is not checked).

    For what is kept beside the data rather than in it (the GDELT events layer): a mistyped URL
    would otherwise name a cache folder of its own. Raises `DatabaseError` saying which check
    failed, with the URL as `location` shows it (no password), as loading the store would; the
    tables themselves are not read. A folder may be new: a first import starts it.
    """
    if isinstance(store, DatabaseStore) and not store.holds_dataset():
        raise store.no_dataset()
    return store


def copy(source: Store, target: Store, editor: Editor) -> int:
    """Copy a valid dataset, its change log and its attachments into an empty store; the rows copied.

    The change log gains a line saying so. Undo does not reach back past a copy: the tables
    a save replaced stay with the store it was made in.
    """
    base = source.snapshot()
    if base.problems:
        raise DatasetError(base.problems)
    if target.holds_dataset():
        raise FileExistsError(f"{target.location} already holds a dataset: copy into an empty store")
    saved = Saved(revision_of_tables(base.frames), base.revision, tuple(TABLES), f"copy from {source.location}")
    entry = log_entry(datetime.now(tz=UTC), "copy", saved, editor, "")
    target.receive(base.frames, [*source.raw_log(), entry], source.attachments())
    return sum(len(frame) for frame in base.frames.values())
