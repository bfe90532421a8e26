"""The timeline's chart: each building block's share of the map and the health score, snapshot
by snapshot. Blocks in their colours, each line with its block's marker shape and its own dash,
so the chart reads in grayscale too. Uses matplotlib's Agg canvas directly (no pyplot, no Qt)."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from app.history.timeline import State
from app.report.charts import INK, chart_font
from app.report.diff_picture import MARKERS

DASHES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2)), (0, (1, 1)), "-")


def timeline_chart(states: Sequence[State], scores: Sequence[int | None],
                   width: float = 7.4, height: float = 3.6, dpi: float = 170) -> bytes:
    """A PNG: block shares (top) and health score (bottom) over ``states``; ``width`` and
    ``height`` in inches at ``dpi`` dots per inch (so a window can have it at its own size)."""
    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    family = chart_font()
    shares_ax, score_ax = figure.subplots(2, 1, sharex=True,
                                          gridspec_kw={"height_ratios": (2.2, 1)})
    xs = list(range(len(states)))
    blocks = {}
    for state in states:
        blocks.update((c.key, c) for c in state.data.categories)
    for i, block in enumerate(blocks.values()):
        shares = []
        for state in states:
            counts = Counter(n.category for n in state.data.nodes)
            total = sum(counts.values())
            shares.append(counts[block.key] / total if total else 0.0)
        shares_ax.plot(xs, shares, color=block.color, linestyle=DASHES[i % len(DASHES)],
                       marker=MARKERS.get(block.shape, "o"), markersize=7,
                       markeredgecolor=INK, markeredgewidth=0.6, linewidth=2, label=block.name)
    shares_ax.set_ylim(0, max(0.6, shares_ax.get_ylim()[1]))
    shares_ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
    shares_ax.set_title("Share of the map, by building block", fontsize=10, family=family,
                        color=INK, loc="left")
    shares_ax.legend(fontsize=8, prop={"family": family, "size": 8}, frameon=False,
                     loc="upper left", bbox_to_anchor=(1.0, 1.0))
    known = [(x, s) for x, s in zip(xs, scores, strict=True) if s is not None]
    if known:
        score_ax.plot(*zip(*known, strict=True), color=INK, marker="o", linewidth=2)
        for x, s in known:
            score_ax.annotate(str(s), (x, s), xytext=(0, 5), textcoords="offset points",
                              ha="center", fontsize=8, family=family, color=INK)
    score_ax.set_ylim(0, 125)
    score_ax.set_title("Health score", fontsize=10, family=family, color=INK, loc="left")
    score_ax.set_xticks(xs, [s.name for s in states], fontsize=8.5, family=family)
    for ax in (shares_ax, score_ax):
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(labelsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
