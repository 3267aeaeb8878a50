"""Abbreviations of executors («ИМЦ», «РОО», «ОО») and their layered resolution.

The same abbreviation names different bodies in different regions (КОиН is a regional ministry in one
place and a city committee in another), so a term is looked up in layers: the document's own
definitions, then the region's, then the user's corrections, then the built-in list of
`model.abbreviations`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import TypeAlias

from model.abbreviations import BUILT_IN_ENTRIES, SCHOOL, GlossaryEntry
from model.entities import AuthorityLevel, GroupKind, InstituteKind, NodeKind
from model.executor_words import ORGANISATION_FORMS, is_abbreviation, replace_lookalikes
from model.executors import parse_executors
from model.relations import FanOut

Glossary: TypeAlias = Mapping[str, GlossaryEntry]
"""A glossary layer: normalised term (`normalize_term`) → entry."""


_SPELLED_FORM = re.compile(
    r"^(?:(?:муниципальн|государственн|областн|краев|федеральн|городск)\w*\s+)?"
    r"(?:(?:бюджетн|автономн|казенн|казённ)\w*\s+)?(?:(?:обще)?образовательн\w*\s+)?учреждени\w*"
    r"(?:\s+дополнительного(?:\s+профессионального)?\s+образования)?\s+",
    re.IGNORECASE,
)
_QUOTES = re.compile(r"[«»\"“”„']")
_DASH = re.compile(r"\s*[-‐‑–—]\s*")
_GENERIC_HEADS = frozenset(
    {"комитет", "министерство", "управление", "департамент", "отдел", "центр", "институт"}
)


def normalize_term(text: str) -> str:
    """Return the lookup key of a term: case-folded, ё as е, no quotes, no legal-form prefix.

    >>> normalize_term("МБОУ ДПО «ИМЦ»"), normalize_term("ГБУ ДПО РЦОКИО")
    ('имц', 'рцокио')
    >>> normalize_term("муниципальное учреждение «Информационно – методический центр»")
    'информационно-методический центр'
    """
    return _normalised(text)


@lru_cache(maxsize=1 << 14)
def _normalised(text: str) -> str:
    text = " ".join(replace_lookalikes(text).replace("\xad", "").split())
    text = _without_forms(text)
    text = _QUOTES.sub(" ", text.casefold().replace("ё", "е"))
    text = _DASH.sub("-", " ".join(text.split()))
    return text.strip(" .,;:-")


def _without_forms(text: str) -> str:
    """Drop legal-form words at the start («МБОУ ДПО», «муниципальное учреждение») while a name is left."""
    while True:
        head, _, rest = text.partition(" ")
        rest = rest.strip()
        folded = head.casefold()
        spelled = _SPELLED_FORM.match(text)
        if rest and (
            folded in ORGANISATION_FORMS or folded == "моу" or (folded == "го" and rest[0] in '«"“„')
        ):
            text = rest
        elif spelled and text[spelled.end() :].strip():
            text = text[spelled.end() :].strip()
        else:
            return text


def _layer(entries: tuple[tuple[GlossaryEntry, tuple[str, ...]], ...]) -> dict[str, GlossaryEntry]:
    layer: dict[str, GlossaryEntry] = {}
    for entry, aliases in entries:
        for term in (entry.abbreviation, *aliases, entry.full_name):
            layer.setdefault(normalize_term(term), entry)
    return layer


BUILT_IN_GLOSSARY: Glossary = MappingProxyType(_layer(BUILT_IN_ENTRIES))
"""The built-in layer: abbreviations from DOMAIN.md and the seed orders, with their aliases and full names."""


def resolve_term(term: str, layers: Sequence[Glossary] = (BUILT_IN_GLOSSARY,)) -> GlossaryEntry | None:
    """Return the entry a term stands for in the first layer that knows it, or None.

    The whole term is tried first in every layer, then its leading words («Управление образования
    Полысаевского городского округа» → «управление образования»), then each abbreviation inside it
    from the last («ГОО «Кузбасский «РЦППМС»» → «РЦППМС»).

    >>> resolve_term("МАОУ ДПО ИПК").abbreviation, resolve_term("ОО").fan_out.value
    ('ИПК', 'schools')
    >>> local = {"коин": GlossaryEntry("КОиН", "Комитет образования и науки", NodeKind.AUTHORITY, "regional")}
    >>> resolve_term("КОиН", [local, BUILT_IN_GLOSSARY]).subkind
    'regional'
    """
    if len(layers) == 1 and layers[0] is BUILT_IN_GLOSSARY:
        return _resolve_built_in(term)
    return _resolved(term, layers)


@lru_cache(maxsize=1 << 14)
def _resolve_built_in(term: str) -> GlossaryEntry | None:
    return _resolved(term, (BUILT_IN_GLOSSARY,))


def _resolved(term: str, layers: Sequence[Glossary]) -> GlossaryEntry | None:
    for candidate in _lookup_keys(term):
        for layer in layers:
            entry = _lookup(layer, candidate)
            if entry is not None:
                return entry
    return None


def lookup_keys(term: str) -> list[str]:
    """Return the keys `resolve_term` tries, in order: the whole term, its leading words, its abbreviations.

    >>> lookup_keys("ГОО «Кузбасский «РЦППМС»")
    ['кузбасский рцппмс', 'кузбасский', 'рцппмс']
    """
    return list(_lookup_keys(term))


@lru_cache(maxsize=1 << 14)
def _lookup_keys(term: str) -> tuple[str, ...]:
    key = normalize_term(term)
    if not key:
        return ()
    words = key.split(" ")
    candidates = [key]
    for n in range(len(words) - 1, 0, -1):
        if n > 1 or words[0] not in _GENERIC_HEADS:
            candidates.append(" ".join(words[:n]).strip(" ,;:-"))
    tokens = [w for w in replace_lookalikes(term).split() if is_abbreviation(w)]
    candidates += [
        normalize_term(t)
        for t in reversed(tokens)
        if t.strip('«»"“”„()').casefold() not in ORGANISATION_FORMS
    ]
    return tuple(c for c in dict.fromkeys(candidates) if c)


def _lookup(layer: Glossary, key: str) -> GlossaryEntry | None:
    entry = layer.get(key)
    if entry is not None:
        return entry
    if layer is BUILT_IN_GLOSSARY:
        return _BUILT_IN_BY_NORMALISED_KEY.get(key)
    # A layer built by hand may hold its keys as written («КОиН»): compare them normalised.
    return next((e for k, e in layer.items() if normalize_term(k) == key), None)


def _by_normalised_key(layer: Glossary) -> dict[str, GlossaryEntry]:
    """Return a layer by the normalised form of its keys, the first key of each form winning."""
    out: dict[str, GlossaryEntry] = {}
    for k, e in layer.items():
        out.setdefault(normalize_term(k), e)
    return out


_BUILT_IN_BY_NORMALISED_KEY = _by_normalised_key(BUILT_IN_GLOSSARY)


_DEFINITION_LINE = re.compile(
    r"^(?P<abbr>[^\s:–—-](?:[^:–—]{0,38}?[^\s:–—-])?)\s*(?:\s[-–—]\s|[–—]|:)\s*(?P<full>.+)$"
)
_BODY_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("association", re.compile(r"\b(?:объединени|ассоциаци|сообществ)\w*")),
    ("group", re.compile(r"\b(?:рабоч\w*\s+групп\w*|совет\b|советы\b|комисси\w*)")),
    ("institute", re.compile(r"\b(?:институт\w*|центр(?:[аеуы]|ом|ов)?\b|кабинет\w*|академи\w*|имц\b)")),
    (
        "authority",
        re.compile(
            r"\b(?:министерств\w*|департамент\w*|комитет\w*|управлени\w*|отдел(?!ьн)\w*|органы?\b|органов\b"
            r"|сектор\w*|служб\w*|администраци\w*|правительств\w*)"
        ),
    ),
    (
        "school",
        re.compile(
            r"\b(?:общеобразовательн\w*\s+(?:организаци|учреждени)\w*|школ\w*|гимнази\w*|лице[йя]\w*|сош|оош|оо)\b"
        ),
    ),
)


def guess_entry(abbreviation: str, full_name: str) -> GlossaryEntry | None:
    """Guess what a full name denotes from its words, or None when it names no body.

    >>> e = guess_entry("Комитет", "Комитет по образованию Администрации города Оленегорска")
    >>> e.node_kind.value, e.subkind
    ('authority', 'municipal')
    >>> guess_entry("ВПР", "всероссийские проверочные работы") is None
    True
    """
    text = _DASH.sub("-", _QUOTES.sub(" ", " ".join(full_name.casefold().replace("ё", "е").split())))
    hits = [
        (m.start(), order, kind) for order, (kind, rx) in enumerate(_BODY_KEYWORDS) if (m := rx.search(text))
    ]
    if not hits:
        return None
    kind = min(hits)[2]
    if kind == "association":
        return GlossaryEntry(
            abbreviation, full_name, NodeKind.INSTITUTE, InstituteKind.TEACHER_ASSOCIATION.value
        )
    if kind == "group":
        group = (
            GroupKind.COUNCIL.value
            if "совет" in text
            else GroupKind.WORKING_GROUP.value
            if "групп" in text
            else GroupKind.OTHER.value
        )
        return GlossaryEntry(abbreviation, full_name, NodeKind.GROUP, group)
    if kind == "institute":
        return GlossaryEntry(abbreviation, full_name, NodeKind.INSTITUTE, _institute_kind(text))
    if kind == "school":
        specific = bool(re.search(r"№|\d|[«\"“„]", full_name))
        return GlossaryEntry(
            abbreviation, full_name, NodeKind.SCHOOL, SCHOOL, None if specific else FanOut.SCHOOLS
        )
    level, fan_out = _authority_level(text)
    return GlossaryEntry(abbreviation, full_name, NodeKind.AUTHORITY, level, fan_out)


def _institute_kind(text: str) -> str:
    if "федеральн" in text:
        return InstituteKind.FEDERAL_OPERATOR.value
    if "институт" in text:
        return InstituteKind.REGIONAL_INSTITUTE.value
    if re.search(r"оценк|мониторинг|обработк\w* информаци", text):
        return InstituteKind.ASSESSMENT_CENTRE.value
    if re.search(r"психолог|медико|медицинск|помощи|ппмс", text):
        return InstituteKind.SUPPORT_CENTRE.value
    if re.search(r"методическ|развития образования|имц", text):
        return InstituteKind.METHODICAL_CENTRE.value
    return InstituteKind.OTHER.value


def _authority_level(text: str) -> tuple[str, FanOut | None]:
    if re.search(r"\bорганы\b|муниципальн\w* орган\w* управлени", text):
        return AuthorityLevel.MUNICIPAL.value, FanOut.MUNICIPAL_AUTHORITIES
    if re.search(r"районн\w* отдел", text):
        return AuthorityLevel.DISTRICT.value, FanOut.DISTRICT_AUTHORITIES
    if re.search(r"российской федерации|\bрф\b|федеральн", text):
        return AuthorityLevel.FEDERAL.value, None
    if re.search(r"министерств|департамент", text):
        return AuthorityLevel.REGIONAL.value, None
    if re.search(r"муниципальн|городского округа|города|\bг\.|администраци|района", text):
        return AuthorityLevel.MUNICIPAL.value, None
    if re.search(r"област|кра[яй]\b|республик|округа", text):
        return AuthorityLevel.REGIONAL.value, None
    return AuthorityLevel.MUNICIPAL.value, None


def parse_glossary_lines(lines: Iterable[str]) -> dict[str, GlossaryEntry]:
    """Read a block of abbreviations («ИМЦ – …») and «(далее – КОиН)» definitions as a glossary layer.

    Keys are normalised terms: each abbreviation and each full name. The kind comes from the words of
    the full name, else from the built-in entry the full name resolves to; lines that name no body
    («ВПР – всероссийские проверочные работы») are left out.

    >>> lines = ["Используемые сокращения:", "ИМЦ – муниципальный «Информационно-методический центр»"]
    >>> parse_glossary_lines(lines)["имц"].subkind
    'methodical_centre'
    """
    layer: dict[str, GlossaryEntry] = {}
    for raw in lines:
        raw = raw.replace("*", " ")  # «**ИМЦ** – …» as Markdown gives it
        line = re.sub(r"^[-–—•·▪◦]\s+", "", " ".join(raw.split()))
        if not line:
            continue
        found = (
            [(r.abbreviation, r.name) for r in parse_executors(raw) if r.abbreviation] if "(" in line else []
        )
        m = None if found else _DEFINITION_LINE.match(line)
        if m and len(m.group("abbr").split()) <= 4:
            found = [(m.group("abbr").strip(' «»"'), m.group("full").strip(" .;"))]
        for abbreviation, full_name in found:
            entry = guess_entry(abbreviation, full_name)
            known = None if entry else resolve_term(full_name)  # «МАОУ ДПО ИПК (далее – ИПК)»
            if known is not None:
                entry = GlossaryEntry(abbreviation, full_name, known.node_kind, known.subkind, known.fan_out)
            if entry is None:
                continue
            layer[normalize_term(abbreviation)] = entry
            layer.setdefault(normalize_term(full_name), entry)
    return layer
