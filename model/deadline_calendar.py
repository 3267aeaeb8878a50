"""Calendar arithmetic of deadline windows: whole months, and where the dated pieces of a cell fall.

A piece of a cell («октябрь», «II квартал», «до 15.10.2020») is a `Span` whose year may be unknown;
`group_windows` gives every piece or range of pieces a window from its own year, a dated neighbour's
or the plan window's, and `repeated_windows` lays yearly patterns over the plan window.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

Window = tuple[date, date]

_MAX_YEARS = 60  # a plan window longer than this is a typo; repeats stop there


# --- months --------------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    """Return the last day of a month.

    >>> month_end(2021, 2), month_end(2020, 12)
    (datetime.date(2021, 2, 28), datetime.date(2020, 12, 31))
    """
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def months_between(earlier: date, later: date) -> int:
    """Return how many whole months lie between the months of two days.

    >>> months_between(date(2020, 11, 30), date(2021, 2, 1))
    3
    """
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def shift_months(day: date, months: int) -> date:
    """Return a day moved by whole months; the last day of a month stays the last day.

    >>> [shift_months(date(2020, 11, 30), 1), shift_months(date(2021, 1, 31), 1)]
    [datetime.date(2020, 12, 31), datetime.date(2021, 2, 28)]
    >>> shift_months(date(2020, 10, 15), -2)
    datetime.date(2020, 8, 15)
    """
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    last = month_end(year, month).day
    at_end = day == month_end(day.year, day.month)
    return date(year, month, last if at_end else min(day.day, last))


def month_starts(days: Sequence[date]) -> list[date]:
    """Return the first days of the months some days fall in, once each, in order.

    >>> month_starts([date(2020, 11, 5), date(2020, 10, 31), date(2020, 11, 30)])
    [datetime.date(2020, 10, 1), datetime.date(2020, 11, 1)]
    """
    return sorted({d.replace(day=1) for d in days})


def overlaps_period(start: date | None, end: date | None, low: date | None, high: date | None) -> bool:
    """Tell whether a window overlaps a period whose bounds may be open; an undated one, only an open one.

    >>> overlaps_period(date(2020, 10, 1), date(2020, 10, 31), date(2020, 10, 31), None)
    True
    >>> overlaps_period(None, None, date(2020, 9, 1), None), overlaps_period(None, None, None, None)
    (False, True)
    """
    if start is None or end is None:
        return low is None and high is None
    return (high is None or start <= high) and (low is None or end >= low)


def within_period(start: date | None, end: date | None, low: date | None, high: date | None) -> bool:
    """Tell whether a window lies wholly inside a period whose bounds may be open; an undated one, only
    inside a period open at both ends.

    >>> within_period(date(2020, 11, 1), date(2020, 11, 30), date(2020, 11, 1), date(2020, 11, 30))
    True
    >>> within_period(date(2020, 9, 1), date(2021, 5, 31), date(2020, 11, 1), date(2020, 11, 30))
    False
    """
    if start is None or end is None:
        return low is None and high is None
    return (low is None or start >= low) and (high is None or end <= high)


def split_by_period(
    start: date, end: date, low: date | None, high: date | None
) -> tuple[Window | None, tuple[Window, ...]]:
    """Return the part of a dated window inside a period whose bounds may be open (None when it has none),
    and its parts outside it, in order.

    >>> year, november = (date(2020, 9, 1), date(2021, 5, 31)), (date(2020, 11, 1), date(2020, 11, 30))
    >>> inside, outside = split_by_period(*year, *november)
    >>> [f"{s:%d.%m}–{e:%d.%m}" for s, e in [inside, *outside]]
    ['01.11–30.11', '01.09–31.10', '01.12–31.05']
    >>> split_by_period(date(2020, 10, 1), date(2020, 10, 31), *november)[0] is None
    True
    """
    if not overlaps_period(start, end, low, high):
        return None, ((start, end),)
    first = start if low is None else max(start, low)
    last = end if high is None else min(end, high)
    outside = []
    if first > start:
        outside.append((start, first - timedelta(days=1)))
    if last < end:
        outside.append((last + timedelta(days=1), end))
    return (first, last), tuple(outside)


def merged_windows(windows: Iterable[Window]) -> list[Window]:
    """Return the days some windows cover, as the fewest windows: overlapping and touching ones merged.

    >>> merged_windows([(date(2020, 11, 1), date(2020, 11, 30)), (date(2020, 9, 1), date(2020, 10, 31))])
    [(datetime.date(2020, 9, 1), datetime.date(2020, 11, 30))]
    """
    merged: list[Window] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# --- pieces of a cell ----------------------------------------------------------------------------------


class Plan(NamedTuple):
    """A plan window: its first and last day, either unknown."""

    start: date | None
    end: date | None


@dataclass(slots=True)
class Span:
    """A dated piece of a cell (a day, a month, a quarter, …) whose year may be unknown."""

    m1: int
    d1: int
    m2: int
    d2: int  # 0 is the last day of the month
    year: int | None = None
    years: int = 0  # how many years after its start the piece ends
    fixed: bool = False  # the year is the piece itself («2021 год», «2021-2023 гг.»)
    day: bool = False
    month: bool = False
    num: int = 0  # a bare day number waiting for the month on the right of a range («1-15 октября»)


@dataclass(slots=True)
class Group:
    """One piece or one range of pieces, with «до …» / «с …» in front of it."""

    left: Span
    right: Span | None = None
    until: bool = False
    since: bool = False
    at: int = 0
    text: str = ""


def window_of(span: Span, year: int, clip: bool = False) -> Window | None:
    """Return the piece's window in a year, or None when that day does not exist then.

    >>> window_of(Span(2, 29, 2, 29), 2021) is None, window_of(Span(10, 1, 11, 0), 2020)
    (True, (datetime.date(2020, 10, 1), datetime.date(2020, 11, 30)))
    """
    try:
        last = calendar.monthrange(year + span.years, span.m2)[1]
        d2 = min(span.d2, last) if clip else span.d2
        return date(year, span.m1, span.d1), date(year + span.years, span.m2, d2 or last)
    except (ValueError, OverflowError):
        return None


def _nearest(span: Span, years: range, fits: Callable[[Window], bool]) -> Window | None:
    """Return the piece's first window, over the years given, that fits."""
    return next((w for y in years if (w := window_of(span, y)) and fits(w)), None)


