"""A small Полысаево plan for what-if tests: an overloaded ИМЦ, its superiors, schools and a roadmap."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from factories import GraphBuilder, month

from model.entities import AuthorityLevel, InstituteKind
from model.relations import EdgeKind, FanOut

YEAR_2020 = (date(2020, 9, 1), date(2021, 8, 31))


def polysaevo_world() -> SimpleNamespace:
    """Полысаево: УО over ИМЦ (capacity 4) over РМО (default 6), three schools, one roadmap.

    ИМЦ carries five consultations and a seminar in October 2020 (6 of 4: 150 %) and a seminar and a
    joint seminar with РМО in November (2). «ОО» diagnostics reach the ШНОР of the year: школа № 35
    (2020) and школа № 44 (2020, 2021); школа № 17 is not listed. УО has an undated meeting. ИМЦ
    coordinates schools № 35 and № 44. A working group stands in the town with nothing to do; another
    municipality has its own ИМЦ with room to spare.
    """
    b = GraphBuilder()
    w = SimpleNamespace(b=b)
    w.region = b.region("Кузбасс")
    w.town = b.municipality("Полысаево", w.region)
    w.other = b.municipality("Ленинск-Кузнецкий", w.region)
    w.ministry = b.authority("Министерство образования Кузбасса", w.region, AuthorityLevel.REGIONAL)
    w.uo = b.authority("Управление образования Полысаево", w.town)
    w.imc = b.institute("ИМЦ Полысаево", w.town, capacity=4)
    w.rmo = b.institute("РМО учителей математики", w.town, InstituteKind.TEACHER_ASSOCIATION)
    w.imc_other = b.institute("ИМЦ Ленинска-Кузнецкого", w.other, capacity=10)
    w.s35 = b.school("Школа № 35", w.town, statuses=[2020])
    w.s44 = b.school("Школа № 44", w.town, statuses=[2020, 2021])
    w.s17 = b.school("Школа № 17", w.town)
    w.group = b.group("Муниципальная рабочая группа", w.town)
    b.link(w.rmo, EdgeKind.SUBORDINATE_TO, w.imc)
    b.link(w.imc, EdgeKind.SUBORDINATE_TO, w.uo)
    b.link(w.uo, EdgeKind.SUBORDINATE_TO, w.ministry)
    b.link(w.imc, EdgeKind.COORDINATES, w.s35)
    b.link(w.imc, EdgeKind.COORDINATES, w.s44)
    w.rm = b.roadmap("Дорожная карта Полысаево", w.uo, w.town, YEAR_2020)
    w.consultations = tuple(
        b.activity(w.rm, [month(2020, 10)], [w.imc], text=f"Консультация {i}") for i in range(1, 6)
    )
    w.october_seminar = b.activity(w.rm, [month(2020, 10)], [w.imc], text="Семинар для учителей")
    w.november_seminar = b.activity(w.rm, [month(2020, 11)], [w.imc], text="Семинар для директоров")
    w.joint = b.activity(w.rm, [month(2020, 11)], [w.imc, w.rmo], text="Совместный семинар")
    w.diagnostics = b.activity(
        w.rm, [month(2020, 10), month(2021, 3)], fan_out=FanOut.SCHOOLS, text="Диагностика"
    )
    w.next_year = b.activity(w.rm, [month(2021, 10)], fan_out=FanOut.SCHOOLS, text="Диагностика 2021")
    w.meeting = b.activity(w.rm, None, [w.uo], text="Совещание по графику")
    w.G = b.build()
    return w
