"""Hierarchical layout: what governs and delivers at the top, what it reaches below.

Layered drawing after Sugiyama, Tagawa and Toda (1981), as Graphviz's ``dot`` does it, kept
small: cycles broken by turning back the arrows a depth-first walk meets going backwards; each
node one layer below the lowest of the nodes pointing at it, then lowered towards what it
points at when that shortens more connections than it lengthens; each layer ordered by the
average place of its neighbours (barycentres), sweeping down and up; each node then put as
near above or below its neighbours as the order allows (isotonic regression). A layer wider
than the map should be is drawn as staggered rows, so connections pass between its nodes.
Islands are drawn the same way and packed beside; lone nodes near their blocks.
"""

from __future__ import annotations

import numpy as np

from app import spacing
from app.sketch import Sketch

ROW_GAP = 0.8  # spacing units (down) between two layers, room for the arrows
SWEEPS = 8
SHIFTS = 8  # passes putting nodes above or below their neighbours
WAYPOINT = 30.0  # half the room kept in a layer for a connection passing through it
WAYPOINTS = 6  # waypoints per node at most; a larger tangle (thousands of nodes) goes without


def hierarchy(sketch: Sketch) -> np.ndarray:
    """Positions for every node (those that may not move stay where they are)."""
    sketch.sideways_only = True
    pos = sketch.pos.copy()
    pieces = sketch.pieces(among=sketch.movable)
    for piece in pieces:
        if len(piece) > 1:
            pos[piece] = _layered(sketch, piece)
    placed = ~sketch.movable
    if not placed.any():
        placed[pieces[0]] = True
        pieces = pieces[1:]
    return sketch.pack_islands(pos, pieces, placed)


def _layered(sketch: Sketch, piece: np.ndarray) -> np.ndarray:
    """One connected piece in layers (map units, round the origin)."""
    k = len(piece)
    local = np.full(sketch.n, -1)
    local[piece] = np.arange(k)
    arrows = local[sketch.arrows]
    arrows = arrows[(arrows >= 0).all(1)]
    layer = _layers(k, _acyclic(k, arrows))
    links = sketch.edges_within(piece)
    if np.abs(layer[links[:, 0]] - layer[links[:, 1]]).sum() <= WAYPOINTS * k:
        layer, links = _waypoints(layer, links)
    first = np.lexsort((np.arange(len(layer)), np.concatenate(
        [sketch.blocks[piece], np.full(len(layer) - k, -1)])))  # blocks together to begin with
    rank = np.empty(len(layer))
    rank[first] = np.arange(len(layer))
    rows = [sorted(np.flatnonzero(layer == d), key=lambda v: rank[v])
            for d in range(layer.max() + 1)]
    rows = _ordered(rows, links, len(layer))
    boxes = np.vstack([sketch.boxes[piece], np.tile([-WAYPOINT, 0, WAYPOINT, 0],
                                                    (len(layer) - k, 1))])
    x = _placed_across(rows, links, boxes, len(layer))
    return _drawn(sketch, rows, x, boxes)[:k]


