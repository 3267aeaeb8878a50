"""Short names of schools and bodies for the rows of a chart: what tells two rows apart (a school's number,
its territory when two share a number) survives; the legal form and the long words of a school's kind go
first.

A month grid has room for about 30 characters of a row's name on a 1024-pixel projector; «МБОУ «Средняя
общеобразовательная школа № 12» (Зеленоградский муниципальный район)» cut to its start and end left
several schools of a region looking alike.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from model.executor_words import ORGANISATION_FORMS
from model.frames import natural_key

_SPELLED_FORM = re.compile(
    r"^(?:муниципальн|государственн|федеральн|частн|негосударственн|автономн)\w*"
    r"(?:\s+\S+){0,3}?\s+(?:учреждени|организаци)\w*"
    r"(?:\s+(?:дополнительного\s+)?(?:профессионального\s+)?образования)?[\s,]*",
    re.IGNORECASE,
)
_KINDS = tuple(
    (re.compile(pattern, re.IGNORECASE), short)
    for pattern, short in (
        (r"\bвечерняя\s+\(сменная\)\s+общеобразовательная\s+школа\b", "ВСОШ"),
        (r"\bсредняя\s+общеобразовательная\s+школа\b", "СОШ"),
        (r"\bосновная\s+общеобразовательная\s+школа\b", "ООШ"),
        (r"\bначальная\s+общеобразовательная\s+школа\b", "НОШ"),
        (r"\bобщеобразовательная\s+школа\b", "ОШ"),
        (r"\bс\s+углубл[её]нным\s+изучением\s+отдельных\s+предметов\b", "с УИОП"),
        (r"\bинформационно-методический\s+центр\b", "ИМЦ"),
        (r"\bцентр\s+образования\b", "ЦО"),
        (r"\bимени\b", "им."),
    )
)
_TERRITORY = re.compile(r"^(?P<base>.*\S)\s*\((?P<where>[^()]*)\)$")
_GENERIC_PLACE_WORDS = frozenset(
    [
        "муниципальный",
        "муниципальное",
        "муниципального",
        "городской",
        "городское",
        "городского",
        "сельское",
        "сельского",
        "район",
        "района",
        "округ",
        "округа",
        "поселение",
        "поселения",
        "образование",
        "город",
        "г.",
        "область",
        "края",
        "край",
        "республика",
    ]
)


def _without_form(name: str) -> str:
    """Return a name without the legal form in front («МБОУ», «Муниципальное бюджетное … учреждение») and
    without the quotes that then enclose all of it."""
    words = name.split()
    while words and words[0].strip(",").casefold() in ORGANISATION_FORMS:
        words.pop(0)
    text = _SPELLED_FORM.sub("", " ".join(words)).strip()
    if text.startswith("«") and text.endswith("»") and text.count("«") == text.count("»"):
        depth = 0
        for i, char in enumerate(text):
            depth += {"«": 1, "»": -1}.get(char, 0)
            if depth == 0 and i < len(text) - 1:
                break
        else:
            text = text[1:-1].strip()
    return text or name.strip()


def _with_short_kinds(text: str) -> str:
    for pattern, short in _KINDS:
        text = pattern.sub(short, text)
    return re.sub(r"\s+", " ", text).strip()


def place_word(where: str) -> str:
    """Return the telling word of a territory: its first part without «муниципальный район» and the like.

    >>> place_word("Зеленоградский муниципальный район"), place_word("город Полысаево, Кузбасс")
    ('Зеленоградский', 'Полысаево')
    """
    first = where.split(",")[0].strip()
    words = [w for w in first.split() if w.lower() not in _GENERIC_PLACE_WORDS]
    return " ".join(words) or first


def _variants(name: str) -> list[str]:
    """Return a name from its shortest form to its full one: the kind and number; with the territory's word;
    with the legal form too; in full."""
    found = _TERRITORY.match(name.strip())
    base, where = (found["base"], found["where"]) if found else (name.strip(), "")
    core = _with_short_kinds(_without_form(base))
    formal = _with_short_kinds(base)
    place = f" ({place_word(where)})" if where else ""
    out: list[str] = []
    for text in (core, core + place, formal + place, name.strip()):
        if text not in out:
            out.append(text)
    return out


def reading_key(name: str) -> list[Any]:
    """Return the key that orders rows as people look for them: by kind and number, whatever the legal form
    and the territory («МАОУ «СОШ № 8»» next to «СОШ № 7 (…)», «№ 12» before «№ 103»).

    >>> sorted(["МАОУ «СОШ № 8»", "МБОУ «Средняя общеобразовательная школа № 12» (Город)", "СОШ № 7"],
    ...        key=reading_key)
    ['СОШ № 7', 'МАОУ «СОШ № 8»', 'МБОУ «Средняя общеобразовательная школа № 12» (Город)']
    """
    return [*natural_key(_variants(name)[0]), name]


def short_name(name: str, limit: int = 30) -> str:
    """Return a row's name as a chart shows it alone: whole when it fits `limit`, else without its legal
    form and with a school's kind shortened.

    >>> short_name("МБОУ «Средняя общеобразовательная школа № 12» (Зеленоградский муниципальный район)")
    'СОШ № 12'
    >>> short_name("ИМЦ")
    'ИМЦ'
    """
    return short_names([name], limit)[name]


def short_names(names: Iterable[str], limit: int = 30) -> dict[str, str]:
    """Return each name of a chart's rows as the chart shows it: whole when it fits `limit`, else as short
    as it can be while no two rows read alike (a territory, then a legal form, are added back to rows that
    would; rows still alike get «(2)», «(3)» in the order of their names).

    >>> shown = short_names([
    ...     "МБОУ «Средняя общеобразовательная школа № 12» (Зеленоградский муниципальный район)",
    ...     "МБОУ «Средняя общеобразовательная школа № 12» (Гурьевский муниципальный округ)",
    ...     "МБОУ «Средняя общеобразовательная школа № 7» (Гурьевский муниципальный округ)",
    ... ])
    >>> list(shown.values())
    ['СОШ № 12 (Зеленоградский)', 'СОШ № 12 (Гурьевский)', 'СОШ № 7']
    """
    distinct = list(dict.fromkeys(n for n in names if n is not None))
    steps = {n: [n] if len(n) <= limit else _variants(n) for n in distinct}
    level = dict.fromkeys(distinct, 0)
    while True:
        by_text: dict[str, list[str]] = defaultdict(list)
        for n in distinct:
            by_text[steps[n][level[n]]].append(n)
        clashing = [n for group in by_text.values() if len(group) > 1 for n in group]
        movable = [n for n in clashing if level[n] + 1 < len(steps[n])]
        if not movable:
            break
        for n in movable:
            level[n] += 1
    shown = {n: steps[n][level[n]] for n in distinct}
    return _numbered(shown, sorted(distinct))


def _numbered(shown: dict[str, str], order: Sequence[str]) -> dict[str, str]:
    """Return names where rows that still read alike get «(2)», «(3)»… after the first, in `order`."""
    counts = Counter(shown.values())
    seen: Counter[str] = Counter()
    taken = set(shown.values())
    out = dict(shown)
    for n in order:
        text = shown[n]
        if counts[text] < 2:
            continue
        seen[text] += 1
        if seen[text] == 1:
            continue
        k = seen[text]
        while f"{text} ({k})" in taken:
            k += 1
        out[n] = f"{text} ({k})"
        taken.add(out[n])
    return out
