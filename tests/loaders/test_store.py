"""The SQLite store: imports replace what a file contributed, atomically; user edits; scenarios."""

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.batch_file import FileInput, FileResult
from loaders.codec import attrs_to_row, compact_json, entity_json_writer
from loaders.connection import Store, StoreError
from loaders.corrections import (
    capacity_overrides,
    list_capacity_overrides,
    list_mappings,
    set_capacity,
    set_mapping,
    user_glossary,
)
from loaders.migrations import MIGRATIONS, SCHEMA_VERSION, apply_migrations, schema_version
from loaders.reimport import add_replacement_issues
from loaders.report import FileReport
from loaders.scenario_store import (
    Conflict,
    Saved,
    copy_scenario,
    delete_scenario,
    get_scenario,
    list_scenarios,
    rename_scenario,
    save_scenario,
    scenarios_version,
)
from loaders.store import (
    STORED_PROGRESS_SCHEMA,
    ImportRecord,
    data_version,
    issues_of,
    list_imports,
    load_inputs,
    open_store,
    provenance_of,
    remove_import,
    write_import,
)
from model.deadlines import Deadline, DeadlineKind
from model.entities import (
    Activity,
    Authority,
    AuthorityLevel,
    Entity,
    Institute,
    InstituteKind,
    School,
    SchoolStatus,
    Source,
    Territory,
    TerritoryLevel,
)
from model.graph import edge_key
from model.issues import Issue, Severity
from model.progress import PROGRESS_SCHEMA
from model.relations import EdgeKind, FanOut, Link

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10)  # what SQLite can store
REGION = "ter:kuzbass"
MUNI = "ter:kuzbass/polysaevskii-go"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "karta.sqlite") as s:
        yield s


@pytest.fixture(params=["file", "memory"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "karta.sqlite" if request.param == "file" else ":memory:") as s:
        yield s


def territory(file: str = "ref.xlsx", row: int = 2, name: str = "Полысаевский ГО") -> Territory:
    return Territory(MUNI, name, TerritoryLevel.MUNICIPALITY, REGION, Source(file, "Территории", row))


def school(
    file: str = "ref.xlsx", row: int = 3, statuses: tuple[SchoolStatus, ...] = (SchoolStatus(2020),)
) -> School:
    return School(
        f"school:{MUNI[4:]}/35", "МБОУ «Школа № 35»", MUNI, statuses, source=Source(file, "Школы", row)
    )


def activity(file: str = "rm.xlsx", row: int = 7) -> Activity:
    deadline = Deadline(
        DeadlineKind.MONTH,
        date(2020, 10, 1),
        date(2020, 10, 31),
        ((date(2020, 10, 1), date(2020, 10, 31)),),
        "октябрь",
    )
    return Activity(f"rm:1#{row}", "rm:1", "1.1", "Семинар", deadline, source=Source(file, "Лист1", row))


def imc(file: str = "rm.xlsx") -> Institute:
    return Institute(
        f"inst:{MUNI[4:]}/imts",
        "ИМЦ",
        InstituteKind.METHODICAL_CENTRE,
        MUNI,
        "ИМЦ",
        4.0,
        Source(file, "Лист1", 7),
    )


def import_file(
    store: Store,
    file: str,
    entities: Sequence[Entity],
    links: Sequence[Link] = (),
    *,
    progress: Any = (),
    issues: Sequence[Issue] = (),
    now: datetime = NOW,
) -> ImportRecord:
    return write_import(
        store,
        file=file,
        path=f"/data/{file}",
        sha256="ab" * 32,
        format=file.rsplit(".", 1)[1],
        entities=entities,
        links=links,
        progress_rows=progress,
        issues=issues,
        report={
            "file": file,
            "tables": [{"sheet": "Лист1", "rows_read": 12}, {"sheet": "Лист2", "rows_read": 3}],
        },
        now=now,
    )


def dump(store: Store) -> list[str]:
    return list(store.db.conn.iterdump())


# ------------------------------------------------------------------------------------------- opening


def test_a_new_file_store_is_at_the_latest_schema_in_wal_mode_with_foreign_keys(store: Store) -> None:
    assert schema_version(store) == SCHEMA_VERSION == 4
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert set(store.db.table_names()) >= {
        "migrations",
        "state",
        "imports",
        "entities",
        "links",
        "issues",
        "progress",
        "glossary",
        "capacity",
        "scenarios",
    }


def test_opening_a_store_again_applies_nothing_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "karta.sqlite"
    with open_store(path) as s:
        import_file(s, "ref.xlsx", [territory()])
        version = data_version(s)
    with open_store(path) as s:
        assert apply_migrations(s.db) == []
        assert [v for (v,) in s.db.execute("SELECT version FROM migrations ORDER BY version")] == [1, 2, 3, 4]
        assert data_version(s) == version
        assert load_inputs(s).entities == [territory()]


def old_import(
    db: sqlite_utils.Database, file: str, entities: Sequence[Entity], links: Sequence[Link] = ()
) -> None:
    """Write a file's rows as a program at schema 1 to 3 did: every entity and link a row of its table."""
    db.execute(
        "INSERT INTO imports (file, path, sha256, format, imported_at, report, rows_read, entities, links, "
        "progress, issues) VALUES (?, ?, ?, 'xlsx', ?, '{}', 0, ?, ?, 0, 0)",
        [file, f"/data/{file}", "ab" * 32, NOW.isoformat(), len(entities), len(links)],
    )
    write = entity_json_writer()
    for e in entities:
        db.execute(
            'INSERT INTO entities (id, kind, name, data, file, sheet, "row", import_file) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [e.id, e.kind.value, e.name, write(e), e.source.file, e.source.sheet, e.source.row, file],
        )
    for k in links:
        db.execute(
            'INSERT INTO links (source, kind, key, target, attrs, file, sheet, "row", import_file) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                k.source, k.kind.value, edge_key(k), k.target,
                compact_json(attrs_to_row(k.attrs)) if k.attrs else None,
                k.origin.file, k.origin.sheet, k.origin.row, file,
            ],
        )  # fmt: skip


