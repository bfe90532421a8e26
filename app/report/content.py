"""The health report's content as HTML: title page, balance, findings, all nodes, the appendix.

One source serves both outputs: ``ui`` lays the same HTML out on PDF pages (with the map drawn
as vector between the title page and the rest), and ``html_page`` makes it one self-contained
web page. Pictures of the map come from ``ui`` as PNG bytes, since ``app`` never draws.
"""

from __future__ import annotations

import base64
import struct
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from html import escape

from app.analysis.records import Analysis, Finding
from app.analysis.text import node_list
from app.analysis.words import percent, plural
from app.domain import Category, MapData, default_category
from app.report import explain
from app.report.charts import HATCHES, balance_chart
from app.thresholds import resolve_thresholds

MAP_PICTURE, CHART_PICTURE = "map.png", "balance.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_TABLE_ROWS = 1500  # past this the table would be a phone book, not a report
STYLE = """
body { font-family: 'Atkinson Hyperlegible', sans-serif; font-size: 13px; color: #1C2026; }
h1 { font-size: 30px; margin-bottom: 4px; }
h2 { font-size: 20px; margin-top: 18px; margin-bottom: 6px; }
h2.chapter { page-break-before: always; }
h3 { font-size: 15px; margin-top: 16px; margin-bottom: 4px; }
p { margin-top: 3px; margin-bottom: 5px; }
.muted { color: #4A525C; }
.score { font-size: 44px; font-weight: bold; }
th { background-color: #E4E7EB; text-align: left; }
"""


