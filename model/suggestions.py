"""Who could take work from an overloaded executor: close bodies with room in the months that hurt.

Candidates are limited to bodies close in the responsibility graph: the bodies the executor is
subordinate to or that are subordinate to it, those it coordinates or that coordinate it, those under
the same superior (the same institute chain), those with the same coordinator, and the bodies of its
municipality (for a body above municipalities,
of the territory it stands on). They are ranked by their distance from the executor in the graph of
places, subordination, coordination, heads, staff and membership (the scenario's structure, so a
`MoveUnder` counts), then by the spare capacity they have in the affected months, the most first.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Sequence
from datetime import date
from enum import StrEnum

import networkx as nx
import polars as pl

from model.deadline_calendar import month_end, month_starts
from model.entities import NodeKind, TerritoryLevel
from model.frames import cast_to, empty_frame
from model.operations import Reassign
from model.plan_state import PlanState
from model.relations import EdgeKind
from model.workload import load_by_month, months_run

SUGGESTION_SCHEMA: dict[str, pl.DataType] = {
    "candidate": pl.String(),
    "name": pl.String(),
    "kind": pl.String(),
    "relation": pl.String(),
    "distance": pl.Int32(),
    "capacity": pl.Float64(),
    "spare": pl.Float64(),
    "spare_total": pl.Float64(),
}
"""A body that could take work: how it is related and how far it is, its capacity, its least spare
capacity over the affected months (`spare`, always > 0) and the sum of its spare capacity over them."""


class Relation(StrEnum):
    SUBORDINATE = "subordinate"
    SUPERIOR = "superior"
    COORDINATED = "coordinated"
    COORDINATOR = "coordinator"
    SAME_SUPERIOR = "same_superior"
    SAME_COORDINATOR = "same_coordinator"
    SAME_MUNICIPALITY = "same_municipality"
    SAME_TERRITORY = "same_territory"


RELATION_LABELS: dict[str, str] = {
    Relation.SUBORDINATE: "подчинён этому исполнителю",
    Relation.SUPERIOR: "вышестоящая организация",
    Relation.COORDINATED: "под координацией этого исполнителя",
    Relation.COORDINATOR: "координирует этого исполнителя",
    Relation.SAME_SUPERIOR: "тот же вышестоящий орган",
    Relation.SAME_COORDINATOR: "тот же координатор",
    Relation.SAME_MUNICIPALITY: "тот же муниципалитет",
    Relation.SAME_TERRITORY: "та же территория",
}
"""How each relation reads to a person."""

BODY_KINDS: tuple[str, ...] = (NodeKind.AUTHORITY.value, NodeKind.INSTITUTE.value, NodeKind.GROUP.value)
"""The kinds of candidates by default: bodies, not people nor schools."""

_PEOPLE_EDGES = frozenset({EdgeKind.HEADS, EdgeKind.WORKS_AT, EdgeKind.MEMBER_OF})
_MAX_DISTANCE = 8


def affected_months(state: PlanState, executor: str, months: Sequence[date]) -> list[date]:
    """Return the months (first days) in which an executor is overloaded; all of them when in none.

    With no months given, every month the executor has load in is looked at.
    """
    load = load_by_month(state.assignments_of_executors([executor]), months or None)
    wanted = month_starts(months) if months else load["month"].to_list()
    capacity = state.capacities([executor])["capacity"].to_list()
    if not capacity or capacity[0] is None or capacity[0] <= 0:
        return wanted
    over = load.filter(pl.col("active") / capacity[0] > 1.0)["month"].to_list()
    return sorted(over) or wanted


def _related(state: PlanState, executor: str) -> dict[str, Relation]:
    """Return the nodes close to an executor with the nearest relation of each."""
    s = state.structure
    up = s.filter(pl.col("kind") == str(EdgeKind.SUBORDINATE_TO))
    coord = s.filter(pl.col("kind") == str(EdgeKind.COORDINATES))
    superiors = up.filter(pl.col("source") == executor)["target"].to_list()
    coordinators = coord.filter(pl.col("target") == executor)["source"].to_list()
    found: dict[str, Relation] = {}

    def add(nodes: Collection[str], relation: Relation) -> None:
        for n in nodes:
            found.setdefault(n, relation)

    add(up.filter(pl.col("target") == executor)["source"].to_list(), Relation.SUBORDINATE)
    add(superiors, Relation.SUPERIOR)
    add(coord.filter(pl.col("source") == executor)["target"].to_list(), Relation.COORDINATED)
    add(coordinators, Relation.COORDINATOR)
    add(up.filter(pl.col("target").is_in(superiors))["source"].to_list(), Relation.SAME_SUPERIOR)
    add(coord.filter(pl.col("source").is_in(coordinators))["target"].to_list(), Relation.SAME_COORDINATOR)
    above = state.baseline.ancestors()
    mine = above.filter(pl.col("node") == executor)["territory"].to_list()
    levels = dict(state.entity_rows(mine).select("node", "subkind").iter_rows())
    municipality = next((t for t in mine if levels.get(t) == TerritoryLevel.MUNICIPALITY), None)
    if municipality is not None:
        add(above.filter(pl.col("territory") == municipality)["node"].to_list(), Relation.SAME_MUNICIPALITY)
    else:
        own = state.baseline.tables.locations.filter(pl.col("node") == executor)["territory"].to_list()
        add(
            state.baseline.tables.locations.filter(pl.col("territory").is_in(own))["node"].to_list(),
            Relation.SAME_TERRITORY,
        )
    found.pop(executor, None)
    return found


def _adjacency(state: PlanState) -> dict[str, set[str]]:
    """Return the undirected adjacency of places (direct locations) and of the state's structure."""
    adjacency: dict[str, set[str]] = {}
    pairs = [
        *state.baseline.tables.locations.iter_rows(),
        *state.structure.select("source", "target").iter_rows(),
    ]
    for u, v in pairs:
        adjacency.setdefault(u, set()).add(v)
        adjacency.setdefault(v, set()).add(u)
    return adjacency


