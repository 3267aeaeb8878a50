"""The index the queries about many nodes share, the direct links of a node, and who a fan-out reaches.

Questions about many nodes read the graph once into a `GraphIndex` (`index_of(G)`); the public helpers
take it as `index=` and fall back to scanning the graph when it is not given.

Fan-out follows `model.workload`: «ОО» reaches a school listed as ШНОР in the academic year in which
an occurrence window starts; an undated activity takes the year its roadmap's plan starts; when that
is unknown too, a school listed as ШНОР in any year.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from model.entities import Activity, AuthorityLevel, NodeKind, Roadmap, RoadmapLevel, academic_year_of
from model.graph import entity_of, in_table, kind_of, node_table, out_table, predecessors_by, successors_by
from model.relations import LISTED, EdgeKind, FanOut

DIRECT = "напрямую"
OWN_ROADMAP = "своя дорожная карта"

_FAN_OUT_NAMES = {
    FanOut.SCHOOLS: "все ШНОР",
    FanOut.MUNICIPAL_AUTHORITIES: "все МОУО",
    FanOut.DISTRICT_AUTHORITIES: "все РОО",
}
_LEVEL_RANK = {level: rank for rank, level in enumerate(RoadmapLevel)}
_ISSUER_KINDS = frozenset({NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.SCHOOL})
_ROADMAP_KINDS = frozenset({NodeKind.ROADMAP})
_TERRITORY_KINDS = frozenset({NodeKind.TERRITORY})
# Enum members bound once: reading `NodeKind.X` costs a descriptor call, and these loops run a million times.
_ROADMAP, _ACTIVITY, _PERSON, _TERRITORY = (
    NodeKind.ROADMAP,
    NodeKind.ACTIVITY,
    NodeKind.PERSON,
    NodeKind.TERRITORY,
)
_ISSUED_BY, _PART_OF, _LOCATED_IN = EdgeKind.ISSUED_BY, EdgeKind.PART_OF, EdgeKind.LOCATED_IN
_RESPONSIBLE_FOR = EdgeKind.RESPONSIBLE_FOR


@dataclass(frozen=True, slots=True)
class Ref:
    """One executor of an activity as its cell names it: a body, or a territory standing for a kind."""

    node: str
    fan_out: FanOut | None
    lead: bool


# --- the index ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class GraphIndex:
    """What the queries read from a graph once: edges by kind, the territory tree, what stands on each
    territory, the roadmaps each body issued, the activities of each roadmap and who carries them."""

    G: nx.MultiDiGraph
    out: dict[tuple[str, EdgeKind], list[str]] = field(default_factory=dict)
    into: dict[tuple[str, EdgeKind], list[str]] = field(default_factory=dict)
    refs: dict[str, list[Ref]] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    on: dict[str, list[str]] = field(default_factory=dict)
    issued: dict[str, list[str]] = field(default_factory=dict)
    parts: dict[str, list[str]] = field(default_factory=dict)
    years: dict[str, frozenset[int] | None] = field(default_factory=dict)
    members: dict[tuple[str, FanOut, frozenset[int] | None, frozenset[str]], list[str]] = field(
        default_factory=dict
    )

    def below(self, territory: str) -> list[str]:
        """Return a territory and every territory beneath it, nearest first."""
        return _walk(territory, self.children)

    def above(self, territory: str) -> list[str]:
        """Return a territory and every territory above it, nearest first."""
        return _walk(territory, self.parents)


def _walk(start: str, step: dict[str, list[str]]) -> list[str]:
    seen = {start: None}
    queue = deque([start])
    while queue:
        for nxt in step.get(queue.popleft(), ()):
            if nxt not in seen:
                seen[nxt] = None
                queue.append(nxt)
    return list(seen)


def _fan_out(value: Any) -> FanOut | None:
    try:
        return FanOut(value) if value else None
    except ValueError:
        return None


def index_of(G: nx.MultiDiGraph) -> GraphIndex:
    """Return the index of a graph that the queries about many nodes share.

    One pass over the outgoing and one over the incoming adjacency, so that an activity's executors
    keep the order of its cell; equal `Ref`s are one shared value.
    """
    index = GraphIndex(G)
    nodes = node_table(G)
    _edges_by_kind(out_table(G), index.out)
    _edges_into(nodes, in_table(G), index.into, index.refs)
    out, issued, parts = index.out, index.issued, index.parts
    parents, children, on = index.parents, index.children, index.on
    roadmap, activity, person, territory = _ROADMAP, _ACTIVITY, _PERSON, _TERRITORY
    issued_by, part_of, located_in = _ISSUED_BY, _PART_OF, _LOCATED_IN
    empty: list[str] = []
    for node, data in nodes.items():
        kind, entity = data["kind"], data["entity"]
        if kind == roadmap:
            found = out.get((node, issued_by), empty)
            for issuer in _with_named(nodes, found, entity.issuer, _ISSUER_KINDS):
                issued.setdefault(issuer, []).append(node)
        elif kind == activity:
            found = out.get((node, part_of), empty)
            for plan in _with_named(nodes, found, entity.roadmap, _ROADMAP_KINDS):
                parts.setdefault(plan, []).append(node)
            continue
        elif kind == person:
            continue
        found = out.get((node, located_in), empty)
        named = entity.parent if entity.kind == territory else getattr(entity, "territory", None)
        for t in _with_named(nodes, found, named, _TERRITORY_KINDS):
            if kind == territory:
                parents.setdefault(node, []).append(t)
                children.setdefault(t, []).append(node)
            else:
                on.setdefault(t, []).append(node)
    return index


def _edges_by_kind(
    adjacency: dict[str, dict[str, dict[str, dict[str, Any]]]], by_kind: dict[tuple[str, EdgeKind], list[str]]
) -> None:
    """Fill `by_kind` with each node's neighbours by edge kind, in adjacency order, each neighbour once."""
    found: list[str] | None
    for node, neighbours in adjacency.items():
        for other, keys in neighbours.items():
            if len(keys) == 1:
                for data in keys.values():
                    found = by_kind.get((node, data["kind"]))
                    if found is None:
                        by_kind[node, data["kind"]] = [other]
                    else:
                        found.append(other)
                continue
            for kind in dict.fromkeys(data["kind"] for data in keys.values()):
                found = by_kind.get((node, kind))
                if found is None:
                    by_kind[node, kind] = [other]
                else:
                    found.append(other)


