"""The small windows of the map's history: naming a snapshot, and looking at one (read-only)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.domain import MAX_NAME, MapData
from app.files import laid_out
from ui.canvas.scene import MapScene
from ui.canvas.view import MapView
from ui.render import MapDataDocument
from ui.theme import Theme

NOTE_HINT = "What was going on, e.g. “after the onboarding redesign” (optional)"


class SnapshotNameDialog(QDialog):
    """Asks for a snapshot's name and note; ``done`` gets them when the user says OK and
    answers an error message to show (the dialog stays open), or ``None`` when all went well."""

    def __init__(self, parent, title: str, button: str, name: str, note: str,
                 done: Callable[[str, str], str | None]):
        super().__init__(parent, objectName="snapshot_name_dialog", windowTitle=title)
        self._done = done
        self.name = QLineEdit(name, maxLength=MAX_NAME, objectName="snapshot_name")
        self.name.selectAll()
        self.note = QPlainTextEdit(note, objectName="snapshot_note_field")
        self.note.setPlaceholderText(NOTE_HINT)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.problem = QLabel(wordWrap=True, objectName="snapshot_problem", visible=False)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("N&ote:", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def accept(self) -> None:
        problem = self._done(self.name.text(), self.note.toPlainText())
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            self.name.setFocus()
            return
        super().accept()


class SnapshotViewer(QDialog):
    """The map as it was at a snapshot: pan and zoom, nothing can be changed."""

    def __init__(self, parent, data: MapData, heading: str, theme: Theme):
        super().__init__(parent, objectName="snapshot_viewer", windowTitle=heading)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.scene = MapScene(theme)
        self.scene.set_document(MapDataDocument(laid_out(data)))
        self.view = MapView(self.scene, self)
        self.view.setInteractive(False)  # read-only: no piece can be moved or selected
        label = QLabel(f"{heading} — read-only: this is how the map was. To work from it, "
                       "choose Restore… in the Snapshots panel.", wordWrap=True,
                       objectName="snapshot_viewer_heading")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        self.resize(parent.size() * 0.8 if parent is not None else self.size())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.view.fit_to_window()
