"""Assignments with fan-out, load per month, capacity and overload (shared/specs/workload.md)."""

from __future__ import annotations

import dataclasses
from datetime import date
from types import SimpleNamespace

import networkx as nx
import polars as pl
import pytest
from factories import GraphBuilder, month

from model.entities import AuthorityLevel, InstituteKind, RoadmapLevel, SchoolStatusKind
from model.relations import FanOut
from model.tables import (
    ACTIVITY_TABLE_SCHEMA,
    ENTITY_SCHEMA,
    RESPONSIBLE_SCHEMA,
    SCHOOL_STATUS_SCHEMA,
    graph_tables,
)
from model.territory import LOCATION_SCHEMA
from model.workload import (
    ASSIGNMENT_SCHEMA,
    CAPACITY_SCHEMA,
    LOAD_SCHEMA,
    OVERLOAD_SCHEMA,
    UNDATED_LOAD_SCHEMA,
    activities_behind,
    assignments,
    assignments_from_tables,
    capacities,
    load_by_month,
    overload,
    overloaded,
    undated_load,
)

YEAR_2020 = (date(2020, 9, 1), date(2021, 8, 31))
TWO_YEARS = (date(2020, 9, 1), date(2022, 8, 31))


@pytest.fixture
def kuzbass() -> SimpleNamespace:
    """A region with a city of two districts and a small town, their bodies, schools and roadmaps.

    ШНОР: school 1 (2020, 2021) and school 5 (2021) in the Central district; school 2 (2020 only)
    and school 3 (at risk in 2020) in the Zavodskoi district; school 4 (2020, 2021) in Polysaevo.
    """
    b = GraphBuilder()
    w = SimpleNamespace(b=b)
    w.region = b.region("Кузбасс")
    w.city = b.municipality("Новокузнецк", w.region)
    w.town = b.municipality("Полысаево", w.region)
    w.central = b.district("Центральный район", w.city)
    w.zavod = b.district("Заводской район", w.city)
    w.s1 = b.school("Школа № 1", w.central, statuses=[2020, 2021])
    w.s2 = b.school("Школа № 2", w.zavod, statuses=[2020])
    w.s3 = b.school("Школа № 3", w.zavod, statuses=[(2020, SchoolStatusKind.AT_RISK)])
    w.s4 = b.school("Школа № 4", w.town, statuses=[2020, 2021])
    w.s5 = b.school("Школа № 5", w.central, statuses=[2021])
    w.ministry = b.authority("Министерство образования Кузбасса", w.region, AuthorityLevel.REGIONAL)
    w.uo = b.authority("Управление образования Новокузнецка", w.city)
    w.uo_town = b.authority("Управление образования Полысаево", w.town)
    w.roo_central = b.authority("РОО Центрального района", w.central, AuthorityLevel.DISTRICT)
    w.roo_zavod = b.authority("РОО Заводского района", w.zavod, AuthorityLevel.DISTRICT)
    w.kripkipro = b.institute("КРИПКиПРО", w.region, InstituteKind.REGIONAL_INSTITUTE)
    w.imc = b.institute("ИМЦ Новокузнецка", w.city, InstituteKind.METHODICAL_CENTRE)
    w.curator = b.person("Шитова О.А.", w.kripkipro)
    w.regional = b.roadmap(
        "Региональная дорожная карта", w.ministry, w.region, YEAR_2020, RoadmapLevel.REGION
    )
    w.municipal = b.roadmap("Муниципальная дорожная карта", w.uo, w.city, TWO_YEARS)
    w.unplanned = b.roadmap("Дорожная карта без срока", w.uo, w.city, None)
    return w


def executors_of(frame: pl.DataFrame, activity: str, occurrence: int | None = None) -> list[str]:
    rows = frame.filter(pl.col("activity") == activity)
    if occurrence is not None:
        rows = rows.filter(pl.col("occurrence") == occurrence)
    return sorted(rows["executor"].to_list())


