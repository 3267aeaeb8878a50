"""Chains of responsibility, scopes and obligations on the small Kuzbass of the seed orders."""

from __future__ import annotations

from datetime import date

import networkx as nx
import polars as pl
import pytest
from chain_fixtures import (
    APPOINT_COORDINATORS,
    CENTRAL,
    CONSULTATION,
    F162,
    GOLUBITSKAYA,
    GUTNIK,
    HEADS_REPORT,
    IMC,
    INTERVIEW,
    IPK,
    IVANTSOVA,
    KOIN,
    KRUL,
    KUKINA,
    KUZNETSK,
    MEETING,
    MINISTRY,
    MUNICIPAL_ROADMAP,
    MYSHKINA,
    NOVOKUZNETSK,
    NSOKO_CONTROL,
    OCMKO,
    POLYSAEVO,
    POZDNYAKOVA,
    REGION,
    REGIONAL_WEBINARS,
    RM_162,
    RM_1324,
    RM_1721,
    RM_SCHOOL_35,
    ROO_CENTRAL,
    ROO_KUZNETSK,
    SCHOOL_1,
    SCHOOL_2,
    SCHOOL_35,
    SCHOOL_PLAN,
    THEMATIC_MEETINGS,
    UO,
    kuzbass,
    replaced,
    without,
)
from factories import graph_of

from model.chains import (
    BrokenCode,
    BrokenLink,
    ChainRole,
    broken_links,
    chain_of,
    chains_of_executor,
    chains_of_school,
)
from model.entities import Authority, AuthorityLevel, SchoolStatus, SchoolStatusKind
from model.index import carried_by, fan_out_members, index_of
from model.queries import OBLIGATION_SCHEMA, Scope, obligations_of, scope_of
from model.relations import EdgeKind, FanOut, Link
from model.superiors import authorities_above

E = EdgeKind
R = ChainRole
UO_NAME = "Управление образования Полысаевского городского округа"
MINISTRY_NAME = "Министерство образования и науки Кузбасса"
KOIN_NAME = "Комитет образования и науки администрации г. Новокузнецка"
OO_POLYSAEVO = "все ШНОР территории «Полысаевский городской округ»"
ROO_CITY = "все РОО территории «Новокузнецкий городской округ»"


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return graph_of(*kuzbass())


def graph_without(*drop: tuple[str, EdgeKind, str]) -> nx.MultiDiGraph:
    entities, links = kuzbass()
    return graph_of(entities, without(links, *drop))


# --- chains --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "names"),
    [
        (R.EXECUTOR, ("МБОУ ДПО «ИМЦ»", OO_POLYSAEVO)),
        (R.COORDINATOR, ("Кукина В.В.",)),
        (R.HEAD, ("Кукина В.В.",)),
        (R.AUTHORITY, (UO_NAME, MINISTRY_NAME)),
        (R.ROADMAP, ("№ 162 от 28.10.2020", "№ 1721 от 23.10.2020")),
        (R.ISSUER, (UO_NAME, MINISTRY_NAME)),
        (R.CONTROLLER, ("Гутник И.С.", "Голубицкая Л.В.")),
    ],
)
def test_an_activity_of_polysaevo_leads_to_the_deputy_minister_of_kuzbass(
    G: nx.MultiDiGraph, role: ChainRole, names: tuple[str, ...]
) -> None:
    assert chain_of(G, CONSULTATION).names(role) == names


def test_the_chain_of_a_consultation_is_drawn_edge_by_edge(G: nx.MultiDiGraph) -> None:
    activity = "7. Консультация для заместителей директоров по УВР"
    assert chain_of(G, CONSULTATION).triples() == (
        (activity, "part_of", "№ 162 от 28.10.2020"),
        ("Голубицкая Л.В.", "controls", "№ 1721 от 23.10.2020"),
        ("Гутник И.С.", "controls", "№ 162 от 28.10.2020"),
        ("Кукина В.В.", "coordinates", "№ 162 от 28.10.2020"),
        ("Кукина В.В.", "heads", "МБОУ ДПО «ИМЦ»"),
        ("МБОУ ДПО «ИМЦ»", "executes", activity),
        ("МБОУ ДПО «ИМЦ»", "subordinate_to", UO_NAME),
        (MINISTRY_NAME, "issued", "№ 1721 от 23.10.2020"),
        (UO_NAME, "issued", "№ 162 от 28.10.2020"),
        (UO_NAME, "subordinate_to", MINISTRY_NAME),
        (OO_POLYSAEVO, "executes", activity),
        (OO_POLYSAEVO, "subordinate_to", UO_NAME),
        ("№ 162 от 28.10.2020", "based_on", "№ 1721 от 23.10.2020"),
    )
    assert chain_of(G, CONSULTATION).broken == ()


