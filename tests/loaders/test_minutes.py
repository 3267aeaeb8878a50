"""The minutes of a scenario: a printable HTML report and an xlsx workbook with a document id."""

from __future__ import annotations

import io
from datetime import date, datetime
from html.parser import HTMLParser

import openpyxl
import pytest
from loaders_support import IMC, RM, RMO, S44

from loaders.minutes import (
    Against,
    Minutes,
    document_id,
    minutes_html,
    minutes_of,
    minutes_xlsx_bytes,
    write_minutes_html,
    write_minutes_xlsx,
)
from loaders.scenario_file import baseline_of_store
from loaders.store import open_store
from model.comparison import compare
from model.scenario import (
    Operation,
    Reassign,
    Scenario,
    SetCapacity,
    ShiftDeadline,
    UnlistSchool,
    apply_scenario,
    names_of_operations,
)

EXPORTED = datetime(2020, 11, 2, 10, 30)
CREATED = datetime(2020, 11, 1, 9, 0)
SEMINARS: tuple[Operation, ...] = (
    Reassign(IMC, RMO, (f"{RM}#3", f"{RM}#6")),
    ShiftDeadline((f"{RM}#4",), months=5),
    UnlistSchool(S44, 2020),
)


@pytest.fixture
def minutes_for(store_path):
    """Return a maker of the minutes of some operations on the store's plan."""
    with open_store(store_path) as store:
        baseline = baseline_of_store(store)

    def make(operations: tuple[Operation, ...] = SEMINARS, name: str = "Семинары весной", **extra) -> Minutes:
        scenario = Scenario(name, operations)
        applied = apply_scenario(baseline.state, scenario)
        comparison = compare(
            baseline.state, applied.state, [date(2020, 10, 1), date(2020, 11, 1)], date(2020, 11, 1)
        )
        names = names_of_operations(baseline.state, operations)
        return minutes_of(
            scenario,
            comparison,
            exported_at=EXPORTED,
            names=names,
            data_version="store-7",
            author="Гутник И.С.",
            created_at=CREATED,
            changed_at=CREATED,
            issues=applied.issues,
            **extra,
        )

    return make


