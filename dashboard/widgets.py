"""Widget helpers: each draws one control with a namespaced key, seeded from the view, and returns a
typed value; plus the table and chart blocks with their download buttons, and the blocks of the
«Сценарии» page (the operation forms, the list of operations, the comparison, the suggestions, saving,
the saved scenarios and the minutes)."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Literal, NamedTuple

import altair as alt
import polars as pl
import streamlit as st

from dashboard import charts, data, export, figures, state, texts
from dashboard.data import Outcome, Snapshot
from dashboard.figures import LEVEL_COLUMNS, Place, in_place
from dashboard.state import Draft, View
from loaders.minutes import Minutes, minutes_html, minutes_of, minutes_xlsx_bytes
from loaders.scenario_store import Conflict
from model.comparison import DEADLINE_LABELS, OVERLOAD_LABELS, Comparison
from model.entities import SchoolStatusKind, academic_year_of
from model.issues import Issue, Severity
from model.scenario import (
    AddActivity,
    DropActivity,
    ListSchool,
    MoveUnder,
    Operation,
    Reassign,
    Scenario,
    SetCapacity,
    ShiftDeadline,
    UnlistSchool,
    describe_operation,
)
from model.suggestions import RELATION_LABELS

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NONE = ""
"""The value of «none» (all regions, no executor) inside a select box."""


def choose(
    key: str,
    label: str,
    options: Mapping[str, str],
    current: str | None,
    *,
    none: str | None = texts.NO_SELECTION,
    where: Any = st,
    disabled: bool = False,
    help: str | None = None,
) -> str | None:
    """Draw a select box of ids shown by name (with «none» first when given); return the chosen id.

    «None» is the empty string inside the widget: a select box treats a None value as no choice at all.
    """
    values: list[str] = ([NONE] if none is not None else []) + [v for v in options if v != NONE]
    fallback = values[0] if values else None
    state.seed(key, current if current in values and current is not None else fallback)
    state.keep_valid(key, values, fallback)
    picked = where.selectbox(
        label,
        values,
        key=key,
        format_func=lambda v: none if v == NONE else options.get(v, v),
        disabled=disabled or len(values) <= 1,
        help=help,
    )
    return picked if picked in options and picked != NONE else None


def choice(key: str, label: str, options: Mapping[str, str], current: str) -> str:
    """Draw a segmented control of a few options; return the chosen one (never none)."""
    state.seed(key, current if current in options else next(iter(options)))
    state.keep_valid(key, list(options), next(iter(options)))
    picked = st.segmented_control(
        label, list(options), key=key, required=True, format_func=lambda v: options.get(v, v)
    )
    if isinstance(picked, str) and picked in options:
        return picked
    return current if current in options else next(iter(options))


def multi(key: str, label: str, options: Mapping[str, str], current: Sequence[str]) -> tuple[str, ...]:
    """Draw pills to choose several options (none chosen means all); return them in the options' order."""
    state.seed(key, [v for v in current if v in options])
    state.keep_valid_many(key, list(options))
    picked = st.pills(
        label, list(options), key=key, selection_mode="multi", format_func=lambda v: options.get(v, v)
    )
    return tuple(v for v in options if v in (picked or []))


def as_of_date(key: str, current: date, where: Any = st) -> date:
    """Draw the as-of date; return it."""
    state.seed(key, current)
    picked = where.date_input(texts.AS_OF, key=key, format="DD.MM.YYYY", help=texts.AS_OF_HELP)
    return picked if isinstance(picked, date) else current


