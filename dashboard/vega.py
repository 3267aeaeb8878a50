"""Altair charts turned into Vega-Lite dictionaries: for Streamlit, with the data as Arrow bytes (no JSON
rows, no row limit), and for vl-convert, with the data inline.

Altair's data transformer is process-wide state, so every conversion holds one lock.
"""

from __future__ import annotations

import threading
from typing import Any

import altair as alt
import polars as pl
import pyarrow as pa

_LOCK = threading.Lock()
_ARROW = "karta_arrow"


def arrow_bytes(frame: pl.DataFrame) -> bytes:
    """Return a frame as an Arrow IPC stream, the form Streamlit sends chart data in."""
    table = frame.to_arrow()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def _to_named_arrow(data: Any, datasets: dict[str, bytes]) -> Any:
    if isinstance(data, pl.DataFrame):
        # Layers drawn from one frame share one dataset (the frame lives as long as the chart does).
        name = f"data_{id(data):x}"
        if name not in datasets:
            datasets[name] = arrow_bytes(data)
        return {"name": name}
    return data


alt.data_transformers.register(_ARROW, _to_named_arrow)


def streamlit_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """Return a chart's Vega-Lite spec whose `datasets` hold Arrow bytes, ready for st.vega_lite_chart."""
    datasets: dict[str, bytes] = {}
    with _LOCK, alt.data_transformers.enable(_ARROW, datasets=datasets):
        spec = chart.to_dict()
    spec["datasets"] = datasets
    return spec


PRINT_WIDTH = 1400
"""The width of a chart that fills the page on screen, when it is rendered as an image."""


def inline_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """Return a chart's Vega-Lite spec with its data inline, however many rows it has; a chart as wide as
    the page on screen gets a fixed width (an image has no page to fill)."""
    with _LOCK, alt.data_transformers.enable("default", max_rows=None):
        spec = chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = PRINT_WIDTH
    return spec
