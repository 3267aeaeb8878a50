"""The operations of «Сценарии»: the form of each what-if operation (options from the place of the
header) and the list of operations it adds to, with undo, redo and start over; each widget with a
namespaced key."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, TypeAlias

import polars as pl
import streamlit as st

from dashboard import data, figures, scenario_data, state, texts
from dashboard.data import Snapshot
from dashboard.figures import Place, in_place
from dashboard.widgets import choose
from model.entities import SchoolStatusKind, academic_year_of
from model.issues import Issue, Severity
from model.operation_effects import PeriodHandover, handover_month, period_handover
from model.scenario import (
    AddActivity,
    DropActivity,
    ListSchool,
    MoveUnder,
    Operation,
    PlanState,
    Reassign,
    Scenario,
    SetCapacity,
    ShiftDeadline,
    UnlistSchool,
    describe_operation,
    listed_activities,
)
from model.workload import is_capacity

# --- the operation forms ---------------------------------------------------------------------------------

MAX_OPTIONS = 500
"""The most options a select box of the scenario forms offers; a narrower territory shows the rest."""


def shortened(text: str, limit: int = texts.OPTION_LIMIT) -> str:
    """Return a text cut to `limit` characters with «…» at the end when it is longer.

    >>> shortened("Семинар для учителей", 8)
    'Семинар…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _capped(rows: pl.DataFrame) -> pl.DataFrame:
    """Return the first `MAX_OPTIONS` rows of a select box's options, saying so when there are more."""
    if rows.height <= MAX_OPTIONS:
        return rows
    st.caption(texts.TOO_MANY_OPTIONS.format(shown=MAX_OPTIONS, total=rows.height))
    return rows.head(MAX_OPTIONS)


def activity_options(snap: Snapshot, activities: Iterable[str] | None) -> dict[str, str]:
    """Return activities (all when None) as select boxes show them («3.1 Семинар … — № 162 от
    28.10.2020»), in the order of the roadmaps, at most `MAX_OPTIONS`."""
    rows = snap.activities
    if activities is not None:
        rows = rows.filter(pl.col("activity").is_in(pl.Series(list(activities), dtype=pl.String()).implode()))
    rows = _capped(rows)
    return {
        a: texts.ACTIVITY_OPTION.format(number=n or "", text=shortened(t or ""), roadmap=r or "").strip()
        for a, n, t, r in rows.select("activity", "number", "text", "roadmap_name").iter_rows()
    }


def executor_options(snap: Snapshot, place: Place, *, carrying: bool = False) -> dict[str, str]:
    """Return the executors of a place by name (only those named in some activity's cell, when
    `carrying`), at most `MAX_OPTIONS`."""
    rows = figures.executors_in(snap, place)
    if carrying:
        rows = rows.filter(
            pl.col("executor").is_in(pl.Series(list(scenario_data.direct_carriers(snap))).implode())
        )
    return _executor_names(rows.sort("executor_name"))


def _executor_names(rows: pl.DataFrame) -> dict[str, str]:
    return dict(_capped(rows).select("executor", "executor_name").iter_rows())


def _school_options(snap: Snapshot, place: Place) -> dict[str, str]:
    return dict(_capped(in_place(snap.schools, place)).select("school", "school_name").iter_rows())


def _whose_activities(snap: Snapshot, place: Place, key: str) -> dict[str, str]:
    """Draw whose activities to offer (anyone's by default); return those activities of the place."""
    carriers = executor_options(snap, place, carrying=True)
    whose = choose(key, texts.WHOSE_ACTIVITIES, carriers, None, none=texts.ANY_EXECUTOR)
    found: Iterable[str] | None = None
    if whose is not None:
        found = scenario_data.activities_of(snap, whose)
    elif place.level == "school":
        found = figures.activities_on_school(snap, place.node or "").to_list()
    elif place.node is not None:
        found = data.scope_activities(snap, place.node)
    return activity_options(snap, found)


def _many(key: str, label: str, options: Mapping[str, str], placeholder: str) -> tuple[str, ...]:
    state.keep_valid_many(key, list(options))
    picked = st.multiselect(
        label,
        list(options),
        key=key,
        format_func=lambda v: options.get(v, v),
        placeholder=placeholder if options else texts.NOTHING_TO_PICK,
    )
    return tuple(picked)


def _day(key: str, label: str, default: date, where: Any = st, token: object = "") -> date:
    state.seed_for(key, default, token)
    picked = where.date_input(label, key=key, format="DD.MM.YYYY")
    return picked if isinstance(picked, date) else default


def _number(
    key: str, label: str, default: float, token: object = "", where: Any = st, **limits: Any
) -> float:
    state.seed_for(key, default, token)
    return float(where.number_input(label, key=key, **limits))


