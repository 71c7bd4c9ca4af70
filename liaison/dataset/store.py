"""Reading the dataset folder: from files on disk to validated, typed tables.

A folder is read in two steps, under the folder's shared lock so that a save in progress is
never seen half done. Every table is first read as text, so a bad cell becomes a message
naming its file, line and column instead of a parse error; only a folder without problems
is then turned into typed frames.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from liaison.dataset.files import folder_lock
from liaison.dataset.schema import TABLES, Problem, Table, check_links, check_table

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_ENV = "LIAISON_DATA"
MAX_TABLE_BYTES = 50_000_000


class DatasetError(Exception):
    """The folder does not hold a valid dataset; `problems` says why, line by line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class DataVersion:
    """Which state of the data a figure or export was made from."""

    digest: str
    changed: datetime

    def __str__(self) -> str:
        return f"{self.digest} ({self.changed:%Y-%m-%d})"


@dataclass(frozen=True)
class Dataset:
    """All tables of one data folder, typed: dates are timestamps, empty cells are missing."""

    meetings: pd.DataFrame
    venues: pd.DataFrame
    participants: pd.DataFrame
    organizations: pd.DataFrame
    memberships: pd.DataFrame
    regions: pd.DataFrame
    taxonomy: pd.DataFrame
    topics: pd.DataFrame
    sources: pd.DataFrame
    evidence: pd.DataFrame
    version: DataVersion


def row_counts(ds: Dataset) -> dict[str, int]:
    """Rows per table, in the codebook's order."""
    return {name: len(getattr(ds, name)) for name in TABLES}


def resolve_data_dir(option: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The folder named on the command line, else in LIAISON_DATA, else the bundled data/."""
    environ = os.environ if environ is None else environ
    if option:
        return Path(option)
    if environ.get(DATA_ENV):
        return Path(environ[DATA_ENV])
    return DEFAULT_DATA_DIR


def read_text_table(folder: Path, table: Table) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One table as text cells, or the reason it cannot be read.

    The file is parsed here, with Python's csv module, rather than by pandas so that every way
    a file can be broken (a link, a pipe, NUL bytes, a ragged row, a repeated column) is named
    with its line instead of surfacing as a parser's exception or a silently renamed column.
    """
    path = folder / table.file

    def refused(line: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(table.file, line, "", message)]

    try:
        status = path.lstat()
    except FileNotFoundError:
        return refused(0, f"file is missing in {folder}")
    if stat.S_ISLNK(status.st_mode):
        return refused(0, "is a symbolic link; a table must be a plain file inside the data folder")
    if not stat.S_ISREG(status.st_mode):
        return refused(0, "is not a plain file")
    if status.st_size > MAX_TABLE_BYTES:
        return refused(0, f"is {status.st_size / 1e6:.0f} MB; a table may be at most {MAX_TABLE_BYTES / 1e6:.0f} MB")
    raw = path.read_bytes()
    if not raw.strip():
        return refused(0, f"file is empty (expected the header: {','.join(table.header)})")
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        return refused(line, "contains a NUL byte (is it UTF-16?); save it as UTF-8 text")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return refused(line, f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if row:
                records.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        return refused(reader.line_num, f"is not valid CSV: {error}")
    header = [name.strip() for name in records[0][1]]
    repeated = sorted({name for name in header if header.count(name) > 1})
    missing = [name for name in table.header if name not in header]
    extra = [name or "(an empty name)" for name in header if name not in table.header]
    if repeated or missing or extra:
        parts = []
        if repeated:
            parts.append(f"repeated column(s) {', '.join(repeated)}")
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            parts.append(f"unexpected column(s) {', '.join(extra)}")
        return refused(1, "wrong header: " + "; ".join(parts))
    ragged = [
        Problem(
            table.file,
            line,
            "",
            f"has {len(row)} cell(s) but the header has {len(header)} (quote a cell holding a comma)",
        )
        for line, row in records[1:]
        if len(row) != len(header)
    ]
    if ragged:
        return None, ragged
    frame = pd.DataFrame([row for _, row in records[1:]], columns=header, dtype=object)
    return frame[table.header].map(_clean).astype(str), []


def _clean(cell: str) -> str:
    """Edges trimmed of spaces and line ends only, so an invisible character at an edge is still seen."""
    return cell.replace("\r\n", "\n").strip(" \t\r\n")


def validate_files(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every problem in the folder, with the text tables that could be read; the caller holds the lock."""
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for table in TABLES.values():
        frame, read_problems = read_text_table(folder, table)
        problems += read_problems
        if frame is not None:
            frames[table.name] = frame
            problems += check_table(table, frame)
    if len(frames) == len(TABLES):
        problems += check_links(frames)
    return frames, sorted(problems)


def validate_folder(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every problem in the folder, with the text tables that could be read."""
    with folder_lock(folder, shared=True):
        return validate_files(folder)


def digest_of(contents: Mapping[str, bytes]) -> str:
    """The revision a folder holding exactly these table files (file name to bytes) would have."""
    digest = hashlib.sha256()
    for table in TABLES.values():
        digest.update(table.file.encode())
        digest.update(contents[table.file])
    return digest.hexdigest()[:12]


def version_of_files(folder: Path) -> DataVersion:
    """A content hash of every table, and when the newest one last changed; the caller holds the lock."""
    contents = {table.file: (folder / table.file).read_bytes() for table in TABLES.values()}
    newest = max((folder / file).stat().st_mtime for file in contents)
    return DataVersion(digest_of(contents), datetime.fromtimestamp(newest, tz=UTC))


def data_version(folder: Path) -> DataVersion:
    """A content hash of every table, and when the newest one last changed."""
    with folder_lock(folder, shared=True):
        return version_of_files(folder)


def load_dataset(folder: Path) -> Dataset:
    """The folder's tables, typed; raises DatasetError listing every problem if it is invalid."""
    with folder_lock(folder, shared=True):
        frames, problems = validate_files(folder)
        if problems:
            raise DatasetError(problems)
        version = version_of_files(folder)
    typed = {name: _typed(TABLES[name], frame) for name, frame in frames.items()}
    return Dataset(**typed, version=version)


def _typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    typed = frame.replace("", None)
    for column in table.columns:
        if column.kind == "date":
            typed[column.name] = pd.to_datetime(typed[column.name], format="%Y-%m-%d")
        elif column.kind == "int":
            whole = [None if pd.isna(value) else int(value) for value in typed[column.name]]
            typed[column.name] = pd.array(whole, dtype="Int64")
        elif column.kind == "float":
            typed[column.name] = pd.to_numeric(typed[column.name])
    return typed
