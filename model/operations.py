"""What-if operations on the plan: their kinds, their fields, and their JSON.

Each operation is a frozen dataclass whose `kind` names it; `model.operation_effects` says what each
does to the plan, `model.operation_words` how each reads to a person.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeAlias

from model.deadline_calendar import Window
from model.entities import SchoolStatusKind
from model.issues import Issue, Severity
from model.relations import FanOut


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
    """Hand activities from one executor to another: the listed ones, or all it carries, or those in a period.

    The activities picked are the listed ones `from_executor` carries directly (with no `activities`:
    all it carries directly). With a bound, those of them whose windows all lie inside [`start`, `end`]
    are handed over; with neither bound, all of them, undated ones too. The whole activity moves, so
    one that also runs outside the period stays (`period_handover` lists them) and the load outside
    the period does not change; the new executor takes the old one's place in the cell (and its lead).

    With `split`, such an activity is cut at the period's bounds instead: its windows, as far as they
    run in the period, become a part of it (a new activity of the same roadmap and text, id
    `model.ids.part_id`) that the new executor carries, and the rest stays with the old one.
    """

    from_executor: str
    to_executor: str
    activities: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    split: bool = False
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


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _Bad(f"ожидается true или false, а не {value!r}")


def _optional(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None or value == "" else read(value)


_READERS: dict[str, Callable[[Any], Any]] = {
    "str": _text,
    "bool": _flag,
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
