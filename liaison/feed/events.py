"""The events layer: GDELT rows between two states, stored read-only as Parquet beside the curated tables.

Layout: `<data>/feed/gdelt/events/<day>.parquet`, one part per day of exports (`20191024.parquet`
holds the 96 exports of that day; an export whose name is not a GDELT timestamp gets a part of
its own). Each row keeps the export it came from (`20191024143000.export`, whether it came as
`.CSV` or `.zip`), so importing an export again replaces that export's rows in its part. A year
is 365 parts rather than 35 040, which a reader opens in a second. A part is written to a
temporary file and renamed into place, so a reader sees the old part or the new one, never half
of one. An event id (GLOBALEVENTID) another export already stored is not stored again. The
curated tables (`meetings.csv`…) are never read or written here, and the app only reads this
layer.

`<data>` is the store's events root (`events_root`): `$LIAISON_EVENTS` when set, else the data
folder itself, or for a database store this machine's cache folder for it.
"""

from __future__ import annotations

import io
import re
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from liaison.dataset.files import folder_lock, write_atomically
from liaison.feed.cameo import ACTOR_REASONS, code_mask, states_of
from liaison.feed.gdelt import ExportFormatError, export_name, read_export
from liaison.feed.geo import iso3_of_fips

LAYER = Path("feed") / "gdelt" / "events"
DEFAULT_CODES = ("036", "04", "05")
"""Event codes imported when none are named: intent to meet, consultations, diplomatic cooperation."""

NOT_SELECTED = "event code not selected"
SAME_STATE = "same state on both sides"
DUPLICATE = "already stored"
REASONS = (NOT_SELECTED, *ACTOR_REASONS, SAME_STATE, DUPLICATE)
"""Why a row is not stored, in the order a row's reason is chosen (the first that applies)."""

_S = pa.string()
SCHEMA = pa.schema(
    [
        ("global_event_id", pa.int64()),
        ("day", pa.date32()),
        ("date_added", pa.timestamp("s")),
        ("is_root_event", pa.bool_()),
        ("event_code", _S),
        ("event_base_code", _S),
        ("event_root_code", _S),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("num_mentions", pa.int32()),
        ("num_sources", pa.int32()),
        ("num_articles", pa.int32()),
        ("avg_tone", pa.float64()),
        *[
            (f"actor{n}_{name}", _S)
            for n in (1, 2)
            for name in ("code", "name", "country", "iso3", "type1", "type2", "type3")
        ],
        ("action_geo_type", pa.int8()),
        ("action_geo_name", _S),
        ("action_geo_country", _S),
        ("action_geo_iso3", _S),
        ("action_geo_adm1", _S),
        ("action_geo_feature_id", _S),
        ("action_geo_lat", pa.float64()),
        ("action_geo_long", pa.float64()),
        ("source_url", _S),
        ("source_host", _S),
        ("export", _S),
    ]
)
"""The layer's columns (documented in data/README.md, "The GDELT events layer")."""

COPIED = {
    "global_event_id": "GLOBALEVENTID",
    "event_code": "EventCode",
    "event_base_code": "EventBaseCode",
    "event_root_code": "EventRootCode",
    "quad_class": "QuadClass",
    "goldstein": "GoldsteinScale",
    "num_mentions": "NumMentions",
    "num_sources": "NumSources",
    "num_articles": "NumArticles",
    "avg_tone": "AvgTone",
    **{
        f"actor{n}_{name}": f"Actor{n}{source}"
        for n in (1, 2)
        for name, source in (
            ("code", "Code"),
            ("name", "Name"),
            ("country", "CountryCode"),
            ("type1", "Type1Code"),
            ("type2", "Type2Code"),
            ("type3", "Type3Code"),
        )
    },
    "action_geo_type": "ActionGeo_Type",
    "action_geo_name": "ActionGeo_FullName",
    "action_geo_country": "ActionGeo_CountryCode",
    "action_geo_adm1": "ActionGeo_ADM1Code",
    "action_geo_feature_id": "ActionGeo_FeatureID",
    "action_geo_lat": "ActionGeo_Lat",
    "action_geo_long": "ActionGeo_Long",
    "source_url": "SOURCEURL",
}
"""Layer column -> the export column it is copied from unchanged."""

HOST = r"(?i)^[a-z][a-z0-9+.-]*://(?:www\d?\.)?([^/:?#]+)"


