"""Shared fixtures: prepared states kept in the run's own folder, not the user's cache."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from loaders.prepared import CACHE_ENV


@pytest.fixture(autouse=True, scope="session")
def _prepared_states_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the prepared states the tests make (and the servers they start) out of the user's cache."""
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("prepared"))
    yield
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before
