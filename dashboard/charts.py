"""Pure altair chart builders: frames in, charts out; one colour scale and legend for load everywhere.

Load against capacity is always coloured by `LOAD_SCALE` over the bands of `load_band` (the same five
labels in the same order in every legend, the scenario's before/after cells included), statuses by
`STATUS_SCALE`, counts of deadlines by `COUNT_SCALE`. Clickable charts carry a point selection whose
name is `PICK` (bars) or `CELL` (cells).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import polars as pl

from dashboard import layout, texts
from model.short_names import reading_key, short_names

PICK = "pick"
CELL = "cell"

LOAD_COLOURS = ("#9ecae1", "#3182bd", "#f16913", "#cb181d", "#bdbdbd")
LOAD_SCALE = alt.Scale(domain=list(texts.LOAD_BANDS), range=list(LOAD_COLOURS))
"""The one colour scale of load against capacity: calm blues up to 100 %, orange and red above."""

STATUS_ORDER = ("done", "in_progress", "not_started", "undated", "overdue", "cancelled")
STATUS_COLOURS = ("#31a354", "#6baed6", "#d9d9d9", "#f3e7c9", "#cb181d", "#969696")
STATUS_SCALE = alt.Scale(domain=[texts.STATUSES[s] for s in STATUS_ORDER], range=list(STATUS_COLOURS))

COUNT_SCALE = alt.Scale(scheme="purples", domainMin=0)

LEVEL_ORDER = ("federal", "region", "municipality", "school")
LEVEL_COLOURS = ("#6a51a3", "#2171b5", "#238b45", "#d94801")
LEVEL_SCALE = alt.Scale(domain=[texts.ROADMAP_LEVELS[k] for k in LEVEL_ORDER], range=list(LEVEL_COLOURS))

ROLE_ORDER = (
    "activity",
    "executor",
    "coordinator",
    "head",
    "authority",
    "roadmap",
    "issuer",
    "controller",
    "missing",
)
ROLE_COLOURS = (
    "#252525",
    "#2171b5",
    "#6a51a3",
    "#807dba",
    "#238b45",
    "#737373",
    "#d94801",
    "#8c2d04",
    "#cb181d",
)
ROLE_SCALE = alt.Scale(domain=[texts.ROLES[r] for r in ROLE_ORDER], range=list(ROLE_COLOURS))

FONT = 14
ROW = 26
LABEL_LIMIT = 440
CHAIN_ROW = 56
CHAIN_LEGEND = 125
"""Pixels of a chain's height that hold no row: the legend's title and its two rows on top, and the lines of
the last row's names below its dots (Streamlit fits all of it into the height, taking it from the rows)."""
_ROWS = alt.Axis(labelLimit=LABEL_LIMIT, labelOverlap=False)

GRID_LABELS = 340
"""How wide the row names of a month grid are at most, in pixels (longer ones end in «…», the tooltip has
them in full); a screen narrower than 1200 pixels gives them less (`GRID_SHARE` of the chart), keeping most
of its width for the months. Every grid gives them the same, so two grids of a page put each month at the
same place."""
GRID_SHARE = 0.3
_GRID_LABEL_WIDTH = alt.expr(
    f"containerSize()[0] > 0 ? clamp(containerSize()[0] * {GRID_SHARE}, 160, {GRID_LABELS}) : {GRID_LABELS}"
)
_GRID_EXTENT = alt.expr(f"({_GRID_LABEL_WIDTH.expr}) + 8")


def _middle_cut(label: str) -> str:
    """Return a Vega expression writing a row name that is too long for the grid's row names as its start,
    «…» and its last 12 characters, so names that differ only at the end («… школа № 103») stay apart."""
    room = f"floor(({_GRID_LABEL_WIDTH.expr}) / 7.8)"
    return f"length({label}) > {room} ? slice({label}, 0, {room} - 13) + '…' + slice({label}, -12) : {label}"


