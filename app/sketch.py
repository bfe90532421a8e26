"""The map as the layouts work on it: nodes in order, their shape-and-label boxes, connections as
pairs of numbers, which nodes may move; and the steps every layout ends with.

Layouts think in *spacing units*: one unit across is a typical label's width plus room, one unit
down a typical label's height plus room, so a network one unit apart in every direction never
puts one label on another.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import scipy.sparse
import scipy.sparse.csgraph

from app import spacing
from app.domain import MapData
from app.label_boxes import LabelStyle, node_box
from app.packing import pack

ROOM = 1.3  # spacing units are this many typical boxes (with a gap) apart
UNTANGLE_LIMIT = 1000  # above this many nodes, a cheaper pass steps nodes off connections
EDGE_LIMIT = 3000  # above this many, none: a layout that size is for the overview, not for reading
SCREEN_SHAPE = 1.6  # maps are turned to be about this much wider than tall, as screens are


@dataclass
class Sketch:
    ids: list[str]
    blocks: np.ndarray  # each node's building block, as its place in the map's list of blocks
    edges: np.ndarray  # (m, 2) node numbers, one row per connected pair, no loops
    arrows: np.ndarray  # (k, 2) the directed connections, source then target, no loops
    boxes: np.ndarray  # (n, 4) shape-and-label box round each node's centre
    pos: np.ndarray  # (n, 2) where the nodes are now (0, 0 where they have no place yet)
    placed: np.ndarray  # which nodes have a place on the map
    movable: np.ndarray  # which nodes this layout may move
    unit: np.ndarray  # (2,) map units in one spacing unit, across and down
    sideways_only: bool = False  # tidying moves nodes across only (layers stay straight)
    leeway: float = 3.0  # tidying moves a node this many spacing units at most

    @classmethod
    def of(cls, data: MapData, movable: Collection[str], style: LabelStyle) -> Sketch:
        ids = [n.id for n in data.nodes]
        index = {node_id: i for i, node_id in enumerate(ids)}
        order = {c.key: i for i, c in enumerate(data.categories)}
        pairs = {tuple(sorted((index[e.source], index[e.target])))
                 for e in data.edges if e.source != e.target}
        arrows = {(index[e.source], index[e.target])
                  for e in data.edges if e.source != e.target and e.directed}
        boxes = np.array([_box(n.label, style) for n in data.nodes]).reshape(-1, 4)
        typical = np.median(boxes[:, 2:] - boxes[:, :2], axis=0) if len(boxes) else np.ones(2)
        return cls(
            ids=ids,
            blocks=np.array([order.get(n.category, len(order)) for n in data.nodes], int),
            edges=np.array(sorted(pairs), int).reshape(-1, 2),
            arrows=np.array(sorted(arrows), int).reshape(-1, 2),
            boxes=boxes,
            pos=np.array([(n.x or 0.0, n.y or 0.0) for n in data.nodes], float).reshape(-1, 2),
            placed=np.array([n.has_position for n in data.nodes], bool),
            movable=np.array([i in movable for i in ids], bool),
            unit=(typical + spacing.GAP) * ROOM,
        )

    @property
    def n(self) -> int:
        return len(self.ids)

    def pieces(self, among: np.ndarray | None = None) -> list[np.ndarray]:
        """Connected pieces of the network (of the nodes in mask ``among``), largest first."""
        keep = np.ones(self.n, bool) if among is None else among
        edges = self.edges[keep[self.edges[:, 0]] & keep[self.edges[:, 1]]]
        graph = scipy.sparse.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])),
                                        shape=(self.n, self.n))
        _, label = scipy.sparse.csgraph.connected_components(graph, directed=False)
        found = [np.flatnonzero((label == k) & keep) for k in np.unique(label[keep])]
        return sorted(found, key=lambda piece: (-len(piece), piece[0]))

    def edges_within(self, piece: np.ndarray) -> np.ndarray:
        """The connections inside ``piece``, numbered by place in ``piece``."""
        local = np.full(self.n, -1)
        local[piece] = np.arange(len(piece))
        inside = self.edges[(local[self.edges[:, 0]] >= 0) & (local[self.edges[:, 1]] >= 0)]
        return local[inside].reshape(-1, 2)

    def to_map(self, points: np.ndarray) -> np.ndarray:
        return points * self.unit

    def to_units(self, points: np.ndarray) -> np.ndarray:
        return points / self.unit

    def tidy(self, pos: np.ndarray, among: np.ndarray | None = None) -> np.ndarray:
        """No label on another and no node on a connection not its own (pinned nodes stay);
        only among the nodes numbered in ``among``, if given, as if the others were not there."""
        among = np.arange(self.n) if among is None else among
        boxes, movable = self.boxes[among], self.movable[among]
        edges = self.edges_within(among)
        part = spacing.separate(pos[among], boxes, movable, sideways_only=self.sideways_only)
        big = len(among) > UNTANGLE_LIMIT
        if self.leeway >= 1 and len(among) <= EDGE_LIMIT:
            part = spacing.clear_edges(part, boxes, edges, movable, rounds=3 if big else 12,
                                       sideways_only=self.sideways_only)
        if not big:
            part = spacing.untangle(part, boxes, edges, movable, self.unit,
                                    rounds=_untangle_rounds(len(among)),
                                    sideways_only=self.sideways_only, leeway=self.leeway)
        pos = pos.copy()
        pos[among] = spacing.separate(part, boxes, movable, sideways_only=self.sideways_only)
        return pos

    def pack_islands(self, pos: np.ndarray, pieces: list[np.ndarray],
                     placed: np.ndarray) -> np.ndarray:
        """Each piece moved whole beside what is ``placed``, near the nodes of its blocks."""
        def wish(piece, placed_now):
            same = placed_now & np.isin(self.blocks, self.blocks[piece])
            near = same if same.any() else placed_now
            return pos[near].mean(0) if near.any() else pos[piece].mean(0)

        cell = float(min(self.unit)) / 3
        return pack(pos, self.boxes, self.edges, pieces, placed, wish, cell)

    def positions(self, pos: np.ndarray) -> dict[str, tuple[float, float]]:
        return {self.ids[i]: (round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1))
                for i in np.flatnonzero(self.movable)}


def _untangle_rounds(count: int) -> int:
    """Rounds of the search stepping nodes off connections: most of what it finds, it finds in
    the first few; on larger maps each round costs more and fewer are taken."""
    return max(1, min(6, 1200 // max(count, 1)))


def _box(label: str, style: LabelStyle) -> tuple[float, float, float, float]:
    box = node_box(label, style)
    return box.left, box.top, box.right, box.bottom


def turned_to_screen(points: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """The same picture (in spacing units) turned so that, drawn, it is about as much wider
    than tall as a screen: its long axis across or down, whichever comes nearer."""
    if len(points) < 3:
        return points - points.mean(0)
    centred = points - points.mean(0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    along = centred @ axes.T
    along *= np.where(along[np.abs(along).argmax(0), [0, 1]] < 0, -1, 1)  # one way every time
    across = np.ptp(along, axis=0) * unit
    down = along[:, ::-1] * [1, -1]
    across_down = np.ptp(down, axis=0) * unit
    shape = across[0] / max(across[1], 1e-9)
    shape_down = across_down[0] / max(across_down[1], 1e-9)
    if abs(np.log(shape_down / SCREEN_SHAPE)) < abs(np.log(shape / SCREEN_SHAPE)):
        return down
    return along
