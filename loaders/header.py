"""The header of a table: where it is, what each column holds, and so what the table lists.

A header is found by its words on any row: the first HEADER_SCAN_ROWS rows are searched first, and the
rest of the sheet only when none of them holds one (an order's text pasted above the table), even when
its text is split over two rows or its words are broken across lines («Исполнит / ели»); a column
numbering row «1 2 3 4» right under it belongs to it. A label merged across several columns above a row
of sub-labels («Сроки» over «начало» and «окончание») names each of those columns, and is read with the
sub-label as «Сроки: начало».
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache, partial
from itertools import pairwise

from loaders.read import CellRange, RawRow, RawTable

HEADER_SCAN_ROWS = 40
MAX_LABEL_LENGTH = 70


class ColumnRole(StrEnum):
    NUMBER = "number"
    ACTIVITY = "activity"
    DEADLINE = "deadline"
    EXECUTORS = "executors"
    RESULT = "result"
    TERRITORY = "territory"
    SCHOOL = "school"
    NAME = "name"
    POSITION = "position"
    ROLE = "role"
    ABBREVIATION = "abbreviation"
    FULL_NAME = "full_name"
    STATUS = "status"
    YEAR = "year"
    OTHER = "other"


class TableKind(StrEnum):
    ROADMAP = "roadmap"
    SCHOOLS = "schools"
    PEOPLE = "people"
    GLOSSARY = "glossary"
    UNKNOWN = "unknown"


HEADER_EXAMPLES: dict[TableKind, tuple[str, ...]] = {
    TableKind.ROADMAP: ("№ п/п", "Мероприятие", "Срок", "Ответственные"),
    TableKind.SCHOOLS: ("Территория", "Наименование ОО"),
    TableKind.PEOPLE: ("ФИО", "Должность"),
    TableKind.GLOSSARY: ("Сокращение", "Полное наименование"),
}
"""Labels a header of each kind of table is known by: what a report names as looked for when a table
has no header (a test checks that each set is read as a header of its kind)."""


@dataclass(frozen=True, slots=True)
class Header:
    """Where a table's header is and what each column holds.

    ``row`` is the first header row; ``rows`` are all of them, the column numbering row included.
    """

    row: int
    roles: tuple[ColumnRole, ...]
    labels: tuple[str, ...]
    """Each column's label as a person reads it, on one line («Ответственные: организация»)."""
    rows: tuple[int, ...]

    def column(self, role: ColumnRole) -> int | None:
        """Return the index of the first column with a role, or None."""
        return self.roles.index(role) if role in self.roles else None

    def columns(self, role: ColumnRole) -> tuple[int, ...]:
        """Return the index of every column with a role, from left to right."""
        return tuple(i for i, r in enumerate(self.roles) if r is role)


# ---------------------------------------------------------------------------------------------
# Column roles


@lru_cache(maxsize=4096)
def compact(text: str) -> str:
    """Return text lower-cased with ё as е and without spaces or line breaks, to match broken words.

    >>> compact("Исполнит\\nели ")
    'исполнители'
    """
    text = re.sub(r"-\s*\n\s*", "", text.lower().replace("ё", "е"))
    return re.sub(r"[\s*_]+", "", text).rstrip(":")


_ROLE_PATTERNS: tuple[tuple[ColumnRole, str], ...] = (
    (
        ColumnRole.NUMBER,
        r"(№+|n|no|номер)\.?(п/?п|п\.п|пп)?\.?|п/?п\.?|п\.п\.?|№+(раздела|мероприятия|строки).*",
    ),
    (ColumnRole.NAME, r"(ф\.?и\.?о|фамилия).*"),
    (ColumnRole.DEADLINE, r".*срок.*|(дата|период|время|когда|периодичност|годпроведения).*"),
    (ColumnRole.EXECUTORS, r".*(ответствен|исполнит|соисполн).*|кто.*"),
    (
        ColumnRole.SCHOOL,
        r"(оо|ооо|шнор|оу|школа|школы|организация|организации|наименованиеоо|наименованиешколы|названиешколы"
        r"|названиеоо|наименованиеорганизации|(полное)?наименование(обще)?образовательнойорганизации"
        r"|(обще)?образовательн\w*организаци\w*)(\(.*\)|,.*|снизк.*|имеющ.*)?|(оо|шнор)[,(].*",
    ),
    (ColumnRole.RESULT, r".*результат.*|(итог|выход|формаотчет|отчетн|показател|продукт|документ).*"),
    (
        ColumnRole.ACTIVITY,
        r".*мероприят.*|(содержани|наименованиеработ|видработ|видыработ|действи|задач|направлени|меры"
        r"|работа$|работы$).*",
    ),
    (
        ColumnRole.ABBREVIATION,
        r"(сокращени|аббревиатур|краткоенаименование|сокращенноенаименование|условноеобозначение).*",
    ),
    (
        ColumnRole.FULL_NAME,
        r"(полноенаименование|полноеназвание|расшифровк|значение|определение|наименование$).*",
    ),
    (ColumnRole.YEAR, r"(год|годы|учебныйгод|годвключения)(\(.*\))?|учебныйгод.*"),
    (ColumnRole.STATUS, r"(статус|категори|отметка|признак|состояние).*"),
    (ColumnRole.POSITION, r"(должност|занимаемаядолжност|местоработы).*"),
    (ColumnRole.ROLE, r"(роль|функци|обязанност|вкачестве).*"),
    (
        ColumnRole.TERRITORY,
        r"(территори|муниципалитет|муниципальноеобразование|муниципальныйрайон|муниципальныйокруг"
        r"|городскойокруг|мо$|район|округ|населенныйпункт|наименованиемо$).*",
    ),
)
_ROLE_RULES = tuple((role, re.compile(pattern)) for role, pattern in _ROLE_PATTERNS)


