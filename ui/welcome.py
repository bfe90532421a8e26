"""What the window shows when no map is open: a card on the canvas with the ways to go on —
a new map, a map to open, the maps opened lately, and the untitled maps kept for you.

It is made of real buttons, so the keyboard (Tab, Enter) and the mouse reach every entry,
and it follows the theme like the canvas's own start card.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app import files
from ui.theme import Theme

TITLE = "No map open"
SUBTITLE = "Start a new map, or carry on with one you have."
RECENT_SHOWN = 5
WIDTH = 560


class WelcomeCard(QFrame):
    """Over the canvas, centred in it, while no map is open. A child of the view, not of its
    viewport, so panning the empty canvas never carries the card away."""

    def __init__(self, window, view: QWidget):
        super().__init__(view)
        self.main_window = window
        self.setObjectName("welcome")
        self.recent_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)
        self.title = QLabel(TITLE)
        self.title.setObjectName("welcome-title")
        layout.addWidget(self.title)
        layout.addWidget(_wrapping(SUBTITLE))
        layout.addLayout(self._main_buttons())
        self.recent_heading = QLabel("Recent maps")
        self.recent_heading.setObjectName("welcome-heading")
        layout.addSpacing(6)
        layout.addWidget(self.recent_heading)
        self.recent_list = QVBoxLayout()
        self.recent_list.setSpacing(2)
        layout.addLayout(self.recent_list)
        self.untitled = QPushButton("Untitled maps…")
        self.untitled.setObjectName("welcome-untitled")
        self.untitled.setToolTip(str(files.untitled_dir()))
        self.untitled.clicked.connect(lambda: window.open_untitled_dialog())
        self.untitled_note = _wrapping("")
        layout.addSpacing(6)
        layout.addWidget(self.untitled_note)
        layout.addWidget(self.untitled, 0, Qt.AlignmentFlag.AlignLeft)
        view.installEventFilter(self)

    def _main_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = QPushButton("New map   Ctrl+N")
        self.new_button.clicked.connect(lambda: self.main_window.new_map())
        self.open_button = QPushButton("Open a map…   Ctrl+O")
        self.open_button.clicked.connect(lambda: self.main_window.open_map_dialog())
        for button in (self.new_button, self.open_button):
            button.setMinimumHeight(40)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            row.addWidget(button)
        self.new_button.setDefault(True)
        return row

    # --- showing ---------------------------------------------------------------------------

    def show_for(self, recent: list[Path]) -> None:
        """Show the card with the maps opened lately (those still there) and the untitled maps
        folder, and give it the keyboard."""
        self._fill_recent([p for p in recent if p.is_file()][:RECENT_SHOWN])
        kept = _untitled_count()
        self.untitled_note.setText(
            f"New maps are kept among Ecomap's untitled maps ({kept} there now) until "
            "File ▸ Save As gives them a place of your choosing." if kept else
            "New maps are kept among Ecomap's untitled maps until File ▸ Save As gives them "
            "a place of your choosing.")
        self.untitled.setVisible(kept > 0)
        self.show()
        self.raise_()
        self._place()
        self.new_button.setFocus()

    def _fill_recent(self, paths: list[Path]) -> None:
        for button in self.recent_buttons:
            self.recent_list.removeWidget(button)
            button.deleteLater()
        self.recent_buttons = []
        for path in paths:
            where = "untitled maps" if files.is_untitled(path) else str(path.parent)
            button = QPushButton(f"{path.name}  —  {where}")
            button.setObjectName("welcome-recent")
            button.setToolTip(str(path))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, p=path: self.main_window.open_recent(p))
            self.recent_list.addWidget(button)
            self.recent_buttons.append(button)
        self.recent_heading.setVisible(bool(paths))

    def set_theme(self, theme: Theme) -> None:
        panel, border = QColor(theme.panel), QColor(theme.panel_border)
        title_px, heading_px = round(theme.panel_px * 1.8), theme.panel_px + 1
        self.setStyleSheet(
            f"QFrame#welcome {{ background: {_rgba(panel)}; border: "
            f"{2 if theme.key == 'projector' else 1}px solid {_rgba(border)}; "
            "border-radius: 10px; }"
            f"QLabel#welcome-title {{ font-size: {title_px}px; font-weight: bold; "
            f"color: {theme.text}; }}"
            f"QLabel#welcome-heading {{ font-size: {heading_px}px; font-weight: bold; "
            f"color: {theme.text}; }}"
            f"QLabel {{ color: {theme.muted_text}; }}"
            "QPushButton#welcome-recent { text-align: left; padding: 4px 6px; border: none; "
            f"background: transparent; color: {theme.accent}; }}"
            "QPushButton#welcome-recent:hover, QPushButton#welcome-recent:focus "
            "{ text-decoration: underline; }")
        self._place()

    def _place(self) -> None:
        """Centred in the canvas, as wide as fits (a 1024×768 projector loses nothing)."""
        area = self.main_window.view.viewport().geometry()
        width = min(WIDTH, area.width() - 32)
        self.setFixedWidth(max(width, 200))
        self.adjustSize()
        height = min(self.sizeHint().height(), area.height() - 16)
        self.resize(self.width(), height)
        self.move(area.center().x() - self.width() // 2,
                  max(area.top() + 8, area.center().y() - height // 2))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


def _wrapping(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _rgba(color: QColor) -> str:
    return f"rgba({color.red()}, {color.green()}, {color.blue()}, {color.alpha()})"


def _untitled_count() -> int:
    try:
        return sum(1 for p in files.untitled_dir().glob("*" + files.MAP_SUFFIX) if p.is_file())
    except OSError:
        return 0
