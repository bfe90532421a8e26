"""The tunable rules of the checks, their defaults, and reading them from a map's settings.

A map may change any of these in ``settings.thresholds``; the ``thresholds`` argument of
``analyze`` overrides both. Shares are fractions (0.5 means 50%); a rule fires at the threshold
("≥"), so a category holding exactly 50% of the nodes is a cane toad.

cane_toad
    ``dominance_share`` (0.5) — a category holding this share of the map's nodes or more.
    ``dominance_min_nodes`` (3) — fewer nodes than this are too few to say one part crowds out
    the rest (a one-node map is 100% one category).
    ``kind_share`` (0.5) — one kind holding this share of a category or more…
    ``kind_min_nodes`` (4) — …once the category has at least this many nodes.
    ``strength_share`` (0.5) — one node, or one kind, carrying this share of the connection
    strength between the people and everything else; only judged when at least
    ``dominance_min_nodes`` different pieces connect to the people.
overdominant
    ``hub_betweenness`` (0.4) — the share of shortest routes between other pieces that pass
    through a node (betweenness, normalised 0–1).
    ``hub_degree_ratio`` (3.0) and ``hub_reach_share`` (0.25) — or a node with at least this
    many times the average number of connections that also touches this share of all nodes.
    ``hub_min_nodes`` (4) — maps smaller than this have no hubs worth naming.
single_point_of_failure
    ``split_share`` (0.1) — a node whose loss cuts this share of the map's nodes (or any
    learner group) off the largest part.
missing_block
    ``missing_block_min_nodes`` (5) — empty declared categories are reported once the map has
    this many nodes.
informal_gap
    ``informal_share`` (0.1) — informal nodes should be at least this share of the content
    and processes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from app.domain import shown
from app.errors import BadInput

SHARE, RATIO, COUNT = "share", "ratio", "count"

DEFAULTS: dict[str, float | int] = {
    "dominance_share": 0.5,
    "dominance_min_nodes": 3,
    "kind_share": 0.5,
    "kind_min_nodes": 4,
    "strength_share": 0.5,
    "hub_betweenness": 0.4,
    "hub_degree_ratio": 3.0,
    "hub_reach_share": 0.25,
    "hub_min_nodes": 4,
    "split_share": 0.1,
    "missing_block_min_nodes": 5,
    "informal_share": 0.1,
}

_KIND_OF_VALUE = {
    name: COUNT if name.endswith("_nodes") else RATIO if name.endswith("_ratio") else SHARE
    for name in DEFAULTS
}


def resolve_thresholds(
    settings: Mapping[str, Any], overrides: Mapping[str, Any] | None = None
) -> dict[str, float | int]:
    """The defaults, changed by the map's ``settings.thresholds``, changed by ``overrides``."""
    from_map = settings.get("thresholds") or {}
    if not isinstance(from_map, Mapping):
        raise BadInput("should be an object of threshold names and values", "settings.thresholds")
    chosen = dict(DEFAULTS)
    for source in (from_map, overrides or {}):
        for name, value in source.items():
            chosen[name] = check_threshold(name, value)
    return chosen


def check_threshold(name: Any, value: Any) -> float | int:
    """The value, if ``name`` is a threshold and ``value`` suits it; else ``BadInput``."""
    where = f"settings.thresholds.{name}"
    if name not in DEFAULTS:
        known = ", ".join(sorted(DEFAULTS))
        raise BadInput(
            f"{shown(name)} is not a threshold Ecomap knows; the thresholds are: {known}", where
        )
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadInput(f"should be a number, not {shown(value)}", where)
    return _checked_number(_KIND_OF_VALUE[name], value, where)


def _checked_number(kind: str, value: float, where: str) -> float | int:
    if kind == SHARE and not 0 < value <= 1:
        raise BadInput(
            f"should be a share between 0 and 1 (0.5 means 50%), not {shown(value)}", where
        )
    if kind == RATIO and not 0 < value <= 1000:
        raise BadInput(
            f"should be a number above 0, like 3 for three times, not {shown(value)}", where)
    if kind == COUNT and (value != int(value) or value < 1):
        raise BadInput(f"should be a whole number of nodes (1 or more), not {shown(value)}", where)
    return int(value) if kind == COUNT else float(value)