_GRID_TEXT_ROWS = alt.Axis(
    labelLimit=_GRID_LABEL_WIDTH, labelOverlap=False, minExtent=_GRID_EXTENT, maxExtent=_GRID_EXTENT
)
"""The rows of a month grid named by texts (their start tells them apart): a long one ends in «…»."""
_GRID_ROWS = alt.Axis(
    labelLimit=_GRID_LABEL_WIDTH,
    labelOverlap=False,
    minExtent=_GRID_EXTENT,
    maxExtent=_GRID_EXTENT,
    labelExpr=_middle_cut("datum.label"),
)
"""The rows of a month grid named by names of executors or territories: a long one loses its middle."""
DIGIT_WIDTH = 7
"""How wide a character of a number written on a grid cell is, in pixels, with the cell's margin."""


def load_band(ratio: pl.Expr) -> pl.Expr:
    """Return the polars expression naming the load band of a ratio (null ratio: no capacity).

    >>> frame = pl.DataFrame({"r": [0.2, 1.0, 1.3, 1.5, None]})
    >>> frame.select(load_band(pl.col("r")).alias("band"))["band"].to_list()
    ['до 50 %', '50–100 %', '100–150 %', '150 % и выше', 'мощность не задана']
    """
    b = texts.LOAD_BANDS
    return (
        pl.when(ratio.is_null())
        .then(pl.lit(b[4]))
        .when(ratio < 0.5)
        .then(pl.lit(b[0]))
        .when(ratio <= 1.0)
        .then(pl.lit(b[1]))
        .when(ratio < 1.5)
        .then(pl.lit(b[2]))
        .otherwise(pl.lit(b[3]))
    )


LEGEND_ENTRY = 150
"""How wide an entry of a legend above a chart is taken to be, in pixels, to know how many fit in a row."""


def _top_legend(most: int = 0, values: Sequence[str] | None = None) -> alt.Legend:
    """Return a legend above the chart whose entries wrap onto more rows when the chart is narrow (above a
    chart with long row names it starts where the rows do; in one row it ran past the page's edge), at most
    `most` to a row when given, listing only `values` when given."""
    fit = f"max(1, floor(width / {LEGEND_ENTRY}))"
    columns = alt.expr(f"min({most}, {fit})" if most else fit)
    if values is None:
        return alt.Legend(orient="top", columns=columns)
    return alt.Legend(orient="top", columns=columns, values=list(values))


def _load_colour() -> alt.Color:
    return alt.Color("band:N", scale=LOAD_SCALE, title=texts.LOAD_LEGEND, legend=_top_legend())


NUMBER_LOCALE = {
    "decimal": ",",
    "thousands": "\u00a0",
    "grouping": [3],
    "currency": ["", "\u00a0₽"],
    "percent": "\u00a0%",
}
"""How every chart writes numbers, as Russian text does: «1 200», «2,5», «130 %»."""


def _look(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Return a chart with the fonts a projector needs and numbers written the Russian way."""
    return (
        chart.configure(locale=alt.Locale(number=alt.NumberLocale(**NUMBER_LOCALE)))
        .configure_axis(labelFontSize=FONT, titleFontSize=FONT, labelLimit=LABEL_LIMIT)
        .configure_legend(labelFontSize=FONT, titleFontSize=FONT, labelLimit=LABEL_LIMIT)
        .configure_title(fontSize=FONT + 2)
        .configure_view(stroke=None)
    )


ROW_NAME = "row_name"
"""The field naming a chart's rows on its axis: `model.short_names.short_names` of the names (the tooltip
has them in full)."""
GRID_NAME_CHARS = 30
"""How many characters of a row's name a month grid shows whole on a 1024-pixel screen (`GRID_LABELS` gives
the row names about 30 % of the chart there, at about 8 pixels a character)."""
BAR_NAME_CHARS = 54
"""How many characters of a row's name a chart of bars shows whole (`LABEL_LIMIT` pixels)."""


