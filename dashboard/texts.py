"""Every Russian word the dashboard shows: titles, labels, messages, column names, legends.

No other dashboard module holds Russian text; a change of wording happens here only.
"""

from __future__ import annotations

import textwrap
from datetime import date

from loaders.wording import DEADLINE_KIND_NAMES, SEVERITY_NAMES, thousands
from model.operation_words import plural

APP_TITLE = "Карта ответственности"
APP_ICON = "🗺️"

# --- pages -----------------------------------------------------------------------------------------------

PAGE_TITLES = {
    "obzor": "Обзор",
    "nagruzka": "Нагрузка",
    "sroki": "Сроки",
    "tsepochki": "Цепочки",
    "shkola": "Школа",
    "stsenarii": "Сценарии",
    "dannye": "Данные",
}
PAGE_ICONS = {
    "obzor": ":material/dashboard:",
    "nagruzka": ":material/monitoring:",
    "sroki": ":material/calendar_month:",
    "tsepochki": ":material/account_tree:",
    "shkola": ":material/school:",
    "stsenarii": ":material/alt_route:",
    "dannye": ":material/upload_file:",
}
PAGE_HELP = {
    "obzor": "Где стоит выбранная территория: школы, мероприятия, ход выполнения, просрочки, перегрузка.",
    "nagruzka": "Кто перегружен и когда: нагрузка исполнителей против их мощности.",
    "sroki": "Когда наступают сроки: тепловые карты по исполнителям и территориям.",
    "tsepochki": "Кто за что отвечает и через кого: цепочка ответственности и её разрывы.",
    "shkola": "Карточка школы: всё, что на неё ложится, кто это поставил и кто помогает.",
    "stsenarii": (
        "«А если…?»: соберите сценарий из операций и сравните его с планом. План и экраны коллег "
        "не меняются, пока сценарий не сохранён; сохранённый сценарий открывается по ссылке."
    ),
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
# What of a pasted link a page could not show, and what it shows instead ({shown}: a name, a date, LINK_NONE).
LINK_UNUSED = {
    "as_of": "В ссылке дата, которой нет в календаре или которую не удалось прочитать; показано на {shown}.",
    "territory": "В ссылке указана территория, которой нет в данных; показано: {shown}.",
    "school": "В ссылке указана школа, которой нет в данных или на выбранной территории; показано: {shown}.",
    "executor": "В ссылке указан исполнитель, которого нет в данных или на выбранной территории; "
    "показано: {shown}.",
    "activity": "В ссылке указано мероприятие, которого нет в данных или на выбранной территории; "
    "показано: {shown}.",
    "month": "В ссылке указан месяц, которого нет на тепловой карте исполнителей; показано: {shown}.",
    "area": "В ссылке указана территория тепловой карты, которой нет в данных или на выбранной территории; "
    "показано: {shown}.",
    "area_month": "В ссылке указан месяц, которого нет на тепловой карте территорий; показано: {shown}.",
    "measure": "В ссылке указан показатель тепловой карты, которого нет; показано: {shown}.",
    "levels": "В ссылке указан уровень исполнителей, которого нет в фильтре; показано: {shown}.",
    "kinds": "В ссылке указан тип исполнителей, которого нет в фильтре; показано: {shown}.",
    "show": "В ссылке указан список, которого нет на «Обзоре»; показано: {shown}.",
    "subject": "В ссылке указана цепочка неизвестного вида; показано: {shown}.",
}
LINK_NONE = {
    "territory": "все регионы",
    "school": "все школы",
    "executor": "исполнитель не выбран",
    "activity": "мероприятие не выбрано",
    "month": "месяц не выбран",
    "area": "территория не выбрана",
    "area_month": "месяц не выбран",
    "levels": "все уровни",
    "kinds": "все типы",
    "show": "список не открыт",
}
LINK_SEVERAL = "Не всё из ссылки удалось открыть:"
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
TABLE_CUT = "Показаны первые {shown} строк из {total}; полностью — в выгрузке xlsx ниже."
PREPARE_DESCRIPTION = "Строит снимок данных для панели и сохраняет его: следующий запуск прочитает готовый."
PREPARE_DB_HELP = "база данных (по умолчанию KARTA_DB или var/karta.sqlite)"
PREPARE_DONE = {"read": "прочитан готовый", "built": "построен"}
PREPARE_REPORT = "{path}: снимок {how} за {seconds:.1f} с, мероприятий: {activities}"
NOTHING_IN_SCOPE = "На выбранной территории нет данных для этого раздела."
NO_SELECTION = "—"

# --- figures and lists ----------------------------------------------------------------------------------

SHOW_LIST = "Показать мероприятия"
SHOW_LIST_OF = "Показать"
FIGURES = {
    "schools": "Школ в списках",
    "roadmaps": "Дорожных карт",
    "activities": "Мероприятий",
    "undated": "Мероприятий без срока",
    "done": "Выполнено окон",
    "in_progress": "Окон в работе",
    "overdue": "Просрочено окон",
    "overloaded": "Перегружено исполнителей",
}
"""The overview's figures in the order drawn: a row of what is counted in activities, then one of windows
and load."""
FIGURE_HELP = {
    "schools": (
        "Школы выбранной территории, которые есть в списке ШНОР или «в зоне риска» (в любом учебном году); "
        "сколько в каждом списке — в строке под показателями."
    ),
    "roadmaps": "Дорожные карты, мероприятия которых ложатся на выбранную территорию.",
    "activities": "Мероприятия, которые ложатся на выбранную территорию.",
    "done": (
        "Окна (срок мероприятия для каждой школы или исполнителя, на которых оно ложится), "
        "закрытые статусом «выполнено» на дату."
    ),
    "in_progress": (
        "Окна со статусом «в работе» на дату, срок которых ещё не прошёл или не задан. "
        "Окно в работе после своего срока считается просроченным и входит в «Просрочено окон»."
    ),
    "overdue": (
        "Окна, срок которых закончился до выбранной даты, а статус не «выполнено» и не «отменено» — "
        "и не начатые, и те, что в работе; сколько каких — в строке под показателями."
    ),
    "overloaded": "Исполнители, у которых хотя бы в одном месяце нагрузка больше мощности.",
    "undated": (
        "Мероприятия без даты («по графику», «по итогам…»): их не считают просроченными. "
        "Окон у них больше (по одному на каждую школу), сколько из них не начато — в строке под показателями."
    ),
}
SCHOOL_LISTS = "Школ в списке ШНОР: {low}; в зоне риска: {risk}."
WINDOW_SPLIT = (
    "Просрочено на {day:%d.%m.%Y} — окна, срок которых закончился до этой даты, а статус на неё "
    "не «выполнено» и не «отменено»: «в работе» — {overdue_in_progress}, "
    "«не начато» — {overdue_not_started}. "
    "Не начатых окон у мероприятий без срока (их не считают просроченными): {undated_not_started}."
)
LIST_ON = "{title} на {day:%d.%m.%Y}"
"""The title of an overview list whose rows depend on the date (`DATED_LISTS`)."""
DATED_LISTS = frozenset({"done", "in_progress", "overdue"})
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
PROGRESS_BY_TERRITORY_HELP = (
    "Окна на дату: срок мероприятия для каждой школы или исполнителя. «Выполнено», «в работе» и «просрочено» "
    "считаются так же, как показатели над графиком; «не начато» — срок ещё не наступил; «без срока» — не "
    "начатые окна мероприятий без даты. Щёлкните по столбцу, чтобы перейти на эту территорию."
)
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
CAPACITY_NOW = "Сейчас: {value} в месяц ({origin})."
CAPACITY_ORIGIN_OVERRIDE = "задано пользователем"
CAPACITY_CHANGED = "изменено {day:%d.%m.%Y}{who}{why}; расчётная — {computed}"


def capacity_changed(day: date, author: str, reason: str, computed: str) -> str:
    """Return who changed a capacity, when and why, and what going back to the computed one gives.

    >>> capacity_changed(date(2021, 3, 1), "Иванова", "новый методист", "4")
    'изменено 01.03.2021, Иванова: «новый методист»; расчётная — 4'
    >>> capacity_changed(date(2021, 3, 1), DEFAULT_AUTHOR, "", "2,5")
    'изменено 01.03.2021; расчётная — 2,5'
    """
    who = f", {author}" if author and author != DEFAULT_AUTHOR else ""
    why = f": «{reason}»" if reason else ""
    return CAPACITY_CHANGED.format(day=day, who=who, why=why, computed=computed)


CAPACITY_ORIGIN_DATA = "из данных или по умолчанию для вида"
CAPACITY_IGNORED = (
    "Мощность {value}, заданная {day:%d.%m.%Y}{who}, не действует: мощность должна быть больше нуля, и "
    "показана расчётная. Сохраните новую мощность или нажмите «Вернуть расчётную», чтобы убрать заданную."
)
CAPACITY_EDIT = "Изменить мощность"
CAPACITY_AUTHOR = "Кто меняет"
CAPACITY_REASON = "Почему"
CAPACITY_SAVE = "Сохранить мощность"
CAPACITY_RESET = "Вернуть расчётную"
CAPACITY_SAVED = "Мощность сохранена; нагрузка пересчитана."
CAPACITY_NOT_POSITIVE = (
    "Мощность — сколько мероприятий исполнитель ведёт в месяц: укажите число больше нуля "
    "(например, 4 или 2,5). Чтобы вернуть расчётную мощность, нажмите «Вернуть расчётную»."
)
CAPACITY_READONLY = "Изменение мощности отключено на этом рабочем месте."
DEFAULT_AUTHOR = "дашборд"
RANKING_TOP = (
    "На графике — {shown} с наибольшей нагрузкой из {total}; все — в таблице ниже. "
    "Выберите территорию или вид исполнителя, чтобы сузить список."
)
NO_EXECUTOR = "Выберите исполнителя, чтобы увидеть его нагрузку по месяцам."

# --- deadlines ------------------------------------------------------------------------------------------

MEASURE = "Что считать"
MEASURES = {"active": "Идут в месяце", "due": "Срок в месяце"}
HEATMAP_EXECUTORS = "Исполнители × месяцы"
HEATMAP_EXECUTORS_HELP = "Щёлкните по клетке, чтобы увидеть мероприятия за этим числом."
HEATMAP_TERRITORIES = "Территории × месяцы: окна со сроком в месяце"
CELL_MONTH = "Месяц"
CELL_LIST = "{executor}, {month} — {measure}: {count}"
"""A cell's list names the cell's figure in its heading: «ИМЦ, ноя 2020 — идут в месяце: 10 мероприятий»."""
AREA_LIST = "{area}, {month} — окон со сроком в месяце: {count}"
PICK_CELL = "Щёлкните по клетке тепловой карты или выберите исполнителя и месяц ниже."
HEATMAP_TOP = (
    "На карте — {shown} с наибольшей нагрузкой (как на странице «Нагрузка») из {total}; "
    "любого исполнителя можно выбрать ниже. Выберите территорию, чтобы сузить список."
)

# --- chains ---------------------------------------------------------------------------------------------

SUBJECT = "Чья цепочка"
SUBJECTS = {"activity": "Мероприятие", "school": "Школа", "executor": "Исполнитель"}
ACTIVITY = "Мероприятие"
CHAIN_TITLE = "Цепочка ответственности"
CHAIN_HELP = (
    "Слева направо: мероприятие → исполнители → координаторы и руководители → органы над ними → "
    "дорожная карта и её издатель → контролирующий. Кто играет две роли, стоит в столбце первой и обведён "
    "цветом второй; подсказка называет все его роли."
)
CHAIN_BROKEN = "Разрывы этой цепочки"
CHAIN_WHOLE = "Цепочка цела: есть исполнитель, координатор, издатель и контролирующий."
BROKEN_IN_TERRITORY = "Разрывы цепочек на территории"
NO_BROKEN = "На выбранной территории разрывов цепочек нет."
PICK_SUBJECT = "Выберите, чью цепочку показать."
SEARCHES = {
    "activity": "Найти мероприятие (номер, слова из текста, дорожная карта)",
    "executor": "Найти исполнителя",
}
OPTIONS_FOUND = "Подходят {total}, в списке первые {shown}: уточните поиск или выберите территорию вверху."
NOTHING_FOUND = "Ничего не найдено: измените поиск или выберите другую территорию."
BROKEN_COUNTRY = (
    "По всей стране {links} у {activities}. Ниже — их число по регионам, "
    "издавшим дорожные карты; выберите регион вверху, чтобы увидеть сами разрывы, или выгрузите "
    "полный список."
)
BROKEN_DOWNLOAD = "Все разрывы по стране (xlsx)"
FEDERAL_ROADMAPS = "Федеральные дорожные карты"

# --- school ---------------------------------------------------------------------------------------------

SCHOOL_CARD = "Карточка школы"
PICK_SCHOOL = "Выберите школу в строке территории вверху или в списке ниже."
MANY_SCHOOLS = (
    "Школ (ШНОР) на выбранной территории: {count}. Выберите школу в поле ниже (можно начать печатать "
    "название) или сузьте территорию вверху."
)
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
    "Приказы и дорожные карты (xlsx, xls, ods, csv, docx) и справочник (xlsx), до {size} МБ каждый; "
    "можно несколько сразу. Перетащите файлы в поле или нажмите «Выбрать файлы». Сначала файлы "
    "проверяются, в базу ничего не пишется до нажатия кнопки."
)
UPLOAD_BUTTON = "Выбрать файлы"
UPLOAD_LIMIT = "Перетащите файлы сюда: до {size} МБ на файл • {types}"
UPLOAD_TOO_LARGE = "Файл больше {size} МБ: такие не принимаются."
UPLOAD_WRONG_TYPE = "Файлы такого типа не принимаются; подходят {types}."
DOCUMENT_FACTS = "Сведения о документах (если их нет в тексте)"
DOCUMENT_FACTS_HELP = (
    "Заполните то, чего нет в самих файлах: к каким региону и муниципалитету относится документ, его "
    "уровень, номер и дату приказа, период плана. Пустое поле — взять из текста документа."
)
FROM_TEXT = "из текста документа"
EARLIER_FACTS = (
    "Заполнено по прошлой загрузке файла «{file}» ({when:%d.%m.%Y %H:%M}): с этими сведениями он даст те же "
    "данные, что уже в базе. Измените их, если документ другой."
)
EARLIER_FACTS_HIDDEN = "Сохранятся и сведения прошлой загрузки, которых нет в форме: {facts}."
EARLIER_FACTS_MANY = (
    "Файлы, загруженные раньше ({files}), проверяются со сведениями своей прошлой загрузки; "
    "заполненные здесь поля заменяют их."
)
EARLIER_FACT_NAMES = {
    "issuer": "издатель",
    "controller": "контроль",
    "based_on": "основание",
}
DOCUMENT_LEVEL = "Уровень документа"
DOCUMENT_NUMBER = "Номер приказа"
DOCUMENT_DATE = "Дата приказа"
PLAN_START = "Начало периода плана"
PLAN_END = "Конец периода плана"
CHECKING = "Проверяю файлы…"
CHECKED = "Проверка закончена"
REPORT = "Отчёт о загрузке"
REPORT_FILE_OK = "{file}: ошибок нет"
REPORT_FILE_WARNINGS = "{file}: ошибок нет, предупреждений: {count} — прочтите их до загрузки в базу"
REPORT_MORE_WARNINGS = "…и ещё {count} — в разделе «Отчёт целиком» ниже."
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
UNKNOWN_ABBREVIATION = r"сокращения «(.+?)»(?= нет)"
"""How the loaders' «unknown-abbreviation» message names the abbreviation (the issue has no field for it)."""

