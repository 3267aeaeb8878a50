"""The shape of a table: where its header is, what each column holds, and what each row is.

A header is found by its words on any of the first HEADER_SCAN_ROWS rows, even when its text is
split over two rows or its words are broken across lines («Исполнит / ели»). Rows are then
classified: titles above the header, blank rows, header rows (and a repeated header or a column
numbering row «1 2 3 4»), sections («1.», «I.», «Раздел 1», one text across the row), activities,
continuations (no number: the row goes on with the cells of the row above, split by a page break),
rows holding only a number, records of non-roadmap tables (a school, a person, an abbreviation) and
footers below the table (signatures, the list of abbreviations).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from loaders.read import RawRow, RawTable

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
class Header:
    """Where a table's header is and what each column holds.

    ``row`` is the first header row; ``rows`` are all of them, the column numbering row included.
    """

    row: int
    roles: tuple[ColumnRole, ...]
    labels: tuple[str, ...]
    rows: tuple[int, ...]

    def column(self, role: ColumnRole) -> int | None:
        """Return the index of the first column with a role, or None."""
        return self.roles.index(role) if role in self.roles else None


@dataclass(frozen=True, slots=True)
class ClassifiedRow:
    """A row, what it is, and why; ``continued_by`` lists the rows folded into it."""

    row: RawRow
    cls: RowClass
    reason: str
    continued_by: tuple[int, ...] = ()


# ---------------------------------------------------------------------------------------------
# Column roles


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


def _roles(cells: Sequence[str]) -> list[ColumnRole | None]:
    return [role_of(cell) for cell in cells]


def _score(roles: Sequence[ColumnRole | None]) -> int:
    return len({r for r in roles if r is not None and r is not ColumnRole.OTHER})


def _joined(upper: Sequence[str], lower: Sequence[str]) -> list[str]:
    width = max(len(upper), len(lower))
    cells = []
    for i in range(width):
        a = upper[i] if i < len(upper) else ""
        b = lower[i] if i < len(lower) else ""
        cells.append(a if not b or b == a else b if not a else f"{a}\n{b}")
    return cells


_ACTIVITY_NUMBER = re.compile(r"(\d{1,3})((?:\.\d{1,3})*)[.)]?")
_SMALL_INTEGER = re.compile(r"\d{1,2}\.?")


def _is_numbering_row(cells: Sequence[str], header_width: int) -> bool:
    """Tell whether a row numbers the columns: «1 2 3 4» under the header."""
    filled = [c for c in cells if c]
    if len(filled) < 2 or len(filled) < (header_width + 1) // 2:
        return False
    if not all(_SMALL_INTEGER.fullmatch(c) for c in filled):
        return False
    numbers = [int(c.rstrip(".")) for c in filled]
    return numbers[0] in (0, 1) and all(b == a + 1 for a, b in pairwise(numbers))


def _is_header_part(lower: Sequence[str]) -> bool:
    """Tell whether a row goes on with the header above it: labels, or word ends like «ели» or «п/п»."""
    if not any(lower) or _is_numbering_row(lower, len(lower)):
        return False
    for text in lower:
        if not text or role_of(text) not in (None, ColumnRole.OTHER):
            continue
        if len(compact(text)) > 20 or not (text[0].islower() or text[0] in "(/"):
            return False
    return True


def find_header(table: RawTable) -> Header | None:
    """Return the header with the most recognised columns among the first rows, or None."""
    rows = table.rows[:HEADER_SCAN_ROWS]
    best: tuple[int, int, list[str], int] | None = None  # score, index, labels, rows used
    for i, row in enumerate(rows):
        if sum(1 for c in row.cells if c) < 2 and not (i + 1 < len(rows) and any(rows[i + 1].cells)):
            continue
        labels, used = list(row.cells), 1
        score = _score(_roles(labels))
        if i + 1 < len(rows) and _is_header_part(rows[i + 1].cells):
            joined = _joined(row.cells, rows[i + 1].cells)
            joined_roles = _roles(joined)
            below_roles = _roles(rows[i + 1].cells)
            adds = any(
                r not in (None, ColumnRole.OTHER) and (c >= len(below_roles) or below_roles[c] != r)
                for c, r in enumerate(joined_roles)
            )
            if adds and _score(joined_roles) >= score:
                labels, used, score = joined, 2, _score(joined_roles)
        if score >= 2 and sum(1 for c in labels if c) >= 2 and (best is None or score > best[0]):
            best = (score, i, labels, used)
    if best is None:
        return None
    _, index, labels, used = best
    numbers = [r.number for r in rows[index : index + used]]
    width = sum(1 for c in labels if c)
    following = table.rows[index + used] if index + used < len(table.rows) else None
    if following is not None and _is_numbering_row(following.cells, width):
        numbers.append(following.number)
    roles = tuple(r or ColumnRole.OTHER for r in _roles(labels))
    shown = tuple(" ".join(label.split()) for label in labels)
    return Header(numbers[0], roles, shown, tuple(numbers))


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


# ---------------------------------------------------------------------------------------------
# Rows


_ROMAN = re.compile(r"[IVXІХ]{1,6}[.)]?")
_SECTION_WORD = re.compile(r"(раздел|блок|этап|часть|глава)\s*([\dIVXІХ]+[.)]?)?(\s|$)", re.IGNORECASE)
_NUMBER_THEN_TEXT = re.compile(r"(\d{1,3}|[IVXІХ]{1,6})[.)]\s+\S")
_GLOSSARY_MARK = re.compile(
    r"(?:(?:используемые|принятые|применяемые|список|перечень)\s+(?:используемых\s+|принятых\s+)?)?"
    r"сокращени[йяе](?:\s+и\s+обозначени[йя])?\s*(?::|\.|$)",
    re.IGNORECASE,
)


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


def _parents(number: str) -> list[str]:
    """Return the numbers a number sits under: «1.2.3.» → «1», «1.2»."""
    match = _ACTIVITY_NUMBER.fullmatch(number)
    if not match:
        return []
    parts = number.rstrip(".)").split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _is_glossary_mark(row: RawRow) -> bool:
    text = " ".join(c for c in row.cells if c)
    return len(text) <= 60 and bool(_GLOSSARY_MARK.match(text.strip(" *")))


def _is_repeated_header(row: RawRow, header: Header) -> bool:
    if sum(1 for c in row.cells if c) < 2:
        return False
    roles = _roles(row.cells)
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
        body = [r for r in table.rows if r.number > max(header.rows)]
        self.parents = {
            parent
            for r in body
            for parent in _parents(r.cell(self.number) if self.number is not None else "")
        }
        self.seen_content = False
        self.after_blank = False
        self.footer = False
        self.numbered_records = False

    def has_children(self, number: str) -> bool:
        """Tell whether some row is numbered under this one («1.» → «1.1.»)."""
        return number.rstrip(".)") in self.parents

    def classify(self, row: RawRow) -> tuple[RowClass, str]:
        if row.is_blank:
            if self.seen_content:
                self.after_blank = True
            return RowClass.BLANK, "пустая строка"
        cls, reason = self._classify(row)
        if cls is RowClass.FOOTER:
            self.footer = True
        elif cls is not RowClass.HEADER:
            self.seen_content = True
        self.after_blank = False
        return cls, reason

    def _classify(self, row: RawRow) -> tuple[RowClass, str]:
        if self.footer:
            return RowClass.FOOTER, "ниже таблицы"
        if self.kind is not TableKind.GLOSSARY and _is_glossary_mark(row):
            return RowClass.FOOTER, "список сокращений ниже таблицы"
        numeric = _ACTIVITY_NUMBER.fullmatch(row.cell(self.number)) is not None
        if not numeric and _is_repeated_header(row, self.header):
            return RowClass.HEADER, "повтор заголовка таблицы"
        if not numeric and self.seen_content and _score(_roles(row.cells)) >= 2:
            return RowClass.FOOTER, "ниже начинается другая таблица"
        if _is_numbering_row(row.cells, self.width):
            return RowClass.HEADER, "нумерация столбцов"
        if self.kind is TableKind.ROADMAP:
            return self._roadmap(row)
        return self._record(row)

    def _roadmap(self, row: RawRow) -> tuple[RowClass, str]:
        number = row.cell(self.number)
        kind, _ = _number_kind(number)
        filled = [i for i, c in enumerate(row.cells) if c and i != self.number]
        text = row.cell(self.activity)
        has_terms = any(row.cell(c) for c in self.terms)
        if kind == "section":
            return RowClass.SECTION, f"номер раздела «{number}»"
        if kind == "numeric":
            if not filled:
                return RowClass.NUMBER_ONLY, f"только номер «{number}»"
            if not has_terms and self.has_children(number):
                return RowClass.SECTION, f"номер «{number}» без сроков и исполнителей, ниже его подпункты"
            if not has_terms:
                return RowClass.ACTIVITY, f"мероприятие «{number}» без сроков и исполнителей"
            return RowClass.ACTIVITY, f"мероприятие «{number}»"
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
            if len(filled) == 1:
                return RowClass.SECTION, "текст без номера в начале таблицы"
            return RowClass.ACTIVITY, "мероприятие без номера"
        if self.number is None:
            if len(filled) == 1 and not has_terms and text and not _starts_lower(text):
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
    result: list[ClassifiedRow] = []
    for row in table.rows:
        if row.number < header.row:
            if row.is_blank:
                result.append(ClassifiedRow(row, RowClass.BLANK, "пустая строка"))
            else:
                result.append(ClassifiedRow(row, RowClass.TITLE, "выше заголовка таблицы"))
        elif row.number in header.rows:
            result.append(ClassifiedRow(row, RowClass.HEADER, "заголовок таблицы"))
        elif row.number < last_header:
            result.append(ClassifiedRow(row, RowClass.HEADER, "внутри заголовка таблицы"))
        else:
            cls, reason = body.classify(row)
            result.append(ClassifiedRow(row, cls, reason))
    return result


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


# ---------------------------------------------------------------------------------------------
# Glossary


_ENTRY = re.compile(r"\S.{0,80}?(?:\s[-–—]|[–—])\s*\S.*")


def row_lines(rows: Sequence[RawRow]) -> list[str]:
    """Return rows as lines of text: a two-cell row reads «term – meaning».

    >>> row_lines([RawRow(5, ("ОО", "", "общеобразовательная организация"))])
    ['ОО – общеобразовательная организация']
    """
    lines = []
    for row in rows:
        filled = [c.replace("\n", " ") for c in row.cells if c]
        dashes = ("-", "–", "—")
        if len(filled) == 2 and not filled[1].startswith(dashes) and not filled[0].endswith(dashes):
            lines.append(f"{filled[0]} – {filled[1]}")
        else:
            lines.append(" ".join(filled))
    return lines


def find_glossary(lines: Sequence[str]) -> list[str]:
    """Return the entries of the «Используемые сокращения» blocks, one «term – meaning» a line.

    >>> find_glossary(["И.С. Гутник", "Используемые сокращения:", "", "ОО – общеобразовательная организация"])
    ['ОО – общеобразовательная организация']
    """
    entries: list[str] = []
    inside = False
    for raw in lines:
        line = " ".join(raw.replace("*", " ").split())
        mark = _GLOSSARY_MARK.match(line)
        if mark:
            inside = True
            rest = line[mark.end() :].lstrip(" :.")
            entries.extend(_entries_of(rest))
            continue
        if not inside:
            continue
        if not line:
            continue
        found = _entries_of(line)
        if found:
            entries.extend(found)
        else:
            inside = False
    return entries


def _entries_of(text: str) -> list[str]:
    parts = [p.strip(" ;,") for p in re.split(r";\s*", text)]
    parts = [p for p in parts if p]
    return parts if all(_ENTRY.fullmatch(p) for p in parts) else []
