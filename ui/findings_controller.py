"""The window's health checks: the Health dock (Findings and Balance), live re-checking, what-if.

The window owns one ``FindingsController`` (``window.findings``); the Analyze menu calls it
("findings.check_now"), and the window tells it when a map is opened or closed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtWidgets import QDockWidget, QMenu, QTabWidget

from app.analysis import WhatIf, what_if
from ui.analysis_runner import AnalysisRunner, CheckResult
from ui.canvas.items import NodeItem
from ui.panels.balance import BalancePanel
from ui.panels.findings import FindingsPanel
from ui.panels.what_if import WhatIfDialog, quoted_list

DOCK_WIDTH = 320
FINDINGS_TAB, BALANCE_TAB = 0, 1
NOTHING_SELECTED = ("Select a piece on the map first (click it), then choose “What if this were "
                    "gone?” — or right-click the piece.")


class FindingsController(QObject):
    """Keeps the Findings and Balance panels in step with the map and the canvas highlight."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.runner = AnalysisRunner(self)
        self.panel = FindingsPanel()
        self.balance = BalancePanel()
        self.dialog: WhatIfDialog | None = None
        self._what_if_ticket = 0
        self._theme = None
        self._add_dock()
        self._connect()
        self._follow_theme()

    def _add_dock(self) -> None:
        self.tabs = QTabWidget(objectName="health_tabs", documentMode=True)
        self.tabs.addTab(self.panel, "Findings")
        self.tabs.addTab(self.balance, "Balance")
        self.dock = QDockWidget("Health", self.window)
        self.dock.setObjectName("health")
        self.dock.setWidget(self.tabs)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

    def _connect(self) -> None:
        self.runner.checked.connect(self._show_result)
        self.runner.checking.connect(self.panel.show_checking)
        self.runner.failed.connect(self.panel.show_failure)
        self.panel.finding_selected.connect(self._highlight)
        self.panel.finding_activated.connect(self.zoom_to_finding)
        self.window.scene.contents_changed.connect(self._follow_theme)
        self.window.view.context_menu_requested.connect(self.add_to_context_menu)

    def add_to_menus(self, commands: dict) -> None:
        """Put the dock's show/hide entry under View and set what starts enabled."""
        toggle = self.dock.toggleViewAction()
        toggle.setText("&Health panel")
        toggle.setShortcut("Ctrl+Shift+H")
        commands["docks"].menu().addAction(toggle)
        self._update_enabled()

    # --- the open map ----------------------------------------------------------------------

    def set_document(self, document) -> None:
        """Check ``document`` (small maps before this returns); ``None`` when a map closes."""
        self._what_if_ticket += 1
        if document is None:
            self.runner.set_document(None)
            self.panel.show_no_map()
            self.balance.show_result(None)
        else:
            self.runner.set_document(document)
        self._update_enabled()

    def shutdown(self) -> None:
        """The window is closing: no worker may outlive it."""
        self.runner.shutdown()

    def _show_result(self, result: CheckResult) -> None:
        self.panel.show_analysis(result.analysis)
        self.balance.show_result(result)

    def _follow_theme(self) -> None:
        theme = self.window.scene.theme
        if theme is not self._theme:
            self._theme = theme
            self.panel.set_theme(theme)
            self.balance.set_theme(theme)

    # --- commands (the Analyze menu) -------------------------------------------------------

    def show_findings(self) -> None:
        self._show_tab(FINDINGS_TAB)
        self.panel.list.setFocus()

    def show_balance(self) -> None:
        self._show_tab(BALANCE_TAB)

    def _show_tab(self, index: int) -> None:
        self.dock.show()
        self.dock.raise_()
        self.tabs.setCurrentIndex(index)

    def check_now(self) -> None:
        self.runner.check_now()
        self._show_tab(FINDINGS_TAB)

    def clear_highlight(self) -> None:
        self.panel.clear_selection()
        self.window.scene.emphasise(None)
        self._update_enabled()

    def what_if_selected(self) -> None:
        """What if the selected pieces were gone (or a hint of how to choose one)?"""
        ids = [item.node_id for item in self.window.scene.selectedItems()
               if isinstance(item, NodeItem)]
        if not ids:
            self.window.statusBar().showMessage(NOTHING_SELECTED, 10_000)
            return
        self.what_if(ids)

    # --- highlight and zoom ----------------------------------------------------------------

    def _highlight(self, finding) -> None:
        ids = finding.node_ids if finding is not None else ()
        self.window.scene.emphasise(ids or None)
        self._update_enabled()

    def zoom_to_finding(self, finding) -> None:
        """Bring the finding's pieces into view, as large as fits."""
        items = [self.window.scene.item_for_node.get(i) for i in finding.node_ids]
        items = [item for item in items if item is not None]
        if not items:
            return
        rect = QRectF(items[0].sceneBoundingRect())
        for item in items[1:]:
            rect = rect.united(item.sceneBoundingRect())
        self.window.view.zoom_to(rect)

    def _update_enabled(self) -> None:
        commands = getattr(self.window, "commands", {})
        has_map = self.window.document is not None
        for key in ("check_now", "what_if"):
            if key in commands:
                commands[key].setEnabled(has_map)
        if "clear_highlight" in commands:  # Esc is free for others while nothing is highlighted
            commands["clear_highlight"].setEnabled(self.window.scene.emphasised is not None)

    # --- what if this were gone? -----------------------------------------------------------

    def add_to_context_menu(self, node_id, menu: QMenu) -> None:
        """The canvas's right-click menu on a node offers the what-if."""
        if node_id is None or self.window.document is None:
            return
        action = menu.addAction("What if this were gone?")
        action.setObjectName("what_if_node")
        action.triggered.connect(lambda _checked=False: self.what_if((node_id,)))

    def what_if(self, node_ids) -> WhatIfDialog:
        """Compare the map with and without ``node_ids``; the map itself stays as it is."""
        dialog = self._dialog()
        data, ids = self.window.document.snapshot(), tuple(node_ids)
        self._what_if_ticket += 1
        if self.runner.is_large():
            labels = [self.window.document.node(i) for i in ids]
            dialog.show_working(quoted_list(labels))
            self.runner.start(self._what_if_ticket, lambda: what_if(data, ids),
                              self._what_if_done, self._what_if_failed)
        else:
            dialog.show_result(what_if(data, ids))
        dialog.show()
        dialog.raise_()
        return dialog

    def _dialog(self) -> WhatIfDialog:
        if self.dialog is None:
            self.dialog = WhatIfDialog(self.window)
        self.dialog.set_theme(self.window.scene.theme)
        return self.dialog

    def _what_if_done(self, ticket: int, result: WhatIf) -> None:
        if ticket == self._what_if_ticket and self.dialog is not None:
            self.dialog.show_result(result)

    def _what_if_failed(self, ticket: int, message: str) -> None:
        if ticket == self._what_if_ticket and self.dialog is not None:
            self.dialog.show_failure(message)
