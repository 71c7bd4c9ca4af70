"""Reading GDELT 2.0 event exports as published: 61 tab-separated columns, no header, no quoting.

A `.CSV`/`.tsv` file is read as it is, a `.zip` (as distributed, one export inside) is opened
first; which of the two is decided by the file name, never by looking at the content. Column
names and types are spelled out in the Event codebook's order. The fast path hands the whole
file to pyarrow's CSV reader; only when that fails is the file examined again, to say which
line and field make it something other than an export (`ExportFormatError`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from pyarrow import csv as pacsv

_STR, _I8, _I16, _I32, _I64, _F64 = pa.string(), pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.float64()


def _actor(n: int) -> list[tuple[str, pa.DataType]]:
    names = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code")
    types = ("Type1Code", "Type2Code", "Type3Code")
    return [(f"Actor{n}{name}", _STR) for name in names + types]


def _geo(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"{prefix}_Type", _I8),
        (f"{prefix}_FullName", _STR),
        (f"{prefix}_CountryCode", _STR),
        (f"{prefix}_ADM1Code", _STR),
        (f"{prefix}_ADM2Code", _STR),
        (f"{prefix}_Lat", _F64),
        (f"{prefix}_Long", _F64),
        (f"{prefix}_FeatureID", _STR),
    ]


COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("GLOBALEVENTID", _I64),
    ("SQLDATE", _I32),
    ("MonthYear", _I32),
    ("Year", _I16),
    ("FractionDate", _F64),
    *_actor(1),
    *_actor(2),
    ("IsRootEvent", _I8),
    ("EventCode", _STR),
    ("EventBaseCode", _STR),
    ("EventRootCode", _STR),
    ("QuadClass", _I8),
    ("GoldsteinScale", _F64),
    ("NumMentions", _I32),
    ("NumSources", _I32),
    ("NumArticles", _I32),
    ("AvgTone", _F64),
    *_geo("Actor1Geo"),
    *_geo("Actor2Geo"),
    *_geo("ActionGeo"),
    ("DATEADDED", _I64),
    ("SOURCEURL", _STR),
)
"""The 61 columns of a GDELT 2.0 event export, in file order, with the type each is read as."""

NAMES = tuple(name for name, _ in COLUMNS)
FIELDS = len(COLUMNS)
TEXT_SUFFIXES = (".csv", ".tsv")
REQUIRED = (("GLOBALEVENTID", ""), ("EventCode", ""), ("SQLDATE", "%Y%m%d"), ("DATEADDED", "%Y%m%d%H%M%S"))

# What a line with this many fields probably is, for the message about a file that is not an export.
LOOKS_LIKE = {
    16: "a GDELT 2.0 mentions file",
    27: "a GDELT GKG file",
    57: "a GDELT 1.0 event file",
    58: "a GDELT 1.0 event file",
}

_PANDAS_TYPES = {
    _I8: pd.Int8Dtype(),
    _I16: pd.Int16Dtype(),
    _I32: pd.Int32Dtype(),
    _I64: pd.Int64Dtype(),
}


class ExportFormatError(Exception):
    """A file that is not a GDELT 2.0 event export; the message names the file, and the line and field when known."""

    def __init__(self, file: str, message: str, line: int | None = None, field: str | None = None) -> None:
        where = ":".join([file, *([str(line)] if line else []), *([field] if field else [])])
        super().__init__(f"{where}: {message}")
        self.file, self.line, self.field = file, line, field


def export_name(path: Path) -> str:
    """The export a file holds, from its name: `20191024143000.export` for `….export.CSV.zip` or `….export.CSV`."""
    name = path.name
    for suffix in (".zip", *TEXT_SUFFIXES):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def read_export(path: Path) -> pd.DataFrame:
    """The rows of one export, one column per codebook field, typed; raises ExportFormatError for anything else."""
    data = _export_bytes(path)
    if not data.strip():
        return _typed(pa.table({name: pa.array([], type=kind) for name, kind in COLUMNS}))
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=list(NAMES), block_size=1 << 24),
            parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False, double_quote=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict(COLUMNS), null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise _diagnosis(str(path), data, error) from None
    frame = _typed(table)
    _check_required(str(path), data, frame)
    return frame


def _export_bytes(path: Path) -> bytes:
    """The export's text as bytes: the file itself, or the one member of a distributed zip."""
    lowered = path.name.lower()
    if lowered.endswith(".zip"):
        try:
            with zipfile.ZipFile(path) as archive:
                members = [info for info in archive.infolist() if not info.is_dir()]
                if len(members) != 1:
                    names = ", ".join(info.filename for info in members) or "nothing"
                    raise ExportFormatError(str(path), f"a GDELT export zip holds one file, this one holds {names}")
                if not members[0].filename.lower().endswith(TEXT_SUFFIXES):
                    raise ExportFormatError(str(path), f"holds {members[0].filename}, not a .CSV export")
                return archive.read(members[0])
        except zipfile.BadZipFile:
            raise ExportFormatError(str(path), "not a zip archive") from None
    if lowered.endswith(TEXT_SUFFIXES):
        return path.read_bytes()
    raise ExportFormatError(str(path), "not a GDELT export file name (expected .CSV, .tsv or .zip)")


