"""Finding a table's header and telling what each of its rows is, on files shaped like the real orders."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.glossary import find_glossary, row_lines
from loaders.header import (
    HEADER_EXAMPLES,
    HEADER_SCAN_ROWS,
    ColumnRole,
    Header,
    TableKind,
    find_header,
    is_numbering_row,
    role_of,
    table_kind,
)
from loaders.layout import ClassifiedRow, RowClass, classify_rows, fold_continuations, roadmap_rows
from loaders.read import RawRow, RawTable, read_tables

N, A, D, E, R = (ColumnRole.NUMBER, ColumnRole.ACTIVITY, ColumnRole.DEADLINE, ColumnRole.EXECUTORS,
                 ColumnRole.RESULT)  # fmt: skip


def table_of(tmp_path: Path, write_table, rows, fmt: str = "xlsx", merges=()) -> RawTable:
    """Return the first table of a real file written from rows."""
    return read_tables(write_table(tmp_path / f"table.{fmt}", rows, merges=merges)).tables[0]


def classes(rows: list[ClassifiedRow]) -> list[tuple[int, str]]:
    return [(r.row.number, str(r.cls)) for r in rows]


# ---------------------------------------------------------------------------------------------
# Column roles


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("№ п/п", N),
        ("№ п.п", N),
        ("№ \n\nп.п", N),
        ("№", N),
        ("N п/п", N),
        ("Мероприятия", A),
        ("Мероприятие", A),
        ("Наименование мероприятия", A),
        ("Содержание", A),
        ("Содержание работы", A),
        ("Сроки", D),
        ("Срок", D),
        ("Срок исполнения", D),
        ("Сроки исполнения", D),
        ("Срок (период) проведения", D),
        ("Дата проведения", D),
        ("Ответственные", E),
        ("Исполнители", E),
        ("Исполнит ели", E),
        ("Исполнит\n\nели ", E),
        ("Ответственный исполнитель", E),
        ("Ответственный", E),
        ("Соисполнители", E),
        ("Результат", R),
        ("Ожидаемый результат", R),
        ("Форма отчётности", R),
        ("Территория", ColumnRole.TERRITORY),
        ("Муниципальное образование", ColumnRole.TERRITORY),
        ("ОО", ColumnRole.SCHOOL),
        ("Наименование ОО", ColumnRole.SCHOOL),
        ("Образовательная организация", ColumnRole.SCHOOL),
        ("Ф.И.О.", ColumnRole.NAME),
        ("ФИО", ColumnRole.NAME),
        ("должность", ColumnRole.POSITION),
        ("Роль в рабочей группе", ColumnRole.ROLE),
        ("Сокращение", ColumnRole.ABBREVIATION),
        ("Полное наименование", ColumnRole.FULL_NAME),
        ("Расшифровка", ColumnRole.FULL_NAME),
        ("Статус", ColumnRole.STATUS),
        ("Учебный год", ColumnRole.YEAR),
        ("Год", ColumnRole.YEAR),
        ("Примечание", ColumnRole.OTHER),
        ("Основания для\nразработки", ColumnRole.OTHER),
        ("Комитет образования и науки (далее – КОиН); общеобразовательные организации, имеющие низкие "
         "образовательные результаты (далее – ШНОР)", ColumnRole.OTHER),
        ("", None),
    ],
)  # fmt: skip
def test_a_header_label_names_its_column_role(label: str, role: ColumnRole | None) -> None:
    assert role_of(label) == role


# ---------------------------------------------------------------------------------------------
# Headers


def test_the_novokuznetsk_header_is_found_below_its_passport_with_broken_words(
    tmp_path: Path, write_table, novokuznetsk_rows
) -> None:
    header = find_header(table_of(tmp_path, write_table, novokuznetsk_rows))

    assert header == Header(5, (N, A, D, E), ("№ п.п", "Мероприятия", "Сроки", "Исполнит ели"), (5,))
    assert table_kind(header) is TableKind.ROADMAP


def test_the_chelyabinsk_header_has_a_result_column(tmp_path: Path, write_table, chelyabinsk_rows) -> None:
    header = find_header(table_of(tmp_path, write_table, chelyabinsk_rows))

    assert header is not None
    assert (header.row, header.roles, header.rows) == (2, (N, A, D, E, R), (2,))
    assert (header.column(ColumnRole.RESULT), header.column(ColumnRole.TERRITORY)) == (4, None)


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv", "docx"])
def test_a_header_split_over_two_rows_is_read_as_one(tmp_path: Path, write_table, fmt: str) -> None:
    rows = [
        ["План мероприятий", None, None, None],
        ["№", "Мероприятия", "Сроки", "Исполнит"],
        ["п/п", None, None, "ели"],
        ["1.", "Совещание", "Май 2021", "УО"],
    ]
    header = find_header(table_of(tmp_path, write_table, rows, fmt))

    assert header == Header(2, (N, A, D, E), ("№ п/п", "Мероприятия", "Сроки", "Исполнит ели"), (2, 3))


def test_a_grouped_header_with_merged_cells_is_read_as_one(tmp_path: Path, write_table) -> None:
    rows = [
        ["№ п/п", "Мероприятие", "Сроки", None, "Ответственные"],
        [None, None, "начало", "окончание", None],
        ["1.", "Семинар", "01.10.2020", "30.10.2020", "ИМЦ"],
    ]
    table = table_of(tmp_path, write_table, rows, merges=["A1:A2", "B1:B2", "C1:D1", "E1:E2"])

    header = find_header(table)

    assert header is not None
    # «Сроки» is merged over «начало» and «окончание»: both columns hold the deadline.
    assert (header.rows, header.roles) == ((1, 2), (N, A, D, D, E))
    assert classes(classify_rows(table, header)) == [(1, "header"), (2, "header"), (3, "activity")]


def test_a_column_numbering_row_under_the_header_belongs_to_it(tmp_path: Path, write_table) -> None:
    rows = [["№ п/п", "Мероприятия", "Сроки", "Ответственные"], [1, 2, 3, 4], [1, "Совещание", "Май", "УО"]]

    header = find_header(table_of(tmp_path, write_table, rows))

    assert header is not None and header.rows == (1, 2)


@pytest.mark.parametrize(
    ("rows", "kind"),
    [
        ([["Территория", "ОО"], ["Новокузнецкий ГО", "МБОУ «ООШ № 103»"]], TableKind.SCHOOLS),
        ([["Ф.И.О.", "должность"], ["Круль Светлана Васильевна", "заместитель председателя КОиН"]],
         TableKind.PEOPLE),
        ([["Сокращение", "Полное наименование"], ["ИМЦ", "Информационно-методический центр"]],
         TableKind.GLOSSARY),
        ([["№ п/п", "Мероприятия", "Сроки", "Ответственные"], ["1.", "Совещание", "Май", "УО"]],
         TableKind.ROADMAP),
        ([["№", "Содержание", "Ответственный"], ["1.", "Совещание", "УО"]], TableKind.ROADMAP),
        ([["№", "Наименование ОО", "Статус", "Учебный год"], ["1", "МБОУ «Школа № 35»", "ШНОР", "2020/2021"]],
         TableKind.SCHOOLS),
    ],
)  # fmt: skip
def test_a_table_kind_follows_from_its_header(tmp_path: Path, write_table, rows, kind: TableKind) -> None:
    assert table_kind(find_header(table_of(tmp_path, write_table, rows))) is kind


@pytest.mark.parametrize(
    "rows",
    [
        [["№", "Примечание"], ["1", "текст"]],
        [["Приказ от 28.10.2020 № 162"], ["Об утверждении Дорожной карты"]],
        [["1.", "Совещание", "Май 2021", "УО"], ["2.", "Семинар", "Июнь 2021", "ИМЦ"]],
    ],
)
def test_a_table_without_header_words_has_no_header(tmp_path: Path, write_table, rows) -> None:
    table = table_of(tmp_path, write_table, rows)

    assert find_header(table) is None
    assert table_kind(None) is TableKind.UNKNOWN
    assert {r.cls for r in classify_rows(table, None)} == {RowClass.TITLE}


def test_a_header_below_a_long_preamble_is_found_further_down(tmp_path: Path, write_table) -> None:
    rows = [[f"Пункт приказа {i}"] for i in range(45)] + [["№ п/п", "Мероприятия", "Сроки", "Ответственные"]]

    header = find_header(table_of(tmp_path, write_table, rows))

    assert header is not None and (header.row, header.roles) == (46, (N, A, D, E))


def test_a_header_in_the_first_rows_is_preferred_to_one_further_down(tmp_path: Path, write_table) -> None:
    rows = [
        ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
        *([str(i), "Совещание", "Май 2021", "УО"] for i in range(1, 50)),
        ["№", "Мероприятие", "Срок", "Исполнитель"],
    ]

    header = find_header(table_of(tmp_path, write_table, rows))

    assert header is not None and header.row == 1


def test_a_header_split_over_the_last_scanned_row_and_the_next_is_found(tmp_path: Path, write_table) -> None:
    rows = [[f"Пункт приказа {i}"] for i in range(HEADER_SCAN_ROWS - 1)] + [
        ["№", "Мероприятия", "Сроки", "Исполнит"],
        ["п/п", None, None, "ели"],
        ["1.", "Совещание", "Май 2021", "УО"],
    ]

    header = find_header(table_of(tmp_path, write_table, rows))

    assert header is not None and header.rows == (HEADER_SCAN_ROWS, HEADER_SCAN_ROWS + 1)


def test_a_label_merged_over_sub_labels_is_named_as_a_person_reads_it(tmp_path: Path, write_table) -> None:
    rows = [
        ["№ п/п", "Мероприятие", "Срок исполнения", None, "Ответственные", None],
        [None, None, "Начало", "Окончание", "Организация", "ФИО"],
        ["1.", "Семинар", "01.10.2020", "30.10.2020", "ИМЦ", "Иванова И.И."],
    ]
    merges = ["A1:A2", "B1:B2", "C1:D1", "E1:F1"]

    header = find_header(table_of(tmp_path, write_table, rows, merges=merges))

    assert header is not None and header.labels == (
        "№ п/п",
        "Мероприятие",
        "Срок исполнения: начало",
        "Срок исполнения: окончание",
        "Ответственные: организация",
        "Ответственные: ФИО",
    )


@pytest.mark.parametrize(("kind", "labels"), HEADER_EXAMPLES.items())
def test_the_labels_a_report_says_were_looked_for_make_a_header_of_their_kind(
    kind: TableKind, labels: tuple[str, ...]
) -> None:
    roles = tuple(role_of(label) or ColumnRole.OTHER for label in labels)

    assert ColumnRole.OTHER not in roles
    assert table_kind(Header(1, roles, labels, (1,))) is kind


# ---------------------------------------------------------------------------------------------
# Rows


def test_the_chelyabinsk_roadmap_has_sections_over_numbered_activities(
    tmp_path: Path, write_table, chelyabinsk_rows
) -> None:
    table = table_of(tmp_path, write_table, chelyabinsk_rows)

    assert classes(classify_rows(table, find_header(table))) == [
        (1, "title"),
        (2, "header"),
        (3, "section"),
        (4, "activity"),
        (5, "activity"),
        (6, "section"),
        (7, "activity"),
        (8, "activity"),
    ]


def test_the_polysaevo_roadmap_keeps_its_blank_row_and_flat_numbers(
    tmp_path: Path, write_table, polysaevo_rows
) -> None:
    table = table_of(tmp_path, write_table, polysaevo_rows, fmt="docx")

    assert classes(classify_rows(table, find_header(table))) == [
        (1, "title"),
        (2, "blank"),
        (3, "header"),
        (4, "activity"),
        (5, "activity"),
        (6, "blank"),
        (7, "activity"),
    ]


def test_a_row_split_by_a_page_break_is_folded_into_the_row_above(
    tmp_path: Path, write_table, novokuznetsk_rows
) -> None:
    table = table_of(tmp_path, write_table, novokuznetsk_rows)
    classified = classify_rows(table, find_header(table))

    assert classes(classified)[4:] == [
        (5, "header"),
        (6, "section"),
        (7, "activity"),
        (8, "activity"),
        (9, "continuation"),
        (10, "section"),
        (11, "activity"),
    ]
    folded = fold_continuations(classified)
    assert [(r.row.number, str(r.cls), r.continued_by) for r in folded[5:9]] == [
        (6, "section", ()),
        (7, "activity", ()),
        (8, "activity", (9,)),
        (10, "section", ()),
    ]
    assert folded[7].row.cells == (
        "1.3.",
        "Организация и проведение тематических совещаний с руководителями ШНОР\n"
        "образования общеобразовательной организации по вопросам управления",
        "По\nотдельному\nграфику",
        "КОиН,\nРОО,\nИПК",
    )


OLENEGORSK_ROWS = [
    ["№ п/п", "Мероприятие", "Сроки исполнения", "Ответственные"],
    ["8.", "Подготовка адресных рекомендаций", "Август, ежегодно", "Комитет, ИМЦ"],
    ["9.", "Методическое сопровождение руководителей ШНОР ... качество образования и", "Постоянно",
     "Комитет, ИМЦ"],
    [None, None, None, None],
    [None, "сокращать отставание наименее благополучных групп учащихся", None, None],
    ["10.", "Разработка методов корректировки затруднений", "Январь, ежегодно", "Комитет, ИМЦ"],
    [None, None, None, None],
    ["Используемые сокращения:", None, None, None],
    ["Комитет", "-", "Комитет по образованию Администрации города Оленегорска", None],
    ["ОО", "– общеобразовательная организация", None, None],
]  # fmt: skip


def test_a_lowercase_continuation_after_a_page_break_blank_and_a_glossary_below_the_table(
    tmp_path: Path, write_table
) -> None:
    table = table_of(tmp_path, write_table, OLENEGORSK_ROWS)
    classified = classify_rows(table, find_header(table))

    assert classes(classified) == [
        (1, "header"),
        (2, "activity"),
        (3, "activity"),
        (4, "blank"),
        (5, "continuation"),
        (6, "activity"),
        (7, "blank"),
        (8, "footer"),
        (9, "footer"),
        (10, "footer"),
    ]
    assert [(r.row.number, r.continued_by) for r in fold_continuations(classified)][2:4] == [
        (3, (5,)),
        (4, ()),
    ]
    below = [r.row for r in classified if r.cls is RowClass.FOOTER]
    assert find_glossary(row_lines(below)) == [
        "Комитет - Комитет по образованию Администрации города Оленегорска",
        "ОО – общеобразовательная организация",
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [["№ п/п", "Мероприятия", "Сроки", "Ответственные"], ["I.", "Организационная работа", None, None],
             ["1.", "Совещание", "Май", "УО"], ["Раздел 2", "Методическая работа", None, None],
             ["2.", "Семинар", "Июнь", "ИМЦ"]],
            [(1, "header"), (2, "section"), (3, "activity"), (4, "section"), (5, "activity")],
            id="roman-and-word-sections",
        ),
        pytest.param(
            [["№ п/п", "Мероприятия", "Сроки", "Ответственные"], ["1", "2", "3", "4"],
             ["1.", "Совещание", "Май", "УО"], ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
             ["2.", "Семинар", "Июнь", "ИМЦ"]],
            [(1, "header"), (2, "header"), (3, "activity"), (4, "header"), (5, "activity")],
            id="numbering-row-and-header-repeated-after-a-page-break",
        ),
        pytest.param(
            [["№ п/п", "Мероприятия", "Сроки", "Ответственные"], ["5.", None, None, None],
             [None, "Анализ результатов ВПР", "Сентябрь 2020", "ИПК"], ["6.", "Семинар", None, None]],
            [(1, "header"), (2, "number_only"), (3, "continuation"), (4, "activity")],
            id="number-alone-then-its-text",
        ),
        pytest.param(
            [["№ п/п", "Мероприятия", "Сроки", "Ответственные"], ["1.", "Совещание", "Май", "УО"],
             [None, None, None, None], ["Начальник УО", None, None, None], [None, None, "И.С. Гутник", None]],
            [(1, "header"), (2, "activity"), (3, "blank"), (4, "footer"), (5, "footer")],
            id="signature-below-the-table",
        ),
        pytest.param(
            [["№ п/п", "Мероприятия", "Сроки", "Ответственные"], ["1.", "Совещание", "Май", "УО"],
             [None, None, None, None], ["Территория", "ОО", None, None],
             ["Новокузнецкий ГО", "МБОУ «ООШ № 103»", None, None]],
            [(1, "header"), (2, "activity"), (3, "blank"), (4, "footer"), (5, "footer")],
            id="another-table-below",
        ),
        pytest.param(
            [["Мероприятия", "Сроки", "Ответственные"], ["Организационная работа", None, None],
             ["Совещание с руководителями", "Май", "УО"], ["и их заместителями", None, None]],
            [(1, "header"), (2, "section"), (3, "activity"), (4, "continuation")],
            id="table-without-numbers",
        ),
        pytest.param(
            [["№", "Территория", "ОО"], ["Новокузнецкий ГО", None, None],
             ["1", "Новокузнецкий ГО", "МБОУ «ООШ № 103»"], ["2", "Новокузнецкий ГО", "МБОУ «СОШ № 12»"]],
            [(1, "header"), (2, "section"), (3, "record"), (4, "record")],
            id="schools-grouped-by-territory",
        ),
        pytest.param(
            [["Ф.И.О.", "должность"], ["Мозгунова Марина Петровна", "главный специалист отдела"],
             [None, "КОиН"], ["Позднякова Наталья Анатольевна", "ректор МАОУ ДПО ИПК"]],
            [(1, "header"), (2, "record"), (3, "continuation"), (4, "record")],
            id="people-with-a-broken-position",
        ),
        pytest.param(
            [["№ п/п", "Мероприятия", "Сроки", "Ответственные"], ["1.", "Организационная работа", None, None],
             ["1.1.", "Совещание", "Май", "УО"], ["2.", "Семинар", None, None], ["3.", "Отчёт", "Июнь", "УО"],
             ["3.1", "Справка", "Июнь", "ИМЦ"]],
            [(1, "header"), (2, "section"), (3, "activity"), (4, "activity"), (5, "activity"),
             (6, "activity")],
            id="a-number-without-terms-is-a-section-only-over-its-subitems",
        ),
        pytest.param(
            [["№ п/п", "Мероприятия", "Сроки", "Ответственные"], ["1.", "Совещание", "Май", "УО"],
             ["Используемые сокращения:", None, None, None],
             ["УО – управление образования", None, None, None]],
            [(1, "header"), (2, "activity"), (3, "footer"), (4, "footer")],
            id="abbreviations-below-the-table",
        ),
    ],
)  # fmt: skip
def test_each_row_gets_its_class(tmp_path: Path, write_table, rows, expected) -> None:
    table = table_of(tmp_path, write_table, rows)

    assert classes(classify_rows(table, find_header(table))) == expected


def test_a_number_alone_with_its_text_below_folds_into_an_activity() -> None:
    table = RawTable(
        "Лист1",
        [
            RawRow(1, ("№", "Мероприятия", "Сроки", "Ответственные")),
            RawRow(2, ("5.", "", "", "")),
            RawRow(3, ("", "Анализ результатов ВПР", "Сентябрь 2020", "ИПК")),
        ],
    )

    folded = fold_continuations(classify_rows(table, find_header(table)))

    assert folded[1] == ClassifiedRow(
        RawRow(2, ("5.", "Анализ результатов ВПР", "Сентябрь 2020", "ИПК")),
        RowClass.ACTIVITY,
        "номер и текст в соседних строках",
        (3,),
    )


# ---------------------------------------------------------------------------------------------
# Glossary


@pytest.mark.parametrize(
    ("lines", "entries"),
    [
        pytest.param(
            ["10. Разработка методов", "", "**Используемые сокращения:**", "",
             "**Комитет** - Комитет по образованию Администрации города Оленегорска", "",
             "**ИМЦ** - муниципальное учреждение «Информационно – методический центр»", "",
             "**ОО** – общеобразовательная организация", "",
             "**ШНОР** – школа с низкими образовательными результатами"],
            ["Комитет - Комитет по образованию Администрации города Оленегорска",
             "ИМЦ - муниципальное учреждение «Информационно – методический центр»",
             "ОО – общеобразовательная организация", "ШНОР – школа с низкими образовательными результатами"],
            id="olenegorsk",
        ),
        pytest.param(
            ["Список сокращений: ОО – общеобразовательная организация; ИПК — институт развития образования."],
            ["ОО – общеобразовательная организация", "ИПК — институт развития образования."],
            id="inline",
        ),
        pytest.param(
            ["Сокращения", "КОиН – Комитет образования и науки", "Председатель комитета Ю.А. Соловьева",
             "РОО – районный отдел образования"],
            ["КОиН – Комитет образования и науки"],
            id="stops-at-the-first-line-that-is-no-entry",
        ),
        pytest.param(
            ["Сокращение разрыва в результатах обученности", "ОО – общеобразовательная организация"], [],
            id="a-section-title-is-no-glossary",
        ),
        pytest.param(["Приказ", "ОО – общеобразовательная организация"], [], id="no-mark"),
    ],
)  # fmt: skip
def test_the_list_of_abbreviations_is_found_in_document_text(lines: list[str], entries: list[str]) -> None:
    assert find_glossary(lines) == entries


def test_the_list_of_abbreviations_is_found_in_a_word_document_text(tmp_path: Path, write_workbook) -> None:
    path = write_workbook(
        tmp_path / "order.docx",
        {"roadmap": [["№ п/п", "Мероприятие", "Сроки исполнения", "Ответственные"]]},
        paragraphs_after=["Используемые сокращения:", "Комитет - Комитет по образованию", "ИМЦ - ИМЦ"],
    )

    assert find_glossary(read_tables(path).text.splitlines()) == [
        "Комитет - Комитет по образованию",
        "ИМЦ - ИМЦ",
    ]


# ---------------------------------------------------------------------------------------------
# Never raising


WORDS = st.sampled_from(
    ["", "", "", "№ п/п", "Мероприятия", "Сроки", "Исполнит", "ели", "Ответственные", "Результат", "1.",
     "1.1.", "2", "I.", "Раздел 1", "1. Раздел", "Ф.И.О.", "должность", "ОО", "Территория", "Сокращение",
     "Полное наименование", "Используемые сокращения:", "ОО – организация", "май 2021", "УО, ОО", "текст",
     "Текст", "п/п", "3", "4", ".", "-", "1)", "№", "10.2.3."]
)  # fmt: skip
TEXTS = st.one_of(WORDS, st.text(max_size=12))


@st.composite
def tables(draw: st.DrawFn) -> RawTable:
    width = draw(st.integers(min_value=0, max_value=6))
    cells = draw(st.lists(st.lists(TEXTS, min_size=width, max_size=width), max_size=25))
    return RawTable("Лист1", [RawRow(i + 1, tuple(c)) for i, c in enumerate(cells)])


@settings(max_examples=300, deadline=None)
@given(tables())
def test_classifying_any_table_never_raises_and_keeps_every_row_in_order(table: RawTable) -> None:
    header = find_header(table)
    classified = classify_rows(table, header)
    folded = fold_continuations(classified)

    assert [c.row for c in classified] == table.rows
    assert all(isinstance(c.cls, RowClass) and c.reason for c in classified)
    numbers = sorted([f.row.number for f in folded] + [n for f in folded for n in f.continued_by])
    assert numbers == [r.number for r in table.rows]
    assert isinstance(table_kind(header), TableKind)
    assert isinstance(find_glossary(row_lines(table.rows)), list)


ROADMAP_CELLS = (
    st.sampled_from(
        ["", "", "1.", "1.1.", "1.2", "2)", "2.1.", "I.", "Раздел 1", "1", "2", "3", "4", "а)", "текст"]
    ),
    st.sampled_from(
        ["", "Мониторинг", "Организация методического сопровождения школ с низкими результатами обучения",
         "продолжение текста мероприятия", "Список сокращений:", "Раздел 2. Кадры", "2", "Иванова А.А.",
         "ОО – общеобразовательная организация", "Мероприятия", "текст"]
    ),
    st.sampled_from(["", "", "ежемесячно", "до 1 сентября 2021 г.", "3", "Сроки"]),
    st.sampled_from(["", "", "УО", "ИМЦ, ОО", "4", "Ответственные"]),
)  # fmt: skip


@st.composite
def roadmap_tables(draw: st.DrawFn) -> RawTable:
    """A roadmap table: a title, the header, then rows of numbers, texts, deadlines, executors and blanks."""
    plain = st.tuples(
        st.sampled_from(["1.", "1.1.", "2.3"]),
        st.just("Организация методического сопровождения школ с низкими результатами обучения"),
        st.sampled_from(["ежемесячно", ""]),
        st.just("УО"),
    )
    blank = st.just(("", "", "", ""))
    unnumbered = st.tuples(
        st.just(""), st.sampled_from(["Мониторинг", "продолжение текста", "Список сокращений:"]),
        st.just(""), st.sampled_from(["", "УО"]),
    )  # fmt: skip
    body = draw(st.lists(st.one_of(plain, blank, unnumbered, st.tuples(*ROADMAP_CELLS)), max_size=30))
    rows = [("ДОРОЖНАЯ КАРТА", "", "", ""), ("№ п/п", "Мероприятие", "Срок", "Ответственные"), *body]
    return RawTable("Лист1", [RawRow(i + 1, tuple(c)) for i, c in enumerate(rows)])


@settings(max_examples=400, deadline=None)
@given(roadmap_tables())
def test_a_roadmap_told_column_by_column_has_the_rows_classify_rows_gives(table: RawTable) -> None:
    header = find_header(table)
    assert header is not None
    fast = roadmap_rows(table, header)
    assert fast is not None

    expected = fold_continuations(classify_rows(table, header))
    got = fast.rows()

    assert [(r.row, r.cls, r.continued_by) for r in got] == [(r.row, r.cls, r.continued_by) for r in expected]


@pytest.mark.parametrize(
    ("cells", "width", "numbering"),
    [
        (("1", "2", "3", "4"), 4, True),
        (("0", "1", "2"), 3, True),
        (("1.", "2.", "3.", "4."), 4, True),
        (("1", "2", "", ""), 4, True),
        (("1", "2", "", ""), 5, False),
        (("1", "", "", ""), 1, False),
        (("1", "3", "4"), 3, False),
        (("2", "3", "4"), 3, False),
        (("1", "2", "Май"), 3, False),
        (("1.", "Совещание", "Май", "УО"), 4, False),
        (("1", "2", "100"), 3, False),
        ((), 0, False),
    ],
)
def test_a_row_numbering_the_columns_counts_them_from_0_or_1(
    cells: tuple[str, ...], width: int, numbering: bool
) -> None:
    assert is_numbering_row(cells, width) is numbering


def test_a_header_is_found_once_per_table_and_does_not_keep_the_table_alive() -> None:
    rows = [RawRow(1, ("№ п/п", "Мероприятия", "Сроки")), RawRow(2, ("1.", "Совещание", "Май"))]
    table = RawTable("Лист1", rows)
    header = find_header(table)
    assert find_header(table) is header
    assert find_header(RawTable("Лист1", list(rows))) == header
    assert find_header(RawTable("Лист1", rows[1:])) is None
    gone = weakref.ref(table)
    del table
    gc.collect()
    assert gone() is None
