"""The sections of the Данные page: files uploaded with what the user states about them, their load
report before anything is written, and the meaning of an abbreviation the check could not resolve."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import polars as pl
import streamlit as st

from dashboard import actions, moments, state, texts, widgets
from dashboard.data import Snapshot
from dashboard.streamlit_words import UPLOAD_LIMIT_MB, UPLOAD_TYPES
from loaders.report import FileReport, report_text
from model.issues import Issue, Severity

if TYPE_CHECKING:
    from loaders.reimport import EarlierFacts

REPLACEMENT_CODES = frozenset({"roadmap-replaced", "progress-orphaned", "links-orphaned"})
"""The warnings that an import would change data already loaded from other files or an earlier import."""

LEVELS = ("region", "municipality", "school")


FORM_FACTS = ("region", "municipality", "level", "number", "date", "plan_start", "plan_end")
"""The facts the form shows, by their keys in loader options (the widget keys are `data.<fact>`)."""


def document_facts(snap: Snapshot, earlier: EarlierFacts | None = None) -> dict[str, Any]:
    """Draw what the user may state about the uploaded documents; return every fact of the form.

    With the earlier import of the one file uploaded, the form starts from the facts of that import
    (and goes back to empty when that file is no longer the one uploaded).
    """
    shown = _form_values(earlier.facts if earlier else {})
    token = (earlier.file, earlier.imported_at.isoformat()) if earlier else None
    for fact, value in shown.items():
        state.seed_for(f"data.{fact}", value, token)
    # Opened when it is filled in for the user, so that they see what the file will be checked with.
    state.seed_for("data.facts", earlier is not None, token)
    if earlier is not None:
        said = [texts.EARLIER_FACTS.format(file=earlier.file, when=moments.local(earlier.imported_at))]
        hidden = [
            f"{name} — {_fact_text(earlier.facts[k])}"
            for k, name in texts.EARLIER_FACT_NAMES.items()
            if earlier.facts.get(k)
        ]
        if hidden:
            said.append(texts.EARLIER_FACTS_HIDDEN.format(facts="; ".join(hidden)))
        st.info(" ".join(said), icon=":material/history:")
    with st.expander(texts.DOCUMENT_FACTS, key="data.facts", on_change="rerun"):
        st.caption(texts.DOCUMENT_FACTS_HELP)
        ter = snap.territories
        regions = ter.filter(pl.col("level") == "region").sort("name")
        left, middle, right = st.columns(3)
        region = left.selectbox(
            texts.REGION,
            _with(["", *regions["name"]], shown["region"]),
            key="data.region",
            accept_new_options=True,
            format_func=lambda v: v or texts.FROM_TEXT,
        )
        parent = regions.filter(pl.col("name") == region)["node"].to_list()
        towns = ter.filter((pl.col("level") == "municipality") & pl.col("parent").is_in(parent)).sort("name")
        municipality = middle.selectbox(
            texts.MUNICIPALITY,
            _with(["", *towns["name"]], shown["municipality"]),
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
        # The order (number, date), then the period of its plan: the fields the warnings name.
        left, middle, right, last = st.columns(4)
        number = left.text_input(texts.DOCUMENT_NUMBER, key="data.number")
        signed = middle.date_input(texts.DOCUMENT_DATE, value=None, key="data.date", format="DD.MM.YYYY")
        start = right.date_input(texts.PLAN_START, value=None, key="data.plan_start", format="DD.MM.YYYY")
        end = last.date_input(texts.PLAN_END, value=None, key="data.plan_end", format="DD.MM.YYYY")
    days = (("date", signed), ("plan_start", start), ("plan_end", end))
    return {
        "region": region or "",
        "municipality": municipality or "",
        "level": level or "",
        "number": number.strip(),
        **{k: v if isinstance(v, date) else None for k, v in days},
    }


def _form_values(facts: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {k: facts.get(k, "") for k in FORM_FACTS}
    values["level"] = values["level"] if values["level"] in LEVELS else ""
    for k in ("date", "plan_start", "plan_end"):
        values[k] = _iso(values[k])
    return values


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _fact_text(value: str) -> str:
    day = _iso(value)
    return f"{day:%d.%m.%Y}" if day else value


def _with(options: list[str], value: str) -> list[str]:
    """Return a choice's options with a value that must be offered (a fact of an earlier import)."""
    return options if not value or value in options else [*options, value]


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
    names = [actions.upload_name(f) for f in files or []]
    earlier = actions.earlier_facts(snap.path, names) if names else {}
    one = earlier.get(names[0]) if len(names) == 1 else None
    facts = document_facts(snap, one)
    if not files:
        return None
    if one is None:
        # Several files: each starts from its own earlier facts, and only the facts filled in replace them.
        facts = {k: v for k, v in facts.items() if v}
        if earlier:
            st.caption(texts.EARLIER_FACTS_MANY.format(files=", ".join(f"«{n}»" for n in sorted(earlier))))
    inputs = actions.stage(files, facts, earlier)
    checked: actions.Checked | None = state.recall("upload.checked")
    if checked is None or checked.key != actions.batch_key(inputs, snap.version):
        with st.status(texts.CHECKING, expanded=False) as status:
            checked = actions.check(snap.path, inputs, snap.version)
            status.update(label=texts.CHECKED, state="complete")
        state.remember("upload.checked", checked)
    st.subheader(texts.REPORT)
    for f in checked.report.files:
        _file_verdict(f)
    widgets.table(
        actions.report_files(checked.report), key="data.report", what="report", day=day, counts=True
    )
    with st.expander(texts.REPORT_AS_TEXT):
        st.code(report_text(checked.report), language=None, wrap_lines=True)
    if st.button(texts.IMPORT, key="data.import", type="primary", disabled=not checked.writable):
        with st.status(texts.IMPORTING, expanded=False) as status:
            written = actions.write(snap.path, checked)
            status.update(label=texts.IMPORTED.format(count=texts.thousands(len(written))), state="complete")
        state.forget("upload.checked")
        st.success(texts.IMPORTED.format(count=texts.thousands(len(written))))
    elif not checked.writable:
        st.caption(texts.IMPORT_NOTHING)
    return checked


