"""What a scenario changes in the workload: load and overload per executor and month, undated load, schools.

Figures follow `shared/specs/workload.md` and are computed by `model.workload` (`load_by_month`,
`undated_load`, `capacities_from_entities`, `overload`) on the assignments of the executors the
scenario touches, so they equal what the other pages show for those executors.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from enum import StrEnum

import polars as pl

from model.deadline_calendar import merged_windows
from model.ids import PART_MARK
from model.plan_state import PlanState
from model.workload import load_by_month, overload, undated_load

OVERLOADED_ABOVE = 1.0
"""A ratio over this is overloaded (`shared/specs/workload.md`)."""

LOAD_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "executor": pl.String(),
    "name": pl.String(),
    "month": pl.Date(),
    "active_before": pl.Float64(),
    "active_after": pl.Float64(),
    "active_delta": pl.Float64(),
    "due_before": pl.Float64(),
    "due_after": pl.Float64(),
    "due_delta": pl.Float64(),
    "capacity_before": pl.Float64(),
    "capacity_after": pl.Float64(),
    "ratio_before": pl.Float64(),
    "ratio_after": pl.Float64(),
}
"""Every month of every executor whose load or capacity the scenario changes: before, after, delta."""


class OverloadChange(StrEnum):
    """How an executor's overload changes, over all the months compared (one verdict per executor).

    OVERLOADED: over capacity in no month before, in some month after. RELIEVED: over in some month
    before, in none after. WORSE and BETTER: over on both sides, with more or less overload after —
    the sum over the months of the load above capacity (as a share of it), then the peak ratio.
    """

    OVERLOADED = "overloaded"
    RELIEVED = "relieved"
    WORSE = "worse"
    BETTER = "better"


OVERLOAD_LABELS: dict[str, str] = {
    OverloadChange.OVERLOADED: "становится перегружен",
    OverloadChange.RELIEVED: "перестаёт быть перегружен",
    OverloadChange.WORSE: "перегружен сильнее",
    OverloadChange.BETTER: "перегружен меньше",
}
"""How each overload change reads to a person."""

OVERLOAD_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "executor": pl.String(),
    "name": pl.String(),
    "month": pl.Date(),
    "ratio_before": pl.Float64(),
    "ratio_after": pl.Float64(),
    "change": pl.String(),
}
"""The months in which an executor is overloaded on either side and its ratio changes; `change` is the
executor's verdict over all the months compared (`OverloadChange`), the same on each of its rows."""


SCHOOL_BURDEN_SCHEMA: dict[str, pl.DataType] = {
    "school": pl.String(),
    "name": pl.String(),
    "activities_before": pl.Int32(),
    "activities_after": pl.Int32(),
    "windows_before": pl.Int32(),
    "windows_after": pl.Int32(),
}
"""Schools that carry more activities or more windows (activity occurrences) after the scenario."""

UNDATED_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "executor": pl.String(),
    "name": pl.String(),
    "undated_before": pl.Float64(),
    "undated_after": pl.Float64(),
}
"""Executors whose undated load («без срока») changes."""


def load_changes(
    before: PlanState,
    after: PlanState,
    carried_before: pl.DataFrame,
    carried_after: pl.DataFrame,
    executors: Collection[str],
    months: list[date] | None,
) -> pl.DataFrame:
    """Return the load, capacity and ratio of the executors per month on both sides, with the deltas.

    `carried_before` and `carried_after` are the assignments the executors carry in each state.

    >>> from model.graph import build_graph
    >>> from model.plan_state import baseline_state
    >>> state = baseline_state(build_graph([], [])[0])
    >>> load_changes(state, state, state.assignments, state.assignments, [], None).height
    0
    """
    keys = ["executor", "month"]
    sides = []
    for state, carried, side in ((before, carried_before, "before"), (after, carried_after, "after")):
        caps = state.capacities(executors)
        load = overload(load_by_month(carried, months), caps).select(
            *keys, pl.col("active", "due", "ratio").name.suffix(f"_{side}")
        )
        sides.append((load, caps.rename({"capacity": f"capacity_{side}"})))
    (load_b, caps_b), (load_a, caps_a) = sides
    return (
        load_b.join(load_a, on=keys, how="full", coalesce=True)
        .with_columns(pl.col("active_before", "active_after", "due_before", "due_after").fill_null(0.0))
        .join(caps_b, on="executor", how="left")
        .join(caps_a, on="executor", how="left")
        .with_columns(
            ratio_before=_ratio("active_before", "capacity_before"),
            ratio_after=_ratio("active_after", "capacity_after"),
            active_delta=pl.col("active_after") - pl.col("active_before"),
            due_delta=pl.col("due_after") - pl.col("due_before"),
        )
        .sort(keys)
    )


def _ratio(active: str, capacity: str) -> pl.Expr:
    # The same figure `workload.overload` gives, for months with load on one side only.
    return pl.when(pl.col(capacity) > 0).then(pl.col(active) / pl.col(capacity)).otherwise(None)


