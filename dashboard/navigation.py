"""The pages, and the frame every page runs in: the view, the data, the header, and a guard that turns
an unexpected error into a Russian message instead of a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st

from dashboard import data, state, streamlit_words, texts, widgets
from dashboard.data import Snapshot
from dashboard.figures import Place, place_of
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


def run_page(key: str, body: Body, *, needs_data: bool = True, header: bool = True) -> None:
    """Run a page: read the view, load the data, draw the header and the body, write the view back."""
    view = state.current_view(key, date.today())
    st.html(streamlit_words.script(), unsafe_allow_javascript=True)
    st.header(texts.PAGE_TITLES[key], help=texts.PAGE_HELP[key])
    try:
        snap = _snapshot()
        if snap is None:
            return
        if needs_data and snap.is_empty:
            st.info(texts.EMPTY_DB.format(path=snap.path))
            st.page_link(page_file("dannye"), label=texts.GO_TO_DATA, icon=texts.PAGE_ICONS["dannye"])
            return
        if header:
            view = widgets.scope_header(snap, view)
            if snap.demo_progress:
                st.caption(texts.DEMO_PROGRESS)
        view = body(Context(snap, view, place_of(snap, view))) or view
    except Exception:
        # The view drawn so far is kept; the page says what happened in Russian, the log keeps the trace.
        _LOG.exception("page %s failed", key)
        st.error(texts.UNEXPECTED_ERROR)
    finally:
        state.commit(view)


def entrypoint() -> Path:
    """Return the path of the app's entrypoint script."""
    return Path(__file__).with_name("app.py")
