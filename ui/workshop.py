"""The Workshop menu's parts, owned by the window as ``window.workshop``: presenting, the
findings walk, saved views, the label size and the timer (the table in ``ui.actions`` names
them, e.g. "workshop.presenter.toggle")."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from ui.label_size import LabelSize
from ui.presenting import Presenter, screens
from ui.saved_views import SavedViews
from ui.walkthrough import FindingsWalk
from ui.workshop_timer import WorkshopTimer

# Plain keys work only on the canvas, as the editor's do (typing in a panel stays typing).
CANVAS_KEYS = ("walk", "show_score", "next_view", "previous_view", "timer_toggle",
               "timer_minute")
MAP_COMMANDS = ("present", "walk", "save_view", "next_view", "previous_view", "manage_views",
                "labels_larger", "labels_smaller", "labels_normal")
MENU = "workshop"  # where the window's Workshop menu is in the command table


class Workshop(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.labels = LabelSize(window)
        self.views = SavedViews(window)
        self.walk = FindingsWalk(window)
        self.presenter = Presenter(window, self.walk, self.views)
        self.timer = WorkshopTimer(window)
        self.screens_menu = QMenu("Present &on", window)
        self.screens_menu.setObjectName("present_on")
        self.screens_menu.aboutToShow.connect(self._fill_screens)

    def wire(self, commands: dict) -> None:
        """Plain keys to the canvas; the Views and Present-on menus into the Workshop menu."""
        self.commands = commands
        for key in CANVAS_KEYS:
            action = commands[key]
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.window.view.addAction(action)
        menu = commands[MENU].menu()
        menu.insertMenu(commands["walk"], self.screens_menu)
        menu.insertMenu(commands["next_view"], self.views.menu)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._offer_screens)
        app.screenRemoved.connect(self._offer_screens)
        self._offer_screens()
        self.set_document(None)

    def _offer_screens(self, *_args) -> None:
        """"Present on" only when there is a choice (a projector plugged in as a screen)."""
        self.screens_menu.menuAction().setVisible(len(screens()) > 1)

    def set_document(self, document) -> None:
        """A map was opened (or closed, ``None``)."""
        self.presenter.leave()
        self.views.current = None
        self.labels.set_document(document)
        if hasattr(self, "commands"):
            for key in MAP_COMMANDS:
                self.commands[key].setEnabled(document is not None)
            self.screens_menu.setEnabled(document is not None)
            self.views.menu.setEnabled(document is not None)

    def _fill_screens(self) -> None:
        self.screens_menu.clear()
        for screen in screens():
            size = screen.size()
            action = self.screens_menu.addAction(f"{screen.name()} ({size.width()}×"
                                                 f"{size.height()})")
            action.triggered.connect(lambda _c=False, s=screen: self.presenter.start(s))
