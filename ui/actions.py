"""Every menu command and its shortcut, declared in one table, and the code that builds the menus.

A command names the main-window method it calls; ``build_menus`` wires them up. Adding a command
is adding a row here and a method on the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass(frozen=True)
class Command:
    """One menu entry: what it says, its shortcuts, and the window method it calls."""

    key: str
    text: str
    shortcuts: tuple[str, ...]
    slot: str  # a window method, or "part.method" for a part the window owns
    tip: str = ""
    argument: str | None = None  # passed to the slot (e.g. which theme)
    group: str = ""  # commands in one group are checkable, one checked at a time


SEPARATOR = "-"
RECENT = "recent"  # where the Open Recent submenu goes; the window fills it


MENUS: tuple[tuple[str, tuple], ...] = (
    ("&File", (
        Command("new", "&New map", ("Ctrl+N",), "new_map", "Start an empty map"),
        Command("open", "&Open…", ("Ctrl+O",), "open_map_dialog",
                "Open an Ecomap map, or import a map saved as JSON"),
        RECENT,
        SEPARATOR,
        Command("close", "&Close map", ("Ctrl+W",), "close_map", "Close this map"),
        Command("quit", "&Quit", ("Ctrl+Q",), "close", "Close Ecomap"),
    )),
    ("&View", (
        Command("zoom_in", "Zoom &in", ("Ctrl++", "Ctrl+="), "zoom_in", "Show the map larger"),
        Command("zoom_out", "Zoom &out", ("Ctrl+-",), "zoom_out", "Show more of the map"),
        Command("fit", "&Fit to window", ("Ctrl+0",), "fit_to_window",
                "Show the whole map"),
        Command("actual_size", "&Actual size", ("Ctrl+1",), "actual_size",
                "Show the map at 100%"),
        SEPARATOR,
        Command("theme_light", "&Light theme", ("Ctrl+Alt+1",), "set_theme",
                "Dark text on a light canvas", "light", "theme"),
        Command("theme_dark", "&Dark theme", ("Ctrl+Alt+2",), "set_theme",
                "Light text on a dark canvas, easy on the eyes", "dark", "theme"),
        Command("theme_projector", "&Projector theme", ("Ctrl+Alt+3",), "set_theme",
                "High contrast, large labels, thick lines: for a room", "projector", "theme"),
        SEPARATOR,
        "docks",  # the window adds show/hide entries for its panels here
    )),
)


def build_menus(window: QMainWindow) -> dict[str, QAction]:
    """Create the menus of ``MENUS`` on ``window``; return the actions by key."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(title)
        for entry in entries:
            _add_entry(window, menu, entry, actions, groups)
    return actions


def _add_entry(window, menu: QMenu, entry, actions: dict, groups: dict) -> None:
    if entry == SEPARATOR:
        menu.addSeparator()
    elif isinstance(entry, str):
        sub = menu.addMenu("Open &Recent") if entry == RECENT else menu
        actions[entry] = sub.menuAction() if entry == RECENT else menu.menuAction()
    else:
        action = _action(window, entry, groups)
        menu.addAction(action)
        actions[entry.key] = action


def _action(window, command: Command, groups: dict) -> QAction:
    action = QAction(command.text, window)
    action.setObjectName(command.key)
    action.setShortcuts([QKeySequence(s) for s in command.shortcuts])
    action.setStatusTip(command.tip)
    slot = resolve_slot(window, command.slot)
    if command.argument is None:
        action.triggered.connect(lambda _checked=False: slot())
    else:
        action.triggered.connect(lambda _checked=False, arg=command.argument: slot(arg))
    if command.group:
        action.setCheckable(True)
        groups.setdefault(command.group, QActionGroup(window)).addAction(action)
    return action


def resolve_slot(window, path: str):
    """``"zoom_in"`` is ``window.zoom_in``; ``"editor.add_node"`` is ``window.editor.add_node``."""
    target = window
    for name in path.split("."):
        target = getattr(target, name)
    return target
