"""The frames behind each page's figures, derived per view from the cached snapshot with polars.

Pure functions: a snapshot (or its frames) and the view in, small frames out. Column names are the
keys of `texts.COLUMNS`, so a table shows and exports with Russian headers without further work.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, timedelta
from typing import NamedTuple

import polars as pl

from dashboard import texts
from dashboard.charts import load_band
from dashboard.data import PLACE_LEVELS, Snapshot, placed
from dashboard.state import View
from model import workload
from model.entities import NodeKind
from model.frames import natural_order

_CHILD_LEVEL = {None: "region", "region": "municipality", "municipality": "district"}
CHOICE_TEXT = 90
"""How many characters of an activity's text its label in a choice list shows (then «…»)."""


class Place(NamedTuple):
    """The part of the country the view looks at: a territory or a school (`level` None: everything)."""

    level: str | None = None
    node: str | None = None


def place_of(snap: Snapshot, view: View) -> Place:
    """Return the place a view looks at: its school, else its territory, else everything."""
    if view.school and view.school in snap.G and snap.G.nodes[view.school]["kind"] == NodeKind.SCHOOL:
        return Place("school", view.school)
    if view.territory:
        row = snap.territories.filter(pl.col("node") == view.territory)
        if row.height and row["level"][0] in PLACE_LEVELS:
            return Place(row["level"][0], view.territory)
    return Place()


def view_in_data(snap: Snapshot, view: View) -> View:
    """Return the view without the values that name nothing in the data: an executor, an activity, a
    heatmap territory or a month outside the data's months, executor levels and kinds no filter offers.

    Every page drops these, also those that do not show the field: a link to the overview with an
    executor of «Сроки» keeps it for «Сроки», a link with an executor that is nowhere says so at once.
    Pages that show a field narrow it further to their place.
    """

    def held(value: str | None, ids: pl.Series) -> str | None:
        return value if value is not None and bool((ids == value).any()) else None

    def month(key: str | None) -> str | None:
        first = month_of(key)
        if first is None:
            return None
        months = pl.concat([snap.load["month"], snap.window_months["month"]]).drop_nulls()
        return key if len(months) and months.min() <= first <= months.max() else None  # type: ignore[operator]

    return view.with_(
        executor=held(view.executor, snap.executors["executor"]),
        activity=held(view.activity, snap.activities["activity"]),
        area=held(view.area, snap.territories["node"]),
        month=month(view.month),
        area_month=month(view.area_month),
        levels=tuple(v for v in view.levels if v in texts.EXECUTOR_LEVELS),
        kinds=tuple(v for v in view.kinds if v in texts.EXECUTOR_KINDS),
    )


def in_place(frame: pl.DataFrame, place: Place) -> pl.DataFrame:
    """Return the rows of a frame with region/municipality/district/school columns lying in a place."""
    if place.level is None:
        return frame
    return frame.filter(pl.col(place.level) == place.node)


def month_name(column: str | pl.Expr) -> pl.Expr:
    """Return a polars expression naming a month date as on a slide («окт 2020»)."""
    col = pl.col(column) if isinstance(column, str) else column
    names = {i + 1: name for i, name in enumerate(texts.MONTHS_SHORT)}
    return pl.concat_str(
        [
            col.dt.month().replace_strict(names, return_dtype=pl.String()),
            pl.lit(" "),
            col.dt.year().cast(pl.String()),
        ]
    )


def month_key(column: str | pl.Expr) -> pl.Expr:
    """Return a polars expression writing a month date as its URL key «2020-10»."""
    col = pl.col(column) if isinstance(column, str) else column
    return col.dt.strftime("%Y-%m")


def percent(column: str | pl.Expr) -> pl.Expr:
    """Return a polars expression writing a ratio as «130 %» (null: «—»)."""
    col = pl.col(column) if isinstance(column, str) else column
    return (
        pl.when(col.is_null())
        .then(pl.lit("—"))
        .otherwise(pl.concat_str([(col * 100).round(0).cast(pl.Int64).cast(pl.String()), pl.lit(" %")]))
    )


