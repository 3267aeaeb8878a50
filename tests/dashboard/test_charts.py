"""Chart builders tested as data: the Vega-Lite dictionaries they produce."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import networkx as nx
import polars as pl
import pytest
import vl_convert

from dashboard import charts, figures, texts, vega
from dashboard.layout import chain_layout

LOAD = {"domain": list(texts.LOAD_BANDS), "range": list(charts.LOAD_COLOURS)}


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return spec.get("layer", [spec])


def _encodings(spec: dict[str, Any], channel: str) -> list[dict[str, Any]]:
    return [layer["encoding"][channel] for layer in _layers(spec) if channel in layer.get("encoding", {})]


def _rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def _params(spec: dict[str, Any]) -> dict[str, list[str]]:
    return {
        p["name"]: p["select"]["fields"] for layer in [spec, *_layers(spec)] for p in layer.get("params", [])
    }


@pytest.fixture
def ranked() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "executor": ["inst:imc", "auth:uo"],
            "executor_name": ["ИМЦ", "УО"],
            "peak_ratio": [1.3, 0.4],
            "peak_percent": ["130 %", "40 %"],
            "peak_active": [13.0, 6.0],
            "capacity": [10.0, 15.0],
            "peak_month": ["окт 2020", "ноя 2020"],
            "band": ["100–150 %", "до 50 %"],
        }
    )


@pytest.fixture
def cells() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "executor": ["inst:imc", "inst:imc"],
            "executor_name": ["ИМЦ", "ИМЦ"],
            "month_key": ["2020-10", "2020-12"],
            "month_name": ["окт 2020", "дек 2020"],
            "value": [13.0, 2.0],
            "load_percent": ["130 %", "20 %"],
            "band": ["100–150 %", "до 50 %"],
        }
    )


MONTHS = ["окт 2020", "ноя 2020", "дек 2020"]


@pytest.mark.parametrize(
    ("ratio", "band"),
    [
        (0.0, "до 50 %"),
        (0.49, "до 50 %"),
        (0.5, "50–100 %"),
        (1.0, "50–100 %"),
        (1.01, "100–150 %"),
        (1.3, "100–150 %"),
        (1.5, "150 % и выше"),
        (4.0, "150 % и выше"),
        (None, "мощность не задана"),
    ],
)
def test_load_bands_cut_at_half_full_and_one_and_a_half(ratio: float | None, band: str) -> None:
    frame = pl.DataFrame({"r": [ratio]}, schema={"r": pl.Float64()})
    assert frame.select(charts.load_band(pl.col("r")).alias("b"))["b"].to_list() == [band]


def test_every_load_chart_uses_the_one_load_scale_and_legend(
    ranked: pl.DataFrame, cells: pl.DataFrame
) -> None:
    months = pl.DataFrame(
        {
            "month_name": ["окт 2020"],
            "active": [13.0],
            "due": [2.0],
            "capacity": [10.0],
            "load_percent": ["130 %"],
            "band": ["100–150 %"],
        }
    )
    built = [
        charts.ranking_bars(ranked),
        charts.executor_months_chart(months),
        charts.executor_heatmap(cells, MONTHS, "active"),
    ]
    for chart in built:
        # The numbers written on cells are coloured by value (white on dark cells), not by a scale.
        colours = [c for c in _encodings(chart.to_dict(), "color") if "field" in c]
        assert colours == [
            {
                "field": "band",
                "type": "nominal",
                "scale": LOAD,
                "title": texts.LOAD_LEGEND,
                # Above the chart, its entries wrap onto more rows on a narrow screen.
                "legend": {"orient": "top", "columns": {"expr": "max(1, floor(width / 150))"}},
            }
        ]


@pytest.mark.parametrize(
    ("limit", "drawn"),
    [(1, ["ИМЦ"]), (2, ["ИМЦ", "УО"]), (5, ["ИМЦ", "УО"])],
)
def test_the_ranking_draws_only_the_most_loaded_executors_that_have_a_capacity(
    ranked: pl.DataFrame, limit: int, drawn: list[str]
) -> None:
    no_capacity = ranked.head(1).with_columns(
        executor=pl.lit("group:wg"),
        executor_name=pl.lit("Рабочая группа"),
        peak_ratio=pl.lit(None, pl.Float64),
    )
    top = charts.top_loaded(pl.concat([ranked, no_capacity]), limit)
    assert top["executor_name"].to_list() == drawn


def test_the_ranking_labels_each_bar_with_its_percentage_and_marks_full_capacity(
    ranked: pl.DataFrame,
) -> None:
    spec = charts.ranking_bars(ranked).to_dict()
    texts_shown = [e["text"]["field"] for e in [layer["encoding"] for layer in _layers(spec)] if "text" in e]
    assert texts_shown == ["peak_percent"]
    assert {row["peak_percent"] for row in _rows(spec) if "peak_percent" in row} == {"130 %", "40 %"}
    assert [row for row in _rows(spec) if "x" in row] == [{"x": 1.0}]
    assert _encodings(spec, "y")[0]["sort"] == ["ИМЦ", "УО"]
    assert _params(spec) == {"pick": ["executor"]}


def test_a_heatmap_of_deadlines_counts_with_the_count_scale(cells: pl.DataFrame) -> None:
    spec = charts.executor_heatmap(cells, MONTHS, "due").to_dict()
    colour = _encodings(spec, "color")[0]
    assert (colour["field"], colour["scale"], colour["title"]) == (
        "value",
        {"scheme": "purples", "domainMin": 0},
        texts.COUNT_LEGEND,
    )


def test_a_heatmap_shows_every_month_of_its_range_and_is_clickable_by_cell(cells: pl.DataFrame) -> None:
    spec = charts.executor_heatmap(cells, MONTHS, "active").to_dict()
    x = _encodings(spec, "x")[0]
    assert (x["sort"], x["scale"]["domain"]) == (MONTHS, MONTHS)
    assert _params(spec) == {"cell": ["executor", "month_key"]}
    assert [(r["executor_name"], r["month_name"], r["value"]) for r in _rows(spec)] == [
        ("ИМЦ", "окт 2020", 13.0),
        ("ИМЦ", "дек 2020", 2.0),
    ]


def test_a_month_grid_leaves_out_month_names_and_numbers_that_would_run_together(cells: pl.DataFrame) -> None:
    spec = charts.executor_heatmap(cells, MONTHS, "due").to_dict()
    axis = _encodings(spec, "x")[0]["axis"]
    # Which months are named depends on the columns' width (`MONTH_NAMED`), not on Vega's thinning.
    assert (axis["labelAngle"], axis["labelExpr"], axis["labelOverlap"]) == (
        0,
        f"{charts.MONTH_NAMED} ? split(datum.label, ' ') : ''",
        False,
    )
    numbers = [layer["mark"] for layer in _layers(spec) if layer["mark"]["type"] == "text"]
    # «13» is the longest number: two characters of 7 pixels.
    assert numbers[0]["opacity"] == {"expr": "14 <= bandwidth('x') ? 1 : 0"}


def _month_names_drawn(chart: Any) -> list[tuple[str, bool]]:
    """Return the month names written on a chart's month axis, as drawn: («янв 2021», bold or not)."""
    svg = vl_convert.vegalite_to_svg(vega.inline_spec(chart))
    named = re.findall(r'font-weight="(\w+)"[^>]*><tspan>(\w+)</tspan><tspan[^>]*>(\d{4})</tspan>', svg)
    return [(f"{month} {year}", weight == "bold") for weight, month, year in named]


