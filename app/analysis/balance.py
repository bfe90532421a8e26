"""The balance of the ecosystem measured the way ecologists measure a community.

Per building block (and per kind inside each block): how many nodes and what share of them,
and what share of the connection strength they carry. Then Shannon diversity
H′ = −Σ pᵢ ln pᵢ, Pielou evenness J′ = H′ / ln k (k = the blocks the map declares, or the kinds
a block uses; J′ = 1 when there is only one) and Berger–Parker dominance d = max pᵢ.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping

from app.analysis.ecosystem import Ecosystem
from app.analysis.records import Balance, Mix, Share


def balance(eco: Ecosystem) -> Balance:
    """Shares and diversity of the categories, and of the kinds inside each category."""
    counts = Counter(node.category for node in eco.nodes.values())
    strengths: dict[str, float] = defaultdict(float)
    for node_id, node in eco.nodes.items():
        strengths[node.category] += eco.strength[node_id]
    categories = mix({key: counts[key] for key in eco.category_keys}, strengths)
    kinds = {key: kind_mix(eco, key) for key in eco.category_keys if counts[key]}
    return Balance(categories, kinds)


def kind_mix(eco: Ecosystem, category: str) -> Mix:
    """The kinds inside one category ("" for nodes whose kind was not given)."""
    counts: Counter[str] = Counter()
    strengths: dict[str, float] = defaultdict(float)
    for node_id, node in eco.nodes.items():
        if node.category == category:
            counts[node.kind] += 1
            strengths[node.kind] += eco.strength[node_id]
    return mix(dict(sorted(counts.items())), strengths)


def mix(counts: Mapping[str, int], strengths: Mapping[str, float]) -> Mix:
    """Shares and the three indices for groups given in the order they should be listed."""
    total = sum(counts.values())
    total_strength = sum(strengths.get(key, 0.0) for key in counts)
    parts = {
        key: Share(
            count=count,
            share=count / total if total else 0.0,
            strength_share=strengths.get(key, 0.0) / total_strength if total_strength else 0.0,
        )
        for key, count in counts.items()
    }
    shares = [part.share for part in parts.values()]
    shannon = -sum(p * math.log(p) for p in shares if p > 0)
    evenness = 1.0 if len(parts) <= 1 else shannon / math.log(len(parts))
    dominant = max(parts, key=lambda key: parts[key].share) if total else None
    return Mix(parts, shannon, evenness, max(shares, default=0.0), dominant)