def month_of(key: str | None) -> date | None:
    """Return the first day of a month given as «2020-10».

    >>> month_of("2020-10"), month_of(None)
    (datetime.date(2020, 10, 1), None)
    """
    return date.fromisoformat(f"{key}-01") if key else None


def months_between(first: date, last: date) -> list[date]:
    """Return the first days of every month from one month to another, both included.

    >>> months_between(date(2020, 11, 1), date(2021, 1, 1))
    [datetime.date(2020, 11, 1), datetime.date(2020, 12, 1), datetime.date(2021, 1, 1)]
    """
    out, month = [], first.replace(day=1)
    while month <= last:
        out.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return out


def month_names(cells: pl.DataFrame) -> dict[str, str]:
    """Return every month from a grid's first cell's month to its last one's, key («2020-10») → name."""
    if cells.is_empty():
        return {}
    every = months_between(cells["month"].min(), cells["month"].max())  # type: ignore[arg-type]
    return {f"{m:%Y-%m}": texts.month_label(m) for m in every}


def months_spanning(*grids: dict[str, str]) -> list[str]:
    """Return the names of every month from the first to the last month of several grids' months (key →
    name): grids drawn with these columns put a month at the same place in each.

    >>> months_spanning({"2020-12": "дек 2020"}, {"2021-02": "фев 2021"})
    ['дек 2020', 'янв 2021', 'фев 2021']
    """
    keys = sorted(key for grid in grids for key in grid)
    if not keys:
        return []
    every = months_between(month_of(keys[0]), month_of(keys[-1]))  # type: ignore[arg-type]
    return [texts.month_label(m) for m in every]


def _named(frame: pl.DataFrame, column: str, names: dict[str, str], alias: str) -> pl.DataFrame:
    return frame.with_columns(pl.col(column).replace_strict(names, default=pl.col(column)).alias(alias))


def _level_rank(column: str) -> pl.Expr:
    """Return the order of roadmap levels from the top down: federal, region, municipality, school."""
    ranks = {level: rank for rank, level in enumerate(texts.ROADMAP_LEVELS)}
    return pl.col(column).replace_strict(ranks, default=len(ranks), return_dtype=pl.Int64())


def _labelled(frame: pl.DataFrame, snap: Snapshot, column: str, alias: str) -> pl.DataFrame:
    """Return a frame with the labels of the nodes of a column, looking up only the nodes it holds."""
    nodes = frame.get_column(column).drop_nulls().unique().to_list()
    names = {node: snap.labels.get(node, node) for node in nodes}
    return frame.with_columns(
        pl.col(column).replace_strict(names, default=pl.col(column), return_dtype=pl.String()).alias(alias)
    )


def _with_month_names(frame: pl.DataFrame, column: str = "month") -> pl.DataFrame:
    """Return a frame with `month_key` and `month_name` of a month column, written once per month."""
    months = frame.select(pl.col(column).unique())
    names = months.with_columns(month_key(column).alias("month_key"), month_name(column).alias("month_name"))
    return frame.join(names, on=column, how="left", nulls_equal=True, maintain_order="left")


# --- where things are -----------------------------------------------------------------------------------


def activities_on_school(snap: Snapshot, school: str) -> pl.Series:
    """Return the activities a school carries or issued itself."""
    carried = snap.assignments.filter(pl.col("executor") == school)["activity"]
    own = snap.activities.filter(pl.col("school") == school)["activity"]
    return pl.concat([carried, own]).unique()


def windows_in(snap: Snapshot, windows: pl.DataFrame, place: Place) -> pl.DataFrame:
    """Return the windows lying in a place: a school's windows where the school has its own, else the
    activity's; windows of a school include the activity windows of what it carries."""
    if place.level == "school":
        landing = activities_on_school(snap, place.node or "")
        return windows.filter(
            (pl.col("school") == place.node)
            | (pl.col("school").is_null() & pl.col("activity").is_in(landing.to_list()))
        )
    here = windows if "_node" in windows.columns else placed(windows, snap.places)
    return here if place.level is None else here.filter(pl.col(f"_{place.level}") == place.node)


