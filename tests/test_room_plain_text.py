"""Whatever a phone types is shown in the window as the words it typed, never read as markup:
the merge question names the room's piece in plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel

from tests.test_ui_room import arrived, phone_sends, piece, room, window  # noqa: F401

MARKUP = "<b>Bold</b> <img src=x> mentors"


def test_the_merge_question_shows_the_rooms_words_as_typed(window, room, qtbot):  # noqa: F811
    phone_sends(room.address, piece(MARKUP))
    arrived(qtbot, room, 1)
    panel = room.panel
    panel.list.item(0).setSelected(True)
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        try:
            labels = [w for w in dialog.findChildren(QLabel) if MARKUP in w.text()]
            seen["formats"] = [w.textFormat() for w in labels]
            box = dialog.findChild(QComboBox)
            seen["choices"] = [box.itemText(i) for i in range(box.count())]
            box.setCurrentIndex(next(i for i, text in enumerate(seen["choices"])
                                     if text.lower().startswith("mentor")))
        finally:
            dialog.accept()

    QTimer.singleShot(0, answer)
    panel.merge_selected()
    assert seen["formats"] == [Qt.TextFormat.PlainText], seen
    assert not room.pending and room.decided[1] == "mentor"
    assert isinstance(QApplication.activeModalWidget(), (QDialog, type(None)))
