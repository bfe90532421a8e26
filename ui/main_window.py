"""The main window: the canvas, the Blocks panel, the menus, the status bar, one open map."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from app import collector, files, recovery
from app.document import MapDocument
from app.errors import DamagedMap, EcomapError, StorageFailed
from ui import dialogs
from ui.actions import RECENT, build_menus
from ui.canvas.scene import MapScene
from ui.canvas.view import MapView
from ui.editor import Editor
from ui.exports import MapExports
from ui.findings_controller import FindingsController
from ui.panels.blocks import BlocksPanel
from ui.settings import RecentMaps
from ui.theme import DEFAULT_THEME, dress_application, theme_named
from ui.ways_back import offer_ways_back

APP_NAME = "Ecomap"
NARROW_WINDOW = 1300  # below this width a first layout leaves out the Blocks panel


class MainWindow(QMainWindow):
    """Shows one map at a time; every command is in ``ui.actions.MENUS``."""

    def __init__(self, settings: QSettings, remember: bool = True):
        super().__init__()
        self.settings = settings
        self.remember = remember  # False for screenshots: leave geometry and recent alone
        self.document: MapDocument | None = None
        self.recent = RecentMaps(settings)
        self.scene = MapScene(theme_named(str(settings.value("view/theme", DEFAULT_THEME.key))))
        self.view = MapView(self.scene, self)
        self.setCentralWidget(self.view)
        self._add_blocks_dock()
        self.editor = Editor(self)
        self.findings = FindingsController(self)
        self.exports = MapExports(self)
        self.commands = build_menus(self)
        self.editor.wire(self.commands)
        self._finish_menus()
        self._add_status_bar()
        dress_application(self.scene.theme)  # the panels match the canvas from the start
        self.scene.contents_changed.connect(self.update_status)
        self.view.zoom_changed.connect(self.update_status)
        self._restore_geometry()
        self.update_title()

    # --- building the window ---------------------------------------------------------------

    def _add_blocks_dock(self) -> None:
        self.blocks = BlocksPanel(self.scene)
        self.blocks_dock = QDockWidget("Blocks", self)
        self.blocks_dock.setObjectName("blocks")
        self.blocks_dock.setWidget(self.blocks)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.blocks_dock)
        # Narrow by default: on a 1024×768 projector every pixel of canvas counts.
        self.resizeDocks([self.blocks_dock], [180], Qt.Orientation.Horizontal)

    def _finish_menus(self) -> None:
        toggle = self.blocks_dock.toggleViewAction()
        toggle.setText("&Blocks panel")
        toggle.setShortcut("Ctrl+Shift+B")
        self.commands["docks"].menu().addAction(toggle)
        self.findings.add_to_menus(self.commands)
        self.recent_menu = self.commands[RECENT].menu()
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.commands[f"theme_{self.scene.theme.key}"].setChecked(True)
        self._wire_minimap()
        self._update_enabled()

    def _wire_minimap(self) -> None:
        """View ▸ Show minimap: on unless the user turned it off; M only while on the canvas,
        like the editor's other plain-key shortcuts."""
        action = self.commands["minimap"]
        action.setCheckable(True)
        action.setChecked(self.settings.value("view/minimap", True, type=bool))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(action)
        self.view.minimap.set_chosen(action.isChecked())

    def _add_status_bar(self) -> None:
        self.status_label = QLabel()
        self.status_label.setObjectName("map_status")
        self.statusBar().addPermanentWidget(self.status_label)

    def _restore_geometry(self) -> None:
        self.resize(1400, 900)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self._first_layout = state is None

    def showEvent(self, event) -> None:
        # A first run on a small screen (a 1024×768 projector): the canvas legend already
        # shows the blocks and their counts, so the map gets the Blocks panel's width.
        if getattr(self, "_first_layout", False) and self.width() < NARROW_WINDOW:
            self.blocks_dock.hide()
        self._first_layout = False
        super().showEvent(event)

    # --- opening and closing maps ----------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a map file chosen by the user; a .json is imported beside it after asking."""
        path = Path(path)
        try:
            if path.suffix.lower() == ".json":
                if not dialogs.ask_import_beside(self, path):
                    return False
                path = files.import_json_beside(path)
            self.set_document(MapDocument.open(path))
        except EcomapError as error:
            self.could_not_open(path, error)
            return False
        return True

    def open_from_command_line(self, path: Path) -> bool:
        """Open the map named on the command line; a .json opens as an untitled copy."""
        try:
            if Path(path).suffix.lower() == ".json":
                path = files.import_json_as_untitled(path)
            self.set_document(MapDocument.open(path))
        except EcomapError as error:
            print(f"ecomap-gui: {error}", file=sys.stderr)
            self.could_not_open(path, error)
            return False
        return True

    def could_not_open(self, path: Path, error: EcomapError):
        """Say why ``path`` was refused and offer what could be done next: a copy kept beside
        it, a JSON export, a snapshot still readable inside it, or another map."""
        self.last_problem = str(error)
        ways = recovery.recoveries_for(path) if isinstance(error, DamagedMap) else \
            recovery.copy_of(path) if isinstance(error, StorageFailed) else []
        choices = [(way.title, "as a new map beside it; this file is left as it is",
                    lambda w=way: self._restore(w, path)) for way in ways]
        choices.append(("Open another map…", "choose a map file", self.open_map_dialog))
        return offer_ways_back(self, "Could not open the map", error, choices)

    def _restore(self, way: recovery.Recovery, damaged: Path) -> None:
        try:
            restored = recovery.restore(way, damaged)
            self.set_document(MapDocument.open(restored))
        except EcomapError as error:
            self.show_problem("Could not restore the map", error)
            return
        self.editor.show_message(f"Restored as “{restored.name}”; “{damaged.name}” is "
                                 "untouched.")

    def set_document(self, document: MapDocument) -> None:
        """Show ``document`` in this window (the previous map is closed)."""
        self._close_document()
        self.document = document
        document.add_listener(self._on_document_changed)
        self.scene.set_document(document)
        self.editor.set_document(document)
        self.findings.set_document(document)
        self.view.fit_to_window()
        if self.remember:
            self.recent.add(document.path)
        self.update_title()
        self._update_enabled()
        collector.settle()  # the map's objects live until it closes: see app.collector

    def _close_document(self) -> None:
        if self.document is not None:
            self.findings.set_document(None)
            self.editor.set_document(None)
            self.scene.set_document(None)
            self.document.close()
            self.document = None
            collector.unsettle()

    def close_map(self) -> None:
        self._close_document()
        self.update_title()
        self.update_status()
        self._update_enabled()

    def new_map(self) -> None:
        try:
            self.set_document(MapDocument.open(files.create_untitled()))
        except EcomapError as error:
            self.show_problem("Could not start a new map", error)

    def open_map_dialog(self) -> None:
        folder = str(self.recent.paths()[0].parent) if self.recent.paths() else ""
        path = dialogs.choose_map_file(self, folder)
        if path is not None:
            self.open_path(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent.paths():
            action = self.recent_menu.addAction(path.name)
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_recent(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No maps opened yet").setEnabled(False)

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            self.recent.remove(path)
        self.open_path(path)

    def show_problem(self, title: str, error: Exception):
        """Route every user-facing problem through one place (tests watch ``last_problem``)."""
        self.last_problem = str(error)
        return dialogs.show_problem(self, title, error)

    # --- view commands (the table in ui.actions names these) -------------------------------

    def zoom_in(self) -> None:
        self.view.zoom_in()

    def zoom_out(self) -> None:
        self.view.zoom_out()

    def fit_to_window(self) -> None:
        self.view.fit_to_window()

    def actual_size(self) -> None:
        self.view.actual_size()

    def toggle_minimap(self) -> None:
        """Allow or forbid the minimap of large maps (remembered)."""
        chosen = self.commands["minimap"].isChecked()
        self.view.minimap.set_chosen(chosen)
        self.statusBar().showMessage(
            "Minimap on: it shows while part of a large map is out of sight" if chosen
            else "Minimap off", 8000)
        if self.remember:
            self.settings.setValue("view/minimap", chosen)

    def set_theme(self, key: str) -> None:
        """Switch the canvas and the panels to the light, dark or projector theme (remembered)."""
        self.scene.set_theme(theme_named(key))
        dress_application(self.scene.theme)
        self.commands[f"theme_{self.scene.theme.key}"].setChecked(True)
        if self.remember:
            self.settings.setValue("view/theme", self.scene.theme.key)

    # --- what the window shows about the map -----------------------------------------------

    def _on_document_changed(self, changed) -> None:
        if changed.map:
            self.update_title()

    def update_title(self) -> None:
        name = self.document.name if self.document is not None else None
        self.setWindowTitle(f"{APP_NAME} — {name}" if name else APP_NAME)

    def update_status(self, *_args) -> None:
        self.status_label.setText(self.status_text())

    def status_text(self) -> str:
        if self.document is None:
            return "No map open · Ctrl+N starts one, Ctrl+O opens one"
        nodes, edges = len(self.scene.item_for_node), len(self.scene.item_for_edge)
        zoom = round(self.view.zoom() * 100)
        return (f"{_count(nodes, 'node')} · {_count(edges, 'connection')} · "
                f"all changes saved · {zoom}%")

    def _update_enabled(self) -> None:
        has_map = self.document is not None
        for key in ("close", "zoom_in", "zoom_out", "fit", "actual_size"):
            self.commands[key].setEnabled(has_map)
        self.exports.update_enabled()

    # --- Qt overrides ----------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        if self.remember:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/state", self.saveState())
            self.settings.sync()
        self.exports.shutdown()
        self.editor.arrange.shutdown()
        self._close_document()
        self.findings.shutdown()
        super().closeEvent(event)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
