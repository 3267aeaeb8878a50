"""Where things are: direct locations, the territories above a node, and the territory index.

A node's own territory is read from its entity (`Territory.parent`, `School.territory`, …) and from its
`located_in` edges; a person stands where the organisation they work at stands; a roadmap stands on
its territory (and at its issuing school, for a school's own roadmap); an activity stands where its
roadmap stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import polars as pl

from model.entities import NodeKind, TerritoryLevel
from model.graph import node_table, out_table
from model.relations import EdgeKind

LOCATION_SCHEMA: dict[str, pl.DataType] = {"node": pl.String(), "territory": pl.String()}
"""A node and a territory it lies in (directly in `locations`, transitively in `ancestors`)."""

TERRITORY_INDEX_SCHEMA: dict[str, pl.DataType] = {
    "node": pl.String(),
    "kind": pl.String(),
    "name": pl.String(),
    "territory": pl.String(),
    "region": pl.String(),
    "municipality": pl.String(),
    "district": pl.String(),
    "school": pl.String(),
}
"""Every node with its own territory, the region, municipality and district it lies in, and its school.

`school` is the school itself, the school a person works at, the school that issued a roadmap, or the
school of an activity's roadmap; null elsewhere.
"""

# Enum members bound once: reading `NodeKind.X` costs a descriptor call, and these loops run per node.
_TERRITORY, _ROADMAP, _SCHOOL = NodeKind.TERRITORY, NodeKind.ROADMAP, NodeKind.SCHOOL
_UNPLACED = (NodeKind.PERSON, NodeKind.ACTIVITY)
_PERSON, _ACTIVITY = _UNPLACED
_REGION, _MUNICIPALITY, _DISTRICT = (
    TerritoryLevel.REGION,
    TerritoryLevel.MUNICIPALITY,
    TerritoryLevel.DISTRICT,
)

_MAX_DEPTH = 16  # country → region → municipality → district is 4; a cycle in bad data stops here.


def territory_attr(entity: Any) -> str | None:
    """Return the territory an entity names itself: a territory's parent, an organisation's territory.

    >>> from model.entities import Territory
    >>> territory_attr(Territory("ter:a/b", "Б", TerritoryLevel.MUNICIPALITY, parent="ter:a"))
    'ter:a'
    """
    if entity.kind == _TERRITORY:
        return entity.parent  # type: ignore[no-any-return]
    if entity.kind in _UNPLACED:
        return None
    return getattr(entity, "territory", None) or None


def locations(G: nx.MultiDiGraph) -> pl.DataFrame:
    """Return the direct locations of territories, organisations and schools (LOCATION_SCHEMA).

    >>> from model.graph import build_graph
    >>> from model.entities import Territory
    >>> G, _ = build_graph([Territory("ter:a", "А", TerritoryLevel.REGION),
    ...                     Territory("ter:a/b", "Б", TerritoryLevel.MUNICIPALITY, parent="ter:a")], [])
    >>> locations(G).rows()
    [('ter:a/b', 'ter:a')]
    """
    pairs: list[tuple[str, str]] = []
    for node, entity in G.nodes(data="entity"):
        if entity.kind != NodeKind.ROADMAP:
            where = territory_attr(entity)
            if where is not None and where in G:
                pairs.append((node, where))
    pairs.extend((u, v) for u, v, k in G.edges(data="kind") if k == EdgeKind.LOCATED_IN)
    return location_frame(pairs)


def location_frame(pairs: Iterable[tuple[str, str]]) -> pl.DataFrame:
    """Return (node, territory) pairs as a sorted frame without repeats (LOCATION_SCHEMA).

    >>> location_frame([("school:1", "ter:a"), ("school:1", "ter:a")]).rows()
    [('school:1', 'ter:a')]
    """
    rows = sorted(set(pairs))
    return pl.DataFrame(rows, schema=LOCATION_SCHEMA, orient="row")


def ancestors(located: pl.DataFrame) -> pl.DataFrame:
    """Return every (node, territory) pair where the node lies in the territory, at any depth.

    >>> ancestors(location_frame([("school:1", "ter:a/b"), ("ter:a/b", "ter:a")])).rows()
    [('school:1', 'ter:a'), ('school:1', 'ter:a/b'), ('ter:a/b', 'ter:a')]
    """
    step = located.select("node", "territory").unique()
    closure = frontier = step
    for _ in range(_MAX_DEPTH):
        frontier = (
            frontier.join(step.rename({"node": "territory", "territory": "above"}), on="territory")
            .select("node", pl.col("above").alias("territory"))
            .unique()
            .join(closure, on=["node", "territory"], how="anti")
        )
        if frontier.is_empty():
            break
        closure = pl.concat([closure, frontier])
    return closure.sort("node", "territory").cast(LOCATION_SCHEMA)  # type: ignore[arg-type]


def _located_in(G: nx.MultiDiGraph) -> dict[str, str]:
    """Return the first `located_in` target of every node that has one."""
    found: dict[str, str] = {}
    located_in = EdgeKind.LOCATED_IN
    for u, targets in out_table(G).items():
        for v, keys in targets.items():
            for data in keys.values():
                if data["kind"] == located_in:
                    break
            else:
                continue
            found[u] = v
            break
    return found


def parents(G: nx.MultiDiGraph, located_in: dict[str, str] | None = None) -> dict[str, str]:
    """Return each territory's parent territory, from the entity or else from its `located_in` edge."""
    edges = _located_in(G) if located_in is None else located_in
    table = node_table(G)
    found: dict[str, str] = {}
    for node, data in table.items():
        entity = data["entity"]
        if entity.kind != _TERRITORY:
            continue
        parent = entity.parent if entity.parent in table else edges.get(node)
        if parent is not None:
            found[node] = parent
    return found


