"""Which maps were made from which JSON files, so that opening the same JSON again can offer
the map already made from it instead of quietly piling up "… (2).ecomap" copies.

A JSON map is known by its contents (a SHA-256 of its bytes), not its name: the same file
saved again from an e-mail is the same map, and a JSON file that has changed since is a new
starting point. The record is a small JSON file in Ecomap's data folder; a missing or
unreadable record is an empty one (it only ever saves the user a question).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

import platformdirs

from app import safe_files
from app.errors import EcomapError

RECORD_NAME = "maps made from JSON.json"
KEPT = 200  # the newest entries; older ones only ever offered a map long since moved on


def fingerprint(json_path: str | os.PathLike) -> str:
    """What a JSON map is known by: the SHA-256 of its bytes."""
    return hashlib.sha256(Path(json_path).read_bytes()).hexdigest()


def note(json_path: str | os.PathLike, map_path: str | os.PathLike) -> None:
    """Remember that ``map_path`` was made from the JSON map at ``json_path``."""
    entry = {"json": str(Path(json_path).resolve()), "sha256": fingerprint(json_path),
             "map": str(Path(map_path).resolve())}
    _save([entry] + [e for e in _entries() if e["map"] != entry["map"]])


def earlier_map(json_path: str | os.PathLike) -> Path | None:
    """The newest map still on disk that was made from a JSON map with these contents."""
    wanted = fingerprint(json_path)
    for entry in _entries():
        if entry["sha256"] == wanted and Path(entry["map"]).is_file():
            return Path(entry["map"])
    return None


def moved(old_map: str | os.PathLike, new_map: str | os.PathLike) -> None:
    """A map was saved under a new name and the old file let go (an untitled map given a
    place): the map made from a JSON file is now the one at ``new_map``."""
    old, new = str(Path(old_map).resolve()), str(Path(new_map).resolve())
    # Whatever the file at ``new_map`` was made from before, it has just been replaced.
    kept = [e for e in _entries() if e["map"] != new]
    _save([{**e, "map": new} if e["map"] == old else e for e in kept])


def record_path() -> Path:
    return Path(platformdirs.user_data_dir("Ecomap", appauthor=False)) / RECORD_NAME


def _entries() -> list[dict]:
    try:
        entries = json.loads(record_path().read_text(encoding="utf-8"))["maps"]
        return [e for e in entries if isinstance(e, dict) and
                all(isinstance(e.get(k), str) for k in ("json", "sha256", "map"))]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _save(entries: list[dict]) -> None:
    """Written whole or not at all; a record that cannot be written costs only a question."""
    path = record_path()
    payload = json.dumps({"maps": entries[:KEPT]}, ensure_ascii=False, indent=1)
    with contextlib.suppress(OSError, EcomapError):
        path.parent.mkdir(parents=True, exist_ok=True)
        safe_files.write_bytes(path, payload.encode("utf-8"))
