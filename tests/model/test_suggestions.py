"""Who could take work from an overloaded executor: close bodies with spare capacity."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import polars as pl
import pytest
from factories import GraphBuilder, month
from scenario_fixtures import YEAR_2020, polysaevo_world

from model.comparison import compare
from model.entities import InstituteKind
from model.operation_effects import apply_operations
from model.operations import MoveUnder, Reassign, SetCapacity
from model.plan_state import PlanState, baseline_state
from model.relations import EdgeKind
from model.suggestions import SUGGESTION_SCHEMA, affected_months, suggest_takers, suggested_handovers

OCT, NOV = date(2020, 10, 1), date(2020, 11, 1)


@pytest.fixture
def world() -> SimpleNamespace:
    return polysaevo_world()


@pytest.fixture
def base(world: SimpleNamespace) -> PlanState:
    return baseline_state(world.G)


def offered(frame: pl.DataFrame) -> list[tuple[object, ...]]:
    return frame.select("candidate", "relation", "distance", "spare", "spare_total").rows()


def test_suggestions_stay_within_the_municipality(world, base) -> None:
    found = suggest_takers(world.G, base, world.imc, [OCT, NOV])
    assert offered(found) == [
        (world.uo, "superior", 1, 15.0, 15.0),
        (world.rmo, "subordinate", 1, 6.0, 6.0),
        (world.group, "same_municipality", 2, 6.0, 6.0),
    ]
    assert world.imc_other not in found["candidate"].to_list()
    assert found.row(0, named=True)["name"] == "Управление образования Полысаево"


def test_only_the_months_the_executor_is_overloaded_in_count(world, base) -> None:
    assert affected_months(base, world.imc, [OCT, NOV]) == [OCT]
    relaxed = apply_operations(base, [SetCapacity(world.imc, 10)]).state
    assert affected_months(relaxed, world.imc, [OCT, date(2020, 11, 20)]) == [OCT, NOV]


def test_a_body_without_room_in_the_affected_months_is_not_offered(world, base) -> None:
    ops = [
        Reassign(world.imc, world.rmo, world.consultations[:2]),
        SetCapacity(world.rmo, 2),
        SetCapacity(world.imc, 3),
    ]
    state = apply_operations(base, ops).state
    found = suggest_takers(world.G, state, world.imc, [OCT, NOV])
    assert offered(found) == [
        (world.uo, "superior", 1, 15.0, 15.0),
        (world.group, "same_municipality", 2, 6.0, 6.0),
    ]


def test_a_body_moved_under_another_superior_is_ranked_by_its_new_place(world, base) -> None:
    state = apply_operations(base, [MoveUnder(world.rmo, world.uo, edge="subordinate_to")]).state
    found = suggest_takers(world.G, state, world.imc, [OCT])
    assert offered(found) == [
        (world.uo, "superior", 1, 15.0, 15.0),
        (world.group, "same_municipality", 2, 6.0, 6.0),
        (world.rmo, "same_superior", 2, 6.0, 6.0),
    ]


def test_people_and_schools_are_offered_only_when_asked_for(world, base) -> None:
    found = suggest_takers(world.G, base, world.imc, [OCT], kinds=("school",))
    assert offered(found) == [
        (world.s35, "coordinated", 1, 7.0, 7.0),
        (world.s44, "coordinated", 1, 7.0, 7.0),
        (world.s17, "same_municipality", 2, 8.0, 8.0),
    ]


def test_suggestions_have_their_declared_schema(world, base) -> None:
    assert suggest_takers(world.G, base, world.imc, [OCT]).schema == pl.Schema(SUGGESTION_SCHEMA)
    assert suggest_takers(world.G, base, "inst:nobody", [OCT]).schema == pl.Schema(SUGGESTION_SCHEMA)


def long_work_world(taker_busy: tuple[tuple[date, date], ...]) -> SimpleNamespace:
    """ИМЦ (capacity 2) carries three long activities that meet only in November 2020, where it also has a
    joint seminar with РМО (4 of 2); РМО under it (capacity 6) has a full load in the windows of
    `taker_busy`."""
    b = GraphBuilder()
    w = SimpleNamespace()
    town = b.municipality("Полысаево", b.region("Кузбасс"))
    w.imc = b.institute("ИМЦ Полысаево", town, capacity=2)
    w.rmo = b.institute("РМО учителей математики", town, InstituteKind.TEACHER_ASSOCIATION)
    b.link(w.rmo, EdgeKind.SUBORDINATE_TO, w.imc)
    rm = b.roadmap("Дорожная карта Полысаево", b.authority("УО Полысаево", town), town, YEAR_2020)
    w.autumn = b.activity(rm, [(date(2020, 9, 1), date(2020, 11, 30))], [w.imc], text="Осенний мониторинг")
    w.winter = b.activity(rm, [(date(2020, 11, 1), date(2021, 2, 28))], [w.imc], text="Курсы для учителей")
    w.spring = b.activity(rm, [(date(2020, 11, 1), date(2021, 5, 31))], [w.imc], text="Наставничество")
    b.activity(rm, [month(2020, 11)], [w.imc, w.rmo], text="Совместный семинар")
    if taker_busy:
        b.activity(rm, list(taker_busy), [w.rmo], weight=6.0, text="Олимпиада")
    w.base = baseline_state(b.build())
    w.months = affected_months(w.base, w.imc, [])
    return w


def peaks(w: SimpleNamespace, op: Reassign) -> dict[str, float]:
    """Return the highest load ratio of ИМЦ and РМО once a hand-over is applied."""
    load = compare(w.base, apply_operations(w.base, [op]).state).load
    return dict(load.group_by("executor").agg(pl.col("ratio_after").max()).iter_rows())


def test_a_handover_takes_whole_activities_when_they_fit_the_taker_everywhere() -> None:
    w = long_work_world(taker_busy=())
    assert w.months == [NOV]
    (op,) = suggested_handovers(w.base, w.imc, [w.rmo], w.months)
    assert op is not None and op.split is False and (op.start, op.end) == (None, None)
    assert op.activities == (w.autumn, w.winter)
    assert peaks(w, op) == {w.imc: 1.0, w.rmo: 0.5}


def test_a_handover_cuts_the_overloaded_months_out_when_whole_ones_would_overload_the_taker() -> None:
    # РМО is full every month but November, where ИМЦ needs relief: none of the long activities fits it
    # whole (they would take it to 7 of 6 in September, December or later); their November parts do.
    busy = ((date(2020, 9, 1), date(2020, 10, 31)), (date(2020, 12, 1), date(2021, 5, 31)))
    w = long_work_world(taker_busy=busy)
    (op,) = suggested_handovers(w.base, w.imc, [w.rmo], w.months)
    assert op is not None and op.split is True
    assert (op.start, op.end, op.activities) == (NOV, date(2020, 11, 30), (w.autumn, w.winter))
    assert peaks(w, op) == {w.imc: 1.0, w.rmo: 1.0}


def test_no_handover_is_offered_when_the_taker_has_no_room_where_the_work_is() -> None:
    w = long_work_world(taker_busy=((date(2020, 9, 1), date(2021, 5, 31)),))
    assert suggested_handovers(w.base, w.imc, [w.rmo], w.months) == [None]
    assert suggested_handovers(w.base, w.rmo, [w.imc], w.months) == [None]  # РМО is not overloaded
