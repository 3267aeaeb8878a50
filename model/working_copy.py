"""The working copy that applying a list of operations edits, and the plan state it finishes into.

It holds the rows of the activities the operations touch (copied from the baseline on first touch),
the school lists, the structure and the capacity overrides; `finish` expands the fan-out of the
activities it changed again and lays them over the baseline as a new `PlanState`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from types import MappingProxyType
from typing import Any, TypeAlias

import polars as pl

from model.entities import NODE_KIND_NAMES, NodeKind
from model.frames import frame_of, is_in, take_sorted
from model.issues import Issue, Severity
from model.plan_state import Patch, PlanState
from model.tables import (
    ACTIVITY_TABLE_SCHEMA,
    ENTITY_SCHEMA,
    RESPONSIBLE_SCHEMA,
    SCHOOL_STATUS_SCHEMA,
    Tables,
)
from model.workload import assignments_from_tables

ActivityRow: TypeAlias = tuple[Any, ...]
"""One occurrence window of an activity, in `ACTIVITY_TABLE_SCHEMA` order."""
ResponsibleRow: TypeAlias = tuple[str, str, bool, str | None]
"""One executor of an activity: activity, executor, lead, fan_out."""

_ACTIVITY = str(NodeKind.ACTIVITY)
KIND_NAMES: dict[str, str] = NODE_KIND_NAMES
"""Node kinds as a person names them."""


class WorkingCopy:
    """The mutable working copy of one application: dicts of the rows of the activities touched."""

    def __init__(self, state: PlanState) -> None:
        self.state = state
        self.base = state.baseline
        patch = state.patch
        self.acts: dict[str, list[ActivityRow]] = {a: [] for a in patch.changed}
        for row in patch.activities.iter_rows():
            self.acts[row[0]].append(row)
        self.resp: dict[str, list[ResponsibleRow]] = {a: [] for a in patch.changed}
        for a, executor, lead, fan_out in patch.responsible.iter_rows():
            self.resp[a].append((a, executor, lead, fan_out))
        self.added: dict[str, tuple[Any, ...]] = {r[0]: r for r in patch.entities.iter_rows()}
        self.statuses: dict[tuple[str, int], str] | None = None
        self.structure = state.structure
        self.overrides = dict(state.capacity_overrides)
        self.dirty: set[str] = set()
        self.issues: list[Issue] = []
        self.number = 0

    # reading

    def kind(self, node: str) -> str | None:
        """Return a node's kind, an added activity's too; None for a node the plan does not hold."""
        kind = self.base.kinds().get(node)
        if kind is None and self.has_activity(node):
            return _ACTIVITY
        return kind

    def has_activity(self, activity: str) -> bool:
        """Tell whether the plan holds an activity as the operations so far left it."""
        if activity in self.acts:
            return bool(self.acts[activity])
        return self.base.has_activity(activity)

    def touch(self, activities: Collection[str]) -> None:
        """Copy the baseline rows of activities into the working dicts and mark them for expansion."""
        fresh = {a for a in activities if a not in self.acts}
        if fresh:
            for a in fresh:
                self.acts[a], self.resp[a] = [], []
            for row in take_sorted(self.base.tables.activities, "activity", fresh).iter_rows():
                self.acts[row[0]].append(row)
            for a, executor, lead, fan_out in take_sorted(
                self.base.tables.responsible, "activity", fresh
            ).iter_rows():
                self.resp[a].append((a, executor, lead, fan_out))
        self.dirty.update(activities)

    def carried_by(self, executors: Collection[str], fan_out: str | None = "") -> set[str]:
        """Return the activities the executors carry by name (fan_out ""), any way (None) or by a fan-out."""

        def fits(value: str | None) -> bool:
            return fan_out is None or value == (fan_out or None)

        base = take_sorted(self.base.responsible_by_executor(), "executor", set(executors))
        found = {a for a, _, _, f in base.iter_rows() if a not in self.acts and fits(f)}
        for a, rows in self.resp.items():
            if any(r[1] in executors and fits(r[3]) for r in rows):
                found.add(a)
        return found

    def status_map(self) -> dict[tuple[str, int], str]:
        """Return the school lists as (school, year) → status, to edit in place."""
        if self.statuses is None:
            self.statuses = {(s, y): st for s, y, st in self.state.school_statuses.iter_rows()}
        return self.statuses

    # reporting

    def label(self, node: str) -> str:
        """Return a node's name for a message, else its id."""
        if node in self.added:
            return str(self.added[node][3])
        return self.state.names([node]).get(node, node)

    def issue(self, code: str, message: str, severity: Severity = Severity.WARNING, column: str = "") -> None:
        """Record an issue of the operation being applied."""
        self.issues.append(Issue(code, message, severity, row=self.number, column=column))

    def known(self, node: str, kinds: Collection[str], code: str, missing: str, column: str) -> bool:
        """Tell whether a node is of one of the kinds; else record why not."""
        kind = self.kind(node)
        if kind in kinds:
            return True
        if kind is None:
            self.issue(code, missing.format(node=node), Severity.ERROR, column)
        else:
            wanted = ", ".join(sorted(KIND_NAMES.get(k, k) for k in kinds))
            message = f"«{self.label(node)}» — {KIND_NAMES.get(kind, kind)}; здесь подходит только: {wanted}"
            self.issue("scenario-wrong-kind", message, Severity.ERROR, column)
        return False

    # finishing

    def finish(self) -> PlanState:
        """Return the state the edits make: the changed rows, fan-out expanded again, over the baseline."""
        base, state = self.base, self.state
        statuses = state.school_statuses
        if self.statuses is not None:
            statuses = frame_of(
                sorted((s, y, st) for (s, y), st in self.statuses.items()), SCHOOL_STATUS_SCHEMA
            )
        if not self.acts and self.structure is state.structure and self.statuses is None:
            return dataclasses.replace(state, capacity_overrides=MappingProxyType(self.overrides), _memo={})
        changed = frozenset(self.acts)
        activities = frame_of((r for a in sorted(changed) for r in self.acts[a]), ACTIVITY_TABLE_SCHEMA)
        responsible = frame_of((r for a in sorted(changed) for r in self.resp[a]), RESPONSIBLE_SCHEMA)
        previous = state.patch.assignments.filter(~is_in("activity", self.dirty))
        if self.dirty:
            fresh = assignments_from_tables(
                Tables(
                    entities=base.bodies(),
                    activities=activities.filter(is_in("activity", self.dirty)),
                    responsible=responsible.filter(is_in("activity", self.dirty)),
                    school_statuses=statuses,
                    locations=base.tables.locations,
                )
            )
            previous = pl.concat([previous, fresh])
        entities = frame_of((r for a, r in sorted(self.added.items()) if self.acts.get(a)), ENTITY_SCHEMA)
        patch = Patch(
            changed, activities, responsible, previous.sort("activity", maintain_order=True), entities
        )
        return PlanState(base, patch, statuses, self.structure, MappingProxyType(self.overrides))
