"""Deadline cells read as dated windows, per shared/specs/deadlines.md."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seed_deadline_cells import SEED_CELLS, SEED_PLANS, SEED_WINDOW_TEXTS, SeedCell

from model import deadline_words
from model.deadlines import UNDATED_KINDS, Deadline, DeadlineKind, parse_deadline, parse_plan_window

# The plan windows the examples are read in: an academic year, a three-year plan, none at all.
AY = (date(2020, 9, 1), date(2021, 8, 31))
Y3 = (date(2021, 1, 1), date(2023, 12, 31))
NO: tuple[None, None] = (None, None)

# Every example in the spec's table of kinds and in its rules: text, plan, kind, start, end.
SPEC_EXAMPLES = [
    ("до 1 октября 2020 года", AY, "date", date(2020, 9, 1), date(2020, 10, 1)),
    ("до 1 октября 2020 года", NO, "date", date(2020, 10, 1), date(2020, 10, 1)),
    ("21.02.2023", NO, "date", date(2023, 2, 21), date(2023, 2, 21)),
    ("10 ноября 2020* года", AY, "date", date(2020, 11, 10), date(2020, 11, 10)),
    ("17.10.15 11.30", NO, "date", date(2015, 10, 17), date(2015, 10, 17)),
    ("до 2024 года", AY, "date", date(2020, 9, 1), date(2024, 12, 31)),
    ("до 2024 года", NO, "date", date(2024, 12, 1), date(2024, 12, 31)),
    ("Октябрь 2020 года", AY, "month", date(2020, 10, 1), date(2020, 10, 31)),
    ("Декабрь 2020", AY, "month", date(2020, 12, 1), date(2020, 12, 31)),
    ("октябрь", AY, "month", date(2020, 10, 1), date(2020, 10, 31)),
    ("Октябрь-ноябрь 2020 года", AY, "period", date(2020, 10, 1), date(2020, 11, 30)),
    ("сентябрь 2020 - май 2021", AY, "period", date(2020, 9, 1), date(2021, 5, 31)),
    ("06.02.2023 - 30.05.2023", NO, "period", date(2023, 2, 6), date(2023, 5, 30)),
    ("IV квартал 2021", NO, "period", date(2021, 10, 1), date(2021, 12, 31)),
    ("I полугодие 2022", NO, "period", date(2022, 1, 1), date(2022, 6, 30)),
    ("2021-2023 гг.", NO, "period", date(2021, 1, 1), date(2023, 12, 31)),
    ("2021/2022 уч. год", NO, "period", date(2021, 9, 1), date(2022, 8, 31)),
    (
        "Ноябрь 2020 года, февраль 2021 года, апрель 2021 года",
        AY,
        "several",
        date(2020, 11, 1),
        date(2021, 4, 30),
    ),
    ("апрель, май - июнь, июль", AY, "several", date(2021, 4, 1), date(2021, 7, 31)),
    ("постоянно", AY, "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    ("в течение учебного года", AY, "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    ("в течение года", Y3, "continuous", date(2021, 1, 1), date(2023, 12, 31)),
    ("в течение всего периода", Y3, "continuous", date(2021, 1, 1), date(2023, 12, 31)),
    ("систематически", AY, "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    ("ежегодно", Y3, "recurring", date(2021, 1, 1), date(2021, 12, 31)),
    ("Май, ежегодно", Y3, "recurring", date(2021, 5, 1), date(2021, 5, 31)),
    ("Октябрь 2021, далее - ежегодно", Y3, "recurring", date(2021, 10, 1), date(2021, 10, 31)),
    ("ежемесячно", AY, "recurring", date(2020, 9, 1), date(2020, 9, 30)),
    ("до 25 числа каждого месяца", AY, "recurring", date(2020, 9, 1), date(2020, 9, 25)),
    ("ежеквартально", Y3, "recurring", date(2021, 1, 1), date(2021, 3, 31)),
    ("1 раз в четверть", AY, "recurring", date(2020, 9, 1), date(2020, 10, 31)),
    ("по отдельному графику", AY, "by_schedule", None, None),
    ("по графику ФЦТ", AY, "by_schedule", None, None),
    ("в соответствии с графиком проведения ВПР", AY, "by_schedule", None, None),
    ("по плану ИМЦ", AY, "by_schedule", None, None),
    ("по итогам ВПР", AY, "event", None, None),
    ("после получения результатов", AY, "event", None, None),
    ("в течение месяца после проведения ВПР", AY, "event", None, None),
    ("по мере необходимости", AY, "event", None, None),
    ("уточняется", AY, "unknown", None, None),
    ("декабрь", AY, "month", date(2020, 12, 1), date(2020, 12, 31)),
    ("февраль", AY, "month", date(2021, 2, 1), date(2021, 2, 28)),
    ("декабрь", NO, "month", None, None),
    ("Июнь-июль 2020 года", AY, "period", date(2020, 6, 1), date(2020, 7, 31)),
    ("22 июня 10.00 ч.", AY, "date", date(2021, 6, 22), date(2021, 6, 22)),
    ('27 ноября ДК "Строитель"', AY, "date", date(2020, 11, 27), date(2020, 11, 27)),
]

# More forms seen in roadmaps, beyond the spec's own examples.
MORE_FORMS = [
    ("с 1 по 15 октября 2020", AY, "period", date(2020, 10, 1), date(2020, 10, 15)),
    ("10-11 ноября 2020 года", AY, "period", date(2020, 11, 10), date(2020, 11, 11)),
    ("с 15 сентября по 15 октября", AY, "period", date(2020, 9, 15), date(2020, 10, 15)),
    ("15.09-15.10.2020", AY, "period", date(2020, 9, 15), date(2020, 10, 15)),
    ("с 01.09.2020 по 31.05.2021", AY, "period", date(2020, 9, 1), date(2021, 5, 31)),
    ("01.09.2020-31.05.2021", AY, "period", date(2020, 9, 1), date(2021, 5, 31)),
    ("с 1 сентября 2020", AY, "period", date(2020, 9, 1), date(2021, 8, 31)),
    ("постоянно, с 01.09.2020", AY, "period", date(2020, 9, 1), date(2021, 8, 31)),
    ("до 15.10.2020", AY, "date", date(2020, 9, 1), date(2020, 10, 15)),
    ("до 15.10", AY, "date", date(2020, 9, 1), date(2020, 10, 15)),
    ("до 1 октября", AY, "date", date(2020, 9, 1), date(2020, 10, 1)),
    ("не позднее 25 января 2021 г.", AY, "date", date(2020, 9, 1), date(2021, 1, 25)),
    ("к 1 сентября 2021", AY, "date", date(2020, 9, 1), date(2021, 9, 1)),
    ("до конца 2020 года", AY, "date", date(2020, 9, 1), date(2020, 12, 31)),
    ("до конца учебного года", AY, "date", date(2020, 9, 1), date(2021, 8, 31)),
    ("31.12.2020г.", AY, "date", date(2020, 12, 31), date(2020, 12, 31)),
    ("21.02.23", NO, "date", date(2023, 2, 21), date(2023, 2, 21)),
    ("15 мая", AY, "date", date(2021, 5, 15), date(2021, 5, 15)),
    ("1-го сентября 2020 г.", AY, "date", date(2020, 9, 1), date(2020, 9, 1)),
    ("Сент. 2020", AY, "month", date(2020, 9, 1), date(2020, 9, 30)),
    ("окт. 2020", AY, "month", date(2020, 10, 1), date(2020, 10, 31)),
    ("в мае 2021 года", AY, "month", date(2021, 5, 1), date(2021, 5, 31)),
    ("в сентябре", AY, "month", date(2020, 9, 1), date(2020, 9, 30)),
    ("август 2020 года", AY, "month", date(2020, 8, 1), date(2020, 8, 31)),
    ("Сен-\nтябрь 2020", AY, "month", date(2020, 9, 1), date(2020, 9, 30)),
    ("1 квартал 2021", AY, "period", date(2021, 1, 1), date(2021, 3, 31)),
    ("IV кв. 2021", NO, "period", date(2021, 10, 1), date(2021, 12, 31)),
    ("III-IV квартал 2021", NO, "period", date(2021, 7, 1), date(2021, 12, 31)),
    ("в течение I квартала 2021 года", AY, "period", date(2021, 1, 1), date(2021, 3, 31)),
    ("II полугодие 2021 года", NO, "period", date(2021, 7, 1), date(2021, 12, 31)),
    ("1-е полугодие 2021", AY, "period", date(2021, 1, 1), date(2021, 6, 30)),
    ("2 четверть", AY, "period", date(2020, 11, 1), date(2020, 12, 31)),
    ("2020-2021 учебный год", AY, "period", date(2020, 9, 1), date(2021, 8, 31)),
    ("2021/22 уч.г.", NO, "period", date(2021, 9, 1), date(2022, 8, 31)),
    ("в течение 2020-2021 учебного года", AY, "period", date(2020, 9, 1), date(2021, 8, 31)),
    ("2021 год", AY, "period", date(2021, 1, 1), date(2021, 12, 31)),
    ("в течение 2021-2022 гг.", NO, "period", date(2021, 1, 1), date(2022, 12, 31)),
    ("2020 - 2021 годы", NO, "period", date(2020, 1, 1), date(2021, 12, 31)),
    ("сентябрь-май", AY, "period", date(2020, 9, 1), date(2021, 5, 31)),
    ("декабрь - январь", AY, "period", date(2020, 12, 1), date(2021, 1, 31)),
    ("декабрь 2020 - январь 2021 года", AY, "period", date(2020, 12, 1), date(2021, 1, 31)),
    ("Июнь-июль", AY, "period", date(2021, 6, 1), date(2021, 7, 31)),
    ("ноябрь, декабрь 2020 года", AY, "several", date(2020, 11, 1), date(2020, 12, 31)),
    ("декабрь, январь 2021", AY, "several", date(2020, 12, 1), date(2021, 1, 31)),
    ("сентябрь 2020, октябрь", AY, "several", date(2020, 9, 1), date(2020, 10, 31)),
    ("март и апрель 2021", AY, "several", date(2021, 3, 1), date(2021, 4, 30)),
    ("октябрь 2020; март 2021", AY, "several", date(2020, 10, 1), date(2021, 3, 31)),
    ("ежегодно в мае", Y3, "recurring", date(2021, 5, 1), date(2021, 5, 31)),
    ("ежегодно до 20 декабря", Y3, "recurring", date(2021, 12, 1), date(2021, 12, 20)),
    ("каждого года", Y3, "recurring", date(2021, 1, 1), date(2021, 12, 31)),
    ("ежемесячно до 5 числа", AY, "recurring", date(2020, 9, 1), date(2020, 9, 5)),
    ("до 30 числа каждого месяца", AY, "recurring", date(2020, 9, 1), date(2020, 9, 30)),
    ("ежемесячно с сентября по май", AY, "recurring", date(2020, 9, 1), date(2020, 9, 30)),
    ("раз в месяц", AY, "recurring", date(2020, 9, 1), date(2020, 9, 30)),
    ("каждый квартал", Y3, "recurring", date(2021, 1, 1), date(2021, 3, 31)),
    ("1 раз в полугодие", AY, "recurring", date(2020, 9, 1), date(2020, 12, 31)),
    ("2 раза в год", Y3, "recurring", date(2021, 1, 1), date(2021, 6, 30)),
    ("по четвертям", AY, "recurring", date(2020, 9, 1), date(2020, 10, 31)),
    ("по итогам каждой четверти", AY, "recurring", date(2020, 9, 1), date(2020, 10, 31)),
    ("ежедневно", AY, "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    ("регулярно", AY, "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    ("весь период", Y3, "continuous", date(2021, 1, 1), date(2023, 12, 31)),
    ("в течение всего срока реализации", Y3, "continuous", date(2021, 1, 1), date(2023, 12, 31)),
    ("на протяжении учебного года", AY, "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    ("в течение отчётного периода", Y3, "continuous", date(2021, 1, 1), date(2023, 12, 31)),
    ("согласно графику", AY, "by_schedule", None, None),
    ("по расписанию", AY, "by_schedule", None, None),
    ("в сроки, установленные Рособрнадзором", AY, "by_schedule", None, None),
    ("в соответствии с планом работы ИМЦ", AY, "by_schedule", None, None),
    ("соответ-\nствии с графиком", AY, "by_schedule", None, None),
    ("по запросу", AY, "event", None, None),
    ("по результатам мониторинга", AY, "event", None, None),
    ("по мере поступления", AY, "event", None, None),
    ("при необходимости", AY, "event", None, None),
    ("в течение 10 дней после получения результатов", AY, "event", None, None),
    ("Апрель 2021 (по итогам ВПР)", AY, "event", date(2021, 4, 1), date(2021, 4, 30)),
    ("29 февраля 2021", AY, "unknown", None, None),
    ("-", AY, "unknown", None, None),
    ("", AY, "unknown", None, None),
    ("   ", AY, "unknown", None, None),
]


def case_id(value: object) -> str | None:
    """Name a case by its cell text, with line breaks shown; let pytest name everything else."""
    if isinstance(value, tuple) and value and isinstance(value[0], str):
        value = value[0]
    return (value.replace("\n", "⏎") or "empty") if isinstance(value, str) else None


def read(text: str, plan: tuple[date | None, date | None]) -> tuple[str, date | None, date | None]:
    d = parse_deadline(text, *plan)
    return d.kind.value, d.start, d.end


@pytest.mark.parametrize(
    ("text", "plan", "kind", "start", "end"), SPEC_EXAMPLES, ids=[case_id(c[0]) for c in SPEC_EXAMPLES]
)
def test_every_example_in_the_spec_reads_as_the_spec_says(
    text: str, plan: tuple[date | None, date | None], kind: str, start: date | None, end: date | None
) -> None:
    assert read(text, plan) == (kind, start, end)


@pytest.mark.parametrize(
    ("text", "plan", "kind", "start", "end"), MORE_FORMS, ids=[case_id(c[0]) for c in MORE_FORMS]
)
def test_more_forms_seen_in_roadmaps_read_as_windows(
    text: str, plan: tuple[date | None, date | None], kind: str, start: date | None, end: date | None
) -> None:
    assert read(text, plan) == (kind, start, end)


@pytest.mark.parametrize("cell", SEED_CELLS, ids=[f"{c.order}-{c.row}" for c in SEED_CELLS])
def test_every_deadline_cell_of_the_seed_roadmaps_reads_in_its_plan_window(cell: SeedCell) -> None:
    assert read(cell.text, SEED_PLANS[cell.order]) == (cell.kind, cell.start, cell.end)


def test_the_seed_list_holds_every_row_of_the_four_roadmaps() -> None:
    counts = {order: sum(c.order == order for c in SEED_CELLS) for order in ("001", "002", "003", "004")}
    assert counts == {"001": 26, "002": 17, "003": 40, "004": 10}


@pytest.mark.parametrize("order", sorted(SEED_WINDOW_TEXTS))
def test_each_seed_order_names_the_plan_window_its_cells_are_read_in(order: str) -> None:
    assert parse_plan_window(SEED_WINDOW_TEXTS[order]) == SEED_PLANS[order]


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("на 2020-2021 учебный год", (date(2020, 9, 1), date(2021, 8, 31))),
        ("на 2020 - 2021 учебный год", (date(2020, 9, 1), date(2021, 8, 31))),
        ("на 2020/21 уч. год", (date(2020, 9, 1), date(2021, 8, 31))),
        ("на 2021-2023 годы", (date(2021, 1, 1), date(2023, 12, 31))),
        ("на 2020-2021 годы", (date(2020, 1, 1), date(2021, 12, 31))),
        ("на 2021 – 2023 гг.", (date(2021, 1, 1), date(2023, 12, 31))),
        ("на 2021 год", (date(2021, 1, 1), date(2021, 12, 31))),
        ("План работы в 2016 году", (date(2016, 1, 1), date(2016, 12, 31))),
        ("Карта на 2020-2021 годы.\nПлан на 2020-2021\nучебный год", (date(2020, 9, 1), date(2021, 8, 31))),
        ("на 2023-2021 годы", (None, None)),
        ("Дорожная карта", (None, None)),
        ("", (None, None)),
    ],
)
def test_a_document_names_its_plan_window(text: str, window: tuple[date | None, date | None]) -> None:
    assert parse_plan_window(text) == window


@pytest.mark.parametrize(
    ("text", "plan", "occurrences"),
    [
        (
            "Ноябрь 2020 года, февраль 2021 года, апрель 2021 года",
            AY,
            (
                (date(2020, 11, 1), date(2020, 11, 30)),
                (date(2021, 2, 1), date(2021, 2, 28)),
                (date(2021, 4, 1), date(2021, 4, 30)),
            ),
        ),
        (
            "апрель, май - июнь, июль",
            AY,
            (
                (date(2021, 4, 1), date(2021, 4, 30)),
                (date(2021, 5, 1), date(2021, 6, 30)),
                (date(2021, 7, 1), date(2021, 7, 31)),
            ),
        ),
        ("в течение учебного года", AY, ((date(2020, 9, 1), date(2021, 8, 31)),)),
        ("ежегодно", AY, ((date(2020, 9, 1), date(2021, 8, 31)),)),
        (
            "ежегодно",
            Y3,
            (
                (date(2021, 1, 1), date(2021, 12, 31)),
                (date(2022, 1, 1), date(2022, 12, 31)),
                (date(2023, 1, 1), date(2023, 12, 31)),
            ),
        ),
        (
            "В течение года, ежегодно",
            Y3,
            (
                (date(2021, 1, 1), date(2021, 12, 31)),
                (date(2022, 1, 1), date(2022, 12, 31)),
                (date(2023, 1, 1), date(2023, 12, 31)),
            ),
        ),
        (
            "Май, ежегодно",
            Y3,
            (
                (date(2021, 5, 1), date(2021, 5, 31)),
                (date(2022, 5, 1), date(2022, 5, 31)),
                (date(2023, 5, 1), date(2023, 5, 31)),
            ),
        ),
        ("Май, ежегодно", AY, ((date(2021, 5, 1), date(2021, 5, 31)),)),
        (
            "Октябрь 2021, далее - ежегодно",
            Y3,
            (
                (date(2021, 10, 1), date(2021, 10, 31)),
                (date(2022, 10, 1), date(2022, 10, 31)),
                (date(2023, 10, 1), date(2023, 10, 31)),
            ),
        ),
        (
            "1 раз в четверть",
            AY,
            (
                (date(2020, 9, 1), date(2020, 10, 31)),
                (date(2020, 11, 1), date(2020, 12, 31)),
                (date(2021, 1, 1), date(2021, 3, 31)),
                (date(2021, 4, 1), date(2021, 5, 31)),
            ),
        ),
        (
            "ежеквартально",
            AY,
            (
                (date(2020, 9, 1), date(2020, 9, 30)),
                (date(2020, 10, 1), date(2020, 12, 31)),
                (date(2021, 1, 1), date(2021, 3, 31)),
                (date(2021, 4, 1), date(2021, 6, 30)),
                (date(2021, 7, 1), date(2021, 8, 31)),
            ),
        ),
        (
            "1 раз в полугодие",
            AY,
            ((date(2020, 9, 1), date(2020, 12, 31)), (date(2021, 1, 1), date(2021, 8, 31))),
        ),
        ("Октябрь 2021, далее - ежегодно", NO, ((date(2021, 10, 1), date(2021, 10, 31)),)),
        ("Май, ежегодно", NO, ()),
        ("по отдельному графику", AY, ()),
    ],
    ids=case_id,
)
def test_every_occurrence_inside_the_plan_window_is_listed(
    text: str, plan: tuple[date | None, date | None], occurrences: tuple[tuple[date, date], ...]
) -> None:
    assert parse_deadline(text, *plan).occurrences == occurrences


@pytest.mark.parametrize(
    ("text", "plan", "count", "first", "last"),
    [
        ("ежемесячно", AY, 12, (date(2020, 9, 1), date(2020, 9, 30)), (date(2021, 8, 1), date(2021, 8, 31))),
        (
            "ежемесячно",
            Y3,
            36,
            (date(2021, 1, 1), date(2021, 1, 31)),
            (date(2023, 12, 1), date(2023, 12, 31)),
        ),
        (
            "до 25 числа каждого месяца",
            Y3,
            36,
            (date(2021, 1, 1), date(2021, 1, 25)),
            (date(2023, 12, 1), date(2023, 12, 25)),
        ),
        (
            "до 30 числа каждого месяца",
            Y3,
            36,
            (date(2021, 1, 1), date(2021, 1, 30)),
            (date(2023, 12, 1), date(2023, 12, 30)),
        ),
        (
            "ежемесячно с сентября по май",
            AY,
            9,
            (date(2020, 9, 1), date(2020, 9, 30)),
            (date(2021, 5, 1), date(2021, 5, 31)),
        ),
        (
            "ежеквартально",
            Y3,
            12,
            (date(2021, 1, 1), date(2021, 3, 31)),
            (date(2023, 10, 1), date(2023, 12, 31)),
        ),
    ],
    ids=case_id,
)
def test_a_monthly_or_quarterly_activity_repeats_through_the_plan_window(
    text: str,
    plan: tuple[date, date],
    count: int,
    first: tuple[date, date],
    last: tuple[date, date],
) -> None:
    occurrences = parse_deadline(text, *plan).occurrences
    assert (len(occurrences), occurrences[0], occurrences[-1]) == (count, first, last)


def test_february_of_a_monthly_deadline_ends_on_its_last_day() -> None:
    occurrences = parse_deadline("до 30 числа каждого месяца", *Y3).occurrences
    assert occurrences[1] == (date(2021, 2, 1), date(2021, 2, 28))


@pytest.mark.parametrize(
    ("text", "plan", "notes"),
    [
        ("Октябрь 2020 года", AY, ()),
        ("22 июня 10.00 ч.", AY, ("время не учитывается: 10.00 ч.",)),
        ('27 ноября ДК "Строитель"', AY, ('не учтено: ДК "Строитель"',)),
        ("17.10.15 11.30", NO, ("год записан двумя цифрами: 15 → 2015", "время не учитывается: 11.30")),
        ("Июнь-июль 2020 года", AY, ("вне окна плана 01.09.2020–31.08.2021: Июнь-июль 2020 года",)),
        ("Июнь-\nиюль \n2020 года", AY, ("вне окна плана 01.09.2020–31.08.2021: Июнь-июль 2020 года",)),
        ("до 2024 года", AY, ("вне окна плана 01.09.2020–31.08.2021: 2024 года",)),
        ("декабрь", NO, ("окно плана неизвестно: месяц без года",)),
        ("постоянно", NO, ("окно плана неизвестно: срок без дат",)),
        ("постоянно\nобщего", NO, ("не учтено: общего", "окно плана неизвестно: срок без дат")),
        ("Май, ежегодно", NO, ("окно плана неизвестно: повторения не развернуты",)),
        ("29 февраля 2021", AY, ("несуществующая дата: 29 февраля 2021",)),
        ("30 февраля 2021", AY, ("несуществующая дата: 30 февраля",)),
        ("еженедельно", AY, ("повторяется чаще раза в месяц: учтено как постоянно",)),
        (
            "1 раз в четверть",
            (date(2021, 6, 1), date(2021, 8, 31)),
            ("ни одного повторения внутри окна плана",),
        ),
    ],
    ids=case_id,
)
def test_what_was_ignored_or_doubted_is_noted(
    text: str, plan: tuple[date | None, date | None], notes: tuple[str, ...]
) -> None:
    assert parse_deadline(text, *plan).notes == notes


@pytest.mark.parametrize(
    "variants",
    [
        (
            "Октябрь-ноябрь 2020 года",
            "ОКТЯБРЬ-НОЯБРЬ 2020 ГОДА",
            "октябрь – ноябрь 2020 года",
            "октябрь — ноябрь   2020 года",
            "Октябрь-\nноябрь \n2020 года",
            "октябрь\u00a0-\u00a0ноябрь 2020 г.",
            "  Октябрь -ноябрь 2020*  ",
        ),
        ("в течение отчетного периода", "в течение отчётного периода", "В ТЕЧЕНИЕ\nОТЧЁТНОГО\nПЕРИОДА"),
        (
            "по отдельному графику",
            "По \nотдельному \nграфику",
            "По отдельном\nу графику",
            "ПО ОТДЕЛЬНО\nМУ ГРАФИКУ",
        ),
        ("Сентябрь, октябрь", "Сентябрь, \nоктябрь", "сентябрь,октябрь", "СЕНТЯБРЬ ,  ОКТЯБРЬ"),
    ],
    ids=case_id,
)
def test_case_yo_dashes_spaces_and_line_breaks_do_not_change_the_result(variants: tuple[str, ...]) -> None:
    results = {(d.kind, d.start, d.end, d.occurrences) for d in (parse_deadline(v, *AY) for v in variants)}
    assert len(results) == 1


def test_the_raw_text_is_kept_next_to_the_result() -> None:
    assert parse_deadline("По \nотдельному \nграфику", *AY).raw == "По \nотдельному \nграфику"


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("Октябрь 2020 года", True),
        ("постоянно", True),
        ("по отдельному графику", False),
        ("по итогам ВПР", False),
        ("уточняется", False),
    ],
)
def test_only_a_deadline_with_a_window_is_dated(text: str, dated: bool) -> None:
    assert parse_deadline(text, *AY).is_dated is dated


def test_schedule_event_and_unknown_are_the_undated_kinds() -> None:
    undated = {DeadlineKind.BY_SCHEDULE, DeadlineKind.EVENT, DeadlineKind.UNKNOWN}
    assert undated == UNDATED_KINDS


def test_a_reversed_plan_window_is_read_the_right_way_round() -> None:
    assert parse_deadline("постоянно", date(2021, 8, 31), date(2020, 9, 1)).occurrences == (
        (date(2020, 9, 1), date(2021, 8, 31)),
    )


def test_a_cell_that_is_not_text_reads_as_unknown() -> None:
    assert parse_deadline(None).kind is DeadlineKind.UNKNOWN  # type: ignore[arg-type]


def test_a_repeated_cell_is_parsed_once() -> None:
    assert parse_deadline("Декабрь 2020", *AY) is parse_deadline("Декабрь 2020", *AY)


# Property tests: any text, any plan window — the parser answers, and its answer is consistent.
WORD_LIST = """
    до с по - — , ; * ё и 2020 2021 20 1 31 29 02 12.10 17.10.15 11:30 10.00 2021/2022 2020-2021
    ежегодно ежемесячно ежеквартально далее числа каждого месяца раз в четверть полугодие
    Октябрь мая февраля декабрь IV I квартал уч. год гг. года постоянно в течение учебного
    по итогам графику плану после ДК «Строитель»