EVENTS_ENV = "LIAISON_EVENTS"
NOT_A_FOLDER = "not a folder"
NOT_WRITABLE = "not writable"


class EventsRootError(ValueError):
    """`$LIAISON_EVENTS` names a place that cannot hold the events layer; the message names both.

    `root` is that place and `problem` what is wrong with it (`NOT_A_FOLDER`, `NOT_WRITABLE`), so
    a page can say it in its reader's language.
    """

    def __init__(self, root: Path, problem: str, reason: str = "") -> None:
        self.root, self.problem = root, problem
        said = {
            NOT_A_FOLDER: "is a file, not a folder; name a folder for the events layer",
            NOT_WRITABLE: f"cannot write the events layer there ({reason})",
        }[problem]
        super().__init__(f"{EVENTS_ENV}={root}: {said}")


def events_root(local_folder: Path, environ: Mapping[str, str]) -> Path:
    """The folder holding a store's events layer (`layer_dir`) and its candidates' cache (its `.cache/`).

    `$LIAISON_EVENTS` if set, else the store's `local_folder`. The layer is Parquet files, which
    only a folder holds, so a database store keeps it in a folder too; its `local_folder` is one
    machine's cache, so every dashboard machine would see only what was imported on it. A team
    sharing a database therefore points LIAISON_EVENTS, on every dashboard machine and where
    `python -m liaison gdelt` runs, at one shared folder. For a folder store `local_folder` is the
    data folder itself, where the layer has always been. The command line and the dashboard both
    ask here, so an import lands where the pages read.
    """
    named = environ.get(EVENTS_ENV, "").strip()
    return Path(named).expanduser() if named else local_folder


def checked_events_root(local_folder: Path, environ: Mapping[str, str], writing: bool = False) -> Path:
    """`events_root`, refused with an `EventsRootError` naming LIAISON_EVENTS and its path when that names a file,
    or (`writing`, for an import) a place where the layer cannot be created and written.

    Without the variable nothing is checked here: a data folder that cannot be written fails as any
    other write to it does.
    """
    root = events_root(local_folder, environ)
    if not environ.get(EVENTS_ENV, "").strip():
        return root
    if root.exists() and not root.is_dir():
        raise EventsRootError(root, NOT_A_FOLDER)
    if writing:
        try:
            layer_dir(root).mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=layer_dir(root)):
                pass
        except OSError as error:
            reason = error.strerror or str(error)
            raise EventsRootError(root, NOT_WRITABLE, reason) from None
    return root


def layer_dir(data: Path) -> Path:
    """Where an events root (`events_root`: a data folder, or LIAISON_EVENTS) keeps its GDELT events."""
    return data / LAYER


@dataclass(frozen=True)
class Selection:
    """The rows of one export the layer keeps, in its columns, and how many rows were dropped for each reason."""

    events: pd.DataFrame
    dropped: dict[str, int]


def select_events(raw: pd.DataFrame, codes: Iterable[str], export: str) -> Selection:
    """The rows of a read export (`gdelt.read_export`) with a selected code between two different states.

    Each dropped row is counted under the first reason of `REASONS` that applies to it; an event
    id seen twice in the export is kept once.
    """
    codes = tuple(codes)
    selected = code_mask(raw["EventRootCode"], raw["EventBaseCode"], raw["EventCode"], codes)
    iso1, why1 = states_of(raw["Actor1CountryCode"])
    iso2, why2 = states_of(raw["Actor2CountryCode"])
    conditions = [~selected]
    conditions += [(why1.eq(reason) | why2.eq(reason)).to_numpy(dtype=bool) for reason in ACTOR_REASONS]
    conditions.append(iso1.eq(iso2).to_numpy(dtype=bool))
    reason = np.select(conditions, [NOT_SELECTED, *ACTOR_REASONS, SAME_STATE], default="")
    keep = reason == ""
    repeated = raw["GLOBALEVENTID"].where(keep).duplicated().to_numpy(dtype=bool) & keep
    reason[repeated] = DUPLICATE
    keep &= ~repeated
    dropped = pd.Series(reason[~keep]).value_counts()
    kept = raw[keep]
    events = pd.DataFrame({name: kept[source] for name, source in COPIED.items()}).assign(
        day=pd.to_datetime(kept["SQLDATE"].astype("string"), format="%Y%m%d"),
        date_added=pd.to_datetime(kept["DATEADDED"].astype("string"), format="%Y%m%d%H%M%S"),
        is_root_event=kept["IsRootEvent"].eq(1).fillna(False).astype(bool),
        actor1_iso3=iso1[keep],
        actor2_iso3=iso2[keep],
        action_geo_iso3=iso3_of_fips(kept["ActionGeo_CountryCode"]),
        source_host=kept["SOURCEURL"].str.extract(HOST, expand=False).str.lower(),
        export=export,
    )
    return Selection(events[SCHEMA.names].reset_index(drop=True), {name: int(dropped.get(name, 0)) for name in REASONS})


