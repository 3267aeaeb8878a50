"""Every page on the sample data through AppTest: it renders, and its key interactions work by widget key."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qsl

import polars as pl
import pytest
from dashboard_support import (
    IMC_POLYSAEVO,
    KUZBASS,
    NOVOKUZNETSK,
    POLYSAEVO,
    SAMPLE,
    SCHOOL_35,
    AppFactory,
    chart_keys,
    chart_rows,
    chart_spec,
    column_formats,
    frame_of,
)
from streamlit.testing.v1 import AppTest

from dashboard import charts, data, figures, texts, widgets
from dashboard.figures import Place
from loaders.store import capacity_overrides, list_imports, open_store
from model import queries

PAGES = ["obzor", "nagruzka", "sroki", "tsepochki", "shkola", "dannye", "stsenarii"]
FULL_VIEWS = {
    "obzor": {"ter": KUZBASS, "show": "overdue"},
    "nagruzka": {"ter": POLYSAEVO, "exec": IMC_POLYSAEVO},
    "sroki": {"ter": POLYSAEVO, "exec": IMC_POLYSAEVO, "month": "2020-12"},
    "tsepochki": {"ter": POLYSAEVO, "subject": "executor", "exec": IMC_POLYSAEVO},
    "shkola": {"school": SCHOOL_35},
    "dannye": {},
    "stsenarii": {"ter": POLYSAEVO},
}


def _clean(at: object) -> None:
    assert not at.exception, [e.value for e in at.exception]  # type: ignore[attr-defined]
    assert not at.error, [e.value for e in at.error]  # type: ignore[attr-defined]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_sample_data_without_an_error(open_app: AppFactory, page: str) -> None:
    at = open_app(page)
    _clean(at)
    assert at.header[0].value == texts.PAGE_TITLES[page]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opened_without_a_link_is_as_of_today(open_app: AppFactory, page: str) -> None:
    at = open_app(page, on="")
    _clean(at)
    assert at.query_params["on"] == date.today().isoformat()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_a_deep_view_from_its_link(open_app: AppFactory, page: str) -> None:
    at = open_app(page, **FULL_VIEWS[page])
    _clean(at)
    for param, value in FULL_VIEWS[page].items():
        assert at.query_params[param] == value


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_stray_line_of_its_source(open_app: AppFactory, page: str) -> None:
    at = open_app(page)
    _clean(at)
    assert [m.value for m in at.markdown if m.value and not re.search("[А-Яа-яЁё]", m.value)] == []


@pytest.mark.parametrize("page", ["obzor", "nagruzka", "sroki", "tsepochki", "shkola"])
def test_a_page_without_data_says_what_to_do(open_app: AppFactory, empty_db: Path, page: str) -> None:
    at = open_app(page, db=empty_db)
    _clean(at)
    assert at.info[0].value == texts.EMPTY_DB.format(path=empty_db.resolve())


def test_the_data_page_works_on_an_empty_database(open_app: AppFactory, empty_db: Path) -> None:
    at = open_app("dannye", db=empty_db)
    _clean(at)
    assert at.file_uploader(key="data.upload").label == texts.UPLOAD
    assert texts.NO_HISTORY in [c.value for c in at.caption]


def test_a_database_that_cannot_be_read_gives_a_russian_message_not_a_traceback(
    open_app: AppFactory, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database, it is a note about one" * 100)
    at = open_app("obzor", db=broken)
    assert not at.exception
    assert at.error[0].value.startswith(texts.STORE_ERROR.split("«")[0])


# --- Обзор ----------------------------------------------------------------------------------------------


def test_a_figure_opens_the_list_behind_it(open_app: AppFactory) -> None:
    at = open_app("obzor", ter=KUZBASS)
    overdue = int(at.metric[list(texts.FIGURES).index("overdue")].value)
    at.button(key="overview.show.overdue").click().run()
    _clean(at)
    assert len(frame_of(at, "overview.list")) == overdue
    assert at.query_params["show"] == "overdue"


def test_a_long_list_shows_its_first_rows_and_says_the_download_holds_them_all(
    open_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(widgets, "TABLE_ROWS", 5)
    at = open_app("obzor", ter=KUZBASS)
    listed = int(at.metric[list(texts.FIGURES).index("activities")].value)
    at.button(key="overview.show.activities").click().run()
    assert len(frame_of(at, "overview.list")) == 5
    assert texts.TABLE_CUT.format(shown=5, total=listed) in [c.value for c in at.caption]


def test_choosing_a_region_narrows_the_municipalities_and_goes_into_the_link(open_app: AppFactory) -> None:
    at = open_app("obzor")
    at.selectbox(key="scope.region").select(KUZBASS).run()
    _clean(at)
    assert at.query_params["ter"] == KUZBASS
    assert at.selectbox(key="scope.municipality").options == [
        texts.ALL_MUNICIPALITIES,
        "Новокузнецкий городской округ",
        "Полысаевский городской округ",
    ]
    assert "overview.bars." + KUZBASS in chart_keys(at)


def test_a_pasted_link_reproduces_the_drill_down(open_app: AppFactory) -> None:
    district = f"{NOVOKUZNETSK}/tsentralnyi-raion"
    at = open_app("obzor", ter=district)
    _clean(at)
    assert at.selectbox(key="scope.region").value == KUZBASS
    assert at.selectbox(key="scope.municipality").value == NOVOKUZNETSK
    assert at.selectbox(key="scope.district").value == district
    assert at.date_input(key="scope.as_of").value.isoformat() == "2021-03-01"
    assert at.query_params == {"on": "2021-03-01", "ter": district}


def test_the_view_survives_a_switch_to_another_page(open_app: AppFactory) -> None:
    at = open_app("obzor")
    at.selectbox(key="scope.region").select(KUZBASS).run()
    at.selectbox(key="scope.municipality").select(POLYSAEVO).run()
    at.switch_page("app_pages/nagruzka.py").run()
    _clean(at)
    assert at.selectbox(key="scope.municipality").value == POLYSAEVO
    assert at.query_params["ter"] == POLYSAEVO


def test_a_school_of_the_overview_links_its_card_with_the_whole_view(open_app: AppFactory) -> None:
    at = open_app("obzor", ter=POLYSAEVO, show="overdue")
    links = {link.proto.label: link.proto for link in at.get("page_link")}
    card = links["МБОУ «Школа № 35»"]
    assert card.page == "shkola"
    link = dict(parse_qsl(card.query_string))
    assert link == {"on": "2021-03-01", "ter": POLYSAEVO, "school": SCHOOL_35, "show": "overdue"}
    at.query_params.clear()
    at.query_params.update(link)
    at.switch_page("app_pages/shkola.py").run()
    _clean(at)
    assert at.header[0].value == texts.PAGE_TITLES["shkola"]
    assert at.subheader[0].value == "Карточка школы: МБОУ «Школа № 35»"


# --- Нагрузка -------------------------------------------------------------------------------------------


def test_workload_shows_one_executors_months_and_who_loads_it(
    open_app: AppFactory, sample: data.Snapshot
) -> None:
    at = open_app("nagruzka", ter=POLYSAEVO)
    at.selectbox(key="workload.executor").select(IMC_POLYSAEVO).run()
    _clean(at)
    assert "workload.months" in chart_keys(at)
    issuers = frame_of(at, "workload.issuers")
    assert (
        list(issuers[texts.COLUMNS["activities"]])
        == figures.issuers_loading(sample, IMC_POLYSAEVO)["activities"].to_list()
    )
    assert at.query_params["exec"] == IMC_POLYSAEVO


def test_workload_filters_executors_by_kind(open_app: AppFactory) -> None:
    at = open_app("nagruzka", ter=KUZBASS)
    at.pills(key="workload.kinds").set_value(["school"]).run()
    _clean(at)
    ranked = frame_of(at, "workload.table")
    assert set(ranked[texts.COLUMNS["kind_name"]]) == {texts.EXECUTOR_KINDS["school"]}
    assert at.query_params["kind"] == "school"


def test_workload_labels_the_peak_with_how_far_over_capacity_as_a_number_that_sorts(
    open_app: AppFactory, sample: data.Snapshot
) -> None:
    at = open_app("nagruzka", ter=POLYSAEVO)
    ranked = frame_of(at, "workload.table")
    expected = figures.ranking(sample, Place("municipality", POLYSAEVO))
    header = texts.COLUMNS["peak_percent"]
    # «250 %» is the number 250 shown with «%»: a click on the header puts 250 above 50, not below.
    points = [None if p == "—" else int(p.removesuffix(" %")) for p in expected["peak_percent"]]
    assert [None if math.isnan(p) else int(p) for p in ranked[header]] == points
    assert column_formats(at, "workload.table")[header] == "%d %%"
    assert ranked[header].dtype.kind in "iuf"


def test_a_capacity_changed_on_the_page_is_written_through_the_store(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = open_app("nagruzka", db=writable_db, ter=POLYSAEVO, exec=IMC_POLYSAEVO)
    at.number_input(key="workload.capacity").set_value(20.0)
    at.text_input(key="workload.reason").input("штат ИМЦ вырос")
    at.button(key="workload.save_capacity").click().run()
    _clean(at)
    with open_store(writable_db) as store:
        assert capacity_overrides(store) == {IMC_POLYSAEVO: 20.0}
    ranked = frame_of(at, "workload.table")
    row = ranked[ranked[texts.COLUMNS["executor_name"]].str.startswith("ИМЦ")]
    assert list(row[texts.COLUMNS["capacity"]]) == [20.0]


def test_a_capacity_set_on_the_page_says_who_set_it_when_why_and_can_be_set_back(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = open_app("nagruzka", db=writable_db, ter=POLYSAEVO, exec=IMC_POLYSAEVO)
    assert "Сейчас: 4 мероприятия в месяц (из данных или по умолчанию для вида)." in _captions(at)
    at.number_input(key="workload.capacity").set_value(20.0)
    at.text_input(key="workload.author").input("Иванова О.П.")
    at.text_input(key="workload.reason").input("штат ИМЦ вырос")
    at.button(key="workload.save_capacity").click().run()
    _clean(at)
    day = datetime.now(UTC).date()
    changed = f"изменено {day:%d.%m.%Y}, Иванова О.П.: «штат ИМЦ вырос»; расчётная — 4"
    assert f"Сейчас: 20 мероприятий в месяц ({changed})." in _captions(at)
    at.button(key="workload.reset_capacity").click().run()
    _clean(at)
    assert "Сейчас: 4 мероприятия в месяц (из данных или по умолчанию для вида)." in _captions(at)
    assert at.button(key="workload.reset_capacity").disabled


def test_a_capacity_of_zero_is_refused_next_to_the_field_and_never_saved(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = open_app("nagruzka", db=writable_db, ter=POLYSAEVO, exec=IMC_POLYSAEVO)
    at.number_input(key="workload.capacity").set_value(0.0).run()
    assert [e.value for e in at.error] == [texts.CAPACITY_NOT_POSITIVE]
    assert at.button(key="workload.save_capacity").disabled
    with open_store(writable_db) as store:
        assert capacity_overrides(store) == {}
    assert "Сейчас: 4 мероприятия в месяц (из данных или по умолчанию для вида)." in _captions(at)
    at.number_input(key="workload.capacity").set_value(2.5).run()
    _clean(at)
    assert not at.button(key="workload.save_capacity").disabled


def test_a_capacity_of_zero_an_earlier_version_saved_is_not_used_and_can_be_taken_back(
    open_app: AppFactory, writable_db: Path
) -> None:
    with open_store(writable_db) as store:
        store.db.execute(
            "INSERT INTO capacity VALUES (?, 0, ?, ?, ?)",
            [IMC_POLYSAEVO, "Иванова О.П.", "нет методистов", "2024-03-01T09:00:00+00:00"],
        )
    at = open_app("nagruzka", db=writable_db, ter=POLYSAEVO, exec=IMC_POLYSAEVO)
    _clean(at)
    assert "Сейчас: 4 мероприятия в месяц (из данных или по умолчанию для вида)." in _captions(at)
    assert [w.value for w in at.warning] == [
        texts.CAPACITY_IGNORED.format(value="0", day=date(2024, 3, 1), who=" (Иванова О.П.)")
    ]
    ranked = frame_of(at, "workload.table")
    row = ranked[ranked[texts.COLUMNS["executor_name"]].str.startswith("ИМЦ")]
    assert list(row[texts.COLUMNS["capacity"]]) == [4.0]
    at.button(key="workload.reset_capacity").click().run()
    _clean(at)
    assert not [w.value for w in at.warning if "не действует" in w.value]
    with open_store(writable_db) as store:
        assert store.db.execute("SELECT count(*) FROM capacity").fetchone()[0] == 0


def _captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption]


# --- Сроки ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "heading"),
    [
        ("active", "ИМЦ (Полысаевский городской округ), дек 2020 — идут в месяце: 7 мероприятий"),
        ("due", "ИМЦ (Полысаевский городской округ), дек 2020 — срок в месяце: 1 мероприятие"),
    ],
)
def test_a_heatmap_cell_lists_the_activities_behind_its_number(
    open_app: AppFactory, sample: data.Snapshot, measure: str, heading: str
) -> None:
    at = open_app("sroki", ter=POLYSAEVO, measure=measure)
    at.selectbox(key="deadlines.executor").select(IMC_POLYSAEVO).run()
    at.selectbox(key="deadlines.month").select("2020-12").run()
    _clean(at)
    cells = figures.executor_heatmap(sample, Place("municipality", POLYSAEVO), measure)
    number = cells.filter((pl.col("executor") == IMC_POLYSAEVO) & (pl.col("month_key") == "2020-12"))["value"]
    listed = frame_of(at, "deadlines.cell")
    assert len(listed) == int(number.item())
    # The list's heading names the cell's number, so the two can be compared without counting rows.
    assert heading in [h.value for h in at.subheader]
    assert texts.COLUMNS["deadline_raw"] in listed.columns
    assert at.query_params["month"] == "2020-12"


def _selections(spec: dict[str, object]) -> dict[str, list[str]]:
    layers = [spec, *spec.get("layer", [])]  # type: ignore[list-item]
    return {p["name"]: p["select"]["fields"] for layer in layers for p in layer.get("params", [])}  # type: ignore[union-attr]


def test_the_heatmaps_are_clickable_by_their_keys(open_app: AppFactory) -> None:
    at = open_app("sroki", ter=NOVOKUZNETSK)
    assert _selections(chart_spec(at, "deadlines.heatmap")) == {"cell": ["executor", "month_key"]}
    assert _selections(chart_spec(at, "deadlines.areas")) == {"cell": ["unit", "month_key"]}


def test_both_heatmaps_draw_the_same_months_so_a_month_is_at_one_place_in_each(open_app: AppFactory) -> None:
    at = open_app("sroki")
    keys = ("deadlines.heatmap", "deadlines.areas")
    months = [chart_spec(at, key)["layer"][0]["encoding"]["x"]["scale"]["domain"] for key in keys]
    # The executors' cells begin in January 2020, the territories' in June 2020: both start in January.
    assert months[0] == months[1]
    assert months[0][0] == "янв 2020"


def test_a_heatmap_of_many_executors_draws_the_most_loaded_and_offers_every_one(
    open_app: AppFactory, writable_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(charts, "HEATMAP_ROWS", 3)
    at = open_app("sroki", db=writable_db)
    _clean(at)
    drawn = {row["executor_name"] for row in chart_rows(at, "deadlines.heatmap")}
    assert drawn == {
        "ИМЦ (Полысаевский городской округ)",
        "МБОУ «Школа № 35»",
        'МБОУ "Основная общеобразовательная школа № 103"',
    }
    assert texts.HEATMAP_TOP.format(shown="3 исполнителя", total=36) in [c.value for c in at.caption]
    assert len(at.selectbox(key="deadlines.executor").options) == 1 + 36
    not_drawn = f"school:{NOVOKUZNETSK.removeprefix('ter:')}/mbou-osnovnaia-obshcheobrazovatelnaia-shkola-28"
    at.selectbox(key="deadlines.executor").select(not_drawn).run()
    at.selectbox(key="deadlines.month").select("2020-12").run()
    _clean(at)
    assert len(frame_of(at, "deadlines.cell")) > 0


def test_a_territory_cell_lists_its_windows(open_app: AppFactory) -> None:
    district = f"{NOVOKUZNETSK}/zavodskoi-raion"
    at = open_app("sroki", ter=NOVOKUZNETSK, area=district, area_month="2020-11")
    _clean(at)
    windows = frame_of(at, "deadlines.area_cell")
    assert len(windows) > 0
    heading = f"Заводской район, ноя 2020 — окон со сроком в месяце: {len(windows)}"
    assert heading in [h.value for h in at.subheader]
    assert set(windows[texts.columns_on(date(2021, 3, 1))["status"]]) <= set(texts.STATUSES.values())


# --- Цепочки --------------------------------------------------------------------------------------------


def test_the_chain_of_an_activity_is_drawn_from_the_activity_to_the_controller(
    open_app: AppFactory, sample: data.Snapshot
) -> None:
    activity = sample.activities.filter(pl.col("municipality") == POLYSAEVO)["activity"][0]
    at = open_app("tsepochki", ter=POLYSAEVO)
    at.selectbox(key="chains.activity").select(activity).run()
    _clean(at)
    roles = {row["role"] for row in chart_rows(at, "chains.graph") if "role" in row}
    assert {"activity", "executor", "roadmap"} <= roles
    assert at.query_params["act"] == activity


def test_a_long_activity_heads_its_chain_in_two_lines_and_is_written_in_full_below(
    open_app: AppFactory,
) -> None:
    activity = "rm:kemerovskaia-oblast-kuzbass/polysaevskii-gorodskoi-okrug/162-2020-10-28#15"
    at = open_app("tsepochki", act=activity)
    _clean(at)
    # The texts are escaped Markdown («2\\.»), so that «2.» starts no numbered list.
    heading = at.subheader[0].value.replace("\\", "")
    assert heading.startswith(f"{texts.CHAIN_TITLE}: 2. Утверждение муниципального координатора")
    assert heading.endswith(" …") and len(heading) <= len(texts.CHAIN_TITLE) + 2 + 90
    shown = [c.value.replace("\\", "") for c in at.caption]
    full = [text for text in shown if text.startswith("2. Утверждение муниципального координатора")]
    assert [text.endswith("курирующих данный вопрос в образовательной организации.") for text in full] == [
        True
    ]


def test_the_chain_of_a_school_needs_a_school(open_app: AppFactory) -> None:
    at = open_app("tsepochki", ter=POLYSAEVO, subject="school")
    _clean(at)
    assert at.info[0].value == texts.PICK_SCHOOL
    at = open_app("tsepochki", school=SCHOOL_35, subject="school")
    _clean(at)
    assert "chains.graph" in chart_keys(at)


def test_the_whole_country_counts_broken_chains_by_region_and_offers_the_full_list(
    open_app: AppFactory,
) -> None:
    at = open_app("tsepochki")
    _clean(at)
    assert at.caption[-1].value.startswith("По всей стране 21 разрыв у 18 мероприятий. ")
    summary = frame_of(at, "chains.territory")
    assert summary.to_dict("records") == [
        _broken_row("Челябинская область", 17, {"no-executor": 2, "empty-fan-out": 1, "no-controller": 17}),
        _broken_row("Мурманская область", 1, {"empty-fan-out": 1}),
    ]
    assert "chains.broken_all.xlsx" in [b.key for b in at.get("download_button")]


def _broken_row(area: str, activities: int, counts: dict[str, int]) -> dict[str, object]:
    """Return a row of the territory's gaps as the page shows it: every kind of gap, 0 where none."""
    return {
        texts.COLUMNS["area_name"]: area,
        texts.COLUMNS["broken_activities"]: activities,
        **{name: counts.get(code, 0) for code, name in texts.BROKEN_CODES.items()},
    }