def _named_rows(
    frame: pl.DataFrame, field: str, limit: int, order: Sequence[str] | None = None
) -> tuple[pl.DataFrame, list[str]]:
    """Return a frame with its rows' names as the axis writes them (`ROW_NAME`: a school's number kept, two
    rows never alike) and those names in the order of `order` (full names), else as people read them
    («СОШ № 7» before «СОШ № 12»)."""
    shown = short_names(frame[field].drop_nulls().unique().to_list(), limit)
    if order is None:
        order = sorted(shown, key=reading_key)
    named = frame.with_columns(
        pl.col(field).replace_strict(shown, default=pl.col(field), return_dtype=pl.String()).alias(ROW_NAME)
    )
    return named, [shown[n] for n in dict.fromkeys(order)]


def _rows_axis(axis: alt.Axis, field: str) -> alt.Axis:
    """Return an axis of rows named like its names' column (the axis reads `ROW_NAME`, no tooltip does)."""
    out = axis.copy()
    out.description = texts.CHART_AXIS.format(title=texts.COLUMNS[field])
    return out


def _data(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Return the columns a chart reads; dates go as ISO text so every renderer reads them alike."""
    return frame.select(
        pl.col(c).dt.strftime("%Y-%m-%d") if frame.schema[c] == pl.Date() else pl.col(c) for c in columns
    )


def progress_bars(frame: pl.DataFrame) -> alt.TopLevelMixin:
    """Return stacked bars of window states per territory; a click picks the territory (`unit`)."""
    pick = alt.selection_point(name=PICK, fields=["unit"], on="click")
    named, order = _named_rows(frame, "area_name", BAR_NAME_CHARS)
    chart = (
        alt.Chart(_data(named, "unit", "area_name", ROW_NAME, "state", "windows"))
        .mark_bar(cursor="pointer")
        .encode(
            y=alt.Y(f"{ROW_NAME}:N", sort=order, title=None, axis=_rows_axis(_ROWS, "area_name")),
            x=alt.X("windows:Q", stack="zero", title=texts.COLUMNS["windows"]),
            detail="unit:N",
            color=alt.Color("state:N", scale=STATUS_SCALE, title=texts.STATUS_LEGEND, legend=_top_legend()),
            order=alt.Order("state_order:Q"),
            opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.45)),
            tooltip=[
                alt.Tooltip("area_name:N", title=texts.COLUMNS["area_name"]),
                alt.Tooltip("state:N", title=texts.STATUS_LEGEND),
                alt.Tooltip("windows:Q", title=texts.COLUMNS["windows"]),
            ],
        )
        .transform_calculate(state_order=_order_expr("state", [texts.STATUSES[s] for s in STATUS_ORDER]))
        .add_params(pick)
        .properties(height=alt.Step(ROW + 8))
    )
    return _look(chart)


def _order_expr(field: str, values: Sequence[str]) -> str:
    return "indexof(" + repr(list(values)).replace("'", '"') + f", datum.{field})"


RANKING_BARS = 100
"""The most executors the ranking chart draws; the table below it lists every one."""

HEATMAP_ROWS = 50
"""The most executors the executor × month heatmap draws (a row each); the rest can be picked below it."""


def top_loaded(ranked: pl.DataFrame, limit: int = RANKING_BARS) -> pl.DataFrame:
    """Return the first `limit` executors of a ranking that have a capacity (those the bars can draw).

    >>> top_loaded(pl.DataFrame({"peak_ratio": [1.5, None, 0.4]}), 1)["peak_ratio"].to_list()
    [1.5]
    """
    return ranked.filter(pl.col("peak_ratio").is_not_null()).head(limit)


def ranking_bars(frame: pl.DataFrame) -> alt.TopLevelMixin:
    """Return executors' peak load against capacity as bars with «130 %» labels and a 100 % rule."""
    pick = alt.selection_point(name=PICK, fields=["executor"], on="click")
    ranked = frame.filter(pl.col("peak_ratio").is_not_null())
    rows, order = _named_rows(ranked, "executor_name", BAR_NAME_CHARS, ranked["executor_name"].to_list())
    base = alt.Chart(
        _data(
            rows,
            "executor",
            "executor_name",
            ROW_NAME,
            "peak_ratio",
            "peak_percent",
            "peak_active",
            "capacity",
            "peak_month",
            "band",
        )
    ).encode(
        y=alt.Y(f"{ROW_NAME}:N", sort=order, title=None, axis=_rows_axis(_ROWS, "executor_name")),
        x=alt.X("peak_ratio:Q", title=texts.COLUMNS["peak_percent"], axis=alt.Axis(format="%")),
    )
    bars = (
        base.mark_bar(cursor="pointer")
        .encode(
            color=_load_colour(),
            opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.45)),
            tooltip=[
                alt.Tooltip("executor_name:N", title=texts.COLUMNS["executor_name"]),
                alt.Tooltip("peak_percent:N", title=texts.COLUMNS["peak_percent"]),
                alt.Tooltip("peak_active:Q", title=texts.COLUMNS["peak_active"]),
                alt.Tooltip("capacity:Q", title=texts.COLUMNS["capacity"]),
                alt.Tooltip("peak_month:N", title=texts.COLUMNS["peak_month"]),
            ],
        )
        .add_params(pick)
    )
    labels = base.mark_text(align="left", dx=4, fontSize=FONT).encode(text="peak_percent:N")
    full = alt.Chart(pl.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 4], color="#252525").encode(x="x:Q")
    return _look(alt.layer(bars, labels, full).properties(height=alt.Step(ROW)))


