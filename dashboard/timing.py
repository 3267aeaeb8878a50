"""Server-side time of one full rerun of each page: `python -m dashboard.timing [DB]` prints a table.

Each page is opened through AppTest on a deep view (a territory, an executor, a cell, a school), its first
run timed, then run a few times to warm the caches and timed around the page's whole script run
(`navigation.run_page`). «Сценарии» is opened by the link of a saved scenario of `OPERATIONS` operations
(drawn as the `scenario` benchmark draws them) in a copy of the database, so the first run applies them
and compares the result with the plan; then each «Отменить» re-applies one operation fewer, uncached.
The database is the argument, else env KARTA_DB, else var/karta.sqlite; it is only read.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

KUZBASS = "ter:kemerovskaia-oblast-kuzbass"
POLYSAEVO = f"{KUZBASS}/polysaevskii-gorodskoi-okrug"
IMC = "inst:kemerovskaia-oblast-kuzbass/polysaevskii-gorodskoi-okrug/imts"
SCHOOL = "school:kemerovskaia-oblast-kuzbass/polysaevskii-gorodskoi-okrug/mbou-shkola-35"
VIEWS: dict[str, dict[str, str]] = {
    "obzor": {"ter": KUZBASS, "show": "overdue"},
    "nagruzka": {"ter": KUZBASS, "exec": IMC},
    "sroki": {"ter": KUZBASS, "exec": IMC, "month": "2020-12"},
    "tsepochki": {"ter": POLYSAEVO, "subject": "executor", "exec": IMC},
    "shkola": {"school": SCHOOL},
    "stsenarii": {"ter": POLYSAEVO},
    "dannye": {},
}
WARM = 2
RUNS = 5
OPERATIONS = 100
SEED = 20201028


@dataclass
class PageTimes:
    """Seconds of a page's first run, of its warm reruns, and of its reruns after «Отменить» (scenarios)."""

    first: float | None = None
    reruns: list[float] = field(default_factory=list)
    undo: list[float] = field(default_factory=list)


def scenario_store(db: str, folder: Path, operations: int = OPERATIONS, seed: int = SEED) -> tuple[str, str]:
    """Return a copy of a database holding a saved scenario of `operations` operations, and its id."""
    # The generator of the `scenario` benchmark: the same mix of operations on real nodes of the data.
    from benchmarks.scenario_ops import operations_of
    from dashboard.data import snapshot_of
    from loaders.scenario_store import Saved, save_scenario
    from loaders.store import load_inputs, open_store
    from model.scenario import operation_to_json

    copy = folder / "timing.sqlite"
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with open_store(copy) as store:
        inputs = load_inputs(store)
        drawn = operations_of(snapshot_of(inputs, str(copy)), random.Random(seed), operations)
        saved = save_scenario(
            store,
            name=f"{len(drawn)} operations",
            author="dashboard.timing",
            operations=[operation_to_json(o) for o in drawn],
            base_version=inputs.data_version,
            now=datetime.now(UTC),
        )
    assert isinstance(saved, Saved)
    return str(copy), saved.scenario.id


def time_pages(db: str, views: dict[str, dict[str, str]] = VIEWS) -> dict[str, PageTimes]:
    """Return, per page, the seconds of its first run and of each timed rerun of its script."""
    from streamlit.testing.v1 import AppTest

    from dashboard import navigation

    os.environ["KARTA_DB"] = db
    spent: list[float] = []
    original: Callable[..., Any] = navigation.run_page

    def timed(*args: Any, **kwargs: Any) -> None:
        start = time.perf_counter()
        try:
            original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    navigation.run_page = timed
    try:
        out: dict[str, PageTimes] = {}
        for page, params in views.items():
            times = out[page] = PageTimes()
            at = AppTest.from_file(str(navigation.entrypoint()), default_timeout=600)
            at.query_params.update({"on": "2021-03-01", **params})
            at.run()
            if page != "obzor":
                spent.clear()
                at.switch_page(f"app_pages/{page}.py").run()
            times.first = spent[-1] if spent else None
            for _ in range(WARM):
                at.run()
            spent.clear()
            for _ in range(RUNS):
                at.run()
            times.reruns = list(spent)
            if page == "stsenarii" and params.get("scn"):
                for _ in range(RUNS):
                    spent.clear()
                    at.button(key="scenario.undo").click().run()
                    times.undo.extend(spent)
        return out
    finally:
        navigation.run_page = original


def _row(name: str, first: float | None, runs: list[float]) -> str:
    def cell(value: float | None) -> str:
        return f"{value:>12.3f}" if value is not None else f"{'—':>12}"

    median = statistics.median(runs) if runs else None
    return f"{name:<18}{cell(first)}{cell(median)}{cell(max(runs) if runs else None)}"


def main(argv: list[str]) -> int:
    """Print the first, median and worst rerun time of every page, and of «Сценарии» after an undo."""
    db = str(Path(argv[0] if argv else os.environ.get("KARTA_DB") or "var/karta.sqlite").resolve())
    with tempfile.TemporaryDirectory(prefix="karta-timing-") as folder:
        copy, scenario = scenario_store(db, Path(folder))
        views = {**VIEWS, "stsenarii": {**VIEWS["stsenarii"], "scn": scenario}}
        times = time_pages(copy, views)
    print(f"{'page':<18}{'first, s':>12}{'median, s':>12}{'worst, s':>12}")
    for page, t in times.items():
        print(_row(page, t.first, t.reruns))
        if t.undo:
            print(_row(f"{page} undo", None, t.undo))
    print(
        f"stsenarii: opened by the link of a saved {OPERATIONS}-operation scenario (first: apply and "
        "compare); undo: the rerun after the undo button (one operation fewer, applied uncached)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
