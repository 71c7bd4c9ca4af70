"""The events layer: which export rows it keeps and why the others are dropped, and how it is stored."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from gdelt_rows import event_code, export_line, sample_file, write_export

from liaison.feed.cameo import AREA, FORMER_STATE, NO_COUNTRY, UNKNOWN
from liaison.feed.events import (
    DUPLICATE,
    EVENTS_ENV,
    NOT_A_FOLDER,
    NOT_SELECTED,
    NOT_WRITABLE,
    REASONS,
    SAME_STATE,
    SCHEMA,
    EventsRootError,
    checked_events_root,
    events_root,
    import_exports,
    layer_dir,
    part_files,
    read_events,
    select_events,
)
from liaison.feed.gdelt import read_export
from liaison.words.places import valid_iso3

CODES = ("036", "04", "05")


def _select(tmp_path: Path, lines: list[str], codes=CODES):
    return select_events(read_export(write_export(tmp_path / "t.CSV", lines)), codes, "t")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (event_code("190"), NOT_SELECTED),
        (event_code("041") | {"Actor1CountryCode": ""}, NO_COUNTRY),
        ({"Actor2CountryCode": ""}, NO_COUNTRY),
        ({"Actor1CountryCode": "EUR"}, AREA),
        ({"Actor2CountryCode": "WST"}, AREA),
        ({"Actor1CountryCode": "ANT"}, FORMER_STATE),
        ({"Actor2CountryCode": "XYZ"}, UNKNOWN),
        ({"Actor2CountryCode": "RUS"}, SAME_STATE),
        ({"Actor1CountryCode": "", "Actor2CountryCode": "EUR"}, NO_COUNTRY),
        (event_code("190") | {"Actor1CountryCode": ""}, NOT_SELECTED),
    ],
)
def test_a_row_is_dropped_for_the_first_reason_that_applies(tmp_path: Path, fields: dict, reason: str) -> None:
    selection = _select(tmp_path, [export_line(GLOBALEVENTID="1"), export_line(GLOBALEVENTID="2", **fields)])
    assert selection.events["global_event_id"].tolist() == [1]
    assert selection.dropped == {name: int(name == reason) for name in REASONS}


def test_the_codes_chosen_decide_what_is_selected(tmp_path: Path) -> None:
    lines = [export_line(GLOBALEVENTID=str(n), **event_code(code)) for n, code in enumerate(["036", "043", "057"])]
    assert _select(tmp_path, lines, ("04",)).events["event_code"].tolist() == ["043"]
    assert _select(tmp_path, lines, ("036", "05")).events["event_code"].tolist() == ["036", "057"]


def test_an_event_id_twice_in_one_export_is_kept_once(tmp_path: Path) -> None:
    selection = _select(tmp_path, [export_line(GLOBALEVENTID="7"), export_line(GLOBALEVENTID="7")])
    assert len(selection.events) == 1 and selection.dropped[DUPLICATE] == 1


def test_a_kept_row_carries_states_place_and_source_in_the_layer_columns(tmp_path: Path) -> None:
    line = export_line(
        Actor1CountryCode="ROM",
        Actor2Type2Code="MIL",
        ActionGeo_CountryCode="GM",
        ActionGeo_Type="1",
        SOURCEURL="https://WWW.Example.ORG:443/story?id=1",
        SQLDATE="20181024",
    )
    event = _select(tmp_path, [line]).events.iloc[0]
    assert (event["actor1_country"], event["actor1_iso3"], event["actor2_iso3"]) == ("ROM", "ROU", "TUR")
    assert (event["actor1_type1"], event["actor2_type2"]) == ("GOV", "MIL")
    assert (event["action_geo_country"], event["action_geo_iso3"], event["action_geo_type"]) == ("GM", "DEU", 1)
    assert event["source_host"] == "example.org" and event["source_url"].startswith("https://WWW.")
    assert event["day"] == pd.Timestamp("2018-10-24") and event["date_added"] == pd.Timestamp("2019-10-24 14:30")
    assert (event["event_code"], event["goldstein"], event["num_mentions"]) == ("043", 2.8, 4)
    assert event["export"] == "t" and event["is_root_event"]


def _import(tmp_path: Path, *files: Path, codes=CODES):
    return list(import_exports(files, tmp_path / "data", codes))


def test_importing_the_same_export_again_stores_nothing_twice(tmp_path: Path) -> None:
    """Again as .CSV, or as its .zip: the export's part is replaced, not added to."""
    lines = [export_line(GLOBALEVENTID=str(n)) for n in (1, 2, 3)]
    plain = write_export(tmp_path / "20191024143000.export.CSV", lines)
    zipped = write_export(tmp_path / "20191024143000.export.CSV.zip", lines)
    results = _import(tmp_path, plain, plain, zipped)
    assert [done.stored for done in results] == [3, 3, 3]
    assert [done.kept for done in results] == [3, 3, 3]
    assert [path.name for path in part_files(layer_dir(tmp_path / "data"))] == ["20191024.parquet"]
    assert read_events(tmp_path / "data")["global_event_id"].tolist() == [1, 2, 3]


