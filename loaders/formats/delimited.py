"""CSV and other delimited text: encoding and delimiter guessed, a record numbered by its first line."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from loaders.formats.cells import clean_text
from loaders.formats.grid import Grid, SheetGrid, damaged
from model.issues import Issue

_DELIMITERS = (";", "\t", ",")


def decoded(data: bytes) -> str:
    """Return the text of bytes in UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def _delimiter_of(text: str) -> str:
    sample = text[:65536]
    best, best_score = _DELIMITERS[0], (-1, -1)
    for delimiter in _DELIMITERS:
        counts: dict[int, int] = {}
        try:
            for i, record in enumerate(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)):
                if i >= 200:
                    break
                if record:
                    counts[len(record)] = counts.get(len(record), 0) + 1
        except csv.Error:
            continue
        if not counts:
            continue
        width, seen = max(counts.items(), key=lambda item: (item[1], item[0]))
        score = (seen if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path, shown: str) -> tuple[list[SheetGrid], list[Issue]]:
    text = decoded(path.read_bytes()).replace("\x00", "")
    first_line = 1
    match = re.match(r"\"?sep=(.)\"?\r?\n", text)
    if match:
        delimiter = match.group(1)
        text = text[match.end() :]
        first_line = 2
    else:
        delimiter = _delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: Grid = []
    numbers: list[int] = []
    line = 0
    try:
        for record in reader:
            numbers.append(first_line + line)
            grid.append([clean_text(cell) for cell in record])
            line = reader.line_num
    except csv.Error as error:
        raise damaged(shown) from error
    return [SheetGrid("", grid, [], numbers)], []
