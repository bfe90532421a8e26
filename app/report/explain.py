"""The words of the report that do not come from a finding: what the balance indices mean, what
role a node plays, and the appendix on how each check works."""

from __future__ import annotations

import math
from collections.abc import Mapping

from app.analysis.records import Analysis, Mix
from app.analysis.words import percent

# What each check looks for and the rule it applies, with {threshold} fields from the map's
# thresholds (see app.thresholds).
CHECK_RULES: tuple[tuple[str, str, str], ...] = (
    ("cane_toad", "One part multiplying beyond control and crowding out the others",
     "A building block holding {dominance_share:.0%} or more of the map's nodes; one kind "
     "holding {kind_share:.0%} or more of a block of at least {kind_min_nodes} nodes; or one "
     "node or kind carrying {strength_share:.0%} or more of the connection strength that "
     "reaches the people."),
    ("isolated", "Pieces with no connection at all", "A node with no connections."),
    ("island", "Groups cut off from the main ecosystem",
     "Any connected group of nodes other than the largest one."),
    ("unreached", "Content, processes or tools nobody uses; learners with nothing to learn from",
     "No path, in either direction, between a piece and any people node; or a people node with "
     "no path to any content or process."),
    ("overdominant", "Hubs that everything flows through",
     "{hub_betweenness:.0%} or more of the shortest routes between other pieces pass through "
     "the node; or it has {hub_degree_ratio:g} times the average number of connections and "
     "touches {hub_reach_share:.0%} of all nodes (maps of {hub_min_nodes} nodes or more)."),
    ("single_point_of_failure", "A piece whose loss splits the ecosystem",
     "Removing the node cuts {split_share:.0%} or more of the nodes, or any learner group, off "
     "the largest part of the map."),
    ("missing_block", "A building block the map declares but has nothing in",
     "A declared block with no nodes, once the map has {missing_block_min_nodes} nodes or "
     "more."),
    ("informal_gap", "Informal learning overlooked",
     "No informal nodes, or informal nodes under {informal_share:.0%} of the content and "
     "processes."),
)

SCORE_RULE = ("The health score starts at 100. Each finding takes points off: 15 for a high "
              "one, 8 for a medium one, 3 for a low one. One check takes off at most 30 points, "
              "so one kind of problem repeated many times cannot sink the score on its own.")

ROLES = {
    "isolated": "not connected", "island": "on an island", "unreached": "unreached",
    "overdominant": "hub", "single_point_of_failure": "single point of failure",
}


def index_sentences(mix: Mix, names: Mapping[str, str]) -> list[tuple[str, str]]:
    """The three balance indices, each with its value and one sentence saying what it means."""
    k = len(mix.parts)
    largest = names.get(mix.dominant, mix.dominant) if mix.dominant else "no block"
    top = f"{math.log(k):.2f}" if k > 1 else "0"
    return [
        (f"Shannon diversity H′ = {mix.shannon:.2f}",
         f"How many blocks the map spreads across and how evenly: 0 when everything is one "
         f"block, {top} when all {k} blocks here are the same size."),
        (f"Pielou evenness J′ = {mix.evenness:.2f}",
         "H′ divided by the most it could be: 1 means perfectly even blocks, near 0 means one "
         "block crowds out the rest."),
        (f"Berger–Parker dominance d = {percent(mix.dominance)}",
         f"The share held by the largest block ({largest}); at 50% or more the cane-toad "
         "check speaks up."),
    ]


def node_roles(analysis: Analysis) -> dict[str, list[str]]:
    """What the findings say about each node (node id → roles such as "hub")."""
    roles: dict[str, list[str]] = {}
    for finding in analysis.findings:
        role = ROLES.get(finding.check)
        if role is None:
            continue
        for node in finding.nodes:
            if role not in roles.setdefault(node.id, []):
                roles[node.id].append(role)
    return roles


def degree_role(degree: int, mean: float) -> str:
    """A plain role from the number of connections when no finding names the node."""
    if degree == 0:
        return "not connected"
    if degree == 1:
        return "end point"
    if mean and degree >= 3 * mean:
        return "well connected"
    return "connected"


def check_rules(thresholds: Mapping[str, float | int]) -> list[tuple[str, str, str]]:
    """(check, what it finds, its rule with this map's thresholds) for the appendix."""
    return [(check, finds, rule.format(**thresholds)) for check, finds, rule in CHECK_RULES]