def scope_header(snap: Snapshot, view: View) -> View:
    """Draw the breadcrumb region → municipality → district → school and the date; return the view."""
    ter = snap.territories
    names = dict(ter.select("node", "name").iter_rows())
    parents = dict(ter.select("node", "parent").iter_rows())
    levels = dict(ter.select("node", "level").iter_rows())
    start = view.territory
    if start not in names and view.school:
        start = snap.schools.filter(pl.col("school") == view.school)["territory"].first()
    above: dict[str, str] = {}
    node = start
    while node in names:
        above.setdefault(levels[node], node)
        node = parents.get(node)

    def children(parent: str | None, level: str) -> dict[str, str]:
        rows = ter.filter(
            (pl.col("level") == level) & (pl.col("parent") == parent if parent else pl.lit(True))
        )
        return dict(rows.select("node", "name").iter_rows())

    cols = st.columns([3, 3, 3, 4, 2])
    region = choose(
        "scope.region",
        texts.REGION,
        children(None, "region"),
        above.get("region"),
        none=texts.ALL_REGIONS,
        where=cols[0],
    )
    municipalities = children(region, "municipality") if region else {}
    municipality = choose(
        "scope.municipality",
        texts.MUNICIPALITY,
        municipalities,
        above.get("municipality"),
        none=texts.ALL_MUNICIPALITIES,
        where=cols[1],
    )
    districts = children(municipality, "district") if municipality else {}
    district = choose(
        "scope.district",
        texts.DISTRICT,
        districts,
        above.get("district"),
        none=texts.ALL_DISTRICTS,
        where=cols[2],
    )
    territory = district or municipality or region
    level = levels.get(territory) if territory else None
    here = in_place(snap.schools, Place(level if level in LEVEL_COLUMNS else None, territory))
    schools = dict(here.select("school", "school_name").iter_rows())
    school = choose("scope.school", texts.SCHOOL, schools, view.school, none=texts.ALL_SCHOOLS, where=cols[3])
    as_of = as_of_date("scope.as_of", view.as_of or date.today(), where=cols[4])
    trail = [names[t] for t in (region, municipality, district) if t] + ([schools[school]] if school else [])
    st.caption(texts.BREADCRUMB_SEPARATOR.join([texts.ALL_REGIONS, *trail]))
    return view.with_(territory=territory, school=school, as_of=as_of)


def figure_row(values: Mapping[str, int], current: str | None) -> str | None:
    """Draw each figure with a button that opens the list behind it; return the figure whose list is open."""
    shown = current
    cols = st.columns(len(values))
    for col, (name, value) in zip(cols, values.items(), strict=True):
        col.metric(texts.FIGURES[name], value, help=texts.FIGURE_HELP[name])
        if col.button(
            texts.SHOW_LIST_OF, key=f"overview.show.{name}", type="tertiary", icon=":material/list:"
        ):
            shown = name
    return shown


def table(
    frame: pl.DataFrame, key: str, what: str, day: date, *, height: int | Literal["auto"] = "auto"
) -> None:
    """Draw a table with Russian headers and a button that downloads it as xlsx.

    The table and its button sit in a container keyed `key` (a browser finds the table by the class
    `st-key-<key>`, or as the element right before the button `st-key-<key>.xlsx`).
    """
    dates = {
        texts.COLUMNS.get(c, c): st.column_config.DateColumn(format="DD.MM.YYYY")
        for c, t in frame.schema.items()
        if t == pl.Date()
    }
    box = st.container(key=key)
    box.dataframe(
        export.shown(frame),
        hide_index=True,
        width="stretch",
        height=height,
        column_config=dates,
        placeholder=texts.NO_SELECTION,
    )
    box.download_button(
        texts.DOWNLOAD_XLSX,
        data=lambda: export.xlsx_bytes(frame),
        file_name=texts.export_name(what, day, "xlsx"),
        mime=XLSX_MIME,
        key=f"{key}.xlsx",
        on_click="ignore",
        icon=":material/table:",
    )


def chart(
    snap: Snapshot,
    build: Callable[[], alt.TopLevelMixin],
    key: str,
    view_key: Hashable,
    what: str,
    day: date,
    *,
    pick: tuple[str, Mapping[str, str]] | None = None,
    stretch: bool = False,
) -> None:
    """Draw a chart (clickable when `pick` = (selection, {point field: view field})) and its PNG button.

    The chart is built once per data version and `view_key` (everything it depends on but the data).
    """
    on_select: Callable[[], None] | str = "ignore"
    kwargs: dict[str, Any] = {}
    if pick is not None:
        on_select = state.on_pick(key, pick[0], pick[1])
        kwargs["selection_mode"] = [pick[0]]
    spec = data.chart_spec(snap, key, view_key, build)
    st.vega_lite_chart(
        spec, key=key, on_select=on_select, width="stretch" if stretch else "content", **kwargs
    )
    st.download_button(
        texts.DOWNLOAD_PNG,
        data=lambda: export.png_bytes(build()),
        file_name=texts.export_name(what, day, "png"),
        mime="image/png",
        key=f"{key}.png",
        on_click="ignore",
        icon=":material/image:",
    )


