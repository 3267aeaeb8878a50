"""What the dashboard writes: uploads kept as temporary files, checks and imports through the loaders,
capacities and abbreviation meanings, saved what-if scenarios; and the store's history read for the
Данные page and its saved scenarios for the Сценарии page."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import polars as pl

from dashboard import texts
from dashboard.scenario_data import operations_key
from dashboard.state import Draft
from loaders.report import LoadReport
from loaders.scenario_file import scenario_of_saved
from loaders.scenario_store import (
    Conflict,
    Saved,
    copy_scenario,
    delete_scenario,
    get_scenario,
    list_scenarios,
    rename_scenario,
    save_scenario,
)
from loaders.scenario_store import Scenario as SavedScenario
from loaders.store import (
    list_imports,
    list_mappings,
    open_store,
    set_capacity,
    set_mapping,
)
from model.issues import Issue
from model.scenario import operations_json

if TYPE_CHECKING:
    from loaders.importer import FileInput, FileResult
    from loaders.reimport import EarlierFacts

UPLOADS = Path(tempfile.gettempdir()) / "karta-uploads"
_ABBREVIATION = re.compile(texts.UNKNOWN_ABBREVIATION)

MOMENT = pl.Datetime(time_zone="UTC")
"""The type of a stored moment in a table: UTC, shown in the user's time zone (`dashboard.moments`)."""


def _utc(moment: datetime) -> datetime:
    """Return a stored moment in UTC, to the second: tables show it in the user's time zone (`moments`)."""
    return moment.astimezone(UTC).replace(microsecond=0)


class Upload(Protocol):
    """What `st.file_uploader` gives for one file."""

    name: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Checked:
    """The check of a batch of uploads: what each file gives, and its report."""

    key: tuple[str, ...]
    results: tuple[FileResult, ...]
    report: LoadReport

    @property
    def writable(self) -> list[str]:
        """Return the files that loaded without error."""
        return [r.report.file for r in self.results if r.report.ok]


def upload_name(upload: Upload) -> str:
    """Return the name an uploaded file is known by in the store."""
    return Path(upload.name).name or "file"


def earlier_facts(db: str, names: Iterable[str]) -> dict[str, EarlierFacts]:
    """Return the facts each of these files was last imported with, for the files the store holds."""
    from loaders.reimport import earlier_facts as earlier

    with open_store(db) as store:
        return earlier(store, names)


def stage(
    uploads: Iterable[Upload],
    facts: Mapping[str, Any] | None = None,
    earlier: Mapping[str, EarlierFacts] | None = None,
) -> list[FileInput]:
    """Keep uploaded files as temporary files (one folder per content) and return them as loader inputs,
    each with the facts the user states about the documents (region, municipality, level, plan window).

    A file imported before starts from the facts of that import (`earlier`); a stated fact replaces the
    earlier one, a fact stated empty clears it."""
    from loaders.importer import FileInput, options_of
    from loaders.reimport import with_earlier

    earlier = earlier or {}
    inputs = []
    for upload in uploads:
        content = upload.getvalue()
        folder = UPLOADS / hashlib.sha256(content).hexdigest()[:24]
        folder.mkdir(parents=True, exist_ok=True)
        name = upload_name(upload)
        path = folder / name
        if not path.exists():
            path.write_bytes(content)
        options = options_of(with_earlier(earlier.get(name), facts or {}))
        inputs.append(FileInput(path, options, name=name))
    return inputs


def batch_key(inputs: Sequence[FileInput], version: str) -> tuple[str, ...]:
    """Return what a check depends on: the files (by content), the facts given, the store's data version."""
    return (version, *(f"{i.name}:{i.path.parent.name}:{i.options!r}" for i in inputs))


def check(db: str, inputs: Sequence[FileInput], version: str) -> Checked:
    """Load a batch against what the store holds, writing nothing."""
    # The importer is loaded when a file is checked, so that the other pages never depend on it.
    from loaders.importer import check_batch, report_of

    with open_store(db) as store:
        results = check_batch(store, inputs)
    return Checked(batch_key(inputs, version), tuple(results), report_of(results))


def write(db: str, checked: Checked) -> list[str]:
    """Write every checked file that loaded without error; return the files written."""
    from loaders.importer import write_results

    with open_store(db) as store:
        return write_results(store, checked.results)


def save_capacity(db: str, executor: str, capacity: float | None, author: str, reason: str) -> None:
    """Set an executor's capacity (None: back to the computed one)."""
    with open_store(db) as store:
        set_capacity(store, executor, capacity, author=author, reason=reason, now=datetime.now(UTC))


def save_mapping(db: str, scope: str, abbreviation: str, entry: dict[str, Any], author: str) -> None:
    """Record what an abbreviation means, everywhere (scope "") or in one region."""
    with open_store(db) as store:
        set_mapping(
            store, scope=scope, abbreviation=abbreviation, entry=entry, author=author, now=datetime.now(UTC)
        )


