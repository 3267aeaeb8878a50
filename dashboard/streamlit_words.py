"""Streamlit's own words in Russian: its buttons, tooltips, screen-reader labels and file uploader.

Streamlit has no setting for the language of its own interface, so every page runs a small script
(`streamlit_words.js`) that rewrites those words as they appear, from the phrases and patterns of
`dashboard.texts`. The words it rewrites are Streamlit's exact English ones, so the page's own Russian
text is never touched. The same script makes Enter apply a date typed into a date field, and a page
picked in the menu one step of the browser's history instead of two.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from dashboard import texts

UPLOAD_TYPES = ("xlsx", "xls", "ods", "csv", "docx")
"""The files the data page takes."""
UPLOAD_LIMIT_MB = 200
"""The largest file the uploader takes, in megabytes (its Russian instructions say so)."""

_SCRIPT = Path(__file__).with_name("streamlit_words.js")
# The element that carries the script takes no room on the page.
_HIDDEN = (
    "[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > script[data-karta-words]) "
    "{display: none}"
)
# A chart's «Show data» lists its data as they are: ids and English field names. The page hides that
# action (before and after the script renames it); the chart's data go to Excel under the tooltips' titles
# instead (`widgets.chart`).
_SHOW_DATA = ("Show data", texts.STREAMLIT_PHRASES["Show data"])
_NO_CHART_DATA = (
    "[data-testid='stElementContainer']:has([data-testid='stVegaLiteChart']) "
    "[data-testid='stElementToolbarButton']:has("
    + ", ".join(f"button[aria-label='{label}']" for label in _SHOW_DATA)
    + ") {display: none}"
)
_MONTHS = tuple(
    date(2000, month, 1).strftime("%B") for month in range(1, 13)
)  # Streamlit's month names; strftime in the C locale, which Python starts in


def patterns() -> list[tuple[str, str]]:
    """Return the patterns of Streamlit's English words (JavaScript regular expressions) and the Russian.

    >>> ("^(\\\\d+)\\\\.(\\\\d+)KB$", "$1,$2 КБ") in patterns()
    True
    """
    types = ", ".join(t.upper() for t in UPLOAD_TYPES)
    upload = [
        (r"^\S+ per file$", texts.UPLOAD_LIMIT.format(size=UPLOAD_LIMIT_MB, types=types)),
        (r"^ • [\w., ]+$", ""),
        (r"^File must be .+ or smaller\.$", texts.UPLOAD_TOO_LARGE.format(size=UPLOAD_LIMIT_MB)),
        (r"^.* files are not allowed\.$", texts.UPLOAD_WRONG_TYPE.format(types=types)),
    ]
    sizes = [
        rule
        for unit, russian in texts.SIZE_UNITS.items()
        for rule in (
            (rf"^(\d+)\.(\d+){unit}$", f"$1,$2 {russian}"),
            (rf"^(.+), (\d+)\.(\d+){unit}$", f"$1, $2,$3 {russian}"),
        )
    ]
    dates = [
        (
            rf"^Selected Date: {name} (\d+), (\d+)$",
            texts.SELECTED_DATE.format(day="$1", month=month, year="$2"),
        )
        for name, month in zip(_MONTHS, texts.MONTHS_GENITIVE, strict=True)
    ]
    return [*texts.STREAMLIT_PATTERNS, *upload, *sizes, *dates]


@cache
def script() -> str:
    """Return the `<script>` that rewrites Streamlit's words on the page it is drawn on."""
    arguments = ", ".join(
        json.dumps(value, ensure_ascii=False).replace("</", "<\\/")
        for value in (texts.STREAMLIT_PHRASES, patterns())
    )
    code = f"({_SCRIPT.read_text(encoding='utf-8').strip()})({arguments});"
    return f"<style>{_HIDDEN} {_NO_CHART_DATA}</style><script data-karta-words>{code}</script>"
