"""Школа: one school's card — every obligation landing on it, when, who set it and who supports it."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, data, figures, navigation, state, texts, widgets
from dashboard.navigation import Context
from dashboard.state import View
from model.relations import EdgeKind

# The most schools listed as buttons; the country, or a place with more, offers them in a select box.
SCHOOL_BUTTONS = 100


def _pick_school(ctx: Context) -> None:
    """List the schools of the place by name; a button (or, when there are many, a choice) opens a card."""
    st.info(texts.PICK_SCHOOL)
    schools = data.derived(
        ctx.snap,
        "school.listed",
        ctx.place,
        lambda: dict(
            figures.in_place(ctx.snap.schools, ctx.place)
            .filter("listed")
            .select("school", "school_name")
            .iter_rows()
        ),
    )
    if ctx.place.level is None or len(schools) > SCHOOL_BUTTONS:
        st.caption(texts.MANY_SCHOOLS.format(count=texts.thousands(len(schools))))
        picked = widgets.choose("school.pick", texts.SCHOOL, schools, None)
        if picked is not None:
            state.go(ctx.view.with_(school=picked))
            st.rerun()
        return
    for school, name in schools.items():
        if st.button(name, key=f"school.open.{school}", icon=texts.PAGE_ICONS["shkola"], type="tertiary"):
            state.go(ctx.view.with_(school=school))
            st.rerun()


def render(ctx: Context) -> View:
    """Draw the card of the school the view is on, or the list of schools to choose from."""
    snap, view, day = ctx.snap, ctx.view, ctx.as_of
    school = view.school
    if school is None or ctx.place.level != "school":
        _pick_school(ctx)
        return view
    row = snap.schools.filter(pl.col("school") == school).row(0, named=True)
    st.subheader(f"{texts.SCHOOL_CARD}: {row['school_name']}")
    st.caption(texts.NO_STIGMA)
    people = {
        edge: ", ".join(snap.name(p) for p in snap.index.into.get((school, edge), [])) or texts.NO_SELECTION
        for edge in (EdgeKind.HEADS, EdgeKind.COORDINATES)
    }
    facts = (
        (texts.SCHOOL_STATUS, row["statuses"] or texts.NO_SELECTION),
        (texts.SCHOOL_HEADS, people[EdgeKind.HEADS]),
        (texts.SCHOOL_COORDINATORS, people[EdgeKind.COORDINATES]),
    )
    for col, (label, value) in zip(st.columns(3), facts, strict=True):
        col.markdown(f"**{label}**  \n{value}")
    obligations = data.obligations(snap, school)
    if obligations.is_empty():
        st.info(texts.NO_OBLIGATIONS)
        return view
    months = data.derived(snap, "school.months", school, lambda: figures.school_months(snap, obligations))
    if months.height:
        st.subheader(texts.OBLIGATIONS_BY_MONTH)
        every = figures.months_between(months["month"].min(), months["month"].max())  # type: ignore[arg-type]
        names = [texts.month_label(m) for m in every]
        widgets.chart(
            snap,
            lambda: charts.school_months_chart(months, names),
            "school.months",
            school,
            "school",
            day,
            stretch=True,
        )
    st.subheader(texts.OBLIGATIONS)
    windows = data.window_status(snap, day)
    rows = data.derived(
        snap,
        "school.obligations",
        (school, day),
        lambda: figures.school_obligations(snap, obligations, windows, school),
    )
    widgets.table(rows, key="school.obligations", what="school", day=day)
    return view


navigation.run_page("shkola", render)
