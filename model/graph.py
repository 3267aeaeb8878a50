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

from model.entities import NODE_KIND_NAMES, Entity, NodeKind, Source
from model.issues import Issue, Severity
from model.relations import ALLOWED, EDGE_NAMES, EdgeKind, Link


def build_graph(entities: Iterable[Entity], links: Iterable[Link]) -> tuple[nx.MultiDiGraph, list[Issue]]:
    """Return the frozen graph of these entities and links, and the links it refused as issues.

    The first entity with an id is kept; a link whose edge (source, target, key) is already there
    updates that edge's attributes, as `add_edge` does. Nodes and edges are written straight into
    networkx's adjacency dicts, in the order and with the attribute dicts `add_node` and `add_edge`
    would make: a national graph has half a million edges.

    >>> from model.entities import Territory, TerritoryLevel
    >>> G, issues = build_graph([Territory("t:1", "Кузбасс", TerritoryLevel.REGION)], [])
    >>> G.number_of_nodes(), issues, nx.is_frozen(G)
    (1, [], True)
    """
    G = nx.MultiDiGraph()
    issues: list[Issue] = []
    node_data, succ, pred = G._node, G._succ, G._pred
    kinds: dict[str, NodeKind] = {}
    for e in entities:
        id_ = e.id
        if id_ in kinds:
            issues.append(
                Issue(
                    "duplicate-node",
                    f"{_kind_name(e.kind).capitalize()} «{e.name}» встречается дважды; оставлен первый"
                    f"{_place(node_data[id_]['entity'].source)}",
                    Severity.WARNING,
                    e.source.file,
                    e.source.sheet,
                    e.source.row,
                )
            )
            continue
        kind = kinds[id_] = e.kind
        node_data[id_] = {"kind": kind, "entity": e}
        succ[id_] = {}
        pred[id_] = {}
    kind_of_node, allowed = kinds.get, ALLOWED
    plain_keys = {edge: str(edge) for edge in EdgeKind}
    for link in links:
        source, target, edge, attrs = link.source, link.target, link.kind, link.attrs
        s_kind, t_kind = kind_of_node(source), kind_of_node(target)
        if s_kind is None or t_kind is None or (s_kind, edge, t_kind) not in allowed:
            issues.append(_refusal(kinds, node_data, link))
            continue
        fan_out = attrs.get("fan_out")
        key = f"{edge}:{fan_out}" if fan_out else plain_keys.get(edge) or str(edge)
        data = {"kind": edge, "origin": link.origin, **attrs}
        keys = succ[source].get(target)
        if keys is None:
            succ[source][target] = pred[target][source] = {key: data}
        elif key in keys:
            keys[key].update(data)
        else:
            keys[key] = data
    return nx.freeze(G), issues


def edge_key(link: Link) -> str:
    """Return the key of a link's edge: its kind, and its fan-out where it has one.

    A territory may carry one activity twice over, as «МОУО» and as «ОО» in the same cell.
    """
    fan_out = link.attrs.get("fan_out")
    return f"{link.kind}:{fan_out}" if fan_out else str(link.kind)


def _refusal(kinds: dict[str, NodeKind], nodes: dict[str, dict[str, Any]], link: Link) -> Issue:
    """Return why a link cannot join nodes of these kinds: a node is missing, or the triple is forbidden.

    Nodes are named by kind and name; a missing one by the kind its id stands for and, when the link
    keeps how it was written (`ref`), by that.
    """
    where = (link.origin.file, link.origin.sheet, link.origin.row)
    edge = EDGE_NAMES.get(link.kind, str(link.kind))
    missing = [n for n in (link.source, link.target) if n not in kinds]
    if missing:
        present = link.target if missing[0] == link.source else link.source
        side = "к" if present == link.target else "от"
        known = f" {side} {_named(nodes, present)}" if present in kinds else ""
        return Issue(
            "dangling-link",
            f"Связь «{edge}»{known} ссылается на объект, которого нет в загруженных данных: "
            f"{_unknown(missing[0], link)}",
            Severity.WARNING,
            *where,
        )
    return Issue(
        "forbidden-link",
        f"Связь «{edge}» не может соединять {_named(nodes, link.source)} и {_named(nodes, link.target)}",
        Severity.WARNING,
        *where,
    )


_KIND_OF_PREFIX = {
    "ter": NodeKind.TERRITORY,
    "auth": NodeKind.AUTHORITY,
    "inst": NodeKind.INSTITUTE,
    "person": NodeKind.PERSON,
    "group": NodeKind.GROUP,
    "school": NodeKind.SCHOOL,
    "rm": NodeKind.ROADMAP,
}
"""The kind a node id stands for by its prefix (`model.ids.make_id`); an activity's id is its roadmap's
with «#row»."""


def _kind_name(kind: NodeKind | str | None) -> str:
    return NODE_KIND_NAMES.get(str(kind), "объект") if kind else "объект"


def _named(nodes: dict[str, dict[str, Any]], node: str) -> str:
    """Return a node of the graph being built as a person reads it: «Школа № 35» (школа)."""
    data = nodes[node]
    return f"«{data['entity'].name}» ({_kind_name(data['kind'])})"


def _unknown(node: str, link: Link) -> str:
    """Return a readable description of a node no loaded file gives: its kind, and how it was written."""
    prefix = node.split(":", 1)[0]
    kind = NodeKind.ACTIVITY if prefix == "rm" and "#" in node else _KIND_OF_PREFIX.get(prefix)
    # `ref` is how the text names the other end: the executor of `responsible_for`, else the target.
    names_source = link.kind == EdgeKind.RESPONSIBLE_FOR
    written = str(link.attrs.get("ref") or "") if (node == link.source) == names_source else ""
    return f"{_kind_name(kind)} «{written}»" if written else _kind_name(kind)


def _place(source: Source) -> str:
    """Return « (file, лист «…», строка N)» of where a node was read, or nothing when it is not known."""
    parts = [source.file] if source.file else []
    if source.sheet:
        parts.append(f"лист «{source.sheet}»")
    if source.row is not None:
        parts.append(f"строка {source.row}")
    return f" ({', '.join(parts)})" if parts else ""


def node_table(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Return the graph's own dict of node attributes by node, for reading many nodes at once.

    >>> from model.entities import Territory, TerritoryLevel
    >>> G, _ = build_graph([Territory("t:1", "Кузбасс", TerritoryLevel.REGION)], [])
    >>> [(n, d["kind"]) for n, d in node_table(G).items()]
    [('t:1', <NodeKind.TERRITORY: 'territory'>)]
    """
    return G._node  # type: ignore[no-any-return]


def out_table(G: nx.MultiDiGraph) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """Return the graph's own outgoing adjacency: node → target → edge key → edge attributes.

    Iterating it visits the edges in the order of `G.out_edges`; it is for reading, never changing.
    """
    return G._succ  # type: ignore[no-any-return]


def in_table(G: nx.MultiDiGraph) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """Return the graph's own incoming adjacency: node → source → edge key → edge attributes.

    Iterating it visits the edges in the order of `G.in_edges`; it is for reading, never changing.
    """
    return G._pred  # type: ignore[no-any-return]


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
