"""Inviting the room: the dialog that chooses where to listen and how many dots each person
has, and the invitation itself, a QR code and the short address large enough to read from the
back of a room, over the canvas until the facilitator goes back to the map."""

from __future__ import annotations

from functools import cache

import segno
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.room.room import MAX_DOTS
from ui.room.interfaces import interfaces
from ui.theme import Theme, font

QR_BORDER = 4  # modules of white round the code, as scanners want


class InviteDialog(QDialog):
    """Where the room's server listens, on which port, and how many dots each person has."""

    def __init__(self, parent, dots: int = 3):
        super().__init__(parent)
        self.setWindowTitle("Invite the room")
        self.addresses = QComboBox(objectName="room_address")
        for interface in interfaces():
            self.addresses.addItem(interface.words, interface.address)
        self.dots = QSpinBox(minimum=1, maximum=MAX_DOTS, value=dots, objectName="room_dots")
        self.port = QSpinBox(minimum=0, maximum=65535, value=0, objectName="room_port")
        self.port.setSpecialValueText("Any free port")
        explain = QLabel("People open the address on their phones: no app, no account. Their "
                         "phones must be on the same network as this computer. Nothing they "
                         "send goes on the map until you accept it.", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Invite the room", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(explain)
        form.addRow("Network", self.addresses)
        form.addRow("Dots per person", self.dots)
        form.addRow("Port", self.port)
        form.addRow(buttons)

    def chosen(self) -> tuple[str, int, int]:
        """The address, port and dots per person chosen."""
        return self.addresses.currentData(), self.port.value(), self.dots.value()


@cache
def qr_pixmap(address: str, side: int) -> QPixmap:
    """The QR code of ``address``, black on white, at most ``side`` pixels square with every
    module the same whole number of pixels (a blurred code scans badly from afar)."""
    code = segno.make(address, error="m")
    modules = code.symbol_size(scale=1, border=QR_BORDER)[0]
    scale = max(1, side // modules)
    pixmap = QPixmap(modules * scale, modules * scale)
    pixmap.fill(QColor("#FFFFFF"))
    painter = QPainter(pixmap)
    for row, line in enumerate(code.matrix):
        for column, dark in enumerate(line):
            if dark:
                painter.fillRect((column + QR_BORDER) * scale, (row + QR_BORDER) * scale,
                                 scale, scale, QColor("#000000"))
    painter.end()
    return pixmap


class InvitationCard(QWidget):
    """Covers the window with the room's invitation; Esc or the button goes back to the map."""

    def __init__(self, window, back):
        # A child of the window laid over all of it but the menus (the canvas alone is too
        # small on a 1024×768 projector once the panels take their share). Esc here is the
        # card's own, never the canvas's "Show everything".
        super().__init__(window)
        self.window = window
        self.setObjectName("room_invitation")
        self.setAutoFillBackground(True)
        self.title = QLabel("Join in from your phone", alignment=Qt.AlignmentFlag.AlignCenter)
        self.code = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, objectName="room_qr")
        self.link = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, objectName="room_link")
        self.link.setTextFormat(Qt.TextFormat.PlainText)
        self.link.setWordWrap(True)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel("Point your camera at the code, or type the address. Same Wi-Fi as "
                           "this computer; no app, no account.", wordWrap=True,
                           alignment=Qt.AlignmentFlag.AlignCenter)
        self.phones = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, objectName="room_phones")
        self.back = QPushButton("Back to the map (Esc)", clicked=back)
        leave = QAction("Back to the map", self, shortcut=QKeySequence(Qt.Key.Key_Escape))
        leave.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        leave.triggered.connect(back)
        self.addAction(leave)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.code, self.link, self.hint, self.phones):
            layout.addWidget(widget)
        layout.addWidget(self.back, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self.address = ""
        self._theme: Theme | None = None
        window.installEventFilter(self)
        self.hide()

    def show_address(self, address: str, theme: Theme) -> None:
        self.address, self._theme = address, theme
        self.link.setText(address)
        self._fit()
        self.show()
        self.raise_()
        self.back.setFocus()

    def show_phones(self, phones: int) -> None:
        """How many have joined so far, so the room sees it working."""
        from ui.room.inbox import phones_joined

        self.phones.setText(phones_joined(phones))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.isVisible():
            self._fit()
        return False

    def _fit(self) -> None:
        """Fill the canvas; the code and the words as large as its height allows."""
        top = self.window.menuBar().geometry().bottom() + 1
        self.setGeometry(QRect(0, top, self.window.width(), self.window.height() - top))
        height, width = self.height(), self.width()
        theme = self._theme
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(theme.canvas if theme else "#FFFFFF"))
        palette.setColor(self.foregroundRole(), QColor(theme.text if theme else "#000000"))
        self.setPalette(palette)
        for label in (self.title, self.link, self.hint, self.phones):
            label.setPalette(palette)
        text_px = max(16, min(height // 24, width // 34))
        self.title.setFont(font(round(text_px * 1.5), bold=True))
        self.link.setFont(font(text_px, bold=True))
        self.hint.setFont(font(max(14, round(text_px * 0.7))))
        self.phones.setFont(font(max(14, round(text_px * 0.8)), bold=True))
        self.back.setFont(font(max(14, round(text_px * 0.6))))
        side = max(120, min(round(height * 0.5), round(width * 0.8)))
        if self.address:
            self.code.setPixmap(qr_pixmap(self.address, side))
