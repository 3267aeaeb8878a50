"""Responsibility chains, the scope of a territory, and everything that lands on a school.

A chain answers «who answers for this activity, up to the deputy minister»: the activity, its
executors, their heads and coordinators, the bodies above them, the issuers of its roadmap and of the
roadmaps it is based on, and the people who control them. A territory that carries an activity as a
fan-out («ОО», «МОУО», «РОО») shows as one node, never as every body it stands for.

Fan-out follows `model.workload`: «ОО» reaches a school listed as ШНОР in the academic year in which
an occurrence window starts; an undated activity takes the year its roadmap's plan starts; when that
is unknown too, a school listed as ШНОР in any year.

Questions about many nodes read the graph once into a `GraphIndex` (`index_of(G)`); the public helpers
take it as `index=` and fall back to scanning the graph when it is not given.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import networkx as nx
import polars as pl

from model.entities import (
    Activity,
    AuthorityLevel,
    NodeKind,
    Roadmap,
    RoadmapLevel,
    SchoolStatusKind,
    TerritoryLevel,
    academic_year_of,
)
from model.graph import entity_of, kind_of, predecessors_by, successors_by
from model.relations import EdgeKind, FanOut


class ChainRole(StrEnum):
    ACTIVITY = "activity"
    EXECUTOR = "executor"
    COORDINATOR = "coordinator"
    HEAD = "head"
    AUTHORITY = "authority"
    ROADMAP = "roadmap"
    ISSUER = "issuer"
    CONTROLLER = "controller"


ROLE_ORDER: tuple[ChainRole, ...] = tuple(ChainRole)
"""The order a chain is read in; a node playing several roles shows under the first of them."""


class BrokenCode(StrEnum):
    NO_EXECUTOR = "no-executor"
    NO_COORDINATOR = "no-coordinator"
    NO_CONTROLLER = "no-controller"
    NO_ISSUER = "no-issuer"


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """A missing link in an activity's chain: a stable code and a Russian detail for a person."""

    code: BrokenCode
    activity: str
    detail: str


def _names(graph: Any, role: ChainRole) -> tuple[str, ...]:
    return tuple(d["name"] for _, d in graph.nodes(data=True) if role in d["roles"])


def _triples(graph: Any) -> tuple[tuple[str, str, str], ...]:
    name = dict(graph.nodes(data="name"))
    edges = graph.edges(data="labels")
    return tuple(sorted((name[u], label, name[v]) for u, v, labels in edges for label in labels))


@dataclass(frozen=True, slots=True)
class Chain:
    """An activity's chain of responsibility as a small frozen graph, and the links missing from it.

    Nodes carry `role` (the first of `roles` in `ROLE_ORDER`), `roles`, `name` and `kind`; a fan-out
    node also `fan_out`, `territory` and `members` (how many bodies it stands for). Edges carry `label`
    (executes, part_of, heads, coordinates, subordinate_to, works_at, issued, based_on, controls) and
    `labels`, every label between the two nodes (a director may head and coordinate one body);
    `inferred` marks a subordination read from the territory, `via` a coordination through it.
    """

    activity: str
    graph: nx.DiGraph
    broken: tuple[BrokenLink, ...] = ()

    def names(self, role: ChainRole) -> tuple[str, ...]:
        """Return the names of the nodes playing a role, nearest to the activity first."""
        return _names(self.graph, role)

    def triples(self) -> tuple[tuple[str, str, str], ...]:
        """Return every edge as (source name, label, target name), sorted."""
        return _triples(self.graph)


@dataclass(frozen=True, slots=True)
class Chains:
    """The union of the chains of every activity landing on one school or executor (`focus`)."""

    focus: str
    activities: tuple[str, ...]
    graph: nx.DiGraph
    broken: tuple[BrokenLink, ...] = ()

    def names(self, role: ChainRole) -> tuple[str, ...]:
        """Return the names of the nodes playing a role."""
        return _names(self.graph, role)

    def triples(self) -> tuple[tuple[str, str, str], ...]:
        """Return every edge as (source name, label, target name), sorted."""
        return _triples(self.graph)


