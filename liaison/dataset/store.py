"""Reading the dataset folder: from files on disk to validated, typed tables.

A folder is read in two steps, under the folder's shared lock so that a save in progress is
never seen half done. Every table is first read as text, so a bad cell becomes a message
naming its file, line and column instead of a parse error; only a folder without problems
is then turned into typed frames.

Reading and checking a million meetings as text takes minutes, so the typed frames of a
valid folder are kept in the folder's `.cache/`, under the data version they were made
from, as uncompressed Arrow IPC (Feather) files: they read back at disk speed, where
Parquet spends seconds decoding. A restart on unchanged files reads that instead; any
change to a table file (its size, time or inode: a save always writes a new file) makes
it stale.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow as pa

from liaison.dataset.files import folder_lock
from liaison.dataset.schema import TABLES, Problem, Table, check_links, check_table

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_ENV = "LIAISON_DATA"
MAX_TABLE_BYTES = 50_000_000
# A folder of a million meetings has a 300 MB meetings.csv: whoever serves one raises the limit knowingly.
MAX_TABLE_ENV = "LIAISON_MAX_TABLE_MB"
CACHE_DIR = ".cache"
# Bump when the typed layout changes, so an old cache is never read as the new one.
CACHE_LAYOUT = 2
# Below this many bytes of tables the CSV files read in about a second: no cache is left behind.
CACHE_FROM_BYTES = 5_000_000


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
    # Where what is derived from this state of the data may be kept on disk beside its typed
    # tables (the engine's index), or None: a small folder, a database, a read-only folder.
    cache_dir: Path | None = field(default=None, repr=False, compare=False)
    # What the view layer derives once from these frames (indexes, pre-aggregates), kept with
    # them so it lives and dies with this state of the data; never part of its identity.
    derived: dict = field(init=False, default_factory=dict, repr=False, compare=False)


def row_counts(ds: Dataset) -> dict[str, int]:
    """Rows per table, in the codebook's order."""
    return {name: len(getattr(ds, name)) for name in TABLES}


