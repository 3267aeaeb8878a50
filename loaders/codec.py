"""Entities and links as JSON-ready rows: dates as ISO strings, enums as their values, tuples as lists.

The codec of each entity class is compiled once from its type hints, so a field added to a dataclass in
`model/entities.py` is stored without touching this module.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sys
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, TypeVar

from model.deadlines import Deadline
from model.entities import (
    Activity,
    Authority,
    Entity,
    Group,
    Institute,
    NodeKind,
    Person,
    Roadmap,
    School,
    Source,
    Territory,
)
from model.graph import edge_key
from model.relations import EdgeKind, FanOut, Link

ENTITY_TYPES: Mapping[NodeKind, type[Any]] = {
    NodeKind.TERRITORY: Territory,
    NodeKind.AUTHORITY: Authority,
    NodeKind.INSTITUTE: Institute,
    NodeKind.PERSON: Person,
    NodeKind.GROUP: Group,
    NodeKind.SCHOOL: School,
    NodeKind.ROADMAP: Roadmap,
    NodeKind.ACTIVITY: Activity,
}
"""The dataclass of every node kind."""

LINK_ATTR_TYPES: Mapping[str, type[Enum]] = {"fan_out": FanOut}
"""Link attributes that hold an enum; any other attribute must be a JSON value (str, number, bool, None)."""

T = TypeVar("T")

_KEPT_APART = frozenset({"id", "kind", "source"})
"""Fields that are table columns of their own rather than part of an entity's `data`."""

_NODE_KINDS = {k.value: k for k in NodeKind}
SHARED_FIELDS = frozenset(
    {"roadmap", "territory", "parent", "organisation", "issuer", "controller", "based_on"}
    | {"section", "result", "executors_raw", "deadline", "raw", "notes", "statuses"}
)
"""Fields whose texts repeat from row to row (ids of other nodes, sections, deadlines as written): the
sharing decoders make equal ones one string. Names and activity texts are mostly unique: not worth it."""
EDGE_KINDS: Mapping[str, EdgeKind] = {k.value: k for k in EdgeKind}
"""Every edge kind by its stored value."""
_ATTR_DECODERS: dict[str, dict[Any, Enum]] = {
    key: {m.value: m for m in enum} for key, enum in LINK_ATTR_TYPES.items()
}


class _Dates(dict[str, date]):
    """Dates by ISO text, parsed once: the few thousand days a national store mentions are shared."""

    def __missing__(self, text: str) -> date:
        day = self[text] = date.fromisoformat(text)
        return day


_DATES = _Dates()
compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
"""Compact JSON with letters as they are: the form every stored document takes."""
_QUOTE: Callable[[str], str] = json.encoder.encode_basestring