def test_oo_in_a_municipal_roadmap_fans_out_to_its_schools(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(w.municipal, windows=[month(2020, 10)], fan_out=FanOut.SCHOOLS)
    a = assignments(w.b.build())
    assert executors_of(a, act) == [w.s1, w.s2]
    assert a.filter(pl.col("activity") == act)["via"].to_list() == [w.city, w.city]
    assert a.filter(pl.col("activity") == act)["executor_kind"].to_list() == ["school", "school"]


def test_a_school_that_left_the_list_stops_carrying_next_years_windows(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(w.municipal, windows=[month(2020, 10), month(2021, 10)], fan_out=FanOut.SCHOOLS)
    a = assignments(w.b.build())
    assert executors_of(a, act, occurrence=0) == [w.s1, w.s2]
    assert executors_of(a, act, occurrence=1) == [w.s1, w.s5]


def test_the_academic_year_of_a_window_is_the_year_its_start_falls_in(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    august_2021 = w.b.activity(w.municipal, windows=[month(2021, 8)], fan_out=FanOut.SCHOOLS)
    september_2021 = w.b.activity(w.municipal, windows=[month(2021, 9)], fan_out=FanOut.SCHOOLS)
    a = assignments(w.b.build())
    assert executors_of(a, august_2021) == [w.s1, w.s2]
    assert executors_of(a, september_2021) == [w.s1, w.s5]


def test_schools_at_risk_are_not_shnor_unless_asked_for(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(w.municipal, windows=[month(2020, 10)], fan_out=FanOut.SCHOOLS)
    G = w.b.build()
    both = [SchoolStatusKind.LOW_RESULTS, SchoolStatusKind.AT_RISK]
    assert executors_of(assignments(G), act) == [w.s1, w.s2]
    assert executors_of(assignments(G, fan_out_statuses=both), act) == [w.s1, w.s2, w.s3]


def test_oo_in_a_regional_roadmap_reaches_every_shnor_of_the_region(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(w.regional, windows=[month(2021, 3)], executors=[(w.region, FanOut.SCHOOLS)])
    assert executors_of(assignments(w.b.build()), act) == [w.s1, w.s2, w.s4]


def test_an_undated_activity_fans_out_to_the_schools_of_its_plan_year(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(w.municipal, fan_out=FanOut.SCHOOLS)
    assert executors_of(assignments(w.b.build()), act) == [w.s1, w.s2]


def test_without_a_plan_year_an_undated_activity_reaches_every_school_ever_listed(
    kuzbass: SimpleNamespace,
) -> None:
    w = kuzbass
    act = w.b.activity(w.unplanned, fan_out=FanOut.SCHOOLS)
    assert executors_of(assignments(w.b.build()), act) == [w.s1, w.s2, w.s5]


def test_moou_in_a_regional_roadmap_fans_out_to_every_municipal_authority(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(
        w.regional,
        windows=[month(2020, 11)],
        executors=[w.kripkipro, (w.region, FanOut.MUNICIPAL_AUTHORITIES)],
    )
    a = assignments(w.b.build())
    assert executors_of(a, act) == sorted([w.kripkipro, w.uo, w.uo_town])
    assert a.filter(pl.col("activity") == act).select("executor", "lead", "via").rows() == [
        (w.kripkipro, True, None),
        (w.uo, False, w.region),
        (w.uo_town, False, w.region),
    ]


def test_roo_in_a_city_roadmap_fans_out_to_its_district_departments(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(
        w.municipal, windows=[month(2020, 11)], executors=[(w.city, FanOut.DISTRICT_AUTHORITIES)]
    )
    assert executors_of(assignments(w.b.build()), act) == sorted([w.roo_central, w.roo_zavod])


def test_co_executors_carry_full_weight_and_the_lead_is_marked(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(
        w.regional, windows=[month(2020, 10)], executors=[w.imc, w.kripkipro, w.curator], weight=2.5
    )
    a = assignments(w.b.build()).filter(pl.col("activity") == act)
    assert a.select("executor", "executor_kind", "lead", "weight").rows() == [
        (w.imc, "institute", True, 2.5),
        (w.kripkipro, "institute", False, 2.5),
        (w.curator, "person", False, 2.5),
    ]
    assert a.select("roadmap", "issuer").unique().rows() == [(w.regional, w.ministry)]


def test_a_school_named_and_reached_by_a_fan_out_carries_the_activity_once(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(
        w.municipal, windows=[month(2020, 10)], executors=[w.imc, w.s1], fan_out=FanOut.SCHOOLS
    )
    a = assignments(w.b.build()).filter(pl.col("activity") == act)
    assert a.select("executor", "lead", "via").rows() == [
        (w.s1, True, None),
        (w.s2, True, w.city),
        (w.imc, False, None),
    ]


def test_every_occurrence_is_a_row_and_an_undated_activity_has_one_row_without_dates(
    kuzbass: SimpleNamespace,
) -> None:
    w = kuzbass
    recurring = w.b.activity(w.regional, windows=[month(2020, 10), month(2021, 2)], executors=[w.imc])
    undated = w.b.activity(w.regional, executors=[w.imc])
    a = assignments(w.b.build())
    assert a.filter(pl.col("activity") == recurring).select(
        "occurrence", "start", "end", "deadline_kind"
    ).rows() == [
        (0, date(2020, 10, 1), date(2020, 10, 31), "several"),
        (1, date(2021, 2, 1), date(2021, 2, 28), "several"),
    ]
    assert a.filter(pl.col("activity") == undated).select(
        "occurrence", "start", "end", "deadline_kind"
    ).rows() == [(0, None, None, "by_schedule")]


def test_an_activity_nobody_carries_has_no_assignment(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    orphan = w.b.activity(w.municipal, windows=[month(2020, 10)])
    assert executors_of(assignments(w.b.build()), orphan) == []


def test_a_school_added_to_the_tables_is_reached_without_rebuilding_the_graph(
    kuzbass: SimpleNamespace,
) -> None:
    w = kuzbass
    act = w.b.activity(w.municipal, windows=[month(2020, 10)], fan_out=FanOut.SCHOOLS)
    tables = graph_tables(w.b.build())
    new = "school:shkola-6"
    edited = dataclasses.replace(
        tables,
        locations=pl.concat(
            [tables.locations, pl.DataFrame([(new, w.zavod)], schema=LOCATION_SCHEMA, orient="row")]
        ),
        school_statuses=pl.concat(
            [
                tables.school_statuses,
                pl.DataFrame([(new, 2020, "шнор")], schema=SCHOOL_STATUS_SCHEMA, orient="row"),
            ]
        ),
    )
    assert executors_of(assignments_from_tables(tables), act) == [w.s1, w.s2]
    assert executors_of(assignments_from_tables(edited), act) == [w.s1, w.s2, new]


def test_an_activity_handed_over_in_the_tables_moves_to_the_new_executor(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    act = w.b.activity(w.municipal, windows=[month(2020, 10)], executors=[w.imc])
    tables = graph_tables(w.b.build())
    handed = tables.responsible.with_columns(
        executor=pl.when(pl.col("activity") == act).then(pl.lit(w.kripkipro)).otherwise("executor")
    )
    a = assignments_from_tables(dataclasses.replace(tables, responsible=handed))
    assert executors_of(a, act) == [w.kripkipro]


@pytest.mark.parametrize(
    ("table", "schema"),
    [
        ("entities", ENTITY_SCHEMA),
        ("activities", ACTIVITY_TABLE_SCHEMA),
        ("responsible", RESPONSIBLE_SCHEMA),
        ("school_statuses", SCHOOL_STATUS_SCHEMA),
        ("locations", LOCATION_SCHEMA),
    ],
)
def test_graph_tables_have_their_declared_schemas(
    kuzbass: SimpleNamespace, table: str, schema: dict[str, pl.DataType]
) -> None:
    w = kuzbass
    w.b.activity(w.municipal, windows=[month(2020, 10)], fan_out=FanOut.SCHOOLS)
    tables = graph_tables(w.b.build())
    assert getattr(tables, table).schema == pl.Schema(schema)


def test_an_empty_graph_gives_empty_frames_with_the_declared_schemas() -> None:
    a = assignments(nx.MultiDiGraph())
    assert (a.schema, a.height) == (pl.Schema(ASSIGNMENT_SCHEMA), 0)
    assert load_by_month(a).schema == pl.Schema(LOAD_SCHEMA)
    assert undated_load(a).schema == pl.Schema(UNDATED_LOAD_SCHEMA)


# Load per executor and month


@pytest.fixture
def imc_year(kuzbass: SimpleNamespace) -> SimpleNamespace:
    """ИМЦ carries: one October seminar, a September–November course of weight 2, two windows
    (October and December), two windows in the same October, and one undated activity of weight 3."""
    w = kuzbass
    w.seminar = w.b.activity(w.municipal, windows=[month(2020, 10)], executors=[w.imc])
    w.course = w.b.activity(
        w.municipal, windows=[(date(2020, 9, 15), date(2020, 11, 20))], executors=[w.imc], weight=2
    )
    w.twice = w.b.activity(w.municipal, windows=[month(2020, 10), month(2020, 12)], executors=[w.imc])
    w.split = w.b.activity(
        w.municipal,
        windows=[(date(2020, 10, 1), date(2020, 10, 10)), (date(2020, 10, 20), date(2020, 10, 31))],
        executors=[w.kripkipro, w.imc],
    )
    w.undated = w.b.activity(w.municipal, executors=[w.imc], weight=3)
    w.a = assignments(w.b.build())
    return w


def test_load_by_month_counts_active_and_due_weights(imc_year: SimpleNamespace) -> None:
    w = imc_year
    load = load_by_month(w.a).filter(pl.col("executor") == w.imc)
    assert load.select("month", "active", "due").rows() == [
        (date(2020, 9, 1), 2.0, 0.0),
        (date(2020, 10, 1), 5.0, 3.0),
        (date(2020, 11, 1), 2.0, 2.0),
        (date(2020, 12, 1), 1.0, 1.0),
    ]
    assert load.schema == pl.Schema(LOAD_SCHEMA)


def test_an_activity_counts_once_in_a_month_whatever_its_windows_in_it(imc_year: SimpleNamespace) -> None:
    w = imc_year
    load = load_by_month(w.a).filter(pl.col("executor") == w.kripkipro)
    assert load.select("month", "active", "due").rows() == [(date(2020, 10, 1), 1.0, 1.0)]


def test_months_restrict_the_load_to_the_months_asked_for(imc_year: SimpleNamespace) -> None:
    w = imc_year
    load = load_by_month(w.a, months=[date(2020, 11, 17), date(2020, 9, 1)]).filter(
        pl.col("executor") == w.imc
    )
    assert load.select("month", "active", "due").rows() == [
        (date(2020, 9, 1), 2.0, 0.0),
        (date(2020, 11, 1), 2.0, 2.0),
    ]


def test_undated_activities_count_apart_and_are_never_spread_over_months(imc_year: SimpleNamespace) -> None:
    w = imc_year
    assert undated_load(w.a).rows() == [(w.imc, 3.0)]
    assert load_by_month(w.a).filter(pl.col("executor") == w.imc)["active"].sum() == 10.0


@pytest.fixture
def uneven(kuzbass: SimpleNamespace) -> SimpleNamespace:
    """ИМЦ carries: three windows of one activity (September–November, November–January, March) with
    a gap in February, a window of weight 2.5 (October–December), and two windows of weight 0.5 that
    both end in November."""
    w = kuzbass
    w.spread = w.b.activity(
        w.municipal,
        windows=[
            (date(2020, 9, 1), date(2020, 11, 15)),
            (date(2020, 11, 10), date(2021, 1, 31)),
            (date(2021, 3, 1), date(2021, 3, 31)),
        ],
        executors=[w.imc],
    )
    w.heavy = w.b.activity(
        w.municipal, windows=[(date(2020, 10, 1), date(2020, 12, 20))], executors=[w.imc], weight=2.5
    )
    w.half = w.b.activity(
        w.municipal,
        windows=[(date(2020, 10, 5), date(2020, 11, 10)), (date(2020, 11, 20), date(2020, 11, 30))],
        executors=[w.imc],
        weight=0.5,
    )
    w.a = assignments(w.b.build())
    return w


UNEVEN_LOAD = [
    (date(2020, 9, 1), 1.0, 0.0),
    (date(2020, 10, 1), 4.0, 0.0),
    (date(2020, 11, 1), 4.0, 1.5),
    (date(2020, 12, 1), 3.5, 2.5),
    (date(2021, 1, 1), 1.0, 1.0),
    (date(2021, 3, 1), 1.0, 1.0),
]


def test_overlapping_windows_of_an_activity_count_once_and_a_gap_counts_nothing(
    uneven: SimpleNamespace,
) -> None:
    load = load_by_month(uneven.a).filter(pl.col("executor") == uneven.imc)
    assert load.select("month", "active", "due").rows() == UNEVEN_LOAD


def test_the_load_does_not_depend_on_the_order_of_the_assignments(uneven: SimpleNamespace) -> None:
    shuffled = uneven.a.sample(fraction=1.0, shuffle=True, seed=7)
    assert load_by_month(shuffled).equals(load_by_month(uneven.a))
    assert load_by_month(uneven.a)["executor"].to_list() == sorted(load_by_month(uneven.a)["executor"])


def test_months_apart_restrict_the_load_to_each_of_them(uneven: SimpleNamespace) -> None:
    asked = [date(2021, 3, 31), date(2020, 10, 1), date(2021, 1, 15), date(2021, 2, 1)]
    load = load_by_month(uneven.a, months=asked).filter(pl.col("executor") == uneven.imc)
    assert load.select("month", "active", "due").rows() == [UNEVEN_LOAD[i] for i in (1, 4, 5)]
    assert load_by_month(uneven.a, months=[]).schema == pl.Schema(LOAD_SCHEMA)
    assert load_by_month(uneven.a, months=[]).height == 0


@pytest.mark.parametrize(
    ("measure", "month_asked", "expected"),
    [
        ("active", date(2020, 10, 5), ["seminar", "course", "twice", "split"]),
        ("due", date(2020, 10, 5), ["seminar", "twice", "split"]),
        ("due", date(2020, 9, 30), []),
        ("active", date(2020, 12, 1), ["twice"]),
        ("undated", None, ["undated"]),
    ],
)
def test_the_activities_behind_a_figure_sum_to_it(
    imc_year: SimpleNamespace, measure: str, month_asked: date | None, expected: list[str]
) -> None:
    w = imc_year
    behind = activities_behind(w.a, w.imc, month_asked, measure)  # type: ignore[arg-type]
    assert sorted(behind["activity"].to_list()) == sorted(getattr(w, name) for name in expected)
    assert behind.schema == pl.Schema(ASSIGNMENT_SCHEMA)
    if measure == "undated":
        figure = undated_load(w.a).filter(pl.col("executor") == w.imc)["undated"].sum()
    else:
        assert month_asked is not None
        load = load_by_month(w.a).filter(
            (pl.col("executor") == w.imc) & (pl.col("month") == month_asked.replace(day=1))
        )
        figure = load[measure].sum()
    assert behind["weight"].sum() == figure


# Capacity and overload


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("ministry", 40.0),
        ("uo", 15.0),
        ("roo_central", 10.0),
        ("kripkipro", 30.0),
        ("imc", 12.0),
        ("s1", 8.0),
        ("curator", 4.0),
    ],
)
def test_an_executor_without_a_figure_takes_the_default_of_its_kind(
    kuzbass: SimpleNamespace, body: str, expected: float
) -> None:
    caps = capacities(kuzbass.b.build())
    assert caps.filter(pl.col("executor") == getattr(kuzbass, body))["capacity"].to_list() == [expected]
    assert caps.schema == pl.Schema(CAPACITY_SCHEMA)


def test_a_figure_in_the_data_beats_the_default_and_a_users_figure_beats_both() -> None:
    b = GraphBuilder()
    region = b.region("Кузбасс")
    imc = b.institute("ИМЦ", region, InstituteKind.METHODICAL_CENTRE, capacity=20)
    rmo = b.institute("РМО учителей математики", region, InstituteKind.TEACHER_ASSOCIATION)
    school = b.school("Школа № 1", region)
    G = b.build()

    def capacity_of(overrides: dict[str, float]) -> list[float | None]:
        caps = capacities(G, overrides)
        return [caps.filter(pl.col("executor") == e)["capacity"].item() for e in (imc, rmo, school)]

    assert capacity_of({}) == [20.0, 6.0, 8.0]
    assert capacity_of({"institute/teacher_association": 3, "school": 5}) == [20.0, 3.0, 5.0]
    assert capacity_of({"institute": 9}) == [9.0, 9.0, 8.0]
    assert capacity_of({imc: 25, "institute": 9}) == [25.0, 9.0, 8.0]


def test_overload_of_130_percent() -> None:
    b = GraphBuilder()
    region = b.region("Кузбасс")
    ministry = b.authority("Министерство", region, AuthorityLevel.REGIONAL)
    imc = b.institute("ИМЦ", region, InstituteKind.METHODICAL_CENTRE, capacity=10)
    rmo = b.institute("РМО", region, InstituteKind.TEACHER_ASSOCIATION)
    rm = b.roadmap("Дорожная карта", ministry, region, YEAR_2020, RoadmapLevel.REGION)
    for _ in range(13):
        b.activity(rm, windows=[month(2020, 10)], executors=[imc, rmo])
    b.activity(rm, windows=[month(2020, 11)], executors=[imc])
    G = b.build()
    over = overload(load_by_month(assignments(G)), capacities(G))
    assert over.schema == pl.Schema(OVERLOAD_SCHEMA)
    assert over.select("executor", "month", "active", "capacity", "ratio").rows() == [
        (imc, date(2020, 10, 1), 13.0, 10.0, 1.3),
        (imc, date(2020, 11, 1), 1.0, 10.0, 0.1),
        (rmo, date(2020, 10, 1), 13.0, 6.0, pytest.approx(13 / 6)),
    ]
    assert overloaded(over).select("executor", "month").rows() == [
        (rmo, date(2020, 10, 1)),
        (imc, date(2020, 10, 1)),
    ]


def test_an_executor_without_a_capacity_has_no_ratio() -> None:
    load = pl.DataFrame([("ter:kuzbass", date(2020, 10, 1), 2.0, 1.0)], schema=LOAD_SCHEMA, orient="row")
    over = overload(load, pl.DataFrame(schema=CAPACITY_SCHEMA))
    assert over.select("capacity", "ratio").rows() == [(None, None)]
    assert overloaded(over).height == 0
