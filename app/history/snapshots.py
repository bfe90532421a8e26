"""Snapshots: the whole map recorded under a name, and the map as it was at any of them.

A snapshot keeps the map's nodes, connections, building blocks and settings as records of the
JSON format, so it reads back with the same rules as an exported map.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from app.domain import MAX_NAME, MAX_TEXT, MapData, Snapshot, check_text
from app.errors import BadInput, NotFound
from app.interchange.json_format import FORMAT, VERSION, edge_record, node_record, parse_map
from app.quoting import shown


def take(data: MapData, name: str, note: str = "", when: datetime | None = None) -> Snapshot:
    """``data`` recorded now (or ``when``) as the snapshot ``name``. Refuses an empty or
    over-long name or note, and a name another snapshot of the map already has."""
    name = check_text(name, "name", required=True, limit=MAX_NAME).strip()
    note = check_text(note, "note", limit=MAX_TEXT).strip()
    check_free_name(data.snapshots, name)
    when = when or datetime.now().astimezone()
    return Snapshot(
        name=name, taken_at=when.isoformat(timespec="seconds"),
        nodes=tuple(node_record(n) for n in data.nodes),
        edges=tuple(edge_record(e) for e in data.edges),
        note=note,
        categories=tuple({"key": c.key, "name": c.name, "color": c.color, "shape": c.shape}
                         for c in data.categories),
        settings=dict(data.settings))


def check_free_name(snapshots: Sequence[Snapshot], name: str, but: str | None = None) -> None:
    """Refuse ``name`` if another snapshot (other than the one called ``but``) has it."""
    if any(s.name.casefold() == name.casefold() and s.name != but for s in snapshots):
        raise BadInput(f"there is already a snapshot called {shown(name)}; give this one "
                       "another name", "name")


def in_order(snapshots: Sequence[Snapshot]) -> list[Snapshot]:
    """The snapshots oldest first (by the time they were taken)."""
    return sorted(snapshots, key=lambda s: moment(s.taken_at))


def moment(taken_at: str) -> datetime:
    """When a snapshot was taken, comparable with any other (a time without a zone is local)."""
    when = datetime.fromisoformat(taken_at)
    return when if when.tzinfo is not None else when.astimezone()


def named(data: MapData, name: str) -> Snapshot:
    """The snapshot of ``data`` called ``name`` (case does not matter); ``NotFound`` listing
    the ones there are."""
    for snapshot in data.snapshots:
        if snapshot.name == name:
            return snapshot
    for snapshot in data.snapshots:
        if snapshot.name.casefold() == name.strip().casefold():
            return snapshot
    there = ", ".join(f"“{s.name}”" for s in in_order(data.snapshots))
    raise NotFound(f"this map has no snapshot called {shown(name)}; "
                   + (f"its snapshots are {there}" if there else "it has no snapshots yet"))


def map_at(data: MapData, snapshot: Snapshot) -> MapData:
    """The whole map as it was when ``snapshot`` was taken: its pieces, connections, building
    blocks and settings of the time (the map's own blocks and settings for an older snapshot
    that did not keep them), and the snapshots taken before it, as the map had then. Its name
    says which snapshot it is."""
    categories = snapshot.categories or [
        {"key": c.key, "name": c.name, "color": c.color, "shape": c.shape}
        for c in data.categories]
    document = {"format": FORMAT, "version": VERSION,
                "name": f"{data.name} — {snapshot.name}"[:200],
                "description": data.description, "goals": list(data.goals),
                "categories": list(categories),
                "settings": dict(snapshot.settings or data.settings),
                "nodes": list(snapshot.nodes), "edges": list(snapshot.edges)}
    try:
        then = parse_map(document)
    except BadInput as problem:
        raise BadInput(f"the snapshot {shown(snapshot.name)} cannot be read as a map: "
                       f"{problem}") from None
    taken = moment(snapshot.taken_at)
    return replace(then, snapshots=tuple(s for s in data.snapshots
                                         if moment(s.taken_at) < taken),
                   as_of=snapshot.taken_at)


def as_new_map(data: MapData, snapshot: Snapshot) -> MapData:
    """The map as it was at ``snapshot``, to be saved as a map of its own."""
    return replace(map_at(data, snapshot), snapshots=(), as_of=None)


def state(data: MapData, name: str | None) -> MapData:
    """The map as it was at the snapshot called ``name``, or as it is now for ``None`` or
    "now" (as ``ecomap diff --to now`` names it)."""
    if name is None or name.strip().casefold() == "now":
        return data
    return map_at(data, named(data, name))


def baseline(data: MapData, weeks: int) -> Snapshot | None:
    """The latest snapshot taken at least ``weeks`` weeks before the moment ``data`` shows
    (its ``as_of``, or now): what its growth is measured against."""
    now = moment(data.as_of) if data.as_of else datetime.now().astimezone()
    old_enough = [s for s in data.snapshots if moment(s.taken_at) <= now - timedelta(weeks=weeks)]
    return in_order(old_enough)[-1] if old_enough else None


def latest(data: MapData) -> Snapshot | None:
    """The snapshot taken last, if the map has any."""
    kept = in_order(data.snapshots)
    return kept[-1] if kept else None


def described(snapshot: Snapshot) -> str:
    """"Q3 review (30 Sep 2026): 48 pieces, 71 connections"."""
    when = moment(snapshot.taken_at)
    return (f"{snapshot.name} ({when.day} {when:%b %Y}): {_count(snapshot.node_count, 'piece')}"
            f", {_count(snapshot.edge_count, 'connection')}")


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