def test_the_chain_graph_is_frozen_and_every_node_has_a_role_name_and_kind(G: nx.MultiDiGraph) -> None:
    graph = chain_of(G, CONSULTATION).graph
    assert nx.is_frozen(graph)
    assert all({"role", "roles", "name", "kind"} <= data.keys() for _, data in graph.nodes(data=True))
    assert all("label" in data for _, _, data in graph.edges(data=True))


@pytest.mark.parametrize(
    ("activity", "node", "roles"),
    [
        (CONSULTATION, KUKINA, (R.COORDINATOR, R.HEAD)),
        (MEETING, UO, (R.EXECUTOR, R.AUTHORITY, R.ISSUER)),
        (MEETING, MINISTRY, (R.AUTHORITY, R.ISSUER)),
        (MEETING, GUTNIK, (R.HEAD, R.CONTROLLER)),
        (SCHOOL_PLAN, MYSHKINA, (R.EXECUTOR, R.CONTROLLER)),
    ],
)
def test_a_node_playing_several_roles_keeps_them_all_and_shows_under_the_first(
    G: nx.MultiDiGraph, activity: str, node: str, roles: tuple[ChainRole, ...]
) -> None:
    data = chain_of(G, activity).graph.nodes[node]
    assert (data["roles"], data["role"]) == (roles, roles[0])


def test_oo_shows_as_one_node_standing_for_all_the_schools_of_the_territory(G: nx.MultiDiGraph) -> None:
    graph = chain_of(G, CONSULTATION).graph
    fan_out = {n: d for n, d in graph.nodes(data=True) if d.get("fan_out")}
    assert [(d["name"], d["fan_out"], d["territory"], d["members"]) for d in fan_out.values()] == [
        (OO_POLYSAEVO, "schools", POLYSAEVO, 1)
    ]
    assert SCHOOL_35 not in graph


def test_roo_in_a_city_roadmap_answers_to_the_city_committee_by_territory(G: nx.MultiDiGraph) -> None:
    chain = chain_of(G, THEMATIC_MEETINGS)
    assert chain.names(R.EXECUTOR) == (KOIN_NAME, ROO_CITY, "МАОУ ДПО ИПК")
    node = f"fan-out:district_authorities:{NOVOKUZNETSK}"
    assert chain.graph.edges[node, KOIN] == {
        "label": "subordinate_to",
        "labels": ("subordinate_to",),
        "inferred": True,
    }
    assert chain.graph.nodes[node]["members"] == 2


def test_moou_in_the_regional_order_answers_to_the_ministry_and_is_coordinated_by_the_regional_centre(
    G: nx.MultiDiGraph,
) -> None:
    chain = chain_of(G, APPOINT_COORDINATORS)
    assert chain.names(R.EXECUTOR) == ("все МОУО территории «Кемеровская область – Кузбасс»",)
    assert chain.names(R.COORDINATOR) == ("ГУ «Областной центр мониторинга качества образования»",)
    assert chain.names(R.HEAD) == ("Шитова О.А.",)
    assert chain.names(R.CONTROLLER) == ("Голубицкая Л.В.",)


def test_an_activity_with_no_resolved_executor_is_a_broken_chain(G: nx.MultiDiGraph) -> None:
    chain = chain_of(G, NSOKO_CONTROL)
    assert chain.broken == (
        BrokenLink(
            BrokenCode.NO_EXECUTOR,
            NSOKO_CONTROL,
            "исполнители не распознаны: «муниципальный координатор по НСОКО»",
        ),
    )
    assert chain.names(R.EXECUTOR) == ()
    assert chain.names(R.CONTROLLER) == ("Гутник И.С.", "Голубицкая Л.В.")


def test_oo_with_no_school_listed_in_the_year_leaves_the_activity_without_executor() -> None:
    entities, links = kuzbass()
    entities = replaced(entities, SCHOOL_35, statuses=(SchoolStatus(2021),))
    G = graph_of(entities, without(links, (IMC, E.RESPONSIBLE_FOR, CONSULTATION)))
    assert chain_of(G, CONSULTATION).broken == (
        BrokenLink(BrokenCode.NO_EXECUTOR, CONSULTATION, f"«{OO_POLYSAEVO}»: никого в списке на 2020/21"),
    )


