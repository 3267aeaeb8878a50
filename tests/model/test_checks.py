"""Gaps in the responsibility graph as issues, and broken chains as a frame."""

from __future__ import annotations

from datetime import date

import networkx as nx
import polars as pl
import pytest
from chain_fixtures import (
    F162,
    GUTNIK,
    KOIN,
    MEETING,
    NOVOKUZNETSK,
    NSOKO_CONTROL,
    POLYSAEVO,
    REGION,
    REGION_NAME,
    RM_162,
    RM_1324,
    SCHOOL_35,
    SCHOOL_PLAN,
    kuzbass,
    replaced,
    without,
)
from factories import graph_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.chains import chain_of, chains_of_executor, chains_of_school
from model.checks import BROKEN_SCHEMA, broken_chains, check_graph
from model.deadlines import Deadline, DeadlineKind
from model.entities import (
    Activity,
    Authority,
    AuthorityLevel,
    Entity,
    Group,
    Institute,
    InstituteKind,
    NodeKind,
    Person,
    Roadmap,
    RoadmapLevel,
    School,
    SchoolStatus,
    SchoolStatusKind,
    Source,
    Territory,
    TerritoryLevel,
)
from model.graph import build_graph
from model.ids import make_id
from model.issues import Issue, Severity
from model.queries import obligations_of, scope_of
from model.relations import ALLOWED, EdgeKind, FanOut, Link

E = EdgeKind
KNOWN_GAPS = [
    ("person-without-duties", "", None),
    ("activity-without-executor", F162, 26),
]


def codes(issues: list[Issue]) -> list[tuple[str, str, int | None]]:
    return [(i.code, i.file, i.row) for i in issues]


def new_issues(entities: list[Entity], links: list[Link]) -> list[tuple[str, str]]:
    """Return (code, message) of the issues the change adds to the small Kuzbass."""
    return [
        (i.code, i.message)
        for i in check_graph(graph_of(entities, links))
        if (i.code, i.file, i.row) not in KNOWN_GAPS
    ]


def test_the_small_kuzbass_has_two_known_gaps() -> None:
    issues = check_graph(graph_of(*kuzbass()))
    assert codes(issues) == KNOWN_GAPS
    assert [i.severity for i in issues] == [Severity.INFO, Severity.WARNING]


def test_an_activity_without_executor_names_the_row_it_was_read_from() -> None:
    issue = check_graph(graph_of(*kuzbass()))[1]
    assert issue == Issue(
        "activity-without-executor",
        "У мероприятия «22. Контроль за проведением независимых оценочных процедур» нет ни одного "
        "исполнителя; в ячейке: «муниципальный координатор по НСОКО» "
        f"(источник: {F162}, строка 26)",
        Severity.WARNING,
        F162,
        "",
        26,
    )


def test_a_person_with_no_duty_is_reported_for_information() -> None:
    issue = check_graph(graph_of(*kuzbass()))[0]
    assert issue.message == (
        "«Еременко Н.А.» ничего не возглавляет, не координирует, не контролирует, не исполняет и не входит "
        "ни в одну группу"
    )


def test_a_roadmap_without_controller_is_reported_at_its_order() -> None:
    entities, links = kuzbass()
    entities = replaced(entities, RM_162, controller=None)
    assert new_issues(entities, without(links, (GUTNIK, E.CONTROLS, RM_162))) == [
        (
            "roadmap-without-controller",
            "В приказе «№ 162 от 28.10.2020» (Дорожная карта Полысаевского городского округа) не указано, "
            f"кто контролирует исполнение (источник: {F162})",
        )
    ]


def test_a_roadmap_without_issuer_is_reported() -> None:
    entities, links = kuzbass()
    entities = replaced(entities, RM_1324, issuer="")
    assert [code for code, _ in new_issues(entities, without(links, (RM_1324, E.ISSUED_BY, KOIN)))] == [
        "roadmap-without-issuer"
    ]


