"""Small helpers for polars frames with declared schemas: build them, conform them, look rows up."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import polars as pl

_DIGITS = re.compile(r"(\d+)")


def empty_frame(schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """Return a frame with a schema's columns and no rows.

    >>> empty_frame({"node": pl.String()}).shape
    (0, 1)
    """
    return pl.DataFrame(schema=dict(schema))


def frame_of(rows: Iterable[Sequence[Any]], schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """Return a frame of rows given as tuples in a schema's column order.

    >>> frame_of([("school:1", 2020)], {"school": pl.String(), "year": pl.Int32()}).rows()
    [('school:1', 2020)]
    """
    return pl.DataFrame(list(rows), schema=dict(schema), orient="row")


def cast_to(schema: Mapping[str, pl.DataType]) -> list[pl.Expr]:
    """Return the expressions that select a schema's columns in its order, each cast to its type.

    >>> frame = pl.DataFrame({"n": [1], "node": ["a"]})
    >>> frame.select(cast_to({"node": pl.String(), "n": pl.Float64()})).rows()
    [('a', 1.0)]
    """
    return [pl.col(c).cast(t) for c, t in schema.items()]


def natural_key(name: str) -> list[Any]:
    """Return the key that orders names as people read them: letters without case, numbers by value.

    >>> sorted(["Школа № 103", "школа № 3", "Школа № 23"], key=natural_key)
    ['школа № 3', 'Школа № 23', 'Школа № 103']
    """
    # Splitting at numbers puts text at even places and numbers at odd ones, so keys compare like with like.
    return [int(part) if i % 2 else part.casefold() for i, part in enumerate(_DIGITS.split(name))]


def natural_order(names: pl.Series) -> pl.Series:
    """Return each name's place in `natural_key` order (equal names, equal places; nulls last), to sort by.

    >>> frame = pl.DataFrame({"name": ["МБОУ «СОШ № 103»", None, "МБОУ «СОШ № 23»"]})
    >>> frame.sort(natural_order(frame["name"]))["name"].to_list()
    ['МБОУ «СОШ № 23»', 'МБОУ «СОШ № 103»', None]
    """
    # Names equal but for case keep one order: by the name itself.
    ordered = sorted(names.drop_nulls().unique().to_list(), key=lambda name: (natural_key(name), name))
    places = {name: place for place, name in enumerate(ordered)}
    return names.replace_strict(places, default=len(ordered), return_dtype=pl.Int64()).alias(
        f"{names.name}_order"
    )


def sorted_by(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Return a frame sorted by a column, keeping the order of equal keys (the frame itself if sorted).

    >>> sorted_by(pl.DataFrame({"node": ["b", "a"]}), "node")["node"].to_list()
    ['a', 'b']
    """
    return frame if frame[column].is_sorted() else frame.sort(column, maintain_order=True)


def take_sorted(frame: pl.DataFrame, column: str, keys: Collection[str]) -> pl.DataFrame:
    """Return the rows of a frame sorted by `column` whose value is one of the keys (binary search).

    >>> take_sorted(pl.DataFrame({"node": ["a", "b", "b", "c"]}), "node", {"b"}).height
    2
    """
    if not keys or frame.is_empty():
        return frame.clear()
    wanted = pl.Series(sorted(keys), dtype=pl.String())
    values = frame[column]
    lo = values.search_sorted(wanted, "left")
    hi = values.search_sorted(wanted, "right")
    index = pl.int_ranges(lo, hi, eager=True).explode().drop_nulls()
    return frame[index] if index.len() else frame.clear()


def is_in(column: str, values: Collection[str]) -> pl.Expr:
    """Return the condition that a column holds one of the values.

    >>> pl.DataFrame({"node": ["a", "b"]}).filter(is_in("node", {"b"}))["node"].to_list()
    ['b']
    """
    return pl.col(column).is_in(sorted(values))


def differing_rows(a: pl.DataFrame, b: pl.DataFrame, keys: Sequence[str]) -> pl.DataFrame:
    """Return the rows of either frame that the other does not hold (nulls compare equal).

    >>> differing_rows(pl.DataFrame({"n": [1, 2]}), pl.DataFrame({"n": [2, 3]}), ["n"])["n"].to_list()
    [1, 3]
    """
    return pl.concat(
        [
            a.join(b, on=list(keys), how="anti", nulls_equal=True),
            b.join(a, on=list(keys), how="anti", nulls_equal=True),
        ]
    )
