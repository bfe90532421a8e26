"""The canvas's right-click menu for editing: what can be done to the node, the connection or
the empty spot under the pointer.

Wherever a window command does the job, the menu holds that very command, so it reads with the
same words and keys as the Edit and Map menus. The findings add their "What if…" to the same
menu (``MapView.context_menu_requested``), after these entries.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

NODE_COMMANDS = ("copy", "cut", "duplicate", "delete")


class EditMenu:
    """Fills the view's right-click menu with the editor's commands for what was clicked."""

    def __init__(self, editor):
        self.editor = editor
        editor.view.context_menu_requested.connect(self.fill)

    def fill(self, node_id: str | None, menu: QMenu, point: QPointF) -> None:
        if self.editor.document is None:
            return
        self.editor.settle()
        edge = self.editor.edge_at(point) if node_id is None else None
        if node_id is not None:
            self._for_node(menu, node_id)
        elif edge is not None:
            self._for_connection(menu, edge.edge_id)
        else:
            self._for_canvas(menu, point)
        menu.addSeparator()  # sets the findings' entries apart (a last one is not drawn)

    def _for_node(self, menu: QMenu, node_id: str) -> None:
        """On a selected node the entries act on the whole selection; on another node, the
        node becomes the selection first (as in a file manager)."""
        editor, commands = self.editor, self.editor.commands
        if node_id not in editor.selected_node_ids():
            editor.select([node_id])
        editor.touch(node_id)  # Rename and Focus: this node, not the first selected
        others = [i for i in editor.selected_node_ids() if i != node_id]
        menu.addAction(commands["rename"])
        if others:
            _entry(menu, "Connect selected to this", lambda: editor.connect_to(node_id, others),
                   "connect_to_this")
        pin = "Pin" if editor.arrange.will_pin() else "Unpin"
        _entry(menu, pin, editor.arrange.toggle_pin, "pin_this", commands["pin"])
        menu.addAction(commands["focus"])
        menu.addSeparator()
        for key in NODE_COMMANDS:
            menu.addAction(commands[key])

    def _for_connection(self, menu: QMenu, edge_id: str) -> None:
        editor = self.editor
        if edge_id not in editor.selected_edge_ids():
            editor.select(edge_ids=[edge_id])
        _entry(menu, "Edit connection", lambda: editor.edit_connection(edge_id),
               "edit_connection")
        if editor.document.edge(edge_id).directed:
            _entry(menu, "Reverse direction", lambda: editor.reverse_connection(edge_id),
                   "reverse_connection")
        menu.addSeparator()
        menu.addAction(editor.commands["delete"])

    def _for_canvas(self, menu: QMenu, point: QPointF) -> None:
        editor, commands = self.editor, self.editor.commands
        _entry(menu, "Add node here", lambda: editor.add_node_at(point), "add_node_here",
               commands["add_node"])
        paste = _entry(menu, "Paste here", lambda: editor.clipboard.paste(at=point),
                       "paste_here")
        paste.setEnabled(editor.clipboard.copied_text() is not None)
        menu.addSeparator()
        menu.addAction(commands["select_all"])
        menu.addAction(commands["fit"])


def _entry(menu: QMenu, text: str, run: Callable[[], object], name: str,
           same_as: QAction | None = None) -> QAction:
    """An entry of this menu only; ``same_as`` is the window command whose keys do the same
    here, shown beside the text (not bound twice: that would make the keys ambiguous)."""
    if same_as is not None and not same_as.shortcut().isEmpty():
        text += "\t" + same_as.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action = menu.addAction(text)
    action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: run())
    return action
