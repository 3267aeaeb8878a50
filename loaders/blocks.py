"""A file's activities and the links that touch them, kept as columnar blocks, one per roadmap.

A roadmap of 10,000 activities gives some 36,000 stored rows; inserting them one by one into indexed
tables takes longer than reading the spreadsheet, and they are never looked up one by one: a cold start
reads them all, a re-import replaces them all. So each file's activities of one roadmap (its `scope`),
and the links that have one of them at an end, are stored as two Arrow IPC streams in the `blocks`
table: the same columns as the `entities` and `links` tables, without `import_file` and `live`, which
the block's row carries and the cold start works out. A block of over 1,000 rows is compressed (lz4);
a school's roadmap of 50 activities is read back faster as it is.

A link goes into a block when its file gives the activity at one of its ends too (the source's when
both ends are), which is how roadmap tables link to their own activities; so every contribution of one
activity, and of one link of a roadmap table, is in a block of the same scope whichever file gives it.
When several files give the same activity or link, the one from the file imported last is live, as for
the rows of the tables (`live_blocks`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc
import sqlite_utils

from loaders.activity_columns import COLUMNS_FROM, ActivityColumns, entities_of, links_of
from model.entities import Activity, Entity
from model.relations import Link

_COLUMNS = {
    "entities": ("id", "kind", "name", "data", "file", "sheet", "row"),
    "links": ("source", "kind", "key", "target", "attrs", "file", "sheet", "row"),
}
"""The columns of an entity block and a link block: those of their tables but `import_file` and `live`."""
_SCHEMAS = {
    part: pa.schema([(c, pa.int64() if c == "row" else pa.string()) for c in columns])
    for part, columns in _COLUMNS.items()
}
_SPLIT = pa.schema(
    [*_SCHEMAS["entities"], ("shared", pa.dictionary(pa.int32(), pa.string())), ("data_end", pa.string())]
)
"""An entity block that keeps apart, each once, a text many of its rows' `data` hold (a deadline parsed once
for the cell it is in): a row's `data` is then its `data`, its `shared` text and its `data_end`."""
_KEYS = {"entities": itemgetter(0), "links": itemgetter(0, 2, 3)}
"""What makes two contributions the same entity (its id) or link (source, key and target)."""
_COMPRESS_OVER = 1000
"""Rows over which a block is compressed: a smaller one is read back faster as it is."""
_LZ4 = ipc.IpcWriteOptions(compression="lz4", use_threads=False)

CREATE_SQL = (
    """CREATE TABLE blocks (
        id INTEGER PRIMARY KEY,
        import_file TEXT NOT NULL REFERENCES imports(file) ON DELETE CASCADE,
        scope TEXT NOT NULL,
        part TEXT NOT NULL CHECK (part IN ('entities', 'links')),
        rows INTEGER NOT NULL,
        data BLOB NOT NULL)""",
    "CREATE INDEX blocks_import_file ON blocks(import_file)",
    "CREATE INDEX blocks_scope ON blocks(scope)",
)
"""The `blocks` table (migration 4)."""


def encode(part: str, rows: Sequence[Sequence[Any]]) -> bytes:
    """Return the Arrow IPC stream of a part's rows, each a tuple in the order of its columns."""
    schema = _SCHEMAS[part]
    columns = zip(*rows, strict=True) if rows else [()] * len(schema)
    table = pa.Table.from_arrays(
        [pa.array(values, type=f.type) for values, f in zip(columns, schema, strict=True)], schema=schema
    )
    return _stream(part, table)


def _stream(part: str, table: pa.Table) -> bytes:
    """Return the Arrow IPC stream of a part's columns, named and typed as `_SCHEMAS` or `_SPLIT` has them."""
    schema = _SPLIT if "shared" in table.column_names else _SCHEMAS[part]
    table = table.select(schema.names).cast(schema)
    sink = pa.BufferOutputStream()
    with ipc.new_stream(sink, schema, options=_LZ4 if table.num_rows > _COMPRESS_OVER else None) as writer:
        writer.write_table(table)
    data: bytes = sink.getvalue().to_pybytes()
    return data


def read_columns(data: bytes) -> pa.Table:
    """Return a block's columns as they were stored."""
    return ipc.open_stream(data).read_all()


def decode(data: bytes, as_bytes: Collection[str] = ()) -> list[tuple[Any, ...]]:
    """Return the rows of a block; the named text columns come as their UTF-8 bytes."""
    table = read_columns(data)
    if "shared" in table.column_names:
        whole = pc.binary_join_element_wise(
            table["data"], table["shared"].cast(pa.string()), table["data_end"], ""
        )
        table = table.set_column(table.column_names.index("data"), "data", whole).drop(["shared", "data_end"])
    columns = [
        (c.cast(pa.binary()) if name in as_bytes else c).to_pylist()
        for name, c in zip(table.column_names, table.columns, strict=True)
    ]
    return list(zip(*columns, strict=True))


@dataclass(slots=True)
class Scoped:
    """One roadmap's activities in a file and the links touching them: as columns, and as objects."""

    columns: list[ActivityColumns] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def tables(self) -> tuple[pa.Table, pa.Table] | None:
        """Return the block's entities and links as columns: when it holds many columns and nothing else."""
        if self.entities or self.links or sum(map(len, self.columns)) < COLUMNS_FROM:
            return None
        tables = [c.block_tables() for c in self.columns]
        return pa.concat_tables(t for t, _ in tables), pa.concat_tables(t for _, t in tables)

    def objects(self) -> tuple[list[Entity], list[Link]]:
        """Return the block's entities and links as objects: those given as such, then the columns'."""
        return [*self.entities, *entities_of(self.columns)], [*self.links, *links_of(self.columns)]


