"""Names as the pages show them: a repeated name says where the body is, down to the region if need be."""

from __future__ import annotations

from dashboard import data
from model.entities import Authority, AuthorityLevel, Territory, TerritoryLevel
from model.graph import build_graph

GMO = "Городской методический отдел"


def _labels() -> dict[str, str]:
    entities = [
        Territory("ter:a", "Ивановская область", TerritoryLevel.REGION),
        Territory("ter:b", "Костромская область", TerritoryLevel.REGION),
        Territory("ter:a/p", "город Приволжск", TerritoryLevel.MUNICIPALITY, parent="ter:a"),
        Territory("ter:b/p", "город Приволжск", TerritoryLevel.MUNICIPALITY, parent="ter:b"),
        Territory("ter:b/q", "город Буй", TerritoryLevel.MUNICIPALITY, parent="ter:b"),
        Authority("auth:a/p", GMO, AuthorityLevel.MUNICIPAL, "ter:a/p", short="ГМО"),
        Authority("auth:b/p", GMO, AuthorityLevel.MUNICIPAL, "ter:b/p", short="ГМО"),
        Authority("auth:b/q", GMO, AuthorityLevel.MUNICIPAL, "ter:b/q", short="ГМО"),
        Authority("auth:a", "Министерство образования", AuthorityLevel.REGIONAL, "ter:a", short="Минобр"),
    ]
    G, _ = build_graph(entities, [])
    return data._labels(G)


def test_namesake_bodies_of_namesake_towns_in_two_regions_are_told_apart_by_the_region() -> None:
    labels = _labels()
    assert (labels["auth:a/p"], labels["auth:b/p"]) == (
        "ГМО (город Приволжск, Ивановская область)",
        "ГМО (город Приволжск, Костромская область)",
    )


def test_a_repeated_name_in_a_town_of_its_own_name_needs_only_the_town() -> None:
    assert _labels()["auth:b/q"] == "ГМО (город Буй)"


def test_a_name_that_does_not_repeat_stays_as_it_is() -> None:
    assert _labels()["auth:a"] == "Минобр"
