"""The SQLite store: imported files with what each contributed, user corrections, and what-if scenarios.

Rows are owned by the file that contributed them (`import_file`): importing a file again replaces all it
contributed, in one transaction. When two files contribute the same entity or link, both contributions
are kept and the one from the file imported last is live (`live` = 1), so removing or re-importing that
file brings the other one back, and `provenance_of` lists every place a node was read. Keeping `live`
up to date on write spares `load_inputs` from sorting out a million links on every cold start.

Writes run in `BEGIN IMMEDIATE` transactions (one writer at a time, readers never blocked in WAL mode);
every write to the inputs bumps a revision, and `data_version` names it for caches. Scenarios have
their own revision, so saving one does not invalidate the cached graph.
"""

from __future__ import annotations

import gc
import json
import json.scanner
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import polars as pl
import sqlite_utils

from loaders.codec import (
    EDGE_KINDS,
    attrs_from_row,
    attrs_to_row,
    entity_fields,
    entity_from_fields,
    new_link,
    new_source,
)
from model.entities import Entity, Source
from model.graph import edge_key
from model.issues import Issue, Severity, sort_issues
from model.relations import Link

BUSY_TIMEOUT_S = 30.0
"""How long a writer waits for another writer to finish before giving up."""

CACHE_KIB = 65536
"""SQLite's page cache per connection (the default 2 MiB makes a national import thrash its indexes)."""

STORED_PROGRESS_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "school": pl.String(),
    "status": pl.String(),
    "reported_on": pl.Date(),
    "demo": pl.Boolean(),
    "file": pl.String(),
    "sheet": pl.String(),
    "row": pl.Int32(),
}
"""Stored status reports: `model.progress.PROGRESS_SCHEMA` followed by the demo flag and provenance."""

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
_loads = json.loads
# The C scanner behind json.loads, called directly: a third of the time of json.loads on short documents.
_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed is too narrow


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


# ---------------------------------------------------------------------------------------------- schema


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
    with _transaction(db):
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


def open_store(path: Path | str) -> Store:
    """Open (creating and migrating as needed) the store at a path; ":memory:" opens a private one."""
    name = str(path)
    if name == ":memory:":
        conn = sqlite3.connect(name)
    else:
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT_S)
    db = sqlite_utils.Database(conn)
    try:
        if name != ":memory:":
            db.enable_wal()
            # With WAL, NORMAL never corrupts the file; a power cut may only lose the last commits.
            db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        apply_migrations(db)
    except BaseException:
        db.close()
        raise
    return Store(db, name)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a million objects are built: it would run over and over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _transaction(db: sqlite_utils.Database, mode: str = "IMMEDIATE") -> Iterator[None]:
    """Run a block in one transaction; IMMEDIATE takes the write lock first, so no write is lost."""
    db.conn.execute(f"BEGIN {mode}")
    try:
        yield
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


def _bump(db: sqlite_utils.Database, counter: str) -> None:
    db.execute("UPDATE state SET value = CAST(value AS INTEGER) + 1 WHERE key = ?", [counter])


def _version(db: sqlite_utils.Database, counter: str) -> str:
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


def _lenient_json(value: object) -> str:
    """Return JSON of a caller's value (a report, an entry, operations), writing dates and enums as text."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


# --------------------------------------------------------------------------------------------- imports


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One imported file as it stands: where it came from, its load report and what it contributed."""

    id: int
    file: str
    path: str
    sha256: str
    format: str
    imported_at: datetime
    report: dict[str, Any] = field(compare=False)
    rows_read: int
    entities: int
    links: int
    progress: int
    issues: int


_IMPORT_COLUMNS = (
    "id, file, path, sha256, format, imported_at, report, rows_read, entities, links, progress, issues"
)


def _import_record(row: Sequence[Any]) -> ImportRecord:
    id_, file, path, sha256, fmt, imported_at, report, *counts = row
    return ImportRecord(
        id_, file, path, sha256, fmt, datetime.fromisoformat(imported_at), _loads(report), *counts
    )


def _rows_read(report: Mapping[str, Any]) -> int:
    tables = report.get("tables") or []
    return sum(t.get("rows_read") or 0 for t in tables if isinstance(t, Mapping))


