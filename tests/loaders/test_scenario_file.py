"""Scenario files: reading, writing, names for ids, and running one against a store built from real files."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from loaders_support import IMC, RM, RMO, S35, S44, UO

from loaders.__main__ import main
from loaders.scenario_file import (
    baseline_of_store,
    comparison_text,
    parse_scenario_file,
    read_scenario_file,
    resolve_names,
    run_scenario_file,
    scenario_of_saved,
    write_scenario_file,
)
from loaders.scenario_store import Saved, get_scenario, save_scenario
from loaders.store import open_store
from model.entities import Institute, InstituteKind, Territory, TerritoryLevel
from model.graph import build_graph
from model.scenario import (
    DropActivity,
    ListSchool,
    Reassign,
    Scenario,
    SetCapacity,
    ShiftDeadline,
    baseline_state,
    operations_json,
)

SCENARIO_FILE = {
    "name": "ИМЦ передаёт семинары РМО",
    "author": "Гутник И.С.",
    "as_of": "2020-11-01",
    "months": {"from": "2020-10", "to": "2020-11"},
    "operations": [
        {
            "kind": "reassign",
            "from_executor": "МБОУ ДПО «Информационно-методический центр»",
            "to_executor": "Районное методическое объединение учителей математики",
            "activities": [f"{RM}#3", f"{RM}#6"],
        },
        {"kind": "shift_deadline", "activities": [f"{RM}#4"], "months": 5},
        {"kind": "unlist_school", "school": "МБОУ «Школа № 44»", "year": 2020},
    ],
}


def load(executor, name, month, before, after, due_before, due_after, capacity, ratio_before, ratio_after):
    return {
        "executor": executor,
        "name": name,
        "month": month,
        "active_before": before,
        "active_after": after,
        "active_delta": after - before,
        "due_before": due_before,
        "due_after": due_after,
        "due_delta": due_after - due_before,
        "capacity_before": capacity,
        "capacity_after": capacity,
        "ratio_before": ratio_before,
        "ratio_after": ratio_after,
    }


def chain(activity, name, executors, superiors):
    return {
        "activity": activity,
        "name": name,
        "executors_before": executors[0],
        "executors_after": executors[1],
        "coordinators_before": [],
        "coordinators_after": [],
        "superiors_before": superiors[0],
        "superiors_after": superiors[1],
        "broken_before": False,
        "broken_after": False,
    }


IMC_NAME = "МБОУ ДПО «Информационно-методический центр»"
RMO_NAME = "Районное методическое объединение учителей математики"

EXPECTED = {
    "ok": True,
    "scenario": {
        "name": "ИМЦ передаёт семинары РМО",
        "author": "Гутник И.С.",
        "reason": "",
        "cursor": 3,
        "operations": [
            {
                "kind": "reassign",
                "from_executor": IMC,
                "to_executor": RMO,
                "activities": [f"{RM}#3", f"{RM}#6"],
                "start": None,
                "end": None,
                "split": False,
            },
            {"kind": "shift_deadline", "activities": [f"{RM}#4"], "months": 5, "to": None},
            {"kind": "unlist_school", "school": S44, "year": 2020},
        ],
        "descriptions": [
            f"Передать 2 мероприятия от «{IMC_NAME}» к «{RMO_NAME}»",
            "Сдвинуть срок мероприятия «3. Методический десант» на 5 мес. позже",
            "Исключить «МБОУ «Школа № 44»» из списка на 2020/21 учебный год",
        ],
    },
    "against": None,
    "issues": [],
    "as_of": "2020-11-01",
    "months": ["2020-10-01", "2020-11-01"],
    "needs_reason": False,
    "summary": {
        "executors": 3,
        "overloaded": 0,
        "relieved": 1,
        "worse": 0,
        "deadlines_moved": 1,
        "activities_added": 0,
        "activities_dropped": 0,
        "chains_changed": 3,
        "chains_broken": 0,
        "schools_burdened": 0,
    },
    "load": [
        load(IMC, IMC_NAME, "2020-10-01", 4.0, 2.0, 4.0, 2.0, 3.0, 1.3333, 0.6667),
        load(IMC, IMC_NAME, "2020-11-01", 1.0, 0.0, 1.0, 0.0, 3.0, 0.3333, 0.0),
        load(RMO, RMO_NAME, "2020-10-01", 1.0, 1.0, 1.0, 1.0, 6.0, 0.1667, 0.1667),
        load(RMO, RMO_NAME, "2020-11-01", 0.0, 1.0, 0.0, 1.0, 6.0, 0.0, 0.1667),
        load(S44, "МБОУ «Школа № 44»", "2020-10-01", 1.0, 0.0, 0.0, 0.0, 8.0, 0.125, 0.0),
        load(S44, "МБОУ «Школа № 44»", "2020-11-01", 1.0, 0.0, 1.0, 0.0, 8.0, 0.125, 0.0),
    ],
    "overload": [
        {
            "executor": IMC,
            "name": IMC_NAME,
            "month": "2020-10-01",
            "ratio_before": 1.3333,
            "ratio_after": 0.6667,
            "change": "relieved",
        }
    ],
    "deadlines": [
        {
            "activity": f"{RM}#4",
            "name": "3. Методический десант",
            "change": "moved",
            "start_before": "2020-10-01",
            "end_before": "2020-10-31",
            "start_after": "2021-03-01",
            "end_after": "2021-03-31",
            "windows_before": 1,
            "windows_after": 1,
            "in_past": False,
        }
    ],
    "chains": [
        chain(f"{RM}#3", "2. Семинар для учителей математики", ([IMC, RMO], [RMO]), ([UO, IMC], [IMC])),
        chain(f"{RM}#6", "5. Семинар для директоров", ([IMC], [RMO]), ([UO], [IMC])),
        chain(f"{RM}#7", "6. Анкетирование педагогов", ([S35, S44], [S35]), ([UO], [UO])),
    ],
    "schools": [],
    "undated": [],
    "names": {
        UO: "Управление образования Полысаевского городского округа",
        IMC: IMC_NAME,
        RMO: RMO_NAME,
        f"{RM}#3": "2. Семинар для учителей математики",
        f"{RM}#4": "3. Методический десант",
        f"{RM}#6": "5. Семинар для директоров",
        f"{RM}#7": "6. Анкетирование педагогов",
        S35: "МБОУ «Школа № 35»",
        S44: "МБОУ «Школа № 44»",
    },
}


def test_a_scenario_file_run_against_a_store_gives_the_comparison_json(store_path, tmp_path) -> None:
    path = tmp_path / "семинары.json"
    path.write_text(json.dumps(SCENARIO_FILE, ensure_ascii=False), encoding="utf-8")
    result = run_scenario_file(store_path, path)
    assert result.pop("data_version").endswith("-2")
    assert result == EXPECTED
    json.dumps(result)


def test_a_scenario_file_runs_against_an_open_store_too(store_path, tmp_path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SCENARIO_FILE, ensure_ascii=False), encoding="utf-8")
    with open_store(store_path) as store:
        result = run_scenario_file(store, path)
    assert result["summary"] == EXPECTED["summary"]


def test_a_scenario_without_as_of_is_seen_on_the_day_given(store_path, tmp_path) -> None:
    data = {"operations": [{"kind": "shift_deadline", "activities": [f"{RM}#4"], "to": "2020-10-10"}]}
    path = tmp_path / "перенос.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run_scenario_file(store_path, path, today=date(2020, 11, 1))
    assert result["as_of"] == "2020-11-01"
    assert result["scenario"]["name"] == "перенос"
    assert [(d["end_after"], d["in_past"]) for d in result["deadlines"]] == [("2020-10-10", True)]


def test_problems_in_a_scenario_file_come_back_as_issues_with_the_operation_number(
    store_path, tmp_path
) -> None:
    data = {
        "operations": [
            {"kind": "drop_activity", "activity": f"{RM}#99"},
            {"kind": "fly"},
            {"kind": "set_capacity", "executor": IMC, "capacity": 1},
        ],
        "months": "осень",
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run_scenario_file(store_path, path, today=date(2020, 11, 1))
    assert [(i["code"], i["file"], i["row"]) for i in result["issues"]] == [
        ("scenario-bad-months", "bad.json", None),
        ("scenario-unknown-activity", "bad.json", 1),
        ("scenario-bad-operation", "bad.json", 2),
    ]
    assert result["ok"] is False
    assert result["needs_reason"] is True


@pytest.mark.parametrize("capacity", [0, -3])
def test_a_capacity_of_zero_or_less_in_a_scenario_file_is_reported_and_not_applied(
    store_path, tmp_path, capacity
) -> None:
    data = {"operations": [{"kind": "set_capacity", "executor": IMC, "capacity": capacity}]}
    path = tmp_path / "ноль.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run_scenario_file(store_path, path, today=date(2020, 11, 1))
    assert [(i["code"], i["row"], i["column"]) for i in result["issues"]] == [
        ("scenario-bad-capacity", 1, "capacity")
    ]
    assert f"не {capacity}" in result["issues"][0]["message"]
    assert result["ok"] is False
    assert result["load"] == []


@pytest.mark.parametrize("text", ["{not json", "", "[1, 2]"])
def test_an_unreadable_scenario_file_yields_an_issue_not_an_exception(tmp_path, text) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    found = read_scenario_file(path)
    assert found.scenario.operations == ()
    assert [i.code for i in found.issues] in (["scenario-bad-file"],)


def test_a_missing_scenario_file_yields_an_issue(tmp_path) -> None:
    found = read_scenario_file(tmp_path / "нет.json")
    assert [(i.code, i.file) for i in found.issues] == [("scenario-bad-file", "нет.json")]


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (["2020-10", "2020-12-15", "2020-10-03"], (date(2020, 10, 1), date(2020, 12, 1))),
        ({"from": "2020-11", "to": "2021-01"}, (date(2020, 11, 1), date(2020, 12, 1), date(2021, 1, 1))),
        (None, None),
    ],
)
def test_months_are_a_list_or_a_range(months, expected) -> None:
    assert parse_scenario_file({"operations": [], "months": months}).months == expected


def test_a_written_scenario_file_reads_back_the_same(tmp_path) -> None:
    scenario = Scenario(
        "Весна",
        (
            Reassign(IMC, RMO, (f"{RM}#3",)),
            ShiftDeadline((f"{RM}#4",), to=date(2021, 4, 30)),
            SetCapacity(IMC, 5),
        ),
        cursor=2,
    )
    path = tmp_path / "весна.json"
    write_scenario_file(
        path,
        scenario,
        author="Гутник И.С.",
        reason="семинары весной",
        months=[date(2020, 10, 1)],
        as_of=date(2020, 11, 1),
    )
    found = read_scenario_file(path)
    assert (found.scenario, found.author, found.reason, found.months, found.as_of, found.issues) == (
        scenario,
        "Гутник И.С.",
        "семинары весной",
        (date(2020, 10, 1),),
        date(2020, 11, 1),
        (),
    )
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "karta-scenario"


def test_exact_unique_names_become_ids(store_path) -> None:
    with open_store(store_path) as store:
        state = baseline_of_store(store).state
    scenario = Scenario(
        "x",
        (
            ListSchool("МБОУ «Школа № 35»", 2021),
            Reassign("  мбоу дпо «информационно-методический центр» ", UO),
        ),
    )
    resolved, issues = resolve_names(state, scenario)
    assert resolved.operations == (ListSchool(S35, 2021), Reassign(IMC, UO))
    assert issues == []


def test_a_name_two_bodies_share_is_reported_and_left_as_written() -> None:
    ter = Territory("ter:a", "Полысаево", TerritoryLevel.MUNICIPALITY)
    other = Territory("ter:b", "Ленинск", TerritoryLevel.MUNICIPALITY)
    twins = [
        Institute(f"inst:{t.id}/imc", "ИМЦ", InstituteKind.METHODICAL_CENTRE, t.id) for t in (ter, other)
    ]
    G, _ = build_graph([ter, other, *twins], [])
    scenario = Scenario("x", (SetCapacity("ИМЦ", 3),))
    resolved, issues = resolve_names(baseline_state(G), scenario, "s.json")
    assert resolved == scenario
    assert [(i.code, i.file) for i in issues] == [("scenario-ambiguous-name", "s.json")]
    assert "inst:ter:a/imc, inst:ter:b/imc" in issues[0].message


def test_a_saved_scenario_opens_again_with_the_same_operations(store_path) -> None:
    scenario = Scenario("Весна", (Reassign(IMC, RMO, (f"{RM}#3",)), DropActivity(f"{RM}#8")))
    with open_store(store_path) as store:
        saved = save_scenario(
            store,
            name=scenario.name,
            author="Гутник И.С.",
            operations=operations_json(scenario),
            base_version="v",
            now=datetime(2020, 11, 1, 10, 0),
        )
        assert isinstance(saved, Saved)
        again = get_scenario(store, saved.scenario.id)
    assert again is not None
    assert scenario_of_saved(again) == (scenario, [])


def test_the_comparison_reads_as_text_for_the_terminal(store_path, tmp_path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SCENARIO_FILE, ensure_ascii=False), encoding="utf-8")
    text = comparison_text(run_scenario_file(store_path, path))
    assert text.splitlines()[:5] == [
        "Сценарий «ИМЦ передаёт семинары РМО»",
        "По состоянию на 01.11.2020",
        f"  1. Передать 2 мероприятия от «{IMC_NAME}» к «{RMO_NAME}»",
        "  2. Сдвинуть срок мероприятия «3. Методический десант» на 5 мес. позже",
        "  3. Исключить «МБОУ «Школа № 44»» из списка на 2020/21 учебный год",
    ]
    assert f"  {IMC_NAME}, 10.2020: перестаёт быть перегружен (133 % → 67 %)" in text
    assert (
        "  Исполнители «6. Анкетирование педагогов»: МБОУ «Школа № 35», МБОУ «Школа № 44» → МБОУ «Школа № 35»"
        in text
    )


# --- against another scenario, from the command line ---------------------------------------------------

HANDOVER_ONLY = {
    "name": "ИМЦ передаёт семинары",
    "operations": SCENARIO_FILE["operations"][:1],
}


def _write(path, data) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["scenario", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_command_line_compares_a_scenario_file_with_another_file(store_path, tmp_path, capsys) -> None:
    this = _write(tmp_path / "семинары.json", SCENARIO_FILE)
    other = _write(tmp_path / "передача.json", HANDOVER_ONLY)
    status, out, err = _cli(capsys, this, "--db", str(store_path), "--json", "--against", other)
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert result["against"] == {
        "source": "file",
        "ref": "передача.json",
        "version": 0,
        "name": "ИМЦ передаёт семинары",
        "author": "",
        "reason": "",
        "cursor": 1,
        "operations": EXPECTED["scenario"]["operations"][:1],
        "descriptions": EXPECTED["scenario"]["descriptions"][:1],
    }
    assert result["scenario"] == EXPECTED["scenario"]
    # Both hand the seminars over: what differs is the moved deadline and the school taken off the list.
    assert result["summary"] == {
        "executors": 2,
        "overloaded": 0,
        "relieved": 0,
        "worse": 0,
        "deadlines_moved": 1,
        "activities_added": 0,
        "activities_dropped": 0,
        "chains_changed": 1,
        "chains_broken": 0,
        "schools_burdened": 0,
    }
    assert [(r["name"], r["month"], r["active_before"], r["active_after"]) for r in result["load"]] == [
        (IMC_NAME, "2020-10-01", 3.0, 2.0),
        ("МБОУ «Школа № 44»", "2020-10-01", 1.0, 0.0),
        ("МБОУ «Школа № 44»", "2020-11-01", 1.0, 0.0),
    ]
    assert result["deadlines"] == EXPECTED["deadlines"]
    assert result["chains"] == EXPECTED["chains"][2:]
    assert result["overload"] == []
    assert result["needs_reason"] is False


def test_the_command_line_compares_with_a_saved_scenario_by_its_id(store_path, tmp_path, capsys) -> None:
    with open_store(store_path) as store:
        saved = save_scenario(
            store,
            name="Передача",
            author="Гутник И.С.",
            operations=EXPECTED["scenario"]["operations"][:1],
            base_version="v",
            now=datetime(2020, 11, 1, 10, 0),
        )
    assert isinstance(saved, Saved)
    this = _write(tmp_path / "семинары.json", SCENARIO_FILE)
    status, out, err = _cli(capsys, this, "--db", str(store_path), "--against", saved.scenario.id)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[5:7] == [
        "Сравнение со сценарием «Передача» (сохранённый, версия 1):",
        f"  1. Передать 2 мероприятия от «{IMC_NAME}» к «{RMO_NAME}»",
    ]
    assert lines[7].startswith("Итог: затронуто исполнителей 2; становятся перегружены 0, ")
    with_json = json.loads(
        _cli(capsys, this, "--db", str(store_path), "--json", "--against", saved.scenario.id)[1]
    )
    assert (with_json["against"]["source"], with_json["against"]["ref"]) == ("saved", saved.scenario.id)
    assert with_json["summary"]["deadlines_moved"] == 1


def test_the_command_line_compares_with_the_plan_by_default(store_path, tmp_path, capsys) -> None:
    this = _write(tmp_path / "семинары.json", SCENARIO_FILE)
    status, out, _ = _cli(capsys, this, "--db", str(store_path))
    assert status == 0
    assert out.splitlines()[5] == "Сравнение с планом (как в данных)"


def test_a_scenario_to_compare_with_that_is_nowhere_stops_the_command(store_path, tmp_path, capsys) -> None:
    this = _write(tmp_path / "семинары.json", SCENARIO_FILE)
    status, out, err = _cli(capsys, this, "--db", str(store_path), "--against", "scn:нет")
    assert (status, out) == (2, "")
    assert err.startswith("Сценарий для сравнения не найден: scn:нет")


def test_problems_of_the_scenario_compared_with_name_its_file(store_path, tmp_path, capsys) -> None:
    this = _write(tmp_path / "семинары.json", SCENARIO_FILE)
    other = _write(
        tmp_path / "старый.json", {"operations": [{"kind": "drop_activity", "activity": f"{RM}#99"}]}
    )
    status, out, _ = _cli(capsys, this, "--db", str(store_path), "--json", "--against", other)
    result = json.loads(out)
    assert [(i["code"], i["file"], i["row"]) for i in result["issues"]] == [
        ("scenario-unknown-activity", "старый.json", 1)
    ]
    assert (status, result["ok"]) == (0, True)


def test_a_hand_over_that_splits_reads_as_parts_handed_over_in_the_terminal(
    store_path, tmp_path, capsys
) -> None:
    # ИМЦ gives РМО the second half of October and the first half of November: every one of its
    # activities runs outside those days too, so each is cut and only its days in the period move.
    handover = {
        "kind": "reassign",
        "from_executor": IMC,
        "to_executor": RMO,
        "start": "2020-10-16",
        "end": "2020-11-15",
        "split": True,
    }
    this = _write(tmp_path / "полмесяца.json", {"name": "Половина месяца", "operations": [handover]})
    status, out, err = _cli(capsys, this, "--db", str(store_path))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[2] == (
        f"  1. Передать работу «{IMC_NAME}» в периоде 16.10.2020 – 15.11.2020 исполнителю «{RMO_NAME}»; "
        "мероприятия, идущие и вне периода, делятся по его границам"
    )
    assert "сдвинуто сроков 0" in out
    parts = [line for line in lines if line.startswith("  Срок")]
    assert parts[0] == (
        "  Срок «1. Консультации для педагогов ШНОР (часть 16.10.2020–31.10.2020)» (часть передана другому "
        "исполнителю): — … — → 2020-10-16 … 2020-10-31"
    )
    assert len(parts) == 5
    assert parts[-1].endswith("(часть передана другому исполнителю): — … — → 2020-11-01 … 2020-11-15")
