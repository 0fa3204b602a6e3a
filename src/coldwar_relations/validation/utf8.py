"""Where a file stops being UTF-8: Frictionless reports only a byte offset."""

from __future__ import annotations

from pathlib import Path


def first_bad_utf8(path: Path) -> tuple[int | None, str | None]:
    """Row (header = 1) and bytes of the first invalid UTF-8 sequence, or (None, None)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return data[: err.start].count(b"\n") + 1, data[err.start : err.end].hex(" ")
    return None, None