def _entity_rows(entities: Iterable[Entity], file: str, found: list[Issue]) -> Iterator[tuple[Any, ...]]:
    """Yield entity rows; a second entity with an id already seen in this file is dropped with an issue."""
    seen: dict[str, Entity] = {}
    for e in entities:
        first = seen.get(e.id)
        if first is not None:
            if first != e:
                found.append(
                    Issue(
                        "duplicate-node",
                        f"Объект «{e.name}» ({e.id}) встречается в файле дважды; оставлен первый",
                        Severity.WARNING,
                        e.source.file,
                        e.source.sheet,
                        e.source.row,
                    )
                )
            continue
        seen[e.id] = e
        s = e.source
        yield (e.id, e.kind.value, e.name, _dumps(entity_fields(e)), s.file, s.sheet, s.row, file)


def _link_rows(links: Iterable[Link], file: str) -> Iterator[tuple[Any, ...]]:
    for link in links:
        o = link.origin
        attrs = _dumps(attrs_to_row(link.attrs)) if link.attrs else None
        yield (link.source, link.kind.value, edge_key(link), link.target, attrs, o.file, o.sheet, o.row, file)


def _progress_rows(rows: pl.DataFrame | Iterable[Mapping[str, Any]], file: str) -> Iterator[tuple[Any, ...]]:
    records = rows.iter_rows(named=True) if isinstance(rows, pl.DataFrame) else rows
    for r in records:
        reported_on = r["reported_on"]
        yield (
            r["activity"],
            r.get("school"),
            str(r["status"]),
            reported_on.isoformat() if isinstance(reported_on, date) else str(reported_on),
            1 if r.get("demo") else 0,
            r.get("file") or "",
            r.get("sheet") or "",
            r.get("row"),
            file,
        )


def _issue_rows(issues: Iterable[Issue], file: str) -> Iterator[tuple[Any, ...]]:
    for i in issues:
        yield (file, i.code, str(i.severity), i.message, i.file, i.sheet, i.row, i.column)


# An entity or a link contributed by several files has one live row: the one written last (rows of a
# later import have higher rowids). These statements keep that true when a file's rows come and go.
_SAME_ENTITY = "o.id = f.id"
_SAME_LINK = "o.source = f.source AND o.key = f.key AND o.target = f.target"


def _hand_back(db: sqlite_utils.Database, table: str, same: str, file: str) -> None:
    """Before a file's rows go, make live, for each row of it that was live, the latest other contribution."""
    db.execute(
        f"UPDATE {table} SET live = 1 WHERE rowid IN (SELECT max(o.rowid) FROM {table} f JOIN {table} o "
        f"ON {same} AND o.import_file != f.import_file WHERE f.import_file = ? AND f.live GROUP BY f.rowid)",
        [file],
    )


def _take_over(db: sqlite_utils.Database, table: str, same: str, file: str) -> None:
    """After a file's rows are written, shadow the other contributions of the same entities or links."""
    db.execute(
        f"UPDATE {table} SET live = 0 WHERE rowid IN (SELECT o.rowid FROM {table} f JOIN {table} o "
        f"ON {same} AND o.import_file != f.import_file WHERE f.import_file = ? AND o.live)",
        [file],
    )


def _delete_contributions(db: sqlite_utils.Database, file: str) -> bool:
    _hand_back(db, "entities", _SAME_ENTITY, file)
    _hand_back(db, "links", _SAME_LINK, file)
    for table in ("entities", "links", "issues", "progress"):
        db.execute(f"DELETE FROM {table} WHERE import_file = ?", [file])
    return db.execute("DELETE FROM imports WHERE file = ?", [file]).rowcount > 0