def test_an_empty_oo_beside_a_named_executor_is_a_gap_of_its_own_kind() -> None:
    entities, links = kuzbass()
    G = graph_of(replaced(entities, SCHOOL_35, statuses=()), links)
    chain = chain_of(G, CONSULTATION)
    assert chain.broken == (
        BrokenLink(BrokenCode.EMPTY_FAN_OUT, CONSULTATION, f"«{OO_POLYSAEVO}»: никого в списке на 2020/21"),
    )
    assert chain.graph.nodes[f"fan-out:schools:{POLYSAEVO}"]["members"] == 0
    assert broken_links(G, [CONSULTATION]) == list(chain.broken)


def test_an_oo_that_reaches_a_listed_school_leaves_the_chain_whole() -> None:
    entities, links = kuzbass()
    assert chain_of(graph_of(entities, links), CONSULTATION).broken == ()


def test_a_roadmap_without_a_controller_breaks_the_chains_of_its_activities() -> None:
    entities, links = kuzbass()
    entities = replaced(entities, RM_162, controller=None)
    G = graph_of(entities, without(links, (GUTNIK, E.CONTROLS, RM_162)))
    chain = chain_of(G, MUNICIPAL_ROADMAP)
    assert chain.broken == (
        BrokenLink(
            BrokenCode.NO_CONTROLLER,
            MUNICIPAL_ROADMAP,
            "у дорожной карты «№ 162 от 28.10.2020» не указан контролирующий",
        ),
    )
    assert chain.names(R.CONTROLLER) == ("Голубицкая Л.В.",)


def test_a_roadmap_without_an_issuer_breaks_the_chains_of_its_activities() -> None:
    entities, links = kuzbass()
    entities = replaced(entities, RM_1324, issuer="")
    G = graph_of(entities, without(links, (RM_1324, E.ISSUED_BY, KOIN)))
    assert [b.code for b in chain_of(G, HEADS_REPORT).broken] == [BrokenCode.NO_ISSUER]


def test_the_regional_coordinator_does_not_stand_in_for_a_missing_municipal_one() -> None:
    G = graph_without((KUKINA, E.COORDINATES, RM_162))
    assert chain_of(G, MUNICIPAL_ROADMAP).broken == (
        BrokenLink(
            BrokenCode.NO_COORDINATOR,
            MUNICIPAL_ROADMAP,
            "нет координатора ни у исполнителей, ни у дорожной карты «№ 162 от 28.10.2020»",
        ),
    )


def test_who_coordinates_the_territory_coordinates_the_executors_on_it() -> None:
    entities, links = kuzbass()
    links = [*without(links, (KUKINA, E.COORDINATES, RM_162)), Link(KUKINA, E.COORDINATES, POLYSAEVO)]
    chain = chain_of(graph_of(entities, links), MUNICIPAL_ROADMAP)
    assert chain.broken == ()
    assert chain.graph.edges[KUKINA, IMC] == {
        "label": "heads",
        "labels": ("heads", "coordinates"),
        "via": POLYSAEVO,
    }


@pytest.mark.parametrize(
    ("dropped", "below", "above"),
    [
        ((IMC, E.SUBORDINATE_TO, UO), IMC, UO),
        ((UO, E.SUBORDINATE_TO, MINISTRY), UO, MINISTRY),
    ],
)
def test_a_body_without_subordination_answers_to_the_authority_of_its_territory_or_the_one_above(
    dropped: tuple[str, EdgeKind, str], below: str, above: str
) -> None:
    chain = chain_of(graph_without(dropped), MUNICIPAL_ROADMAP)
    assert chain.graph.edges[below, above] == {
        "label": "subordinate_to",
        "labels": ("subordinate_to",),
        "inferred": True,
    }


def test_a_person_executor_answers_through_the_school_they_head(G: nx.MultiDiGraph) -> None:
    triples = chain_of(G, SCHOOL_PLAN).triples()
    assert ("Мышкина О.Н.", "heads", "МБОУ «Школа № 35»") in triples
    assert ("МБОУ «Школа № 35»", "subordinate_to", UO_NAME) in triples


