"""The SQLite store: opening it, the imported files with what each contributed, and the model's inputs.

Rows are owned by the file that contributed them (`import_file`): importing a file again replaces all it
contributed, in one transaction. When two files contribute the same entity or link, both contributions
are kept and the one from the file imported last is live (`live` = 1), so removing or re-importing that
file brings the other one back, and `provenance_of` lists every place a node was read. Keeping `live`
up to date on write spares `load_inputs` from sorting out a million links on every cold start.

A file's activities, and the links that touch them, are not rows of `entities` and `links` but columnar
blocks, one per roadmap (`loaders.blocks`): a roadmap's activities are only ever read all together and
replaced all together, and inserting them row by row took longer than reading the spreadsheet. The same
rule holds for them: the contribution of the file imported last is live, worked out when they are read.

Writes run in `BEGIN IMMEDIATE` transactions (one writer at a time, readers never blocked in WAL mode);
every write to the inputs bumps a revision, and `data_version` names it for caches. The schema is
`loaders.migrations`; the user's corrections are `loaders.corrections` and saved scenarios
`loaders.scenario_store` (the corrections the dashboard uses are importable from here too).
"""

from __future__ import annotations

import json
import json.scanner
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import sqlite_utils

from loaders.activity_columns import ActivityColumns
from loaders.blocks import last_per_key, live_blocks, scope_of_node, split_scoped, stored_blocks, write_blocks
from loaders.codec import (
    EDGE_KINDS,
    SHARING_DECODERS,
    attrs_from_row,
    entity_json_writer,
    kind_key_and_attrs,
    new_link,
    new_source,
)
from loaders.collector import collector_paused
from loaders.connection import Store, StoreError, bump_revision, iso, lenient_json, revision_of, transaction
from loaders.corrections import capacity_overrides, list_mappings, set_capacity, set_mapping, user_glossary
from loaders.migrations import apply_migrations
from model.entities import NODE_KIND_NAMES, Entity, Source
from model.issues import Issue, Severity, sort_issues
from model.relations import Link

# `Store` and `StoreError` (loaders.connection) and the user's corrections the dashboard reads
# (loaders.corrections) are importable from here too.
__all__ = [
    "BUSY_TIMEOUT_S",
    "CACHE_KIB",
    "STORED_PROGRESS_SCHEMA",
    "ImportRecord",
    "Store",
    "StoreError",
    "StoredInputs",
    "capacity_overrides",
    "count_imports",
    "data_version",
    "issues_of",
    "list_imports",
    "list_mappings",
    "load_inputs",
    "open_store",
    "provenance_of",
    "remove_import",
    "set_capacity",
    "set_mapping",
    "user_glossary",
    "write_import",
]

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

# The C scanner behind json.loads, called directly: a third of the time of json.loads on short documents.
_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed is too narrow


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
    report_json: str = field(compare=False, repr=False)
    """The load report as stored; `report` reads it (a history of thousands of files never needs it)."""
    rows_read: int
    entities: int
    links: int
    progress: int
    issues: int

    @property
    def report(self) -> dict[str, Any]:
        """Return the file's load report."""
        return dict(json.loads(self.report_json))


_IMPORT_COLUMNS = (
    "id, file, path, sha256, format, imported_at, report, rows_read, entities, links, progress, issues"
)


def _import_record(row: Sequence[Any]) -> ImportRecord:
    id_, file, path, sha256, fmt, imported_at, report, *counts = row
    return ImportRecord(id_, file, path, sha256, fmt, datetime.fromisoformat(imported_at), report, *counts)


def _rows_read(report: Mapping[str, Any]) -> int:
    tables = report.get("tables") or []
    return sum(t.get("rows_read") or 0 for t in tables if isinstance(t, Mapping))


