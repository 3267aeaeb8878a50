"""Who carries what and when: assignments with fan-out, load per executor and month, capacity, overload.

The contract is `shared/specs/workload.md`. The graph is read once into plain frames
(`model.tables.graph_tables`); everything after that is polars, so a what-if scenario can edit the
frames and expand them again (`assignments_from_tables`) without rebuilding the graph.

Fan-out. A territory that carries an activity with `fan_out` stands for every body of a kind in it:
- `schools`: every school lying (at any depth) in the territory whose status is ШНОР in the academic
  year in which the occurrence window starts. Schools «в зоне риска» are not ШНОР and are left out
  unless `fan_out_statuses` says otherwise. An undated activity takes the academic year in which its
  roadmap's plan starts; when that is unknown too, every school listed as ШНОР in any year carries it.
- `municipal_authorities` / `district_authorities`: every authority of that level lying in the
  territory (at any depth), for every occurrence.
A body reached twice (named in the cell and reached by a fan-out, or by two fan-outs) carries the
activity once; it is the lead when any of the references was the lead.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Literal

import networkx as nx
import polars as pl

from model.deadline_calendar import month_end
from model.entities import EXECUTOR_KINDS, AuthorityLevel, NodeKind
from model.frames import cast_to, empty_frame
from model.relations import LISTED, FanOut
from model.tables import ACTIVITY_TABLE_SCHEMA, ENTITY_SCHEMA, Tables, subkind_of
from model.tables import graph_tables as graph_tables  # the dashboard and the benchmarks read it here
from model.territory import ancestors

ASSIGNMENT_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "roadmap": pl.String(),
    "issuer": pl.String(),
    "executor": pl.String(),
    "executor_kind": pl.String(),
    "lead": pl.Boolean(),
    "weight": pl.Float64(),
    "via": pl.String(),
    "occurrence": pl.Int32(),
    "start": pl.Date(),
    "end": pl.Date(),
    "deadline_kind": pl.String(),
}
"""One row per (activity, executor, occurrence); `via` is the fan-out territory; undated: no dates."""

LOAD_SCHEMA: dict[str, pl.DataType] = {
    "executor": pl.String(),
    "month": pl.Date(),
    "active": pl.Float64(),
    "due": pl.Float64(),
}
"""Load per executor and month (first day): weights of activities active in it and due in it."""

UNDATED_LOAD_SCHEMA: dict[str, pl.DataType] = {"executor": pl.String(), "undated": pl.Float64()}
"""Weights of the undated activities («без срока») an executor carries."""

CAPACITY_SCHEMA: dict[str, pl.DataType] = {"executor": pl.String(), "capacity": pl.Float64()}
"""The load an executor can carry in one month."""

OVERLOAD_SCHEMA: dict[str, pl.DataType] = {**LOAD_SCHEMA, "capacity": pl.Float64(), "ratio": pl.Float64()}
"""Load with capacity and `ratio = active / capacity` (1.3 is 130 %; null without a capacity)."""

DEFAULT_CAPACITY: dict[str, float] = {
    "authority/federal": 40.0,
    "authority/regional": 40.0,
    "authority/municipal": 15.0,
    "authority/district": 10.0,
    "authority": 15.0,
    "institute/federal_operator": 40.0,
    "institute/regional_institute": 30.0,
    "institute/assessment_centre": 20.0,
    "institute/support_centre": 15.0,
    "institute/methodical_centre": 12.0,
    "institute/teacher_association": 6.0,
    "institute/other": 10.0,
    "institute": 10.0,
    "group": 6.0,
    "school": 8.0,
    "person": 4.0,
}
"""Activities an executor of a kind can carry at once in a month, keyed `kind/subkind` or `kind`.

