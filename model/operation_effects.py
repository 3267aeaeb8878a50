"""What each what-if operation does to a working copy of the plan; `apply_operations` runs them in order.

Operations work on the frames of `model.tables.Tables`, never on the graph. An operation that names an
unknown activity, executor, school or roadmap yields an `Issue` (its `row` is the operation's number in
the scenario, from 1), never an exception; what it can do, it does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from model.deadline_calendar import (
    Window,
    month_end,
    months_between,
    overlaps_period,
    shift_months,
    split_by_period,
    within_period,
)
from model.deadlines import DeadlineKind, parse_deadline
from model.entities import EXECUTOR_KINDS, NodeKind, SchoolStatusKind, academic_year_name
from model.frames import frame_of
from model.ids import part_id
from model.issues import Issue, Severity
from model.operations import (
    AddActivity,
    DropActivity,
    ListSchool,
    MoveEdge,
    MoveUnder,
    Operation,
    OperationKind,
    Reassign,
    SetCapacity,
    ShiftDeadline,
    UnlistSchool,
)
from model.plan_state import STRUCTURE_SCHEMA, PlanState
from model.relations import EdgeKind, FanOut
from model.working_copy import ActivityRow, ResponsibleRow, WorkingCopy
from model.workload import is_capacity

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

PART_NAME = "{name} (часть {start:%d.%m.%Y}–{end:%d.%m.%Y})"
"""The name of a part a hand-over split off an activity, with the span of its windows."""
_EXECUTOR_MISSING = "Исполнитель «{node}» не найден в данных"


@dataclass(frozen=True, eq=False)
class Applied:
    """A state a scenario's operations made, with the issues they raised."""

    state: PlanState
    issues: tuple[Issue, ...] = ()


def apply_operations(state: PlanState, operations: Iterable[Operation]) -> Applied:
    """Return the state with the operations applied in order, and the issues they raised.

    >>> from model.graph import build_graph
    >>> from model.plan_state import baseline_state
    >>> applied = apply_operations(baseline_state(build_graph([], [])[0]), [DropActivity("act:x")])
    >>> [i.code for i in applied.issues]
    ['scenario-unknown-activity']
    """
    work = WorkingCopy(state)
    for number, operation in enumerate(operations, start=1):
        work.number = number
        _APPLY[operation.kind](work, operation)
    return Applied(work.finish(), tuple(work.issues))


def _existing(work: WorkingCopy, activities: Iterable[str], column: str = "activities") -> list[str]:
    found = []
    for a in dict.fromkeys(activities):
        if work.has_activity(a):
            found.append(a)
        else:
            work.issue("scenario-unknown-activity", f"Мероприятие «{a}» не найдено", Severity.WARNING, column)
    return found


def _reassign(work: WorkingCopy, op: Reassign) -> None:
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
    whole, cut = _chosen(work, op)
    work.touch([*whole, *cut])
    for a in whole:
        work.resp[a] = _handed(work.resp[a], giver, taker)
    for a in cut:
        _split_off(work, a, op)


def _handed(rows: list[ResponsibleRow], giver: str, taker: str) -> list[ResponsibleRow]:
    """Return an activity's executors with the taker in the giver's place (and lead)."""
    lead = any(r[2] for r in rows if r[1] == giver)
    kept: list[ResponsibleRow] = []
    placed = any(r[1] == taker and r[3] is None for r in rows)
    for r in rows:
        if r[1] == giver:
            if not placed:
                kept.append((r[0], taker, lead, None))
                placed = True
        elif r[1] == taker and r[3] is None:
            kept.append((r[0], taker, r[2] or lead, None))
        else:
            kept.append(r)
    return kept


