"""The rows of a table under its header: what each one is, and the rows that go on from the row above.

Rows are classified: titles above the header, blank rows, header rows (and a repeated header or a column
numbering row «1 2 3 4»), sections («1.», «I.», «Раздел 1», one text across the row), activities,
continuations (no number: the row goes on with the cells of the row above, split by a page break),
rows holding only a number, records of non-roadmap tables (a school, a person, an abbreviation) and
footers below the table (signatures, the list of abbreviations). The header is `loaders.header`'s.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import polars as pl

from loaders.codec import builder_of
from loaders.glossary import GLOSSARY_MARK
from loaders.header import (
    SMALL_INTEGER,
    ColumnRole,
    Header,
    TableKind,
    count_known_roles,
    is_numbering_row,
    roles_of,
    table_kind,
)
from loaders.read import RawRow, RawTable


class RowClass(StrEnum):
    TITLE = "title"
    BLANK = "blank"
    HEADER = "header"
    SECTION = "section"
    ACTIVITY = "activity"
    CONTINUATION = "continuation"
    NUMBER_ONLY = "number_only"
    RECORD = "record"
    FOOTER = "footer"


@dataclass(frozen=True, slots=True)
class ClassifiedRow:
    """A row, what it is, and why; ``continued_by`` lists the rows folded into it."""

    row: RawRow
    cls: RowClass
    reason: str
    continued_by: tuple[int, ...] = ()


_classified = builder_of(ClassifiedRow, "row", "cls", "reason")

# ---------------------------------------------------------------------------------------------
# Rows


_ACTIVITY_NUMBER = re.compile(r"(\d{1,3})((?:\.\d{1,3})*)[.)]?")
_ROMAN = re.compile(r"[IVXІХ]{1,6}[.)]?")
_SECTION_WORD = re.compile(r"(раздел|блок|этап|часть|глава)\s*([\dIVXІХ]+[.)]?)?(\s|$)", re.IGNORECASE)
_NUMBER_THEN_TEXT = re.compile(r"(\d{1,3}|[IVXІХ]{1,6})[.)]\s+\S")


def _number_kind(text: str) -> tuple[str, int]:
    """Return how a number cell reads («numeric», «section», «empty», «text») and its depth."""
    if not text:
        return "empty", 0
    match = _ACTIVITY_NUMBER.fullmatch(text)
    if match:
        return "numeric", 1 + match.group(2).count(".")
    if _ROMAN.fullmatch(text) or _SECTION_WORD.match(text) or _NUMBER_THEN_TEXT.match(text):
        return "section", 0
    return "text", 0


def _parents_in(table: RawTable, last_header: int, column: int | None) -> set[str]:
    """Return every number a row below the header is numbered under: «1.2.3.» → «1», «1.2»."""
    parents: set[str] = set()
    if column is None:
        return parents
    cells = table.column(column)
    for number in (cell for n, cell in zip(table.numbers(), cells, strict=True) if n > last_header):
        above, dot, _ = number.rstrip(".)").rpartition(".")
        # The set holds every number above each of its numbers, so a known parent brings nothing new.
        if dot and above not in parents and _ACTIVITY_NUMBER.fullmatch(number):
            parts = above.split(".")
            parents.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return parents


_GLOSSARY_MARK_LENGTH = 60
"""The longest row that may be the mark of an abbreviations list («Список сокращений:»)."""


def _is_glossary_mark(cells: tuple[str, ...]) -> bool:
    text = " ".join(filter(None, cells))
    return len(text) <= _GLOSSARY_MARK_LENGTH and bool(GLOSSARY_MARK.match(text.strip(" *")))


def _is_repeated_header(row: RawRow, header: Header) -> bool:
    if sum(1 for c in row.cells if c) < 2:
        return False
    roles = roles_of(row.cells)
    known = [r for r in roles if r is not None and r is not ColumnRole.OTHER]
    return len(known) >= 2 and all(
        i < len(header.roles) and header.roles[i] == r for i, r in enumerate(roles) if r is not None
    )


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip(' -–—•«"(')
    return bool(stripped) and (stripped[0].islower() or stripped[0] in ",;:)")


_KEY_ROLES = {
    TableKind.SCHOOLS: (ColumnRole.SCHOOL, ColumnRole.FULL_NAME),
    TableKind.PEOPLE: (ColumnRole.NAME,),
    TableKind.GLOSSARY: (ColumnRole.ABBREVIATION,),
}
_BLANK = (RowClass.BLANK, "пустая строка")
_BELOW = (RowClass.FOOTER, "ниже таблицы")


class _Body:
    """The running state of a table body as its rows are read top to bottom."""

    def __init__(self, table: RawTable, header: Header) -> None:
        self.header = header
        self.kind = table_kind(header)
        self.number = header.column(ColumnRole.NUMBER)
        self.activity = header.column(ColumnRole.ACTIVITY)
        terms = (ColumnRole.DEADLINE, ColumnRole.EXECUTORS, ColumnRole.RESULT)
        self.terms = [c for c in map(header.column, terms) if c is not None]
        keys = _KEY_ROLES.get(self.kind, ())
        self.key = next((c for c in map(header.column, keys) if c is not None), None)
        self.width = sum(1 for label in header.labels if label)
        self.table = table
        self._parents: set[str] | None = None
        self.seen_content = False
        self.after_blank = False
        self.footer = False
        self.numbered_records = False
        self._marks = self.kind is not TableKind.GLOSSARY
        self._roadmap_kind = self.kind is TableKind.ROADMAP
        # Rows at least this wide hold every column the classification reads.
        self._reach = 1 + max([self.number or 0, self.activity or 0, *self.terms])
        self._plain = (
            self._roadmap_kind
            and None not in (self.number, self.activity)
            and len({self.number, self.activity, *self.terms}) == 2 + len(self.terms)
        )

    @property
    def parents(self) -> set[str]:
        """Return every number some row of the body is numbered under, read when first asked for."""
        if self._parents is None:
            self._parents = _parents_in(self.table, max(self.header.rows), self.number)
        return self._parents

    def has_children(self, number: str) -> bool:
        """Tell whether some row is numbered under this one («1.» → «1.1.»)."""
        return number.rstrip(".)") in self.parents

    def plain_activity(self, cells: tuple[str, ...]) -> str | None:
        """Return the number of a row that can be nothing but an activity, taking it as `classify` would.

        Most rows of a roadmap are such: a row number, a text that is not a number, a deadline, an executor
        or a result, and too long to be the mark of an abbreviations list; `classify` is left the others.
        """
        if not self._plain or self.footer or len(cells) < self._reach:
            return None
        number, text = cells[self.number], cells[self.activity]  # type: ignore[index]
        if (
            not number
            or not text
            or _ACTIVITY_NUMBER.fullmatch(number) is None
            or SMALL_INTEGER.fullmatch(text) is not None
            or not any([cells[t] for t in self.terms])
            or sum(map(len, cells)) <= _GLOSSARY_MARK_LENGTH
        ):
            return None
        self.seen_content = True
        self.after_blank = False
        return number

    def classify(self, row: RawRow) -> tuple[RowClass, str]:
        cells = row.cells
        if not any(cells):
            if self.seen_content:
                self.after_blank = True
            return _BLANK
        if self.footer:
            self.after_blank = False
            return _BELOW
        cls, reason = self._classify(row, cells)
        if cls is RowClass.FOOTER:
            self.footer = True
        elif cls is not RowClass.HEADER:
            self.seen_content = True
        self.after_blank = False
        return cls, reason

    def _classify(self, row: RawRow, cells: tuple[str, ...]) -> tuple[RowClass, str]:
        if self._marks and _is_glossary_mark(cells):
            return RowClass.FOOTER, "список сокращений ниже таблицы"
        wide = len(cells) >= self._reach
        column = self.number
        number = "" if column is None else cells[column] if wide else row.cell(column)
        numeric = _ACTIVITY_NUMBER.fullmatch(number) is not None
        if not numeric and _is_repeated_header(row, self.header):
            return RowClass.HEADER, "повтор заголовка таблицы"
        if not numeric and self.seen_content and count_known_roles(roles_of(cells)) >= 2:
            return RowClass.FOOTER, "ниже начинается другая таблица"
        if is_numbering_row(cells, self.width):
            return RowClass.HEADER, "нумерация столбцов"
        if not self._roadmap_kind:
            return self._record(row)
        filled = len(cells) - cells.count("") - (1 if number else 0)  # filled cells but the number
        has_terms = any([cells[t] for t in self.terms]) if wide else any(map(row.cell, self.terms))
        if numeric:
            if not filled:
                return RowClass.NUMBER_ONLY, f"только номер «{number}»"
            if has_terms:
                return RowClass.ACTIVITY, f"мероприятие «{number}»"
            if self.has_children(number):
                return RowClass.SECTION, f"номер «{number}» без сроков и исполнителей, ниже его подпункты"
            return RowClass.ACTIVITY, f"мероприятие «{number}» без сроков и исполнителей"
        return self._roadmap(row, number, filled, has_terms)

    def _roadmap(self, row: RawRow, number: str, filled: int, has_terms: bool) -> tuple[RowClass, str]:
        """Return the class of a roadmap row whose number cell holds no activity number."""
        kind = _number_kind(number)[0]
        text = row.cell(self.activity)
        if kind == "section":
            return RowClass.SECTION, f"номер раздела «{number}»"
        if kind == "text":
            if filled:
                return RowClass.ACTIVITY, f"мероприятие с необычным номером «{number}»"
            if self.after_blank:
                return RowClass.FOOTER, "текст ниже таблицы"
            return RowClass.SECTION, "текст на всю строку"
        # no number
        if text and _SECTION_WORD.match(text) and not has_terms:
            return RowClass.SECTION, "раздел без номера"
        if not self.seen_content:
            if filled == 1:
                return RowClass.SECTION, "текст без номера в начале таблицы"
            return RowClass.ACTIVITY, "мероприятие без номера"
        if self.number is None:
            if filled == 1 and not has_terms and text and not _starts_lower(text):
                if self.after_blank:
                    return RowClass.FOOTER, "текст ниже таблицы"
                return RowClass.SECTION, "текст без сроков и исполнителей"
            if text and not _starts_lower(text) and has_terms:
                return RowClass.ACTIVITY, "мероприятие без номера"
            return RowClass.CONTINUATION, "продолжение строки выше"
        if self.after_blank and not _starts_lower(text):
            return RowClass.FOOTER, "текст ниже таблицы"
        return RowClass.CONTINUATION, "нет номера: продолжение строки выше"

    def _record(self, row: RawRow) -> tuple[RowClass, str]:
        number = row.cell(self.number)
        kind, _ = _number_kind(number)
        filled = [i for i, c in enumerate(row.cells) if c]
        if kind in ("text", "section") and filled == [self.number]:
            if self.after_blank:
                return RowClass.FOOTER, "текст ниже таблицы"
            return RowClass.SECTION, "текст на всю строку"
        if self.after_blank and self.numbered_records and kind == "empty":
            return RowClass.FOOTER, "строка без номера ниже таблицы"
        if len(filled) == 1 and self.width >= 2 and filled[0] == 0 != self.key:
            if self.after_blank:
                return RowClass.FOOTER, "текст ниже таблицы"
            return RowClass.SECTION, "группа записей"
        if self.key is not None and not row.cell(self.key) and kind == "empty":
            if self.seen_content:
                return RowClass.CONTINUATION, "нет наименования: продолжение строки выше"
            return RowClass.RECORD, "запись без наименования"
        if kind == "numeric":
            self.numbered_records = True
        return RowClass.RECORD, "запись"


def classify_rows(table: RawTable, header: Header | None) -> list[ClassifiedRow]:
    """Return every row of a table with its class and the reason for it, in order; never raises."""
    if header is None:
        return [
            ClassifiedRow(r, RowClass.BLANK, "пустая строка")
            if r.is_blank
            else ClassifiedRow(r, RowClass.TITLE, "заголовок таблицы не найден")
            for r in table.rows
        ]
    body = _Body(table, header)
    last_header = max(header.rows)
    plain_activity = body.plain_activity
    classify = _row_classifier(table, header, body)
    activity = RowClass.ACTIVITY
    result: list[ClassifiedRow] = []
    for row in table.rows:
        found = plain_activity(row.cells) if row.number > last_header else None
        if found is not None:
            result.append(_classified(row, activity, f"мероприятие «{found}»"))
        else:
            result.append(_classified(row, *classify(row)))
    return result


def _row_classifier(table: RawTable, header: Header, body: _Body) -> Callable[[RawRow], tuple[RowClass, str]]:
    """Return the classification of one row after another of a table, as the body's state goes."""
    first, rows, last_header = header.row, set(header.rows), max(header.rows)
    classify = body.classify

    def one(row: RawRow) -> tuple[RowClass, str]:
        number = row.number
        if number < first:
            return (
                (RowClass.BLANK, "пустая строка")
                if row.is_blank
                else (RowClass.TITLE, "выше заголовка таблицы")
            )
        if number in rows:
            return RowClass.HEADER, "заголовок таблицы"
        if number < last_header:
            return RowClass.HEADER, "внутри заголовка таблицы"
        return classify(row)

    return one


