"""xlsx: values through fastexcel (calamine), merged areas straight from the sheet XML."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from loaders.formats.cells import clean_text, format_datetime
from loaders.formats.grid import SheetGrid, Span, damaged, local_name, sheet_issue
from model.issues import Issue

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


def read_xlsx(path: Path, shown: str) -> tuple[list[SheetGrid], list[Issue]]:
    import fastexcel

    try:
        reader = fastexcel.read_excel(path.read_bytes())
    except Exception as error:
        raise damaged(shown) from error
    spans_by_sheet = _spans(path)
    sheets: list[SheetGrid] = []
    issues: list[Issue] = []
    for name in reader.sheet_names:
        try:
            sheet = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            columns = sheet.available_columns()
            values: list[list[Any]] = (
                [c.to_list() for c in sheet.to_polars().iter_columns()] if columns else []
            )
        except Exception as error:
            issues.append(sheet_issue(shown, name, error))
            continue
        offset = [""] * (columns[0].absolute_index if columns else 0)
        cells = [_texts(column) for column in values]
        grid = [[*offset, *row] for row in zip(*cells, strict=True)]
        sheets.append(SheetGrid(name, grid, spans_by_sheet.get(name, [])))
    return sheets, issues


def _texts(values: list[Any]) -> list[str]:
    """Return the text of every cell of a column, each distinct value made text once."""
    texts = {value: _cell(value) for value in set(values)}
    return [texts[value] for value in values]


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


def _spans(path: Path) -> dict[str, list[Span]]:
    """Return the merged areas of every sheet, by sheet name; nothing when the XML is unusual."""
    spans: dict[str, list[Span]] = {}
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
                data = archive.read(part)
                start = data.find(b"mergeCell")
                if start < 0:
                    continue
                found = [_span_of_ref(m.group(1).decode()) for m in _MERGE_CELL.finditer(data, start - 10)]
                spans[element.get("name", "")] = [s for s in found if s is not None]
    except (KeyError, OSError, zipfile.BadZipFile, ET.ParseError, ValueError):
        return spans
    return spans
