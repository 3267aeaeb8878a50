"""Resolving executor references: document glossary, reference and user layers, known bodies, built-ins."""

import pytest

from loaders.glossary import Meaning
from loaders.known import Known
from loaders.places import Place, place_of
from loaders.resolve import Resolver, Scope, Target, unresolved_issue
from model.entities import (
    Authority,
    AuthorityLevel,
    Group,
    Institute,
    InstituteKind,
    NodeKind,
    Person,
    RoadmapLevel,
    Source,
    Territory,
    TerritoryLevel,
)
from model.executors import ExecutorRef, RefKind, parse_executors
from model.ids import child_id, make_id
from model.relations import EdgeKind, FanOut, Link

KUZBASS = make_id("ter", "Кемеровская область – Кузбасс")
POLYSAEVO = child_id("ter", KUZBASS, "Полысаевский городской округ")
NOVOKUZNETSK = child_id("ter", KUZBASS, "Новокузнецкий городской округ")
CHELYABINSK = make_id("ter", "Челябинская область")
UO = child_id("auth", POLYSAEVO, "УО")
IMC = child_id("inst", POLYSAEVO, "ИМЦ")
KRIPKIPRO = child_id("inst", KUZBASS, "КРИПКиПРО")
GROUP = child_id("group", POLYSAEVO, "Муниципальная рабочая группа")
KUKINA = child_id("person", POLYSAEVO, "Кукина В.В.")
ROADMAP = child_id("rm", POLYSAEVO, "162 2020-10-28")


@pytest.fixture
def known() -> Known:
    """Return what a reference workbook for Кузбасс holds: territories, bodies, a group and a coordinator."""
    return Known(
        [
            Territory(KUZBASS, "Кемеровская область – Кузбасс", TerritoryLevel.REGION),
            Territory(POLYSAEVO, "Полысаевский городской округ", TerritoryLevel.MUNICIPALITY, KUZBASS),
            Territory(NOVOKUZNETSK, "Новокузнецкий городской округ", TerritoryLevel.MUNICIPALITY, KUZBASS),
            Authority(
                UO,
                "Управление образования Полысаевского городского округа",
                AuthorityLevel.MUNICIPAL,
                POLYSAEVO,
                "УО",
            ),
            Institute(IMC, "МБОУ ДПО «ИМЦ»", InstituteKind.METHODICAL_CENTRE, POLYSAEVO, "ИМЦ"),
            Institute(
                KRIPKIPRO,
                "ГОУДПО(ПК)С «Кузбасский региональный институт повышения квалификации»",
                InstituteKind.REGIONAL_INSTITUTE,
                KUZBASS,
                "КРИПКиПРО",
            ),
            Group(GROUP, "Муниципальная рабочая группа", POLYSAEVO),
            Person(KUKINA, "Кукина Виктория Вячеславовна", "директор", IMC),
        ],
        [Link(KUKINA, EdgeKind.COORDINATES, ROADMAP, {"role": "координатор"})],
    )


def polysaevo(known: Known, **changes: object) -> Resolver:
    scope = Scope("polysaevo.xlsx", Place(KUZBASS, POLYSAEVO), RoadmapLevel.MUNICIPALITY, UO, ROADMAP)
    for name, value in changes.items():
        setattr(scope, name, value)
    return Resolver(known, scope)


def chelyabinsk(level: RoadmapLevel = RoadmapLevel.REGION) -> Resolver:
    issuer = child_id("auth", CHELYABINSK, "Министерство образования и науки Челябинской области")
    known = Known(
        [
            Territory(CHELYABINSK, "Челябинская область", TerritoryLevel.REGION),
            Authority(
                issuer,
                "Министерство образования и науки Челябинской области",
                AuthorityLevel.REGIONAL,
                CHELYABINSK,
            ),
        ]
    )
    return Resolver(known, Scope("chelyabinsk.xlsx", Place(CHELYABINSK, None), level, issuer, "rm:x"))


