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
    rows = assignments.with_columns(
        school=pl.when(pl.col("executor_kind") == NodeKind.SCHOOL).then("executor"),
        fanned=(pl.col("executor_kind") == NodeKind.SCHOOL) & pl.col("via").is_not_null(),
    )
    fanned = rows.filter("fanned").select("activity", "occurrence").unique()
    per_school = rows.join(fanned, on=["activity", "occurrence"], how="semi").filter(
        pl.col("school").is_not_null()
    )
    per_activity = rows.join(fanned, on=["activity", "occurrence"], how="anti").with_columns(
        school=pl.lit(None, pl.String)
    )
    return (
        pl.concat([per_school.select(list(WINDOW_SCHEMA)), per_activity.select(list(WINDOW_SCHEMA))])
        .unique(["activity", "occurrence", "school"])
        .sort("activity", "occurrence", "school", nulls_last=False)
        .select(cast_to(WINDOW_SCHEMA))
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


def window_status(
    assignments: pl.DataFrame, progress: pl.DataFrame, as_of: date, due_days: int = DUE_SOON_DAYS
) -> pl.DataFrame:
    """Return every window with its status as of a date and whether it is overdue, undated or due soon."""
    keys = ["activity", "occurrence", "school"]
    rows = windows(assignments)
    rows = rows.with_columns(first_start=pl.col("start").min().over("activity", "school"))
    reports = progress.filter(pl.col("reported_on") <= as_of).with_row_index("order")
    by_school = rows.join(reports.filter(pl.col("school").is_not_null()), on=["activity", "school"])
    by_activity = rows.join(reports.filter(pl.col("school").is_null()).drop("school"), on="activity")
    latest = (
        pl.concat(
            [
                by_school.select(
                    *keys, "status", "reported_on", "start", "first_start", "order", specific=True
                ),
                by_activity.select(
                    *keys, "status", "reported_on", "start", "first_start", "order", specific=False
                ),
            ]
        )
        # A report speaks for the windows begun by its date; one made before the first window, for that.
        .filter(
            pl.col("start").is_null() | (pl.col("start") <= pl.max_horizontal("reported_on", "first_start"))
        )
        .sort("reported_on", "specific", "order")
        .group_by(keys, maintain_order=True)
        .agg(pl.col("status", "reported_on").last())
    )
    open_ = ~pl.col("status").is_in([str(s) for s in CLOSED])
    return (
        rows.join(latest, on=keys, how="left", nulls_equal=True)
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