_HEADS = (RowClass.ACTIVITY, RowClass.SECTION, RowClass.NUMBER_ONLY, RowClass.RECORD)


def fold_continuations(rows: Sequence[ClassifiedRow]) -> list[ClassifiedRow]:
    """Return the rows with each continuation folded into the row it continues, cell by cell.

    The folded row keeps the first row's number and lists the folded ones in ``continued_by``;
    a number-only row that gains text becomes an activity. A continuation with nothing above it
    to continue stays as it is.
    """
    result: list[ClassifiedRow] = []
    head: int | None = None
    for item in rows:
        if item.cls is RowClass.CONTINUATION and head is not None:
            top = result[head]
            width = max(len(top.row.cells), len(item.row.cells))
            cells = tuple(
                "\n".join(part for part in (top.row.cell(i), item.row.cell(i)) if part) for i in range(width)
            )
            cls = RowClass.ACTIVITY if top.cls is RowClass.NUMBER_ONLY else top.cls
            reason = "номер и текст в соседних строках" if top.cls is RowClass.NUMBER_ONLY else top.reason
            result[head] = replace(
                top, row=RawRow(top.row.number, cells), cls=cls, reason=reason,
                continued_by=(*top.continued_by, item.row.number),
            )  # fmt: skip
            continue
        if item.cls in _HEADS:
            head = len(result)
        elif item.cls is not RowClass.BLANK:
            head = None
        result.append(item)
    return result