def test_an_event_another_export_already_stored_is_dropped(tmp_path: Path) -> None:
    first = write_export(tmp_path / "20191024141500.export.CSV", [export_line(GLOBALEVENTID=str(n)) for n in (1, 2)])
    second = write_export(tmp_path / "20191024143000.export.CSV", [export_line(GLOBALEVENTID=str(n)) for n in (2, 3)])
    done = _import(tmp_path, first, second)[-1]
    assert (done.kept, done.dropped[DUPLICATE], done.stored) == (1, 1, 3)
    assert sorted(read_events(tmp_path / "data")["global_event_id"]) == [1, 2, 3]
    again = _import(tmp_path, second)[-1]
    assert (again.kept, again.dropped[DUPLICATE], again.stored) == (1, 1, 3)
    assert sorted(read_events(tmp_path / "data")["global_event_id"]) == [1, 2, 3]


def test_the_exports_of_a_day_share_its_part_and_each_keeps_its_rows(tmp_path: Path) -> None:
    """A year of exports is 365 parts; importing one export again leaves the day's other exports alone."""
    day = [
        write_export(tmp_path / f"20191024{time}.export.CSV", [export_line(GLOBALEVENTID=str(n))])
        for n, time in enumerate(["000000", "001500", "234500"], start=1)
    ]
    other = write_export(tmp_path / "20191025000000.export.CSV", [export_line(GLOBALEVENTID="4")])
    _import(tmp_path, *day, other, day[1])
    folder = layer_dir(tmp_path / "data")
    assert [path.name for path in part_files(folder)] == ["20191024.parquet", "20191025.parquet"]
    events = read_events(tmp_path / "data")
    assert sorted(zip(events["global_event_id"], events["export"].astype(str), strict=True)) == [
        (1, "20191024000000.export"),
        (2, "20191024001500.export"),
        (3, "20191024234500.export"),
        (4, "20191025000000.export"),
    ]


def test_importing_with_fewer_codes_replaces_the_part(tmp_path: Path) -> None:
    path = write_export(
        tmp_path / "e.export.CSV", [export_line(GLOBALEVENTID="1"), export_line(GLOBALEVENTID="2", **event_code("057"))]
    )
    _import(tmp_path, path)
    assert _import(tmp_path, path, codes=("04",))[-1].stored == 1
    assert read_events(tmp_path / "data")["event_code"].tolist() == ["043"]


def test_a_file_that_is_not_an_export_is_reported_and_changes_nothing(tmp_path: Path) -> None:
    good = write_export(tmp_path / "a.export.CSV", [export_line()])
    bad = write_export(tmp_path / "b.export.CSV", ["not\tan\texport"])
    results = _import(tmp_path, good, bad, tmp_path / "missing.export.CSV")
    assert results[0].error is None and results[0].stored == 1
    assert results[1].error == f"{bad}:1: 3 tab-separated field(s), a GDELT 2.0 event export has 61"
    assert "missing.export.CSV" in results[2].error
    assert [path.name for path in part_files(layer_dir(tmp_path / "data"))] == ["a.export.parquet"]


def test_the_layer_lives_apart_from_the_curated_tables(mini_folder: Path, tmp_path: Path) -> None:
    """An import writes under feed/gdelt/ only: every curated file is byte for byte what it was."""
    before = {path.name: path.read_bytes() for path in mini_folder.glob("*.csv")}
    list(import_exports([write_export(tmp_path / "a.export.CSV", [export_line()])], mini_folder, CODES))
    assert {path.name: path.read_bytes() for path in mini_folder.glob("*.csv")} == before
    assert layer_dir(mini_folder) == mini_folder / "feed" / "gdelt" / "events"
    written = {path.relative_to(mini_folder).parts[0] for path in mini_folder.rglob("*") if path.is_file()}
    assert written - {path.name for path in mini_folder.glob("*.csv")} <= {"feed", ".lock"}


def test_a_folder_without_events_reads_as_an_empty_layer(tmp_path: Path) -> None:
    empty = read_events(tmp_path, ["global_event_id", "day"])
    assert empty.empty and list(empty.columns) == ["global_event_id", "day"]
    assert list(read_events(tmp_path).columns) == SCHEMA.names


def test_a_part_left_half_written_is_never_read(tmp_path: Path) -> None:
    """Parts are renamed into place: a temporary file beside them (a killed import) is not a part."""
    _import(tmp_path, write_export(tmp_path / "a.export.CSV", [export_line()]))
    folder = layer_dir(tmp_path / "data")
    (folder / ".b.export.parquet.tmp123").write_bytes(b"PAR1 half")
    (folder / ".c.export.parquet").write_bytes(b"PAR1 half")
    assert len(read_events(tmp_path / "data")) == 1


