"""Arranging a map: automatic layouts, align and distribute, and keeping labels apart.

Each function answers new positions ``{node id: (x, y)}`` for the nodes it moves; applying them
is one ``MoveNodes`` operation, so any arrangement is one undoable step. Pinned nodes never move.
Every layout ends the same way: no label on another, no node on a connection that is not its
own, islands and lone nodes packed close beside the rest (see ``app.sketch``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np

from app import spacing
from app.clusters import clusters
from app.domain import MapData
from app.force import force
from app.label_boxes import LabelStyle
from app.layers import hierarchy
from app.rings import rings
from app.sketch import Sketch

Positions = dict[str, tuple[float, float]]

LAYOUTS = ("force", "clusters", "rings", "hierarchy")
# The room a node and its label need, for placing new nodes by hand (layouts measure each label).
NODE_WIDTH, NODE_HEIGHT = 180.0, 120.0


def arrange(data: MapData, layout: str, pinned: Collection[str] = (),
            only: Collection[str] | None = None, style: LabelStyle | None = None) -> Positions:
    """New positions for the map (or for ``only`` those nodes) in the named layout."""
    functions = {"force": force, "clusters": clusters, "rings": rings, "hierarchy": hierarchy}
    if layout not in functions:
        raise ValueError(f"unknown layout {layout!r}")
    movable = {n.id for n in data.nodes if n.id not in pinned and (only is None or n.id in only)}
    if not movable:
        return {}
    sketch = Sketch.of(data, movable, style or LabelStyle())
    pos = functions[layout](sketch)
    if sketch.movable.all():
        pos = _centred_where_it_was(sketch, pos)
    return sketch.positions(sketch.tidy(pos))


def _centred_where_it_was(sketch: Sketch, pos: np.ndarray) -> np.ndarray:
    """A whole new layout goes where the map was, so the view does not jump away."""
    if not sketch.placed.any():
        return pos - (pos.min(0) + pos.max(0)) / 2
    was = sketch.pos[sketch.placed]
    return pos - (pos.min(0) + pos.max(0)) / 2 + (was.min(0) + was.max(0)) / 2


def remove_overlaps(data: MapData, movable: Collection[str],
                    style: LabelStyle | None = None) -> Positions:
    """Nudge movable nodes apart until no two node-and-label boxes overlap (the nodes given)."""
    sketch = Sketch.of(data, set(movable), style or LabelStyle())
    return sketch.positions(spacing.separate(sketch.pos, sketch.boxes, sketch.movable))


# --- align and distribute --------------------------------------------------------------------

ALIGNMENTS = ("left", "right", "top", "bottom", "centre", "middle")


def align(positions: Mapping[str, tuple[float, float]], how: str) -> Positions:
    """Line the given nodes up: on their left/right/centre (x) or top/bottom/middle (y)."""
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    target = {"left": min(xs, default=0), "right": max(xs, default=0),
              "centre": sum(xs) / len(xs) if xs else 0,
              "top": min(ys, default=0), "bottom": max(ys, default=0),
              "middle": sum(ys) / len(ys) if ys else 0}[how]
    if how in ("left", "right", "centre"):
        return {k: (target, y) for k, (_, y) in positions.items()}
    return {k: (x, target) for k, (x, _) in positions.items()}


def distribute(positions: Mapping[str, tuple[float, float]], axis: str) -> Positions:
    """Space the given nodes evenly between the outermost two, across (x) or down (y)."""
    index = 0 if axis == "x" else 1
    ordered = sorted(positions, key=lambda k: (positions[k][index], k))
    if len(ordered) < 3:
        return dict(positions)
    first, last = positions[ordered[0]][index], positions[ordered[-1]][index]
    step = (last - first) / (len(ordered) - 1)
    result = {}
    for i, node_id in enumerate(ordered):
        x, y = positions[node_id]
        result[node_id] = (first + i * step, y) if index == 0 else (x, first + i * step)
    return result


def snap(point: tuple[float, float], grid: float) -> tuple[float, float]:
    return (round(point[0] / grid) * grid, round(point[1] / grid) * grid)