def _distances(
    G: nx.MultiDiGraph, state: PlanState, executor: str, targets: Collection[str]
) -> dict[str, int]:
    """Return the distance from the executor to each target reached within `_MAX_DISTANCE` steps.

    Places and structure come from the state; heads, staff and membership from the graph.
    """
    adjacency = _adjacency(state)
    left = set(targets)
    seen = {executor: 0}
    queue = deque([executor])
    while queue and left:
        node = queue.popleft()
        depth = seen[node]
        if depth >= _MAX_DISTANCE:
            continue
        near = set(adjacency.get(node, ()))
        if node in G:
            near.update(v for _, v, k in G.out_edges(node, data="kind") if k in _PEOPLE_EDGES)
            near.update(u for u, _, k in G.in_edges(node, data="kind") if k in _PEOPLE_EDGES)
        for n in sorted(near):
            if n not in seen:
                seen[n] = depth + 1
                left.discard(n)
                queue.append(n)
    return {t: seen[t] for t in targets if t in seen}


def suggest_takers(
    G: nx.MultiDiGraph,
    state: PlanState,
    executor: str,
    months: Sequence[date],
    *,
    kinds: Collection[str] = BODY_KINDS,
) -> pl.DataFrame:
    """Return close bodies with spare capacity in the months an executor is overloaded (SUGGESTION_SCHEMA).

    The affected months are those of `months` in which the executor is overloaded (all of `months`
    when it is overloaded in none). Nearest first, then the most spare capacity.

    >>> from model.graph import build_graph
    >>> from model.plan_state import baseline_state
    >>> G = build_graph([], [])[0]
    >>> suggest_takers(G, baseline_state(G), "inst:imc", [date(2020, 10, 1)]).height
    0
    """
    related = _related(state, executor)
    entities = state.entity_rows(related).filter(pl.col("kind").is_in(list(kinds)))
    if entities.is_empty():
        return empty_frame(SUGGESTION_SCHEMA)
    affected = affected_months(state, executor, months)
    candidates = entities["node"].to_list()
    load = load_by_month(state.assignments_of_executors(candidates), affected).select(
        "executor", "month", "active"
    )
    grid = pl.DataFrame({"executor": candidates}).join(
        pl.DataFrame({"month": affected}, schema={"month": pl.Date()}), how="cross"
    )
    caps = state.capacities(candidates)
    spare = (
        grid.join(load, on=["executor", "month"], how="left")
        .join(caps, on="executor", how="left")
        .with_columns(spare=pl.col("capacity") - pl.col("active").fill_null(0.0))
        .group_by("executor")
        .agg(pl.col("capacity").first(), pl.col("spare").min(), pl.col("spare").sum().alias("spare_total"))
        .filter(pl.col("spare") > 0)
    )
    distance = _distances(G, state, executor, spare["executor"].to_list())
    return (
        entities.select(candidate="node", name="name", kind="kind")
        .join(spare.rename({"executor": "candidate"}), on="candidate")
        .with_columns(
            relation=pl.col("candidate").replace_strict({k: str(v) for k, v in related.items()}),
            distance=pl.col("candidate").replace_strict(distance, default=None, return_dtype=pl.Int32()),
        )
        .sort(["distance", "spare", "candidate"], descending=[False, True, False], nulls_last=True)
        .select(cast_to(SUGGESTION_SCHEMA))
    )


