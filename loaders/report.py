"""The load report: every row the loader looked at, counted once, as JSON and as Russian text.

The JSON shape is `shared/specs/load-report.md`; keys may be added there, never renamed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from loaders.document import DocumentFacts
from loaders.wording import (
    DEADLINE_KIND_NAMES,
    DOCUMENT_LEVEL_NAMES,
    SEVERITY_NAMES,
    TABLE_KIND_NAMES,
    thousands,
)
from model.deadlines import DeadlineKind
from model.issues import Issue, Severity, sort_issues

ROADMAP = "roadmap"


@dataclass(frozen=True, slots=True)
class IgnoredRow:
    """A row looked at and set aside on purpose: a title, a blank, a continuation."""

    row: int
    reason: str


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that should have loaded and did not; `issue` is the code of the issue that says why."""

    row: int
    issue: str


def empty_deadline_counts() -> dict[str, int]:
    """Return a zero count for every deadline kind, in the order of the spec."""
    return {str(kind): 0 for kind in DeadlineKind}


@dataclass(slots=True)
class TableReport:
    """What happened to the rows of one table."""

    sheet: str
    kind: str
    rows_read: int = 0
    header_rows: int = 0
    activities: int = 0
    sections: int = 0
    loaded: int = 0
    ignored: list[IgnoredRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    deadlines: dict[str, int] = field(default_factory=empty_deadline_counts)
    resolved: int = 0
    unresolved: int = 0

    @property
    def is_roadmap(self) -> bool:
        """Tell whether the table is a roadmap (counted by activities and sections)."""
        return self.kind == ROADMAP

    @property
    def accounted(self) -> int:
        """Return how many rows the report accounts for; equals `rows_read` when none is lost."""
        loaded = self.activities + self.sections if self.is_roadmap else self.loaded
        return self.header_rows + loaded + len(self.ignored) + len(self.rejected)

    def as_dict(self) -> dict[str, Any]:
        """Return the table's mapping in the load report."""
        out: dict[str, Any] = {
            "sheet": self.sheet,
            "kind": self.kind,
            "rows_read": self.rows_read,
            "header_rows": self.header_rows,
        }
        if self.is_roadmap:
            out["activities"] = self.activities
            out["sections"] = self.sections
        else:
            out["loaded"] = self.loaded
        out["ignored"] = [{"row": r.row, "reason": r.reason} for r in self.ignored]
        out["rejected"] = [{"row": r.row, "issue": r.issue} for r in self.rejected]
        if self.is_roadmap:
            out["deadlines"] = dict(self.deadlines)
            out["executors"] = {"resolved": self.resolved, "unresolved": self.unresolved}
        return out


@dataclass(slots=True)
class FileReport:
    """What happened to one file: its document facts, its tables, what it added and its issues."""

    file: str
    format: str
    document: DocumentFacts | None = None
    tables: list[TableReport] = field(default_factory=list)
    schools: int = 0
    people: int = 0
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether the file has no error."""
        return not any(i.severity == Severity.ERROR for i in self.issues)

    def as_dict(self) -> dict[str, Any]:
        """Return the file's mapping in the load report."""
        return {
            "file": self.file,
            "format": self.format,
            "document": self.document.as_report() if self.document else None,
            "tables": [t.as_dict() for t in self.tables],
            "schools": self.schools,
            "people": self.people,
            "issues": [i.as_dict() for i in sort_issues(self.issues)],
        }


@dataclass(slots=True)
class LoadReport:
    """The report of one check or import: every file, and whether all of them loaded without error."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether no file has an error."""
        return all(f.ok for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        """Return the report as the JSON-ready mapping of `check --json`."""
        return {"files": [f.as_dict() for f in self.files], "ok": self.ok}


def report_json(report: LoadReport) -> str:
    """Return the report as the JSON document `check --json` prints."""
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def report_text(report: LoadReport) -> str:
    """Return the report in Russian words, for a person reading the terminal."""
    lines: list[str] = []
    for f in report.files:
        lines.extend(_file_text(f))
        lines.append("")
    errors = sum(1 for f in report.files for i in f.issues if i.severity == Severity.ERROR)
    warnings = sum(1 for f in report.files for i in f.issues if i.severity == Severity.WARNING)
    rejected = sum(len(t.rejected) for f in report.files for t in f.tables)
    if not report.ok:
        verdict = "Есть ошибки: исправьте их и повторите."
    elif rejected:
        verdict = f"Ошибок нет, но не загружено строк: {thousands(rejected)} — причины в замечаниях."
    else:
        verdict = "Всё загружено без ошибок."
    counts = f"Файлов: {thousands(len(report.files))}, ошибок: {thousands(errors)}"
    lines.append(f"{counts}, предупреждений: {thousands(warnings)}. {verdict}")
    return "\n".join(lines)


def _file_text(f: FileReport) -> list[str]:
    lines = [f"Файл {f.file} ({f.format})"]
    if f.document is not None:
        lines.extend(_document_text(f.document))
    for t in f.tables:
        lines.extend(_table_text(t))
    if f.schools or f.people:
        lines.append(f"  Школ: {thousands(f.schools)}, людей: {thousands(f.people)}")
    if f.issues:
        lines.append(f"  Замечания ({thousands(len(f.issues))}):")
        for i in sort_issues(f.issues):
            where = i.where().removeprefix(f.file).lstrip(", ")
            place = f" [{where}]" if where else ""
            lines.append(f"    {SEVERITY_NAMES.get(str(i.severity), str(i.severity))}{place}: {i.message}")
    return lines


def _document_text(d: DocumentFacts) -> list[str]:
    order = " ".join(
        p for p in (f"№ {d.number}" if d.number else "", f"от {d.date:%d.%m.%Y}" if d.date else "") if p
    )
    lines = [f"  Документ: {d.issuer or 'издатель не найден'}{', приказ ' + order if order else ''}"]
    place = ", ".join(p for p in (d.region, d.municipality) if p)
    level = DOCUMENT_LEVEL_NAMES.get(str(d.level), "") if d.level else ""
    if place or level:
        lines.append(f"  Территория: {place or 'не определена'}{f' (уровень: {level})' if level else ''}")
    if d.plan_start or d.plan_end:
        start = f"{d.plan_start:%d.%m.%Y}" if d.plan_start else "?"
        end = f"{d.plan_end:%d.%m.%Y}" if d.plan_end else "?"
        lines.append(f"  Период плана: {start} – {end}")
    if d.based_on:
        lines.append(f"  Основание: {d.based_on.describe()}")
    if d.controller:
        lines.append(f"  Контроль: {d.controller}")
    return lines


def _table_text(t: TableReport) -> list[str]:
    kind = TABLE_KIND_NAMES.get(t.kind, t.kind)
    name = f" «{t.sheet}»" if t.sheet else ""  # a CSV file is one table without a name
    head = f"  Таблица{name} ({kind}): строк прочитано {thousands(t.rows_read)}, заголовок {t.header_rows}"
    if t.is_roadmap:
        head += f", мероприятий {thousands(t.activities)}, разделов {thousands(t.sections)}"
    else:
        head += f", загружено {thousands(t.loaded)}"
    head += f", пропущено {thousands(len(t.ignored))}, отклонено {thousands(len(t.rejected))}"
    lines = [head]
    if t.is_roadmap:
        kinds = ", ".join(
            f"{DEADLINE_KIND_NAMES.get(k, k)} {thousands(n)}" for k, n in t.deadlines.items() if n
        )
        if kinds:
            lines.append(f"    Сроки: {kinds}")
        total = t.resolved + t.unresolved
        if total:
            lines.append(f"    Исполнители: распознано {thousands(t.resolved)} из {thousands(total)}")
    if t.rejected:
        numbers = ", ".join(str(r.row) for r in t.rejected)
        lines.append(f"    Не загружены строки: {numbers} — причины в замечаниях")
    return lines
