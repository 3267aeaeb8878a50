"""Entities and links survive the trip to JSON-ready rows and back, whatever their fields hold."""

import dataclasses
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.codec import (
    _COMPILER,
    ENTITY_TYPES,
    attrs_from_row,
    entity_fields,
    entity_from_fields,
    entity_from_row,
    entity_json_writer,
    entity_to_row,
    link_from_row,
    link_to_row,
    new_link,
    new_source,
)
from model.deadlines import Deadline, DeadlineKind
from model.entities import (
    Activity,
    AuthorityLevel,
    GroupKind,
    InstituteKind,
    NodeKind,
    Person,
    RoadmapLevel,
    School,
    SchoolStatus,
    SchoolStatusKind,
    Source,
    Territory,
    TerritoryLevel,
)
from model.relations import EdgeKind, FanOut, Link

# Text as it may come from a spreadsheet: any character SQLite can store (no lone surrogates).
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
optional_text = st.none() | text
capacity = st.none() | st.floats(allow_nan=False, allow_infinity=False)
optional_date = st.none() | st.dates()
sources = st.builds(Source, file=text, sheet=text, row=st.none() | st.integers(-(2**63), 2**63 - 1))
deadlines = st.builds(
    Deadline,
    kind=st.sampled_from(DeadlineKind),
    start=optional_date,
    end=optional_date,
    occurrences=st.lists(st.tuples(st.dates(), st.dates()), max_size=4).map(tuple),
    raw=text,
    notes=st.lists(text, max_size=3).map(tuple),
)
school_statuses = st.builds(
    SchoolStatus, year=st.integers(1990, 2100), status=st.sampled_from(SchoolStatusKind)
)

FIELDS: dict[NodeKind, dict[str, st.SearchStrategy[Any]]] = {
    NodeKind.TERRITORY: {
        "id": text,
        "name": text,
        "level": st.sampled_from(TerritoryLevel),
        "parent": optional_text,
        "source": sources,
    },
    NodeKind.AUTHORITY: {
        "id": text,
        "name": text,
        "level": st.sampled_from(AuthorityLevel),
        "territory": text,
        "short": text,
        "capacity": capacity,
        "source": sources,
    },
    NodeKind.INSTITUTE: {
        "id": text,
        "name": text,
        "institute_kind": st.sampled_from(InstituteKind),
        "territory": text,
        "short": text,
        "capacity": capacity,
        "source": sources,
    },
    NodeKind.PERSON: {
        "id": text,
        "name": text,
        "position": text,
        "organisation": optional_text,
        "capacity": capacity,
        "source": sources,
    },
    NodeKind.GROUP: {
        "id": text,
        "name": text,
        "territory": text,
        "group_kind": st.sampled_from(GroupKind),
        "capacity": capacity,
        "source": sources,
    },
    NodeKind.SCHOOL: {
        "id": text,
        "name": text,
        "territory": text,
        "statuses": st.lists(school_statuses, max_size=4).map(tuple),
        "short": text,
        "capacity": capacity,
        "source": sources,
    },
    NodeKind.ROADMAP: {
        "id": text,
        "title": text,
        "issuer": text,
        "territory": text,
        "level": st.sampled_from(RoadmapLevel),
        "number": text,
        "date": optional_date,
        "plan_start": optional_date,
        "plan_end": optional_date,
        "based_on": optional_text,
        "controller": optional_text,
        "source": sources,
    },
    NodeKind.ACTIVITY: {
        "id": text,
        "roadmap": text,
        "number": text,
        "text": text,
        "deadline": deadlines,
        "section": text,
        "weight": st.floats(allow_nan=False),
        "result": text,
        "executors_raw": text,
        "source": sources,
    },
}
"""How to draw every init field of every entity class (checked below), so a new field cannot slip past."""

STRATEGIES = {kind: st.builds(ENTITY_TYPES[kind], **fields) for kind, fields in FIELDS.items()}

attr_values = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False) | text
link_attrs = st.fixed_dictionaries(
    {},
    optional={
        "lead": st.booleans(),
        "ref": text,
        "fan_out": st.sampled_from(FanOut),
        "year": st.integers(1990, 2100),
        "role": text,
    },
) | st.dictionaries(text.filter(lambda k: k != "fan_out"), attr_values, max_size=3)
links = st.builds(
    Link, source=text, kind=st.sampled_from(EdgeKind), target=text, attrs=link_attrs, origin=sources
)


