"""Status reports, windows, overdue windows and roll-ups by territory (shared/specs/workload.md)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import polars as pl
import pytest
from factories import GraphBuilder, month

from model.entities import AuthorityLevel, InstituteKind, RoadmapLevel
from model.progress import (
    PROGRESS_SCHEMA,
    ROLLUP_SCHEMA,
    SUMMARY_SCHEMA,
    WINDOW_SCHEMA,
    WINDOW_STATUS_SCHEMA,
    Status,
    overdue,
    progress_summary,
    rollup,
    status_as_of,
    window_reports,
    window_status,
    windows,
    windows_behind,
    windows_of,
)
from model.relations import FanOut
from model.territory import territory_index
from model.workload import assignments

AS_OF = date(2020, 12, 15)


@pytest.fixture
def city() -> SimpleNamespace:
    """A city of two districts with three ШНОР in 2020 (one of them left the list in 2021).

    The municipal roadmap has: «ОО» twice (October 2020, October 2021), an ИМЦ seminar in November
    2020, an ИМЦ course ending 2020-12-31, and an undated ИМЦ activity. The regional roadmap has one
    ministry activity in November 2020.
    """
    b = GraphBuilder()
    w = SimpleNamespace(b=b)
    w.region = b.region("Кузбасс")
    w.city = b.municipality("Новокузнецк", w.region)
    w.central = b.district("Центральный район", w.city)
    w.zavod = b.district("Заводской район", w.city)
    w.s1 = b.school("Школа № 1", w.central, statuses=[2020, 2021])
    w.s2 = b.school("Школа № 2", w.zavod, statuses=[2020])
    w.s3 = b.school("Школа № 3", w.zavod, statuses=[2020, 2021])
    w.ministry = b.authority("Министерство образования Кузбасса", w.region, AuthorityLevel.REGIONAL)
    w.uo = b.authority("Управление образования Новокузнецка", w.city)
    w.imc = b.institute("ИМЦ Новокузнецка", w.city, InstituteKind.METHODICAL_CENTRE)
    w.regional = b.roadmap(
        "Региональная дорожная карта",
        w.ministry,
        w.region,
        (date(2020, 9, 1), date(2021, 8, 31)),
        RoadmapLevel.REGION,
    )
    w.municipal = b.roadmap(
        "Муниципальная дорожная карта", w.uo, w.city, (date(2020, 9, 1), date(2022, 8, 31))
    )
    w.diagnostics = b.activity(
        w.municipal, windows=[month(2020, 10), month(2021, 10)], executors=[w.imc], fan_out=FanOut.SCHOOLS
    )
    w.seminar = b.activity(w.municipal, windows=[month(2020, 11)], executors=[w.imc])
    w.course = b.activity(w.municipal, windows=[(date(2020, 12, 1), date(2020, 12, 31))], executors=[w.imc])
    w.undated = b.activity(w.municipal, executors=[w.imc])
    w.order = b.activity(w.regional, windows=[month(2020, 11)], executors=[w.ministry])
    w.G = b.build()
    w.a = assignments(w.G)
    return w


def reports(*rows: tuple[str, str | None, Status, date]) -> pl.DataFrame:
    return pl.DataFrame([(a, s, str(st), d) for a, s, st, d in rows], schema=PROGRESS_SCHEMA, orient="row")


NO_REPORTS = pl.DataFrame(schema=PROGRESS_SCHEMA)


def test_windows_are_per_school_where_the_activity_fans_out_to_schools(city: SimpleNamespace) -> None:
    w = city
    got = windows(w.a)
    assert got.schema == pl.Schema(WINDOW_SCHEMA)
    assert got.filter(pl.col("activity") == w.diagnostics).select("occurrence", "school").rows() == [
        (0, w.s1),
        (0, w.s2),
        (0, w.s3),
        (1, w.s1),
        (1, w.s3),
    ]
    assert got.filter(pl.col("activity") == w.seminar).select("occurrence", "school").rows() == [(0, None)]
    assert got.height == 9


def test_windows_and_their_statuses_do_not_depend_on_the_order_of_the_assignments(
    city: SimpleNamespace,
) -> None:
    w = city
    shuffled = w.a.sample(fraction=1.0, shuffle=True, seed=3)
    progress = reports((w.diagnostics, w.s2, Status.DONE, date(2020, 10, 20)))
    assert windows(shuffled).equals(windows(w.a))
    assert window_status(shuffled, progress, AS_OF).equals(window_status(w.a, progress, AS_OF))
    assert windows(w.a).select("activity", "occurrence").rows() == sorted(
        windows(w.a).select("activity", "occurrence").rows()
    )


def test_a_report_made_before_the_first_window_of_a_school_speaks_for_that_window_only(
    city: SimpleNamespace,
) -> None:
    w = city
    progress = reports(
        (w.diagnostics, None, Status.DONE, date(2020, 9, 20)),
        (w.diagnostics, w.s3, Status.IN_PROGRESS, date(2021, 10, 10)),
    )
    status = window_status(w.a, progress, date(2021, 11, 15)).filter(pl.col("activity") == w.diagnostics)
    assert status.select("occurrence", "school", "status", "overdue").rows() == [
        (0, w.s1, "выполнено", False),
        (0, w.s2, "выполнено", False),
        (0, w.s3, "в работе", True),
        (1, w.s1, "не начато", True),
        (1, w.s3, "в работе", True),
    ]


def test_the_latest_report_on_or_before_the_date_wins() -> None:
    progress = reports(
        ("act:1", None, Status.IN_PROGRESS, date(2020, 10, 1)),
        ("act:1", None, Status.DONE, date(2020, 12, 20)),
        ("act:1", "school:1", Status.NOT_STARTED, date(2020, 9, 1)),
        ("act:1", "school:1", Status.DONE, date(2020, 11, 1)),
    )
    latest = status_as_of(progress, AS_OF)
    assert latest.schema == pl.Schema(PROGRESS_SCHEMA)
    assert latest.select("school", "status").rows() == [(None, "в работе"), ("school:1", "выполнено")]


@pytest.mark.parametrize(
    ("status", "is_overdue"),
    [
        (None, True),
        (Status.NOT_STARTED, True),
        (Status.IN_PROGRESS, True),
        (Status.DONE, False),
        (Status.CANCELLED, False),
    ],
)
def test_a_window_that_ended_before_the_date_is_overdue_unless_done_or_cancelled(
    city: SimpleNamespace, status: Status | None, is_overdue: bool
) -> None:
    w = city
    progress = reports((w.seminar, None, status, date(2020, 11, 20))) if status else NO_REPORTS
    seminar = window_status(w.a, progress, AS_OF).filter(pl.col("activity") == w.seminar)
    assert seminar.select("status", "overdue").rows() == [(str(status or Status.NOT_STARTED), is_overdue)]


@pytest.mark.parametrize(
    ("as_of", "is_overdue"),
    [(date(2020, 11, 30), False), (date(2020, 12, 1), True)],
)
def test_a_window_is_overdue_only_after_its_last_day(
    city: SimpleNamespace, as_of: date, is_overdue: bool
) -> None:
    w = city
    seminar = window_status(w.a, NO_REPORTS, as_of).filter(pl.col("activity") == w.seminar)
    assert seminar["overdue"].to_list() == [is_overdue]


def test_a_report_made_after_the_date_does_not_count(city: SimpleNamespace) -> None:
    w = city
    progress = reports((w.seminar, None, Status.DONE, date(2020, 12, 20)))
    assert overdue(w.a, progress, AS_OF).filter(pl.col("activity") == w.seminar).height == 1
    assert overdue(w.a, progress, date(2020, 12, 21)).filter(pl.col("activity") == w.seminar).height == 0


def test_undated_activities_count_apart_and_are_never_overdue(city: SimpleNamespace) -> None:
    w = city
    status = window_status(w.a, NO_REPORTS, date(2030, 1, 1)).filter(pl.col("activity") == w.undated)
    assert status.select("undated", "overdue", "due_soon").rows() == [(True, False, False)]
    assert overdue(w.a, NO_REPORTS, date(2030, 1, 1)).filter(pl.col("activity") == w.undated).height == 0


def test_a_report_for_the_activity_speaks_for_each_school_unless_a_later_one_names_the_school(
    city: SimpleNamespace,
) -> None:
    w = city
    progress = reports(
        (w.diagnostics, None, Status.DONE, date(2020, 11, 5)),
        (w.diagnostics, w.s2, Status.IN_PROGRESS, date(2020, 11, 10)),
        (w.diagnostics, w.s3, Status.IN_PROGRESS, date(2020, 11, 1)),
    )
    october = window_status(w.a, progress, AS_OF).filter(
        (pl.col("activity") == w.diagnostics) & (pl.col("occurrence") == 0)
    )
    assert october.select("school", "status", "reported_on", "overdue").rows() == [
        (w.s1, "выполнено", date(2020, 11, 5), False),
        (w.s2, "в работе", date(2020, 11, 10), True),
        (w.s3, "выполнено", date(2020, 11, 5), False),
    ]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2020, 11, 30), ["order", "seminar"]),
        (date(2020, 12, 1), ["course"]),
        (date(2021, 1, 1), []),
    ],
)
def test_due_soon_counts_open_windows_ending_within_30_days(
    city: SimpleNamespace, as_of: date, expected: list[str]
) -> None:
    w = city
    due = window_status(w.a, NO_REPORTS, as_of).filter("due_soon")
    assert sorted(due["activity"].to_list()) == sorted(getattr(w, a) for a in expected)


def test_a_window_already_done_is_not_due_soon(city: SimpleNamespace) -> None:
    w = city
    progress = reports((w.course, None, Status.DONE, date(2020, 12, 1)))
    assert window_status(w.a, progress, date(2020, 12, 1)).filter("due_soon").height == 0


@pytest.fixture
def monthly() -> SimpleNamespace:
    """A monitoring activity due every month from October to December 2020."""
    b = GraphBuilder()
    w = SimpleNamespace()
    region = b.region("Кузбасс")
    imc = b.institute("ИМЦ", region)
    rm = b.roadmap("Дорожная карта", imc, region, (date(2020, 9, 1), date(2021, 8, 31)), RoadmapLevel.REGION)
    w.act = b.activity(rm, windows=[month(2020, 10), month(2020, 11), month(2020, 12)], executors=[imc])
    w.a = assignments(b.build())
    return w


@pytest.mark.parametrize(
    ("reported_on", "expected"),
    [
        (date(2020, 11, 10), ["выполнено", "выполнено", "не начато"]),
        (date(2020, 9, 20), ["выполнено", "не начато", "не начато"]),
        (date(2020, 12, 31), ["выполнено", "выполнено", "выполнено"]),
    ],
)
def test_a_report_speaks_for_the_windows_begun_by_its_date(
    monthly: SimpleNamespace, reported_on: date, expected: list[str]
) -> None:
    w = monthly
    progress = reports((w.act, None, Status.DONE, reported_on))
    status = window_status(w.a, progress, date(2021, 1, 15))
    assert status["status"].to_list() == expected
    assert status["overdue"].to_list() == [s != "выполнено" for s in expected]


@pytest.mark.parametrize(
    "as_of", [date(2020, 9, 1), date(2020, 10, 15), date(2020, 12, 1), date(2021, 11, 15), date(2022, 1, 1)]
)
def test_the_reports_kept_once_give_each_dates_statuses_as_the_reports_filed_by_that_date_alone(
    city: SimpleNamespace, as_of: date
) -> None:
    w = city
    progress = reports(
        (w.diagnostics, None, Status.DONE, date(2020, 9, 20)),
        (w.diagnostics, w.s3, Status.IN_PROGRESS, date(2021, 10, 10)),
        (w.diagnostics, w.s2, Status.CANCELLED, date(2020, 10, 20)),
        (w.seminar, None, Status.IN_PROGRESS, date(2020, 11, 1)),
    )
    kept = windows_of(w.a)
    once = window_status(w.a, progress, as_of, windows=kept, reports=window_reports(kept, progress))
    filed_by_then = progress.filter(pl.col("reported_on") <= as_of)
    assert once.equals(window_status(w.a, filed_by_then, as_of))


def test_window_status_has_its_declared_schema(city: SimpleNamespace) -> None:
    assert window_status(city.a, NO_REPORTS, AS_OF).schema == pl.Schema(WINDOW_STATUS_SCHEMA)
    assert overdue(city.a, NO_REPORTS, AS_OF).schema == pl.Schema(WINDOW_STATUS_SCHEMA)


@pytest.fixture
def reported(city: SimpleNamespace) -> SimpleNamespace:
    """As of 2020-12-15: school 1 did the October diagnostics, school 2 is on it, school 3 has not
    reported; the seminar is done; the course is in progress; the ministry's order was cancelled."""
    w = city
    progress = reports(
        (w.diagnostics, w.s1, Status.DONE, date(2020, 10, 20)),
        (w.diagnostics, w.s2, Status.IN_PROGRESS, date(2020, 10, 25)),
        (w.seminar, None, Status.DONE, date(2020, 11, 30)),
        (w.course, None, Status.IN_PROGRESS, date(2020, 12, 2)),
        (w.order, None, Status.CANCELLED, date(2020, 11, 3)),
    )
    w.status = window_status(w.a, progress, AS_OF)
    w.index = territory_index(w.G)
    return w


