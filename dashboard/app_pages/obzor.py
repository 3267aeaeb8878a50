"""Обзор: where the chosen territory stands, every figure opening the list behind it."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, figures, navigation, state, texts, widgets
from dashboard.navigation import Context
from dashboard.state import View
from model.entities import SchoolStatusKind


def render(ctx: Context) -> View:
    """Draw the figures of the place, the list behind the chosen one, and the bars of the places below."""
    snap, view, place = ctx.snap, ctx.view, ctx.place
    windows = data.window_status(snap, ctx.as_of)
    # The figures are kept for every view; a list (the whole country's can be large) only once opened.
    counts, split = data.derived(
        snap,
        "overview.counts",
        (place, ctx.as_of),
        lambda: figures.overview_counts(snap, windows, place),
    )
    show = widgets.figure_row({name: texts.thousands(n) for name, n in counts.items()}, view.show)
    if counts.get("schools"):
        lists = data.derived(snap, "overview.school_lists", place, lambda: _school_lists(snap, place))
        st.caption(texts.SCHOOL_LISTS.format(**{k: texts.thousands(n) for k, n in lists.items()}))
    st.caption(texts.WINDOW_SPLIT.format(day=ctx.as_of, **{k: texts.thousands(n) for k, n in split.items()}))
    if show in counts:
        rows = data.derived(
            snap,
            "overview.list",
            (place, ctx.as_of, show),
            lambda: figures.overview_lists(snap, windows, place, (show,))[show],
            large=place.level is None,
        )
        title = texts.LIST_TITLES[show]
        st.subheader(texts.LIST_ON.format(title=title, day=ctx.as_of) if show in texts.DATED_LISTS else title)
        widgets.table(rows, key="overview.list", what=f"overview_{show}", day=ctx.as_of)
    bars = data.derived(
        snap, "overview.bars", (place, ctx.as_of), lambda: figures.progress_by_child(snap, windows, place)
    )
    if bars.height:
        st.subheader(texts.PROGRESS_BY_TERRITORY, help=texts.PROGRESS_BY_TERRITORY_HELP)
        key = f"overview.bars.{place.node or 'all'}"
        pick = (charts.PICK, {"unit": "territory"})
        widgets.chart(
            snap,
            lambda: charts.progress_bars(bars),
            key,
            ctx.as_of,
            "overview_bars",
            ctx.as_of,
            pick=pick,
            stretch=True,
        )
    if place.level in ("municipality", "district"):
        schools = figures.in_place(snap.schools, place).filter("listed")
        if schools.height:
            st.subheader(texts.SCHOOLS_HERE)
            # Links, not buttons: one step in the browser's history, and a card can open in a new tab.
            card = navigation.page_file("shkola")
            for school, name in schools.select("school", "school_name").iter_rows():
                link = state.params_of(view.with_(school=school, show=show))
                with st.container(key=f"overview.school.{school}"):
                    st.page_link(card, label=name, icon=texts.PAGE_ICONS["shkola"], query_params=link)
    return view.with_(show=show)


def _school_lists(snap: data.Snapshot, place: figures.Place) -> dict[str, int]:
    """Return how many listed schools of the place each list holds (a school can be in both over years)."""
    schools = figures.in_place(snap.schools, place).filter("listed")["school"]
    kinds = [{s.status for s in snap.G.nodes[school]["entity"].statuses} for school in schools]
    lists = (("low", SchoolStatusKind.LOW_RESULTS), ("risk", SchoolStatusKind.AT_RISK))
    return {key: sum(status in k for k in kinds) for key, status in lists}


navigation.run_page("obzor", render)