def test_an_executor_answering_to_no_authority_is_reported() -> None:
    entities, links = kuzbass()
    lonely = make_id("inst", "Центр «ДАР»")
    entities = [*entities, Institute(lonely, "Центр «ДАР»", InstituteKind.SUPPORT_CENTRE, "ter:nowhere")]
    links = [*links, Link(lonely, E.RESPONSIBLE_FOR, MEETING, {"lead": False})]
    assert new_issues(entities, links) == [
        (
            "executor-without-authority",
            "Исполнитель «Центр «ДАР»» не подчинён ни одному органу управления образованием: "
            "нет ни подчинённости, ни органа на его территории",
        )
    ]


def test_a_school_listed_in_a_year_no_roadmap_reaches_is_reported() -> None:
    entities, links = kuzbass()
    statuses = (SchoolStatus(2020), SchoolStatus(2021))
    entities = replaced(entities, SCHOOL_35, statuses=statuses, source=Source("schools.xlsx", "ШНОР", 3))
    assert new_issues(entities, links) == [
        (
            "municipality-without-roadmap",
            "В «Полысаевский городской округ» есть ШНОР на 2021/22 уч. год, но нет муниципальной дорожной "
            "карты на этот срок",
        ),
        (
            "school-not-covered",
            "ШНОР «МБОУ «Школа № 35»» в списке на 2021/22 уч. год, но ни одна дорожная карта её не "
            "охватывает (источник: schools.xlsx, лист «ШНОР», строка 3)",
        ),
    ]


@pytest.mark.parametrize(
    ("years", "words"),
    [((2020,), "2020/21 уч. год"), ((2020, 2021), "2020/21, 2021/22 уч. годы")],
)
def test_a_municipality_with_shnor_and_no_roadmap_of_its_own_is_reported(
    years: tuple[int, ...], words: str
) -> None:
    entities, links = kuzbass()
    leninsk = make_id("ter", REGION_NAME, "Ленинск-Кузнецкий городской округ")
    listed = tuple(SchoolStatus(y) for y in years)
    entities = [
        *entities,
        Territory(leninsk, "Ленинск-Кузнецкий городской округ", TerritoryLevel.MUNICIPALITY, parent=REGION),
        School(make_id("school", "Ленинск", "Школа № 7"), "МБОУ «Школа № 7»", leninsk, listed),
    ]
    found = [(code, message) for code, message in new_issues(entities, links) if code != "school-not-covered"]
    assert found == [
        (
            "municipality-without-roadmap",
            f"В «Ленинск-Кузнецкий городской округ» есть ШНОР на {words}, "
            "но нет муниципальной дорожной карты на этот срок",
        )
    ]


def test_oo_with_no_listed_school_is_reported_once_per_territory() -> None:
    entities, links = kuzbass()
    entities = replaced(entities, SCHOOL_35, statuses=(SchoolStatus(2019),))
    assert new_issues(entities, links) == [
        (
            "municipality-without-roadmap",
            "В «Полысаевский городской округ» есть ШНОР на 2019/20 уч. год, но нет муниципальной дорожной "
            "карты на этот срок",
        ),
        (
            "school-not-covered",
            "ШНОР «МБОУ «Школа № 35»» в списке на 2019/20 уч. год, но ни одна дорожная карта её не "
            "охватывает",
        ),
        (
            "fan-out-without-bodies",
            "На территории «Полысаевский городской округ» нет ни одной ШНОР в списке на срок мероприятий, "
            f"а им всем поручены мероприятия № 6., 7. (источник: {F162}, строка 10)",
        ),
    ]


def test_school_statuses_at_risk_count_only_when_asked_for() -> None:
    entities, links = kuzbass()
    entities = replaced(entities, SCHOOL_35, statuses=(SchoolStatus(2021, SchoolStatusKind.AT_RISK),))
    G = graph_of(entities, links)
    assert codes(check_graph(G)) == [
        KNOWN_GAPS[0],
        ("fan-out-without-bodies", F162, 10),
        ("activity-without-executor", F162, 26),
    ]
    assert "school-not-covered" in [i.code for i in check_graph(G, statuses=("шнор", "зона риска"))]


