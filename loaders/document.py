"""What an order says about itself: issuer, number, date, plan window, basis, controller, coordinators.

The input is the document's text (Word paragraphs, or the title rows above a spreadsheet's header);
every fact can be overridden by `DocumentOptions` (command-line flags, the sample manifest).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date

from loaders.appointments import Appointment, contacts_of, control_of, coordinators_of
from loaders.citations import document_label
from loaders.dates import parse_date
from loaders.names import NOMINATIVE
from loaders.places import municipality_of, region_of
from model.deadlines import parse_plan_window
from model.entities import RoadmapLevel

_BODY_WORDS = ("министерств", "управлени", "комитет", "департамент", "отдел", "сектор", "администраци")
_TERRITORY_MARKERS = re.compile(
    r"област|кра[яйю]|республик|кузбасс|округ|район|город|\bг\.|администрац", re.IGNORECASE
)
_MUNICIPAL_MARKERS = re.compile(r"городск\w+ округ|район|город|\bг\.|администрац|муниципал", re.IGNORECASE)
_SCHOOL_MARKERS = re.compile(r"школ|лице|гимнази|\bм[бак]?оу\b|\bсош\b|\bоош\b", re.IGNORECASE)
_REGION_MARKERS = re.compile(r"министерств|департамент|област|кра[яй]\b|республик|кузбасс", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OrderRef:
    """Another order the document names: its issuer as written, number and date."""

    issuer: str
    number: str
    date: dt.date | None

    @property
    def label(self) -> str:
        """Return the order as people cite it: «№ 1721 от 23.10.2020»."""
        return document_label(self.number, self.date) if self.date else f"№ {self.number}"

    def describe(self) -> str:
        """Return the order with its issuer, for the load report: «Министерство …, № 1721 от 23.10.2020»."""
        return f"{self.issuer}, {self.label}" if self.issuer else self.label


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """The facts of one order; empty strings and None stand for «not found»."""

    issuer: str = ""
    number: str = ""
    date: dt.date | None = None
    title: str = ""
    region: str = ""
    municipality: str = ""
    level: RoadmapLevel | None = None
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None
    based_on: OrderRef | None = None
    controller: str = ""
    controller_position: str = ""
    signer: str = ""
    signer_position: str = ""
    coordinators: tuple[Appointment, ...] = ()
    contacts: tuple[tuple[str, str], ...] = ()

    def as_report(self) -> dict[str, object]:
        """Return the `document` mapping of the load report."""
        return {
            "issuer": self.issuer,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "region": self.region,
            "municipality": self.municipality,
            "level": str(self.level) if self.level else None,
            "plan_start": self.plan_start.isoformat() if self.plan_start else None,
            "plan_end": self.plan_end.isoformat() if self.plan_end else None,
            "based_on": self.based_on.describe() if self.based_on else None,
            "controller": self.controller or None,
            "title": self.title,
            "coordinators": [a.person for a in self.coordinators],
        }


@dataclass(frozen=True, slots=True)
class DocumentOptions:
    """Facts given by the user; each one that is set wins over what the text says."""

    issuer: str = ""
    number: str = ""
    date: dt.date | None = None
    region: str = ""
    municipality: str = ""
    level: RoadmapLevel | None = None
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None
    controller: str = ""
    based_on: OrderRef | None = None


PlanWindowParser = Callable[[str], tuple[date | None, date | None]]


def with_options(facts: DocumentFacts, options: DocumentOptions | None) -> DocumentFacts:
    """Return the facts with every fact the options set put in place of what was read."""
    if options is None:
        return facts
    changes: dict[str, object] = {}
    for option in fields(options):
        value = getattr(options, option.name)
        if value:
            changes[option.name] = value
    if options.municipality and not options.level and facts.level is RoadmapLevel.REGION:
        changes["level"] = RoadmapLevel.MUNICIPALITY
    read, given = facts.based_on, options.based_on
    if (
        read is not None
        and given is not None
        and not given.issuer
        and (read.number, read.date) == (given.number, given.date)
    ):
        changes["based_on"] = read
    return replace(facts, **changes)  # type: ignore[arg-type]


def clean_lines(text: str) -> list[str]:
    """Return the text's lines without markup (`**`, `<b>`), underscores of blanks and repeated spaces."""
    out = []
    for line in text.replace("\xa0", " ").splitlines():
        line = re.sub(r"</?\w+>|\*\*|^#+\s*", "", line)
        line = re.sub(r"_+", " ", line)
        out.append(re.sub(r"\s+", " ", line).strip())
    return out


