"""Free-text executor cells («УО, МБОУ ДПО «ИМЦ», ОО») as references to bodies, people, roles and groups.

The contract is `shared/specs/executors.md`. Reading runs in four passes: the lines of the cell are
joined (a PDF line break inside a word is glued back), the text is cut at every separator that is
not inside quotes or parentheses, the cuts that do not separate two references are healed, and each
remaining segment becomes one or more references.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from functools import lru_cache
from itertools import pairwise


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
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f\t]")
_SOFT_HYPHEN_BREAK = re.compile(r"\xad[^\S\n]*\n\s*")  # a word hyphenated at the end of a line
_INVISIBLE = re.compile(r"[\xad\u200b\u200c\u200d\u2060\ufeff]")

_HARD = "\x00"  # a bullet line break; control characters are blanked before it is used
_CLOSERS = '»)]”"'
_GLUE_AFTER = "«([{„"
_GLUE_BEFORE = "»)]}”,.;:!?%"
_BULLET = re.compile(r"^[-–—•·▪◦*]\s+")
_WORD_ENDINGS = tuple(
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
_PERSON_FULL = re.compile(rf"(?:(?P<io>{_ACTING})\s*)?(?P<name>{_PERSON})")
_PERSON_ANYWHERE = re.compile(rf"(?:^|(?<=[\s(–—-]))(?:(?P<io>{_ACTING})\s*)?(?P<name>{_PERSON})")
_POSITION = re.compile(
    r"(?:(?:[иИ]\.\s?о\.?|врио)\s*)?(?:[а-яёА-ЯЁ-]+(?:ый|ий|ой|ого|его|ому|ему|ым|им)\s+){0,2}"
    r"(?:(?:заместител|председател|руководител|учител|секретар)(?:ь|я|ю|ем|е)"
    r"|(?:директор|министр|начальник|ректор|проректор|специалист|методист|координатор|куратор|педагог"
    r"|консультант|советник|инспектор|эксперт|член|тьютор|наставник|психолог|сотрудник)(?:а|у|ом|е)?"
    r"|зам\.|замдиректора|заведующ(?:ий|его|ему|им|ая|ей|ую)|глав(?:а|ы|е|у|ой))(?![а-яё])",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(
    r"руководител|руководящ|директор|заместител|зам\b|замдиректор|заведующ|завуч|учител|педагог(?!ическ)|работник"
    r"|специалист|методист|координатор|куратор|тьютор|наставник|психолог|логопед|дефектолог|начальник|председател"
    r"|ректор|проректор|член|эксперт|ответственн|родител(?!ьск)|обучающ|учащ|выпускник|министр(?!ерств)"
    r"|консультант|советник|инспектор|сотрудник|волонт[её]р|студент|воспитател|представител|секретар|глав[аыеу]\b"
)
_GROUP_WORD = re.compile(
    r"групп|совет(?!ник)|объединени|комисси|сообществ|ассоциаци|коллектив|консилиум|клуб|штаб"
    r"|команд(?:[аыеуо]|ой|ам|ами|ах)?\b|гмо\b|рмо\b|шмо\b"
)
_ORG_WORD = re.compile(
    r"министерств|департамент|комитет|управлени|учреждени|организаци|институт|администраци|правительств"
    r"|академи|университет|колледж|филиал|агентств|инспекци|гимнази|библиотек|служб|сектор|кабинет|фонд"
    r"|центр(?:[аеуы]|ом|ов|ам|ами|ах)?\b|отдел(?:[аеуы]|ом|ов|ам|ами|ах|ени\w*)?\b"
    r"|школ(?:[аеуы]|ой|ам|ами|ах)?\b|лице(?:й|я|ю|ем|е|и|ев)\b|орган(?:[аеуы]|ом|ов|ам|ами|ах)?\b"
)
_ACTIVE_PARTICIPLE = re.compile(
    r"[а-яё]+(?:ющ|ящ|ущ|ащ|вш)(?:ий|ая|ее|ие|их|им|ими|ую|его|ему|ей|ем)(?:ся|ись)?"
)
_PRONOUNS = frozenset({"их", "его", "ее", "её", "других", "другие", "др", "др."})
_COMPLETE_WORDS = frozenset(
    _vocabulary(
        "группа группы совет руководители руководитель координатор координаторы специалисты специалист "
        "методисты методист кураторы куратор тьюторы наставники психологи педагоги учителя учитель "
        "эксперты родители обучающиеся учащиеся работники объединения объединение команды команда "
        "комиссия коллектив"
    )
)
_BODY_WORDS = frozenset(
    _vocabulary(
        "комитет министерство управление департамент администрация минобрнауки минпросвещения "
        "рособрнадзор депобрнауки минобразования"
    )
)
_BRANCH = re.compile(r"(?i)(?:отделение|филиал|структурное подразделение)\b")
_DOTTED_WORDS = frozenset(_vocabulary("др зам им г обл р ул пр д гг каб т тд тп"))
# «заместители директоров по УВР и ВР» is one role, not a role and a body called «ВР».
_TOPIC_AT_END = re.compile(r"\bпо\s+[А-ЯЁ]{2,}[А-ЯЁа-яё]*$")
_JOINTLY = re.compile(r"^совместно\s+со?\s+")
_ETC = re.compile(r"(?:^|[\s,]+)(и\s+др\.?|и\s+другие)$")
_AGREED = re.compile(r"(?:^|[\s,]+)(по\s+согласованию)$", re.IGNORECASE)
_AGREED_INSIDE = re.compile(r"\s*по\s+согласовани", re.IGNORECASE)
_DEFINITION = re.compile(r"\s*далее\b\s*[-–—:]?\s*(?P<abbr>.*?)\s*$", re.IGNORECASE | re.DOTALL)
_MAX_DEPTH = 2
_LOOKAHEAD = 6  # a name broken by line breaks runs over a few lines, never over a page


class _Sep(Enum):
    """A cut between two pieces, from the strongest to the weakest."""

    HARD = 0
    SEMICOLON = 1
    COMMA = 2
    DEFINED = 3
    JOINTLY = 4
    AND = 5
    BREAK = 6


_AND_AT = re.compile(r"[\s\x00]+и[\s\x00]+")
_JOINTLY_AT = re.compile(r"[\s\x00]+(совместно\s+со?)[\s\x00]+")
_SPACE_RUN = re.compile(r"[\s\x00]+")


def replace_lookalikes(text: str) -> str:
    """Return the text with Latin letters that look Cyrillic replaced inside Cyrillic words.

    A word or an initial wholly made of such capitals («OO», «O.A.») is replaced too when the text is
    Cyrillic.

    >>> replace_lookalikes("MБOУ «Школа», OO, PISA")
    'МБОУ «Школа», ОО, PISA'
    """
    if not _CYRILLIC.search(text):
        return text

    def fixed(m: re.Match[str]) -> str:
        word = m.group()
        initial = m.string[m.end() : m.end() + 1] == "."  # «O.A.» are initials
        all_lookalike = (
            (len(word) > 1 or initial) and word.isupper() and all(c in _LOOKALIKE_FROM for c in word)
        )
        return word.translate(_LOOKALIKES) if all_lookalike or _CYRILLIC.search(word) else word

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
    text = _INVISIBLE.sub("", _SOFT_HYPHEN_BREAK.sub("", _CONTROL.sub(" ", text)))
    pieces, seps = _pieces(_joined_lines(replace_lookalikes(text)))
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


# --- pass 1: lines -------------------------------------------------------------------------------------


def _joined_lines(text: str) -> str:
    """Join the lines of a cell, keeping a break only where it may separate two references."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    bullets = sum(bool(_BULLET.match(line.strip())) for line in lines)
    bulleted = bullets >= 2 or bool(_BULLET.match(lines[0].strip()))
    # A PDF keeps the space before a break between words and none inside a word.
    strong = any(line != line.rstrip() for line in lines[:-1]) or any(
        line != line.lstrip() for line in lines[1:]
    )
    weak = lines[-1] != lines[-1].rstrip()
    out = [_without_bullet(lines[0].strip()) if bulleted else lines[0].strip()]
    for before, after in pairwise(lines):
        prev, nxt = before.strip(), after.strip()
        if bulleted and _BULLET.match(nxt):
            out += [_HARD, _without_bullet(nxt)]
            continue
        spaced = before != before.rstrip() or after != after.lstrip()
        out += [_joint(prev, nxt, spaced, strong, weak), nxt]
    return "".join(out)


