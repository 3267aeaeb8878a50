"""Цепочки: who answers for an activity, a school or an executor, and where the chains break."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, data, export, figures, layout, navigation, texts, widgets
from dashboard.navigation import Context
from dashboard.state import View


def _offered(ctx: Context, what: str, options: pl.DataFrame, current: str | None) -> dict[str, str]:
    """Return the options of the place (the whole country or the territory chosen above) that match a
    search box, at most `widgets.OPTIONS_SHOWN` of them, the chosen one kept."""
    query = st.text_input(texts.SEARCHES[what], key=f"chains.search.{what}").strip()
    found, total = data.matching(ctx.snap, f"chains.{what}", ctx.place, options, query, widgets.OPTIONS_SHOWN)
    if total == 0:
        st.caption(texts.NOTHING_FOUND)
    elif total > len(found):
        st.caption(texts.OPTIONS_FOUND.format(total=total, shown=len(found)))
    if current is not None and current not in found:
        label = data.option_label(options, current)
        if label is not None:
            found = {current: label, **found}
    return found


def _choices(ctx: Context, subject: str) -> pl.DataFrame:
    """Return the activities (with windows in the place; the same whatever the date) or the executors, as
    `option` and `label`."""
    snap, place = ctx.snap, ctx.place
    windows = data.window_status(snap, ctx.as_of)

    def activities() -> pl.DataFrame:
        return figures.activity_choices(snap, figures.windows_in(snap, windows, place)["activity"])

    def executors() -> pl.DataFrame:
        ranked = figures.ranking(snap, place).sort("executor_name")
        return ranked.select(pl.col("executor").alias("option"), pl.col("executor_name").alias("label"))

    if subject == "activity":
        return data.derived(snap, "chains.activities", place, activities, large=place.level is None)
    return data.derived(snap, "chains.executors", place, executors)


def _territory_broken(ctx: Context) -> None:
    """Draw the broken links of the place; for the whole country, their count per region and the export."""
    snap, place, day = ctx.snap, ctx.place, ctx.as_of
    if place.level is None:
        summary = data.broken_by_region(snap)
        if summary.is_empty():
            st.success(texts.NO_BROKEN)
            return
        links, gaps = snap.broken.height, frozenset(snap.broken["activity"])
        st.caption(
            texts.BROKEN_COUNTRY.format(
                links=texts.counted(links, texts.BREAK_FORMS),
                activities=texts.counted(len(gaps), texts.ACTIVITY_GENITIVE_FORMS),
            )
        )
        widgets.table(summary, key="chains.territory", what="broken_regions", day=day)
        st.download_button(
            texts.BROKEN_DOWNLOAD,
            data=lambda: export.xlsx_bytes(figures.broken_in(snap, gaps), texts.sheet_name("broken")),
            file_name=texts.export_name("broken", day, "xlsx"),
            mime=widgets.XLSX_MIME,
            key="chains.broken_all.xlsx",
            on_click="ignore",
            icon=":material/table:",
        )
        return

    def here() -> pl.DataFrame:
        if place.level == "school":
            return figures.broken_in(snap, frozenset(figures.activities_on_school(snap, place.node or "")))
        return figures.broken_in(snap, data.scope_activities(snap, place.node))

    broken = data.derived(snap, "chains.territory", place, here)
    if broken.is_empty():
        st.success(texts.NO_BROKEN)
    else:
        widgets.table(broken, key="chains.territory", what="broken", day=day)


def render(ctx: Context) -> View:
    """Draw the chosen chain as a graph with its broken links, then the broken chains of the place."""
    snap, view, day = ctx.snap, ctx.view, ctx.as_of
    subject = widgets.choice("chains.subject", texts.SUBJECT, texts.SUBJECTS, view.subject)
    view = view.with_(subject=subject)
    if subject in ("activity", "executor"):
        current = view.activity if subject == "activity" else view.executor
        options = _offered(ctx, subject, _choices(ctx, subject), current)
        label = texts.ACTIVITY if subject == "activity" else texts.EXECUTOR
        node = widgets.choose(f"chains.{subject}", label, options, current)
        view = view.with_(**{subject: node})
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
        key = (subject, node)
        nodes, edges = data.derived(
            snap, "chains.layout", key, lambda: layout.chain_layout(found.graph, codes)
        )
        heading, in_full = layout.heading_of(snap.name(node))
        st.subheader(heading, help=texts.CHAIN_HELP)
        if in_full:
            st.caption(in_full)
        build = lambda: charts.chain_chart(nodes, edges)  # noqa: E731
        widgets.chart(snap, build, "chains.graph", key, "chain", day, stretch=True, subject=snap.name(node))
        st.subheader(texts.CHAIN_BROKEN)
        gaps = frozenset(b.activity for b in found.broken)
        mine = data.derived(snap, "chains.broken", key, lambda: figures.broken_in(snap, gaps))
        if mine.is_empty():
            st.success(texts.CHAIN_WHOLE)
        else:
            widgets.table(mine, key="chains.broken", what="chain_broken", day=day)
    st.subheader(texts.BROKEN_IN_TERRITORY)
    _territory_broken(ctx)
    return view


navigation.run_page("tsepochki", render)
