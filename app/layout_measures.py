"""How readable a laid-out map is, in numbers: crossings, nodes on connections not their own,
labels on labels, how much room it takes, whether building blocks sit together and islands near.

The tests hold every layout to these, and ``make bench`` prints them beside Graphviz's on the
same maps; both measure boxes with ``app.label_boxes``, as the layouts do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app import spacing
from app.domain import MapData
from app.label_boxes import LabelStyle
from app.sketch import Sketch


@dataclass(frozen=True)
class Readability:
    crossings: int  # pairs of connections that cross (not counting ones sharing a node)
    nodes_on_edges: int  # (node, connection) pairs: a connection through a box not its own
    label_overlaps: int  # pairs of nodes whose shape-and-label boxes overlap
    room_per_node: float  # the map's bounding area per node, in typical node boxes
    grouping: float  # share of nodes nearer the middle of their own block than any other's
    island_gap: float  # the furthest an island's box is from the main map's, in box heights


def readability(data: MapData, style: LabelStyle | None = None) -> Readability:
    """The figures for ``data`` as it is laid out (every node must have a place)."""
    sketch = Sketch.of(data, (), style or LabelStyle())
    pos = sketch.pos
    return Readability(
        crossings=crossings(pos, sketch.edges),
        nodes_on_edges=len(spacing.edge_hits(pos, sketch.boxes, sketch.edges)),
        label_overlaps=len(spacing.overlapping_pairs(pos, sketch.boxes)),
        room_per_node=room_per_node(pos, sketch.boxes),
        grouping=grouping(pos, sketch.blocks),
        island_gap=island_gap(sketch),
    )


def crossings(pos: np.ndarray, edges: np.ndarray, chunk: int = 400) -> int:
    """Pairs of straight connections crossing each other, ends shared or not touching apart."""
    if len(edges) < 2:
        return 0
    p, q = pos[edges[:, 0]], pos[edges[:, 1]]
    low, high = np.minimum(p, q), np.maximum(p, q)
    total = 0
    for start in range(0, len(edges), chunk):
        a = np.arange(start, min(start + chunk, len(edges)))[:, None]
        b = np.arange(len(edges))[None, :]
        candidate = (b > a) & np.all(low[a] < high[b], axis=2) & np.all(low[b] < high[a], axis=2)
        candidate &= ~_share_an_end(edges, a, b)
        ia, ib = np.nonzero(candidate)
        ia = ia + start
        total += int(np.count_nonzero(_cross(p[ia], q[ia], p[ib], q[ib])))
    return total


def _share_an_end(edges, a, b) -> np.ndarray:
    ea, eb = edges[a[:, 0]], edges[b[0]]
    return ((ea[:, None, 0] == eb[None, :, 0]) | (ea[:, None, 0] == eb[None, :, 1])
            | (ea[:, None, 1] == eb[None, :, 0]) | (ea[:, None, 1] == eb[None, :, 1]))


def _cross(p1, q1, p2, q2) -> np.ndarray:
    def turn(a, b, c):
        return np.sign((b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1])
                       - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0]))
    return ((turn(p1, q1, p2) * turn(p1, q1, q2) < 0)
            & (turn(p2, q2, p1) * turn(p2, q2, q1) < 0))


def room_per_node(pos: np.ndarray, boxes: np.ndarray) -> float:
    """The bounding rectangle of every box, per node, in typical boxes (1.0: packed solid)."""
    if not len(pos):
        return 0.0
    low = (pos + boxes[:, :2]).min(0)
    high = (pos + boxes[:, 2:]).max(0)
    typical = np.median((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]))
    return float(np.prod(high - low) / len(pos) / typical)


def grouping(pos: np.ndarray, blocks: np.ndarray) -> float:
    """The share of nodes that sit nearer the middle of their own building block than the middle
    of any other block (1.0: every block a group of its own; blocks of one node left out)."""
    kinds, which, sizes = np.unique(blocks, return_inverse=True, return_counts=True)
    if len(kinds) < 2:
        return 1.0
    middles = np.array([pos[which == k].mean(0) for k in range(len(kinds))])
    distance = np.hypot(*(pos[:, None, :] - middles[None, :, :]).transpose(2, 0, 1))
    counted = sizes[which] > 1
    nearest = distance.argmin(1)
    return float(np.mean(nearest[counted] == which[counted])) if counted.any() else 1.0


def island_gap(sketch: Sketch) -> float:
    """How far the furthest island or lone node is from the main map (box to box), in typical
    box heights; 0 when the map is all one piece."""
    pieces = sketch.pieces()
    if len(pieces) < 2:
        return 0.0
    low = sketch.pos + sketch.boxes[:, :2]
    high = sketch.pos + sketch.boxes[:, 2:]
    main_low, main_high = low[pieces[0]].min(0), high[pieces[0]].max(0)
    furthest = 0.0
    for piece in pieces[1:]:
        gap = np.maximum(0, np.maximum(low[piece].min(0) - main_high,
                                       main_low - high[piece].max(0)))
        furthest = max(furthest, float(np.hypot(*gap)))
    return furthest / float(np.median(sketch.boxes[:, 3] - sketch.boxes[:, 1]))
