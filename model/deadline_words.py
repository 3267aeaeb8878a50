"""The Russian vocabulary of deadline cells: month names, phrases of each kind, and the notes.

Patterns run on text that `model.deadlines` has lower-cased, with «ё» as «е», every dash as «-» and
runs of spaces as one space. Phrases allow no space between words (`\\s*`) so that a cell broken
across lines and glued back («поотдельномуграфику») still reads.
"""

from __future__ import annotations

import re

# Every spelling of a month seen in cells: nominative, genitive, prepositional, short forms.
MONTH_FORMS: dict[str, int] = {
    form: number
    for number, forms in enumerate(
        (
            "январь января январе янв",
            "февраль февраля феврале фев февр",
            "март марта марте мар",
            "апрель апреля апреле апр",
            "май мая мае",
            "июнь июня июне июн",
            "июль июля июле июл",
            "август августа августе авг",
            "сентябрь сентября сентябре сен сент",
            "октябрь октября октябре окт",
            "ноябрь ноября ноябре ноя нояб",
            "декабрь декабря декабре дек",
        ),
        start=1,
    )
    for form in forms.split()
}

_MONTHS = "|".join(sorted(MONTH_FORMS, key=len, reverse=True))
_ROMAN = r"iv|i{1,3}|[1-4]"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_WORD = r"(?:\s*(?:гг?\.?|год[а-я]*)(?![а-я]))?"

# One token of a dated cell; the order of the alternatives is the order they are tried in.
TOKEN = re.compile(
    r"(?:\b|(?<=[^\W\d])(?=\d)|(?<=\d)(?=[^\W\d])|(?=[-,;]))(?:"
    rf"(?P<acad>(?<!\d)(?P<ay1>{_YEAR})\s*[-/]\s*(?P<ay2>(?:19|20)?\d{{2}})(?!\d)\s*"
    r"уч(?:ебн[а-я]*|\.)?\s*(?:год[а-я]*|г\.?)?)"
    rf"|(?P<years>(?<!\d)(?P<yy1>{_YEAR})\s*-\s*(?P<yy2>{_YEAR})(?!\d){_YEAR_WORD})"
    r"|(?P<dmy>(?<![\d.])(?P<d1>\d{1,2})\.(?P<m1>\d{1,2})\.(?P<y1>\d{4}|\d{2})(?!\d)\s*(?:г\.?(?![а-я]))?)"
    r"|(?P<time>(?<![\d.])(?:[01]?\d|2[0-3])(?::[0-5]\d|\.[0-5]\d\s*ч(?:ас[а-я]*)?\.?)(?![\d]))"
    r"|(?P<dm>(?<![\d.])(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})(?![\d.]))"
    r"|(?P<dom>(?:до|к)\s*(?P<dom_d>\d{1,2})\s*(?:-?го\s*)?числа)"
    rf"|(?P<quarter>(?<![a-z\d])(?P<q1>{_ROMAN})(?:\s*-\s*(?P<q2>{_ROMAN}))?\s*(?:-?(?:й|я|е|ое|ой|ая|го|ого)\s*)?"
    r"(?P<qunit>кв(?:артал[а-я]*|\.)?|полугоди[а-я]*|четверт[а-я]*)(?![а-я]))"
    rf"|(?P<daymonth>(?<!\d)(?P<d3>\d{{1,2}})\s*(?:-?го\s*)?(?P<mw1>{_MONTHS})(?![а-я])\.?)"
    rf"|(?P<month>(?<![а-я])(?P<mw2>{_MONTHS})(?![а-я])\.?)"
    rf"|(?P<year>(?<!\d)(?P<y2>{_YEAR})(?!\d){_YEAR_WORD})"
    r"|(?P<num>(?<!\d)\d{1,2}(?!\d))"
    r"|(?P<dash>-)"
    r"|(?P<sep>[,;]|(?<![а-я])и(?![а-я]))"
    r"|(?P<until>(?<![а-я])(?:до|к|по|не\s+позднее|не\s+позже)(?![а-я]))"
    r"|(?P<since>(?<![а-я])(?:начиная\s+)?(?:с|со)(?![а-я])))"
)

