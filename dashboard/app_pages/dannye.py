"""Данные: upload files and see the load report before writing, map abbreviations, get the template,
see what was imported when and from which file."""

from __future__ import annotations

import streamlit as st

from dashboard import actions, data, export, navigation, texts, uploads, widgets
from dashboard.navigation import Context
from dashboard.state import View


def render(ctx: Context) -> View:
    """Draw the upload with its report, the abbreviations, the template, the history and the checks."""
    snap, day = ctx.snap, ctx.as_of
    if snap.is_empty:
        st.info(texts.EMPTY_DB.format(path=snap.path))
    st.caption(texts.CURRENT_DB.format(path=snap.path, version=snap.version))
    checked = uploads.upload(snap, day)
    uploads.abbreviations(snap, checked, day)
    st.subheader(texts.TEMPLATE, help=texts.TEMPLATE_HELP)
    st.download_button(
        texts.TEMPLATE_DOWNLOAD,
        data=data.template_bytes,
        file_name=texts.TEMPLATE_FILE,
        mime=widgets.XLSX_MIME,
        key="data.template",
        on_click="ignore",
        icon=":material/download:",
    )
    st.subheader(texts.HISTORY)
    # An import made by this run is already in the store: the history follows the store, not the snapshot.
    now = data.current_version(snap.path)
    history = data.derived(snap, "data.history", now, lambda: actions.history(snap.path))
    if history.is_empty():
        st.caption(texts.NO_HISTORY)
    else:
        widgets.table(history, key="data.history", what="history", day=day, counts=True)
    with st.expander(f"{texts.DATA_CHECKS} ({texts.thousands(len(snap.issues))})", key="data.checks"):
        if snap.issues:
            issues = data.derived(
                snap, "data.issues", None, lambda: export.shown(actions.issues_frame(snap.issues))
            )
            st.dataframe(issues, hide_index=True)
        else:
            st.caption(texts.NO_DATA_CHECKS)
    return ctx.view


navigation.run_page("dannye", render, needs_data=False, header=False)
