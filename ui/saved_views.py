"""Saved views in the window: Workshop ▸ Save view…, the Views menu, V / Shift+V to step through
them (PageDown / PageUp while presenting), and Manage views… to rename or delete one.

A view keeps what the canvas shows now: the filter (Map ▸ Filter…) or the focus (F), and the
part of the map in sight. Showing a view fades what it leaves out, as a filter does; Esc shows
everything again. Saving, renaming and deleting are each one undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QVBoxLayout,
)

from app.domain import MAX_NAME
from app.ops import UpdateSetting
from app.views import SETTING, View, fresh_name, shown_by, stored, views_of


class SavedViews(QObject):
    """The open map's views, and which one the canvas shows."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.current: int | None = None  # the view shown last, for V / Shift+V
        self.menu = QMenu("&Views", window)
        self.menu.setObjectName("views_menu")
        self.menu.aboutToShow.connect(self._fill_menu)

    @property
    def editor(self):
        return self.window.editor

    def views(self) -> list[View]:
        document = self.window.document
        return views_of(document.properties()["settings"]) if document is not None else []

    # --- what the canvas shows now, as a view ----------------------------------------------

    def current_view(self, name: str) -> View:
        """The canvas as it is now: its filter or focus and the part of the map in sight."""
        finder, view = self.editor.finder, self.window.view
        rules = {k: (tuple(v) if isinstance(v, list) else v)
                 for k, v in (finder.filtered or {}).items() if v is not None}
        centre = view.mapToScene(view.viewport().rect().center())
        zoom = max(view.zoom(), 1e-6)
        size = (round(view.viewport().width() / zoom, 1), round(view.viewport().height() / zoom, 1))
        focus = finder.focus_on if finder.focus_depth else None
        return View(name, focus=focus, depth=max(1, finder.focus_depth),
                    centre=(round(centre.x(), 1), round(centre.y(), 1)), size=size, **rules)

    # --- commands ----------------------------------------------------------------------------

    def save_view(self) -> None:
        """Save view…: name what the canvas shows now and keep it with the map."""
        if self.window.document is None:
            return
        views = self.views()
        name, chosen = QInputDialog.getText(self.window, "Save view",
                                            "Name of the view (e.g. “Around the LMS”):",
                                            QLineEdit.EchoMode.Normal, fresh_name(views))
        if chosen and name.strip():
            self.add(self.current_view(name.strip()[:MAX_NAME]))

    def add(self, view: View) -> bool:
        views = self.views()
        if self._change(views + [view], f"Save view “{view.name}”"):
            self.current = len(views)
            self.editor.show_message(f"View “{view.name}” saved with the map · V steps "
                                     "through the views")
            return True
        return False

    def rename(self, index: int, name: str) -> bool:
        views = self.views()
        old = views[index]
        views[index] = View(name, old.categories, old.kinds, old.tags, old.informal, old.focus,
                            old.depth, old.centre, old.size)
        return self._change(views, f"Rename view “{old.name}”")

    def delete(self, index: int) -> bool:
        views = self.views()
        gone = views.pop(index)
        self.current = None
        return self._change(views, f"Delete view “{gone.name}”")

    def _change(self, views: list[View], text: str) -> bool:
        return self.editor.run(UpdateSetting(SETTING, stored(views) or None), text)

    def show(self, index: int) -> bool:
        """Show view ``index``: fade what it leaves out and bring its part of the map into sight."""
        views = self.views()
        if not 0 <= index < len(views):
            return False
        view, finder = views[index], self.editor.finder
        finder.forget()
        self.window.findings.clear_highlight()
        self.window.scene.emphasise(shown_by(self.window.document.snapshot(), view))
        finder.filtered = {k: getattr(view, k) for k in ("categories", "kinds", "tags",
                                                         "informal")} if view.filtered else None
        finder.focus_on, finder.focus_depth = view.focus, view.depth if view.focus else 0
        self._frame(view)
        self.current = index
        finder.announce(f"View {index + 1} of {len(views)}: {view.name} · V next · Esc shows all")
        return True

    def _frame(self, view: View) -> None:
        canvas = self.window.view
        if view.centre is None or view.size is None:
            canvas.fit_to_window()
            return
        (x, y), (width, height) = view.centre, view.size
        area = QRectF(canvas.viewport().rect())
        canvas.set_zoom(min(area.width() / width, area.height() / height))
        canvas.centerOn(QPointF(x, y))

    def step(self, direction: int) -> bool:
        """The next (1) or previous (−1) view; False when there is none that way."""
        count = len(self.views())
        if not count:
            self.editor.show_message("This map has no saved views yet: Workshop ▸ Save view… "
                                     "keeps what the canvas shows now.")
            return False
        index = (-1 if direction > 0 else count) if self.current is None else self.current
        target = index + direction
        return 0 <= target < count and self.show(target)

    def next_view(self) -> None:
        self.step(1)

    def previous_view(self) -> None:
        self.step(-1)

    def manage(self) -> None:
        if self.window.document is not None:
            ManageViewsDialog(self).open()

    def _fill_menu(self) -> None:
        self.menu.clear()
        views = self.views()
        for index, view in enumerate(views):
            action = self.menu.addAction(view.name.replace("&", "&&"))
            action.triggered.connect(lambda _c=False, i=index: self.show(i))
        if not views:
            self.menu.addAction("No saved views yet").setEnabled(False)


class ManageViewsDialog(QDialog):
    """The map's views: show, rename or delete one."""

    def __init__(self, views: SavedViews):
        super().__init__(views.window)
        self.views = views
        self.setObjectName("manage_views")
        self.setWindowTitle("Saved views")
        self.list = QListWidget(self)
        buttons = QHBoxLayout()
        for text, slot in (("&Show", self.show_chosen), ("&Rename…", self.rename_chosen),
                           ("&Delete", self.delete_chosen)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.list.itemActivated.connect(lambda _item: self.show_chosen())
        self.fill()

    def fill(self) -> None:
        row = max(0, self.list.currentRow())
        self.list.clear()
        self.list.addItems([v.name for v in self.views.views()])
        self.list.setCurrentRow(min(row, self.list.count() - 1))

    def show_chosen(self) -> None:
        if self.list.currentRow() >= 0:
            self.views.show(self.list.currentRow())

    def rename_chosen(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        name, chosen = QInputDialog.getText(self, "Rename view", "New name:",
                                            QLineEdit.EchoMode.Normal,
                                            self.list.item(row).text())
        if chosen and name.strip():
            self.views.rename(row, name.strip()[:MAX_NAME])
            self.fill()

    def delete_chosen(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.views.delete(row)
            self.fill()
