"""Keeping a laid-out map readable: no label on another, no node sitting on a connection that is
not its own. Both measured (for the tests and ``make bench``) and mended (the last step of every
layout), with the same geometry.

Positions are an ``(n, 2)`` array of node centres; ``boxes`` an ``(n, 4)`` array of each node's
shape-and-label box relative to its centre (left, top, right, bottom; see ``app.label_boxes``).
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

GAP = 10.0  # map units left between two labels, and between a node and a passing connection
ROUNDS = 40
FEW = 20  # overlaps left that are moved apart one pair at a time


def box_centres(pos: np.ndarray, boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The centre of each node's whole box, and its half width and height."""
    centre = pos + np.column_stack([boxes[:, 0] + boxes[:, 2], boxes[:, 1] + boxes[:, 3]]) / 2
    half = np.column_stack([boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]]) / 2
    return centre, half


def overlapping_pairs(pos: np.ndarray, boxes: np.ndarray, gap: float = 0.0) -> np.ndarray:
    """Pairs ``(a, b)`` (a < b) of nodes whose boxes, grown by ``gap``/2 each, overlap."""
    if len(pos) < 2:
        return np.zeros((0, 2), int)
    centre, half = box_centres(pos, boxes)
    reach = 2 * float(np.hypot(half[:, 0], half[:, 1]).max()) + gap
    pairs = cKDTree(centre).query_pairs(reach, output_type="ndarray")
    if not len(pairs):
        return pairs.reshape(0, 2)
    a, b = pairs[:, 0], pairs[:, 1]
    clear = np.abs(centre[a] - centre[b]) - (half[a] + half[b] + gap)
    return pairs[(clear[:, 0] < -1e-6) & (clear[:, 1] < -1e-6)]


def _roomy(pos: np.ndarray, boxes: np.ndarray, movable: np.ndarray) -> np.ndarray:
    """A picture far too crowded (less room than its boxes would take, packed solid) scaled up
    to that room first, all alike, so that nothing new crosses; when nothing is pinned."""
    if not movable.all():
        return pos
    centre, half = box_centres(pos, boxes)
    span = np.ptp(centre, axis=0) + 2 * half.mean(0)
    needed = float(np.sum(4 * half[:, 0] * half[:, 1]))
    have = float(np.prod(span))
    if have <= 0 or have >= needed:
        return pos
    middle = pos.mean(0)
    return middle + (pos - middle) * np.sqrt(needed / have)


def prism(pos: np.ndarray, boxes: np.ndarray, movable: np.ndarray, gap: float = GAP,
           rounds: int | None = None) -> np.ndarray:
    """Overlaps removed keeping the picture's shape, as Graphviz's ``overlap=prism`` does
    (Gansner and Hu, "Efficient, proximity-preserving node overlap removal", 2010): neighbours in
    a triangulation of the nodes, and every overlapping pair, wish to be as far apart as it
    takes their boxes to clear each other (at most half as far again at a time), a stress
    majorisation moving them there, until no pair of neighbours overlaps."""
    from scipy.spatial import Delaunay, QhullError

    from app import stress

    centre_of = (boxes[:, :2] + boxes[:, 2:]) / 2
    half = (boxes[:, 2:] - boxes[:, :2]) / 2
    if rounds is None:  # a very large map: fewer rounds, pushing apart does the rest
        rounds = 30 if len(pos) <= 3000 else 10
    for _ in range(rounds):
        overlapping = overlapping_pairs(pos, boxes, gap)
        if len(overlapping) <= FEW:
            break
        centre = pos + centre_of
        try:
            triangles = Delaunay(centre).simplices
        except QhullError:  # all in a line, or all in one place: pushing apart will do
            break
        pairs = np.vstack([triangles[:, [0, 1]], triangles[:, [1, 2]], triangles[:, [0, 2]],
                           overlapping]).astype(np.int64)
        code = np.unique(pairs.min(1) * len(pos) + pairs.max(1))
        i, j = code // len(pos), code % len(pos)
        delta = np.abs(centre[i] - centre[j])
        need = half[i] + half[j] + gap
        with np.errstate(divide="ignore"):
            factor = np.min(np.where(delta > 1e-9, need / delta, np.inf), axis=1)
        factor = np.clip(factor, 1.0, 1.5)
        length = np.maximum(np.hypot(*(centre[i] - centre[j]).T), 1e-3)
        wished = length * factor
        terms = stress.Terms(i, j, wished, wished ** -2.0)
        pos = stress.majorise(terms, pos, fixed=~movable if (~movable).any() else None,
                              iterations=10, rescale=False)
    return pos