FAN_OUTS = {
    "schools": "все ШНОР территории",
    "municipal_authorities": "все муниципальные органы (МОУО) региона",
    "district_authorities": "все районные отделы (РОО) города",
}

# --- scenarios -----------------------------------------------------------------------------------------

OPERATION = "Что изменить"
OPERATION_KINDS = {
    "reassign": "Передать мероприятия другому исполнителю",
    "shift": "Сдвинуть сроки",
    "capacity": "Изменить мощность исполнителя",
    "school": "Включить школу в список ШНОР или исключить",
    "drop": "Исключить мероприятие",
    "add": "Добавить мероприятие",
    "move": "Сменить координатора или вышестоящий орган",
}
ADD_OPERATION = "Добавить операцию"
NEW_OPERATION = "Новая операция"
FROM_EXECUTOR = "От кого"
TO_EXECUTOR = "Кому"
REASSIGN_MODE = "Какие мероприятия"
REASSIGN_MODES = {
    "one": "одно",
    "several": "несколько",
    "period": "все, что идёт целиком в периоде",
    "split": "всю работу в периоде, деля длинные мероприятия",
}
ACTIVITIES = "Мероприятия"
PERIOD_START = "Период с"
PERIOD_END = "по"
WHOSE_ACTIVITIES = "Чьи мероприятия (чтобы сузить список)"
ANY_EXECUTOR = "Любого исполнителя"
TOO_MANY_OPTIONS = (
    "Показаны первые {shown} из {total}: выберите территорию или исполнителя, чтобы сузить список."
)
SHIFT_MODE = "Как сдвинуть"
SHIFT_MODES = {"months": "на число месяцев", "date": "на дату"}
SHIFT_MONTHS = "На сколько месяцев (минус — раньше)"
SHIFT_TO = "Новый срок (конец последнего окна)"
SCENARIO_CAPACITY = "Мощность в сценарии, мероприятий в месяц"
SCENARIO_CAPACITY_NOW = "В плане: {value} в месяц."
SCENARIO_CAPACITY_NOT_POSITIVE = (
    "Мощность — сколько мероприятий исполнитель ведёт в месяц: "
    "укажите число больше нуля (например, 4 или 2,5)."
)
SCHOOL_ACTION = "Что сделать"
SCHOOL_ACTIONS = {"list": "включить в список", "unlist": "исключить из списка"}
ACADEMIC_YEAR = "Учебный год"
LIST_STATUS = "Статус в списке"
ROADMAP = "Дорожная карта"
NEW_ACTIVITY_TEXT = "Что сделать (текст мероприятия)"
NEW_ACTIVITY_DEADLINE = "Срок, как написали бы в приказе"
NEW_ACTIVITY_DEADLINE_HINT = "например: «до 01.04.2021», «март 2021 года», «ежеквартально»"
NEW_ACTIVITY_EXECUTORS = "Исполнители (первый — ответственный)"
NEW_ACTIVITY_WEIGHT = "Трудоёмкость"
FAN_OUT_OPTION = "все ШНОР: {name}"
MOVE_NODE = "Кого переподчинить (школа или организация)"
MOVE_EDGE = "Что поменять"
MOVE_EDGES = {"coordinates": "координатора", "subordinate_to": "вышестоящий орган"}
MOVE_TO = "Новый координатор или вышестоящий орган"
ACTIVITY_OPTION = "{number} {text} — {roadmap}"
ROADMAP_OPTION = "{name} — {issuer}"
OPTION_LIMIT = 90
PICK_ACTIVITIES = "Выберите мероприятия"
PICK_EXECUTORS = "Выберите исполнителей"
NOTHING_TO_PICK = "Выбирать не из чего"
SCENARIO_PREPARING = "Готовлю план для сценариев: первый раз это занимает несколько секунд…"
SAME_CAPACITY = (
    "У «{name}» мощность уже {value} в месяц: операция ничего не изменит. Укажите другое значение."
)
NOTHING_TO_REASSIGN = (
    "У «{name}» нет мероприятий, идущих целиком в периоде {start:%d.%m.%Y}–{end:%d.%m.%Y}: передавать "
    "нечего. Выберите другой период."
)
NOTHING_TO_SPLIT = (
    "У «{name}» нет мероприятий в периоде {start:%d.%m.%Y}–{end:%d.%m.%Y}: передавать нечего. "
    "Выберите другой период."
)
PERIOD_MOVES = "Будет передано: {count} — сроки целиком внутри периода:"
PERIOD_STAYS = (
    "Остаётся у «{name}»: {count} со сроками и вне периода (в этом режиме мероприятие передаётся только "
    "целиком; их часть в периоде передаёт режим «всю работу в периоде»):"
)
PERIOD_SPLITS = (
    "Будет передано частью: {count} — идут и вне периода; новому исполнителю отходят их сроки внутри "
    "периода, остальное остаётся у «{name}»:"
)
PERIOD_ITEM = "{name} — {start:%d.%m.%Y}–{end:%d.%m.%Y}"
PERIOD_MORE = "…и ещё {count}"
PERIOD_LISTED = 8
NOTHING_TO_SHIFT = (
    "У выбранных мероприятий нет срока: сдвинуть их на месяцы нельзя. "
    "Выберите «на дату», чтобы назначить срок."
)