def test_an_oo_standing_for_no_listed_school_beside_a_named_executor_is_listed_among_the_gaps(
    open_app: AppFactory,
) -> None:
    activity = "rm:murmanskaia-oblast/gorod-olenegorsk-s-podvedomstvennoi-territoriei/576-2020-12-15#15"
    at = open_app("tsepochki", act=activity)
    _clean(at)
    assert texts.CHAIN_WHOLE not in [s.value for s in at.success]
    gaps = frame_of(at, "chains.broken").to_dict("records")
    assert [g[texts.COLUMNS["code_name"]] for g in gaps] == [texts.BROKEN_CODES["empty-fan-out"]]
    assert "никого в списке" in next(iter(gaps))[texts.COLUMNS["detail"]]
    missing = [row for row in chart_rows(at, "chains.graph") if row.get("role") == "missing"]
    assert missing == []  # the executor's own node says «никого в списке»


def test_an_activity_of_the_whole_country_is_found_by_a_word_of_its_text(open_app: AppFactory) -> None:
    at = open_app("tsepochki")
    assert len(at.selectbox(key="chains.activity").options) == 1 + 91
    at.text_input(key="chains.search.activity").input("СЕМИНАР").run()
    _clean(at)
    found = at.selectbox(key="chains.activity").options[1:]
    assert [name.split(" ", 1)[0] for name in found] == ["2.7.", "2.10.", "2.11.", "9.", "14."]
    assert all("семинар" in name.casefold() for name in found)


