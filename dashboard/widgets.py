"""Widget helpers: each draws one control with a namespaced key, seeded from the view, and returns a
typed value; plus the table and chart blocks with their download buttons. The blocks of «Сценарии» are
in `dashboard.scenario_blocks`, `dashboard.scenario_forms` and `dashboard.scenario_saving`."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date
from typing import Any, Literal

import altair as alt
import polars as pl
import streamlit as st

from dashboard import data, export, state, texts
from dashboard.data import PLACE_LEVELS, Snapshot
from dashboard.figures import Place, in_place
from dashboard.state import View
from loaders.corrections import CapacityOverride

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NONE = ""
"""The value of «none» (all regions, no executor) inside a select box."""


def choose(
    key: str,
    label: str,
    options: Mapping[str, str],
    current: str | None,
    *,
    none: str | None = texts.NO_SELECTION,
    where: Any = st,
    disabled: bool = False,
    help: str | None = None,
) -> str | None:
    """Draw a select box of ids shown by name (with «none» first when given); return the chosen id.

    «None» is the empty string inside the widget: a select box treats a None value as no choice at all.
    """
    values: list[str] = ([NONE] if none is not None else []) + [v for v in options if v != NONE]
    fallback = values[0] if values else None
    state.seed(key, current if current in values and current is not None else fallback)
    state.keep_valid(key, values, fallback)
    picked = where.selectbox(
        label,
        values,
        key=key,
        format_func=lambda v: none if v == NONE else options.get(v, v),
        disabled=disabled or len(values) <= 1,
        help=help,
    )
    return picked if picked in options and picked != NONE else None


def choice(key: str, label: str, options: Mapping[str, str], current: str) -> str:
    """Draw a segmented control of a few options; return the chosen one (never none)."""
    state.seed(key, current if current in options else next(iter(options)))
    state.keep_valid(key, list(options), next(iter(options)))
    picked = st.segmented_control(
        label, list(options), key=key, required=True, format_func=lambda v: options.get(v, v)
    )
    if isinstance(picked, str) and picked in options:
        return picked
    return current if current in options else next(iter(options))


def multi(key: str, label: str, options: Mapping[str, str], current: Sequence[str]) -> tuple[str, ...]:
    """Draw pills to choose several options (none chosen means all); return them in the options' order.

    The pills wrap onto more rows when they do not fit (in a column Streamlit would keep them on one row,
    scrolled, hiding the last ones on a narrow screen).
    """
    state.seed(key, [v for v in current if v in options])
    state.keep_valid_many(key, list(options))
    picked = st.pills(
        label,
        list(options),
        key=key,
        selection_mode="multi",
        format_func=lambda v: options.get(v, v),
        wrap=True,
    )
    return tuple(v for v in options if v in (picked or []))


def as_of_date(key: str, current: date, where: Any = st) -> date:
    """Draw the as-of date; return it."""
    state.seed(key, current)
    picked = where.date_input(texts.AS_OF, key=key, format="DD.MM.YYYY", help=texts.AS_OF_HELP)
    return picked if isinstance(picked, date) else current


def _territory_maps(snap: Snapshot) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Return every territory's name, parent and level, by id."""
    ter = snap.territories
    return (
        dict(ter.select("node", "name").iter_rows()),
        dict(ter.select("node", "parent").iter_rows()),
        dict(ter.select("node", "level").iter_rows()),
    )