@dataclass(slots=True)
class RoadmapRows:
    """A roadmap table's rows as `fold_continuations(classify_rows(...))` gives them, as parallel lists.

    A roadmap of 10,000 rows is 10,000 plain activities and a few hundred others: the plain ones are told
    apart column by column and only the others go through the row-by-row classification.
    """

    numbers: list[int]
    classes: list[RowClass]
    cells: list[tuple[str, ...]]
    continued_by: dict[int, tuple[int, ...]]
    """The rows folded into a row, by its position."""

    @classmethod
    def of(cls, rows: Sequence[ClassifiedRow]) -> RoadmapRows:
        """Return rows classified one by one as lists."""
        return cls(
            [r.row.number for r in rows],
            [r.cls for r in rows],
            [r.row.cells for r in rows],
            {k: r.continued_by for k, r in enumerate(rows) if r.continued_by},
        )

    def rows(self) -> list[ClassifiedRow]:
        """Return the rows as `ClassifiedRow`s, without the reasons."""
        return [
            ClassifiedRow(RawRow(n, c), cls, "", self.continued_by.get(k, ()))
            for k, (n, cls, c) in enumerate(zip(self.numbers, self.classes, self.cells, strict=True))
        ]

    def of_class(self, cls: RowClass) -> list[RawRow]:
        """Return the rows of a class."""
        return [
            RawRow(n, c) for n, k, c in zip(self.numbers, self.classes, self.cells, strict=True) if k is cls
        ]


