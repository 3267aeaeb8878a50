"""The cache boundary: the frozen graph and the frames every page reads, per database and data version.

`st.cache_resource` is shared by every session, so it holds only read-only things: the frozen graph,
its index, polars frames (never changed in place) and frozen chain graphs. Caches are keyed on the
database path and `loaders.store.data_version` (plus small hashable arguments), never on a frame.

The what-if scenarios of «Сценарии» are cached in `dashboard.scenario_data`, on the same keys.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import networkx as nx
import polars as pl
import streamlit as st

from dashboard import prepare, texts, vega
from loaders.collector import collector_paused
from loaders.corrections import CapacityOverride, list_capacity_overrides
from loaders.store import StoredInputs, data_version, load_inputs, open_store
from model import checks, progress, queries, territory, workload
from model.entities import EXECUTOR_KINDS, NodeKind
from model.frames import natural_order
from model.graph import build_graph, node_table
from model.issues import Issue, sort_issues
from model.scenario import GraphPlan, graph_plan
from model.tables import date_series

DB_ENV = "KARTA_DB"
DEFAULT_DB = "var/karta.sqlite"
READONLY_ENV = "KARTA_READONLY"

_AUTHORITY_LEVELS = {
    "federal": "federal",
    "regional": "region",
    "municipal": "municipality",
    "district": "district",
}


def db_path() -> str:
    """Return the absolute path of the database the dashboard shows (env KARTA_DB, else var/karta.sqlite)."""
    return str(Path(os.environ.get(DB_ENV) or DEFAULT_DB).resolve())


def editable() -> bool:
    """Tell whether this workplace may write: capacities, saved scenarios (env KARTA_READONLY unset or 0)."""
    return os.environ.get(READONLY_ENV, "").strip() in ("", "0")


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Everything the pages read, built once per database and data version."""

    path: str
    version: str
    G: nx.MultiDiGraph
    index: queries.GraphIndex
    places: pl.DataFrame
    territories: pl.DataFrame
    schools: pl.DataFrame
    roadmaps: pl.DataFrame
    activities: pl.DataFrame
    assignments: pl.DataFrame
    plan: GraphPlan
    """What the scenario page's baseline reads from the graph, read with the rest."""
    load: pl.DataFrame
    window_months: pl.DataFrame
    overload: pl.DataFrame
    executors: pl.DataFrame
    progress: pl.DataFrame
    demo_progress: bool
    broken: pl.DataFrame
    issues: tuple[Issue, ...]
    overrides: Mapping[str, float]
    labels: Mapping[str, str]

    @property
    def is_empty(self) -> bool:
        """Tell whether the database holds no roadmap activity at all."""
        return self.activities.is_empty()

    def name(self, node: str | None) -> str:
        """Return the label of a node as the pages show it."""
        if node is None:
            return texts.NO_SELECTION
        return self.labels.get(node, node)


# --- building -------------------------------------------------------------------------------------------


def _labels(G: nx.MultiDiGraph) -> dict[str, str]:
    """Return each node's label: its short name when it has one, with its territory when that repeats, and
    the territory's region too when that still repeats."""
    table = node_table(G)
    entities = [(node, data["entity"]) for node, data in table.items()]
    out = {node: (getattr(entity, "short", "") or entity.name).strip() for node, entity in entities}
    repeated = {label for label, n in Counter(out.values()).items() if n > 1}
    for node in [n for n, label in out.items() if label in repeated]:
        entity = table[node]["entity"]
        where = getattr(entity, "territory", None)
        if where in table and entity.kind != NodeKind.TERRITORY:
            out[node] = f"{out[node]} ({table[where]['entity'].name})"
    still = {label for label, n in Counter(out.values()).items() if n > 1}
    for node in [n for n, label in out.items() if label in still]:  # namesake towns of other regions
        entity = table[node]["entity"]
        where = getattr(entity, "territory", None)
        up = getattr(table[where]["entity"], "parent", None) if where in table else None
        if up in table and entity.kind != NodeKind.TERRITORY:
            out[node] = f"{out[node][:-1]}, {table[up]['entity'].name})"
    return out


