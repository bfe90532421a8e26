"""The analysis as a plain-text report for the terminal (``ecomap analyze MAP``)."""

from __future__ import annotations

from collections.abc import Sequence

from app.analysis.records import Analysis, Finding, Mix, NodeRef, WhatIf
from app.analysis.words import kind_noun, percent, plural

WIDTH_NODES = 8  # how many nodes of a finding are listed before "… and N more"


def report(analysis: Analysis, category_names: dict[str, str] | None = None) -> str:
    """Score and deductions, the balance table, then every finding with what to do."""
    names = category_names or {}
    lines = [f"{analysis.map_name} — {plural(analysis.node_count, 'node')}, "
             f"{plural(analysis.edge_count, 'connection')}", ""]
    lines += health_lines(analysis)
    lines += balance_lines(analysis.balance.categories, analysis.balance.kinds, names)
    lines += findings_lines(analysis.findings)
    lines += [f"Note: {note}" for note in analysis.notes]
    return "\n".join(lines).rstrip() + "\n"


def health_lines(analysis: Analysis) -> list[str]:
    lines = [f"Health score: {analysis.health.score}/100" if analysis.health.judged else
             f"Health score: not enough to judge yet ({analysis.health.score}/100 so far: "
             f"add a few more pieces and connect them)"]
    lines += [f"  {_points(d.points):<5}{d.check:<24} {d.reason}"
              for d in analysis.health.deductions]
    if not analysis.health.deductions:
        lines.append("  nothing taken off")
    return lines + [""]


def _points(points: int) -> str:
    return f"−{points}" if points else "0"


def balance_lines(mix: Mix, kinds: dict[str, Mix], names: dict[str, str]) -> list[str]:
    dominant = names.get(mix.dominant, mix.dominant) if mix.dominant else "none"
    lines = [
        "Balance of the building blocks",
        f"  diversity (Shannon H′) {mix.shannon:.2f} · evenness (Pielou J′) {mix.evenness:.2f}"
        f" · largest share (Berger–Parker d) {percent(mix.dominance)}: {dominant}",
        f"  {'block':<22}{'nodes':>6}{'share':>8}{'strength':>10}",
    ]
    for key, part in mix.parts.items():
        lines.append(f"  {names.get(key, key):<22}{part.count:>6}{percent(part.share):>8}"
                     f"{percent(part.strength_share):>10}")
    for key, inside in kinds.items():
        listed = ", ".join(f"{kind_noun(k)} {p.count}" for k, p in inside.parts.items())
        lines.append(f"    {names.get(key, key)}: {listed}")
    return lines + [""]


def findings_lines(findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return ["No findings: nothing weakens this ecosystem by Ecomap's checks.", ""]
    lines = [f"Findings ({len(findings)})"]
    for finding in findings:
        lines += finding_lines(finding)
    return lines


def finding_lines(finding: Finding, indent: str = "  ") -> list[str]:
    lines = [f"{indent}[{finding.severity.upper()}] {finding.title}  ({finding.check})",
             f"{indent}    {finding.detail}"]
    if finding.nodes:
        lines.append(f"{indent}    Nodes: {node_list(finding.nodes)}")
    lines += [f"{indent}    What you could do: {finding.suggestion}", ""]
    return lines


def node_list(nodes: Sequence[NodeRef]) -> str:
    shown = [f"{n.label} ({n.id})" for n in nodes[:WIDTH_NODES]]
    more = len(nodes) - len(shown)
    return ", ".join(shown) + (f" … and {more} more" if more else "")


def what_if_report(result: WhatIf) -> str:
    """What the ecosystem would lose without the removed nodes."""
    gone = ", ".join(f"“{n.label}”" for n in result.removed)
    change = result.score_change
    lines = [f"What if {gone} {'were' if len(result.removed) == 1 else 'were all'} gone?",
             f"  Health score: {result.before.health.score} → {result.score_after} "
             f"({'+' if change > 0 else '−' if change < 0 else '±'}{abs(change)})"]
    lines += _losses("Cut off from the people", result.cut_off_from_people)
    lines += _losses("Learner groups left with nothing to learn from",
                     result.learners_left_without_content)
    lines += _losses("Content and processes left with nobody behind them",
                     result.left_without_anyone)
    if result.new_findings:
        lines.append("  New findings:")
        for finding in result.new_findings:
            lines += finding_lines(finding, indent="    ")
    else:
        lines.append("  No new findings.")
    return "\n".join(lines).rstrip() + "\n"


def _losses(heading: str, nodes: Sequence[NodeRef]) -> list[str]:
    return [f"  {heading}: {node_list(nodes) if nodes else 'none'}"]