_SHOWN_WARNINGS = 5


def _file_verdict(f: FileReport) -> None:
    """Say whether a file can be written and why not; list its warnings, those about data already loaded
    first, each with the sheet, row and column to find it at."""
    errors = [i for i in f.issues if i.severity == Severity.ERROR]
    if errors:
        head = texts.REPORT_FILE_ERRORS.format(file=f.file)
        st.error("\n\n".join([head, _listed(errors)]), icon=":material/error:")
        return
    warnings = [i for i in f.issues if i.severity == Severity.WARNING]
    if not warnings:
        st.success(texts.REPORT_FILE_OK.format(file=f.file), icon=":material/check_circle:")
        return
    warnings.sort(key=lambda i: i.code not in REPLACEMENT_CODES)
    head = texts.REPORT_FILE_WARNINGS.format(file=f.file, count=texts.thousands(len(warnings)))
    st.warning("\n\n".join([head, _listed(warnings)]), icon=":material/warning:")


def _listed(issues: list[Issue]) -> str:
    """Return the first issues as a Markdown list, each after its place in the file, and how many more."""
    lines = []
    for i in issues[:_SHOWN_WARNINGS]:
        where = i.where().removeprefix(i.file).lstrip(", ") if i.file else i.where()
        lines.append(f"- {where[:1].upper()}{where[1:]}: {i.message}" if where else f"- {i.message}")
    listed = "\n".join(lines)
    if len(issues) > _SHOWN_WARNINGS:
        # A paragraph of its own: a line right under a list item would run on inside that item.
        more = texts.REPORT_MORE_WARNINGS.format(count=texts.thousands(len(issues) - _SHOWN_WARNINGS))
        listed += f"\n\n{more}"
    return listed


def abbreviations(snap: Snapshot, checked: actions.Checked | None, day: date) -> None:
    """List the abbreviations the check could not resolve and record what one of them means."""
    st.subheader(texts.ABBREVIATIONS, help=texts.ABBREVIATIONS_HELP)
    unknown = actions.unknown_abbreviations(checked.report) if checked else pl.DataFrame()
    if unknown.is_empty():
        st.caption(texts.NO_ABBREVIATIONS)
    else:
        widgets.table(unknown, key="data.unknown", what="unknown", day=day, counts=True)
        _mapping_form(snap, {a: a for a in unknown["abbreviation"]})
    known = actions.mappings(snap.path, snap.labels)
    if known.height:
        st.caption(texts.MAPPINGS)
        widgets.table(known, key="data.mappings", what="mappings", day=day)


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
