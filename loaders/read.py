"""Spreadsheets, CSV and Word documents → text tables whose rows keep the numbers a person sees.

Rules every format follows:

- Every cell is text as shown: whole numbers lose their ``.0``, dates read ``dd.mm.yyyy``
  (``dd.mm.yyyy hh:mm`` when the time is not midnight), NBSP and other odd spaces become spaces,
  invisible characters go, line breaks inside a cell stay, each line loses its trailing spaces and
  the cell loses its leading and trailing blanks. A cell whose formula gives an error reads as the
  error Excel shows («#REF!», «#DIV/0!»); an xlsx formula saved without its value reads as empty and
  is named in a warning.
- Rows keep their numbers: the spreadsheet row, the CSV line where the record starts, the Word
  table row counting its header as 1. Blank rows inside a table are kept; blank rows after the
  last filled one and empty columns after the last filled one are dropped; every row of a table
  has the same number of cells, the first cell being column A (the first grid column in Word).
- Merged cells: the value goes to the first column of every row of the merged area and the other
  columns of the area are emptied. So a horizontally merged section row keeps its text in its
  first cell only, and a vertically merged executor cell repeats its value in every row it spans.
  The areas themselves are kept in ``RawTable.merges``.
- A file that cannot be read gives a Workbook with no tables and one error Issue in Russian.

The content decides the format (`detect_format`); each format's reader is in `loaders.formats` and gives
grids of cell text, which become tables here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import overload

from loaders.codec import builder_of
from loaders.formats.delimited import decoded, read_csv
from loaders.formats.grid import SheetGrid, UnreadableFileError, damaged, encrypted
from loaders.formats.ods import read_ods
from loaders.formats.word import read_docx
from loaders.formats.xls import read_xls
from loaders.formats.xlsx import read_xlsx
from model.issues import Issue, Severity

FORMATS = ("xlsx", "xls", "ods", "csv", "docx")


@dataclass(frozen=True, slots=True)
class RawRow:
    """One row: the number a person sees and every cell as text."""

    number: int
    cells: tuple[str, ...]

    def cell(self, index: int | None) -> str:
        """Return the text of a cell, or an empty string past the row's end."""
        if index is None or index < 0 or index >= len(self.cells):
            return ""
        return self.cells[index]

    @property
    def is_blank(self) -> bool:
        """Tell whether every cell is empty."""
        return not any(self.cells)


_raw_row = builder_of(RawRow, "number", "cells")


