"""The Russian vocabulary of executor cells: legal forms, look-alike letters, persons and positions, and
the words that name roles, groups and bodies.

`model.executors` reads a cell with these; `model.glossary` and the loaders use the legal forms, the
look-alike letters and what an abbreviation looks like to normalise the names they look up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def _vocabulary(*lines: str) -> tuple[str, ...]:
    return tuple(" ".join(lines).split())


ORGANISATION_FORMS: frozenset[str] = frozenset(
    _vocabulary(
        "гбу гау гку гбоу гаоу гкоу гоу гу гоо мбоу маоу мкоу мбу мау мку му мбудо маудо мбоудо мбдоу "
        "мадоу фгбу фгбну фгбоу фгаоу ано чоу дпо до гбпоу гапоу гоудпо(пк)с гоудпопкс"
    )
)
"""Legal-form tokens that open an organisation's name («МБОУ ДПО «ИМЦ»»), case-folded."""

_LOOKALIKE_FROM, _LOOKALIKE_TO = "ABCEHKMOPTXYaceopxyk", "АВСЕНКМОРТХУасеорхук"
_LOOKALIKES = str.maketrans(_LOOKALIKE_FROM, _LOOKALIKE_TO)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")

WORD_ENDINGS = tuple(
    _vocabulary(
        "ами ями ими ыми ого его ому ему ой ей ый ий ая яя ое ее ые ие ых их ов ев ам ям ах ях ом ем ию "
        "ия ии ть ся сь ция ние тие ство"
    )
)

_UP, _LO = "[А-ЯЁ]", "[а-яё]"
_SURNAME = rf"{_UP}{_LO}+(?:-{_UP}{_LO}+)?"
_PERSON = (
    rf"(?:{_SURNAME}\s+{_UP}{_LO}+\s+{_UP}{_LO}+(?:вич|вна|ична|чна|ич|оглы|кызы)(?![а-яё])"
    rf"|{_SURNAME}\s+{_UP}\.\s?{_UP}(?:\.+|(?![а-яёА-ЯЁ.]))"
    rf"|{_UP}\.\s?{_UP}\.\s?{_SURNAME}(?![а-яё]))"
)
_ACTING = r"(?:[иИ]\.\s?о\.?|врио|ВрИО)"
PERSON_FULL = re.compile(rf"(?:(?P<io>{_ACTING})\s*)?(?P<name>{_PERSON})")
PERSON_ANYWHERE = re.compile(rf"(?:^|(?<=[\s(–—-]))(?:(?P<io>{_ACTING})\s*)?(?P<name>{_PERSON})")
POSITION = re.compile(
    r"(?:(?:[иИ]\.\s?о\.?|врио)\s*)?(?:[а-яёА-ЯЁ-]+(?:ый|ий|ой|ого|его|ому|ему|ым|им)\s+){0,2}"
    r"(?:(?:заместител|председател|руководител|учител|секретар)(?:ь|я|ю|ем|е)"
    r"|(?:директор|министр|начальник|ректор|проректор|специалист|методист|координатор|куратор|педагог"
    r"|консультант|советник|инспектор|эксперт|член|тьютор|наставник|психолог|сотрудник)(?:а|у|ом|е)?"
    r"|зам\.|замдиректора|заведующ(?:ий|его|ему|им|ая|ей|ую)|глав(?:а|ы|е|у|ой))(?![а-яё])",
    re.IGNORECASE,
)
ROLE_WORD = re.compile(
    r"руководител|руководящ|директор|заместител|зам\b|замдиректор|заведующ|завуч|учител|педагог(?!ическ)|работник"
    r"|специалист|методист|координатор|куратор|тьютор|наставник|психолог|логопед|дефектолог|начальник|председател"
    r"|ректор|проректор|член|эксперт|ответственн|родител(?!ьск)|обучающ|учащ|выпускник|министр(?!ерств)"
    r"|консультант|советник|инспектор|сотрудник|волонт[её]р|студент|воспитател|представител|секретар|глав[аыеу]\b"
)
GROUP_WORD = re.compile(
    r"групп|совет(?!ник)|объединени|комисси|сообществ|ассоциаци|коллектив|консилиум|клуб|штаб"
    r"|команд(?:[аыеуо]|ой|ам|ами|ах)?\b|гмо\b|рмо\b|шмо\b"
)
ORG_WORD = re.compile(
    r"министерств|департамент|комитет|управлени|учреждени|организаци|институт|администраци|правительств"
    r"|академи|университет|колледж|филиал|агентств|инспекци|гимнази|библиотек|служб|сектор|кабинет|фонд"
    r"|центр(?:[аеуы]|ом|ов|ам|ами|ах)?\b|отдел(?:[аеуы]|ом|ов|ам|ами|ах|ени\w*)?\b"
    r"|школ(?:[аеуы]|ой|ам|ами|ах)?\b|лице(?:й|я|ю|ем|е|и|ев)\b|орган(?:[аеуы]|ом|ов|ам|ами|ах)?\b"
)
ACTIVE_PARTICIPLE = re.compile(
    r"[а-яё]+(?:ющ|ящ|ущ|ащ|вш)(?:ий|ая|ее|ие|их|им|ими|ую|его|ему|ей|ем)(?:ся|ись)?"
)
PRONOUNS = frozenset({"их", "его", "ее", "её", "других", "другие", "др", "др."})
COMPLETE_WORDS = frozenset(
    _vocabulary(
        "группа группы совет руководители руководитель координатор координаторы специалисты специалист "
        "методисты методист кураторы куратор тьюторы наставники психологи педагоги учителя учитель "
        "эксперты родители обучающиеся учащиеся работники объединения объединение команды команда "
        "комиссия коллектив"
    )
)
BODY_WORDS = frozenset(
    _vocabulary(
        "комитет министерство управление департамент администрация минобрнауки минпросвещения "
        "рособрнадзор депобрнауки минобразования"
    )
)
BRANCH = re.compile(r"(?i)(?:отделение|филиал|структурное подразделение)\b")
DOTTED_WORDS = frozenset(_vocabulary("др зам им г обл р ул пр д гг каб т тд тп"))
# «заместители директоров по УВР и ВР» is one role, not a role and a body called «ВР».
TOPIC_AT_END = re.compile(r"\bпо\s+[А-ЯЁ]{2,}[А-ЯЁа-яё]*$")
JOINTLY = re.compile(r"^совместно\s+со?\s+")
ETC = re.compile(r"(?:^|[\s,]+)(и\s+др\.?|и\s+другие)$")
AGREED = re.compile(r"(?:^|[\s,]+)(по\s+согласованию)$", re.IGNORECASE)
AGREED_INSIDE = re.compile(r"\s*по\s+согласовани", re.IGNORECASE)
DEFINITION = re.compile(r"\s*далее\b\s*[-–—:]?\s*(?P<abbr>.*?)\s*$", re.IGNORECASE | re.DOTALL)


