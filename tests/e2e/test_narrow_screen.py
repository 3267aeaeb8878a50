"""On a 1024×768 projector every chart and control is whole: the chain up to its controller, the comparison
up to its last month, the date, the figures' labels, the filters and the buttons."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from .browsing import (
    MAIN,
    TABLE,
    Shoot,
    add_capacity_change,
    error_texts,
    keyed,
    mark_fields,
    mark_labels,
    metrics,
    open_view,
    table_by_key,
    table_rows,
)
from .places import IMC_POLYSAEVO_NAME, POLYSAEVO, view_url

pytestmark = pytest.mark.e2e

PROJECTOR = {"width": 1024, "height": 768}
# 2.1 of order 1324 of Новокузнецк: the questionnaire of teachers, controlled by a deputy minister.
QUESTIONNAIRE = "rm:kemerovskaia-oblast-kuzbass/novokuznetskii-gorodskoi-okrug/1324-2020-12-03#9"
CHART = '[data-testid="stVegaLiteChart"]'
METRIC_LABELS = f'{MAIN} [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]'

# The box of an element and of the page's main column, and every text of a chart past the chart's right edge.
BOX = "e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right}; }"
TEXTS_PAST_EDGE = """chart => {
  const edge = chart.getBoundingClientRect().right;
  return [...chart.querySelectorAll('svg text')]
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().right > edge + 1)
    .map(t => t.textContent);
}"""
# The texts of the elements that do not fit theirs: cut with «…» or scrolled.
CUT = """els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def chart_before(page: Page, button_key: str) -> Locator:
    """Return the chart drawn right before the element with this key (a chart's «PNG» button)."""
    index = page.evaluate(
        """([selector, key]) => {
          const button = document.querySelector(key);
          const charts = [...document.querySelectorAll(selector)];
          const before = c => c.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING;
          return charts.filter(before).length - 1;
        }""",
        [CHART, f".st-key-{button_key.replace('.', '-')}"],
    )
    assert index >= 0, f"no chart is drawn before {button_key}"
    return page.locator(CHART).nth(int(index))


def inside(box: dict[str, Any], outer: dict[str, Any]) -> bool:
    return bool(box["left"] >= outer["left"] - 1 and box["right"] <= outer["right"] + 1)


def test_the_chain_up_to_its_controller_fits_a_projector(
    page: Page, base_url: str, screenshot: Shoot
) -> None:
    page.set_viewport_size(PROJECTOR)
    open_view(page, view_url(base_url, "tsepochki", on="2021-03-01", act=QUESTIONNAIRE))
    assert error_texts(page) == []
    chart = chart_before(page, "chains.graph.png")
    screenshot("narrow-chain")
    main = page.locator(MAIN).evaluate(BOX)
    box = chart.evaluate(BOX)
    assert inside(box, main) and box["right"] <= PROJECTOR["width"]
    controllers = [
        i for i, label in enumerate(mark_labels(chart)) if mark_fields(label).get("Роль") == "контролирующий"
    ]
    assert controllers, "the chain names no controller"
    dots = chart.locator('g.role-mark > path[role="graphics-symbol"]')
    for i in controllers:
        assert inside(dots.nth(i).evaluate(BOX), box)
    assert chart.evaluate(TEXTS_PAST_EDGE) == []


def _scenario_on_projector(page: Page, base_url: str) -> None:
    """Open «Сценарии» at projector size with one operation: the ИМЦ of Полысаево at capacity 2."""
    page.set_viewport_size(PROJECTOR)
    open_view(page, view_url(base_url, "stsenarii", ter=POLYSAEVO, on="2021-03-01"))
    add_capacity_change(page, IMC_POLYSAEVO_NAME, "2")
    assert error_texts(page) == []


