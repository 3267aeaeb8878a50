"""Building the graph, its index and its frames in bulk gives what node-by-node networkx calls give."""

from datetime import date
from typing import Any

import networkx as nx
import polars as pl
import pytest

from model.deadlines import Deadline, DeadlineKind
from model.entities import (
    Activity,
    Authority,
    AuthorityLevel,
    Entity,
    Person,
    Roadmap,
    RoadmapLevel,
    School,
    SchoolStatus,
    Source,
    Territory,
    TerritoryLevel,
)
from model.graph import build_graph
from model.index import Ref, index_of
from model.relations import EdgeKind, FanOut, Link
from model.tables import graph_tables
from model.territory import territory_index

REGION, TOWN = "ter:k", "ter:k/p"
UO, SCHOOL, PLAN = "auth:uo", "school:35", "rm:1"
OCTOBER = (date(2020, 10, 1), date(2020, 10, 31))
MARCH = (date(2021, 3, 1), date(2021, 3, 31))


def where(row: int) -> Source:
    return Source("rm.xlsx", "Лист1", row)


def seminar(id_: str, windows: tuple[tuple[date, date], ...] = ()) -> Activity:
    kind = DeadlineKind.SEVERAL if windows else DeadlineKind.BY_SCHEDULE
    start, end = (windows[0][0], windows[-1][1]) if windows else (None, None)
    return Activity(id_, PLAN, "1", "Семинар", Deadline(kind, start, end, windows, "по графику"))


ENTITIES: list[Entity] = [
    Territory(REGION, "Кузбасс", TerritoryLevel.REGION),
    Territory(TOWN, "Полысаево", TerritoryLevel.MUNICIPALITY, parent=REGION),
    Authority(UO, "УО", AuthorityLevel.MUNICIPAL, TOWN),
    School(SCHOOL, "Школа № 35", TOWN, (SchoolStatus(2020),)),
    Roadmap(PLAN, "План", UO, TOWN, RoadmapLevel.MUNICIPALITY, plan_start=date(2020, 9, 1)),
    Person("person:early", "Ранний И.И.", organisation="act:1"),
    seminar("act:1", (OCTOBER, MARCH)),
    seminar("act:2"),
    Person("person:late", "Поздний П.П.", organisation="act:1"),
    Territory(TOWN, "Полысаево ещё раз", TerritoryLevel.MUNICIPALITY),
]
LINKS = [
    Link("act:1", EdgeKind.PART_OF, PLAN, {}, where(1)),
    Link(UO, EdgeKind.RESPONSIBLE_FOR, "act:1", {"lead": False, "ref": "УО"}, where(2)),
    Link(TOWN, EdgeKind.RESPONSIBLE_FOR, "act:1", {"fan_out": FanOut.SCHOOLS, "ref": "ОО"}, where(3)),
    Link(TOWN, EdgeKind.RESPONSIBLE_FOR, "act:1", {"fan_out": FanOut.MUNICIPAL_AUTHORITIES}, where(4)),
    Link(UO, EdgeKind.RESPONSIBLE_FOR, "act:1", {"lead": True}, where(5)),
    Link(UO, EdgeKind.RESPONSIBLE_FOR, "act:2", {"lead": True, "ref": "УО"}, where(6)),
    Link(SCHOOL, EdgeKind.LOCATED_IN, TOWN, {}, where(7)),
    Link("act:2", EdgeKind.PART_OF, "rm:nowhere", {}, where(8)),
    Link(PLAN, EdgeKind.PART_OF, "act:1", {}, where(9)),
]


def graph_by_networkx_calls(entities: list[Entity], links: list[Link]) -> nx.MultiDiGraph:
    """The graph as `add_node` and `add_edge` make it, one call at a time."""
    G = nx.MultiDiGraph()
    for e in entities:
        if e.id not in G:
            G.add_node(e.id, kind=e.kind, entity=e)
    for link in links:
        fan_out = link.attrs.get("fan_out")
        key = f"{link.kind}:{fan_out}" if fan_out else str(link.kind)
        if link.source in G and link.target in G and (link.source, link.target) != (PLAN, "act:1"):
            G.add_edge(link.source, link.target, key=key, kind=link.kind, origin=link.origin, **link.attrs)
    return G


def listed(G: nx.MultiDiGraph) -> list[Any]:
    return [
        list(G.nodes(data=True)),
        [(u, v, k, list(d.items())) for u, v, k, d in G.edges(keys=True, data=True)],
        list(G.in_edges(keys=True)),
    ]


def test_the_graph_holds_what_node_by_node_networkx_calls_would_make() -> None:
    G, issues = build_graph(ENTITIES, LINKS)
    assert nx.is_frozen(G)
    assert listed(G) == listed(graph_by_networkx_calls(ENTITIES, LINKS))
    assert [(i.code, i.row) for i in issues] == [
        ("duplicate-node", None),
        ("dangling-link", 8),
        ("forbidden-link", 9),
    ]


