"""The difference a scenario makes: load, overload, deadlines, chains and schools, before and after.

«Before» is the plan, or the state of another scenario of the same baseline: two scenarios compare
with each other as a scenario compares with the plan. Only what differs is compared: the activities
either state changed against their common baseline (or, for states of different baselines, every
activity whose rows differ) and the executors whose rows or capacity differ. The workload figures come
from `model.load_changes`, the chains from `model.chain_changes`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import polars as pl

from model.chain_changes import CHAIN_CHANGE_SCHEMA, CHAIN_PARTS, chain_changes
from model.deadline_calendar import merged_windows, month_starts
from model.frames import cast_to, differing_rows, empty_frame
from model.ids import whole_of
from model.load_changes import (
    LOAD_CHANGE_SCHEMA,
    OVERLOAD_CHANGE_SCHEMA,
    OVERLOAD_LABELS,
    SCHOOL_BURDEN_SCHEMA,
    UNDATED_CHANGE_SCHEMA,
    OverloadChange,
    load_changes,
    overload_changes,
    school_burden,
    undated_changes,
)
from model.plan_state import PlanState
from model.workload import ASSIGNMENT_SCHEMA

__all__ = [
    # The minutes and the scenario files label overload changes through this module too.
    "CHAIN_LABELS",
    "DEADLINE_CHANGE_SCHEMA",
    "DEADLINE_LABELS",
    "OVERLOAD_LABELS",
    "Comparison",
    "DeadlineChange",
    "changed_activities",
    "compare",
    "comparison_to_json",
    "frame_records",
    "needs_reason",
    "no_change",
]


class DeadlineChange(StrEnum):
    MOVED = "moved"
    ADDED = "added"
    DROPPED = "dropped"
    SPLIT = "split"


DEADLINE_LABELS: dict[str, str] = {
    DeadlineChange.MOVED: "срок сдвинут",
    DeadlineChange.ADDED: "мероприятие добавлено",
    DeadlineChange.DROPPED: "мероприятие исключено",
    DeadlineChange.SPLIT: "часть передана другому исполнителю",
}

CHAIN_LABELS: dict[tuple[bool, bool], str] = {
    (False, False): "цела",
    (False, True): "разрывается",
    (True, False): "восстанавливается",
    (True, True): "остаётся разорванной",
}
"""How a changed chain reads to a person, by (broken in the plan, broken with the scenario)."""

DEADLINE_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "name": pl.String(),
    "change": pl.String(),
    "start_before": pl.Date(),
    "end_before": pl.Date(),
    "start_after": pl.Date(),
    "end_after": pl.Date(),
    "windows_before": pl.Int32(),
    "windows_after": pl.Int32(),
    "in_past": pl.Boolean(),
}
"""Activities whose windows move, or that are added or dropped: the span of their windows (first start,
last end) and their count before and after; `in_past` when the new span ends before `as_of`. An activity
cut by a hand-over (`Reassign.split`) whose parts still cover the days it covered has not moved: only
its new parts are listed, as split."""


@dataclass(frozen=True, eq=False)
class Comparison:
    """What differs between two states of the plan, as frames with declared schemas."""

    months: tuple[date, ...]
    as_of: date
    load: pl.DataFrame
    overload: pl.DataFrame
    deadlines: pl.DataFrame
    chains: pl.DataFrame
    schools: pl.DataFrame
    undated: pl.DataFrame
    names: Mapping[str, str] = field(default_factory=dict)
    """The name of every node the frames mention."""

    def summary(self) -> dict[str, int]:
        """Return the counts a headline shows: executors touched, overloads, deadlines, chains, schools."""
        change = self.overload["change"]
        return {
            "executors": self.load["executor"].n_unique()
            + self.undated.join(self.load.select("executor").unique(), on="executor", how="anti").height,
            "overloaded": self.overload.filter(change == OverloadChange.OVERLOADED)["executor"].n_unique(),
            "relieved": self.overload.filter(change == OverloadChange.RELIEVED)["executor"].n_unique(),
            "worse": self.overload.filter(change == OverloadChange.WORSE)["executor"].n_unique(),
            "deadlines_moved": self.deadlines.filter(pl.col("change") == DeadlineChange.MOVED).height,
            "activities_added": self.deadlines.filter(pl.col("change") == DeadlineChange.ADDED).height,
            "activities_dropped": self.deadlines.filter(pl.col("change") == DeadlineChange.DROPPED).height,
            "chains_changed": self.chains.height,
            "chains_broken": self.chains.filter(pl.col("broken_after") & ~pl.col("broken_before")).height,
            "schools_burdened": self.schools.height,
        }


def needs_reason(comparison: Comparison) -> bool:
    """Tell whether the change pushes someone over capacity, or further over it (a reason is asked).

    >>> from dataclasses import replace
    >>> rows = [("inst:rmo", "РМО", date(2020, 10, 1), 0.5, 1.25, "overloaded")]
    >>> pushed = pl.DataFrame(rows, OVERLOAD_CHANGE_SCHEMA, orient="row")
    >>> needs_reason(no_change()), needs_reason(replace(no_change(), overload=pushed))
    (False, True)
    """
    change = comparison.overload["change"]
    return bool((change.is_in([OverloadChange.OVERLOADED.value, OverloadChange.WORSE.value])).any())


def no_change(as_of: date = date.min) -> Comparison:
    """Return the comparison of a state with itself: every frame empty."""
    return Comparison(
        months=(),
        as_of=as_of,
        load=empty_frame(LOAD_CHANGE_SCHEMA),
        overload=empty_frame(OVERLOAD_CHANGE_SCHEMA),
        deadlines=empty_frame(DEADLINE_CHANGE_SCHEMA),
        chains=empty_frame(CHAIN_CHANGE_SCHEMA),
        schools=empty_frame(SCHOOL_BURDEN_SCHEMA),
        undated=empty_frame(UNDATED_CHANGE_SCHEMA),
    )


# --- what differs --------------------------------------------------------------------------------------


_ROW_KEYS = list(ASSIGNMENT_SCHEMA)


def changed_activities(before: PlanState, after: PlanState) -> set[str]:
    """Return the activities whose rows may differ between two states.

    States of one baseline know what they changed; otherwise every row is compared.
    """
    if before.baseline is after.baseline:
        return set(before.changed | after.changed)
    rows = differing_rows(before.assignments, after.assignments, _ROW_KEYS)["activity"]
    windows = differing_rows(
        before.tables.activities, after.tables.activities, list(before.tables.activities.columns)
    )["activity"]
    return set(rows.to_list()) | set(windows.to_list())


ANOTHER_ADDED = "{activity}~before"
"""The id an activity the «before» state added takes when the «after» state added another under its id."""


def _apart(before: PlanState, after: PlanState) -> PlanState:
    """Return the «before» state with each activity it added renamed when `after` added a different one
    (another text) under the same id."""
    mine, theirs = before.patch.entities, after.patch.entities
    if mine.is_empty() or theirs.is_empty():
        return before
    both = mine.join(theirs, on="node", suffix="_after").filter(pl.col("name") != pl.col("name_after"))
    return before.with_added_renamed({a: ANOTHER_ADDED.format(activity=a) for a in both["node"]})


def _overrides_changed(before: PlanState, after: PlanState) -> set[str]:
    keys = set(before.capacity_overrides) | set(after.capacity_overrides)
    return {k for k in keys if before.capacity_overrides.get(k) != after.capacity_overrides.get(k)}


def compare(
    before: PlanState, after: PlanState, months: Sequence[date] | None = None, as_of: date | None = None
) -> Comparison:
    """Return what differs between two states (the plan or a scenario, and a scenario): load, overload,
    deadlines, chains and schools.

    `months` (any day of each) limits the load and overload frames; None takes every month with load.
    `as_of` marks new windows that already ended; None marks none.
    """
    as_of = as_of or date.min
    wanted = None if months is None else month_starts(months)
    before = _apart(before, after)
    activities = changed_activities(before, after)
    rows_before = before.assignments_of_activities(activities)
    rows_after = after.assignments_of_activities(activities)
    moved = differing_rows(rows_before, rows_after, _ROW_KEYS)
    executors = set(moved["executor"].to_list()) | _overrides_changed(before, after)
    carried_before = before.assignments_of_executors(executors)
    carried_after = after.assignments_of_executors(executors)

    load = load_changes(before, after, carried_before, carried_after, executors, wanted)
    month_list = tuple(wanted if wanted is not None else sorted(set(load["month"].to_list())))
    deadlines = _deadlines(before, after, activities, as_of)
    chains = chain_changes(before, after, activities)
    schools = school_burden(carried_before, carried_after)
    undated = undated_changes(carried_before, carried_after)

    mentioned = set(executors) | activities | set(chains["activity"].to_list())
    for part in CHAIN_PARTS:
        for side in ("before", "after"):
            mentioned.update(v for values in chains[f"{part}_{side}"].to_list() for v in values)
    names = {**before.names(mentioned), **after.names(mentioned)}

    def named(frame: pl.DataFrame, key: str, schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
        name = pl.col(key).replace_strict(names, default=pl.col(key), return_dtype=pl.String())
        return frame.with_columns(name=name).select(cast_to(schema))

    overloads = overload_changes(load)
    return Comparison(
        months=month_list,
        as_of=as_of,
        load=named(load, "executor", LOAD_CHANGE_SCHEMA),
        overload=named(overloads, "executor", OVERLOAD_CHANGE_SCHEMA),
        deadlines=named(deadlines, "activity", DEADLINE_CHANGE_SCHEMA),
        chains=named(chains, "activity", CHAIN_CHANGE_SCHEMA),
        schools=named(schools, "school", SCHOOL_BURDEN_SCHEMA),
        undated=named(undated, "executor", UNDATED_CHANGE_SCHEMA),
        names=names,
    )


# --- deadlines -----------------------------------------------------------------------------------------


def _spans(state: PlanState, activities: Collection[str]) -> dict[str, tuple[tuple[Any, Any], ...]]:
    spans: dict[str, list[tuple[Any, Any]]] = {}
    for a, start, end in state.activity_rows(activities).select("activity", "start", "end").iter_rows():
        spans.setdefault(a, [])
        if start is not None:
            spans[a].append((start, end))
    return {a: tuple(sorted(w)) for a, w in spans.items()}


def _only_split(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[str]:
    """Return the activities whose change is only a cut into parts that cover the same days."""
    wholes: dict[str, list[str]] = {}
    for a in set(old) | set(new):
        wholes.setdefault(whole_of(a), []).append(a)
    quiet: set[str] = set()
    for parts in wholes.values():
        days_before, days_after = (merged_windows(w for a in parts for w in s.get(a, ())) for s in (old, new))
        if len(parts) > 1 and days_before == days_after:
            quiet.update(parts)
    return quiet


def _deadlines(before: PlanState, after: PlanState, activities: Collection[str], as_of: date) -> pl.DataFrame:
    old, new = _spans(before, activities), _spans(after, activities)
    quiet = _only_split(old, new)
    rows = []
    for a in sorted(set(old) | set(new)):
        b, n = old.get(a), new.get(a)
        if b == n or (a in quiet and (b is not None or n is None)):
            continue
        change = (
            DeadlineChange.SPLIT
            if a in quiet
            else DeadlineChange.ADDED
            if b is None
            else DeadlineChange.DROPPED
            if n is None
            else DeadlineChange.MOVED
        )
        b, n = b or (), n or ()
        end_after = max((e for _, e in n), default=None)
        rows.append(
            {
                "activity": a,
                "change": change.value,
                "start_before": min((s for s, _ in b), default=None),
                "end_before": max((e for _, e in b), default=None),
                "start_after": min((s for s, _ in n), default=None),
                "end_after": end_after,
                "windows_before": len(b),
                "windows_after": len(n),
                "in_past": end_after is not None and end_after < as_of,
            }
        )
    schema = {k: t for k, t in DEADLINE_CHANGE_SCHEMA.items() if k != "name"}
    return pl.DataFrame(rows, schema=schema)


# --- JSON ----------------------------------------------------------------------------------------------


def _json_cell(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, list):
        return [_json_cell(v) for v in value]
    return value


def frame_records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Return a frame's rows as JSON-ready mappings: dates as ISO text, floats to 4 places."""
    return [{k: _json_cell(v) for k, v in row.items()} for row in frame.iter_rows(named=True)]


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """Return a comparison as a JSON-ready mapping: months, summary, whether a reason is needed, frames."""
    c = comparison
    return {
        "as_of": None if c.as_of == date.min else c.as_of.isoformat(),
        "months": [m.isoformat() for m in c.months],
        "needs_reason": needs_reason(c),
        "summary": c.summary(),
        "load": frame_records(c.load),
        "overload": frame_records(c.overload),
        "deadlines": frame_records(c.deadlines),
        "chains": frame_records(c.chains),
        "schools": frame_records(c.schools),
        "undated": frame_records(c.undated),
        "names": dict(sorted(c.names.items())),
    }
