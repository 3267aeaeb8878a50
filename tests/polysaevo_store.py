"""A store of Полысаево's order 162 and its reference workbook, built from files as a user imports them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from loaders.document import DocumentOptions
from loaders.importer import FileInput, import_batch
from loaders.store import open_store
from loaders.template import write_reference
from model.entities import RoadmapLevel

REGION = "Кемеровская область – Кузбасс"
TOWN = "Полысаевский городской округ"
PLACE = "kemerovskaia-oblast-kuzbass/polysaevskii-gorodskoi-okrug"
IMC = f"inst:{PLACE}/imts"
UO = f"auth:{PLACE}/uo"

ORDER_162 = DocumentOptions(
    region=REGION,
    municipality=TOWN,
    level=RoadmapLevel.MUNICIPALITY,
    number="162",
    date=date(2020, 10, 28),
    plan_start=date(2020, 9, 1),
    plan_end=date(2021, 8, 31),
)
"""What the user states of the roadmap file: Полысаево's order 162 of 28.10.2020, for 2020/21."""


def import_polysaevo(
    folder: Path,
    reference_rows: Mapping[str, Sequence[Sequence[object]]],
    roadmap: Path,
    now: datetime | None = None,
) -> Path:
    """Write a reference workbook with these rows, import it and the roadmap file as order 162 into a
    new store in `folder` (at `now`, else the clock's time); return the store's path."""
    reference = folder / "справочник.xlsx"
    write_reference(reference, reference_rows)
    db = folder / "karta.sqlite"
    with open_store(db) as store:
        report = import_batch(store, [FileInput(reference), FileInput(roadmap, ORDER_162)], now)
    assert report.ok
    return db
