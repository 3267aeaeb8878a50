"""What a scenario changes in the chains of responsibility, read from the plan's tables, not the graph.

Chains are compared as they climb from each activity: its executors (fan-out expanded), their
coordinators (of the executor, of the territory it stands on, of the fan-out territory and of the
roadmap) and the bodies they are subordinate to. An activity that exists but reaches nobody is broken.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import polars as pl

from model.frames import differing_rows
from model.ids import whole_of
from model.plan_state import PlanState
from model.relations import EdgeKind

CHAIN_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "activity": pl.String(),
    "name": pl.String(),
    "executors_before": pl.List(pl.String()),
    "executors_after": pl.List(pl.String()),
    "coordinators_before": pl.List(pl.String()),
    "coordinators_after": pl.List(pl.String()),
    "superiors_before": pl.List(pl.String()),
    "superiors_after": pl.List(pl.String()),
    "broken_before": pl.Boolean(),
    "broken_after": pl.Boolean(),
}
"""Activities (existing after the scenario) whose executors, coordinators or superiors change, or whose
chain breaks or mends; lists hold node ids, sorted (`Comparison.names` names them)."""

CHAIN_PARTS = ("executors", "coordinators", "superiors")
"""The parts of a chain compared: who executes an activity, who coordinates them, whom they answer to."""


def _structure_moved(before: PlanState, after: PlanState) -> set[str]:
    """Return the nodes whose coordinators or superiors differ."""
    moved = differing_rows(before.structure, after.structure, ["source", "kind", "target"])
    coordinated = moved.filter(pl.col("kind") == str(EdgeKind.COORDINATES))["target"].to_list()
    subordinate = moved.filter(pl.col("kind") == str(EdgeKind.SUBORDINATE_TO))["source"].to_list()
    return set(coordinated) | set(subordinate)


def _reached(states: Sequence[PlanState], nodes: set[str]) -> set[str]:
    """Return the activities whose chain passes through the nodes (as executor, territory or roadmap).

    The baseline's rows are scanned once per baseline; each state adds the rows of its patch.
    """
    listed = sorted(nodes)
    found: set[str] = set()
    scanned: list[Any] = []
    for state in states:
        base = state.baseline
        locations = base.tables.locations
        standing = sorted(set(locations.filter(pl.col("territory").is_in(listed))["node"].to_list()) | nodes)
        through = (
            pl.col("executor").is_in(standing) | pl.col("via").is_in(listed) | pl.col("roadmap").is_in(listed)
        )
        if not any(base is seen for seen in scanned):
            scanned.append(base)
            found |= set(base.assignments.filter(through)["activity"].to_list())
            found |= set(base.tables.activities.filter(pl.col("roadmap").is_in(listed))["activity"].to_list())
        found |= set(state.patch.assignments.filter(through)["activity"].to_list())
        found |= set(state.patch.activities.filter(pl.col("roadmap").is_in(listed))["activity"].to_list())
    return found


def _chain_parts(state: PlanState, activities: Collection[str]) -> pl.DataFrame:
    """Return per activity: exists, executors, coordinators, superiors (sorted id lists)."""
    rows = state.assignments_of_activities(activities).select("activity", "executor", "via").unique()
    acts = state.activity_rows(activities).select("activity", "roadmap").unique()
    structure = state.structure
    coordinates = structure.filter(pl.col("kind") == str(EdgeKind.COORDINATES)).select(
        coordinator="source", target="target"
    )
    superiors = structure.filter(pl.col("kind") == str(EdgeKind.SUBORDINATE_TO)).select(
        executor="source", superior="target"
    )
    standing = state.baseline.tables.locations.rename({"node": "executor"})
    targets = pl.concat(
        [
            rows.select("activity", target="executor"),
            rows.filter(pl.col("via").is_not_null()).select("activity", target="via"),
            acts.select("activity", target="roadmap"),
            rows.join(standing, on="executor").select("activity", target="territory"),
        ]
    )

    def listed(frame: pl.DataFrame, column: str, name: str) -> pl.DataFrame:
        return frame.group_by("activity").agg(pl.col(column).unique().sort().alias(name))

    return (
        acts.select("activity", exists=pl.lit(True))
        .unique()
        .join(listed(rows, "executor", "executors"), on="activity", how="left")
        .join(
            listed(targets.join(coordinates, on="target"), "coordinator", "coordinators"),
            on="activity",
            how="left",
        )
        .join(listed(rows.join(superiors, on="executor"), "superior", "superiors"), on="activity", how="left")
        .with_columns(pl.col(*CHAIN_PARTS).fill_null(pl.lit([], pl.List(pl.String()))))
    )


def _stand_ins(old: pl.DataFrame, candidates: Collection[str]) -> pl.DataFrame:
    """Return the chains «before» with a part that a hand-over split off (and «before» lacks) standing in
    for the chain of the activity it was cut from."""
    parts = sorted(a for a in candidates if whole_of(a) != a)
    if not parts:
        return old
    cut = pl.DataFrame({"activity": parts, "whole": [whole_of(a) for a in parts]})
    stand_in = (
        cut.join(old, on="activity", how="anti")
        .join(old.rename({"activity": "whole"}), on="whole")
        .select(old.columns)
    )
    return pl.concat([old, stand_in])


def chain_changes(before: PlanState, after: PlanState, activities: set[str]) -> pl.DataFrame:
    """Return the activities whose executors, coordinators or superiors differ, or whose chain breaks.

    Besides the activities given, every activity whose chain passes through a node the scenario moved
    under another coordinator or superior is compared.

    >>> from model.graph import build_graph
    >>> from model.plan_state import baseline_state
    >>> state = baseline_state(build_graph([], [])[0])
    >>> chain_changes(state, state, set()).height
    0
    """
    nodes = _structure_moved(before, after)
    candidates = set(activities)
    if nodes:
        candidates |= _reached([before, after], nodes)
    old = _stand_ins(_chain_parts(before, candidates | {whole_of(a) for a in candidates}), candidates)
    new = _chain_parts(after, candidates)
    empty = pl.lit([], pl.List(pl.String()))
    joined = (
        new.join(old, on="activity", how="left", suffix="_before")
        .rename({p: f"{p}_after" for p in (*CHAIN_PARTS, "exists")})
        .with_columns(
            pl.col(*(f"{p}_before" for p in CHAIN_PARTS)).fill_null(empty),
            pl.col("exists_before").fill_null(False),
        )
        .with_columns(
            broken_before=pl.col("exists_before") & (pl.col("executors_before").list.len() == 0),
            broken_after=pl.col("executors_after").list.len() == 0,
        )
    )
    differs = pl.lit(False)
    for part in CHAIN_PARTS:
        differs = differs | (pl.col(f"{part}_before") != pl.col(f"{part}_after"))
    differs = differs | (pl.col("broken_before") != pl.col("broken_after"))
    return joined.filter(differs).sort("activity")