def _reference_keep(path: Path) -> list[int]:
    """The sample's rows the layer should keep, worked out row by row with the csv module alone."""
    renamed = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN"}
    kept = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            one, two = (renamed.get(row[i], row[i]) for i in (7, 17))
            selected = row[28] in ("04", "05") or row[27] == "036"
            if selected and one in valid_iso3() and two in valid_iso3() and one != two:
                kept.append(int(row[0]))
    return kept


def test_the_real_sample_keeps_the_state_pairs_of_the_chosen_codes(shared: Path, tmp_path: Path) -> None:
    path = sample_file(shared)
    done = _import(tmp_path, path)[0]
    stored = read_events(tmp_path / "data")
    assert sorted(stored["global_event_id"]) == sorted(_reference_keep(path))
    assert (done.rows, done.kept) == (1000, 81)
    assert sum(done.dropped.values()) == 1000 - 81
    assert done.dropped[AREA] == 12 and done.dropped[SAME_STATE] == 9
    assert stored["actor1_iso3"].astype(str).ne(stored["actor2_iso3"].astype(str)).all()


def test_the_codebook_documents_every_column_and_reason_of_the_layer() -> None:
    codebook = (Path(__file__).resolve().parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    section = codebook[codebook.index("## GDELT events and candidate meetings") :]
    for name in SCHEMA.names:
        assert re.search(rf"^\|[^|]*\b{name}\b[^|]*\|", section, re.MULTILINE), name
    for reason in REASONS:
        assert f"| {reason} |" in section, reason


def test_a_part_that_cannot_be_renamed_into_place_leaves_the_old_one(tmp_path: Path, monkeypatch) -> None:
    """The new part is written beside the old and renamed over it: a failure before the rename changes nothing."""
    path = write_export(tmp_path / "a.export.CSV", [export_line(GLOBALEVENTID="1")])
    _import(tmp_path, path)
    write_export(path, [export_line(GLOBALEVENTID="2")])

    def refuse(self: Path, target: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        _import(tmp_path, path)
    monkeypatch.undo()
    assert read_events(tmp_path / "data")["global_event_id"].tolist() == [1]
    assert sorted(part.name for part in layer_dir(tmp_path / "data").iterdir()) == [".lock", "a.export.parquet"]


@pytest.mark.parametrize(
    ("environ", "root"),
    [
        ({}, "/srv/data"),
        ({EVENTS_ENV: ""}, "/srv/data"),
        ({EVENTS_ENV: "/srv/team-events"}, "/srv/team-events"),
        ({EVENTS_ENV: "/srv/team-events", "LIAISON_DATA": "postgresql://u@h/db"}, "/srv/team-events"),
    ],
)
def test_the_events_root_is_liaison_events_else_the_stores_local_folder(environ: dict, root: str) -> None:
    assert events_root(Path("/srv/data"), environ) == Path(root)


def test_only_an_import_needs_liaison_events_to_be_writable(tmp_path: Path) -> None:
    """Listing reads what may be there; importing makes the layer's folder, or says why it cannot."""
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    below_a_file = {EVENTS_ENV: str(tmp_path / "a-file" / "events")}
    assert checked_events_root(tmp_path, below_a_file) == tmp_path / "a-file" / "events"
    with pytest.raises(EventsRootError, match=f"^{EVENTS_ENV}=.*a-file/events: cannot write"):
        checked_events_root(tmp_path, below_a_file, writing=True)
    with pytest.raises(EventsRootError, match="is a file, not a folder"):
        checked_events_root(tmp_path, {EVENTS_ENV: str(tmp_path / "a-file")})
    fresh = {EVENTS_ENV: str(tmp_path / "new" / "events")}
    assert checked_events_root(tmp_path, fresh, writing=True) == tmp_path / "new" / "events"
    assert layer_dir(tmp_path / "new" / "events").is_dir()


def test_a_refused_events_root_names_the_place_and_the_problem_for_a_page_to_word(tmp_path: Path) -> None:
    """The dashboard words the refusal in its reader's language from these, not from the English message."""
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(EventsRootError) as not_a_folder:
        checked_events_root(tmp_path, {EVENTS_ENV: str(tmp_path / "a-file")})
    assert (not_a_folder.value.root, not_a_folder.value.problem) == (tmp_path / "a-file", NOT_A_FOLDER)
    with pytest.raises(EventsRootError) as not_writable:
        checked_events_root(tmp_path, {EVENTS_ENV: str(tmp_path / "a-file" / "events")}, writing=True)
    assert (not_writable.value.root, not_writable.value.problem) == (tmp_path / "a-file" / "events", NOT_WRITABLE)
