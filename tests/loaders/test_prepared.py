"""The prepared state of a store: kept in the user's cache folder, read back only when it still fits."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.prepared import CACHE_ENV, forget_prepared, prepared_path, read_prepared, write_prepared


def keep(db: Path, version: str, payload: bytes) -> Path | None:
    return write_prepared(db, version, lambda f: f.write(payload))


def read(db: Path, version: str) -> bytes | None:
    return read_prepared(db, version, lambda f: f.read())


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_a_kept_payload_is_read_back_at_the_same_data_version(cache: Path, tmp_path: Path) -> None:
    db = tmp_path / "karta.sqlite"
    keep(db, "store-7", b"payload")
    assert read(db, "store-7") == b"payload"


def test_a_payload_of_another_data_version_is_not_read(cache: Path, tmp_path: Path) -> None:
    db = tmp_path / "karta.sqlite"
    keep(db, "store-7", b"payload")
    assert read(db, "store-8") is None


def test_each_store_has_its_own_payload(cache: Path, tmp_path: Path) -> None:
    keep(tmp_path / "a.sqlite", "v", b"first")
    keep(tmp_path / "b.sqlite", "v", b"second")
    assert (read(tmp_path / "a.sqlite", "v"), read(tmp_path / "b.sqlite", "v")) == (
        b"first",
        b"second",
    )


def test_the_payload_lives_in_the_cache_folder_not_beside_the_database(cache: Path, tmp_path: Path) -> None:
    db = tmp_path / "data" / "karta.sqlite"
    written = keep(db, "v", b"payload")
    assert written == prepared_path(db)
    assert written is not None and written.parent == cache
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("cut", [1, 10, 30])
def test_a_truncated_file_is_ignored(cache: Path, tmp_path: Path, cut: int) -> None:
    db = tmp_path / "karta.sqlite"
    path = keep(db, "v", b"payload of some length")
    assert path is not None
    path.write_bytes(path.read_bytes()[:-cut])
    assert read(db, "v") is None


def test_a_foreign_file_is_ignored(cache: Path, tmp_path: Path) -> None:
    db = tmp_path / "karta.sqlite"
    cache.mkdir()
    prepared_path(db).write_bytes(b"not ours at all")
    assert read(db, "v") is None


def test_a_forgotten_payload_is_gone(cache: Path, tmp_path: Path) -> None:
    db = tmp_path / "karta.sqlite"
    keep(db, "v", b"payload")
    forget_prepared(db)
    assert read(db, "v") is None


def test_an_unwritable_cache_folder_keeps_nothing_and_raises_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert keep(tmp_path / "karta.sqlite", "v", b"payload") is None
    assert read(tmp_path / "karta.sqlite", "v") is None