"""
WORDS = [*WORD_LIST.split(), "\n", " "]
VOCABULARY = st.sampled_from(WORDS)
CELLS = st.one_of(
    st.text(max_size=80),
    st.lists(VOCABULARY, max_size=14).map(" ".join),
    st.lists(VOCABULARY, max_size=14).map("".join),
)
ANY_DAY = st.one_of(st.none(), st.dates())
REAL_DAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


def assert_consistent(d: Deadline, text: str) -> None:
    assert d.raw == text
    assert deadline_words.NOTE_FAILED not in d.notes
    assert (d.start is None) == (d.end is None) == (not d.occurrences)
    assert list(d.occurrences) == sorted(d.occurrences)
    assert all(s <= e for s, e in d.occurrences)
    if d.start is not None and d.end is not None:
        assert d.start <= d.end
        if d.kind is DeadlineKind.RECURRING:
            assert (d.start, d.end) == d.occurrences[0]
        else:
            assert all(d.start <= s and e <= d.end for s, e in d.occurrences)
    if d.kind in (DeadlineKind.BY_SCHEDULE, DeadlineKind.UNKNOWN):
        assert d.occurrences == ()


@settings(max_examples=400, deadline=None)
@given(CELLS, ANY_DAY, ANY_DAY)
def test_any_text_in_any_plan_window_parses_without_raising(
    text: str, plan_start: date | None, plan_end: date | None
) -> None:
    assert_consistent(parse_deadline(text, plan_start, plan_end), text)


@settings(max_examples=400, deadline=None)
@given(CELLS, REAL_DAY, REAL_DAY)
def test_a_dated_kind_has_an_occurrence_once_the_plan_window_is_known(text: str, a: date, b: date) -> None:
    d = parse_deadline(text, min(a, b), max(a, b))
    assert_consistent(d, text)
    if d.kind not in UNDATED_KINDS:
        assert d.occurrences or deadline_words.NOTE_NO_REPEATS in d.notes
    if d.kind is DeadlineKind.CONTINUOUS:
        assert d.occurrences == ((min(a, b), max(a, b)),)


@settings(deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(VOCABULARY, max_size=20).map(" ".join)))
def test_any_text_names_a_plan_window_or_none_without_raising(text: str) -> None:
    start, end = parse_plan_window("на " + text)
    assert (start is None) == (end is None)
    assert start is None or end is None or start <= end
