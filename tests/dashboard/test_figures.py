"""The frames behind the figures, on a small hand-built town whose numbers are known by heart."""

from __future__ import annotations

import dataclasses
from datetime import date

import polars as pl
import pytest
from dashboard_support import IMC, REGION, ROADMAP, SCHOOL, TOWN, UO

from dashboard import data, figures
from dashboard.figures import Place
from dashboard.state import View
from model import progress, queries
from model.frames import natural_key

DECEMBER = date(2020, 12, 1)


@pytest.fixture(scope="module")
def windows(small: data.Snapshot) -> pl.DataFrame:
    return progress.window_status(small.assignments, small.progress, DECEMBER)


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (View(), Place()),
        (View(territory=TOWN), Place("municipality", TOWN)),
        (View(territory=REGION, school=SCHOOL), Place("school", SCHOOL)),
        (View(territory="ter:nowhere"), Place()),
        (View(school="school:nowhere"), Place()),
    ],
)
def test_the_place_of_a_view_is_its_school_else_its_territory(
    small: data.Snapshot, view: View, expected: Place
) -> None:
    assert figures.place_of(small, view) == expected


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (
            View(executor=IMC, activity=f"{ROADMAP}#2", area=TOWN),
            View(executor=IMC, activity=f"{ROADMAP}#2", area=TOWN),
        ),
        (View(executor="inst:r/nobody", activity=f"{ROADMAP}#99", area="ter:nowhere"), View()),
        (View(executor=TOWN), View()),
        (View(month="2020-10", area_month="2020-11"), View(month="2020-10", area_month="2020-11")),
        (View(month="2020-09", area_month="2020-12"), View()),
        (
            View(levels=("school", "moon"), kinds=("institute", "star")),
            View(levels=("school",), kinds=("institute",)),
        ),
        (
            View(territory="ter:nowhere", school=SCHOOL, show="overdue"),
            View(territory="ter:nowhere", school=SCHOOL, show="overdue"),
        ),
    ],
)
def test_a_view_in_the_data_drops_what_names_nothing_there_and_keeps_the_rest(
    small: data.Snapshot, view: View, expected: View
) -> None:
    assert figures.view_in_data(small, view) == expected


def test_the_breadcrumb_of_a_school_runs_from_its_region_down(small: data.Snapshot) -> None:
    assert figures.breadcrumb(small, Place("school", SCHOOL)) == ["Область", "Город", "Школа № 1"]


def test_every_overview_figure_counts_the_rows_of_its_list(
    small: data.Snapshot, windows: pl.DataFrame
) -> None:
    lists = figures.overview_lists(small, windows, Place("municipality", TOWN))
    counts, _ = figures.overview_counts(small, windows, Place("municipality", TOWN))
    assert counts == {name: rows.height for name, rows in lists.items()}
    assert counts == {
        "schools": 1,
        "roadmaps": 1,
        "activities": 4,
        "done": 1,
        "in_progress": 0,
        "overdue": 3,
        "overloaded": 1,
        "undated": 1,
    }


def test_one_overview_list_is_the_same_as_among_all_of_them(
    small: data.Snapshot, windows: pl.DataFrame
) -> None:
    every = figures.overview_lists(small, windows, Place())
    only = figures.overview_lists(small, windows, Place(), ["overdue", "undated"])
    assert list(only) == ["overdue", "undated"]
    assert all(only[name].equals(every[name]) for name in only)


def test_the_overdue_list_names_each_window_with_its_deadline_as_published(
    small: data.Snapshot, windows: pl.DataFrame
) -> None:
    overdue = figures.overview_lists(small, windows, Place())["overdue"]
    assert overdue.select("number", "deadline_raw", "window_end", "status").rows() == [
        ("2.", "октябрь, ноябрь", date(2020, 10, 31), "просрочено"),
        ("3.", "октябрь 2020", date(2020, 10, 31), "просрочено"),
        ("2.", "октябрь, ноябрь", date(2020, 11, 30), "просрочено"),
    ]


def test_an_overloaded_executor_shows_how_far_over_it_is(small: data.Snapshot, windows: pl.DataFrame) -> None:
    overloaded = figures.overview_lists(small, windows, Place())["overloaded"]
    assert overloaded.select(
        "executor_name", "peak_active", "capacity", "peak_percent", "peak_month"
    ).rows() == [("ИМЦ", 3.0, 2.0, "150 %", "окт 2020")]


def test_the_ranking_puts_the_most_loaded_executor_first_with_its_band(small: data.Snapshot) -> None:
    ranked = figures.ranking(small, Place())
    assert ranked.select("executor_name", "peak_percent", "band").rows() == [
        ("ИМЦ", "150 %", "150 % и выше"),
        ("УО", "7 %", "до 50 %"),
        ("Школа № 1", "—", "мощность не задана"),
    ]