class _Compiler:
    """Writes, from type hints, one encoding and one decoding function per dataclass, as `dataclasses` does.

    A row of 200,000 activities is decoded in one call per row with the conversions inlined, which is
    several times faster than walking the fields with a converter each.
    """

    def __init__(self) -> None:
        self.names: dict[str, Any] = {
            "_fromiso": _DATES.__getitem__,
            "_new": object.__new__,
            "_absent": object(),
            "_q": _QUOTE,
            "_dumps": compact_json,
            "_id": id,
            "_frepr": float.__repr__,
            "_irepr": int.__repr__,
            "_finite": math.isfinite,
        }
        self.encoders: dict[type[Any], Callable[..., Any]] = {}
        self.writers: dict[type[Any], Callable[..., str]] = {}
        self.decoders: dict[tuple[type[Any], bool], Callable[..., Any]] = {}
        self.constructors: dict[type[Any], Callable[..., Any]] = {}
        self.sources: list[str] = []

    def _name(self, prefix: str, value: Any) -> str:
        name = f"_{prefix}{len(self.names)}"
        self.names[name] = value
        return name

    def _expression(self, tp: Any, var: str, encode: bool, depth: int = 0, share: bool = False) -> str | None:
        """Return the expression converting `var` of a type (to or from its stored form); None: as it is.

        With `share`, a decoded text goes through `keep` (a `dict.setdefault`), so equal texts are one string.
        """
        origin = typing.get_origin(tp)
        if tp is str and share and not encode:
            return f"(keep(_s, _s) if (_s := {var}).__class__ is str else _s)"
        if tp in (str, int, float, bool, type(None), Any):
            return None
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                raise TypeError(f"cannot store a field of type {tp!r}")
            inner = self._expression(args[0], var, encode, depth, share)
            return None if inner is None else f"(None if {var} is None else {inner})"
        if isinstance(tp, type) and issubclass(tp, Enum):
            return f"{var}.value" if encode else f"{self._name('enum', {m.value: m for m in tp})}[{var}]"
        if tp is date:
            return f"{var}.isoformat()" if encode else f"_fromiso({var})"
        if origin is tuple:
            items = typing.get_args(tp)
            if len(items) == 2 and items[1] is Ellipsis:
                x = f"x{depth}"
                inner = self._expression(items[0], x, encode, depth + 1, share)
                if inner is None:
                    return f"list({var})" if encode else f"tuple({var})"
                listed = f"[{inner} for {x} in {var}]"
                return listed if encode else f"tuple({listed})"
            parts = [
                self._expression(a, f"{var}[{i}]", encode, depth, share) or f"{var}[{i}]"
                for i, a in enumerate(items)
            ]
            return f"[{', '.join(parts)}]" if encode else f"({', '.join(parts)},)"
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            function = self.encoder_of(tp) if encode else self.decoder_of(tp, share=share)
            return f"{self._name('nested', function)}({var}{', keep' if share else ''})"
        raise TypeError(f"cannot store a field of type {tp!r}")

    def _fields(self, cls: type[Any], apart: frozenset[str]) -> list[tuple[dataclasses.Field[Any], Any]]:
        # Class attributes are left out of the names, as `Roadmap.date` (a slot) would hide `datetime.date`.
        names = {**vars(sys.modules[cls.__module__]), "Deadline": Deadline}
        hints = typing.get_type_hints(cls, globalns=names, localns=names)
        return [(f, hints[f.name]) for f in dataclasses.fields(cls) if f.init and f.name not in apart]

    def _compile(self, name: str, source: str) -> Callable[..., Any]:
        self.sources.append(source)
        exec(source, self.names)  # the source is built above from type hints, never from data
        return self.names.pop(name)  # type: ignore[no-any-return]

    def encoder_of(
        self, cls: type[Any], apart: frozenset[str] = frozenset()
    ) -> Callable[[Any], dict[str, Any]]:
        """Return the function that turns an instance into a JSON-ready dict of its fields (but `apart`)."""
        if cls not in self.encoders:
            items = []
            for f, tp in self._fields(cls, apart):
                items.append(f"{f.name!r}: {self._expression(tp, f'o.{f.name}', True) or f'o.{f.name}'}")
            name = f"encode_{cls.__name__}"
            self.encoders[cls] = self._compile(name, f"def {name}(o):\n    return {{{', '.join(items)}}}\n")
        return self.encoders[cls]

    def _json(self, tp: Any, var: str, depth: int = 0) -> str:
        """Return the expression writing `var` of a type as JSON text: `compact_json` of its encoded form."""
        origin = typing.get_origin(tp)
        if tp is str:
            return f"_q({var})"
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            inner = self._json(args[0], var, depth) if len(args) == 1 else f"_dumps({var})"
            return f"('null' if {var} is None else {inner})"
        if isinstance(tp, type) and issubclass(tp, Enum):  # a member not of the enum raises KeyError
            return f"{self._name('member', {m: compact_json(m.value) for m in tp})}[{var}]"
        if tp is float:  # what json writes for a finite float is its repr
            return f"(_frepr({var}) if {var}.__class__ is float and _finite({var}) else _dumps({var}))"
        if tp is int:
            return f"(_irepr({var}) if {var}.__class__ is int else _dumps({var}))"
        if tp is date:
            return f"('\"' + {var}.isoformat() + '\"')"
        if origin is tuple:
            items = typing.get_args(tp)
            if len(items) == 2 and items[1] is Ellipsis:
                x = f"x{depth}"
                return f"('[' + ','.join([{self._json(items[0], x, depth + 1)} for {x} in {var}]) + ']')"
            parts = " + ',' + ".join(self._json(a, f"{var}[{i}]", depth) for i, a in enumerate(items))
            return f"('[' + {parts} + ']')"
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            return f"{self._name('nested', self.writer_of(tp))}({var}, m)"
        return f"_dumps({var})"

    def _json_field(self, name: str, tp: Any) -> str:
        if tp is str and name in SHARED_FIELDS:  # a repeating text: quoted once per batch
            return f"(m[_v] if (_v := o.{name}).__class__ is str else _q(_v))"
        return self._json(tp, f"o.{name}")

    def writer_of(self, cls: type[Any], apart: frozenset[str] = frozenset()) -> Callable[..., str]:
        """Return the function writing an instance's fields (but `apart`) as the JSON text of `encoder_of`.

        It takes the instance and a dict the caller keeps for one batch: a nested instance met again (a
        deadline parsed once and shared by the rows of its cell) is written once.
        """
        if cls not in self.writers:
            fields = self._fields(cls, apart)
            template = "{" + ",".join(f"{json.dumps(f.name)}:%s" for f, _ in fields) + "}"
            values = "".join(f"{self._json_field(f.name, tp)}, " for f, tp in fields)
            text = f"{template!r} % ({values})"
            name = f"write_{cls.__name__}"
            if apart:
                source = f"def {name}(o, m):\n    return {text}\n"
            else:
                source = (
                    f"def {name}(o, m):\n    k = _id(o)\n    hit = m.get(k)\n"
                    "    if hit is not None and hit[0] is o:\n        return hit[1]\n"
                    f"    t = {text}\n    m[k] = (o, t)\n    return t\n"
                )
            self.writers[cls] = self._compile(name, source)
        return self.writers[cls]

    def _building(self, cls: type[Any], values: list[str]) -> str:
        """Return the body that builds an instance from expressions of its init fields, in order.

        A frozen dataclass's `__init__` sets each field through `object.__setattr__`; for a slots class
        without `__post_init__` the slots' own descriptors do the same in a third of the time. Any other
        class is built by calling it.
        """
        fields = dataclasses.fields(cls)
        slots = [cls.__dict__.get(f.name) for f in fields]
        if hasattr(cls, "__post_init__") or not all(isinstance(s, types.MemberDescriptorType) for s in slots):
            return f"    return {self._name('cls', cls)}({', '.join(values)})\n"
        lines = [f"    o = _new({self._name('cls', cls)})"]
        init_values = iter(values)
        for f in fields:
            if f.init:
                value = next(init_values)
            elif f.default is not dataclasses.MISSING:
                value = self._name("default", f.default)
            else:
                value = f"{self._name('factory', f.default_factory)}()"
            lines.append(f"    {self._name('set', cls.__dict__[f.name].__set__)}(o, {value})")
        return "\n".join(lines) + "\n    return o\n"

    def constructor_of(self, cls: type[Any]) -> Callable[..., Any]:
        """Return a function that builds an instance from its init fields, given in order, quickly."""
        if cls not in self.constructors:
            params = [f"a{i}" for i, f in enumerate(f for f in dataclasses.fields(cls) if f.init)]
            name = f"new_{cls.__name__}"
            body = self._building(cls, params)
            self.constructors[cls] = self._compile(name, f"def {name}({', '.join(params)}):\n{body}")
        return self.constructors[cls]

    def builder_of(self, cls: type[Any], names: tuple[str, ...]) -> Callable[..., Any]:
        """Return a function building a slots dataclass from the named fields, in that order, through its
        slots; the other fields take their defaults. A field it has not, a repeated one, a missing one
        without a default or a class that needs its `__init__` is refused when the builder is made."""
        fields = [f for f in dataclasses.fields(cls) if f.init]
        unknown = sorted(set(names) - {f.name for f in fields})
        if unknown or len(set(names)) != len(names):
            raise TypeError(f"{cls.__name__} has no fields {unknown}, or they repeat: {names}")
        values = []
        for f in fields:
            if f.name in names:
                values.append(f"a{names.index(f.name)}")
            elif f.default is not dataclasses.MISSING:
                values.append(self._name("default", f.default))
            elif f.default_factory is not dataclasses.MISSING:
                values.append(f"{self._name('factory', f.default_factory)}()")
            else:
                raise TypeError(f"{cls.__name__}.{f.name} has no default and is not given")
        body = self._building(cls, values)
        if "_new(" not in body:
            raise TypeError(f"{cls.__name__} is not a slots dataclass built by its fields alone")
        name = f"build_{cls.__name__}"
        return self._compile(name, f"def {name}({', '.join(f'a{i}' for i in range(len(names)))}):\n{body}")

    def decoder_of(
        self, cls: type[Any], apart: frozenset[str] = frozenset(), *, share: bool = False
    ) -> Callable[..., Any]:
        """Return the function that builds an instance from its stored dict (and the `apart` fields).

        Keys the dataclass does not know are ignored and missing fields take their defaults, so rows
        written by an older or newer model still load. With `share` it takes one more argument, `keep`
        (a `dict.setdefault`), through which the texts of `SHARED_FIELDS` pass.
        """
        if (cls, share) not in self.decoders:
            hints = dict((f.name, tp) for f, tp in self._fields(cls, frozenset()))
            values = []
            for f in dataclasses.fields(cls):
                if not f.init:
                    continue
                if f.name in apart:
                    values.append(f.name)
                    continue
                if f.default is not dataclasses.MISSING:
                    default = self._name("default", f.default)
                elif f.default_factory is not dataclasses.MISSING:
                    default = f"{self._name('factory', f.default_factory)}()"
                else:
                    stored = f"d[{f.name!r}]"
                    shared = share and f.name in SHARED_FIELDS
                    values.append(self._expression(hints[f.name], stored, False, share=shared) or stored)
                    continue
                converted = self._expression(
                    hints[f.name], "v", False, share=share and f.name in SHARED_FIELDS
                )
                if converted is None:
                    values.append(f"d.get({f.name!r}, {default})")
                else:
                    absent = f"(v := d.get({f.name!r}, _absent)) is _absent"
                    values.append(f"({default} if {absent} else {converted})")
            name = f"decode_{cls.__name__}{'_sharing' if share else ''}"
            params = ", ".join([*sorted(apart - {"kind"}), "d", *(["keep"] if share else [])])
            self.decoders[cls, share] = self._compile(
                name, f"def {name}({params}):\n{self._building(cls, values)}"
            )
        return self.decoders[cls, share]


