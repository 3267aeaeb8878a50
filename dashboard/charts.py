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

from dashboard import texts

PICK = "pick"
CELL = "cell"

LOAD_COLOURS = ("#9ecae1", "#3182bd", "#f16913", "#cb181d", "#bdbdbd")
LOAD_SCALE = alt.Scale(domain=list(texts.LOAD_BANDS), range=list(LOAD_COLOURS))
"""The one colour scale of load against capacity: calm blues up to 100 %, orange and red above."""

STATUS_ORDER = ("done", "in_progress", "not_started", "overdue", "cancelled")
STATUS_COLOURS = ("#31a354", "#6baed6", "#d9d9d9", "#cb181d", "#969696")
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
CELL_WIDTH = 38
CHAIN_ROW = 56
CHAIN_LEGEND = 70
_ROWS = alt.Axis(labelLimit=LABEL_LIMIT, labelOverlap=False)


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


def _load_colour() -> alt.Color:
    return alt.Color("band:N", scale=LOAD_SCALE, title=texts.LOAD_LEGEND, legend=alt.Legend(orient="top"))


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


def _data(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Return the columns a chart reads; dates go as ISO text so every renderer reads them alike."""
    return frame.select(
        pl.col(c).dt.strftime("%Y-%m-%d") if frame.schema[c] == pl.Date() else pl.col(c) for c in columns
    )


def progress_bars(frame: pl.DataFrame) -> alt.TopLevelMixin:
    """Return stacked bars of window states per territory; a click picks the territory (`unit`)."""
    pick = alt.selection_point(name=PICK, fields=["unit"], on="click")
    order = sorted(set(frame["area_name"].to_list())) if frame.height else []
    chart = (
        alt.Chart(_data(frame, "unit", "area_name", "state", "windows"))
        .mark_bar(cursor="pointer")
        .encode(
            y=alt.Y("area_name:N", sort=order, title=None, axis=_ROWS),
            x=alt.X("windows:Q", stack="zero", title=texts.COLUMNS["windows"]),
            detail="unit:N",
            color=alt.Color(
                "state:N", scale=STATUS_SCALE, title=texts.STATUS_LEGEND, legend=alt.Legend(orient="top")
            ),
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
    rows = frame.filter(pl.col("peak_ratio").is_not_null())
    order = rows["executor_name"].to_list()
    base = alt.Chart(
        _data(
            rows,
            "executor",
            "executor_name",
            "peak_ratio",
            "peak_percent",
            "peak_active",
            "capacity",
            "peak_month",
            "band",
        )
    ).encode(
        y=alt.Y("executor_name:N", sort=order, title=None, axis=_ROWS),
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
    """Return one executor's load per month: bars coloured by load band, the capacity as a line."""
    order = frame["month_name"].to_list()
    base = alt.Chart(_data(frame, "month_name", "active", "due", "capacity", "load_percent", "band")).encode(
        x=alt.X("month_name:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45, labelOverlap=False)),
    )
    bars = base.mark_bar().encode(
        y=alt.Y("active:Q", title=texts.COLUMNS["active"]),
        color=_load_colour(),
        tooltip=[
            alt.Tooltip("month_name:N", title=texts.COLUMNS["month_name"]),
            alt.Tooltip("active:Q", title=texts.COLUMNS["active"]),
            alt.Tooltip("due:Q", title=texts.COLUMNS["due"]),
            alt.Tooltip("capacity:Q", title=texts.COLUMNS["capacity"]),
            alt.Tooltip("load_percent:N", title=texts.COLUMNS["load_percent"]),
        ],
    )
    labels = base.mark_text(dy=-8, fontSize=FONT - 2).encode(y="active:Q", text="load_percent:N")
    capacity = base.mark_line(color="#252525", strokeDash=[4, 4], interpolate="step-after").encode(
        y="capacity:Q"
    )
    return _look(alt.layer(bars, labels, capacity).properties(width="container", height=320))


def _month_columns(months: Sequence[str]) -> alt.X:
    """Return the x channel of a month grid: the months in their order, named on top, slanted."""
    return alt.X(
        "month_name:N",
        sort=list(months),
        scale=alt.Scale(domain=list(months)),
        title=None,
        axis=alt.Axis(labelAngle=-45, orient="top", labelOverlap=False),
    )


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
    data = _data(
        frame, "executor", "executor_name", "month_key", "month_name", "value", "load_percent", "band"
    )
    base = alt.Chart(data).encode(
        x=_month_columns(months),
        y=alt.Y("executor_name:N", sort="ascending", title=None, axis=_ROWS),
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
    numbers = base.mark_text(fontSize=FONT - 2).encode(text=alt.Text("value:Q", format="~g"))
    return _look(alt.layer(rects, numbers).properties(width="container", height=alt.Step(ROW)))


def area_heatmap(frame: pl.DataFrame, months: Sequence[str]) -> alt.TopLevelMixin:
    """Return territory × month cells: how many windows end in the month; a click picks the cell."""
    cell = alt.selection_point(name=CELL, fields=["unit", "month_key"], on="click")
    base = alt.Chart(_data(frame, "unit", "area_name", "month_key", "month_name", "windows")).encode(
        x=_month_columns(months),
        y=alt.Y("area_name:N", sort="ascending", title=None, axis=_ROWS),
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
    numbers = base.mark_text(fontSize=FONT - 2).encode(text="windows:Q")
    return _look(alt.layer(rects, numbers).properties(width="container", height=alt.Step(ROW)))


def school_months_chart(frame: pl.DataFrame, months: Sequence[str]) -> alt.TopLevelMixin:
    """Return obligation × month cells of one school, coloured by who set the obligation."""
    labels = (
        frame.sort("month", "label").unique("label", keep="first", maintain_order=True)["label"].to_list()
    )
    chart = (
        alt.Chart(_data(frame, "label", "month_name", "roadmap_level"))
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X(
                "month_name:N",
                sort=list(months),
                scale=alt.Scale(domain=list(months)),
                title=None,
                axis=alt.Axis(labelAngle=-45, orient="top", labelOverlap=False),
            ),
            y=alt.Y("label:N", sort=labels, title=None, axis=_ROWS),
            color=alt.Color(
                "roadmap_level:N",
                scale=LEVEL_SCALE,
                title=texts.LEVEL_LEGEND,
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=texts.COLUMNS["text"]),
                alt.Tooltip("month_name:N", title=texts.COLUMNS["month_name"]),
                alt.Tooltip("roadmap_level:N", title=texts.LEVEL_LEGEND),
            ],
        )
        .properties(width="container", height=alt.Step(ROW - 4))
    )
    return _look(chart)


def chain_chart(nodes: pl.DataFrame, edges: pl.DataFrame) -> alt.TopLevelMixin:
    """Return a responsibility chain drawn in columns by role, edges as lines between the nodes."""
    columns = max(int(nodes["x"].max() or 0) + 1, 1) if nodes.height else 1
    rows = max(int(nodes["y"].max() or 0) + 1, 1) if nodes.height else 1
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.3, columns - 0.2]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[rows - 0.5, -0.5]))
    lines = (
        alt.Chart(_data(edges, "x", "y", "x2", "y2", "label"))
        .mark_rule(color="#969696", strokeWidth=1.5)
        .encode(
            x=x, y=y, x2="x2:Q", y2="y2:Q", tooltip=[alt.Tooltip("label:N", title=texts.COLUMNS["role_name"])]
        )
    )
    base = alt.Chart(_data(nodes, "x", "y", "label", "full_name", "role", "role_name")).encode(x=x, y=y)
    dots = base.mark_point(filled=True, size=260, opacity=1).encode(
        color=alt.Color(
            "role_name:N",
            scale=ROLE_SCALE,
            title=texts.ROLE_LEGEND,
            legend=alt.Legend(orient="top", columns=5),
        ),
        shape=alt.when("datum.role == 'missing'").then(alt.value("cross")).otherwise(alt.value("circle")),
        tooltip=[
            alt.Tooltip("full_name:N", title=texts.COLUMNS["name"]),
            alt.Tooltip("role_name:N", title=texts.COLUMNS["role_name"]),
        ],
    )
    names = base.mark_text(align="left", dx=12, fontSize=FONT - 2, limit=190).encode(
        text="label:N",
        color=alt.when("datum.role == 'missing'").then(alt.value("#cb181d")).otherwise(alt.value("#252525")),
    )
    # Streamlit fits the legend into the height, so the height leaves room for it above the rows.
    height = max(rows * CHAIN_ROW, 2 * CHAIN_ROW) + CHAIN_LEGEND
    return _look(alt.layer(lines, dots, names).properties(width=max(columns * 210, 420), height=height))


