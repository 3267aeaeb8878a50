"""The edges of the responsibility graph and the (source kind, edge, target kind) triples allowed."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from model.entities import EXECUTOR_KINDS, NodeKind, SchoolStatusKind, Source


class EdgeKind(StrEnum):
    PART_OF = "part_of"
    RESPONSIBLE_FOR = "responsible_for"
    SUBORDINATE_TO = "subordinate_to"
    HEADS = "heads"
    COORDINATES = "coordinates"
    MEMBER_OF = "member_of"
    CONTROLS = "controls"
    COVERS = "covers"
    BASED_ON = "based_on"
    LOCATED_IN = "located_in"
    ISSUED_BY = "issued_by"
    WORKS_AT = "works_at"


EDGE_NAMES: dict[str, str] = {
    EdgeKind.PART_OF: "входит в",
    EdgeKind.RESPONSIBLE_FOR: "исполняет",
    EdgeKind.SUBORDINATE_TO: "подчиняется",
    EdgeKind.HEADS: "руководит",
    EdgeKind.COORDINATES: "координирует",
    EdgeKind.MEMBER_OF: "состоит в",
    EdgeKind.CONTROLS: "контролирует",
    EdgeKind.COVERS: "охватывает",
    EdgeKind.BASED_ON: "основана на",
    EdgeKind.LOCATED_IN: "находится в",
    EdgeKind.ISSUED_BY: "издана",
    EdgeKind.WORKS_AT: "работает в",
}
"""Edge kinds as a person names the relation (the words of the chains on «Цепочки»)."""


class FanOut(StrEnum):
    """A reference that stands for every body of a kind within a territory («ОО», «МОУО», «РОО»)."""

    SCHOOLS = "schools"
    MUNICIPAL_AUTHORITIES = "municipal_authorities"
    DISTRICT_AUTHORITIES = "district_authorities"


LISTED: tuple[str, ...] = (SchoolStatusKind.LOW_RESULTS,)
"""The school statuses «ОО»/«ШНОР» (`FanOut.SCHOOLS`) stands for by default: ШНОР only."""


T, A, I, P, G, S, R, ACT = (
    NodeKind.TERRITORY,
    NodeKind.AUTHORITY,
    NodeKind.INSTITUTE,
    NodeKind.PERSON,
    NodeKind.GROUP,
    NodeKind.SCHOOL,
    NodeKind.ROADMAP,
    NodeKind.ACTIVITY,
)
ORGS = frozenset({A, I, S, G})


def _triples(
    sources: frozenset[NodeKind] | set[NodeKind], edge: EdgeKind, targets: set[NodeKind]
) -> set[tuple[NodeKind, EdgeKind, NodeKind]]:
    return {(s, edge, t) for s in sources for t in targets}


ALLOWED: frozenset[tuple[NodeKind, EdgeKind, NodeKind]] = frozenset(
    _triples({ACT}, EdgeKind.PART_OF, {R})
    # An executor carries an activity; a territory carries it as a fan-out («ОО» = every ШНОР in it).
    | _triples(EXECUTOR_KINDS | {T}, EdgeKind.RESPONSIBLE_FOR, {ACT})
    | _triples(ORGS, EdgeKind.SUBORDINATE_TO, {A, I})
    | _triples({P}, EdgeKind.HEADS, {A, I, S, G})
    | _triples({P, A, I}, EdgeKind.COORDINATES, {R, S, G, T, A, I})
    | _triples({P, A, I, S}, EdgeKind.MEMBER_OF, {G})
    | _triples({P}, EdgeKind.CONTROLS, {R})
    | _triples({R}, EdgeKind.COVERS, {S})
    | _triples({R}, EdgeKind.BASED_ON, {R})
    | _triples(ORGS | {T}, EdgeKind.LOCATED_IN, {T})
    | _triples({R}, EdgeKind.ISSUED_BY, {A, I, S})
    | _triples({P}, EdgeKind.WORKS_AT, {A, I, S})
)


def is_allowed(source: NodeKind, edge: EdgeKind, target: NodeKind) -> bool:
    """Tell whether an edge of this kind may join nodes of these kinds.

    >>> is_allowed(NodeKind.ACTIVITY, EdgeKind.PART_OF, NodeKind.ROADMAP)
    True
    >>> is_allowed(NodeKind.ROADMAP, EdgeKind.PART_OF, NodeKind.ACTIVITY)
    False
    """
    return (source, edge, target) in ALLOWED


@dataclass(frozen=True, slots=True)
class Link:
    """One edge as data before it enters the graph.

    Attributes used by kind: `responsible_for` has `lead` (bool), `ref` (the reference as written)
    and, from a territory, `fan_out` (a `FanOut`); `covers` has `year`; `member_of` has `role`.
    """

    source: str
    kind: EdgeKind
    target: str
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    origin: Source = field(default_factory=Source, hash=False, compare=False)
