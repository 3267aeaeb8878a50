"""Free-text deadline cells («Октябрь-ноябрь 2020 года», «постоянно», …) as dated windows.

The contract is `shared/specs/deadlines.md`; the Russian vocabulary lives in `model.deadline_words`, the
calendar arithmetic of the pieces read in `model.deadline_calendar`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from model import deadline_words as W
from model.deadline_calendar import (
    Group,
    Plan,
    Span,
    Window,
    group_windows,
    overlaps,
    own_window,
    repeated_windows,
)


class DeadlineKind(StrEnum):
    DATE = "date"
    MONTH = "month"
    PERIOD = "period"
    SEVERAL = "several"
    CONTINUOUS = "continuous"
    RECURRING = "recurring"
    BY_SCHEDULE = "by_schedule"
    EVENT = "event"
    UNKNOWN = "unknown"


UNDATED_KINDS = frozenset({DeadlineKind.BY_SCHEDULE, DeadlineKind.EVENT, DeadlineKind.UNKNOWN})


@dataclass(frozen=True, slots=True)
class Deadline:
    """A parsed deadline cell: its kind, its window, every occurrence, the raw text and notes."""

    kind: DeadlineKind
    start: date | None
    end: date | None
    occurrences: tuple[tuple[date, date], ...]
    raw: str
    notes: tuple[str, ...] = ()

    @property
    def is_dated(self) -> bool:
        """Tell whether the deadline has at least one window."""
        return bool(self.occurrences)


@dataclass(slots=True)
class _Reading:
    kind: DeadlineKind
    occurrences: list[Window] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    leftover: int = 0  # letters that meant nothing: the lower, the better the reading
    first_only: bool = False  # recurring: start and end are the first occurrence


class _Scan(NamedTuple):
    groups: list[Group]
    notes: list[str]
    leftover: int
    day_of_month: int


_HYPHEN_BREAK = re.compile(r"-[ ]*\n\s*")
_BREAK = re.compile(r"[ ]*\n\s*")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_REPEAT_WORDS = (*(rx for _, rx in W.FREQUENCIES), W.THEN, W.CONTINUOUS)


def parse_deadline(text: str, plan_start: date | None = None, plan_end: date | None = None) -> Deadline:
    """Read one deadline cell as a kind, a window and its occurrences inside the plan window.

    >>> d = parse_deadline("Октябрь-ноябрь 2020 года", date(2020, 9, 1), date(2021, 8, 31))
    >>> d.kind.value, d.start.isoformat(), d.end.isoformat()
    ('period', '2020-10-01', '2020-11-30')
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if plan_start is not None and plan_end is not None and plan_start > plan_end:
        plan_start, plan_end = plan_end, plan_start
    return _parse_cached(text, plan_start, plan_end)


@lru_cache(maxsize=1 << 16)
def _parse_cached(text: str, plan_start: date | None, plan_end: date | None) -> Deadline:
    try:
        reading = _parse(text, Plan(plan_start, plan_end))
    except Exception:  # a parser reports a cell it cannot read, it never raises on it
        return Deadline(DeadlineKind.UNKNOWN, None, None, (), text, (W.NOTE_FAILED,))
    occurrences = tuple(sorted(set(reading.occurrences)))
    start = end = None
    if occurrences:
        start, end = occurrences[0][0], max(e for _, e in occurrences)
        if reading.first_only:
            end = occurrences[0][1]
    return Deadline(reading.kind, start, end, occurrences, text, tuple(dict.fromkeys(reading.notes)))


def _parse(text: str, plan: Plan) -> _Reading:
    """Read the cell with line breaks as spaces and, when that leaves words unread, glued away."""
    spaced, glued = _normalised(text)
    best = _read(spaced, plan)
    if glued != spaced and best.leftover:
        other = _read(glued, plan)
        same = (other.kind, other.occurrences) == (best.kind, best.occurrences)
        if other.leftover < best.leftover and not same:
            best = other
    return best


