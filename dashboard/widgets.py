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

from dashboard import data, export, moments, state, texts
from dashboard.data import PLACE_LEVELS, Snapshot
from dashboard.figures import Place, in_place
from dashboard.state import View
from loaders.corrections import CapacityOverride
from model.workload import is_capacity

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


PERCENT_SHOWN = "%d %%"
"""A load against capacity on the screen, «130 %»: the table holds the number of percent, so a click on the
header sorts by value (the xlsx holds the ratio with a percent format, `export.typed`)."""
TABLE_WIDTH = 860
"""How wide a table is on a 1024-pixel projector, in pixels: the columns of long texts share what the other
columns leave of it, so that the last column is in sight (a wider screen spreads the rest over all)."""
TEXT_NARROWEST = 150
"""The narrowest a column of long texts gets, in pixels (its texts are cut; the xlsx holds them whole)."""
CHARACTER_WIDTH = 7
CELL_PADDING = 24
"""About the width of a character of the table's font and the padding of a cell (and its sort arrow), in
pixels."""


HEADER_NARROWEST = 90
"""The narrowest a column is drawn for its header's sake, in pixels, when the table would not fit otherwise: a
longer header is cut there, and the column's tooltip holds it whole."""
TEXT_TIGHTEST = 100
"""The narrowest a column of long texts gets when the table does not fit even with every header cut."""


def _natural_widths(frame: pl.DataFrame, headers: bool = True) -> dict[str, int]:
    """Return about how wide each column of a shown frame (Russian headers) is drawn to hold its header and
    values whole (its values alone, without `headers`), in pixels."""
    widths = {}
    for column, dtype in frame.schema.items():
        longest = 8
        if dtype == pl.String() and frame.height:
            longest = int(frame[column].str.len_chars().max() or 0)
        widths[column] = max(len(column) if headers else 0, longest) * CHARACTER_WIDTH + CELL_PADDING
    return widths