def _month_range(first: date, last: date) -> list[str]:
    return [texts.month_label(m) for m in figures.months_between(first, last)]


TWO_YEARS = _month_range(date(2020, 9, 1), date(2022, 8, 1))


def _one_area(months: list[str]) -> pl.DataFrame:
    """Return the heatmap frame of one territory with one window in each month."""
    return pl.DataFrame(
        {
            "unit": ["ter:a"] * len(months),
            "area_name": ["Город"] * len(months),
            "month_key": months,
            "month_name": months,
            "windows": [1] * len(months),
        }
    )


@pytest.mark.parametrize(
    ("width", "named"),
    [
        (900, TWO_YEARS),  # 37 pixels a month: every month
        (
            360,
            ["окт 2020", "янв 2021", "апр 2021", "июл 2021", "окт 2021", "янв 2022", "апр 2022", "июл 2022"],
        ),
        (240, ["янв 2021", "июл 2021", "янв 2022", "июл 2022"]),
        (120, ["янв 2021", "янв 2022"]),
    ],
)
def test_a_narrow_month_grid_names_quarters_half_years_or_years_with_januaries_in_bold(
    width: int, named: list[str]
) -> None:
    drawn = _month_names_drawn(charts.area_heatmap(_one_area(TWO_YEARS), TWO_YEARS).properties(width=width))
    assert [name for name, _ in drawn] == named
    assert [name for name, bold in drawn if bold] == [name for name in named if name.startswith("янв")]


