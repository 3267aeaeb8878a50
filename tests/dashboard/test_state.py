"""The view and its URL: a pasted link reproduces the view, nonsense in it is dropped and named on the page,
a click moves it."""

from __future__ import annotations

from datetime import date

import pytest
from dashboard_support import IMC_POLYSAEVO, KUZBASS, POLYSAEVO, SCHOOL_35, AppFactory
from streamlit.testing.v1 import AppTest

from dashboard import texts
from dashboard.state import View, apply_pick, params_of, unused_in_link, view_from_params
from dashboard.widgets import NONE

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "view",
    [
        View(as_of=date(2021, 3, 1)),
        View(as_of=date(2021, 3, 1), territory=KUZBASS, show="overdue"),
        View(as_of=date(2020, 10, 1), territory=POLYSAEVO, school=SCHOOL_35, executor=IMC_POLYSAEVO),
        View(as_of=date(2020, 10, 1), month="2020-12", measure="due", levels=("municipality", "school")),
        View(as_of=date(2020, 10, 1), area=POLYSAEVO, area_month="2021-01", kinds=("institute",)),
        View(as_of=date(2020, 10, 1), subject="executor", activity="rm:x/1#12"),
    ],
)
def test_a_view_round_trips_through_its_query_parameters(view: View) -> None:
    assert view_from_params(params_of(view), TODAY) == view


def test_the_date_is_always_in_the_link_and_defaults_fall_out_of_it() -> None:
    assert params_of(View(as_of=date(2021, 3, 1), measure="active", subject="activity")) == {
        "on": "2021-03-01"
    }


def test_a_link_without_a_date_is_as_of_today() -> None:
    assert view_from_params({"ter": KUZBASS}, TODAY) == View(as_of=TODAY, territory=KUZBASS)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"on": "1 марта"}, View(as_of=TODAY)),
        ({"month": "2020-13"}, View(as_of=TODAY)),
        ({"measure": "всё", "subject": "кто"}, View(as_of=TODAY)),
        ({"show": "everything"}, View(as_of=TODAY)),
        ({"level": "school,,school, region"}, View(as_of=TODAY, levels=("school", "region"))),
        ({"ter": ["ter:a", "ter:b"]}, View(as_of=TODAY, territory="ter:b")),
        ({"exec": "  "}, View(as_of=TODAY)),
    ],
)
def test_nonsense_in_a_link_is_ignored(params: dict[str, str | list[str]], expected: View) -> None:
    assert view_from_params(params, TODAY) == expected


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([{"executor": "inst:imc", "month_key": "2020-10"}], View(executor="inst:imc", month="2020-10")),
        (
            [{"executor": "inst:a", "month_key": "2020-10"}, {"executor": "inst:b"}],
            View(executor="inst:a", month="2020-10"),
        ),
        ([], View(executor=None, month=None)),
        ([{"other": 1}], View(executor=None, month=None)),
    ],
)
def test_a_click_on_a_cell_moves_the_view_to_the_cell(
    points: list[dict[str, object]], expected: View
) -> None:
    before = View(executor="inst:old", month="2019-01")
    assert apply_pick(before, points, {"executor": "executor", "month_key": "month"}) == expected


def test_a_click_keeps_what_it_does_not_name() -> None:
    before = View(as_of=date(2021, 3, 1), territory=KUZBASS, show="overdue")
    after = apply_pick(before, [{"unit": POLYSAEVO}], {"unit": "territory"})
    assert after == View(as_of=date(2021, 3, 1), territory=POLYSAEVO, show="overdue")


def test_query_parameters_round_trip_through_the_app(open_app: AppFactory) -> None:
    params = {
        "ter": POLYSAEVO,
        "exec": IMC_POLYSAEVO,
        "level": "municipality,school",
        "kind": "institute,school",
    }
    at = open_app("nagruzka", **params)
    assert at.query_params == {"on": "2021-03-01", **params}
    assert at.pills(key="workload.levels").value == ["municipality", "school"]
    assert at.selectbox(key="workload.executor").value == IMC_POLYSAEVO