def _split_off(work: WorkingCopy, activity: str, op: Reassign) -> None:
    """Cut an activity at the period's bounds: its windows in the period become a part the taker carries."""
    inside: list[ActivityRow] = []
    outside: list[ActivityRow] = []
    for r in work.acts[activity]:
        if r[7] is None or r[8] is None:
            outside.append(r)
            continue
        within, beyond = split_by_period(r[7], r[8], op.start, op.end)
        if within is not None:
            inside.append((*r[:7], *within))
        outside.extend((*r[:7], *w) for w in beyond)
    part = _free_part(work, activity)

    def numbered(rows: list[ActivityRow], node: str) -> list[ActivityRow]:
        ordered = sorted(rows, key=lambda r: (r[7], r[8]))
        return [(node, *r[1:6], i, *r[7:]) for i, r in enumerate(ordered)]

    work.acts[activity] = numbered(outside, activity)
    work.acts[part] = numbered(inside, part)
    work.resp[part] = _handed([(part, *r[1:]) for r in work.resp[activity]], op.from_executor, op.to_executor)
    first, last = min(r[7] for r in inside), max(r[8] for r in inside)
    name = PART_NAME.format(name=work.label(activity), start=first, end=last)
    work.added[part] = (part, _ACTIVITY, None, name, None)
    work.dirty.update((activity, part))


def _free_part(work: WorkingCopy, activity: str) -> str:
    n = 1
    while work.has_activity(part_id(activity, n)) or part_id(activity, n) in work.acts:
        n += 1
    return part_id(activity, n)


def reassigned_activities(state: PlanState, op: Reassign) -> list[str]:
    """Return the activities a reassignment would hand over in a state, wholly or (`split`) in part;
    none when it would change nothing.

    >>> from model.graph import build_graph
    >>> from model.plan_state import baseline_state
    >>> reassigned_activities(baseline_state(build_graph([], [])[0]), Reassign("a", "b"))
    []
    """
    work = WorkingCopy(state)
    if work.kind(op.from_executor) is None or op.from_executor == op.to_executor:
        return []
    whole, cut = _chosen(work, op)
    return sorted([*whole, *cut])


@dataclass(frozen=True)
class PeriodHandover:
    """What a hand-over by period takes from the old executor, as a form shows it before it is added."""

    whole: tuple[str, ...] = ()
    """The activities that run wholly in the period: they change hands whole."""
    straddling: tuple[str, ...] = ()
    """Those that run in the period and outside it too: left with the old executor, or (`split`) cut."""
    spans: Mapping[str, Window] = field(default_factory=dict)
    """What each hands over: its whole span, or for a cut one the span of its part in the period."""
    split: bool = False
    """Whether the straddling ones are cut (`Reassign.split`) or left."""

    @property
    def moves(self) -> bool:
        """Tell whether the hand-over changes anything."""
        return bool(self.whole or (self.straddling and self.split))


def period_handover(state: PlanState, op: Reassign) -> PeriodHandover:
    """Return what a hand-over by period (a bound given) takes of what it picks, read once.

    >>> from model.graph import build_graph
    >>> from model.plan_state import baseline_state
    >>> period_handover(baseline_state(build_graph([], [])[0]), Reassign("a", "b", end=date(2021, 1, 1)))
    PeriodHandover(whole=(), straddling=(), spans={}, split=False)
    """
    if op.start is None and op.end is None:
        return PeriodHandover(split=op.split)
    work = WorkingCopy(state)
    if work.kind(op.from_executor) is None:
        return PeriodHandover(split=op.split)
    windows = _windows(work, _selected(work, op))
    whole, straddling = _in_period(windows, op)
    spans: dict[str, Window] = {}
    for a in [*whole, *straddling]:
        dated = [(r[7], r[8]) for r in windows[a] if r[7] is not None and r[8] is not None]
        if op.split and a in straddling:
            dated = [w for w in (split_by_period(*d, op.start, op.end)[0] for d in dated) if w is not None]
        if dated:
            spans[a] = (min(s for s, _ in dated), max(e for _, e in dated))
    return PeriodHandover(tuple(whole), tuple(straddling), spans, op.split)