SCENARIO_NEW = "Новый сценарий"
SCENARIO_SAVED_AS = "Сохранённый сценарий «{name}»: версия {version}, изменён {changed} ({author})."
SCENARIO_UNSAVED = "Есть несохранённые изменения."
SCENARIO_OTHER_DATA = (
    "С тех пор как сценарий сохранили, данные обновились: сравнение построено на данных, загруженных сейчас."
)
SCENARIO_NOT_SAVED = "Сценарий ещё не сохранён: его видите только вы."
SCENARIO_MISSING = "Сценария по этой ссылке нет в базе (его могли удалить). Открыт пустой сценарий."
SCENARIO_READ_ISSUES = "Часть операций сохранённого сценария не прочитана: {issues}"
OPERATIONS = "Операции сценария"
OPERATIONS_HELP = (
    "Операции применяются по порядку. «Отменить» убирает последнюю, «Вернуть» возвращает её; "
    "новая операция после отмены заменяет отменённые."
)
NO_OPERATIONS = "Операций пока нет. Выберите слева, что изменить, и нажмите «Добавить операцию»."
UNDONE = "отменено — можно вернуть"
UNDO = "Отменить"
REDO = "Вернуть"
START_OVER = "Очистить"

COMPARISON = "Сравнение с планом"
COMPARISON_HELP = (
    "Сверху — план как он есть, под ним — со сценарием. Нагрузка считается так же, как на странице "
    "«Нагрузка»: мероприятия, идущие в месяце, к мощности исполнителя."
)
NO_COMPARISON = "Сценарий пока ничего не меняет: сравнивать не с чем."
COMPARE_WITH = "С чем сравнить"
COMPARE_WITH_HELP = (
    "План — данные как они есть. Сохранённый сценарий применяется к тем же данным, и сравнение "
    "показывает, чем от него отличается этот сценарий. Выбор попадает в ссылку на страницу."
)
AGAINST_PLAN = "С планом (как в данных)"
AGAINST_MISSING = (
    "Сценария, с которым сравнивали по этой ссылке, нет в базе (его могли удалить). Сравнение — с планом."
)
COMPARISON_VS = "Сравнение со сценарием «{name}»"
COMPARISON_VS_HELP = (
    "Сверху — сохранённый сценарий «{name}», под ним — этот сценарий; оба применены к одним и тем же "
    "данным. Нагрузка считается так же, как на странице «Нагрузка»: мероприятия, идущие в месяце, "
    "к мощности исполнителя."
)
AGAINST_NAME_LIMIT = 40
SUMMARY = {
    "executors": "Исполнителей затронуто",
    "overloaded": "Становятся перегружены",
    "relieved": "Больше не перегружены",
    "worse": "Перегружены сильнее",
    "deadlines_moved": "Сроков сдвинуто",
    "chains_changed": "Цепочек изменено",
    "chains_broken": "Цепочек разорвано",
    "schools_burdened": "Школ с ростом нагрузки",
}
SUMMARY_HELP = {
    "executors": "У скольких исполнителей меняется нагрузка или мощность.",
    "overloaded": "Ни в одном месяце нагрузка не была больше мощности, а со сценарием — хотя бы в одном.",
    "relieved": "Был перегружен хотя бы в одном месяце, а со сценарием не перегружен ни в одном.",
    "worse": (
        "Перегружен и в плане, и со сценарием, и перегрузка растёт: больше сумма превышения мощности по "
        "всем месяцам (при равной — выше пик). Каждый исполнитель попадает только в одну из этих групп."
    ),
    "deadlines_moved": "Мероприятия, окна выполнения которых переезжают.",
    "chains_changed": "Мероприятия, у которых меняются исполнители, координаторы или вышестоящие органы.",
    "chains_broken": "Мероприятия, у которых со сценарием не остаётся исполнителя.",
    "schools_burdened": "Школы, на которые ложится больше мероприятий или окон.",
}
LOAD_BEFORE_AFTER = "Нагрузка по месяцам: план и сценарий"
SIDES = {"before": "План", "after": "Сценарий"}
SIDE_LEGEND = "Вариант"
LOAD_VS = "Нагрузка по месяцам: «{name}» и этот сценарий"
SIDES_VS = {"before": "«{name}»", "after": "Этот сценарий"}
COMPARISON_TABS = {
    "overload": "Перегрузка",
    "load": "Нагрузка по месяцам",
    "deadlines": "Сроки",
    "chains": "Цепочки",
    "schools": "Школы",
    "undated": "Без срока",
}
NOTHING_CHANGES_HERE = "Здесь сценарий ничего не меняет."
OPERATION_ISSUE = "Операция {number}: {message}"

