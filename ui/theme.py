"""How the map looks: the three themes (light, dark, projector) and the shipped font.

Items, the view and exports read one ``Theme`` when they paint, so switching theme is
one assignment and a repaint, and the exported picture matches the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication

FONT_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"
FONT_FAMILY = "Atkinson Hyperlegible"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: fast cache keys
class Theme:
    """Colours and sizes of everything drawn on the canvas (sizes in map units at 100%)."""

    key: str
    name: str
    canvas: str
    grid: str
    text: str
    muted_text: str
    plate: str  # label background: keeps labels readable over connections
    # Colours are opaque on purpose: blending costs five times as much per line drawn.
    outline: str
    outline_width: float
    edge: str
    edge_width: float  # the width of a strength-1 connection; each step adds half of it
    arrow_size: float
    node_size: float
    label_px: int
    label_width: float
    label_bold: bool
    label_lines: int  # a long label wraps to this many lines, then is elided
    panel: str  # legend and start-card background
    panel_border: str
    accent: str
    dark: bool

    def color(self, name: str) -> QColor:
        """One of this theme's colours as a QColor (cached: painting asks often)."""
        return _qcolor(getattr(self, name))

    def edge_pen_width(self, strength: int) -> float:
        return self.edge_width * (1 + 0.6 * (max(1, min(5, strength)) - 1))

    def label_font(self) -> QFont:
        return font(self.label_px, bold=self.label_bold)


LIGHT = Theme(
    key="light", name="Light", canvas="#F6F7F9", grid="#DDE1E6", text="#1C2026",
    muted_text="#5B6470", plate="#FFFFFF", outline="#23272E", outline_width=1.6,
    edge="#979EA8", edge_width=1.3, arrow_size=11, node_size=46, label_px=15,
    label_width=170, label_bold=False, label_lines=2, panel="#F2FFFFFF", panel_border="#C9CED6",
    accent="#0072B2", dark=False,
)
DARK = Theme(
    key="dark", name="Dark", canvas="#1B1F24", grid="#2C323A", text="#ECEFF3",
    muted_text="#A3ACB8", plate="#1B1F24", outline="#0A0C0F", outline_width=1.6,
    edge="#646D78", edge_width=1.3, arrow_size=11, node_size=46, label_px=15,
    label_width=170, label_bold=False, label_lines=2, panel="#E6262B32", panel_border="#3E4651",
    accent="#56B4E9", dark=True,
)
PROJECTOR = Theme(
    key="projector", name="Projector", canvas="#FFFFFF", grid="#E4E7EB", text="#000000",
    muted_text="#2A2F36", plate="#FFFFFF", outline="#000000", outline_width=3.2,
    edge="#57606B", edge_width=2.4, arrow_size=17, node_size=60, label_px=24,
    label_width=196, label_bold=True, label_lines=3, panel="#F8FFFFFF", panel_border="#000000",
    accent="#0072B2", dark=False,
)
THEMES: dict[str, Theme] = {t.key: t for t in (LIGHT, DARK, PROJECTOR)}
DEFAULT_THEME = LIGHT


def theme_named(key: str) -> Theme:
    """The theme called ``key`` (light, dark, projector); the light one if unknown."""
    return THEMES.get(key, DEFAULT_THEME)


@cache
def _qcolor(spec: str) -> QColor:
    return QColor(spec)


def load_fonts() -> str:
    """Register the shipped Atkinson Hyperlegible fonts and make them the application's font."""
    for path in sorted(FONT_DIR.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    app = QGuiApplication.instance()
    if app is not None:
        app.setFont(font(13))
    return FONT_FAMILY


@cache
def font(pixel_size: int, bold: bool = False) -> QFont:
    """The shipped font at a size in pixels (pixels, so maps measure the same on every screen).

    Shared between callers (painting asks for it constantly): copy it before changing it.
    """
    result = QFont(FONT_FAMILY)
    result.setPixelSize(pixel_size)
    result.setBold(bold)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return result


def readable_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    r, g, b = fill.redF(), fill.greenF(), fill.blueF()
    return QColor("#000000") if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else QColor("#FFFFFF")