@dataclass(frozen=True, slots=True)
class Scope:
    """The ids of everything beneath a territory."""

    territories: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()
    schools: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    roadmaps: frozenset[str] = frozenset()
    activities: frozenset[str] = frozenset()


LISTED: tuple[str, ...] = (SchoolStatusKind.LOW_RESULTS,)
"""The school statuses «ОО»/«ШНОР» stands for by default, as in `model.workload`."""

DIRECT = "напрямую"
OWN_ROADMAP = "своя дорожная карта"

OBLIGATION_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "number": pl.String(),
    "text": pl.String(),
    "deadline_raw": pl.String(),
    "deadline_kind": pl.String(),
    "start": pl.Date(),
    "end": pl.Date(),
    "level": pl.String(),
    "roadmap": pl.String(),
    "roadmap_name": pl.String(),
    "issuer": pl.String(),
    "lead": pl.String(),
    "supporters": pl.String(),
    "via": pl.String(),
    "file": pl.String(),
    "sheet": pl.String(),
    "row": pl.Int64(),
}
"""One row per activity landing on a school: what, by when, from which level and roadmap, who set it,
who leads and who supports it («; »-joined), how it lands («напрямую», a fan-out, its own roadmap),
and where the row was read."""

_FAN_OUT_NAMES = {
    FanOut.SCHOOLS: "все ШНОР",
    FanOut.MUNICIPAL_AUTHORITIES: "все МОУО",
    FanOut.DISTRICT_AUTHORITIES: "все РОО",
}
_AUTHORITY_LEVEL = {
    TerritoryLevel.COUNTRY: AuthorityLevel.FEDERAL,
    TerritoryLevel.REGION: AuthorityLevel.REGIONAL,
    TerritoryLevel.MUNICIPALITY: AuthorityLevel.MUNICIPAL,
    TerritoryLevel.DISTRICT: AuthorityLevel.DISTRICT,
}
_LEVEL_RANK = {level: rank for rank, level in enumerate(RoadmapLevel)}
_ISSUER_KINDS = frozenset({NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.SCHOOL})
_BODY_KINDS = frozenset({NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.GROUP})


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
    """Return the index of a graph that the queries about many nodes share."""
    index = GraphIndex(G)
    # Per node, so that an activity's executors keep the order of its cell.
    for node in G:
        for _, v, kind in G.out_edges(node, data="kind"):
            index.out.setdefault((node, kind), []).append(v)
        for u, _, data in G.in_edges(node, data=True):
            kind = data["kind"]
            index.into.setdefault((node, kind), []).append(u)
            if kind == EdgeKind.RESPONSIBLE_FOR:
                fan_out = _fan_out(data.get("fan_out")) if kind_of(G, u) == NodeKind.TERRITORY else None
                index.refs.setdefault(node, []).append(Ref(u, fan_out, bool(data.get("lead"))))
    for nodes in (*index.out.values(), *index.into.values()):
        nodes[:] = dict.fromkeys(nodes)
    for node, kind in G.nodes(data="kind"):
        if kind == NodeKind.ROADMAP:
            for issuer in issuers_of(G, node, index=index):
                index.issued.setdefault(issuer, []).append(node)
        elif kind == NodeKind.ACTIVITY:
            for roadmap in roadmaps_of(G, node, index=index):
                index.parts.setdefault(roadmap, []).append(node)
        if kind in (NodeKind.PERSON, NodeKind.ACTIVITY):
            continue
        for t in territories_of(G, node, index=index):
            if kind == NodeKind.TERRITORY:
                index.parents.setdefault(node, []).append(t)
                index.children.setdefault(t, []).append(node)
            else:
                index.on.setdefault(t, []).append(node)
    return index


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

    >>> from model.entities import School, SchoolStatus, Territory
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


def _fan_out_id(territory: str, fan_out: FanOut) -> str:
    return f"fan-out:{fan_out}:{territory}"


def _fan_out_name(G: nx.MultiDiGraph, territory: str, fan_out: FanOut) -> str:
    return f"{_FAN_OUT_NAMES[fan_out]} территории «{entity_of(G, territory).name}»"


