"""xls: the Excel 97–2003 format, through xlrd."""

from __future__ import annotations

import io
from pathlib import Path

from loaders.formats.cells import clean_text, format_datetime, format_number
from loaders.formats.grid import SheetGrid, damaged, encrypted, sheet_issue
from model.issues import Issue


def read_xls(path: Path, shown: str) -> tuple[list[SheetGrid], list[Issue]]:
    import xlrd

    log = io.StringIO()
    try:
        try:
            book = xlrd.open_workbook(str(path), formatting_info=True, logfile=log)
        except NotImplementedError:
            book = xlrd.open_workbook(str(path), logfile=log)
    except xlrd.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise encrypted(shown) from error
        raise damaged(shown) from error
    except Exception as error:
        raise damaged(shown) from error
    sheets: list[SheetGrid] = []
    issues: list[Issue] = []
    for sheet in book.sheets():
        try:
            grid = [
                [
                    _cell(kind, value, book.datemode)
                    for kind, value in zip(sheet.row_types(r), sheet.row_values(r), strict=True)
                ]
                for r in range(sheet.nrows)
            ]
            spans = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in getattr(sheet, "merged_cells", [])]
        except Exception as error:
            issues.append(sheet_issue(shown, sheet.name, error))
            continue
        sheets.append(SheetGrid(sheet.name, grid, spans))
    return sheets, issues


def _cell(kind: int, value: object, datemode: int) -> str:
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
        # The error the formula gives, as Excel shows it (#REF!, #DIV/0!).
        return xlrd.error_text_from_code.get(value, "") if isinstance(value, int) else ""
    return clean_text(str(value))
