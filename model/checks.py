"""What is missing from the responsibility graph, as issues a person can find in the source files.

`check_graph` looks at the whole graph: activities nobody carries, orders without a controller or an
issuer, executors who answer to no authority, listed schools no roadmap reaches, municipalities with
ШНОР and no roadmap of their own, people with no duty. `broken_chains` lists the broken links of the
chains of a territory's activities. Both answer for any graph the builder accepts, however bad.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

import networkx as nx
import polars as pl

from model.chains import broken_links
from model.entities import (
    NodeKind,
    RoadmapLevel,
    Source,
    TerritoryLevel,
    academic_year_name,
    academic_year_of,
)
from model.graph import entity_of, iter_nodes, kind_of
from model.index import (
    GraphIndex,
    controllers_of,
    fan_out_members,
    index_of,
    issuers_of,
    listing_years,
    roadmaps_of,
    territories_of,
)
from model.issues import Issue, Severity, sort_issues
from model.queries import scope_of
from model.relations import LISTED, EdgeKind, FanOut
from model.superiors import links_above

BROKEN_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "roadmap": pl.String(),
    "code": pl.String(),
    "detail": pl.String(),
    "file": pl.String(),
    "sheet": pl.String(),
    "row": pl.Int64(),
    "activity_name": pl.String(),
    "roadmap_name": pl.String(),
}
"""One row per broken link of an activity's chain, with where the activity was read."""

_DUTIES = (
    EdgeKind.HEADS,
    EdgeKind.COORDINATES,
    EdgeKind.CONTROLS,
    EdgeKind.RESPONSIBLE_FOR,
    EdgeKind.MEMBER_OF,
)
_SHORT = 80


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[: _SHORT - 1].rstrip() + "…"


def _issue(code: str, message: str, source: Source, severity: Severity = Severity.WARNING) -> Issue:
    """Return an issue located at a source, its message ending with where to look."""
    where = Issue(code, "", file=source.file, sheet=source.sheet, row=source.row).where()
    text = f"{message} (источник: {where})" if where else message
    return Issue(code, text, severity, source.file, source.sheet, source.row)


def _years_text(years: Collection[int]) -> str:
    """Return academic years as a person writes them: «2020/21 уч. год», «2020/21, 2021/22 уч. годы»."""
    named = ", ".join(academic_year_name(y) for y in sorted(years))
    return f"{named} уч. {'год' if len(years) == 1 else 'годы'}"


def _window_years(roadmap: Any) -> frozenset[int] | None:
    """Return the academic years a roadmap's plan spans; None when nothing dates it."""
    start: date | None = roadmap.plan_start or roadmap.date
    end: date | None = roadmap.plan_end or start
    if start is None or end is None:
        return None
    first, last = academic_year_of(start), academic_year_of(end)
    return frozenset(range(first, max(first, last) + 1))


def _listed_years(school: Any, statuses: Collection[str]) -> set[int]:
    return {s.year for s in school.statuses if s.status in statuses}


_Entities = dict[NodeKind, list[Any]]
"""The graph's entities by kind, in the graph's order."""


def _entities_by_kind(G: nx.MultiDiGraph) -> _Entities:
    found: _Entities = {kind: [] for kind in NodeKind}
    for _, data in G.nodes(data=True):
        found[data["kind"]].append(data["entity"])
    return found


def _activities(
    G: nx.MultiDiGraph, index: GraphIndex, entities: _Entities, statuses: Collection[str]
) -> list[Issue]:
    issues = []
    empty: dict[tuple[str, FanOut], list[Any]] = {}
    reaches: dict[tuple[str, FanOut, frozenset[int] | None], bool] = {}
    fanned_out = {
        activity
        for territory in entities[NodeKind.TERRITORY]
        for activity in index.out.get((territory.id, EdgeKind.RESPONSIBLE_FOR), [])
    }
    for act in entities[NodeKind.ACTIVITY]:
        refs = index.refs.get(act.id, [])
        if not refs:
            written = f"; в ячейке: «{_short(act.executors_raw)}»" if act.executors_raw else ""
            issues.append(
                _issue(
                    "activity-without-executor",
                    f"У мероприятия «{_short(act.name)}» нет ни одного исполнителя{written}",
                    act.source,
                )
            )
        if act.id not in fanned_out:
            continue
        for ref in refs:
            if not ref.fan_out:
                continue
            key = (ref.node, ref.fan_out, listing_years(G, act.id, index=index))
            if key not in reaches:
                found = fan_out_members(G, *key, statuses=statuses, index=index)
                reaches[key] = bool(found)
            if not reaches[key]:
                empty.setdefault((ref.node, ref.fan_out), []).append(act)
    names = {
        FanOut.SCHOOLS: "ни одной ШНОР в списке",
        FanOut.MUNICIPAL_AUTHORITIES: "ни одного МОУО",
        FanOut.DISTRICT_AUTHORITIES: "ни одного РОО",
    }
    for (territory, fan_out), acts in empty.items():
        numbers = ", ".join(a.number or a.id for a in acts[:5])
        more = f" и ещё {len(acts) - 5}" if len(acts) > 5 else ""
        issues.append(
            _issue(
                "fan-out-without-bodies",
                f"На территории «{entity_of(G, territory).name}» нет {names[fan_out]} на срок мероприятий, "
                f"а им всем поручены мероприятия № {numbers}{more}",
                acts[0].source,
            )
        )
    return issues