def write_import(
    store: Store,
    *,
    file: str,
    path: str,
    sha256: str,
    format: str,
    entities: Iterable[Entity],
    links: Iterable[Link],
    progress_rows: pl.DataFrame | Iterable[Mapping[str, Any]],
    issues: Iterable[Issue],
    report: Mapping[str, Any],
    now: datetime,
) -> ImportRecord:
    """Store what one file contributed, replacing its previous import, all in one transaction.

    Within the file the first entity with an id is kept (a different duplicate becomes a
    `duplicate-node` issue) and the last link between two nodes with one edge key wins, as in the graph.
    """
    db, conn = store.db, store.db.conn
    found: list[Issue] = []
    with _transaction(db):
        _delete_contributions(db, file)
        import_id = db.execute(
            "INSERT INTO imports (file, path, sha256, format, imported_at, report, rows_read, "
            "entities, links, progress, issues) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)",
            [file, path, sha256, format, _iso(now), _lenient_json(dict(report)), _rows_read(report)],
        ).lastrowid
        conn.executemany(
            'INSERT INTO entities (id, kind, name, data, file, sheet, "row", import_file) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            _entity_rows(entities, file, found),
        )
        conn.executemany(
            'INSERT INTO links (source, kind, key, target, attrs, file, sheet, "row", import_file) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, key, target, import_file) "
            "DO UPDATE SET attrs = excluded.attrs, file = excluded.file, sheet = excluded.sheet, "
            '"row" = excluded."row"',
            _link_rows(links, file),
        )
        conn.executemany(
            'INSERT INTO progress (activity, school, status, reported_on, demo, file, sheet, "row", '
            "import_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _progress_rows(progress_rows, file),
        )
        conn.executemany(
            'INSERT INTO issues (import_file, code, severity, message, file, sheet, "row", "column") '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            _issue_rows([*issues, *found], file),
        )
        _take_over(db, "entities", _SAME_ENTITY, file)
        _take_over(db, "links", _SAME_LINK, file)
        counts = [
            db.execute(f"SELECT count(*) FROM {table} WHERE import_file = ?", [file]).fetchone()[0]
            for table in ("entities", "links", "progress", "issues")
        ]
        db.execute(
            "UPDATE imports SET entities = ?, links = ?, progress = ?, issues = ? WHERE id = ?",
            [*counts, import_id],
        )
        _bump(db, "inputs_revision")
        row = db.execute(f"SELECT {_IMPORT_COLUMNS} FROM imports WHERE id = ?", [import_id]).fetchone()
    return _import_record(row)


def remove_import(store: Store, file: str) -> bool:
    """Forget a file and everything it contributed; tell whether it had been imported."""
    with _transaction(store.db):
        removed = _delete_contributions(store.db, file)
        if removed:
            _bump(store.db, "inputs_revision")
    return removed


def list_imports(store: Store) -> list[ImportRecord]:
    """Return every imported file, in the order they were (last) imported."""
    rows = store.db.execute(f"SELECT {_IMPORT_COLUMNS} FROM imports ORDER BY id").fetchall()
    return [_import_record(r) for r in rows]


def issues_of(store: Store, file: str | None = None) -> list[Issue]:
    """Return the issues found when importing a file (or every file), ordered by location."""
    sql = 'SELECT code, message, severity, file, sheet, "row", "column" FROM issues'
    if file is None:
        rows = store.db.execute(sql).fetchall()
    else:
        rows = store.db.execute(sql + " WHERE import_file = ?", [file]).fetchall()
    return sort_issues([Issue(c, m, Severity(s), f, sh, r, col) for c, m, s, f, sh, r, col in rows])


def provenance_of(store: Store, node: str) -> list[Source]:
    """Return every place a node was read, the live one (from the file imported last) last."""
    rows = store.db.execute(
        'SELECT e.file, e.sheet, e."row" FROM entities e JOIN imports i ON i.file = e.import_file '
        "WHERE e.id = ? ORDER BY i.id",
        [node],
    ).fetchall()
    return [Source(f, s, r) for f, s, r in rows]


# ---------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True, eq=False)
class StoredInputs:
    """Everything the model needs from the store, and the version it was read at."""

    entities: list[Entity]
    links: list[Link]
    progress: pl.DataFrame
    capacity_overrides: dict[str, float]
    data_version: str


def data_version(store: Store) -> str:
    """Return a name of the current inputs that changes on every import, removal and user correction."""
    return _version(store.db, "inputs_revision")


def load_inputs(store: Store) -> StoredInputs:
    """Return the live entities and links (from the file imported last), progress and overrides."""
    db = store.db
    with _collector_paused(), _transaction(db, "DEFERRED"):  # one snapshot: data and version agree
        entities, links = _live_entities_and_links(
            db.execute('SELECT id, kind, data, file, sheet, "row" FROM entities WHERE live ORDER BY rowid'),
            db.execute(
                'SELECT source, kind, target, attrs, file, sheet, "row" FROM links WHERE live ORDER BY rowid'
            ),
        )
        progress_rows = db.execute(
            'SELECT activity, school, status, reported_on, demo, file, sheet, "row" FROM progress ORDER BY id'
        ).fetchall()
        overrides = _capacity_overrides(db)
        version = _version(db, "inputs_revision")
    progress = pl.DataFrame(
        progress_rows,
        schema={**STORED_PROGRESS_SCHEMA, "reported_on": pl.String(), "demo": pl.Int64()},
        orient="row",
    ).with_columns(pl.col("reported_on").str.to_date("%Y-%m-%d"), pl.col("demo").cast(pl.Boolean()))
    return StoredInputs(entities, links, progress, overrides, version)


