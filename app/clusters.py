"""Layout in clusters: each building block a snug group of its own, groups that share many
connections side by side, each node on the side of its group facing what it connects to.

Groups are given places on a honeycomb: the block with most connections in the middle, each
other where its connections are shortest and pass over no other group. Each group is a
staggered lattice (rows offset by half a place, so connections can pass between), as round as
its size allows; the honeycomb shrinks as far as it can with a clear gap between any two
groups, and each group is then drawn in towards the middle. Within a group, nodes are given
places by the barycentre method of crossing reduction: each wishes to be at the middle of its
neighbours, and the places go to the wishes by solving the assignment problem (Hungarian
method, scipy's ``linear_sum_assignment``), group after group, a few rounds. On small maps two
nodes of a group then trade places wherever that leaves fewer connections over nodes.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.optimize import linear_sum_assignment

from app import spacing, stress
from app.force import force, held_still
from app.sketch import Sketch

BLOCK_GAP = 0.9  # spacing units of clear room between two groups
SNUG = 0.5  # within a group, nodes wish to be at most this × √(group size) + ½ apart
CELL = np.array([1.0, 1.3])  # a group's lattice, in its largest box (and a gap): room for lines
SCREEN_WIDE = 1.3  # the honeycomb stretched across, as screens are wider than tall
SWEEPS = 6  # rounds of giving each group's cells out by where the nodes' neighbours are
LEEWAY = 0.5  # spacing units a node may step off a connection: groups stay snug
SWAP_LIMIT = 120  # up to this many nodes, nodes of a group trade places where that helps
ASSIGN_LIMIT = 900  # above this many nodes in a group, a cheaper way to give out its cells


def clusters(sketch: Sketch) -> np.ndarray:
    """Positions for every node (those that may not move stay where they are)."""
    if not sketch.movable.all():
        return _round_pinned(sketch)
    sketch.leeway = LEEWAY
    groups = [np.flatnonzero(sketch.blocks == b) for b in np.unique(sketch.blocks)]
    cells = [_lattice(len(m), _cell(sketch, m)) for m in groups]
    pos = np.zeros((sketch.n, 2))
    for members, lattice in zip(groups, cells, strict=True):
        pos[members] = lattice
    pos = _side_by_side(sketch, pos, groups, _honeycomb(_ties(sketch, groups)))
    pos = _facing_neighbours(sketch, pos, groups, cells)
    return _swapped(sketch, pos, groups) if sketch.n <= SWAP_LIMIT else pos


def _cell(sketch: Sketch, members: np.ndarray) -> np.ndarray:
    """How far apart a group's lattice points are: its largest box and a gap, more down."""
    return ((sketch.boxes[members, 2:] - sketch.boxes[members, :2]).max(0) + spacing.GAP) * CELL


def _assigned(wished: np.ndarray, cells: np.ndarray) -> np.ndarray:
    """Each node given its own cell, the cells nearest where the nodes wish to be on the whole
    (the assignment problem; very large groups: by turn round the middle)."""
    if len(cells) > ASSIGN_LIMIT:
        return cells[_by_turn(cells)][np.argsort(np.argsort(_by_turn(wished)))]
    cost = ((wished[:, None, :] - cells[None, :, :]) ** 2).sum(2)
    rows, columns = linear_sum_assignment(cost)
    placed = np.zeros_like(wished)
    placed[rows] = cells[columns]
    return placed


def _facing_neighbours(sketch: Sketch, pos: np.ndarray, groups, cells) -> np.ndarray:
    """Within each group, nodes given the cells nearest the middle of their neighbours, group
    by group, a few times round (the barycentre method of crossing reduction)."""
    pull = np.zeros((sketch.n, 2))
    count = np.zeros(sketch.n)
    for _ in range(SWEEPS):
        for members, lattice in zip(groups, cells, strict=True):
            pull[:] = 0
            count[:] = 0
            for a, b in ((0, 1), (1, 0)):
                np.add.at(pull, sketch.edges[:, a], pos[sketch.edges[:, b]])
                np.add.at(count, sketch.edges[:, a], 1)
            middle = pos[members].mean(0)
            wished = np.where(count[members, None] > 0,
                              (pull[members] + pos[members]) / (count[members, None] + 1),
                              pos[members])
            pos[members] = _assigned(wished - middle, lattice) + middle
    return pos


