"""The comparison of a scenario with the baseline: load, overload, deadlines, chains, schools."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import polars as pl
import pytest
from factories import month
from scenario_fixtures import polysaevo_world

from model.comparison import (
    CHAIN_CHANGE_SCHEMA,
    DEADLINE_CHANGE_SCHEMA,
    Comparison,
    compare,
    comparison_to_json,
    needs_reason,
    no_change,
)
from model.load_changes import (
    LOAD_CHANGE_SCHEMA,
    OVERLOAD_CHANGE_SCHEMA,
    SCHOOL_BURDEN_SCHEMA,
    UNDATED_CHANGE_SCHEMA,
)
from model.operation_effects import apply_operations
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
)
from model.plan_state import PlanState, baseline_state
from model.workload import assignments_from_tables, capacities_from_entities, load_by_month, overload

OCT, NOV, MAR, APR = date(2020, 10, 1), date(2020, 11, 1), date(2021, 3, 1), date(2021, 4, 1)


@pytest.fixture
def world() -> SimpleNamespace:
    return polysaevo_world()


@pytest.fixture
def base(world: SimpleNamespace) -> PlanState:
    return baseline_state(world.G)


def compared(base: PlanState, ops: list[Operation], **kwargs: object) -> Comparison:
    applied = apply_operations(base, ops)
    assert [i.code for i in applied.issues] == []
    return compare(base, applied.state, **kwargs)


def rows(frame: pl.DataFrame, *columns: str) -> list[tuple[object, ...]]:
    """Return the chosen columns of a frame as tuples, floats rounded to 4 places."""
    out = []
    for row in frame.select(columns).iter_rows():
        out.append(tuple(round(v, 4) if isinstance(v, float) else v for v in row))
    return out


LOAD = ("executor", "month", "active_before", "active_after", "active_delta", "ratio_before", "ratio_after")


def test_handing_five_activities_from_imc_to_rmo_moves_their_load(world, base) -> None:
    c = compared(base, [Reassign(world.imc, world.rmo, world.consultations)])
    assert rows(c.load, *LOAD) == [
        (world.imc, OCT, 6.0, 1.0, -5.0, 1.5, 0.25),
        (world.imc, NOV, 2.0, 2.0, 0.0, 0.5, 0.5),
        (world.rmo, OCT, 0.0, 5.0, 5.0, 0.0, 0.8333),
        (world.rmo, NOV, 1.0, 1.0, 0.0, 0.1667, 0.1667),
    ]
    assert rows(c.load, "name", "due_before", "due_after", "capacity_before", "capacity_after")[:1] == [
        ("ИМЦ Полысаево", 6.0, 1.0, 4.0, 4.0)
    ]
    assert rows(c.overload, "name", "month", "ratio_before", "ratio_after", "change") == [
        ("ИМЦ Полысаево", OCT, 1.5, 0.25, "relieved")
    ]
    assert not needs_reason(c)


@pytest.mark.parametrize(
    ("ops", "overloads", "reason"),
    [
        (
            lambda w: [Reassign(w.imc, w.rmo, w.consultations)],
            [("inst:imts-polysaevo", OCT, "relieved")],
            False,
        ),
        (
            lambda w: [Reassign(w.imc, w.rmo, w.consultations), SetCapacity(w.rmo, 4)],
            [("inst:imts-polysaevo", OCT, "relieved"), ("inst:rmo-uchitelei-matematiki", OCT, "overloaded")],
            True,
        ),
        (lambda w: [SetCapacity(w.imc, 3)], [("inst:imts-polysaevo", OCT, "worse")], True),
        (lambda w: [SetCapacity(w.imc, 5)], [("inst:imts-polysaevo", OCT, "better")], False),
        (lambda w: [SetCapacity(w.imc, 8)], [("inst:imts-polysaevo", OCT, "relieved")], False),
        (lambda w: [Reassign(w.imc, w.uo, (w.joint,))], [], False),
    ],
)
def test_a_change_that_overloads_someone_needs_a_reason(world, base, ops, overloads, reason) -> None:
    c = compared(base, ops(world))
    assert rows(c.overload, "executor", "month", "change") == overloads
    assert needs_reason(c) is reason


@pytest.mark.parametrize(
    ("moved", "ratios", "change", "summary"),
    [
        # 3 of ИМЦ's 6 October activities move to November: 150 % → 75 % and 50 % → 125 %. It was
        # overloaded and stays so in another month, less overall: neither «becomes» nor «stops being».
        (3, [(OCT, 1.5, 0.75), (NOV, 0.5, 1.25)], "better", {"overloaded": 0, "relieved": 0, "worse": 0}),
        # All 6 move: 150 % → 0 %, and 50 % → 200 % — more overload than before.
        (6, [(OCT, 1.5, 0.0), (NOV, 0.5, 2.0)], "worse", {"overloaded": 0, "relieved": 0, "worse": 1}),
    ],
)
def test_an_executor_overloaded_in_other_months_after_the_scenario_gets_one_verdict(
    world, base, moved, ratios, change, summary
) -> None:
    october = (*world.consultations, world.october_seminar)[:moved]
    c = compared(base, [ShiftDeadline(october, months=1)])
    assert rows(c.overload, "executor", "month", "ratio_before", "ratio_after", "change") == [
        (world.imc, m, before, after, change) for m, before, after in ratios
    ]
    assert {k: c.summary()[k] for k in summary} == summary
    assert needs_reason(c) is (change == "worse")


def test_moving_seminars_to_spring_shifts_their_windows(world, base) -> None:
    seminars = (world.october_seminar, world.november_seminar)
    c = compared(base, [ShiftDeadline(seminars, months=5)], as_of=date(2021, 4, 15))
    assert rows(c.deadlines, *DEADLINE_CHANGE_SCHEMA) == [
        (
            world.october_seminar,
            "6 Семинар для учителей",
            "moved",
            *month(2020, 10),
            *month(2021, 3),
            1,
            1,
            True,
        ),
        (
            world.november_seminar,
            "7 Семинар для директоров",
            "moved",
            *month(2020, 11),
            *month(2021, 4),
            1,
            1,
            False,
        ),
    ]
    assert rows(c.load, "month", "active_before", "active_after") == [
        (OCT, 6.0, 5.0),
        (NOV, 2.0, 1.0),
        (MAR, 0.0, 1.0),
        (APR, 0.0, 1.0),
    ]
    assert c.months == (OCT, NOV, MAR, APR)


def test_the_months_asked_for_limit_the_load(world, base) -> None:
    seminars = (world.october_seminar, world.november_seminar)
    c = compared(base, [ShiftDeadline(seminars, months=5)], months=[date(2020, 10, 20), date(2021, 3, 2)])
    assert rows(c.load, "month", "active_before", "active_after") == [(OCT, 6.0, 5.0), (MAR, 0.0, 1.0)]
    assert c.months == (OCT, MAR)


def test_unlisting_a_school_removes_its_fanned_out_windows_for_that_year(world, base) -> None:
    c = compared(base, [UnlistSchool(world.s35, 2020)])
    assert rows(c.load, "executor", "month", "active_before", "active_after", "due_delta") == [
        (world.s35, OCT, 1.0, 0.0, -1.0),
        (world.s35, MAR, 1.0, 0.0, -1.0),
    ]
    assert rows(c.chains, "activity", "executors_before", "executors_after", "broken_after") == [
        (world.diagnostics, [world.s35, world.s44], [world.s44], False)
    ]
    assert c.schools.is_empty()


def test_listing_a_school_makes_its_burden_grow(world, base) -> None:
    c = compared(base, [ListSchool(world.s17, 2020)])
    assert rows(c.schools, *SCHOOL_BURDEN_SCHEMA) == [(world.s17, "Школа № 17", 0, 1, 0, 2)]
    assert c.summary()["schools_burdened"] == 1


def test_unlisting_every_school_of_a_year_breaks_the_chain_of_its_oo_activity(world, base) -> None:
    c = compared(base, [UnlistSchool(world.s44, 2021)])
    assert rows(
        c.chains, "activity", "executors_before", "executors_after", "broken_before", "broken_after"
    ) == [(world.next_year, [world.s44], [], False, True)]
    assert c.summary()["chains_broken"] == 1


def test_moving_a_school_under_another_coordinator_changes_its_chains(world, base) -> None:
    c = compared(base, [MoveUnder(world.s35, world.uo)])
    assert rows(c.chains, "activity", "coordinators_before", "coordinators_after") == [
        (world.diagnostics, [world.imc], [world.uo, world.imc])
    ]
    assert c.names[world.uo] == "Управление образования Полысаево"
    assert c.load.is_empty()


def test_moving_a_body_under_another_superior_changes_the_chains_it_executes(world, base) -> None:
    c = compared(base, [MoveUnder(world.rmo, world.uo, edge="subordinate_to")])
    assert rows(c.chains, "activity", "superiors_before", "superiors_after") == [
        (world.joint, [world.uo, world.imc], [world.uo])
    ]


def test_dropping_and_adding_activities_show_in_deadlines_undated_load_and_chains(world, base) -> None:
    added = AddActivity(world.rm, "Методический десант", windows=(month(2021, 3),))
    c = compared(base, [DropActivity(world.meeting), added])
    new = f"{world.rm}#+1"
    assert rows(
        c.deadlines, "activity", "name", "change", "start_after", "windows_before", "windows_after"
    ) == [
        (new, "Методический десант", "added", date(2021, 3, 1), 0, 1),
        (world.meeting, "11 Совещание по графику", "dropped", None, 0, 0),
    ]
    assert rows(c.undated, *UNDATED_CHANGE_SCHEMA) == [
        (world.uo, "Управление образования Полысаево", 1.0, 0.0)
    ]
    assert rows(c.chains, "activity", "broken_before", "broken_after") == [(new, False, True)]


def test_a_hand_over_that_cuts_an_activity_moves_no_deadline_and_shows_the_part_and_its_chain(
    world, base
) -> None:
    year_long = AddActivity(
        world.rm, "Мониторинг", windows=((date(2020, 9, 1), date(2021, 5, 31)),), executors=(world.imc,)
    )
    november = Reassign(world.imc, world.uo, start=date(2020, 11, 1), end=date(2020, 11, 30), split=True)
    plan = apply_operations(base, [year_long]).state
    c = compare(plan, apply_operations(base, [year_long, november]).state)
    part = f"{world.rm}#+1@1"
    assert rows(c.deadlines, "activity", "name", "change", "start_after", "end_after", "windows_after") == [
        (part, "Мониторинг (часть 01.11.2020–30.11.2020)", "split", NOV, date(2020, 11, 30), 1)
    ]
    summary = c.summary()
    assert (summary["deadlines_moved"], summary["activities_added"]) == (0, 0)
    chains = {a: (b, n) for a, b, n in rows(c.chains, "activity", "executors_before", "executors_after")}
    assert chains[part] == ([world.imc], [world.uo])
    moved = c.load.filter(pl.col("active_delta") != 0)
    assert sorted(rows(moved, "executor", "month", "active_delta")) == sorted(
        [(world.imc, NOV, -3.0), (world.uo, NOV, 3.0)]
    )


def test_the_figures_match_the_workload_of_the_whole_plan(world, base) -> None:
    ops = [
        Reassign(world.imc, world.rmo, world.consultations),
        SetCapacity(world.rmo, 4),
        UnlistSchool(world.s35, 2020),
    ]
    state = apply_operations(base, ops).state
    c = compare(base, state)
    tables = state.tables
    whole = overload(
        load_by_month(assignments_from_tables(tables)),
        capacities_from_entities(tables.entities, state.capacity_overrides),
    )
    mine = whole.join(c.load.select("executor", "month"), on=["executor", "month"], how="semi")
    assert rows(
        mine.sort("executor", "month"), "executor", "month", "active", "due", "capacity", "ratio"
    ) == rows(
        c.load.filter(pl.col("active_after") > 0),
        "executor",
        "month",
        "active_after",
        "due_after",
        "capacity_after",
        "ratio_after",
    )


def test_two_scenarios_compare_with_each_other(world, base) -> None:
    first = apply_operations(base, [Reassign(world.imc, world.rmo, world.consultations)]).state
    second = apply_operations(base, [Reassign(world.imc, world.uo, world.consultations)]).state
    c = compare(first, second)
    assert rows(c.load, "executor", "month", "active_before", "active_after") == [
        (world.uo, OCT, 0.0, 5.0),
        (world.rmo, OCT, 5.0, 0.0),
        (world.rmo, NOV, 1.0, 1.0),
    ]


def scenario_state(base: PlanState, ops: list[Operation]) -> PlanState:
    applied = apply_operations(base, ops)
    assert [i.code for i in applied.issues] == []
    return applied.state


def test_a_scenario_compared_with_another_shows_load_capacity_deadlines_and_chains_between_them(
    world, base
) -> None:
    # «Before»: РМО takes the consultations and ИМЦ gets 8 a month; «after»: УО takes them and the
    # October seminar moves to March, ИМЦ keeping its 4.
    other = scenario_state(
        base, [Reassign(world.imc, world.rmo, world.consultations), SetCapacity(world.imc, 8)]
    )
    this = scenario_state(
        base,
        [
            Reassign(world.imc, world.uo, world.consultations),
            ShiftDeadline((world.october_seminar,), months=5),
        ],
    )
    c = compare(other, this)
    assert rows(c.load, *LOAD, "capacity_before", "capacity_after") == [
        (world.uo, OCT, 0.0, 5.0, 5.0, 0.0, 0.3333, 15.0, 15.0),
        (world.imc, OCT, 1.0, 0.0, -1.0, 0.125, 0.0, 8.0, 4.0),
        (world.imc, NOV, 2.0, 2.0, 0.0, 0.25, 0.5, 8.0, 4.0),
        (world.imc, MAR, 0.0, 1.0, 1.0, 0.0, 0.25, 8.0, 4.0),
        (world.rmo, OCT, 5.0, 0.0, -5.0, 0.8333, 0.0, 6.0, 6.0),
        (world.rmo, NOV, 1.0, 1.0, 0.0, 0.1667, 0.1667, 6.0, 6.0),
    ]
    assert c.overload.is_empty()
    assert rows(c.deadlines, "activity", "change", "start_before", "start_after") == [
        (world.october_seminar, "moved", OCT, MAR)
    ]
    assert rows(c.chains, "activity", "executors_before", "executors_after", "superiors_after") == [
        (a, [world.rmo], [world.uo], [world.ministry]) for a in world.consultations
    ]
    assert c.summary() == {
        "executors": 3,
        "overloaded": 0,
        "relieved": 0,
        "worse": 0,
        "deadlines_moved": 1,
        "activities_added": 0,
        "activities_dropped": 0,
        "chains_changed": 5,
        "chains_broken": 0,
        "schools_burdened": 0,
    }


def test_against_another_scenario_who_becomes_overloaded_is_counted_from_that_scenario(world, base) -> None:
    raised = [SetCapacity(world.imc, 8)]
    handed = [Reassign(world.imc, world.rmo, world.consultations), SetCapacity(world.rmo, 4)]
    other, this = scenario_state(base, raised), scenario_state(base, handed)
    assert rows(
        compare(other, this).overload, "executor", "month", "ratio_before", "ratio_after", "change"
    ) == [(world.rmo, OCT, 0.0, 1.25, "overloaded")]
    # Against the plan the same scenario also relieves ИМЦ (6 of 4 in October); against «raised» it
    # was not overloaded to begin with (6 of 8).
    assert rows(compare(base, this).overload, "executor", "month", "change") == [
        (world.imc, OCT, "relieved"),
        (world.rmo, OCT, "overloaded"),
    ]
    assert rows(
        compare(this, other).overload, "executor", "month", "ratio_before", "ratio_after", "change"
    ) == [(world.rmo, OCT, 1.25, 0.0, "relieved")]


def test_an_activity_one_scenario_drops_is_added_against_it(world, base) -> None:
    dropped = scenario_state(base, [DropActivity(world.meeting)])
    this = scenario_state(base, [SetCapacity(world.uo, 10)])
    c = compare(dropped, this)
    assert rows(c.deadlines, "activity", "change", "windows_before", "windows_after") == [
        (world.meeting, "added", 0, 0)
    ]
    assert rows(c.undated, "executor", "undated_before", "undated_after") == [(world.uo, 0.0, 1.0)]
    assert rows(c.load, "executor", "month", "capacity_before", "capacity_after") == []


def test_two_scenarios_that_each_add_a_different_activity_show_one_added_and_one_dropped(world, base) -> None:
    # Each takes the roadmap's first free id («#+1»); they are two activities, not one that moved.
    seminar = AddActivity(world.rm, "Методический десант", windows=(month(2021, 3),), executors=(world.imc,))
    visit = AddActivity(world.rm, "Выезд в школы", windows=(month(2021, 4),), executors=(world.rmo,))
    other, this = scenario_state(base, [visit]), scenario_state(base, [seminar])
    c = compare(other, this)
    new = f"{world.rm}#+1"
    assert rows(c.deadlines, "activity", "name", "change", "start_before", "start_after") == [
        (new, "Методический десант", "added", None, MAR),
        (f"{new}~before", "Выезд в школы", "dropped", APR, None),
    ]
    assert rows(c.load, "executor", "month", "active_before", "active_after") == [
        (world.imc, OCT, 6.0, 6.0),
        (world.imc, NOV, 2.0, 2.0),
        (world.imc, MAR, 0.0, 1.0),
        (world.rmo, NOV, 1.0, 1.0),
        (world.rmo, APR, 1.0, 0.0),
    ]
    # The same activity added with another deadline is one activity whose deadline moves.
    later = AddActivity(world.rm, "Методический десант", windows=(month(2021, 4),), executors=(world.imc,))
    moved = compare(scenario_state(base, [later]), this)
    assert rows(moved.deadlines, "activity", "change", "start_before", "start_after") == [
        (new, "moved", APR, MAR)
    ]


def test_two_scenarios_of_the_same_operations_differ_in_nothing(world, base) -> None:
    ops = [Reassign(world.imc, world.rmo, world.consultations), UnlistSchool(world.s35, 2020)]
    c = compare(scenario_state(base, ops), scenario_state(base, list(ops)))
    assert all(
        getattr(c, n).is_empty() for n in ("load", "overload", "deadlines", "chains", "schools", "undated")
    )


def test_states_of_different_baselines_compare_row_by_row(world, base) -> None:
    ops = [Reassign(world.imc, world.rmo, world.consultations), ShiftDeadline((world.joint,), months=1)]
    applied = apply_operations(baseline_state(world.G), ops).state
    same = compare(base, apply_operations(base, ops).state)
    other = compare(base, applied)
    for name in ("load", "overload", "deadlines", "chains", "schools", "undated"):
        assert getattr(other, name).equals(getattr(same, name)), name


def test_a_state_compared_with_itself_shows_nothing(base) -> None:
    c = compare(base, base)
    assert all(
        getattr(c, n).is_empty() for n in ("load", "overload", "deadlines", "chains", "schools", "undated")
    )
    assert not needs_reason(c)


@pytest.mark.parametrize(
    ("frame", "schema"),
    [
        ("load", LOAD_CHANGE_SCHEMA),
        ("overload", OVERLOAD_CHANGE_SCHEMA),
        ("deadlines", DEADLINE_CHANGE_SCHEMA),
        ("chains", CHAIN_CHANGE_SCHEMA),
        ("schools", SCHOOL_BURDEN_SCHEMA),
        ("undated", UNDATED_CHANGE_SCHEMA),
    ],
)
def test_every_frame_of_a_comparison_has_its_declared_schema(world, base, frame, schema) -> None:
    ops = [
        Reassign(world.imc, world.rmo, world.consultations),
        ListSchool(world.s17, 2020),
        DropActivity(world.meeting),
        MoveUnder(world.s35, world.uo),
    ]
    for c in (compared(base, ops), compare(base, base), no_change()):
        assert getattr(c, frame).schema == pl.Schema(schema)


def test_a_comparison_reads_as_json(world, base) -> None:
    c = compared(base, [ShiftDeadline((world.october_seminar,), months=1)], as_of=date(2020, 10, 15))
    data = comparison_to_json(c)
    assert data["as_of"] == "2020-10-15"
    assert data["months"] == ["2020-10-01", "2020-11-01"]
    assert data["needs_reason"] is False
    assert data["summary"] == {
        "executors": 1,
        "overloaded": 0,
        "relieved": 0,
        "worse": 0,
        "deadlines_moved": 1,
        "activities_added": 0,
        "activities_dropped": 0,
        "chains_changed": 0,
        "chains_broken": 0,
        "schools_burdened": 0,
    }
    assert data["deadlines"] == [
        {
            "activity": world.october_seminar,
            "name": "6 Семинар для учителей",
            "change": "moved",
            "start_before": "2020-10-01",
            "end_before": "2020-10-31",
            "start_after": "2020-11-01",
            "end_after": "2020-11-30",
            "windows_before": 1,
            "windows_after": 1,
            "in_past": False,
        }
    ]
    assert data["overload"] == [
        {
            "executor": world.imc,
            "name": "ИМЦ Полысаево",
            "month": "2020-10-01",
            "ratio_before": 1.5,
            "ratio_after": 1.25,
            "change": "better",
        }
    ]
