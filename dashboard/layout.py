"""A responsibility chain laid out for drawing: nodes in columns by role, edges as straight lines.

Columns read left to right as the chain is read: the activity, its executors, their coordinators and
heads, the bodies above them, the roadmap, its issuer, the controller. A link the chain misses is drawn
as a red cross in the column where it should be.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from typing import Any

import polars as pl

from dashboard import texts

COLUMN_OF = {
    "activity": 0,
    "executor": 1,
    "coordinator": 2,
    "head": 2,
    "authority": 3,
    "roadmap": 4,
    "issuer": 5,
    "controller": 6,
}
MISSING_COLUMN = {"no-executor": 1, "no-coordinator": 2, "no-issuer": 5, "no-controller": 6}
LINE_LENGTH = 16
"""How many characters a line of a node's name holds: seven columns of them fit a 1024-pixel screen."""
WIDE_LINE_LENGTH = 24
"""How many characters a line holds when the columns are wide enough (`label_wide`, a 1440-pixel screen)."""
LINES = 3

NODE_SCHEMA: dict[str, pl.DataType] = {
    "node": pl.String(),
    "label": pl.String(),
    "label_wide": pl.String(),
    "full_name": pl.String(),
    "role": pl.String(),
    "role_name": pl.String(),
    "x": pl.Float64(),
    "y": pl.Float64(),
}
EDGE_SCHEMA: dict[str, pl.DataType] = {
    "x": pl.Float64(),
    "y": pl.Float64(),
    "x2": pl.Float64(),
    "y2": pl.Float64(),
    "label": pl.String(),
}


def wrapped(name: str, length: int = LINE_LENGTH) -> str:
    """Return a node's name on up to `LINES` lines of about `length` characters, cut with «…».

    >>> wrapped("Министерство образования и науки Кузбасса")
    'Министерство\\nобразования и\\nнауки Кузбасса'
    >>> wrapped("Управление образования администрации Полысаевского городского округа")
    'Управление\\nобразования\\nадминистрации…'
    """
    lines = textwrap.wrap(name, length, max_lines=LINES, placeholder="…", break_on_hyphens=False)
    return "\n".join(lines) or name


def chain_layout(graph: Any, broken_codes: tuple[str, ...] = ()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (nodes, edges) frames of a chain graph: each node in its role's column, rows by name.

    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("a", name="Семинар", role="activity")
    >>> g.add_node("e", name="ИМЦ", role="executor")
    >>> g.add_edge("e", "a", label="executes")
    >>> nodes, edges = chain_layout(g, ("no-controller",))
    >>> nodes.select("label", "x", "y").rows()
    [('Семинар', 0.0, 0.0), ('ИМЦ', 1.0, 0.0), ('нет\\nконтролирующего', 6.0, 0.0)]
    >>> edges.rows()
    [(1.0, 0.0, 0.0, 0.0, 'исполняет')]
    """
    columns: dict[int, list[tuple[bool, str, str, str]]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        role = str(data.get("role", "activity"))
        columns[COLUMN_OF.get(role, 3)].append((False, str(data.get("name", node)), node, role))
    for code in dict.fromkeys(broken_codes):
        what = texts.BROKEN_CODES.get(code, code)
        columns[MISSING_COLUMN.get(code, 6)].append((True, what, f"missing:{code}", "missing"))
    height = max((len(v) for v in columns.values()), default=1)
    rows: list[tuple[Any, ...]] = []
    at: dict[str, tuple[float, float]] = {}
    for x in sorted(columns):
        members = sorted(columns[x])
        offset = (height - len(members)) / 2
        for i, (_, name, node, role) in enumerate(members):
            y = offset + i
            at[node] = (float(x), y)
            label, wide = wrapped(name), wrapped(name, WIDE_LINE_LENGTH)
            rows.append((node, label, wide, name, role, texts.ROLES.get(role, role), float(x), y))
    nodes = pl.DataFrame(rows, schema=NODE_SCHEMA, orient="row")
    lines = [
        (*at[u], *at[v], texts.EDGE_LABELS.get(str(data.get("label", "")), str(data.get("label", ""))))
        for u, v, data in graph.edges(data=True)
        if u in at and v in at
    ]
    return nodes, pl.DataFrame(lines, schema=EDGE_SCHEMA, orient="row")
