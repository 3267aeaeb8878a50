"""Document facts: what an order says about itself, read from its text as the five real orders write it."""

from datetime import date

import pytest

from loaders.appointments import Appointment, contacts_of
from loaders.dates import parse_date
from loaders.document import DocumentOptions, OrderRef, level_of, parse_document_facts, with_options
from loaders.names import nominative_person
from loaders.places import municipality_of, region_of
from model.entities import RoadmapLevel

KUZBASS = """**МИНИСТЕРСТВО
ОБРАЗОВАНИЯ И НАУКИ КУЗБАССА**

**ПРИКАЗ**

От 23.10.2020г.

№ 1721

г. Кемерово

**Об утверждении Дорожной карты
по повышению качества образования
в общеобразовательных организациях Кемеровской области-Кузбасса,
имеющих низкие образовательные результаты обучающихся,
на 2020-2021 годы**

В соответствии с Положением о региональной системе оценки качества образования Кемеровской области-Кузбасса, \
утвержденным приказом Министерства образования и науки Кузбасса от 24.07.2020 г. № 1291, \
в целях повышения качества

**ПРИКАЗЫВАЮ:**

3. Возложить функционал координатора деятельности региональной рабочей группы по организации работы \
со школами с низкими образовательными результатами на ГУ «Областной центр мониторинга качества \
образования» (Шитова О.А.).

6. Контроль за исполнением приказа возложить на Л.В. Голубицкую, заместителя министра образования \
и науки Кузбасса.

Министр образования и науки Кузбасса

С.Ю. Балакирева"""

POLYSAEVO = """Управление образования
Полысаевского городского округа
П Р И К А З

от 28.10.2020 № 162

г. Полысаево

Об утверждении Дорожной карты
по повышению качества образования
на 2020-2021 годы

В соответствии с приказом Министерства образования и науки Кузбасса от 23.10.2020 № 1721 «Об утверждении \
Дорожной карты по повышению качества образования», в целях повышения качества образования

ПРИКАЗЫВАЮ:

2. Назначить Кукину В.В., директора МБОУ ДПО «ИМЦ» муниципальным координатором, ответственным за \
информационное, организационно-методическое и аналитическое сопровождение.

4. Контроль за исполнением приказа оставляю за собой.

Начальник УО

И.С. Гутник

План мероприятий по повышению качества образования на 2020-2021 учебный год"""

CHELYABINSK = """**МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ
ЧЕЛЯБИНСКОЙ ОБЛАСТИ**

**ПРИКАЗ**

23 ИЮН 2020

№ 017/1324

Челябинск

Об утверждении «дорожной карты» комплексного сопровождения общеобразовательных организаций

В рамках реализации государственной программы Челябинской области «Развитие образования в Челябинской области»

**ПРИКАЗЫВАЮ:**

1. Утвердить прилагаемую «дорожную карту».

Министр

А.И. Кузнецов"""

NOVOKUZNETSK = """НОВОКУЗНЕЦКИЙ ГОРОДСКОЙ ОКРУГ

АДМИНИСТРАЦИЯ  ГОРОДА  НОВОКУЗНЕЦКА

КОМИТЕТ  ОБРАЗОВАНИЯ   И  НАУКИ

П Р И К А З

от ___03.12.___ 2020                                                №__1324______

Об  утверждении Дорожной карты

на 2020-2021  годы

В целях повышения качества общего образования общеобразовательных организаций

ПРИКАЗЫВАЮ:

3. Назначить  координатором деятельности рабочей группы по организации работы с общеобразовательными \
организациями,  имеющими низкие образовательные результаты,  ректора МАОУ ДПО ИПК Позднякову Н.А..

6. Контроль за исполнением приказа возложить на Круль С.В., заместителя председателя  КОиН.

Председатель комитета                    Ю.А. Соловьева

приказ Министерства образования и науки Кузбасса от 23.10.2020 № 1721 «Об утверждении Дорожной карты по \
повышению качества образования"""

OLENEGORSK = """КОМИТЕТ ПО ОБРАЗОВАНИЮ

**П Р И К А З**

15.12.2020

№ 576

**Об утверждении Плана мероприятий («дорожная карта») на 2021-2023 годы**

В целях реализации Концепции, утвержденной приказом комитета по образованию Администрации города Оленегорска \
от 28.07.2020 № 319

**п р и к а з ы в а ю :**

5. Контроль за исполнением приказа оставляю за собой.

Заместитель председателя

**В.В.Решетова**"""


@pytest.mark.parametrize(
    ("text", "issuer", "number", "day"),
    [
        (KUZBASS, "Министерство образования и науки Кузбасса", "1721", date(2020, 10, 23)),
        (POLYSAEVO, "Управление образования Полысаевского городского округа", "162", date(2020, 10, 28)),
        (CHELYABINSK, "Министерство образования и науки Челябинской области", "017/1324", date(2020, 6, 23)),
        (
            NOVOKUZNETSK,
            "Комитет образования и науки администрации города Новокузнецка",
            "1324",
            date(2020, 12, 3),
        ),
        (OLENEGORSK, "Комитет по образованию Администрации города Оленегорска", "576", date(2020, 12, 15)),
    ],
)
def test_the_head_of_an_order_gives_its_issuer_number_and_date(
    text: str, issuer: str, number: str, day: date
) -> None:
    facts = parse_document_facts(text)
    assert (facts.issuer, facts.number, facts.date) == (issuer, number, day)