A ministry or a regional institute has departments and dozens of staff; a municipal department a few
specialists; a methodical centre a handful of methodists; a teacher association, a working group and
a school do the work beside their main duties; a person carries a few activities at a time.
"""

Measure = Literal["active", "due", "undated"]

_KEYS = ["activity", "executor", "occurrence"]


def capacity_key(kind: str, subkind: str | None = None) -> str:
    """Return the `DEFAULT_CAPACITY` key of an executor kind and subkind.

    >>> capacity_key("institute", "methodical_centre"), capacity_key("school")
    ('institute/methodical_centre', 'school')
    """
    return f"{kind}/{subkind}" if subkind else kind


def _academic_year(day: pl.Expr) -> pl.Expr:
    return pl.when(day.dt.month() >= 9).then(day.dt.year()).otherwise(day.dt.year() - 1).cast(pl.Int32)


def assignments_from_tables(tables: Tables, *, fan_out_statuses: Collection[str] = LISTED) -> pl.DataFrame:
    """Return one row per (activity, executor, occurrence), fan-out expanded (ASSIGNMENT_SCHEMA).

    `fan_out_statuses` are the school statuses «ОО»/«ШНОР» stands for: ШНОР only, by default.
    """
    occ = tables.activities
    resp = tables.responsible
    under = ancestors(tables.locations)
    direct = (
        resp.filter(pl.col("fan_out").is_null())
        .select("activity", "executor", "lead", pl.lit(None, pl.String).alias("via"))
        .join(occ, on="activity")
    )
    fans = resp.filter(pl.col("fan_out").is_not_null()).select(
        "activity", "fan_out", "lead", pl.col("executor").alias("via")
    )
    parts = [direct, *_schools_reached(fans, occ, under, tables.school_statuses, fan_out_statuses)]
    authorities = tables.entities.filter(pl.col("kind") == NodeKind.AUTHORITY).select("node", "subkind")
    for fan_out, level in (
        (FanOut.MUNICIPAL_AUTHORITIES, AuthorityLevel.MUNICIPAL),
        (FanOut.DISTRICT_AUTHORITIES, AuthorityLevel.DISTRICT),
    ):
        bodies = under.join(authorities.filter(pl.col("subkind") == level), on="node", how="semi")
        parts.append(
            fans.filter(pl.col("fan_out") == fan_out)
            .join(bodies, left_on="via", right_on="territory")
            .select("activity", pl.col("node").alias("executor"), "lead", "via")
            .join(occ, on="activity")
        )
    columns = ["executor", "lead", "via", *ACTIVITY_TABLE_SCHEMA]
    rows = pl.concat([p.select(columns) for p in parts]).sort(*_KEYS, "via", nulls_last=False)
    kinds = tables.entities.select(pl.col("node").alias("executor"), pl.col("kind").alias("executor_kind"))
    return (
        rows.group_by(_KEYS, maintain_order=True)
        .agg(pl.col("lead").any(), pl.exclude([*_KEYS, "lead"]).first())
        .join(kinds, on="executor", how="left")
        .sort("activity", "occurrence", "lead", "executor", descending=[False, False, True, False])
        .select(cast_to(ASSIGNMENT_SCHEMA))
    )


def _schools_reached(
    fans: pl.DataFrame,
    occ: pl.DataFrame,
    under: pl.DataFrame,
    school_statuses: pl.DataFrame,
    listed: Collection[str],
) -> list[pl.DataFrame]:
    """Return the (activity, school) rows of the «ОО» fan-outs: dated by year, undated by plan year."""
    schools = fans.filter(pl.col("fan_out") == FanOut.SCHOOLS).join(occ, on="activity")
    schools = schools.with_columns(
        year=pl.when(pl.col("start").is_not_null())
        .then(_academic_year(pl.col("start")))
        .otherwise(_academic_year(pl.col("plan_start")))
    )
    in_list = (
        school_statuses.filter(pl.col("status").is_in(list(listed)))
        .select(pl.col("school").alias("node"), "year")
        .join(under, on="node")
    )
    by_year = schools.filter(pl.col("year").is_not_null()).join(
        in_list, left_on=["via", "year"], right_on=["territory", "year"]
    )
    any_year = schools.filter(pl.col("year").is_null()).join(
        in_list.select("node", "territory").unique(), left_on="via", right_on="territory"
    )
    return [p.rename({"node": "executor"}) for p in (by_year, any_year)]


def assignments(G: nx.MultiDiGraph, *, fan_out_statuses: Collection[str] = LISTED) -> pl.DataFrame:
    """Return one row per (activity, executor, occurrence) of the graph, fan-out expanded."""
    return assignments_from_tables(graph_tables(G), fan_out_statuses=fan_out_statuses)


def load_by_month(assignments: pl.DataFrame, months: Sequence[date] | None = None) -> pl.DataFrame:
    """Return `active` and `due` weights per executor and month, for the months with load (LOAD_SCHEMA).

    An activity counts once in a month however many of its windows touch it. `months` (any day of
    each) restricts the result to those months.

    >>> rows = [("act:1", "inst:imc", 1.0, date(2020, 10, 5), date(2020, 11, 30)),
    ...         ("act:1", "inst:imc", 1.0, date(2020, 11, 1), date(2020, 11, 30)),
    ...         ("act:2", "inst:imc", 2.0, date(2020, 11, 1), date(2020, 12, 15))]
    >>> columns = ["activity", "executor", "weight", "start", "end"]
    >>> load_by_month(pl.DataFrame(rows, schema=columns, orient="row")).rows()[1:]
    [('inst:imc', datetime.date(2020, 11, 1), 3.0, 1.0), ('inst:imc', datetime.date(2020, 12, 1), 2.0, 2.0)]
    """
    dated = assignments.filter(
        pl.col("start").is_not_null()
        & pl.col("end").is_not_null()
        & pl.col("executor").is_not_null()
        & pl.col("activity").is_not_null()
    )
    wanted = None if months is None else sorted({d.year * 12 + d.month - 1 for d in months})
    if dated.is_empty() or wanted == []:
        return empty_frame(LOAD_SCHEMA)
    executors = dated.get_column("executor").unique().sort()
    windows = dated.select(
        # Codes in the order of the ids, so that sorting by code sorts by executor.
        executor=pl.col("executor").cast(pl.Enum(executors)).to_physical().cast(pl.Int64),
        activity=pl.col("activity").rank("dense").cast(pl.Int64),
        weight="weight",
        first=_month_index("start"),
        last=_month_index("end"),
    )
    lowest, highest, activities = windows.select(
        lowest=pl.min_horizontal(pl.col("first", "last").min()),
        highest=pl.max_horizontal(pl.col("first", "last").max()),
        activities=pl.col("activity").max(),
    ).row(0)
    # Every key below is `group * step + month offset`: one integer column to sort, hash and decode.
    step = highest - lowest + 2
    windows = windows.with_columns(
        pl.col("first", "last") - lowest,
        pair=pl.col("executor") * (activities + 1) + pl.col("activity"),
    )
    due = (
        windows.filter((pl.col("pair") * step + pl.col("last")).is_first_distinct())
        .group_by(key=pl.col("executor") * step + pl.col("last"))
        .agg(due=pl.col("weight").sum())
    )
    spread = windows
    if wanted is not None:
        low, high = wanted[0] - lowest, wanted[-1] - lowest
        spread = windows.filter((pl.col("last") >= low) & (pl.col("first") <= high)).with_columns(
            first=pl.max_horizontal("first", pl.lit(low)), last=pl.min_horizontal("last", pl.lit(high))
        )
    active = _active_per_month(spread.filter(pl.col("first") <= pl.col("last")), step)
    load = active.join(due, on="key", how="full", coalesce=True).with_columns(
        pl.col("active", "due").fill_null(0.0)
    )
    if wanted is not None:
        load = load.filter((pl.col("key") % step).is_in([m - lowest for m in wanted]))
    load = load.sort("key")
    month = pl.col("key") % step + lowest
    return load.select(
        executor=executors.gather(load["key"] // step),
        month=pl.date(month // 12, month % 12 + 1, 1),
        active="active",
        due="due",
    ).select(cast_to(LOAD_SCHEMA))


def months_run(start: str = "start", end: str = "end") -> pl.Expr:
    """Return the first days of the months a window runs in, from its start's month to its end's, as a list.

    >>> window = pl.DataFrame({"start": [date(2020, 10, 15)], "end": [date(2020, 12, 1)]})
    >>> [f"{m:%m.%Y}" for m in window.select(months_run()).item()]
    ['10.2020', '11.2020', '12.2020']
    """
    return pl.date_ranges(pl.col(start).dt.truncate("1mo"), pl.col(end).dt.truncate("1mo"), "1mo")


def _month_index(day: str) -> pl.Expr:
    """Return a date column as months counted from year 0, so that consecutive months differ by one."""
    return pl.col(day).dt.year().cast(pl.Int64) * 12 + pl.col(day).dt.month().cast(pl.Int64) - 1


def _active_per_month(windows: pl.DataFrame, step: int) -> pl.DataFrame:
    """Return `key` (executor * step + month) and `active`: the weights of the activities running in it.

    The windows of one executor and activity are merged where they overlap, so that an activity counts
    once in a month. The merged windows are counted by differences: +1 in the first month, -1 after the
    last, summed in month order per executor and weight; a month's load is each weight times the count
    of its windows running then, so that whole weights add up exactly.
    """
    if windows.is_empty():
        return pl.DataFrame(schema={"key": pl.Int64(), "active": pl.Float64()})
    windows = windows.sort(pl.col("pair") * step + pl.col("first"))
    reach = (pl.col("pair") * step + pl.col("last")).cum_max() - pl.col("pair") * step
    windows = windows.with_columns(reach=reach).with_columns(
        begins=(pl.col("pair") != pl.col("pair").shift(1)).fill_null(True)
        | (pl.col("first") > pl.col("reach").shift(1) + 1).fill_null(True)
    )
    merged = pl.concat(
        [
            windows.filter("begins").select("executor", "weight", "first"),
            windows.filter(pl.col("begins").shift(-1).fill_null(True)).select("reach"),
        ],
        how="horizontal",
    )
    classes = merged.get_column("weight").n_unique()
    group = pl.col("executor") * classes + pl.col("weight").rank("dense").cast(pl.Int64) - 1
    changes = (
        pl.concat(
            [
                merged.select("weight", key=group * step + pl.col("first"), change=pl.lit(1, pl.Int64)),
                merged.select("weight", key=group * step + pl.col("reach") + 1, change=pl.lit(-1, pl.Int64)),
            ]
        )
        .sort("key")
        .with_columns(running=pl.col("change").cum_sum())
        .filter(pl.col("key") != pl.col("key").shift(-1).fill_null(-1))
    )
    # Where windows run, the next change is in the same executor and weight: its months run until it.
    runs = changes.with_columns(until=pl.col("key").shift(-1)).filter(pl.col("running") > 0)
    cells = runs.select(
        key=pl.int_ranges("key", "until", dtype=pl.Int64),
        active=pl.col("weight") * pl.col("running"),
    ).explode("key")
    cells = cells.select(key=pl.col("key") // step // classes * step + pl.col("key") % step, active="active")
    return cells if classes == 1 else cells.group_by("key").agg(pl.col("active").sum())


def undated_load(assignments: pl.DataFrame) -> pl.DataFrame:
    """Return the weight of undated activities («без срока») per executor (UNDATED_LOAD_SCHEMA)."""
    return (
        assignments.filter(pl.col("start").is_null())
        .unique(["executor", "activity"])
        .group_by("executor")
        .agg(pl.col("weight").sum().alias("undated"))
        .sort("executor")
        .select(cast_to(UNDATED_LOAD_SCHEMA))
    )


def activities_behind(
    assignments: pl.DataFrame, executor: str, month: date | None = None, measure: Measure = "active"
) -> pl.DataFrame:
    """Return the activities behind one figure, one row each; their weights sum to the figure.

    `active`: windows overlapping the month; `due`: windows ending in it; `undated`: no window.
    """
    rows = assignments.filter(pl.col("executor") == executor)
    if measure == "undated" or month is None:
        rows = rows.filter(pl.col("start").is_null())
    else:
        first = month.replace(day=1)
        last = month_end(first.year, first.month)
        if measure == "due":
            rows = rows.filter(pl.col("end").is_between(first, last))
        else:
            rows = rows.filter((pl.col("start") <= last) & (pl.col("end") >= first))
    return rows.sort("activity", "occurrence").unique("activity", keep="first", maintain_order=True)


def is_capacity(value: float) -> bool:
    """Return whether a figure can be a capacity: a positive, finite number of activities a month.

    A capacity of 0 would leave the executor with no load ratio at all («мощность не задана»).

    >>> is_capacity(2.5), is_capacity(0), is_capacity(-1), is_capacity(float("nan"))
    (True, False, False, False)
    """
    return math.isfinite(value) and value > 0


def capacities_from_entities(
    entities: pl.DataFrame, overrides: Mapping[str, float] | None = None
) -> pl.DataFrame:
    """Return each executor's capacity: an override, else its own figure, else its kind's default.

    `overrides` keys are executor ids («inst:kuzbass/imts») or capacity keys («school»,
    «institute/methodical_centre»): an id wins over `kind/subkind`, which wins over `kind`.

    >>> row = ("school:1", "school", None, "Школа № 1", None)
    >>> e = pl.DataFrame([row], schema=ENTITY_SCHEMA, orient="row")
    >>> capacities_from_entities(e).rows(), capacities_from_entities(e, {"school": 5}).rows()
    ([('school:1', 8.0)], [('school:1', 5.0)])
    """
    overrides = overrides or {}
    rows = []
    for node, kind, subkind, _, own in entities.filter(
        pl.col("kind").is_in([str(k) for k in EXECUTOR_KINDS])
    ).iter_rows():
        key = capacity_key(kind, subkind)
        # A user's figure beats the data's, and the data's beats the default for the kind.
        for source in (overrides.get(node), overrides.get(key), overrides.get(kind), own):
            if source is not None:
                capacity: float | None = float(source)
                break
        else:
            capacity = DEFAULT_CAPACITY.get(key, DEFAULT_CAPACITY.get(kind))
        rows.append((node, capacity))
    return pl.DataFrame(rows, schema=CAPACITY_SCHEMA, orient="row").sort("executor")


def capacities(G: nx.MultiDiGraph, overrides: Mapping[str, float] | None = None) -> pl.DataFrame:
    """Return each executor's monthly capacity in the graph (CAPACITY_SCHEMA)."""
    rows = [
        (node, str(e.kind), subkind_of(e), e.name, getattr(e, "capacity", None))
        for node, e in G.nodes(data="entity")
        if e.kind in EXECUTOR_KINDS
    ]
    return capacities_from_entities(pl.DataFrame(rows, schema=ENTITY_SCHEMA, orient="row"), overrides)


