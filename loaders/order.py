"""One order → the roadmap it approves, its tables' activities, schools and people, and its load report.

Besides its tables an order adds what its own text says: its issuer, the controller, the coordinators
it appoints, the heads it lists in brackets, the abbreviations it defines and the order it follows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from loaders.batch_file import FileInput, FileResult
from loaders.citations import roadmap_id
from loaders.document import DocumentFacts, clean_lines
from loaders.glossary import Meaning, find_glossary, layer_of, meaning_of
from loaders.header import TableKind
from loaders.known import Known
from loaders.names import name_key, person_key
from loaders.places import Place, place_of, region_of
from loaders.read import RawTable, Workbook
from loaders.records import (
    HEADER_LOOKED_FOR,
    load_glossary,
    load_people,
    load_schools,
    load_unknown,
    school_of,
)
from loaders.report import FileReport
from loaders.resolve import ISSUER_LEVELS, Resolver, Scope
from loaders.roadmap import load_roadmap
from loaders.tables import TableContext, TableLoad, as_rows, classified, footer_definitions
from model.entities import (
    Activity,
    Authority,
    AuthorityLevel,
    Entity,
    NodeKind,
    Person,
    Roadmap,
    RoadmapLevel,
    Source,
    TerritoryLevel,
    academic_year_of,
)
from model.glossary import parse_glossary_lines
from model.ids import child_id, slug
from model.issues import Issue, Severity
from model.relations import EdgeKind, Link

UserGlossary = Callable[[str], Mapping[str, Any]]
"""The user's abbreviations in a region (by its id), as `loaders.store.user_glossary` gives them."""
_source, _target = attrgetter("source"), attrgetter("target")
_HEAD_WORDS = re.compile(r"^(министр|начальник|председатель|руководитель|директор|ректор|заведующ)", re.I)


