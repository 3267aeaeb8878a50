"""The store's schema: numbered migrations, applied once each, in order, in one transaction.

A new step is appended to `MIGRATIONS`, never edited once released; a database made by a newer version
of the program (a step this one does not know) is refused with `StoreError`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from loaders.blocks import CREATE_SQL, write_blocks
from loaders.connection import Store, StoreError, transaction


def _v1_imports(db: sqlite_utils.Database) -> None:
    for sql in (
        "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            file TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            format TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            report TEXT NOT NULL,
            rows_read INTEGER NOT NULL,
            entities INTEGER NOT NULL,
            links INTEGER NOT NULL,
            progress INTEGER NOT NULL,
            issues INTEGER NOT NULL)""",
        """CREATE TABLE entities (
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            file TEXT NOT NULL,
            sheet TEXT NOT NULL,
            "row" INTEGER,
            import_file TEXT NOT NULL REFERENCES imports(file) ON DELETE CASCADE,
            live INTEGER NOT NULL DEFAULT 1,
            UNIQUE (id, import_file))""",
        "CREATE INDEX entities_import_file ON entities(import_file)",
        """CREATE TABLE links (
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            target TEXT NOT NULL,
            attrs TEXT,
            file TEXT NOT NULL,
            sheet TEXT NOT NULL,
            "row" INTEGER,
            import_file TEXT NOT NULL REFERENCES imports(file) ON DELETE CASCADE,
            live INTEGER NOT NULL DEFAULT 1,
            UNIQUE (source, key, target, import_file))""",
        "CREATE INDEX links_import_file ON links(import_file)",
        """CREATE TABLE issues (
            id INTEGER PRIMARY KEY,
            import_file TEXT NOT NULL REFERENCES imports(file) ON DELETE CASCADE,
            code TEXT NOT NULL,
            severity TEXT NOT NULL,
            message TEXT NOT NULL,
            file TEXT NOT NULL,
            sheet TEXT NOT NULL,
            "row" INTEGER,
            "column" TEXT NOT NULL)""",
        "CREATE INDEX issues_import_file ON issues(import_file)",
        """CREATE TABLE progress (
            id INTEGER PRIMARY KEY,
            activity TEXT NOT NULL,
            school TEXT,
            status TEXT NOT NULL,
            reported_on TEXT NOT NULL,
            demo INTEGER NOT NULL,
            file TEXT NOT NULL,
            sheet TEXT NOT NULL,
            "row" INTEGER,
            import_file TEXT NOT NULL REFERENCES imports(file) ON DELETE CASCADE)""",
        "CREATE INDEX progress_import_file ON progress(import_file)",
    ):
        db.execute(sql)
    db.execute("INSERT INTO state VALUES ('store_id', ?), ('inputs_revision', '0')", [uuid.uuid4().hex[:12]])


def _v2_user_edits(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE glossary (
            scope TEXT NOT NULL,
            abbreviation TEXT NOT NULL,
            entry TEXT NOT NULL,
            author TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            PRIMARY KEY (scope, abbreviation))"""
    )
    db.execute(
        """CREATE TABLE capacity (
            executor TEXT PRIMARY KEY,
            capacity REAL NOT NULL CHECK (capacity >= 0),
            author TEXT NOT NULL,
            reason TEXT NOT NULL,
            changed_at TEXT NOT NULL)"""
    )


def _v3_scenarios(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE scenarios (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            author TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            operations TEXT NOT NULL,
            base_version TEXT NOT NULL)"""
    )
    db.execute("INSERT INTO state VALUES ('scenarios_revision', '0')")


def _v4_blocks(db: sqlite_utils.Database) -> None:
    """Create `blocks` and move into it the activities of every file and the links touching them."""
    for sql in CREATE_SQL:
        db.execute(sql)
    scopes: dict[tuple[str, str], str] = {}
    entities: dict[tuple[str, str], list[tuple[object, ...]]] = {}
    for *row, file in db.execute(
        'SELECT id, kind, name, data, file, sheet, "row", import_file FROM entities '
        "WHERE kind = 'activity' ORDER BY rowid"
    ).fetchall():
        roadmap = json.loads(row[3]).get("roadmap")
        scope = scopes[file, row[0]] = roadmap if isinstance(roadmap, str) and roadmap else row[0]
        entities.setdefault((file, scope), []).append(tuple(row))
    if not entities:
        return
    links: dict[tuple[str, str], list[tuple[object, ...]]] = {}
    moved = []
    for rowid, *row, file in db.execute(
        'SELECT rowid, source, kind, key, target, attrs, file, sheet, "row", import_file FROM links '
        "ORDER BY rowid"
    ).fetchall():
        scope = scopes.get((file, row[0])) or scopes.get((file, row[3]))
        if scope is not None:
            links.setdefault((file, scope), []).append(tuple(row))
            moved.append((rowid,))
    for part, found in (("entities", entities), ("links", links)):
        for (file, scope), rows in found.items():
            write_blocks(db, file, scope, part, rows)
    db.execute("DELETE FROM entities WHERE kind = 'activity'")
    db.conn.executemany("DELETE FROM links WHERE rowid = ?", moved)


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: applied once, in order, and recorded in the `migrations` table."""

    version: int
    name: str
    apply: Callable[[sqlite_utils.Database], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "imports, entities, links, issues, progress", _v1_imports),
    Migration(2, "glossary and capacity overrides", _v2_user_edits),
    Migration(3, "scenarios", _v3_scenarios),
    Migration(4, "activities and their links as columnar blocks", _v4_blocks),
)
"""Every schema step; a new one is appended, never edited once released."""

SCHEMA_VERSION = MIGRATIONS[-1].version


def _applied_versions(db: sqlite_utils.Database) -> set[int]:
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone():
        return set()
    return {v for (v,) in db.execute("SELECT version FROM migrations").fetchall()}


def _check_known(applied: set[int]) -> None:
    if applied and max(applied) > SCHEMA_VERSION:
        raise StoreError(
            f"База данных создана более новой версией программы (схема {max(applied)}, "
            f"эта версия знает схему до {SCHEMA_VERSION}); обновите программу"
        )


def apply_migrations(db: sqlite_utils.Database, upto: int | None = None) -> list[int]:
    """Apply, in one transaction, the migrations not yet applied (up to a version); return their versions."""
    target = SCHEMA_VERSION if upto is None else upto
    applied = _applied_versions(db)
    _check_known(applied)
    if all(m.version in applied for m in MIGRATIONS if m.version <= target):
        return []
    with transaction(db):
        db.execute(
            "CREATE TABLE IF NOT EXISTS migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = _applied_versions(db)  # again, under the write lock: another process may have migrated
        _check_known(applied)
        done = []
        for m in MIGRATIONS:
            if m.version <= target and m.version not in applied:
                m.apply(db)
                db.execute(
                    "INSERT INTO migrations VALUES (?, ?, ?)",
                    [m.version, m.name, datetime.now(UTC).isoformat(timespec="seconds")],
                )
                done.append(m.version)
    return done


def schema_version(store: Store) -> int:
    """Return the latest migration applied to the store."""
    return max(_applied_versions(store.db), default=0)