def executors_in(snap: Snapshot, place: Place) -> pl.DataFrame:
    """Return the executors standing in a place (every executor when the place is everything)."""
    return in_place(snap.executors, place)


def children_of(snap: Snapshot, place: Place) -> pl.DataFrame:
    """Return the territories one level below a place (regions when it is everything), by name."""
    if place.level == "school":
        return snap.territories.clear()
    if place.level is None:
        return snap.territories.filter(pl.col("level") == "region")
    return snap.territories.filter(pl.col("parent") == place.node)


def breadcrumb(snap: Snapshot, place: Place) -> list[str]:
    """Return the names from the region down to the place."""
    chain: list[str] = []
    node = place.node
    if place.level == "school" and node:
        chain.append(snap.name(node))
        node = snap.schools.filter(pl.col("school") == node)["territory"].first()
    parents = dict(snap.territories.select("node", "parent").iter_rows())
    names = dict(snap.territories.select("node", "name").iter_rows())
    while node in names:
        chain.append(names[node])
        node = parents.get(node)
    return list(reversed(chain))


# --- the overview ---------------------------------------------------------------------------------------


def _in_reading_order(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Return rows sorted by columns, text as people read it («№ 23» before «№ 103»), nulls last."""
    keys = [natural_order(frame[c]) if frame.schema[c] == pl.String() else pl.col(c) for c in columns]
    return frame.sort(keys, nulls_last=True, maintain_order=True)


def window_state(windows: pl.DataFrame) -> pl.DataFrame:
    """Return windows with `state`: «просрочено» for overdue ones, else their status."""
    return windows.with_columns(
        state=pl.when(pl.col("overdue")).then(pl.lit(texts.STATUSES["overdue"])).otherwise(pl.col("status"))
    )


_Shown = Callable[[pl.DataFrame], pl.DataFrame]
"""Turns the rows of an overview list into the list as shown: columns and order, never more or fewer rows."""

_WINDOW_COLUMNS = (
    "number", "text", "school_name", "window_end", "deadline_raw", "status", "reported_on", "lead_name"
)  # fmt: skip
_ACTIVITY_COLUMNS = ("number", "text", "deadline_raw", "lead_name", "roadmap_name")
_OVERLOADED_COLUMNS = (
    "executor_name", "kind_name", "capacity", "peak_active", "peak_percent", "peak_month", "months_over"
)  # fmt: skip


def _overview_rows(
    snap: Snapshot, windows: pl.DataFrame, place: Place
) -> tuple[dict[str, tuple[pl.DataFrame, _Shown]], pl.DataFrame]:
    """Return, for every figure of the overview, the rows it counts and how they are shown; and every
    window of the place, with its `status` as the figures count it and `reported` as reported.

    Counting needs the rows only; naming, joining the texts and sorting are left to `_Shown`, so the
    figures of the whole country do not pay for the lists nobody opens.
    """
    here = windows_in(snap, windows, place)
    info = snap.activities
    # The activities landing here, and those of the roadmaps issued here that nobody carries yet: every
    # activity, when the place is everything.
    if place.level is None:
        acts = info
    else:
        placed = pl.concat([here.select("activity"), in_place(info, place).select("activity")])
        acts = info.join(placed.unique(), on="activity", how="semi")
    # The roadmaps issued here, and those whose activities land here (a region's, for a town).
    landing = acts.group_by("roadmap").agg(pl.len().cast(pl.Int64).alias("activities"))
    roadmaps = snap.roadmaps.filter(
        pl.col("roadmap").is_in(landing["roadmap"].implode())
        | pl.col("roadmap").is_in(in_place(snap.roadmaps, place)["roadmap"].implode())
    )
    # Every window, with «просрочено» for its status when overdue (its activity is one the snapshot lists:
    # windows are made from the assignments of the graph's activities).
    window_rows = here.with_columns(
        pl.when(pl.col("overdue"))
        .then(pl.lit(texts.STATUSES["overdue"]))
        .otherwise(pl.col("status"))
        .alias("status"),
        pl.col("status").alias("reported"),
    )
    undated = acts.filter(pl.col("deadline_kind").is_in(["by_schedule", "event", "unknown"]))

    def schools_shown(rows: pl.DataFrame) -> pl.DataFrame:
        return rows.pipe(_labelled, snap, "territory", "territory_name").select(
            "school_name", "territory_name", "statuses"
        )

    def roadmaps_shown(rows: pl.DataFrame) -> pl.DataFrame:
        return (
            rows.join(landing, on="roadmap", how="left")
            .with_columns(pl.col("activities").fill_null(0))
            .sort(_level_rank("roadmap_level"), "roadmap_name")
            .pipe(_named, "roadmap_level", texts.ROADMAP_LEVELS, "roadmap_level")
            .select("roadmap_name", "roadmap_level", "issuer_name", "activities")
        )

    def windows_shown(rows: pl.DataFrame) -> pl.DataFrame:
        texts_of = info.select("activity", "number", "text", "deadline_raw", "lead_name", "roadmap_name")
        return (
            rows.join(texts_of, on="activity", how="left", maintain_order="left")
            .pipe(_labelled, snap, "school", "school_name")
            .with_columns(pl.col("end").alias("window_end"))
            .pipe(_in_reading_order, "end", "number", "school_name")
            .select(_WINDOW_COLUMNS)
        )

    def overloaded_shown(rows: pl.DataFrame) -> pl.DataFrame:
        kind = pl.col("kind")
        return (
            rows.sort("peak_ratio", "executor_name", descending=[True, False])
            .with_columns(
                percent("peak_ratio").alias("peak_percent"),
                month_name("peak_month").alias("peak_month"),
                kind.replace_strict(texts.EXECUTOR_KINDS, default=kind).alias("kind_name"),
            )
            .select(*_OVERLOADED_COLUMNS)
        )

    def undated_shown(rows: pl.DataFrame) -> pl.DataFrame:
        return rows.pipe(_named, "deadline_kind", texts.DEADLINE_KINDS, "deadline_kind_name").select(
            "number", "text", "deadline_raw", "deadline_kind_name", "lead_name", "roadmap_name"
        )

    status = pl.col("status")
    figures = {
        "schools": (in_place(snap.schools, place).filter("listed"), schools_shown),
        "roadmaps": (roadmaps, roadmaps_shown),
        "activities": (acts, lambda rows: rows.select(_ACTIVITY_COLUMNS)),
        "done": (window_rows.filter(status == texts.STATUSES["done"]), windows_shown),
        "in_progress": (window_rows.filter(status == texts.STATUSES["in_progress"]), windows_shown),
        "overdue": (window_rows.filter("overdue"), windows_shown),
        "overloaded": (executors_in(snap, place).filter(pl.col("peak_ratio") > 1), overloaded_shown),
        "undated": (undated, undated_shown),
    }
    return figures, window_rows


def overview_counts(
    snap: Snapshot, windows: pl.DataFrame, place: Place
) -> tuple[dict[str, int], dict[str, int]]:
    """Return every figure of the overview (how many rows its list has), and what its windows hold but do
    not show apart: the overdue ones in work and not started, and the not started windows of undated
    activities (the bars' «без срока»)."""
    made, window_rows = _overview_rows(snap, windows, place)
    reported, overdue = pl.col("reported"), pl.col("overdue")
    in_progress, not_started = texts.STATUSES["in_progress"], texts.STATUSES["not_started"]
    split = window_rows.select(
        overdue_in_progress=(overdue & (reported == in_progress)).sum(),
        overdue_not_started=(overdue & (reported == not_started)).sum(),
        undated_not_started=(pl.col("undated") & (reported == not_started)).sum(),
    ).row(0, named=True)
    return {name: rows.height for name, (rows, _) in made.items()}, split


def overview_lists(
    snap: Snapshot, windows: pl.DataFrame, place: Place, names: Collection[str] | None = None
) -> dict[str, pl.DataFrame]:
    """Return, for every figure of the overview (or those named), the list of what it counts.

    A list's height is its figure in `overview_counts`.
    """
    made, _ = _overview_rows(snap, windows, place)
    return {name: shown(rows) for name, (rows, shown) in made.items() if names is None or name in names}


def bar_state(windows: pl.DataFrame) -> pl.DataFrame:
    """Return windows with the `state` of the progress bars: `window_state`, and «без срока» for a window
    of an undated activity that nobody reported on (it has no deadline to be «не начато» before)."""
    not_started = pl.col("state") == texts.STATUSES["not_started"]
    return window_state(windows).with_columns(
        state=pl.when(pl.col("undated") & not_started)
        .then(pl.lit(texts.STATUSES["undated"]))
        .otherwise(pl.col("state"))
    )


def progress_by_child(snap: Snapshot, windows: pl.DataFrame, place: Place) -> pl.DataFrame:
    """Return window counts per child territory and state (unit, area_name, state, windows), by name.

    The states are those of `bar_state`: «выполнено», «в работе» and «просрочено» count as the overview's
    figures of the same names do.
    """
    level = _CHILD_LEVEL.get(place.level)
    children = children_of(snap, place)
    if level is None or children.is_empty():
        return pl.DataFrame(
            schema={
                "unit": pl.String(),
                "area_name": pl.String(),
                "state": pl.String(),
                "windows": pl.Int64(),
            }
        )
    here = bar_state(windows_in(snap, windows, place))
    return (
        here.filter(pl.col(f"_{level}").is_in(children["node"].to_list()))
        .group_by(pl.col(f"_{level}").alias("unit"), "state")
        .agg(pl.len().cast(pl.Int64).alias("windows"))
        .join(children.select(pl.col("node").alias("unit"), pl.col("name").alias("area_name")), on="unit")
        .sort("area_name", "state")
    )


# --- workload -------------------------------------------------------------------------------------------


def _carrying(
    snap: Snapshot, place: Place, levels: tuple[str, ...] = (), kinds: tuple[str, ...] = ()
) -> pl.DataFrame:
    """Return the executors of a place that carry anything, of some levels and kinds (all when empty)."""
    rows = executors_in(snap, place).filter(pl.col("peak_active").is_not_null() | (pl.col("undated") > 0))
    if levels:
        rows = rows.filter(pl.col("level").is_in(list(levels)))
    if kinds:
        rows = rows.filter(pl.col("kind").is_in(list(kinds)))
    return rows


def ranking(
    snap: Snapshot, place: Place, levels: tuple[str, ...] = (), kinds: tuple[str, ...] = ()
) -> pl.DataFrame:
    """Return the executors of a place that carry anything, by peak load against capacity, highest first."""
    return (
        _carrying(snap, place, levels, kinds)
        .sort("peak_ratio", "peak_active", "executor_name", descending=[True, True, False], nulls_last=True)
        .with_columns(
            pl.col("kind").replace_strict(texts.EXECUTOR_KINDS, default=pl.col("kind")).alias("kind_name"),
            pl.col("level")
            .replace_strict(texts.EXECUTOR_LEVELS, default=pl.col("level"))
            .alias("level_name"),
            percent("peak_ratio").alias("peak_percent"),
            month_name("peak_month").alias("peak_month_name"),
            load_band(pl.col("peak_ratio")).alias("band"),
        )
        .select(
            "executor",
            "executor_name",
            "kind_name",
            "level_name",
            "capacity",
            "peak_active",
            pl.col("peak_month_name").alias("peak_month"),
            "peak_ratio",
            "peak_percent",
            "months_over",
            "undated",
            "band",
        )
    )


def executor_months(snap: Snapshot, executor: str) -> pl.DataFrame:
    """Return one executor's load in every month from its first to its last, gaps as zero."""
    rows = snap.overload.filter(pl.col("executor") == executor)
    schema = {
        "month": pl.Date(),
        "active": pl.Float64(),
        "due": pl.Float64(),
        "capacity": pl.Float64(),
        "ratio": pl.Float64(),
    }
    if rows.is_empty():
        frame = pl.DataFrame(schema=schema)
    else:
        capacity = snap.executors.filter(pl.col("executor") == executor)["capacity"].first()
        every = pl.DataFrame({"month": months_between(rows["month"].min(), rows["month"].max())})  # type: ignore[arg-type]
        frame = (
            every.join(rows.select("month", "active", "due"), on="month", how="left")
            .with_columns(
                pl.col("active", "due").fill_null(0.0), pl.lit(capacity, pl.Float64()).alias("capacity")
            )
            .with_columns(ratio=pl.when(pl.col("capacity") > 0).then(pl.col("active") / pl.col("capacity")))
        )
    return frame.with_columns(
        month_name("month").alias("month_name"),
        month_key("month").alias("month_key"),
        percent("ratio").alias("load_percent"),
        load_band(pl.col("ratio")).alias("band"),
    )


def computed_capacity(snap: Snapshot, executor: str) -> float | None:
    """Return the capacity an executor goes back to without its own figure from a user: the data's, else the
    default for its kind."""
    others = {key: value for key, value in snap.overrides.items() if key != executor}
    return workload.capacities(snap.G.subgraph([executor]), others)["capacity"].first()


def issuers_loading(snap: Snapshot, executor: str) -> pl.DataFrame:
    """Return whose roadmaps load an executor: issuer, roadmap, how many activities and their weight."""
    carried = (
        snap.assignments.filter(pl.col("executor") == executor)
        .select("activity", "weight")
        .unique("activity")
    )
    return (
        carried.join(
            snap.activities.select("activity", "issuer_name", "roadmap_name", "roadmap_level"), on="activity"
        )
        .group_by("issuer_name", "roadmap_name", "roadmap_level")
        .agg(pl.len().cast(pl.Int64).alias("activities"), pl.col("weight").sum())
        .pipe(_named, "roadmap_level", texts.ROADMAP_LEVELS, "roadmap_level")
        .sort("activities", "roadmap_name", descending=[True, False])
        .select("issuer_name", "roadmap_name", "roadmap_level", "activities", "weight")
    )


# --- deadlines ------------------------------------------------------------------------------------------


def executor_heatmap(
    snap: Snapshot, place: Place, measure: str, levels: tuple[str, ...] = (), kinds: tuple[str, ...] = ()
) -> pl.DataFrame:
    """Return executor × month cells of a place: the measure («active» or «due»), load ratio and band.

    Cells run by executor name, then month; executors of one name keep the order of their ids.
    """
    who = _carrying(snap, place, levels, kinds).select(
        "executor", "executor_name", _order=pl.col("executor_name").rank("dense")
    )
    cells = snap.overload.filter(pl.col(measure) > 0).join(who, on="executor", maintain_order="left")
    # One integer per cell: the rank of the name, then the month (days since 1970 fit in 32 bits).
    order = pl.col("_order").cast(pl.Int64) * 2**32 + pl.col("month").to_physical().cast(pl.Int64)
    ratios = cells.select(pl.col("ratio").unique()).with_columns(
        percent("ratio").alias("load_percent"), load_band(pl.col("ratio")).alias("band")
    )
    return (
        cells.sort(order, maintain_order=True)
        .pipe(_with_month_names)
        .join(ratios, on="ratio", how="left", nulls_equal=True, maintain_order="left")
        .select(
            *snap.overload.columns,
            "executor_name",
            pl.col(measure).alias("value"),
            "month_key",
            "month_name",
            "load_percent",
            "band",
        )
    )


def first_ranked(cells: pl.DataFrame, ranked: pl.DataFrame, rows: int) -> pl.DataFrame:
    """Return the cells of the first `rows` executors of a ranking that have cells, in the cells' order.

    >>> cells = pl.DataFrame({"executor": ["a", "b", "b", "c"], "month": [1, 1, 2, 2]})
    >>> first_ranked(cells, pl.DataFrame({"executor": ["d", "c", "a", "b"]}), 2)["executor"].to_list()
    ['a', 'c']
    """
    present = cells["executor"].unique()
    if present.len() <= rows:
        return cells
    first = ranked.filter(pl.col("executor").is_in(present.implode()))["executor"].head(rows)
    return cells.filter(pl.col("executor").is_in(first.implode()))


def cell_activities(snap: Snapshot, executor: str, month: date, measure: str) -> pl.DataFrame:
    """Return the activities behind one heatmap cell, with their deadline cells as published."""
    behind = workload.activities_behind(
        snap.assignments, executor, month, "due" if measure == "due" else "active"
    )
    return (
        behind.select("activity", pl.col("start").alias("window_start"), pl.col("end").alias("window_end"))
        .join(snap.activities, on="activity")
        .pipe(_named, "deadline_kind", texts.DEADLINE_KINDS, "deadline_kind_name")
        .sort("window_end", "number", nulls_last=True)
        .select(
            "number",
            "text",
            "deadline_raw",
            "deadline_kind_name",
            "window_start",
            "window_end",
            "lead_name",
            "roadmap_name",
            "source",
        )
    )


def area_level(snap: Snapshot, place: Place) -> str | None:
    """Return the level whose units are the rows of the territory heatmap: the children, else the place."""
    child = _CHILD_LEVEL.get(place.level)
    if child is not None and not children_of(snap, place).is_empty():
        return child
    return place.level if place.level != "school" else None


def area_heatmap(snap: Snapshot, place: Place) -> pl.DataFrame:
    """Return territory × month cells: how many windows of the territory end in the month.

    A window lies where its school lies, else where its activity's roadmap lies (as an activity does:
    `model.territory.territory_index`); the snapshot counts them per such node and month once
    (`model.progress.window_months`), so a heatmap sums a few thousand nodes, not every window.
    """
    level = area_level(snap, place)
    schema = {"unit": pl.String(), "area_name": pl.String(), "month": pl.Date(), "windows": pl.Int64()}
    if level is None:
        return pl.DataFrame(schema=schema).with_columns(month_key=pl.lit(""), month_name=pl.lit(""))
    units = snap.places.filter(
        pl.col("kind").is_in([str(NodeKind.SCHOOL), str(NodeKind.ROADMAP)]) & pl.col(level).is_not_null()
    )
    if place.level is not None:
        units = units.filter(pl.col(place.level) == place.node)
    return (
        snap.window_months.join(units.select("node", unit=level), on="node")
        .group_by("unit", "month")
        .agg(pl.col("windows").sum())
        .pipe(_labelled, snap, "unit", "area_name")
        .pipe(_with_month_names)
        .sort("area_name", "month", "unit")
    )


def area_windows(snap: Snapshot, windows: pl.DataFrame, place: Place, unit: str, month: date) -> pl.DataFrame:
    """Return the windows of one territory heatmap cell, with their deadline cells as published."""
    level = area_level(snap, place)
    if level is None:
        return pl.DataFrame()
    ending = windows.filter(pl.col("end").dt.truncate("1mo") == month)
    here = windows_in(snap, ending, place).filter(pl.col(f"_{level}") == unit)
    return (
        window_state(here)
        .join(
            snap.activities.select("activity", "number", "text", "deadline_raw", "lead_name", "roadmap_name"),
            on="activity",
        )
        .pipe(_labelled, snap, "school", "school_name")
        .with_columns(
            pl.col("end").alias("window_end"),
            pl.col("state").alias("status"),
        )
        .pipe(_in_reading_order, "window_end", "number", "school_name")
        .select(
            "number",
            "text",
            "school_name",
            "deadline_raw",
            "window_end",
            "status",
            "lead_name",
            "roadmap_name",
        )
    )


# --- chains and schools ---------------------------------------------------------------------------------


def broken_in(snap: Snapshot, activities: frozenset[str]) -> pl.DataFrame:
    """Return the broken links of the chains of some activities, with Russian names of what is missing."""
    return (
        snap.broken.filter(pl.col("activity").is_in(list(activities)))
        .pipe(_named, "code", texts.BROKEN_CODES, "code_name")
        .join(snap.activities.select("activity", "number", "text", "source"), on="activity", how="left")
        .select("number", "text", "code_name", "detail", "roadmap_name", "source")
    )


def activity_choices(snap: Snapshot, activities: pl.Series) -> pl.DataFrame:
    """Return activities to choose from as `option` (id) and `label` («№ text (roadmap)»), in roadmap
    and row order."""
    text = pl.col("text").fill_null("")
    short = pl.when(text.str.len_chars() > CHOICE_TEXT).then(text.str.slice(0, CHOICE_TEXT) + "…")
    number, roadmap = pl.col("number").fill_null(""), pl.col("roadmap_name").fill_null("")
    label = pl.format("{} {} ({})", number, short.otherwise(text), roadmap).str.strip_chars()
    return snap.activities.filter(pl.col("activity").is_in(activities.implode())).select(
        pl.col("activity").alias("option"), label.alias("label")
    )


def school_obligations(
    snap: Snapshot, obligations: pl.DataFrame, windows: pl.DataFrame, school: str
) -> pl.DataFrame:
    """Return what lands on a school with, per activity, its state as of the date of the windows."""
    mine = window_state(windows.filter((pl.col("school") == school) | pl.col("school").is_null()))
    order = list(texts.STATUSES.values())
    worst = (
        mine.join(obligations.select("activity"), on="activity", how="semi")
        .with_columns(
            pl.col("state")
            .replace_strict({s: i for i, s in enumerate(order)}, default=len(order))
            .alias("_rank")
        )
        .group_by("activity")
        .agg(
            pl.when(pl.col("overdue").any())
            .then(pl.lit(texts.STATUSES["overdue"]))
            .when((pl.col("state") == texts.STATUSES["done"]).all())
            .then(pl.lit(texts.STATUSES["done"]))
            .when((pl.col("state") == texts.STATUSES["cancelled"]).all())
            .then(pl.lit(texts.STATUSES["cancelled"]))
            .when((pl.col("state") == texts.STATUSES["in_progress"]).any())
            .then(pl.lit(texts.STATUSES["in_progress"]))
            .otherwise(pl.lit(texts.STATUSES["not_started"]))
            .first()
            .alias("status")
        )
    )
    return (
        obligations.join(worst, on="activity", how="left")
        .pipe(_named, "level", texts.ROADMAP_LEVELS, "roadmap_level")
        .with_columns(
            pl.col("lead").alias("lead_name"),
            pl.col("issuer").alias("issuer_name"),
            pl.col("start").alias("window_start"),
            pl.col("end").alias("window_end"),
        )
        .select(
            "roadmap_level",
            "roadmap_name",
            "number",
            "text",
            "deadline_raw",
            "window_start",
            "window_end",
            "issuer_name",
            "lead_name",
            "supporters",
            "via",
            "status",
        )
    )


SCHOOL_ROW_TEXT = 60
"""How many characters of an obligation's text name its row on a school's months (then «…»)."""


def school_months(snap: Snapshot, obligations: pl.DataFrame) -> pl.DataFrame:
    """Return (activity, month) cells of the months each obligation of a school runs in, with its level, its
    row's name (`label`, cut with «…») and its whole text (`text`)."""
    windows = (
        snap.assignments.join(obligations.select("activity"), on="activity", how="semi")
        .filter(pl.col("start").is_not_null())
        .select("activity", "occurrence", "start", "end")
        .unique()
    )
    text = pl.col("text").str.strip_chars()
    short = pl.when(text.str.len_chars() > SCHOOL_ROW_TEXT).then(
        pl.concat_str([text.str.slice(0, SCHOOL_ROW_TEXT - 1).str.strip_chars_end(), pl.lit("…")])
    )
    labels = obligations.select(
        "activity",
        pl.concat_str([pl.col("number"), pl.lit(" "), short.otherwise(text)]).alias("label"),
        pl.concat_str([pl.col("number"), pl.lit(" "), text]).alias("text"),
        pl.col("level").replace_strict(texts.ROADMAP_LEVELS, default=pl.col("level")).alias("roadmap_level"),
    )
    return (
        windows.select(
            "activity",
            workload.months_run().alias("month"),
        )
        .explode("month")
        .unique(["activity", "month"])
        .join(labels, on="activity")
        .with_columns(month_key("month").alias("month_key"), month_name("month").alias("month_name"))
        .sort("month", "label")
    )
