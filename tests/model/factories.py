"""Small responsibility graphs for tests, built in a few readable lines.

    b = GraphBuilder()
    region = b.region("Кузбасс")
    town = b.municipality("Новокузнецк", region)
    school = b.school("Школа № 1", town, statuses=[2020, (2021, SchoolStatusKind.AT_RISK)])
    imc = b.institute("ИМЦ", town, InstituteKind.METHODICAL_CENTRE)
    uo = b.authority("Управление образования", town, AuthorityLevel.MUNICIPAL)
    rm = b.roadmap("Дорожная карта", issuer=uo, territory=town, plan=(date(2020, 9, 1), date(2021, 8, 31)))
    act = b.activity(rm, windows=[month(2020, 10)], executors=[imc], fan_out=FanOut.SCHOOLS)
    G = b.build()

Every method returns the new node's id (made with `model.ids.make_id`, as the loaders do). Locations
are both entity attributes and `located_in` edges; a person `works_at` their organisation; an activity
is `part_of` its roadmap and a roadmap `issued_by` its issuer. The first executor of an activity is
the lead. `build()` raises when the graph refuses a link, so a test never runs on a broken fixture.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import networkx as nx

from model.deadlines import Deadline, DeadlineKind
from model.entities import (
    Activity,
    Authority,
    AuthorityLevel,
    Entity,
    Group,
    Institute,
    InstituteKind,
    Person,
    Roadmap,
    RoadmapLevel,
    School,
    SchoolStatus,
    SchoolStatusKind,
    Territory,
    TerritoryLevel,
)
from model.graph import build_graph
from model.ids import make_id, slug
from model.relations import EdgeKind, FanOut, Link

Window = tuple[date, date]
ExecutorSpec = str | tuple[str, FanOut]
"""An executor of an activity: a node id, or (territory id, fan-out) for «ОО», «МОУО», «РОО»."""

UNDATED = Deadline(DeadlineKind.BY_SCHEDULE, None, None, (), "по отдельному графику")
"""The deadline of an activity without dates."""


def windows_deadline(windows: Sequence[Window], raw: str = "") -> Deadline:
    """Return a dated deadline with these occurrence windows (`period` for one, `several` for more)."""
    kind = DeadlineKind.PERIOD if len(windows) == 1 else DeadlineKind.SEVERAL
    return Deadline(kind, windows[0][0], windows[-1][1], tuple(windows), raw)


def month(year: int, number: int) -> Window:
    """Return the window of a whole month: `month(2020, 10)` is 2020-10-01..2020-10-31."""
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


class GraphBuilder:
    """Collects entities and links and builds the frozen graph."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.links: list[Link] = []
        self._rows: dict[str, int] = {}
        self._roadmap_territory: dict[str, str] = {}

    def _add(self, entity: Entity) -> str:
        self.entities.append(entity)
        return entity.id

    def link(self, source: str, kind: EdgeKind, target: str, **attrs: Any) -> None:
        """Add any link (for the relations the other methods do not make)."""
        self.links.append(Link(source, kind, target, attrs))

    # territories

    def region(self, name: str) -> str:
        node = make_id("ter", name)
        return self._add(Territory(node, name, TerritoryLevel.REGION))

    def municipality(self, name: str, region: str) -> str:
        return self._territory(name, region, TerritoryLevel.MUNICIPALITY)

    def district(self, name: str, municipality: str) -> str:
        return self._territory(name, municipality, TerritoryLevel.DISTRICT)

    def _territory(self, name: str, parent: str, level: TerritoryLevel) -> str:
        node = f"{parent}/{slug(name)}"
        self.link(node, EdgeKind.LOCATED_IN, parent)
        return self._add(Territory(node, name, level, parent=parent))

    # bodies and people

    def authority(
        self,
        name: str,
        territory: str,
        level: AuthorityLevel = AuthorityLevel.MUNICIPAL,
        capacity: float | None = None,
    ) -> str:
        node = make_id("auth", name)
        self.link(node, EdgeKind.LOCATED_IN, territory)
        return self._add(Authority(node, name, level, territory, capacity=capacity))

    def institute(
        self,
        name: str,
        territory: str,
        kind: InstituteKind = InstituteKind.METHODICAL_CENTRE,
        capacity: float | None = None,
    ) -> str:
        node = make_id("inst", name)
        self.link(node, EdgeKind.LOCATED_IN, territory)
        return self._add(Institute(node, name, kind, territory, capacity=capacity))

    def school(
        self,
        name: str,
        territory: str,
        statuses: Iterable[int | tuple[int, SchoolStatusKind]] = (),
        capacity: float | None = None,
    ) -> str:
        """Add a school; a bare year in `statuses` means ШНОР that academic year."""
        listed = tuple(SchoolStatus(s) if isinstance(s, int) else SchoolStatus(s[0], s[1]) for s in statuses)
        node = make_id("school", name)
        self.link(node, EdgeKind.LOCATED_IN, territory)
        return self._add(School(node, name, territory, listed, capacity=capacity))

    def group(self, name: str, territory: str, capacity: float | None = None) -> str:
        node = make_id("group", name)
        self.link(node, EdgeKind.LOCATED_IN, territory)
        return self._add(Group(node, name, territory, capacity=capacity))

    def person(self, name: str, organisation: str | None = None, capacity: float | None = None) -> str:
        node = make_id("person", name)
        if organisation is not None:
            self.link(node, EdgeKind.WORKS_AT, organisation)
        return self._add(Person(node, name, organisation=organisation, capacity=capacity))

    # documents

    def roadmap(
        self,
        title: str,
        issuer: str,
        territory: str,
        plan: Window | None = None,
        level: RoadmapLevel = RoadmapLevel.MUNICIPALITY,
    ) -> str:
        """Add a roadmap with its plan window (`plan=(start, end)`, None when unknown)."""
        node = make_id("rm", title)
        start, end = plan if plan is not None else (None, None)
        self.link(node, EdgeKind.ISSUED_BY, issuer)
        self._roadmap_territory[node] = territory
        return self._add(Roadmap(node, title, issuer, territory, level, plan_start=start, plan_end=end))

    def activity(
        self,
        roadmap: str,
        windows: Sequence[Window] | None = None,
        executors: Sequence[ExecutorSpec] = (),
        fan_out: FanOut | None = None,
        deadline: Deadline | None = None,
        weight: float = 1.0,
        text: str = "Мероприятие",
    ) -> str:
        """Add an activity row; undated unless `windows` or `deadline` is given.

        `fan_out` is a shorthand for one more executor, (the roadmap's territory, fan_out), placed
        first, so it is the lead.
        """
        row = self._rows[roadmap] = self._rows.get(roadmap, 1) + 1
        node = f"{roadmap}#{row}"
        if deadline is None:
            deadline = windows_deadline(windows) if windows else UNDATED
        self.link(node, EdgeKind.PART_OF, roadmap)
        specs = list(executors)
        if fan_out is not None:
            specs.insert(0, (self._roadmap_territory[roadmap], fan_out))
        for position, spec in enumerate(specs):
            lead = position == 0
            if isinstance(spec, tuple):
                self.link(
                    spec[0], EdgeKind.RESPONSIBLE_FOR, node, lead=lead, ref=str(spec[1]), fan_out=spec[1]
                )
            else:
                self.link(spec, EdgeKind.RESPONSIBLE_FOR, node, lead=lead, ref=spec)
        return self._add(Activity(node, roadmap, str(row - 1), text, deadline, weight=weight))

    def build(self) -> nx.MultiDiGraph:
        """Return the frozen graph; raise when the graph refused anything (a broken fixture)."""
        return graph_of(self.entities, self.links)


def graph_of(entities: Iterable[Entity], links: Iterable[Link]) -> nx.MultiDiGraph:
    """Return the frozen graph of entities and links; raise when it refused any (a broken fixture)."""
    G, issues = build_graph(entities, links)
    if issues:
        raise ValueError(f"the fixture graph refused links: {issues}")
    return G