def _entity_rows(entities: Iterable[Entity], file: str, found: list[Issue]) -> Iterator[tuple[Any, ...]]:
    """Yield entity rows; a second entity with an id already seen in this file is dropped with an issue."""
    seen: dict[str, Entity] = {}
    write = entity_json_writer()
    for e in entities:
        first = seen.get(e.id)
        if first is not None:
            if first != e:
                found.append(
                    Issue(
                        "duplicate-node",
                        f"{NODE_KIND_NAMES.get(e.kind, 'объект').capitalize()} «{e.name}» встречается в "
                        f"файле дважды; оставлен первый{_at(first.source)}",
                        Severity.WARNING,
                        e.source.file,
                        e.source.sheet,
                        e.source.row,
                    )
                )
            continue
        seen[e.id] = e
        s = e.source
        yield (e.id, e.kind.value, e.name, write(e), s.file, s.sheet, s.row, file)


def _count(rows: Sized | pa.Table) -> int:
    return rows.num_rows if isinstance(rows, pa.Table) else len(rows)


def _at(source: Source) -> str:
    """Return « (лист «…», строка N)» of a place in the same file, or nothing when it has neither."""
    parts = [f"лист «{source.sheet}»"] if source.sheet else []
    parts += [f"строка {source.row}"] if source.row is not None else []
    return f" ({', '.join(parts)})" if parts else ""


def _link_rows(links: Iterable[Link], file: str) -> Iterator[tuple[Any, ...]]:
    """Yield link rows; the edge key and attributes' JSON are made once for each kind and attributes."""
    made: dict[object, tuple[str, str, str | None]] = {}
    for link in links:
        o, attrs = link.origin, link.attrs
        # The types are part of the key: True == 1 and FanOut.SCHOOLS == "schools".
        key = (link.kind, tuple(attrs.items()), tuple(map(type, attrs.values()))) if attrs else link.kind
        try:
            kind, edge, text = made.get(key) or made.setdefault(key, kind_key_and_attrs(link))
        except TypeError:  # an attribute that cannot be a key (a list)
            kind, edge, text = kind_key_and_attrs(link)
        yield (link.source, kind, edge, link.target, text, o.file, o.sheet, o.row, file)


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
    for table in ("entities", "links", "blocks", "issues", "progress"):
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
    activities: Iterable[ActivityColumns] = (),
) -> ImportRecord:
    """Store what one file contributed, replacing its previous import, all in one transaction.

    Within the file the first entity with an id is kept (a different duplicate becomes a
    `duplicate-node` issue) and the last link between two nodes with one edge key wins, as in the graph.
    `activities` are the file's roadmap tables as columns, stored as their blocks without becoming objects.
    """
    db, conn = store.db, store.db.conn
    found: list[Issue] = []
    entity_list, link_list, scoped = split_scoped(entities, links, activities)
    with collector_paused(), transaction(db):
        _delete_contributions(db, file)
        import_id = db.execute(
            "INSERT INTO imports (file, path, sha256, format, imported_at, report, rows_read, "
            "entities, links, progress, issues) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)",
            [file, path, sha256, format, iso(now), lenient_json(dict(report)), _rows_read(report)],
        ).lastrowid
        entity_rows = list(_entity_rows(entity_list, file, found))
        conn.executemany(
            'INSERT INTO entities (id, kind, name, data, file, sheet, "row", import_file) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            entity_rows,
        )
        conn.executemany(
            'INSERT INTO links (source, kind, key, target, attrs, file, sheet, "row", import_file) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, key, target, import_file) "
            "DO UPDATE SET attrs = excluded.attrs, file = excluded.file, sheet = excluded.sheet, "
            '"row" = excluded."row"',
            _link_rows(link_list, file),
        )
        entities_in_blocks = links_in_blocks = 0
        for scope, part in scoped.items():
            tables = part.tables()
            if tables is None:
                as_entities, as_links = part.objects()
                tables = (
                    [r[:-1] for r in _entity_rows(as_entities, file, found)],
                    last_per_key((r[:-1] for r in _link_rows(as_links, file)), "links"),
                )
            write_blocks(db, file, scope, "entities", tables[0])
            write_blocks(db, file, scope, "links", tables[1])
            entities_in_blocks += _count(tables[0])
            links_in_blocks += _count(tables[1])
        progress = list(_progress_rows(progress_rows, file))
        conn.executemany(
            'INSERT INTO progress (activity, school, status, reported_on, demo, file, sheet, "row", '
            "import_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            progress,
        )
        issue_rows = list(_issue_rows([*issues, *found], file))
        conn.executemany(
            'INSERT INTO issues (import_file, code, severity, message, file, sheet, "row", "column") '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            issue_rows,
        )
        if db.execute("SELECT 1 FROM imports WHERE file != ? LIMIT 1", [file]).fetchone():
            _take_over(db, "entities", _SAME_ENTITY, file)
            _take_over(db, "links", _SAME_LINK, file)
        # The file's rows were all deleted above: it holds what was just written, but for a link written
        # twice (same source, key and target), which is one row.
        links_held = db.execute("SELECT count(*) FROM links WHERE import_file = ?", [file]).fetchone()[0]
        entities_held = len(entity_rows) + entities_in_blocks
        counts = [entities_held, links_held + links_in_blocks, len(progress), len(issue_rows)]
        db.execute(
            "UPDATE imports SET entities = ?, links = ?, progress = ?, issues = ? WHERE id = ?",
            [*counts, import_id],
        )
        bump_revision(db, "inputs_revision")
        row = db.execute(f"SELECT {_IMPORT_COLUMNS} FROM imports WHERE id = ?", [import_id]).fetchone()
    return _import_record(row)


