"""Positions for nodes that have none, so an imported map opens looking drawn, not piled up."""

from __future__ import annotations

import math
import random

import networkx as nx

from app.domain import MapData
from app.graph import undirected

SPACING = 220.0  # map units between neighbouring nodes: a node and its label fit comfortably
LARGE = 1500  # above this many nodes to place, a force-directed layout is too slow to wait for


def auto_layout(data: MapData, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for every node of ``data`` without one; nodes already placed stay put."""
    missing = [n for n in data.nodes if not n.has_position]
    if not missing:
        return {}
    if len(missing) > LARGE:
        return _grid_by_category(data, [n.id for n in missing])
    graph = undirected(data)
    fixed = {n.id: (n.x, n.y) for n in data.nodes if n.has_position}
    start = {**fixed, **_start_positions(data, graph, fixed, seed)}
    pos = nx.spring_layout(
        graph, pos=start, fixed=list(fixed) or None, k=SPACING if fixed else None,
        seed=seed, iterations=120,
    )
    if not fixed:  # spring_layout answers in [-1, 1]: spread it to map units
        scale = SPACING * max(1.0, math.sqrt(len(missing))) * 0.8
        pos = {k: (float(x) * scale, float(y) * scale) for k, (x, y) in pos.items()}
    return snap_apart({n.id: pos[n.id] for n in missing}, fixed.values())


def snap_apart(pos: dict, fixed, cell_w: float = SPACING, cell_h: float = SPACING * 0.7):
    """Snap to a grid of label-sized cells, moving a node to the nearest free cell if taken
    (by another of ``pos`` or by a node at one of the ``fixed`` positions)."""
    taken = {(round(x / cell_w), round(y / cell_h)) for x, y in fixed}
    result = {}
    for node_id, (x, y) in sorted(pos.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        cell = _nearest_free((round(x / cell_w), round(y / cell_h)), taken)
        taken.add(cell)
        result[node_id] = (cell[0] * cell_w, cell[1] * cell_h)
    return result


def _nearest_free(cell: tuple[int, int], taken: set) -> tuple[int, int]:
    cx, cy = cell
    for radius in range(0, 1000):
        ring = [(cx + dx, cy + dy) for dx in range(-radius, radius + 1)
                for dy in range(-radius, radius + 1) if max(abs(dx), abs(dy)) == radius]
        free = [c for c in ring if c not in taken]
        if free:
            return min(free, key=lambda c: (abs(c[0] - cx) + abs(c[1] - cy), c))
    raise RuntimeError("no free place on the map")  # needs over a million nodes in one spot


def _start_positions(data, graph, fixed, seed) -> dict[str, tuple[float, float]]:
    """Start each category in its own sector (so clusters form), or beside placed neighbours."""
    rng = random.Random(seed)
    keys = [c.key for c in data.categories] or ["_"]
    spread = SPACING if fixed else 1.0
    start = {}
    for node in data.nodes:
        if node.has_position:
            continue
        placed = [fixed[m] for m in graph.neighbors(node.id) if m in fixed]
        if placed:
            cx = sum(p[0] for p in placed) / len(placed)
            cy = sum(p[1] for p in placed) / len(placed)
        else:
            angle = 2 * math.pi * keys.index(node.category) / len(keys) if node.category in keys \
                else 0.0
            cx, cy = math.cos(angle) * 0.6 * spread, math.sin(angle) * 0.6 * spread
        start[node.id] = (cx + rng.uniform(-0.2, 0.2) * spread,
                          cy + rng.uniform(-0.2, 0.2) * spread)
    return start


def _grid_by_category(data: MapData, ids: list[str]) -> dict[str, tuple[float, float]]:
    """Very large maps: one block of rows per category, side by side."""
    wanted = set(ids)
    by_category: dict[str, list[str]] = {}
    for node in data.nodes:
        if node.id in wanted:
            by_category.setdefault(node.category, []).append(node.id)
    positions, left = {}, 0.0
    for members in by_category.values():
        columns = max(1, round(math.sqrt(len(members))))
        for i, node_id in enumerate(members):
            positions[node_id] = (left + (i % columns) * SPACING, (i // columns) * SPACING)
        left += (columns + 2) * SPACING
    return positions
