"""Run every check on a map and put the results together (``analyze``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.analysis import connectivity, coverage, dominance
from app.analysis.balance import balance
from app.analysis.ecosystem import Ecosystem
from app.analysis.flow import Flow, betweenness
from app.analysis.records import Analysis, Balance, Finding, finding_order
from app.analysis.score import health
from app.analysis.words import plural
from app.domain import MapData
from app.thresholds import resolve_thresholds

# The checks in the order design.md lists them; each takes the prepared map.
CHECKS: tuple[str, ...] = (
    "cane_toad", "isolated", "island", "unreached", "overdominant",
    "single_point_of_failure", "missing_block", "informal_gap",
)


def analyze(data: MapData, thresholds: Mapping[str, Any] | None = None) -> Analysis:
    """Examine a map snapshot for what weakens it. Pure: safe to run in a worker thread.

    ``thresholds`` override the map's own ``settings.thresholds``, which override the defaults
    (see ``app.thresholds``); an unknown name or a wrong value raises ``BadInput``.
    """
    eco = Ecosystem(data, resolve_thresholds(data.settings, thresholds))
    shares = balance(eco)
    flow = measure_flow(eco)
    findings = run_checks(eco, shares, flow)
    notes = ()
    if flow.estimated:
        notes = (f"How much flows through each piece was estimated from a sample of "
                 f"{plural(flow.sample_size, 'piece')}, to keep a map this large quick.",)
    return Analysis(
        map_name=data.name,
        node_count=len(data.nodes),
        edge_count=len(data.edges),
        health=health(findings, len(data.nodes)),
        balance=shares,
        findings=findings,
        estimated=flow.estimated,
        notes=notes,
    )


def measure_flow(eco: Ecosystem) -> Flow:
    index = {node_id: i for i, node_id in enumerate(eco.nodes)}
    pairs = [(index[a], index[b]) for a, b in eco.graph.edges()]
    return betweenness(list(eco.nodes), pairs)


def run_checks(eco: Ecosystem, shares: Balance, flow: Flow) -> tuple[Finding, ...]:
    """Every finding, most severe first, then by check and the nodes concerned."""
    runs: dict[str, Callable[[], list[Finding]]] = {
        "cane_toad": lambda: dominance.cane_toad(eco, shares),
        "isolated": lambda: connectivity.isolated(eco),
        "island": lambda: connectivity.island(eco),
        "unreached": lambda: connectivity.unreached(eco),
        "overdominant": lambda: dominance.overdominant(eco, flow),
        "single_point_of_failure": lambda: connectivity.single_point_of_failure(eco),
        "missing_block": lambda: coverage.missing_block(eco),
        "informal_gap": lambda: coverage.informal_gap(eco),
    }
    findings = [finding for check in CHECKS for finding in runs[check]()]
    return tuple(sorted(findings, key=finding_order))
