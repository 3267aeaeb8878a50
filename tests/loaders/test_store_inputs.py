"""Reading the model's inputs back from the store: every text as written, shared where it repeats."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from loaders.connection import Store
from loaders.store import load_inputs, open_store, write_import
from model.deadlines import Deadline, DeadlineKind
from model.entities import Activity, Entity, Institute, InstituteKind, Source, Territory, TerritoryLevel
from model.relations import EdgeKind, FanOut, Link

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
TOWN = "ter:kuzbass/полысаево"
FILE = "Дорожная карта № 162.xlsx"
SHEET = "Мероприятия «2020»"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "karta.sqlite") as s:
        yield s


def import_file(store: Store, file: str, entities: list[Entity], links: list[Link]) -> None:
    write_import(
        store,
        file=file,
        path=f"/data/{file}",
        sha256="ab" * 32,
        format="xlsx",
        entities=entities,
        links=links,
        progress_rows=(),
        issues=(),
        report={"file": file, "tables": []},
        now=NOW,
    )


def seminar(row: int) -> Activity:
    windows = ((date(2020, 10, 1), date(2020, 10, 31)), (date(2021, 3, 1), date(2021, 3, 31)))
    deadline = Deadline(DeadlineKind.SEVERAL, date(2020, 10, 1), date(2021, 3, 31), windows, "октябрь, март")
    return Activity(f"rm:162#{row}", "rm:162", "1.1", "Семинар", deadline, source=Source(FILE, SHEET, row))


def test_names_of_files_sheets_nodes_and_references_in_cyrillic_come_back_as_written(store: Store) -> None:
    town = Territory(TOWN, "Полысаево", TerritoryLevel.MUNICIPALITY, source=Source(FILE, SHEET, 2))
    imc = Institute(
        f"{TOWN}/имц", "ИМЦ", InstituteKind.METHODICAL_CENTRE, TOWN, "ИМЦ", source=Source(FILE, SHEET, 3)
    )
    links = [
        Link(
            imc.id, EdgeKind.RESPONSIBLE_FOR, "rm:162#7", {"lead": True, "ref": "ИМЦ"}, Source(FILE, SHEET, 7)
        ),
        Link(TOWN, EdgeKind.RESPONSIBLE_FOR, "rm:162#7", {"fan_out": FanOut.SCHOOLS}, Source(FILE, SHEET, 7)),
        Link("rm:162#7", EdgeKind.PART_OF, "rm:неизвестная", {}, Source(FILE, "", None)),
    ]
    import_file(store, FILE, [town, imc, seminar(7)], links)
    inputs = load_inputs(store)
    assert inputs.entities == [town, imc, seminar(7)]
    assert [(lk.source, lk.kind, lk.target, lk.attrs, lk.origin) for lk in inputs.links] == [
        (
            f"{TOWN}/имц",
            EdgeKind.RESPONSIBLE_FOR,
            "rm:162#7",
            {"lead": True, "ref": "ИМЦ"},
            Source(FILE, SHEET, 7),
        ),
        (TOWN, EdgeKind.RESPONSIBLE_FOR, "rm:162#7", {"fan_out": FanOut.SCHOOLS}, Source(FILE, SHEET, 7)),
        ("rm:162#7", EdgeKind.PART_OF, "rm:неизвестная", {}, Source(FILE, "", None)),
    ]
    assert [type(lk.kind) for lk in inputs.links] == [EdgeKind, EdgeKind, EdgeKind]


def test_equal_places_texts_and_node_ids_are_shared_and_each_link_has_attributes_of_its_own(
    store: Store,
) -> None:
    lead = {"lead": True, "ref": "ИМЦ"}
    imc = Institute(
        f"{TOWN}/имц", "ИМЦ", InstituteKind.METHODICAL_CENTRE, TOWN, source=Source(FILE, SHEET, 7)
    )
    links = [
        Link(imc.id, EdgeKind.RESPONSIBLE_FOR, f"rm:162#{row}", dict(lead), Source(FILE, SHEET, row))
        for row in (7, 8)
    ]
    import_file(store, FILE, [imc, seminar(7), seminar(8)], links)
    inputs = load_inputs(store)
    imc_read, first, second = inputs.entities
    one, two = inputs.links
    assert imc_read.source is first.source
    assert one.origin is first.source and two.origin is second.source
    assert one.source is imc_read.id and one.target is first.id and two.target is second.id
    assert one.attrs == two.attrs == lead and one.attrs is not two.attrs
    assert first.deadline.occurrences[0][0] is second.deadline.occurrences[0][0]
    assert first.roadmap is second.roadmap and first.deadline.raw is second.deadline.raw