def unknown_abbreviations(report: LoadReport) -> pl.DataFrame:
    """Return the abbreviations the check could not resolve, the most mentioned first, with where each
    was met first (its file, then the sheet, row and column in it)."""
    rows: dict[str, list[Any]] = {}
    for f in report.files:
        for issue in f.issues:
            if issue.code != "unknown-abbreviation":
                continue
            found = _ABBREVIATION.search(issue.message)
            if not found:
                continue
            term = found.group(1)
            if term in rows:
                rows[term][3] += 1
            else:
                rows[term] = [term, f.file, issue.where().removeprefix(f.file).lstrip(", "), 1]
    schema = {"abbreviation": pl.String(), "file": pl.String(), "where": pl.String(), "mentions": pl.Int64()}
    frame = pl.DataFrame(list(rows.values()), schema=schema, orient="row")
    return frame.sort("mentions", descending=True, maintain_order=True)


def report_files(report: LoadReport) -> pl.DataFrame:
    """Return one row per checked file: tables, activities, issues by severity."""
    rows = []
    for f in report.files:
        counts = {s: sum(1 for i in f.issues if str(i.severity) == s) for s in texts.SEVERITIES}
        rows.append(
            {
                "file": f.file,
                "format": f.format,
                "rows_read": sum(t.rows_read for t in f.tables),
                "activities": sum(t.activities for t in f.tables),
                "errors": counts["error"],
                "warnings": counts["warning"],
                "infos": counts["info"],
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "file": pl.String(),
            "format": pl.String(),
            "rows_read": pl.Int64(),
            "activities": pl.Int64(),
            "errors": pl.Int64(),
            "warnings": pl.Int64(),
            "infos": pl.Int64(),
        },
    )


def issues_frame(issues: Iterable[Any]) -> pl.DataFrame:
    """Return issues as a table: severity, where to find it, what is wrong."""
    rows = [(texts.SEVERITIES.get(str(i.severity), str(i.severity)), i.where(), i.message) for i in issues]
    schema = {"severity_name": pl.String(), "where": pl.String(), "message": pl.String()}
    return pl.DataFrame(rows, schema=schema, orient="row")


