"""Cell text: how a value of any format reads as text in a table."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

_ODD_SPACES = re.compile(r"[\t\x0c\x1c-\x1f\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\xad\u200b-\u200d\u2060\ufeff]")
_BREAKS = re.compile(r"[\x0b\x85\u2028\u2029]")
_TRAILING_SPACES = re.compile(r" +\n")


def joined_if_trimmed(values: Collection[object]) -> str | None:
    r"""Return texts joined by a unit separator when each is printable with no space at either end, else None.

    A long column is told so at once rather than cell by cell: the separator is not printable, so a space
    next to it or at either end of the whole is a space at an end of a text.

    >>> joined_if_trimmed(["1.", "1.1."]), joined_if_trimmed(["1. ", "1.1."]), joined_if_trimmed(["1.", None])
    ('1.\x1f1.1.', None, None)
    """
    try:
        joined = "\x1f".join(values)  # type: ignore[arg-type]
    except TypeError:  # a value that is not text
        return None
    if (
        "".join(values).isprintable()  # type: ignore[arg-type]
        and " \x1f" not in joined
        and "\x1f " not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
    ):
        return joined
    return None


def clean_text(text: str) -> str:
    r"""Return cell text with odd spaces made plain, line breaks kept and trailing blanks dropped.

    >>> clean_text("  Исполнит\xa0ели \r\n УО  ")
    'Исполнит ели\n УО'
    """
    if text.isprintable():
        return text.strip(" ") if text[:1] == " " or text[-1:] == " " else text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\xa0" in text:
        text = text.replace("\xa0", " ")
    if not text.replace("\n", "").isprintable():
        text = _BREAKS.sub("\n", _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text)))
    if " \n" in text:
        text = _TRAILING_SPACES.sub("\n", text)
    return text.strip()


def format_number(value: float) -> str:
    """Return a number as a person reads it: no ``.0`` on whole numbers.

    >>> format_number(1.0), format_number(2.5), format_number(0.1 + 0.2)
    ('1', '2.5', '0.3')
    """
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return format(value, ".15g")


def format_datetime(value: dt.datetime | dt.date) -> str:
    """Return a date as ``dd.mm.yyyy``, adding ``hh:mm`` when a time of day is set.

    >>> format_datetime(dt.datetime(2020, 10, 1)), format_datetime(dt.datetime(2020, 10, 1, 9, 5))
    ('01.10.2020', '01.10.2020 09:05')
    """
    if isinstance(value, dt.datetime):
        if (value.year, value.month) == (1899, 12) and value.day in (30, 31):
            return f"{value:%H:%M}"
        if value.time() != dt.time():
            return f"{value:%d.%m.%Y %H:%M}"
    return f"{value:%d.%m.%Y}"