def parse_document_facts(text: str, plan_window: PlanWindowParser = parse_plan_window) -> DocumentFacts:
    """Return what the text of an order says about the order."""
    lines = clean_lines(text)
    flat = " ".join(line for line in lines if line)
    order_at = next(
        (i for i, line in enumerate(lines) if re.fullmatch(r"приказ", line.replace(" ", ""), re.I)), None
    )
    issuer = issuer_of(lines, order_at, flat)
    head = _head(lines, order_at)
    number, day = _number_and_date(head) if head else ("", None)
    if not number:
        number, day = _own_order_mention(flat)
    title = _title(lines, order_at)
    based_on = based_on_of(flat, number)
    controller, controller_position, signer, signer_position = control_of(lines)
    region = region_of(issuer) or (region_of(based_on.issuer) if based_on else "") or region_of(flat)
    start, end = _plan_window(lines, title, plan_window)
    return DocumentFacts(
        issuer=issuer,
        number=number,
        date=day,
        title=title,
        region=region,
        municipality=municipality_of(issuer),
        level=level_of(issuer),
        plan_start=start,
        plan_end=end,
        based_on=based_on,
        controller=controller,
        controller_position=controller_position,
        signer=signer,
        signer_position=signer_position,
        coordinators=coordinators_of(flat),
        contacts=contacts_of(flat),
    )


def issuer_of(lines: list[str], order_at: int | None, flat: str) -> str:
    """Return the issuing body's name from the lines above «ПРИКАЗ», or from «приказом … от»."""
    if order_at is None:
        found = re.search(r"(?:к\s+приказу|приказом)\s+(.{5,160}?)\s+от\s+\d", flat, re.IGNORECASE)
        name = _nominative_body(found.group(1), flat) if found else ""
        if _MUNICIPAL_MARKERS.search(name):
            name = re.sub(r"\s+[А-ЯЁ][а-яё]+(?:ской|цкой|ной) области$", "", name)
        return name
    above = [line for line in lines[:order_at] if line][-6:]
    starts = [i for i, line in enumerate(above) if line.lower().startswith(_BODY_WORDS)]
    if not starts:
        school = [line for line in above if _SCHOOL_MARKERS.search(line)]
        return school[-1] if school else ""
    departments = [i for i in starts if not above[i].lower().startswith("администраци")]
    first = departments[0] if departments else starts[0]
    body = " ".join(above[first:])
    parent = next((above[i] for i in starts if i < first and above[i].lower().startswith("администраци")), "")
    if parent and not _TERRITORY_MARKERS.search(body):
        body = f"{body} {_genitive_of_administration(parent)}"
    name = _recased(body, flat)
    if not _TERRITORY_MARKERS.search(name):
        name = _completed(name, flat)
    return name


def _genitive_of_administration(line: str) -> str:
    words = line.split()
    return " ".join(["администрации", *words[1:]])


def _completed(name: str, flat: str) -> str:
    """Add the territory to a bare «Комитет по образованию» from a fuller mention in the text."""
    words = name.split()
    if not words:
        return name
    stem = re.escape(words[0][:-1].lower()) + r"\w*"
    rest = r"\s+".join(re.escape(w.lower()) for w in words[1:])
    place = (
        r"администрации\s+(?:города|г\.)\s*[А-ЯЁ][а-яё]+"
        r"|[А-ЯЁ][а-яё]+ского\s+(?:городского\s+округа|(?:муниципального\s+)?района)"
    )
    pattern = rf"{stem}\s+{rest}\s+({place})"
    found = re.search(pattern, flat, re.IGNORECASE)
    return f"{name} {found.group(1)}" if found else name


def _nominative_body(text: str, flat: str) -> str:
    words = text.split()
    if not words:
        return ""
    words[0] = NOMINATIVE.get(words[0].lower(), words[0])
    return _recased(" ".join(words), flat)


