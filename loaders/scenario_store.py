"""Saved what-if scenarios: their operations, who saved them and why, with optimistic versions.

A save names the version it was read at; when someone saved the scenario since, nothing is written and
the save returns the `Conflict`. Scenarios have their own revision, so saving one does not invalidate
the cached graph.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from loaders.connection import Store, bump_revision, iso, lenient_json, revision_of, transaction


@dataclass(frozen=True, slots=True)
class Scenario:
    """A saved what-if scenario: its operations (JSON-ready), the data version it was made on, who saved it.

    `author` and `reason` are those of the latest save; `version` counts the saves.
    """

    id: str
    name: str
    author: str
    reason: str
    created_at: datetime
    changed_at: datetime
    version: int
    operations: tuple[dict[str, Any], ...]
    base_version: str


@dataclass(frozen=True, slots=True)
class Saved:
    """The scenario was saved; this is it as stored, with its new version."""

    scenario: Scenario


@dataclass(frozen=True, slots=True)
class Conflict:
    """Someone saved the scenario since it was read; nothing was written. `current` is None when deleted."""

    current: Scenario | None


SaveResult = Saved | Conflict

_SCENARIO_COLUMNS = "id, name, author, reason, created_at, changed_at, version, operations, base_version"


def _scenario(row: Sequence[Any]) -> Scenario:
    id_, name, author, reason, created_at, changed_at, version, operations, base_version = row
    return Scenario(
        id_,
        name,
        author,
        reason,
        datetime.fromisoformat(created_at),
        datetime.fromisoformat(changed_at),
        version,
        tuple(json.loads(operations)),
        base_version,
    )


def _get_scenario(db: sqlite_utils.Database, scenario_id: str) -> Scenario | None:
    row = db.execute(f"SELECT {_SCENARIO_COLUMNS} FROM scenarios WHERE id = ?", [scenario_id]).fetchone()
    return None if row is None else _scenario(row)


def scenarios_version(store: Store) -> str:
    """Return a name of the saved scenarios that changes whenever one is saved, renamed, copied or deleted."""
    return revision_of(store.db, "scenarios_revision")


def get_scenario(store: Store, scenario_id: str) -> Scenario | None:
    """Return a saved scenario, or None."""
    return _get_scenario(store.db, scenario_id)


def list_scenarios(store: Store) -> list[Scenario]:
    """Return every saved scenario, the most recently changed first."""
    sql = f"SELECT {_SCENARIO_COLUMNS} FROM scenarios ORDER BY changed_at DESC, id"
    rows = store.db.execute(sql).fetchall()
    return [_scenario(r) for r in rows]


def save_scenario(
    store: Store,
    *,
    scenario_id: str | None = None,
    name: str,
    author: str,
    reason: str = "",
    operations: Sequence[Mapping[str, Any]],
    base_version: str,
    expected_version: int = 0,
    now: datetime,
) -> SaveResult:
    """Save a scenario if nobody saved it since `expected_version` (0: it is new); else return the conflict.

    Without an id a new scenario is created. `author` and `reason` are those of this save.
    """
    if scenario_id is None and expected_version:
        raise ValueError("a scenario without an id is new: its expected version is 0")
    db = store.db
    ops = lenient_json([dict(o) for o in operations])
    with transaction(db):
        if expected_version == 0:
            new_id = scenario_id or f"scn:{uuid.uuid4().hex}"
            inserted = db.execute(
                f"INSERT INTO scenarios ({_SCENARIO_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                [new_id, name, author, reason, iso(now), iso(now), ops, base_version],
            ).rowcount
            if not inserted:
                return Conflict(_get_scenario(db, new_id))
        else:
            new_id = scenario_id or ""  # never empty: checked above
            updated = db.execute(
                "UPDATE scenarios SET name = ?, author = ?, reason = ?, changed_at = ?, operations = ?, "
                "base_version = ?, version = version + 1 WHERE id = ? AND version = ?",
                [name, author, reason, iso(now), ops, base_version, new_id, expected_version],
            ).rowcount
            if not updated:
                return Conflict(_get_scenario(db, new_id))
        bump_revision(db, "scenarios_revision")
        saved = _get_scenario(db, new_id)
    assert saved is not None
    return Saved(saved)


def rename_scenario(store: Store, scenario_id: str, name: str, *, expected_version: int) -> SaveResult:
    """Rename a scenario if nobody saved it since `expected_version`; else return the conflict.

    Only the name changes (and the version, so that an edit read before the rename conflicts): who
    saved the operations and when stay as they were, as the minutes cite them.
    """
    db = store.db
    with transaction(db):
        updated = db.execute(
            "UPDATE scenarios SET name = ?, version = version + 1 WHERE id = ? AND version = ?",
            [name, scenario_id, expected_version],
        ).rowcount
        current = _get_scenario(db, scenario_id)
        if not updated:
            return Conflict(current)
        bump_revision(db, "scenarios_revision")
    assert current is not None
    return Saved(current)


def copy_scenario(
    store: Store, scenario_id: str, *, name: str, author: str, now: datetime
) -> Scenario | None:
    """Save a copy of a scenario under a new id and name (version 1), saved by `author` at `now` with the
    original's operations and reason; None when there is no such scenario."""
    db = store.db
    new_id = f"scn:{uuid.uuid4().hex}"
    with transaction(db):
        copied = db.execute(
            f"INSERT INTO scenarios ({_SCENARIO_COLUMNS}) SELECT ?, ?, ?, reason, ?, ?, 1, operations, "
            "base_version FROM scenarios WHERE id = ?",
            [new_id, name, author, iso(now), iso(now), scenario_id],
        ).rowcount
        if not copied:
            return None
        bump_revision(db, "scenarios_revision")
        return _get_scenario(db, new_id)


def delete_scenario(store: Store, scenario_id: str, *, expected_version: int | None = None) -> bool:
    """Delete a scenario (only if still at `expected_version`, when given); tell whether it was deleted."""
    db = store.db
    args: list[object]
    with transaction(db):
        sql, args = "DELETE FROM scenarios WHERE id = ?", [scenario_id]
        if expected_version is not None:
            sql, args = sql + " AND version = ?", [scenario_id, expected_version]
        deleted = db.execute(sql, args).rowcount > 0
        if deleted:
            bump_revision(db, "scenarios_revision")
    return deleted