def _swapped(sketch: Sketch, pos: np.ndarray, groups) -> np.ndarray:
    """Two nodes of a group trade places wherever that leaves fewer connections running over
    nodes, and fewer crossing (a few rounds; each trade keeps the group's lattice as it is)."""
    from app.layout_measures import crossings

    def cost(p):
        hits = len(spacing.edge_hits(p, sketch.boxes, sketch.edges))
        return hits + 0.2 * crossings(p, sketch.edges)

    best = cost(pos)
    for _ in range(3):
        improved = False
        for members in groups:
            for a, b in itertools.combinations(members.tolist(), 2):
                pos[[a, b]] = pos[[b, a]]
                now = cost(pos)
                if now < best - 1e-9:
                    best, improved = now, True
                else:
                    pos[[a, b]] = pos[[b, a]]
        if not improved:
            break
    return pos


def _ties(sketch: Sketch, groups: list[np.ndarray]) -> np.ndarray:
    """How many connections run between each two groups."""
    which = np.zeros(sketch.n, int)
    for g, members in enumerate(groups):
        which[members] = g
    ties = np.zeros((len(groups), len(groups)))
    np.add.at(ties, (which[sketch.edges[:, 0]], which[sketch.edges[:, 1]]), 1)
    ties = ties + ties.T
    np.fill_diagonal(ties, 0)
    return ties


def _honeycomb(ties: np.ndarray) -> np.ndarray:
    """A cell of a honeycomb (one apart) for each group: the most connected in the middle, then
    each where its connections are shortest; then groups moved while that helps. A connection
    passing over a third group's cell counts three times as long."""
    count = len(ties)
    cells = _cells(count)
    slot = np.full(count, -1)
    for g in sorted(range(count), key=lambda g: (-ties[g].sum(), g)):
        taken = set(slot.tolist())
        slot[g] = min((c for c in range(len(cells)) if c not in taken),
                      key=lambda c: (_cost(ties, cells, _with(slot, g, c)), c))
    improved = True
    while improved:
        improved = False
        for g in range(count):
            for c in range(len(cells)):
                trial = _with(slot, g, c)
                if _cost(ties, cells, trial) < _cost(ties, cells, slot) - 1e-9:
                    slot, improved = trial, True
    return cells[slot] * [SCREEN_WIDE, 1.0]


def _cells(count: int) -> np.ndarray:
    """Honeycomb cells, nearest the middle first, enough for ``count`` groups and a ring more."""
    rings = int(np.ceil(np.sqrt(count))) + 1
    cells = [(q + r / 2, r * np.sqrt(3) / 2) for q in range(-rings, rings + 1)
             for r in range(-rings, rings + 1) if abs(q + r) <= rings]
    return np.array(sorted(cells, key=lambda p: (round(float(np.hypot(*p)), 6),
                                                 round(float(np.arctan2(p[1], p[0])), 6))))


def _with(slot: np.ndarray, g: int, c: int) -> np.ndarray:
    """``slot`` with group ``g`` in cell ``c`` (swapping with the group there, if any)."""
    trial = slot.copy()
    trial[slot == c] = slot[g]
    trial[g] = c
    return trial


def _cost(ties, cells, slot) -> float:
    placed = np.flatnonzero(slot >= 0)
    where = cells[slot[placed]]
    total = 0.01 * float(np.hypot(*where.T).sum())
    for i, a in enumerate(placed):
        for j in range(i + 1, len(placed)):
            b = placed[j]
            if ties[a, b]:
                over = _cells_passed(where[i], where[j], np.delete(where, [i, j], axis=0))
                total += ties[a, b] * np.hypot(*(where[i] - where[j])) * (1 + 2 * over)
    return total


def _cells_passed(p: np.ndarray, q: np.ndarray, others: np.ndarray) -> int:
    """How many of ``others`` (cell middles) lie within half a cell of the line from p to q."""
    if not len(others):
        return 0
    d = q - p
    t = np.clip(((others - p) @ d) / max(float(d @ d), 1e-9), 0, 1)
    return int(np.sum(np.hypot(*(p + t[:, None] * d - others).T) < 0.55))