def _without_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1)


def _joint(prev: str, nxt: str, spaced: bool, strong: bool, weak: bool) -> str:
    a, b = prev[-1], nxt[0]
    if a == "-" and len(prev) > 1 and prev[-2].isalnum() and b.isalnum() and not spaced:
        return ""  # «консультативно-\nметодического», «2020-\n2021»
    if b in _GLUE_BEFORE or a in _GLUE_AFTER:
        return ""
    if not spaced and _CYRILLIC.match(a) and a.isalpha() and _CYRILLIC.match(b) and b.islower():
        last_word = prev.split()[-1].lower()
        if b in "ьъый" or strong or (weak and not last_word.endswith(tuple(_WORD_ENDINGS))):
            return ""  # «Новокузне\nцкого», «Исполнит\nели»
    return "\n"


# --- pass 2: pieces ------------------------------------------------------------------------------------


def _bracket_pairs(text: str) -> dict[int, int]:
    """Map every opening quote or parenthesis that is closed to the index of its closer."""
    pairs: dict[int, int] = {}
    guillemets: list[int] = []
    others: list[tuple[str, int]] = []
    straight: int | None = None
    for i, ch in enumerate(text):
        if ch == "«":
            guillemets.append(i)
        elif ch == "»" and guillemets:
            pairs[guillemets.pop()] = i
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                pairs[straight], straight = i, None
        elif ch in "([„“":
            others.append((ch, i))
        elif ch in ")]”" and others:
            opener, j = others[-1]
            if (opener, ch) in {("(", ")"), ("[", "]"), ("„", "”"), ("“", "”")}:
                others.pop()
                pairs[j] = i
    # «Кузбасский «РЦППМС»: typography drops the outer closer, so the outer quote ends with the inner one.
    for u in guillemets:
        later = [c for o, c in pairs.items() if o > u and text[o] == "«"]
        if later:
            pairs[u] = min(later)
    return pairs


