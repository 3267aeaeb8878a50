"""Builders of real files in every format the loaders read, and rows taken from the real roadmaps.

Use the fixtures: ``write_table(path, rows, fmt=None, sheet=..., merges=...)`` writes one table,
``write_workbook(path, {sheet: rows}, fmt=None, merges={sheet: [...]})`` several; both return the path.
``fmt`` is one of xlsx, xls, ods, csv, docx (taken from the suffix when omitted). Rows hold str,
int, float, date, datetime or None; merges are Excel ranges such as ``"A10:D10"`` (the value of a
merged area is the one at its top-left; other cells of the area are left empty, as in Excel).
CSV takes ``encoding`` ("utf-8", "utf-8-sig", "cp1251") and ``delimiter``; docx takes
``paragraphs_before`` and ``paragraphs_after``, and writes each sheet as one Word table.
``store_path`` is a store holding Полысаево's order 162 and its reference workbook.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

import pytest
import xlrd
from loaders_support import write_polysaevo_store

Cell = str | int | float | dt.date | dt.datetime | None
Rows = Sequence[Sequence[Cell]]
Span = tuple[int, int, int, int]


class WriteTable(Protocol):
    def __call__(
        self,
        path: Path,
        rows: Rows,
        fmt: str | None = None,
        *,
        sheet: str = "Лист1",
        merges: Sequence[str] = (),
        encoding: str = "utf-8",
        delimiter: str = ";",
        paragraphs_before: Sequence[str] = (),
        paragraphs_after: Sequence[str] = (),
    ) -> Path: ...


class WriteWorkbook(Protocol):
    def __call__(
        self,
        path: Path,
        sheets: Mapping[str, Rows],
        fmt: str | None = None,
        *,
        merges: Mapping[str, Sequence[str]] | None = None,
        encoding: str = "utf-8",
        delimiter: str = ";",
        paragraphs_before: Sequence[str] = (),
        paragraphs_after: Sequence[str] = (),
    ) -> Path: ...


def _column(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def span_of(ref: str) -> Span:
    """Return an Excel range «A10:D10» as 0-based (first row, first column, last row, last column)."""
    match = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", ref)
    assert match, ref
    c0, r0, c1, r1 = match.groups()
    return int(r0) - 1, _column(c0), int(r1) - 1, _column(c1)


def _covered(spans: Sequence[Span]) -> set[tuple[int, int]]:
    """Return the cells inside merged areas other than their top-left ones."""
    return {
        (r, c)
        for r0, c0, r1, c1 in spans
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def _write_xlsx(path: Path, sheets: Mapping[str, Rows], spans: Mapping[str, list[Span]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        covered = _covered(spans[name])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None and (r, c) not in covered:
                    sheet.cell(r + 1, c + 1, value)
        for r0, c0, r1, c1 in spans[name]:
            sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    book.save(path)


_ERRORS = {text: code for code, text in xlrd.error_text_from_code.items()}
"""The errors a cell can hold, by their code in an xls file."""


def _write_xls(path: Path, sheets: Mapping[str, Rows], spans: Mapping[str, list[Span]]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    time_style = xlwt.easyxf(num_format_str="DD.MM.YYYY HH:MM")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        covered = _covered(spans[name])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in covered:
                    continue
                if isinstance(value, dt.datetime):
                    sheet.write(r, c, value, time_style)
                elif isinstance(value, dt.date):
                    sheet.write(r, c, value, date_style)
                elif value in _ERRORS:
                    # As openpyxl does for xlsx, an error's text becomes a cell holding that error.
                    sheet.row(r).set_cell_error(c, _ERRORS[value])
                else:
                    sheet.write(r, c, value)
        for r0, c0, r1, c1 in spans[name]:
            sheet.merge(r0, r1, c0, c1)
    book.save(str(path))


def _write_ods(path: Path, sheets: Mapping[str, Rows], spans: Mapping[str, list[Span]]) -> None:
    """Write as LibreOffice does: blank rows and trailing empty cells as repeats, a huge empty tail."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        starts = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in spans[name]}
        covered = _covered(spans[name])
        blank_run = 0
        for r, row in enumerate(rows):
            if all(v is None for v in row) and not any((r, c) in covered for c in range(len(row))):
                blank_run += 1
                continue
            if blank_run:
                table.addElement(TableRow(numberrowsrepeated=blank_run))
                blank_run = 0
            element = TableRow()
            last = max((c for c, v in enumerate(row) if v is not None), default=-1)
            last = max([last, *(c for (rr, c) in covered if rr == r), *(c for (rr, c) in starts if rr == r)])
            for c in range(last + 1):
                value = row[c] if c < len(row) else None
                if (r, c) in covered:
                    element.addElement(CoveredTableCell())
                    continue
                attributes: dict[str, object] = {}
                if (r, c) in starts:
                    down, across = starts[(r, c)]
                    attributes = {"numberrowsspanned": down, "numbercolumnsspanned": across}
                if isinstance(value, bool) or value is None:
                    cell = TableCell(**attributes)
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value, **attributes)
                elif isinstance(value, dt.date):
                    cell = TableCell(valuetype="date", datevalue=value.isoformat(), **attributes)
                else:
                    cell = TableCell(valuetype="string", **attributes)
                if value is not None:
                    for line in _text(value).split("\n"):
                        cell.addElement(P(text=line))
                element.addElement(cell)
            element.addElement(TableCell(numbercolumnsrepeated=1000))
            table.addElement(element)
        table.addElement(TableRow(numberrowsrepeated=1_048_000))
        document.spreadsheet.addElement(table)
    document.save(str(path))


