"""The scope of a territory, and everything that lands on a school from every level.

Chains of responsibility live in `model.chains` and the index the queries share in `model.index`; the
dashboard and the benchmarks still reach them through this module.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import networkx as nx
import polars as pl

from model.chains import Chain, Chains, chain_of, chains_of_executor, chains_of_school
from model.entities import Activity, NodeKind, Roadmap
from model.graph import entity_of, kind_of
from model.index import (
    GraphIndex,
    activities_landing_on,
    fan_out_members,
    fan_out_name,
    in_plan_order,
    index_of,
    issuers_of,
    listing_years,
    roadmaps_of,
)
from model.relations import LISTED, EdgeKind

__all__ = [
    # The dashboard and the benchmarks read chains and the index through this module.
    "OBLIGATION_SCHEMA",
    "Chain",
    "Chains",
    "GraphIndex",
    "Scope",
    "chain_of",
    "chains_of_executor",
    "chains_of_school",
    "index_of",
    "obligations_of",
    "scope_of",
]


@dataclass(frozen=True, slots=True)
class Scope:
    """The ids of everything beneath a territory."""

    territories: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()
    schools: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    roadmaps: frozenset[str] = frozenset()
    activities: frozenset[str] = frozenset()


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

_BODY_KINDS = frozenset({NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.GROUP})


# --- scope ---------------------------------------------------------------------------------------------


def scope_of(G: nx.MultiDiGraph, territory: str, *, index: GraphIndex | None = None) -> Scope:
    """Return everything beneath a territory: territories, bodies, schools, people, roadmaps, activities.

    Roadmaps are those on the territories and those issued by bodies or schools there; people are
    those who work at, head or belong to those bodies, and who coordinate or control what is there.

    >>> from model.entities import School, Territory, TerritoryLevel
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
            name = fan_out_name(G, ref.node, ref.fan_out)
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
    found = activities_landing_on(index.G, school, statuses=statuses, index=index) if school in G else {}
    for activity in in_plan_order(index.G, found, index=index):
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
