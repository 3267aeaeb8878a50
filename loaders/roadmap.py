"""Roadmap tables → activities and the links of their executors, each row counted in the table's report."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import itemgetter

from loaders.activity_columns import ActivityColumns
from loaders.header import ColumnRole, Header, TableKind
from loaders.layout import RoadmapRows, RowClass, positions_besides
from loaders.read import RawTable
from loaders.report import IgnoredRow, RejectedRow, TableReport
from loaders.resolve import Resolver, Target, unresolved_issue
from loaders.tables import (
    PERSON_NAME,
    Classified,
    TableContext,
    TableLoad,
    in_table_order,
    plain,
    plain_each,
    positions_to_load,
)
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


def load_roadmap(
    table: RawTable, header: Header, rows: Classified, ctx: TableContext, resolver: Resolver
) -> TableLoad:
    """Return the activities of a roadmap table with their executors resolved, and the table's report.

    The rows are read column by column: each distinct deadline cell and executor cell is read (and its
    executors resolved) once per table, as a 10,000-row roadmap repeats a few hundred of each, and the
    issues of the rows are put back in the order of the table.
    """
    load = TableLoad(TableReport(table.sheet, str(TableKind.ROADMAP), rows_read=len(table.rows)))
    report = load.report
    roles = [header.column(role) for role in _ROLES]
    activity_label, deadline_label, executors_label = (
        header.labels[i] if i is not None else "" for i in roles[1:4]
    )
    sheet, file, roadmap = table.sheet, ctx.file, ctx.roadmap
    layout = rows if isinstance(rows, RoadmapRows) else RoadmapRows.of(rows)
    left = positions_to_load(report, layout)
    cells = [layout.cells[k] for k in left]
    classes = [layout.classes[k] for k in left]
    row_of = [layout.numbers[k] for k in left]
    shortest = min(map(len, cells), default=0)
    numbers, texts, deadlines, executors, results = (_column(cells, i, shortest) for i in roles)
    end_col = _end_column(header)
    if end_col is not None:
        deadlines = list(map(_with_end, deadlines, _column(cells, end_col, shortest)))
    more_executors = header.columns(ColumnRole.EXECUTORS)[1:]
    if more_executors:
        executors = [
            ", ".join(
                c for c in (first, *(row[i] if i < len(row) else "" for i in more_executors)) if c.strip()
            )
            for first, row in zip(executors, cells, strict=True)
        ]
    numbers, texts = plain_each(numbers), _each(plain, texts)  # numbers are each their own
    activity_cls, section_cls = RowClass.ACTIVITY, RowClass.SECTION
    kept = [
        k for k, (cls, text) in enumerate(zip(classes, texts, strict=True)) if cls is activity_cls and text
    ]
    # Sections, signatures and rows that give no activity, in table order.
    pending: list[tuple[int, int, Issue]] = []
    sections: list[tuple[int, str]] = []
    for k in positions_besides(len(cells), kept):
        cls, number, text, n = classes[k], numbers[k], texts[k], row_of[k]
        if cls is section_cls:
            report.sections += 1
            sections.append(
                (k, " ".join(p for p in (number, text or plain(" ".join(cells[k]))) if p).strip())
            )
        elif not text and _is_signature(cells[k], deadlines[k]):
            report.ignored.append(IgnoredRow(n, "signature"))
        else:
            code = "orphan-continuation" if cls is RowClass.CONTINUATION else "activity-without-text"
            message = (
                "Строка без номера не продолжает ни одно мероприятие и не загружена"
                if code == "orphan-continuation"
                else f"В строке{f' «{number}»' if number else ''} нет текста мероприятия; строка не загружена"
            )
            pending.append((k, 0, Issue(code, message, Severity.WARNING, file, sheet, n, activity_label)))
            report.rejected.append(RejectedRow(n, code))
    row_numbers = [row_of[k] for k in kept]
    deadline_texts = _each(str.strip, [deadlines[k] for k in kept])
    executor_texts = _each(str.strip, [executors[k] for k in kept])
    has_deadline = roles[2] is not None
    deadline_cells = {text: _deadline_cell(text, ctx, has_deadline) for text in dict.fromkeys(deadline_texts)}
    executor_cells = {text: _executor_cell(text, resolver) for text in dict.fromkeys(executor_texts)}
    counts = report.deadlines
    for text, times in Counter(deadline_texts).items():
        counts[deadline_cells[text].kind] += times
    for text, times in Counter(executor_texts).items():
        report.resolved += executor_cells[text].resolved * times
        report.unresolved += len(executor_cells[text].unresolved) * times
    report.activities += len(kept)
    if any(c.issues for c in deadline_cells.values()):
        for k, n, text in zip(kept, row_numbers, deadline_texts, strict=True):
            for i, (code, message, severity) in enumerate(deadline_cells[text].issues):
                pending.append((k, 1 + i, Issue(code, message, severity, file, sheet, n, deadline_label)))
    if executors_label and "" in executor_cells:
        missing = Issue(
            "missing-executor", _NO_EXECUTOR, Severity.WARNING, file, sheet, None, executors_label
        )
        pending += [
            (k, 100, replace(missing, row=n))
            for k, n, text in zip(kept, row_numbers, executor_texts, strict=True)
            if not text
        ]
    if any(c.unresolved for c in executor_cells.values()):
        for k, n, text in zip(kept, row_numbers, executor_texts, strict=True):
            for i, ref in enumerate(executor_cells[text].unresolved):
                pending.append((k, 101 + i, unresolved_issue(ref, file, sheet, n, executors_label)))
    pending.sort(key=_IN_ROW_ORDER)
    load.issues += [issue for _, _, issue in pending]
    load.activities = ActivityColumns(
        file, sheet, roadmap, f"{roadmap}#",
        {text: cell.deadline for text, cell in deadline_cells.items()},
        {text: cell.carriers for text, cell in executor_cells.items()},
        row_numbers, [numbers[k] for k in kept], [texts[k] for k in kept], deadline_texts,
        _sections_of(kept, sections), [plain(results[k]) if results[k] else "" for k in kept], executor_texts,
    )  # fmt: skip
    return in_table_order(load)


_IN_ROW_ORDER = itemgetter(0, 1)


def _column(cells: list[tuple[str, ...]], index: int | None, shortest: int) -> list[str]:
    """Return a column's cells of the rows, an empty one where a row is too short or the column is missing.

    `shortest` is the length of the shortest row.
    """
    if index is None:
        return [""] * len(cells)
    if index < shortest:
        return list(map(itemgetter(index), cells))
    return [c[index] if len(c) > index else "" for c in cells]


def _each(change: Callable[[str], str], values: list[str]) -> list[str]:
    """Return the values changed, each distinct value changed once."""
    changed = {v: change(v) for v in set(values)}
    return [changed[v] for v in values]


def _sections_of(kept: list[int], sections: list[tuple[int, str]]) -> list[str]:
    """Return the section of each kept row: the text of the last section row above it, or none."""
    out: list[str] = []
    current, start = "", 0
    for position, label in sections:
        stop = bisect_left(kept, position, lo=start)
        out += [current] * (stop - start)
        current, start = label, stop
    out += [current] * (len(kept) - start)
    return out


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