def before_after_load(frame: pl.DataFrame, months: Sequence[str]) -> alt.TopLevelMixin:
    """Return executor × month cells of load against capacity, the plan and the scenario side by side,
    coloured by the one load scale and labelled «130 %».

    `frame` has one row per side, executor and month: side (a value of `texts.SIDES`), executor_name,
    month_name, active, capacity, percent, band.
    """
    data = _data(frame, "side", "executor_name", "month_name", "active", "capacity", "percent", "band")
    base = alt.Chart().encode(
        x=_month_columns(months),
        y=alt.Y("executor_name:N", sort="ascending", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT // 2)),
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
    dark = alt.FieldOneOfPredicate(field="band", oneOf=list(texts.LOAD_BANDS[1:4]))
    numbers = base.mark_text(fontSize=FONT - 3).encode(
        text="percent:N", color=alt.when(dark).then(alt.value("white")).otherwise(alt.value("#252525"))
    )
    chart = (
        alt.layer(rects, numbers, data=data)
        .properties(width=alt.Step(CELL_WIDTH), height=alt.Step(ROW))
        .facet(column=alt.Column("side:N", sort=list(texts.SIDES.values()), title=None))
        .configure_header(labelFontSize=FONT + 2, labelFontWeight="bold")
    )
    return _look(chart)