def scope_header(snap: Snapshot, view: View) -> View:
    """Draw the breadcrumb region → municipality → district → school and the date; return the view."""
    names, parents, levels = data.derived(snap, "scope.territories", None, lambda: _territory_maps(snap))
    start = view.territory
    if start not in names and view.school:
        start = snap.schools.filter(pl.col("school") == view.school)["territory"].first()
    above: dict[str, str] = {}
    node = start
    while node in names:
        above.setdefault(levels[node], node)
        node = parents.get(node)

    def children(parent: str | None, level: str) -> dict[str, str]:
        def build() -> dict[str, str]:
            ter = snap.territories
            rows = ter.filter(
                (pl.col("level") == level) & (pl.col("parent") == parent if parent else pl.lit(True))
            )
            return dict(rows.select("node", "name").iter_rows())

        return data.derived(snap, "scope.children", (parent, level), build)

    # The date's column holds «01.03.2021» whole on a 1024-pixel projector (two in fifteen parts did not).
    cols = st.columns([3, 3, 3, 4, 3])
    region = choose(
        "scope.region",
        texts.REGION,
        children(None, "region"),
        above.get("region"),
        none=texts.ALL_REGIONS,
        where=cols[0],
    )
    municipalities = children(region, "municipality") if region else {}
    municipality = choose(
        "scope.municipality",
        texts.MUNICIPALITY,
        municipalities,
        above.get("municipality"),
        none=texts.ALL_MUNICIPALITIES,
        where=cols[1],
    )
    districts = children(municipality, "district") if municipality else {}
    district = choose(
        "scope.district",
        texts.DISTRICT,
        districts,
        above.get("district"),
        none=texts.ALL_DISTRICTS,
        where=cols[2],
    )
    territory = district or municipality or region
    level = levels.get(territory) if territory else None
    place = Place(level if level in PLACE_LEVELS else None, territory)
    schools = data.derived(
        snap,
        "scope.schools",
        place,
        lambda: dict(in_place(snap.schools, place).select("school", "school_name").iter_rows()),
    )
    school = choose("scope.school", texts.SCHOOL, schools, view.school, none=texts.ALL_SCHOOLS, where=cols[3])
    as_of = as_of_date("scope.as_of", view.as_of or date.today(), where=cols[4])
    trail = [names[t] for t in (region, municipality, district) if t] + ([schools[school]] if school else [])
    st.caption(texts.BREADCRUMB_SEPARATOR.join([texts.ALL_REGIONS, *trail]))
    return view.with_(territory=territory, school=school, as_of=as_of)


FIGURES_PER_ROW = 4
"""How many figures stand side by side: their labels, which say their units, stay whole on a 1024-pixel
projector."""


def figure_row(values: Mapping[str, str], current: str | None) -> str | None:
    """Draw each figure, in the order of `texts.FIGURES`, with a button that opens the list behind it; return
    the figure whose list is open."""
    shown = current
    names = [name for name in texts.FIGURES if name in values]
    for start in range(0, len(names), FIGURES_PER_ROW):
        cols = st.columns(FIGURES_PER_ROW)
        for col, name in zip(cols, names[start : start + FIGURES_PER_ROW], strict=False):
            col.metric(texts.FIGURES[name], values[name], help=texts.FIGURE_HELP[name])
            if col.button(
                texts.SHOW_LIST_OF, key=f"overview.show.{name}", type="tertiary", icon=":material/list:"
            ):
                shown = name
    return shown


OPTIONS_SHOWN = 500
"""The most activities or executors a select box offers; a search or a narrower territory finds the rest."""

TABLE_ROWS = 1000
"""How many rows a table shows at most; its xlsx always holds them all."""


def table(
    frame: pl.DataFrame, key: str, what: str, day: date, *, height: int | Literal["auto"] = "auto"
) -> None:
    """Draw a table with Russian headers (its first `TABLE_ROWS` rows) and a button that downloads all of it
    as xlsx.

    The table and its button sit in a container keyed `key` (a browser finds the table by the class
    `st-key-<key>`, or as the element right before the button `st-key-<key>.xlsx`). Statuses are headed by
    the date `day` they hold on, on the screen and in the xlsx.
    """
    titles = texts.columns_on(day)
    dates = {
        titles.get(c, c): st.column_config.DateColumn(format="DD.MM.YYYY")
        if t == pl.Date()
        # Moments as the xlsx shows them, not Streamlit's ISO «2026-11-22 23:24:15».
        else st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm")
        for c, t in frame.schema.items()
        if t == pl.Date() or isinstance(t, pl.Datetime)
    }
    box = st.container(key=key)
    if frame.height > TABLE_ROWS:
        box.caption(
            texts.TABLE_CUT.format(shown=texts.thousands(TABLE_ROWS), total=texts.thousands(frame.height))
        )
    box.dataframe(
        export.shown(frame.head(TABLE_ROWS), titles),
        hide_index=True,
        width="stretch",
        height=height,
        column_config=dates,
        placeholder=texts.NO_SELECTION,
    )
    box.download_button(
        texts.DOWNLOAD_XLSX,
        data=lambda: export.xlsx_bytes(frame, texts.sheet_name(what), titles),
        file_name=texts.export_name(what, day, "xlsx"),
        mime=XLSX_MIME,
        key=f"{key}.xlsx",
        on_click="ignore",
        icon=":material/table:",
    )


