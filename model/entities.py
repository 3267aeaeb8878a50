"""The things the responsibility graph is made of: node kinds and their frozen dataclasses.

Every entity has a stable `id` (the graph's node key), a display `name`, and the place it came from
(`source`), so that a figure on the dashboard can always be traced back to a spreadsheet row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model.deadlines import Deadline


class NodeKind(StrEnum):
    TERRITORY = "territory"
    AUTHORITY = "authority"
    INSTITUTE = "institute"
    PERSON = "person"
    GROUP = "group"
    SCHOOL = "school"
    ROADMAP = "roadmap"
    ACTIVITY = "activity"


NODE_KIND_NAMES: dict[str, str] = {
    NodeKind.TERRITORY: "территория",
    NodeKind.AUTHORITY: "орган управления образованием",
    NodeKind.INSTITUTE: "организация",
    NodeKind.PERSON: "человек",
    NodeKind.GROUP: "рабочая группа",
    NodeKind.SCHOOL: "школа",
    NodeKind.ROADMAP: "дорожная карта",
    NodeKind.ACTIVITY: "мероприятие",
}
"""Node kinds as a person names them (in the issues and comparisons a person reads)."""


class TerritoryLevel(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    MUNICIPALITY = "municipality"
    DISTRICT = "district"


class AuthorityLevel(StrEnum):
    FEDERAL = "federal"
    REGIONAL = "regional"
    MUNICIPAL = "municipal"
    DISTRICT = "district"


class InstituteKind(StrEnum):
    FEDERAL_OPERATOR = "federal_operator"
    REGIONAL_INSTITUTE = "regional_institute"
    ASSESSMENT_CENTRE = "assessment_centre"
    SUPPORT_CENTRE = "support_centre"
    METHODICAL_CENTRE = "methodical_centre"
    TEACHER_ASSOCIATION = "teacher_association"
    OTHER = "other"


class GroupKind(StrEnum):
    WORKING_GROUP = "working_group"
    COUNCIL = "council"
    OTHER = "other"


class SchoolStatusKind(StrEnum):
    LOW_RESULTS = "шнор"
    AT_RISK = "зона риска"


class RoadmapLevel(StrEnum):
    FEDERAL = "federal"
    REGION = "region"
    MUNICIPALITY = "municipality"
    SCHOOL = "school"


EXECUTOR_KINDS: frozenset[NodeKind] = frozenset(
    {NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.PERSON, NodeKind.GROUP, NodeKind.SCHOOL}
)
"""Node kinds that can carry an activity."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where an entity or a link was read: the file, the sheet and the row a person sees."""

    file: str = ""
    sheet: str = ""
    row: int | None = None


@dataclass(frozen=True, slots=True)
class Territory:
    """A region, municipality or city district; `parent` is the territory above it."""

    id: str
    name: str
    level: TerritoryLevel
    parent: str | None = None
    source: Source = field(default_factory=Source)
    kind: NodeKind = field(default=NodeKind.TERRITORY, init=False)


@dataclass(frozen=True, slots=True)
class Authority:
    """A body that governs education on a territory: ministry, municipal or district department."""

    id: str
    name: str
    level: AuthorityLevel
    territory: str
    short: str = ""
    capacity: float | None = None
    source: Source = field(default_factory=Source)
    kind: NodeKind = field(default=NodeKind.AUTHORITY, init=False)


@dataclass(frozen=True, slots=True)
class Institute:
    """An institute, centre, methodical service or teacher association that carries activities."""

    id: str
    name: str
    institute_kind: InstituteKind
    territory: str
    short: str = ""
    capacity: float | None = None
    source: Source = field(default_factory=Source)
    kind: NodeKind = field(default=NodeKind.INSTITUTE, init=False)


@dataclass(frozen=True, slots=True)
class Person:
    """A named person: a head, coordinator, curator, working-group member or controller."""

    id: str
    name: str
    position: str = ""
    organisation: str | None = None
    capacity: float | None = None
    source: Source = field(default_factory=Source)
    kind: NodeKind = field(default=NodeKind.PERSON, init=False)


@dataclass(frozen=True, slots=True)
class Group:
    """A named collective such as a working group; its members are linked with `member_of`."""

    id: str
    name: str
    territory: str
    group_kind: GroupKind = GroupKind.WORKING_GROUP
    capacity: float | None = None
    source: Source = field(default_factory=Source)
    kind: NodeKind = field(default=NodeKind.GROUP, init=False)


@dataclass(frozen=True, slots=True)
class SchoolStatus:
    """A school's place in a year's list: ШНОР or «в зоне риска».

    `year` is the academic year that starts in September of that year (2020 means 2020/21).
    """

    year: int
    status: SchoolStatusKind = SchoolStatusKind.LOW_RESULTS


@dataclass(frozen=True, slots=True)
class School:
    """A school on its territory with its list status per academic year."""

    id: str
    name: str
    territory: str
    statuses: tuple[SchoolStatus, ...] = ()
    short: str = ""
    capacity: float | None = None
    source: Source = field(default_factory=Source)
    kind: NodeKind = field(default=NodeKind.SCHOOL, init=False)

    def status_in(self, year: int) -> SchoolStatusKind | None:
        """Return the school's list status in an academic year, or None when it is not listed."""
        for s in self.statuses:
            if s.year == year:
                return s.status
        return None


@dataclass(frozen=True, slots=True)
class Roadmap:
    """An order with the roadmap it approves: who issued it, when, for which window and territory."""

    id: str
    title: str
    issuer: str
    territory: str
    level: RoadmapLevel
    number: str = ""
    date: dt.date | None = None
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None
    based_on: str | None = None
    controller: str | None = None
    source: Source = field(default_factory=Source)
    kind: NodeKind = field(default=NodeKind.ROADMAP, init=False)

    @property
    def name(self) -> str:
        label = f"№ {self.number}" if self.number else self.title
        return f"{label} от {self.date:%d.%m.%Y}" if self.date else label


@dataclass(frozen=True, slots=True)
class Activity:
    """One row of a roadmap: what is to be done, by when (as published and as parsed), at what effort."""

    id: str
    roadmap: str
    number: str
    text: str
    deadline: Deadline
    section: str = ""
    weight: float = 1.0
    result: str = ""
    executors_raw: str = ""
    source: Source = field(default_factory=Source)
    kind: NodeKind = field(default=NodeKind.ACTIVITY, init=False)

    @property
    def name(self) -> str:
        return f"{self.number} {self.text}".strip()


Entity = Territory | Authority | Institute | Person | Group | School | Roadmap | Activity


def academic_year_of(day: date) -> int:
    """Return the academic year a day falls in, named by the year it starts.

    >>> academic_year_of(date(2021, 2, 1)), academic_year_of(date(2020, 9, 1))
    (2020, 2020)
    """
    return day.year if day.month >= 9 else day.year - 1


def academic_year_name(year: int) -> str:
    """Return an academic year as a person writes it: the year it starts, a slash, the next year's end.

    >>> academic_year_name(2020), academic_year_name(2099)
    ('2020/21', '2099/00')
    """
    return f"{year}/{(year + 1) % 100:02d}"
