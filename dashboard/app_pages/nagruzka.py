"""Нагрузка: who is overloaded and when, whose roadmaps load them, and their capacity."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from dashboard import actions, charts, data, figures, navigation, texts, widgets
from dashboard.navigation import Context
from dashboard.state import View


def render(ctx: Context) -> View:
    """Draw the ranking of executors by peak load, then one executor's months, issuers and capacity."""
    snap, view, day = ctx.snap, ctx.view, ctx.as_of
    left, right = st.columns(2)
    with left:
        levels = widgets.multi("workload.levels", texts.LEVEL_FILTER, texts.EXECUTOR_LEVELS, view.levels)
    with right:
        kinds = widgets.multi("workload.kinds", texts.KIND_FILTER, texts.EXECUTOR_KINDS, view.kinds)
    view = view.with_(levels=levels, kinds=kinds)
    ranked = figures.ranking(snap, ctx.place, levels, kinds)
    if ranked.is_empty():
        st.info(texts.NOTHING_IN_SCOPE)
        return view
    st.subheader(texts.RANKING, help=texts.RANKING_HELP)
    pick = (charts.PICK, {"executor": "executor"})
    widgets.chart(
        snap,
        lambda: charts.ranking_bars(ranked),
        "workload.ranking",
        (ctx.place, levels, kinds),
        "ranking",
        day,
        pick=pick,
        stretch=True,
    )
    widgets.table(
        ranked.drop("executor", "peak_ratio", "band"), key="workload.table", what="ranking", day=day
    )
    names = dict(ranked.select("executor", "executor_name").iter_rows())
    executor = widgets.choose("workload.executor", texts.EXECUTOR, names, view.executor)
    view = view.with_(executor=executor)
    if executor is None:
        st.info(texts.NO_EXECUTOR)
        return view
    st.subheader(texts.EXECUTOR_MONTHS.format(name=names[executor]), help=texts.EXECUTOR_MONTHS_HELP)
    months = figures.executor_months(snap, executor)
    if months.height:
        widgets.chart(
            snap,
            lambda: charts.executor_months_chart(months),
            "workload.months",
            executor,
            "executor",
            day,
            stretch=True,
        )
    st.subheader(texts.WHO_LOADS, help=texts.WHO_LOADS_HELP)
    widgets.table(figures.issuers_loading(snap, executor), key="workload.issuers", what="issuers", day=day)
    row = snap.executors.filter(pl.col("executor") == executor).row(0, named=True)
    if data.capacity_editable():
        widgets.capacity_editor(
            executor, row["capacity"], row["capacity_overridden"], _saver(snap.path, executor)
        )
    else:
        st.caption(texts.CAPACITY_READONLY)
    return view


def _saver(db: str, executor: str) -> Callable[[float | None, str, str], None]:
    def save(capacity: float | None, author: str, reason: str) -> None:
        actions.save_capacity(db, executor, capacity, author, reason)
        st.toast(texts.CAPACITY_SAVED)
        st.rerun()

    return save


navigation.run_page("nagruzka", render)