def load_document(
    item: FileInput,
    book: Workbook,
    facts: DocumentFacts,
    known: Known,
    user_glossary: UserGlossary | None = None,
) -> FileResult:
    """Return what a document gives: its roadmap, activities, executors, schools, people, and its report."""
    file = item.shown
    origin = Source(file)
    issues = list(book.issues)
    level = facts.level or (RoadmapLevel.MUNICIPALITY if facts.municipality else RoadmapLevel.REGION)
    place, entities, links = place_of(
        known, facts.region, facts.municipality if level != RoadmapLevel.REGION else "", origin
    )
    known.add(entities, links)
    facts = replace(facts, level=level, region=_name(known, place.region, facts.region))
    if level != RoadmapLevel.REGION:
        facts = replace(facts, municipality=_name(known, place.municipality, facts.municipality))
    scope = Scope(file, place, level)
    if user_glossary is not None and place.region:
        scope.user = layer_of(user_glossary(place.region).values())
    tables = [(t, *classified(t)) for t in book.tables]
    scope.document = _document_layer(facts, book, tables)
    resolver = Resolver(known, scope)
    start = facts.plan_start or facts.date
    year = academic_year_of(start) if start else None
    if level == RoadmapLevel.SCHOOL:
        scope.school = scope.issuer = _own_school(resolver, facts.issuer or Path(file).stem, year, origin)
    else:
        scope.issuer = _issuer(resolver, facts, level, origin)
    home = known.home(place.territory)
    roadmap = (
        roadmap_id(home, facts.number, facts.date)
        if facts.number and facts.date
        else child_id("rm", home, facts.number or Path(file).stem)
    )
    scope.roadmap = roadmap
    issues += _fact_issues(facts, file)
    _people_of_order(resolver, facts, roadmap, links, origin)
    loads: list[TableLoad] = []
    roadmap_tables = 0
    for table, header, kind, rows in sorted(tables, key=lambda t: t[2] is not TableKind.GLOSSARY):
        activity_prefix = roadmap if roadmap_tables == 0 else f"{roadmap}#{slug(table.sheet)}"
        ctx = TableContext(file, roadmap, facts.plan_start, facts.plan_end, year)
        if header is None or kind is TableKind.UNKNOWN:
            loads.append(load_unknown(table, as_rows(rows), ctx, header))
            continue
        if kind is TableKind.ROADMAP:
            load = load_roadmap(table, header, rows, ctx, resolver)
            if activity_prefix != roadmap:
                _renumber(load, roadmap, activity_prefix)
            roadmap_tables += 1
        elif kind is TableKind.SCHOOLS:
            load = load_schools(table, header, as_rows(rows), ctx, resolver)
        elif kind is TableKind.PEOPLE:
            load = load_people(table, header, as_rows(rows), ctx, resolver)
        else:
            load = load_glossary(table, header, as_rows(rows), ctx)
        loads.append(load)
    _contacts(resolver, facts, links, origin)
    order = {id(t): i for i, t in enumerate(book.tables)}
    loads.sort(key=lambda load: order.get(id(_table_named(book.tables, load.report.sheet)), 0))
    controller = _controller(resolver, facts, roadmap, links, origin)
    based_on = _based_on(known, facts, place, roadmap)
    if controller and not facts.controller:
        person = resolver.get(controller)
        facts = replace(facts, controller=person_key(person.name) if person else "")
    road = Roadmap(
        id=roadmap,
        title=facts.title or Path(file).stem,
        issuer=scope.issuer or "",
        territory=place.territory,
        level=level,
        number=facts.number,
        date=facts.date,
        plan_start=facts.plan_start,
        plan_end=facts.plan_end,
        based_on=based_on,
        controller=controller,
        source=origin,
    )
    if scope.issuer:
        links.append(Link(roadmap, EdgeKind.ISSUED_BY, scope.issuer, origin=origin))
    if road.based_on:
        links.append(Link(roadmap, EdgeKind.BASED_ON, road.based_on, origin=origin))
    for load in loads:
        entities += load.entities
        links += load.links
        issues += load.issues
    activities = [load.activities for load in loads if load.activities is not None]
    entities = [*entities, road, *resolver.entities.values()]
    links += resolver.links
    has_roadmap = any(load.report.kind == str(TableKind.ROADMAP) for load in loads)
    headerless = bool(tables) and all(header is None for _, header, _, _ in tables)
    if not has_roadmap and headerless and book.format != "docx":
        # A spreadsheet is its tables: when none of them loads, the warnings say why.
        message = f"Ни в одной таблице файла нет строки заголовков, таблицы не загружены. {HEADER_LOOKED_FOR}"
        issues.append(Issue("no-header", message, Severity.WARNING, file))
    elif not has_roadmap and not facts.number:
        message = "В файле не найдены ни таблица дорожной карты, ни реквизиты приказа"
        message += f". {HEADER_LOOKED_FOR}" if headerless else ""
        issues.append(Issue("no-roadmap", message, Severity.WARNING, file))
    ends = set(map(_source, links))
    ends.update(map(_target, links))
    ends.update(
        node for columns in activities for carriers in columns.carriers.values() for node, _ in carriers
    )
    people = {e.id for e in entities if isinstance(e, Person)}
    people.update(n for n in ends if n.startswith("person:"))
    report = FileReport(
        file,
        book.format,
        facts,
        [load.report for load in loads],
        schools=sum(load.report.loaded for load in loads if load.report.kind == str(TableKind.SCHOOLS)),
        people=len(people),
        issues=issues,
    )
    return FileResult(item, report, _unique(entities), links, activities=activities)


def _name(known: Known, territory: str | None, written: str) -> str:
    """Return the name of the territory a document was placed on, as the reference workbook writes it."""
    found = known.territory(territory)
    return found.name if found else written


def _table_named(tables: Sequence[RawTable], sheet: str) -> RawTable | None:
    return next((t for t in tables if t.sheet == sheet), None)


def _renumber(load: TableLoad, roadmap: str, prefix: str) -> None:
    """Give the activities of a second roadmap table in one document ids of their own."""
    if load.activities is not None:
        load.activities.prefix = f"{prefix}-"
    renamed = {}
    for i, e in enumerate(load.entities):
        if isinstance(e, Activity):
            new = e.id.replace(f"{roadmap}#", f"{prefix}-", 1)
            renamed[e.id] = new
            load.entities[i] = replace(e, id=new)
    load.links = [
        Link(
            renamed.get(link.source, link.source),
            link.kind,
            renamed.get(link.target, link.target),
            link.attrs,
            link.origin,
        )
        for link in load.links
    ]


def _unique(entities: Sequence[Entity]) -> list[Entity]:
    """Return entities without repeats of an id, the last version of each kept in the first one's place."""
    last: dict[str, Entity] = {}
    for e in entities:
        last[e.id] = e
    return list(last.values())