Made: TypeAlias = Operation | str | None
"""What a form makes: the operation, the reason it would change nothing (it is then not added), or None
while the form is incomplete."""


def _month_end(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _reassign_form(snap: Snapshot, place: Place, day: date, current: PlanState) -> Made:
    left, right = st.columns(2)
    giver = choose(
        "scenario.reassign.from",
        texts.FROM_EXECUTOR,
        executor_options(snap, place, carrying=True),
        None,
        where=left,
    )
    takers = {k: v for k, v in executor_options(snap, place).items() if k != giver}
    taker = choose("scenario.reassign.to", texts.TO_EXECUTOR, takers, None, where=right)
    mode = choose("scenario.reassign.mode", texts.REASSIGN_MODE, texts.REASSIGN_MODES, "one", none=None)
    chosen: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    split = mode == "split"
    handover: PeriodHandover | None = None
    if mode in ("period", "split"):
        # The month nearest the date of the header in which the giver has work that would move.
        found = giver and handover_month(current, giver, day, split)
        first, last = found or (day.replace(day=1), _month_end(day))
        left, right = st.columns(2)
        # Seeded once per giver: a period picked stays when the mode changes.
        start = _day("scenario.reassign.start", texts.PERIOD_START, first, where=left, token=giver)
        end = _day("scenario.reassign.end", texts.PERIOD_END, last, where=right, token=giver)
        if giver is not None and start <= end:
            handover = period_handover(current, Reassign(giver, taker or "", (), start, end, split))
            _period_preview(snap, current, giver, handover)
    else:
        options = activity_options(snap, scenario_data.activities_of(snap, giver)) if giver else {}
        if mode == "several":
            chosen = _many("scenario.reassign.activities", texts.ACTIVITIES, options, texts.PICK_ACTIVITIES)
        else:
            one = choose("scenario.reassign.activity", texts.ACTIVITY, options, None)
            chosen = (one,) if one else ()
    wrong_period = start is not None and end is not None and start > end
    if giver is None or taker is None or wrong_period or (start is None and not chosen):
        return None
    operation = Reassign(giver, taker, chosen, start, end, split)
    if start is not None and end is not None and not (handover and handover.moves):
        nothing = texts.NOTHING_TO_SPLIT if split else texts.NOTHING_TO_REASSIGN
        return nothing.format(name=snap.name(giver), start=start, end=end)
    return operation


def _period_preview(snap: Snapshot, current: PlanState, giver: str, handover: PeriodHandover) -> None:
    """Say which activities a hand-over by period moves whole, and which it leaves or (`split`) cuts,
    each with what it hands over: its whole span, or for a cut one the span of its part in the period."""
    moves, straddling, span = handover.whole, handover.straddling, handover.spans
    names = current.names([*moves, *straddling])

    def listed(activities: Sequence[str]) -> str:
        shown = activities[: texts.PERIOD_LISTED]
        lines = [
            "- " + texts.PERIOD_ITEM.format(name=shortened(names.get(a, a)), start=span[a][0], end=span[a][1])
            for a in shown
        ]
        if len(activities) > len(shown):
            lines.append("- " + texts.PERIOD_MORE.format(count=len(activities) - len(shown)))
        return "\n".join(lines)

    rest = texts.PERIOD_SPLITS if handover.split else texts.PERIOD_STAYS
    for activities, words in ((moves, texts.PERIOD_MOVES), (straddling, rest)):
        if activities:
            count = texts.counted(len(activities), texts.ACTIVITY_FORMS)
            head = words.format(count=count, name=snap.name(giver))
            st.caption(f"{head}\n{listed(activities)}")


def _shift_form(snap: Snapshot, place: Place, day: date, current: PlanState) -> Made:
    activities = _whose_activities(snap, place, "scenario.shift.executor")
    chosen = _many("scenario.shift.activities", texts.ACTIVITIES, activities, texts.PICK_ACTIVITIES)
    left, right = st.columns(2)
    how = choose("scenario.shift.mode", texts.SHIFT_MODE, texts.SHIFT_MODES, "months", none=None, where=left)
    if how == "date":
        to = _day("scenario.shift.to", texts.SHIFT_TO, day, where=right)
        return ShiftDeadline(chosen, to=to) if chosen else None
    months = int(
        _number(
            "scenario.shift.months", texts.SHIFT_MONTHS, 1, where=right, min_value=-24, max_value=24, step=1
        )
    )
    if chosen and months and current.activity_rows(chosen)["start"].is_null().all():
        return texts.NOTHING_TO_SHIFT
    return ShiftDeadline(chosen, months=months) if chosen and months else None


def _capacity_form(snap: Snapshot, place: Place, day: date, current: PlanState) -> Made:
    executor = choose("scenario.capacity.executor", texts.EXECUTOR, executor_options(snap, place), None)
    if executor is None:
        return None
    found = snap.executors.filter(pl.col("executor") == executor)["capacity"].fill_null(0.0).to_list()
    now = float(found[0]) if found else 0.0
    key, label = "scenario.capacity.value", texts.SCENARIO_CAPACITY
    value = _number(key, label, now, executor, min_value=0.0, step=1.0, format="%g")
    st.caption(texts.SCENARIO_CAPACITY_NOW.format(value=texts.counted(now, texts.ACTIVITY_FORMS)))
    if not is_capacity(value):
        return texts.SCENARIO_CAPACITY_NOT_POSITIVE
    had = current.capacities([executor])["capacity"].to_list()
    if had and had[0] is not None and float(had[0]) == value:
        return texts.SAME_CAPACITY.format(
            name=snap.name(executor), value=texts.counted(value, texts.ACTIVITY_FORMS)
        )
    return SetCapacity(executor, value)


def _years(snap: Snapshot, day: date) -> dict[str, str]:
    spans = snap.activities.select(pl.col("deadline_start").min(), pl.col("deadline_end").max()).row(0)
    days = [d for d in (*spans, day) if d is not None]
    first, last = academic_year_of(min(days)), academic_year_of(max(days)) + 1
    return {str(y): texts.academic_year(y) for y in range(first, last + 1)}


def _school_form(snap: Snapshot, place: Place, day: date, current: PlanState) -> Made:
    schools = _school_options(snap, place)
    left, right = st.columns(2)
    here = place.node if place.level == "school" else None
    school = choose("scenario.school.school", texts.SCHOOL, schools, here, where=left)
    action = choose(
        "scenario.school.action", texts.SCHOOL_ACTION, texts.SCHOOL_ACTIONS, "list", none=None, where=right
    )
    left, right = st.columns(2)
    year = choose(
        "scenario.school.year",
        texts.ACADEMIC_YEAR,
        _years(snap, day),
        str(academic_year_of(day)),
        none=None,
        where=left,
    )
    status = str(SchoolStatusKind.LOW_RESULTS)
    if action == "list":
        status = (
            choose(
                "scenario.school.status",
                texts.LIST_STATUS,
                texts.SCHOOL_STATUSES,
                status,
                none=None,
                where=right,
            )
            or status
        )
    if school is None or year is None:
        return None
    return ListSchool(school, int(year), status) if action == "list" else UnlistSchool(school, int(year))


def _drop_form(snap: Snapshot, place: Place, day: date, current: PlanState) -> Made:
    activities = _whose_activities(snap, place, "scenario.drop.executor")
    activity = choose("scenario.drop.activity", texts.ACTIVITY, activities, None)
    return DropActivity(activity) if activity else None


def _add_form(snap: Snapshot, place: Place, day: date, current: PlanState) -> Made:
    roadmaps = {
        r: texts.ROADMAP_OPTION.format(name=n, issuer=i)
        for r, n, i in _capped(in_place(snap.roadmaps, place))
        .select("roadmap", "roadmap_name", "issuer_name")
        .iter_rows()
    }
    roadmap = choose("scenario.add.roadmap", texts.ROADMAP, roadmaps, None)
    text = st.text_input(texts.NEW_ACTIVITY_TEXT, key="scenario.add.text")
    left, right = st.columns([3, 1])
    deadline = left.text_input(
        texts.NEW_ACTIVITY_DEADLINE, key="scenario.add.deadline", placeholder=texts.NEW_ACTIVITY_DEADLINE_HINT
    )
    weight = _number(
        "scenario.add.weight", texts.NEW_ACTIVITY_WEIGHT, 1.0, where=right, min_value=0.1, step=0.5
    )
    territories = _capped(in_place(snap.places.filter(pl.col("kind") == "territory"), place))
    fan_outs = {
        t: texts.FAN_OUT_OPTION.format(name=n) for t, n in territories.select("node", "name").iter_rows()
    }
    executors = _many(
        "scenario.add.executors",
        texts.NEW_ACTIVITY_EXECUTORS,
        {**executor_options(snap, place), **fan_outs},
        texts.PICK_EXECUTORS,
    )
    if roadmap is None or not text.strip():
        return None
    return AddActivity(roadmap, text.strip(), deadline.strip(), (), executors, weight)


def _move_form(snap: Snapshot, place: Place, day: date, current: PlanState) -> Made:
    here = figures.executors_in(snap, place).sort("executor_name")
    schools = _school_options(snap, place)
    bodies = _executor_names(here.filter(pl.col("kind").is_in(["authority", "institute", "group"])))
    nodes = {**schools, **bodies}
    node = choose("scenario.move.node", texts.MOVE_NODE, nodes, None)
    edge = choose("scenario.move.edge", texts.MOVE_EDGE, texts.MOVE_EDGES, "coordinates", none=None)
    kinds = ["person", "authority", "institute"] if edge == "coordinates" else ["authority", "institute"]
    heads = _executor_names(here.filter(pl.col("kind").is_in(kinds) & (pl.col("executor") != (node or ""))))
    to = choose("scenario.move.to", texts.MOVE_TO, heads, None)
    return MoveUnder(node, to, edge or "coordinates") if node and to else None


_FORMS: dict[str, Callable[[Snapshot, Place, date, PlanState], Made]] = {
    "reassign": _reassign_form,
    "shift": _shift_form,
    "capacity": _capacity_form,
    "school": _school_form,
    "drop": _drop_form,
    "add": _add_form,
    "move": _move_form,
}


def operation_form(snap: Snapshot, place: Place, day: date, current: PlanState) -> Operation | None:
    """Draw the form of one what-if operation; return the operation when «Добавить операцию» is pressed.

    Options come from the place of the header (executors, activities, schools, roadmaps there). An
    operation that would change nothing in `current` (the plan with the scenario so far) is not added:
    the form says why, above the button.
    """
    kind = (
        choose("scenario.kind", texts.OPERATION, texts.OPERATION_KINDS, "reassign", none=None) or "reassign"
    )
    made = _FORMS[kind](snap, place, day, current)
    note = st.empty()
    pressed = st.button(
        texts.ADD_OPERATION,
        key="scenario.add_operation",
        type="primary",
        disabled=made is None,
        icon=":material/add:",
    )
    if isinstance(made, str):
        (note.warning if pressed else note.info)(made, icon=":material/block:")
        return None
    return made if pressed else None


# --- the list of operations ------------------------------------------------------------------------------

_MARKDOWN = re.compile(r"([\\`*_~#|<>\[\]])")
_NUMBERED = re.compile(r"^(\d+)([.)])")
"""A leading «9.» of an activity's title, which markdown would take for a list of its own."""


def _plain(text: str) -> str:
    return _NUMBERED.sub(r"\1\\\2", _MARKDOWN.sub(r"\\\1", text))


def step_buttons(scenario: Scenario) -> None:
    """Draw undo, redo and start over; each changes the edited scenario before the next run."""
    steps = [
        (texts.UNDO, "scenario.undo", scenario.can_undo, state.step_back, ":material/undo:"),
        (texts.REDO, "scenario.redo", scenario.can_redo, state.step_forward, ":material/redo:"),
        (
            texts.START_OVER,
            "scenario.new",
            bool(scenario.operations),
            state.start_over,
            ":material/restart_alt:",
        ),
    ]
    # A row that wraps: in three columns of a narrow screen the labels were cut («Отм…»).
    row = st.container(horizontal=True)
    for label, key, can, step, icon in steps:
        row.button(label, key=key, disabled=not can, on_click=step, icon=icon)


def _listed(operation: Operation, names: Mapping[str, str]) -> list[str]:
    """Return the activities an operation names only by their count, as the list shows them under it."""
    activities = listed_activities(operation)
    shown = [_plain(shortened(names.get(a, a))) for a in activities[: texts.PERIOD_LISTED]]
    if len(activities) > len(shown):
        shown.append(texts.PERIOD_MORE.format(count=len(activities) - len(shown)))
    return shown


def operation_list(scenario: Scenario, names: Mapping[str, str], issues: Sequence[Issue]) -> None:
    """Draw the operations in order, the undone ones struck through, and the problems of each (in a
    container keyed `scenario.operations`)."""
    box = st.container(key="scenario.operations")
    if not scenario.operations:
        box.caption(texts.NO_OPERATIONS)
        return
    lines = []
    for number, operation in enumerate(scenario.operations, start=1):
        text = _plain(describe_operation(operation, names))
        active = number <= scenario.cursor
        lines.append(f"{number}. {text}" if active else f"{number}. ~~{text}~~ *{texts.UNDONE}*")
        lines += [f"    - {item}" if active else f"    - ~~{item}~~" for item in _listed(operation, names)]
    box.markdown("\n".join(lines))
    for issue in issues:
        message = texts.OPERATION_ISSUE.format(number=issue.row or texts.NO_SELECTION, message=issue.message)
        if issue.severity == Severity.INFO:
            box.caption(message)
        else:
            box.warning(message, icon=":material/warning:")
