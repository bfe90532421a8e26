"""The editor's helpers for whole-selection work: the clipboard, arranging, finding and focus.

Each one decides positions, nodes or emphasis, and hands any change of the map to the editor as
one operation, so a layout, a paste or an align is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

from app import arrange
from app.clipboard import MIME_TYPE, copy_fragment, paste_fragment
from app.errors import EcomapError
from app.ops import AddNodes, MoveNodes, UpdateMap
from app.search import neighbourhood

LAYOUT_NAMES = {"force": "Force-directed layout", "clusters": "Layout in clusters",
                "rings": "Layout in rings", "hierarchy": "Hierarchical layout"}


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

    def paste(self) -> None:
        mime = QApplication.clipboard().mimeData()
        if mime is None:
            return
        if mime.hasFormat(MIME_TYPE):
            self.paste_text(bytes(mime.data(MIME_TYPE)).decode("utf-8"))
        elif mime.hasText() and mime.text().lstrip().startswith("{"):
            self.paste_text(mime.text())
        else:
            self.editor.show_message("The clipboard holds no nodes to paste.")

    def paste_text(self, text: str, label: str = "Paste") -> None:
        try:
            nodes, edges = paste_fragment(text, self.editor.document.snapshot())
        except EcomapError as error:
            self.editor.refused(error)
            return
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

    def pinned(self) -> set[str]:
        return set(self.editor.document.properties()["settings"].get("pinned", ()))

    def layout(self, name: str) -> None:
        """Lay out the whole map (pinned nodes stay put) as one undo step."""
        data = self.editor.document.snapshot()
        self._move(arrange.arrange(data, name, pinned=self.pinned()), LAYOUT_NAMES[name])

    def tidy(self) -> None:
        """Lay out only the selected nodes, force-directed, the rest holding still."""
        ids = self._selection(2, "tidy")
        if ids:
            data = self.editor.document.snapshot()
            self._move(arrange.arrange(data, "force", pinned=self.pinned(), only=ids), "Tidy")

    def remove_overlaps(self) -> None:
        ids = self.editor.selected_node_ids() or list(self.editor.scene.item_for_node)
        movable = set(ids) - self.pinned()
        positions = arrange.remove_overlaps(self._positions(self.editor.scene.item_for_node),
                                            movable)
        self._move(positions, "Remove overlaps")

    def align(self, how: str) -> None:
        ids = self._selection(2, "align")
        if ids:
            self._move(arrange.align(self._positions(ids), how), f"Align {how}")

    def distribute(self, axis: str) -> None:
        ids = self._selection(3, "distribute")
        if ids:
            self._move(arrange.distribute(self._positions(ids), axis), "Distribute")

    def toggle_pin(self) -> None:
        """Pin the selected nodes where they are (layouts leave them), or unpin them."""
        ids = set(self._selection(1, "pin"))
        if not ids:
            return
        old = self.pinned()
        pinning = not ids <= old
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
        items = self.editor.scene.item_for_node
        return {i: (items[i].cx, items[i].cy) for i in ids}

    def _move(self, positions: dict, text: str) -> None:
        current = self._positions(positions)
        moved = {i: p for i, p in positions.items() if p != current[i]}
        if moved:
            self.editor.run(MoveNodes(moved), text)
        else:
            self.editor.show_message(f"{text}: nothing needed to move.")


class Finder:
    """Find a node and jump to it; focus on a node's neighbourhood; filter what is shown."""

    COMMANDS = ("find", "focus", "filter", "show_all")

    def __init__(self, editor):
        self.editor = editor
        self.focus_depth = 0
        self.focus_on: str | None = None
        self.dialog = None

    def forget(self) -> None:
        self.focus_depth, self.focus_on = 0, None
        self.editor.scene.emphasise(None)

    def find(self) -> None:
        from ui.find_dialog import FindDialog

        if self.editor.document is None:
            return
        if self.dialog is None:
            self.dialog = FindDialog(self.editor)
        self.dialog.start()

    def jump_to(self, node_id: str) -> None:
        item = self.editor.scene.item_for_node.get(node_id)
        if item is not None:
            self.editor.select([node_id])
            self.editor.view.centerOn(item)

    def focus(self) -> None:
        """F: show the selected node and its neighbours, dimming the rest; again: one step
        further (up to three), then everything again."""
        ids = self.editor.selected_node_ids()
        if not ids:
            self.editor.show_message("Select a node to focus on.")
            return
        same = ids[-1] == self.focus_on
        self.focus_on = ids[-1]
        self.focus_depth = self.focus_depth % 3 + 1 if same else 1
        shown = neighbourhood(self.editor.document.snapshot(), self.focus_on, self.focus_depth)
        self.editor.scene.emphasise(shown)
        self.editor.show_message(f"Focus: {len(shown)} nodes within {self.focus_depth} "
                                 "connection(s) · F again for more · Esc shows all")

    def filter(self) -> None:
        from ui.find_dialog import FilterDialog

        if self.editor.document is not None:
            FilterDialog(self.editor).open()

    def show_all(self) -> None:
        self.forget()


def release_clipboard() -> None:
    """Take our copied nodes off the clipboard before Qt shuts down.

    PySide6 crashes at exit when the clipboard still owns a QMimeData made in Python; what
    we copied is Ecomap's own format, which no other program reads once we have gone.
    """
    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(MIME_TYPE):
        clipboard.clear()
