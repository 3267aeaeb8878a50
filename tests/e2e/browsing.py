"""Driving the real Streamlit page: waiting for its runs, finding errors, clicking chart cells."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

RUN_TIMEOUT_MS = 60_000
START_TIMEOUT_MS = 20_000
SETTLE_MS = 150

# Counts the runs the page starts: Streamlit marks the app root with the state of its script run. A run
# quicker than a frame of the page may never show as running, so the runs the server says it finished
# (a ForwardMsg whose top-level field 6, `script_finished`, is set) are counted too.
COUNT_RUNS = """
window.__kartaRuns = 0;
window.__kartaFinished = 0;
new MutationObserver((mutations) => {
  for (const m of mutations) {
    if (m.target.getAttribute("data-test-script-state") === "running") window.__kartaRuns += 1;
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-test-script-state"]});
const topFields = (bytes) => {
  const fields = [];
  let i = 0;
  const varint = () => {
    let value = 0, shift = 0, b;
    do { b = bytes[i++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80 && i < bytes.length);
    return value;
  };
  while (i < bytes.length) {
    const tag = varint(), wire = tag % 8;
    fields.push(Math.floor(tag / 8));
    if (wire === 0) varint();
    else if (wire === 2) { const length = varint(); i += length; }
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else break;
  }
  return fields;
};
const Socket = window.WebSocket;
window.WebSocket = class extends Socket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      if (event.data instanceof ArrayBuffer && topFields(new Uint8Array(event.data)).includes(6)) {
        window.__kartaFinished += 1;
      }
    });
  }
};
"""

RUNS_SEEN = "((window.__kartaRuns ?? 0) + (window.__kartaFinished ?? 0))"

APP_IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
)
RUNNING_ICON = '[data-testid="stStatusWidgetRunningIcon"]'
# Placeholders of elements whose code is still loading in the browser after the run finished.
SKELETON = '[data-testid="stSkeleton"]'
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
MAIN = '[data-testid="stMain"]'
SCROLLERS = '[data-testid="stMain"], [data-testid="stAppViewContainer"]'
PAGE_HEIGHT = """sel => Math.max(
  document.body.scrollHeight, ...[...document.querySelectorAll(sel)].map(e => e.scrollHeight))"""

CHART = '[data-testid="stVegaLiteChart"]'
TABLE = '[data-testid="stDataFrame"]'
CAPTION = '[data-testid="stCaptionContainer"]'
NAV_LINKS = '[data-testid="stTopNavLink"], [data-testid="stSidebarNavLink"]'
CHART_MARK = 'g.role-mark > path[role="graphics-symbol"]'


NewPage = Callable[[], Page]
"""Opens a page in a fresh browser context: a colleague who got the link."""


class Shoot(Protocol):
    """Saves a full-page screenshot of the test's page, or of another page, under a name."""

    def __call__(self, name: str, of: Page | None = None) -> Path: ...


def wait_for_app(page: Page, timeout: float = RUN_TIMEOUT_MS) -> None:
    """Wait until the page is connected, its script has finished running and nothing is pending."""
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout)
    page.locator(RUNNING_ICON).wait_for(state="detached", timeout=timeout)
    page.wait_for_timeout(SETTLE_MS)
    # A run can start within the settle (a widget written back to the URL); wait for that one too.
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout)
    page.locator(SKELETON).first.wait_for(state="detached", timeout=timeout)


def runs_started(page: Page) -> int:
    """Return how many script runs this document has seen start or finish since it loaded."""
    return int(page.evaluate(RUNS_SEEN))


