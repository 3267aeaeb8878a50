"""«Сценарии»: a what-if made in the browser, saved, and opened by its link shows the same comparison; the
link then names the saved scenario it is compared with."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .browsing import (
    COUNT_RUNS,
    RUN_TIMEOUT_MS,
    NewPage,
    Shoot,
    add_capacity_change,
    add_operation,
    captions,
    choose_option,
    chosen,
    english_words,
    error_texts,
    headings,
    keyed,
    metrics,
    open_view,
    rerun,
    table_by_key,
    table_rows,
    wait_for_app,
)
from .places import IMC_POLYSAEVO_NAME, POLYSAEVO, view_url

pytestmark = pytest.mark.e2e

NAME = "ИМЦ Полысаево: разгрузка"
OPERATIONS = [
    "Передать мероприятие «10. Анализ наличия обязательного перечня локальных нормативных актов и их "
    "соответствия требованиям законодательства об образовании» "
    "от «ИМЦ (Полысаевский городской округ)» к «УО»",
    "Установить мощность «ИМЦ (Полысаевский городской округ)»: 6 мероприятий в месяц",
]
# Order 162: ИМЦ carries 9–10 activities a month against a capacity of 4; one goes to УО, capacity 6:
# it stays overloaded in its busiest months, so it is overloaded less, not «больше не перегружен».
SUMMARY = {
    "Исполнителей затронуто": "2",
    "Становятся перегружены": "0",
    "Больше не перегружены": "0",
    "Сроков сдвинуто": "0",
    "Цепочек изменено": "1",
    "Цепочек разорвано": "0",
    "Школ с ростом нагрузки": "0",
}
NOVEMBER_2020 = {
    "Исполнитель": IMC_POLYSAEVO_NAME,
    "Месяц": "ноя 2020",
    # Numbers, so that a click on the header sorts by value: the grid draws them «250 %», and its copy for
    # screen readers (what a browser test reads) holds the number.
    "К мощности: план": "250",
    "К мощности: сценарий": "150",
    "Что меняется": "перегружен меньше",
}


def operation_lines(page: Page) -> list[str]:
    """Return the operations of the scenario as listed, in order."""
    text = keyed(page, "scenario.operations").inner_text()
    return [line.strip() for line in text.splitlines() if line.strip()]


def shown_summary(page: Page) -> dict[str, str]:
    """Return the comparison's figures this test knows."""
    shown = metrics(page)
    return {name: shown.get(name, "") for name in SUMMARY}


def overload_rows(page: Page) -> list[dict[str, str]]:
    """Return the rows of the comparison's overload table."""
    return table_rows(table_by_key(page, "scenario.overload"))


def saved_status(page: Page) -> Locator:
    """Return the caption that names the saved scenario being edited."""
    return page.get_by_text(re.compile(f"^Сохранённый сценарий «{re.escape(NAME)}»: версия 1"))