@pytest.mark.parametrize(
    ("levels", "kinds", "expected"),
    [
        (("school",), (), ["Школа № 1"]),
        ((), ("authority",), ["УО"]),
        (("municipality",), ("institute", "authority"), ["ИМЦ", "УО"]),
        (("region",), (), []),
    ],
)
def test_the_ranking_filters_by_level_and_kind(
    small: data.Snapshot, levels: tuple[str, ...], kinds: tuple[str, ...], expected: list[str]
) -> None:
    assert figures.ranking(small, Place(), levels, kinds)["executor_name"].to_list() == expected


def test_an_executors_months_run_from_its_first_to_its_last(small: data.Snapshot) -> None:
    months = figures.executor_months(small, IMC)
    assert months.select("month_name", "active", "due", "load_percent", "band").rows() == [
        ("окт 2020", 3.0, 3.0, "150 %", "150 % и выше"),
        ("ноя 2020", 1.0, 1.0, "50 %", "50–100 %"),
    ]


def test_who_loads_an_executor_is_the_issuer_of_the_roadmap(small: data.Snapshot) -> None:
    assert figures.issuers_loading(small, IMC).rows() == [
        ("УО", "№ 1 от 01.09.2020", "муниципальная", 3, 3.0)
    ]


@pytest.mark.parametrize("measure", ["active", "due"])
def test_a_heatmap_cell_is_explained_by_the_activities_behind_it(small: data.Snapshot, measure: str) -> None:
    cells = figures.executor_heatmap(small, Place(), measure)
    for executor, month, value in cells.select("executor", "month", "value").iter_rows():
        behind = figures.cell_activities(small, executor, month, measure)
        assert behind.height == value


def test_the_activities_behind_a_cell_keep_their_deadline_cells_as_published(small: data.Snapshot) -> None:
    behind = figures.cell_activities(small, IMC, date(2020, 10, 1), "active")
    assert behind.select("number", "deadline_raw", "deadline_kind_name").rows() == [
        ("1.", "октябрь 2020", "месяц"),
        ("2.", "октябрь, ноябрь", "несколько сроков"),
        ("3.", "октябрь 2020", "месяц"),
    ]


def test_the_executor_heatmap_runs_by_name_then_month_and_namesakes_by_their_ids(
    small: data.Snapshot,
) -> None:
    cells = figures.executor_heatmap(small, Place(), "active")
    assert cells.select("executor_name", "month_key", "value", "load_percent").rows() == [
        ("ИМЦ", "2020-10", 3.0, "150 %"),
        ("ИМЦ", "2020-11", 1.0, "50 %"),
        ("УО", "2020-10", 1.0, "7 %"),
    ]
    namesakes = dataclasses.replace(
        small, executors=small.executors.with_columns(executor_name=pl.lit("Тёзка"))
    )
    assert figures.executor_heatmap(namesakes, Place(), "active").select("executor", "month_key").rows() == [
        (UO, "2020-10"),
        (IMC, "2020-10"),
        (IMC, "2020-11"),
    ]


def test_the_snapshot_counts_the_dated_windows_per_school_or_roadmap_and_month(
    small: data.Snapshot,
) -> None:
    windows = progress.windows(small.assignments).filter(pl.col("end").is_not_null())
    counted = small.window_months
    assert counted["windows"].sum() == windows.height
    assert counted.equals(progress.window_months(small.assignments))
    assert counted.filter(pl.col("node") == ROADMAP).select("month", "windows").rows() == [
        (date(2020, 10, 1), 3),
        (date(2020, 11, 1), 1),
    ]


def test_the_territory_heatmap_counts_the_windows_ending_in_each_month(
    small: data.Snapshot, windows: pl.DataFrame
) -> None:
    cells = figures.area_heatmap(small, Place("region", REGION))
    assert cells.select("area_name", "month_name", "windows").rows() == [
        ("Город", "окт 2020", 3),
        ("Город", "ноя 2020", 1),
    ]
    listed = figures.area_windows(small, windows, Place("region", REGION), TOWN, date(2020, 11, 1))
    assert listed.select("number", "deadline_raw", "status").rows() == [
        ("2.", "октябрь, ноябрь", "просрочено")
    ]


def test_progress_by_territory_counts_windows_by_state(small: data.Snapshot, windows: pl.DataFrame) -> None:
    bars = figures.progress_by_child(small, windows, Place())
    # The undated activity's window nobody reported on is «без срока», not «не начато».
    assert bars.select("area_name", "state", "windows").rows() == [
        ("Область", "без срока", 1),
        ("Область", "выполнено", 1),
        ("Область", "просрочено", 3),
    ]


