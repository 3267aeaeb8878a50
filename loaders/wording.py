"""The Russian words of what the loaders print: the load report, scenario comparisons and minutes.

One place for the names of kinds as a person reads them, so that the terminal, the report and the
minutes say the same thing (the dashboard has its own texts in `dashboard/texts.py`, and takes the
deadline kinds from here).
"""

from __future__ import annotations

TABLE_KIND_NAMES = {
    "roadmap": "дорожная карта",
    "schools": "список школ",
    "people": "состав рабочей группы",
    "glossary": "сокращения",
    "reference": "справочник",
    "unknown": "не распознана",
}
"""What a table of a loaded file is, by `loaders.header.TableKind` (and «reference» for the workbook)."""

DEADLINE_KIND_NAMES = {
    "date": "дата",
    "month": "месяц",
    "period": "период",
    "several": "несколько сроков",
    "continuous": "постоянно",
    "recurring": "регулярно",
    "by_schedule": "по графику",
    "event": "по событию",
    "unknown": "не распознан",
}
"""Each `model.deadlines.DeadlineKind`, as the load report counts deadlines."""

DOCUMENT_LEVEL_NAMES = {
    "region": "регион",
    "municipality": "муниципалитет",
    "school": "школа",
    "federal": "федеральный",
}
"""The level of the territory an order is issued on, by `model.entities.RoadmapLevel`."""

SEVERITY_NAMES = {"error": "ошибка", "warning": "предупреждение", "info": "сведение"}
"""Each `model.issues.Severity`."""


def percent(value: float | None) -> str:
    """Return a ratio as whole percent («133 %»), or a dash when there is none."""
    return "—" if value is None else f"{value * 100:.0f} %"


def thousands(n: int) -> str:
    """Return a count with its thousands apart, as Russian text writes it (the dashboard writes them so too).

    >>> thousands(193079)
    '193\u00a0079'
    """
    return f"{n:,}".replace(",", "\u00a0")
