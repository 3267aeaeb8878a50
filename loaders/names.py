"""Names as documents write them → the keys they are compared by: bodies, schools, places and people.

A body or a place is compared by `name_key` (and its abbreviations, its word stems); a person by
«Фамилия И.О.» (`person_key`), read from a name in full, with initials before or after, or in the
accusative of an order («возложить на Л.В. Голубицкую»).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from model.executor_words import ORGANISATION_FORMS, replace_lookalikes

# --- bodies, schools and places -----------------------------------------------------------------------------

_LEGAL_FORMS = ORGANISATION_FORMS | {"моу", "го", "гоудпо", "пк", "с"}
_ABBREVIATION = re.compile(r"(?<![\w-])(?=(?:\w*[А-ЯЁ]){2})[А-ЯЁ][А-ЯЁа-яё]{1,11}(?![\w-])")
_GENERIC_PLACE_WORDS = frozenset(
    [
        "город",
        "города",
        "г",
        "городской",
        "городского",
        "округ",
        "округа",
        "район",
        "района",
        "муниципальный",
        "муниципального",
        "область",
        "области",
        "край",
        "края",
        "республика",
        "республики",
        "автономный",
        "го",
        "мо",
    ]
)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Return a name as a lookup key: lower case, ё as е, no quotes or punctuation, single spaces.

    >>> name_key("МБОУ ДПО «ИМЦ»"), name_key("Комитет  образования\\nи науки")
    ('мбоу дпо имц', 'комитет образования и науки')
    """
    text = replace_lookalikes(unicodedata.normalize("NFKC", text)).lower().replace("ё", "е")
    return " ".join(re.sub(r"[^\w№]+", " ", text).split())


def abbreviations_in(text: str) -> list[str]:
    """Return the abbreviations in a name, without legal forms («ГОО «Кузбасский РЦППМС»» → РЦППМС)."""
    return [a for a in _ABBREVIATION.findall(text) if name_key(a) not in _LEGAL_FORMS]


def place_stems(name: str) -> list[str]:
    """Return the stems of the proper words of a territory's name, to match its other spellings.

    >>> place_stems("город Новокузнецк"), place_stems("Полысаевский городской округ")
    (['новокуз'], ['полысаев'])
    """
    words = [w for w in name_key(name).replace("-", " ").split() if w not in _GENERIC_PLACE_WORDS]
    return [w[: max(5, len(w) - 4)] for w in words if len(w) >= 5 and not w.isdigit()]


def school_number(name: str) -> str:
    """Return the number of a school written in its name («№ 35»), or an empty string."""
    found = re.search(r"№\s*(\d+)", name)
    return found.group(1) if found else ""


# --- people -------------------------------------------------------------------------------------------------

_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*"
_SURNAME_FIRST = re.compile(rf"^({_WORD}) ([А-ЯЁ]) ?\.? ?(?:([А-ЯЁ]) ?\.?)?$")
_INITIALS_FIRST = re.compile(rf"^([А-ЯЁ]) ?\. ?(?:([А-ЯЁ]) ?\. ?)?({_WORD})$")
_FULL_NAME = re.compile(rf"^({_WORD}) ({_WORD})(?: ({_WORD}))?$")
_ACTING = re.compile(r"^(?:и\.\s?о\.?|врио)\s+", re.IGNORECASE)

_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIALS = r"[А-ЯЁ]\.\s?[А-ЯЁ]\.?"
NAME_PATTERN = rf"(?:{_INITIALS}\s?{_SURNAME}|{_SURNAME}\s{_INITIALS})"
"""A name with initials before or after the surname, as orders write people: «Л.В. Голубицкую»."""
NAME_RE = re.compile(NAME_PATTERN)
_FULL_NAME_RE = re.compile(rf"({_SURNAME})\s+([А-ЯЁ][а-яё]+)\s+([А-ЯЁ][а-яё]+(?:вна|вич|чна|ична|ич))\b")