def capacity_editor(
    executor: str, capacity: float | None, overridden: bool, save: Callable[[float | None, str, str], None]
) -> None:
    """Draw the capacity of an executor with a form to change it or go back to the computed one."""
    origin = texts.CAPACITY_ORIGIN_OVERRIDE if overridden else texts.CAPACITY_ORIGIN_DATA
    st.caption(texts.CAPACITY_NOW.format(value=capacity or 0, origin=origin))
    with st.expander(texts.CAPACITY_EDIT, key="workload.capacity_form"):
        state.seed_for("workload.capacity", float(capacity or 0.0), executor)
        value = st.number_input(texts.CAPACITY, min_value=0.0, step=1.0, key="workload.capacity")
        author = st.text_input(texts.CAPACITY_AUTHOR, key="workload.author")
        reason = st.text_input(texts.CAPACITY_REASON, key="workload.reason")
        left, right = st.columns(2)
        if left.button(texts.CAPACITY_SAVE, key="workload.save_capacity", type="primary"):
            save(float(value), author.strip() or texts.DEFAULT_AUTHOR, reason.strip())
        if right.button(texts.CAPACITY_RESET, key="workload.reset_capacity", disabled=not overridden):
            save(None, author.strip() or texts.DEFAULT_AUTHOR, reason.strip())


# --- «Сценарии»: the operation forms ---------------------------------------------------------------------

MAX_OPTIONS = 500
"""The most options a select box of the scenario forms offers; a narrower territory shows the rest."""

MINUTES_MIME = {"xlsx": XLSX_MIME, "html": "text/html"}


def _short(text: str) -> str:
    limit = texts.OPTION_LIMIT
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
        a: texts.ACTIVITY_OPTION.format(number=n or "", text=_short(t or ""), roadmap=r or "").strip()
        for a, n, t, r in rows.select("activity", "number", "text", "roadmap_name").iter_rows()
    }


def executor_options(snap: Snapshot, place: Place, *, carrying: bool = False) -> dict[str, str]:
    """Return the executors of a place by name (only those named in some activity's cell, when
    `carrying`), at most `MAX_OPTIONS`."""
    rows = figures.executors_in(snap, place)
    if carrying:
        rows = rows.filter(pl.col("executor").is_in(pl.Series(list(data.direct_carriers(snap))).implode()))
    return dict(_capped(rows.sort("executor_name")).select("executor", "executor_name").iter_rows())


def _activity_choices(snap: Snapshot, place: Place, executor: str | None) -> dict[str, str]:
    found: Iterable[str] | None = None
    if executor is not None:
        found = data.activities_of(snap, executor)
    elif place.level == "school":
        found = figures.activities_on_school(snap, place.node or "").to_list()
    elif place.node is not None:
        found = data.scope_activities(snap, place.node)
    return activity_options(snap, found)


def _many(key: str, label: str, options: Mapping[str, str]) -> tuple[str, ...]:
    state.keep_valid_many(key, list(options))
    picked = st.multiselect(label, list(options), key=key, format_func=lambda v: options.get(v, v))
    return tuple(picked)


def _day(key: str, label: str, default: date, where: Any = st) -> date:
    state.seed_for(key, default, "")
    picked = where.date_input(label, key=key, format="DD.MM.YYYY")
    return picked if isinstance(picked, date) else default


def _number(
    key: str, label: str, default: float, token: object = "", where: Any = st, **limits: Any
) -> float:
    state.seed_for(key, default, token)
    return float(where.number_input(label, key=key, **limits))


