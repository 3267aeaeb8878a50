"""What several loader tests share: a report's zero deadline counts, and a store of Полысаево's plan.

The store holds Полысаево's order 162 and a reference workbook: the plan the scenario-file and minutes
tests change (the `store_path` fixture of conftest.py builds it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from polysaevo_store import IMC, PLACE, REGION, TOWN, UO, import_polysaevo

__all__ = ["IMC", "NO_DEADLINES", "RM", "RMO", "S35", "S44", "UO", "write_polysaevo_store"]

NO_DEADLINES = {
    "date": 0,
    "month": 0,
    "period": 0,
    "several": 0,
    "continuous": 0,
    "recurring": 0,
    "by_schedule": 0,
    "event": 0,
    "unknown": 0,
}
"""The deadline counts of a roadmap table with no deadline of any kind."""

RM = f"rm:{PLACE}/162-2020-10-28"
RMO = f"inst:{PLACE}/rmo"
S35 = f"school:{PLACE}/mbou-shkola-35"
S44 = f"school:{PLACE}/mbou-shkola-44"

ROADMAP_ROWS = [
    ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
    ["1.", "Консультации для педагогов ШНОР", "Октябрь 2020 года", "ИМЦ"],
    ["2.", "Семинар для учителей математики", "Октябрь 2020 года", "ИМЦ, РМО"],
    ["3.", "Методический десант", "Октябрь 2020 года", "ИМЦ"],
    ["4.", "Диагностика профессиональных дефицитов", "Октябрь 2020 года", "ИМЦ"],
    ["5.", "Семинар для директоров", "Ноябрь 2020 года", "ИМЦ"],
    ["6.", "Анкетирование педагогов", "Октябрь-ноябрь 2020 года", "ОО"],
    ["7.", "Совещание с руководителями ОО", "По отдельному графику", "УО"],
]


def write_polysaevo_store(folder: Path, write_table: Any) -> Path:
    """Import a reference workbook and Полысаево's order 162 (xlsx) into a store; return its path.

    ИМЦ (capacity 3) carries four activities in October 2020 (133 %) and one in November; РМО
    (subordinate to ИМЦ) shares one of them; «ОО» reaches schools № 35 and № 44 (ШНОР 2020/21).
    """
    reference = {
        "Территории": [["КУЗ", REGION, "регион", ""], ["ПОЛ", TOWN, "муниципалитет", "КУЗ"]],
        "Организации": [
            [
                "ПОЛ-УО",
                "Управление образования Полысаевского городского округа",
                "УО",
                "муниципальный орган",
                "ПОЛ",
                "",
                "",
            ],
            [
                "ПОЛ-ИМЦ",
                "МБОУ ДПО «Информационно-методический центр»",
                "ИМЦ",
                "методический центр",
                "ПОЛ",
                "ПОЛ-УО",
                "3",
            ],
            [
                "ПОЛ-РМО",
                "Районное методическое объединение учителей математики",
                "РМО",
                "методическое объединение",
                "ПОЛ",
                "ПОЛ-ИМЦ",
                "",
            ],
        ],
        "Школы": [
            ["ПОЛ-Ш35", "МБОУ «Школа № 35»", "ПОЛ", "ПОЛ-УО", ""],
            ["ПОЛ-Ш44", "МБОУ «Школа № 44»", "ПОЛ", "ПОЛ-УО", ""],
        ],
        "Списки ШНОР": [["ПОЛ-Ш35", "2020/2021", "ШНОР"], ["ПОЛ-Ш44", "2020/2021", "ШНОР"]],
    }
    roadmap = write_table(folder / "polysaevo_162.xlsx", ROADMAP_ROWS)
    return import_polysaevo(folder, reference, roadmap)
