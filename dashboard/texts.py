"""Every Russian word the dashboard shows: titles, labels, messages, column names, legends.

No other dashboard module holds Russian text; a change of wording happens here only.
"""

from __future__ import annotations

from datetime import date

APP_TITLE = "Карта ответственности"
APP_ICON = "🗺️"

# --- pages -----------------------------------------------------------------------------------------------

PAGE_TITLES = {
    "obzor": "Обзор",
    "nagruzka": "Нагрузка",
    "sroki": "Сроки",
    "tsepochki": "Цепочки",
    "shkola": "Школа",
    "dannye": "Данные",
}
PAGE_ICONS = {
    "obzor": ":material/dashboard:",
    "nagruzka": ":material/monitoring:",
    "sroki": ":material/calendar_month:",
    "tsepochki": ":material/account_tree:",
    "shkola": ":material/school:",
    "dannye": ":material/upload_file:",
}
PAGE_HELP = {
    "obzor": "Где стоит выбранная территория: школы, мероприятия, ход выполнения, просрочки, перегрузка.",
    "nagruzka": "Кто перегружен и когда: нагрузка исполнителей против их мощности.",
    "sroki": "Когда наступают сроки: тепловые карты по исполнителям и территориям.",
    "tsepochki": "Кто за что отвечает и через кого: цепочка ответственности и её разрывы.",
    "shkola": "Карточка школы: всё, что на неё ложится, кто это поставил и кто помогает.",
    "dannye": "Загрузка файлов, сокращения, шаблон справочника и история загрузок.",
}

# --- the common header ----------------------------------------------------------------------------------

REGION = "Регион"
MUNICIPALITY = "Муниципалитет"
DISTRICT = "Район города"
SCHOOL = "Школа"
AS_OF = "На дату"
AS_OF_HELP = "Дата, на которую считаются просрочки и ход выполнения. Сохраняется в ссылке."
ALL_REGIONS = "Все регионы"
ALL_MUNICIPALITIES = "Все муниципалитеты"
ALL_DISTRICTS = "Все районы"
ALL_SCHOOLS = "Все школы"
BREADCRUMB_SEPARATOR = " › "
DEMO_PROGRESS = (
    "Ход выполнения в этих данных демонстрационный (отмечен так в справочнике): "
    "он показывает, как работает экран, а не реальное положение дел."
)

# --- errors and empty states ----------------------------------------------------------------------------

UNEXPECTED_ERROR = (
    "На этой странице произошла непредвиденная ошибка. Данные не изменены. "
    "Обновите страницу; если ошибка повторится, сообщите разработчикам время и адрес страницы."
)
STORE_ERROR = "Базу данных «{path}» нельзя открыть: {reason}"
EMPTY_DB = (
    "База «{path}» пока пуста: в ней нет ни одной дорожной карты. "
    "Откройте страницу «Данные» и загрузите файлы приказов и справочник, "
    "или загрузите демонстрационные данные командой `make sample-db`."
)
GO_TO_DATA = "Перейти к загрузке данных"
LOADING = "Читаю данные и строю граф ответственности…"
NOTHING_IN_SCOPE = "На выбранной территории нет данных для этого раздела."
NO_SELECTION = "—"

# --- figures and lists ----------------------------------------------------------------------------------

