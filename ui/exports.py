"""File ▸ Export map…, Export selection… and Export health report…: the window's way to the
exporters.

They draw the open map with the same code as ``ecomap export`` and ``ecomap report`` (the one
renderer) and say where the file went. An export runs in ``Step``s behind a progress window:
the drawing and the report's pages in a worker thread (they touch no widget), only the saving
here, so the window stays responsive. A failure is shown and leaves no file behind; stopping or
closing the window ends the export before anything is saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from app.cli_export import DATA_FORMATS, data_files
from app.errors import EcomapError
from app.interchange.tabular_export import spreadsheet_targets, write_files
from app.safe_files import check_target, write_bytes
from ui import exporters
from ui.analysis_runner import AnalysisRunner
from ui.export_dialog import ExportDialog, safe_name
from ui.render import ExportOptions, selected_part
from ui.report_export import Step, report_steps

DRAWINGS = {"png": exporters.png_bytes, "svg": exporters.svg_bytes,
            "pdf": exporters.pdf_bytes}
REPORT_FILTERS = {"PDF health report (*.pdf)": ".pdf",
                  "Web page, self-contained (*.html)": ".html"}
PAINT_MS = 50  # before the first step that holds the window: time for the progress to show


def map_steps(data, path: Path, options: ExportOptions) -> list[Step]:
    """Draw the map in the worker, then save it here: a stopped export saves nothing."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in DATA_FORMATS:
        return data_steps(data, path, options)
    drawing = DRAWINGS[suffix]
    drawn: list[bytes] = []
    return [Step("Drawing the map…", lambda: drawn.append(drawing(data, options)),
                 in_worker=True),
            Step("Saving the map…", lambda: write_bytes(path, drawn[0]))]


def data_steps(data, path: Path, options: ExportOptions) -> list[Step]:
    """A spreadsheet or network file: its bytes made in the worker, the files saved here."""
    if options.selection:
        data = selected_part(data, options.selection)
    files: list = []

    def save() -> None:
        write_files(files)

    return [Step("Writing the map's data…", lambda: files.extend(data_files(data, path)),
                 in_worker=True),
            Step("Saving…", save)]


