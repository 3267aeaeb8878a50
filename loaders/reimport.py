"""A file imported again: the document facts it was imported with, and what importing it again would undo.

A file is known to the store by its name (`ImportRecord.file`); importing a file of that name again
replaces all it contributed. `earlier_facts` gives the facts the user (or the sample manifest) stated at
the last import, so that a new import can start from them; `add_replacement_issues` warns, before
anything is written, when the new import would replace a roadmap by another one or leave progress
reports and links of other files without the objects they refer to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from loaders.batch_file import FileResult
from loaders.blocks import scope_of_node, stored_blocks
from loaders.connection import Store
from loaders.document import DocumentOptions
from loaders.wording import thousands
from model.entities import NODE_KIND_NAMES, NodeKind
from model.issues import Issue, Severity
from model.relations import EDGE_NAMES

OPTION_KEYS = tuple(f.name for f in fields(DocumentOptions))
"""The facts a user may state about a document, as keys of a manifest entry and of `options_entry`."""

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class EarlierFacts:
    """The facts a file was last imported with (a manifest-like entry), and when."""

    file: str
    facts: dict[str, str]
    imported_at: datetime
    stated: bool
    """True when the facts are those stated at that import; False when the import predates keeping them
    and they are the facts its report gives (what the text said, with what was stated over it)."""


def options_entry(options: DocumentOptions) -> dict[str, str]:
    """Return the facts the options set, as a manifest entry that `loaders.importer.options_of` reads back.

    >>> options_entry(DocumentOptions(number="017/1324", plan_start=date(2020, 6, 23)))
    {'number': '017/1324', 'plan_start': '2020-06-23'}
    """
    out: dict[str, str] = {}
    for key in OPTION_KEYS:
        value = getattr(options, key)
        if not value:
            continue
        if isinstance(value, date):
            out[key] = value.isoformat()
        elif key == "based_on":
            out[key] = value.label
        else:
            out[key] = str(value)
    return out


def earlier_facts(store: Store, files: Iterable[str]) -> dict[str, EarlierFacts]:
    """Return, for each of these files the store holds, the facts of its last import."""
    found: dict[str, EarlierFacts] = {}
    sql = "SELECT file, imported_at, report FROM imports WHERE file IN ({ids})"
    for file, imported_at, report in _in_chunks(store, sql, sorted(set(files))):
        facts, stated = _facts_of_report(_json(report))
        found[file] = EarlierFacts(file, facts, datetime.fromisoformat(imported_at), stated)
    return found


def _facts_of_report(report: Mapping[str, Any]) -> tuple[dict[str, str], bool]:
    options = report.get("options")
    if isinstance(options, Mapping):
        return {k: str(v) for k, v in options.items() if k in OPTION_KEYS and v}, True
    # Imported before the stated facts were kept: the facts the import ended with give the same result.
    document = report.get("document")
    if not isinstance(document, Mapping):
        return {}, False
    return {k: str(v) for k, v in document.items() if k in OPTION_KEYS and v}, False


def with_earlier(earlier: EarlierFacts | None, stated: Mapping[str, Any]) -> dict[str, Any]:
    """Return the facts of an earlier import with the ones stated now put in their place.

    A key stated with an empty value clears the earlier fact (the text of the document decides again).

    >>> e = EarlierFacts("a.xlsx", {"number": "017/1324", "level": "region"}, datetime(2026, 1, 1), True)
    >>> with_earlier(e, {"number": "", "region": "Челябинская область"})
    {'level': 'region', 'region': 'Челябинская область'}
    """
    merged: dict[str, Any] = {**(earlier.facts if earlier else {}), **stated}
    return {k: v for k, v in merged.items() if v}


# --- what importing again would undo ---------------------------------------------------------------


def add_replacement_issues(store: Store, results: Sequence[FileResult]) -> None:
    """Add to each file's report what importing it would undo of what the store holds.

    Warned about: a roadmap of the earlier import that the new one does not give (with the roadmap that
    comes instead, when there is one), progress reports and links of files outside the batch that refer
    to objects which would no longer exist.
    """
    batch = [r.report.file for r in results]
    for r in results:
        if not r.report.ok:
            continue
        before = _entities_of(store, r.report.file)
        if not before:
            continue
        now = {e.id for e in r.entities}
        gone = {id_: kn for id_, kn in before.items() if id_ not in now}
        staying = _held_elsewhere(store, gone, batch)
        gone = {id_: kn for id_, kn in gone.items() if id_ not in staying}
        if gone:
            r.report.issues.extend(_issues_of_gone(store, r, gone, before, batch))


def _issues_of_gone(
    store: Store,
    result: FileResult,
    gone: Mapping[str, tuple[str, str]],
    before: Mapping[str, tuple[str, str]],
    batch: Sequence[str],
) -> list[Issue]:
    file = result.report.file
    issues = []
    old_roadmaps = [name for kind, name in gone.values() if kind == NodeKind.ROADMAP]
    new_roadmaps = [e.name for e in result.entities if e.kind == NodeKind.ROADMAP and e.id not in before]
    activities = sum(1 for kind, _ in gone.values() if kind == NodeKind.ACTIVITY)
    for i, old in enumerate(old_roadmaps):
        instead = new_roadmaps[i] if i < len(new_roadmaps) else ""
        other = f"«{instead}»" if instead != old else "с тем же номером, но другой территории"
        message = (
            f"Дорожная карта «{old}», загруженная из этого файла раньше, будет заменена другой: {other}. "
            "Так бывает, когда сведения о документе (номер, дата, регион, муниципалитет) разошлись с "
            "прошлой загрузкой; если это тот же документ, укажите прежние сведения"
            if instead
            else f"Дорожной карты «{old}», загруженной из этого файла раньше, после загрузки не будет"
        )
        if activities:
            message += f". Уйдут мероприятия прошлой загрузки: {thousands(activities)}"
        issues.append(Issue("roadmap-replaced", message, Severity.WARNING, file))
    ids = list(gone)
    for other, count in _count_by_file(store, "progress", "activity IN ({ids})", ids, batch):
        issues.append(
            Issue(
                "progress-orphaned",
                f"Отчёты о ходе выполнения из файла «{other}» ({thousands(count)}) останутся без своих "
                "мероприятий: их мероприятий после загрузки не будет, и в сводках они не будут учтены",
                Severity.WARNING,
                file,
            )
        )
    for other, kinds, count, ends in _links_by_file(store, gone, batch):
        named = ", ".join(f"«{EDGE_NAMES.get(k, k)}»" for k in kinds)
        issues.append(
            Issue(
                "links-orphaned",
                f"Связи из файла «{other}» ({thousands(count)}, {named}) будут ссылаться на то, чего после "
                f"загрузки не будет: {_names(gone, ends)}",
                Severity.WARNING,
                file,
            )
        )
    return issues


def _names(gone: Mapping[str, tuple[str, str]], ids: Iterable[str], shown: int = 3) -> str:
    """Return «дорожная карта «№ 017/1324 от 23.06.2020», мероприятие «1.1. …» и ещё 2», roadmaps first."""
    ordered = sorted(ids, key=lambda i: (gone[i][0] != NodeKind.ROADMAP, gone[i][1]))
    names = [f"{NODE_KIND_NAMES.get(gone[i][0], 'объект')} «{gone[i][1]}»" for i in ordered]
    more = f" и ещё {thousands(len(names) - shown)}" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _entities_of(store: Store, file: str) -> dict[str, tuple[str, str]]:
    rows = store.db.execute("SELECT id, kind, name FROM entities WHERE import_file = ?", [file]).fetchall()
    for _, _, held in stored_blocks(store.db, "entities", files=[file]):
        rows += [r[:3] for r in held]
    return {id_: (kind, name) for id_, kind, name in rows}


def _held_elsewhere(store: Store, nodes: Mapping[str, tuple[str, str]], batch: Sequence[str]) -> set[str]:
    """Return the nodes another file outside the batch contributes too (they stay after the import)."""
    wanted = list(nodes)
    sql = "SELECT DISTINCT id FROM entities WHERE id IN ({ids}) AND import_file NOT IN ({batch})"
    held = {id_ for (id_,) in _in_chunks(store, sql, wanted, batch)}
    activities = {n: kn for n, kn in nodes.items() if kn[0] == NodeKind.ACTIVITY}
    if activities:
        for _, _, rows in stored_blocks(
            store.db, "entities", leaving_out=batch, scopes=_block_scopes(activities)
        ):
            held.update(r[0] for r in rows if r[0] in activities)
    return held


def _count_by_file(
    store: Store, table: str, where: str, ids: Sequence[str], batch: Sequence[str]
) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    sql = f"SELECT import_file, count(*) FROM {table} WHERE {where} AND import_file NOT IN ({{batch}}) "
    for other, count in _in_chunks(store, sql + "GROUP BY import_file", ids, batch):
        counts[other] = counts.get(other, 0) + count
    return sorted(counts.items())


def _links_by_file(
    store: Store, gone: Mapping[str, tuple[str, str]], batch: Sequence[str]
) -> list[tuple[str, list[str], int, set[str]]]:
    """Return, per file outside the batch, the kinds and number of its links to these nodes, and the nodes.

    A link touching an activity is in a block of that activity's roadmap (`loaders.blocks`), so only
    those blocks are read, unless a node that is no activity goes too: blocks of any roadmap may link
    to it.
    """
    ids = list(gone)
    found: dict[str, tuple[set[str], set[tuple[str, str, str]], set[str]]] = {}
    sql = (
        "SELECT import_file, kind, source, key, target FROM links WHERE (source IN ({ids}) "
        "OR target IN ({ids})) AND import_file NOT IN ({batch})"
    )
    rows = list(_in_chunks(store, sql, ids, batch))
    wanted = set(ids)
    scopes = _block_scopes(gone)
    for other, _, held in stored_blocks(store.db, "links", leaving_out=batch, scopes=scopes):
        rows += [(other, r[1], r[0], r[2], r[3]) for r in held if r[0] in wanted or r[3] in wanted]
    for other, kind, source, key, target in rows:
        kinds, links, ends = found.setdefault(other, (set(), set(), set()))
        kinds.add(kind)
        links.add((source, key, target))
        ends.update(n for n in (source, target) if n in wanted)
    return [(o, sorted(k), len(links), ends) for o, (k, links, ends) in sorted(found.items())]


def _block_scopes(nodes: Mapping[str, tuple[str, str]]) -> list[str] | None:
    """Return the roadmaps whose blocks may hold these nodes' links; None when any block may."""
    scopes = [scope_of_node(n) if kind == NodeKind.ACTIVITY else None for n, (kind, _) in nodes.items()]
    return None if None in scopes else [s for s in scopes if s]


def _in_chunks(
    store: Store, sql: str, ids: Sequence[str], batch: Sequence[str] = ()
) -> Iterator[tuple[Any, ...]]:
    """Yield the rows of a query about many ids, run for a chunk of them at a time: each `{ids}` in the
    SQL stands for a chunk's placeholders and `{batch}` for the batch's files, after every `{ids}`."""
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        text = sql.format(ids=_marks(chunk), batch=_marks(batch))
        yield from store.db.execute(text, [*chunk] * sql.count("{ids}") + [*batch])


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
