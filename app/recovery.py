"""Ways back from a map that cannot be opened: a copy kept beside it, a JSON export of it, or a
snapshot still readable inside it. Each is restored as a new map; the damaged file is never
touched, so whoever supports Ecomap can still look at it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain import MapData
from app.errors import EcomapError
from app.files import MAP_SUFFIX, create_map, untitled_dir
from app.interchange import read_json
from app.interchange.json_format import FORMAT, VERSION, parse_map
from app.quoting import printable
from app.storage import MapStore
from app.storage.sqlite_file import read_only_view

UPGRADE_COPY = ".before-upgrade"  # the copy kept while an older map is brought up to date


@dataclass(frozen=True)
class Recovery:
    """One way back, in the words a button can carry."""

    title: str
    read: Callable[[], MapData]


def recoveries_for(path: Path) -> list[Recovery]:
    """What could stand in for the map at ``path``, best first; each one has been read and
    checked already, so choosing it will not fail for the same reason."""
    found = []
    copy = path.with_name(path.name + UPGRADE_COPY)
    if copy.is_file():
        found += _checked(f"Open the copy kept before its last upgrade ({_saved(copy)})",
                          lambda: MapStore.read(copy))
    export = path.with_suffix(".json")
    if export.is_file():
        found += _checked(f"Open the JSON export “{export.name}” ({_saved(export)})",
                          lambda: read_json(export))
    for name, taken_at, build in _snapshots(path):
        short = name if len(name) <= 60 else name[:59] + "…"
        found += _checked(f"Restore the snapshot “{printable(short)}” ({_day(taken_at)})",
                          build)
    return found


def copy_of(path: Path) -> list[Recovery]:
    """For a map that can be read but not edited where it is (a read-only folder or disk)."""
    return _checked("Open a copy of it as a new map", lambda: MapStore.read(path))


def restore(recovery: Recovery, damaged: Path) -> Path:
    """Write the chosen stand-in as a new map beside the damaged one ("… (recovered).ecomap"),
    or among the untitled maps if that folder cannot be written; return its path."""
    data = recovery.read()
    stem = f"{damaged.stem} (recovered)"
    try:
        return create_map(damaged.with_name(stem + MAP_SUFFIX), data, or_next_free=True)
    except EcomapError:
        return create_map(untitled_dir() / (stem + MAP_SUFFIX), data, or_next_free=True)


def _checked(title: str, read: Callable[[], MapData]) -> list[Recovery]:
    try:
        data = read()
    except (EcomapError, RecursionError):
        return []
    return [Recovery(title, lambda: data)]


def _saved(path: Path) -> str:
    return f"saved {_day(datetime.fromtimestamp(path.stat().st_mtime).isoformat())}"


def _day(stamp: str) -> str:
    try:
        day = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{day.day} {day:%b %Y}"


def _snapshots(path: Path) -> list[tuple[str, str, Callable[[], MapData]]]:
    """The snapshots whose rows can still be read, newest first, each with its map builder."""
    try:
        with read_only_view(path) as uri, contextlib.closing(
                sqlite3.connect(uri, uri=True)) as conn:
            head = _first(conn, "SELECT name FROM map")
            categories = _all(conn, "SELECT key, name, color, shape FROM category "
                                    "ORDER BY position")
            rows = _all(conn, "SELECT name, taken_at, data FROM snapshot ORDER BY pk DESC")
    except (sqlite3.Error, OSError):
        return []
    found = []
    for name, taken_at, data in rows:
        if not isinstance(name, str) or not isinstance(taken_at, str) or not name.strip():
            continue  # a row too damaged to name on a button
        document = {"format": FORMAT, "version": VERSION,
                    "name": f"{head or path.stem} — {name}"[:200]}
        if categories:
            document["categories"] = [dict(zip(("key", "name", "color", "shape"), row,
                                               strict=True)) for row in categories]
        with contextlib.suppress(ValueError, TypeError, AttributeError, RecursionError):
            parts = json.loads(data)
            document.update(nodes=parts.get("nodes", []), edges=parts.get("edges", []))
            if parts.get("categories"):  # the building blocks of the time, where kept
                document["categories"] = parts["categories"]
            found.append((str(name), str(taken_at), lambda d=document: parse_map(d)))
    return found


def _first(conn: sqlite3.Connection, query: str):
    with contextlib.suppress(sqlite3.Error):
        row = conn.execute(query).fetchone()
        return row[0] if row and isinstance(row[0], str) else None
    return None


def _all(conn: sqlite3.Connection, query: str) -> list[tuple]:
    with contextlib.suppress(sqlite3.Error):
        return conn.execute(query).fetchall()
    return []