def _normalised(text: str) -> tuple[str, str]:
    """Return the cell with line breaks as spaces («2020-⏎2021»), and glued away («сен-⏎тябрь»)."""
    if W.SPECIAL_CHARACTERS.search(text):
        text = text.translate(W.CHARACTERS)
    if "\n" not in text:
        text = _SPACES.sub(" ", text).strip()
        return text, text
    spaced = _BREAK.sub(" ", _HYPHEN_BREAK.sub("-", text))
    glued = _BREAK.sub("", _HYPHEN_BREAK.sub("", text))
    return _SPACES.sub(" ", spaced).strip(), _SPACES.sub(" ", glued).strip()


def _read(display: str, plan: Plan) -> _Reading:
    low = display.lower()
    if len(low) != len(display):
        display = low
    if not low:
        return _Reading(DeadlineKind.UNKNOWN)
    if W.BY_SCHEDULE.search(low):
        return _Reading(DeadlineKind.BY_SCHEDULE)
    if W.REPEAT_HINT.search(low):
        frequency = next((name for name, rx in W.FREQUENCIES if rx.search(low)), None)
        if frequency or W.DAY_OF_MONTH.search(low):
            return _recurring(frequency or "month", _masked(low, *_REPEAT_WORDS), display, plan)
    if W.EVENT.search(low):
        groups = [g for g in _scan(_masked(low, W.EVENT), display).groups if not g.left.fixed]
        return _Reading(DeadlineKind.EVENT, _dated(groups, plan, []))
    plan_window = [(plan.start, plan.end)] if plan.start and plan.end else []
    no_plan = [] if plan_window else [W.NOTE_NO_PLAN.format(W.NOTE_NO_WINDOW)]
    if W.UNTIL_PLAN_END.search(low) and not _DIGIT.search(low):
        return _Reading(DeadlineKind.DATE, plan_window, no_plan)
    continuous = W.CONTINUOUS.search(low)
    scan = _scan(_masked(low, W.CONTINUOUS) if continuous else low, display)
    if scan.groups:
        occurrences = _dated(scan.groups, plan, scan.notes)
        only_no_plan = W.NOTE_NO_PLAN.format(W.NOTE_NO_YEAR) in scan.notes
        kind = _shape(scan.groups) if occurrences or only_no_plan else DeadlineKind.UNKNOWN
        return _Reading(kind, occurrences, scan.notes, scan.leftover)
    if continuous:
        often = [W.NOTE_OFTEN] if W.OFTEN.search(low) else []
        return _Reading(DeadlineKind.CONTINUOUS, plan_window, scan.notes + often + no_plan, scan.leftover)
    return _Reading(DeadlineKind.UNKNOWN, leftover=sum(c.isalnum() for c in low))


def _masked(low: str, *patterns: re.Pattern[str]) -> str:
    """Blank out every phrase the patterns find, keeping every other character in its place."""
    for rx in patterns:
        low = rx.sub(lambda m: " " * len(m.group()), low)
    return low


def _scan(masked: str, display: str) -> _Scan:
    """Read the dated pieces of a cell, in order, into single pieces and ranges."""
    groups: list[Group] = []
    notes: list[str] = []
    leftover = day_of_month = pos = 0
    dash = until = since = after_sep = False
    for m in W.TOKEN.finditer(masked):
        leftover += _gap(masked[pos : m.start()], display[pos : m.start()], notes)
        pos, name, text = m.end(), m.lastgroup, display[m.start() : m.end()].strip()
        last = groups[-1] if groups else None
        if name == "sep":
            dash, after_sep = False, True
        elif name == "dash":
            dash = last is not None and last.right is None
        elif name == "until" and last and last.since and last.right is None and not after_sep:
            dash = True  # «с 1 по 15 октября»
        elif name == "until":
            until = True
        elif name == "since":
            since = True
        elif name == "time":
            notes.append(W.NOTE_TIME.format(text))
        elif name == "dom":
            day_of_month = int(m["dom_d"])
        elif name == "year" and last and not (dash or until or since) and _takes_year(last):
            (last.right or last.left).year = int(m["y2"])  # «ноябрь, 2020», «октябрь-ноябрь 2020»
            last.text = display[last.at : m.end()].strip()
        elif name == "dm" and any(s.day for g in groups for s in (g.left, g.right) if s):
            notes.append(W.NOTE_TIME.format(text))  # «17.10.15 11.30»
        elif (span := _span_of(m, notes)) is None:
            leftover += len(text)
        elif dash and last and last.right is None and not span.num and (span.day or not last.left.num):
            if last.left.num:
                last.left = Span(span.m1, last.left.num, span.m1, last.left.num, day=True)
            last.right, last.text = span, display[last.at : m.end()].strip()
            dash = until = since = after_sep = False
        else:
            groups.append(Group(span, until=until, since=since, at=m.start(), text=text))
            dash = until = since = after_sep = False
    leftover += _gap(masked[pos:], display[pos:], notes)
    for g in [g for g in groups if g.left.num]:
        notes.append(W.NOTE_IGNORED.format(g.text))
        leftover += len(g.text)
        groups.remove(g)
    return _Scan(groups, notes, leftover, day_of_month)


