"""The sections of the Данные page: files uploaded with what the user states about them, their load
report before anything is written, and the meaning of an abbreviation the check could not resolve."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import streamlit as st

from dashboard import actions, state, texts, widgets
from dashboard.data import Snapshot
from dashboard.streamlit_words import UPLOAD_LIMIT_MB, UPLOAD_TYPES
from loaders.report import report_text

LEVELS = ("region", "municipality", "school")


def document_facts(snap: Snapshot) -> dict[str, Any]:
    """Draw what the user may state about the uploaded documents; return it as loader options."""
    with st.expander(texts.DOCUMENT_FACTS, key="data.facts"):
        st.caption(texts.DOCUMENT_FACTS_HELP)
        ter = snap.territories
        regions = ter.filter(pl.col("level") == "region").sort("name")
        left, middle, right = st.columns(3)
        region = left.selectbox(
            texts.REGION,
            ["", *regions["name"]],
            key="data.region",
            accept_new_options=True,
            format_func=lambda v: v or texts.FROM_TEXT,
        )
        parent = regions.filter(pl.col("name") == region)["node"].to_list()
        towns = ter.filter((pl.col("level") == "municipality") & pl.col("parent").is_in(parent)).sort("name")
        municipality = middle.selectbox(
            texts.MUNICIPALITY,
            ["", *towns["name"]],
            key="data.municipality",
            accept_new_options=True,
            format_func=lambda v: v or texts.FROM_TEXT,
        )
        level = right.selectbox(
            texts.DOCUMENT_LEVEL,
            ["", *LEVELS],
            key="data.level",
            format_func=lambda v: texts.ROADMAP_LEVELS.get(v, texts.FROM_TEXT),
        )
        left, middle, right = st.columns(3)
        number = left.text_input(texts.DOCUMENT_NUMBER, key="data.number")
        start = middle.date_input(texts.PLAN_START, value=None, key="data.plan_start", format="DD.MM.YYYY")
        end = right.date_input(texts.PLAN_END, value=None, key="data.plan_end", format="DD.MM.YYYY")
    facts = {"region": region, "municipality": municipality, "level": level, "number": number.strip()}
    facts |= {k: v for k, v in (("plan_start", start), ("plan_end", end)) if isinstance(v, date)}
    return {k: v for k, v in facts.items() if v}


def upload(snap: Snapshot, day: date) -> actions.Checked | None:
    """Check the uploaded files (once per batch, facts and data version), report, import on request."""
    files = st.file_uploader(
        texts.UPLOAD,
        type=list(UPLOAD_TYPES),
        accept_multiple_files=True,
        key="data.upload",
        help=texts.UPLOAD_HELP.format(size=UPLOAD_LIMIT_MB),
        max_upload_size=UPLOAD_LIMIT_MB,
    )
    facts = document_facts(snap)
    if not files:
        return None
    inputs = actions.stage(files, facts)
    checked: actions.Checked | None = state.recall("upload.checked")
    if checked is None or checked.key != actions.batch_key(inputs, snap.version):
        with st.status(texts.CHECKING, expanded=False) as status:
            checked = actions.check(snap.path, inputs, snap.version)
            status.update(label=texts.CHECKED, state="complete")
        state.remember("upload.checked", checked)
    st.subheader(texts.REPORT)
    for f in checked.report.files:
        if f.ok:
            st.success(texts.REPORT_FILE_OK.format(file=f.file), icon=":material/check_circle:")
        else:
            st.error(texts.REPORT_FILE_ERRORS.format(file=f.file), icon=":material/error:")
    widgets.table(actions.report_files(checked.report), key="data.report", what="report", day=day)
    with st.expander(texts.REPORT_AS_TEXT):
        st.code(report_text(checked.report), language=None)
    if st.button(texts.IMPORT, key="data.import", type="primary", disabled=not checked.writable):
        with st.status(texts.IMPORTING, expanded=False) as status:
            written = actions.write(snap.path, checked)
            status.update(label=texts.IMPORTED.format(count=texts.thousands(len(written))), state="complete")
        state.forget("upload.checked")
        st.success(texts.IMPORTED.format(count=texts.thousands(len(written))))
    elif not checked.writable:
        st.caption(texts.IMPORT_NOTHING)
    return checked


def abbreviations(snap: Snapshot, checked: actions.Checked | None, day: date) -> None:
    """List the abbreviations the check could not resolve and record what one of them means."""
    st.subheader(texts.ABBREVIATIONS, help=texts.ABBREVIATIONS_HELP)
    unknown = actions.unknown_abbreviations(checked.report) if checked else pl.DataFrame()
    if unknown.is_empty():
        st.caption(texts.NO_ABBREVIATIONS)
    else:
        widgets.table(unknown, key="data.unknown", what="report", day=day)
        _mapping_form(snap, {a: a for a in unknown["abbreviation"]})
    known = actions.mappings(snap.path, snap.labels)
    if known.height:
        st.caption(texts.MAPPINGS)
        widgets.table(known, key="data.mappings", what="report", day=day)


def _mapping_form(snap: Snapshot, terms: dict[str, str]) -> None:
    abbreviation = widgets.choose("data.abbreviation", texts.ABBREVIATION, terms, None, none=None)
    regions = dict(snap.territories.filter(pl.col("level") == "region").select("node", "name").iter_rows())
    scope = widgets.choose("data.scope", texts.MAPPING_SCOPE, regions, None, none=texts.EVERYWHERE)
    bodies = snap.executors.filter(pl.col("kind").is_in(["authority", "institute", "group"]))
    names = dict(bodies.select("executor", "executor_name").sort("executor_name").iter_rows())
    node = widgets.choose("data.organisation", texts.MAPPING_ORGANISATION, names, None)
    fan_out = widgets.choose("data.fan_out", texts.MAPPING_FAN_OUT, texts.FAN_OUTS, None)
    full_name = st.text_input(texts.MAPPING_FULL_NAME, key="data.full_name").strip()
    author = st.text_input(texts.CAPACITY_AUTHOR, key="data.author").strip() or texts.DEFAULT_AUTHOR
    if not st.button(
        texts.MAPPING_SAVE, key="data.save_mapping", disabled=not abbreviation or not (node or fan_out)
    ):
        return
    entry: dict[str, Any] = {"abbreviation": abbreviation}
    if node:
        kind, subkind = bodies.filter(pl.col("executor") == node).select("kind", "subkind").row(0)
        entry |= {
            "node": node,
            "node_kind": kind,
            "subkind": subkind or "",
            "full_name": full_name or names[node],
        }
    else:
        entry |= {"fan_out": fan_out, "full_name": full_name or texts.FAN_OUTS[str(fan_out)]}
    actions.save_mapping(snap.path, scope or "", str(abbreviation), entry, author)
    st.toast(texts.MAPPING_SAVED.format(abbreviation=abbreviation))
    st.rerun()