def executor_months_chart(frame: pl.DataFrame) -> alt.TopLevelMixin:
    """Return one executor's load per month: bars coloured by load band, the capacity as a line; the months
    are named as on a month grid, and «130 %» is written over the bars only when they are wide enough."""
    base = alt.Chart(_data(frame, "month_name", "active", "due", "capacity", "load_percent", "band")).encode(
        x=_month_columns(frame["month_name"].to_list(), orient="bottom"),
    )
    # Room above the highest bar (or the capacity) for its «125 %», which the chart's top edge would cut.
    top = max(float(frame["active"].max() or 0), float(frame["capacity"].max() or 0)) * 1.12
    bars = base.mark_bar().encode(
        y=alt.Y("active:Q", title=texts.COLUMNS["active"], scale=alt.Scale(domainMax=top or 1)),
        color=_load_colour(),
        tooltip=[
            alt.Tooltip("month_name:N", title=texts.COLUMNS["month_name"]),
            alt.Tooltip("active:Q", title=texts.COLUMNS["active"]),
            alt.Tooltip("due:Q", title=texts.COLUMNS["due"]),
            alt.Tooltip("capacity:Q", title=texts.COLUMNS["capacity"]),
            alt.Tooltip("load_percent:N", title=texts.COLUMNS["load_percent"]),
        ],
    )
    fits = f"{_longest(frame, 'load_percent') * DIGIT_WIDTH} <= bandwidth('x')"
    labels = base.mark_text(dy=-8, fontSize=FONT - 2, opacity=alt.expr(f"{fits} ? 1 : 0")).encode(
        y="active:Q", text="load_percent:N"
    )
    capacity = base.mark_line(color="#252525", strokeDash=[4, 4], interpolate="step-after").encode(
        y="capacity:Q"
    )
    return _look(alt.layer(bars, labels, capacity).properties(width="container", height=320))


MONTH_LABEL = 36
"""How many pixels a month's name (the month over the year) needs on a month grid, with a gap."""
MONTH_STEPS = (1, 2, 3, 6, 12)
"""Every how many months a month grid may name a month: each step divides a year, so the names fall on the
same months every year (every quarter, every half-year, every January), never on an arbitrary every 8th."""