class MapExports:
    """The export commands of one main window, and the export under way (one at a time)."""

    def __init__(self, window):
        self.window = window
        self.runner = AnalysisRunner(window)  # its worker runs the steps that need no Qt
        self.dialog: ExportDialog | None = None
        self.progress: QProgressDialog | None = None
        self.ticket = 0  # the export under way; a step of an older one is dropped
        self.steps: list[Step] = []
        self.path: Path | None = None
        self.delay = PAINT_MS
        window.scene.selectionChanged.connect(self.update_enabled)
        self.following_selection = True

    @property
    def busy(self) -> bool:
        return self.progress is not None

    def update_enabled(self) -> None:
        """Exports need a map; Export selection, some selected nodes."""
        has_map = self.window.document is not None
        commands = self.window.commands
        commands["export_map"].setEnabled(has_map)
        commands["export_report"].setEnabled(has_map)
        commands["export_selection"].setEnabled(
            has_map and bool(self.window.editor.selected_node_items()))

    # --- the commands ----------------------------------------------------------------------

    def export_map(self) -> None:
        """Ask how and where, then write the map as a PNG, PDF or SVG."""
        self._ask(only_selected=False)

    def export_selection(self) -> None:
        """The same, with only the selected nodes ticked."""
        self._ask(only_selected=True)

    def export_report(self) -> None:
        """Ask where, then write the health report (PDF, or one web page)."""
        document = self.window.document
        if document is None:
            return
        path = self._ask_report_path(f"{document.name} — health report")
        if path is None:
            return
        data, analysis = self._checked_map()
        steps = report_steps(data, path, "light", path.suffix == ".html", analysis)
        self.start(steps, path, "Writing the health report")

    def _checked_map(self):
        """The open map, and the Health panel's checks of it if they are of this very map (the
        report need not check it again: seconds on a large map)."""
        data = self.window.document.snapshot()
        runner = getattr(getattr(self.window, "findings", None), "runner", None)
        latest = getattr(runner, "latest", None)
        if runner is None or latest is None or runner.pending or latest.data != data:
            return data, None
        return data, latest.analysis

    def _ask(self, only_selected: bool) -> None:
        document = self.window.document
        if document is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        settings = self.window.settings if self.window.remember else None
        self.dialog = ExportDialog(self.window, document.snapshot(), self.window.scene.theme.key,
                                   tuple(self.window.editor.selected_node_ids()), settings,
                                   only_selected)
        self.dialog.chosen.connect(self._write_map)
        self.dialog.open()

    def _write_map(self, path: Path, options: ExportOptions) -> None:
        self.start(map_steps(self.dialog.data, path, options), path, "Exporting the map")

    def _ask_report_path(self, name: str) -> Path | None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        first = next(iter(REPORT_FILTERS))
        start = str(Path(folder) / f"{safe_name(name)}{REPORT_FILTERS[first]}")
        path, chosen_filter = QFileDialog.getSaveFileName(
            self.window, "Export health report", start, ";;".join(REPORT_FILTERS), first)
        if not path:
            return None
        return Path(path).with_suffix(REPORT_FILTERS.get(chosen_filter, ".pdf"))

    # --- running an export -----------------------------------------------------------------

    def start(self, steps: list[Step], path: Path, title: str) -> None:
        """Run ``steps`` one after another behind a progress window; at the end, say where
        the file went."""
        try:
            check_target(path)  # before any time is spent drawing
        except EcomapError as error:
            self.window.show_problem("Could not export", error)
            return
        self.stop()
        self.ticket += 1
        self.steps, self.path, self.delay = list(steps), path, PAINT_MS
        self.progress = self._progress_window(title)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._next(self.ticket)

    def _progress_window(self, title: str) -> QProgressDialog:
        progress = QProgressDialog("", "Stop", 0, 0, self.window)  # 0, 0: busy, no percentage
        progress.setObjectName("export_progress")
        progress.setWindowTitle(title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setMinimumWidth(360)
        progress.canceled.connect(self.stop)
        progress.show()
        return progress

    def _next(self, ticket: int) -> None:
        if ticket != self.ticket or self.progress is None:
            return  # stopped, or the window closed
        if not self.steps:
            self._finished()
            return
        step = self.steps.pop(0)
        self.progress.setLabelText(step.says)
        if step.in_worker:
            self.runner.start(ticket, step.work, self._worker_done, self._worker_failed)
        else:  # after one turn of the event loop, which repaints the window
            delay, self.delay = self.delay, 0
            QTimer.singleShot(delay, self.runner, lambda: self._here(ticket, step))

    def _here(self, ticket: int, step: Step) -> None:
        if ticket != self.ticket or self.progress is None:
            return
        try:
            more = step.work()
        except (EcomapError, OSError) as error:
            self._failed(error)
            return
        except BaseException:  # a bug: the crash report says so; the window stays usable
            self.stop()
            raise
        self.steps[:0] = more or []
        self._next(ticket)

    def _worker_done(self, ticket: int, more: list[Step] | None) -> None:
        if ticket == self.ticket:
            self.steps[:0] = more or []
        self._next(ticket)

    def _worker_failed(self, ticket: int, message: str) -> None:
        if ticket == self.ticket and self.progress is not None:
            self._failed(EcomapError(message))

    def _failed(self, error: Exception) -> None:
        self.stop()
        self.window.show_problem("Could not export", error)

    def _finished(self) -> None:
        path = self.path
        self.stop()
        written = spreadsheet_targets(path) if path.suffix.lower() == ".csv" else [path]
        self.window.statusBar().showMessage(
            f"Exported to {' and '.join(str(p) for p in written)}", 8000)

    def stop(self) -> None:
        """End the export under way, if any; a step still in the worker is left to finish,
        and its result dropped. Files are written whole in the last step, so none is left
        half-written."""
        if self.progress is None:
            return
        self.ticket += 1
        self.steps, self.path = [], None
        progress, self.progress = self.progress, None
        progress.canceled.disconnect(self.stop)
        progress.close()
        progress.deleteLater()
        QGuiApplication.restoreOverrideCursor()

    def shutdown(self) -> None:
        """The window is closing: stop, and wait for the worker so none outlives it."""
        self.stop()
        if self.following_selection:  # a window may be closed twice
            self.window.scene.selectionChanged.disconnect(self.update_enabled)
            self.following_selection = False
        self.runner.shutdown()
