"""The command line of the feed: `gdelt` imports exports with progress and a summary, `candidates` lists them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from gdelt_rows import event_code, export_line, sample_file, write_export

from liaison.__main__ import main
from liaison.feed.events import EVENTS_ENV

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _layer_in_the_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the layer in the data folder: a LIAISON_EVENTS of the shell running them is not theirs."""
    monkeypatch.delenv(EVENTS_ENV, raising=False)


def _exports(tmp_path: Path) -> list[Path]:
    """Two exports: RUS hosts TUR in Sochi (two days, two sites), and QAT visits AUT (ids 3-5); one of each is noise."""
    first = write_export(
        tmp_path / "20250506120000.export.CSV",
        [
            export_line(GLOBALEVENTID="1", SQLDATE="20250506", SOURCEURL="https://a.example/1"),
            export_line(GLOBALEVENTID="2", SQLDATE="20250507", SOURCEURL="https://b.example/2"),
            export_line(GLOBALEVENTID="9", Actor1CountryCode="EUR"),
        ],
    )
    second = write_export(
        tmp_path / "20250601120000.export.CSV.zip",
        [
            export_line(
                GLOBALEVENTID=str(n),
                SQLDATE="20250601",
                Actor1CountryCode="QAT",
                Actor2CountryCode="AUT",
                ActionGeo_FullName="Vienna, Wien, Austria",
                ActionGeo_CountryCode="AU",
                ActionGeo_FeatureID="-1995499",
                **event_code("042"),
            )
            for n in (3, 4, 5)
        ]
        + [export_line(GLOBALEVENTID="10", **event_code("190"))],
    )
    return [first, second]


