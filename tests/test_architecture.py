"""The imports run one way: dashboard → loaders → model, and the model stays pure."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN = {
    "model": {
        "loaders",
        "dashboard",
        "streamlit",
        "sqlite_utils",
        "sqlite3",
        "altair",
        "random",
        "os",
        "pathlib",
    },
    "loaders": {"dashboard", "streamlit", "altair"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_model_never_reads_the_clock() -> None:
    calls = []
    for path in (ROOT / "model").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("date.today(", "datetime.now(", "time.time(", "open("):
            if needle in text:
                calls.append(f"{path.name}: {needle}")
    assert calls == []