@pytest.mark.parametrize(
    ("text", "region", "municipality", "level"),
    [
        (KUZBASS, "Кемеровская область – Кузбасс", "", RoadmapLevel.REGION),
        (
            POLYSAEVO,
            "Кемеровская область – Кузбасс",
            "Полысаевский городской округ",
            RoadmapLevel.MUNICIPALITY,
        ),
        (CHELYABINSK, "Челябинская область", "", RoadmapLevel.REGION),
        (NOVOKUZNETSK, "Кемеровская область – Кузбасс", "город Новокузнецк", RoadmapLevel.MUNICIPALITY),
        (OLENEGORSK, "", "город Оленегорск", RoadmapLevel.MUNICIPALITY),
    ],
)
def test_the_issuer_and_the_text_place_the_order(
    text: str, region: str, municipality: str, level: RoadmapLevel
) -> None:
    facts = parse_document_facts(text)
    assert (facts.region, facts.municipality, facts.level) == (region, municipality, level)


@pytest.mark.parametrize(
    ("text", "controller", "signer"),
    [
        (KUZBASS, "Голубицкая Л.В.", "Балакирева С.Ю."),
        (POLYSAEVO, "Гутник И.С.", "Гутник И.С."),
        (CHELYABINSK, "", "Кузнецов А.И."),
        (NOVOKUZNETSK, "Круль С.В.", "Соловьева Ю.А."),
        (OLENEGORSK, "Решетова В.В.", "Решетова В.В."),
    ],
)
def test_control_is_laid_on_a_named_person_or_kept_by_the_signer(
    text: str, controller: str, signer: str
) -> None:
    facts = parse_document_facts(text)
    assert (facts.controller, facts.signer) == (controller, signer)


def test_an_academic_year_in_the_text_wins_over_calendar_years_for_the_plan_window() -> None:
    facts = parse_document_facts(POLYSAEVO)
    assert (facts.plan_start, facts.plan_end) == (date(2020, 9, 1), date(2021, 8, 31))


def test_a_plan_for_calendar_years_runs_from_january_to_december() -> None:
    facts = parse_document_facts(OLENEGORSK)
    assert (facts.plan_start, facts.plan_end) == (date(2021, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize(
    ("text", "based_on"),
    [
        (POLYSAEVO, OrderRef("Министерство образования и науки Кузбасса", "1721", date(2020, 10, 23))),
        (NOVOKUZNETSK, OrderRef("Министерство образования и науки Кузбасса", "1721", date(2020, 10, 23))),
        (KUZBASS, None),
        (OLENEGORSK, None),
    ],
)
def test_a_municipal_order_is_based_on_the_regional_roadmap_order(
    text: str, based_on: OrderRef | None
) -> None:
    assert parse_document_facts(text).based_on == based_on


def test_the_based_on_order_is_cited_as_people_cite_it() -> None:
    order = OrderRef("Министерство образования и науки Кузбасса", "1721", date(2020, 10, 23))
    assert order.describe() == "Министерство образования и науки Кузбасса, № 1721 от 23.10.2020"


@pytest.mark.parametrize(
    ("text", "coordinators"),
    [
        (
            KUZBASS,
            (
                Appointment(
                    "Шитова О.А.",
                    "ГУ «Областной центр мониторинга качества образования»",
                    "",
                    "региональный координатор",
                    True,
                ),
            ),
        ),
        (
            POLYSAEVO,
            (Appointment("Кукина В.В.", "МБОУ ДПО «ИМЦ»", "директор", "муниципальный координатор", False),),
        ),
        (NOVOKUZNETSK, (Appointment("Позднякова Н.А.", "МАОУ ДПО ИПК", "ректор", "координатор", True),)),
        (OLENEGORSK, ()),
    ],
)
def test_the_coordinator_sentences_name_a_person_and_their_body(
    text: str, coordinators: tuple[Appointment, ...]
) -> None:
    assert parse_document_facts(text).coordinators == coordinators


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("Л.В. Голубицкую", "Голубицкая Л.В."),
        ("Круль С.В.", "Круль С.В."),
        ("Кукину В.В.", "Кукина В.В."),
        ("Позднякову Н.А.", "Позднякова Н.А."),
        ("В.В.Решетова", "Решетова В.В."),
    ],
)
def test_a_name_in_the_accusative_comes_back_to_the_nominative(written: str, nominative: str) -> None:
    assert nominative_person(written) == nominative


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("От 23.10.2020г.", date(2020, 10, 23)),
        ("от 28.10.2020 № 162", date(2020, 10, 28)),
        ("23 ИЮН 2020", date(2020, 6, 23)),
        ("от ___03.12.___ 2020", date(2020, 12, 3)),
        ("15.12.2020", date(2020, 12, 15)),
        ("от 31.02.2020", None),
        ("без даты", None),
    ],
)
def test_dates_are_read_as_orders_write_them(text: str, day: date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Министерство образования и науки Челябинской области", "Челябинская область"),
        ("Министерство образования и науки Кузбасса", "Кемеровская область – Кузбасс"),
        ("Министерство образования Нижегородской области", "Нижегородская область"),
        ("Министерство образования Красноярского края", "Красноярский край"),
        ("Министерство образования и науки Республики Татарстан", "Республика Татарстан"),
        ("Комитет по образованию", ""),
    ],
)
def test_a_region_in_the_genitive_comes_back_to_its_name(text: str, region: str) -> None:
    assert region_of(text) == region


