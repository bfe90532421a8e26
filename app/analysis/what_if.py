"""“What if this were gone?” — the map without some nodes, and what the ecosystem would lose.

Nothing in the map changes: the analysis runs on a copy without those nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from app.analysis.checks import analyze
from app.analysis.ecosystem import Ecosystem
from app.analysis.records import Finding, WhatIf
from app.domain import (
    MapData,
    shown,
)
from app.errors import NotFound
from app.thresholds import resolve_thresholds


def what_if(
    data: MapData, removed_ids: Iterable[str], thresholds: Mapping[str, Any] | None = None
) -> WhatIf:
    """Analyse ``data`` with ``removed_ids`` taken away and say what that costs.

    Raises ``NotFound`` for an id that is not a node of the map.
    """
    removed = _known_ids(data, removed_ids)
    chosen = resolve_thresholds(data.settings, thresholds)
    smaller = without(data, removed)
    before, after = analyze(data, thresholds), analyze(smaller, thresholds)
    was, now = Ecosystem(data, chosen), Ecosystem(smaller, chosen)
    return WhatIf(
        removed=was.refs(removed),
        before=before,
        after=after,
        cut_off_from_people=was.refs(_lost_touch(was, now, "people", removed)),
        learners_left_without_content=was.refs(_lost_touch(was, now, "learning", removed)),
        new_findings=tuple(f for f in after.findings if is_new(f, before.findings)),
        left_without_anyone=was.refs(_left_without_anyone(was, removed)),
    )


def without(data: MapData, removed: Iterable[str]) -> MapData:
    """The same map minus some nodes and every connection they had."""
    gone = set(removed)
    return replace(
        data,
        nodes=tuple(n for n in data.nodes if n.id not in gone),
        edges=tuple(e for e in data.edges if e.source not in gone and e.target not in gone),
    )


def is_new(finding: Finding, earlier: Iterable[Finding]) -> bool:
    """True unless an earlier finding was about the same thing and already named these nodes."""
    nodes = set(finding.node_ids)
    return not any(
        old.check == finding.check and old.subject == finding.subject
        and nodes <= set(old.node_ids)
        for old in earlier
    )


def _known_ids(data: MapData, removed_ids: Iterable[str]) -> list[str]:
    known = {node.id for node in data.nodes}
    chosen: list[str] = []
    for node_id in removed_ids:
        if node_id not in known:
            raise NotFound(f"there is no node with the id {shown(node_id)} in this map")
        if node_id not in chosen:
            chosen.append(node_id)
    return chosen


def _lost_touch(was: Ecosystem, now: Ecosystem, towards: str, removed: list[str]) -> list[str]:
    """Nodes that could reach the people (or, for learners, content and processes) before the
    removal and cannot after it."""
    if towards == "people":
        candidates = set(was.nodes) - was.people
        before, after = was.connected_to_any(was.people), now.connected_to_any(now.people)
    else:  # learning reaching a group: a connection of its own, and learning beyond it
        candidates = set(was.learners)
        before = was.fed_learners & was.connected_to_any(was.learning)
        after = now.fed_learners & now.connected_to_any(now.learning)
    return sorted(i for i in candidates - set(removed) if i in before and i not in after)


def _left_without_anyone(was: Ecosystem, removed: list[str]) -> list[str]:
    """Content and processes that had people behind them, all of whom are removed."""
    gone = set(removed)
    return sorted(piece for piece, people in was.providers_of.items()
                  if piece not in gone and people and people <= gone)
