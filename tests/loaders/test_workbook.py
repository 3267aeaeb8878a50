"""The reference workbook: the template, the sample of three regions, every bad row rejected in its place."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from loaders.citations import parse_document_ref, roadmap_id
from loaders.names import person_key
from loaders.template import (
    ABBREVIATIONS,
    EXPLANATIONS,
    GROUPS,
    ORGANISATIONS,
    PEOPLE,
    PROGRESS,
    SCHOOL_LISTS,
    SCHOOLS,
    SHEETS,
    TERRITORIES,
    template_bytes,
    write_template,
)
from loaders.workbook import ReferenceResult, read_reference
from model.entities import Institute, NodeKind, Person, School, SchoolStatus, SchoolStatusKind
from model.graph import build_graph
from model.ids import child_id, make_id
from model.issues import Severity
from model.relations import EdgeKind

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "reference.xlsx"
KUZBASS = make_id("ter", "Кемеровская область – Кузбасс")
POLYSAEVO = child_id("ter", KUZBASS, "Полысаевский городской округ")
NOVOKUZNETSK = child_id("ter", KUZBASS, "Новокузнецкий городской округ")


@pytest.fixture(scope="module")
def sample() -> ReferenceResult:
    return read_reference(SAMPLE)


def filled(path: Path, rows: dict[str, list[tuple[Any, ...]]]) -> Path:
    """Write the template, fill its sheets with openpyxl as a person would, and return its path."""
    write_template(path)
    wb = openpyxl.load_workbook(path)
    for sheet, values in rows.items():
        for row in values:
            wb[sheet].append(list(row))
    wb.save(path)
    return path


def links_of(result: ReferenceResult, kind: EdgeKind) -> set[tuple[str, str]]:
    return {(link.source, link.target) for link in result.links if link.kind == kind}


# --- the sample of three regions ---------------------------------------------------------------------------


def test_the_sample_reference_loads_every_row_of_every_sheet(sample: ReferenceResult) -> None:
    counts = [
        (t["sheet"], t["rows_read"], t["header_rows"], t["loaded"], t["ignored"], t["rejected"])
        for t in sample.tables
    ]
    assert counts == [
        (TERRITORIES, 13, 1, 12, [], []),
        (ORGANISATIONS, 28, 1, 27, [], []),
        (SCHOOLS, 17, 1, 16, [], []),
        (SCHOOL_LISTS, 17, 1, 16, [], []),
        (GROUPS, 4, 1, 3, [], []),
        (PEOPLE, 54, 1, 53, [], []),
        (PROGRESS, 32, 1, 31, [], []),
        (ABBREVIATIONS, 14, 1, 13, [], []),
    ]
    assert sample.issues == []


def test_the_sample_reference_holds_the_bodies_and_people_the_orders_name(sample: ReferenceResult) -> None:
    kinds = Counter(str(e.kind) for e in sample.entities)
    assert kinds == {
        "territory": 12,
        "authority": 15,
        "institute": 12,
        "school": 16,
        "group": 3,
        "person": 33,
    }
    edges = Counter(str(link.kind) for link in sample.links)
    assert edges == {
        "located_in": 55,
        "subordinate_to": 38,
        "works_at": 33,
        "heads": 24,
        "member_of": 18,
        "coordinates": 8,
        "controls": 4,
    }


def test_the_sample_reference_builds_a_graph_without_refusals_apart_from_the_roadmaps(
    sample: ReferenceResult,
) -> None:
    G, issues = build_graph(sample.entities, sample.links)
    # The roadmaps are named as the workbook writes them, not by their ids.
    dangling = sorted({i.message.split(": ", 1)[1] for i in issues if i.code == "dangling-link"})
    assert [i.code for i in issues if i.code != "dangling-link"] == []
    assert dangling == [
        "дорожная карта «№ 017/1324 от 23.06.2020»",
        "дорожная карта «№ 1324 от 03.12.2020»",
        "дорожная карта «№ 162 от 28.10.2020»",
        "дорожная карта «№ 1721 от 23.10.2020»",
        "дорожная карта «№ 576 от 15.12.2020»",
    ]
    assert G.number_of_nodes() == 91


def test_the_sample_files_are_what_the_script_writes(tmp_path: Path) -> None:
    # A fresh process: odfpy names its automatic styles from counters that live as long as the process.
    script = ROOT / "tools" / "make_sample_data.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    written = sorted(tmp_path.iterdir())
    assert [p.name for p in written] == sorted(p.name for p in SAMPLE.parent.iterdir() if p.suffix != ".md")
    assert [p.name for p in written if p.read_bytes() != (SAMPLE.parent / p.name).read_bytes()] == []


@pytest.mark.parametrize(
    ("controller", "roadmap"),
    [
        (f"person:{KUZBASS[4:]}/golubitskaia-l-v", f"rm:{KUZBASS[4:]}/1721-2020-10-23"),
        (f"person:{POLYSAEVO[4:]}/gutnik-i-s", f"rm:{POLYSAEVO[4:]}/162-2020-10-28"),
        (f"person:{NOVOKUZNETSK[4:]}/krul-s-v", f"rm:{NOVOKUZNETSK[4:]}/1324-2020-12-03"),
        (
            "person:murmanskaia-oblast/gorod-olenegorsk-s-podvedomstvennoi-territoriei/reshetova-v-v",
            "rm:murmanskaia-oblast/gorod-olenegorsk-s-podvedomstvennoi-territoriei/576-2020-12-15",
        ),
    ],
)
def test_each_order_has_the_controller_it_names(
    sample: ReferenceResult, controller: str, roadmap: str
) -> None:
    assert (controller, roadmap) in links_of(sample, EdgeKind.CONTROLS)


@pytest.mark.parametrize(
    ("file", "number", "day"),
    [
        ("kuzbass_1721_order.docx", "1721", date(2020, 10, 23)),
        ("polysaevo_162.xlsx", "162", date(2020, 10, 28)),
        ("novokuznetsk_1324.docx", "1324", date(2020, 12, 3)),
        ("chelyabinsk_017-1324.xlsx", "017/1324", date(2020, 6, 23)),
        ("olenegorsk_576.ods", "576", date(2020, 12, 15)),
    ],
)
def test_a_document_in_the_reference_is_the_roadmap_of_its_sample_file(
    sample: ReferenceResult, file: str, number: str, day: date
) -> None:
    manifest = {
        f["file"]: f for f in json.loads((ROOT / "sample_data" / "manifest.json").read_text("utf-8"))["files"]
    }
    facts = manifest[file]
    territory = make_id("ter", facts["region"])
    if "municipality" in facts:
        territory = child_id("ter", territory, facts["municipality"])
    targets = {link.target for link in sample.links if link.kind in (EdgeKind.CONTROLS, EdgeKind.COORDINATES)}
    assert roadmap_id(territory, number, day) in targets
    assert (ROOT / "sample_data" / file).stat().st_size < 100_000


def test_a_school_of_a_city_district_is_keyed_by_the_city_and_located_in_its_district(
    sample: ReferenceResult,
) -> None:
    school = next(e for e in sample.entities if isinstance(e, School) and e.name.endswith('№ 103"'))
    district = child_id("ter", NOVOKUZNETSK, "Куйбышевский район")
    assert school.id == child_id("school", NOVOKUZNETSK, 'МБОУ "Основная общеобразовательная школа № 103"')
    assert school.territory == district
    assert school.statuses == (SchoolStatus(2020, SchoolStatusKind.LOW_RESULTS),)
    assert (school.id, district) in links_of(sample, EdgeKind.LOCATED_IN)
    assert (school.id, child_id("auth", district, "РОО")) in links_of(sample, EdgeKind.SUBORDINATE_TO)


def test_one_person_written_three_ways_is_one_node_with_the_fullest_name(sample: ReferenceResult) -> None:
    kukina = child_id("person", POLYSAEVO, "Кукина В.В.")
    person = next(e for e in sample.entities if e.id == kukina)
    assert isinstance(person, Person)
    assert (person.name, person.position) == ("Кукина Виктория Вячеславовна", "директор МБОУ ДПО «ИМЦ»")
    imc = child_id("inst", POLYSAEVO, "ИМЦ")
    assert person.organisation == imc
    assert [(link.kind, link.target) for link in sample.links if link.source == kukina] == [
        (EdgeKind.WORKS_AT, imc),
        (EdgeKind.HEADS, imc),
        (EdgeKind.COORDINATES, f"rm:{POLYSAEVO[4:]}/162-2020-10-28"),
        (EdgeKind.MEMBER_OF, sample.codes["ПОЛ-РГ"]),
    ]


def test_the_chair_of_a_working_group_heads_it_and_is_a_member(sample: ReferenceResult) -> None:
    gutnik, group = child_id("person", POLYSAEVO, "Гутник И.С."), sample.codes["ПОЛ-РГ"]
    roles = [
        (link.kind, link.attrs) for link in sample.links if link.source == gutnik and link.target == group
    ]
    assert roles == [(EdgeKind.MEMBER_OF, {"role": "председатель"}), (EdgeKind.HEADS, {})]


def test_an_organisation_without_a_person_coordinates_the_group_and_the_roadmap(
    sample: ReferenceResult,
) -> None:
    ocmko = child_id("inst", KUZBASS, "ОЦМКО")
    coordinated = [(link.target, link.attrs) for link in sample.links if link.source == ocmko]
    assert coordinated == [
        (KUZBASS, {}),
        (sample.codes["КУЗ-МИН"], {}),
        (sample.codes["КУЗ-РГ"], {"role": "координатор"}),
        (f"rm:{KUZBASS[4:]}/1721-2020-10-23", {"role": "координатор", "ref": "№ 1721 от 23.10.2020"}),
    ]
    institute = next(e for e in sample.entities if e.id == ocmko)
    assert isinstance(institute, Institute) and institute.capacity == 6


def test_progress_rows_are_demonstration_reports_resolved_to_their_roadmaps(sample: ReferenceResult) -> None:
    assert len(sample.progress_rows) == 31
    assert all(row["demo"] and row["roadmap"] for row in sample.progress_rows)
    assert sample.progress_rows[3] == {
        "document": "№ 162 от 28.10.2020",
        "document_number": "162",
        "document_date": date(2020, 10, 28),
        "roadmap": f"rm:{POLYSAEVO[4:]}/162-2020-10-28",
        "number": "5.",
        "school": child_id("school", POLYSAEVO, "МБОУ «Школа № 35»"),
        "school_code": "ПОЛ-Ш35",
        "status": "выполнено",
        "reported_on": date(2020, 11, 27),
        "demo": True,
        "file": "reference.xlsx",
        "sheet": PROGRESS,
        "row": 5,
    }


def test_the_glossary_holds_the_abbreviations_of_each_territory(sample: ReferenceResult) -> None:
    olenegorsk = "ter:murmanskaia-oblast/gorod-olenegorsk-s-podvedomstvennoi-territoriei"
    assert sorted(sample.glossary[POLYSAEVO]) == [
        "ИМЦ",
        "МБОУ ДПО «ИМЦ»",
        "Муниципальная рабочая группа",
        "УО",
    ]
    assert sample.glossary[POLYSAEVO]["УО"] == {
        "abbreviation": "УО",
        "full_name": "Управление образования Полысаевского городского округа",
        "node": child_id("auth", POLYSAEVO, "УО"),
        "node_kind": "authority",
        "subkind": "municipal",
        "fan_out": None,
        "territory": POLYSAEVO,
        "origin": ABBREVIATIONS,
        "row": 2,
    }
    assert (sample.glossary[POLYSAEVO]["ИМЦ"]["origin"], sample.glossary[olenegorsk]["ИМЦ"]["origin"]) == (
        ORGANISATIONS,
        ABBREVIATIONS,
    )
    assert (
        sample.glossary["ter:cheliabinskaia-oblast"]["ГБУ ДПО ЧИПКРО"]["node"]
        == "inst:cheliabinskaia-oblast/chippkro"
    )


# --- names and documents -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Кукина Виктория Вячеславовна", "Кукина В.В."),
        ("Кукина В.В.", "Кукина В.В."),
        ("В.В. Кукина", "Кукина В.В."),
        ("В.В.Кукина", "Кукина В.В."),
        ("Кукина В. В.", "Кукина В.В."),
        ("  Кукина\xa0В.В  ", "Кукина В.В."),
        ("КУКИНА ВИКТОРИЯ ВЯЧЕСЛАВОВНА", "Кукина В.В."),
        ("Кукина Виктория Вячеславовна, директор МБОУ ДПО «ИМЦ»", "Кукина В.В."),
        ("Еременко Надежда Александровна (по согласованию)", "Еременко Н.А."),
        ("Соловьёва  Юлия\nАлександровна", "Соловьева Ю.А."),
        ("и.о. Кармалина Н.В.", "Кармалина Н.В."),
        ("Петрова-Водкина Анна Сергеевна", "Петрова-Водкина А.С."),
        ("Иванов Иван", "Иванов И."),
        ("Kукина В.В.", "Кукина В.В."),
        ("Позднякову Н.А..", "Позднякову Н.А."),
        ("муниципальный координатор", "муниципальный координатор"),
    ],
)
def test_a_person_written_any_way_gets_one_key(written: str, key: str) -> None:
    assert person_key(written) == key


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("№ 162 от 28.10.2020", ("162", date(2020, 10, 28))),
        ("приказ от 28.10.2020 № 162", ("162", date(2020, 10, 28))),
        ("№017/1324 от 23.06.2020", ("017/1324", date(2020, 6, 23))),
        ("№\xa01721 от\xa023.10.2020", ("1721", date(2020, 10, 23))),
        ("№ 162 от 31.02.2020", None),
        ("приказ 162", None),
    ],
)
def test_a_document_reference_gives_its_number_and_date(text: str, ref: tuple[str, date] | None) -> None:
    assert parse_document_ref(text) == ref


# --- the template ------------------------------------------------------------------------------------------


def test_the_template_has_every_sheet_with_its_headers_frozen_and_explained() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    assert wb.sheetnames == [spec.name for spec in SHEETS] + [EXPLANATIONS]
    for spec in SHEETS:
        ws = wb[spec.name]
        assert [c.value for c in ws[1]] == [col.header for col in spec.columns]
        assert ws.freeze_panes == "A2"
    explained = {(row[0], row[1]) for row in wb[EXPLANATIONS].iter_rows(min_row=2, values_only=True)}
    assert {(spec.name, col.header) for spec in SHEETS for col in spec.columns} <= explained
    assert {(spec.name, "— (лист целиком)") for spec in SHEETS} <= explained


@pytest.mark.parametrize(
    ("sheet", "column", "formula"),
    [
        (TERRITORIES, "C", '"регион,муниципалитет,район,страна"'),
        (TERRITORIES, "D", "'Территории'!$A$2:$A$1001"),
        (SCHOOL_LISTS, "C", '"ШНОР,в зоне риска"'),
        (PROGRESS, "D", '"не начато,в работе,выполнено,отменено"'),
        (PROGRESS, "F", '"да,нет"'),
    ],
)
def test_the_template_offers_a_list_for_enumerated_and_code_columns(
    sheet: str, column: str, formula: str
) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(template_bytes()))[sheet]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists[f"{column}2:{column}1001"] == formula


def test_a_blank_template_reads_as_headers_only(tmp_path: Path) -> None:
    result = read_reference(filled(tmp_path / "blank.xlsx", {}))
    assert (result.entities, result.links, result.progress_rows, result.issues) == ([], [], [], [])
    assert {(t["rows_read"], t["header_rows"], t["loaded"]) for t in result.tables} == {(1, 1, 0)}


ROUND_TRIP: dict[str, list[tuple[Any, ...]]] = {
    TERRITORIES: [
        ("РЕГ", "Область", "регион", None),
        ("ГОР", "Город", "муниципалитет", "РЕГ"),
        ("ЦЕН", "Центральный район", "район", "ГОР"),
    ],
    ORGANISATIONS: [
        ("МИН", "Министерство", None, "региональный орган", "РЕГ", None, None),
        ("УО", "Управление образования", "УО", "муниципальный орган", "ГОР", "МИН", 3),
        ("ИМЦ", "Методический центр", "ИМЦ", "Методический центр", "ГОР", "УО", "2,5"),
    ],
    SCHOOLS: [("Ш1", "Школа № 1", "ЦЕН", "УО", None)],
    SCHOOL_LISTS: [("Ш1", 2020, "ШНОР"), ("Ш1", "2021/22", "в зоне риска")],
    GROUPS: [("РГ", "Рабочая группа", "ГОР")],
    PEOPLE: [
        ("Иванова Анна Петровна", "начальник", "УО", "руководитель", None, None),
        ("Иванова А.П.", None, "УО", "контроль", "№ 7 от 01.09.2020", None),
        ("Петров П.П.", "методист", "ИМЦ", "член рабочей группы", "РГ", 5),
        (None, None, "ИМЦ", "координатор", "Ш1", None),
    ],
    PROGRESS: [("№ 7 от 01.09.2020", "1.", "Ш1", "в работе", date(2020, 10, 1), "нет")],
    ABBREVIATIONS: [("ГОР", "МЦ", None, "ИМЦ")],
}


def test_a_filled_template_round_trips_into_entities_and_links(tmp_path: Path) -> None:
    result = read_reference(filled(tmp_path / "filled.xlsx", ROUND_TRIP))
    region, city = "ter:oblast", "ter:oblast/gorod"
    district, uo, imc = f"{city}/tsentralnyi-raion", f"auth:{city[4:]}/uo", f"inst:{city[4:]}/imts"
    school, group, rm = (
        f"school:{city[4:]}/shkola-1",
        f"group:{city[4:]}/rabochaia-gruppa",
        f"rm:{city[4:]}/7-2020-09-01",
    )
    ivanova, petrov = f"person:{city[4:]}/ivanova-a-p", f"person:{city[4:]}/petrov-p-p"
    assert result.issues == []
    assert {e.id: str(e.kind) for e in result.entities} == {
        region: "territory", city: "territory", district: "territory",
        "auth:oblast/ministerstvo": "authority", uo: "authority", imc: "institute", school: "school",
        group: "group", ivanova: "person", petrov: "person",
    }  # fmt: skip
    assert {
        (link.source, str(link.kind), link.target, tuple(link.attrs.items())) for link in result.links
    } == {
        (city, "located_in", region, ()),
        (district, "located_in", city, ()),
        ("auth:oblast/ministerstvo", "located_in", region, ()),
        (uo, "located_in", city, ()),
        (imc, "located_in", city, ()),
        (school, "located_in", district, ()),
        (group, "located_in", city, ()),
        (school, "subordinate_to", uo, ()),
        (uo, "subordinate_to", "auth:oblast/ministerstvo", ()),
        (imc, "subordinate_to", uo, ()),
        (ivanova, "works_at", uo, ()),
        (ivanova, "heads", uo, ()),
        (ivanova, "controls", rm, (("ref", "№ 7 от 01.09.2020"),)),
        (petrov, "works_at", imc, ()),
        (petrov, "member_of", group, (("role", "член"),)),
        (imc, "coordinates", school, (("role", "координатор"),)),
    }
    entities = {e.id: e for e in result.entities}
    assert entities[school].statuses == (
        SchoolStatus(2020, SchoolStatusKind.LOW_RESULTS),
        SchoolStatus(2021, SchoolStatusKind.AT_RISK),
    )
    assert (entities[uo].capacity, entities[imc].capacity, entities[petrov].capacity) == (3, 2.5, 5)
    assert [
        (r["roadmap"], r["school"], r["status"], r["reported_on"], r["demo"]) for r in result.progress_rows
    ] == [(rm, school, "в работе", date(2020, 10, 1), False)]
    entry = {"fan_out": None, "territory": city}
    imc_entry = entry | {"full_name": "Методический центр", "node": imc, "node_kind": "institute",
                         "subkind": "methodical_centre"}  # fmt: skip
    uo_entry = entry | {"full_name": "Управление образования", "node": uo, "node_kind": "authority",
                        "subkind": "municipal"}  # fmt: skip
    assert result.glossary == {
        city: {
            "МЦ": imc_entry | {"abbreviation": "МЦ", "origin": ABBREVIATIONS, "row": 2},
            "УО": uo_entry | {"abbreviation": "УО", "origin": ORGANISATIONS, "row": 3},
            "ИМЦ": imc_entry | {"abbreviation": "ИМЦ", "origin": ORGANISATIONS, "row": 4},
        }
    }
    assert result.codes == {
        "МИН": "auth:oblast/ministerstvo",
        "УО": uo,
        "ИМЦ": imc,
        "Ш1": school,
        "РГ": group,
    }


# --- bad rows ----------------------------------------------------------------------------------------------

BASE: dict[str, list[tuple[Any, ...]]] = {
    TERRITORIES: [("РЕГ", "Область", "регион", None), ("МУН", "Город", "муниципалитет", "РЕГ")],
    ORGANISATIONS: [
        ("МИН", "Министерство", None, "региональный орган", "РЕГ", None, None),
        ("УО", "Управление образования", "УО", "муниципальный орган", "МУН", "МИН", None),
    ],
    SCHOOLS: [("Ш1", "Школа № 1", "МУН", "УО", None)],
    SCHOOL_LISTS: [("Ш1", "2020", "ШНОР")],
    GROUPS: [("РГ", "Рабочая группа", "МУН")],
    PEOPLE: [("Иванова Анна Петровна", "начальник", "УО", "контроль", "№ 7 от 01.09.2020", None)],
    PROGRESS: [("№ 7 от 01.09.2020", "1.", None, "выполнено", "01.10.2020", "да")],
    ABBREVIATIONS: [("МУН", "УО", None, "УО")],
}
DAY = date(2020, 10, 1)
D7 = "№ 7 от 01.09.2020"


@pytest.mark.parametrize(
    ("sheet", "row", "code", "column"),
    [
        (TERRITORIES, ("ХХ", "Неведомая земля", "область", None), "unknown-level", "Уровень"),
        (TERRITORIES, ("РЕГ", "Другая область", "регион", None), "duplicate-code", "Код"),
        (TERRITORIES, ("ГОР2", "Город 2", "муниципалитет", "НЕТ"), "unknown-territory", "Входит в (код)"),
        (TERRITORIES, ("РАЙ", "Район", "район", "РЕГ"), "bad-parent", "Уровень"),
        (TERRITORIES, ("ГОР2", "Город", "муниципалитет", "РЕГ"), "duplicate-id", "Название"),
        (TERRITORIES, ("ГОР2", None, "муниципалитет", "РЕГ"), "missing-value", "Название"),
        (ORGANISATIONS, ("Х", "Нечто", None, "министерство", "РЕГ", None, None), "unknown-kind", "Вид"),
        (ORGANISATIONS, ("Х", "Нечто", None, "иное", "НЕТ", None, None), "unknown-territory",
         "Территория (код)"),
        (ORGANISATIONS, ("УО", "Нечто", None, "иное", "МУН", None, None), "duplicate-code", "Код"),
        (ORGANISATIONS, ("УО2", "Другое", "УО", "муниципальный орган", "МУН", None, None), "duplicate-id",
         "Название"),
        (SCHOOLS, ("Ш2", None, "МУН", None, None), "missing-value", "Название"),
        (SCHOOLS, ("УО", "Школа № 2", "МУН", None, None), "duplicate-code", "Код"),
        (SCHOOL_LISTS, ("Ш1", "2020/2022", "ШНОР"), "bad-year", "Учебный год"),
        (SCHOOL_LISTS, ("Ш1", "2021", "отличники"), "bad-status", "Статус"),
        (SCHOOL_LISTS, ("УО", "2021", "ШНОР"), "unknown-school", "Школа (код)"),
        (SCHOOL_LISTS, ("Ш1", "2020/21", "в зоне риска"), "duplicate-status", "Учебный год"),
        (GROUPS, ("РГ2", "Группа", "НЕТ"), "unknown-territory", "Территория (код)"),
        (PEOPLE, ("Петров П.П.", None, None, "руководитель", None, None), "person-without-organisation",
         "Организация (код)"),
        (PEOPLE, ("Петров П.П.", None, "НЕТ", None, None, None), "unknown-organisation", "Организация (код)"),
        (PEOPLE, ("Петров П.П.", None, "РГ", None, None, None), "unknown-organisation", "Организация (код)"),
        (PEOPLE, ("Петров П.П.", None, "УО", "директор", None, None), "unknown-role", "Роль"),
        (PEOPLE, (None, None, "УО", "руководитель", None, None), "missing-name", "ФИО"),
        (PEOPLE, (None, None, "Ш1", "координатор", "РГ", None), "missing-name", "ФИО"),
        (PEOPLE, ("Петров П.П.", None, "УО", "координатор", None, None), "missing-value", "Объект роли"),
        (PEOPLE, ("Петров П.П.", None, "УО", "контроль", "приказ 7", None), "unknown-object", "Объект роли"),
        (PEOPLE, ("Петров П.П.", None, "УО", "член рабочей группы", "УО", None), "bad-role-object",
         "Объект роли"),
        (PEOPLE, ("Петров П.П.", None, "УО", "контроль", "РГ", None), "bad-role-object", "Объект роли"),
        (PEOPLE, ("Иванова А.П.", None, "УО", "контроль", D7, None), "duplicate-role", "Роль"),
        (PROGRESS, ("приказ от вчера", "1.", None, "выполнено", DAY, None), "bad-document", "Документ"),
        (PROGRESS, (D7, None, None, "выполнено", DAY, None), "missing-value", "№ п/п"),
        (PROGRESS, (D7, "1.", "НЕТ", "выполнено", DAY, None), "unknown-school", "Школа (код)"),
        (PROGRESS, (D7, "1.", None, "сделано", DAY, None), "bad-status", "Статус"),
        (PROGRESS, (D7, "1.", None, "выполнено", "вчера", None), "bad-date", "Дата отчёта"),
        (PROGRESS, (D7, "1.", None, "выполнено", "31.02.2021", None), "bad-date", "Дата отчёта"),
        (PROGRESS, (D7, "1.", None, "выполнено", DAY, "может быть"), "bad-flag", "Демонстрационные данные"),
        (ABBREVIATIONS, (None, "ЖЖ", None, None), "missing-value", "Полное название"),
        (ABBREVIATIONS, ("НЕТ", "ЖЖ", "Жилищное хозяйство", None), "unknown-territory", "Территория (код)"),
        (ABBREVIATIONS, (None, "ЖЖ", None, "НЕТ"), "unknown-organisation", "Организация (код)"),
        (ABBREVIATIONS, ("МУН", "уо", "Управление", None), "duplicate-abbreviation", "Сокращение"),
    ],
)  # fmt: skip
def test_a_bad_row_is_rejected_with_its_place_and_the_rest_loads(
    tmp_path: Path, sheet: str, row: tuple[Any, ...], code: str, column: str
) -> None:
    rows = {name: list(values) for name, values in BASE.items()}
    rows[sheet].append(row)
    result = read_reference(filled(tmp_path / "bad.xlsx", rows))
    number = len(BASE[sheet]) + 2
    assert [(i.code, i.severity, i.file, i.sheet, i.row, i.column) for i in result.issues] == [
        (code, Severity.WARNING, "bad.xlsx", sheet, number, column)
    ]
    table = next(t for t in result.tables if t["sheet"] == sheet)
    assert (table["loaded"], table["rejected"]) == (len(BASE[sheet]), [{"row": number, "issue": code}])


@pytest.mark.parametrize(
    ("sheet", "row", "code", "column"),
    [
        (ORGANISATIONS, ("ИМЦ", "Центр", "ИМЦ", "методический центр", "МУН", "НЕТ", None), "unknown-superior",
         "Подчиняется (код)"),
        (ORGANISATIONS, ("ИМЦ", "Центр", "ИМЦ", "методический центр", "МУН", "Ш1", None), "unknown-superior",
         "Подчиняется (код)"),
        (ORGANISATIONS, ("ИМЦ", "Центр", "ИМЦ", "методический центр", "МУН", "УО", "много"), "bad-capacity",
         "Мощность (мероприятий в месяц)"),
        (SCHOOLS, ("Ш2", "Школа № 2", "МУН", None, -1), "bad-capacity", "Мощность (мероприятий в месяц)"),
        (SCHOOLS, ("Ш2", "Школа № 2", "МУН", None, 0), "bad-capacity", "Мощность (мероприятий в месяц)"),
    ],
)  # fmt: skip
def test_an_optional_cell_that_is_wrong_loads_the_row_with_a_warning(
    tmp_path: Path, sheet: str, row: tuple[Any, ...], code: str, column: str
) -> None:
    rows = {name: list(values) for name, values in BASE.items()}
    rows[sheet].append(row)
    result = read_reference(filled(tmp_path / "warn.xlsx", rows))
    assert [(i.code, i.sheet, i.row, i.column) for i in result.issues] == [
        (code, sheet, len(BASE[sheet]) + 2, column)
    ]
    table = next(t for t in result.tables if t["sheet"] == sheet)
    assert (table["loaded"], table["rejected"]) == (len(BASE[sheet]) + 1, [])


def test_a_territory_whose_parent_is_rejected_is_rejected_too(tmp_path: Path) -> None:
    rows = {TERRITORIES: [("РАЙ", "Район", "район", "ГОР"), ("ГОР", "Город", "муниципалитет", "НЕТ")]}
    result = read_reference(filled(tmp_path / "chain.xlsx", rows))
    assert [(i.code, i.row, i.column) for i in result.issues] == [
        ("unknown-territory", 3, "Входит в (код)"),
        ("unknown-territory", 2, "Входит в (код)"),
    ]


def test_rows_above_the_header_and_blank_rows_are_counted_as_ignored(tmp_path: Path) -> None:
    path = tmp_path / "titled.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = TERRITORIES
    title, header = ["Справочник территорий"], ["Код", "Название", "Уровень"]
    for row in (title, [], header, ["РЕГ", "Область", "регион"], [], ["МУР", "Мурманская область", "Регион"]):
        ws.append(row)
    wb.save(path)
    result = read_reference(path)
    assert result.tables == [
        {"kind": "reference", "sheet": TERRITORIES, "rows_read": 6, "header_rows": 1, "loaded": 2,
         "ignored": [{"row": 1, "reason": "title"}, {"row": 2, "reason": "blank"},
                     {"row": 5, "reason": "blank"}],
         "rejected": []},
    ]  # fmt: skip
    assert [i.code for i in result.issues] == []


def test_a_sheet_without_a_required_column_is_reported_and_its_rows_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "short.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = TERRITORIES
    for row in (["Код", "Название"], ["РЕГ", "Область"]):
        ws.append(row)
    wb.create_sheet("Лист2").append(["что-то"])
    wb.save(path)
    result = read_reference(path)
    assert [(i.code, i.severity, i.sheet) for i in result.issues] == [
        ("unknown-sheet", Severity.INFO, "Лист2"),
        ("missing-column", Severity.ERROR, TERRITORIES),
    ]
    assert result.tables[0]["ignored"] == [
        {"row": 1, "reason": "no-header"},
        {"row": 2, "reason": "no-header"},
    ]


def test_a_file_without_reference_sheets_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["№ п/п", "Мероприятия", "Сроки", "Ответственные"])
    wb.save(path)
    result = read_reference(path)
    assert [(i.code, i.severity) for i in result.issues] == [
        ("unknown-sheet", Severity.INFO),
        ("not-a-reference-workbook", Severity.ERROR),
    ]
    assert result.tables == []


def test_every_row_of_every_sheet_is_counted_exactly_once(sample: ReferenceResult, tmp_path: Path) -> None:
    rows = {name: [*values, (None,) * 3, values[0]] for name, values in BASE.items()}
    for result in (sample, read_reference(filled(tmp_path / "twice.xlsx", rows))):
        for t in result.tables:
            counted = [r["row"] for r in t["ignored"]] + [r["row"] for r in t["rejected"]]
            assert len(counted) == len(set(counted))
            assert t["rows_read"] == t["header_rows"] + t["loaded"] + len(t["ignored"]) + len(t["rejected"])


def test_the_sample_reference_names_the_kinds_it_loads(sample: ReferenceResult) -> None:
    bodies = [e for e in sample.entities if e.kind in (NodeKind.AUTHORITY, NodeKind.INSTITUTE)]
    subkinds = Counter(getattr(e, "institute_kind", None) or getattr(e, "level", None) for e in bodies)
    assert {str(k): n for k, n in subkinds.items()} == {
        "regional": 4,
        "municipal": 5,
        "district": 6,
        "assessment_centre": 2,
        "regional_institute": 2,
        "support_centre": 2,
        "methodical_centre": 3,
        "teacher_association": 2,
        "other": 1,
    }
