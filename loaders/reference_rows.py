"""Rows of a reference sheet: found under their header by column key, counted, and rejected in place.

Every row a sheet has is counted once in its table: the header, a row above it, a blank row, a loaded
row or a rejected one; a rejected row gets an issue naming its sheet, row and column in Russian.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from loaders.template import SheetSpec
from model.entities import Source
from model.issues import Issue, Severity

TABLE_KIND = "reference"
_HEADER_ALIASES = {"фио": "name", "фамилияимяотчество": "name", "№": "number", "№пп": "number",
                   "номер": "number"}  # fmt: skip

MESSAGES = {
    "missing-value": "Не заполнен столбец «{column}»",
    "unknown-level": "Неизвестный уровень территории «{value}»: пишите регион, муниципалитет или район",
    "duplicate-code": "Код «{value}» уже встречался в строке {other}",
    "duplicate-id": "«{value}» совпадает с объектом из строки {other}: задайте другое сокращение",
    "unknown-territory": "Нет территории с кодом «{value}» на листе «Территории»",
    "bad-parent": "Неверно заполнено «Входит в» для уровня «{value}»: {other}",
    "unknown-kind": "Неизвестный вид организации «{value}»",
    "unknown-superior": "Нет организации с кодом «{value}»: строка загружена без подчинения",
    "bad-capacity": "Мощность «{value}» — не положительное число: строка загружена без мощности",
    "unknown-school": "Нет школы с кодом «{value}» на листе «Школы»",
    "bad-year": "Учебный год «{value}» не распознан: пишите «2020» или «2020/2021»",
    "bad-status": "Неизвестный статус «{value}»: пишите {other}",
    "duplicate-status": "Статус этой школы на этот учебный год уже задан в строке {other}",
    "person-without-organisation": "У «{other}» не указана организация",
    "unknown-organisation": "Нет организации или школы с кодом «{value}»",
    "unknown-role": "Неизвестная роль «{value}»",
    "missing-name": "Не заполнено ФИО: без ФИО строка может сделать координатором, куратором или членом "
    "группы только саму организацию",
    "unknown-object": "Объект роли «{value}» не найден: нужен код организации, школы, группы или "
    "территории либо «№ … от ДД.ММ.ГГГГ»",
    "bad-role-object": "«{value}» не может быть объектом роли «{other}»",
    "duplicate-role": "Такая же роль уже записана в строке {other}",
    "duplicate-abbreviation": "Сокращение «{value}» на этой территории уже задано в строке {other}",
    "bad-document": "Документ «{value}» не распознан: пишите «№ 162 от 28.10.2020»",
    "bad-date": "Дата «{value}» не распознана: пишите ДД.ММ.ГГГГ",
    "bad-flag": "«{value}»: пишите «да» или «нет»",
    "ambiguous-document": "Документ «{value}» есть на нескольких территориях: дорожная карта не определена",
}
"""Issue codes of rows, with their Russian messages; `{value}` is the cell, `{column}` its header."""


def value_key(text: str) -> str:
    """Return a cell as a key to compare values by: ё as е, single spaces, lower case."""
    return re.sub(r"\s+", " ", text.replace("ё", "е").replace("Ё", "Е")).strip().lower()


def _header_key(text: str) -> str:
    text = re.sub(r"\([^)]*\)", "", text.replace("ё", "е").replace("Ё", "Е").lower())
    return re.sub(r"[^\w№]+", "", text)


@dataclass(slots=True)
class Table:
    """The accounting of one sheet: rows read, the header, rows loaded, ignored and rejected."""

    sheet: str
    rows_read: int = 0
    header_rows: int = 0
    loaded: int = 0
    ignored: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        names = ("sheet", "rows_read", "header_rows", "loaded", "ignored", "rejected")
        return {"kind": TABLE_KIND} | {n: getattr(self, n) for n in names}


@dataclass(slots=True)
class Record:
    """One data row of a sheet: its values by column key, and where it is."""

    table: Table
    row: int
    values: dict[str, str]
    headers: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")


class ReferenceRows:
    """Finds the rows of a workbook's sheets by column key and keeps the tables and issues it met."""

    def __init__(self, file: str, issues: list[Issue]) -> None:
        self.file, self.issues = file, issues
        self.tables: list[Table] = []

    def _issue(
        self, rec: Record, code: str, key: str, other: object = "", severity: Severity = Severity.WARNING
    ) -> None:
        column = rec.headers.get(key, key)
        text = MESSAGES[code].format(value=rec[key], column=column, other=other)
        self.issues.append(Issue(code, text, severity, self.file, rec.table.sheet, rec.row, column))

    def _reject(self, rec: Record, code: str, key: str, other: object = "") -> None:
        self._issue(rec, code, key, other)
        rec.table.rejected.append({"row": rec.row, "issue": code})

    def _missing(self, rec: Record, *keys: str) -> bool:
        """Reject the row when a required cell is empty; tell whether it was rejected."""
        key = next((k for k in keys if not rec[k]), None)
        if key is not None:
            self._reject(rec, "missing-value", key)
        return key is not None

    def _source(self, rec: Record) -> Source:
        return Source(self.file, rec.table.sheet, rec.row)

    def _records(
        self, spec: SheetSpec, name: str | None, sheets: Mapping[str, Sequence[tuple[int, tuple[str, ...]]]]
    ) -> list[Record]:
        """Return a sheet's data rows; count its header, the rows above it and its blank rows in its table."""
        if name is None:
            return []
        rows = sheets[name]
        table = Table(name, rows_read=len(rows))
        self.tables.append(table)
        by_header = {_header_key(c.header): c.key for c in spec.columns} | _HEADER_ALIASES
        keys = {c.key for c in spec.columns}
        at, mapping = None, {}
        for index, (_, cells) in enumerate(rows[:12]):
            found = {
                i: by_header[_header_key(c)]
                for i, c in enumerate(cells)
                if by_header.get(_header_key(c)) in keys
            }
            if len(set(found.values())) >= 2:
                at, mapping = index, found
                break
        missing = [c.header for c in spec.columns if c.required and c.key not in mapping.values()]
        if at is None or missing:
            what = (
                f"нет обязательных столбцов: {', '.join(missing)}"
                if at is not None
                else "нет строки заголовков"
            )
            code = "missing-column" if at is not None else "missing-header"
            self.issues.append(Issue(code, f"На листе «{name}» {what}", Severity.ERROR, self.file, name))
            table.ignored = [{"row": n, "reason": "blank" if not any(c) else "no-header"} for n, c in rows]
            return []
        number, header = rows[at]
        for i, cell in enumerate(header):
            if cell.strip() and i not in mapping:
                text = f"Столбец «{cell.strip()}» не относится к листу и пропущен"
                self.issues.append(
                    Issue("unknown-column", text, Severity.INFO, self.file, name, number, cell)
                )
        table.ignored = [{"row": n, "reason": "title" if any(c) else "blank"} for n, c in rows[:at]]
        table.header_rows = 1
        headers = {key: header[i].strip() for i, key in mapping.items()}
        records = []
        for n, cells in rows[at + 1 :]:
            values = {
                key: re.sub(r"[ \t\xa0]+", " ", cells[i]).strip()
                for i, key in mapping.items()
                if i < len(cells)
            }
            if any(values.values()):
                records.append(Record(table, n, values, headers))
            else:
                table.ignored.append({"row": n, "reason": "blank"})
        return records
