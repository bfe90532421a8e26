"""Find a node by label, kind or tag (Ctrl+F), and filter the canvas by what nodes are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from app.search import filter_nodes, find_nodes, kinds_in_use, tags_in_use

MAX_RESULTS = 200
ANY = "(any)"


class FindDialog(QDialog):
    """Type to list matching nodes; Enter or a click jumps to one and selects it."""

    def __init__(self, editor):
        super().__init__(editor.window)
        self.editor = editor
        self.setObjectName("find_dialog")
        self.setWindowTitle("Find a node")
        self.text = QLineEdit(self)
        self.text.setObjectName("find_text")
        self.text.setPlaceholderText("Label, kind or tag")
        self.results = QListWidget(self)
        self.results.setObjectName("find_results")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.results)
        self.text.textChanged.connect(self.search)
        self.text.returnPressed.connect(self.jump)
        self.results.itemActivated.connect(self.jump)
        self.resize(360, 320)

    def start(self) -> None:
        self.text.selectAll()
        self.search(self.text.text())
        self.show()
        self.raise_()
        self.activateWindow()
        self.text.setFocus()

    def search(self, text: str) -> None:
        self.results.clear()
        found = find_nodes(self.editor.document.snapshot(), text)
        categories = {c.key: c.name for c in self.editor.categories()}
        for node in found[:MAX_RESULTS]:
            detail = " · ".join(p for p in (categories.get(node.category, ""), node.kind) if p)
            row = QListWidgetItem(f"{node.label}  —  {detail}" if detail else node.label)
            row.setData(Qt.ItemDataRole.UserRole, node.id)
            self.results.addItem(row)
        if self.results.count():
            self.results.setCurrentRow(0)

    def jump(self, *_args) -> None:
        row = self.results.currentItem()
        if row is not None:
            self.editor.finder.jump_to(row.data(Qt.ItemDataRole.UserRole))
            self.hide()
            self.editor.view.setFocus()


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
        shown = filter_nodes(
            self.editor.document.snapshot(),
            categories=None if len(chosen) == len(self.blocks) else chosen,
            kinds=None if kind == ANY else [kind], informal=informal,
            tags=None if tag == ANY else [tag])
        self.editor.scene.emphasise(shown)
        self.editor.show_message(f"Filter: {len(shown)} nodes shown · Esc shows all")