def split_scoped(
    entities: Iterable[Entity], links: Iterable[Link], columns: Iterable[ActivityColumns] = ()
) -> tuple[list[Entity], list[Link], dict[str, Scoped]]:
    """Return the entities and links kept as table rows, and the rest, with the columns, by the scope of
    their block."""
    rows: list[Entity] = []
    scoped: dict[str, Scoped] = {}
    scope_of: dict[str, str] = {}
    numbered: dict[str, tuple[str, set[int]]] = {}  # the columns' scope and row numbers, by their ids' prefix
    for c in columns:
        (scoped.get(c.roadmap) or scoped.setdefault(c.roadmap, Scoped())).columns.append(c)
        numbered.setdefault(c.prefix, (c.roadmap, set()))[1].update(c.row)
    for e in entities:
        if type(e) is Activity:
            scope_of.setdefault(e.id, e.roadmap)
            (scoped.get(e.roadmap) or scoped.setdefault(e.roadmap, Scoped())).entities.append(e)
        else:
            rows.append(e)
    link_rows: list[Link] = []

    def where(node: str) -> str | None:
        """Return the scope of an activity's id (none for another node's), found without making every id."""
        if node in scope_of:
            return scope_of[node]
        head, mark, n = node.rpartition("#")
        scope, held = numbered.get(head + mark, ("", ()))
        return scope if n.isdigit() and n.isascii() and int(n) in held and str(int(n)) == n else None

    for link in links:
        scope = where(link.source) or where(link.target)
        if scope is None:
            link_rows.append(link)
        else:
            scoped[scope].links.append(link)
    return rows, link_rows, scoped


def last_per_key(rows: Iterable[tuple[Any, ...]], part: str) -> list[tuple[Any, ...]]:
    """Return rows with one per entity or link: where the first was, with the values of the last."""
    key = _KEYS[part]
    return list({key(r): r for r in rows}.values())


def write_blocks(
    db: sqlite_utils.Database, file: str, scope: str, part: str, rows: Sequence[Sequence[Any]] | pa.Table
) -> None:
    """Store a file's rows, or columns, of one scope and part as a block (nothing when there are none)."""
    if isinstance(rows, pa.Table):
        count, data = rows.num_rows, _stream(part, rows) if rows.num_rows else b""
    else:
        count, data = len(rows), encode(part, rows) if rows else b""
    if count:
        db.execute(
            "INSERT INTO blocks (import_file, scope, part, rows, data) VALUES (?, ?, ?, ?, ?)",
            [file, scope, part, count, data],
        )


def stored_blocks(
    db: sqlite_utils.Database,
    part: str,
    *,
    files: Sequence[str] | None = None,
    leaving_out: Sequence[str] = (),
    scopes: Iterable[str] | None = None,
    as_bytes: Collection[str] = (),
) -> Iterator[tuple[str, str, list[tuple[Any, ...]]]]:
    """Yield the file, scope and rows of the blocks of a part (of some files, not of others, of some
    scopes) in the order the files were imported."""
    sql = (
        "SELECT b.import_file, b.scope, b.data FROM blocks b JOIN imports i ON i.file = b.import_file "
        "WHERE b.part = ?"
    )
    params: list[Any] = [part]
    for column, values, negate in (
        ("b.import_file", files, False),
        ("b.import_file", leaving_out or None, True),
        ("b.scope", None if scopes is None else sorted(set(scopes)), False),
    ):
        if values is not None:
            sql += f" AND {column} {'NOT ' if negate else ''}IN ({', '.join('?' * len(values))})"
            params += values
    for file, scope, data in db.execute(sql + " ORDER BY i.id, b.id", params):
        yield file, scope, decode(data, as_bytes)


def live_blocks(
    db: sqlite_utils.Database, part: str, as_bytes: Collection[str] = ()
) -> Iterator[list[tuple[Any, ...]]]:
    """Yield the rows of a part's blocks in import order, keeping of an entity or a link given by several
    files only the contribution of the file imported last.

    Only the blocks of a roadmap that several files give are looked at (and read twice); the others are
    read one at a time, so that the cold start never holds them all as rows.
    """
    shared = [
        scope
        for (scope,) in db.execute(
            "SELECT scope FROM blocks WHERE part = ? GROUP BY scope HAVING count(*) > 1", [part]
        )
    ]
    kept: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    if shared:
        key = _KEYS[part]
        later: dict[str, set[Any]] = {}
        for file, scope, rows in reversed(list(stored_blocks(db, part, scopes=shared, as_bytes=as_bytes))):
            seen = later.setdefault(scope, set())
            kept[file, scope] = [r for r in rows if key(r) not in seen]
            seen.update(map(key, rows))
    for file, scope, rows in stored_blocks(db, part, as_bytes=as_bytes):
        yield kept.get((file, scope), rows)


def scope_of_node(node: str) -> str | None:
    """Return the scope an activity's id names («rm:…#12» → «rm:…»); None for an id that names none."""
    return node.split("#", 1)[0] if "#" in node else None
