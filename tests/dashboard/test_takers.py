"""«Кто мог бы взять работу» on a town whose methodical centre is overloaded by long activities alone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from dashboard_support import AppFactory, frame_of
from polysaevo_store import IMC, PLACE, REGION, TOWN, UO, import_polysaevo

from dashboard import texts

ROADMAP = [
    ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
    ["1.", "Сопровождение школ ШНОР", "Сентябрь 2020 года – май 2021 года", "ИМЦ"],
    ["2.", "Курсы повышения квалификации", "Октябрь 2020 года – март 2021 года", "ИМЦ"],
    ["3.", "Наставничество молодых учителей", "Ноябрь 2020 года – апрель 2021 года", "ИМЦ"],
    *([f"{n}.", f"Совещание № {n - 3}", "Октябрь 2020 года", "УО"] for n in range(4, 7)),
    *([f"{n}.", f"Отчёт № {n - 6}", "Апрель 2021 года", "УО"] for n in range(7, 10)),
]
"""ИМЦ (2 a month) runs three long activities that meet from November to March (3 of 2); УО (3 a month)
is full in October and April, when each of them runs too, and free from November to March."""


@pytest.fixture(scope="module")
def long_work_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long-work")
    roadmap = folder / "polysaevo_162.xlsx"
    book = openpyxl.Workbook()
    for row in ROADMAP:
        book.active.append(row)
    book.save(roadmap)
    reference = {
        "Территории": [["КУЗ", REGION, "регион", ""], ["ПОЛ", TOWN, "муниципалитет", "КУЗ"]],
        "Организации": [
            ["ПОЛ-УО", "Управление образования Полысаевского городского округа", "УО",
             "муниципальный орган", "ПОЛ", "", "3"],
            ["ПОЛ-ИМЦ", "МБОУ ДПО «Информационно-методический центр»", "ИМЦ", "методический центр", "ПОЛ",
             "ПОЛ-УО", "2"],
        ],
    }  # fmt: skip
    return import_polysaevo(folder, reference, roadmap, now=datetime(2021, 1, 15, tzinfo=UTC))


def test_a_centre_overloaded_by_long_activities_hands_over_their_part_in_the_overloaded_months(
    open_app: AppFactory, long_work_db: Path
) -> None:
    at = open_app("stsenarii", db=long_work_db, ter=f"ter:{PLACE}")
    assert not at.exception
    assert at.selectbox(key="scenario.overloaded").value == IMC
    takers = frame_of(at, "scenario.takers")
    # None of the three fits УО whole (each also runs in October or April, when УО is full); the part
    # of one from November to March does, and relieves every month.
    assert takers[texts.COLUMNS["handover"]].tolist() == ["1 мероприятие в части за ноя 2020 – мар 2021"]
    button = at.button(key=f"scenario.take.{UO}")
    assert button.label == "Передать 1 мероприятие в части за ноя 2020 – мар 2021: УО"
    button.click().run()
    assert not at.exception
    operations = [line for md in at.markdown for line in md.value.splitlines() if line[:1].isdigit()]
    assert operations == [
        "1. Передать мероприятие «1. Сопровождение школ ШНОР» от «ИМЦ» к «УО» в части, приходящейся на "
        "период 01.11.2020 – 31.03.2021"
    ]
    figures = {m.label: m.value for m in at.metric}
    assert (figures[texts.SUMMARY["relieved"]], figures[texts.SUMMARY["overloaded"]]) == ("1", "0")