def test_the_chain_of_a_school_roadmap_climbs_to_the_regional_order(G: nx.MultiDiGraph) -> None:
    chain = chain_of(G, SCHOOL_PLAN)
    assert chain.names(R.ROADMAP) == ("№ 1 от 20.11.2020", "№ 162 от 28.10.2020", "№ 1721 от 23.10.2020")
    assert chain.names(R.CONTROLLER) == ("Мышкина О.Н.", "Гутник И.С.", "Голубицкая Л.В.")
    assert [b.code for b in chain.broken] == [BrokenCode.NO_COORDINATOR]


def test_orders_based_on_each_other_in_a_circle_still_give_a_chain() -> None:
    entities, links = kuzbass()
    G = graph_of(entities, [*links, Link(RM_1721, E.BASED_ON, RM_SCHOOL_35)])
    assert chain_of(G, INTERVIEW).names(R.ROADMAP) == (
        "№ 162 от 28.10.2020",
        "№ 1721 от 23.10.2020",
        "№ 1 от 20.11.2020",
    )


@pytest.mark.parametrize("node", [SCHOOL_35, "act:nowhere"])
def test_the_chain_of_something_that_is_not_an_activity_is_a_key_error(G: nx.MultiDiGraph, node: str) -> None:
    with pytest.raises(KeyError):
        chain_of(G, node)


def test_a_shared_index_gives_the_same_answers_as_reading_the_graph_each_time(G: nx.MultiDiGraph) -> None:
    index = index_of(G)
    assert chain_of(G, MEETING, index=index).triples() == chain_of(G, MEETING).triples()
    assert chains_of_school(G, SCHOOL_35, index=index).triples() == chains_of_school(G, SCHOOL_35).triples()
    assert obligations_of(G, SCHOOL_35, index=index).equals(obligations_of(G, SCHOOL_35))
    assert scope_of(G, POLYSAEVO, index=index) == scope_of(G, POLYSAEVO)


# --- unions of chains ----------------------------------------------------------------------------------


def test_the_chains_of_a_school_gather_every_level_down_to_its_own_roadmap(G: nx.MultiDiGraph) -> None:
    chains = chains_of_school(G, SCHOOL_35)
    assert chains.activities == (REGIONAL_WEBINARS, MEETING, CONSULTATION, SCHOOL_PLAN)
    assert chains.names(R.CONTROLLER) == ("Голубицкая Л.В.", "Гутник И.С.", "Мышкина О.Н.")
    assert [(b.code, b.activity) for b in chains.broken] == [(BrokenCode.NO_COORDINATOR, SCHOOL_PLAN)]
    assert nx.is_frozen(chains.graph)


@pytest.mark.parametrize(
    ("executor", "activities"),
    [
        (ROO_CENTRAL, (THEMATIC_MEETINGS, HEADS_REPORT)),
        (UO, (APPOINT_COORDINATORS, MUNICIPAL_ROADMAP, MEETING)),
        (IMC, (MUNICIPAL_ROADMAP, MEETING, CONSULTATION)),
        (GOLUBITSKAYA, ()),
        ("inst:nowhere", ()),
    ],
)
def test_the_chains_of_an_executor_include_what_reaches_it_through_a_fan_out(
    G: nx.MultiDiGraph, executor: str, activities: tuple[str, ...]
) -> None:
    assert chains_of_executor(G, executor).activities == activities


def test_a_node_in_two_chains_keeps_the_roles_of_both(G: nx.MultiDiGraph) -> None:
    graph = chains_of_executor(G, UO).graph
    assert graph.nodes[UO]["roles"] == (R.EXECUTOR, R.AUTHORITY, R.ISSUER)


# --- fan-out and what an executor carries --------------------------------------------------------------


@pytest.mark.parametrize(
    ("territory", "fan_out", "years", "members"),
    [
        (REGION, FanOut.MUNICIPAL_AUTHORITIES, None, [UO, KOIN]),
        (NOVOKUZNETSK, FanOut.DISTRICT_AUTHORITIES, None, [ROO_CENTRAL, ROO_KUZNETSK]),
        (REGION, FanOut.SCHOOLS, frozenset({2020}), [SCHOOL_35, SCHOOL_1]),
        (REGION, FanOut.SCHOOLS, frozenset({2019}), []),
        (KUZNETSK, FanOut.SCHOOLS, None, []),
        (CENTRAL, FanOut.SCHOOLS, None, [SCHOOL_1]),
    ],
)
def test_a_fan_out_stands_for_the_bodies_of_its_kind_beneath_the_territory(
    G: nx.MultiDiGraph, territory: str, fan_out: FanOut, years: frozenset[int] | None, members: list[str]
) -> None:
    assert fan_out_members(G, territory, fan_out, years) == members


