"""What-if operations as a person reads them: what each does, in Russian, and the nodes it names."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date

from model.entities import SchoolStatusKind, academic_year_name
from model.operations import (
    AddActivity,
    DropActivity,
    ListSchool,
    MoveEdge,
    Operation,
    Reassign,
    SetCapacity,
    ShiftDeadline,
    UnlistSchool,
)


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


def listed_activities(operation: Operation) -> tuple[str, ...]:
    """Return the activities an operation names only by their count (several handed over or shifted),
    which a reader of the minutes needs listed under it.

    >>> listed_activities(ShiftDeadline(("a", "b"), months=3))
    ('a', 'b')
    >>> listed_activities(ShiftDeadline(("a",), months=3))
    ()
    """
    if isinstance(operation, Reassign | ShiftDeadline) and len(operation.activities) > 1:
        return operation.activities
    return ()


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
        period = f"{_day(op.start)} – {_day(op.end)}"
        if op.activities:
            handed = f"Передать {acts(op.activities)} от {n(op.from_executor)} к {n(op.to_executor)}"
            if not (op.start or op.end):
                return handed
            if op.split:
                return f"{handed} в части, приходящейся на период {period}"
            runs = "оно идёт" if len(op.activities) == 1 else "они идут"
            return f"{handed}, если {runs} целиком в периоде {period}"
        if op.start or op.end:
            if op.split:
                return (
                    f"Передать работу {n(op.from_executor)} в периоде {period} исполнителю "
                    f"{n(op.to_executor)}; мероприятия, идущие и вне периода, делятся по его границам"
                )
            return (
                f"Передать мероприятия {n(op.from_executor)}, идущие целиком в периоде {period}, "
                f"исполнителю {n(op.to_executor)}"
            )
        return f"Передать все мероприятия {n(op.from_executor)} исполнителю {n(op.to_executor)}"
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
        year = f"{academic_year_name(op.year)} учебный год"
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
