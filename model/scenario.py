"""What-if scenarios: operations on the plan, applied to its frames, never to the baseline.

A scenario is an ordered list of operations and a cursor: the operations before the cursor are applied,
those after it are the redo tail. Operations work on the frames of `model.workload.Tables`, never on
the graph. A `PlanState` is the baseline's frames (read from the graph once; indexes are built on first
use) with a patch laid over them: the rows of the activities a scenario changed, with their fan-out
expanded again by `assignments_from_tables`. Applying a scenario therefore costs what it touches, not
what the country holds, and the baseline and every other state stay as they were.

An operation that names an unknown activity, executor, school or roadmap yields an `Issue` (its `row`
is the operation's number in the scenario, from 1), never an exception; what it can do, it does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeAlias

import networkx as nx
import polars as pl

from model.deadlines import DeadlineKind, parse_deadline
from model.entities import EXECUTOR_KINDS, NodeKind, SchoolStatusKind
from model.issues import Issue, Severity
from model.relations import EdgeKind, FanOut
from model.territory import ancestors
from model.workload import (
    ACTIVITY_TABLE_SCHEMA,
    ASSIGNMENT_SCHEMA,
    ENTITY_SCHEMA,
    RESPONSIBLE_SCHEMA,
    SCHOOL_STATUS_SCHEMA,
    Tables,
    assignments_from_tables,
    capacities_from_entities,
    graph_tables,
)

STRUCTURE_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "kind": pl.String(),
    "target": pl.String(),
}
"""The edges a chain climbs that a scenario may move: `coordinates` and `subordinate_to`."""

ROADMAP_SCHEMA: dict[str, pl.DataType] = {
    "roadmap": pl.String(),
    "issuer": pl.String(),
    "plan_start": pl.Date(),
    "plan_end": pl.Date(),
}
"""Every roadmap with its issuer and plan window (to read the deadline of an added activity)."""

Window: TypeAlias = tuple[date, date]
_ActRow: TypeAlias = tuple[Any, ...]  # ACTIVITY_TABLE_SCHEMA order
_RespRow: TypeAlias = tuple[str, str, bool, str | None]  # activity, executor, lead, fan_out

_EXECUTORS = frozenset(str(k) for k in EXECUTOR_KINDS)
_COORDINATED = frozenset(
    str(k)
    for k in (
        NodeKind.ROADMAP,
        NodeKind.SCHOOL,
        NodeKind.GROUP,
        NodeKind.TERRITORY,
        NodeKind.AUTHORITY,
        NodeKind.INSTITUTE,
    )
)
_COORDINATORS = frozenset(str(k) for k in (NodeKind.PERSON, NodeKind.AUTHORITY, NodeKind.INSTITUTE))
_ORGS = frozenset(str(k) for k in (NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.SCHOOL, NodeKind.GROUP))
_SUPERIORS = frozenset(str(k) for k in (NodeKind.AUTHORITY, NodeKind.INSTITUTE))
_ACTIVITY = str(NodeKind.ACTIVITY)
_TERRITORY = str(NodeKind.TERRITORY)
_SCHOOL = str(NodeKind.SCHOOL)
_STATUSES = frozenset(str(s) for s in SchoolStatusKind)
KIND_NAMES: dict[str, str] = {
    str(NodeKind.TERRITORY): "территория",
    str(NodeKind.AUTHORITY): "орган управления образованием",
    str(NodeKind.INSTITUTE): "организация",
    str(NodeKind.PERSON): "человек",
    str(NodeKind.GROUP): "рабочая группа",
    str(NodeKind.SCHOOL): "школа",
    str(NodeKind.ROADMAP): "дорожная карта",
    str(NodeKind.ACTIVITY): "мероприятие",
}
"""Node kinds as a person names them."""

_EXECUTOR_MISSING = "Исполнитель «{node}» не найден в данных"


# --- operations ---------------------------------------------------------------------------------------


class OperationKind(StrEnum):
    REASSIGN = "reassign"
    SHIFT_DEADLINE = "shift_deadline"
    SET_CAPACITY = "set_capacity"
    LIST_SCHOOL = "list_school"
    UNLIST_SCHOOL = "unlist_school"
    DROP_ACTIVITY = "drop_activity"
    ADD_ACTIVITY = "add_activity"
    MOVE_UNDER = "move_under"


class MoveEdge(StrEnum):
    """Which edge `MoveUnder` points elsewhere: who coordinates a node, or whom it is subordinate to."""

    COORDINATES = "coordinates"
    SUBORDINATE_TO = "subordinate_to"


@dataclass(frozen=True, slots=True)
class Reassign:
    """Hand activities from one executor to another: the listed ones, or all it carries in a period.

    With no `activities`, every activity `from_executor` carries directly whose window overlaps
    [`start`, `end`] is handed over (with neither bound: all of them, undated ones too). The whole
    activity moves; the new executor takes the old one's place in the cell (and its lead).
    """

    from_executor: str
    to_executor: str
    activities: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    kind: OperationKind = field(default=OperationKind.REASSIGN, init=False)


@dataclass(frozen=True, slots=True)
class ShiftDeadline:
    """Move the windows of activities by whole months, or so that the last one ends on a date.

    `to`: every window moves by the whole months between the last window's end and `to`, then the
    last window ends on `to` (a one-day window becomes that day). An undated activity moved `to` a
    date gets that day as its deadline.
    """

    activities: tuple[str, ...]
    months: int = 0
    to: date | None = None
    kind: OperationKind = field(default=OperationKind.SHIFT_DEADLINE, init=False)


@dataclass(frozen=True, slots=True)
class SetCapacity:
    """Set an executor's capacity (activities a month); None goes back to the figure of the data."""

    executor: str
    capacity: float | None
    kind: OperationKind = field(default=OperationKind.SET_CAPACITY, init=False)