_MONTH_NUMBER = "indexof([{}], split(datum.value, ' ')[0])".format(
    ", ".join(f"'{name}'" for name in texts.MONTHS_SHORT)
)
"""The month of an x-axis value (a `texts.month_label`) as 0 (January) to 11, in a Vega expression."""
_MONTH_STEP = (
    " : ".join(f"bandwidth('x') * {step} >= {MONTH_LABEL} ? {step}" for step in MONTH_STEPS[:-1])
    + f" : {MONTH_STEPS[-1]}"
)
"""The fewest months between two named ones for which their names do not run together."""
MONTH_NAMED = f"{_MONTH_NUMBER} % ({_MONTH_STEP}) == 0"
"""The Vega test of a month grid's column whose month is named on top."""
YEAR_STARTS = f"{_MONTH_NUMBER} == 0"
"""The Vega test of a month grid's January column: named in bold, a line before it across the grid."""


def _month_columns(months: Sequence[str], orient: str = "top") -> alt.X:
    """Return the x channel of a month grid as wide as its chart: the months in their order, named on top
    (below the bars of a chart of months) on two lines («сен» over «2020»). When the columns are too narrow
    for every name, only every 2nd, 3rd, 6th or 12th month is named, counting from January (`MONTH_NAMED`),
    each name starting at its column's left edge; Januaries are named in bold after a dark line across the
    grid, so a five-year grid on a projector still shows where each year and quarter begins. The tooltip
    names a cell's month."""
    wide = f"bandwidth('x') >= {MONTH_LABEL}"
    return alt.X(
        "month_name:N",
        sort=list(months),
        scale=alt.Scale(domain=list(months)),
        title=None,
        axis=alt.Axis(
            labelAngle=0,
            labelExpr=f"{MONTH_NAMED} ? split(datum.label, ' ') : ''",
            labelAlign=alt.expr(f"{wide} ? 'center' : 'left'"),
            labelOffset=alt.expr(f"{wide} ? 0 : 2 - bandwidth('x') / 2"),
            labelFontWeight=alt.when(YEAR_STARTS).then(alt.value("bold")).otherwise(alt.value("normal")),
            labelOverlap=False,
            orient=orient,
            ticks=False,
            grid=True,
            bandPosition=0,
            gridColor="#252525",
            gridOpacity=alt.when(YEAR_STARTS).then(alt.value(0.8)).otherwise(alt.value(0)),
            zindex=1,
        ),
    )


def _cell_numbers(base: alt.Chart, text: alt.Text, longest: int, dark: str) -> alt.Chart:
    """Return the numbers written on the cells of a month grid, white on the cells `dark` (a Vega test) says
    are dark; they are written only when the cells are wide enough for the longest of them (`longest`
    characters), so none runs into the next and no row misses some (the tooltip has every number)."""
    fits = f"{longest * DIGIT_WIDTH} <= bandwidth('x')"
    return base.mark_text(fontSize=FONT - 2, opacity=alt.expr(f"{fits} ? 1 : 0")).encode(
        text=text, color=alt.when(dark).then(alt.value("white")).otherwise(alt.value("#252525"))
    )


def _longest(frame: pl.DataFrame, field: str) -> int:
    """Return how many characters the longest value of a column takes on a grid cell («12», «150 %»)."""
    values = frame[field].drop_nulls()
    if values.is_empty():
        return 0
    if values.dtype.is_numeric():
        return max(len(f"{v:g}") for v in values.to_list())
    return int(values.str.len_chars().max() or 0)  # type: ignore[arg-type]


def _dark_count(frame: pl.DataFrame, field: str) -> str:
    """Return the Vega test of a count cell dark enough for a white number (the upper part of
    `COUNT_SCALE`)."""
    top = frame[field].max() if frame.height else None
    return f"datum.{field} >= {0.55 * top:g}" if isinstance(top, int | float) and top > 0 else "false"