def positions_besides(count: int, kept: Sequence[int]) -> list[int]:
    """Return, in order, the positions below `count` that are not in `kept`."""
    if len(kept) == count:
        return []
    taken = set(kept)
    return [k for k in range(count) if k not in taken]


def roadmap_rows(table: RawTable, header: Header) -> RoadmapRows | None:
    """Return a roadmap table's rows classified, continuations folded; None for a table whose layout is
    classified row by row (`classify_rows`): one without a number or an activity column."""
    body = _Body(table, header)
    if not body._plain:
        return None
    rows, numbers, cells = table.rows, table.numbers(), table.cells()
    last_header = max(header.rows)
    widths = list(map(len, cells))
    columns = [table.column(i) for i in range(max(widths, default=0))]
    plain = _plain_rows(body, [n > last_header for n in numbers], columns, widths)
    classify_one = _row_classifier(table, header, body)
    classes: list[RowClass] = [RowClass.ACTIVITY] * len(rows)
    folded: dict[int, list[int]] = {}  # continuations by the position of the row they continue
    head: int | None = None
    previous = -1
    for k in [k for k, p in enumerate(plain) if not p]:
        if previous + 1 < k:  # plain activity rows in between
            if body.footer:
                classes[previous + 1 : k] = [RowClass.FOOTER] * (k - previous - 1)
                body.after_blank, head = False, None
            else:
                body.seen_content, body.after_blank, head = True, False, k - 1
        cls = classes[k] = classify_one(rows[k])[0]
        if cls is RowClass.CONTINUATION and head is not None:
            folded.setdefault(head, []).append(k)
        elif cls in _HEADS:
            head = k
        elif cls is not RowClass.BLANK:
            head = None
        previous = k
    if previous + 1 < len(rows) and body.footer:
        classes[previous + 1 :] = [RowClass.FOOTER] * (len(rows) - previous - 1)
    gone = sorted(k for continuations in folded.values() for k in continuations)
    continued_by: dict[int, tuple[int, ...]] = {}
    for top, continuations in folded.items():
        (joined,) = fold_continuations(
            [
                _classified(rows[top], classes[top], ""),
                *(_classified(rows[k], RowClass.CONTINUATION, "") for k in continuations),
            ]
        )
        cells[top], classes[top] = joined.row.cells, joined.cls
        continued_by[top - bisect_left(gone, top)] = joined.continued_by
    if not gone:
        return RoadmapRows(list(numbers), classes, cells, continued_by)
    kept = positions_besides(len(rows), gone)
    return RoadmapRows(
        [numbers[k] for k in kept], [classes[k] for k in kept], [cells[k] for k in kept], continued_by
    )


