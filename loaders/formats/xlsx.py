"""xlsx: values through fastexcel (calamine), merged areas straight from the sheet XML."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any, NamedTuple
from xml.etree import ElementTree as ET

from loaders.formats.cells import clean_text, format_datetime, joined_if_trimmed
from loaders.formats.grid import SheetGrid, Span, damaged, local_name, sheet_issue
from model.issues import Issue, Severity
from model.operation_words import plural

_CALAMINE_DATETIME = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.\d+)?")


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    match = _CALAMINE_DATETIME.fullmatch(text) if len(text) >= 19 and text[4] == "-" else None
    if match:
        year, month, day, hour, minute, _ = (int(g) for g in match.groups())
        try:
            return format_datetime(dt.datetime(year, month, day, hour, minute))
        except ValueError:
            return text
    return clean_text(text)


_OVERLAP_FROM = 1 << 18
"""The size of a file (256 KiB, some 5,000 rows) from which its merged areas are read in a thread apart."""


def read_xlsx(path: Path, shown: str) -> tuple[list[SheetGrid], list[Issue]]:
    import fastexcel

    # What calamine does not give of a large file (`_sheet_extras`) is read from the sheet XML while calamine
    # reads the values (both let go of the GIL); for a small one, handing the GIL over between threads costs
    # more than it saves.
    with ThreadPoolExecutor(1) as pool:
        merged = pool.submit(_sheet_extras, path) if path.stat().st_size >= _OVERLAP_FROM else None
        try:
            reader = fastexcel.read_excel(path.read_bytes())
            loaded = [(name, _load(reader, name)) for name in reader.sheet_names]
        except Exception as error:
            raise damaged(shown) from error
        extras = _sheet_extras(path) if merged is None else merged.result()
    sheets: list[SheetGrid] = []
    issues: list[Issue] = []
    for name, got in loaded:
        if isinstance(got, Exception):
            issues.append(sheet_issue(shown, name, got))
            continue
        columns, values = got
        cells = [_texts(column) for column in values]
        if columns and columns[0].absolute_index:
            cells[:0] = [[""] * len(cells[0]) for _ in range(columns[0].absolute_index)]
        spans, errors, uncomputed = extras.get(name, ([], [], []))
        _show_errors(cells, errors)
        if uncomputed:
            issues.append(_uncomputed_issue(shown, name, uncomputed))
        sheets.append(SheetGrid(name, (), spans, columns=cells))
    return sheets, issues


ErrorCell = tuple[int, int, str]
"""A cell holding an error: its row and column, from 0, and the error Excel shows («#REF!»)."""


def _uncomputed_issue(shown: str, sheet: str, cells: list[tuple[int, int]]) -> Issue:
    """Return the warning about the formulas of a sheet saved without the values they give."""
    named = [f"{_column_letters(c)}{r + 1}" for r, c in cells[:_CELLS_NAMED]]
    more = len(cells) - len(named)
    count = plural(len(cells), "формула", "формулы", "формул")
    return Issue(
        "formula-not-computed",
        f"{len(cells)} {count} без вычисленного значения (ячейки {', '.join(named)}"
        f"{f' и ещё {more}' if more else ''}): файл сохранён программой, "
        "которая не вычисляет формулы, и эти ячейки прочитаны как пустые. Откройте файл в Excel или "
        "LibreOffice, сохраните его и загрузите заново.",
        Severity.WARNING,
        file=shown,
        sheet=sheet,
        row=cells[0][0] + 1,
        column=_column_letters(cells[0][1]),
    )


_CELLS_NAMED = 10
"""How many of a sheet's uncomputed formulas its warning names."""


def _show_errors(cells: list[list[str]], errors: list[ErrorCell]) -> None:
    """Put the error a formula gives (#REF!, #DIV/0!…) into its cell, which calamine leaves empty."""
    for row, column, text in errors:
        if column < len(cells) and row < len(cells[column]) and not cells[column][row]:
            cells[column][row] = text


def _load(reader: Any, name: str) -> tuple[list[Any], list[list[Any]]] | Exception:
    """Return a sheet's columns as calamine describes them and their values, or why it cannot be read."""
    try:
        sheet = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
        columns = sheet.available_columns()
        return columns, [c.to_list() for c in sheet.to_polars().iter_columns()] if columns else []
    except Exception as error:
        return error


def _texts(values: list[Any]) -> list[str]:
    """Return the text of every cell of a column, each distinct value made text once.

    Most values are printable text with no space at either end and no date: `_cell` gives them back as
    they are, so a column of only such values is taken as it is, and in another they are told apart first
    and kept.
    """
    distinct = set(values)
    distinct.discard(None)
    if _kept_as_they_are(distinct):
        return [value if value is not None else "" for value in values]
    texts = {
        value: value
        if value.__class__ is str
        and value.isprintable()
        and value[:1] != " "
        and value[-1:] != " "
        and value[4:5] != "-"
        else _cell(value)
        for value in distinct
    }
    texts[None] = ""
    return [texts[value] for value in values]


def _kept_as_they_are(values: set[Any]) -> bool:
    """Tell whether every value is printable text with no space at either end and no date, all at once."""
    joined = joined_if_trimmed(values)
    return joined is not None and ("-" not in joined or all(value[4:5] != "-" for value in values))


_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]+)\"")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _span_of_ref(ref: str) -> Span | None:
    parts = ref.split(":")
    if len(parts) not in (1, 2):
        return None
    points: list[tuple[int, int]] = []
    for part in parts:
        match = _CELL_REF.fullmatch(part)
        if match is None:
            return None
        points.append((int(match.group(2)) - 1, _column_index(match.group(1))))
    (r0, c0), (r1, c1) = points[0], points[-1]
    return (min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1))