SHOW_LIST = "Показать мероприятия"
SHOW_LIST_OF = "Показать"
FIGURES = {
    "schools": "Школ (ШНОР)",
    "roadmaps": "Дорожных карт",
    "activities": "Мероприятий",
    "done": "Выполнено окон",
    "in_progress": "В работе",
    "overdue": "Просрочено",
    "overloaded": "Перегруженных исполнителей",
    "undated": "Без срока",
}
FIGURE_HELP = {
    "schools": "Школы выбранной территории, которые есть в списке ШНОР или «в зоне риска».",
    "roadmaps": "Дорожные карты, мероприятия которых ложатся на выбранную территорию.",
    "activities": "Мероприятия, которые ложатся на выбранную территорию.",
    "done": "Окна выполнения (срок мероприятия для школы), закрытые статусом «выполнено» на дату.",
    "in_progress": "Окна выполнения со статусом «в работе» на дату.",
    "overdue": "Окна, срок которых закончился до выбранной даты, а статус не «выполнено» и не «отменено».",
    "overloaded": "Исполнители, у которых хотя бы в одном месяце нагрузка больше мощности.",
    "undated": "Мероприятия без даты («по графику», «по итогам…»): их не считают просроченными.",
}
LIST_TITLES = {
    "schools": "Школы территории",
    "roadmaps": "Дорожные карты",
    "activities": "Мероприятия",
    "done": "Выполненные окна",
    "in_progress": "Окна в работе",
    "overdue": "Просроченные окна",
    "overloaded": "Перегруженные исполнители",
    "undated": "Мероприятия без срока",
}
PROGRESS_BY_TERRITORY = "Ход выполнения по территориям (окна на дату)"
PROGRESS_BY_TERRITORY_HELP = "Щёлкните по столбцу, чтобы перейти на эту территорию."
SCHOOLS_HERE = "Школы территории (по алфавиту)"
OPEN_SCHOOL_CARD = "Открыть карточку школы"

# --- workload -------------------------------------------------------------------------------------------

LEVEL_FILTER = "Уровень исполнителя"
KIND_FILTER = "Вид исполнителя"
RANKING = "Исполнители по пиковой нагрузке относительно мощности"
RANKING_HELP = (
    "Пиковая нагрузка — самый загруженный месяц; 130 % значит, что мероприятий на треть больше, "
    "чем исполнитель может вести."
)
EXECUTOR = "Исполнитель"
EXECUTOR_MONTHS = "Нагрузка по месяцам: {name}"
EXECUTOR_MONTHS_HELP = (
    "Столбец — мероприятия, идущие в месяце; линия — мощность; число над столбцом — доля от мощности."
)
WHO_LOADS = "Кто поставил эти задачи"
WHO_LOADS_HELP = "Чьи дорожные карты нагружают исполнителя: издатель приказа и сама дорожная карта."
CAPACITY = "Мощность, мероприятий в месяц"
CAPACITY_NOW = "Сейчас: {value:g} мероприятий в месяц ({origin})."
CAPACITY_ORIGIN_OVERRIDE = "задано пользователем"
CAPACITY_ORIGIN_DATA = "из данных или по умолчанию для вида"
CAPACITY_EDIT = "Изменить мощность"
CAPACITY_AUTHOR = "Кто меняет"
CAPACITY_REASON = "Почему"
CAPACITY_SAVE = "Сохранить мощность"
CAPACITY_RESET = "Вернуть расчётную"
CAPACITY_SAVED = "Мощность сохранена; нагрузка пересчитана."
CAPACITY_READONLY = "Изменение мощности отключено на этом рабочем месте."
DEFAULT_AUTHOR = "дашборд"
NO_EXECUTOR = "Выберите исполнителя, чтобы увидеть его нагрузку по месяцам."

# --- deadlines ------------------------------------------------------------------------------------------

MEASURE = "Что считать"
MEASURES = {"active": "Идут в месяце", "due": "Срок в месяце"}
HEATMAP_EXECUTORS = "Исполнители × месяцы"
HEATMAP_EXECUTORS_HELP = "Щёлкните по клетке, чтобы увидеть мероприятия за этим числом."
HEATMAP_TERRITORIES = "Территории × месяцы: окна со сроком в месяце"
CELL_MONTH = "Месяц"
CELL_LIST = "{executor}, {month}: мероприятия за клеткой"
AREA_LIST = "{area}, {month}: окна со сроком в месяце"
PICK_CELL = "Щёлкните по клетке тепловой карты или выберите исполнителя и месяц ниже."

