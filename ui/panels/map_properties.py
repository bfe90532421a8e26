"""The Inspector's page for the map itself: name, description, goals, building blocks and the
thresholds of the checks."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QGridLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import MAX_MAP_NAME, default_category, new_id
from app.ops import AddCategory, RemoveCategory, ReorderCategories, UpdateCategory
from ui.panels.blocks import swatch_icon
from ui.panels.fields import FormPage
from ui.panels.thresholds import ThresholdsPage

BUTTONS = (("Add…", "add"), ("Rename…", "rename"), ("Colour…", "recolour"),
           ("Move up", "up"), ("Move down", "down"), ("Remove…", "remove"))


class MapPage(QWidget):
    def __init__(self, editor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.form = FormPage(self._changed, self, stretch=False)
        self.form.heading("Map")
        self.form.line("name", "&Name", limit=MAX_MAP_NAME)
        self.form.text("description", "&Description")
        self.form.text("goals", "&Goals", "One goal per line")
        self.form.heading("Building blocks")
        self.blocks = QListWidget(self)
        self.blocks.setObjectName("map_blocks")
        self.blocks.setMaximumHeight(170)
        self.thresholds = ThresholdsPage(editor, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        layout.addWidget(self.blocks)
        layout.addLayout(self._buttons())
        layout.addWidget(self.thresholds)
        layout.addStretch(1)

    def _buttons(self) -> QGridLayout:
        grid = QGridLayout()
        for i, (text, name) in enumerate(BUTTONS):
            button = QPushButton(text, self)
            button.setObjectName(f"block_{name}")
            button.clicked.connect(getattr(self, f"{name}_block"))
            grid.addWidget(button, i // 2, i % 2)
        return grid

    def show_map(self, document, same: bool) -> None:
        props = document.properties()
        self.form.load({"name": props["name"], "description": props["description"],
                        "goals": "\n".join(props["goals"])}, keep_focused=same)
        row = self.blocks.currentRow()
        self.blocks.clear()
        for cat in document.categories():
            item = QListWidgetItem(swatch_icon(cat.color, cat.shape), cat.name)
            item.setData(Qt.ItemDataRole.UserRole, cat.key)
            self.blocks.addItem(item)
        self.blocks.setCurrentRow(min(row, self.blocks.count() - 1))
        self.thresholds.show_settings(props["settings"], keep_focused=same)

    def _changed(self, name: str, value) -> None:
        if name == "goals":
            value = tuple(g.strip() for g in value.splitlines() if g.strip())
        self.editor.update_map({name: value})

    # --- building blocks -------------------------------------------------------------------

    def _chosen(self):
        item = self.blocks.currentItem()
        if item is None:
            self.editor.show_message("Choose a building block in the list first.")
            return None
        key = item.data(Qt.ItemDataRole.UserRole)
        return next(c for c in self.editor.categories() if c.key == key)

    def add_block(self) -> None:
        name, ok = QInputDialog.getText(self, "Add building block", "Name of the new block:")
        if ok and name.strip():
            keys = {c.key for c in self.editor.categories()}
            key = _key_for(name, keys)
            category = default_category(key, name.strip(), index=len(keys))
            self.editor.run(AddCategory(category), f"Add block “{name.strip()}”")

    def rename_block(self) -> None:
        cat = self._chosen()
        if cat is not None:
            name, ok = QInputDialog.getText(self, "Rename building block", "New name:",
                                            text=cat.name)
            if ok and name.strip() and name.strip() != cat.name:
                self.editor.run(UpdateCategory(cat.key, {"name": name.strip()}), "Rename block")

    def recolour_block(self) -> None:
        cat = self._chosen()
        if cat is not None:
            colour = QColorDialog.getColor(QColor(cat.color), self, f"Colour of {cat.name}")
            if colour.isValid():
                self.editor.run(UpdateCategory(cat.key, {"color": colour.name().upper()}),
                                "Recolour block")

    def up_block(self) -> None:
        self._move_block(-1)

    def down_block(self) -> None:
        self._move_block(1)

    def _move_block(self, step: int) -> None:
        cat = self._chosen()
        keys = [c.key for c in self.editor.categories()]
        if cat is None or not 0 <= keys.index(cat.key) + step < len(keys):
            return
        i = keys.index(cat.key)
        keys[i], keys[i + step] = keys[i + step], keys[i]
        if self.editor.run(ReorderCategories(tuple(keys)), "Reorder blocks"):
            self.blocks.setCurrentRow(i + step)

    def remove_block(self) -> None:
        cat = self._chosen()
        if cat is None:
            return
        count = len(self.editor.document.nodes_in(cat.key))
        others = [c for c in self.editor.categories() if c.key != cat.key]
        target = self._ask_where_nodes_go(cat, count, others) if count else None
        if count and target is False:
            return
        self.editor.run(RemoveCategory(cat.key, target or None), f"Remove block “{cat.name}”")

    def _ask_where_nodes_go(self, cat, count: int, others):
        """None: delete the block's nodes; a key: move them there; False: cancelled."""
        delete = f"Delete its {count} node{'s' if count != 1 else ''} too"
        choices = [f"Move its nodes to {c.name}" for c in others] + [delete]
        answer, ok = QInputDialog.getItem(
            self, "Remove building block",
            f"“{cat.name}” has {count} node{'s' if count != 1 else ''}. What should happen to "
            "them? (Undo brings everything back.)", choices, 0, False)
        if not ok:
            return False
        return None if answer == delete else others[choices.index(answer)].key


def _key_for(name: str, taken: set[str]) -> str:
    key = re.sub(r"[^A-Za-z0-9_-]+", "_", name.strip().lower()).strip("_")[:36] or "block"
    return key if key not in taken else new_id(f"{key}_", taken)
