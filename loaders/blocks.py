"""A file's activities and the links that touch them, kept as compressed columnar blocks, one per roadmap.

A roadmap of 10,000 activities gives some 36,000 stored rows; inserting them one by one into indexed
tables takes longer than reading the spreadsheet, and they are never looked up one by one: a cold start
reads them all, a re-import replaces them all. So each file's activities of one roadmap (its `scope`),
and the links that have one of them at an end, are stored as two Arrow IPC documents (lz4) in the
`blocks` table: the same columns as the `entities` and `links` tables, without `import_file` and `live`,
which the block's row carries and the cold start works out.

A link belongs to the scope of its activity (the source's when both ends are activities), so every
contribution of one activity or one link, whichever file it comes from, is in a block of the same scope.
When several files give the same activity or link, the one from the file imported last is live, as for
the rows of the tables (`live_rows`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import polars as pl
import sqlite_utils

from model.entities import Activity, Entity
from model.relations import Link

ENTITY_COLUMNS: dict[str, pl.DataType] = {
    "id": pl.String(),
    "kind": pl.String(),
    "name": pl.String(),
    "data": pl.String(),
    "file": pl.String(),
    "sheet": pl.String(),
    "row": pl.Int64(),
}
"""The columns of an entity block: those of the `entities` table but `import_file` and `live`."""

LINK_COLUMNS: dict[str, pl.DataType] = {
    "source": pl.String(),
    "kind": pl.String(),
    "key": pl.String(),
    "target": pl.String(),
    "attrs": pl.String(),
    "file": pl.String(),
    "sheet": pl.String(),
    "row": pl.Int64(),
}
"""The columns of a link block: those of the `links` table but `import_file` and `live`."""

PARTS = {"entities": ENTITY_COLUMNS, "links": LINK_COLUMNS}
LINK_KEY = ("source", "key", "target")
"""What makes two contributions the same link (with `import_file` in the `links` table)."""

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
    """Return the Arrow IPC document (lz4) of a part's rows, each a tuple in the order of its columns."""
    schema = PARTS[part]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    frame = pl.DataFrame(
        [
            pl.Series(name, values, dtype)
            for (name, dtype), values in zip(schema.items(), columns, strict=True)
        ]
    )
    out = io.BytesIO()
    frame.write_ipc(out, compression="lz4")
    return out.getvalue()


def decode(data: bytes) -> pl.DataFrame:
    """Return the rows of a block."""
    return pl.read_ipc(io.BytesIO(data))


@dataclass(slots=True)
class Scoped:
    """One roadmap's activities in a file and the links touching them, as stored rows."""

    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def split_scoped(
    entities: Iterable[Entity], links: Iterable[Link]
) -> tuple[list[Entity], list[Link], dict[str, Scoped]]:
    """Return the entities and links kept as table rows, and the rest by the scope of their block."""
    rows: list[Entity] = []
    scoped: dict[str, Scoped] = {}
    scope_of: dict[str, str] = {}
    for e in entities:
        if type(e) is Activity:
            scope_of.setdefault(e.id, e.roadmap)
            (scoped.get(e.roadmap) or scoped.setdefault(e.roadmap, Scoped())).entities.append(e)
        else:
            rows.append(e)
    link_rows: list[Link] = []
    where = scope_of.get
    for link in links:
        scope = where(link.source) or where(link.target)
        if scope is None:
            link_rows.append(link)
        else:
            scoped[scope].links.append(link)
    return rows, link_rows, scoped


def last_per_key(rows: Iterable[tuple[Any, ...]], *key: int) -> list[tuple[Any, ...]]:
    """Return rows with one per key: where the first was, with the values of the last (an upsert)."""
    get = itemgetter(*key)
    return list({get(r): r for r in rows}.values())


def write_blocks(
    db: sqlite_utils.Database, file: str, scope: str, part: str, rows: Sequence[Sequence[Any]]
) -> None:
    """Store a file's rows of one scope and part as a block (nothing when there are none)."""
    if rows:
        db.execute(
            "INSERT INTO blocks (import_file, scope, part, rows, data) VALUES (?, ?, ?, ?, ?)",
            [file, scope, part, len(rows), encode(part, rows)],
        )


def block_frames(
    db: sqlite_utils.Database,
    part: str,
    *,
    files: Sequence[str] | None = None,
    leaving_out: Sequence[str] = (),
    scopes: Iterable[str] | None = None,
) -> Iterator[tuple[str, str, pl.DataFrame]]:
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
        yield file, scope, decode(data)


def live_frames(blocks: Iterable[tuple[str, str, pl.DataFrame]], part: str) -> list[pl.DataFrame]:
    """Return the rows of blocks in import order, keeping of an entity or a link given by several files
    only the contribution of the file imported last.

    Only a scope that several files give is looked at: another scope's rows are all live.
    """
    listed = list(blocks)
    files_of: dict[str, int] = {}
    for _, scope, _ in listed:
        files_of[scope] = files_of.get(scope, 0) + 1
    key = ["id"] if part == "entities" else list(LINK_KEY)
    masks: dict[str, Iterator[pl.Series]] = {}
    for scope in (s for s, n in files_of.items() if n > 1):
        frames = [f for _, s, f in listed if s == scope]
        live = pl.concat(frames, how="vertical").select(pl.struct(key).is_last_distinct()).to_series()
        masks[scope] = iter(live.slice(at, f.height) for at, f in zip(_offsets(frames), frames, strict=True))
    return [frame.filter(next(masks[scope])) if scope in masks else frame for _, scope, frame in listed]


def _offsets(frames: Sequence[pl.DataFrame]) -> list[int]:
    at, out = 0, []
    for f in frames:
        out.append(at)
        at += f.height
    return out


def scope_of_node(node: str) -> str | None:
    """Return the scope an activity's id names («rm:…#12» → «rm:…»); None for an id that names none."""
    return node.split("#", 1)[0] if "#" in node else None
