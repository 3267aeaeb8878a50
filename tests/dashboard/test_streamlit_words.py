"""What a user reads where Streamlit writes its own English: the phrases and patterns the page applies."""

from __future__ import annotations

import re

import pytest

from dashboard import texts
from dashboard.streamlit_words import patterns, script


def russian(english: str) -> str:
    """Apply the page's table as `streamlit_words.js` does: an exact phrase, else the first pattern."""
    if english in texts.STREAMLIT_PHRASES:
        return texts.STREAMLIT_PHRASES[english]
    for pattern, replacement in patterns():
        if re.search(pattern, english):
            return re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", replacement), english)
    return english


@pytest.mark.parametrize(
    ("english", "shown"),
    [
        ("Help for На дату", "Подсказка: На дату"),
        ("day, Начало периода плана", "день, Начало периода плана"),
        ("Choose date, ноябрь 2026 г.", "Выбор даты, ноябрь 2026 г."),
        ("Selected Date: November 22, 2026", "Выбрана дата: 22 ноября 2026 г."),
        ("Selected Date: May 1, 2025", "Выбрана дата: 1 мая 2025 г."),
        ("200MB per file", "Перетащите файлы сюда: до 200 МБ на файл • XLSX, XLS, ODS, CSV, DOCX"),
        (" • .XLSX, .XLS, .ODS, .CSV, .DOCX", ""),
        ("File must be 200.0MB or smaller.", "Файл больше 200 МБ: такие не принимаются."),
        (
            "text/plain files are not allowed.",
            "Файлы такого типа не принимаются; подходят XLSX, XLS, ODS, CSV, DOCX.",
        ),
        ("3.2KB", "3,2 КБ"),
        ("1.5MB", "1,5 МБ"),
        ("olenegorsk_576.ods, 3.2KB", "olenegorsk_576.ods, 3,2 КБ"),
        ("Remove olenegorsk_576.ods", "Убрать olenegorsk_576.ods"),
        ("Download as CSV", "Скачать CSV"),
        ("Drag and drop files here", "Отпустите файлы, чтобы загрузить их"),
        ("Select all", "Выбрать все"),
        ("Select 12 matches", "Выбрать все найденные (12)"),
        ("Clear all", "Очистить всё"),
        ("Add: Совещание", "Добавить: Совещание"),
        ("Selected values", "Выбранные значения"),
    ],
)
def test_streamlits_english_reads_in_russian(english: str, shown: str) -> None:
    assert russian(english) == shown


@pytest.mark.parametrize(
    "ours",
    ["Перетащите файлы сюда", "Исполнитель", "ИМЦ г. Полысаево", "2020-12", "ОО • УО", "upload", "search"],
)
def test_the_pages_own_words_and_icon_names_are_left_as_they_are(ours: str) -> None:
    assert russian(ours) == ours


def test_the_script_carries_the_whole_table_and_no_closing_tag_inside() -> None:
    body = script()
    assert body.count("</script>") == 1 and body.endswith("</script>")
    assert all(pattern.startswith("^") and pattern.endswith("$") for pattern, _ in patterns())


def test_the_page_hides_a_charts_show_data_in_either_language() -> None:
    style = script().split("</style>")[0]
    assert "[data-testid='stVegaLiteChart']" in style
    assert "button[aria-label='Show data']" in style and "button[aria-label='Показать данные']" in style
