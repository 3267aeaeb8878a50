"""Server-side time of one full rerun of each page: `python -m dashboard.timing [DB]` prints a table.

Each page is opened through AppTest on a deep view (a territory, an executor, a cell, a school), run
a few times to warm the caches, then timed around the page's whole script run (`navigation.run_page`).
The database is the argument, else env KARTA_DB, else var/karta.sqlite.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
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
    "dannye": {},
}
WARM = 2
RUNS = 5


def time_pages(db: str, views: dict[str, dict[str, str]] = VIEWS) -> dict[str, list[float]]:
    """Return, per page, the seconds of each timed rerun of its script on the database."""
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
        out: dict[str, list[float]] = {}
        for page, params in views.items():
            at = AppTest.from_file(str(navigation.entrypoint()), default_timeout=120)
            at.query_params.update({"on": "2021-03-01", **params})
            at.run()
            if page != "obzor":
                at.switch_page(f"app_pages/{page}.py").run()
            for _ in range(WARM):
                at.run()
            spent.clear()
            for _ in range(RUNS):
                at.run()
            out[page] = list(spent)
        return out
    finally:
        navigation.run_page = original


def main(argv: list[str]) -> int:
    """Print the median and worst rerun time of every page."""
    db = str(Path(argv[0] if argv else os.environ.get("KARTA_DB") or "var/karta.sqlite").resolve())
    print(f"{'page':<12}{'median, s':>12}{'worst, s':>12}")
    for page, runs in time_pages(db).items():
        if runs:
            print(f"{page:<12}{statistics.median(runs):>12.3f}{max(runs):>12.3f}")
        else:
            print(f"{page:<12}{'—':>12}{'—':>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
