"""The view lives in the URL: a link pasted into another browser opens the same drill-down."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from .browsing import (
    NewPage,
    Shoot,
    captions,
    choose_option,
    chosen,
    error_texts,
    headings,
    keyed,
    metrics,
    nav_link,
    open_options,
    open_view,
    rerun,
)
from .places import KUZBASS, POLYSAEVO, SCHOOL_33, SCHOOL_33_NAME, SCHOOL_35, ZAVODSKOI, view_url

pytestmark = pytest.mark.e2e

SCOPE = ("Регион", "Муниципалитет", "Район города", "Школа")
ZAVODSKOI_TRAIL = (
    "Все регионы › Кемеровская область – Кузбасс › Новокузнецкий городской округ › Заводской район"
)


def query_of(url: str) -> dict[str, list[str]]:
    """Return the query parameters of a URL."""
    return parse_qs(urlsplit(url).query)


def test_a_pasted_link_reopens_a_district_drill_down(
    page: Page, base_url: str, another_browser: NewPage, screenshot: Shoot
) -> None:
    open_view(page, view_url(base_url))
    choose_option(page, "Регион", "Кемеровская область – Кузбасс")
    choose_option(page, "Муниципалитет", "Новокузнецкий городской округ")
    choose_option(page, "Район города", "Заводской район")
    assert captions(page)[0] == ZAVODSKOI_TRAIL
    link, figures = page.url, metrics(page)
    assert query_of(link)["ter"] == [ZAVODSKOI]

    pasted = another_browser()
    open_view(pasted, link)
    screenshot("link-district-reopened", pasted)
    assert error_texts(pasted) == []
    assert headings(pasted)[0] == "Обзор"
    assert captions(pasted)[0] == ZAVODSKOI_TRAIL
    assert [chosen(pasted, label) for label in SCOPE] == [
        "Кемеровская область – Кузбасс",
        "Новокузнецкий городской округ",
        "Заводской район",
        "Все школы",
    ]
    assert metrics(pasted) == figures
    assert figures["Школ в списках"] == "3"


def test_a_pasted_link_reopens_a_school_card(
    page: Page, base_url: str, another_browser: NewPage, screenshot: Shoot
) -> None:
    open_view(page, view_url(base_url, ter=ZAVODSKOI))
    choose_option(page, "Школа", SCHOOL_33_NAME)
    with rerun(page):
        nav_link(page, "Школа").click()
    card = f"Карточка школы: {SCHOOL_33_NAME}"
    assert card in headings(page)
    link = page.url
    assert urlsplit(link).path == "/shkola"
    assert query_of(link)["school"] == [SCHOOL_33]

    pasted = another_browser()
    open_view(pasted, link)
    screenshot("link-school-reopened", pasted)
    assert error_texts(pasted) == []
    assert headings(pasted)[:2] == ["Школа", card]
    assert captions(pasted)[0] == f"{ZAVODSKOI_TRAIL} › {SCHOOL_33_NAME}"


def test_a_date_typed_into_the_as_of_field_applies_on_enter(page: Page, base_url: str) -> None:
    open_view(page, view_url(base_url, on="2021-03-01"))
    field = keyed(page, "scope.as_of").locator('[data-testid="stDateInputField"]')
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type("15042021")
    with rerun(page):
        page.keyboard.press("Enter")
    assert query_of(page.url)["on"] == ["2021-04-15"]
    assert field.inner_text().replace("\n", "") == "15.04.2021"
    assert error_texts(page) == []


def test_a_region_chosen_above_keeps_the_activity_search_and_searches_within_it(
    page: Page, base_url: str, screenshot: Shoot
) -> None:
    open_view(page, view_url(base_url, "tsepochki", on="2021-03-01", ter=KUZBASS))
    search = page.get_by_label("Найти мероприятие", exact=False)
    assert search.is_visible()
    with rerun(page):
        search.fill("семинар")
        search.press("Enter")
    screenshot("chains-region-search")
    # The list is drawn lazily: only its first options are in the page, enough for what the search finds.
    found = open_options(page, "Мероприятие").all_inner_texts()[1:]
    assert found
    assert all("семинар" in name.casefold() for name in found)
    page.keyboard.press("Escape")
    assert chosen(page, "Регион") == "Кемеровская область – Кузбасс"
    assert error_texts(page) == []


def test_a_link_naming_a_territory_not_in_the_data_says_what_is_shown_instead(
    page: Page, base_url: str
) -> None:
    open_view(page, view_url(base_url, on="2021-03-01", ter="ter:atlantis"))
    notes = page.locator('[data-testid="stAlertContentWarning"] [data-testid="stMarkdownContainer"]')
    assert [n.strip() for n in notes.all_inner_texts()] == [
        "В ссылке указана территория, которой нет в данных; показано: все регионы."
    ]
    assert chosen(page, "Регион") == "Все регионы"
    assert error_texts(page) == []


def test_an_overview_link_naming_an_executor_that_is_nowhere_says_so_and_drops_it_from_the_address(
    page: Page, base_url: str, another_browser: NewPage
) -> None:
    open_view(page, view_url(base_url, on="2021-03-01", exec="nonsense", month="2099-99"))
    notes = page.locator('[data-testid="stAlertContentWarning"] [data-testid="stMarkdownContainer"]')
    assert [n.strip() for n in notes.all_inner_texts()] == [
        "Не всё из ссылки удалось открыть:\n\n"
        "В ссылке указан исполнитель, которого нет в данных или на выбранной территории; "
        "показано: исполнитель не выбран.\n"
        "В ссылке указан месяц, которого нет на тепловой карте исполнителей; показано: месяц не выбран."
    ]
    assert query_of(page.url) == {"on": ["2021-03-01"]}
    assert error_texts(page) == []

    pasted = another_browser()
    open_view(pasted, page.url)
    assert pasted.locator('[data-testid="stAlertContentWarning"]').count() == 0


def test_the_back_button_returns_from_a_school_card_to_the_overview_it_was_opened_from(
    page: Page, base_url: str
) -> None:
    overview = {"on": ["2021-03-01"], "ter": [POLYSAEVO], "show": ["overdue"]}
    open_view(page, view_url(base_url, on="2021-03-01", ter=POLYSAEVO, show="overdue"))
    card = keyed(page, f"overview.school.{SCHOOL_35}").get_by_role("link")
    assert card.inner_text().strip().endswith("МБОУ «Школа № 35»")
    with rerun(page):
        card.click()
    assert headings(page)[:2] == ["Школа", "Карточка школы: МБОУ «Школа № 35»"]
    assert query_of(page.url) == {**overview, "school": [SCHOOL_35]}
    with rerun(page):
        page.go_back()
    assert headings(page)[0] == "Обзор"
    assert headings(page)[1].startswith("Просроченные окна")
    assert query_of(page.url) == overview
    assert error_texts(page) == []


def test_one_back_returns_from_a_page_picked_in_the_menu_to_the_view_it_was_picked_from(
    page: Page, base_url: str
) -> None:
    overview = {"on": ["2021-03-01"], "ter": [ZAVODSKOI]}
    open_view(page, view_url(base_url, on="2021-03-01", ter=ZAVODSKOI))
    with rerun(page):
        nav_link(page, "Сроки").click()
    assert headings(page)[0] == "Сроки"
    assert query_of(page.url) == overview
    with rerun(page):
        page.go_back()
    assert headings(page)[0] == "Обзор"
    assert query_of(page.url) == overview
    assert captions(page)[0] == ZAVODSKOI_TRAIL
    assert error_texts(page) == []