def persons_in(text: str) -> Iterator[re.Match[str]]:
    """Yield every person named in the text, trying every start («Кузбасса С.Ю.» and «С.Ю. Балакирева»).

    >>> [m.group("name") for m in persons_in("С.Ю. Балакирева и Шитова О.А.")]
    ['С.Ю. Балакирева', 'Шитова О.А.']
    """
    pos = 0
    while (m := PERSON_ANYWHERE.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


def person_name(m: re.Match[str]) -> str:
    """Return the name a person match holds, a run of final dots as one («Шитова О.А..» → «Шитова О.А.»)."""
    return re.sub(r"\.{2,}$", ".", m.group("name"))


def acting(m: re.Match[str]) -> tuple[str, ...]:
    """Return the «и.о.» a person match holds in front of the name, if any."""
    return (m.group("io"),) if m.group("io") else ()


def replace_lookalikes(text: str) -> str:
    """Return the text with Latin letters that look Cyrillic replaced inside Cyrillic words.

    A word or an initial wholly made of such capitals («OO», «O.A.») is replaced too when the text is
    Cyrillic.

    >>> replace_lookalikes("MБOУ «Школа», OO, PISA")
    'МБОУ «Школа», ОО, PISA'
    """
    if not CYRILLIC.search(text):
        return text

    def fixed(m: re.Match[str]) -> str:
        word = m.group()
        initial = m.string[m.end() : m.end() + 1] == "."  # «O.A.» are initials
        all_lookalike = (
            (len(word) > 1 or initial) and word.isupper() and all(c in _LOOKALIKE_FROM for c in word)
        )
        return word.translate(_LOOKALIKES) if all_lookalike or CYRILLIC.search(word) else word

    return _LETTER_RUN.sub(fixed, text)


def is_abbreviation(word: str) -> bool:
    """Tell whether a word is written as an abbreviation: mostly capitals, at least two, no dots.

    >>> is_abbreviation("КОиН"), is_abbreviation("«ИМЦ»"), is_abbreviation("Комитет"), is_abbreviation("О.А.")
    (True, True, False, False)
    """
    word = word.strip('«»"“”„()[],;:')
    letters = [c for c in word if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return "." not in word and capitals >= 2 and 2 * capitals >= len(letters)
