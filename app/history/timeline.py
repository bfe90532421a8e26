"""The map's history as a timeline: the map at each snapshot, oldest first, then as it is now,
every piece keeping one place throughout (where it was first placed), so playing the states one
after another shows the ecosystem grow and change rather than jump about."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.domain import MapData
from app.files import laid_out
from app.history.snapshots import in_order, map_at, moment

NOW = "Now"


@dataclass(frozen=True)
class State:
    """One step of the timeline: its name, when it was, its note, and the map then."""

    name: str
    when: str  # "15 July 2026", or "now"
    note: str
    data: MapData


def timeline(data: MapData) -> list[State]:
    """The map at each snapshot and now, with stable places (see ``stable_places``)."""
    states = []
    for snapshot in in_order(data.snapshots):
        when = moment(snapshot.taken_at)
        states.append(State(snapshot.name, f"{when.day} {when:%B %Y}", snapshot.note,
                            map_at(data, snapshot)))
    states.append(State(NOW, "now", "", data))
    places = stable_places([s.data for s in states])
    return [replace(s, data=_placed(s.data, places)) for s in states]


def stable_places(maps: list[MapData]) -> dict[str, tuple[float, float]]:
    """One place per piece across ``maps`` (oldest first): where it was first placed; a piece
    never placed gets the place an automatic layout of all of them gives it."""
    places: dict[str, tuple[float, float]] = {}
    for data in maps:
        for node in data.nodes:
            if node.id not in places and node.has_position:
                places[node.id] = (node.x, node.y)
    everyone = union(maps)
    if any(n.id not in places for n in everyone.nodes):
        placed = laid_out(everyone.with_positions(places))
        places.update({n.id: (n.x, n.y) for n in placed.nodes if n.id not in places})
    return places


def union(maps: list[MapData]) -> MapData:
    """Every piece and connection that was ever on the map (as it was last seen): the frame
    every state is drawn in."""
    nodes, edges, categories = {}, {}, {}
    for data in maps:
        nodes.update((n.id, n) for n in data.nodes)
        edges.update((e.id, e) for e in data.edges)
        categories.update((c.key, c) for c in data.categories)
    return replace(maps[-1], nodes=tuple(nodes.values()), edges=tuple(edges.values()),
                   categories=tuple(categories.values()), snapshots=())


def _placed(data: MapData, places: dict[str, tuple[float, float]]) -> MapData:
    return replace(data, nodes=tuple(n.at(*places[n.id]) for n in data.nodes))