def to_table(events: pd.DataFrame) -> pa.Table:
    """The layer's rows as an Arrow table of `SCHEMA`."""
    arrays = {}
    for column in SCHEMA:
        values = events[column.name]
        if pa.types.is_date32(column.type):
            arrays[column.name] = pa.array(values.to_numpy(dtype="datetime64[D]"), type=column.type)
        elif pa.types.is_timestamp(column.type):
            arrays[column.name] = pa.array(values.to_numpy(dtype="datetime64[s]"), type=column.type)
        else:
            arrays[column.name] = pa.array(values, type=column.type, from_pandas=True)
    return pa.table(arrays, schema=SCHEMA)


EXPORT_TIME = re.compile(r"^(\d{8})\d{6}\.")


def part_name(export: str) -> str:
    """The part an export's rows go to: its day (`20191024`), or the export's own name made file-safe."""
    timed = EXPORT_TIME.match(export)
    if timed:
        return timed.group(1)
    cleaned = "".join(char if char.isalnum() or char in "._-" else "_" for char in export).lstrip(".")
    return cleaned or "export"


def write_part(folder: Path, export: str, events: pd.DataFrame) -> Path:
    """Store one export's events in its part: the part's rows of other exports are kept, its own replaced.

    The new part is written whole and renamed over the old one.
    """
    path = folder / f"{part_name(export)}.parquet"
    table = to_table(events)
    if path.is_file():
        kept = pq.read_table(path, schema=SCHEMA)
        table = pa.concat_tables([kept.filter(pc.not_equal(kept["export"], export)), table])
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    write_atomically(path, buffer.getvalue())
    return path