def test_gdelt_imports_with_a_line_per_file_and_a_summary(mini_folder: Path, tmp_path: Path, capsys) -> None:
    files = _exports(tmp_path)
    assert main(["gdelt", *map(str, files), "--data", str(mini_folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{files[0]}: 3 rows, 2 kept (") and out[1].startswith(f"{files[1]}: 4 rows, 3 kept (")
    assert out[2:] == [
        "2 file(s): 7 rows read, 5 kept, 2 dropped",
        "  dropped, event code not selected: 1",
        "  dropped, regional code: 1",
        "candidate meetings: 2, kept for the dashboard",
        f"events stored: 5 in {mini_folder / 'feed' / 'gdelt' / 'events'}",
    ]


def test_gdelt_again_stores_nothing_twice(mini_folder: Path, tmp_path: Path, capsys) -> None:
    files = [str(path) for path in _exports(tmp_path)]
    main(["gdelt", *files, "--data", str(mini_folder)])
    capsys.readouterr()
    assert main(["gdelt", *files, "--data", str(mini_folder)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("events stored: 5 in ")


def test_gdelt_reports_a_file_that_is_not_an_export_and_imports_the_rest(tmp_path: Path) -> None:
    """No traceback: one line naming the file and line, exit status 1, and the good file is stored."""
    good = write_export(tmp_path / "a.export.CSV", [export_line()])
    gkg = write_export(tmp_path / "b.gkg.csv", ["\t".join(["x"] * 27)])
    result = subprocess.run(
        [sys.executable, "-m", "liaison", "gdelt", str(gkg), str(good), "--data", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"error: {gkg}:1: 27 tab-separated field(s), a GDELT 2.0 event export has 61"
        " (this looks like a GDELT GKG file)",
        "1 file(s) not imported (not GDELT 2.0 event exports)",
    ]
    assert result.stdout.splitlines()[-1] == f"events stored: 1 in {tmp_path / 'data' / 'feed' / 'gdelt' / 'events'}"


def test_gdelt_refuses_codes_that_are_not_codes(tmp_path: Path, capsys) -> None:
    assert main(["gdelt", str(tmp_path / "a.CSV"), "--data", str(tmp_path), "--codes", "consult"]) == 1
    assert "--codes: 'consult' is not a list of CAMEO event codes" in capsys.readouterr().err


def _candidates(folder: Path, capsys, *options: str) -> list[dict]:
    assert main(["candidates", "--data", str(folder), "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)["candidates"]


def test_candidates_json_lists_each_cluster_with_its_articles(mini_folder: Path, tmp_path: Path, capsys) -> None:
    main(["gdelt", *map(str, _exports(tmp_path)), "--data", str(mini_folder)])
    capsys.readouterr()
    found = _candidates(mini_folder, capsys)
    assert [(c["id"], c["start_date"], c["end_date"], c["host"], c["rows"]) for c in found] == [
        ("gdelt-20250601-AUT-QAT--1995499", "2025-06-01", "2025-06-01", "AUT", 3),
        ("gdelt-20250506-RUS-TUR--2980000", "2025-05-06", "2025-05-07", "RUS", 2),
    ]
    sochi = found[1]
    assert sochi["states"] == ["RUS", "TUR"] and sochi["precision"] == "city" and sochi["place_country"] == "RUS"
    assert (sochi["sources"], sochi["urls"]) == (2, 2) and sorted(sochi["articles"]) == [
        "https://a.example/1",
        "https://b.example/2",
    ]
    assert sochi["machine_coded"] is True


def test_candidates_take_the_filters_of_meetings(mini_folder: Path, tmp_path: Path, capsys) -> None:
    """Country (a state or the place's country), period, region and bloc from the data folder, format, topic."""
    main(["gdelt", *map(str, _exports(tmp_path)), "--data", str(mini_folder)])
    capsys.readouterr()

    def ids(*options: str) -> list[str]:
        return [candidate["id"][6:22] for candidate in _candidates(mini_folder, capsys, *options)]

    assert ids("--country", "tur") == ["20250506-RUS-TUR"]
    assert ids("--country", "AUT") == ["20250601-AUT-QAT"]
    assert ids("--from", "2025-06") == ["20250601-AUT-QAT"]
    assert ids("--to", "2025-05") == ["20250506-RUS-TUR"]
    assert ids("--region", "Africa") == []
    assert ids("--region", "Western Asia") == ["20250601-AUT-QAT"]
    assert ids("--bloc", "CSTO") == ["20250506-RUS-TUR"]
    assert ids("--format", "multilateral") == []
    assert ids("--topic", "counter-terrorism") == []
    assert ids("--q", "VIENNA") == ["20250601-AUT-QAT"]


def test_candidates_table_says_they_are_machine_coded(mini_folder: Path, tmp_path: Path, capsys) -> None:
    main(["gdelt", *map(str, _exports(tmp_path)), "--data", str(mini_folder)])
    capsys.readouterr()
    assert main(["candidates", "--data", str(mini_folder), "--country", "QAT"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "2025-06-01  AUT-QAT  host AUT  city     3 rows, 1 source(s), 1 URL(s)  Vienna, Wien, Austria"
    ]
    assert captured.err.strip() == "1 candidate meeting(s), machine-coded and unverified"


def test_candidates_without_an_events_layer_say_how_to_import(mini_folder: Path, capsys) -> None:
    assert main(["candidates", "--data", str(mini_folder)]) == 0
    err = capsys.readouterr().err
    assert "no GDELT events in" in err and "python -m liaison gdelt FILE..." in err
    assert err.strip().endswith("0 candidate meeting(s), machine-coded and unverified")


def test_the_real_sample_through_the_command_line(shared: Path, mini_folder: Path, capsys) -> None:
    assert main(["gdelt", str(sample_file(shared)), "--data", str(mini_folder)]) == 0
    out = capsys.readouterr().out
    assert "1 file(s): 1000 rows read, 81 kept, 919 dropped" in out
    found = _candidates(mini_folder, capsys)
    assert len(found) == 33 and sum(candidate["rows"] for candidate in found) == 56
    assert all(candidate["articles"] for candidate in found)


def test_candidates_read_the_layers_cache_as_the_dashboard_does(
    mini_folder: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    """At ten million events clustering again on every call peaked near 5 GB: the default codes read the cache."""
    import liaison.__main__ as cli

    main(["gdelt", *map(str, _exports(tmp_path)), "--data", str(mini_folder)])
    capsys.readouterr()
    clustered = _candidates(mini_folder, capsys)  # builds the cache, once
    monkeypatch.setattr(cli, "cluster_events", lambda *args: (_ for _ in ()).throw(AssertionError("clustered")))
    assert _candidates(mini_folder, capsys) == clustered
    monkeypatch.undo()
    assert main(["candidates", "--data", str(mini_folder), "--json", "--codes", "043"]) == 0  # other codes: clustered
    assert [c["id"] for c in json.loads(capsys.readouterr().out)["candidates"]] != [c["id"] for c in clustered]


def test_an_import_leaves_the_candidates_built_for_the_dashboard(mini_folder: Path, tmp_path: Path, capsys) -> None:
    from liaison.feed.cache import layer_stamp, read_built, stamp_digest

    assert main(["gdelt", *map(str, _exports(tmp_path)), "--data", str(mini_folder)]) == 0
    assert read_built(mini_folder, stamp_digest(layer_stamp(mini_folder))) is not None


@pytest.mark.parametrize("command", ["gdelt", "candidates"])
def test_an_unreachable_database_is_one_line_and_nothing_is_written(command: str, tmp_path: Path) -> None:
    """`--data postgresql://…` that cannot be reached: no traceback, no password, exit status 1, and no cache
    folder for the URL (gdelt once imported into one silently, printing its path as the only clue)."""
    url = "postgresql://someone:secret@127.0.0.1:9/nowhere"
    files = list(map(str, _exports(tmp_path))) if command == "gdelt" else []
    result = subprocess.run(
        [sys.executable, "-m", "liaison", command, *files, "--data", url],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache-home")},
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("error: cannot reach postgresql://someone:***@127.0.0.1:9/nowhere: ")
    assert "secret" not in result.stderr
    assert not (tmp_path / "cache-home").exists()