# --- chains ---------------------------------------------------------------------------------------------

SUBJECT = "Чья цепочка"
SUBJECTS = {"activity": "Мероприятие", "school": "Школа", "executor": "Исполнитель"}
ACTIVITY = "Мероприятие"
CHAIN_TITLE = "Цепочка ответственности"
CHAIN_HELP = (
    "Слева направо: мероприятие → исполнители → координаторы и руководители → органы над ними → "
    "дорожная карта и её издатель → контролирующий."
)
CHAIN_BROKEN = "Разрывы этой цепочки"
CHAIN_WHOLE = "Цепочка цела: есть исполнитель, координатор, издатель и контролирующий."
BROKEN_IN_TERRITORY = "Разрывы цепочек на территории"
NO_BROKEN = "На выбранной территории разрывов цепочек нет."
PICK_SUBJECT = "Выберите, чью цепочку показать."

# --- school ---------------------------------------------------------------------------------------------

SCHOOL_CARD = "Карточка школы"
PICK_SCHOOL = "Выберите школу в строке территории вверху или в списке ниже."
SCHOOL_STATUS = "Статус по годам"
SCHOOL_COORDINATORS = "Координаторы"
SCHOOL_HEADS = "Руководитель"
OBLIGATIONS = "Что ложится на школу"
OBLIGATIONS_BY_MONTH = "По месяцам: когда идёт каждое мероприятие (цвет — кто поставил)"
NO_OBLIGATIONS = "На эту школу пока не ложится ни одно мероприятие."
NO_STIGMA = (
    "Школы работают в разных условиях: карточка показывает обязательства и поддержку, а не место в рейтинге."
)

# --- data -----------------------------------------------------------------------------------------------

UPLOAD = "Файлы приказов, дорожных карт и справочник"
UPLOAD_HELP = (
    "xlsx, xls, ods, csv или docx. Сначала файлы проверяются, в базу ничего не пишется до нажатия кнопки."
)
DOCUMENT_FACTS = "Сведения о документах (если их нет в тексте)"
DOCUMENT_FACTS_HELP = (
    "Заполните то, чего нет в самих файлах: к каким региону и муниципалитету относится документ, его "
    "уровень, номер приказа и период плана. Пустое поле — взять из текста документа."
)
FROM_TEXT = "из текста документа"
DOCUMENT_LEVEL = "Уровень документа"
DOCUMENT_NUMBER = "Номер приказа"
PLAN_START = "Начало периода плана"
PLAN_END = "Конец периода плана"
CHECKING = "Проверяю файлы…"
CHECKED = "Проверка закончена"
REPORT = "Отчёт о загрузке"
REPORT_FILE_OK = "{file}: ошибок нет"
REPORT_FILE_ERRORS = "{file}: есть ошибки — файл не будет загружен"
REPORT_AS_TEXT = "Отчёт целиком"
IMPORT = "Загрузить в базу"
IMPORT_NOTHING = "Нет файлов без ошибок: загружать нечего."
IMPORTING = "Загружаю в базу…"
IMPORTED = "Загружено файлов: {count}. Все страницы уже показывают новые данные."
ABBREVIATIONS = "Нераспознанные сокращения"
ABBREVIATIONS_HELP = "Задайте, что значит сокращение; при следующей проверке файлы прочтутся с ним."
NO_ABBREVIATIONS = "В проверенных файлах нет нераспознанных сокращений."
ABBREVIATION = "Сокращение"
MAPPING_SCOPE = "Где действует"
EVERYWHERE = "Везде"
MAPPING_MEANING = "Что означает"
MAPPING_ORGANISATION = "Организация из базы"
MAPPING_FAN_OUT = "Все органы или школы территории"
MAPPING_FULL_NAME = "Полное название"
MAPPING_SAVE = "Сохранить значение"
MAPPING_SAVED = "Значение сокращения «{abbreviation}» сохранено."
MAPPINGS = "Заданные значения сокращений"
TEMPLATE = "Шаблон справочника"
TEMPLATE_HELP = (
    "Пустой справочник: территории, организации, школы, списки ШНОР, люди, ход выполнения, сокращения; "
    "на листе «Пояснения» — что писать в каждом столбце."
)
TEMPLATE_DOWNLOAD = "Скачать шаблон справочника (xlsx)"
TEMPLATE_FILE = "Справочник_шаблон.xlsx"
HISTORY = "История загрузок"
NO_HISTORY = "В базу ещё ничего не загружали."
DATA_CHECKS = "Что не сходится в загруженных данных"
NO_DATA_CHECKS = "Проверки графа замечаний не нашли."
CURRENT_DB = "База: {path}, версия данных {version}."
SOURCE_ROW = "строка {row}"
XLSX_SHEET = "Данные"
UNKNOWN_ABBREVIATION = r"сокращение «(.+?)»(?= нет)"
"""How the loaders' «unknown-abbreviation» message names the abbreviation (the issue has no field for it)."""

