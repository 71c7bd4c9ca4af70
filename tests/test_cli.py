"""The command line: exit codes and output a scheduled job can rely on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from liaison.__main__ import main
from liaison.extract.draft import DRAFT_FIELDS

REPO = Path(__file__).resolve().parent.parent


def test_validate_prints_a_one_line_summary_for_a_valid_folder(mini_folder: Path, capsys) -> None:
    assert main(["validate", "--data", str(mini_folder)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("OK: ") and "6 meetings" in out[0]


def test_validate_prints_one_line_per_problem_and_exits_1(mini_folder: Path, capsys) -> None:
    path = mini_folder / "meetings.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2025-05-07", "2025-05-05", 1), encoding="utf-8")
    assert main(["validate", "--data", str(mini_folder)]) == 1
    assert capsys.readouterr().out.strip().splitlines() == [
        "meetings.csv:2:end_date: ends before start_date (2025-05-05 < 2025-05-06)"
    ]


def test_the_data_folder_comes_from_the_environment(mini_folder: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LIAISON_DATA", str(mini_folder))
    assert main(["validate"]) == 0
    assert str(mini_folder) in capsys.readouterr().out


def test_a_missing_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "liaison", "meetings", "--data", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "meetings.csv: file is missing" in result.stderr


def test_meetings_json_lists_the_matching_meetings(mini_folder: Path, capsys) -> None:
    code = main(
        [
            "meetings",
            "--data",
            str(mini_folder),
            "--country",
            "qat",
            "--from",
            "2025-05",
            "--to",
            "2025-05",
            "--format",
            "bilateral",
            "--json",
        ]
    )
    assert code == 0
    meetings = json.loads(capsys.readouterr().out)["meetings"]
    assert meetings == [
        {
            "id": "vienna-mar-qat",
            "title": "Morocco and Qatar meet in Vienna",
            "start_date": "2025-05-06",
            "end_date": "2025-05-07",
            "date_precision": "day",
            "venue": "Vienna International Centre",
            "city": "Vienna",
            "country": "AUT",
            "format": "bilateral",
            "participants": ["MAR", "QAT"],
            "topics": ["intelligence-cooperation"],
            "parent": "vienna-22",
        }
    ]


def test_meetings_table_has_one_line_per_meeting(mini_folder: Path, capsys) -> None:
    assert main(["meetings", "--data", str(mini_folder), "--bloc", "CSTO"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.strip().splitlines()) == 2 and "2 meeting(s)" in captured.err


def test_a_bad_month_is_refused_with_its_reason(mini_folder: Path, capsys) -> None:
    assert main(["meetings", "--data", str(mini_folder), "--from", "2025-13"]) == 1
    assert "from: '2025-13' is not a month (YYYY-MM)" in capsys.readouterr().err


def test_export_writes_a_captioned_figure_for_the_filters(mini_folder: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "briefing" / "timeline.png"
    code = main(
        [
            "export",
            "--data",
            str(mini_folder),
            "--figure",
            "timeline",
            "--out",
            str(out),
            "--country",
            "QAT",
            "--lang",
            "fr",
        ]
    )
    assert code == 0 and out.read_bytes().startswith(b"\x89PNG")
    assert capsys.readouterr().out.strip() == f"{out}: timeline (png), 2 meeting(s)"
    assert not list(out.parent.glob(".*"))  # no temporary file left behind


def test_export_needs_a_known_image_format(mini_folder: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", "--data", str(mini_folder), "--figure", "map", "--out", str(tmp_path / "map.docx")]) == 1
    assert "say the format with --format (png, svg, pdf)" in capsys.readouterr().err
    assert not (tmp_path / "map.docx").exists()


ARTICLE = (
    "source: https://press.example.org/rabat-talks\npublished: 2025-03-12\n\n"
    "Rabat, 12 mars 2025 - Le directeur général de la sûreté nationale marocaine s'est entretenu mardi à Rabat "
    "avec le chef du renseignement qatari. Les deux responsables ont évoqué la lutte contre le terrorisme.\n"
)


def test_extract_prints_the_labels_shape(tmp_path: Path, capsys) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["language"] == "fr" and result["meetings"]
    assert tuple(result["meetings"][0]) == DRAFT_FIELDS


def test_ingest_asks_before_saving_then_saves_with_yes(mini_folder: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    before = (mini_folder / "meetings.csv").read_bytes()
    assert main(["ingest", str(path), "--data", str(mini_folder)]) == 0
    assert "nothing saved" in capsys.readouterr().err and (mini_folder / "meetings.csv").read_bytes() == before
    assert main(["ingest", str(path), "--data", str(mini_folder), "--yes"]) == 0
    assert "from press.example.org" in capsys.readouterr().out
    assert main(["validate", "--data", str(mini_folder)]) == 0
    assert list((mini_folder / "articles").glob("*.txt"))


def test_ingest_refuses_a_binary_file_and_changes_nothing(mini_folder: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    before = (mini_folder / "meetings.csv").read_bytes()
    assert main(["ingest", str(path), "--data", str(mini_folder), "--yes"]) == 1
    assert "binary file" in capsys.readouterr().err and (mini_folder / "meetings.csv").read_bytes() == before


def test_ingest_says_when_a_text_has_no_meeting(mini_folder: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text("Mix flour, eggs and milk; rest the batter for an hour before cooking.", encoding="utf-8")
    assert main(["ingest", str(path), "--data", str(mini_folder), "--yes"]) == 1
    assert "no meeting found" in capsys.readouterr().err


def _rows(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_ingest_reports_and_skips_meetings_already_recorded(shared: Path, tmp_path: Path, capsys) -> None:
    """The Vienna article's six meetings are all in the bundled data: `--yes` saves none and says so."""
    data = shutil.copytree(REPO / "data", tmp_path / "data")
    before = _rows(data / "meetings.csv")
    article = str(shared / "seeds" / "004_da8b90398754ecf0.txt")
    assert main(["ingest", article, "--data", str(data), "--yes"]) == 0
    captured = capsys.readouterr()
    reported = [line for line in captured.out.splitlines() if line.startswith("already recorded as ")]
    assert len(reported) == 6
    assert "already recorded as 2025-05-vienna-mar-qat: Morocco–Qatar bilateral security talks" in captured.out
    assert "nothing saved: all 6 meeting(s) are already recorded" in captured.err
    assert _rows(data / "meetings.csv") == before and not (data / "articles").exists()
    assert main(["ingest", article, "--data", str(data), "--yes", "--allow-duplicates"]) == 0
    assert "saved 6 meeting(s)" in capsys.readouterr().out
    assert _rows(data / "meetings.csv") == before + 6
    assert main(["validate", "--data", str(data)]) == 0


