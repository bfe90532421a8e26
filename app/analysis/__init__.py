"""The health checks of a learning ecosystem: balance, isolation, dominance, gaps, the score.

``analyze(map_data)`` is a pure function on a frozen snapshot, so the window can run it in a
worker thread; ``what_if`` shows what removing nodes would cost; ``to_json`` gives the schema
``ecomap analyze --json`` prints. Thresholds and their defaults: ``app.thresholds``.
"""

from app.analysis.checks import CHECKS, analyze
from app.analysis.json_output import to_json, what_if_to_json
from app.analysis.records import (
    SEVERITIES,
    Analysis,
    Balance,
    Deduction,
    Finding,
    Health,
    Mix,
    NodeRef,
    Share,
    WhatIf,
)
from app.analysis.text import report, what_if_report
from app.analysis.what_if import what_if
from app.thresholds import DEFAULTS as DEFAULT_THRESHOLDS

__all__ = [
    "CHECKS", "DEFAULT_THRESHOLDS", "SEVERITIES", "Analysis", "Balance", "Deduction", "Finding",
    "Health", "Mix", "NodeRef", "Share", "WhatIf", "analyze", "report", "to_json", "what_if",
    "what_if_report", "what_if_to_json",
]