def test_the_comparison_and_the_scenario_buttons_are_whole_on_a_projector(
    page: Page, base_url: str, screenshot: Shoot
) -> None:
    _scenario_on_projector(page, base_url)
    chart = chart_before(page, "scenario.chart.png")
    screenshot("narrow-scenario")
    box = chart.evaluate(BOX)
    assert box["right"] <= PROJECTOR["width"]
    cells = [mark_fields(label) for label in mark_labels(chart)]
    scenario = [i for i, cell in enumerate(cells) if cell.get("Вариант") == "Сценарий"]
    assert scenario, "the comparison draws no cell of the scenario"
    last = scenario[-1]
    assert cells[last]["Месяц"] == "авг 2021"
    marks = chart.locator('g.role-mark > path[role="graphics-symbol"]')
    assert inside(marks.nth(last).evaluate(BOX), box)
    assert chart.evaluate(TEXTS_PAST_EDGE) == []
    steps = ", ".join(f".st-key-{key} button" for key in ("scenario-undo", "scenario-redo", "scenario-new"))
    labels = page.locator(f':is({steps}) [data-testid="stMarkdownContainer"]')
    assert labels.count() == 3
    assert labels.evaluate_all(CUT) == []
    assert page.locator(METRIC_LABELS).count() == len(metrics(page)) == 8
    assert page.locator(METRIC_LABELS).evaluate_all(CUT) == []


# How far the columns of a table reach past its right edge (a grid scrolls sideways to show the rest).
COLUMNS_PAST_EDGE = (
    "t => { const s = t.querySelector('.dvn-scroller'); return s.scrollWidth - s.clientWidth; }"
)


def test_who_could_take_work_shows_every_column_on_a_projector(
    page: Page, base_url: str, screenshot: Shoot
) -> None:
    _scenario_on_projector(page, base_url)
    takers = table_by_key(page, "scenario.takers")
    takers.scroll_into_view_if_needed()
    screenshot("narrow-takers")
    rows = table_rows(takers)
    # The working group's long name no longer pushes capacity, spare and hand-over out of sight.
    assert any(row["Исполнитель"].startswith("Муниципальная рабочая группа") for row in rows)
    assert list(rows[0])[-3:] == ["Мощность в месяц", "Свободно в худший месяц", "Что передать"]
    box = takers.evaluate(BOX)
    assert box["right"] <= PROJECTOR["width"]
    assert takers.evaluate(COLUMNS_PAST_EDGE) <= 1
    tables = page.locator(f"{MAIN} {TABLE}")
    assert tables.count() >= 3
    for i in range(tables.count()):
        if tables.nth(i).is_visible():
            assert tables.nth(i).evaluate(COLUMNS_PAST_EDGE) <= 1, f"table {i} scrolls sideways"


def test_the_date_the_figures_and_the_filters_are_whole_on_a_projector(
    page: Page, base_url: str, screenshot: Shoot
) -> None:
    page.set_viewport_size(PROJECTOR)
    open_view(page, view_url(base_url, on="2021-03-01"))
    screenshot("narrow-overview")
    date = keyed(page, "scope.as_of").locator('[data-testid="stDateInputFieldsScroller"]')
    assert date.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the date is cut"
    assert date.inner_text().replace(" ", "").replace("\n", "") == "01.03.2021"
    labels = page.locator(METRIC_LABELS)
    assert labels.count() == len(metrics(page)) > 0
    assert labels.evaluate_all(CUT) == []

    open_view(page, view_url(base_url, "nagruzka", on="2021-03-01"))
    main = page.locator(MAIN).evaluate(BOX)
    for key, count in (("workload.levels", 5), ("workload.kinds", 5)):
        pills = keyed(page, key).locator("button")
        assert pills.count() == count
        assert all(inside(pills.nth(i).evaluate(BOX), main) for i in range(count)), (
            f"a pill of {key} is hidden"
        )


# Item 2 of order 162 of Полысаево: a municipal activity, its roadmap based on the regional order 1721.
APPOINT = "rm:kemerovskaia-oblast-kuzbass/polysaevskii-gorodskoi-okrug/162-2020-10-28#15"
# The pairs of a chart's names whose boxes cross (names written over each other).
NAMES_OVER_NAMES = """chart => {
  const boxes = [...chart.querySelectorAll('g.mark-text text')]
    .filter(t => t.textContent.trim())
    .map(t => [t.textContent, t.getBoundingClientRect()]);
  const crossing = [];
  boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {
    if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1)
      crossing.push([a, b]);
  }));
  return crossing;
}"""


