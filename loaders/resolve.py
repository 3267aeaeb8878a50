"""Who an executor reference names: a body, a person, a fan-out over a territory, or nobody known.

An organisation is looked up, in order, in the document's own abbreviations, the abbreviations of the
reference workbook and of the user (per territory, then the territories above it), the bodies already
known on the document's territory and above it, and finally the built-in glossary, which may create
the body on its territory. What is found nowhere is reported and counted, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from loaders.created_bodies import new_body
from loaders.glossary import Meaning, meaning_of
from loaders.known import BODY_KINDS, Known
from loaders.names import abbreviations_in, person_key
from loaders.places import Place
from model.entities import (
    Authority,
    AuthorityLevel,
    Entity,
    Group,
    GroupKind,
    NodeKind,
    Person,
    RoadmapLevel,
    Source,
)
from model.glossary import guess_entry, lookup_keys, normalize_term, resolve_term
from model.ids import child_id
from model.issues import Issue, Severity
from model.relations import EdgeKind, FanOut, Link

_SCHOOL_ROLE = re.compile(r"\bоо\b|\bшнор\b|школ|директор|учител|педагог|классн|увр|руководител\w* оо", re.I)
ISSUER_LEVELS = {
    RoadmapLevel.REGION: AuthorityLevel.REGIONAL,
    RoadmapLevel.MUNICIPALITY: AuthorityLevel.MUNICIPAL,
}
"""The level of the authority that issues a roadmap of a level."""


class Ref(Protocol):
    """An executor reference as `model.executors.parse_executors` returns it."""

    @property
    def kind(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def person(self) -> str: ...
    @property
    def abbreviation(self) -> str: ...


# --- resolution ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """A node that carries an activity; a territory with `fan_out` stands for every body of a kind in it."""

    node: str
    fan_out: FanOut | None = None


@dataclass(slots=True)
class Scope:
    """What a document's references are resolved against."""

    file: str
    place: Place
    level: RoadmapLevel
    issuer: str | None = None
    roadmap: str = ""
    school: str | None = None
    document: dict[str, Meaning] = field(default_factory=dict)
    user: dict[str, Meaning] = field(default_factory=dict)
    coordinators: list[str] = field(default_factory=list)
    working_group: str | None = None


BuiltinLookup = Any
"""A function from a term to a built-in glossary entry, or None (`model.glossary`)."""


