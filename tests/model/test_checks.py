"""Gaps in the responsibility graph as issues, and broken chains as a frame."""

from __future__ import annotations

from datetime import date

import networkx as nx
import polars as pl
import pytest
from chain_fixtures import (
    CONSULTATION,
    F162,
    GUTNIK,
    HEADS_REPORT,
    IMC,
    INTERVIEW,
    IPK,
    KOIN,
    MEETING,
    MUNICIPAL_ROADMAP,
    NOVOKUZNETSK,
    NSOKO_CONTROL,
    POLYSAEVO,
    REGION,
    REGION_NAME,
    RM_162,
    RM_1324,
    RM_SCHOOL_35,
    SCHOOL_35,
    SCHOOL_PLAN,
    THEMATIC_MEETINGS,
    by_schedule,
    kuzbass,
    replaced,
    without,
)
from chain_fixtures import month as month_deadline
from factories import graph_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.chains import broken_links, chain_of, chains_of_executor, chains_of_school
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
from model.queries import index_of, obligations_of, scope_of
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


# --- many chains, some broken --------------------------------------------------------------------------

OO_2021 = f"{RM_162}#30"
ORPHAN = "rm:lost#4"
TWO_ORDERS = f"{RM_1324}#9"
NO_CONTROLLER_162 = "у дорожной карты «№ 162 от 28.10.2020» не указан контролирующий"
NO_ISSUER_1324 = "у дорожной карты «№ 1324 от 03.12.2020» не указан издатель"
NOT_IN_A_ROADMAP = "мероприятие не входит ни в одну дорожную карту"


@pytest.fixture(scope="module")
def many_broken() -> nx.MultiDiGraph:
    """The small Kuzbass with order 162 uncontrolled, order 1324 without issuer, an «ОО» of a year with
    no school listed, an activity of no roadmap and one part of both orders; order 1721 stays whole."""
    entities, links = kuzbass()
    entities = replaced(replaced(entities, RM_162, controller=None), RM_1324, issuer="")
    links = without(links, (GUTNIK, E.CONTROLS, RM_162), (RM_1324, E.ISSUED_BY, KOIN))
    novokuznetsk = "003_novokuznetsk_1324.pdf"
    entities += [
        Activity(
            OO_2021,
            RM_162,
            "25.",
            "Методический день в ШНОР",
            month_deadline(2021, 10, "Октябрь 2021"),
            executors_raw="ОО",
            source=Source(F162, "", 30),
        ),
        Activity(
            ORPHAN,
            "rm:lost",
            "4",
            "Семинар без приказа",
            month_deadline(2020, 12, "Декабрь 2020"),
            executors_raw="ИМЦ",
            source=Source("lost.xlsx", "", 4),
        ),
        Activity(TWO_ORDERS, RM_1324, "9.", "Общий отчёт", by_schedule(), source=Source(novokuznetsk, "", 9)),
    ]
    links += [
        Link(OO_2021, E.PART_OF, RM_162),
        Link(POLYSAEVO, E.RESPONSIBLE_FOR, OO_2021, {"lead": True, "fan_out": FanOut.SCHOOLS}),
        Link(IMC, E.RESPONSIBLE_FOR, ORPHAN, {"lead": True}),
        Link(TWO_ORDERS, E.PART_OF, RM_162),
        Link(TWO_ORDERS, E.PART_OF, RM_1324),
        Link(IPK, E.RESPONSIBLE_FOR, TWO_ORDERS, {"lead": True}),
    ]
    return graph_of(entities, links)


