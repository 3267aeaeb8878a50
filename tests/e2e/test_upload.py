"""«Данные»: an uploaded file is checked and its load report shown before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .browsing import (
    Shoot,
    english_words,
    error_texts,
    headings,
    main_text,
    open_view,
    rerun,
    table_by_key,
    table_height,
    table_rows,
)
from .places import view_url

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
UPLOAD_INPUT = '[data-testid="stFileUploader"] input[type="file"]'


@pytest.mark.parametrize(
    ("file", "counts", "roadmap_table"),
    [
        (
            "olenegorsk_576.ods",
            {"Формат": "ods", "Строк прочитано": "27", "Мероприятий": "10", "Ошибок": "0"},
            "Таблица «Лист1» (дорожная карта): строк прочитано 27, заголовок 1, мероприятий 10",
        ),
        (
            "novokuznetsk_1324.docx",
            {"Формат": "docx", "Строк прочитано": "81", "Мероприятий": "40", "Ошибок": "0"},
            "Таблица «Таблица 2» (дорожная карта): строк прочитано 45, заголовок 1, мероприятий 40",
        ),
    ],
    ids=["ods", "docx"],
)
def test_an_uploaded_sample_file_shows_its_load_report(
    page: Page, base_url: str, screenshot: Shoot, file: str, counts: dict[str, str], roadmap_table: str
) -> None:
    open_view(page, view_url(base_url, "dannye"))
    with rerun(page):
        page.locator(UPLOAD_INPUT).set_input_files(SAMPLE / file)
    page.get_by_text("Отчёт целиком", exact=True).click()
    screenshot(f"dannye-upload-{Path(file).suffix.lstrip('.')}")
    assert error_texts(page) == []
    assert "Отчёт о загрузке" in headings(page)
    assert f"{file}: ошибок нет" in main_text(page)
    table = table_by_key(page, "data.report")
    assert table_height(table) == 1
    [row] = table_rows(table)
    assert {name: row[name] for name in ("Файл", *counts)} == {"Файл": file, **counts}
    assert roadmap_table in page.locator('[data-testid="stExpander"] [data-testid="stCode"]').inner_text()
    assert page.get_by_role("button", name="Загрузить в базу").is_enabled()


def test_the_uploader_speaks_russian_while_dragging_with_files_and_when_it_refuses_one(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    open_view(page, view_url(base_url, "dannye"))
    uploader = page.locator('[data-testid="stFileUploader"]')
    assert "Выбрать файлы" in uploader.inner_text()
    assert "до 200 МБ на файл • XLSX, XLS, ODS, CSV, DOCX" in uploader.inner_text()
    dragged = page.evaluate_handle(
        "() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'plan.csv')); return d; }"
    )
    page.dispatch_event('[data-testid="stFileUploaderDropzone"]', "dragenter", {"dataTransfer": dragged})
    uploader.get_by_text("Отпустите файлы, чтобы загрузить их").wait_for()
    assert english_words(page) == []
    page.dispatch_event('[data-testid="stFileUploaderDropzone"]', "dragleave", {"dataTransfer": dragged})
    notes = tmp_path / "notes.txt"
    notes.write_text("не дорожная карта", encoding="utf-8")
    with rerun(page):
        page.locator(UPLOAD_INPUT).set_input_files([SAMPLE / "olenegorsk_576.ods", notes])
    assert (
        "Ошибка: Файлы такого типа не принимаются; подходят XLSX, XLS, ODS, CSV, DOCX."
        in uploader.inner_text()
    )
    assert uploader.get_by_role("button", name="Убрать olenegorsk_576.ods").is_visible()
    assert uploader.get_by_role("button", name="Добавить файлы").is_visible()
    assert english_words(page) == []


def test_a_file_uploaded_again_shows_the_facts_of_its_last_import_in_the_open_form(
    page: Page, base_url: str, screenshot: Shoot
) -> None:
    open_view(page, view_url(base_url, "dannye"))
    with rerun(page):
        page.locator(UPLOAD_INPUT).set_input_files(SAMPLE / "chelyabinsk_017-1324.xlsx")
    page.get_by_text("Отчёт о загрузке").wait_for()
    screenshot("dannye-upload-again")
    assert error_texts(page) == []
    assert "Заполнено по прошлой загрузке файла «chelyabinsk_017-1324.xlsx»" in main_text(page)
    number = page.locator(".st-key-data-number input")
    assert number.is_visible()
    assert number.input_value() == "017/1324"
    assert page.locator(".st-key-data-plan_start input").input_value() == "2020-06-23"
    assert "chelyabinsk_017-1324.xlsx: ошибок нет" in main_text(page)
    assert english_words(page) == []
