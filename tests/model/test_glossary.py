"""The built-in glossary of executors' abbreviations, layered resolution, and glossary blocks of documents."""

from __future__ import annotations

import pytest
from seed_executor_cells import SEED_CELLS

from model.abbreviations import GlossaryEntry
from model.entities import AuthorityLevel, GroupKind, InstituteKind, NodeKind
from model.glossary import (
    BUILT_IN_GLOSSARY,
    guess_entry,
    lookup_keys,
    normalize_term,
    parse_glossary_lines,
    resolve_term,
)
from model.relations import FanOut

A, I, S, G, P = NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.SCHOOL, NodeKind.GROUP, NodeKind.PERSON


@pytest.mark.parametrize(
    ("term", "key"),
    [
        ("ОО", "оо"),
        ("КОиН", "коин"),
        ("ГБУ ДПО РЦОКИО", "рцокио"),
        ("МБОУ ДПО «ИМЦ»", "имц"),
        ("МАОУ ДПО ИПК", "ипк"),
        ("ГОУДПО(ПК)С «КРИПКиПРО»", "крипкипро"),
        (
            "ГО «Областной центр мониторинга качества образования»",
            "областной центр мониторинга качества образования",
        ),
        ("ГО Полысаево", "го полысаево"),
        ("МОУ", "моу"),
        ("МОУ «СОШ № 5»", "сош № 5"),
        ("МБОУ", "мбоу"),
        ("муниципальное учреждение «Информационно – методический центр»", "информационно-методический центр"),
        ("Соловьёва  Ю.А.", "соловьева ю.а"),
        ("MБOУ ДПO «ИMЦ»", "имц"),
        ("  Комитет. ", "комитет"),
        ("", ""),
    ],
)
def test_a_term_is_normalised_for_lookup_without_case_quotes_or_legal_form(term: str, key: str) -> None:
    assert normalize_term(term) == key


def test_every_key_of_the_built_in_glossary_is_normalised() -> None:
    assert [k for k in BUILT_IN_GLOSSARY if normalize_term(k) != k] == []


def test_every_built_in_entry_is_found_by_its_own_abbreviation_and_full_name() -> None:
    for entry in set(BUILT_IN_GLOSSARY.values()):
        assert resolve_term(entry.abbreviation) == entry
        assert resolve_term(entry.full_name) == entry