def _document_layer(
    facts: DocumentFacts, book: Workbook, tables: Sequence[tuple[RawTable, Any, TableKind, Any]]
) -> dict[str, Meaning]:
    """Return the abbreviations the document defines: «(далее – КОиН)», glossary tables, the block below."""
    text = clean_lines(book.text)
    lines = [line for line in text if re.search(r"\(\s*далее", line, re.IGNORECASE)]
    lines += find_glossary(text)
    for table, header, kind, rows in tables:
        if kind is TableKind.GLOSSARY and header is not None:
            lines += load_glossary(table, header, as_rows(rows), TableContext("", "")).definitions
        elif kind is TableKind.UNKNOWN:
            lines += [
                " ".join(c for c in r.row.cells if c)
                for r in as_rows(rows)
                if "далее" in " ".join(r.row.cells)
            ]
        else:
            lines += footer_definitions(rows)
    layer: dict[str, Meaning] = {}
    for key, entry in parse_glossary_lines(lines).items():
        meaning = meaning_of(entry)
        if meaning is not None:
            layer[key] = meaning
    return layer


def _issuer(resolver: Resolver, facts: DocumentFacts, level: RoadmapLevel, origin: Source) -> str | None:
    """Return the issuing body's node: known by name, the one authority of its territory, or created."""
    known, place = resolver.known, resolver.scope.place
    territory = place.territory
    if facts.issuer:
        short = next(
            (
                m.abbreviation
                for m in resolver.scope.document.values()
                if name_key(m.full_name) == name_key(facts.issuer)
            ),
            "",
        )
        kinds = (NodeKind.AUTHORITY, NodeKind.INSTITUTE, NodeKind.SCHOOL)
        found = known.find_body([facts.issuer, short] if short else [facts.issuer], [territory], kinds)
        if found:
            return found
        named = resolver.organisation(facts.issuer, create=False)
        body = resolver.get(named[0].node) if len(named) == 1 and named[0].fan_out is None else None
        if body is not None and body.kind in kinds and getattr(body, "territory", "") == territory:
            return body.id
    same = [
        e.id
        for e in known.bodies_on(territory)
        if isinstance(e, Authority) and e.level == ISSUER_LEVELS.get(level)
    ]
    if len(same) == 1:
        return same[0]
    if not facts.issuer or level == RoadmapLevel.SCHOOL:
        return None
    authority_level = ISSUER_LEVELS.get(level, AuthorityLevel.MUNICIPAL)
    node = child_id("auth", territory, short or facts.issuer)
    resolver.entities[node] = Authority(node, facts.issuer, authority_level, territory, short, None, origin)
    resolver.links.append(Link(node, EdgeKind.LOCATED_IN, territory, origin=origin))
    if level == RoadmapLevel.MUNICIPALITY and place.region:
        above = [
            e.id
            for e in known.bodies_on(place.region)
            if isinstance(e, Authority) and e.level == AuthorityLevel.REGIONAL
        ]
        if len(above) == 1:
            resolver.links.append(Link(node, EdgeKind.SUBORDINATE_TO, above[0], origin=origin))
    return node


def _own_school(resolver: Resolver, name: str, year: int | None, origin: Source) -> str:
    """Return the school that issued its own roadmap: known by name or number, or created."""
    node, entity = school_of(resolver, name, resolver.scope.place.territory, year, origin)
    if entity is not None:
        resolver.entities[node] = entity
    return node


def _based_on(known: Known, facts: DocumentFacts, place: Place, own: str) -> str | None:
    """Return the roadmap of the order this one follows, on the territory of that order's issuer.

    An order cited without its issuer («№ 1721 от 23.10.2020», as the options give it) is one of this
    document's territory or of a territory above it: the nearest known roadmap of that number and date,
    else, for a municipal document, its region's.
    """
    base = facts.based_on
    if base is None or base.date is None:
        return None
    if not base.issuer:
        for nearest in known.chain(place.territory):
            found = roadmap_id(nearest, base.number, base.date)
            if found != own and known.get(found) is not None:
                return found
        above = place.region if place.municipality else None
        return roadmap_id(above, base.number, base.date) if above else None
    region = region_of(base.issuer)
    territory = (
        place.region if region and place.region and (not facts.region or region == facts.region) else None
    )
    if territory is None and region:
        territory = known.find_territory(region, TerritoryLevel.REGION)
    return roadmap_id(territory, base.number, base.date) if territory else None