def history(db: str) -> pl.DataFrame:
    """Return what was imported when and from which file, the latest first."""
    with open_store(db) as store:
        records = list_imports(store)
    rows = [
        (
            r.file,
            _utc(r.imported_at),
            r.format,
            r.rows_read,
            r.entities,
            r.links,
            r.progress,
            r.issues,
        )
        for r in reversed(records)
    ]
    schema = {
        "file": pl.String(),
        "imported_at": MOMENT,
        "format": pl.String(),
        "rows_read": pl.Int64(),
        "entities": pl.Int64(),
        "links": pl.Int64(),
        "progress": pl.Int64(),
        "issues": pl.Int64(),
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def mappings(db: str, names: Mapping[str, str]) -> pl.DataFrame:
    """Return the user's abbreviation meanings: where they hold, what they mean, who set them and when."""
    with open_store(db) as store:
        found = list_mappings(store)
    rows = [
        (
            m.abbreviation,
            names.get(m.scope, texts.EVERYWHERE) if m.scope else texts.EVERYWHERE,
            _meaning(m.entry, names),
            m.author,
            _utc(m.changed_at),
        )
        for m in found
    ]
    schema = {
        "abbreviation": pl.String(),
        "scope_name": pl.String(),
        "meaning": pl.String(),
        "author": pl.String(),
        "changed_at": MOMENT,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def _meaning(entry: dict[str, Any], names: Mapping[str, str]) -> str:
    if entry.get("node"):
        return names.get(entry["node"], entry.get("full_name") or entry["node"])
    if entry.get("fan_out"):
        return texts.FAN_OUTS.get(entry["fan_out"], entry["fan_out"])
    return str(entry.get("full_name") or "")


# --- saved what-if scenarios ----------------------------------------------------------------------------


def draft_of_saved(saved: SavedScenario) -> tuple[Draft, list[Issue]]:
    """Return a saved scenario as a draft to edit (all its operations applied), and what was not read."""
    scenario, issues = scenario_of_saved(saved)
    draft = Draft(
        scenario=scenario,
        saved_id=saved.id,
        version=saved.version,
        saved_key=operations_key(scenario),
        author=saved.author,
        reason=saved.reason,
        created_at=saved.created_at,
        changed_at=saved.changed_at,
        base_version=saved.base_version,
    )
    return draft, issues


def open_saved(db: str, scenario_id: str) -> tuple[Draft | None, list[Issue]]:
    """Return the saved scenario of an id as a draft, or None when there is none."""
    with open_store(db) as store:
        saved = get_scenario(store, scenario_id)
    return (None, []) if saved is None else draft_of_saved(saved)


def save_problem(draft: Draft, name: str, reason: str, *, author: str, pushes: bool) -> str | None:
    """Return why a draft cannot be saved as named (no operations, no name, no author, no reason for an
    overload).

    >>> save_problem(Draft(), "Весна", "", author="Иванова", pushes=False) == texts.NOTHING_TO_SAVE
    True
    """
    if not draft.scenario.active:
        return texts.NOTHING_TO_SAVE
    if not name:
        return texts.NAME_MISSING
    if not author:
        return texts.AUTHOR_MISSING
    if pushes and not reason:
        return texts.REASON_MISSING
    return None


def change_problem(action: str, name: str, author: str, *, current_name: str) -> str | None:
    """Return why a saved scenario cannot be renamed (no new name) or copied (nobody copies it).

    >>> change_problem("copy", "", "", current_name="Весна") == texts.COPY_AUTHOR_MISSING
    True
    """
    if action == "rename" and name in ("", current_name):
        return texts.NEW_NAME_NEEDED
    if action == "copy" and not author:
        return texts.COPY_AUTHOR_MISSING
    return None


def save_draft(
    db: str, draft: Draft, *, name: str, author: str, reason: str, data_version: str, as_new: bool = False
) -> Draft | Conflict:
    """Save a draft's active operations over the version it was read at (or as a new scenario).

    When someone saved the scenario since, nothing is written and the `Conflict` comes back; the draft
    is the caller's to keep.
    """
    new = as_new or draft.saved_id is None
    with open_store(db) as store:
        result = save_scenario(
            store,
            scenario_id=None if new else draft.saved_id,
            name=name,
            author=author,
            reason=reason,
            operations=operations_json(draft.scenario),
            base_version=data_version,
            expected_version=0 if new else draft.version,
            now=datetime.now(UTC),
        )
    if isinstance(result, Conflict):
        return result
    saved = result.scenario
    return replace(
        draft,
        scenario=draft.scenario.renamed(name),
        saved_id=saved.id,
        version=saved.version,
        saved_key=operations_key(draft.scenario),
        author=saved.author,
        reason=saved.reason,
        created_at=saved.created_at,
        changed_at=saved.changed_at,
        base_version=saved.base_version,
    )


def saved_scenarios(db: str) -> list[SavedScenario]:
    """Return the saved scenarios, the most recently changed first."""
    with open_store(db) as store:
        return list_scenarios(store)


def rename_saved(db: str, saved: SavedScenario, name: str) -> SavedScenario | None:
    """Rename a saved scenario unless someone changed it since it was listed (then None); who saved it and
    when stay."""
    with open_store(db) as store:
        result = rename_scenario(store, saved.id, name, expected_version=saved.version)
    return result.scenario if isinstance(result, Saved) else None


def copy_saved(db: str, saved: SavedScenario, name: str, author: str) -> SavedScenario | None:
    """Save a copy of a saved scenario under a new name; None when it is gone."""
    with open_store(db) as store:
        return copy_scenario(store, saved.id, name=name, author=author, now=datetime.now(UTC))


def delete_saved(db: str, saved: SavedScenario) -> bool:
    """Delete a saved scenario unless someone changed it since it was listed; tell whether it was."""
    with open_store(db) as store:
        return delete_scenario(store, saved.id, expected_version=saved.version)


def change_saved(
    db: str, action: str, saved: SavedScenario, *, name: str, author: str
) -> SavedScenario | None:
    """Copy («copy»), rename («rename») or delete («delete») a listed saved scenario; return the copy,
    the renamed or the deleted scenario, or None when someone changed or deleted it since it was listed.

    A copy takes `name` when it differs from the original's, else «<name> (копия)», and is saved by
    `author` (the person copying); a rename keeps who saved the scenario.
    """
    if action == "copy":
        fresh = name if name and name != saved.name else texts.COPY_NAME.format(name=saved.name)
        return copy_saved(db, saved, fresh, author)
    if action == "rename" and name:
        return rename_saved(db, saved, name)
    if action == "delete" and delete_saved(db, saved):
        return saved
    return None


def draft_after(draft: Draft, action: str, changed: SavedScenario) -> Draft:
    """Return the edited draft after its own saved scenario was renamed or deleted (its operations stay)."""
    if changed.id != draft.saved_id:
        return draft
    if action == "delete":
        return replace(
            draft, saved_id=None, version=0, saved_key="[]", created_at=None, changed_at=None, base_version=""
        )
    if action == "rename":
        return replace(
            draft,
            scenario=draft.scenario.renamed(changed.name),
            version=changed.version,
            changed_at=changed.changed_at,
        )
    return draft


def saved_table(saved: Sequence[SavedScenario]) -> pl.DataFrame:
    """Return the saved scenarios as a table: name, who saved, why, how many operations, when."""
    rows = [
        (
            s.name,
            s.author,
            s.reason,
            len(s.operations),
            s.version,
            _utc(s.created_at),
            _utc(s.changed_at),
        )
        for s in saved
    ]
    schema = {
        "scenario_name": pl.String(),
        "saved_by": pl.String(),
        "reason": pl.String(),
        "operations": pl.Int64(),
        "version": pl.Int64(),
        "created_at": MOMENT,
        "changed_at": MOMENT,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")