def _roadmaps(G: nx.MultiDiGraph, index: GraphIndex, entities: _Entities) -> list[Issue]:
    issues = []
    for rm in entities[NodeKind.ROADMAP]:
        if not controllers_of(G, rm.id, index=index):
            issues.append(
                _issue(
                    "roadmap-without-controller",
                    f"В приказе «{rm.name}» ({_short(rm.title)}) не указано, кто контролирует исполнение",
                    rm.source,
                )
            )
        if not issuers_of(G, rm.id, index=index):
            issues.append(
                _issue(
                    "roadmap-without-issuer",
                    f"У приказа «{rm.name}» ({_short(rm.title)}) не найден издавший его орган",
                    rm.source,
                )
            )
    return issues


def _answers_to_an_authority(G: nx.MultiDiGraph, index: GraphIndex, node: str) -> bool:
    """Tell if the chain up from a node reaches an authority other than the node itself."""
    kinds = G.nodes
    return any(
        up != node and kinds[up]["kind"] == NodeKind.AUTHORITY
        for _, up, _, _ in links_above(G, node, index=index)
    )


def _executors(G: nx.MultiDiGraph, index: GraphIndex) -> list[Issue]:
    issues = []
    carriers = {ref.node for refs in index.refs.values() for ref in refs}
    for node in G:
        if node not in carriers or kind_of(G, node) in (NodeKind.TERRITORY, NodeKind.AUTHORITY):
            continue
        if not _answers_to_an_authority(G, index, node):
            entity = entity_of(G, node)
            issues.append(
                _issue(
                    "executor-without-authority",
                    f"Исполнитель «{entity.name}» не подчинён ни одному органу управления образованием: "
                    "нет ни подчинённости, ни органа на его территории",
                    entity.source,
                )
            )
    return issues


def _fanned_out_years(G: nx.MultiDiGraph, index: GraphIndex, territory: str) -> frozenset[int] | None:
    """Return the years a territory's «ОО» activities read the school lists in; None means every year."""
    years: set[int] = set()
    for activity in index.out.get((territory, EdgeKind.RESPONSIBLE_FOR), []):
        if any(r.node == territory and r.fan_out == FanOut.SCHOOLS for r in index.refs.get(activity, [])):
            reached = listing_years(G, activity, index=index)
            if reached is None:
                return None
            years |= reached
    return frozenset(years)


def _uncovered_years(
    G: nx.MultiDiGraph,
    index: GraphIndex,
    school: str,
    listed: set[int],
    fanned_out: dict[str, frozenset[int] | None],
) -> set[int]:
    """Return the years a school is listed in that no roadmap reaches it in.

    A roadmap reaches a school by covering it, as its own, by naming it an executor, or by an «ОО»
    of a territory above it. An «ОО» reaches the school in the years it reads that the school is
    listed in, and only those years are compared, so every year of the territory's «ОО» counts.
    """
    missing = set(listed)
    for _, _, data in G.in_edges(school, data=True):
        if data["kind"] == EdgeKind.COVERS:
            year = data.get("year")
            if not isinstance(year, int):
                return set()
            missing.discard(year)
    for roadmap in index.issued.get(school, []):
        window = _window_years(entity_of(G, roadmap))
        if window is None:
            return set()
        missing -= window
    above = dict.fromkeys(t for own in territories_of(G, school, index=index) for t in index.above(own))
    for territory in above:
        if not missing:
            return missing
        if territory not in fanned_out:
            fanned_out[territory] = _fanned_out_years(G, index, territory)
        reached = fanned_out[territory]
        if reached is None:
            return set()
        missing -= reached
    for activity in index.out.get((school, EdgeKind.RESPONSIBLE_FOR), []):
        if not missing:
            return missing
        reached = listing_years(G, activity, index=index)
        if reached is None:
            return set()
        missing -= reached
    return missing