FAN_OUTS = {
    "schools": "все ШНОР территории",
    "municipal_authorities": "все муниципальные органы (МОУО) региона",
    "district_authorities": "все районные отделы (РОО) города",
}

# --- exports --------------------------------------------------------------------------------------------

DOWNLOAD_XLSX = "Таблица в Excel"
DOWNLOAD_PNG = "График в PNG"
EXPORT_NAMES = {
    "overview": "Обзор",
    "ranking": "Нагрузка",
    "executor": "Нагрузка_исполнителя",
    "issuers": "Кто_нагружает",
    "heatmap": "Сроки",
    "areas": "Сроки_территорий",
    "cell": "Мероприятия_клетки",
    "chain": "Цепочка",
    "broken": "Разрывы_цепочек",
    "school": "Карточка_школы",
    "history": "История_загрузок",
    "report": "Отчёт_о_загрузке",
}


def export_name(what: str, day: date, suffix: str) -> str:
    """Return the file name of an export: what it is, the date it is for, the extension."""
    return f"{EXPORT_NAMES.get(what, what)}_{day.isoformat()}.{suffix}"


# --- vocabularies ---------------------------------------------------------------------------------------

MONTHS_SHORT = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


def month_label(month: date) -> str:
    """Return a month as people say it on a slide: «окт 2020».

    >>> month_label(date(2020, 10, 1))
    'окт 2020'
    """
    return f"{MONTHS_SHORT[month.month - 1]} {month.year}"


def percent(ratio: float | None) -> str:
    """Return a load ratio as a percentage: 1.3 → «130 %»; no ratio → «—».

    >>> percent(1.3), percent(None)
    ('130 %', '—')
    """
    return "—" if ratio is None else f"{round(ratio * 100):d} %"


def academic_year(year: int) -> str:
    """Return an academic year as written in orders: 2020 → «2020/21».

    >>> academic_year(2020)
    '2020/21'
    """
    return f"{year}/{(year + 1) % 100:02d}"


STATUSES = {
    "done": "выполнено",
    "in_progress": "в работе",
    "not_started": "не начато",
    "overdue": "просрочено",
    "cancelled": "отменено",
}
STATUS_LEGEND = "Статус окна"
SCHOOL_STATUSES = {"шнор": "ШНОР", "зона риска": "в зоне риска"}

LOAD_BANDS = ("до 50 %", "50–100 %", "100–150 %", "150 % и выше", "мощность не задана")
LOAD_LEGEND = "Нагрузка к мощности"
COUNT_LEGEND = "Сроков в месяце"
LEVEL_LEGEND = "Кто поставил"
ROLE_LEGEND = "Роль в цепочке"

