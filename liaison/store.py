"""Reading the dataset folder: from files on disk to validated, typed tables.

A folder is read in two steps. Every table is first read as text, so a bad
cell becomes a message naming its file, line and column instead of a parse
error; only a folder without problems is then turned into typed frames.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from liaison.schema import TABLES, Problem, Table, check_links, check_table

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_ENV = "LIAISON_DATA"


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
    """One table as text cells, or the reason it cannot be read."""
    path = folder / table.file
    if not path.is_file():
        return None, [Problem(table.file, 0, "", f"file is missing in {folder}")]
    raw = path.read_bytes()
    if not raw.strip():
        return None, [Problem(table.file, 0, "", f"file is empty (expected the header: {','.join(table.header)})")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(table.file, line, "", f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8")
        ]
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.ParserError as error:
        return None, [Problem(table.file, 0, "", f"is not valid CSV: {error}")]
    header = [str(name).strip() for name in frame.columns]
    missing = [name for name in table.header if name not in header]
    extra = [name for name in header if name not in table.header]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            parts.append(f"unexpected column(s) {', '.join(extra)}")
        return None, [Problem(table.file, 1, "", "wrong header: " + "; ".join(parts))]
    frame.columns = header
    return frame[table.header].map(str.strip), []


def validate_folder(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every problem in the folder, with the text tables that could be read."""
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


def data_version(folder: Path) -> DataVersion:
    """A content hash of every table, and when the newest one last changed."""
    digest = hashlib.sha256()
    newest = 0.0
    for table in TABLES.values():
        path = folder / table.file
        digest.update(table.file.encode())
        digest.update(path.read_bytes())
        newest = max(newest, path.stat().st_mtime)
    return DataVersion(digest.hexdigest()[:12], datetime.fromtimestamp(newest, tz=UTC))


def load_dataset(folder: Path) -> Dataset:
    """The folder's tables, typed; raises DatasetError listing every problem if it is invalid."""
    frames, problems = validate_folder(folder)
    if problems:
        raise DatasetError(problems)
    typed = {name: _typed(TABLES[name], frame) for name, frame in frames.items()}
    return Dataset(**typed, version=data_version(folder))


def _typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    typed = frame.replace("", None)
    for column in table.columns:
        if column.kind == "date":
            typed[column.name] = pd.to_datetime(typed[column.name], format="%Y-%m-%d")
        elif column.kind == "int":
            typed[column.name] = pd.to_numeric(typed[column.name]).astype("Int64")
        elif column.kind == "float":
            typed[column.name] = pd.to_numeric(typed[column.name])
    return typed
