"""An open store — one SQLite connection — and what every part of the store writes with.

Every write runs in one transaction (`transaction`); a write to the inputs or to the scenarios bumps a
revision counter kept in the table `state`, which `revision_of` names for caches.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

import sqlite_utils


class StoreError(Exception):
    """The database cannot be used by this version of the program."""


@dataclass(eq=False)
class Store:
    """An open store: one SQLite connection, to be used by one thread."""

    db: sqlite_utils.Database
    path: str

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def transaction(db: sqlite_utils.Database, mode: str = "IMMEDIATE") -> Iterator[None]:
    """Run a block in one transaction; IMMEDIATE takes the write lock first, so no write is lost."""
    db.conn.execute(f"BEGIN {mode}")
    try:
        yield
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


def bump_revision(db: sqlite_utils.Database, counter: str) -> None:
    """Count one more write to what a revision counter («inputs_revision», «scenarios_revision») covers."""
    db.execute("UPDATE state SET value = CAST(value AS INTEGER) + 1 WHERE key = ?", [counter])


def revision_of(db: sqlite_utils.Database, counter: str) -> str:
    """Return the name of a revision: the store's id and the counter, «3f9a…-12»."""
    state = dict(db.execute("SELECT key, value FROM state").fetchall())
    return f"{state['store_id']}-{state[counter]}"


def _json_default(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def lenient_json(value: object) -> str:
    """Return JSON of a caller's value (a report, an entry, operations), writing dates and enums as text."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def iso(moment: datetime) -> str:
    """Return a moment as stored: ISO 8601 text."""
    return moment.isoformat()
