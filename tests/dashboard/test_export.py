"""Exports for the minutes: a table as xlsx with Russian headers, a chart as a PNG image."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import polars as pl

from dashboard import charts, export, texts


def test_a_table_exports_to_xlsx_with_russian_headers_and_its_values() -> None:
    frame = pl.DataFrame(
        {
            "executor_name": ["ИМЦ"],
            "peak_percent": ["130 %"],
            "window_end": [date(2020, 10, 31)],
            "capacity": [10.0],
        }
    )
    sheet = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(frame))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert sheet.title == texts.XLSX_SHEET
    assert rows[0] == ["Исполнитель", "Пик к мощности", "Окно по", "Мощность в месяц"]
    assert rows[1][:2] == ["ИМЦ", "130 %"]
    assert rows[1][2].date() == date(2020, 10, 31)
    assert rows[1][3] == 10


def test_a_chart_exports_to_png() -> None:
    frame = pl.DataFrame(
        {
            "unit": ["ter:a"],
            "area_name": ["Город"],
            "month_key": ["2020-10"],
            "month_name": ["окт 2020"],
            "windows": [3],
        }
    )
    image = export.png_bytes(charts.area_heatmap(frame, ["окт 2020"]), scale=1)
    assert image[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_names_say_what_and_for_which_date() -> None:
    assert texts.export_name("ranking", date(2021, 3, 1), "xlsx") == "Нагрузка_2021-03-01.xlsx"