def _waypoints(layer: np.ndarray, links: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A connection across several layers gets a waypoint in each layer between: it keeps a
    gap free for the connection to pass through, as Graphviz's ``dot`` does."""
    layers = [layer]
    kept = []
    total = len(layer)
    for a, b in links:
        if layer[a] > layer[b]:
            a, b = b, a
        steps = range(layer[a] + 1, layer[b])
        chain = [a] + list(range(total, total + len(steps))) + [b]
        layers.append(np.array(list(steps), int))
        total += len(steps)
        kept += list(zip(chain[:-1], chain[1:], strict=True))
    return np.concatenate(layers), np.array(kept, int).reshape(-1, 2)


def _acyclic(k: int, arrows: np.ndarray) -> np.ndarray:
    """The arrows with those that close a cycle turned round (found by a depth-first walk from
    the nodes nothing points at, so what starts the flow stays on top)."""
    after = [[] for _ in range(k)]
    for a, b in arrows:
        after[a].append(b)
    pointed_at = np.zeros(k, bool)
    pointed_at[arrows[:, 1]] = True
    state = np.zeros(k, int)  # 0: not seen, 1: on the walk, 2: done
    kept = []
    for root in list(np.flatnonzero(~pointed_at)) + list(range(k)):
        if state[root]:
            continue
        state[root] = 1
        walk = [(root, iter(sorted(after[root])))]
        while walk:
            node, ahead = walk[-1]
            nxt = next(ahead, None)
            if nxt is None:
                state[node] = 2
                walk.pop()
            elif state[nxt] == 1:
                kept.append((nxt, node))
            else:
                kept.append((node, nxt))
                if state[nxt] == 0:
                    state[nxt] = 1
                    walk.append((nxt, iter(sorted(after[nxt]))))
    return np.array(kept, int).reshape(-1, 2)


def _layers(k: int, arrows: np.ndarray) -> np.ndarray:
    """Each node one layer below the lowest node pointing at it; then, bottom up, lowered
    towards what it points at while that shortens more arrows than it lengthens."""
    before = [[] for _ in range(k)]
    after = [[] for _ in range(k)]
    for a, b in arrows:
        after[a].append(b)
        before[b].append(a)
    order = _topological(k, before, after)
    layer = np.zeros(k, int)
    for v in order:
        layer[v] = max((layer[u] + 1 for u in before[v]), default=0)
    for v in reversed(order):
        if after[v] and len(after[v]) > len(before[v]):
            layer[v] = max(layer[v], min(layer[w] for w in after[v]) - 1)
    return np.unique(layer, return_inverse=True)[1]  # no empty layers left between


def _topological(k, before, after) -> list[int]:
    waiting = np.array([len(b) for b in before])
    ready = sorted(np.flatnonzero(waiting == 0).tolist(), reverse=True)
    order = []
    while ready:
        v = ready.pop()
        order.append(v)
        for w in after[v]:
            waiting[w] -= 1
            if waiting[w] == 0:
                ready.append(w)
                ready.sort(reverse=True)
    return order


def _ordered(rows: list[list[int]], links: np.ndarray, k: int) -> list[list[int]]:
    """Layers ordered by the average place of each node's neighbours in the layer above (going
    down) or below (going up), nodes without any keeping their place."""
    layer = np.zeros(k, int)
    for d, row in enumerate(rows):
        layer[row] = d
    neighbours = [[] for _ in range(k)]
    for a, b in links:
        neighbours[a].append(b)
        neighbours[b].append(a)
    place = np.zeros(k)  # each node's place in its layer, as a share of the layer's width
    for row in rows:
        place[row] = (np.arange(len(row)) + 0.5) / max(len(row), 1)
    for sweep in range(SWEEPS):
        step = 1 if sweep % 2 == 0 else -1
        depths = range(1, len(rows)) if step == 1 else range(len(rows) - 2, -1, -1)
        for d in depths:
            def centre(v, d=d, step=step):
                near = [place[u] for u in neighbours[v] if layer[u] == d - step]
                return (sum(near) / len(near), place[v]) if near else (place[v], place[v])
            rows[d] = sorted(rows[d], key=centre)
            place[rows[d]] = (np.arange(len(rows[d])) + 0.5) / max(len(rows[d]), 1)
    return rows


def _placed_across(rows, links, boxes, k) -> np.ndarray:
    """Across positions: side by side in each layer's order, then each moved as near the mean
    of its neighbours as the order and the labels' widths allow."""
    width = boxes[:, 2] - boxes[:, 0]
    x = np.zeros(k)
    for row in rows:
        steps = (width[row][:-1] + width[row][1:]) / 2 + spacing.GAP * 2
        x[row] = np.concatenate([[0.0], np.cumsum(steps)])
        x[row] -= x[row].mean()
    total = np.zeros(k)
    count = np.zeros(k)
    for _ in range(SHIFTS):
        total[:] = 0
        count[:] = 0
        np.add.at(total, links[:, 0], x[links[:, 1]])
        np.add.at(total, links[:, 1], x[links[:, 0]])
        np.add.at(count, links.ravel(), 1)
        wished = np.where(count > 0, total / np.maximum(count, 1), x)
        for row in rows:
            steps = (width[row][:-1] + width[row][1:]) / 2 + spacing.GAP * 2
            offset = np.concatenate([[0.0], np.cumsum(steps)])
            x[row] = _isotonic(wished[row] - offset) + offset
    return x


def _isotonic(values: np.ndarray) -> np.ndarray:
    """The non-decreasing sequence nearest ``values`` (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, count]
    for v in values:
        blocks.append([float(v), 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, c2 = blocks.pop()
            m1, c1 = blocks.pop()
            blocks.append([(m1 * c1 + m2 * c2) / (c1 + c2), c1 + c2])
    return np.concatenate([np.full(int(c), m) for m, c in blocks])


def _drawn(sketch: Sketch, rows, x, boxes) -> np.ndarray:
    """Layers one under another; a layer much wider than the map is tall is drawn as
    staggered rows (every second or third node a row lower), connections passing between."""
    k = len(x)
    widest = sketch.unit[0] * max(5.0, 1.6 * np.sqrt(k))
    pos = np.zeros((k, 2))
    top = 0.0
    for row in rows:
        row = np.array(row)
        span = np.ptp(x[row]) if len(row) else 0.0
        split = int(min(len(row), max(1, np.ceil(span / widest))))
        middle = x[row].mean()
        for part in range(split):
            members = row[part::split]
            pos[members, 0] = middle + (x[members] - middle) / split
            pos[members, 1] = top - boxes[members, 1].min()
            top += np.ptp([boxes[members, 1].min(), boxes[members, 3].max()]) \
                + spacing.GAP * 2 + (sketch.unit[1] * ROW_GAP if part == split - 1 else 0)
    return pos - (pos.min(0) + pos.max(0)) / 2