@pytest.mark.parametrize(
    ("node", "statuses", "carried"),
    [
        (SCHOOL_35, ("шнор",), {REGIONAL_WEBINARS, MEETING, CONSULTATION}),
        (SCHOOL_1, ("шнор",), {REGIONAL_WEBINARS, HEADS_REPORT}),
        (SCHOOL_2, ("шнор",), set()),
        (SCHOOL_2, ("шнор", "зона риска"), {REGIONAL_WEBINARS, HEADS_REPORT}),
        (ROO_KUZNETSK, ("шнор",), {THEMATIC_MEETINGS, HEADS_REPORT}),
    ],
)
def test_oo_reaches_only_the_schools_listed_with_the_statuses_asked_for(
    G: nx.MultiDiGraph, node: str, statuses: tuple[str, ...], carried: set[str]
) -> None:
    assert set(carried_by(G, node, statuses=statuses)) == carried


@pytest.mark.parametrize("node", [SCHOOL_35, SCHOOL_1, SCHOOL_2, IMC, UO, KOIN, IPK, ROO_CENTRAL, MYSHKINA])
def test_what_an_executor_carries_agrees_with_the_workload_assignments(G: nx.MultiDiGraph, node: str) -> None:
    from model.workload import assignments

    assigned = set(assignments(G).filter(pl.col("executor") == node)["activity"])
    assert set(carried_by(G, node)) == assigned


@pytest.mark.parametrize(
    ("plan_start", "listed_in", "lands"),
    [
        (date(2020, 9, 1), 2020, True),
        (date(2020, 9, 1), 2021, False),
        (None, 2021, True),
    ],
)
def test_an_undated_oo_reads_the_school_list_of_the_year_the_plan_starts_or_any_year(
    plan_start: date | None, listed_in: int, lands: bool
) -> None:
    entities, links = kuzbass()
    entities = replaced(entities, RM_1324, plan_start=plan_start)
    entities = replaced(entities, SCHOOL_1, statuses=(SchoolStatus(listed_in),))
    assert (HEADS_REPORT in carried_by(graph_of(entities, links), SCHOOL_1)) is lands


@pytest.mark.parametrize(
    ("node", "authorities"),
    [
        (IMC, [UO, MINISTRY]),
        (MYSHKINA, [UO, MINISTRY]),
        (OCMKO, [MINISTRY]),
        (IVANTSOVA, [ROO_CENTRAL, KOIN, MINISTRY]),
        (MINISTRY, []),
        (KRUL, [KOIN, MINISTRY]),
    ],
)
def test_authorities_above_follow_subordination_and_the_bodies_people_work_at(
    G: nx.MultiDiGraph, node: str, authorities: list[str]
) -> None:
    assert authorities_above(G, node) == authorities


def test_an_authority_never_answers_to_its_own_department_of_the_same_territory() -> None:
    entities, links = kuzbass()
    department = "auth:polysaevo-department"
    entities.append(Authority(department, "Отдел общего образования УО", AuthorityLevel.MUNICIPAL, POLYSAEVO))
    links.append(Link(department, E.SUBORDINATE_TO, UO))
    G = graph_of(entities, links)
    assert (authorities_above(G, UO), authorities_above(G, department)) == ([MINISTRY], [UO, MINISTRY])


# --- scope ---------------------------------------------------------------------------------------------


def test_the_scope_of_novokuznetsk_holds_its_districts_bodies_schools_people_and_roadmap(
    G: nx.MultiDiGraph,
) -> None:
    assert scope_of(G, NOVOKUZNETSK) == Scope(
        territories=frozenset({NOVOKUZNETSK, CENTRAL, KUZNETSK}),
        bodies=frozenset({KOIN, IPK, ROO_CENTRAL, ROO_KUZNETSK}),
        schools=frozenset({SCHOOL_1, SCHOOL_2}),
        people=frozenset({POZDNYAKOVA, KRUL, IVANTSOVA}),
        roadmaps=frozenset({RM_1324}),
        activities=frozenset({THEMATIC_MEETINGS, HEADS_REPORT}),
    )


