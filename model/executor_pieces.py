"""An executor cell cut into pieces: its lines joined, its text cut at every separator outside quotes.

The first two passes of reading a cell (`model.executors`): the lines of the cell are joined (a PDF
line break inside a word is glued back, a bullet keeps its break), then the text is cut at commas,
semicolons, breaks, « и » and «совместно с», never inside quotes or parentheses.
"""

from __future__ import annotations

import re
from enum import Enum
from itertools import pairwise

from model import executor_words as W
from model.executor_words import replace_lookalikes

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f\t]")
_SOFT_HYPHEN_BREAK = re.compile(r"\xad[^\S\n]*\n\s*")  # a word hyphenated at the end of a line
_INVISIBLE = re.compile(r"[\xad\u200b\u200c\u200d\u2060\ufeff]")

_HARD = "\x00"  # a bullet line break; control characters are blanked before it is used
_GLUE_AFTER = "«([{„"
_GLUE_BEFORE = "»)]}”,.;:!?%"
_BULLET = re.compile(r"^[-–—•·▪◦*]\s+")


class Sep(Enum):
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


def pieces_of(text: str) -> tuple[list[str], list[Sep]]:
    """Return a cell cut into pieces and the separators between them, never inside quotes or parentheses.

    >>> pieces_of("УО; ГУ «ОЦМКО, РЦ» и ИМЦ")
    (['УО', 'ГУ «ОЦМКО, РЦ»', 'ИМЦ'], [<Sep.SEMICOLON: 1>, <Sep.AND: 5>])
    """
    text = _INVISIBLE.sub("", _SOFT_HYPHEN_BREAK.sub("", _CONTROL.sub(" ", text)))
    return _pieces(_joined_lines(replace_lookalikes(text)))


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
    if not spaced and W.CYRILLIC.match(a) and a.isalpha() and W.CYRILLIC.match(b) and b.islower():
        last_word = prev.split()[-1].lower()
        if b in "ьъый" or strong or (weak and not last_word.endswith(tuple(W.WORD_ENDINGS))):
            return ""  # «Новокузне\nцкого», «Исполнит\nели»
    return "\n"


# --- pass 2: pieces ------------------------------------------------------------------------------------


def bracket_pairs(text: str) -> dict[int, int]:
    """Map every opening quote or parenthesis that is closed to the index of its closer.

    >>> bracket_pairs("ГУ «ОЦМКО» (Шитова)")
    {3: 9, 11: 18}
    """
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


def _pieces(text: str) -> tuple[list[str], list[Sep]]:
    """Cut the text at commas, semicolons, breaks and « и », never inside quotes or parentheses."""
    pairs = bracket_pairs(text)
    pieces: list[str] = []
    seps: list[Sep] = []
    buf: list[str] = []
    pending: Sep | None = None

    def cut(sep: Sep) -> None:
        nonlocal pending
        piece = "".join(buf).strip()
        buf.clear()
        if any(c.isalnum() for c in piece):
            if pieces:
                seps.append(pending if pending is not None else sep)
            pieces.append(piece)
            pending = sep
        elif pieces:
            pending = sep if pending is None else Sep(min(pending.value, sep.value))

    i = 0
    while i < len(text):
        ch = text[i]
        if i in pairs:
            j = pairs[i]
            buf.append(text[i : j + 1].replace("\n", " ").replace(_HARD, " "))
            if ch == "(" and W.DEFINITION.match(text[i + 1 : j]):
                cut(Sep.DEFINED)  # «(далее – ИПК)» closes the body it names
            i = j + 1
        elif ch in ",;":
            cut(Sep.COMMA if ch == "," else Sep.SEMICOLON)
            i += 1
        elif ch.isspace() or ch == _HARD:
            m = _AND_AT.match(text, i)
            if m and buf:
                cut(Sep.AND)
                i = m.end()
                continue
            m = _JOINTLY_AT.match(text, i)
            if m and buf:
                cut(Sep.JOINTLY)
                buf.append(f"{m.group(1)} ")  # kept as a marker of the co-executor after it
                i = m.end()
                continue
            run = _SPACE_RUN.match(text, i)
            end = run.end() if run else i + 1
            chunk = text[i:end]
            if _HARD in chunk:
                cut(Sep.HARD)
            elif "\n" in chunk:
                cut(Sep.BREAK)
            else:
                buf.append(" ")
            i = end
        else:
            buf.append(ch)
            i += 1
    cut(Sep.HARD)
    return pieces, seps
