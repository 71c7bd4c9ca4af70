"""The events layer of a database store: where `gdelt` imports, `candidates` and the dashboard read, and LIAISON_EVENTS.

A database cannot hold the layer's Parquet parts, so its events root is this machine's cache
folder for it, or the folder LIAISON_EVENTS names (one folder a team's dashboard machines share).
The command line and the dashboard take it from one function, so what is imported is what is shown.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EDITOR, REPO, mini_tables, write_tables
from gdelt_rows import sample_file
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest
from test_cli_feed import _exports

from liaison.__main__ import main
from liaison.dataset.database import DatabaseStore
from liaison.dataset.stores import FolderStore, copy
from liaison.feed.events import EVENTS_ENV, layer_dir, part_files


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This machine's cache home (where a database store's local folder is), with LIAISON_EVENTS unset."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    return tmp_path / "cache-home"


@pytest.fixture
def database(database_url: str, tmp_path: Path, machine: Path) -> DatabaseStore:
    """The mini dataset in a new PostgreSQL database."""
    store = DatabaseStore(database_url)
    copy(FolderStore(write_tables(tmp_path / "source", mini_tables())), store, EDITOR)
    return store


def _candidates(data: str, capsys, *options: str) -> list[dict]:
    assert main(["candidates", "--data", data, "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)["candidates"]


def _import(data: str, files: list[Path], capsys) -> list[str]:
    assert main(["gdelt", *map(str, files), "--data", data]) == 0
    return capsys.readouterr().out.splitlines()


def test_a_database_store_imports_into_its_machine_folder_and_lists_as_a_folder_does(
    database: DatabaseStore, mini_folder: Path, machine: Path, tmp_path: Path, capsys
) -> None:
    """`gdelt --data postgresql://…` stores the layer in this machine's folder for the database, says so, and
    `candidates` with that URL lists what the same exports give a data folder; regions and blocs come from
    the database (CSTO is only there, not in the cache folder)."""
    files = _exports(tmp_path)
    out = _import(database.url, files, capsys)
    assert database.local_folder.is_relative_to(machine)
    assert out[-1] == f"events stored: 5 in {layer_dir(database.local_folder)}"
    assert len(part_files(layer_dir(database.local_folder))) == 2
    _import(str(mini_folder), files, capsys)
    for options in [(), ("--bloc", "CSTO"), ("--region", "Western Asia"), ("--country", "QAT")]:
        from_database = _candidates(database.url, capsys, *options)
        assert from_database == _candidates(str(mini_folder), capsys, *options)
    assert [c["id"] for c in _candidates(database.url, capsys, "--bloc", "CSTO")] == ["gdelt-20250506-RUS-TUR--2980000"]


def test_the_real_sample_through_a_database_store(
    shared: Path, database: DatabaseStore, mini_folder: Path, capsys
) -> None:
    """The real GDELT export sample gives a database store the 33 candidates it gives a data folder."""
    out = _import(database.url, [sample_file(shared)], capsys)
    assert "1 file(s): 1000 rows read, 81 kept, 919 dropped" in out
    found = _candidates(database.url, capsys)
    assert len(found) == 33 and sum(candidate["rows"] for candidate in found) == 56
    _import(str(mini_folder), [sample_file(shared)], capsys)
    assert found == _candidates(str(mini_folder), capsys)


def test_liaison_events_redirects_import_and_listing_for_a_database(
    database: DatabaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """With LIAISON_EVENTS the layer goes to that folder, not the machine's; another machine (another cache
    home) pointed at the same folder lists the same candidates."""
    shared_events = tmp_path / "team-events"
    monkeypatch.setenv(EVENTS_ENV, str(shared_events))
    out = _import(database.url, _exports(tmp_path), capsys)
    assert out[-1] == f"events stored: 5 in {layer_dir(shared_events)}"
    assert not layer_dir(database.local_folder).exists()
    here = _candidates(database.url, capsys)
    assert len(here) == 2
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    assert _candidates(database.url, capsys) == here
    monkeypatch.delenv(EVENTS_ENV)
    assert _candidates(database.url, capsys) == []


def test_liaison_events_redirects_a_data_folder_too(
    mini_folder: Path, machine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A folder store's layer is in the data folder unless LIAISON_EVENTS names another folder."""
    elsewhere = tmp_path / "events"
    monkeypatch.setenv(EVENTS_ENV, str(elsewhere))
    assert _import(str(mini_folder), _exports(tmp_path), capsys)[-1] == f"events stored: 5 in {layer_dir(elsewhere)}"
    assert not layer_dir(mini_folder).exists()
    assert len(_candidates(str(mini_folder), capsys, "--bloc", "CSTO")) == 1


def _mistyped(url: str, part: str) -> str:
    """The database's URL with a password (trust authentication ignores it) and one part mistyped."""
    right = make_url(url).set(password="secret")
    wrong = {"database": right.set(database=f"{right.database}_typo"), "port": right.set(port=9)}[part]
    return wrong.render_as_string(hide_password=False)