def test_a_five_year_grid_on_a_projector_names_every_january_and_july_not_every_8th_month() -> None:
    months = _month_range(date(2020, 5, 1), date(2025, 8, 1))
    # About 600 pixels of months: what a 1024-pixel screen leaves a grid next to its row names.
    drawn = _month_names_drawn(charts.area_heatmap(_one_area(months), months).properties(width=600))
    assert [name for name, _ in drawn] == [
        f"{month} {year}"
        for year in range(2020, 2026)
        for month in ("янв", "июл")
        if year > 2020 or month == "июл"
    ]


def test_the_months_of_an_executor_are_named_as_on_a_grid_and_percents_only_on_wide_bars() -> None:
    months = _month_range(date(2020, 7, 1), date(2025, 8, 1))
    frame = pl.DataFrame(
        {
            "month_name": months,
            "active": [12.0] * len(months),
            "due": [1.0] * len(months),
            "capacity": [10.0] * len(months),
            "load_percent": ["120 %"] * len(months),
            "band": ["100–150 %"] * len(months),
        }
    )
    chart = charts.executor_months_chart(frame)
    spec = chart.to_dict()
    assert _encodings(spec, "x")[0]["axis"]["orient"] == "bottom"
    # The top of the scale leaves room for the highest bar's «120 %».
    assert _encodings(spec, "y")[0]["scale"]["domainMax"] == pytest.approx(13.44)
    percents = [layer["mark"] for layer in _layers(spec) if layer["mark"]["type"] == "text"]
    # «120 %» is five characters of 7 pixels.
    assert percents[0]["opacity"] == {"expr": "35 <= bandwidth('x') ? 1 : 0"}
    drawn = _month_names_drawn(chart.properties(width=600))
    assert [name for name, bold in drawn if bold] == [f"янв {year}" for year in range(2021, 2026)]


def test_a_count_in_the_dark_part_of_the_scale_is_written_white() -> None:
    frame = pl.DataFrame(
        {
            "unit": ["ter:a", "ter:b"],
            "area_name": ["Город", "Район"],
            "month_key": ["2021-08", "2021-08"],
            "month_name": ["авг 2021", "авг 2021"],
            "windows": [132, 3],
        }
    )
    spec = charts.area_heatmap(frame, ["авг 2021"]).to_dict()
    colour = next(c for c in _encodings(spec, "color") if "field" not in c)
    assert colour == {"condition": [{"test": "datum.windows >= 72.6", "value": "white"}], "value": "#252525"}


def test_month_grids_give_their_row_names_one_width_so_their_months_line_up(cells: pl.DataFrame) -> None:
    areas = cells.rename({"executor": "unit", "executor_name": "area_name", "value": "windows"})
    axes = [
        _encodings(spec, "y")[0]["axis"]
        for spec in (
            charts.executor_heatmap(cells, MONTHS, "active").to_dict(),
            charts.area_heatmap(areas.with_columns(pl.col("windows").cast(pl.Int64)), MONTHS).to_dict(),
        )
    ]
    assert [(a["minExtent"], a["maxExtent"]) for a in axes] == 2 * [
        (axes[0]["minExtent"], axes[0]["minExtent"])
    ]


def test_the_territory_heatmap_is_clickable_by_territory_and_month() -> None:
    frame = pl.DataFrame(
        {
            "unit": ["ter:a"],
            "area_name": ["Город"],
            "month_key": ["2020-10"],
            "month_name": ["окт 2020"],
            "windows": [3],
        }
    )
    spec = charts.area_heatmap(frame, MONTHS).to_dict()
    assert _params(spec) == {"cell": ["unit", "month_key"]}
    assert _encodings(spec, "color")[0]["field"] == "windows"


