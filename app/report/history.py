"""The report's "What changed since …" section, when the map keeps snapshots: the diff picture,
the score before → after, findings that came and went, shares before → after, and the pieces
and connections added, removed and changed (the first of each, so it stays readable)."""

from __future__ import annotations

from html import escape

from app.analysis.records import Analysis
from app.domain import MapData
from app.errors import BadInput
from app.history import diff as diffs
from app.history import snapshots
from app.history.diff_text import HEADINGS, change_line, summary
from app.history.lens import LENS
from app.report.blocks import Block, table
from app.report.diff_picture import diff_picture

DIFF_PICTURE = "changes.png"
LISTED = 12  # changes of each kind named in the report; the rest are counted


def changes_since(data: MapData, analysis: Analysis,
                  since: str | None) -> tuple[Block, bytes] | None:
    """The section and its picture, against the snapshot ``since`` (if None the latest, or
    the one before it when nothing has changed since the latest);
    None for a map without snapshots. ``data`` must have every piece placed."""
    if not data.snapshots:
        return None
    snapshot = snapshots.named(data, since) if since else snapshots.latest(data)
    when = snapshots.moment(snapshot.taken_at)
    title = f"<h2>What changed since “{escape(snapshot.name)}” ({when.day} {when:%B %Y})</h2>"
    try:
        before = _placed_like(snapshots.map_at(data, snapshot), data)
    except BadInput as problem:  # the rest of the report stands; this part says why not
        return Block(f"{title}<p>This cannot be said: {escape(str(problem))}.</p>"), None
    found = diffs.compare(before, data)
    kept = snapshots.in_order(data.snapshots)
    if since is None and found.unchanged and len(kept) > 1:
        # Just after a review nothing has changed since it: the section tells the quarter
        # before (the review before → now), not a page about nothing.
        return changes_since(data, analysis, kept[-2].name)
    health = diffs.compare_health(before, data, analysis)
    parts = [title, f"<p>{escape(summary(found))}</p>", _health(health),
             f"<p><img src='{DIFF_PICTURE}' width='580'></p>", _shares(health),
             _changes(found)]
    if snapshot.note:
        parts.insert(1, f"<p class='muted'>Note with the snapshot: {escape(snapshot.note)}</p>")
    return Block("".join(parts), new_page=True), diff_picture(found)


def _placed_like(before: MapData, now: MapData) -> MapData:
    """The earlier map with its pieces where they are now (gone ones where they were, or
    beside the map if they never had a place), so the picture compares like with like."""
    from dataclasses import replace

    placed = {n.id: (n.x, n.y) for n in now.nodes}
    right = max((x for x, _y in placed.values()), default=0.0) + 200
    nodes, spare = [], 0
    for node in before.nodes:
        if node.id in placed:
            nodes.append(node.at(*placed[node.id]))
        elif node.has_position:
            nodes.append(node)
        else:
            nodes.append(node.at(right, spare * 120.0))
            spare += 1
    return replace(before, nodes=tuple(nodes))


def _health(health: diffs.HealthDiff) -> str:
    was, now = health.before.health.score, health.after.health.score
    move = "rose" if now > was else "fell" if now < was else "stayed"
    parts = [f"<p><b>Health {was} → {now}</b> (the score {move}"
             f"{'' if now == was else f' by {abs(now - was)}'}).</p>"]
    for heading, found in (("New findings", health.came), ("Findings gone", health.went)):
        if found:
            items = "".join(f"<li>{escape(f.title)}</li>" for f in found)
            parts.append(f"<p><b>{heading}:</b></p><ul>{items}</ul>")
    return "".join(parts)


def _shares(health: diffs.HealthDiff) -> str:
    rows = "".join(f"<tr><td>{escape(s.name)}</td><td align='right'>{s.count_before} → "
                   f"{s.count_after}</td><td align='right'>{round(s.share_before * 100)}% → "
                   f"{round(s.share_after * 100)}%</td></tr>" for s in health.blocks)
    return "<h3>Building blocks before → after</h3>" + table(("block", "pieces", "share"), rows,
                                                            (40, 30, 30))


def _changes(found: diffs.Diff) -> str:
    parts = []
    for part, word in (("nodes", "Pieces"), ("edges", "Connections")):
        for what in LENS:
            changes = found.of(what, part)
            if not changes:
                continue
            items = "".join(f"<li>{escape(change_line(c, found))}</li>"
                            for c in changes[:LISTED])
            more = (f"<li class='muted'>… and {len(changes) - LISTED} more</li>"
                    if len(changes) > LISTED else "")
            parts.append(f"<p><b>{word} {HEADINGS[what]} ({len(changes)})</b></p>"
                         f"<ul>{items}{more}</ul>")
    return "".join(parts)