def test_the_strategies_draw_every_field_of_every_entity_class() -> None:
    drawn = {kind: set(fields) for kind, fields in FIELDS.items()}
    expected = {
        kind: {f.name for f in dataclasses.fields(cls) if f.init} for kind, cls in ENTITY_TYPES.items()
    }
    assert drawn == expected
    assert set(ENTITY_TYPES) == set(NodeKind)


def _as_json(row: dict[str, Any]) -> Any:
    return json.loads(json.dumps(row, ensure_ascii=False))


@pytest.mark.parametrize("kind", list(NodeKind))
@settings(max_examples=80)
@given(data=st.data())
def test_every_entity_kind_survives_a_round_trip_through_json(kind: NodeKind, data: st.DataObject) -> None:
    e = data.draw(STRATEGIES[kind])
    back = entity_from_row(e.kind, _as_json(entity_to_row(e)))
    assert back == e
    assert [type(getattr(back, f.name)) for f in dataclasses.fields(e)] == [
        type(getattr(e, f.name)) for f in dataclasses.fields(e)
    ]


@pytest.mark.parametrize("kind", list(NodeKind))
@given(data=st.data())
def test_fields_and_columns_kept_apart_make_the_same_entity(kind: NodeKind, data: st.DataObject) -> None:
    e = data.draw(STRATEGIES[kind])
    assert entity_from_fields(e.kind.value, e.id, _as_json(entity_fields(e)), e.source) == e


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@pytest.mark.parametrize("kind", list(NodeKind))
@settings(max_examples=80)
@given(data=st.data())
def test_the_stored_text_of_an_entity_is_the_compact_json_of_its_fields(
    kind: NodeKind, data: st.DataObject
) -> None:
    first, second = data.draw(STRATEGIES[kind]), data.draw(STRATEGIES[kind])
    write = entity_json_writer()
    # Twice each, in one batch: a nested value written again comes from what the batch remembers.
    assert [write(e) for e in (first, second, first)] == [
        _COMPACT(entity_fields(e)) for e in (first, second, first)
    ]


def test_activities_sharing_a_deadline_each_get_it_and_odd_texts_are_escaped_as_json_does() -> None:
    shared = Deadline(
        DeadlineKind.MONTH,
        date(2025, 3, 1),
        date(2025, 3, 31),
        ((date(2025, 3, 1), date(2025, 3, 31)),),
        "март",
    )
    activities = [
        Activity("act:1", "rm:1", "1.", 'Текст с "кавычками",\n\\ и\tтабуляцией', shared, section="Раздел"),
        Activity("act:2", "rm:1", "2.", "Другое", shared, section="Раздел", weight=2),
        Activity(
            "act:3", "rm:1", "3.", "\x00\u2028", dataclasses.replace(shared, raw="март 2025"), weight=0.5
        ),
        Activity("act:4", "rm:1", "4.", "Без меры", shared, weight=float("inf")),
    ]
    write = entity_json_writer()
    texts = [write(a) for a in activities]
    assert texts == [_COMPACT(entity_fields(a)) for a in activities]
    assert json.loads(texts[1])["deadline"] == json.loads(texts[0])["deadline"]
    assert json.loads(texts[1])["weight"] == 2 and json.loads(texts[2])["deadline"]["raw"] == "март 2025"


def test_an_entity_holding_a_value_its_type_does_not_name_is_written_as_its_dict_would_be() -> None:
    odd = Territory("ter:a", 5, TerritoryLevel.REGION)  # type: ignore[arg-type]
    assert entity_json_writer()(odd) == '{"name":5,"level":"region","parent":null}'


@settings(max_examples=300)
@given(links)
def test_every_link_survives_a_round_trip_with_its_attributes_and_origin(link: Link) -> None:
    back = link_from_row(_as_json(link_to_row(link)))
    assert (back.source, back.kind, back.target, back.attrs, back.origin) == (
        link.source,
        link.kind,
        link.target,
        link.attrs,
        link.origin,
    )
    assert {k: type(v) for k, v in back.attrs.items()} == {k: type(v) for k, v in link.attrs.items()}


