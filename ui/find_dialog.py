"""Find a node by label, kind or tag (Ctrl+F), and filter the canvas by what nodes are.

The same finder names the node to connect to when C is pressed with one node selected, so the
keyboard alone can select several nodes and connect any two.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from app.search import filter_nodes, find_nodes, kinds_in_use, tags_in_use

MAX_RESULTS = 200
ANY = "(any)"
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_FIND_HINT = "Enter: go to it · Shift+Enter: add it to the selection · ↓↑: next, previous"


class FindDialog(QDialog):
    """Type to list matching nodes; Enter or a double-click jumps to one and selects it,
    Shift+Enter adds it to the selection. Started by C, Enter connects instead."""

    def __init__(self, editor):
        super().__init__(editor.window)
        self.editor = editor
        self.connect_from: str | None = None  # the node C was pressed on
        self.setObjectName("find_dialog")
        self.text = QLineEdit(self)
        self.text.setObjectName("find_text")
        self.text.setPlaceholderText("Label, kind or tag")
        self.results = QListWidget(self)
        self.results.setObjectName("find_results")
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.results)
        layout.addWidget(self.hint)
        self.text.textChanged.connect(self.search)
        self.results.itemActivated.connect(lambda _row: self.choose())
        for widget in (self.text, self.results):
            widget.installEventFilter(self)
        self.resize(380, 340)

    def start(self, connect_from: str | None = None) -> None:
        """Show the dialog to find a node, or (``connect_from``) the node to connect it to."""
        self.connect_from = connect_from
        if connect_from is None:
            self.setWindowTitle("Find a node")
            self.hint.setText(_FIND_HINT)
        else:
            label = self.editor.document.node(connect_from).label
            self.setWindowTitle(f"Connect “{label}” to…")
            self.hint.setText(f"Type the label of the node to connect “{label}” to. "
                              "Enter: connect · Esc: cancel")
        self.text.selectAll()
        self.search(self.text.text())
        self.show()
        self.raise_()
        self.activateWindow()
        self.text.setFocus()

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        if event.key() in _ENTER:
            self.choose(add=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return True
        if watched is self.text and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = self.results.currentRow() + step
            if 0 <= row < self.results.count():
                self.results.setCurrentRow(row)
            return True
        return False

    def search(self, text: str) -> None:
        self.results.clear()
        found = find_nodes(self.editor.document.snapshot(), text)
        found = [n for n in found if n.id != self.connect_from]
        categories = {c.key: c.name for c in self.editor.categories()}
        for node in found[:MAX_RESULTS]:
            detail = " · ".join(p for p in (categories.get(node.category, ""), node.kind) if p)
            row = QListWidgetItem(f"{node.label}  —  {detail}" if detail else node.label)
            row.setData(Qt.ItemDataRole.UserRole, node.id)
            self.results.addItem(row)
        if self.results.count():
            self.results.setCurrentRow(0)

    def choose(self, add: bool = False) -> None:
        """Go to the chosen node (``add``: add it to the selection), or connect to it."""
        row = self.results.currentItem()
        if row is None:
            return
        node_id = row.data(Qt.ItemDataRole.UserRole)
        self.hide()
        self.editor.window.activateWindow()  # the keys go back to the map
        self.editor.view.setFocus()
        if self.connect_from is not None and not self.editor.document.has_node(
                self.connect_from):  # taken back (Edit ▸ Undo) while the dialog was open
            self.editor.show_message("Not connected: the node to connect from is gone.")
        elif self.connect_from is not None:
            self.editor.connect_nodes(self.connect_from, node_id)
        else:
            self.editor.finder.jump_to(node_id, add)


class FilterDialog(QDialog):
    """Show only nodes of some building blocks, a kind, formal or informal, or a tag."""

    def __init__(self, editor):
        super().__init__(editor.window)
        self.editor = editor
        self.setObjectName("filter_dialog")
        self.setWindowTitle("Filter the map")
        data = editor.document.snapshot()
        form = QFormLayout(self)
        self.blocks = {}
        for cat in data.categories:
            box = QCheckBox(cat.name, self)
            box.setChecked(True)
            self.blocks[cat.key] = box
            form.addRow("" if len(self.blocks) > 1 else "Building blocks", box)
        self.kind = self._combo(kinds_in_use(data))
        self.informal = self._combo(["informal only", "formal only"])
        self.tag = self._combo(tags_in_use(data))
        form.addRow("Kind", self.kind)
        form.addRow("Learning", self.informal)
        form.addRow("Tag", self.tag)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Show")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.accepted.connect(self.apply)

    def _combo(self, values) -> QComboBox:
        combo = QComboBox(self)
        combo.addItems([ANY, *values])
        return combo

    def apply(self) -> None:
        chosen = [k for k, box in self.blocks.items() if box.isChecked()]
        informal = {1: True, 2: False}.get(self.informal.currentIndex())
        kind, tag = self.kind.currentText(), self.tag.currentText()
        rules = {"categories": None if len(chosen) == len(self.blocks) else chosen,
                 "kinds": None if kind == ANY else [kind], "informal": informal,
                 "tags": None if tag == ANY else [tag]}
        shown = filter_nodes(self.editor.document.snapshot(), **rules)
        self.editor.scene.emphasise(shown)
        finder = self.editor.finder
        finder.filtered, finder.focus_on, finder.focus_depth = rules, None, 0  # a view keeps it
        self.editor.finder.announce(f"Filter: {len(shown)} nodes shown · Esc shows all")