def _pieces(text: str) -> tuple[list[str], list[_Sep]]:
    """Cut the text at commas, semicolons, breaks and « и », never inside quotes or parentheses."""
    pairs = _bracket_pairs(text)
    pieces: list[str] = []
    seps: list[_Sep] = []
    buf: list[str] = []
    pending: _Sep | None = None

    def cut(sep: _Sep) -> None:
        nonlocal pending
        piece = "".join(buf).strip()
        buf.clear()
        if any(c.isalnum() for c in piece):
            if pieces:
                seps.append(pending if pending is not None else sep)
            pieces.append(piece)
            pending = sep
        elif pieces:
            pending = sep if pending is None else _Sep(min(pending.value, sep.value))

    i = 0
    while i < len(text):
        ch = text[i]
        if i in pairs:
            j = pairs[i]
            buf.append(text[i : j + 1].replace("\n", " ").replace(_HARD, " "))
            if ch == "(" and _DEFINITION.match(text[i + 1 : j]):
                cut(_Sep.DEFINED)  # «(далее – ИПК)» closes the body it names
            i = j + 1
        elif ch in ",;":
            cut(_Sep.COMMA if ch == "," else _Sep.SEMICOLON)
            i += 1
        elif ch.isspace() or ch == _HARD:
            m = _AND_AT.match(text, i)
            if m and buf:
                cut(_Sep.AND)
                i = m.end()
                continue
            m = _JOINTLY_AT.match(text, i)
            if m and buf:
                cut(_Sep.JOINTLY)
                buf.append(f"{m.group(1)} ")  # kept as a marker of the co-executor after it
                i = m.end()
                continue
            run = _SPACE_RUN.match(text, i)
            end = run.end() if run else i + 1
            chunk = text[i:end]
            if _HARD in chunk:
                cut(_Sep.HARD)
            elif "\n" in chunk:
                cut(_Sep.BREAK)
            else:
                buf.append(" ")
            i = end
        else:
            buf.append(ch)
            i += 1
    cut(_Sep.HARD)
    return pieces, seps


# --- pass 3: segments ----------------------------------------------------------------------------------