def reach_of(size) -> float:
    """How far apart, at most, a group of ``size`` nodes wishes its nodes to be (in units)."""
    return SNUG * np.sqrt(size) + 0.5


def _lattice(k: int, cell: np.ndarray) -> np.ndarray:
    """The ``k`` points of a staggered lattice nearest the origin, ``cell`` apart."""
    side = int(np.ceil(np.sqrt(k))) + 2
    rows, columns = np.meshgrid(np.arange(-side, side + 1), np.arange(-side, side + 1),
                                indexing="ij")
    points = np.column_stack([(columns + (rows % 2) / 2).ravel() * cell[0],
                              rows.ravel() * cell[1]])
    order = np.lexsort((points[:, 0], points[:, 1], np.round(np.hypot(*points.T), 6)))
    chosen = points[order[:k]]
    return chosen - chosen.mean(0)


def _by_turn(points: np.ndarray) -> np.ndarray:
    """An order going round and out from the middle (for very large groups)."""
    rank = np.round(np.hypot(*points.T) * 2) * 10 + np.arctan2(points[:, 1], points[:, 0])
    return np.argsort(rank, kind="stable")


def _side_by_side(sketch: Sketch, pos: np.ndarray, groups: list[np.ndarray],
                  cells: np.ndarray) -> np.ndarray:
    """Groups on their honeycomb cells, the honeycomb as small as it can be with a clear gap
    between any two groups; then each drawn in towards the middle as far as it goes."""
    middles = np.array([pos[m].mean(0) for m in groups])
    extents = np.array([np.concatenate([(pos[m] + sketch.boxes[m, :2]).min(0) - c,
                                        (pos[m] + sketch.boxes[m, 2:]).max(0) - c])
                        for m, c in zip(groups, middles, strict=True)])
    gap = float(sketch.unit.min()) * BLOCK_GAP

    def clash(scale):
        return len(spacing.overlapping_pairs(sketch.to_map(cells * scale), extents, gap)) > 0

    low, high = 0.0, 1.0
    while clash(high):
        high *= 2
    for _ in range(20):
        low, high = ((low + high) / 2, high) if clash((low + high) / 2) else (low, (low + high) / 2)
    moved = _drawn_in(sketch.to_map(cells * high), extents, gap)
    for members, before, after in zip(groups, middles, moved, strict=True):
        pos[members] += after - before
    return pos


def _drawn_in(centres: np.ndarray, extents: np.ndarray, gap: float) -> np.ndarray:
    """Each group in turn (nearest the middle first) moved straight towards the middle as far
    as it goes without coming nearer another than ``gap``."""
    centres = centres.copy()
    middle = centres.mean(0)
    for _ in range(3):
        for g in np.argsort(np.hypot(*(centres - middle).T), kind="stable"):
            start = centres[g].copy()
            low, high = 0.0, 1.0
            for _ in range(16):
                trial = (low + high) / 2
                centres[g] = start + (middle - start) * trial
                low, high = (low, trial) if _clashes(centres, extents, gap, g) else (trial, high)
            centres[g] = start + (middle - start) * low
    return centres


def _clashes(centres, extents, gap, g) -> bool:
    pairs = spacing.overlapping_pairs(centres, extents, gap)
    return bool(((pairs[:, 0] == g) | (pairs[:, 1] == g)).any())


def _round_pinned(sketch: Sketch) -> np.ndarray:
    """With pinned nodes: one stress layout of the whole map round them, a block's nodes
    wishing to be near each other and apart from other blocks (large maps: the force layout)."""
    if sketch.n > stress.EVERY_PAIR:
        return force(sketch)
    distances = stress.hop_distances(sketch.n, sketch.edges)
    finite = np.isfinite(distances)
    distances[~finite] = (distances[finite].max() if finite.any() else 0) + 1
    blocks = sketch.blocks
    size = np.bincount(blocks)[blocks]
    wished = np.where(blocks[:, None] == blocks[None, :],
                      np.minimum(distances, reach_of(size)[:, None]), distances + BLOCK_GAP)
    terms, start = stress.every_pair(wished), stress.classical_start(wished)
    return held_still(sketch, np.arange(sketch.n), sketch.pos, terms, start)
