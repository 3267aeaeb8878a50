"""Reading real files of every format into text tables whose rows keep the numbers a person sees."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest

from loaders.formats.cells import clean_text
from loaders.read import CellRange, RawRow, read_tables
from model.issues import Severity

# A roadmap as people lay it out: a blank first row, a title starting in column B with an NBSP and
# trailing spaces, a header, a section merged across the row, an executor cell merged down two
# rows, a blank row inside the table, dates, and a thin space before the end of a cell.
MESSY_ROWS = [
    [None, None, None, None],
    [None, "Дорожная карта\xa0по повышению  ", None, None],
    [None, None, None, None],
    ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
    ["1. Организационная работа", None, None, None],
    [1, "Создание рабочей группы", dt.date(2020, 10, 1), "УО,\nМБОУ ДПО «ИМЦ»  "],
    [2, "Утверждение координатора\u2009 ", "Октябрь-ноябрь 2020 года", None],
    [None, None, None, None],
    [3, "Анализ", dt.datetime(2021, 1, 5, 9, 30), "ОО"],
    [None, None, None, None],
]
MESSY_MERGES = ["A5:D5", "D6:D7"]
MESSY_EXPECTED = [
    RawRow(1, ("", "", "", "")),
    RawRow(2, ("", "Дорожная карта по повышению", "", "")),
    RawRow(3, ("", "", "", "")),
    RawRow(4, ("№ п/п", "Мероприятия", "Сроки", "Ответственные")),
    RawRow(5, ("1. Организационная работа", "", "", "")),
    RawRow(6, ("1", "Создание рабочей группы", "01.10.2020", "УО,\nМБОУ ДПО «ИМЦ»")),
    RawRow(7, ("2", "Утверждение координатора", "Октябрь-ноябрь 2020 года", "УО,\nМБОУ ДПО «ИМЦ»")),
    RawRow(8, ("", "", "", "")),
    RawRow(9, ("3", "Анализ", "05.01.2021 09:30", "ОО")),
]
MESSY_RANGES = {CellRange(5, 0, 5, 3), CellRange(6, 3, 7, 3)}


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "docx"])
def test_a_messy_roadmap_reads_the_same_in_every_format(tmp_path: Path, write_table, fmt: str) -> None:
    path = write_table(tmp_path / f"roadmap.{fmt}", MESSY_ROWS, merges=MESSY_MERGES)

    workbook = read_tables(path)

    assert (workbook.file, workbook.format, workbook.issues) == (f"roadmap.{fmt}", fmt, [])
    assert [t.sheet for t in workbook.tables] == ["Таблица 1" if fmt == "docx" else "Лист1"]
    assert workbook.tables[0].rows == MESSY_EXPECTED
    assert set(workbook.tables[0].merges) == MESSY_RANGES


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_spreadsheet_text_is_the_text_above_the_header(tmp_path: Path, write_table, fmt: str) -> None:
    path = write_table(tmp_path / f"roadmap.{fmt}", MESSY_ROWS, merges=MESSY_MERGES)

    assert read_tables(path).text == "Дорожная карта по повышению"


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1.0, "1"),
        (2.5, "2.5"),
        (-3, "-3"),
        (1324, "1324"),
        (0.1 + 0.2, "0.3"),
        (83512632517, "83512632517"),
        (dt.date(2020, 12, 3), "03.12.2020"),
        (dt.datetime(2020, 12, 3, 0, 0), "03.12.2020"),
        (dt.datetime(2020, 12, 3, 14, 5), "03.12.2020 14:05"),
        ("2020-12-03", "2020-12-03"),
        ("1.10", "1.10"),
        # A cell whose formula gives an error (in xlsx and xls a cell of the error type).
        ("#REF!", "#REF!"),
        ("#DIV/0!", "#DIV/0!"),
        ("#N/A", "#N/A"),
    ],
)
def test_a_cell_reads_as_a_person_sees_it(
    tmp_path: Path, write_table, fmt: str, value: object, shown: str
) -> None:
    path = write_table(tmp_path / f"cell.{fmt}", [["№", "Значение"], [1, value]])

    assert read_tables(path).tables[0].rows[1] == RawRow(2, ("1", shown))


@pytest.mark.parametrize(("filler", "merged"), [(0, False), (4000, True)])
def test_an_xlsx_cell_whose_formula_gives_an_error_reads_as_the_error_excel_shows(
    tmp_path: Path, write_table, filler: int, merged: bool
) -> None:
    text = "Проведение совещания по итогам региональных мониторинговых исследований качества образования"
    rows = [["№ п/п", "Мероприятия", "Сроки", "Ответственные"]]
    rows += [[f"{i}.", f"{text} {i}", "Май 2025", "УО"] for i in range(1, filler + 1)]
    rows += [["1.", "Совещание", "#DIV/0!", "#REF!"], ["2.", "Отчёт", "Июнь 2025", None]]
    merges = [f"C{filler + 3}:D{filler + 3}"] if merged else []
    path = write_table(tmp_path / "errors.xlsx", rows, merges=merges)
    # Excel keeps the formula beside the error it gave; the cell is marked t="e" either way.
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    with_formula = parts[sheet].replace(b"<v>#REF!</v>", "<f>'Лист2'!#REF!</f><v>#REF!</v>".encode())
    assert with_formula != parts[sheet]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in {**parts, sheet: with_formula}.items():
            archive.writestr(name, data)

    table = read_tables(path).tables[0]

    assert [r.cells for r in table.rows[-2:]] == [
        ("1.", "Совещание", "#DIV/0!", "#REF!"),
        ("2.", "Отчёт", "Июнь 2025", ""),
    ]
    assert len(table.rows) == filler + 3


def _with_formulas(path: Path, rows: list[list[Any]], formulas: dict[str, str]) -> Path:
    """Write an xlsx as a program that does not compute formulas (openpyxl) does: no formula has its value."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Дорожная карта"
    for row in rows:
        sheet.append(row)
    for cell, formula in formulas.items():
        sheet[cell] = formula
    book.save(path)
    return path


