"""Tables other than roadmaps: lists of schools, members of working groups, abbreviations, unknown tables."""

from __future__ import annotations

import re
from dataclasses import replace

from loaders.header import HEADER_EXAMPLES, ColumnRole, Header, TableKind
from loaders.layout import ClassifiedRow, RowClass
from loaders.names import NOMINATIVE, name_key, school_number
from loaders.read import RawTable
from loaders.report import IgnoredRow, TableReport
from loaders.resolve import Resolver
from loaders.tables import PERSON_NAME, TableContext, TableLoad, in_table_order, plain, reject, rows_to_load
from loaders.wording import TABLE_KIND_NAMES
from model.entities import Entity, Person, School, SchoolStatus, SchoolStatusKind, Source, TerritoryLevel
from model.ids import child_id
from model.issues import Issue, Severity
from model.relations import EdgeKind, Link

_ABBREVIATION_WORD = re.compile(r"(?<![\w-])[А-ЯЁ][А-ЯЁа-яё]*[А-ЯЁ][А-ЯЁа-яё]*(?![\w-])")
_HEAD_POSITION = re.compile(
    r"^(председател\w*|начальник\w*|директор\w*|ректор\w*|руководител\w*|заведующ\w*)\s+(.+)$", re.I
)


# --- schools ------------------------------------------------------------------------------------------------


def load_schools(
    table: RawTable, header: Header, rows: list[ClassifiedRow], ctx: TableContext, resolver: Resolver
) -> TableLoad:
    """Return the schools a list names, listed in the roadmap's year and covered by the roadmap."""
    load = TableLoad(TableReport(table.sheet, str(TableKind.SCHOOLS), rows_read=len(table.rows)))
    school_col = header.column(ColumnRole.SCHOOL)
    if school_col is None:
        school_col = header.column(ColumnRole.FULL_NAME)
    territory_col = header.column(ColumnRole.TERRITORY)
    for item in rows_to_load(load.report, rows):
        row = item.row
        name = plain(row.cell(school_col))
        if item.cls is not RowClass.RECORD or not name:
            reject(
                load,
                ctx,
                table,
                row.number,
                "school-without-name",
                "В строке нет названия школы; строка не загружена",
                header.labels[school_col or 0],
            )
            continue
        where = Source(ctx.file, table.sheet, row.number)
        territory = _school_territory(resolver, plain(row.cell(territory_col)))
        node, entity = school_of(resolver, name, territory, ctx.year, where)
        if entity is not None:
            load.entities.append(entity)
            if resolver.get(node) is None:
                load.links.append(Link(node, EdgeKind.LOCATED_IN, territory, origin=where))
                issuer = resolver.scope.issuer
                if issuer and resolver.scope.place.municipality == resolver.known.home(territory):
                    load.links.append(Link(node, EdgeKind.SUBORDINATE_TO, issuer, origin=where))
        attrs: dict[str, object] = {"year": ctx.year} if ctx.year is not None else {}
        load.links.append(Link(ctx.roadmap, EdgeKind.COVERS, node, attrs, where))
        load.report.loaded += 1
    return in_table_order(load)


def _school_territory(resolver: Resolver, text: str) -> str:
    place = resolver.scope.place
    if text:
        found = resolver.known.find_territory(text, TerritoryLevel.MUNICIPALITY, place.region)
        if found:
            return found
        found = resolver.known.find_territory(text, TerritoryLevel.DISTRICT, place.municipality)
        if found:
            return found
    return place.territory


def school_of(
    resolver: Resolver, name: str, territory: str, year: int | None, where: Source
) -> tuple[str, Entity | None]:
    """Return a school's node and the entity to write: new, or a known one with this year's status added."""
    home = resolver.known.home(territory)
    number = school_number(name)
    key = name_key(name)
    known = [e for e in resolver.known.bodies_on(home) if isinstance(e, School)]
    match = next((e for e in known if name_key(e.name) == key), None)
    if match is None and number:
        same = [e for e in known if school_number(e.name) == number]
        match = same[0] if len(same) == 1 else None
    status = SchoolStatus(year, SchoolStatusKind.LOW_RESULTS) if year is not None else None
    if match is not None:
        if status is None or match.status_in(year or 0) is not None:
            return match.id, None
        return match.id, replace(
            match, statuses=tuple(sorted((*match.statuses, status), key=lambda s: s.year))
        )
    node = child_id("school", home, name)
    return node, School(node, name, territory, (status,) if status else (), "", None, where)


# --- people -------------------------------------------------------------------------------------------------