def overload(load: pl.DataFrame, capacities: pl.DataFrame) -> pl.DataFrame:
    """Return the load with each executor's capacity and `ratio = active / capacity` (OVERLOAD_SCHEMA).

    >>> load = pl.DataFrame([("inst:imc", date(2020, 10, 1), 13.0, 2.0)], schema=LOAD_SCHEMA, orient="row")
    >>> cap = pl.DataFrame([("inst:imc", 10.0)], schema=CAPACITY_SCHEMA, orient="row")
    >>> overload(load, cap)["ratio"].to_list()
    [1.3]
    """
    return (
        load.join(capacities, on="executor", how="left")
        .with_columns(
            ratio=pl.when(pl.col("capacity") > 0).then(pl.col("active") / pl.col("capacity")).otherwise(None)
        )
        .select(cast_to(OVERLOAD_SCHEMA))
    )


def overloaded(overload: pl.DataFrame, threshold: float = 1.0) -> pl.DataFrame:
    """Return the (executor, month) rows over the threshold, the most overloaded first.

    >>> row = ("inst:imc", date(2020, 10, 1), 13.0, 0.0, 10.0, 1.3)
    >>> o = pl.DataFrame([row], schema=OVERLOAD_SCHEMA, orient="row")
    >>> overloaded(o).height, overloaded(o, 1.5).height
    (1, 0)
    """
    return overload.filter(pl.col("ratio") > threshold).sort(
        "ratio", "executor", "month", descending=[True, False, False]
    )