def carried_by(
    G: nx.MultiDiGraph, node: str, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> dict[str, str]:
    """Return every activity a body carries, named in the cell or reached by a fan-out, with how.

    The value is «напрямую» or the name of the fan-out («все ШНОР территории «…»»); a body both
    named and fanned out to carries the activity once, «напрямую».

    >>> from model.deadlines import Deadline, DeadlineKind
    >>> from model.entities import School, SchoolStatus, Territory
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
                    found.setdefault(activity, _fan_out_name(G, territory, ref.fan_out))
    return found


# --- chains --------------------------------------------------------------------------------------------


def _superiors(index: GraphIndex, node: str, may_infer: bool) -> list[tuple[str, str, bool]]:
    """Return (body above, edge label, inferred from the territory) for one node."""
    G = index.G
    entity = entity_of(G, node)
    if entity.kind == NodeKind.PERSON:
        works = _plus(G, index.out.get((node, EdgeKind.WORKS_AT), []), entity.organisation, _ISSUER_KINDS)
        heads = [b for b in index.out.get((node, EdgeKind.HEADS), []) if b not in works]
        return [(b, "works_at", False) for b in works] + [(b, "heads", False) for b in heads]
    above = index.out.get((node, EdgeKind.SUBORDINATE_TO), [])
    explicit = [(b, "subordinate_to", False) for b in above if b != node]
    if explicit or not may_infer:
        return explicit
    return [(b, "subordinate_to", True) for b in _territory_authorities(index, node)]


def _territory_authorities(index: GraphIndex, node: str) -> list[str]:
    """Return the authorities of the nearest territory at or above a node that has any but the node."""
    G = index.G
    found: list[str] = []
    starts = [node] if kind_of(G, node) == NodeKind.TERRITORY else territories_of(G, node, index=index)
    for start in starts:
        for territory in index.above(start):
            here = [
                n for n in index.on.get(territory, ()) if n != node and kind_of(G, n) == NodeKind.AUTHORITY
            ]
            if here:
                level = _AUTHORITY_LEVEL.get(entity_of(G, territory).level)
                found.extend([n for n in here if entity_of(G, n).level == level] or here)
                break
    return list(dict.fromkeys(found))


def _climb(index: GraphIndex, node: str) -> Iterator[tuple[str, str, str, bool]]:
    """Yield (below, above, label, inferred) up from a node.

    Explicit subordination is followed all the way up; the territory's authority stands in for a
    missing one only until an authority is reached.
    """
    seen = {node}
    queue = deque([(node, True)])
    while queue:
        current, may_infer = queue.popleft()
        for up, label, inferred in _superiors(index, current, may_infer):
            yield current, up, label, inferred
            if up not in seen:
                seen.add(up)
                queue.append((up, kind_of(index.G, up) != NodeKind.AUTHORITY))


def authorities_above(G: nx.MultiDiGraph, node: str, *, index: GraphIndex | None = None) -> list[str]:
    """Return the authorities a node answers to, nearest first, as its chain reaches them.

    A person answers through the body they work at or head; a body without an explicit
    `subordinate_to` answers to the authority of its territory (or of the nearest one above).

    >>> from model.entities import Authority, Institute, InstituteKind, Territory
    >>> from model.graph import build_graph
    >>> G, _ = build_graph([Territory("ter:p", "Полысаево", TerritoryLevel.MUNICIPALITY),
    ...     Authority("auth:uo", "УО", AuthorityLevel.MUNICIPAL, "ter:p"),
    ...     Institute("inst:imc", "ИМЦ", InstituteKind.METHODICAL_CENTRE, "ter:p")], [])
    >>> authorities_above(G, "inst:imc"), authorities_above(G, "auth:uo")
    (['auth:uo'], [])
    """
    index = index_of(G) if index is None else index
    found = (up for _, up, _, _ in _climb(index, node) if kind_of(G, up) == NodeKind.AUTHORITY)
    return [a for a in dict.fromkeys(found) if a != node]


class _Builder:
    """Grows one chain graph; a node keeps every role it is found in, an edge every label."""

    def __init__(self, index: GraphIndex) -> None:
        self.index, self.G, self.g = index, index.G, nx.DiGraph()

    def add(self, node: str, role: ChainRole, **attrs: Any) -> None:
        if node not in self.g:
            entity = entity_of(self.G, node)
            self.g.add_node(node, name=entity.name, kind=str(entity.kind), roles=set())
        self.g.nodes[node].update(attrs)
        self.g.nodes[node]["roles"].add(role)

    def link(self, u: str, label: str, v: str, **attrs: Any) -> None:
        if u == v:
            return
        if not self.g.has_edge(u, v):
            self.g.add_edge(u, v, label=label, labels=(label,), **attrs)
            return
        data = self.g.edges[u, v]
        if label not in data["labels"]:
            data["labels"] += (label,)
            data.update(attrs)

    def heads(self, body: str) -> None:
        for head in self.index.into.get((body, EdgeKind.HEADS), []):
            self.add(head, ChainRole.HEAD)
            self.link(head, "heads", body)

    def coordinators(self, target: str, sources: Iterable[str]) -> bool:
        """Add who coordinates any of the sources, linked to the chain node `target`; tell if any."""
        found = False
        for source in sources:
            for c in self.index.into.get((source, EdgeKind.COORDINATES), []):
                found = True
                self.add(c, ChainRole.COORDINATOR)
                self.link(c, "coordinates", target, **({} if source == target else {"via": source}))
                if kind_of(self.G, c) != NodeKind.PERSON:
                    self.heads(c)
        return found

    def bodies_above(self, chain_node: str, node: str) -> None:
        """Add the bodies above a node, linked from the chain node that stands for it."""
        for below, up, label, inferred in _climb(self.index, node):
            self.add(up, ChainRole.AUTHORITY)
            attrs = {"inferred": True} if inferred else {}
            self.link(chain_node if below == node else below, label, up, **attrs)

    def roadmap(self, roadmap: str, seen: set[str]) -> None:
        """Add a roadmap's issuers and controllers, then the same for every roadmap it is based on."""
        seen.add(roadmap)
        self.add(roadmap, ChainRole.ROADMAP)
        for issuer in issuers_of(self.G, roadmap, index=self.index):
            self.add(issuer, ChainRole.ISSUER)
            self.link(issuer, "issued", roadmap)
        for controller in controllers_of(self.G, roadmap, index=self.index):
            self.add(controller, ChainRole.CONTROLLER)
            self.link(controller, "controls", roadmap)
        for base in bases_of(self.G, roadmap, index=self.index):
            self.add(base, ChainRole.ROADMAP)
            self.link(roadmap, "based_on", base)
            if base not in seen:
                self.roadmap(base, seen)

    def graph(self) -> nx.DiGraph:
        for _, data in self.g.nodes(data=True):
            roles = tuple(r for r in ROLE_ORDER if r in data["roles"])
            data["roles"], data["role"] = roles, roles[0]
        return nx.freeze(self.g)


def _years_text(years: frozenset[int] | None) -> str:
    return ", ".join(f"{y}/{(y + 1) % 100:02d}" for y in sorted(years)) if years else "любой год"


def _chain(index: GraphIndex, activity: str, statuses: Collection[str]) -> Chain:
    G = index.G
    if activity not in G or kind_of(G, activity) != NodeKind.ACTIVITY:
        raise KeyError(f"{activity} is not an activity of the graph")
    b = _Builder(index)
    b.add(activity, ChainRole.ACTIVITY)
    coordinated = resolved = False
    empty: list[str] = []
    for ref in index.refs.get(activity, []):
        if ref.fan_out is None:
            node, own = ref.node, [ref.node, *territories_of(G, ref.node, index=index)]
            b.add(node, ChainRole.EXECUTOR)
            b.heads(node)
            resolved = True
        else:
            node, own = _fan_out_id(ref.node, ref.fan_out), [ref.node]
            years = listing_years(G, activity, index=index)
            members = fan_out_members(G, ref.node, ref.fan_out, years, statuses=statuses, index=index)
            name = _fan_out_name(G, ref.node, ref.fan_out)
            b.g.add_node(
                node,
                name=name,
                kind=str(NodeKind.TERRITORY),
                roles={ChainRole.EXECUTOR},
                fan_out=str(ref.fan_out),
                territory=ref.node,
                members=len(members),
            )
            resolved = resolved or bool(members)
            if not members:
                empty.append(f"«{name}»: никого в списке на {_years_text(years)}")
        b.link(node, "executes", activity, lead=ref.lead)
        coordinated = b.coordinators(node, own) or coordinated
        b.bodies_above(node, ref.node)
    broken: list[BrokenLink] = []
    act: Activity = entity_of(G, activity)
    if not resolved:
        written = f"исполнители не распознаны: «{act.executors_raw}»" if act.executors_raw else ""
        detail = "; ".join(empty) or written or "исполнитель не указан"
        broken.append(BrokenLink(BrokenCode.NO_EXECUTOR, activity, detail))
    roadmaps = roadmaps_of(G, activity, index=index)
    seen: set[str] = set()
    for roadmap in roadmaps:
        b.add(roadmap, ChainRole.ROADMAP)
        b.link(activity, "part_of", roadmap)
        coordinated = b.coordinators(roadmap, [roadmap]) or coordinated
        b.roadmap(roadmap, seen)
        name = entity_of(G, roadmap).name
        if not controllers_of(G, roadmap, index=index):
            detail = f"у дорожной карты «{name}» не указан контролирующий"
            broken.append(BrokenLink(BrokenCode.NO_CONTROLLER, activity, detail))
        if not issuers_of(G, roadmap, index=index):
            detail = f"у дорожной карты «{name}» не указан издатель"
            broken.append(BrokenLink(BrokenCode.NO_ISSUER, activity, detail))
    if not roadmaps:
        orphan = "мероприятие не входит ни в одну дорожную карту"
        broken += [
            BrokenLink(BrokenCode.NO_CONTROLLER, activity, orphan),
            BrokenLink(BrokenCode.NO_ISSUER, activity, orphan),
        ]
    if not coordinated:
        where = ", ".join(f"«{entity_of(G, r).name}»" for r in roadmaps) or "—"
        detail = f"нет координатора ни у исполнителей, ни у дорожной карты {where}"
        broken.append(BrokenLink(BrokenCode.NO_COORDINATOR, activity, detail))
    order = {code: i for i, code in enumerate(BrokenCode)}
    return Chain(activity, b.graph(), tuple(sorted(broken, key=lambda x: order[x.code])))


def chain_of(
    G: nx.MultiDiGraph, activity: str, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> Chain:
    """Return an activity's chain: executors, heads, coordinators, bodies above, issuers, controllers.

    >>> from model.entities import Authority, Person
    >>> from model.deadlines import Deadline, DeadlineKind
    >>> from model.graph import build_graph
    >>> from model.relations import Link
    >>> never = Deadline(DeadlineKind.UNKNOWN, None, None, (), "")
    >>> G, _ = build_graph(
    ...     [Authority("auth:uo", "УО", AuthorityLevel.MUNICIPAL, "ter:x"), Person("person:g", "Гутник И.С."),
    ...      Roadmap("rm:1", "Дорожная карта", "auth:uo", "ter:x", RoadmapLevel.MUNICIPALITY, number="162"),
    ...      Activity("act:1", "rm:1", "1", "Рабочая группа", never)],
    ...     [Link("act:1", EdgeKind.PART_OF, "rm:1"), Link("auth:uo", EdgeKind.RESPONSIBLE_FOR, "act:1"),
    ...      Link("rm:1", EdgeKind.ISSUED_BY, "auth:uo"), Link("person:g", EdgeKind.CONTROLS, "rm:1")])
    >>> c = chain_of(G, "act:1")
    >>> c.names(ChainRole.EXECUTOR), c.names(ChainRole.CONTROLLER), [str(x.code) for x in c.broken]
    (('УО',), ('Гутник И.С.',), ['no-coordinator'])
    """
    return _chain(index_of(G) if index is None else index, activity, statuses)


def chains_of(
    G: nx.MultiDiGraph,
    activities: Iterable[str],
    *,
    statuses: Collection[str] = LISTED,
    index: GraphIndex | None = None,
) -> list[Chain]:
    """Return the chains of many activities, reading the graph once."""
    index = index_of(G) if index is None else index
    return [_chain(index, a, statuses) for a in activities]


def _union(focus: str, chains: list[Chain]) -> Chains:
    graph = nx.DiGraph()
    for chain in chains:
        for node, data in chain.graph.nodes(data=True):
            if node in graph:
                roles = set(graph.nodes[node]["roles"]) | set(data["roles"])
                ordered = tuple(r for r in ROLE_ORDER if r in roles)
                graph.nodes[node].update(roles=ordered, role=ordered[0])
            else:
                graph.add_node(node, **data)
        for u, v, data in chain.graph.edges(data=True):
            if not graph.has_edge(u, v):
                graph.add_edge(u, v, **data)
            else:
                known = graph.edges[u, v]["labels"]
                graph.edges[u, v]["labels"] = known + tuple(x for x in data["labels"] if x not in known)
    broken = tuple(link for chain in chains for link in chain.broken)
    return Chains(focus, tuple(c.activity for c in chains), nx.freeze(graph), broken)


def _landing_on_school(index: GraphIndex, school: str, statuses: Collection[str]) -> dict[str, str]:
    found = carried_by(index.G, school, statuses=statuses, index=index)
    for roadmap in index.issued.get(school, []):
        for activity in index.parts.get(roadmap, []):
            found.setdefault(activity, OWN_ROADMAP)
    return found


def _sorted(index: GraphIndex, activities: Iterable[str]) -> list[str]:
    """Return activities from the highest level down, by roadmap date, then by row."""
    G = index.G

    def key(a: str) -> tuple[int, str, str, int, str]:
        roadmaps = roadmaps_of(G, a, index=index)
        rm: Roadmap | None = entity_of(G, roadmaps[0]) if roadmaps else None
        rank = _LEVEL_RANK.get(rm.level, len(_LEVEL_RANK)) if rm else len(_LEVEL_RANK)
        day = rm.date.isoformat() if rm and rm.date else "9999"
        row = entity_of(G, a).source.row
        return rank, day, rm.id if rm else "", row if row is not None else -1, a

    return sorted(activities, key=key)


def chains_of_school(
    G: nx.MultiDiGraph, school: str, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> Chains:
    """Return the union of the chains of every activity landing on a school, its own roadmaps included."""
    index = index_of(G) if index is None else index
    found = _landing_on_school(index, school, statuses) if school in G else {}
    return _union(school, [_chain(index, a, statuses) for a in _sorted(index, found)])


def chains_of_executor(
    G: nx.MultiDiGraph, executor: str, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> Chains:
    """Return the union of the chains of every activity an executor carries, named or through a fan-out."""
    index = index_of(G) if index is None else index
    found = carried_by(G, executor, statuses=statuses, index=index)
    return _union(executor, [_chain(index, a, statuses) for a in _sorted(index, found)])


# --- scope ---------------------------------------------------------------------------------------------


def scope_of(G: nx.MultiDiGraph, territory: str, *, index: GraphIndex | None = None) -> Scope:
    """Return everything beneath a territory: territories, bodies, schools, people, roadmaps, activities.

    Roadmaps are those on the territories and those issued by bodies or schools there; people are
    those who work at, head or belong to those bodies, and who coordinate or control what is there.

    >>> from model.entities import School, Territory
    >>> from model.graph import build_graph
    >>> G, _ = build_graph([Territory("ter:k", "Кузбасс", TerritoryLevel.REGION),
    ...                     Territory("ter:k/p", "Полысаево", TerritoryLevel.MUNICIPALITY, parent="ter:k"),
    ...                     School("school:35", "Школа № 35", "ter:k/p")], [])
    >>> sorted(scope_of(G, "ter:k").territories), sorted(scope_of(G, "ter:k/p").schools)
    (['ter:k', 'ter:k/p'], ['school:35'])
    """
    if territory not in G or kind_of(G, territory) != NodeKind.TERRITORY:
        return Scope()
    index = index_of(G) if index is None else index
    territories = frozenset(index.below(territory))
    located = {n for t in territories for n in index.on.get(t, ())}
    bodies = frozenset(n for n in located if kind_of(G, n) in _BODY_KINDS)
    schools = frozenset(n for n in located if kind_of(G, n) == NodeKind.SCHOOL)
    issued = {r for b in bodies | schools for r in index.issued.get(b, [])}
    roadmaps = frozenset({n for n in located if kind_of(G, n) == NodeKind.ROADMAP} | issued)
    activities = frozenset(a for r in roadmaps for a in index.parts.get(r, []))
    people: set[str] = set()
    for n in bodies | schools:
        for edge in (EdgeKind.WORKS_AT, EdgeKind.HEADS, EdgeKind.MEMBER_OF):
            people.update(index.into.get((n, edge), []))
    for n in roadmaps | schools | territories | bodies:
        for edge in (EdgeKind.COORDINATES, EdgeKind.CONTROLS):
            people.update(index.into.get((n, edge), []))
    for n, entity in G.nodes(data="entity"):
        if entity.kind == NodeKind.PERSON and entity.organisation in located:
            people.add(n)
    people = {p for p in people if kind_of(G, p) == NodeKind.PERSON}
    return Scope(territories, bodies, schools, frozenset(people), roadmaps, activities)


# --- obligations ---------------------------------------------------------------------------------------


def _executor_names(
    index: GraphIndex, activity: str, school: str, statuses: Collection[str]
) -> tuple[str | None, str | None]:
    """Return the lead's name and the co-executors' names; a fan-out reaching the school reads as it."""
    G = index.G
    years = listing_years(G, activity, index=index)
    names: list[tuple[bool, str]] = []
    for ref in index.refs.get(activity, []):
        if ref.fan_out is None:
            name = entity_of(G, ref.node).name
        elif school in fan_out_members(G, ref.node, ref.fan_out, years, statuses=statuses, index=index):
            name = entity_of(G, school).name
        else:
            name = _fan_out_name(G, ref.node, ref.fan_out)
        names.append((ref.lead, name))
    unique = list(dict.fromkeys(n for _, n in names))
    lead = next((n for is_lead, n in names if is_lead), unique[0] if unique else None)
    return lead, "; ".join(n for n in unique if n != lead) or None


def obligations_of(
    G: nx.MultiDiGraph, school: str, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> pl.DataFrame:
    """Return every activity landing on a school from every level, who set it and who supports it.

    >>> from model.entities import School
    >>> from model.graph import build_graph
    >>> G, _ = build_graph([School("school:35", "Школа № 35", "ter:x")], [])
    >>> obligations_of(G, "school:35").schema == pl.Schema(OBLIGATION_SCHEMA)
    True
    """
    rows: list[dict[str, Any]] = []
    index = index_of(G) if index is None else index
    found = _landing_on_school(index, school, statuses) if school in G else {}
    for activity in _sorted(index, found):
        act: Activity = entity_of(G, activity)
        roadmaps = roadmaps_of(G, activity, index=index)
        rm: Roadmap | None = entity_of(G, roadmaps[0]) if roadmaps else None
        issuers = issuers_of(G, rm.id, index=index) if rm else []
        lead, supporters = _executor_names(index, activity, school, statuses)
        rows.append(
            {
                "activity": activity,
                "number": act.number,
                "text": act.text,
                "deadline_raw": act.deadline.raw,
                "deadline_kind": str(act.deadline.kind),
                "start": act.deadline.start,
                "end": act.deadline.end,
                "level": str(rm.level) if rm else None,
                "roadmap": rm.id if rm else None,
                "roadmap_name": rm.name if rm else None,
                "issuer": entity_of(G, issuers[0]).name if issuers else None,
                "lead": lead,
                "supporters": supporters,
                "via": found[activity],
                "file": act.source.file,
                "sheet": act.source.sheet,
                "row": act.source.row,
            }
        )
    return pl.DataFrame(rows, schema=OBLIGATION_SCHEMA)
