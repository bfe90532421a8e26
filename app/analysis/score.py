"""The health score: 100 minus points for each finding, every deduction listed with its reason.

A high finding costs 20 points, a medium one 8, a low one 2, so a map with a real high-severity
problem scores clearly below an ordinary healthy one, whose few low notes cost little. One check
can take off at most 40 points, so one kind of problem repeated many times cannot sink the score
on its own (findings with one root cause are already told as one story).

Pieces cut off from the ecosystem (isolated, islands, unreached) cost by how much of the map
they are — up to 60 points when nothing is connected — so that losing a hub in a what-if,
which leaves everything cut off, never looks like an improvement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from app.analysis.records import Deduction, Finding, Health
from app.analysis.words import plural

POINTS = {"high": 20, "medium": 8, "low": 2}
ENOUGH_TO_JUDGE = 5  # pieces: below this, or with nothing connected, the map is being started
MOST_PER_CHECK = 40
CUT_OFF_CHECKS = frozenset({"isolated", "island", "unreached"})
MOST_FOR_CUT_OFF = 60  # points when every piece of the map is cut off


def health(findings: Sequence[Finding], node_count: int = 0, edge_count: int = 0) -> Health:
    """Score the findings (given most severe first), listing what each one cost."""
    taken: Counter[str] = Counter()
    left_over: Counter[str] = Counter()
    deductions = []
    for finding in findings:
        limit = _limit(finding.check)
        points = min(_points(finding, node_count), limit - taken[finding.check])
        if points <= 0:
            left_over[finding.check] += 1
            continue
        taken[finding.check] += points
        deductions.append(Deduction(finding.check, points, finding.title))
    for check, count in left_over.items():
        deductions.append(Deduction(check, 0, (
            f"{plural(count, 'more finding')} of this kind cost nothing more: one check takes "
            f"off at most {_limit(check)} points")))
    judged = node_count >= ENOUGH_TO_JUDGE and edge_count > 0
    return Health(max(0, 100 - sum(taken.values())), tuple(deductions), judged)


def _limit(check: str) -> int:
    return MOST_FOR_CUT_OFF if check in CUT_OFF_CHECKS else MOST_PER_CHECK


def _points(finding: Finding, node_count: int) -> int:
    points = POINTS[finding.severity]
    if finding.check in CUT_OFF_CHECKS and node_count:
        points = max(points, round(MOST_FOR_CUT_OFF * len(finding.nodes) / node_count))
    return points
