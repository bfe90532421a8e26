"""Arranging a map: automatic layouts, align and distribute, and keeping labels apart.

Each function answers new positions ``{node id: (x, y)}`` for the nodes it moves; applying them
is one ``MoveNodes`` operation, so any arrangement is one undoable step. Pinned nodes never move.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping

import networkx as nx

from app.domain import MapData
from app.graph import undirected
from app.layout import SPACING

Positions = dict[str, tuple[float, float]]

# The room one node and its label need: the shape plus a two-line label below it.
NODE_WIDTH, NODE_HEIGHT = 180.0, 120.0

LAYOUTS = ("force", "clusters", "rings", "hierarchy")


def arrange(data: MapData, layout: str, pinned: Collection[str] = (),
            only: Collection[str] | None = None) -> Positions:
    """New positions for the map (or for ``only`` those nodes) in the named layout."""
    functions = {"force": force, "clusters": clusters, "rings": rings, "hierarchy": hierarchy}
    if layout not in functions:
        raise ValueError(f"unknown layout {layout!r}")
    movable = {n.id for n in data.nodes if n.id not in pinned and (only is None or n.id in only)}
    if not movable:
        return {}
    placed = functions[layout](data, movable)
    return remove_overlaps({**_current(data), **placed}, movable)


def _current(data: MapData) -> Positions:
    return {n.id: (n.x or 0.0, n.y or 0.0) for n in data.nodes}


def force(data: MapData, movable: set[str], seed: int = 11) -> Positions:
    """Connected pieces pull together, everything else pushes apart; fixed nodes hold still."""
    current = _current(data)
    fixed = [i for i in current if i not in movable]
    pos = nx.spring_layout(undirected(data), pos=current if fixed else None, fixed=fixed or None,
                           k=SPACING * 1.2 if fixed else None, seed=seed, iterations=150)
    if not fixed:
        scale = SPACING * max(1.0, math.sqrt(len(movable))) * 0.8
        cx, cy = _centre(current.values())
        pos = {k: (cx + float(x) * scale, cy + float(y) * scale) for k, (x, y) in pos.items()}
    return {i: (float(pos[i][0]), float(pos[i][1])) for i in movable}


def clusters(data: MapData, movable: set[str]) -> Positions:
    """Each building block in its own tight group, the groups side by side on a circle."""
    groups = _by_category(data, movable)
    radius = SPACING * max(2.0, math.sqrt(len(movable)) * 0.9)
    cx, cy = _centre(_current(data).values())
    result: Positions = {}
    for i, members in enumerate(groups):
        angle = 2 * math.pi * i / max(1, len(groups)) - math.pi / 2
        gx, gy = cx + math.cos(angle) * radius, cy + math.sin(angle) * radius
        columns = max(1, math.ceil(math.sqrt(len(members))))
        for j, node_id in enumerate(members):
            row, col = divmod(j, columns)
            result[node_id] = (gx + (col - (columns - 1) / 2) * NODE_WIDTH,
                               gy + row * NODE_HEIGHT)
    return result


def rings(data: MapData, movable: set[str]) -> Positions:
    """People in the middle, each further building block on a ring around them."""
    groups = _by_category(data, movable)
    cx, cy = _centre(_current(data).values())
    result: Positions = {}
    radius = 0.0
    for members in groups:
        needed = len(members) * NODE_WIDTH / (2 * math.pi)  # room round the ring for each
        radius = 0.0 if not result and len(members) == 1 else max(radius + SPACING, needed)
        for j, node_id in enumerate(members):
            angle = 2 * math.pi * j / len(members) - math.pi / 2
            result[node_id] = (cx + math.cos(angle) * radius, cy + math.sin(angle) * radius)
    return result


def hierarchy(data: MapData, movable: set[str]) -> Positions:
    """Directed maps as layers: what governs and delivers at the top, what it reaches below."""
    graph = nx.DiGraph()
    graph.add_nodes_from(n.id for n in data.nodes)
    for e in data.edges:
        if e.source != e.target:
            graph.add_edge(e.source, e.target)
            if not e.directed:
                graph.add_edge(e.target, e.source)
    condensed = nx.condensation(graph)  # cycles become one layer member
    layer_of = {}
    for depth, generation in enumerate(nx.topological_generations(condensed)):
        for component in generation:
            for node_id in condensed.nodes[component]["members"]:
                layer_of[node_id] = depth
    layers: dict[int, list[str]] = {}
    for n in data.nodes:
        if n.id in movable:
            layers.setdefault(layer_of[n.id], []).append(n.id)
    cx, cy = _centre(_current(data).values())
    top = cy - (len(layers) - 1) * NODE_HEIGHT * 1.4 / 2
    result: Positions = {}
    for row, depth in enumerate(sorted(layers)):
        members = layers[depth]
        for j, node_id in enumerate(members):
            result[node_id] = (cx + (j - (len(members) - 1) / 2) * NODE_WIDTH,
                               top + row * NODE_HEIGHT * 1.4)
    return result


def _by_category(data: MapData, movable: set[str]) -> list[list[str]]:
    order = {c.key: i for i, c in enumerate(data.categories)}
    groups: dict[str, list[str]] = {}
    for n in sorted(data.nodes, key=lambda n: (order.get(n.category, len(order)), n.label)):
        if n.id in movable:
            groups.setdefault(n.category, []).append(n.id)
    return list(groups.values())


def _centre(points: Iterable[tuple[float, float]]) -> tuple[float, float]:
    points = list(points)
    if not points:
        return 0.0, 0.0
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def remove_overlaps(positions: Mapping[str, tuple[float, float]], movable: Collection[str],
                    width: float = NODE_WIDTH, height: float = NODE_HEIGHT,
                    rounds: int = 60) -> Positions:
    """Nudge movable nodes apart until no two node-and-label boxes overlap.

    Returns the new positions of the movable nodes that had to move (and of those given).
    """
    pos = {k: [float(x), float(y)] for k, (x, y) in positions.items()}
    movable = set(movable)
    for _ in range(rounds):
        if not _push_apart_once(pos, movable, width, height):
            break
    return {k: (round(pos[k][0], 1), round(pos[k][1], 1)) for k in movable}


def _push_apart_once(pos, movable, width, height) -> bool:
    """One pass over neighbouring grid cells; True if anything moved."""
    cells: dict[tuple[int, int], list[str]] = {}
    for node_id, (x, y) in pos.items():
        cells.setdefault((math.floor(x / width), math.floor(y / height)), []).append(node_id)
    moved = False
    for (cx, cy), members in cells.items():
        near = [m for dx in (-1, 0, 1) for dy in (-1, 0, 1) for m in cells.get((cx + dx, cy + dy), ())]
        for a in members:
            for b in near:
                if a < b and _separate(pos, a, b, movable, width, height):
                    moved = True
    return moved


def _separate(pos, a, b, movable, width, height) -> bool:
    ax, ay = pos[a]
    bx, by = pos[b]
    overlap_x, overlap_y = width - abs(ax - bx), height - abs(ay - by)
    if overlap_x <= 0 or overlap_y <= 0 or (a not in movable and b not in movable):
        return False
    share_a = 0.5 if b in movable else 1.0
    share_a = share_a if a in movable else 0.0
    if overlap_x / width < overlap_y / height:  # the cheaper way out: sideways
        sign = -1.0 if ax < bx or (ax == bx and a < b) else 1.0
        pos[a][0] += sign * overlap_x * share_a
        pos[b][0] -= sign * overlap_x * (1 - share_a)
    else:
        sign = -1.0 if ay < by or (ay == by and a < b) else 1.0
        pos[a][1] += sign * overlap_y * share_a
        pos[b][1] -= sign * overlap_y * (1 - share_a)
    return True


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
