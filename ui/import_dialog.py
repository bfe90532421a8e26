"""The preview of an import, before anything changes: a new map or a merge into the open one,
what reading the file noticed, where each Type goes (a table the person can change, which
plans the import again), what will be added and updated, and every row that cannot be
imported with its file, sheet, row and column. Import says what it will do, and waits while
rows are wrong unless the person chooses to leave them out; Cancel changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import DEFAULT_CATEGORIES, Category, MapData
from app.errors import EcomapError
from app.importing import Plan, plan_import
from app.interchange.preview import counted, how_chosen, update_text
from app.interchange.records import Imported, Problem
from app.quoting import cut
from ui.wording import in_words

SHOWN = 500  # rows of each list: enough to read through; the rest are counted
TYPE_COLUMNS = ("Type in the file", "Rows", "Building block", "Kind", "Why")
PROBLEM_COLUMNS = ("File", "Sheet", "Row", "Column", "What is wrong")
LEFT_OUT_TAB = "Rows left out"
SKIP_TEXT = "Leave out the rows that cannot be imported"
# Run ``work`` in a worker thread, then ``then(result)`` on the GUI thread (an EcomapError
# the work raised comes back as its result).
InWorker = Callable[[Callable[[], object], Callable[[object], None]], None]


class ImportDialog(QDialog):
    """The preview of one import; ``chosen(plan)`` when the person presses Import."""

    chosen = Signal(object)  # the Plan to carry out

    def __init__(self, parent: QWidget, imported: Imported, plan: Plan,
                 open_map: MapData | None, in_worker: InWorker):
        super().__init__(parent)
        self.imported, self.plan, self.open_map = imported, plan, open_map
        self.in_worker = in_worker
        self.choices: dict[str, tuple[str, str | None]] = {}  # what the person changed
        self.planning = 0  # plans asked for and not yet back
        self.setObjectName("import_dialog")
        self.setWindowTitle("Import")
        self._build()
        self.show_plan(plan)
        if not plan.ready:  # what must be dealt with first
            self.tabs.setCurrentIndex(3)
        self._fit(parent)

    # --- building --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel(self, objectName="import_heading", wordWrap=True)
        layout.addWidget(self.heading)
        layout.addWidget(self._where_to())
        self.notes = QLabel(self, objectName="import_notes", wordWrap=True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes)
        self.summary = QLabel(self, objectName="import_summary", wordWrap=True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget(self, objectName="import_tabs")
        self.types = self._table("import_types", TYPE_COLUMNS)
        self.types.itemChanged.connect(self._kind_changed)
        self.added = QListWidget(self, objectName="import_added")
        self.updated = QListWidget(self, objectName="import_updated")
        self.left_out = self._table("import_left_out", PROBLEM_COLUMNS)
        self.repeated = QListWidget(self, objectName="import_repeated")
        self.repeated.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.tabs.addTab(self._page(
            "Each Type in the file goes into a building block with a kind. Change them here: "
            "the preview follows.", self.types), "Types")
        self.tabs.addTab(self.added, "To add")
        self.tabs.addTab(self.updated, "To update")
        self.tabs.addTab(self._page("", self.left_out, self.repeated), LEFT_OUT_TAB)
        layout.addWidget(self.tabs, 1)
        self.skip = QCheckBox(SKIP_TEXT, self, objectName="import_skip")
        self.skip.toggled.connect(self._update_button)
        layout.addWidget(self.skip)
        self.reason = QLabel(self, objectName="import_reason", wordWrap=True)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_button")
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.go_ahead)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _where_to(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.new_button = QRadioButton(self, objectName="import_new")
        self.merge_button = QRadioButton(self, objectName="import_merge")
        group = QButtonGroup(box)
        for button in (self.new_button, self.merge_button):
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.merge_button.setEnabled(self.open_map is not None)
        self.merge_button.setText(
            f"Merge into “{cut(self.open_map.name, 40)}”" if self.open_map is not None
            else "Merge into the open map (no map is open)")
        (self.merge_button if self.plan.merge else self.new_button).setChecked(True)
        self.merge_button.toggled.connect(self._replan)
        return box

    def _table(self, name: str, columns: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(columns), self, objectName=name)
        table.setHorizontalHeaderLabels(columns)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _page(self, text: str, *widgets: QWidget) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        if text:
            layout.addWidget(QLabel(text, page, wordWrap=True))
        for stretch, widget in enumerate(widgets):
            layout.addWidget(widget, 3 if stretch == 0 else 1)
        return page

    def _fit(self, parent: QWidget) -> None:
        """Wide enough for the tables, never larger than the screen (a 1024×768 projector)."""
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 128, metrics.height() * 40
        room = parent.window().size() if parent is not None else \
            self.screen().availableGeometry().size()
        self.resize(min(width, room.width() - 24), min(height, room.height() - 24))

    # --- showing a plan --------------------------------------------------------------------

    def show_plan(self, plan: Plan) -> None:
        """Show everything ``plan`` will do (after each change of the person's, a new one)."""
        self.plan = plan
        self.heading.setText(f"<b>Import “{_escaped(plan.source)}”</b> — nothing changes "
                             "until you press the button at the bottom.")
        self.new_button.setText(f"Into a new map “{cut(plan.name, 40)}”")
        self.notes.setText(_notes(plan))
        self.summary.setText(_summary(plan))
        self._fill_types(plan)
        self._fill_list(self.added, _additions(plan))
        self._fill_list(self.updated, _updates(plan))
        self._fill_left_out(plan)
        self._name_tabs(plan)
        self.skip.setVisible(not plan.ready)
        self._update_button()

    def _fill_types(self, plan: Plan) -> None:
        blocks = _block_choices(plan, self.open_map)
        table = self.types
        table.blockSignals(True)
        table.setRowCount(len(plan.types))
        for row, choice in enumerate(plan.types):
            table.setItem(row, 0, _item(choice.shown_type))
            table.setItem(row, 1, _item(f"{choice.count:,}", right=True))
            table.setCellWidget(row, 2, self._block_box(choice.type, choice.block, blocks))
            kind = QTableWidgetItem(choice.kind)
            kind.setToolTip("The kind the pieces get: type to change it")
            table.setItem(row, 3, kind)
            table.setItem(row, 4, _item(how_chosen(choice)))
        table.blockSignals(False)
        table.resizeColumnsToContents()

    def _block_box(self, type_text: str, block: str, blocks: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox(self.types)
        box.setObjectName(f"block:{type_text}")
        for key, text in blocks:
            box.addItem(text, key)
        box.setCurrentIndex(max(0, box.findData(block)))
        box.currentIndexChanged.connect(lambda _i, t=type_text, b=box: self._block_changed(t, b))
        return box

    def _fill_list(self, widget: QListWidget, lines: list[str]) -> None:
        widget.clear()
        widget.addItems(_shown(lines))

    def _fill_left_out(self, plan: Plan) -> None:
        rows = [*plan.ambiguous, *plan.problems]
        shown = rows[:SHOWN]
        table = self.left_out
        table.setRowCount(len(shown) + (len(rows) > len(shown)))
        for row, problem in enumerate(shown):
            for column, text in enumerate(problem_cells(problem)):
                table.setItem(row, column, _item(text, right=column == 2))
        if len(rows) > len(shown):
            table.setItem(len(shown), 4, _item(f"… and {len(rows) - len(shown):,} more"))
        table.setColumnHidden(1, not any(problem_cells(p)[1] for p in shown))
        table.resizeColumnsToContents()
        self.repeated.setVisible(bool(plan.repeated))
        self._fill_list(self.repeated, ["Repeated rows (the later row is used):",
                                        *plan.repeated] if plan.repeated else [])

    def _name_tabs(self, plan: Plan) -> None:
        added = len(plan.nodes_to_add) + len(plan.edges_to_add)
        updated = len(plan.node_updates) + len(plan.edge_updates)
        left_out = len(plan.ambiguous) + len(plan.problems)
        for index, (text, count) in enumerate((("Types", len(plan.types)), ("To add", added),
                                               ("To update", updated),
                                               (LEFT_OUT_TAB, left_out))):
            self.tabs.setTabText(index, f"{text} ({count:,})")
        self.tabs.setTabVisible(2, plan.merge)

    def _update_button(self, *_args) -> None:
        """Import says what it will do; disabled, with the reason beside it, while it cannot."""
        plan, reason = self.plan, ""
        self.import_button.setText(_button_text(plan))
        if self.planning:
            reason = "Working out what will change…"
        elif plan.changes_nothing:
            reason = "Nothing would change: every row matches the map as it is already."
        elif not plan.ready and not self.skip.isChecked():
            left_out = len(plan.ambiguous) + len(plan.problems)
            reason = (f"{counted(left_out, 'row')} cannot be imported as written (listed under "
                      f"“{LEFT_OUT_TAB}”). Correct {_them(left_out)} in the file and import it again, or "
                      f"tick “{SKIP_TEXT}” to import the rest.")
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.import_button.setEnabled(not reason)

    # --- the person's changes --------------------------------------------------------------

    def _block_changed(self, type_text: str, box: QComboBox) -> None:
        kind = self._kind_of(type_text)
        self.choices[type_text] = (box.currentData(), kind)
        self._replan()

    def _kind_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 3:
            return
        choice = self.plan.types[item.row()]
        kind = " ".join(item.text().split())
        self.choices[choice.type] = (self._block_of(choice.type), kind)
        self._replan()

    def _kind_of(self, type_text: str) -> str | None:
        chosen = self.choices.get(type_text)
        return chosen[1] if chosen else None  # None: the type itself, as guessed

    def _block_of(self, type_text: str) -> str:
        box = self.types.findChild(QComboBox, f"block:{type_text}")
        return box.currentData()

    def _replan(self, *_args) -> None:
        """Plan again with the person's choices, in the worker; the newest plan is shown."""
        into = self.open_map if self.merge_button.isChecked() else None
        imported, choices = self.imported, dict(self.choices)
        self.planning += 1
        self._update_button()
        self.in_worker(lambda: plan_import(imported, types=choices, into=into), self._planned)

    def _planned(self, plan) -> None:
        self.planning -= 1
        if self.planning:
            return  # a newer plan is on its way
        if isinstance(plan, EcomapError):
            self._update_button()
            self.reason.setText(in_words(plan))
            self.reason.show()
            self.import_button.setEnabled(False)
            return
        self.show_plan(plan)

    def go_ahead(self) -> None:
        if self.import_button.isEnabled():
            self.accept()
            self.chosen.emit(self.plan)


# --- the words of the preview -------------------------------------------------------------


def problem_cells(problem: Problem) -> tuple[str, str, str, str, str]:
    """A row left out as the table shows it: file, sheet, row, column, what is wrong."""
    file, sheet, row, other = "", "", "", []
    for i, part in enumerate(problem.where.split(", ")):
        if i == 0:
            file = part
        elif match := re.fullmatch(r"sheet “(.*)”", part):
            sheet = match.group(1)
        elif match := re.fullmatch(r"row (\d+)", part):
            row = match.group(1)
        else:
            other.append(part)
    row = row or ", ".join(other)
    return file, sheet, row, problem.column or "", problem.message


def _notes(plan: Plan) -> str:
    """What reading noticed, one note a line (a note starting with a file name keeps its
    case: “catalogue.xlsx was read as …”)."""
    notes = [note if "." in note.split(" ", 1)[0] else note[0].upper() + note[1:]
             for note in plan.notes if note]
    return "<br>".join(f"• {_escaped(note)}." for note in notes)


def _them(count: int) -> str:
    return "it" if count == 1 else "them"


def _summary(plan: Plan) -> str:
    parts = [f"{counted(len(plan.nodes_to_add), 'piece')} to add"]
    if plan.merge:
        parts += [f"{len(plan.node_updates):,} to update", f"{plan.unchanged:,} unchanged"]
    parts.append(f"{counted(len(plan.edges_to_add), 'connection')} to add")
    if plan.merge and plan.edge_updates:
        parts.append(f"{counted(len(plan.edge_updates), 'connection')} to update")
    left_out = len(plan.ambiguous) + len(plan.problems)
    if left_out:
        parts.append(f"{counted(left_out, 'row')} cannot be imported")
    blocks = ", ".join(c.name for c in plan.categories)
    tail = ""
    if blocks:
        tail = f" New building blocks: {blocks}." if plan.merge else \
            f" Building blocks: {blocks}."
    return "<b>" + "; ".join(parts) + ".</b>" + _escaped(tail)


def _button_text(plan: Plan) -> str:
    pieces = counted(len(plan.nodes_to_add), "piece")
    if not plan.merge:
        return f"Make a new map of {pieces}"
    name = cut(plan.into.name, 30) if plan.into is not None else "the map"
    updates = " and ".join(counted(len(found), noun) for found, noun in (
        (plan.node_updates, "piece"), (plan.edge_updates, "connection")) if found)
    if not plan.nodes_to_add and not plan.edges_to_add and updates:
        return f"Update {updates} of “{name}”"
    connections = f" and {counted(len(plan.edges_to_add), 'connection')}" \
        if plan.edges_to_add else ""
    also = f", update {updates}" if updates else ""
    return f"Add {pieces}{connections} to “{name}”{also}"


def _additions(plan: Plan) -> list[str]:
    names = {c.key: c.name for c in (*DEFAULT_CATEGORIES, *(plan.into.categories
                                                            if plan.into else ()),
                                     *plan.categories)}
    labels = {n.id: n.label for n in (*(plan.into.nodes if plan.into else ()),
                                      *plan.nodes_to_add)}
    pieces = [f"{n.label} — {names.get(n.category, n.category)}"
              + (f", {n.kind}" if n.kind else "") for n in plan.nodes_to_add]
    edges = [f"{labels.get(e.source, e.source)} → {labels.get(e.target, e.target)}"
             + (f" ({e.kind})" if e.kind else "") for e in plan.edges_to_add]
    return [*_headed("Pieces:", pieces), *_headed("Connections:", edges)]


def _headed(heading: str, lines: list[str]) -> list[str]:
    return [heading, *(f"    {line}" for line in lines[:SHOWN]), *_more(lines)] if lines else []


def _updates(plan: Plan) -> list[str]:
    lines = [update_text(u, plan) for u in (*plan.node_updates, *plan.edge_updates)]
    if plan.merge and plan.unchanged:
        lines.append(f"{counted(plan.unchanged, 'row')} match pieces of the map and change "
                     "nothing.")
    return lines


def _more(lines: list[str]) -> list[str]:
    return [f"… and {len(lines) - SHOWN:,} more"] if len(lines) > SHOWN else []


def _shown(lines: list[str]) -> list[str]:
    return lines if len(lines) <= 2 * SHOWN + 2 else lines[:2 * SHOWN] + [
        f"… and {len(lines) - 2 * SHOWN:,} more"]


def _block_choices(plan: Plan, open_map: MapData | None) -> list[tuple[str, str]]:
    """The building blocks a type can go into: the map's (or a new map's), then the usual
    blocks it has not got yet, which the import adds."""
    base: list[Category] = list(open_map.categories) if plan.merge and open_map else \
        list(DEFAULT_CATEGORIES)
    known = {c.key for c in base}
    extra = [c for c in (*plan.categories, *DEFAULT_CATEGORIES) if c.key not in known]
    extra = list({c.key: c for c in extra}.values())
    new = " (new block)" if plan.merge else ""
    return [(c.key, c.name) for c in base] + [(c.key, c.name + new) for c in extra]


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text if len(text) > 40 else "")
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
