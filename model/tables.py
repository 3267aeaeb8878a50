"""The graph as plain frames: entities, activity windows, responsibilities, school statuses, locations.

`graph_tables` reads the graph once; everything after that is polars, so a what-if scenario can edit
the frames and expand their fan-out again (`model.workload.assignments_from_tables`) without
rebuilding the graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
import polars as pl

from model.entities import NodeKind
from model.graph import entity_of
from model.relations import EdgeKind
from model.territory import location_frame, territory_attr

ENTITY_SCHEMA: dict[str, pl.DataType] = {
    "node": pl.String(),
    "kind": pl.String(),
    "subkind": pl.String(),
    "name": pl.String(),
    "capacity": pl.Float64(),
}
"""Every node: its kind, its subkind (level or institute/group kind; null for others), name, capacity."""

ACTIVITY_TABLE_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "roadmap": pl.String(),
    "issuer": pl.String(),
    "plan_start": pl.Date(),
    "weight": pl.Float64(),
    "deadline_kind": pl.String(),
    "occurrence": pl.Int32(),
    "start": pl.Date(),
    "end": pl.Date(),
}
"""One row per activity occurrence window; an undated activity has one row, occurrence 0, no dates."""

RESPONSIBLE_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "executor": pl.String(),
    "lead": pl.Boolean(),
    "fan_out": pl.String(),
}
"""One row per `responsible_for` edge; `fan_out` is set when the executor is a territory fanning out."""

SCHOOL_STATUS_SCHEMA: dict[str, pl.DataType] = {
    "school": pl.String(),
    "year": pl.Int32(),
    "status": pl.String(),
}
"""A school's list status in an academic year (2020 means 2020/21)."""


@dataclass(frozen=True, slots=True, eq=False)
class Tables:
    """The graph as plain frames: everything fan-out expansion needs, editable without the graph.

    `entities` (ENTITY_SCHEMA), `activities` (ACTIVITY_TABLE_SCHEMA), `responsible`
    (RESPONSIBLE_SCHEMA), `school_statuses` (SCHOOL_STATUS_SCHEMA), `locations` (direct ones,
    `territory.LOCATION_SCHEMA`). Edit them with `dataclasses.replace`.
    """

    entities: pl.DataFrame
    activities: pl.DataFrame
    responsible: pl.DataFrame
    school_statuses: pl.DataFrame
    locations: pl.DataFrame


def subkind_of(entity: Any) -> str | None:
    """Return an entity's subkind: its level, institute kind or group kind; None for the others.

    >>> from model.entities import Institute, InstituteKind
    >>> subkind_of(Institute("inst:imc", "ИМЦ", InstituteKind.METHODICAL_CENTRE, "ter:x"))
    'methodical_centre'
    """
    for attr in ("level", "institute_kind", "group_kind"):
        value = getattr(entity, attr, None)
        if value is not None:
            return str(value)
    return None


def graph_tables(G: nx.MultiDiGraph) -> Tables:
    """Return the graph's entities, activity windows, responsibilities, school statuses and locations."""
    entity_rows: list[tuple[str, str, str | None, str, float | None]] = []
    statuses: list[tuple[str, int, str]] = []
    places: list[tuple[str, str]] = []
    roadmaps: dict[str, tuple[str | None, date | None]] = {}
    activities: list[Any] = []
    for node, entity in G.nodes(data="entity"):
        kind = entity.kind
        entity_rows.append(
            (node, str(kind), subkind_of(entity), entity.name, getattr(entity, "capacity", None))
        )
        if kind == NodeKind.ACTIVITY:
            activities.append(entity)
            continue
        if kind == NodeKind.ROADMAP:
            roadmaps[node] = (issuer_of(G, node), entity.plan_start)
            continue
        where = territory_attr(entity)
        if where is not None and where in G:
            places.append((node, where))
        if kind == NodeKind.SCHOOL:
            statuses.extend((node, s.year, str(s.status)) for s in entity.statuses)
    activity_rows: list[tuple[Any, ...]] = []
    for a in activities:
        issuer, plan_start = roadmaps.get(a.roadmap, (None, None))
        head = (a.id, a.roadmap, issuer, plan_start, float(a.weight), str(a.deadline.kind))
        windows = a.deadline.occurrences or ((None, None),)
        activity_rows.extend((*head, i, start, end) for i, (start, end) in enumerate(windows))
    responsible: list[tuple[str, str, bool, str | None]] = []
    for u, v, data in G.edges(data=True):
        kind = data["kind"]
        if kind == EdgeKind.RESPONSIBLE_FOR:
            fan_out = data.get("fan_out")
            responsible.append((v, u, bool(data.get("lead", False)), str(fan_out) if fan_out else None))
        elif kind == EdgeKind.LOCATED_IN:
            places.append((u, v))
    return Tables(
        entities=pl.DataFrame(entity_rows, schema=ENTITY_SCHEMA, orient="row").sort("node"),
        activities=pl.DataFrame(activity_rows, schema=ACTIVITY_TABLE_SCHEMA, orient="row").sort(
            "activity", "occurrence"
        ),
        responsible=pl.DataFrame(responsible, schema=RESPONSIBLE_SCHEMA, orient="row").sort(
            "activity", "executor", "fan_out"
        ),
        school_statuses=pl.DataFrame(statuses, schema=SCHOOL_STATUS_SCHEMA, orient="row").sort(
            "school", "year"
        ),
        locations=location_frame(places),
    )


def issuer_of(G: nx.MultiDiGraph, roadmap: str) -> str | None:
    """Return the body that issued a roadmap: the one it names, else the target of its `issued_by` edge.

    >>> from model.entities import Roadmap, RoadmapLevel
    >>> from model.graph import build_graph
    >>> plan = Roadmap("rm:1", "Дорожная карта", "auth:uo", "ter:x", RoadmapLevel.MUNICIPALITY)
    >>> G, _ = build_graph([plan], [])
    >>> issuer_of(G, "rm:1")
    'auth:uo'
    """
    named: str | None = entity_of(G, roadmap).issuer
    return named or next(
        (v for _, v, k in G.out_edges(roadmap, data="kind") if k == EdgeKind.ISSUED_BY), None
    )
