"""The reference workbook's layout — its sheets, columns and allowed values — and the writer of it.

`write_template` writes the blank workbook with a sheet «Пояснения» that explains every column;
`write_reference` writes one with rows (the sample data, the synthetic country). The sheets and
columns are those of `contracts.md`; `loaders.workbook` reads a filled workbook back.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import xlsxwriter

from model.entities import AuthorityLevel, InstituteKind, SchoolStatusKind, TerritoryLevel

TERRITORIES, ORGANISATIONS, SCHOOLS, SCHOOL_LISTS = "Территории", "Организации", "Школы", "Списки ШНОР"
GROUPS, PEOPLE, PROGRESS, ABBREVIATIONS = "Рабочие группы", "Люди", "Ход выполнения", "Сокращения"
EXPLANATIONS = "Пояснения"
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
# fmt: on
_GENERAL_HELP = (
    "Справочник дополняет дорожные карты тем, чего в них нет: территории, организации и их подчинение, "
    "школы и их статус по годам, рабочие группы, людей и их роли, ход выполнения мероприятий.",
    "Первая строка каждого листа — заголовки, данные — со второй строки; пустые строки пропускаются.",
    "Коды — короткие ключи, которые вы придумываете сами («КУЗ», «ПОЛ-ИМЦ»): по ним листы ссылаются "
    "друг на друга.",
    "Строка с ошибкой не загружается; отчёт о загрузке называет её лист, строку и столбец.",
)


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
