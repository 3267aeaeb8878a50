"""The `roadmaps` command line: check prints the report, import writes the store, generate delegates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from loaders.__main__ import main
from loaders.store import list_imports, load_inputs, open_store
from model.entities import Activity

ROOT = Path(__file__).resolve().parents[2]
PLACE = ["--region", "Кемеровская область – Кузбасс", "--municipality", "Полысаевский городской округ"]
WINDOW = ["--plan-start", "2020-09-01", "--plan-end", "31.08.2021"]


@pytest.fixture
def roadmap(tmp_path: Path, write_table: Any, polysaevo_rows: list[list[Any]]) -> Path:
    path: Path = write_table(tmp_path / "polysaevo.xlsx", polysaevo_rows, sheet="Дорожная карта")
    return path


@pytest.fixture
def unreadable(tmp_path: Path) -> list[Path]:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4 not a table")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    return [pdf, empty, tmp_path / "missing.docx"]


def test_check_json_prints_the_load_report_and_exits_zero(
    roadmap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["check", str(roadmap), "--json", *PLACE, *WINDOW])
    out = json.loads(capsys.readouterr().out)
    assert (status, out["ok"], [f["file"] for f in out["files"]]) == (0, True, ["polysaevo.xlsx"])
    document = out["files"][0]["document"]
    assert (
        document["region"],
        document["municipality"],
        document["level"],
        document["plan_start"],
        document["plan_end"],
    ) == (
        "Кемеровская область – Кузбасс",
        "Полысаевский городской округ",
        "municipality",
        "2020-09-01",
        "2021-08-31",
    )
    assert out["files"][0]["tables"] == [
        {
            "sheet": "Дорожная карта",
            "kind": "roadmap",
            "rows_read": 7,
            "header_rows": 1,
            "activities": 3,
            "sections": 0,
            "ignored": [
                {"row": 1, "reason": "title"},
                {"row": 2, "reason": "blank"},
                {"row": 6, "reason": "blank"},
            ],
            "rejected": [],
            "deadlines": {
                "date": 0,
                "month": 3,
                "period": 0,
                "several": 0,
                "continuous": 0,
                "recurring": 0,
                "by_schedule": 0,
                "event": 0,
                "unknown": 0,
            },
            "executors": {"resolved": 5, "unresolved": 0},
        }
    ]


def test_the_number_and_date_of_an_order_can_be_given_on_the_command_line(
    roadmap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(roadmap), "--json", *PLACE, *WINDOW])
    [before] = [
        i
        for i in json.loads(capsys.readouterr().out)["files"][0]["issues"]
        if i["code"] == "document-details-missing"
    ]
    assert "«Номер приказа» и «Дата приказа» (в командной строке — --number и --date)" in before["message"]

    main(["check", str(roadmap), "--json", *PLACE, *WINDOW, "--number", "162", "--date", "28.10.2020"])
    [file] = json.loads(capsys.readouterr().out)["files"]
    assert (file["document"]["number"], file["document"]["date"]) == ("162", "2020-10-28")
    assert "document-details-missing" not in {i["code"] for i in file["issues"]}


def test_check_without_json_speaks_russian(roadmap: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(roadmap), *PLACE, *WINDOW]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Файл polysaevo.xlsx (xlsx)"
    assert (
        "  Таблица «Дорожная карта» (дорожная карта): строк прочитано 7, заголовок 1, мероприятий 3, "
        "разделов 0, пропущено 3, отклонено 0"
    ) in lines
    assert "    Исполнители: распознано 5 из 5" in lines


def test_files_that_cannot_be_read_give_one_error_each_and_a_failing_status(
    unreadable: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["check", "--json", *map(str, unreadable)])
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert (status, out["ok"], captured.err) == (1, False, "")
    assert [
        (f["file"], f["tables"], [(i["code"], i["severity"]) for i in f["issues"]]) for f in out["files"]
    ] == [
        ("scan.pdf", [], [("file-unsupported", "error")]),
        ("empty.xlsx", [], [("file-empty", "error")]),
        ("missing.docx", [], [("file-not-found", "error")]),
    ]


def test_import_writes_each_file_to_the_store(
    roadmap: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "karta.sqlite"
    assert main(["import", str(roadmap), "--db", str(db), "--quiet", *PLACE, *WINDOW]) == 0
    assert capsys.readouterr() == ("", "")
    with open_store(db) as store:
        imports = list_imports(store)
        activities = [e for e in load_inputs(store).entities if isinstance(e, Activity)]
    assert [(r.file, r.rows_read, r.issues) for r in imports] == [("polysaevo.xlsx", 7, 1)]
    assert [a.number for a in activities] == ["1.", "2.", "3."]


def test_importing_a_file_again_replaces_what_it_contributed(roadmap: Path, tmp_path: Path) -> None:
    db = tmp_path / "karta.sqlite"
    for _ in range(2):
        assert main(["import", str(roadmap), "--db", str(db), "--quiet", *PLACE, *WINDOW]) == 0
    with open_store(db) as store:
        inputs = load_inputs(store)
        assert len(list_imports(store)) == 1
    assert sum(isinstance(e, Activity) for e in inputs.entities) == 3


def test_a_file_with_an_error_is_not_written_and_the_others_are(
    roadmap: Path, unreadable: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "karta.sqlite"
    status = main(["import", str(unreadable[0]), str(roadmap), "--db", str(db), "--quiet", *PLACE, *WINDOW])
    captured = capsys.readouterr()
    assert (status, captured.out) == (1, "")
    assert captured.err.startswith("scan.pdf: Формат файла «scan.pdf» не поддерживается (PDF).")
    with open_store(db) as store:
        assert [r.file for r in list_imports(store)] == ["polysaevo.xlsx"]


def test_import_sample_if_empty_fills_a_store_created_empty_and_leaves_one_with_files_alone(
    roadmap: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty, own = tmp_path / "empty.sqlite", tmp_path / "own.sqlite"
    open_store(empty).close()  # as the dashboard leaves a store it opened before anything was imported
    assert main(["import", "--sample", "--db", str(empty), "--quiet", "--if-empty"]) == 0
    assert main(["import", str(roadmap), "--db", str(own), "--quiet", *PLACE, *WINDOW]) == 0
    capsys.readouterr()

    assert main(["import", "--sample", "--db", str(own), "--if-empty"]) == 0
    assert capsys.readouterr().out == f"В базе {own} уже есть загруженные файлы (1): ничего не загружено\n"
    with open_store(empty) as filled, open_store(own) as kept:
        assert sorted(r.file for r in list_imports(filled)) == [
            "chelyabinsk_017-1324.xlsx",
            "kuzbass_1721_order.docx",
            "novokuznetsk_1324.docx",
            "olenegorsk_576.ods",
            "polysaevo_162.xlsx",
            "reference.xlsx",
        ]
        assert [r.file for r in list_imports(kept)] == ["polysaevo.xlsx"]


def test_import_without_files_or_sample_says_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "--db", str(tmp_path / "karta.sqlite")]) == 2
    assert capsys.readouterr().err == "Укажите файлы для загрузки, --sample или --manifest\n"


def test_import_manifest_loads_the_files_a_manifest_lists(
    roadmap: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = {
        "file": roadmap.name,
        "region": "Кемеровская область – Кузбасс",
        "municipality": "Полысаевский городской округ",
        "plan_start": "2020-09-01",
        "plan_end": "2021-08-31",
    }
    (tmp_path / "manifest.json").write_text(
        json.dumps({"files": [entry]}, ensure_ascii=False), encoding="utf-8"
    )
    db = tmp_path / "karta.sqlite"
    assert main(["import", "--manifest", str(tmp_path / "manifest.json"), "--db", str(db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [
        (f["file"], f["document"]["municipality"], f["tables"][0]["activities"]) for f in out["files"]
    ] == [("polysaevo.xlsx", "Полысаевский городской округ", 3)]


def test_python_dash_m_loaders_runs_the_same_command(roadmap: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "loaders", "check", str(roadmap), "--json", *PLACE, *WINDOW],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert (done.returncode, json.loads(done.stdout)["ok"], done.stderr) == (0, True, "")
