"""The meeting table kept beside the typed tables it was built from, so a restart reads it in a second.

At a million meetings `meeting_table` takes ten seconds (every text column taken in newest-first
order, two million tuples of states and topics); its files read back in about a second. Like
the engine's index (`liaison.engine.stored_index`), it lives in the typed cache's folder of one
data version, its name carries `TABLE_LAYOUT` (bump it when `meeting_table` changes what it
answers), and a missing or unreadable file is rebuilt. The scalar columns are an uncompressed
Feather file read memory-mapped (only the pages a view touches become resident); the states
and topics of each meeting are codes into the few hundred distinct values, with offsets, in
NumPy's format read without pickle, so each value is one string however often it is listed.
Once read, the table is kept with its dataset (`shared_table`) and every view is cut from it
(`view_table`): the pages, the exports and the briefings all read the same one.
"""

from __future__ import annotations

import os
import tempfile
import threading
import zipfile
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa

from liaison.dataset.store import Dataset, mapped_frame
from liaison.engine.columns import MEETING_COLUMNS
from liaison.engine.index import codes_in, index_of
from liaison.view.filters import Filters
from liaison.view.query import meeting_table, runs_as_tuples, select

TABLE_LAYOUT = 3
TABLE_FILE = f"meeting-table-{TABLE_LAYOUT}.arrow"
LISTS_FILE = f"meeting-table-{TABLE_LAYOUT}.lists.npz"
LISTED = ("states", "topics")
_READING = threading.Lock()


def shared_table(ds: Dataset) -> tuple[pd.DataFrame, np.ndarray]:
    """The meeting table of this dataset and, for each meeting code, its row there: read or built once, then shared.

    Pages, exports, briefings and the figure catalogue all read this one table. Each building
    its own cost ten seconds at a million meetings, on the click of an export button.
    Callers never modify it.
    """
    kept = ds.derived.get("table")
    if kept is None:
        with _READING:
            kept = ds.derived.get("table")
            if kept is None:
                table, codes = table_and_codes(ds)
                row_of_code = np.empty(len(table), dtype=np.int64)
                row_of_code[codes] = np.arange(len(table))
                kept = ds.derived["table"] = (table, row_of_code)
    return kept


def view_table(ds: Dataset, ids: pd.Index) -> pd.DataFrame:
    """The rows of the meeting table that `ids` names, newest first; the shared table itself when it names all."""
    table, row_of_code = shared_table(ds)
    kept = index_of(ds).mask(ids)
    if kept.all():
        return table
    return table.take(np.sort(row_of_code[kept])).reset_index(drop=True)


def filter_meetings(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """The meeting table restricted to the filters, newest first."""
    return view_table(ds, select(ds, filters))


def table_and_codes(ds: Dataset) -> tuple[pd.DataFrame, np.ndarray]:
    """The meeting table (read from its cache folder when it is there, else built and kept there) and, for each
    of its rows, the meeting's code in the engine's index.

    Matching a million ids back to their codes took a second of every start: the codes are
    kept with the table.
    """
    if ds.cache_dir is not None:
        kept = read_table(ds.cache_dir)
        if kept is not None and len(kept[0]) == len(ds.meetings):
            return kept
    table = meeting_table(ds)
    codes = codes_in(table["meeting_id"], index_of(ds).ids)
    if ds.cache_dir is not None:
        write_table(table, ds.cache_dir, codes)
    return table, codes


def write_table(table: pd.DataFrame, cache_dir: Path, codes: np.ndarray) -> bool:
    """Keep the table and its rows' codes beside its tables, lists first and the table last; False when it cannot."""
    lists: dict[str, np.ndarray] = {"rows.code": np.asarray(codes, dtype=np.int64)}
    for column in LISTED:
        lengths = np.fromiter(map(len, table[column]), dtype=np.int64, count=len(table))
        lists[f"{column}.offsets"] = np.concatenate(([0], np.cumsum(lengths)))
        values, codes = np.unique(np.array(list(chain.from_iterable(table[column])), dtype=str), return_inverse=True)
        lists[f"{column}.values"], lists[f"{column}.codes"] = values, codes.astype(np.int32)
    try:
        _replace(cache_dir / LISTS_FILE, lambda out: np.savez(out, **lists))
        _replace(
            cache_dir / TABLE_FILE,
            lambda out: table.drop(columns=list(LISTED)).to_feather(out, compression="uncompressed"),
        )
    except (OSError, ValueError):
        return False
    for old in cache_dir.glob("meeting-table-*"):  # a table of an earlier layout is never read again
        if old.name not in (TABLE_FILE, LISTS_FILE):
            old.unlink(missing_ok=True)
    return True


def read_table(cache_dir: Path) -> tuple[pd.DataFrame, np.ndarray] | None:
    """The table kept for this data version and its rows' codes, or None (absent, unreadable, parts disagreeing)."""
    try:
        scalars = mapped_frame(cache_dir / TABLE_FILE)
        with np.load(cache_dir / LISTS_FILE, allow_pickle=False) as stored:
            lists = {name: stored[name] for name in stored.files}
        columns = {}
        for column in LISTED:
            offsets, values, codes = (lists[f"{column}.{part}"] for part in ("offsets", "values", "codes"))
            if len(offsets) != len(scalars) + 1 or offsets[-1] != len(codes):
                return None
            columns[column] = runs_as_tuples(np.array(values.tolist(), dtype=object)[codes], offsets)
        row_codes = lists["rows.code"]
        if len(row_codes) != len(scalars):
            return None
    except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile, pa.ArrowException):
        return None
    return scalars.assign(**columns)[list(MEETING_COLUMNS)], row_codes


def _replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