def separate(pos: np.ndarray, boxes: np.ndarray, movable: np.ndarray, gap: float = GAP,
             rounds: int = ROUNDS, sideways_only: bool = False,
             keep_shape: bool = True) -> np.ndarray:
    """Move movable nodes apart, each overlap resolved the shorter way (or sideways), until
    none is left.

    A node pushed by several others first moves by the largest push each way (adding pushes
    up throws crowded nodes too far); where that stalls (a node squeezed between two), pushes
    are added up, which always ends, crowds spreading out as they must; the last few overlaps
    are moved apart one pair at a time, the other way round every second pass. Many overlaps
    (``keep_shape``) are first removed as Graphviz's prism does, keeping the picture's shape."""
    pos = pos.astype(float).copy()
    if keep_shape and len(pos) > 3 and not sideways_only:
        pos = prism(_roomy(pos, boxes, movable), boxes, movable, gap)
    for turn in range(rounds * 4):
        pairs = overlapping_pairs(pos, boxes, gap)
        pairs = pairs[movable[pairs[:, 0]] | movable[pairs[:, 1]]]
        if not len(pairs):
            return pos
        if turn >= rounds * 3 and len(pairs) <= FEW:
            break
        pos += _apart(pos, boxes, movable, pairs, gap, sideways_only, added=turn >= rounds)
    return _one_pair_at_a_time(pos, boxes, movable, gap, sideways_only)


def _one_pair_at_a_time(pos, boxes, movable, gap, sideways_only) -> np.ndarray:
    centre_of = (boxes[:, :2] + boxes[:, 2:]) / 2
    half = (boxes[:, 2:] - boxes[:, :2]) / 2
    for turn in range(ROUNDS):
        pairs = overlapping_pairs(pos, boxes, gap)
        pairs = pairs[movable[pairs[:, 0]] | movable[pairs[:, 1]]]
        if not len(pairs):
            break
        for a, b in pairs.tolist():
            delta = (pos[b] + centre_of[b]) - (pos[a] + centre_of[a])
            need = half[a] + half[b] + gap - np.abs(delta) + 0.5
            if need[0] <= 0.5 or need[1] <= 0.5:
                continue
            sideways = (need[0] / (half[a, 0] + half[b, 0]) < need[1] / (half[a, 1] + half[b, 1]))
            axis = 0 if sideways_only or (sideways != (turn % 2 == 1)) else 1
            sign = 1.0 if delta[axis] >= 0 else -1.0
            share_a = (0.5 if movable[b] else 1.0) * movable[a]
            pos[a, axis] -= sign * need[axis] * share_a
            pos[b, axis] += sign * need[axis] * (1 - share_a) * movable[b]
    return pos


def _apart(pos, boxes, movable, pairs, gap, sideways_only=False, added=False) -> np.ndarray:
    """Each pair's push, shared by its movable nodes (see ``separate``)."""
    centre, half = box_centres(pos, boxes)
    a, b = pairs[:, 0], pairs[:, 1]
    delta = centre[b] - centre[a]
    need = half[a] + half[b] + gap - np.abs(delta) + 0.5
    sideways = need[:, 0] / (half[a, 0] + half[b, 0]) < need[:, 1] / (half[a, 1] + half[b, 1])
    sideways |= sideways_only
    axis = np.where(sideways, 0, 1)
    rows = np.arange(len(pairs))
    amount = need[rows, axis]
    sign = np.sign(delta[rows, axis])
    sign[sign == 0] = 1.0  # stacked exactly: the later node goes right or down
    share_a = np.where(movable[b], 0.5, 1.0) * movable[a]
    share_b = np.where(movable[a], 0.5, 1.0) * movable[b]
    if added:
        push = np.zeros((len(pos), 2))
        np.add.at(push, (a, axis), -sign * amount * share_a)
        np.add.at(push, (b, axis), sign * amount * share_b)
        return push
    push = np.zeros((len(pos), 2, 2))  # node, axis, (most negative, most positive)
    _largest(push, a, axis, -sign * amount * share_a)
    _largest(push, b, axis, sign * amount * share_b)
    return push[:, :, 0] + push[:, :, 1]


def _largest(push, nodes, axis, moves) -> None:
    np.minimum.at(push[:, :, 0], (nodes, axis), np.minimum(moves, 0))
    np.maximum.at(push[:, :, 1], (nodes, axis), np.maximum(moves, 0))


def edge_hits(pos: np.ndarray, boxes: np.ndarray, edges: np.ndarray,
              gap: float = 0.0) -> np.ndarray:
    """Pairs ``(node, edge)`` where a connection crosses the box (grown by ``gap``) of a node
    that is not one of its ends."""
    if not len(edges) or not len(pos):
        return np.zeros((0, 2), int)
    centre, half = box_centres(pos, boxes)
    start, end = pos[edges[:, 0]], pos[edges[:, 1]]
    middle = (start + end) / 2
    reach = np.hypot(*(end - start).T) / 2 + float(np.hypot(half[:, 0], half[:, 1]).max()) + gap
    near = cKDTree(centre).query_ball_point(middle, reach)
    edge = np.repeat(np.arange(len(edges)), [len(c) for c in near])
    node = np.fromiter((i for c in near for i in c), int, len(edge))
    foreign = (node != edges[edge, 0]) & (node != edges[edge, 1])
    node, edge = node[foreign], edge[foreign]
    low = centre[node] - half[node] - gap
    high = centre[node] + half[node] + gap
    hit = _segment_meets_box(start[edge], end[edge], low, high)
    return np.column_stack([node[hit], edge[hit]])