def _edges_into(
    nodes: dict[str, dict[str, Any]],
    incoming: dict[str, dict[str, dict[str, dict[str, Any]]]],
    by_kind: dict[tuple[str, EdgeKind], list[str]],
    refs: dict[str, list[Ref]],
) -> None:
    """Fill `by_kind` from the incoming adjacency as `_edges_by_kind` does, and `refs` on the way.

    Each `responsible_for` edge into a node is a `Ref` of it, with a fan-out only from a territory.
    """
    shared: dict[tuple[str, FanOut | None, bool], Ref] = {}
    responsible_for, territory = _RESPONSIBLE_FOR, _TERRITORY
    found: list[str] | None
    for node, sources in incoming.items():
        mine: list[Ref] | None = None
        for other, keys in sources.items():
            seen: set[EdgeKind] | None = None if len(keys) == 1 else set()
            for data in keys.values():
                kind = data["kind"]
                if seen is None or kind not in seen:
                    if seen is not None:
                        seen.add(kind)
                    found = by_kind.get((node, kind))
                    if found is None:
                        by_kind[node, kind] = [other]
                    else:
                        found.append(other)
                if kind != responsible_for:
                    continue
                fan_out = data.get("fan_out")
                if fan_out is not None:
                    fan_out = _fan_out(fan_out) if nodes[other]["kind"] == territory else None
                ref_key = (other, fan_out, bool(data.get("lead")))
                ref = shared.get(ref_key)
                if ref is None:
                    ref = shared[ref_key] = Ref(*ref_key)
                if mine is None:
                    mine = refs[node] = [ref]
                else:
                    mine.append(ref)


def _with_named(
    nodes: dict[str, dict[str, Any]], found: list[str], named: Any, kinds: Collection[NodeKind]
) -> list[str]:
    """Return the linked nodes, then the one an entity names in an attribute when the graph has it."""
    if isinstance(named, str) and named not in found:
        data = nodes.get(named)
        if data is not None and data["kind"] in kinds:
            return [*found, named]
    return found


def _linked(
    G: nx.MultiDiGraph, index: GraphIndex | None, node: str, edge: EdgeKind, *, into: bool = False
) -> list[str]:
    if index is not None:
        return (index.into if into else index.out).get((node, edge), [])
    return predecessors_by(G, node, edge) if into else successors_by(G, node, edge)


def _plus(G: nx.MultiDiGraph, found: Iterable[str], extra: Any, kinds: Collection[NodeKind]) -> list[str]:
    """Return the linked nodes, then the one an entity names in an attribute when the graph has it."""
    out = list(dict.fromkeys(found))
    if isinstance(extra, str) and extra in G and kind_of(G, extra) in kinds and extra not in out:
        out.append(extra)
    return out


def territories_of(G: nx.MultiDiGraph, node: str, *, index: GraphIndex | None = None) -> list[str]:
    """Return the territories a node stands on directly: a territory's parents, a body's territory."""
    entity = entity_of(G, node)
    named = entity.parent if entity.kind == NodeKind.TERRITORY else getattr(entity, "territory", None)
    return _plus(G, _linked(G, index, node, EdgeKind.LOCATED_IN), named, (NodeKind.TERRITORY,))


