"""Islands and lone nodes placed close beside the main map, never on top of it.

Polyomino packing, as Graphviz's ``pack`` does it (Freivalds et al., "Disconnected graph
layout and the polyomino packing approach", 2002): the map so far and the piece to place are
drawn onto a grid of cells (their nodes, labels and connections, with a margin), and the piece
goes to the free spot nearest where it belongs, found for every spot at once by convolution.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import fftconvolve

MARGIN_CELLS = 2  # an island keeps this many cells clear of the rest: it reads as apart
EDGE_CELLS = 10_000  # connections drawn onto the grid at most (more: nodes only)
GRID_SIDE = 2_000  # cells across the grid at most: a map spread over a million units (a
# piece dragged far away, a file's odd coordinates) is packed on coarser cells, not 4 GB


def pack(pos: np.ndarray, boxes: np.ndarray, edges: np.ndarray, pieces: list[np.ndarray],
         placed: np.ndarray, wish, cell: float) -> np.ndarray:
    """Positions with each piece (an array of node indices, in the order given) moved whole to
    the free place nearest ``wish(piece, placed_mask)`` (a point), beside everything in
    ``placed`` (a mask of nodes that stay where they are)."""
    pos = pos.astype(float).copy()
    placed = placed.copy()
    if len(pos):
        span = float(np.max((pos + boxes[:, 2:]).max(0) - (pos + boxes[:, :2]).min(0)))
        cell = max(cell, span / GRID_SIDE)
    here = _cells(pos, boxes, edges, placed, cell)
    for piece in pieces:
        members = np.zeros(len(pos), bool)
        members[piece] = True
        shape = _cells(pos, boxes, edges, members, cell)
        if len(here):
            target = np.asarray(wish(piece, placed), float)
            move = _free_spot(here, shape, pos[piece].mean(0), target, cell)
            pos[piece] += move * cell
            shape = shape + move
        here = np.vstack([here, shape])
        placed[piece] = True
    return pos


def _cells(pos, boxes, edges, members, cell) -> np.ndarray:
    """The grid cells (integer x, y) covered by the members' boxes and their connections."""
    found = []
    for i in np.flatnonzero(members):
        left, top = np.floor((pos[i] + boxes[i, :2]) / cell).astype(int)
        right, bottom = np.floor((pos[i] + boxes[i, 2:]) / cell).astype(int)
        xs, ys = np.meshgrid(np.arange(left, right + 1), np.arange(top, bottom + 1))
        found.append(np.column_stack([xs.ravel(), ys.ravel()]))
    inside = edges[members[edges[:, 0]] & members[edges[:, 1]]] if len(edges) else edges
    if len(inside) <= EDGE_CELLS:  # a very large map is packed by its nodes alone
        for a, b in inside:
            steps = int(np.hypot(*(pos[b] - pos[a])) / (cell / 2)) + 2
            t = np.linspace(0, 1, steps)[:, None]
            found.append(np.floor((pos[a] + t * (pos[b] - pos[a])) / cell).astype(int))
    if not found:
        return np.zeros((0, 2), int)
    return np.vstack(found)


def _free_spot(here: np.ndarray, shape: np.ndarray, centre: np.ndarray, target: np.ndarray,
               cell: float) -> np.ndarray:
    """The move (in cells) putting ``shape`` where it touches none of ``here`` (grown by
    the margin), its centre nearest ``target``."""
    grown = _grow(shape, MARGIN_CELLS)
    lo = here.min(0) - (grown.max(0) - grown.min(0)) - 2
    hi = here.max(0) + (grown.max(0) - grown.min(0)) + 2
    grid = np.zeros(tuple(hi - lo + 1), float)
    grid[tuple((here - lo).T)] = 1.0
    origin = grown.min(0)
    stamp = np.zeros(tuple(grown.max(0) - origin + 1), float)
    stamp[tuple((grown - origin).T)] = 1.0
    clash = fftconvolve(grid, stamp[::-1, ::-1], mode="valid") > 0.5
    # a move of the stamp's corner to (lo + k) cells is free where clash[k] is False
    free = np.argwhere(~clash)
    if not len(free):  # cannot happen (the grid has a free border), but never fail a layout
        return np.zeros(2, int)
    moves = free + lo - origin
    distance = np.hypot(*(centre + moves * cell - target).T)
    return moves[int(np.argmin(distance))]


def _grow(cells: np.ndarray, by: int) -> np.ndarray:
    cells = np.unique(cells, axis=0)
    offsets = np.array([(dx, dy) for dx in range(-by, by + 1) for dy in range(-by, by + 1)])
    return np.unique((cells[:, None, :] + offsets[None, :, :]).reshape(-1, 2), axis=0)