def _segment_meets_box(p: np.ndarray, q: np.ndarray, low: np.ndarray,
                       high: np.ndarray) -> np.ndarray:
    """Whether each segment p–q passes through its box (Liang–Barsky clipping); the arrays
    broadcast together, points in their last axis."""
    d = q - p
    enter = np.zeros(np.broadcast_shapes(p.shape, q.shape, low.shape, high.shape)[:-1])
    leave = np.ones_like(enter)
    inside = np.ones(enter.shape, bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for axis in (0, 1):
            start, step = p[..., axis], d[..., axis]
            flat = np.abs(step) < 1e-12
            inside &= ~flat | ((start > low[..., axis]) & (start < high[..., axis]))
            t1 = (low[..., axis] - start) / step
            t2 = (high[..., axis] - start) / step
            enter = np.where(flat, enter, np.maximum(enter, np.minimum(t1, t2)))
            leave = np.where(flat, leave, np.minimum(leave, np.maximum(t1, t2)))
    return inside & (enter < leave)


def clear_edges(pos: np.ndarray, boxes: np.ndarray, edges: np.ndarray, movable: np.ndarray,
                gap: float = GAP, rounds: int = 12, sideways_only: bool = False) -> np.ndarray:
    """Step nodes off connections that are not theirs (straight off the connection, or only
    sideways), keeping labels apart after each step; a pinned node stays and the connection's
    ends step instead."""
    pos = pos.astype(float).copy()
    for _ in range(rounds):
        hits = edge_hits(pos, boxes, edges, gap / 2)
        if not len(hits):
            break
        moved = _off_edges(pos, boxes, edges, movable, hits, gap, sideways_only)
        if not moved.any():
            break
        pos += moved
        pos = separate(pos, boxes, movable, gap, sideways_only=sideways_only, keep_shape=False)
    return pos


def _off_edges(pos, boxes, edges, movable, hits, gap, sideways_only) -> np.ndarray:
    centre, half = box_centres(pos, boxes)
    node, edge = hits[:, 0], hits[:, 1]
    start, end = pos[edges[edge, 0]], pos[edges[edge, 1]]
    along = end - start
    normal = np.column_stack([-along[:, 1], along[:, 0]])
    normal /= np.maximum(np.hypot(*normal.T), 1e-9)[:, None]
    side = np.einsum("ij,ij->i", centre[node] - start, normal)
    reach = np.abs(normal[:, 0]) * half[node, 0] + np.abs(normal[:, 1]) * half[node, 1]
    sign = np.where(side >= 0, 1.0, -1.0)
    step = ((reach + gap - np.abs(side)) * sign)[:, None] * normal
    if sideways_only:  # the same step off the line, taken across only
        across = np.where(np.abs(normal[:, 0]) > 0.2, normal[:, 0], 0.2 * np.sign(normal[:, 0] + 1e-12))
        step = np.column_stack([(reach + gap - np.abs(side)) * sign / across, np.zeros(len(side))])
    move = np.zeros_like(pos)
    count = np.zeros(len(pos))
    own = movable[node]
    np.add.at(move, node[own], step[own])
    np.add.at(count, node[own], 1)
    for end_of in (0, 1):  # a pinned node on a connection: the connection moves aside
        ends = edges[edge[~own], end_of]
        mine = movable[ends]
        np.add.at(move, ends[mine], -step[~own][mine])
        np.add.at(count, ends[mine], 1)
    return move / np.maximum(count, 1)[:, None]


class _Untangler:
    """A greedy local search: each node that sits on a connection, or whose connections cross
    another node, tries a few nearby spots and takes the one with the fewest such meetings (a
    label overlap counts ten); a move only changes meetings the node is part of, so every move
    taken makes the whole map better, and the search ends."""

    def __init__(self, pos, boxes, edges, movable, gap, sideways_only, unit, leeway):
        self.pos, self.boxes, self.edges, self.movable, self.gap = pos, boxes, edges, movable, gap
        self.offset = np.column_stack([boxes[:, 0] + boxes[:, 2], boxes[:, 1] + boxes[:, 3]]) / 2
        self.half = np.column_stack([boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]]) / 2
        self.widest = 2 * self.half.max(0) + gap
        self.sideways_only = sideways_only
        self.unit = unit
        self.steps = np.array([s for s in (0.25, 0.5, 1.0, 2.0) if s <= leeway])
        self.origin, self.leeway = pos.copy(), leeway
        self.touching = [[] for _ in range(len(pos))]
        for e, (a, b) in enumerate(edges):
            self.touching[a].append(e)
            self.touching[b].append(e)
        self.centres = pos + self.offset
        self._edge_boxes()

    def _edge_boxes(self) -> None:
        ends = self.pos[self.edges]
        self.e_low, self.e_high = ends.min(1), ends.max(1)

    def move(self, v: int, where: np.ndarray) -> None:
        self.pos[v] = where
        self.centres[v] = where + self.offset[v]
        mine = self.touching[v]
        ends = self.pos[self.edges[mine]]
        self.e_low[mine], self.e_high[mine] = ends.min(1), ends.max(1)

    def spots(self, v: int) -> np.ndarray:
        """Nearby places to try: a quarter to two spacing units away, in eight directions, none
        further than the leeway from where the layout put the node."""
        steps = self.steps
        if self.sideways_only:
            moves = np.concatenate([steps, -steps])[:, None] * [self.unit[0], 0.0]
        else:
            angles = np.arange(8) * np.pi / 4
            ring = np.column_stack([np.cos(angles), np.sin(angles)])
            moves = (steps[:, None, None] * ring[None, :, :]).reshape(-1, 2) * self.unit
        spots = self.pos[v] + moves
        away = np.abs(spots - self.origin[v]) / self.unit  # never further than the leeway
        return spots[away.max(1) <= self.leeway + 1e-9]

    def _near(self, low, high, v) -> np.ndarray:
        """Nodes (not ``v``) whose boxes may reach into the rectangle low–high."""
        near = np.flatnonzero(np.all((self.centres > low - self.widest)
                                     & (self.centres < high + self.widest), axis=1))
        return near[near != v]

    def badness(self, v: int, spots: np.ndarray) -> np.ndarray:
        """For each spot: connections through the node's box, nodes its connections run
        through, and ten for each label it would overlap."""
        half, gap, edges = self.half, self.gap, self.edges
        low, high = spots.min(0), spots.max(0)
        mine = spots + self.offset[v]
        grown = half[v] + gap / 2
        crossing = np.flatnonzero(np.all((self.e_high > low - self.widest)
                                         & (self.e_low < high + self.widest), axis=1))
        crossing = crossing[(edges[crossing, 0] != v) & (edges[crossing, 1] != v)]
        ends = self.pos[edges[crossing]]
        score = _segment_meets_box(ends[None, :, 0], ends[None, :, 1], (mine - grown)[:, None],
                                   (mine + grown)[:, None]).sum(1)
        near = self._near(low, high, v)
        others = self.centres[near]
        score += 10 * np.all(np.abs(others[None] - mine[:, None])
                             < half[near][None] + half[v] + gap, axis=1).sum(1)
        for e in self.touching[v]:
            u = edges[e, 0] if edges[e, 1] == v else edges[e, 1]
            passed = self._near(np.minimum(low, self.pos[u]), np.maximum(high, self.pos[u]), v)
            passed = passed[passed != u]
            if not len(passed):
                continue
            box = self.centres[passed]
            score += _segment_meets_box(spots[:, None], self.pos[u][None, None],
                                        (box - half[passed] - gap / 2)[None],
                                        (box + half[passed] + gap / 2)[None]).sum(1)
        return score

    def run(self, rounds: int) -> np.ndarray:
        for _ in range(rounds):
            hits = edge_hits(self.pos, self.boxes, self.edges, self.gap / 2)
            suspects = np.unique(np.concatenate([hits[:, 0], self.edges[hits[:, 1]].ravel()]))
            moved = False
            for v in suspects[self.movable[suspects]]:
                now = self.badness(v, self.pos[v][None])[0]
                if now == 0:
                    continue
                spots = self.spots(v)
                if not len(spots):
                    continue
                score = self.badness(v, spots)
                best = int(np.argmin(score))
                if score[best] < now:
                    self.move(v, spots[best])
                    moved = True
            if not moved:
                break
        return self.pos


def untangle(pos: np.ndarray, boxes: np.ndarray, edges: np.ndarray, movable: np.ndarray,
             unit: np.ndarray, gap: float = GAP, rounds: int = 20, sideways_only: bool = False,
             leeway: float = 2.0) -> np.ndarray:
    """Nodes moved off connections that are not theirs, and connections off nodes, a little at
    a time (never further than ``leeway`` spacing units from where they were), never putting a
    label on another (see ``_Untangler``)."""
    if not len(edges):
        return pos
    return _Untangler(pos.astype(float).copy(), boxes, edges, movable, gap, sideways_only,
                      unit, leeway).run(rounds)
