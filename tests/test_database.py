"""The PostgreSQL store: one transaction per save, so a killed writer leaves no trace; clear refusals.

What both stores promise alike is in test_stores.py; here is what only a database can get wrong.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EDITOR, mini_tables, write_tables
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from test_stores import with_meeting

from liaison.__main__ import main
from liaison.dataset.database import DatabaseError, DatabaseStore, shown_url
from liaison.dataset.files import PAUSE_ENV, FolderBusyError
from liaison.dataset.stores import FolderStore, copy

REPO = Path(__file__).resolve().parent.parent

# A real saver in its own process: once released on stdin, adds one meeting through the store, pausing at each step.
WRITER = """
import os, sys
from liaison.dataset.access import Editor
from liaison.dataset.stores import open_store
from test_stores import with_meeting

print("ready", flush=True)
os.read(0, 1)
store = open_store(sys.argv[1])
saved = store.save_with_retry(lambda frames: with_meeting(frames, "killed"), "add killed", Editor("t:w", "w", "none"))
print(f"saved {saved.revision}", flush=True)
"""


@pytest.fixture
def database(database_url: str, tmp_path: Path) -> DatabaseStore:
    store = DatabaseStore(database_url)
    copy(FolderStore(write_tables(tmp_path / "data", mini_tables())), store, EDITOR)
    return store


def start_writers(urls: list[str]) -> list[subprocess.Popen]:
    """A paused writer per URL, all started before any is awaited (their imports share both cores), each ready."""
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url],
            cwd=REPO / "tests",
            env={**os.environ, PAUSE_ENV: "1", "PYTHONPATH": str(REPO)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for url in urls
    ]
    for writer in writers:
        assert writer.stdout.readline() == b"ready\n", writer.stderr.read().decode()
    return writers


def release(writer: subprocess.Popen) -> None:
    writer.stdin.write(b"\n")
    writer.stdin.flush()


def steps_of_one_save(writer: subprocess.Popen) -> list[str]:
    release(writer)
    steps = []
    while (line := writer.stdout.readline().decode()).startswith("step "):
        steps.append(line.removeprefix("step ").strip())
        writer.stdin.write(b"\n")
        writer.stdin.flush()
    assert line.startswith("saved "), writer.stderr.read().decode()
    assert writer.wait(timeout=60) == 0
    return steps


@pytest.mark.endurance
def test_a_writer_killed_at_any_step_of_its_transaction_changes_nothing(
    database: DatabaseStore, tmp_path, request
) -> None:
    before, log_before = database.revision(), database.read_log()
    probe = DatabaseStore(_sibling(database.url, tmp_path, "probe"))
    expected = ["replace meetings", "replace participants", "replace topics", "replace evidence", "commit"]
    watcher, *writers = started = start_writers([probe.url] + [database.url] * len(expected))
    request.addfinalizer(lambda: [writer.kill() for writer in started if writer.poll() is None])
    assert steps_of_one_save(watcher) == expected
    for number, writer in enumerate(writers):
        release(writer)
        for _ in range(number + 1):
            assert writer.stdout.readline().startswith(b"step ")
            if _ < number:
                writer.stdin.write(b"\n")
                writer.stdin.flush()
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
        assert database.revision() == before and database.read_log() == log_before
        assert not database.snapshot().problems
    assert "killed" in set(probe.load().meetings["meeting_id"])


def _sibling(url: str, tmp_path: Path, name: str) -> str:
    """Another database on the same server, filled with the same dataset (to watch one save through)."""
    admin = create_engine(make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    database = f"{make_url(url).database}_{name}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {database}")
    admin.dispose()
    sibling = make_url(url).set(database=database).render_as_string(hide_password=False)
    copy(FolderStore(write_tables(tmp_path / name, mini_tables())), DatabaseStore(sibling), EDITOR)
    return sibling


def test_a_save_waits_for_the_store_and_gives_up_with_a_reason(database: DatabaseStore) -> None:
    """A writer holding the lock (the state row) makes the next one wait, then refuse: nothing written."""
    impatient = DatabaseStore(database.url, lock_timeout=0.5)
    base = database.snapshot()
    holder = create_engine(make_url(database.url).set(drivername="postgresql+psycopg"))
    with holder.connect() as conn, conn.begin():
        conn.exec_driver_sql("SELECT id FROM liaison_state FOR UPDATE")
        with pytest.raises(FolderBusyError, match="held the lock"):
            impatient.save(with_meeting(base.frames, "late"), base.revision, "late", EDITOR)
    holder.dispose()
    assert database.revision() == base.revision


def test_an_unreachable_server_is_named_without_its_password() -> None:
    store = DatabaseStore("postgresql://someone:secret@127.0.0.1:9/nowhere")
    with pytest.raises(DatabaseError) as refused:
        store.snapshot()
    assert "cannot reach postgresql://someone:***@127.0.0.1:9/nowhere" in str(refused.value)
    assert "secret" not in str(refused.value)


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("postgresql://u:pw@host:abc/db", "postgresql://u:***@host:abc/db: the port 'abc' is not a number"),
        ("postgres://u:pw@[::1]:5x/db?sslmode=require", "postgres://u:***@[::1]:5x/db?sslmode=require: the port '5x'"),
        ("postgresql://u@host:/db", "postgresql://u@host:/db: the port '' is not a number"),
    ],
)
@pytest.mark.parametrize("command", ["validate --data {url}", "meetings --data {url}", "copy {folder} {url}"])
def test_a_port_that_is_not_a_number_is_one_line_naming_the_url_without_its_password(
    url: str, said: str, command: str, mini_folder: Path, capsys
) -> None:
    """Not Python's "invalid literal for int() with base 10": the URL as typed, password hidden, and its port."""
    assert main(command.format(url=url, folder=mini_folder).split()) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {said}") and error.count("\n") == 1, error
    assert "(postgresql://user@host:5432/database)" in error
    assert "pw" not in error and "int()" not in error


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:pw@host:5432/db", "postgresql://u:***@host:5432/db"),
        ("postgresql://u:pw@host:abc/db", "postgresql://u:***@host:abc/db"),
        ("postgresql://u:p/w@host:abc/db", "postgresql://u:***@host:abc/db"),
        ("postgresql://u@host:abc/db", "postgresql://u@host:abc/db"),
        ("postgresql://host:abc", "postgresql://host:abc"),
    ],
)
def test_a_url_is_shown_with_its_password_hidden_even_when_it_cannot_be_read(url: str, shown: str) -> None:
    assert shown_url(url) == shown


def test_an_empty_database_says_how_to_fill_it(database_url: str) -> None:
    with pytest.raises(DatabaseError, match=r"holds no Liaison dataset: copy one in with `python -m liaison copy"):
        DatabaseStore(database_url).load()
    assert not DatabaseStore(database_url).holds_dataset()


@pytest.mark.parametrize("read", ["stamp", "validate", "load", "snapshot"])
def test_every_read_of_an_empty_database_gives_the_stores_message(read: str, database_url: str) -> None:
    """The stamp, read on every rerun of the dashboard, says what `validate` says of a database without Liaison's
    tables (password hidden), rather than PostgreSQL's "relation liaison_state does not exist"."""
    url = make_url(database_url).set(password="secret").render_as_string(hide_password=False)
    store = DatabaseStore(url)
    with pytest.raises(DatabaseError) as refused:
        getattr(store, read)()
    assert str(refused.value) == (
        f"{store.location} holds no Liaison dataset: copy one in with `python -m liaison copy data/ {store.location}`"
    )
    assert "***" in store.location and "secret" not in str(refused.value)