def test_the_whole_country_offers_the_first_activities_says_how_many_match_and_keeps_the_chosen_one(
    open_app: AppFactory, sample: data.Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(widgets, "OPTIONS_SHOWN", 5)
    dated = sample.activities.filter(pl.col("deadline_start").is_not_null())
    last = dated["activity"][-1]
    at = open_app("tsepochki", act=last)
    _clean(at)
    box = at.selectbox(key="chains.activity")
    assert texts.OPTIONS_FOUND.format(total=91, shown=5) in [c.value for c in at.caption]
    assert len(box.options) == 1 + 1 + 5
    assert box.value == last
    first = dated.row(0, named=True)
    assert box.options[2].startswith(f"{first['number']} ")
    assert box.options[2].endswith(f"({first['roadmap_name']})")


def test_a_search_that_finds_nothing_keeps_the_chosen_activity_and_says_so(
    open_app: AppFactory, sample: data.Snapshot
) -> None:
    activity = sample.activities.filter(pl.col("municipality") == POLYSAEVO)["activity"][0]
    at = open_app("tsepochki", act=activity)
    at.text_input(key="chains.search.activity").input("нет такого мероприятия").run()
    _clean(at)
    assert texts.NOTHING_FOUND in [c.value for c in at.caption]
    assert at.selectbox(key="chains.activity").value == activity
    assert at.query_params["act"] == activity


@pytest.mark.parametrize(("subject", "word"), [("activity", "семинар"), ("executor", "имц")])
def test_a_region_chosen_above_is_searched_within(
    open_app: AppFactory, sample: data.Snapshot, subject: str, word: str
) -> None:
    at = open_app("tsepochki", ter=KUZBASS, subject=subject)
    every = at.selectbox(key=f"chains.{subject}").options[1:]
    at.text_input(key=f"chains.search.{subject}").input(word.upper()).run()
    _clean(at)
    found = at.selectbox(key=f"chains.{subject}").options[1:]
    assert found == [name for name in every if word in name.casefold()]
    assert 0 < len(found) < len(every)


# --- Школа ----------------------------------------------------------------------------------------------


def test_a_school_card_lists_every_obligation_landing_on_it(
    open_app: AppFactory, sample: data.Snapshot
) -> None:
    at = open_app("shkola", school=SCHOOL_35)
    _clean(at)
    listed = frame_of(at, "school.obligations")
    assert len(listed) == queries.obligations_of(sample.G, SCHOOL_35, index=sample.index).height
    assert {texts.COLUMNS["issuer_name"], texts.COLUMNS["lead_name"], texts.COLUMNS["supporters"]} <= set(
        listed.columns
    )
    assert "school.months" in chart_keys(at)


def test_the_school_page_without_a_school_offers_the_schools_to_open(open_app: AppFactory) -> None:
    at = open_app("shkola", ter=POLYSAEVO)
    assert at.info[0].value == texts.PICK_SCHOOL
    at.button(key=f"school.open.{SCHOOL_35}").click().run()
    _clean(at)
    assert at.query_params["school"] == SCHOOL_35
    assert at.subheader[0].value.endswith("МБОУ «Школа № 35»")


def test_the_school_page_for_the_whole_country_offers_its_schools_in_one_choice(open_app: AppFactory) -> None:
    at = open_app("shkola")
    _clean(at)
    assert at.caption[-1].value == texts.MANY_SCHOOLS.format(count=16)
    assert len(at.selectbox(key="school.pick").options) == 1 + 16
    assert not [b for b in at.button if b.key.startswith("school.open.")]
    at.selectbox(key="school.pick").select(SCHOOL_35).run()
    _clean(at)
    assert at.query_params["school"] == SCHOOL_35
    assert at.subheader[0].value.endswith("МБОУ «Школа № 35»")


# --- Данные ---------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_leftover_uploads")
def test_an_upload_shows_its_load_report_and_is_written_only_on_request(
    open_app: AppFactory, empty_db: Path
) -> None:
    files = [
        (name, (SAMPLE / name).read_bytes(), "application/octet-stream")
        for name in ("reference.xlsx", "polysaevo_162.xlsx")
    ]
    at = open_app("dannye", db=empty_db)
    at.file_uploader(key="data.upload").set_value(files).run()
    _clean(at)
    # Without the roadmaps in the database, 19 progress reports of the reference have no activity: it says so.
    assert [s.value for s in at.success] == [texts.REPORT_FILE_OK.format(file="polysaevo_162.xlsx")]
    head = texts.REPORT_FILE_WARNINGS.format(file="reference.xlsx", count=19)
    assert [w.value.split("\n\n")[0] for w in at.warning] == [head]
    with open_store(empty_db) as store:
        assert list_imports(store) == []
    at.button(key="data.import").click().run()
    _clean(at)
    with open_store(empty_db) as store:
        assert [r.file for r in list_imports(store)] == ["reference.xlsx", "polysaevo_162.xlsx"]
    assert list(frame_of(at, "data.history")[texts.COLUMNS["file"]]) == [
        "polysaevo_162.xlsx",
        "reference.xlsx",
    ]


def test_the_template_and_the_history_are_offered(open_app: AppFactory) -> None:
    at = open_app("dannye")
    _clean(at)
    assert at.get("download_button")[0].proto.label == texts.TEMPLATE_DOWNLOAD
    history = frame_of(at, "data.history")
    assert sorted(history[texts.COLUMNS["file"]]) == sorted(
        p.name for p in SAMPLE.iterdir() if p.suffix in {".xlsx", ".xls", ".ods", ".csv", ".docx"}
    )


def _overview(open_app: AppFactory, db: Path) -> dict[str, str]:
    at = open_app("obzor", db=db)
    _clean(at)
    return {m.label: m.value for m in at.metric}


@pytest.mark.usefixtures("no_leftover_uploads")
def test_a_file_uploaded_again_starts_from_the_facts_of_its_last_import_and_keeps_the_figures(
    open_app: AppFactory, writable_db: Path
) -> None:
    before = _overview(open_app, writable_db)
    name = "chelyabinsk_017-1324.xlsx"
    at = open_app("dannye", db=writable_db)
    at.file_uploader(key="data.upload").set_value(
        (name, (SAMPLE / name).read_bytes(), "application/octet-stream")
    )
    at.run()
    _clean(at)
    shown = {
        key: at.get(kind)[[w.key for w in at.get(kind)].index(key)].value
        for kind, key in [
            ("selectbox", "data.region"),
            ("selectbox", "data.municipality"),
            ("selectbox", "data.level"),
            ("text_input", "data.number"),
            ("date_input", "data.plan_start"),
            ("date_input", "data.plan_end"),
        ]
    }
    assert shown == {
        "data.region": "Челябинская область",
        "data.municipality": "",
        "data.level": "region",
        "data.number": "017/1324",
        "data.plan_start": date(2020, 6, 23),
        "data.plan_end": date(2024, 12, 31),
    }
    assert at.info[0].value.startswith(f"Заполнено по прошлой загрузке файла «{name}»")
    assert [s.value for s in at.success] == [texts.REPORT_FILE_OK.format(file=name)]
    at.button(key="data.import").click().run()
    _clean(at)
    assert _overview(open_app, writable_db) == before


@pytest.mark.usefixtures("no_leftover_uploads")
def test_the_check_says_plainly_when_changed_facts_would_replace_a_roadmap_and_orphan_its_reports(
    open_app: AppFactory, writable_db: Path
) -> None:
    name = "chelyabinsk_017-1324.xlsx"
    at = open_app("dannye", db=writable_db)
    at.file_uploader(key="data.upload").set_value(
        (name, (SAMPLE / name).read_bytes(), "application/octet-stream")
    )
    at.run()
    at.text_input(key="data.number").input("").run()
    _clean(at)
    assert at.success == []
    [warning] = at.warning
    head, listed = warning.value.split("\n\n")
    assert head == texts.REPORT_FILE_WARNINGS.format(file=name, count=3)
    assert listed.splitlines()[:3] == [
        "- Дорожная карта «№ 017/1324 от 23.06.2020», загруженная из этого файла раньше, будет заменена "
        "другой: «№ 011/1324 от 23.06.2020». Так бывает, когда сведения о документе (номер, дата, регион, "
        "муниципалитет) разошлись с прошлой загрузкой; если это тот же документ, укажите прежние сведения. "
        "Уйдут мероприятия прошлой загрузки: 17",
        "- Отчёты о ходе выполнения из файла «reference.xlsx» (7) останутся без своих мероприятий: их "
        "мероприятий после загрузки не будет, и в сводках они не будут учтены",
        "- Связи из файла «reference.xlsx» (2, «координирует») будут ссылаться на то, чего после загрузки "
        "не будет: дорожная карта «№ 017/1324 от 23.06.2020»",
    ]


@pytest.mark.usefixtures("no_leftover_uploads")
def test_several_files_uploaded_again_each_start_from_their_own_last_import(
    open_app: AppFactory, writable_db: Path
) -> None:
    names = ["chelyabinsk_017-1324.xlsx", "novokuznetsk_1324.docx", "olenegorsk_576.ods"]
    at = open_app("dannye", db=writable_db)
    at.file_uploader(key="data.upload").set_value(
        [(n, (SAMPLE / n).read_bytes(), "application/octet-stream") for n in names]
    ).run()
    _clean(at)
    assert at.text_input(key="data.number").value == ""
    assert texts.EARLIER_FACTS_MANY.format(files=", ".join(f"«{n}»" for n in names)) in [
        c.value for c in at.caption
    ]
    assert [s.value for s in at.success] == [texts.REPORT_FILE_OK.format(file=n) for n in names]


PLAN = (
    "№ п/п;Мероприятия;Сроки;Ответственные\n"
    "1.;Семинар для учителей;Октябрь 2020 года;ЦНППМ\n"
    "2.;Совещание;Ноябрь 2020 года;ЗЫРК\n"
)


@pytest.mark.usefixtures("no_leftover_uploads")
def test_an_unknown_abbreviation_is_given_a_meaning_and_the_files_are_read_with_it(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = open_app("dannye", db=writable_db)
    at.selectbox(key="data.region").select("Кемеровская область – Кузбасс").run()
    at.selectbox(key="data.municipality").select("Полысаевский городской округ")
    at.selectbox(key="data.level").select("municipality")
    at.text_input(key="data.number").input("7")
    at.date_input(key="data.plan_start").set_value(date(2020, 9, 1))
    at.date_input(key="data.plan_end").set_value(date(2021, 8, 31))
    at.file_uploader(key="data.upload").set_value(("plan.csv", PLAN.encode("utf-8"), "text/csv")).run()
    _clean(at)
    assert list(frame_of(at, "data.unknown")[texts.COLUMNS["abbreviation"]]) == ["ЦНППМ", "ЗЫРК"]
    at.selectbox(key="data.abbreviation").select("ЦНППМ")
    at.selectbox(key="data.scope").select(KUZBASS)
    at.selectbox(key="data.organisation").select(IMC_POLYSAEVO).run()
    at.button(key="data.save_mapping").click().run()
    _clean(at)
    assert list(frame_of(at, "data.unknown")[texts.COLUMNS["abbreviation"]]) == ["ЗЫРК"]
    mappings = frame_of(at, "data.mappings")
    assert list(mappings[texts.COLUMNS["abbreviation"]]) == ["ЦНППМ"]
    assert list(mappings[texts.COLUMNS["scope_name"]]) == ["Кемеровская область – Кузбасс"]


ORDER = "№ п/п;Мероприятия;Сроки;Ответственные\n1.;Семинар для учителей;Октябрь 2020 года;ИМЦ\n"


def _upload_order(at: AppTest, text: str = ORDER) -> None:
    at.selectbox(key="data.region").select("Кемеровская область – Кузбасс").run()
    at.selectbox(key="data.municipality").select("Полысаевский городской округ")
    at.selectbox(key="data.level").select("municipality")
    at.date_input(key="data.plan_start").set_value(date(2020, 9, 1))
    at.date_input(key="data.plan_end").set_value(date(2021, 8, 31))
    at.file_uploader(key="data.upload").set_value(("order.csv", text.encode("utf-8"), "text/csv")).run()
    _clean(at)


@pytest.mark.usefixtures("no_leftover_uploads")
def test_the_number_and_date_of_an_order_given_in_the_form_answer_the_warning_and_return_on_reimport(
    open_app: AppFactory, writable_db: Path
) -> None:
    at = open_app("dannye", db=writable_db)
    signed = at.date_input(key="data.date")
    assert (signed.label, signed.value, signed.proto.format) == (texts.DOCUMENT_DATE, None, "DD.MM.YYYY")
    _upload_order(at)
    [warning] = at.warning
    # The advice names the fields of the form that answer it.
    assert f"поля «{texts.DOCUMENT_NUMBER}» и «{texts.DOCUMENT_DATE}»" in warning.value
    at.text_input(key="data.number").input("7")
    at.date_input(key="data.date").set_value(date(2020, 10, 28)).run()
    _clean(at)
    assert at.warning == []
    assert [s.value for s in at.success] == [texts.REPORT_FILE_OK.format(file="order.csv")]
    assert "приказ № 7 от 28.10.2020" in at.code[0].value
    at.button(key="data.import").click().run()
    _clean(at)
    with open_store(writable_db) as store:
        [record] = [r for r in list_imports(store) if r.file == "order.csv"]
    assert (record.report["document"]["number"], record.report["document"]["date"]) == ("7", "2020-10-28")

    again = open_app("dannye", db=writable_db)
    again.file_uploader(key="data.upload").set_value(("order.csv", ORDER.encode("utf-8"), "text/csv")).run()
    _clean(again)
    assert (again.text_input(key="data.number").value, again.date_input(key="data.date").value) == (
        "7",
        date(2020, 10, 28),
    )
    assert again.warning == []


@pytest.mark.usefixtures("no_leftover_uploads")
def test_the_counts_of_the_load_report_are_written_with_their_thousands_apart(
    open_app: AppFactory, writable_db: Path
) -> None:
    rows = "".join(f"{n}.;Консультация {n};Ноябрь 2020 года;ЗЫРК\n" for n in range(1, 1002))
    plan = "№ п/п;Мероприятия;Сроки;Ответственные\n" + rows
    at = open_app("dannye", db=writable_db)
    at.text_input(key="data.number").input("7")
    at.date_input(key="data.date").set_value(date(2020, 10, 28))
    _upload_order(at, plan)
    [warning] = at.warning
    head, _, more = warning.value.split("\n\n")
    assert head == texts.REPORT_FILE_WARNINGS.format(file="order.csv", count="1\u00a0001")
    assert more == texts.REPORT_MORE_WARNINGS.format(count="996")
    [row] = frame_of(at, "data.report").to_dict("records")
    columns = {k: texts.COLUMNS[k] for k in ("rows_read", "activities", "warnings")}
    # Numbers, so that a click on a header sorts by value; a Russian browser writes them «1 002».
    assert {k: row[c] for k, c in columns.items()} == {
        "rows_read": 1002,
        "activities": 1001,
        "warnings": 1001,
    }
    assert {column_formats(at, "data.report")[c] for c in columns.values()} == {"localized"}
    assert "мероприятий 1\u00a0001" in at.code[0].value
    assert "предупреждений: 1\u00a0001" in at.code[0].value


@pytest.mark.usefixtures("no_leftover_uploads")
def test_the_report_says_where_each_warning_is_and_why_a_file_is_not_loaded(
    open_app: AppFactory, writable_db: Path
) -> None:
    plan = (
        "№ п/п;Мероприятия;Сроки;Ответственные\n"
        "1.;Семинар для учителей;Октябрь 2020 года;ИМЦ\n"
        ";;;\n"
        "2.;Совещание;32 мартобря;ИМЦ\n"
    ) + "".join(f"{n}.;Консультация;Ноябрь 2020 года;ЗЫРК\n" for n in range(3, 8))
    at = open_app("dannye", db=writable_db)
    at.selectbox(key="data.region").select("Кемеровская область – Кузбасс").run()
    at.selectbox(key="data.municipality").select("Полысаевский городской округ")
    at.text_input(key="data.number").input("7")
    at.date_input(key="data.plan_start").set_value(date(2020, 9, 1))
    at.date_input(key="data.plan_end").set_value(date(2021, 8, 31))
    at.file_uploader(key="data.upload").set_value(
        [("plan.csv", plan.encode("cp1251"), "text/csv"), ("empty.csv", b"", "text/csv")]
    ).run()
    assert not at.exception
    [error] = at.error
    assert error.value.split("\n\n") == [
        texts.REPORT_FILE_ERRORS.format(file="empty.csv"),
        "- Файл «empty.csv» пуст.",
    ]
    [warning] = at.warning
    head, listed, more = warning.value.split("\n\n")
    assert head == texts.REPORT_FILE_WARNINGS.format(file="plan.csv", count=7)
    # The blank line 3 keeps its number: the bad deadline is on line 4 of the file.
    assert listed.splitlines()[1:3] == [
        "- Строка 4, столбец «Сроки»: Срок «32 мартобря» не распознан: мероприятие загружено без дат",
        "- Строка 5, столбец «Ответственные»: Исполнитель «ЗЫРК» не найден: сокращения «ЗЫРК» нет ни в "
        "документе, ни в справочнике, ни во встроенном словаре. Мероприятие загружено, исполнитель сохранён "
        "как текст. Добавьте сокращение на лист «Сокращения» справочника или задайте его значение в разделе "
        "«Нераспознанные сокращения» на странице «Данные».",
    ]
    assert more == texts.REPORT_MORE_WARNINGS.format(count=2)
    unknown = frame_of(at, "data.unknown")
    columns = [texts.COLUMNS[k] for k in ("abbreviation", "file", "where", "mentions")]
    assert [tuple(r) for r in unknown[columns].itertuples(index=False)] == [
        ("ЗЫРК", "plan.csv", "строка 5, столбец «Ответственные»", 5)
    ]


# --- Russian numbers, the lists of schools, the uploader in Russian -----------------------------------------


def test_the_school_figure_says_it_counts_both_lists_and_how_many_each_holds(
    open_app: AppFactory, writable_db: Path
) -> None:
    with open_store(writable_db) as store:
        store.db.execute(
            "UPDATE entities SET data = json_set(data, '$.statuses[0].status', 'зона риска') WHERE id = ?",
            [SCHOOL_35],
        )
        store.db.conn.commit()
    at = open_app("obzor", db=writable_db)
    _clean(at)
    figure = at.metric[list(texts.FIGURES).index("schools")]
    assert (figure.label, figure.value) == ("Школ в списках", "16")
    assert "Школ в списке ШНОР: 15; в зоне риска: 1." in [c.value for c in at.caption]


def test_the_figures_of_the_overview_are_written_with_their_thousands_apart(open_app: AppFactory) -> None:
    at = open_app("obzor")
    _clean(at)
    values = [m.value for m in at.metric]
    assert values == [texts.thousands(int(v.replace("\u00a0", ""))) for v in values]
    assert at.metric[list(texts.FIGURES).index("activities")].value == "93"


def test_a_whole_capacity_is_shown_without_decimals(open_app: AppFactory) -> None:
    at = open_app("nagruzka", ter=POLYSAEVO, exec=IMC_POLYSAEVO)
    _clean(at)
    capacity = at.number_input(key="workload.capacity")
    assert (capacity.value, capacity.proto.format) == (4.0, "%g")
    origin = texts.CAPACITY_ORIGIN_DATA
    assert f"Сейчас: 4 мероприятия в месяц ({origin})." in [c.value for c in at.caption]


def test_the_figures_of_the_overview_say_their_unit_and_add_up(open_app: AppFactory) -> None:
    at = open_app("obzor", on="2026-11-22")
    _clean(at)
    figures = {m.label: m.value for m in at.metric}
    assert {label: figures[label] for label in ("Мероприятий", "Окон в работе", "Просрочено окон")} == {
        "Мероприятий": "93",
        "Окон в работе": "0",
        "Просрочено окон": "296",
    }
    assert figures["Мероприятий без срока"] == "18"
    said = (
        "Просрочено на 22.11.2026 — окна, срок которых закончился до этой даты, а статус на неё "
        "не «выполнено» и не «отменено»: «в работе» — 10, «не начато» — 286. "
        "Не начатых окон у мероприятий без срока (их не считают просроченными): 130."
    )
    assert said in [c.value for c in at.caption]
    # The help of «в работе» says where the windows in work past their deadline went.
    in_progress = at.metric[list(texts.FIGURES).index("in_progress")]
    assert "Просрочено окон" in in_progress.help


def test_the_uploader_says_in_russian_what_to_upload_and_how_large(open_app: AppFactory) -> None:
    at = open_app("dannye")
    _clean(at)
    uploader = at.get("file_uploader")[0]
    assert uploader.proto.max_upload_size_mb == 200
    assert "до 200 МБ каждый" in uploader.proto.help and "«Выбрать файлы»" in uploader.proto.help


@pytest.mark.parametrize("key", PAGES)
def test_every_page_carries_the_script_that_writes_streamlits_own_words_in_russian(
    open_app: AppFactory, key: str
) -> None:
    at = open_app(key)
    scripts = [h.proto for h in at.get("html") if "data-karta-words" in h.proto.body]
    assert len(scripts) == 1
    assert scripts[0].unsafe_allow_javascript
    assert '"Drag and drop files here": "Отпустите файлы, чтобы загрузить их"' in scripts[0].body
