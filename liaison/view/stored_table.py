"""The meeting table kept beside the typed tables it was built from, so a restart reads it in a second.

At a million meetings `meeting_table` takes ten seconds (every text column taken in newest-first
order, two million tuples of states and topics); its Arrow file reads back at disk speed. Like
the engine's index (`liaison.engine.stored_index`), it lives in the typed cache's folder of one
data version, its name carries `TABLE_LAYOUT` (bump it when `meeting_table` changes what it
answers), and a missing or unreadable file is rebuilt. The scalar columns are a Feather file
(pandas' own round trip, dtypes kept); the states and topics of each meeting are two flat text
arrays and their offsets, in NumPy's format read without pickle.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from itertools import chain, pairwise
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from liaison.dataset.store import Dataset
from liaison.engine.columns import MEETING_COLUMNS
from liaison.view.query import meeting_table

TABLE_LAYOUT = 1
TABLE_FILE = f"meeting-table-{TABLE_LAYOUT}.arrow"
LISTS_FILE = f"meeting-table-{TABLE_LAYOUT}.lists.npz"
LISTED = ("states", "topics")


def table_of(ds: Dataset) -> pd.DataFrame:
    """The dataset's meeting table: read from its cache folder when it is there, else built (and kept there)."""
    if ds.cache_dir is None:
        return meeting_table(ds)
    table = read_table(ds.cache_dir)
    if table is None or len(table) != len(ds.meetings):
        table = meeting_table(ds)
        write_table(table, ds.cache_dir)
    return table


def write_table(table: pd.DataFrame, cache_dir: Path) -> bool:
    """Keep the table beside its tables, lists first and the table last; False when the folder cannot take it."""
    lists: dict[str, np.ndarray] = {}
    for column in LISTED:
        lengths = np.fromiter(map(len, table[column]), dtype=np.int64, count=len(table))
        lists[f"{column}.offsets"] = np.concatenate(([0], np.cumsum(lengths)))
        lists[f"{column}.values"] = np.array(list(chain.from_iterable(table[column])), dtype=str)
    try:
        _replace(cache_dir / LISTS_FILE, lambda out: np.savez(out, **lists))
        _replace(cache_dir / TABLE_FILE, lambda out: table.drop(columns=list(LISTED)).to_feather(out))
    except (OSError, ValueError):
        return False
    return True


def read_table(cache_dir: Path) -> pd.DataFrame | None:
    """The table kept for this data version, or None (not there, unreadable, or its parts disagree)."""
    try:
        scalars = pd.read_feather(cache_dir / TABLE_FILE)
        with np.load(cache_dir / LISTS_FILE, allow_pickle=False) as stored:
            lists = {name: stored[name] for name in stored.files}
        columns = {}
        for column in LISTED:
            offsets, values = lists[f"{column}.offsets"].tolist(), lists[f"{column}.values"].tolist()
            if len(offsets) != len(scalars) + 1:
                return None
            columns[column] = [tuple(values[a:b]) for a, b in pairwise(offsets)]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    return scalars.assign(**columns)[list(MEETING_COLUMNS)]


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