def bounded_widths(frame: pl.DataFrame, width: int = TABLE_WIDTH) -> dict[str, int]:
    """Return the widths, in pixels, of the columns of a shown frame that are drawn narrower than they would
    be, so that the last column is in sight within `width`.

    Text columns too long for it share what the others leave, `TEXT_NARROWEST` at the least. If the table
    is still too wide, the columns wider for their header than for their values give up what their header
    takes beyond `HEADER_NARROWEST` and their values; then the long text columns narrow to `TEXT_TIGHTEST`.
    """
    natural = _natural_widths(frame)
    text_columns = {c for c, t in frame.schema.items() if t == pl.String()}
    long = sorted((c for c in text_columns if natural[c] > TEXT_NARROWEST), key=natural.__getitem__)
    left = width - sum(w for c, w in natural.items() if c not in long)
    bounded: dict[str, int] = {}
    # The shortest first: what a short one does not need goes to the longer ones.
    for n, column in enumerate(long):
        share = max(TEXT_NARROWEST, left // (len(long) - n))
        if natural[column] > share:
            bounded[column] = share
        left -= min(natural[column], share)
    values = _natural_widths(frame, headers=False)
    headed = {c: max(values[c], HEADER_NARROWEST) for c in natural if c not in bounded}
    _narrow(bounded, natural, headed, width)
    _narrow(bounded, natural, dict.fromkeys((c for c in long if c in bounded), TEXT_TIGHTEST), width)
    return bounded


def _narrow(
    bounded: dict[str, int], natural: Mapping[str, int], floors: Mapping[str, int], width: int
) -> None:
    """Narrow columns towards their floors, each in proportion to what it can give, until the table's
    columns fit `width` (or all are at their floors)."""
    drawn = {c: bounded.get(c, w) for c, w in natural.items()}
    over = sum(drawn.values()) - width
    slack = {c: drawn[c] - floor for c, floor in floors.items() if drawn[c] > floor}
    given = sum(slack.values())
    if over <= 0 or not given:
        return
    for column, extra in slack.items():
        bounded[column] = drawn[column] - min(extra, -(-extra * over // given))


def _header_cut(column: str, width: int) -> bool:
    """Tell whether a column drawn this wide cuts its header."""
    return len(column) * CHARACTER_WIDTH + CELL_PADDING > width


def _with_width(config: Mapping[str, Any] | None, column: str, width: int, text: bool) -> dict[str, Any]:
    """Return a column's settings drawn `width` pixels wide, its type and format kept; a header cut there is
    whole in the column's tooltip."""
    kept = dict(config or (st.column_config.TextColumn() if text else st.column_config.Column()))
    kept["width"] = width
    if _header_cut(column, width):
        kept["help"] = column
    return kept


def shown_table(frame: pl.DataFrame, titles: Mapping[str, str]) -> tuple[pl.DataFrame, dict[str, Any]]:
    """Return a frame as a table shows it (Russian headers; moments in the user's time zone; loads against
    capacity as numbers of percent) and the configuration of its columns, keyed by header."""
    typed = export.typed(frame.select(c for c in frame.columns if c in export.PERCENT_FIELDS))
    percents = [c for c, t in typed.schema.items() if t.is_numeric()]
    points = frame.with_columns((typed[c] * 100).round().cast(pl.Int64()) for c in percents)
    out = export.shown(moments.local_columns(points), titles)
    config: dict[str, Any] = {
        titles.get(c, c): st.column_config.NumberColumn(format=PERCENT_SHOWN) for c in percents
    }
    for column, dtype in out.schema.items():
        if dtype == pl.Date():
            config[column] = st.column_config.DateColumn(format="DD.MM.YYYY")
        elif isinstance(dtype, pl.Datetime):
            # Moments as the xlsx shows them, not Streamlit's ISO «2026-11-22 23:24:15».
            config[column] = st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm")
    for column, width in bounded_widths(out).items():
        config[column] = _with_width(config.get(column), column, width, out.schema[column] == pl.String())
    return out, config


def _counts_apart(shown: pl.DataFrame, config: dict[str, Any]) -> dict[str, Any]:
    """Return the column settings that show a table's whole numbers as counts in the reader's language
    («5 001» in a Russian browser), kept numbers so that a click on the header sorts them by value."""
    whole = [c for c, t in shown.schema.items() if t.is_integer()]
    counted = {c: st.column_config.NumberColumn(format="localized") for c in whole}
    # A width or a tooltip set for a column (a header cut to fit the table) stays.
    for column, settings in counted.items():
        settings.update({k: v for k, v in config.get(column, {}).items() if k in ("width", "help") and v})
    return {**config, **counted}


def table(
    frame: pl.DataFrame,
    key: str,
    what: str,
    day: date,
    *,
    height: int | Literal["auto"] = "auto",
    headers: Mapping[str, str] | None = None,
    counts: bool = False,
) -> None:
    """Draw a table with Russian headers (its first `TABLE_ROWS` rows) and a button that downloads all of it
    as xlsx.

    The table and its button sit in a container keyed `key` (a browser finds the table by the class
    `st-key-<key>`, or as the element right before the button `st-key-<key>.xlsx`). Statuses are headed by
    the date `day` they hold on, on the screen and in the xlsx; `headers` replace the usual headers of some
    columns (the columns keep their types: a percentage stays a number). Moments are in the user's time zone.
    With `counts`, whole numbers are counts shown with their thousands apart in the reader's language, as
    the texts around them write them; they stay numbers, so a click on their header sorts them by value.
    """
    titles = {**texts.columns_on(day), **(headers or {})}
    shown, config = shown_table(frame.head(TABLE_ROWS), titles)
    if counts:
        config = _counts_apart(shown, config)
    box = st.container(key=key)
    if frame.height > TABLE_ROWS:
        box.caption(
            texts.TABLE_CUT.format(shown=texts.thousands(TABLE_ROWS), total=texts.thousands(frame.height))
        )
    box.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=height,
        column_config=config,
        placeholder=texts.NO_SELECTION,
    )
    box.download_button(
        texts.DOWNLOAD_XLSX,
        data=lambda: export.xlsx_bytes(moments.local_columns(frame), texts.sheet_name(what), titles),
        file_name=texts.export_name(what, day, "xlsx"),
        mime=XLSX_MIME,
        key=f"{key}.xlsx",
        on_click="ignore",
        icon=":material/table:",
    )


_PLACE = "page.place"


def note_place(place: Place) -> None:
    """Record the place the page looks at in this run, for the titles of its charts' images."""
    state.remember(_PLACE, place)


def place_name(snap: Snapshot, place: Place) -> str:
    """Return a place as a title names it: the territory's or school's name, or «Все регионы»."""
    return snap.name(place.node) if place.node else texts.ALL_REGIONS


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
    subject: str = "",
) -> None:
    """Draw a chart (clickable when `pick` = (selection, {point field: view field})) and its PNG and xlsx
    buttons (the xlsx holds what its tooltips show, `export.chart_xlsx_bytes`).

    The chart is built once per data version and `view_key` (everything it depends on but the data). Its
    PNG is titled with what it shows (`texts.CHART_TITLES[what]` about `subject`), the place the page looks
    at (`note_place`) and the date `day`; the chart on the page is drawn without it.
    """
    title = texts.chart_title(what, subject, place_name(snap, state.recall(_PLACE, Place())), day)
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
        data=lambda: export.png_bytes(build(), title=title),
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
            moments.local(change.changed_at).date(),
            change.author,
            change.reason,
            texts.decimal(computed or 0),
        )
    st.caption(
        texts.CAPACITY_NOW.format(value=texts.counted(capacity or 0, texts.ACTIVITY_FORMS), origin=origin)
    )
    ignored = change if not overridden else None  # a capacity of 0 saved by an earlier version
    if ignored is not None:
        who = f" ({ignored.author})" if ignored.author and ignored.author != texts.DEFAULT_AUTHOR else ""
        day = moments.local(ignored.changed_at).date()
        st.warning(texts.CAPACITY_IGNORED.format(value=texts.decimal(ignored.capacity), day=day, who=who))
    with st.expander(texts.CAPACITY_EDIT, key="workload.capacity_form"):
        state.seed_for("workload.capacity", float(capacity or 0.0), executor)
        # «%g» writes a whole capacity without «.00».
        value = st.number_input(texts.CAPACITY, min_value=0.0, step=1.0, format="%g", key="workload.capacity")
        # 0 is typed on purpose by people who mean «no capacity»: say what a capacity is instead of
        # saving an executor that would drop out of the load ranking.
        valid = is_capacity(float(value))
        if not valid:
            st.error(texts.CAPACITY_NOT_POSITIVE, icon=":material/block:")
        author = st.text_input(texts.CAPACITY_AUTHOR, key="workload.author")
        reason = st.text_input(texts.CAPACITY_REASON, key="workload.reason")
        left, right = st.columns(2)
        if left.button(texts.CAPACITY_SAVE, key="workload.save_capacity", type="primary", disabled=not valid):
            save(float(value), author.strip() or texts.DEFAULT_AUTHOR, reason.strip())
        if right.button(
            texts.CAPACITY_RESET, key="workload.reset_capacity", disabled=not overridden and ignored is None
        ):
            save(None, author.strip() or texts.DEFAULT_AUTHOR, reason.strip())
