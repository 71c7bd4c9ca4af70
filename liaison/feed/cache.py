"""The candidates of an events layer, built once per state of the layer and kept typed in the data folder's cache.

Clustering ten million events reads hundreds of megabytes and takes tens of seconds; what the
dashboard keeps is the candidates and, for the few an analyst opens, their articles. So the
layer is clustered once per stamp (each part file's name, size and modification time) and the
result kept in the data folder's `.cache/` (beside the curated tables' typed cache,
`liaison.dataset.store`) as two files named by the stamp's digest:

- `gdelt-<digest>.candidates.parquet`: the candidates (`CANDIDATE_COLUMNS`, newest first),
  counts as int32 where they fit, texts as dictionaries; read whole at start-up, in about a
  second (Parquet, so every column is decoded into buffers of its own);
- `gdelt-<digest>.articles.arrow`: the distinct articles of every candidate
  (`candidates.ARTICLE_COLUMNS`), in candidate order, as one uncompressed Arrow IPC record
  batch. It is memory-mapped, never read whole: the articles of one page of candidates are a
  few row ranges taken from the map, so the addresses stay on disk until someone asks.

Each file is written beside its final name and renamed into place, candidates last, so a
reader sees a complete pair or none. A restart on the same layer reads them instead of
clustering; any change to a part makes a new digest (and the old files are removed once the
new ones are written); a file that cannot be read, or does not hold what it should, is rebuilt
rather than fatal. A layer of more than `IN_PROCESS_ROWS` events is clustered in a child
process (`python -m liaison.feed.cache DATA`), so the peak memory of clustering is the child's
and is returned when it exits; the server only reads the result. A folder whose cache cannot
be written still works: its candidates are built and kept in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from liaison.dataset.store import CACHE_DIR
from liaison.feed.candidates import (
    ARTICLE_COLUMNS,
    CANDIDATE_COLUMNS,
    INPUT_COLUMNS,
    MAX_SPAN_DAYS,
    MEETING_CODES,
    article_rows,
    build_candidates,
    cluster_events,
)
from liaison.feed.events import layer_dir, no_events, part_files, read_events

CACHE_LAYOUT = 2
"""Bumped when what the cache files hold changes: an old layout is never read."""
PREFIX = "gdelt-"
IN_PROCESS_ROWS = 1_000_000
"""Layers of more events than this are clustered in a child process."""
BUILD_COLUMNS = [column for column in INPUT_COLUMNS if column != "global_event_id"]
"""The layer columns clustering reads (the event id is not one of them)."""
_NARROW = ["candidate", "host_rows", "role_rows", "rows", "sources", "urls", "mentions", "official_rows"]
"""Integer columns stored as int32 when every value fits."""

Stamp = tuple[tuple[str, int, int], ...]


def layer_stamp(data: Path) -> Stamp:
    """The state of a data folder's events layer: each part's name, size and modification time (empty: no layer)."""
    stamps = []
    for path in part_files(layer_dir(data)):
        try:
            status = path.stat()
        except OSError:
            continue
        stamps.append((path.name, status.st_size, status.st_mtime_ns))
    return tuple(stamps)


def stamp_digest(stamp: Stamp) -> str:
    """The name of the cache of one layer state, clustered by today's rules (layout, codes and span included)."""
    key = json.dumps([CACHE_LAYOUT, list(MEETING_CODES), MAX_SPAN_DAYS, [list(part) for part in stamp]])
    return hashlib.sha256(key.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Built:
    """A layer's candidates, and the articles behind each (read by row ranges, never whole)."""

    candidates: pd.DataFrame
    articles: pa.RecordBatch
    """`ARTICLE_COLUMNS`, sorted by candidate number; memory-mapped when read from the cache."""
    starts: np.ndarray
    """The articles of candidate number n are rows starts[n] to starts[n + 1] of `articles`."""

    def articles_of(self, candidates: pd.DataFrame) -> pd.DataFrame:
        """The distinct articles behind these candidates (rows of `candidates`): candidate_id, source_url,
        source_host, rows; candidate by candidate, in the order their articles first appear."""
        numbers = candidates["candidate"].to_numpy(dtype=np.int64)
        inside = numbers[(numbers >= 0) & (numbers < len(self.starts) - 1)]
        spans = [np.arange(self.starts[n], self.starts[n + 1]) for n in inside]
        rows = np.concatenate(spans) if spans else np.empty(0, dtype=np.int64)
        taken = self.articles.take(pa.array(rows, type=pa.int64())).to_pandas()
        ids = pd.Series(candidates["candidate_id"].to_numpy(), index=numbers)
        ids = ids[~ids.index.duplicated()]
        return pd.DataFrame(
            {
                "candidate_id": taken["candidate"].map(ids).astype("str"),
                "source_url": taken["source_url"].astype("str"),
                "source_host": taken["source_host"],
                "rows": taken["rows"].to_numpy(dtype=np.int64),
            }
        )


def _starts(candidate: np.ndarray, count: int) -> np.ndarray:
    return np.searchsorted(candidate, np.arange(count + 1), side="left").astype(np.int64)


def _compact(candidates: pd.DataFrame) -> pd.DataFrame:
    """The candidates with their counts as int32 where every value fits (the same numbers, half the bytes)."""
    narrow = {}
    for column in _NARROW:
        values = candidates[column].to_numpy()
        if not len(values) or (values.min() >= np.iinfo(np.int32).min and values.max() <= np.iinfo(np.int32).max):
            narrow[column] = values.astype(np.int32)
    return candidates.assign(**narrow)


def build(data: Path) -> Built:
    """Cluster a data folder's events layer (meeting codes only, read as categories) into its candidates, in memory."""
    return built_from(read_events(data, BUILD_COLUMNS, codes=MEETING_CODES, urls_as_categories=True))


def _arrow(values: pd.Series, kind: pa.DataType) -> pa.Array:
    """A column as one Arrow array of this type (pandas may hand over its text as several chunks)."""
    array = pa.array(values, type=kind, from_pandas=True)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def built_from(events: pd.DataFrame) -> Built:
    """The candidates of an events table (`BUILD_COLUMNS` at least) and their articles, as the cache keeps them."""
    clustered = cluster_events(events)
    candidates = _compact(build_candidates(clustered))
    articles = article_rows(clustered)
    del clustered
    table = pa.table(
        {
            "candidate": articles["candidate"].to_numpy(dtype=np.int32),
            "source_url": _arrow(articles["source_url"], pa.large_string()),
            "source_host": _arrow(articles["source_host"].astype("str"), pa.string()).dictionary_encode(),
            "rows": articles["rows"].to_numpy(dtype=np.int32),
        }
    ).combine_chunks()
    batches = table.to_batches()
    batch = batches[0] if batches else pa.RecordBatch.from_pylist([], schema=table.schema)
    return Built(candidates, batch, _starts(articles["candidate"].to_numpy(), len(candidates)))


def no_candidates() -> Built:
    """The build of an empty layer: no candidate, in the columns and types of any other."""
    return built_from(no_events(BUILD_COLUMNS))


def cache_files(data: Path, digest: str) -> tuple[Path, Path]:
    """The candidates file and the articles file of one layer state."""
    cache = data / CACHE_DIR
    return cache / f"{PREFIX}{digest}.candidates.parquet", cache / f"{PREFIX}{digest}.articles.arrow"


def _write_beside(path: Path, write: Callable[[str], None]) -> None:
    """Write a file under a temporary name beside `path`, then rename it into place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        write(temporary)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_batch(batch: pa.RecordBatch, path: str) -> None:
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, batch.schema) as writer:
        writer.write_batch(batch)


def write_built(data: Path, digest: str, built: Built) -> bool:
    """Keep a build in the data folder's cache under its digest, and drop older ones; False if it cannot be written."""
    candidates_file, articles_file = cache_files(data, digest)
    try:
        candidates_file.parent.mkdir(exist_ok=True)
        ignore = candidates_file.parent / ".gitignore"
        if not ignore.exists():
            # The cache is derived and rebuilt at will: it keeps itself out of version control.
            ignore.write_text("*\n", encoding="utf-8")
        _write_beside(articles_file, partial(_write_batch, built.articles))
        table = pa.Table.from_pandas(built.candidates, preserve_index=False)
        _write_beside(candidates_file, partial(pq.write_table, table, compression="snappy"))
    except (OSError, pa.ArrowException):
        return False
    for old in candidates_file.parent.glob(f"{PREFIX}*"):
        if old not in (candidates_file, articles_file):
            with contextlib.suppress(OSError):
                old.unlink()
    return True


def _mapped(path: Path) -> pa.Buffer:
    """A file mapped into memory for reading at random: a page is read when touched, with no read-ahead."""
    with path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    # A page of candidates touches a few rows here and there: reading ahead would only fill memory.
    mapped.madvise(mmap.MADV_RANDOM)
    return pa.py_buffer(mapped)


def read_built(data: Path, digest: str) -> Built | None:
    """The build cached under this digest, or None (absent, unreadable, or not holding what it should)."""
    candidates_file, articles_file = cache_files(data, digest)
    try:
        table = pq.read_table(candidates_file)
        reader = pa.ipc.open_file(_mapped(articles_file))
        if table.column_names != CANDIDATE_COLUMNS or reader.schema.names != ARTICLE_COLUMNS:
            return None
        if reader.num_record_batches != 1:
            return None
        articles = reader.get_batch(0)
        articles.validate()
        candidates = table.to_pandas(date_as_object=False, split_blocks=True, self_destruct=True)
        numbers = articles["candidate"].to_numpy()
        if len(numbers) and (numbers[0] < 0 or numbers[-1] >= len(candidates) or np.any(np.diff(numbers) < 0)):
            return None
    except (OSError, pa.ArrowException, ValueError, KeyError, TypeError):
        return None
    return Built(candidates, articles, _starts(numbers, len(candidates)))


def layer_rows(data: Path) -> int:
    """How many events the layer holds, from its parts' footers (no row is read)."""
    total = 0
    for path in part_files(layer_dir(data)):
        with contextlib.suppress(OSError, pa.ArrowException):
            total += pq.ParquetFile(path).metadata.num_rows
    return total


def _build_in_child(data: Path) -> None:
    """Run `python -m liaison.feed.cache DATA` and wait: it writes the cache of the layer as it finds it."""
    root = Path(__file__).resolve().parents[2]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            [sys.executable, "-m", "liaison.feed.cache", str(data)],
            cwd=root,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def built_candidates(data: Path, digest: str, in_process_rows: int = IN_PROCESS_ROWS) -> Built:
    """The candidates of the layer state named by `digest`: from the cache, else built (and cached when possible).

    A layer of more than `in_process_rows` events is built in a child process; if that leaves
    no readable cache for this digest (the layer changed meanwhile, the folder is read-only),
    it is built here.
    """
    found = read_built(data, digest)
    if found is not None:
        return found
    if layer_rows(data) > in_process_rows:
        _build_in_child(data)
        found = read_built(data, digest)
        if found is not None:
            return found
    built = build(data)
    write_built(data, digest, built)
    return built


def main(argv: list[str] | None = None) -> int:
    """Build and cache the candidates of DATA's events layer as it is now; 0 when the cache was written."""
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print("usage: python -m liaison.feed.cache DATA", file=sys.stderr)
        return 2
    data = Path(arguments[0])
    digest = stamp_digest(layer_stamp(data))
    return 0 if write_built(data, digest, build(data)) else 1


if __name__ == "__main__":
    sys.exit(main())