def test_broken_chains_list_every_missing_link_and_leave_whole_chains_out(
    many_broken: nx.MultiDiGraph,
) -> None:
    rows = broken_chains(many_broken).select("activity", "roadmap", "code", "detail", "row").rows()
    assert rows == [
        (MUNICIPAL_ROADMAP, RM_162, "no-controller", NO_CONTROLLER_162, 7),
        (INTERVIEW, RM_162, "no-controller", NO_CONTROLLER_162, 8),
        (MEETING, RM_162, "no-controller", NO_CONTROLLER_162, 10),
        (CONSULTATION, RM_162, "no-controller", NO_CONTROLLER_162, 11),
        (NSOKO_CONTROL, RM_162, "no-controller", NO_CONTROLLER_162, 26),
        (
            NSOKO_CONTROL,
            RM_162,
            "no-executor",
            "исполнители не распознаны: «муниципальный координатор по НСОКО»",
            26,
        ),
        (OO_2021, RM_162, "no-controller", NO_CONTROLLER_162, 30),
        (
            OO_2021,
            RM_162,
            "no-executor",
            "«все ШНОР территории «Полысаевский городской округ»»: никого в списке на 2021/22",
            30,
        ),
        (THEMATIC_MEETINGS, RM_1324, "no-issuer", NO_ISSUER_1324, 3),
        (HEADS_REPORT, RM_1324, "no-issuer", NO_ISSUER_1324, 4),
        (TWO_ORDERS, RM_162, "no-controller", NO_CONTROLLER_162, 9),
        (TWO_ORDERS, RM_162, "no-issuer", NO_ISSUER_1324, 9),
        (ORPHAN, None, "no-controller", NOT_IN_A_ROADMAP, 4),
        (ORPHAN, None, "no-coordinator", "нет координатора ни у исполнителей, ни у дорожной карты —", 4),
        (ORPHAN, None, "no-issuer", NOT_IN_A_ROADMAP, 4),
        (
            SCHOOL_PLAN,
            RM_SCHOOL_35,
            "no-coordinator",
            "нет координатора ни у исполнителей, ни у дорожной карты «№ 1 от 20.11.2020»",
            2,
        ),
    ]


@pytest.mark.parametrize(
    ("territory", "activities"),
    [
        (
            POLYSAEVO,
            [
                MUNICIPAL_ROADMAP,
                INTERVIEW,
                MEETING,
                CONSULTATION,
                NSOKO_CONTROL,
                OO_2021,
                TWO_ORDERS,
                SCHOOL_PLAN,
            ],
        ),
        (NOVOKUZNETSK, [THEMATIC_MEETINGS, HEADS_REPORT, TWO_ORDERS]),
    ],
)
def test_broken_chains_of_a_territory_are_those_of_its_roadmaps(
    many_broken: nx.MultiDiGraph, territory: str, activities: list[str]
) -> None:
    assert list(dict.fromkeys(broken_chains(many_broken, territory)["activity"])) == activities


def test_checks_of_many_broken_chains_name_each_gap_once(many_broken: nx.MultiDiGraph) -> None:
    assert codes(check_graph(many_broken)) == [
        ("person-without-duties", "", None),
        ("roadmap-without-controller", F162, None),
        ("activity-without-executor", F162, 26),
        ("fan-out-without-bodies", F162, 30),
        ("roadmap-without-issuer", "003_novokuznetsk_1324.pdf", None),
    ]


def test_a_shared_index_gives_the_same_checks_and_broken_chains(many_broken: nx.MultiDiGraph) -> None:
    index = index_of(many_broken)
    assert broken_chains(many_broken, index=index).equals(broken_chains(many_broken))
    assert broken_chains(many_broken, POLYSAEVO, index=index).equals(broken_chains(many_broken, POLYSAEVO))
    assert check_graph(many_broken, index=index) == check_graph(many_broken)


def test_the_broken_links_of_many_activities_are_those_of_their_chains(many_broken: nx.MultiDiGraph) -> None:
    activities = sorted(n for n, k in many_broken.nodes(data="kind") if k == NodeKind.ACTIVITY)
    assert broken_links(many_broken, activities) == [
        link for a in activities for link in chain_of(many_broken, a).broken
    ]


def test_the_broken_links_of_something_that_is_not_an_activity_is_a_key_error(
    many_broken: nx.MultiDiGraph,
) -> None:
    with pytest.raises(KeyError):
        broken_links(many_broken, [RM_162])


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
