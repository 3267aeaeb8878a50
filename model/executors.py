"""Free-text executor cells («УО, МБОУ ДПО «ИМЦ», ОО») as references to bodies, people, roles and groups.

The contract is `shared/specs/executors.md`. Reading runs in four passes: the lines of the cell are
joined (a PDF line break inside a word is glued back), the text is cut at every separator that is
not inside quotes or parentheses, the cuts that do not separate two references are healed, and each
remaining segment becomes one or more references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from model import executor_words as W
from model.executor_pieces import Sep, bracket_pairs, pieces_of
from model.executor_words import ORGANISATION_FORMS, is_abbreviation

__all__ = ["ExecutorRef", "RefKind", "parse_executors"]


class RefKind(StrEnum):
    ORGANISATION = "organisation"
    PERSON = "person"
    ROLE = "role"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class ExecutorRef:
    """One executor named in a cell, as written: its kind, name, person, markers and defined abbreviation."""

    kind: RefKind
    name: str
    person: str = ""
    qualifiers: tuple[str, ...] = ()
    abbreviation: str = ""


_CLOSERS = '»)]”"'
_MAX_DEPTH = 2
_LOOKAHEAD = 6  # a name broken by line breaks runs over a few lines, never over a page


def parse_executors(text: str) -> list[ExecutorRef]:
    """Split an executor cell into references, in the order written; an empty cell gives none.

    >>> [(r.kind.value, r.name, r.person) for r in parse_executors("УО, ГУ «ОЦМКО» (Шитова О.А.)")]
    [('organisation', 'УО', ''), ('organisation', 'ГУ «ОЦМКО»', 'Шитова О.А.')]
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return list(_parse_cached(text))


@lru_cache(maxsize=1 << 14)
def _parse_cached(text: str) -> tuple[ExecutorRef, ...]:
    try:
        return tuple(_references(text, 0))
    except Exception:  # a parser never raises on a cell: the whole cell stays one reference
        name = " ".join(text.split())
        return (ExecutorRef(RefKind.ORGANISATION, name),) if name else ()


def _references(text: str, depth: int) -> list[ExecutorRef]:
    pieces, seps = pieces_of(text)
    refs: list[ExecutorRef] = []
    for segment in _segments(pieces, seps):
        found, qualifiers, abbreviation = _refs_of_segment(segment, depth)
        if found:
            refs.extend(found)
        elif refs:  # «(по согласованию)» on a line of its own belongs to the reference before it
            last = refs[-1]
            refs[-1] = replace(
                last, qualifiers=last.qualifiers + qualifiers, abbreviation=last.abbreviation or abbreviation
            )
        else:
            refs.append(ExecutorRef(RefKind.ORGANISATION, _folded(segment)))
    return refs


# --- pass 3: segments ----------------------------------------------------------------------------------


def _segments(pieces: list[str], seps: list[Sep]) -> list[str]:
    """Heal the cuts that do not separate two references, then join a person to the position after it."""
    if not pieces:
        return []
    healed: list[tuple[str, Sep | None]] = []
    current: str = pieces[0]
    before: Sep | None = None
    for k, sep in enumerate(seps):
        nxt = pieces[k + 1]
        if sep in (Sep.HARD, Sep.SEMICOLON):
            split = True
        elif sep in (Sep.COMMA, Sep.DEFINED, Sep.JOINTLY):
            split = _starts_reference(_ahead(pieces, seps, k + 1))
        elif sep is Sep.AND:
            split = (
                _starts_reference(nxt)
                and not (is_abbreviation(nxt) and W.TOPIC_AT_END.search(_tail(current)))
                and (
                    _complete(current) or (is_abbreviation(nxt) and _kind_of(current) is RefKind.ORGANISATION)
                )
            )
        else:
            ahead = _ahead(pieces, seps, k + 1)
            split = (
                _complete(current)
                and _complete(ahead)
                and _starts_reference(ahead)
                and not (W.POSITION.match(current) and W.PERSON_FULL.fullmatch(nxt))
                and not (W.BRANCH.match(current) and nxt.casefold() in ORGANISATION_FORMS)
            )
        if split:
            healed.append((current, before))
            current, before = nxt, sep
        else:
            glue = {Sep.COMMA: ", ", Sep.AND: " и "}.get(sep, " ")
            current = f"{current}{glue}{nxt}"
    healed.append((current, before))

    merged: list[str] = []
    for text, cut in healed:
        if (
            merged
            and cut in (Sep.COMMA, Sep.BREAK)
            and _ends_with_person(merged[-1])
            and W.POSITION.match(text)
            and not W.PERSON_ANYWHERE.search(text)
        ):
            merged[-1] = f"{merged[-1]}, {text}"
        else:
            merged.append(text)
    return merged


