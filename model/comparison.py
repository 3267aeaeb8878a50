"""The difference a scenario makes: load, overload, deadlines, chains and schools, before and after.

Figures follow `shared/specs/workload.md` and are computed by `model.workload` (`load_by_month`,
`undated_load`, `capacities_from_entities`, `overload`) on the assignments of the executors the
scenario touches, so they equal what the other pages show for those executors. Only what differs is
compared: the activities either state changed against their common baseline (or, for states of
different baselines, every activity whose rows differ) and the executors whose rows or capacity differ.

Chains are compared as they climb from each activity: its executors (fan-out expanded), their
coordinators (of the executor, of the territory it stands on, of the fan-out territory and of the
roadmap) and the bodies they are subordinate to. An activity that exists but reaches nobody is broken.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import polars as pl

from model.relations import EdgeKind
from model.scenario import PlanState
from model.workload import ASSIGNMENT_SCHEMA, load_by_month, overload, undated_load

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
"""The months in which an executor is overloaded on either side and its ratio changes (`OverloadChange`)."""


class DeadlineChange(StrEnum):
    MOVED = "moved"
    ADDED = "added"
    DROPPED = "dropped"


DEADLINE_LABELS: dict[str, str] = {
    DeadlineChange.MOVED: "срок сдвинут",
    DeadlineChange.ADDED: "мероприятие добавлено",
    DeadlineChange.DROPPED: "мероприятие исключено",
}

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
last end) and their count before and after; `in_past` when the new span ends before `as_of`."""

CHAIN_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "name": pl.String(),
    "executors_before": pl.List(pl.String()),
    "executors_after": pl.List(pl.String()),
    "coordinators_before": pl.List(pl.String()),
    "coordinators_after": pl.List(pl.String()),
    "superiors_before": pl.List(pl.String()),
    "superiors_after": pl.List(pl.String()),
    "broken_before": pl.Boolean(),
    "broken_after": pl.Boolean(),
}
"""Activities (existing after the scenario) whose executors, coordinators or superiors change, or whose
chain breaks or mends; lists hold node ids, sorted (`Comparison.names` names them)."""

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

_CHAIN_PARTS = ("executors", "coordinators", "superiors")


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

    def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
        return pl.DataFrame(schema=schema)

    return Comparison(
        months=(),
        as_of=as_of,
        load=empty(LOAD_CHANGE_SCHEMA),
        overload=empty(OVERLOAD_CHANGE_SCHEMA),
        deadlines=empty(DEADLINE_CHANGE_SCHEMA),
        chains=empty(CHAIN_CHANGE_SCHEMA),
        schools=empty(SCHOOL_BURDEN_SCHEMA),
        undated=empty(UNDATED_CHANGE_SCHEMA),
    )


# --- what differs --------------------------------------------------------------------------------------


_ROW_KEYS = list(ASSIGNMENT_SCHEMA)


def _differing(a: pl.DataFrame, b: pl.DataFrame, keys: Sequence[str]) -> pl.DataFrame:
    """Return the rows of either frame that the other does not hold."""
    return pl.concat(
        [
            a.join(b, on=list(keys), how="anti", nulls_equal=True),
            b.join(a, on=list(keys), how="anti", nulls_equal=True),
        ]
    )


def changed_activities(before: PlanState, after: PlanState) -> set[str]:
    """Return the activities whose rows may differ between two states.

    States of one baseline know what they changed; otherwise every row is compared.
    """
    if before.baseline is after.baseline:
        return set(before.changed | after.changed)
    rows = _differing(before.assignments, after.assignments, _ROW_KEYS)["activity"]
    windows = _differing(
        before.tables.activities, after.tables.activities, list(before.tables.activities.columns)
    )["activity"]
    return set(rows.to_list()) | set(windows.to_list())


def _overrides_changed(before: PlanState, after: PlanState) -> set[str]:
    keys = set(before.capacity_overrides) | set(after.capacity_overrides)
    return {k for k in keys if before.capacity_overrides.get(k) != after.capacity_overrides.get(k)}


def _month_list(months: Sequence[date] | None) -> list[date] | None:
    return None if months is None else sorted({m.replace(day=1) for m in months})