def test_a_link_naming_what_does_not_exist_is_cleaned_by_the_app(open_app: AppFactory) -> None:
    at = open_app("sroki", ter="ter:nowhere", exec="inst:nobody", month="1999-12", measure="due")
    assert at.query_params == {"on": "2021-03-01", "measure": "due"}
    assert at.selectbox(key="scope.region").value == NONE


def test_the_date_set_on_the_page_goes_into_the_link(open_app: AppFactory) -> None:
    at = open_app("obzor")
    at.date_input(key="scope.as_of").set_value(date(2020, 11, 15)).run()
    assert at.query_params["on"] == "2020-11-15"


# --- what a pasted link asked for and the page could not show ---------------------------------------------


@pytest.mark.parametrize(
    ("params", "shown", "unused"),
    [
        ({"on": "2021-03-01", "ter": KUZBASS}, View(as_of=date(2021, 3, 1), territory=KUZBASS), ()),
        ({"on": "2021-02-30"}, View(as_of=TODAY), ("as_of",)),
        ({"ter": "ter:atlantis"}, View(as_of=TODAY), ("territory",)),
        ({"ter": POLYSAEVO, "school": "school:x"}, View(as_of=TODAY, territory=POLYSAEVO), ("school",)),
        ({"exec": "inst:x", "month": "2020-13"}, View(as_of=TODAY), ("executor", "month")),
        ({"level": "region,school"}, View(as_of=TODAY, levels=("school", "region")), ()),
        ({"level": "school,moon"}, View(as_of=TODAY, levels=("school",)), ("levels",)),
        ({"measure": "всё", "subject": "executor"}, View(as_of=TODAY, subject="executor"), ("measure",)),
        ({"show": "everything"}, View(as_of=TODAY), ("show",)),
        ({"scn": "scn:gone", "vs": "scn:gone"}, View(as_of=TODAY), ()),
    ],
)
def test_a_link_names_what_the_page_could_not_show(
    params: dict[str, str], shown: View, unused: tuple[str, ...]
) -> None:
    assert unused_in_link(params, shown) == unused


def _warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def _link(open_app: AppFactory, page: str, **params: str) -> AppTest:
    """Open a link to a page as a colleague does: the page's first run reads it."""
    at = open_app("obzor")
    at.query_params.clear()
    at.query_params.update({"on": "2021-03-01", **params})
    return at.switch_page(f"app_pages/{page}.py").run()


def test_a_link_to_a_territory_not_in_the_data_says_all_regions_are_shown(open_app: AppFactory) -> None:
    at = open_app("obzor", ter="ter:atlantis")
    assert not at.exception
    assert _warnings(at) == [texts.LINK_UNUSED["territory"].format(shown="все регионы")]
    assert at.selectbox(key="scope.region").value == NONE


def test_a_link_with_a_date_that_is_no_date_says_so_with_the_rest_of_what_is_unused(
    open_app: AppFactory,
) -> None:
    at = open_app("obzor", on="2021-02-30", ter="ter:atlantis")
    today = f"{date.today():%d.%m.%Y}"
    assert _warnings(at) == [
        "\n".join(
            [
                texts.LINK_SEVERAL,
                "- " + texts.LINK_UNUSED["as_of"].format(shown=today),
                "- " + texts.LINK_UNUSED["territory"].format(shown="все регионы"),
            ]
        )
    ]
    assert at.query_params["on"] == date.today().isoformat()


