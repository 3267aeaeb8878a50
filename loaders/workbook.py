"""The reference workbook: what roadmaps do not hold — territories, bodies, schools, lists, people, progress.

Its sheets and columns are those of `contracts.md`. `write_template` writes the blank workbook with a
sheet «Пояснения» that explains every column; `read_reference` turns a filled one into entities,
links, progress reports, abbreviations and issues, and counts every row it looked at exactly once.

Codes are the user's short keys («КУЗ», «ПОЛ-ИМЦ»); node ids come from `model.ids`. A body is
`child_id(prefix, its territory, Сокращение or Название)`. Schools and people are keyed by their home
territory — the municipality or region they belong to, a city district being lifted to its city —
because orders and roadmaps list them per municipality, never per district. A document
(«№ 162 от 28.10.2020») in «Люди» is the roadmap `roadmap_id(home territory of the row's organisation,
"162", 2020-10-28)`; a document in «Ход выполнения» resolves to the roadmap the sheet «Люди» gave it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import xlsxwriter

from loaders.read import read_tables
from model.entities import (
    Authority,
    AuthorityLevel,
    Entity,
    Group,
    GroupKind,
    Institute,
    InstituteKind,
    NodeKind,
    Person,
    School,
    SchoolStatus,
    SchoolStatusKind,
    Source,
    Territory,
    TerritoryLevel,
)
from model.ids import child_id, make_id
from model.issues import Issue, Severity
from model.relations import EdgeKind, Link

TERRITORIES, ORGANISATIONS, SCHOOLS, SCHOOL_LISTS = "Территории", "Организации", "Школы", "Списки ШНОР"
GROUPS, PEOPLE, PROGRESS, ABBREVIATIONS = "Рабочие группы", "Люди", "Ход выполнения", "Сокращения"
EXPLANATIONS = "Пояснения"
TABLE_KIND = "reference"
MAX_TEMPLATE_ROWS = 1000
"""Rows of the template that carry drop-down lists and column formats."""

PROGRESS_STATUSES = ("не начато", "в работе", "выполнено", "отменено")
LEVELS: dict[str, TerritoryLevel] = {
    "регион": TerritoryLevel.REGION,
    "муниципалитет": TerritoryLevel.MUNICIPALITY,
    "район": TerritoryLevel.DISTRICT,
    "страна": TerritoryLevel.COUNTRY,
}
ORGANISATION_KINDS: dict[str, AuthorityLevel | InstituteKind] = {
    "региональный орган": AuthorityLevel.REGIONAL,
    "муниципальный орган": AuthorityLevel.MUNICIPAL,
    "районный отдел": AuthorityLevel.DISTRICT,
    "федеральный орган": AuthorityLevel.FEDERAL,
    "институт развития образования": InstituteKind.REGIONAL_INSTITUTE,
    "центр оценки качества": InstituteKind.ASSESSMENT_CENTRE,
    "центр ППМС": InstituteKind.SUPPORT_CENTRE,
    "методический центр": InstituteKind.METHODICAL_CENTRE,
    "методическое объединение": InstituteKind.TEACHER_ASSOCIATION,
    "федеральный оператор": InstituteKind.FEDERAL_OPERATOR,
    "иное": InstituteKind.OTHER,
}
SCHOOL_STATUSES = {"ШНОР": SchoolStatusKind.LOW_RESULTS, "в зоне риска": SchoolStatusKind.AT_RISK}
HEAD, COORDINATOR, CURATOR, MEMBER, CONTROL = "руководитель", "координатор", "куратор", "член", "контроль"
ROLES: dict[str, tuple[str, str]] = {
    # a role as written in «Люди» → (what it does, the `role` kept on the link)
    "руководитель": (HEAD, ""),
    "координатор": (COORDINATOR, "координатор"),
    "куратор": (CURATOR, "куратор"),
    "член рабочей группы": (MEMBER, "член"),
    "председатель рабочей группы": (MEMBER, "председатель"),
    "заместитель председателя рабочей группы": (MEMBER, "заместитель председателя"),
    "секретарь рабочей группы": (MEMBER, "секретарь"),
    "контроль": (CONTROL, ""),
}
_ROLE_ALIASES = {"член": "член рабочей группы", "председатель": "председатель рабочей группы",
                 "заместитель председателя": "заместитель председателя рабочей группы",
                 "секретарь": "секретарь рабочей группы"}  # fmt: skip
_ORGS = (NodeKind.AUTHORITY, NodeKind.INSTITUTE)
_PARENT_RULES: dict[TerritoryLevel, tuple[tuple[TerritoryLevel | None, ...], str]] = {
    TerritoryLevel.COUNTRY: ((None,), "страна ни во что не входит"),
    TerritoryLevel.REGION: ((None, TerritoryLevel.COUNTRY), "регион не входит никуда или входит в страну"),
    TerritoryLevel.MUNICIPALITY: ((TerritoryLevel.REGION,), "муниципалитет входит в регион"),
    TerritoryLevel.DISTRICT: ((TerritoryLevel.MUNICIPALITY,), "район входит в муниципалитет"),
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a reference sheet: its key, its header, what to write in it, how the template helps."""

    key: str
    header: str
    required: bool
    help: str
    example: str = ""
    choices: tuple[str, ...] = ()
    codes_of: str = ""
    width: int = 16
    cell: str = "text"


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """One sheet of the reference workbook: its name, what it holds and its columns in order."""

    name: str
    help: str
    columns: tuple[Column, ...]


