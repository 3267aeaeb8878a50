"""The cache of «Сценарии»: the baseline `PlanState`, each scenario's outcome, comparisons, takers.

What-if scenarios start from one baseline `PlanState` per data version, shared read-only by every
session; a scenario's applied state and its outcome (that state and its comparison with the plan) are
keyed on the data version and the JSON of its active operations, so the same operations give the same
figures to everyone, and applying them changes nothing anyone else sees. A comparison with another
scenario is keyed on the JSON of both.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

import polars as pl
import streamlit as st

from dashboard import texts
from dashboard.data import Snapshot
from model.comparison import Comparison, compare
from model.issues import Issue, sort_issues
from model.operation_effects import Applied
from model.scenario import (
    Operation,
    PlanState,
    Scenario,
    apply_scenario,
    operations_json,
    referenced_nodes,
    scenario_from_json,
    state_from_plan,
)
from model.suggestions import affected_months, suggest_takers, suggested_handovers

SUGGESTIONS_SHOWN = 5
"""How many candidates to take work are offered for an overloaded executor."""


@st.cache_resource(max_entries=4, show_spinner=False)
def _baseline(path: str, version: str, _snap: Snapshot) -> PlanState:
    return state_from_plan(_snap.plan, _snap.overrides, assignments=_snap.assignments, labels=_snap.labels)


def baseline(snap: Snapshot) -> PlanState:
    """Return the plan as the data hold it, the state every scenario starts from (shared, read-only)."""
    return _baseline(snap.path, snap.version, snap)


def operations_key(scenario: Scenario) -> str:
    """Return the JSON of a scenario's active operations: what its outcome and its saved copy depend on.

    >>> from model.scenario import DropActivity
    >>> operations_key(Scenario().push(DropActivity("act:1")).push(DropActivity("act:2")).undo())
    '[{"activity": "act:1", "kind": "drop_activity"}]'
    """
    return json.dumps(operations_json(scenario), ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True, eq=False)
class Outcome:
    """A scenario's active operations applied to the baseline, and what differs; shared, never changed."""

    operations: tuple[Operation, ...]
    state: PlanState
    issues: tuple[Issue, ...]
    comparison: Comparison
    overloaded: Mapping[str, float]
    """Everyone overloaded with the scenario: executor → its highest load against capacity."""


def _overloaded(snap: Snapshot, comparison: Comparison) -> dict[str, float]:
    touched = comparison.load.group_by("executor").agg(pl.col("ratio_after").max().alias("peak"))
    untouched = snap.executors.filter(
        (pl.col("months_over") > 0) & ~pl.col("executor").is_in(touched["executor"].implode())
    ).select("executor", peak="peak_ratio")
    rows = pl.concat([touched.filter(pl.col("peak") > 1.0), untouched])
    return dict(rows.sort("peak", "executor", descending=[True, False]).iter_rows())


@st.cache_resource(max_entries=32, show_spinner=False)
def _applied(
    path: str, version: str, operations: str, _snap: Snapshot
) -> tuple[Scenario, Applied, list[Issue]]:
    scenario, issues = scenario_from_json({"operations": json.loads(operations)})
    return scenario, apply_scenario(baseline(_snap), scenario), issues


@st.cache_resource(max_entries=32, show_spinner=False)
def _outcome(path: str, version: str, operations: str, as_of: date, _snap: Snapshot) -> Outcome:
    scenario, applied, issues = _applied(path, version, operations, _snap)
    comparison = compare(baseline(_snap), applied.state, as_of=as_of)
    return Outcome(
        operations=scenario.active,
        state=applied.state,
        issues=tuple(sort_issues([*issues, *applied.issues])),
        comparison=comparison,
        overloaded=MappingProxyType(_overloaded(_snap, comparison)),
    )


def outcome(snap: Snapshot, scenario: Scenario, as_of: date) -> Outcome:
    """Return what a scenario's active operations make of the plan, compared with the plan as of a date."""
    return _outcome(snap.path, snap.version, operations_key(scenario), as_of, snap)


def outcome_shown(snap: Snapshot, scenario: Scenario, as_of: date) -> Outcome:
    """Return a scenario's outcome, saying so on the page while the plan is first built for scenarios
    (several seconds on the whole country; a spinner appears only when it takes a while)."""
    with st.spinner(texts.SCENARIO_PREPARING):
        return outcome(snap, scenario, as_of)


@st.cache_resource(max_entries=32, show_spinner=False)
def _versus(path: str, version: str, operations: str, other: str, as_of: date, _snap: Snapshot) -> Comparison:
    before = _applied(path, version, other, _snap)[1].state
    after = _applied(path, version, operations, _snap)[1].state
    return compare(before, after, as_of=as_of)


def versus(snap: Snapshot, scenario: Scenario, other: Scenario | None, as_of: date) -> Comparison:
    """Return what differs between another scenario («before»; None: the plan) and a scenario («after»)."""
    if other is None:
        return outcome(snap, scenario, as_of).comparison
    return _versus(snap.path, snap.version, operations_key(scenario), operations_key(other), as_of, snap)


def operation_names(snap: Snapshot, operations: Sequence[Operation]) -> dict[str, str]:
    """Return the labels of the nodes some operations name, as the other pages show them."""
    return {n: snap.labels[n] for op in operations for n in referenced_nodes(op) if n in snap.labels}


@st.cache_resource(max_entries=4, show_spinner=False)
def _direct_carriers(path: str, version: str, _snap: Snapshot) -> frozenset[str]:
    return frozenset(_snap.assignments.filter(pl.col("via").is_null())["executor"].unique())


def direct_carriers(snap: Snapshot) -> frozenset[str]:
    """Return the executors named in some activity's cell (those who can hand activities over)."""
    return _direct_carriers(snap.path, snap.version, snap)


def activities_of(snap: Snapshot, executor: str) -> list[str]:
    """Return the activities an executor's own cell names, in the order of the roadmaps."""
    mine = snap.assignments.filter((pl.col("executor") == executor) & pl.col("via").is_null())
    wanted = mine["activity"].unique().implode()
    return snap.activities.filter(pl.col("activity").is_in(wanted))["activity"].to_list()


@st.cache_resource(max_entries=64, show_spinner=False)
def _takers(
    path: str, version: str, operations: str, as_of: date, executor: str, _snap: Snapshot
) -> pl.DataFrame:
    state = _outcome(path, version, operations, as_of, _snap).state
    found = suggest_takers(_snap.G, state, executor, []).head(SUGGESTIONS_SHOWN)
    months = affected_months(state, executor, [])
    handovers = suggested_handovers(state, executor, found["candidate"].to_list(), months)
    return found.with_columns(
        pl.Series("activities", [h.activities if h else [] for h in handovers], dtype=pl.List(pl.String())),
        pl.Series("start", [h.start if h else None for h in handovers], dtype=pl.Date()),
        pl.Series("end", [h.end if h else None for h in handovers], dtype=pl.Date()),
        pl.Series("split", [h.split if h else False for h in handovers], dtype=pl.Boolean()),
    )


def takers(snap: Snapshot, scenario: Scenario, as_of: date, executor: str) -> pl.DataFrame:
    """Return who could take work from an overloaded executor with the scenario applied
    (`model.suggestions.SUGGESTION_SCHEMA`), each with the hand-over it could take
    (`model.suggestions.suggested_handovers`): its `activities`, and for parts of them the period
    (`start`, `end`) they are cut to (`split`)."""
    return _takers(snap.path, snap.version, operations_key(scenario), as_of, executor, snap)