def test_a_scenario_made_in_the_browser_reopens_by_link_with_the_same_comparison(
    page: Page, base_url: str, another_browser: NewPage, screenshot: Shoot
) -> None:
    open_view(page, view_url(base_url, "stsenarii", ter=POLYSAEVO))
    assert english_words(page) == []
    choose_option(page, "От кого", IMC_POLYSAEVO_NAME)
    choose_option(page, "Кому", "УО")
    choose_option(page, "Мероприятие", "10. Анализ наличия обязательного перечня", exact=False)
    add_operation(page)
    add_capacity_change(page, IMC_POLYSAEVO_NAME, "6")
    assert error_texts(page) == []
    assert operation_lines(page) == OPERATIONS
    assert shown_summary(page) == SUMMARY
    made = overload_rows(page)
    assert NOVEMBER_2020 in made

    page.get_by_role("textbox", name="Название сценария").fill(NAME)
    page.get_by_role("textbox", name="Кто сохраняет").fill("Браузерный тест")
    page.get_by_role("textbox", name="Причина или пояснение").fill("Разгрузить ИМЦ в ноябре")
    with rerun(page):
        page.get_by_role("button", name="Сохранить", exact=True).click()
    # Saving reruns the page once more to put the scenario's id into the address.
    page.wait_for_url(re.compile(r"[?&]scn="), timeout=RUN_TIMEOUT_MS)
    expect(saved_status(page)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    screenshot("stsenarii-saved")
    link = page.url
    assert parse_qs(urlsplit(link).query)["ter"] == [POLYSAEVO]

    pasted = another_browser()
    open_view(pasted, link)
    screenshot("stsenarii-reopened", pasted)
    assert error_texts(pasted) == []
    assert headings(pasted)[0] == "Сценарии"
    assert captions(pasted)[0] == "Все регионы › Кемеровская область – Кузбасс › Полысаевский городской округ"
    expect(saved_status(pasted)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    assert operation_lines(pasted) == OPERATIONS
    assert shown_summary(pasted) == SUMMARY
    assert overload_rows(pasted) == made

    # Compared with its own saved copy instead of the plan, nothing differs, and the link names both.
    choose_option(pasted, "С чем сравнить", NAME, exact=False)
    pasted.wait_for_url(re.compile(r"[?&]vs="), timeout=RUN_TIMEOUT_MS)
    assert error_texts(pasted) == []
    assert f"Сравнение со сценарием «{NAME}»" in headings(pasted)
    assert set(shown_summary(pasted).values()) == {"0"}
    query = parse_qs(urlsplit(pasted.url).query)
    assert query["vs"] == query["scn"]
    screenshot("stsenarii-versus", pasted)


def test_a_saved_scenario_says_when_in_the_time_zone_of_the_users_browser(
    browser: Browser, browser_context_args: dict[str, Any], base_url: str, screenshot: Shoot
) -> None:
    # A colleague in Novosibirsk (UTC+7) on a server that keeps UTC: the moments are his, not the server's.
    novosibirsk = ZoneInfo("Asia/Novosibirsk")
    context = browser.new_context(**{**browser_context_args, "timezone_id": "Asia/Novosibirsk"})
    page = context.new_page()
    try:
        page.add_init_script(COUNT_RUNS)
        page.set_default_timeout(30_000)
        open_view(page, view_url(base_url, "stsenarii", ter=POLYSAEVO))
        add_capacity_change(page, IMC_POLYSAEVO_NAME, "5")
        page.get_by_role("textbox", name="Название сценария").fill("Новосибирское время")
        page.get_by_role("textbox", name="Кто сохраняет").fill("Браузерный тест")
        with rerun(page):
            page.get_by_role("button", name="Сохранить", exact=True).click()
        saved_at = datetime.now(novosibirsk).replace(tzinfo=None)
        page.wait_for_url(re.compile(r"[?&]scn="), timeout=RUN_TIMEOUT_MS)
        status = page.get_by_text(re.compile("^Сохранённый сценарий «Новосибирское время»: версия 1"))
        expect(status).to_be_visible(timeout=RUN_TIMEOUT_MS)
        wait_for_app(page)
        screenshot("stsenarii-time-zone", page)
        said = re.search(r"изменён (\d\d\.\d\d\.\d{4} \d\d:\d\d)", status.inner_text())
        assert said is not None
        shown = datetime.strptime(said[1], "%d.%m.%Y %H:%M")
        assert abs(shown - saved_at) < timedelta(minutes=2), (said[1], saved_at)
        # The saved list and its choice say the same moment.
        [row] = [
            r
            for r in table_rows(table_by_key(page, "scenario.saved"))
            if r["Сценарий"] == "Новосибирское время"
        ]
        # (The grid's copy for screen readers, which a test reads, holds the moment as ISO; the grid draws it
        # as the caption does.)
        assert row["Когда"].startswith(f"{shown:%Y-%m-%d %H:%M}")
        assert chosen(page, "Сценарий") == f"Новосибирское время — {said[1]}, Браузерный тест"
    finally:
        context.close()


def test_handing_over_all_the_work_of_a_month_cuts_the_activities_that_run_longer(
    page: Page, base_url: str, screenshot: Shoot
) -> None:
    # On 15 November 2020 the period offered is that month, ИМЦ's busiest (250 % of its capacity).
    open_view(page, view_url(base_url, "stsenarii", ter=POLYSAEVO, on="2020-11-15"))
    choose_option(page, "От кого", IMC_POLYSAEVO_NAME)
    choose_option(page, "Кому", "УО")
    choose_option(page, "Какие мероприятия", "всю работу в периоде, деля длинные мероприятия")
    said = captions(page)
    assert any(c.startswith("Будет передано: 2 мероприятия — сроки целиком внутри периода") for c in said)
    assert any(c.startswith("Будет передано частью: 8 мероприятий — идут и вне периода") for c in said)
    add_operation(page)
    assert error_texts(page) == []
    assert operation_lines(page) == [
        "Передать работу «ИМЦ (Полысаевский городской округ)» в периоде 01.11.2020 – 30.11.2020 "
        "исполнителю «УО»; мероприятия, идущие и вне периода, делятся по его границам"
    ]
    shown = metrics(page)
    assert (shown["Сроков сдвинуто"], shown["Школ с ростом нагрузки"]) == ("0", "0")
    assert overload_rows(page) == [{**NOVEMBER_2020, "К мощности: сценарий": "0"}]
    screenshot("stsenarii-split")
