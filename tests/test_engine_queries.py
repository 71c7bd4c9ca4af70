"""The engine's Ibis queries answer exactly what the in-memory view answers, on DuckDB and on Spark.

Every case runs each query (the selection in file order, the meeting table newest first, the
headline, meetings per month, per state, per venue, per topic) on an engine and compares the
result with the in-memory function's, on the hand-made dataset whose answers are known, the
bundled data and a generated folder of the benchmark's shape. DuckDB runs every case; Spark
(a JVM, marked `spark`, run by `make test-engines`) a few that cover every rule.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import math
from pathlib import Path

import pandas as pd
import pytest
from conftest import mini_tables, write_tables

from liaison.__main__ import main
from liaison.dataset.store import DEFAULT_DATA_DIR, Dataset, load_dataset
from liaison.engine import answers
from liaison.engine.tables import hand_over
from liaison.view.activity import state_activity, venue_activity
from liaison.view.filters import Filters
from liaison.view.query import headline, meetings_per_month, select
from liaison.view.stored_table import filter_meetings
from liaison.view.topics import topic_counts

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
# Ibis 12 calls APIs that DuckDB 2.0 and pandas 3.1 deprecate, thousands of times a run.
pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The 'future.infer_string' option is deprecated"),
]

MINI = [
    Filters(),
    Filters(countries=("QAT",)),
    Filters(countries=("AUT",)),
    Filters(countries=("QAT", "SAU")),
    Filters(regions=("Western Asia",)),
    Filters(regions=("Europe",)),
    Filters(blocs=("CSTO",)),
    Filters(formats=("bilateral",)),
    Filters(topics=("terrorism", "intelligence-cooperation")),
    Filters(text="CYBER"),
    Filters(text="titre moscow"),
    Filters(month_from="2025-05", month_to="2025-05"),
    Filters(month_from="2024-04", month_to="2024-04"),
    Filters(month_from="2024-03"),
    Filters(month_to="2024-02"),
    Filters(countries=("QAT",), formats=("bilateral",), month_from="2025-05"),
    Filters(countries=("RUS",), topics=("intelligence-cooperation",)),
    Filters(countries=("ESP",)),
]
BUNDLED = [
    Filters(),
    Filters(countries=("RUS",)),
    Filters(blocs=("SCO",)),
    Filters(regions=("Western Asia",), formats=("bilateral",)),
    Filters(month_from="2020-01", month_to="2022-12"),
    Filters(text="moscou"),
    Filters(text="Vienna", topics=("terrorism",)),
]
SYNTHETIC = [
    Filters(),
    Filters(formats=("bilateral",)),
    Filters(countries=("FRA", "QAT")),
    Filters(countries=("NOPE",)),
    Filters(month_from="2020-03", month_to="2021-06"),
    Filters(month_from="2023-01"),
    Filters(month_to="2016-12"),
    Filters(regions=("Europe",)),
    Filters(regions=("Western Asia", "Africa")),
    Filters(blocs=("CSTO",)),
    Filters(blocs=("EU", "GCC")),
    Filters(topics=("terrorism", "cybercrime")),
    Filters(text="réunion à paris"),
    Filters(countries=("RUS",), formats=("multilateral",), month_from="2019-01", topics=("terrorism",)),
]
# Spark starts a JVM and takes about a second a query: a few cases that between them use every rule.
SPARK = {
    "mini": [MINI[0], MINI[6], MINI[10], MINI[15]],
    "synthetic": [SYNTHETIC[8], SYNTHETIC[13]],
}


def _label(data: str, filters: Filters) -> str:
    return f"{data}-{json.dumps(filters.to_params(), ensure_ascii=False)}"


CASES = [
    *(pytest.param("duckdb", "mini", f, id=_label("duckdb-mini", f)) for f in MINI),
    *(pytest.param("duckdb", "bundled", f, id=_label("duckdb-bundled", f)) for f in BUNDLED),
    *(pytest.param("duckdb", "synthetic", f, id=_label("duckdb-synthetic", f)) for f in SYNTHETIC),
    *(
        pytest.param("pyspark", data, f, id=_label(f"pyspark-{data}", f), marks=pytest.mark.spark)
        for data, cases in SPARK.items()
        for f in cases
    ),
]


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    """The mini dataset, the bundled data, and 400 generated meetings of the benchmark's shape, as folders."""
    spec = importlib.util.spec_from_file_location("synthetic", SCRIPTS / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generated = tmp_path_factory.mktemp("engine") / "meetings-400"
    module.write_folder(400, generated)
    return {
        "mini": write_tables(tmp_path_factory.mktemp("engine-mini") / "data", mini_tables()),
        "bundled": DEFAULT_DATA_DIR,
        "synthetic": generated,
    }


@pytest.fixture(scope="module")
def datasets(folders) -> dict[str, Dataset]:
    return {name: load_dataset(folder) for name, folder in folders.items()}


@pytest.fixture(scope="module")
def handed_over(request, datasets):
    """(engine, tables) per engine and dataset, each dataset handed to each engine once."""
    made: dict[tuple[str, str], tuple] = {}

    def get(kind: str, data: str):
        if (kind, data) not in made:
            engine = request.getfixturevalue({"duckdb": "duckdb_engine", "pyspark": "spark_engine"}[kind])
            made[kind, data] = engine, hand_over(engine, datasets[data])
        return made[kind, data]

    return get


def plain(value: object) -> object:
    """A value as comparable across engines: missing is None, arrays are tuples, dates are Timestamps."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, list | tuple):
        return tuple(value)
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return pd.Timestamp(value)
    if hasattr(value, "item"):
        return value.item()
    return value


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    return [{name: plain(row[name]) for name in columns} for _, row in frame.iterrows()]


@pytest.mark.parametrize(("kind", "data", "filters"), CASES)
def test_the_engine_answers_as_the_in_memory_view(kind, data, filters, datasets, handed_over) -> None:
    """Same meetings in the same order, same meeting table, headline, months, states, venues and topics."""
    ds = datasets[data]
    engine, tables = handed_over(kind, data)
    ids = select(ds, filters)
    assert list(answers.meeting_ids(engine, tables, filters)) == list(ids)

    expected = filter_meetings(ds, filters)
    got = answers.meeting_rows(engine, tables, filters)
    assert list(got.columns) == list(expected.columns)
    assert records(got, list(expected.columns)) == records(expected, list(expected.columns))

    assert answers.headline_figures(engine, tables, filters) == dataclasses.asdict(headline(expected))
    months = ["month", "format", "meetings"]
    assert records(answers.monthly_counts(engine, tables, filters), months) == records(
        meetings_per_month(expected), months
    )
    states = ["iso3", "meetings", "roles", "latest_meeting_id"]
    assert records(answers.state_counts(engine, tables, filters), states) == records(state_activity(ds, ids), states)
    venues = ["venue_id", "meetings", "multilateral", "bilateral"]
    assert records(answers.venue_counts(engine, tables, filters), venues) == records(venue_activity(ds, ids), venues)
    topics = ["topic_id", "meetings", "share"]
    assert records(answers.topic_shares(engine, tables, filters), topics) == records(topic_counts(ds, ids), topics)


def _cli_json(monkeypatch, capsys, engine: str | None, arguments: list[str]) -> str:
    if engine:
        monkeypatch.setenv("LIAISON_ENGINE", engine)
    else:
        monkeypatch.delenv("LIAISON_ENGINE", raising=False)
    assert main(["meetings", *arguments, "--json"]) == 0
    return capsys.readouterr().out


CLI_CASES = [
    [],
    ["--country", "rus", "qat"],
    ["--from", "2020-01", "--to", "2023-06", "--format", "multilateral"],
    ["--bloc", "GCC", "--q", "réunion"],
    ["--country", "ZZZ"],
]


@pytest.mark.parametrize("arguments", CLI_CASES, ids=[" ".join(case) or "all" for case in CLI_CASES])
@pytest.mark.parametrize("data", ["bundled", "synthetic"])
def test_the_command_line_prints_the_same_bytes_through_duckdb(monkeypatch, capsys, folders, data, arguments) -> None:
    """`LIAISON_ENGINE=duckdb python -m liaison meetings … --json` prints byte for byte what the default does."""
    arguments = ["--data", str(folders[data]), *arguments]
    default = _cli_json(monkeypatch, capsys, None, arguments)
    assert _cli_json(monkeypatch, capsys, "duckdb", arguments) == default


@pytest.mark.spark
def test_the_command_line_prints_the_same_bytes_through_spark(monkeypatch, capsys, spark_engine) -> None:
    """Through a local SparkSession too, on the bundled data."""
    arguments = ["--data", str(DEFAULT_DATA_DIR), "--region", "Western Asia"]
    default = _cli_json(monkeypatch, capsys, None, arguments)
    assert _cli_json(monkeypatch, capsys, "pyspark", arguments) == default
    assert len(json.loads(default)["meetings"]) > 5


def test_a_url_engine_reads_the_tables_already_there(tmp_path, monkeypatch, capsys, folders, datasets) -> None:
    """A team's database holding `liaison_<table>` tables is read where it is (not handed over), same bytes.

    A DuckDB file stands in for Trino or BigQuery: the URL path (`ibis.connect`, tables not
    handed over) is the same, and it runs here.
    """
    import duckdb

    from liaison.engine.tables import arrow_tables

    database = tmp_path / "team.duckdb"
    with duckdb.connect(str(database)) as con:
        for name, table in arrow_tables(datasets["synthetic"]).items():
            con.register("incoming", table)
            con.execute(f"CREATE TABLE liaison_{name} AS SELECT * FROM incoming")
            con.unregister("incoming")
    # Ibis writes array lambdas the way DuckDB 2.0 accepts only when asked (see backends.open_duckdb).
    url = f"duckdb://{database}?lambda_syntax=ENABLE_SINGLE_ARROW"
    for arguments in (["--country", "FRA"], ["--bloc", "EU", "--from", "2022-01"]):
        default = _cli_json(monkeypatch, capsys, None, ["--data", str(folders["synthetic"]), *arguments])
        # The meetings come from the database, whatever folder is named: the data lives there.
        assert _cli_json(monkeypatch, capsys, url, ["--data", str(folders["mini"]), *arguments]) == default
        assert len(json.loads(default)["meetings"]) > 3
