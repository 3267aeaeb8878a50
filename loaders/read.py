"""Spreadsheets, CSV and Word documents → text tables whose rows keep the numbers a person sees.

Rules every format follows:

- Every cell is text as shown: whole numbers lose their ``.0``, dates read ``dd.mm.yyyy``
  (``dd.mm.yyyy hh:mm`` when the time is not midnight), NBSP and other odd spaces become spaces,
  invisible characters go, line breaks inside a cell stay, each line loses its trailing spaces and
  the cell loses its leading and trailing blanks.
- Rows keep their numbers: the spreadsheet row, the CSV line where the record starts, the Word
  table row counting its header as 1. Blank rows inside a table are kept; blank rows after the
  last filled one and empty columns after the last filled one are dropped; every row of a table
  has the same number of cells, the first cell being column A (the first grid column in Word).
- Merged cells: the value goes to the first column of every row of the merged area and the other
  columns of the area are emptied. So a horizontally merged section row keeps its text in its
  first cell only, and a vertically merged executor cell repeats its value in every row it spans.
  The areas themselves are kept in ``RawTable.merges``.
- A file that cannot be read gives a Workbook with no tables and one error Issue in Russian.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from model.issues import Issue, Severity

FORMATS = ("xlsx", "xls", "ods", "csv", "docx")
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384


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


@dataclass(frozen=True, slots=True)
class CellRange:
    """A merged area: rows as numbered in the table, columns counted from 0, both ends included."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int


@dataclass(frozen=True, slots=True)
class RawTable:
    """A sheet, a CSV file or a Word table as rows of text."""

    sheet: str
    rows: list[RawRow]
    merges: tuple[CellRange, ...] = ()


@dataclass(frozen=True, slots=True)
class Workbook:
    """What one file holds: its tables, its running text and the problems met reading it."""

    file: str
    format: str
    tables: list[RawTable]
    text: str = ""
    issues: list[Issue] = field(default_factory=list)


