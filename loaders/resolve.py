"""Who an executor reference names: a body, a person, a fan-out over a territory, or nobody known.

An organisation is looked up, in order, in the document's own abbreviations, the abbreviations of the
reference workbook and of the user (per territory, then the territories above it), the bodies already
known on the document's territory and above it, and finally the built-in glossary, which may create
the body on its territory. What is found nowhere is reported and counted, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from loaders.workbook import person_key
from model.entities import (
    Authority,
    AuthorityLevel,
    Entity,
    Group,
    GroupKind,
    Institute,
    InstituteKind,
    NodeKind,
    Person,
    RoadmapLevel,
    School,
    Source,
    Territory,
    TerritoryLevel,
)
from model.executors import ORGANISATION_FORMS, replace_lookalikes
from model.glossary import guess_entry, lookup_keys, normalize_term, resolve_term
from model.ids import child_id, make_id
from model.issues import Issue, Severity
from model.relations import EdgeKind, FanOut, Link

COUNTRY = "Российская Федерация"
_LEGAL_FORMS = ORGANISATION_FORMS | {"моу", "го", "гоудпо", "пк", "с"}
_ABBREVIATION = re.compile(r"(?<![\w-])(?=(?:\w*[А-ЯЁ]){2})[А-ЯЁ][А-ЯЁа-яё]{1,11}(?![\w-])")
_SCHOOL_ROLE = re.compile(r"\bоо\b|\bшнор\b|школ|директор|учител|педагог|классн|увр|руководител\w* оо", re.I)
_GENERIC_PLACE_WORDS = frozenset(
    [
        "город",
        "города",
        "г",
        "городской",
        "городского",
        "округ",
        "округа",
        "район",
        "района",
        "муниципальный",
        "муниципального",
        "область",
        "области",
        "край",
        "края",
        "республика",
        "республики",
        "автономный",
        "го",
        "мо",
    ]
)
_AUTHORITY_LEVELS = {str(v): v for v in AuthorityLevel}
_INSTITUTE_KINDS = {str(v): v for v in InstituteKind}
_GROUP_KINDS = {str(v): v for v in GroupKind}
_REGIONAL_INSTITUTES = {
    InstituteKind.REGIONAL_INSTITUTE,
    InstituteKind.ASSESSMENT_CENTRE,
    InstituteKind.SUPPORT_CENTRE,
}
_BODY_KINDS = (NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.GROUP, NodeKind.SCHOOL)
_PREFIX = {
    NodeKind.AUTHORITY: "auth",
    NodeKind.INSTITUTE: "inst",
    NodeKind.GROUP: "group",
    NodeKind.SCHOOL: "school",
}


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


# --- names --------------------------------------------------------------------------------------------------


def name_key(text: str) -> str:
    """Return a name as a lookup key: lower case, ё as е, no quotes or punctuation, single spaces.

    >>> name_key("МБОУ ДПО «ИМЦ»"), name_key("Комитет  образования\\nи науки")
    ('мбоу дпо имц', 'комитет образования и науки')
    """
    text = replace_lookalikes(unicodedata.normalize("NFKC", text)).lower().replace("ё", "е")
    return " ".join(re.sub(r"[^\w№]+", " ", text).split())


def abbreviations_in(text: str) -> list[str]:
    """Return the abbreviations in a name, without legal forms («ГОО «Кузбасский РЦППМС»» → РЦППМС)."""
    return [a for a in _ABBREVIATION.findall(text) if name_key(a) not in _LEGAL_FORMS]


def place_stems(name: str) -> list[str]:
    """Return the stems of the proper words of a territory's name, to match its other spellings.

    >>> place_stems("город Новокузнецк"), place_stems("Полысаевский городской округ")
    (['новокуз'], ['полысаев'])
    """
    words = [w for w in name_key(name).replace("-", " ").split() if w not in _GENERIC_PLACE_WORDS]
    return [w[: max(5, len(w) - 4)] for w in words if len(w) >= 5 and not w.isdigit()]


def school_number(name: str) -> str:
    """Return the number of a school written in its name («№ 35»), or an empty string."""
    found = re.search(r"№\s*(\d+)", name)
    return found.group(1) if found else ""


# --- meanings of abbreviations ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Meaning:
    """What an abbreviation stands for: a full name, what kind of body, a fan-out, or a known node."""

    abbreviation: str
    full_name: str = ""
    node_kind: NodeKind | None = None
    subkind: str = ""
    fan_out: FanOut | None = None
    node: str | None = None


def meaning_of(entry: Any) -> Meaning | None:
    """Return the meaning of a glossary entry given as a `GlossaryEntry` or as a stored mapping."""
    get = (
        entry.get if isinstance(entry, Mapping) else (lambda key, default=None: getattr(entry, key, default))
    )
    abbreviation = str(get("abbreviation", "") or "")
    full_name = str(get("full_name", "") or "")
    if not abbreviation and not full_name:
        return None
    kind = get("node_kind", None)
    fan_out = get("fan_out", None)
    try:
        node_kind = NodeKind(str(kind)) if kind else None
        fan = FanOut(str(fan_out)) if fan_out else None
    except ValueError:
        node_kind, fan = None, None
    subkind = get("subkind", "")
    return Meaning(abbreviation, full_name, node_kind, str(subkind or ""), fan, get("node", None) or None)


def layer_of(entries: Iterable[Any]) -> dict[str, Meaning]:
    """Return a glossary layer keyed by `normalize_term` of each abbreviation and full name."""
    layer: dict[str, Meaning] = {}
    for entry in entries:
        meaning = meaning_of(entry)
        if meaning is None:
            continue
        for term in (meaning.abbreviation, meaning.full_name):
            if term and normalize_term(term):
                layer.setdefault(normalize_term(term), meaning)
    return layer


# --- what is known ------------------------------------------------------------------------------------------


class Known:
    """What is known before a document is read: the reference workbook, the store, earlier files."""

    def __init__(self, entities: Iterable[Entity] = (), links: Iterable[Link] = ()) -> None:
        self.entities: dict[str, Entity] = {}
        self.links: list[Link] = []
        self.glossary: dict[str, dict[str, Meaning]] = {}
        self._by_territory: dict[str, list[str]] = {}
        self._incoming: dict[tuple[str, EdgeKind], list[str]] = {}
        self.add(entities, links)

    def add(self, entities: Iterable[Entity], links: Iterable[Link] = ()) -> None:
        """Add entities and links (a later entity with a known id replaces the earlier one)."""
        for e in entities:
            if e.id not in self.entities and e.kind in _BODY_KINDS:
                self._by_territory.setdefault(self.home(e.territory), []).append(e.id)  # type: ignore[union-attr]
            self.entities[e.id] = e
        for link in links:
            self.links.append(link)
            self._incoming.setdefault((link.target, link.kind), []).append(link.source)

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
        t = self.territory(territory)
        return t.parent if t and t.level == TerritoryLevel.DISTRICT and t.parent else territory

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
        self, names: Sequence[str], territories: Sequence[str], kinds: Sequence[NodeKind] = _BODY_KINDS
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
                if e.kind in kinds and any(k in _own_keys(e) for k in keys)
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
                if e.kind in kinds
                and tokens & {normalize_term(t) for t in _tokens(getattr(e, "short", "") or "")}
            ]
            if len(found) == 1:
                return found[0]
        return None

    def find_territory(self, name: str, level: TerritoryLevel, parent: str | None = None) -> str | None:
        """Return the known territory of a level (under a parent) whose name matches by word stems."""
        if not name:
            return None
        stems = place_stems(name)
        key = name_key(name)
        found = []
        for e in self.entities.values():
            if not isinstance(e, Territory) or e.level != level or (parent and e.parent != parent):
                continue
            other = name_key(e.name)
            if other == key or (stems and any(s in other for s in stems)):
                found.append(e.id)
        return found[0] if len(found) == 1 else None


# --- the place of a document --------------------------------------------------------------------------------


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
            node = self._create(m, written)
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
        level = {
            RoadmapLevel.REGION: AuthorityLevel.REGIONAL,
            RoadmapLevel.MUNICIPALITY: AuthorityLevel.MUNICIPAL,
        }
        return m.subkind == str(level.get(self.scope.level, ""))

    def _created_body(self, names: Sequence[str]) -> str | None:
        keys = {normalize_term(n) for n in names} - {""}
        for e in self.entities.values():
            if e.kind in _BODY_KINDS and keys & {
                normalize_term(e.name),
                normalize_term(getattr(e, "short", "") or ""),
            }:
                return e.id
        return None

    def _create(self, m: Meaning, written: str = "") -> str | None:
        place = self.scope.place
        kind = m.node_kind
        source = Source(self.scope.file)
        short = m.abbreviation
        name = (
            " ".join(written.split()) if written and normalize_term(written) != normalize_term(short) else ""
        )
        name = name or (m.full_name[:1].upper() + m.full_name[1:] if m.full_name else short)
        short = short if short != name else ""
        entity: Entity
        territory = place.territory
        if kind == NodeKind.AUTHORITY:
            level = _AUTHORITY_LEVELS.get(m.subkind, AuthorityLevel.MUNICIPAL)
            on = {AuthorityLevel.REGIONAL: place.region, AuthorityLevel.MUNICIPAL: place.municipality}.get(
                level
            )
            if level == AuthorityLevel.FEDERAL:
                on = self._country()
            if on is None:
                return None
            entity = Authority(child_id("auth", on, short or name), name, level, on, short, None, source)
        elif kind == NodeKind.INSTITUTE:
            sub = _INSTITUTE_KINDS.get(m.subkind, InstituteKind.OTHER)
            local = re.search(r"муниципальн|городск|районн", f"{m.full_name} {written}".lower())
            if sub in _REGIONAL_INSTITUTES and not local:
                territory = place.region or territory
            elif sub == InstituteKind.FEDERAL_OPERATOR:
                territory = self._country()
            node = child_id("inst", territory, short or name)
            entity = Institute(node, name, sub, territory, short, None, source)
        elif kind == NodeKind.GROUP:
            group_kind = _GROUP_KINDS.get(m.subkind, GroupKind.OTHER)
            node = child_id("group", territory, short or name)
            entity = Group(node, name, territory, group_kind, None, source)
        elif kind == NodeKind.SCHOOL:
            node = child_id("school", self.known.home(territory), name)
            entity = School(node, name, territory, (), short, None, source)
        else:
            return None
        if self.get(entity.id) is None:
            self.entities[entity.id] = entity
            self.links.extend(self._placed(entity))
        return entity.id

    def _country(self) -> str:
        node = make_id("ter", COUNTRY)
        if self.get(node) is None:
            self.entities[node] = Territory(
                node, COUNTRY, TerritoryLevel.COUNTRY, None, Source(self.scope.file)
            )
        return node

    def _placed(self, e: Entity) -> list[Link]:
        """Return where a created body stands and whom it answers to (the authority of its territory)."""
        territory: str = getattr(e, "territory", "")
        source = Source(self.scope.file)
        links = [Link(e.id, EdgeKind.LOCATED_IN, territory, origin=source)]
        if isinstance(e, Institute | School) or (
            isinstance(e, Authority) and e.level == AuthorityLevel.DISTRICT
        ):
            superior = self._authority_on(self.known.home(territory))
            if superior and superior != e.id:
                links.append(Link(e.id, EdgeKind.SUBORDINATE_TO, superior, origin=source))
        return links

    def _authority_on(self, territory: str) -> str | None:
        issuer = self.get(self.scope.issuer)
        if isinstance(issuer, Authority) and issuer.territory == territory:
            return issuer.id
        found = [
            e.id
            for e in self.known.bodies_on(territory)
            if isinstance(e, Authority) and e.level in (AuthorityLevel.REGIONAL, AuthorityLevel.MUNICIPAL)
        ]
        return found[0] if len(found) == 1 else None


def _own_keys(e: Entity) -> set[str]:
    return {normalize_term(e.name), name_key(e.name), normalize_term(getattr(e, "short", "") or "")} - {""}


def _short_tokens(e: Entity) -> set[str]:
    return {normalize_term(t) for t in _tokens(getattr(e, "short", "") or "")} - {""}


def _tokens(text: str) -> list[str]:
    """Return the abbreviations and quoted words inside a name («Центр «ДАР»» → ДАР)."""
    return [*abbreviations_in(text), *re.findall(r"«([^«»]{2,30})»", text)]


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


def unresolved_issue(ref: Ref, file: str, sheet: str, row: int | None, column: str) -> Issue:
    """Return the warning for a reference nobody was found for, in the words a user acts on."""
    kind = str(ref.kind)
    if kind == "role" and "координатор" in ref.name.lower():
        message = (
            f"Исполнитель «{ref.name}»: координатор не назначен ни в приказе, ни в справочнике (лист «Люди», "
            "роль «координатор»). Мероприятие загружено, исполнитель сохранён как текст."
        )
        return Issue("unresolved-executor", message, Severity.WARNING, file, sheet, row, column)
    abbreviations = abbreviations_in(ref.abbreviation or ref.name)
    if kind != "person" and abbreviations:
        message = (
            f"Исполнитель «{ref.name}» не найден: сокращение «{abbreviations[-1]}» нет ни в документе, "
            "ни в справочнике, ни во встроенном словаре. Добавьте его на лист «Сокращения» справочника "
            "или задайте его значение в разделе «Сокращения»."
        )
        return Issue("unknown-abbreviation", message, Severity.WARNING, file, sheet, row, column)
    message = (
        f"Исполнитель «{ref.name}» не найден среди известных организаций, людей и рабочих групп. "
        "Мероприятие загружено, исполнитель сохранён как текст."
    )
    return Issue("unresolved-executor", message, Severity.WARNING, file, sheet, row, column)