_MERGE_WORD = b"mergeCell"
_BEFORE_MERGE = 10
"""How many bytes before the first «mergeCell» the search for merged areas starts (the «<» and a prefix)."""


class Scanned(NamedTuple):
    """What one pass over a sheet's XML finds for what calamine does not give."""

    merges: bytes
    """The XML from a little before its first «mergeCell» to its end; b"" without one."""
    marks: frozenset[bytes]
    """The `_CELL_MARKS` found before it."""
    cells: bytes
    """The XML from the piece before the first mark on (b"" without a mark): every marked cell, each with
    its reference, to be read without reading the sheet again."""


def _scanned(stream: IO[bytes]) -> Scanned:
    """Read a sheet's XML piece by piece for its merged areas and the marks of cells calamine leaves empty.

    What comes before the first marked cell is let go piece by piece: a large sheet is held whole only when
    a cell at its start is marked.
    """
    kept = len(_MERGE_WORD) - 1 + _BEFORE_MERGE  # a word cut between two pieces, and the bytes before it
    tail = previous = b""
    pieces: list[bytes] = []
    marks: set[bytes] = set()
    while piece := stream.read(1 << 20):
        data = tail + piece
        start = data.find(_MERGE_WORD)
        end = start if start >= 0 else len(data)
        marks.update(mark for mark in _CELL_MARKS if mark not in marks and data.find(mark, 0, end) >= 0)
        if marks:
            # The first marked cell may begin in the piece before the one its mark is in.
            pieces += [piece] if pieces else [previous, piece]
        if start >= 0:
            rest = stream.read()
            cells = b"".join([*pieces, rest]) if marks else b""
            return Scanned(data[max(start - _BEFORE_MERGE, 0) :] + rest, frozenset(marks), cells)
        tail, previous = data[-kept:], piece
    return Scanned(b"", frozenset(marks), b"".join(pieces))


_ERROR_MARK = b't="e"'
"""How a cell holding an error (#REF!, #DIV/0!…) is marked."""
_FORMULA_MARK = b"f>"
"""What the XML holds when a cell holds a formula («</f>», «</x:f>»)."""
_CELL_MARKS = (_ERROR_MARK, _FORMULA_MARK)
_ERROR_CELL = re.compile(
    rb"<(?:\w+:)?c\b(?=[^>]*\bt=\"e\")[^>]*?\br=\"([^\"]+)\"[^>]*>"
    rb"(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>",
    re.DOTALL,
)
_FORMULA_END = re.compile(
    rb"f(?:>|\b[^>]*/>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
"""The end of a formula («</f>», or «<f …/>» sharing another's) followed by no value and the end of its
cell. A match starts at the «f» of the formula's tag: looking for that rare byte first is what makes the
search fast, and `_uncomputed_formulas` checks the tag's opening before it."""
_TAG_OPENING = re.compile(rb"</?(\w+:)?")
_REF = re.compile(rb'\br="([^"]+)"')
_TEXT_RESULT = re.compile(rb'\bt="str"')
"""A cell whose formula gives text: its empty value is a computed empty text."""


def _error_cells(xml: bytes) -> list[ErrorCell]:
    """Return every cell of a sheet's XML holding an error."""
    found = [(_span_of_ref(ref.decode()), text) for ref, text in _ERROR_CELL.findall(xml)]
    return [(at[0], at[1], clean_text(text.decode("utf-8", "replace"))) for at, text in found if at]


def _uncomputed_formulas(xml: bytes) -> list[tuple[int, int]]:
    """Return the row and column of every cell of a sheet's XML whose formula was saved without its value."""
    found: list[tuple[int, int]] = []
    for match in _FORMULA_END.finditer(xml):
        lt = xml.rfind(b"<", 0, match.start())
        opening = _TAG_OPENING.fullmatch(xml, lt, match.start()) if lt >= 0 else None
        if opening is None:
            continue
        start = xml.rfind(b"<" + (opening.group(1) or b"") + b"c ", 0, lt)
        head = xml[start : xml.find(b">", start)] if start >= 0 else b""
        ref = None if _TEXT_RESULT.search(head) else _REF.search(head)
        at = _span_of_ref(ref.group(1).decode()) if ref else None
        if at:
            found.append(at[:2])
    return found


Extras = tuple[list[Span], list[ErrorCell], list[tuple[int, int]]]
"""What calamine does not give of a sheet: its merged areas, its error cells and its uncomputed formulas."""


def _sheet_extras(path: Path) -> dict[str, Extras]:
    """Return the merged areas, the error cells (`_error_cells`) and the uncomputed formulas
    (`_uncomputed_formulas`) of every sheet, by sheet name; nothing when the XML is unusual."""
    extras: dict[str, Extras] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            workbook = ET.fromstring(archive.read("xl/workbook.xml"))
            rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
            for element in workbook.iter():
                if local_name(element.tag) != "sheet":
                    continue
                rid = next((v for k, v in element.attrib.items() if local_name(k) == "id"), None)
                target = targets.get(rid, "")
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                part = re.sub(r"[^/]+/\.\./", "", part)
                if part not in names:
                    continue
                with archive.open(part) as stream:
                    scanned = _scanned(stream)
                if not scanned.merges and not scanned.marks:
                    continue
                found = [_span_of_ref(m.group(1).decode()) for m in _MERGE_CELL.finditer(scanned.merges)]
                marks, cells = scanned.marks, scanned.cells
                extras[element.get("name", "")] = (
                    [s for s in found if s is not None],
                    _error_cells(cells) if _ERROR_MARK in marks else [],
                    _uncomputed_formulas(cells) if _FORMULA_MARK in marks else [],
                )
    except (KeyError, OSError, zipfile.BadZipFile, ET.ParseError, ValueError):
        return extras
    return extras
