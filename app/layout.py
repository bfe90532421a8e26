"""Positions for nodes that have none, so an imported map opens looking drawn, not piled up."""

from __future__ import annotations

from app.arrange import arrange
from app.domain import MapData
from app.label_boxes import LabelStyle

LARGE = 1500  # above this many nodes to place, the quick layout in clusters (about a second)


def auto_layout(data: MapData, style: LabelStyle | None = None) -> dict[str, tuple[float, float]]:
    """Positions for every node of ``data`` without one; nodes already placed stay put.

    The force-directed layout of the Map menu, the placed nodes held where they are: the new
    ones settle round those they connect to, and islands sit close beside the rest. A very
    large import is laid out in clusters instead, which takes a second rather than many.
    """
    placed = {n.id for n in data.nodes if n.has_position}
    missing = len(data.nodes) - len(placed)
    if not missing:
        return {}
    layout = "clusters" if missing > LARGE else "force"
    return arrange(data, layout, pinned=placed, style=style)


SPACING = 220.0  # map units between neighbouring nodes: a node and its label fit comfortably


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
