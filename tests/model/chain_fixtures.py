"""A small Kuzbass drawn from the seed orders: order 1721 of the ministry, Полысаево's order 162 and
Новокузнецк's order 1324, with their coordinators, controllers, schools and a few rows each.

`kuzbass()` returns (entities, links); tests drop or add some of them to break a chain on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from factories import month as whole_month

from model.deadlines import Deadline, DeadlineKind
from model.entities import (
    Activity,
    Authority,
    AuthorityLevel,
    Entity,
    Group,
    Institute,
    InstituteKind,
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
from model.ids import make_id
from model.relations import EdgeKind, FanOut, Link

E = EdgeKind

REGION_NAME = "Кемеровская область – Кузбасс"
REGION = make_id("ter", REGION_NAME)
POLYSAEVO = make_id("ter", REGION_NAME, "Полысаевский городской округ")
NOVOKUZNETSK = make_id("ter", REGION_NAME, "Новокузнецкий городской округ")
CENTRAL = make_id("ter", REGION_NAME, "Новокузнецкий городской округ", "Центральный район")
KUZNETSK = make_id("ter", REGION_NAME, "Новокузнецкий городской округ", "Кузнецкий район")

MINISTRY = make_id("auth", "Министерство образования и науки Кузбасса")
OCMKO = make_id("inst", "ГУ «Областной центр мониторинга качества образования»")
UO = make_id("auth", "Управление образования Полысаевского городского округа")
IMC = make_id("inst", "Полысаевский городской округ", "МБОУ ДПО «ИМЦ»")
WORKING_GROUP = make_id("group", "Полысаевский городской округ", "Муниципальная рабочая группа")
SCHOOL_35 = make_id("school", "Полысаевский городской округ", "МБОУ «Школа № 35»")
KOIN = make_id("auth", "Комитет образования и науки администрации г. Новокузнецка")
IPK = make_id("inst", "Новокузнецкий городской округ", "МАОУ ДПО ИПК")
ROO_CENTRAL = make_id("auth", "Отдел образования Центрального района")
ROO_KUZNETSK = make_id("auth", "Отдел образования Кузнецкого района")
SCHOOL_1 = make_id("school", "Новокузнецкий городской округ", "МБОУ «СОШ № 1»")
SCHOOL_2 = make_id("school", "Новокузнецкий городской округ", "МБОУ «ООШ № 2»")

GOLUBITSKAYA = make_id("person", "Голубицкая Л.В.")
SHITOVA = make_id("person", "Шитова О.А.")
KUKINA = make_id("person", "Кукина В.В.")
GUTNIK = make_id("person", "Гутник И.С.")
MYSHKINA = make_id("person", "Мышкина О.Н.")
POZDNYAKOVA = make_id("person", "Позднякова Н.А.")
KRUL = make_id("person", "Круль С.В.")
IVANTSOVA = make_id("person", "Иванцова Л.А.")
EREMENKO = make_id("person", "Еременко Н.А.")

RM_1721 = make_id("rm", "Минобрнауки Кузбасса", "1721", "2020-10-23")
RM_162 = make_id("rm", "УО Полысаево", "162", "2020-10-28")
RM_1324 = make_id("rm", "КОиН", "1324", "2020-12-03")
RM_SCHOOL_35 = make_id("rm", "МБОУ «Школа № 35»", "1", "2020-11-20")

# Activities: the roadmap id and the row a person sees in the source document.
APPOINT_COORDINATORS = f"{RM_1721}#5"
REGIONAL_WEBINARS = f"{RM_1721}#6"
INTERVIEW = f"{RM_162}#8"
MUNICIPAL_ROADMAP = f"{RM_162}#7"
MEETING = f"{RM_162}#10"
CONSULTATION = f"{RM_162}#11"
NSOKO_CONTROL = f"{RM_162}#26"
THEMATIC_MEETINGS = f"{RM_1324}#3"
HEADS_REPORT = f"{RM_1324}#4"
SCHOOL_PLAN = f"{RM_SCHOOL_35}#2"

F162 = "001_polysaevo_162.docx"


def month(year: int, m: int, raw: str) -> Deadline:
    """Return a `month` deadline: the whole month."""
    window = whole_month(year, m)
    return Deadline(DeadlineKind.MONTH, *window, (window,), raw)


def by_schedule(raw: str = "По отдельному графику") -> Deadline:
    """Return an undated deadline «по отдельному графику»."""
    return Deadline(DeadlineKind.BY_SCHEDULE, None, None, (), raw)


def territories() -> list[Entity]:
    return [
        Territory(REGION, REGION_NAME, TerritoryLevel.REGION),
        Territory(POLYSAEVO, "Полысаевский городской округ", TerritoryLevel.MUNICIPALITY, parent=REGION),
        Territory(NOVOKUZNETSK, "Новокузнецкий городской округ", TerritoryLevel.MUNICIPALITY, parent=REGION),
        Territory(CENTRAL, "Центральный район", TerritoryLevel.DISTRICT, parent=NOVOKUZNETSK),
        Territory(KUZNETSK, "Кузнецкий район", TerritoryLevel.DISTRICT, parent=NOVOKUZNETSK),
    ]


def regional() -> tuple[list[Entity], list[Link]]:
    """Order 1721: the ministry, its regional coordinator and the deputy minister who controls it."""
    entities: list[Entity] = [
        Authority(
            MINISTRY,
            "Министерство образования и науки Кузбасса",
            AuthorityLevel.REGIONAL,
            REGION,
            short="Минобрнауки Кузбасса",
        ),
        Institute(
            OCMKO,
            "ГУ «Областной центр мониторинга качества образования»",
            InstituteKind.ASSESSMENT_CENTRE,
            REGION,
            short="ОЦМКО",
        ),
        Person(GOLUBITSKAYA, "Голубицкая Л.В.", "заместитель министра образования и науки Кузбасса"),
        Person(SHITOVA, "Шитова О.А.", "директор ГУ «ОЦМКО»"),
        Roadmap(
            RM_1721,
            "Дорожная карта по повышению качества образования",
            MINISTRY,
            REGION,
            RoadmapLevel.REGION,
            "1721",
            date(2020, 10, 23),
            date(2020, 9, 1),
            date(2021, 8, 31),
            controller=GOLUBITSKAYA,
            source=Source("000_kuzbass_1721.docx"),
        ),
        Activity(
            APPOINT_COORDINATORS,
            RM_1721,
            "5",
            "Назначение муниципальных координаторов",
            month(2020, 10, "Октябрь 2020 года"),
            executors_raw="МОУО",
            source=Source("000_kuzbass_1721.docx", "", 5),
        ),
        Activity(
            REGIONAL_WEBINARS,
            RM_1721,
            "6",
            "Участие в региональных вебинарах",
            month(2021, 2, "Февраль 2021 года"),
            executors_raw="ОЦМКО, ОО",
            source=Source("000_kuzbass_1721.docx", "", 6),
        ),
    ]
    links = [
        Link(OCMKO, E.SUBORDINATE_TO, MINISTRY),
        Link(GOLUBITSKAYA, E.WORKS_AT, MINISTRY),
        Link(SHITOVA, E.HEADS, OCMKO),
        Link(OCMKO, E.COORDINATES, RM_1721),
        Link(RM_1721, E.ISSUED_BY, MINISTRY),
        Link(GOLUBITSKAYA, E.CONTROLS, RM_1721),
        *part_of(RM_1721, APPOINT_COORDINATORS, REGIONAL_WEBINARS),
        Link(
            REGION,
            E.RESPONSIBLE_FOR,
            APPOINT_COORDINATORS,
            {"lead": True, "ref": "МОУО", "fan_out": FanOut.MUNICIPAL_AUTHORITIES},
        ),
        Link(OCMKO, E.RESPONSIBLE_FOR, REGIONAL_WEBINARS, {"lead": True, "ref": "ОЦМКО"}),
        Link(
            REGION,
            E.RESPONSIBLE_FOR,
            REGIONAL_WEBINARS,
            {"lead": False, "ref": "ОО", "fan_out": FanOut.SCHOOLS},
        ),
    ]
    return entities, links


def polysaevo() -> tuple[list[Entity], list[Link]]:
    """Order 162 of Полысаево, based on 1721: Кукина В.В. coordinates, Гутник И.С. controls."""
    oo = {"ref": "ОО", "fan_out": FanOut.SCHOOLS}

    def row(n: int) -> Source:
        return Source(F162, "", n)

    entities: list[Entity] = [
        Authority(
            UO,
            "Управление образования Полысаевского городского округа",
            AuthorityLevel.MUNICIPAL,
            POLYSAEVO,
            short="УО",
        ),
        Institute(IMC, "МБОУ ДПО «ИМЦ»", InstituteKind.METHODICAL_CENTRE, POLYSAEVO, short="ИМЦ"),
        Group(WORKING_GROUP, "Муниципальная рабочая группа", POLYSAEVO),
        School(SCHOOL_35, "МБОУ «Школа № 35»", POLYSAEVO, (SchoolStatus(2020),)),
        Person(KUKINA, "Кукина В.В.", "директор МБОУ ДПО «ИМЦ»"),
        Person(GUTNIK, "Гутник И.С.", "начальник УО"),
        Person(MYSHKINA, "Мышкина О.Н.", "директор МБОУ «Школа № 35»"),
        Person(EREMENKO, "Еременко Н.А.", "старший методист МБОУ ДПО «ИМЦ»"),
        Roadmap(
            RM_162,
            "Дорожная карта Полысаевского городского округа",
            UO,
            POLYSAEVO,
            RoadmapLevel.MUNICIPALITY,
            "162",
            date(2020, 10, 28),
            date(2020, 9, 1),
            date(2021, 8, 31),
            based_on=RM_1721,
            controller=GUTNIK,
            source=Source(F162),
        ),
        Roadmap(
            RM_SCHOOL_35,
            "Дорожная карта МБОУ «Школа № 35»",
            SCHOOL_35,
            POLYSAEVO,
            RoadmapLevel.SCHOOL,
            "1",
            date(2020, 11, 20),
            date(2020, 9, 1),
            date(2021, 8, 31),
            based_on=RM_162,
            controller=MYSHKINA,
            source=Source("school_35.xlsx"),
        ),
        Activity(
            MUNICIPAL_ROADMAP,
            RM_162,
            "3.",
            "Разработка муниципальной Дорожной карты",
            month(2020, 10, "Октябрь 2020 года"),
            executors_raw="УО, МБОУ ДПО «ИМЦ»",
            source=row(7),
        ),
        Activity(
            INTERVIEW,
            RM_162,
            "4.",
            "Участие в собеседовании с руководителями ШНОР",
            month(2020, 11, "Ноябрь 2020 года"),
            executors_raw="Муниципальная рабочая группа",
            source=row(8),
        ),
        Activity(
            MEETING,
            RM_162,
            "6.",
            "Совещание «О результатах оценочных процедур текущего года»",
            month(2020, 11, "Ноябрь 2020 года"),
            executors_raw="УО, МБОУ ДПО «ИМЦ», ОО",
            source=row(10),
        ),
        Activity(
            CONSULTATION,
            RM_162,
            "7.",
            "Консультация для заместителей директоров по УВР",
            month(2020, 12, "Декабрь 2020"),
            executors_raw="МБОУ ДПО «ИМЦ», ОО",
            source=row(11),
        ),
        Activity(
            NSOKO_CONTROL,
            RM_162,
            "22.",
            "Контроль за проведением независимых оценочных процедур",
            by_schedule("В соответствии с графиком проведения в 2020-2021 учебном году"),
            executors_raw="муниципальный координатор по НСОКО",
            source=row(26),
        ),
        Activity(
            SCHOOL_PLAN,
            RM_SCHOOL_35,
            "2",
            "Назначение школьного координатора",
            month(2020, 11, "Ноябрь 2020"),
            executors_raw="Мышкина О.Н.",
            source=Source("school_35.xlsx", "План", 2),
        ),
    ]
    links = [
        Link(UO, E.SUBORDINATE_TO, MINISTRY),
        Link(IMC, E.SUBORDINATE_TO, UO),
        Link(SCHOOL_35, E.SUBORDINATE_TO, UO),
        Link(KUKINA, E.HEADS, IMC),
        Link(KUKINA, E.COORDINATES, RM_162),
        Link(GUTNIK, E.HEADS, UO),
        Link(GUTNIK, E.HEADS, WORKING_GROUP),
        Link(KUKINA, E.MEMBER_OF, WORKING_GROUP, {"role": "член"}),
        Link(MYSHKINA, E.HEADS, SCHOOL_35),
        Link(EREMENKO, E.WORKS_AT, IMC),
        Link(RM_162, E.ISSUED_BY, UO),
        Link(RM_162, E.BASED_ON, RM_1721),
        Link(GUTNIK, E.CONTROLS, RM_162),
        Link(RM_162, E.COVERS, SCHOOL_35, {"year": 2020}),
        Link(RM_SCHOOL_35, E.ISSUED_BY, SCHOOL_35),
        Link(RM_SCHOOL_35, E.BASED_ON, RM_162),
        Link(MYSHKINA, E.CONTROLS, RM_SCHOOL_35),
        *part_of(RM_162, MUNICIPAL_ROADMAP, INTERVIEW, MEETING, CONSULTATION, NSOKO_CONTROL),
        *part_of(RM_SCHOOL_35, SCHOOL_PLAN),
        Link(UO, E.RESPONSIBLE_FOR, MUNICIPAL_ROADMAP, {"lead": True, "ref": "УО"}),
        Link(IMC, E.RESPONSIBLE_FOR, MUNICIPAL_ROADMAP, {"lead": False, "ref": "МБОУ ДПО «ИМЦ»"}),
        Link(
            WORKING_GROUP, E.RESPONSIBLE_FOR, INTERVIEW, {"lead": True, "ref": "Муниципальная рабочая группа"}
        ),
        Link(UO, E.RESPONSIBLE_FOR, MEETING, {"lead": True, "ref": "УО"}),
        Link(IMC, E.RESPONSIBLE_FOR, MEETING, {"lead": False, "ref": "МБОУ ДПО «ИМЦ»"}),
        Link(POLYSAEVO, E.RESPONSIBLE_FOR, MEETING, {"lead": False, **oo}),
        Link(IMC, E.RESPONSIBLE_FOR, CONSULTATION, {"lead": True, "ref": "МБОУ ДПО «ИМЦ»"}),
        Link(POLYSAEVO, E.RESPONSIBLE_FOR, CONSULTATION, {"lead": False, **oo}),
        Link(MYSHKINA, E.RESPONSIBLE_FOR, SCHOOL_PLAN, {"lead": True, "ref": "Мышкина О.Н."}),
    ]
    return entities, links


def novokuznetsk() -> tuple[list[Entity], list[Link]]:
    """Order 1324 of Новокузнецк, based on 1721: КОиН, ИПК (Позднякова Н.А.), district РОО, Круль С.В."""
    entities: list[Entity] = [
        Authority(
            KOIN,
            "Комитет образования и науки администрации г. Новокузнецка",
            AuthorityLevel.MUNICIPAL,
            NOVOKUZNETSK,
            short="КОиН",
        ),
        Institute(IPK, "МАОУ ДПО ИПК", InstituteKind.METHODICAL_CENTRE, NOVOKUZNETSK, short="ИПК"),
        Authority(
            ROO_CENTRAL,
            "Отдел образования Центрального района",
            AuthorityLevel.DISTRICT,
            CENTRAL,
            short="РОО",
        ),
        Authority(
            ROO_KUZNETSK,
            "Отдел образования Кузнецкого района",
            AuthorityLevel.DISTRICT,
            KUZNETSK,
            short="РОО",
        ),
        School(SCHOOL_1, "МБОУ «СОШ № 1»", CENTRAL, (SchoolStatus(2020),)),
        School(SCHOOL_2, "МБОУ «ООШ № 2»", KUZNETSK, (SchoolStatus(2020, SchoolStatusKind.AT_RISK),)),
        Person(POZDNYAKOVA, "Позднякова Н.А.", "ректор МАОУ ДПО ИПК"),
        Person(KRUL, "Круль С.В.", "заместитель председателя КОиН"),
        Person(IVANTSOVA, "Иванцова Л.А.", "и.о. заведующего отделом образования Центрального района"),
        Roadmap(
            RM_1324,
            "Дорожная карта г. Новокузнецка",
            KOIN,
            NOVOKUZNETSK,
            RoadmapLevel.MUNICIPALITY,
            "1324",
            date(2020, 12, 3),
            date(2020, 9, 1),
            date(2021, 8, 31),
            based_on=RM_1721,
            controller=KRUL,
            source=Source("003_novokuznetsk_1324.pdf"),
        ),
        Activity(
            THEMATIC_MEETINGS,
            RM_1324,
            "1.3.",
            "Тематические совещания с руководителями ШНОР",
            by_schedule(),
            executors_raw="КОиН, РОО, ИПК",
            source=Source("003_novokuznetsk_1324.pdf", "", 3),
        ),
        Activity(
            HEADS_REPORT,
            RM_1324,
            "1.4.",
            "Отчет руководителей ШНОР по реализации «Дорожной карты»",
            by_schedule(),
            executors_raw="РОО, ОО",
            source=Source("003_novokuznetsk_1324.pdf", "", 4),
        ),
    ]
    links = [
        Link(KOIN, E.SUBORDINATE_TO, MINISTRY),
        Link(IPK, E.SUBORDINATE_TO, KOIN),
        Link(ROO_CENTRAL, E.SUBORDINATE_TO, KOIN),
        Link(ROO_KUZNETSK, E.SUBORDINATE_TO, KOIN),
        Link(POZDNYAKOVA, E.HEADS, IPK),
        Link(POZDNYAKOVA, E.COORDINATES, RM_1324),
        Link(IVANTSOVA, E.HEADS, ROO_CENTRAL),
        Link(KRUL, E.WORKS_AT, KOIN),
        Link(KRUL, E.CONTROLS, RM_1324),
        Link(RM_1324, E.ISSUED_BY, KOIN),
        Link(RM_1324, E.BASED_ON, RM_1721),
        Link(RM_1324, E.COVERS, SCHOOL_1, {"year": 2020}),
        *part_of(RM_1324, THEMATIC_MEETINGS, HEADS_REPORT),
        Link(KOIN, E.RESPONSIBLE_FOR, THEMATIC_MEETINGS, {"lead": True, "ref": "КОиН"}),
        Link(
            NOVOKUZNETSK,
            E.RESPONSIBLE_FOR,
            THEMATIC_MEETINGS,
            {"lead": False, "ref": "РОО", "fan_out": FanOut.DISTRICT_AUTHORITIES},
        ),
        Link(IPK, E.RESPONSIBLE_FOR, THEMATIC_MEETINGS, {"lead": False, "ref": "ИПК"}),
        Link(
            NOVOKUZNETSK,
            E.RESPONSIBLE_FOR,
            HEADS_REPORT,
            {"lead": True, "ref": "РОО", "fan_out": FanOut.DISTRICT_AUTHORITIES},
        ),
        Link(
            NOVOKUZNETSK,
            E.RESPONSIBLE_FOR,
            HEADS_REPORT,
            {"lead": False, "ref": "ОО", "fan_out": FanOut.SCHOOLS},
        ),
    ]
    return entities, links


def part_of(roadmap: str, *activities: str) -> list[Link]:
    return [Link(a, E.PART_OF, roadmap) for a in activities]


def kuzbass() -> tuple[list[Entity], list[Link]]:
    """Return the entities and links of the whole small Kuzbass."""
    entities, links = territories(), []
    for part in (regional(), polysaevo(), novokuznetsk()):
        entities += part[0]
        links += part[1]
    return entities, links


def without(links: Iterable[Link], *drop: tuple[str, EdgeKind, str]) -> list[Link]:
    """Return the links but those given as (source, kind, target)."""
    return [link for link in links if (link.source, link.kind, link.target) not in drop]


def replaced(entities: Iterable[Entity], node: str, **changes: Any) -> list[Entity]:
    """Return the entities with one of them changed."""
    return [replace(e, **changes) if e.id == node else e for e in entities]
