"""The saving blocks of «Сценарии»: whether the edited scenario is saved, the save form, a conflicting
save, and the saved scenarios with open, copy, delete and rename; each widget with a namespaced key."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

import polars as pl
import streamlit as st

from dashboard import moments, state, texts
from dashboard.state import Draft
from dashboard.widgets import choose, table
from loaders.scenario_store import Conflict
from loaders.scenario_store import Scenario as SavedScenario


def scenario_status(draft: Draft, unsaved: bool, data_version: str) -> None:
    """Say whether the edited scenario is saved, when and by whom, whether it has unsaved changes, and
    whether the data changed since it was saved (its comparison is then made on today's data)."""
    if draft.saved_id is None:
        st.caption(texts.SCENARIO_NOT_SAVED)
        return
    line = texts.SCENARIO_SAVED_AS.format(
        name=draft.scenario.name or texts.UNNAMED,
        version=draft.version,
        changed=moments.label(draft.changed_at) if draft.changed_at else texts.NO_SELECTION,
        author=draft.author or texts.NO_SELECTION,
    )
    st.caption(f"{line} {texts.SCENARIO_UNSAVED}" if unsaved else line)
    if draft.base_version and draft.base_version != data_version:
        st.caption(texts.SCENARIO_OTHER_DATA)


class SaveForm(NamedTuple):
    """What the save form holds: the name, who saves, the reason, and the button pressed (if any):
    «save» over the version read, «new» as a new scenario."""

    name: str
    author: str
    reason: str
    pressed: str | None


def save_form(draft: Draft, needs_reason: bool, *, writable: bool = True) -> SaveForm:
    """Draw the name, author and reason with the save buttons (the reason asked for when the scenario
    pushes someone over capacity and none is given, else shown as given or saved; the buttons off, and
    why, when this workplace may not write); return what they hold."""
    token = (draft.saved_id, draft.version)
    state.seed_for("scenario.name", draft.scenario.name, token)
    state.seed_for("scenario.reason", draft.reason, token)
    left, right = st.columns(2)
    name = left.text_input(texts.SCENARIO_NAME, key="scenario.name")
    author = right.text_input(texts.SCENARIO_AUTHOR, key="scenario.author")
    note = st.empty()
    reason = st.text_area(texts.SCENARIO_REASON, key="scenario.reason", height=80).strip()
    if needs_reason and not reason:
        note.warning(texts.REASON_NEEDED, icon=":material/priority_high:")
    elif needs_reason and draft.saved_id is not None and reason == draft.reason:
        note.info(texts.REASON_SAVED.format(reason=reason), icon=":material/check:")
    elif needs_reason:
        note.info(texts.REASON_GIVEN, icon=":material/check:")
    if not writable:
        st.info(texts.SCENARIO_READONLY, icon=":material/lock:")
    left, right = st.columns(2)
    pressed = None
    off = not writable
    if left.button(
        texts.SAVE_BUTTON, key="scenario.save", type="primary", icon=":material/save:", disabled=off
    ):
        pressed = "save"
    if right.button(
        texts.SAVE_AS_NEW, key="scenario.save_as_new", icon=":material/add_circle:", disabled=off
    ):
        pressed = "new"
    return SaveForm(name.strip(), author.strip(), reason, pressed)


def conflict_note(conflict: Conflict, name: str) -> bool:
    """Explain a conflicting save in Russian; return True when the colleague's version is to be opened."""
    theirs = conflict.current
    if theirs is None:
        st.error(texts.CONFLICT_DELETED.format(name=name or texts.UNNAMED), icon=":material/sync_problem:")
        return False
    st.error(
        texts.CONFLICT.format(
            name=theirs.name,
            author=theirs.author or texts.NO_SELECTION,
            changed=moments.label(theirs.changed_at),
            version=theirs.version,
        ),
        icon=":material/sync_problem:",
    )
    return st.button(texts.OPEN_THEIRS, key="scenario.open_theirs", icon=":material/download:")


def saved_option(saved: SavedScenario) -> str:
    """Return a saved scenario as select boxes show it: name, when it changed, who saved it."""
    return texts.SAVED_OPTION.format(
        name=saved.name or texts.UNNAMED,
        changed=moments.label(saved.changed_at),
        author=saved.author,
    )


def saved_list(
    saved: Sequence[SavedScenario],
    frame: pl.DataFrame,
    current: str | None,
    day: date,
    *,
    writable: bool = True,
) -> tuple[str | None, SavedScenario, str]:
    """Draw the saved scenarios with open, copy, delete and rename (only open when this workplace may not
    write); return the action, its scenario and the new name typed."""
    table(frame, key="scenario.saved", what="scenarios", day=day)
    by_id = {s.id: s for s in saved}
    options = {s.id: saved_option(s) for s in saved}
    picked = by_id[choose("scenario.pick", texts.PICK_SAVED, options, current, none=None) or saved[0].id]
    state.seed_for("scenario.rename_to", picked.name, (picked.id, picked.version))
    # Rows that wrap, each button as wide as its label: in columns a narrow screen cut them («Копир…»).
    off = not writable
    action = None
    buttons = st.container(horizontal=True)
    if buttons.button(texts.OPEN, key="scenario.open", icon=":material/folder_open:"):
        action = "open"
    if buttons.button(texts.COPY, key="scenario.copy", icon=":material/content_copy:", disabled=off):
        action = "copy"
    if buttons.button(texts.DELETE, key="scenario.delete", icon=":material/delete:", disabled=off):
        action = "delete"
    rename = st.container(horizontal=True, vertical_alignment="bottom")
    new_name = rename.text_input(texts.RENAME_TO, key="scenario.rename_to", disabled=off)
    if rename.button(texts.RENAME, key="scenario.rename", icon=":material/edit:", disabled=off):
        action = "rename"
    return action, picked, new_name.strip()