def test_formulas_saved_without_their_values_are_named_in_one_warning_and_read_as_empty(
    tmp_path: Path,
) -> None:
    rows = [["№ п/п", "Мероприятия", "Сроки", "Ответственные"]]
    rows += [[f"{i}.", f"Мероприятие {i}", "Май 2025", "УО"] for i in range(1, 15)]
    formulas = {f"D{n}": "=D2" for n in range(3, 16)}
    path = _with_formulas(tmp_path / "formulas.xlsx", rows, {**formulas, "A3": "=A2+1"})

    workbook = read_tables(path)

    [issue] = workbook.issues
    assert (issue.code, issue.severity, issue.file, issue.sheet, issue.row, issue.column) == (
        "formula-not-computed",
        Severity.WARNING,
        "formulas.xlsx",
        "Дорожная карта",
        3,
        "A",
    )
    assert issue.message.startswith(
        "14 формул без вычисленного значения (ячейки A3, D3, D4, D5, D6, D7, D8, D9, D10, D11 и ещё 4)"
    )
    assert "прочитаны как пустые" in issue.message
    assert [r.cells for r in workbook.tables[0].rows[1:3]] == [
        ("1.", "Мероприятие 1", "Май 2025", "УО"),
        ("", "Мероприятие 2", "Май 2025", ""),
    ]