def _executor_level(
    kind: str, subkind: str | None, region: Any, municipality: Any, district: Any, school: Any
) -> str:
    if kind == NodeKind.SCHOOL or school:
        return "school"
    if kind == NodeKind.AUTHORITY and subkind in _AUTHORITY_LEVELS:
        return _AUTHORITY_LEVELS[subkind]
    if district:
        return "district"
    if municipality:
        return "municipality"
    return "region" if region else "federal"


def _refs_text(
    G: nx.MultiDiGraph, index: queries.GraphIndex, labels: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """Return, per activity, the lead's name and the co-executors' names as the cell names them."""
    table = node_table(G)

    def name_of(ref: Any) -> str:
        if ref.fan_out is None:
            return labels.get(ref.node, ref.node)
        where = table[ref.node]["entity"].name
        return f"{texts.FAN_OUTS.get(str(ref.fan_out), str(ref.fan_out))} «{where}»"

    out: dict[str, tuple[str, str]] = {}
    for activity, refs in index.refs.items():
        if len(refs) == 1:
            out[activity] = (name_of(refs[0]), "")
            continue
        names = [(ref.lead, name_of(ref)) for ref in refs]
        unique = list(dict.fromkeys(n for _, n in names))
        lead = next((n for is_lead, n in names if is_lead), unique[0] if unique else "")
        out[activity] = (lead, "; ".join(n for n in unique if n != lead))
    return out


def _activities(
    G: nx.MultiDiGraph, index: queries.GraphIndex, labels: dict[str, str], places: pl.DataFrame
) -> pl.DataFrame:
    refs = _refs_text(G, index, labels)
    table = node_table(G)
    activity = NodeKind.ACTIVITY
    found = [(node, data["entity"]) for node, data in table.items() if data["entity"].kind == activity]
    nodes = [node for node, _ in found]
    entities = [entity for _, entity in found]
    plans: dict[str, tuple[str | None, str, str | None, str | None, str]] = {}
    for roadmap in dict.fromkeys(e.roadmap for e in entities):
        rm = table[roadmap]["entity"] if roadmap in table else None
        issuer = rm.issuer if rm is not None and rm.issuer in table else None
        plans[roadmap] = (
            rm.id if rm else None,
            rm.name if rm else "",
            str(rm.level) if rm else None,
            issuer,
            labels.get(issuer, "") if issuer else "",
        )
    plan = [plans[e.roadmap] for e in entities]
    no_refs = ("", "")
    named = [refs.get(node, no_refs) for node in nodes]
    deadlines = [e.deadline for e in entities]
    sources = [e.source for e in entities]
    kinds = {k: str(k) for k in dict.fromkeys(d.kind for d in deadlines)}
    row_text = texts.SOURCE_ROW
    columns = {
        "activity": nodes,
        "roadmap": [p[0] for p in plan],
        "number": [e.number for e in entities],
        "text": [e.text for e in entities],
        "deadline_raw": [d.raw for d in deadlines],
        "deadline_kind": [kinds[d.kind] for d in deadlines],
        "deadline_start": date_series([d.start for d in deadlines]),
        "deadline_end": date_series([d.end for d in deadlines]),
        "weight": [float(e.weight) for e in entities],
        "executors_raw": [e.executors_raw for e in entities],
        "lead_name": [lead or e.executors_raw for (lead, _), e in zip(named, entities, strict=True)],
        "supporters": [supporters for _, supporters in named],
        "file": [s.file for s in sources],
        "sheet": [s.sheet for s in sources],
        "row": [s.row for s in sources],
        "roadmap_name": [p[1] for p in plan],
        "roadmap_level": [p[2] for p in plan],
        "issuer": [p[3] for p in plan],
        "issuer_name": [p[4] for p in plan],
        "source": [
            ", ".join([p for p in (s.file, s.sheet, row_text.format(row=s.row) if s.row else "") if p])
            for s in sources
        ],
    }
    frame = pl.DataFrame(columns, schema=ACTIVITY_INFO_SCHEMA)
    where = places.select(pl.col("node").alias("activity"), "region", "municipality", "district", "school")
    return frame.join(where, on="activity", how="left").sort("roadmap", "row", "activity", nulls_last=True)


def _columns(rows: list[tuple[Any, ...]], schema: Mapping[str, pl.DataType]) -> dict[str, list[Any]]:
    """Return rows as columns named by a schema (empty columns for no rows)."""
    if not rows:
        return {name: [] for name in schema}
    return dict(zip(schema, map(list, zip(*rows, strict=True)), strict=True))


ACTIVITY_INFO_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "roadmap": pl.String(),
    "number": pl.String(),
    "text": pl.String(),
    "deadline_raw": pl.String(),
    "deadline_kind": pl.String(),
    "deadline_start": pl.Date(),
    "deadline_end": pl.Date(),
    "weight": pl.Float64(),
    "executors_raw": pl.String(),
    "lead_name": pl.String(),
    "supporters": pl.String(),
    "file": pl.String(),
    "sheet": pl.String(),
    "row": pl.Int64(),
    "roadmap_name": pl.String(),
    "roadmap_level": pl.String(),
    "issuer": pl.String(),
    "issuer_name": pl.String(),
    "source": pl.String(),
}
"""One row per activity: what, the deadline as published, who leads, which roadmap, where it was read."""


