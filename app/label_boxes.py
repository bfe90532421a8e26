"""The room a node and its label take on the map, estimated from the text without Qt.

Layouts need to know how wide and tall each label is drawn to keep labels apart, but ``app``
never imports Qt; so the label is wrapped here by the canvas's own rule (word boundaries, then
anywhere; at most ``lines`` lines, the last one elided "…") with the shipped font's advance
widths and kerning (``app.font_metrics``). ``tests/test_ui_label_boxes.py`` holds the estimate
to the boxes the canvas really draws.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app import font_metrics

_ASCII = "".join(chr(c) for c in range(32, 127))


def _table(widths: str, kerning: str, ellipsis: int) -> tuple[dict, dict]:
    advance = dict(zip(_ASCII, (int(w) / 1000 for w in widths.split()), strict=True))
    advance["…"] = ellipsis / 1000
    return advance, {pair[:2]: int(pair[2:]) / 1000 for pair in kerning.split()}


_WIDTHS, _KERNING = {}, {}
for _bold, _name in ((False, "REGULAR"), (True, "BOLD")):
    _WIDTHS[_bold], _KERNING[_bold] = _table(*(getattr(font_metrics, f"{_name}_{part}")
                                               for part in ("WIDTHS", "KERNING", "ELLIPSIS")))
_OTHER = 0.65  # a character outside the table whose plain letter is unknown: a wide one
LINE_HEIGHT = 1.24  # the font's line height, in font sizes
PLATE_PAD_X, PLATE_PAD_Y = 5.0, 2.0  # the label plate's margin round the text
LABEL_GAP = 5.0  # between the bottom of the shape and the top of the label
SHAPE_REACH = 1.2  # the furthest any shape reaches from its centre, in half-sizes
_CHUNKS = re.compile(r"[^\s-]*-*\s*")  # a word, the hyphens after it, the spaces after those


@dataclass(frozen=True)
class LabelStyle:
    """How big nodes and labels are drawn (the light theme's sizes unless a theme says)."""

    node_size: float = 46.0
    label_px: float = 15.0
    label_width: float = 170.0
    label_lines: int = 2
    bold: bool = False


@dataclass(frozen=True)
class Box:
    """A rectangle relative to the node's centre (y grows downwards, as on screen)."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


def text_width(text: str, style: LabelStyle) -> float:
    """How wide ``text`` is drawn on one line, in map units."""
    widths, kerning = _WIDTHS[style.bold], _KERNING[style.bold]
    advance = sum(widths.get(c) or _plain_width(c, style.bold) for c in text)
    advance += sum(kerning.get(text[i:i + 2], 0.0) for i in range(len(text) - 1))
    return advance * style.label_px


@lru_cache(maxsize=256)
def _plain_width(char: str, bold: bool) -> float:
    """An accented letter is about as wide as the letter without its accent."""
    return _WIDTHS[bold].get(unicodedata.normalize("NFKD", char)[:1], _OTHER)


def wrap(text: str, style: LabelStyle) -> list[str]:
    """The label's lines as the canvas draws them: at most ``label_lines``, the last elided."""
    width = style.label_width
    lines: list[str] = []
    line = ""
    for chunk in _CHUNKS.findall(text.strip()):
        if text_width((line + chunk).rstrip(), style) <= width:
            line += chunk
            continue
        if line:
            lines.append(line.rstrip())
        line = chunk
        while text_width(line.rstrip(), style) > width:  # a word too long: broken anywhere
            cut = _fitting(line, width, style)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > style.label_lines:
        rest = " ".join(lines[style.label_lines - 1:])
        lines = lines[:style.label_lines - 1] + [_elided(rest, style)]
    return lines or [""]


def _elided(text: str, style: LabelStyle) -> str:
    cut = _fitting(text, style.label_width - _WIDTHS[style.bold]["…"] * style.label_px, style)
    return text[:cut].rstrip() + "…"


def _fitting(text: str, width: float, style: LabelStyle) -> int:
    """How many characters from the start of ``text`` fit in ``width`` (at least one)."""
    for cut in range(len(text), 0, -1):
        if text_width(text[:cut], style) <= width:
            return cut
    return 1


def label_box(text: str, style: LabelStyle) -> Box:
    """The label plate of a node labelled ``text``, below the node's shape."""
    lines = wrap(text, style) if text.strip() else []
    widths = [style.label_width if line.endswith("…") else text_width(line, style)
              for line in lines]  # a cut-short line fills the width, less a letter or so
    plate_width = max(widths, default=0.0) + 2 * PLATE_PAD_X
    top = SHAPE_REACH * style.node_size / 2 + LABEL_GAP
    height = LINE_HEIGHT * style.label_px * len(lines) + 2 * PLATE_PAD_Y
    return Box(-plate_width / 2, top, plate_width / 2, top + height)


@lru_cache(maxsize=8192)
def node_box(text: str, style: LabelStyle) -> Box:
    """Everything drawn for one node: its shape and, below it, its label."""
    reach = SHAPE_REACH * style.node_size / 2
    label = label_box(text, style)
    return Box(min(-reach, label.left), -reach, max(reach, label.right), label.bottom)
