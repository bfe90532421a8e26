"""The report's balance chart: each building block's share of the nodes and of the connection
strength, in the blocks' colours and with a hatch pattern each, so it reads in grayscale too.

Uses matplotlib's Agg canvas directly (never pyplot): no GUI backend, no Qt.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager

from app.analysis.records import Mix
from app.domain import Category

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "+++", "ooo", "---")
INK = "#1C2026"


@cache
def chart_font() -> str:
    """The shipped Atkinson Hyperlegible if it is there (so charts match the maps)."""
    fonts = sorted(FONT_DIR.glob("*.ttf"))
    for path in fonts:
        fontManager.addfont(str(path))
    return "Atkinson Hyperlegible" if fonts else "DejaVu Sans"


def balance_chart(mix: Mix, categories: list[Category], threshold: float,
                  fmt: str = "png") -> bytes:
    """A PNG (or, with ``fmt="svg"``, an SVG whose words stay text, for vector slides): two
    bar panels, share of nodes and share of connection strength."""
    figure = Figure(figsize=(7.4, 0.9 + 0.42 * max(3, len(categories))), dpi=170)
    FigureCanvasAgg(figure)
    family = chart_font()
    axes = figure.subplots(1, 2, sharey=True)
    for ax, field, heading in ((axes[0], "share", "Share of the nodes"),
                               (axes[1], "strength_share", "Share of the connection strength")):
        _panel(ax, mix, categories, field, heading, family)
    axes[0].axvline(threshold, color=INK, linestyle="--", linewidth=1)
    axes[0].text(threshold, len(categories) - 0.35, f" cane-toad line {threshold:.0%}",
                 fontsize=8, color=INK, family=family, va="bottom")
    figure.tight_layout(w_pad=2.5)
    buffer = io.BytesIO()
    with rc_context({"svg.fonttype": "none"}):  # text as text, in the shipped font
        figure.savefig(buffer, format=fmt, facecolor="white")
    return buffer.getvalue()


def _panel(ax, mix: Mix, categories: list[Category], field: str, heading: str,
           family: str) -> None:
    rows = list(range(len(categories)))[::-1]
    for row, (i, category) in zip(rows, enumerate(categories), strict=True):
        part = mix.parts.get(category.key)
        value = getattr(part, field) if part else 0.0
        ax.barh(row, value, color=category.color, edgecolor=INK, linewidth=0.8,
                hatch=HATCHES[i % len(HATCHES)], height=0.68)
        count = f" ({part.count})" if part and field == "share" else ""
        ax.text(value + 0.01, row, f"{value:.0%}{count}", va="center", fontsize=9,
                color=INK, family=family)
    ax.set_yticks(rows, [c.name for c in categories], fontsize=9.5, family=family)
    ax.set_xlim(0, 1.0)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "25%", "50%", "75%", "100%"], fontsize=8,
                  family=family)
    ax.set_title(heading, fontsize=10.5, family=family, color=INK, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