def remove_import(store: Store, file: str) -> bool:
    """Forget a file and everything it contributed; tell whether it had been imported."""
    with transaction(store.db):
        removed = _delete_contributions(store.db, file)
        if removed:
            bump_revision(store.db, "inputs_revision")
    return removed


def list_imports(store: Store) -> list[ImportRecord]:
    """Return every imported file, in the order they were (last) imported."""
    rows = store.db.execute(f"SELECT {_IMPORT_COLUMNS} FROM imports ORDER BY id").fetchall()
    return [_import_record(r) for r in rows]


def count_imports(store: Store) -> int:
    """Return how many files the store holds."""
    count: int = store.db.execute("SELECT count(*) FROM imports").fetchone()[0]
    return count


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
    found = store.db.execute(
        'SELECT i.id, e.file, e.sheet, e."row" FROM entities e JOIN imports i ON i.file = e.import_file '
        "WHERE e.id = ?",
        [node],
    ).fetchall()
    order = {file: n for n, file in store.db.execute("SELECT id, file FROM imports")}
    scope = scope_of_node(node)
    for file, _, rows in stored_blocks(store.db, "entities", scopes=None if scope is None else [scope]):
        found += [(order[file], *r[4:7]) for r in rows if r[0] == node]
    return [Source(f, s, r) for _, f, s, r in sorted(found, key=lambda r: r[0])]


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
    return revision_of(store.db, "inputs_revision")


def load_inputs(store: Store) -> StoredInputs:
    """Return the live entities and links (from the file imported last), progress and overrides."""
    db = store.db
    with collector_paused(), transaction(db, "DEFERRED"):  # one snapshot: data and version agree
        entities, links = _live_entities_and_links(
            chain(
                db.execute(
                    'SELECT id, kind, data, CAST(file AS BLOB), CAST(sheet AS BLOB), "row" '
                    "FROM entities WHERE live ORDER BY rowid"
                ),
                _block_rows(db, "entities", _FROM_ENTITY_BLOCKS),
            ),
            chain(
                db.execute(
                    "SELECT CAST(source AS BLOB), CAST(kind AS BLOB), CAST(target AS BLOB), "
                    'CAST(attrs AS BLOB), CAST(file AS BLOB), CAST(sheet AS BLOB), "row" '
                    "FROM links WHERE live ORDER BY rowid"
                ),
                _block_rows(db, "links", _FROM_LINK_BLOCKS),
            ),
        )
        progress_rows = db.execute(
            'SELECT activity, school, status, reported_on, demo, file, sheet, "row" FROM progress ORDER BY id'
        ).fetchall()
        overrides = capacity_overrides(store)
        version = revision_of(db, "inputs_revision")
    progress = pl.DataFrame(
        progress_rows,
        schema={**STORED_PROGRESS_SCHEMA, "reported_on": pl.String(), "demo": pl.Int64()},
        orient="row",
    ).with_columns(pl.col("reported_on").str.to_date("%Y-%m-%d"), pl.col("demo").cast(pl.Boolean()))
    return StoredInputs(entities, links, progress, overrides, version)


