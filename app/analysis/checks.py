"""Run every check on a map and put the results together (``analyze``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.analysis import connectivity, coverage, dominance, growth, people
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
    "single_point_of_failure", "key_person", "missing_block", "informal_gap", "growth",
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
        health=health(findings, len(data.nodes), len(data.edges)),
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
    """Every finding, told once: what one root cause explains is folded into its story (the
    tools that deliver a cane toad, what a key person's loss would cut off). Most severe
    first, then by check and the nodes concerned."""
    loss_of = {loss.node: loss for loss in connectivity.losses(eco) if loss.matters}
    toad_stories = dominance.cane_toad(eco, shares)
    key_people = people.key_person(eco, loss_of)
    told = {c for f in toad_stories for c in f.metrics.get("carried_by", ())}
    told |= {f.subject.removeprefix("node:") for f in key_people}
    weak = [connectivity.weak_point(eco, flow, loss) for node, loss in loss_of.items()
            if node not in told]
    findings = [*toad_stories, *connectivity.isolated(eco), *connectivity.island(eco),
                *connectivity.unreached(eco), *weak, *key_people,
                *coverage.missing_block(eco), *coverage.informal_gap(eco),
                *growth.growth(eco)]
    return tuple(sorted(findings, key=finding_order))