_DARK_BANDS = _order_expr("band", texts.LOAD_BANDS[1:4]) + " >= 0"
"""Load cells dark enough for a white number: 50–100 % and above."""


def executor_heatmap(frame: pl.DataFrame, months: Sequence[str], measure: str) -> alt.TopLevelMixin:
    """Return executor × month cells: load bands when counting what runs, counts when counting deadlines."""
    cell = alt.selection_point(name=CELL, fields=["executor", "month_key"], on="click")
    colour = (
        _load_colour()
        if measure == "active"
        else alt.Color(
            "value:Q", scale=COUNT_SCALE, title=texts.COUNT_LEGEND, legend=alt.Legend(orient="top")
        )
    )
    named, order = _named_rows(frame, "executor_name", GRID_NAME_CHARS)
    data = _data(
        named,
        "executor",
        "executor_name",
        ROW_NAME,
        "month_key",
        "month_name",
        "value",
        "load_percent",
        "band",
    )
    base = alt.Chart(data).encode(
        x=_month_columns(months),
        y=alt.Y(f"{ROW_NAME}:N", sort=order, title=None, axis=_rows_axis(_GRID_ROWS, "executor_name")),
    )
    rects = (
        base.mark_rect(cursor="pointer", stroke="white", strokeWidth=1)
        .encode(
            color=colour,
            opacity=alt.when(cell).then(alt.value(1.0)).otherwise(alt.value(0.35)),
            tooltip=[
                alt.Tooltip("executor_name:N", title=texts.COLUMNS["executor_name"]),
                alt.Tooltip("month_name:N", title=texts.COLUMNS["month_name"]),
                alt.Tooltip("value:Q", title=texts.MEASURES.get(measure, measure)),
                alt.Tooltip("load_percent:N", title=texts.COLUMNS["load_percent"]),
            ],
        )
        .add_params(cell)
    )
    dark = _DARK_BANDS if measure == "active" else _dark_count(frame, "value")
    numbers = _cell_numbers(base, alt.Text("value:Q", format="~g"), _longest(frame, "value"), dark)
    return _look(alt.layer(rects, numbers).properties(width="container", height=alt.Step(ROW)))


def area_heatmap(frame: pl.DataFrame, months: Sequence[str]) -> alt.TopLevelMixin:
    """Return territory × month cells: how many windows end in the month; a click picks the cell."""
    cell = alt.selection_point(name=CELL, fields=["unit", "month_key"], on="click")
    named, order = _named_rows(frame, "area_name", GRID_NAME_CHARS)
    base = alt.Chart(
        _data(named, "unit", "area_name", ROW_NAME, "month_key", "month_name", "windows")
    ).encode(
        x=_month_columns(months),
        y=alt.Y(f"{ROW_NAME}:N", sort=order, title=None, axis=_rows_axis(_GRID_ROWS, "area_name")),
    )
    rects = (
        base.mark_rect(cursor="pointer", stroke="white", strokeWidth=1)
        .encode(
            color=alt.Color(
                "windows:Q", scale=COUNT_SCALE, title=texts.COUNT_LEGEND, legend=alt.Legend(orient="top")
            ),
            opacity=alt.when(cell).then(alt.value(1.0)).otherwise(alt.value(0.35)),
            tooltip=[
                alt.Tooltip("area_name:N", title=texts.COLUMNS["area_name"]),
                alt.Tooltip("month_name:N", title=texts.COLUMNS["month_name"]),
                alt.Tooltip("windows:Q", title=texts.COLUMNS["windows"]),
            ],
        )
        .add_params(cell)
    )
    dark = _dark_count(frame, "windows")
    numbers = _cell_numbers(base, alt.Text("windows:Q"), _longest(frame, "windows"), dark)
    return _look(alt.layer(rects, numbers).properties(width="container", height=alt.Step(ROW)))