@pytest.mark.parametrize("as_of", [DECEMBER, date(2026, 11, 22)])
def test_the_bars_and_the_figures_count_the_same_windows(sample: data.Snapshot, as_of: date) -> None:
    windows = data.window_status(sample, as_of)
    counts, split = figures.overview_counts(sample, windows, Place())
    bars = figures.progress_by_child(sample, windows, Place())
    by_state = dict(bars.group_by("state").agg(pl.col("windows").sum()).iter_rows())
    assert by_state.get("выполнено", 0) == counts["done"]
    assert by_state.get("в работе", 0) == counts["in_progress"]
    assert by_state.get("просрочено", 0) == counts["overdue"]
    assert by_state.get("без срока", 0) == split["undated_not_started"]
    assert split["overdue_in_progress"] + split["overdue_not_started"] == counts["overdue"]


def test_windows_in_work_past_their_deadline_are_overdue_and_said_so(sample: data.Snapshot) -> None:
    windows = data.window_status(sample, date(2026, 11, 22))
    counts, split = figures.overview_counts(sample, windows, Place())
    assert (counts["in_progress"], counts["overdue"], counts["undated"]) == (0, 296, 18)
    assert split == {"overdue_in_progress": 10, "overdue_not_started": 286, "undated_not_started": 130}


def test_lists_of_windows_put_schools_in_reading_order(sample: data.Snapshot) -> None:
    overdue = figures.overview_lists(sample, data.window_status(sample, date(2026, 11, 22)), Place())[
        "overdue"
    ]
    for _, rows in overdue.group_by("window_end", "number", maintain_order=True):
        names = [n for n in rows["school_name"].to_list() if n is not None]
        assert names == sorted(names, key=natural_key)


def test_a_school_sees_what_falls_on_it_with_who_set_it_and_its_state(
    small: data.Snapshot, windows: pl.DataFrame
) -> None:
    obligations = queries.obligations_of(small.G, SCHOOL, index=small.index)
    rows = figures.school_obligations(small, obligations, windows, SCHOOL)
    assert rows.select(
        "roadmap_level", "number", "deadline_raw", "issuer_name", "lead_name", "status"
    ).rows() == [("муниципальная", "4.", "по итогам ВПР", "Управление образования", "Школа № 1", "не начато")]


def test_the_windows_of_a_school_include_what_it_carries(small: data.Snapshot, windows: pl.DataFrame) -> None:
    mine = figures.windows_in(small, windows, Place("school", SCHOOL))
    assert mine.select("activity", "school").rows() == [(f"{ROADMAP}#5", SCHOOL)]


def test_broken_chains_name_what_is_missing_in_russian(small: data.Snapshot) -> None:
    broken = figures.broken_in(small, frozenset(small.activities["activity"]))
    assert set(broken["code_name"]) == {"нет координатора", "нет контролирующего"}
    assert broken.filter(pl.col("number") == "1.")["code_name"].sort().to_list() == [
        "нет контролирующего",
        "нет координатора",
    ]


def test_labels_use_the_short_name_of_a_body(small: data.Snapshot) -> None:
    assert [small.name(n) for n in (IMC, UO, SCHOOL, None)] == ["ИМЦ", "УО", "Школа № 1", "—"]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2020, 12, 1), date(2021, 2, 1), ["дек 2020", "янв 2021", "фев 2021"]),
        (date(2021, 3, 1), date(2021, 3, 1), ["мар 2021"]),
        (date(2021, 3, 1), date(2021, 2, 1), []),
    ],
)
def test_months_between_two_months_include_both(first: date, last: date, expected: list[str]) -> None:
    months = figures.months_between(first, last)
    assert (
        pl.DataFrame({"m": months}, schema={"m": pl.Date()}).select(figures.month_name("m"))["m"].to_list()
        == expected
    )


def test_the_overview_counts_every_loaded_activity_even_one_nobody_carries(sample: data.Snapshot) -> None:
    # Челябинск 3.2 («МОУО, ОО …») and 3.3 («ОО …») fan out to bodies the sample does not list.
    windows = progress.window_status(sample.assignments, sample.progress, date(2021, 3, 1))
    chelyabinsk = sample.territories.filter(pl.col("name") == "Челябинская область")["node"].item()
    lists = figures.overview_lists(sample, windows, Place("region", chelyabinsk))
    assert lists["activities"].height == 17
    assert figures.overview_lists(sample, windows, Place())["activities"].height == 93
