"""Bodies a document names that nobody listed: created on their territory, placed, put under its authority.

A body the built-in glossary knows by kind («ИМЦ» — a methodical centre) but nobody listed is created
on the document's territory (a regional institute on the region, a federal body in the country), located
there and, below the level of an authority, subordinated to the one authority of its territory.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loaders.glossary import Meaning
from loaders.places import COUNTRY
from model.entities import (
    Authority,
    AuthorityLevel,
    Entity,
    Group,
    GroupKind,
    Institute,
    InstituteKind,
    NodeKind,
    School,
    Source,
    Territory,
    TerritoryLevel,
)
from model.glossary import normalize_term
from model.ids import child_id, make_id
from model.relations import EdgeKind, Link

if TYPE_CHECKING:  # the resolver calls these functions when a meaning names a body nobody listed
    from loaders.resolve import Resolver

_AUTHORITY_LEVELS = {str(v): v for v in AuthorityLevel}
_INSTITUTE_KINDS = {str(v): v for v in InstituteKind}
_GROUP_KINDS = {str(v): v for v in GroupKind}
_REGIONAL_INSTITUTES = {
    InstituteKind.REGIONAL_INSTITUTE,
    InstituteKind.ASSESSMENT_CENTRE,
    InstituteKind.SUPPORT_CENTRE,
}


def new_body(resolver: Resolver, m: Meaning, written: str = "") -> str | None:
    """Return the id of the body a meaning names, created on its territory; None when it has no place."""
    place = resolver.scope.place
    kind = m.node_kind
    source = Source(resolver.scope.file)
    short = m.abbreviation
    name = " ".join(written.split()) if written and normalize_term(written) != normalize_term(short) else ""
    name = name or (m.full_name[:1].upper() + m.full_name[1:] if m.full_name else short)
    short = short if short != name else ""
    entity: Entity
    territory = place.territory
    if kind == NodeKind.AUTHORITY:
        level = _AUTHORITY_LEVELS.get(m.subkind, AuthorityLevel.MUNICIPAL)
        on = {AuthorityLevel.REGIONAL: place.region, AuthorityLevel.MUNICIPAL: place.municipality}.get(level)
        if level == AuthorityLevel.FEDERAL:
            on = _country(resolver)
        if on is None:
            return None
        entity = Authority(child_id("auth", on, short or name), name, level, on, short, None, source)
    elif kind == NodeKind.INSTITUTE:
        sub = _INSTITUTE_KINDS.get(m.subkind, InstituteKind.OTHER)
        local = re.search(r"муниципальн|городск|районн", f"{m.full_name} {written}".lower())
        if sub in _REGIONAL_INSTITUTES and not local:
            territory = place.region or territory
        elif sub == InstituteKind.FEDERAL_OPERATOR:
            territory = _country(resolver)
        node = child_id("inst", territory, short or name)
        entity = Institute(node, name, sub, territory, short, None, source)
    elif kind == NodeKind.GROUP:
        group_kind = _GROUP_KINDS.get(m.subkind, GroupKind.OTHER)
        node = child_id("group", territory, short or name)
        entity = Group(node, name, territory, group_kind, None, source)
    elif kind == NodeKind.SCHOOL:
        node = child_id("school", resolver.known.home(territory), name)
        entity = School(node, name, territory, (), short, None, source)
    else:
        return None
    if resolver.get(entity.id) is None:
        resolver.entities[entity.id] = entity
        resolver.links.extend(_placed(resolver, entity))
    return entity.id


def _country(resolver: Resolver) -> str:
    node = make_id("ter", COUNTRY)
    if resolver.get(node) is None:
        resolver.entities[node] = Territory(
            node, COUNTRY, TerritoryLevel.COUNTRY, None, Source(resolver.scope.file)
        )
    return node


def _placed(resolver: Resolver, e: Entity) -> list[Link]:
    """Return where a created body stands and whom it answers to (the authority of its territory)."""
    territory: str = getattr(e, "territory", "")
    source = Source(resolver.scope.file)
    links = [Link(e.id, EdgeKind.LOCATED_IN, territory, origin=source)]
    if isinstance(e, Institute | School) or (isinstance(e, Authority) and e.level == AuthorityLevel.DISTRICT):
        superior = _authority_on(resolver, resolver.known.home(territory))
        if superior and superior != e.id:
            links.append(Link(e.id, EdgeKind.SUBORDINATE_TO, superior, origin=source))
    return links


def _authority_on(resolver: Resolver, territory: str) -> str | None:
    issuer = resolver.get(resolver.scope.issuer)
    if isinstance(issuer, Authority) and issuer.territory == territory:
        return issuer.id
    found = [
        e.id
        for e in resolver.known.bodies_on(territory)
        if isinstance(e, Authority) and e.level in (AuthorityLevel.REGIONAL, AuthorityLevel.MUNICIPAL)
    ]
    return found[0] if len(found) == 1 else None
