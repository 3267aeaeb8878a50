"""One benchmark step per subprocess: `python -m benchmarks.steps NAME PARAMS_JSON` prints one JSON line.

Every step returns its figures; the runner adds the wall and CPU time of the whole step, the process's
peak resident memory (`ru_maxrss`) and, for steps that first build the ready state, the resident memory
before their own work (`rss_before_mib`).
"""

from __future__ import annotations

import gc
import json
import random
import resource
import shutil
import statistics
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

Figures = dict[str, Any]


@dataclass(slots=True)
class Clock:
    """Wall and CPU seconds of named phases, the kernel's part of the CPU seconds and the page faults."""

    phases: dict[str, dict[str, float]] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        wall, cpu, usage = time.perf_counter(), time.process_time(), resource.getrusage(resource.RUSAGE_SELF)
        try:
            yield
        finally:
            after = resource.getrusage(resource.RUSAGE_SELF)
            seen = self.phases.setdefault(
                name, {"wall_s": 0.0, "cpu_s": 0.0, "sys_s": 0.0, "page_faults": 0, "calls": 0}
            )
            seen["wall_s"] = round(seen["wall_s"] + time.perf_counter() - wall, 4)
            seen["cpu_s"] = round(seen["cpu_s"] + time.process_time() - cpu, 4)
            seen["sys_s"] = round(seen["sys_s"] + after.ru_stime - usage.ru_stime, 4)
            seen["page_faults"] += after.ru_minflt + after.ru_majflt - usage.ru_minflt - usage.ru_majflt
            seen["calls"] += 1

    def wall(self, name: str) -> float:
        return self.phases[name]["wall_s"]

    def rounds(self, name: str) -> list[tuple[float, float]]:
        """Return the wall and CPU seconds of a phase timed in rounds (`name_0`, `name_1`, …), in order."""
        return [
            (seen["wall_s"], seen["cpu_s"])
            for phase, seen in self.phases.items()
            if (split := phase.rpartition("_"))[0] == name and split[2].isdigit()
        ]

    def total(self, key: str) -> float:
        """Return the wall or CPU seconds (`wall_s`, `cpu_s`) of all phases together."""
        return sum(phase[key] for phase in self.phases.values())