def _month_end(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _reassign_form(snap: Snapshot, place: Place, day: date) -> Operation | None:
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
    if mode == "period":
        left, right = st.columns(2)
        start = _day("scenario.reassign.start", texts.PERIOD_START, day.replace(day=1), where=left)
        end = _day("scenario.reassign.end", texts.PERIOD_END, _month_end(day), where=right)
    else:
        options = activity_options(snap, data.activities_of(snap, giver)) if giver else {}
        if mode == "several":
            chosen = _many("scenario.reassign.activities", texts.ACTIVITIES, options)
        else:
            one = choose("scenario.reassign.activity", texts.ACTIVITY, options, None)
            chosen = (one,) if one else ()
    wrong_period = start is not None and end is not None and start > end
    if giver is None or taker is None or wrong_period or (mode != "period" and not chosen):
        return None
    return Reassign(giver, taker, chosen, start, end)


def _shift_form(snap: Snapshot, place: Place, day: date) -> Operation | None:
    carriers = executor_options(snap, place, carrying=True)
    whose = choose("scenario.shift.executor", texts.WHOSE_ACTIVITIES, carriers, None, none=texts.ANY_EXECUTOR)
    chosen = _many("scenario.shift.activities", texts.ACTIVITIES, _activity_choices(snap, place, whose))
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
    return ShiftDeadline(chosen, months=months) if chosen and months else None


def _capacity_form(snap: Snapshot, place: Place, day: date) -> Operation | None:
    executor = choose("scenario.capacity.executor", texts.EXECUTOR, executor_options(snap, place), None)
    if executor is None:
        return None
    found = snap.executors.filter(pl.col("executor") == executor)["capacity"].fill_null(0.0).to_list()
    now = float(found[0]) if found else 0.0
    value = _number(
        "scenario.capacity.value", texts.SCENARIO_CAPACITY, now, executor, min_value=0.0, step=1.0
    )
    st.caption(texts.SCENARIO_CAPACITY_NOW.format(value=now))
    return SetCapacity(executor, value)


def _years(snap: Snapshot, day: date) -> dict[str, str]:
    spans = snap.activities.select(pl.col("deadline_start").min(), pl.col("deadline_end").max()).row(0)
    days = [d for d in (*spans, day) if d is not None]
    first, last = academic_year_of(min(days)), academic_year_of(max(days)) + 1
    return {str(y): texts.academic_year(y) for y in range(first, last + 1)}


def _school_form(snap: Snapshot, place: Place, day: date) -> Operation | None:
    schools = dict(_capped(in_place(snap.schools, place)).select("school", "school_name").iter_rows())
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


def _drop_form(snap: Snapshot, place: Place, day: date) -> Operation | None:
    carriers = executor_options(snap, place, carrying=True)
    whose = choose("scenario.drop.executor", texts.WHOSE_ACTIVITIES, carriers, None, none=texts.ANY_EXECUTOR)
    activity = choose("scenario.drop.activity", texts.ACTIVITY, _activity_choices(snap, place, whose), None)
    return DropActivity(activity) if activity else None


def _add_form(snap: Snapshot, place: Place, day: date) -> Operation | None:
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
        "scenario.add.executors", texts.NEW_ACTIVITY_EXECUTORS, {**executor_options(snap, place), **fan_outs}
    )
    if roadmap is None or not text.strip():
        return None
    return AddActivity(roadmap, text.strip(), deadline.strip(), (), executors, weight)


def _move_form(snap: Snapshot, place: Place, day: date) -> Operation | None:
    here = figures.executors_in(snap, place).sort("executor_name")
    schools = dict(_capped(in_place(snap.schools, place)).select("school", "school_name").iter_rows())
    bodies = _capped(here.filter(pl.col("kind").is_in(["authority", "institute", "group"])))
    nodes = {**schools, **dict(bodies.select("executor", "executor_name").iter_rows())}
    node = choose("scenario.move.node", texts.MOVE_NODE, nodes, None)
    edge = choose("scenario.move.edge", texts.MOVE_EDGE, texts.MOVE_EDGES, "coordinates", none=None)
    kinds = ["person", "authority", "institute"] if edge == "coordinates" else ["authority", "institute"]
    heads = _capped(here.filter(pl.col("kind").is_in(kinds) & (pl.col("executor") != (node or ""))))
    to = choose(
        "scenario.move.to", texts.MOVE_TO, dict(heads.select("executor", "executor_name").iter_rows()), None
    )
    return MoveUnder(node, to, edge or "coordinates") if node and to else None


_FORMS: dict[str, Callable[[Snapshot, Place, date], Operation | None]] = {
    "reassign": _reassign_form,
    "shift": _shift_form,
    "capacity": _capacity_form,
    "school": _school_form,
    "drop": _drop_form,
    "add": _add_form,
    "move": _move_form,
}