@dataclass(frozen=True, slots=True)
class ListSchool:
    """Put a school on the list of an academic year (2021 means 2021/22) with a status."""

    school: str
    year: int
    status: str = SchoolStatusKind.LOW_RESULTS.value
    kind: OperationKind = field(default=OperationKind.LIST_SCHOOL, init=False)


@dataclass(frozen=True, slots=True)
class UnlistSchool:
    """Take a school off the list of an academic year."""

    school: str
    year: int
    kind: OperationKind = field(default=OperationKind.UNLIST_SCHOOL, init=False)


@dataclass(frozen=True, slots=True)
class DropActivity:
    """Remove an activity from the plan."""

    activity: str
    kind: OperationKind = field(default=OperationKind.DROP_ACTIVITY, init=False)


@dataclass(frozen=True, slots=True)
class AddActivity:
    """Add an activity to a roadmap, with a deadline as written (read like a cell) or explicit windows.

    An executor that is a territory stands for every body of `fan_out` in it («ОО» is `schools`). The
    id is `activity` when given, else `{roadmap}#+{n}` with the first free n.
    """

    roadmap: str
    text: str
    deadline: str = ""
    windows: tuple[Window, ...] = ()
    executors: tuple[str, ...] = ()
    weight: float = 1.0
    fan_out: str = FanOut.SCHOOLS.value
    activity: str = ""
    kind: OperationKind = field(default=OperationKind.ADD_ACTIVITY, init=False)


@dataclass(frozen=True, slots=True)
class MoveUnder:
    """Put a school or a body under another coordinator, or make it subordinate to another body.

    `previous`, when given, is the only coordinator (or superior) replaced; else all of them are.
    """

    node: str
    to: str
    edge: str = MoveEdge.COORDINATES.value
    previous: str = ""
    kind: OperationKind = field(default=OperationKind.MOVE_UNDER, init=False)


Operation: TypeAlias = (
    Reassign
    | ShiftDeadline
    | SetCapacity
    | ListSchool
    | UnlistSchool
    | DropActivity
    | AddActivity
    | MoveUnder
)
OPERATION_TYPES: dict[OperationKind, type[Any]] = {
    OperationKind.REASSIGN: Reassign,
    OperationKind.SHIFT_DEADLINE: ShiftDeadline,
    OperationKind.SET_CAPACITY: SetCapacity,
    OperationKind.LIST_SCHOOL: ListSchool,
    OperationKind.UNLIST_SCHOOL: UnlistSchool,
    OperationKind.DROP_ACTIVITY: DropActivity,
    OperationKind.ADD_ACTIVITY: AddActivity,
    OperationKind.MOVE_UNDER: MoveUnder,
}


# --- the scenario -------------------------------------------------------------------------------------

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


# --- the state ----------------------------------------------------------------------------------------


def _empty(schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=dict(schema))


def _frame(rows: Iterable[Sequence[Any]], schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=dict(schema), orient="row")


