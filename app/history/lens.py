"""How a diff is drawn, wherever it is drawn (the compare view, the report's picture): one
colour from the Okabe–Ito palette and one line pattern for each kind of change, so that the
picture reads in grayscale and for colour-blind readers, and a mark and word for the legend."""

from __future__ import annotations

from dataclasses import dataclass

from app.history.diff import ADDED, CHANGED, REMOVED


@dataclass(frozen=True)
class LensStyle:
    word: str  # as the legend says it
    mark: str  # as lists show it
    color: str  # on light canvases (Okabe–Ito)
    dark_color: str  # on dark canvases: the same hue family, light enough to read
    pattern: str  # "double" ring, "dashed" ring, "ghost" (hatched, dotted outline)
    meaning: str


LENS: dict[str, LensStyle] = {
    ADDED: LensStyle("Added", "+", "#0072B2", "#56B4E9", "double",
                     "new since then (a double ring)"),
    CHANGED: LensStyle("Changed", "~", "#D55E00", "#F0A050", "dashed",
                       "label, block, kind, strength… (a dashed ring)"),
    REMOVED: LensStyle("Removed", "−", "#6E7681", "#A3ACB8", "ghost",
                       "gone since then, hatched where it was (a dotted ring)"),
}


def lens_color(what: str, dark: bool) -> str:
    style = LENS[what]
    return style.dark_color if dark else style.color
