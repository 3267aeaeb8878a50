"""Whom a node answers to: the bodies above it, explicit or read from its territory, up to the top.

A person answers through the body they work at or head; a body without an explicit `subordinate_to`
answers to the authority of its territory (or of the nearest territory above that has one).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

import networkx as nx

from model.entities import AuthorityLevel, NodeKind, TerritoryLevel
from model.graph import entity_of, kind_of
from model.index import GraphIndex, index_of, organisations_of, territories_of
from model.relations import EdgeKind

_AUTHORITY_LEVEL = {
    TerritoryLevel.COUNTRY: AuthorityLevel.FEDERAL,
    TerritoryLevel.REGION: AuthorityLevel.REGIONAL,
    TerritoryLevel.MUNICIPALITY: AuthorityLevel.MUNICIPAL,
    TerritoryLevel.DISTRICT: AuthorityLevel.DISTRICT,
}


def _superiors(index: GraphIndex, node: str, may_infer: bool) -> list[tuple[str, str, bool]]:
    """Return (body above, edge label, inferred from the territory) for one node."""
    G = index.G
    entity = entity_of(G, node)
    if entity.kind == NodeKind.PERSON:
        works = organisations_of(G, node, index=index)
        heads = [b for b in index.out.get((node, EdgeKind.HEADS), []) if b not in works]
        return [(b, "works_at", False) for b in works] + [(b, "heads", False) for b in heads]
    above = index.out.get((node, EdgeKind.SUBORDINATE_TO), [])
    explicit = [(b, "subordinate_to", False) for b in above if b != node]
    if explicit or not may_infer:
        return explicit
    return [(b, "subordinate_to", True) for b in _territory_authorities(index, node)]


def _territory_authorities(index: GraphIndex, node: str) -> list[str]:
    """Return the heading authorities of the nearest territory at or above a node that has any but the node.

    An authority subordinate to another one of its own territory (a department of the committee) heads
    nothing there, so the committee never answers to its own department.
    """
    G = index.G
    found: list[str] = []
    starts = [node] if kind_of(G, node) == NodeKind.TERRITORY else territories_of(G, node, index=index)
    for start in starts:
        for territory in index.above(start):
            local = [n for n in index.on.get(territory, ()) if kind_of(G, n) == NodeKind.AUTHORITY]
            here = [
                n
                for n in local
                if n != node
                and not any(up in local for up in index.out.get((n, EdgeKind.SUBORDINATE_TO), ()))
            ]
            if here:
                level = _AUTHORITY_LEVEL.get(entity_of(G, territory).level)
                found.extend([n for n in here if entity_of(G, n).level == level] or here)
                break
    return list(dict.fromkeys(found))


def links_above(
    G: nx.MultiDiGraph, node: str, *, index: GraphIndex | None = None
) -> Iterator[tuple[str, str, str, bool]]:
    """Yield (below, above, label, inferred) up from a node.

    Explicit subordination is followed all the way up; the territory's authority stands in for a
    missing one only until an authority is reached.

    >>> from model.entities import Authority, Person
    >>> from model.graph import build_graph
    >>> G, _ = build_graph([Authority("auth:uo", "УО", AuthorityLevel.MUNICIPAL, "ter:x"),
    ...                     Person("person:g", "Гутник И.С.", organisation="auth:uo")], [])
    >>> list(links_above(G, "person:g"))
    [('person:g', 'auth:uo', 'works_at', False)]
    """
    index = index_of(G) if index is None else index
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
    found = (up for _, up, _, _ in links_above(G, node, index=index) if kind_of(G, up) == NodeKind.AUTHORITY)
    return [a for a in dict.fromkeys(found) if a != node]
