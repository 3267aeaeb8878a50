"""The prepared state: what the dashboard builds from a store, kept on disk so a restart does not rebuild it.

Building the graph and every frame the pages read from the stored rows is the slow part of a start at
national scale; reading it back is not. One file per store holds the last state built, named after the
store's path, in the user's cache folder (env KARTA_CACHE_DIR, else `$XDG_CACHE_HOME/karta`, else
`~/.cache/karta`). It is never next to the database: a database received from elsewhere never brings a
prepared state with it, so the payload (a pickle) only ever comes from this user's own program.

A file is used only when its data version and its code fingerprint (the program's source and the
versions of the libraries whose objects it holds) both match; anything else — another version, a
truncated or foreign file — is ignored and rebuilt, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, TypeVar

CACHE_ENV = "KARTA_CACHE_DIR"
MAGIC = b"KARTA-PREPARED-1\n"
PROJECT = Path(__file__).resolve().parents[1]
SOURCES = ("model", "loaders", "dashboard")
"""Folders whose source decides what a prepared state holds."""
LIBRARIES = ("polars", "networkx", "pyarrow")

T = TypeVar("T")


def cache_dir() -> Path:
    """Return the folder of the prepared states (env KARTA_CACHE_DIR, else the user's cache folder)."""
    explicit = os.environ.get(CACHE_ENV, "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "karta"


def prepared_path(db_path: str | Path) -> Path:
    """Return the file that holds the prepared state of the store at `db_path`."""
    resolved = str(Path(db_path).resolve())
    digest = hashlib.sha256(resolved.encode()).hexdigest()[:16]
    return cache_dir() / f"{Path(resolved).stem}-{digest}.prepared"


@cache
def code_fingerprint() -> str:
    """Return a name of this program's source and libraries: a prepared state is only read by its maker."""
    digest = hashlib.sha256(platform.python_version().encode())
    for name in LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    for folder in SOURCES:
        for path in sorted((PROJECT / folder).rglob("*.py")):
            digest.update(str(path.relative_to(PROJECT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _header(version: str) -> bytes:
    return json.dumps({"version": version, "code": code_fingerprint()}).encode() + b"\n"


def read_prepared(db_path: str | Path, version: str, read: Callable[[BinaryIO], T]) -> T | None:
    """Return what `read` makes of the payload prepared for this store at this data version (None if none).

    `read` gets the open file at the start of the payload; it is called only when the whole payload is there.
    """
    path = prepared_path(db_path)
    expected = _header(version)
    try:
        with path.open("rb") as f:
            if f.read(len(MAGIC)) != MAGIC or f.readline() != expected:
                return None
            length = f.readline()
            if len(length) != len(_length(0)) or os.fstat(f.fileno()).st_size != f.tell() + int(length):
                return None
            return read(f)
    except (OSError, ValueError):
        return None


def write_prepared(db_path: str | Path, version: str, write: Callable[[BinaryIO], object]) -> Path | None:
    """Keep what `write` writes for this store at this data version; return its file (None if not kept).

    The file is written beside its final name and renamed into place, so a reader never sees half of it;
    the payload's length, written last, lets a reader tell a whole file from a cut one.
    """
    path = prepared_path(db_path)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with partial.open("wb") as f:
            f.write(MAGIC + _header(version))
            length_at = f.tell()
            f.write(_length(0))
            start = f.tell()
            write(f)
            end = f.tell()
            f.seek(length_at)
            f.write(_length(end - start))
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        return None
    return path


def _length(size: int) -> bytes:
    return f"{size:020d}\n".encode()


def forget_prepared(db_path: str | Path) -> None:
    """Remove the prepared state of a store, if any."""
    with contextlib.suppress(OSError):
        prepared_path(db_path).unlink()