def _controller(
    resolver: Resolver, facts: DocumentFacts, roadmap: str, links: list[Link], origin: Source
) -> str | None:
    """Return the person who controls the order: named in it, or known from the reference workbook."""
    if not facts.controller:
        known = resolver.known.sources_of(roadmap, EdgeKind.CONTROLS)
        return known[0] if known else None
    node = resolver.person(facts.controller, resolver.scope.issuer, facts.controller_position, origin)
    links.append(Link(node, EdgeKind.CONTROLS, roadmap, origin=origin))
    return node


def _people_of_order(
    resolver: Resolver, facts: DocumentFacts, roadmap: str, links: list[Link], origin: Source
) -> None:
    """Add the signer (head of the issuer) and the coordinators the order appoints."""
    scope = resolver.scope
    if facts.signer and scope.issuer:
        node = resolver.person(facts.signer, scope.issuer, facts.signer_position, origin)
        if _HEAD_WORDS.match(facts.signer_position) and "заместител" not in facts.signer_position.lower():
            links.append(Link(node, EdgeKind.HEADS, scope.issuer, origin=origin))
    for a in facts.coordinators:
        org = resolver.organisation(a.organisation, create=True) if a.organisation else []
        body = org[0].node if org and org[0].fan_out is None else None
        person = resolver.person(a.person, body, a.position, origin)
        if body and (not a.position or _HEAD_WORDS.match(a.position)):
            links.append(Link(person, EdgeKind.HEADS, body, origin=origin))
        coordinator = body if body and not a.position else person
        attrs = {"role": a.role}
        links.append(Link(coordinator, EdgeKind.COORDINATES, roadmap, attrs, origin))
        if a.role != "координатор" or not a.of_group:
            links.append(Link(coordinator, EdgeKind.COORDINATES, scope.place.territory, attrs, origin))
        if a.of_group:
            links.append(Link(coordinator, EdgeKind.COORDINATES, resolver.working_group(), attrs, origin))
        scope.coordinators.append(coordinator)


def _contacts(resolver: Resolver, facts: DocumentFacts, links: list[Link], origin: Source) -> None:
    """Add «Body (Фамилия И.О.)» of the order text as the head of a body already known."""
    for body_text, person in facts.contacts:
        found = resolver.organisation(body_text, create=False)
        if len(found) == 1 and found[0].fan_out is None and found[0].node != resolver.scope.issuer:
            node = resolver.person(person, found[0].node, "", origin)
            links.append(Link(node, EdgeKind.HEADS, found[0].node, origin=origin))


def _details_missing(facts: DocumentFacts) -> str:
    """Return what of an order's number and date was not found, and where to give it: the fields of the
    upload form «Сведения о документах» (named as the form names them) or the command-line flags."""
    if not facts.number and not facts.date:
        found, it, fields, flags = (
            "Не найдены номер и дата приказа",
            "их",
            "поля «Номер приказа» и «Дата приказа»",
            "--number и --date",
        )
    elif not facts.number:
        found, it, fields, flags = "Не найден номер приказа", "его", "поле «Номер приказа»", "--number"
    else:
        found, it, fields, flags = "Не найдена дата приказа", "её", "поле «Дата приказа»", "--date"
    return (
        f"{found}: укажите {it} в шапке документа или в сведениях о документе при загрузке — "
        f"{fields} (в командной строке — {flags})"
    )


def _fact_issues(facts: DocumentFacts, file: str) -> list[Issue]:
    missing = []
    if not facts.number or not facts.date:
        missing.append(Issue("document-details-missing", _details_missing(facts), Severity.WARNING, file))
    if not facts.region:
        missing.append(
            Issue(
                "region-unknown",
                "Не удалось определить регион документа: укажите его в сведениях о документе при загрузке "
                "(в командной строке — --region) или в справочнике",
                Severity.WARNING,
                file,
            )
        )
    if facts.plan_start is None and facts.plan_end is None:
        missing.append(
            Issue(
                "plan-window-unknown",
                "Не найден период плана (например, «на 2020-2021 учебный год»): сроки без года остались "
                "без дат; укажите начало и конец плана в сведениях о документе при загрузке "
                "(в командной строке — --plan-start и --plan-end)",
                Severity.INFO,
                file,
            )
        )
    return missing
