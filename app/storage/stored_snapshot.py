"""A snapshot read from an .ecomap file whose records are decoded only when first needed.

A 10,000-node map that keeps four snapshots of itself holds 27 MB of snapshot JSON; decoding
and checking all of it took a second of every open, for a list that shows names, dates and
counts. SQLite checks each snapshot is valid JSON as the file is read, and counts its pieces
and connections; the records are decoded and checked by the map's rules the first time something
reads them (a comparison, the growth check, an export), and a problem then is said as one with
that snapshot. A snapshot that is not valid JSON is read in full at once, as before, so the file
is still called damaged when it is opened.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from app.domain import Snapshot, check_snapshot
from app.errors import BadInput
from app.quoting import shown

PARTS = ("nodes", "edges", "categories", "settings")
_DECODING = threading.Lock()


class StoredSnapshot(Snapshot):
    """A :class:`Snapshot` whose ``nodes``, ``edges``, ``categories`` and ``settings`` come
    from its row's JSON (``raw``) on first use. Equal to a plain snapshot with the same
    contents; ``dataclasses.replace`` gives one with the contents decoded."""

    checks_own_records = True

    @classmethod
    def from_row(cls, name: str, taken_at: str, note: str, raw: bytes, nodes: int,
                 edges: int) -> StoredSnapshot:
        snapshot = object.__new__(cls)
        snapshot.__dict__.update(name=name, taken_at=taken_at, note=note, _raw=raw,
                                 _counts=(nodes, edges))
        return snapshot

    @property
    def raw_text(self) -> str | None:
        """The row's JSON as it was read, while nothing has been decoded from elsewhere."""
        raw = self.__dict__.get("_raw")
        return raw.decode("utf-8") if raw is not None else None

    @property
    def node_count(self) -> int:
        counts = self.__dict__.get("_counts")
        return counts[0] if counts else len(self.nodes)

    @property
    def edge_count(self) -> int:
        counts = self.__dict__.get("_counts")
        return counts[1] if counts else len(self.edges)

    def renamed(self, name: str, note: str) -> StoredSnapshot:
        """The same snapshot under another name and note, its records still undecoded."""
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__, name=name, note=note)
        return copy

    def _part(self, part: str) -> Any:
        if part not in self.__dict__:
            with _DECODING:
                if part not in self.__dict__:
                    self.__dict__.update(self._decoded())
        return self.__dict__[part]

    def _decoded(self) -> dict[str, Any]:
        try:
            return self._checked(json.loads(self.__dict__["_raw"]))
        except (ValueError, RecursionError):
            problem = "its contents are not readable JSON"
        except BadInput as bad:
            problem = str(bad)
        raise BadInput(f"the snapshot {shown(self.name)} cannot be read from the file: "
                       f"{problem}")

    def _checked(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise BadInput("its contents should be an object in JSON")
        parts = {p: data.get(p) or ({} if p == "settings" else ()) for p in PARTS}
        for part in PARTS[:3]:
            if not isinstance(parts[part], list | tuple):
                raise BadInput("should be a list", part)
        plain = Snapshot(self.name, self.taken_at, tuple(parts["nodes"]), tuple(parts["edges"]),
                         self.note, tuple(parts["categories"]), parts["settings"])
        check_snapshot(plain, "snapshot")
        return {p: getattr(plain, p) for p in PARTS}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snapshot):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f)
                   for f in ("name", "taken_at", "note", *PARTS))

    __hash__ = None  # type: ignore[assignment]


def _lazy(part: str) -> property:
    def get(self: StoredSnapshot) -> Any:
        return self._part(part)

    def put(self: StoredSnapshot, value: Any) -> None:  # the dataclass's own __init__
        self.__dict__[part] = value
        self.__dict__["_counts"] = None
        self.__dict__["_raw"] = None

    return property(get, put, doc=f"The snapshot's {part}, decoded on first use.")


for _part in PARTS:
    setattr(StoredSnapshot, _part, _lazy(_part))
