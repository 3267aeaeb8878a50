"""Every deadline cell of the roadmaps in the five seed orders (shared/seeds), as published.

Each row holds the order, the row number as printed, the cell text (line breaks where the PDF or the
table broke it) and what the cell means in that order's plan window: (kind, start, end). The regional
order 000 (Кузбасс) has no roadmap table, so it has no cells; its window is still read.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class SeedCell(NamedTuple):
    order: str
    row: str
    text: str
    kind: str
    start: date | None
    end: date | None


# The plan window of each order, as `parse_plan_window` reads it from the order's own words.
# 002 (Челябинск) names no window anywhere: the spec lets either end be unknown, so both stay None.
# Its month cells carry their own years; «постоянно» then has no dates and says so in a note.
SEED_PLANS: dict[str, tuple[date | None, date | None]] = {
    "000": (date(2020, 1, 1), date(2021, 12, 31)),
    "001": (date(2020, 9, 1), date(2021, 8, 31)),
    "002": (None, None),
    "003": (date(2020, 9, 1), date(2021, 8, 31)),
    "004": (date(2021, 1, 1), date(2023, 12, 31)),
}

# The words each order names its window with (titles and table headings, quoted as published).
SEED_WINDOW_TEXTS: dict[str, str] = {
    "000": "Об утверждении Дорожной карты по повышению качества образования в общеобразовательных "
    "организациях Кемеровской области-Кузбасса, имеющих низкие образовательные результаты "
    "обучающихся, на 2020-2021 годы",
    "001": "Об утверждении Дорожной карты ... имеющих низкие образовательные результаты,\n"
    "на 2020-2021 годы\n\nПлан мероприятий по повышению качества образования в общеобразовательных "
    "организациях, имеющих низкие образовательные результаты обучающихся, на 2020-2021 учебный год",
    "002": "МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ ЧЕЛЯБИНСКОЙ ОБЛАСТИ\nПРИКАЗ\n23 ИЮН 2020\n"
    "В рамках реализации государственной программы Челябинской области «Развитие образования в "
    "Челябинской области», утвержденной Постановлением Правительства Челябинской области от "
    "28 декабря 2017 года № 732-П\n«Дорожная карта» комплексного сопровождения общеобразовательных "
    "организаций Челябинской области с низкими образовательными результатами",
    "003": "имеющих низкие образовательные результаты, \n\nна 2020-2021  годы \n\nДорожная карта \n\n"
    "по повышению качества общего образования  общеобразовательных организаций, \n\n"
    "имеющих  низкие образовательные  результататы, на  2020 - 2021 учебный год ",
    "004": "Об утверждении Плана мероприятий («дорожная карта») по развитию системы работы со школами "
    "с низкими образовательными результатами в городе Оленегорске с подведомственной территорией "
    "на 2021-2023 годы",
}

SEED_CELLS: tuple[SeedCell, ...] = (
    # 001 Полысаево, order 162 of 28.10.2020: «Мероприятия / Сроки / Ответственные», 26 rows.
    SeedCell("001", "1.", "Октябрь 2020 года", "month", date(2020, 10, 1), date(2020, 10, 31)),
    SeedCell("001", "2.", "Октябрь 2020 года", "month", date(2020, 10, 1), date(2020, 10, 31)),
    SeedCell("001", "3.", "Октябрь 2020 года", "month", date(2020, 10, 1), date(2020, 10, 31)),
    SeedCell("001", "4.", "Ноябрь 2020 года", "month", date(2020, 11, 1), date(2020, 11, 30)),
    SeedCell("001", "5.", "Октябрь-ноябрь 2020 года", "period", date(2020, 10, 1), date(2020, 11, 30)),
    SeedCell("001", "6.", "Ноябрь 2020 года", "month", date(2020, 11, 1), date(2020, 11, 30)),
    SeedCell("001", "7.", "Декабрь 2020", "month", date(2020, 12, 1), date(2020, 12, 31)),
    SeedCell("001", "8.", "Октябрь-ноябрь 2020 года", "period", date(2020, 10, 1), date(2020, 11, 30)),
    SeedCell("001", "9.", "Февраль 2021 года", "month", date(2021, 2, 1), date(2021, 2, 28)),
    SeedCell("001", "10.", "Ноябрь 2020 года", "month", date(2020, 11, 1), date(2020, 11, 30)),
    SeedCell("001", "11.", "Октябрь-ноябрь 2020 года", "period", date(2020, 10, 1), date(2020, 11, 30)),
    SeedCell("001", "12.", "В течение учебного года", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("001", "13.", "Октябрь-ноябрь 2020 года", "period", date(2020, 10, 1), date(2020, 11, 30)),
    SeedCell("001", "14.", "В течение учебного года", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("001", "15.", "Сентябрь-ноябрь 2020 года", "period", date(2020, 9, 1), date(2020, 11, 30)),
    SeedCell("001", "16.", "В течение учебного года", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("001", "17.", "В течение учебного года", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("001", "18.", "В течение учебного года", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("001", "19.", "В течение учебного года", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("001", "20.", "В течение учебного года", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("001", "21.", "Апрель 2021", "month", date(2021, 4, 1), date(2021, 4, 30)),
    SeedCell(
        "001",
        "22.",
        "В соответствии с графиком проведения в 2020-2021 учебном году",
        "by_schedule",
        None,
        None,
    ),
    SeedCell("001", "23.", "Май 2021", "month", date(2021, 5, 1), date(2021, 5, 31)),
    SeedCell("001", "24.", "Июнь-июль 2021 года", "period", date(2021, 6, 1), date(2021, 7, 31)),
    SeedCell("001", "25.", "Июль-август 2021 год", "period", date(2021, 7, 1), date(2021, 8, 31)),
    SeedCell("001", "26.", "Июль-август 2021 год", "period", date(2021, 7, 1), date(2021, 8, 31)),
    # 002 Челябинск, order 017/1324 of 23.06.2020: the row number 3.3. is printed twice. Under 5.1. a
    # continuation row spills «общего» into the deadline column; the loader joins it with a line break.
    SeedCell("002", "1.1.", "июнь-июль 2020 года", "period", date(2020, 6, 1), date(2020, 7, 31)),
    SeedCell("002", "1.2.", "сентябрь-ноябрь 2020 года", "period", date(2020, 9, 1), date(2020, 11, 30)),
    SeedCell("002", "2.1.", "июнь 2020 года", "month", date(2020, 6, 1), date(2020, 6, 30)),
    SeedCell("002", "3.1.", "июнь 2020 года", "month", date(2020, 6, 1), date(2020, 6, 30)),
    SeedCell("002", "3.2.", "июнь-июль 2020 года", "period", date(2020, 6, 1), date(2020, 7, 31)),
    SeedCell("002", "3.3.", "июль 2020 года", "month", date(2020, 7, 1), date(2020, 7, 31)),
    SeedCell("002", "3.3.", "июль 2020 года", "month", date(2020, 7, 1), date(2020, 7, 31)),
    SeedCell("002", "4.1.", "июль 2020 года", "month", date(2020, 7, 1), date(2020, 7, 31)),
    SeedCell("002", "4.2.", "август 2020 года", "month", date(2020, 8, 1), date(2020, 8, 31)),
    SeedCell("002", "4.3.", "в течение 2020 года", "period", date(2020, 1, 1), date(2020, 12, 31)),
    SeedCell("002", "4.4.", "до 1 октября 2020 года", "date", date(2020, 10, 1), date(2020, 10, 1)),
    SeedCell("002", "4.5.", "до 2024 года", "date", date(2024, 12, 1), date(2024, 12, 31)),
    SeedCell("002", "4.6.", "до 1 сентября 2020 года", "date", date(2020, 9, 1), date(2020, 9, 1)),
    SeedCell("002", "4.7.", "постоянно", "continuous", None, None),
    SeedCell("002", "5.1.", "постоянно\nобщего", "continuous", None, None),
    SeedCell("002", "5.2.", "июнь - сентябрь 2020 года", "period", date(2020, 6, 1), date(2020, 9, 30)),
    SeedCell("002", "5.3.", "постоянно", "continuous", None, None),
    # 003 Новокузнецк, order 1324 of 03.12.2020: text from a PDF, so cells are broken across lines
    # (and words across lines: «отдельном\nу», «соответств\nии»). «Июнь-июль 2020 года» in 4.13. is a
    # likely typo for 2021: the written year stays, with a note.
    SeedCell("003", "1.1.", "По \nотдельному \nграфику", "by_schedule", None, None),
    SeedCell("003", "1.2.", "ноябрь,  2020", "month", date(2020, 11, 1), date(2020, 11, 30)),
    SeedCell("003", "1.3.", "По \nотдельному \nграфику", "by_schedule", None, None),
    SeedCell("003", "1.4.", "По \nотдельному \nграфику", "by_schedule", None, None),
    SeedCell("003", "1.5.", "октябрь 2020", "month", date(2020, 10, 1), date(2020, 10, 31)),
    SeedCell(
        "003", "2.1.", "ноябрь, \nдекабрь   \n2020 года", "several", date(2020, 11, 1), date(2020, 12, 31)
    ),
    SeedCell(
        "003", "2.2.", "ноябрь, \nдекабрь   \n2020 года", "several", date(2020, 11, 1), date(2020, 12, 31)
    ),
    SeedCell("003", "2.3.", "Сентябрь, \nоктябрь", "several", date(2020, 9, 1), date(2020, 10, 31)),
    SeedCell("003", "2.4.", "Октябрь-\nноябрь \n2020 года", "period", date(2020, 10, 1), date(2020, 11, 30)),
    SeedCell("003", "2.5.", "Сентябрь, \n2020", "month", date(2020, 9, 1), date(2020, 9, 30)),
    SeedCell("003", "2.6.", "в течение \nучебного \nгода", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("003", "2.7.", "По \nотдельному \nграфику", "by_schedule", None, None),
    SeedCell("003", "2.8.", "В течение \nучебного \nгода", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("003", "2.9.", "в течение \nучебного \nгода", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("003", "2.10.", "По \nотдельному \nграфику", "by_schedule", None, None),
    SeedCell("003", "2.11.", "По \nотдельному \nграфику", "by_schedule", None, None),
    SeedCell("003", "2.12.", "Ноябрь \n2020 года", "month", date(2020, 11, 1), date(2020, 11, 30)),
    SeedCell(
        "003", "2.13.", "В течение \nучебного \nгода", "continuous", date(2020, 9, 1), date(2021, 8, 31)
    ),
    SeedCell("003", "2.14.", "По \nотдельному \nграфику", "by_schedule", None, None),
    SeedCell(
        "003", "2.15.", "В течение \nучебного \nгода", "continuous", date(2020, 9, 1), date(2021, 8, 31)
    ),
    SeedCell("003", "3.1.", "По \nотдельном\nу графику", "by_schedule", None, None),
    SeedCell("003", "3.2.", "В течение \nучебного \nгода", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("003", "3.3.", "В течение \nучебного \nгода", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("003", "3.4.", "В течение \nучебного \nгода", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("003", "3.5.", "По \nотдельном\nу графику", "by_schedule", None, None),
    SeedCell("003", "4.1.", "По \nотдельном\nу графику", "by_schedule", None, None),
    SeedCell("003", "4.2.", "В течение \nучебного \nгода", "continuous", date(2020, 9, 1), date(2021, 8, 31)),
    SeedCell("003", "4.3.", "По \nотдельно\nму \nграфику", "by_schedule", None, None),
    SeedCell("003", "4.4.", "По \nотдельно\nму \nграфику", "by_schedule", None, None),
    SeedCell("003", "4.5.", "По \nотдельно\nму \nграфику", "by_schedule", None, None),
    SeedCell("003", "4.6.", "По \nотдельно\nму \nграфику", "by_schedule", None, None),
    SeedCell("003", "4.7.", "По \nотдельно\nму \nграфику", "by_schedule", None, None),
    SeedCell("003", "4.8.", "По \nотдельно\nму \nграфику", "by_schedule", None, None),
    SeedCell("003", "4.9.", "Октябрь-\nноябрь \n2020 года", "period", date(2020, 10, 1), date(2020, 11, 30)),
    SeedCell(
        "003",
        "4.10.",
        "Ноябрь \n2020 года, \nфевраль \n2021 года, \nапрель \n2021 года",
        "several",
        date(2020, 11, 1),
        date(2021, 4, 30),
    ),
    SeedCell(
        "003",
        "4.11.",
        "в \nсоответств\nии с \nграфиком \nпроведени\nя в 2020-\n2021 \nучебном \nгоду",
        "by_schedule",
        None,
        None,
    ),
    SeedCell("003", "4.12.", "Июнь 2021", "month", date(2021, 6, 1), date(2021, 6, 30)),
    SeedCell("003", "4.13.", "Июнь-\nиюль \n2020 года", "period", date(2020, 6, 1), date(2020, 7, 31)),
    SeedCell("003", "4.14.", "Июль-\nавгуст \n2021 год", "period", date(2021, 7, 1), date(2021, 8, 31)),
    SeedCell("003", "4.15.", "Июль-\nавгуст \n2021 год", "period", date(2021, 7, 1), date(2021, 8, 31)),
    # 004 Оленегорск, order 576 of 15.12.2020: a three-year plan with yearly deadlines.
    SeedCell(
        "004", "1.", "Октябрь 2021, далее - ежегодно", "recurring", date(2021, 10, 1), date(2021, 10, 31)
    ),
    SeedCell(
        "004", "2.", "Октябрь 2021, далее - ежегодно", "recurring", date(2021, 10, 1), date(2021, 10, 31)
    ),
    SeedCell(
        "004", "3.", "Ноябрь 2021, далее - ежегодно", "recurring", date(2021, 11, 1), date(2021, 11, 30)
    ),
    SeedCell(
        "004", "4.", "Ноябрь 2021, далее - ежегодно", "recurring", date(2021, 11, 1), date(2021, 11, 30)
    ),
    SeedCell("004", "5.", "В течение года, ежегодно", "recurring", date(2021, 1, 1), date(2021, 12, 31)),
    SeedCell("004", "6.", "В течение года, ежегодно", "recurring", date(2021, 1, 1), date(2021, 12, 31)),
    SeedCell("004", "7.", "Май, ежегодно", "recurring", date(2021, 5, 1), date(2021, 5, 31)),
    SeedCell("004", "8.", "Август, ежегодно", "recurring", date(2021, 8, 1), date(2021, 8, 31)),
    SeedCell("004", "9.", "Постоянно", "continuous", date(2021, 1, 1), date(2023, 12, 31)),
    SeedCell("004", "10.", "Январь, ежегодно", "recurring", date(2021, 1, 1), date(2021, 1, 31)),
)
