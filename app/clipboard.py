"""Copy and paste parts of a map, as map-format JSON, within a map or between two maps."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import replace

from app.domain import Edge, MapData, Node, new_id
from app.errors import BadInput
from app.interchange import loads
from app.interchange.json_format import to_document

MIME_TYPE = "application/x-ecomap+json"
PASTE_OFFSET = 40.0  # a pasted copy sits a little below-right of the original, never on top


def copy_fragment(data: MapData, ids: Collection[str]) -> str:
    """The chosen nodes, the edges among them and their categories, as a small JSON map."""
    chosen = set(ids)
    nodes = tuple(n for n in data.nodes if n.id in chosen)
    edges = tuple(e for e in data.edges if e.source in chosen and e.target in chosen)
    used = {n.category for n in nodes}
    fragment = replace(data, name=f"Copied from {data.name}", description="", goals=(),
                       categories=tuple(c for c in data.categories if c.key in used),
                       settings={}, nodes=nodes, edges=edges, snapshots=())
    return json.dumps(to_document(fragment), ensure_ascii=False)


def paste_fragment(text: str, into: MapData, offset: float = PASTE_OFFSET,
                   ) -> tuple[tuple[Node, ...], tuple[Edge, ...]]:
    """Nodes and edges to add to ``into`` for a copied fragment: fresh ids, moved a little.

    A category the target map lacks is matched by name (so "Processes" finds "process"); if
    none matches, the paste is refused, naming the building block to add first.
    """
    fragment = loads(text, source="the clipboard")
    categories = _category_mapping(fragment, into)
    taken_nodes = {n.id for n in into.nodes}
    taken_edges = {e.id for e in into.edges}
    renamed: dict[str, str] = {}
    nodes = []
    for n in fragment.nodes:
        renamed[n.id] = new_id("n", taken_nodes)
        taken_nodes.add(renamed[n.id])
        nodes.append(replace(n, id=renamed[n.id], category=categories[n.category],
                             x=(n.x or 0.0) + offset, y=(n.y or 0.0) + offset))
    edges = []
    for e in fragment.edges:
        edge_id = new_id("e", taken_edges)
        taken_edges.add(edge_id)
        edges.append(replace(e, id=edge_id, source=renamed[e.source], target=renamed[e.target]))
    return tuple(nodes), tuple(edges)


def _category_mapping(fragment: MapData, into: MapData) -> dict[str, str]:
    by_key = {c.key: c.key for c in into.categories}
    by_name = {c.name.casefold(): c.key for c in into.categories}
    mapping = {}
    for cat in fragment.categories:
        key = by_key.get(cat.key) or by_name.get(cat.name.casefold())
        if key is None:
            raise BadInput(f"this map has no building block “{cat.name}”; add it first, "
                           "then paste again")
        mapping[cat.key] = key
    return mapping
