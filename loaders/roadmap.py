"""Tables of a document → activities, responsibility links, schools, people and abbreviations.

Every row a table has is counted exactly once in its `TableReport`: header, activity or section (or a
loaded record for other tables), ignored with a reason, or rejected with the code of its issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from loaders.codec import new_link, new_source
from loaders.glossary import find_glossary, row_lines
from loaders.header import ColumnRole, Header, TableKind, find_header, table_kind
from loaders.layout import ClassifiedRow, RowClass, classify_rows, fold_continuations
from loaders.names import NAME_PATTERN, NOMINATIVE, name_key, school_number
from loaders.read import RawTable
from loaders.report import IgnoredRow, RejectedRow, TableReport
from loaders.resolve import Resolver, Target, unresolved_issue
from model.deadlines import Deadline, DeadlineKind, parse_deadline
from model.entities import (
    Activity,
    Entity,
    Person,
    School,
    SchoolStatus,
    SchoolStatusKind,
    Source,
    TerritoryLevel,
)
from model.executors import ExecutorRef, parse_executors
from model.ids import child_id
from model.issues import Issue, Severity
from model.relations import EdgeKind, Link

_IGNORED_REASONS = {
    RowClass.TITLE: "title",
    RowClass.BLANK: "blank",
    RowClass.FOOTER: "footer",
}
_PERSON_NAME = re.compile(
    rf"{NAME_PATTERN}|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вна|вич|чна|ична|ич)\b"
)
_ABBREVIATION_WORD = re.compile(r"(?<![\w-])[А-ЯЁ][А-ЯЁа-яё]*[А-ЯЁ][А-ЯЁа-яё]*(?![\w-])")
_HEAD_POSITION = re.compile(
    r"^(председател\w*|начальник\w*|директор\w*|ректор\w*|руководител\w*|заведующ\w*)\s+(.+)$", re.I
)


@dataclass(frozen=True, slots=True)
class TableContext:
    """What a table is read against: its file, its roadmap and the roadmap's plan window."""

    file: str
    roadmap: str
    plan_start: date | None = None
    plan_end: date | None = None
    year: int | None = None


@dataclass(slots=True)
class TableLoad:
    """What one table gave: its report, entities, links, issues and the abbreviations it defines."""

    report: TableReport
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)


def classified(table: RawTable) -> tuple[Header | None, TableKind, list[ClassifiedRow]]:
    """Return a table's header, kind and rows, continuations folded into the rows they continue."""
    header = find_header(table)
    return header, table_kind(header), fold_continuations(classify_rows(table, header))


def _account(report: TableReport, rows: list[ClassifiedRow]) -> list[ClassifiedRow]:
    """Count headers, ignored rows and continuations; return the rows left to load."""
    left = []
    for item in rows:
        report.ignored.extend(IgnoredRow(n, "continuation") for n in item.continued_by)
        if item.cls is RowClass.HEADER:
            report.header_rows += 1
        elif item.cls in _IGNORED_REASONS:
            report.ignored.append(IgnoredRow(item.row.number, _IGNORED_REASONS[item.cls]))
        else:
            left.append(item)
    return left


def footer_definitions(rows: list[ClassifiedRow]) -> list[str]:
    """Return the «term – meaning» lines of an abbreviations block below a table."""
    return find_glossary(row_lines([r.row for r in rows if r.cls is RowClass.FOOTER]))


# --- roadmaps -----------------------------------------------------------------------------------------------


