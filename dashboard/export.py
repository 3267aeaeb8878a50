"""Tables and charts for the minutes: a table as xlsx bytes, a chart as PNG bytes.

Both are produced only when someone clicks the download button (see `widgets.download_*`).
"""

from __future__ import annotations

import io

import altair as alt
import polars as pl
import vl_convert

from dashboard import texts, vega

PNG_SCALE = 2.0
SHEET = texts.XLSX_SHEET


def shown(frame: pl.DataFrame) -> pl.DataFrame:
    """Return a frame with the Russian headers of `texts.COLUMNS` (other columns keep their names)."""
    return frame.rename({c: texts.COLUMNS[c] for c in frame.columns if c in texts.COLUMNS})


def xlsx_bytes(frame: pl.DataFrame, sheet: str = SHEET) -> bytes:
    """Return a table as an xlsx workbook with Russian headers, a filter row and fitted columns."""
    buffer = io.BytesIO()
    out = shown(frame)
    # Excel shows lists and odd types badly: everything that is not a number or a date goes as text.
    out = out.with_columns(
        pl.col(c).cast(pl.String())
        for c, t in out.schema.items()
        if not (t.is_numeric() or t.is_temporal() or t == pl.Boolean() or t == pl.String())
    )
    out.write_excel(buffer, worksheet=sheet[:31], autofit=True, freeze_panes=(1, 0))
    return buffer.getvalue()


def png_bytes(chart: alt.TopLevelMixin, scale: float = PNG_SCALE) -> bytes:
    """Return a chart rendered as a PNG image."""
    return bytes(vl_convert.vegalite_to_png(vega.inline_spec(chart), scale=scale))
