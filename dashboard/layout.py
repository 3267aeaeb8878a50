"""A responsibility chain laid out for drawing: nodes in columns by role, edges as straight lines.

Columns read left to right as the chain is read: the activity, its executors, their coordinators and
heads, the bodies above them, the roadmap, its issuer, the controller. A link the chain misses is drawn
as a red cross in the column where it should be.
"""

from __future__ import annotations

import re
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
    "roles_name": pl.String(),
    "second_role_name": pl.String(),
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


def wrapped(name: str, length: int = LINE_LENGTH, lines: int = LINES) -> str:
    """Return a node's name on up to `LINES` lines of about `length` characters, cut with «…».

    >>> wrapped("Министерство образования и науки Кузбасса")
    'Министерство\\nобразования и\\nнауки Кузбасса'
    >>> wrapped("Управление образования администрации Полысаевского городского округа")
    'Управление\\nобразования\\nадминистрации…'
    """
    found = textwrap.wrap(name, length, max_lines=lines, placeholder="…", break_on_hyphens=False)
    return "\n".join(found) or name


HEADING_LENGTH = 90
"""How many characters of an activity's text a chain's heading holds: two lines on a projector."""


def literal(text: str) -> str:
    """Return text that Streamlit's Markdown shows as written: «2. Утверждение» is no numbered list.

    >>> print(literal("2. Анализ (ВПР) *итогов*"))
    2\\. Анализ \\(ВПР\\) \\*итогов\\*
    """
    return re.sub(r"([\\`*_{}\[\]<>()#+\-.!|~$])", r"\\\1", text)


def heading_of(name: str) -> tuple[str, str]:
    """Return a chain's heading and, when the heading cuts the name short, the name in full, both as
    Markdown that shows them as written.

    A long activity in the heading would push the chain below the edge of a projector's screen.

    >>> heading_of("ИМЦ")
    ('Цепочка ответственности: ИМЦ', '')
    >>> heading_of("Семинар " * 20)[0].endswith("Семинар …")
    True
    """
    short = textwrap.shorten(name, HEADING_LENGTH, placeholder=" …")
    return f"{texts.CHAIN_TITLE}: {literal(short)}", ("" if short == name.strip() else literal(name.strip()))


def shown_name(name: str, short: str, length: int) -> str:
    """Return a node's name on its lines, or its abbreviation when the name would be cut with «…».

    Two institutes «Государственное бюджетное учреждение дополнительного…» would look alike; their
    abbreviations («РЦОКИО», «ЧИППКРО») are what people call them (the tooltip keeps the full name).

    >>> shown_name("Государственное бюджетное учреждение дополнительного образования", "РЦОКИО", 16)
    'РЦОКИО'
    >>> shown_name("МБОУ ДПО «ИМЦ»", "ИМЦ", 16)
    'МБОУ ДПО «ИМЦ»'
    """
    lines = wrapped(name, length)
    return short if short and lines.endswith("…") else lines


def members_text(fan_out: str, members: int) -> str:
    """Return how many bodies a fan-out stands for, in Russian.

    >>> members_text("schools", 15), members_text("district_authorities", 6), members_text("schools", 0)
    ('15 школ', '6 районных отделов', 'никого в списке')
    """
    forms = texts.FAN_OUT_FORMS.get(fan_out, texts.FAN_OUT_FORMS["schools"])
    return texts.counted(members, forms) if members else texts.FAN_OUT_NOBODY


def _node_texts(name: str, short: str, data: Any) -> tuple[str, str, str]:
    """Return a node's label, wide label and full name; a fan-out's say how many it stands for."""
    if "members" not in data:
        return shown_name(name, short, LINE_LENGTH), shown_name(name, short, WIDE_LINE_LENGTH), name
    count = members_text(str(data.get("fan_out", "")), int(data["members"]))
    label, wide = (f"{wrapped(name, n, LINES - 1)}\n{count}" for n in (LINE_LENGTH, WIDE_LINE_LENGTH))
    return label, wide, f"{name}: {count}"


def chain_layout(graph: Any, broken_codes: tuple[str, ...] = ()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (nodes, edges) frames of a chain graph: each node in its role's column, rows by name.

    A node playing several roles (`roles`, in the order a chain is read) stands in the column of the first;
    `roles_name` names them all and `second_role_name` the next one, which the chart rings the node with.

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
    roles_of: dict[str, list[str]] = {}
    shorts = [str(s) for _, s in graph.nodes(data="short") if s]
    # An abbreviation two nodes share («РОО» of two districts) tells them apart no better than the name.
    unique = {s for s in shorts if shorts.count(s) == 1}
    shown: dict[str, tuple[str, str, str]] = {}
    for node, data in graph.nodes(data=True):
        role, name = str(data.get("role", "activity")), str(data.get("name", node))
        columns[COLUMN_OF.get(role, 3)].append((False, name, node, role))
        roles_of[node] = [texts.ROLES.get(str(r), str(r)) for r in data.get("roles") or (role,)]
        short = str(data.get("short") or "")
        shown[node] = _node_texts(name, short if short in unique else "", data)
    for code in dict.fromkeys(broken_codes):
        if code in MISSING_COLUMN:  # an executor standing for nobody says so on its own node
            what = texts.BROKEN_CODES.get(code, code)
            columns[MISSING_COLUMN[code]].append((True, what, f"missing:{code}", "missing"))
    height = max((len(v) for v in columns.values()), default=1)
    rows: list[tuple[Any, ...]] = []
    at: dict[str, tuple[float, float]] = {}
    for x in sorted(columns):
        members = sorted(columns[x])
        offset = (height - len(members)) / 2
        for i, (_, name, node, role) in enumerate(members):
            y = offset + i
            at[node] = (float(x), y)
            label, wide, full = shown.get(node) or (wrapped(name), wrapped(name, WIDE_LINE_LENGTH), name)
            named = roles_of.get(node) or [texts.ROLES.get(role, role)]
            second = named[1] if len(named) > 1 else None
            rows.append((node, label, wide, full, role, named[0], ", ".join(named), second, float(x), y))
    nodes = pl.DataFrame(rows, schema=NODE_SCHEMA, orient="row")
    lines = [
        (*at[u], *at[v], texts.EDGE_LABELS.get(str(data.get("label", "")), str(data.get("label", ""))))
        for u, v, data in graph.edges(data=True)
        if u in at and v in at
    ]
    return nodes, pl.DataFrame(lines, schema=EDGE_SCHEMA, orient="row")