def _executors(
    entities: pl.DataFrame,
    places: pl.DataFrame,
    overload: pl.DataFrame,
    capacity: pl.DataFrame,
    undated: pl.DataFrame,
    labels: dict[str, str],
    overrides: dict[str, float],
) -> pl.DataFrame:
    peaks = (
        overload.sort("ratio", "active", "month", descending=[True, True, False], nulls_last=True)
        .group_by("executor", maintain_order=True)
        .agg(
            pl.col("ratio").first().alias("peak_ratio"),
            pl.col("active").first().alias("peak_active"),
            pl.col("month").first().alias("peak_month"),
            (pl.col("ratio") > 1).sum().cast(pl.Int64).alias("months_over"),
        )
    )
    frame = (
        entities.filter(pl.col("kind").is_in([str(k) for k in EXECUTOR_KINDS]))
        .select(pl.col("node").alias("executor"), "kind", "subkind")
        .join(
            places.select(pl.col("node").alias("executor"), "region", "municipality", "district", "school"),
            on="executor",
            how="left",
        )
        .join(capacity, on="executor", how="left")
        .join(peaks, on="executor", how="left")
        .join(undated, on="executor", how="left")
        .with_columns(
            pl.col("months_over").fill_null(0),
            pl.col("undated").fill_null(0.0),
            pl.col("executor").replace_strict(labels, default=pl.col("executor")).alias("executor_name"),
            pl.col("executor").is_in(list(overrides)).alias("capacity_overridden"),
        )
    )
    levels = [
        _executor_level(*row)
        for row in frame.select("kind", "subkind", "region", "municipality", "district", "school").iter_rows()
    ]
    return frame.with_columns(pl.Series("level", levels, dtype=pl.String())).sort("executor")


def _territories(G: nx.MultiDiGraph) -> pl.DataFrame:
    up = territory.parents(G)
    kind = NodeKind.TERRITORY
    rows = [
        (n, e.name, str(e.level), up.get(n))
        for n, e in ((n, d["entity"]) for n, d in node_table(G).items())
        if e.kind == kind
    ]
    schema = {"node": pl.String(), "name": pl.String(), "level": pl.String(), "parent": pl.String()}
    return pl.DataFrame(_columns(rows, schema), schema=schema).sort("name")


def _roadmaps(G: nx.MultiDiGraph, places: pl.DataFrame, labels: Mapping[str, str]) -> pl.DataFrame:
    table = node_table(G)
    kind = NodeKind.ROADMAP
    rows = [
        (n, e.name, str(e.level), labels.get(e.issuer, "") if e.issuer in table else "")
        for n, e in ((n, d["entity"]) for n, d in table.items())
        if e.kind == kind
    ]
    schema = {
        "roadmap": pl.String(),
        "roadmap_name": pl.String(),
        "roadmap_level": pl.String(),
        "issuer_name": pl.String(),
    }
    where = places.select(pl.col("node").alias("roadmap"), "region", "municipality", "district", "school")
    return (
        pl.DataFrame(_columns(rows, schema), schema=schema)
        .join(where, on="roadmap", how="left")
        .sort("roadmap")
    )