SUGGESTIONS = "Кто мог бы взять работу"
SUGGESTIONS_HELP = (
    "Для перегруженного исполнителя — близкие по графу ответственности органы (тот же муниципалитет, "
    "та же подчинённость или координация) со свободной мощностью в месяцы перегрузки. Кнопка добавляет "
    "в сценарий передачу мероприятий, которые снимают перегрузку, насколько хватает свободной мощности "
    "во все месяцы, когда они ложатся на новый орган. Если целиком мероприятия перегрузку не снимают, "
    "предлагается передать их части за месяцы перегрузки: длинные мероприятия делятся по границам периода."
)
OVERLOADED = "Перегруженный исполнитель"
OVERLOADED_OPTION = "{name} — пик {percent}"
NO_OVERLOADED = "Перегруженных исполнителей на выбранной территории нет ни в плане, ни в сценарии."
NO_TAKERS = "Рядом с этим исполнителем нет органов со свободной мощностью в месяцы перегрузки."
TAKE = "Передать {what}: {name}"
TAKE_NOTHING = "Свободной мощности не хватает ни на одно мероприятие, даже на его часть за месяцы перегрузки."
HANDOVER_WHOLE = "{count} целиком"
HANDOVER_PART = "{count} в части за {start} – {end}"


def handover_label(count: int, start: date | None, end: date | None) -> str:
    """Return what a suggested hand-over takes: whole activities, or their parts over some months.

    >>> handover_label(6, None, None)
    '6 мероприятий целиком'
    >>> handover_label(3, date(2020, 11, 1), date(2021, 3, 31))
    '3 мероприятия в части за ноя 2020 – мар 2021'
    """
    what = activities_count(count)
    if start is None or end is None:
        return HANDOVER_WHOLE.format(count=what)
    return HANDOVER_PART.format(count=what, start=month_label(start), end=month_label(end))


