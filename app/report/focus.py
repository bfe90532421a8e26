"""Which part of the map a finding's picture shows."""

from __future__ import annotations

from collections.abc import Iterable

from app.domain import MapData


def focus_nodes(data: MapData, node_ids: Iterable[str], limit: int = 60) -> set[str]:
    """The nodes named and their direct neighbours: the neighbourhood a picture shows.

    Neighbours are left out once there are ``limit`` nodes, so a finding about a whole block
    does not become a picture of the whole map.
    """
    named = set(node_ids)
    around = set(named)
    for edge in data.edges:
        if len(around) >= max(limit, len(named)):
            break
        if edge.source in named:
            around.add(edge.target)
        elif edge.target in named:
            around.add(edge.source)
    return around