@pytest.mark.parametrize(
    ("term", "abbreviation", "node_kind", "subkind", "fan_out"),
    [
        ("ФИОКО", "ФИОКО", I, InstituteKind.FEDERAL_OPERATOR, None),
        ("Рособрнадзор", "Рособрнадзор", A, AuthorityLevel.FEDERAL, None),
        ("Минпросвещения России", "Минпросвещения", A, AuthorityLevel.FEDERAL, None),
        ("Минобрнауки", "Минобрнауки", A, AuthorityLevel.REGIONAL, None),
        ("Депобрнауки", "Депобрнауки", A, AuthorityLevel.REGIONAL, None),
        ("КОиН", "КОиН", A, AuthorityLevel.MUNICIPAL, None),
        ("УОО", "УОО", A, AuthorityLevel.REGIONAL, None),
        ("ИРО", "ИРО", I, InstituteKind.REGIONAL_INSTITUTE, None),
        ("ИПК", "ИПК", I, InstituteKind.REGIONAL_INSTITUTE, None),
        ("ИПКРО", "ИПКРО", I, InstituteKind.REGIONAL_INSTITUTE, None),
        ("КРИПКиПРО", "КРИПКиПРО", I, InstituteKind.REGIONAL_INSTITUTE, None),
        ("ЧИППКРО", "ЧИППКРО", I, InstituteKind.REGIONAL_INSTITUTE, None),
        ("ГБУ ДПО ЧИПКРО", "ЧИППКРО", I, InstituteKind.REGIONAL_INSTITUTE, None),
        ("РЦОКО", "РЦОКО", I, InstituteKind.ASSESSMENT_CENTRE, None),
        ("РЦОКИО", "РЦОКИО", I, InstituteKind.ASSESSMENT_CENTRE, None),
        ("РЦОИ", "РЦОИ", I, InstituteKind.ASSESSMENT_CENTRE, None),
        ("ГУ «ОЦМКО»", "ОЦМКО", I, InstituteKind.ASSESSMENT_CENTRE, None),
        ("ГОО «Кузбасский «РЦППМС»", "РЦППМС", I, InstituteKind.SUPPORT_CENTRE, None),
        ("МОУО", "МОУО", A, AuthorityLevel.MUNICIPAL, FanOut.MUNICIPAL_AUTHORITIES),
        ("МОУ", "МОУО", A, AuthorityLevel.MUNICIPAL, FanOut.MUNICIPAL_AUTHORITIES),
        (
            "органы местного самоуправления, осуществляющие управление в сфере образования",
            "МОУО",
            A,
            AuthorityLevel.MUNICIPAL,
            FanOut.MUNICIPAL_AUTHORITIES,
        ),
        ("УО", "УО", A, AuthorityLevel.MUNICIPAL, None),
        ("РОО", "РОО", A, AuthorityLevel.DISTRICT, FanOut.DISTRICT_AUTHORITIES),
        ("районные отделы образования", "РОО", A, AuthorityLevel.DISTRICT, FanOut.DISTRICT_AUTHORITIES),
        ("Комитет", "Комитет", A, AuthorityLevel.MUNICIPAL, None),
        ("ИМЦ", "ИМЦ", I, InstituteKind.METHODICAL_CENTRE, None),
        ("ММЦ", "ММЦ", I, InstituteKind.METHODICAL_CENTRE, None),
        ("ЦРО", "ЦРО", I, InstituteKind.METHODICAL_CENTRE, None),
        ("ГМО", "ГМО", I, InstituteKind.TEACHER_ASSOCIATION, None),
        ("РМО", "РМО", I, InstituteKind.TEACHER_ASSOCIATION, None),
        ("ОО", "ОО", S, "school", FanOut.SCHOOLS),
        ("ООО", "ОО", S, "school", FanOut.SCHOOLS),
        ("ООО с низкими образовательными результатами", "ОО", S, "school", FanOut.SCHOOLS),
        ("ОО с низкими образовательными результатами", "ОО", S, "school", FanOut.SCHOOLS),
        ("общеобразовательные организации", "ОО", S, "school", FanOut.SCHOOLS),
        ("ШНОР", "ШНОР", S, "school", FanOut.SCHOOLS),
        ("ШМО", "ШМО", S, "role", FanOut.SCHOOLS),
        ("зам. директора по УВР", "УВР", S, "role", FanOut.SCHOOLS),
        ("руководители ОО", "руководители ОО", S, "role", FanOut.SCHOOLS),
        ("муниципальный координатор по НСОКО", "муниципальный координатор", P, "role", None),
        ("Муниципальная рабочая группа", "муниципальная рабочая группа", G, GroupKind.WORKING_GROUP, None),
    ],
)
def test_the_built_in_glossary_knows_the_abbreviations_of_the_domain(
    term: str, abbreviation: str, node_kind: NodeKind, subkind: str, fan_out: FanOut | None
) -> None:
    entry = resolve_term(term, [BUILT_IN_GLOSSARY])
    assert entry is not None
    assert (entry.abbreviation, entry.node_kind, entry.subkind, entry.fan_out) == (
        abbreviation,
        node_kind,
        subkind,
        fan_out,
    )