def operation_form(snap: Snapshot, place: Place, day: date) -> Operation | None:
    """Draw the form of one what-if operation; return the operation when «Добавить операцию» is pressed.

    Options come from the place of the header (executors, activities, schools, roadmaps there).
    """
    kind = (
        choose("scenario.kind", texts.OPERATION, texts.OPERATION_KINDS, "reassign", none=None) or "reassign"
    )
    operation = _FORMS[kind](snap, place, day)
    pressed = st.button(
        texts.ADD_OPERATION,
        key="scenario.add_operation",
        type="primary",
        disabled=operation is None,
        icon=":material/add:",
    )
    return operation if pressed else None


# --- «Сценарии»: the list of operations ------------------------------------------------------------------

_MARKDOWN = re.compile(r"([\\`*_~#|<>\[\]])")


def _plain(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text)


def step_buttons(scenario: Scenario) -> None:
    """Draw undo, redo and start over; each changes the edited scenario before the next run."""
    undo, redo, over = st.columns(3)
    undo.button(
        texts.UNDO,
        key="scenario.undo",
        disabled=not scenario.can_undo,
        on_click=state.step_back,
        icon=":material/undo:",
    )
    redo.button(
        texts.REDO,
        key="scenario.redo",
        disabled=not scenario.can_redo,
        on_click=state.step_forward,
        icon=":material/redo:",
    )
    over.button(
        texts.START_OVER,
        key="scenario.new",
        disabled=not scenario.operations,
        on_click=state.start_over,
        icon=":material/restart_alt:",
    )


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
        lines.append(
            f"{number}. {text}" if number <= scenario.cursor else f"{number}. ~~{text}~~ *{texts.UNDONE}*"
        )
    box.markdown("\n".join(lines))
    for issue in issues:
        message = texts.OPERATION_ISSUE.format(number=issue.row or texts.NO_SELECTION, message=issue.message)
        if issue.severity == Severity.INFO:
            box.caption(message)
        else:
            box.warning(message, icon=":material/warning:")


def scenario_status(draft: Draft, unsaved: bool, data_version: str) -> None:
    """Say whether the edited scenario is saved, when and by whom, whether it has unsaved changes, and
    whether the data changed since it was saved (its comparison is then made on today's data)."""
    if draft.saved_id is None:
        st.caption(texts.SCENARIO_NOT_SAVED)
        return
    changed = draft.changed_at.astimezone() if draft.changed_at else None
    line = texts.SCENARIO_SAVED_AS.format(
        name=draft.scenario.name or texts.UNNAMED,
        version=draft.version,
        changed=f"{changed:%d.%m.%Y %H:%M}" if changed else texts.NO_SELECTION,
        author=draft.author or texts.NO_SELECTION,
    )
    st.caption(f"{line} {texts.SCENARIO_UNSAVED}" if unsaved else line)
    if draft.base_version and draft.base_version != data_version:
        st.caption(texts.SCENARIO_OTHER_DATA)


# --- «Сценарии»: the comparison ------------------------------------------------------------------------

COMPARISON_KEYS = {
    "overload": "scenario.overload",
    "load": "scenario.load",
    "deadlines": "scenario.deadlines",
    "chains": "scenario.chains",
    "schools": "scenario.schools",
    "undated": "scenario.undated",
}
"""The keys of the comparison's tables, by the topics of `texts.COMPARISON_TABS`."""

CHART_ROWS = 30
"""The most executors the before/after chart draws: those pushed over capacity first, then the rest."""


def comparison_names(snap: Snapshot, comparison: Comparison) -> dict[str, str]:
    """Return the names a comparison's tables show: the other pages' labels, else the model's names."""
    return {**comparison.names, **{n: snap.labels[n] for n in comparison.names if n in snap.labels}}


def _named(column: str, names: Mapping[str, str]) -> pl.Expr:
    return pl.col(column).replace_strict(dict(names), default=pl.col(column), return_dtype=pl.String())


def _listed(column: str, names: Mapping[str, str]) -> pl.Expr:
    named = pl.element().replace_strict(dict(names), default=pl.element(), return_dtype=pl.String())
    joined = pl.col(column).list.eval(named).list.join("; ")
    return pl.when(pl.col(column).list.len() > 0).then(joined).otherwise(pl.lit(texts.NO_SELECTION))


def _chain_state() -> pl.Expr:
    state = pl.lit(None, pl.String())
    for (before, after), text in texts.CHAIN_STATES.items():
        here = (pl.col("broken_before") == before) & (pl.col("broken_after") == after)
        state = pl.when(here).then(pl.lit(text)).otherwise(state)
    return state


