"""Scenario operations applied to the plan's frames: reassign, shift, capacity, lists, drop, add, move."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

import networkx as nx
import polars as pl
import pytest
from factories import month
from hypothesis import given, settings
from hypothesis import strategies as st
from scenario_fixtures import polysaevo_world

from model.deadline_calendar import shift_months
from model.deadlines import DeadlineKind
from model.operation_effects import apply_operations, period_handover, reassigned_activities
from model.operation_words import describe_operation
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
from model.plan_state import ROADMAP_SCHEMA, STRUCTURE_SCHEMA, PlanState, baseline_state
from model.scenario import Scenario, operations_json, scenario_from_json, scenario_to_json
from model.workload import ASSIGNMENT_SCHEMA, assignments, assignments_from_tables, load_by_month


@pytest.fixture
def world() -> SimpleNamespace:
    return polysaevo_world()


@pytest.fixture
def base(world: SimpleNamespace) -> PlanState:
    return baseline_state(world.G)


def carriers(state: PlanState, activity: str) -> list[tuple[str, bool]]:
    """Return (executor, lead) of an activity, one per executor, sorted."""
    rows = state.assignments_of_activities([activity]).select("executor", "lead").unique()
    return sorted(rows.iter_rows())


def windows_of(state: PlanState, activity: str) -> list[tuple[date, date]]:
    return sorted(state.activity_rows([activity]).select("start", "end").iter_rows())


def full_expansion(state: PlanState) -> pl.DataFrame:
    keys = list(ASSIGNMENT_SCHEMA)
    return assignments_from_tables(state.tables).sort(keys, nulls_last=True)


# --- reassign -------------------------------------------------------------------------------------------


def test_handing_five_activities_from_imc_to_rmo_moves_their_rows(world, base) -> None:
    applied = apply_operations(base, [Reassign(world.imc, world.rmo, world.consultations)])
    assert applied.issues == ()
    for activity in world.consultations:
        assert carriers(base, activity) == [(world.imc, True)]
        assert carriers(applied.state, activity) == [(world.rmo, True)]
    assert applied.state.changed == frozenset(world.consultations)


def test_the_new_executor_takes_the_old_ones_place_and_lead(world, base) -> None:
    state = apply_operations(base, [Reassign(world.imc, world.uo, (world.joint,))]).state
    assert carriers(state, world.joint) == [(world.uo, True), (world.rmo, False)]


def test_handing_to_a_co_executor_keeps_one_row_and_the_lead(world, base) -> None:
    state = apply_operations(base, [Reassign(world.imc, world.rmo, (world.joint,))]).state
    assert carriers(state, world.joint) == [(world.rmo, True)]


def test_reassigning_all_of_an_executors_activities_in_a_period_takes_those_overlapping_it(
    world, base
) -> None:
    op = Reassign(world.imc, world.uo, start=date(2020, 11, 1), end=date(2020, 11, 30))
    state = apply_operations(base, [op]).state
    assert state.changed == {world.november_seminar, world.joint}
    assert carriers(state, world.november_seminar) == [(world.uo, True)]
    assert carriers(state, world.october_seminar) == [(world.imc, True)]


def test_handing_over_november_leaves_a_year_long_activity_and_every_other_month_as_they_were(
    world, base
) -> None:
    year_long = AddActivity(
        world.rm, "Мониторинг", windows=((date(2020, 9, 1), date(2021, 5, 31)),), executors=(world.imc,)
    )
    with_monitoring = apply_operations(base, [year_long]).state
    monitoring = f"{world.rm}#+1"
    november = Reassign(world.imc, world.uo, start=date(2020, 11, 1), end=date(2020, 11, 30))
    assert reassigned_activities(with_monitoring, november) == sorted([world.november_seminar, world.joint])
    assert period_handover(with_monitoring, november).straddling == (monitoring,)
    state = apply_operations(base, [year_long, november]).state
    assert carriers(state, monitoring) == [(world.imc, True)]
    assert carriers(state, world.november_seminar) == [(world.uo, True)]

    def imc_load(s: PlanState) -> dict[date, float]:
        months = load_by_month(s.assignments_of_executors([world.imc]), None)
        return dict(months.select("month", "active").iter_rows())

    before, after = imc_load(with_monitoring), imc_load(state)
    assert {m: after.get(m, 0.0) - v for m, v in before.items() if after.get(m, 0.0) != v} == {
        date(2020, 11, 1): -2.0
    }


def _with_monitoring(world: SimpleNamespace) -> tuple[AddActivity, str]:
    """A year-long monitoring by ИМЦ (September to May), added to the plan, and its id."""
    year_long = AddActivity(
        world.rm, "Мониторинг", windows=((date(2020, 9, 1), date(2021, 5, 31)),), executors=(world.imc,)
    )
    return year_long, f"{world.rm}#+1"


def _load(state: PlanState, executor: str) -> dict[date, float]:
    months = load_by_month(state.assignments_of_executors([executor]), None)
    return dict(months.select("month", "active").iter_rows())


def test_handing_over_november_with_split_cuts_a_year_long_activity_at_the_months_bounds(world, base) -> None:
    year_long, monitoring = _with_monitoring(world)
    plan = apply_operations(base, [year_long]).state
    november = Reassign(world.imc, world.uo, start=date(2020, 11, 1), end=date(2020, 11, 30), split=True)
    assert reassigned_activities(plan, november) == sorted([world.november_seminar, world.joint, monitoring])
    assert period_handover(plan, november).straddling == (monitoring,)
    applied = apply_operations(base, [year_long, november])
    state, part = applied.state, f"{monitoring}@1"
    assert applied.issues == ()
    assert windows_of(state, monitoring) == [
        (date(2020, 9, 1), date(2020, 10, 31)),
        (date(2020, 12, 1), date(2021, 5, 31)),
    ]
    assert windows_of(state, part) == [(date(2020, 11, 1), date(2020, 11, 30))]
    assert carriers(state, monitoring) == [(world.imc, True)]
    assert carriers(state, part) == [(world.uo, True)]
    assert state.names([part]) == {part: "Мониторинг (часть 01.11.2020–30.11.2020)"}
    assert state.activity_rows([part])["roadmap"].to_list() == [world.rm]
    # ИМЦ has nothing left in November; УО takes exactly the three; every other month is as it was.
    imc_before, imc_after = _load(plan, world.imc), _load(state, world.imc)
    uo_before, uo_after = _load(plan, world.uo), _load(state, world.uo)
    assert imc_before[date(2020, 11, 1)] == 3.0
    assert date(2020, 11, 1) not in imc_after
    assert {m: v for m, v in imc_before.items() if m != date(2020, 11, 1)} == imc_after
    gained = {m: v - uo_before.get(m, 0.0) for m, v in uo_after.items() if v != uo_before.get(m)}
    assert gained == {date(2020, 11, 1): 3.0}
    keys = list(ASSIGNMENT_SCHEMA)
    assert state.assignments.sort(keys, nulls_last=True).equals(full_expansion(state))


def test_listed_activities_with_a_period_hand_over_only_what_of_them_runs_in_it(world, base) -> None:
    year_long, monitoring = _with_monitoring(world)
    listed = (monitoring, world.october_seminar, world.november_seminar)
    november = {"start": date(2020, 11, 1), "end": date(2020, 11, 30)}
    cut = apply_operations(base, [year_long, Reassign(world.imc, world.uo, listed, **november, split=True)])
    assert cut.issues == ()
    # The listed year-long monitoring is cut, the listed November seminar moves whole, the listed
    # October seminar stays; the joint seminar runs in November too, but it is not listed.
    assert carriers(cut.state, f"{monitoring}@1") == [(world.uo, True)]
    assert carriers(cut.state, world.november_seminar) == [(world.uo, True)]
    assert carriers(cut.state, world.october_seminar) == [(world.imc, True)]
    assert carriers(cut.state, world.joint) == [(world.imc, True), (world.rmo, False)]
    whole = apply_operations(base, [year_long, Reassign(world.imc, world.uo, listed, **november)]).state
    assert whole.changed == {monitoring, world.november_seminar}  # the monitoring was added
    assert carriers(whole, monitoring) == [(world.imc, True)]
    assert carriers(whole, world.november_seminar) == [(world.uo, True)]
    op = Reassign(world.imc, world.uo, (world.october_seminar,), **november, split=True)
    (issue,) = apply_operations(base, [op]).issues
    assert issue.code == "scenario-empty-selection"
    assert issue.message == "Ни одно из выбранных мероприятий «ИМЦ Полысаево» не идёт в выбранном периоде"
    names = {world.imc: "ИМЦ", world.uo: "УО", world.october_seminar: "Семинар"}
    assert describe_operation(op, names) == (
        "Передать мероприятие «Семинар» от «ИМЦ» к «УО» в части, приходящейся на период "
        "01.11.2020 – 30.11.2020"
    )


def test_a_period_that_cuts_a_month_in_two_hands_over_only_its_days(world, base) -> None:
    year_long, monitoring = _with_monitoring(world)
    handover = Reassign(world.imc, world.rmo, start=date(2020, 11, 16), end=date(2021, 1, 10), split=True)
    state = apply_operations(base, [year_long, handover]).state
    assert windows_of(state, monitoring) == [
        (date(2020, 9, 1), date(2020, 11, 15)),
        (date(2021, 1, 11), date(2021, 5, 31)),
    ]
    assert windows_of(state, f"{monitoring}@1") == [(date(2020, 11, 16), date(2021, 1, 10))]


def test_a_second_split_of_the_same_activity_makes_a_second_part(world, base) -> None:
    year_long, monitoring = _with_monitoring(world)
    operations = [
        year_long,
        Reassign(world.imc, world.uo, start=date(2020, 11, 1), end=date(2020, 11, 30), split=True),
        Reassign(world.imc, world.rmo, start=date(2021, 3, 1), end=date(2021, 3, 31), split=True),
    ]
    state = apply_operations(base, operations).state
    assert carriers(state, f"{monitoring}@1") == [(world.uo, True)]
    assert carriers(state, f"{monitoring}@2") == [(world.rmo, True)]
    assert windows_of(state, monitoring) == [
        (date(2020, 9, 1), date(2020, 10, 31)),
        (date(2020, 12, 1), date(2021, 2, 28)),
        (date(2021, 4, 1), date(2021, 5, 31)),
    ]


def test_a_split_part_keeps_the_co_executors_and_hands_over_only_the_givers_place(world, base) -> None:
    # A joint project that ИМЦ leads and РМО helps with, in October and November; November is given.
    widened = AddActivity(
        world.rm,
        "Совместный проект",
        windows=((date(2020, 10, 1), date(2020, 11, 30)),),
        executors=(world.imc, world.rmo),
    )
    november = Reassign(world.imc, world.uo, start=date(2020, 11, 1), end=date(2020, 11, 30), split=True)
    state = apply_operations(base, [widened, november]).state
    project = f"{world.rm}#+1"
    assert carriers(state, project) == [(world.imc, True), (world.rmo, False)]
    assert carriers(state, f"{project}@1") == [(world.uo, True), (world.rmo, False)]


def test_without_split_an_empty_period_says_nothing_runs_wholly_in_it_and_with_split_nothing_runs(
    world, base
) -> None:
    for split, words in ((False, "идущих целиком"), (True, "нет мероприятий в выбранном периоде")):
        op = Reassign(world.uo, world.imc, start=date(2020, 7, 1), end=date(2020, 7, 31), split=split)
        (issue,) = apply_operations(base, [op]).issues
        assert issue.code == "scenario-empty-selection"
        assert words in issue.message


def test_reassigning_without_a_period_takes_everything_the_executor_carries(world, base) -> None:
    state = apply_operations(base, [Reassign(world.uo, world.imc)]).state
    assert state.changed == {world.meeting}
    assert carriers(state, world.meeting) == [(world.imc, True)]


def test_handing_a_territorys_oo_to_a_body_replaces_the_fan_out(world, base) -> None:
    state = apply_operations(base, [Reassign(world.town, world.imc, (world.diagnostics,))]).state
    assert carriers(base, world.diagnostics) == [(world.s35, True), (world.s44, True)]
    assert carriers(state, world.diagnostics) == [(world.imc, True)]


def test_a_school_reached_only_through_oo_cannot_be_reassigned_alone(world, base) -> None:
    applied = apply_operations(base, [Reassign(world.s35, world.imc, (world.diagnostics,))])
    assert [i.code for i in applied.issues] == ["scenario-not-carried"]
    assert "«ОО»" in applied.issues[0].message
    assert applied.state.changed == frozenset()


# --- deadlines ------------------------------------------------------------------------------------------


def test_moving_seminars_to_spring_shifts_their_windows(world, base) -> None:
    seminars = (world.october_seminar, world.november_seminar)
    state = apply_operations(base, [ShiftDeadline(seminars, months=5)]).state
    assert windows_of(state, world.october_seminar) == [month(2021, 3)]
    assert windows_of(state, world.november_seminar) == [month(2021, 4)]
    assert windows_of(base, world.october_seminar) == [month(2020, 10)]


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        (date(2021, 4, 15), [(date(2021, 4, 1), date(2021, 4, 15))]),
        (date(2021, 4, 30), [month(2021, 4)]),
        (date(2020, 9, 10), [(date(2020, 9, 1), date(2020, 9, 10))]),
    ],
)
def test_moving_a_deadline_to_a_date_ends_the_last_window_on_it(world, base, to, expected) -> None:
    state = apply_operations(base, [ShiftDeadline((world.october_seminar,), to=to)]).state
    assert windows_of(state, world.october_seminar) == expected


def test_shifting_a_recurring_activity_moves_every_window(world, base) -> None:
    state = apply_operations(base, [ShiftDeadline((world.diagnostics,), months=-1)]).state
    assert windows_of(state, world.diagnostics) == [month(2020, 9), month(2021, 2)]


def test_an_undated_activity_moved_to_a_date_gets_that_day(world, base) -> None:
    applied = apply_operations(
        base,
        [ShiftDeadline((world.meeting,), months=2), ShiftDeadline((world.meeting,), to=date(2021, 2, 10))],
    )
    assert [(i.code, i.row) for i in applied.issues] == [("scenario-undated", 1)]
    rows = applied.state.activity_rows([world.meeting])
    assert rows.select("deadline_kind", "start", "end").rows() == [
        (str(DeadlineKind.DATE), date(2021, 2, 10), date(2021, 2, 10))
    ]


def test_shifting_into_another_academic_year_changes_which_schools_the_oo_reaches(world, base) -> None:
    state = apply_operations(base, [ShiftDeadline((world.next_year,), months=-12)]).state
    assert carriers(base, world.next_year) == [(world.s44, True)]
    assert carriers(state, world.next_year) == [(world.s35, True), (world.s44, True)]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2020, 10, 31), 1, date(2020, 11, 30)),
        (date(2020, 11, 30), 1, date(2020, 12, 31)),
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2020, 10, 15), 14, date(2021, 12, 15)),
        (date(2021, 3, 1), -6, date(2020, 9, 1)),
    ],
)
def test_whole_months_keep_month_ends(day, months, expected) -> None:
    assert shift_months(day, months) == expected


# --- school lists, capacity ----------------------------------------------------------------------------


def test_unlisting_a_school_removes_its_fanned_out_windows_for_that_year(world, base) -> None:
    state = apply_operations(base, [UnlistSchool(world.s35, 2020)]).state
    assert carriers(state, world.diagnostics) == [(world.s44, True)]
    assert state.assignments_of_executors([world.s35]).is_empty()
    assert state.changed == {world.diagnostics, world.next_year}
    assert base.assignments_of_executors([world.s35])["occurrence"].to_list() == [0, 1]


def test_listing_a_school_gives_it_the_oo_activities_of_that_year_only(world, base) -> None:
    state = apply_operations(base, [ListSchool(world.s17, 2021)]).state
    assert sorted(state.assignments_of_executors([world.s17])["activity"].to_list()) == [world.next_year]


def test_setting_a_capacity_changes_only_the_overrides(world, base) -> None:
    state = apply_operations(base, [SetCapacity(world.rmo, 2), SetCapacity(world.imc, 9)]).state
    assert dict(state.capacity_overrides) == {world.rmo: 2.0, world.imc: 9.0}
    assert state.capacities([world.rmo, world.imc]).rows() == [(world.imc, 9.0), (world.rmo, 2.0)]
    assert base.capacities([world.rmo]).rows() == [(world.rmo, 6.0)]
    back = apply_operations(state, [SetCapacity(world.imc, None)]).state
    assert dict(back.capacity_overrides) == {world.rmo: 2.0}


# --- drop, add, move ------------------------------------------------------------------------------------


def test_dropping_an_activity_removes_its_rows_everywhere(world, base) -> None:
    state = apply_operations(base, [DropActivity(world.joint)]).state
    assert state.assignments_of_activities([world.joint]).is_empty()
    assert state.activity_rows([world.joint]).is_empty()
    assert world.joint not in state.tables.entities["node"].to_list()


def test_an_added_activity_reads_its_deadline_like_a_cell_and_fans_out(world, base) -> None:
    op = AddActivity(
        world.rm, "Методический десант", deadline="март 2021 года", executors=(world.town, world.imc)
    )
    applied = apply_operations(base, [op])
    new = f"{world.rm}#+1"
    assert applied.issues == ()
    assert windows_of(applied.state, new) == [month(2021, 3)]
    assert carriers(applied.state, new) == [(world.imc, False), (world.s35, True), (world.s44, True)]
    assert applied.state.names([new]) == {new: "Методический десант"}


def test_two_added_activities_get_the_next_free_ids(world, base) -> None:
    op = AddActivity(world.rm, "Семинар", windows=(month(2021, 3),), executors=(world.imc,))
    state = apply_operations(base, [op, op]).state
    assert sorted(a for a in state.changed) == [f"{world.rm}#+1", f"{world.rm}#+2"]


def test_moving_a_school_under_another_coordinator_rewires_the_structure(world, base) -> None:
    state = apply_operations(base, [MoveUnder(world.s35, world.uo)]).state
    coordinators = state.structure.filter(pl.col("kind") == "coordinates")
    assert sorted(coordinators.select("source", "target").iter_rows()) == [
        (world.uo, world.s35),
        (world.imc, world.s44),
    ]
    assert state.changed == frozenset()


def test_moving_a_body_under_another_superior_rewires_subordination(world, base) -> None:
    state = apply_operations(base, [MoveUnder(world.rmo, world.uo, edge="subordinate_to")]).state
    up = state.structure.filter((pl.col("kind") == "subordinate_to") & (pl.col("source") == world.rmo))
    assert up["target"].to_list() == [world.uo]


# --- problems are issues -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "code", "column"),
    [
        (
            Reassign("inst:nobody", "inst:rmo-uchitelei-matematiki", ("x",)),
            "scenario-unknown-executor",
            "from_executor",
        ),
        (Reassign("inst:imts-polysaevo", "inst:nobody"), "scenario-unknown-executor", "to_executor"),
        (
            Reassign("inst:imts-polysaevo", "rm:dorozhnaia-karta-polysaevo"),
            "scenario-wrong-kind",
            "to_executor",
        ),
        (ShiftDeadline(("act:missing",), months=1), "scenario-unknown-activity", "activities"),
        (SetCapacity("inst:nobody", 3), "scenario-unknown-executor", "executor"),
        (SetCapacity("inst:imts-polysaevo", -1), "scenario-bad-capacity", "capacity"),
        (SetCapacity("inst:imts-polysaevo", 0), "scenario-bad-capacity", "capacity"),
        (ListSchool("school:nobody", 2020), "scenario-unknown-school", "school"),
        (ListSchool("school:shkola-17", 2020, "отличник"), "scenario-bad-status", "status"),
        (UnlistSchool("school:shkola-17", 2020), "scenario-no-change", ""),
        (DropActivity("act:missing"), "scenario-unknown-activity", "activity"),
        (AddActivity("rm:nowhere", "Семинар"), "scenario-unknown-roadmap", "roadmap"),
        (AddActivity("rm:dorozhnaia-karta-polysaevo", "Семинар", weight=0), "scenario-bad-weight", "weight"),
        (MoveUnder("school:nobody", "inst:imts-polysaevo"), "scenario-unknown-node", "node"),
        (MoveUnder("school:shkola-35", "school:shkola-44"), "scenario-wrong-kind", "to"),
        (MoveUnder("school:shkola-35", "inst:imts-polysaevo", edge="above"), "scenario-bad-edge", "edge"),
    ],
)
def test_an_operation_naming_something_unknown_yields_an_issue_not_an_exception(
    base, operation, code, column
) -> None:
    applied = apply_operations(base, [DropActivity("act:missing"), operation])
    assert [(i.code, i.row, i.column) for i in applied.issues[1:]] == [(code, 2, column)]
    assert applied.issues[1].message


def test_a_partly_unknown_selection_applies_what_it_can(world, base) -> None:
    applied = apply_operations(
        base, [Reassign(world.imc, world.rmo, ("act:missing", world.consultations[0]))]
    )
    assert [i.code for i in applied.issues] == ["scenario-unknown-activity"]
    assert applied.state.changed == {world.consultations[0]}


# --- the baseline and other states stay as they were ---------------------------------------------------


def test_applying_never_changes_the_baseline_nor_another_state(world, base) -> None:
    before = {
        name: getattr(base.baseline.tables, name).clone()
        for name in ("activities", "responsible", "entities")
    }
    assignments_before = base.assignments.clone()
    edges_before = repr(list(world.G.edges(keys=True, data=True)))
    other = apply_operations(base, [Reassign(world.imc, world.uo, (world.joint,))]).state
    other_rows = other.assignments.clone()
    ops: list[Operation] = [
        Reassign(world.imc, world.rmo, world.consultations),
        ShiftDeadline((world.joint,), months=3),
        UnlistSchool(world.s35, 2020),
        DropActivity(world.meeting),
        SetCapacity(world.imc, 1),
        MoveUnder(world.rmo, world.uo, edge="subordinate_to"),
    ]
    apply_operations(base, ops)
    apply_operations(other, ops)
    for name, frame in before.items():
        assert getattr(base.baseline.tables, name).equals(frame)
    assert base.assignments.equals(assignments_before)
    assert base.changed == frozenset() and dict(base.capacity_overrides) == {}
    assert other.assignments.equals(other_rows)
    assert repr(list(world.G.edges(keys=True, data=True))) == edges_before
    assert nx.is_frozen(world.G)


def test_a_baseline_state_matches_the_workload_of_the_graph(world, base) -> None:
    keys = list(ASSIGNMENT_SCHEMA)
    assert base.assignments.sort(keys, nulls_last=True).equals(
        assignments(world.G).sort(keys, nulls_last=True)
    )
    assert base.structure.schema == pl.Schema(STRUCTURE_SCHEMA)
    assert base.baseline.roadmaps.schema == pl.Schema(ROADMAP_SCHEMA)


def every_operation(w: SimpleNamespace) -> list[Operation]:
    return [
        Reassign(w.imc, w.rmo, w.consultations),
        Reassign(w.imc, w.uo, start=date(2020, 11, 1), end=date(2020, 11, 30)),
        ShiftDeadline((w.october_seminar, w.diagnostics), months=5),
        ShiftDeadline((w.next_year,), to=date(2021, 5, 20)),
        SetCapacity(w.rmo, 3),
        ListSchool(w.s17, 2020),
        UnlistSchool(w.s44, 2021),
        ListSchool(w.s35, 2021, "зона риска"),
        DropActivity(w.meeting),
        AddActivity(w.rm, "Семинар", windows=(month(2021, 3),), executors=(w.town, w.rmo), weight=2.0),
        AddActivity(
            w.rm, "Совещание", deadline="по отдельному графику", executors=(w.uo,), activity="act:new"
        ),
        MoveUnder(w.s35, w.uo),
        MoveUnder(w.rmo, w.uo, edge="subordinate_to", previous=w.imc),
        Reassign(w.town, w.imc, start=date(2021, 3, 1), end=date(2021, 3, 31), split=True),
    ]


@pytest.mark.parametrize("count", [1, 3, 6, 9, 13, 14])
def test_the_patched_assignments_equal_a_full_expansion_of_the_patched_tables(world, base, count) -> None:
    state = apply_operations(base, every_operation(world)[:count]).state
    keys = list(ASSIGNMENT_SCHEMA)
    assert state.assignments.sort(keys, nulls_last=True).equals(full_expansion(state))
    assert state.assignments.schema == pl.Schema(ASSIGNMENT_SCHEMA)


def test_a_scenario_applied_on_a_scenario_equals_the_two_applied_at_once(world, base) -> None:
    ops = every_operation(world)
    once = apply_operations(base, ops).state
    twice = apply_operations(apply_operations(base, ops[:5]).state, ops[5:]).state
    keys = list(ASSIGNMENT_SCHEMA)
    assert twice.assignments.sort(keys, nulls_last=True).equals(once.assignments.sort(keys, nulls_last=True))
    assert twice.changed == once.changed


# --- undo and redo --------------------------------------------------------------------------------------


def test_undo_then_push_drops_the_redo_tail() -> None:
    a, b, c = DropActivity("a"), DropActivity("b"), DropActivity("c")
    s = Scenario("Весна").push(a).push(b)
    undone = s.undo()
    assert (undone.cursor, undone.active, undone.can_redo) == (1, (a,), True)
    pushed = undone.push(c)
    assert (pushed.operations, pushed.cursor, pushed.can_redo) == ((a, c), 2, False)
    assert s.operations == (a, b)


def test_undo_and_redo_step_through_the_list_and_stop_at_its_ends() -> None:
    s = Scenario("x", (DropActivity("a"), DropActivity("b")))
    assert s.cursor == 2 and not s.can_redo
    assert s.undo().undo().undo().cursor == 0
    assert s.undo().undo().redo().cursor == 1
    assert s.redo().cursor == 2
    assert Scenario("x", (DropActivity("a"),), cursor=-3).cursor == 0


def test_applying_a_scenario_stops_at_its_cursor(world, base) -> None:
    s = Scenario("x").push(DropActivity(world.joint)).push(DropActivity(world.meeting)).undo()
    state = s.apply(base).state
    assert state.changed == {world.joint}
    assert s.redo().apply(base).state.changed == {world.joint, world.meeting}


# --- JSON ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(14))
def test_every_operation_survives_a_json_round_trip(world, index) -> None:
    op = every_operation(world)[index]
    data = operation_to_json(op)
    assert data["kind"] == str(op.kind)
    assert operation_from_json(data) == (op, [])


def test_operation_json_reads_dates_as_iso_text() -> None:
    op = Reassign("inst:imc", "inst:rmo", start=date(2020, 10, 1), end=date(2020, 12, 31))
    assert operation_to_json(op) == {
        "kind": "reassign",
        "from_executor": "inst:imc",
        "to_executor": "inst:rmo",
        "activities": [],
        "start": "2020-10-01",
        "end": "2020-12-31",
        "split": False,
    }
    added = AddActivity("rm:1", "Семинар", windows=(month(2021, 3),), executors=("inst:imc",))
    assert operation_to_json(added)["windows"] == [["2021-03-01", "2021-03-31"]]


@pytest.mark.parametrize(
    ("data", "codes"),
    [
        ({"kind": "teleport"}, ["scenario-bad-operation"]),
        ("drop", ["scenario-bad-operation"]),
        ({"kind": "drop_activity"}, ["scenario-bad-operation"]),
        ({"kind": "shift_deadline", "activities": ["a"], "to": "весной"}, ["scenario-bad-operation"]),
        ({"kind": "shift_deadline", "activities": ["a"], "months": "два"}, ["scenario-bad-operation"]),
        ({"kind": "set_capacity", "executor": "x", "capacity": True}, ["scenario-bad-operation"]),
        (
            {"kind": "add_activity", "roadmap": "r", "text": "t", "windows": [["2021-03-31", "2021-03-01"]]},
            ["scenario-bad-operation"],
        ),
        ({"kind": "drop_activity", "activity": "a", "why": "так"}, ["scenario-unknown-field"]),
    ],
)
def test_bad_operation_json_yields_issues_not_exceptions(data, codes) -> None:
    op, issues = operation_from_json(data, 4)
    assert [i.code for i in issues] == codes
    assert all(i.row == 4 for i in issues)
    assert (op is None) == (codes != ["scenario-unknown-field"])


def test_a_scenario_survives_a_json_round_trip_with_its_redo_tail(world) -> None:
    s = Scenario("Весна", tuple(every_operation(world)), cursor=4)
    assert scenario_from_json(scenario_to_json(s)) == (s, [])
    assert len(operations_json(s)) == 4


def test_an_unreadable_operation_is_left_out_and_the_cursor_follows() -> None:
    data = {
        "name": "x",
        "operations": [
            {"kind": "fly"},
            {"kind": "drop_activity", "activity": "a"},
            {"kind": "drop_activity", "activity": "b"},
        ],
        "cursor": 2,
    }
    s, issues = scenario_from_json(data)
    assert (s.operations, s.cursor) == ((DropActivity("a"), DropActivity("b")), 1)
    assert [(i.code, i.row) for i in issues] == [("scenario-bad-operation", 1)]


# --- words ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "text"),
    [
        (Reassign("i", "r", ("a", "b", "c", "d", "e")), "Передать 5 мероприятий от «ИМЦ» к «РМО»"),
        (Reassign("i", "r", ("a",)), "Передать мероприятие «Семинар» от «ИМЦ» к «РМО»"),
        (
            Reassign("i", "r", start=date(2020, 10, 1), end=date(2020, 12, 31)),
            "Передать мероприятия «ИМЦ», идущие целиком в периоде 01.10.2020 – 31.12.2020, исполнителю «РМО»",
        ),
        (
            Reassign("i", "r", start=date(2020, 10, 1), end=date(2020, 12, 31), split=True),
            "Передать работу «ИМЦ» в периоде 01.10.2020 – 31.12.2020 исполнителю «РМО»; мероприятия, "
            "идущие и вне периода, делятся по его границам",
        ),
        (ShiftDeadline(("a",), months=5), "Сдвинуть срок мероприятия «Семинар» на 5 мес. позже"),
        (ShiftDeadline(("a", "b"), to=date(2021, 4, 30)), "Перенести сроки 2 мероприятий на 30.04.2021"),
        (SetCapacity("i", 6), "Установить мощность «ИМЦ»: 6 мероприятий в месяц"),
        (SetCapacity("i", 3), "Установить мощность «ИМЦ»: 3 мероприятия в месяц"),
        (SetCapacity("i", 2.5), "Установить мощность «ИМЦ»: 2,5 мероприятия в месяц"),
        (SetCapacity("i", None), "Вернуть мощность «ИМЦ» по данным"),
        (ListSchool("s", 2021), "Включить «Школа № 17» в список ШНОР на 2021/22 учебный год"),
        (UnlistSchool("s", 2020), "Исключить «Школа № 17» из списка на 2020/21 учебный год"),
        (DropActivity("a"), "Исключить мероприятие «Семинар»"),
        (
            AddActivity("rm", "Десант", deadline="март 2021", executors=("i",)),
            "Добавить мероприятие «Десант» в «ДК»: март 2021; исполнители: «ИМЦ»",
        ),
        (MoveUnder("s", "i"), "Передать «Школа № 17» под координацию «ИМЦ»"),
        (MoveUnder("r", "i", edge="subordinate_to"), "Подчинить «РМО» организации «ИМЦ»"),
    ],
)
def test_an_operation_reads_as_a_russian_sentence(operation, text) -> None:
    names = {"i": "ИМЦ", "r": "РМО", "a": "Семинар", "s": "Школа № 17", "rm": "ДК"}
    assert describe_operation(operation, names) == text


# --- properties -----------------------------------------------------------------------------------------

WORLD = polysaevo_world()
BASE = baseline_state(WORLD.G)


def any_operation() -> st.SearchStrategy[Operation]:
    w = WORLD
    acts = st.sampled_from(
        [
            *w.consultations,
            w.october_seminar,
            w.november_seminar,
            w.joint,
            w.diagnostics,
            w.next_year,
            w.meeting,
            "act:x",
        ]
    )
    bodies = st.sampled_from([w.imc, w.rmo, w.uo, w.s35, w.s44, w.s17, w.town, w.group, w.rm, "inst:nobody"])
    schools = st.sampled_from([w.s35, w.s44, w.s17, w.imc, "school:nobody"])
    years = st.sampled_from([2020, 2021])
    days = st.dates(date(2020, 8, 1), date(2021, 12, 31))
    some = st.lists(acts, max_size=3).map(tuple)
    return st.one_of(
        st.builds(Reassign, bodies, bodies, some),
        st.builds(Reassign, bodies, bodies, st.just(()), st.none() | days, st.none() | days),
        st.builds(ShiftDeadline, some, st.integers(-14, 14)),
        st.builds(ShiftDeadline, some, st.just(0), days),
        st.builds(SetCapacity, bodies, st.none() | st.floats(-1, 20, allow_nan=False)),
        st.builds(ListSchool, schools, years, st.sampled_from(["шнор", "зона риска", "?"])),
        st.builds(UnlistSchool, schools, years),
        st.builds(DropActivity, acts),
        st.builds(
            AddActivity,
            st.sampled_from([w.rm, "rm:nowhere"]),
            st.just("Новое мероприятие"),
            st.sampled_from(["", "март 2021 года", "ежемесячно"]),
            st.just(()),
            st.lists(bodies, max_size=2).map(tuple),
        ),
        st.builds(
            MoveUnder,
            st.sampled_from([w.s35, w.rmo, w.imc, w.town]),
            st.sampled_from([w.uo, w.imc, w.rmo, w.s44]),
            st.sampled_from(["coordinates", "subordinate_to"]),
        ),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(any_operation(), max_size=8))
def test_any_list_of_operations_applies_without_raising_and_expands_exactly(ops) -> None:
    applied = apply_operations(BASE, ops)
    keys = list(ASSIGNMENT_SCHEMA)
    assert applied.state.assignments.sort(keys, nulls_last=True).equals(full_expansion(applied.state))
    assert all(i.row is not None and 1 <= i.row <= len(ops) for i in applied.issues)
    for op in ops:
        assert operation_from_json(json.loads(json.dumps(operation_to_json(op)))) == (op, [])
