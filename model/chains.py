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
    EMPTY_FAN_OUT = "empty-fan-out"
    """An executor such as «ОО» stands for nobody listed, while another executor of the activity is known."""
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

    Nodes carry `role` (the first of `roles` in `ROLE_ORDER`), `roles`, `name`, `short` (the body's
    abbreviation, «РЦОКИО», or "") and `kind`; a fan-out
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
            short = str(getattr(entity, "short", "") or "")
            self.g.add_node(node, name=entity.name, short=short, kind=str(entity.kind), roles=set())
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


class _Gaps:
    """Finds the missing links of chains, reading each executor, fan-out and roadmap once for them all."""

    def __init__(self, index: GraphIndex, statuses: Collection[str]) -> None:
        self.index, self.statuses, self.nodes = index, statuses, index.G.nodes
        self.coordinated: dict[str, bool] = {}
        self.nobody: dict[tuple[str, FanOut, frozenset[int] | None], str] = {}
        self.roadmaps: dict[str, tuple[str, bool, bool, bool]] = {}

    def executor_coordinated(self, node: str) -> bool:
        """Tell if anyone coordinates a named executor or a territory it stands on."""
        found = self.coordinated.get(node)
        if found is None:
            into, G = self.index.into, self.index.G
            own = [node, *territories_of(G, node, index=self.index)]
            found = self.coordinated[node] = any(into.get((n, EdgeKind.COORDINATES)) for n in own)
        return found

    def fan_out_gap(self, territory: str, fan_out: FanOut, years: frozenset[int] | None) -> str:
        """Return why a fan-out reaches nobody in these years, or "" when it reaches someone."""
        key = (territory, fan_out, years)
        found = self.nobody.get(key)
        if found is None:
            G, index = self.index.G, self.index
            members = fan_out_members(G, territory, fan_out, years, statuses=self.statuses, index=index)
            name = fan_out_name(G, territory, fan_out)
            found = self.nobody[key] = "" if members else f"«{name}»: никого в списке на {_years_text(years)}"
        return found

    def roadmap(self, roadmap: str) -> tuple[str, bool, bool, bool]:
        """Return a roadmap's name and whether it has a coordinator, a controller and an issuer."""
        found = self.roadmaps.get(roadmap)
        if found is None:
            G, index = self.index.G, self.index
            found = self.roadmaps[roadmap] = (
                entity_of(G, roadmap).name,
                bool(index.into.get((roadmap, EdgeKind.COORDINATES))),
                bool(controllers_of(G, roadmap, index=index)),
                bool(issuers_of(G, roadmap, index=index)),
            )
        return found

    def intact(self) -> set[str]:
        """Return activities whose chains surely miss nothing, read per executor and per roadmap.

        Each has an executor named in its cell, no fan-out («ОО»), a coordinator of one of its executors
        or roadmaps, and roadmaps that all have a controller and an issuer; `of` finds nothing missing in
        them.
        """
        index, nodes = self.index, self.nodes
        # Activities named by an executor someone coordinates, and by one nobody coordinates.
        coordinated: set[str] = set()
        uncoordinated: set[str] = set()
        fanned_out: set[str] = set()  # whether a fan-out reaches anyone depends on each activity's years
        for (node, edge), activities in index.out.items():
            if edge != EdgeKind.RESPONSIBLE_FOR:
                continue
            if nodes[node]["kind"] == NodeKind.TERRITORY:
                fanned_out.update(activities)
            else:
                (coordinated if self.executor_coordinated(node) else uncoordinated).update(activities)
        by_roadmap: set[str] = set()
        sound: set[str] = set()
        unsound: set[str] = set()
        for roadmap, activities in index.parts.items():
            _, has_coordinator, controlled, issued = self.roadmap(roadmap)
            if has_coordinator:
                by_roadmap.update(activities)
            (sound if controlled and issued else unsound).update(activities)
        uncoordinated &= by_roadmap
        coordinated |= uncoordinated
        coordinated &= sound
        coordinated -= unsound
        coordinated -= fanned_out
        return coordinated

    def of(self, activity: str) -> tuple[BrokenLink, ...]:
        """Return the missing links of an activity's chain, in `BrokenCode` order."""
        index = self.index
        coordinated = resolved = False
        empty: list[str] = []
        for ref in index.refs.get(activity, ()):
            if ref.fan_out is None:
                resolved = True
                coordinated = coordinated or self.executor_coordinated(ref.node)
                continue
            years = listing_years(index.G, activity, index=index)
            gap = self.fan_out_gap(ref.node, ref.fan_out, years)
            if gap:
                empty.append(gap)
            else:
                resolved = True
            coordinated = coordinated or bool(index.into.get((ref.node, EdgeKind.COORDINATES)))
        roadmaps = [self.roadmap(r) for r in roadmaps_of(index.G, activity, index=index)]
        sound = bool(roadmaps)
        for _, has_coordinator, controlled, issued in roadmaps:
            coordinated = coordinated or has_coordinator
            sound = sound and controlled and issued
        if resolved and coordinated and sound and not empty:
            return ()
        return self.links(activity, roadmaps, resolved, coordinated, empty)

    def links(
        self,
        activity: str,
        roadmaps: list[tuple[str, bool, bool, bool]],
        resolved: bool,
        coordinated: bool,
        empty: list[str],
    ) -> tuple[BrokenLink, ...]:
        """Return the missing links of a chain that has some, in `BrokenCode` order."""
        broken: list[BrokenLink] = []
        if not resolved:
            act: Activity = self.nodes[activity]["entity"]
            raw = act.executors_raw
            written = f"исполнители не распознаны: «{raw}»" if raw else ""
            detail = "; ".join(empty) or written or "исполнитель не указан"
            broken.append(BrokenLink(BrokenCode.NO_EXECUTOR, activity, detail))
        elif empty:
            broken.append(BrokenLink(BrokenCode.EMPTY_FAN_OUT, activity, "; ".join(empty)))
        if not coordinated:
            where = ", ".join(f"«{name}»" for name, *_ in roadmaps) or "—"
            detail = f"нет координатора ни у исполнителей, ни у дорожной карты {where}"
            broken.append(BrokenLink(BrokenCode.NO_COORDINATOR, activity, detail))
        orphan = "мероприятие не входит ни в одну дорожную карту"
        for name, _, controlled, _ in roadmaps:
            if not controlled:
                detail = f"у дорожной карты «{name}» не указан контролирующий"
                broken.append(BrokenLink(BrokenCode.NO_CONTROLLER, activity, detail))
        if not roadmaps:
            broken.append(BrokenLink(BrokenCode.NO_CONTROLLER, activity, orphan))
        for name, _, _, issued in roadmaps:
            if not issued:
                detail = f"у дорожной карты «{name}» не указан издатель"
                broken.append(BrokenLink(BrokenCode.NO_ISSUER, activity, detail))
        if not roadmaps:
            broken.append(BrokenLink(BrokenCode.NO_ISSUER, activity, orphan))
        return tuple(broken)