def _in_period(windows: Mapping[str, list[ActivityRow]], op: Reassign) -> tuple[list[str], list[str]]:
    """Return the activities that run wholly in the period, and those running in it and outside it too."""
    whole, straddling = [], []
    for a, rows in windows.items():
        if rows and all(within_period(r[7], r[8], op.start, op.end) for r in rows):
            whole.append(a)
        elif any(overlaps_period(r[7], r[8], op.start, op.end) for r in rows):
            straddling.append(a)
    return whole, straddling


def handover_month(
    state: PlanState, executor: str, day: date, split: bool = False
) -> tuple[date, date] | None:
    """Return the month nearest `day` (its first and last day) in which an activity the executor carries
    runs wholly (with `split`: runs at all), so that handing that month over moves something; None when
    there is no such month.

    >>> from model.graph import build_graph
    >>> from model.plan_state import baseline_state
    >>> handover_month(baseline_state(build_graph([], [])[0]), "inst:x", date(2020, 11, 5)) is None
    True
    """
    work = WorkingCopy(state)
    if work.kind(executor) is None:
        return None
    months: set[date] = set()
    for rows in _windows(work, _carried(work, executor)).values():
        dated = [(r[7].replace(day=1), r[8]) for r in rows if r[7] is not None and r[8] is not None]
        if split:
            months.update(shift_months(s, n) for s, e in dated for n in range(months_between(s, e) + 1))
        elif dated and len(dated) == len(rows):
            first, last = min(s for s, _ in dated), max(e for _, e in dated)
            if months_between(first, last) == 0:
                months.add(first)
    if not months:
        return None
    here = day.replace(day=1)
    best = min(months, key=lambda m: (abs(months_between(here, m)), m))
    return best, month_end(best.year, best.month)


def _carried(work: WorkingCopy, giver: str) -> list[str]:
    by_fan_out = work.kind(giver) == _TERRITORY
    return sorted(work.carried_by([giver], None if by_fan_out else ""))


def _windows(work: WorkingCopy, activities: list[str]) -> dict[str, list[ActivityRow]]:
    """Return the windows of some activities as the working copy has them, in the order given."""
    found: dict[str, list[ActivityRow]] = {a: [] for a in activities}
    for r in work.state.activity_rows([a for a in activities if a not in work.acts]).iter_rows():
        found[r[0]].append(r)
    for a in activities:
        if a in work.acts:
            found[a] = list(work.acts[a])
    return found


def _chosen(work: WorkingCopy, op: Reassign) -> tuple[list[str], list[str]]:
    """Return the activities a reassignment hands over whole, and those it cuts (`split`)."""
    giver = op.from_executor
    selected = _selected(work, op)
    if op.start is None and op.end is None:
        whole, cut = selected, []
    else:
        # Without `split` an activity moves whole: only those wholly inside the period are handed over,
        # so that the load outside the period stays as it was.
        whole, straddling = _in_period(_windows(work, selected), op)
        cut = straddling if op.split else []
    # Listed activities the giver does not carry have each been reported already.
    if not whole and not cut and (selected or not op.activities):
        work.issue(
            "scenario-empty-selection",
            _nothing_in_period(work, op) if op.activities else _not_carried(work, giver, None, op.split),
            Severity.WARNING,
        )
    return whole, cut


def _selected(work: WorkingCopy, op: Reassign) -> list[str]:
    """Return the activities the giver carries that a reassignment picks: the listed ones, else all."""
    carried = _carried(work, op.from_executor)
    if not op.activities:
        return carried
    chosen = _existing(work, op.activities)
    held = set(carried)
    for a in chosen:
        if a not in held:
            work.issue(
                "scenario-not-carried",
                _not_carried(work, op.from_executor, a),
                Severity.WARNING,
                "activities",
            )
    return [a for a in chosen if a in held]


def _nothing_in_period(work: WorkingCopy, op: Reassign) -> str:
    """Say that none of the activities a reassignment lists runs (wholly, without `split`) in its period."""
    how = "" if op.split else " целиком"
    return (
        f"Ни одно из выбранных мероприятий «{work.label(op.from_executor)}» не идёт{how} в выбранном периоде"
    )