_CAPACITY = "Сколько мероприятий в месяц исполнитель может вести одновременно; пусто — по умолчанию."
_CODE = "Короткий ключ для ссылок с других листов; коды организаций, школ и групп не повторяются."
_ROLE_HELP = (
    "руководитель — возглавляет объект роли (пусто — свою организацию); координатор, куратор — "
    "сопровождает объект роли; член, председатель, заместитель председателя, секретарь рабочей группы — "
    "входит в группу; контроль — контролирует исполнение документа; пусто — работает в организации."
)
# fmt: off
SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(TERRITORIES, "Регионы, муниципалитеты и районы городов; одна строка — одна территория.", (
        Column("code", "Код", True, _CODE, "ПОЛ", width=12),
        Column("name", "Название", True, "Полное название, как в документах.",
               "Полысаевский городской округ", width=44),
        Column("level", "Уровень", True, "регион, муниципалитет или район (района города).",
               "муниципалитет", choices=tuple(LEVELS)),
        Column("parent", "Входит в (код)", False, "Код территории, в которую входит эта: для "
               "муниципалитета — регион, для района — муниципалитет; для региона пусто.", "КУЗ",
               codes_of=TERRITORIES),
    )),
    SheetSpec(ORGANISATIONS, "Органы управления образованием, институты, центры, методические службы.", (
        Column("code", "Код", True, _CODE, "ПОЛ-ИМЦ", width=14),
        Column("name", "Название", True, "Полное название, как в документах.", "МБОУ ДПО «ИМЦ»", width=50),
        Column("short", "Сокращение", False, "Как организацию пишут в дорожных картах; по сокращению "
               "строится её идентификатор (пусто — по названию).", "ИМЦ", width=20),
        Column("kind", "Вид", True, "Вид организации из списка.", "методический центр",
               choices=tuple(ORGANISATION_KINDS), width=28),
        Column("territory", "Территория (код)", True, "Код территории, на которой работает организация.",
               "ПОЛ", codes_of=TERRITORIES),
        Column("superior", "Подчиняется (код)", False, "Код вышестоящей организации с этого листа; "
               "неизвестный код — организация загружается без подчинения, с предупреждением.", "ПОЛ-УО",
               codes_of=ORGANISATIONS),
        Column("capacity", "Мощность (мероприятий в месяц)", False, _CAPACITY, "4", cell="number"),
    )),
    SheetSpec(SCHOOLS, "Школы (общеобразовательные организации), в том числе ШНОР.", (
        Column("code", "Код", True, _CODE, "ПОЛ-Ш35", width=14),
        Column("name", "Название", True, "Полное название, как в списках ШНОР.", "МБОУ «Школа № 35»",
               width=56),
        Column("territory", "Территория (код)", True, "Код муниципалитета или района города, где школа.",
               "ПОЛ", codes_of=TERRITORIES),
        Column("superior", "Подчиняется (код)", False, "Код органа управления образованием с листа "
               "«Организации».", "ПОЛ-УО", codes_of=ORGANISATIONS),
        Column("capacity", "Мощность (мероприятий в месяц)", False, _CAPACITY, "", cell="number"),
    )),
    SheetSpec(SCHOOL_LISTS, "Статус школы в каждом учебном году; нет строки — школа в этом году не в "
              "списке.", (
        Column("school", "Школа (код)", True, "Код школы с листа «Школы».", "ПОЛ-Ш35", codes_of=SCHOOLS),
        Column("year", "Учебный год", True, "«2020» или «2020/2021»: год, в сентябре которого начался "
               "учебный год.", "2020/2021"),
        Column("status", "Статус", True, "ШНОР или «в зоне риска».", "ШНОР", choices=tuple(SCHOOL_STATUSES)),
    )),
    SheetSpec(GROUPS, "Рабочие группы; их состав задаётся на листе «Люди».", (
        Column("code", "Код", True, _CODE, "ПОЛ-РГ", width=14),
        Column("name", "Название", True, "Название группы, как в приказе.", "Муниципальная рабочая группа",
               width=60),
        Column("territory", "Территория (код)", True, "Код территории, для которой создана группа.", "ПОЛ",
               codes_of=TERRITORIES),
    )),
    SheetSpec(PEOPLE, "Люди и их роли; одна строка — одна роль. Строка без ФИО с ролью координатора, "
              "куратора или члена рабочей группы относится к самой организации.", (
        Column("name", "ФИО", False, "«Фамилия Имя Отчество» или «Фамилия И.О.»: написания одного "
               "человека сводятся к «Фамилия И.О.».", "Кукина Виктория Вячеславовна", width=34),
        Column("position", "Должность", False, "Должность, как в приказе.", "директор МБОУ ДПО «ИМЦ»",
               width=40),
        Column("organisation", "Организация (код)", True, "Код организации или школы, где человек "
               "работает.", "ПОЛ-ИМЦ"),
        Column("role", "Роль", False, _ROLE_HELP, "координатор", choices=tuple(ROLES), width=30),
        Column("object", "Объект роли", False, "Код организации, школы, группы или территории либо "
               "документ «№ 162 от 28.10.2020» (ищется на территории организации из этой строки).",
               "№ 162 от 28.10.2020", width=24),
        Column("capacity", "Мощность (мероприятий в месяц)", False, _CAPACITY, "", cell="number"),
    )),
    SheetSpec(PROGRESS, "Отчёты о ходе выполнения мероприятий: последний на дату отчёт — текущий "
              "статус.", (
        Column("document", "Документ", True, "Документ, утвердивший дорожную карту: «№ 162 от "
               "28.10.2020».", "№ 162 от 28.10.2020", width=22),
        Column("number", "№ п/п", True, "Номер мероприятия, как в дорожной карте.", "5.", width=8),
        Column("school", "Школа (код)", False, "Код школы, если отчёт о части мероприятия, которая "
               "приходится на одну школу; пусто — о мероприятии в целом.", "ПОЛ-Ш35", codes_of=SCHOOLS),
        Column("status", "Статус", True, "Статус из списка.", "выполнено", choices=PROGRESS_STATUSES),
        Column("reported_on", "Дата отчёта", True, "Дата, на которую верен статус: ДД.ММ.ГГГГ.",
               "27.11.2020", cell="date"),
        Column("demo", "Демонстрационные данные", False, "«да», если строка придумана для показа; "
               "пусто — «нет».", "нет", choices=("да", "нет")),
    )),
    SheetSpec(ABBREVIATIONS, "Сокращения, которыми пишут исполнителей в дорожных картах, и кого они "
              "означают.", (
        Column("territory", "Территория (код)", False, "Где действует сокращение; пусто — везде.", "ПОЛ",
               codes_of=TERRITORIES),
        Column("abbreviation", "Сокращение", True, "Сокращение, как его пишут в документах.", "УО",
               width=22),
        Column("full_name", "Полное название", False, "Что сокращение означает (нужно, если не указана "
               "организация).", "Управление образования Полысаевского городского округа", width=56),
        Column("organisation", "Организация (код)", False, "Код организации, школы или группы, которую "
               "означает сокращение.", "ПОЛ-УО"),
    )),
)
_HEADER_ALIASES = {"фио": "name", "фамилияимяотчество": "name", "№": "number", "№пп": "number",
                   "номер": "number"}
