"""`python -m benchmarks [--scale national] [--years 1] [--seed 1] [--out var/bench] [--steps …]`.

Runs each step in its own subprocess, in order, and prints ONE JSON document: the machine, the
parameters, every step's figures with its wall/CPU time and peak memory, the targets of issue 6 next to
the figures, and the two side-by-side ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import TARGETS
from loaders.prepared import CACHE_ENV

ORDER = (
    "generate",
    "import",
    "import_10k",
    "pandas_10k",
    "prepare",
    "cold_start",
    "bare",
    "heatmap",
    "chain",
    "scenario",
    "pages",
)
MODULES = {
    "scenario": ("model.scenario", "model.comparison"),
    "pages": ("dashboard.app", "dashboard.navigation", "dashboard.data"),
    "prepare": ("dashboard.prepare",),
    "cold_start": ("dashboard.prepare",),
    "heatmap": ("dashboard.figures",),
    "chain": ("dashboard.data",),
}
"""Modules a step needs; a step whose module does not exist is reported as skipped."""

PACKAGES = (
    "polars", "networkx", "streamlit", "sqlite-utils", "xlsxwriter", "fastexcel", "openpyxl", "pandas",
    "python-docx", "pyarrow",
)  # fmt: skip


def machine() -> dict[str, Any]:
    """Return the facts of the machine the figures were measured on."""
    mem = _meminfo()
    cpu = ""
    with contextlib.suppress(OSError):
        models = [
            line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")
        ]
        cpu = models[0].split(":", 1)[1].strip() if models else ""
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    import sqlite3

    versions["sqlite"] = sqlite3.sqlite_version
    return {
        "cores": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem.get("MemTotal", 0) / 2**20, 1),
        "ram_available_gib": round(mem.get("MemAvailable", 0) / 2**20, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def _meminfo() -> dict[str, int]:
    out = {}
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            key, _, rest = line.partition(":")
            out[key] = int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        pass
    return out


def _missing_module(step: str) -> str | None:
    import importlib.util

    for module in MODULES.get(step, ()):
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            return module
    return None


def _rss_gib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 2**20
    except (OSError, ValueError):
        pass
    return 0.0


def run_step(name: str, params: dict[str, Any], timeout: float | None, max_rss_gib: float) -> dict[str, Any]:
    """Run one step in a fresh interpreter and return its figures (or why it failed).

    The step is stopped when its resident memory passes `max_rss_gib`, so that a step that would not
    fit never pushes the machine into its out-of-memory killer, which could hit someone else's process.
    """
    missing = _missing_module(name)
    if missing is not None:
        return {"status": f"skipped: module {missing} does not exist yet"}
    started = time.perf_counter()
    command = [sys.executable, "-m", "benchmarks.steps", name, json.dumps(params)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        env = {**os.environ, CACHE_ENV: str(Path(params["db"]).parent / "prepared")}  # the bench's own states
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True, env=env)
        reason = ""
        while child.poll() is None:
            if timeout is not None and time.perf_counter() - started > timeout:
                reason = f"failed: timed out after {timeout} s"
            elif (rss := _rss_gib(child.pid)) > max_rss_gib:
                reason = f"failed: stopped at {rss:.1f} GiB resident, over the limit of {max_rss_gib} GiB"
            if reason:
                child.kill()
                child.wait()
                err.seek(0)
                trail = err.read()[-2000:]
                wall = round(time.perf_counter() - started, 3)
                return {"status": reason, "process_wall_s": wall, "stderr": trail}
            time.sleep(0.2)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if child.returncode != 0 or not lines:
        return {"status": f"failed: exit {child.returncode}", "stderr": (stderr or stdout)[-2000:]}
    figures: dict[str, Any] = json.loads(lines[-1])
    figures["process_wall_s"] = round(time.perf_counter() - started, 3)
    return figures


def _figure(steps: dict[str, dict[str, Any]], step: str, key: str) -> float | None:
    value = steps.get(step, {}).get(key)
    return float(value) if isinstance(value, (int, float)) else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def verdicts(steps: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return each target with the measured figure (wall seconds, and CPU seconds) and whether it is met."""

    def f(step: str, key: str) -> float | None:
        return _figure(steps, step, key)

    peaks = {
        k: v.get("peak_rss_mib") for k, v in steps.items() if isinstance(v.get("peak_rss_mib"), (int, float))
    }
    values: dict[str, tuple[float | None, float | None]] = {
        "page_rerun_country_s": (f("pages", "page_rerun_country_s"), f("pages", "page_rerun_country_cpu_s")),
        "page_rerun_region_s": (f("pages", "page_rerun_region_s"), f("pages", "page_rerun_region_cpu_s")),
        "cold_start_s": (f("cold_start", "cold_start_s"), f("cold_start", "cold_start_cpu_s")),
        "heatmap_s": (f("heatmap", "heatmap_s"), f("heatmap", "heatmap_cpu_s")),
        "scenario_s": (f("scenario", "scenario_s"), f("scenario", "scenario_cpu_s")),
        "import_10k_s": (f("import_10k", "import_s"), f("import_10k", "import_cpu_s")),
        "peak_memory_mib": (max(peaks.values()) if peaks else None, None),  # type: ignore[type-var]
        "import_speedup_vs_pandas": (
            f("import_10k", "speedup_median"),
            f("import_10k", "speedup_cpu_median"),
        ),
        "cold_start_vs_bare": (
            _ratio(f("cold_start", "cold_start_s"), f("bare", "bare_s")),
            _ratio(f("cold_start", "cold_start_cpu_s"), f("bare", "bare_cpu_s")),
        ),
    }
    out: dict[str, dict[str, Any]] = {}
    for key, target in TARGETS.items():
        value, cpu = values.get(key, (None, None))
        out[key] = {"value": value, **({"value_cpu": cpu} if cpu is not None else {}), **target,
                    "met": _met(value, target)}  # fmt: skip
    if peaks:
        out["peak_memory_mib"]["by_step"] = peaks
    return out