_FROM_ENTITY_BLOCKS = itemgetter(0, 1, 3, 4, 5, 6)
_FROM_LINK_BLOCKS = itemgetter(0, 1, 3, 4, 5, 6, 7)
"""The columns of a block's rows that `_live_entities_and_links` reads, in its order."""
_AS_BYTES = {"source", "target", "kind", "attrs", "file", "sheet"}
"""The text columns it reads as UTF-8 bytes, as the tables' queries give them (but an entity's kind)."""


def _block_rows(db: sqlite_utils.Database, part: str, columns: itemgetter[Any]) -> Iterator[tuple[Any, ...]]:
    """Yield the live rows of a part's blocks as `_live_entities_and_links` reads the tables' rows."""
    as_bytes = _AS_BYTES - {"kind"} if part == "entities" else _AS_BYTES
    for rows in live_blocks(db, part, as_bytes):
        yield from map(columns, rows)


def _live_entities_and_links(
    entity_rows: Iterable[Sequence[Any]], link_rows: Iterable[Sequence[Any]]
) -> tuple[list[Entity], list[Link]]:
    """Return the entities and links of their live rows, in the order they were written.

    Text columns other than an entity's id, kind and data come as UTF-8 bytes, decoded once per distinct
    value: equal values are built once and shared. Equal repeating texts in entities are one string (a
    roadmap's id and its activities' `roadmap`, a section on every row), a link's source and target are
    its nodes' id strings, the links read from an entity's row share its `Source`, equal attributes are
    decoded once (each link still gets a dict of its own). Methods are bound to locals: this loop runs
    1.5 million times.
    """
    sources: dict[tuple[bytes, bytes, int | None], Source] = {}
    source_of, ids = sources.get, {}
    texts: dict[str, str] = {}
    entities: list[Entity] = []
    keep_entity, decoders, keep = entities.append, SHARING_DECODERS, texts.setdefault
    for id_, kind, data, file, sheet, row in entity_rows:
        id_ = ids[id_.encode()] = keep(id_, id_)
        source = source_of((file, sheet, row))
        if source is None:
            source = sources[file, sheet, row] = new_source(file.decode(), sheet.decode(), row)
        keep_entity(decoders[kind](id_, source, _scan(data, 0)[0], keep))
    attrs_seen: dict[bytes, dict[str, Any]] = {}
    links: list[Link] = []
    keep_link, node = links.append, ids.get
    edge_kinds = {value.encode(): kind for value, kind in EDGE_KINDS.items()}
    for s, kind, t, attrs, file, sheet, row in link_rows:
        origin = source_of((file, sheet, row))
        if origin is None:
            origin = sources[file, sheet, row] = new_source(file.decode(), sheet.decode(), row)
        if attrs is None:
            decoded = {}
        else:
            known = attrs_seen.get(attrs)
            if known is None:
                known = attrs_seen[attrs] = attrs_from_row(_scan(attrs.decode(), 0)[0])
            decoded = known.copy()
        keep_link(new_link(node(s) or s.decode(), edge_kinds[kind], node(t) or t.decode(), decoded, origin))
    return entities, links