def load_roadmap(
    table: RawTable, header: Header, rows: list[ClassifiedRow], ctx: TableContext, resolver: Resolver
) -> TableLoad:
    """Return the activities of a roadmap table with their executors resolved, and the table's report.

    Each distinct deadline cell and executor cell is read (and its executors resolved) once per table:
    a 10,000-row roadmap repeats a few hundred of each.
    """
    load = TableLoad(TableReport(table.sheet, str(TableKind.ROADMAP), rows_read=len(table.rows)))
    report = load.report
    columns = {role: header.column(role) for role in ColumnRole}
    labels = {role: header.labels[i] if i is not None else "" for role, i in columns.items()}
    number_col, activity_col = columns[ColumnRole.NUMBER], columns[ColumnRole.ACTIVITY]
    deadline_col, executors_col = columns[ColumnRole.DEADLINE], columns[ColumnRole.EXECUTORS]
    result_col = columns[ColumnRole.RESULT]
    deadlines: dict[str, _DeadlineCell] = {}
    executors: dict[str, _ExecutorCell] = {}
    sheet, file, roadmap = table.sheet, ctx.file, ctx.roadmap
    issues, entities, links = load.issues, load.entities, load.links
    counts = report.deadlines
    section = ""
    for item in _account(report, rows):
        row = item.row
        number = _text(row.cell(number_col))
        text = _text(row.cell(activity_col))
        if item.cls is RowClass.SECTION:
            report.sections += 1
            section = " ".join(p for p in (number, text or _text(" ".join(row.cells))) if p).strip()
            continue
        if not text and _is_signature(row.cells, row.cell(deadline_col)):
            report.ignored.append(IgnoredRow(row.number, "signature"))
            continue
        if item.cls is not RowClass.ACTIVITY or not text:
            code = "orphan-continuation" if item.cls is RowClass.CONTINUATION else "activity-without-text"
            message = (
                "Строка без номера не продолжает ни одно мероприятие и не загружена"
                if code == "orphan-continuation"
                else f"В строке{f' «{number}»' if number else ''} нет текста мероприятия; строка не загружена"
            )
            issues.append(
                Issue(code, message, Severity.WARNING, file, sheet, row.number, labels[ColumnRole.ACTIVITY])
            )
            report.rejected.append(RejectedRow(row.number, code))
            continue
        where = new_source(file, sheet, row.number)
        deadline_text = row.cell(deadline_col).strip()
        cell = deadlines.get(deadline_text)
        if cell is None:
            cell = deadlines[deadline_text] = _deadline_cell(deadline_text, ctx, deadline_col is not None)
        counts[cell.kind] += 1
        for code, message, severity in cell.issues:
            issues.append(
                Issue(code, message, severity, file, sheet, row.number, labels[ColumnRole.DEADLINE])
            )
        executors_raw = row.cell(executors_col).strip()
        activity = Activity(
            id=f"{roadmap}#{row.number}",
            roadmap=roadmap,
            number=number,
            text=text,
            deadline=cell.deadline,
            section=section,
            result=_text(row.cell(result_col)),
            executors_raw=executors_raw,
            source=where,
        )
        entities.append(activity)
        links.append(new_link(activity.id, EdgeKind.PART_OF, roadmap, {}, where))
        report.activities += 1
        refs = executors.get(executors_raw)
        if refs is None:
            refs = executors[executors_raw] = _executor_cell(executors_raw, resolver)
        report.resolved += refs.resolved
        for ref in refs.unresolved:
            report.unresolved += 1
            issues.append(unresolved_issue(ref, file, sheet, row.number, labels[ColumnRole.EXECUTORS]))
        for node, attrs in refs.carriers:
            links.append(new_link(node, EdgeKind.RESPONSIBLE_FOR, activity.id, attrs.copy(), where))
    return _sorted(load)


@dataclass(frozen=True, slots=True)
class _DeadlineCell:
    """A deadline cell as read: the deadline, its kind as counted, the issues it gives every row it is on."""

    deadline: Deadline
    kind: str
    issues: tuple[tuple[str, str, Severity], ...]


def _deadline_cell(text: str, ctx: TableContext, has_column: bool) -> _DeadlineCell:
    deadline = parse_deadline(text, ctx.plan_start, ctx.plan_end)
    issues = _deadline_issues(text, deadline.kind, deadline.notes, has_column)
    return _DeadlineCell(deadline, str(deadline.kind), issues)


@dataclass(frozen=True, slots=True)
class _ExecutorCell:
    """An executor cell as resolved: the references found nowhere, how many were found, who carries it.

    A carrier is a node and the attributes of its link; a body named with several people
    («ГУ «ОЦМКО» (Шитова О.А., Иванова А.А.)») carries the activity once, keeping the lead flag of
    its first mention.
    """

    resolved: int
    unresolved: tuple[ExecutorRef, ...]
    carriers: tuple[tuple[str, dict[str, object]], ...]


