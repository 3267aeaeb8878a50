"""How the work is going: status reports, windows, overdue windows and roll-ups by territory.

The contract is `shared/specs/workload.md` («Progress»). A window is one occurrence of an activity;
where the activity fans out to schools, each school carrying that occurrence has its own window.
A report is made per activity, or per activity and school. As of a date, a window takes the latest
report made on or before that date that speaks for it: a report for the whole activity speaks for
each of its schools, and a later one naming the school overrides it. A report speaks for the windows
that had begun by its date (a report made before the first window speaks for that window), so that
one «выполнено» on a monthly activity does not close the months still to come. A window without a
report is «не начато». Roll-ups count windows, not rows.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

import polars as pl

from model.entities import NodeKind
from model.frames import cast_to


class Status(StrEnum):
    NOT_STARTED = "не начато"
    IN_PROGRESS = "в работе"
    DONE = "выполнено"
    CANCELLED = "отменено"


CLOSED = (Status.DONE, Status.CANCELLED)
"""Statuses that close a window: it is never overdue and never due."""

DUE_SOON_DAYS = 30

PROGRESS_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "school": pl.String(),
    "status": pl.String(),
    "reported_on": pl.Date(),
}
"""One status report: for an activity (school null), or for an activity at one school."""

WINDOW_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "roadmap": pl.String(),
    "school": pl.String(),
    "occurrence": pl.Int32(),
    "start": pl.Date(),
    "end": pl.Date(),
    "deadline_kind": pl.String(),
}
"""One window: an activity occurrence, per school where the activity fans out to schools."""

WINDOW_MONTH_SCHEMA: dict[str, pl.DataType] = {"node": pl.String(), "month": pl.Date(), "windows": pl.Int64()}
"""How many dated windows end in a month at a node: the window's school, else its activity's roadmap."""

WINDOW_STATUS_SCHEMA: dict[str, pl.DataType] = {
    **WINDOW_SCHEMA,
    "status": pl.String(),
    "reported_on": pl.Date(),
    "overdue": pl.Boolean(),
    "undated": pl.Boolean(),
    "due_soon": pl.Boolean(),
}
"""A window with its status as of a date; `due_soon`: open and ending within `DUE_SOON_DAYS`."""

COUNTS: dict[str, pl.DataType] = {
    "total": pl.Int64(),
    "done": pl.Int64(),
    "in_progress": pl.Int64(),
    "not_started": pl.Int64(),
    "cancelled": pl.Int64(),
    "overdue": pl.Int64(),
    "undated": pl.Int64(),
    "due_soon": pl.Int64(),
}
"""The window counts of a summary or a roll-up row."""

SUMMARY_SCHEMA: dict[str, pl.DataType] = dict(COUNTS)
ROLLUP_SCHEMA: dict[str, pl.DataType] = {"unit": pl.String(), "name": pl.String(), **COUNTS}
"""One row per region, municipality, district or school (`unit`) with its window counts."""

Level = Literal["region", "municipality", "district", "school"]
CountName = Literal[
    "total", "done", "in_progress", "not_started", "cancelled", "overdue", "undated", "due_soon"
]

_COUNT_FILTERS: dict[str, pl.Expr] = {
    "total": pl.lit(True),
    "done": pl.col("status") == Status.DONE,
    "in_progress": pl.col("status") == Status.IN_PROGRESS,
    "not_started": pl.col("status") == Status.NOT_STARTED,
    "cancelled": pl.col("status") == Status.CANCELLED,
    "overdue": pl.col("overdue"),
    "undated": pl.col("undated"),
    "due_soon": pl.col("due_soon"),
}


def windows(assignments: pl.DataFrame) -> pl.DataFrame:
    """Return the windows of the assignments (WINDOW_SCHEMA), per school where schools are fanned to.

    Every school carrying an occurrence that reaches schools by a fan-out gets a window; the other
    occurrences have one window for the activity (school null).
    """
    return _windows(assignments).select(cast_to(WINDOW_SCHEMA))


def window_months(assignments: pl.DataFrame) -> pl.DataFrame:
    """Return how many dated windows end in each month at each node they lie at (WINDOW_MONTH_SCHEMA).

    A window lies at its school where the activity fans out to schools, else at its activity's roadmap:
    the few thousand nodes a territory heatmap sums over, instead of every window.
    """
    return (
        _windows(assignments)
        .filter(pl.col("end").is_not_null())
        .group_by(node=pl.coalesce("school", "roadmap"), month=pl.col("end").dt.truncate("1mo"))
        .agg(windows=pl.len())
        .select(cast_to(WINDOW_MONTH_SCHEMA))
        .sort("node", "month")
    )


def _window_codes(assignments: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """Return the first assignment row of each window (`row`), in window order, and the schools' count + 1.

    Activities and schools are numbered in the order of their ids (`activity_number`, `spot`: 0 for a
    window of the whole occurrence), so that one integer sorts, compares and groups the windows as their
    (activity, occurrence, school) ids would.
    """
    is_school = pl.col("executor_kind") == NodeKind.SCHOOL
    schools = assignments.select(
        pl.col("executor").filter(is_school).drop_nulls().unique().sort()
    ).to_series()
    spots = schools.len() + 1
    low, high = assignments.select(low=pl.col("occurrence").min(), high=pl.col("occurrence").max()).row(0)
    span = (high or 0) - (low or 0) + 1
    # Rows sorted by activity (as `model.workload.assignments` sorts them) are numbered by runs.
    numbered = (
        pl.col("activity").rle_id()
        if assignments["activity"].is_sorted()
        else pl.col("activity").rank("dense") - 1
    )
    codes = assignments.select(
        activity_number=numbered.cast(pl.Int64),
        occurrence=pl.col("occurrence").cast(pl.Int64) - (low or 0),
        spot=pl.when(is_school).then("executor").cast(pl.Enum(schools)).to_physical().cast(pl.Int64) + 1,
        fanned=is_school & pl.col("via").is_not_null(),
    ).with_row_index("row")
    occurrence_key = pl.col("activity_number") * span + pl.col("occurrence")
    fanned = codes.filter("fanned").select(occurrence_key.unique()).to_series()
    in_fanned = occurrence_key.is_in(fanned.implode())
    # Where a fan-out reaches schools, each school has a window; elsewhere the occurrence has one.
    codes = codes.filter(~in_fanned | pl.col("spot").is_not_null()).with_columns(
        spot=pl.when(in_fanned).then("spot").otherwise(0)
    )
    key = occurrence_key * spots + pl.col("spot")
    return codes.sort(key).filter((key != key.shift(1)).fill_null(True)), spots


def _windows(assignments: pl.DataFrame) -> pl.DataFrame:
    """Return the windows in order with `place`: a number per (activity, school), equal for equal pairs."""
    first, spots = _window_codes(assignments)
    return (
        assignments.select(
            pl.col(*[c for c in WINDOW_SCHEMA if c != "school"], "executor").gather(first["row"])
        )
        .with_columns(school=pl.when(first["spot"] > 0).then("executor"))
        .select(*WINDOW_SCHEMA)
        .with_columns(place=first["activity_number"] * spots + first["spot"])
    )


def status_as_of(progress: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """Return the latest report on or before a date per activity and school (PROGRESS_SCHEMA).

    >>> rows = [("act:1", None, "в работе", date(2020, 10, 1)),
    ...         ("act:1", None, "выполнено", date(2020, 12, 1))]
    >>> reports = pl.DataFrame(rows, schema=PROGRESS_SCHEMA, orient="row")
    >>> status_as_of(reports, date(2020, 11, 1)).rows()
    [('act:1', None, 'в работе', datetime.date(2020, 10, 1))]
    """
    return (
        progress.filter(pl.col("reported_on") <= as_of)
        .sort("reported_on", maintain_order=True)
        .group_by("activity", "school", maintain_order=True)
        .last()
        .sort("activity", "school", nulls_last=False)
        .select(cast_to(PROGRESS_SCHEMA))
    )


def windows_of(assignments: pl.DataFrame) -> pl.DataFrame:
    """Return the windows of assignments in the order `window_status` gives them (no date changes them).

    >>> from model.workload import ASSIGNMENT_SCHEMA
    >>> windows_of(pl.DataFrame(schema=ASSIGNMENT_SCHEMA)).columns == [*WINDOW_SCHEMA, "place"]
    True
    """
    return _windows(assignments)


def window_reports(windows: pl.DataFrame, progress: pl.DataFrame) -> pl.DataFrame:
    """Return, for each window (its row number in `windows`), the reports that can speak for it, in the
    order they are read: by date, an activity's before a school's own, then as filed.

    A report meets every window of its activity (and school) and speaks for those begun by its date, or
    for the first of them when it was made before any began. No date changes this: `window_status`
    keeps the reports made by its date. `windows` are `windows_of(assignments)`.
    """
    rows = windows.with_row_index("window")
    reports = progress.with_row_index("order")
    spoken = ["window", "place", "start", "status", "reported_on", "order"]
    by_school = rows.join(reports.filter(pl.col("school").is_not_null()), on=["activity", "school"])
    by_activity = rows.join(reports.filter(pl.col("school").is_null()).drop("school"), on="activity")
    return (
        pl.concat([by_school.select(*spoken, specific=True), by_activity.select(*spoken, specific=False)])
        # A report meets every window of its activity (and school), so the first of them is among these.
        .with_columns(first_start=pl.col("start").min().over("place", "order"))
        .filter(
            pl.col("start").is_null() | (pl.col("start") <= pl.max_horizontal("reported_on", "first_start"))
        )
        .select("window", "status", "reported_on", "specific", "order")
        .sort("reported_on", "specific", "order")
    )


def window_status(
    assignments: pl.DataFrame,
    progress: pl.DataFrame,
    as_of: date,
    due_days: int = DUE_SOON_DAYS,
    *,
    windows: pl.DataFrame | None = None,
    reports: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Return every window with its status as of a date and whether it is overdue, undated or due soon.

    `windows` are `windows_of(assignments)` and `reports` are `window_reports(windows, progress)`, when
    already made; the rows come in the windows' order.
    """
    windows = _windows(assignments) if windows is None else windows
    reports = window_reports(windows, progress) if reports is None else reports
    latest = (
        reports.filter(pl.col("reported_on") <= as_of)
        .group_by("window")
        .agg(pl.col("status", "reported_on").last())
    )
    open_ = ~pl.col("status").is_in([str(s) for s in CLOSED])
    return (
        windows.with_row_index("window")
        .join(latest, on="window", how="left", maintain_order="left")
        .with_columns(pl.col("status").fill_null(str(Status.NOT_STARTED)))
        .with_columns(
            overdue=pl.col("end").is_not_null() & (pl.col("end") < as_of) & open_,
            undated=pl.col("start").is_null(),
            due_soon=pl.col("end").is_between(as_of, as_of + timedelta(days=due_days)).fill_null(False)
            & open_,
        )
        .select(cast_to(WINDOW_STATUS_SCHEMA))
    )


