"""A batch of files → reference workbooks first, then documents → entities, links, progress, issues, reports.

`load_batch` reads without writing (the `check` command); `import_batch` writes each file that loaded
without error to the store, one transaction per file (the `import` command).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from loaders.document import (
    DocumentFacts,
    DocumentOptions,
    OrderRef,
    clean_lines,
    parse_date,
    parse_document_facts,
    region_of,
    with_options,
)
from loaders.layout import TableKind, find_glossary
from loaders.read import RawTable, Workbook, read_tables
from loaders.report import FileReport, IgnoredRow, LoadReport, RejectedRow, TableReport
from loaders.resolve import Known, Meaning, Place, Resolver, Scope, meaning_of, name_key, place_of
from loaders.roadmap import (
    TableContext,
    TableLoad,
    classified,
    footer_definitions,
    load_glossary,
    load_people,
    load_roadmap,
    load_schools,
    load_unknown,
    school_of,
)
from loaders.workbook import (
    looks_like_reference,
    parse_document_ref,
    person_key,
    read_reference,
    roadmap_id,
)
from model.entities import (
    Activity,
    Authority,
    AuthorityLevel,
    Entity,
    NodeKind,
    Person,
    Roadmap,
    RoadmapLevel,
    School,
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

_LEVEL_ORDER = {
    RoadmapLevel.FEDERAL: 0,
    RoadmapLevel.REGION: 1,
    RoadmapLevel.MUNICIPALITY: 2,
    RoadmapLevel.SCHOOL: 3,
}
_HEAD_WORDS = re.compile(r"^(министр|начальник|председатель|руководитель|директор|ректор|заведующ)", re.I)


@dataclass(frozen=True, slots=True)
class FileInput:
    """A file to load, the facts the user gives about it, and the name to show for it."""

    path: Path
    options: DocumentOptions = field(default_factory=DocumentOptions)
    name: str = ""

    @property
    def shown(self) -> str:
        """Return the file name shown in reports and issues."""
        return self.name or self.path.name


@dataclass(slots=True)
class FileResult:
    """What one file gave: its report, and what it contributes to the store."""

    input: FileInput
    report: FileReport
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    progress: list[dict[str, Any]] = field(default_factory=list)
    reference: bool = False


def load_batch(
    inputs: Sequence[FileInput],
    known: Known | None = None,
    user_glossary: UserGlossary | None = None,
) -> list[FileResult]:
    """Return what every file gives: reference workbooks first, regional orders before municipal ones.

    A file that fails in a way nobody foresaw gives one error issue instead of stopping the batch.
    """
    known = known or Known()
    results: dict[int, FileResult] = {}
    documents: list[tuple[int, FileInput, Workbook, DocumentFacts]] = []
    for index, item in enumerate(inputs):
        try:
            book = read_tables(item.path, name=item.shown)
            if not book.tables and any(i.severity == Severity.ERROR for i in book.issues):
                results[index] = FileResult(
                    item, FileReport(item.shown, book.format, issues=list(book.issues))
                )
            elif looks_like_reference(t.sheet for t in book.tables):
                results[index] = _load_reference(item, book, known)
            else:
                facts = with_options(parse_document_facts(_text_of(book)), item.options)
                documents.append((index, item, book, facts))
        except Exception as error:  # a bug must cost one file, not the batch nor a traceback
            results[index] = _failed(item, error)
    documents.sort(key=lambda d: (_LEVEL_ORDER.get(d[3].level or RoadmapLevel.MUNICIPALITY, 2), d[0]))
    for index, item, book, facts in documents:
        try:
            result = load_document(item, book, facts, known, user_glossary)
        except Exception as error:  # see above
            results[index] = _failed(item, error, book.format)
            continue
        known.add(result.entities, result.links)
        results[index] = result
    ordered = [results[i] for i in sorted(results)]
    activities = [e for e in known.entities.values() if isinstance(e, Activity)]
    for result in ordered:
        if result.reference:
            result.progress = _progress_rows(result, activities)
    return ordered


def _failed(item: FileInput, error: Exception, fmt: str = "") -> FileResult:
    message = (
        f"Не удалось загрузить файл «{item.shown}»: внутренняя ошибка программы "
        f"({type(error).__name__}: {error}). Сообщите о ней разработчикам и приложите файл."
    )
    issue = Issue("load-failed", message, Severity.ERROR, item.shown)
    return FileResult(
        item, FileReport(item.shown, fmt or item.path.suffix.lstrip(".").lower(), issues=[issue])
    )


def report_of(results: Sequence[FileResult]) -> LoadReport:
    """Return the load report of a batch."""
    return LoadReport([r.report for r in results])


def _text_of(book: Workbook) -> str:
    """Return a document's running text and the text of its tables that are not data (a passport)."""
    parts = [book.text]
    for table in book.tables:
        _, kind, _ = classified(table)
        if kind is TableKind.UNKNOWN:
            parts.extend(" ".join(c for c in row.cells if c) for row in table.rows)
    return "\n".join(p for p in parts if p)