def _ahead(pieces: list[str], seps: list[Sep], k: int) -> str:
    """Return a piece with the pieces after it that a line break alone cuts off, until it reads whole."""
    text = pieces[k]
    end = min(len(pieces) - 1, k + _LOOKAHEAD)
    while k < end and seps[k] is Sep.BREAK and not _complete(text):
        k += 1
        text = f"{text} {pieces[k]}"
    return text


def _words(text: str) -> list[str]:
    return [w.strip('«»"“”„()[],;:!?') for w in text.split()]


def _head_kind(word: str) -> RefKind | None:
    """Return the kind a word names when it heads a reference («руководители», «группа», «отдел»)."""
    word = word.casefold().replace("ё", "е")
    if W.ROLE_WORD.match(word):
        return RefKind.ROLE
    if W.GROUP_WORD.match(word):
        return RefKind.GROUP
    if W.ORG_WORD.match(word):
        return RefKind.ORGANISATION
    return None


def _starts_reference(text: str) -> bool:
    """Tell whether a piece opens a new reference rather than continuing the one before it."""
    text = W.JOINTLY.sub("", text.lstrip())
    if not any(c.isalpha() for c in text):
        return False  # a telephone number or a stray mark belongs to the reference before it
    if W.PERSON_FULL.match(text):
        return True
    first = text[0]
    if first in '«"“„' or first.isdigit():
        return True
    if not first.isalpha():
        return False  # «(по согласованию)», «- министр образования»
    words = [w for w in _words(" ".join(text.split(maxsplit=3)[:3])) if w]
    if not words:
        return False
    if is_abbreviation(words[0]) or first.isupper():
        return True
    if _head_kind(words[0]):
        return True
    if words[0].casefold() in W.PRONOUNS or W.ACTIVE_PARTICIPLE.fullmatch(words[0].casefold()):
        return False  # «…, осуществляющие управление в сфере образования»
    return any(_head_kind(w) for w in words[1:3])


def _complete(text: str) -> bool:
    """Tell whether a piece reads as a whole reference: closed quotes, an abbreviation, a person, a role."""
    text = text.strip()
    if not text:
        return False
    if text[-1] in _CLOSERS and len(text) - 1 in bracket_pairs(text).values():
        return True
    if _person_at_end(text):
        return True
    words = [w for w in _words(_tail(text)) if w]
    if not words:
        return False
    last = words[-1].rstrip(".").casefold()
    if is_abbreviation(words[-1]):
        return last not in ORGANISATION_FORMS
    return last in W.COMPLETE_WORDS or (len(text.split(maxsplit=1)) == 1 and last in W.BODY_WORDS)


def _tail(text: str, size: int = 120) -> str:
    """Return the last whole words of a text: enough to see a person or an abbreviation at its end."""
    if len(text) <= size:
        return text
    tail = text[-size:]
    return tail[tail.find(" ") + 1 :] if " " in tail else tail


def _person_at_end(text: str) -> re.Match[str] | None:
    text = _tail(text)
    for m in W.persons_in(text):
        if not text[m.end() :].strip(" ."):
            return m
    return None


def _ends_with_person(text: str) -> bool:
    return bool(W.PERSON_FULL.fullmatch(text) or _person_at_end(text))


# --- pass 4: references --------------------------------------------------------------------------------


def _refs_of_segment(text: str, depth: int) -> tuple[list[ExecutorRef], tuple[str, ...], str]:
    """Read one segment: its markers at the end, persons in parentheses, then who the rest names.

    Returns the references, or, when the segment holds markers only, those markers and abbreviation.
    """
    s = _folded(text)
    jointly = W.JOINTLY.match(s)
    lead = (jointly.group().strip(),) if jointly else ()
    s = s[jointly.end() :] if jointly else s
    tail: list[str] = []
    persons: list[ExecutorRef] = []
    abbreviation = ""
    while s:
        s = s.rstrip(" ,;:")
        if s[-2:] in (").", "».", '".', "”."):
            s = s[:-1]
        marker = W.ETC.search(s) or W.AGREED.search(s)
        if marker:
            tail.insert(0, marker.group(1))
            s = s[: marker.start()]
            continue
        group = _trailing_parentheses(s)
        if group is None:
            break
        start, inner = group
        written = s[start:]
        definition = W.DEFINITION.match(inner)
        if W.AGREED_INSIDE.match(inner):
            tail.insert(0, written)
        elif definition or (_is_abbreviation_phrase(inner) and not _is_abbreviation_phrase(s[:start])):
            tail.insert(0, written)
            abbreviation = (definition.group("abbr") if definition else inner).strip('«»"“”„ ')
        else:
            found = _references(inner, depth + 1) if depth < _MAX_DEPTH else []
            if not found or any(r.kind is not RefKind.PERSON for r in found):
                break
            persons[:0] = found
        s = s[:start]
    s, middle, defined = _definitions_inside(s)
    abbreviation = abbreviation or defined
    s = _trimmed(s)
    qualifiers = (*lead, *middle, *tail)
    if not s:
        if persons:
            return [replace(p, qualifiers=p.qualifiers + qualifiers) for p in persons], (), ""
        return [], qualifiers, abbreviation
    base = _core(s, qualifiers, abbreviation)
    if not persons:
        return [base], (), ""
    if base.kind is RefKind.PERSON or base.person:
        return [base] + [replace(p, qualifiers=p.qualifiers + qualifiers) for p in persons], (), ""
    return [replace(base, person=p.name, qualifiers=p.qualifiers + base.qualifiers) for p in persons], (), ""