def _segments(pieces: list[str], seps: list[_Sep]) -> list[str]:
    """Heal the cuts that do not separate two references, then join a person to the position after it."""
    if not pieces:
        return []
    healed: list[tuple[str, _Sep | None]] = []
    current: str = pieces[0]
    before: _Sep | None = None
    for k, sep in enumerate(seps):
        nxt = pieces[k + 1]
        if sep in (_Sep.HARD, _Sep.SEMICOLON):
            split = True
        elif sep in (_Sep.COMMA, _Sep.DEFINED, _Sep.JOINTLY):
            split = _starts_reference(_ahead(pieces, seps, k + 1))
        elif sep is _Sep.AND:
            split = (
                _starts_reference(nxt)
                and not (is_abbreviation(nxt) and _TOPIC_AT_END.search(_tail(current)))
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
                and not (_POSITION.match(current) and _PERSON_FULL.fullmatch(nxt))
                and not (_BRANCH.match(current) and nxt.casefold() in ORGANISATION_FORMS)
            )
        if split:
            healed.append((current, before))
            current, before = nxt, sep
        else:
            glue = {_Sep.COMMA: ", ", _Sep.AND: " и "}.get(sep, " ")
            current = f"{current}{glue}{nxt}"
    healed.append((current, before))

    merged: list[str] = []
    for text, cut in healed:
        if (
            merged
            and cut in (_Sep.COMMA, _Sep.BREAK)
            and _ends_with_person(merged[-1])
            and _POSITION.match(text)
            and not _PERSON_ANYWHERE.search(text)
        ):
            merged[-1] = f"{merged[-1]}, {text}"
        else:
            merged.append(text)
    return merged


def _ahead(pieces: list[str], seps: list[_Sep], k: int) -> str:
    """Return a piece with the pieces after it that a line break alone cuts off, until it reads whole."""
    text = pieces[k]
    end = min(len(pieces) - 1, k + _LOOKAHEAD)
    while k < end and seps[k] is _Sep.BREAK and not _complete(text):
        k += 1
        text = f"{text} {pieces[k]}"
    return text


def _words(text: str) -> list[str]:
    return [w.strip('«»"“”„()[],;:!?') for w in text.split()]


def _head_kind(word: str) -> RefKind | None:
    """Return the kind a word names when it heads a reference («руководители», «группа», «отдел»)."""
    word = word.casefold().replace("ё", "е")
    if _ROLE_WORD.match(word):
        return RefKind.ROLE
    if _GROUP_WORD.match(word):
        return RefKind.GROUP
    if _ORG_WORD.match(word):
        return RefKind.ORGANISATION
    return None


def _starts_reference(text: str) -> bool:
    """Tell whether a piece opens a new reference rather than continuing the one before it."""
    text = _JOINTLY.sub("", text.lstrip())
    if not any(c.isalpha() for c in text):
        return False  # a telephone number or a stray mark belongs to the reference before it
    if _PERSON_FULL.match(text):
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
    if words[0].casefold() in _PRONOUNS or _ACTIVE_PARTICIPLE.fullmatch(words[0].casefold()):
        return False  # «…, осуществляющие управление в сфере образования»
    return any(_head_kind(w) for w in words[1:3])


def _complete(text: str) -> bool:
    """Tell whether a piece reads as a whole reference: closed quotes, an abbreviation, a person, a role."""
    text = text.strip()
    if not text:
        return False
    if text[-1] in _CLOSERS and len(text) - 1 in _bracket_pairs(text).values():
        return True
    if _person_at_end(text):
        return True
    words = [w for w in _words(_tail(text)) if w]
    if not words:
        return False
    last = words[-1].rstrip(".").casefold()
    if is_abbreviation(words[-1]):
        return last not in ORGANISATION_FORMS
    return last in _COMPLETE_WORDS or (len(text.split(maxsplit=1)) == 1 and last in _BODY_WORDS)


def _tail(text: str, size: int = 120) -> str:
    """Return the last whole words of a text: enough to see a person or an abbreviation at its end."""
    if len(text) <= size:
        return text
    tail = text[-size:]
    return tail[tail.find(" ") + 1 :] if " " in tail else tail


