"""The plan a what-if page shows: the baseline read from the graph once, with a scenario's patch over it.

A `PlanState` is the baseline's frames (read from the graph once; indexes are built on first use) with
a patch laid over them: the rows of the activities a scenario changed, with their fan-out expanded
again by `assignments_from_tables`. Applying a scenario therefore costs what it touches, not what the
country holds, and the baseline and every other state stay as they were.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

import networkx as nx
import polars as pl

from model.entities import NodeKind
from model.frames import empty_frame, frame_of, is_in, sorted_by, take_sorted
from model.relations import EdgeKind
from model.tables import (
    ACTIVITY_TABLE_SCHEMA,
    ENTITY_SCHEMA,
    RESPONSIBLE_SCHEMA,
    Tables,
    graph_tables,
    issuer_of,
)
from model.territory import ancestors
from model.workload import ASSIGNMENT_SCHEMA, assignments_from_tables, capacities_from_entities

STRUCTURE_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "kind": pl.String(),
    "target": pl.String(),
}
"""The edges a chain climbs that a scenario may move: `coordinates` and `subordinate_to`."""

ROADMAP_SCHEMA: dict[str, pl.DataType] = {
    "roadmap": pl.String(),
    "issuer": pl.String(),
    "plan_start": pl.Date(),
    "plan_end": pl.Date(),
}
"""Every roadmap with its issuer and plan window (to read the deadline of an added activity)."""

_ACTIVITY = str(NodeKind.ACTIVITY)


@dataclass(frozen=True, eq=False)
class Baseline:
    """The plan as read from the graph, shared by every state made from it; never changed.

    Frames are sorted by their key (`tables.activities`, `tables.responsible` and `assignments` by
    activity, `tables.entities` by node); the other orders a scenario needs are built by `prepare`
    (which `baseline_state` calls) or on first use.
    """

    tables: Tables
    assignments: pl.DataFrame
    structure: pl.DataFrame
    roadmaps: pl.DataFrame
    labels: Mapping[str, str] = field(default_factory=dict)
    """The names nodes are shown by, where they differ from their own (a page's labels)."""
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def prepare(self) -> Baseline:
        """Build every index a scenario reads now (else each is built on first use); return self."""
        self.by_executor()
        self.responsible_by_executor()
        self.kinds()
        self.bodies()
        self.ancestors()
        self.plans()
        return self

    def by_executor(self) -> pl.DataFrame:
        """Return the assignments sorted by executor."""
        frame: pl.DataFrame = self._cached(
            "by_executor", lambda: self.assignments.sort("executor", maintain_order=True)
        )
        return frame

    def responsible_by_executor(self) -> pl.DataFrame:
        """Return the responsibilities sorted by executor."""
        frame: pl.DataFrame = self._cached(
            "responsible_by_executor", lambda: self.tables.responsible.sort("executor", maintain_order=True)
        )
        return frame

    def kinds(self) -> dict[str, str]:
        """Return the kind of every node that is not an activity."""
        kinds: dict[str, str] = self._cached(
            "kinds",
            lambda: dict(
                self.tables.entities.filter(pl.col("kind") != _ACTIVITY).select("node", "kind").iter_rows()
            ),
        )
        return kinds

    def bodies(self) -> pl.DataFrame:
        """Return the entities that are not activities (what fan-out expansion reads)."""
        frame: pl.DataFrame = self._cached(
            "bodies", lambda: self.tables.entities.filter(pl.col("kind") != _ACTIVITY)
        )
        return frame

    def has_activity(self, activity: str) -> bool:
        """Tell whether the baseline holds an activity (binary search)."""
        ids = self.tables.activities["activity"]
        at = ids.search_sorted(activity, "left")
        return bool(at < ids.len() and ids[at] == activity)

    def ancestors(self) -> pl.DataFrame:
        """Return every (node, territory) pair where the node lies in the territory, at any depth."""
        frame: pl.DataFrame = self._cached("ancestors", lambda: ancestors(self.tables.locations))
        return frame

    def territories_of(self, node: str) -> list[str]:
        """Return the territories a node lies in, at any depth."""
        above = self.ancestors()
        return above.filter(pl.col("node") == node)["territory"].to_list()

    def plans(self) -> dict[str, tuple[str | None, date | None, date | None]]:
        """Return each roadmap's issuer and plan window."""
        plans: dict[str, tuple[str | None, date | None, date | None]] = self._cached(
            "plans", lambda: {r: (i, s, e) for r, i, s, e in self.roadmaps.iter_rows()}
        )
        return plans


@dataclass(frozen=True, eq=False)
class Patch:
    """What a scenario changed: the rows of every activity it touched, in place of the baseline's."""

    changed: frozenset[str] = frozenset()
    activities: pl.DataFrame = field(default_factory=lambda: empty_frame(ACTIVITY_TABLE_SCHEMA))
    responsible: pl.DataFrame = field(default_factory=lambda: empty_frame(RESPONSIBLE_SCHEMA))
    assignments: pl.DataFrame = field(default_factory=lambda: empty_frame(ASSIGNMENT_SCHEMA))
    entities: pl.DataFrame = field(default_factory=lambda: empty_frame(ENTITY_SCHEMA))
    """Entity rows of the activities the scenario added."""


@dataclass(frozen=True, eq=False)
class PlanState:
    """The plan a page shows: a baseline with a scenario's patch, school lists, structure and capacities.

    Read it through the methods: they combine the baseline's rows with the patch's without building
    whole frames; `assignments` and `tables` build the whole frames (once) for pages that need them.
    """

    baseline: Baseline
    patch: Patch
    school_statuses: pl.DataFrame
    structure: pl.DataFrame
    capacity_overrides: Mapping[str, float]
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def changed(self) -> frozenset[str]:
        """Return the activities whose rows differ from the baseline's (dropped and added ones too)."""
        return self.patch.changed

    @property
    def assignments(self) -> pl.DataFrame:
        """Return every assignment of the plan (ASSIGNMENT_SCHEMA), in no particular order."""
        if "assignments" not in self._memo:
            base = self.baseline.assignments
            if self.changed:
                base = pl.concat([base.filter(~is_in("activity", self.changed)), self.patch.assignments])
            self._memo["assignments"] = base
        frame: pl.DataFrame = self._memo["assignments"]
        return frame

    @property
    def tables(self) -> Tables:
        """Return the plan's whole tables, as `graph_tables` gives them for a graph."""
        if "tables" not in self._memo:
            t, p = self.baseline.tables, self.patch
            if not self.changed:
                self._memo["tables"] = dataclasses.replace(t, school_statuses=self.school_statuses)
            else:
                keep = ~is_in("activity", self.changed)
                self._memo["tables"] = Tables(
                    entities=pl.concat([t.entities.filter(~is_in("node", self.changed)), self._entities()]),
                    activities=pl.concat([t.activities.filter(keep), p.activities]),
                    responsible=pl.concat([t.responsible.filter(keep), p.responsible]),
                    school_statuses=self.school_statuses,
                    locations=t.locations,
                )
        tables: Tables = self._memo["tables"]
        return tables

    def _entities(self) -> pl.DataFrame:
        """Return the entity rows of the changed activities that still exist."""
        alive = set(self.patch.activities["activity"].to_list())
        kept = take_sorted(
            self.baseline.tables.entities, "node", alive - set(self.patch.entities["node"].to_list())
        )
        return pl.concat([kept, self.patch.entities.filter(is_in("node", alive))])

    def assignments_of_activities(self, activities: Collection[str]) -> pl.DataFrame:
        """Return the assignments of some activities (ASSIGNMENT_SCHEMA)."""
        wanted = set(activities)
        mine = wanted & self.changed
        return pl.concat(
            [
                take_sorted(self.baseline.assignments, "activity", wanted - mine),
                self.patch.assignments.filter(is_in("activity", mine)),
            ]
        )

    def assignments_of_executors(self, executors: Collection[str]) -> pl.DataFrame:
        """Return the assignments some executors carry (ASSIGNMENT_SCHEMA)."""
        rows = take_sorted(self.baseline.by_executor(), "executor", set(executors))
        if not self.changed:
            return rows
        return pl.concat(
            [
                rows.filter(~is_in("activity", self.changed)),
                self.patch.assignments.filter(is_in("executor", set(executors))),
            ]
        )

    def activity_rows(self, activities: Collection[str]) -> pl.DataFrame:
        """Return the occurrence windows of some activities (ACTIVITY_TABLE_SCHEMA)."""
        wanted = set(activities)
        mine = wanted & self.changed
        return pl.concat(
            [
                take_sorted(self.baseline.tables.activities, "activity", wanted - mine),
                self.patch.activities.filter(is_in("activity", mine)),
            ]
        )

    def entity_rows(self, nodes: Collection[str]) -> pl.DataFrame:
        """Return the entity rows of some nodes, added activities included (ENTITY_SCHEMA)."""
        wanted = set(nodes)
        added = self.patch.entities.filter(is_in("node", wanted))
        found = take_sorted(self.baseline.tables.entities, "node", wanted - set(added["node"].to_list()))
        return pl.concat([found, added])

    def names(self, nodes: Collection[str]) -> dict[str, str]:
        """Return the names of some nodes, as the baseline's labels show them; an unknown one is left out."""
        labels = self.baseline.labels
        return {
            node: labels.get(node, name)
            for node, name in self.entity_rows(nodes).select("node", "name").iter_rows()
        }

    def capacities(self, executors: Collection[str] | None = None) -> pl.DataFrame:
        """Return the capacity of some executors (all when None) with the state's overrides."""
        entities = self.baseline.bodies() if executors is None else self.entity_rows(executors)
        return capacities_from_entities(entities, self.capacity_overrides)

    def with_added_renamed(self, ids: Mapping[str, str]) -> PlanState:
        """Return the state with some activities it added under other ids (old id → new id).

        Two scenarios give the first activity each adds to a roadmap the same id; comparing them, one
        side's is renamed so that two different activities are not taken for one.
        """
        added = set(self.patch.entities["node"].to_list())
        ids = {old: new for old, new in ids.items() if old in added}
        if not ids:
            return self
        p = self.patch

        def renamed(frame: pl.DataFrame, column: str) -> pl.DataFrame:
            return frame.with_columns(pl.col(column).replace(ids))

        patch = Patch(
            changed=frozenset(ids.get(a, a) for a in p.changed),
            activities=renamed(p.activities, "activity"),
            responsible=renamed(p.responsible, "activity"),
            assignments=renamed(p.assignments, "activity"),
            entities=renamed(p.entities, "node"),
        )
        return dataclasses.replace(self, patch=patch, _memo={})


@dataclass(frozen=True, slots=True, eq=False)
class GraphPlan:
    """What a baseline reads from a graph, read once: its tables, the structure chains climb, the roadmaps.

    Keep it beside the graph (the dashboard's snapshot does) and a baseline is made without walking the
    graph again (`state_from_plan`).
    """

    tables: Tables
    structure: pl.DataFrame
    roadmaps: pl.DataFrame


def graph_plan(G: nx.MultiDiGraph, tables: Tables | None = None) -> GraphPlan:
    """Return what a baseline reads from a graph (`tables` are the graph's, when already read).

    >>> from model.graph import build_graph
    >>> graph_plan(build_graph([], [])[0]).structure.columns
    ['source', 'kind', 'target']
    """
    return GraphPlan(
        tables=graph_tables(G) if tables is None else tables,
        structure=_structure_of(G),
        roadmaps=_roadmaps_of(G),
    )


def _structure_of(G: nx.MultiDiGraph) -> pl.DataFrame:
    kinds = {EdgeKind.COORDINATES, EdgeKind.SUBORDINATE_TO}
    rows = {(u, str(k), v) for u, v, k in G.edges(data="kind") if k in kinds}
    return frame_of(sorted(rows), STRUCTURE_SCHEMA)


def _roadmaps_of(G: nx.MultiDiGraph) -> pl.DataFrame:
    rows = []
    for node, entity in G.nodes(data="entity"):
        if entity.kind == NodeKind.ROADMAP:
            rows.append((node, issuer_of(G, node), entity.plan_start, entity.plan_end))
    return frame_of(sorted(rows, key=lambda r: r[0]), ROADMAP_SCHEMA)


def baseline_state(
    G: nx.MultiDiGraph,
    capacity_overrides: Mapping[str, float] | None = None,
    *,
    prepare: bool = True,
    assignments: pl.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
) -> PlanState:
    """Return the plan as the graph holds it: the state every scenario starts from (indexes built).

    `assignments` are the graph's, when already expanded (`workload.assignments_from_tables`);
    `labels` the names nodes are shown by, which every name the state gives (messages too) then uses.

    >>> from model.graph import build_graph
    >>> baseline_state(build_graph([], [])[0]).changed
    frozenset()
    """
    return state_from_plan(
        graph_plan(G), capacity_overrides, prepare=prepare, assignments=assignments, labels=labels
    )


def state_from_plan(
    plan: GraphPlan,
    capacity_overrides: Mapping[str, float] | None = None,
    *,
    prepare: bool = True,
    assignments: pl.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
) -> PlanState:
    """Return the baseline state of what was read from a graph (`graph_plan`); as `baseline_state`."""
    return state_from_tables(
        plan.tables,
        structure=plan.structure,
        roadmaps=plan.roadmaps,
        capacity_overrides=capacity_overrides,
        assignments=assignments,
        labels=labels,
        prepare=prepare,
    )


def state_from_tables(
    tables: Tables,
    *,
    structure: pl.DataFrame | None = None,
    roadmaps: pl.DataFrame | None = None,
    capacity_overrides: Mapping[str, float] | None = None,
    assignments: pl.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    prepare: bool = True,
) -> PlanState:
    """Return a baseline state from plain tables (and their assignments, when already expanded).

    `prepare` builds the indexes scenarios read now, once for every scenario applied to this state.
    """
    tables = Tables(
        entities=sorted_by(tables.entities, "node"),
        activities=sorted_by(tables.activities, "activity"),
        responsible=sorted_by(tables.responsible, "activity"),
        school_statuses=tables.school_statuses,
        locations=tables.locations,
    )
    if assignments is None:
        assignments = assignments_from_tables(tables)
    if roadmaps is None:
        roadmaps = (
            tables.activities.group_by("roadmap")
            .agg(pl.col("issuer").first(), pl.col("plan_start").first())
            .with_columns(plan_end=pl.lit(None, pl.Date()))
            .select(list(ROADMAP_SCHEMA))
            .sort("roadmap")
        )
    baseline = Baseline(
        tables=tables,
        assignments=sorted_by(assignments, "activity"),
        structure=empty_frame(STRUCTURE_SCHEMA) if structure is None else structure,
        roadmaps=roadmaps,
        labels=labels or {},
    )
    if prepare:
        baseline.prepare()
    return PlanState(
        baseline=baseline,
        patch=Patch(),
        school_statuses=tables.school_statuses,
        structure=baseline.structure,
        capacity_overrides=MappingProxyType(dict(capacity_overrides or {})),
    )
