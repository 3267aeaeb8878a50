"""A roadmap table's activities kept as columns are stored exactly as the same activities as objects."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from loaders.__main__ import SAMPLE_DIR
from loaders.batch_file import FileInput, FileResult
from loaders.blocks import stored_blocks
from loaders.importer import load_batch, sample_inputs, sha256_of, write_results
from loaders.store import load_inputs, open_store, write_import
from model.entities import Activity

NOW = datetime(2025, 1, 15, tzinfo=UTC)
HEADER = ["№ п/п", "Мероприятие", "Срок", "Ответственные"]
UNUSUAL = [
    HEADER,
    ["1.", "Организационная работа", None, None],
    ["1.1.", 'Анализ «данных» и "кавычек" с \\ обратной чертой', "до 1 сентября 2021 г.", "УО, ОО"],
    ["1.2.", "Текст\nв две строки\tс табуляцией", "ежемесячно", "УО (Иванова А.А., Петрова Б.Б.)"],
    ["1.4.", "Мероприятие с неизвестным исполнителем", "в течение года", "Неизвестная контора"],
    ["1.3.", "Без сроков и исполнителей", None, None],
    ["2.", "Раздел второй", None, None],
    ["2.1.", "Мониторинг", "IV квартал 2021 года", "УО"],
]


@pytest.fixture
def column_wise(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work on every table column by column, however few its rows."""
    monkeypatch.setattr("loaders.blocks.COLUMNS_FROM", 0)
    monkeypatch.setattr("loaders.tables.COLUMNS_FROM", 0)


def _stored(db_path: Path, results: list[FileResult], as_objects: bool) -> dict[str, Any]:
    with open_store(db_path) as store:
        if as_objects:
            for r in sorted(results, key=lambda r: not r.reference):
                write_import(
                    store, file=r.report.file, path=str(r.input.path), sha256=sha256_of(r.input.path),
                    format=r.report.format, entities=r.entities, links=r.links, progress_rows=r.progress,
                    issues=r.report.issues, report=r.report.as_dict(), now=NOW,
                )  # fmt: skip
        else:
            write_results(store, results, NOW)
        inputs = load_inputs(store)
        counts = store.db.execute("SELECT file, entities, links FROM imports ORDER BY id").fetchall()
        return {
            "blocks": {part: list(stored_blocks(store.db, part)) for part in ("entities", "links")},
            "entities": inputs.entities,
            "links": inputs.links,
            "counts": counts,
        }


def _same_either_way(tmp_path: Path, results: list[FileResult]) -> dict[str, Any]:
    as_columns = _stored(tmp_path / "columns.sqlite", results, as_objects=False)
    as_objects = _stored(tmp_path / "objects.sqlite", results, as_objects=True)
    assert as_columns == as_objects
    return as_columns


@pytest.mark.usefixtures("column_wise")
def test_the_sample_orders_store_the_same_blocks_whether_their_activities_are_columns_or_objects(
    tmp_path: Path,
) -> None:
    results = load_batch(sample_inputs(SAMPLE_DIR))
    assert sum(len(c) for r in results for c in r.activities) > 50
    stored = _same_either_way(tmp_path, results)
    activities = [e for e in stored["entities"] if isinstance(e, Activity)]
    assert len(activities) == sum(len(c) for r in results for c in r.activities)


@pytest.mark.usefixtures("column_wise")
def test_unusual_texts_and_a_second_roadmap_sheet_store_the_same_either_way(
    tmp_path: Path, write_workbook: Any
) -> None:
    path = write_workbook(tmp_path / "rm.xlsx", {"План": UNUSUAL, "План 2": UNUSUAL[:4]})
    results = load_batch([FileInput(path)])
    (result,) = results
    ids = [e.id for e in result.entities if isinstance(e, Activity)]
    assert len(ids) == len(set(ids)) == 7
    assert any("#" in i and "-" in i.split("#")[1] for i in ids)  # the second sheet's own ids
    stored = _same_either_way(tmp_path, results)
    texts = {e.text for e in stored["entities"] if isinstance(e, Activity)}
    assert 'Анализ «данных» и "кавычек" с \\ обратной чертой' in texts
    assert "Текст в две строки с табуляцией" in texts


def test_the_objects_of_the_columns_are_what_the_file_gives(tmp_path: Path, write_table: Any) -> None:
    path = write_table(tmp_path / "rm.xlsx", UNUSUAL)
    (result,) = load_batch([FileInput(path)])
    (columns,) = result.activities
    activities = [e for e in result.entities if isinstance(e, Activity)]
    assert [a.number for a in activities] == ["1.1.", "1.2.", "1.4.", "1.3.", "2.1."]
    assert [a.section for a in activities] == ["1. Организационная работа"] * 4 + ["2. Раздел второй"]
    assert activities[-1].deadline.raw == "IV квартал 2021 года"
    assert [a.source.row for a in activities] == [3, 4, 5, 6, 8]
    first = [link for link in result.links if activities[0].id in (link.source, link.target)]
    assert (first[0].kind, first[0].target) == ("part_of", activities[0].roadmap)
    assert [(link.attrs["ref"], link.attrs["lead"]) for link in first[1:]] == [("ОО", False)]
    unresolved = [i.message for i in result.report.issues if i.code.startswith("unresolved")]
    assert any("Неизвестная контора" in m for m in unresolved)
    assert len(result.links) == len(result.own_links) + len(columns.links())


def test_a_long_roadmap_is_stored_as_its_rows_would_be(tmp_path: Path, write_table: Any) -> None:
    deadlines = ["ежемесячно", "до 1 сентября 2021 г.", "IV квартал 2021 года", "", "в течение года"]
    executors = ["УО", "ИМЦ, ОО", "", "УО (Иванова А.А.)", "Неизвестная контора"]
    rows: list[list[Any]] = [HEADER]
    for section in range(1, 31):
        rows.append([f"{section}.", f"Раздел {section}", None, None])
        for item in range(1, 41):
            rows.append([
                f"{section}.{item}.", f"Мероприятие «{section}.{item}» по сопровождению школ",
                deadlines[item % 5], executors[(item + section) % 5],
            ])  # fmt: skip
    path = write_table(tmp_path / "long.xlsx", rows)
    results = load_batch([FileInput(path)])
    (columns,) = results[0].activities
    assert len(columns) == 1200

    stored = _same_either_way(tmp_path, results)

    with open_store(tmp_path / "columns.sqlite") as store:
        held = store.db.execute("SELECT part, rows FROM blocks ORDER BY id").fetchall()
    assert held[0] == ("entities", 1200)
    assert sum(1 for e in stored["entities"] if isinstance(e, Activity)) == 1200
    assert results[0].report.tables[0].sections == 30