def rss_mib() -> float:
    """Return the resident memory of this process now, in MiB (Linux /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")


def peak_mib() -> float:
    """Return the peak resident memory of this process, in MiB (`ru_maxrss` is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --- data ---------------------------------------------------------------------------------------------------


def step_generate(p: dict[str, Any]) -> Figures:
    from loaders.synthetic import generate

    data = Path(p["data"])
    if data.exists():
        shutil.rmtree(data)
    summary = generate(data, scale=p["scale"], years=p["years"], seed=p["seed"], jobs=p.get("jobs", 1))
    figures = summary.as_dict()
    figures["files_total"] = sum(summary.files.values())
    figures["jobs"] = p.get("jobs", 1)
    return figures


def _fresh_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def step_import(p: dict[str, Any]) -> Figures:
    """Import the generated files region by region: `load_batch` of a region's files, then `write_results`."""
    from loaders.importer import load_batch, sample_inputs, write_results
    from loaders.store import open_store

    data, db = Path(p["data"]), Path(p["db"])
    _fresh_db(db)
    inputs = sample_inputs(data)
    regions: dict[str, list[Any]] = {}
    for item in inputs:
        regions.setdefault(item.path.relative_to(data).parts[0], []).append(item)
    clock = Clock()
    totals: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    load_wall = write_wall = load_cpu = write_cpu = 0.0
    now = datetime(2025, 1, 15, tzinfo=UTC)
    with clock.phase("total"), open_store(db) as store:
        for name, items in regions.items():
            with clock.phase(f"load:{name}"):
                results = load_batch(items)
            with clock.phase(f"write:{name}"):
                write_results(store, results, now)
            load_wall += clock.phases[f"load:{name}"]["wall_s"]
            load_cpu += clock.phases[f"load:{name}"]["cpu_s"]
            write_wall += clock.phases[f"write:{name}"]["wall_s"]
            write_cpu += clock.phases[f"write:{name}"]["cpu_s"]
            for r in results:
                rep = r.report
                totals["files"] += 1
                totals["files_not_ok"] += 0 if rep.ok else 1
                totals["entities"] += len(r.entities)
                totals["links"] += len(r.links)
                totals["progress_rows"] += len(r.progress)
                for t in rep.tables:
                    totals["rows_read"] += t.rows_read
                    totals["activities"] += t.activities
                    totals["rejected_rows"] += len(t.rejected)
                    totals["executors_resolved"] += t.resolved
                    totals["executors_unresolved"] += t.unresolved
                for issue in rep.issues:
                    severities[str(issue.severity)] += 1
                    codes[issue.code] += 1
    size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
    total = clock.phases["total"]
    return {
        "mode": "per region: loaders.importer.load_batch(files of the region) + write_results(store)",
        "regions": len(regions),
        **dict(totals),
        "issues_by_severity": dict(severities),
        "issues_by_code": dict(codes.most_common(12)),
        "load_wall_s": round(load_wall, 2),
        "load_cpu_s": round(load_cpu, 2),
        "write_wall_s": round(write_wall, 2),
        "write_cpu_s": round(write_cpu, 2),
        "total_wall_s": total["wall_s"],
        "rows_per_s": round(totals["rows_read"] / total["wall_s"]) if total["wall_s"] else None,
        "db_mib": round(size / 2**20, 1),
    }


# --- the 10,000-row roadmap ---------------------------------------------------------------------------------


def step_import_10k(p: dict[str, Any]) -> Figures:
    """Import one 10,000-row xlsx roadmap: read, lay out, parse deadlines and executors, write to SQLite.

    The import runs `rounds` times, each into a fresh store, each right after the same file is read by
    pandas + openpyxl (`step_pandas_10k`'s reading), so that both meet the machine in the same state: the
    first round is this fresh process's first import; the median of the rounds' ratios (`speedup_median`)
    is the one compared with the target, so that one burst of a busy machine does not decide it. Python's
    garbage collector runs to its end before each timed reading, so that neither pays for the other's
    leftovers. Before the rounds, untimed in the import: the same file read by calamine alone (what
    `loaders.read` uses) and by `loaders.read.read_tables`, to show where the import's time goes.
    """
    import fastexcel

    from loaders.importer import FileInput, load_batch, options_of, write_results
    from loaders.read import read_tables
    from loaders.store import open_store

    path = Path(p["large"])
    entry = json.loads(Path(p["large_entry"]).read_text(encoding="utf-8"))
    db = Path(p["large_db"])
    clock = Clock()
    count = max(1, int(p.get("rounds", 1)))
    for i in range(count):
        with clock.phase(f"calamine_only_{i}"):
            reader = fastexcel.read_excel(path.read_bytes())
            for name in reader.sheet_names:
                reader.load_sheet(name, header_row=None, dtypes="string").to_polars()
    with clock.phase("read_tables"):
        read_tables(path)
    rounds: list[Clock] = []
    pandas: list[tuple[float, float]] = []
    for _ in range(count):
        gc.collect()
        pandas.append(_pandas_read(path)[0])
        _fresh_db(db)
        gc.collect()
        rounds.append(one := Clock())
        with one.phase("load"):
            results = load_batch([FileInput(path, options_of(entry))])
        with one.phase("write"), open_store(db) as store:
            write_results(store, results, datetime(2025, 1, 15, tzinfo=UTC))
    table = next(t for t in results[0].report.tables if t.kind == "roadmap")
    floor = _storing_floor(db, db.with_name("large-floor.sqlite"), len(rounds))
    return {
        "rows_read": table.rows_read,
        "activities": table.activities,
        "sections": table.sections,
        "rejected": len(table.rejected),
        "executors_resolved": table.resolved,
        "executors_unresolved": table.unresolved,
        "load_s": _median(r.wall("load") for r in rounds),
        "write_s": _median(r.wall("write") for r in rounds),
        **_round_figures("import", ours := [(r.total("wall_s"), r.total("cpu_s")) for r in rounds]),
        **_round_figures("pandas_read", pandas),
        "speedup_rounds": [
            round(theirs / mine, 2) for (theirs, _), (mine, _) in zip(pandas, ours, strict=True)
        ],
        "speedup_median": _median(theirs / mine for (theirs, _), (mine, _) in zip(pandas, ours, strict=True)),
        "speedup_cpu_median": _median(
            theirs / mine for (_, theirs), (_, mine) in zip(pandas, ours, strict=True)
        ),
        "read_tables_s": clock.wall("read_tables"),
        "read_tables_cpu_s": clock.phases["read_tables"]["cpu_s"],
        **(calamine := _round_figures("calamine_only", clock.rounds("calamine_only"))),
        **floor,
        "floor_s": round(calamine["calamine_only_s"] + floor["blocks_insert_only_s"], 4),
        "floor_rows_s": round(calamine["calamine_only_s"] + floor["sqlite_insert_only_s"], 4),
        "floor_unindexed_s": round(calamine["calamine_only_s"] + floor["sqlite_insert_unindexed_s"], 4),
        "phases": clock.phases,
    }


def _median(values: Iterable[float]) -> float:
    return round(statistics.median(values), 4)


def _round_figures(name: str, rounds: list[tuple[float, float]]) -> Figures:
    """Name the median wall and CPU seconds of repeated rounds, the first round's, the fastest and all."""
    walls = [w for w, _ in rounds]
    return {
        f"{name}_s": _median(walls),
        f"{name}_cpu_s": _median(c for _, c in rounds),
        f"{name}_first_s": round(walls[0], 4),
        f"{name}_min_s": round(min(walls), 4),
        f"{name}_rounds_s": [round(w, 4) for w in walls],
    }


_STORED = {
    "entities": 'id, kind, name, data, file, sheet, "row", import_file',
    "links": 'source, kind, key, target, attrs, file, sheet, "row", import_file',
}


def _storing_floor(written: Path, fresh: Path, rounds: int) -> Figures:
    """Time storing the rows the import wrote, and nothing else, into a fresh store (the median of `rounds`).

    `blocks_insert_only_s` stores them as the import does (`loaders.blocks`: the activities and their
    links as the Arrow columns of their blocks, the rest as table rows); with `calamine_only_s` it is
    the floor of this import: reading the cells and storing the finished rows and columns, with no
    layout, parsing, resolving or encoding of entities. `sqlite_insert_only_s` stores every entity and
    link as a row of its table with a bare `executemany` (the floor of one row each),
    `sqlite_insert_unindexed_s` into bare tables with no index or constraint.
    """
    import sqlite3

    from loaders.blocks import read_columns, stored_blocks, write_blocks
    from loaders.store import open_store

    with open_store(written) as source:
        db = source.db
        tables = {t: db.execute(f"SELECT {c} FROM {t} ORDER BY rowid").fetchall() for t, c in _STORED.items()}
        imports = db.execute("SELECT file, path, sha256, format, imported_at, report FROM imports").fetchall()
        blocks = {part: list(stored_blocks(db, part)) for part in _STORED}
        as_columns = {
            part: [(file, scope, read_columns(data)) for file, scope, data in db.execute(
                "SELECT import_file, scope, data FROM blocks WHERE part = ? ORDER BY id", [part]
            )]
            for part in _STORED
        }  # fmt: skip
    rows = {t: tables[t] + [(*r, f) for f, _, held in blocks[t] for r in held] for t in _STORED}

    def insert_imports(conn: sqlite3.Connection) -> None:
        conn.executemany(
            "INSERT INTO imports (file, path, sha256, format, imported_at, report, rows_read, entities, "
            "links, progress, issues) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0)",
            imports,
        )

    def insert(conn: sqlite3.Connection, held: dict[str, list[Any]]) -> None:
        for table, columns in _STORED.items():
            marks = ", ".join("?" * len(columns.split(", ")))
            conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", held[table])

    clock = Clock()

    def into_store(phase: str, held: dict[str, list[Any]], as_blocks: dict[str, list[Any]]) -> None:
        _fresh_db(fresh)
        with clock.phase(phase), open_store(fresh) as store:
            conn = store.db.conn
            conn.execute("BEGIN IMMEDIATE")
            insert_imports(conn)
            insert(conn, held)
            for part, found in as_blocks.items():
                for file, scope, block in found:
                    write_blocks(store.db, file, scope, part, block)
            conn.execute("COMMIT")

    def unindexed(phase: str) -> None:
        _fresh_db(fresh)
        with clock.phase(phase), closing(sqlite3.connect(fresh)) as bare:
            bare.execute("PRAGMA journal_mode = WAL")
            bare.execute("PRAGMA synchronous = NORMAL")
            for table, columns in _STORED.items():
                bare.execute(f"CREATE TABLE {table} ({columns})")
            bare.execute("BEGIN IMMEDIATE")
            insert(bare, rows)
            bare.execute("COMMIT")

    for i in range(rounds):
        into_store(f"blocks_insert_only_{i}", tables, as_columns)
        into_store(f"sqlite_insert_only_{i}", rows, {})
        unindexed(f"sqlite_insert_unindexed_{i}")
    _fresh_db(fresh)
    return {
        **{
            f: v
            for part in ("blocks_insert_only", "sqlite_insert_only", "sqlite_insert_unindexed")
            for f, v in _round_figures(part, clock.rounds(part)).items()
        },
        "blocks_rows": sum(len(held) for part in blocks.values() for _, _, held in part),
        "sqlite_insert_only_rows": sum(len(r) for r in rows.values()),
    }


def _pandas_read(path: Path) -> tuple[tuple[float, float], Any]:
    """Return the seconds (wall, CPU) of reading a file by pandas + openpyxl, as text, and the frame."""
    import pandas as pd

    clock = Clock()
    with clock.phase("read"):
        frame = pd.read_excel(path, engine="openpyxl", header=None, dtype=str)
    return (clock.wall("read"), clock.phases["read"]["cpu_s"]), frame


def step_pandas_10k(p: dict[str, Any]) -> Figures:
    """Read the same 10,000-row file with pandas + openpyxl, every cell as text, and nothing else.

    As many rounds as the import, the first in this fresh process, summed up the same way.
    """
    rounds = []
    for _ in range(max(1, int(p.get("rounds", 1)))):
        seconds, frame = _pandas_read(Path(p["large"]))
        rounds.append(seconds)
    return {
        **_round_figures("read", rounds),
        "rows": int(frame.shape[0]),
        "columns": int(frame.shape[1]),
    }


# --- the ready state ----------------------------------------------------------------------------------------


_SNAPSHOT_PHASES = (
    ("model.graph", "build_graph", "dashboard.data"),
    ("model.queries", "index_of", None),
    ("dashboard.data", "_labels", None),
    ("model.workload", "graph_tables", None),
    ("model.territory", "territory_index", None),
    ("model.workload", "assignments_from_tables", None),
    ("model.workload", "load_by_month", None),
    ("model.workload", "overload", None),
    ("dashboard.data", "_executors", None),
    ("dashboard.data", "_activities", None),
    ("dashboard.data", "_territories", None),
    ("dashboard.data", "_schools", None),
    ("dashboard.data", "_roadmaps", None),
    ("model.checks", "broken_chains", None),
    ("model.checks", "check_graph", None),
)


@contextmanager
def _timed_phases(clock: Clock) -> Iterator[None]:
    """Time the functions `dashboard.data.snapshot_of` calls, by wrapping them where it looks them up."""
    import importlib

    saved: list[tuple[Any, str, Any]] = []

    def wrap(fn: Callable[..., Any], name: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with clock.phase(name):
                result = fn(*args, **kwargs)
            clock.phases[name]["rss_after_mib"] = rss_mib()
            # A step stopped for its memory leaves this trail on stderr: how far it got, at what size.
            print(f"{name}: {clock.phases[name]['wall_s']} s, {rss_mib()} MiB", file=sys.stderr, flush=True)
            return result

        return timed

    for module_name, attr, also in _SNAPSHOT_PHASES:
        for target in filter(None, (module_name, also)):
            module = importlib.import_module(target)
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, wrap(getattr(module, attr), f"{module_name.split('.')[-1]}.{attr}"))
    try:
        yield
    finally:
        for module, attr, fn in reversed(saved):
            setattr(module, attr, fn)


def built_state(db: str, clock: Clock | None = None) -> Any:
    """Return the dashboard's snapshot of a database, built from the stored rows as after an import."""
    from dashboard.data import snapshot_of
    from loaders.store import load_inputs, open_store

    clock = clock or Clock()
    with clock.phase("load_inputs"), open_store(db) as store:
        inputs = load_inputs(store)
    clock.phases["load_inputs"]["rss_after_mib"] = rss_mib()
    print(f"load_inputs: {clock.wall('load_inputs')} s, {rss_mib()} MiB", file=sys.stderr, flush=True)
    with clock.phase("snapshot_of"):
        snap = snapshot_of(inputs, str(Path(db).resolve()))
    return snap


def ready_state(db: str) -> Any:
    """Return the dashboard's snapshot of a database as the dashboard gets it (kept, else built).

    As in the dashboard (`dashboard.data`), its objects are then frozen out of the garbage collector's
    sight: otherwise a full collection walking millions of them pauses whatever query runs next.
    """
    import gc

    from dashboard import prepare
    from dashboard.data import Snapshot, current_version

    path = str(Path(db).resolve())
    snap = prepare.prepared(path, current_version(path), Snapshot, lambda: built_state(path))[0]
    gc.freeze()
    return snap


def _shape(snap: Any) -> Figures:
    return {
        "nodes": snap.G.number_of_nodes(),
        "edges": snap.G.number_of_edges(),
        "activities": snap.activities.height,
        "assignments": snap.assignments.height,
        "load_rows": snap.load.height,
        "executors": snap.executors.height,
        "progress_reports": snap.progress.height,
        "issues": len(snap.issues),
    }


def step_prepare(p: dict[str, Any]) -> Figures:
    """Time building the snapshot from the stored rows (what follows an import), then keeping it on disk."""
    import dashboard.data  # noqa: F401  (imported before timing: module imports are not the data's cost)
    from dashboard import prepare
    from dashboard.data import current_version
    from loaders.prepared import forget_prepared, write_prepared

    path = str(Path(p["db"]).resolve())
    forget_prepared(path)
    clock = Clock()
    breakdown = Clock()
    with clock.phase("build"), _timed_phases(breakdown):
        snap = built_state(path, clock)
    with clock.phase("keep"):
        kept = write_prepared(path, current_version(path), lambda f: prepare.dump(snap, f))
    return {
        "prepare_s": round(clock.wall("build") + clock.wall("keep"), 4),
        "build_s": clock.wall("build"),
        "build_cpu_s": clock.phases["build"]["cpu_s"],
        "load_inputs_s": clock.wall("load_inputs"),
        "snapshot_of_s": clock.wall("snapshot_of"),
        "keep_s": clock.wall("keep"),
        "kept_mib": round(kept.stat().st_size / 2**20, 1) if kept else None,
        "kept_in": str(kept.parent) if kept else None,
        "breakdown_s": {k: v["wall_s"] for k, v in breakdown.phases.items()},
        "breakdown_calls": {k: v["calls"] for k, v in breakdown.phases.items() if v["calls"] > 1},
        "rss_after_mib": {"load_inputs": clock.phases["load_inputs"].get("rss_after_mib")}
        | {k: v.get("rss_after_mib") for k, v in breakdown.phases.items()},
        **_shape(snap),
    }


def step_cold_start(p: dict[str, Any]) -> Figures:
    """Time a cold start: a fresh process gets the snapshot of the store as `dashboard.data` does."""
    import dashboard.data  # noqa: F401  (imported before timing: module imports are not the data's cost)
    from dashboard import prepare
    from dashboard.data import Snapshot, current_version

    path = str(Path(p["db"]).resolve())
    clock = Clock()
    with clock.phase("total"):
        snap, how = prepare.prepared(path, current_version(path), Snapshot, lambda: built_state(path))
    return {
        "cold_start_s": clock.wall("total"),
        "cold_start_cpu_s": clock.phases["total"]["cpu_s"],
        "cold_start_sys_s": clock.phases["total"]["sys_s"],
        "cold_start_page_faults": clock.phases["total"]["page_faults"],
        "snapshot": how,
        **_shape(snap),
    }


def step_bare(p: dict[str, Any]) -> Figures:
    """Read the stored tables and blocks into polars and build nothing: the lower bound of a cold start."""
    import sqlite3

    import polars as pl

    from loaders.blocks import decode

    clock = Clock()
    shapes = {}
    with clock.phase("total"):
        conn = sqlite3.connect(p["db"])
        for table in ("entities", "links", "progress"):
            frame = pl.read_database(f"SELECT * FROM {table}", conn, infer_schema_length=None)
            shapes[table] = frame.height
        for part in ("entities", "links"):
            blocks = conn.execute("SELECT data FROM blocks WHERE part = ?", [part]).fetchall()
            shapes[f"{part}_in_blocks"] = sum(len(decode(data)) for (data,) in blocks)
        conn.close()
    total = clock.phases["total"]
    return {
        "bare_s": total["wall_s"], "bare_cpu_s": total["cpu_s"], "bare_sys_s": total["sys_s"],
        "bare_page_faults": total["page_faults"], "rows": shapes,
    }  # fmt: skip


# --- queries on the ready state -----------------------------------------------------------------------------


def step_heatmap(p: dict[str, Any]) -> Figures:
    """Time the heatmaps of the Сроки page for the whole country, and the aggregations behind them.

    `heatmap_s` is what a first visit to the page at country scope computes before it draws (each is
    then kept per data version and view): the executor heatmap from the snapshot's load (the slower of
    its two measures) and the territory heatmap from the snapshot's windows per node and month. Timed
    apart and not in it: `load_by_month` and `window_months`, which the snapshot already holds (built
    once per data version, in the cold start), and `window_status`, which the page reads only for the
    list behind a territory cell (the overview computes it for the day, and it is kept per day).
    """
    from dashboard import figures
    from model import progress, workload

    snap = ready_state(p["db"])
    before = rss_mib()
    as_of = _as_of(snap)
    clock = Clock()
    with clock.phase("load_by_month"):
        load = workload.load_by_month(snap.assignments)
    with clock.phase("executor_heatmap_due"):
        cells = figures.executor_heatmap(snap, figures.Place(), "due")
    with clock.phase("executor_heatmap_active"):
        figures.executor_heatmap(snap, figures.Place(), "active")
    with clock.phase("window_months"):
        window_months = progress.window_months(snap.assignments)
    with clock.phase("area_heatmap"):
        areas = figures.area_heatmap(snap, figures.Place())
    with clock.phase("window_status"):
        statuses = progress.window_status(snap.assignments, snap.progress, as_of)
    executor = max(("executor_heatmap_due", "executor_heatmap_active"), key=clock.wall)
    page = (executor, "area_heatmap")
    return {
        "heatmap_s": round(sum(clock.wall(k) for k in page), 4),
        "heatmap_cpu_s": round(sum(clock.phases[k]["cpu_s"] for k in page), 4),
        "heatmap_phases": list(page),
        "load_by_month_s": clock.wall("load_by_month"),
        "window_months_s": clock.wall("window_months"),
        "window_status_s": clock.wall("window_status"),
        "as_of": as_of.isoformat(),
        "phases_s": {k: v["wall_s"] for k, v in clock.phases.items()},
        "phases_cpu_s": {k: v["cpu_s"] for k, v in clock.phases.items()},
        "load_rows": load.height,
        "load_as_in_snapshot": load.equals(snap.load),
        "executor_cells": cells.height,
        "dated_windows": int(window_months["windows"].sum()),
        "window_months_as_in_snapshot": window_months.equals(snap.window_months),
        "window_statuses": statuses.height,
        "area_cells": areas.height,
        "rss_before_mib": before,
    }


def _as_of(snap: Any) -> date:
    """Return the middle of the latest plan year: a date on which some windows are due, some overdue."""
    import polars as pl

    latest = snap.assignments.select(pl.col("end").max()).item()
    return date(latest.year, 2, 15) if latest is not None else date.today()


def _sample(rng: random.Random, items: list[str], k: int) -> list[str]:
    return rng.sample(items, min(k, len(items)))


def step_chain(p: dict[str, Any]) -> Figures:
    """Time responsibility-chain queries: single activities of every level, and all a school carries."""
    import polars as pl

    from model import queries

    snap = ready_state(p["db"])
    before = rss_mib()
    rng = random.Random(p["seed"])
    acts = snap.activities
    timings: dict[str, list[float]] = {}
    broken = 0
    for level in ("region", "municipality", "school"):
        ids = acts.filter(pl.col("roadmap_level") == level)["activity"].to_list()
        for activity in _sample(rng, ids, p.get("chains", 100)):
            t = time.perf_counter()
            chain = queries.chain_of(snap.G, activity, index=snap.index)
            timings.setdefault(level, []).append(time.perf_counter() - t)
            broken += 1 if chain.broken else 0
    schools = snap.schools.filter("listed")["school"].to_list()
    for school in _sample(rng, schools, 20):
        t = time.perf_counter()
        queries.chains_of_school(snap.G, school, index=snap.index)
        timings.setdefault("school_union", []).append(time.perf_counter() - t)
    stats = {k: _stats(v) for k, v in timings.items()}
    return {
        "chain_s": max(s["p95_ms"] for k, s in stats.items() if k != "school_union") / 1000,
        "per_level_ms": stats,
        "chains_with_breaks": broken,
        "rss_before_mib": before,
    }


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "mean_ms": round(1000 * sum(ordered) / len(ordered), 3),
        "p95_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
        "max_ms": round(1000 * ordered[-1], 3),
    }