@pytest.mark.parametrize("command", ["gdelt", "candidates"])
@pytest.mark.parametrize("part", ["database", "port"])
def test_a_mistyped_database_url_is_refused_before_anything_is_written(
    command: str, part: str, database: DatabaseStore, machine: Path, tmp_path: Path, capsys
) -> None:
    """A wrong database name or port on a running server: one line naming the URL without its password and
    that the database cannot be reached, exit status 1, and no events folder, for the URL or anywhere."""
    url = _mistyped(database.url, part)
    files = list(map(str, _exports(tmp_path))) if command == "gdelt" else []
    assert main([command, *files, "--data", url]) == 1
    captured = capsys.readouterr()
    shown = make_url(url).render_as_string(hide_password=True)
    assert len(captured.err.splitlines()) == 1 and captured.err.startswith(f"error: cannot reach {shown}: ")
    assert "secret" not in captured.err and captured.out == ""
    if part == "database":
        assert f'database "{make_url(url).database}" does not exist' in captured.err
    assert not DatabaseStore(url).local_folder.exists() and not machine.exists()


@pytest.mark.parametrize("command", ["gdelt", "candidates"])
def test_a_database_without_liaison_tables_is_refused_before_anything_is_written(
    command: str, database_url: str, machine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A database the server has but Liaison never filled: said as `validate` says it, and nothing written,
    not even in the folder LIAISON_EVENTS names (an import makes that folder once the store is found)."""
    team_events = tmp_path / "team-events"
    monkeypatch.setenv(EVENTS_ENV, str(team_events))
    files = list(map(str, _exports(tmp_path))) if command == "gdelt" else []
    assert main([command, *files, "--data", database_url]) == 1
    captured = capsys.readouterr()
    how = f"copy one in with `python -m liaison copy data/ {database_url}`"
    assert captured.err.splitlines() == [f"error: {database_url} holds no Liaison dataset: {how}"]
    assert captured.out == ""
    assert not team_events.exists() and not machine.exists()
    assert main(["validate", "--data", database_url]) == 1
    assert capsys.readouterr().err == captured.err


@pytest.fixture
def stranger(database: DatabaseStore) -> Iterator[str]:
    """The database's URL for a role of the server that was granted nothing on Liaison's tables."""
    role = f"stranger_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(database.url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
    yield make_url(database.url).set(username=role, password="secret").render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP ROLE {role}")
    admin.dispose()


@pytest.mark.parametrize("command", ["gdelt", "candidates"])
def test_a_database_that_refuses_the_role_is_one_line_not_a_traceback(
    command: str, stranger: str, machine: Path, tmp_path: Path, capsys
) -> None:
    """Reached, and holding the tables, but the role may not read them: the database's reason, exit status 1."""
    files = list(map(str, _exports(tmp_path))) if command == "gdelt" else []
    assert main([command, *files, "--data", stranger]) == 1
    shown = make_url(stranger).render_as_string(hide_password=True)
    assert capsys.readouterr().err.splitlines() == [
        f"error: {shown} refused: permission denied for table liaison_state"
    ]
    assert not machine.exists()


def _page() -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.query_params["feed"] = "gdelt"
    at.switch_page("app_pages/overview.py")
    return at.run()


def _candidate_count(at: AppTest) -> list[str]:
    return [metric.value for metric in at.metric if metric.label == "Machine-coded candidates"]


def test_the_dashboard_of_a_database_reads_the_layer_the_command_line_imported(
    database: DatabaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """On one machine, without LIAISON_EVENTS: `gdelt --data URL` then the dashboard on that URL shows them."""
    _import(database.url, _exports(tmp_path), capsys)
    monkeypatch.setenv("LIAISON_DATA", database.url)
    at = _page()
    assert not at.exception
    assert _candidate_count(at) == ["2"]


def test_the_dashboard_reads_the_layer_only_under_liaison_events(
    database: DatabaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A dashboard machine pointed at the team's folder shows candidates imported from another machine."""
    from components.feed_data import layer_folder

    shared_events = tmp_path / "team-events"
    monkeypatch.setenv(EVENTS_ENV, str(shared_events))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "importing-machine"))
    _import(database.url, _exports(tmp_path), capsys)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "dashboard-machine"))
    monkeypatch.setenv("LIAISON_DATA", database.url)
    assert layer_folder() == layer_dir(shared_events)
    at = _page()
    assert not at.exception
    assert _candidate_count(at) == ["2"]
    assert not layer_dir(database.local_folder).exists(), "the dashboard does not write a layer of its own"


@pytest.mark.parametrize("command", ["gdelt", "candidates"])
def test_liaison_events_naming_a_file_is_one_line_naming_it(
    command: str, mini_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    not_a_folder = tmp_path / "events.txt"
    not_a_folder.write_text("a file\n", encoding="utf-8")
    monkeypatch.setenv(EVENTS_ENV, str(not_a_folder))
    files = [str(path) for path in _exports(tmp_path)] if command == "gdelt" else []
    assert main([command, *files, "--data", str(mini_folder)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"error: {EVENTS_ENV}={not_a_folder}: is a file, not a folder; name a folder for the events layer"
    ]
    assert captured.out == ""


def test_liaison_events_where_nothing_can_be_written_is_one_line_naming_it(
    mini_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A folder that cannot be made (its parent is a file: the tests run as root, so modes do not stop them)."""
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    unwritable = tmp_path / "a-file" / "events"
    monkeypatch.setenv(EVENTS_ENV, str(unwritable))
    assert main(["gdelt", *map(str, _exports(tmp_path)), "--data", str(mini_folder)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"error: {EVENTS_ENV}={unwritable}: cannot write the events layer there (Not a directory)"
    ]
    assert captured.out == ""
