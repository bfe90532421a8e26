"""Stress majorisation: nodes placed as far apart on the map as the network says they are.

The layout that Graphviz's ``neato`` draws (Gansner, Koren and North, "Graph drawing by stress
majorization", 2004): each pair of nodes has a wished-for distance (how many connections apart
they are), and SMACOF moves every node to lower the weighted squared error of all of them. Small
maps weigh every pair; large ones weigh the connections and a few landmark nodes (Ortmann,
Klimenta and Brandes' sparse stress), so a 10,000-node map lays out in seconds. Nodes can be held
where they are (pinned, or already placed); the others arrange themselves around them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse
import scipy.sparse.csgraph
import scipy.sparse.linalg

EVERY_PAIR = 700  # up to this many nodes every pair counts; above, connections and landmarks
LANDMARKS = 200
LANDMARK_TERMS = 600_000  # very large maps take fewer landmarks: this many terms at most
LANDMARK_WEIGHT = 0.01  # landmark terms weigh this much of what they stand for (tried on maps
# of 300 to 2,000 nodes: more pulls the picture towards the landmarks' coarse view)
ITERATIONS = 300
TERM_STEPS = 40_000_000  # at most about this many terms × steps (a 10,000-node map: ~50 steps)
TOLERANCE = 1e-3  # stop once stress falls by less than this share in one step


@dataclass(frozen=True)
class Terms:
    """The pairs whose distance matters: ``i``, ``j``, wished-for distance and weight."""

    i: np.ndarray
    j: np.ndarray
    distance: np.ndarray
    weight: np.ndarray


def hop_distances(n: int, edges: np.ndarray, lengths: np.ndarray | None = None) -> np.ndarray:
    """Connections apart (or the shortest sum of ``lengths``), every pair; ``inf`` between
    nodes no path joins."""
    return scipy.sparse.csgraph.shortest_path(_adjacency(n, edges, lengths),
                                              unweighted=lengths is None, directed=False)


def _adjacency(n: int, edges: np.ndarray, lengths: np.ndarray | None = None):
    if lengths is None:
        lengths = np.ones(len(edges))
    return scipy.sparse.coo_matrix((lengths, (edges[:, 0], edges[:, 1])), shape=(n, n)).tocsr()


def every_pair(distances: np.ndarray) -> Terms:
    """Every pair, weighted 1/d² as Kamada and Kawai do (near pairs matter most)."""
    i, j = np.triu_indices(len(distances), k=1)
    d = distances[i, j]
    keep = np.isfinite(d) & (d > 0)
    return Terms(i[keep], j[keep], d[keep], d[keep] ** -2.0)


def sparse_terms(n: int, edges: np.ndarray, lengths: np.ndarray,
                 near: bool = True) -> tuple[Terms, np.ndarray]:
    """Ortmann, Klimenta and Brandes' sparse stress: connections at their length, (``near``)
    nodes two connections apart at that distance, and every node to each landmark, weighed by
    how many nodes of the landmark's region lie nearer the landmark than half-way to the node.
    Returns the terms and the landmark distances (for a start)."""
    graph = _adjacency(n, edges, lengths)
    landmarks, to_landmarks = _landmarks(graph, min(LANDMARKS, n, max(40, LANDMARK_TERMS // n)))
    region = np.argmin(to_landmarks, axis=0)
    parts = [(edges[:, 0], edges[:, 1], lengths, lengths ** -2.0)]
    if near:
        a, b, d = _two_apart(n, edges, lengths)
        parts.append((a, b, d, d ** -2.0))
    reach = (2.0 if near else 1.0) * float(np.mean(lengths)) if len(lengths) else 1.0
    for k, landmark in enumerate(landmarks):
        d = to_landmarks[k]
        own = np.sort(d[region == k])
        count = np.searchsorted(own, d / 2, side="right")
        keep = np.isfinite(d) & (d > reach) & (count > 0)
        parts.append((np.full(int(keep.sum()), landmark), np.flatnonzero(keep), d[keep],
                      LANDMARK_WEIGHT * count[keep] * d[keep] ** -2.0))
    i, j, d, w = (np.concatenate(column) for column in zip(*parts, strict=True))
    return Terms(i.astype(int), j.astype(int), d, w), to_landmarks


def _two_apart(n: int, edges: np.ndarray, lengths: np.ndarray):
    """Pairs of nodes with a common neighbour and no connection of their own, with the
    shortest way through a common neighbour."""
    ends = np.concatenate([edges, edges[:, ::-1]])
    both = np.concatenate([lengths, lengths])
    order = np.argsort(ends[:, 0], kind="stable")
    ends, both = ends[order], both[order]
    starts = np.searchsorted(ends[:, 0], np.arange(n + 1))
    found = [np.zeros((0, 3))]
    for middle in np.flatnonzero(np.diff(starts) >= 2):
        around = ends[starts[middle]:starts[middle + 1], 1]
        far = both[starts[middle]:starts[middle + 1]]
        a, b = np.triu_indices(len(around), 1)
        found.append(np.column_stack([around[a], around[b], far[a] + far[b]]))
    a, b, d = np.vstack(found).T
    low, high = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
    code = low * n + high
    order = np.lexsort((d, code))
    code, d = code[order], d[order]
    first = np.concatenate([[True], code[1:] != code[:-1]]) if len(code) else np.zeros(0, bool)
    code, d = code[first], d[first]
    joined = np.sort(edges, axis=1).astype(np.int64)
    keep = ~np.isin(code, joined[:, 0] * n + joined[:, 1]) & (code // n != code % n)
    return code[keep] // n, code[keep] % n, d[keep]


def _landmarks(graph, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Landmarks spread over the network: each the node furthest from those chosen (max-min)."""
    chosen = [0]
    rows = [scipy.sparse.csgraph.dijkstra(graph, directed=False, indices=0)]
    nearest = rows[0].copy()
    for _ in range(count - 1):
        reachable = np.where(np.isfinite(nearest), nearest, -1.0)
        nxt = int(np.argmax(reachable))
        if reachable[nxt] <= 0:
            break
        chosen.append(nxt)
        rows.append(scipy.sparse.csgraph.dijkstra(graph, directed=False, indices=nxt))
        nearest = np.minimum(nearest, rows[-1])
    return np.array(chosen), np.vstack(rows)