@dataclass(frozen=True)
class Pictures:
    """What ``ui`` drew for the report: the whole map and, by finding index, its part."""

    map_png: bytes = b""
    findings: Mapping[int, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """The report ready to lay out: HTML before and after the map page, and its images."""

    title: str
    front: str
    body: str
    images: Mapping[str, bytes]


def finding_picture(index: int) -> str:
    return f"finding-{index}.png"


def build_report(data: MapData, analysis: Analysis, pictures: Pictures,
                 today: date | None = None) -> Report:
    """The report of ``data`` from its ``analysis`` and the pictures ``ui`` drew."""
    categories = ordered_categories(data)
    thresholds = resolve_thresholds(data.settings)
    images = {CHART_PICTURE: balance_chart(analysis.balance.categories, categories,
                                           float(thresholds["dominance_share"]))}
    images[MAP_PICTURE] = pictures.map_png
    images.update({finding_picture(i): png for i, png in pictures.findings.items()})
    front = title_page(data, analysis, today or date.today())
    body = "".join([balance_section(analysis, categories), findings_section(analysis, pictures),
                    nodes_section(data, analysis, categories), appendix(thresholds)])
    # The body follows the map page: its first chapter starts that new page by itself.
    body = body.replace("<h2 class='chapter'>", "<h2>", 1)
    return Report(f"{data.name} — health report", front, body, images)


def ordered_categories(data: MapData) -> list[Category]:
    extra = sorted({n.category for n in data.nodes} - {c.key for c in data.categories})
    return list(data.categories) + [default_category(key) for key in extra]


# --- the title page ------------------------------------------------------------------------------


def title_page(data: MapData, analysis: Analysis, today: date) -> str:
    parts = [f"<h1>{escape(data.name)}</h1>",
             f"<p class='muted'>Learning-ecosystem health report · {today.day} "
             f"{today:%B %Y} · {plural(analysis.node_count, 'node')}, "
             f"{plural(analysis.edge_count, 'connection')}</p>"]
    if data.description:
        parts.append(f"<p>{escape(data.description)}</p>")
    parts += [_goals(data), _score(analysis), _deductions(analysis), _contents(analysis)]
    parts += [f"<p class='muted'>Note: {escape(note)}</p>" for note in analysis.notes]
    return "".join(parts)


def _goals(data: MapData) -> str:
    if not data.goals:
        return "<h2>Goals</h2><p class='muted'>No goals are recorded on this map.</p>"
    return "<h2>Goals</h2><ul>" + "".join(f"<li>{escape(g)}</li>" for g in data.goals) + "</ul>"


def _score(analysis: Analysis) -> str:
    counts = Counter(f.severity for f in analysis.findings)
    found = ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low") if counts[s])
    summary = (f"{plural(len(analysis.findings), 'finding')}: {found}" if found
               else "no findings: nothing weakens this ecosystem by Ecomap's checks")
    return (f"<h2>Health score</h2><table cellpadding='4'><tr>"
            f"<td><span class='score'>{analysis.health.score}</span> / 100</td>"
            f"<td valign='middle'>&nbsp;&nbsp;{verdict(analysis.health.score)}; "
            f"{summary}.</td></tr></table>")


def verdict(score: int) -> str:
    if score >= 85:
        return "A healthy ecosystem"
    if score >= 60:
        return "A workable ecosystem with weak spots"
    return "An ecosystem that needs attention"


def _deductions(analysis: Analysis) -> str:
    if not analysis.health.deductions:
        return "<p>Nothing was taken off the score.</p>"
    rows = "".join(f"<tr><td align='right'><b>{_minus(d.points)}</b></td><td>"
                   f"{escape(check_name(d.check))}</td><td>{escape(d.reason)}</td></tr>"
                   for d in analysis.health.deductions)
    return ("<h3>What took points off</h3>" + table(("points", "check", "why"), rows))


def _minus(points: int) -> str:
    return f"−{points}" if points else "0"


def check_name(check: str) -> str:
    return check.replace("_", " ")


def _contents(analysis: Analysis) -> str:
    entries = ["The map", "Balance of the building blocks",
               f"Findings ({len(analysis.findings)})", "All nodes by building block",
               "How the checks work"]
    return "<h3>In this report</h3><ol>" + "".join(f"<li>{e}</li>" for e in entries) + "</ol>"


def table(headings, rows: str) -> str:
    head = "".join(f"<th>{h}</th>" for h in headings)
    # <thead>: a table that runs over pages repeats its headings on each.
    return (f"<table width='100%' cellspacing='0' cellpadding='4' border='1' "
            f"style='border-collapse: collapse; border-color: #9AA1AA'>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


# --- balance ---------------------------------------------------------------------------------------


def balance_section(analysis: Analysis, categories: list[Category]) -> str:
    mix = analysis.balance.categories
    names = {c.key: c.name for c in categories}
    parts = ["<h2 class='chapter'>Balance of the building blocks</h2>",
             "<p>Ecomap measures balance the way ecologists measure a community: how the map's "
             "nodes (and the strength of their connections) are shared among its blocks. "
             "Each block has its own colour and hatching.</p>",
             f"<p><img src='{CHART_PICTURE}' width='660'></p>"]
    parts += [f"<p><b>{escape(name)}.</b> {escape(sentence)}</p>"
              for name, sentence in explain.index_sentences(mix, names)]
    rows = "".join(_balance_row(i, c, analysis) for i, c in enumerate(categories))
    parts.append(table(("block", "nodes", "share", "strength", "kinds inside"), rows))
    return "".join(parts)


def _balance_row(index: int, category: Category, analysis: Analysis) -> str:
    part = analysis.balance.categories.parts.get(category.key)
    count, share, strength = (part.count, part.share, part.strength_share) if part else (0, 0, 0)
    kinds = analysis.balance.kinds.get(category.key)
    inside = ", ".join(f"{escape(k or '(no kind)')} {p.count}"
                       for k, p in kinds.parts.items()) if kinds else ""
    hatch = {"": "plain"}.get(HATCHES[index % len(HATCHES)], "hatched")
    return (f"<tr><td>{swatch(category)} {escape(category.name)}<br>"
            f"<span class='muted'>{category.shape}, {hatch}</span></td>"
            f"<td align='right'>{count}</td><td align='right'>{percent(share)}</td>"
            f"<td align='right'>{percent(strength)}</td><td>{inside}</td></tr>")


def swatch(category: Category) -> str:
    return f"<span style='background-color: {category.color}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"


# --- findings --------------------------------------------------------------------------------------


def findings_section(analysis: Analysis, pictures: Pictures) -> str:
    parts = [f"<h2 class='chapter'>Findings ({len(analysis.findings)})</h2>"]
    if not analysis.findings:
        parts.append("<p>No findings: nothing weakens this ecosystem by Ecomap's checks. "
                     "The appendix says what each check looks for.</p>")
    else:
        parts.append("<p>Most severe first. In each picture the nodes a finding concerns are "
                     "shown at full strength and their surroundings dimmed.</p>")
    parts += [finding_block(i, f, pictures.findings.get(i))
              for i, f in enumerate(analysis.findings)]
    return "".join(parts)


def finding_block(index: int, finding: Finding, picture: bytes | None) -> str:
    parts = [f"<h3>{index + 1}. [{finding.severity.upper()}] {escape(finding.title)}</h3>",
             f"<p class='muted'>Check: {check_name(finding.check)}</p>",
             f"<p>{escape(finding.detail)}</p>",
             f"<p><b>What you could do:</b> {escape(finding.suggestion)}</p>"]
    if finding.nodes:
        parts.append(f"<p class='muted'>Concerns: {escape(node_list(finding.nodes))}</p>")
    if picture:
        parts.append(f"<p><img src='{finding_picture(index)}' "
                     f"width='{picture_width(picture)}'></p>")
    return "".join(parts)


def picture_width(png: bytes) -> int:
    """How wide a finding's picture is shown: wide pictures (a big neighbourhood) get the whole
    text width so their labels stay legible; small ones two thirds of it."""
    width = struct.unpack(">I", png[16:20])[0] if png[:8] == PNG_SIGNATURE else 0
    return 660 if width > 1300 else 440


# --- all nodes and the appendix --------------------------------------------------------------------


def nodes_section(data: MapData, analysis: Analysis, categories: list[Category]) -> str:
    degrees = Counter()
    for edge in data.edges:
        degrees[edge.source] += 1
        degrees[edge.target] += 1
    mean = 2 * len(data.edges) / len(data.nodes) if data.nodes else 0.0
    roles = explain.node_roles(analysis)
    order = {c.key: i for i, c in enumerate(categories)}
    nodes = sorted(data.nodes, key=lambda n: (order.get(n.category, 99), n.label.lower()))
    names = {c.key: c for c in categories}
    rows = "".join(_node_row(n, names, degrees[n.id], roles.get(n.id)
                             or [explain.degree_role(degrees[n.id], mean)])
                   for n in nodes[:MAX_TABLE_ROWS])
    more = len(nodes) - MAX_TABLE_ROWS
    note = f"<p class='muted'>… and {more:,} more nodes, not listed here.</p>" if more > 0 else ""
    return ("<h2 class='chapter'>All nodes by building block</h2>"
            "<p>Degree is the number of connections. Role is what the checks found, or else "
            "how connected the node is. Informal learning is marked “informal”.</p>"
            + table(("block", "node", "kind", "degree", "role"), rows) + note)


def _node_row(node, categories: dict, degree: int, roles: list[str]) -> str:
    category = categories.get(node.category) or default_category(node.category)
    kind = escape(node.kind) + (" · informal" if node.informal else "")
    return (f"<tr><td>{swatch(category)} {escape(category.name)}</td><td>{escape(node.label)}"
            f"</td><td>{kind}</td><td align='right'>{degree}</td>"
            f"<td>{escape(', '.join(roles))}</td></tr>")


def appendix(thresholds: Mapping[str, float | int]) -> str:
    rows = "".join(f"<tr><td><b>{check_name(check)}</b></td><td>{escape(finds)}</td>"
                   f"<td>{escape(rule)}</td></tr>"
                   for check, finds, rule in explain.check_rules(thresholds))
    return ("<h2 class='chapter'>How the checks work</h2>"
            "<p>Every check runs on the map as it is; the thresholds below are this map's own "
            "(a map can change them in its settings).</p>"
            + table(("check", "what it finds", "when it speaks up"), rows)
            + f"<h3>The health score</h3><p>{escape(explain.SCORE_RULE)}</p>")


# --- one web page ----------------------------------------------------------------------------------


def html_page(report: Report) -> str:
    """The whole report as one self-contained web page (every image embedded)."""
    page = (f"{report.front}<h2 class='chapter'>The map</h2>"
            f"<p><img src='{MAP_PICTURE}' style='max-width: 100%'></p>{report.body}")
    for name, png in report.images.items():
        uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        page = page.replace(f"src='{name}'", f"src='{uri}'")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{escape(report.title)}</title><style>{STYLE}"
            f"body {{ max-width: 60em; margin: 2em auto; padding: 0 1em; }}</style></head>"
            f"<body>{page}</body></html>\n")