class _Written(dict[Any, Any]):
    """What one batch has written: nested values by their id, and repeating texts quoted once."""

    def __missing__(self, text: str) -> str:
        quoted = self[text] = _QUOTE(text)
        return quoted


_COMPILER = _Compiler()
_ENCODERS: dict[NodeKind, Callable[[Any], dict[str, Any]]] = {
    k: _COMPILER.encoder_of(cls, _KEPT_APART) for k, cls in ENTITY_TYPES.items()
}
_WRITERS: dict[NodeKind, Callable[[Any, dict[int, Any]], str]] = {
    k: _COMPILER.writer_of(cls, _KEPT_APART) for k, cls in ENTITY_TYPES.items()
}
_DECODERS: dict[str, Callable[..., Entity]] = {
    k.value: _COMPILER.decoder_of(cls, _KEPT_APART) for k, cls in ENTITY_TYPES.items()
}
SHARING_DECODERS: Mapping[
    str, Callable[[str, Source, Mapping[str, Any], Callable[[str, str], str]], Entity]
] = {k.value: _COMPILER.decoder_of(cls, _KEPT_APART, share=True) for k, cls in ENTITY_TYPES.items()}
"""The decoder of every stored kind, sharing equal texts: `SHARING_DECODERS[kind](id, source, fields, keep)`
is `entity_from_fields` whose repeating texts (`SHARED_FIELDS`) go through `keep`, a `dict.setdefault` the
caller holds for as long as the texts it has seen should be shared."""


