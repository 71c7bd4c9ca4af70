"""A dataset kept in PostgreSQL, for a team that shares one store from several machines.

The same tables, cells and checks as a data folder: each table of the codebook is a SQL table
of text columns plus the row's position (row order is part of the data: it numbers meetings
and is hashed into the revision). Tables leave the database as CSV (PostgreSQL's COPY) and
are read by the folder's own parser, so a bad cell gets the same message in either store, and
the revision is the content hash of the CSV text a folder saved by Liaison would hold.

A save is one transaction. It first locks the store's single state row, so writers queue
there (the database's lock in place of the folder's lock file); under that lock it reads the
tables, checks they are still at the revision the change was prepared from and that the
result is valid, replaces them, keeps the replaced ones for undo, adds the change-log line and
the attachments, and counts one change more. A writer killed at any point, or any error, rolls
all of it back. Readers read in one REPEATABLE READ transaction, so they see the store as it
was before a save or after it, never a mix.

The engine (a pool of connections) is shared by every session's thread; each operation
checks out a connection of its own, so no connection is ever used by two threads at once.
Edit the tables through Liaison only: a change made by hand in SQL reaches running
dashboards when they restart, not at their next rerun.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    Text,
    create_engine,
    delete,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy import Table as SqlTable
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from liaison.dataset.access import Editor
from liaison.dataset.changes import (
    BATCH_LOCK_TIMEOUT_SECONDS,
    Change,
    Saved,
    Snapshot,
    StaleRevisionError,
    as_text,
    check_against,
    kept_name,
    last_undoable,
    log_entry,
    marked_undone,
    refuse_anonymous,
    refuse_attachments,
    refuse_unknown,
    revision_of_tables,
    to_csv_bytes,
)
from liaison.dataset.files import LOCK_TIMEOUT_SECONDS, FolderBusyError, pause_point
from liaison.dataset.schema import TABLES, Problem, Table
from liaison.dataset.store import (
    Dataset,
    DatasetError,
    DataVersion,
    digest_of,
    parse_text_table,
    typed_dataset,
    validate_tables,
)

PREFIX = "liaison_"
SCHEMES = ("postgresql", "postgres")
# PostgreSQL's code for "lock not available": a lock_timeout ran out.
LOCK_NOT_AVAILABLE = "55P03"
# PostgreSQL's code for "undefined table": a database Liaison's tables were never copied into.
UNDEFINED_TABLE = "42P01"
# SQLAlchemy's own reading of a URL (`sqlalchemy.engine.url._parse_url`): its password, its port.
_URL_PARTS = re.compile(
    r"""
    (?P<name>[\w\+]+)://
    (?:(?P<username>[^:/]*)(?::(?P<password>[^@]*))?@)?
    (?:(?:\[(?P<ipv6host>[^/\?]+)\]|(?P<ipv4host>[^/:\?]+))?(?::(?P<port>[^/\?]*))?)?
    """,
    re.X,
)

_metadata = MetaData()
STATE = SqlTable(
    f"{PREFIX}state",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("changes", BigInteger, nullable=False),
    Column("changed", DateTime(timezone=True), nullable=False),
)
LOG = SqlTable(
    f"{PREFIX}log",
    _metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=True),
    Column("entry", Text, nullable=False),
)
HISTORY = SqlTable(
    f"{PREFIX}history",
    _metadata,
    Column("kept", Text, primary_key=True),
    Column("file", Text, primary_key=True),
    Column("content", LargeBinary, nullable=False),
)
ATTACHMENTS = SqlTable(
    f"{PREFIX}attachments",
    _metadata,
    Column("path", Text, primary_key=True),
    Column("content", LargeBinary, nullable=False),
)
DATA = {
    name: SqlTable(
        f"{PREFIX}{name}",
        _metadata,
        Column("position", BigInteger, primary_key=True),
        *(Column(column, Text, nullable=False, server_default="") for column in table.header),
    )
    for name, table in TABLES.items()
}


class DatabaseError(OSError):
    """The database cannot be reached, or holds no Liaison dataset; the message says which and where."""


def is_database_url(location: str) -> bool:
    """Whether a data location names a PostgreSQL database rather than a folder."""
    return location.split("://", 1)[0].split("+", 1)[0] in SCHEMES if "://" in location else False


def shown_url(url: str) -> str:
    """The URL as it may be shown: the password hidden, even in a URL SQLAlchemy cannot read (its port not a number)."""
    try:
        return _shown(make_url(url))
    except ValueError:
        parts = _URL_PARTS.match(url)
        if parts is None or parts["password"] is None:
            return url
        return f"{url[: parts.start('password')]}***{url[parts.end('password') :]}"


def _parsed(url: str) -> URL:
    """The URL read by SQLAlchemy; one whose port is not a number is refused, named with its password hidden."""
    try:
        return make_url(url)
    except ValueError:  # SQLAlchemy's int() of the port
        parts = _URL_PARTS.match(url)
        port = parts["port"] if parts else ""
        raise DatabaseError(
            f"{shown_url(url)}: the port {port!r} is not a number (postgresql://user@host:5432/database)"
        ) from None


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if "+" not in parsed.drivername:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=10)


class DatabaseStore:
    """The dataset in a PostgreSQL database named by its URL (`postgresql://user@host/db`)."""

    def __init__(self, url: str, lock_timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        """Raises DatabaseError if the URL cannot be read (a port that is not a number); connects on first use."""
        _parsed(url)
        self.url = url
        self.engine = _engine(url)
        self.lock_timeout = lock_timeout

    @property
    def location(self) -> str:
        """The URL as it may be shown: the password hidden."""
        return _shown(_parsed(self.url))

    @property
    def local_folder(self) -> Path:
        """This machine's folder for the database (`$XDG_CACHE_HOME/liaison/…`): geocoder answers stay local."""
        home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return home / "liaison" / hashlib.sha256(self.location.encode()).hexdigest()[:12]

    # -- reading ------------------------------------------------------------------------------

    def holds_dataset(self) -> bool:
        """Whether the database has a Liaison dataset in it (its state row exists)."""
        with self._connected() as conn:
            if not inspect(conn).has_table(STATE.name):
                return False
            return conn.execute(select(STATE.c.id)).first() is not None

    def stamp(self) -> tuple:
        """Changes counted and when the last was made: cheap, read on every rerun to see a new save."""
        with self._connected() as conn:
            return tuple(self._state(conn))

    def snapshot(self) -> Snapshot:
        """The tables as text, their problems and their revision, read in one consistent transaction."""
        with self._reading() as conn:
            return self._snapshot(conn)

    def revision(self) -> str:
        return self.snapshot().revision

    def validate(self) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
        snap = self.snapshot()
        return snap.frames, snap.problems

    def load(self, progress: Callable[[str], None] | None = None) -> Dataset:
        """The typed dataset; raises DatasetError listing every problem if it is invalid."""
        say = progress or (lambda _message: None)
        say("reading the tables from the database")
        with self._reading() as conn:
            _, changed = self._state(conn)
            snap = self._snapshot(conn)
        if snap.problems:
            raise DatasetError(snap.problems)
        say("typing the tables")
        return typed_dataset(snap.frames, DataVersion(snap.revision, changed))

    def read_log(self) -> list[dict]:
        with self._connected() as conn:
            return marked_undone(_log_entries(conn))

    def attachment(self, path: str) -> bytes | None:
        with self._connected() as conn:
            return conn.execute(select(ATTACHMENTS.c.content).where(ATTACHMENTS.c.path == path)).scalar()

    # -- writing ------------------------------------------------------------------------------

    def save(
        self,
        replacements: Mapping[str, pd.DataFrame],
        expected_revision: str,
        summary: str,
        editor: Editor | None,
        attachments: Mapping[str, bytes] | None = None,
    ) -> Saved:
        """Replace whole tables, if the store is still at `expected_revision` and the result is valid.

        Raises StaleRevisionError, DatasetError or FolderBusyError (another save held the store
        for 30 s), and then changes nothing.
        """
        refuse_anonymous(editor)
        refuse_unknown(replacements)
        refuse_attachments(attachments or {})
        with self._writing(self.lock_timeout) as conn:
            current = self._snapshot(conn)
            if current.revision != expected_revision:
                raise StaleRevisionError(expected_revision, current.revision)
            return self._save_held(conn, current, replacements, summary, editor, attachments or {})

    def save_with_retry(
        self,
        apply_change: Change,
        summary: str,
        editor: Editor | None,
        attempts: int = 1,
        attachments: Callable[[Mapping[str, pd.DataFrame]], Mapping[str, bytes]] = lambda _: {},
    ) -> Saved:
        """Apply a change to the tables as they are and save it, in one transaction.

        The transaction holds the store's lock from reading to writing, so nobody can save in
        between and there is nothing to retry: `attempts` is accepted for the folder's interface.
        """
        refuse_anonymous(editor)
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        with self._writing(BATCH_LOCK_TIMEOUT_SECONDS) as conn:
            current = self._snapshot(conn)
            if current.problems:
                raise DatasetError(current.problems)
            replacements = apply_change(current.frames)
            refuse_unknown(replacements)
            files_saved = attachments(replacements)
            refuse_attachments(files_saved)
            return self._save_held(conn, current, replacements, summary, editor, files_saved)

    def undo(self, expected_revision: str, editor: Editor | None) -> Saved:
        """Put back the tables the last save replaced, if nobody saved since."""
        refuse_anonymous(editor)
        with self._writing(self.lock_timeout) as conn:
            current = self._snapshot(conn)
            if current.revision != expected_revision:
                raise StaleRevisionError(expected_revision, current.revision)
            last = last_undoable(marked_undone(_log_entries(conn)), current.revision)
            kept = {
                row.file: row.content
                for row in conn.execute(select(HISTORY.c.file, HISTORY.c.content).where(HISTORY.c.kept == last["kept"]))
            }
            restored = {}
            for name in last["tables"]:
                frame, problems = parse_text_table(TABLES[name], kept[TABLES[name].file])
                if frame is None:
                    raise DatasetError(problems)
                restored[name] = frame
            after = current.frames | restored
            saved = Saved(
                revision_of_tables(after), current.revision, tuple(last["tables"]), f"undo: {last['summary']}"
            )
            for name, frame in restored.items():
                pause_point(f"replace {name}")
                _replace_rows(conn, name, frame)
            _append_log(conn, log_entry(datetime.now(tz=UTC), "undo", saved, editor, last["kept"]))
            self._count_change(conn)
            return saved

    def receive(self, frames: Mapping[str, pd.DataFrame], log: list[dict], attachments: Mapping[str, bytes]) -> None:
        """Fill an empty database with a dataset (`python -m liaison copy`), in one transaction."""
        _metadata.create_all(self.engine)
        with self._writing(self.lock_timeout, create_state=True) as conn:
            for name, frame in frames.items():
                _replace_rows(conn, name, frame)
            for entry in log:
                _append_log(conn, entry)
            for path, content in attachments.items():
                conn.execute(insert(ATTACHMENTS).values(path=path, content=content))

    def attachments(self) -> dict[str, bytes]:
        with self._connected() as conn:
            return {row.path: row.content for row in conn.execute(select(ATTACHMENTS.c.path, ATTACHMENTS.c.content))}

    def raw_log(self) -> list[dict]:
        with self._connected() as conn:
            return _log_entries(conn)

    # -- inside a transaction -----------------------------------------------------------------

    def _save_held(
        self,
        conn: Connection,
        current: Snapshot,
        replacements: Mapping[str, pd.DataFrame],
        summary: str,
        editor: Editor,
        attachments: Mapping[str, bytes],
    ) -> Saved:
        problems = check_against(current.frames, current.problems, replacements)
        if problems:
            raise DatasetError(problems)
        new = {name: as_text(name, frame) for name, frame in replacements.items()}
        saved = Saved(revision_of_tables(current.frames | new), current.revision, tuple(new), summary)
        when = datetime.now(tz=UTC)
        kept = kept_name(when, current.revision)
        for name, frame in new.items():
            conn.execute(
                insert(HISTORY).values(
                    kept=kept, file=TABLES[name].file, content=to_csv_bytes(name, current.frames[name])
                )
            )
            pause_point(f"replace {name}")
            _replace_rows(conn, name, frame)
        for path, content in attachments.items():
            pause_point(f"attach {path}")
            conn.execute(delete(ATTACHMENTS).where(ATTACHMENTS.c.path == path))
            conn.execute(insert(ATTACHMENTS).values(path=path, content=content))
        _append_log(conn, log_entry(when, "save", saved, editor, kept, tuple(attachments)))
        self._count_change(conn)
        pause_point("commit")
        return saved

    def _snapshot(self, conn: Connection) -> Snapshot:
        texts = {name: _copy_out(conn, name) for name in TABLES}
        frames, problems = validate_tables(lambda table: parse_text_table(table, texts[table.name]))
        revision = revision_of_tables(frames) if not problems else digest_of({TABLES[n].file: texts[n] for n in TABLES})
        return Snapshot(frames, problems, revision)

    def _state(self, conn: Connection) -> tuple[int, datetime]:
        """The state row; without it, or without its table (an empty database), the store's "holds no dataset"."""
        try:
            row = conn.execute(select(STATE.c.changes, STATE.c.changed).where(STATE.c.id == 1)).first()
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) == UNDEFINED_TABLE:
                raise self.no_dataset() from None
            raise
        if row is None:
            raise self.no_dataset()
        return int(row.changes), row.changed

    def _count_change(self, conn: Connection) -> None:
        conn.execute(update(STATE).where(STATE.c.id == 1).values(changes=STATE.c.changes + 1, changed=_now()))

    def no_dataset(self) -> DatabaseError:
        """The error for a database reached that holds no Liaison tables: it says how to copy a dataset in."""
        return DatabaseError(
            f"{self.location} holds no Liaison dataset: copy one in with `python -m liaison copy data/ {self.location}`"
        )

    @contextmanager
    def _connected(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as error:
            raise DatabaseError(f"cannot reach {self.location}: {_first_line(error)}") from None

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self._connected() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                if not inspect(conn).has_table(STATE.name):
                    raise self.no_dataset()
                yield conn

    @contextmanager
    def _writing(self, lock_timeout: float, create_state: bool = False) -> Iterator[Connection]:
        """A transaction holding the store's lock (its state row), waiting `lock_timeout` seconds at most."""
        with self._connected() as conn, conn.begin():
            if not inspect(conn).has_table(STATE.name):
                raise self.no_dataset()
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(lock_timeout * 1000)}ms'")
            try:
                if create_state:
                    conn.exec_driver_sql(f"LOCK TABLE {STATE.name} IN EXCLUSIVE MODE")
                    if conn.execute(select(STATE.c.id)).first() is not None:
                        raise DatabaseError(f"{self.location} already holds a dataset: copy into an empty database")
                    conn.execute(insert(STATE).values(id=1, changes=0, changed=_now()))
                elif conn.execute(select(STATE.c.id).where(STATE.c.id == 1).with_for_update()).first() is None:
                    raise self.no_dataset()
            except DBAPIError as error:
                if getattr(error.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
                    raise FolderBusyError(self.location, lock_timeout) from None
                raise
            yield conn


def _now() -> datetime:
    return datetime.now(tz=UTC)


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _first_line(error: Exception) -> str:
    return str(getattr(error, "orig", error)).strip().splitlines()[0]


def _quoted(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _copy_out(conn: Connection, name: str) -> bytes:
    """One table as CSV with its header, in row order, through PostgreSQL's COPY."""
    table: Table = TABLES[name]
    columns = ", ".join(_quoted(conn, column) for column in table.header)
    query = f"COPY (SELECT {columns} FROM {DATA[name].name} ORDER BY position) TO STDOUT WITH (FORMAT csv, HEADER)"
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(query) as copy:
        return b"".join(bytes(block) for block in copy)


def _replace_rows(conn: Connection, name: str, frame: pd.DataFrame) -> None:
    """A table's rows replaced by `frame`'s, in its order, through COPY (a million rows in seconds)."""
    text = as_text(name, frame)
    text.insert(0, "position", range(len(text)))
    buffer = io.StringIO()
    text.to_csv(buffer, index=False, header=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    columns = ", ".join(_quoted(conn, column) for column in TABLES[name].header)
    conn.execute(delete(DATA[name]))
    query = f"COPY {DATA[name].name} (position, {columns}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({columns}))"
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(query) as copy:
        copy.write(buffer.getvalue().encode("utf-8"))


def _append_log(conn: Connection, entry: Mapping[str, object]) -> None:
    conn.execute(insert(LOG).values(entry=json.dumps(entry, ensure_ascii=False)))


def _log_entries(conn: Connection) -> list[dict]:
    if not inspect(conn).has_table(LOG.name):
        return []
    return [json.loads(entry) for entry in conn.execute(select(LOG.c.entry).order_by(LOG.c.position)).scalars()]