@lru_cache(maxsize=4096)
def role_of(label: str) -> ColumnRole | None:
    """Return the role a header label names: None when it is empty, OTHER when it names none.

    >>> role_of("Срок (период) проведения"), role_of("Исполнит\\nели"), role_of("")
    (<ColumnRole.DEADLINE: 'deadline'>, <ColumnRole.EXECUTORS: 'executors'>, None)
    """
    key = compact(label)
    if not key:
        return None
    if len(key) > MAX_LABEL_LENGTH:
        return ColumnRole.OTHER
    for role, pattern in _ROLE_RULES:
        if pattern.fullmatch(key):
            return role
    return ColumnRole.OTHER


def roles_of(cells: Sequence[str]) -> list[ColumnRole | None]:
    """Return the role each cell of a row would name as a header label."""
    return list(map(role_of, cells))


def count_known_roles(roles: Sequence[ColumnRole | None]) -> int:
    """Return how many different roles, other than OTHER, a row of labels names."""
    return len({r for r in roles if r is not None and r is not ColumnRole.OTHER})


def _joined(upper: Sequence[str], lower: Sequence[str]) -> list[str]:
    width = max(len(upper), len(lower))
    cells = []
    for i in range(width):
        a = upper[i] if i < len(upper) else ""
        b = lower[i] if i < len(lower) else ""
        cells.append(a if not b or b == a else b if not a else f"{a}\n{b}")
    return cells


SMALL_INTEGER = re.compile(r"\d{1,2}\.?")
"""A number a row numbering the columns holds: «1», «12.»."""


def is_numbering_row(cells: Sequence[str], header_width: int) -> bool:
    """Tell whether a row numbers the columns: «1 2 3 4» under the header."""
    numbers = []
    for c in cells:
        if c:
            if not SMALL_INTEGER.fullmatch(c):
                return False
            numbers.append(int(c.rstrip(".")))
    if len(numbers) < 2 or len(numbers) < (header_width + 1) // 2:
        return False
    return numbers[0] in (0, 1) and all(b == a + 1 for a, b in pairwise(numbers))


def _named(upper: Sequence[str], lower: Sequence[str], merged: frozenset[int]) -> list[str]:
    """Return the labels of a two-row header as a person reads them.

    A label merged across columns goes before each sub-label under it, with a colon: «Ответственные:
    организация»; the other columns join their two parts (a word broken across lines, «п/п» under «№»).
    """
    cells = _joined(upper, lower)
    for c in merged:
        a = upper[c] if c < len(upper) else ""
        b = lower[c] if c < len(lower) else ""
        if a and b and b != a:
            cells[c] = f"{' '.join(a.split()).rstrip(':')}: {_sub_label(' '.join(b.split()))}"
    return cells


def _sub_label(text: str) -> str:
    """Return a sub-label as it reads after a colon: lower-cased, unless it is an abbreviation («ФИО»)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _is_header_part(lower: Sequence[str]) -> bool:
    """Tell whether a row goes on with the header above it: labels, or word ends like «ели» or «п/п»."""
    if not any(lower) or is_numbering_row(lower, len(lower)):
        return False
    for text in lower:
        if not text or role_of(text) not in (None, ColumnRole.OTHER):
            continue
        if len(compact(text)) > 20 or not (text[0].islower() or text[0] in "(/"):
            return False
    return True


def _across(row: RawRow, merges: Sequence[CellRange]) -> list[CellRange]:
    """Return the merged areas that start on a row and span more than one column."""
    return [m for m in merges if m.first_row == row.number and m.last_column > m.first_column]


def _merged_columns(row: RawRow, merges: Sequence[CellRange]) -> frozenset[int]:
    """Return the columns of a row covered by its areas merged across columns."""
    return frozenset(c for m in _across(row, merges) for c in range(m.first_column, m.last_column + 1))


def _spread(row: RawRow, merges: Sequence[CellRange]) -> list[str]:
    """Return a row's cells with the text of each area merged across columns in every column of it."""
    cells = list(row.cells)
    for m in _across(row, merges):
        for c in range(m.first_column + 1, min(m.last_column + 1, len(cells))):
            cells[c] = cells[m.first_column]
    return cells


