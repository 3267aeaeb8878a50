"""Executor cells as references (shared/specs/executors.md): the seed cells and the forms the spec names."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seed_executor_cells import SEED_CELLS, SEED_PEOPLE, SeedCell, group, org, person, role

from model import executors
from model.executor_words import is_abbreviation, replace_lookalikes
from model.executors import ExecutorRef, RefKind, parse_executors


@pytest.mark.parametrize("cell", SEED_CELLS, ids=lambda c: c.id)
def test_every_executor_cell_of_the_seed_roadmaps_gives_its_references(cell: SeedCell) -> None:
    assert tuple(parse_executors(cell.text)) == cell.refs


@pytest.mark.parametrize("cell", SEED_PEOPLE, ids=lambda c: c.id)
def test_people_named_in_the_seed_orders_are_read_with_their_bodies_and_positions(cell: SeedCell) -> None:
    assert tuple(parse_executors(cell.text)) == cell.refs


@pytest.mark.parametrize("text", ["", "   ", "\n \n\t", "—", "-", ", ;", "«»"])
def test_an_empty_cell_names_nobody(text: str) -> None:
    assert parse_executors(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Шитова О.А.", [person("Шитова О.А.")]),
        ("Шитова О. А.", [person("Шитова О. А.")]),
        ("Белова Г.М", [person("Белова Г.М")]),
        ("Н.Е. Байрачный", [person("Н.Е. Байрачный")]),
        ("В.В.Кукина", [person("В.В.Кукина")]),
        ("Кукина Виктория Вячеславовна", [person("Кукина Виктория Вячеславовна")]),
        ("Салтыков-Щедрин М.Е.", [person("Салтыков-Щедрин М.Е.")]),
        ("и.о. Иванцова Л.А.", [person("Иванцова Л.А.", "и.о.")]),
        ("Позднякову Н.А..", [person("Позднякову Н.А.")]),
        ("Шитова О.А., Н.Е. Байрачный", [person("Шитова О.А."), person("Н.Е. Байрачный")]),
        ("Шитова О.А.\nПетрова Б.Б.", [person("Шитова О.А."), person("Петрова Б.Б.")]),
        ("Шитова О.А. и Петрова Б.Б.", [person("Шитова О.А."), person("Петрова Б.Б.")]),
        ("(Иванова А.А., Петрова Б.Б.)", [person("Иванова А.А."), person("Петрова Б.Б.")]),
    ],
)
def test_a_person_is_read_in_every_form_the_orders_use(text: str, expected: list[ExecutorRef]) -> None:
    assert parse_executors(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ГУ «ОЦМКО» (Шитова О.А.)", [org("ГУ «ОЦМКО»", person="Шитова О.А.")]),
        ("Отдел общего образования (Петрова А.А.)", [org("Отдел общего образования", person="Петрова А.А.")]),
        (
            "Отдел общего образования (Иванова А.А., Петрова Б.Б.)",
            [
                org("Отдел общего образования", person="Иванова А.А."),
                org("Отдел общего образования", person="Петрова Б.Б."),
            ],
        ),
        ("Директор МБОУ ДПО «ИМЦ» В.В. Кукина", [role("Директор МБОУ ДПО «ИМЦ»", person="В.В. Кукина")]),
        ("Директор МБОУ ДПО «ИМЦ»\nВ.В. Кукина", [role("Директор МБОУ ДПО «ИМЦ»", person="В.В. Кукина")]),
        (
            "ГУ «ОЦМКО» (Шитова О.А.) (по согласованию)",
            [org("ГУ «ОЦМКО»", "(по согласованию)", person="Шитова О.А.")],
        ),
        ("МБОУ СОШ им. А.С. Пушкина", [org("МБОУ СОШ им. А.С. Пушкина")]),
        ("МБОУ «Гимназия им. А.С. Пушкина»", [org("МБОУ «Гимназия им. А.С. Пушкина»")]),
    ],
)
def test_a_body_or_role_followed_by_a_person_carries_that_person(
    text: str, expected: list[ExecutorRef]
) -> None:
    assert parse_executors(text) == expected


def test_a_person_next_to_a_position_is_one_person_with_the_position_as_a_qualifier() -> None:
    text = (
        "Яковлева Светлана Вячеславовна, заместитель председателя Правительства Нижегородской области - "
        "министр образования, науки и молодежной политики Нижегородской области"
    )
    assert parse_executors(text) == [
        person(
            "Яковлева Светлана Вячеславовна",
            "заместитель председателя Правительства Нижегородской области - министр образования, науки и "
            "молодежной политики Нижегородской области",
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Министерство образования, науки и молодежной политики Нижегородской области (далее - МОНиМП НО)",
            [
                org(
                    "Министерство образования, науки и молодежной политики Нижегородской области",
                    "(далее - МОНиМП НО)",
                    abbreviation="МОНиМП НО",
                )
            ],
        ),
        (
            "Министерство образования Нижегородской области (далее - Министерство)",
            [
                org(
                    "Министерство образования Нижегородской области",
                    "(далее - Министерство)",
                    abbreviation="Министерство",
                )
            ],
        ),
        (
            "Исполнительные органы государственной власти (ОИВ)",
            [org("Исполнительные органы государственной власти", "(ОИВ)", abbreviation="ОИВ")],
        ),
        (
            "Комитет образования и науки администрации города Новокузнецка\n(далее – КОиН)",
            [
                org(
                    "Комитет образования и науки администрации города Новокузнецка",
                    "(далее – КОиН)",
                    abbreviation="КОиН",
                )
            ],
        ),
        (
            "ОО (далее – «школы») с низкими результатами",
            [org("ОО с низкими результатами", "(далее – «школы»)", abbreviation="школы")],
        ),
    ],
)
def test_a_definition_in_parentheses_keeps_the_abbreviation_for_the_glossary(
    text: str, expected: list[ExecutorRef]
) -> None:
    assert parse_executors(text) == expected


def test_the_novokuznetsk_passport_defines_six_bodies_each_closed_by_its_definition() -> None:
    text = (
        "Комитет образования и науки администрации города Новокузнецка \n"
        "(далее – КОиН); МАОУ ДПО ИПК (далее – ИПК) \n"
        "районные отделы образования  (далее - РОО), городские \n"
        "методические объединения (далее - ГМО),  районные методические \n"
        "объединения (далее – РМО), общеобразовательные организации, \n"
        "имеющие низкие образовательные результаты (далее – ШНОР) "
    )
    assert parse_executors(text) == [
        org(
            "Комитет образования и науки администрации города Новокузнецка",
            "(далее – КОиН)",
            abbreviation="КОиН",
        ),
        org("МАОУ ДПО ИПК", "(далее – ИПК)", abbreviation="ИПК"),
        org("районные отделы образования", "(далее - РОО)", abbreviation="РОО"),
        group("городские методические объединения", "(далее - ГМО)", abbreviation="ГМО"),
        group("районные методические объединения", "(далее – РМО)", abbreviation="РМО"),
        org(
            "общеобразовательные организации, имеющие низкие образовательные результаты",
            "(далее – ШНОР)",
            abbreviation="ШНОР",
        ),
    ]


def test_a_definition_closes_its_body_when_another_follows_without_a_comma() -> None:
    text = "МАОУ ДПО ИПК (далее – ИПК) районные отделы образования (далее - РОО)"
    assert parse_executors(text) == [
        org("МАОУ ДПО ИПК", "(далее – ИПК)", abbreviation="ИПК"),
        org("районные отделы образования", "(далее - РОО)", abbreviation="РОО"),
    ]


def test_the_developers_of_the_novokuznetsk_roadmap_are_a_bulleted_list() -> None:
    text = (
        "- Комитет образования и науки администрации города Новокузнецка  \n"
        "- МАОУ ДПО ИПК \n"
        "- общеобразовательные организации города Новокузнецка, \n"
        "включенные в мероприятия по повышению качества образования. "
    )
    assert parse_executors(text) == [
        org("Комитет образования и науки администрации города Новокузнецка"),
        org("МАОУ ДПО ИПК"),
        org(
            "общеобразовательные организации города Новокузнецка, включенные в мероприятия по повышению "
            "качества образования"
        ),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("УО (по согласованию)", [org("УО", "(по согласованию)")]),
        ("УО, по согласованию", [org("УО", "по согласованию")]),
        ("УО;\n(по согласованию)", [org("УО", "(по согласованию)")]),
        ("ОО и др.", [org("ОО", "и др.")]),
        ("ОО и другие", [org("ОО", "и другие")]),
        ("ИМЦ совместно с ОО", [org("ИМЦ"), org("ОО", "совместно с")]),
        ("УО, совместно с ИМЦ", [org("УО"), org("ИМЦ", "совместно с")]),
        ("(по согласованию)", [org("(по согласованию)")]),
        ("Гажа Ирина Петровна, 8(351)2632517", [person("Гажа Ирина Петровна", "8(351)2632517")]),
    ],
)
def test_markers_go_to_qualifiers_and_are_never_lost(text: str, expected: list[ExecutorRef]) -> None:
    assert parse_executors(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("руководители ОО", [role("руководители ОО")]),
        ("зам. директора по УВР", [role("зам. директора по УВР")]),
        ("заместители директоров по УВР и ВР", [role("заместители директоров по УВР и ВР")]),
        ("классные руководители", [role("классные руководители")]),
        ("муниципальный координатор", [role("муниципальный координатор")]),
        ("учителя-предметники", [role("учителя-предметники")]),
        ("педагогические работники ШНОР", [role("педагогические работники ШНОР")]),
        ("муниципальная рабочая группа", [group("муниципальная рабочая группа")]),
        ("ГМО", [group("ГМО")]),
        ("РМО", [group("РМО")]),
        ("ШМО", [group("ШМО")]),
        ("педагогический совет", [group("педагогический совет")]),
        ("школьные команды", [group("школьные команды")]),
        ("ОО", [org("ОО")]),
        ("МБОУ ДПО «ИМЦ»", [org("МБОУ ДПО «ИМЦ»")]),
        ("РЦОИ", [org("РЦОИ")]),
        (
            "Министерство образования Нижегородской области",
            [org("Министерство образования Нижегородской области")],
        ),
        ("Центрального района отдел", [org("Центрального района отдел")]),
        ("Исполнители", [org("Исполнители")]),
    ],
)
def test_a_reference_is_a_body_a_role_or_a_group_by_the_word_that_heads_it(
    text: str, expected: list[ExecutorRef]
) -> None:
    assert parse_executors(text) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Комитет, ИМЦ, ОО", ["Комитет", "ИМЦ", "ОО"]),
        ("Комитет; ИМЦ; ОО", ["Комитет", "ИМЦ", "ОО"]),
        ("Комитет\nИМЦ\nОО", ["Комитет", "ИМЦ", "ОО"]),
        ("Комитет, ИМЦ и ОО", ["Комитет", "ИМЦ", "ОО"]),
        ("ГМО и\nРМО", ["ГМО", "РМО"]),
        ("Комитет по образованию и ИМЦ", ["Комитет по образованию", "ИМЦ"]),
        (
            "Министерство образования и науки Челябинской области",
            ["Министерство образования и науки Челябинской области"],
        ),
        ("руководители ОО и их заместители", ["руководители ОО и их заместители"]),
        ("ГОО «Кузбасский РЦППМС», ОО", ["ГОО «Кузбасский РЦППМС»", "ОО"]),
        ("ГОО «Центр «Здоровье, развитие», ОО", ["ГОО «Центр «Здоровье, развитие»", "ОО"]),
        ('МБОУ "СОШ № 5, 7", ОО', ['МБОУ "СОШ № 5, 7"', "ОО"]),
        ("МБОУ «Школа № 35, ОО", ["МБОУ «Школа № 35", "ОО"]),
        ("ОО (ВПР, НИКО, PISA и др.)", ["ОО (ВПР, НИКО, PISA и др.)"]),
        ("ГОУДПО(ПК)С «КРИПКиПРО», ОО", ["ГОУДПО(ПК)С «КРИПКиПРО»", "ОО"]),
        (
            "органы местного самоуправления, осуществляющие управление в сфере образования, ОО",
            ["органы местного самоуправления, осуществляющие управление в сфере образования", "ОО"],
        ),
        (
            "общеобразовательные организации города, включенные в мероприятия, УО",
            ["общеобразовательные организации города, включенные в мероприятия", "УО"],
        ),
        ("- Комитет\n- МАОУ ДПО ИПК\n- ОО", ["Комитет", "МАОУ ДПО ИПК", "ОО"]),
        ("• Управление образования\n• ИМЦ", ["Управление образования", "ИМЦ"]),
    ],
)
def test_references_are_cut_at_separators_outside_quotes_and_parentheses(text: str, names: list[str]) -> None:
    assert [r.name for r in parse_executors(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Исполнит\nели  ", ["Исполнители"]),
        (
            "отделение \nНовокузне\nцкого \nгородского \nокруга",
            ["отделение Новокузнецкого городского округа"],
        ),
        ("ГОО \n«Кузбасски\nй \n«РЦППМС\n» ", ["ГОО «Кузбасский «РЦППМС»"]),
        ("ИПК \nКОиН, РОО ", ["ИПК", "КОиН", "РОО"]),
        ("ОО с низкими\nобразовательными результатами", ["ОО с низкими образовательными результатами"]),
        ("консультативно-\nметодический центр", ["консультативно-методический центр"]),
        ("Кукина\nВиктория\nВячеславовна", ["Кукина Виктория Вячеславовна"]),
        (
            "Комитет образования и науки\nадминистрации города",
            ["Комитет образования и науки администрации города"],
        ),
        (
            "Министерство образования\nНижегородской области",
            ["Министерство образования Нижегородской области"],
        ),
        ("начальник отдела МАОУ \nДПО ИПК", ["начальник отдела МАОУ ДПО ИПК"]),
        ("ГОУДПО(ПК)С\n«КРИПКиПРО»", ["ГОУДПО(ПК)С «КРИПКиПРО»"]),
        ("Центр \n«ДАР» \nГОО «РЦППМС»", ["Центр «ДАР»", "ГОО «РЦППМС»"]),
        ("Новокузне\xad\nцкого округа", ["Новокузнецкого округа"]),
        ("УО,\r\nОО", ["УО", "ОО"]),
        ("УО\u2028ИМЦ", ["УО", "ИМЦ"]),
    ],
)
def test_a_line_break_splits_only_between_two_whole_references(text: str, names: list[str]) -> None:
    assert [r.name for r in parse_executors(text)] == names


def test_a_branch_is_named_together_with_its_parent_body() -> None:
    text = "отделение \nНовокузнецкого \nгородского округа \nЦентр \n«ДАР» \nГОО \n«Кузбасский РЦППМС» "
    assert parse_executors(text) == [
        org("отделение Новокузнецкого городского округа Центр «ДАР» ГОО «Кузбасский РЦППМС»")
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("MБOУ ДПO «ИMЦ», OO", ["МБОУ ДПО «ИМЦ»", "ОО"]),
        ("Шитoвa O.A.", ["Шитова О.А."]),
        ("PИMЦ, PISA", ["РИМЦ", "PISA"]),
        ("Координатор PISA", ["Координатор PISA"]),
    ],
)
def test_latin_look_alike_letters_in_cyrillic_words_become_cyrillic(text: str, names: list[str]) -> None:
    assert [r.name for r in parse_executors(text)] == names


def test_a_cell_that_is_not_text_is_read_as_text() -> None:
    assert parse_executors(None) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Латиница only", "Латиница only"),
        ("PISA", "PISA"),
        ("OO и ОО", "ОО и ОО"),
        ("Oтдел", "Отдел"),
    ],
)
def test_replace_lookalikes_touches_only_cyrillic_words(text: str, expected: str) -> None:
    assert replace_lookalikes(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("ОО", True), ("КОиН", True), ("МОНиМП", True), ("«РЦППМС»", True), ("Комитет", False), ("О.А.", False)],
)
def test_an_abbreviation_is_written_mostly_in_capitals(word: str, expected: bool) -> None:
    assert is_abbreviation(word) is expected


# --- properties --------------------------------------------------------------------------------------

_PIECES = [
    "ОО", "ИМЦ", "КОиН", "РОО", "ГМО", "МБОУ ДПО «ИМЦ»", "УО", "Шитова О.А.", "Н.Е. Байрачный", "и.о. ",
    "Кукина Виктория Вячеславовна", "руководители ОО", "муниципальная рабочая группа", "(по согласованию)",
    "(далее – ", "(далее - МОУ)", " и ", " и др.", "совместно с ", "отделение", "Центр", "«", "»", "(", ")",
    '"', ", ", "; ", "\n", " \n", "\n\n", "- ", "• ", "Новокузне", "цкого", "й", "директор", "заместитель",
    "органы местного самоуправления", "осуществляющие", "OO", "MБOУ", "№ 35", "..", "\xad", "\u2028", "\t",
]  # fmt: skip
_ALPHABET = st.sampled_from(list('АаБбВвГгДдЕеЁёИиЙйКкОоРрСсТтУуЦцЬьЫыAaCcEeOoPpXx019 ,;.-–—«»"()\n№'))
_CELLS = st.one_of(
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(_ALPHABET, max_size=4)), max_size=14).map("".join),
    st.text(max_size=40),
)


def _letters(text: str) -> Counter[str]:
    """Letters and digits a reader must keep: look-alikes folded, the words «и» and «совместно с» aside."""
    folded = text.translate(str.maketrans("ABCEHKMOPTXYaceopxyk", "АВСЕНКМОРТХУасеорхук")).casefold()
    folded = re.sub(r"(?<!\w)(?:и|совместно\s+со?)(?!\w)", " ", folded)
    return Counter(c for c in folded if c.isalnum())


@settings(max_examples=400, deadline=None)
@given(_CELLS)
def test_the_reader_itself_never_raises_so_the_safety_net_never_fires(text: str) -> None:
    refs = executors._references(text, 0)
    assert all(isinstance(r, ExecutorRef) and isinstance(r.kind, RefKind) for r in refs)


@settings(max_examples=400, deadline=None)
@given(_CELLS)
def test_no_letter_of_a_cell_is_lost(text: str) -> None:
    refs = parse_executors(text)
    written = "".join(f"{r.name} {r.person} {' '.join(r.qualifiers)} " for r in refs)
    assert not _letters(text) - _letters(written)


@settings(max_examples=300, deadline=None)
@given(_CELLS)
def test_every_reference_has_a_folded_name_and_the_cell_order(text: str) -> None:
    for ref in parse_executors(text):
        assert ref.name and ref.name == " ".join(ref.name.split())
        assert ref.person == " ".join(ref.person.split())
        assert all(q == q.strip() and q for q in ref.qualifiers)


_ABBREVIATIONS = ["ОО", "УО", "ИМЦ", "КОиН", "РОО", "ГМО", "РМО", "ИПК", "РЦОИ", "МОУО", "ШНОР"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_ABBREVIATIONS), min_size=1, max_size=6),
    st.lists(st.sampled_from([", ", "; ", "\n", " и ", ",\n", " \n", ";  "]), min_size=5, max_size=5),
)
def test_a_list_of_abbreviations_reads_back_as_written_whatever_separates_them(
    names: list[str], seps: list[str]
) -> None:
    text = names[0] + "".join(sep + name for sep, name in zip(seps, names[1:], strict=False))
    assert [r.name for r in parse_executors(text)] == names