def person_key(full_name: str) -> str:
    """Return «Фамилия И.О.» for a name in full or with initials before or after; else the tidied text.

    ё is written е, so that «Соловьёва» and «Соловьева» are one person.

    >>> [person_key(n) for n in ("Кукина Виктория Вячеславовна", "Кукина В.В.", "В.В. Кукина", "В.В.Кукина")]
    ['Кукина В.В.', 'Кукина В.В.', 'Кукина В.В.', 'Кукина В.В.']
    >>> person_key("Соловьёва  Юлия Александровна (по согласованию)"), person_key("и.о. Кармалина Н. В.")
    ('Соловьева Ю.А.', 'Кармалина Н.В.')
    """
    text = unicodedata.normalize("NFKC", full_name).replace("ё", "е").replace("Ё", "Е")
    if re.search(r"[а-яА-Я]", text):
        text = text.translate(_LOOKALIKES)
    text = re.sub(r"\([^)]*\)", " ", text)
    head = text.split(",")[0]
    text = _ACTING.sub("", re.sub(r"\s+", " ", head if head.strip() else text).strip(" ;:–-"))
    text = " ".join(_recased(word) for word in text.split(" ")).rstrip(". ")
    if m := _SURNAME_FIRST.match(text):
        return _initials(m.group(1), m.group(2), m.group(3))
    if m := _INITIALS_FIRST.match(text):
        return _initials(m.group(3), m.group(1), m.group(2))
    if m := _FULL_NAME.match(text):
        return _initials(m.group(1), m.group(2)[0], m.group(3)[0] if m.group(3) else None)
    return text


def _recased(word: str) -> str:
    """Return a word in capitals («КУКИНА») as a name is written («Кукина»); other words unchanged."""
    if len(word) > 2 and word.isupper() and word.replace("-", "").isalpha():
        return "-".join(part.capitalize() for part in word.split("-"))
    return word


def _initials(surname: str, first: str, second: str | None) -> str:
    return f"{surname} {first}.{second}." if second else f"{surname} {first}."


def nominative_person(text: str) -> str:
    """Return «Фамилия И.О.» in the nominative from a name in any order and in the accusative.

    >>> [nominative_person(n) for n in ("Л.В. Голубицкую", "Круль С.В.", "Кукину В.В.")]
    ['Голубицкая Л.В.', 'Круль С.В.', 'Кукина В.В.']
    """
    text = re.sub(r"\s+", " ", text.strip().rstrip(","))
    initials = re.findall(r"[А-ЯЁ]\.", text)
    surname = re.sub(r"[А-ЯЁ]\.", " ", text).strip()
    surname = surname.split()[0] if surname.split() else ""
    if not surname:
        return text
    return f"{nominative_surname(surname)} {''.join(initials)}".strip()


def nominative_surname(word: str) -> str:
    """Return a surname given in the accusative in its nominative form (female forms are the common case).

    >>> nominative_surname("Позднякову"), nominative_surname("Голубицкую"), nominative_surname("Круль")
    ('Позднякова', 'Голубицкая', 'Круль')
    """
    for ending, nominative in (
        ("цкую", "цкая"),
        ("скую", "ская"),
        ("ую", "ая"),
        ("ову", "ова"),
        ("еву", "ева"),
        ("ёву", "ёва"),
        ("ину", "ина"),
        ("ыну", "ына"),
        ("цкого", "цкий"),
        ("ского", "ский"),
    ):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + nominative
    return word


def full_name_key(text: str) -> str:
    """Return «Фамилия И.О.» from «Фамилия Имя Отчество», or the text unchanged.

    >>> full_name_key("Кукина Виктория Вячеславовна")
    'Кукина В.В.'
    """
    found = _FULL_NAME_RE.search(text)
    if found:
        return f"{found.group(1)} {found.group(2)[0]}.{found.group(3)[0]}."
    found_short = NAME_RE.search(text)
    return nominative_person(found_short.group(0)) if found_short else text.strip()


# --- bodies and positions in the nominative -----------------------------------------------------------------

NOMINATIVE = {
    "министерства": "министерство",
    "управления": "управление",
    "комитета": "комитет",
    "департамента": "департамент",
    "отдела": "отдел",
    "сектора": "сектор",
    "администрации": "администрация",
    "директора": "директор",
    "ректора": "ректор",
    "руководителя": "руководитель",
    "начальника": "начальник",
    "заведующего": "заведующий",
    "председателя": "председатель",
    "заместителя": "заместитель",
    "министра": "министр",
    "методиста": "методист",
    "специалиста": "специалист",
    "главного": "главный",
    "старшего": "старший",
    "муниципальным": "муниципальный",
    "региональным": "региональный",
    "школьным": "школьный",
}
"""The first words of bodies and positions as orders write them after «на», «приказом», in the nominative."""


def nominative_words(text: str) -> str:
    """Return a position written in the genitive («главного специалиста») word by word in the nominative."""
    return " ".join(NOMINATIVE.get(w.lower(), w) for w in text.split())