def load_people(
    table: RawTable, header: Header, rows: list[ClassifiedRow], ctx: TableContext, resolver: Resolver
) -> TableLoad:
    """Return the members of a working group as people, with the bodies they work at and head."""
    load = TableLoad(TableReport(table.sheet, str(TableKind.PEOPLE), rows_read=len(table.rows)))
    name_col = header.column(ColumnRole.NAME)
    position_col = header.column(ColumnRole.POSITION)
    role_col = header.column(ColumnRole.ROLE)
    group = resolver.working_group()
    for item in rows_to_load(load.report, rows):
        row = item.row
        name = plain(row.cell(name_col))
        signature = name and not PERSON_NAME.search(name) and any(PERSON_NAME.search(c) for c in row.cells)
        if item.cls is RowClass.RECORD and signature:
            load.report.ignored.append(IgnoredRow(row.number, "signature"))
            continue
        if item.cls is not RowClass.RECORD or not PERSON_NAME.search(name):
            reject(
                load,
                ctx,
                table,
                row.number,
                "person-without-name",
                "В строке нет ФИО; строка не загружена",
                header.labels[name_col or 0],
            )
            continue
        where = Source(ctx.file, table.sheet, row.number)
        position = plain(row.cell(position_col))
        role = group_role(plain(row.cell(role_col)))
        organisation, heads = _workplace(resolver, position)
        node = resolver.person(name, organisation, position, where)
        load.links.append(Link(node, EdgeKind.MEMBER_OF, group, {"role": role}, where))
        if role == "председатель":
            load.links.append(Link(node, EdgeKind.HEADS, group, origin=where))
        if heads and organisation:
            load.links.append(Link(node, EdgeKind.HEADS, organisation, origin=where))
        entity = resolver.entities.get(node)
        if isinstance(entity, Person) and entity.position != position:
            resolver.entities[node] = replace(entity, position=position)
        load.report.loaded += 1
    return in_table_order(load)


def group_role(text: str) -> str:
    """Return a member's role in a working group as the reference workbook writes it.

    >>> [group_role(t) for t in ("Председатель рабочей группы", "", "Заместитель председателя")]
    ['председатель', 'член', 'заместитель председателя']
    """
    low = text.lower()
    for stem, role in (
        ("заместитель председател", "заместитель председателя"),
        ("председател", "председатель"),
        ("секретар", "секретарь"),
    ):
        if low.startswith(stem):
            return role
    return "член"


def _workplace(resolver: Resolver, position: str) -> tuple[str | None, bool]:
    """Return the body a position names («ректор МАОУ ДПО ИПК») and whether the person heads it."""
    if not position:
        return None, False
    head = _HEAD_POSITION.match(position)
    if head:
        body = head.group(2)
        words = body.split()
        nominative = " ".join([NOMINATIVE.get(words[0].lower(), words[0]), *words[1:]])
        for text in dict.fromkeys((body, nominative)):
            found = resolver.organisation(text, create=False)
            if len(found) == 1 and found[0].fan_out is None:
                return found[0].node, True
    for term in reversed(_ABBREVIATION_WORD.findall(position)):
        found = resolver.organisation(term, create=False)
        if len(found) == 1 and found[0].fan_out is None:
            return found[0].node, False
    return None, False


# --- glossaries and other tables ----------------------------------------------------------------------------


def load_glossary(table: RawTable, header: Header, rows: list[ClassifiedRow], ctx: TableContext) -> TableLoad:
    """Return the abbreviations a table defines, as «term – meaning» lines."""
    load = TableLoad(TableReport(table.sheet, str(TableKind.GLOSSARY), rows_read=len(table.rows)))
    term_col = header.column(ColumnRole.ABBREVIATION)
    full_col = header.column(ColumnRole.FULL_NAME)
    for item in rows_to_load(load.report, rows):
        term, full = plain(item.row.cell(term_col)), plain(item.row.cell(full_col))
        if item.cls is not RowClass.RECORD or not term or not full:
            reject(
                load,
                ctx,
                table,
                item.row.number,
                "incomplete-abbreviation",
                "Сокращение без расшифровки (или расшифровка без сокращения); строка не загружена",
                header.labels[term_col if not term else full_col or 0] if term_col is not None else "",
            )
            continue
        load.definitions.append(f"{term} – {full}")
        load.report.loaded += 1
    return in_table_order(load)


HEADER_LOOKED_FOR = "Строку заголовков искали во всей таблице, по названиям столбцов: " + "; ".join(
    f"{TABLE_KIND_NAMES[kind]} — " + ", ".join(f"«{label}»" for label in labels)
    for kind, labels in HEADER_EXAMPLES.items()
)
"""What a report says was looked for when a table has no header."""


def load_unknown(
    table: RawTable, rows: list[ClassifiedRow], ctx: TableContext, header: Header | None = None
) -> TableLoad:
    """Return the report of a table whose kind is not recognised: every row ignored, none lost."""
    load = TableLoad(TableReport(table.sheet, str(TableKind.UNKNOWN), rows_read=len(table.rows)))
    for item in rows:
        load.report.ignored.append(
            IgnoredRow(item.row.number, "blank" if item.row.is_blank else "unknown-table")
        )
        load.report.ignored.extend(IgnoredRow(n, "continuation") for n in item.continued_by)
    if any(not r.row.is_blank for r in rows):
        name = f"Таблица «{table.sheet}»" if table.sheet else "Таблица"
        message = (
            f"{name} не похожа ни на дорожную карту, ни на список школ, ни на состав рабочей группы, "
            "ни на список сокращений; она пропущена"
            if header is not None
            else f"{name} пропущена: в ней нет строки заголовков. {HEADER_LOOKED_FOR}"
        )
        load.issues.append(Issue("unknown-table", message, Severity.INFO, ctx.file, table.sheet))
    return in_table_order(load)
