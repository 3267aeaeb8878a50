"""The one module that touches `st.session_state` and `st.query_params`: the view and its URL.

A `View` is what the screen shows (territory, school, executor, activity, date, filters). It lives in
the URL, so a link pasted into a chat opens the same view, and in the session, so switching pages
keeps it. Each run:

1. `current_view` takes the view from a pending change (a chart click), else from the URL when the
   URL changed under us (a pasted link, the browser's back button), else from the session.
2. Widgets are seeded from the view (`seed`) before they are drawn, then read.
3. `link_unused` names what of a link just opened the widgets do not show (a territory not in the data, a
   date that is no date), so the page can say so.
4. `commit` stores the view the widgets now show and writes it to the URL.

The scenario a session edits on «Сценарии» (`Draft`) lives in the session only: applying it changes
nobody else's screen. The URL carries the id of the saved scenario (`scn`), so a link opens it, and the
id of the saved scenario it is compared with (`vs`), so the link opens the same comparison.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

import streamlit as st

from model.scenario import Scenario

MEASURES = ("active", "due")
SUBJECTS = ("activity", "school", "executor")
SHOWS = ("schools", "roadmaps", "activities", "done", "in_progress", "overdue", "overloaded", "undated")

PARAMS: dict[str, str] = {
    "as_of": "on",
    "territory": "ter",
    "school": "school",
    "executor": "exec",
    "activity": "act",
    "month": "month",
    "area": "area",
    "area_month": "area_month",
    "measure": "measure",
    "levels": "level",
    "kinds": "kind",
    "show": "show",
    "subject": "subject",
    "scenario": "scn",
    "against": "vs",
}
"""View field → URL query parameter."""

_VIEW = "_view"
_WRITTEN = "_view.written"
_PENDING = "_view.pending"
_FORCE = "_view.force"
_PAGE = "_view.page"
_SEEDED = "_view.seeded."
_MEMO = "_memo."
_DRAFT = "_scenario.draft"
_ASKED = "_view.asked"
_NOTICE = "_view.notice"
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, slots=True)
class View:
    """What the screen shows; every field but `page` is carried by the URL."""

    page: str = ""
    as_of: date | None = None
    territory: str | None = None
    school: str | None = None
    executor: str | None = None
    activity: str | None = None
    month: str | None = None
    area: str | None = None
    area_month: str | None = None
    measure: str = "active"
    levels: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    show: str | None = None
    subject: str = "activity"
    scenario: str | None = None
    against: str | None = None
    """The saved scenario the edited one is compared with on the scenarios page (None: the plan)."""

    def with_(self, **changes: Any) -> View:
        """Return the view with some fields changed."""
        return replace(self, **changes)


_DEFAULT = View()


def _one(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        value = value[-1] if value else None
    value = (value or "").strip()
    return value or None


def _iso_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


_CHOICES: dict[str, tuple[str, ...]] = {"measure": MEASURES, "show": SHOWS, "subject": SUBJECTS}


def _read(name: str, text: str) -> Any:
    """Return the value of a view field written in a URL as `text`; None when it makes no sense."""
    if name == "as_of":
        return _iso_date(text)
    if name in ("month", "area_month"):
        return text if _MONTH.match(text) else None
    if name in ("levels", "kinds"):
        return _split(text) or None
    if name in _CHOICES:
        return text if text in _CHOICES[name] else None
    return text


def view_from_params(params: Mapping[str, str | list[str]], today: date) -> View:
    """Return the view a URL's query parameters describe; a value that makes no sense is ignored.

    >>> v = view_from_params({"on": "2021-03-01", "level": "school,region", "measure": "x"}, date(2026, 1, 1))
    >>> v.as_of, v.levels, v.measure
    (datetime.date(2021, 3, 1), ('school', 'region'), 'active')
    """
    read = {name: _read(name, text) for name, param in PARAMS.items() if (text := _one(params.get(param)))}
    return View(**{"as_of": today, **{name: value for name, value in read.items() if value is not None}})


CHECKED_BY_PAGE = frozenset({"scenario", "against"})
"""Fields whose link values a page checks and reports itself: the scenarios page looks the saved scenarios
up (and says so also when one is deleted while it is open)."""


def unused_in_link(params: Mapping[str, str | list[str]], shown: View) -> tuple[str, ...]:
    """Return the view fields a link's query parameters name but the view does not show: values that make
    no sense, or that the page could not find (a territory not in the data, an executor not in the place).

    >>> link = {"on": "2021-02-30", "ter": "ter:atlantis", "level": "school,moon", "exec": "inst:k/imc"}
    >>> unused_in_link(link, View(as_of=date(2026, 1, 1), levels=("school",), executor="inst:k/imc"))
    ('as_of', 'territory', 'levels')
    """
    unused = []
    for name, param in PARAMS.items():
        text = _one(params.get(param))
        if text is None or name in CHECKED_BY_PAGE:
            continue
        wanted, got = _read(name, text), getattr(shown, name)
        found = set(wanted) <= set(got) if isinstance(wanted, tuple) else wanted == got
        if wanted is None or not found:
            unused.append(name)
    return tuple(unused)


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in (text or "").split(",") if p.strip()))


def params_of(view: View) -> dict[str, str]:
    """Return the query parameters of a view: the date always, other fields when not at their default.

    >>> params_of(View(as_of=date(2021, 3, 1), territory="ter:k", levels=("school",)))
    {'on': '2021-03-01', 'ter': 'ter:k', 'level': 'school'}
    """
    out: dict[str, str] = {}
    for f in fields(View):
        param = PARAMS.get(f.name)
        value = getattr(view, f.name)
        if param is None or (value == getattr(_DEFAULT, f.name) and f.name != "as_of"):
            continue
        if isinstance(value, date):
            out[param] = value.isoformat()
        elif isinstance(value, tuple):
            out[param] = ",".join(value)
        elif value is not None:
            out[param] = str(value)
    return out


def apply_pick(view: View, points: Iterable[Mapping[str, Any]], fields_to_view: Mapping[str, str]) -> View:
    """Return the view after a click on a chart: the first point's fields go to the view's fields.

    An empty selection (a click on the empty plot) clears those fields.

    >>> apply_pick(View(), [{"unit": "ter:k/p"}], {"unit": "territory"}).territory
    'ter:k/p'
    >>> apply_pick(View(month="2020-10"), [], {"month": "month"}).month is None
    True
    """
    first = next(iter(points), None)
    changes: dict[str, Any] = {
        name: (str(first[field]) if first is not None and first.get(field) is not None else None)
        for field, name in fields_to_view.items()
    }
    return replace(view, **changes)


# --- the run --------------------------------------------------------------------------------------------


def _url_params() -> dict[str, str]:
    known = set(PARAMS.values())
    return {k: v for k, v in st.query_params.to_dict().items() if k in known and v != ""}


def current_view(page: str, today: date) -> View:
    """Return the view to draw in this run, and decide whether widgets are to be reseeded from it."""
    ss = st.session_state
    url = _url_params()
    pending: View | None = ss.pop(_PENDING, None)
    stored: View | None = ss.get(_VIEW)
    # The link's parameters are kept for this run when the view comes from them (`link_unused`).
    ss[_ASKED] = None
    if pending is not None:
        view, force = pending, True
    elif url and url != ss.get(_WRITTEN):
        view, force = view_from_params(url, today), True
        ss[_ASKED] = url
    elif stored is not None:
        view, force = stored, False
    else:
        view, force = view_from_params(url, today), True
        ss[_ASKED] = url
    # A page switch draws the header's widgets anew: they take the view, not what they held before.
    force = force or ss.get(_PAGE) != page
    view = replace(view, page=page)
    ss[_PAGE] = page
    ss[_VIEW] = view
    ss[_FORCE] = force
    return view


def seed(key: str, value: Any) -> None:
    """Put the view's value into a widget's state before the widget is drawn, when it has to be."""
    ss = st.session_state
    if ss.get(_FORCE) or key not in ss:
        ss[key] = value


def seed_for(key: str, value: Any, token: object) -> None:
    """Seed a widget whenever `token` (what the value belongs to, e.g. the executor) changes."""
    ss = st.session_state
    if ss.get(_SEEDED + key) != token or key not in ss:
        ss[key] = value
        ss[_SEEDED + key] = token


def keep_valid(key: str, allowed: Iterable[Any], fallback: Any) -> None:
    """Replace a widget's state that is no longer among its options (the territory above changed)."""
    ss = st.session_state
    if key in ss and ss[key] not in set(allowed):
        ss[key] = fallback