def _write_csv(path: Path, rows: Rows, encoding: str, delimiter: str) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in rows:
            writer.writerow([_text(v) for v in row])


def _write_docx(
    path: Path,
    sheets: Mapping[str, Rows],
    spans: Mapping[str, list[Span]],
    before: Sequence[str],
    after: Sequence[str],
) -> None:
    import docx

    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    for index, (name, rows) in enumerate(sheets.items()):
        if index:
            document.add_paragraph("")
        width = max((len(r) for r in rows), default=1)
        table = document.add_table(rows=len(rows), cols=width)
        for r0, c0, r1, c1 in spans[name]:
            table.cell(r0, c0).merge(table.cell(r1, c1))
        covered = _covered(spans[name])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None and (r, c) not in covered:
                    table.cell(r, c).text = _text(value)
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))


def build_workbook(
    path: Path,
    sheets: Mapping[str, Rows],
    fmt: str | None = None,
    *,
    merges: Mapping[str, Sequence[str]] | None = None,
    encoding: str = "utf-8",
    delimiter: str = ";",
    paragraphs_before: Sequence[str] = (),
    paragraphs_after: Sequence[str] = (),
) -> Path:
    """Write sheets to a real file and return its path: Word tables for docx, the first sheet for csv."""
    fmt = fmt or path.suffix.lstrip(".")
    spans = {name: [span_of(ref) for ref in (merges or {}).get(name, ())] for name in sheets}
    if fmt == "xlsx":
        _write_xlsx(path, sheets, spans)
    elif fmt == "xls":
        _write_xls(path, sheets, spans)
    elif fmt == "ods":
        _write_ods(path, sheets, spans)
    elif fmt == "csv":
        _write_csv(path, next(iter(sheets.values())), encoding, delimiter)
    elif fmt == "docx":
        _write_docx(path, sheets, spans, paragraphs_before, paragraphs_after)
    else:
        raise ValueError(f"unknown format {fmt}")
    return path


def build_table(
    path: Path,
    rows: Rows,
    fmt: str | None = None,
    *,
    sheet: str = "Лист1",
    merges: Sequence[str] = (),
    encoding: str = "utf-8",
    delimiter: str = ";",
    paragraphs_before: Sequence[str] = (),
    paragraphs_after: Sequence[str] = (),
) -> Path:
    """Write one table to a real file and return its path."""
    return build_workbook(
        path,
        {sheet: rows},
        fmt,
        merges={sheet: merges},
        encoding=encoding,
        delimiter=delimiter,
        paragraphs_before=paragraphs_before,
        paragraphs_after=paragraphs_after,
    )


@pytest.fixture
def write_table() -> WriteTable:
    """Return the builder of a one-table file: ``write_table(path, rows, fmt, sheet=..., merges=...)``."""
    return build_table


@pytest.fixture
def write_workbook() -> WriteWorkbook:
    """Return the builder of a file with several sheets: ``write_workbook(path, {sheet: rows}, fmt=None)``."""
    return build_workbook


# ---------------------------------------------------------------------------------------------
# Rows from the real roadmaps (shared/seeds), in the messy forms they come in.

