"""One file of a batch: what to load with the facts the user gives about it, and what it gave."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass(slots=True)
class FileResult:
    """What one file gave: its report, and what it contributes to the store."""

    input: FileInput
    report: FileReport
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    progress: list[dict[str, Any]] = field(default_factory=list)
    reference: bool = False
