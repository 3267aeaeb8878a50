"""The snapshot kept between restarts: built once per data version, read back on the next cold start.

`python -m dashboard.prepare [--db PATH]` builds the snapshot of a store and keeps it (see
`loaders.prepared`), so the first visitor after an import does not wait for the build; the dashboard
does the same by itself on its first start after a change.
"""

from __future__ import annotations

import argparse
import copyreg
import io
import pickle
import sys
import time
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from loaders.prepared import read_prepared, write_prepared

T = TypeVar("T")


def _proxy(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    return types.MappingProxyType(mapping)


def _reduce_proxy(mapping: types.MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return _proxy, (dict(mapping),)


def dumps(value: object) -> bytes:
    """Return the pickle of a snapshot (read-only mappings included)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table[types.MappingProxyType] = _reduce_proxy
    pickler.dump(value)
    return buffer.getvalue()


def loads(payload: bytes, kind: type[T]) -> T | None:
    """Return the snapshot a payload holds, or None when it does not hold one this program can use."""
    try:
        value = pickle.loads(payload)
    except Exception:  # a payload of another program's making is rebuilt, whatever it fails with
        return None
    return value if isinstance(value, kind) else None


def prepared(path: str, version: str, kind: type[T], build: Callable[[], T]) -> tuple[T, str]:
    """Return the snapshot of a store at a data version, read back if kept, else built and kept.

    The second value says which: «read» or «built».
    """
    payload = read_prepared(path, version)
    if payload is not None:
        found = loads(payload, kind)
        if found is not None:
            return found, "read"
    snap = build()
    write_prepared(path, version, dumps(snap))
    return snap, "built"


def main(argv: list[str] | None = None) -> int:
    """Build and keep the snapshot of a store; print what it took."""
    from dashboard.data import Snapshot, build_snapshot, current_version, db_path

    parser = argparse.ArgumentParser(prog="python -m dashboard.prepare", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="база данных (по умолчанию KARTA_DB или var/karta.sqlite)")
    args = parser.parse_args(argv)
    path = db_path() if args.db is None else str(Path(args.db).resolve())
    started = time.perf_counter()

    snap, how = prepared(path, current_version(path), Snapshot, lambda: build_snapshot(path))
    print(f"{path}: {how} in {time.perf_counter() - started:.1f} s, {snap.activities.height} activities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