def school_months_chart(frame: pl.DataFrame, months: Sequence[str]) -> alt.TopLevelMixin:
    """Return obligation × month cells of one school, coloured by who set the obligation (the legend names
    only the levels the school has)."""
    labels = (
        frame.sort("month", "label").unique("label", keep="first", maintain_order=True)["label"].to_list()
    )
    present = set(frame["roadmap_level"].to_list())
    levels = [texts.ROADMAP_LEVELS[k] for k in LEVEL_ORDER if texts.ROADMAP_LEVELS[k] in present]
    chart = (
        alt.Chart(_data(frame, "label", "text", "month_name", "roadmap_level"))
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=_month_columns(months),
            y=alt.Y("label:N", sort=labels, title=None, axis=_GRID_TEXT_ROWS),
            color=alt.Color(
                "roadmap_level:N",
                scale=LEVEL_SCALE,
                title=texts.LEVEL_LEGEND,
                legend=_top_legend(values=levels),
            ),
            tooltip=[
                alt.Tooltip("text:N", title=texts.COLUMNS["text"]),
                alt.Tooltip("month_name:N", title=texts.COLUMNS["month_name"]),
                alt.Tooltip("roadmap_level:N", title=texts.LEVEL_LEGEND),
            ],
        )
        .properties(width="container", height=alt.Step(ROW - 4))
    )
    return _look(chart)


def chain_chart(nodes: pl.DataFrame, edges: pl.DataFrame) -> alt.TopLevelMixin:
    """Return a responsibility chain drawn in columns by role as wide as the page, edges as lines between
    the nodes; names are written on up to three lines (`layout.chain_layout`) and end in «…» where the next
    column begins, the tooltip having them in full."""
    columns = max(int(nodes["x"].max() or 0) + 1, 1) if nodes.height else 1
    rows = max(int(nodes["y"].max() or 0) + 1, 1) if nodes.height else 1
    span = columns + 0.1  # the x domain below: from a third of a column before the first to the last's end
    wide = layout.WIDE_LINE_LENGTH * 6 + 24  # pixels a column needs for the longer lines (6 a character)
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.3, columns - 0.2]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[rows - 0.5, -0.5]))
    lines = (
        alt.Chart(_data(edges, "x", "y", "x2", "y2", "label"))
        .mark_rule(color="#bdbdbd", strokeWidth=1.5)
        .encode(
            x=x, y=y, x2="x2:Q", y2="y2:Q", tooltip=[alt.Tooltip("label:N", title=texts.COLUMNS["role_name"])]
        )
    )
    base = alt.Chart(
        _data(nodes, "x", "y", "label", "label_wide", "full_name", "role", "role_name", "roles_name",
              "second_role_name")
    ).encode(x=x, y=y)  # fmt: skip
    node_tooltip = [
        alt.Tooltip("full_name:N", title=texts.COLUMNS["name"]),
        alt.Tooltip("roles_name:N", title=texts.COLUMNS["role_name"]),
    ]
    # A node that plays a second role (an executor that also issued the order) is ringed in its colour.
    rings = (
        base.transform_filter("isValid(datum.second_role_name)")
        .mark_point(filled=False, size=620, strokeWidth=3, opacity=1)
        .encode(
            color=alt.Color(
                "second_role_name:N", scale=ROLE_SCALE, title=texts.ROLE_LEGEND, legend=_top_legend(5)
            ),
            tooltip=node_tooltip,
        )
    )
    dots = base.mark_point(filled=True, size=260, opacity=1).encode(
        color=alt.Color(
            "role_name:N",
            scale=ROLE_SCALE,
            title=texts.ROLE_LEGEND,
            legend=_top_legend(5),
        ),
        shape=alt.when("datum.role == 'missing'").then(alt.value("cross")).otherwise(alt.value("circle")),
        tooltip=node_tooltip,
    )
    names = base.mark_text(
        align="left",
        baseline="middle",
        dx=12,
        fontSize=FONT - 2,
        lineBreak="\n",
        limit=alt.expr(f"max(width / {span} - 16, 40)"),
    ).encode(
        text=alt.value(alt.expr(f"width / {span} >= {wide} ? datum.label_wide : datum.label")),
        color=alt.when("datum.role == 'missing'").then(alt.value("#cb181d")).otherwise(alt.value("#252525")),
        tooltip=node_tooltip,
    )
    # Streamlit fits the legend into the height, so the height leaves room for it above the rows.
    height = max(rows * CHAIN_ROW, 2 * CHAIN_ROW) + CHAIN_LEGEND
    return _look(alt.layer(lines, rings, dots, names).properties(width="container", height=height))