def targets(resolver: Resolver, cell: str) -> list[list[Target]]:
    return [resolver.resolve(ref) for ref in parse_executors(cell)]


def test_a_body_written_with_its_legal_form_is_the_known_body_with_that_abbreviation(known: Known) -> None:
    assert targets(polysaevo(known), "УО, МБОУ ДПО «ИМЦ»") == [[Target(UO)], [Target(IMC)]]


def test_a_body_known_only_on_the_region_is_found_from_a_municipal_roadmap(known: Known) -> None:
    assert targets(polysaevo(known), "КРИПКиПРО") == [[Target(KRIPKIPRO)]]


def test_oo_in_a_municipal_roadmap_fans_out_to_the_schools_of_the_municipality(known: Known) -> None:
    assert targets(polysaevo(known), "ОО, руководители ОО") == [
        [Target(POLYSAEVO, FanOut.SCHOOLS)],
        [Target(POLYSAEVO, FanOut.SCHOOLS)],
    ]


def test_the_municipal_working_group_is_the_group_known_on_the_territory(known: Known) -> None:
    assert targets(polysaevo(known), "Муниципальная рабочая группа") == [[Target(GROUP)]]


def test_the_municipal_coordinator_is_who_coordinates_the_roadmap(known: Known) -> None:
    assert targets(polysaevo(known), "муниципальный координатор по НСОКО") == [[Target(KUKINA)]]


@pytest.mark.parametrize("written", ["Кукина В.В.", "В.В. Кукина", "Кукина Виктория Вячеславовна"])
def test_a_person_is_one_node_however_the_name_is_written(known: Known, written: str) -> None:
    assert targets(polysaevo(known), written) == [[Target(KUKINA)]]


def test_a_new_person_is_created_on_the_territory_of_the_document(known: Known) -> None:
    resolver = polysaevo(known)
    node = child_id("person", POLYSAEVO, "Еременко Н.А.")
    assert targets(resolver, "Еременко Надежда Александровна") == [[Target(node)]]
    assert resolver.entities[node] == Person(
        node, "Еременко Надежда Александровна", source=Source("polysaevo.xlsx")
    )


def test_the_document_glossary_comes_first(known: Known) -> None:
    resolver = polysaevo(
        known, document={"имц": Meaning("ИМЦ", "Управление образования", NodeKind.AUTHORITY, "municipal")}
    )
    assert targets(resolver, "ИМЦ") == [[Target(UO)]]


def test_an_abbreviation_the_document_defines_as_the_issuer_is_the_issuer() -> None:
    committee = child_id("auth", NOVOKUZNETSK, "КОиН")
    known = Known(
        [
            Territory(KUZBASS, "Кемеровская область – Кузбасс", TerritoryLevel.REGION),
            Territory(NOVOKUZNETSK, "Новокузнецкий городской округ", TerritoryLevel.MUNICIPALITY, KUZBASS),
            Authority(
                committee,
                "Комитет образования и науки администрации города Новокузнецка",
                AuthorityLevel.MUNICIPAL,
                NOVOKUZNETSK,
            ),
        ]
    )
    document = {"коин": Meaning("КОиН", "Комитет образования и науки администрации города Новокузнецка")}
    scope = Scope(
        "nk.docx", Place(KUZBASS, NOVOKUZNETSK), RoadmapLevel.MUNICIPALITY, committee, "rm:nk", None, document
    )
    assert targets(Resolver(known, scope), "КОиН, РОО") == [
        [Target(committee)],
        [Target(NOVOKUZNETSK, FanOut.DISTRICT_AUTHORITIES)],
    ]


def test_a_reference_abbreviation_layer_names_the_node_on_its_territory(known: Known) -> None:
    known.add_glossary({POLYSAEVO: {"НСОКО": {"abbreviation": "НСОКО", "full_name": "…", "node": IMC}}})
    assert targets(polysaevo(known), "НСОКО") == [[Target(IMC)]]


