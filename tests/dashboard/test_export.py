"""Exports for the minutes: a table as xlsx with Russian headers, a chart as a PNG image."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import polars as pl
import pytest

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