# fmt: on
_GENERAL_HELP = (
    "Справочник дополняет дорожные карты тем, чего в них нет: территории, организации и их подчинение, "
    "школы и их статус по годам, рабочие группы, людей и их роли, ход выполнения мероприятий.",
    "Первая строка каждого листа — заголовки, данные — со второй строки; пустые строки пропускаются.",
    "Коды — короткие ключи, которые вы придумываете сами («КУЗ», «ПОЛ-ИМЦ»): по ним листы ссылаются "
    "друг на друга.",
    "Строка с ошибкой не загружается; отчёт о загрузке называет её лист, строку и столбец.",
)

_MESSAGES = {
    "missing-value": "Не заполнен столбец «{column}»",
    "unknown-level": "Неизвестный уровень территории «{value}»: пишите регион, муниципалитет или район",
    "duplicate-code": "Код «{value}» уже встречался в строке {other}",
    "duplicate-id": "«{value}» совпадает с объектом из строки {other}: задайте другое сокращение",
    "unknown-territory": "Нет территории с кодом «{value}» на листе «Территории»",
    "bad-parent": "Неверно заполнено «Входит в» для уровня «{value}»: {other}",
    "unknown-kind": "Неизвестный вид организации «{value}»",
    "unknown-superior": "Нет организации с кодом «{value}»: строка загружена без подчинения",
    "bad-capacity": "Мощность «{value}» — не неотрицательное число: строка загружена без мощности",
    "unknown-school": "Нет школы с кодом «{value}» на листе «Школы»",
    "bad-year": "Учебный год «{value}» не распознан: пишите «2020» или «2020/2021»",
    "bad-status": "Неизвестный статус «{value}»: пишите {other}",
    "duplicate-status": "Статус этой школы на этот учебный год уже задан в строке {other}",
    "person-without-organisation": "У «{other}» не указана организация",
    "unknown-organisation": "Нет организации или школы с кодом «{value}»",
    "unknown-role": "Неизвестная роль «{value}»",
    "missing-name": "Не заполнено ФИО: без ФИО строка может сделать координатором, куратором или членом "
    "группы только саму организацию",
    "unknown-object": "Объект роли «{value}» не найден: нужен код организации, школы, группы или "
    "территории либо «№ … от ДД.ММ.ГГГГ»",
    "bad-role-object": "«{value}» не может быть объектом роли «{other}»",
    "duplicate-role": "Такая же роль уже записана в строке {other}",
    "duplicate-abbreviation": "Сокращение «{value}» на этой территории уже задано в строке {other}",
    "bad-document": "Документ «{value}» не распознан: пишите «№ 162 от 28.10.2020»",
    "bad-date": "Дата «{value}» не распознана: пишите ДД.ММ.ГГГГ",
    "bad-flag": "«{value}»: пишите «да» или «нет»",
    "ambiguous-document": "Документ «{value}» есть на нескольких территориях: дорожная карта не определена",
}
"""Issue codes of rows, with their Russian messages; `{value}` is the cell, `{column}` its header."""


@dataclass(frozen=True, slots=True)
class ReferenceResult:
    """What a reference workbook holds: entities, links, progress rows, abbreviations, accounting, issues.

    `glossary` maps a territory id ("" for «везде») to abbreviations as written, each a mapping with
    abbreviation, full_name, node (id or None), node_kind, subkind, fan_out, territory, origin and row.
    `tables` has one accounting per sheet: rows_read == header_rows + loaded + ignored + rejected.
    `codes` and `territory_codes` map the workbook's codes to node ids.
    """

    entities: list[Entity]
    links: list[Link]
    progress_rows: list[dict[str, Any]]
    glossary: dict[str, dict[str, dict[str, Any]]]
    tables: list[dict[str, Any]]
    issues: list[Issue]
    codes: dict[str, str] = field(default_factory=dict)
    territory_codes: dict[str, str] = field(default_factory=dict)


# --- names, documents, years, dates, numbers -------------------------------------------------------------

_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*"
_SURNAME_FIRST = re.compile(rf"^({_WORD}) ([А-ЯЁ]) ?\.? ?(?:([А-ЯЁ]) ?\.?)?$")
_INITIALS_FIRST = re.compile(rf"^([А-ЯЁ]) ?\. ?(?:([А-ЯЁ]) ?\. ?)?({_WORD})$")
_FULL_NAME = re.compile(rf"^({_WORD}) ({_WORD})(?: ({_WORD}))?$")
_ACTING = re.compile(r"^(?:и\.\s?о\.?|врио)\s+", re.IGNORECASE)


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


_DOCUMENT = re.compile(r"№\s*(?P<number>[^\s,;]+)\s*,?\s*от\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})")
_DATE_FIRST = re.compile(
    r"от\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s*(?:г\.?)?\s*,?\s*№\s*(?P<number>[^\s,;]+)"
)


def parse_document_ref(text: str) -> tuple[str, date] | None:
    """Return the number and date of a document written «№ 162 от 28.10.2020» or «от 28.10.2020 № 162».

    >>> parse_document_ref("№ 017/1324 от 23.06.2020")
    ('017/1324', datetime.date(2020, 6, 23))
    """
    text = re.sub(r"[\xa0\u2007\u202f]", " ", text)
    m = _DOCUMENT.search(text) or _DATE_FIRST.search(text)
    day = _parse_dotted(m.group("date")) if m else None
    return (m.group("number").rstrip("."), day) if m and day else None


def document_label(number: str, day: date) -> str:
    """Return a document as people cite it: «№ 162 от 28.10.2020»."""
    return f"№ {number} от {day:%d.%m.%Y}"


