"""The picture of a diff for the report: the later map faded, with added pieces ringed twice,
changed ones ringed with dashes and removed ones hatched where they were (the lens of the
compare view), each marked + ~ −, in the Okabe–Ito colours and patterns that read in grayscale.

Uses matplotlib's Agg canvas directly (never pyplot): no GUI backend, no Qt.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from app.history.diff import ADDED, CHANGED, REMOVED, Diff
from app.history.lens import LENS
from app.report.charts import INK, chart_font

MARKERS = {"circle": "o", "square": "s", "triangle": "^", "hexagon": "h", "diamond": "D",
           "octagon": "8", "pentagon": "p", "star": "*"}
FADED = "#C9CED6"
MOST_MARKS = 150  # "+ ~ −" beside each change up to this many; beyond, the rings say it
MOST_NAMED = 30  # and the labels of the pieces changed, up to this many
LINES = {ADDED: "-", CHANGED: "--", REMOVED: ":"}


def diff_picture(diff: Diff, width: float = 7.4, height: float = 4.6) -> bytes:
    """A PNG of ``diff``; every piece of both states must have a position."""
    figure = Figure(figsize=(width, height), dpi=170)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.01, 0.1, 0.98, 0.89))
    where = {n.id: (n.x, n.y) for n in diff.before.nodes if n.has_position}
    where.update({n.id: (n.x, n.y) for n in diff.after.nodes if n.has_position})
    _connections(ax, diff, where)
    _pieces(ax, diff, where)
    _marks(ax, diff, where)
    ax.set_aspect("equal", adjustable="datalim")
    ax.invert_yaxis()  # maps are drawn with y growing downwards
    ax.axis("off")
    _legend(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()


def _connections(ax, diff: Diff, where: dict) -> None:
    ends = {e.id: (e.source, e.target) for e in (*diff.before.edges, *diff.after.edges)}
    changed = {c.id for c in diff.edges}
    plain = [(where[e.source], where[e.target]) for e in diff.after.edges
             if e.id not in changed and e.source in where and e.target in where]
    ax.add_collection(LineCollection(plain, colors=FADED, linewidths=0.6, zorder=1))
    for what in (REMOVED, CHANGED, ADDED):
        lines = [(where[a], where[b]) for a, b in (ends[c.id] for c in diff.of(what, "edges"))
                 if a in where and b in where]
        if lines:
            ax.add_collection(LineCollection(lines, colors=LENS[what].color, linewidths=1.6,
                                             linestyles=LINES[what], zorder=2))


def _pieces(ax, diff: Diff, where: dict) -> None:
    blocks = {c.key: c for c in (*diff.before.categories, *diff.after.categories)}
    marked = {c.id for c in diff.nodes}
    groups: dict[tuple[str, bool], list] = {}  # one scatter per block, faded or not: 10,000
    for node in diff.after.nodes:               # pieces drawn in a handful of calls
        groups.setdefault((node.category, node.id in marked), []).append(where[node.id])
    for (key, full), points in groups.items():
        block = blocks.get(key)
        ax.scatter(*zip(*points, strict=True), s=60 if full else 26,
                   marker=MARKERS.get(block.shape if block else "circle", "o"),
                   c=block.color if block and full else FADED,
                   edgecolors=INK if full else "#9AA1AA", linewidths=0.7, zorder=4 if full else 3)
    gone = [where[c.id] for c in diff.of(REMOVED) if c.id in where]
    if gone:
        ax.scatter(*zip(*gone, strict=True), s=120, marker="o", facecolors="white",
                   edgecolors=LENS[REMOVED].color, hatch="/////", linestyles=":",
                   linewidths=1.4, zorder=4)


def _marks(ax, diff: Diff, where: dict) -> None:
    family = chart_font()
    for what, size, style in ((ADDED, 170, "-"), (CHANGED, 170, "--"), (REMOVED, 170, ":")):
        points = [where[c.id] for c in diff.of(what) if c.id in where]
        if not points:
            continue
        ax.scatter(*zip(*points, strict=True), s=size, marker="o", facecolors="none",
                   edgecolors=LENS[what].color, linewidths=1.8, linestyles=style, zorder=5)
        if what == ADDED:
            ax.scatter(*zip(*points, strict=True), s=size * 2.1, marker="o",
                       facecolors="none", edgecolors=LENS[what].color, linewidths=1.0,
                       zorder=5)
    if len(diff.nodes) <= MOST_MARKS:
        for change in diff.nodes:
            if change.id in where:
                x, y = where[change.id]
                ax.annotate(LENS[change.what].mark, (x, y), xytext=(7, 5),
                            textcoords="offset points", fontsize=11, fontweight="bold",
                            color=LENS[change.what].color, family=family, zorder=6)
    if len(diff.nodes) <= MOST_NAMED:
        for change in diff.nodes:
            if change.id in where:
                label = change.label if len(change.label) <= 28 else change.label[:27] + "…"
                ax.annotate(label, where[change.id], xytext=(0, -13),
                            textcoords="offset points", ha="center", va="top", fontsize=7,
                            color=INK, family=family, zorder=6,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                  "alpha": 0.85})


def _legend(figure) -> None:
    handles = []
    for what, style in LENS.items():
        handles.append(Line2D([], [], marker="o", markersize=10, markerfacecolor="none",
                              markeredgecolor=style.color, markeredgewidth=1.8,
                              linestyle=LINES[what], color=style.color, linewidth=1.6,
                              label=f"{style.mark} {style.word}"))
    figure.legend(handles=handles, loc="lower center", ncol=3, frameon=False,
                  prop={"family": chart_font(), "size": 9.5}, handlelength=3.2,
                  labelcolor=INK)
