"""A diff told in words (``ecomap diff``) and as JSON (``ecomap diff --json``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.analysis.json_output import finding_to_json
from app.analysis.text import finding_lines
from app.analysis.words import percent, plural
from app.history.diff import ADDED, CHANGED, REMOVED, Change, Diff, HealthDiff, ShareChange

MARK = {ADDED: "+", REMOVED: "−", CHANGED: "~"}
HEADINGS = {ADDED: "added", REMOVED: "removed", CHANGED: "changed"}


def summary(diff: Diff) -> str:
    """"3 pieces added, 1 removed, 2 changed; 5 connections added" (or "nothing changed")."""
    if diff.unchanged:
        return "No piece or connection changed."
    parts = []
    for part, word in (("nodes", "piece"), ("edges", "connection")):
        counts = [(len(diff.of(what, part)), HEADINGS[what]) for what in MARK]
        said = [f"{n} {heading}" for n, heading in counts if n]
        if said:
            total = sum(n for n, _h in counts)
            parts.append(f"{plural(total, word)}: {', '.join(said)}")
    return "; ".join(parts) + "."


def report(diff: Diff, health: HealthDiff | None, from_name: str, to_name: str) -> str:
    lines = [f"What changed in “{diff.after.name.split(' — ')[0]}” from {from_name} to "
             f"{to_name}", f"  {summary(diff)}", ""]
    if health is not None:
        lines += health_lines(health) + [""]
    for part, word in (("nodes", "Pieces"), ("edges", "Connections")):
        for what in MARK:
            changes = diff.of(what, part)
            if changes:
                lines.append(f"{word} {HEADINGS[what]} ({len(changes)}):")
                lines += [f"  {change_line(c, diff)}" for c in changes] + [""]
    return "\n".join(lines).rstrip() + "\n"


def change_line(change: Change, diff: Diff) -> str:
    """"+ Sales deck v3 (Content, Course)", "~ Playbook: label “A” → “B”"."""
    text = f"{MARK[change.what]} {change.label}"
    if change.what == CHANGED:
        return text + ": " + "; ".join(
            f"{f.field} {_value(f.before, diff.before, f.field)} → "
            f"{_value(f.after, diff.after, f.field)}" for f in change.fields)
    return text


def _value(value: Any, data, field: str) -> str:
    if field == "building block":
        block = data.category(value)
        return f"“{block.name if block else value}”"
    if field == "direction":
        return "one way" if value else "both ways"
    if field in ("from", "to"):
        node = next((n for n in data.nodes if n.id == value), None)
        return f"“{node.label if node else value}”"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "" or value == () or value == {}:
        return "(none)"
    if isinstance(value, tuple):
        return ", ".join(f"“{v}”" for v in value)
    return f"“{value}”" if isinstance(value, str) else str(value)


def health_lines(health: HealthDiff) -> list[str]:
    was, now = health.before.health.score, health.after.health.score
    change = now - was
    lines = [f"Health: {was} → {now} ({'+' if change > 0 else '−' if change < 0 else '±'}"
             f"{abs(change)})"]
    for heading, findings in (("New findings", health.came), ("Findings gone", health.went)):
        if findings:
            lines.append(f"  {heading} ({len(findings)}):")
            for finding in findings:
                lines += finding_lines(finding, "    ")[:1]
    lines.append("Building blocks (pieces, share of the map):")
    lines += _share_lines(health.blocks)
    for block, kinds in health.kinds.items():
        moved = [k for k in kinds if k.count_before != k.count_after]
        if moved:
            lines.append(f"Kinds in {block} that changed:")
            lines += _share_lines(moved)
    return lines


def _share_lines(shares: Sequence[ShareChange]) -> list[str]:
    width = max((len(s.name) for s in shares), default=0)
    return [f"  {s.name:<{width}}  {s.count_before:>5} → {s.count_after:<5}  "
            f"{percent(s.share_before):>4} → {percent(s.share_after)}" for s in shares]


# --- JSON ------------------------------------------------------------------------------------


def to_json(diff: Diff, health: HealthDiff | None, from_state: dict, to_state: dict) -> dict:
    """{"from", "to", "summary", "nodes", "edges", "health"}: each of nodes and edges holds
    "added", "removed" and "changed" lists of {"id", "label"[, "fields"]}."""
    result: dict[str, Any] = {"from": from_state, "to": to_state, "summary": summary(diff)}
    for part in ("nodes", "edges"):
        result[part] = {HEADINGS[what]: [_change_json(c) for c in diff.of(what, part)]
                        for what in MARK}
    if health is not None:
        result["health"] = {
            "score": {"before": health.before.health.score,
                      "after": health.after.health.score},
            "new_findings": [finding_to_json(f) for f in health.came],
            "findings_gone": [finding_to_json(f) for f in health.went],
            "blocks": [_share_json(s) for s in health.blocks],
            "kinds": {block: [_share_json(s) for s in kinds]
                      for block, kinds in health.kinds.items()},
        }
    return result


def _change_json(change: Change) -> dict:
    record: dict[str, Any] = {"id": change.id, "label": change.label}
    if change.fields:
        record["fields"] = [{"field": f.field, "before": _plain(f.before),
                             "after": _plain(f.after)} for f in change.fields]
    return record


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return dict(value) if hasattr(value, "items") else value


def _share_json(share: ShareChange) -> dict:
    return {"name": share.name, "count_before": share.count_before,
            "count_after": share.count_after, "share_before": round(share.share_before, 4),
            "share_after": round(share.share_after, 4)}
