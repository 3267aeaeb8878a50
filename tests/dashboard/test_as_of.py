"""The as-of date: progress and overdue windows as of the day chosen, before, inside and after the plan."""

from __future__ import annotations

from datetime import date

import pytest
from dashboard_support import POLYSAEVO, AppFactory, frame_of

from dashboard import texts


def _metric(at: object, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("on", "done", "in_progress", "overdue"),
    [
        ("2020-08-01", "0", "0", "0"),  # before the plan (2020/21 school year): nothing is due yet
        ("2021-03-01", "8", "1", "5"),  # inside it
        ("2021-10-01", "8", "0", "17"),  # after its end: whatever is not done is overdue
    ],
)
def test_a_towns_overdue_windows_are_those_ended_before_the_date_and_the_page_says_so(
    open_app: AppFactory, on: str, done: str, in_progress: str, overdue: str
) -> None:
    day = date.fromisoformat(on)
    at = open_app("obzor", ter=POLYSAEVO, show="overdue", on=on)
    assert not at.exception
    assert _metric(at, texts.FIGURES["done"]) == done
    assert _metric(at, texts.FIGURES["in_progress"]) == in_progress
    assert _metric(at, texts.FIGURES["overdue"]) == overdue
    said = f"Просрочено на {day:%d.%m.%Y} — окна, срок которых закончился до этой даты, а статус на неё "
    assert [c.value for c in at.caption if c.value.startswith(said)]
    assert f"Просроченные окна на {day:%d.%m.%Y}" in [h.value for h in at.subheader]
    rows = frame_of(at, "overview.list")
    assert len(rows) == int(overdue)
    status = texts.columns_on(day)["status"]
    assert status == f"Статус на {day:%d.%m.%Y}"
    assert set(rows[status]) <= {texts.STATUSES["overdue"]}
    assert all(end.date() < day for end in rows[texts.COLUMNS["window_end"]])
