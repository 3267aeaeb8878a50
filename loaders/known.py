"""What is known before a document is read: the reference workbook, the store, the files read before it.

Bodies are listed by their home territory (`places.home_of`), so that a roadmap finds the bodies of
its territory and of the territories above it; abbreviations are kept per territory ("" for
everywhere) as glossary layers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from loaders.glossary import Meaning, layer_of
from loaders.names import abbreviations_in, name_key, place_stems
from loaders.places import home_of
from model.entities import Entity, NodeKind, Territory, TerritoryLevel
from model.glossary import normalize_term
from model.relations import EdgeKind, Link

BODY_KINDS = (NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.GROUP, NodeKind.SCHOOL)
"""The kinds of node an executor reference may name by its name or abbreviation."""


class Known:
    """What is known before a document is read: the reference workbook, the store, earlier files."""

    def __init__(self, entities: Iterable[Entity] = (), links: Iterable[Link] = ()) -> None:
        self.entities: dict[str, Entity] = {}
        self.links: list[Link] = []
        self.glossary: dict[str, dict[str, Meaning]] = {}
        self._by_territory: dict[str, list[str]] = {}
        self._territories: dict[str, None] = {}  # ids of territories, in the order of `entities`
        self._incoming: dict[tuple[str, EdgeKind], list[str]] = {}
        self._keys: dict[str, tuple[Entity, frozenset[str], frozenset[str]]] = {}
        self.add(entities, links)

    def add(self, entities: Iterable[Entity], links: Iterable[Link] = ()) -> None:
        """Add entities and links (a later entity with a known id replaces the earlier one)."""
        known, by_territory = self.entities, self._by_territory
        for e in entities:
            if e.id not in known:
                if e.kind in BODY_KINDS:
                    by_territory.setdefault(self.home(e.territory), []).append(e.id)  # type: ignore[union-attr]
                elif e.kind == NodeKind.TERRITORY:
                    self._territories[e.id] = None
            known[e.id] = e
        incoming = self._incoming
        for link in links:
            self.links.append(link)
            key = (link.target, link.kind)
            sources = incoming.get(key)
            if sources is None:
                incoming[key] = [link.source]
            else:
                sources.append(link.source)

    def add_glossary(self, layers: Mapping[str, Mapping[str, Any]]) -> None:
        """Add abbreviation layers by territory id ("" for everywhere), as the reference workbook has them."""
        for territory, entries in layers.items():
            layer = self.glossary.setdefault(territory, {})
            for key, meaning in layer_of(entries.values()).items():
                layer[key] = meaning

    def get(self, node: str | None) -> Entity | None:
        """Return a known entity, or None."""
        return self.entities.get(node) if node else None

    def territory(self, node: str | None) -> Territory | None:
        """Return a known territory, or None."""
        e = self.get(node)
        return e if isinstance(e, Territory) else None

    def home(self, territory: str) -> str:
        """Return the territory a body is keyed by: a city district's city, else the territory itself."""
        return home_of(territory, self.territory(territory))

    def chain(self, territory: str) -> list[str]:
        """Return a territory and every territory above it, nearest first."""
        out: list[str] = []
        node: str | None = territory
        while node and node not in out:
            out.append(node)
            t = self.territory(node)
            node = t.parent if t else None
        return out

    def bodies_on(self, territory: str) -> list[Entity]:
        """Return the bodies, groups and schools keyed by a territory."""
        return [self.entities[i] for i in self._by_territory.get(territory, [])]

    def sources_of(self, node: str, kind: EdgeKind) -> list[str]:
        """Return the nodes with a link of a kind to a node, without repeats."""
        return list(dict.fromkeys(self._incoming.get((node, kind), [])))

    def coordinators_of(self, node: str) -> list[str]:
        """Return who coordinates a node (a territory, a roadmap, a group)."""
        return self.sources_of(node, EdgeKind.COORDINATES)

    def find_body(
        self, names: Sequence[str], territories: Sequence[str], kinds: Sequence[NodeKind] = BODY_KINDS
    ) -> str | None:
        """Return the id of the body on the nearest territory whose name or abbreviation matches.

        Whole names and abbreviations are compared first; then an abbreviation or quoted word of the
        reference against those inside a body's abbreviation («РЦППМС» ~ «Кузбасский РЦППМС»). A name
        that several bodies of a territory share («РОО» of six districts) names none of them.
        """
        keys = [k for n in names for k in (normalize_term(n), name_key(n)) if k]
        for territory in territories:
            matches = [
                e.id
                for e in self.bodies_on(territory)
                if e.kind in kinds and not self._keys_of(e)[1].isdisjoint(keys)
            ]
            if len(matches) == 1:
                return matches[0]
            if matches:
                return None
        tokens = {normalize_term(t) for n in names for t in _tokens(n)} - {""}
        if not tokens:
            return None
        for territory in territories:
            found = [
                e.id
                for e in self.bodies_on(territory)
                if e.kind in kinds and not self._keys_of(e)[2].isdisjoint(tokens)
            ]
            if len(found) == 1:
                return found[0]
        return None

    def _keys_of(self, e: Entity) -> tuple[Entity, frozenset[str], frozenset[str]]:
        """Return a body with the keys of its name and abbreviation, and of the words inside its abbreviation.

        Computed once per version of the entity: `find_body` compares them with every reference.
        """
        cached = self._keys.get(e.id)
        if cached is None or cached[0] is not e:
            short = getattr(e, "short", "") or ""
            tokens = frozenset({normalize_term(t) for t in _tokens(short)})
            cached = self._keys[e.id] = (e, frozenset(_own_keys(e)), tokens)
        return cached

    def find_territory(self, name: str, level: TerritoryLevel, parent: str | None = None) -> str | None:
        """Return the known territory of a level (under a parent) whose name matches by word stems."""
        if not name:
            return None
        stems = place_stems(name)
        key = name_key(name)
        found = []
        for node in self._territories:
            e = self.entities[node]
            if not isinstance(e, Territory) or e.level != level or (parent and e.parent != parent):
                continue
            other = name_key(e.name)
            if other == key or (stems and any(s in other for s in stems)):
                found.append(e.id)
        return found[0] if len(found) == 1 else None


def _own_keys(e: Entity) -> set[str]:
    return {normalize_term(e.name), name_key(e.name), normalize_term(getattr(e, "short", "") or "")} - {""}


def _tokens(text: str) -> list[str]:
    """Return the abbreviations and quoted words inside a name («Центр «ДАР»» → ДАР)."""
    return [*abbreviations_in(text), *re.findall(r"«([^«»]{2,30})»", text)]
