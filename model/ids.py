"""Stable node ids: readable, derived from names, the same on every import of the same document."""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)


def slug(text: str) -> str:
    """Return a lower-case Latin slug of a Russian name.

    >>> slug("МБОУ «Школа № 35»")
    'mbou-shkola-35'
    >>> slug("Кемеровская область – Кузбасс")
    'kemerovskaia-oblast-kuzbass'
    """
    text = unicodedata.normalize("NFKC", text.replace("№", " ")).lower()
    out = "".join(_TRANSLIT.get(ch, ch) for ch in text)
    return re.sub(r"[^a-z0-9]+", "-", out).strip("-")


def make_id(prefix: str, *parts: str) -> str:
    """Return a node id from a kind prefix and the slugs of the parts that make it unique.

    >>> make_id("ter", "Кузбасс", "Полысаевский ГО")
    'ter:kuzbass/polysaevskii-go'
    """
    return f"{prefix}:" + "/".join(slug(p) for p in parts if p)


def child_id(prefix: str, parent_id: str, label: str) -> str:
    """Return the id of a body or territory that lives under another node, by its short label.

    >>> child_id("inst", "ter:kuzbass/polysaevskii-go", "ИМЦ")
    'inst:kuzbass/polysaevskii-go/imts'
    """
    return f"{prefix}:{parent_id.split(':', 1)[1]}/{slug(label)}"


PART_MARK = "@"
"""What joins a part of an activity, split off by a what-if hand-over, to its activity's id."""


def part_id(activity: str, number: int) -> str:
    """Return the id of the `number`-th part split off an activity.

    >>> part_id("act:rm/12", 1)
    'act:rm/12@1'
    """
    return f"{activity}{PART_MARK}{number}"


def whole_of(activity: str) -> str:
    """Return the id of the activity a part was split off (an activity's own id for a whole one).

    >>> whole_of("act:rm/12@1@2"), whole_of("act:rm/12")
    ('act:rm/12', 'act:rm/12')
    """
    return activity.partition(PART_MARK)[0]
