"""What-if scenarios: a named list of operations with a cursor for undo and redo, and their JSON.

A scenario is an ordered list of operations (`model.operations`) and a cursor: the operations before
the cursor are applied, those after it are the redo tail. Applying them (`model.operation_effects`)
changes a `PlanState` (`model.plan_state`), never the baseline nor the graph.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from model.issues import Issue, Severity
from model.operation_effects import Applied, apply_operations
from model.operation_words import describe_operation, listed_activities, referenced_nodes
from model.operations import (
    AddActivity,
    DropActivity,
    ListSchool,
    MoveUnder,
    Operation,
    Reassign,
    SetCapacity,
    ShiftDeadline,
    UnlistSchool,
    operation_from_json,
    operation_to_json,
)
from model.plan_state import GraphPlan, PlanState, baseline_state, graph_plan, state_from_plan

__all__ = [
    # The benchmarks build and apply scenarios, and the loaders save and describe them, through these.
    "AddActivity",
    "DropActivity",
    "GraphPlan",
    "ListSchool",
    "MoveUnder",
    "Operation",
    "PlanState",
    "Reassign",
    "Scenario",
    "SetCapacity",
    "ShiftDeadline",
    "UnlistSchool",
    "apply_operations",
    "apply_scenario",
    "baseline_state",
    "describe_operation",
    "graph_plan",
    "listed_activities",
    "names_of_operations",
    "operation_to_json",
    "operations_json",
    "referenced_nodes",
    "scenario_from_json",
    "scenario_to_json",
    "state_from_plan",
]

_END = 1 << 62  # a cursor past any list: "after the last operation"


@dataclass(frozen=True, slots=True)
class Scenario:
    """A named list of operations and a cursor: operations before it apply, after it wait for redo.

    The cursor is clamped to 0..len(operations); left out, it stands after the last operation.

    >>> s = Scenario("Семинары весной").push(DropActivity("act:1")).push(DropActivity("act:2"))
    >>> s.undo().cursor, len(s.undo().push(DropActivity("act:3")).operations)
    (1, 2)
    """

    name: str = ""
    operations: tuple[Operation, ...] = ()
    cursor: int = _END

    def __post_init__(self) -> None:
        object.__setattr__(self, "operations", tuple(self.operations))
        object.__setattr__(self, "cursor", max(0, min(self.cursor, len(self.operations))))

    @property
    def active(self) -> tuple[Operation, ...]:
        """Return the operations that apply: those before the cursor."""
        return self.operations[: self.cursor]

    @property
    def can_undo(self) -> bool:
        """Tell whether there is an operation to undo."""
        return self.cursor > 0

    @property
    def can_redo(self) -> bool:
        """Tell whether there is an undone operation to redo."""
        return self.cursor < len(self.operations)

    def push(self, operation: Operation) -> Scenario:
        """Return the scenario with an operation added at the cursor; the redo tail is dropped."""
        return Scenario(self.name, (*self.active, operation), self.cursor + 1)

    def undo(self) -> Scenario:
        """Return the scenario with the cursor one operation back."""
        return dataclasses.replace(self, cursor=self.cursor - 1)

    def redo(self) -> Scenario:
        """Return the scenario with the cursor one operation forward."""
        return dataclasses.replace(self, cursor=self.cursor + 1)

    def renamed(self, name: str) -> Scenario:
        """Return the scenario under another name."""
        return dataclasses.replace(self, name=name)

    def apply(self, state: PlanState) -> Applied:
        """Return the state with the active operations applied, and their issues."""
        return apply_operations(state, self.active)


def apply_scenario(state: PlanState, scenario: Scenario) -> Applied:
    """Return the state with a scenario's active operations applied."""
    return apply_operations(state, scenario.active)


def scenario_to_json(scenario: Scenario) -> dict[str, Any]:
    """Return a scenario as a JSON-ready mapping: name, operations (the redo tail too) and cursor."""
    return {
        "name": scenario.name,
        "operations": [operation_to_json(o) for o in scenario.operations],
        "cursor": scenario.cursor,
    }


def scenario_from_json(data: Any) -> tuple[Scenario, list[Issue]]:
    """Return the scenario a JSON mapping describes; an operation that cannot be read is left out.

    >>> data = {"name": "А", "operations": [{"kind": "drop_activity", "activity": "a"}]}
    >>> scenario, issues = scenario_from_json(data)
    >>> scenario.operations, scenario.cursor, issues
    ((DropActivity(activity='a', kind=<OperationKind.DROP_ACTIVITY: 'drop_activity'>),), 1, [])
    """
    if not isinstance(data, Mapping):
        return Scenario(), [Issue("scenario-bad-file", "Сценарий должен быть объектом JSON", Severity.ERROR)]
    items = data.get("operations", [])
    issues: list[Issue] = []
    if not isinstance(items, list):
        issues.append(Issue("scenario-bad-file", "«operations» должен быть списком операций", Severity.ERROR))
        items = []
    operations: list[Operation] = []
    dropped_before_cursor = 0
    cursor = data.get("cursor")
    for number, item in enumerate(items, start=1):
        operation, found = operation_from_json(item, number)
        issues.extend(found)
        if operation is None:
            if isinstance(cursor, int) and number <= cursor:
                dropped_before_cursor += 1
        else:
            operations.append(operation)
    name = data.get("name", "")
    at = cursor - dropped_before_cursor if isinstance(cursor, int) and not isinstance(cursor, bool) else _END
    return Scenario(name if isinstance(name, str) else str(name), tuple(operations), at), issues


def operations_json(scenario: Scenario) -> list[dict[str, Any]]:
    """Return the active operations as JSON-ready mappings: what a saved scenario keeps."""
    return [operation_to_json(o) for o in scenario.active]


def names_of_operations(state: PlanState, operations: Iterable[Operation]) -> dict[str, str]:
    """Return the names of the nodes some operations mention (for `describe_operation`)."""
    return state.names({n for op in operations for n in referenced_nodes(op)})
