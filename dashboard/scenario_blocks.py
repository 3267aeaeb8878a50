"""The comparison blocks of «Сценарии»: what to compare with, the comparison with the plan or a saved
scenario, who could take the work of the overloaded, and the minutes; each widget with a namespaced key.
The operation forms are in `dashboard.scenario_forms`, saving in `dashboard.scenario_saving`."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

import polars as pl
import streamlit as st

from dashboard import charts, figures, moments, scenario_data, state, texts
from dashboard.data import Snapshot
from dashboard.figures import Place
from dashboard.scenario_data import Outcome
from dashboard.scenario_forms import MAX_OPTIONS, shortened
from dashboard.scenario_saving import SaveForm, saved_option
from dashboard.state import Draft
from dashboard.widgets import XLSX_MIME, chart, choose, table
from loaders.minutes import Against, Minutes, minutes_html, minutes_of, minutes_xlsx_bytes
from loaders.scenario_file import scenario_of_saved
from loaders.scenario_store import Scenario as SavedScenario
from model.comparison import CHAIN_LABELS, DEADLINE_LABELS, OVERLOAD_LABELS, Comparison, needs_reason
from model.frames import natural_order
from model.scenario import Reassign, Scenario
from model.suggestions import RELATION_LABELS

MINUTES_MIME = {"xlsx": XLSX_MIME, "html": "text/html"}

# --- the comparison: with the plan or with a saved scenario ------------------------------------------------

COMPARISON_KEYS = {
    "overload": "scenario.overload",
    "load": "scenario.load",
    "deadlines": "scenario.deadlines",
    "chains": "scenario.chains",
    "schools": "scenario.schools",
    "undated": "scenario.undated",
}
"""The keys of the comparison's tables, by the topics of `texts.COMPARISON_TABS`."""

CHART_ROWS = 30
"""The most executors the before/after chart draws: those pushed over capacity first, then the rest."""


def _named(column: str, names: Mapping[str, str]) -> pl.Expr:
    return pl.col(column).replace_strict(dict(names), default=pl.col(column), return_dtype=pl.String())


def _listed(column: str, names: Mapping[str, str]) -> pl.Expr:
    named = pl.element().replace_strict(dict(names), default=pl.element(), return_dtype=pl.String())
    joined = pl.col(column).list.eval(named).list.join("; ")
    return pl.when(pl.col(column).list.len() > 0).then(joined).otherwise(pl.lit(texts.NO_SELECTION))


def _chain_state() -> pl.Expr:
    state = pl.lit(None, pl.String())
    for (before, after), text in CHAIN_LABELS.items():
        here = (pl.col("broken_before") == before) & (pl.col("broken_after") == after)
        state = pl.when(here).then(pl.lit(text)).otherwise(state)
    return state


def load_sides(
    load: pl.DataFrame, names: Mapping[str, str], labels: Mapping[str, str] = texts.SIDES
) -> pl.DataFrame:
    """Return a comparison's load as one row per side (`labels`: plan or the saved scenario compared
    with, and the scenario), executor and month, ready to draw."""
    sides = [
        load.select(
            "executor",
            "month",
            side=pl.lit(label),
            active=pl.col(f"active_{side}"),
            capacity=pl.col(f"capacity_{side}"),
            ratio=pl.col(f"ratio_{side}"),
        )
        for side, label in labels.items()
    ]
    return pl.concat(sides).with_columns(
        executor_name=_named("executor", names),
        month_name=figures.month_name("month"),
        percent=figures.percent("ratio"),
        band=charts.load_band(pl.col("ratio")),
    )


def _pushed(comparison: Comparison) -> pl.Series:
    """Return the executors the scenario pushes over capacity (or further over) in some month."""
    return comparison.overload.filter(pl.col("change").is_in(["overloaded", "worse"]))["executor"]


