"""Which query engine runs the view's Ibis expressions, chosen by LIAISON_ENGINE.

`duckdb` (the default) is embedded and in memory: nothing to install or run beside the app.
`pyspark` is for a team whose data outgrew one machine: a SparkSession in local mode, or on
the cluster `LIAISON_SPARK_MASTER` names. Any other value with `://` in it is a connection
URL handed to `ibis.connect` (`trino://…`, `bigquery://…`), for data that already lives there.
The expressions (`liaison.engine.expressions`) are the same for all of them.

Neither an Ibis backend nor a DuckDB connection may be used by two threads at once, and
Streamlit runs each session in its own thread. Every engine therefore carries one lock, and
`Engine.execute` holds it for the whole query: a lock rather than a cursor per session,
because only DuckDB has cursors (Spark, Trino and BigQuery backends have no equivalent, and
the tables handed to DuckDB are temporary, visible to its own connection only), and because
on DuckDB a selection over a million meetings takes tenths of a second and already uses every
core, so sessions queueing for it lose little.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENGINE_ENV = "LIAISON_ENGINE"
SPARK_MASTER_ENV = "LIAISON_SPARK_MASTER"
DEFAULT_ENGINE = "duckdb"
EMBEDDED = ("duckdb", "pyspark")
# DuckDB spills to disk past this rather than taking the machine's memory from the app.
DUCKDB_MEMORY_LIMIT = "1GB"
DUCKDB_TEMP_DIR = Path(tempfile.gettempdir()) / "liaison-duckdb"


class EngineError(ValueError):
    """The engine asked for cannot be opened; the message is one line naming what to change."""


@dataclass(frozen=True)
class Engine:
    """An open Ibis backend, its kind (`duckdb`, `pyspark` or the URL's scheme) and the lock that serialises it."""

    kind: str
    con: Any
    session: Any = None  # the SparkSession under a pyspark backend, which takes Arrow tables directly
    remote: bool = False  # opened from a URL: its tables are already there
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @property
    def embedded(self) -> bool:
        """Whether the dataset's tables are handed to it (else they are read where they already are)."""
        return not self.remote

    def execute(self, expr: Any) -> Any:
        """The expression's result as pandas, one query at a time."""
        with self.lock:
            return self.con.execute(expr)


def engine_choice(environ: Mapping[str, str] | None = None) -> str:
    """The engine LIAISON_ENGINE names, `duckdb` when unset; a value that is none raises EngineError."""
    environ = os.environ if environ is None else environ
    choice = environ.get(ENGINE_ENV, "").strip() or DEFAULT_ENGINE
    if choice.lower() in EMBEDDED:
        return choice.lower()
    if "://" in choice and choice.split("://", 1)[0]:
        return choice
    raise EngineError(
        f"{ENGINE_ENV}: '{choice}' is not an engine; use duckdb, pyspark or a connection URL (trino://…, bigquery://…)"
    )


def open_engine(choice: str | None = None, environ: Mapping[str, str] | None = None) -> Engine:
    """The engine `choice` names (else LIAISON_ENGINE's), opened; EngineError says in one line why it cannot be."""
    environ = os.environ if environ is None else environ
    choice = engine_choice({ENGINE_ENV: choice} if choice else environ)
    if choice == "duckdb":
        return open_duckdb()
    if choice == "pyspark":
        return open_pyspark(environ.get(SPARK_MASTER_ENV, "local[2]"))
    return open_url(choice)


def open_duckdb(memory_limit: str = DUCKDB_MEMORY_LIMIT, temp_directory: Path = DUCKDB_TEMP_DIR) -> Engine:
    """An in-memory DuckDB with a memory limit, spilling to `temp_directory` past it."""
    import ibis

    con = ibis.duckdb.connect(
        ":memory:",
        memory_limit=memory_limit,
        temp_directory=str(temp_directory),
        # Ibis 12 writes array lambdas as `x -> …`, which DuckDB 2.0 accepts only when asked to.
        lambda_syntax="ENABLE_SINGLE_ARROW",
    )
    return Engine("duckdb", con)


def open_pyspark(master: str = "local[2]") -> Engine:
    """A SparkSession (local mode by default) with UTC session time, no web UI, and few shuffle partitions.

    Dates are kept as DATE, never timestamps, so no time zone can move a meeting to another
    day; the session time zone is still pinned to UTC for whatever a cluster's defaults are.
    """
    try:
        import ibis
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError(
            f"{ENGINE_ENV}=pyspark needs pyspark: pip install -r requirements-spark.txt (and a Java 17 runtime)"
        ) from None
    warehouse = Path(tempfile.gettempdir()) / "liaison-spark-warehouse"
    builder = (
        SparkSession.builder.master(master)
        .appName("liaison")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.warehouse.dir", str(warehouse))
    )
    try:
        session = builder.getOrCreate()
    except (RuntimeError, OSError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise EngineError(
            f"{ENGINE_ENV}=pyspark: Spark did not start ({first}); is Java 17 installed "
            "(apt-get install openjdk-17-jre-headless)?"
        ) from None
    session.sparkContext.setLogLevel("ERROR")
    return Engine("pyspark", ibis.pyspark.connect(session), session)


def open_url(url: str) -> Engine:
    """The backend a connection URL names, through `ibis.connect`."""
    import ibis

    scheme = url.split("://", 1)[0].lower()
    try:
        con = ibis.connect(url)
    except ImportError:
        raise EngineError(
            f"{ENGINE_ENV}: the {scheme} backend is not installed (pip install 'ibis-framework[{scheme}]')"
        ) from None
    except Exception as error:  # each backend has its own errors; all of them mean the URL cannot be used
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise EngineError(f"{ENGINE_ENV}: cannot connect to {scheme}: {first}") from None
    return Engine(scheme, con, remote=True)
