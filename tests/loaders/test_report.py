"""The load report: its JSON shape (specs/load-report.md) and its Russian text."""

import json
from datetime import date

from loaders.document import DocumentFacts, OrderRef
from loaders.report import (
    FileReport,
    IgnoredRow,
    LoadReport,
    RejectedRow,
    TableReport,
    empty_deadline_counts,
    report_json,
    report_text,
)
from model.entities import RoadmapLevel
from model.issues import Issue, Severity


def roadmap_table() -> TableReport:
    deadlines = empty_deadline_counts() | {"month": 2, "by_schedule": 1}
    return TableReport(
        "Приложение 1",
        "roadmap",
        rows_read=7,
        header_rows=1,
        activities=3,
        sections=1,
        ignored=[IgnoredRow(1, "title")],
        rejected=[RejectedRow(7, "activity-without-text")],
        deadlines=deadlines,
        resolved=4,
        unresolved=1,
    )


def facts() -> DocumentFacts:
    return DocumentFacts(
        issuer="Комитет образования и науки администрации города Новокузнецка",
        number="1324",
        date=date(2020, 12, 3),
        region="Кемеровская область – Кузбасс",
        municipality="Новокузнецкий городской округ",
        level=RoadmapLevel.MUNICIPALITY,
        plan_start=date(2020, 9, 1),
        plan_end=date(2021, 8, 31),
        based_on=OrderRef("Министерство образования и науки Кузбасса", "1721", date(2020, 10, 23)),
        controller="Круль С.В.",
    )


def file_report() -> FileReport:
    schools = TableReport(
        "Приложение 3",
        "schools",
        rows_read=18,
        header_rows=1,
        loaded=15,
        ignored=[IgnoredRow(1, "title"), IgnoredRow(2, "blank")],
    )
    issues = [
        Issue(
            "unknown-abbreviation",
            "Сокращение «ЦОПМКП» не найдено",
            Severity.WARNING,
            "nk.docx",
            "Приложение 1",
            31,
            "Исполнители",
        ),
        Issue("unknown-table", "Таблица пропущена", Severity.INFO, "nk.docx", "Приложение 0"),
        Issue(
            "unknown-deadline", "Срок не распознан", Severity.WARNING, "nk.docx", "Приложение 1", 5, "Сроки"
        ),
    ]
    return FileReport(
        "nk.docx", "docx", facts(), [roadmap_table(), schools], schools=15, people=14, issues=issues
    )


def test_a_roadmap_table_reports_activities_sections_deadlines_and_executors() -> None:
    assert roadmap_table().as_dict() == {
        "sheet": "Приложение 1",
        "kind": "roadmap",
        "rows_read": 7,
        "header_rows": 1,
        "activities": 3,
        "sections": 1,
        "ignored": [{"row": 1, "reason": "title"}],
        "rejected": [{"row": 7, "issue": "activity-without-text"}],
        "deadlines": {
            "date": 0,
            "month": 2,
            "period": 0,
            "several": 0,
            "continuous": 0,
            "recurring": 0,
            "by_schedule": 1,
            "event": 0,
            "unknown": 0,
        },
        "executors": {"resolved": 4, "unresolved": 1},
    }


def test_every_row_of_a_table_is_accounted_for_exactly_once() -> None:
    table = roadmap_table()
    assert (table.accounted, table.rows_read) == (7, 7)


def test_other_tables_report_loaded_records_instead_of_activities() -> None:
    table = TableReport(
        "Приложение 3", "schools", rows_read=3, header_rows=1, loaded=1, ignored=[IgnoredRow(1, "title")]
    )
    assert (table.as_dict(), table.accounted) == (
        {
            "sheet": "Приложение 3",
            "kind": "schools",
            "rows_read": 3,
            "header_rows": 1,
            "loaded": 1,
            "ignored": [{"row": 1, "reason": "title"}],
            "rejected": [],
        },
        3,
    )


