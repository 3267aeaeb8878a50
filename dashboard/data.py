"""The cache boundary: the frozen graph and the frames every page reads, per database and data version.

`st.cache_resource` is shared by every session, so it holds only read-only things: the frozen graph,
its index, polars frames (never changed in place) and frozen chain graphs. Caches are keyed on the
database path and `loaders.store.data_version` (plus small hashable arguments), never on a frame.

What-if scenarios start from one baseline `PlanState` per data version, shared read-only by every
session; a scenario's outcome (the state it makes and its comparison with the baseline) is keyed on the
data version and the JSON of its active operations, so the same operations give the same figures to
everyone, and applying them changes nothing anyone else sees.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import networkx as nx
import polars as pl
import streamlit as st

from dashboard import prepare, texts, vega
from loaders.store import StoredInputs, data_version, load_inputs, open_store
from model import checks, progress, queries, territory, workload
from model.comparison import Comparison, compare
from model.entities import EXECUTOR_KINDS, NodeKind
from model.graph import build_graph
from model.issues import Issue, sort_issues
from model.scenario import (
    Operation,
    PlanState,
    Scenario,
    apply_scenario,
    baseline_state,
    operations_json,
    referenced_nodes,
    scenario_from_json,
)
from model.suggestions import affected_months, suggest_takers

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


def capacity_editable() -> bool:
    """Tell whether this workplace may change capacities (env KARTA_READONLY unset or 0)."""
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
    load: pl.DataFrame
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
    """Return each node's label: its short name when it has one, with its territory when that repeats."""
    first: dict[str, str] = {}
    for node, entity in G.nodes(data="entity"):
        first[node] = (getattr(entity, "short", "") or entity.name).strip()
    repeated = {label for label, n in Counter(first.values()).items() if n > 1}
    out = {}
    for node, label in first.items():
        entity = G.nodes[node]["entity"]
        where = getattr(entity, "territory", None)
        if label in repeated and where in G and entity.kind != NodeKind.TERRITORY:
            label = f"{label} ({G.nodes[where]['entity'].name})"
        out[node] = label
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
    out: dict[str, tuple[str, str]] = {}
    for activity, refs in index.refs.items():
        names: list[tuple[bool, str]] = []
        for ref in refs:
            if ref.fan_out is None:
                names.append((ref.lead, labels.get(ref.node, ref.node)))
            else:
                where = G.nodes[ref.node]["entity"].name
                names.append(
                    (ref.lead, f"{texts.FAN_OUTS.get(str(ref.fan_out), str(ref.fan_out))} «{where}»")
                )
        unique = list(dict.fromkeys(n for _, n in names))
        lead = next((n for is_lead, n in names if is_lead), unique[0] if unique else "")
        out[activity] = (lead, "; ".join(n for n in unique if n != lead))
    return out


def _activities(
    G: nx.MultiDiGraph, index: queries.GraphIndex, labels: dict[str, str], places: pl.DataFrame
) -> pl.DataFrame:
    refs = _refs_text(G, index, labels)
    rows = []
    for node, entity in G.nodes(data="entity"):
        if entity.kind != NodeKind.ACTIVITY:
            continue
        rm = G.nodes[entity.roadmap]["entity"] if entity.roadmap in G else None
        issuer = rm.issuer if rm is not None and rm.issuer in G else None
        lead, supporters = refs.get(node, ("", ""))
        rows.append(
            {
                "activity": node,
                "roadmap": rm.id if rm else None,
                "number": entity.number,
                "text": entity.text,
                "deadline_raw": entity.deadline.raw,
                "deadline_kind": str(entity.deadline.kind),
                "deadline_start": entity.deadline.start,
                "deadline_end": entity.deadline.end,
                "weight": float(entity.weight),
                "executors_raw": entity.executors_raw,
                "lead_name": lead or entity.executors_raw,
                "supporters": supporters,
                "file": entity.source.file,
                "sheet": entity.source.sheet,
                "row": entity.source.row,
                "roadmap_name": rm.name if rm else "",
                "roadmap_level": str(rm.level) if rm else None,
                "issuer": issuer,
                "issuer_name": labels.get(issuer, "") if issuer else "",
                "source": ", ".join(
                    p
                    for p in (
                        entity.source.file,
                        entity.source.sheet,
                        texts.SOURCE_ROW.format(row=entity.source.row) if entity.source.row else "",
                    )
                    if p
                ),
            }
        )
    frame = pl.DataFrame(rows, schema=ACTIVITY_INFO_SCHEMA)
    where = places.select(pl.col("node").alias("activity"), "region", "municipality", "district", "school")
    return frame.join(where, on="activity", how="left").sort("roadmap", "row", "activity", nulls_last=True)


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
    rows = [
        (n, e.name, str(e.level), up.get(n))
        for n, e in G.nodes(data="entity")
        if e.kind == NodeKind.TERRITORY
    ]
    schema = {"node": pl.String(), "name": pl.String(), "level": pl.String(), "parent": pl.String()}
    return pl.DataFrame(rows, schema=schema, orient="row").sort("name")