def test_the_summary_counts_windows_not_rows(reported: SimpleNamespace) -> None:
    summary = progress_summary(reported.status)
    assert summary.schema == pl.Schema(SUMMARY_SCHEMA)
    assert summary.row(0, named=True) == {
        "total": 9,
        "done": 2,
        "in_progress": 2,
        "not_started": 4,
        "cancelled": 1,
        "overdue": 2,
        "undated": 1,
        "due_soon": 1,
    }


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("region", [("region", 9, 2, 2, 4, 1, 2, 1, 1)]),
        ("municipality", [("city", 8, 2, 2, 4, 0, 2, 1, 1)]),
        ("district", [("zavod", 3, 0, 1, 2, 0, 2, 0, 0), ("central", 2, 1, 0, 1, 0, 0, 0, 0)]),
        (
            "school",
            [("s1", 2, 1, 0, 1, 0, 0, 0, 0), ("s2", 1, 0, 1, 0, 0, 1, 0, 0), ("s3", 2, 0, 0, 2, 0, 1, 0, 0)],
        ),
    ],
)
def test_rollups_count_windows_per_region_municipality_district_and_school(
    reported: SimpleNamespace, level: str, expected: list[tuple[str, int, int, int, int, int, int, int, int]]
) -> None:
    w = reported
    got = rollup(w.status, w.index, level)  # type: ignore[arg-type]
    assert got.schema == pl.Schema(ROLLUP_SCHEMA)
    by_unit = {row[0]: row[2:] for row in got.rows()}
    assert by_unit == {getattr(w, row[0]): row[1:] for row in expected}


