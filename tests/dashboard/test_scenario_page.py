"""«Сценарии» through AppTest on the sample data: operations by widget keys, the live comparison, undo and
redo, suggestions, the reason an overload asks for, saving, opening by link, conflicts, the saved list."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest
from dashboard_support import IMC_POLYSAEVO, POLYSAEVO, AppFactory, _before, column_formats, frame_of
from streamlit.testing.v1 import AppTest

from dashboard import charts, data, scenario_blocks, scenario_data, texts
from dashboard.state import Draft, View, params_of, view_from_params
from dashboard.widgets import NONE
from loaders.minutes import minutes_html, minutes_xlsx_bytes
from loaders.scenario_store import Saved, list_scenarios, save_scenario
from loaders.store import open_store
from model.comparison import compare
from model.scenario import Scenario, SetCapacity, UnlistSchool, apply_scenario, baseline_state
from model.suggestions import affected_months, suggested_handovers

UO_POLYSAEVO = f"auth:{POLYSAEVO.removeprefix('ter:')}/uo"
ROADMAP_162 = f"rm:{POLYSAEVO.removeprefix('ter:')}/162-2020-10-28"
CUT_UO = "Установить мощность «УО»: 2 мероприятия в месяц"
RAISE_IMC = "Установить мощность «ИМЦ (Полысаевский городской округ)»: 20 мероприятий в месяц"
# УО of Полысаево carries 5 activities in October 2020 and 3 in November against a capacity of 15.
UO_OVERLOADED = [
    ("УО", "окт 2020", 33, 250, "становится перегружен"),
    ("УО", "ноя 2020", 20, 150, "становится перегружен"),
]
COLUMNS = [texts.COLUMNS[c] for c in ("executor_name", "month_name", "percent_before", "percent_after")]


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _open(open_app: AppFactory, db: Path | None = None, **params: str) -> AppTest:
    at = open_app("stsenarii", db=db, ter=POLYSAEVO, **params)
    _clean(at)
    return at


def _set_capacity(at: AppTest, executor: str, capacity: float) -> None:
    at.selectbox(key="scenario.kind").select("capacity").run()
    at.selectbox(key="scenario.capacity.executor").select(executor).run()
    at.number_input(key="scenario.capacity.value").set_value(capacity)
    at.button(key="scenario.add_operation").click().run()


def test_a_scenario_capacity_of_zero_is_refused_in_the_form_and_not_added(open_app: AppFactory) -> None:
    at = _open(open_app)
    _set_capacity(at, UO_POLYSAEVO, 0.0)
    _clean(at)
    assert texts.SCENARIO_CAPACITY_NOT_POSITIVE in [w.value for w in at.warning]
    assert _operations(at) == []


def _figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _operations(at: AppTest) -> list[str]:
    return [line for md in at.markdown for line in md.value.splitlines() if line[:1].isdigit()]


def _overloads(at: AppTest) -> list[tuple[str, ...]]:
    shown = frame_of(at, "scenario.overload")
    return [tuple(row) for row in shown[[*COLUMNS, texts.COLUMNS["change_name"]]].itertuples(index=False)]


def _save(at: AppTest, name: str, author: str = "Иванова", reason: str = "") -> None:
    at.text_input(key="scenario.name").input(name)
    at.text_input(key="scenario.author").input(author)
    at.text_area(key="scenario.reason").input(reason)
    at.button(key="scenario.save").click().run()


def _saved(db: Path) -> list[Any]:
    with open_store(db) as store:
        return list_scenarios(store)


def test_the_scenario_page_renders_on_the_sample_data(open_app: AppFactory) -> None:
    at = _open(open_app)
    assert at.header[0].value == texts.PAGE_TITLES["stsenarii"]
    assert texts.NO_COMPARISON in [i.value for i in at.info]
    assert at.selectbox(key="scenario.kind").options == list(texts.OPERATION_KINDS.values())
    assert at.button(key="scenario.add_operation").disabled


def test_a_capacity_cut_added_by_widget_keys_shows_who_becomes_overloaded(
    open_app: AppFactory, sample: data.Snapshot
) -> None:
    at = _open(open_app)
    _set_capacity(at, UO_POLYSAEVO, 2.0)
    _clean(at)
    assert _operations(at) == [f"1. {CUT_UO}"]
    figures = _figures(at)
    assert (figures[texts.SUMMARY["executors"]], figures[texts.SUMMARY["overloaded"]]) == ("1", "1")
    assert _overloads(at) == UO_OVERLOADED
    # The plan's side is what «Нагрузка» shows for the same executor: the same model functions.
    load = frame_of(at, "scenario.load")
    shown = sample.overload.filter(pl.col("executor") == UO_POLYSAEVO).sort("month")
    assert list(load[texts.COLUMNS["active_before"]]) == shown["active"].to_list()
    assert list(load[texts.COLUMNS["capacity_after"]]) == [2.0] * shown.height


IMC = "«ИМЦ (Полысаевский городской округ)»"
SCHOOL_35 = "school:" + POLYSAEVO.removeprefix("ter:") + "/mbou-shkola-35"
ANALYSIS = "«8. Анализ внутришкольных механизмов мониторинга качества подготовки обучающихся и разработка рекомендаций по их совершенствованию.»"  # noqa: E501
ROW_8, ROW_10 = f"{ROADMAP_162}#21", f"{ROADMAP_162}#23"
OPERATION_FORMS = {
    "reassign_one": (
        "reassign",
        [
            ("selectbox", "scenario.reassign.from", IMC_POLYSAEVO),
            ("selectbox", "scenario.reassign.to", UO_POLYSAEVO),
            ("selectbox", "scenario.reassign.activity", ROW_8),
        ],
        f"Передать мероприятие {ANALYSIS} от {IMC} к «УО»",
        {"executors": "2", "chains_changed": "1"},
    ),
    "reassign_several": (
        "reassign",
        [
            ("selectbox", "scenario.reassign.from", IMC_POLYSAEVO),
            ("selectbox", "scenario.reassign.to", UO_POLYSAEVO),
            ("selectbox", "scenario.reassign.mode", "several"),
            ("multiselect", "scenario.reassign.activities", [ROW_8, ROW_10]),
        ],
        f"Передать 2 мероприятия от {IMC} к «УО»",
        {"executors": "2", "chains_changed": "2"},
    ),
    "reassign_period": (
        "reassign",
        [
            ("selectbox", "scenario.reassign.from", IMC_POLYSAEVO),
            ("selectbox", "scenario.reassign.to", UO_POLYSAEVO),
            ("selectbox", "scenario.reassign.mode", "period"),
            ("date_input", "scenario.reassign.start", date(2020, 10, 1)),
            ("date_input", "scenario.reassign.end", date(2020, 10, 31)),
        ],
        f"Передать мероприятия {IMC}, идущие целиком в периоде 01.10.2020 – 31.10.2020, исполнителю «УО»",
        {"executors": "1", "chains_changed": "1"},
    ),
    "reassign_split": (
        "reassign",
        [
            ("selectbox", "scenario.reassign.from", IMC_POLYSAEVO),
            ("selectbox", "scenario.reassign.to", UO_POLYSAEVO),
            ("selectbox", "scenario.reassign.mode", "split"),
            ("date_input", "scenario.reassign.start", date(2020, 11, 1)),
            ("date_input", "scenario.reassign.end", date(2020, 11, 30)),
        ],
        f"Передать работу {IMC} в периоде 01.11.2020 – 30.11.2020 исполнителю «УО»; мероприятия, идущие и "
        "вне периода, делятся по его границам",
        # Two activities move whole, eight are cut: no deadline moves and school № 35, their co-executor,
        # carries no more than before.
        {"executors": "3", "chains_changed": "10"},
    ),
    "shift_months": (
        "shift",
        [
            ("selectbox", "scenario.shift.executor", IMC_POLYSAEVO),
            ("multiselect", "scenario.shift.activities", [ROW_8]),
            ("number_input", "scenario.shift.months", 2),
        ],
        f"Сдвинуть срок мероприятия {ANALYSIS} на 2 мес. позже",
        # ИМЦ and school № 35 stay overloaded; the peak months lose work: neither counts as «сильнее».
        {"executors": "2", "deadlines_moved": "1"},
    ),
    "shift_to_a_date": (
        "shift",
        [
            ("multiselect", "scenario.shift.activities", [ROW_8]),
            ("selectbox", "scenario.shift.mode", "date"),
            ("date_input", "scenario.shift.to", date(2021, 4, 30)),
        ],
        f"Перенести срок мероприятия {ANALYSIS} на 30.04.2021",
        {"executors": "2", "deadlines_moved": "1"},
    ),
    "unlist_school": (
        "school",
        [
            ("selectbox", "scenario.school.school", SCHOOL_35),
            ("selectbox", "scenario.school.action", "unlist"),
            ("selectbox", "scenario.school.year", "2020"),
        ],
        "Исключить «МБОУ «Школа № 35»» из списка на 2020/21 учебный год",
        {"executors": "1", "relieved": "1", "chains_changed": "17", "chains_broken": "4"},
    ),
    "drop_activity": (
        "drop",
        [("selectbox", "scenario.drop.activity", ROW_8)],
        f"Исключить мероприятие {ANALYSIS}",
        {"executors": "2"},
    ),
    "add_activity": (
        "add",
        [
            ("selectbox", "scenario.add.roadmap", ROADMAP_162),
            ("text_input", "scenario.add.text", "Выездной семинар"),
            ("text_input", "scenario.add.deadline", "март 2021 года"),
            ("multiselect", "scenario.add.executors", [IMC_POLYSAEVO]),
        ],
        "Добавить мероприятие «Выездной семинар» в «№ 162 от 28.10.2020»: март 2021 года; "
        f"исполнители: {IMC}",
        {"executors": "1", "worse": "1", "chains_changed": "1"},
    ),
    "move_under_a_coordinator": (
        "move",
        [("selectbox", "scenario.move.node", SCHOOL_35), ("selectbox", "scenario.move.to", IMC_POLYSAEVO)],
        f"Передать «МБОУ «Школа № 35»» под координацию {IMC}",
        {"chains_changed": "17"},
    ),
}


@pytest.mark.parametrize(
    ("kind", "steps", "described", "changed"), list(OPERATION_FORMS.values()), ids=list(OPERATION_FORMS)
)
def test_every_kind_of_operation_is_built_by_its_form_and_changes_the_comparison(
    open_app: AppFactory,
    kind: str,
    steps: list[tuple[str, str, Any]],
    described: str,
    changed: dict[str, str],
) -> None:
    at = _open(open_app)
    at.selectbox(key="scenario.kind").select(kind).run()
    for widget, key, value in steps:
        element = getattr(at, widget)(key=key)
        if widget == "selectbox":
            element.select(value)
        elif widget == "text_input":
            element.input(value)
        else:
            element.set_value(value)
        at.run()
    at.button(key="scenario.add_operation").click().run()
    _clean(at)
    assert _operations(at) == [f"1. {described}"]
    shown = {name: _figures(at)[label] for name, label in texts.SUMMARY.items()}
    assert {name: value for name, value in shown.items() if value != "0"} == changed


def test_undo_and_redo_step_through_the_operations(open_app: AppFactory) -> None:
    at = _open(open_app)
    _set_capacity(at, UO_POLYSAEVO, 2.0)
    _set_capacity(at, IMC_POLYSAEVO, 20.0)
    assert _operations(at) == [f"1. {CUT_UO}", f"2. {RAISE_IMC}"]
    assert _figures(at)[texts.SUMMARY["relieved"]] == "1"
    at.button(key="scenario.undo").click().run()
    _clean(at)
    assert _operations(at) == [f"1. {CUT_UO}", f"2. ~~{RAISE_IMC}~~ *{texts.UNDONE}*"]
    assert _figures(at)[texts.SUMMARY["relieved"]] == "0"
    assert _overloads(at) == UO_OVERLOADED
    assert at.button(key="scenario.redo").disabled is False
    at.button(key="scenario.redo").click().run()
    _clean(at)
    assert _operations(at) == [f"1. {CUT_UO}", f"2. {RAISE_IMC}"]
    assert _figures(at)[texts.SUMMARY["relieved"]] == "1"
    assert at.button(key="scenario.redo").disabled


def test_a_suggestion_hands_the_overloaded_centres_work_over_in_one_click(open_app: AppFactory) -> None:
    at = _open(open_app)
    assert at.selectbox(key="scenario.overloaded").value == IMC_POLYSAEVO
    takers = frame_of(at, "scenario.takers")
    assert list(takers[texts.COLUMNS["executor_name"]])[:1] == ["УО"]
    assert list(takers[texts.COLUMNS["relation_name"]]) == ["вышестоящая организация", "тот же муниципалитет"]
    at.button(key=f"scenario.take.{UO_POLYSAEVO}").click().run()
    _clean(at)
    assert _operations(at) == ["1. Передать 6 мероприятий от «ИМЦ (Полысаевский городской округ)» к «УО»"]
    figures = _figures(at)
    assert (figures[texts.SUMMARY["relieved"]], figures[texts.SUMMARY["overloaded"]]) == ("1", "0")


def test_the_list_names_the_activities_an_operation_hands_over_by_their_count(open_app: AppFactory) -> None:
    at = _open(open_app)
    at.button(key=f"scenario.take.{UO_POLYSAEVO}").click().run()
    _clean(at)
    lines = [line for md in at.markdown for line in md.value.splitlines()]
    named = [line for line in lines if line.startswith("    - ")]
    # The six activities the centre hands over, under the operation, by number and title; the number is
    # escaped, or markdown would read «- 9. Семинар» as a list of its own and drop the «9.».
    assert len(named) == 6
    assert all(re.match(r"    - \d+\\\. \S", line) for line in named), named
    at.button(key="scenario.undo").click().run()
    struck = [line for md in at.markdown for line in md.value.splitlines() if line.startswith("    - ")]
    assert [line.removeprefix("    - ~~").removesuffix("~~") for line in struck] == [n[6:] for n in named]


def test_a_change_that_overloads_someone_asks_for_a_reason_before_it_is_saved(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = _open(open_app, db=writable_db)
    _set_capacity(at, UO_POLYSAEVO, 2.0)
    assert texts.REASON_NEEDED in [w.value for w in at.warning]
    _save(at, "УО без штата")
    assert [e.value for e in at.error] == [texts.REASON_MISSING]
    assert _saved(writable_db) == []
    _save(at, "УО без штата", reason="штат УО сокращают")
    _clean(at)
    [saved] = _saved(writable_db)
    assert (saved.name, saved.author, saved.reason) == ("УО без штата", "Иванова", "штат УО сокращают")
    assert saved.operations == ({"kind": "set_capacity", "executor": UO_POLYSAEVO, "capacity": 2.0},)


def test_a_saved_scenario_opened_by_its_link_shows_the_same_comparison(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = _open(open_app, db=writable_db)
    _set_capacity(at, UO_POLYSAEVO, 2.0)
    _set_capacity(at, IMC_POLYSAEVO, 20.0)
    _save(at, "Полысаево весной", reason="штат УО сокращают, ИМЦ усиливают")
    _clean(at)
    [saved] = _saved(writable_db)
    assert at.query_params["scn"] == saved.id
    made = (_operations(at), _figures(at), _overloads(at), frame_of(at, "scenario.load"))

    fresh = _open(open_app, db=writable_db, scn=saved.id)
    assert _operations(fresh) == made[0] == [f"1. {CUT_UO}", f"2. {RAISE_IMC}"]
    assert _figures(fresh) == made[1]
    assert _overloads(fresh) == made[2]
    assert frame_of(fresh, "scenario.load").equals(made[3])
    assert fresh.text_input(key="scenario.name").value == "Полысаево весной"
    assert fresh.query_params["scn"] == saved.id


def test_a_link_to_a_scenario_that_is_gone_says_so_and_opens_an_empty_one(open_app: AppFactory) -> None:
    at = _open(open_app, scn="scn:gone")
    assert [w.value for w in at.warning] == [texts.SCENARIO_MISSING]
    assert "scn" not in at.query_params


def test_two_people_saving_the_same_scenario_lose_nothing(open_app: AppFactory, writable_db: Path) -> None:
    first = _open(open_app, db=writable_db)
    _set_capacity(first, UO_POLYSAEVO, 2.0)
    _save(first, "Полысаево", reason="штат УО сокращают")
    [saved] = _saved(writable_db)
    second = _open(open_app, db=writable_db, scn=saved.id)
    _set_capacity(first, IMC_POLYSAEVO, 20.0)
    _set_capacity(second, IMC_POLYSAEVO, 30.0)
    first.button(key="scenario.save").click().run()
    _clean(first)
    second.text_input(key="scenario.author").input("Петров")
    second.button(key="scenario.save").click().run()
    assert not second.exception
    [conflict] = [e.value for e in second.error]
    assert conflict.startswith("Сценарий «Полысаево» сохранил(а) Иванова в ")
    assert "ничего не потеряно" in conflict
    [kept] = _saved(writable_db)
    assert (kept.version, kept.operations[-1]["capacity"]) == (2, 20.0)
    assert _operations(second)[-1].endswith("30 мероприятий в месяц")
    second.button(key="scenario.save_as_new").click().run()
    _clean(second)
    assert sorted(s.operations[-1]["capacity"] for s in _saved(writable_db)) == [20.0, 30.0]
    assert second.query_params["scn"] not in (saved.id, None)


def _raise_imc_saved(open_app: AppFactory, db: Path) -> AppTest:
    """Open «Сценарии» on a writable store and save one operation, the ИМЦ of Полысаево at capacity 20."""
    at = _open(open_app, db=db)
    _set_capacity(at, IMC_POLYSAEVO, 20.0)
    _save(at, "ИМЦ усиливают")
    return at


def test_saved_scenarios_are_renamed_copied_and_deleted(open_app: AppFactory, writable_db: Path) -> None:
    at = _raise_imc_saved(open_app, writable_db)
    [saved] = _saved(writable_db)
    at.text_input(key="scenario.rename_to").input("ИМЦ усиливают вдвое")
    at.button(key="scenario.rename").click().run()
    _clean(at)
    assert [s.name for s in _saved(writable_db)] == ["ИМЦ усиливают вдвое"]
    assert at.text_input(key="scenario.name").value == "ИМЦ усиливают вдвое"
    at.button(key="scenario.copy").click().run()
    _clean(at)
    assert sorted(s.name for s in _saved(writable_db)) == [
        "ИМЦ усиливают вдвое",
        "ИМЦ усиливают вдвое (копия)",
    ]
    at.selectbox(key="scenario.pick").select(saved.id).run()
    at.button(key="scenario.delete").click().run()
    _clean(at)
    assert [s.name for s in _saved(writable_db)] == ["ИМЦ усиливают вдвое (копия)"]
    # The deleted scenario was the one on the screen: its operations stay, as a scenario not saved yet.
    assert _operations(at) == [f"1. {RAISE_IMC}"]
    assert "scn" not in at.query_params
    assert texts.SCENARIO_NOT_SAVED in [c.value for c in at.caption]


def test_the_saved_list_shows_when_each_was_saved_as_day_and_minute(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = _raise_imc_saved(open_app, writable_db)
    table = _before(at, "scenario.saved.xlsx", "dataframe")
    shown = {name: config.get("type_config", {}) for name, config in json.loads(table.proto.columns).items()}
    # Not Streamlit's ISO «2026-11-22 23:24:15»: the day and minute, as the list below and the xlsx say.
    for column in ("created_at", "changed_at"):
        assert shown[texts.COLUMNS[column]]["format"] == "DD.MM.YYYY HH:mm"


def test_a_rename_keeps_the_author_and_a_copy_is_saved_by_whoever_copies(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = _open(open_app, db=writable_db)
    _set_capacity(at, IMC_POLYSAEVO, 20.0)
    _save(at, "ИМЦ усиливают", author="")
    assert [e.value for e in at.error] == [texts.AUTHOR_MISSING]
    assert _saved(writable_db) == []
    _save(at, "ИМЦ усиливают", author="Аналитик")
    [saved] = _saved(writable_db)

    # A colleague opens the link: «Кто сохраняет» is empty on their screen.
    colleague = _open(open_app, db=writable_db, scn=saved.id)
    colleague.text_input(key="scenario.rename_to").input("ИМЦ усиливают вдвое")
    colleague.button(key="scenario.rename").click().run()
    _clean(colleague)
    [renamed] = _saved(writable_db)
    assert (renamed.name, renamed.author, renamed.changed_at) == (
        "ИМЦ усиливают вдвое",
        "Аналитик",
        saved.changed_at,
    )

    colleague.button(key="scenario.copy").click().run()
    _clean(colleague)
    assert [w.value for w in colleague.warning] == [texts.COPY_AUTHOR_MISSING]
    assert len(_saved(writable_db)) == 1
    colleague.text_input(key="scenario.author").input("Петров")
    colleague.button(key="scenario.copy").click().run()
    _clean(colleague)
    authors = {s.name: s.author for s in _saved(writable_db)}
    assert authors == {"ИМЦ усиливают вдвое": "Аналитик", "ИМЦ усиливают вдвое (копия)": "Петров"}


def test_once_the_reason_is_given_the_page_shows_it_instead_of_asking(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = _open(open_app, db=writable_db)
    _set_capacity(at, UO_POLYSAEVO, 2.0)
    assert texts.REASON_NEEDED in [w.value for w in at.warning]
    at.text_area(key="scenario.reason").input("штат УО сокращают").run()
    assert texts.REASON_NEEDED not in [w.value for w in at.warning]
    assert texts.REASON_GIVEN in [i.value for i in at.info]
    _save(at, "УО без штата", reason="штат УО сокращают")
    _clean(at)
    shown = texts.REASON_SAVED.format(reason="штат УО сокращают")
    assert (texts.REASON_NEEDED in [w.value for w in at.warning], shown in [i.value for i in at.info]) == (
        False,
        True,
    )
    reopened = _open(open_app, db=writable_db, scn=at.query_params["scn"])
    assert texts.REASON_NEEDED not in [w.value for w in reopened.warning]
    assert shown in [i.value for i in reopened.info]
    # Cleared, the reason is asked for again.
    reopened.text_area(key="scenario.reason").input("").run()
    assert texts.REASON_NEEDED in [w.value for w in reopened.warning]


def test_applying_a_scenario_changes_neither_the_plan_nor_another_users_view(open_app: AppFactory) -> None:
    at = _open(open_app)
    _set_capacity(at, IMC_POLYSAEVO, 100.0)
    assert _figures(at)[texts.SUMMARY["relieved"]] == "1"
    workload = open_app("nagruzka", ter=POLYSAEVO)
    ranked = frame_of(workload, "workload.table")
    imc = ranked[ranked[texts.COLUMNS["executor_name"]].str.startswith("ИМЦ")]
    assert list(imc[texts.COLUMNS["peak_percent"]]) == [250]
    colleague = _open(open_app)
    assert _operations(colleague) == []
    assert texts.NO_COMPARISON in [i.value for i in colleague.info]


def test_the_minutes_carry_the_operations_the_document_id_and_the_reason(sample: data.Snapshot) -> None:
    base = baseline_state(sample.G, sample.overrides)
    scenario = Scenario("УО без штата").push(SetCapacity(UO_POLYSAEVO, 2.0))
    applied = apply_scenario(base, scenario)
    outcome = scenario_data.Outcome(
        scenario.active,
        applied.state,
        applied.issues,
        compare(base, applied.state, as_of=date(2021, 3, 1)),
        {},
    )
    form = scenario_blocks.SaveForm("", "Иванова", "штат сокращают", None)
    minutes = scenario_blocks.minutes_of_draft(sample, Draft(scenario), outcome, form)
    page = minutes_html(minutes)
    assert minutes.document_id.startswith("СЦ-")
    assert minutes.descriptions == (CUT_UO,)
    assert minutes.document_id in page
    assert "штат сокращают" in page
    assert minutes.needs_reason
    assert minutes_xlsx_bytes(minutes)[:2] == b"PK"


def test_the_minutes_say_of_each_chain_what_the_page_says(sample: data.Snapshot) -> None:
    # Школа № 35 leaves the list for 2020/21: the activities only it carried lose their executor.
    base = baseline_state(sample.G, sample.overrides)
    scenario = Scenario("Без школы № 35").push(UnlistSchool(SCHOOL_35, 2020))
    applied = apply_scenario(base, scenario)
    comparison = compare(base, applied.state, as_of=date(2020, 11, 15))
    outcome = scenario_data.Outcome(scenario.active, applied.state, applied.issues, comparison, {})
    form = scenario_blocks.SaveForm("", "Иванова", "", None)
    minutes = scenario_blocks.minutes_of_draft(sample, Draft(scenario), outcome, form)
    book = openpyxl.load_workbook(io.BytesIO(minutes_xlsx_bytes(minutes)))
    in_minutes = [row[-1] for row in book["Цепочки ответственности"].iter_rows(min_row=2, values_only=True)]
    on_page = scenario_blocks.comparison_tables(sample, comparison)["chains"]["broken_name"].to_list()
    assert in_minutes == on_page
    assert {"цела", "разрывается"} <= set(on_page)


def test_the_minutes_are_offered_as_xlsx_and_printable_html(open_app: AppFactory) -> None:
    at = _open(open_app)
    assert at.get("download_button")[-1].proto.disabled
    _set_capacity(at, UO_POLYSAEVO, 2.0)
    names = {b.key: b.proto.label for b in at.get("download_button") if b.key.startswith("scenario.minutes")}
    assert names == {"scenario.minutes_xlsx": texts.MINUTES_XLSX, "scenario.minutes_html": texts.MINUTES_HTML}


def test_the_handover_takes_the_activities_running_in_the_most_overloaded_months(
    sample: data.Snapshot,
) -> None:
    base = baseline_state(sample.G, sample.overrides)
    months = affected_months(base, IMC_POLYSAEVO, [])
    # The working group (6 a month) has room for less: ИМЦ stays over in one month, the group is not.
    group = next(c for c in sample.executors["executor"] if c.startswith(f"group:{POLYSAEVO[4:]}/"))
    handed, partial = suggested_handovers(base, IMC_POLYSAEVO, [UO_POLYSAEVO, group], months)
    assert handed is not None and not handed.split
    numbers = sample.activities.filter(pl.col("activity").is_in(handed.activities)).sort("row")["number"]
    assert numbers.to_list() == ["12.", "14.", "16.", "17.", "18.", "19."]
    load = compare(base, apply_scenario(base, Scenario().push(handed)).state).load
    peaks = dict(load.group_by("executor").agg(pl.col("ratio_after").max()).iter_rows())
    assert peaks[IMC_POLYSAEVO] == 1.0
    assert peaks[UO_POLYSAEVO] <= 1.0
    assert partial is not None and 0 < len(partial.activities) < len(handed.activities)
    load = compare(base, apply_scenario(base, Scenario().push(partial)).state).load
    over = load.filter(pl.col("ratio_after") > 1.0)
    assert over["executor"].to_list() == [IMC_POLYSAEVO]


def test_the_before_after_chart_uses_the_one_load_scale_side_by_side() -> None:
    load = pl.DataFrame(
        {
            "executor": ["auth:uo"] * 2,
            "month": [date(2020, 10, 1), date(2020, 11, 1)],
            "active_before": [5.0, 3.0],
            "active_after": [5.0, 3.0],
            "capacity_before": [15.0, 15.0],
            "capacity_after": [2.0, 2.0],
            "ratio_before": [5 / 15, 3 / 15],
            "ratio_after": [2.5, 1.5],
        }
    )
    sides = scenario_blocks.load_sides(load, {"auth:uo": "УО"})
    assert sides.select("side", "month_name", "percent", "band").rows() == [
        ("План", "окт 2020", "33 %", "до 50 %"),
        ("План", "ноя 2020", "20 %", "до 50 %"),
        ("Сценарий", "окт 2020", "250 %", "150 % и выше"),
        ("Сценарий", "ноя 2020", "150 %", "150 % и выше"),
    ]
    spec = charts.before_after_load(sides, ["окт 2020", "ноя 2020"]).to_dict()
    # One grid as wide as the page: the plan's rows above the scenario's, each side under a row naming it.
    rows = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert [row.replace(charts.SIDE_ROW, " / ") for row in rows] == [
        "План",
        "План / УО",
        "Сценарий",
        "Сценарий / УО",
    ]
    assert spec["width"] == "container"
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"] == {"domain": list(texts.LOAD_BANDS), "range": list(charts.LOAD_COLOURS)}
    against = {side: label.format(name="Весна") for side, label in texts.SIDES_VS.items()}
    named = scenario_blocks.load_sides(load, {"auth:uo": "УО"}, against)
    assert named["side"].unique(maintain_order=True).to_list() == ["«Весна»", "Этот сценарий"]


@pytest.mark.parametrize(
    ("view", "params"),
    [
        (View(as_of=date(2021, 3, 1), scenario="scn:abc"), {"on": "2021-03-01", "scn": "scn:abc"}),
        (View(as_of=date(2021, 3, 1)), {"on": "2021-03-01"}),
        (
            View(as_of=date(2021, 3, 1), scenario="scn:a", against="scn:b"),
            {"on": "2021-03-01", "scn": "scn:a", "vs": "scn:b"},
        ),
    ],
)
def test_the_saved_scenario_travels_in_the_link(view: View, params: dict[str, str]) -> None:
    assert params_of(view) == params
    assert view_from_params(params, date(2026, 1, 1)) == view


def test_starting_over_leaves_the_saved_scenario_and_its_link(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = _raise_imc_saved(open_app, writable_db)
    assert "scn" in at.query_params
    at.button(key="scenario.new").click().run()
    _clean(at)
    assert _operations(at) == []
    assert "scn" not in at.query_params
    assert [s.name for s in _saved(writable_db)] == ["ИМЦ усиливают"]


def test_after_a_conflict_the_colleagues_version_can_be_opened(
    open_app: AppFactory, writable_db: Path
) -> None:
    first = _open(open_app, db=writable_db)
    _set_capacity(first, UO_POLYSAEVO, 2.0)
    _save(first, "Полысаево", reason="штат УО сокращают")
    second = _open(open_app, db=writable_db, scn=first.query_params["scn"])
    _set_capacity(first, IMC_POLYSAEVO, 20.0)
    first.button(key="scenario.save").click().run()
    _set_capacity(second, IMC_POLYSAEVO, 30.0)
    second.text_input(key="scenario.author").input("Петров")
    second.button(key="scenario.save").click().run()
    assert len(second.error) == 1
    second.button(key="scenario.open_theirs").click().run()
    _clean(second)
    assert _operations(second) == [f"1. {CUT_UO}", f"2. {RAISE_IMC}"]
    assert any(c.value.startswith("Сохранённый сценарий «Полысаево»: версия 2") for c in second.caption)


# --- the comparison with another saved scenario -------------------------------------------------------


def _saved_directly(db: Path, name: str, *operations: dict[str, Any]) -> str:
    with open_store(db) as store:
        result = save_scenario(
            store,
            name=name,
            author="Петрова",
            operations=operations,
            base_version="",
            now=datetime(2021, 2, 1, 9, 0, tzinfo=UTC),
        )
    assert isinstance(result, Saved)
    return result.scenario.id


UO_CUT = {"kind": "set_capacity", "executor": UO_POLYSAEVO, "capacity": 2.0}
# Against «УО без штата» (УО cut to 2), the scenario that also raises ИМЦ to 20 differs only in ИМЦ: its
# 6–10 activities a month against 4 (150–250 %) go against 20, every month of the year.
IMC_RELIEVED_VS_CUT = [
    ("ИМЦ (Полысаевский городской округ)", "сен 2020", 150, 30, "перестаёт быть перегружен"),
    ("ИМЦ (Полысаевский городской округ)", "окт 2020", 225, 45, "перестаёт быть перегружен"),
    ("ИМЦ (Полысаевский городской округ)", "ноя 2020", 250, 50, "перестаёт быть перегружен"),
]


def test_the_scenario_is_compared_with_another_saved_scenario_chosen_on_the_page(
    open_app: AppFactory, writable_db: Path
) -> None:
    cut = _saved_directly(writable_db, "УО без штата", UO_CUT)
    at = _open(open_app, db=writable_db)
    assert at.selectbox(key="scenario.against").value == NONE
    assert at.selectbox(key="scenario.against").options == [texts.AGAINST_PLAN, _option_of(writable_db, cut)]
    _set_capacity(at, UO_POLYSAEVO, 2.0)
    _set_capacity(at, IMC_POLYSAEVO, 20.0)
    against_plan = _figures(at)
    at.selectbox(key="scenario.against").select(cut).run()
    _clean(at)
    assert at.query_params["vs"] == cut
    assert texts.COMPARISON_VS.format(name="УО без штата") in [h.value for h in at.subheader]
    figures = _figures(at)
    assert {name: figures[label] for name, label in texts.SUMMARY.items() if figures[label] != "0"} == {
        "executors": "1",
        "relieved": "1",
    }
    assert figures != against_plan
    shown = frame_of(at, "scenario.overload")
    headers = texts.columns_vs("УО без штата")
    columns = [texts.COLUMNS["executor_name"], texts.COLUMNS["month_name"]]
    columns += [headers["percent_before"], headers["percent_after"], texts.COLUMNS["change_name"]]
    rows = [tuple(row) for row in shown[columns].itertuples(index=False)]
    assert (rows[:3], len(rows)) == (IMC_RELIEVED_VS_CUT, 12)
    # Headed by the scenario compared with, the loads stay numbers shown as «150 %»: a click sorts by value.
    formats = column_formats(at, "scenario.overload")
    assert (formats[headers["percent_before"]], formats[headers["percent_after"]]) == ("%d %%", "%d %%")
    assert shown[headers["percent_after"]].dtype.kind in "iuf"
    # The saving still asks for a reason: against the plan, the scenario overloads УО.
    assert texts.REASON_NEEDED in [w.value for w in at.warning]


def _option_of(db: Path, scenario_id: str) -> str:
    [saved] = [s for s in _saved(db) if s.id == scenario_id]
    return scenario_blocks.saved_option(saved)


def test_a_link_names_both_scenarios_and_opens_the_same_comparison(
    open_app: AppFactory, writable_db: Path
) -> None:
    cut = _saved_directly(writable_db, "УО без штата", UO_CUT)
    both = _saved_directly(
        writable_db,
        "УО без штата, ИМЦ усилен",
        UO_CUT,
        {"kind": "set_capacity", "executor": IMC_POLYSAEVO, "capacity": 20.0},
    )
    at = _open(open_app, db=writable_db, scn=both, vs=cut)
    assert at.selectbox(key="scenario.against").value == cut
    assert (at.query_params["scn"], at.query_params["vs"]) == (both, cut)
    assert _operations(at) == [f"1. {CUT_UO}", f"2. {RAISE_IMC}"]
    assert _figures(at)[texts.SUMMARY["relieved"]] == "1"
    at.selectbox(key="scenario.against").select(NONE).run()
    _clean(at)
    assert "vs" not in at.query_params
    assert texts.COMPARISON in [h.value for h in at.subheader]
    assert _figures(at)[texts.SUMMARY["overloaded"]] == "1"


def test_a_link_to_a_scenario_to_compare_with_that_is_gone_says_so_and_compares_with_the_plan(
    open_app: AppFactory,
) -> None:
    at = _open(open_app, vs="scn:gone")
    assert texts.AGAINST_MISSING in [w.value for w in at.warning]
    assert "vs" not in at.query_params
    assert texts.NO_COMPARISON in [i.value for i in at.info]


def test_the_minutes_say_which_saved_scenario_they_compare_with(
    sample: data.Snapshot, writable_db: Path
) -> None:
    cut = _saved_directly(writable_db, "УО без штата", UO_CUT)
    [saved] = [s for s in _saved(writable_db) if s.id == cut]
    base = baseline_state(sample.G, sample.overrides)
    other = Scenario("УО без штата").push(SetCapacity(UO_POLYSAEVO, 2.0))
    scenario = other.push(SetCapacity(IMC_POLYSAEVO, 20.0))
    applied, before = apply_scenario(base, scenario), apply_scenario(base, other)
    outcome = scenario_data.Outcome(
        scenario.active, applied.state, applied.issues, compare(base, applied.state), {}
    )
    versus = scenario_blocks.Versus(saved, other)
    form = scenario_blocks.SaveForm("Полысаево весной", "Иванова", "", None)
    comparison = compare(before.state, applied.state)
    minutes = scenario_blocks.minutes_of_draft(sample, Draft(scenario), outcome, form, comparison, versus)
    plain = scenario_blocks.minutes_of_draft(sample, Draft(scenario), outcome, form)
    # Saved at 09:00 UTC; outside a browser that names its time zone, the minutes say Moscow's time.
    assert saved.changed_at == datetime(2021, 2, 1, 9, 0, tzinfo=UTC)
    assert minutes.against == "сохранённый сценарий «УО без штата» (версия 1, изменён 01.02.2021 12:00)"
    assert (minutes.comparison.summary()["overloaded"], plain.comparison.summary()["overloaded"]) == (0, 1)
    assert minutes.needs_reason and plain.needs_reason
    assert minutes.document_id != plain.document_id
    assert "С чем сравнивается</th><td>сохранённый сценарий «УО без штата»" in minutes_html(minutes)
    # The reader sees what the other scenario does, by names, not only what it is called.
    assert minutes.against_descriptions == ("Установить мощность «УО»: 2 мероприятия в месяц",)
    assert plain.against_descriptions == ()


# --- a workplace that may only read -------------------------------------------------------------------


def test_a_read_only_workplace_tries_and_exports_scenarios_but_saves_nothing(
    open_app: AppFactory, writable_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(data.READONLY_ENV, "1")
    kept = _saved_directly(writable_db, "УО без штата", UO_CUT)
    at = _open(open_app, db=writable_db)
    _set_capacity(at, IMC_POLYSAEVO, 20.0)
    _clean(at)
    assert _operations(at) == [f"1. {RAISE_IMC}"]
    assert texts.SCENARIO_READONLY in [i.value for i in at.info]
    disabled = {k: at.button(key=k).disabled for k in ("scenario.save", "scenario.save_as_new")}
    disabled |= {
        k: at.button(key=k).disabled for k in ("scenario.copy", "scenario.delete", "scenario.rename")
    }
    assert disabled == dict.fromkeys(disabled, True)
    assert at.text_input(key="scenario.rename_to").disabled
    assert not at.button(key="scenario.open").disabled
    minutes = [b for b in at.get("download_button") if b.key.startswith("scenario.minutes")]
    assert [b.proto.disabled for b in minutes] == [False, False]
    assert [(s.id, s.name, s.version) for s in _saved(writable_db)] == [(kept, "УО без штата", 1)]


def test_the_page_starts_scenarios_from_the_same_plan_as_the_graph_alone_gives(sample: data.Snapshot) -> None:
    page = scenario_data.baseline(sample)
    alone = baseline_state(sample.G, sample.overrides)
    assert page.baseline.assignments.equals(alone.baseline.assignments)
    # The page's baseline is made from what the snapshot read from the graph: the same as the graph gives.
    for made, read in [
        (page.baseline.tables.entities, alone.baseline.tables.entities),
        (page.baseline.tables.activities, alone.baseline.tables.activities),
        (page.baseline.tables.responsible, alone.baseline.tables.responsible),
        (page.baseline.structure, alone.baseline.structure),
        (page.baseline.roadmaps, alone.baseline.roadmaps),
    ]:
        assert made.equals(read)
    assert page.baseline.structure.height > 0
    assert page.baseline.assignments.height == 621
    plan = Scenario().push(SetCapacity(IMC_POLYSAEVO, 1.0))
    shown, expected = apply_scenario(page, plan).state, apply_scenario(alone, plan).state
    on_page, by_model = compare(page, shown), compare(alone, expected)
    assert on_page.summary() == by_model.summary()
    assert on_page.load.drop("name").equals(by_model.load.drop("name"))
    # The page names executors as its other pages do; the model alone, by their own names.
    assert on_page.names[IMC_POLYSAEVO] == "ИМЦ (Полысаевский городской округ)"
    assert by_model.names[IMC_POLYSAEVO] == "МБОУ ДПО «ИМЦ»"
