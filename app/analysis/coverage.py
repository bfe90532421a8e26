"""What the map leaves out: empty building blocks and overlooked informal learning
(checks ``missing_block`` and ``informal_gap``)."""

from __future__ import annotations

from app.analysis.ecosystem import PEOPLE, Ecosystem
from app.analysis.records import Finding
from app.analysis.words import percent, plural
from app.domain import USUAL_KINDS

MISSING_BLOCK, INFORMAL_GAP = "missing_block", "informal_gap"


def missing_block(eco: Ecosystem) -> list[Finding]:
    """Declared building blocks with nothing in them, once the map has some substance."""
    if eco.size < eco.thresholds["missing_block_min_nodes"]:
        return []
    used = {node.category for node in eco.nodes.values()}
    return [_empty_block(eco, c.key, c.name) for c in eco.data.categories if c.key not in used]


def _empty_block(eco: Ecosystem, key: str, name: str) -> Finding:
    examples = ", ".join(k.lower() if not k[:2].isupper() else k
                         for k in USUAL_KINDS.get(key, ())[:3])
    what = f"for example {examples}" if examples else "the pieces that belong here"
    return Finding(
        check=MISSING_BLOCK,
        severity="medium" if key == PEOPLE else "low",  # a block not started yet, not damage
        title=f"The {name} block is empty",
        detail=(f"The map names {name} as one of its building blocks but has nothing in it "
                f"yet, among {plural(eco.size, 'piece')} elsewhere. An empty block is a part of "
                f"the ecosystem nobody is looking after."),
        suggestion=(f"Add what your organisation has here — {what} — or take the block off "
                    f"the map if it does not apply to you."),
        metrics={"category": key},
        subject=f"category:{key}",
    )


def informal_gap(eco: Ecosystem) -> list[Finding]:
    """No informal learning at all, or too little of it among the content and processes."""
    if not eco.learning:
        return []
    # Informal learning nobody is connected to is not learning anybody does.
    informal = sorted(i for i in eco.learning if eco.nodes[i].informal
                      and eco.graph.degree(i) > 0)
    share = len(informal) / len(eco.learning)
    if not any(node.informal and eco.graph.degree(i) > 0 for i, node in eco.nodes.items()):
        return [_no_informal(eco)]
    if share < eco.thresholds["informal_share"]:
        return [_little_informal(eco, informal, share)]
    return []


def _no_informal(eco: Ecosystem) -> Finding:
    return Finding(
        check=INFORMAL_GAP,
        severity="medium",
        title="Informal learning is missing from the map",
        detail=(f"None of the map's {plural(eco.size, 'piece')} connected to the rest is "
                f"informal learning — conversations with colleagues, communities, learning on "
                f"the job — though that is where much learning at work happens."),
        suggestion=("Ask a few learners where they really pick things up — colleagues, chat "
                    "channels, shadowing — and add those as informal pieces connected to the "
                    "people who use them."),
        metrics={"informal": 0, "content_and_processes": len(eco.learning), "share": 0.0},
        subject="informal:none",
    )


def _little_informal(eco: Ecosystem, informal: list[str], share: float) -> Finding:
    return Finding(
        check=INFORMAL_GAP,
        severity="low",
        title="Informal learning is barely on the map",
        detail=(f"Only {len(informal)} of the {len(eco.learning)} content pieces and processes "
                f"({percent(share)}) are informal learning; Ecomap looks for at least "
                f"{percent(eco.thresholds['informal_share'])}."),
        suggestion=("Add the communities, peer conversations and on-the-job practice your "
                    "people already rely on, and connect them to the formal offer they "
                    "support."),
        nodes=eco.refs(informal),
        metrics={"informal": len(informal), "content_and_processes": len(eco.learning),
                 "share": share, "threshold": eco.thresholds["informal_share"]},
        subject="informal:low",
    )
