"""The reference workbook read back: what roadmaps do not hold — bodies, schools, people, progress.

Its sheets and columns are those of `contracts.md` (`loaders.template` writes them). `read_reference`
turns a filled workbook into entities, links, progress reports, abbreviations and issues, and counts
every row it looked at exactly once (`loaders.reference_rows`).

Codes are the user's short keys («КУЗ», «ПОЛ-ИМЦ»); `loaders.reference_bodies` gives the codes of
territories, organisations, schools and groups their node ids. People are keyed, as schools are, by their
home territory (`loaders.places.home_of`), because orders and roadmaps list them per municipality, never
per district. A document («№ 162 от 28.10.2020») in «Люди» is the roadmap `roadmap_id(home territory of the
row's organisation, "162", 2020-10-28)`; a document in «Ход выполнения» resolves to the roadmap the
sheet «Люди» gave it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from loaders.citations import document_label, parse_document_ref, roadmap_id
from loaders.dates import parse_cell_date
from loaders.names import person_key
from loaders.read import read_tables
from loaders.reference_bodies import ORGANISATION_NODES, Body, ReferenceBodies
from loaders.reference_rows import TABLE_KIND, Record, value_key
from loaders.template import (
    ABBREVIATIONS,
    CONTROL,
    COORDINATOR,
    CURATOR,
    EXPLANATIONS,
    GROUPS,
    HEAD,
    MEMBER,
    ORGANISATIONS,
    PEOPLE,
    PROGRESS,
    PROGRESS_STATUSES,
    ROLES,
    SCHOOL_LISTS,
    SCHOOLS,
    SHEETS,
    TERRITORIES,
    template_bytes,
    write_reference,
)
from model.entities import Entity, NodeKind, Person, Source
from model.ids import child_id
from model.issues import Issue, Severity
from model.relations import EdgeKind, Link

# The sheet names, `template_bytes` and `write_reference` (loaders.template) and `document_label`
# (loaders.citations) were defined here first; they stay importable from here.
__all__ = [
    "ABBREVIATIONS",
    "GROUPS",
    "ORGANISATIONS",
    "PEOPLE",
    "PROGRESS",
    "SCHOOLS",
    "SCHOOL_LISTS",
    "TABLE_KIND",
    "TERRITORIES",
    "ReferenceResult",
    "document_label",
    "looks_like_reference",
    "read_reference",
    "template_bytes",
    "write_reference",
]

_ROLE_ALIASES = {"член": "член рабочей группы", "председатель": "председатель рабочей группы",
                 "заместитель председателя": "заместитель председателя рабочей группы",
                 "секретарь": "секретарь рабочей группы"}  # fmt: skip
_ROLE_KEYS = {value_key(k): v for k, v in ROLES.items()} | {k: ROLES[v] for k, v in _ROLE_ALIASES.items()}
_YES_NO = {"да": True, "нет": False, "": False}


@dataclass(frozen=True, slots=True)
class ReferenceResult:
    """What a reference workbook holds: entities, links, progress rows, abbreviations, accounting, issues.

    `glossary` maps a territory id ("" for «везде») to abbreviations as written, each a mapping with
    abbreviation, full_name, node (id or None), node_kind, subkind, fan_out, territory, origin and row.
    `tables` has one accounting per sheet: rows_read == header_rows + loaded + ignored + rejected.
    `codes` and `territory_codes` map the workbook's codes to node ids.
    """

    entities: list[Entity]
    links: list[Link]
    progress_rows: list[dict[str, Any]]
    glossary: dict[str, dict[str, dict[str, Any]]]
    tables: list[dict[str, Any]]
    issues: list[Issue]
    codes: dict[str, str] = field(default_factory=dict)
    territory_codes: dict[str, str] = field(default_factory=dict)


def looks_like_reference(sheet_names: Iterable[str]) -> bool:
    """Tell whether a workbook with these sheets is a reference workbook: it has two of its sheets at least.

    >>> looks_like_reference(["Территории", "Люди"]), looks_like_reference(["Лист1"])
    (True, False)
    """
    return len({value_key(s.name) for s in SHEETS} & {value_key(name) for name in sheet_names}) >= 2


def read_reference(path: str | Path, *, name: str | None = None) -> ReferenceResult:
    """Return the entities, links, progress rows, abbreviations, accounting and issues of a workbook.

    `name` is the file name to report (an upload kept in a temporary file).
    """
    book = read_tables(Path(path), name=name)
    reader = _Reader(book.file, list(book.issues))
    reader.read({t.sheet: [(r.number, r.cells) for r in t.rows] for t in book.tables}, bool(book.tables))
    return reader.result()


@dataclass(slots=True)
class _PersonDraft:
    names: list[str]
    position: str
    organisation: str
    capacity: float | None
    source: Source


class _Reader(ReferenceBodies):
    """Reads the sheets in the order their codes depend on one another and keeps what it found."""

    def __init__(self, file: str, issues: list[Issue]) -> None:
        super().__init__(file, issues)
        self.progress: list[dict[str, Any]] = []
        self.documents: dict[tuple[str, date], set[str]] = {}
        self.glossary: dict[str, dict[str, dict[str, Any]]] = {}

    def read(self, sheets: Mapping[str, Sequence[tuple[int, tuple[str, ...]]]], readable: bool) -> None:
        by_key = {value_key(name): name for name in sheets}
        known = {value_key(spec.name) for spec in SHEETS}
        for name in sheets:
            if value_key(name) not in known | {value_key(EXPLANATIONS)}:
                text = f"Лист «{name}» не относится к справочнику и пропущен"
                self.issues.append(Issue("unknown-sheet", text, Severity.INFO, self.file, name))
        if readable and not known & set(by_key):
            text = f"В файле нет ни одного листа справочника ({', '.join(s.name for s in SHEETS)})"
            self.issues.append(Issue("not-a-reference-workbook", text, Severity.ERROR, self.file))
        records = {
            spec.name: self._records(spec, by_key.get(value_key(spec.name)), sheets) for spec in SHEETS
        }
        self._read_territories(records[TERRITORIES])
        superiors = self._read_organisations(records[ORGANISATIONS])
        schools = self._read_schools(records[SCHOOLS])
        self._read_groups(records[GROUPS])
        for rec, node in superiors:
            self._subordinate(rec, node)
        self._read_school_lists(records[SCHOOL_LISTS], schools)
        self._read_people(records[PEOPLE])
        self._read_abbreviations(records[ABBREVIATIONS])
        self._read_progress(records[PROGRESS])

    def result(self) -> ReferenceResult:
        order = {spec.name: i for i, spec in enumerate(SHEETS)}
        tables = sorted(self.tables, key=lambda t: order.get(t.sheet, len(order)))
        codes = {code: body.id for code, body in self.bodies.items()}
        territory_codes = {code: t.id for code, t in self.territories.items()}
        accounting = [t.as_dict() for t in tables]
        return ReferenceResult(
            self.entities,
            self.links,
            self.progress,
            self.glossary,
            accounting,
            self.issues,
            codes,
            territory_codes,
        )

    # -- people, abbreviations, progress --

    def _object_of(self, text: str, territory: str) -> tuple[str, str, NodeKind] | None:
        """Return (id, what, node kind) of a role's object: a document, body or territory; None if unknown."""
        if (ref := parse_document_ref(text)) is not None:
            node = roadmap_id(self._home(territory), *ref)
            self.documents.setdefault(ref, set()).add(node)
            return node, "document", NodeKind.ROADMAP
        if text in self.bodies:
            return self.bodies[text].id, "body", self.bodies[text].kind
        if text in self.territories:
            return self.territories[text].id, "territory", NodeKind.TERRITORY
        return None

    def _read_people(self, records: list[Record]) -> None:
        people: dict[str, _PersonDraft] = {}
        seen: dict[tuple[str, str, str, str], int] = {}
        for rec in records:
            org = self.bodies.get(rec["organisation"])
            does, role = _ROLE_KEYS.get(value_key(rec["role"]), ("?", "")) if rec["role"] else ("", "")
            if not rec["organisation"] and rec["name"]:
                self._reject(rec, "person-without-organisation", "organisation", rec["name"])
            elif self._missing(rec, "organisation"):
                pass
            elif org is None or org.kind == NodeKind.GROUP:
                self._reject(rec, "unknown-organisation", "organisation")
            elif does == "?":
                self._reject(rec, "unknown-role", "role")
            elif not rec["name"] and not _organisation_may_take(does, role, org.kind):
                self._reject(rec, "missing-name", "name")
            elif (target := self._target(rec, does, org)) is not None:
                subject = (
                    child_id("person", self._home(org.territory), person_key(rec["name"]))
                    if rec["name"]
                    else org.id
                )
                key = (subject, does, role, target[0])
                if key in seen:
                    self._reject(rec, "duplicate-role", "role", seen[key])
                    continue
                seen[key] = rec.row
                if rec["name"]:
                    self._person(people, subject, rec, org)
                if target[0]:
                    # A document is kept as written: if it is never loaded, the checks can still name it.
                    ref = rec["object"] if target[1] == "document" else ""
                    self.links += _role_links(subject, does, role, target[0], self._source(rec), ref)
                rec.table.loaded += 1
        for node, draft in people.items():
            name = max(draft.names, key=lambda n: (len(n.split()), len(n)))
            self.entities.append(
                Person(node, name, draft.position, draft.organisation, draft.capacity, draft.source)
            )

    def _target(self, rec: Record, does: str, org: Body) -> tuple[str, str, NodeKind | None] | None:
        """Return the object of a row's role (("", "", None) when there is none), or reject the row."""
        if not rec["object"]:
            if does and does != HEAD:
                self._reject(rec, "missing-value", "object")
                return None
            return (org.id, "body", org.kind) if does == HEAD else ("", "", None)
        target = self._object_of(rec["object"], org.territory)
        if target is None:
            self._reject(rec, "unknown-object", "object")
            return None
        fits = {
            HEAD: target[1] == "body",
            MEMBER: target[2] == NodeKind.GROUP,
            CONTROL: target[1] == "document",
        }
        if not fits.get(does, bool(does)):
            self._reject(rec, "bad-role-object", "object", rec["role"] or "(роль не указана)")
            return None
        return target

    def _person(self, people: dict[str, _PersonDraft], node: str, rec: Record, org: Body) -> None:
        capacity = self._capacity(rec)
        draft = people.get(node)
        if draft is None:
            people[node] = _PersonDraft([rec["name"]], rec["position"], org.id, capacity, self._source(rec))
            self.links.append(Link(node, EdgeKind.WORKS_AT, org.id, origin=self._source(rec)))
            return
        draft.names.append(rec["name"])
        draft.position = draft.position or rec["position"]
        draft.capacity = draft.capacity if draft.capacity is not None else capacity
        if org.id != draft.organisation and not any(
            link.kind == EdgeKind.WORKS_AT and link.source == node and link.target == org.id
            for link in self.links
        ):
            self.links.append(Link(node, EdgeKind.WORKS_AT, org.id, origin=self._source(rec)))

    def _read_abbreviations(self, records: list[Record]) -> None:
        rows: dict[tuple[str, str], int] = {}
        for rec in records:
            if self._missing(rec, "abbreviation"):
                continue
            territory = self._territory(rec) if rec["territory"] else None
            body = self.bodies.get(rec["organisation"])
            where = territory.id if territory else ""
            key = (where, value_key(rec["abbreviation"]))
            if rec["territory"] and territory is None:
                continue
            if rec["organisation"] and body is None:
                self._reject(rec, "unknown-organisation", "organisation")
            elif not rec["organisation"] and not rec["full_name"]:
                self._reject(rec, "missing-value", "full_name")
            elif key in rows:
                self._reject(rec, "duplicate-abbreviation", "abbreviation", rows[key])
            else:
                rows[key] = rec.row
                entry = _entry(rec["abbreviation"], rec["full_name"], body, where, ABBREVIATIONS, rec.row)
                self._put_glossary(where, entry, replace=True)
                rec.table.loaded += 1
        for body in self.bodies.values():
            if body.short and body.kind in ORGANISATION_NODES:
                entry = _entry(body.short, body.name, body, body.territory, ORGANISATIONS, body.row)
                self._put_glossary(body.territory, entry, replace=False)

    def _put_glossary(self, territory: str, entry: dict[str, Any], replace: bool) -> None:
        layer = self.glossary.setdefault(territory, {})
        same = next((k for k in layer if value_key(k) == value_key(entry["abbreviation"])), None)
        if same is not None and replace:
            del layer[same]
        if same is None or replace:
            layer[entry["abbreviation"]] = entry

    def _read_progress(self, records: list[Record]) -> None:
        for rec in records:
            if self._missing(rec, "document", "number", "status", "reported_on"):
                continue
            ref, school = parse_document_ref(rec["document"]), self.bodies.get(rec["school"])
            status, reported_on = value_key(rec["status"]), parse_cell_date(rec["reported_on"])
            demo = _YES_NO.get(value_key(rec["demo"]))
            if ref is None:
                self._reject(rec, "bad-document", "document")
            elif rec["school"] and (school is None or school.kind != NodeKind.SCHOOL):
                self._reject(rec, "unknown-school", "school")
            elif status not in PROGRESS_STATUSES:
                self._reject(rec, "bad-status", "status", ", ".join(PROGRESS_STATUSES))
            elif reported_on is None:
                self._reject(rec, "bad-date", "reported_on")
            elif demo is None:
                self._reject(rec, "bad-flag", "demo")
            else:
                candidates = self.documents.get(ref, set())
                if len(candidates) > 1:
                    self._issue(rec, "ambiguous-document", "document")
                self.progress.append({
                    "document": rec["document"], "document_number": ref[0], "document_date": ref[1],
                    "roadmap": min(candidates) if len(candidates) == 1 else None, "number": rec["number"],
                    "school": school.id if school else None, "school_code": rec["school"], "status": status,
                    "reported_on": reported_on, "demo": demo, "file": self.file, "sheet": rec.table.sheet,
                    "row": rec.row,
                })  # fmt: skip
                rec.table.loaded += 1


