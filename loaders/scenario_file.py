"""Scenario files (JSON) prepared before a meeting, and running one against the store.

A scenario file is a JSON object:

    {"name": "ИМЦ передаёт консультации РМО", "author": "Иванова", "reason": "",
     "as_of": "2020-11-01", "months": {"from": "2020-09", "to": "2021-08"},
     "operations": [{"kind": "reassign", "from_executor": "…", "to_executor": "…", "activities": ["…"]}],
     "cursor": 1}

Only `operations` is required. `months` is a list of months ("2020-10" or any day of them) or a range
{"from", "to"}; left out, every month with load counts. `cursor` left out applies every operation.
Operations are `model.scenario.operation_to_json` mappings; an executor, school, roadmap or body may be
named by its id or by its exact name when that name is unique. A hand-over of all the work in a period
is a "reassign" with "start" and "end" and no "activities" (with "activities", only those of them in
the period); with "split": true, an activity that runs outside the period too is cut at its bounds and
only its part in the period changes hands. Problems
come back as issues, never as exceptions: a file that cannot be read yields an empty scenario and the
reason.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from loaders.scenario_store import Scenario as SavedScenario
from loaders.scenario_store import get_scenario
from loaders.store import Store, load_inputs, open_store
from loaders.wording import SEVERITY_NAMES, percent
from model.comparison import (
    DEADLINE_LABELS,
    OVERLOAD_LABELS,
    DeadlineChange,
    compare,
    comparison_to_json,
    needs_reason,
)
from model.graph import build_graph
from model.issues import Issue, Severity, sort_issues
from model.scenario import (
    Operation,
    PlanState,
    Scenario,
    apply_scenario,
    baseline_state,
    describe_operation,
    names_of_operations,
    operation_to_json,
    operations_json,
    referenced_nodes,
    scenario_from_json,
)

FORMAT = "karta-scenario"
VERSION = 1


@dataclass(frozen=True, slots=True)
class ScenarioFile:
    """What a scenario file holds: the scenario, who made it and why, the months and date it is seen at."""

    scenario: Scenario
    author: str = ""
    reason: str = ""
    months: tuple[date, ...] | None = None
    as_of: date | None = None
    issues: tuple[Issue, ...] = ()


def _month(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text).replace(day=1) if len(text) > 7 else date.fromisoformat(f"{text}-01")
    except ValueError:
        return None


def _month_range(first: date, last: date) -> tuple[date, ...]:
    months: list[date] = []
    current = first
    while current <= last and len(months) < 600:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return tuple(months)


def _months(value: Any, file: str) -> tuple[tuple[date, ...] | None, list[Issue]]:
    if value is None:
        return None, []
    bad = Issue(
        "scenario-bad-months",
        "«months» — это список месяцев («2020-10») или {«from»: …, «to»: …}; взяты все месяцы",
        Severity.WARNING,
        file,
        column="months",
    )
    if isinstance(value, Mapping):
        first, last = _month(value.get("from")), _month(value.get("to"))
        if first is None or last is None or first > last:
            return None, [bad]
        return _month_range(first, last), []
    if isinstance(value, list):
        months = [_month(v) for v in value]
        if any(m is None for m in months):
            return None, [bad]
        return tuple(sorted({m for m in months if m is not None})), []
    return None, [bad]


def _day(value: Any, file: str, column: str) -> tuple[date | None, list[Issue]]:
    if value is None or value == "":
        return None, []
    try:
        return date.fromisoformat(str(value).strip()), []
    except ValueError:
        message = f"«{column}»: ожидается дата ГГГГ-ММ-ДД, а не {value!r}"
        return None, [Issue("scenario-bad-date", message, Severity.WARNING, file, column=column)]


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value if isinstance(value, str) else str(value)


def parse_scenario_file(data: Any, file: str = "") -> ScenarioFile:
    """Return what a decoded scenario file holds; the issues name the file and the operation's number."""
    scenario, issues = scenario_from_json(data)
    found = [dataclasses.replace(i, file=file) for i in issues]
    if not isinstance(data, Mapping):
        return ScenarioFile(scenario, issues=tuple(found))
    months, more = _months(data.get("months"), file)
    as_of, later = _day(data.get("as_of"), file, "as_of")
    return ScenarioFile(
        scenario,
        author=_text(data, "author"),
        reason=_text(data, "reason"),
        months=months,
        as_of=as_of,
        issues=tuple(found + more + later),
    )