def test_formulas_saved_with_their_values_or_giving_empty_text_raise_no_warning(tmp_path: Path) -> None:
    rows = [["№ п/п", "Мероприятия", "Сроки", "Ответственные"], ["1.", "Совещание", "Май 2025", "УО"]]
    path = _with_formulas(tmp_path / "computed.xlsx", rows, {"A2": "=1", "D2": '=IF(1,"","")'})
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    # Excel saves each formula with the value it gives; an empty text is a cell of the text type.
    computed = parts[sheet].replace(b"<f>1</f><v></v>", b"<f>1</f><v>1</v>")
    computed = computed.replace(b'<c r="D2">', b'<c r="D2" t="str">')
    assert computed.count(b"<f>") == 2 and b"<v>1</v>" in computed and b't="str"' in computed
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in {**parts, sheet: computed}.items():
            archive.writestr(name, data)

    workbook = read_tables(path)

    assert workbook.issues == []
    assert workbook.tables[0].rows[1].cells == ("1", "Совещание", "Май 2025", "")


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv", "docx"])
def test_a_horizontally_merged_section_row_keeps_its_text_in_the_first_cell(
    tmp_path: Path, write_table, fmt: str
) -> None:
    rows = [
        ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
        [None, "Раздел 1. Организационная работа", None, None],
        ["1.1.", "Создание рабочей группы", "Октябрь 2020", "УО"],
    ]
    path = write_table(tmp_path / f"sections.{fmt}", rows, merges=["B2:D2"])

    assert read_tables(path).tables[0].rows[1] == RawRow(2, ("", "Раздел 1. Организационная работа", "", ""))


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "docx"])
def test_a_vertically_merged_executor_cell_repeats_in_every_row_it_spans(
    tmp_path: Path, write_table, fmt: str
) -> None:
    rows = [
        ["№", "Мероприятия", "Ответственные"],
        ["1.", "Семинар", "ИПК,\nГМО"],
        ["2.", "Совещание", None],
        ["3.", "Консультации", None],
        ["4.", "Отчёт", "РОО"],
    ]
    path = write_table(tmp_path / f"executors.{fmt}", rows, merges=["C2:C4"])

    table = read_tables(path).tables[0]

    assert [r.cells[2] for r in table.rows] == ["Ответственные", "ИПК,\nГМО", "ИПК,\nГМО", "ИПК,\nГМО", "РОО"]
    assert table.merges == (CellRange(2, 2, 4, 2),)


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "docx"])
def test_a_block_merged_down_and_across_keeps_its_text_in_its_first_column(
    tmp_path: Path, write_table, fmt: str
) -> None:
    rows = [
        ["№", "Мероприятия", "Сроки", "Ответственные"],
        ["1.", "Семинар", "По графику", None],
        ["2.", "Совещание"],
    ]
    path = write_table(tmp_path / f"block.{fmt}", rows, merges=["C2:D3"])

    assert read_tables(path).tables[0].rows[1:] == [
        RawRow(2, ("1.", "Семинар", "По графику", "")),
        RawRow(3, ("2.", "Совещание", "По графику", "")),
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_every_sheet_is_a_table_and_empty_sheets_are_left_out(
    tmp_path: Path, write_workbook, fmt: str
) -> None:
    sheets = {
        "Приложение 1": [["№ п/п", "Мероприятия"], ["1.", "Семинар"]],
        "Пустой": [],
        "Приложение 3": [["Территория", "ОО"], ["Новокузнецкий ГО", "МБОУ «ООШ № 103»"]],
    }
    path = write_workbook(tmp_path / f"book.{fmt}", sheets)

    workbook = read_tables(path)

    assert [(t.sheet, len(t.rows)) for t in workbook.tables] == [("Приложение 1", 2), ("Приложение 3", 2)]


def test_a_10000_row_xlsx_keeps_every_row_and_its_number(tmp_path: Path, write_table) -> None:
    rows: list[list[object]] = [["Дорожная карта"], [], ["№ п/п", "Мероприятия", "Сроки", "Ответственные"]]
    rows += [[f"{i}.", f"Мероприятие {i}", "Октябрь 2020", "УО"] if i % 100 else [] for i in range(1, 10_001)]
    path = write_table(tmp_path / "big.xlsx", rows)

    table = read_tables(path).tables[0]

    assert (len(table.rows), table.rows[-1].number, table.rows[-1].cells[0]) == (10_002, 10_002, "9999.")
    assert table.rows[102] == RawRow(103, ("", "", "", ""))


# ---------------------------------------------------------------------------------------------
# CSV


CSV_ROWS = [
    ["Дорожная карта", None, None, None],
    ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
    ["1.", "Совещание; подготовка, анализ", "Октябрь 2020 года", "УО,\nИМЦ"],
    [None, None, None, None],
    ["2.", "Семинар\xa0«Функциональная грамотность»", "Ноябрь 2020", "ИМЦ"],
]
CSV_EXPECTED = [
    RawRow(1, ("Дорожная карта", "", "", "")),
    RawRow(2, ("№ п/п", "Мероприятия", "Сроки", "Ответственные")),
    RawRow(3, ("1.", "Совещание; подготовка, анализ", "Октябрь 2020 года", "УО,\nИМЦ")),
    RawRow(5, ("", "", "", "")),
    RawRow(6, ("2.", "Семинар «Функциональная грамотность»", "Ноябрь 2020", "ИМЦ")),
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_encoding_and_delimiter_are_detected(
    tmp_path: Path, write_table, encoding: str, delimiter: str
) -> None:
    path = write_table(tmp_path / "roadmap.csv", CSV_ROWS, encoding=encoding, delimiter=delimiter)

    workbook = read_tables(path)

    assert (workbook.format, workbook.issues, workbook.text) == ("csv", [], "Дорожная карта")
    assert [t.sheet for t in workbook.tables] == [""]
    assert workbook.tables[0].rows == CSV_EXPECTED


def test_a_csv_row_number_is_the_line_where_its_record_starts(tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    path.write_text(
        '№;Мероприятия\r\n1.;"Первая строка\r\nвторая строка\r\nтретья"\r\n\r\n2.;Семинар\r\n', "utf-8"
    )

    assert read_tables(path).tables[0].rows == [
        RawRow(1, ("№", "Мероприятия")),
        RawRow(2, ("1.", "Первая строка\nвторая строка\nтретья")),
        RawRow(5, ("", "")),
        RawRow(6, ("2.", "Семинар")),
    ]


def test_an_excel_sep_line_sets_the_delimiter_and_still_counts_as_a_line(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_bytes("sep=,\n№,Мероприятия\n1.,Семинар; вебинар\n".encode("cp1251"))

    assert read_tables(path).tables[0].rows == [
        RawRow(2, ("№", "Мероприятия")),
        RawRow(3, ("1.", "Семинар; вебинар")),
    ]


def test_a_utf16_tab_separated_export_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("№\tМероприятия\n1.\tСеминар\n".encode("utf-16"))

    assert read_tables(path).tables[0].rows == [RawRow(1, ("№", "Мероприятия")), RawRow(2, ("1.", "Семинар"))]


# ---------------------------------------------------------------------------------------------
# docx


def test_a_word_order_gives_its_paragraphs_as_text_and_each_table_by_number(
    tmp_path: Path, write_workbook
) -> None:
    sheets = {
        "roadmap": [
            ["№ п/п", "Мероприятие", "Сроки исполнения", "Ответственные"],
            ["Раздел 1. Анализ", None, None, None],
            ["1.", "Проведение комплексного анализа", "Октябрь 2021, далее - ежегодно", "Комитет, ИМЦ"],
        ],
        "group": [["Ф.И.О.", "должность"], ["Кукина Виктория Вячеславовна", "директор МБОУ ДПО «ИМЦ»"]],
    }
    path = write_workbook(
        tmp_path / "order.docx",
        sheets,
        merges={"roadmap": ["A2:D2"]},
        paragraphs_before=["КОМИТЕТ ПО ОБРАЗОВАНИЮ", "П Р И К А З", "15.12.2020\xa0\xa0№ 576"],
        paragraphs_after=["Используемые сокращения:", "ОО – общеобразовательная организация"],
    )

    workbook = read_tables(path)

    assert workbook.text == (
        "КОМИТЕТ ПО ОБРАЗОВАНИЮ\nП Р И К А З\n15.12.2020  № 576\n\n"
        "Используемые сокращения:\nОО – общеобразовательная организация"
    )
    assert [t.sheet for t in workbook.tables] == ["Таблица 1", "Таблица 2"]
    assert workbook.tables[0].rows == [
        RawRow(1, ("№ п/п", "Мероприятие", "Сроки исполнения", "Ответственные")),
        RawRow(2, ("Раздел 1. Анализ", "", "", "")),
        RawRow(
            3, ("1.", "Проведение комплексного анализа", "Октябрь 2021, далее - ежегодно", "Комитет, ИМЦ")
        ),
    ]
    assert workbook.tables[1].rows[1] == RawRow(
        2, ("Кукина Виктория Вячеславовна", "директор МБОУ ДПО «ИМЦ»")
    )


def test_a_word_row_that_starts_late_keeps_its_cells_under_their_columns(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, label in enumerate(["№", "Мероприятия", "Сроки"]):
        table.cell(0, c).text = label
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])
    properties = row.get_or_add_trPr()
    grid_before = OxmlElement("w:gridBefore")
    grid_before.set(qn("w:val"), "1")
    properties.insert(0, grid_before)
    table.rows[1].cells[0].text = "продолжение"
    document.save(str(tmp_path / "late.docx"))

    rows = read_tables(tmp_path / "late.docx").tables[0].rows

    assert rows[1] == RawRow(2, ("", "продолжение", ""))


def test_a_word_table_with_a_broken_vertical_merge_is_read_cell_by_cell(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([["№", "Мероприятия"], ["1.", "Семинар"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    merge = OxmlElement("w:vMerge")
    merge.set(qn("w:val"), "continue")
    table.rows[0]._tr.tc_lst[1].get_or_add_tcPr().append(merge)
    document.save(str(tmp_path / "broken.docx"))

    workbook = read_tables(tmp_path / "broken.docx")

    assert (workbook.issues, workbook.tables[0].merges) == ([], ())
    assert workbook.tables[0].rows == [RawRow(1, ("№", "Мероприятия")), RawRow(2, ("1.", "Семинар"))]


# ---------------------------------------------------------------------------------------------
# Files that cannot be read


def _encrypted_xlsx(path: Path, write_table) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_table(path.with_name("plain.xlsx"), [["№", "Мероприятия"], ["1.", "Семинар"]])
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("пароль", target)
    return path


def _truncated_xlsx(path: Path, write_table) -> Path:
    whole = write_table(path.with_name("whole.xlsx"), [["№", "Мероприятия"], ["1.", "Семинар"]]).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _zip_of_text(path: Path, write_table) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


def _no_cells(path: Path, write_table) -> Path:
    return write_table(path, [[None, None], [None]])


def _bytes(data: bytes):
    def make(path: Path, write_table) -> None:
        path.write_bytes(data)

    return make


@pytest.mark.parametrize(
    ("name", "make", "code", "says"),
    [
        ("empty.xlsx", _bytes(b""), "file-empty", "пуст"),
        ("garbage.xlsx", _bytes(bytes(range(256)) * 8), "file-unreadable", "повреждён"),
        ("truncated.xlsx", _truncated_xlsx, "file-unreadable", "повреждён"),
        ("archive.xlsx", _zip_of_text, "file-unreadable", "повреждён"),
        ("text.xlsx", _bytes("№;Мероприятия\n".encode()), "file-unreadable", ".xlsx"),
        ("scan.xlsx", _bytes(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj"), "file-unsupported", "PDF"),
        ("order.pdf", _bytes(b"%PDF-1.7\n"), "file-unsupported", "PDF"),
        ("page.xls", _bytes(b"<html><table><tr><td>1</td></tr></table>"), "file-unsupported", "HTML"),
        ("secret.xlsx", _encrypted_xlsx, "file-encrypted", "паролем"),
        ("blank.xlsx", _no_cells, "file-no-data", "нет ни одной заполненной ячейки"),
        ("blank.csv", _bytes(b"\n;;\n\n"), "file-no-data", "нет ни одной"),
    ],
)
def test_a_file_that_cannot_be_read_gives_one_error_naming_it(
    tmp_path: Path, write_table, name: str, make, code: str, says: str
) -> None:
    path = tmp_path / name
    make(path, write_table)

    workbook = read_tables(path)

    assert (workbook.file, workbook.tables, workbook.text) == (name, [], "")
    assert [(i.code, i.severity, i.file) for i in workbook.issues] == [(code, Severity.ERROR, name)]
    assert f"«{name}»" in workbook.issues[0].message
    assert says in workbook.issues[0].message


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    workbook = read_tables(tmp_path / "нет.xlsx")

    assert [(i.code, i.message) for i in workbook.issues] == [
        ("file-not-found", "Файл «нет.xlsx» не найден.")
    ]


def test_a_word_97_document_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "order.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))

    issue = read_tables(path).issues[0]

    assert (issue.code, issue.severity) == ("file-unsupported", Severity.ERROR)
    assert "(.doc)" in issue.message and ".docx" in issue.message


def test_an_xlsx_named_xls_is_read_by_its_content_with_a_note(tmp_path: Path, write_table) -> None:
    path = write_table(tmp_path / "real.xlsx", [["№", "Мероприятия"], ["1.", "Семинар"]])
    renamed = path.rename(tmp_path / "renamed.xls")

    workbook = read_tables(renamed)

    assert workbook.format == "xlsx"
    assert workbook.tables[0].rows[1] == RawRow(2, ("1.", "Семинар"))
    assert [(i.code, i.severity) for i in workbook.issues] == [("format-mismatch", Severity.INFO)]


def test_an_upload_is_named_by_its_original_name(tmp_path: Path, write_table) -> None:
    path = write_table(tmp_path / "upload", [["№", "Мероприятия"], ["1.", "Семинар"]], fmt="xlsx")
    broken = tmp_path / "tmp123"
    broken.write_bytes(b"\x00\x01garbage" * 50)

    assert read_tables(path, name="Полысаево.xlsx").file == "Полысаево.xlsx"
    issue = read_tables(broken, name="Полысаево.xlsx").issues[0]
    assert (issue.file, issue.code) == ("Полысаево.xlsx", "file-unreadable")
    assert "«Полысаево.xlsx»" in issue.message


# ---------------------------------------------------------------------------------------------
# Cell text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Октябрь 2020 года", "Октябрь 2020 года"),
        ("  УО  ", "УО"),
        ("УО,\xa0ОО", "УО, ОО"),
        ("1\u202f000\u2009руб.", "1 000 руб."),
        ("ИПК, \r\nОО ", "ИПК,\nОО"),
        ("ИПК,\rОО", "ИПК,\nОО"),
        ("Исполнит\n\nели ", "Исполнит\n\nели"),
        ("\u200bШНОР\ufeff", "ШНОР"),
        ("перенос\xadслова", "переносслова"),
        ("строка\x0bвторая", "строка\nвторая"),
        ("\tотступ\t", "отступ"),
        ("Соловьёва  Юлия", "Соловьёва  Юлия"),
        ("\n\n", ""),
    ],
)
def test_cell_text_has_plain_spaces_kept_line_breaks_and_no_trailing_blanks(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
