"""Territories as documents name them: the region and municipality a text names, and the nodes they are.

A document is placed on its municipality (or its region) by matching the names it gives against the
territories already known, creating those nobody listed. Schools and people are keyed by their home
territory — the municipality or region they belong to, a city district being lifted to its city.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.entities import Entity, Source, Territory, TerritoryLevel
from model.ids import child_id, make_id
from model.relations import EdgeKind, Link

if TYPE_CHECKING:  # Known finds territories by the names this module reads
    from loaders.known import Known

COUNTRY = "Российская Федерация"
_REGION_ALIASES = {
    "кузбасс": "Кемеровская область – Кузбасс",
    "кемеровская область": "Кемеровская область – Кузбасс",
}


def home_of(territory_id: str, territory: Territory | None) -> str:
    """Return the territory schools and people are keyed by: a district's city, else the territory itself."""
    if territory is not None and territory.level == TerritoryLevel.DISTRICT and territory.parent:
        return territory.parent
    return territory_id


@dataclass(frozen=True, slots=True)
class Place:
    """The territories a document belongs to: its region, its municipality, and the one it is issued on."""

    region: str | None
    municipality: str | None

    @property
    def territory(self) -> str:
        """Return the municipality, else the region, else the country."""
        return self.municipality or self.region or make_id("ter", COUNTRY)


def place_of(
    known: Known, region: str, municipality: str, source: Source
) -> tuple[Place, list[Entity], list[Link]]:
    """Return the territories named (matching known ones by name), and the territories to create."""
    entities: list[Entity] = []
    links: list[Link] = []
    region_id = known.find_territory(region, TerritoryLevel.REGION) if region else None
    if not region and municipality:
        found = known.territory(known.find_territory(municipality, TerritoryLevel.MUNICIPALITY))
        region_id = found.parent if found else None
    if region and region_id is None:
        region_id = make_id("ter", region)
        if known.get(region_id) is None:
            entities.append(Territory(region_id, region, TerritoryLevel.REGION, None, source))
    muni_id = (
        known.find_territory(municipality, TerritoryLevel.MUNICIPALITY, region_id) if municipality else None
    )
    if municipality and muni_id is None:
        muni_id = child_id("ter", region_id, municipality) if region_id else make_id("ter", municipality)
        if known.get(muni_id) is None:
            entities.append(Territory(muni_id, municipality, TerritoryLevel.MUNICIPALITY, region_id, source))
            if region_id:
                links.append(Link(muni_id, EdgeKind.LOCATED_IN, region_id, origin=source))
    return Place(region_id, muni_id), entities, links


def region_of(text: str) -> str:
    """Return the region a text names, in the nominative.

    >>> region_of("Министерство образования и науки Челябинской области"), region_of("Кузбасса")
    ('Челябинская область', 'Кемеровская область – Кузбасс')
    """
    if not text:
        return ""
    patterns: list[tuple[str, Callable[[re.Match[str]], str]]] = [
        (r"кузбасс", lambda m: _REGION_ALIASES["кузбасс"]),
        (
            r"([А-ЯЁ][а-яё]+)(ской|цкой|ной)\s+област\w*",
            lambda m: _REGION_ALIASES.get(
                f"{m.group(1)}{m.group(2)[:-2]}ая область".lower(), f"{m.group(1)}{m.group(2)[:-2]}ая область"
            ),
        ),
        (r"([А-ЯЁ][а-яё]+)(ского|цкого)\s+кра[яй]", lambda m: f"{m.group(1)}{m.group(2)[:-3]}ий край"),
        (
            r"Республик[аиы]\s+([А-ЯЁ][а-яё]+(?:\s*[-–]\s*[А-ЯЁ][а-яё]+)?)",
            lambda m: f"Республика {m.group(1)}",
        ),
    ]
    hits = []
    for pattern, name in patterns:
        found = re.search(pattern, text, re.IGNORECASE if pattern == "кузбасс" else 0)
        if found:
            hits.append((found.start(), name(found)))
    return min(hits)[1] if hits else ""


def municipality_of(issuer: str) -> str:
    """Return the municipality a municipal body's name names, in the nominative.

    >>> municipality_of("Управление образования Полысаевского городского округа")
    'Полысаевский городской округ'
    >>> municipality_of("Комитет образования и науки администрации города Новокузнецка")
    'город Новокузнецк'
    """
    found = re.search(r"([А-ЯЁ][а-яё]+)(ского|цкого)\s+городского\s+округа", issuer)
    if found:
        return f"{found.group(1)}{found.group(2)[:-3]}ий городской округ"
    found = re.search(r"([А-ЯЁ][а-яё]+)(ского|цкого)\s+(?:муниципального\s+)?района", issuer)
    if found:
        return f"{found.group(1)}{found.group(2)[:-3]}ий район"
    found = re.search(r"(?:города|г\.)\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)", issuer)
    if found:
        city = found.group(1)
        city = city[:-1] + "а" if city.endswith(("ы", "и")) else city[:-1] if city.endswith("а") else city
        return f"город {city}"
    return ""