def test_copy_moves_a_folder_into_a_database_that_then_answers_the_same(
    mini_folder: Path, database_url: str, capsys
) -> None:
    assert main(["copy", str(mini_folder), database_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("copied ") and f" to {database_url}: revision " in out
    assert main(["validate", "--data", database_url]) == 0
    assert "6 meetings" in capsys.readouterr().out
    assert main(["meetings", "--data", database_url, "--country", "RUS", "--json"]) == 0
    from_database = json.loads(capsys.readouterr().out)
    assert main(["meetings", "--data", str(mini_folder), "--country", "RUS", "--json"]) == 0
    assert from_database == json.loads(capsys.readouterr().out)


def test_copy_refuses_a_target_that_holds_a_dataset_and_an_invalid_source(mini_folder: Path, tmp_path, capsys) -> None:
    assert main(["copy", str(mini_folder), str(mini_folder)]) == 1
    assert "already holds a dataset: copy into an empty store" in capsys.readouterr().err
    path = mini_folder / "meetings.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2025-05-07", "2025-05-05", 1), encoding="utf-8")
    assert main(["copy", str(mini_folder), str(tmp_path / "copy")]) == 1
    assert "meetings.csv:2:end_date: ends before start_date" in capsys.readouterr().err
    assert not (tmp_path / "copy").exists()
