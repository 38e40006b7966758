"""The package's layout (see components/__init__.py): pure data modules import no Streamlit, not even
through another module; a view imports no other view; no module outgrows 450 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "components"
PURE = (
    "access",
    "actors",
    "add_checks",
    "aggregate",
    "article_list",
    "bins",
    "data_dictionary",
    "downloads",
    "drilldown",
    "dyads",
    "event_sql",
    "events",
    "evidence",
    "filter_history",
    "filter_state",
    "filters",
    "geometry",
    "headline",
    "labels",
    "map_data",
    "map_layout",
    "map_png",
    "markup",
    "memory",
    "network",
    "network_export",
    "playback",
    "prepare",
    "query",
    "relation_sql",
    "review_data",
    "scale",
    "selection",
    "table_rows",
    "timeline",
)
VIEWS = (
    "headline_view",
    "map_view",
    "matrix_view",
    "network_view",
    "playback_view",
    "review_view",
    "selection_view",
    "sidebar",
    "table_view",
    "timeline_view",
)
PAGES = ("dashboard_page", "articles_page", "add_page", "dictionary_page")
DRAWING = {"streamlit", "pydeck", "altair"}


def _imports(name: str) -> tuple[set[str], set[str]]:
    """(modules of this package, other top-level packages) that ``components/<name>.py`` imports."""
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    local: set[str] = set()
    other: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            other |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                local |= {node.module} if node.module else {alias.name for alias in node.names}
            else:
                other.add((node.module or "").split(".")[0])
    return local, other


def _reach(name: str) -> set[str]:
    seen, todo = set(), [name]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_imports(module)[0])
    return seen


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_draw_nothing(name: str) -> None:
    for module in _reach(name):
        assert not _imports(module)[1] & DRAWING, f"{name} reaches {module}, which imports a drawing library"


@pytest.mark.parametrize("name", VIEWS)
def test_views_do_not_import_views_or_pages(name: str) -> None:
    assert not _imports(name)[0] & (set(VIEWS) | set(PAGES))


def test_every_module_is_classified_and_small() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules == set(PURE) | set(VIEWS) | set(PAGES) | {"data_source", "query_source", "view_data", "ui"}
    for path in PACKAGE.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 450, path.name
