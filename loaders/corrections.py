"""The user's corrections, kept apart from the imported files: abbreviation mappings and capacities.

They survive re-imports; each change bumps the inputs' revision, so cached graphs are rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from loaders.connection import Store, bump_revision, iso, lenient_json, transaction
from loaders.glossary import normalise_abbreviation
from model.workload import is_capacity


@dataclass(frozen=True, slots=True)
class GlossaryMapping:
    """A user's meaning for an abbreviation, everywhere (scope "") or in one region (scope: its id)."""

    scope: str
    abbreviation: str
    entry: dict[str, Any] = field(compare=False)
    author: str
    changed_at: datetime


def set_mapping(
    store: Store,
    *,
    scope: str,
    abbreviation: str,
    entry: Mapping[str, Any] | None,
    author: str,
    now: datetime,
) -> None:
    """Record what an abbreviation means in a scope ("" = everywhere); None forgets the mapping.

    The entry is stored as given (a `GlossaryEntry`-like mapping: full_name, node_kind, subkind, fan_out,
    node), with `abbreviation` added when it lacks one, so that `loaders.resolve.meaning_of` reads it.
    """
    key = normalise_abbreviation(abbreviation)
    with transaction(store.db):
        if entry is None:
            store.db.execute("DELETE FROM glossary WHERE scope = ? AND abbreviation = ?", [scope, key])
        else:
            store.db.table("glossary").upsert(
                {
                    "scope": scope,
                    "abbreviation": key,
                    "entry": lenient_json({"abbreviation": key, **entry}),
                    "author": author,
                    "changed_at": iso(now),
                },
                pk=("scope", "abbreviation"),
            )
        bump_revision(store.db, "inputs_revision")


def user_glossary(store: Store, scope: str) -> dict[str, dict[str, Any]]:
    """Return the user's mappings that apply in a scope: those for everywhere, overridden by its own."""
    rows = store.db.execute(
        "SELECT abbreviation, entry FROM glossary WHERE scope IN ('', ?) ORDER BY scope != '', abbreviation",
        [scope],
    ).fetchall()
    return {abbreviation: json.loads(entry) for abbreviation, entry in rows}


def list_mappings(store: Store) -> list[GlossaryMapping]:
    """Return every user mapping with who made it and when, by scope and abbreviation."""
    rows = store.db.execute(
        "SELECT scope, abbreviation, entry, author, changed_at FROM glossary ORDER BY scope, abbreviation"
    ).fetchall()
    return [GlossaryMapping(s, a, json.loads(e), au, datetime.fromisoformat(t)) for s, a, e, au, t in rows]


@dataclass(frozen=True, slots=True)
class CapacityOverride:
    """A user's capacity for an executor (activities a month), with who set it and why."""

    executor: str
    capacity: float
    author: str
    reason: str
    changed_at: datetime


def capacity_overrides(store: Store) -> dict[str, float]:
    """Return the user's capacity per executor, but a capacity of 0 an earlier version let be saved: it
    would take the executor out of the load ranking, so the computed capacity stands instead."""
    rows = store.db.execute("SELECT executor, capacity FROM capacity ORDER BY executor").fetchall()
    return {executor: capacity for executor, capacity in rows if is_capacity(capacity)}


def list_capacity_overrides(store: Store) -> list[CapacityOverride]:
    """Return every capacity override with who set it, why and when."""
    rows = store.db.execute(
        "SELECT executor, capacity, author, reason, changed_at FROM capacity ORDER BY executor"
    ).fetchall()
    return [CapacityOverride(e, c, a, r, datetime.fromisoformat(t)) for e, c, a, r, t in rows]


def set_capacity(
    store: Store, executor: str, capacity: float | None, *, author: str, reason: str, now: datetime
) -> None:
    """Set an executor's capacity (activities a month); None goes back to the computed one."""
    if capacity is not None and not is_capacity(capacity):
        raise ValueError(f"capacity must be a positive number of activities a month, not {capacity!r}")
    with transaction(store.db):
        if capacity is None:
            store.db.execute("DELETE FROM capacity WHERE executor = ?", [executor])
        else:
            store.db.table("capacity").upsert(
                {
                    "executor": executor,
                    "capacity": float(capacity),
                    "author": author,
                    "reason": reason,
                    "changed_at": iso(now),
                },
                pk="executor",
            )
        bump_revision(store.db, "inputs_revision")
