"""The scenario for the minutes of a meeting: an xlsx workbook and a printable HTML report.

Both carry a document id (the same for the same operations compared with the same thing on the same
data), the scenario's timestamps, the time of export, the data version, what the scenario is compared
with (the plan or another scenario, whose operations are listed too), the operations in words (with the
activities an operation names only by their count listed under it) and the comparison. The HTML
prints on A4 landscape with the document id and page numbers in the page margins, table headers
repeated on every page and rows never split across pages.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import xlsxwriter

from loaders.wording import SEVERITY_NAMES, percent
from model.comparison import CHAIN_LABELS, DEADLINE_LABELS, OVERLOAD_LABELS, Comparison, needs_reason
from model.issues import Issue
from model.scenario import Operation, Scenario, describe_operation, listed_activities, operations_json

TITLE = "Карта ответственности"
AGAINST_PLAN = "план (как в данных)"
UNNAMED = "без названия"
ISSUES_TITLE = "Замечания к сценарию"
AGAINST_OPERATIONS = "Операции сценария, с которым сравнивается"


@dataclass(frozen=True, slots=True)
class Against:
    """Another scenario a comparison is made against, in place of the plan: its words and its operations."""

    label: str
    """What it is, as the minutes name it: «сохранённый сценарий «Весна» (версия 2, …)»."""
    scenario: Scenario


@dataclass(frozen=True, eq=False)
class Minutes:
    """Everything the minutes show about one scenario and its comparison."""

    document_id: str
    name: str
    descriptions: tuple[str, ...]
    comparison: Comparison
    exported_at: datetime
    data_version: str = ""
    author: str = ""
    reason: str = ""
    created_at: datetime | None = None
    changed_at: datetime | None = None
    issues: tuple[Issue, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)
    against: str = ""
    """What the comparison is made against, in words; empty for the plan."""
    details: tuple[tuple[str, ...], ...] = ()
    """The names of the activities each operation names only by their count, as `descriptions` go."""
    against_descriptions: tuple[str, ...] = ()
    """The operations of the scenario the comparison is made against, in words (none for the plan)."""
    against_details: tuple[tuple[str, ...], ...] = ()
    """The names of the activities each of those operations names only by their count."""
    pushes: bool | None = None
    """Whether the scenario pushes someone over capacity against the plan; None reads the comparison."""

    @property
    def title(self) -> str:
        """Return the heading of the minutes: «Сценарий «Весна»», or «Сценарий без названия»."""
        return f"Сценарий «{self.name}»" if self.name else f"Сценарий {UNNAMED}"

    @property
    def needs_reason(self) -> bool:
        """Tell whether the scenario pushes someone over capacity (so a reason belongs in the minutes)."""
        return needs_reason(self.comparison) if self.pushes is None else self.pushes


def document_id(scenario: Scenario, data_version: str, against: Scenario | None = None) -> str:
    """Return the id of the minutes of a scenario: the same operations compared with the same thing (the
    plan, or `against`'s operations) on the same data give the same id.

    >>> same = document_id(Scenario("А"), "v1") == document_id(Scenario("Б"), "v1")
    >>> same, document_id(Scenario(), "v1")[:3]
    (True, 'СЦ-')
    """
    content: dict[str, Any] = {"operations": operations_json(scenario), "data": data_version}
    if against is not None:
        content["against"] = operations_json(against)
    payload = json.dumps(content, sort_keys=True)
    return "СЦ-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:10].upper()


def minutes_of(
    scenario: Scenario,
    comparison: Comparison,
    *,
    exported_at: datetime,
    names: Mapping[str, str] | None = None,
    data_version: str = "",
    author: str = "",
    reason: str = "",
    created_at: datetime | None = None,
    changed_at: datetime | None = None,
    issues: Sequence[Issue] = (),
    against: Against | None = None,
    pushes: bool | None = None,
) -> Minutes:
    """Return the minutes of a scenario's active operations and their comparison with the plan (or with
    the scenario `against`, whose operations then make part of the document id).

    `names` names the nodes the operations mention (the comparison names the rest). `pushes` tells
    whether the scenario pushes someone over capacity against the plan (None: as the comparison says).
    """
    known = {**comparison.names, **(names or {})}
    theirs = () if against is None else against.scenario.active
    return Minutes(
        document_id=document_id(scenario, data_version, None if against is None else against.scenario),
        name=scenario.name,
        descriptions=tuple(describe_operation(op, known) for op in scenario.active),
        details=_details(scenario.active, known),
        against_descriptions=tuple(describe_operation(op, known) for op in theirs),
        against_details=_details(theirs, known),
        comparison=comparison,
        exported_at=exported_at,
        data_version=data_version,
        author=author,
        reason=reason,
        created_at=created_at,
        changed_at=changed_at,
        issues=tuple(issues),
        names=known,
        against="" if against is None else against.label,
        pushes=pushes,
    )


def _details(operations: Sequence[Operation], names: Mapping[str, str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(names.get(a, a) for a in listed_activities(op)) for op in operations)


# --- shared wording -----------------------------------------------------------------------------------


def _moment(value: datetime | None) -> str:
    return f"{value:%d.%m.%Y %H:%M}" if value else "—"


def _day(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else "—"


def _month(value: date | None) -> str:
    return f"{value:%m.%Y}" if value else "—"


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}".replace(".", ",").replace("-", "−")


def _delta(value: float | None) -> str:
    if value is None or value == 0:
        return "0"
    return ("+" if value > 0 else "") + _number(value)


def _span(start: date | None, end: date | None) -> str:
    return "без срока" if start is None else f"{_day(start)} – {_day(end)}"


def _listed(nodes: Iterable[str], names: Mapping[str, str], empty: str = "—") -> str:
    return "; ".join(names.get(n, n) for n in nodes) or empty


def _header_rows(m: Minutes) -> list[tuple[str, str]]:
    c = m.comparison
    rows = [
        ("Документ", m.document_id),
        ("Сценарий", m.name or UNNAMED),
        ("Автор", m.author or "—"),
        ("Причина", m.reason or ("не указана — сценарий перегружает исполнителя" if m.needs_reason else "—")),
        ("Сценарий создан", _moment(m.created_at)),
        ("Сценарий изменён", _moment(m.changed_at)),
        ("Выгружено", _moment(m.exported_at)),
        ("Версия данных", m.data_version or "—"),
        ("С чем сравнивается", m.against or AGAINST_PLAN),
        ("По состоянию на", _day(c.as_of) if c.as_of != date.min else "—"),
        ("Месяцы", f"{_month(c.months[0])} – {_month(c.months[-1])}" if c.months else "—"),
    ]
    return rows


_SUMMARY_LABELS = {
    "executors": "Исполнителей затронуто",
    "overloaded": "Становятся перегружены",
    "relieved": "Больше не перегружены",
    "worse": "Перегружены сильнее",
    "deadlines_moved": "Сроков сдвинуто",
    "activities_added": "Мероприятий добавлено",
    "activities_dropped": "Мероприятий исключено",
    "chains_changed": "Цепочек ответственности изменено",
    "chains_broken": "Цепочек разорвано",
    "schools_burdened": "Школ с растущей нагрузкой",
}


def _tables(m: Minutes) -> list[tuple[str, list[str], list[list[Any]]]]:
    """Return the sections as (title, headers, rows of cell values) for both formats."""
    c, names = m.comparison, m.names
    overload = [
        [
            r["name"],
            r["month"],
            r["ratio_before"],
            r["ratio_after"],
            OVERLOAD_LABELS.get(r["change"], r["change"]),
        ]
        for r in c.overload.iter_rows(named=True)
    ]
    load = [
        [
            r["name"],
            r["month"],
            r["active_before"],
            r["active_after"],
            r["active_delta"],
            r["due_before"],
            r["due_after"],
            r["capacity_before"],
            r["capacity_after"],
            r["ratio_before"],
            r["ratio_after"],
        ]
        for r in c.load.iter_rows(named=True)
    ]
    deadlines = [
        [
            r["name"],
            DEADLINE_LABELS.get(r["change"], r["change"]),
            _span(r["start_before"], r["end_before"]) if r["change"] != "added" else "—",
            _span(r["start_after"], r["end_after"]) if r["change"] != "dropped" else "—",
            "да" if r["in_past"] else "",
        ]
        for r in c.deadlines.iter_rows(named=True)
    ]
    chains = [
        [
            r["name"],
            _listed(r["executors_before"], names),
            _listed(r["executors_after"], names, "нет исполнителя"),
            _listed(r["coordinators_before"], names),
            _listed(r["coordinators_after"], names),
            _listed(r["superiors_before"], names),
            _listed(r["superiors_after"], names),
            CHAIN_LABELS[bool(r["broken_before"]), bool(r["broken_after"])],
        ]
        for r in c.chains.iter_rows(named=True)
    ]
    schools = [
        [r["name"], r["activities_before"], r["activities_after"], r["windows_before"], r["windows_after"]]
        for r in c.schools.iter_rows(named=True)
    ]
    undated = [[r["name"], r["undated_before"], r["undated_after"]] for r in c.undated.iter_rows(named=True)]
    issues = [[i.row or "", SEVERITY_NAMES[i.severity.value], i.message] for i in m.issues]
    return [
        ("Перегрузка", ["Исполнитель", "Месяц", "Загрузка до", "Загрузка после", "Изменение"], overload),
        (
            "Нагрузка по месяцам",
            [
                "Исполнитель",
                "Месяц",
                "В работе до",
                "В работе после",
                "Разница",
                "Сроков до",
                "Сроков после",
                "Мощность до",
                "Мощность после",
                "Загрузка до",
                "Загрузка после",
            ],
            load,
        ),
        ("Сроки", ["Мероприятие", "Изменение", "Было", "Стало", "Срок уже прошёл"], deadlines),
        (
            "Цепочки ответственности",
            [
                "Мероприятие",
                "Исполнители до",
                "Исполнители после",
                "Координаторы до",
                "Координаторы после",
                "Подчинение до",
                "Подчинение после",
                "Цепочка",
            ],
            chains,
        ),
        (
            "Школы с растущей нагрузкой",
            ["Школа", "Мероприятий до", "Мероприятий после", "Окон до", "Окон после"],
            schools,
        ),
        ("Без срока", ["Исполнитель", "Было", "Стало"], undated),
        (ISSUES_TITLE, ["Операция", "Важность", "Сообщение"], issues),
    ]


_PERCENT_HEADERS = frozenset({"Загрузка до", "Загрузка после"})
_DELTA_HEADERS = frozenset({"Разница"})


# --- HTML ---------------------------------------------------------------------------------------------


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _page_css(m: Minutes) -> str:
    top = _css_string(f"{TITLE} · документ {m.document_id}")
    bottom = _css_string(f"Выгружено {_moment(m.exported_at)}")
    return f"""