def descendants_of(G: nx.MultiDiGraph, territory: str) -> set[str]:
    """Return the territories beneath a territory, at any depth, without the territory itself.

    >>> from model.graph import build_graph
    >>> from model.entities import Territory
    >>> G, _ = build_graph([Territory("ter:a", "А", TerritoryLevel.REGION),
    ...                     Territory("ter:a/b", "Б", TerritoryLevel.MUNICIPALITY, parent="ter:a"),
    ...                     Territory("ter:a/b/c", "В", TerritoryLevel.DISTRICT, parent="ter:a/b")], [])
    >>> sorted(descendants_of(G, "ter:a"))
    ['ter:a/b', 'ter:a/b/c']
    """
    children: dict[str, list[str]] = {}
    for child, parent in parents(G).items():
        children.setdefault(parent, []).append(child)
    found: set[str] = set()
    stack = list(children.get(territory, ()))
    while stack:
        node = stack.pop()
        if node not in found and node != territory:
            found.add(node)
            stack.extend(children.get(node, ()))
    return found


def _levels(G: nx.MultiDiGraph, up: dict[str, str]) -> dict[str, dict[str, str]]:
    """Return, for each territory, itself and its ancestors keyed by level (region, municipality, …)."""
    table = node_table(G)
    out: dict[str, dict[str, str]] = {}
    for node, data in table.items():
        if data["entity"].kind != _TERRITORY:
            continue
        levels: dict[str, str] = {}
        current: str | None = node
        for _ in range(_MAX_DEPTH):
            if current is None:
                break
            level = table[current]["entity"].level
            levels.setdefault(str(level), current)
            current = up.get(current)
        out[node] = levels
    return out


def _organisation_of(G: nx.MultiDiGraph, person: str, entity: Any) -> str | None:
    if entity.organisation in G:
        return entity.organisation  # type: ignore[no-any-return]
    for edge in (EdgeKind.WORKS_AT, EdgeKind.HEADS):
        for _, v, k in G.out_edges(person, data="kind"):
            if k == edge:
                return v  # type: ignore[no-any-return]
    return None