@pytest.mark.parametrize(
    ("term", "abbreviation"),
    [
        ("Управление образования Полысаевского городского округа", "УО"),
        ("Министерство образования и науки Челябинской области", "Минобрнауки"),
        ("Комитет по образованию Администрации города Оленегорска", "Комитет"),
        ("Минобрнауки Кузбасса", "Минобрнауки"),
        ("отделение Новокузнецкого городского округа Центр «ДАР» ГОО «Кузбасский «РЦППМС»", "РЦППМС"),
        ("Комитет по делам молодёжи", None),
        ("Центр оценки профессионального мастерства и квалификаций педагогов", None),
        ("Центр «ДАР»", None),
        ("Исполнители", None),
        ("", None),
        ("   ", None),
    ],
)
def test_a_longer_name_resolves_by_its_leading_words_or_an_abbreviation_inside_it(
    term: str, abbreviation: str | None
) -> None:
    entry = resolve_term(term)
    assert (entry.abbreviation if entry else None) == abbreviation


def test_the_document_layer_wins_over_the_built_in_one() -> None:
    regional = GlossaryEntry(
        "КОиН", "Комитет образования и науки Курской области", A, AuthorityLevel.REGIONAL
    )
    document = {normalize_term("КОиН"): regional}
    assert resolve_term("КОиН", [document, BUILT_IN_GLOSSARY]) == regional
    assert resolve_term("КОиН", [BUILT_IN_GLOSSARY, document]) == BUILT_IN_GLOSSARY["коин"]


def test_layers_are_tried_in_order_document_region_user_built_in() -> None:
    def entry(name: str) -> GlossaryEntry:
        return GlossaryEntry("ИМЦ", name, I, InstituteKind.METHODICAL_CENTRE)

    document, region, user = (
        {"имц": entry("документ")},
        {"имц": entry("регион")},
        {"имц": entry("пользователь")},
    )
    assert resolve_term("ИМЦ", [document, region, user, BUILT_IN_GLOSSARY]).full_name == "документ"  # type: ignore[union-attr]
    assert resolve_term("ИМЦ", [{}, region, user, BUILT_IN_GLOSSARY]).full_name == "регион"  # type: ignore[union-attr]
    assert resolve_term("ИМЦ", [{}, {}, user, BUILT_IN_GLOSSARY]).full_name == "пользователь"  # type: ignore[union-attr]
    assert resolve_term("ИМЦ", [{}, {}, {}, BUILT_IN_GLOSSARY]) == BUILT_IN_GLOSSARY["имц"]


def test_a_whole_term_in_a_later_layer_wins_over_an_abbreviation_inside_it_in_an_earlier_one() -> None:
    document = {"оо": GlossaryEntry("ОО", "МБОУ «Школа № 35»", S, "school")}
    entry = resolve_term("ОО с низкими образовательными результатами", [document, BUILT_IN_GLOSSARY])
    assert entry == BUILT_IN_GLOSSARY["оо"]


def test_a_layer_written_by_hand_with_keys_as_written_is_still_found() -> None:
    user = {
        "КОиН": GlossaryEntry(
            "КОиН", "Комитет образования и науки Курской области", A, AuthorityLevel.REGIONAL
        )
    }
    assert resolve_term("коин", [user, BUILT_IN_GLOSSARY]) == user["КОиН"]


def test_an_unknown_term_resolves_to_nothing() -> None:
    assert resolve_term("ЦОПМКиМКО", [BUILT_IN_GLOSSARY]) is None
    assert resolve_term("ИМЦ", []) is None


OLENEGORSK_BLOCK = [
    "**Используемые сокращения:**",
    "",
    "**Комитет** - Комитет по образованию Администрации города Оленегорска",
    "",
    "**ИМЦ** - муниципальное учреждение «Информационно – методический центр»",
    "",
    "**ОО** – общеобразовательная организация",
    "",
    "**ШНОР** – школа с низкими образовательными результатами",
]


