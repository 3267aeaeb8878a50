"""Exports for the minutes: a table as xlsx with Russian headers, a chart as a PNG image."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import openpyxl
import polars as pl
import pytest
import vl_convert
from PIL import Image

from dashboard import charts, export, texts, vega


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
    assert rows[1][:2] == ["ИМЦ", 1.3]
    assert sheet["B2"].number_format == "0 %"
    assert rows[1][2].date() == date(2020, 10, 31)
    assert rows[1][3] == 10


def _sheet(workbook: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    assert len(book.sheetnames) == 1
    return book.active


def test_an_xlsx_holds_loads_as_percentages_months_and_dates_as_dates_and_plain_numbers() -> None:
    frame = pl.DataFrame(
        {
            "executor_name": ["ИМЦ", "УО"],
            "capacity": [4.0, 2.5],
            "peak_month": ["ноя 2020", None],
            "peak_percent": ["250 %", "—"],
            "window_end": [date(2020, 10, 31), None],
        }
    )
    sheet = _sheet(export.xlsx_bytes(frame, texts.sheet_name("ranking")))
    assert sheet.title == "Нагрузка"
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["ИМЦ", 4, datetime(2020, 11, 1), 2.5, datetime(2020, 10, 31)],
        ["УО", 2.5, None, None, None],
    ]
    # What Excel shows: «4» and «2,5», «ноя 2020» (Russian month names), «250 %», «31.10.2020».
    formats = [c.number_format for c in sheet[2]]
    assert formats == ["General", "General", "[$-419]mmm yyyy", "0 %", "dd.mm.yyyy"]
    assert sheet.freeze_panes == "A2"
    (table,) = sheet.tables.values()
    assert table.ref == "A1:E3" and table.autoFilter is not None


def test_a_long_text_wraps_in_a_column_of_readable_width() -> None:
    frame = pl.DataFrame({"number": ["1."], "text": ["Анализ результатов " * 20]})
    sheet = _sheet(export.xlsx_bytes(frame))
    assert sheet.column_dimensions["B"].width < 70
    assert sheet["B2"].alignment.wrap_text
    assert not sheet["A2"].alignment.wrap_text


def test_a_status_column_says_the_date_it_holds_on() -> None:
    frame = pl.DataFrame({"text": ["Семинар"], "status": ["просрочено"]})
    sheet = _sheet(export.xlsx_bytes(frame, titles=texts.columns_on(date(2021, 3, 1))))
    assert [c.value for c in sheet[1]] == ["Мероприятие", "Статус на 01.03.2021"]


def test_a_charts_data_in_excel_keeps_its_percentages_and_months_typed() -> None:
    frame = pl.DataFrame(
        {
            "month": [date(2020, 9, 1), date(2020, 10, 1)],
            "month_name": ["сен 2020", "окт 2020"],
            "active": [6.0, 9.0],
            "due": [0.0, 1.0],
            "capacity": [4.0, 4.0],
            "ratio": [1.5, 2.25],
            "load_percent": ["150 %", "225 %"],
            "band": [texts.LOAD_BANDS[3]] * 2,
        }
    )
    sheet = _sheet(export.chart_xlsx_bytes(charts.executor_months_chart(frame), "Нагрузка исполнителя"))
    header = [c.value for c in sheet[1]]
    assert header[0] == "Месяц" and "К мощности" in header
    first = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert first["Месяц"] == datetime(2020, 9, 1)
    assert first["К мощности"] == 1.5
    assert sheet.title == "Нагрузка исполнителя"


@pytest.mark.parametrize(
    ("name", "sheet"),
    [
        ("overview_overdue", "Обзор просроченные окна"),
        ("area_cell", "Окна клетки территории"),
        ("x/y:z", "x y z"),
    ],
)
def test_a_sheet_is_named_for_what_it_holds(name: str, sheet: str) -> None:
    assert export.sheet_title(texts.sheet_name(name)) == sheet


ONE_CELL = pl.DataFrame(
    {
        "unit": ["ter:a"],
        "area_name": ["Город"],
        "month_key": ["2020-10"],
        "month_name": ["окт 2020"],
        "windows": [3],
    }
)
"""A territory heatmap of one town and one month."""


def test_a_chart_exports_to_png() -> None:
    image = export.png_bytes(charts.area_heatmap(ONE_CELL, ["окт 2020"]), scale=1)
    assert image[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_chart_image_is_titled_with_what_where_and_as_of_when_and_the_screen_is_not() -> None:
    chart = charts.area_heatmap(ONE_CELL, ["окт 2020"])
    title = texts.chart_title("areas", "", "Полысаевский городской округ", date(2021, 3, 1))
    assert title == (
        "Территории × месяцы: окна со сроком в месяце — Полысаевский городской округ, на 01.03.2021"
    )
    spec = export.png_spec(chart, title)
    assert spec["title"] == {"text": title, "anchor": "start", "frame": "bounds", "offset": 12}
    assert "title" not in vega.streamlit_spec(chart)
    image = Image.open(io.BytesIO(export.png_bytes(chart, scale=1, title=title)))
    image.load()
    assert image.info["Title"] == title
    untitled = Image.open(io.BytesIO(export.png_bytes(chart, scale=1)))
    assert image.height > untitled.height


@pytest.mark.parametrize(
    ("what", "subject", "shown"),
    [
        ("executor", "ИМЦ", "Нагрузка по месяцам: ИМЦ"),
        ("heatmap", "срок в месяце", "Исполнители × месяцы: срок в месяце"),
        ("chain", "Семинар " * 30, "Цепочка ответственности: " + "Семинар " * 11 + "…"),
        ("scenario_load", "«Весна»", "Нагрузка по месяцам: «Весна» и этот сценарий"),
        ("scenario_load", "", "Нагрузка по месяцам"),
    ],
)
def test_a_chart_image_title_names_its_subject_shortened(what: str, subject: str, shown: str) -> None:
    title = texts.chart_title(what, subject, texts.ALL_REGIONS, date(2021, 3, 1))
    assert title == f"{shown} — Все регионы, на 01.03.2021"


def test_export_names_say_what_and_for_which_date() -> None:
    assert texts.export_name("ranking", date(2021, 3, 1), "xlsx") == "Нагрузка_2021-03-01.xlsx"


def test_each_overview_list_and_the_chart_download_under_their_own_names() -> None:
    day = date(2026, 11, 22)
    names = [texts.export_name(f"overview_{name}", day, "xlsx") for name in texts.FIGURES]
    names.append(texts.chart_data_name("overview_bars", day))
    assert len(set(names)) == len(names)
    assert texts.export_name("overview_overdue", day, "xlsx") == "Обзор_просроченные_окна_2026-11-22.xlsx"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (1, "Сейчас: 1 мероприятие в месяц (из данных)."),
        (4, "Сейчас: 4 мероприятия в месяц (из данных)."),
        (5, "Сейчас: 5 мероприятий в месяц (из данных)."),
        (2.5, "Сейчас: 2,5 мероприятия в месяц (из данных)."),
        (0, "Сейчас: 0 мероприятий в месяц (из данных)."),
    ],
)
def test_a_capacity_is_said_with_its_noun_agreeing(value: float, said: str) -> None:
    shown = texts.CAPACITY_NOW.format(value=texts.counted(value, texts.ACTIVITY_FORMS), origin="из данных")
    assert shown == said
    assert texts.SCENARIO_CAPACITY_NOW.format(value=texts.counted(value, texts.ACTIVITY_FORMS)).startswith(
        "В плане: " + said.removeprefix("Сейчас: ").removesuffix(" (из данных).")
    )


@pytest.mark.parametrize(
    ("links", "activities", "said"),
    [
        (1, 1, "1 разрыв у 1 мероприятия"),
        (3, 2, "3 разрыва у 2 мероприятий"),
        (21, 5, "21 разрыв у 5 мероприятий"),
    ],
)
def test_broken_chains_are_counted_in_agreement(links: int, activities: int, said: str) -> None:
    text = texts.BROKEN_COUNTRY.format(
        links=texts.counted(links, texts.BREAK_FORMS),
        activities=texts.counted(activities, texts.ACTIVITY_GENITIVE_FORMS),
    )
    assert text.startswith(f"По всей стране {said}.")


def test_a_month_grid_image_writes_both_lines_of_its_month_names_above_its_cells() -> None:
    frame = pl.DataFrame(
        {
            "unit": ["ter:a", "ter:b"],
            "area_name": ["Город", "Село"],
            "month_key": ["2020-10", "2020-11"],
            "month_name": ["окт 2020", "ноя 2020"],
            "windows": [3, 4],
        }
    )
    svg = vl_convert.vegalite_to_svg(vega.inline_spec(charts.area_heatmap(frame, ["окт 2020", "ноя 2020"])))
    # The axis on top of the grid is drawn from y = 0 upwards: the year's baseline must not go below it.
    labels = re.findall(
        r'translate\([\d.]+,(-?[\d.]+)\)[^>]*><tspan>(?:окт|ноя)</tspan><tspan x="0" dy="(\d+)"', svg
    )
    assert len(labels) == 2
    assert all(float(y) + float(dy) <= 0 for y, dy in labels)