def read_scenario_file(path: str | Path) -> ScenarioFile:
    """Return the scenario a file holds; a file that cannot be read gives an empty one and an issue."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        message = f"Файл сценария не прочитан: {error}"
        return ScenarioFile(
            Scenario(path.stem), issues=(Issue("scenario-bad-file", message, Severity.ERROR, path.name),)
        )
    found = parse_scenario_file(data, path.name)
    if not found.scenario.name:
        found = dataclasses.replace(found, scenario=found.scenario.renamed(path.stem))
    return found


def scenario_file_json(
    scenario: Scenario,
    *,
    author: str = "",
    reason: str = "",
    months: Sequence[date] | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Return the JSON object of a scenario file (the redo tail kept, with the cursor)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": scenario.name,
        "author": author,
        "reason": reason,
        "as_of": as_of.isoformat() if as_of else None,
        "months": [f"{m:%Y-%m}" for m in months] if months is not None else None,
        "operations": [operation_to_json(o) for o in scenario.operations],
        "cursor": scenario.cursor,
    }


def write_scenario_file(
    path: str | Path,
    scenario: Scenario,
    *,
    author: str = "",
    reason: str = "",
    months: Sequence[date] | None = None,
    as_of: date | None = None,
) -> None:
    """Write a scenario file (UTF-8, indented, Russian text as is)."""
    data = scenario_file_json(scenario, author=author, reason=reason, months=months, as_of=as_of)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def scenario_of_saved(saved: SavedScenario) -> tuple[Scenario, list[Issue]]:
    """Return the scenario a saved row holds (`loaders.store.get_scenario`); all its operations apply."""
    return scenario_from_json({"name": saved.name, "operations": list(saved.operations)})


# --- names for ids --------------------------------------------------------------------------------------


def _key(name: str) -> str:
    return " ".join(name.replace("\u00a0", " ").split()).casefold()


def resolve_names(state: PlanState, scenario: Scenario, file: str = "") -> tuple[Scenario, list[Issue]]:
    """Return the scenario with every node named by its exact, unique name replaced by its id."""
    wanted = {n for op in scenario.operations for n in referenced_nodes(op)}
    known = set(state.names(wanted))
    unknown = {_key(n): n for n in wanted - known}
    if not unknown:
        return scenario, []
    entities = state.baseline.tables.entities.filter(pl.col("kind") != "activity")
    matches: dict[str, list[str]] = {}
    for node, name in entities.select("node", "name").iter_rows():
        if _key(name) in unknown:
            matches.setdefault(unknown[_key(name)], []).append(node)
    issues = []
    mapping: dict[str, str] = {}
    for written, nodes in sorted(matches.items()):
        if len(nodes) == 1:
            mapping[written] = nodes[0]
        else:
            listed = ", ".join(sorted(nodes))
            message = f"Имя «{written}» носят несколько объектов ({listed}); укажите идентификатор"
            issues.append(Issue("scenario-ambiguous-name", message, Severity.WARNING, file))

    def renamed(op: Operation) -> Operation:
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(op):
            value = getattr(op, f.name)
            if f.name in {"text", "deadline"}:
                continue
            if isinstance(value, str) and value in mapping:
                changes[f.name] = mapping[value]
            elif isinstance(value, tuple) and any(isinstance(v, str) and v in mapping for v in value):
                changes[f.name] = tuple(mapping.get(v, v) if isinstance(v, str) else v for v in value)
        return dataclasses.replace(op, **changes) if changes else op

    operations = tuple(renamed(op) for op in scenario.operations)
    return dataclasses.replace(scenario, operations=operations), issues


# --- running against a store ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Other:
    """A scenario another is compared with, in place of the plan: read from a file or saved in the store."""

    found: ScenarioFile
    source: str
    """«file» or «saved»."""
    ref: str
    """The file's name, or the saved scenario's id."""
    version: int = 0
    """The saved scenario's version (0 for a file)."""


