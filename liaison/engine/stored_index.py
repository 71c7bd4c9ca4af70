"""The engine's index kept on disk beside the typed tables it was built from, so a restart reads it.

Building the index of a million meetings takes seconds of hashing and sorting on every
start; reading its arrays back takes well under one. The file sits in the typed cache's
folder of one data version (`Dataset.cache_dir`), so it can never describe other data; its
name carries `INDEX_LAYOUT`, to be bumped whenever `build_index` changes what it computes.
It holds plain arrays only (NumPy's format, read with `allow_pickle=False`): nothing in it
can run code, and a file that is missing, truncated or of another layout is simply rebuilt.

The index is handed over flat, as named arrays and text indexes (`liaison.engine.index` knows
its own shape); text indexes are stored as text arrays and come back as pandas' strings.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

INDEX_LAYOUT = 1
INDEX_FILE = f"index-{INDEX_LAYOUT}.npz"
_TEXT = "text:"  # the prefix of an array that was a text index
_NAME = "name:"  # the prefix of a text index's name, kept beside it


def index_path(cache_dir: Path) -> Path:
    return cache_dir / INDEX_FILE


def write_arrays(arrays: Mapping[str, np.ndarray | pd.Index], cache_dir: Path) -> bool:
    """Keep the named arrays beside the tables, replacing the file whole; False when the folder cannot take it."""
    stored: dict[str, np.ndarray] = {}
    for name, value in arrays.items():
        if isinstance(value, pd.Index):
            stored[f"{_TEXT}{name}"] = np.asarray(value.to_numpy(dtype=object), dtype=str)
            if value.name is not None:
                stored[f"{_NAME}{name}"] = np.array(str(value.name))
        else:
            stored[name] = value
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=".index-", suffix=".npz", dir=cache_dir)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **stored)
        temporary.replace(index_path(cache_dir))
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        return False
    return True


def read_arrays(cache_dir: Path) -> dict[str, np.ndarray | pd.Index] | None:
    """The named arrays stored for this data version, or None (not there, unreadable, or of another layout)."""
    try:
        with np.load(index_path(cache_dir), allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        return None
    read: dict[str, np.ndarray | pd.Index] = {}
    for name, value in arrays.items():
        if name.startswith(_TEXT):
            key = name.removeprefix(_TEXT)
            label = arrays.get(f"{_NAME}{key}")
            read[key] = pd.Index(value.astype(object), dtype="str", name=None if label is None else str(label))
        elif not name.startswith(_NAME):
            read[name] = value
    return read