def _schools(
    G: nx.MultiDiGraph, index: GraphIndex, entities: _Entities, statuses: Collection[str]
) -> list[Issue]:
    issues = []
    fanned_out: dict[str, frozenset[int] | None] = {}
    for school in entities[NodeKind.SCHOOL]:
        listed = _listed_years(school, statuses)
        missing = _uncovered_years(G, index, school.id, listed, fanned_out) if listed else set()
        if missing:
            issues.append(
                _issue(
                    "school-not-covered",
                    f"ШНОР «{school.name}» в списке на {_years_text(missing)}, "
                    "но ни одна дорожная карта её не охватывает",
                    school.source,
                )
            )
    return issues


def _municipalities(
    G: nx.MultiDiGraph, index: GraphIndex, entities: _Entities, statuses: Collection[str]
) -> list[Issue]:
    issues = []
    windows: dict[str, list[frozenset[int] | None]] = {}
    for rm in entities[NodeKind.ROADMAP]:
        if rm.level == RoadmapLevel.MUNICIPALITY:
            windows.setdefault(rm.territory, []).append(_window_years(rm))
    schools = {school.id: _listed_years(school, statuses) for school in entities[NodeKind.SCHOOL]}
    listed_on: dict[str, set[int]] = {}
    for t, located in index.on.items():
        for n in located:
            if n in schools:
                listed_on.setdefault(t, set()).update(schools[n])
    for territory in entities[NodeKind.TERRITORY]:
        if territory.level != TerritoryLevel.MUNICIPALITY:
            continue
        below = index.below(territory.id)
        listed: set[int] = set()
        for t in below:
            listed |= listed_on.get(t, set())
        if not listed:
            continue
        covered: set[int] = set()
        for t in below:
            for window in windows.get(t, ()):
                covered |= set(listed) if window is None else window
        missing = listed - covered
        if missing:
            issues.append(
                _issue(
                    "municipality-without-roadmap",
                    f"В «{territory.name}» есть ШНОР на {_years_text(missing)}, "
                    "но нет муниципальной дорожной карты на этот срок",
                    territory.source,
                )
            )
    return issues


def _people(index: GraphIndex, entities: _Entities) -> list[Issue]:
    issues = []
    for person in entities[NodeKind.PERSON]:
        if not any((person.id, k) in index.out for k in _DUTIES):
            issues.append(
                _issue(
                    "person-without-duties",
                    f"«{person.name}» ничего не возглавляет, не координирует, не контролирует, "
                    "не исполняет и не входит ни в одну группу",
                    person.source,
                    Severity.INFO,
                )
            )
    return issues


def check_graph(
    G: nx.MultiDiGraph, *, statuses: Collection[str] = LISTED, index: GraphIndex | None = None
) -> list[Issue]:
    """Return what is missing from the graph as issues, ordered by where to find them.

    >>> from model.entities import Person
    >>> from model.graph import build_graph
    >>> G, _ = build_graph([Person("person:1", "Еременко Н.А.", source=Source("162.docx", "", 40))], [])
    >>> [(i.code, i.row) for i in check_graph(G)]
    [('person-without-duties', 40)]
    """
    index = index_of(G) if index is None else index
    entities = _entities_by_kind(G)
    return sort_issues(
        [
            *_activities(G, index, entities, statuses),
            *_roadmaps(G, index, entities),
            *_executors(G, index),
            *_schools(G, index, entities, statuses),
            *_municipalities(G, index, entities, statuses),
            *_people(index, entities),
        ]
    )


def broken_chains(
    G: nx.MultiDiGraph,
    territory: str | None = None,
    *,
    statuses: Collection[str] = LISTED,
    index: GraphIndex | None = None,
) -> pl.DataFrame:
    """Return the broken links of the chains of a territory's activities (all when None), BROKEN_SCHEMA.

    >>> from model.graph import build_graph
    >>> broken_chains(build_graph([], [])[0]).schema == pl.Schema(BROKEN_SCHEMA)
    True
    """
    index = index_of(G) if index is None else index
    if territory is None:
        activities: Collection[str] = list(iter_nodes(G, NodeKind.ACTIVITY))
    else:
        activities = scope_of(G, territory, index=index).activities
    rows: list[tuple[Any, ...]] = []
    roadmap: str | None = None
    where: tuple[Any, ...] = ()
    for link in broken_links(G, activities, statuses=statuses, index=index):
        if not rows or rows[-1][0] != link.activity:
            act = entity_of(G, link.activity)
            roadmap = next(iter(roadmaps_of(G, link.activity, index=index)), None)
            name = entity_of(G, roadmap).name if roadmap else None
            where = (act.source.file, act.source.sheet, act.source.row, act.name, name)
        rows.append((link.activity, roadmap, str(link.code), link.detail, *where))
    rows.sort(key=lambda row: row[0])
    frame = pl.DataFrame(rows, schema=BROKEN_SCHEMA, orient="row")
    return frame.sort("file", "sheet", "row", "activity", "code", nulls_last=True)