def roadmap_id(territory_id: str, number: str, day: date) -> str:
    """Return the id of the roadmap a document approves, on its issuer's territory.

    >>> roadmap_id("ter:kemerovskaia-oblast-kuzbass", "1721", date(2020, 10, 23))
    'rm:kemerovskaia-oblast-kuzbass/1721-2020-10-23'
    """
    return child_id("rm", territory_id, f"{number} {day.isoformat()}")


def _parse_dotted(text: str) -> date | None:
    d, m, y = (int(p) for p in text.split("."))
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _parse_date(text: str) -> date | None:
    if m := re.match(r"^(\d{1,2}\.\d{1,2}\.\d{4})(?:\s*г\.?|\s+\d{1,2}:\d{2}(?::\d{2})?)?$", text):
        return _parse_dotted(m.group(1))
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", text):
        return _parse_dotted(f"{m.group(3)}.{m.group(2)}.{m.group(1)}")
    if re.match(r"^\d{5}(?:\.0+)?$", text) and 20000 <= (serial := int(float(text))) <= 80000:
        return date(1899, 12, 30) + timedelta(days=serial)
    return None


def _parse_year(text: str) -> int | None:
    m = re.match(r"^(\d{4})(?:\.0+)?(?:\s*[/\-–—]\s*(\d{4}|\d{2}))?(?:\s*(?:уч\.?\s*)?(?:год|г\.?))?$", text)
    year = int(m.group(1)) if m else 0
    if not m or not 2000 <= year <= 2100:
        return None
    return year if not m.group(2) or int(m.group(2)) in (year + 1, (year + 1) % 100) else None


def _parse_capacity(text: str) -> float | None:
    try:
        value = float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _value_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("ё", "е").replace("Ё", "Е")).strip().lower()


def _header_key(text: str) -> str:
    text = re.sub(r"\([^)]*\)", "", text.replace("ё", "е").replace("Ё", "Е").lower())
    return re.sub(r"[^\w№]+", "", text)


_LEVEL_KEYS = {_value_key(k): v for k, v in LEVELS.items()}
_KIND_KEYS = {_value_key(k): v for k, v in ORGANISATION_KINDS.items()}
_STATUS_KEYS = {_value_key(k): v for k, v in SCHOOL_STATUSES.items()} | {
    "зона риска": SchoolStatusKind.AT_RISK
}
_ROLE_KEYS = {_value_key(k): v for k, v in ROLES.items()} | {k: ROLES[v] for k, v in _ROLE_ALIASES.items()}
_YES_NO = {"да": True, "нет": False, "": False}


# --- writing ---------------------------------------------------------------------------------------------


def write_template(path: str | Path) -> None:
    """Write the blank reference workbook: headers, drop-down lists, widths and the sheet «Пояснения»."""
    write_reference(path, {})


def template_bytes() -> bytes:
    """Return the blank reference workbook as xlsx bytes, for a download button."""
    buffer = io.BytesIO()
    write_reference(buffer, {})
    return buffer.getvalue()


def write_reference(target: str | Path | IO[bytes], rows: Mapping[str, Sequence[Sequence[object]]]) -> None:
    """Write a reference workbook with these rows per sheet (values in column order) under the headers."""
    wb = xlsxwriter.Workbook(str(target) if isinstance(target, (str, Path)) else target, {"in_memory": True})
    wb.set_properties({"title": "Карта ответственности: справочник", "created": datetime(2020, 9, 1)})
    header = wb.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1}
    )
    formats = {
        "text": wb.add_format({"num_format": "@", "valign": "top", "text_wrap": True}),
        "number": wb.add_format({"valign": "top"}),
        "date": wb.add_format({"num_format": "dd.mm.yyyy", "valign": "top"}),
    }
    for spec in SHEETS:
        ws = wb.add_worksheet(spec.name)
        for i, col in enumerate(spec.columns):
            ws.set_column(i, i, col.width, formats[col.cell])
            ws.write_string(0, i, col.header, header)
            ws.data_validation(1, i, MAX_TEMPLATE_ROWS, i, _validation(col))
        for r, values in enumerate(rows.get(spec.name, ()), start=1):
            for i, (value, col) in enumerate(zip(values, spec.columns, strict=False)):
                _write_value(ws, r, i, value, formats[col.cell])
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, 0, len(spec.columns) - 1)
    ws = wb.add_worksheet(EXPLANATIONS)
    columns = (("Лист", 18), ("Столбец", 30), ("Обязательно", 12), ("Что писать", 90), ("Пример", 30))
    for i, (title, width) in enumerate(columns):
        ws.set_column(i, i, width, formats["text"])
        ws.write_string(0, i, title, header)
    for r, line in enumerate(explanations(), start=1):
        ws.write_row(r, 0, line)
    ws.freeze_panes(1, 0)
    wb.close()


def explanations() -> list[tuple[str, str, str, str, str]]:
    """Return the rows of the sheet «Пояснения»: (sheet, column, required, what to write, example)."""
    rows = [("Все листы", "—", "", line, "") for line in _GENERAL_HELP]
    for spec in SHEETS:
        rows.append((spec.name, "— (лист целиком)", "", spec.help, ""))
        for col in spec.columns:
            text = col.help
            text += f" Допустимые значения: {'; '.join(col.choices)}." if col.choices else ""
            text += f" Коды — с листа «{col.codes_of}»." if col.codes_of else ""
            rows.append((spec.name, col.header, "да" if col.required else "нет", text, col.example))
    return rows


def _validation(col: Column) -> dict[str, Any]:
    """Return the xlsxwriter data validation of a column: a list of values, a list of codes, or a hint."""
    hint = {"input_title": col.header[:32], "input_message": col.help[:255], "ignore_blank": True}
    if col.choices:
        stop = f"Выберите значение из списка: {', '.join(col.choices)}"[:255]
        return {
            "validate": "list",
            "source": list(col.choices),
            "error_type": "stop",
            "error_message": stop,
        } | hint
    if col.codes_of:
        source = f"='{col.codes_of}'!$A$2:$A${MAX_TEMPLATE_ROWS + 1}"
        warning = f"Такого кода нет на листе «{col.codes_of}». Оставить?"
        return {
            "validate": "list",
            "source": source,
            "error_type": "warning",
            "error_message": warning,
        } | hint
    return {"validate": "any"} | hint


