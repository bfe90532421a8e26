"""What an analysis tells the user: findings, the health score, the balance of the map.

All records are frozen, so a finished analysis can be handed from a worker thread to the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("high", "medium", "low")


def severity_rank(severity: str) -> int:
    """0 for the most severe, so sorting by it puts the worst first."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class NodeRef:
    """A node as the user knows it: the map's external id and its label."""

    id: str
    label: str


@dataclass(frozen=True)
class Finding:
    """One thing that weakens the ecosystem, told in words an L&D lead can repeat."""

    check: str
    severity: str
    title: str
    detail: str
    suggestion: str
    nodes: tuple[NodeRef, ...] = ()
    metrics: Mapping[str, Any] = field(default_factory=dict)
    # What the finding is about ("category:process", "node:lms"); lets a what-if tell an old
    # finding with new numbers from a finding that is really new. Not shown to users.
    subject: str = ""

    @property
    def node_ids(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.nodes)


def finding_order(finding: Finding) -> tuple:
    """Most severe first; then by check and the nodes concerned, so the order never wobbles."""
    return (severity_rank(finding.severity), finding.check, finding.node_ids, finding.subject)


@dataclass(frozen=True)
class Deduction:
    """Points taken off the health score, and why, so a facilitator can explain the number."""

    check: str
    points: int
    reason: str


@dataclass(frozen=True)
class Health:
    """The health score 0–100 and every deduction that made it. ``judged`` is False while the
    map is too young to score fairly (a handful of pieces, or nothing connected yet): the
    findings still help, but the number would only discourage."""

    score: int
    deductions: tuple[Deduction, ...] = ()
    judged: bool = True


@dataclass(frozen=True)
class Share:
    """How much of the map one category (or one kind) holds."""

    count: int
    share: float
    strength_share: float


@dataclass(frozen=True)
class Mix:
    """A community's make-up the way ecologists measure it.

    ``shannon`` is Shannon diversity H′, ``evenness`` Pielou's J′ (1 when there is only one
    group), ``dominance`` Berger–Parker d (the largest share) and ``dominant`` the group holding it.
    """

    parts: Mapping[str, Share]
    shannon: float
    evenness: float
    dominance: float
    dominant: str | None


@dataclass(frozen=True)
class Balance:
    """The balance of the building blocks, and of the kinds inside each one."""

    categories: Mix
    kinds: Mapping[str, Mix]


@dataclass(frozen=True)
class Analysis:
    """Everything the checks found on one map."""

    map_name: str
    node_count: int
    edge_count: int
    health: Health
    balance: Balance
    findings: tuple[Finding, ...]
    estimated: bool = False
    notes: tuple[str, ...] = ()

    def worst_severity(self) -> str | None:
        return self.findings[0].severity if self.findings else None


@dataclass(frozen=True)
class WhatIf:
    """The map with some nodes taken away, and what the ecosystem would lose."""

    removed: tuple[NodeRef, ...]
    before: Analysis
    after: Analysis
    cut_off_from_people: tuple[NodeRef, ...]
    learners_left_without_content: tuple[NodeRef, ...]
    new_findings: tuple[Finding, ...]
    left_without_anyone: tuple[NodeRef, ...] = ()  # learning nobody would deliver any more

    @property
    def score_after(self) -> int:
        """Health without the removed pieces. Taking something away never makes the ecosystem
        healthier: the problems about a piece leaving with it are no gain, so the score can
        only stay or fall."""
        return min(self.after.health.score, self.before.health.score)

    @property
    def score_change(self) -> int:
        return self.score_after - self.before.health.score
