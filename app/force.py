"""The force-directed layout: stress majorisation piece by piece, islands packed beside.

Connected nodes sit one spacing unit apart, nodes further apart in the network further apart on
the map, a building block's nodes a little nearer each other; each island (and lone node) is
laid out on its own and packed close beside the main map, near the nodes of its blocks.
"""

from __future__ import annotations

import numpy as np

from app import stress
from app.sketch import Sketch, turned_to_screen

SAME_BLOCK = 0.8  # nodes of one building block wish to be this much nearer


def force(sketch: Sketch) -> np.ndarray:
    """Positions for every node (those that may not move stay where they are)."""
    pos = sketch.pos.copy()
    held = ~sketch.movable
    anchored = np.zeros(sketch.n, bool)
    free = []
    for piece in sketch.pieces():
        if held[piece].any():
            pos[piece] = held_still(sketch, piece, pos, *piece_terms(sketch, piece))
            anchored[piece] = True
        else:
            pos[piece] = sketch.tidy(_alone(sketch, piece), piece)[piece]
            free.append(piece)
    if not anchored.any():
        anchored[free.pop(0)] = True
    return sketch.pack_islands(pos, free, anchored)


def _alone(sketch: Sketch, piece: np.ndarray) -> np.ndarray:
    """The piece laid out on its own (in map units, round the origin), turned to the screen."""
    pos = np.zeros((sketch.n, 2))
    if len(piece) > 1:
        terms, start = piece_terms(sketch, piece)
        points = stress.majorise(terms, start)
        pos[piece] = sketch.to_map(turned_to_screen(points, sketch.unit))
    return pos


def held_still(sketch: Sketch, piece: np.ndarray, pos: np.ndarray, terms: stress.Terms,
               start: np.ndarray) -> np.ndarray:
    """The piece laid out round its nodes that may not move (pinned, or not chosen)."""
    fixed = ~sketch.movable[piece]
    target = sketch.to_units(pos[piece])
    start = fitted(start, target, fixed)
    start[fixed] = target[fixed]
    return sketch.to_map(stress.majorise(terms, start, fixed))


def piece_terms(sketch: Sketch, piece: np.ndarray) -> tuple[stress.Terms, np.ndarray]:
    """Wished-for distances in one piece, and a start: connections apart, a building block's
    nodes a little nearer each other."""
    edges = sketch.edges_within(piece)
    blocks = sketch.blocks[piece]
    if len(piece) <= stress.EVERY_PAIR:
        distances = stress.hop_distances(len(piece), edges)
        same = blocks[:, None] == blocks[None, :]
        distances = np.where(same, distances * SAME_BLOCK, distances)
        return stress.every_pair(distances), stress.classical_start(distances)
    lengths = np.where(blocks[edges[:, 0]] == blocks[edges[:, 1]], SAME_BLOCK, 1.0)
    terms, to_landmarks = stress.sparse_terms(len(piece), edges, lengths)
    return terms, stress.landmark_start(to_landmarks)


def fitted(start: np.ndarray, target: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """``start`` turned, scaled and moved to best match ``target`` on the fixed nodes."""
    a, b = start[fixed], target[fixed]
    if len(a) < 2:
        return start - a.mean(0) + b.mean(0) if len(a) else start
    a0, b0 = a - a.mean(0), b - b.mean(0)
    u, s, vt = np.linalg.svd(a0.T @ b0)
    scale = s.sum() / max(float((a0 ** 2).sum()), 1e-9)
    return (start - a.mean(0)) @ (u @ vt) * scale + b.mean(0)
