"""Stored moments read in the user's time zone: Moscow when the browser does not say."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from dashboard import actions, moments, widgets
from loaders.scenario_store import Scenario as SavedScenario

LATE_EVENING_UTC = datetime(2021, 2, 1, 22, 30, 15, 123456, tzinfo=UTC)


def test_a_moment_stored_late_in_the_utc_evening_is_the_next_morning_in_moscow() -> None:
    # No browser session here: Moscow's time, the fallback, not the server's UTC.
    assert moments.local(LATE_EVENING_UTC) == datetime(2021, 2, 2, 1, 30, 15)
    assert moments.label(LATE_EVENING_UTC) == "02.02.2021 01:30"
    assert moments.in_zone(LATE_EVENING_UTC).utcoffset() is not None


def test_the_saved_list_keeps_utc_and_its_table_shows_the_users_time() -> None:
    saved = SavedScenario(
        id="scn:1",
        name="Весна",
        author="Иванова",
        reason="",
        created_at=LATE_EVENING_UTC,
        changed_at=LATE_EVENING_UTC,
        version=1,
        operations=(),
        base_version="",
    )
    frame = actions.saved_table([saved])
    assert frame["changed_at"].to_list() == [LATE_EVENING_UTC.replace(microsecond=0)]
    shown, config = widgets.shown_table(frame, {"changed_at": "Когда"})
    assert shown["Когда"].to_list() == [datetime(2021, 2, 2, 1, 30, 15)]
    assert config["Когда"]["type_config"]["format"] == "DD.MM.YYYY HH:mm"


def test_loads_against_capacity_are_numbers_of_percent_and_a_missing_one_stays_empty() -> None:
    frame = pl.DataFrame({"executor_name": ["УО", "ИМЦ", "школа"], "peak_percent": ["50 %", "250 %", "—"]})
    shown, config = widgets.shown_table(frame, {"executor_name": "Исполнитель", "peak_percent": "Пик"})
    assert shown["Пик"].to_list() == [50, 250, None]
    assert shown.sort("Пик", descending=True, nulls_last=True)["Исполнитель"].to_list() == [
        "ИМЦ",
        "УО",
        "школа",
    ]
    assert config["Пик"]["type_config"]["format"] == widgets.PERCENT_SHOWN == "%d %%"


def test_a_long_name_gets_a_bounded_width_so_the_other_columns_fit_a_projector() -> None:
    group = (
        "Муниципальная рабочая группа по вопросам повышения качества образования в общеобразовательных "
        "организациях, имеющих низкие образовательные результаты обучающихся"
    )
    shown = pl.DataFrame(
        {
            "Исполнитель": ["УО", group],
            "Как связан": ["вышестоящая организация", "тот же муниципалитет"],
            "Шагов по графу": [1, 2],
            "Мощность в месяц": [15.0, 6.0],
            "Свободно в худший месяц": [10.0, 3.0],
            "Что передать": [8, 3],
        }
    )
    bounded = widgets.bounded_widths(shown)
    natural = widgets._natural_widths(shown)
    assert set(bounded) >= {"Исполнитель"}
    assert sum(bounded.get(c, w) for c, w in natural.items()) <= widgets.TABLE_WIDTH
    # A table of short texts is drawn as it is.
    assert widgets.bounded_widths(shown.head(1)) == {}


def test_a_table_of_many_long_headed_columns_cuts_headers_to_fit_a_projector_keeping_them_in_tooltips() -> (
    None
):
    frame = pl.DataFrame(
        {
            "executor_name": ["ИМЦ (Полысаевский городской округ)", "МБОУ «Школа № 35»"],
            "kind": ["институт, центр, методслужба", "школа"],
            "level": ["муниципальный", "школьный"],
            "capacity": [4.0, 8.0],
            "peak": [10.0, 13.0],
            "peak_month": ["ноя 2020", "ноя 2020"],
            "overloaded_months": [12, 2],
            "undated": [0, 0],
        }
    )
    titles = {
        "executor_name": "Исполнитель", "kind": "Вид", "level": "Уровень", "capacity": "Мощность в месяц",
        "peak": "Пик: мероприятий", "peak_month": "Месяц пика", "overloaded_months": "Месяцев с перегрузкой",
        "undated": "Без срока",
    }  # fmt: skip
    shown, config = widgets.shown_table(frame, titles)
    config = widgets._counts_apart(shown, config)
    natural = widgets._natural_widths(shown)
    drawn = {c: (config.get(c) or {}).get("width") or w for c, w in natural.items()}
    assert sum(drawn.values()) <= widgets.TABLE_WIDTH
    # Every column is in sight, and no number is cut: a column gives up only what its header needs.
    values = widgets._natural_widths(shown, headers=False)
    assert all(drawn[c] >= values[c] for c in ("Мощность в месяц", "Месяцев с перегрузкой", "Без срока"))
    cut = config["Месяцев с перегрузкой"]
    assert (cut["help"], cut["type_config"]["format"]) == ("Месяцев с перегрузкой", "localized")
    assert config["Мощность в месяц"]["help"] == "Мощность в месяц"
    assert "help" not in (config.get("Без срока") or {}) or not config["Без срока"]["help"]