def _write_value(ws: Any, r: int, i: int, value: object, fmt: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(r, i, value, fmt)
    elif isinstance(value, date):
        ws.write_datetime(r, i, datetime(value.year, value.month, value.day), fmt)
    else:
        ws.write_string(r, i, str(value), fmt)


# --- reading ---------------------------------------------------------------------------------------------


def looks_like_reference(sheet_names: Iterable[str]) -> bool:
    """Tell whether a workbook with these sheets is a reference workbook: it has two of its sheets at least.

    >>> looks_like_reference(["Территории", "Люди"]), looks_like_reference(["Лист1"])
    (True, False)
    """
    return len({_value_key(s.name) for s in SHEETS} & {_value_key(name) for name in sheet_names}) >= 2


def read_reference(path: str | Path, *, name: str | None = None) -> ReferenceResult:
    """Return the entities, links, progress rows, abbreviations, accounting and issues of a workbook.

    `name` is the file name to report (an upload kept in a temporary file).
    """
    book = read_tables(Path(path), name=name)
    reader = _Reader(book.file, list(book.issues))
    reader.read({t.sheet: [(r.number, r.cells) for r in t.rows] for t in book.tables}, bool(book.tables))
    return reader.result()


@dataclass(slots=True)
class _Table:
    sheet: str
    rows_read: int = 0
    header_rows: int = 0
    loaded: int = 0
    ignored: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        names = ("sheet", "rows_read", "header_rows", "loaded", "ignored", "rejected")
        return {"kind": TABLE_KIND} | {n: getattr(self, n) for n in names}


@dataclass(slots=True)
class _Record:
    """One data row of a sheet: its values by column key, and where it is."""

    table: _Table
    row: int
    values: dict[str, str]
    headers: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass(frozen=True, slots=True)
class _Body:
    """An organisation, school or group known by its code."""

    id: str
    kind: NodeKind
    territory: str
    subkind: str
    name: str
    short: str
    row: int


@dataclass(slots=True)
class _PersonDraft:
    names: list[str]
    position: str
    organisation: str
    capacity: float | None
    source: Source


class _Reader:
    """Reads the sheets in the order their codes depend on one another and keeps what it found."""

    def __init__(self, file: str, issues: list[Issue]) -> None:
        self.file, self.issues = file, issues
        self.tables: list[_Table] = []
        self.entities: list[Entity] = []
        self.links: list[Link] = []
        self.progress: list[dict[str, Any]] = []
        self.territories: dict[str, Territory] = {}
        self.bodies: dict[str, _Body] = {}
        self.ids: dict[str, int] = {}
        self.documents: dict[tuple[str, date], set[str]] = {}
        self.glossary: dict[str, dict[str, dict[str, Any]]] = {}

    def read(self, sheets: Mapping[str, Sequence[tuple[int, tuple[str, ...]]]], readable: bool) -> None:
        by_key = {_value_key(name): name for name in sheets}
        known = {_value_key(spec.name) for spec in SHEETS}
        for name in sheets:
            if _value_key(name) not in known | {_value_key(EXPLANATIONS)}:
                text = f"Лист «{name}» не относится к справочнику и пропущен"
                self.issues.append(Issue("unknown-sheet", text, Severity.INFO, self.file, name))
        if readable and not known & set(by_key):
            text = f"В файле нет ни одного листа справочника ({', '.join(s.name for s in SHEETS)})"
            self.issues.append(Issue("not-a-reference-workbook", text, Severity.ERROR, self.file))
        records = {
            spec.name: self._records(spec, by_key.get(_value_key(spec.name)), sheets) for spec in SHEETS
        }
        self._read_territories(records[TERRITORIES])
        superiors = self._read_organisations(records[ORGANISATIONS])
        schools = self._read_schools(records[SCHOOLS])
        self._read_groups(records[GROUPS])
        for rec, node in superiors:
            self._subordinate(rec, node)
        self._read_school_lists(records[SCHOOL_LISTS], schools)
        self._read_people(records[PEOPLE])
        self._read_abbreviations(records[ABBREVIATIONS])
        self._read_progress(records[PROGRESS])

    def result(self) -> ReferenceResult:
        order = {spec.name: i for i, spec in enumerate(SHEETS)}
        tables = sorted(self.tables, key=lambda t: order.get(t.sheet, len(order)))
        codes = {code: body.id for code, body in self.bodies.items()}
        territory_codes = {code: t.id for code, t in self.territories.items()}
        accounting = [t.as_dict() for t in tables]
        return ReferenceResult(
            self.entities,
            self.links,
            self.progress,
            self.glossary,
            accounting,
            self.issues,
            codes,
            territory_codes,
        )

    # -- plumbing --

    def _issue(
        self, rec: _Record, code: str, key: str, other: object = "", severity: Severity = Severity.WARNING
    ) -> None:
        column = rec.headers.get(key, key)
        text = _MESSAGES[code].format(value=rec[key], column=column, other=other)
        self.issues.append(Issue(code, text, severity, self.file, rec.table.sheet, rec.row, column))

    def _reject(self, rec: _Record, code: str, key: str, other: object = "") -> None:
        self._issue(rec, code, key, other)
        rec.table.rejected.append({"row": rec.row, "issue": code})

    def _missing(self, rec: _Record, *keys: str) -> bool:
        """Reject the row when a required cell is empty; tell whether it was rejected."""
        key = next((k for k in keys if not rec[k]), None)
        if key is not None:
            self._reject(rec, "missing-value", key)
        return key is not None

    def _source(self, rec: _Record) -> Source:
        return Source(self.file, rec.table.sheet, rec.row)

    def _records(
        self, spec: SheetSpec, name: str | None, sheets: Mapping[str, Sequence[tuple[int, tuple[str, ...]]]]
    ) -> list[_Record]:
        """Return a sheet's data rows; count its header, the rows above it and its blank rows in its table."""
        if name is None:
            return []
        rows = sheets[name]
        table = _Table(name, rows_read=len(rows))
        self.tables.append(table)
        by_header = {_header_key(c.header): c.key for c in spec.columns} | _HEADER_ALIASES
        keys = {c.key for c in spec.columns}
        at, mapping = None, {}
        for index, (_, cells) in enumerate(rows[:12]):
            found = {
                i: by_header[_header_key(c)]
                for i, c in enumerate(cells)
                if by_header.get(_header_key(c)) in keys
            }
            if len(set(found.values())) >= 2:
                at, mapping = index, found
                break
        missing = [c.header for c in spec.columns if c.required and c.key not in mapping.values()]
        if at is None or missing:
            what = (
                f"нет обязательных столбцов: {', '.join(missing)}"
                if at is not None
                else "нет строки заголовков"
            )
            code = "missing-column" if at is not None else "missing-header"
            self.issues.append(Issue(code, f"На листе «{name}» {what}", Severity.ERROR, self.file, name))
            table.ignored = [{"row": n, "reason": "blank" if not any(c) else "no-header"} for n, c in rows]
            return []
        number, header = rows[at]
        for i, cell in enumerate(header):
            if cell.strip() and i not in mapping:
                text = f"Столбец «{cell.strip()}» не относится к листу и пропущен"
                self.issues.append(
                    Issue("unknown-column", text, Severity.INFO, self.file, name, number, cell)
                )
        table.ignored = [{"row": n, "reason": "title" if any(c) else "blank"} for n, c in rows[:at]]
        table.header_rows = 1
        headers = {key: header[i].strip() for i, key in mapping.items()}
        records = []
        for n, cells in rows[at + 1 :]:
            values = {
                key: re.sub(r"[ \t\xa0]+", " ", cells[i]).strip()
                for i, key in mapping.items()
                if i < len(cells)
            }
            if any(values.values()):
                records.append(_Record(table, n, values, headers))
            else:
                table.ignored.append({"row": n, "reason": "blank"})
        return records

    def _new_id(self, rec: _Record, node: str) -> bool:
        """Take a node id for a row; reject the row and return False when another row has it."""
        if node in self.ids:
            self._reject(rec, "duplicate-id", "name", self.ids[node])
            return False
        self.ids[node] = rec.row
        return True

    def _home(self, territory_id: str) -> str:
        """Return the territory schools and people are keyed by: a district's city, else the territory."""
        t = next((t for t in self.territories.values() if t.id == territory_id), None)
        return t.parent if t is not None and t.level == TerritoryLevel.DISTRICT and t.parent else territory_id

    def _territory(self, rec: _Record, key: str = "territory") -> Territory | None:
        """Return the territory a row names by code, or reject the row."""
        territory = self.territories.get(rec[key])
        if territory is None:
            self._reject(rec, "unknown-territory", key)
        return territory

    def _capacity(self, rec: _Record) -> float | None:
        value = _parse_capacity(rec["capacity"]) if rec["capacity"] else None
        if rec["capacity"] and value is None:
            self._issue(rec, "bad-capacity", "capacity")
        return value

    # -- sheets --

    def _read_territories(self, records: list[_Record]) -> None:
        rows: dict[str, tuple[_Record, TerritoryLevel]] = {}
        for rec in records:
            if self._missing(rec, "code", "name", "level"):
                continue
            level = _LEVEL_KEYS.get(_value_key(rec["level"]))
            if level is None:
                self._reject(rec, "unknown-level", "level")
            elif rec["code"] in rows:
                self._reject(rec, "duplicate-code", "code", rows[rec["code"]][0].row)
            else:
                rows[rec["code"]] = (rec, level)
        failed: set[str] = set()

        def resolve(code: str, stack: tuple[str, ...]) -> Territory | None:
            if code in self.territories or code in failed:
                return self.territories.get(code)
            rec, level = rows[code]
            parent = resolve(rec["parent"], (*stack, code)) if rec["parent"] in rows.keys() - stack else None
            parents, rule = _PARENT_RULES[level]
            if rec["parent"] and parent is None:
                self._reject(rec, "unknown-territory", "parent")
            elif (parent.level if parent else None) not in parents:
                self._reject(rec, "bad-parent", "level", rule)
            else:
                nested = parent is not None and level in (
                    TerritoryLevel.MUNICIPALITY,
                    TerritoryLevel.DISTRICT,
                )
                node = (
                    child_id("ter", parent.id, rec["name"])
                    if parent and nested
                    else make_id("ter", rec["name"])
                )
                if self._new_id(rec, node):
                    territory = Territory(
                        node, rec["name"], level, parent.id if parent else None, self._source(rec)
                    )
                    self.territories[code] = territory
                    self.entities.append(territory)
                    if parent is not None:
                        self.links.append(
                            Link(node, EdgeKind.LOCATED_IN, parent.id, origin=self._source(rec))
                        )
                    rec.table.loaded += 1
                    return territory
            failed.add(code)
            return None

        for code in rows:
            resolve(code, ())

    def _new_body(self, rec: _Record, node: str, kind: NodeKind, territory: str, subkind: str) -> bool:
        """Register a body by its code; reject the row and return False when its code or id is taken."""
        if rec["code"] in self.bodies:
            self._reject(rec, "duplicate-code", "code", self.bodies[rec["code"]].row)
            return False
        if not self._new_id(rec, node):
            return False
        self.bodies[rec["code"]] = _Body(node, kind, territory, subkind, rec["name"], rec["short"], rec.row)
        self.links.append(Link(node, EdgeKind.LOCATED_IN, territory, origin=self._source(rec)))
        rec.table.loaded += 1
        return True

    def _read_organisations(self, records: list[_Record]) -> list[tuple[_Record, str]]:
        superiors: list[tuple[_Record, str]] = []
        for rec in records:
            if self._missing(rec, "code", "name", "kind", "territory"):
                continue
            kind = _KIND_KEYS.get(_value_key(rec["kind"]))
            if kind is None:
                self._reject(rec, "unknown-kind", "kind")
                continue
            if (territory := self._territory(rec)) is None:
                continue
            node_kind = NodeKind.AUTHORITY if isinstance(kind, AuthorityLevel) else NodeKind.INSTITUTE
            prefix = "auth" if node_kind == NodeKind.AUTHORITY else "inst"
            node = child_id(prefix, territory.id, rec["short"] or rec["name"])
            if not self._new_body(rec, node, node_kind, territory.id, str(kind)):
                continue
            capacity, source = self._capacity(rec), self._source(rec)
            if isinstance(kind, AuthorityLevel):
                self.entities.append(
                    Authority(node, rec["name"], kind, territory.id, rec["short"], capacity, source)
                )
            else:
                self.entities.append(
                    Institute(node, rec["name"], kind, territory.id, rec["short"], capacity, source)
                )
            if rec["superior"]:
                superiors.append((rec, node))
        return superiors

    def _subordinate(self, rec: _Record, node: str) -> None:
        superior = self.bodies.get(rec["superior"])
        if superior is None or superior.kind not in _ORGS:
            self._issue(rec, "unknown-superior", "superior")
        else:
            self.links.append(Link(node, EdgeKind.SUBORDINATE_TO, superior.id, origin=self._source(rec)))

    def _read_schools(self, records: list[_Record]) -> list[tuple[_Record, str, Territory]]:
        schools = []
        for rec in records:
            if self._missing(rec, "code", "name", "territory") or (territory := self._territory(rec)) is None:
                continue
            node = child_id("school", self._home(territory.id), rec["name"])
            if self._new_body(rec, node, NodeKind.SCHOOL, territory.id, "school"):
                if rec["superior"]:
                    self._subordinate(rec, node)
                schools.append((rec, node, territory))
        return schools

    def _read_groups(self, records: list[_Record]) -> None:
        for rec in records:
            if self._missing(rec, "code", "name", "territory") or (territory := self._territory(rec)) is None:
                continue
            node = child_id("group", territory.id, rec["name"])
            if self._new_body(rec, node, NodeKind.GROUP, territory.id, str(GroupKind.WORKING_GROUP)):
                self.entities.append(Group(node, rec["name"], territory.id, source=self._source(rec)))

    def _read_school_lists(
        self, records: list[_Record], schools: list[tuple[_Record, str, Territory]]
    ) -> None:
        statuses: dict[str, dict[int, tuple[SchoolStatusKind, int]]] = {}
        for rec in records:
            if self._missing(rec, "school", "year", "status"):
                continue
            school = self.bodies.get(rec["school"])
            year, status = _parse_year(rec["year"]), _STATUS_KEYS.get(_value_key(rec["status"]))
            years = statuses.setdefault(school.id, {}) if school and school.kind == NodeKind.SCHOOL else {}
            if school is None or school.kind != NodeKind.SCHOOL:
                self._reject(rec, "unknown-school", "school")
            elif year is None:
                self._reject(rec, "bad-year", "year")
            elif status is None:
                self._reject(rec, "bad-status", "status", "ШНОР или «в зоне риска»")
            elif year in years:
                self._reject(rec, "duplicate-status", "year", years[year][1])
            else:
                years[year] = (status, rec.row)
                rec.table.loaded += 1
        for rec, node, territory in schools:
            own = statuses.get(node, {})
            listed = tuple(SchoolStatus(year, own[year][0]) for year in sorted(own))
            capacity = self._capacity(rec)
            self.entities.append(
                School(node, rec["name"], territory.id, listed, "", capacity, self._source(rec))
            )

    def _object_of(self, text: str, territory: str) -> tuple[str, str, NodeKind] | None:
        """Return (id, what, node kind) of a role's object: a document, body or territory; None if unknown."""
        if (ref := parse_document_ref(text)) is not None:
            node = roadmap_id(self._home(territory), *ref)
            self.documents.setdefault(ref, set()).add(node)
            return node, "document", NodeKind.ROADMAP
        if text in self.bodies:
            return self.bodies[text].id, "body", self.bodies[text].kind
        if text in self.territories:
            return self.territories[text].id, "territory", NodeKind.TERRITORY
        return None

    def _read_people(self, records: list[_Record]) -> None:
        people: dict[str, _PersonDraft] = {}
        seen: dict[tuple[str, str, str, str], int] = {}
        for rec in records:
            org = self.bodies.get(rec["organisation"])
            does, role = _ROLE_KEYS.get(_value_key(rec["role"]), ("?", "")) if rec["role"] else ("", "")
            if not rec["organisation"] and rec["name"]:
                self._reject(rec, "person-without-organisation", "organisation", rec["name"])
            elif self._missing(rec, "organisation"):
                pass
            elif org is None or org.kind == NodeKind.GROUP:
                self._reject(rec, "unknown-organisation", "organisation")
            elif does == "?":
                self._reject(rec, "unknown-role", "role")
            elif not rec["name"] and not _organisation_may_take(does, role, org.kind):
                self._reject(rec, "missing-name", "name")
            elif (target := self._target(rec, does, org)) is not None:
                subject = (
                    child_id("person", self._home(org.territory), person_key(rec["name"]))
                    if rec["name"]
                    else org.id
                )
                key = (subject, does, role, target[0])
                if key in seen:
                    self._reject(rec, "duplicate-role", "role", seen[key])
                    continue
                seen[key] = rec.row
                if rec["name"]:
                    self._person(people, subject, rec, org)
                if target[0]:
                    self.links += _role_links(subject, does, role, target[0], self._source(rec))
                rec.table.loaded += 1
        for node, draft in people.items():
            name = max(draft.names, key=lambda n: (len(n.split()), len(n)))
            self.entities.append(
                Person(node, name, draft.position, draft.organisation, draft.capacity, draft.source)
            )

    def _target(self, rec: _Record, does: str, org: _Body) -> tuple[str, str, NodeKind | None] | None:
        """Return the object of a row's role (("", "", None) when there is none), or reject the row."""
        if not rec["object"]:
            if does and does != HEAD:
                self._reject(rec, "missing-value", "object")
                return None
            return (org.id, "body", org.kind) if does == HEAD else ("", "", None)
        target = self._object_of(rec["object"], org.territory)
        if target is None:
            self._reject(rec, "unknown-object", "object")
            return None
        fits = {
            HEAD: target[1] == "body",
            MEMBER: target[2] == NodeKind.GROUP,
            CONTROL: target[1] == "document",
        }
        if not fits.get(does, bool(does)):
            self._reject(rec, "bad-role-object", "object", rec["role"] or "(роль не указана)")
            return None
        return target

    def _person(self, people: dict[str, _PersonDraft], node: str, rec: _Record, org: _Body) -> None:
        capacity = self._capacity(rec)
        draft = people.get(node)
        if draft is None:
            people[node] = _PersonDraft([rec["name"]], rec["position"], org.id, capacity, self._source(rec))
            self.links.append(Link(node, EdgeKind.WORKS_AT, org.id, origin=self._source(rec)))
            return
        draft.names.append(rec["name"])
        draft.position = draft.position or rec["position"]
        draft.capacity = draft.capacity if draft.capacity is not None else capacity
        if org.id != draft.organisation and not any(
            link.kind == EdgeKind.WORKS_AT and link.source == node and link.target == org.id
            for link in self.links
        ):
            self.links.append(Link(node, EdgeKind.WORKS_AT, org.id, origin=self._source(rec)))

    def _read_abbreviations(self, records: list[_Record]) -> None:
        rows: dict[tuple[str, str], int] = {}
        for rec in records:
            if self._missing(rec, "abbreviation"):
                continue
            territory = self._territory(rec) if rec["territory"] else None
            body = self.bodies.get(rec["organisation"])
            where = territory.id if territory else ""
            key = (where, _value_key(rec["abbreviation"]))
            if rec["territory"] and territory is None:
                continue
            if rec["organisation"] and body is None:
                self._reject(rec, "unknown-organisation", "organisation")
            elif not rec["organisation"] and not rec["full_name"]:
                self._reject(rec, "missing-value", "full_name")
            elif key in rows:
                self._reject(rec, "duplicate-abbreviation", "abbreviation", rows[key])
            else:
                rows[key] = rec.row
                entry = _entry(rec["abbreviation"], rec["full_name"], body, where, ABBREVIATIONS, rec.row)
                self._put_glossary(where, entry, replace=True)
                rec.table.loaded += 1
        for body in self.bodies.values():
            if body.short and body.kind in _ORGS:
                entry = _entry(body.short, body.name, body, body.territory, ORGANISATIONS, body.row)
                self._put_glossary(body.territory, entry, replace=False)

    def _put_glossary(self, territory: str, entry: dict[str, Any], replace: bool) -> None:
        layer = self.glossary.setdefault(territory, {})
        same = next((k for k in layer if _value_key(k) == _value_key(entry["abbreviation"])), None)
        if same is not None and replace:
            del layer[same]
        if same is None or replace:
            layer[entry["abbreviation"]] = entry

    def _read_progress(self, records: list[_Record]) -> None:
        for rec in records:
            if self._missing(rec, "document", "number", "status", "reported_on"):
                continue
            ref, school = parse_document_ref(rec["document"]), self.bodies.get(rec["school"])
            status, reported_on = _value_key(rec["status"]), _parse_date(rec["reported_on"])
            demo = _YES_NO.get(_value_key(rec["demo"]))
            if ref is None:
                self._reject(rec, "bad-document", "document")
            elif rec["school"] and (school is None or school.kind != NodeKind.SCHOOL):
                self._reject(rec, "unknown-school", "school")
            elif status not in PROGRESS_STATUSES:
                self._reject(rec, "bad-status", "status", ", ".join(PROGRESS_STATUSES))
            elif reported_on is None:
                self._reject(rec, "bad-date", "reported_on")
            elif demo is None:
                self._reject(rec, "bad-flag", "demo")
            else:
                candidates = self.documents.get(ref, set())
                if len(candidates) > 1:
                    self._issue(rec, "ambiguous-document", "document")
                self.progress.append({
                    "document": rec["document"], "document_number": ref[0], "document_date": ref[1],
                    "roadmap": min(candidates) if len(candidates) == 1 else None, "number": rec["number"],
                    "school": school.id if school else None, "school_code": rec["school"], "status": status,
                    "reported_on": reported_on, "demo": demo, "file": self.file, "sheet": rec.table.sheet,
                    "row": rec.row,
                })  # fmt: skip
                rec.table.loaded += 1


def _organisation_may_take(does: str, role: str, kind: NodeKind) -> bool:
    """Tell whether an organisation itself (a row of «Люди» without ФИО) may take a role."""
    if does == MEMBER:
        return role != "председатель"
    return does in (COORDINATOR, CURATOR) and kind in _ORGS


def _role_links(subject: str, does: str, role: str, target: str, source: Source) -> list[Link]:
    """Return the links a role makes: heads, coordinates (with its role), member of (and heads), controls."""
    if does == HEAD:
        return [Link(subject, EdgeKind.HEADS, target, origin=source)]
    if does in (COORDINATOR, CURATOR):
        return [Link(subject, EdgeKind.COORDINATES, target, {"role": role}, origin=source)]
    if does == MEMBER:
        member = Link(subject, EdgeKind.MEMBER_OF, target, {"role": role}, origin=source)
        return (
            [member, Link(subject, EdgeKind.HEADS, target, origin=source)]
            if role == "председатель"
            else [member]
        )
    return [Link(subject, EdgeKind.CONTROLS, target, origin=source)]


def _entry(
    abbreviation: str, full_name: str, body: _Body | None, territory: str, origin: str, row: int
) -> dict[str, Any]:
    """Return a glossary entry: the GlossaryEntry fields as a mapping, plus the node it stands for."""
    return {
        "abbreviation": abbreviation,
        "full_name": full_name or (body.name if body else ""),
        "node": body.id if body else None,
        "node_kind": str(body.kind) if body else "",
        "subkind": body.subkind if body else "",
        "fan_out": None,
        "territory": territory,
        "origin": origin,
        "row": row,
    }
