"""Сроки: heatmaps executor × month and territory × month; a cell lists the activities behind it.

Both heatmaps are kept per data version and view (`data.derived`), so a rerun redraws them without
aggregating the country again. The territory heatmap counts windows, whose ends do not depend on the
date of the view; the windows' statuses are read only for the list behind a chosen territory cell. Both
draw the same months, from the first of either to the last, with row names of one width
(`charts.GRID_LABELS`), so a month's column is at the same place in each (`figures.months_spanning`).
"""

from __future__ import annotations

from typing import NamedTuple

import polars as pl
import streamlit as st

from dashboard import charts, data, figures, navigation, texts, widgets
from dashboard.data import Snapshot
from dashboard.figures import Place
from dashboard.navigation import Context
from dashboard.state import View


class Heatmap(NamedTuple):
    """The cells drawn of a heatmap, its months (key → name) and all its rows (id → name, by name)."""

    cells: pl.DataFrame
    months: dict[str, str]
    rows: dict[str, str]


def _rows(cells: pl.DataFrame, key: str, name: str) -> dict[str, str]:
    return dict(cells.select(key, name).unique().sort(name).iter_rows())


def executor_heatmap(snap: Snapshot, place: Place, measure: str, view: View) -> Heatmap:
    """Return the executor × month heatmap of a place, built once per data version and view.

    It draws the executors that rank first by load (`charts.HEATMAP_ROWS` of them); its rows and months
    are those of every executor, so any of them can be picked below it.
    """

    def build() -> Heatmap:
        cells = figures.executor_heatmap(snap, place, measure, view.levels, view.kinds)
        levels, kinds = view.levels, view.kinds  # the workload page's ranking, kept under its key
        rank = lambda: figures.ranking(snap, place, levels, kinds)  # noqa: E731
        ranked = data.derived(snap, "workload.ranking", (place, levels, kinds), rank)
        drawn = figures.first_ranked(cells, ranked, charts.HEATMAP_ROWS)
        return Heatmap(drawn, figures.month_names(cells), _rows(cells, "executor", "executor_name"))

    return data.derived(snap, "deadlines.executors", (place, measure, view.levels, view.kinds), build)


def area_heatmap(snap: Snapshot, place: Place) -> Heatmap:
    """Return the territory × month heatmap of a place, built once per data version and place."""

    def build() -> Heatmap:
        cells = figures.area_heatmap(snap, place)
        return Heatmap(cells, figures.month_names(cells), _rows(cells, "unit", "area_name"))

    return data.derived(snap, "deadlines.areas", place, build)


def render(ctx: Context) -> View:
    """Draw both heatmaps, each with the list behind its chosen cell."""
    snap, view, day, place = ctx.snap, ctx.view, ctx.as_of, ctx.place
    measure = widgets.choice("deadlines.measure", texts.MEASURE, texts.MEASURES, view.measure)
    cells, months, names = executor_heatmap(snap, place, measure, view)
    areas, area_months, units = area_heatmap(snap, place)
    columns = figures.months_spanning(months, area_months)
    grid_key = (place, measure, view.levels, view.kinds)
    st.subheader(texts.HEATMAP_EXECUTORS, help=texts.HEATMAP_EXECUTORS_HELP)
    if cells.is_empty():
        st.info(texts.NOTHING_IN_SCOPE)
    else:
        shown = cells["executor"].n_unique()
        if shown < len(names):
            top = texts.counted(shown, texts.EXECUTOR_FORMS)
            st.caption(texts.HEATMAP_TOP.format(shown=top, total=texts.thousands(len(names))))
        pick = (charts.CELL, {"executor": "executor", "month_key": "month"})
        build = lambda: charts.executor_heatmap(cells, columns, measure)  # noqa: E731
        widgets.chart(
            snap,
            build,
            "deadlines.heatmap",
            grid_key,
            "heatmap",
            day,
            pick=pick,
            stretch=True,
            subject=texts.MEASURES[measure].lower(),
        )
    left, right = st.columns(2)
    executor = widgets.choose("deadlines.executor", texts.EXECUTOR, names, view.executor, where=left)
    month = widgets.choose("deadlines.month", texts.CELL_MONTH, months, view.month, where=right)
    view = view.with_(measure=measure, executor=executor, month=month)
    if executor and month:
        behind = figures.cell_activities(snap, executor, figures.month_of(month), measure)  # type: ignore[arg-type]
        count, what = texts.counted(behind.height, texts.ACTIVITY_FORMS), texts.MEASURES[measure].lower()
        st.subheader(
            texts.CELL_LIST.format(executor=names[executor], month=months[month], measure=what, count=count)
        )
        widgets.table(behind, key="deadlines.cell", what="cell", day=day)
    else:
        st.caption(texts.PICK_CELL)
    st.subheader(texts.HEATMAP_TERRITORIES, help=texts.HEATMAP_EXECUTORS_HELP)
    if areas.is_empty():
        st.info(texts.NOTHING_IN_SCOPE)
        return view
    pick = (charts.CELL, {"unit": "area", "month_key": "area_month"})
    build = lambda: charts.area_heatmap(areas, columns)  # noqa: E731
    widgets.chart(snap, build, "deadlines.areas", grid_key, "areas", day, pick=pick, stretch=True)
    left, right = st.columns(2)
    area = widgets.choose("deadlines.area", texts.COLUMNS["area_name"], units, view.area, where=left)
    area_month = widgets.choose(
        "deadlines.area_month", texts.CELL_MONTH, area_months, view.area_month, where=right
    )
    if area and area_month:
        windows = data.window_status(snap, day)
        rows = figures.area_windows(snap, windows, place, area, figures.month_of(area_month))  # type: ignore[arg-type]
        count = texts.thousands(rows.height)
        st.subheader(texts.AREA_LIST.format(area=units[area], month=area_months[area_month], count=count))
        widgets.table(rows, key="deadlines.area_cell", what="area_cell", day=day)
    return view.with_(area=area, area_month=area_month)


navigation.run_page("sroki", render)