def _roadmaps(G: nx.MultiDiGraph, places: pl.DataFrame, labels: Mapping[str, str]) -> pl.DataFrame:
    rows = [
        (n, e.name, str(e.level), labels.get(e.issuer, "") if e.issuer in G else "")
        for n, e in G.nodes(data="entity")
        if e.kind == NodeKind.ROADMAP
    ]
    schema = {
        "roadmap": pl.String(),
        "roadmap_name": pl.String(),
        "roadmap_level": pl.String(),
        "issuer_name": pl.String(),
    }
    where = places.select(pl.col("node").alias("roadmap"), "region", "municipality", "district", "school")
    return (
        pl.DataFrame(rows, schema=schema, orient="row").join(where, on="roadmap", how="left").sort("roadmap")
    )


def _schools(G: nx.MultiDiGraph, places: pl.DataFrame) -> pl.DataFrame:
    rows = []
    for n, e in G.nodes(data="entity"):
        if e.kind != NodeKind.SCHOOL:
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
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    where = places.select(pl.col("node").alias("school"), "territory", "region", "municipality", "district")
    return frame.join(where, on="school", how="left").sort("school_name")


def snapshot_of(inputs: StoredInputs, path: str) -> Snapshot:
    """Return the snapshot of stored inputs: the frozen graph and every frame derived from it once."""
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
        load=load,
        overload=overload,
        executors=executors,
        progress=reports,
        demo_progress=demo,
        broken=checks.broken_chains(G),
        issues=tuple(sort_issues([*build_issues, *checks.check_graph(G)])),
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
    return prepare.prepared(path, version, Snapshot, lambda: build_snapshot(path))[0]


def snapshot(path: str | None = None) -> Snapshot:
    """Return the snapshot of the database's current data version (built on the first call only)."""
    path = path or db_path()
    return _snapshot(path, current_version(path))


@st.cache_resource(max_entries=32, show_spinner=False)
def _window_status(path: str, version: str, as_of: date, _snap: Snapshot) -> pl.DataFrame:
    return progress.window_status(_snap.assignments, _snap.progress, as_of)


def window_status(snap: Snapshot, as_of: date) -> pl.DataFrame:
    """Return every window with its status as of a date (model.progress.WINDOW_STATUS_SCHEMA)."""
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


@st.cache_resource(max_entries=256, show_spinner=False)
def _chart(path: str, version: str, name: str, key: Hashable, _build: Callable[[], Any]) -> dict[str, Any]:
    return vega.streamlit_spec(_build())


def chart_spec(snap: Snapshot, name: str, key: Hashable, build: Callable[[], Any]) -> dict[str, Any]:
    """Return the Vega-Lite spec of a chart, built once per data version, chart name and view `key`.

    `key` must name everything the chart depends on besides the data (the place, the filters, the date).
    """
    return dict(_chart(snap.path, snap.version, name, key, build))


# --- what-if scenarios ----------------------------------------------------------------------------------

SUGGESTIONS_SHOWN = 5
"""How many candidates to take work are offered for an overloaded executor."""


@st.cache_resource(max_entries=4, show_spinner=False)
def _baseline(path: str, version: str, _snap: Snapshot) -> PlanState:
    return baseline_state(_snap.G, _snap.overrides)


def baseline(snap: Snapshot) -> PlanState:
    """Return the plan as the data hold it, the state every scenario starts from (shared, read-only)."""
    return _baseline(snap.path, snap.version, snap)


def operations_key(scenario: Scenario) -> str:
    """Return the JSON of a scenario's active operations: what its outcome and its saved copy depend on.

    >>> from model.scenario import DropActivity
    >>> operations_key(Scenario().push(DropActivity("act:1")).push(DropActivity("act:2")).undo())
    '[{"activity": "act:1", "kind": "drop_activity"}]'
    """
    return json.dumps(operations_json(scenario), ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True, eq=False)
class Outcome:
    """A scenario's active operations applied to the baseline, and what differs; shared, never changed."""

    operations: tuple[Operation, ...]
    state: PlanState
    issues: tuple[Issue, ...]
    comparison: Comparison
    overloaded: Mapping[str, float]
    """Everyone overloaded with the scenario: executor → its highest load against capacity."""


def _overloaded(snap: Snapshot, comparison: Comparison) -> dict[str, float]:
    touched = comparison.load.group_by("executor").agg(pl.col("ratio_after").max().alias("peak"))
    untouched = snap.executors.filter(
        (pl.col("months_over") > 0) & ~pl.col("executor").is_in(touched["executor"].implode())
    ).select("executor", peak="peak_ratio")
    rows = pl.concat([touched.filter(pl.col("peak") > 1.0), untouched])
    return dict(rows.sort("peak", "executor", descending=[True, False]).iter_rows())


