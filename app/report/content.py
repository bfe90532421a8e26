"""The health report's content: what a manager reads in five minutes, as blocks to lay out.

Page 1 says what matters: the score with a one-line verdict, the three things to act on first
and a picture of the whole map. Then each finding whole, with a picture of its part of the map;
how the score was reached and the balance of the blocks; and two appendices, every piece of the
map by name and how the checks work. ``ui`` lays the blocks out on pages (never splitting one)
and draws the pictures described here; ``app.report.web`` joins them into one web page. Nothing
a manager reads shows an internal id: pieces are named by their labels.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from datetime import date
from html import escape

from app.analysis.records import Analysis, Finding, NodeRef
from app.analysis.words import plural
from app.domain import Category, MapData, default_category
from app.report import appendix, explain
from app.report.blocks import (
    CHART_PICTURE,
    PAGE_REF,
    SEVERITY_COLOURS,
    Block,
    MapPicture,
    Report,
    swatch,
    table,
)
from app.report.charts import HATCHES, balance_chart
from app.report.focus import focus_nodes
from app.report.history import DIFF_PICTURE, changes_since
from app.thresholds import resolve_thresholds

FIRST_ACTIONS = 3
CONCERNS_LISTED = 8


def build_report(data: MapData, analysis: Analysis, today: date | None = None,
                 since: str | None = None) -> Report:
    """The report of ``data`` from its ``analysis``; with snapshots, what changed since the
    one called ``since`` (the latest if None)."""
    categories = ordered_categories(data)
    thresholds = resolve_thresholds(data.settings)
    images = {CHART_PICTURE: balance_chart(analysis.balance.categories, categories,
                                           float(thresholds["dominance_share"]))}
    pieces = appendix.pieces_table(data, analysis, categories)
    changed = changes_since(data, analysis, since)
    if changed is not None and changed[1] is not None:
        images[DIFF_PICTURE] = changed[1]
    blocks = [summary(data, analysis, today or date.today(), bool(pieces.numbers)),
              *findings(data, analysis), score_and_goals(data, analysis),
              balance(analysis, categories), *([changed[0]] if changed else []), pieces.table,
              appendix.how_the_checks_work(thresholds, analysis.notes)]
    return Report(f"{data.name} — health report", tuple(blocks), images, pieces.numbers)


def ordered_categories(data: MapData) -> list[Category]:
    extra = sorted({n.category for n in data.nodes} - {c.key for c in data.categories})
    return list(data.categories) + [default_category(key) for key in extra]


# --- page 1: what matters ------------------------------------------------------------------------


def summary(data: MapData, analysis: Analysis, today: date, numbered: bool) -> Block:
    """The score and its verdict, the three things to act on first, the whole map."""
    parts = [f"<h1>{escape(data.name)}</h1>",
             f"<p class='muted'>Learning-ecosystem health report · {today.day} {today:%B %Y}"
             f" · {counted(analysis.node_count, 'piece')} · "
             f"{counted(analysis.edge_count, 'connection')}</p>"]
    if data.description:
        parts.append(f"<p>{escape(data.description)}</p>")
    parts += [_score(analysis), _first_actions(analysis.findings)]
    first = named_in_turn(analysis.findings)
    caption = (f"The whole map: {counted(analysis.node_count, 'piece')} in "
               f"{plural(len(analysis.balance.categories.parts), 'building block')}.")
    if numbered:
        caption += " Where a name does not fit, the piece shows its number in Appendix A."
    return Block("".join(parts), MapPicture(first=first, height=1.0, legend=True),
                 f"<p class='muted'>{caption}</p>")


def counted(count: int, word: str) -> str:
    """counted(10000, "piece") → "10,000 pieces"."""
    return f"{count:,} {word if count == 1 else word + 's'}"


def named_in_turn(found: Sequence[Finding]) -> tuple[str, ...]:
    """The findings' pieces taking turns, most serious finding first: where not every name
    fits, the person or tool each finding is about is named before the twentieth lecture deck."""
    turns = itertools.zip_longest(*(f.node_ids for f in found))
    return tuple(dict.fromkeys(node_id for turn in turns for node_id in turn if node_id))


def verdict(score: int) -> str:
    if score >= 85:
        return "A healthy ecosystem"
    if score >= 60:
        return "A workable ecosystem with weak spots"
    return "An ecosystem that needs attention"


def _score(analysis: Analysis) -> str:
    counts = Counter(f.severity for f in analysis.findings)
    found = ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low") if counts[s])
    line = (f"{plural(len(analysis.findings), 'finding')}: {found}" if found
            else "no check found anything that weakens it")
    if not analysis.health.judged:
        return ("<p><span class='verdict'>Not enough to judge yet</span><br>"
                f"<span class='muted'>The map is still being started: the score waits until "
                f"it has a few pieces connected to each other · {line}</span></p>")
    return ("<table cellpadding='0' cellspacing='0'><tr>"
            f"<td valign='middle'><span class='score'>{analysis.health.score}</span>"
            "<span class='muted'>&nbsp;/&nbsp;100&nbsp;&nbsp;&nbsp;</span></td>"
            f"<td valign='middle'><span class='verdict'>{verdict(analysis.health.score)}"
            f"</span><br><span class='muted'>Health score · {line}</span></td></tr></table>")


def _first_actions(found: Sequence[Finding]) -> str:
    if not found:
        return ("<h2>Nothing to act on</h2><p>No check found a weakness. Keep the map up to date "
                "and look again after the next change.</p>")
    heading = "Act on this first" if len(found) == 1 else "Act on these first"
    items = "".join(f"<li><b>{escape(f.title)}</b><br>{escape(f.suggestion)} "
                    f"<span class='muted'>(details {PAGE_REF.format(anchor(i))})</span></li>"
                    for i, f in enumerate(found[:FIRST_ACTIONS]))
    return f"<h2>{heading}</h2><ol>{items}</ol>"


def anchor(index: int) -> str:
    return f"finding-{index + 1}"


# --- the findings ----------------------------------------------------------------------------------


def findings(data: MapData, analysis: Analysis) -> list[Block]:
    """One block per finding, the section's heading on the first (so it never stands alone)."""
    heading = (f"<h2>What Ecomap found ({len(analysis.findings)})</h2>"
               "<p class='muted'>Most serious first. In each picture the pieces a finding is "
               "about are in full colour and their surroundings faded.</p>")
    if not analysis.findings:
        return []  # said where the score is explained: a page of one sentence helps nobody
    blocks = [finding_block(data, i, f) for i, f in enumerate(analysis.findings)]
    first = blocks[0]
    blocks[0] = Block(heading + first.html, first.picture, first.caption, True, first.anchor)
    return blocks


