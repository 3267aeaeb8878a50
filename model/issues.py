"""Problems as data: every issue names where a person can find it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in the input or the graph, with a stable code and a location.

    >>> Issue("blank-activity", "Пустая строка", file="a.xlsx", sheet="Лист1", row=7).where()
    'a.xlsx, лист «Лист1», строка 7'
    >>> Issue("blank-activity", "Пустая строка", file="b.docx", sheet="Таблица 2", row=7).where()
    'b.docx, таблица 2, строка 7'
    """

    code: str
    message: str
    severity: Severity = Severity.WARNING
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def where(self) -> str:
        """Return the location in the words a person uses to find it."""
        parts = [self.file] if self.file else []
        if self.sheet and self.file.lower().endswith(".docx"):
            # A Word document has no sheets: its tables are named «Таблица 2» by their place in it.
            numbered = self.sheet.startswith("Таблица ") and self.sheet[8:].isdigit()
            parts.append(self.sheet.lower() if numbered else f"таблица «{self.sheet}»")
        elif self.sheet:
            parts.append(f"лист «{self.sheet}»")
        if self.row is not None:
            parts.append(f"строка {self.row}")
        if self.column:
            parts.append(f"столбец «{self.column}»")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        """Return the issue as the JSON-ready mapping of the load report."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
        }


def sort_issues(issues: list[Issue]) -> list[Issue]:
    """Return issues ordered by file, sheet, row and column, as a person reads them."""
    return sorted(
        issues, key=lambda i: (i.file, i.sheet, i.row if i.row is not None else -1, i.column, i.code)
    )