def load_sides(load: pl.DataFrame, names: Mapping[str, str]) -> pl.DataFrame:
    """Return a comparison's load as one row per side (plan, scenario), executor and month, ready to draw."""
    sides = [
        load.select(
            "executor",
            "month",
            side=pl.lit(label),
            active=pl.col(f"active_{side}"),
            capacity=pl.col(f"capacity_{side}"),
            ratio=pl.col(f"ratio_{side}"),
        )
        for side, label in texts.SIDES.items()
    ]
    return pl.concat(sides).with_columns(
        executor_name=_named("executor", names),
        month_name=figures.month_name("month"),
        percent=figures.percent("ratio"),
        band=charts.load_band(pl.col("ratio")),
    )


def _chart_executors(comparison: Comparison) -> list[str]:
    pushed = comparison.overload.filter(pl.col("change").is_in(["overloaded", "worse"]))["executor"].unique()
    moved = (
        comparison.load.group_by("executor")
        .agg(pl.col("active_delta").abs().max().alias("moved"), pl.col("ratio_after").max().alias("peak"))
        .with_columns(first=pl.col("executor").is_in(pushed.implode()))
        .sort(["first", "moved", "peak", "executor"], descending=[True, True, True, False], nulls_last=True)
    )
    return moved["executor"].head(CHART_ROWS).to_list()


def comparison_tables(snap: Snapshot, comparison: Comparison) -> dict[str, pl.DataFrame]:
    """Return the comparison's tables as shown and exported, keyed as `texts.COMPARISON_TABS`."""
    c, names = comparison, comparison_names(snap, comparison)
    order = {k: i for i, k in enumerate(OVERLOAD_LABELS)}
    yes_no = {True: texts.YES, False: texts.NO}
    return {
        "overload": c.overload.with_columns(rank=pl.col("change").replace_strict(order, default=len(order)))
        .sort("rank", "executor", "month")
        .select(
            executor_name=_named("executor", names),
            month_name=figures.month_name("month"),
            percent_before=figures.percent("ratio_before"),
            percent_after=figures.percent("ratio_after"),
            change_name=_named("change", OVERLOAD_LABELS),
        ),
        "load": c.load.sort("executor", "month").select(
            executor_name=_named("executor", names),
            month_name=figures.month_name("month"),
            active_before="active_before",
            active_after="active_after",
            active_delta="active_delta",
            capacity_before="capacity_before",
            capacity_after="capacity_after",
            percent_before=figures.percent("ratio_before"),
            percent_after=figures.percent("ratio_after"),
        ),
        "deadlines": c.deadlines.select(
            text=_named("activity", names),
            change_name=_named("change", DEADLINE_LABELS),
            start_before="start_before",
            end_before="end_before",
            start_after="start_after",
            end_after="end_after",
            windows_before="windows_before",
            windows_after="windows_after",
            in_past_name=pl.col("in_past").replace_strict(yes_no, return_dtype=pl.String()),
        ),
        "chains": c.chains.select(
            text=_named("activity", names),
            broken_name=_chain_state(),
            **{
                f"{part}_{side}": _listed(f"{part}_{side}", names)
                for part in ("executors", "coordinators", "superiors")
                for side in ("before", "after")
            },
        ),
        "schools": c.schools.select(
            school_name=_named("school", names),
            activities_before="activities_before",
            activities_after="activities_after",
            windows_before="windows_before",
            windows_after="windows_after",
        ),
        "undated": c.undated.select(
            executor_name=_named("executor", names),
            undated_before="undated_before",
            undated_after="undated_after",
        ),
    }