def other_scenario(store: Store, ref: str | Path) -> Other | None:
    """Return the scenario to compare with: the scenario file `ref` names, else the saved scenario of that
    id; None when there is neither."""
    path = Path(ref)
    if path.is_file():
        return Other(read_scenario_file(path), "file", path.name)
    saved = get_scenario(store, str(ref))
    if saved is None:
        return None
    scenario, issues = scenario_of_saved(saved)
    found = ScenarioFile(scenario, author=saved.author, reason=saved.reason, issues=tuple(issues))
    return Other(found, "saved", saved.id, saved.version)


@dataclass(frozen=True, eq=False)
class StoreBaseline:
    """The store's plan as a graph and as the baseline state, with the data version it was read at."""

    graph: Any
    state: PlanState
    data_version: str


def baseline_of_store(store: Store) -> StoreBaseline:
    """Return the plan the store holds (live entities and links, the user's capacities)."""
    inputs = load_inputs(store)
    G, _ = build_graph(inputs.entities, inputs.links)
    return StoreBaseline(G, baseline_state(G, inputs.capacity_overrides), inputs.data_version)


@dataclass(frozen=True, eq=False)
class _Run:
    """A scenario of a file with its names resolved, applied to a baseline, with every issue met."""

    scenario: Scenario
    state: PlanState
    issues: list[Issue]


def _applied(baseline: StoreBaseline, found: ScenarioFile, file: str) -> _Run:
    scenario, resolved = resolve_names(baseline.state, found.scenario, file)
    applied = apply_scenario(baseline.state, scenario)
    issues = [*found.issues, *resolved, *(dataclasses.replace(i, file=file) for i in applied.issues)]
    return _Run(scenario, applied.state, issues)


def _scenario_json(run: _Run, found: ScenarioFile, names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "name": run.scenario.name,
        "author": found.author,
        "reason": found.reason,
        "cursor": run.scenario.cursor,
        "operations": operations_json(run.scenario),
        "descriptions": [describe_operation(op, names) for op in run.scenario.active],
    }


def run_scenario(
    baseline: StoreBaseline,
    found: ScenarioFile,
    *,
    file: str = "",
    today: date | None = None,
    against: Other | None = None,
) -> dict[str, Any]:
    """Return the comparison JSON of a scenario applied to a baseline, compared with the plan or with
    another scenario applied to the same baseline (see `run_scenario_file`)."""
    run = _applied(baseline, found, file)
    other = None if against is None else _applied(baseline, against.found, against.ref)
    as_of = found.as_of or today or date.today()
    comparison = compare(baseline.state if other is None else other.state, run.state, found.months, as_of)
    issues = sort_issues([*run.issues, *(other.issues if other else [])])
    active = [*run.scenario.active, *(other.scenario.active if other else [])]
    names = {**names_of_operations(baseline.state, active), **comparison.names}
    compared = None
    if against is not None and other is not None:
        compared = {
            "source": against.source,
            "ref": against.ref,
            "version": against.version,
            **_scenario_json(other, against.found, names),
        }
    result = {
        "ok": not any(i.severity == Severity.ERROR for i in issues),
        "scenario": _scenario_json(run, found, names),
        "against": compared,
        "data_version": baseline.data_version,
        "issues": [i.as_dict() for i in issues],
        **comparison_to_json(comparison),
        "names": dict(sorted(names.items())),
    }
    if other is not None:
        # A reason is asked when the scenario pushes someone over capacity against the plan.
        result["needs_reason"] = needs_reason(compare(baseline.state, run.state, found.months, as_of))
    return result