def test_a_link_repeated_between_two_nodes_updates_its_edge_and_keeps_the_first_order_of_attributes() -> None:
    G, _ = build_graph(ENTITIES, LINKS)
    assert list(G.get_edge_data(UO, "act:1").items()) == [
        ("responsible_for", {"kind": EdgeKind.RESPONSIBLE_FOR, "origin": where(5), "lead": True, "ref": "УО"})
    ]
    assert list(G.get_edge_data(TOWN, "act:1")) == [
        "responsible_for:schools",
        "responsible_for:municipal_authorities",
    ]


def test_the_index_names_a_territory_fanning_out_twice_once_and_keeps_both_of_its_refs() -> None:
    G, _ = build_graph(ENTITIES, LINKS)
    index = index_of(G)
    assert index.into[("act:1", EdgeKind.RESPONSIBLE_FOR)] == [UO, TOWN]
    assert index.out[(TOWN, EdgeKind.RESPONSIBLE_FOR)] == ["act:1"]
    assert index.refs == {
        "act:1": [
            Ref(UO, None, True),
            Ref(TOWN, FanOut.SCHOOLS, False),
            Ref(TOWN, FanOut.MUNICIPAL_AUTHORITIES, False),
        ],
        "act:2": [Ref(UO, None, True)],
    }
    assert index.refs["act:1"][0] is index.refs["act:2"][0]
    assert index.parts == {PLAN: ["act:1", "act:2"]}
    assert index.issued == {UO: [PLAN]}
    assert (index.parents, index.children) == ({TOWN: [REGION]}, {REGION: [TOWN]})
    assert index.on == {TOWN: [UO, SCHOOL, PLAN]}


def test_a_person_working_at_an_activity_stands_where_its_roadmap_does_once_it_comes_after_it() -> None:
    G, _ = build_graph(ENTITIES, LINKS)
    rows = territory_index(G).filter(pl.col("kind") == "person").rows()
    assert rows == [
        ("person:early", "person", "Ранний И.И.", None, None, None, None, None),
        ("person:late", "person", "Поздний П.П.", TOWN, REGION, TOWN, None, None),
    ]


def test_an_activity_has_a_row_per_window_and_an_undated_one_a_single_row_without_dates() -> None:
    G, _ = build_graph(ENTITIES, LINKS)
    assert graph_tables(G).activities.rows() == [
        ("act:1", PLAN, UO, date(2020, 9, 1), 1.0, "several", 0, *OCTOBER),
        ("act:1", PLAN, UO, date(2020, 9, 1), 1.0, "several", 1, *MARCH),
        ("act:2", PLAN, UO, date(2020, 9, 1), 1.0, "by_schedule", 0, None, None),
    ]


@pytest.mark.parametrize("entities", [[], ENTITIES[:2]])
def test_a_graph_without_activities_gives_empty_frames_of_their_schemas(entities: list[Entity]) -> None:
    G, _ = build_graph(entities, [])
    tables = graph_tables(G)
    assert (tables.activities.height, tables.responsible.height) == (0, 0)
    assert territory_index(G).height == len(entities)


def test_refused_links_name_the_relation_in_russian_and_the_objects_by_their_names() -> None:
    written = {"role": "координатор", "ref": "№ 017/1324 от 23.06.2020"}
    gone = Link("person:early", EdgeKind.COORDINATES, "rm:ch/017-1324-2020-06-23", written, where(10))
    unnamed = Link("person:nobody", EdgeKind.HEADS, UO, {}, where(11))
    _, issues = build_graph(ENTITIES, [*LINKS, gone, unnamed])
    assert [(i.code, i.message) for i in issues] == [
        ("duplicate-node", "Территория «Полысаево ещё раз» встречается дважды; оставлен первый"),
        (
            "dangling-link",
            "Связь «входит в» от «1 Семинар» (мероприятие) ссылается на объект, которого нет в загруженных "
            "данных: дорожная карта",
        ),
        (
            "forbidden-link",
            "Связь «входит в» не может соединять «План» (дорожная карта) и «1 Семинар» (мероприятие)",
        ),
        (
            "dangling-link",
            "Связь «координирует» от «Ранний И.И.» (человек) ссылается на объект, которого нет в загруженных "
            "данных: дорожная карта «№ 017/1324 от 23.06.2020»",
        ),
        (
            "dangling-link",
            "Связь «руководит» к «УО» (орган управления образованием) ссылается на объект, которого нет в "
            "загруженных данных: человек",
        ),
    ]


def test_a_node_read_twice_is_reported_with_where_the_one_kept_was_read() -> None:
    first = School(SCHOOL, "Школа № 35", TOWN, source=Source("ref.xlsx", "Школы", 4))
    again = School(SCHOOL, "Школа 35", TOWN, source=Source("ref.xlsx", "Школы", 9))
    _, [issue] = build_graph([first, again], [])
    assert (
        issue.message
        == "Школа «Школа 35» встречается дважды; оставлен первый (ref.xlsx, лист «Школы», строка 4)"
    )
    assert (issue.sheet, issue.row) == ("Школы", 9)