def classical_start(distances: np.ndarray) -> np.ndarray:
    """Classical scaling (Torgerson): the best flat picture of the distances, no randomness."""
    d = np.where(np.isfinite(distances), distances, 0.0)
    squared = d ** 2
    centred = -0.5 * (squared - squared.mean(0) - squared.mean(1)[:, None] + squared.mean())
    n = len(d)
    if n < 3:
        return np.column_stack([np.arange(n, dtype=float), np.zeros(n)])
    values, vectors = scipy.linalg.eigh(centred, subset_by_index=(n - 2, n - 1))
    return _signed(vectors[:, ::-1] * np.sqrt(np.maximum(values[::-1], 1e-9)))


def landmark_start(to_landmarks: np.ndarray) -> np.ndarray:
    """Pivot MDS (Brandes and Pich): classical scaling through the landmark distances only."""
    d = np.where(np.isfinite(to_landmarks), to_landmarks, 0.0).T
    squared = d ** 2
    centred = -0.5 * (squared - squared.mean(0) - squared.mean(1)[:, None] + squared.mean())
    if centred.shape[1] < 2:
        return np.column_stack([centred[:, 0], np.zeros(len(centred))])
    _, vectors = scipy.linalg.eigh(centred.T @ centred)
    return _signed(centred @ vectors[:, ::-1][:, :2])


def _signed(points: np.ndarray) -> np.ndarray:
    """The same picture every time: eigenvectors have no sign of their own, so choose one."""
    for axis in range(points.shape[1]):
        column = points[:, axis]
        if column[np.argmax(np.abs(column))] < 0:
            points[:, axis] = -column
    return points


def majorise(terms: Terms, start: np.ndarray, fixed: np.ndarray | None = None,
             iterations: int | None = None, rescale: bool = True) -> np.ndarray:
    """Positions lowering the stress of ``terms`` from ``start``; ``fixed`` rows never move.

    Each step solves the SMACOF system for the free nodes; with none fixed the first node holds
    still instead (stress does not change when the whole picture moves), and the start is first
    scaled to fit the wished-for distances best.
    """
    n = len(start)
    if iterations is None:  # very large maps settle for fewer steps
        iterations = int(np.clip(TERM_STEPS // max(len(terms.i), 1), 40, ITERATIONS))
    x = start.astype(float).copy()
    fixed = np.zeros(n, bool) if fixed is None else fixed.copy()
    if not fixed.any():
        fixed[0] = True
        if rescale:
            x *= _best_scale(terms, x)
    free = ~fixed
    if not free.any():
        return x
    laplacian = _laplacian(n, terms.i, terms.j, terms.weight)
    solve = _solver(laplacian[free][:, free].tocsc())
    held = laplacian[free][:, fixed] @ x[fixed]
    before = np.inf
    for _ in range(iterations):
        now, pull = _stress_and_pull(n, terms, x)
        if before - now < TOLERANCE * before:
            break
        before = now
        wanted = pull[free] - held
        x[free] = np.column_stack([solve(wanted[:, 0]), solve(wanted[:, 1])])
    return x


def _solver(matrix):
    """A factorisation of the SMACOF system. Landmarks make a few rows dense, which fill the
    factors unless the ordering is a symmetric one (minimum degree); without them the default
    ordering is quicker."""
    degree = np.diff(matrix.indptr)
    dense_rows = len(degree) > 100 and degree.max() > 20 * max(1.0, float(np.median(degree)))
    return scipy.sparse.linalg.splu(matrix, permc_spec="MMD_AT_PLUS_A" if dense_rows
                                    else "COLAMD").solve


def _best_scale(terms: Terms, x: np.ndarray) -> float:
    """The factor by which the picture fits the wished-for distances best."""
    length = np.hypot(*(x[terms.i] - x[terms.j]).T)
    fit = float(np.sum(terms.weight * length * length))
    return float(np.sum(terms.weight * terms.distance * length)) / fit if fit > 0 else 1.0


def _laplacian(n, i, j, w):
    off = scipy.sparse.coo_matrix((np.concatenate([-w, -w]), (np.concatenate([i, j]),
                                  np.concatenate([j, i]))), shape=(n, n)).tocsr()
    diagonal = np.bincount(i, w, n) + np.bincount(j, w, n)
    return (off + scipy.sparse.diags(diagonal)).tocsr()


def _stress_and_pull(n: int, terms: Terms, x: np.ndarray) -> tuple[float, np.ndarray]:
    """The stress now, and B(X)·X: each pair pulling or pushing its two nodes towards their
    wished-for distance."""
    delta = x[terms.i] - x[terms.j]
    length = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-9)
    stress = float(np.sum(terms.weight * (length - terms.distance) ** 2))
    push = (terms.weight * terms.distance / length)[:, None] * delta
    out = np.empty_like(x)
    for axis in (0, 1):
        out[:, axis] = (np.bincount(terms.i, push[:, axis], n)
                        - np.bincount(terms.j, push[:, axis], n))
    return stress, out