def _chart_executors(comparison: Comparison) -> list[str]:
    pushed = _pushed(comparison).unique()
    moved = (
        comparison.load.group_by("executor")
        .agg(pl.col("active_delta").abs().max().alias("moved"), pl.col("ratio_after").max().alias("peak"))
        .with_columns(first=pl.col("executor").is_in(pushed.implode()))
        .sort(["first", "moved", "peak", "executor"], descending=[True, True, True, False], nulls_last=True)
    )
    return moved["executor"].head(CHART_ROWS).to_list()


def comparison_tables(snap: Snapshot, comparison: Comparison) -> dict[str, pl.DataFrame]:
    """Return the comparison's tables as shown and exported, keyed as `texts.COMPARISON_TABS`."""
    c, names = comparison, comparison.names
    order = {k: i for i, k in enumerate(OVERLOAD_LABELS)}
    yes_no = {True: texts.YES, False: texts.NO}
    return {
        "overload": c.overload.with_columns(rank=pl.col("change").replace_strict(order, default=len(order)))
        .sort("rank", "executor", "month")
        .select(
            executor_name=_named("executor", names),
            month_name=figures.month_name("month"),
            percent_before=figures.percent("ratio_before"),
            percent_after=figures.percent("ratio_after"),
            change_name=_named("change", OVERLOAD_LABELS),
        ),
        "load": c.load.sort("executor", "month").select(
            executor_name=_named("executor", names),
            month_name=figures.month_name("month"),
            active_before="active_before",
            active_after="active_after",
            active_delta="active_delta",
            capacity_before="capacity_before",
            capacity_after="capacity_after",
            percent_before=figures.percent("ratio_before"),
            percent_after=figures.percent("ratio_after"),
        ),
        "deadlines": c.deadlines.select(
            text=_named("activity", names),
            change_name=_named("change", DEADLINE_LABELS),
            start_before="start_before",
            end_before="end_before",
            start_after="start_after",
            end_after="end_after",
            windows_before="windows_before",
            windows_after="windows_after",
            in_past_name=pl.col("in_past").replace_strict(yes_no, return_dtype=pl.String()),
        ),
        "chains": c.chains.select(
            text=_named("activity", names),
            broken_name=_chain_state(),
            **{
                f"{part}_{side}": _listed(f"{part}_{side}", names)
                for part in ("executors", "coordinators", "superiors")
                for side in ("before", "after")
            },
        ),
        "schools": c.schools.select(
            school_name=_named("school", names),
            activities_before="activities_before",
            activities_after="activities_after",
            windows_before="windows_before",
            windows_after="windows_after",
        ).pipe(lambda rows: rows.sort(natural_order(rows["school_name"]), maintain_order=True)),
        "undated": c.undated.select(
            executor_name=_named("executor", names),
            undated_before="undated_before",
            undated_after="undated_after",
        ),
    }


class Versus(NamedTuple):
    """The saved scenario the edited one is compared with, and its operations as read."""

    saved: SavedScenario
    scenario: Scenario

    @property
    def name(self) -> str:
        """Return its name as headers show it (shortened)."""
        return shortened(self.saved.name or texts.UNNAMED, texts.AGAINST_NAME_LIMIT)


def versus_choice(saved: Sequence[SavedScenario], current: str | None) -> Versus | None:
    """Draw the comparison's heading and what it is made against: the plan or a saved scenario (`current`
    is the id the view names); return the saved scenario chosen, None for the plan."""
    head = st.container()
    options = {s.id: saved_option(s) for s in saved}
    if current and current not in options:
        st.warning(texts.AGAINST_MISSING)
    picked = choose(
        "scenario.against",
        texts.COMPARE_WITH,
        options,
        current,
        none=texts.AGAINST_PLAN,
        help=texts.COMPARE_WITH_HELP,
    )
    found = next((s for s in saved if s.id == picked), None)
    if found is None:
        head.subheader(texts.COMPARISON, help=texts.COMPARISON_HELP)
        return None
    versus = Versus(found, scenario_of_saved(found)[0])
    head.subheader(
        texts.COMPARISON_VS.format(name=versus.name), help=texts.COMPARISON_VS_HELP.format(name=versus.name)
    )
    return versus