def test_the_progress_bars_stack_states_in_one_order_and_pick_a_territory() -> None:
    frame = pl.DataFrame(
        {
            "unit": ["ter:b", "ter:a", "ter:a"],
            "area_name": ["Б", "А", "А"],
            "state": ["выполнено", "просрочено", "выполнено"],
            "windows": [2, 1, 4],
        }
    )
    spec = charts.progress_bars(frame).to_dict()
    colour = _encodings(spec, "color")[0]
    assert colour["scale"] == {
        "domain": ["выполнено", "в работе", "не начато", "без срока", "просрочено", "отменено"],
        "range": list(charts.STATUS_COLOURS),
    }
    assert _encodings(spec, "y")[0]["sort"] == ["А", "Б"]
    assert _encodings(spec, "x")[0] == {
        "field": "windows",
        "type": "quantitative",
        "stack": "zero",
        "title": "Окон",
    }
    assert _params(spec) == {"pick": ["unit"]}


def test_the_school_months_are_coloured_by_who_set_the_obligation_and_list_only_the_levels_it_has() -> None:
    frame = pl.DataFrame(
        {
            "activity": ["a"],
            "label": ["1. Семинар для педагогов…"],
            "text": ["1. Семинар для педагогов по итогам диагностики"],
            "month": [date(2020, 10, 1)],
            "month_name": ["окт 2020"],
            "roadmap_level": ["региональная"],
        }
    )
    spec = charts.school_months_chart(frame, MONTHS).to_dict()
    colour = _encodings(spec, "color")[0]
    assert colour["scale"]["domain"] == ["федеральная", "региональная", "муниципальная", "школьная"]
    assert colour["legend"]["values"] == ["региональная"]
    assert _encodings(spec, "tooltip")[0][0]["field"] == "text"


def test_a_chain_is_drawn_in_columns_by_role_with_missing_links_as_red_crosses() -> None:
    g = nx.DiGraph()
    g.add_node("a", name="Семинар", role="activity")
    g.add_node("e", name="ИМЦ", role="executor")
    g.add_node("r", name="№ 162 от 28.10.2020", role="roadmap")
    g.add_edge("e", "a", label="executes")
    g.add_edge("a", "r", label="part_of")
    nodes, edges = chain_layout(g, ("no-coordinator", "no-controller"))
    assert nodes.select("label", "role", "x", "y").rows() == [
        ("Семинар", "activity", 0.0, 0.0),
        ("ИМЦ", "executor", 1.0, 0.0),
        ("нет координатора", "missing", 2.0, 0.0),
        ("№ 162 от\n28.10.2020", "roadmap", 4.0, 0.0),
        ("нет\nконтролирующего", "missing", 6.0, 0.0),
    ]
    assert nodes["label_wide"].to_list()[3:] == ["№ 162 от 28.10.2020", "нет контролирующего"]
    assert edges.rows() == [(0.0, 0.0, 4.0, 0.0, "входит в"), (1.0, 0.0, 0.0, 0.0, "исполняет")]
    spec = charts.chain_chart(nodes, edges).to_dict()
    assert _encodings(spec, "x2") == [{"field": "x2"}]
    assert spec["height"] == 2 * charts.CHAIN_ROW + charts.CHAIN_LEGEND
    # As wide as the page, however many columns: the controller's column is never past its edge.
    assert spec["width"] == "container"
    assert [row["role_name"] for row in _rows(spec) if "role_name" in row][-1] == "разрыв"


def test_a_node_playing_two_roles_stands_under_the_first_ringed_in_the_colour_of_the_second() -> None:
    g = nx.DiGraph()
    g.add_node("a", name="Семинар", role="activity", roles=("activity",))
    g.add_node("u", name="Управление образования", role="executor", roles=("executor", "issuer"))
    g.add_node("r", name="№ 162 от 28.10.2020", role="roadmap", roles=("roadmap",))
    g.add_edge("u", "a", label="executes")
    g.add_edge("u", "r", label="issued")
    nodes, edges = chain_layout(g)
    row = nodes.row(by_predicate=pl.col("node") == "u", named=True)
    assert (row["x"], row["role_name"]) == (1.0, "исполнитель")
    assert row["roles_name"] == "исполнитель, издатель приказа"
    spec = charts.chain_chart(nodes, edges).to_dict()
    colours = _encodings(spec, "color")
    ring = next(c for c in colours if c.get("field") == "second_role_name")
    dots = next(c for c in colours if c.get("field") == "role_name")
    assert (ring["scale"], ring["legend"], ring["title"]) == (dots["scale"], dots["legend"], dots["title"])
    ringed = [r["full_name"] for r in _rows(spec) if r.get("second_role_name")]
    assert ringed == ["Управление образования"]
    # Every node's tooltip names all its roles.
    tips = [t["field"] for tooltip in _encodings(spec, "tooltip") for t in tooltip]
    assert tips.count("roles_name") == 3 and "role_name" not in tips


