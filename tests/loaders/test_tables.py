"""What the table loaders share: cell text on one line, and frozen entities built without `__init__`."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from loaders.codec import builder_of
from loaders.tables import plain
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