def step_scenario(p: dict[str, Any]) -> Figures:
    """Time a 100-operation what-if scenario on the country: its baseline, applying it, comparing."""
    import polars as pl

    from benchmarks.scenario_ops import operations_of
    from model.comparison import compare
    from model.ids import PART_MARK
    from model.scenario import apply_operations, state_from_plan

    snap = ready_state(p["db"])
    before = rss_mib()
    clock = Clock()
    with clock.phase("baseline"):
        # as the dashboard does (scenario_data.baseline): from what the snapshot read from the graph
        base = state_from_plan(snap.plan, snap.overrides, assignments=snap.assignments, labels=snap.labels)
    operations = operations_of(snap, random.Random(p["seed"]), p.get("operations", 100))
    with clock.phase("apply"):
        applied = apply_operations(base, operations)
    with clock.phase("compare"):
        comparison = compare(base, applied.state, as_of=_as_of(snap))
    return {
        "scenario_s": round(clock.wall("apply") + clock.wall("compare"), 4),
        "scenario_cpu_s": round(clock.phases["apply"]["cpu_s"] + clock.phases["compare"]["cpu_s"], 4),
        "baseline_s": clock.wall("baseline"),
        "apply_s": clock.wall("apply"),
        "compare_s": clock.wall("compare"),
        "operations": len(operations),
        "operation_kinds": dict(Counter(str(o.kind) for o in operations)),
        # the parts that the hand-overs of a month's work cut off long activities
        "parts_cut": applied.state.patch.entities.filter(
            pl.col("node").str.contains(PART_MARK, literal=True)
        ).height,
        "issues": len(applied.issues),
        "summary": comparison.summary(),
        "rss_before_mib": before,
    }


