"""Roadmap and other tables of real files → activities, executors, schools, people, with every row counted."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loaders_support import NO_DEADLINES

from loaders.document import DocumentOptions, parse_document_facts
from loaders.importer import FileInput, FileResult, load_batch
from loaders.known import Known
from loaders.order import load_document
from loaders.read import RawRow, RawTable, Workbook
from model.deadlines import DeadlineKind
from model.entities import Activity, Person, School, SchoolStatus, Source
from model.graph import build_graph
from model.ids import child_id, make_id
from model.relations import EdgeKind, FanOut, Link

KUZBASS = make_id("ter", "Кемеровская область – Кузбасс")
POLYSAEVO = child_id("ter", KUZBASS, "Полысаевский городской округ")
NOVOKUZNETSK = child_id("ter", KUZBASS, "Новокузнецкий городской округ")
CHELYABINSK = make_id("ter", "Челябинская область")
IN_POLYSAEVO = DocumentOptions(
    region="Кемеровская область – Кузбасс",
    municipality="Полысаевский городской округ",
    plan_start=date(2020, 9, 1),
    plan_end=date(2021, 8, 31),
)
IN_CHELYABINSK = DocumentOptions(
    region="Челябинская область", plan_start=date(2020, 6, 23), plan_end=date(2023, 12, 31)
)
IN_NOVOKUZNETSK = DocumentOptions(
    region="Кемеровская область – Кузбасс", municipality="Новокузнецкий городской округ"
)


def load_one(path: Path, options: DocumentOptions) -> FileResult:
    [result] = load_batch([FileInput(path, options)])
    return result


def table_report(result: FileResult, index: int = 0) -> dict[str, Any]:
    out = result.report.as_dict()["tables"][index]
    out.pop("sheet")
    return dict(out)


def activities(result: FileResult) -> list[Activity]:
    return [e for e in result.entities if isinstance(e, Activity)]


def responsible(result: FileResult) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (link.source, link.target.rsplit("#", 1)[1], link.attrs)
        for link in result.links
        if link.kind == EdgeKind.RESPONSIBLE_FOR
    ]


def assert_balanced(result: FileResult) -> None:
    for t in result.report.tables:
        assert t.accounted == t.rows_read, t.as_dict()
        rows = [r.row for r in t.ignored] + [r.row for r in t.rejected]
        assert len(rows) == len(set(rows)), t.as_dict()


@pytest.mark.parametrize(
    ("fmt", "blank"),
    [("xlsx", (2, 6)), ("xls", (2, 6)), ("ods", (2, 6)), ("docx", (2, 6)), ("csv", (3, 7))],
)
def test_every_activity_row_of_the_polysaevo_roadmap_loads_in_every_format(
    tmp_path: Path, write_table: Any, polysaevo_rows: list[list[Any]], fmt: str, blank: tuple[int, int]
) -> None:
    # A CSV row is numbered by the line it starts on: the title's line break moves the rows below it.
    result = load_one(write_table(tmp_path / f"polysaevo.{fmt}", polysaevo_rows), IN_POLYSAEVO)
    assert table_report(result) == {
        "kind": "roadmap",
        "rows_read": 7,
        "header_rows": 1,
        "activities": 3,
        "sections": 0,
        "ignored": [{"row": 1, "reason": "title"}, *({"row": n, "reason": "blank"} for n in blank)],
        "rejected": [],
        "deadlines": NO_DEADLINES | {"month": 3},
        "executors": {"resolved": 5, "unresolved": 0},
    }


def test_executors_link_to_their_activity_the_first_in_the_cell_leading(
    tmp_path: Path, write_table: Any, polysaevo_rows: list[list[Any]]
) -> None:
    result = load_one(write_table(tmp_path / "polysaevo.xlsx", polysaevo_rows), IN_POLYSAEVO)
    uo, imc = child_id("auth", POLYSAEVO, "УО"), child_id("inst", POLYSAEVO, "ИМЦ")
    assert responsible(result) == [
        (uo, "4", {"lead": True, "ref": "УО"}),
        (uo, "5", {"lead": True, "ref": "УО"}),
        (POLYSAEVO, "5", {"lead": False, "ref": "ОО", "fan_out": FanOut.SCHOOLS}),
        (uo, "7", {"lead": True, "ref": "УО"}),
        (imc, "7", {"lead": False, "ref": "МБОУ ДПО «ИМЦ»"}),
    ]


def test_activities_keep_number_section_text_parsed_deadline_result_and_raw_executors(
    tmp_path: Path, write_table: Any, chelyabinsk_rows: list[list[Any]]
) -> None:
    result = load_one(write_table(tmp_path / "chelyabinsk.xlsx", chelyabinsk_rows), IN_CHELYABINSK)
    roadmap = child_id("rm", CHELYABINSK, "chelyabinsk")
    first = activities(result)[0]
    assert first == Activity(
        id=f"{roadmap}#4",
        roadmap=roadmap,
        number="1.1.",
        text="Индивидуальные консультации",
        deadline=first.deadline,
        section="1. Организационная работа с ОО",
        result="Информация",
        executors_raw="ГБУ ДПО РЦОКИО",
        source=Source("chelyabinsk.xlsx", "Лист1", 4),
    )
    assert (first.deadline.kind, first.deadline.start, first.deadline.end) == (
        DeadlineKind.PERIOD,
        date(2020, 6, 1),
        date(2020, 7, 31),
    )


def test_the_duplicated_number_3_3_gives_two_activities_told_apart_by_their_row(
    tmp_path: Path, write_table: Any, chelyabinsk_rows: list[list[Any]]
) -> None:
    result = load_one(write_table(tmp_path / "chelyabinsk.xlsx", chelyabinsk_rows), IN_CHELYABINSK)
    assert [(a.id.rsplit("#", 1)[1], a.number, a.section) for a in activities(result)] == [
        ("4", "1.1.", "1. Организационная работа с ОО"),
        ("5", "1.2.", "1. Организационная работа с ОО"),
        ("7", "3.3.", "3. Информационно-аналитическая работа"),
        ("8", "3.3.", "3. Информационно-аналитическая работа"),
    ]
    assert table_report(result) == {
        "kind": "roadmap",
        "rows_read": 8,
        "header_rows": 1,
        "activities": 4,
        "sections": 2,
        "ignored": [{"row": 1, "reason": "title"}],
        "rejected": [],
        "deadlines": NO_DEADLINES | {"month": 2, "period": 2},
        "executors": {"resolved": 4, "unresolved": 0},
    }


def test_oo_in_a_regional_roadmap_fans_out_to_the_schools_of_the_region(
    tmp_path: Path, write_table: Any, chelyabinsk_rows: list[list[Any]]
) -> None:
    result = load_one(write_table(tmp_path / "chelyabinsk.xlsx", chelyabinsk_rows), IN_CHELYABINSK)
    assert responsible(result)[-1] == (
        CHELYABINSK,
        "8",
        {"lead": True, "ref": "ОО с низкими результатами", "fan_out": FanOut.SCHOOLS},
    )


def test_a_row_split_by_a_page_break_merges_into_the_activity_above(
    tmp_path: Path, write_table: Any, novokuznetsk_rows: list[list[Any]]
) -> None:
    result = load_one(write_table(tmp_path / "novokuznetsk.docx", novokuznetsk_rows), IN_NOVOKUZNETSK)
    assert table_report(result) == {
        "kind": "roadmap",
        "rows_read": 11,
        "header_rows": 1,
        "activities": 3,
        "sections": 2,
        "ignored": [{"row": n, "reason": "title"} for n in (1, 2, 3, 4)]
        + [{"row": 9, "reason": "continuation"}],
        "rejected": [],
        "deadlines": NO_DEADLINES | {"several": 1, "by_schedule": 2},
        "executors": {"resolved": 7, "unresolved": 0},
    }
    split = activities(result)[1]
    assert (split.number, split.text) == (
        "1.3.",
        "Организация и проведение тематических совещаний с руководителями ШНОР "
        "образования общеобразовательной организации по вопросам управления",
    )


def test_abbreviations_the_passport_defines_resolve_executors_of_the_same_file(
    tmp_path: Path, write_table: Any, novokuznetsk_rows: list[list[Any]]
) -> None:
    result = load_one(write_table(tmp_path / "novokuznetsk.docx", novokuznetsk_rows), IN_NOVOKUZNETSK)
    assert [
        (source, ref["ref"], str(ref.get("fan_out")))
        for source, row, ref in responsible(result)
        if row == "8"
    ] == [
        (child_id("auth", NOVOKUZNETSK, "КОиН"), "КОиН", "None"),
        (NOVOKUZNETSK, "РОО", "district_authorities"),
        (child_id("inst", KUZBASS, "ИПК"), "ИПК", "None"),
    ]


MESSY_ROWS: list[list[Any]] = [
    ["План мероприятий на 2020-2021 учебный год", None, None, None],
    ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
    ["1.", None, None, None],
    [None, "Совещание с руководителями ОО", "Ноябрь 2020 года", "УО, ИМЦ"],
    ["2.", None, "Декабрь 2020", "УО"],
    ["3.", "Семинар для учителей", "когда-нибудь", "ЦОПМКП"],
    ["4.", "Мониторинг", None, "Муниципальная рабочая группа, руководители ОО"],
    [None, None, None, None],
    ["Начальник УО", None, None, "И.С. Гутник"],
    ["Используемые сокращения:", None, None, None],
    ["ИМЦ – муниципальное учреждение «Информационно-методический центр»", None, None, None],
]


def test_a_messy_roadmap_loses_no_row_and_says_why_each_was_set_aside(
    tmp_path: Path, write_table: Any
) -> None:
    options = DocumentOptions(region="Мурманская область", municipality="город Оленегорск")
    result = load_one(write_table(tmp_path / "messy.xlsx", MESSY_ROWS), options)
    assert table_report(result) == {
        "kind": "roadmap",
        "rows_read": 11,
        "header_rows": 1,
        "activities": 3,
        "sections": 0,
        "ignored": [
            {"row": 1, "reason": "title"},
            {"row": 4, "reason": "continuation"},
            {"row": 8, "reason": "blank"},
            {"row": 9, "reason": "signature"},
            {"row": 10, "reason": "footer"},
            {"row": 11, "reason": "footer"},
        ],
        "rejected": [{"row": 5, "issue": "activity-without-text"}],
        "deadlines": NO_DEADLINES | {"month": 1, "unknown": 2},
        "executors": {"resolved": 4, "unresolved": 1},
    }
    assert [(i["code"], i["row"], i["column"]) for i in result.report.as_dict()["issues"] if i["row"]] == [
        ("activity-without-text", 5, "Мероприятия"),
        ("unknown-abbreviation", 6, "Ответственные"),
        ("unknown-deadline", 6, "Сроки"),
        ("missing-deadline", 7, "Сроки"),
    ]


def test_an_unresolved_executor_is_kept_as_raw_text_on_its_activity(tmp_path: Path, write_table: Any) -> None:
    options = DocumentOptions(region="Мурманская область", municipality="город Оленегорск")
    result = load_one(write_table(tmp_path / "messy.xlsx", MESSY_ROWS), options)
    assert [(a.number, a.executors_raw) for a in activities(result)] == [
        ("1.", "УО, ИМЦ"),
        ("3.", "ЦОПМКП"),
        ("4.", "Муниципальная рабочая группа, руководители ОО"),
    ]


def test_an_executor_given_by_a_formula_saved_without_its_value_is_reported_where_it_is(
    tmp_path: Path, write_table: Any, polysaevo_rows: list[list[Any]]
) -> None:
    import openpyxl

    path = write_table(tmp_path / "formulas.xlsx", polysaevo_rows)
    book = openpyxl.load_workbook(path)
    book.active["D5"] = "=D4"  # «Утверждение муниципального координатора»: «УО, ОО» as a formula
    book.save(path)

    result = load_one(path, IN_POLYSAEVO)

    by_code = {i.code: i for i in result.report.issues}
    formula = by_code["formula-not-computed"]
    assert (formula.file, formula.sheet, formula.row, formula.column) == ("formulas.xlsx", "Лист1", 5, "D")
    assert "(ячейки D5)" in formula.message
    assert [(a.number, a.executors_raw) for a in activities(result)][:2] == [("1.", "УО"), ("2.", "")]
    assert_balanced(result)


def test_the_abbreviations_block_below_the_table_names_the_body(tmp_path: Path, write_table: Any) -> None:
    options = DocumentOptions(region="Мурманская область", municipality="город Оленегорск")
    result = load_one(write_table(tmp_path / "messy.xlsx", MESSY_ROWS), options)
    town = child_id("ter", make_id("ter", "Мурманская область"), "город Оленегорск")
    imc = next(e for e in result.entities if e.id == child_id("inst", town, "ИМЦ"))
    assert imc.name == "Муниципальное учреждение «Информационно-методический центр»"


ORDER_PARAGRAPHS = [
    "КОМИТЕТ ОБРАЗОВАНИЯ И НАУКИ АДМИНИСТРАЦИИ ГОРОДА НОВОКУЗНЕЦКА",
    "П Р И К А З",
    "от 03.12.2020 № 1324",
    "Об утверждении Дорожной карты на 2020-2021 учебный год",
    "ПРИКАЗЫВАЮ:",
    "3. Назначить координатором деятельности рабочей группы ректора МАОУ ДПО ИПК Позднякову Н.А..",
    "6. Контроль за исполнением приказа возложить на Круль С.В., заместителя председателя КОиН.",
    "Председатель комитета Ю.А. Соловьева",
]
SCHOOLS_ROWS = [
    ["Образовательные организации с низкими образовательными результатами", None],
    ["Территория", "ОО"],
    ["Новокузнецкий ГО", 'МБОУ "Основная общеобразовательная школа № 103"'],
    ["Новокузнецкий ГО", 'МБОУ "Средняя общеобразовательная школа № 12"'],
]
PEOPLE_ROWS = [
    ["Ф.И.О.", "должность"],
    ["Соловьёва Юлия Александровна", "председатель КОиН"],
    ["Круль Светлана Васильевна", "заместитель председателя КОиН"],
    ["Позднякова Наталья Анатольевна", "ректор МАОУ ДПО ИПК"],
]
GLOSSARY_ROWS = [
    ["Сокращение", "Полное наименование"],
    ["КОиН", "Комитет образования и науки администрации города Новокузнецка"],
    ["ИПК", "Муниципальный институт повышения квалификации"],
]
ROADMAP_ROWS = [
    ["№", "Мероприятия", "Сроки", "Исполнители"],
    ["1.", "Совещание", "Ноябрь 2020 года", "КОиН, ИПК, ОО"],
]


@pytest.fixture
def novokuznetsk_order(tmp_path: Path, write_workbook: Any) -> FileResult:
    sheets = {
        "roadmap": ROADMAP_ROWS,
        "people": PEOPLE_ROWS,
        "schools": SCHOOLS_ROWS,
        "glossary": GLOSSARY_ROWS,
    }
    path = write_workbook(tmp_path / "order.docx", sheets, paragraphs_before=ORDER_PARAGRAPHS)
    return load_one(path, DocumentOptions(region="Кемеровская область – Кузбасс"))


def test_every_table_of_an_order_is_counted_by_its_kind(novokuznetsk_order: FileResult) -> None:
    assert [
        (t["kind"], t["rows_read"], t["header_rows"], t.get("loaded", t.get("activities")), t["ignored"])
        for t in novokuznetsk_order.report.as_dict()["tables"]
    ] == [
        ("roadmap", 2, 1, 1, []),
        ("people", 4, 1, 3, []),
        ("schools", 4, 1, 2, [{"row": 1, "reason": "title"}]),
        ("glossary", 3, 1, 2, []),
    ]
    assert (novokuznetsk_order.report.schools, novokuznetsk_order.report.people) == (2, 3)


def test_the_schools_list_gives_schools_listed_in_the_plan_year_and_covered_by_the_roadmap(
    novokuznetsk_order: FileResult,
) -> None:
    town = child_id("ter", KUZBASS, "город Новокузнецк")
    roadmap = child_id("rm", town, "1324 2020-12-03")
    school = child_id("school", town, 'МБОУ "Основная общеобразовательная школа № 103"')
    found = next(e for e in novokuznetsk_order.entities if e.id == school)
    assert (found.territory, found.statuses) == (town, (SchoolStatus(2020),))
    assert Link(roadmap, EdgeKind.COVERS, school) in novokuznetsk_order.links
    assert [link.attrs for link in novokuznetsk_order.links if link.kind == EdgeKind.COVERS] == [
        {"year": 2020},
        {"year": 2020},
    ]
    assert sum(isinstance(e, School) for e in novokuznetsk_order.entities) == 2


def test_working_group_members_work_at_and_head_the_bodies_their_positions_name(
    novokuznetsk_order: FileResult,
) -> None:
    town = child_id("ter", KUZBASS, "город Новокузнецк")
    committee = child_id("auth", town, "КОиН")
    solovyova = child_id("person", town, "Соловьева Ю.А.")
    links = {(link.source, link.kind, link.target) for link in novokuznetsk_order.links}
    assert {
        (solovyova, EdgeKind.HEADS, committee),
        (solovyova, EdgeKind.WORKS_AT, committee),
        (child_id("person", town, "Круль С.В."), EdgeKind.CONTROLS, child_id("rm", town, "1324 2020-12-03")),
        (child_id("person", town, "Позднякова Н.А."), EdgeKind.HEADS, child_id("inst", town, "ИПК")),
    } <= links
    person = next(e for e in novokuznetsk_order.entities if e.id == solovyova)
    assert person == Person(
        solovyova,
        "Соловьёва Юлия Александровна",
        "председатель КОиН",
        committee,
        source=Source("order.docx", "Таблица 2", 2),
    )


def test_a_glossary_table_defines_abbreviations_for_the_roadmap_of_the_same_file(
    novokuznetsk_order: FileResult,
) -> None:
    town = child_id("ter", KUZBASS, "город Новокузнецк")
    assert [(source, ref["ref"]) for source, _, ref in responsible(novokuznetsk_order)] == [
        (child_id("auth", town, "КОиН"), "КОиН"),
        (child_id("inst", town, "ИПК"), "ИПК"),
        (town, "ОО"),
    ]


def test_an_order_builds_a_graph_without_refused_links(novokuznetsk_order: FileResult) -> None:
    _, issues = build_graph(novokuznetsk_order.entities, novokuznetsk_order.links)
    assert [i.message for i in issues if i.code != "dangling-link"] == []


def test_a_table_that_is_no_roadmap_is_ignored_row_by_row(tmp_path: Path, write_table: Any) -> None:
    path = write_table(tmp_path / "notes.csv", [["Просто заметки"], [None], ["Ещё строка"]])
    result = load_one(path, DocumentOptions(region="Челябинская область"))
    assert table_report(result) == {
        "kind": "unknown",
        "rows_read": 3,
        "header_rows": 0,
        "loaded": 0,
        "ignored": [
            {"row": 1, "reason": "unknown-table"},
            {"row": 2, "reason": "blank"},
            {"row": 3, "reason": "unknown-table"},
        ],
        "rejected": [],
    }


# --- the invariant on any grid ------------------------------------------------------------------------------

CELLS = st.sampled_from(
    [
        "",
        "",
        "",
        "1.",
        "1.1.",
        "2",
        "I.",
        "Раздел 1",
        "Мероприятие",
        "совещание",
        "Октябрь 2020 года",
        "постоянно",
        "ИМЦ, ОО",
        "УО",
        "Шитова О.А.",
        "№ п/п",
        "Мероприятия",
        "Сроки",
        "Ответственные",
        "Используемые сокращения:",
        "ИМЦ – методический центр",
        "Ф.И.О.",
        "должность",
        "Территория",
        "ОО",
    ]
)
GRIDS = st.lists(st.lists(CELLS, min_size=1, max_size=5), min_size=1, max_size=14)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids=st.lists(GRIDS, min_size=1, max_size=2))
def test_every_row_of_any_table_is_counted_exactly_once(grids: list[list[list[str]]]) -> None:
    tables = []
    for i, grid in enumerate(grids):
        width = max(len(r) for r in grid)
        rows = [RawRow(n, tuple(r) + ("",) * (width - len(r))) for n, r in enumerate(grid, start=1)]
        tables.append(RawTable(f"Лист{i + 1}", rows))
    book = Workbook("grid.xlsx", "xlsx", tables, "")
    facts = parse_document_facts("")
    item = FileInput(Path("grid.xlsx"), DocumentOptions(region="Челябинская область"))
    result = load_document(item, book, facts, Known())
    assert [t.rows_read for t in result.report.tables] == [len(g) for g in grids]
    assert_balanced(result)


def test_oo_in_a_schools_own_roadmap_is_that_school(tmp_path: Path, write_table: Any) -> None:
    paragraphs = ["МБОУ «Школа № 35»", "П Р И К А З", "от 02.11.2020 № 45", "Об утверждении Дорожной карты",
                  "на 2020-2021 учебный год"]  # fmt: skip
    rows = [["№", "Мероприятия", "Сроки", "Ответственные"], ["1.", "Педсовет", "Ноябрь 2020 года", "ОО, ШМО"]]
    path = write_table(tmp_path / "school.docx", rows, paragraphs_before=paragraphs)
    result = load_one(path, IN_POLYSAEVO)
    school = child_id("school", POLYSAEVO, "МБОУ «Школа № 35»")
    roadmap = child_id("rm", POLYSAEVO, "45 2020-11-02")
    assert (result.report.document and result.report.document.level) == "school"
    # «ШМО» is the school's own association: the school carries the activity once, as its lead.
    assert responsible(result) == [(school, "2", {"lead": True, "ref": "ОО"})]
    assert Link(roadmap, EdgeKind.ISSUED_BY, school) in result.links
    assert next(e for e in result.entities if e.id == school).statuses == (SchoolStatus(2020),)


def test_a_body_named_with_two_people_carries_the_activity_once_as_lead(
    tmp_path: Path, write_table: Any
) -> None:
    rows = [
        ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
        ["1.", "Собеседование", "Ноябрь 2020 года", "УО (Гутник И.С., Лапина О.А.), ИМЦ"],
    ]
    result = load_one(write_table(tmp_path / "plan.xlsx", rows), IN_POLYSAEVO)
    uo, imc = child_id("auth", POLYSAEVO, "УО"), child_id("inst", POLYSAEVO, "ИМЦ")
    assert [(source, attrs["lead"]) for source, _, attrs in responsible(result)] == [(uo, True), (imc, False)]


REPEATED_ROWS: list[list[Any]] = [
    ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
    ["1.", "Семинар", "когда-нибудь", "ЦОПМКП, УО"],
    ["2.", "Совещание", "Октябрь 2020 года", "УО (Иванова И.И.), ОО"],
    ["3.", "Мониторинг", "когда-нибудь", "ЦОПМКП, УО"],
    ["4.", "Отчёт", "Октябрь 2020 года", "УО (Иванова И.И.), ОО"],
]


def test_rows_repeating_a_deadline_and_executors_each_get_their_issues_and_links(
    tmp_path: Path, write_table: Any
) -> None:
    # A cell met again is read once per table; what it gives is still given to every row it is on.
    result = load_one(write_table(tmp_path / "repeated.xlsx", REPEATED_ROWS), IN_POLYSAEVO)
    issues = [(i["code"], i["row"], i["column"]) for i in result.report.as_dict()["issues"] if i["row"]]
    assert issues == [
        ("unknown-abbreviation", 2, "Ответственные"),
        ("unknown-deadline", 2, "Сроки"),
        ("unknown-abbreviation", 4, "Ответственные"),
        ("unknown-deadline", 4, "Сроки"),
    ]
    education = child_id("auth", POLYSAEVO, "УО")
    assert [(source, row, attrs) for source, row, attrs in responsible(result)] == [
        (education, "2", {"lead": False, "ref": "УО"}),
        (education, "3", {"lead": True, "ref": "УО"}),
        (POLYSAEVO, "3", {"lead": False, "ref": "ОО", "fan_out": FanOut.SCHOOLS}),
        (education, "4", {"lead": False, "ref": "УО"}),
        (education, "5", {"lead": True, "ref": "УО"}),
        (POLYSAEVO, "5", {"lead": False, "ref": "ОО", "fan_out": FanOut.SCHOOLS}),
    ]
    links = [link for link in result.links if link.kind == EdgeKind.RESPONSIBLE_FOR]
    assert len({id(link.attrs) for link in links}) == len(links)
    assert [d.deadline for d in activities(result)][::2] == [activities(result)[0].deadline] * 2
    assert table_report(result)["executors"] == {"resolved": 6, "unresolved": 2}