def _before(span: Span, day: date) -> Window | None:
    return _nearest(span, range(day.year, day.year - 5, -1), lambda w: w[0] <= day)


def _after(span: Span, day: date) -> Window | None:
    return _nearest(span, range(day.year - 1, day.year + 5), lambda w: w[0] >= day)


def _in_plan(span: Span, plan: Plan) -> Window | None:
    """Return the first window of a yearless piece inside the plan window."""
    start, end = plan
    if start is not None:
        return _nearest(span, range(start.year - 1, start.year + 5), lambda w: w[1] >= start)
    if end is not None:
        return _nearest(span, range(end.year, end.year - 5, -1), lambda w: w[1] <= end)
    return None


def _joined(left: Window | None, right: Window | None) -> Window | None:
    return None if left is None or right is None else (min(left[0], right[0]), max(left[1], right[1]))


def own_window(g: Group) -> Window | None:
    """Return the window of a group that names its own year, else None."""
    left, right = g.left, g.right
    if left.year is not None:
        lw = window_of(left, left.year)
        if right is None or lw is None:
            return lw
        return _joined(lw, window_of(right, right.year) if right.year is not None else _after(right, lw[0]))
    if right is not None and right.year is not None:
        rw = window_of(right, right.year)
        return _joined(_before(left, rw[0]), rw) if rw else None
    return None


def _placed(g: Group, plan: Plan, before: date | None = None, after: date | None = None) -> Window | None:
    """Return the window of a yearless group next to a dated neighbour, or inside the plan window."""
    lw = _before(g.left, before) if before else _after(g.left, after) if after else _in_plan(g.left, plan)
    return lw if g.right is None or lw is None else _joined(lw, _after(g.right, lw[0]))


def group_windows(groups: list[Group], plan: Plan) -> list[Window | None]:
    """Give every group a window: its own year, a dated neighbour's, or the plan window's.

    >>> group_windows([Group(Span(10, 1, 11, 0))], Plan(date(2020, 9, 1), date(2021, 8, 31)))
    [(datetime.date(2020, 10, 1), datetime.date(2020, 11, 30))]
    """
    windows = [own_window(g) for g in groups]
    yearless = [g.left.year is None and (g.right is None or g.right.year is None) for g in groups]
    if not any(windows):
        return [_placed(g, plan) if y else None for g, y in zip(groups, yearless, strict=True)]
    for i in reversed(range(len(groups))):  # «ноябрь, декабрь 2020»: the year on the right
        nxt = next((w for w in windows[i + 1 :] if w), None)
        if yearless[i] and windows[i] is None and nxt:
            windows[i] = _placed(groups[i], plan, before=nxt[0])
    for i in range(len(groups)):  # «сентябрь 2020, октябрь»: the year on the left
        prv = next((w for w in reversed(windows[:i]) if w), None)
        if yearless[i] and windows[i] is None and prv:
            windows[i] = _placed(groups[i], plan, after=prv[0])
    return windows


def overlaps(a: Window, b: Window) -> bool:
    """Tell whether two windows share a day.

    >>> overlaps((date(2020, 10, 1), date(2020, 10, 31)), (date(2020, 10, 31), date(2020, 11, 30)))
    True
    """
    return a[1] >= b[0] and a[0] <= b[1]


def repeated_windows(
    patterns: tuple[tuple[int, int, int, int], ...], plan: Plan, first: int | None
) -> list[Window]:
    """Return the windows of yearly patterns that overlap the plan window, cut to it.

    >>> repeated_windows(((10, 1, 10, 0),), Plan(date(2020, 9, 1), date(2021, 8, 31)), None)
    [(datetime.date(2020, 10, 1), datetime.date(2020, 10, 31))]
    """
    if plan.start is None or plan.end is None:
        return []
    y0 = plan.start.year - 1 if first is None else max(first, plan.start.year - 1)
    found: list[Window] = []
    for year in range(y0, min(plan.end.year, y0 + _MAX_YEARS) + 1):
        for m1, d1, m2, d2 in patterns:
            w = window_of(Span(m1, d1, m2, d2, years=int((m2, d2 or 31) < (m1, d1))), year, clip=True)
            if w and overlaps(w, (plan.start, plan.end)):
                found.append((max(w[0], plan.start), min(w[1], plan.end)))
    return found