BY_SCHEDULE = re.compile(
    r"график|расписани|(?<![а-я])(?:по|согласно)\s*(?:отдельн[а-я]*\s*)?план[ау]"
    r"|в\s*соответствии\s*(?:с|со)\s*(?:план|приказ|положени|порядк|регламент|календар|срок)"
    r"|(?:по|согласно)\s*календар|в\s*(?:установленные\s*)?сроки,?\s*(?:установленн|определенн)"
    r"|в\s*установленные\s*сроки"
)
EVENT = re.compile(
    r"(?<![а-я])(?:по\s*итогам|по\s*результатам|после|по\s*мере|по\s*запрос|по\s*необходимост"
    r"|при\s*необходимост|по\s*факту|по\s*окончани|по\s*завершени|в\s*случае|при\s*наличии"
    r"|по\s*решени|по\s*требовани|по\s*готовност|по\s*поступлени|по\s*приглашени|накануне"
    r"|в\s*течение\s*(?:\d+\s*|одного\s*|двух\s*|трех\s*|пяти\s*|десяти\s*)?(?:рабоч[а-я]*\s*|календарн[а-я]*\s*)?"
    r"(?:дн|недел|месяц)|не\s*позднее\s*\d+\s*(?:дн|рабоч|календарн)|за\s*\d+\s*(?:дн|недел|месяц))"
)
CONTINUOUS = re.compile(
    r"постоянн[а-я]*|систематическ[а-я]*|регулярн[а-я]*|круглогодичн[а-я]*|ежедневн[а-я]*"
    r"|еженедельн[а-я]*|весь\s*период[а-я]*|в\s*период\s*реализации[а-я\s]*"
    r"|(?:в\s*течение|на\s*протяжении)\s*(?:всего\s*)?(?:учебного\s*|календарного\s*|текущего\s*|отчетного\s*)?"
    r"(?:года|периода|срока)(?:\s*реализации[а-я\s]*)?"
)
OFTEN = re.compile(r"ежедневн|еженедельн")
UNTIL_PLAN_END = re.compile(
    r"до\s*(?:конца|окончания)\s*(?:учебного\s*|текущего\s*|календарного\s*)?года(?![а-я])"
)
YEARLY = re.compile(r"ежегодн[а-я]*|кажд[а-я]*\s*год[ау]?(?![а-я])|(?:1|один)?\s*раз\s*в\s*год(?![а-я])")
MONTHLY = re.compile(
    r"ежемесячн[а-я]*|помесячн[а-я]*|кажд[а-я]*\s*месяц[а-я]*|(?:1|один)?\s*раз\s*в\s*месяц(?![а-я])"
)
QUARTERLY = re.compile(
    r"ежеквартальн[а-я]*|поквартальн[а-я]*|кажд[а-я]*\s*квартал[а-я]*|(?:1|один)?\s*раз\s*в\s*квартал(?![а-я])"
)
TERMLY = re.compile(
    r"(?:1|один)?\s*раз\s*в\s*четверть|кажд[а-я]*\s*четверт[а-я]*|по\s*четвертям|ежечетвертн[а-я]*"
)
HALF_YEARLY = re.compile(
    r"(?:1|один)?\s*раз\s*в\s*полугодие|кажд[а-я]*\s*полугоди[а-я]*|по\s*полугодиям|(?:2|два)\s*раза\s*в\s*год"
)
DAY_OF_MONTH = re.compile(r"(?:до|к)\s*\d{1,2}\s*(?:-?го\s*)?числа")
# Tried in this order: «2 раза в год» is half-yearly before it is yearly.
FREQUENCIES = (
    ("half", HALF_YEARLY),
    ("month", MONTHLY),
    ("quarter", QUARTERLY),
    ("term", TERMLY),
    ("year", YEARLY),
)
THEN = re.compile(r"далее|и\s*далее|в\s*дальнейшем")