def comparison_block(
    snap: Snapshot, c: Comparison, key: Hashable, day: date, versus: Versus | None = None
) -> None:
    """Draw a comparison with the plan (or with the saved scenario `versus`): the figures, the
    before/after load cells, the tables by topic. `key` names what the comparison depends on."""
    summary = c.summary()
    figures_shown = list(texts.SUMMARY.items())
    for row in (figures_shown[:4], figures_shown[4:]):
        for col, (name, label) in zip(st.columns(4), row, strict=False):
            col.metric(label, summary[name], help=texts.SUMMARY_HELP[name])
    if c.load.height:
        names = c.names
        shown = c.load.filter(pl.col("executor").is_in(_chart_executors(c)))
        labels = texts.SIDES if versus is None else _formatted(texts.SIDES_VS, versus.name)
        sides = load_sides(shown, names, labels)
        months = [texts.month_label(m) for m in c.months]
        if versus is None:
            st.subheader(texts.LOAD_BEFORE_AFTER, help=texts.COMPARISON_HELP)
        else:
            help_vs = texts.COMPARISON_VS_HELP.format(name=versus.name)
            st.subheader(texts.LOAD_VS.format(name=versus.name), help=help_vs)
        view_key = (key, tuple(labels.values()))
        build = lambda: charts.before_after_load(sides, months)  # noqa: E731
        against = texts.SCENARIO_AGAINST_PLAN if versus is None else f"«{versus.name}»"
        chart(snap, build, "scenario.chart", view_key, "scenario_load", day, stretch=True, subject=against)
    headers = {} if versus is None else texts.columns_vs(versus.name)
    tables = comparison_tables(snap, c)
    for tab, (name, frame) in zip(st.tabs(list(texts.COMPARISON_TABS.values())), tables.items(), strict=True):
        with tab:
            if frame.is_empty():
                st.caption(texts.NOTHING_CHANGES_HERE)
            else:
                table(frame, key=COMPARISON_KEYS[name], what=f"scenario_{name}", day=day, headers=headers)


def comparison_section(
    snap: Snapshot, scenario: Scenario, saved: Sequence[SavedScenario], current: str | None, day: date
) -> tuple[Comparison, Versus | None]:
    """Draw the comparison's heading, what it is made against (`current`: the saved scenario the view
    names) and the comparison itself; return the comparison and the saved scenario it is made against."""
    versus = versus_choice(saved, current)
    other = None if versus is None else versus.scenario
    comparison = scenario_data.versus(snap, scenario, other, day)
    if scenario.active or other is not None:
        keys = (
            scenario_data.operations_key(scenario),
            None if other is None else scenario_data.operations_key(other),
        )
        comparison_block(snap, comparison, keys, day, versus)
    else:
        st.info(texts.NO_COMPARISON)
    return comparison, versus


def _formatted(labels: Mapping[str, str], name: str) -> dict[str, str]:
    return {k: v.format(name=name) for k, v in labels.items()}


# --- who could take work ---------------------------------------------------------------------------------


