"""The snapshot kept between restarts: the next start reads what the first one built, and sees the same."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from dashboard import data, prepare
from loaders.prepared import prepared_path


def _built_counting(path: str, builds: list[str]) -> data.Snapshot:
    builds.append(path)
    return data.build_snapshot(path)


def test_the_second_start_reads_the_snapshot_the_first_one_built(writable_db: Path) -> None:
    path, builds = str(writable_db), []
    version = data.current_version(path)
    first, how_first = prepare.prepared(path, version, data.Snapshot, lambda: _built_counting(path, builds))
    second, how_second = prepare.prepared(path, version, data.Snapshot, lambda: _built_counting(path, builds))
    assert (how_first, how_second, len(builds)) == ("built", "read", 1)
    assert second is not first


def test_a_snapshot_read_back_shows_the_same_as_the_one_built(writable_db: Path) -> None:
    path = str(writable_db)
    version = data.current_version(path)
    built, _ = prepare.prepared(path, version, data.Snapshot, lambda: data.build_snapshot(path))
    read, how = prepare.prepared(path, version, data.Snapshot, lambda: pytest.fail("rebuilt"))
    assert how == "read"
    frames = [
        "places",
        "territories",
        "schools",
        "roadmaps",
        "activities",
        "assignments",
        "load",
        "executors",
    ]
    assert all(getattr(read, name).equals(getattr(built, name)) for name in frames)
    assert (read.activities.height, read.issues, dict(read.labels)) == (93, built.issues, dict(built.labels))
    assert sorted(read.G.edges(keys=True)) == sorted(built.G.edges(keys=True))
    assert dict(read.G.nodes(data="entity")) == dict(built.G.nodes(data="entity"))
    assert data.chain(read, "school", next(iter(read.schools["school"]))) is not None
    plan_frames = [*dataclasses.astuple(read.plan.tables), read.plan.structure, read.plan.roadmaps]
    built_frames = [*dataclasses.astuple(built.plan.tables), built.plan.structure, built.plan.roadmaps]
    assert all(a.equals(b) for a, b in zip(plan_frames, built_frames, strict=True))


def test_a_new_import_makes_the_next_start_build_again(writable_db: Path) -> None:
    from loaders.store import open_store, remove_import

    path = str(writable_db)
    prepare.prepared(path, data.current_version(path), data.Snapshot, lambda: data.build_snapshot(path))
    with open_store(path) as store:
        assert remove_import(store, "olenegorsk_576.ods")
    snap, how = prepare.prepared(
        path, data.current_version(path), data.Snapshot, lambda: data.build_snapshot(path)
    )
    assert (how, snap.activities.height) == ("built", 83)


def test_a_damaged_kept_snapshot_is_rebuilt_not_shown(writable_db: Path) -> None:
    path = str(writable_db)
    version = data.current_version(path)
    prepare.prepared(path, version, data.Snapshot, lambda: data.build_snapshot(path))
    kept = prepared_path(path)
    raw = kept.read_bytes()
    header_end = raw.index(b"\n", raw.index(b"\n", raw.index(b"\n") + 1) + 1) + 1
    kept.write_bytes(raw[:header_end] + b"\x00" * (len(raw) - header_end))
    snap, how = prepare.prepared(path, version, data.Snapshot, lambda: data.build_snapshot(path))
    assert (how, snap.activities.height) == ("built", 93)
    assert snap.activities.filter(pl.col("file") == "olenegorsk_576.ods").height == 10


def test_the_prepare_command_builds_then_reads(writable_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert prepare.main(["--db", str(writable_db)]) == 0
    assert prepare.main(["--db", str(writable_db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split("снимок ")[1].split(" за ")[0] for line in out] == ["построен", "прочитан готовый"]
    assert out[-1].endswith("мероприятий: 93")


def test_frames_come_back_whole_and_shared_where_they_were(tmp_path: Path) -> None:
    schools = pl.DataFrame({"school": ["sch:1", "sch:2"], "listed": [True, False]})
    months = pl.DataFrame({"month": [date(2025, 1, 1)], "windows": [3]})
    kept = tmp_path / "kept.bin"
    with kept.open("wb") as f:
        f.write(b"header\n")
        prepare.dump((schools, {"again": schools, "months": months}, "ШНОР"), f)
    with kept.open("rb") as f:
        f.readline()
        read = prepare.load(f, tuple)
    assert read is not None
    first, rest, text = read
    assert first.equals(schools) and rest["months"].equals(months) and text == "ШНОР"
    assert rest["again"] is first


def test_a_snapshot_cut_short_is_not_read(tmp_path: Path) -> None:
    kept = tmp_path / "kept.bin"
    with kept.open("wb") as f:
        prepare.dump((pl.DataFrame({"school": ["sch:1"]}), "ШНОР"), f)
    whole = kept.read_bytes()
    for cut in (len(whole) - 1, len(whole) - 20, len(whole) // 2):
        kept.write_bytes(whole[:cut])
        with kept.open("rb") as f:
            assert prepare.load(f, tuple) is None


def test_frames_read_back_stay_whole_when_a_newer_snapshot_replaces_their_file(tmp_path: Path) -> None:
    schools = pl.DataFrame(
        {"school": [f"sch:{i}" for i in range(1000)], "listed": [i % 2 == 0 for i in range(1000)]}
    )
    kept, newer = tmp_path / "kept.bin", tmp_path / "newer.bin"
    with kept.open("wb") as f:
        prepare.dump((schools, "ШНОР"), f)
    with kept.open("rb") as f:
        read = prepare.load(f, tuple)
    with newer.open("wb") as f:
        prepare.dump((pl.DataFrame({"school": ["sch:другая"]}), "другой"), f)
    newer.replace(kept)  # as a rebuilt snapshot is put in place while the dashboard runs
    assert read is not None and read[0].equals(schools)
    kept.unlink()  # and as the cache folder is emptied
    assert read[0].filter(pl.col("listed")).height == 500
    assert read[0]["school"].to_list()[-1] == "sch:999"