def finding_block(data: MapData, index: int, finding: Finding) -> Block:
    """A finding whole: what it is, what it means, what to do, whom it concerns, and a picture
    of its pieces among their neighbours."""
    parts = [f"<h3>{index + 1}. {escape(finding.title)}</h3>",
             f"<p>{severity_chip(finding.severity)}&nbsp; <span class='muted'>"
             f"{escape(explain.check_name(finding.check))}</span></p>",
             f"<p>{escape(finding.detail)}</p>",
             f"<p><b>What you could do:</b> {escape(finding.suggestion)}</p>"]
    picture = None
    if finding.nodes:
        parts.append(f"<p class='muted'>Concerns: {escape(concerns(finding.nodes))}</p>")
        named = frozenset(finding.node_ids)
        picture = MapPicture(part=frozenset(focus_nodes(data, named)), emphasised=named,
                             first=finding.node_ids)
    return Block("".join(parts), picture, anchor=anchor(index))


def severity_chip(severity: str) -> str:
    back, ink = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["low"])
    return (f"<span style='background-color: {back}; color: {ink}; font-weight: bold'>"
            f"&nbsp;{severity.upper()}&nbsp;</span>")


def concerns(nodes: Sequence[NodeRef], limit: int = CONCERNS_LISTED) -> str:
    """The pieces a finding concerns by name (never by id), the first ``limit`` of them."""
    shown = " · ".join(n.label for n in nodes[:limit])
    rest = len(nodes) - limit
    return f"{shown} … and {rest} more" if rest > 0 else shown


# --- the score, the goals and the balance ----------------------------------------------------------


def score_and_goals(data: MapData, analysis: Analysis) -> Block:
    parts = [] if analysis.findings else [
        "<h2>What Ecomap found</h2><p>No check found anything that weakens this ecosystem. "
        "Appendix B says what each check looks for.</p>"]
    parts += ["<h2 style='margin-top: 16px'>How the score was reached</h2>",
             f"<p>The score starts at 100; each finding takes points off. This map scores "
             f"<b>{analysis.health.score}</b>.</p>"]
    if analysis.health.deductions:
        rows = "".join(f"<tr><td align='right'><b>{_minus(d.points)}</b></td>"
                       f"<td>{escape(explain.check_name(d.check))}</td>"
                       f"<td>{escape(d.reason)}</td></tr>" for d in analysis.health.deductions)
        parts.append(table(("points", "check", "why"), rows, (11, 24, 65)))
    else:
        parts.append("<p>Nothing was taken off the score.</p>")
    parts.append("<h3 style='margin-top: 16px'>What this ecosystem is for</h3>")
    if data.goals:
        parts.append("<ul>" + "".join(f"<li>{escape(g)}</li>" for g in data.goals) + "</ul>")
    else:
        parts.append("<p class='muted'>No goals are recorded on this map.</p>")
    return Block("".join(parts), new_page=not analysis.findings)


def _minus(points: int) -> str:
    return f"−{points}" if points else "0"


def balance(analysis: Analysis, categories: list[Category]) -> Block:
    mix = analysis.balance.categories
    names = {c.key: c.name for c in categories}
    parts = ["<h2>Balance of the building blocks</h2>",
             "<p>How the map's pieces, and the strength of their connections, are shared among "
             "its blocks — measured the way ecologists measure a community.</p>",
             f"<p><img src='{CHART_PICTURE}' width='580'></p>"]
    parts += [f"<p><b>{escape(name)}.</b> {escape(sentence)}</p>"
              for name, sentence in explain.index_sentences(mix, names)]
    rows = "".join(_balance_row(i, c, analysis) for i, c in enumerate(categories))
    parts.append(table(("block", "pieces", "share", "strength", "kinds inside"), rows))
    return Block("".join(parts))


def _balance_row(index: int, category: Category, analysis: Analysis) -> str:
    part = analysis.balance.categories.parts.get(category.key)
    count, share, strength = (part.count, part.share, part.strength_share) if part else (0, 0, 0)
    kinds = analysis.balance.kinds.get(category.key)
    inside = ", ".join(f"{escape(k or '(no kind)')} {p.count}"
                       for k, p in kinds.parts.items()) if kinds else ""
    hatch = {"": "plain"}.get(HATCHES[index % len(HATCHES)], "hatched")
    return (f"<tr><td>{swatch(category)} {escape(category.name)}<br>"
            f"<span class='muted'>{category.shape}, {hatch}</span></td>"
            f"<td align='right'>{count}</td><td align='right'>{round(share * 100)}%</td>"
            f"<td align='right'>{round(strength * 100)}%</td><td>{inside}</td></tr>")