@pytest.mark.parametrize(
    ("issuer", "municipality", "level"),
    [
        (
            "Управление образования Полысаевского городского округа",
            "Полысаевский городской округ",
            "municipality",
        ),
        ("Комитет образования и науки администрации г. Новокузнецка", "город Новокузнецк", "municipality"),
        ("Управление образования Беловского муниципального района", "Беловский район", "municipality"),
        ("Министерство образования и науки Кузбасса", "", "region"),
        ("МБОУ «Школа № 35»", "", "school"),
    ],
)
def test_the_issuer_names_its_municipality_and_level(issuer: str, municipality: str, level: str) -> None:
    assert (municipality_of(issuer), str(level_of(issuer))) == (municipality, level)


def test_options_override_every_fact_the_text_gives() -> None:
    facts = parse_document_facts(CHELYABINSK)
    options = DocumentOptions(
        number="017/1324",
        plan_start=date(2020, 6, 23),
        plan_end=date(2023, 12, 31),
        based_on=OrderRef("", "1", date(2020, 1, 1)),
    )
    changed = with_options(facts, options)
    assert (changed.number, changed.plan_start, changed.plan_end, changed.based_on, changed.issuer) == (
        "017/1324",
        date(2020, 6, 23),
        date(2023, 12, 31),
        OrderRef("", "1", date(2020, 1, 1)),
        "Министерство образования и науки Челябинской области",
    )


def test_a_municipality_given_for_a_regional_looking_text_makes_it_municipal() -> None:
    facts = with_options(parse_document_facts(CHELYABINSK), DocumentOptions(municipality="город Челябинск"))
    assert (facts.municipality, facts.level) == ("город Челябинск", RoadmapLevel.MUNICIPALITY)


def test_a_text_without_an_order_gives_empty_facts_and_never_raises() -> None:
    facts = parse_document_facts("Просто текст без приказа\n\n№\nот")
    assert (facts.issuer, facts.number, facts.date, facts.controller, facts.level) == ("", "", None, "", None)


def test_the_report_mapping_of_the_facts_has_the_keys_of_the_spec() -> None:
    report = parse_document_facts(POLYSAEVO).as_report()
    assert {
        k: report[k]
        for k in (
            "issuer",
            "number",
            "date",
            "region",
            "municipality",
            "level",
            "plan_start",
            "plan_end",
            "based_on",
            "controller",
        )
    } == {
        "issuer": "Управление образования Полысаевского городского округа",
        "number": "162",
        "date": "2020-10-28",
        "region": "Кемеровская область – Кузбасс",
        "municipality": "Полысаевский городской округ",
        "level": "municipality",
        "plan_start": "2020-09-01",
        "plan_end": "2021-08-31",
        "based_on": "Министерство образования и науки Кузбасса, № 1721 от 23.10.2020",
        "controller": "Гутник И.С.",
    }


@pytest.mark.parametrize(
    ("text", "contacts"),
    [
        (
            "3. Ответственные: Управление образования (Иванова А.Б.); МБОУ «Школа, №1» (Петров В.Г.).",
            (("Управление образования", "Иванова А.Б."), ("«Школа, №1»", "Петров В.Г.")),
        ),
        ("«Центр (Сидоров Д.Е.)» и далее", (("Центр", "Сидоров Д.Е."),)),
        ("Без контактов, (не имя) и «кавычки", ()),
    ],
)
def test_contacts_are_the_bodies_written_before_a_name_in_parentheses(
    text: str, contacts: tuple[tuple[str, str], ...]
) -> None:
    assert contacts_of(text) == contacts


def test_a_long_sentence_without_punctuation_gives_the_last_twelve_words_before_the_name() -> None:
    # Thousands of words with no comma, colon or parenthesis: each is read once, not once per letter.
    sentence = "обеспечить проведение мероприятий " * 2_000 + "силами отдела общего образования"
    text = f"{sentence} (Кузнецова Ж.З.). {'слово ' * 3_000}"
    body = " ".join(sentence.split()[-12:])
    assert body.endswith("мероприятий силами отдела общего образования")
    assert contacts_of(text) == ((body, "Кузнецова Ж.З."),)