def _sorted_by(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    return frame if frame[column].is_sorted() else frame.sort(column, maintain_order=True)


def _take(frame: pl.DataFrame, column: str, keys: Collection[str]) -> pl.DataFrame:
    """Return the rows of a frame sorted by `column` whose value is one of the keys (binary search)."""
    if not keys or frame.is_empty():
        return frame.clear()
    wanted = pl.Series(sorted(keys), dtype=pl.String())
    values = frame[column]
    lo = values.search_sorted(wanted, "left")
    hi = values.search_sorted(wanted, "right")
    index = pl.int_ranges(lo, hi, eager=True).explode().drop_nulls()
    return frame[index] if index.len() else frame.clear()


def _is_in(column: str, values: Collection[str]) -> pl.Expr:
    return pl.col(column).is_in(sorted(values))


@dataclass(frozen=True, eq=False)
class Baseline:
    """The plan as read from the graph, shared by every state made from it; never changed.

    Frames are sorted by their key (`tables.activities`, `tables.responsible` and `assignments` by
    activity, `tables.entities` by node); the other orders a scenario needs are built by `prepare`
    (which `baseline_state` calls) or on first use.
    """

    tables: Tables
    assignments: pl.DataFrame
    structure: pl.DataFrame
    roadmaps: pl.DataFrame
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def prepare(self) -> Baseline:
        """Build every index a scenario reads now (else each is built on first use); return self."""
        self.by_executor()
        self.responsible_by_executor()
        self.kinds()
        self.bodies()
        self.ancestors()
        self.plans()
        return self

    def by_executor(self) -> pl.DataFrame:
        """Return the assignments sorted by executor."""
        frame: pl.DataFrame = self._cached(
            "by_executor", lambda: self.assignments.sort("executor", maintain_order=True)
        )
        return frame

    def responsible_by_executor(self) -> pl.DataFrame:
        """Return the responsibilities sorted by executor."""
        frame: pl.DataFrame = self._cached(
            "responsible_by_executor", lambda: self.tables.responsible.sort("executor", maintain_order=True)
        )
        return frame

    def kinds(self) -> dict[str, str]:
        """Return the kind of every node that is not an activity."""
        kinds: dict[str, str] = self._cached(
            "kinds",
            lambda: dict(
                self.tables.entities.filter(pl.col("kind") != _ACTIVITY).select("node", "kind").iter_rows()
            ),
        )
        return kinds

    def bodies(self) -> pl.DataFrame:
        """Return the entities that are not activities (what fan-out expansion reads)."""
        frame: pl.DataFrame = self._cached(
            "bodies", lambda: self.tables.entities.filter(pl.col("kind") != _ACTIVITY)
        )
        return frame

    def has_activity(self, activity: str) -> bool:
        """Tell whether the baseline holds an activity (binary search)."""
        ids = self.tables.activities["activity"]
        at = ids.search_sorted(activity, "left")
        return bool(at < ids.len() and ids[at] == activity)

    def ancestors(self) -> pl.DataFrame:
        """Return every (node, territory) pair where the node lies in the territory, at any depth."""
        frame: pl.DataFrame = self._cached("ancestors", lambda: ancestors(self.tables.locations))
        return frame

    def territories_of(self, node: str) -> list[str]:
        """Return the territories a node lies in, at any depth."""
        above = self.ancestors()
        return above.filter(pl.col("node") == node)["territory"].to_list()

    def plans(self) -> dict[str, tuple[str | None, date | None, date | None]]:
        """Return each roadmap's issuer and plan window."""
        plans: dict[str, tuple[str | None, date | None, date | None]] = self._cached(
            "plans", lambda: {r: (i, s, e) for r, i, s, e in self.roadmaps.iter_rows()}
        )
        return plans


@dataclass(frozen=True, eq=False)
class Patch:
    """What a scenario changed: the rows of every activity it touched, in place of the baseline's."""

    changed: frozenset[str] = frozenset()
    activities: pl.DataFrame = field(default_factory=lambda: _empty(ACTIVITY_TABLE_SCHEMA))
    responsible: pl.DataFrame = field(default_factory=lambda: _empty(RESPONSIBLE_SCHEMA))
    assignments: pl.DataFrame = field(default_factory=lambda: _empty(ASSIGNMENT_SCHEMA))
    entities: pl.DataFrame = field(default_factory=lambda: _empty(ENTITY_SCHEMA))
    """Entity rows of the activities the scenario added."""


@dataclass(frozen=True, eq=False)
class PlanState:
    """The plan a page shows: a baseline with a scenario's patch, school lists, structure and capacities.

    Read it through the methods: they combine the baseline's rows with the patch's without building
    whole frames; `assignments` and `tables` build the whole frames (once) for pages that need them.
    """

    baseline: Baseline
    patch: Patch
    school_statuses: pl.DataFrame
    structure: pl.DataFrame
    capacity_overrides: Mapping[str, float]
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def changed(self) -> frozenset[str]:
        """Return the activities whose rows differ from the baseline's (dropped and added ones too)."""
        return self.patch.changed

    @property
    def assignments(self) -> pl.DataFrame:
        """Return every assignment of the plan (ASSIGNMENT_SCHEMA), in no particular order."""
        if "assignments" not in self._memo:
            base = self.baseline.assignments
            if self.changed:
                base = pl.concat([base.filter(~_is_in("activity", self.changed)), self.patch.assignments])
            self._memo["assignments"] = base
        frame: pl.DataFrame = self._memo["assignments"]
        return frame

    @property
    def tables(self) -> Tables:
        """Return the plan's whole tables, as `graph_tables` gives them for a graph."""
        if "tables" not in self._memo:
            t, p = self.baseline.tables, self.patch
            if not self.changed:
                self._memo["tables"] = dataclasses.replace(t, school_statuses=self.school_statuses)
            else:
                keep = ~_is_in("activity", self.changed)
                self._memo["tables"] = Tables(
                    entities=pl.concat([t.entities.filter(~_is_in("node", self.changed)), self._entities()]),
                    activities=pl.concat([t.activities.filter(keep), p.activities]),
                    responsible=pl.concat([t.responsible.filter(keep), p.responsible]),
                    school_statuses=self.school_statuses,
                    locations=t.locations,
                )
        tables: Tables = self._memo["tables"]
        return tables

    def _entities(self) -> pl.DataFrame:
        """Return the entity rows of the changed activities that still exist."""
        alive = set(self.patch.activities["activity"].to_list())
        kept = _take(
            self.baseline.tables.entities, "node", alive - set(self.patch.entities["node"].to_list())
        )
        return pl.concat([kept, self.patch.entities.filter(_is_in("node", alive))])

    def assignments_of_activities(self, activities: Collection[str]) -> pl.DataFrame:
        """Return the assignments of some activities (ASSIGNMENT_SCHEMA)."""
        wanted = set(activities)
        mine = wanted & self.changed
        return pl.concat(
            [
                _take(self.baseline.assignments, "activity", wanted - mine),
                self.patch.assignments.filter(_is_in("activity", mine)),
            ]
        )

    def assignments_of_executors(self, executors: Collection[str]) -> pl.DataFrame:
        """Return the assignments some executors carry (ASSIGNMENT_SCHEMA)."""
        rows = _take(self.baseline.by_executor(), "executor", set(executors))
        if not self.changed:
            return rows
        return pl.concat(
            [
                rows.filter(~_is_in("activity", self.changed)),
                self.patch.assignments.filter(_is_in("executor", set(executors))),
            ]
        )

    def activity_rows(self, activities: Collection[str]) -> pl.DataFrame:
        """Return the occurrence windows of some activities (ACTIVITY_TABLE_SCHEMA)."""
        wanted = set(activities)
        mine = wanted & self.changed
        return pl.concat(
            [
                _take(self.baseline.tables.activities, "activity", wanted - mine),
                self.patch.activities.filter(_is_in("activity", mine)),
            ]
        )

    def entity_rows(self, nodes: Collection[str]) -> pl.DataFrame:
        """Return the entity rows of some nodes, added activities included (ENTITY_SCHEMA)."""
        wanted = set(nodes)
        added = self.patch.entities.filter(_is_in("node", wanted))
        found = _take(self.baseline.tables.entities, "node", wanted - set(added["node"].to_list()))
        return pl.concat([found, added])

    def names(self, nodes: Collection[str]) -> dict[str, str]:
        """Return the names of some nodes; an unknown node is left out."""
        return dict(self.entity_rows(nodes).select("node", "name").iter_rows())

    def capacities(self, executors: Collection[str] | None = None) -> pl.DataFrame:
        """Return the capacity of some executors (all when None) with the state's overrides."""
        entities = self.baseline.bodies() if executors is None else self.entity_rows(executors)
        return capacities_from_entities(entities, self.capacity_overrides)


@dataclass(frozen=True, eq=False)
class Applied:
    """A state a scenario's operations made, with the issues they raised."""

    state: PlanState
    issues: tuple[Issue, ...] = ()


def _structure_of(G: nx.MultiDiGraph) -> pl.DataFrame:
    kinds = {EdgeKind.COORDINATES, EdgeKind.SUBORDINATE_TO}
    rows = {(u, str(k), v) for u, v, k in G.edges(data="kind") if k in kinds}
    return _frame(sorted(rows), STRUCTURE_SCHEMA)


def _roadmaps_of(G: nx.MultiDiGraph) -> pl.DataFrame:
    rows = []
    for node, entity in G.nodes(data="entity"):
        if entity.kind == NodeKind.ROADMAP:
            issuer = entity.issuer or next(
                (v for _, v, k in G.out_edges(node, data="kind") if k == EdgeKind.ISSUED_BY), None
            )
            rows.append((node, issuer, entity.plan_start, entity.plan_end))
    return _frame(sorted(rows, key=lambda r: r[0]), ROADMAP_SCHEMA)


def baseline_state(
    G: nx.MultiDiGraph, capacity_overrides: Mapping[str, float] | None = None, *, prepare: bool = True
) -> PlanState:
    """Return the plan as the graph holds it: the state every scenario starts from (indexes built).

    >>> from model.graph import build_graph
    >>> baseline_state(build_graph([], [])[0]).changed
    frozenset()
    """
    tables = graph_tables(G)
    return state_from_tables(
        tables,
        structure=_structure_of(G),
        roadmaps=_roadmaps_of(G),
        capacity_overrides=capacity_overrides,
        prepare=prepare,
    )


def state_from_tables(
    tables: Tables,
    *,
    structure: pl.DataFrame | None = None,
    roadmaps: pl.DataFrame | None = None,
    capacity_overrides: Mapping[str, float] | None = None,
    assignments: pl.DataFrame | None = None,
    prepare: bool = True,
) -> PlanState:
    """Return a baseline state from plain tables (and their assignments, when already expanded).

    `prepare` builds the indexes scenarios read now, once for every scenario applied to this state.
    """
    tables = Tables(
        entities=_sorted_by(tables.entities, "node"),
        activities=_sorted_by(tables.activities, "activity"),
        responsible=_sorted_by(tables.responsible, "activity"),
        school_statuses=tables.school_statuses,
        locations=tables.locations,
    )
    if assignments is None:
        assignments = assignments_from_tables(tables)
    if roadmaps is None:
        roadmaps = (
            tables.activities.group_by("roadmap")
            .agg(pl.col("issuer").first(), pl.col("plan_start").first())
            .with_columns(plan_end=pl.lit(None, pl.Date()))
            .select(list(ROADMAP_SCHEMA))
            .sort("roadmap")
        )
    baseline = Baseline(
        tables=tables,
        assignments=_sorted_by(assignments, "activity"),
        structure=_empty(STRUCTURE_SCHEMA) if structure is None else structure,
        roadmaps=roadmaps,
    )
    if prepare:
        baseline.prepare()
    return PlanState(
        baseline=baseline,
        patch=Patch(),
        school_statuses=tables.school_statuses,
        structure=baseline.structure,
        capacity_overrides=MappingProxyType(dict(capacity_overrides or {})),
    )


# --- applying -----------------------------------------------------------------------------------------


def shift_months(day: date, months: int) -> date:
    """Return a day moved by whole months; the last day of a month stays the last day.

    >>> [shift_months(date(2020, 11, 30), 1), shift_months(date(2021, 1, 31), 1)]
    [datetime.date(2020, 12, 31), datetime.date(2021, 2, 28)]
    >>> shift_months(date(2020, 10, 15), -2)
    datetime.date(2020, 8, 15)
    """
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    last = _month_end(year, month).day
    at_end = day == _month_end(day.year, day.month)
    return date(year, month, last if at_end else min(day.day, last))


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _overlaps(start: date | None, end: date | None, low: date | None, high: date | None) -> bool:
    if start is None or end is None:
        return low is None and high is None
    return (high is None or start <= high) and (low is None or end >= low)


class _Work:
    """The mutable working copy of one application: dicts of the rows of the activities touched."""

    def __init__(self, state: PlanState) -> None:
        self.state = state
        self.base = state.baseline
        patch = state.patch
        self.acts: dict[str, list[_ActRow]] = {a: [] for a in patch.changed}
        for row in patch.activities.iter_rows():
            self.acts[row[0]].append(row)
        self.resp: dict[str, list[_RespRow]] = {a: [] for a in patch.changed}
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
        kind = self.base.kinds().get(node)
        if kind is None and self.has_activity(node):
            return _ACTIVITY
        return kind

    def has_activity(self, activity: str) -> bool:
        if activity in self.acts:
            return bool(self.acts[activity])
        return self.base.has_activity(activity)

    def touch(self, activities: Collection[str]) -> None:
        """Copy the baseline rows of activities into the working dicts and mark them for expansion."""
        fresh = {a for a in activities if a not in self.acts}
        if fresh:
            for a in fresh:
                self.acts[a], self.resp[a] = [], []
            for row in _take(self.base.tables.activities, "activity", fresh).iter_rows():
                self.acts[row[0]].append(row)
            for a, executor, lead, fan_out in _take(
                self.base.tables.responsible, "activity", fresh
            ).iter_rows():
                self.resp[a].append((a, executor, lead, fan_out))
        self.dirty.update(activities)

    def carried_by(self, executors: Collection[str], fan_out: str | None = "") -> set[str]:
        """Return the activities the executors carry by name (fan_out ""), any way (None) or by a fan-out."""

        def fits(value: str | None) -> bool:
            return fan_out is None or value == (fan_out or None)

        base = _take(self.base.responsible_by_executor(), "executor", set(executors))
        found = {a for a, _, _, f in base.iter_rows() if a not in self.acts and fits(f)}
        for a, rows in self.resp.items():
            if any(r[1] in executors and fits(r[3]) for r in rows):
                found.add(a)
        return found

    def status_map(self) -> dict[tuple[str, int], str]:
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
            message = f"«{node}» — {KIND_NAMES.get(kind, kind)}; здесь подходит только: {wanted}"
            self.issue("scenario-wrong-kind", message, Severity.ERROR, column)
        return False

    # finishing

    def finish(self) -> PlanState:
        base, state = self.base, self.state
        statuses = state.school_statuses
        if self.statuses is not None:
            statuses = _frame(
                sorted((s, y, st) for (s, y), st in self.statuses.items()), SCHOOL_STATUS_SCHEMA
            )
        if not self.acts and self.structure is state.structure and self.statuses is None:
            return dataclasses.replace(state, capacity_overrides=MappingProxyType(self.overrides), _memo={})
        changed = frozenset(self.acts)
        activities = _frame((r for a in sorted(changed) for r in self.acts[a]), ACTIVITY_TABLE_SCHEMA)
        responsible = _frame((r for a in sorted(changed) for r in self.resp[a]), RESPONSIBLE_SCHEMA)
        previous = state.patch.assignments.filter(~_is_in("activity", self.dirty))
        if self.dirty:
            fresh = assignments_from_tables(
                Tables(
                    entities=base.bodies(),
                    activities=activities.filter(_is_in("activity", self.dirty)),
                    responsible=responsible.filter(_is_in("activity", self.dirty)),
                    school_statuses=statuses,
                    locations=base.tables.locations,
                )
            )
            previous = pl.concat([previous, fresh])
        entities = _frame((r for a, r in sorted(self.added.items()) if self.acts.get(a)), ENTITY_SCHEMA)
        patch = Patch(
            changed, activities, responsible, previous.sort("activity", maintain_order=True), entities
        )
        return PlanState(base, patch, statuses, self.structure, MappingProxyType(self.overrides))


def apply_operations(state: PlanState, operations: Iterable[Operation]) -> Applied:
    """Return the state with the operations applied in order, and the issues they raised.

    >>> from model.graph import build_graph
    >>> applied = apply_operations(baseline_state(build_graph([], [])[0]), [DropActivity("act:x")])
    >>> [i.code for i in applied.issues]
    ['scenario-unknown-activity']
    """
    work = _Work(state)
    for number, operation in enumerate(operations, start=1):
        work.number = number
        _APPLY[operation.kind](work, operation)
    return Applied(work.finish(), tuple(work.issues))


def apply_scenario(state: PlanState, scenario: Scenario) -> Applied:
    """Return the state with a scenario's active operations applied."""
    return apply_operations(state, scenario.active)


def _existing(work: _Work, activities: Iterable[str], column: str = "activities") -> list[str]:
    found = []
    for a in dict.fromkeys(activities):
        if work.has_activity(a):
            found.append(a)
        else:
            work.issue("scenario-unknown-activity", f"Мероприятие «{a}» не найдено", Severity.WARNING, column)
    return found


def _reassign(work: _Work, op: Reassign) -> None:
    giver, taker = op.from_executor, op.to_executor
    ok = work.known(
        giver, _EXECUTORS | {_TERRITORY}, "scenario-unknown-executor", _EXECUTOR_MISSING, "from_executor"
    )
    ok = work.known(taker, _EXECUTORS, "scenario-unknown-executor", _EXECUTOR_MISSING, "to_executor") and ok
    if not ok:
        return
    if giver == taker:
        work.issue("scenario-same-executor", "Мероприятия передаются тому же исполнителю", Severity.INFO)
        return
    by_fan_out = work.kind(giver) == _TERRITORY
    carried = work.carried_by([giver], None if by_fan_out else "")
    if op.activities:
        chosen = _existing(work, op.activities)
        for a in chosen:
            if a not in carried:
                work.issue(
                    "scenario-not-carried", _not_carried(work, giver, a), Severity.WARNING, "activities"
                )
        chosen = [a for a in chosen if a in carried]
    else:
        chosen = sorted(carried)
        if op.start is not None or op.end is not None:
            windows: dict[str, list[_ActRow]] = {}
            for r in work.state.activity_rows([a for a in chosen if a not in work.acts]).iter_rows():
                windows.setdefault(r[0], []).append(r)
            for a in chosen:
                if a in work.acts:
                    windows[a] = work.acts[a]
            chosen = [
                a for a in chosen if any(_overlaps(r[7], r[8], op.start, op.end) for r in windows.get(a, []))
            ]
        if not chosen:
            work.issue("scenario-empty-selection", _not_carried(work, giver, None), Severity.WARNING)
    work.touch(chosen)
    for a in chosen:
        rows = work.resp[a]
        lead = any(r[2] for r in rows if r[1] == giver)
        kept: list[_RespRow] = []
        placed = any(r[1] == taker and r[3] is None for r in rows)
        for r in rows:
            if r[1] == giver:
                if not placed:
                    kept.append((a, taker, lead, None))
                    placed = True
            elif r[1] == taker and r[3] is None:
                kept.append((a, taker, r[2] or lead, None))
            else:
                kept.append(r)
        work.resp[a] = kept


def _not_carried(work: _Work, executor: str, activity: str | None) -> str:
    who = work.label(executor)
    fanned = work.state.assignments_of_executors([executor]).filter(pl.col("via").is_not_null())
    if activity is not None:
        what = work.label(activity)
        if activity in set(fanned["activity"].to_list()):
            return (
                f"«{who}» несёт мероприятие «{what}» как одна из школ «ОО»; передайте всю "
                "территорию или исключите школу из списка"
            )
        return f"«{who}» не указан(а) исполнителем мероприятия «{what}»"
    if not fanned.is_empty():
        return f"«{who}» несёт мероприятия только как одна из школ «ОО»; передавать нечего"
    return f"У «{who}» нет мероприятий в выбранный период"


def _shift(work: _Work, op: ShiftDeadline) -> None:
    if not op.months and op.to is None:
        work.issue(
            "scenario-no-shift",
            "Не указано, на сколько месяцев или на какую дату сдвинуть срок",
            Severity.INFO,
        )
        return
    chosen = _existing(work, op.activities)
    work.touch(chosen)
    for a in chosen:
        rows = work.acts[a]
        dated = [r for r in rows if r[7] is not None]
        if not dated:
            if op.to is None:
                work.issue(
                    "scenario-undated",
                    f"У мероприятия «{work.label(a)}» нет срока: сдвигать нечего",
                    Severity.WARNING,
                )
                continue
            head = rows[0]
            work.acts[a] = [(*head[:5], str(DeadlineKind.DATE), 0, op.to, op.to)]
            continue
        months = op.months
        if op.to is not None:
            months = _months_between(max(r[8] for r in dated), op.to)
        moved = [(*r[:7], shift_months(r[7], months), shift_months(r[8], months)) for r in dated]
        if op.to is not None:
            last = max(range(len(moved)), key=lambda i: moved[i][8])
            start, end = moved[last][7], moved[last][8]
            start = op.to if start == end or start > op.to else start
            moved[last] = (*moved[last][:7], start, op.to)
        work.acts[a] = moved


def _set_capacity(work: _Work, op: SetCapacity) -> None:
    if not work.known(op.executor, _EXECUTORS, "scenario-unknown-executor", _EXECUTOR_MISSING, "executor"):
        return
    if op.capacity is None:
        work.overrides.pop(op.executor, None)
    elif not op.capacity >= 0:
        work.issue(
            "scenario-bad-capacity",
            f"Мощность должна быть неотрицательным числом, а не {op.capacity}",
            Severity.ERROR,
            "capacity",
        )
    else:
        work.overrides[op.executor] = float(op.capacity)


def _relist(work: _Work, school: str, year: int, status: str | None) -> None:
    if not work.known(
        school, {_SCHOOL}, "scenario-unknown-school", "Школа «{node}» не найдена в данных", "school"
    ):
        return
    if status is not None and status not in _STATUSES:
        allowed = ", ".join(f"«{s}»" for s in sorted(_STATUSES))
        work.issue(
            "scenario-bad-status",
            f"Статус «{status}» неизвестен; возможны {allowed}",
            Severity.ERROR,
            "status",
        )
        return
    statuses = work.status_map()
    if statuses.get((school, year)) == status:
        said = "уже в списке" if status else "не в списке"
        work.issue(
            "scenario-no-change",
            f"Школа «{work.label(school)}» {said} на {year}/{(year + 1) % 100:02d} учебный год",
            Severity.INFO,
        )
        return
    if status is None:
        del statuses[(school, year)]
    else:
        statuses[(school, year)] = status
    # Its fanned-out activities follow: every «ОО» on a territory above the school is expanded again.
    territories = work.base.territories_of(school)
    work.touch(work.carried_by(territories, str(FanOut.SCHOOLS)))


def _list_school(work: _Work, op: ListSchool) -> None:
    _relist(work, op.school, op.year, op.status)


def _unlist_school(work: _Work, op: UnlistSchool) -> None:
    _relist(work, op.school, op.year, None)


def _drop(work: _Work, op: DropActivity) -> None:
    if not _existing(work, [op.activity], "activity"):
        return
    work.touch([op.activity])
    work.acts[op.activity], work.resp[op.activity] = [], []


def _add(work: _Work, op: AddActivity) -> None:
    if not work.known(
        op.roadmap,
        {str(NodeKind.ROADMAP)},
        "scenario-unknown-roadmap",
        "Дорожная карта «{node}» не найдена в данных",
        "roadmap",
    ):
        return
    if not op.weight > 0:
        work.issue(
            "scenario-bad-weight",
            f"Трудоёмкость должна быть больше нуля, а не {op.weight}",
            Severity.ERROR,
            "weight",
        )
        return
    try:
        fan_out = FanOut(op.fan_out)
    except ValueError:
        work.issue("scenario-bad-fan-out", f"Неизвестный охват «{op.fan_out}»", Severity.ERROR, "fan_out")
        return
    activity = op.activity or _free_id(work, op.roadmap)
    if work.has_activity(activity):
        work.issue(
            "scenario-duplicate-activity", f"Мероприятие «{activity}» уже есть", Severity.ERROR, "activity"
        )
        return
    issuer, plan_start, plan_end = work.base.plans().get(op.roadmap, (None, None, None))
    if op.windows:
        windows = tuple(sorted(op.windows))
        kind = DeadlineKind.PERIOD if len(windows) == 1 else DeadlineKind.SEVERAL
    else:
        deadline = parse_deadline(op.deadline, plan_start, plan_end)
        windows, kind = deadline.occurrences, deadline.kind
        if op.deadline and not windows:
            work.issue(
                "scenario-undated",
                f"Срок «{op.deadline}» прочитан без дат: мероприятие будет «без срока»",
                Severity.INFO,
                "deadline",
            )
    head = (activity, op.roadmap, issuer, plan_start, float(op.weight), str(kind))
    work.acts[activity] = (
        [(*head, i, s, e) for i, (s, e) in enumerate(windows)] if windows else [(*head, 0, None, None)]
    )
    refs: list[_RespRow] = []
    for executor in dict.fromkeys(op.executors):
        if work.known(
            executor, _EXECUTORS | {_TERRITORY}, "scenario-unknown-executor", _EXECUTOR_MISSING, "executors"
        ):
            fan = str(fan_out) if work.kind(executor) == _TERRITORY else None
            refs.append((activity, executor, not refs, fan))
    work.resp[activity] = refs
    work.added[activity] = (activity, _ACTIVITY, None, op.text, None)
    work.dirty.add(activity)


def _free_id(work: _Work, roadmap: str) -> str:
    n = 1
    while work.has_activity(f"{roadmap}#+{n}") or f"{roadmap}#+{n}" in work.acts:
        n += 1
    return f"{roadmap}#+{n}"


def _move_under(work: _Work, op: MoveUnder) -> None:
    try:
        edge = MoveEdge(op.edge)
    except ValueError:
        work.issue("scenario-bad-edge", f"Неизвестная связь «{op.edge}»", Severity.ERROR, "edge")
        return
    if edge == MoveEdge.COORDINATES:
        ok = work.known(
            op.node, _COORDINATED, "scenario-unknown-node", "Объект «{node}» не найден в данных", "node"
        )
        ok = (
            work.known(
                op.to, _COORDINATORS, "scenario-unknown-node", "Координатор «{node}» не найден в данных", "to"
            )
            and ok
        )
    else:
        ok = work.known(
            op.node, _ORGS, "scenario-unknown-node", "Организация «{node}» не найдена в данных", "node"
        )
        ok = (
            work.known(
                op.to, _SUPERIORS, "scenario-unknown-node", "Организация «{node}» не найдена в данных", "to"
            )
            and ok
        )
    if not ok:
        return
    if op.node == op.to:
        work.issue("scenario-self", "Объект не может быть подчинён сам себе", Severity.ERROR, "to")
        return
    s = work.structure
    if edge == MoveEdge.COORDINATES:
        mine = (pl.col("kind") == str(EdgeKind.COORDINATES)) & (pl.col("target") == op.node)
        other = "source"
    else:
        mine = (pl.col("kind") == str(EdgeKind.SUBORDINATE_TO)) & (pl.col("source") == op.node)
        other = "target"
    current = s.filter(mine)[other].to_list()
    if op.previous and op.previous not in current:
        work.issue(
            "scenario-not-linked",
            f"«{work.label(op.previous)}» не связан(а) так с «{work.label(op.node)}»",
            Severity.WARNING,
            "previous",
        )
    if current == [op.to] or (op.previous and op.previous not in current and op.to in current):
        work.issue(
            "scenario-no-change",
            f"«{work.label(op.node)}» уже связан(а) с «{work.label(op.to)}»",
            Severity.INFO,
        )
        return
    gone = mine & (pl.col(other) == op.previous) if op.previous else mine
    gone = gone | (mine & (pl.col(other) == op.to))
    pair = (op.to, str(edge), op.node) if edge == MoveEdge.COORDINATES else (op.node, str(edge), op.to)
    work.structure = pl.concat([s.filter(~gone), _frame([pair], STRUCTURE_SCHEMA)]).sort(
        "source", "kind", "target"
    )


_APPLY: dict[OperationKind, Callable[[_Work, Any], None]] = {
    OperationKind.REASSIGN: _reassign,
    OperationKind.SHIFT_DEADLINE: _shift,
    OperationKind.SET_CAPACITY: _set_capacity,
    OperationKind.LIST_SCHOOL: _list_school,
    OperationKind.UNLIST_SCHOOL: _unlist_school,
    OperationKind.DROP_ACTIVITY: _drop,
    OperationKind.ADD_ACTIVITY: _add,
    OperationKind.MOVE_UNDER: _move_under,
}


# --- JSON -----------------------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def operation_to_json(operation: Operation) -> dict[str, Any]:
    """Return an operation as a JSON-ready mapping: `kind` first, then its fields (dates as ISO text).

    >>> operation_to_json(ShiftDeadline(("act:1",), months=5))
    {'kind': 'shift_deadline', 'activities': ['act:1'], 'months': 5, 'to': None}
    """
    out: dict[str, Any] = {"kind": str(operation.kind)}
    for f in dataclasses.fields(operation):
        if f.name != "kind":
            out[f.name] = _json_value(getattr(operation, f.name))
    return out


class _Bad(ValueError):
    """A field of an operation's JSON that cannot be read."""


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _Bad(f"ожидается дата ГГГГ-ММ-ДД, а не {value!r}")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _Bad(f"ожидается строка, а не {value!r}")


def _number(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise _Bad(f"ожидается число, а не {value!r}")


def _whole(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise _Bad(f"ожидается целое число, а не {value!r}")


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(_text(v) for v in value)
    raise _Bad(f"ожидается список строк, а не {value!r}")


def _windows(value: Any) -> tuple[Window, ...]:
    if not isinstance(value, list | tuple):
        raise _Bad(f"ожидается список окон [начало, конец], а не {value!r}")
    out = []
    for pair in value:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise _Bad(f"окно — это пара дат [начало, конец], а не {pair!r}")
        start, end = _date(pair[0]), _date(pair[1])
        if start > end:
            raise _Bad(f"окно начинается позже, чем заканчивается: {pair!r}")
        out.append((start, end))
    return tuple(out)


def _optional(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None or value == "" else read(value)


_READERS: dict[str, Callable[[Any], Any]] = {
    "str": _text,
    "int": _whole,
    "float": _number,
    "float | None": _optional(_number),
    "date | None": _optional(_date),
    "tuple[str, ...]": _texts,
    "tuple[Window, ...]": _windows,
}


def operation_from_json(data: Any, number: int = 0) -> tuple[Operation | None, list[Issue]]:
    """Return the operation a JSON mapping describes, or None and the issues that stop it.

    `number` is the operation's place in its scenario (for the issues' `row`); unknown keys are ignored
    with an info issue.

    >>> operation_from_json({"kind": "drop_activity", "activity": "act:1"})
    (DropActivity(activity='act:1', kind=<OperationKind.DROP_ACTIVITY: 'drop_activity'>), [])
    >>> operation_from_json({"kind": "fly"})[1][0].code
    'scenario-bad-operation'
    """
    row = number or None
    if not isinstance(data, Mapping):
        return None, [
            Issue(
                "scenario-bad-operation",
                f"Операция должна быть объектом JSON, а не {data!r}",
                Severity.ERROR,
                row=row,
            )
        ]
    try:
        kind = OperationKind(str(data.get("kind")))
    except ValueError:
        known = ", ".join(str(k) for k in OperationKind)
        message = f"Неизвестный вид операции «{data.get('kind')}»; возможны: {known}"
        return None, [Issue("scenario-bad-operation", message, Severity.ERROR, row=row, column="kind")]
    cls = OPERATION_TYPES[kind]
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    for name, f in fields.items():
        if name not in data:
            if f.default is dataclasses.MISSING:
                issues.append(
                    Issue(
                        "scenario-bad-operation",
                        f"В операции «{kind}» нет поля «{name}»",
                        Severity.ERROR,
                        row=row,
                        column=name,
                    )
                )
            continue
        try:
            values[name] = _READERS[str(f.type)](data[name])
        except _Bad as error:
            issues.append(
                Issue(
                    "scenario-bad-operation", f"Поле «{name}»: {error}", Severity.ERROR, row=row, column=name
                )
            )
    extra = sorted(set(data) - set(fields) - {"kind"})
    if extra:
        issues.append(
            Issue(
                "scenario-unknown-field",
                f"Поля {', '.join(extra)} не используются в операции «{kind}»",
                Severity.INFO,
                row=row,
            )
        )
    if any(i.severity == Severity.ERROR for i in issues):
        return None, issues
    operation: Operation = cls(**values)
    return operation, issues


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


# --- words ----------------------------------------------------------------------------------------------


def plural(n: int, one: str, few: str, many: str) -> str:
    """Return the Russian form of a noun for a count.

    >>> [plural(n, "мероприятие", "мероприятия", "мероприятий") for n in (1, 3, 5, 21)]
    ['мероприятие', 'мероприятия', 'мероприятий', 'мероприятие']
    """
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def referenced_nodes(operation: Operation) -> list[str]:
    """Return the ids an operation names (to look up their names)."""
    found: list[str] = []
    for f in dataclasses.fields(operation):
        value = getattr(operation, f.name)
        if f.name in {"text", "deadline", "kind", "edge", "status", "fan_out"}:
            continue
        if isinstance(value, str) and value:
            found.append(value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            found.extend(value)
    return found


def names_of_operations(state: PlanState, operations: Iterable[Operation]) -> dict[str, str]:
    """Return the names of the nodes some operations mention (for `describe_operation`)."""
    return state.names({n for op in operations for n in referenced_nodes(op)})


def _day(d: date | None) -> str:
    return f"{d:%d.%m.%Y}" if d else "…"


def describe_operation(operation: Operation, names: Mapping[str, str] | None = None) -> str:
    """Return what an operation does, in Russian, naming things by the names given (else by id).

    >>> describe_operation(ShiftDeadline(("a", "b"), months=3))
    'Сдвинуть сроки 2 мероприятий на 3 мес. позже'
    """
    names = names or {}

    def n(node: str) -> str:
        return f"«{names.get(node, node)}»"

    def acts(ids: Sequence[str]) -> str:
        if len(ids) == 1:
            return f"мероприятие {n(ids[0])}"
        return f"{len(ids)} {plural(len(ids), 'мероприятие', 'мероприятия', 'мероприятий')}"

    op = operation
    if isinstance(op, Reassign):
        if op.activities:
            return f"Передать {acts(op.activities)} от {n(op.from_executor)} к {n(op.to_executor)}"
        period = f" за период {_day(op.start)} – {_day(op.end)}" if op.start or op.end else ""
        return f"Передать все мероприятия {n(op.from_executor)}{period} исполнителю {n(op.to_executor)}"
    if isinstance(op, ShiftDeadline):
        if len(op.activities) == 1:
            target = f"срок мероприятия {n(op.activities[0])}"
        else:
            k = len(op.activities)
            target = f"сроки {k} {plural(k, 'мероприятия', 'мероприятий', 'мероприятий')}"
        if op.to is not None:
            return f"Перенести {target} на {_day(op.to)}"
        direction = "позже" if op.months > 0 else "раньше"
        return f"Сдвинуть {target} на {abs(op.months)} мес. {direction}"
    if isinstance(op, SetCapacity):
        if op.capacity is None:
            return f"Вернуть мощность {n(op.executor)} по данным"
        whole = float(op.capacity).is_integer()
        word = (
            plural(int(op.capacity), "мероприятие", "мероприятия", "мероприятий") if whole else "мероприятия"
        )
        figure = f"{op.capacity:g}".replace(".", ",")
        return f"Установить мощность {n(op.executor)}: {figure} {word} в месяц"
    if isinstance(op, ListSchool | UnlistSchool):
        year = f"{op.year}/{(op.year + 1) % 100:02d} учебный год"
        if isinstance(op, UnlistSchool):
            return f"Исключить {n(op.school)} из списка на {year}"
        listed = "ШНОР" if op.status == SchoolStatusKind.LOW_RESULTS else f"«{op.status}»"
        return f"Включить {n(op.school)} в список {listed} на {year}"
    if isinstance(op, DropActivity):
        return f"Исключить мероприятие {n(op.activity)}"
    if isinstance(op, AddActivity):
        who = ", ".join(n(e) for e in op.executors) or "без исполнителя"
        when = op.deadline or ", ".join(f"{_day(s)} – {_day(e)}" for s, e in op.windows) or "без срока"
        return f"Добавить мероприятие «{op.text}» в {n(op.roadmap)}: {when}; исполнители: {who}"
    if op.edge == MoveEdge.SUBORDINATE_TO:
        return f"Подчинить {n(op.node)} организации {n(op.to)}"
    return f"Передать {n(op.node)} под координацию {n(op.to)}"