@st.cache_resource(max_entries=32, show_spinner=False)
def _outcome(path: str, version: str, operations: str, as_of: date, _snap: Snapshot) -> Outcome:
    scenario, issues = scenario_from_json({"operations": json.loads(operations)})
    before = baseline(_snap)
    applied = apply_scenario(before, scenario)
    comparison = compare(before, applied.state, as_of=as_of)
    return Outcome(
        operations=scenario.active,
        state=applied.state,
        issues=tuple(sort_issues([*issues, *applied.issues])),
        comparison=comparison,
        overloaded=MappingProxyType(_overloaded(_snap, comparison)),
    )


def outcome(snap: Snapshot, scenario: Scenario, as_of: date) -> Outcome:
    """Return what a scenario's active operations make of the plan, compared with the plan as of a date."""
    return _outcome(snap.path, snap.version, operations_key(scenario), as_of, snap)


def operation_names(snap: Snapshot, operations: Sequence[Operation]) -> dict[str, str]:
    """Return the labels of the nodes some operations name, as the other pages show them."""
    return {n: snap.labels[n] for op in operations for n in referenced_nodes(op) if n in snap.labels}


@st.cache_resource(max_entries=4, show_spinner=False)
def _direct_carriers(path: str, version: str, _snap: Snapshot) -> frozenset[str]:
    return frozenset(_snap.assignments.filter(pl.col("via").is_null())["executor"].unique())


def direct_carriers(snap: Snapshot) -> frozenset[str]:
    """Return the executors named in some activity's cell (those who can hand activities over)."""
    return _direct_carriers(snap.path, snap.version, snap)


def activities_of(snap: Snapshot, executor: str) -> list[str]:
    """Return the activities an executor's own cell names, in the order of the roadmaps."""
    mine = snap.assignments.filter((pl.col("executor") == executor) & pl.col("via").is_null())
    wanted = mine["activity"].unique().implode()
    return snap.activities.filter(pl.col("activity").is_in(wanted))["activity"].to_list()


def handover_of(state: PlanState, executor: str, months: Sequence[date], room: float) -> tuple[str, ...]:
    """Return the activities an overloaded executor could hand to someone with `room` spare a month.

    Greedy and explainable: of the activities its own cell names (a fanned-out one cannot be handed
    over alone), those running in the most overloaded months first (lighter first among equals), each
    taken while it still relieves a month and fits the room, until no month is over.
    """
    everything = state.assignments_of_executors([executor])
    carried = everything.filter(pl.col("via").is_null() & pl.col("start").is_not_null())
    capacity = state.capacities([executor])["capacity"].to_list()
    if carried.is_empty() or not capacity or capacity[0] is None:
        return ()
    load = workload.load_by_month(everything, months)
    need = {m: a - capacity[0] for m, a in load.select("month", "active").iter_rows() if a > capacity[0]}
    spans = (
        carried.select(
            "activity",
            "weight",
            month=pl.date_ranges(pl.col("start").dt.truncate("1mo"), pl.col("end").dt.truncate("1mo"), "1mo"),
        )
        .explode("month")
        .filter(pl.col("month").is_in(list(need)))
        .group_by("activity")
        .agg(pl.col("weight").first(), pl.col("month").unique())
    )
    ranked = sorted(spans.iter_rows(), key=lambda r: (-len(r[2]), r[1], r[0]))
    used: dict[date, float] = {}
    chosen: list[str] = []
    for activity, weight, touched in ranked:
        if not any(need[m] > 0 for m in touched) or any(used.get(m, 0.0) + weight > room for m in touched):
            continue
        chosen.append(activity)
        for m in touched:
            need[m] -= weight
            used[m] = used.get(m, 0.0) + weight
        if all(v <= 0 for v in need.values()):
            break
    return tuple(chosen)


@st.cache_resource(max_entries=64, show_spinner=False)
def _takers(
    path: str, version: str, operations: str, as_of: date, executor: str, _snap: Snapshot
) -> pl.DataFrame:
    state = _outcome(path, version, operations, as_of, _snap).state
    found = suggest_takers(_snap.G, state, executor, []).head(SUGGESTIONS_SHOWN)
    months = affected_months(state, executor, [])
    handovers = [list(handover_of(state, executor, months, room)) for room in found["spare"]]
    return found.with_columns(pl.Series("activities", handovers, dtype=pl.List(pl.String())))


def takers(snap: Snapshot, scenario: Scenario, as_of: date, executor: str) -> pl.DataFrame:
    """Return who could take work from an overloaded executor with the scenario applied
    (`model.suggestions.SUGGESTION_SCHEMA`), each with the `activities` it could take."""
    return _takers(snap.path, snap.version, operations_key(scenario), as_of, executor, snap)


@st.cache_resource(show_spinner=False)
def template_bytes() -> bytes:
    """Return the blank reference workbook (xlsx)."""
    from loaders.workbook import template_bytes as blank

    return blank()
