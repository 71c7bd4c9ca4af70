"""Reading raw GDELT 2.0 event exports: 61 named, typed columns, and one clear line for anything else."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from gdelt_rows import event_code, export_line, sample_file, write_export

from liaison.feed.gdelt import FIELDS, NAMES, ExportFormatError, export_name, read_export


def test_an_export_is_read_with_the_codebook_names_and_types(tmp_path: Path) -> None:
    """Codes keep their leading zeros, numbers are numbers, and an empty cell is missing (not '')."""
    path = write_export(
        tmp_path / "20191024143000.export.CSV",
        [export_line(GLOBALEVENTID="881990835", **event_code("0431"), ActionGeo_Lat="-15.7833"), export_line()],
    )
    frame = read_export(path)
    assert list(frame.columns) == list(NAMES) and len(NAMES) == FIELDS == 61
    first = frame.iloc[0]
    assert first["GLOBALEVENTID"] == 881990835 and first["SQLDATE"] == 20191024
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == ("0431", "043", "04")
    assert first["ActionGeo_Lat"] == pytest.approx(-15.7833)
    assert first["DATEADDED"] == 20191024143000
    assert pd.isna(first["Actor1KnownGroupCode"]) and pd.isna(first["ActionGeo_ADM2Code"])
    assert str(frame["NumMentions"].dtype) == "Int32" and str(frame["ActionGeo_Type"].dtype) == "Int8"


def test_the_distributed_zip_reads_as_the_file_inside(tmp_path: Path) -> None:
    lines = [export_line(GLOBALEVENTID=str(n)) for n in (1, 2, 3)]
    plain = read_export(write_export(tmp_path / "20191024143000.export.CSV", lines))
    zipped = read_export(write_export(tmp_path / "20191024143000.export.CSV.zip", lines))
    pd.testing.assert_frame_equal(plain, zipped)


@pytest.mark.parametrize(
    ("name", "export"),
    [
        ("20191024143000.export.CSV.zip", "20191024143000.export"),
        ("20191024143000.export.CSV", "20191024143000.export"),
        ("20191024143000.export.sample.tsv", "20191024143000.export.sample"),
    ],
)
def test_an_export_is_named_by_its_file_without_the_packaging(name: str, export: str) -> None:
    assert export_name(Path(name)) == export


def _error(path: Path) -> str:
    with pytest.raises(ExportFormatError) as raised:
        read_export(path)
    message = str(raised.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def test_a_line_with_the_wrong_number_of_fields_is_named(tmp_path: Path) -> None:
    path = write_export(tmp_path / "x.CSV", [export_line(), export_line(), export_line().rsplit("\t", 1)[0]])
    assert _error(path) == f"{path}:3: 60 tab-separated field(s), a GDELT 2.0 event export has 61"


def test_a_mentions_file_is_recognised(tmp_path: Path) -> None:
    path = write_export(tmp_path / "20191024143000.mentions.CSV", ["\t".join(["1"] * 16)])
    assert _error(path).endswith("has 61 (this looks like a GDELT 2.0 mentions file)")


def test_empty_lines_are_skipped_and_lines_still_numbered_as_in_the_file(tmp_path: Path) -> None:
    """An empty line is not an error, and the line named after it is the file's own line number."""
    path = tmp_path / "x.CSV"
    path.write_text(f"{export_line()}\n\n{export_line(NumMentions='many')}\n", encoding="utf-8")
    assert _error(path) == f"{path}:3:NumMentions: 'many' is not an integer"
    path.write_text(f"{export_line()}\n\n{export_line(SQLDATE='20191300')}\n", encoding="utf-8")
    assert _error(path) == f"{path}:3:SQLDATE: '20191300' is not a date (Ymd)"
    path.write_text(f"{export_line()}\n\n{export_line(GLOBALEVENTID='2')}\n", encoding="utf-8")
    assert read_export(path)["GLOBALEVENTID"].tolist() == [1, 2]