def test_a_version_1_file_is_migrated_when_opened_and_keeps_its_imports(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite_utils.Database(path)
    assert apply_migrations(old, upto=1) == [1]
    old_import(old, "ref.xlsx", [territory(), school()])
    assert "scenarios" not in old.table_names()
    old.close()
    with open_store(path) as s:
        assert schema_version(s) == 4
        assert load_inputs(s).entities == [territory(), school()]
        set_capacity(s, "inst:x", 3.0, author="Иванова", reason="штат", now=NOW)
        saved = save_scenario(s, name="Весна", author="Иванова", operations=[], base_version="v", now=NOW)
        assert isinstance(saved, Saved)


def test_a_version_3_file_keeps_its_activities_and_their_links_when_they_move_into_blocks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite_utils.Database(path)
    assert apply_migrations(old, upto=3) == [1, 2, 3]
    lead = Link(
        imc().id, EdgeKind.RESPONSIBLE_FOR, activity().id, {"lead": True}, Source("rm.xlsx", "Лист1", 7)
    )
    part = Link(activity().id, EdgeKind.PART_OF, "rm:1", origin=Source("rm.xlsx", "Лист1", 7))
    located = Link(imc().id, EdgeKind.LOCATED_IN, MUNI, origin=Source("rm.xlsx", "Лист1", 7))
    old_import(old, "ref.xlsx", [territory()])
    old_import(old, "rm.xlsx", [activity(), activity(row=8), imc()], [lead, part, located])
    old.close()
    with open_store(path) as s:
        inputs = load_inputs(s)
        assert sorted(inputs.entities, key=lambda e: e.id) == sorted(
            [territory(), activity(), activity(row=8), imc()], key=lambda e: e.id
        )
        assert sorted((k.source, k.kind, k.target, k.attrs) for k in inputs.links) == sorted(
            (k.source, k.kind, k.target, k.attrs) for k in (lead, part, located)
        )
        held = s.db.execute("SELECT import_file, scope, part, rows FROM blocks ORDER BY id").fetchall()
        assert held == [("rm.xlsx", "rm:1", "entities", 2), ("rm.xlsx", "rm:1", "links", 2)]
        assert s.db.execute("SELECT count(*) FROM entities WHERE kind = 'activity'").fetchone()[0] == 0
        assert provenance_of(s, activity(row=8).id) == [Source("rm.xlsx", "Лист1", 8)]
        assert remove_import(s, "rm.xlsx") is True
        assert load_inputs(s).entities == [territory()]
        assert s.db.execute("SELECT count(*) FROM blocks").fetchone()[0] == 0


def test_a_file_written_by_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    with open_store(path) as s:
        s.db.execute("INSERT INTO migrations VALUES (99, 'from the future', '2030-01-01')")
    with pytest.raises(StoreError, match="более новой версией"):
        open_store(path)


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


# ------------------------------------------------------------------------------------------- imports


def test_an_import_is_recorded_with_its_report_and_what_it_contributed(any_store: Store) -> None:
    record = import_file(
        any_store,
        "ref.xlsx",
        [territory(), school()],
        [Link(school().id, EdgeKind.LOCATED_IN, MUNI, origin=Source("ref.xlsx", "Школы", 3))],
        progress=[{"activity": "rm:1#7", "status": "в работе", "reported_on": date(2021, 1, 15)}],
        issues=[Issue("unknown-abbreviation", "Неизвестное сокращение «ТМО»", file="ref.xlsx", row=4)],
    )
    assert (record.id, record.file, record.path, record.format, record.imported_at) == (
        1,
        "ref.xlsx",
        "/data/ref.xlsx",
        "xlsx",
        NOW,
    )
    assert (record.rows_read, record.entities, record.links, record.progress, record.issues) == (
        15,
        2,
        1,
        1,
        1,
    )
    assert record.report["tables"][0] == {"sheet": "Лист1", "rows_read": 12}
    assert list_imports(any_store) == [record]


def test_reimporting_a_file_replaces_everything_it_contributed(store: Store) -> None:
    import_file(
        store,
        "ref.xlsx",
        [territory(), school()],
        [Link(school().id, EdgeKind.LOCATED_IN, MUNI, origin=Source("ref.xlsx", "Школы", 3))],
        progress=[{"activity": "rm:1#7", "status": "в работе", "reported_on": date(2021, 1, 15)}],
        issues=[Issue("old-problem", "Старая проблема", file="ref.xlsx")],
    )
    record = import_file(
        store, "ref.xlsx", [territory(name="Полысаево")], issues=[Issue("new", "Новая", file="ref.xlsx")]
    )
    inputs = load_inputs(store)
    assert inputs.entities == [territory(name="Полысаево")]
    assert inputs.links == []
    assert inputs.progress.height == 0
    assert [i.code for i in issues_of(store)] == ["new"]
    assert [(r.id, r.file, r.entities, r.links, r.progress, r.issues) for r in list_imports(store)] == [
        (record.id, "ref.xlsx", 1, 0, 0, 1)
    ]
    [stored] = list_imports(store)
    assert stored.report == record.report
    assert record.id == 2
    assert store.db.execute("SELECT count(*) FROM entities").fetchone()[0] == 1


def test_an_import_that_fails_midway_leaves_the_store_as_it_was(store: Store) -> None:
    import_file(
        store, "rm.xlsx", [activity(), imc()], [Link(imc().id, EdgeKind.RESPONSIBLE_FOR, activity().id)]
    )
    before, version = dump(store), data_version(store)

    def links_then_failure() -> Iterator[Link]:
        yield Link(imc().id, EdgeKind.RESPONSIBLE_FOR, activity(row=8).id, {"lead": True})
        raise RuntimeError("the reader broke")

    with pytest.raises(RuntimeError, match="the reader broke"):
        write_import(
            store,
            file="rm.xlsx",
            path="/data/rm.xlsx",
            sha256="cd" * 32,
            format="xlsx",
            entities=[activity(row=8)],
            links=links_then_failure(),
            progress_rows=[],
            issues=[],
            report={},
            now=NOW,
        )
    assert dump(store) == before
    assert data_version(store) == version
    assert not store.db.conn.in_transaction


def test_an_import_with_a_value_that_cannot_be_stored_writes_nothing(store: Store) -> None:
    before = dump(store)
    with pytest.raises(TypeError):
        import_file(
            store,
            "rm.xlsx",
            [activity()],
            [Link(imc().id, EdgeKind.RESPONSIBLE_FOR, activity().id, {"x": object()})],
        )
    assert dump(store) == before
    assert list_imports(store) == []


def test_removing_a_file_forgets_what_it_contributed(store: Store) -> None:
    import_file(store, "ref.xlsx", [territory()])
    import_file(store, "rm.xlsx", [activity()])
    assert remove_import(store, "ref.xlsx") is True
    assert remove_import(store, "ref.xlsx") is False
    assert load_inputs(store).entities == [activity()]
    assert [r.file for r in list_imports(store)] == ["rm.xlsx"]


def test_an_activity_two_files_give_is_the_one_imported_last_until_that_file_goes(store: Store) -> None:
    def lead(file: str, lead: bool) -> Link:
        return Link(
            imc().id, EdgeKind.RESPONSIBLE_FOR, activity().id, {"lead": lead}, Source(file, "Лист1", 7)
        )

    copy = replace(activity(file="copy.xlsx"), text="Семинар для директоров")
    import_file(store, "rm.xlsx", [activity(), activity(row=8), imc()], [lead("rm.xlsx", True)])
    import_file(store, "copy.xlsx", [copy], [lead("copy.xlsx", False)])

    def seen() -> tuple[list[tuple[str, str]], list[tuple[str, object]]]:
        inputs = load_inputs(store)
        acts = sorted((e.id, e.text) for e in inputs.entities if isinstance(e, Activity))
        return acts, [(k.origin.file, k.attrs["lead"]) for k in inputs.links]

    assert seen() == (
        [(activity().id, "Семинар для директоров"), (activity(row=8).id, "Семинар")],
        [("copy.xlsx", False)],
    )
    assert provenance_of(store, activity().id) == [
        Source("rm.xlsx", "Лист1", 7),
        Source("copy.xlsx", "Лист1", 7),
    ]
    assert [(r.file, r.entities, r.links) for r in list_imports(store)] == [
        ("rm.xlsx", 3, 1),
        ("copy.xlsx", 1, 1),
    ]

    remove_import(store, "copy.xlsx")
    assert seen() == ([(activity().id, "Семинар"), (activity(row=8).id, "Семинар")], [("rm.xlsx", True)])

    import_file(store, "copy.xlsx", [copy], [lead("copy.xlsx", False)])
    import_file(store, "rm.xlsx", [activity(), activity(row=8), imc()], [lead("rm.xlsx", True)])
    assert seen() == ([(activity().id, "Семинар"), (activity(row=8).id, "Семинар")], [("rm.xlsx", True)])
    assert store.db.execute("SELECT count(*) FROM blocks").fetchone()[0] == 4


def test_a_file_that_would_drop_a_body_or_an_activity_warns_of_the_links_other_files_keep_to_it(
    store: Store,
) -> None:
    lead = Link(
        imc().id, EdgeKind.RESPONSIBLE_FOR, activity().id, {"lead": True}, Source("rm.xlsx", "Лист1", 7)
    )
    import_file(store, "ref.xlsx", [territory(), imc("ref.xlsx")])
    import_file(store, "rm.xlsx", [activity()], [lead])  # kept in the block of roadmap «rm:1»
    import_file(store, "other.xlsx", [activity(file="other.xlsx", row=8)], [])

    def warnings(file: str, entities: list[Entity]) -> list[str]:
        result = FileResult(FileInput(Path(file)), FileReport(file, "xlsx"), entities)
        add_replacement_issues(store, [result])
        return [i.message for i in result.report.issues if i.code == "links-orphaned"]

    assert warnings("ref.xlsx", [territory()]) == [
        "Связи из файла «rm.xlsx» (1, «исполняет») будут ссылаться на то, чего после загрузки не будет: "
        "организация «ИМЦ»"
    ]
    assert warnings("rm.xlsx", []) == []  # its own links go with it
    assert warnings("other.xlsx", []) == []


def test_every_node_and_edge_keeps_the_file_sheet_and_row_it_was_read_from(any_store: Store) -> None:
    link = Link(
        imc().id,
        EdgeKind.RESPONSIBLE_FOR,
        activity().id,
        {"lead": True, "ref": "ИМЦ"},
        Source("rm.xlsx", "Лист1", 7),
    )
    import_file(any_store, "rm.xlsx", [activity(), imc()], [link])
    inputs = load_inputs(any_store)
    assert [e.source for e in inputs.entities] == [
        Source("rm.xlsx", "Лист1", 7),
        Source("rm.xlsx", "Лист1", 7),
    ]
    assert [(lk.origin, lk.attrs) for lk in inputs.links] == [
        (Source("rm.xlsx", "Лист1", 7), {"lead": True, "ref": "ИМЦ"})
    ]


def test_an_entity_from_two_files_is_the_one_imported_last_and_both_places_are_kept(store: Store) -> None:
    import_file(store, "ref.xlsx", [school(statuses=(SchoolStatus(2020), SchoolStatus(2021)))])
    import_file(store, "rm.xlsx", [school(file="rm.xlsx", row=40, statuses=(SchoolStatus(2020),))])
    assert load_inputs(store).entities == [school(file="rm.xlsx", row=40, statuses=(SchoolStatus(2020),))]
    assert provenance_of(store, school().id) == [
        Source("ref.xlsx", "Школы", 3),
        Source("rm.xlsx", "Школы", 40),
    ]

    import_file(store, "ref.xlsx", [school(statuses=(SchoolStatus(2020), SchoolStatus(2021)))])
    assert load_inputs(store).entities == [school(statuses=(SchoolStatus(2020), SchoolStatus(2021)))]
    assert provenance_of(store, school().id) == [
        Source("rm.xlsx", "Школы", 40),
        Source("ref.xlsx", "Школы", 3),
    ]

    remove_import(store, "ref.xlsx")
    assert load_inputs(store).entities == [school(file="rm.xlsx", row=40, statuses=(SchoolStatus(2020),))]


def test_a_link_from_two_files_is_one_edge_with_the_attributes_imported_last(store: Store) -> None:
    import_file(
        store,
        "a.xlsx",
        [],
        [Link(imc().id, EdgeKind.RESPONSIBLE_FOR, "rm:1#7", {"lead": True}, Source("a.xlsx", "Л", 7))],
    )
    import_file(
        store,
        "b.xlsx",
        [],
        [Link(imc().id, EdgeKind.RESPONSIBLE_FOR, "rm:1#7", {"lead": False}, Source("b.xlsx", "Л", 9))],
    )
    links = load_inputs(store).links
    assert [(lk.source, lk.target, lk.attrs, lk.origin) for lk in links] == [
        (imc().id, "rm:1#7", {"lead": False}, Source("b.xlsx", "Л", 9))
    ]


def test_a_territory_fanning_out_twice_to_one_activity_keeps_both_edges(store: Store) -> None:
    links = [
        Link(
            MUNI, EdgeKind.RESPONSIBLE_FOR, "rm:1#7", {"ref": "МОУО", "fan_out": FanOut.MUNICIPAL_AUTHORITIES}
        ),
        Link(MUNI, EdgeKind.RESPONSIBLE_FOR, "rm:1#7", {"ref": "ОО", "fan_out": FanOut.SCHOOLS}),
    ]
    import_file(store, "rm.xlsx", [], links)
    assert [lk.attrs["fan_out"] for lk in load_inputs(store).links] == [
        FanOut.MUNICIPAL_AUTHORITIES,
        FanOut.SCHOOLS,
    ]


def test_a_different_entity_with_an_id_seen_earlier_in_the_file_is_dropped_and_reported(store: Store) -> None:
    record = import_file(store, "ref.xlsx", [territory(), territory(row=9, name="Другое"), territory()])
    assert record.entities == 1
    assert load_inputs(store).entities == [territory()]
    assert issues_of(store, "ref.xlsx") == [
        Issue(
            "duplicate-node",
            "Территория «Другое» встречается в файле дважды; оставлен первый (лист «Территории», строка 2)",
            Severity.WARNING,
            "ref.xlsx",
            "Территории",
            9,
        )
    ]


def test_a_link_repeated_in_one_file_is_stored_once_with_its_last_attributes_in_first_place(
    store: Store,
) -> None:
    links = [
        Link(imc().id, EdgeKind.RESPONSIBLE_FOR, "rm:1#7", {"lead": True}),
        Link(imc().id, EdgeKind.RESPONSIBLE_FOR, "rm:1#8", {"lead": True}),
        Link(imc().id, EdgeKind.RESPONSIBLE_FOR, "rm:1#7", {"lead": False}),
    ]
    assert import_file(store, "rm.xlsx", [], links).links == 2
    assert [(lk.target, lk.attrs) for lk in load_inputs(store).links] == [
        ("rm:1#7", {"lead": False}),
        ("rm:1#8", {"lead": True}),
    ]


def test_attributes_equal_in_python_but_of_other_types_are_stored_as_written(store: Store) -> None:
    # True == 1 == 1.0 and FanOut.SCHOOLS == "schools": each link's attributes are still its own.
    links = [
        Link(imc().id, EdgeKind.COVERS, "school:1", {"year": 1}),
        Link(imc().id, EdgeKind.COVERS, "school:2", {"year": True}),
        Link(imc().id, EdgeKind.COVERS, "school:3", {"year": 1.0}),
        Link(MUNI, EdgeKind.RESPONSIBLE_FOR, "rm:1#7", {"fan_out": FanOut.SCHOOLS}),
        Link(MUNI, EdgeKind.RESPONSIBLE_FOR, "rm:1#8", {"fan_out": "schools"}),
        Link(MUNI, EdgeKind.RESPONSIBLE_FOR, "rm:1#9", {"roles": ["a", "b"]}),
        Link(MUNI, EdgeKind.RESPONSIBLE_FOR, "rm:1#10"),
    ]
    assert import_file(store, "rm.xlsx", [], links).links == 7
    rows = store.db.execute('SELECT target, "key", attrs FROM links ORDER BY rowid').fetchall()
    assert rows == [
        ("school:1", "covers", '{"year":1}'),
        ("school:2", "covers", '{"year":true}'),
        ("school:3", "covers", '{"year":1.0}'),
        ("rm:1#7", "responsible_for:schools", '{"fan_out":"schools"}'),
        ("rm:1#8", "responsible_for:schools", '{"fan_out":"schools"}'),
        ("rm:1#9", "responsible_for", '{"roles":["a","b"]}'),
        ("rm:1#10", "responsible_for", None),
    ]


def test_the_first_import_into_an_empty_store_holds_every_row_live(store: Store) -> None:
    links = [Link(imc().id, EdgeKind.RESPONSIBLE_FOR, activity().id, {"lead": True})]
    record = import_file(store, "rm.xlsx", [imc(), activity(), imc()], links)
    assert (record.entities, record.links, record.issues) == (2, 1, 0)
    assert store.db.execute("SELECT count(*) FROM entities WHERE NOT live").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM links WHERE NOT live").fetchone()[0] == 0


def test_progress_reports_come_back_as_a_frame_of_the_declared_schema(any_store: Store) -> None:
    rows = pl.DataFrame(
        {
            "activity": ["rm:1#7", "rm:1#7"],
            "school": [None, "school:35"],
            "status": ["в работе", "выполнено"],
            "reported_on": [date(2021, 1, 15), date(2021, 2, 1)],
            "demo": [True, False],
            "file": ["ref.xlsx", "ref.xlsx"],
            "sheet": ["Ход выполнения", "Ход выполнения"],
            "row": [2, 3],
        }
    )
    import_file(any_store, "ref.xlsx", [], progress=rows)
    progress = load_inputs(any_store).progress
    assert progress.schema == pl.Schema(STORED_PROGRESS_SCHEMA)
    assert progress.rows() == [
        ("rm:1#7", None, "в работе", date(2021, 1, 15), True, "ref.xlsx", "Ход выполнения", 2),
        ("rm:1#7", "school:35", "выполнено", date(2021, 2, 1), False, "ref.xlsx", "Ход выполнения", 3),
    ]


def test_the_stored_progress_schema_starts_with_the_models() -> None:
    assert list(STORED_PROGRESS_SCHEMA.items())[: len(PROGRESS_SCHEMA)] == list(PROGRESS_SCHEMA.items())


def test_issues_are_kept_per_file_and_sorted_by_location(store: Store) -> None:
    import_file(
        store,
        "b.xlsx",
        [],
        issues=[Issue("x", "Икс", file="b.xlsx", row=9), Issue("y", "Игрек", file="b.xlsx", row=2)],
    )
    import_file(
        store,
        "a.xlsx",
        [],
        issues=[Issue("z", "Зет", Severity.ERROR, file="a.xlsx", sheet="Л", row=1, column="Срок")],
    )
    assert [(i.file, i.row) for i in issues_of(store)] == [("a.xlsx", 1), ("b.xlsx", 2), ("b.xlsx", 9)]
    assert issues_of(store, "a.xlsx") == [Issue("z", "Зет", Severity.ERROR, "a.xlsx", "Л", 1, "Срок")]


def test_data_version_changes_on_every_write_to_the_inputs_and_only_then(store: Store) -> None:
    seen = [data_version(store)]

    def changed() -> bool:
        seen.append(data_version(store))
        return seen[-1] != seen[-2]

    import_file(store, "ref.xlsx", [territory()])
    assert changed()
    import_file(store, "ref.xlsx", [territory()])
    assert changed()
    set_capacity(store, imc().id, 2.0, author="Иванова", reason="штат", now=NOW)
    assert changed()
    set_mapping(
        store,
        scope=REGION,
        abbreviation="ТМО",
        entry={"full_name": "Территориальное МО"},
        author="И",
        now=NOW,
    )
    assert changed()
    remove_import(store, "ref.xlsx")
    assert changed()
    load_inputs(store)
    list_imports(store)
    assert not changed()
    remove_import(store, "ref.xlsx")
    assert not changed()
    save_scenario(store, name="Весна", author="И", operations=[], base_version=seen[-1], now=NOW)
    assert not changed()
    assert len(set(seen)) == 6
    assert load_inputs(store).data_version == seen[-1]


def test_two_stores_never_share_a_data_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.sqlite") as a, open_store(tmp_path / "b.sqlite") as b:
        assert data_version(a) != data_version(b)


# ------------------------------------------------------------------------ imports and removals, at random

sources = st.builds(Source, file=st.just("f.xlsx"), sheet=st.just("Лист1"), row=st.integers(1, 10**6))
contributed_entities = st.lists(
    st.builds(
        School,
        id=st.sampled_from(["school:1", "school:2", "school:3"]),
        name=TEXT,
        territory=st.just(MUNI),
        statuses=st.lists(st.builds(SchoolStatus, year=st.integers(2018, 2025)), max_size=3).map(tuple),
        capacity=st.none() | st.floats(0, 100),
        source=sources,
    )
    | st.builds(
        Authority,
        id=st.sampled_from(["auth:1", "auth:2"]),
        name=TEXT,
        level=st.sampled_from(AuthorityLevel),
        territory=st.just(REGION),
        source=sources,
    ),
    max_size=6,
)
contributed_links = st.lists(
    st.builds(
        Link,
        source=st.sampled_from(["auth:1", MUNI]),
        kind=st.sampled_from([EdgeKind.RESPONSIBLE_FOR, EdgeKind.COORDINATES]),
        target=st.sampled_from(["rm:1#7", "rm:1#8"]),
        attrs=st.fixed_dictionaries({"lead": st.booleans()}, optional={"fan_out": st.sampled_from(FanOut)}),
        origin=sources,
    ),
    max_size=6,
)
# Each step imports a file (its entities and links) or, with None, removes it.
steps = st.lists(
    st.tuples(
        st.sampled_from(["a.xlsx", "b.xlsx", "c.xlsx"]),
        st.none() | st.tuples(contributed_entities, contributed_links),
    ),
    max_size=6,
)


def expected_after(
    history: list[tuple[str, Any]],
) -> tuple[dict[str, Entity], dict[tuple[str, str, str], Link]]:
    """Replay the steps: in a file the first entity and the last link win; across files, the latest."""
    files: dict[str, tuple[list[Entity], list[Link]]] = {}
    for file, contribution in history:
        files.pop(file, None)
        if contribution is not None:
            files[file] = contribution
    entities: dict[str, Entity] = {}
    links: dict[tuple[str, str, str], Link] = {}
    for file_entities, file_links in files.values():
        firsts: dict[str, Entity] = {}
        for e in file_entities:
            firsts.setdefault(e.id, e)
        entities |= firsts
        links |= {(lk.source, edge_key(lk), lk.target): lk for lk in file_links}
    return entities, links


@settings(max_examples=80, deadline=None)
@given(history=steps)
def test_after_any_imports_and_removals_each_entity_and_link_comes_from_the_file_imported_last(
    history: list[tuple[str, Any]],
) -> None:
    entities, links = expected_after(history)
    with open_store(":memory:") as s:
        for file, contribution in history:
            if contribution is None:
                remove_import(s, file)
            else:
                import_file(s, file, *contribution)
        inputs = load_inputs(s)
    assert {e.id: e for e in inputs.entities} == entities
    assert len(inputs.entities) == len(entities)
    assert {(lk.source, edge_key(lk), lk.target): (lk.attrs, lk.origin) for lk in inputs.links} == {
        key: (lk.attrs, lk.origin) for key, lk in links.items()
    }
    assert len(inputs.links) == len(links)


# ----------------------------------------------------------------------------------- user corrections


def test_a_regions_mapping_overrides_the_mapping_for_everywhere(store: Store) -> None:
    set_mapping(
        store,
        scope="",
        abbreviation="КОиН",
        entry={"full_name": "Комитет образования и науки"},
        author="А",
        now=NOW,
    )
    set_mapping(
        store, scope="", abbreviation="ТМО", entry={"full_name": "Территориальное МО"}, author="А", now=NOW
    )
    set_mapping(
        store, scope=REGION, abbreviation=" «КОиН» ", entry={"full_name": "Министерство"}, author="Б", now=NOW
    )
    assert user_glossary(store, REGION) == {
        "КОиН": {"abbreviation": "КОиН", "full_name": "Министерство"},
        "ТМО": {"abbreviation": "ТМО", "full_name": "Территориальное МО"},
    }
    assert user_glossary(store, "ter:tyva") == {
        "КОиН": {"abbreviation": "КОиН", "full_name": "Комитет образования и науки"},
        "ТМО": {"abbreviation": "ТМО", "full_name": "Территориальное МО"},
    }
    assert [(m.scope, m.abbreviation, m.author, m.changed_at) for m in list_mappings(store)] == [
        ("", "КОиН", "А", NOW),
        ("", "ТМО", "А", NOW),
        (REGION, "КОиН", "Б", NOW),
    ]


def test_a_mapping_set_again_is_replaced_and_none_forgets_it(store: Store) -> None:
    set_mapping(store, scope="", abbreviation="ТМО", entry={"full_name": "Старое"}, author="А", now=NOW)
    set_mapping(
        store,
        scope="",
        abbreviation="ТМО",
        entry={"full_name": "Новое", "fan_out": FanOut.SCHOOLS},
        author="Б",
        now=NOW,
    )
    assert user_glossary(store, "") == {
        "ТМО": {"abbreviation": "ТМО", "full_name": "Новое", "fan_out": "schools"}
    }
    set_mapping(store, scope="", abbreviation="ТМО", entry=None, author="Б", now=NOW)
    assert user_glossary(store, "") == {}


def test_capacity_overrides_are_set_replaced_removed_and_loaded_with_the_inputs(any_store: Store) -> None:
    set_capacity(any_store, "inst:imts", 2.0, author="А", reason="два методиста", now=NOW)
    set_capacity(any_store, "auth:uo", 5.0, author="А", reason="", now=NOW)
    set_capacity(any_store, "inst:imts", 3.5, author="Б", reason="три методиста", now=NOW)
    assert capacity_overrides(any_store) == {"auth:uo": 5.0, "inst:imts": 3.5}
    assert load_inputs(any_store).capacity_overrides == {"auth:uo": 5.0, "inst:imts": 3.5}
    assert [(c.executor, c.author, c.reason) for c in list_capacity_overrides(any_store)] == [
        ("auth:uo", "А", ""),
        ("inst:imts", "Б", "три методиста"),
    ]
    set_capacity(any_store, "auth:uo", None, author="А", reason="", now=NOW)
    assert capacity_overrides(any_store) == {"inst:imts": 3.5}


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_a_capacity_that_is_not_a_positive_number_is_refused_and_nothing_is_written(
    store: Store, bad: float
) -> None:
    with pytest.raises(ValueError, match="positive"):
        set_capacity(store, "inst:imts", bad, author="А", reason="", now=NOW)
    assert capacity_overrides(store) == {}


def test_a_capacity_of_zero_saved_by_an_earlier_version_is_not_an_input(store: Store) -> None:
    set_capacity(store, "inst:rmo", 3.0, author="А", reason="", now=NOW)
    store.db.execute("INSERT INTO capacity VALUES ('inst:imts', 0, 'А', '', ?)", [NOW.isoformat()])
    assert capacity_overrides(store) == {"inst:rmo": 3.0}
    assert load_inputs(store).capacity_overrides == {"inst:rmo": 3.0}
    assert [c.executor for c in list_capacity_overrides(store)] == ["inst:imts", "inst:rmo"]


# ------------------------------------------------------------------------------------------ scenarios

OPS = [{"op": "reassign", "activity": "rm:1#7", "from": "inst:imts", "to": "inst:rmo"}]


def new_scenario(store: Store, name: str = "Весна", **kw: Any) -> Any:
    result = save_scenario(
        store,
        name=name,
        author="Иванова",
        reason="совещание",
        operations=OPS,
        base_version="v1",
        now=NOW,
        **kw,
    )
    assert isinstance(result, Saved)
    return result.scenario


def test_a_new_scenario_is_saved_at_version_1(any_store: Store) -> None:
    s = new_scenario(any_store)
    assert (s.name, s.author, s.reason, s.version, s.operations, s.base_version, s.created_at) == (
        "Весна",
        "Иванова",
        "совещание",
        1,
        tuple(OPS),
        "v1",
        NOW,
    )
    assert get_scenario(any_store, s.id) == s
    assert list_scenarios(any_store) == [s]


def test_saving_from_the_current_version_bumps_it(store: Store) -> None:
    s = new_scenario(store)
    later = datetime(2024, 3, 2, tzinfo=UTC)
    result = save_scenario(
        store,
        scenario_id=s.id,
        name="Весна 2",
        author="Петров",
        operations=[],
        base_version="v2",
        expected_version=1,
        now=later,
    )
    assert isinstance(result, Saved)
    assert (result.scenario.version, result.scenario.name, result.scenario.author) == (2, "Весна 2", "Петров")
    assert (result.scenario.created_at, result.scenario.changed_at, result.scenario.operations) == (
        NOW,
        later,
        (),
    )


def test_saving_a_stale_version_returns_the_conflict_and_overwrites_nothing(store: Store) -> None:
    s = new_scenario(store)
    mine = save_scenario(
        store,
        scenario_id=s.id,
        name="Мой",
        author="А",
        operations=OPS,
        base_version="v1",
        expected_version=1,
        now=NOW,
    )
    theirs = save_scenario(
        store,
        scenario_id=s.id,
        name="Их",
        author="Б",
        operations=[],
        base_version="v1",
        expected_version=1,
        now=NOW,
    )
    assert isinstance(mine, Saved)
    assert theirs == Conflict(mine.scenario)
    assert get_scenario(store, s.id) == mine.scenario


def test_creating_a_scenario_with_an_id_that_exists_is_a_conflict(store: Store) -> None:
    s = new_scenario(store, scenario_id="scn:spring")
    again = save_scenario(
        store, scenario_id="scn:spring", name="Другой", author="Б", operations=[], base_version="v", now=NOW
    )
    assert again == Conflict(s)


def test_saving_a_scenario_someone_deleted_is_a_conflict_with_nothing(store: Store) -> None:
    s = new_scenario(store)
    assert delete_scenario(store, s.id)
    assert save_scenario(
        store,
        scenario_id=s.id,
        name="В",
        author="А",
        operations=[],
        base_version="v",
        expected_version=1,
        now=NOW,
    ) == Conflict(None)


def test_rename_copy_and_delete_respect_the_version(store: Store) -> None:
    s = new_scenario(store)
    renamed = rename_scenario(store, s.id, "Осень", expected_version=1)
    assert isinstance(renamed, Saved)
    assert (renamed.scenario.name, renamed.scenario.version) == ("Осень", 2)
    # A rename keeps who saved the scenario and when.
    kept = (renamed.scenario.author, renamed.scenario.changed_at, renamed.scenario.created_at)
    assert kept == (s.author, s.changed_at, s.created_at)
    assert rename_scenario(store, s.id, "Зима", expected_version=1) == Conflict(renamed.scenario)

    copy = copy_scenario(store, s.id, name="Осень (копия)", author="В", now=NOW)
    assert copy is not None
    assert (copy.name, copy.version, copy.operations, copy.author) == ("Осень (копия)", 1, tuple(OPS), "В")
    assert copy.id != s.id
    assert copy_scenario(store, "scn:none", name="x", author="В", now=NOW) is None

    assert delete_scenario(store, s.id, expected_version=1) is False
    assert delete_scenario(store, s.id, expected_version=2) is True
    assert [x.id for x in list_scenarios(store)] == [copy.id]


def test_scenario_writes_change_the_scenarios_version_not_the_data_version(store: Store) -> None:
    data, scenarios = data_version(store), scenarios_version(store)
    new_scenario(store)
    assert data_version(store) == data
    assert scenarios_version(store) != scenarios


def _in_thread(path: Path, work: Any, results: list[Any]) -> threading.Thread:
    def run() -> None:
        with open_store(path) as s:
            results.append(work(s))

    return threading.Thread(target=run)


def test_two_people_saving_different_scenarios_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "karta.sqlite"
    open_store(path).close()
    barrier = threading.Barrier(2)

    def edit(author: str) -> Any:
        def work(s: Store) -> list[Any]:
            barrier.wait()
            scenario = new_scenario(s, name=f"Сценарий {author}")
            outcomes = []
            for i in range(20):
                result = save_scenario(
                    s,
                    scenario_id=scenario.id,
                    name=f"{author} {i}",
                    author=author,
                    operations=OPS * i,
                    base_version="v1",
                    expected_version=scenario.version,
                    now=NOW,
                )
                outcomes.append(type(result).__name__)
                assert isinstance(result, Saved)
                scenario = result.scenario
            return outcomes

        return work

    results: list[Any] = []
    threads = [_in_thread(path, edit(a), results) for a in ("Иванова", "Петров")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [["Saved"] * 20] * 2
    with open_store(path) as s:
        assert sorted((x.name, x.version, len(x.operations)) for x in list_scenarios(s)) == [
            ("Иванова 19", 21, 19),
            ("Петров 19", 21, 19),
        ]


def test_two_people_saving_one_scenario_from_one_version_get_one_save_and_one_conflict(
    tmp_path: Path,
) -> None:
    path = tmp_path / "karta.sqlite"
    with open_store(path) as s:
        scenario = new_scenario(s, scenario_id="scn:shared")
    barrier = threading.Barrier(2)

    def save_as(author: str) -> Any:
        def work(s: Store) -> Any:
            barrier.wait()
            return save_scenario(
                s,
                scenario_id=scenario.id,
                name=author,
                author=author,
                operations=[],
                base_version="v1",
                expected_version=1,
                now=NOW,
            )

        return work

    results: list[Any] = []
    threads = [_in_thread(path, save_as(a), results) for a in ("Иванова", "Петров")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Saved"]
    saved = next(r for r in results if isinstance(r, Saved))
    conflict = next(r for r in results if isinstance(r, Conflict))
    assert conflict.current == saved.scenario
    with open_store(path) as s:
        assert get_scenario(s, scenario.id) == saved.scenario


def test_a_store_is_refused_by_another_thread_rather_than_shared(store: Store) -> None:
    errors: list[BaseException] = []

    def use() -> None:
        try:
            data_version(store)
        except sqlite3.ProgrammingError as error:
            errors.append(error)

    t = threading.Thread(target=use)
    t.start()
    t.join()
    assert len(errors) == 1
