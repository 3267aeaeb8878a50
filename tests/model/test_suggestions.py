"""Who could take work from an overloaded executor: close bodies with spare capacity."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import polars as pl
import pytest
from scenario_fixtures import polysaevo_world

from model.operation_effects import apply_operations
from model.operations import MoveUnder, Reassign, SetCapacity
from model.plan_state import PlanState, baseline_state
from model.suggestions import SUGGESTION_SCHEMA, affected_months, suggest_takers

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