def _schools(G: nx.MultiDiGraph, places: pl.DataFrame) -> pl.DataFrame:
    rows = []
    kind = NodeKind.SCHOOL
    for n, d in node_table(G).items():
        e = d["entity"]
        if e.kind != kind:
            continue
        listed = "; ".join(
            f"{texts.SCHOOL_STATUSES.get(str(s.status), str(s.status))} {texts.academic_year(s.year)}"
            for s in sorted(e.statuses, key=lambda s: s.year)
        )
        rows.append((n, e.name, listed, bool(e.statuses)))
    schema = {
        "school": pl.String(),
        "school_name": pl.String(),
        "statuses": pl.String(),
        "listed": pl.Boolean(),
    }
    frame = pl.DataFrame(_columns(rows, schema), schema=schema)
    where = places.select(pl.col("node").alias("school"), "territory", "region", "municipality", "district")
    placed = frame.join(where, on="school", how="left")
    # Every list of schools follows this order: by name as people read it («№ 23» before «№ 103»).
    return placed.sort(natural_order(placed["school_name"]), "school")


def snapshot_of(inputs: StoredInputs, path: str) -> Snapshot:
    """Return the snapshot of stored inputs: the frozen graph and every frame derived from it once."""
    with collector_paused():
        return _built_snapshot(inputs, path)


def _built_snapshot(inputs: StoredInputs, path: str) -> Snapshot:
    G, build_issues = build_graph(inputs.entities, inputs.links)
    index = queries.index_of(G)
    labels = _labels(G)
    tables = workload.graph_tables(G)
    places = territory.territory_index(G)
    assignments = workload.assignments_from_tables(tables)
    load = workload.load_by_month(assignments)
    capacity = workload.capacities_from_entities(tables.entities, inputs.capacity_overrides)
    overload = workload.overload(load, capacity)
    executors = _executors(
        tables.entities,
        places,
        overload,
        capacity,
        workload.undated_load(assignments),
        labels,
        inputs.capacity_overrides,
    )
    reports = inputs.progress.select(list(progress.PROGRESS_SCHEMA))
    demo = "demo" in inputs.progress.columns and bool(inputs.progress["demo"].any())
    return Snapshot(
        path=path,
        version=inputs.data_version,
        G=G,
        index=index,
        places=places,
        territories=_territories(G),
        schools=_schools(G, places),
        roadmaps=_roadmaps(G, places, labels),
        activities=_activities(G, index, labels, places),
        assignments=assignments,
        plan=graph_plan(G, tables),
        load=load,
        window_months=progress.window_months(assignments),
        overload=overload,
        executors=executors,
        progress=reports,
        demo_progress=demo,
        broken=checks.broken_chains(G, index=index),
        issues=tuple(sort_issues([*build_issues, *checks.check_graph(G, index=index)])),
        overrides=MappingProxyType(dict(inputs.capacity_overrides)),
        labels=MappingProxyType(labels),
    )


# --- the cached accessors -------------------------------------------------------------------------------


def current_version(path: str) -> str:
    """Return the data version of the database (a cheap query; opens and closes the store)."""
    with open_store(path) as store:
        return data_version(store)


def build_snapshot(path: str) -> Snapshot:
    """Return the snapshot built from the store's rows (the slow way; `snapshot` reads a kept one)."""
    with open_store(path) as store:
        inputs = load_inputs(store)
    return snapshot_of(inputs, path)


@st.cache_resource(max_entries=4, show_spinner=False)
def _snapshot(path: str, version: str) -> Snapshot:
    gc.unfreeze()  # the snapshots frozen before may be collected again once the cache lets them go
    snap = prepare.prepared(path, version, Snapshot, lambda: build_snapshot(path))[0]
    gc.freeze()  # millions of read-only objects: a full collection walking them would stall a rerun
    return snap


def snapshot(path: str | None = None) -> Snapshot:
    """Return the snapshot of the database's current data version (built on the first call only)."""
    path = path or db_path()
    return _snapshot(path, current_version(path))


