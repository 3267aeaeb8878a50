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
    metrics,
    nav_link,
    open_view,
    rerun,
)
from .places import SCHOOL_33, SCHOOL_33_NAME, ZAVODSKOI, view_url

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