def keep_valid_many(key: str, allowed: Iterable[Any]) -> None:
    """Drop from a multi-choice widget's state the values that are no longer among its options."""
    ss = st.session_state
    if key in ss and ss[key] is not None:
        options = set(allowed)
        ss[key] = [v for v in ss[key] if v in options]


def link_unused(view: View) -> tuple[str, ...]:
    """Return the fields of the link this run opened that the view (as the widgets now show it) does not
    show; the same on the reruns that keep the view, so the page says it until the user changes something."""
    ss = st.session_state
    asked: dict[str, str] | None = ss.get(_ASKED)
    shown = (view.page, params_of(view))
    if asked:
        unused = unused_in_link(asked, view)
        ss[_NOTICE] = (shown, unused) if unused else None
        return unused
    kept = ss.get(_NOTICE)
    if kept is not None and kept[0] == shown:
        return tuple(kept[1])
    ss[_NOTICE] = None
    return ()


def commit(view: View) -> None:
    """Keep the view for the next run and write it to the URL when it changed."""
    ss = st.session_state
    ss[_VIEW] = view
    params = params_of(view)
    if params != _url_params():
        st.query_params.from_dict(params)
    ss[_WRITTEN] = params


def go(view: View) -> None:
    """Show another view from the next run on (widgets are reseeded from it)."""
    st.session_state[_PENDING] = view


