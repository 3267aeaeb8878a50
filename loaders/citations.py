"""How an order is cited — «№ 162 от 28.10.2020» — and the id of the roadmap it approves."""

from __future__ import annotations

import re
from datetime import date

from loaders.dates import parse_dotted
from model.ids import child_id

_DOCUMENT = re.compile(r"№\s*(?P<number>[^\s,;]+)\s*,?\s*от\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})")
_DATE_FIRST = re.compile(
    r"от\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s*(?:г\.?)?\s*,?\s*№\s*(?P<number>[^\s,;]+)"
)


def parse_document_ref(text: str) -> tuple[str, date] | None:
    """Return the number and date of a document written «№ 162 от 28.10.2020» or «от 28.10.2020 № 162».

    >>> parse_document_ref("№ 017/1324 от 23.06.2020")
    ('017/1324', datetime.date(2020, 6, 23))
    """
    text = re.sub(r"[\xa0\u2007\u202f]", " ", text)
    m = _DOCUMENT.search(text) or _DATE_FIRST.search(text)
    day = parse_dotted(m.group("date")) if m else None
    return (m.group("number").rstrip("."), day) if m and day else None


def document_label(number: str, day: date) -> str:
    """Return a document as people cite it: «№ 162 от 28.10.2020»."""
    return f"№ {number} от {day:%d.%m.%Y}"


def roadmap_id(territory_id: str, number: str, day: date) -> str:
    """Return the id of the roadmap a document approves, on its issuer's territory.

    >>> roadmap_id("ter:kemerovskaia-oblast-kuzbass", "1721", date(2020, 10, 23))
    'rm:kemerovskaia-oblast-kuzbass/1721-2020-10-23'
    """
    return child_id("rm", territory_id, f"{number} {day.isoformat()}")
