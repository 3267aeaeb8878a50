"""Цепочки: who answers for an activity, a school or an executor, and where the chains break."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, figures, layout, navigation, texts, widgets
from dashboard.navigation import Context
from dashboard.state import View


def render(ctx: Context) -> View:
    """Draw the chosen chain as a graph with its broken links, then the broken chains of the place."""
    snap, view, day, place = ctx.snap, ctx.view, ctx.as_of, ctx.place
    subject = widgets.choice("chains.subject", texts.SUBJECT, texts.SUBJECTS, view.subject)
    view = view.with_(subject=subject)
    here = figures.windows_in(snap, data.window_status(snap, day), place)
    if subject == "activity":
        options = figures.activity_choices(snap, frozenset(here["activity"]))
        node = widgets.choose("chains.activity", texts.ACTIVITY, options, view.activity)
        view = view.with_(activity=node)
    elif subject == "executor":
        ranked = figures.ranking(snap, place)
        options = dict(ranked.select("executor", "executor_name").sort("executor_name").iter_rows())
        node = widgets.choose("chains.executor", texts.EXECUTOR, options, view.executor)
        view = view.with_(executor=node)
    else:
        node = view.school
        if node is None:
            st.info(texts.PICK_SCHOOL)
    found = data.chain(snap, subject, node) if node else None
    if found is None:
        if subject != "school":
            st.info(texts.PICK_SUBJECT)
    else:
        codes = tuple(str(b.code) for b in found.broken) if subject == "activity" else ()
        nodes, edges = layout.chain_layout(found.graph, codes)
        st.subheader(f"{texts.CHAIN_TITLE}: {snap.name(node)}", help=texts.CHAIN_HELP)
        widgets.chart(
            snap, lambda: charts.chain_chart(nodes, edges), "chains.graph", (subject, node), "chain", day
        )
        st.subheader(texts.CHAIN_BROKEN)
        mine = figures.broken_in(snap, frozenset(b.activity for b in found.broken))
        if mine.is_empty():
            st.success(texts.CHAIN_WHOLE)
        else:
            widgets.table(mine, key="chains.broken", what="broken", day=day)
    st.subheader(texts.BROKEN_IN_TERRITORY)
    scope = figures.activities_on_school(snap, place.node or "") if place.level == "school" else None
    activities = frozenset(scope) if scope is not None else data.scope_activities(snap, place.node)
    broken = figures.broken_in(snap, activities)
    if broken.is_empty():
        st.success(texts.NO_BROKEN)
    else:
        widgets.table(broken, key="chains.territory", what="broken", day=day)
    return view


navigation.run_page("tsepochki", render)