def _recased(text: str, flat: str) -> str:
    """Return a name in sentence case, keeping capitals on words the document writes with one."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if len(word) == 1 and word.isupper():
            out.append(word if i == 0 else word.lower())
            continue
        if not word.isupper() or not re.search(r"[А-ЯЁ]{2}", word) or _is_abbreviation(word, flat):
            out.append(word[0].upper() + word[1:] if i == 0 else word)
            continue
        lower = word.lower()
        proper = word[0] + lower[1:]
        keeps_capital = len(re.findall(rf"\b{re.escape(proper)}\b", flat)) > len(
            re.findall(rf"\b{re.escape(lower)}\b", flat)
        )
        after_place = i > 0 and words[i - 1].lower() in ("города", "город", "г.")
        before_place = i + 1 < len(words) and re.match(
            r"(област|кра[яй]|городск|муниципальн|район)", words[i + 1].lower()
        )
        out.append(proper if i == 0 or keeps_capital or after_place or before_place else lower)
    return " ".join(out)


def _is_abbreviation(word: str, flat: str) -> bool:
    return len(word) <= 5 and len(re.findall(rf"\b{re.escape(word)}\b", flat)) > 1


def _head(lines: list[str], order_at: int | None) -> list[str]:
    if order_at is None:
        return []
    head = []
    for line in lines[order_at + 1 :]:
        if re.match(r"(об?|в соответствии|в целях|в рамках|приказываю)\b", line, re.IGNORECASE):
            break
        head.append(line)
    return head[:8]


def _number_and_date(head: list[str]) -> tuple[str, date | None]:
    text = " ".join(head)
    found = re.search(r"№\s*([0-9][0-9А-Яа-я/\-.]*)", text)
    number = found.group(1).rstrip(".-") if found else ""
    return number, parse_date(text)


def _own_order_mention(flat: str) -> tuple[str, date | None]:
    for found in re.finditer(r"от\s+(.{6,20}?)\s*№\s*([0-9][0-9А-Яа-я/\-]*)", flat):
        before = flat[max(0, found.start() - 200) : found.start()].lower()
        if "в соответствии" in before or "основани" in before:
            continue
        return found.group(2).rstrip(".-"), parse_date(found.group(1))
    return "", None


def _title(lines: list[str], order_at: int | None) -> str:
    start = order_at + 1 if order_at is not None else 0
    for i in range(start, min(len(lines), start + 20)):
        if re.match(r"об?\s", lines[i], re.IGNORECASE):
            title = [lines[i]]
            for line in lines[i + 1 : i + 12]:
                if re.match(r"(в соответствии|в целях|в рамках|приказываю|п р и к а з)", line, re.IGNORECASE):
                    break
                if line:
                    title.append(line)
            return " ".join(title)
    for i, line in enumerate(lines):
        if re.match(r"«?(дорожная карта|план мероприятий)", line, re.IGNORECASE):
            title = [line]
            for more in lines[i + 1 : i + 8]:
                if not more:
                    break
                title.append(more)
            return " ".join(title)
    return ""


def based_on_of(flat: str, own_number: str = "") -> OrderRef | None:
    """Return the order this one follows: «В соответствии с приказом … от D № N», or a roadmap order cited."""
    order = r"приказ\w*\s+((?:(?!приказ).){3,160}?)\s+от\s+(.{6,22}?)\s*№\s*([0-9][0-9А-Яа-я/\-]*)"
    preferred = [
        rf"в соответствии с\s+{order}",
        rf"{order}\s*«?\s*об утверждении\s+(?:«)?дорожной карты",
    ]
    for pattern in preferred:
        for found in re.finditer(pattern, flat, re.IGNORECASE):
            number = found.group(3).rstrip(".-")
            if number == own_number:
                continue
            return OrderRef(_nominative_body(found.group(1), flat), number, parse_date(found.group(2)))
    return None


def level_of(issuer: str) -> RoadmapLevel | None:
    """Return the level of the issuing body: a school, a municipality or a region."""
    if not issuer:
        return None
    if _SCHOOL_MARKERS.search(issuer):
        return RoadmapLevel.SCHOOL
    if _MUNICIPAL_MARKERS.search(issuer) or not _REGION_MARKERS.search(issuer):
        return RoadmapLevel.MUNICIPALITY
    return RoadmapLevel.REGION


def _plan_window(lines: list[str], title: str, parser: PlanWindowParser) -> tuple[date | None, date | None]:
    candidates = [line for line in lines if re.search(r"\bна\s+\d{4}", line)]
    academic = [line for line in candidates if "учебн" in line.lower()]
    for text in [*academic, title, *candidates]:
        if not text:
            continue
        start, end = parser(text)
        if start or end:
            return start, end
    return None, None