def overdue(assignments: pl.DataFrame, progress: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """Return the windows that ended before a date, neither done nor cancelled (WINDOW_STATUS_SCHEMA)."""
    return window_status(assignments, progress, as_of).filter("overdue")


def _counts() -> list[pl.Expr]:
    return [
        (pl.len() if name == "total" else expr.sum()).cast(pl.Int64).alias(name)
        for name, expr in _COUNT_FILTERS.items()
    ]


def progress_summary(window_status: pl.DataFrame) -> pl.DataFrame:
    """Return the window counts of a set of windows as one row (SUMMARY_SCHEMA).

    >>> progress_summary(pl.DataFrame(schema=WINDOW_STATUS_SCHEMA)).row(0)
    (0, 0, 0, 0, 0, 0, 0, 0)
    """
    return window_status.select(_counts()).select(cast_to(SUMMARY_SCHEMA))


def _placed(window_status: pl.DataFrame, territory_index: pl.DataFrame, level: Level) -> pl.DataFrame:
    """Return the windows with the unit of a level they belong to: the school's, else the activity's."""
    index = territory_index.select("node", unit=level)
    return (
        window_status.with_columns(node=pl.coalesce("school", "activity"))
        .join(index, on="node", how="left")
        .filter(pl.col("unit").is_not_null())
    )


def rollup(window_status: pl.DataFrame, territory_index: pl.DataFrame, level: Level) -> pl.DataFrame:
    """Return the window counts per region, municipality, district or school (ROLLUP_SCHEMA).

    A window belongs to its school, else to its activity's roadmap; windows that belong to no single
    unit of the level (a regional activity, at municipality level) are left out.
    """
    names = territory_index.select(unit="node", name="name")
    return (
        _placed(window_status, territory_index, level)
        .group_by("unit")
        .agg(_counts())
        .join(names, on="unit", how="left")
        .sort("unit")
        .select(cast_to(ROLLUP_SCHEMA))
    )


def windows_behind(
    window_status: pl.DataFrame,
    territory_index: pl.DataFrame,
    count: CountName,
    level: Level | None = None,
    unit: str | None = None,
) -> pl.DataFrame:
    """Return the windows behind one count of a summary or of a roll-up row (WINDOW_STATUS_SCHEMA)."""
    rows = window_status
    if level is not None:
        rows = _placed(rows, territory_index, level).filter(pl.col("unit") == unit)
    return (
        rows.filter(_COUNT_FILTERS[count])
        .select(list(WINDOW_STATUS_SCHEMA))
        .sort("activity", "occurrence", "school", nulls_last=False)
    )