SIDE_ROW = "\u2063"
"""Joins a side and an executor into the row of the comparison grid (an invisible separator)."""


def before_after_load(frame: pl.DataFrame, months: Sequence[str]) -> alt.TopLevelMixin:
    """Return executor × month cells of load against capacity, the plan above the scenario in one grid as
    wide as the page (each side's rows under a row naming it, the months once on top), coloured by the one
    load scale and labelled «130 %».

    `frame` has one row per side, executor and month: side (a value of `texts.SIDES` or `texts.SIDES_VS`,
    the plan's side first), executor_name, month_name, active, capacity, percent, band.
    """
    named, ordered = _named_rows(frame, "executor_name", GRID_NAME_CHARS)
    shown = dict(named.select("executor_name", ROW_NAME).unique().iter_rows())
    rows = pl.concat_str([pl.col("side"), pl.lit(SIDE_ROW), pl.col(ROW_NAME)])
    data = _data(
        named.with_columns(rows.alias("row")),
        "side",
        "row",
        "executor_name",
        "month_name",
        "active",
        "capacity",
        "percent",
        "band",
    )
    order: list[str] = []
    for side, names in (
        frame.group_by("side", maintain_order=True).agg(pl.col("executor_name").unique()).iter_rows()
    ):
        here = {shown[name] for name in names}
        order += [side, *(f"{side}{SIDE_ROW}{text}" for text in ordered if text in here)]
    header = f"indexof(datum.value, '{SIDE_ROW}') < 0"
    axis = alt.Axis(
        labelLimit=_GRID_LABEL_WIDTH,
        labelOverlap=False,
        minExtent=_GRID_EXTENT,
        maxExtent=_GRID_EXTENT,
        labelExpr=_middle_cut(f"slice(datum.label, indexof(datum.label, '{SIDE_ROW}') + 1)"),
        labelFontWeight=alt.when(header).then(alt.value("bold")).otherwise(alt.value("normal")),
        labelFontSize=alt.when(header).then(alt.value(FONT + 2)).otherwise(alt.value(FONT)),
        labelColor=alt.when(header).then(alt.value("#252525")).otherwise(alt.value("#595959")),
        ticks=False,
    )
    base = alt.Chart(data).encode(
        x=_month_columns(months),
        y=alt.Y("row:N", sort=order, scale=alt.Scale(domain=order), title=None, axis=axis),
    )
    rects = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=_load_colour(),
        tooltip=[
            alt.Tooltip("side:N", title=texts.SIDE_LEGEND),
            alt.Tooltip("executor_name:N", title=texts.COLUMNS["executor_name"]),
            alt.Tooltip("month_name:N", title=texts.COLUMNS["month_name"]),
            alt.Tooltip("active:Q", title=texts.COLUMNS["active"]),
            alt.Tooltip("capacity:Q", title=texts.COLUMNS["capacity"]),
            alt.Tooltip("percent:N", title=texts.COLUMNS["load_percent"]),
        ],
    )
    numbers = _cell_numbers(base, alt.Text("percent:N"), _longest(frame, "percent"), _DARK_BANDS)
    return _look(alt.layer(rects, numbers).properties(width="container", height=alt.Step(ROW)))