def _gap(masked: str, display: str, notes: list[str]) -> int:
    """Count the letters between tokens that carry meaning, and note them as ignored."""
    if not masked or masked.isspace():
        return 0
    words = [w for w in W.FILLER_PUNCTUATION.split(masked) if w and not W.FILLER_WORD.fullmatch(w)]
    if not words:
        return 0
    kept = "".join(" " if k == " " else d for d, k in zip(display, masked, strict=True))
    notes.append(W.NOTE_IGNORED.format(_SPACES.sub(" ", kept).strip(" ,.;:-")))
    return sum(len(w) for w in words)


def _takes_year(g: Group) -> bool:
    span = g.right or g.left
    return span.year is None and not span.fixed and not span.num


def _span_of(m: re.Match[str], notes: list[str]) -> Span | None:
    """Return the piece a token names, or None (with a note) when it names no real day."""
    name = m.lastgroup
    if name in ("acad", "years"):
        y1, y2 = (int(m["ay1"]), int(m["ay2"])) if name == "acad" else (int(m["yy1"]), int(m["yy2"]))
        y2 += y1 // 100 * 100 if y2 < 100 else 0
        if name == "acad":
            return Span(9, 1, 8, 0, y1, y2 - y1, fixed=True) if y2 > y1 else None
        return Span(1, 1, 12, 0, min(y1, y2), abs(y2 - y1), fixed=True)
    if name == "year":
        return Span(1, 1, 12, 0, int(m["y2"]), fixed=True)
    if name == "num":
        return Span(0, 0, 0, 0, num=int(m["num"])) if 1 <= int(m["num"]) <= 31 else None
    if name == "quarter":
        return _quarter(W.ROMAN[m["q1"]], W.ROMAN[m["q2"] or m["q1"]], m["qunit"])
    if name == "month":
        month = W.MONTH_FORMS[m["mw2"]]
        return Span(month, 1, month, 0, month=True)
    year: str | None = None
    if name == "dmy":
        day, month, year = int(m["d1"]), int(m["m1"]), m["y1"]
    elif name == "dm":
        day, month = int(m["d2"]), int(m["m2"])
    else:
        day, month = int(m["d3"]), W.MONTH_FORMS[m["mw1"]]
    y = 2000 if year is None else int(year) + (2000 if len(year) == 2 else 0)
    try:
        date(y, month, day)  # 2000 is a leap year: «29 февраля» stays possible without a year
    except ValueError:
        is_time = name == "dm" and day <= 23 and month <= 59
        notes.append((W.NOTE_TIME if is_time else W.NOTE_BAD_DATE).format(m.group().strip()))
        return None
    if year is not None and len(year) == 2:
        notes.append(W.NOTE_TWO_DIGIT_YEAR.format(year, y))
    return Span(month, day, month, day, None if year is None else y, day=True)


def _quarter(q1: int, q2: int, unit: str) -> Span | None:
    if q2 < q1:
        return None
    if unit.startswith("полугод"):
        return Span(6 * q1 - 5, 1, 6 * q2, 0) if q2 <= 2 else None
    if unit.startswith("четверт"):
        m1, m2 = W.TERMS[q1][0], W.TERMS[q2][1]
        return Span(m1, 1, m2, 0, years=int(m2 < m1))
    return Span(3 * q1 - 2, 1, 3 * q2, 0)


