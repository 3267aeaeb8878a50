"""The benchmark harness runs end to end on the smallest preset and prints one JSON document with every key.

No figure is checked against a clock here: timings belong to `make bench`, not to tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import TARGETS
from benchmarks.__main__ import ORDER
from dashboard.navigation import PAGES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench")
    command = [
        sys.executable, "-m", "benchmarks", "--scale", "region", "--years", "1", "--seed", "3",
        "--out", str(out), "--large-rows", "200", "--chains", "5", "--operations", "20",
        "--rounds", "3",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=True)
    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed


def test_the_harness_prints_the_machine_the_parameters_and_every_step(report: dict[str, Any]) -> None:
    assert {"command", "machine", "params", "memory_method", "steps", "targets", "ratios"} <= set(report)
    assert {"cores", "ram_gib", "python", "versions"} <= set(report["machine"])
    assert list(report["steps"]) == list(ORDER)


@pytest.mark.parametrize("step", ORDER)
def test_every_step_ran_or_says_why_it_was_skipped(report: dict[str, Any], step: str) -> None:
    figures = report["steps"][step]
    assert figures["status"] == "ok" or figures["status"].startswith("skipped: "), figures.get("traceback")
    if figures["status"] == "ok":
        assert figures["peak_rss_mib"] > 0


def test_every_target_of_the_issue_stands_next_to_its_figure(report: dict[str, Any]) -> None:
    assert set(report["targets"]) == set(TARGETS)
    for target in report["targets"].values():
        assert {"value", "met", "text"} <= set(target)
        assert "max" in target or "min" in target


def test_both_side_by_side_ratios_are_measured_in_the_same_run(report: dict[str, Any]) -> None:
    ratios = report["ratios"]
    assert ratios["import_speedup_vs_pandas_openpyxl"] is not None
    assert ratios["cold_start_vs_bare_sqlite_polars"] is not None


def test_the_import_and_pandas_are_each_the_median_of_the_same_rounds(report: dict[str, Any]) -> None:
    large, pandas = report["steps"]["import_10k"], report["steps"]["pandas_10k"]
    assert len(large["import_rounds_s"]) == len(pandas["read_rounds_s"]) == report["params"]["rounds"] == 3
    assert large["import_s"] == sorted(large["import_rounds_s"])[1]
    assert pandas["read_s"] == sorted(pandas["read_rounds_s"])[1]
    assert large["import_first_s"] == large["import_rounds_s"][0]


def test_the_import_speed_up_is_the_median_of_rounds_that_each_read_the_file_with_pandas_first(
    report: dict[str, Any],
) -> None:
    large = report["steps"]["import_10k"]
    assert len(large["pandas_read_rounds_s"]) == len(large["speedup_rounds"]) == 3
    ratios = [p / i for p, i in zip(large["pandas_read_rounds_s"], large["import_rounds_s"], strict=True)]
    assert large["speedup_median"] == pytest.approx(sorted(ratios)[1], rel=0.01)
    assert report["ratios"]["import_speedup_vs_pandas_openpyxl"] == large["speedup_median"]


def test_the_floor_of_storing_the_import_is_measured_on_the_rows_it_wrote(report: dict[str, Any]) -> None:
    large = report["steps"]["import_10k"]
    assert large["sqlite_insert_only_rows"] > large["activities"]
    assert large["floor_s"] > 0 and large["floor_unindexed_s"] > 0
    assert report["ratios"]["floor_unindexed_speedup_vs_pandas_openpyxl"] is not None


def test_the_report_is_also_kept_as_a_file(report: dict[str, Any]) -> None:
    saved = Path(report["params"]["out"]) / "results.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["steps"] == report["steps"]


def test_the_cold_start_reads_the_snapshot_the_prepare_step_kept(report: dict[str, Any]) -> None:
    prepared, cold = report["steps"]["prepare"], report["steps"]["cold_start"]
    assert cold["snapshot"] == "read"
    assert prepared["kept_mib"] > 0
    assert (cold["activities"], cold["edges"]) == (prepared["activities"], prepared["edges"])


def test_every_page_is_timed_in_every_scope_with_its_slowest_first_view_named(report: dict[str, Any]) -> None:
    pages = report["steps"]["pages"]
    assert set(pages["slowest_first_view_s"]) == set(pages["reruns"]) == {"country", "region", "school"}
    for scope, slowest in pages["slowest_first_view_s"].items():
        ((page, seconds),) = slowest.items()
        assert set(pages["reruns"][scope]) == set(PAGES)
        assert seconds == max(p["first_s"] for p in pages["reruns"][scope].values())
        assert pages["reruns"][scope][page]["first_s"] == seconds