SAVE = "Сохранить сценарий"
SCENARIO_NAME = "Название сценария"
SCENARIO_AUTHOR = "Кто сохраняет"
SCENARIO_REASON = "Причина или пояснение"
REASON_NEEDED = (
    "Сценарий перегружает исполнителя (нагрузка больше мощности). Укажите причину: "
    "она сохранится вместе со сценарием и попадёт в протокол."
)
REASON_GIVEN = (
    "Сценарий перегружает исполнителя (нагрузка больше мощности). Причина указана: она сохранится вместе "
    "со сценарием и попадёт в протокол."
)
REASON_SAVED = (
    "Сценарий перегружает исполнителя (нагрузка больше мощности). Причина сохранена вместе со сценарием "
    "и попадёт в протокол: «{reason}»."
)
REASON_MISSING = "Не сохранено: сценарий перегружает исполнителя, а причина не указана."
NAME_MISSING = "Не сохранено: укажите название сценария."
AUTHOR_MISSING = "Не сохранено: укажите, кто сохраняет (поле «Кто сохраняет»)."
NOTHING_TO_SAVE = "Не сохранено: в сценарии нет операций."
SAVE_BUTTON = "Сохранить"
SAVE_AS_NEW = "Сохранить как новый"
SAVED = "Сценарий «{name}» сохранён. Ссылка на него — адрес этой страницы."
CONFLICT = (
    "Сценарий «{name}» сохранил(а) {author} в {changed}, пока вы его правили (теперь версия {version}). "
    "Ничего не записано и ничего не потеряно: ваши операции остались на экране, версия коллеги — в базе. "
    "Сохраните свои операции как новый сценарий или откройте версию коллеги."
)
CONFLICT_DELETED = (
    "Сценарий «{name}» удалили, пока вы его правили. Ваши операции остались на экране: "
    "сохраните их как новый сценарий."
)
OPEN_THEIRS = "Открыть версию коллеги"
SCENARIO_LINK = "Ссылка на сценарий: {link}"