def builder_of(cls: type[T], *names: str) -> Callable[..., T]:
    """Return a function building a frozen slots dataclass from the given fields, in that order, without its
    `__init__` (several times faster); the others take their defaults. The instance is the same: equal to
    and hashed like one `__init__` makes.

    >>> builder_of(Source, "file", "row")("a.xlsx", 3) == Source("a.xlsx", row=3)
    True
    """
    return _COMPILER.builder_of(cls, names)


new_link: Callable[[str, EdgeKind, str, dict[str, Any], Source], Link] = _COMPILER.constructor_of(Link)
"""Build a `Link` from all its fields, in order, faster than its `__init__` (the store builds a million)."""
new_source: Callable[[str, str, int | None], Source] = _COMPILER.constructor_of(Source)
"""Build a `Source` from its file, sheet and row, faster than its `__init__`."""


def entity_fields(e: Entity) -> dict[str, Any]:
    """Return an entity's JSON-ready fields, without `id`, `kind` and `source` (the store keeps them apart).

    >>> from model.entities import Territory, TerritoryLevel
    >>> entity_fields(Territory("ter:a", "А", TerritoryLevel.REGION))
    {'name': 'А', 'level': 'region', 'parent': None}
    """
    return _ENCODERS[e.kind](e)


def entity_json_writer() -> Callable[[Entity], str]:
    """Return a function writing an entity's fields as the JSON text of `entity_fields`, for one batch.

    It is several times faster than encoding the dict: texts are quoted by the C quoter, and a nested
    value shared by many entities (the deadline of a cell, parsed once) is written once. An entity
    whose values do not match its type hints is written through the dict, so the text never differs.

    >>> write = entity_json_writer()
    >>> from model.entities import Territory, TerritoryLevel
    >>> write(Territory("ter:a", "А", TerritoryLevel.REGION))
    '{"name":"А","level":"region","parent":null}'
    """
    seen = _Written()

    def write(e: Entity) -> str:
        try:
            return _WRITERS[e.kind](e, seen)
        except (TypeError, AttributeError, KeyError):
            return compact_json(_ENCODERS[e.kind](e))

    return write