# Полысаево: a title above the header, a flat numbered roadmap, a blank line from a page break.
POLYSAEVO_ROWS: list[list[Cell]] = [
    ["ДОРОЖНАЯ КАРТА\n(план мероприятий)", None, None, None],
    [None, None, None, None],
    ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
    ["1.", "Создание муниципальной рабочей группы", "Октябрь 2020 года", "УО"],
    ["2.", "Утверждение муниципального координатора", "Октябрь 2020 года", "УО, ОО"],
    [None, None, None, None],
    ["3.", "Разработка муниципальной Дорожной карты", "Октябрь 2020 года", "УО, МБОУ ДПО «ИМЦ»"],
]

# Челябинск: sections «1.» over «1.1.», a Результат column, the duplicated number 3.3.
CHELYABINSK_ROWS: list[list[Cell]] = [
    ["«Дорожная карта» комплексного сопровождения", None, None, None, None],
    [
        "№ п/п",
        "Наименование мероприятия",
        "Срок (период) проведения",
        "Ответственный исполнитель",
        "Результат",
    ],
    ["1.", "Организационная работа с ОО", None, None, None],
    ["1.1.", "Индивидуальные консультации", "июнь-июль 2020 года", "ГБУ ДПО РЦОКИО", "Информация"],
    ["1.2.", "Собеседование с руководителями ОО", "сентябрь-ноябрь 2020 года", "ГБУ ДПО РЦОКИО", "Справка"],
    ["3.", "Информационно-аналитическая работа", None, None, None],
    ["3.3.", "Направление рекомендаций", "июль 2020 года", "ГБУ ДПО РЦОКИО", "Рекомендации"],
    ["3.3.", "Формирование плана мероприятий", "июль 2020 года", "ОО с низкими результатами", "План"],
]

# Новокузнецк: a passport above, header words broken across lines, sections spanning the row,
# executor cells with line breaks, a row split by a page break continued in the next row.
NOVOKUZNETSK_ROWS: list[list[Cell]] = [
    ["Дорожная карта по повышению качества общего образования", None, None, None],
    ["Основания для\nразработки", "Федеральный закон от 29.12.2012 N 273-ФЗ", None, None],
    [
        "Система организации\nконтроля за\nисполнением плана\nмероприятий",
        "Комитет образования и науки (далее – КОиН); районные отделы образования (далее - РОО), "
        "общеобразовательные организации, имеющие низкие образовательные результаты (далее – ШНОР)",
        None,
        None,
    ],
    ["Таблица 1.", None, None, None],
    ["№ \n\nп.п", "Мероприятия", "Сроки", "Исполнит\n\nели "],
    ["1. Обеспечение организационной и материально-технической поддержки ШНОР", None, None, None],
    ["1.1.", "Организация консультационно-методического обеспечения", "По\nотдельному\nграфику", "ИПК,\nОО"],
    [
        "1.3.",
        "Организация и проведение тематических совещаний с руководителями ШНОР",
        "По\nотдельному\nграфику",
        "КОиН,\nРОО,\nИПК",
    ],
    [None, "образования общеобразовательной организации по вопросам управления", None, None],
    ["2. Методическая поддержка педагогических и руководящих работников", None, None, None],
    [
        "2.1.",
        "Проведение анкетирования педагогических работников ШНОР",
        "ноябрь,\nдекабрь\n2020 года",
        "ИПК,\nОО",
    ],
]


@pytest.fixture
def polysaevo_rows() -> list[list[Cell]]:
    """Return the Полысаево roadmap rows: title, blank, header, numbered rows, a page-break blank."""
    return [list(r) for r in POLYSAEVO_ROWS]


@pytest.fixture
def chelyabinsk_rows() -> list[list[Cell]]:
    """Return the Челябинск roadmap rows: sections over sub-numbered rows and a Результат column."""
    return [list(r) for r in CHELYABINSK_ROWS]


@pytest.fixture
def novokuznetsk_rows() -> list[list[Cell]]:
    """Return the Новокузнецк roadmap rows: a passport, broken header words, a page-split row."""
    return [list(r) for r in NOVOKUZNETSK_ROWS]


# ---------------------------------------------------------------------------------------------
# A store of a real plan, for the tests that change it (scenario files, minutes).


@pytest.fixture
def store_path(tmp_path: Path, write_table: WriteTable) -> Path:
    """Return the path of a store holding Полысаево's order 162 and its reference workbook."""
    return write_polysaevo_store(tmp_path, write_table)
