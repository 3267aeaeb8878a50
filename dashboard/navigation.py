"""The pages, and the frame every page runs in: the view, the data, the header, and a guard that turns
an unexpected error into a Russian message instead of a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import data, state, streamlit_words, texts, widgets
from dashboard.data import Snapshot
from dashboard.figures import Place, month_of, place_of, view_in_data
from dashboard.state import View
from loaders.store import StoreError

PAGES = ("obzor", "nagruzka", "sroki", "tsepochki", "shkola", "stsenarii", "dannye")
"""Page keys: each is the URL path, the file in app_pages/, and a key of texts.PAGE_TITLES."""

_LOG = logging.getLogger(__name__)


def page_file(key: str) -> str:
    """Return a page's script, relative to the entrypoint."""
    return f"app_pages/{key}.py"


def pages() -> list[st.Page]:
    """Return the pages of the dashboard in the order of the menu, the overview first."""
    return [
        st.Page(
            page_file(key),
            title=texts.PAGE_TITLES[key],
            icon=texts.PAGE_ICONS[key],
            url_path=key,
            default=key == PAGES[0],
        )
        for key in PAGES
    ]


@dataclass(frozen=True, slots=True)
class Context:
    """What a page body works with: the data, the view after the header, the place it looks at."""

    snap: Snapshot
    view: View
    place: Place

    @property
    def as_of(self) -> date:
        """Return the date the view is as of."""
        return self.view.as_of or date.today()


Body = Callable[[Context], View | None]


def _snapshot() -> Snapshot | None:
    path = data.db_path()
    try:
        with st.spinner(texts.LOADING):
            return data.snapshot(path)
    except StoreError as error:
        st.error(texts.STORE_ERROR.format(path=path, reason=error))
    except Exception:
        _LOG.exception("cannot read the database %s", path)
        st.error(texts.STORE_ERROR.format(path=path, reason=texts.UNEXPECTED_ERROR))
    return None


def _shown(snap: Snapshot, name: str, value: object) -> str:
    """Return how the page shows a view field's value, in words («все регионы», a name, a date)."""
    if value is None or value == ():
        return texts.LINK_NONE[name]
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, tuple):
        words = texts.EXECUTOR_LEVELS if name == "levels" else texts.EXECUTOR_KINDS
        return ", ".join(words.get(str(v)) or str(v) for v in value)
    text = str(value)
    month = month_of(text) if name in ("month", "area_month") else None
    if month is not None:
        return texts.month_label(month)
    choices = {"measure": texts.MEASURES, "subject": texts.SUBJECTS, "show": texts.LIST_TITLES}
    return choices[name].get(text, text) if name in choices else snap.name(text)


def _link_notice(where: DeltaGenerator, snap: Snapshot, view: View) -> None:
    """Say, at the top of the page, what of the link just opened the page could not show, and what instead."""
    said = [
        texts.LINK_UNUSED[name].format(shown=_shown(snap, name, getattr(view, name)))
        for name in state.link_unused(view)
    ]
    if len(said) == 1:
        where.warning(said[0], icon=":material/link_off:")
    elif said:
        where.warning("\n".join([texts.LINK_SEVERAL, *(f"- {s}" for s in said)]), icon=":material/link_off:")


def run_page(key: str, body: Body, *, needs_data: bool = True, header: bool = True) -> None:
    """Run a page: read the view, load the data, draw the header and the body, write the view back.

    What of a pasted link the page could not show is said under the title, once the body has drawn.
    """
    view = state.current_view(key, date.today())
    st.html(streamlit_words.script(), unsafe_allow_javascript=True)
    st.header(texts.PAGE_TITLES[key], help=texts.PAGE_HELP[key])
    notice, snap, drawn = st.empty(), None, False
    try:
        snap = _snapshot()
        if snap is None:
            return
        if needs_data and snap.is_empty:
            st.info(texts.EMPTY_DB.format(path=snap.path))
            st.page_link(page_file("dannye"), label=texts.GO_TO_DATA, icon=texts.PAGE_ICONS["dannye"])
            return
        if header:
            view = view_in_data(snap, widgets.scope_header(snap, view))
            if snap.demo_progress:
                st.caption(texts.DEMO_PROGRESS)
        place = place_of(snap, view)
        widgets.note_place(place)
        view = body(Context(snap, view, place)) or view
        drawn = True
    except Exception:
        # The view drawn so far is kept; the page says what happened in Russian, the log keeps the trace.
        _LOG.exception("page %s failed", key)
        st.error(texts.UNEXPECTED_ERROR)
    finally:
        if drawn and snap is not None:
            try:
                _link_notice(notice, snap, view)
            except Exception:
                _LOG.exception("page %s cannot say what of its link it did not show", key)
        state.commit(view)


def entrypoint() -> Path:
    """Return the path of the app's entrypoint script."""
    return Path(__file__).with_name("app.py")
