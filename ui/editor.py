"""The map editor: the undo history and every editing command of the Edit and Map menus.

Each edit becomes one ``QUndoCommand`` (``ui.commands``) that applies one document operation;
the document commits it to the file and announces it, and the scene follows. The editor only
decides *what* to change; it never moves or restyles canvas items itself (the one exception
is selection, which is the view's own state, not the map's).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QAction, QCursor, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from app.arrange import snap
from app.domain import Edge, Node, new_id
from app.errors import EcomapError, StorageFailed
from app.ops import (
    AddEdges,
    AddNodes,
    Batch,
    Changed,
    MoveNodes,
    Operation,
    RemoveEdges,
    RemoveNodes,
    UpdateEdge,
    UpdateMap,
    UpdateNode,
)
from ui.canvas.items import EdgeItem, NodeItem
from ui.canvas.pins import PinMarks
from ui.canvas.view import GRID_STEP as GRID  # snapping lands nodes on the grid's dots
from ui.commands import NudgeCommand, OperationCommand
from ui.context_menu import EditMenu
from ui.editing import Arranger, Finder, MapClipboard
from ui.following import follow_changes
from ui.interactions.base import InteractionRouter
from ui.interactions.capture import QuickCapture, RenameNode
from ui.interactions.select_move import SelectAndMove
from ui.panels.inspector import add_inspector_dock
from ui.wording import in_words

NUDGE, BIG_NUDGE = 10.0, 50.0
# Plain-key shortcuts work only while the canvas has the focus, so typing in a panel is safe.
CANVAS_KEYS = ("add_node", "connect", "delete", "rename", "nudge_left", "nudge_right",
               "nudge_up", "nudge_down", "show_all", "focus", "pin") + tuple(
                   f"block_{i}" for i in range(1, 7))
MAP_COMMANDS = ("undo", "redo", "cut", "copy", "paste", "duplicate", "delete", "select_all",
                "add_node", "connect", "rename", "inspect", "find")


class Editor(QObject):
    """Owned by the main window; the Edit and Map menus call its methods."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.scene, self.view = window.scene, window.view
        self.stack = QUndoStack(self)
        self.category: str | None = None  # the building block new nodes get
        self.snap_to_grid = False
        self.selection_order: list[str] = []  # node ids, first selected first (C connects)
        self._followed = None  # the document whose changes this editor listens to
        self.router = InteractionRouter(self.scene, lambda: SelectAndMove(self))
        self.clipboard = MapClipboard(self)
        self.arrange = Arranger(self)
        self.finder = Finder(self)
        self.pins = PinMarks(self.scene)
        self.context_menu = EditMenu(self)
        self.view.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.scene.selectionChanged.connect(self._note_selection)
        self.stack.indexChanged.connect(self._history_changed)

    @property
    def document(self):
        return self.window.document

    # --- wiring (called by the window) -----------------------------------------------------

    def wire(self, commands: dict) -> None:
        """Give plain-key commands to the canvas only, and keep Undo/Redo texts current."""
        self.commands = commands
        for key in CANVAS_KEYS:
            action = commands[key]
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        commands["snap"].setCheckable(True)
        self.inspector_dock = add_inspector_dock(self.window, self)
        commands["docks"].menu().addAction(self.inspector_dock.toggleViewAction())
        back = QAction("Back to the map", self.inspector_dock)
        back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.triggered.connect(self.back_to_map)
        self.inspector_dock.addAction(back)  # Esc in any of its fields
        self.update_enabled()

    def set_document(self, document, keep_history: bool = False) -> None:
        """A map was opened or closed: the history belongs to the map it was made on, unless
        ``keep_history`` (Save As: the same map goes on in another file, and so does its
        history, which from now on changes that file)."""
        self.settle()  # before the scene lets go of the items
        self._followed = follow_changes(self._followed, document, self._on_document_changed)
        self.pins.set_document(document)
        self.router.reset()
        if not keep_history:
            self.stack.clear()
        elif document is not None:
            for index in range(self.stack.count()):
                self.stack.command(index).document = document
        self.selection_order = []
        self.finder.forget()
        keys = [c.key for c in document.categories()] if document is not None else []
        self.category = keys[0] if keys else None
        if hasattr(self, "commands"):
            self.update_enabled(document is not None)
            self._name_block_commands(document)
        if document is not None:
            self.view.setFocus()

    def update_enabled(self, has_map: bool = False) -> None:
        for key in MAP_COMMANDS + CANVAS_KEYS + self.arrange.COMMANDS + self.finder.COMMANDS:
            if key in self.commands:
                self.commands[key].setEnabled(has_map)
        self._history_changed()

    def _on_document_changed(self, changed: Changed) -> None:
        """Blocks added, removed or renamed: keys 1–6 follow, and new nodes go to a block
        the map still has."""
        if changed.categories and hasattr(self, "commands"):
            keys = [c.key for c in self.categories()]
            if self.category not in keys:
                self.category = keys[0] if keys else None
            self._name_block_commands(self.document)

    def _name_block_commands(self, document) -> None:
        """Keys 1–6 add nodes of the map's first six building blocks: say which."""
        categories = document.categories() if document is not None else ()
        for i in range(1, 7):
            action = self.commands[f"block_{i}"]
            name = categories[i - 1].name if i <= len(categories) else None
            action.setText(f"Add {name} node" if name else f"Add node of block {i}")
            action.setVisible(name is not None)

    def show_shortcuts(self) -> None:
        from ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.window, self.commands).open()

    def _history_changed(self, *_args) -> None:
        if not hasattr(self, "commands"):
            return
        undo, redo = self.commands["undo"], self.commands["redo"]
        undo.setText(f"&Undo {self.stack.undoText()}".rstrip())
        redo.setText(f"&Redo {self.stack.redoText()}".rstrip())
        undo.setEnabled(self.stack.canUndo())
        redo.setEnabled(self.stack.canRedo())

    # --- running operations ----------------------------------------------------------------

    def run(self, op: Operation, text: str = "") -> bool:
        """Apply ``op`` as one undo step; False (and the reason shown) if it was refused."""
        return self.push(OperationCommand(self.document, op, text, self.refused))

    def push(self, command: OperationCommand) -> bool:
        if self.document is None:
            return False
        self.settle()
        self._refusal = None
        self.stack.push(command)
        return self._refusal is None

    @property
    def refusal(self) -> EcomapError | None:
        """Why the last operation run was refused (None: it was made)."""
        return self._refusal

    def refused(self, error: EcomapError) -> None:
        self._refusal = error
        self.show_message(f"Not changed: {in_words(error)}")
        if isinstance(error, StorageFailed):  # not a slip of the user's: worth stopping for
            self.window.show_problem("The change could not be saved", error)

    def show_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def undo(self) -> None:
        self.settle()
        self.router.reset()
        self.stack.undo()

    def redo(self) -> None:
        self.settle()
        self.router.reset()
        self.stack.redo()

    def settle(self) -> None:
        """Nodes still gliding after a layout stand where the map has them, at once: every
        change, drag and nudge starts from the map's own places."""
        self.arrange.animation.settle()

    # --- what is where, what is selected ---------------------------------------------------

    def categories(self):
        return self.document.categories() if self.document is not None else ()

    def node_at(self, point: QPointF) -> NodeItem | None:
        for item in self.scene.items(point):
            if isinstance(item, NodeItem):
                return item
        return None

    def edge_at(self, point: QPointF) -> EdgeItem | None:
        for item in self.scene.items(point):
            if isinstance(item, EdgeItem):
                return item
        return None

    def handle_at(self, point: QPointF) -> NodeItem | None:
        """The selected node whose connection handle is under ``point``, if any."""
        for item in self.selected_node_items():
            if item.handle_hit(point):
                return item
        return None

    def selected_node_items(self) -> list[NodeItem]:
        return [i for i in self.scene.selectedItems() if isinstance(i, NodeItem)]

    def selected_node_ids(self) -> list[str]:
        """The selected nodes, in the order they were selected."""
        chosen = {i.node_id for i in self.selected_node_items()}
        ordered = [i for i in self.selection_order if i in chosen]
        return ordered + sorted(chosen - set(ordered))

    def selected_edge_ids(self) -> list[str]:
        return [i.edge_id for i in self.scene.selectedItems() if isinstance(i, EdgeItem)]

    def _note_selection(self) -> None:
        chosen = {i.node_id for i in self.selected_node_items()}
        kept = [i for i in self.selection_order if i in chosen]
        self.selection_order = kept + sorted(chosen - set(kept))

    def select(self, node_ids=(), edge_ids=()) -> None:
        """Select exactly these nodes and connections (the view's state, not the map's)."""
        self.scene.clearSelection()
        for node_id in node_ids:
            if node_id in self.scene.item_for_node:
                self.scene.item_for_node[node_id].setSelected(True)
        for edge_id in edge_ids:
            if edge_id in self.scene.item_for_edge:
                self.scene.item_for_edge[edge_id].setSelected(True)

    def select_all(self) -> None:
        self.select(self.scene.item_for_node)

    def touch(self, node_id: str) -> None:
        """Make ``node_id`` the last selected node: F2 and F act on it (a right-click does
        this, so its menu's Rename and Focus mean the node under the pointer)."""
        if node_id in self.selection_order:
            self.selection_order.remove(node_id)
        self.selection_order.append(node_id)

    def escape(self) -> None:
        """Esc on the map: stop what is under way, clear the selection, and show every piece
        normally again, whether a focus, a filter or a finding's highlight dimmed it."""
        self.router.reset()
        self.scene.clearSelection()
        self.finder.show_all()
        self.window.findings.clear_highlight()

    # --- adding nodes ----------------------------------------------------------------------

    def add_node(self) -> None:
        """Start quick capture where the pointer is, or on a new row under the map."""
        if self.document is None:
            return
        viewport = self.view.viewport()
        spot = viewport.mapFromGlobal(QCursor.pos())
        if viewport.rect().contains(spot):
            self.add_node_at(self.view.mapToScene(spot))
        elif self.categories():
            self.router.set(QuickCapture.under_the_map(self))

    def add_block(self, number: str) -> None:
        """Keys 1–6: choose that building block and start adding nodes of it."""
        self.choose_category(int(number) - 1)
        self.add_node()

    def choose_category(self, index: int) -> None:
        categories = self.categories()
        if 0 <= index < len(categories):
            self.category = categories[index].key
            self.show_message(f"New nodes: {categories[index].name}")

    def add_node_at(self, point: QPointF) -> None:
        if self.document is not None and self.categories():
            self.router.set(QuickCapture(self, point))

    def create_node(self, label: str, point: QPointF) -> bool:
        """Add one node of the current building block at ``point``, and select it."""
        node_id = new_id("n", self.document.node_ids())
        node = Node(node_id, label, self.category or self.categories()[0].key,
                    x=round(point.x(), 1), y=round(point.y(), 1))
        if not self.run(AddNodes((node,)), f"Add “{label}”"):
            return False
        self.select([node_id])
        return True

    # --- changing nodes and connections ----------------------------------------------------

    def rename(self) -> None:
        """F2: type a new label for the selected node where it stands."""
        ids = self.selected_node_ids()
        if ids:
            self.rename_node(ids[-1])

    def rename_node(self, node_id: str) -> None:
        item = self.scene.item_for_node.get(node_id)
        if item is not None:
            self.router.set(RenameNode(self, item))

    def update_node(self, node_id: str, changes: dict) -> bool:
        if self.document is None:  # a field left as its map closes
            return False
        node = self.document.node(node_id)
        if all(getattr(node, k) == v for k, v in changes.items()):
            return True
        return self.run(UpdateNode(node_id, changes), f"Edit “{node.label}”")

    def update_edge(self, edge_id: str, changes: dict) -> bool:
        if self.document is None:  # a field left as its map closes
            return False
        edge = self.document.edge(edge_id)
        if all(getattr(edge, k) == v for k, v in changes.items()):
            return True
        return self.run(UpdateEdge(edge_id, changes), "Edit connection")

    def update_map(self, changes: dict) -> bool:
        if self.document is None:  # a field left as its map closes
            return False
        props = self.document.properties()
        if all(props.get(k) == v for k, v in changes.items()):
            return True
        return self.run(UpdateMap(changes), "Edit map properties")

    def connect(self) -> None:
        """C: connect the first selected node to each other selected node; with one node
        selected, name the node to connect it to."""
        ids = self.selected_node_ids()
        if len(ids) == 1:
            self.finder.find(connect_from=ids[0])
        elif ids:
            self.connect_nodes(ids[0], *ids[1:])
        else:
            self.show_message("Select a node, then press C and type the label of the node "
                              "to connect it to (or select two nodes, then C).")

    def connect_nodes(self, source: str, *targets: str) -> bool:
        return self._connect_pairs([(source, target) for target in targets])

    def connect_to(self, target: str, sources) -> bool:
        """Connect each of ``sources`` not yet connected to ``target`` to it (right-click ▸
        Connect selected to this)."""
        document = self.document
        joined = {document.edge(e).source for e in document.edge_ids_of(target)} | {
            document.edge(e).target for e in document.edge_ids_of(target)}
        pairs = [(source, target) for source in sources if source not in joined]
        if not pairs:
            self.show_message("They are all connected to it already.")
            return False
        return self._connect_pairs(pairs)

    def _connect_pairs(self, pairs: list[tuple[str, str]]) -> bool:
        taken = _EdgeIds(self.document)
        edges = []
        for source, target in pairs:
            edges.append(Edge(new_id("e", taken), source, target))
            taken.add(edges[-1].id)
        first = self.document.node(pairs[0][0]).label
        text = "Connect" if len(edges) > 1 else f"Connect “{first}”"
        if not self.run(AddEdges(tuple(edges)), text):
            return False
        self.select(edge_ids=[e.id for e in edges])
        return True

    def reverse_connection(self, edge_id: str) -> None:
        """Turn a one-way connection's arrow round."""
        edge = self.document.edge(edge_id)
        changes = {"source": edge.target, "target": edge.source}
        if self.run(UpdateEdge(edge_id, changes), "Reverse connection"):
            self.select(edge_ids=[edge_id])

    def edit_connection(self, edge_id: str) -> None:
        """Show the connection's fields in the Inspector, ready to type its kind."""
        self.select(edge_ids=[edge_id])
        self.edit_in_inspector()

    def edit_in_inspector(self) -> None:
        """Ctrl+I: type in the Inspector's first field for the selection (the map's own fields
        when nothing is selected); Tab goes on to the next field, Esc back to the map."""
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        field = _first_field(self.inspector.currentWidget())
        if field is None:
            self.show_message("Several pieces are selected: select one to edit it.")
        else:
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)  # selects what it holds

    def back_to_map(self) -> None:
        """Esc in the Inspector: leave out what was half-typed there and return to the map."""
        self.inspector.reload()
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def delete(self) -> None:
        """Del: remove the selected nodes (with their connections) and connections."""
        nodes = self.selected_node_ids()
        edges = [e for e in self.selected_edge_ids()
                 if not {self.document.edge(e).source, self.document.edge(e).target} & set(nodes)]
        steps = ([RemoveEdges(tuple(edges))] if edges else []) + (
            [RemoveNodes(tuple(nodes))] if nodes else [])
        if steps:
            count = len(nodes) + len(edges)
            self.run(Batch(tuple(steps), "Delete"), "Delete" if count > 1 else "Delete 1 item")

    # --- moving ----------------------------------------------------------------------------

    def finish_drag(self, start: dict[str, tuple[float, float]]) -> None:
        """A drag ended: the moved nodes' new places become one undo step."""
        items = self.scene.item_for_node
        end = {i: (items[i].cx, items[i].cy) for i in start if i in items}
        if self.snap_to_grid:
            end = {i: snap(p, GRID) for i, p in end.items()}
        moved = {i: p for i, p in end.items() if p != start[i]}
        if moved and not self.run(MoveNodes(moved), "Move" if len(moved) > 1 else "Move node"):
            # The map kept them where they were: so does the canvas.
            self.scene.on_document_changed(Changed(nodes=frozenset(moved)))

    def nudge(self, direction: str) -> None:
        """Arrow keys move the selection a little (Shift: further); presses in a row merge."""
        self.settle()
        far = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        step = BIG_NUDGE if far else NUDGE
        dx, dy = {"left": (-step, 0), "right": (step, 0), "up": (0, -step),
                  "down": (0, step)}[direction]
        items = self.selected_node_items()
        if items:
            op = MoveNodes({i.node_id: (i.cx + dx, i.cy + dy) for i in items})
            self.push(NudgeCommand(self.document, op, "Nudge", self.refused))

    def toggle_snap(self) -> None:
        self.snap_to_grid = not self.snap_to_grid
        self.commands["snap"].setChecked(self.snap_to_grid)
        self.show_message("Snap to grid on" if self.snap_to_grid else "Snap to grid off")


def _first_field(page: QWidget) -> QWidget | None:
    """The first field of an Inspector page that can be typed in or ticked."""
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(page):
            return widget
    return None


class _EdgeIds:
    """The document's connection ids plus ones chosen in this gesture, for ``new_id``."""

    def __init__(self, document):
        self._document, self._extra = document, set()

    def __contains__(self, edge_id) -> bool:
        return edge_id in self._extra or self._document.has_edge(edge_id)

    def __len__(self) -> int:
        return len(self._document.edges()) + len(self._extra)

    def add(self, edge_id: str) -> None:
        self._extra.add(edge_id)