@contextmanager
def rerun(page: Page, timeout: float = RUN_TIMEOUT_MS) -> Iterator[None]:
    """Wait, after the block's action, for the run it starts to begin and then to finish.

    A run still going when the action comes would swallow the action's run: wait for it first.
    """
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout)
    before = runs_started(page)
    yield
    try:
        page.wait_for_function(f"n => {RUNS_SEEN} > n", arg=before, timeout=START_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        state = page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")
        raise AssertionError(
            f"the action started no Streamlit run within {START_TIMEOUT_MS / 1000:.0f} s "
            f"(script state {state!r}, runs counted {runs_started(page)}, before {before})"
        ) from None
    wait_for_app(page, timeout)


def open_view(page: Page, url: str) -> None:
    """Load a URL (a pasted link) and wait for its first run to finish."""
    page.goto(url)
    page.wait_for_selector(MAIN, timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def error_texts(page: Page) -> list[str]:
    """Return the text of every exception and error alert on the page."""
    return [text.strip() for text in page.locator(ERRORS).all_inner_texts()]


def main_text(page: Page) -> str:
    """Return the text of the main area as a user reads it."""
    return page.locator(MAIN).inner_text()


def headings(page: Page) -> list[str]:
    """Return the text of the main area's headings, top to bottom."""
    return [t.strip() for t in page.locator(f'{MAIN} [data-testid="stHeading"]').all_inner_texts()]


def chart_mark(chart: Locator, **fields: str) -> Locator:
    """Return the first mark of a Vega-Lite chart (drawn as SVG) described by these tooltip fields.

    Vega describes each mark for screen readers with its tooltip, «Исполнитель: ИМЦ; Месяц: окт 2020; …»;
    pass the fields as a mapping, e.g. ``chart_mark(chart, **{"Исполнитель": "ИМЦ", "Месяц": "окт 2020"})``.
    """
    labels = mark_labels(chart)
    wanted = [f"; {name}: {value};" for name, value in fields.items()]
    found = [i for i, label in enumerate(labels) if all(w in f"; {label};" for w in wanted)]
    if not found:
        raise AssertionError(f"no mark of the chart is described by {fields}; the marks are: {labels[:20]}")
    return chart.locator(CHART_MARK).nth(found[0])


def click_mark(mark: Locator) -> None:
    """Click a chart mark near its top edge, where the number written on a heatmap cell does not cover it."""
    box = mark.bounding_box()
    if box is None:
        raise AssertionError(f"the chart mark {mark} is not drawn")
    mark.click(position={"x": box["width"] / 2, "y": min(4.0, box["height"] / 2)})


def mark_labels(chart: Locator) -> list[str]:
    """Return the descriptions of a chart's marks, once Vega has drawn them."""
    chart.locator(CHART_MARK).first.wait_for()
    return [label or "" for label in chart.locator(CHART_MARK).evaluate_all("ms => ms.map(m => m.ariaLabel)")]


def mark_fields(label: str) -> dict[str, str]:
    """Return the fields of a mark's description: «Территория: Город; Окон: 5» → {Территория: Город, …}.

    >>> mark_fields("Территория: Город; Окон: 5")
    {'Территория': 'Город', 'Окон': '5'}
    """
    return dict(part.split(": ", 1) for part in label.split("; "))


def nav_link(page: Page, title: str) -> Locator:
    """Return the link of a page in the navigation menu (at the top or in the sidebar) by its title."""
    return page.locator(NAV_LINKS).filter(has_text=title)


def choose_option(page: Page, label: str, option: str, *, exact: bool = True) -> None:
    """Pick an option of the select box with this label, as a user does, and wait for the run.

    With `exact=False` the first option containing the text is picked (long activity titles).
    """
    open_options(page, label)
    listbox = page.get_by_role("listbox", name=label)
    picked = (
        listbox.get_by_role("option", name=option, exact=True)
        if exact
        else listbox.get_by_role("option").filter(has_text=option).first
    )
    with rerun(page):
        picked.click()


def open_options(page: Page, label: str) -> Locator:
    """Open the list of the select box with this label and return its options."""
    combobox = page.get_by_role("combobox", name=label, exact=True)
    # A list opened at the bottom edge makes the page scroll, and a scroll closes it again: centre first.
    combobox.evaluate("e => e.scrollIntoView({block: 'center'})")
    combobox.click()
    options = page.get_by_role("listbox", name=label).get_by_role("option")
    options.first.wait_for()
    return options


def chosen(page: Page, label: str) -> str:
    """Return what the select box with this label shows."""
    return page.get_by_role("combobox", name=label, exact=True).input_value()


def captions(page: Page) -> list[str]:
    """Return the captions of the main area (the breadcrumb is the first), top to bottom."""
    return [t.strip() for t in page.locator(f"{MAIN} {CAPTION}").all_inner_texts()]


def metrics(page: Page) -> dict[str, str]:
    """Return the figures of the page, label → value as shown."""
    cards = page.locator(f'{MAIN} [data-testid="stMetric"]')
    return {
        card.locator('[data-testid="stMetricLabel"]').inner_text().strip(): card.locator(
            '[data-testid="stMetricValue"]'
        )
        .inner_text()
        .strip()
        for card in cards.all()
    }


def keyed(page: Page, key: str) -> Locator:
    """Return the element drawn with this widget key (Streamlit marks it with the class st-key-<key>)."""
    return page.locator(f".st-key-{_css_class(key)}")


def chart_by_key(page: Page, key: str) -> Locator:
    """Return the chart drawn with this key."""
    return keyed(page, key).locator(CHART)


def table_by_key(page: Page, key: str) -> Locator:
    """Return the table drawn with this key (the dashboard draws it in a container with that key)."""
    return keyed(page, key).locator(TABLE)


def _css_class(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", key)


def table_rows(table: Locator) -> list[dict[str, str]]:
    """Return the rows of a table (the grid's accessible copy of its visible rows), column → text."""
    table.locator("table tbody tr").first.wait_for(state="attached")
    header = [t.strip() for t in table.locator("table thead th").all_inner_texts()]
    return [
        dict(zip(header, (t.strip() for t in row.locator("td").all_inner_texts()), strict=False))
        for row in table.locator("table tbody tr").all()
    ]


def table_height(table: Locator) -> int:
    """Return how many data rows a table holds, including those scrolled out of sight."""
    return int(table.locator("table").get_attribute("aria-rowcount") or 1) - 1


def full_height_screenshot(page: Page, path: str) -> None:
    """Save the whole page, including what Streamlit's scrolling main area hides below the fold."""
    viewport = page.viewport_size or {"width": 1280, "height": 720}
    height = int(page.evaluate(PAGE_HEIGHT, SCROLLERS))
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    try:
        page.mouse.move(0, 0)  # no tooltip left over from the last click
        page.wait_for_timeout(SETTLE_MS)
        page.screenshot(path=path, full_page=True)
    finally:
        page.set_viewport_size(viewport)


ENGLISH_WORDS = r"""() => {
  // Every text a user sees or a screen reader reads out, charts included, but tables and icon names.
  const data = 'canvas, noscript, script, style, [data-testid="stIconMaterial"], [translate="no"]';
  const named = /^[\w.-]+\.[a-z]{3,4}$|^(xlsx|xls|ods|csv|docx)$|^Made with Streamlit/;  // files, the maker
  const english = (v) => /[A-Za-z]{3,}/.test(v) && !/[А-Яа-яЁё]/.test(v) && !named.test(v.trim());
  const found = new Set();
  for (const e of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (e.closest(data)) continue;
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const v = e.getAttribute(name);
      if (v && english(v)) found.add(`${name}: ${v}`);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode;
    if (!n.parentElement.closest(data) && english(n.data)) found.add(`text: ${n.data.trim()}`);
  }
  return [...found].sort();
}"""


def english_words(page: Page) -> list[str]:
    """Return every English text and label on the page outside the data, each with where it is."""
    return list(page.evaluate(ENGLISH_WORDS))


def add_operation(page: Page) -> None:
    """Press «Добавить операцию» and wait for the run it starts."""
    with rerun(page):
        page.get_by_role("button", name="Добавить операцию").click()


def add_capacity_change(page: Page, executor: str, capacity: str) -> None:
    """Add to the scenario the operation that sets an executor's capacity, as a user fills the form."""
    choose_option(page, "Что изменить", "Изменить мощность исполнителя")
    choose_option(page, "Исполнитель", executor)
    field = page.get_by_role("spinbutton", name="Мощность в сценарии, мероприятий в месяц")
    with rerun(page):
        field.fill(capacity)
        field.press("Enter")
    add_operation(page)