def test_a_number_that_is_not_one_is_named_by_line_and_field(tmp_path: Path) -> None:
    path = write_export(tmp_path / "x.CSV", [export_line(), export_line(ActionGeo_Lat="north")])
    assert _error(path) == f"{path}:2:ActionGeo_Lat: 'north' is not a number"


def test_an_integer_too_large_for_its_field_is_out_of_range(tmp_path: Path) -> None:
    path = write_export(tmp_path / "x.CSV", [export_line(QuadClass="300")])
    assert _error(path) == f"{path}:1:QuadClass: 300 is out of range"


def test_a_header_row_is_pointed_out(tmp_path: Path) -> None:
    path = write_export(tmp_path / "x.CSV", ["\t".join(NAMES), export_line()])
    assert _error(path).endswith(
        ":1:GLOBALEVENTID: 'GLOBALEVENTID' is not an integer (a header row? exports have none)"
    )


def test_a_day_that_is_not_a_date_is_named(tmp_path: Path) -> None:
    path = write_export(tmp_path / "x.CSV", [export_line(), export_line(SQLDATE="20191332")])
    assert _error(path) == f"{path}:2:SQLDATE: '20191332' is not a date (Ymd)"


def test_an_event_without_an_id_is_refused(tmp_path: Path) -> None:
    path = write_export(tmp_path / "x.CSV", [export_line(GLOBALEVENTID="")])
    assert _error(path) == f"{path}:1:GLOBALEVENTID: an empty cell is not allowed: every event has one"


def test_bytes_that_are_not_text_are_named(tmp_path: Path) -> None:
    path = tmp_path / "x.CSV"
    path.write_bytes(f"{export_line()}\n".encode() + b"\x89PNG\xff\xfe\t\n")
    assert _error(path) == f"{path}:2: not UTF-8 text: not a GDELT export"


@pytest.mark.parametrize("name", ["export.txt", "export.json", "20191024143000.export"])
def test_a_file_name_that_is_not_an_export_is_refused_without_reading_it(tmp_path: Path, name: str) -> None:
    path = write_export(tmp_path / name, [export_line()])
    assert _error(path).endswith("not a GDELT export file name (expected .CSV, .tsv or .zip)")


def test_a_broken_or_crowded_zip_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "a.export.CSV.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    assert _error(broken).endswith(": not a zip archive")
    crowded = tmp_path / "b.export.CSV.zip"
    with zipfile.ZipFile(crowded, "w") as archive:
        archive.writestr("one.CSV", export_line())
        archive.writestr("two.CSV", export_line())
    assert _error(crowded).endswith("a GDELT export zip holds one file, this one holds one.CSV, two.CSV")


def test_an_empty_file_has_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "x.CSV"
    path.write_bytes(b"")
    frame = read_export(path)
    assert frame.empty and list(frame.columns) == list(NAMES)


def test_the_real_sample_reads_whole(shared: Path) -> None:
    """1 000 rows of 61 fields; the counts the sample's README states hold."""
    frame = read_export(sample_file(shared))
    assert frame.shape == (1000, 61)
    assert frame["GLOBALEVENTID"].is_unique
    assert set(frame["DATEADDED"]) == {20191024143000}
    assert (frame["EventRootCode"] == "04").sum() == 229
    assert (frame["ActionGeo_Type"] == 1).sum() == 277
    assert frame["SOURCEURL"].str.startswith("http").all()


def test_quotes_are_text_like_any_other_character(tmp_path: Path) -> None:
    """Exports are not quoted CSV: a name starting with a quote is read as it stands, tabs still split."""
    path = write_export(tmp_path / "x.CSV", [export_line(Actor1Name='"NEW" GOVERNMENT', ActionGeo_FullName='"Q')])
    first = read_export(path).iloc[0]
    assert (first["Actor1Name"], first["ActionGeo_FullName"]) == ('"NEW" GOVERNMENT', '"Q')