def test_an_activity_row_holds_its_deadline_with_every_occurrence_as_iso_dates() -> None:
    deadline = Deadline(
        DeadlineKind.SEVERAL,
        date(2020, 10, 1),
        date(2021, 3, 31),
        ((date(2020, 10, 1), date(2020, 10, 31)), (date(2021, 3, 1), date(2021, 3, 31))),
        "октябрь 2020, март 2021",
        ("два срока",),
    )
    activity = Activity(
        "rm:kuzbass/162#7", "rm:kuzbass/162", "1.2", "Семинар", deadline, source=Source("a.xlsx", "Лист1", 7)
    )
    assert entity_to_row(activity) == {
        "id": "rm:kuzbass/162#7",
        "roadmap": "rm:kuzbass/162",
        "number": "1.2",
        "text": "Семинар",
        "deadline": {
            "kind": "several",
            "start": "2020-10-01",
            "end": "2021-03-31",
            "occurrences": [["2020-10-01", "2020-10-31"], ["2021-03-01", "2021-03-31"]],
            "raw": "октябрь 2020, март 2021",
            "notes": ["два срока"],
        },
        "section": "",
        "weight": 1.0,
        "result": "",
        "executors_raw": "",
        "source": {"file": "a.xlsx", "sheet": "Лист1", "row": 7},
    }
    assert entity_from_row("activity", entity_to_row(activity)) == activity


def test_a_school_row_holds_its_status_per_academic_year() -> None:
    school = School(
        "school:polysaevo/35",
        "МБОУ «Школа № 35»",
        "ter:polysaevo",
        (SchoolStatus(2020), SchoolStatus(2024, SchoolStatusKind.AT_RISK)),
    )
    row = entity_to_row(school)
    assert row["statuses"] == [{"year": 2020, "status": "шнор"}, {"year": 2024, "status": "зона риска"}]
    assert entity_from_row(NodeKind.SCHOOL, row).status_in(2024) is SchoolStatusKind.AT_RISK  # type: ignore[union-attr]


def test_a_row_written_before_a_field_existed_takes_the_default_and_unknown_keys_are_ignored() -> None:
    row = {"id": "person:a", "name": "Шитова О.А.", "retired_field": 1}
    assert entity_from_row("person", row) == Person("person:a", "Шитова О.А.")


def test_a_fan_out_link_row_holds_the_fan_out_value_and_its_edge_key() -> None:
    link = Link(
        "ter:polysaevo",
        EdgeKind.RESPONSIBLE_FOR,
        "rm:1#5",
        {"lead": False, "ref": "ОО", "fan_out": FanOut.SCHOOLS},
        Source("a.docx", "Таблица 1", 5),
    )
    assert link_to_row(link) == {
        "source": "ter:polysaevo",
        "kind": "responsible_for",
        "key": "responsible_for:schools",
        "target": "rm:1#5",
        "attrs": {"lead": False, "ref": "ОО", "fan_out": "schools"},
        "origin": {"file": "a.docx", "sheet": "Таблица 1", "row": 5},
    }
    assert link_from_row(link_to_row(link)).attrs["fan_out"] is FanOut.SCHOOLS


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (None, {}),
        ({}, {}),
        ({"fan_out": "municipal_authorities"}, {"fan_out": FanOut.MUNICIPAL_AUTHORITIES}),
        ({"fan_out": None, "lead": True}, {"fan_out": None, "lead": True}),
        ({"year": 2021}, {"year": 2021}),
    ],
)
def test_stored_attributes_come_back_with_enums_where_the_attribute_holds_one(
    stored: dict[str, Any] | None, expected: dict[str, Any]
) -> None:
    assert attrs_from_row(stored) == expected


@given(links)
def test_the_fast_link_constructor_builds_the_same_link_as_its_class(link: Link) -> None:
    built = new_link(
        link.source, link.kind, link.target, link.attrs, new_source(*dataclasses.astuple(link.origin))
    )
    assert dataclasses.astuple(built) == dataclasses.astuple(link)
    assert type(built.origin) is Source


def test_a_dataclass_that_checks_itself_is_built_by_calling_it() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    build = _COMPILER.constructor_of(Checked)
    assert build(3) == Checked(3)
    with pytest.raises(ValueError, match="negative"):
        build(-1)
