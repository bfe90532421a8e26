"""The editor's helpers for whole-selection work: the clipboard, arranging, finding and focus.

Each one decides positions, nodes or emphasis, and hands any change of the map to the editor as
one operation, so a layout, a paste or an align is one undo step.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QMimeData, QPointF, QRectF
from PySide6.QtWidgets import QApplication

from app import arrange
from app.clipboard import MIME_TYPE, copy_fragment, paste_fragment
from app.errors import EcomapError
from app.ops import AddNodes, MoveNodes, UpdateMap
from app.search import neighbourhood
from ui.analysis_runner import AnalysisRunner
from ui.canvas.layout_animation import LayoutAnimation
from ui.canvas.pins import pinned_ids

LAYOUT_NAMES = {"force": "Force-directed layout", "clusters": "Layout in clusters",
                "rings": "Layout in rings", "hierarchy": "Hierarchical layout"}
BACKGROUND = 500  # nodes: a larger map is laid out in a worker, the window answering meanwhile


class MapClipboard:
    """Copy, cut, paste and duplicate nodes with the connections among them (map-format JSON)."""

    def __init__(self, editor):
        self.editor = editor

    def copy(self) -> bool:
        ids = self.editor.selected_node_ids()
        if not ids:
            self.editor.show_message("Select the nodes to copy first.")
            return False
        mime = QMimeData()
        text = copy_fragment(self.editor.document.snapshot(), ids)
        mime.setData(MIME_TYPE, text.encode("utf-8"))
        mime.setText(text)
        QApplication.clipboard().setMimeData(mime)
        self.editor.show_message(f"Copied {len(ids)} node{'s' if len(ids) != 1 else ''}")
        return True

    def cut(self) -> None:
        if self.copy():
            self.editor.delete()

    def paste(self, at: QPointF | None = None) -> None:
        """Add the copied nodes beside their originals, or centred on the scene point ``at``."""
        text = self.copied_text()
        if text is None:
            self.editor.show_message("The clipboard holds no nodes to paste.")
        else:
            self.paste_text(text, "Paste", at)

    def copied_text(self) -> str | None:
        """The map-format JSON on the clipboard, if it holds any."""
        mime = QApplication.clipboard().mimeData()
        if mime is not None and mime.hasFormat(MIME_TYPE):
            return bytes(mime.data(MIME_TYPE)).decode("utf-8")
        if mime is not None and mime.hasText() and mime.text().lstrip().startswith("{"):
            return mime.text()
        return None

    def paste_text(self, text: str, label: str = "Paste", at: QPointF | None = None) -> None:
        try:
            nodes, edges = paste_fragment(text, self.editor.document.snapshot())
        except EcomapError as error:
            self.editor.refused(error)
            return
        if at is not None and nodes:
            nodes = _centred_on(nodes, at)
        if self.editor.run(AddNodes(nodes, edges), label):
            self.editor.select([n.id for n in nodes])

    def duplicate(self) -> None:
        ids = self.editor.selected_node_ids()
        if ids:
            self.paste_text(copy_fragment(self.editor.document.snapshot(), ids), "Duplicate")


class Arranger:
    """Automatic layouts, tidy, align, distribute, remove overlaps and pins."""

    COMMANDS = ("layout_force", "layout_clusters", "layout_rings", "layout_hierarchy", "tidy",
                "remove_overlaps", "align_left", "align_centre", "align_right", "align_top",
                "align_middle", "align_bottom", "distribute_x", "distribute_y", "snap", "pin")

    def __init__(self, editor):
        self.editor = editor
        self.animation = LayoutAnimation(editor)
        self.runner: AnalysisRunner | None = None  # made for the first large map laid out
        self.ticket = 0  # the layout asked for last; an older one finishing late is dropped

    def pinned(self) -> set[str]:
        return set(pinned_ids(self.editor.document))

    def layout(self, name: str) -> None:
        """Lay out the whole map (pinned nodes stay put) as one undo step."""
        data, pinned, style = self.editor.document.snapshot(), self.pinned(), self._style()
        self._arrange(data, lambda: arrange.arrange(data, name, pinned=pinned, style=style),
                      LAYOUT_NAMES[name])

    def tidy(self) -> None:
        """Lay out only the selected nodes, force-directed, the rest holding still."""
        ids = self._selection(2, "tidy")
        if ids:
            data, pinned, style = self.editor.document.snapshot(), self.pinned(), self._style()
            self._arrange(data, lambda: arrange.arrange(data, "force", pinned=pinned, only=ids,
                                                        style=style), "Tidy")

    def _arrange(self, data, work, text: str) -> None:
        """Work out the new places (for a large map in a worker) and move the nodes there."""
        self.ticket += 1
        if len(data.nodes) <= BACKGROUND:
            self._move(work(), text)
            return
        ticket, document = self.ticket, self.editor.document
        self.editor.show_message(f"{text}: working out {len(data.nodes):,} places…")
        if self.runner is None:
            self.runner = AnalysisRunner(self.editor)
        self.runner.start(ticket, work,
                          lambda t, positions: self._worked_out(t, positions, text, document,
                                                                data),
                          lambda t, message: self._not_worked_out(t, text, message))

    def _worked_out(self, ticket: int, positions: dict, text: str, document, data) -> None:
        if ticket != self.ticket or self.editor.document is not document:
            return  # another layout was asked for since, or another map is open
        if document.snapshot() != data:
            self.editor.show_message(f"{text}: the map changed while its places were worked "
                                     "out, so nothing moved. Ask for the layout again.")
            return
        self._move(positions, text)

    def _not_worked_out(self, ticket: int, text: str, message: str) -> None:
        if ticket == self.ticket:
            self.editor.show_message(f"{text} could not be worked out: {message}")

    def shutdown(self) -> None:
        """Drop a layout still being worked out, and wait for its worker to end."""
        self.ticket += 1
        if self.runner is not None:
            self.runner.shutdown()

    def remove_overlaps(self) -> None:
        ids = self.editor.selected_node_ids() or list(self.editor.scene.item_for_node)
        movable = set(ids) - self.pinned()
        positions = arrange.remove_overlaps(self.editor.document.snapshot(), movable,
                                            self._style())
        self._move(positions, "Remove overlaps")

    def _style(self):
        """Labels as big as the theme in use draws them: what the layout keeps apart."""
        return self.editor.scene.theme.label_style()

    def align(self, how: str) -> None:
        ids = self._selection(2, "align")
        if ids:
            self._move(arrange.align(self._positions(ids), how), f"Align {how}")

    def distribute(self, axis: str) -> None:
        ids = self._selection(3, "distribute")
        if ids:
            self._move(arrange.distribute(self._positions(ids), axis), "Distribute")

    def will_pin(self) -> bool:
        """Whether Pin or unpin would pin the selection (some of it is not pinned yet)."""
        return not set(self.editor.selected_node_ids()) <= self.pinned()

    def toggle_pin(self) -> None:
        """Pin the selected nodes where they are (layouts leave them), or unpin them."""
        ids = set(self._selection(1, "pin"))
        if not ids:
            return
        old = self.pinned()
        pinning = self.will_pin()
        pinned = old | ids if pinning else old - ids
        settings = {**self.editor.document.properties()["settings"], "pinned": sorted(pinned)}
        if self.editor.run(UpdateMap({"settings": settings}), "Pin" if pinning else "Unpin"):
            self.editor.show_message("Pinned: layouts leave these nodes where they are"
                                     if pinning else "Unpinned: layouts may move these nodes")

    def _selection(self, at_least: int, what: str) -> list[str]:
        ids = self.editor.selected_node_ids()
        if len(ids) < at_least:
            self.editor.show_message(f"Select at least {at_least} nodes to {what}.")
            return []
        return ids

    def _positions(self, ids) -> dict[str, tuple[float, float]]:
        """Where the map has these nodes (their items may still be gliding there)."""
        node = self.editor.document.node
        return {i: (node(i).x or 0.0, node(i).y or 0.0) for i in ids}

    def _move(self, positions: dict, text: str) -> None:
        """Move the nodes as one undo step, then let their items glide to the new places."""
        current = self._positions(positions)
        moved = {i: p for i, p in positions.items() if p != current[i]}
        if not moved:
            self.editor.show_message(f"{text}: nothing needed to move.")
            return
        items = self.editor.scene.item_for_node
        on_screen = {i: (items[i].cx, items[i].cy) for i in moved if i in items}
        if self.editor.run(MoveNodes(moved), text):
            self.animation.start(items, on_screen)


class Finder:
    """Find a node and jump to it; focus on a node's neighbourhood; filter what is shown."""

    COMMANDS = ("find", "focus", "filter", "show_all")

    def __init__(self, editor):
        self.editor = editor
        self.focus_depth = 0
        self.focus_on: str | None = None
        self.filtered: dict | None = None  # the filter shown (FilterDialog's choices), if any
        self.dialog = None
        self._message = ""  # the last focus or filter message shown

    def forget(self) -> None:
        self.focus_depth, self.focus_on, self.filtered = 0, None, None
        self.editor.scene.emphasise(None)
        status = self.editor.window.statusBar()
        if self._message and status.currentMessage() == self._message:
            status.clearMessage()  # "Esc shows all" is done: do not leave it saying so
        self._message = ""
        if self.dialog is not None:
            self.dialog.hide()  # it found nodes of the map shown before

    def find(self, connect_from: str | None = None) -> None:
        """Ctrl+F; or, from C, find the node to connect ``connect_from`` to."""
        from ui.find_dialog import FindDialog

        if self.editor.document is None:
            return
        if self.dialog is None:
            self.dialog = FindDialog(self.editor)
        self.dialog.start(connect_from)

    def jump_to(self, node_id: str, add: bool = False) -> None:
        """Select the node (``add``: as well as the nodes already selected) and show it."""
        item = self.editor.scene.item_for_node.get(node_id)
        if item is None:
            return
        if add:
            item.setSelected(True)
            count = len(self.editor.selected_node_ids())
            self.editor.show_message(f"{count} nodes selected · C connects the first selected "
                                     "to the others")
        else:
            self.editor.select([node_id])
        centre = QPointF(item.cx, item.cy)
        self.editor.view.show_readably(item.sceneBoundingRect(), centre)

    def focus(self) -> None:
        """F: show the selected node and its neighbours, dimming the rest; again: one step
        further (up to three), then everything again."""
        ids = self.editor.selected_node_ids()
        if not ids:
            self.editor.show_message("Select a node to focus on.")
            return
        same = ids[-1] == self.focus_on
        self.focus_on, self.filtered = ids[-1], None  # the focus replaces a filter's dimming
        self.focus_depth = self.focus_depth % 3 + 1 if same else 1
        shown = neighbourhood(self.editor.document.snapshot(), self.focus_on, self.focus_depth)
        self.editor.scene.emphasise(shown)
        self._zoom_to(shown, self.focus_on)
        self.announce(f"Focus: {len(shown)} nodes within {self.focus_depth} connection(s) · "
                      "F again for more · Esc shows all")

    def _zoom_to(self, node_ids, centre_id: str) -> None:
        """Bring the focused node and its neighbours into view, their labels readable."""
        items = self.editor.scene.item_for_node
        shown = [items[i] for i in node_ids if i in items]
        if not shown or centre_id not in items:
            return
        rect = QRectF(shown[0].sceneBoundingRect())
        for item in shown[1:]:
            rect = rect.united(item.sceneBoundingRect())
        centre = items[centre_id]
        self.editor.view.show_readably(rect, QPointF(centre.cx, centre.cy))

    def announce(self, text: str) -> None:
        """A message about what is dimmed; Esc takes it away with the dimming."""
        self._message = text
        self.editor.show_message(text)

    def filter(self) -> None:
        from ui.find_dialog import FilterDialog

        if self.editor.document is not None:
            FilterDialog(self.editor).open()

    def show_all(self) -> None:
        self.forget()


def _centred_on(nodes, point: QPointF) -> tuple:
    """The same nodes moved together so that the middle of their group is at ``point``."""
    xs, ys = [n.x or 0.0 for n in nodes], [n.y or 0.0 for n in nodes]
    dx = point.x() - (min(xs) + max(xs)) / 2
    dy = point.y() - (min(ys) + max(ys)) / 2
    return tuple(replace(n, x=round((n.x or 0.0) + dx, 1), y=round((n.y or 0.0) + dy, 1))
                 for n in nodes)


def release_clipboard() -> None:
    """Take our copied nodes off the clipboard before Qt shuts down.

    PySide6 crashes at exit when the clipboard still owns a QMimeData made in Python; what
    we copied is Ecomap's own format, which no other program reads once we have gone.
    """
    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(MIME_TYPE):
        clipboard.clear()
