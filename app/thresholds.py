"""The tunable rules of the checks, their defaults, and reading them from a map's settings.

Kept out of ``app.analysis`` so that every reader of a map checks thresholds exactly as the
checks will, without loading the analysis (networkx) to do it.

A map may change any of these in ``settings.thresholds``; the ``thresholds`` argument of
``analyze`` overrides both. Shares are fractions (0.5 means 50%); a rule fires at the threshold
("≥"), so a category holding exactly 50% of the nodes is a cane toad. Shares lie above 0 and
up to 1, ratios above 0 and up to 1,000, counts are whole numbers of nodes from 1 to 100,000.

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
key_person
    ``key_person_min_nodes`` (4) — a person who is the only one delivering, authoring or
    supporting this many pieces of content and process (or any, when tagged "key person").
missing_block
    ``missing_block_min_nodes`` (5) — empty declared categories are reported once the map has
    this many nodes.
informal_gap
    ``informal_share`` (0.1) — informal nodes should be at least this share of the content
    and processes.
growth
    ``growth_weeks`` (8) — the map is compared with the latest snapshot at least this many
    weeks old (none that old: no growth finding).
    ``growth_ratio`` (3.0) — a kind (or block) growing this many times as fast as the rest of
    its block (or of the map)…
    ``growth_min_nodes`` (4) — …by at least this many new pieces.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from app.errors import BadInput
from app.quoting import key_part, shown

SHARE, RATIO, COUNT, WEEKS = "share", "ratio", "count", "weeks"
MAX_RATIO = 1000
MAX_COUNT = 100_000  # nodes: far beyond any map, and the top of the Thresholds page's boxes
MAX_WEEKS = 520  # ten years of snapshots

DEFAULTS: dict[str, float | int] = {
    "dominance_share": 0.5,
    "dominance_min_nodes": 10,
    "kind_share": 0.6,
    "kind_min_nodes": 8,
    "strength_share": 0.5,
    "hub_betweenness": 0.4,
    "hub_degree_ratio": 3.0,
    "hub_reach_share": 0.25,
    "hub_min_nodes": 4,
    "split_share": 0.1,
    "key_person_min_nodes": 4,
    "missing_block_min_nodes": 5,
    "informal_share": 0.1,
    "growth_weeks": 8,
    "growth_ratio": 3.0,
    "growth_min_nodes": 4,
}

KIND_OF_VALUE = {
    name: COUNT if name.endswith("_nodes") else RATIO if name.endswith("_ratio") else
    WEEKS if name.endswith("_weeks") else SHARE
    for name in DEFAULTS
}

_WANTED = {
    SHARE: "should be a share between 0 and 1 (0.5 means 50%)",
    RATIO: f"should be a number above 0 and up to {MAX_RATIO:,}, like 3 for three times",
    COUNT: f"should be a whole number of nodes, 1 to {MAX_COUNT:,}",
    WEEKS: f"should be a whole number of weeks, 1 to {MAX_WEEKS}",
}


def resolve_thresholds(
    settings: Mapping[str, Any], overrides: Mapping[str, Any] | None = None
) -> dict[str, float | int]:
    """The defaults, changed by the map's ``settings.thresholds``, changed by ``overrides``."""
    chosen = dict(DEFAULTS)
    chosen.update(check_thresholds(settings.get("thresholds")))
    chosen.update(check_thresholds(overrides))
    return chosen


def check_thresholds(value: Any, where: str = "settings.thresholds") -> dict[str, float | int]:
    """A map's own thresholds (``None`` for none), each checked; else ``BadInput`` naming the
    first one that is wrong. Every reader of a map and the checks themselves use this."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BadInput("should be an object of threshold names and values", where)
    return {name: check_threshold(name, item, where) for name, item in value.items()}


def check_threshold(name: Any, value: Any, where: str = "settings.thresholds") -> float | int:
    """The value, if ``name`` is a threshold and ``value`` suits it; else ``BadInput``."""
    place = f"{where}.{key_part(name)}"
    if not isinstance(name, str) or name not in DEFAULTS:
        known = ", ".join(sorted(DEFAULTS))
        raise BadInput(
            f"is not a threshold Ecomap knows: {known}", place
        )
    kind = KIND_OF_VALUE[name]
    if not _fits(kind, value):
        raise BadInput(f"{_WANTED[kind]}, not {shown(value)}", place)
    return int(value) if kind in (COUNT, WEEKS) else float(value)


def _fits(kind: str, value: Any) -> bool:
    """Whether ``value`` suits a threshold of this kind. Whole numbers of any size are compared
    exactly (10**400 is simply too big), never turned into floats that would overflow."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if kind == SHARE:
        return 0 < value <= 1
    if kind == RATIO:
        return 0 < value <= MAX_RATIO
    return value == int(value) and 1 <= value <= (MAX_WEEKS if kind == WEEKS else MAX_COUNT)
