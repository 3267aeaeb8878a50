"""The snapshot kept between restarts: built once per data version, read back on the next cold start.

`python -m dashboard.prepare [--db PATH]` builds the snapshot of a store and keeps it (see
`loaders.prepared`), so the first visitor after an import does not wait for the build; the dashboard
does the same by itself on its first start after a change.
"""

from __future__ import annotations

import argparse
import copyreg
import dataclasses
import io
import mmap
import pickle
import struct
import sys
import time
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import polars as pl
import pyarrow as pa
import pyarrow.ipc as ipc

from dashboard import texts
from loaders.collector import collector_paused
from loaders.prepared import read_prepared, write_prepared

T = TypeVar("T")


def _proxy(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    return types.MappingProxyType(mapping)


def _reduce_proxy(mapping: types.MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return _proxy, (dict(mapping),)


_RESTORERS: dict[type[Any], Callable[[tuple[Any, ...]], Any]] = {}


def _restorer(cls: type[Any], names: tuple[str, ...]) -> Callable[[tuple[Any, ...]], Any]:
    """Return a function that makes an instance of a dataclass from its field values, one line a field."""
    lines = [f"    _set(instance, {name!r}, values[{i}])" for i, name in enumerate(names)]
    source = "def restore(values):\n    instance = _new(cls)\n" + "\n".join(lines) + "\n    return instance\n"
    scope: dict[str, Any] = {"_new": object.__new__, "_set": object.__setattr__, "cls": cls}
    exec(source, scope)
    restore: Callable[[tuple[Any, ...]], Any] = scope["restore"]
    return restore


def _restore(cls: type[Any], names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    """Return an instance of a (frozen, slotted) dataclass with its fields set, without running `__init__`."""
    restore = _RESTORERS.get(cls)
    if restore is None:
        if tuple(f.name for f in dataclasses.fields(cls)) != names:
            raise pickle.UnpicklingError(f"{cls.__qualname__} has other fields now")
        restore = _RESTORERS[cls] = _restorer(cls, names)
    return restore(values)


def _frame(index: int) -> pl.DataFrame:
    """Stand, in the pickle of a snapshot, for its frame number `index`, kept after the pickle.

    Only `_Unpickler` can read it back: it answers this name with the frames it read first.
    """
    raise pickle.UnpicklingError(f"frame {index} is read only with its snapshot")


class _Pickler(pickle.Pickler):
    """A pickler that writes dataclasses as their field values and frames as references to `frames`.

    Reading back a million entities through `dataclasses`' own `__setstate__`, which looks the fields up
    again for every instance, takes several times longer. A frame is written apart, after the pickle:
    in the pickle its bytes would stay in the pickler's memo, and in the unpickler's, to the end.
    """

    def __init__(self, file: BinaryIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.dispatch_table = copyreg.dispatch_table.copy()
        self.dispatch_table[types.MappingProxyType] = _reduce_proxy
        self._names: dict[type[Any], tuple[str, ...]] = {}
        self.frames: list[pl.DataFrame] = []

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if cls is pl.DataFrame:
            self.frames.append(obj)  # a frame met twice is one object after the first: the memo has it
            return _frame, (len(self.frames) - 1,)
        if not dataclasses.is_dataclass(cls):
            return NotImplemented
        names = self._names.get(cls)
        if names is None:
            names = self._names[cls] = tuple(f.name for f in dataclasses.fields(cls))
        return _restore, (cls, names, tuple(getattr(obj, name) for name in names))


class _Unpickler(pickle.Unpickler):
    """An unpickler that answers `_frame` with the frames of the snapshot, read before the pickle."""

    def __init__(self, file: BinaryIO, frames: list[pl.DataFrame]) -> None:
        super().__init__(file)
        self._frames = frames

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == _frame.__name__:
            return self._frames.__getitem__
        return super().find_class(module, name)


_OFFSET = struct.Struct("<Q")
_ALIGN = 64
"""What the place of each frame in its file is a multiple of: Arrow reads aligned columns where they lie,
and copies others."""


def dump(value: object, file: BinaryIO) -> None:
    """Write a snapshot (read-only mappings, dataclasses and frames included) to the rest of a file.

    The payload is the pickle, then each frame it refers to (an Arrow IPC file, uncompressed, starting at a
    multiple of `_ALIGN` in the file), then where each frame starts and ends, counted from the payload's
    start, and how many there are: the payload ends the file.
    """
    start = file.tell()
    pickler = _Pickler(file)
    pickler.dump(value)
    frames = pickler.frames
    del pickler  # its memo holds every object written
    bounds = []
    for frame in frames:
        file.write(bytes(-file.tell() % _ALIGN))  # a frame mapped from the file is used where it lies
        bounds.append(file.tell() - start)
        frame.write_ipc(file)  # straight into the file: the bytes of a large frame are not held twice
        bounds.append(file.tell() - start)
    file.write(b"".join(_OFFSET.pack(o) for o in bounds) + _OFFSET.pack(len(frames)))


def _frames_of(file: BinaryIO, start: int) -> list[pl.DataFrame]:
    """Read the frames of a payload that starts at `start` and ends the file.

    A file on disk is mapped into memory and the frames are its Arrow columns as they lie there, not
    copies: a cold start reads nothing it does not use, and the pages come from the system's file cache.
    The mapping outlives a newer snapshot renamed over the file, or the file's removal.
    """
    end = file.seek(-_OFFSET.size, io.SEEK_END)
    (count,) = _OFFSET.unpack(file.read(_OFFSET.size))
    file.seek(end - 2 * count * _OFFSET.size)
    table = file.read(2 * count * _OFFSET.size)
    bounds = [start + o for (o,) in _OFFSET.iter_unpack(table)]
    whole = not bounds or start <= bounds[0] <= bounds[-1] <= end
    if len(bounds) != 2 * count or bounds != sorted(bounds) or not whole:
        raise pickle.UnpicklingError("the frames of a snapshot are cut")
    data = _mapped(file)
    if data is None and bounds:
        file.seek(bounds[0])
        data, bounds = pa.py_buffer(file.read(bounds[-1] - bounds[0])), [o - bounds[0] for o in bounds]
    return [
        pl.from_arrow(ipc.open_file(pa.BufferReader(data.slice(begin, stop - begin))).read_all())
        for begin, stop in zip(bounds[::2], bounds[1::2], strict=True)
    ]


def _mapped(file: BinaryIO) -> pa.Buffer | None:
    """Return the whole of a file on disk mapped into memory, read-only; None for another stream."""
    try:
        return pa.py_buffer(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError, io.UnsupportedOperation):
        return None


def load(file: BinaryIO, kind: type[T]) -> T | None:
    """Return the snapshot the rest of a file holds, or None when it holds none this program can use."""
    try:
        with collector_paused():  # a million objects come back at once
            start = file.tell()
            frames = _frames_of(file, start)
            file.seek(start)
            value = _Unpickler(file, frames).load()
    except Exception:  # a payload of another program's making is rebuilt, whatever it fails with
        return None
    return value if isinstance(value, kind) else None


def prepared(path: str, version: str, kind: type[T], build: Callable[[], T]) -> tuple[T, str]:
    """Return the snapshot of a store at a data version, read back if kept, else built and kept.

    The second value says which: «read» or «built».
    """
    found = read_prepared(path, version, lambda f: load(f, kind))
    if found is not None:
        return found, "read"
    snap = build()
    write_prepared(path, version, lambda f: dump(snap, f))
    return snap, "built"


def main(argv: list[str] | None = None) -> int:
    """Build and keep the snapshot of a store; print what it took."""
    from dashboard.data import Snapshot, build_snapshot, current_version, db_path

    parser = argparse.ArgumentParser(
        prog="python -m dashboard.prepare", description=texts.PREPARE_DESCRIPTION
    )
    parser.add_argument("--db", default=None, help=texts.PREPARE_DB_HELP)
    args = parser.parse_args(argv)
    path = db_path() if args.db is None else str(Path(args.db).resolve())
    started = time.perf_counter()

    snap, how = prepared(path, current_version(path), Snapshot, lambda: build_snapshot(path))
    seconds = time.perf_counter() - started
    print(texts.PREPARE_REPORT.format(path=path, how=texts.PREPARE_DONE[how], seconds=seconds,
                                      activities=snap.activities.height))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