def _typed(table: pa.Table) -> pd.DataFrame:
    """Integers as pandas' nullable integers (empty cells stay missing), text as strings."""
    return table.to_pandas(types_mapper=_PANDAS_TYPES.get)


def _line_bounds(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Where each line starts and ends (the newline excluded), whole-array over the bytes."""
    raw = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(raw == 10)
    if len(raw) and raw[-1] != 10:
        ends = np.append(ends, len(raw))
    return np.concatenate([[0], ends[:-1] + 1]).astype(ends.dtype), ends


def _line_numbers(data: bytes) -> np.ndarray:
    """The 1-based number of every non-empty line, in order: row i of the frame is line `_line_numbers[i]`."""
    starts, ends = _line_bounds(data)
    return np.flatnonzero(ends > starts) + 1


def _field_counts(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Line numbers of the non-empty lines and how many tab-separated fields each has."""
    starts, ends = _line_bounds(data)
    tabs = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 9)
    fields = np.searchsorted(tabs, ends) - np.searchsorted(tabs, starts) + 1
    nonempty = ends > starts
    return np.flatnonzero(nonempty) + 1, fields[nonempty]


def _diagnosis(file: str, data: bytes, error: Exception) -> ExportFormatError:
    """Why pyarrow could not read the file, said as file:line:field."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as bad:
        line = data.count(b"\n", 0, bad.start) + 1
        return ExportFormatError(file, "not UTF-8 text: not a GDELT export", line)
    lines, fields = _field_counts(data)
    wrong = np.flatnonzero(fields != FIELDS)
    if len(wrong):
        count = int(fields[wrong[0]])
        hint = f" (this looks like {LOOKS_LIKE[count]})" if count in LOOKS_LIKE else ""
        return ExportFormatError(
            file, f"{count} tab-separated field(s), a GDELT 2.0 event export has {FIELDS}{hint}", int(lines[wrong[0]])
        )
    unread = ExportFormatError(file, f"not a GDELT 2.0 event export ({str(error).splitlines()[0]})")
    try:
        text = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=list(NAMES), block_size=1 << 24),
            parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False, double_quote=False),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(NAMES, pa.string())),
        ).to_pandas()
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return unread
    for name, kind in COLUMNS:
        if kind == _STR:
            continue
        cells = text[name]
        parsed = pd.to_numeric(cells, errors="coerce")
        bad = cells.ne("") & (parsed.isna() | ((parsed % 1 != 0) if pa.types.is_integer(kind) else False))
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            what = "an integer" if pa.types.is_integer(kind) else "a number"
            hint = " (a header row? exports have none)" if row == 0 and cells.iloc[0] == name else ""
            return ExportFormatError(file, f"'{cells.iloc[row]}' is not {what}{hint}", int(lines[row]), name)
        if pa.types.is_integer(kind):
            info = np.iinfo(kind.to_pandas_dtype())
            out = cells.ne("") & ((parsed < info.min) | (parsed > info.max))
            if out.any():
                row = int(np.flatnonzero(out.to_numpy())[0])
                return ExportFormatError(file, f"{cells.iloc[row]} is out of range", int(lines[row]), name)
    return unread


def _check_required(file: str, data: bytes, frame: pd.DataFrame) -> None:
    """Every row has an event id and a code; SQLDATE is a day (YYYYMMDD) and DATEADDED a moment (YYYYMMDDHHMMSS)."""
    for name, form in REQUIRED:
        cells = frame[name]
        missing = cells.isna()
        if form:
            missing |= pd.to_datetime(cells.astype("string"), format=form, errors="coerce").isna()
        bad = missing.to_numpy(dtype=bool)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            value = cells.iloc[row]
            shown = "an empty cell" if pd.isna(value) else f"'{value}'"
            what = f"a date ({form.replace('%', '')})" if form else "allowed: every event has one"
            raise ExportFormatError(file, f"{shown} is not {what}", int(_line_numbers(data)[row]), name)