def _persons_in(text: str) -> Iterator[re.Match[str]]:
    """Yield every person named in the text, trying every start («Кузбасса С.Ю.» and «С.Ю. Балакирева»)."""
    pos = 0
    while (m := _PERSON_ANYWHERE.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


def _person_at_end(text: str) -> re.Match[str] | None:
    text = _tail(text)
    for m in _persons_in(text):
        if not text[m.end() :].strip(" ."):
            return m
    return None


def _ends_with_person(text: str) -> bool:
    return bool(_PERSON_FULL.fullmatch(text) or _person_at_end(text))


# --- pass 4: references --------------------------------------------------------------------------------


def _refs_of_segment(text: str, depth: int) -> tuple[list[ExecutorRef], tuple[str, ...], str]:
    """Read one segment: its markers at the end, persons in parentheses, then who the rest names.

    Returns the references, or, when the segment holds markers only, those markers and abbreviation.
    """
    s = _folded(text)
    jointly = _JOINTLY.match(s)
    lead = (jointly.group().strip(),) if jointly else ()
    s = s[jointly.end() :] if jointly else s
    tail: list[str] = []
    persons: list[ExecutorRef] = []
    abbreviation = ""
    while s:
        s = s.rstrip(" ,;:")
        if s[-2:] in (").", "».", '".', "”."):
            s = s[:-1]
        marker = _ETC.search(s) or _AGREED.search(s)
        if marker:
            tail.insert(0, marker.group(1))
            s = s[: marker.start()]
            continue
        group = _trailing_parentheses(s)
        if group is None:
            break
        start, inner = group
        written = s[start:]
        definition = _DEFINITION.match(inner)
        if _AGREED_INSIDE.match(inner):
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
    m = _PERSON_FULL.fullmatch(s)
    if m:
        return ExecutorRef(
            RefKind.PERSON, _person_name(m), qualifiers=_acting(m) + qualifiers, abbreviation=abbreviation
        )
    quoted = [(o, c) for o, c in _bracket_pairs(s).items() if s[o] in '«"“„']
    for m in _persons_in(s):
        if any(o < m.start() < c for o, c in quoted):
            continue
        after = s[m.end() :].strip(" .")
        if m.start() == 0:
            position = after.lstrip(",–—- ")
            if position and (_POSITION.match(position) or not any(c.isalpha() for c in position)):
                return ExecutorRef(
                    RefKind.PERSON, _person_name(m), "", (*_acting(m), position, *qualifiers), abbreviation
                )
            continue
        prefix = s[: m.start()].rstrip(" ,:–—-")
        if not prefix or prefix.casefold().endswith(("им.", "имени")):
            continue
        position = after[1:].strip() if after.startswith(",") else ""
        if not after or (position and _POSITION.match(position)):
            extra = (position,) if position else ()
            return ExecutorRef(
                _kind_of(prefix), prefix, _person_name(m), _acting(m) + extra + qualifiers, abbreviation
            )
    return ExecutorRef(_kind_of(s), s, "", qualifiers, abbreviation)


def _kind_of(text: str) -> RefKind:
    """Return the kind of reference the first telling word names, outside quotes; a body by default."""
    pairs = _bracket_pairs(text)
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


def _person_name(m: re.Match[str]) -> str:
    return re.sub(r"\.{2,}$", ".", m.group("name"))


def _acting(m: re.Match[str]) -> tuple[str, ...]:
    return (m.group("io"),) if m.group("io") else ()


def _trailing_parentheses(s: str) -> tuple[int, str] | None:
    s = s.rstrip()
    if not s.endswith(")"):
        return None
    for o, c in _bracket_pairs(s).items():
        if c == len(s) - 1 and s[o] == "(":
            return o, s[o + 1 : c]
    return None


def _definitions_inside(s: str) -> tuple[str, list[str], str]:
    """Take «(далее - …)» out of the middle of a segment."""
    found: list[str] = []
    abbreviation = ""
    while True:
        pairs = _bracket_pairs(s)
        hit = next(
            ((o, c) for o, c in sorted(pairs.items()) if s[o] == "(" and _DEFINITION.match(s[o + 1 : c])),
            None,
        )
        if hit is None:
            return _folded(s), found, abbreviation
        o, c = hit
        found.append(s[o : c + 1])
        m = _DEFINITION.match(s[o + 1 : c])
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
            and last.casefold() not in _DOTTED_WORDS
            and (len(last) >= 4 or is_abbreviation(last))
        ):
            s = s[:-1]
    return s.strip()


def _folded(text: str) -> str:
    return " ".join(text.split())