def run_scenario_file(
    db: Store | str | Path, path: str | Path, *, today: date | None = None, against: Other | None = None
) -> dict[str, Any]:
    """Apply a scenario file to the plan a store holds and return the comparison as a JSON-ready mapping.

    Keys: ok (no error issues), scenario (name, author, reason, cursor, operations, descriptions),
    against (None for the plan, else the other scenario as `scenario` is, with its source «file» or
    «saved», ref and version), data_version, issues, as_of, months, needs_reason, summary, load,
    overload, deadlines, chains, schools, undated, names. «Before» is the plan or `against`, «after» the
    file's scenario. `today` stands in for the file's `as_of` when it has none.
    """
    found = read_scenario_file(path)
    file = Path(path).name
    if isinstance(db, Store):
        return run_scenario(baseline_of_store(db), found, file=file, today=today, against=against)
    with open_store(db) as store:
        return run_scenario(baseline_of_store(store), found, file=file, today=today, against=against)


# --- text for the terminal ------------------------------------------------------------------------------


def _steps(descriptions: Sequence[str]) -> list[str]:
    return [f"  {number}. {text}" for number, text in enumerate(descriptions, start=1)]


def _against_lines(against: Mapping[str, Any] | None) -> list[str]:
    if not against:
        return ["Сравнение с планом (как в данных)"]
    saved = f"сохранённый, версия {against['version']}"
    where = f"файл {against['ref']}" if against["source"] == "file" else saved
    return [f"Сравнение со сценарием «{against['name']}» ({where}):", *_steps(against["descriptions"])]


def comparison_text(result: Mapping[str, Any]) -> str:
    """Return a comparison JSON (`run_scenario_file`) as lines of Russian text for the terminal."""
    names: Mapping[str, str] = result.get("names", {})
    scenario = result.get("scenario", {})
    lines = [f"Сценарий «{scenario.get('name', '')}»"]
    if result.get("as_of"):
        lines.append(f"По состоянию на {date.fromisoformat(result['as_of']):%d.%m.%Y}")
    lines += _steps(scenario.get("descriptions", []))
    lines += _against_lines(result.get("against"))
    for issue in result.get("issues", []):
        where = f"операция {issue['row']}: " if issue.get("row") else ""
        if result.get("against") and issue.get("file"):
            where = f"{issue['file']}, {where}"
        lines.append(f"  [{SEVERITY_NAMES[issue['severity']]}] {where}{issue['message']}")
    summary = result.get("summary", {})
    lines.append(
        "Итог: затронуто исполнителей {executors}; становятся перегружены {overloaded}, "
        "перестают быть перегружены {relieved}; сдвинуто сроков {deadlines_moved}; "
        "изменено цепочек {chains_changed} (разорвано {chains_broken}); "
        "школ с растущей нагрузкой {schools_burdened}".format(**summary)
        if summary
        else "Итог: изменений нет"
    )
    if result.get("needs_reason"):
        lines.append("Изменение перегружает исполнителя: укажите причину (reason).")
    for row in result.get("overload", []):
        label = OVERLOAD_LABELS.get(row["change"], row["change"])
        month = date.fromisoformat(row["month"])
        lines.append(
            f"  {row['name']}, {month:%m.%Y}: {label} "
            f"({percent(row['ratio_before'])} → {percent(row['ratio_after'])})"
        )
    for row in result.get("deadlines", []):
        before = f"{row['start_before'] or '—'} … {row['end_before'] or '—'}"
        after = f"{row['start_after'] or '—'} … {row['end_after'] or '—'}"
        said = "" if row["change"] == DeadlineChange.MOVED else f" ({DEADLINE_LABELS[row['change']]})"
        lines.append(f"  Срок «{row['name']}»{said}: {before} → {after}")
    for row in result.get("chains", []):
        before = ", ".join(names.get(e, e) for e in row["executors_before"]) or "—"
        after = ", ".join(names.get(e, e) for e in row["executors_after"]) or "нет исполнителя"
        if before != after:
            lines.append(f"  Исполнители «{row['name']}»: {before} → {after}")
    return "\n".join(lines)