def test_a_users_mapping_resolves_an_abbreviation_nobody_else_knows(known: Known) -> None:
    resolver = polysaevo(
        known, user={"цопмкп": Meaning("ЦОПМКП", "", NodeKind.INSTITUTE, "other", None, KRIPKIPRO)}
    )
    assert targets(resolver, "ЦОПМКП") == [[Target(KRIPKIPRO)]]


def test_a_built_in_body_is_created_on_its_region_with_its_child_id() -> None:
    resolver = chelyabinsk()
    node = child_id("inst", CHELYABINSK, "РЦОКИО")
    assert targets(resolver, "ГБУ ДПО РЦОКИО") == [[Target(node)]]
    assert resolver.entities[node] == Institute(
        node,
        "Региональный центр оценки качества и информатизации образования",
        InstituteKind.ASSESSMENT_CENTRE,
        CHELYABINSK,
        "РЦОКИО",
        source=Source("chelyabinsk.xlsx"),
    )
    assert {(link.kind, link.target) for link in resolver.links if link.source == node} == {
        (EdgeKind.LOCATED_IN, CHELYABINSK),
        (EdgeKind.SUBORDINATE_TO, resolver.scope.issuer),
    }


def test_a_misspelt_abbreviation_the_built_in_glossary_knows_is_the_same_body() -> None:
    resolver = chelyabinsk()
    assert targets(resolver, "ГБУ ДПО ЧИППКРО, ГБУ ДПО ЧИПКРО") == [
        [Target(child_id("inst", CHELYABINSK, "ЧИППКРО"))],
        [Target(child_id("inst", CHELYABINSK, "ЧИППКРО"))],
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("МОУО", [Target(CHELYABINSK, FanOut.MUNICIPAL_AUTHORITIES)]),
        ("ОО с низкими образовательными результатами", [Target(CHELYABINSK, FanOut.SCHOOLS)]),
        (
            "Министерство образования и науки Челябинской области",
            [Target(child_id("auth", CHELYABINSK, "Министерство образования и науки Челябинской области"))],
        ),
    ],
)
def test_a_regional_roadmap_fans_out_to_municipal_bodies_and_schools(
    cell: str, expected: list[Target]
) -> None:
    assert targets(chelyabinsk(), cell) == [expected]


def test_mouo_in_a_municipal_roadmap_is_the_municipal_authority_itself(known: Known) -> None:
    assert targets(polysaevo(known), "МОУО") == [[Target(UO)]]


def test_a_body_with_a_person_in_parentheses_adds_the_person_working_there(known: Known) -> None:
    resolver = polysaevo(known)
    assert targets(resolver, "МБОУ ДПО «ИМЦ» (Еременко Н.А.)") == [[Target(IMC)]]
    node = child_id("person", POLYSAEVO, "Еременко Н.А.")
    assert Link(node, EdgeKind.WORKS_AT, IMC) in resolver.links


def test_nobody_is_found_for_an_unknown_abbreviation(known: Known) -> None:
    assert targets(polysaevo(known), "ЦОПМКП, Центр оценки профессионального мастерства") == [[], []]


@pytest.mark.parametrize(
    ("ref", "code", "start"),
    [
        (
            ExecutorRef(RefKind.ORGANISATION, "ГБУ ДПО ЦОПМКП"),
            "unknown-abbreviation",
            "Исполнитель «ГБУ ДПО ЦОПМКП» не найден: сокращения «ЦОПМКП» нет ни в документе",
        ),
        (
            ExecutorRef(RefKind.ORGANISATION, "Центр оценки мастерства"),
            "unresolved-executor",
            "Исполнитель «Центр оценки мастерства» не найден среди известных организаций",
        ),
        (
            ExecutorRef(RefKind.ROLE, "муниципальный координатор"),
            "unresolved-executor",
            "Исполнитель «муниципальный координатор»: координатор не назначен",
        ),
    ],
)
def test_an_unresolved_reference_is_a_warning_a_person_can_act_on(
    ref: ExecutorRef, code: str, start: str
) -> None:
    issue = unresolved_issue(ref, "a.xlsx", "Лист1", 7, "Ответственные")
    assert (issue.code, str(issue.severity), issue.where(), issue.message.startswith(start)) == (
        code,
        "warning",
        "a.xlsx, лист «Лист1», строка 7, столбец «Ответственные»",
        True,
    )


