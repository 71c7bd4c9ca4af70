"""The layer order, enforced: words → dataset → engine → view → figures → publish → components → app pages.

Each room of `liaison/` may import only the rooms below it (and itself); extraction and
intake sit beside the view, on the dataset and the words; the feed (GDELT events and
candidate meetings) sits on the view, using its filters, and beside the figures. Nothing in `liaison/` imports
Streamlit, `components/` or `app_pages/`; components never import pages; a page never
imports another page. A new room must be placed here before it can be imported at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LIAISON = REPO / "liaison"

MAY_IMPORT = {
    "words": {"words"},
    "dataset": {"words", "dataset"},
    "engine": {"words", "dataset", "engine"},
    "extract": {"words", "extract"},
    "view": {"words", "dataset", "engine", "view"},
    "figures": {"words", "dataset", "engine", "view", "figures"},
    "publish": {"words", "dataset", "engine", "view", "figures", "publish"},
    "intake": {"words", "dataset", "extract", "intake"},
    "feed": {"words", "dataset", "engine", "view", "feed"},
}
ROOMS = set(MAY_IMPORT)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, as dotted names, wherever the import statement stands."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names if node.module == "liaison"}
    return names


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "liaison" and len(parts) > 1 else None


def violations(path: Path, allowed: set[str] | None, forbidden_tops: set[str]) -> list[str]:
    """The imports of `path` that break the order: a top package it may not use, or a room above its own."""
    found = []
    for module in sorted(imports_of(path)):
        top = module.split(".")[0]
        if top in forbidden_tops:
            found.append(module)
        room = room_of(module)
        if allowed is not None and room is not None and room != "__version__" and room not in allowed:
            found.append(module)
    return found


def _domain_files() -> list[Path]:
    return sorted(path for path in LIAISON.rglob("*.py") if path.parent != LIAISON)


def test_every_room_of_the_domain_is_placed_in_the_order() -> None:
    rooms = {path.name for path in LIAISON.iterdir() if path.is_dir() and (path / "__init__.py").is_file()}
    assert rooms == ROOMS, f"place {sorted(rooms - ROOMS)} in MAY_IMPORT"


@pytest.mark.parametrize("path", _domain_files(), ids=lambda path: str(path.relative_to(REPO)))
def test_a_room_imports_only_the_rooms_below_it(path: Path) -> None:
    room = path.relative_to(LIAISON).parts[0]
    assert violations(path, MAY_IMPORT[room], {"streamlit", "components", "app_pages"}) == []


def test_the_command_line_uses_the_domain_only() -> None:
    assert violations(LIAISON / "__main__.py", None, {"streamlit", "components", "app_pages"}) == []


@pytest.mark.parametrize("path", sorted((REPO / "components").glob("*.py")), ids=lambda path: path.name)
def test_components_never_import_a_page(path: Path) -> None:
    assert violations(path, None, {"app_pages"}) == []


@pytest.mark.parametrize("path", sorted((REPO / "app_pages").glob("*.py")), ids=lambda path: path.name)
def test_a_page_imports_no_other_page(path: Path) -> None:
    assert violations(path, None, {"app_pages", "dashboard"}) == []


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    """The check itself: a view module reaching up into figures, or any domain file into Streamlit, is reported."""
    upward = tmp_path / "query.py"
    upward.write_text("import streamlit as st\nfrom liaison.figures.charts import empty_figure\n", encoding="utf-8")
    assert violations(upward, MAY_IMPORT["view"], {"streamlit"}) == ["liaison.figures.charts", "streamlit"]