def test_the_file_report_has_the_document_tables_counts_and_issues_sorted_by_location() -> None:
    out = json.loads(report_json(LoadReport([file_report()])))
    f = out["files"][0]
    assert (out["ok"], f["file"], f["format"], f["schools"], f["people"]) == (True, "nk.docx", "docx", 15, 14)
    assert f["document"] == {
        "issuer": "Комитет образования и науки администрации города Новокузнецка",
        "number": "1324",
        "date": "2020-12-03",
        "region": "Кемеровская область – Кузбасс",
        "municipality": "Новокузнецкий городской округ",
        "level": "municipality",
        "plan_start": "2020-09-01",
        "plan_end": "2021-08-31",
        "based_on": "Министерство образования и науки Кузбасса, № 1721 от 23.10.2020",
        "controller": "Круль С.В.",
        "title": "",
        "coordinators": [],
    }
    assert [(i["sheet"], i["row"], i["code"]) for i in f["issues"]] == [
        ("Приложение 0", None, "unknown-table"),
        ("Приложение 1", 5, "unknown-deadline"),
        ("Приложение 1", 31, "unknown-abbreviation"),
    ]
    assert f["issues"][2] == {
        "code": "unknown-abbreviation",
        "severity": "warning",
        "message": "Сокращение «ЦОПМКП» не найдено",
        "file": "nk.docx",
        "sheet": "Приложение 1",
        "row": 31,
        "column": "Исполнители",
    }


def test_a_file_that_cannot_be_read_has_no_tables_one_error_and_makes_the_report_not_ok() -> None:
    broken = FileReport(
        "a.pdf",
        "pdf",
        issues=[Issue("file-unsupported", "Формат не поддерживается", Severity.ERROR, "a.pdf")],
    )
    report = LoadReport([file_report(), broken])
    out = json.loads(report_json(report))
    assert (
        out["ok"],
        out["files"][1]["tables"],
        out["files"][1]["document"],
        len(out["files"][1]["issues"]),
    ) == (
        False,
        [],
        None,
        1,
    )


def test_the_text_report_tells_a_person_in_russian_what_loaded() -> None:
    assert report_text(LoadReport([file_report()])).splitlines() == [
        "Файл nk.docx (docx)",
        "  Документ: Комитет образования и науки администрации города Новокузнецка, "
        "приказ № 1324 от 03.12.2020",
        "  Территория: Кемеровская область – Кузбасс, Новокузнецкий городской округ (уровень: муниципалитет)",
        "  Период плана: 01.09.2020 – 31.08.2021",
        "  Основание: Министерство образования и науки Кузбасса, № 1721 от 23.10.2020",
        "  Контроль: Круль С.В.",
        "  Таблица «Приложение 1» (дорожная карта): строк прочитано 7, заголовок 1, мероприятий 3, "
        "разделов 1, пропущено 1, отклонено 1",
        "    Сроки: месяц 2, по графику 1",
        "    Исполнители: распознано 4 из 5",
        "    Не загружены строки: 7 — причины в замечаниях",
        "  Таблица «Приложение 3» (список школ): строк прочитано 18, заголовок 1, загружено 15, пропущено 2, "
        "отклонено 0",
        "  Школ: 15, людей: 14",
        "  Замечания (3):",
        "    сведение [таблица «Приложение 0»]: Таблица пропущена",
        "    предупреждение [таблица «Приложение 1», строка 5, столбец «Сроки»]: Срок не распознан",
        "    предупреждение [таблица «Приложение 1», строка 31, столбец «Исполнители»]: "
        "Сокращение «ЦОПМКП» не найдено",
        "",
        "Файлов: 1, ошибок: 0, предупреждений: 2. "
        "Ошибок нет, но не загружено строк: 1 — причины в замечаниях.",
    ]


def test_the_text_report_says_when_there_are_errors() -> None:
    broken = FileReport(
        "a.pdf",
        "pdf",
        issues=[Issue("file-unsupported", "Формат не поддерживается", Severity.ERROR, "a.pdf")],
    )
    assert report_text(LoadReport([broken])).splitlines() == [
        "Файл a.pdf (pdf)",
        "  Замечания (1):",
        "    ошибка: Формат не поддерживается",
        "",
        "Файлов: 1, ошибок: 1, предупреждений: 0. Есть ошибки: исправьте их и повторите.",
    ]
