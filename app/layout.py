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
