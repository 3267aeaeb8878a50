"""Server-side time of one rerun of every dashboard page, at country, region and school scope (AppTest)."""

from __future__ import annotations

import os
import time
from typing import Any

import polars as pl


def _scopes(snap: Any) -> dict[str, dict[str, str]]:
    """Return the URL parameters of each scope: the busiest region, and a listed school in it."""
    acts = snap.activities.filter(pl.col("region").is_not_null())
    region = acts.group_by("region").len().sort("len", "region", descending=[True, False])["region"][0]
    schools = snap.schools.filter(pl.col("listed") & (pl.col("region") == region)).sort("school")
    scopes: dict[str, dict[str, str]] = {"country": {}, "region": {"ter": region}}
    if schools.height:
        row = schools.row(0, named=True)
        scopes["school"] = {"ter": row["municipality"] or region, "school": row["school"]}
    return scopes


def page_reruns(db: str, seed: int, timeout: float = 600.0) -> dict[str, Any]:
    """Return, per scope and page, the first run and one rerun's seconds; the slowest rerun per scope."""
    os.environ["KARTA_DB"] = db
    os.environ.setdefault("KARTA_READONLY", "1")
    from streamlit.testing.v1 import AppTest

    from dashboard import data
    from dashboard.navigation import PAGES, entrypoint, page_file

    at = AppTest.from_file(str(entrypoint()), default_timeout=timeout)
    started = time.perf_counter()
    at.run()
    first_run = time.perf_counter() - started
    snap = data.snapshot(data.db_path())  # the cached snapshot the app built
    latest = snap.assignments.select(pl.col("end").max()).item()
    on = f"{latest.year}-02-15" if latest is not None else None
    scopes = _scopes(snap)
    reruns: dict[str, dict[str, dict[str, Any]]] = {}
    for scope, params in scopes.items():
        for page in PAGES:
            at.switch_page(page_file(page))
            for key in list(at.query_params):
                del at.query_params[key]
            for key, value in {**({"on": on} if on else {}), **params}.items():
                at.query_params[key] = value
            t = time.perf_counter()
            at.run()
            first = time.perf_counter() - t
            t, c = time.perf_counter(), time.process_time()
            at.run()
            rerun, rerun_cpu = time.perf_counter() - t, time.process_time() - c
            problems = [str(e.value)[:200] for e in at.exception] + [str(e.value)[:200] for e in at.error]
            reruns.setdefault(scope, {})[page] = {
                "first_s": round(first, 4),
                "rerun_s": round(rerun, 4),
                "rerun_cpu_s": round(rerun_cpu, 4),
                **({"problems": problems} if problems else {}),
            }
    slowest = {scope: max(p["rerun_s"] for p in pages.values()) for scope, pages in reruns.items()}
    slowest_cpu = {scope: max(p["rerun_cpu_s"] for p in pages.values()) for scope, pages in reruns.items()}
    # A page's first view in a scope (a new place and date) builds what its reruns then read.
    slowest_first = {
        scope: max(pages.items(), key=lambda item: item[1]["first_s"]) for scope, pages in reruns.items()
    }
    return {
        "first_run_s": round(first_run, 3),
        "scopes": scopes,
        "as_of": on,
        "reruns": reruns,
        "slowest_rerun_s": slowest,
        "page_rerun_country_s": slowest.get("country"),
        "page_rerun_region_s": slowest.get("region"),
        "page_rerun_school_s": slowest.get("school"),
        "slowest_rerun_cpu_s": slowest_cpu,
        "page_rerun_country_cpu_s": slowest_cpu.get("country"),
        "page_rerun_region_cpu_s": slowest_cpu.get("region"),
        "slowest_first_view_s": {scope: {page: p["first_s"]} for scope, (page, p) in slowest_first.items()},
        "seed": seed,
    }