# --- reference workbooks ------------------------------------------------------------------------------------


def _load_reference(item: FileInput, book: Workbook, known: Known) -> FileResult:
    result = read_reference(item.path)
    issues = [_renamed(i, item.shown, item.path.name) for i in result.issues]
    entities = [_with_file(e, item.shown, item.path.name) for e in result.entities]
    links = [_link_with_file(link, item.shown, item.path.name) for link in result.links]
    known.add(entities, links)
    known.add_glossary(result.glossary)
    tables = [_reference_table(t) for t in result.tables]
    report = FileReport(
        item.shown,
        book.format,
        None,
        tables,
        schools=sum(1 for e in entities if isinstance(e, School)),
        people=sum(1 for e in entities if isinstance(e, Person)),
        issues=issues,
    )
    progress = [dict(p, file=item.shown) for p in result.progress_rows]
    return FileResult(item, report, entities, links, progress, reference=True)


def _reference_table(t: Mapping[str, Any]) -> TableReport:
    return TableReport(
        sheet=str(t["sheet"]),
        kind=str(t.get("kind", "reference")),
        rows_read=int(t["rows_read"]),
        header_rows=int(t["header_rows"]),
        loaded=int(t["loaded"]),
        ignored=[IgnoredRow(int(r["row"]), str(r["reason"])) for r in t["ignored"]],
        rejected=[RejectedRow(int(r["row"]), str(r["issue"])) for r in t["rejected"]],
    )


def _renamed(issue: Issue, shown: str, actual: str) -> Issue:
    if shown == actual or issue.file != actual:
        return issue
    return Issue(issue.code, issue.message, issue.severity, shown, issue.sheet, issue.row, issue.column)


def _with_file(e: Entity, shown: str, actual: str) -> Entity:
    if shown == actual or e.source.file != actual:
        return e
    return replace(e, source=Source(shown, e.source.sheet, e.source.row))


def _link_with_file(link: Link, shown: str, actual: str) -> Link:
    if shown == actual or link.origin.file != actual:
        return link
    return Link(
        link.source, link.kind, link.target, link.attrs, Source(shown, link.origin.sheet, link.origin.row)
    )


def _number_key(number: str) -> str:
    return re.sub(r"\s+", "", str(number)).rstrip(".")


def _progress_rows(result: FileResult, activities: Sequence[Activity]) -> list[dict[str, Any]]:
    """Return the reference's progress reports bound to activities by roadmap and «№ п/п»."""
    by_number: dict[tuple[str, str], list[str]] = {}
    for a in activities:
        by_number.setdefault((a.roadmap, _number_key(a.number)), []).append(a.id)
    rows = []
    for p in result.progress:
        where = (p.get("file", ""), p.get("sheet", ""), p.get("row"))
        found = by_number.get((p.get("roadmap") or "", _number_key(p.get("number", ""))), [])
        if not found:
            result.report.issues.append(
                Issue(
                    "unknown-activity",
                    f"Отчёт о ходе выполнения: в документе «{p.get('document', '')}» нет загруженного "
                    f"мероприятия № {p.get('number', '')}; отчёт не учтён",
                    Severity.WARNING,
                    *where,
                    "№ п/п",
                )
            )
            continue
        if len(found) > 1:
            result.report.issues.append(
                Issue(
                    "ambiguous-activity",
                    f"Отчёт о ходе выполнения: в документе «{p.get('document', '')}» несколько мероприятий "
                    f"№ {p.get('number', '')}; отчёт отнесён к первому из них",
                    Severity.INFO,
                    *where,
                    "№ п/п",
                )
            )
        rows.append(
            {
                "activity": found[0],
                "school": p.get("school"),
                "status": p["status"],
                "reported_on": p["reported_on"],
                "demo": bool(p.get("demo")),
                "file": p.get("file", ""),
                "sheet": p.get("sheet", ""),
                "row": p.get("row"),
            }
        )
    return rows