def suggested_handovers(
    state: PlanState, giver: str, takers: Sequence[str], months: Sequence[date]
) -> list[Reassign | None]:
    """Return, for each taker, the hand-over that relieves an overloaded executor the most without
    overloading the taker; None for a taker that can take nothing.

    Greedy and explainable: of the activities the giver's own cell names (a fanned-out one cannot be
    handed over alone), those running in the most of its overloaded `months` first (lighter first among
    equals), each taken while it still relieves an overloaded month and the taker stays within its
    capacity in every month the activity lands on it. Whole activities are offered when they relieve
    every overloaded month; otherwise, when it relieves more, the activities' parts from the first
    overloaded month to the end of the last (`Reassign.split`), which land on the taker only there.
    """
    nothing: list[Reassign | None] = [None] * len(takers)
    everything = state.assignments_of_executors([giver])
    carried = everything.filter(pl.col("via").is_null() & pl.col("start").is_not_null())
    capacity = dict(state.capacities([giver, *takers]).select("executor", "capacity").iter_rows())
    if carried.is_empty() or capacity.get(giver) is None:
        return nothing
    load = load_by_month(everything, months)
    need = {
        m: a - capacity[giver] for m, a in load.select("month", "active").iter_rows() if a > capacity[giver]
    }
    if not need:
        return nothing
    runs = {
        a: (w, set(ms))
        for a, w, ms in carried.select(
            "activity",
            "weight",
            month=months_run(),
        )
        .explode("month")
        .group_by("activity")
        .agg(pl.col("weight").first(), pl.col("month").unique())
        .iter_rows()
    }
    start, last = min(need), max(need)
    parts = {a: (w, {m for m in ms if start <= m <= last}) for a, (w, ms) in runs.items()}
    taken: dict[str, dict[date, float]] = {}
    takers_load = load_by_month(state.assignments_of_executors(takers))
    for executor, month, active in takers_load.select("executor", "month", "active").iter_rows():
        taken.setdefault(executor, {})[month] = active

    def offer(taker: str) -> Reassign | None:
        if capacity.get(taker) is None:
            return None
        room = {m: capacity[taker] - a for m, a in taken.get(taker, {}).items()}
        whole, left = _handed_over(runs, need, room, capacity[taker])
        if whole and not left:
            return Reassign(giver, taker, whole)
        cut, cut_left = _handed_over(parts, need, room, capacity[taker])
        if cut and cut_left < left:
            return Reassign(giver, taker, cut, start, month_end(last.year, last.month), split=True)
        return Reassign(giver, taker, whole) if whole else None

    return [offer(taker) for taker in takers]


def _handed_over(
    runs: dict[str, tuple[float, set[date]]],
    need: dict[date, float],
    room: dict[date, float],
    capacity: float,
) -> tuple[tuple[str, ...], float]:
    """Return the activities taken greedily from `runs` (each activity's weight and the months it would
    land in on the taker) and the overload of the giver left."""
    need = dict(need)
    ranked = sorted(runs.items(), key=lambda r: (-len(r[1][1] & need.keys()), r[1][0], r[0]))
    used: dict[date, float] = {}
    chosen: list[str] = []
    for activity, (weight, lands) in ranked:
        touched = lands & need.keys()
        if not any(need[m] > 0 for m in touched):
            continue
        if any(used.get(m, 0.0) + weight > room.get(m, capacity) for m in lands):
            continue
        chosen.append(activity)
        for m in touched:
            need[m] -= weight
        for m in lands:
            used[m] = used.get(m, 0.0) + weight
        if all(v <= 0 for v in need.values()):
            break
    return tuple(chosen), sum(max(v, 0.0) for v in need.values())
