"""Merged areas of an xlsx sheet are found after any number of cells, wherever the sheet's XML is cut."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from loaders.formats.xlsx import _scanned, _uncomputed_formulas
from loaders.read import CellRange, read_tables


def test_a_merged_area_below_a_long_table_fills_its_rows(tmp_path: Path, write_table) -> None:
    text = "Проведение совещания по итогам региональных мониторинговых исследований качества образования"
    rows = [["№ п/п", "Мероприятия", "Сроки", "Ответственные"]]
    rows += [[f"{i}.", f"{text} {i}", "Май 2025", "УО"] for i in range(1, 4000)]
    rows += [
        ["4000.", "Анализ реализации дорожной карты", "Июнь 2025", "ИМЦ"],
        ["4001.", "Отчёт", "Июль 2025", None],
    ]
    path = write_table(tmp_path / "long.xlsx", rows, merges=["D4001:D4002"])

    table = read_tables(path).tables[0]

    assert table.merges == (CellRange(4001, 3, 4002, 3),)
    assert [r.cells for r in table.rows[-2:]] == [
        ("4000.", "Анализ реализации дорожной карты", "Июнь 2025", "ИМЦ"),
        ("4001.", "Отчёт", "Июль 2025", "ИМЦ"),
    ]


@pytest.mark.parametrize("at", [0, 5, (1 << 20) - 12, (1 << 20) - 9, (1 << 20) - 4, 1 << 20, (1 << 20) + 3])
def test_the_sheet_xml_is_kept_from_just_before_its_first_merge_wherever_it_falls(at: int) -> None:
    xml = b"x" * at + b'<x:mergeCell ref="A1:B2"/>' + b"y" * 100

    assert _scanned(io.BytesIO(xml)) == (xml[max(at + 3 - 10, 0) :], frozenset(), b"")
    assert _scanned(io.BytesIO(b"x" * at)) == (b"", frozenset(), b"")
    error = b"x" * at + b'<c r="A1" t="e">' + b"x" * at
    assert _scanned(io.BytesIO(error)) == (b"", {b't="e"'}, error)
    formula = b"x" * at + b'<c r="A1"><f>B1</f><v>1</v></c>' + xml
    assert _scanned(io.BytesIO(formula)) == (formula[formula.index(b"mergeCell") - 10 :], {b"f>"}, formula)


@pytest.mark.parametrize(
    ("xml", "cells"),
    [
        (b'<c r="B3"><f>A1</f></c>', [(2, 1)]),
        (b'<c r="B3" s="2"><f>A1</f><v></v></c><c r="C3"><f>A2</f><v/></c>', [(2, 1), (2, 2)]),
        (b'<c r="B3">\n  <f>A1</f>\n  <v>\n  </v>\n</c>', [(2, 1)]),
        (b'<x:c r="AA10"><x:f>A1</x:f></x:c>', [(9, 26)]),
        (
            b'<c r="A1"><f t="shared" ref="A1:A2" si="0">B1</f><v>1</v></c>'
            b'<c r="A2"><f t="shared" si="0"/></c>',
            [(1, 0)],
        ),
        # Computed: a value, or an empty text (t="str"), or no formula at all.
        (b'<c r="B3"><f>A1</f><v>0</v></c><c r="C3" t="str"><f>""</f><v></v></c>', []),
        (b'<c r="B3" t="inlineStr"><is><t>pdf</t></is></c><c r="C3"><v>1</v></c>', []),
    ],
)
def test_a_formula_is_uncomputed_when_its_cell_holds_no_value(
    xml: bytes, cells: list[tuple[int, int]]
) -> None:
    assert _uncomputed_formulas(b"<sheetData><row>" + xml + b"</row></sheetData>") == cells


def test_only_the_xml_from_the_piece_before_the_first_marked_cell_is_held() -> None:
    xml = b"x" * (3 << 20) + b'<c r="A1" t="e"><v>#REF!</v></c>' + b"x" * 100

    scanned = _scanned(io.BytesIO(xml))

    assert (scanned.marks, scanned.cells) == ({b't="e"'}, xml[2 << 20 :])
