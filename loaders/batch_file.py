"""One file of a batch: what to load with the facts the user gives about it, and what it gave."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.activity_columns import ActivityColumns, entities_of, links_of
from loaders.document import DocumentOptions
from loaders.report import FileReport
from model.entities import Entity
from model.relations import Link


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


class FileResult:
    """What one file gave: its report, and what it contributes to the store.

    The activities of its roadmap tables, and their links, are `activities` (columns); `entities` and
    `links` are everything, those activities and links made objects when first asked for, after the rest.
    `own_entities` and `own_links` are the rest alone.
    """

    __slots__ = (
        "_all",
        "activities",
        "input",
        "own_entities",
        "own_links",
        "progress",
        "reference",
        "report",
    )

    def __init__(
        self,
        input: FileInput,
        report: FileReport,
        entities: Sequence[Entity] = (),
        links: Sequence[Link] = (),
        progress: Any = None,
        reference: bool = False,
        activities: Sequence[ActivityColumns] = (),
    ) -> None:
        self.input = input
        self.report = report
        self.own_entities = list(entities)
        self.own_links = list(links)
        self.progress: Any = [] if progress is None else progress
        self.reference = reference
        self.activities = list(activities)
        self._all: tuple[list[Entity], list[Link]] | None = None

    def _everything(self) -> tuple[list[Entity], list[Link]]:
        if not self.activities:
            return self.own_entities, self.own_links
        if self._all is None:
            self._all = (
                [*self.own_entities, *entities_of(self.activities)],
                [*self.own_links, *links_of(self.activities)],
            )
        return self._all

    @property
    def entities(self) -> list[Entity]:
        return self._everything()[0]

    @property
    def links(self) -> list[Link]:
        return self._everything()[1]
