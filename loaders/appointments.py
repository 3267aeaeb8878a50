"""The people an order names: the coordinators it appoints, who controls it, who signs it, whom it lists.

Orders write people in the accusative with initials («возложить на Л.В. Голубицкую»); every name
comes back as «Фамилия И.О.» in the nominative (`loaders.names.nominative_person`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.names import NAME_PATTERN, NAME_RE, nominative_person, nominative_words

_POSITION_WORDS = (
    r"(?:директора|ректора|руководителя|начальника|заведующе\w+|председателя|заместителя|методиста"
    r"|главного специалиста|специалиста)"
)


_BODY_CHAR = r"[^()«»,;:]"


@dataclass(frozen=True, slots=True)
class Appointment:
    """A person or body the order names as a coordinator, and of what."""

    person: str
    organisation: str = ""
    position: str = ""
    role: str = "координатор"
    of_group: bool = False


def control_of(lines: list[str]) -> tuple[str, str, str, str]:
    """Return the controller, their position, and the signer with position."""
    at = next(
        (i for i, line in enumerate(lines) if re.match(r"(\d+\.?\s*)?контроль\b", line, re.IGNORECASE)), None
    )
    if at is None:
        order = next(
            (i for i, line in enumerate(lines) if re.fullmatch(r"приказываю:?", line.replace(" ", ""), re.I)),
            None,
        )
        if order is None:
            return "", "", "", ""
        body = [line for line in lines[order + 1 :] if not re.match(r"\d", line)]
        return "", "", *_signer(body)
    sentence = " ".join(lines[at : at + 3])
    signer, signer_position = _signer(lines[at + 1 :])
    if re.search(r"оставляю\s+за\s+собой", sentence, re.IGNORECASE):
        return signer, signer_position, signer, signer_position
    found = re.search(rf"возложить\s+на\s+({NAME_PATTERN})\s*,?\s*([^.]*)", sentence)
    if not found:
        return "", "", signer, signer_position
    return nominative_person(found.group(1)), found.group(2).strip(), signer, signer_position


def _signer(lines: list[str]) -> tuple[str, str]:
    previous = ""
    for line in lines[:12]:
        found = NAME_RE.search(line)
        if (
            found
            and len(line) - len(found.group(0)) < 60
            and not line.lower().startswith(("контроль", "возлож"))
        ):
            position = line[: found.start()].strip() or previous
            return nominative_person(found.group(0)), position
        if line:
            previous = line
    return "", ""


def coordinators_of(flat: str) -> tuple[Appointment, ...]:
    """Return the coordinators the order appoints, with their body and position when given."""
    found: list[Appointment] = []
    for m in re.finditer(
        rf"функционал\w*\s+координатора\s+(.{{0,300}}?)\s+на\s+(.{{3,200}}?)\s*\(({NAME_PATTERN})\)", flat
    ):
        found.append(
            Appointment(
                nominative_person(m.group(3)),
                m.group(2).strip(),
                "",
                _role(m.group(1)),
                "групп" in m.group(1),
            )
        )
    for m in re.finditer(
        rf"[Нн]азначить\s+({NAME_PATTERN})\s*,\s*({_POSITION_WORDS})\s+(.{{2,120}}?)\s+((?:\w+ым\s+)?координатор\w*)",
        flat,
    ):
        found.append(
            Appointment(
                nominative_person(m.group(1)),
                m.group(3).strip(" ,"),
                nominative_words(m.group(2)),
                _role(m.group(4)),
                False,
            )
        )
    for m in re.finditer(
        rf"[Нн]азначить\s+((?:\w+ым\s+)?координатор\w*)\s+(.{{0,300}}?),\s*({_POSITION_WORDS})\s+(.{{2,80}}?)\s+({NAME_PATTERN})",
        flat,
    ):
        found.append(
            Appointment(
                nominative_person(m.group(5)),
                m.group(4).strip(" ,"),
                nominative_words(m.group(3)),
                _role(m.group(1) + " " + m.group(2)),
                "групп" in m.group(2),
            )
        )
    return tuple(found)


def _role(text: str) -> str:
    text = text.lower()
    for stem, role in (
        ("муниципальн", "муниципальный координатор"),
        ("региональн", "региональный координатор"),
        ("школьн", "школьный координатор"),
    ):
        if stem in text:
            return role
    return "координатор"


_CONTACT = re.compile(rf"(?<!{_BODY_CHAR})((?:{_BODY_CHAR}|«[^»]*»)+?)\s*\(({NAME_PATTERN})\)")
"""«Body (Фамилия И.О.)»: the body runs back to the last «()«»,;:» outside quotes. A match starts only
where such a run can start (`(?<!…)`): a later start would find the same contact, so the result is the
same, and a long sentence with no contact is read once instead of once per letter."""


def contacts_of(flat: str) -> tuple[tuple[str, str], ...]:
    """Return («body as written», «Фамилия И.О.») for every «Body (Фамилия И.О.)» in the order text."""
    pairs = []
    for m in _CONTACT.finditer(flat):
        body = re.split(r"(?:^|[.;:]\s*)\d+(?:\.\d+)*\.?\s+", m.group(1))[-1].strip(" .")
        quoted = re.findall(r"«[^»]+»(?:[^«]*»)?", body)
        words = body.split()
        if len(words) > 12:
            body = " ".join(words[-12:])
        pairs.append((quoted[-1] if quoted else body, nominative_person(m.group(2))))
    return tuple(pairs)
