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
from model.graph import entity_of, node_table, out_table
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
    nodes: list[str] = []
    kinds: list[str] = []
    subkinds: list[str | None] = []
    names: list[str] = []
    capacities: list[float | None] = []
    statuses: dict[str, list[Any]] = {"school": [], "year": [], "status": []}
    places: list[tuple[str, str]] = []
    roadmaps: dict[str, tuple[str | None, date | None]] = {}
    activities: list[Any] = []
    kind_names = {k: str(k) for k in NodeKind}
    activity, roadmap, school = NodeKind.ACTIVITY, NodeKind.ROADMAP, NodeKind.SCHOOL
    responsible_for, located_in = EdgeKind.RESPONSIBLE_FOR, EdgeKind.LOCATED_IN
    table = node_table(G)
    for node, data in table.items():
        entity = data["entity"]
        kind = entity.kind
        if kind == activity:
            activities.append(entity)
            continue
        nodes.append(node)
        kinds.append(kind_names.get(kind) or str(kind))
        subkinds.append(subkind_of(entity))
        names.append(entity.name)
        capacities.append(getattr(entity, "capacity", None))
        if kind == roadmap:
            roadmaps[node] = (issuer_of(G, node), entity.plan_start)
            continue
        where = territory_attr(entity)
        if where is not None and where in table:
            places.append((node, where))
        if kind == school:
            for s in entity.statuses:
                statuses["school"].append(node)
                statuses["year"].append(s.year)
                statuses["status"].append(str(s.status))
    nodes.extend([a.id for a in activities])
    kinds.extend([str(activity)] * len(activities))
    subkinds.extend([None] * len(activities))
    names.extend([a.name for a in activities])
    capacities.extend([None] * len(activities))
    entities = {"node": nodes, "kind": kinds, "subkind": subkinds, "name": names, "capacity": capacities}
    responsible: dict[str, list[Any]] = {"activity": [], "executor": [], "lead": [], "fan_out": []}
    for u, targets in out_table(G).items():
        for v, keys in targets.items():
            for data in keys.values():
                kind = data["kind"]
                if kind == responsible_for:
                    fan_out = data.get("fan_out")
                    responsible["activity"].append(v)
                    responsible["executor"].append(u)
                    responsible["lead"].append(bool(data.get("lead", False)))
                    responsible["fan_out"].append(str(fan_out) if fan_out else None)
                elif kind == located_in:
                    places.append((u, v))
    return Tables(
        entities=pl.DataFrame(entities, schema=ENTITY_SCHEMA).sort("node"),
        activities=_activity_windows(activities, roadmaps).sort("activity", "occurrence"),
        responsible=pl.DataFrame(responsible, schema=RESPONSIBLE_SCHEMA).sort(
            "activity", "executor", "fan_out"
        ),
        school_statuses=pl.DataFrame(statuses, schema=SCHOOL_STATUS_SCHEMA).sort("school", "year"),
        locations=location_frame(places),
    )


class _Texts(dict[Any, str]):
    """The text of each value, made once: `str` of an enum member is a call through the enum machinery."""

    def __missing__(self, value: Any) -> str:
        text = self[value] = str(value)
        return text


def _activity_windows(
    activities: list[Any], roadmaps: dict[str, tuple[str | None, date | None]]
) -> pl.DataFrame:
    """Return one row per occurrence window of each activity, one undated row for an undated one."""
    undated = ((None, None),)
    windows = [a.deadline.occurrences or undated for a in activities]
    nothing = (None, None)
    plans = [roadmaps.get(a.roadmap, nothing) for a in activities]
    texts = _Texts()
    per_activity = pl.DataFrame(
        {
            "activity": [a.id for a in activities],
            "roadmap": [a.roadmap for a in activities],
            "issuer": [p[0] for p in plans],
            "plan_start": date_series([p[1] for p in plans]),
            "weight": [float(a.weight) for a in activities],
            "deadline_kind": [texts[a.deadline.kind] for a in activities],
        },
        schema={k: ACTIVITY_TABLE_SCHEMA[k] for k in list(ACTIVITY_TABLE_SCHEMA)[:6]},
    )
    if not all(len(w) == 1 for w in windows):
        per_activity = per_activity[[i for i, w in enumerate(windows) for _ in w]]
    return per_activity.with_columns(
        pl.Series("occurrence", [i for w in windows for i in range(len(w))], dtype=pl.Int32()),
        date_series([start for w in windows for start, _ in w]).alias("start"),
        date_series([end for w in windows for _, end in w]).alias("end"),
    )


class _Days(dict[Any, int | None]):
    """The day number (days since 1970-01-01) of each date, counted once: a store mentions few days."""

    def __missing__(self, day: Any) -> int | None:
        number = self[day] = None if day is None else day.toordinal() - _EPOCH
        return number


_EPOCH = date(1970, 1, 1).toordinal()


def date_series(days: list[date | None]) -> pl.Series:
    """Return dates as a polars Date series, converted through their day numbers (fast for repeated days).

    >>> date_series([date(2024, 9, 1), None]).to_list()
    [datetime.date(2024, 9, 1), None]
    """
    numbers = _Days()
    return pl.Series([numbers[d] for d in days], dtype=pl.Int32()).cast(pl.Date())


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
