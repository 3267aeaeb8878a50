"""Altair charts turned into Vega-Lite dictionaries: for Streamlit, with the data as Arrow bytes (no JSON
rows, no row limit), and for vl-convert, with the data inline.

Altair's data transformer is process-wide state, so every conversion holds one lock.
"""

from __future__ import annotations

import json
import threading
from typing import Any

import altair as alt
import polars as pl
import pyarrow as pa

from dashboard import texts

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

DESCRIPTION = "karta_description"
"""The field that describes a mark to screen readers: its tooltip as "title: value; title: value"."""


def _value(tip: dict[str, Any]) -> str:
    datum = f"datum[{json.dumps(tip['field'])}]"
    if tip.get("type") == "quantitative":
        return f"format({datum}, {json.dumps(tip.get('format', ''))})"
    return f"(isValid({datum}) ? {datum} : '')"


def _describe(node: dict[str, Any], inherited: dict[str, Any]) -> None:
    encoding = {**inherited, **node.get("encoding", {})}
    tips = encoding.get("tooltip")
    tips = [tips] if isinstance(tips, dict) else tips
    fields = tips and all("field" in tip and "aggregate" not in tip for tip in tips)
    if "mark" in node and "description" not in encoding and fields:
        parts = [f"{json.dumps(tip.get('title', tip['field']) + ': ')} + {_value(tip)}" for tip in tips]
        calculate = {"calculate": " + '; ' + ".join(parts), "as": DESCRIPTION}
        node["transform"] = [*node.get("transform", []), calculate]
        node["encoding"] = {
            **node.get("encoding", {}),
            "description": {"field": DESCRIPTION, "type": "nominal"},
        }
    elif "mark" in node and "description" not in encoding:
        # A mark with no tooltip (a number written on a bar, the line of full capacity) repeats or frames
        # what the described marks say: screen readers pass over it.
        mark = node["mark"] if isinstance(node["mark"], dict) else {"type": node["mark"]}
        node["mark"] = {**mark, "aria": False}
    _describe_guides(
        node.get("encoding", {}), {tip["field"]: tip.get("title") for tip in tips or [] if "field" in tip}
    )
    for child in node.get("layer", []):
        _describe(child, encoding)
    for many in ("concat", "hconcat", "vconcat"):
        for child in node.get(many, []):
            _describe(child, {})


_GUIDES = {
    **dict.fromkeys(("x", "y"), ("axis", texts.CHART_AXIS)),
    **dict.fromkeys(("color", "fill", "stroke", "opacity", "size", "shape"), ("legend", texts.CHART_LEGEND)),
}


def _describe_guides(encoding: dict[str, Any], titles: dict[str, Any]) -> None:
    """Name each axis and legend in Russian by its title (a legend with a fixed domain lists it)."""
    for channel, (guide, words) in _GUIDES.items():
        definition = encoding.get(channel)
        if (
            not isinstance(definition, dict)
            or "field" not in definition
            or (guide in definition and not definition[guide])
        ):
            continue
        title = definition.get("title") or titles.get(definition["field"])
        if not isinstance(title, str):
            continue
        domain = definition.get("scale", {}).get("domain") if guide == "legend" else None
        listed = f": {', '.join(map(str, domain))}" if isinstance(domain, list) else ""
        definition[guide] = {**definition.get(guide, {}), "description": words.format(title=title) + listed}


def described(spec: dict[str, Any]) -> dict[str, Any]:
    """Describe every mark that has a tooltip to screen readers by that tooltip alone, in its order; hide
    the marks without one from them.

    Vega-Lite's own description lists every field the mark encodes, the internal ones too (the order of
    stacking, a territory's id); the tooltip is what a sighted user reads. Changes the spec in place.
    """
    _describe(spec, {})
    return spec


def streamlit_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """Return a chart's Vega-Lite spec whose `datasets` hold Arrow bytes, ready for st.vega_lite_chart."""
    datasets: dict[str, bytes] = {}
    with _LOCK, alt.data_transformers.enable(_ARROW, datasets=datasets):
        spec = chart.to_dict()
    spec["datasets"] = datasets
    return described(spec)


