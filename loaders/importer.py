"""A batch of files → reference workbooks first, then documents → entities, links, progress, issues, reports.

`load_batch` reads without writing (the `check` command); `import_batch` writes each file that loaded
without error to the store, one transaction per file (the `import` command). One order is loaded by
`loaders.order.load_document`; a reference workbook by `loaders.workbook.read_reference`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from loaders.activity_columns import ActivityColumns, entities_of
from loaders.batch_file import FileInput, FileResult
from loaders.citations import parse_document_ref
from loaders.collector import collector_paused
from loaders.dates import parse_date
from loaders.document import DocumentFacts, DocumentOptions, OrderRef, parse_document_facts, with_options
from loaders.header import TableKind, find_header, table_kind
from loaders.known import Known
from loaders.order import UserGlossary, load_document
from loaders.read import Workbook, read_tables
from loaders.reimport import add_replacement_issues, earlier_facts, options_entry, with_earlier
from loaders.report import FileReport, IgnoredRow, LoadReport, RejectedRow, TableReport
from loaders.workbook import looks_like_reference, read_reference
from model.entities import Activity, Entity, Person, RoadmapLevel, School, Source
from model.issues import Issue, Severity
from model.relations import Link

# `FileInput`, `FileResult` (loaders.batch_file) and `UserGlossary` (loaders.order) were defined here
# first; they stay importable from here.
__all__ = [
    "FileInput",
    "FileResult",
    "UserGlossary",
    "check_batch",
    "import_batch",
    "known_from_store",
    "load_batch",
    "options_of",
    "report_of",
    "sample_inputs",
    "sha256_of",
    "with_earlier_facts",
    "write_results",
]

_LEVEL_ORDER = {
    RoadmapLevel.FEDERAL: 0,
    RoadmapLevel.REGION: 1,
    RoadmapLevel.MUNICIPALITY: 2,
    RoadmapLevel.SCHOOL: 3,
}


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
    read: list[ActivityColumns] = []  # the documents' activities, which `known` does not hold
    for index, item in enumerate(inputs):
        try:
            with collector_paused():
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
            with collector_paused():
                result = load_document(item, book, facts, known, user_glossary)
        except Exception as error:  # see above
            results[index] = _failed(item, error, book.format)
            continue
        known.add(result.own_entities, result.own_links)
        read.extend(result.activities)
        results[index] = result
    ordered = [results[i] for i in sorted(results)]
    if any(result.reference for result in ordered):
        with collector_paused():
            found = {e.id: e for e in known.entities.values() if isinstance(e, Activity)}
            found.update((e.id, e) for e in entities_of(read))
            activities = list(found.values())
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
        if table_kind(find_header(table)) is TableKind.UNKNOWN:
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
    return "".join(str(number).split()).rstrip(".")


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
            entities=r.own_entities,
            links=r.own_links,
            activities=r.activities,
            progress_rows=r.progress,
            issues=r.report.issues,
            # The facts stated for the file are kept, so that importing it again can start from them.
            report={**r.report.as_dict(), "options": options_entry(r.input.options)},
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


def check_batch(store: Any, inputs: Sequence[FileInput]) -> list[FileResult]:
    """Load a batch against what the store holds, as importing it would, writing nothing.

    Each file's report also says what importing it would undo of what the store holds (a roadmap
    replaced by another one, progress reports and links of other files left without their objects).
    """
    from loaders.store import user_glossary

    known = known_from_store(store, [item.shown for item in inputs])
    results = load_batch(inputs, known, lambda scope: user_glossary(store, scope))
    with collector_paused():
        add_replacement_issues(store, results)
    return results


def with_earlier_facts(store: Any, inputs: Sequence[FileInput]) -> list[FileInput]:
    """Return the inputs, each file the store holds starting from the facts it was last imported with.

    A fact stated now wins over the earlier one; the rest are kept, so an unchanged file imported again
    without options gives the same data.
    """
    earlier = earlier_facts(store, [item.shown for item in inputs])
    return [
        replace(item, options=options_of(with_earlier(earlier[item.shown], options_entry(item.options))))
        if item.shown in earlier
        else item
        for item in inputs
    ]


def import_batch(store: Any, inputs: Sequence[FileInput], now: datetime | None = None) -> LoadReport:
    """Load a batch against what the store holds and write each file that loaded without error."""
    results = check_batch(store, inputs)
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