def test_a_document_is_placed_on_known_territories_by_the_stems_of_their_names(known: Known) -> None:
    place, entities, links = place_of(known, "", "город Новокузнецк", Source("nk.docx"))
    assert (place, entities, links) == (Place(KUZBASS, NOVOKUZNETSK), [], [])


def test_an_unknown_territory_is_created_under_its_region() -> None:
    place, entities, links = place_of(Known(), "Мурманская область", "город Оленегорск", Source("o.ods"))
    region = make_id("ter", "Мурманская область")
    town = child_id("ter", region, "город Оленегорск")
    assert place == Place(region, town)
    assert entities == [
        Territory(region, "Мурманская область", TerritoryLevel.REGION, None, Source("o.ods")),
        Territory(town, "город Оленегорск", TerritoryLevel.MUNICIPALITY, region, Source("o.ods")),
    ]
    assert links == [Link(town, EdgeKind.LOCATED_IN, region)]


def test_an_abbreviation_several_district_bodies_share_fans_out_instead_of_picking_one() -> None:
    districts = [child_id("ter", NOVOKUZNETSK, name) for name in ("Центральный район", "Заводской район")]
    known = Known(
        [
            Territory(KUZBASS, "Кемеровская область – Кузбасс", TerritoryLevel.REGION),
            Territory(NOVOKUZNETSK, "Новокузнецкий городской округ", TerritoryLevel.MUNICIPALITY, KUZBASS),
            *(Territory(d, d, TerritoryLevel.DISTRICT, NOVOKUZNETSK) for d in districts),
            *(
                Authority(child_id("auth", d, "РОО"), "Отдел образования", AuthorityLevel.DISTRICT, d, "РОО")
                for d in districts
            ),
        ]
    )
    scope = Scope("nk.docx", Place(KUZBASS, NOVOKUZNETSK), RoadmapLevel.MUNICIPALITY, None, "rm:nk")
    assert targets(Resolver(known, scope), "РОО") == [[Target(NOVOKUZNETSK, FanOut.DISTRICT_AUTHORITIES)]]


def test_a_body_added_again_under_another_name_is_found_by_its_new_name_only(known: Known) -> None:
    assert known.find_body(["ИМЦ"], [POLYSAEVO]) == IMC
    known.add([Institute(IMC, "МБУ «Методический центр»", InstituteKind.METHODICAL_CENTRE, POLYSAEVO, "МЦ")])
    assert known.find_body(["ИМЦ"], [POLYSAEVO]) is None
    assert known.find_body(["МЦ"], [POLYSAEVO]) == IMC
    assert known.find_body(["Методический центр"], [POLYSAEVO]) == IMC


def test_a_territory_is_found_among_those_known_at_its_level_and_under_its_parent(known: Known) -> None:
    town = child_id("ter", KUZBASS, "город Полысаево")
    known.add([Territory(town, "город Полысаево", TerritoryLevel.DISTRICT, POLYSAEVO)])
    assert known.find_territory("Полысаево", TerritoryLevel.MUNICIPALITY) == POLYSAEVO
    assert known.find_territory("Полысаево", TerritoryLevel.DISTRICT) == town
    assert known.find_territory("Полысаево", TerritoryLevel.DISTRICT, NOVOKUZNETSK) is None
    assert known.find_territory("Кузбасс", TerritoryLevel.REGION) == KUZBASS
    assert known.find_territory("", TerritoryLevel.REGION) is None
