"""docx: the running text of a Word document and each of its tables, merged cells seen through python-docx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from loaders.formats.cells import clean_text
from loaders.formats.grid import Grid, SheetGrid, Span, damaged
from model.issues import Issue


def read_docx(path: Path, shown: str) -> tuple[list[SheetGrid], str, list[Issue]]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:
        raise damaged(shown) from error
    text = "\n".join(clean_text(p.text) for p in document.paragraphs)
    sheets: list[SheetGrid] = []
    issues: list[Issue] = []
    for index, table in enumerate(document.tables, start=1):
        sheet = f"Таблица {index}"
        try:
            grid, spans = _docx_grid(table)
        except Exception:  # a malformed vertical merge: read the cells as they lie, without merges
            grid, spans = _docx_plain_grid(table), []
        sheets.append(SheetGrid(sheet, grid, spans))
    return sheets, text.strip("\n"), issues


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
