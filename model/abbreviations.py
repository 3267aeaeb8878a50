"""What an abbreviation of an executor stands for (`GlossaryEntry`), and the built-in list of them.

The built-in list holds the abbreviations of DOMAIN.md and of the seed orders, each with its aliases;
`model.glossary` turns it into the last layer of the layered resolution.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.entities import AuthorityLevel, GroupKind, InstituteKind, NodeKind
from model.relations import FanOut


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """What an abbreviation stands for: its full name, node kind, subkind and fan-out.

    `subkind` is an `AuthorityLevel`, `InstituteKind` or `GroupKind` value, «school» for a school, or
    «role» for a position inside each body of its kind («УВР», «ШМО»).
    """

    abbreviation: str
    full_name: str
    node_kind: NodeKind
    subkind: str
    fan_out: FanOut | None = None


SCHOOL = "school"
ROLE = "role"
"""The subkinds of a school and of a position inside each body of a kind («УВР», «ШМО»)."""

_A, _I, _S, _G, _P = NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.SCHOOL, NodeKind.GROUP, NodeKind.PERSON
BUILT_IN_ENTRIES: tuple[tuple[GlossaryEntry, tuple[str, ...]], ...] = (
    (
        GlossaryEntry(
            "ФИОКО",
            "Федеральный институт оценки качества образования",
            _I,
            InstituteKind.FEDERAL_OPERATOR.value,
        ),
        (),
    ),
    (
        GlossaryEntry(
            "Рособрнадзор",
            "Федеральная служба по надзору в сфере образования и науки",
            _A,
            AuthorityLevel.FEDERAL.value,
        ),
        (),
    ),
    (
        GlossaryEntry(
            "Минпросвещения",
            "Министерство просвещения Российской Федерации",
            _A,
            AuthorityLevel.FEDERAL.value,
        ),
        ("Минпросвещения России", "Минпросвещения РФ"),
    ),
    (
        GlossaryEntry("Минобрнауки", "министерство образования и науки", _A, AuthorityLevel.REGIONAL.value),
        ("министерство образования",),
    ),
    (
        GlossaryEntry("Депобрнауки", "департамент образования и науки", _A, AuthorityLevel.REGIONAL.value),
        ("департамент образования",),
    ),
    (GlossaryEntry("КОиН", "комитет образования и науки", _A, AuthorityLevel.MUNICIPAL.value), ()),
    (GlossaryEntry("УОО", "управление общего образования", _A, AuthorityLevel.REGIONAL.value), ()),
    (GlossaryEntry("ИРО", "институт развития образования", _I, InstituteKind.REGIONAL_INSTITUTE.value), ()),
    (GlossaryEntry("ИПК", "институт повышения квалификации", _I, InstituteKind.REGIONAL_INSTITUTE.value), ()),
    (
        GlossaryEntry(
            "ИПКРО",
            "институт повышения квалификации работников образования",
            _I,
            InstituteKind.REGIONAL_INSTITUTE.value,
        ),
        (),
    ),
    (
        GlossaryEntry(
            "КРИПКиПРО",
            "Кузбасский региональный институт повышения квалификации и переподготовки работников образования",
            _I,
            InstituteKind.REGIONAL_INSTITUTE.value,
        ),
        (),
    ),
    (
        GlossaryEntry(
            "ЧИППКРО",
            "Челябинский институт переподготовки и повышения квалификации работников образования",
            _I,
            InstituteKind.REGIONAL_INSTITUTE.value,
        ),
        ("ЧИПКРО",),
    ),
    (
        GlossaryEntry(
            "РЦОКО",
            "региональный центр оценки качества образования",
            _I,
            InstituteKind.ASSESSMENT_CENTRE.value,
        ),
        (),
    ),
    (
        GlossaryEntry(
            "РЦОКИО",
            "региональный центр оценки качества и информатизации образования",
            _I,
            InstituteKind.ASSESSMENT_CENTRE.value,
        ),
        (),
    ),
    (
        GlossaryEntry(
            "РЦОИ", "региональный центр обработки информации", _I, InstituteKind.ASSESSMENT_CENTRE.value
        ),
        (),
    ),
    (
        GlossaryEntry(
            "ОЦМКО",
            "областной центр мониторинга качества образования",
            _I,
            InstituteKind.ASSESSMENT_CENTRE.value,
        ),
        (),
    ),
    (
        GlossaryEntry(
            "РЦППМС",
            "региональный центр психолого-педагогической, медицинской и социальной помощи",
            _I,
            InstituteKind.SUPPORT_CENTRE.value,
        ),
        (),
    ),
    (
        GlossaryEntry(
            "МОУО",
            "муниципальные органы управления образованием",
            _A,
            AuthorityLevel.MUNICIPAL.value,
            FanOut.MUNICIPAL_AUTHORITIES,
        ),
        (
            "МОУ",
            "ОМСУ",
            "органы местного самоуправления, осуществляющие управление в сфере образования",
            "органы местного самоуправления, осуществляющих управление в сфере образования",
            "органы местного самоуправления",
            "муниципальные органы управления образованием",
        ),
    ),
    (
        GlossaryEntry("УО", "управление образования", _A, AuthorityLevel.MUNICIPAL.value),
        ("отдел образования",),
    ),
    (
        GlossaryEntry(
            "РОО",
            "районные отделы образования",
            _A,
            AuthorityLevel.DISTRICT.value,
            FanOut.DISTRICT_AUTHORITIES,
        ),
        ("районный отдел образования",),
    ),
    (GlossaryEntry("Комитет", "комитет по образованию", _A, AuthorityLevel.MUNICIPAL.value), ()),
    (GlossaryEntry("ИМЦ", "информационно-методический центр", _I, InstituteKind.METHODICAL_CENTRE.value), ()),
    (GlossaryEntry("ММЦ", "муниципальный методический центр", _I, InstituteKind.METHODICAL_CENTRE.value), ()),
    (GlossaryEntry("ЦРО", "центр развития образования", _I, InstituteKind.METHODICAL_CENTRE.value), ()),
    (
        GlossaryEntry(
            "ГМО", "городские методические объединения", _I, InstituteKind.TEACHER_ASSOCIATION.value
        ),
        (),
    ),
    (
        GlossaryEntry(
            "РМО", "районные методические объединения", _I, InstituteKind.TEACHER_ASSOCIATION.value
        ),
        (),
    ),
    (
        GlossaryEntry("ОО", "общеобразовательные организации", _S, SCHOOL, FanOut.SCHOOLS),
        (
            "ООО",
            "общеобразовательная организация",
            "ОО с низкими образовательными результатами",
            "ООО с низкими образовательными результатами",
            "общеобразовательные организации с низкими образовательными результатами",
            "общеобразовательные организации, имеющие низкие образовательные результаты",
        ),
    ),
    (
        GlossaryEntry("ШНОР", "школы с низкими образовательными результатами", _S, SCHOOL, FanOut.SCHOOLS),
        ("школа с низкими образовательными результатами",),
    ),
    (
        GlossaryEntry("ШМО", "школьные методические объединения", _S, ROLE, FanOut.SCHOOLS),
        ("школьное методическое объединение",),
    ),
    (
        GlossaryEntry(
            "УВР", "заместитель директора по учебно-воспитательной работе", _S, ROLE, FanOut.SCHOOLS
        ),
        ("зам. директора по УВР", "заместитель директора по УВР", "заместители директоров по УВР"),
    ),
    (
        GlossaryEntry(
            "руководители ОО", "руководители общеобразовательных организаций", _S, ROLE, FanOut.SCHOOLS
        ),
        ("руководители ШНОР",),
    ),
    (GlossaryEntry("классные руководители", "классные руководители", _S, ROLE, FanOut.SCHOOLS), ()),
    (GlossaryEntry("педагогический совет", "педагогический совет", _S, ROLE, FanOut.SCHOOLS), ()),
    (GlossaryEntry("школьный координатор", "школьный координатор", _S, ROLE, FanOut.SCHOOLS), ()),
    (GlossaryEntry("муниципальный координатор", "муниципальный координатор", _P, ROLE), ()),
    (GlossaryEntry("региональный координатор", "региональный координатор", _P, ROLE), ()),
    (
        GlossaryEntry(
            "муниципальная рабочая группа", "муниципальная рабочая группа", _G, GroupKind.WORKING_GROUP.value
        ),
        (),
    ),
    (
        GlossaryEntry(
            "региональная рабочая группа", "региональная рабочая группа", _G, GroupKind.WORKING_GROUP.value
        ),
        (),
    ),
)
"""The built-in entries, each with its aliases: other spellings and names of the same thing."""