# --- broken chains -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return graph_of(*kuzbass())


def test_broken_chains_have_the_declared_schema(G: nx.MultiDiGraph) -> None:
    assert broken_chains(G).schema == pl.Schema(BROKEN_SCHEMA)


@pytest.mark.parametrize(
    ("territory", "rows"),
    [
        (
            None,
            [(NSOKO_CONTROL, "no-executor", F162, 26), (SCHOOL_PLAN, "no-coordinator", "school_35.xlsx", 2)],
        ),
        (
            POLYSAEVO,
            [(NSOKO_CONTROL, "no-executor", F162, 26), (SCHOOL_PLAN, "no-coordinator", "school_35.xlsx", 2)],
        ),
        (NOVOKUZNETSK, []),
        (
            REGION,
            [(NSOKO_CONTROL, "no-executor", F162, 26), (SCHOOL_PLAN, "no-coordinator", "school_35.xlsx", 2)],
        ),
        ("ter:nowhere", []),
    ],
)
def test_broken_chains_of_a_territory_name_the_activity_and_its_row(
    G: nx.MultiDiGraph, territory: str | None, rows: list[tuple[str, str, str, int]]
) -> None:
    assert broken_chains(G, territory).select("activity", "code", "file", "row").rows() == rows


def test_a_broken_chain_row_says_what_is_missing_in_words(G: nx.MultiDiGraph) -> None:
    row = broken_chains(G, POLYSAEVO).row(0, named=True)
    assert row == {
        "activity": NSOKO_CONTROL,
        "roadmap": RM_162,
        "code": "no-executor",
        "detail": "исполнители не распознаны: «муниципальный координатор по НСОКО»",
        "file": F162,
        "sheet": "",
        "row": 26,
        "activity_name": "22. Контроль за проведением независимых оценочных процедур",
        "roadmap_name": "№ 162 от 28.10.2020",
    }


def test_a_missing_controller_breaks_every_chain_of_its_roadmap() -> None:
    entities, links = kuzbass()
    entities = replaced(entities, RM_162, controller=None)
    G = graph_of(entities, without(links, (GUTNIK, E.CONTROLS, RM_162)))
    broken = broken_chains(G, POLYSAEVO).filter(pl.col("code") == "no-controller")
    assert broken["row"].to_list() == [7, 8, 10, 11, 26]


# --- any graph -----------------------------------------------------------------------------------------

TERRITORIES = ["ter:0", "ter:0/1", "ter:0/2"]
AUTHORITIES = ["auth:0", "auth:1"]
INSTITUTES = ["inst:0"]
PEOPLE = ["person:0", "person:1"]
GROUPS = ["group:0"]
SCHOOLS = ["school:0", "school:1"]
ROADMAPS = ["rm:0", "rm:1"]
ACTIVITIES = ["rm:0#1", "rm:0#2", "rm:1#1"]
IDS = {
    NodeKind.TERRITORY: TERRITORIES,
    NodeKind.AUTHORITY: AUTHORITIES,
    NodeKind.INSTITUTE: INSTITUTES,
    NodeKind.PERSON: PEOPLE,
    NodeKind.GROUP: GROUPS,
    NodeKind.SCHOOL: SCHOOLS,
    NodeKind.ROADMAP: ROADMAPS,
    NodeKind.ACTIVITY: ACTIVITIES,
}
ANY_ID = st.sampled_from([i for ids in IDS.values() for i in ids] + ["nowhere", ""])
DAYS = st.dates(date(2018, 1, 1), date(2024, 12, 31))
ATTRS = st.fixed_dictionaries(
    {},
    optional={
        "lead": st.booleans(),
        "fan_out": st.sampled_from([*FanOut, "нечто"]),
        "year": st.one_of(st.integers(2018, 2023), st.just("2020")),
        "role": st.just("член"),
    },
)