@pytest.mark.parametrize(
    ("page", "params", "said"),
    [
        ("nagruzka", {"exec": "inst:nobody"}, [("executor", "исполнитель не выбран")]),
        ("nagruzka", {"level": "school,moon"}, [("levels", "школьный")]),
        ("sroki", {"ter": POLYSAEVO, "month": "1999-12"}, [("month", "месяц не выбран")]),
        ("sroki", {"measure": "всё"}, [("measure", "Идут в месяце")]),
        ("tsepochki", {"act": "rm:nowhere#1"}, [("activity", "мероприятие не выбрано")]),
        ("shkola", {"ter": POLYSAEVO, "school": "school:nowhere"}, [("school", "все школы")]),
        ("obzor", {"show": "everything"}, [("show", "список не открыт")]),
        ("obzor", {"exec": "nonsense"}, [("executor", "исполнитель не выбран")]),
        ("obzor", {"month": "2099-12"}, [("month", "месяц не выбран")]),
        ("obzor", {"month": "2099-99"}, [("month", "месяц не выбран")]),
        ("obzor", {"act": "rm:nowhere#1"}, [("activity", "мероприятие не выбрано")]),
        ("obzor", {"area": "ter:atlantis"}, [("area", "территория не выбрана")]),
        ("obzor", {"area_month": "1999-01"}, [("area_month", "месяц не выбран")]),
        ("obzor", {"level": "school,moon"}, [("levels", "школьный")]),
        ("obzor", {"kind": "moon"}, [("kinds", "все типы")]),
        ("shkola", {"ter": POLYSAEVO, "exec": "inst:nobody"}, [("executor", "исполнитель не выбран")]),
        ("nagruzka", {"act": "rm:nowhere#1"}, [("activity", "мероприятие не выбрано")]),
    ],
)
def test_a_link_tells_what_of_it_the_page_could_not_use_and_what_it_shows(
    open_app: AppFactory, page: str, params: dict[str, str], said: list[tuple[str, str]]
) -> None:
    at = _link(open_app, page, **params)
    assert not at.exception
    assert _warnings(at) == [texts.LINK_UNUSED[name].format(shown=shown) for name, shown in said]


def test_the_overview_keeps_quietly_what_of_a_link_belongs_to_other_pages(open_app: AppFactory) -> None:
    other_pages = {"exec": IMC_POLYSAEVO, "month": "2020-12", "measure": "due", "level": "municipality"}
    at = _link(open_app, "obzor", ter=POLYSAEVO, **other_pages)
    assert not at.exception
    assert _warnings(at) == []
    assert at.query_params == {"on": "2021-03-01", "ter": POLYSAEVO, **other_pages}
    at.switch_page("app_pages/sroki.py").run()
    assert at.selectbox(key="deadlines.executor").value == IMC_POLYSAEVO
    assert at.selectbox(key="deadlines.month").value == "2020-12"


def test_the_overview_names_every_value_of_a_link_that_is_nowhere_and_drops_it_from_the_link(
    open_app: AppFactory,
) -> None:
    at = _link(open_app, "obzor", ter=POLYSAEVO, exec="nonsense", month="2099-12", show="overdue")
    assert _warnings(at) == [
        "\n".join(
            [
                texts.LINK_SEVERAL,
                "- " + texts.LINK_UNUSED["executor"].format(shown="исполнитель не выбран"),
                "- " + texts.LINK_UNUSED["month"].format(shown="месяц не выбран"),
            ]
        )
    ]
    assert at.query_params == {"on": "2021-03-01", "ter": POLYSAEVO, "show": "overdue"}


def test_a_link_the_page_can_show_says_nothing(open_app: AppFactory) -> None:
    at = _link(open_app, "nagruzka", ter=POLYSAEVO, exec=IMC_POLYSAEVO, level="municipality,school")
    assert _warnings(at) == []
    assert at.selectbox(key="workload.executor").value == IMC_POLYSAEVO


def test_the_note_on_a_link_stays_until_the_user_changes_the_view(open_app: AppFactory) -> None:
    at = open_app("obzor", ter="ter:atlantis")
    note = _warnings(at)
    assert len(note) == 1
    assert _warnings(at.run()) == note
    at.selectbox(key="scope.region").select(KUZBASS).run()
    assert _warnings(at) == []
    assert _warnings(at.run()) == []