MINUTES = "Для протокола"
MINUTES_HELP = (
    "Таблица Excel и страница для печати: операции, сравнение с планом, номер документа и время выгрузки."
)
MINUTES_XLSX = "Протокол в Excel"
MINUTES_HTML = "Протокол для печати (HTML)"
MINUTES_NAME = "Протокол_сценария"

SAVED_SCENARIOS = "Сохранённые сценарии"
NO_SAVED = "Сохранённых сценариев пока нет."
PICK_SAVED = "Сценарий"
SAVED_OPTION = "{name} — {changed}, {author}"
OPEN = "Открыть"
COPY = "Копировать"
DELETE = "Удалить"
RENAME_TO = "Новое название"
RENAME = "Переименовать"
NEW_NAME_NEEDED = "Введите новое название сценария и нажмите «Переименовать»."
COPY_AUTHOR_MISSING = (
    "Не скопировано: копию сохраняете вы — укажите, кто сохраняет (поле «Кто сохраняет» выше), "
    "и нажмите «Копировать» ещё раз."
)
COPY_NAME = "{name} (копия)"
COPIED = "Копия сохранена: «{name}»."
RENAMED = "Сценарий переименован: «{name}»."
DELETED = "Сценарий «{name}» удалён."
CHANGED_MEANWHILE = "Сценарий «{name}» успели изменить или удалить: список обновлён, ничего не записано."
UNNAMED = "Без названия"
SAVED_CHANGES = {"copy": COPIED, "rename": RENAMED, "delete": DELETED}
SCENARIO_READONLY = (
    "Это рабочее место открыто только для чтения: сценарии здесь не сохраняются, не переименовываются, "
    "не копируются и не удаляются. Операции можно пробовать, сравнивать и выгружать в протокол."
)
MINUTES_AGAINST = "сохранённый сценарий «{name}» (версия {version}, изменён {changed})"

# --- exports --------------------------------------------------------------------------------------------

DOWNLOAD_XLSX = "Таблица в Excel"
DOWNLOAD_PNG = "График в PNG"
DOWNLOAD_CHART_XLSX = "Данные графика в Excel"
EXPORT_NAMES = {
    **{f"overview_{name}": "Обзор_" + title.lower().replace(" ", "_") for name, title in LIST_TITLES.items()},
    "overview_bars": "Обзор_ход_выполнения_по_территориям",
    "ranking": "Нагрузка",
    "executor": "Нагрузка_исполнителя",
    "issuers": "Кто_нагружает",
    "heatmap": "Сроки",
    "areas": "Сроки_территорий",
    "cell": "Мероприятия_клетки",
    "area_cell": "Окна_клетки_территории",
    "chain": "Цепочка",
    "broken": "Разрывы_цепочек",
    "chain_broken": "Разрывы_цепочки",
    "broken_regions": "Разрывы_цепочек_по_регионам",
    "school": "Карточка_школы",
    "history": "История_загрузок",
    "report": "Отчёт_о_загрузке",
    "unknown": "Нерасшифрованные_сокращения",
    "mappings": "Расшифровки_сокращений",
    "scenario_load": "Сценарий_нагрузка",
    "scenario_overload": "Сценарий_перегрузка",
    "scenario_deadlines": "Сценарий_сроки",
    "scenario_chains": "Сценарий_цепочки",
    "scenario_schools": "Сценарий_школы",
    "scenario_undated": "Сценарий_без_срока",
    "scenario_takers": "Сценарий_кто_возьмёт",
    "scenarios": "Сценарии",
    "minutes": "Протокол_сценария",
}


def export_name(what: str, day: date, suffix: str) -> str:
    """Return the file name of an export: what it is, the date it is for, the extension."""
    return f"{EXPORT_NAMES.get(what, what)}_{day.isoformat()}.{suffix}"


def chart_data_name(what: str, day: date) -> str:
    """Return the file name of a chart's data in Excel: apart from the tables of the same page.

    >>> chart_data_name("overview_bars", date(2026, 11, 22))
    'Обзор_ход_выполнения_по_территориям_данные_графика_2026-11-22.xlsx'
    """
    return export_name(f"{EXPORT_NAMES.get(what, what)}_данные_графика", day, "xlsx")


CHART_TITLES = {
    "overview_bars": PROGRESS_BY_TERRITORY,
    "ranking": RANKING,
    "executor": "Нагрузка по месяцам: {subject}",
    "heatmap": "Исполнители × месяцы: {subject}",
    "areas": HEATMAP_TERRITORIES,
    "school": "Обязательства школы по месяцам (цвет — кто поставил)",
    "chain": CHAIN_TITLE + ": {subject}",
    "scenario_load": "Нагрузка по месяцам: {subject} и этот сценарий",
}
"""What each chart shows, as the title of its image says it; `{subject}` is whom or what it is about."""
CHART_IMAGE_TITLE = "{what} — {place}, на {day:%d.%m.%Y}"
CHART_SUBJECT_LENGTH = 90
"""How many characters of a chart's subject (an activity's text) its image's title holds."""
SCENARIO_AGAINST_PLAN = "план"