@pytest.mark.parametrize("size", [PROJECTOR, {"width": 1440, "height": 900}])
def test_a_municipal_chain_reaches_the_regional_deputy_minister_with_no_name_over_another(
    page: Page, base_url: str, screenshot: Shoot, size: dict[str, int]
) -> None:
    page.set_viewport_size(size)
    open_view(page, view_url(base_url, "tsepochki", on="2021-03-01", act=APPOINT))
    assert error_texts(page) == []
    chart = chart_before(page, "chains.graph.png")
    screenshot(f"chain-{size['width']}")
    controllers = {
        mark_fields(label).get("Название")
        for label in mark_labels(chart)
        if mark_fields(label).get("Роль") == "контролирующий"
    }
    assert "Голубицкая Л.В." in controllers
    assert chart.evaluate(NAMES_OVER_NAMES) == []
    assert chart.evaluate(TEXTS_PAST_EDGE) == []


# The month names written on a chart's month axis, left to right: the text, whether bold, and its box.
MONTH_NAMES = """chart => [...chart.querySelectorAll('g.role-axis-label text')]
  .filter(t => t.querySelectorAll('tspan').length === 2)
  .map(t => { const r = t.getBoundingClientRect();
    return {name: t.textContent.replace(/(\\D)(\\d)/, '$1 $2'), bold: getComputedStyle(t).fontWeight >= 600
      || t.getAttribute('font-weight') === 'bold', left: r.left, right: r.right}; })
  .sort((a, b) => a.left - b.left)"""


@pytest.mark.parametrize("size", [PROJECTOR, {"width": 1440, "height": 900}])
def test_a_five_year_deadline_grid_names_its_years_and_quarters_apart(
    page: Page, base_url: str, size: dict[str, int], screenshot: Shoot
) -> None:
    page.set_viewport_size(size)
    open_view(page, view_url(base_url, "sroki", on="2021-03-01"))
    screenshot(f"sroki-months-{size['width']}")
    assert error_texts(page) == []
    for key in ("deadlines.heatmap", "deadlines.areas"):
        chart = keyed(page, key).locator(CHART)
        chart.locator("g.role-axis-label text").first.wait_for()
        named = chart.evaluate(MONTH_NAMES)
        # The sample's grids run from January 2020 to 2025: each January is named, in bold, with its year.
        januaries = [n["name"] for n in named if n["name"].startswith("янв")]
        assert januaries == [f"янв {year}" for year in range(2020, 2020 + len(januaries))]
        assert len(januaries) >= 5
        assert [n["name"] for n in named if n["bold"]] == januaries
        # The other names fall on the same months every year (quarters or half-years), none on another's box.
        others = {n["name"].split()[0] for n in named if not n["bold"]}
        assert others in ({"июл"}, {"апр", "июл", "окт"}), others
        assert all(a["right"] <= b["left"] for a, b in itertools.pairwise(named)), named


@pytest.mark.parametrize("slug", ["nagruzka", "tsepochki"])
def test_a_table_of_many_long_headed_columns_fits_a_projector_its_headers_whole_in_their_tooltips(
    page: Page, base_url: str, screenshot: Shoot, slug: str
) -> None:
    page.set_viewport_size(PROJECTOR)
    open_view(page, view_url(base_url, slug, on="2021-03-01"))
    tables = page.locator(f"{MAIN} {TABLE}")
    assert tables.count() >= 1
    for i in range(tables.count()):
        tables.nth(i).scroll_into_view_if_needed()
        assert tables.nth(i).evaluate(COLUMNS_PAST_EDGE) <= 1, f"table {i} scrolls sideways"
    screenshot(f"narrow-table-{slug}")
    assert error_texts(page) == []