def _core(s: str, qualifiers: tuple[str, ...], abbreviation: str) -> ExecutorRef:
    """Read what a segment names once its markers are off: a person, a body or role with a person, a body."""
    m = W.PERSON_FULL.fullmatch(s)
    if m:
        return ExecutorRef(
            RefKind.PERSON, W.person_name(m), qualifiers=W.acting(m) + qualifiers, abbreviation=abbreviation
        )
    quoted = [(o, c) for o, c in bracket_pairs(s).items() if s[o] in '«"“„']
    for m in W.persons_in(s):
        if any(o < m.start() < c for o, c in quoted):
            continue
        after = s[m.end() :].strip(" .")
        if m.start() == 0:
            position = after.lstrip(",–—- ")
            if position and (W.POSITION.match(position) or not any(c.isalpha() for c in position)):
                return ExecutorRef(
                    RefKind.PERSON, W.person_name(m), "", (*W.acting(m), position, *qualifiers), abbreviation
                )
            continue
        prefix = s[: m.start()].rstrip(" ,:–—-")
        if not prefix or prefix.casefold().endswith(("им.", "имени")):
            continue
        position = after[1:].strip() if after.startswith(",") else ""
        if not after or (position and W.POSITION.match(position)):
            extra = (position,) if position else ()
            return ExecutorRef(
                _kind_of(prefix), prefix, W.person_name(m), W.acting(m) + extra + qualifiers, abbreviation
            )
    return ExecutorRef(_kind_of(s), s, "", qualifiers, abbreviation)


def _kind_of(text: str) -> RefKind:
    """Return the kind of reference the first telling word names, outside quotes; a body by default."""
    pairs = bracket_pairs(text)
    outside, i = [], 0
    while i < len(text):
        if i in pairs and text[i] in '«"“„':
            outside.append(" ")
            i = pairs[i] + 1
        else:
            outside.append(text[i])
            i += 1
    for word in _words("".join(outside)):
        kind = _head_kind(word)
        if kind:
            return kind
    return RefKind.ORGANISATION


def _trailing_parentheses(s: str) -> tuple[int, str] | None:
    s = s.rstrip()
    if not s.endswith(")"):
        return None
    for o, c in bracket_pairs(s).items():
        if c == len(s) - 1 and s[o] == "(":
            return o, s[o + 1 : c]
    return None


def _definitions_inside(s: str) -> tuple[str, list[str], str]:
    """Take «(далее - …)» out of the middle of a segment."""
    found: list[str] = []
    abbreviation = ""
    while True:
        pairs = bracket_pairs(s)
        hit = next(
            ((o, c) for o, c in sorted(pairs.items()) if s[o] == "(" and W.DEFINITION.match(s[o + 1 : c])),
            None,
        )
        if hit is None:
            return _folded(s), found, abbreviation
        o, c = hit
        found.append(s[o : c + 1])
        m = W.DEFINITION.match(s[o + 1 : c])
        abbreviation = abbreviation or (m.group("abbr").strip('«»"“”„ ') if m else "")
        s = f"{s[:o]} {s[c + 1 :]}"


def _is_abbreviation_phrase(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 2 and all(is_abbreviation(w) for w in words)


def _trimmed(s: str) -> str:
    """Drop separators and a sentence's full stop left at the ends of a segment."""
    s = re.sub(r"^[\s\-–—,;:]+|[\s\-–—,;:]+$", "", s)
    if s.endswith("..") and not s.endswith("..."):
        s = s[:-1]
    if s.endswith(".") and not s.endswith(".."):
        words = s[:-1].split()
        last = words[-1] if words else ""
        if s[-2:-1] in (")", "»", '"', "”") or (
            last.isalpha()
            and last.casefold() not in W.DOTTED_WORDS
            and (len(last) >= 4 or is_abbreviation(last))
        ):
            s = s[:-1]
    return s.strip()


def _folded(text: str) -> str:
    return " ".join(text.split())