def overload_changes(load: pl.DataFrame) -> pl.DataFrame:
    """Return the months in which an executor is overloaded on either side and its ratio moves, each with
    the executor's verdict over all the months (`OverloadChange`); executors whose overload neither
    starts, ends, grows nor shrinks are left out.

    >>> load = pl.DataFrame({"executor": ["i", "i"], "ratio_before": [1.2, 0.9], "ratio_after": [1.1, 1.3]})
    >>> overload_changes(load)["change"].to_list()
    ['worse', 'worse']
    """
    rb, ra = pl.col("ratio_before").fill_null(0.0), pl.col("ratio_after").fill_null(0.0)
    over_b, over_a = rb > OVERLOADED_ABOVE, ra > OVERLOADED_ABOVE
    by = "executor"
    ever_b, ever_a = over_b.any().over(by), over_a.any().over(by)
    # Rounded so that the same overload reached by other sums of floats compares equal.
    excess_b = (rb - OVERLOADED_ABOVE).clip(lower_bound=0.0).sum().over(by).round(9)
    excess_a = (ra - OVERLOADED_ABOVE).clip(lower_bound=0.0).sum().over(by).round(9)
    peak_b, peak_a = rb.max().over(by).round(9), ra.max().over(by).round(9)
    more = (excess_a > excess_b) | ((excess_a == excess_b) & (peak_a > peak_b))
    less = (excess_a < excess_b) | ((excess_a == excess_b) & (peak_a < peak_b))
    change = (
        pl.when(~ever_b & ever_a)
        .then(pl.lit(OverloadChange.OVERLOADED.value))
        .when(ever_b & ~ever_a)
        .then(pl.lit(OverloadChange.RELIEVED.value))
        .when(ever_b & ever_a & more)
        .then(pl.lit(OverloadChange.WORSE.value))
        .when(ever_b & ever_a & less)
        .then(pl.lit(OverloadChange.BETTER.value))
    )
    return load.with_columns(change=change).filter(
        pl.col("change").is_not_null() & (over_b | over_a) & (rb != ra)
    )


_WHOLE = pl.col("activity").str.split(PART_MARK).list.first()
"""The activity a part was split off (`model.ids.whole_of`), as an expression."""


def _cut_windows(carried_before: pl.DataFrame, carried_after: pl.DataFrame) -> pl.DataFrame:
    """Return per school how many more windows it has after only because a hand-over cut activities it
    carries into parts covering the same days (`Reassign.split`): those are not more work."""
    sides = [
        frame.filter(pl.col("executor_kind") == "school").select(
            "executor", whole=_WHOLE, cut=pl.col("activity").str.contains(PART_MARK, literal=True)
        )
        for frame in (carried_before, carried_after)
    ]
    cut = pl.concat(sides).filter("cut").select("executor", "whole").unique()
    schema = {"school": pl.String(), "cut": pl.Int32()}
    if cut.is_empty():
        return pl.DataFrame(schema=schema)
    days: list[dict[tuple[str, str], list[tuple[date, date]]]] = [{}, {}]
    for found, frame in zip(days, (carried_before, carried_after), strict=True):
        windows = frame.with_columns(whole=_WHOLE).join(cut, on=["executor", "whole"], how="semi")
        for school, whole, start, end in windows.select("executor", "whole", "start", "end").iter_rows():
            found.setdefault((school, whole), [])
            if start is not None:
                found[(school, whole)].append((start, end))
    extra: dict[str, int] = {}
    for key, after in days[1].items():
        before = days[0].get(key, [])
        if merged_windows(before) == merged_windows(after):
            extra[key[0]] = extra.get(key[0], 0) + len(after) - len(before)
    return pl.DataFrame({"school": list(extra), "cut": list(extra.values())}, schema=schema)


def _burden(carried: pl.DataFrame, side: str) -> pl.DataFrame:
    # A part a hand-over split off an activity is the same activity to the school.
    return (
        carried.filter(pl.col("executor_kind") == "school")
        .group_by(school="executor")
        .agg(
            _WHOLE.n_unique().cast(pl.Int32()).alias(f"activities_{side}"),
            pl.struct("activity", "occurrence").n_unique().cast(pl.Int32()).alias(f"windows_{side}"),
        )
    )


def school_burden(carried_before: pl.DataFrame, carried_after: pl.DataFrame) -> pl.DataFrame:
    """Return the schools that carry more activities or more windows after than before.

    >>> from model.frames import empty_frame
    >>> from model.workload import ASSIGNMENT_SCHEMA
    >>> school_burden(empty_frame(ASSIGNMENT_SCHEMA), empty_frame(ASSIGNMENT_SCHEMA)).columns
    ['school', 'activities_before', 'windows_before', 'activities_after', 'windows_after']
    """
    counts = ["activities_before", "activities_after", "windows_before", "windows_after"]
    return (
        _burden(carried_before, "before")
        .join(_burden(carried_after, "after"), on="school", how="full", coalesce=True)
        .join(_cut_windows(carried_before, carried_after), on="school", how="left")
        .with_columns(pl.col(*counts).fill_null(0))
        .with_columns(pl.col("windows_after") - pl.col("cut").fill_null(0))
        .drop("cut")
        .filter(
            (pl.col("activities_after") > pl.col("activities_before"))
            | (pl.col("windows_after") > pl.col("windows_before"))
        )
        .sort("school")
    )


def undated_changes(carried_before: pl.DataFrame, carried_after: pl.DataFrame) -> pl.DataFrame:
    """Return the executors whose undated load («без срока») differs between the two sides.

    >>> from model.frames import empty_frame
    >>> from model.workload import ASSIGNMENT_SCHEMA
    >>> undated_changes(empty_frame(ASSIGNMENT_SCHEMA), empty_frame(ASSIGNMENT_SCHEMA)).columns
    ['executor', 'undated_before', 'undated_after']
    """
    return (
        undated_load(carried_before)
        .rename({"undated": "undated_before"})
        .join(
            undated_load(carried_after).rename({"undated": "undated_after"}),
            on="executor",
            how="full",
            coalesce=True,
        )
        .with_columns(pl.col("undated_before", "undated_after").fill_null(0.0))
        .filter(pl.col("undated_before") != pl.col("undated_after"))
        .sort("executor")
    )