@st.composite
def deadlines(draw: st.DrawFn) -> Deadline:
    windows = draw(st.lists(st.tuples(DAYS, DAYS), max_size=3))
    start = min((s for s, _ in windows), default=None)
    end = max((e for _, e in windows), default=None)
    return Deadline(
        draw(st.sampled_from(DeadlineKind)), start, end, tuple(windows), draw(st.text(max_size=5))
    )


@st.composite
def entities(draw: st.DrawFn) -> list[Entity]:
    ref, maybe_day = ANY_ID, st.one_of(st.none(), DAYS)
    statuses = st.lists(st.builds(SchoolStatus, st.integers(2018, 2023), st.sampled_from(SchoolStatusKind)))
    found: list[Entity] = [
        *(Territory(i, i, draw(st.sampled_from(TerritoryLevel)), parent=draw(ref)) for i in TERRITORIES),
        *(Authority(i, i, draw(st.sampled_from(AuthorityLevel)), draw(ref)) for i in AUTHORITIES),
        *(Institute(i, i, draw(st.sampled_from(InstituteKind)), draw(ref)) for i in INSTITUTES),
        *(Person(i, i, organisation=draw(ref)) for i in PEOPLE),
        *(Group(i, i, draw(ref)) for i in GROUPS),
        *(School(i, i, draw(ref), tuple(draw(statuses))) for i in SCHOOLS),
        *(
            Roadmap(
                i,
                i,
                draw(ref),
                draw(ref),
                draw(st.sampled_from(RoadmapLevel)),
                date=draw(maybe_day),
                plan_start=draw(maybe_day),
                plan_end=draw(maybe_day),
                based_on=draw(ref),
                controller=draw(ref),
            )
            for i in ROADMAPS
        ),
        *(
            Activity(i, draw(ref), i[-1], i, draw(deadlines()), executors_raw=draw(st.text(max_size=5)))
            for i in ACTIVITIES
        ),
    ]
    dropped = draw(st.sets(st.sampled_from([e.id for e in found]), max_size=4))
    return [e for e in found if e.id not in dropped]


@st.composite
def links(draw: st.DrawFn) -> list[Link]:
    allowed = sorted(ALLOWED)
    made = []
    for _ in range(draw(st.integers(0, 40))):
        way = draw(st.integers(0, 5))
        if way == 0:
            source, edge, target = draw(ANY_ID), draw(st.sampled_from(EdgeKind)), draw(ANY_ID)
        elif way == 1:
            source, edge, target = (
                draw(st.sampled_from(TERRITORIES)),
                E.RESPONSIBLE_FOR,
                draw(st.sampled_from(ACTIVITIES)),
            )
        else:
            source_kind, edge, target_kind = draw(st.sampled_from(allowed))
            source, target = draw(st.sampled_from(IDS[source_kind])), draw(st.sampled_from(IDS[target_kind]))
        made.append(Link(source, edge, target, draw(ATTRS)))
    return made


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entities(), links())
def test_checks_and_queries_never_crash_on_any_graph(entities: list[Entity], links: list[Link]) -> None:
    G, _ = build_graph(entities, links)
    issues = check_graph(G)
    assert all(isinstance(i, Issue) and i.code and i.message for i in issues)
    assert broken_chains(G).schema == pl.Schema(BROKEN_SCHEMA)
    for node, kind in list(G.nodes(data="kind")):
        if kind == NodeKind.ACTIVITY:
            chain = chain_of(G, node)
            assert all(data["role"] == data["roles"][0] for _, data in chain.graph.nodes(data=True))
        elif kind == NodeKind.SCHOOL:
            obligations_of(G, node)
            chains_of_school(G, node)
        elif kind == NodeKind.TERRITORY:
            assert set(broken_chains(G, node)["activity"]) <= scope_of(G, node).activities
        else:
            chains_of_executor(G, node)


def test_an_empty_graph_has_no_issues_and_no_broken_chains() -> None:
    G, _ = build_graph([], [])
    assert (check_graph(G), broken_chains(G).height) == ([], 0)