def part_files(folder: Path) -> list[Path]:
    """The layer's part files, in name order (so in export time order); temporary files are left out."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.parquet") if not path.name.startswith("."))


_INTEGERS = {pa.int8(): pd.Int8Dtype(), pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}


CATEGORICAL = [column.name for column in SCHEMA if pa.types.is_string(column.type) and column.name != "source_url"]
"""Text columns of few distinct values, read as pandas categories (Parquet stores them as dictionaries)."""


def read_events(
    data: Path,
    columns: Iterable[str] | None = None,
    codes: Iterable[str] | None = None,
    urls_as_categories: bool = False,
) -> pd.DataFrame:
    """The stored events of a data folder (all parts), with the layer's columns or the ones named; empty if none.

    Codes, states, types, places and hosts come as categories (`CATEGORICAL`): integer codes
    over a few distinct values, so a million events cost megabytes, not strings; with
    `urls_as_categories` the article addresses too (one string per distinct address). With
    `codes`, only the rows whose event code is under one of these prefixes are read (as
    `cameo.code_mask` decides), filtered in the Parquet reader rather than after.
    """
    names = list(columns) if columns is not None else SCHEMA.names
    dictionaries = [*CATEGORICAL, "source_url"] if urls_as_categories else CATEGORICAL
    schema = _read_schema(dictionaries)
    parts = part_files(layer_dir(data))
    if parts:
        read_as = pads.ParquetFileFormat(read_options=pads.ParquetReadOptions(dictionary_columns=dictionaries))
        dataset = pads.dataset([str(path) for path in parts], schema=schema, format=read_as)
        table = dataset.to_table(names, filter=None if codes is None else _code_filter(codes))
    else:
        table = schema.empty_table().select(names)
    return table.to_pandas(date_as_object=False, types_mapper=_INTEGERS.get, self_destruct=True)


def no_events(columns: Iterable[str] | None = None) -> pd.DataFrame:
    """An empty events table typed as `read_events` returns one (the layer's columns or the ones named)."""
    names = list(columns) if columns is not None else SCHEMA.names
    table = _read_schema(CATEGORICAL).empty_table().select(names)
    return table.to_pandas(date_as_object=False, types_mapper=_INTEGERS.get)


def _read_schema(dictionaries: list[str]) -> pa.Schema:
    """The layer's schema with these text columns read as dictionaries (pandas categories)."""
    return pa.schema(
        [pa.field(column.name, pa.dictionary(pa.int32(), pa.string())) if column.name in dictionaries else column
         for column in SCHEMA]
    )  # fmt: skip


def _code_filter(codes: Iterable[str]) -> pc.Expression:
    """The reader's filter keeping rows under these code prefixes: 2 digits a root, 3 a base, 4 a full code."""
    codes = list(codes)
    kept = pc.scalar(False)
    for column, size in (("event_root_code", 2), ("event_base_code", 3), ("event_code", 4)):
        chosen = [code for code in codes if len(code) == size]
        if chosen:
            kept = kept | pc.field(column).isin(chosen)
    return kept


class _StoredIds:
    """The event ids already in the layer and the export each came from, sorted, for whole-array look-ups."""

    def __init__(self, folder: Path) -> None:
        parts = part_files(folder)
        if parts:
            table = pads.dataset([str(path) for path in parts], schema=SCHEMA, format="parquet").to_table(
                ["global_event_id", "export"]
            )
            exports = table["export"].combine_chunks().dictionary_encode()
            self.exports: list[str] = exports.dictionary.to_pylist()
            self.ids = table["global_event_id"].to_numpy()
            self.owner = exports.indices.to_numpy(zero_copy_only=False).astype(np.int32)
        else:
            self.exports, self.ids, self.owner = [], np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int32)
        order = np.argsort(self.ids, kind="stable")
        self.ids, self.owner = self.ids[order], self.owner[order]
        self._numbers = {export: number for number, export in enumerate(self.exports)}

    def _number(self, export: str) -> int:
        return self._numbers.get(export, -1)

    def elsewhere(self, ids: np.ndarray, export: str) -> np.ndarray:
        """Which of these ids another export already stored."""
        if not len(self.ids):
            return np.zeros(len(ids), dtype=bool)
        at = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1)
        return (self.ids[at] == ids) & (self.owner[at] != self._number(export))

    def replace(self, export: str, ids: np.ndarray) -> None:
        """The export's stored rows are now exactly these ids."""
        number = self._number(export)
        if number < 0:
            self.exports.append(export)
            number = self._numbers[export] = len(self.exports) - 1
        others = self.owner != number
        kept_ids, kept_owner = self.ids[others], self.owner[others]
        new = np.sort(ids)
        at = np.searchsorted(kept_ids, new)
        self.ids = np.insert(kept_ids, at, new)
        self.owner = np.insert(kept_owner, at, np.int32(number))

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Imported:
    """What importing one file did (or why it could not be read: `error`, and nothing else is set)."""

    file: str
    export: str = ""
    rows: int = 0
    kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    stored: int = 0
    seconds: float = 0.0
    error: str | None = None


def import_exports(paths: Iterable[Path], data: Path, codes: Iterable[str] = DEFAULT_CODES) -> Iterator[Imported]:
    """Import export files into a data folder's events layer, one at a time, yielding what each did.

    The layer's lock is held throughout, so two imports never interleave; each file's rows are
    written with one rename of their day's part, so a file that fails, or an import stopped
    half-way, leaves every other export's rows as they were. A file that is not an export is
    reported and skipped.
    """
    codes = tuple(codes)
    folder = layer_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder):
        stored = _StoredIds(folder)
        for path in paths:
            started = time.perf_counter()
            try:
                raw = read_export(Path(path))
            except (ExportFormatError, OSError) as error:
                yield Imported(str(path), error=str(error))
                continue
            export = export_name(Path(path))
            selection = select_events(raw, codes, export)
            ids = selection.events["global_event_id"].to_numpy(dtype=np.int64)
            known = stored.elsewhere(ids, export)
            events = selection.events[~known].reset_index(drop=True)
            dropped = dict(selection.dropped)
            dropped[DUPLICATE] += int(known.sum())
            write_part(folder, export, events)
            stored.replace(export, ids[~known])
            yield Imported(
                file=str(path),
                export=export,
                rows=len(raw),
                kept=len(events),
                dropped=dropped,
                stored=len(stored),
                seconds=time.perf_counter() - started,
            )
