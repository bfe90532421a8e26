"""The Findings panel: the health score and why, then what weakens the ecosystem, worst first.

Selecting a finding tells the window which nodes to show strongly; double-click (or Enter) asks
it to zoom to them. The panel itself never touches the canvas or the map.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.analysis import Analysis, Finding
from ui.panels.severity import check_name, severity_icon, severity_word
from ui.theme import Theme, font

NODES_LISTED = 12  # in the details; the rest are counted
LEAST_ROWS = 4  # findings of two lines the list always has room for, however tight the window
LEAST_DETAIL_LINES = 4  # lines of the chosen finding's details, likewise
MOST_LIST = 0.6  # of the pane, for the list when its findings would take more
NO_MAP = "Open or start a map to see how healthy its learning ecosystem is."
EMPTY_MAP = ("Nothing to check yet.\n\nAdd a few pieces to the map — learner groups, content, "
             "processes — and Ecomap will look for weak spots as you go.")
NO_FINDINGS = ("No weak spots found.\n\nNothing on this map is crowding out the rest, cut off, "
               "or hanging on a single piece.")


def _points(points: int) -> str:
    return f"−{points}" if points else "±0"


def deduction_lines(analysis: Analysis) -> list[str]:
    """Every deduction in words: "−15 Cane toad: The Content block is crowding out…"."""
    if not analysis.health.deductions:
        return ["Nothing was taken off: every check passed."]
    return [f"{_points(d.points)} {check_name(d.check)}: {d.reason}"
            for d in analysis.health.deductions]


def details_html(finding: Finding) -> str:
    """What the details box says about one finding."""
    parts = [f"<p><b>{escape(finding.title)}</b><br>"
             f"<i>{severity_word(finding.severity)} · {escape(check_name(finding.check))}</i></p>",
             f"<p>{escape(finding.detail)}</p>",
             f"<p><b>What you could do</b><br>{escape(finding.suggestion)}</p>"]
    if finding.nodes:
        shown = ", ".join(escape(n.label) for n in finding.nodes[:NODES_LISTED])
        more = len(finding.nodes) - NODES_LISTED
        shown += f" … and {more} more" if more > 0 else ""
        parts.append(f"<p><b>On the map</b> ({len(finding.nodes)})<br>{shown}</p>")
    return "".join(parts)


def _same_subject(a: Finding, b: Finding) -> bool:
    return (a.check, a.subject or a.title) == (b.check, b.subject or b.title)


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the list's current width (Qt's own guess
    measures the text on one line)."""

    def sizeHint(self, option, index) -> QSize:
        view = self.parent()
        icon = view.iconSize().width() + 14
        width = max(80, view.viewport().width() - icon - 8)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        flags = int(Qt.TextFlag.TextWordWrap)
        height = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), flags, text).height()
        return QSize(width + icon, max(height, view.iconSize().height()) + 10)


class FindingsList(QTreeWidget):
    """One row per finding. Esc or a click on empty space clears the selection."""

    activated = Signal(object)  # a Finding: double-click or Enter

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findings_list")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setItemDelegate(WrappingDelegate(self))
        self.itemDoubleClicked.connect(lambda item, _col: self.activated.emit(_finding(item)))

    def show_findings(self, findings) -> None:
        self.clear()
        for finding in findings:
            row = QTreeWidgetItem([f"{severity_word(finding.severity)} · {finding.title}"])
            row.setIcon(0, severity_icon(finding.severity))
            row.setData(0, Qt.ItemDataRole.UserRole, finding)
            row.setToolTip(0, f"{check_name(finding.check)} — double-click to zoom to it")
            self.addTopLevelItem(row)

    def findings(self) -> list[Finding]:
        return [_finding(self.topLevelItem(i)) for i in range(self.topLevelItemCount())]

    def current_finding(self) -> Finding | None:
        chosen = self.selectedItems()
        return _finding(chosen[0]) if chosen else None

    def select(self, finding: Finding | None) -> None:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if finding is not None and _same_subject(_finding(item), finding):
                self.setCurrentItem(item)
                return
        self.clearSelection()

    def event(self, event) -> bool:
        # Esc here clears the chosen finding, before any window-wide Esc shortcut takes it.
        if (event.type() == QEvent.Type.ShortcutOverride
                and event.key() == Qt.Key.Key_Escape and self.selectedItems()):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.selectedItems():
            self.clearSelection()
            event.accept()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selectedItems():
            self.activated.emit(self.current_finding())
            event.accept()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped titles need new row heights

    def mousePressEvent(self, event) -> None:
        if self.itemAt(event.position().toPoint()) is None:
            self.clearSelection()
        super().mousePressEvent(event)


def _finding(item: QTreeWidgetItem) -> Finding:
    return item.data(0, Qt.ItemDataRole.UserRole)


