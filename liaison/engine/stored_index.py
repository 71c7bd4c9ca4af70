"""The engine's index kept on disk beside the typed tables it was built from, so a restart reads it.

Building the index of a million meetings takes seconds of hashing and sorting on every
start; mapping its arrays back takes a few milliseconds. The index sits in the typed cache's
folder of one data version (`Dataset.cache_dir`), so it can never describe other data; its
folder's name carries `INDEX_LAYOUT`, to be bumped whenever `build_index` changes what it
computes. It holds one plain array per file (NumPy's `.npy`, read with `allow_pickle=False`):
nothing in it can run code, and a folder that is missing, truncated or of another layout is
simply rebuilt.

The integer arrays are memory-mapped read-only: a selection reads only the pages of the
postings it asks for, so the index of a million meetings (about 400 MB) costs the process
what its views touch, and the index stays read-only whatever a caller tries. The folder is
written aside and renamed into place whole; a reader that maps the old one keeps its pages.

The index is handed over flat, as named arrays and text indexes (`liaison.engine.index` knows
its own shape); text indexes are stored as text arrays and come back as pandas' strings.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

INDEX_LAYOUT = 2
INDEX_FOLDER = f"index-{INDEX_LAYOUT}"
_TEXT = "text-"  # the prefix of an array that was a text index
_NAME = "name-"  # the prefix of a text index's name, kept beside it
_SUFFIX = ".npy"


def index_path(cache_dir: Path) -> Path:
    return cache_dir / INDEX_FOLDER


def write_arrays(arrays: Mapping[str, np.ndarray | pd.Index], cache_dir: Path) -> bool:
    """Keep the named arrays beside the tables, replacing the folder whole; False when the folder cannot take it."""
    stored: dict[str, np.ndarray] = {}
    for name, value in arrays.items():
        if isinstance(value, pd.Index):
            stored[f"{_TEXT}{name}"] = np.asarray(value.to_numpy(dtype=object), dtype=str)
            if value.name is not None:
                stored[f"{_NAME}{name}"] = np.array(str(value.name))
        else:
            stored[name] = np.asarray(value)
    building: Path | None = None
    try:
        building = Path(tempfile.mkdtemp(prefix=".index-", dir=cache_dir))
        for name, value in stored.items():
            np.save(building / f"{name}{_SUFFIX}", value, allow_pickle=False)
        target = index_path(cache_dir)
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=".index-old-", dir=cache_dir))
            target.rename(retired / target.name)
            shutil.rmtree(retired, ignore_errors=True)
        building.rename(target)
    except OSError:
        if building is not None:
            shutil.rmtree(building, ignore_errors=True)
        return False
    for old in cache_dir.glob("index-*"):  # an index of an earlier layout is never read again
        if old.is_dir() and old != target:
            shutil.rmtree(old, ignore_errors=True)
        elif old.is_file():
            old.unlink(missing_ok=True)
    return True


def read_arrays(cache_dir: Path) -> dict[str, np.ndarray | pd.Index] | None:
    """The named arrays stored for this data version, or None (not there, unreadable, or of another layout)."""
    arrays: dict[str, np.ndarray] = {}
    try:
        for path in index_path(cache_dir).glob(f"*{_SUFFIX}"):
            arrays[path.name.removesuffix(_SUFFIX)] = np.asarray(np.load(path, mmap_mode="r", allow_pickle=False))
    except (OSError, ValueError, EOFError):
        return None
    read: dict[str, np.ndarray | pd.Index] = {}
    for name, value in arrays.items():
        if name.startswith(_TEXT):
            key = name.removeprefix(_TEXT)
            label = arrays.get(f"{_NAME}{key}")
            read[key] = pd.Index(value.astype(object), dtype="str", name=None if label is None else str(label))
        elif not name.startswith(_NAME):
            read[name] = value
    return read or None