@lru_cache(maxsize=1 << 16)
def value_json(value: Any) -> str:
    """Return a value held in an entity's fields (a deadline) as the JSON text the entity is written with.

    >>> from model.deadlines import parse_deadline
    >>> value_json(parse_deadline("до 1 сентября 2021"))[:41]
    '{"kind":"date","start":"2021-09-01","end"'
    """
    # A roadmap's few hundred deadline cells are parsed once (`parse_deadline` keeps them), so they come
    # back as the same values import after import.
    return compact_json(_COMPILER.encoder_of(type(value))(value))


def entity_from_fields(kind: NodeKind | str, id: str, fields: Mapping[str, Any], source: Source) -> Entity:
    """Return the entity of a kind from its id, its stored fields and its source.

    Stored fields the dataclass no longer has are ignored, and fields it gained take their defaults,
    so rows written by an older version of the model still load.
    """
    return _DECODERS[kind](id, source, fields)


def source_to_row(source: Source) -> dict[str, Any]:
    """Return a source as a JSON-ready mapping."""
    return {"file": source.file, "sheet": source.sheet, "row": source.row}


def source_from_row(row: Mapping[str, Any] | None) -> Source:
    """Return the source a mapping describes; an absent mapping is an unknown source."""
    if not row:
        return Source()
    return Source(row.get("file") or "", row.get("sheet") or "", row.get("row"))


