"""«Сроки»: a click on a heatmap cell lists the activities behind it, with their deadlines as published."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .browsing import (
    Shoot,
    chart_by_key,
    chart_mark,
    click_mark,
    english_words,
    error_texts,
    headings,
    open_view,
    rerun,
    table_by_key,
    table_height,
    table_rows,
)
from .places import IMC_POLYSAEVO_NAME, view_url

pytestmark = pytest.mark.e2e


# Order 162 of Полысаево: what runs in November 2020 with its ИМЦ among the executors (lead or not).
IMC_NOVEMBER_2020 = {
    ("6.", "Ноябрь 2020 года"),
    ("8.", "Октябрь-ноябрь 2020 года"),
    ("10.", "Ноябрь 2020 года"),
    ("12.", "В течение учебного года"),
    ("13.", "Октябрь-ноябрь 2020 года"),
    ("14.", "В течение учебного года"),
    ("16.", "В течение учебного года"),
    ("17.", "В течение учебного года"),
    ("18.", "В течение учебного года"),
    ("19.", "В течение учебного года"),
}


def test_a_click_on_an_executor_month_cell_lists_the_activities_behind_it(
    page: Page, base_url: str, screenshot: Shoot
) -> None:
    open_view(page, view_url(base_url, "sroki"))
    screenshot("sroki")  # the page as it opens (test_pages leaves «Сроки» to this test)
    assert error_texts(page) == []
    assert english_words(page) == []
    assert headings(page)[:2] == ["Сроки", "Исполнители × месяцы"]
    heatmap = chart_by_key(page, "deadlines.heatmap")
    cell = chart_mark(heatmap, Исполнитель=IMC_POLYSAEVO_NAME, Месяц="ноя 2020")
    assert "Идут в месяце: 10;" in (cell.get_attribute("aria-label") or "")
    with rerun(page):
        click_mark(cell)
    screenshot("sroki-executor-cell")
    assert error_texts(page) == []
    assert f"{IMC_POLYSAEVO_NAME}, ноя 2020 — идут в месяце: 10 мероприятий" in headings(page)
    listed = table_by_key(page, "deadlines.cell")
    assert table_height(listed) == 10
    rows = table_rows(listed)
    assert {(row["№"], row["Срок (как в документе)"]) for row in rows} == IMC_NOVEMBER_2020
    texts = {row["№"]: row["Мероприятие"] for row in rows}
    assert texts["10."] == (
        "Анализ наличия обязательного перечня локальных нормативных актов и их соответствия "
        "требованиям законодательства об образовании"
    )
    assert texts["6."] == (
        "Совещание с руководителями общеобразовательных организаций "
        "«О результатах оценочных процедур текущего года»."
    )


def test_a_click_on_a_territory_month_cell_lists_the_windows_ending_in_it(
    page: Page, base_url: str, screenshot: Shoot
) -> None:
    open_view(page, view_url(base_url, "sroki"))
    heatmap = chart_by_key(page, "deadlines.areas")
    cell = chart_mark(heatmap, Территория="Мурманская область", Месяц="янв 2021")
    with rerun(page):
        click_mark(cell)
    screenshot("sroki-territory-cell")
    assert error_texts(page) == []
    assert "Мурманская область, янв 2021 — окон со сроком в месяце: 1" in headings(page)
    listed = table_by_key(page, "deadlines.area_cell")
    assert table_height(listed) == 1
    [row] = table_rows(listed)
    assert (row["Дорожная карта"], row["№"], row["Срок (как в документе)"]) == (
        "№ 576 от 15.12.2020",
        "10.",
        "Январь, ежегодно",
    )
    assert row["Мероприятие"].startswith("Разработка методов корректировки затруднений руководителей ОО")