def test_every_chart_has_the_projector_fonts(ranked: pl.DataFrame) -> None:
    config = charts.ranking_bars(ranked).to_dict()["config"]
    assert (config["axis"]["labelFontSize"], config["legend"]["labelFontSize"]) == (charts.FONT, charts.FONT)


def test_every_chart_writes_numbers_the_russian_way(ranked: pl.DataFrame) -> None:
    bars = pl.DataFrame(
        {"unit": ["ter:a"], "area_name": ["Город"], "state": [texts.STATUSES["done"]], "windows": [1200]}
    )
    specs = [charts.ranking_bars(ranked).to_dict(), charts.progress_bars(bars).to_dict()]
    assert [spec["config"]["locale"]["number"] for spec in specs] == 2 * [
        {
            "decimal": ",",
            "thousands": "\u00a0",
            "grouping": [3],
            "currency": ["", "\u00a0₽"],
            "percent": "\u00a0%",
        }
    ]


def test_a_chart_image_has_its_thousands_apart_and_its_percentages_spaced(ranked: pl.DataFrame) -> None:
    bars = pl.DataFrame(
        {"unit": ["ter:a"], "area_name": ["Город"], "state": [texts.STATUSES["done"]], "windows": [6000]}
    )
    texts_of = [
        re.findall(r">([^<>]*\d[^<>]*)</text>", vl_convert.vegalite_to_svg(vega.inline_spec(chart)))
        for chart in (charts.progress_bars(bars), charts.ranking_bars(ranked))
    ]
    assert "6\u00a0000" in texts_of[0] and "6,000" not in texts_of[0]
    assert "100\u00a0%" in texts_of[1]


def _mark_labels(chart: Any) -> list[str]:
    """Return what a screen reader says of each mark of a chart drawn as SVG."""
    svg = vl_convert.vegalite_to_svg(vega.inline_spec(chart))
    tags = re.findall(r"<(?!g )[^>]*graphics-symbol[^>]*>", svg)  # marks, not the axes' and legends' groups
    return [label for tag in tags for label in re.findall(r'aria-label="([^"]*)"', tag)]


def test_a_screen_reader_hears_each_mark_as_its_tooltip_reads_and_no_internal_field(
    ranked: pl.DataFrame,
) -> None:
    bars = pl.DataFrame(
        {"unit": ["ter:a"], "area_name": ["Город"], "state": [texts.STATUSES["done"]], "windows": [1200.5]}
    )
    progress = _mark_labels(charts.progress_bars(bars))
    assert progress == [f"Территория: Город; Статус окна: {texts.STATUSES['done']}; Окон: 1200,5"]
    ranking = _mark_labels(charts.ranking_bars(ranked))
    assert "Исполнитель: ИМЦ; Пик к мощности: 130 %; Пик: мероприятий: 13; Мощность в месяц: 10; " in (
        "".join(ranking)
    )
    assert not [label for label in progress + ranking if re.search(r"\b[a-z_]+: ", label)]


def test_each_axis_and_legend_is_named_in_russian_by_its_title(ranked: pl.DataFrame) -> None:
    bars = pl.DataFrame(
        {"unit": ["ter:a"], "area_name": ["Город"], "state": [texts.STATUSES["done"]], "windows": [5]}
    )
    encoding = vega.inline_spec(charts.progress_bars(bars))["encoding"]
    assert encoding["x"]["axis"]["description"] == "Ось «Окон»"
    assert encoding["y"]["axis"]["description"] == "Ось «Территория»"  # untitled: named as in the tooltip
    statuses = ", ".join(texts.STATUSES[s] for s in charts.STATUS_ORDER)
    assert encoding["color"]["legend"]["description"] == f"Легенда «Статус окна»: {statuses}"


def test_a_charts_data_for_excel_are_its_tooltips_under_their_titles() -> None:
    frame = pl.DataFrame(
        {
            "unit": ["ter:a", "ter:a"],
            "area_name": ["А", "А"],
            "state": ["выполнено", "без срока"],
            "windows": [3, 4],
        }
    )
    shown = vega.shown_data(charts.progress_bars(frame))
    assert shown.columns == ["Территория", "Статус окна", "Окон"]
    assert shown.rows() == [("А", "выполнено", 3), ("А", "без срока", 4)]