def step_pages(p: dict[str, Any]) -> Figures:
    """Time one rerun of every page at country, region and school scope through Streamlit's AppTest."""
    from benchmarks.pages import page_reruns

    return page_reruns(p["db"], p["seed"], timeout=p.get("page_timeout", 600.0))


STEPS: dict[str, Callable[[dict[str, Any]], Figures]] = {
    "generate": step_generate,
    "import": step_import,
    "import_10k": step_import_10k,
    "pandas_10k": step_pandas_10k,
    "prepare": step_prepare,
    "cold_start": step_cold_start,
    "bare": step_bare,
    "heatmap": step_heatmap,
    "chain": step_chain,
    "scenario": step_scenario,
    "pages": step_pages,
}


def run(name: str, params: dict[str, Any]) -> Figures:
    """Run a step and return its figures with the step's own wall and CPU time and peak memory."""
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        figures = {"status": "ok", **STEPS[name](params)}
    except Exception as error:
        figures = {"status": f"failed: {type(error).__name__}: {error}", "traceback": traceback.format_exc()}
    figures["step_wall_s"] = round(time.perf_counter() - wall, 3)
    figures["step_cpu_s"] = round(time.process_time() - cpu, 3)
    figures["peak_rss_mib"] = peak_mib()
    return figures


if __name__ == "__main__":
    result = run(sys.argv[1], json.loads(sys.argv[2]))
    print(json.dumps(result, ensure_ascii=False, default=str))
