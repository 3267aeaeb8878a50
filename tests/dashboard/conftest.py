"""Fixtures of the dashboard tests: the bundled sample in a database built once per session, an app
on it, a writable copy for the tests that write, an empty database, and a small hand-built snapshot."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from dashboard_support import APP, AS_OF, SAMPLE, TIMEOUT, AppFactory, small_inputs
from streamlit.testing.v1 import AppTest

from dashboard import data
from loaders.importer import import_batch, sample_inputs
from loaders.store import load_inputs, open_store


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a database holding the bundled sample, imported through the loaders once per session."""
    path = tmp_path_factory.mktemp("karta") / "sample.sqlite"
    with open_store(path) as store:
        import_batch(store, sample_inputs(SAMPLE), now=datetime(2021, 1, 15, 9, 0, tzinfo=UTC))
    return path


@pytest.fixture(scope="session")
def sample(sample_db: Path) -> data.Snapshot:
    """Return the snapshot of the sample database, as the dashboard builds it."""
    with open_store(sample_db) as store:
        return data.snapshot_of(load_inputs(store), str(sample_db))


@pytest.fixture
def writable_db(sample_db: Path, tmp_path: Path) -> Path:
    """Return a copy of the sample database that a test may write to."""
    path = tmp_path / "sample.sqlite"
    shutil.copyfile(sample_db, path)
    return path


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """Return the path of a database with nothing imported."""
    path = tmp_path / "empty.sqlite"
    open_store(path).close()
    return path


@pytest.fixture
def open_app(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """Return a function that runs the dashboard on a page with query parameters (and a database).

    The view is as of 1 March 2021 unless `on` says otherwise (`on=""`: no date, as of today).
    """

    def run(page: str = "obzor", db: Path | None = None, **params: str) -> AppTest:
        monkeypatch.setenv(data.DB_ENV, str(db or sample_db))
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.query_params.update({k: v for k, v in {"on": AS_OF, **params}.items() if v})
        at.run()
        if page != "obzor":
            at.switch_page(f"app_pages/{page}.py").run()
        return at

    return run


@pytest.fixture(scope="session")
def small() -> data.Snapshot:
    """Return the snapshot of the small hand-built town."""
    return data.snapshot_of(small_inputs(), ":small:")


@pytest.fixture
def no_leftover_uploads() -> Iterator[None]:
    """Keep the temporary folder of uploads as it was."""
    from dashboard.actions import UPLOADS

    before = set(UPLOADS.glob("*")) if UPLOADS.exists() else set()
    yield
    for folder in set(UPLOADS.glob("*")) - before:
        shutil.rmtree(folder, ignore_errors=True)
