"""What the table loaders share: cell text on one line, and frozen entities built without `__init__`."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from loaders.codec import builder_of
from loaders.formats.xlsx import _cell, _texts
from loaders.tables import plain, plain_each
from model.deadlines import parse_deadline
from model.entities import Activity, NodeKind, Source


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("Совещание с руководителями ОО", "Совещание с руководителями ОО"),
        ("", ""),
        ("  Совещание ", "Совещание"),
        ("Совещание  с  ОО", "Совещание с ОО"),
        ("Совещание\nс руководителями\n\nОО", "Совещание с руководителями ОО"),
        ("Совещание\xa0с\u2028ОО\u3000", "Совещание с ОО"),
        ("Совещание\tс\x1cОО", "Совещание с ОО"),
        ("«Совещание» (ОО), 1.2.", "«Совещание» (ОО), 1.2."),
        ("\n", ""),
    ],
)
def test_a_cell_reads_on_one_line_with_single_spaces(cell: str, text: str) -> None:
    assert plain(cell) == text


_TYPICAL = st.sampled_from(
    ["1.", "1.1.", "12.3)", "Совещание", "2024-05-01 00:00:00", "2024-05", " 1. ", "1. ", " 1.", " ", ""]
)
_CELL = st.one_of(_TYPICAL, st.text(alphabet=st.sampled_from("1.-аБ «»\n\t\xa0\x1f\u2028"), max_size=8))
_COLUMN = st.one_of(st.lists(_TYPICAL, max_size=30), st.lists(_CELL, max_size=30))
"""Columns of typical cells, and of cells with line breaks, odd spaces and separators among them."""


@given(_COLUMN)
@example(["1. ", "1.1."])
@example(["1.", " 1.1."])
@example(["1.  1."])
@example(["1.", "1.\n1."])
def test_a_column_made_plain_at_once_is_each_cell_made_plain(cells: list[str]) -> None:
    assert plain_each(cells) == [plain(c) for c in cells]


@given(st.one_of(_COLUMN, st.lists(st.one_of(st.none(), _CELL, st.text(max_size=12)), max_size=30)))
@example(["Совещание ", "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8."])
@example(["1.", " Совещание"])
@example([None, "2024-05-01 00:00:00"])
@example(["1.", "Сове\xa0щание"])
def test_a_column_of_xlsx_values_reads_as_each_value_does(values: list[str | None]) -> None:
    assert _texts(values) == [_cell(v) for v in values]


def test_an_activity_built_without_init_equals_the_one_init_builds() -> None:
    build = builder_of(Activity, "id", "roadmap", "number", "text", "deadline", "source")
    deadline = parse_deadline("Май 2025")
    source = Source("карта.xlsx", "Лист1", 10)

    built = build("rm:x#10", "rm:x", "1.1.", "Совещание", deadline, source)

    made = Activity("rm:x#10", "rm:x", "1.1.", "Совещание", deadline, source=source)
    assert built == made
    assert hash(built) == hash(made)
    assert (built.weight, built.section, built.kind) == (1.0, "", NodeKind.ACTIVITY)
    with pytest.raises(FrozenInstanceError):
        built.text = "Семинар"  # type: ignore[misc]


@pytest.mark.parametrize(
    "names",
    [("id", "roadmap", "number", "text"), ("id", "roadmap", "number", "text", "deadline", "colour"),
     ("id", "id", "roadmap", "number", "text", "deadline")],
    ids=["a-field-without-default-left-out", "a-field-it-has-not", "a-field-twice"],
)  # fmt: skip
def test_a_builder_refuses_fields_that_would_build_a_wrong_activity(names: tuple[str, ...]) -> None:
    with pytest.raises(TypeError):
        builder_of(Activity, *names)
