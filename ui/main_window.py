"""The main window: the canvas, the Blocks panel, the menus, the status bar, one open map."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from app import collector, files, recovery
from app.document import MapDocument
from app.errors import DamagedMap, EcomapError, StorageFailed
from ui import background, dialogs
from ui.actions import RECENT, build_menus
from ui.canvas.scene import MapScene
from ui.canvas.view import MapView
from ui.editor import Editor
from ui.exports import MapExports
from ui.findings_controller import FindingsController
from ui.history_controller import HistoryController
from ui.importer import Importer
from ui.map_files import MapFiles
from ui.panels.blocks import BlocksPanel
from ui.panels.column import RightColumn
from ui.room.controller import RoomController
from ui.settings import RecentMaps
from ui.theme import DEFAULT_THEME, LIGHT, dress_application, theme_named
from ui.ways_back import offer_choices, offer_ways_back
from ui.welcome import WelcomeCard
from ui.workshop import Workshop

APP_NAME = "Ecomap"
NARROW_WINDOW = 1300  # below this width a first layout leaves out the Blocks panel
LARGE_FILE = 300_000  # bytes (some 800 nodes): a map this big is read in a worker thread
LARGE_MAP = 3000  # nodes and connections: the window breathes while their items are made


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
        self.history = HistoryController(self)
        self.exports = MapExports(self)
        self.files = MapFiles(self)
        self.importer = Importer(self)
        self.room = RoomController(self)
        self.welcome = WelcomeCard(self, self.view)
        self.workshop = Workshop(self)
        self.commands = build_menus(self)
        self.editor.wire(self.commands)
        self.workshop.wire(self.commands)
        self._finish_menus()
        self._add_status_bar()
        dress_application(self.scene.theme)  # the panels match the canvas from the start
        self.scene.contents_changed.connect(self.update_status)
        self.view.zoom_changed.connect(self.update_status)
        self._restore_geometry()
        self.welcome.set_theme(self.scene.theme)
        self.update_title()
        self._show_welcome()

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
        self.room.add_to_menus(self.commands)
        self.history.add_to_menus(self.commands)
        self.column = RightColumn(self, self.findings.dock, self.editor.inspector_dock)
        self.column.set_text_scale(self.scene.theme.panel_px / LIGHT.panel_px)
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
        if getattr(self, "_first_layout", False):
            if self.width() < NARROW_WINDOW:
                self.blocks_dock.hide()
            self.column.lay_out()
        elif not event.spontaneous():  # laid out as last time: keep it, once it has settled
            QTimer.singleShot(0, self.column.adopt)
        self._first_layout = False
        super().showEvent(event)

    # --- opening and closing maps ----------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a map file chosen by the user. A .json opens as a new map, after asking how
        (the question does not block: False until it is answered)."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            return self.files.open_json(path)
        if self._is_open(path):
            self.statusBar().showMessage(f"“{path.name}” is open already.", 8000)
            return True
        try:
            self.set_document(open_document(path))
        except EcomapError as error:
            self.could_not_open(path, error)
            return False
        return True

    def open_from_command_line(self, path: Path) -> bool:
        """Open the map named on the command line; a .json opens as an untitled copy (or, if a
        map was made from it before, the user is asked which to open)."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            return self.files.open_json(path, ask=False)
        try:
            self.set_document(open_document(path))
        except EcomapError as error:
            print(f"ecomap-gui: {error}", file=sys.stderr)
            self.could_not_open(path, error)
            return False
        return True

    def _is_open(self, path: Path) -> bool:
        if self.document is None:
            return False
        try:
            return path.resolve() == self.document.path.resolve() or \
                path.samefile(self.document.path)
        except OSError:
            return False

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
            self.set_document(open_document(restored))
        except EcomapError as error:
            self.show_problem("Could not restore the map", error)
            return
        self.editor.show_message(f"Restored as “{restored.name}”; “{damaged.name}” is "
                                 "untouched.")

    def set_document(self, document: MapDocument, carry_on: bool = False) -> None:
        """Show ``document`` in this window (the previous map is closed). ``carry_on``: it is
        the same map saved under a new name, so the undo history, the selection and the view
        go on as they were."""
        kept = self._view_state() if carry_on else None
        self._close_document(keep_history=carry_on)
        self.document = document
        document.add_listener(self._on_document_changed)
        self.welcome.hide()
        # The collector waits until the map's objects, which live until it closes, are settled
        # out of its sight (see app.collector): on a large map a pass over them all in between
        # would freeze the window for a quarter of a second.
        with collector.held():
            self.workshop.set_document(document)  # first: items are made at the map's label size
            self._show_on_canvas(document)
            self.editor.set_document(document, keep_history=carry_on)
            self.findings.set_document(document)
            self.room.set_document(document)
            self.history.set_document(document)
            if kept is None:
                self.view.fit_to_window()
            else:
                self._restore_view_state(kept)
            if self.remember:
                self.recent.add(document.path)
            self.update_title()
            self._update_enabled()
            collector.settle()

    def _close_document(self, keep_history: bool = False) -> None:
        """Let go of the map; every part of the window forgets it before it is closed, so
        none of them can still offer to change it."""
        closing, self.document = self.document, None
        if closing is not None:
            self.findings.set_document(None)
            self.room.set_document(None, carry_on=keep_history)
            self.history.set_document(None)
            self.editor.set_document(None, keep_history=keep_history)
            self._show_on_canvas(None)
            self.workshop.set_document(None)  # after the items went: nothing to restyle
            closing.close()
            collector.unsettle()

    def _show_on_canvas(self, document: MapDocument | None) -> None:
        """Put ``document``'s items (or none) on the canvas. A large map's 40,000 items take a
        couple of seconds to make or let go of: the window breathes meanwhile."""
        items = len(self.scene.item_for_node) + len(self.scene.item_for_edge)
        if document is not None:
            items += len(document.node_ids()) + len(document.edges())
        if items < LARGE_MAP:
            self.scene.set_document(document)
            return
        with background.Breather(quiet=[self.view], before_each=self.scene.index_now) as breathe:
            self.scene.set_document(document, breathe)

    def close_map(self, anyway: bool = False) -> None:
        """Close the open map; while contributions from the room still wait to be decided,
        first ask (the question does not block) unless ``anyway``."""
        if not anyway and self._ask_before_losing_the_room(lambda: self.close_map(anyway=True)):
            return
        self._close_document()
        self.update_title()
        self.update_status()
        self._update_enabled()
        self._show_welcome()

    def _show_welcome(self) -> None:
        if self.document is None:
            self.welcome.show_for(self.recent.paths())

    def _view_state(self) -> tuple:
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        return (self.view.zoom(), centre, self.editor.selected_node_ids(),
                self.editor.selected_edge_ids())

    def _restore_view_state(self, state: tuple) -> None:
        zoom, centre, node_ids, edge_ids = state
        self.view.set_zoom(zoom)
        self.view.centerOn(centre)
        self.editor.select(node_ids, edge_ids)

    def new_map(self) -> None:
        try:
            self.set_document(MapDocument.open(files.create_untitled()))
        except EcomapError as error:
            self.show_problem("Could not start a new map", error)

    def open_map_dialog(self, folder: Path | None = None) -> None:
        """Choose a map to open, starting beside the map open now or the last one opened."""
        if folder is None:
            latest = [self.document.path] if self.document is not None else self.recent.paths()
            folder = latest[0].parent if latest else None
        path = dialogs.choose_map_file(self, str(folder) if folder else "")
        if path is not None:
            self.open_path(path)

    def open_untitled_dialog(self) -> None:
        """Choose among the untitled maps: the new maps not yet given a place."""
        self.open_map_dialog(files.untitled_dir())

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
        self.scene.set_theme(self.workshop.labels.look(theme_named(key)))
        dress_application(self.scene.theme)
        self.column.set_text_scale(self.scene.theme.panel_px / LIGHT.panel_px)
        self.commands[f"theme_{self.scene.theme.key}"].setChecked(True)
        self.welcome.set_theme(self.scene.theme)
        if self.remember:
            self.settings.setValue("view/theme", self.scene.theme.key)

    # --- what the window shows about the map -----------------------------------------------

    def _on_document_changed(self, changed) -> None:
        if changed.map:
            self.update_title()

    def update_title(self) -> None:
        """The map's name: the system adds " — Ecomap" (the application's display name), so
        the title bar reads "Acme — Ecomap"; with no map open, just "Ecomap"."""
        name = self.document.name if self.document is not None else ""
        self.setWindowTitle(name.strip() or APP_NAME)

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
        for key in ("close", "save", "save_as", "save_snapshot", "compare", "timeline",
                    "zoom_in", "zoom_out", "fit", "actual_size"):
            self.commands[key].setEnabled(has_map)
        self.exports.update_enabled()

    # --- Qt overrides ----------------------------------------------------------------------

    def _ask_before_losing_the_room(self, go_on) -> bool:
        """Whether closing waits on a question: what the room sent, not yet accepted or
        rejected, would be lost. ``go_on`` closes anyway."""
        waiting = len(self.room.pending)
        if not waiting or self.document is None:
            return False
        them = "it" if waiting == 1 else "them"
        self.room_question = offer_choices(
            self, "What the room sent is still waiting",
            f"{waiting} contribution{'s' if waiting != 1 else ''} from the room "
            f"{'is' if waiting == 1 else 'are'} still in the Room panel, neither accepted nor "
            f"rejected. If the map closes now, {'it' if waiting == 1 else 'they'} will be lost.",
            [("Close anyway", f"let {them} go", go_on),
             ("Keep the map open", "decide in the Room panel first", self.room.show_panel)],
            name="room-waiting")
        return True

    def _close_anyway(self) -> None:
        self.room.pending.clear()  # the question was answered: let them go
        self.close()

    def closeEvent(self, event) -> None:
        if self._ask_before_losing_the_room(self._close_anyway):
            event.ignore()
            return
        self.workshop.presenter.leave()  # the layout remembered is the window's own
        if self.remember:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/state", self.saveState())
            self.settings.sync()
        self.exports.shutdown()
        self.importer.shutdown()
        self.room.shutdown()
        self.editor.arrange.shutdown()
        self._close_document()
        self.findings.shutdown()
        super().closeEvent(event)


def open_document(path: Path) -> MapDocument:
    """The map at ``path`` opened for editing; a large one is read and checked in a worker
    thread (a second for 10,000 nodes) while the window keeps painting."""
    try:
        large = Path(path).stat().st_size >= LARGE_FILE
    except OSError:  # MapDocument.open says what is wrong with it
        large = False
    if large:
        return background.wait_for(lambda: MapDocument.open(path))
    return MapDocument.open(path)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