def _executor_cell(text: str, resolver: Resolver) -> _ExecutorCell:
    resolved = 0
    unresolved: list[ExecutorRef] = []
    carriers: list[tuple[str, dict[str, object]]] = []
    carried: set[tuple[str, object]] = set()
    for i, ref in enumerate(parse_executors(text)):
        targets = resolver.resolve(ref)
        if not targets:
            unresolved.append(ref)
            continue
        resolved += 1
        for t in targets:
            if (t.node, t.fan_out) not in carried:
                carried.add((t.node, t.fan_out))
                carriers.append((t.node, _responsible_attrs(t, i == 0, ref.name)))
    return _ExecutorCell(resolved, tuple(unresolved), tuple(carriers))


def _is_signature(cells: tuple[str, ...], deadline: str) -> bool:
    """Tell whether a row is a signature below a table: a position and a name, nothing to do by a date."""
    return not deadline and any(_PERSON_NAME.fullmatch(c.strip()) for c in cells if c)


def _sorted(load: TableLoad) -> TableLoad:
    """Return the load with its ignored and rejected rows in the order of the table."""
    load.report.ignored.sort(key=lambda r: r.row)
    load.report.rejected.sort(key=lambda r: r.row)
    return load


def _responsible_attrs(target: Target, lead: bool, ref: str) -> dict[str, object]:
    attrs: dict[str, object] = {"lead": lead, "ref": ref}
    if target.fan_out is not None:
        attrs["fan_out"] = target.fan_out
    return attrs


def _deadline_issues(
    text: str, kind: DeadlineKind, notes: tuple[str, ...], has_column: bool
) -> tuple[tuple[str, str, Severity], ...]:
    """Return the code, message and severity of each issue a deadline cell gives the rows it is on."""
    if not has_column:
        return ()
    if not text:
        return (("missing-deadline", "Срок не указан: мероприятие загружено без срока", Severity.WARNING),)
    out = []
    if kind == DeadlineKind.UNKNOWN:
        out.append(
            (
                "unknown-deadline",
                f"Срок «{_text(text)}» не распознан: мероприятие загружено без дат",
                Severity.WARNING,
            )
        )
    out.extend(("deadline-note", f"Срок «{_text(text)}»: {note}", Severity.INFO) for note in notes)
    return tuple(out)


def _text(cell: str) -> str:
    return " ".join(cell.split())


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
    for item in _account(load.report, rows):
        row = item.row
        name = _text(row.cell(school_col))
        if item.cls is not RowClass.RECORD or not name:
            _reject(
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
        territory = _school_territory(resolver, _text(row.cell(territory_col)))
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
    return _sorted(load)


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
    for item in _account(load.report, rows):
        row = item.row
        name = _text(row.cell(name_col))
        signature = name and not _PERSON_NAME.search(name) and any(_PERSON_NAME.search(c) for c in row.cells)
        if item.cls is RowClass.RECORD and signature:
            load.report.ignored.append(IgnoredRow(row.number, "signature"))
            continue
        if item.cls is not RowClass.RECORD or not _PERSON_NAME.search(name):
            _reject(
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
        position = _text(row.cell(position_col))
        role = group_role(_text(row.cell(role_col)))
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
    return _sorted(load)


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
    for item in _account(load.report, rows):
        term, full = _text(item.row.cell(term_col)), _text(item.row.cell(full_col))
        if item.cls is not RowClass.RECORD or not term or not full:
            _reject(
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
    return _sorted(load)


def load_unknown(table: RawTable, rows: list[ClassifiedRow], ctx: TableContext) -> TableLoad:
    """Return the report of a table whose kind is not recognised: every row ignored, none lost."""
    load = TableLoad(TableReport(table.sheet, str(TableKind.UNKNOWN), rows_read=len(table.rows)))
    for item in rows:
        load.report.ignored.append(
            IgnoredRow(item.row.number, "blank" if item.row.is_blank else "unknown-table")
        )
        load.report.ignored.extend(IgnoredRow(n, "continuation") for n in item.continued_by)
    if any(not r.row.is_blank for r in rows):
        load.issues.append(
            Issue(
                "unknown-table",
                f"Таблица «{table.sheet}» не похожа ни на дорожную карту, ни на "
                "список школ, ни на состав рабочей группы, ни на список сокращений; она пропущена",
                Severity.INFO,
                ctx.file,
                table.sheet,
            )
        )
    return _sorted(load)


def _reject(
    load: TableLoad, ctx: TableContext, table: RawTable, row: int, code: str, message: str, column: str
) -> None:
    load.issues.append(Issue(code, message, Severity.WARNING, ctx.file, table.sheet, row, column))
    load.report.rejected.append(RejectedRow(row, code))
