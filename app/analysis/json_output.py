"""The analysis as one JSON object, the schema ``ecomap analyze --json`` prints.

    {"map": {"name", "nodes", "edges"},
     "health": {"score", "deductions": [{"check", "points", "reason"}]},
     "balance": {"categories": {KEY: {"count", "share", "strength_share"}},
                 "shannon", "evenness", "dominance", "dominant",
                 "kinds": {KEY: {"kinds": {KIND: {…}}, "shannon", …}}},
     "findings": [{"check", "severity", "title", "detail", "suggestion",
                   "nodes": [{"id", "label"}], "metrics": {…}}]}

Shares and indices are rounded to 4 decimals; a kind that was not given is the key "".
"""

from __future__ import annotations

from typing import Any

from app.analysis.records import Analysis, Finding, Mix, WhatIf

DECIMALS = 4


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready data (dicts, lists, strings and numbers)."""
    categories = _mix(analysis.balance.categories, "categories")
    categories["kinds"] = {key: _mix(mix, "kinds") for key, mix in analysis.balance.kinds.items()}
    return {
        "map": {"name": analysis.map_name, "nodes": analysis.node_count,
                "edges": analysis.edge_count},
        "health": {
            "score": analysis.health.score,
            "judged": analysis.health.judged,
            "deductions": [{"check": d.check, "points": d.points, "reason": d.reason}
                           for d in analysis.health.deductions],
        },
        "balance": categories,
        "findings": [finding_to_json(f) for f in analysis.findings],
    }


def finding_to_json(finding: Finding) -> dict[str, Any]:
    return {
        "check": finding.check,
        "severity": finding.severity,
        "title": finding.title,
        "detail": finding.detail,
        "suggestion": finding.suggestion,
        "nodes": [{"id": n.id, "label": n.label} for n in finding.nodes],
        "metrics": {name: _number(value) for name, value in finding.metrics.items()},
    }


def what_if_to_json(result: WhatIf) -> dict[str, Any]:
    """What removing the nodes costs, with the full analysis of the map without them."""
    return {
        "removed": _refs(result.removed),
        "score_before": result.before.health.score,
        "score_after": result.score_after,
        "score_change": result.score_change,
        "cut_off_from_people": _refs(result.cut_off_from_people),
        "learners_left_without_content": _refs(result.learners_left_without_content),
        "left_without_anyone": _refs(result.left_without_anyone),
        "new_findings": [finding_to_json(f) for f in result.new_findings],
        "analysis": to_json(result.after),
    }


def _mix(mix: Mix, parts_name: str) -> dict[str, Any]:
    return {
        parts_name: {
            key: {"count": part.count, "share": _number(part.share),
                  "strength_share": _number(part.strength_share)}
            for key, part in mix.parts.items()
        },
        "shannon": _number(mix.shannon),
        "evenness": _number(mix.evenness),
        "dominance": _number(mix.dominance),
        "dominant": mix.dominant,
    }


def _refs(refs) -> list[dict[str, str]]:
    return [{"id": r.id, "label": r.label} for r in refs]


def _number(value: Any) -> Any:
    return round(value, DECIMALS) if isinstance(value, float) else value
