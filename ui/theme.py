"""How the map looks: the three themes (light, dark, projector) and the shipped font.

Items, the view and exports read one ``Theme`` when they paint, so switching theme is
one assignment and a repaint, and the exported picture matches the screen. The panels, menus
and dialogs around the canvas follow the same theme (``dress_application``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QDockWidget, QProxyStyle, QStyle

from app.label_boxes import LabelStyle

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
    panel_px: int = 13  # text in the panels, menus and status bar
    # Colours of the panels by QPalette role; none: the style's own light ones.
    panel_colors: tuple[tuple[str, str], ...] = ()

    def color(self, name: str) -> QColor:
        """One of this theme's colours as a QColor (cached: painting asks often)."""
        return _qcolor(getattr(self, name))

    def edge_pen_width(self, strength: int) -> float:
        return self.edge_width * (1 + 0.6 * (max(1, min(5, strength)) - 1))

    def label_font(self) -> QFont:
        return font(self.label_px, bold=self.label_bold)

    def label_style(self) -> LabelStyle:
        """The sizes layouts need to keep this theme's labels apart (they cannot ask Qt)."""
        return LabelStyle(node_size=self.node_size, label_px=self.label_px,
                          label_width=self.label_width, label_lines=self.label_lines,
                          bold=self.label_bold)


# Every text colour here reads at 4.5:1 or more on the backgrounds it is drawn on (the tests
# measure it); disabled text is dimmer on purpose.
DARK_PANELS = (
    ("Window", "#262B32"), ("WindowText", "#ECEFF3"), ("Base", "#1E2227"),
    ("AlternateBase", "#2A3038"), ("Text", "#ECEFF3"), ("Button", "#323943"),
    ("ButtonText", "#ECEFF3"), ("BrightText", "#FFFFFF"), ("ToolTipBase", "#323943"),
    ("ToolTipText", "#ECEFF3"), ("PlaceholderText", "#A3ACB8"), ("Highlight", "#1F5C8A"),
    ("HighlightedText", "#FFFFFF"), ("Link", "#56B4E9"), ("LinkVisited", "#CC79A7"),
    ("Light", "#4A525E"), ("Midlight", "#3A414B"), ("Mid", "#2C323A"), ("Dark", "#15181C"),
    ("Shadow", "#0A0C0F"), ("Disabled:WindowText", "#8A929E"), ("Disabled:Text", "#8A929E"),
    ("Disabled:ButtonText", "#8A929E"), ("Disabled:Button", "#2A3038"),
)

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
    accent="#56B4E9", dark=True, panel_colors=DARK_PANELS,
)
PROJECTOR = Theme(
    key="projector", name="Projector", canvas="#FFFFFF", grid="#E4E7EB", text="#000000",
    muted_text="#2A2F36", plate="#FFFFFF", outline="#000000", outline_width=3.2,
    edge="#57606B", edge_width=2.4, arrow_size=17, node_size=60, label_px=24,
    label_width=196, label_bold=True, label_lines=3, panel="#F8FFFFFF", panel_border="#000000",
    accent="#0072B2", dark=False, panel_px=18,
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


def contrast_ratio(text: QColor, background: QColor) -> float:
    """WCAG contrast between two colours: 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(text), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF())
            + 0.0722 * linear(color.blueF()))


def panel_palette(theme: Theme, standard: QPalette) -> QPalette:
    """``standard`` (the style's own palette) in ``theme``'s panel colours."""
    palette = QPalette(standard)
    for role, spec in theme.panel_colors:
        group, _colon, name = role.rpartition(":")
        palette.setColor(getattr(QPalette.ColorGroup, group or "All"),
                         getattr(QPalette.ColorRole, name), QColor(spec))
    return palette


_native_style: list[str] = []  # the platform's own style, before a dark theme replaced it


def dress_application(theme: Theme) -> None:
    """Dress the panels, menus, dialogs and status bar of every window for ``theme``."""
    app = QApplication.instance()
    if app is None:
        return
    if not _native_style:
        _native_style.append(app.style().name())
    # Native styles (Windows, macOS) paint some controls in their own light colours: the
    # dark panels need Fusion, which paints everything from the palette.
    if theme.panel_colors and not isinstance(app.style(), VisibleBoxes):
        app.setStyle(VisibleBoxes("fusion"))
    elif not theme.panel_colors and (isinstance(app.style(), VisibleBoxes)
                                     or app.style().name().lower() != _native_style[0].lower()):
        app.setStyle(_native_style[0])
    app.setPalette(panel_palette(theme, app.style().standardPalette()))
    app.setFont(font(theme.panel_px))
    for widget in app.allWidgets():
        if isinstance(widget, QDockWidget):
            _follow_font(widget)


class VisibleBoxes(QProxyStyle):
    """Fusion on dark panels, with a rim round every tick box and radio button: Fusion draws
    their edge a shade darker than the panel, which on a dark panel cannot be seen, so an
    unticked box looked like no box at all."""

    RIMMED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
              QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in self.RIMMED:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.PlaceholderText), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rim = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            side = min(rim.width(), rim.height())
            rim = QRectF(rim.center().x() - side / 2, rim.center().y() - side / 2, side, side)
            painter.drawEllipse(rim)
        else:
            painter.drawRoundedRect(rim, 2, 2)
        painter.restore()


def _follow_font(dock: QDockWidget) -> None:
    """Qt paints a dock's title in the font the application had when the dock was made,
    unless the dock has a font of its own. A bold-only font is one that still follows the
    application's size; the dock's contents stay in the normal weight."""
    bold, normal = QFont(), QFont()
    bold.setBold(True)
    normal.setBold(False)
    dock.setFont(bold)
    if dock.widget() is not None:
        dock.widget().setFont(normal)