# --- documents ----------------------------------------------------------------------------------------------


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
        from loaders.resolve import layer_of

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
            loads.append(load_unknown(table, rows, ctx))
            continue
        if kind is TableKind.ROADMAP:
            load = load_roadmap(table, header, rows, ctx, resolver)
            if activity_prefix != roadmap:
                _renumber(load, roadmap, activity_prefix)
            roadmap_tables += 1
        elif kind is TableKind.SCHOOLS:
            load = load_schools(table, header, rows, ctx, resolver)
        elif kind is TableKind.PEOPLE:
            load = load_people(table, header, rows, ctx, resolver)
        else:
            load = load_glossary(table, header, rows, ctx)
        loads.append(load)
    _contacts(resolver, facts, links, origin)
    order = {id(t): i for i, t in enumerate(book.tables)}
    loads.sort(key=lambda load: order.get(id(_table_named(book.tables, load.report.sheet)), 0))
    controller = _controller(resolver, facts, roadmap, links, origin)
    based_on = _based_on(known, facts, place)
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
    entities = [*entities, road, *resolver.entities.values()]
    links += resolver.links
    if not any(load.report.kind == str(TableKind.ROADMAP) for load in loads) and not facts.number:
        issues.append(
            Issue(
                "no-roadmap",
                "В файле не найдены ни таблица дорожной карты, ни реквизиты приказа",
                Severity.WARNING,
                file,
            )
        )
    people = {e.id for e in entities if isinstance(e, Person)}
    people |= {n for link in links for n in (link.source, link.target) if n.startswith("person:")}
    report = FileReport(
        file,
        book.format,
        facts,
        [load.report for load in loads],
        schools=sum(load.report.loaded for load in loads if load.report.kind == str(TableKind.SCHOOLS)),
        people=len(people),
        issues=issues,
    )
    return FileResult(item, report, _unique(entities), links)


def _name(known: Known, territory: str | None, written: str) -> str:
    """Return the name of the territory a document was placed on, as the reference workbook writes it."""
    found = known.territory(territory)
    return found.name if found else written


def _table_named(tables: Sequence[RawTable], sheet: str) -> RawTable | None:
    return next((t for t in tables if t.sheet == sheet), None)


def _renumber(load: TableLoad, roadmap: str, prefix: str) -> None:
    """Give the activities of a second roadmap table in one document ids of their own."""
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
            lines += load_glossary(table, header, rows, TableContext("", "")).definitions
        elif kind is TableKind.UNKNOWN:
            lines += [" ".join(c for c in r.row.cells if c) for r in rows if "далее" in " ".join(r.row.cells)]
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
    wanted = {
        RoadmapLevel.REGION: AuthorityLevel.REGIONAL,
        RoadmapLevel.MUNICIPALITY: AuthorityLevel.MUNICIPAL,
    }
    same = [
        e.id for e in known.bodies_on(territory) if isinstance(e, Authority) and e.level == wanted.get(level)
    ]
    if len(same) == 1:
        return same[0]
    if not facts.issuer or level == RoadmapLevel.SCHOOL:
        return None
    authority_level = wanted.get(level, AuthorityLevel.MUNICIPAL)
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


def _based_on(known: Known, facts: DocumentFacts, place: Place) -> str | None:
    """Return the roadmap of the order this one follows, on the territory of that order's issuer."""
    base = facts.based_on
    if base is None or base.date is None:
        return None
    region = region_of(base.issuer)
    territory = (
        place.region if region and place.region and (not facts.region or region == facts.region) else None
    )
    if territory is None and region:
        territory = known.find_territory(region, _region_level())
    return roadmap_id(territory, base.number, base.date) if territory else None


def _region_level() -> Any:

    return TerritoryLevel.REGION


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


