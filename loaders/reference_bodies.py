"""The sheets that give the workbook's codes their nodes: territories, organisations, schools, groups.

A body is `child_id(prefix, its territory, Сокращение or Название)`; schools are keyed by their home
territory (`loaders.places.home_of`). «Списки ШНОР» gives each school its status per academic year.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.dates import parse_academic_year
from loaders.places import home_of
from loaders.reference_rows import Record, ReferenceRows, value_key
from loaders.template import LEVELS, ORGANISATION_KINDS, SCHOOL_STATUSES
from model.entities import (
    Authority,
    AuthorityLevel,
    Entity,
    Group,
    GroupKind,
    Institute,
    NodeKind,
    School,
    SchoolStatus,
    SchoolStatusKind,
    Territory,
    TerritoryLevel,
)
from model.ids import child_id, make_id
from model.issues import Issue
from model.relations import EdgeKind, Link
from model.workload import is_capacity

ORGANISATION_NODES = (NodeKind.AUTHORITY, NodeKind.INSTITUTE)
_PARENT_RULES: dict[TerritoryLevel, tuple[tuple[TerritoryLevel | None, ...], str]] = {
    TerritoryLevel.COUNTRY: ((None,), "страна ни во что не входит"),
    TerritoryLevel.REGION: ((None, TerritoryLevel.COUNTRY), "регион не входит никуда или входит в страну"),
    TerritoryLevel.MUNICIPALITY: ((TerritoryLevel.REGION,), "муниципалитет входит в регион"),
    TerritoryLevel.DISTRICT: ((TerritoryLevel.MUNICIPALITY,), "район входит в муниципалитет"),
}
_LEVEL_KEYS = {value_key(k): v for k, v in LEVELS.items()}
_KIND_KEYS = {value_key(k): v for k, v in ORGANISATION_KINDS.items()}
_STATUS_KEYS = {value_key(k): v for k, v in SCHOOL_STATUSES.items()} | {
    "зона риска": SchoolStatusKind.AT_RISK
}


def _parse_capacity(text: str) -> float | None:
    try:
        value = float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return None
    return value if is_capacity(value) else None


@dataclass(frozen=True, slots=True)
class Body:
    """An organisation, school or group known by its code."""

    id: str
    kind: NodeKind
    territory: str
    subkind: str
    name: str
    short: str
    row: int


class ReferenceBodies(ReferenceRows):
    """Reads the territories and bodies in the order their codes depend on one another."""

    def __init__(self, file: str, issues: list[Issue]) -> None:
        super().__init__(file, issues)
        self.entities: list[Entity] = []
        self.links: list[Link] = []
        self.territories: dict[str, Territory] = {}
        self.bodies: dict[str, Body] = {}
        self.ids: dict[str, int] = {}

    def _new_id(self, rec: Record, node: str) -> bool:
        """Take a node id for a row; reject the row and return False when another row has it."""
        if node in self.ids:
            self._reject(rec, "duplicate-id", "name", self.ids[node])
            return False
        self.ids[node] = rec.row
        return True

    def _home(self, territory_id: str) -> str:
        """Return the territory schools and people are keyed by: a district's city, else the territory."""
        return home_of(
            territory_id, next((t for t in self.territories.values() if t.id == territory_id), None)
        )

    def _territory(self, rec: Record, key: str = "territory") -> Territory | None:
        """Return the territory a row names by code, or reject the row."""
        territory = self.territories.get(rec[key])
        if territory is None:
            self._reject(rec, "unknown-territory", key)
        return territory

    def _capacity(self, rec: Record) -> float | None:
        value = _parse_capacity(rec["capacity"]) if rec["capacity"] else None
        if rec["capacity"] and value is None:
            self._issue(rec, "bad-capacity", "capacity")
        return value

    def _read_territories(self, records: list[Record]) -> None:
        rows: dict[str, tuple[Record, TerritoryLevel]] = {}
        for rec in records:
            if self._missing(rec, "code", "name", "level"):
                continue
            level = _LEVEL_KEYS.get(value_key(rec["level"]))
            if level is None:
                self._reject(rec, "unknown-level", "level")
            elif rec["code"] in rows:
                self._reject(rec, "duplicate-code", "code", rows[rec["code"]][0].row)
            else:
                rows[rec["code"]] = (rec, level)
        failed: set[str] = set()

        def resolve(code: str, stack: tuple[str, ...]) -> Territory | None:
            if code in self.territories or code in failed:
                return self.territories.get(code)
            rec, level = rows[code]
            parent = resolve(rec["parent"], (*stack, code)) if rec["parent"] in rows.keys() - stack else None
            parents, rule = _PARENT_RULES[level]
            if rec["parent"] and parent is None:
                self._reject(rec, "unknown-territory", "parent")
            elif (parent.level if parent else None) not in parents:
                self._reject(rec, "bad-parent", "level", rule)
            else:
                nested = parent is not None and level in (
                    TerritoryLevel.MUNICIPALITY,
                    TerritoryLevel.DISTRICT,
                )
                node = (
                    child_id("ter", parent.id, rec["name"])
                    if parent and nested
                    else make_id("ter", rec["name"])
                )
                if self._new_id(rec, node):
                    territory = Territory(
                        node, rec["name"], level, parent.id if parent else None, self._source(rec)
                    )
                    self.territories[code] = territory
                    self.entities.append(territory)
                    if parent is not None:
                        self.links.append(
                            Link(node, EdgeKind.LOCATED_IN, parent.id, origin=self._source(rec))
                        )
                    rec.table.loaded += 1
                    return territory
            failed.add(code)
            return None

        for code in rows:
            resolve(code, ())

    def _new_body(self, rec: Record, node: str, kind: NodeKind, territory: str, subkind: str) -> bool:
        """Register a body by its code; reject the row and return False when its code or id is taken."""
        if rec["code"] in self.bodies:
            self._reject(rec, "duplicate-code", "code", self.bodies[rec["code"]].row)
            return False
        if not self._new_id(rec, node):
            return False
        self.bodies[rec["code"]] = Body(node, kind, territory, subkind, rec["name"], rec["short"], rec.row)
        self.links.append(Link(node, EdgeKind.LOCATED_IN, territory, origin=self._source(rec)))
        rec.table.loaded += 1
        return True

    def _read_organisations(self, records: list[Record]) -> list[tuple[Record, str]]:
        superiors: list[tuple[Record, str]] = []
        for rec in records:
            if self._missing(rec, "code", "name", "kind", "territory"):
                continue
            kind = _KIND_KEYS.get(value_key(rec["kind"]))
            if kind is None:
                self._reject(rec, "unknown-kind", "kind")
                continue
            if (territory := self._territory(rec)) is None:
                continue
            node_kind = NodeKind.AUTHORITY if isinstance(kind, AuthorityLevel) else NodeKind.INSTITUTE
            prefix = "auth" if node_kind == NodeKind.AUTHORITY else "inst"
            node = child_id(prefix, territory.id, rec["short"] or rec["name"])
            if not self._new_body(rec, node, node_kind, territory.id, str(kind)):
                continue
            capacity, source = self._capacity(rec), self._source(rec)
            if isinstance(kind, AuthorityLevel):
                self.entities.append(
                    Authority(node, rec["name"], kind, territory.id, rec["short"], capacity, source)
                )
            else:
                self.entities.append(
                    Institute(node, rec["name"], kind, territory.id, rec["short"], capacity, source)
                )
            if rec["superior"]:
                superiors.append((rec, node))
        return superiors

    def _subordinate(self, rec: Record, node: str) -> None:
        superior = self.bodies.get(rec["superior"])
        if superior is None or superior.kind not in ORGANISATION_NODES:
            self._issue(rec, "unknown-superior", "superior")
        else:
            self.links.append(Link(node, EdgeKind.SUBORDINATE_TO, superior.id, origin=self._source(rec)))

    def _read_schools(self, records: list[Record]) -> list[tuple[Record, str, Territory]]:
        schools = []
        for rec in records:
            if self._missing(rec, "code", "name", "territory") or (territory := self._territory(rec)) is None:
                continue
            node = child_id("school", self._home(territory.id), rec["name"])
            if self._new_body(rec, node, NodeKind.SCHOOL, territory.id, "school"):
                if rec["superior"]:
                    self._subordinate(rec, node)
                schools.append((rec, node, territory))
        return schools

    def _read_groups(self, records: list[Record]) -> None:
        for rec in records:
            if self._missing(rec, "code", "name", "territory") or (territory := self._territory(rec)) is None:
                continue
            node = child_id("group", territory.id, rec["name"])
            if self._new_body(rec, node, NodeKind.GROUP, territory.id, str(GroupKind.WORKING_GROUP)):
                self.entities.append(Group(node, rec["name"], territory.id, source=self._source(rec)))

    def _read_school_lists(self, records: list[Record], schools: list[tuple[Record, str, Territory]]) -> None:
        statuses: dict[str, dict[int, tuple[SchoolStatusKind, int]]] = {}
        for rec in records:
            if self._missing(rec, "school", "year", "status"):
                continue
            school = self.bodies.get(rec["school"])
            year, status = parse_academic_year(rec["year"]), _STATUS_KEYS.get(value_key(rec["status"]))
            years = statuses.setdefault(school.id, {}) if school and school.kind == NodeKind.SCHOOL else {}
            if school is None or school.kind != NodeKind.SCHOOL:
                self._reject(rec, "unknown-school", "school")
            elif year is None:
                self._reject(rec, "bad-year", "year")
            elif status is None:
                self._reject(rec, "bad-status", "status", "ШНОР или «в зоне риска»")
            elif year in years:
                self._reject(rec, "duplicate-status", "year", years[year][1])
            else:
                years[year] = (status, rec.row)
                rec.table.loaded += 1
        for rec, node, territory in schools:
            own = statuses.get(node, {})
            listed = tuple(SchoolStatus(year, own[year][0]) for year in sorted(own))
            capacity = self._capacity(rec)
            self.entities.append(
                School(node, rec["name"], territory.id, listed, "", capacity, self._source(rec))
            )
