"""Chains of responsibility: who answers for an activity, from its executors up to the deputy minister.

A chain holds the activity, its executors, their heads and coordinators, the bodies above them, the
issuers of its roadmap and of the roadmaps it is based on, and the people who control them. A territory
that carries an activity as a fan-out («ОО», «МОУО», «РОО») shows as one node, never as every body it
stands for. The graph is read through `model.index`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import networkx as nx

from model.entities import Activity, NodeKind, academic_year_name
from model.graph import entity_of, kind_of
from model.index import (
    GraphIndex,
    activities_landing_on,
    bases_of,
    carried_by,
    controllers_of,
    fan_out_members,
    fan_out_name,
    in_plan_order,
    index_of,
    issuers_of,
    listing_years,
    roadmaps_of,
    territories_of,
)
from model.relations import LISTED, EdgeKind, FanOut
from model.superiors import links_above


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


def _fan_out_id(territory: str, fan_out: FanOut) -> str:
    return f"fan-out:{fan_out}:{territory}"


# --- chains --------------------------------------------------------------------------------------------


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
        for below, up, label, inferred in links_above(self.G, node, index=self.index):
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
    return ", ".join(academic_year_name(y) for y in sorted(years)) if years else "любой год"


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
            name = fan_out_name(G, ref.node, ref.fan_out)
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

    >>> from model.entities import Authority, AuthorityLevel, Person, Roadmap, RoadmapLevel
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


def chains_of_school(
    G: nx.MultiDiGraph, school: str, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> Chains:
    """Return the union of the chains of every activity landing on a school, its own roadmaps included."""
    index = index_of(G) if index is None else index
    found = activities_landing_on(index.G, school, statuses=statuses, index=index) if school in G else {}
    return _union(school, [_chain(index, a, statuses) for a in in_plan_order(index.G, found, index=index)])


def chains_of_executor(
    G: nx.MultiDiGraph, executor: str, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> Chains:
    """Return the union of the chains of every activity an executor carries, named or through a fan-out."""
    index = index_of(G) if index is None else index
    found = carried_by(G, executor, statuses=statuses, index=index)
    return _union(executor, [_chain(index, a, statuses) for a in in_plan_order(index.G, found, index=index)])