def test_a_rollup_row_names_its_unit(reported: SimpleNamespace) -> None:
    w = reported
    assert rollup(w.status, w.index, "district").select("unit", "name").rows() == [
        (w.central, "Центральный район"),
        (w.zavod, "Заводской район"),
    ]


@pytest.mark.parametrize(
    ("count", "level", "unit", "expected"),
    [
        ("overdue", "school", "s3", [("diagnostics", 0)]),
        ("overdue", "municipality", "city", [("diagnostics", 0), ("diagnostics", 0)]),
        ("due_soon", None, None, [("course", 0)]),
        ("undated", "municipality", "city", [("undated", 0)]),
        ("cancelled", "region", "region", [("order", 0)]),
        ("total", "school", "s1", [("diagnostics", 0), ("diagnostics", 1)]),
    ],
)
def test_the_windows_behind_a_count_are_as_many_as_the_count(
    reported: SimpleNamespace,
    count: str,
    level: str | None,
    unit: str | None,
    expected: list[tuple[str, int]],
) -> None:
    w = reported
    behind = windows_behind(w.status, w.index, count, level, getattr(w, unit) if unit else None)  # type: ignore[arg-type]
    assert behind.schema == pl.Schema(WINDOW_STATUS_SCHEMA)
    assert behind.select("activity", "occurrence").rows() == [(getattr(w, a), o) for a, o in expected]


def test_an_empty_set_of_windows_rolls_up_to_nothing() -> None:
    b = GraphBuilder()
    b.region("Кузбасс")
    G = b.build()
    status = window_status(assignments(G), NO_REPORTS, AS_OF)
    assert rollup(status, territory_index(G), "region").height == 0
    assert progress_summary(status)["total"].to_list() == [0]