def comparison_block(snap: Snapshot, outcome: Outcome, key: str, day: date) -> None:
    """Draw the comparison with the plan: the figures, the before/after load cells, the tables by topic."""
    c = outcome.comparison
    summary = c.summary()
    figures_shown = list(texts.SUMMARY.items())
    for row in (figures_shown[:4], figures_shown[4:]):
        for col, (name, label) in zip(st.columns(4), row, strict=False):
            col.metric(label, summary[name], help=texts.SUMMARY_HELP[name])
    if c.load.height:
        names = comparison_names(snap, c)
        shown = c.load.filter(pl.col("executor").is_in(_chart_executors(c)))
        sides = load_sides(shown, names)
        months = [texts.month_label(m) for m in c.months]
        st.subheader(texts.LOAD_BEFORE_AFTER, help=texts.COMPARISON_HELP)
        chart(
            snap, lambda: charts.before_after_load(sides, months), "scenario.chart", key, "scenario_load", day
        )
    tables = comparison_tables(snap, c)
    for tab, (name, frame) in zip(st.tabs(list(texts.COMPARISON_TABS.values())), tables.items(), strict=True):
        with tab:
            if frame.is_empty():
                st.caption(texts.NOTHING_CHANGES_HERE)
            else:
                table(frame, key=COMPARISON_KEYS[name], what=f"scenario_{name}", day=day)


# --- «Сценарии»: who could take work -------------------------------------------------------------------


def takers_block(snap: Snapshot, scenario: Scenario, outcome: Outcome, place: Place, day: date) -> None:
    """Draw an overloaded executor's candidates to take work, each with a button adding the hand-over."""
    # The overloaded bodies of the place, and those the scenario touches wherever they are.
    touched = snap.executors.filter(pl.col("executor").is_in(outcome.comparison.load["executor"].implode()))
    bodies = pl.concat([figures.executors_in(snap, place), touched]).filter(
        (pl.col("kind") != "school") & pl.col("executor").is_in(list(outcome.overloaded))
    )
    eligible = set(bodies["executor"].to_list())
    over = {e: r for e, r in outcome.overloaded.items() if e in eligible}
    over = dict(list(over.items())[:MAX_OPTIONS])
    if not over:
        st.caption(texts.NO_OVERLOADED)
        return
    pushed = outcome.comparison.overload.filter(pl.col("change").is_in(["overloaded", "worse"]))["executor"]
    first = next((e for e in pushed if e in over), None)
    options = {
        e: texts.OVERLOADED_OPTION.format(name=snap.name(e), percent=texts.percent(r))
        for e, r in over.items()
    }
    executor = choose("scenario.overloaded", texts.OVERLOADED, options, first, none=None)
    if executor is None:
        return
    found = data.takers(snap, scenario, day, executor)
    if found.is_empty():
        st.caption(texts.NO_TAKERS)
        return
    shown = found.select(
        executor_name=_named("candidate", {c: snap.name(c) for c in found["candidate"]}),
        relation_name=_named("relation", RELATION_LABELS),
        distance="distance",
        capacity="capacity",
        spare="spare",
        handover=pl.col("activities").list.len(),
    )
    table(shown, key="scenario.takers", what="scenario_takers", day=day)
    for candidate, activities in found.select("candidate", "activities").iter_rows():
        st.button(
            texts.TAKE.format(count=texts.activities_count(len(activities)), name=snap.name(candidate)),
            key=f"scenario.take.{candidate}",
            disabled=not activities,
            help=texts.TAKE_NOTHING if not activities else None,
            on_click=state.push_operation,
            args=(Reassign(executor, candidate, tuple(activities)),),
            icon=":material/move_down:",
        )


# --- «Сценарии»: saving, the saved scenarios, the minutes ----------------------------------------------


class SaveForm(NamedTuple):
    """What the save form holds: the name, who saves, the reason, and the button pressed (if any):
    «save» over the version read, «new» as a new scenario."""

    name: str
    author: str
    reason: str
    pressed: str | None


def save_form(draft: Draft, needs_reason: bool) -> SaveForm:
    """Draw the name, author and reason with the save buttons (the reason asked for when the scenario
    pushes someone over capacity); return what they hold."""
    token = (draft.saved_id, draft.version)
    state.seed_for("scenario.name", draft.scenario.name, token)
    state.seed_for("scenario.reason", draft.reason, token)
    left, right = st.columns(2)
    name = left.text_input(texts.SCENARIO_NAME, key="scenario.name")
    author = right.text_input(texts.SCENARIO_AUTHOR, key="scenario.author")
    if needs_reason:
        st.warning(texts.REASON_NEEDED, icon=":material/priority_high:")
    reason = st.text_area(texts.SCENARIO_REASON, key="scenario.reason", height=80)
    left, right = st.columns(2)
    pressed = None
    if left.button(texts.SAVE_BUTTON, key="scenario.save", type="primary", icon=":material/save:"):
        pressed = "save"
    if right.button(texts.SAVE_AS_NEW, key="scenario.save_as_new", icon=":material/add_circle:"):
        pressed = "new"
    return SaveForm(name.strip(), author.strip(), reason.strip(), pressed)


