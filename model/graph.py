"""Building, checking and freezing the responsibility graph.

Nodes are keyed by entity id and carry `kind` (a `NodeKind`) and `entity` (the frozen dataclass).
Edges are keyed by `edge_key` (their `EdgeKind`, plus the fan-out where there is one), so the same
relation between two nodes is stored once; each carries `kind` (an `EdgeKind`), `origin` (a `Source`)
and the link's attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from model.entities import Entity, NodeKind
from model.issues import Issue, Severity
from model.relations import EdgeKind, Link, is_allowed


def build_graph(entities: Iterable[Entity], links: Iterable[Link]) -> tuple[nx.MultiDiGraph, list[Issue]]:
    """Return the frozen graph of these entities and links, and the links it refused as issues.

    >>> from model.entities import Territory, TerritoryLevel
    >>> G, issues = build_graph([Territory("t:1", "Кузбасс", TerritoryLevel.REGION)], [])
    >>> G.number_of_nodes(), issues, nx.is_frozen(G)
    (1, [], True)
    """
    G = nx.MultiDiGraph()
    issues: list[Issue] = []
    for e in entities:
        if e.id in G:
            issues.append(
                Issue(
                    "duplicate-node",
                    f"Объект «{e.name}» ({e.id}) встречается дважды; оставлен первый",
                    Severity.WARNING,
                    e.source.file,
                    e.source.sheet,
                    e.source.row,
                )
            )
            continue
        G.add_node(e.id, kind=e.kind, entity=e)
    for link in links:
        issue = _refusal(G, link)
        if issue is not None:
            issues.append(issue)
            continue
        G.add_edge(
            link.source, link.target, key=edge_key(link), kind=link.kind, origin=link.origin, **link.attrs
        )
    return nx.freeze(G), issues


def edge_key(link: Link) -> str:
    """Return the key of a link's edge: its kind, and its fan-out where it has one.

    A territory may carry one activity twice over, as «МОУО» and as «ОО» in the same cell.
    """
    fan_out = link.attrs.get("fan_out")
    return f"{link.kind}:{fan_out}" if fan_out else str(link.kind)


def _refusal(G: nx.MultiDiGraph, link: Link) -> Issue | None:
    where = (link.origin.file, link.origin.sheet, link.origin.row)
    missing = [n for n in (link.source, link.target) if n not in G]
    if missing:
        return Issue(
            "dangling-link",
            f"Связь «{link.kind}» ссылается на неизвестный объект {missing[0]}",
            Severity.WARNING,
            *where,
        )
    s_kind, t_kind = G.nodes[link.source]["kind"], G.nodes[link.target]["kind"]
    if not is_allowed(s_kind, link.kind, t_kind):
        return Issue(
            "forbidden-link",
            f"Связь «{link.kind}» недопустима между {s_kind} и {t_kind}",
            Severity.WARNING,
            *where,
        )
    return None


def entity_of(G: nx.MultiDiGraph, node: str) -> Any:
    """Return the entity stored at a node."""
    return G.nodes[node]["entity"]


def kind_of(G: nx.MultiDiGraph, node: str) -> NodeKind:
    """Return the kind of a node."""
    return G.nodes[node]["kind"]  # type: ignore[no-any-return]


def iter_nodes(G: nx.MultiDiGraph, kind: NodeKind) -> Iterator[str]:
    """Yield the ids of every node of a kind."""
    return (n for n, k in G.nodes(data="kind") if k == kind)


def iter_entities(G: nx.MultiDiGraph, kind: NodeKind) -> Iterator[Any]:
    """Yield the entities of every node of a kind."""
    return (d["entity"] for _, d in G.nodes(data=True) if d["kind"] == kind)


def successors_by(G: nx.MultiDiGraph, node: str, edge: EdgeKind) -> list[str]:
    """Return the targets of a node's outgoing edges of a kind, in insertion order."""
    return [v for _, v, k in G.out_edges(node, data="kind") if k == edge]


def predecessors_by(G: nx.MultiDiGraph, node: str, edge: EdgeKind) -> list[str]:
    """Return the sources of a node's incoming edges of a kind, in insertion order."""
    return [u for u, _, k in G.in_edges(node, data="kind") if k == edge]


def edges_between(G: nx.MultiDiGraph, source: str, target: str, edge: EdgeKind) -> list[dict[str, Any]]:
    """Return the attributes of every edge of a kind from one node to another."""
    return [d for d in G.get_edge_data(source, target, default={}).values() if d["kind"] == edge]
