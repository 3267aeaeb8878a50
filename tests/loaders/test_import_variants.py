"""Files an official already has, in the variants they come in: a header grouped over merged cells, blank
rows in the middle, a row without an executor, a CSV in Windows-1251; every row is accounted for by the
number the spreadsheet shows, and the report says it in Russian."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from loaders.document import DocumentOptions
from loaders.importer import FileInput, FileResult, load_batch
from loaders.report import LoadReport, report_text
from model.deadlines import DeadlineKind
from model.entities import Activity

IN_POLYSAEVO = DocumentOptions(
    region="Кемеровская область – Кузбасс",
    municipality="Полысаевский городской округ",
    plan_start=date(2020, 9, 1),
    plan_end=date(2021, 8, 31),
)

GROUPED = [
    ["№ п/п", "Наименование мероприятия", "Срок исполнения", None, "Ответственные", None],
    [None, None, "Начало", "Окончание", "Организация", "ФИО"],
    ["1.", "Семинар для учителей математики", "01.10.2020", "30.10.2020", "ИМЦ", "Иванова И.И."],
    ["2.", "Совещание руководителей ОО", "Ноябрь 2020 года", None, "УО", None],
]
GROUPED_MERGES = ["A1:A2", "B1:B2", "C1:D1", "E1:F1"]


def load_one(path: Path) -> FileResult:
    [result] = load_batch([FileInput(path, IN_POLYSAEVO)])
    return result


def activities(result: FileResult) -> list[Activity]:
    return [e for e in result.entities if isinstance(e, Activity)]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "docx"])
def test_a_deadline_and_executors_split_under_merged_labels_load_whole(
    tmp_path: Path, write_table: Any, fmt: str
) -> None:
    path = write_table(tmp_path / f"grouped.{fmt}", GROUPED, merges=GROUPED_MERGES)
    result = load_one(path)
    [table] = result.report.tables
    assert (table.rows_read, table.header_rows, table.activities, table.rejected) == (4, 2, 2, [])
    first, second = activities(result)
    assert (first.deadline.kind, first.deadline.start, first.deadline.end) == (
        DeadlineKind.PERIOD,
        date(2020, 10, 1),
        date(2020, 10, 30),
    )
    assert first.executors_raw == "ИМЦ, Иванова И.И."
    assert (second.deadline.kind, second.executors_raw) == (DeadlineKind.MONTH, "УО")


def test_a_second_deadline_column_of_actual_dates_is_not_read_as_the_end(
    tmp_path: Path, write_table: Any
) -> None:
    rows = [
        ["№ п/п", "Мероприятие", "Срок", None, "Ответственные"],
        [None, None, "план", "факт", None],
        ["1.", "Семинар", "01.10.2020", "15.11.2020", "ИМЦ"],
    ]
    result = load_one(
        write_table(tmp_path / "plan_fact.xlsx", rows, merges=["A1:A2", "B1:B2", "C1:D1", "E1:E2"])
    )
    [activity] = activities(result)
    assert (activity.deadline.kind, activity.deadline.start) == (DeadlineKind.DATE, date(2020, 10, 1))


def test_rows_after_blank_rows_keep_the_spreadsheet_numbers_in_a_cp1251_csv(
    tmp_path: Path, write_table: Any
) -> None:
    rows = [
        ["Дорожная карта"],
        ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
        ["1.", "Семинар", "Октябрь 2020 года", "ИМЦ"],
        [None, None, None, None],
        [None, None, None, None],
        ["2.", "Совещание", "32 мартобря", "ИМЦ"],
        ["3.", "Консультации", "Ноябрь 2020 года", None],
        ["4.", None, "Декабрь 2020 года", "ИМЦ"],
    ]
    path = write_table(tmp_path / "план.csv", rows, encoding="cp1251")
    result = load_one(path)
    issues = [(i["code"], i["row"], i["column"]) for i in result.report.as_dict()["issues"] if i["row"]]
    assert issues == [
        ("unknown-deadline", 6, "Сроки"),
        ("missing-executor", 7, "Ответственные"),
        ("activity-without-text", 8, "Мероприятия"),
    ]
    [table] = result.report.tables
    assert [r.row for r in table.ignored] == [1, 4, 5]
    text = report_text(LoadReport([result.report]))
    assert "  Таблица (дорожная карта): строк прочитано 8, заголовок 1, мероприятий 3" in text
    assert "    Не загружены строки: 8 — причины в замечаниях" in text
    assert text.endswith("Ошибок нет, но не загружено строк: 1 — причины в замечаниях.")
    assert "activity-without-text" not in text


def test_a_column_under_a_merged_label_is_named_label_colon_sub_label_in_messages(
    tmp_path: Path, write_table: Any
) -> None:
    rows = [*GROUPED, ["3.", "Консультации", "Декабрь 2020 года", None, None, None]]
    result = load_one(write_table(tmp_path / "grouped.xlsx", rows, merges=GROUPED_MERGES))

    [missing] = [i for i in result.report.issues if i.code == "missing-executor"]
    assert (missing.row, missing.column) == (5, "Ответственные: организация")
    assert "столбец «Ответственные: организация»" in missing.where()


PREAMBLE = [
    [f"{n}. Пункт приказа об утверждении дорожной карты, который вставлен над таблицей."]
    for n in range(1, 61)
]


def test_a_roadmap_below_sixty_rows_of_the_order_text_loads(tmp_path: Path, write_table: Any) -> None:
    rows = [
        *PREAMBLE,
        ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
        ["1.", "Семинар для учителей", "Октябрь 2020 года", "ИМЦ"],
        ["2.", "Совещание", "Ноябрь 2020 года", "УО"],
    ]
    result = load_one(write_table(tmp_path / "long_preamble.xlsx", rows))

    [table] = result.report.tables
    assert (table.kind, table.header_rows, table.activities, table.rejected) == ("roadmap", 1, 2, [])
    assert [r.row for r in table.ignored] == list(range(1, 61))
    assert [a.name for a in activities(result)] == ["1. Семинар для учителей", "2. Совещание"]
    assert not [i for i in result.report.issues if i.code in {"no-header", "unknown-table"}]


def test_a_sheet_without_a_header_says_which_column_names_were_looked_for(
    tmp_path: Path, write_table: Any
) -> None:
    rows = [*PREAMBLE, ["1.", "Семинар для учителей", "Октябрь 2020 года", "ИМЦ"]]
    result = load_one(write_table(tmp_path / "no_header.xlsx", rows))

    [warning] = [i for i in result.report.issues if i.code == "no-header"]
    assert warning.severity == "warning"
    assert warning.message.startswith("Ни в одной таблице файла нет строки заголовков, таблицы не загружены.")
    assert "дорожная карта — «№ п/п», «Мероприятие», «Срок», «Ответственные»" in warning.message
    assert "сокращения — «Сокращение», «Полное наименование»" in warning.message


def test_the_text_report_writes_its_counts_with_their_thousands_apart(
    tmp_path: Path, write_table: Any
) -> None:
    rows = [["№ п/п", "Мероприятия", "Сроки", "Ответственные"]] + [
        [f"{n}.", f"Консультация {n}", "Ноябрь 2020 года", "ИМЦ"] for n in range(1, 1202)
    ]
    result = load_one(write_table(tmp_path / "big.csv", rows))

    text = report_text(LoadReport([result.report]))
    assert "строк прочитано 1\u00a0202, заголовок 1, мероприятий 1\u00a0201, разделов 0" in text
    assert "Сроки: месяц 1\u00a0201" in text
    assert "Исполнители: распознано 1\u00a0201 из 1\u00a0201" in text