class FindingsPanel(QWidget):
    """Health score (and its deductions), the findings, and the chosen finding in words."""

    finding_selected = Signal(object)  # a Finding, or None when the selection is cleared
    finding_activated = Signal(object)  # a Finding to zoom to

    def __init__(self, parent=None):
        super().__init__(parent)
        self.analysis: Analysis | None = None
        self.score_label = QLabel(objectName="health_score")
        self.state_label = QLabel(objectName="health_state", wordWrap=True)
        self.why_button = QToolButton(objectName="why_score", text="Why?")
        self.list = FindingsList()
        self.details = QTextBrowser(objectName="finding_details", openLinks=False)
        self.message = QLabel(objectName="findings_message", wordWrap=True)
        self.pages = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        self._split_by_hand = False  # the user moved the line between list and details
        self._lay_out()
        self._connect()
        self.show_no_map()

    def _lay_out(self) -> None:
        self.why_button.setToolTip("What took points off the score")
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setMargin(8)
        splitter = self.splitter
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setSizes([320, 180])
        splitter.installEventFilter(self)
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.message)
        header = QHBoxLayout()
        header.addWidget(self.score_label)
        header.addStretch(1)
        header.addWidget(self.why_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self.state_label)
        layout.addWidget(self.pages, 1)

    def fit_split(self) -> None:
        """Share the pane between the findings and the details: the list as tall as its
        rows (within its least height and ``MOST_LIST`` of the pane), the details the rest;
        unless the user moved the line between them."""
        total = self.splitter.height() - self.splitter.handleWidth()
        if self._split_by_hand or total <= 0 or self.list.topLevelItemCount() == 0:
            return
        self.list.doItemsLayout()
        rows = sum(self.list.visualItemRect(self.list.topLevelItem(i)).height()
                   for i in range(self.list.topLevelItemCount()))
        wanted = rows + 2 * self.list.frameWidth() + 4
        height = max(self.list.minimumHeight(), min(wanted, round(total * MOST_LIST)))
        self.splitter.blockSignals(True)
        self.splitter.setSizes([height, total - height])
        self.splitter.blockSignals(False)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self.fit_split()
        return False

    def _connect(self) -> None:
        self.splitter.splitterMoved.connect(self._moved_by_hand)
        self.why_button.clicked.connect(self.show_why)
        self.list.itemSelectionChanged.connect(self._on_selection_changed)
        self.list.activated.connect(self.finding_activated)

    def set_theme(self, theme: Theme) -> None:
        """Bigger words in the projector theme, so the room can read the findings too."""
        big = theme.key == "projector"
        self.setFont(font(theme.panel_px))
        self.score_label.setFont(font(36 if big else 26, bold=True))
        self.list.setIconSize(QSize(28, 28) if big else QSize(20, 20))
        metrics = QFontMetrics(self.font())
        line = max(metrics.lineSpacing(), metrics.height())
        row = 2 * line + 12  # as the rows measure themselves (WrappingDelegate), and a little
        self.list.setMinimumHeight(LEAST_ROWS * row + 2 * self.list.frameWidth())
        self.details.setMinimumHeight(LEAST_DETAIL_LINES * line + 16)

    def _moved_by_hand(self, *_args) -> None:
        self._split_by_hand = True

    # --- what the panel shows --------------------------------------------------------------

    def show_no_map(self) -> None:
        self.analysis = None
        self._show_header("Health —", "", [])
        self._show_message(NO_MAP)

    def show_checking(self) -> None:
        """A newer check is on its way: keep the last result, marked as being updated."""
        if self.analysis is None:
            self._show_header("Health …", "Checking the map…", [])
            self._show_message("Checking the map…")
        else:
            self.state_label.setText("Updating after your last change…")

    def show_failure(self, message: str) -> None:
        self.state_label.setText(f"Ecomap could not check this map: {message}")

    def show_analysis(self, analysis: Analysis) -> None:
        """Show a finished check, keeping the chosen finding selected if it is still there."""
        chosen = self.list.current_finding()
        self.analysis = analysis
        if analysis.health.judged:
            score, notes = f"Health {analysis.health.score}/100", analysis.notes
        else:
            score = "Not enough to judge yet"
            notes = ("The score waits until the map has a few pieces connected to each other.",
                     *analysis.notes)
        self._show_header(score, " ".join(notes), deduction_lines(analysis))
        if analysis.node_count == 0 or not analysis.findings:
            self.list.clear()
            self._show_message(EMPTY_MAP if analysis.node_count == 0 else NO_FINDINGS)
            return
        self.list.blockSignals(True)
        self.list.show_findings(analysis.findings)
        self.list.select(chosen)
        self.list.blockSignals(False)
        self.pages.setCurrentIndex(0)
        self.fit_split()
        self._on_selection_changed()

    def _show_header(self, score: str, state: str, deductions: list[str]) -> None:
        self.score_label.setText(score)
        self.state_label.setText(state)
        self.state_label.setVisible(bool(state))
        self.why_button.setEnabled(bool(deductions))
        self.score_label.setToolTip("\n".join(deductions))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.pages.setCurrentIndex(1)
        self.details.clear()
        self.finding_selected.emit(None)

    def show_why(self) -> None:
        """Explain the score in the details box: every deduction and its reason."""
        if self.analysis is None:
            return
        self.list.clearSelection()
        lines = "".join(f"<li>{escape(line)}</li>" for line in deduction_lines(self.analysis))
        self.details.setHtml(f"<p><b>Why {self.analysis.health.score}/100?</b> The score "
                             f"starts at 100; each weak spot takes points off.</p><ul>{lines}</ul>")
        self.pages.setCurrentIndex(0)

    def _on_selection_changed(self) -> None:
        finding = self.list.current_finding()
        if finding is None:
            self.details.setHtml("<p>Choose a finding to see what it means and what you could "
                                 "do. Its pieces stand out on the map.</p>")
        else:
            self.details.setHtml(details_html(finding))
        self.finding_selected.emit(finding)

    # --- what tests and the window ask -----------------------------------------------------

    def findings(self) -> list[Finding]:
        return self.list.findings()

    def current_finding(self) -> Finding | None:
        return self.list.current_finding()

    def clear_selection(self) -> None:
        self.list.clearSelection()