def _not_carried(work: WorkingCopy, executor: str, activity: str | None, split: bool = False) -> str:
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
    if split:
        return f"У «{who}» нет мероприятий в выбранном периоде"
    return f"У «{who}» нет мероприятий, идущих целиком в выбранном периоде"


def _shift(work: WorkingCopy, op: ShiftDeadline) -> None:
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
            months = months_between(max(r[8] for r in dated), op.to)
        moved = [(*r[:7], shift_months(r[7], months), shift_months(r[8], months)) for r in dated]
        if op.to is not None:
            last = max(range(len(moved)), key=lambda i: moved[i][8])
            start, end = moved[last][7], moved[last][8]
            start = op.to if start == end or start > op.to else start
            moved[last] = (*moved[last][:7], start, op.to)
        work.acts[a] = moved


def _set_capacity(work: WorkingCopy, op: SetCapacity) -> None:
    if not work.known(op.executor, _EXECUTORS, "scenario-unknown-executor", _EXECUTOR_MISSING, "executor"):
        return
    if op.capacity is None:
        work.overrides.pop(op.executor, None)
    elif not is_capacity(op.capacity):
        work.issue(
            "scenario-bad-capacity",
            f"Мощность должна быть положительным числом мероприятий в месяц, а не {op.capacity:g}",
            Severity.ERROR,
            "capacity",
        )
    else:
        work.overrides[op.executor] = float(op.capacity)


def _relist(work: WorkingCopy, school: str, year: int, status: str | None) -> None:
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
            f"Школа «{work.label(school)}» {said} на {academic_year_name(year)} учебный год",
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


def _list_school(work: WorkingCopy, op: ListSchool) -> None:
    _relist(work, op.school, op.year, op.status)


def _unlist_school(work: WorkingCopy, op: UnlistSchool) -> None:
    _relist(work, op.school, op.year, None)


def _drop(work: WorkingCopy, op: DropActivity) -> None:
    if not _existing(work, [op.activity], "activity"):
        return
    work.touch([op.activity])
    work.acts[op.activity], work.resp[op.activity] = [], []


def _add(work: WorkingCopy, op: AddActivity) -> None:
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
    refs: list[ResponsibleRow] = []
    for executor in dict.fromkeys(op.executors):
        if work.known(
            executor, _EXECUTORS | {_TERRITORY}, "scenario-unknown-executor", _EXECUTOR_MISSING, "executors"
        ):
            fan = str(fan_out) if work.kind(executor) == _TERRITORY else None
            refs.append((activity, executor, not refs, fan))
    work.resp[activity] = refs
    work.added[activity] = (activity, _ACTIVITY, None, op.text, None)
    work.dirty.add(activity)


def _free_id(work: WorkingCopy, roadmap: str) -> str:
    n = 1
    while work.has_activity(f"{roadmap}#+{n}") or f"{roadmap}#+{n}" in work.acts:
        n += 1
    return f"{roadmap}#+{n}"


def _move_under(work: WorkingCopy, op: MoveUnder) -> None:
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
    work.structure = pl.concat([s.filter(~gone), frame_of([pair], STRUCTURE_SCHEMA)]).sort(
        "source", "kind", "target"
    )


_APPLY: dict[OperationKind, Callable[[WorkingCopy, Any], None]] = {
    OperationKind.REASSIGN: _reassign,
    OperationKind.SHIFT_DEADLINE: _shift,
    OperationKind.SET_CAPACITY: _set_capacity,
    OperationKind.LIST_SCHOOL: _list_school,
    OperationKind.UNLIST_SCHOOL: _unlist_school,
    OperationKind.DROP_ACTIVITY: _drop,
    OperationKind.ADD_ACTIVITY: _add,
    OperationKind.MOVE_UNDER: _move_under,
}
