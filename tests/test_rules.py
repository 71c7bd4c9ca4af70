"""The project keeps its own rules: a pure domain, pinned dependencies, a README that matches the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from liaison.view.filters import URL_NAMES

REPO = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_domain_never_imports_streamlit() -> None:
    offenders = [path.name for path in (REPO / "liaison").rglob("*.py") if "streamlit" in imported_modules(path)]
    assert offenders == []


def test_pages_stay_short_and_leave_logic_to_the_domain() -> None:
    long_pages = [path.name for path in (REPO / "app_pages").glob("*.py") if len(path.read_text().splitlines()) > 120]
    assert long_pages == []


def test_every_dependency_is_pinned() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        lines = [line.strip() for line in (REPO / name).read_text().splitlines()]
        requirements = [line for line in lines if line and not line.startswith(("#", "-r"))]
        assert requirements and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line) for line in requirements)


def test_the_readme_documents_every_url_parameter_and_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for parameter in [*URL_NAMES.values(), "lang"]:
        assert f"`{parameter}`" in readme, parameter
    for command in (
        "make run",
        "make test",
        "python -m liaison validate",
        "python -m liaison meetings",
        "LIAISON_DATA",
    ):
        assert command in readme, command


def test_ci_runs_the_readme_s_test_command() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_the_codebook_documents_every_column() -> None:
    from liaison.dataset.schema import TABLES

    codebook = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    for table in TABLES.values():
        assert f"## {table.file}" in codebook, table.file
        for column in table.header:
            assert column in codebook, f"{table.file}:{column}"


def test_nothing_is_fetched_from_a_cdn() -> None:
    """Works on a closed network: no code or config names a remote host to load from."""
    pattern = re.compile(r"https?://(?!localhost|127\.0\.0\.1)[\w.-]+\.(?:com|org|net|io)/", re.I)
    files = [
        *REPO.glob("*.py"),
        *REPO.glob("app_pages/*.py"),
        *REPO.glob("components/*.py"),
        *REPO.glob("liaison/*.py"),
        REPO / ".streamlit" / "config.toml",
    ]
    assert [path.name for path in files if pattern.search(path.read_text(encoding="utf-8"))] == []


def test_a_rerun_pays_neither_a_source_watcher_nor_a_full_garbage_collection() -> None:
    """Measured on the server: the watcher kept a core busy with a session open, and the collection
    Streamlit forces after each run took 0.3 s of every rerun."""
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
    assert config["runner"]["postScriptGC"] is False
