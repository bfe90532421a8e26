"""Finding nodes and narrowing the view: search, filters and a node's neighbourhood."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from app.domain import MapData, Node
from app.graph import undirected


def find_nodes(data: MapData, text: str) -> list[Node]:
    """Nodes whose label, kind or a tag contains ``text`` (any case); label matches first."""
    needle = text.strip().casefold()
    if not needle:
        return []
    scored = []
    for n in data.nodes:
        if needle in n.label.casefold():
            rank = 0 if n.label.casefold().startswith(needle) else 1
        elif needle in n.kind.casefold():
            rank = 2
        elif any(needle in t.casefold() for t in n.tags):
            rank = 3
        else:
            continue
        scored.append((rank, n.label.casefold(), n.id, n))
    return [entry[-1] for entry in sorted(scored, key=lambda s: s[:3])]


def filter_nodes(data: MapData, *, categories: Iterable[str] | None = None,
                 kinds: Iterable[str] | None = None, informal: bool | None = None,
                 tags: Iterable[str] | None = None) -> set[str]:
    """Ids of the nodes that pass every filter given (None means "any")."""
    categories = set(categories) if categories is not None else None
    kinds = {k.casefold() for k in kinds} if kinds is not None else None
    tags = {t.casefold() for t in tags} if tags is not None else None
    return {
        n.id for n in data.nodes
        if (categories is None or n.category in categories)
        and (kinds is None or n.kind.casefold() in kinds)
        and (informal is None or n.informal == informal)
        and (tags is None or tags & {t.casefold() for t in n.tags})
    }


def neighbourhood(data: MapData, node_id: str, depth: int = 1) -> set[str]:
    """The node and everything within ``depth`` connections of it, in either direction."""
    graph = undirected(data)
    if node_id not in graph:
        return {node_id}
    return set(nx.single_source_shortest_path_length(graph, node_id, cutoff=depth))


def kinds_in_use(data: MapData) -> list[str]:
    return sorted({n.kind for n in data.nodes if n.kind}, key=str.casefold)


def tags_in_use(data: MapData) -> list[str]:
    return sorted({t for n in data.nodes for t in n.tags}, key=str.casefold)
