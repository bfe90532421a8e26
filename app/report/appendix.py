"""The report's appendices: every piece of the map by name (numbered, so a picture too crowded
for a name can show the number), and how the checks work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from app.analysis.records import Analysis
from app.domain import Category, MapData, Node, default_category
from app.report import explain
from app.report.blocks import Block, Column, Table, table

MAX_ROWS = 1000  # past this the list would be a phone book, not an appendix
PIECE_COLUMNS = (Column("No.", 0.06, numeric=True), Column("Piece", 0.35),
                 Column("Block", 0.12), Column("Kind", 0.15),
                 Column("Links", 0.06, numeric=True), Column("What the checks found", 0.26))


@dataclass(frozen=True)
class Pieces:
    table: Table
    numbers: Mapping[str, int]  # node id → its number; empty when not every piece is listed


def pieces_table(data: MapData, analysis: Analysis, categories: list[Category]) -> Pieces:
    """Appendix A: the pieces by block and name, with what the checks found about each. A map
    too large to list whole lists the pieces the findings name and the most connected."""
    degrees = Counter()
    for edge in data.edges:
        degrees[edge.source] += 1
        degrees[edge.target] += 1
    listed = _listed(data, analysis, degrees)
    order = {c.key: i for i, c in enumerate(categories)}
    listed.sort(key=lambda n: (order.get(n.category, len(order)), n.label.lower(), n.id))
    names = {c.key: c for c in categories}
    roles = explain.node_roles(analysis)
    mean = 2 * len(data.edges) / len(data.nodes) if data.nodes else 0.0
    rows = tuple(_row(i, node, names, degrees[node.id],
                      roles.get(node.id) or [explain.degree_role(degrees[node.id], mean)])
                 for i, node in enumerate(listed, start=1))
    whole = len(listed) == len(data.nodes)
    heading = ("<h2>Appendix A · Every piece of the map</h2><p class='muted'>By building block "
               "and name. Links counts a piece's connections; the last column says what the "
               "checks found, or else how connected the piece is.</p>")
    note = "" if whole else (
        f"<p class='muted'>The map has {len(data.nodes):,} pieces: listed here are the "
        f"{len(listed):,} the findings name or that have the most connections.</p>")
    numbers = {node.id: i for i, node in enumerate(listed, start=1)} if whole else {}
    return Pieces(Table(heading, PIECE_COLUMNS, rows, note), numbers)


def _listed(data: MapData, analysis: Analysis, degrees: Counter) -> list[Node]:
    if len(data.nodes) <= MAX_ROWS:
        return list(data.nodes)
    named = {n.id for f in analysis.findings for n in f.nodes}
    ranked = sorted(data.nodes, key=lambda n: (n.id not in named, -degrees[n.id], n.id))
    return ranked[:MAX_ROWS]


def _row(number: int, node: Node, categories: Mapping[str, Category], degree: int,
         roles: Sequence[str]) -> tuple[str, ...]:
    category = categories.get(node.category) or default_category(node.category)
    kind = node.kind + (" · informal" if node.informal else "")
    return (str(number), node.label, category.name, kind, str(degree), ", ".join(roles))


def how_the_checks_work(thresholds: Mapping[str, float | int], notes: Sequence[str]) -> Block:
    """Appendix B: what each check looks for, with this map's thresholds, and the score."""
    rows = "".join(f"<tr><td><b>{explain.check_name(check)}</b></td><td>{escape(finds)}</td>"
                   f"<td>{escape(rule)}</td></tr>"
                   for check, finds, rule in explain.check_rules(thresholds))
    parts = ["<h2>Appendix B · How the checks work</h2>",
             "<p>Every check runs on the map as it is; the thresholds below are this map's own "
             "(a map can change them in its settings).</p>",
             table(("check", "what it finds", "when it speaks up"), rows, (19, 33, 48)),
             "<h3 style='margin-top: 16px'>The health score</h3>",
             f"<p>{escape(explain.SCORE_RULE)}</p>"]
    parts += [f"<p class='muted'>Note: {escape(note)}</p>" for note in notes]
    return Block("".join(parts), new_page=True)