def _live_entities_and_links(
    entity_rows: Iterable[Sequence[Any]], link_rows: Iterable[Sequence[Any]]
) -> tuple[list[Entity], list[Link]]:
    """Return the entities and links of their live rows, in the order they were written.

    Equal values are built once and shared: a link's source and target are its nodes' id strings, the
    links read from an entity's row share its `Source`, equal attributes are decoded once (each link
    still gets a dict of its own). Methods are bound to locals: this loop runs 1.5 million times.
    """
    sources: dict[tuple[str, str, int | None], Source] = {}
    source_of, ids = sources.get, {}
    entities: list[Entity] = []
    keep_entity, decode_entity = entities.append, entity_from_fields
    for id_, kind, data, file, sheet, row in entity_rows:
        ids[id_] = id_
        source = source_of((file, sheet, row))
        if source is None:
            source = sources[file, sheet, row] = new_source(file, sheet, row)
        keep_entity(decode_entity(kind, id_, _scan(data, 0)[0], source))
    attrs_seen: dict[str, dict[str, Any]] = {}
    links: list[Link] = []
    keep_link, node, edge_kinds = links.append, ids.get, EDGE_KINDS
    for s, kind, t, attrs, file, sheet, row in link_rows:
        origin = source_of((file, sheet, row))
        if origin is None:
            origin = sources[file, sheet, row] = new_source(file, sheet, row)
        if attrs is None:
            decoded = {}
        else:
            known = attrs_seen.get(attrs)
            if known is None:
                known = attrs_seen[attrs] = attrs_from_row(_scan(attrs, 0)[0])
            decoded = known.copy()
        keep_link(new_link(node(s, s), edge_kinds[kind], node(t, t), decoded, origin))
    return entities, links


# ------------------------------------------------------------------------------------ user corrections


def normalise_abbreviation(text: str) -> str:
    """Return an abbreviation as a glossary key: Unicode-normalised, single-spaced, without quotes.

    >>> normalise_abbreviation(" «МОНиМП\\u00a0 НО» ")
    'МОНиМП НО'
    """
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).strip("«»\"' ")


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
    with _transaction(store.db):
        if entry is None:
            store.db.execute("DELETE FROM glossary WHERE scope = ? AND abbreviation = ?", [scope, key])
        else:
            store.db.table("glossary").upsert(
                {
                    "scope": scope,
                    "abbreviation": key,
                    "entry": _lenient_json({"abbreviation": key, **entry}),
                    "author": author,
                    "changed_at": _iso(now),
                },
                pk=("scope", "abbreviation"),
            )
        _bump(store.db, "inputs_revision")


def user_glossary(store: Store, scope: str) -> dict[str, dict[str, Any]]:
    """Return the user's mappings that apply in a scope: those for everywhere, overridden by its own."""
    rows = store.db.execute(
        "SELECT abbreviation, entry FROM glossary WHERE scope IN ('', ?) ORDER BY scope != '', abbreviation",
        [scope],
    ).fetchall()
    return {abbreviation: _loads(entry) for abbreviation, entry in rows}


def list_mappings(store: Store) -> list[GlossaryMapping]:
    """Return every user mapping with who made it and when, by scope and abbreviation."""
    rows = store.db.execute(
        "SELECT scope, abbreviation, entry, author, changed_at FROM glossary ORDER BY scope, abbreviation"
    ).fetchall()
    return [GlossaryMapping(s, a, _loads(e), au, datetime.fromisoformat(t)) for s, a, e, au, t in rows]


@dataclass(frozen=True, slots=True)
class CapacityOverride:
    """A user's capacity for an executor (activities a month), with who set it and why."""

    executor: str
    capacity: float
    author: str
    reason: str
    changed_at: datetime


def _capacity_overrides(db: sqlite_utils.Database) -> dict[str, float]:
    return dict(db.execute("SELECT executor, capacity FROM capacity ORDER BY executor").fetchall())