def takers_block(snap: Snapshot, scenario: Scenario, outcome: Outcome, place: Place, day: date) -> None:
    """Draw an overloaded executor's candidates to take work, each with a button adding the hand-over."""
    # The overloaded bodies of the place, and those the scenario touches wherever they are.
    touched = snap.executors.filter(pl.col("executor").is_in(outcome.comparison.load["executor"].implode()))
    bodies = pl.concat([figures.executors_in(snap, place), touched]).filter(
        (pl.col("kind") != "school") & pl.col("executor").is_in(list(outcome.overloaded))
    )
    eligible = set(bodies["executor"].to_list())
    over = {e: r for e, r in outcome.overloaded.items() if e in eligible}
    over = dict(list(over.items())[:MAX_OPTIONS])
    if not over:
        st.caption(texts.NO_OVERLOADED)
        return
    first = next((e for e in _pushed(outcome.comparison) if e in over), None)
    options = {
        e: texts.OVERLOADED_OPTION.format(name=snap.name(e), percent=texts.percent(r))
        for e, r in over.items()
    }
    executor = choose("scenario.overloaded", texts.OVERLOADED, options, first, none=None)
    if executor is None:
        return
    found = scenario_data.takers(snap, scenario, day, executor)
    if found.is_empty():
        st.caption(texts.NO_TAKERS)
        return
    handovers = ("activities", "start", "end")
    shown = found.select(
        executor_name=_named("candidate", {c: snap.name(c) for c in found["candidate"]}),
        relation_name=_named("relation", RELATION_LABELS),
        distance="distance",
        capacity="capacity",
        spare="spare",
        handover=pl.Series(
            [
                texts.handover_label(len(a), s, e) if a else "—"
                for a, s, e in found.select(handovers).iter_rows()
            ],
            dtype=pl.String(),
        ),
    )
    table(shown, key="scenario.takers", what="scenario_takers", day=day)
    for candidate, activities, start, end, split in found.select(
        "candidate", *handovers, "split"
    ).iter_rows():
        st.button(
            texts.TAKE.format(
                what=texts.handover_label(len(activities), start, end), name=snap.name(candidate)
            ),
            key=f"scenario.take.{candidate}",
            disabled=not activities,
            help=texts.TAKE_NOTHING if not activities else None,
            on_click=state.push_operation,
            args=(Reassign(executor, candidate, tuple(activities), start, end, split),),
            icon=":material/move_down:",
        )


# --- the minutes -----------------------------------------------------------------------------------------


def minutes_of_draft(
    snap: Snapshot,
    draft: Draft,
    outcome: Outcome,
    form: SaveForm,
    comparison: Comparison | None = None,
    versus: Versus | None = None,
) -> Minutes:
    """Return the minutes of the edited scenario as the save form names it, exported now, with the
    comparison shown (with the plan unless `versus` names the saved scenario it is made against)."""
    shown = outcome.comparison if comparison is None else comparison
    against = None
    operations = list(outcome.operations)
    if versus is not None:
        saved = versus.saved
        label = texts.MINUTES_AGAINST.format(
            name=saved.name, version=saved.version, changed=moments.label(saved.changed_at)
        )
        against = Against(label, versus.scenario)
        operations += versus.scenario.active
    names = {**shown.names, **scenario_data.operation_names(snap, operations)}
    return minutes_of(
        draft.scenario.renamed(form.name or draft.scenario.name),
        shown,
        exported_at=moments.now(),
        names=names,
        data_version=snap.version,
        author=form.author or draft.author,
        reason=form.reason or draft.reason,
        created_at=moments.in_zone(draft.created_at) if draft.created_at else None,
        changed_at=moments.in_zone(draft.changed_at) if draft.changed_at else None,
        issues=outcome.issues,
        against=against,
        pushes=needs_reason(outcome.comparison),
    )


def minutes_downloads(make: Callable[[], Minutes], day: date, *, disabled: bool) -> None:
    """Draw the downloads of the minutes, an xlsx and a printable HTML page, made when clicked."""
    made = {
        "xlsx": (texts.MINUTES_XLSX, lambda: minutes_xlsx_bytes(make()), ":material/table:"),
        "html": (texts.MINUTES_HTML, lambda: minutes_html(make()).encode("utf-8"), ":material/print:"),
    }
    for col, (kind, (label, content, icon)) in zip(st.columns(2), made.items(), strict=True):
        col.download_button(
            label,
            data=content,
            file_name=texts.export_name("minutes", day, kind),
            mime=MINUTES_MIME[kind],
            key=f"scenario.minutes_{kind}",
            on_click="ignore",
            disabled=disabled,
            icon=icon,
        )
