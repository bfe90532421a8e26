"""The health score: 100 minus points for each finding, every deduction listed with its reason.

A high finding costs 15 points, a medium one 8, a low one 3. One check can take off at most
30 points, so one kind of problem repeated many times cannot sink the score on its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from app.analysis.records import Deduction, Finding, Health
from app.analysis.words import plural

POINTS = {"high": 15, "medium": 8, "low": 3}
MOST_PER_CHECK = 30


def health(findings: Sequence[Finding]) -> Health:
    """Score the findings (given most severe first), listing what each one cost."""
    taken: Counter[str] = Counter()
    left_over: Counter[str] = Counter()
    deductions = []
    for finding in findings:
        points = min(POINTS[finding.severity], MOST_PER_CHECK - taken[finding.check])
        if points <= 0:
            left_over[finding.check] += 1
            continue
        taken[finding.check] += points
        deductions.append(Deduction(finding.check, points, finding.title))
    for check, count in left_over.items():
        deductions.append(Deduction(check, 0, (
            f"{plural(count, 'more finding')} of this kind cost nothing more: one check takes "
            f"off at most {MOST_PER_CHECK} points")))
    return Health(max(0, 100 - sum(taken.values())), tuple(deductions))
