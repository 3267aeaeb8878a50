"""What a format reader gives `loaders.read`: each sheet as a grid of cell text, and how a reader fails.

A file a reader cannot read raises `UnreadableFileError` carrying the Russian text of the issue; a sheet
it cannot read becomes a warning (`sheet_issue`) and the other sheets are still read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from model.issues import Issue, Severity

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384

Grid = list[list[str]]
Span = tuple[int, int, int, int]  # first row, first column, last row, last column; 0-based indexes


@dataclass(frozen=True, slots=True)
class SheetGrid:
    """A sheet, a CSV file or a Word table as read: its rows of cell text, merged areas, and row numbers.

    `numbers` are the row numbers a person sees (a CSV record's first line), or None for 1, 2, 3…; a reader
    that reads a sheet column by column gives `columns` instead of `grid`.
    """

    sheet: str
    grid: Sequence[Sequence[str]]
    spans: Sequence[Span] = ()
    numbers: Sequence[int] | None = None
    columns: Sequence[Sequence[str]] | None = None
    """The grid column by column, when the reader has it so (then `grid` is not read)."""


class UnreadableFileError(Exception):
    """A file that gives no tables; its message is the Russian text of the issue."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def damaged(shown: str) -> UnreadableFileError:
    """Return the failure of a file whose content is broken or is not what its extension says."""
    suffix = Path(shown).suffix
    return UnreadableFileError(
        "file-unreadable",
        f"Не удалось прочитать файл «{shown}»: файл повреждён или его содержимое не соответствует "
        f"расширению{f' {suffix}' if suffix else ''}. "
        "Откройте его в Excel или LibreOffice и сохраните заново.",
    )


def encrypted(shown: str) -> UnreadableFileError:
    """Return the failure of a file protected by a password."""
    return UnreadableFileError(
        "file-encrypted", f"Файл «{shown}» защищён паролем. Снимите пароль и загрузите файл снова."
    )


def sheet_issue(shown: str, sheet: str, error: Exception) -> Issue:
    """Return the warning about one sheet that could not be read while the others were."""
    return Issue(
        "sheet-unreadable",
        f"Лист «{sheet}» файла «{shown}» не прочитан ({type(error).__name__}).",
        Severity.WARNING,
        file=shown,
        sheet=sheet,
    )


def local_name(tag: str) -> str:
    """Return an XML tag without its namespace: «{urn:…}table» → «table»."""
    return tag.rsplit("}", 1)[-1]
