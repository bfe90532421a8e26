"""The Room panel: what the room sent, waiting to be accepted, merged, edited or rejected, and
the dots the room put on what to fix first.

Everything from a phone is shown as plain text (list rows never read markup). In private
mode the panel shows only how many wait, so nothing the room sent is on the projector until
the facilitator reveals it.
"""

from __future__ import annotations

import difflib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import MAX_LABEL
from app.room.contributions import Contribution

NUMBER = Qt.ItemDataRole.UserRole
DOT = "●"
MOST_DOTS_SHOWN = 12  # more dots than this are written as a number beside them


def phones_joined(phones: int) -> str:
    return ("No phone has joined yet." if not phones else
            "1 phone has joined." if phones == 1 else f"{phones} phones have joined.")


class InboxPanel(QWidget):
    """Follows ``controller.changed``; its buttons call the controller."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("room_inbox")
        self.status = QLabel(wordWrap=True, objectName="room_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.private = QCheckBox("Private: hide it from the screen",
                                 toolTip="Show only how many wait, until you reveal them")
        self.private.toggled.connect(controller.set_private)
        self.reveal_button = QPushButton("Reveal", clicked=controller.reveal)
        self.list = QListWidget(objectName="room_contributions")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.votes_title = QLabel("Dots on what to fix first")
        self.votes = QListWidget(objectName="room_votes")
        self.votes.setWordWrap(True)
        self.buttons = self._buttons()
        self._lay_out()
        controller.changed.connect(self.refresh)
        self.refresh()

    def _buttons(self) -> dict[str, QPushButton]:
        made = {}
        for key, text, slot, tip in (
            ("accept", "Accept", self.accept_selected, "Put it on the map beside what it "
             "connects to"),
            ("merge", "Merge into…", self.merge_selected, "It is a piece the map has already: "
             "add its connections to that one"),
            ("edit", "Edit…", self.edit_selected, "Change its words or building block first"),
            ("reject", "Reject", self.reject_selected, "Leave it off the map"),
            ("accept_all", "Accept all", self.controller.accept_all, "Put everything waiting on "
             "the map, as one step you can undo"),
        ):
            made[key] = QPushButton(text, clicked=lambda _c=False, s=slot: s(), toolTip=tip)
            made[key].setObjectName(f"room_{key}")
        return made

    def _lay_out(self) -> None:
        grid = QGridLayout()
        for i, key in enumerate(("accept", "merge", "edit", "reject")):
            grid.addWidget(self.buttons[key], i // 2, i % 2)
        grid.addWidget(self.buttons["accept_all"], 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.private)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.list, 3)
        layout.addLayout(grid)
        layout.addWidget(self.votes_title)
        layout.addWidget(self.votes, 2)

    # --- what it shows ---------------------------------------------------------------------

    def refresh(self) -> None:
        controller = self.controller
        hidden = controller.private
        self.private.blockSignals(True)
        self.private.setChecked(hidden)
        self.private.blockSignals(False)
        self.reveal_button.setVisible(hidden)
        self.status.setText(self.status_text())
        for widget in (self.list, self.votes, self.votes_title):
            widget.setVisible(not hidden)
        if not hidden:
            self._fill_inbox()
            self._fill_votes()
        self._update_buttons()

    def status_text(self) -> str:
        controller = self.controller
        waiting = len(controller.pending)
        count = f"{waiting} waiting" if waiting else "Nothing waiting"
        if controller.private:
            return f"{count}, hidden from the screen. Reveal when the room is ready."
        if controller.invited:
            return (f"The room is invited (Workshop ▸ Show the invitation). "
                    f"{phones_joined(controller.phones)} {count}.")
        return f"The room is not invited (Workshop ▸ Invite the room…). {count}."

    def _fill_inbox(self) -> None:
        chosen = set(self.selected_numbers())
        numbers = list(self.controller.pending)
        shown = [self.list.item(i).data(NUMBER) for i in range(self.list.count())]
        if shown == numbers[:len(shown)] and all(
                self.list.item(i).text() == self.describe(self.controller.pending[n])
                for i, n in enumerate(shown)):
            start = len(shown)  # only new arrivals to add: the usual case, and cheap
        else:
            self.list.clear()
            start = 0
        for number in numbers[start:]:
            row = QListWidgetItem(self.describe(self.controller.pending[number]))
            row.setData(NUMBER, number)
            self.list.addItem(row)
            row.setSelected(number in chosen)

    def describe(self, item: Contribution) -> str:
        """A contribution in one line of plain words."""
        by = f" — {item.name}" if item.name else ""
        if item.kind == "connection":
            a, b = (self.controller.label_of(ref) for ref in item.ends)
            return f"“{a}” connects to “{b}”{by}"
        block = self.controller.block_name(item.block)
        ends = ", ".join(f"“{self.controller.label_of(ref)}”" for ref in item.ends)
        return f"“{item.label}” ({block})" + (f", connects to {ends}" if ends else "") + by

    def _fill_votes(self) -> None:
        self.votes.clear()
        tally = sorted(self.controller.votes.dots.items(), key=lambda kv: (-kv[1], kv[0]))
        for ref, dots in tally:
            mark = DOT * min(dots, MOST_DOTS_SHOWN) + (f" {dots}" if dots > MOST_DOTS_SHOWN
                                                      else "")
            self.votes.addItem(f"{mark}  {self.controller.label_of(ref)}")
        if not tally:
            self.votes.addItem("No dots yet")

    def _update_buttons(self) -> None:
        chosen = self.selected_numbers()
        visible = not self.controller.private
        one_piece = len(chosen) == 1 and self.controller.pending[chosen[0]].kind == "piece"
        self.buttons["accept"].setEnabled(visible and bool(chosen))
        self.buttons["reject"].setEnabled(visible and bool(chosen))
        self.buttons["merge"].setEnabled(visible and one_piece)
        self.buttons["edit"].setEnabled(visible and one_piece)
        self.buttons["accept_all"].setEnabled(visible and bool(self.controller.pending))

    def selected_numbers(self) -> list[int]:
        numbers = [item.data(NUMBER) for item in self.list.selectedItems()]
        return sorted(n for n in numbers if n in self.controller.pending)

    # --- what the buttons do ---------------------------------------------------------------

    def accept_selected(self) -> None:
        for number in self.selected_numbers():  # pieces before what connects to them
            if not self.controller.accept(number):
                break

    def reject_selected(self) -> None:
        for number in self.selected_numbers():
            self.controller.reject(number)

    def merge_selected(self) -> None:
        [number] = self.selected_numbers()
        item = self.controller.pending[number]
        nodes = self.controller.document.nodes()
        nodes.sort(key=lambda n: -difflib.SequenceMatcher(
            None, n.label.lower(), item.label.lower()).ratio())
        labels = [f"{n.label} ({self.controller.block_name(n.category)})" for n in nodes]
        if not labels:
            return
        dialog = MergeDialog(self, item.label, labels)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.merge(number, nodes[dialog.choice.currentIndex()].id)

    def edit_selected(self) -> None:
        numbers = self.selected_numbers()
        if len(numbers) != 1 or self.controller.pending[numbers[0]].kind != "piece":
            return
        dialog = EditDialog(self, self.controller.pending[numbers[0]],
                            self.controller.document.categories())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.label():
            self.controller.edit(numbers[0], dialog.label(), dialog.block())


class EditDialog(QDialog):
    """A piece's words and building block, before it goes on the map."""

    def __init__(self, parent, item: Contribution, categories):
        super().__init__(parent)
        self.setWindowTitle("Edit what the room sent")
        self.label_field = QLineEdit(item.label, maxLength=MAX_LABEL)
        self.blocks = QComboBox()
        for category in categories:
            self.blocks.addItem(category.name, category.key)
        self.blocks.setCurrentIndex(max(0, self.blocks.findData(item.block)))
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("Label", self.label_field)
        form.addRow("Building block", self.blocks)
        form.addRow(buttons)

    def label(self) -> str:
        return " ".join(self.label_field.text().split())

    def block(self) -> str:
        return self.blocks.currentData()


class MergeDialog(QDialog):
    """Which piece on the map the room's piece is. (QInputDialog would read the room's words
    as markup if they looked like it: here they are plain text.)"""

    def __init__(self, parent, label: str, choices: list[str]):
        super().__init__(parent)
        self.setWindowTitle("Merge into a piece on the map")
        question = QLabel(f"“{label}” is the same as:", wordWrap=True)
        question.setTextFormat(Qt.TextFormat.PlainText)
        self.choice = QComboBox()
        self.choice.addItems(choices)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.choice)
        layout.addWidget(buttons)


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, accepting or rejecting ``dialog``."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                               QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
