"""A file imported again starts from the facts of its last import; the check says what it would undo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.__main__ import SAMPLE_DIR, main
from loaders.importer import FileInput, check_batch, with_earlier_facts
from loaders.reimport import earlier_facts
from loaders.store import list_imports, load_inputs, open_store
from model.entities import NodeKind

CHELYABINSK = "chelyabinsk_017-1324.xlsx"
ROADMAP = "rm:cheliabinskaia-oblast/017-1324-2020-06-23"
REPLACING = {"roadmap-replaced", "progress-orphaned", "links-orphaned"}


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("reimport") / "karta.sqlite"
    assert main(["import", "--sample", "--db", str(db), "--quiet"]) == 0
    return db


@pytest.fixture
def db(sample_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "karta.sqlite"
    shutil.copy(sample_store, copy)
    return copy


def roadmaps_and_progress(db: Path) -> tuple[list[str], int]:
    with open_store(db) as store:
        inputs = load_inputs(store)
    activities = {e.id for e in inputs.entities if e.kind == NodeKind.ACTIVITY}
    roadmaps = sorted(e.id for e in inputs.entities if e.kind == NodeKind.ROADMAP)
    return roadmaps, sum(1 for a in inputs.progress["activity"] if a in activities)


def test_an_import_keeps_the_facts_it_was_given_and_a_new_import_starts_from_them(db: Path) -> None:
    with open_store(db) as store:
        earlier = earlier_facts(store, [CHELYABINSK, "novokuznetsk_1324.docx", "nowhere.xlsx"])
        [again] = with_earlier_facts(store, [FileInput(SAMPLE_DIR / CHELYABINSK)])
    assert sorted(earlier) == [CHELYABINSK, "novokuznetsk_1324.docx"]
    assert earlier[CHELYABINSK].stated
    assert earlier[CHELYABINSK].facts == {
        "number": "017/1324",
        "region": "Челябинская область",
        "level": "region",
        "plan_start": "2020-06-23",
        "plan_end": "2024-12-31",
    }
    assert earlier["novokuznetsk_1324.docx"].facts["based_on"] == "№ 1721 от 23.10.2020"
    assert (again.options.number, str(again.options.level)) == ("017/1324", "region")


def test_the_check_of_a_file_imported_with_other_facts_says_what_it_would_undo(db: Path) -> None:
    with open_store(db) as store:
        [result] = check_batch(store, [FileInput(SAMPLE_DIR / CHELYABINSK)])
    replacing = [(i.code, i.message) for i in result.report.issues if i.code in REPLACING]
    assert replacing == [
        (
            "roadmap-replaced",
            "Дорожная карта «№ 017/1324 от 23.06.2020», загруженная из этого файла раньше, будет заменена "
            "другой: «№ 011/1324 от 23.06.2020». Так бывает, когда сведения о документе (номер, дата, "
            "регион, муниципалитет) разошлись с прошлой загрузкой; если это тот же документ, укажите "
            "прежние сведения. Уйдут мероприятия прошлой загрузки: 17",
        ),
        (
            "progress-orphaned",
            "Отчёты о ходе выполнения из файла «reference.xlsx» (7) останутся без своих мероприятий: их "
            "мероприятий после загрузки не будет, и в сводках они не будут учтены",
        ),
        (
            "links-orphaned",
            "Связи из файла «reference.xlsx» (2, «координирует») будут ссылаться на то, чего после загрузки "
            "не будет: дорожная карта «№ 017/1324 от 23.06.2020»",
        ),
    ]
    assert all(str(i.severity) == "warning" for i in result.report.issues if i.code in REPLACING)


def test_a_file_imported_again_from_the_command_line_without_facts_gives_the_same_data(db: Path) -> None:
    before = roadmaps_and_progress(db)
    assert ROADMAP in before[0] and before[1] == 31
    assert main(["import", str(SAMPLE_DIR / CHELYABINSK), "--db", str(db), "--quiet"]) == 0
    assert roadmaps_and_progress(db) == before
    with open_store(db) as store:
        [record] = [r for r in list_imports(store) if r.file == CHELYABINSK]
        assert record.report["document"]["number"] == "017/1324"
        assert not any(i["code"] in REPLACING for i in record.report["issues"])


def test_the_check_of_an_unchanged_file_with_its_earlier_facts_has_nothing_to_warn_about(db: Path) -> None:
    with open_store(db) as store:
        results = check_batch(store, with_earlier_facts(store, [FileInput(SAMPLE_DIR / CHELYABINSK)]))
    assert [i.code for i in results[0].report.issues if i.severity == "warning"] == []


def test_a_store_imported_before_facts_were_kept_starts_from_the_facts_of_the_report(db: Path) -> None:
    with open_store(db) as store:
        store.db.execute("UPDATE imports SET report = json_remove(report, '$.options')")
        earlier = earlier_facts(store, [CHELYABINSK])[CHELYABINSK]
        [again] = with_earlier_facts(store, [FileInput(SAMPLE_DIR / CHELYABINSK)])
    assert not earlier.stated
    assert earlier.facts["number"] == "017/1324"
    assert again.options.number == "017/1324"
