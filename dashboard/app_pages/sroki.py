"""Сроки: heatmaps executor × month and territory × month; a cell lists the activities behind it."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, data, figures, navigation, texts, widgets
from dashboard.navigation import Context
from dashboard.state import View


def _months(cells: pl.DataFrame) -> dict[str, str]:
    """Return every month from the first cell's to the last one's, key → name."""
    if cells.is_empty():
        return {}
    every = figures.months_between(cells["month"].min(), cells["month"].max())  # type: ignore[arg-type]
    return {f"{m:%Y-%m}": texts.month_label(m) for m in every}


def render(ctx: Context) -> View:
    """Draw both heatmaps, each with the list behind its chosen cell."""
    snap, view, day, place = ctx.snap, ctx.view, ctx.as_of, ctx.place
    measure = widgets.choice("deadlines.measure", texts.MEASURE, texts.MEASURES, view.measure)
    cells = figures.executor_heatmap(snap, place, measure, view.levels, view.kinds)
    months = _months(cells)
    st.subheader(texts.HEATMAP_EXECUTORS, help=texts.HEATMAP_EXECUTORS_HELP)
    if cells.is_empty():
        st.info(texts.NOTHING_IN_SCOPE)
    else:
        pick = (charts.CELL, {"executor": "executor", "month_key": "month"})
        build = lambda: charts.executor_heatmap(cells, list(months.values()), measure)  # noqa: E731
        widgets.chart(
            snap,
            build,
            "deadlines.heatmap",
            (place, measure, view.levels, view.kinds),
            "heatmap",
            day,
            pick=pick,
            stretch=True,
        )
    names = dict(cells.select("executor", "executor_name").unique().sort("executor_name").iter_rows())
    left, right = st.columns(2)
    executor = widgets.choose("deadlines.executor", texts.EXECUTOR, names, view.executor, where=left)
    month = widgets.choose("deadlines.month", texts.CELL_MONTH, months, view.month, where=right)
    view = view.with_(measure=measure, executor=executor, month=month)
    if executor and month:
        st.subheader(texts.CELL_LIST.format(executor=names[executor], month=months[month]))
        behind = figures.cell_activities(snap, executor, figures.month_of(month), measure)  # type: ignore[arg-type]
        widgets.table(behind, key="deadlines.cell", what="cell", day=day)
    else:
        st.caption(texts.PICK_CELL)
    windows = data.window_status(snap, day)
    areas = figures.area_heatmap(snap, windows, place)
    st.subheader(texts.HEATMAP_TERRITORIES, help=texts.HEATMAP_EXECUTORS_HELP)
    if areas.is_empty():
        st.info(texts.NOTHING_IN_SCOPE)
        return view
    area_months = _months(areas)
    pick = (charts.CELL, {"unit": "area", "month_key": "area_month"})
    build = lambda: charts.area_heatmap(areas, list(area_months.values()))  # noqa: E731
    widgets.chart(snap, build, "deadlines.areas", place, "areas", day, pick=pick, stretch=True)
    units = dict(areas.select("unit", "area_name").unique().sort("area_name").iter_rows())
    left, right = st.columns(2)
    area = widgets.choose("deadlines.area", texts.COLUMNS["area_name"], units, view.area, where=left)
    area_month = widgets.choose(
        "deadlines.area_month", texts.CELL_MONTH, area_months, view.area_month, where=right
    )
    if area and area_month:
        st.subheader(texts.AREA_LIST.format(area=units[area], month=area_months[area_month]))
        rows = figures.area_windows(snap, windows, place, area, figures.month_of(area_month))  # type: ignore[arg-type]
        widgets.table(rows, key="deadlines.area_cell", what="cell", day=day)
    return view.with_(area=area, area_month=area_month)


navigation.run_page("sroki", render)