def roadmaps_of(G: nx.MultiDiGraph, activity: str, *, index: GraphIndex | None = None) -> list[str]:
    """Return the roadmaps an activity is part of (normally one)."""
    found = _linked(G, index, activity, EdgeKind.PART_OF)
    return _plus(G, found, entity_of(G, activity).roadmap, (NodeKind.ROADMAP,))


def issuers_of(G: nx.MultiDiGraph, roadmap: str, *, index: GraphIndex | None = None) -> list[str]:
    """Return the bodies that issued a roadmap's order."""
    found = _linked(G, index, roadmap, EdgeKind.ISSUED_BY)
    return _plus(G, found, entity_of(G, roadmap).issuer, _ISSUER_KINDS)


def controllers_of(G: nx.MultiDiGraph, roadmap: str, *, index: GraphIndex | None = None) -> list[str]:
    """Return the people who control the execution of a roadmap's order."""
    found = _linked(G, index, roadmap, EdgeKind.CONTROLS, into=True)
    return _plus(G, found, entity_of(G, roadmap).controller, (NodeKind.PERSON,))


def organisations_of(G: nx.MultiDiGraph, person: str, *, index: GraphIndex | None = None) -> list[str]:
    """Return the bodies a person works at.

    >>> from model.entities import Authority, Person
    >>> from model.graph import build_graph
    >>> G, _ = build_graph([Authority("auth:uo", "УО", AuthorityLevel.MUNICIPAL, "ter:x"),
    ...                     Person("person:g", "Гутник И.С.", organisation="auth:uo")], [])
    >>> organisations_of(G, "person:g")
    ['auth:uo']
    """
    found = _linked(G, index, person, EdgeKind.WORKS_AT)
    return _plus(G, found, entity_of(G, person).organisation, _ISSUER_KINDS)


def bases_of(G: nx.MultiDiGraph, roadmap: str, *, index: GraphIndex | None = None) -> list[str]:
    """Return the roadmaps a roadmap is based on («в соответствии с приказом …»)."""
    found = _linked(G, index, roadmap, EdgeKind.BASED_ON)
    return _plus(G, found, entity_of(G, roadmap).based_on, (NodeKind.ROADMAP,))


# --- fan-out -------------------------------------------------------------------------------------------


def listing_years(
    G: nx.MultiDiGraph, activity: str, *, index: GraphIndex | None = None
) -> frozenset[int] | None:
    """Return the academic years whose school lists an activity's «ОО» reads; None means any year.

    Each occurrence window reads the year it starts in; an undated activity the year its plan starts.
    """
    if index is not None and activity in index.years:
        return index.years[activity]
    act: Activity = entity_of(G, activity)
    years: frozenset[int] | None = frozenset(academic_year_of(start) for start, _ in act.deadline.occurrences)
    if not years:
        starts = [entity_of(G, r).plan_start for r in roadmaps_of(G, activity, index=index)]
        years = frozenset(academic_year_of(s) for s in starts if s is not None) or None
    if index is not None:
        index.years[activity] = years
    return years


def _fits(
    G: nx.MultiDiGraph, node: str, fan_out: FanOut, years: frozenset[int] | None, statuses: Collection[str]
) -> bool:
    entity = entity_of(G, node)
    if fan_out == FanOut.SCHOOLS:
        return entity.kind == NodeKind.SCHOOL and any(
            s.status in statuses and (years is None or s.year in years) for s in entity.statuses
        )
    level = AuthorityLevel.MUNICIPAL if fan_out == FanOut.MUNICIPAL_AUTHORITIES else AuthorityLevel.DISTRICT
    return entity.kind == NodeKind.AUTHORITY and entity.level == level  # type: ignore[no-any-return]


def fan_out_members(
    G: nx.MultiDiGraph,
    territory: str,
    fan_out: FanOut,
    years: frozenset[int] | None = None,
    *,
    statuses: Collection[str] = LISTED,
    index: GraphIndex | None = None,
) -> list[str]:
    """Return the bodies a fan-out stands for: ШНОР listed in one of the years (None: any), or authorities.

    >>> from model.entities import School, SchoolStatus, Territory, TerritoryLevel
    >>> from model.graph import build_graph
    >>> G, _ = build_graph([Territory("ter:a", "Полысаево", TerritoryLevel.MUNICIPALITY),
    ...                     School("school:35", "Школа № 35", "ter:a", (SchoolStatus(2020),))], [])
    >>> [fan_out_members(G, "ter:a", FanOut.SCHOOLS, frozenset({year})) for year in (2020, 2021)]
    [['school:35'], []]
    """
    index = index_of(G) if index is None else index
    key = (territory, fan_out, years, frozenset(statuses))
    if key not in index.members:
        found = dict.fromkeys(n for t in index.below(territory) for n in index.on.get(t, ()))
        index.members[key] = [n for n in found if _fits(G, n, fan_out, years, statuses)]
    return list(index.members[key])


