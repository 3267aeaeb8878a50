"""Roadmap tables → activities and the links of their executors, each row counted in the table's report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter

from loaders.activity_columns import ActivityColumns
from loaders.header import ColumnRole, Header, TableKind
from loaders.layout import ClassifiedRow, RowClass
from loaders.read import RawTable
from loaders.report import IgnoredRow, RejectedRow, TableReport
from loaders.resolve import Resolver, Target, unresolved_issue
from loaders.tables import PERSON_NAME, TableContext, TableLoad, in_table_order, plain, rows_to_load
from model.deadlines import Deadline, DeadlineKind, parse_deadline
from model.executors import ExecutorRef, parse_executors
from model.issues import Issue, Severity

_ROLES = (
    ColumnRole.NUMBER,
    ColumnRole.ACTIVITY,
    ColumnRole.DEADLINE,
    ColumnRole.EXECUTORS,
    ColumnRole.RESULT,
)
_NO_EXECUTOR = "Исполнитель не указан: мероприятие загружено без исполнителя"
_PAD = ("",)
"""Put after a row's cells so that index -1 reads an empty cell: the cell of a column the table lacks."""


def load_roadmap(
    table: RawTable, header: Header, rows: list[ClassifiedRow], ctx: TableContext, resolver: Resolver
) -> TableLoad:
    """Return the activities of a roadmap table with their executors resolved, and the table's report.

    Each distinct deadline cell and executor cell is read (and its executors resolved) once per table:
    a 10,000-row roadmap repeats a few hundred of each.
    """
    load = TableLoad(TableReport(table.sheet, str(TableKind.ROADMAP), rows_read=len(table.rows)))
    report = load.report
    columns = [header.column(role) for role in _ROLES]
    activity_label, deadline_label, executors_label = (
        header.labels[i] if i is not None else "" for i in columns[1:4]
    )
    deadline_col = columns[2]
    end_col = _end_column(header)
    more_executors = header.columns(ColumnRole.EXECUTORS)[1:]
    pick = itemgetter(*(-1 if i is None else i for i in columns))
    reach = 1 + max((i for i in columns if i is not None), default=-1)
    deadlines: dict[str, _DeadlineCell] = {}
    executors: dict[str, _ExecutorCell] = {}
    sheet, file, roadmap = table.sheet, ctx.file, ctx.roadmap
    issues = load.issues
    out = load.activities = ActivityColumns(file, sheet, roadmap, f"{roadmap}#", {}, {})
    add_row, add_number, add_text, add_deadline = (
        out.row.append,
        out.number.append,
        out.text.append,
        out.deadline.append,
    )
    add_section, add_result, add_executors = out.section.append, out.result.append, out.executors.append
    counts = report.deadlines
    activity_cls, section_cls = RowClass.ACTIVITY, RowClass.SECTION
    section = ""
    activities = resolved = unresolved = 0
    for item in rows_to_load(report, rows):
        row = item.row
        cells, n = row.cells, row.number
        if len(cells) >= reach:
            number, text, deadline_text, executors_raw, result = pick(cells + _PAD)
        else:
            number, text, deadline_text, executors_raw, result = map(row.cell, columns)
        if end_col is not None:
            deadline_text = _with_end(deadline_text, row.cell(end_col))
        if more_executors:
            executors_raw = ", ".join(c for c in (executors_raw, *map(row.cell, more_executors)) if c.strip())
        number, text = plain(number), plain(text)
        if item.cls is section_cls:
            report.sections += 1
            section = " ".join(p for p in (number, text or plain(" ".join(cells))) if p).strip()
            continue
        if not text and _is_signature(cells, deadline_text):
            report.ignored.append(IgnoredRow(n, "signature"))
            continue
        if item.cls is not activity_cls or not text:
            code = "orphan-continuation" if item.cls is RowClass.CONTINUATION else "activity-without-text"
            message = (
                "Строка без номера не продолжает ни одно мероприятие и не загружена"
                if code == "orphan-continuation"
                else f"В строке{f' «{number}»' if number else ''} нет текста мероприятия; строка не загружена"
            )
            issues.append(Issue(code, message, Severity.WARNING, file, sheet, n, activity_label))
            report.rejected.append(RejectedRow(n, code))
            continue
        deadline_text = deadline_text.strip()
        cell = deadlines.get(deadline_text)
        if cell is None:
            cell = deadlines[deadline_text] = _deadline_cell(deadline_text, ctx, deadline_col is not None)
        counts[cell.kind] += 1
        for code, message, severity in cell.issues:
            issues.append(Issue(code, message, severity, file, sheet, n, deadline_label))
        executors_raw = executors_raw.strip()
        if not executors_raw and executors_label:
            issues.append(
                Issue("missing-executor", _NO_EXECUTOR, Severity.WARNING, file, sheet, n, executors_label)
            )
        add_row(n)
        add_number(number)
        add_text(text)
        add_deadline(deadline_text)
        add_section(section)
        add_result(plain(result) if result else "")
        add_executors(executors_raw)
        activities += 1
        refs = executors.get(executors_raw)
        if refs is None:
            refs = executors[executors_raw] = _executor_cell(executors_raw, resolver)
        resolved += refs.resolved
        for ref in refs.unresolved:
            unresolved += 1
            issues.append(unresolved_issue(ref, file, sheet, n, executors_label))
    out.deadlines = {text: cell.deadline for text, cell in deadlines.items()}
    out.carriers = {text: cell.carriers for text, cell in executors.items()}
    report.activities += activities
    report.resolved += resolved
    report.unresolved += unresolved
    return in_table_order(load)


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


_END_LABEL = re.compile(r"оконч|заверш|конец|конечн|(^|\W)(по|до)\W*$", re.IGNORECASE)
"""A word of a second deadline column that holds the end of the period the first one starts."""


def _end_column(header: Header) -> int | None:
    """Return the column of a deadline's end when the deadline is split into start and end columns."""
    found = header.columns(ColumnRole.DEADLINE)
    if len(found) < 2:
        return None
    return next((c for c in found[1:] if _END_LABEL.search(header.labels[c])), None)


def _with_end(start: str, end: str) -> str:
    """Return the text of a deadline whose start and end are in two cells («01.10.2020 – 30.10.2020»)."""
    start, end = start.strip(), end.strip()
    if not end or end == start:
        return start
    return f"{start} – {end}" if start else end


def _is_signature(cells: tuple[str, ...], deadline: str) -> bool:
    """Tell whether a row is a signature below a table: a position and a name, nothing to do by a date."""
    return not deadline and any(PERSON_NAME.fullmatch(c.strip()) for c in cells if c)


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
                f"Срок «{plain(text)}» не распознан: мероприятие загружено без дат",
                Severity.WARNING,
            )
        )
    out.extend(("deadline-note", f"Срок «{plain(text)}»: {note}", Severity.INFO) for note in notes)
    return tuple(out)