EXECUTOR_LEVELS = {
    "federal": "федеральный",
    "region": "региональный",
    "municipality": "муниципальный",
    "district": "районный",
    "school": "школьный",
}
EXECUTOR_KINDS = {
    "authority": "орган управления",
    "institute": "институт, центр, методслужба",
    "group": "рабочая группа",
    "person": "человек",
    "school": "школа",
}
ROADMAP_LEVELS = {
    "federal": "федеральная",
    "region": "региональная",
    "municipality": "муниципальная",
    "school": "школьная",
}
TERRITORY_LEVELS = {
    "country": "страна",
    "region": "регион",
    "municipality": "муниципалитет",
    "district": "район",
}
DEADLINE_KINDS = {
    "date": "дата",
    "month": "месяц",
    "period": "период",
    "several": "несколько сроков",
    "continuous": "постоянно",
    "recurring": "регулярно",
    "by_schedule": "по графику",
    "event": "по событию",
    "unknown": "не распознан",
}
ROLES = {
    "activity": "мероприятие",
    "executor": "исполнитель",
    "coordinator": "координатор",
    "head": "руководитель",
    "authority": "орган над исполнителем",
    "roadmap": "дорожная карта",
    "issuer": "издатель приказа",
    "controller": "контролирующий",
    "missing": "разрыв",
}
EDGE_LABELS = {
    "executes": "исполняет",
    "part_of": "входит в",
    "heads": "руководит",
    "coordinates": "координирует",
    "subordinate_to": "подчиняется",
    "works_at": "работает в",
    "issued": "издал",
    "based_on": "основана на",
    "controls": "контролирует",
}
BROKEN_CODES = {
    "no-executor": "исполнитель не распознан",
    "no-coordinator": "нет координатора",
    "no-controller": "нет контролирующего",
    "no-issuer": "не указан издатель",
}
SEVERITIES = {"error": "ошибка", "warning": "предупреждение", "info": "сведение"}
YES, NO = "да", "нет"

# --- column names of tables shown and exported ---------------------------------------------------------

COLUMNS = {
    "executor_name": "Исполнитель",
    "kind_name": "Вид",
    "level_name": "Уровень",
    "territory_name": "Территория",
    "capacity": "Мощность в месяц",
    "peak_active": "Пик: мероприятий",
    "peak_month": "Месяц пика",
    "peak_percent": "Пик к мощности",
    "months_over": "Месяцев с перегрузкой",
    "undated": "Без срока",
    "month_name": "Месяц",
    "active": "Идут в месяце",
    "due": "Срок в месяце",
    "load_percent": "К мощности",
    "issuer_name": "Кто поставил",
    "roadmap_name": "Дорожная карта",
    "roadmap_level": "Уровень карты",
    "activities": "Мероприятий",
    "weight": "Трудоёмкость",
    "number": "№",
    "text": "Мероприятие",
    "deadline_raw": "Срок (как в документе)",
    "deadline_kind_name": "Вид срока",
    "window_start": "Окно с",
    "window_end": "Окно по",
    "lead_name": "Ответственный",
    "supporters": "Соисполнители",
    "via": "Как назначено",
    "school_name": "Школа",
    "status": "Статус на дату",
    "reported_on": "Дата отчёта",
    "source": "Где в документе",
    "statuses": "В списке",
    "area_name": "Территория",
    "windows": "Окон",
    "code_name": "Разрыв",
    "detail": "Подробно",
    "file": "Файл",
    "imported_at": "Загружен",
    "format": "Формат",
    "rows_read": "Строк прочитано",
    "entities": "Объектов",
    "links": "Связей",
    "progress": "Отчётов о ходе",
    "issues": "Замечаний",
    "severity_name": "Важность",
    "message": "Замечание",
    "where": "Где",
    "abbreviation": "Сокращение",
    "scope_name": "Где действует",
    "meaning": "Значение",
    "author": "Кто задал",
    "changed_at": "Когда",
    "name": "Название",
    "role_name": "Роль",
    "overdue_windows": "Просрочено окон",
    "errors": "Ошибок",
    "warnings": "Предупреждений",
    "infos": "Сведений",
}
