"""Benchmarks at national scale: `python -m benchmarks` (`make bench`) prints one JSON document of figures.

Every step runs in a fresh subprocess (`python -m benchmarks.steps NAME PARAMS`), so its peak memory is
that process's `ru_maxrss` and no step warms another's caches. A step that needs the dashboard's ready
state (heatmap, chain, scenario, pages) builds it first without timing it and reports the memory it
held before its own work as `rss_before_mib`.
"""

from __future__ import annotations

TARGETS: dict[str, dict[str, object]] = {
    "page_rerun_country_s": {"max": 1.0, "text": "every page rerun at country scope < 1 s"},
    "page_rerun_region_s": {"max": 0.3, "text": "every page rerun at region scope < 0.3 s"},
    "cold_start_s": {"max": 10.0, "text": "cold start from SQLite to a ready dashboard state < 10 s"},
    "heatmap_s": {"max": 0.3, "text": "heatmap aggregation for the whole country < 0.3 s"},
    "scenario_s": {"max": 2.0, "text": "a 100-operation scenario applied and compared < 2 s"},
    "import_10k_s": {"max": 3.0, "text": "importing a 10,000-row xlsx roadmap < 3 s"},
    "peak_memory_mib": {"max": 3072.0, "text": "peak memory of every step < 3 GB"},
    "import_speedup_vs_pandas": {"min": 10.0, "text": "our import ≥ 10 × faster than pandas + openpyxl"},
    "cold_start_vs_bare": {"max": 3.0, "text": "cold start within 3 × of bare SQLite → polars"},
}
"""The targets of issue 6, for one academic year of the country on a 2-core machine."""