class Page(HTMLParser):
    """The report as a reader sees it: headings, list items and the rows of each section's table."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[list[str]]] = {}
        self.items: list[str] = []
        self.style = ""
        self._heading = ""
        self._tag = ""
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self._tag = tag
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "li":
            self.items.append("")

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.sections.setdefault(self._heading, []).append(self._row)
            self._row = None
        self._tag = ""

    def handle_data(self, data) -> None:
        if self._tag == "style":
            self.style += data
        elif self._tag in ("h1", "h2"):
            self._heading = data.strip()
        elif self._cell is not None:
            self._cell.append(data)
        elif self._tag == "li":
            self.items[-1] += data


def read_page(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def test_the_document_id_names_the_operations_and_the_data() -> None:
    one = Scenario("А", SEMINARS)
    assert document_id(one, "v1") == document_id(Scenario("Б", SEMINARS), "v1")
    assert document_id(one, "v1") != document_id(one, "v2")
    assert document_id(one, "v1") != document_id(Scenario("А", SEMINARS[:2]), "v1")
    assert document_id(one.undo(), "v1") == document_id(Scenario("А", SEMINARS[:2]), "v1")
    assert document_id(one, "v1").startswith("СЦ-") and len(document_id(one, "v1")) == 13


def test_the_document_id_names_what_the_scenario_is_compared_with() -> None:
    one, other = Scenario("А", SEMINARS), Scenario("Б", SEMINARS[:1])
    assert document_id(one, "v1", None) == document_id(one, "v1")
    assert document_id(one, "v1", other) != document_id(one, "v1")
    assert document_id(one, "v1", other) == document_id(one, "v1", other.renamed("В"))
    assert document_id(one, "v1", other) != document_id(one, "v1", Scenario("Б", SEMINARS[1:2]))


def test_the_minutes_of_a_comparison_with_another_scenario_name_it_and_keep_the_plans_reason(
    store_path,
) -> None:
    with open_store(store_path) as store:
        baseline = baseline_of_store(store)
    # «Before»: РМО takes the two seminars; «after»: РМО takes them with half a capacity.
    other = Scenario("РМО берёт семинары", SEMINARS[:1])
    scenario = Scenario("РМО без методистов", (*SEMINARS[:1], SetCapacity(RMO, 0.5)))
    before = apply_scenario(baseline.state, other).state
    after = apply_scenario(baseline.state, scenario).state
    comparison = compare(before, after, [date(2020, 10, 1), date(2020, 11, 1)], date(2020, 11, 1))
    label = "сохранённый сценарий «РМО берёт семинары» (версия 3, изменён 01.11.2020 09:00)"
    m = minutes_of(
        scenario,
        comparison,
        exported_at=EXPORTED,
        names=names_of_operations(baseline.state, scenario.operations),
        data_version="store-7",
        against=Against(label, other),
        pushes=False,
    )
    page = read_page(minutes_html(m))
    assert ["С чем сравнивается", label] in page.sections["Сценарий «РМО без методистов»"]
    assert page.sections["Перегрузка"][1:] == [
        [
            "Районное методическое объединение учителей математики",
            "10.2020",
            "17 %",
            "200 %",
            "становится перегружен",
        ],
        [
            "Районное методическое объединение учителей математики",
            "11.2020",
            "17 %",
            "200 %",
            "становится перегружен",
        ],
    ]
    assert m.document_id == document_id(scenario, "store-7", other)
    # The reason is asked for against the plan, whatever the minutes compare with.
    assert not m.needs_reason
    assert 'class="warning"' not in minutes_html(m)
    summary = [
        list(r)
        for r in openpyxl.load_workbook(io.BytesIO(minutes_xlsx_bytes(m)))["Сводка"].iter_rows(
            values_only=True
        )
    ]
    assert ["С чем сравнивается", label] in summary


def test_the_report_prints_on_a4_with_the_document_id_and_page_numbers_in_the_margins(minutes_for) -> None:
    m = minutes_for()
    style = read_page(minutes_html(m)).style
    assert "size: A4 landscape;" in style
    assert f'@top-left {{ content: "Карта ответственности · документ {m.document_id}";' in style
    assert 'content: "стр. " counter(page) " из " counter(pages);' in style
    assert "thead { display: table-header-group; }" in style
    assert "tr, li { break-inside: avoid; page-break-inside: avoid; }" in style
    assert "print-color-adjust: exact;" in style


def test_the_report_shows_the_header_the_operations_and_the_comparison(minutes_for) -> None:
    m = minutes_for()
    page = read_page(minutes_html(m))
    assert page.sections["Сценарий «Семинары весной»"] == [
        ["Документ", m.document_id],
        ["Сценарий", "Семинары весной"],
        ["Автор", "Гутник И.С."],
        ["Причина", "—"],
        ["Сценарий создан", "01.11.2020 09:00"],
        ["Сценарий изменён", "01.11.2020 09:00"],
        ["Выгружено", "02.11.2020 10:30"],
        ["Версия данных", "store-7"],
        ["С чем сравнивается", "план (как в данных)"],
        ["По состоянию на", "01.11.2020"],
        ["Месяцы", "10.2020 – 11.2020"],
    ]
    # The activities an operation names only by their count are listed under it.
    assert page.items == [
        "Передать 2 мероприятия от «МБОУ ДПО «Информационно-методический центр»» "
        "к «Районное методическое объединение учителей математики»",
        "2. Семинар для учителей математики",
        "5. Семинар для директоров",
        "Сдвинуть срок мероприятия «3. Методический десант» на 5 мес. позже",
        "Исключить «МБОУ «Школа № 44»» из списка на 2020/21 учебный год",
    ]
    assert page.sections["Перегрузка"] == [
        ["Исполнитель", "Месяц", "Загрузка до", "Загрузка после", "Изменение"],
        [
            "МБОУ ДПО «Информационно-методический центр»",
            "10.2020",
            "133 %",
            "67 %",
            "перестаёт быть перегружен",
        ],
    ]
    assert page.sections["Нагрузка по месяцам"][1] == [
        "МБОУ ДПО «Информационно-методический центр»",
        "10.2020",
        "4",
        "2",
        "−2",
        "4",
        "2",
        "3",
        "3",
        "133 %",
        "67 %",
    ]
    assert page.sections["Сроки"] == [
        ["Мероприятие", "Изменение", "Было", "Стало", "Срок уже прошёл"],
        ["3. Методический десант", "срок сдвинут", "01.10.2020 – 31.10.2020", "01.03.2021 – 31.03.2021", ""],
    ]
    assert page.sections["Цепочки ответственности"][3] == [
        "6. Анкетирование педагогов",
        "МБОУ «Школа № 35»; МБОУ «Школа № 44»",
        "МБОУ «Школа № 35»",
        "—",
        "—",
        "Управление образования Полысаевского городского округа",
        "Управление образования Полысаевского городского округа",
        "цела",  # as the page's table says it
    ]
    assert ["Больше не перегружены", "1"] in page.sections["Итог"]


def test_a_scenario_that_overloads_someone_shows_its_reason_or_that_it_is_missing(minutes_for) -> None:
    overloads = (*SEMINARS, SetCapacity(RMO, 0.5))
    without = read_page(minutes_html(minutes_for(overloads)))
    assert ["Причина", "не указана — сценарий перегружает исполнителя"] in without.sections[
        "Сценарий «Семинары весной»"
    ]
    text = minutes_html(minutes_for(overloads, reason="РМО усилено двумя методистами"))
    assert (
        '<p class="warning">Сценарий перегружает исполнителя. Причина: РМО усилено двумя методистами</p>'
        in text
    )
    assert 'class="warning"' not in minutes_html(minutes_for())


def test_the_report_escapes_what_people_typed(minutes_for) -> None:
    text = minutes_html(minutes_for(name="<script>alert(1)</script>"))
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_an_operation_with_a_problem_is_listed_among_the_remarks(minutes_for) -> None:
    page = read_page(minutes_html(minutes_for((*SEMINARS, ShiftDeadline(("act:нет",), months=1)))))
    assert page.sections["Замечания к сценарию"][1:] == [
        ["4", "предупреждение", "Мероприятие «act:нет» не найдено"]
    ]


def test_the_workbook_has_a_sheet_per_section_with_the_document_id(minutes_for, tmp_path) -> None:
    m = minutes_for()
    path = tmp_path / "протокол.xlsx"
    write_minutes_xlsx(path, m)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Сводка",
        "Операции",
        "Перегрузка",
        "Нагрузка по месяцам",
        "Сроки",
        "Цепочки ответственности",
        "Школы с растущей нагрузкой",
        "Без срока",
        "Замечания к сценарию",
    ]
    summary = [list(r) for r in book["Сводка"].iter_rows(values_only=True)]
    assert summary[:2] == [["Поле", "Значение"], ["Документ", m.document_id]]
    assert ["Выгружено", "02.11.2020 10:30"] in summary
    assert [r for r in book["Операции"].iter_rows(values_only=True)][1][0] == 1
    overload = book["Перегрузка"]
    assert [c.value for c in overload[2]] == [
        "МБОУ ДПО «Информационно-методический центр»",
        datetime(2020, 10, 1),
        pytest.approx(4 / 3),
        pytest.approx(2 / 3),
        "перестаёт быть перегружен",
    ]
    assert overload["B2"].number_format == "mm.yyyy"
    assert overload["C2"].number_format == "0%"
    assert m.document_id in overload.oddFooter.left.text
    assert book.properties.subject == m.document_id


def test_the_workbook_and_the_page_can_be_written_to_files_and_bytes(minutes_for, tmp_path) -> None:
    m = minutes_for()
    write_minutes_html(tmp_path / "протокол.html", m)
    assert (tmp_path / "протокол.html").read_text(encoding="utf-8") == minutes_html(m)
    assert minutes_xlsx_bytes(m)[:2] == b"PK"


def test_an_unnamed_scenario_is_headed_so_not_with_empty_quotes(minutes_for) -> None:
    m = minutes_for(name="")
    text = minutes_html(m)
    assert "<h1>Сценарий без названия</h1>" in text
    assert f"<title>Сценарий без названия — {m.document_id}</title>" in text
    assert "«»" not in text
    assert (
        openpyxl.load_workbook(io.BytesIO(minutes_xlsx_bytes(m))).properties.title == "Сценарий без названия"
    )


def test_the_workbook_lists_the_activities_an_operation_names_only_by_their_count(minutes_for) -> None:
    book = openpyxl.load_workbook(io.BytesIO(minutes_xlsx_bytes(minutes_for())))
    rows = [list(r) for r in book["Операции"].iter_rows(values_only=True)]
    assert rows[0] == ["№", "Операция", "Мероприятия"]
    assert rows[1][2] == "2. Семинар для учителей математики\n5. Семинар для директоров"
    assert rows[2][2] is None  # one activity is named in the operation itself
    headers = [c.value for c in book["Школы с растущей нагрузкой"][1]]
    assert len(set(headers)) == len(headers)


def test_minutes_without_remarks_say_there_are_none(minutes_for) -> None:
    page = minutes_html(minutes_for(operations=SEMINARS[:1]))
    assert '<h2>Замечания к сценарию</h2>\n<p class="empty">Замечаний нет.</p>' in page


def test_the_minutes_against_another_scenario_list_its_operations_as_well(store_path) -> None:
    with open_store(store_path) as store:
        baseline = baseline_of_store(store)
    other = Scenario("РМО берёт семинары", SEMINARS[:2])
    scenario = Scenario("РМО без методистов", (SetCapacity(RMO, 0.5),))
    before = apply_scenario(baseline.state, other).state
    after = apply_scenario(baseline.state, scenario).state
    comparison = compare(before, after, [date(2020, 10, 1), date(2020, 11, 1)], date(2020, 11, 1))
    operations = (*scenario.operations, *other.operations)
    label = "сохранённый сценарий «РМО берёт семинары» (версия 3, изменён 01.11.2020 09:00)"
    m = minutes_of(
        scenario,
        comparison,
        exported_at=EXPORTED,
        names=names_of_operations(baseline.state, operations),
        against=Against(label, other),
    )
    page = read_page(minutes_html(m))
    theirs = [
        "Передать 2 мероприятия от «МБОУ ДПО «Информационно-методический центр»» "
        "к «Районное методическое объединение учителей математики»",
        "2. Семинар для учителей математики",
        "5. Семинар для директоров",
        "Сдвинуть срок мероприятия «3. Методический десант» на 5 мес. позже",
    ]
    assert page.items == [
        "Установить мощность «Районное методическое объединение учителей математики»: "
        "0,5 мероприятия в месяц",
        *theirs,
    ]
    assert "<h2>Операции сценария, с которым сравнивается</h2>" in minutes_html(m)
    sheet = openpyxl.load_workbook(io.BytesIO(minutes_xlsx_bytes(m)))["Операции для сравнения"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert [r[1] for r in rows[1:]] == [theirs[0], theirs[3]]
    assert rows[1][2] == "\n".join(theirs[1:3])
