"""Сценарии: «а если…?» — operations on the plan, compared live with the plan or a saved scenario, saved,
shared by link, exported."""

from __future__ import annotations

import streamlit as st

from dashboard import actions, data, navigation, scenario_data, scenario_forms, state, texts
from dashboard import scenario_blocks as blocks
from dashboard import scenario_saving as saving
from dashboard.navigation import Context
from dashboard.state import Draft, View
from loaders.scenario_store import Conflict
from loaders.scenario_store import Scenario as SavedScenario
from model.comparison import needs_reason

CONFLICT = "scenario.conflict"


def _opened(ctx: Context) -> Draft:
    """Return the scenario to edit: the saved one the link names, unless it is the one being edited."""
    draft, wanted = state.draft(), ctx.view.scenario
    if wanted and wanted != draft.saved_id:
        found, issues = actions.open_saved(ctx.snap.path, wanted)
        if found is None:
            st.warning(texts.SCENARIO_MISSING)
        else:
            draft = found
            state.keep_draft(draft)
            state.forget(CONFLICT)
        if issues:
            st.warning(texts.SCENARIO_READ_ISSUES.format(issues="; ".join(i.message for i in issues)))
    return draft


def _reopen(ctx: Context, draft: Draft) -> None:
    """Edit another draft from the next run on, the link naming its saved scenario."""
    state.keep_draft(draft)
    state.forget(CONFLICT)
    state.go(ctx.view.with_(scenario=draft.saved_id))
    st.rerun()


def _save(ctx: Context, draft: Draft, form: saving.SaveForm, pushes: bool) -> None:
    """Save the draft as the form says unless something is missing; keep a conflict to show it."""
    problem = actions.save_problem(draft, form.name, form.reason, author=form.author, pushes=pushes)
    if problem or not data.editable():
        st.error(problem or texts.SCENARIO_READONLY)
        return
    result = actions.save_draft(
        ctx.snap.path,
        draft,
        name=form.name,
        author=form.author,
        reason=form.reason,
        data_version=ctx.snap.version,
        as_new=form.pressed == "new",
    )
    if isinstance(result, Conflict):
        state.remember(CONFLICT, result)
        return
    st.toast(texts.SAVED.format(name=form.name), icon=":material/check:")
    _reopen(ctx, result)


def _saved(ctx: Context, saved: list[SavedScenario], draft: Draft, author: str) -> None:
    """List the saved scenarios; open, copy, delete or rename the one chosen."""
    if not saved:
        st.caption(texts.NO_SAVED)
        return
    writable, table = data.editable(), actions.saved_table(saved)
    action, picked, name = saving.saved_list(saved, table, draft.saved_id, ctx.as_of, writable=writable)
    if action == "open":
        _reopen(ctx, actions.draft_of_saved(picked)[0])
    elif action and not writable:
        st.error(texts.SCENARIO_READONLY)
    elif action and (problem := actions.change_problem(action, name, author, current_name=picked.name)):
        st.warning(problem)
    elif action:
        changed = actions.change_saved(ctx.snap.path, action, picked, name=name, author=author)
        done = texts.SAVED_CHANGES[action].format(name=changed.name) if changed else None
        st.toast(done or texts.CHANGED_MEANWHILE.format(name=picked.name))
        if changed is not None and changed.id == draft.saved_id:
            _reopen(ctx, actions.draft_after(draft, action, changed))
        st.rerun()


def render(ctx: Context) -> View:
    """Draw the operation form, the operations, the comparison, the suggestions, saving and the list."""
    snap, day = ctx.snap, ctx.as_of
    draft = _opened(ctx)
    current = scenario_data.outcome_shown(snap, draft.scenario, day).state
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(texts.NEW_OPERATION)
        operation = scenario_forms.operation_form(snap, ctx.place, day, current)
    if operation is not None:
        draft = draft.with_scenario(draft.scenario.push(operation))
        state.keep_draft(draft)
    scenario, key = draft.scenario, scenario_data.operations_key(draft.scenario)
    outcome = scenario_data.outcome(snap, scenario, day)
    with right:
        st.subheader(texts.OPERATIONS, help=texts.OPERATIONS_HELP)
        saving.scenario_status(draft, key != draft.saved_key, snap.version)
        scenario_forms.step_buttons(scenario)
        scenario_forms.operation_list(
            scenario, scenario_data.operation_names(snap, scenario.operations), outcome.issues
        )
    saved = actions.saved_scenarios(snap.path)
    comparison, versus = blocks.comparison_section(snap, scenario, saved, ctx.view.against, day)
    st.subheader(texts.SUGGESTIONS, help=texts.SUGGESTIONS_HELP)
    blocks.takers_block(snap, scenario, outcome, ctx.place, day)
    st.subheader(texts.SAVE)
    pushes = needs_reason(outcome.comparison)
    form = saving.save_form(draft, pushes, writable=data.editable())
    if form.pressed:
        _save(ctx, draft, form, pushes)
    conflict = state.recall(CONFLICT)
    if conflict is not None and saving.conflict_note(conflict, form.name):
        _reopen(ctx, actions.draft_of_saved(conflict.current)[0])
    st.subheader(texts.MINUTES, help=texts.MINUTES_HELP)
    make = lambda: blocks.minutes_of_draft(snap, draft, outcome, form, comparison, versus)  # noqa: E731
    blocks.minutes_downloads(make, day, disabled=not scenario.active)
    st.subheader(texts.SAVED_SCENARIOS)
    _saved(ctx, saved, draft, form.author)
    return ctx.view.with_(scenario=state.draft().saved_id, against=versus and versus.saved.id)


navigation.run_page("stsenarii", render)