def _organisation_may_take(does: str, role: str, kind: NodeKind) -> bool:
    """Tell whether an organisation itself (a row of «Люди» without ФИО) may take a role."""
    if does == MEMBER:
        return role != "председатель"
    return does in (COORDINATOR, CURATOR) and kind in ORGANISATION_NODES


def _role_links(subject: str, does: str, role: str, target: str, source: Source, ref: str = "") -> list[Link]:
    """Return the links a role makes: heads, coordinates (with its role), member of (and heads), controls.

    `ref` is the document the role is about as written («№ 017/1324 от 23.06.2020»), when it is one.
    """
    written = {"ref": ref} if ref else {}
    if does == HEAD:
        return [Link(subject, EdgeKind.HEADS, target, origin=source)]
    if does in (COORDINATOR, CURATOR):
        return [Link(subject, EdgeKind.COORDINATES, target, {"role": role, **written}, origin=source)]
    if does == MEMBER:
        member = Link(subject, EdgeKind.MEMBER_OF, target, {"role": role}, origin=source)
        return (
            [member, Link(subject, EdgeKind.HEADS, target, origin=source)]
            if role == "председатель"
            else [member]
        )
    return [Link(subject, EdgeKind.CONTROLS, target, written, origin=source)]


def _entry(
    abbreviation: str, full_name: str, body: Body | None, territory: str, origin: str, row: int
) -> dict[str, Any]:
    """Return a glossary entry: the GlossaryEntry fields as a mapping, plus the node it stands for."""
    return {
        "abbreviation": abbreviation,
        "full_name": full_name or (body.name if body else ""),
        "node": body.id if body else None,
        "node_kind": str(body.kind) if body else "",
        "subkind": body.subkind if body else "",
        "fan_out": None,
        "territory": territory,
        "origin": origin,
        "row": row,
    }
