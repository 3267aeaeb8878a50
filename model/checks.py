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

from model.chains import chains_of
from model.entities import (
    NodeKind,
    RoadmapLevel,
    Source,
    TerritoryLevel,
    academic_year_name,
    academic_year_of,
)
from model.graph import entity_of, iter_entities, kind_of
from model.index import (
    GraphIndex,
    carried_by,
    controllers_of,
    fan_out_members,
    index_of,
    issuers_of,
    listing_years,
    roadmaps_of,
)
from model.issues import Issue, Severity, sort_issues
from model.queries import scope_of
from model.relations import LISTED, EdgeKind, FanOut
from model.superiors import authorities_above

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


def _activities(G: nx.MultiDiGraph, index: GraphIndex, statuses: Collection[str]) -> list[Issue]:
    issues = []
    empty: dict[tuple[str, FanOut], list[Any]] = {}
    for act in iter_entities(G, NodeKind.ACTIVITY):
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
        years = listing_years(G, act.id, index=index)
        for ref in refs:
            if ref.fan_out and not fan_out_members(
                G, ref.node, ref.fan_out, years, statuses=statuses, index=index
            ):
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


def _roadmaps(G: nx.MultiDiGraph, index: GraphIndex) -> list[Issue]:
    issues = []
    for rm in iter_entities(G, NodeKind.ROADMAP):
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


def _executors(G: nx.MultiDiGraph, index: GraphIndex) -> list[Issue]:
    issues = []
    executors = dict.fromkeys(
        u
        for u, _, k in G.edges(data="kind")
        if k == EdgeKind.RESPONSIBLE_FOR and kind_of(G, u) not in (NodeKind.TERRITORY, NodeKind.AUTHORITY)
    )
    for node in executors:
        if not authorities_above(G, node, index=index):
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


def _covered_years(
    G: nx.MultiDiGraph, index: GraphIndex, school: str, statuses: Collection[str]
) -> frozenset[int] | None:
    """Return the academic years some roadmap reaches a school in; None means every year."""
    years: set[int] = set()
    for _, _, data in G.in_edges(school, data=True):
        if data["kind"] == EdgeKind.COVERS:
            year = data.get("year")
            if not isinstance(year, int):
                return None
            years.add(year)
    for roadmap in index.issued.get(school, []):
        window = _window_years(entity_of(G, roadmap))
        if window is None:
            return None
        years |= window
    for activity in carried_by(G, school, statuses=statuses, index=index):
        reached = listing_years(G, activity, index=index)
        if reached is None:
            return None
        years |= reached
    return frozenset(years)


def _schools(G: nx.MultiDiGraph, index: GraphIndex, statuses: Collection[str]) -> list[Issue]:
    issues = []
    for school in iter_entities(G, NodeKind.SCHOOL):
        listed = _listed_years(school, statuses)
        covered = _covered_years(G, index, school.id, statuses) if listed else None
        missing = listed - covered if covered is not None else set()
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


def _municipalities(G: nx.MultiDiGraph, index: GraphIndex, statuses: Collection[str]) -> list[Issue]:
    issues = []
    roadmaps = list(iter_entities(G, NodeKind.ROADMAP))
    for territory in iter_entities(G, NodeKind.TERRITORY):
        if territory.level != TerritoryLevel.MUNICIPALITY:
            continue
        below = set(index.below(territory.id))
        listed: set[int] = set()
        for t in below:
            for n in index.on.get(t, ()):
                if kind_of(G, n) == NodeKind.SCHOOL:
                    listed |= _listed_years(entity_of(G, n), statuses)
        if not listed:
            continue
        covered: set[int] = set()
        for rm in roadmaps:
            if rm.level == RoadmapLevel.MUNICIPALITY and rm.territory in below:
                window = _window_years(rm)
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


def _people(G: nx.MultiDiGraph) -> list[Issue]:
    issues = []
    for person in iter_entities(G, NodeKind.PERSON):
        if not any(k in _DUTIES for _, _, k in G.out_edges(person.id, data="kind")):
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


def check_graph(G: nx.MultiDiGraph, *, statuses: Collection[str] = LISTED) -> list[Issue]:
    """Return what is missing from the graph as issues, ordered by where to find them.

    >>> from model.entities import Person
    >>> from model.graph import build_graph
    >>> G, _ = build_graph([Person("person:1", "Еременко Н.А.", source=Source("162.docx", "", 40))], [])
    >>> [(i.code, i.row) for i in check_graph(G)]
    [('person-without-duties', 40)]
    """
    index = index_of(G)
    return sort_issues(
        [
            *_activities(G, index, statuses),
            *_roadmaps(G, index),
            *_executors(G, index),
            *_schools(G, index, statuses),
            *_municipalities(G, index, statuses),
            *_people(G),
        ]
    )


def broken_chains(
    G: nx.MultiDiGraph, territory: str | None = None, *, statuses: Collection[str] = LISTED
) -> pl.DataFrame:
    """Return the broken links of the chains of a territory's activities (all when None), BROKEN_SCHEMA.

    >>> from model.graph import build_graph
    >>> broken_chains(build_graph([], [])[0]).schema == pl.Schema(BROKEN_SCHEMA)
    True
    """
    index = index_of(G)
    if territory is None:
        activities = sorted(n for n, k in G.nodes(data="kind") if k == NodeKind.ACTIVITY)
    else:
        activities = sorted(scope_of(G, territory, index=index).activities)
    rows = []
    for chain in chains_of(G, activities, statuses=statuses, index=index):
        act = entity_of(G, chain.activity)
        roadmap = next(iter(roadmaps_of(G, chain.activity, index=index)), None)
        for link in chain.broken:
            rows.append(
                (
                    chain.activity,
                    roadmap,
                    str(link.code),
                    link.detail,
                    act.source.file,
                    act.source.sheet,
                    act.source.row,
                    act.name,
                    entity_of(G, roadmap).name if roadmap else None,
                )
            )
    frame = pl.DataFrame(rows, schema=BROKEN_SCHEMA, orient="row")
    return frame.sort("file", "sheet", "row", "activity", "code", nulls_last=True)