def fan_out_name(G: nx.MultiDiGraph, territory: str, fan_out: FanOut) -> str:
    """Return how a person names a fan-out: «все ШНОР территории «Полысаевский городской округ»»."""
    return f"{_FAN_OUT_NAMES[fan_out]} территории «{entity_of(G, territory).name}»"


def carried_by(
    G: nx.MultiDiGraph, node: str, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> dict[str, str]:
    """Return every activity a body carries, named in the cell or reached by a fan-out, with how.

    The value is «напрямую» or the name of the fan-out («все ШНОР территории «…»»); a body both
    named and fanned out to carries the activity once, «напрямую».

    >>> from model.deadlines import Deadline, DeadlineKind
    >>> from model.entities import School, SchoolStatus, Territory, TerritoryLevel
    >>> from model.graph import build_graph
    >>> from model.relations import Link
    >>> G, _ = build_graph(
    ...     [Territory("ter:p", "Полысаево", TerritoryLevel.MUNICIPALITY),
    ...      School("school:35", "Школа № 35", "ter:p", (SchoolStatus(2020),)),
    ...      Activity("act:1", "rm:1", "1", "Семинар", Deadline(DeadlineKind.UNKNOWN, None, None, (), ""))],
    ...     [Link("ter:p", EdgeKind.RESPONSIBLE_FOR, "act:1", {"fan_out": FanOut.SCHOOLS})])
    >>> carried_by(G, "school:35")
    {'act:1': 'все ШНОР территории «Полысаево»'}
    """
    if node not in G:
        return {}
    index = index_of(G) if index is None else index
    found = {a: DIRECT for a in index.out.get((node, EdgeKind.RESPONSIBLE_FOR), [])}
    above = dict.fromkeys(t for own in territories_of(G, node, index=index) for t in index.above(own))
    for territory in above:
        for activity in index.out.get((territory, EdgeKind.RESPONSIBLE_FOR), []):
            years = listing_years(G, activity, index=index)
            for ref in index.refs.get(activity, []):
                if ref.node == territory and ref.fan_out and _fits(G, node, ref.fan_out, years, statuses):
                    found.setdefault(activity, fan_out_name(G, territory, ref.fan_out))
    return found


# --- what lands on a school ----------------------------------------------------------------------------


def activities_landing_on(
    G: nx.MultiDiGraph, school: str, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> dict[str, str]:
    """Return every activity landing on a school, with how: as `carried_by` says, or «своя дорожная карта».

    >>> from model.deadlines import Deadline, DeadlineKind
    >>> from model.entities import School
    >>> from model.graph import build_graph
    >>> from model.relations import Link
    >>> never = Deadline(DeadlineKind.UNKNOWN, None, None, (), "")
    >>> G, _ = build_graph(
    ...     [School("school:35", "Школа № 35", "ter:x"),
    ...      Roadmap("rm:35", "План школы", "school:35", "ter:x", RoadmapLevel.SCHOOL),
    ...      Activity("act:1", "rm:35", "1", "Педсовет", never)],
    ...     [Link("act:1", EdgeKind.PART_OF, "rm:35")])
    >>> activities_landing_on(G, "school:35")
    {'act:1': 'своя дорожная карта'}
    """
    index = index_of(G) if index is None else index
    found = carried_by(G, school, statuses=statuses, index=index)
    for roadmap in index.issued.get(school, []):
        for activity in index.parts.get(roadmap, []):
            found.setdefault(activity, OWN_ROADMAP)
    return found


def in_plan_order(
    G: nx.MultiDiGraph, activities: Iterable[str], *, index: GraphIndex | None = None
) -> list[str]:
    """Return activities from the highest level down, by roadmap date, then by row."""
    index = index_of(G) if index is None else index

    def key(a: str) -> tuple[int, str, str, int, str]:
        roadmaps = roadmaps_of(G, a, index=index)
        rm: Roadmap | None = entity_of(G, roadmaps[0]) if roadmaps else None
        rank = _LEVEL_RANK.get(rm.level, len(_LEVEL_RANK)) if rm else len(_LEVEL_RANK)
        day = rm.date.isoformat() if rm and rm.date else "9999"
        row = entity_of(G, a).source.row
        return rank, day, rm.id if rm else "", row if row is not None else -1, a

    return sorted(activities, key=key)
