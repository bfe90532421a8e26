"""Large, realistic-looking maps for benchmarks (10,000 nodes / 30,000 edges by default)."""

from __future__ import annotations

import math
import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.domain import DEFAULT_CATEGORIES, USUAL_KINDS, Edge, MapData, Node
from app.files import create_map

# A large organisation's mix: much content, fewer people groups, thin governance.
CATEGORY_MIX = {"people": 0.18, "content": 0.36, "process": 0.18, "technology": 0.10,
                "data": 0.10, "governance": 0.08}
NEIGHBOURS = 12  # a local link goes to one of this many nearest nodes
EDGE_KINDS = ("uses", "delivers", "mentors", "supports", "measures", "governs", "informs")


def large_map(nodes: int = 10_000, edges: int = 30_000, seed: int = 2026) -> MapData:
    """A map of ``nodes`` nodes and ``edges`` edges, clustered by category, with some hubs."""
    rng = random.Random(seed)
    keys = list(CATEGORY_MIX)
    categories = rng.choices(keys, weights=list(CATEGORY_MIX.values()), k=nodes)
    width = math.sqrt(nodes) * 260
    node_list = []
    for i, key in enumerate(categories):
        sector = keys.index(key) / len(keys) * 2 * math.pi
        radius = rng.uniform(0.15, 1.0) * width / 2
        angle = sector + rng.uniform(0, 2 * math.pi / len(keys))
        node_list.append(Node(
            id=f"n{i}", label=f"{rng.choice(USUAL_KINDS[key])} {i}", category=key,
            kind=rng.choice(USUAL_KINDS[key]), informal=rng.random() < 0.15,
            reach=rng.randint(0, 500), x=round(math.cos(angle) * radius, 1),
            y=round(math.sin(angle) * radius, 1), tags=("generated",),
        ))
    return MapData(name=f"Generated ecosystem ({nodes:,} nodes)",
                   categories=DEFAULT_CATEGORIES, nodes=tuple(node_list),
                   edges=tuple(_edges(rng, node_list, edges)))


def _edges(rng: random.Random, nodes: list[Node], count: int) -> list[Edge]:
    """Mostly local links (to one of the nearest nodes on the map, as a laid-out map has them),
    some to a few popular hubs anywhere on the map, none repeated."""
    from scipy.spatial import cKDTree

    n = len(nodes)
    points = [(node.x, node.y) for node in nodes]
    near = cKDTree(points).query(points, k=min(n, NEIGHBOURS + 1))[1].tolist()
    hubs = rng.sample(range(n), max(1, n // 200))
    seen, result = set(), []
    while len(result) < count:
        a = rng.randrange(n)
        b = rng.choice(hubs) if rng.random() < 0.1 else rng.choice(near[a][1:])
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        result.append(Edge(f"e{len(result) + 1}", f"n{a}", f"n{b}", rng.choice(EDGE_KINDS),
                           rng.randint(1, 5), rng.random() < 0.85))
    return result


@contextmanager
def large_map_file() -> Iterator[Path]:
    """The generated large map saved as an .ecomap file in a folder removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        yield create_map(Path(tmp) / "large.ecomap", large_map())
