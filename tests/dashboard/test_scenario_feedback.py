"""«Сценарии» through AppTest on the sample data: an operation that would change nothing is not added and
the page says why, its problems name executors as the rest of the page does, the choice boxes speak
Russian, and the first visit says that the plan is being prepared."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import streamlit as st
from dashboard_support import IMC_POLYSAEVO, POLYSAEVO, AppFactory, frame_of
from streamlit.testing.v1 import AppTest

from dashboard import data, texts
from loaders.scenario_store import Saved, save_scenario
from loaders.store import open_store

UO_POLYSAEVO = f"auth:{POLYSAEVO.removeprefix('ter:')}/uo"
IMC_LABEL = "ИМЦ (Полысаевский городской округ)"
# The sample's roadmaps run in 2020–2021: November 2026, the month of «На дату» below, has no activity.
LATER = "2026-11-22"


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _operations(at: AppTest) -> list[str]:
    return [line for md in at.markdown for line in md.value.splitlines() if line[:1].isdigit()]


def _notes(at: AppTest) -> list[str]:
    return [n.value for n in [*at.info, *at.warning]]


def _capacity_form_of_uo(open_app: AppFactory) -> AppTest:
    """Open the scenario page of Полысаево with the capacity form on «УО»."""
    at = open_app("stsenarii", ter=POLYSAEVO)
    at.selectbox(key="scenario.kind").select("capacity").run()
    at.selectbox(key="scenario.capacity.executor").select(UO_POLYSAEVO).run()
    return at


def test_a_capacity_equal_to_the_plan_is_not_added_and_the_page_says_why(
    open_app: AppFactory, sample: data.Snapshot
) -> None:
    at = _capacity_form_of_uo(open_app)
    assert at.number_input(key="scenario.capacity.value").value == 15.0
    said = "У «УО» мощность уже 15 мероприятий в месяц: операция ничего не изменит. Укажите другое значение."
    assert said in [n.value for n in at.info]
    at.button(key="scenario.add_operation").click().run()
    _clean(at)
    assert _operations(at) == []
    assert said in [n.value for n in at.warning]
    assert at.button(key="scenario.undo").disabled

    # A real change is added; undone, it can be brought back.
    at.number_input(key="scenario.capacity.value").set_value(30.0).run()
    assert said not in _notes(at)
    at.button(key="scenario.add_operation").click().run()
    assert _operations(at) == ["1. Установить мощность «УО»: 30 мероприятий в месяц"]
    at.button(key="scenario.undo").click().run()
    assert at.button(key="scenario.redo").disabled is False
    at.button(key="scenario.redo").click().run()
    _clean(at)
    assert _operations(at) == ["1. Установить мощность «УО»: 30 мероприятий в месяц"]
    # Back to the plan's figure is a change too, once the scenario has raised it.
    at.number_input(key="scenario.capacity.value").set_value(15.0).run()
    at.button(key="scenario.add_operation").click().run()
    assert _operations(at)[1:] == ["2. Установить мощность «УО»: 15 мероприятий в месяц"]


def _handover_of_imc(open_app: AppFactory) -> AppTest:
    """Open the scenario page of Полысаево on a later date with ИМЦ handing a period over to УО."""
    at = open_app("stsenarii", ter=POLYSAEVO, on=LATER)
    at.selectbox(key="scenario.reassign.from").select(IMC_POLYSAEVO).run()
    at.selectbox(key="scenario.reassign.to").select(UO_POLYSAEVO).run()
    at.selectbox(key="scenario.reassign.mode").select("period").run()
    return at


def test_handing_over_a_period_without_activities_is_not_added_and_names_the_executor_and_period(
    open_app: AppFactory,
) -> None:
    at = _handover_of_imc(open_app)
    # The period offered is the month nearest «На дату» that holds work of ИМЦ, not November 2026.
    assert at.date_input(key="scenario.reassign.start").value == date(2021, 5, 1)
    assert at.date_input(key="scenario.reassign.end").value == date(2021, 5, 31)
    # The form says what moves and what stays, since an activity moves whole.
    said = [c.value.splitlines()[0] for c in at.caption]
    assert texts.PERIOD_MOVES.format(count="1 мероприятие") in said
    assert texts.PERIOD_STAYS.format(name=IMC_LABEL, count="6 мероприятий") in said
    at.date_input(key="scenario.reassign.start").set_value(date(2026, 11, 1)).run()
    at.date_input(key="scenario.reassign.end").set_value(date(2026, 11, 30)).run()
    at.button(key="scenario.add_operation").click().run()
    _clean(at)
    assert _operations(at) == []
    assert [w.value for w in at.warning] == [
        f"У «{IMC_LABEL}» нет мероприятий, идущих целиком в периоде 01.11.2026–30.11.2026: передавать "
        "нечего. Выберите другой период."
    ]
    # A period with activities is added as before.
    at.date_input(key="scenario.reassign.start").set_value(date(2020, 10, 1)).run()
    at.date_input(key="scenario.reassign.end").set_value(date(2020, 10, 31)).run()
    at.button(key="scenario.add_operation").click().run()
    _clean(at)
    assert len(_operations(at)) == 1
    assert _notes(at) == []


def test_handing_over_all_the_work_of_a_period_splits_what_runs_longer_and_relieves_that_month(
    open_app: AppFactory,
) -> None:
    at = _handover_of_imc(open_app)
    at.date_input(key="scenario.reassign.start").set_value(date(2020, 11, 1)).run()
    at.date_input(key="scenario.reassign.end").set_value(date(2020, 11, 30)).run()
    said = [c.value.splitlines()[0] for c in at.caption]
    assert texts.PERIOD_STAYS.format(name=IMC_LABEL, count="8 мероприятий") in said
    # The period picked stays when the mode changes; the eight that stayed are now cut.
    at.selectbox(key="scenario.reassign.mode").select("split").run()
    assert at.date_input(key="scenario.reassign.start").value == date(2020, 11, 1)
    captions = {c.value.splitlines()[0]: c.value.splitlines()[1:] for c in at.caption}
    assert texts.PERIOD_MOVES.format(count="2 мероприятия") in captions
    cut = captions[texts.PERIOD_SPLITS.format(name=IMC_LABEL, count="8 мероприятий")]
    # Each cut activity is listed with the span of the part handed over, not its whole span.
    assert len(cut) == 8 and all(line.endswith("01.11.2020–30.11.2020") for line in cut)
    at.button(key="scenario.add_operation").click().run()
    _clean(at)
    assert len(_operations(at)) == 1
    overload = frame_of(at, "scenario.overload")
    assert overload.to_dict("records") == [
        {
            texts.COLUMNS["executor_name"]: IMC_LABEL,
            texts.COLUMNS["month_name"]: "ноя 2020",
            texts.COLUMNS["percent_before"]: 250,
            texts.COLUMNS["percent_after"]: 0,
            texts.COLUMNS["change_name"]: "перегружен меньше",
        }
    ]
    # The parts are named with the days they cover and carried by УО in the chains.
    chains = frame_of(at, "scenario.chains")
    parts = chains[chains[texts.COLUMNS["text"]].str.endswith("(часть 01.11.2020–30.11.2020)")]
    assert len(parts) == 8
    assert set(parts[texts.COLUMNS["executors_after"]]) <= {"УО", "УО; МБОУ «Школа № 35»"}


def test_shifting_undated_activities_by_months_is_not_added(
    open_app: AppFactory, sample: data.Snapshot
) -> None:
    undated = sample.activities.filter(sample.activities["deadline_start"].is_null())["activity"][0]
    at = open_app("stsenarii")
    at.selectbox(key="scenario.kind").select("shift").run()
    at.multiselect(key="scenario.shift.activities").select(undated).run()
    at.button(key="scenario.add_operation").click().run()
    _clean(at)
    assert _operations(at) == []
    assert [w.value for w in at.warning] == [texts.NOTHING_TO_SHIFT]


def test_the_problems_of_an_operation_name_the_executor_as_the_page_does(
    open_app: AppFactory, writable_db: Path
) -> None:
    # A saved scenario whose hand-over finds nothing in its period (saved before such ones were refused).
    empty = {"kind": "reassign", "from_executor": IMC_POLYSAEVO, "to_executor": UO_POLYSAEVO}
    with open_store(writable_db) as store:
        saved = save_scenario(
            store,
            name="Пустая передача",
            author="Петрова",
            operations=[{**empty, "activities": [], "start": "2026-11-01", "end": "2026-11-30"}],
            base_version="",
            now=datetime(2021, 2, 1, 9, 0, tzinfo=UTC),
        )
    assert isinstance(saved, Saved)
    at = open_app("stsenarii", db=writable_db, ter=POLYSAEVO, scn=saved.scenario.id)
    _clean(at)
    assert _operations(at) == [
        f"1. Передать мероприятия «{IMC_LABEL}», идущие целиком в периоде 01.11.2026 – 30.11.2026, "
        "исполнителю «УО»"
    ]
    said = f"У «{IMC_LABEL}» нет мероприятий, идущих целиком в выбранном периоде"
    assert [w.value for w in at.warning] == [texts.OPERATION_ISSUE.format(number=1, message=said)]


def test_every_choice_box_of_the_scenario_forms_has_a_russian_placeholder(open_app: AppFactory) -> None:
    at = open_app("stsenarii", ter=POLYSAEVO)
    at.selectbox(key="scenario.reassign.from").select(IMC_POLYSAEVO).run()
    at.selectbox(key="scenario.reassign.mode").select("several").run()
    assert at.multiselect(key="scenario.reassign.activities").placeholder == texts.PICK_ACTIVITIES
    at.selectbox(key="scenario.kind").select("shift").run()
    assert at.multiselect(key="scenario.shift.activities").placeholder == texts.PICK_ACTIVITIES
    at.selectbox(key="scenario.kind").select("add").run()
    assert at.multiselect(key="scenario.add.executors").placeholder == texts.PICK_EXECUTORS
    _clean(at)


@pytest.fixture
def spinners(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return the texts of the spinners the page shows (each recorded as it starts)."""
    shown: list[str] = []
    real = st.spinner

    @contextmanager
    def recorded(text: str = "", **kwargs: object) -> Iterator[None]:
        shown.append(text)
        with real(text, **kwargs):  # type: ignore[arg-type]
            yield

    monkeypatch.setattr(st, "spinner", recorded)
    return shown


def test_the_scenario_page_says_it_prepares_the_plan_while_it_does(
    open_app: AppFactory, spinners: list[str]
) -> None:
    at = open_app("stsenarii")
    _clean(at)
    assert texts.SCENARIO_PREPARING in spinners


def test_the_edited_scenario_survives_a_reload_of_the_dashboard_code(
    open_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _capacity_form_of_uo(open_app)
    at.number_input(key="scenario.capacity.value").set_value(30.0).run()
    at.button(key="scenario.add_operation").click().run()
    # A source file changed: Streamlit imports the dashboard's modules afresh on the next run.
    for name in [m for m in sys.modules if m == "dashboard" or m.startswith("dashboard.")]:
        monkeypatch.delitem(sys.modules, name)
    at.button(key="scenario.undo").click().run()
    _clean(at)
    assert _operations(at) == [f"1. ~~Установить мощность «УО»: 30 мероприятий в месяц~~ *{texts.UNDONE}*"]
    assert at.button(key="scenario.redo").disabled is False
    at.button(key="scenario.redo").click().run()
    assert _operations(at) == ["1. Установить мощность «УО»: 30 мероприятий в месяц"]