def test_two_institutes_whose_long_names_start_alike_show_as_their_abbreviations() -> None:
    g = nx.DiGraph()
    prefix = "Государственное бюджетное учреждение дополнительного профессионального образования"
    g.add_node("a", name="Собеседование", role="activity")
    g.add_node("e", name=f"{prefix} «Региональный центр оценки качества»", short="РЦОКИО", role="executor")
    g.add_node("c", name=f"{prefix} «Челябинский институт»", short="ЧИППКРО", role="coordinator")
    g.add_node("r1", name="Отдел образования Центрального района КОиН", short="РОО", role="authority")
    g.add_node("r2", name="Отдел образования Кузнецкого района КОиН", short="РОО", role="authority")
    nodes, _ = chain_layout(g)
    shown = dict(zip(nodes["node"], nodes["label"], strict=True))
    assert (shown["e"], shown["c"]) == ("РЦОКИО", "ЧИППКРО")
    # An abbreviation both districts share tells them apart no better than their names.
    assert (shown["r1"], shown["r2"]) == (
        "Отдел\nобразования\nЦентрального…",
        "Отдел\nобразования\nКузнецкого…",
    )
    assert nodes.filter(pl.col("node") == "e")["full_name"].item().startswith(prefix)


@pytest.mark.parametrize(
    ("fan_out", "members", "count"),
    [
        ("schools", 15, "15 школ"),
        ("schools", 1, "1 школа"),
        ("district_authorities", 6, "6 районных отделов"),
    ],
)
def test_a_fan_out_in_a_chain_says_how_many_it_stands_for(fan_out: str, members: int, count: str) -> None:
    g = nx.DiGraph()
    name = "все ШНОР территории «Новокузнецкий городской округ»"
    g.add_node("f", name=name, role="executor", fan_out=fan_out, territory="ter:n", members=members)
    nodes, _ = chain_layout(g)
    assert nodes.select("label", "full_name").row(0) == (
        f"все ШНОР\nтерритории…\n{count}",
        f"{name}: {count}",
    )


def test_a_fan_out_that_reaches_nobody_says_so_in_the_chain() -> None:
    g = nx.DiGraph()
    name = "все ШНОР территории «город Оленегорск с подведомственной территорией»"
    g.add_node("f", name=name, role="executor", fan_out="schools", territory="ter:o", members=0)
    nodes, _ = chain_layout(g)
    assert nodes["label_wide"].item().endswith("\nникого в списке")
    assert nodes["full_name"].item() == f"{name}: никого в списке"


# Schools named as the synthetic generator names them (`loaders.synthetic`), with the territory that
# `dashboard.data` adds when two schools of the data share a name.
SECONDARY = "Средняя общеобразовательная школа"
PLACES = ("Зеленоградский муниципальный район", "Гурьевский муниципальный округ", "город Полысаево")


def _school(form: str, kind: str, number: int, place: str = "") -> str:
    name = f"{form} «{kind} № {number}»"
    return f"{name} ({place})" if place else name


def test_a_month_grid_names_each_school_by_its_number_and_keeps_the_full_name_in_the_tooltip() -> None:
    names = [_school("МБОУ", SECONDARY, n, PLACES[n % 2]) for n in (12, 12, 103, 7)]
    names[1] = _school("МБОУ", SECONDARY, 12, PLACES[2])
    frame = pl.DataFrame(
        {
            "executor": [f"school:{i}" for i in range(4)],
            "executor_name": names,
            "month_key": ["2020-10"] * 4,
            "month_name": ["окт 2020"] * 4,
            "value": [1.0, 2.0, 3.0, 4.0],
            "load_percent": ["10 %"] * 4,
            "band": ["до 50 %"] * 4,
        }
    )
    spec = vega.inline_spec(charts.executor_heatmap(frame, ["окт 2020"], "active"))
    y = spec["layer"][0]["encoding"]["y"]
    rows = [row for rows in spec["datasets"].values() for row in rows]
    # In the order people read them: «№ 7» before «№ 12» before «№ 103».
    assert y["sort"] == ["СОШ № 7", "СОШ № 12 (Зеленоградский)", "СОШ № 12 (Полысаево)", "СОШ № 103"]
    assert y["axis"]["description"] == "Ось «Исполнитель»"
    assert {r["row_name"]: r["executor_name"] for r in rows}["СОШ № 7"] == names[3]
    assert spec["layer"][0]["encoding"]["tooltip"][0]["field"] == "executor_name"
