"""Dates as people write them: in the running text of an order, in a cell of a sheet, as an academic year."""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "мая": 5,
    "май": 5,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}


def parse_date(text: str) -> date | None:
    """Return the first date written in the text, numerically or with a month's name.

    >>> parse_date("от ___03.12.___ 2020"), parse_date("23 ИЮН 2020"), parse_date("От 23.10.2020г.")
    (datetime.date(2020, 12, 3), datetime.date(2020, 6, 23), datetime.date(2020, 10, 23))
    """
    text = re.sub(r"_+", " ", text)
    numeric = re.search(r"(?<!\d)(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4}|\d{2})(?!\d)", text)
    worded = re.search(r"(?<!\d)(\d{1,2})\s+([А-Яа-яЁё]{3,9})\.?\s+(\d{4})", text)
    candidates = []
    if numeric:
        year = int(numeric.group(3))
        candidates.append(
            (
                numeric.start(),
                year + 2000 if year < 100 else year,
                int(numeric.group(2)),
                int(numeric.group(1)),
            )
        )
    if worded and worded.group(2)[:3].lower() in _MONTHS:
        month = _MONTHS[worded.group(2)[:3].lower()]
        candidates.append((worded.start(), int(worded.group(3)), month, int(worded.group(1))))
    for _, year, month, day in sorted(candidates):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


def parse_dotted(text: str) -> date | None:
    """Return the date written «28.10.2020», or None when there is no such day."""
    d, m, y = (int(p) for p in text.split("."))
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_cell_date(text: str) -> date | None:
    """Return the date a cell holds: «28.10.2020», ISO with or without a time, or an Excel serial number."""
    if m := re.match(r"^(\d{1,2}\.\d{1,2}\.\d{4})(?:\s*г\.?|\s+\d{1,2}:\d{2}(?::\d{2})?)?$", text):
        return parse_dotted(m.group(1))
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", text):
        return parse_dotted(f"{m.group(3)}.{m.group(2)}.{m.group(1)}")
    if re.match(r"^\d{5}(?:\.0+)?$", text) and 20000 <= (serial := int(float(text))) <= 80000:
        return date(1899, 12, 30) + timedelta(days=serial)
    return None


def parse_academic_year(text: str) -> int | None:
    """Return the year an academic year starts in, written «2020» or «2020/2021»; None when it is not one."""
    m = re.match(r"^(\d{4})(?:\.0+)?(?:\s*[/\-–—]\s*(\d{4}|\d{2}))?(?:\s*(?:уч\.?\s*)?(?:год|г\.?))?$", text)
    year = int(m.group(1)) if m else 0
    if not m or not 2000 <= year <= 2100:
        return None
    return year if not m.group(2) or int(m.group(2)) in (year + 1, (year + 1) % 100) else None
