"""A realistic what-if scenario of many operations, drawn from a snapshot with a seeded generator."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import polars as pl

from model.deadline_calendar import month_end
from model.scenario import (
    AddActivity,
    DropActivity,
    ListSchool,
    MoveUnder,
    Operation,
    Reassign,
    SetCapacity,
    ShiftDeadline,
    UnlistSchool,
)

MIX = (
    ("reassign", 35),
    ("handover", 5),
    ("shift", 25),
    ("capacity", 10),
    ("list", 5),
    ("unlist", 5),
    ("drop", 5),
    ("add", 5),
    ("move", 5),
)
"""How a 100-operation scenario is made: mostly handing activities over (some by handing over a month of an
executor's work, long activities cut at its bounds) and moving deadlines."""


def operations_of(snap: Any, rng: random.Random, count: int = 100) -> list[Operation]:
    """Return `count` operations in the proportions of `MIX`, on real nodes of the snapshot."""
    carried = snap.assignments.filter(
        pl.col("via").is_null() & pl.col("executor_kind").is_in(["authority", "institute"])
    )
    pairs = carried.select("activity", "executor").unique(maintain_order=True).rows()
    months = (
        carried.filter(pl.col("start").is_not_null())
        .select("executor", pl.col("start").dt.truncate("1mo"))
        .unique(maintain_order=True)
        .rows()
    )
    where = dict(snap.executors.select("executor", "region").rows())
    kind = dict(snap.executors.select("executor", "kind").rows())
    peers: dict[tuple[str | None, str], list[str]] = {}
    for executor, region in where.items():
        peers.setdefault((region, kind[executor]), []).append(executor)
    dated = snap.activities.filter(pl.col("deadline_end").is_not_null())["activity"].to_list()
    activities = snap.activities["activity"].to_list()
    roadmaps = (
        snap.activities.filter(pl.col("roadmap_level") == "municipality")
        .select("roadmap", "issuer")
        .unique(maintain_order=True)
    )
    statuses = snap.schools.select("school", "statuses").rows()
    latest = _latest_year(snap)
    listed = [s for s, text in statuses if text]
    people = snap.executors.filter(pl.col("kind") == "person")["executor"].to_list()
    total = sum(w for _, w in MIX)
    out: list[Operation] = []
    for name, weight in MIX:
        for _ in range(round(count * weight / total)):
            op = _draw(
                name,
                rng,
                pairs,
                months,
                peers,
                where,
                kind,
                dated,
                activities,
                roadmaps,
                listed,
                people,
                latest,
            )
            if op is not None:
                out.append(op)
    rng.shuffle(out)
    return out[:count]


def _latest_year(snap: Any) -> int:
    latest: date | None = snap.assignments.select(pl.col("start").max()).item()
    if latest is None:
        return date.today().year
    return latest.year if latest.month >= 9 else latest.year - 1


def _draw(
    name: str,
    rng: random.Random,
    pairs: list[tuple[str, str]],
    months: list[tuple[str, date]],
    peers: dict[tuple[str | None, str], list[str]],
    where: dict[str, str | None],
    kind: dict[str, str],
    dated: list[str],
    activities: list[str],
    roadmaps: pl.DataFrame,
    listed: list[str],
    people: list[str],
    year: int,
) -> Operation | None:
    if name == "reassign" and pairs:
        activity, executor = rng.choice(pairs)
        others = _peers_of(executor, peers, where, kind)
        return Reassign(executor, rng.choice(others), (activity,)) if others else None
    if name == "handover" and months:
        executor, first = rng.choice(months)
        others = _peers_of(executor, peers, where, kind)
        end = month_end(first.year, first.month)
        return Reassign(executor, rng.choice(others), start=first, end=end, split=True) if others else None
    if name == "shift" and dated:
        chosen = tuple(rng.sample(dated, min(len(dated), rng.randint(1, 5))))
        return ShiftDeadline(chosen, months=rng.choice((-2, -1, 1, 2)))
    if name == "capacity" and where:
        return SetCapacity(rng.choice(sorted(where)), float(rng.randint(4, 30)))
    if name in ("list", "unlist") and listed:
        school = rng.choice(listed)
        return ListSchool(school, year) if name == "list" else UnlistSchool(school, year)
    if name == "drop" and activities:
        return DropActivity(rng.choice(activities))
    if name == "add" and roadmaps.height:
        roadmap, issuer = roadmaps.row(rng.randrange(roadmaps.height))
        executors = (issuer,) if issuer else ()
        return AddActivity(
            roadmap, "Выездной семинар для управленческих команд ШНОР", "Март 2025 года", (), executors
        )
    if name == "move" and listed and people:
        return MoveUnder(rng.choice(listed), rng.choice(people))
    return None


def _peers_of(
    executor: str,
    peers: dict[tuple[str | None, str], list[str]],
    where: dict[str, str | None],
    kind: dict[str, str],
) -> list[str]:
    """Return the other executors of an executor's kind in its region."""
    return [e for e in peers.get((where.get(executor), kind.get(executor, "")), []) if e != executor]
