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


# Labels as people write them: a subject and what the piece is, some long enough to wrap or be
# cut short on the canvas.
SUBJECTS = ("Data protection", "Negotiation skills", "Fire safety", "Product basics",
            "Leadership essentials", "Customer complaints", "Forklift safety", "Excel for analysts",
            "Coaching conversations", "Anti-bribery", "First week", "Inclusive hiring",
            "Clinical handover", "Cyber security", "Time management", "Objection handling",
            "Manual handling", "Giving feedback", "Project planning", "Wellbeing at work")
WHAT = {
    "people": ("new starters", "team leads", "regional managers", "apprentices",
               "graduate programme cohort", "shift supervisors", "mentors", "subject experts",
               "champions network"),
    "content": ("e-learning", "video series", "podcast", "job aid", "workshop deck", "handbook",
                "quiz", "case studies", "micro-lessons", "refresher (10 min)"),
    "process": ("coaching", "peer review", "shadowing", "check-in", "community of practice",
                "lunch and learn", "mentoring circle", "certification", "induction day"),
    "technology": ("learning management system", "LXP", "video platform", "authoring tool",
                   "Teams channel", "intranet pages", "simulation app", "virtual classroom"),
    "data": ("completion dashboard", "skills matrix", "survey results", "audit scores",
             "training records", "competency assessments"),
    "governance": ("policy", "steering group", "budget review", "accreditation board",
                   "quality standard", "sign-off"),
}


def realistic_label(rng: random.Random, category: str) -> str:
    """A label such as "Fire safety refresher (10 min)" or "Cyber security champions network"."""
    label = f"{rng.choice(SUBJECTS)} {rng.choice(WHAT[category])}"
    if rng.random() < 0.15:
        label += rng.choice((" (EMEA)", " – level 2", " for managers", " (archived 2024)"))
    return label


def large_map(nodes: int = 10_000, edges: int = 30_000, seed: int = 2026) -> MapData:
    """A map of ``nodes`` nodes and ``edges`` edges, clustered by category, with some hubs."""
    rng = random.Random(seed)
    words = random.Random(seed + 1)  # labels drawn apart: the same network as before they were
    keys = list(CATEGORY_MIX)
    categories = rng.choices(keys, weights=list(CATEGORY_MIX.values()), k=nodes)
    width = math.sqrt(nodes) * 260
    node_list = []
    for i, key in enumerate(categories):
        sector = keys.index(key) / len(keys) * 2 * math.pi
        radius = rng.uniform(0.15, 1.0) * width / 2
        angle = sector + rng.uniform(0, 2 * math.pi / len(keys))
        rng.choice(USUAL_KINDS[key])  # the draw the old "Kind 123" labels made: same network
        node_list.append(Node(
            id=f"n{i}", label=realistic_label(words, key), category=key,
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
