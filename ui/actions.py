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


# The room contributing from their phones (ui/room): kept in a block of its own.
ROOM_COMMANDS = (
    Command("invite_room", "&Invite the room…", ("Ctrl+Shift+R",), "room.invite_dialog",
            "Let people add pieces and vote from their phones: a QR code and an address to "
            "open, on this network only"),
    Command("room_invitation", "Show the in&vitation", ("Ctrl+Shift+J",), "room.show_invitation",
            "The QR code and the room's address, large, over the map"),
    Command("room_private", "&Private: hide what the room sends", (), "room.toggle_private",
            "The Room panel shows only how many contributions wait, until you reveal them"),
    Command("end_workshop", "&End the workshop", (), "room.end_workshop",
            "Stop the room's server: phones can send nothing more; the inbox stays"),
)

MENUS: tuple[tuple[str, tuple], ...] = (
    ("&File", (
        Command("new", "&New map", ("Ctrl+N",), "new_map", "Start an empty map"),
        Command("open", "&Open…", ("Ctrl+O",), "open_map_dialog",
                "Open an Ecomap map, or import a map saved as JSON"),
        RECENT,
        SEPARATOR,
        Command("save", "&Save", ("Ctrl+S",), "files.save",
                "Every change is saved as you make it: this says where"),
        Command("save_as", "Save &As…", ("Ctrl+Shift+S",), "files.save_as",
                "Save the map under a new name or in another folder, and go on working there"),
        Command("save_snapshot", "Save s&napshot…", ("Ctrl+Alt+S",), "history.save_snapshot",
                "Record the map as it is now under a name (“Q3 review”), to compare with later"),
        SEPARATOR,
        Command("import", "&Import…", ("Ctrl+Alt+I",), "importer.import_file_dialog",
                "Bring in a spreadsheet (.csv, .xlsx), a Kumu project, or a yEd or Gephi file, "
                "as a new map or into this one: you see what will change first"),
        Command("export_map", "&Export map…", ("Ctrl+E",), "exports.export_map",
                "Save the map as a PDF page, a PNG picture or an SVG drawing, a spreadsheet "
                "(.xlsx, .csv), or a network for yEd (.graphml) or Gephi (.gexf)"),
        Command("export_selection", "Export &selection…", (), "exports.export_selection",
                "Save only the selected nodes and the connections among them"),
        Command("export_report", "Export health &report…", ("Ctrl+Shift+E",),
                "exports.export_report", "Save the health report as a PDF a manager can read"),
        SEPARATOR,
        Command("close", "&Close map", ("Ctrl+W",), "close_map", "Close this map"),
        Command("quit", "&Quit", ("Ctrl+Q",), "close", "Close Ecomap"),
    )),
    ("&Edit", (
        Command("undo", "&Undo", ("Ctrl+Z",), "editor.undo", "Take back the last change"),
        Command("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "editor.redo",
                "Make the change you took back again"),
        SEPARATOR,
        Command("cut", "Cu&t", ("Ctrl+X",), "editor.clipboard.cut",
                "Move the selected nodes to the clipboard"),
        Command("copy", "&Copy", ("Ctrl+C",), "editor.clipboard.copy",
                "Copy the selected nodes and the connections among them"),
        Command("paste", "&Paste", ("Ctrl+V",), "editor.clipboard.paste",
                "Add the copied nodes to this map"),
        Command("duplicate", "D&uplicate", ("Ctrl+D",), "editor.clipboard.duplicate",
                "Add a copy of the selected nodes beside them"),
        Command("delete", "&Delete", ("Del", "Backspace"), "editor.delete",
                "Remove the selected nodes and connections"),
        Command("select_all", "Select &all", ("Ctrl+A",), "editor.select_all",
                "Select every node"),
        SEPARATOR,
        Command("add_node", "Add &node…", ("N",), "editor.add_node",
                "Type labels to add nodes of the current building block; Enter adds the next"),
        Command("block_1", "Add node of block &1", ("1",), "editor.add_block", "", "1"),
        Command("block_2", "Add node of block &2", ("2",), "editor.add_block", "", "2"),
        Command("block_3", "Add node of block &3", ("3",), "editor.add_block", "", "3"),
        Command("block_4", "Add node of block &4", ("4",), "editor.add_block", "", "4"),
        Command("block_5", "Add node of block &5", ("5",), "editor.add_block", "", "5"),
        Command("block_6", "Add node of block &6", ("6",), "editor.add_block", "", "6"),
        Command("rename", "&Rename node", ("F2",), "editor.rename",
                "Type a new label for the selected node where it stands"),
        Command("connect", "C&onnect nodes", ("C",), "editor.connect",
                "Connect the first selected node to the others; with one selected, type the "
                "label of the node to connect it to (or drag from a node's handle)"),
        Command("inspect", "&Edit in Inspector", ("Ctrl+I",), "editor.edit_in_inspector",
                "Type in the fields of the selected node or connection (of the map when "
                "nothing is selected); Esc goes back to the map"),
        SEPARATOR,
        Command("find", "&Find…", ("Ctrl+F",), "editor.finder.find",
                "Find nodes by label, kind or tag and jump to one"),
    )),
    ("&View", (
        Command("zoom_in", "Zoom &in", ("Ctrl++", "Ctrl+="), "zoom_in", "Show the map larger"),
        Command("zoom_out", "Zoom &out", ("Ctrl+-",), "zoom_out", "Show more of the map"),
        Command("fit", "&Fit to window", ("Ctrl+0",), "fit_to_window",
                "Show the whole map"),
        Command("actual_size", "&Actual size", ("Ctrl+1",), "actual_size",
                "Show the map at 100%"),
        Command("minimap", "Show &minimap", ("M",), "toggle_minimap",
                "A small picture of the whole map in the corner, while part of a large map "
                "is out of sight: click or drag in it to look elsewhere"),
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
    ("&Map", (
        Command("layout_force", "&Force-directed layout", ("Ctrl+Alt+F",),
                "editor.arrange.layout", "Connected nodes together, the rest apart", "force"),
        Command("layout_clusters", "Layout in &clusters", ("Ctrl+Alt+C",),
                "editor.arrange.layout", "Each building block in its own group", "clusters"),
        Command("layout_rings", "Layout in &rings", ("Ctrl+Alt+R",), "editor.arrange.layout",
                "People in the middle, each building block on a ring", "rings"),
        Command("layout_hierarchy", "&Hierarchical layout", ("Ctrl+Alt+H",),
                "editor.arrange.layout", "Directed maps in layers, top to bottom", "hierarchy"),
        Command("tidy", "&Tidy selection", ("Ctrl+T",), "editor.arrange.tidy",
                "Lay out only the selected nodes"),
        Command("remove_overlaps", "Remove &overlaps", ("Ctrl+Shift+O",),
                "editor.arrange.remove_overlaps", "Move nodes apart so no labels cover others"),
        Command("pin", "&Pin or unpin", ("P",), "editor.arrange.toggle_pin",
                "Layouts leave pinned nodes where you put them"),
        Command("snap", "&Snap to grid", ("Ctrl+G",), "editor.toggle_snap",
                "Moved and new nodes land on the grid"),
        SEPARATOR,
        Command("align_left", "Align &left", ("Alt+Shift+L",), "editor.arrange.align", "",
                "left"),
        Command("align_centre", "Align c&entres", ("Alt+Shift+C",), "editor.arrange.align", "",
                "centre"),
        Command("align_right", "Align r&ight", ("Alt+Shift+R",), "editor.arrange.align", "",
                "right"),
        Command("align_top", "Align &top", ("Alt+Shift+T",), "editor.arrange.align", "", "top"),
        Command("align_middle", "Align &middles", ("Alt+Shift+M",), "editor.arrange.align", "",
                "middle"),
        Command("align_bottom", "Align &bottom", ("Alt+Shift+B",), "editor.arrange.align", "",
                "bottom"),
        Command("distribute_x", "Distribute &across", ("Alt+Shift+H",),
                "editor.arrange.distribute", "Space the selected nodes evenly left to right", "x"),
        Command("distribute_y", "Distribute &down", ("Alt+Shift+V",),
                "editor.arrange.distribute", "Space the selected nodes evenly top to bottom", "y"),
        Command("nudge_left", "Move selection left", ("Left", "Shift+Left"), "editor.nudge",
                "Shift moves further", "left"),
        Command("nudge_right", "Move selection right", ("Right", "Shift+Right"), "editor.nudge",
                "Shift moves further", "right"),
        Command("nudge_up", "Move selection up", ("Up", "Shift+Up"), "editor.nudge",
                "Shift moves further", "up"),
        Command("nudge_down", "Move selection down", ("Down", "Shift+Down"), "editor.nudge",
                "Shift moves further", "down"),
        SEPARATOR,
        Command("focus", "Fo&cus on node", ("F",), "editor.finder.focus",
                "Show the selected node and its neighbours; again for one step further"),
        Command("filter", "Fi&lter…", ("Ctrl+Shift+F",), "editor.finder.filter",
                "Show only nodes of some blocks, a kind, informal or formal, or a tag"),
        Command("show_all", "Show &everything", ("Esc",), "editor.escape",
                "End focus, filter and a finding's highlight, and clear the selection"),
    )),
    ("&Analyze", (
        Command("show_findings", "Show &findings", ("F7",), "findings.show_findings",
                "The health score and what weakens the ecosystem, worst first"),
        Command("show_balance", "Show &balance", ("Shift+F7",), "findings.show_balance",
                "Charts of how the building blocks share the map"),
        Command("check_now", "&Check now", ("F9",), "findings.check_now",
                "Check the map again now (it is also checked after every change)"),
        Command("compare", "Co&mpare…", ("Ctrl+Shift+D",), "history.compare",
                "What changed since a snapshot, or between two: added, removed and changed "
                "pieces on the map, and the health before and after"),
        Command("timeline", "&Timeline…", ("Ctrl+Shift+T",), "history.show_timeline",
                "Step through the map at each snapshot, pieces in the same places, with a "
                "chart of the blocks' shares and the health score; export it as a PDF"),
        SEPARATOR,
        Command("what_if", "&What if this were gone?", ("F8",), "findings.what_if_selected",
                "See what the ecosystem would lose without the selected piece; "
                "nothing on the map changes"),
        Command("clear_highlight", "C&lear highlight", ("Shift+Esc",),
                "findings.clear_highlight",
                "Show every piece of the map normally again, from any panel "
                "(Esc on the map does this too)"),
    )),
    ("&Workshop", (
        "workshop",  # the window adds "Present on" (several screens) and "Views" here
        Command("present", "&Present", ("F5",), "workshop.presenter.toggle",
                "The map full screen for a room, the health score in a corner; Esc or F5 "
                "leaves"),
        Command("walk", "&Walk through findings", ("W",), "workshop.walk.start",
                "Present the findings one at a time, their pieces spotlit: → and PageDown go "
                "on, ← and PageUp back, Esc ends"),
        Command("show_score", "Show the &health score while presenting", ("H",),
                "workshop.presenter.toggle_score", "Show or hide the score in the corner"),
        SEPARATOR,
        Command("save_view", "&Save view…", ("Ctrl+Alt+V",), "workshop.views.save_view",
                "Keep what the canvas shows now (filter or focus, and the part in sight) "
                "as a named view of the map"),
        Command("next_view", "&Next view", ("V",), "workshop.views.next_view",
                "Show the next saved view (PageDown while presenting)"),
        Command("previous_view", "P&revious view", ("Shift+V",),
                "workshop.views.previous_view",
                "Show the previous saved view (PageUp while presenting)"),
        Command("manage_views", "&Manage views…", ("Ctrl+Alt+M",), "workshop.views.manage",
                "Show, rename or delete the map's saved views"),
        SEPARATOR,
        Command("labels_larger", "&Larger labels", ("Ctrl+Shift+=", "Ctrl+Shift++"),
                "workshop.labels.larger", "Labels larger for the back of the room (kept "
                "with the map)"),
        Command("labels_smaller", "Sm&aller labels", ("Ctrl+Shift+-", "Ctrl+Shift+_"),
                "workshop.labels.smaller", "Labels smaller again"),
        Command("labels_normal", "Labels at normal si&ze", ("Ctrl+Shift+0",),
                "workshop.labels.normal", "Labels at the theme's own size"),
        SEPARATOR,
        Command("timer_toggle", "Start or pause the &timer", ("T",), "workshop.timer.toggle",
                "A countdown in the top-left corner of the canvas: five minutes, or as set"),
        Command("timer_minute", "Add a m&inute to the timer", ("Shift+T",),
                "workshop.timer.add_minute", "One more minute on the timer"),
        Command("timer_set", "S&et the timer…", ("Ctrl+Alt+T",), "workshop.timer.ask_length",
                "How many minutes the timer counts down (0 takes it away)"),
        SEPARATOR,
        *ROOM_COMMANDS,
    )),
    ("&Help", (
        Command("shortcuts", "&Keyboard shortcuts", ("F1", "Ctrl+/"), "editor.show_shortcuts",
                "Every command and its keys"),
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
