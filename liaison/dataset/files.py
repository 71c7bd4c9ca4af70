"""Writing files so that a reader, or a crash, never sees half of one file or half of a set.

One file is replaced by renaming a flushed temporary file over it. A set of files (the
tables of one save, the copies it keeps, the change log) is replaced through a journal in
the folder: every new file is written and flushed under `.journal/`, then a manifest naming
them is written last; only then are they renamed into place, and the journal removed. A
process killed at any moment leaves either no manifest (the journal is thrown away: nothing
changed) or a complete one (the renames are finished by the next reader or writer). Both
happen under the folder's lock, which writers hold exclusively and readers shared.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

LOCK = ".lock"
JOURNAL = ".journal"
MANIFEST = "manifest.json"
LOCK_TIMEOUT_SECONDS = 30.0
PAUSE_ENV = "LIAISON_PAUSE_BETWEEN_STEPS"


class JournalError(Exception):
    """The folder holds a journal this program will not replay (it points outside the folder)."""


class FolderBusyError(TimeoutError):
    """Another writer has held the folder's lock too long: try again later, nothing was written."""

    def __init__(self, folder: Path, timeout: float) -> None:
        super().__init__(f"another save to {folder} has held the lock for {timeout:.0f} s")
        self.folder = folder


def _fsync_directory(directory: Path) -> None:
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _write_flushed(path: Path, content: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def write_atomically(path: Path, content: bytes) -> None:
    """Replace a file in one step: a temporary file beside it, flushed to disk, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
        temporary = Path(handle.name)
        try:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    try:
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def pause_point(name: str) -> None:
    """Announce a step of a journalled write and wait for a line on stdin, when a crash test asks for it.

    The kill test sets LIAISON_PAUSE_BETWEEN_STEPS so it can SIGKILL the saving process exactly
    between two steps; in normal use the variable is unset and this does nothing.
    """
    if os.environ.get(PAUSE_ENV):
        print(f"step {name}", flush=True)
        os.read(0, 1)


@contextmanager
def folder_lock(folder: Path, shared: bool = False, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the folder's lock, after finishing or discarding any journal a killed writer left.

    A reader takes the lock shared, so it never reads while a save renames its tables; a folder
    the user cannot write to (a read-only copy) is read without the lock, since nobody saves there.
    """
    try:
        handle = (folder / LOCK).open("a")
    except OSError:
        if (folder / JOURNAL).exists():
            raise
        yield
        return
    with handle:
        _acquire(handle, fcntl.LOCK_SH if shared else fcntl.LOCK_EX, folder, timeout)
        try:
            if (folder / JOURNAL).exists():
                if shared:
                    _acquire(handle, fcntl.LOCK_EX, folder, timeout)
                recover(folder)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _acquire(handle, mode: int, folder: Path, timeout: float) -> None:
    """Poll for the lock so that a save stuck elsewhere gives a reason instead of a hang."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise FolderBusyError(folder, timeout) from None
            time.sleep(0.02)


def _target(folder: Path, relative: str) -> Path:
    """Where a journalled file goes; a manifest naming a place outside the folder is refused."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or any(part in ("..", "") for part in parts):
        raise JournalError(f"{folder / JOURNAL / MANIFEST} names {relative!r}, outside the data folder")
    if parts[0] in (JOURNAL, LOCK):
        raise JournalError(f"{folder / JOURNAL / MANIFEST} names {relative!r}, which the journal itself uses")
    return folder.joinpath(*parts)


def replace_files(folder: Path, files: Mapping[str, bytes], step: Callable[[str], None] = pause_point) -> None:
    """Replace several files of the folder all at once: after a crash, all are old or all are new.

    The caller holds the folder's lock exclusively; paths are relative to the folder.
    """
    for relative in files:
        _target(folder, relative)
    journal = folder / JOURNAL
    if journal.exists():
        shutil.rmtree(journal)
    journal.mkdir()
    names = {}
    for number, (relative, content) in enumerate(files.items()):
        step(f"journal {relative}")
        names[str(number)] = relative
        _write_flushed(journal / str(number), content)
    _fsync_directory(journal)
    step("manifest")
    write_atomically(journal / MANIFEST, json.dumps({"files": names}, ensure_ascii=False).encode("utf-8"))
    _apply(folder, step)


def recover(folder: Path) -> None:
    """Finish a journal whose manifest was written, or throw away one whose manifest was not."""
    manifest = folder / JOURNAL / MANIFEST
    if manifest.is_file():
        _apply(folder, lambda name: None)
    elif (folder / JOURNAL).exists():
        shutil.rmtree(folder / JOURNAL)


def _apply(folder: Path, step: Callable[[str], None]) -> None:
    journal = folder / JOURNAL
    names: dict[str, str] = json.loads((journal / MANIFEST).read_text(encoding="utf-8"))["files"]
    touched = set()
    for number, relative in names.items():
        target = _target(folder, relative)
        staged = journal / number
        if staged.exists():
            step(f"rename {relative}")
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.replace(target)
        touched.add(target.parent)
    for directory in touched:
        _fsync_directory(directory)
    step("forget")
    (journal / MANIFEST).unlink()
    _fsync_directory(journal)
    shutil.rmtree(journal)