def test_the_scope_of_polysaevo_includes_the_roadmap_of_its_school(G: nx.MultiDiGraph) -> None:
    scope = scope_of(G, POLYSAEVO)
    assert scope.roadmaps == {RM_162, RM_SCHOOL_35}
    assert scope.activities == {
        MUNICIPAL_ROADMAP,
        INTERVIEW,
        MEETING,
        CONSULTATION,
        NSOKO_CONTROL,
        SCHOOL_PLAN,
    }
    assert scope.people == {KUKINA, GUTNIK, MYSHKINA, "person:eremenko-n-a"}


def test_the_scope_of_the_region_holds_every_activity(G: nx.MultiDiGraph) -> None:
    scope = scope_of(G, REGION)
    assert len(scope.activities) == 10
    assert scope.schools == {SCHOOL_35, SCHOOL_1, SCHOOL_2}


@pytest.mark.parametrize("node", ["ter:nowhere", SCHOOL_35])
def test_the_scope_of_something_that_is_not_a_territory_is_empty(G: nx.MultiDiGraph, node: str) -> None:
    assert scope_of(G, node) == Scope()


# --- obligations ---------------------------------------------------------------------------------------


def test_obligations_have_the_declared_schema(G: nx.MultiDiGraph) -> None:
    assert obligations_of(G, SCHOOL_35).schema == pl.Schema(OBLIGATION_SCHEMA)


def test_everything_landing_on_school_35_from_every_level(G: nx.MultiDiGraph) -> None:
    frame = obligations_of(G, SCHOOL_35)
    assert frame.select("number", "level", "issuer", "lead", "supporters", "via").rows() == [
        (
            "6",
            "region",
            MINISTRY_NAME,
            "ГУ «Областной центр мониторинга качества образования»",
            "МБОУ «Школа № 35»",
            "все ШНОР территории «Кемеровская область – Кузбасс»",
        ),
        ("6.", "municipality", UO_NAME, UO_NAME, "МБОУ ДПО «ИМЦ»; МБОУ «Школа № 35»", OO_POLYSAEVO),
        ("7.", "municipality", UO_NAME, "МБОУ ДПО «ИМЦ»", "МБОУ «Школа № 35»", OO_POLYSAEVO),
        ("2", "school", "МБОУ «Школа № 35»", "Мышкина О.Н.", None, "своя дорожная карта"),
    ]


def test_an_obligation_keeps_its_deadline_and_where_it_was_read(G: nx.MultiDiGraph) -> None:
    row = obligations_of(G, SCHOOL_35).filter(pl.col("activity") == CONSULTATION).row(0, named=True)
    assert row | {"text": ""} == {
        "activity": CONSULTATION,
        "number": "7.",
        "text": "",
        "deadline_raw": "Декабрь 2020",
        "deadline_kind": "month",
        "start": date(2020, 12, 1),
        "end": date(2020, 12, 31),
        "level": "municipality",
        "roadmap": RM_162,
        "roadmap_name": "№ 162 от 28.10.2020",
        "issuer": UO_NAME,
        "lead": "МБОУ ДПО «ИМЦ»",
        "supporters": "МБОУ «Школа № 35»",
        "via": OO_POLYSAEVO,
        "file": F162,
        "sheet": "",
        "row": 11,
    }


def test_a_school_named_in_a_cell_carries_the_activity_directly() -> None:
    entities, links = kuzbass()
    G = graph_of(entities, [*links, Link(SCHOOL_35, E.RESPONSIBLE_FOR, INTERVIEW, {"lead": False})])
    frame = obligations_of(G, SCHOOL_35).filter(pl.col("activity") == INTERVIEW)
    assert frame.select("lead", "supporters", "via").rows() == [
        ("Муниципальная рабочая группа", "МБОУ «Школа № 35»", "напрямую")
    ]


def test_a_school_listed_only_next_year_keeps_only_its_own_roadmap() -> None:
    entities, links = kuzbass()
    entities = replaced(entities, SCHOOL_35, statuses=(SchoolStatus(2021, SchoolStatusKind.LOW_RESULTS),))
    assert obligations_of(graph_of(entities, links), SCHOOL_35)["activity"].to_list() == [SCHOOL_PLAN]


@pytest.mark.parametrize("school", ["school:nowhere", SCHOOL_2])
def test_a_school_nothing_lands_on_has_no_obligations(G: nx.MultiDiGraph, school: str) -> None:
    frame = obligations_of(G, school)
    assert (frame.height, frame.schema) == (0, pl.Schema(OBLIGATION_SCHEMA))
