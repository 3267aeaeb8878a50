"""Downloads as a user gets them from the browser: tables and a chart's data in Excel, charts as PNG."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PIL import Image
from playwright.sync_api import Page

from .browsing import CHART, mark_fields, mark_labels, metrics, open_view
from .places import IMC_POLYSAEVO_NAME, POLYSAEVO, view_url

pytestmark = pytest.mark.e2e

IMC_POLYSAEVO = "inst:" + POLYSAEVO.removeprefix("ter:") + "/imts"


def _download(page: Page, key: str) -> tuple[str, bytes]:
    """Click the download button of the element keyed `key` and return the file's name and bytes."""
    with page.expect_download() as started:
        page.locator(f".st-key-{key} button").click()
    download = started.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def _rows(workbook: bytes) -> tuple[str, list[dict[str, Any]], list[list[str]]]:
    """Return a one-sheet workbook's sheet name, its rows by header, and the number formats of its rows."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    (sheet,) = book.worksheets
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    formats = [[c.number_format for c in row] for row in sheet.iter_rows(min_row=2)]
    return sheet.title, rows, formats


def test_an_executors_load_downloads_as_numbers_months_and_a_readable_image(
    page: Page, base_url: str
) -> None:
    open_view(page, view_url(base_url, "nagruzka", on="2021-03-01", ter=POLYSAEVO, exec=IMC_POLYSAEVO))
    # The month chart is not clickable and so carries no key: it is the chart after the ranking.
    months_chart = page.locator(CHART).nth(1)
    shown = [mark_fields(label) for label in mark_labels(months_chart)]
    name, data = _download(page, "workload-months-xlsx")
    assert name == "Нагрузка_исполнителя_данные_графика_2021-03-01.xlsx"
    sheet, rows, _ = _rows(data)
    assert sheet == "Нагрузка исполнителя"
    # The same months as the bars, in their order, as dates; the load against capacity as a number.
    assert [r["Месяц"] for r in rows][:2] == [datetime(2020, 9, 1), datetime(2020, 10, 1)]
    bars = [f for f in shown if "К мощности" in f]
    assert [f"{round(r['К мощности'] * 100)} %" for r in rows] == [f["К мощности"] for f in bars]
    name, data = _download(page, "workload-table-xlsx")
    assert name == "Нагрузка_2021-03-01.xlsx"
    _, rows, formats = _rows(data)
    imc = next(r for r in rows if r["Исполнитель"] == IMC_POLYSAEVO_NAME)
    assert (imc["Пик к мощности"], imc["Месяц пика"], imc["Мощность в месяц"]) == (
        2.5,
        datetime(2020, 11, 1),
        4,
    )
    assert "0 %" in formats[0] and "[$-419]mmm yyyy" in formats[0]
    name, data = _download(page, "workload-months-png")
    assert name == "Нагрузка_исполнителя_2021-03-01.png"
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.width >= 2000
    # Saved, the image still says what it shows, where and as of when.
    where = "Полысаевский городской округ, на 01.03.2021"
    assert image.info["Title"] == f"Нагрузка по месяцам: {IMC_POLYSAEVO_NAME} — {where}"


def test_the_overdue_list_downloads_the_windows_counted_with_the_date_of_their_status(
    page: Page, base_url: str
) -> None:
    open_view(page, view_url(base_url, on="2021-03-01", ter=POLYSAEVO, show="overdue"))
    overdue = int(metrics(page)["Просрочено окон"])
    name, data = _download(page, "overview-list-xlsx")
    assert name == "Обзор_просроченные_окна_2021-03-01.xlsx"
    sheet, rows, formats = _rows(data)
    assert sheet == "Обзор просроченные окна"
    assert len(rows) == overdue > 0
    assert {r["Статус на 01.03.2021"] for r in rows} == {"просрочено"}
    assert all(r["Окно по"] < datetime(2021, 3, 1) for r in rows)
    assert all(f[3] == "dd.mm.yyyy" for f in formats)