def _dated(groups: list[Group], plan: Plan, notes: list[str]) -> list[Window]:
    """Return the windows of the groups with «до …» and «с …» applied, noting what is doubtful."""
    occurrences: list[Window] = []
    for g, w in zip(groups, group_windows(groups, plan), strict=True):
        if w is None:
            known = plan.start or plan.end or own_window(g) is not None
            notes.append(W.NOTE_BAD_DATE.format(g.text) if known else W.NOTE_NO_PLAN.format(W.NOTE_NO_YEAR))
            continue
        if plan.start and plan.end and not overlaps(w, (plan.start, plan.end)):
            notes.append(W.NOTE_OUTSIDE.format(_ru(plan.start), _ru(plan.end), g.text))
        if g.until:
            alone = len(groups) == 1 and plan.start is not None and plan.start < w[1]
            w = (plan.start if alone and plan.start else w[1].replace(day=1), w[1])
        elif g.since and g.right is None and plan.end and plan.end >= w[0]:
            w = (w[0], plan.end)
        occurrences.append(w)
    return occurrences


def _shape(groups: list[Group]) -> DeadlineKind:
    g = groups[0]
    if len(groups) > 1:
        return DeadlineKind.SEVERAL
    if g.right is not None or g.since:
        return DeadlineKind.PERIOD
    if g.until or g.left.day:
        return DeadlineKind.DATE
    return DeadlineKind.MONTH if g.left.month else DeadlineKind.PERIOD


def _recurring(frequency: str, masked: str, display: str, plan: Plan) -> _Reading:
    """Return every window a repeated activity falls in inside the plan window."""
    scan = _scan(masked, display)
    windows = group_windows(scan.groups, plan)
    anchors = [w for w in windows if w]
    reading = _Reading(DeadlineKind.RECURRING, [], scan.notes, scan.leftover, first_only=True)
    if plan.start is None or plan.end is None:
        reading.occurrences = anchors[:1]
        reading.notes.append(W.NOTE_NO_PLAN.format(W.NOTE_NOT_EXPANDED))
        return reading
    if frequency == "year" and scan.groups:  # «Май, ежегодно», «Октябрь 2021, далее - ежегодно»
        for g, anchor in zip(scan.groups, windows, strict=True):
            first = g.left.year if g.left.year is not None else g.right.year if g.right else None
            right = g.right or g.left
            pattern = (g.left.m1, 1 if g.until else g.left.d1, right.m2, right.d2)
            found = repeated_windows((pattern,), plan, first)
            reading.occurrences += found or ([anchor] if anchor and first is not None else [])
    else:
        academic = (plan.start.month, plan.start.day) == (9, 1)
        key = f"academic {frequency}" if academic and frequency in ("year", "half") else frequency
        patterns = W.REPEATS[key]
        if scan.day_of_month and frequency == "month":  # «до 25 числа каждого месяца»
            patterns = tuple((m, 1, m, scan.day_of_month) for m in range(1, 13))
        found = repeated_windows(patterns, plan, None)
        reading.occurrences = [w for w in found if not anchors or any(overlaps(w, a) for a in anchors)]
    if not reading.occurrences:
        reading.notes.append(W.NOTE_NO_REPEATS)
    return reading


def _ru(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def parse_plan_window(text: str) -> tuple[date | None, date | None]:
    """Read the plan window a document names: an academic year first, then calendar years.

    >>> parse_plan_window("Дорожная карта на 2020-2021 учебный год")
    (datetime.date(2020, 9, 1), datetime.date(2021, 8, 31))
    """
    if not isinstance(text, str):
        return None, None
    low = _SPACES.sub(" ", text.translate(W.CHARACTERS)).lower()
    for m in W.PLAN_ACADEMIC.finditer(low):
        y1, y2 = int(m[1]), int(m[2])
        y2 += y1 // 100 * 100 if y2 < 100 else 0
        if 1900 <= y1 < y2 <= 2200:
            return date(y1, 9, 1), date(y2, 8, 31)
    for m in (*W.PLAN_YEARS.finditer(low), *W.PLAN_IN_YEAR.finditer(low)):
        y1 = int(m[1])
        y2 = int(m[2]) if m.re is W.PLAN_YEARS and m[2] else y1
        if 1900 <= y1 <= y2 <= 2200:
            return date(y1, 1, 1), date(y2, 12, 31)
    return None, None
