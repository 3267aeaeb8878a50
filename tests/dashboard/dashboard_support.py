"""What the dashboard tests share: paths and ids of the sample, helpers to read an AppTest page, and a
small hand-built town whose numbers are known by heart."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from loaders.store import StoredInputs
from model.deadlines import Deadline, DeadlineKind
from model.entities import (
    Activity,
    Authority,
    AuthorityLevel,
    Entity,
    Institute,
    InstituteKind,
    Person,
    Roadmap,
    RoadmapLevel,
    School,
    SchoolStatus,
    Territory,
    TerritoryLevel,
)
from model.progress import PROGRESS_SCHEMA
from model.relations import EdgeKind, FanOut, Link

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
SAMPLE = ROOT / "sample_data"
AS_OF = "2021-03-01"
TIMEOUT = 60

KUZBASS = "ter:kemerovskaia-oblast-kuzbass"
POLYSAEVO = f"{KUZBASS}/polysaevskii-gorodskoi-okrug"
NOVOKUZNETSK = f"{KUZBASS}/novokuznetskii-gorodskoi-okrug"
SCHOOL_35 = "school:kemerovskaia-oblast-kuzbass/polysaevskii-gorodskoi-okrug/mbou-shkola-35"
IMC_POLYSAEVO = "inst:kemerovskaia-oblast-kuzbass/polysaevskii-gorodskoi-okrug/imts"


AppFactory = Callable[..., AppTest]
"""`open_app(page="obzor", db=None, **query_params)`: the dashboard run on a page (see conftest)."""


def _in_order(block: Any) -> list[Any]:
    out = []
    for child in getattr(block, "children", {}).values():
        out.append(child)
        out.extend(_in_order(child))
    return out


def _before(at: AppTest, button: str, kind: str) -> Any:
    """Return the last element of a kind drawn before a keyed download button (a table, a chart)."""
    elements = _in_order(at.main)
    for i, el in enumerate(elements):
        if getattr(el, "type", "") == "download_button" and el.key == button:
            found = [e for e in elements[:i] if getattr(e, "type", "") == kind]
            assert found, f"no {kind} before {button}"
            return found[-1]
    raise AssertionError(f"no {button} on the page")


def chart_keys(at: AppTest) -> list[str]:
    """Return the keys of the charts on the page (each chart has a PNG button keyed «<key>.png»)."""
    return [el.key.removesuffix(".png") for el in at.get("download_button") if el.key.endswith(".png")]


def chart_spec(at: AppTest, key: str) -> dict[str, Any]:
    """Return the Vega-Lite spec of the chart drawn by `widgets.chart(key=...)`."""
    return json.loads(_before(at, f"{key}.png", "vega_lite_chart").proto.spec)  # type: ignore[no-any-return]


def chart_rows(at: AppTest, key: str) -> list[dict[str, Any]]:
    """Return every row of data a chart was sent with (Streamlit sends frames as Arrow)."""
    rows: list[dict[str, Any]] = []
    for dataset in _before(at, f"{key}.png", "vega_lite_chart").proto.datasets:
        rows.extend(pa.ipc.open_stream(dataset.data.data).read_all().to_pylist())
    return rows


def frame_of(at: AppTest, key: str) -> Any:
    """Return, as pandas, the table drawn by `widgets.table(key=...)`."""
    return _before(at, f"{key}.xlsx", "dataframe").value


def column_formats(at: AppTest, key: str) -> dict[str, str]:
    """Return the display format of each formatted column of the table drawn by `widgets.table(key=...)`, by
    header («%d %%» for a load against capacity, «DD.MM.YYYY» for a date)."""
    columns = json.loads(_before(at, f"{key}.xlsx", "dataframe").proto.columns)
    return {h: c["type_config"]["format"] for h, c in columns.items() if "format" in c.get("type_config", {})}


# --- a small hand-built region ---------------------------------------------------------------------------

REGION = "ter:r"
TOWN = "ter:r/town"
SCHOOL = "school:r/town/s1"
IMC = "inst:r/town/imc"
UO = "auth:r/town/uo"
HEAD = "person:r/town/head"
ROADMAP = "rm:r/town/1"


def _deadline(raw: str, *windows: tuple[date, date]) -> Deadline:
    if not windows:
        return Deadline(DeadlineKind.BY_SCHEDULE, None, None, (), raw)
    kind = DeadlineKind.MONTH if len(windows) == 1 else DeadlineKind.SEVERAL
    return Deadline(kind, windows[0][0], windows[-1][1], tuple(windows), raw)


OCTOBER = (date(2020, 10, 1), date(2020, 10, 31))
NOVEMBER = (date(2020, 11, 1), date(2020, 11, 30))


def small_inputs() -> StoredInputs:
    """Return a town with one ШНОР, a methodical centre of capacity 2 and a roadmap of four activities.

    The centre carries three activities in October 2020 (150 % of its capacity) and one in November;
    the fourth activity falls on every ШНОР of the town and has no date; the first is reported done.
    """
    entities: list[Entity] = [
        Territory(REGION, "Область", TerritoryLevel.REGION),
        Territory(TOWN, "Город", TerritoryLevel.MUNICIPALITY, parent=REGION),
        School(SCHOOL, "Школа № 1", TOWN, (SchoolStatus(2020),)),
        Institute(
            IMC, "Методический центр", InstituteKind.METHODICAL_CENTRE, TOWN, short="ИМЦ", capacity=2.0
        ),
        Authority(UO, "Управление образования", AuthorityLevel.MUNICIPAL, TOWN, short="УО"),
        Person(HEAD, "Иванова И.И.", organisation=SCHOOL),
        Roadmap(
            ROADMAP,
            "Дорожная карта",
            UO,
            TOWN,
            RoadmapLevel.MUNICIPALITY,
            number="1",
            date=date(2020, 9, 1),
            plan_start=date(2020, 9, 1),
            plan_end=date(2021, 8, 31),
        ),
        Activity(f"{ROADMAP}#2", ROADMAP, "1.", "Семинар", _deadline("октябрь 2020", OCTOBER)),
        Activity(
            f"{ROADMAP}#3", ROADMAP, "2.", "Анкетирование", _deadline("октябрь, ноябрь", OCTOBER, NOVEMBER)
        ),
        Activity(f"{ROADMAP}#4", ROADMAP, "3.", "Совещание", _deadline("октябрь 2020", OCTOBER)),
        Activity(f"{ROADMAP}#5", ROADMAP, "4.", "Анализ результатов", _deadline("по итогам ВПР")),
    ]
    links = [
        Link(TOWN, EdgeKind.LOCATED_IN, REGION),
        Link(SCHOOL, EdgeKind.LOCATED_IN, TOWN),
        Link(IMC, EdgeKind.LOCATED_IN, TOWN),
        Link(UO, EdgeKind.LOCATED_IN, TOWN),
        Link(HEAD, EdgeKind.HEADS, SCHOOL),
        Link(ROADMAP, EdgeKind.ISSUED_BY, UO),
        *[Link(f"{ROADMAP}#{row}", EdgeKind.PART_OF, ROADMAP) for row in (2, 3, 4, 5)],
        *[
            Link(IMC, EdgeKind.RESPONSIBLE_FOR, f"{ROADMAP}#{row}", {"lead": True, "ref": "ИМЦ"})
            for row in (2, 3, 4)
        ],
        Link(UO, EdgeKind.RESPONSIBLE_FOR, f"{ROADMAP}#4", {"lead": False, "ref": "УО"}),
        Link(
            TOWN,
            EdgeKind.RESPONSIBLE_FOR,
            f"{ROADMAP}#5",
            {"lead": True, "ref": "ОО", "fan_out": FanOut.SCHOOLS},
        ),
    ]
    progress = pl.DataFrame(
        [(f"{ROADMAP}#2", None, "выполнено", date(2020, 10, 20))], schema=PROGRESS_SCHEMA, orient="row"
    )
    return StoredInputs(entities, links, progress, {}, "test-1")
