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
    ("cane_toad", "One kind of learning multiplying until it crowds out the rest",
     "One kind making up {kind_share:.0%} or more of a block of at least {kind_min_nodes} "
     "nodes, or a block other than the people holding {dominance_share:.0%} of a map of "
     "{dominance_min_nodes} nodes or more. Never learner groups or informal learning; the "
     "tools that deliver it are named in its story."),
    ("isolated", "Pieces with no connection at all", "A node with no connections."),
    ("island", "Groups cut off from the main ecosystem",
     "Any connected group of nodes other than the largest one."),
    ("unreached", "Content, processes or tools nobody uses; learners nothing teaches",
     "A piece no learner group is connected to and nobody is drawn as using, or a learner "
     "group with no learning connected to it: being line-managed is not learning."),
    ("overdominant", "A hub everything flows through, whose loss would cut learners off",
     "A piece (never a learner group) that {hub_betweenness:.0%} of routes pass through, or "
     "with {hub_degree_ratio:g} times the average connections touching {hub_reach_share:.0%} "
     "of the map, whose loss would cut learners off. A busy hub with other routes is not."),
    ("single_point_of_failure", "A piece whose loss would cut learners off from learning",
     "A piece (never a learner group) whose loss leaves a learner group with nothing to learn "
     "from, or cuts {split_share:.0%} of the learners or the learning off. A session or guide "
     "is one step milder than a person or a tool: it can be rebuilt."),
    ("key_person", "One person behind a body of learning",
     "A person (not a team) alone behind {key_person_min_nodes} or more pieces of content and "
     "process, or any when the map tags them \"key person\"."),
    ("missing_block", "A building block the map declares but has nothing in",
     "A declared block with no nodes, once the map has {missing_block_min_nodes} nodes or "
     "more."),
    ("informal_gap", "Informal learning overlooked",
     "No informal pieces connected to the map, or informal pieces under {informal_share:.0%} "
     "of the content and processes."),
    ("growth", "What changed since the last review",
     "Against the latest snapshot at least {growth_weeks} weeks old: a kind (or block) with "
     "{growth_min_nodes} or more new pieces growing {growth_ratio:g} times as fast as the rest "
     "of its block (or the map); informal learning lost; a learner group left without the "
     "people who helped it learn. Nothing is said without such a snapshot."),
)

SCORE_RULE = ("The health score starts at 100. Each finding takes points off: 20 for a high "
              "one, 8 for a medium one, 2 for a low one; pieces cut off from the ecosystem "
              "cost more the more of the map they are. One check takes off at most 40 points, "
              "and findings with one root cause are told, and counted, as one story.")

ROLES = {
    "isolated": "not connected", "island": "on an island", "unreached": "unreached",
    "overdominant": "hub", "single_point_of_failure": "single point of failure",
    "key_person": "key person",
}


def check_name(check: str) -> str:
    """A check's name as readers see it: "single point of failure"."""
    return check.replace("_", " ")


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
