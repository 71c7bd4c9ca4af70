"""A throwaway PostgreSQL server for the store tests: a real one, started for the test session.

`make test` installs Debian's PostgreSQL and sets LIAISON_REQUIRE_POSTGRES, so there a missing
server fails the run; elsewhere (pytest run by hand without it) the store tests skip.
`initdb` refuses to run as root, so as root the cluster belongs to the `postgres` user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRE_ENV = "LIAISON_REQUIRE_POSTGRES"


def _binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """A server on loopback with trust authentication, as the URL of its `postgres` database."""
    binaries = _binaries()
    if binaries is None:
        message = "PostgreSQL is not installed (make test installs Debian's postgresql)"
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(message)
        pytest.skip(message)
    home = Path(tempfile.mkdtemp(prefix="liaison-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    port = _free_port()
    data = home / "data"
    initdb = [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "liaison", "-E", "UTF8", "--no-sync"]
    subprocess.run(_as_owner(initdb), check=True, capture_output=True)
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
    subprocess.run(
        _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(home / "log"), "start"]),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://liaison@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True
        )
        shutil.rmtree(home, ignore_errors=True)