def _met(value: float | None, target: dict[str, object]) -> bool | None:
    if value is None:
        return None
    if "max" in target:
        return value <= float(target["max"])  # type: ignore[arg-type]
    return value >= float(target["min"])  # type: ignore[arg-type]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national", choices=("region", "federal-district", "national"))
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("var/bench"))
    parser.add_argument(
        "--steps", nargs="*", default=list(ORDER), help=f"steps to run, of: {' '.join(ORDER)}"
    )
    parser.add_argument("--jobs", type=int, default=1, help="processes writing regions in `generate`")
    parser.add_argument("--large-rows", type=int, default=10_000, help="activities of the large xlsx roadmap")
    parser.add_argument(
        "--rounds", type=int, default=5, help="times the large roadmap is imported, and read by pandas"
    )
    parser.add_argument("--chains", type=int, default=100, help="chain queries per roadmap level")
    parser.add_argument("--operations", type=int, default=100, help="operations of the what-if scenario")
    parser.add_argument("--timeout", type=float, default=7200.0, help="seconds a step may take")
    parser.add_argument(
        "--max-rss-gib", type=float, default=12.0, help="resident memory at which a step is stopped"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark steps and print one JSON document."""
    args = _parser().parse_args(argv)
    steps_wanted = [s for part in args.steps for s in part.replace(",", " ").split()]
    unknown = [s for s in steps_wanted if s not in ORDER]
    if unknown:
        print(f"unknown steps: {unknown}; known: {ORDER}", file=sys.stderr)
        return 2
    base = (args.out / f"{args.scale}-y{args.years}-s{args.seed}").resolve()
    base.mkdir(parents=True, exist_ok=True)
    large = base / "large-roadmap.xlsx"
    params = {
        "scale": args.scale, "years": args.years, "seed": args.seed, "jobs": args.jobs,
        "data": str(base / "data"), "db": str(base / "karta.sqlite"), "large": str(large),
        "large_entry": str(base / "large-roadmap.json"), "large_db": str(base / "large.sqlite"),
        "chains": args.chains, "operations": args.operations, "rounds": args.rounds,
    }  # fmt: skip
    if {"import_10k", "pandas_10k"} & set(steps_wanted):
        _large_roadmap(large, args.large_rows, args.seed, Path(params["large_entry"]))
    started = datetime.now(UTC)
    report: dict[str, Any] = {
        "command": "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]),
        "started_at": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "params": {k: params[k] for k in ("scale", "years", "seed", "jobs", "chains", "operations", "rounds")}
        | {"large_rows": args.large_rows, "out": str(base), "max_rss_gib": args.max_rss_gib},
        "memory_method": "peak_rss_mib = ru_maxrss of the step's own fresh subprocess (python -m "
        "benchmarks.steps); steps on the ready state get it first, untimed, and give rss_before_mib",
        "cold_start_method": "`prepare` builds the dashboard's snapshot from the stored rows (what follows "
        "an import) and keeps it in the cache folder; `cold_start` is a fresh process getting the snapshot "
        "as the dashboard does: read back when kept for this data version and code, else built",
        "timing_method": "wall seconds (perf_counter) of the measured call inside the step's process; "
        "*_cpu_s are process CPU seconds, which a busy shared machine inflates less; "
        "the large roadmap's import and its pandas reading are each the median of `rounds` runs in one "
        "process (the first round is also given alone); in `import_10k` each import round follows a pandas "
        "reading, and the import's speed-up is the median of those rounds' ratios",
        "steps": {},
    }
    for name in ORDER:
        if name in steps_wanted:
            report["steps"][name] = run_step(name, params, args.timeout, args.max_rss_gib)
    report["targets"] = verdicts(report["steps"])
    steps = report["steps"]
    report["ratios"] = {
        "import_speedup_vs_pandas_openpyxl": report["targets"]["import_speedup_vs_pandas"]["value"],
        "import_speedup_vs_pandas_openpyxl_cpu": report["targets"]["import_speedup_vs_pandas"].get(
            "value_cpu"
        ),
        # The parts of the import against the pandas rounds of the same step, read in the same process.
        **{
            f"{part}_speedup_vs_pandas_openpyxl": _ratio(
                _figure(steps, "import_10k", "pandas_read_s"), _figure(steps, "import_10k", f"{part}_s")
            )
            for part in ("read_tables", "calamine_only", "floor", "floor_rows", "floor_unindexed")
        },
        "cold_start_vs_bare_sqlite_polars": report["targets"]["cold_start_vs_bare"]["value"],
        "cold_start_vs_bare_sqlite_polars_cpu": report["targets"]["cold_start_vs_bare"].get("value_cpu"),
    }
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["total_wall_s"] = round((datetime.now(UTC) - started).total_seconds(), 1)
    text = json.dumps(report, ensure_ascii=False, indent=1, default=str)
    (base / "results.json").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def _large_roadmap(path: Path, rows: int, seed: int, entry_path: Path) -> None:
    """Write the large roadmap once per size and seed (its writing is not what the step measures)."""
    from loaders.synthetic import write_large_roadmap

    stamp = path.with_suffix(f".{rows}-{seed}.done")
    if path.exists() and entry_path.exists() and stamp.exists():
        return
    entry = write_large_roadmap(path, rows, seed)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    for old in path.parent.glob(f"{path.stem}.*.done"):
        old.unlink()
    stamp.touch()


if __name__ == "__main__":
    sys.exit(main())