def _chain(index: GraphIndex, activity: str, statuses: Collection[str], gaps: _Gaps | None = None) -> Chain:
    G = index.G
    if activity not in G or kind_of(G, activity) != NodeKind.ACTIVITY:
        raise KeyError(f"{activity} is not an activity of the graph")
    b = _Builder(index)
    b.add(activity, ChainRole.ACTIVITY)
    for ref in index.refs.get(activity, []):
        if ref.fan_out is None:
            node, own = ref.node, [ref.node, *territories_of(G, ref.node, index=index)]
            b.add(node, ChainRole.EXECUTOR)
            b.heads(node)
        else:
            node, own = _fan_out_id(ref.node, ref.fan_out), [ref.node]
            years = listing_years(G, activity, index=index)
            members = fan_out_members(G, ref.node, ref.fan_out, years, statuses=statuses, index=index)
            b.g.add_node(
                node,
                name=fan_out_name(G, ref.node, ref.fan_out),
                kind=str(NodeKind.TERRITORY),
                roles={ChainRole.EXECUTOR},
                fan_out=str(ref.fan_out),
                territory=ref.node,
                members=len(members),
            )
        b.link(node, "executes", activity, lead=ref.lead)
        b.coordinators(node, own)
        b.bodies_above(node, ref.node)
    seen: set[str] = set()
    for roadmap in roadmaps_of(G, activity, index=index):
        b.add(roadmap, ChainRole.ROADMAP)
        b.link(activity, "part_of", roadmap)
        b.coordinators(roadmap, [roadmap])
        b.roadmap(roadmap, seen)
    broken = (gaps or _Gaps(index, statuses)).of(activity)
    return Chain(activity, b.graph(), broken)


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
    gaps = _Gaps(index, statuses)
    return [_chain(index, a, statuses, gaps) for a in activities]


def broken_links(
    G: nx.MultiDiGraph,
    activities: Iterable[str],
    *,
    statuses: Collection[str] = LISTED,
    index: GraphIndex | None = None,
) -> list[BrokenLink]:
    """Return the missing links of many activities' chains, activity by activity, without drawing them.

    >>> from model.deadlines import Deadline, DeadlineKind
    >>> from model.graph import build_graph
    >>> never = Deadline(DeadlineKind.UNKNOWN, None, None, (), "")
    >>> G, _ = build_graph([Activity("act:1", "rm:1", "1", "Семинар", never)], [])
    >>> [str(link.code) for link in broken_links(G, ["act:1"])]
    ['no-executor', 'no-coordinator', 'no-controller', 'no-issuer']
    """
    index = index_of(G) if index is None else index
    gaps = _Gaps(index, statuses)
    intact = gaps.intact()
    found: list[BrokenLink] = []
    for activity in activities:
        if activity in intact:
            continue
        if activity not in G or kind_of(G, activity) != NodeKind.ACTIVITY:
            raise KeyError(f"{activity} is not an activity of the graph")
        found += gaps.of(activity)
    return found


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
