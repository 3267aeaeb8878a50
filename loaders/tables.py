"""What every table loader shares: the context a table is read against, what it gives, how rows are counted.

Every row a table has is counted exactly once in its `TableReport`: header, activity or section (or a
loaded record for other tables), ignored with a reason, or rejected with the code of its issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from loaders.activity_columns import COLUMNS_FROM, ActivityColumns
from loaders.formats.cells import joined_if_trimmed
from loaders.glossary import find_glossary, row_lines
from loaders.header import Header, TableKind, find_header, table_kind
from loaders.layout import (
    ClassifiedRow,
    RoadmapRows,
    RowClass,
    classify_rows,
    fold_continuations,
    positions_besides,
    roadmap_rows,
)
from loaders.names import NAME_PATTERN
from loaders.read import RawTable
from loaders.report import IgnoredRow, RejectedRow, TableReport
from model.entities import Entity
from model.issues import Issue, Severity
from model.relations import Link

PERSON_NAME = re.compile(
    rf"{NAME_PATTERN}|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вна|вич|чна|ична|ич)\b"
)
"""A person's name: «Иванова А.А.», «А.А. Иванова» or «Иванова Анна Андреевна»."""

_HEADER, _ACTIVITY, _SECTION, _RECORD = RowClass.HEADER, RowClass.ACTIVITY, RowClass.SECTION, RowClass.RECORD
_IGNORED_REASONS = {
    RowClass.TITLE: "title",
    RowClass.BLANK: "blank",
    RowClass.FOOTER: "footer",
}
_NOT_LOADED = frozenset([_HEADER, *_IGNORED_REASONS])


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
    """What one table gave: its report, entities, links, issues and the abbreviations it defines.

    A roadmap table gives its activities and their links as `activities`, not in `entities` and `links`.
    """

    report: TableReport
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    activities: ActivityColumns | None = None


Classified = list[ClassifiedRow] | RoadmapRows
"""A table's rows as classified: a roadmap's as `RoadmapRows` (told column by column), others' as rows."""


def classified(table: RawTable) -> tuple[Header | None, TableKind, Classified]:
    """Return a table's header, kind and rows, continuations folded into the rows they continue."""
    header = find_header(table)
    kind = table_kind(header)
    if header is not None and kind is TableKind.ROADMAP and len(table.rows) >= COLUMNS_FROM:
        fast = roadmap_rows(table, header)
        if fast is not None:
            return header, kind, fast
    return header, kind, fold_continuations(classify_rows(table, header))


def as_rows(rows: Classified) -> list[ClassifiedRow]:
    """Return classified rows as `ClassifiedRow`s."""
    return rows.rows() if isinstance(rows, RoadmapRows) else rows


def rows_to_load(report: TableReport, rows: list[ClassifiedRow]) -> list[ClassifiedRow]:
    """Count headers, ignored rows and continuations in the report; return the rows left to load."""
    return [rows[k] for k in positions_to_load(report, RoadmapRows.of(rows))]


def positions_to_load(report: TableReport, rows: RoadmapRows) -> list[int]:
    """Count headers, ignored rows and continuations in the report; return the positions of the rows left."""
    classes, numbers = rows.classes, rows.numbers
    left = [k for k, cls in enumerate(classes) if cls is _ACTIVITY or cls not in _NOT_LOADED]
    for k in positions_besides(len(classes), left):
        if classes[k] is _HEADER:
            report.header_rows += 1
        else:
            report.ignored.append(IgnoredRow(numbers[k], _IGNORED_REASONS[classes[k]]))
    for continued in rows.continued_by.values():
        report.ignored.extend(IgnoredRow(n, "continuation") for n in continued)
    return left


def footer_definitions(rows: Classified) -> list[str]:
    """Return the «term – meaning» lines of an abbreviations block below a table."""
    if isinstance(rows, RoadmapRows):
        return find_glossary(row_lines(rows.of_class(RowClass.FOOTER)))
    return find_glossary(row_lines([r.row for r in rows if r.cls is RowClass.FOOTER]))


def in_table_order(load: TableLoad) -> TableLoad:
    """Return the load with its ignored and rejected rows in the order of the table."""
    load.report.ignored.sort(key=lambda r: r.row)
    load.report.rejected.sort(key=lambda r: r.row)
    return load


def reject(
    load: TableLoad, ctx: TableContext, table: RawTable, row: int, code: str, message: str, column: str
) -> None:
    """Add the issue of a row that is not loaded, and count the row as rejected."""
    load.issues.append(Issue(code, message, Severity.WARNING, ctx.file, table.sheet, row, column))
    load.report.rejected.append(RejectedRow(row, code))


def plain(cell: str) -> str:
    """Return a cell's text on one line, its runs of spaces and line breaks made one space.

    >>> plain(" Мониторинг\\n  результатов ")
    'Мониторинг результатов'
    """
    # Every blank but the space is unprintable, so a printable cell without doubled, leading or trailing
    # spaces is on one line already; telling so takes half the time of splitting and joining it.
    if cell.isprintable() and "  " not in cell and cell[:1] != " " and cell[-1:] != " ":
        return cell
    return " ".join(cell.split())


def plain_each(cells: list[str]) -> list[str]:
    """Return `plain` of each cell; a column of cells all on one line already (a roadmap's 10,000 row numbers)
    is told so at once.

    >>> plain_each(["1.", "1.1.", " 1.2 "]), plain_each(["1.", "1.1."])
    (['1.', '1.1.', '1.2'], ['1.', '1.1.'])
    """
    joined = joined_if_trimmed(cells)
    if joined is not None and "  " not in joined:
        return list(cells)
    return list(map(plain, cells))
