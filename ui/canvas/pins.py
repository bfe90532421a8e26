"""Which nodes carry a pin on the canvas: those the map's settings list as pinned.

Pins live in the map (``settings["pinned"]``), so pinning, unpinning and their undo all arrive
as a change of the map's properties; ``PinMarks`` follows those changes like the scene follows
the rest, touching only the items whose pin came or went.
"""

from __future__ import annotations

from ui.following import follow_changes


def pinned_ids(document) -> frozenset[str]:
    """The ids of the nodes that layouts leave where they are."""
    return frozenset(document.properties()["settings"].get("pinned", ()))


class PinMarks:
    """Keeps ``NodeItem.pinned`` in step with the map. Listens after the scene, so the items
    of nodes just added back (an undone delete) already exist when their pins are shown."""

    def __init__(self, scene):
        self.scene = scene
        self.document = None
        self.pinned: frozenset[str] = frozenset()

    def set_document(self, document) -> None:
        self.document = follow_changes(self.document, document, self.on_document_changed)
        self.pinned = frozenset()
        if document is not None:
            self._show(pinned_ids(document))

    def on_document_changed(self, changed) -> None:
        if changed.map:
            self._show(pinned_ids(self.document))
        for node_id in changed.nodes & self.pinned:  # items made again carry no pin yet
            self._mark(node_id, True)

    def _show(self, pinned: frozenset[str]) -> None:
        for node_id in pinned ^ self.pinned:
            self._mark(node_id, node_id in pinned)
        self.pinned = pinned

    def _mark(self, node_id: str, pinned: bool) -> None:
        item = self.scene.item_for_node.get(node_id)
        if item is not None:
            item.set_pinned(pinned)
