"""Small form pages for the inspector: each field shows a value and reports when it is edited.

A field reports once, when the user is done with it (Enter, leaving the field, choosing an
item, ticking a box), so one edit is one undo step, not one per keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.limits import limit_length


class TextBox(QPlainTextEdit):
    """A few lines of text that report ``done`` when the user leaves them."""

    done = Signal()

    def __init__(self, parent=None, lines: int = 3):
        super().__init__(parent)
        self.lines = lines
        self.setTabChangesFocus(True)
        self._fit_lines()

    def _fit_lines(self) -> None:
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.lines + 12)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the projector theme's larger text
            self._fit_lines()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.done.emit()


@dataclass
class Field:
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]


class FormPage(QWidget):
    """A form of fields; ``on_change(name, value)`` is called when one is edited."""

    def __init__(self, on_change: Callable[[str, Any], None], parent=None, stretch=True):
        super().__init__(parent)
        self.on_change = on_change
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        if stretch:  # fields at the top, not spread over a tall panel
            outer.addStretch(1)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, Field] = {}
        self._loading = False
        self._shown: dict[str, Any] = {}  # what each field showed when last loaded

    def heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        bold = QFont()  # only the weight: the size still follows the theme's
        bold.setBold(True)
        label.setFont(bold)
        self.form.addRow(label)
        return label

    def add(self, name: str, label: str, field: Field, done, tip: str = "") -> None:
        field.widget.setObjectName(f"field_{name}")
        field.widget.setToolTip(tip)
        self.fields[name] = field
        self.form.addRow(label, field.widget)
        done.connect(lambda *_args: self._edited(name))

    def line(self, name: str, label: str, tip: str = "", limit: int | None = None) -> QLineEdit:
        """One line of text; with ``limit``, it stops there and counts as the limit nears."""
        edit = QLineEdit(self)

        def put(text):
            edit.setText(text)
            edit.setCursorPosition(0)  # a long name shows its beginning, not its end

        self.add(name, label, Field(edit, edit.text, put), edit.editingFinished, tip)
        if limit is not None:  # the count goes under the field, in a row of its own
            count = QLabel(self)
            self.form.addRow("", count)
            limit_length(edit, limit, count, lambda shown: self.form.setRowVisible(count, shown))
        return edit

    def text(self, name: str, label: str, tip: str = "", lines: int = 3) -> TextBox:
        box = TextBox(self, lines)
        self.add(name, label, Field(box, box.toPlainText, box.setPlainText), box.done, tip)
        return box

    def check(self, name: str, label: str, tip: str = "") -> QCheckBox:
        box = QCheckBox(label, self)
        self.add(name, "", Field(box, box.isChecked, box.setChecked), box.clicked, tip)
        return box

    def number(self, name: str, label: str, low: int, high: int, tip: str = "",
               none_text: str = "") -> QSpinBox:
        """A whole number; with ``none_text``, one below ``low`` means "not known" (None)."""
        spin = QSpinBox(self)
        spin.setRange(low - 1 if none_text else low, high)
        spin.setSpecialValueText(none_text)
        unknown = low - 1

        def get():
            return None if none_text and spin.value() == unknown else spin.value()

        def put(value):
            spin.setValue(unknown if value is None else int(value))

        self.add(name, label, Field(spin, get, put), spin.editingFinished, tip)
        return spin

    def choice(self, name: str, label: str, editable: bool = False, tip: str = "") -> QComboBox:
        """A list to choose from; editable ones (kinds) also take any text typed."""
        combo = QComboBox(self)
        combo.setEditable(editable)
        if editable:
            field = Field(combo, combo.currentText, combo.setEditText)
            done = combo.lineEdit().editingFinished
        else:
            field = Field(combo, combo.currentData, lambda v: combo.setCurrentIndex(
                max(0, combo.findData(v))))
            done = combo.activated
        self.add(name, label, field, done, tip)
        if editable:  # choosing a suggestion from the list counts as done too
            combo.activated.connect(lambda *_args: self._edited(name))
        return combo

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Wrapped text needs new heights, and a hidden page is not told (a theme chosen
            # before the window shows would leave lines overlapping).
            self.form.invalidate()

    def load(self, values: dict[str, Any], keep_focused: bool = False) -> None:
        """Show ``values`` without reporting them as edits."""
        self._loading = True
        try:
            for name, value in values.items():
                if not (keep_focused and self._being_typed(name)):
                    self.fields[name].set(value)
                    self._shown[name] = self.fields[name].get()
        finally:
            self._loading = False

    def _being_typed(self, name: str) -> bool:
        """Whether the user is part-way through changing this field (leave it alone)."""
        field = self.fields[name]
        return field.widget.hasFocus() and field.get() != self._shown.get(name)

    def _edited(self, name: str) -> None:
        if not self._loading:
            self.on_change(name, self.fields[name].get())