def _to_named_frame(data: Any, frames: dict[str, pl.DataFrame]) -> Any:
    if isinstance(data, pl.DataFrame):
        name = f"data_{id(data):x}"
        frames.setdefault(name, data)
        return {"name": name}
    return data


alt.data_transformers.register("karta_frames", _to_named_frame)


def _tooltip_layers(node: dict[str, Any], data: Any, out: list[tuple[str, list[dict[str, Any]]]]) -> None:
    """Collect (dataset name, tooltip fields) of every mark with a tooltip that reads a named dataset."""
    data = node.get("data", data)
    tips = node.get("encoding", {}).get("tooltip")
    tips = [tips] if isinstance(tips, dict) else tips or []
    fields = [tip for tip in tips if "field" in tip and "aggregate" not in tip]
    if "mark" in node and fields and isinstance(data, dict) and "name" in data:
        out.append((data["name"], fields))
    for many in ("layer", "concat", "hconcat", "vconcat"):
        for child in node.get(many, []):
            _tooltip_layers(child, data if many == "layer" else None, out)


def shown_fields(chart: alt.TopLevelMixin) -> tuple[pl.DataFrame, dict[str, str]]:
    """Return what a chart shows as a table of the fields of its tooltips, a row per mark, and their titles.

    The layer whose tooltip says the most is taken; ids and helper fields a tooltip does not show (the id a
    click picks, the order of stacking) are left out, so the table reads as the chart does.
    """
    frames: dict[str, pl.DataFrame] = {}
    with _LOCK, alt.data_transformers.enable("karta_frames", frames=frames):
        spec = chart.to_dict()
    layers: list[tuple[str, list[dict[str, Any]]]] = []
    _tooltip_layers(spec, None, layers)
    if not layers:
        return pl.DataFrame(), {}
    name, tips = max(layers, key=lambda layer: len(layer[1]))
    frame = frames[name]
    titles = {tip["field"]: tip.get("title", tip["field"]) for tip in tips if tip["field"] in frame.columns}
    return frame.select(list(titles)), titles


def shown_data(chart: alt.TopLevelMixin) -> pl.DataFrame:
    """Return what a chart shows as a table: its tooltips' fields under their titles (`shown_fields`)."""
    frame, titles = shown_fields(chart)
    return frame.rename(titles)


PRINT_WIDTH = 1400
"""The width of a chart that fills the page on screen, when it is rendered as an image."""

PRINT_AXIS = {"ticks": False, "labelPadding": 16, "titlePadding": 16}
"""The axes of an image as Streamlit's theme draws them on screen: no ticks, 16 pixels between an axis and its
labels and title. Vega leaves no room for the second line of a label, so with its own defaults (5-pixel ticks,
2 pixels of padding) the year under a month grid's month name would be written over the grid's first row."""


def inline_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """Return a chart's Vega-Lite spec with its data inline, however many rows it has; a chart as wide as
    the page on screen gets a fixed width (an image has no page to fill), and its axes look as on screen."""
    with _LOCK, alt.data_transformers.enable("default", max_rows=None):
        spec = described(chart.to_dict())
    if spec.get("width") == "container":
        spec["width"] = PRINT_WIDTH
    config = spec.setdefault("config", {})
    config["axis"] = {**PRINT_AXIS, **config.get("axis", {})}
    return spec


def titled(spec: dict[str, Any], title: str) -> dict[str, Any]:
    """Return a spec with a title line above all of it, at its left edge (a title the chart had goes under
    it). Changes the spec in place."""
    had = spec.get("title")
    had_text = had.get("text") if isinstance(had, dict) else had
    spec["title"] = {"text": title, "anchor": "start", "frame": "bounds", "offset": 12}
    if had_text:
        spec["title"]["subtitle"] = had_text
    return spec
