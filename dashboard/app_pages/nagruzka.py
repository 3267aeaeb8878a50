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
    key = (ctx.place, levels, kinds)
    ranked = data.derived(
        snap, "workload.ranking", key, lambda: figures.ranking(snap, ctx.place, levels, kinds)
    )
    if ranked.is_empty():
        st.info(texts.NOTHING_IN_SCOPE)
        return view
    st.subheader(texts.RANKING, help=texts.RANKING_HELP)
    bars = data.derived(snap, "workload.bars", key, lambda: charts.top_loaded(ranked))
    drawable = int(ranked["peak_ratio"].is_not_null().sum())
    if bars.height < drawable:
        top = texts.counted(bars.height, texts.EXECUTOR_FORMS)
        st.caption(texts.RANKING_TOP.format(shown=top, total=texts.thousands(drawable)))
    pick = (charts.PICK, {"executor": "executor"})
    widgets.chart(
        snap,
        lambda: charts.ranking_bars(bars),
        "workload.ranking",
        key,
        "ranking",
        day,
        pick=pick,
        stretch=True,
    )
    table = data.derived(snap, "workload.table", key, lambda: ranked.drop("executor", "peak_ratio", "band"))
    widgets.table(table, key="workload.table", what="ranking", day=day)
    names = data.derived(
        snap, "workload.names", key, lambda: dict(ranked.select("executor", "executor_name").iter_rows())
    )
    executor = widgets.choose("workload.executor", texts.EXECUTOR, names, view.executor)
    view = view.with_(executor=executor)
    if executor is None:
        st.info(texts.NO_EXECUTOR)
        return view
    st.subheader(texts.EXECUTOR_MONTHS.format(name=names[executor]), help=texts.EXECUTOR_MONTHS_HELP)
    months = data.derived(snap, "workload.months", executor, lambda: figures.executor_months(snap, executor))
    if months.height:
        widgets.chart(
            snap,
            lambda: charts.executor_months_chart(months),
            "workload.months",
            executor,
            "executor",
            day,
            stretch=True,
            subject=names[executor],
        )
    st.subheader(texts.WHO_LOADS, help=texts.WHO_LOADS_HELP)
    issuers = data.derived(
        snap, "workload.issuers", executor, lambda: figures.issuers_loading(snap, executor)
    )
    widgets.table(issuers, key="workload.issuers", what="issuers", day=day)
    row = snap.executors.filter(pl.col("executor") == executor).row(0, named=True)
    if data.editable():
        widgets.capacity_editor(
            executor,
            row["capacity"],
            row["capacity_overridden"],
            _saver(snap.path, executor),
            change=data.capacity_change(snap, executor),
            computed=figures.computed_capacity(snap, executor),
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
