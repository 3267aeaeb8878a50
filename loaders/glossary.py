"""Abbreviations: the lines of a document that define them, and what each one means as a glossary layer.

A meaning comes from a `model.glossary.GlossaryEntry`, a row of the reference workbook's «Сокращения»
or a user's mapping in the store; a layer keys meanings by `normalize_term` of the abbreviation and of
the full name, as `model.glossary.resolve_term` looks them up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from loaders.read import RawRow
from model.entities import NodeKind
from model.glossary import normalize_term
from model.relations import FanOut

GLOSSARY_MARK = re.compile(
    r"(?:(?:используемые|принятые|применяемые|список|перечень)\s+(?:используемых\s+|принятых\s+)?)?"
    r"сокращени[йяе](?:\s+и\s+обозначени[йя])?\s*(?::|\.|$)",
    re.IGNORECASE,
)
"""The line that opens a list of abbreviations: «Используемые сокращения:»."""
_ENTRY = re.compile(r"\S.{0,80}?(?:\s[-–—]|[–—])\s*\S.*")


# --- meanings -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Meaning:
    """What an abbreviation stands for: a full name, what kind of body, a fan-out, or a known node."""

    abbreviation: str
    full_name: str = ""
    node_kind: NodeKind | None = None
    subkind: str = ""
    fan_out: FanOut | None = None
    node: str | None = None


def meaning_of(entry: Any) -> Meaning | None:
    """Return the meaning of a glossary entry given as a `GlossaryEntry` or as a stored mapping."""
    get = (
        entry.get if isinstance(entry, Mapping) else (lambda key, default=None: getattr(entry, key, default))
    )
    abbreviation = str(get("abbreviation", "") or "")
    full_name = str(get("full_name", "") or "")
    if not abbreviation and not full_name:
        return None
    kind = get("node_kind", None)
    fan_out = get("fan_out", None)
    try:
        node_kind = NodeKind(str(kind)) if kind else None
        fan = FanOut(str(fan_out)) if fan_out else None
    except ValueError:
        node_kind, fan = None, None
    subkind = get("subkind", "")
    return Meaning(abbreviation, full_name, node_kind, str(subkind or ""), fan, get("node", None) or None)


def layer_of(entries: Iterable[Any]) -> dict[str, Meaning]:
    """Return a glossary layer keyed by `normalize_term` of each abbreviation and full name."""
    layer: dict[str, Meaning] = {}
    for entry in entries:
        meaning = meaning_of(entry)
        if meaning is None:
            continue
        for term in (meaning.abbreviation, meaning.full_name):
            if term and normalize_term(term):
                layer.setdefault(normalize_term(term), meaning)
    return layer


def normalise_abbreviation(text: str) -> str:
    """Return an abbreviation as a glossary key: Unicode-normalised, single-spaced, without quotes.

    >>> normalise_abbreviation(" «МОНиМП\\u00a0 НО» ")
    'МОНиМП НО'
    """
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).strip("«»\"' ")


# --- definitions in a document ------------------------------------------------------------------------------


def row_lines(rows: Sequence[RawRow]) -> list[str]:
    """Return rows as lines of text: a two-cell row reads «term – meaning».

    >>> row_lines([RawRow(5, ("ОО", "", "общеобразовательная организация"))])
    ['ОО – общеобразовательная организация']
    """
    lines = []
    for row in rows:
        filled = [c.replace("\n", " ") for c in row.cells if c]
        dashes = ("-", "–", "—")
        if len(filled) == 2 and not filled[1].startswith(dashes) and not filled[0].endswith(dashes):
            lines.append(f"{filled[0]} – {filled[1]}")
        else:
            lines.append(" ".join(filled))
    return lines


def find_glossary(lines: Sequence[str]) -> list[str]:
    """Return the entries of the «Используемые сокращения» blocks, one «term – meaning» a line.

    >>> find_glossary(["И.С. Гутник", "Используемые сокращения:", "", "ОО – общеобразовательная организация"])
    ['ОО – общеобразовательная организация']
    """
    entries: list[str] = []
    inside = False
    for raw in lines:
        line = " ".join(raw.replace("*", " ").split())
        mark = GLOSSARY_MARK.match(line)
        if mark:
            inside = True
            rest = line[mark.end() :].lstrip(" :.")
            entries.extend(_entries_of(rest))
            continue
        if not inside:
            continue
        if not line:
            continue
        found = _entries_of(line)
        if found:
            entries.extend(found)
        else:
            inside = False
    return entries


def _entries_of(text: str) -> list[str]:
    parts = [p.strip(" ;,") for p in re.split(r";\s*", text)]
    parts = [p for p in parts if p]
    return parts if all(_ENTRY.fullmatch(p) for p in parts) else []
