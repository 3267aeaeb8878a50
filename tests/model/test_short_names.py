"""Short names of chart rows: they fit a 1024-pixel projector, never read alike, keep a school's number."""

from __future__ import annotations

import itertools
import re

import pytest

from model.short_names import short_names

# The names the synthetic generator gives schools (`loaders.synthetic`): a legal form, a quoted kind and a
# number; `dashboard.data` adds the territory when two schools of the data share a name.
FORMS = ("МБОУ", "МКОУ", "МАОУ", "МОУ")
KINDS = (
    "Средняя общеобразовательная школа",
    "Основная общеобразовательная школа",
    "Лицей",
    "Гимназия",
    "Школа",
)
PLACES = ("Зеленоградский муниципальный район", "Гурьевский муниципальный округ", "город Полысаево")


def _school(form: str, kind: str, number: int, place: str = "") -> str:
    name = f"{form} «{kind} № {number}»"
    return f"{name} ({place})" if place else name


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            [_school("МБОУ", KINDS[0], 12, PLACES[0]), _school("МБОУ", KINDS[0], 14, PLACES[0])],
            ["СОШ № 12", "СОШ № 14"],
        ),
        (
            [_school("МБОУ", KINDS[0], 12, PLACES[0]), _school("МБОУ", KINDS[0], 12, PLACES[1])],
            ["СОШ № 12 (Зеленоградский)", "СОШ № 12 (Гурьевский)"],
        ),
        (
            [_school("МБОУ", KINDS[0], 3, PLACES[2]), _school("МАОУ", KINDS[0], 3, PLACES[2])],
            ["МБОУ «СОШ № 3» (Полысаево)", "МАОУ «СОШ № 3» (Полысаево)"],
        ),
        (
            [
                "Муниципальное бюджетное общеобразовательное учреждение «Основная общеобразовательная школа "
                "№ 5 имени А.С. Пушкина»"
            ],
            ["ООШ № 5 им. А.С. Пушкина"],
        ),
        (
            ["ИМЦ", "МБОУ «СОШ № 7»", "Управление образования"],
            ["ИМЦ", "МБОУ «СОШ № 7»", "Управление образования"],
        ),
        (
            ["МБОУ «Средняя общеобразовательная школа № 9»", "СОШ № 9"],
            ["МБОУ «СОШ № 9»", "СОШ № 9"],
        ),
    ],
)
def test_a_long_school_name_keeps_its_kind_and_number_and_loses_the_legal_form_first(
    names: list[str], expected: list[str]
) -> None:
    assert list(short_names(names).values()) == expected


def test_the_schools_of_a_generated_region_never_share_a_row_name_and_keep_their_number() -> None:
    names = [
        _school(form, kind, number, place)
        for form, kind, number, place in itertools.product(FORMS[:2], KINDS, range(1, 41), PLACES)
    ]
    shown = short_names(names)
    assert len(set(shown.values())) == len(names)
    for name, text in shown.items():
        number = re.search(r"№ \d+", name)
        assert number is not None and number.group() in text
    lengths = sorted(len(text) for text in shown.values())
    assert lengths[len(lengths) // 2] <= 30


def test_names_that_still_read_alike_are_numbered_in_their_order() -> None:
    # Two rows of the same name in full cannot happen in the data; a chart still tells them apart.
    shown = short_names(["МБОУ «СОШ № 1» (Город)", "МБОУ «СОШ № 1» (город Город)"])
    assert len(set(shown.values())) == 2