def resolve_location(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The store named on the command line, else in LIAISON_DATA (a folder or a postgresql:// URL), else data/."""
    environ = os.environ if environ is None else environ
    return option or environ.get(DATA_ENV) or str(DEFAULT_DATA_DIR)


def resolve_data_dir(option: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The same location as a path, for callers that know it is a folder (the browser tests' bundled data).

    Not for the GDELT events layer: a store's events root is `liaison.feed.events.events_root`.
    """
    return Path(resolve_location(option, environ))


def read_text_table(folder: Path, table: Table) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One table file as text cells, or the reason it cannot be read."""
    path = folder / table.file

    def refused(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(table.file, 0, "", message)]

    try:
        status = path.lstat()
    except FileNotFoundError:
        return refused(f"file is missing in {folder}")
    if stat.S_ISLNK(status.st_mode):
        return refused("is a symbolic link; a table must be a plain file inside the data folder")
    if not stat.S_ISREG(status.st_mode):
        return refused("is not a plain file")
    limit = max_table_bytes()
    if status.st_size > limit:
        return refused(f"is {status.st_size / 1e6:.0f} MB; a table may be at most {limit / 1e6:.0f} MB")
    return parse_text_table(table, path.read_bytes())


def parse_text_table(table: Table, raw: bytes) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A table's CSV bytes as text cells, or the reason they cannot be read.

    The bytes are parsed here, with Python's csv module, rather than by pandas so that every way
    a file can be broken (a link, a pipe, NUL bytes, a ragged row, a repeated column) is named
    with its line instead of surfacing as a parser's exception or a silently renamed column.
    A database store hands its tables over as CSV too, so both are read by this one parser.
    """

    def refused(line: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(table.file, line, "", message)]

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
    cells = list(zip(*(row for _, row in records[1:]), strict=True)) or [()] * len(header)
    position = {name: number for number, name in enumerate(header)}
    frame = pd.DataFrame({name: _clean(pd.Series(cells[position[name]], dtype=str)) for name in table.header})
    return frame, []


def max_table_bytes(environ: Mapping[str, str] | None = None) -> int:
    """The largest table file read: 50 MB, unless LIAISON_MAX_TABLE_MB says otherwise."""
    environ = os.environ if environ is None else environ
    try:
        return int(float(environ[MAX_TABLE_ENV]) * 1_000_000)
    except (KeyError, ValueError):
        return MAX_TABLE_BYTES


def _clean(cells: pd.Series) -> pd.Series:
    """Edges trimmed of spaces and line ends only, so an invisible character at an edge is still seen."""
    return cells.str.replace("\r\n", "\n", regex=False).str.strip(" \t\r\n")


def validate_files(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every problem in the folder, with the text tables that could be read; the caller holds the lock."""
    return validate_tables(partial(read_text_table, folder))


def validate_tables(
    read: Callable[[Table], tuple[pd.DataFrame | None, list[Problem]]],
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every problem of the tables `read` gives (as text cells), with the tables that could be read."""
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for table in TABLES.values():
        frame, read_problems = read(table)
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


def load_dataset(
    folder: Path, progress: Callable[[str], None] | None = None, cache_from_bytes: int = CACHE_FROM_BYTES
) -> Dataset:
    """The folder's tables, typed; raises DatasetError listing every problem if it is invalid.

    Read from the typed cache when it was made from these very files; otherwise read, checked
    and typed from the CSV files, then cached if its tables hold `cache_from_bytes` or more
    (and the folder can be written to). `progress` hears a sentence before each slow step,
    for a first conversion that takes minutes.
    """
    say = progress or (lambda _message: None)
    with folder_lock(folder, shared=True):
        stamps = file_stamps(folder)
        if stamps is not None and sum(stamp[1] for stamp in stamps) < cache_from_bytes:
            stamps = None
        cached = read_cache(folder, stamps)
        if cached is not None:
            return cached
        say("reading and checking the CSV files")
        frames, problems = validate_files(folder)
        if problems:
            raise DatasetError(problems)
        version = version_of_files(folder)
    say("typing the tables")
    dataset = typed_dataset(frames, version)
    if stamps is not None:
        say("writing the typed cache")
        if write_cache(folder, stamps, dataset):
            dataset = replace(dataset, cache_dir=folder / CACHE_DIR / _cache_name(dataset.version.digest))
    return dataset


def typed_dataset(frames: Mapping[str, pd.DataFrame], version: DataVersion) -> Dataset:
    """The dataset of valid text tables: dates as timestamps, numbers as numbers, empty cells missing."""
    return Dataset(**{name: _typed(TABLES[name], frame) for name, frame in frames.items()}, version=version)


def file_stamps(folder: Path) -> list[list] | None:
    """Size, modification time and inode of every table file; None when one is not a plain file."""
    stamps = []
    for table in TABLES.values():
        try:
            status = (folder / table.file).lstat()
        except OSError:
            return None
        if not stat.S_ISREG(status.st_mode):
            return None
        stamps.append([table.file, status.st_size, status.st_mtime_ns, status.st_ino])
    return stamps


def read_cache(folder: Path, stamps: list[list] | None) -> Dataset | None:
    """The typed tables cached for exactly these files, or None (no cache, stale, or unreadable)."""
    if stamps is None:
        return None
    cache = folder / CACHE_DIR
    try:
        manifest = json.loads((cache / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("layout") != CACHE_LAYOUT or manifest.get("stamps") != stamps:
            return None
        tables = cache / _cache_name(manifest["digest"])
        typed = {name: mapped_frame(tables / f"{name}.arrow") for name in TABLES}
        version = DataVersion(manifest["digest"], datetime.fromisoformat(manifest["changed"]))
    except (OSError, ValueError, KeyError, TypeError, ImportError, pa.ArrowException):
        return None
    return Dataset(**typed, version=version, cache_dir=tables)


def mapped_frame(path: Path) -> pd.DataFrame:
    """An uncompressed Arrow IPC file as a frame whose text columns are the file's own pages, not copies.

    The frame stays valid after the file is replaced or deleted (the mapping holds the old
    pages), so a cache rewritten by another process never pulls data from under a session.
    """
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all().to_pandas()


def write_cache(folder: Path, stamps: list[list] | None, dataset: Dataset) -> bool:
    """Keep the typed tables beside the files they came from; False when the folder cannot take them.

    The tables go to a folder named by the data version, renamed into place whole, and the
    manifest naming it is replaced last: a reader sees the old cache or the new, never half.
    """
    if stamps is None:
        return False
    cache = folder / CACHE_DIR
    digest = dataset.version.digest
    name = _cache_name(digest)
    try:
        cache.mkdir(exist_ok=True)
        # The cache is derived and rebuilt at will: it keeps itself out of version control.
        (cache / ".gitignore").write_text("*\n", encoding="utf-8")
        if not (cache / name).is_dir():
            building = Path(tempfile.mkdtemp(prefix=".building-", dir=cache))
            for table in TABLES:
                getattr(dataset, table).to_feather(building / f"{table}.arrow", compression="uncompressed")
            try:
                building.rename(cache / name)
            except OSError:
                shutil.rmtree(building, ignore_errors=True)
        manifest = {
            "layout": CACHE_LAYOUT,
            "stamps": stamps,
            "digest": digest,
            "changed": dataset.version.changed.isoformat(),
        }
        handle, temporary = tempfile.mkstemp(prefix=".manifest-", dir=cache)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(manifest, out)
        Path(temporary).replace(cache / "manifest.json")
    except (OSError, ValueError, ImportError):
        return False
    for old in cache.iterdir():
        if old.is_dir() and old.name != name and not old.name.startswith(".building-"):
            shutil.rmtree(old, ignore_errors=True)
    return True


def _cache_name(digest: str) -> str:
    """The cache folder of one data version in one layout: a new layout never reads an old folder."""
    return f"layout{CACHE_LAYOUT}-{digest}"


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