class UnreadableFileError(Exception):
    """A file that gives no tables; its message is the Russian text of the issue."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# ---------------------------------------------------------------------------------------------
# Cell text


_ODD_SPACES = re.compile(r"[\t\x0c\x1c-\x1f\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\xad\u200b-\u200d\u2060\ufeff]")
_BREAKS = re.compile(r"[\x0b\x85\u2028\u2029]")
_TRAILING_SPACES = re.compile(r" +\n")


def clean_text(text: str) -> str:
    r"""Return cell text with odd spaces made plain, line breaks kept and trailing blanks dropped.

    >>> clean_text("  Исполнит\xa0ели \r\n УО  ")
    'Исполнит ели\n УО'
    """
    if text.isprintable():
        return text.strip(" ") if text[:1] == " " or text[-1:] == " " else text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\xa0" in text:
        text = text.replace("\xa0", " ")
    if not text.replace("\n", "").isprintable():
        text = _BREAKS.sub("\n", _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text)))
    if " \n" in text:
        text = _TRAILING_SPACES.sub("\n", text)
    return text.strip()


def format_number(value: float) -> str:
    """Return a number as a person reads it: no ``.0`` on whole numbers.

    >>> format_number(1.0), format_number(2.5), format_number(0.1 + 0.2)
    ('1', '2.5', '0.3')
    """
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return format(value, ".15g")


def format_datetime(value: dt.datetime | dt.date) -> str:
    """Return a date as ``dd.mm.yyyy``, adding ``hh:mm`` when a time of day is set.

    >>> format_datetime(dt.datetime(2020, 10, 1)), format_datetime(dt.datetime(2020, 10, 1, 9, 5))
    ('01.10.2020', '01.10.2020 09:05')
    """
    if isinstance(value, dt.datetime):
        if (value.year, value.month) == (1899, 12) and value.day in (30, 31):
            return f"{value:%H:%M}"
        if value.time() != dt.time():
            return f"{value:%d.%m.%Y %H:%M}"
    return f"{value:%d.%m.%Y}"


# ---------------------------------------------------------------------------------------------
# Grids → tables


Grid = list[list[str]]
Span = tuple[int, int, int, int]  # first row, first column, last row, last column; 0-based indexes


def _table_of(
    sheet: str, grid: Grid, spans: Sequence[Span], numbers: Sequence[int] | None = None
) -> RawTable:
    """Return the table of a grid of cleaned text after filling merged areas and trimming the tail."""
    spans = [s for s in spans if s[2] > s[0] or s[3] > s[1]]
    height = len(grid)
    for first_row, first_col, last_row, last_col in spans:
        if first_row >= height:
            continue
        top = grid[first_row]
        value = top[first_col] if first_col < len(top) else ""
        for r in range(first_row, min(last_row, height - 1) + 1):
            row = grid[r]
            if value and len(row) <= first_col:
                row.extend([""] * (first_col + 1 - len(row)))
            if first_col < len(row):
                row[first_col] = value
            for c in range(first_col + 1, min(last_col + 1, len(row))):
                row[c] = ""
    while grid and not any(grid[-1]):
        grid.pop()
    width = 0
    for row in grid:
        for c in range(len(row) - 1, width - 1, -1):
            if row[c]:
                width = c + 1
                break
    if numbers is None:
        numbers = range(1, len(grid) + 1)
    rows = [
        RawRow(number, tuple(row[:width]) + ("",) * (width - len(row)))
        for number, row in zip(numbers, grid, strict=False)
    ]
    merges = tuple(
        CellRange(numbers[r0], c0, numbers[min(r1, len(grid) - 1)], c1)
        for r0, c0, r1, c1 in spans
        if r0 < len(grid)
    )
    return RawTable(sheet, rows, merges)


# ---------------------------------------------------------------------------------------------
# xlsx: values through fastexcel (calamine), merged areas straight from the sheet XML


_CALAMINE_DATETIME = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.\d+)?")


def _xlsx_cell(value: object) -> str:
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


def _read_xlsx(path: Path, shown: str) -> tuple[list[RawTable], list[Issue]]:
    import fastexcel

    try:
        reader = fastexcel.read_excel(path.read_bytes())
    except Exception as error:
        raise _damaged(shown) from error
    spans_by_sheet = _xlsx_spans(path)
    tables: list[RawTable] = []
    issues: list[Issue] = []
    for name in reader.sheet_names:
        try:
            sheet = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            columns = sheet.available_columns()
            values: list[tuple[Any, ...]] = sheet.to_polars().rows() if columns else []
        except Exception as error:
            issues.append(_sheet_issue(shown, name, error))
            continue
        offset = [""] * (columns[0].absolute_index if columns else 0)
        grid = [[*offset, *map(_xlsx_cell, row)] for row in values]
        tables.append(_table_of(name, grid, spans_by_sheet.get(name, [])))
    return tables, issues


_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]+)\"")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


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


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xlsx_spans(path: Path) -> dict[str, list[Span]]:
    """Return the merged areas of every sheet, by sheet name; nothing when the XML is unusual."""
    spans: dict[str, list[Span]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            workbook = ET.fromstring(archive.read("xl/workbook.xml"))
            rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
            for element in workbook.iter():
                if _local(element.tag) != "sheet":
                    continue
                rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
                target = targets.get(rid, "")
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                part = re.sub(r"[^/]+/\.\./", "", part)
                if part not in names:
                    continue
                data = archive.read(part)
                start = data.find(b"mergeCell")
                if start < 0:
                    continue
                found = [_span_of_ref(m.group(1).decode()) for m in _MERGE_CELL.finditer(data, start - 10)]
                spans[element.get("name", "")] = [s for s in found if s is not None]
    except (KeyError, OSError, zipfile.BadZipFile, ET.ParseError, ValueError):
        return spans
    return spans


# ---------------------------------------------------------------------------------------------
# xls: xlrd


def _read_xls(path: Path, shown: str) -> tuple[list[RawTable], list[Issue]]:
    import xlrd

    log = io.StringIO()
    try:
        try:
            book = xlrd.open_workbook(str(path), formatting_info=True, logfile=log)
        except NotImplementedError:
            book = xlrd.open_workbook(str(path), logfile=log)
    except xlrd.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise _encrypted(shown) from error
        raise _damaged(shown) from error
    except Exception as error:
        raise _damaged(shown) from error
    tables: list[RawTable] = []
    issues: list[Issue] = []
    for sheet in book.sheets():
        try:
            grid = [
                [
                    _xls_cell(kind, value, book.datemode)
                    for kind, value in zip(sheet.row_types(r), sheet.row_values(r), strict=True)
                ]
                for r in range(sheet.nrows)
            ]
            spans = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in getattr(sheet, "merged_cells", [])]
        except Exception as error:
            issues.append(_sheet_issue(shown, sheet.name, error))
            continue
        tables.append(_table_of(sheet.name, grid, spans))
    return tables, issues


def _xls_cell(kind: int, value: object, datemode: int) -> str:
    import xlrd

    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_NUMBER and isinstance(value, float):
        return format_number(value)
    if kind == xlrd.XL_CELL_DATE and isinstance(value, float):
        try:
            return format_datetime(xlrd.xldate.xldate_as_datetime(value, datemode))
        except (ValueError, OverflowError):
            return format_number(value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "true" if value else "false"
    if kind == xlrd.XL_CELL_ERROR:
        return ""
    return clean_text(str(value))


# ---------------------------------------------------------------------------------------------
# ods: content.xml read directly, so that spans, covered cells and repeated rows are all seen


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ROW_GROUPS = {"table-header-rows", "table-rows", "table-row-group"}


def _read_ods(path: Path, shown: str) -> tuple[list[RawTable], list[Issue]]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise _encrypted(shown)
            root = ET.fromstring(archive.read("content.xml"))
    except UnreadableFileError:
        raise
    except Exception as error:
        raise _damaged(shown) from error
    tables: list[RawTable] = []
    spreadsheets = [
        e for body in root if _local(body.tag) == "body" for e in body if _local(e.tag) == "spreadsheet"
    ]
    for element in (e for spreadsheet in spreadsheets for e in spreadsheet):
        if _local(element.tag) == "table":
            grid, spans = _ods_grid(element)
            tables.append(_table_of(element.get(f"{{{_TABLE}}}name", ""), grid, spans))
    return tables, []


def _ods_rows(element: ET.Element) -> Iterator[ET.Element]:
    for child in element:
        tag = _local(child.tag)
        if tag == "table-row":
            yield child
        elif tag in _ROW_GROUPS:
            yield from _ods_rows(child)


def _ods_grid(table: ET.Element) -> tuple[Grid, list[Span]]:
    grid: Grid = []
    spans: list[Span] = []
    pending_blank = 0
    for row in _ods_rows(table):
        repeat = int(row.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
        cells, row_spans = _ods_row(row)
        if not any(cells) and not row_spans:
            pending_blank += repeat
            continue
        if len(grid) + pending_blank >= MAX_ROWS:
            break
        grid.extend([] for _ in range(pending_blank))
        pending_blank = 0
        for _ in range(min(repeat, MAX_ROWS - len(grid))):
            r = len(grid)
            spans.extend((r + r0, c0, r + r1, c1) for r0, c0, r1, c1 in row_spans)
            grid.append(list(cells))
    return grid, spans


def _ods_row(row: ET.Element) -> tuple[list[str], list[Span]]:
    cells: list[str] = []
    spans: list[Span] = []
    pending_empty = 0
    column = 0
    for cell in row:
        tag = _local(cell.tag)
        if tag not in ("table-cell", "covered-table-cell"):
            continue
        repeat = int(cell.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
        text = _ods_cell_text(cell) if tag == "table-cell" else ""
        across = int(cell.get(f"{{{_TABLE}}}number-columns-spanned", "1"))
        down = int(cell.get(f"{{{_TABLE}}}number-rows-spanned", "1"))
        if tag == "table-cell" and (across > 1 or down > 1):
            spans.append((0, column, down - 1, column + across - 1))
        if text:
            count = min(repeat, MAX_COLUMNS - len(cells) - pending_empty)
            cells.extend([""] * pending_empty)
            cells.extend([text] * max(count, 0))
            pending_empty = 0
        else:
            pending_empty += repeat
        column += repeat
        if column >= MAX_COLUMNS:
            break
    return cells, spans


def _ods_cell_text(cell: ET.Element) -> str:
    kind = cell.get(f"{{{_OFFICE}}}value-type", "")
    if kind in ("float", "percentage", "currency"):
        try:
            return format_number(float(cell.get(f"{{{_OFFICE}}}value", "")))
        except ValueError:
            pass
    elif kind == "date":
        value = cell.get(f"{{{_OFFICE}}}date-value", "")
        try:
            when = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
            return format_datetime(when)
        except ValueError:
            pass
    elif kind == "time":
        match = re.fullmatch(r"PT(\d+)H(\d+)M.*", cell.get(f"{{{_OFFICE}}}time-value", ""))
        if match:
            return f"{int(match.group(1)):02d}:{int(match.group(2)):02d}"
    elif kind == "boolean":
        return cell.get(f"{{{_OFFICE}}}boolean-value", "")
    paragraphs = [_ods_text(p) for p in cell.iter() if _local(p.tag) in ("p", "h") and _inside_text(cell, p)]
    return clean_text("\n".join(paragraphs))


def _inside_text(cell: ET.Element, paragraph: ET.Element) -> bool:
    """Tell whether a paragraph is the cell's own text, not a comment's."""
    for annotation in cell:
        if _local(annotation.tag) == "annotation" and any(p is paragraph for p in annotation.iter()):
            return False
    return True


def _ods_text(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = _local(child.tag)
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{_TEXT}}}c", "1")))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        elif tag not in ("annotation", "note"):
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# csv


_DELIMITERS = (";", "\t", ",")


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def _delimiter_of(text: str) -> str:
    sample = text[:65536]
    best, best_score = _DELIMITERS[0], (-1, -1)
    for delimiter in _DELIMITERS:
        counts: dict[int, int] = {}
        try:
            for i, record in enumerate(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)):
                if i >= 200:
                    break
                if record:
                    counts[len(record)] = counts.get(len(record), 0) + 1
        except csv.Error:
            continue
        if not counts:
            continue
        width, seen = max(counts.items(), key=lambda item: (item[1], item[0]))
        score = (seen if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, shown: str) -> tuple[list[RawTable], list[Issue]]:
    text = _decode(path.read_bytes()).replace("\x00", "")
    first_line = 1
    match = re.match(r"\"?sep=(.)\"?\r?\n", text)
    if match:
        delimiter = match.group(1)
        text = text[match.end() :]
        first_line = 2
    else:
        delimiter = _delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: Grid = []
    numbers: list[int] = []
    line = 0
    try:
        for record in reader:
            numbers.append(first_line + line)
            grid.append([clean_text(cell) for cell in record])
            line = reader.line_num
    except csv.Error as error:
        raise _damaged(shown) from error
    return [_table_of("", grid, [], numbers)], []


# ---------------------------------------------------------------------------------------------
# docx


def _read_docx(path: Path, shown: str) -> tuple[list[RawTable], str, list[Issue]]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:
        raise _damaged(shown) from error
    text = "\n".join(clean_text(p.text) for p in document.paragraphs)
    tables: list[RawTable] = []
    issues: list[Issue] = []
    for index, table in enumerate(document.tables, start=1):
        sheet = f"Таблица {index}"
        try:
            grid, spans = _docx_grid(table)
        except Exception:  # a malformed vertical merge: read the cells as they lie, without merges
            grid, spans = _docx_plain_grid(table), []
        tables.append(_table_of(sheet, grid, spans))
    return tables, text.strip("\n"), issues


def _docx_plain_grid(table: Any) -> Grid:
    """Return the text grid of a Word table cell by cell, each spanned grid column left empty."""
    import docx.table

    grid: Grid = []
    for tr in table._tbl.tr_lst:
        cells = [""] * tr.grid_before
        for tc in tr.tc_lst:
            cells.append(clean_text(docx.table._Cell(tc, table).text))
            cells.extend([""] * (tc.grid_span - 1))
        grid.append(cells)
    return grid


def _docx_grid(table: Any) -> tuple[Grid, list[Span]]:
    """Return the text grid and merged areas of a Word table; python-docx repeats merged cells."""
    owners: list[list[Any]] = []
    for row in table.rows:
        cells: list[Any] = [None] * row.grid_cols_before
        cells.extend(row.cells)
        owners.append(cells)
    areas: dict[int, list[int]] = {}
    texts: dict[int, str] = {}
    for r, cells in enumerate(owners):
        for c, cell in enumerate(cells):
            if cell is None:
                continue
            key = id(cell._tc)
            area = areas.get(key)
            if area is None:
                areas[key] = [r, c, r, c]
                texts[key] = clean_text(cell.text)
            else:
                area[2], area[3] = max(area[2], r), max(area[3], c)
    grid: Grid = [[""] * len(cells) for cells in owners]
    spans: list[Span] = []
    for key, (r0, c0, r1, c1) in areas.items():
        grid[r0][c0] = texts[key]
        if r1 > r0 or c1 > c0:
            spans.append((r0, c0, r1, c1))
    return grid, spans


# ---------------------------------------------------------------------------------------------
# Format detection and failures


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
        probe = _decode(head)
    else:
        probe = _decode(head[:8000])
    start = probe.lstrip()[:1024].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) or "<table" in start:
        return "html"
    controls = sum(1 for ch in probe if ch < " " and ch not in "\r\n\t\x0c")
    if controls > max(2, len(probe) // 100):
        return "binary"
    return "csv"


def _damaged(shown: str) -> UnreadableFileError:
    suffix = Path(shown).suffix
    return UnreadableFileError(
        "file-unreadable",
        f"Не удалось прочитать файл «{shown}»: файл повреждён или его содержимое не соответствует "
        f"расширению{f' {suffix}' if suffix else ''}. "
        "Откройте его в Excel или LibreOffice и сохраните заново.",
    )


def _encrypted(shown: str) -> UnreadableFileError:
    return UnreadableFileError(
        "file-encrypted", f"Файл «{shown}» защищён паролем. Снимите пароль и загрузите файл снова."
    )


def _sheet_issue(shown: str, sheet: str, error: Exception) -> Issue:
    return Issue(
        "sheet-unreadable",
        f"Лист «{sheet}» файла «{shown}» не прочитан ({type(error).__name__}).",
        Severity.WARNING,
        file=shown,
        sheet=sheet,
    )


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
        tables, text, issues = _READERS[found](path, shown)
    except UnreadableFileError as error:
        issue = Issue(error.code, error.message, Severity.ERROR, file=shown)
        return Workbook(shown, claimed, [], "", [issue])
    except Exception as error:  # a reader's library failing in a way nobody foresaw
        failure = _damaged(shown)
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
        raise _encrypted(shown)
    if found == "csv" and suffix and _EXTENSIONS.get(suffix) != "csv":
        raise _damaged(shown)
    if found in ("binary", "zip") and _EXTENSIONS.get(suffix) in FORMATS:
        raise _damaged(shown)
    if found not in FORMATS:
        raise UnreadableFileError(
            "file-unsupported",
            f"Формат файла «{shown}» не поддерживается ({_FOREIGN.get(found, found)}). "
            "Сохраните его как .xlsx, .xls, .ods, .csv или .docx.",
        )
    return found


def _without_text(
    reader: Callable[[Path, str], tuple[list[RawTable], list[Issue]]],
) -> Callable[[Path, str], tuple[list[RawTable], str, list[Issue]]]:
    def read(path: Path, shown: str) -> tuple[list[RawTable], str, list[Issue]]:
        tables, issues = reader(path, shown)
        return tables, "", issues

    return read


_READERS: dict[str, Callable[[Path, str], tuple[list[RawTable], str, list[Issue]]]] = {
    "xlsx": _without_text(_read_xlsx),
    "xls": _without_text(_read_xls),
    "ods": _without_text(_read_ods),
    "csv": _without_text(_read_csv),
    "docx": _read_docx,
}


def _text_above_headers(tables: Sequence[RawTable]) -> str:
    """Return the text of the rows above each table's header, or of every row of a table without one."""
    # layout imports the row types from this module, so it is imported here, when first needed.
    from loaders.layout import find_header

    blocks: list[str] = []
    for table in tables:
        header = find_header(table)
        rows = [r for r in table.rows if header is None or r.number < header.row]
        lines = [" ".join(c for c in row.cells if c) for row in rows]
        block = "\n".join(line for line in lines if line)
        if block:
            blocks.append(block)
    return "\n\n".join(blocks)