def compare(
    before: PlanState, after: PlanState, months: Sequence[date] | None = None, as_of: date | None = None
) -> Comparison:
    """Return what differs between two states: load, overload, deadlines, chains and schools.

    `months` (any day of each) limits the load and overload frames; None takes every month with load.
    `as_of` marks new windows that already ended; None marks none.
    """
    as_of = as_of or date.min
    wanted = _month_list(months)
    activities = changed_activities(before, after)
    rows_before = before.assignments_of_activities(activities)
    rows_after = after.assignments_of_activities(activities)
    moved = _differing(rows_before, rows_after, _ROW_KEYS)
    executors = set(moved["executor"].to_list()) | _overrides_changed(before, after)
    carried_before = before.assignments_of_executors(executors)
    carried_after = after.assignments_of_executors(executors)

    load = _load(before, after, carried_before, carried_after, executors, wanted)
    month_list = tuple(wanted if wanted is not None else sorted(set(load["month"].to_list())))
    deadlines = _deadlines(before, after, activities, as_of)
    chains = _chains(before, after, activities)
    schools = _schools(carried_before, carried_after)
    undated = _undated(carried_before, carried_after)

    mentioned = set(executors) | activities | set(chains["activity"].to_list())
    for part in _CHAIN_PARTS:
        for side in ("before", "after"):
            mentioned.update(v for values in chains[f"{part}_{side}"].to_list() for v in values)
    names = {**before.names(mentioned), **after.names(mentioned)}

    def named(frame: pl.DataFrame, key: str, schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
        name = pl.col(key).replace_strict(names, default=pl.col(key), return_dtype=pl.String())
        return frame.with_columns(name=name).select([pl.col(c).cast(t) for c, t in schema.items()])

    overloads = _overloads(load)
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


# --- load and overload ---------------------------------------------------------------------------------


def _load(
    before: PlanState,
    after: PlanState,
    carried_before: pl.DataFrame,
    carried_after: pl.DataFrame,
    executors: Collection[str],
    months: list[date] | None,
) -> pl.DataFrame:
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


def _overloads(load: pl.DataFrame) -> pl.DataFrame:
    over_b = pl.col("ratio_before").fill_null(0.0) > OVERLOADED_ABOVE
    over_a = pl.col("ratio_after").fill_null(0.0) > OVERLOADED_ABOVE
    rb, ra = pl.col("ratio_before").fill_null(0.0), pl.col("ratio_after").fill_null(0.0)
    change = (
        pl.when(~over_b & over_a)
        .then(pl.lit(OverloadChange.OVERLOADED.value))
        .when(over_b & ~over_a)
        .then(pl.lit(OverloadChange.RELIEVED.value))
        .when(over_b & over_a & (ra > rb))
        .then(pl.lit(OverloadChange.WORSE.value))
        .when(over_b & over_a & (ra < rb))
        .then(pl.lit(OverloadChange.BETTER.value))
    )
    return load.with_columns(change=change).filter(pl.col("change").is_not_null())


# --- deadlines -----------------------------------------------------------------------------------------


def _spans(state: PlanState, activities: Collection[str]) -> dict[str, tuple[tuple[Any, Any], ...]]:
    spans: dict[str, list[tuple[Any, Any]]] = {}
    for a, start, end in state.activity_rows(activities).select("activity", "start", "end").iter_rows():
        spans.setdefault(a, [])
        if start is not None:
            spans[a].append((start, end))
    return {a: tuple(sorted(w)) for a, w in spans.items()}


def _deadlines(before: PlanState, after: PlanState, activities: Collection[str], as_of: date) -> pl.DataFrame:
    old, new = _spans(before, activities), _spans(after, activities)
    rows = []
    for a in sorted(set(old) | set(new)):
        b, n = old.get(a), new.get(a)
        if b == n:
            continue
        change = (
            DeadlineChange.ADDED
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


# --- chains --------------------------------------------------------------------------------------------


def _structure_moved(before: PlanState, after: PlanState) -> set[str]:
    """Return the nodes whose coordinators or superiors differ."""
    moved = _differing(before.structure, after.structure, ["source", "kind", "target"])
    coordinated = moved.filter(pl.col("kind") == str(EdgeKind.COORDINATES))["target"].to_list()
    subordinate = moved.filter(pl.col("kind") == str(EdgeKind.SUBORDINATE_TO))["source"].to_list()
    return set(coordinated) | set(subordinate)


def _reached(states: Sequence[PlanState], nodes: set[str]) -> set[str]:
    """Return the activities whose chain passes through the nodes (as executor, territory or roadmap).

    The baseline's rows are scanned once per baseline; each state adds the rows of its patch.
    """
    listed = sorted(nodes)
    found: set[str] = set()
    scanned: list[Any] = []
    for state in states:
        base = state.baseline
        locations = base.tables.locations
        standing = sorted(set(locations.filter(pl.col("territory").is_in(listed))["node"].to_list()) | nodes)
        through = (
            pl.col("executor").is_in(standing) | pl.col("via").is_in(listed) | pl.col("roadmap").is_in(listed)
        )
        if not any(base is seen for seen in scanned):
            scanned.append(base)
            found |= set(base.assignments.filter(through)["activity"].to_list())
            found |= set(base.tables.activities.filter(pl.col("roadmap").is_in(listed))["activity"].to_list())
        found |= set(state.patch.assignments.filter(through)["activity"].to_list())
        found |= set(state.patch.activities.filter(pl.col("roadmap").is_in(listed))["activity"].to_list())
    return found


def _chain_parts(state: PlanState, activities: Collection[str]) -> pl.DataFrame:
    """Return per activity: exists, executors, coordinators, superiors (sorted id lists)."""
    rows = state.assignments_of_activities(activities).select("activity", "executor", "via").unique()
    acts = state.activity_rows(activities).select("activity", "roadmap").unique()
    structure = state.structure
    coordinates = structure.filter(pl.col("kind") == str(EdgeKind.COORDINATES)).select(
        coordinator="source", target="target"
    )
    superiors = structure.filter(pl.col("kind") == str(EdgeKind.SUBORDINATE_TO)).select(
        executor="source", superior="target"
    )
    standing = state.baseline.tables.locations.rename({"node": "executor"})
    targets = pl.concat(
        [
            rows.select("activity", target="executor"),
            rows.filter(pl.col("via").is_not_null()).select("activity", target="via"),
            acts.select("activity", target="roadmap"),
            rows.join(standing, on="executor").select("activity", target="territory"),
        ]
    )

    def listed(frame: pl.DataFrame, column: str, name: str) -> pl.DataFrame:
        return frame.group_by("activity").agg(pl.col(column).unique().sort().alias(name))

    return (
        acts.select("activity", exists=pl.lit(True))
        .unique()
        .join(listed(rows, "executor", "executors"), on="activity", how="left")
        .join(
            listed(targets.join(coordinates, on="target"), "coordinator", "coordinators"),
            on="activity",
            how="left",
        )
        .join(listed(rows.join(superiors, on="executor"), "superior", "superiors"), on="activity", how="left")
        .with_columns(pl.col(*_CHAIN_PARTS).fill_null(pl.lit([], pl.List(pl.String()))))
    )


def _chains(before: PlanState, after: PlanState, activities: set[str]) -> pl.DataFrame:
    nodes = _structure_moved(before, after)
    candidates = set(activities)
    if nodes:
        candidates |= _reached([before, after], nodes)
    old = _chain_parts(before, candidates)
    new = _chain_parts(after, candidates)
    empty = pl.lit([], pl.List(pl.String()))
    joined = (
        new.join(old, on="activity", how="left", suffix="_before")
        .rename({p: f"{p}_after" for p in (*_CHAIN_PARTS, "exists")})
        .with_columns(
            pl.col(*(f"{p}_before" for p in _CHAIN_PARTS)).fill_null(empty),
            pl.col("exists_before").fill_null(False),
        )
        .with_columns(
            broken_before=pl.col("exists_before") & (pl.col("executors_before").list.len() == 0),
            broken_after=pl.col("executors_after").list.len() == 0,
        )
    )
    differs = pl.lit(False)
    for part in _CHAIN_PARTS:
        differs = differs | (pl.col(f"{part}_before") != pl.col(f"{part}_after"))
    differs = differs | (pl.col("broken_before") != pl.col("broken_after"))
    return joined.filter(differs).sort("activity")


# --- schools and undated load --------------------------------------------------------------------------


def _burden(carried: pl.DataFrame, side: str) -> pl.DataFrame:
    return (
        carried.filter(pl.col("executor_kind") == "school")
        .group_by(school="executor")
        .agg(
            pl.col("activity").n_unique().cast(pl.Int32()).alias(f"activities_{side}"),
            pl.struct("activity", "occurrence").n_unique().cast(pl.Int32()).alias(f"windows_{side}"),
        )
    )


def _schools(carried_before: pl.DataFrame, carried_after: pl.DataFrame) -> pl.DataFrame:
    counts = ["activities_before", "activities_after", "windows_before", "windows_after"]
    return (
        _burden(carried_before, "before")
        .join(_burden(carried_after, "after"), on="school", how="full", coalesce=True)
        .with_columns(pl.col(*counts).fill_null(0))
        .filter(
            (pl.col("activities_after") > pl.col("activities_before"))
            | (pl.col("windows_after") > pl.col("windows_before"))
        )
        .sort("school")
    )


def _undated(carried_before: pl.DataFrame, carried_after: pl.DataFrame) -> pl.DataFrame:
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