def chart_title(what: str, subject: str, place: str, day: date) -> str:
    """Return the title of a chart's image: what it shows (about whom), where, and as of when.

    >>> chart_title("executor", "ИМЦ", "Полысаевский городской округ", date(2021, 3, 1))
    'Нагрузка по месяцам: ИМЦ — Полысаевский городской округ, на 01.03.2021'
    >>> chart_title("heatmap", "", ALL_REGIONS, date(2021, 3, 1))
    'Исполнители × месяцы — Все регионы, на 01.03.2021'
    """
    template = CHART_TITLES.get(what, EXPORT_NAMES.get(what, what).replace("_", " "))
    if subject:
        shown = textwrap.shorten(subject, CHART_SUBJECT_LENGTH, placeholder=" …")
        template = template.replace("{subject}", shown)
    else:
        template = template.split(": {subject}")[0].replace("{subject}", "").strip()
    return CHART_IMAGE_TITLE.format(what=template, place=place, day=day)


def sheet_name(what: str) -> str:
    """Return the name of the sheet an export's table is on: what it is, in words.

    >>> sheet_name("overview_overdue"), sheet_name("ranking")
    ('Обзор просроченные окна', 'Нагрузка')
    """
    return EXPORT_NAMES.get(what, what).replace("_", " ")


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


ACTIVITY_FORMS = ("мероприятие", "мероприятия", "мероприятий")
ACTIVITY_GENITIVE_FORMS = ("мероприятия", "мероприятий", "мероприятий")
"""«у 1 мероприятия», «у 3 мероприятий», «у 5 мероприятий»."""
EXECUTOR_FORMS = ("исполнитель", "исполнителя", "исполнителей")
BREAK_FORMS = ("разрыв", "разрыва", "разрывов")


def counted(x: float, forms: tuple[str, str, str]) -> str:
    """Return a number with its noun in the form the number takes (`forms`: for 1, 2 and 5); a fraction
    takes the form for 2, as Russian says «2,5 мероприятия».

    >>> [counted(x, ACTIVITY_FORMS) for x in (1, 4, 5.0, 2.5, 21)]
    ['1 мероприятие', '4 мероприятия', '5 мероприятий', '2,5 мероприятия', '21 мероприятие']
    >>> counted(1200, ACTIVITY_FORMS)
    '1\xa0200 мероприятий'
    """
    if float(x).is_integer():
        return f"{thousands(int(x))} {plural(int(x), *forms)}"
    return f"{decimal(x)} {forms[1]}"


def activities_count(n: int) -> str:
    """Return a number of activities as said in Russian.

    >>> [activities_count(n) for n in (1, 3, 6, 11, 21)]
    ['1 мероприятие', '3 мероприятия', '6 мероприятий', '11 мероприятий', '21 мероприятие']
    """
    return counted(n, ACTIVITY_FORMS)


def decimal(x: float) -> str:
    """Return a number as Russian text writes it: a decimal comma, thousands apart, no «,0» when whole.

    >>> decimal(15.0), decimal(2.5), decimal(1200)
    ('15', '2,5', '1\u00a0200')
    """
    whole, _, fraction = f"{x:,.2f}".rstrip("0").rstrip(".").partition(".")
    return whole.replace(",", "\u00a0") + ("," + fraction if fraction else "")


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
    "undated": "без срока",
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
DEADLINE_KINDS = DEADLINE_KIND_NAMES
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
FAN_OUT_FORMS = {
    "schools": ("школа", "школы", "школ"),
    "municipal_authorities": ("орган управления", "органа управления", "органов управления"),
    "district_authorities": ("районный отдел", "районных отдела", "районных отделов"),
}
"""How many bodies a fan-out of a chain («ОО», «МОУО», «РОО») stands for: «все ШНОР территории …: 15 школ»."""
FAN_OUT_NOBODY = "никого в списке"
BROKEN_CODES = {
    "no-executor": "исполнитель не распознан",
    "empty-fan-out": "исполнитель никого не охватывает",
    "no-coordinator": "нет координатора",
    "no-controller": "нет контролирующего",
    "no-issuer": "не указан издатель",
}
SEVERITIES = SEVERITY_NAMES
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
    "broken_activities": "Мероприятий с разрывом",
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
    "mentions": "Упоминаний",
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
    "change_name": "Что меняется",
    "percent_before": "К мощности: план",
    "percent_after": "К мощности: сценарий",
    "active_before": "Идут в месяце: план",
    "active_after": "Идут в месяце: сценарий",
    "active_delta": "Изменение",
    "due_before": "Срок в месяце: план",
    "due_after": "Срок в месяце: сценарий",
    "capacity_before": "Мощность: план",
    "capacity_after": "Мощность: сценарий",
    "start_before": "Было с",
    "end_before": "Было по",
    "start_after": "Стало с",
    "end_after": "Стало по",
    "windows_before": "Окон: план",
    "windows_after": "Окон: сценарий",
    "in_past_name": "Новый срок уже прошёл",
    "executors_before": "Исполнители: план",
    "executors_after": "Исполнители: сценарий",
    "coordinators_before": "Координаторы: план",
    "coordinators_after": "Координаторы: сценарий",
    "superiors_before": "Вышестоящие: план",
    "superiors_after": "Вышестоящие: сценарий",
    "broken_name": "Цепочка",
    "activities_before": "Мероприятий: план",
    "activities_after": "Мероприятий: сценарий",
    "undated_before": "Без срока: план",
    "undated_after": "Без срока: сценарий",
    "relation_name": "Как связан",
    "distance": "Шагов по графу",
    "spare": "Свободно в худший месяц",
    "handover": "Что передать",
    "scenario_name": "Сценарий",
    "reason": "Причина",
    "created_at": "Создан",
    "operations": "Операций",
    "version": "Версия",
    "saved_by": "Кто сохранил",
}


