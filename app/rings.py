"""Layout in rings: the first building block (people, as a map usually starts) in the middle,
each further block on a ring around it, every node turned towards what it connects to.

Rings are ellipses as wide as the labels are (labels are wider than tall), each as small as its
nodes' labels allow and clear of the ring inside. Round each ring nodes are ordered by the
direction of their connections (the barycentre method, as in layered drawing) so connections
run outwards rather than across the middle.
"""

from __future__ import annotations

import numpy as np

from app import spacing
from app.sketch import Sketch

SWEEPS = 6  # passes of ordering each ring by its connections
GROWTH = 1.06  # a ring grows by this much at a time until its labels fit
LEEWAY = 1.0  # spacing units a node may step off a connection: rings stay rings
RING_GAP = 1.0  # spacing units between one block's ring and the next
BAND_STEP = 1.1  # spacing units between rings of a band, and between nodes round a ring
# (a little over one: two nodes one unit apart on a slant would just overlap)


def rings(sketch: Sketch) -> np.ndarray:
    """Positions for every node (those that may not move stay where they are)."""
    sketch.leeway = LEEWAY
    groups = [np.flatnonzero((sketch.blocks == b) & sketch.movable)
              for b in np.unique(sketch.blocks[sketch.movable])]
    angle = np.zeros(sketch.n)
    for members in groups:  # a first order: evenly round, as the map lists them
        angle[members] = _even(len(members))
    for _ in range(SWEEPS):
        for members in groups[1:] + groups[::-1]:
            angle[members] = _ordered(sketch, members, angle)
    pos = sketch.pos.copy()
    inside = np.zeros(sketch.n, bool)
    radius = 0.0
    for members in groups:
        radius = _fit(sketch, pos, members, angle, inside, radius)
        inside[members] = True
    return pos


def _even(count: int) -> np.ndarray:
    return -np.pi / 2 + 2 * np.pi * np.arange(count) / max(count, 1)


def _ordered(sketch: Sketch, members: np.ndarray, angle: np.ndarray) -> np.ndarray:
    """Angles for one ring: its nodes evenly round, in the order of the mean direction of their
    connections (nodes without any keep their place in the order)."""
    pull = np.zeros((sketch.n, 2))
    for a, b in ((0, 1), (1, 0)):
        np.add.at(pull, sketch.edges[:, a], np.column_stack(
            [np.cos(angle[sketch.edges[:, b]]), np.sin(angle[sketch.edges[:, b]])]))
    wished = np.where(np.hypot(*pull[members].T) > 1e-9,
                      np.arctan2(pull[members, 1], pull[members, 0]), angle[members])
    order = np.argsort(np.mod(wished + np.pi / 2, 2 * np.pi), kind="stable")
    even = _even(len(members))
    # turn the even places so that, on the whole, each node lands nearest where it wished to be
    turns = np.linspace(0, 2 * np.pi, 72, endpoint=False)
    slots = np.empty(len(members))
    slots[order] = even
    miss = [np.sum(1 - np.cos(slots + t - wished)) for t in turns]
    return slots + turns[int(np.argmin(miss))]


def _fit(sketch: Sketch, pos: np.ndarray, members: np.ndarray, angle: np.ndarray,
         inside: np.ndarray, radius: float) -> float:
    """Put one block's nodes on the smallest ellipse (beyond ``radius``) on which their labels
    clear each other and the rings inside. A block too large for one ring fills a band of
    rings, each holding as many as its length allows, nodes dealt round them in the order of
    their directions. Returns the outermost ring's radius."""
    if not inside.any() and len(members) == 1:
        pos[members] = 0.0
        return 0.0
    radius = max(radius + RING_GAP, 0.5 if not inside.any() else 0.0)
    sequence = np.argsort(np.mod(angle[members] + np.pi / 2, 2 * np.pi), kind="stable")
    ring, turn = np.empty(len(members), int), np.empty(len(members))
    ring[sequence], turn[sequence], radius = _dealt(len(members), radius)
    near = inside.copy()
    near[members] = True
    grown = 1.0
    while True:  # the band grows as a whole until it fits (which it must, in the end)
        reach = (radius + ring * BAND_STEP) * grown
        pos[members] = np.column_stack([np.cos(turn), np.sin(turn)]) * reach[:, None] \
            * sketch.unit
        if not len(spacing.overlapping_pairs(pos[near], sketch.boxes[near], spacing.GAP)):
            return float(reach.max())
        grown *= GROWTH


def _dealt(count: int, radius: float) -> tuple[np.ndarray, np.ndarray, float]:
    """For ``count`` nodes in the order of their directions: which ring of the band each goes
    on, and at what angle (each ring's places evenly round it, as many as its length holds);
    and the innermost ring's radius. One ring, a little further out, if that is no wider."""
    room = []
    while sum(room) < count:
        room.append(max(1, int(2 * np.pi * (radius + len(room) * BAND_STEP) / BAND_STEP)))
    alone = max(radius, count * BAND_STEP / (2 * np.pi))
    if alone <= radius + len(room) * BAND_STEP:
        turns = 2 * np.pi * (np.arange(count) + 0.5) / count - np.pi / 2
        return np.zeros(count, int), turns, alone
    share = np.array(room, float) / sum(room) * count
    places = np.floor(share).astype(int)
    places[np.argsort(places - share, kind="stable")[:count - places.sum()]] += 1
    taken = np.zeros(len(places), int)
    ring = np.zeros(count, int)
    turn = np.zeros(count)
    for k in range(count):
        waiting = np.flatnonzero(taken < places)
        next_turn = (taken[waiting] + 0.5) / places[waiting]
        j = waiting[int(np.argmin(next_turn))]
        ring[k], turn[k] = j, 2 * np.pi * next_turn[int(np.argmin(next_turn))] - np.pi / 2
        taken[j] += 1
    return ring, turn, radius
