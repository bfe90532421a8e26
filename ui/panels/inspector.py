"""The Inspector: the fields of the selected node or connection, or of the map itself.

Every edit goes through the editor as one undo step; the panel then shows what the document
holds (so a refused value springs back, with the reason in the status bar).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QStackedWidget

from app.domain import MAX_LABEL, MAX_STRENGTH, MIN_STRENGTH, USUAL_KINDS
from ui.panels.blocks import swatch_icon
from ui.panels.fields import FormPage
from ui.panels.map_properties import MapPage

CONNECTION_KINDS = ("uses", "delivers", "mentors", "supports", "measures", "governs", "informs")
DOCK_WIDTH = 270


class NodePage(FormPage):
    def __init__(self, on_change, parent=None):
        super().__init__(on_change, parent)
        self.title = self.heading("Node")
        self.line("label", "&Label", "What the node is called on the map", limit=MAX_LABEL)
        self.category = self.choice("category", "&Block", tip="Its building block")
        self.kind = self.choice("kind", "&Kind", editable=True,
                                tip="What sort of thing it is; pick a usual one or type your own")
        self.check("informal", "&Informal learning", "Drawn with a dashed outline")
        self.number("reach", "&Reach", 0, 10_000_000, "How many learners it reaches",
                    none_text="not known")
        self.line("tags", "&Tags", "Words to find and filter by, separated by commas")
        self.text("description", "&Description")
        self.text("attributes", "&Attributes", "One per line: name: value")

    def show_node(self, node, categories, same: bool) -> None:
        self.title.setText(f"Node · {node.label}")
        if not same:
            self._fill_choices(node, categories)
        self.load({"label": node.label, "category": node.category, "kind": node.kind,
                   "informal": node.informal, "reach": node.reach,
                   "tags": ", ".join(node.tags), "description": node.description,
                   "attributes": attributes_text(node.attributes)}, keep_focused=same)

    def _fill_choices(self, node, categories) -> None:
        self.category.clear()
        for cat in categories:
            self.category.addItem(swatch_icon(cat.color, cat.shape), cat.name, cat.key)
        self.kind.clear()
        self.kind.addItems(USUAL_KINDS.get(node.category, ()))


class EdgePage(FormPage):
    def __init__(self, on_change, parent=None):
        super().__init__(on_change, parent)
        self.title = self.heading("Connection")
        self.kind = self.choice("kind", "&Kind", editable=True,
                                tip="How the two are connected: uses, delivers, mentors…")
        self.kind.addItems(CONNECTION_KINDS)
        self.number("strength", "&Strength", MIN_STRENGTH, MAX_STRENGTH,
                    "1 weak … 5 strong: drawn thicker")
        self.check("directed", "&One way (arrow)", "Untick for a two-way connection")
        self.text("note", "&Note")

    def show_edge(self, edge, source: str, target: str, same: bool) -> None:
        self.title.setText(f"Connection · {source} → {target}")
        self.load({"kind": edge.kind, "strength": edge.strength, "directed": edge.directed,
                   "note": edge.note}, keep_focused=same)


class Inspector(QStackedWidget):
    """Shows the page for what is selected, and follows every change of the map."""

    def __init__(self, editor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("inspector")
        self.shown: tuple[str, str] | None = None
        self.map_page = MapPage(editor, self)
        self.node_page = NodePage(self._node_changed, self)
        self.edge_page = EdgePage(self._edge_changed, self)
        self.many = QLabel(self)
        self.many.setWordWrap(True)
        self.many.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.many.setMargin(10)
        for page in (self.map_page, self.node_page, self.edge_page, self.many):
            self.addWidget(page)
        editor.scene.selectionChanged.connect(self.refresh)
        editor.scene.contents_changed.connect(self.refresh)

    def reload(self) -> None:
        """Show every field afresh from the map, leaving out anything half-typed."""
        self.shown = None
        self.refresh()

    def refresh(self) -> None:
        document = self.editor.document
        if document is None:
            self.shown = None
            self.many.setText("Open or start a map to edit it here.")
            self.setCurrentWidget(self.many)
            return
        nodes, edges = self.editor.selected_node_ids(), self.editor.selected_edge_ids()
        if len(nodes) + len(edges) > 1:
            self._show_many(len(nodes), len(edges))
        elif nodes and document.has_node(nodes[0]):
            self._show_node(document.node(nodes[0]))
        elif edges and document.has_edge(edges[0]):
            self._show_edge(document.edge(edges[0]))
        else:
            self._show_map()

    def _show_node(self, node) -> None:
        same = self.shown == ("node", node.id)
        self.shown = ("node", node.id)
        self.node_page.show_node(node, self.editor.categories(), same)
        self.setCurrentWidget(self.node_page)

    def _show_edge(self, edge) -> None:
        same = self.shown == ("edge", edge.id)
        self.shown = ("edge", edge.id)
        document = self.editor.document
        self.edge_page.show_edge(edge, document.node(edge.source).label,
                                 document.node(edge.target).label, same)
        self.setCurrentWidget(self.edge_page)

    def _show_map(self) -> None:
        same = self.shown == ("map", "")
        self.shown = ("map", "")
        self.map_page.show_map(self.editor.document, same)
        self.setCurrentWidget(self.map_page)

    def _show_many(self, nodes: int, edges: int) -> None:
        self.shown = None
        self.many.setText(f"{nodes} nodes and {edges} connections selected.\n\n"
                          "Map ▸ Align, Distribute or Tidy arranges them; C connects the "
                          "first selected node to the others; Del removes them.")
        self.setCurrentWidget(self.many)

    def _node_changed(self, name: str, value: Any) -> None:
        if self.shown and self.shown[0] == "node":
            try:
                value = node_value(name, value)
            except ValueError as error:
                self.editor.show_message(f"Not changed: {error}")
            else:
                self.editor.update_node(self.shown[1], {name: value})
            self.shown = ("node", "")  # show what the map now holds, even in this field
            self.refresh()

    def _edge_changed(self, name: str, value: Any) -> None:
        if self.shown and self.shown[0] == "edge":
            self.editor.update_edge(self.shown[1], {name: value})
            self.shown = ("edge", "")
            self.refresh()


def node_value(name: str, value: Any) -> Any:
    """Turn what a field holds into the node's value (tags and attributes are typed as text)."""
    if name == "tags":
        return tuple(t.strip() for t in value.split(",") if t.strip())
    if name == "attributes":
        return parse_attributes(value)
    if name == "label":
        return value.strip()
    return value


def attributes_text(attributes) -> str:
    return "\n".join(f"{k}: {_show_value(v)}" for k, v in attributes.items())


def _show_value(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def parse_attributes(text: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            raise ValueError(f"attribute line {number} should read “name: value”")
        result[name.strip()] = _typed(value.strip())
    return result


def _typed(text: str) -> Any:
    if text.lower() in ("yes", "true"):
        return True
    if text.lower() in ("no", "false"):
        return False
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def add_inspector_dock(window, editor) -> QDockWidget:
    """The Inspector in a dock on the right of ``window`` (View ▸ Inspector shows it again)."""
    inspector = Inspector(editor)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(inspector)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    dock = QDockWidget("Inspector", window)
    dock.setObjectName("inspector_dock")
    dock.setWidget(scroll)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
    toggle = dock.toggleViewAction()
    toggle.setText("&Inspector")
    toggle.setShortcut("Ctrl+Shift+I")
    editor.inspector = inspector
    inspector.refresh()
    return dock
