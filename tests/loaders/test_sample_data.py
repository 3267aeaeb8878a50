"""The bundled sample (sample_data/): every activity row of the five orders loads, none is lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from loaders.__main__ import SAMPLE_DIR, main
from loaders.importer import load_batch, sample_inputs
from loaders.store import list_imports, load_inputs, open_store
from model.chains import ChainRole, chain_of
from model.entities import Activity
from model.graph import build_graph
from model.relations import EdgeKind

REFERENCE = str(SAMPLE_DIR / "reference.xlsx")
KUZBASS = ["--region", "Кемеровская область – Кузбасс"]

# file, the facts the manifest gives as flags, and per roadmap table: rows read, header rows,
# activities, sections, ignored, rejected, deadline counts, executors resolved and unresolved.
SAMPLES: list[tuple[str, list[str], list[tuple[int, int, int, int, int, int, dict[str, int], int, int]]]] = [
    ("kuzbass_1721_order.docx", [*KUZBASS, "--level", "region"], []),
    (
        "polysaevo_162.xlsx",
        [*KUZBASS, "--municipality", "Полысаевский городской округ", "--level", "municipality"],
        [(42, 1, 26, 0, 15, 0, {"month": 10, "period": 8, "continuous": 7, "by_schedule": 1}, 47, 0)],
    ),
    (
        "novokuznetsk_1324.docx",
        [*KUZBASS, "--municipality", "Новокузнецкий городской округ", "--level", "municipality"],
        [
            (
                45,
                1,
                40,
                4,
                0,
                0,
                {"month": 5, "period": 5, "several": 4, "continuous": 9, "by_schedule": 17},
                81,
                0,
            )
        ],
    ),
    (
        "chelyabinsk_017-1324.xlsx",
        [
            "--region",
            "Челябинская область",
            "--level",
            "region",
            "--plan-start",
            "2020-06-23",
            "--plan-end",
            "2023-12-31",
        ],
        [(34, 1, 17, 5, 11, 0, {"date": 3, "month": 6, "period": 5, "continuous": 3}, 26, 0)],
    ),
    (
        "olenegorsk_576.ods",
        [
            "--region",
            "Мурманская область",
            "--municipality",
            "город Оленегорск с подведомственной территорией",
            "--level",
            "municipality",
        ],
        [(27, 1, 10, 0, 16, 0, {"continuous": 1, "recurring": 9}, 20, 0)],
    ),
]


def check_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    status = main(["check", "--json", *argv])
    return status, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("name", "flags", "roadmaps"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_check_json_on_each_sample_file_loads_every_activity_row(
    capsys: pytest.CaptureFixture[str], name: str, flags: list[str], roadmaps: list[tuple[Any, ...]]
) -> None:
    status, out = check_json(capsys, str(SAMPLE_DIR / name), "--reference", REFERENCE, *flags)
    reference, document = out["files"]
    assert (status, out["ok"], reference["file"], document["file"]) == (0, True, "reference.xlsx", name)
    found = [
        (
            t["rows_read"],
            t["header_rows"],
            t["activities"],
            t["sections"],
            len(t["ignored"]),
            len(t["rejected"]),
            {k: n for k, n in t["deadlines"].items() if n},
            t["executors"]["resolved"],
            t["executors"]["unresolved"],
        )
        for t in document["tables"]
        if t["kind"] == "roadmap"
    ]
    assert found == roadmaps


@pytest.mark.parametrize("name", [s[0] for s in SAMPLES] + ["reference.xlsx"])
def test_no_row_of_any_sample_table_is_lost(capsys: pytest.CaptureFixture[str], name: str) -> None:
    _, out = check_json(capsys, str(SAMPLE_DIR / name))
    for table in out["files"][0]["tables"]:
        loaded = table["activities"] + table["sections"] if table["kind"] == "roadmap" else table["loaded"]
        assert table["rows_read"] == table["header_rows"] + loaded + len(table["ignored"]) + len(
            table["rejected"]
        )


def test_without_the_reference_only_bodies_no_glossary_knows_stay_unresolved(
    capsys: pytest.CaptureFixture[str],
) -> None:
    resolved = []
    for name, flags, _ in SAMPLES[1:]:
        _, out = check_json(capsys, str(SAMPLE_DIR / name), *flags)
        resolved += [(name, t["executors"]) for t in out["files"][0]["tables"] if t["kind"] == "roadmap"]
    assert resolved == [
        ("polysaevo_162.xlsx", {"resolved": 46, "unresolved": 1}),
        ("novokuznetsk_1324.docx", {"resolved": 81, "unresolved": 0}),
        ("chelyabinsk_017-1324.xlsx", {"resolved": 25, "unresolved": 1}),
        ("olenegorsk_576.ods", {"resolved": 20, "unresolved": 0}),
    ]


def test_the_documents_of_the_sample_say_who_issued_them_when_and_who_controls_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [str(SAMPLE_DIR / name) for name, _, _ in SAMPLES]
    _, out = check_json(capsys, "--reference", REFERENCE, *files)
    assert [
        (
            f["document"]["issuer"],
            f["document"]["number"],
            f["document"]["date"],
            f["document"]["level"],
            f["document"]["controller"],
        )
        for f in out["files"][1:]
    ] == [
        ("Министерство образования и науки Кузбасса", "1721", "2020-10-23", "region", "Голубицкая Л.В."),
        (
            "Управление образования Полысаевского городского округа",
            "162",
            "2020-10-28",
            "municipality",
            "Гутник И.С.",
        ),
        (
            "Комитет образования и науки администрации города Новокузнецка",
            "1324",
            "2020-12-03",
            "municipality",
            "Круль С.В.",
        ),
        ("Министерство образования и науки Челябинской области", "011/1324", "2020-06-23", "region", None),
        (
            "Комитет по образованию Администрации города Оленегорска с подведомственной территорией",
            "576",
            "2020-12-15",
            "municipality",
            "Решетова В.В.",
        ),
    ]


def test_the_manifest_lists_the_reference_workbook_first() -> None:
    assert [i.path.name for i in sample_inputs(SAMPLE_DIR)] == [
        "reference.xlsx",
        "kuzbass_1721_order.docx",
        "polysaevo_162.xlsx",
        "novokuznetsk_1324.docx",
        "chelyabinsk_017-1324.xlsx",
        "olenegorsk_576.ods",
    ]


def test_the_manifest_facts_reach_the_documents() -> None:
    manifest = json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    given = {e["file"]: e for e in manifest["files"]}
    results = load_batch(sample_inputs(SAMPLE_DIR))
    for result in results:
        document = result.report.document
        if document is None:
            continue
        facts = document.as_report()
        entry = given[result.report.file]
        shared = [k for k in entry if k in facts and k != "based_on"]
        assert {k: facts[k] for k in shared} == {k: entry[k] for k in shared}
        if "based_on" in entry:
            assert document.based_on is not None and document.based_on.label == entry["based_on"]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "karta.sqlite"
    assert main(["import", "--sample", "--db", str(db), "--quiet"]) == 0
    return db


def test_import_sample_writes_every_file_reference_first(sample_store: Path) -> None:
    with open_store(sample_store) as store:
        imports = list_imports(store)
    assert [(r.file, r.progress) for r in imports] == [
        ("reference.xlsx", 31),
        ("kuzbass_1721_order.docx", 0),
        ("polysaevo_162.xlsx", 0),
        ("novokuznetsk_1324.docx", 0),
        ("chelyabinsk_017-1324.xlsx", 0),
        ("olenegorsk_576.ods", 0),
    ]


def test_the_sample_builds_one_graph_without_refused_links(sample_store: Path) -> None:
    with open_store(sample_store) as store:
        inputs = load_inputs(store)
    G, issues = build_graph(inputs.entities, inputs.links)
    activities = [e for e in inputs.entities if isinstance(e, Activity)]
    assert (len(activities), [i.message for i in issues]) == (93, [])
    executed = {t for _, t, k in G.edges(data="kind") if k == EdgeKind.RESPONSIBLE_FOR}
    assert executed == {a.id for a in activities}


def test_every_progress_report_of_the_sample_lands_on_a_loaded_activity(sample_store: Path) -> None:
    with open_store(sample_store) as store:
        inputs = load_inputs(store)
    activities = {e.id for e in inputs.entities if isinstance(e, Activity)}
    assert (inputs.progress.height, set(inputs.progress["activity"]) <= activities) == (31, True)


def test_the_sample_bodies_named_in_roadmaps_are_the_bodies_of_the_reference(sample_store: Path) -> None:
    with open_store(sample_store) as store:
        inputs = load_inputs(store)
    bodies = {e.id: e.source.file for e in inputs.entities if e.kind in ("authority", "institute", "group")}
    executors = {link.source for link in inputs.links if link.kind == EdgeKind.RESPONSIBLE_FOR}
    assert {bodies[n] for n in executors if n in bodies} == {"reference.xlsx"}


def test_importing_the_sample_again_changes_nothing(sample_store: Path, tmp_path: Path) -> None:
    with open_store(sample_store) as store:
        before = [(r.file, r.entities, r.links, r.progress, r.issues) for r in list_imports(store)]
    assert main(["import", "--sample", "--db", str(sample_store), "--quiet"]) == 0
    with open_store(sample_store) as store:
        assert [(r.file, r.entities, r.links, r.progress, r.issues) for r in list_imports(store)] == before


def test_a_document_checked_against_the_store_uses_the_reference_imported_before(
    sample_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = check_json(capsys, str(SAMPLE_DIR / "polysaevo_162.xlsx"), "--db", str(sample_store))
    [document] = out["files"]
    assert (status, document["document"]["region"], document["tables"][0]["executors"]) == (
        0,
        "Кемеровская область – Кузбасс",
        {"resolved": 47, "unresolved": 0},
    )


def test_the_chain_of_a_polysaevo_activity_reaches_the_deputy_minister_of_order_1721(
    sample_store: Path,
) -> None:
    with open_store(sample_store) as store:
        inputs = load_inputs(store)
    G, _ = build_graph(inputs.entities, inputs.links)
    based = sorted((u.rsplit("/", 1)[-1], v) for u, v, k in G.edges(data="kind") if k == EdgeKind.BASED_ON)
    regional = "rm:kemerovskaia-oblast-kuzbass/1721-2020-10-23"
    assert based == [("1324-2020-12-03", regional), ("162-2020-10-28", regional)]
    chain = chain_of(G, "rm:kemerovskaia-oblast-kuzbass/polysaevskii-gorodskoi-okrug/162-2020-10-28#15")
    assert chain.names(ChainRole.CONTROLLER) == ("Гутник Ирина Сергеевна", "Голубицкая Л.В.")