def conflict_note(conflict: Conflict, name: str) -> bool:
    """Explain a conflicting save in Russian; return True when the colleague's version is to be opened."""
    theirs = conflict.current
    if theirs is None:
        st.error(texts.CONFLICT_DELETED.format(name=name or texts.UNNAMED), icon=":material/sync_problem:")
        return False
    st.error(
        texts.CONFLICT.format(
            name=theirs.name,
            author=theirs.author or texts.NO_SELECTION,
            changed=f"{theirs.changed_at.astimezone():%d.%m.%Y %H:%M}",
            version=theirs.version,
        ),
        icon=":material/sync_problem:",
    )
    return st.button(texts.OPEN_THEIRS, key="scenario.open_theirs", icon=":material/download:")


def saved_list(
    saved: Sequence[Any], frame: pl.DataFrame, current: str | None, day: date
) -> tuple[str | None, Any, str]:
    """Draw the saved scenarios with open, copy, delete and rename; return the action, its scenario and
    the new name typed."""
    table(frame, key="scenario.saved", what="scenarios", day=day)
    by_id = {s.id: s for s in saved}
    options = {
        s.id: texts.SAVED_OPTION.format(
            name=s.name or texts.UNNAMED,
            changed=f"{s.changed_at.astimezone():%d.%m.%Y %H:%M}",
            author=s.author,
        )
        for s in saved
    }
    picked = by_id[choose("scenario.pick", texts.PICK_SAVED, options, current, none=None) or saved[0].id]
    state.seed_for("scenario.rename_to", picked.name, (picked.id, picked.version))
    cols = st.columns([1, 1, 1, 3, 1.4], vertical_alignment="bottom")
    action = None
    if cols[0].button(texts.OPEN, key="scenario.open", icon=":material/folder_open:"):
        action = "open"
    if cols[1].button(texts.COPY, key="scenario.copy", icon=":material/content_copy:"):
        action = "copy"
    if cols[2].button(texts.DELETE, key="scenario.delete", icon=":material/delete:"):
        action = "delete"
    new_name = cols[3].text_input(texts.RENAME_TO, key="scenario.rename_to")
    if cols[4].button(texts.RENAME, key="scenario.rename", icon=":material/edit:"):
        action = "rename"
    return action, picked, new_name.strip()


def minutes_of_draft(snap: Snapshot, draft: Draft, outcome: Outcome, form: SaveForm) -> Minutes:
    """Return the minutes of the edited scenario as the save form names it, exported now."""
    names = {**comparison_names(snap, outcome.comparison), **data.operation_names(snap, outcome.operations)}
    return minutes_of(
        draft.scenario.renamed(form.name or draft.scenario.name),
        outcome.comparison,
        exported_at=datetime.now().astimezone(),
        names=names,
        data_version=snap.version,
        author=form.author or draft.author,
        reason=form.reason or draft.reason,
        created_at=draft.created_at.astimezone() if draft.created_at else None,
        changed_at=draft.changed_at.astimezone() if draft.changed_at else None,
        issues=outcome.issues,
    )


def minutes_downloads(make: Callable[[], Minutes], day: date, *, disabled: bool) -> None:
    """Draw the downloads of the minutes, an xlsx and a printable HTML page, made when clicked."""
    left, right = st.columns(2)
    left.download_button(
        texts.MINUTES_XLSX,
        data=lambda: minutes_xlsx_bytes(make()),
        file_name=texts.export_name("minutes", day, "xlsx"),
        mime=MINUTES_MIME["xlsx"],
        key="scenario.minutes_xlsx",
        on_click="ignore",
        disabled=disabled,
        icon=":material/table:",
    )
    right.download_button(
        texts.MINUTES_HTML,
        data=lambda: minutes_html(make()).encode("utf-8"),
        file_name=texts.export_name("minutes", day, "html"),
        mime=MINUTES_MIME["html"],
        key="scenario.minutes_html",
        on_click="ignore",
        disabled=disabled,
        icon=":material/print:",
    )
