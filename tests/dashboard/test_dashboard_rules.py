"""The dashboard's house rules, checked on its source: one module caches, one touches the session and
the URL, Russian words live in texts.py, widget keys are namespaced, pages stay thin."""

from __future__ import annotations

import ast
import doctest
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "dashboard"
MODULES = sorted(p for p in ROOT.rglob("*.py") if p.name != "__init__.py")
PAGES = sorted((ROOT / "app_pages").glob("[!_]*.py"))
CYRILLIC = re.compile("[А-Яа-яЁё]")


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _attributes(path: Path) -> set[str]:
    """Return the attributes a module reads from Streamlit (`st.something`)."""
    return {
        node.attr
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "st"
    }


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_only_state_touches_the_session_and_the_url() -> None:
    touching = [_name(p) for p in MODULES if _attributes(p) & {"session_state", "query_params"}]
    assert touching == ["state.py"]


def test_only_data_caches() -> None:
    caching = [_name(p) for p in MODULES if _attributes(p) & {"cache_resource", "cache_data"}]
    assert caching == ["data.py", "scenario_data.py"]


def _docstrings(tree: ast.Module) -> set[int]:
    holders = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, holders) and node.body and isinstance(node.body[0], ast.Expr)
    }


def test_russian_words_live_in_texts_only() -> None:
    found = []
    for path in MODULES:
        if path.name == "texts.py":
            continue
        tree = _tree(path)
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
            if id(node) not in docs and CYRILLIC.search(text):
                found.append(f"{_name(path)}:{node.lineno}")
    assert found == []


def test_every_literal_widget_key_is_namespaced() -> None:
    keys = []
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.keyword) and node.arg == "key":
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    keys.append(node.value.value)
                elif isinstance(node.value, ast.JoinedStr) and isinstance(node.value.values[0], ast.Constant):
                    keys.append(str(node.value.values[0].value))
    assert keys
    assert [k for k in keys if not re.match(r"^[a-z_]+\.[a-z_.]", k)] == []


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_a_page_stays_thin(page: Path) -> None:
    assert len(page.read_text(encoding="utf-8").splitlines()) <= 130


@pytest.mark.parametrize(
    "path", [p for p in MODULES if "app_pages" not in p.parts and p.name != "app.py"], ids=_name
)
def test_the_examples_in_docstrings_run(path: Path) -> None:
    module = importlib.import_module("dashboard." + path.stem)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failed == 0