# Words that carry no date of their own and are dropped without a note.
FILLER_WORD = re.compile(
    r"г|гг|год[а-я]*|в|во|течение|и|до|с|со|по|к|не|позднее|позже|срок[а-я]*|числ[оа]|уч|учебн[а-я]*"
    r"|конца|окончания|далее|начиная|включительно|месяца|каждого|каждый|раз"
)
FILLER_PUNCTUATION = re.compile(r"[\s,.;:()\[\]\"'«»!?/\\+-]+")
REPEAT_HINT = re.compile(r"еже|кажд|раз|четвертям|полугодиям|помесячн|поквартальн|числа")

# How a cell is cleaned before it is read: «ё», dashes, invisible characters, footnote marks.
CHARACTERS = str.maketrans(
    {"ё": "е", "Ё": "Е", "*": None, "\u00ad": None, "\u200b": None, "\r": "\n", "\u2028": "\n"}
    | {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
    | {c: " " for c in "\u00a0\u2007\u202f\t"}
    | {"\u0406": "I", "\u0456": "i"}
)
SPECIAL_CHARACTERS = re.compile(
    "[ёЁ*\u00ad\u200b\r\u2028\u2010-\u2015\u2212\u00a0\u2007\u202f\t\u0406\u0456]"
)

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# School quarters (четверти) as (first month, last month).
TERMS = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}
# The windows a repeated activity falls in, each as (first month, first day, last month, last day or 0).
REPEATS: dict[str, tuple[tuple[int, int, int, int], ...]] = {
    "month": tuple((m, 1, m, 0) for m in range(1, 13)),
    "quarter": ((1, 1, 3, 0), (4, 1, 6, 0), (7, 1, 9, 0), (10, 1, 12, 0)),
    "term": ((1, 1, 3, 0), (4, 1, 5, 0), (9, 1, 10, 0), (11, 1, 12, 0)),
    "half": ((1, 1, 6, 0), (7, 1, 12, 0)),
    "academic half": ((1, 1, 8, 0), (9, 1, 12, 0)),
    "year": ((1, 1, 12, 0),),
    "academic year": ((9, 1, 8, 0),),
}

# How a document names its plan window: «на 2020-2021 учебный год», «на 2021-2023 годы», «в 2016 году».
PLAN_ACADEMIC = re.compile(
    r"(?<![а-я])на\s*(\d{4})\s*[-/]\s*(\d{4}|\d{2})(?!\d)\s*уч(?:ебн[а-я]*|\.)?\s*(?:год[а-я]*|г\.?)"
)
PLAN_YEARS = re.compile(
    r"(?<![а-я])на\s*(?:период\s*)?(\d{4})(?:\s*-\s*(\d{4}))?(?!\d)\s*(?:годы|год|гг|г\.)"
)
PLAN_IN_YEAR = re.compile(r"(?<![а-я])в\s*(\d{4})\s*(?:году|г\.)")

NOTE_TIME = "время не учитывается: {}"
NOTE_IGNORED = "не учтено: {}"
NOTE_OUTSIDE = "вне окна плана {}–{}: {}"
NOTE_TWO_DIGIT_YEAR = "год записан двумя цифрами: {} → {}"
NOTE_BAD_DATE = "несуществующая дата: {}"
NOTE_NO_PLAN = "окно плана неизвестно: {}"
NOTE_NO_YEAR = "месяц без года"
NOTE_NO_WINDOW = "срок без дат"
NOTE_NOT_EXPANDED = "повторения не развернуты"
NOTE_NO_REPEATS = "ни одного повторения внутри окна плана"
NOTE_OFTEN = "повторяется чаще раза в месяц: учтено как постоянно"
NOTE_FAILED = "ячейка не разобрана: внутренняя ошибка разбора"