def test_the_olenegorsk_glossary_block_gives_its_four_bodies() -> None:
    committee = GlossaryEntry(
        "Комитет", "Комитет по образованию Администрации города Оленегорска", A, AuthorityLevel.MUNICIPAL
    )
    imc = GlossaryEntry(
        "ИМЦ",
        "муниципальное учреждение «Информационно – методический центр»",
        I,
        InstituteKind.METHODICAL_CENTRE,
    )
    oo = GlossaryEntry("ОО", "общеобразовательная организация", S, "school", FanOut.SCHOOLS)
    shnor = GlossaryEntry(
        "ШНОР", "школа с низкими образовательными результатами", S, "school", FanOut.SCHOOLS
    )
    assert parse_glossary_lines(OLENEGORSK_BLOCK) == {
        "комитет": committee,
        "комитет по образованию администрации города оленегорска": committee,
        "имц": imc,
        "информационно-методический центр": imc,
        "оо": oo,
        "общеобразовательная организация": oo,
        "шнор": shnor,
        "школа с низкими образовательными результатами": shnor,
    }


def test_the_document_layer_resolves_what_the_block_defines_before_the_built_in_list() -> None:
    layer = parse_glossary_lines(OLENEGORSK_BLOCK)
    entry = resolve_term("Комитет", [layer, BUILT_IN_GLOSSARY])
    assert entry is not None
    assert entry.full_name == "Комитет по образованию Администрации города Оленегорска"


def test_the_novokuznetsk_passport_defines_its_abbreviations_with_dalee() -> None:
    passport = [
        "Комитет образования и науки администрации города Новокузнецка ",
        "(далее – КОиН); МАОУ ДПО ИПК (далее – ИПК) ",
        "районные отделы образования  (далее - РОО), городские ",
        "методические объединения (далее - ГМО),  районные методические ",
        "объединения (далее – РМО), общеобразовательные организации, ",
        "имеющие низкие образовательные результаты (далее – ШНОР) ",
    ]
    layer = parse_glossary_lines(["\n".join(passport)])
    assert {
        k: (e.abbreviation, e.node_kind, e.subkind, e.fan_out)
        for k, e in layer.items()
        if k == normalize_term(e.abbreviation)
    } == {
        "коин": ("КОиН", A, AuthorityLevel.MUNICIPAL, None),
        "ипк": ("ИПК", I, InstituteKind.REGIONAL_INSTITUTE, None),
        "роо": ("РОО", A, AuthorityLevel.DISTRICT, FanOut.DISTRICT_AUTHORITIES),
        "гмо": ("ГМО", I, InstituteKind.TEACHER_ASSOCIATION, None),
        "рмо": ("РМО", I, InstituteKind.TEACHER_ASSOCIATION, None),
        "шнор": ("ШНОР", S, "school", FanOut.SCHOOLS),
    }
    assert layer["коин"].full_name == "Комитет образования и науки администрации города Новокузнецка"


@pytest.mark.parametrize(
    "line",
    [
        "Используемые сокращения:",
        "ВПР – всероссийские проверочные работы",
        "1. Утвердить прилагаемую «дорожную карту» (далее – «дорожная карта»).",
        "",
        "Контроль за исполнением приказа оставляю за собой.",
    ],
)
def test_a_line_that_names_no_body_adds_nothing_to_the_glossary(line: str) -> None:
    assert parse_glossary_lines([line]) == {}