def territory_index(G: nx.MultiDiGraph) -> pl.DataFrame:
    """Return every node with its territory, region, municipality, district and school.

    >>> from model.graph import build_graph
    >>> from model.entities import School, Territory
    >>> G, _ = build_graph([Territory("ter:a", "А", TerritoryLevel.REGION),
    ...                     Territory("ter:a/b", "Б", TerritoryLevel.MUNICIPALITY, parent="ter:a"),
    ...                     School("school:1", "Школа № 1", "ter:a/b")], [])
    >>> territory_index(G).filter(pl.col("node") == "school:1").row(0)
    ('school:1', 'school', 'Школа № 1', 'ter:a/b', 'ter:a', 'ter:a/b', None, 'school:1')
    """
    table = node_table(G)
    direct = _located_in(G)
    nowhere: tuple[str | None, str | None] = (None, None)
    own: dict[str, tuple[str | None, str | None]] = {}  # node → (territory, school)
    roadmaps: dict[str, tuple[str | None, str | None]] = {}
    activities: list[Any] = []
    people: list[tuple[str, Any]] = []
    for node, data in table.items():
        entity = data["entity"]
        kind = entity.kind
        if kind == _ACTIVITY:
            activities.append(entity)
        elif kind == _TERRITORY:
            own[node] = (node, None)
        elif kind == _ROADMAP:
            issuer = entity.issuer if entity.issuer in table else None
            school = issuer if issuer and table[issuer]["kind"] == _SCHOOL else None
            roadmaps[node] = own[node] = (entity.territory if entity.territory in table else None, school)
        elif kind == _PERSON:
            people.append((node, entity))
        else:
            where = territory_attr(entity)
            where = where if where in table else direct.get(node)
            own[node] = (where, node if kind == _SCHOOL else None)
    _place_people(G, people, own, roadmaps)
    levels = _levels(G, parents(G, direct))
    above: dict[str | None, tuple[str | None, str | None, str | None]] = {None: (None, None, None)}
    for where, at in levels.items():
        above[where] = (at.get(_REGION), at.get(_MUNICIPALITY), at.get(_DISTRICT))
    kind_names = {k: str(k) for k in NodeKind}
    rows = []
    for node, data in table.items():
        entity = data["entity"]
        kind = entity.kind
        if kind == _ACTIVITY:
            continue
        where, school = own.get(node, nowhere)
        region, municipality, district = (above.get(where) if where else None) or above[None]
        name = kind_names.get(kind) or str(kind)
        rows.append((node, name, entity.name, where, region, municipality, district, school))
    columns: list[list[Any]] = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(8)]
    placed = {}
    for roadmap, (where, school) in roadmaps.items():
        region, municipality, district = (above.get(where) if where else None) or above[None]
        placed[roadmap] = (where, region, municipality, district, school)
    unplaced = (None, None, None, None, None)
    spots = [placed.get(a.roadmap, unplaced) for a in activities]
    columns[0].extend([a.id for a in activities])
    columns[1].extend([kind_names[_ACTIVITY]] * len(activities))
    columns[2].extend([a.name for a in activities])
    for column, i in zip(columns[3:], range(5), strict=True):
        column.extend([p[i] for p in spots])
    return pl.DataFrame(
        dict(zip(TERRITORY_INDEX_SCHEMA, columns, strict=True)), schema=TERRITORY_INDEX_SCHEMA
    ).sort("node")


def _place_people(
    G: nx.MultiDiGraph,
    people: list[tuple[str, Any]],
    own: dict[str, tuple[str | None, str | None]],
    roadmaps: dict[str, tuple[str | None, str | None]],
) -> None:
    """Place each person where their organisation stands, the people in node order.

    An organisation that is an activity stands where its roadmap stands, once the walk over the nodes
    has passed it; one that is a person, once that person is placed.
    """
    nowhere: tuple[str | None, str | None] = (None, None)
    table = node_table(G)
    order: dict[str, int] | None = None
    for node, entity in people:
        org = _organisation_of(G, node, entity)
        if not org:
            own[node] = nowhere
            continue
        found = own.get(org)
        if found is None and table[org]["entity"].kind == _ACTIVITY:
            order = order or {n: i for i, n in enumerate(table)}
            if order[org] < order[node]:
                found = roadmaps.get(table[org]["entity"].roadmap, nowhere)
        own[node] = found or nowhere
