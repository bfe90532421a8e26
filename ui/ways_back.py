"""The box shown when a map cannot be opened: why, in the error's own words, and what could be
done next, each way back a large button that says where it leads."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui.wording import in_words

Choice = tuple[str, str, Callable[[], None]]  # title, what it does, what to run


class WaysBackDialog(QDialog):
    """Window-modal and not blocking (``open()``): the window stays responsive behind it.
    The same box asks a question that has several good answers (``offer_choices``)."""

    def __init__(self, parent: QWidget, title: str, error: Exception | str,
                 choices: list[Choice], *, name: str = "could-not-open",
                 lead: str = "What you can do:", dismiss: str = "Close"):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{title}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.message = QLabel(in_words(error))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        if lead:
            layout.addWidget(QLabel(lead))
        self.ways: list[QCommandLinkButton] = []
        for text, description, action in choices:
            button = QCommandLinkButton(text, description)
            button.setIcon(_arrow(self.palette().color(QPalette.ColorRole.ButtonText)))
            button.setFont(_sized(self.font()))
            button.clicked.connect(lambda _c=False, run=action: self._choose(run))
            layout.addWidget(button)
            self.ways.append(button)
        bold = _sized(self.font())
        bold.setBold(True)
        widest = max((QFontMetrics(bold).horizontalAdvance(b.text()) for b in self.ways),
                     default=0)
        self.setMinimumWidth(max(560, widest + 120))  # room for the arrow and the margins
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(dismiss)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning
                                         if lead else QStyle.StandardPixmap.SP_MessageBoxQuestion)
        self.setWindowIcon(icon)
        if self.ways and not lead:  # a question: Enter takes the first, most likely answer
            self.ways[0].setDefault(True)
            self.ways[0].setFocus()

    def _choose(self, action: Callable[[], None]) -> None:
        self.accept()
        action()


def _sized(inherited: QFont) -> QFont:
    """The theme's font with its size marked as chosen: a command link otherwise draws its
    text at a fixed 9 pt, too small on a projector."""
    chosen = QFont(inherited)
    if inherited.pixelSize() > 0:
        chosen.setPixelSize(inherited.pixelSize())
    else:
        chosen.setPointSizeF(inherited.pointSizeF())
    return chosen


def _arrow(colour: QColor) -> QIcon:
    """The command link's arrow in the theme's text colour (the style's own is black, and
    vanishes on the dark and projector panels)."""
    picture = QPixmap(32, 32)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, 3.5, c=Qt.PenCapStyle.RoundCap, j=Qt.PenJoinStyle.RoundJoin))
    painter.drawPolyline(QPolygonF([QPointF(6, 16), QPointF(25, 16)]))
    painter.drawPolyline(QPolygonF([QPointF(17, 8), QPointF(25, 16), QPointF(17, 24)]))
    painter.end()
    return QIcon(picture)


def offer_ways_back(parent: QWidget, title: str, error: Exception,
                    choices: list[Choice]) -> WaysBackDialog:
    dialog = WaysBackDialog(parent, title, error, choices)
    dialog.open()
    return dialog


def offer_choices(parent: QWidget, title: str, question: str, choices: list[Choice],
                  name: str) -> WaysBackDialog:
    """Ask ``question`` with a large button for each choice, and Cancel; not blocking."""
    dialog = WaysBackDialog(parent, title, question, choices, name=name, lead="",
                            dismiss="Cancel")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