def _plain_rows(
    body: _Body, in_body: list[bool], columns: list[Sequence[str]], widths: list[int]
) -> list[bool]:
    """Tell of each row whether it can be nothing but an activity (as `_Body.plain_activity`), column-wise.

    `columns` are the table's columns, an empty cell where a row is shorter; `widths` the rows' lengths.
    """
    width = len(columns)
    if width < body._reach:
        return [False] * len(widths)
    frame = pl.DataFrame(
        {f"c{i}": column for i, column in enumerate(columns)} | {"in_body": in_body, "width": widths},
        schema={**{f"c{i}": pl.String for i in range(width)}, "in_body": pl.Boolean, "width": pl.Int64},
    )
    number, text = pl.col(f"c{body.number}"), pl.col(f"c{body.activity}")
    plain = (
        pl.col("in_body")
        & (pl.col("width") >= body._reach)
        & (number != "")
        & (text != "")
        & pl.any_horizontal(pl.col(f"c{t}") != "" for t in body.terms)
        & number.str.contains(_anchored(_ACTIVITY_NUMBER))
        & ~text.str.contains(_anchored(SMALL_INTEGER))
        & (pl.sum_horizontal(pl.col(f"c{i}").str.len_chars() for i in range(width)) > _GLOSSARY_MARK_LENGTH)
    )
    found: list[bool] = frame.select(plain).to_series().to_list()
    return found


def _anchored(pattern: re.Pattern[str]) -> str:
    """Return a pattern that matches a whole text, as `fullmatch` does, in the syntax polars reads."""
    return f"^(?:{pattern.pattern})$"