STATUS_ON = "Статус на {day:%d.%m.%Y}"


def columns_on(day: date) -> dict[str, str]:
    """Return the headers of tables shown and exported for the date `day`: the status says its date, so a
    table copied into the minutes or an xlsx renamed still says when its statuses held.

    >>> columns_on(date(2021, 3, 1))["status"]
    'Статус на 01.03.2021'
    """
    return {**COLUMNS, "status": STATUS_ON.format(day=day)}


def columns_vs(name: str) -> dict[str, str]:
    """Return the headers of the comparison's columns when it is made against the saved scenario `name`.

    >>> columns_vs("Весна")["percent_before"], columns_vs("Весна")["percent_after"]
    ('К мощности: «Весна»', 'К мощности: этот сценарий')
    """
    sides = {": план": f": «{name}»", ": сценарий": ": этот сценарий"}
    out = {}
    for column, header in COLUMNS.items():
        for plan, other in sides.items():
            if column.endswith(("_before", "_after")) and header.endswith(plan):
                out[column] = header.removesuffix(plan) + other
    return out


# --- Streamlit's own words ------------------------------------------------------------------------------
# Streamlit writes its buttons, tooltips, screen-reader labels and the file uploader in English; the page
# rewrites them as they appear (`dashboard/streamlit_words.py`). Exact phrases first, then patterns, whose
# replacements may use the pattern's groups ($1).

STREAMLIT_PHRASES = {
    "App pages": "Страницы",
    "Main menu": "Меню",
    "Print": "Печать",
    "Record screen": "Запись экрана",
    "Copy version to clipboard": "Скопировать номер версии",
    "Skip to main content": "Перейти к содержимому",
    "Help": "Подсказка",
    "Link to heading": "Ссылка на этот раздел",
    "Open": "Открыть список",
    "Choose an option": "Выберите значение",
    "Choose or add an option": "Выберите или впишите значение",
    "No results": "Ничего не найдено",
    "Clear value": "Очистить",
    "Clear all": "Очистить всё",
    "Select all": "Выбрать все",
    "Multiselect options": "Варианты выбора",
    "Selected values": "Выбранные значения",
    "Choose date": "Выбрать дату",
    "Clear date": "Очистить дату",
    "Previous month": "Предыдущий месяц",
    "Next month": "Следующий месяц",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": (
        "Стрелки — выбор дня, Enter — выбрать, Escape — закрыть."
    ),
    "dd": "дд",
    "mm": "мм",
    "yyyy": "гггг",
    "Show data": "Показать данные",
    "Show chart": "Показать график",
    "Copied!": "Скопировано",
    "Download as PNG": "Скачать PNG",
    "Copy Vega-Lite spec": "Копировать описание графика (Vega-Lite)",
    "Vega visualization": "График",
    "Fullscreen": "Во весь экран",
    "Close fullscreen": "Свернуть",
    "Show/hide columns": "Показать или скрыть столбцы",
    "Download as CSV": "Скачать CSV",
    "Search": "Поиск",
    "Copy to clipboard": "Копировать",
    "Running...": "Идёт расчёт…",
    "Stop": "Остановить",
    "Stopping...": "Останавливаю…",
    "Please wait...": "Подождите…",
    "Connecting": "Подключение",
    "Connecting to Streamlit server": "Подключение к серверу",
    "Unable to connect to Streamlit server": "Нет связи с сервером",
    "Connection error": "Ошибка связи",
    "Connection timed out.": "Сервер не ответил вовремя.",
    "Connection lost. Please wait for the app to reconnect, then try again.": (
        "Связь с сервером прервалась. Подождите, пока она восстановится, и повторите действие."
    ),
    "Error": "Ошибка",
    "Upload": UPLOAD_BUTTON,
    "Drag and drop files here": "Отпустите файлы, чтобы загрузить их",
    "Drag and drop a file here": "Отпустите файл, чтобы загрузить его",
    "Add files": "Добавить файлы",
    "add icon": "Добавить",
    "file upload": "Выбор файлов для загрузки",
    "Click to retry upload": "Нажмите, чтобы загрузить ещё раз",
    "Error: ": "Ошибка: ",
    "Upload failed": "Файл не загрузился",
    "Unexpected error. Please try again.": "Непредвиденная ошибка. Попробуйте ещё раз.",
    "Page not found": "Страница не найдена",
    "Close": "Закрыть",
    "The page that you have requested does not seem to exist. Running the app's main page.": (
        f"Такой страницы нет, открыт «{PAGE_TITLES['obzor']}»."
    ),
}
STREAMLIT_PATTERNS = (
    (r"^Help for (.+)$", "Подсказка: $1"),
    (r"^day, (.+)$", "день, $1"),
    (r"^month, (.+)$", "месяц, $1"),
    (r"^year, (.+)$", "год, $1"),
    (r"^Choose date, (.+)$", "Выбор даты, $1"),
    (r"^Remove (.+)$", "Убрать $1"),
    (r"^Select (\d+) matches$", "Выбрать все найденные ($1)"),
    (r"^Add: (.+)$", "Добавить: $1"),
    (r"^Cancel upload of (.+)$", "Отменить загрузку $1"),
)
SELECTED_DATE = "Выбрана дата: {day} {month} {year} г."
CHART_AXIS = "Ось «{title}»"
CHART_LEGEND = "Легенда «{title}»"
MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
SIZE_UNITS = {"B": "Б", "KB": "КБ", "MB": "МБ", "GB": "ГБ"}