def chart(
    snap: Snapshot,
    build: Callable[[], alt.TopLevelMixin],
    key: str,
    view_key: Hashable,
    what: str,
    day: date,
    *,
    pick: tuple[str, Mapping[str, str]] | None = None,
    stretch: bool = False,
) -> None:
    """Draw a chart (clickable when `pick` = (selection, {point field: view field})) and its PNG and xlsx
    buttons (the xlsx holds what its tooltips show, `export.chart_xlsx_bytes`).

    The chart is built once per data version and `view_key` (everything it depends on but the data).
    """
    on_select: Callable[[], None] | str = "ignore"
    kwargs: dict[str, Any] = {}
    if pick is not None:
        on_select = state.on_pick(key, pick[0], pick[1])
        kwargs["selection_mode"] = [pick[0]]
    spec = data.chart_spec(snap, key, view_key, build)
    st.vega_lite_chart(
        spec, key=key, on_select=on_select, width="stretch" if stretch else "content", **kwargs
    )
    # Streamlit's own «show data» would list the chart's columns as they are (ids, English field names), so
    # the page hides it (`streamlit_words`); the data go to Excel as the tooltips name them.
    buttons = st.container(horizontal=True)
    buttons.download_button(
        texts.DOWNLOAD_PNG,
        data=lambda: export.png_bytes(build()),
        file_name=texts.export_name(what, day, "png"),
        mime="image/png",
        key=f"{key}.png",
        on_click="ignore",
        icon=":material/image:",
    )
    buttons.download_button(
        texts.DOWNLOAD_CHART_XLSX,
        data=lambda: export.chart_xlsx_bytes(build(), texts.sheet_name(what)),
        file_name=texts.chart_data_name(what, day),
        mime=XLSX_MIME,
        key=f"{key}.xlsx",
        on_click="ignore",
        icon=":material/table:",
    )


def capacity_editor(
    executor: str,
    capacity: float | None,
    overridden: bool,
    save: Callable[[float | None, str, str], None],
    *,
    change: CapacityOverride | None = None,
    computed: float | None = None,
) -> None:
    """Draw an executor's capacity («15», «2,5») with a form to change it or go back to the computed one; a
    capacity a user set says who set it, when, why, and what going back would give (`change`, `computed`)."""
    origin = texts.CAPACITY_ORIGIN_OVERRIDE if overridden else texts.CAPACITY_ORIGIN_DATA
    if overridden and change is not None:
        origin = texts.capacity_changed(
            change.changed_at.date(), change.author, change.reason, texts.decimal(computed or 0)
        )
    st.caption(
        texts.CAPACITY_NOW.format(value=texts.counted(capacity or 0, texts.ACTIVITY_FORMS), origin=origin)
    )
    with st.expander(texts.CAPACITY_EDIT, key="workload.capacity_form"):
        state.seed_for("workload.capacity", float(capacity or 0.0), executor)
        # «%g» writes a whole capacity without «.00».
        value = st.number_input(texts.CAPACITY, min_value=0.0, step=1.0, format="%g", key="workload.capacity")
        author = st.text_input(texts.CAPACITY_AUTHOR, key="workload.author")
        reason = st.text_input(texts.CAPACITY_REASON, key="workload.reason")
        left, right = st.columns(2)
        if left.button(texts.CAPACITY_SAVE, key="workload.save_capacity", type="primary"):
            save(float(value), author.strip() or texts.DEFAULT_AUTHOR, reason.strip())
        if right.button(texts.CAPACITY_RESET, key="workload.reset_capacity", disabled=not overridden):
            save(None, author.strip() or texts.DEFAULT_AUTHOR, reason.strip())