@pytest.mark.parametrize(
    ("full_name", "node_kind", "subkind", "fan_out"),
    [
        ("Комитет по образованию Администрации города Оленегорска", A, AuthorityLevel.MUNICIPAL, None),
        ("Управление образования Полысаевского городского округа", A, AuthorityLevel.MUNICIPAL, None),
        ("Министерство образования и науки Челябинской области", A, AuthorityLevel.REGIONAL, None),
        (
            "управление общего образования Министерства образования и науки Кузбасса",
            A,
            AuthorityLevel.REGIONAL,
            None,
        ),
        ("Министерство просвещения Российской Федерации", A, AuthorityLevel.FEDERAL, None),
        (
            "органы местного самоуправления, осуществляющие управление в сфере образования",
            A,
            AuthorityLevel.MUNICIPAL,
            FanOut.MUNICIPAL_AUTHORITIES,
        ),
        ("районные отделы образования", A, AuthorityLevel.DISTRICT, FanOut.DISTRICT_AUTHORITIES),
        ("Федеральный институт оценки качества образования", I, InstituteKind.FEDERAL_OPERATOR, None),
        ("Институт развития образования", I, InstituteKind.REGIONAL_INSTITUTE, None),
        (
            "Региональный центр оценки качества и информатизации образования",
            I,
            InstituteKind.ASSESSMENT_CENTRE,
            None,
        ),
        (
            "ГОО «Кузбасский региональный центр психолого-педагогической, медицинской и социальной помощи»",
            I,
            InstituteKind.SUPPORT_CENTRE,
            None,
        ),
        (
            "муниципальное учреждение «Информационно-методический центр»",
            I,
            InstituteKind.METHODICAL_CENTRE,
            None,
        ),
        ("Центр «ДАР»", I, InstituteKind.OTHER, None),
        ("городские методические объединения", I, InstituteKind.TEACHER_ASSOCIATION, None),
        ("муниципальная рабочая группа", G, GroupKind.WORKING_GROUP, None),
        ("педагогический совет", G, GroupKind.COUNCIL, None),
        ("общеобразовательная организация", S, "school", FanOut.SCHOOLS),
        ("школы с низкими образовательными результатами", S, "school", FanOut.SCHOOLS),
        ("МБОУ «Школа № 35»", S, "school", None),
    ],
)
def test_the_kind_of_a_body_is_guessed_from_its_full_name(
    full_name: str, node_kind: NodeKind, subkind: str, fan_out: FanOut | None
) -> None:
    entry = guess_entry("X", full_name)
    assert entry is not None
    assert (entry.node_kind, entry.subkind, entry.fan_out) == (node_kind, subkind, fan_out)


_SEED_REFS = [
    pytest.param(ref.name, expected, id=f"{cell.id}-{ref.name}")
    for cell in SEED_CELLS
    for ref, expected in zip(cell.refs, cell.built_in, strict=True)
]


@pytest.mark.parametrize(("name", "abbreviation"), _SEED_REFS)
def test_every_reference_of_the_seed_roadmaps_resolves_through_the_built_in_glossary_as_listed(
    name: str, abbreviation: str | None
) -> None:
    entry = resolve_term(name, [BUILT_IN_GLOSSARY])
    assert (entry.abbreviation if entry else None) == abbreviation


def test_all_but_one_reference_of_the_seed_roadmaps_resolves_through_the_built_in_glossary_alone() -> None:
    refs = [ref.name for cell in SEED_CELLS for ref in cell.refs]
    resolved = [name for name in refs if resolve_term(name, [BUILT_IN_GLOSSARY]) is not None]
    assert (len(resolved), len(refs)) == (173, 174)
    assert sorted(set(refs) - set(resolved)) == [
        "Центр оценки профессионального мастерства и квалификаций педагогов"
    ]


def test_a_term_resolves_alike_through_the_built_in_layer_and_through_a_plain_copy_of_it() -> None:
    # The built-in layer alone is looked up through a cache; a copy of it goes the general way.
    copy = dict(BUILT_IN_GLOSSARY)
    names = [ref.name for cell in SEED_CELLS for ref in cell.refs]
    names += ["коин", "КОиН", "MБOУ ДПO «ИMЦ»", "ЦОПМКиМКО", "", "Управление образования Полысаевского ГО"]
    for name in names:
        assert resolve_term(name) == resolve_term(name, [copy]) == resolve_term(name, (BUILT_IN_GLOSSARY,))


def test_the_keys_of_a_term_are_a_fresh_list_each_time() -> None:
    keys = lookup_keys("ГОО «Кузбасский «РЦППМС»")
    keys.clear()
    assert lookup_keys("ГОО «Кузбасский «РЦППМС»") == ["кузбасский рцппмс", "кузбасский", "рцппмс"]
