"""File ▸ Import…: a spreadsheet, Kumu project, GraphML or GEXF file brought into Ecomap.

The file is read and planned in a worker thread behind a progress window whose Stop leaves
everything as it was; the plan is then shown in the preview (``ui.import_dialog``), where the
person chooses a new map or a merge and where each Type goes, and nothing changes until they
press Import. A merge is one undo step; a new map is written whole (in the worker) and opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from app import collector
from app.errors import EcomapError
from app.importing import Stopped, new_map_from, plan_import, read
from app.interchange.preview import counted
from app.ops import AddEdges, AddNodes, Batch, Operation
from ui.analysis_runner import AnalysisRunner
from ui.background import Breather
from ui.import_dialog import ImportDialog

IMPORT_FILTER = ("Files Ecomap imports (*.csv *.xlsx *.json *.graphml *.gexf);;"
                 "Spreadsheets (*.csv *.xlsx);;Kumu projects (*.json);;"
                 "yEd networks (*.graphml);;Gephi networks (*.gexf)")
PROBLEM = "Could not import the file"
TICK_MS = 100  # how often the progress window shows how far the worker has got
PART = 500  # new pieces or connections saved at a time in a large merge
BUG = ("Something went wrong inside Ecomap while importing, so nothing was changed. If it "
       "happens again, tell whoever looks after Ecomap which file you were importing.")


class Watch:
    """The worker's ``progress``: it notes how far the work has got for the progress window
    to show, and stops the work (``Stopped``, nothing changed) once ``stop()`` was asked."""

    def __init__(self, stage: str = ""):
        self.state = (stage, 0, 0)  # one assignment: read whole by the GUI thread
        self.stopped = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.stopped:
            raise Stopped()
        self.state = (stage, done, total)

    def stop(self) -> None:
        self.stopped = True


class Importer(QObject):
    """Owned by the main window; File ▸ Import… calls ``import_file_dialog``."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.runner = AnalysisRunner(self)  # its one worker thread runs the reading
        self.ticket = 0  # the work under way; the result of older (stopped) work is dropped
        self.watch = Watch()
        self.progress: QProgressDialog | None = None
        self.dialog: ImportDialog | None = None
        self.source: Path | None = None
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self._show_progress)

    @property
    def busy(self) -> bool:
        """Whether reading, planning or writing is under way behind the progress window."""
        return self.progress is not None

    # --- the command -----------------------------------------------------------------------

    def import_file_dialog(self) -> None:
        """Ask which file, then read it and show the preview."""
        document = self.window.document
        folder = str(document.path.parent) if document is not None else ""
        path, _chosen = QFileDialog.getOpenFileName(self.window, "Import", folder,
                                                    IMPORT_FILTER)
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read ``path`` and work out the plan in the worker, then show the preview; merged
        into the open map unless the person chooses a new map there."""
        document = self.window.document
        into = document.snapshot() if document is not None else None
        self.source = Path(path)
        watch = self._start(f"Importing “{self.source.name}”", "Reading the file",
                            stoppable=True)

        def work():
            imported = read(path, watch)
            return imported, plan_import(imported, into=into, progress=watch)

        self._run(work, self._preview)

    def _preview(self, found) -> None:
        imported, plan = found
        if self.dialog is not None:
            self.dialog.deleteLater()
        document = self.window.document
        self.dialog = ImportDialog(self.window, imported, plan,
                                   document.snapshot() if document is not None else None,
                                   self._for_dialog)
        self.dialog.chosen.connect(self.go_ahead)
        self.dialog.open()

    def _for_dialog(self, work: Callable[[], object], then: Callable[[object], None]) -> None:
        """Plan again for the preview, in the worker; dropped if that preview has gone."""
        dialog = self.dialog

        def back(_ticket: int, result) -> None:
            if self.dialog is dialog:
                then(result)

        self.runner.start(0, _caught(work), back,
                          lambda ticket, _message: back(ticket, EcomapError(BUG)))

    # --- going ahead -----------------------------------------------------------------------

    def go_ahead(self, plan) -> None:
        """The person pressed Import: merge the plan as one undo step, or make the new map
        and open it. The new pieces are placed, and a new map written, in the worker."""
        if plan.merge:
            self._start(f"Adding to “{plan.into.name}”", "Placing the new pieces",
                        stoppable=True)
            self._run(plan.operation, lambda op: self._merged(plan, op))
        else:  # once the file is being written there is no stopping half-way
            watch = self._start(f"Making the map “{plan.name}”", "Laying out the map",
                                stoppable=False)
            self._run(lambda: new_map_from(plan, progress=watch),
                      lambda path: self._made(plan, path))

    def _merged(self, plan, operation) -> None:
        self.timer.stop()  # the stages of the worker are over
        if self.progress is not None:
            self.progress.setCancelButton(None)  # the map is being saved: no stopping now
            self.progress.setLabelText("Saving the map…")
            self.progress.repaint()
        if self._apply_as_one_step(in_parts(operation), f"Import {plan.source}"):
            self.say(f"Imported “{plan.source}”: {_added(plan)}. Undo (Ctrl+Z) takes the "
                     "whole import back out.")

    def _apply_as_one_step(self, parts: list[Operation], text: str) -> bool:
        """Apply ``parts`` as one undo step. A large merge comes in parts, each saved in its own
        short transaction with a breath of the window between (saving 10,000 pieces and their
        connections at once would freeze it for half a second); if one part is refused, those
        applied are taken back out, and the map is as it was."""
        editor = self.window.editor
        if len(parts) == 1:
            return editor.run(parts[0], text)
        editor.stack.beginMacro(text)
        applied = 0
        with collector.held(), Breather(quiet=[self.window.view],
                                        before_each=self.window.scene.index_now) as breathe:
            for applied, part in enumerate(parts, 1):
                self._show_saved(applied, len(parts))
                if not editor.run(part):
                    applied = 0
                    break
                breathe()
        editor.stack.endMacro()
        # The thousands of new items live as long as the map: out of the collector's sight,
        # as an opened map's are, or each of its passes would freeze the window (app.collector)
        collector.settle()
        self.window.view.fit_to_window()  # all that came in, drawn in outline as a large map is
        if not applied:  # undone, then gone from the history: Qt drops an obsolete command
            editor.stack.undo()  # instead of redoing it
            editor.stack.command(editor.stack.index()).setObsolete(True)
            editor.stack.redo()
        return bool(applied)

    def _show_saved(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done - 1)

    def _made(self, plan, path: Path) -> None:
        if self.window.open_path(path):
            self.say(f"Made the map “{plan.name}” from “{plan.source}”: {_added(plan)}. It is "
                     "kept among the untitled maps until File ▸ Save As gives it a place.")

    def say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    # --- running work in the worker --------------------------------------------------------

    def _start(self, title: str, stage: str, stoppable: bool) -> Watch:
        """A fresh ``Watch`` for the work about to start, and the progress window showing it."""
        self.stop()
        self.watch = Watch(stage)
        self.progress = self._progress_window(title, stoppable)
        self.timer.start()
        return self.watch

    def _run(self, work: Callable[[], object], then: Callable[[object], None]) -> None:
        self.ticket += 1
        self.runner.start(self.ticket, _caught(work), lambda ticket, result: self._done(
            ticket, result, then), self._failed)

    def _progress_window(self, title: str, stoppable: bool) -> QProgressDialog:
        progress = QProgressDialog(self.watch.state[0] + "…", "Stop" if stoppable else "",
                                   0, 0, self.window)
        progress.setObjectName("import_progress")
        progress.setWindowTitle(title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumWidth(progress.fontMetrics().averageCharWidth() * 56)
        if not stoppable:
            progress.setCancelButton(None)
        progress.canceled.connect(self.stop)
        progress.show()
        return progress

    def _show_progress(self) -> None:
        if self.progress is None:
            return
        stage, done, total = self.watch.state
        amount = f" {done:,} of {total:,}" if total > 1 else ""
        self.progress.setLabelText(f"{stage}…{amount}")
        self.progress.setMaximum(total)
        self.progress.setValue(min(done, total) if total else 0)

    def _done(self, ticket: int, result, then: Callable[[object], None]) -> None:
        if ticket != self.ticket:
            return  # stopped: nothing was changed, and its result is dropped
        if isinstance(result, EcomapError):
            self._close_progress()
            if isinstance(result, Stopped):
                self.say(str(result))
            else:
                self.window.show_problem(PROBLEM, result)
            return
        try:  # the progress window stays while the result is taken in (a merge is saved)
            then(result)
        finally:
            self._close_progress()

    def _failed(self, ticket: int, _message: str) -> None:
        if ticket == self.ticket:
            self._close_progress()
            self.window.show_problem(PROBLEM, EcomapError(BUG))

    def stop(self) -> None:
        """Stop the work under way, if any: nothing has changed, and nothing will."""
        if self.progress is None:
            return
        self.watch.stop()
        self.ticket += 1
        self._close_progress()
        self.say("The import was stopped; nothing was changed.")

    def _close_progress(self) -> None:
        self.timer.stop()
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect(self.stop)
            progress.close()
            progress.deleteLater()

    def shutdown(self) -> None:
        """The window is closing: stop, and wait for the worker so none outlives it."""
        self.watch.stop()
        self.ticket += 1
        self._close_progress()
        self.runner.shutdown()


def _caught(work: Callable[[], object]) -> Callable[[], object]:
    """``work`` whose refusals (a bad file, a stop) come back as its result, whole, for the
    GUI thread to show; the runner reports anything else as a failure."""
    def run():
        try:
            return work()
        except EcomapError as error:
            return error
    return run


def in_parts(operation: Operation, size: int = PART) -> list[Operation]:
    """A merge's steps with its thousands of new pieces and connections cut into parts of
    ``size`` (the pieces before the connections that need them); a small merge is one part."""
    steps = operation.ops if isinstance(operation, Batch) else (operation,)
    if sum(len(_added_by(step)) for step in steps) < size * 4:
        return [operation]
    parts: list[Operation] = []
    for step in steps:
        added = _added_by(step)
        if len(added) <= size:
            parts.append(step)
            continue
        make = AddNodes if isinstance(step, AddNodes) else AddEdges
        parts += [make(added[i:i + size]) for i in range(0, len(added), size)]
    return parts


def _added_by(step: Operation) -> tuple:
    if isinstance(step, AddNodes) and not step.edges:
        return step.nodes
    return step.edges if isinstance(step, AddEdges) else ()


def _added(plan) -> str:
    text = (f"{counted(len(plan.nodes_to_add), 'piece')} and "
            f"{counted(len(plan.edges_to_add), 'connection')} added")
    if plan.merge and (plan.node_updates or plan.edge_updates):
        text += f", {counted(len(plan.node_updates) + len(plan.edge_updates), 'piece')} updated"
    return text
