"""Chart builders tested as data: the Vega-Lite dictionaries they produce."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import networkx as nx
import polars as pl
import pytest
import vl_convert

from dashboard import charts, texts, vega
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
    assert (axis["labelAngle"], axis["labelExpr"], axis["labelOverlap"]) == (
        0,
        "split(datum.label, ' ')",
        "parity",
    )
    numbers = [layer["mark"] for layer in _layers(spec) if layer["mark"]["type"] == "text"]
    # «13» is the longest number: two characters of 7 pixels.
    assert numbers[0]["opacity"] == {"expr": "14 <= bandwidth('x') ? 1 : 0"}


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