PLACE_LEVELS = ("region", "municipality", "district", "school")
"""The levels of a place, as columns of `places`: a window's place is given at each (`window_status`)."""


def placed(frame: pl.DataFrame, places: pl.DataFrame) -> pl.DataFrame:
    """Return rows with activity and school with the node they lie at (`_node`: the school, else the
    activity) and its place at each level (`_region`, … `_school`), in their order."""
    where = places.select(
        pl.col("node").alias("_node"), *[pl.col(c).alias(f"_{c}") for c in PLACE_LEVELS]
    ).unique("_node", keep="first", maintain_order=True)
    return frame.with_columns(_node=pl.coalesce("school", "activity")).join(
        where, on="_node", how="left", maintain_order="left"
    )


@st.cache_resource(max_entries=4, show_spinner=False)
def _dateless_windows(
    path: str, version: str, _snap: Snapshot
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Return the windows, where each lies and the reports that can speak for each: what no date
    changes, made once per data version."""
    windows = progress.windows_of(_snap.assignments)
    places = placed(windows.select("activity", "school"), _snap.places).drop("activity", "school")
    return windows, places, progress.window_reports(windows, _snap.progress)


@st.cache_resource(max_entries=32, show_spinner=False)
def _window_status(path: str, version: str, as_of: date, _snap: Snapshot) -> pl.DataFrame:
    windows, places, reports = _dateless_windows(path, version, _snap)
    status = progress.window_status(
        _snap.assignments, _snap.progress, as_of, windows=windows, reports=reports
    )
    return status.hstack(places)  # the rows come in the windows' order


def window_status(snap: Snapshot, as_of: date) -> pl.DataFrame:
    """Return every window with its status as of a date (model.progress.WINDOW_STATUS_SCHEMA) and its
    place (`placed`)."""
    return _window_status(snap.path, snap.version, as_of, snap)


@st.cache_resource(max_entries=64, show_spinner=False)
def _scope_activities(path: str, version: str, node: str | None, _snap: Snapshot) -> frozenset[str]:
    if node is None:
        return frozenset(_snap.activities["activity"])
    return queries.scope_of(_snap.G, node, index=_snap.index).activities


def scope_activities(snap: Snapshot, node: str | None) -> frozenset[str]:
    """Return the activities of the roadmaps on a territory and of the bodies there (all when None)."""
    return _scope_activities(snap.path, snap.version, node, snap)


@st.cache_resource(max_entries=128, show_spinner=False)
def _chain(
    path: str, version: str, subject: str, node: str, _snap: Snapshot
) -> queries.Chain | queries.Chains | None:
    G, index = _snap.G, _snap.index
    if node not in G:
        return None
    if subject == "activity" and G.nodes[node]["kind"] == NodeKind.ACTIVITY:
        return queries.chain_of(G, node, index=index)
    if subject == "school" and G.nodes[node]["kind"] == NodeKind.SCHOOL:
        return queries.chains_of_school(G, node, index=index)
    if subject == "executor":
        return queries.chains_of_executor(G, node, index=index)
    return None


def chain(snap: Snapshot, subject: str, node: str) -> queries.Chain | queries.Chains | None:
    """Return the responsibility chain of an activity, or the union of a school's or executor's chains."""
    return _chain(snap.path, snap.version, subject, node, snap)


@st.cache_resource(max_entries=64, show_spinner=False)
def _obligations(path: str, version: str, school: str, _snap: Snapshot) -> pl.DataFrame:
    return queries.obligations_of(_snap.G, school, index=_snap.index)


def obligations(snap: Snapshot, school: str) -> pl.DataFrame:
    """Return everything landing on a school (model.queries.OBLIGATION_SCHEMA)."""
    return _obligations(snap.path, snap.version, school, snap)


@st.cache_resource(max_entries=4, show_spinner=False)
def _broken_by_region(path: str, version: str, _snap: Snapshot) -> pl.DataFrame:
    codes = {name: pl.col("code") == code for code, name in texts.BROKEN_CODES.items()}
    regions = _snap.territories.select(pl.col("node").alias("region"), pl.col("name").alias("area_name"))
    return (
        _snap.broken.join(_snap.activities.select("activity", "region"), on="activity", how="left")
        .group_by("region")
        .agg(
            pl.col("activity").n_unique().cast(pl.Int64).alias("broken_activities"),
            *[is_code.sum().cast(pl.Int64).alias(name) for name, is_code in codes.items()],
        )
        .join(regions, on="region", how="left")
        .with_columns(pl.col("area_name").fill_null(texts.FEDERAL_ROADMAPS))
        .sort("broken_activities", "area_name", descending=[True, False])
        .select("area_name", "broken_activities", *codes)
    )


def broken_by_region(snap: Snapshot) -> pl.DataFrame:
    """Return, per region that issued roadmaps (federal ones apart), how many activities have a broken
    chain and how many links of each kind are missing, the most broken first."""
    return _broken_by_region(snap.path, snap.version, snap)


@st.cache_resource(max_entries=4, show_spinner=False)
def _capacity_changes(path: str, version: str) -> Mapping[str, CapacityOverride]:
    with open_store(path) as store:
        return MappingProxyType({change.executor: change for change in list_capacity_overrides(store)})


def capacity_change(snap: Snapshot, executor: str) -> CapacityOverride | None:
    """Return who set an executor's capacity on the page, when and why (None: nobody did)."""
    return _capacity_changes(snap.path, snap.version).get(executor)


@st.cache_resource(max_entries=256, show_spinner=False)
def _chart(path: str, version: str, name: str, key: Hashable, _build: Callable[[], Any]) -> dict[str, Any]:
    return vega.streamlit_spec(_build())


def chart_spec(snap: Snapshot, name: str, key: Hashable, build: Callable[[], Any]) -> dict[str, Any]:
    """Return the Vega-Lite spec of a chart, built once per data version, chart name and view `key`.

    `key` must name everything the chart depends on besides the data (the place, the filters, the date).
    """
    return dict(_chart(snap.path, snap.version, name, key, build))


T = TypeVar("T")


@st.cache_resource(max_entries=128, show_spinner=False)
def _derived(path: str, version: str, name: str, key: Hashable, _build: Callable[[], Any]) -> Any:
    return _build()


@st.cache_resource(max_entries=8, show_spinner=False)
def _derived_large(path: str, version: str, name: str, key: Hashable, _build: Callable[[], Any]) -> Any:
    return _build()


def derived(snap: Snapshot, name: str, key: Hashable, build: Callable[[], T], *, large: bool = False) -> T:
    """Return what `build` derives from the snapshot, computed once per data version, `name` and view `key`.

    `key` must name everything the value depends on besides the data (the place, the filters, the date).
    The value is shared by every session: it is never changed in place. A value that can be as large as
    the whole country's activities (`large`) is kept among fewer others.
    """
    cached = _derived_large if large else _derived
    return cached(snap.path, snap.version, name, key, build)  # type: ignore[no-any-return]


def matching(
    snap: Snapshot, name: str, key: Hashable, options: pl.DataFrame, query: str, limit: int
) -> tuple[dict[str, str], int]:
    """Return the first `limit` options whose label holds the query (in any case), and how many do.

    `options` (`option`, `label`) are those of `name` for the view `key`; the answer is kept per query.
    Only the options returned become Python strings: a country holds hundreds of thousands.
    """

    def found() -> tuple[dict[str, str], int]:
        wanted = query.lower()  # as polars lowers the labels
        hits = (
            options.filter(pl.col("label").str.to_lowercase().str.contains(wanted, literal=True))
            if wanted
            else options
        )
        return dict(hits.head(limit).select("option", "label").iter_rows()), hits.height

    return derived(snap, name, (key, query.lower(), limit), found)


def option_label(options: pl.DataFrame, option: str | None) -> str | None:
    """Return the label of an option (`option`, `label`), or None when it is not among them."""
    if option is None:
        return None
    hit = options.filter(pl.col("option") == option)["label"]
    return hit[0] if hit.len() else None


@st.cache_resource(show_spinner=False)
def template_bytes() -> bytes:
    """Return the blank reference workbook (xlsx)."""
    from loaders.workbook import template_bytes as blank

    return blank()