class Resolver:
    """Resolves a document's executor references; remembers the bodies and people it had to create."""

    def __init__(self, known: Known, scope: Scope, builtin: BuiltinLookup = None) -> None:
        self.known = known
        self.scope = scope
        self.builtin = builtin or _builtin_lookup()
        self.entities: dict[str, Entity] = {}
        self.links: list[Link] = []
        self._cache: dict[tuple[str, str, str, str], list[Target]] = {}

    # -- public --

    def get(self, node: str | None) -> Entity | None:
        """Return an entity known before the document or created while reading it."""
        return self.entities.get(node or "") or self.known.get(node)

    def resolve(self, ref: Ref) -> list[Target]:
        """Return the targets a reference names (empty when nobody is found)."""
        key = (str(ref.kind), ref.name, ref.person, ref.abbreviation)
        if key not in self._cache:
            self._cache[key] = self._resolve(ref)
        return self._cache[key]

    def organisation(self, name: str, create: bool = True) -> list[Target]:
        """Return the body a name or abbreviation names; the built-in glossary may create it."""
        terms = _terms(name)
        for layer in self._layers():
            for key in lookup_keys(name):
                meaning = layer.get(key)
                if meaning is not None:
                    found = self._meaning(meaning, create, name)
                    if found:
                        return found
        node = self.known.find_body(terms, self._chain()) or self._created_body(terms)
        if node:
            return [Target(node)]
        if self.scope.issuer and self._is_issuer(terms):
            return [Target(self.scope.issuer)]
        entry = self.builtin(name)
        meaning = meaning_of(entry) if entry is not None else None
        return self._meaning(meaning, create, name) if meaning is not None else []

    def person(
        self, name: str, organisation: str | None = None, position: str = "", source: Source | None = None
    ) -> str:
        """Return the node of a person on the document's territory, creating the person when unknown."""
        key = person_key(name)
        for territory in self._chain():
            node = child_id("person", territory, key)
            created = self.entities.get(node)
            if isinstance(created, Person):
                self._fill(created, name, key, organisation, position, source)
            if self.get(node) is not None:
                return node
        node = child_id("person", self.known.home(self.scope.place.territory), key)
        self.entities[node] = Person(
            node, _display_name(name, key), position, organisation, None, source or Source(self.scope.file)
        )
        if organisation:
            self.links.append(
                Link(node, EdgeKind.WORKS_AT, organisation, origin=source or Source(self.scope.file))
            )
        return node

    def _fill(
        self,
        person: Person,
        name: str,
        key: str,
        organisation: str | None,
        position: str,
        source: Source | None,
    ) -> None:
        """Complete a person created earlier in the document with a fuller name, a position, a workplace."""
        fuller = _display_name(name, key)
        changes: dict[str, Any] = {}
        if len(fuller.split()) > len(person.name.split()):
            changes["name"] = fuller
            if source is not None:
                changes["source"] = source
        if position and not person.position:
            changes["position"] = position
        if organisation and not person.organisation:
            changes["organisation"] = organisation
            self.links.append(
                Link(person.id, EdgeKind.WORKS_AT, organisation, origin=source or person.source)
            )
        if changes:
            self.entities[person.id] = replace(person, **changes)

    def working_group(self, name: str = "", source: Source | None = None) -> str:
        """Return the working group of the document's territory, creating it when none is known."""
        if self.scope.working_group:
            return self.scope.working_group
        territory = self.scope.place.territory
        groups = [
            e.id
            for e in self.known.bodies_on(territory)
            if isinstance(e, Group) and e.group_kind == GroupKind.WORKING_GROUP
        ]
        if len(groups) == 1:
            self.scope.working_group = groups[0]
            return groups[0]
        label = name or (
            "Региональная рабочая группа"
            if self.scope.level == RoadmapLevel.REGION
            else "Муниципальная рабочая группа"
        )
        label = label[0].upper() + label[1:]
        node = child_id("group", territory, label)
        if self.get(node) is None:
            self.entities[node] = Group(
                node, label, territory, GroupKind.WORKING_GROUP, None, source or Source(self.scope.file)
            )
            self.links.append(
                Link(node, EdgeKind.LOCATED_IN, territory, origin=source or Source(self.scope.file))
            )
        self.scope.working_group = node
        return node

    # -- references --

    def _resolve(self, ref: Ref) -> list[Target]:
        kind = str(ref.kind)
        if kind == "person":
            return [Target(self.person(ref.name))]
        terms = [ref.abbreviation, ref.name] if ref.abbreviation else [ref.name]
        for term in terms:
            found = self.organisation(term, create=kind != "role")
            if found:
                if (
                    ref.person
                    and len(found) == 1
                    and found[0].fan_out is None
                    and self._is_body(found[0].node)
                ):
                    self.person(ref.person, found[0].node)
                return found
        return self._role(ref.name) if kind == "role" else self._group(ref.name) if kind == "group" else []

    def _is_body(self, node: str) -> bool:
        e = self.get(node)
        return e is not None and e.kind in (NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.SCHOOL)

    def _coordinators(self) -> list[Target]:
        coordinators = (
            self.scope.coordinators
            or self.known.coordinators_of(self.scope.roadmap)
            or self.known.coordinators_of(self.scope.place.territory)
        )
        return [Target(c) for c in coordinators]

    def _role(self, name: str) -> list[Target]:
        low = name.lower()
        if "координатор" in low:
            return self._coordinators()
        if _SCHOOL_ROLE.search(low):
            return self._fan_out(FanOut.SCHOOLS)
        return []

    def _group(self, name: str) -> list[Target]:
        low = name.lower()
        if "рабоч" in low and "групп" in low:
            return [Target(self.working_group(name))]
        return []

    def _fan_out(self, fan_out: FanOut) -> list[Target]:
        place = self.scope.place
        if self.scope.level == RoadmapLevel.SCHOOL and fan_out == FanOut.SCHOOLS and self.scope.school:
            return [Target(self.scope.school)]
        if fan_out == FanOut.MUNICIPAL_AUTHORITIES:
            if self.scope.level != RoadmapLevel.REGION and self.scope.issuer:
                return [Target(self.scope.issuer)]
            return [Target(place.region, fan_out)] if place.region else []
        if fan_out == FanOut.DISTRICT_AUTHORITIES:
            return [Target(place.municipality, fan_out)] if place.municipality else []
        return [Target(place.territory, fan_out)]

    # -- organisations --

    def _layers(self) -> list[Mapping[str, Meaning]]:
        layers: list[Mapping[str, Meaning]] = [self.scope.document]
        layers += [self.known.glossary[t] for t in self._chain() if t in self.known.glossary]
        layers.append(self.scope.user)
        if "" in self.known.glossary:
            layers.append(self.known.glossary[""])
        return layers

    def _chain(self) -> list[str]:
        chain = self.known.chain(self.scope.place.territory)
        for t in (self.scope.place.municipality, self.scope.place.region):
            if t and t not in chain:
                chain.append(t)
        return chain

    def _meaning(self, m: Meaning, create: bool, written: str = "") -> list[Target]:
        if m.node and self.get(m.node) is not None:
            return [Target(m.node)]
        if m.fan_out is not None:
            return self._fan_out(m.fan_out)
        if m.node_kind == NodeKind.PERSON:
            return self._coordinators() if "координатор" in m.abbreviation.lower() else []
        if m.node_kind == NodeKind.GROUP and m.subkind == str(GroupKind.WORKING_GROUP):
            return [Target(self.working_group(m.full_name or m.abbreviation))]
        for looked_up in ([m.full_name], [m.abbreviation]) if m.full_name else ([m.abbreviation],):
            node = self.known.find_body(looked_up, self._chain()) or self._created_body(looked_up)
            if node:
                return [Target(node)]
            if self.scope.issuer and (self._is_issuer(looked_up) or self._is_issuer_kind(m)):
                return [Target(self.scope.issuer)]
        if m.node_kind is None and m.full_name:
            inner = meaning_of(self.builtin(m.full_name)) if self.builtin(m.full_name) is not None else None
            guessed = guess_entry(m.abbreviation, m.full_name)
            inner = inner or (meaning_of(guessed) if guessed is not None else None)
            if inner is not None and (inner.node_kind or inner.fan_out):
                return self._meaning(
                    Meaning(m.abbreviation, m.full_name, inner.node_kind, inner.subkind, inner.fan_out),
                    create,
                    written,
                )
        if create and m.node_kind is not None:
            node = new_body(self, m, written)
            return [Target(node)] if node else []
        return []

    def _is_issuer(self, names: Sequence[str]) -> bool:
        issuer = self.get(self.scope.issuer)
        if issuer is None:
            return False
        own = {normalize_term(issuer.name), normalize_term(getattr(issuer, "short", "") or "")} - {""}
        return any(normalize_term(n) in own for n in names)

    def _is_issuer_kind(self, m: Meaning) -> bool:
        issuer = self.get(self.scope.issuer)
        if not isinstance(issuer, Authority) or m.node_kind != NodeKind.AUTHORITY:
            return False
        return m.subkind == str(ISSUER_LEVELS.get(self.scope.level, ""))

    def _created_body(self, names: Sequence[str]) -> str | None:
        keys = {normalize_term(n) for n in names} - {""}
        for e in self.entities.values():
            if e.kind in BODY_KINDS and keys & {
                normalize_term(e.name),
                normalize_term(getattr(e, "short", "") or ""),
            }:
                return e.id
        return None