def entity_to_row(e: Entity) -> dict[str, Any]:
    """Return every field of an entity as a JSON-ready mapping (its kind is stored beside it).

    >>> from model.entities import School, SchoolStatus, Source
    >>> entity_to_row(School("school:1", "Школа 1", "ter:a", (SchoolStatus(2020),), source=Source("a.xlsx")))
    ... # doctest: +NORMALIZE_WHITESPACE
    {'id': 'school:1', 'name': 'Школа 1', 'territory': 'ter:a',
     'statuses': [{'year': 2020, 'status': 'шнор'}], 'short': '', 'capacity': None,
     'source': {'file': 'a.xlsx', 'sheet': '', 'row': None}}
    """
    return {"id": e.id, **entity_fields(e), "source": source_to_row(e.source)}


def entity_from_row(kind: NodeKind | str, data: Mapping[str, Any]) -> Entity:
    """Return the entity of a kind that `entity_to_row` described.

    >>> e = entity_from_row("territory", {"id": "ter:a", "name": "А", "level": "region"})
    >>> e.level, e.source
    (<TerritoryLevel.REGION: 'region'>, Source(file='', sheet='', row=None))
    """
    fields = {k: v for k, v in data.items() if k not in _KEPT_APART}
    return entity_from_fields(kind, data["id"], fields, source_from_row(data.get("source")))


def attrs_to_row(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Return a link's attributes as a JSON-ready mapping: enums become their values."""
    return {k: v.value if isinstance(v, Enum) else v for k, v in attrs.items()}


def attrs_from_row(row: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return a link's attributes from their stored mapping: known enum attributes become enums again.

    >>> attrs_from_row({"fan_out": "schools", "lead": True})
    {'fan_out': <FanOut.SCHOOLS: 'schools'>, 'lead': True}
    """
    if not row:
        return {}
    return {k: _ATTR_DECODERS[k][v] if k in _ATTR_DECODERS and v is not None else v for k, v in row.items()}


def link_to_row(link: Link) -> dict[str, Any]:
    """Return a link as a JSON-ready mapping, with its graph edge key.

    >>> link_to_row(Link("ter:a", EdgeKind.RESPONSIBLE_FOR, "act:1", {"fan_out": FanOut.SCHOOLS}))
    ... # doctest: +NORMALIZE_WHITESPACE
    {'source': 'ter:a', 'kind': 'responsible_for', 'key': 'responsible_for:schools', 'target': 'act:1',
     'attrs': {'fan_out': 'schools'}, 'origin': {'file': '', 'sheet': '', 'row': None}}
    """
    return {
        "source": link.source,
        "kind": link.kind.value,
        "key": edge_key(link),
        "target": link.target,
        "attrs": attrs_to_row(link.attrs),
        "origin": source_to_row(link.origin),
    }


def kind_key_and_attrs(link: Link) -> tuple[str, str, str | None]:
    """Return the stored kind, edge key and attributes' JSON of a link (None for no attributes).

    >>> kind_key_and_attrs(Link("ter:a", EdgeKind.RESPONSIBLE_FOR, "act:1", {"fan_out": FanOut.SCHOOLS}))
    ('responsible_for', 'responsible_for:schools', '{"fan_out":"schools"}')
    """
    return link.kind.value, edge_key(link), compact_json(attrs_to_row(link.attrs)) if link.attrs else None


def link_from_row(row: Mapping[str, Any]) -> Link:
    """Return the link that `link_to_row` described (its `key` is derived, so it is not read)."""
    return Link(
        row["source"],
        EDGE_KINDS[row["kind"]],
        row["target"],
        attrs_from_row(row.get("attrs")),
        source_from_row(row.get("origin")),
    )
