"""Each row of a roadmap body gets its class and the reason for it, the commonest rows the quick way."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.header import find_header
from loaders.layout import classify_rows
from loaders.read import RawRow, RawTable, read_tables

TRICKY_ROADMAP = [
    ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
    ["1.1.", "Совещание с руководителями ОО", "Май", "УО"],
    ["1.", "Организационная работа", None, None],
    ["2.", "Семинар", None, None],
    ["2.a", "Справка", "Июнь", "ИМЦ"],
    ["3.", "Сокращения", "Май", "УО"],
    ["1", "2", "3", "4"],
    ["4", "5", "Июнь", "УО"],
    ["5.", "Отчёт", "Июнь", "УО"],
    ["6)", "Мониторинг", None, "ИМЦ"],
    [None, "по итогам года", None, None],
    ["7.", None, "Май", None],
    [None, None, None, None],
    ["Используемые сокращения:", None, None, None],
    ["8.", "Совещание", "Май", "УО"],
]


def rows_of(table: RawTable) -> list[tuple[int, str, str]]:
    return [(r.row.number, str(r.cls), r.reason) for r in classify_rows(table, find_header(table))]


def test_numbers_terms_subitems_and_the_block_below_decide_each_rows_class(
    tmp_path: Path, write_table
) -> None:
    table = read_tables(write_table(tmp_path / "roadmap.xlsx", TRICKY_ROADMAP)).tables[0]

    assert rows_of(table) == [
        (1, "header", "заголовок таблицы"),
        (2, "activity", "мероприятие «1.1.»"),
        (3, "section", "номер «1.» без сроков и исполнителей, ниже его подпункты"),
        (4, "activity", "мероприятие «2.» без сроков и исполнителей"),
        (5, "activity", "мероприятие с необычным номером «2.a»"),
        (6, "activity", "мероприятие «3.»"),
        (7, "header", "нумерация столбцов"),
        (8, "activity", "мероприятие «4»"),
        (9, "activity", "мероприятие «5.»"),
        (10, "activity", "мероприятие «6)»"),
        (11, "continuation", "нет номера: продолжение строки выше"),
        (12, "activity", "мероприятие «7.»"),
        (13, "blank", "пустая строка"),
        (14, "footer", "список сокращений ниже таблицы"),
        (15, "footer", "ниже таблицы"),
    ]


def test_a_numbered_row_opening_the_list_of_abbreviations_ends_the_table(tmp_path: Path, write_table) -> None:
    rows = [
        ["Мероприятия", "№", "Сроки", "Ответственные"],
        ["Совещание", "1.", "Май", "УО"],
        ["Сокращения:", "2.", "Май", "УО"],
        ["Семинар", "3.", "Июнь", "ИМЦ"],
    ]
    table = read_tables(write_table(tmp_path / "roadmap.xlsx", rows)).tables[0]

    assert rows_of(table) == [
        (1, "header", "заголовок таблицы"),
        (2, "activity", "мероприятие «1.»"),
        (3, "footer", "список сокращений ниже таблицы"),
        (4, "footer", "ниже таблицы"),
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [RawRow(1, ("№", "Мероприятия", "Сроки", "Ответственные")), RawRow(2, ("1.", "Совещание")),
             RawRow(3, ("1.1.", "Семинар", "Май")), RawRow(4, ("2.", "Отчёт", "", "УО")), RawRow(5, ("3.",))],
            [(1, "header", "заголовок таблицы"),
             (2, "section", "номер «1.» без сроков и исполнителей, ниже его подпункты"),
             (3, "activity", "мероприятие «1.1.»"), (4, "activity", "мероприятие «2.»"),
             (5, "number_only", "только номер «3.»")],
            id="rows-shorter-than-the-header",
        ),
    ],
)  # fmt: skip
def test_rows_of_any_width_get_their_class(rows: list[RawRow], expected: list[tuple[int, str, str]]) -> None:
    assert rows_of(RawTable("Лист1", rows)) == expected