@dataclass(frozen=True, slots=True)
class CellRange:
    """A merged area: rows as numbered in the table, columns counted from 0, both ends included."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int


class Rows(Sequence[RawRow]):
    """A table's rows, made from its columns when asked for: one at a time, or all at once.

    A roadmap of 10,000 rows is read column by column (`loaders.layout.roadmap_rows`), so making a row
    object of each line only to look at its columns again would cost more than reading it.
    """

    __slots__ = ("_all", "columns", "numbers")

    def __init__(self, numbers: Sequence[int], columns: Sequence[Sequence[str]]) -> None:
        self.numbers = numbers
        self.columns = columns
        self._all: list[RawRow] | None = None

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> RawRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[RawRow]: ...

    def __getitem__(self, index: int | slice) -> RawRow | list[RawRow]:
        if self._all is not None:
            return self._all[index]
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._row(index)

    def _row(self, index: int) -> RawRow:
        return _raw_row(self.numbers[index], tuple(c[index] for c in self.columns))

    def __iter__(self) -> Iterator[RawRow]:
        if self._all is None:
            cells = zip(*self.columns, strict=True) if self.columns else [()] * len(self.numbers)
            self._all = list(map(_raw_row, self.numbers, cells))
        return iter(self._all)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))


@dataclass(frozen=True, slots=True, weakref_slot=True)
class RawTable:
    """A sheet, a CSV file or a Word table as rows of text (rows are never changed once read).

    A table read by `read_tables` keeps its cells column by column (`rows` is then `Rows`): `cells`,
    `column` and `numbers` read them without making a row object of each line.
    """

    sheet: str
    rows: Sequence[RawRow]
    merges: tuple[CellRange, ...] = ()

    def numbers(self) -> Sequence[int]:
        """Return the number of every row."""
        return self.rows.numbers if isinstance(self.rows, Rows) else [r.number for r in self.rows]

    def cells(self) -> list[tuple[str, ...]]:
        """Return the cells of every row, without making row objects of a table read column by column."""
        if isinstance(self.rows, Rows):
            columns = self.rows.columns
            return list(zip(*columns, strict=True)) if columns else [()] * len(self.rows)
        return [r.cells for r in self.rows]

    def column(self, index: int) -> Sequence[str]:
        """Return the cells of a column, an empty one where a row is too short."""
        if isinstance(self.rows, Rows):
            columns = self.rows.columns
            return columns[index] if index < len(columns) else [""] * len(self.rows)
        return [r.cells[index] if index < len(r.cells) else "" for r in self.rows]


@dataclass(frozen=True, slots=True)
class Workbook:
    """What one file holds: its tables, its running text and the problems met reading it."""

    file: str
    format: str
    tables: list[RawTable]
    text: str = ""
    issues: list[Issue] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Grids → tables


def _table_of(sheet: SheetGrid) -> RawTable:
    """Return the table of a grid of cleaned text after filling merged areas and trimming the tail."""
    columns = _columns_of(sheet)
    height = len(columns[0]) if columns else len(sheet.grid)
    spans = [s for s in sheet.spans if s[2] > s[0] or s[3] > s[1]]
    for first_row, first_col, last_row, last_col in spans:
        if first_row >= height or first_col >= len(columns):
            continue
        stop = min(last_row, height - 1) + 1
        count = stop - first_row
        columns[first_col][first_row:stop] = [columns[first_col][first_row]] * count
        for c in range(first_col + 1, min(last_col + 1, len(columns))):
            columns[c][first_row:stop] = [""] * count
    while height and not any(column[height - 1] for column in columns):
        height -= 1
    width = max((c + 1 for c, column in enumerate(columns) if any(column[:height])), default=0)
    numbers = sheet.numbers if sheet.numbers is not None else range(1, height + 1)
    rows = Rows(numbers[:height], [column[:height] for column in columns[:width]])
    merges = tuple(
        CellRange(numbers[r0], c0, numbers[min(r1, height - 1)], c1)
        for r0, c0, r1, c1 in spans
        if r0 < height
    )
    return RawTable(sheet.sheet, rows, merges)


def _columns_of(sheet: SheetGrid) -> list[list[str]]:
    """Return a grid's columns, each as long as the grid, a short row's missing cells empty."""
    if sheet.columns is not None:
        return [list(column) for column in sheet.columns]
    grid = sheet.grid
    width = max(map(len, grid), default=0)
    padded = (tuple(row) + ("",) * (width - len(row)) for row in grid)
    return [list(column) for column in zip(*padded, strict=True)] if width else []


# ---------------------------------------------------------------------------------------------
# Format detection


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXTENSIONS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods", ".csv": "csv", ".txt": "csv",
               ".tsv": "csv", ".docx": "docx"}  # fmt: skip
_FOREIGN = {
    "doc": "документ Word 97–2003 (.doc)",
    "pdf": "PDF",
    "rtf": "RTF",
    "html": "веб-страница (HTML)",
    "xlsb": "двоичная книга Excel (.xlsb)",
    "odt": "текстовый документ OpenDocument (.odt)",
    "zip": "архив",
    "binary": "неизвестный двоичный формат",
}


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def detect_format(path: Path) -> str:
    """Return the format a file's content is in: one of FORMATS or a key of the foreign formats.

    The content decides, not the extension: an xlsx named .xls is still read as xlsx.
    """
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
        except (zipfile.BadZipFile, OSError, KeyError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "xl/workbook.bin" in names:
            return "xlsb"
        if mimetype.strip().endswith("opendocument.spreadsheet"):
            return "ods"
        if mimetype.strip().endswith("opendocument.text"):
            return "odt"
        return "zip"
    if head.startswith(_OLE):
        data = path.read_bytes()
        if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
            return "encrypted"
        if _utf16("WordDocument") in data:
            return "doc"
        return "xls"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        probe = decoded(head)
    else:
        probe = decoded(head[:8000])
    start = probe.lstrip()[:1024].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) or "<table" in start:
        return "html"
    controls = sum(1 for ch in probe if ch < " " and ch not in "\r\n\t\x0c")
    if controls > max(2, len(probe) // 100):
        return "binary"
    return "csv"


def read_tables(path: Path, *, name: str | None = None) -> Workbook:
    """Return every table of a spreadsheet, CSV or Word file as text, or one error issue if it can't be read.

    ``name`` is the file name to show and to judge the extension by (an upload kept in a temporary file).
    """
    path = Path(path)
    shown = name or path.name
    suffix = Path(shown).suffix.lower()
    claimed = _EXTENSIONS.get(suffix, suffix.lstrip("."))
    try:
        found = _format_to_read(path, shown)
        sheets, text, issues = _READERS[found](path, shown)
        tables = [_table_of(sheet) for sheet in sheets]
    except UnreadableFileError as error:
        issue = Issue(error.code, error.message, Severity.ERROR, file=shown)
        return Workbook(shown, claimed, [], "", [issue])
    except Exception as error:  # a reader's library failing in a way nobody foresaw
        failure = damaged(shown)
        issue = Issue(failure.code, f"{failure.message} ({type(error).__name__})", Severity.ERROR, file=shown)
        return Workbook(shown, claimed, [], "", [issue])
    if claimed in FORMATS and claimed != found:
        mismatch = Issue(
            "format-mismatch",
            f"Файл «{shown}» на самом деле в формате {found}, а не {claimed}: прочитан как {found}.",
            Severity.INFO,
            file=shown,
        )
        issues = [mismatch, *issues]
    tables = [t for t in tables if t.rows]
    if not tables and not text.strip():
        empty = f"В файле «{shown}» нет ни одной заполненной ячейки."
        issue = Issue("file-no-data", empty, Severity.ERROR, file=shown)
        return Workbook(shown, found, [], "", [*issues, issue])
    if found != "docx":
        text = _text_above_headers(tables)
    return Workbook(shown, found, tables, text, issues)


def _format_to_read(path: Path, shown: str) -> str:
    """Return the format to read a file as, or raise the failure a person is told about."""
    if not path.is_file():
        raise UnreadableFileError("file-not-found", f"Файл «{shown}» не найден.")
    if path.stat().st_size == 0:
        raise UnreadableFileError("file-empty", f"Файл «{shown}» пуст.")
    found = detect_format(path)
    suffix = Path(shown).suffix.lower()
    if found == "encrypted":
        raise encrypted(shown)
    if found == "csv" and suffix and _EXTENSIONS.get(suffix) != "csv":
        raise damaged(shown)
    if found in ("binary", "zip") and _EXTENSIONS.get(suffix) in FORMATS:
        raise damaged(shown)
    if found not in FORMATS:
        raise UnreadableFileError(
            "file-unsupported",
            f"Формат файла «{shown}» не поддерживается ({_FOREIGN.get(found, found)}). "
            "Сохраните его как .xlsx, .xls, .ods, .csv или .docx.",
        )
    return found


def _without_text(
    reader: Callable[[Path, str], tuple[list[SheetGrid], list[Issue]]],
) -> Callable[[Path, str], tuple[list[SheetGrid], str, list[Issue]]]:
    def read(path: Path, shown: str) -> tuple[list[SheetGrid], str, list[Issue]]:
        sheets, issues = reader(path, shown)
        return sheets, "", issues

    return read


_READERS: dict[str, Callable[[Path, str], tuple[list[SheetGrid], str, list[Issue]]]] = {
    "xlsx": _without_text(read_xlsx),
    "xls": _without_text(read_xls),
    "ods": _without_text(read_ods),
    "csv": _without_text(read_csv),
    "docx": read_docx,
}


def _text_above_headers(tables: Sequence[RawTable]) -> str:
    """Return the text of the rows above each table's header, or of every row of a table without one."""
    # header imports the row types from this module, so it is imported here, when first needed.
    from loaders.header import find_header

    blocks: list[str] = []
    for table in tables:
        header = find_header(table)
        rows = table.rows
        above = (
            len(rows)
            if header is None
            else next((i for i, n in enumerate(table.numbers()) if n >= header.row), len(rows))
        )
        lines = [" ".join(c for c in row.cells if c) for row in rows[:above]]
        block = "\n".join(line for line in lines if line)
        if block:
            blocks.append(block)
    return "\n\n".join(blocks)