def _under_merged_labels(upper: RawRow, lower: RawRow, merges: Sequence[CellRange]) -> bool:
    """Tell whether a row holds only short sub-labels under labels merged across columns above them.

    A cell merged down from the row above («№ п/п» over both rows) repeats its label and may sit beside them.
    """
    spans = _across(upper, merges)
    down = [m for m in merges if m.first_row <= upper.number and m.last_row >= lower.number]
    filled = [
        c
        for c, text in enumerate(lower.cells)
        if text and not any(m.first_column <= c <= m.last_column for m in down)
    ]
    return bool(spans and filled) and all(
        len(compact(lower.cells[c])) <= MAX_LABEL_LENGTH // 2
        and any(m.first_column <= c <= m.last_column for m in spans)
        for c in filled
    )


_HEADERS: dict[int, tuple[weakref.ref[RawTable], Header | None]] = {}
"""The header found in each table alive, by the table's id: reading a document, telling its tables
apart and loading them each ask for it."""


def _forget_header(key: int, _: object) -> None:
    _HEADERS.pop(key, None)


def find_header(table: RawTable) -> Header | None:
    """Return the header with the most recognised columns, of the first rows when they hold one, or None."""
    key = id(table)
    found = _HEADERS.get(key)
    if found is not None and found[0]() is table:
        return found[1]
    header = _header_of(table)
    _HEADERS[key] = (weakref.ref(table, partial(_forget_header, key)), header)
    return header


def _header_of(table: RawTable) -> Header | None:
    """Return the best header of the first rows; of the rest of the table only when they hold none."""
    found = _best_header(table, 0, HEADER_SCAN_ROWS)
    if found is None and len(table.rows) > HEADER_SCAN_ROWS:
        found = _best_header(table, HEADER_SCAN_ROWS, len(table.rows))
    if found is None:
        return None
    index, labels, shown, used = found
    numbers = [r.number for r in table.rows[index : index + used]]
    width = sum(1 for c in labels if c)
    following = table.rows[index + used] if index + used < len(table.rows) else None
    if following is not None and is_numbering_row(following.cells, width):
        numbers.append(following.number)
    roles = tuple(r or ColumnRole.OTHER for r in roles_of(labels))
    return Header(numbers[0], roles, tuple(" ".join(label.split()) for label in shown), tuple(numbers))


def _best_header(table: RawTable, start: int, stop: int) -> tuple[int, list[str], list[str], int] | None:
    """Return the header with the most recognised columns starting on rows start…stop-1 of a table (its
    second row may be the row at stop): its row index, labels (to match roles), labels as shown, and how
    many rows it takes; or None."""
    rows = table.rows[start : stop + 1]
    row_roles = [roles_of(row.cells) for row in rows]
    filled = [len(row.cells) - row.cells.count("") for row in rows]
    best: tuple[int, int, list[str], list[str], int] | None = None  # score, index, labels, shown, rows
    for i, row in enumerate(rows[: stop - start]):
        if filled[i] < 2 and not (i + 1 < len(rows) and filled[i + 1]):
            continue
        labels, used = list(row.cells), 1
        shown = labels
        score = count_known_roles(row_roles[i])
        below = rows[i + 1] if i + 1 < len(rows) else None
        if below is not None and (
            _is_header_part(below.cells) or _under_merged_labels(row, below, table.merges)
        ):
            spread = _spread(row, table.merges)
            joined = _joined(spread, below.cells)
            joined_roles = roles_of(joined)
            below_roles = row_roles[i + 1]
            adds = any(
                r not in (None, ColumnRole.OTHER) and (c >= len(below_roles) or below_roles[c] != r)
                for c, r in enumerate(joined_roles)
            )
            if adds and count_known_roles(joined_roles) >= score:
                labels, used, score = joined, 2, count_known_roles(joined_roles)
                shown = _named(spread, below.cells, _merged_columns(row, table.merges))
        if score >= 2 and sum(1 for c in labels if c) >= 2 and (best is None or score > best[0]):
            best = (score, i, labels, shown, used)
    if best is None:
        return None
    _, index, labels, shown, used = best
    return start + index, labels, shown, used


def table_kind(header: Header | None) -> TableKind:
    """Return what a table lists, judged by its header's columns.

    >>> table_kind(Header(1, (ColumnRole.ABBREVIATION, ColumnRole.FULL_NAME), ("", ""), (1,)))
    <TableKind.GLOSSARY: 'glossary'>
    """
    if header is None:
        return TableKind.UNKNOWN
    roles = set(header.roles)
    if ColumnRole.ACTIVITY in roles and roles & {ColumnRole.DEADLINE, ColumnRole.EXECUTORS}:
        return TableKind.ROADMAP
    if ColumnRole.ABBREVIATION in roles and ColumnRole.FULL_NAME in roles:
        return TableKind.GLOSSARY
    if ColumnRole.NAME in roles and roles & {ColumnRole.POSITION, ColumnRole.ROLE}:
        return TableKind.PEOPLE
    if ColumnRole.SCHOOL in roles or {ColumnRole.TERRITORY, ColumnRole.FULL_NAME} <= roles:
        return TableKind.SCHOOLS
    if ColumnRole.NAME in roles:
        return TableKind.PEOPLE
    return TableKind.UNKNOWN
