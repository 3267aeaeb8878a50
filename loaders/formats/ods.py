"""ods: content.xml read directly, so that spans, covered cells and repeated rows are all seen."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from loaders.formats.cells import clean_text, format_datetime, format_number
from loaders.formats.grid import (
    MAX_COLUMNS,
    MAX_ROWS,
    Grid,
    SheetGrid,
    Span,
    UnreadableFileError,
    damaged,
    encrypted,
    local_name,
)
from model.issues import Issue

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ROW_GROUPS = {"table-header-rows", "table-rows", "table-row-group"}


def read_ods(path: Path, shown: str) -> tuple[list[SheetGrid], list[Issue]]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise encrypted(shown)
            root = ET.fromstring(archive.read("content.xml"))
    except UnreadableFileError:
        raise
    except Exception as error:
        raise damaged(shown) from error
    sheets: list[SheetGrid] = []
    spreadsheets = [
        e
        for body in root
        if local_name(body.tag) == "body"
        for e in body
        if local_name(e.tag) == "spreadsheet"
    ]
    for element in (e for spreadsheet in spreadsheets for e in spreadsheet):
        if local_name(element.tag) == "table":
            grid, spans = _ods_grid(element)
            sheets.append(SheetGrid(element.get(f"{{{_TABLE}}}name", ""), grid, spans))
    return sheets, []


def _ods_rows(element: ET.Element) -> Iterator[ET.Element]:
    for child in element:
        tag = local_name(child.tag)
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
        tag = local_name(cell.tag)
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
    paragraphs = [
        _ods_text(p) for p in cell.iter() if local_name(p.tag) in ("p", "h") and _inside_text(cell, p)
    ]
    return clean_text("\n".join(paragraphs))


def _inside_text(cell: ET.Element, paragraph: ET.Element) -> bool:
    """Tell whether a paragraph is the cell's own text, not a comment's."""
    for annotation in cell:
        if local_name(annotation.tag) == "annotation" and any(p is paragraph for p in annotation.iter()):
            return False
    return True


def _ods_text(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = local_name(child.tag)
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