def capacity_overrides(store: Store) -> dict[str, float]:
    """Return the user's capacity per executor."""
    return _capacity_overrides(store.db)


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
    if capacity is not None and not capacity >= 0:
        raise ValueError(f"capacity must be a non-negative number, not {capacity!r}")
    with _transaction(store.db):
        if capacity is None:
            store.db.execute("DELETE FROM capacity WHERE executor = ?", [executor])
        else:
            store.db.table("capacity").upsert(
                {
                    "executor": executor,
                    "capacity": float(capacity),
                    "author": author,
                    "reason": reason,
                    "changed_at": _iso(now),
                },
                pk="executor",
            )
        _bump(store.db, "inputs_revision")


# ------------------------------------------------------------------------------------------- scenarios


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
        tuple(_loads(operations)),
        base_version,
    )


def _get_scenario(db: sqlite_utils.Database, scenario_id: str) -> Scenario | None:
    row = db.execute(f"SELECT {_SCENARIO_COLUMNS} FROM scenarios WHERE id = ?", [scenario_id]).fetchone()
    return None if row is None else _scenario(row)


def scenarios_version(store: Store) -> str:
    """Return a name of the saved scenarios that changes whenever one is saved, renamed, copied or deleted."""
    return _version(store.db, "scenarios_revision")


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
    ops = _lenient_json([dict(o) for o in operations])
    with _transaction(db):
        if expected_version == 0:
            new_id = scenario_id or f"scn:{uuid.uuid4().hex}"
            inserted = db.execute(
                f"INSERT INTO scenarios ({_SCENARIO_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                [new_id, name, author, reason, _iso(now), _iso(now), ops, base_version],
            ).rowcount
            if not inserted:
                return Conflict(_get_scenario(db, new_id))
        else:
            new_id = scenario_id or ""  # never empty: checked above
            updated = db.execute(
                "UPDATE scenarios SET name = ?, author = ?, reason = ?, changed_at = ?, operations = ?, "
                "base_version = ?, version = version + 1 WHERE id = ? AND version = ?",
                [name, author, reason, _iso(now), ops, base_version, new_id, expected_version],
            ).rowcount
            if not updated:
                return Conflict(_get_scenario(db, new_id))
        _bump(db, "scenarios_revision")
        saved = _get_scenario(db, new_id)
    assert saved is not None
    return Saved(saved)


def rename_scenario(
    store: Store, scenario_id: str, name: str, *, expected_version: int, author: str, now: datetime
) -> SaveResult:
    """Rename a scenario if nobody saved it since `expected_version`; else return the conflict."""
    db = store.db
    with _transaction(db):
        updated = db.execute(
            "UPDATE scenarios SET name = ?, author = ?, changed_at = ?, version = version + 1 "
            "WHERE id = ? AND version = ?",
            [name, author, _iso(now), scenario_id, expected_version],
        ).rowcount
        current = _get_scenario(db, scenario_id)
        if not updated:
            return Conflict(current)
        _bump(db, "scenarios_revision")
    assert current is not None
    return Saved(current)


def copy_scenario(
    store: Store, scenario_id: str, *, name: str, author: str, now: datetime
) -> Scenario | None:
    """Save a copy of a scenario under a new id and name (version 1); None when there is no such scenario."""
    db = store.db
    new_id = f"scn:{uuid.uuid4().hex}"
    with _transaction(db):
        copied = db.execute(
            f"INSERT INTO scenarios ({_SCENARIO_COLUMNS}) SELECT ?, ?, ?, reason, ?, ?, 1, operations, "
            "base_version FROM scenarios WHERE id = ?",
            [new_id, name, author, _iso(now), _iso(now), scenario_id],
        ).rowcount
        if not copied:
            return None
        _bump(db, "scenarios_revision")
        return _get_scenario(db, new_id)


def delete_scenario(store: Store, scenario_id: str, *, expected_version: int | None = None) -> bool:
    """Delete a scenario (only if still at `expected_version`, when given); tell whether it was deleted."""
    db = store.db
    args: list[object]
    with _transaction(db):
        sql, args = "DELETE FROM scenarios WHERE id = ?", [scenario_id]
        if expected_version is not None:
            sql, args = sql + " AND version = ?", [scenario_id, expected_version]
        deleted = db.execute(sql, args).rowcount > 0
        if deleted:
            _bump(db, "scenarios_revision")
    return deleted