def _terms(name: str) -> list[str]:
    """Return the spellings to look a name up by: as written, its abbreviations, its quoted part."""
    terms = [name]
    quoted = re.findall(r"«([^«»]+)»", name)
    terms += abbreviations_in(name)
    terms += quoted
    return list(dict.fromkeys(t.strip() for t in terms if t.strip()))


def _display_name(name: str, key: str) -> str:
    text = " ".join(re.sub(r"\([^)]*\)", " ", name).split()).strip(" ,;")
    return text if len(text.split()) >= 3 else key


def _builtin_lookup() -> BuiltinLookup:
    """Return the lookup of the built-in glossary (`model.glossary`)."""
    return resolve_term


_KEPT_AS_TEXT = "Мероприятие загружено, исполнитель сохранён как текст."


def unresolved_issue(ref: Ref, file: str, sheet: str, row: int | None, column: str) -> Issue:
    """Return the warning for a reference nobody was found for, in the words a user acts on."""
    kind = str(ref.kind)
    if kind == "role" and "координатор" in ref.name.lower():
        message = (
            f"Исполнитель «{ref.name}»: координатор не назначен ни в приказе, ни в справочнике (лист «Люди», "
            f"роль «координатор»). {_KEPT_AS_TEXT}"
        )
        return Issue("unresolved-executor", message, Severity.WARNING, file, sheet, row, column)
    abbreviations = abbreviations_in(ref.abbreviation or ref.name)
    if kind != "person" and abbreviations:
        message = (
            f"Исполнитель «{ref.name}» не найден: сокращения «{abbreviations[-1]}» нет ни в документе, "
            f"ни в справочнике, ни во встроенном словаре. {_KEPT_AS_TEXT} Добавьте сокращение на лист "
            "«Сокращения» справочника или задайте его значение в разделе «Нераспознанные сокращения» на "
            "странице «Данные»."
        )
        return Issue("unknown-abbreviation", message, Severity.WARNING, file, sheet, row, column)
    message = (
        f"Исполнитель «{ref.name}» не найден среди известных организаций, людей и рабочих групп. "
        + _KEPT_AS_TEXT
    )
    return Issue("unresolved-executor", message, Severity.WARNING, file, sheet, row, column)
