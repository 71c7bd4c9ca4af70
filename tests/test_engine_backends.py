"""LIAISON_ENGINE: which engine opens, how it is configured, what a bad value says, and that queries queue."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from liaison.engine.backends import Engine, EngineError, engine_choice, open_engine, open_pyspark

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.filterwarnings("ignore:The 'future.infer_string' option is deprecated")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "duckdb"),
        ("", "duckdb"),
        ("DuckDB", "duckdb"),
        (" pyspark ", "pyspark"),
        ("trino://analyst@trino.internal:8080/hive/liaison", "trino://analyst@trino.internal:8080/hive/liaison"),
        ("bigquery://project/dataset", "bigquery://project/dataset"),
    ],
)
def test_the_engine_is_duckdb_unless_another_is_named(value, expected) -> None:
    assert engine_choice({} if value is None else {"LIAISON_ENGINE": value}) == expected


@pytest.mark.parametrize("value", ["oracle", "spark", "://nowhere", "duck db"])
def test_an_unknown_engine_is_refused_naming_the_variable_and_the_choices(value) -> None:
    with pytest.raises(EngineError, match=r"^LIAISON_ENGINE: .* use duckdb, pyspark or a connection URL"):
        engine_choice({"LIAISON_ENGINE": value})


def test_the_command_line_says_so_in_one_line_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "liaison", "meetings", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "LIAISON_ENGINE": "oracle"},
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error: LIAISON_ENGINE: 'oracle' is not an engine; use duckdb, pyspark or a connection URL "
        "(trino://…, bigquery://…)"
    ]


def test_a_url_for_a_backend_not_installed_names_what_to_install() -> None:
    with pytest.raises(EngineError) as refused:
        open_engine("trino://analyst@127.0.0.1:1/hive/liaison")
    expected = "LIAISON_ENGINE: the trino backend is not installed (pip install 'ibis-framework[trino]')"
    assert str(refused.value) == expected


def test_pyspark_not_installed_names_the_requirements_file(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(EngineError, match=r"^LIAISON_ENGINE=pyspark needs pyspark: pip install -r requirements-spark"):
        open_pyspark()


def test_duckdb_is_in_memory_with_a_memory_limit_and_a_spill_folder(tmp_path) -> None:
    engine = open_engine("duckdb")
    settings = engine.con.raw_sql(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory'), current_database()"
    ).fetchall()[0]
    assert re.fullmatch(r"9\d\d\.\d MiB", settings[0])  # 1 GB
    assert settings[1].endswith("liaison-duckdb") and settings[2] == "memory"
    assert engine.embedded and engine.kind == "duckdb"


def test_queries_on_one_engine_run_one_at_a_time() -> None:
    """Sessions are threads: the engine holds its lock around every query, so two never share the connection."""
    running, overlaps = [0], []

    class Backend:
        def execute(self, expr):
            running[0] += 1
            overlaps.append(running[0])
            threading.Event().wait(0.01)
            running[0] -= 1
            return expr

    engine = Engine("duckdb", Backend())
    threads = [threading.Thread(target=lambda: [engine.execute(n) for n in range(5)]) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(overlaps) == 20 and max(overlaps) == 1


def test_sessions_in_threads_get_their_own_right_answers(duckdb_engine) -> None:
    """Many threads querying the one DuckDB at once each receive the answer to their own query."""
    import ibis

    answers: dict[int, int] = {}

    def ask(n: int) -> None:
        answers[n] = int(duckdb_engine.execute(ibis.literal(n) * 2))

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {n: n * 2 for n in range(16)}


def test_the_spark_requirements_are_pinned() -> None:
    lines = [line.strip() for line in (REPO / "requirements-spark.txt").read_text().splitlines()]
    pins = [line for line in lines if line and not line.startswith(("#", "-r"))]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\],]+==[\w.]+", line) for line in pins)
    assert "-r requirements.txt" in lines
