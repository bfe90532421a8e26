"""How much of the traffic between pieces of the map passes through each node (betweenness).

networkx's betweenness visits one starting node at a time and takes minutes on a 10,000-node
map, so this walks from many starting nodes at once with numpy (Brandes' method, level by
level). It gives the same numbers as ``networkx.betweenness_centrality(normalized=True)`` on the
undirected map. Maps above ``EXACT_LIMIT`` nodes are measured from a fixed sample of starting
nodes (same map, same sample, same answer), sized so all checks stay within a few seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

EXACT_LIMIT = 1000  # nodes; exact below this (about 0.5 s at 1,000 nodes / 3,000 connections)
WORK_BUDGET = 14_000_000  # starting nodes × (2 × links + nodes) for a sampled measure
MIN_SAMPLE, MAX_SAMPLE = 64, 256
MEMORY_BUDGET = 4_000_000  # nodes × starting nodes walked together
SEED = 20_240_601


@dataclass(frozen=True)
class Flow:
    """Betweenness per node (0–1), and the sample size when it is an estimate."""

    scores: dict[str, float]
    sample_size: int | None = None

    @property
    def estimated(self) -> bool:
        return self.sample_size is not None


class Links:
    """The undirected links as compressed neighbour lists over node numbers 0…n-1."""

    def __init__(self, size: int, pairs: Sequence[tuple[int, int]]):
        ends = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        source = np.concatenate([ends[:, 0], ends[:, 1]])
        target = np.concatenate([ends[:, 1], ends[:, 0]])
        self.size = size
        self.link_count = len(ends)
        self.start = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(source, minlength=size), out=self.start[1:])
        self.neighbour = target[np.argsort(source, kind="stable")]

    def spread(self, keys: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
        """For (node, walk) keys, the keys of every neighbour in the same walk, and whose it is."""
        nodes, walks = keys // width, keys % width
        degree = self.start[nodes + 1] - self.start[nodes]
        owner = np.repeat(np.arange(len(keys)), degree)
        # position of each neighbour in ``neighbour``: a running count, shifted per key
        shift = np.repeat(self.start[nodes] - (np.cumsum(degree) - degree), degree)
        neighbours = self.neighbour[np.arange(len(owner)) + shift]
        return neighbours * width + walks[owner], owner


def betweenness(ids: Sequence[str], pairs: Sequence[tuple[int, int]]) -> Flow:
    """Normalised betweenness of each node; ``pairs`` are links between positions in ``ids``."""
    n = len(ids)
    if n < 3 or not pairs:
        return Flow({i: 0.0 for i in ids})
    links = Links(n, pairs)
    sources, sampled = _starting_nodes(links)
    total = np.zeros(n)
    batch = max(1, MEMORY_BUDGET // n)
    for first in range(0, len(sources), batch):
        total += _dependencies(links, sources[first:first + batch])
    scores = total / ((n - 1) * (n - 2)) * (n / len(sources))
    return Flow(dict(zip(ids, scores.tolist(), strict=True)), len(sources) if sampled else None)


def _starting_nodes(links: Links) -> tuple[np.ndarray, bool]:
    n = links.size
    if n <= EXACT_LIMIT:
        return np.arange(n), False
    wanted = WORK_BUDGET // (2 * links.link_count + n)
    k = int(min(n, MAX_SAMPLE, max(MIN_SAMPLE, wanted)))
    chosen = np.random.default_rng(SEED).choice(n, size=k, replace=False)
    return np.sort(chosen), k < n


def _summed(keys: np.ndarray, weights: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys and the weights added up per key."""
    if len(keys) * 16 >= size:
        totals = np.bincount(keys, weights, minlength=size)
        where = np.flatnonzero(totals)
        return where, totals[where]
    where, inverse = np.unique(keys, return_inverse=True)
    return where, np.bincount(inverse, weights)


def _dependencies(links: Links, sources: np.ndarray) -> np.ndarray:
    """Brandes' dependency of every node, summed over breadth-first walks from ``sources``."""
    width = len(sources)
    size = links.size * width
    paths = np.zeros(size)
    depth = np.full(size, -1, dtype=np.int32)
    levels = [sources * width + np.arange(width)]
    paths[levels[0]], depth[levels[0]] = 1.0, 0
    while True:
        keys, owner = links.spread(levels[-1], width)
        where, counts = _summed(keys, paths[levels[-1]][owner], size)
        fresh = depth[where] < 0
        if not fresh.any():
            break
        depth[where[fresh]], paths[where[fresh]] = len(levels), counts[fresh]
        levels.append(where[fresh])
    return _accumulate(links, levels, paths, depth, width).reshape(links.size, width).sum(axis=1)


def _accumulate(links, levels, paths, depth, width) -> np.ndarray:
    """Walk back from the farthest level, sharing each node's dependency among its parents."""
    dependency = np.zeros(len(paths))
    for level in range(len(levels) - 1, 1, -1):
        here = levels[level]
        keys, owner = links.spread(here, width)
        share = (1.0 + dependency[here]) / paths[here]
        where, totals = _summed(keys, share[owner], len(paths))
        parent = depth[where] == level - 1
        dependency[where[parent]] += paths[where[parent]] * totals[parent]
    return dependency
