"""Where things are: locations, the territories above a node, the territory index."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import networkx as nx
import polars as pl
import pytest
from factories import GraphBuilder, month

from model.entities import (
    AuthorityLevel,
    Entity,
    InstituteKind,
    RoadmapLevel,
    School,
    Territory,
    TerritoryLevel,
)
from model.graph import build_graph
from model.relations import EdgeKind, Link
from model.territory import (
    LOCATION_SCHEMA,
    TERRITORY_INDEX_SCHEMA,
    ancestors,
    descendants_of,
    locations,
    territory_index,
)


@pytest.fixture
def kuzbass() -> SimpleNamespace:
    """A region with a city of two districts and a small town, a school in each, bodies, people, roadmaps."""
    b = GraphBuilder()
    w = SimpleNamespace()
    w.region = b.region("Кузбасс")
    w.city = b.municipality("Новокузнецк", w.region)
    w.town = b.municipality("Полысаево", w.region)
    w.central = b.district("Центральный район", w.city)
    w.zavod = b.district("Заводской район", w.city)
    w.s1 = b.school("Школа № 1", w.central, statuses=[2020])
    w.s4 = b.school("Школа № 4", w.town, statuses=[2020])
    w.ministry = b.authority("Министерство образования Кузбасса", w.region, AuthorityLevel.REGIONAL)
    w.uo = b.authority("Управление образования Новокузнецка", w.city)
    w.imc = b.institute("ИМЦ Новокузнецка", w.city, InstituteKind.METHODICAL_CENTRE)
    w.group = b.group("Рабочая группа", w.region)
    w.methodist = b.person("Иванова И.И.", w.imc)
    w.director = b.person("Петров П.П.", w.s1)
    w.nobody = b.person("Сидоров С.С.")
    plan = (date(2020, 9, 1), date(2021, 8, 31))
    w.regional = b.roadmap("Региональная дорожная карта", w.ministry, w.region, plan, RoadmapLevel.REGION)
    w.municipal = b.roadmap("Муниципальная дорожная карта", w.uo, w.city, plan)
    w.school_plan = b.roadmap("Дорожная карта школы № 1", w.s1, w.central, plan, RoadmapLevel.SCHOOL)
    w.regional_act = b.activity(w.regional, windows=[month(2020, 10)], executors=[w.ministry])
    w.municipal_act = b.activity(w.municipal, windows=[month(2020, 10)], executors=[w.imc])
    w.school_act = b.activity(w.school_plan, windows=[month(2020, 10)], executors=[w.s1])
    w.G = b.build()
    return w


def index_row(index: pl.DataFrame, node: str) -> tuple[object, ...]:
    return index.filter(pl.col("node") == node).drop("node", "kind", "name").row(0)


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ("region", ("region", "region", None, None, None)),
        ("city", ("city", "region", "city", None, None)),
        ("central", ("central", "region", "city", "central", None)),
        ("s1", ("central", "region", "city", "central", "s1")),
        ("s4", ("town", "region", "town", None, "s4")),
        ("ministry", ("region", "region", None, None, None)),
        ("imc", ("city", "region", "city", None, None)),
        ("group", ("region", "region", None, None, None)),
        ("methodist", ("city", "region", "city", None, None)),
        ("director", ("central", "region", "city", "central", "s1")),
        ("nobody", (None, None, None, None, None)),
        ("regional", ("region", "region", None, None, None)),
        ("municipal_act", ("city", "region", "city", None, None)),
        ("school_plan", ("central", "region", "city", "central", "s1")),
        ("school_act", ("central", "region", "city", "central", "s1")),
    ],
)
def test_every_node_stands_on_its_territory_region_municipality_district_and_school(
    kuzbass: SimpleNamespace, node: str, expected: tuple[str | None, ...]
) -> None:
    w = kuzbass
    got = index_row(territory_index(w.G), getattr(w, node))
    assert got == tuple(getattr(w, name) if name else None for name in expected)


def test_the_territory_index_has_a_row_for_every_node_and_its_declared_schema(
    kuzbass: SimpleNamespace,
) -> None:
    index = territory_index(kuzbass.G)
    assert index.schema == pl.Schema(TERRITORY_INDEX_SCHEMA)
    assert index.height == kuzbass.G.number_of_nodes() == 20
    assert index.filter(pl.col("node") == kuzbass.s1).select("kind", "name").row(0) == ("school", "Школа № 1")


def test_a_location_given_only_by_an_edge_is_found() -> None:
    entities: list[Entity] = [
        Territory("ter:a", "А", TerritoryLevel.REGION),
        Territory("ter:a/b", "Б", TerritoryLevel.MUNICIPALITY),
        School("school:1", "Школа № 1", "ter:unknown"),
    ]
    links = [
        Link("ter:a/b", EdgeKind.LOCATED_IN, "ter:a"),
        Link("school:1", EdgeKind.LOCATED_IN, "ter:a/b"),
    ]
    G, issues = build_graph(entities, links)
    assert issues == []
    assert locations(G).rows() == [("school:1", "ter:a/b"), ("ter:a/b", "ter:a")]
    assert index_row(territory_index(G), "school:1") == ("ter:a/b", "ter:a", "ter:a/b", None, "school:1")
    assert descendants_of(G, "ter:a") == {"ter:a/b"}


def test_locations_have_their_declared_schema_and_no_repeats(kuzbass: SimpleNamespace) -> None:
    got = locations(kuzbass.G)
    assert got.schema == pl.Schema(LOCATION_SCHEMA)
    assert got.height == got.unique().height == 10


def test_a_school_in_a_district_lies_in_its_city_and_region(kuzbass: SimpleNamespace) -> None:
    w = kuzbass
    above = ancestors(locations(w.G)).filter(pl.col("node") == w.s1)["territory"].to_list()
    assert above == sorted([w.region, w.city, w.central])
    assert ancestors(locations(w.G)).schema == pl.Schema(LOCATION_SCHEMA)


def test_a_cycle_of_territories_does_not_loop_forever() -> None:
    loop = pl.DataFrame([("ter:a", "ter:b"), ("ter:b", "ter:a")], schema=LOCATION_SCHEMA, orient="row")
    assert ancestors(loop).rows() == [
        ("ter:a", "ter:a"),
        ("ter:a", "ter:b"),
        ("ter:b", "ter:a"),
        ("ter:b", "ter:b"),
    ]


@pytest.mark.parametrize(
    ("territory", "expected"),
    [
        ("region", ["city", "town", "central", "zavod"]),
        ("city", ["central", "zavod"]),
        ("town", []),
    ],
)
def test_descendants_are_the_territories_beneath(
    kuzbass: SimpleNamespace, territory: str, expected: list[str]
) -> None:
    w = kuzbass
    assert descendants_of(w.G, getattr(w, territory)) == {getattr(w, t) for t in expected}


def test_an_unknown_territory_has_no_descendants() -> None:
    assert descendants_of(nx.MultiDiGraph(), "ter:nowhere") == set()
