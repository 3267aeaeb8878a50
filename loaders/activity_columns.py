"""A roadmap table's activities as columns, with the executors of each executor cell resolved once.

A roadmap of 10,000 rows gives 10,000 activities and some 26,000 links; as objects they cost more to
build, and then to write, than the spreadsheet costs to read. So a roadmap table gives its activities
as columns (`ActivityColumns`), which the store writes as its blocks in a few vectorised steps
(`block_tables`); whoever needs them as `Activity` and `Link` objects asks for them (`entities`,
`links`) and gets what the rows would have given, in the same order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl
import pyarrow as pa

from loaders.codec import builder_of, compact_json, kind_key_and_attrs, new_link, new_source, value_json
from model.deadlines import Deadline
from model.entities import Activity, NodeKind
from model.relations import EdgeKind, Link

COLUMNS_FROM = 1000
"""The rows from which a table is worked on column by column (`loaders.layout.roadmap_rows`, `block_tables`):
below, a polars expression's fixed cost makes it slower than the same work row by row in Python."""
Carriers = tuple[tuple[str, dict[str, object]], ...]
"""Who carries the activities of an executor cell: each node with the attributes of its link."""

_PART_OF, _RESPONSIBLE_FOR = EdgeKind.PART_OF, EdgeKind.RESPONSIBLE_FOR
_new_activity = builder_of(
    Activity, "id", "roadmap", "number", "text", "deadline", "section", "result", "executors_raw", "source"
)
_ACTIVITY = NodeKind.ACTIVITY.value
_TEXT_COLUMNS = ("number", "text", "deadline", "section", "result", "executors")


@dataclass(slots=True)
class ActivityColumns:
    """The activities of one roadmap table: a value of each column for each activity, in table order.

    `deadline` holds the deadline cell's text, read in `deadlines`; `executors` the executor cell's
    text, whose carriers are in `carriers`. An activity's id is `prefix` and its row number.
    """

    file: str
    sheet: str
    roadmap: str
    prefix: str
    deadlines: Mapping[str, Deadline]
    carriers: Mapping[str, Carriers]
    row: list[int] = field(default_factory=list)
    number: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    deadline: list[str] = field(default_factory=list)
    section: list[str] = field(default_factory=list)
    result: list[str] = field(default_factory=list)
    executors: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.row)

    def ids(self) -> list[str]:
        prefix = self.prefix
        return [f"{prefix}{n}" for n in self.row]

    def entities(self) -> list[Activity]:
        """Return the activities as objects."""
        file, sheet, roadmap, deadlines = self.file, self.sheet, self.roadmap, self.deadlines
        return [
            _new_activity(id_, roadmap, number, text, deadlines[deadline], section, result, executors,
                          new_source(file, sheet, n))
            for id_, n, number, text, deadline, section, result, executors in zip(
                self.ids(), self.row, self.number, self.text, self.deadline, self.section, self.result,
                self.executors, strict=True,
            )
        ]  # fmt: skip

    def links(self) -> list[Link]:
        """Return each activity's link to its roadmap, then those of its carriers, activity by activity."""
        file, sheet, roadmap, carriers = self.file, self.sheet, self.roadmap, self.carriers
        out: list[Link] = []
        for activity, n, executors in zip(self.ids(), self.row, self.executors, strict=True):
            where = new_source(file, sheet, n)
            out.append(new_link(activity, _PART_OF, roadmap, {}, where))
            out.extend(
                new_link(node, _RESPONSIBLE_FOR, activity, attrs.copy(), where)
                for node, attrs in carriers[executors]
            )
        return out

    def block_tables(self) -> tuple[pa.Table, pa.Table]:
        """Return the activities and their links as the store's block columns (`loaders.blocks`)."""
        frame = pl.DataFrame(
            {"row": self.row, **{c: getattr(self, c) for c in _TEXT_COLUMNS}},
            schema={"row": pl.Int64, **dict.fromkeys(_TEXT_COLUMNS, pl.String)},
        ).with_columns(id=pl.lit(self.prefix) + pl.col("row").cast(pl.String))
        return self._entity_table(frame), self._link_table(frame)

    def _entity_table(self, frame: pl.DataFrame) -> pa.Table:
        """Return the activity rows, each deadline's JSON kept once apart (`loaders.blocks` puts it back)."""
        number, text = pl.col("number"), pl.col("text")

        def members(*names: str) -> pl.Expr:
            """The JSON members of text columns, as `compact_json` writes them: «"a":"…","b":"…"»."""
            written = pl.struct(
                pl.col("executors").alias("executors_raw") if n == "executors" else n for n in names
            )
            return written.struct.json_encode().str.strip_prefix("{").str.strip_suffix("}")

        table = (
            frame.select(
                "id",
                kind=pl.lit(_ACTIVITY),
                name=pl.when(number == "").then(text).when(text == "").then(number)
                .otherwise(pl.concat_str(number, pl.lit(" "), text)),
                data=pl.concat_str(
                    pl.lit(f'{{"roadmap":{compact_json(self.roadmap)},'), members("number", "text"),
                    pl.lit(',"deadline":'),
                ),
                file=pl.lit(self.file),
                sheet=pl.lit(self.sheet),
                row="row",
                data_end=pl.concat_str(
                    pl.lit(","), members("section"), pl.lit(',"weight":1.0,'), members("result", "executors"),
                    pl.lit("}"),
                ),
            )
            .to_arrow()
        )  # fmt: skip
        position = {text: i for i, text in enumerate(self.deadlines)}
        shared = pa.DictionaryArray.from_arrays(
            pa.array([position[d] for d in self.deadline], pa.int32()),
            pa.array([value_json(d) for d in self.deadlines.values()], pa.string()),
        )
        return table.append_column("shared", shared)

    def _link_table(self, frame: pl.DataFrame) -> pa.Table:
        carried = [
            (cell, i, node, *kind_key_and_attrs(Link(node, _RESPONSIBLE_FOR, "", attrs))[1:])
            for cell, carriers in self.carriers.items()
            for i, (node, attrs) in enumerate(carriers, start=1)
        ]
        carriers = pl.DataFrame(
            carried,
            schema={"executors": pl.String, "order": pl.Int64, "source": pl.String, "key": pl.String,
                    "attrs": pl.String},
            orient="row",
        )  # fmt: skip
        part_of = frame.select(
            "row", order=pl.lit(0, pl.Int64), source="id", kind=pl.lit(_PART_OF.value),
            key=pl.lit(_PART_OF.value), target=pl.lit(self.roadmap), attrs=pl.lit(None, pl.String),
        )  # fmt: skip
        responsible = frame.select("row", "id", "executors").join(carriers, on="executors").select(
            "row", "order", "source", kind=pl.lit(_RESPONSIBLE_FOR.value), key="key", target="id",
            attrs="attrs",
        )  # fmt: skip
        return (
            pl.concat([part_of, responsible])
            .sort("row", "order")
            .select(
                "source", "kind", "key", "target", "attrs", file=pl.lit(self.file), sheet=pl.lit(self.sheet),
                row="row",
            )
            .to_arrow()
        )  # fmt: skip


def entities_of(columns: Sequence[ActivityColumns]) -> list[Activity]:
    """Return the activities of several tables as objects."""
    return [e for c in columns for e in c.entities()]


def links_of(columns: Sequence[ActivityColumns]) -> list[Link]:
    """Return the links of several tables' activities as objects."""
    return [link for c in columns for link in c.links()]
