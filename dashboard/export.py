"""Tables and charts for the minutes: a table as xlsx bytes, a chart as PNG bytes.

Both are produced only when someone clicks the download button (see `widgets.download_*`).

The xlsx is meant to be worked on: its figures are numbers (a load against capacity is a percentage, not
the text «130 %»), its dates and months are dates written the Russian way, so a filter or a sort in Excel
orders them as on the screen, and long texts wrap in a column of readable width.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Mapping
from typing import Any

import altair as alt
import polars as pl
import vl_convert
import xlsxwriter

from dashboard import texts, vega

PNG_SCALE = 2.0
SHEET = texts.XLSX_SHEET

PERCENT_FIELDS = frozenset({"peak_percent", "load_percent", "percent_before", "percent_after"})
"""Columns that hold a load against capacity written as text, "130 %" (no capacity: a dash)."""
MONTH_FIELDS = frozenset({"month_name", "peak_month"})
"""Columns that hold a month written as text: the short month name and the year (`texts.MONTHS_SHORT`)."""

DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
MONTH_FORMAT = "[$-419]mmm yyyy"
"""A month as its short name and year in any Excel: the locale tag asks for Russian month names."""
PERCENT_FORMAT = "0 %"
NUMBER_FORMAT = "General"
"""A number as it is, 4 or 2.5 (polars would write every float with three decimals, 4.000)."""
WIDEST = 60
"""The widest a column gets, in characters; a longer text wraps onto more lines."""
SHEET_LENGTH = 31
"""The longest worksheet name Excel opens."""
_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def shown(frame: pl.DataFrame, titles: Mapping[str, str] = texts.COLUMNS) -> pl.DataFrame:
    """Return a frame with the Russian headers of `titles` (other columns keep their names)."""
    return frame.rename({c: titles[c] for c in frame.columns if c in titles})


def _month_date(column: str) -> pl.Expr:
    parts = pl.col(column).str.split_exact(" ", 1)
    months = {name: n for n, name in enumerate(texts.MONTHS_SHORT, start=1)}
    month = parts.struct.field("field_0").replace_strict(months, default=None, return_dtype=pl.Int32())
    year = parts.struct.field("field_1").cast(pl.Int32(), strict=False)
    return pl.when(month.is_not_null() & year.is_not_null()).then(pl.date(year, month, 1))


def typed(frame: pl.DataFrame) -> pl.DataFrame:
    """Return a frame whose percentages («130 %») are ratios (1.3) and whose months («ноя 2020») are the first
    day of the month; a column that does not read so throughout is left as it is.

    >>> typed(pl.DataFrame({"peak_percent": ["130 %", "—"], "peak_month": ["ноя 2020", None]})).rows()
    [(1.3, datetime.date(2020, 11, 1)), (None, None)]
    """
    out = frame
    for column, dtype in frame.schema.items():
        if dtype != pl.String():
            continue
        if column in PERCENT_FIELDS:
            digits = pl.col(column).str.strip_suffix("%").str.strip_chars()
            new = digits.cast(pl.Int64(), strict=False) / 100
        elif column in MONTH_FIELDS:
            new = _month_date(column)
        else:
            continue
        converted = out.select(new.alias(column)).to_series()
        # «—» and empty cells have no value; anything else that did not convert keeps the column as text.
        blank = frame[column].is_null() | frame[column].is_in(["—", ""])
        if (converted.is_null() & ~blank).any():
            continue
        out = out.with_columns(converted)
    return out


def sheet_title(name: str) -> str:
    """Return a worksheet name Excel accepts: no «[]:*?/\\», at most 31 characters, cut between words (and
    before a preposition left at the end).

    >>> sheet_title("Окна_клетки_территории"), sheet_title("Обзор ход выполнения по территориям")
    ('Окна клетки территории', 'Обзор ход выполнения')
    """
    words = name.replace("_", " ").translate(_SHEET_FORBIDDEN).split()
    if len(" ".join(words)) > SHEET_LENGTH:
        while len(words) > 1 and (len(" ".join(words)) > SHEET_LENGTH or len(words[-1]) <= 2):
            words.pop()
    return " ".join(words)[:SHEET_LENGTH] or SHEET


def _width(values: pl.Series, header: str) -> int:
    """Return how many characters a column's longest line has, its header's included."""
    lines = values.cast(pl.String()).str.split("\n").explode().str.len_chars()
    longest = lines.max()
    return max(len(header), longest if isinstance(longest, int) else 0)


def xlsx_bytes(frame: pl.DataFrame, sheet: str = SHEET, titles: Mapping[str, str] = texts.COLUMNS) -> bytes:
    """Return a table as an xlsx workbook with the Russian headers of `titles`, a filter row, percentages,
    months and dates as such, and columns of readable width (long texts wrap)."""
    return _workbook(frame, titles, sheet)


def chart_xlsx_bytes(chart: alt.TopLevelMixin, sheet: str = SHEET) -> bytes:
    """Return what a chart shows as an xlsx workbook: the fields of its tooltips under their titles
    (`vega.shown_fields`), its percentages and months as numbers and dates, as in `xlsx_bytes`."""
    frame, titles = vega.shown_fields(chart)
    return _workbook(frame, titles, sheet)


def _workbook(frame: pl.DataFrame, titles: Mapping[str, str], sheet: str) -> bytes:
    data = typed(frame)
    percent = {titles.get(c, c) for c in PERCENT_FIELDS & set(data.columns) if data.schema[c].is_numeric()}
    months = {titles.get(c, c) for c in MONTH_FIELDS & set(data.columns) if data.schema[c] == pl.Date()}
    out = shown(data, titles)
    # Excel shows lists and odd types badly: everything that is not a number or a date goes as text.
    out = out.with_columns(
        pl.col(c).cast(pl.String())
        for c, t in out.schema.items()
        if not (t.is_numeric() or t.is_temporal() or t == pl.Boolean() or t == pl.String())
    )
    # Keyed by header (polars types these keys as column selectors too).
    formats: dict[Any, dict[str, Any]] = {}
    widths: dict[Any, int] = {}
    for column, dtype in out.schema.items():
        width = _width(out[column], column)
        look: dict[str, Any] = {"valign": "top"}
        if column in percent:
            look["num_format"] = PERCENT_FORMAT
        elif column in months:
            look["num_format"] = MONTH_FORMAT
        elif dtype == pl.Date() or isinstance(dtype, pl.Datetime):
            look["num_format"] = DATE_FORMAT if dtype == pl.Date() else DATETIME_FORMAT
            width = max(len(column), len(look["num_format"]))
        elif dtype.is_float():
            look["num_format"] = NUMBER_FORMAT
        elif dtype == pl.String() and width > WIDEST:
            look["text_wrap"] = True
        formats[column] = look
        # xlsxwriter takes widths in pixels: about 7 per character of the default font, and a margin.
        widths[column] = (min(width, WIDEST) + 2) * 7 + 5
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        out.write_excel(
            book,
            worksheet=sheet_title(sheet),
            column_formats=formats,
            column_widths=widths,
            freeze_panes=(1, 0),
        )
    return buffer.getvalue()


def png_spec(chart: alt.TopLevelMixin, title: str = "") -> dict[str, Any]:
    """Return the Vega-Lite spec a chart's image is drawn from: as on screen, with `title` above it when
    given (the screen has the page's heading instead; a saved image has nothing else to say what, where and
    as of when it is)."""
    spec = vega.inline_spec(chart)
    return vega.titled(spec, title) if title else spec


def png_bytes(chart: alt.TopLevelMixin, scale: float = PNG_SCALE, title: str = "") -> bytes:
    """Return a chart rendered as a PNG image, with `title` above it and in the file's «Title» text."""
    image = bytes(vl_convert.vegalite_to_png(png_spec(chart, title), scale=scale))
    return _with_text(image, "Title", title) if title else image


_PNG_HEADER_END = 8 + 25
"""Where a PNG's first chunk (its 13-byte header, with length, type and checksum) ends."""


def _with_text(png: bytes, keyword: str, text: str) -> bytes:
    """Return a PNG with a UTF-8 text chunk (iTXt) after its header, as image viewers and file managers
    read a title."""
    body = keyword.encode("latin-1") + b"\0\0\0\0\0" + text.encode("utf-8")
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", zlib.crc32(b"iTXt" + body))
    return png[:_PNG_HEADER_END] + chunk + png[_PNG_HEADER_END:]