@page {{
  size: A4 landscape;
  margin: 16mm 12mm 16mm 12mm;
  @top-left {{ content: {top}; font-size: 8pt; color: #444; }}
  @bottom-left {{ content: {bottom}; font-size: 8pt; color: #444; }}
  @bottom-right {{ content: "стр. " counter(page) " из " counter(pages); font-size: 8pt; color: #444; }}
}}
* {{ box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: "PT Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt;
       line-height: 1.3; color: #111; margin: 0; }}
h1 {{ font-size: 16pt; margin: 0 0 4mm; }}
h2 {{ font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 3mm; }}
thead {{ display: table-header-group; }}
tr, li {{ break-inside: avoid; page-break-inside: avoid; }}
th, td {{ border: 0.5pt solid #888; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }}
th {{ background: #e8eef6; font-weight: 600; }}
td.num {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
td.over {{ font-weight: 700; background: #fbe3e0; }}
table.meta, table.summary {{ width: auto; min-width: 120mm; }}
table.meta th {{ width: 45mm; background: #f3f3f3; }}
.warning {{ border: 1pt solid #b3261e; padding: 2mm 3mm; margin: 3mm 0; background: #fbe3e0; }}
.empty {{ color: #666; font-style: italic; }}
ol {{ margin: 0 0 0 6mm; padding: 0; }}
ol ul {{ margin: 1mm 0 1mm 5mm; padding: 0; font-size: 9pt; }}
footer {{ margin-top: 6mm; font-size: 8pt; color: #444; }}
@media screen {{ body {{ max-width: 297mm; margin: 10mm auto; padding: 0 8mm; }} }}
"""


def _cell(header: str, value: Any) -> str:
    if header in _PERCENT_HEADERS:
        over = isinstance(value, float) and value > 1.0
        return f'<td class="num{" over" if over else ""}">{percent(value)}</td>'
    if header in _DELTA_HEADERS:
        return f'<td class="num">{_delta(value)}</td>'
    if isinstance(value, date):
        return f'<td class="num">{_month(value) if header == "Месяц" else _day(value)}</td>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<td class="num">{_number(float(value))}</td>'
    return f"<td>{html.escape(str(value))}</td>"


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], css: str = "") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "\n".join(
        "<tr>" + "".join(_cell(h, v) for h, v in zip(headers, row, strict=True)) + "</tr>" for row in rows
    )
    attrs = f' class="{css}"' if css else ""
    return f"<table{attrs}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _html_steps(descriptions: Sequence[str], details: Sequence[Sequence[str]]) -> str:
    """Return operations as a numbered list, each with the activities it names only by their count."""
    if not descriptions:
        return '<p class="empty">Операций нет.</p>'
    e = html.escape
    items = []
    for i, text in enumerate(descriptions):
        listed = details[i] if i < len(details) else ()
        sub = "".join(f"<li>{e(name)}</li>" for name in listed)
        items.append(f"<li>{e(text)}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
    return "<ol>\n" + "\n".join(items) + "\n</ol>"


def minutes_html(m: Minutes) -> str:
    """Return the printable HTML report of the minutes (one self-contained page, styles inline)."""
    e = html.escape
    meta = "\n".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _header_rows(m))
    steps = _html_steps(m.descriptions, m.details)
    theirs = ""
    if m.against:
        theirs = (
            f"<section>\n<h2>{e(AGAINST_OPERATIONS)}</h2>\n<p>{e(m.against)}</p>\n"
            f"{_html_steps(m.against_descriptions, m.against_details)}\n</section>"
        )
    summary = m.comparison.summary()
    summary_rows = [[label, summary[key]] for key, label in _SUMMARY_LABELS.items()]
    warning = ""
    if m.needs_reason:
        reason = e(m.reason) if m.reason else "<b>причина не указана</b>"
        warning = f'<p class="warning">Сценарий перегружает исполнителя. Причина: {reason}</p>'
    sections = []
    for title, headers, rows in _tables(m):
        empty = "Замечаний нет." if title == ISSUES_TITLE else "Изменений нет."
        body = _html_table(headers, rows) if rows else f'<p class="empty">{empty}</p>'
        sections.append(f"<section>\n<h2>{e(title)}</h2>\n{body}\n</section>")
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{e(f"{m.title} — {m.document_id}")}</title>
<style>{_page_css(m)}</style>
</head>
<body>
<header>
<h1>{e(m.title)}</h1>
<table class="meta">
{meta}
</table>
</header>
{warning}
<section>
<h2>Операции</h2>
{steps}
</section>
{theirs}
<section>
<h2>Итог</h2>
{_html_table(["Показатель", "Значение"], summary_rows, "summary")}
</section>
{chr(10).join(sections)}
<footer>{e(TITLE)} · документ {e(m.document_id)} · выгружено {e(_moment(m.exported_at))}</footer>
</body>
</html>
"""


def write_minutes_html(path: str | Path, m: Minutes) -> None:
    """Write the printable HTML report of the minutes."""
    Path(path).write_text(minutes_html(m), encoding="utf-8")


# --- xlsx ---------------------------------------------------------------------------------------------


def write_minutes_xlsx(target: str | Path | IO[bytes], m: Minutes) -> None:
    """Write the minutes as an xlsx workbook: a sheet per section, headers frozen, ready to print."""
    book = xlsxwriter.Workbook(str(target) if isinstance(target, str | Path) else target, {"in_memory": True})
    book.set_properties(
        {
            "title": m.title,
            "subject": m.document_id,
            "author": m.author,
            "comments": f"{TITLE}; версия данных {m.data_version}",
            "created": m.exported_at.replace(tzinfo=None),
        }
    )
    bold = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF6", "border": 1}
    )
    text = book.add_format({"text_wrap": True, "valign": "top"})
    formats = {
        "day": book.add_format({"num_format": "dd.mm.yyyy", "valign": "top"}),
        "month": book.add_format({"num_format": "mm.yyyy", "valign": "top"}),
        "percent": book.add_format({"num_format": "0%", "valign": "top"}),
        "over": book.add_format({"num_format": "0%", "valign": "top", "bold": True, "bg_color": "#FBE3E0"}),
        "number": book.add_format({"num_format": "0.##", "valign": "top"}),
    }
    footer = f"&L{m.document_id}&CВыгружено {_moment(m.exported_at)}&Rстр. &P из &N"

    def sheet(
        name: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]
    ) -> None:
        ws = book.add_worksheet(name)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.set_footer(footer)
        for i, width in enumerate(widths):
            ws.set_column(i, i, width, text)
        ws.write_row(0, 0, list(headers), bold)
        for r, row in enumerate(rows, start=1):
            for i, (header, value) in enumerate(zip(headers, row, strict=True)):
                _write(ws, r, i, header, value, formats)
        ws.freeze_panes(1, 0)
        if rows:
            ws.autofilter(0, 0, len(rows), len(headers) - 1)

    summary = m.comparison.summary()
    sheet(
        "Сводка",
        ["Поле", "Значение"],
        [*_header_rows(m), *((label, summary[key]) for key, label in _SUMMARY_LABELS.items())],
        [34, 90],
    )
    sheet("Операции", *_operation_rows(m.descriptions, m.details))
    if m.against:
        sheet("Операции для сравнения", *_operation_rows(m.against_descriptions, m.against_details))
    for title, headers, rows in _tables(m):
        widths = [50 if i == 0 else 18 for i in range(len(headers))]
        sheet(title[:31], headers, rows, widths)
    book.close()


def _operation_rows(
    descriptions: Sequence[str], details: Sequence[Sequence[str]]
) -> tuple[list[str], list[list[Any]], list[int]]:
    """Return the headers, rows and column widths of a sheet of operations, each with its activities."""
    rows: list[list[Any]] = [
        [i, text, ("\n".join(details[i - 1]) if i <= len(details) else "") or None]
        for i, text in enumerate(descriptions, start=1)
    ]
    return ["№", "Операция", "Мероприятия"], rows, [6, 70, 80]


def _write(ws: Any, r: int, i: int, header: str, value: Any, formats: Mapping[str, Any]) -> None:
    if value is None:
        ws.write_blank(r, i, None)
    elif header in _PERCENT_HEADERS and isinstance(value, float):
        ws.write_number(r, i, value, formats["over" if value > 1.0 else "percent"])
    elif isinstance(value, date):
        ws.write_datetime(
            r,
            i,
            datetime(value.year, value.month, value.day),
            formats["month" if header == "Месяц" else "day"],
        )
    elif isinstance(value, int | float) and not isinstance(value, bool):
        ws.write_number(r, i, float(value), formats["number"])
    else:
        ws.write_string(r, i, str(value))


def minutes_xlsx_bytes(m: Minutes) -> bytes:
    """Return the minutes workbook as bytes, for a download button."""
    buffer = io.BytesIO()
    write_minutes_xlsx(buffer, m)
    return buffer.getvalue()
