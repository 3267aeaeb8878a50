"""Free-text deadline cells («Октябрь-ноябрь 2020 года», «постоянно», …) as dated windows.

The contract is `shared/specs/deadlines.md`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DeadlineKind(StrEnum):
    DATE = "date"
    MONTH = "month"
    PERIOD = "period"
    SEVERAL = "several"
    CONTINUOUS = "continuous"
    RECURRING = "recurring"
    BY_SCHEDULE = "by_schedule"
    EVENT = "event"
    UNKNOWN = "unknown"


UNDATED_KINDS = frozenset({DeadlineKind.BY_SCHEDULE, DeadlineKind.EVENT, DeadlineKind.UNKNOWN})


@dataclass(frozen=True, slots=True)
class Deadline:
    """A parsed deadline cell: its kind, its window, every occurrence, the raw text and notes."""

    kind: DeadlineKind
    start: date | None
    end: date | None
    occurrences: tuple[tuple[date, date], ...]
    raw: str
    notes: tuple[str, ...] = ()

    @property
    def is_dated(self) -> bool:
        """Tell whether the deadline has at least one window."""
        return bool(self.occurrences)