def _fact_issues(facts: DocumentFacts, file: str) -> list[Issue]:
    missing = []
    if not facts.number or not facts.date:
        missing.append(
            Issue(
                "document-details-missing",
                "Не найдены номер и дата приказа: укажите их в шапке документа или в параметрах загрузки",
                Severity.WARNING,
                file,
            )
        )
    if not facts.region:
        missing.append(
            Issue(
                "region-unknown",
                "Не удалось определить регион документа: укажите его (параметр --region или справочник)",
                Severity.WARNING,
                file,
            )
        )
    if facts.plan_start is None and facts.plan_end is None:
        missing.append(
            Issue(
                "plan-window-unknown",
                "Не найден период плана («на 2020-2021 учебный год»): "
                "сроки без года остались без дат; укажите --plan-start и --plan-end",
                Severity.INFO,
                file,
            )
        )
    return missing


# --- writing ------------------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_results(store: Any, results: Sequence[FileResult], now: datetime | None = None) -> list[str]:
    """Write every file that loaded without error, each in its own transaction; return the files written."""
    from loaders.store import write_import

    moment = now or datetime.now(UTC)
    written = []
    for r in sorted(results, key=lambda r: not r.reference):
        if not r.report.ok:
            continue
        write_import(
            store,
            file=r.report.file,
            path=str(r.input.path),
            sha256=sha256_of(r.input.path),
            format=r.report.format,
            entities=r.entities,
            links=r.links,
            progress_rows=r.progress,
            issues=r.report.issues,
            report=r.report.as_dict(),
            now=moment,
        )
        written.append(r.report.file)
    return written


def known_from_store(store: Any, leaving_out: Sequence[str] = ()) -> Known:
    """Return what the store holds as the starting knowledge of a batch, without the files being re-imported.

    The abbreviations of a reference workbook imported earlier are read again from its file when it is
    still where it was and unchanged.
    """
    from loaders.store import list_imports, load_inputs

    out = set(leaving_out)
    inputs = load_inputs(store)
    known = Known(
        [e for e in inputs.entities if e.source.file not in out],
        [link for link in inputs.links if link.origin.file not in out],
    )
    for record in list_imports(store):
        path = Path(record.path)
        kinds = {t.get("kind") for t in record.report.get("tables", []) if isinstance(t, dict)}
        if (
            record.file in out
            or "reference" not in kinds
            or not path.is_file()
            or sha256_of(path) != record.sha256
        ):
            continue
        known.add_glossary(read_reference(path).glossary)
    return known


def import_batch(store: Any, inputs: Sequence[FileInput], now: datetime | None = None) -> LoadReport:
    """Load a batch against what the store holds and write each file that loaded without error."""
    from loaders.store import user_glossary

    known = known_from_store(store, [item.shown for item in inputs])
    results = load_batch(inputs, known, lambda scope: user_glossary(store, scope))
    write_results(store, results, now)
    return report_of(results)


# --- the sample ---------------------------------------------------------------------------------------------


def sample_inputs(folder: Path, manifest: str = "manifest.json") -> list[FileInput]:
    """Return the files a manifest lists with the facts it gives about each (every file when it has none)."""
    path = folder / manifest
    listed: Any = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    entries = listed if isinstance(listed, list) else listed.get("files", [])
    inputs = []
    for item in entries:
        entry: Mapping[str, Any] = {"file": item} if isinstance(item, str) else item
        inputs.append(FileInput(folder / str(entry["file"]), options_of(entry)))
    if not inputs:
        inputs = [
            FileInput(p)
            for p in sorted(folder.iterdir())
            if p.suffix.lower() in (".xlsx", ".xls", ".ods", ".csv", ".docx")
        ]
    return inputs


def options_of(entry: Mapping[str, Any]) -> DocumentOptions:
    """Return the document options a mapping (a manifest entry, command-line flags) sets."""
    level = entry.get("level")
    return DocumentOptions(
        issuer=str(entry.get("issuer") or ""),
        number=str(entry.get("number") or ""),
        date=_date(entry.get("date")),
        region=str(entry.get("region") or ""),
        municipality=str(entry.get("municipality") or ""),
        level=RoadmapLevel(level) if level in {str(v) for v in RoadmapLevel} else None,
        plan_start=_date(entry.get("plan_start")),
        plan_end=_date(entry.get("plan_end")),
        controller=str(entry.get("controller") or ""),
        based_on=_order(entry.get("based_on")),
    )


def _order(value: Any) -> OrderRef | None:
    """Return an order written «№ 1721 от 23.10.2020» (the issuer is not named)."""
    found = parse_document_ref(str(value)) if value else None
    return OrderRef("", found[0], found[1]) if found else None


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return parse_date(text)