def on_pick(chart_key: str, selection: str, fields_to_view: Mapping[str, str]) -> Callable[[], None]:
    """Return the callback of a chart click that moves the view to the clicked point."""

    def picked() -> None:
        ss = st.session_state
        event = ss.get(chart_key) or {}
        points = (event.get("selection") or {}).get(selection) or []
        base: View = ss.get(_PENDING) or ss.get(_VIEW) or _DEFAULT
        ss[_PENDING] = apply_pick(base, points if isinstance(points, list) else [], fields_to_view)

    return picked


# --- what a session keeps between runs ------------------------------------------------------------------


def remember(name: str, value: Any) -> None:
    """Keep a value for this session (an upload's check results)."""
    st.session_state[_MEMO + name] = value


def recall(name: str, default: Any = None) -> Any:
    """Return a value kept for this session."""
    return st.session_state.get(_MEMO + name, default)


def forget(name: str) -> None:
    """Drop a value kept for this session."""
    st.session_state.pop(_MEMO + name, None)


# --- the scenario a session edits -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Draft:
    """The scenario a session edits, and the saved scenario it was read from (if any).

    `version` is the saved version the edits started from (0: never saved), `saved_key` the operations
    as saved (`scenario_data.operations_key`), so that unsaved changes show and a save names what it
    overwrites; `base_version` is the data version it was saved on.
    """

    scenario: Scenario = field(default_factory=Scenario)
    saved_id: str | None = None
    version: int = 0
    saved_key: str = "[]"
    author: str = ""
    reason: str = ""
    created_at: datetime | None = None
    changed_at: datetime | None = None
    base_version: str = ""

    def with_scenario(self, scenario: Scenario) -> Draft:
        """Return the draft with other operations (or another cursor)."""
        return replace(self, scenario=scenario)


def draft() -> Draft:
    """Return the scenario this session edits (an empty one at first).

    A draft kept before Streamlit imported this module afresh (a source file changed on the server) is
    an instance of the class as it was: it is read field by field rather than lost.
    """
    found = st.session_state.get(_DRAFT)
    if isinstance(found, Draft):
        return found
    if type(found).__name__ == Draft.__name__ and all(hasattr(found, f.name) for f in fields(Draft)):
        return Draft(**{f.name: getattr(found, f.name) for f in fields(Draft)})
    return Draft()


def keep_draft(value: Draft) -> None:
    """Keep the scenario this session edits for the next runs."""
    st.session_state[_DRAFT] = value


def push_operation(operation: Any) -> None:
    """Add an operation to the edited scenario at its cursor (a button's callback: a suggestion taken)."""
    current = draft()
    keep_draft(current.with_scenario(current.scenario.push(operation)))


def step_back() -> None:
    """Undo the edited scenario's last applied operation (a button's callback)."""
    current = draft()
    keep_draft(current.with_scenario(current.scenario.undo()))


def step_forward() -> None:
    """Redo the edited scenario's first undone operation (a button's callback)."""
    current = draft()
    keep_draft(current.with_scenario(current.scenario.redo()))


def start_over() -> None:
    """Edit a new, empty scenario from the next run on; the link stops naming a saved one (a callback)."""
    ss = st.session_state
    keep_draft(Draft())
    base: View = ss.get(_PENDING) or ss.get(_VIEW) or _DEFAULT
    ss[_PENDING] = replace(base, scenario=None)
