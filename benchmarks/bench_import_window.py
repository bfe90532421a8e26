"""File ▸ Import… of the 10,000-row XLSX catalogue (bench_import's) in the window: the longest
the window froze (design.md: no stall over 100 ms) while the file is read and planned behind
the progress window and the preview appears, while the new map is written and opened, and
while the same rows are merged into an open map instead.

Driven through the importer the menu command calls once the file is chosen, and the preview's
own Import button; the stall watchdog ticks throughout. Each is run ``REPEAT`` times and the
least disturbed run is reported, as the other window benchmarks do.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_import import write_catalogue  # noqa: E402
from benchmarks.harness import Result  # noqa: E402
from benchmarks.watchdog import StallWatchdog, wait_until  # noqa: E402
from benchmarks.window import application, close_window  # noqa: E402

STALL_TARGET = 0.100
REPEAT = 2
SIZE = (1600, 1000)


def read_and_preview(window, source: Path) -> tuple[float, float]:
    """(seconds from the command to the preview, longest stall)."""
    importer = window.importer
    importer.dialog = None
    with StallWatchdog() as dog:
        start = time.perf_counter()
        importer.import_file(source)
        wait_until(lambda: importer.dialog is not None and not importer.busy)
        seconds = time.perf_counter() - start
    return seconds, dog.longest


def make_and_open(window) -> tuple[float, float]:
    """(seconds from Import in the preview to the new map open, longest stall)."""
    dialog = window.importer.dialog
    with StallWatchdog() as dog:
        start = time.perf_counter()
        dialog.import_button.click()
        wait_until(lambda: window.document is not None and not window.importer.busy)
        seconds = time.perf_counter() - start
    window.findings.runner.wait()
    window.close_map()
    return seconds, dog.longest


def merge(window, source: Path, folder: Path) -> tuple[float, float]:
    """(seconds from Import in the preview to the catalogue merged into an open map, longest
    stall); the whole merge read and planned first, untimed."""
    from app.files import create_map, load_map
    from tests.conftest import SAMPLES

    small = create_map(folder / f"sales{time.perf_counter_ns()}.ecomap",
                       load_map(SAMPLES / "sales_enablement.json"))
    window.open_path(small)
    read_and_preview(window, source)
    dialog = window.importer.dialog
    assert dialog.plan.merge
    with StallWatchdog() as dog:
        start = time.perf_counter()
        dialog.import_button.click()
        wait_until(lambda: not window.importer.busy)
        seconds = time.perf_counter() - start
    window.findings.runner.wait()
    window.close_map()
    return seconds, dog.longest


def measure() -> list[Result]:
    from ui.main_window import MainWindow
    from ui.settings import app_settings

    application()
    kept = os.environ.get("XDG_DATA_HOME")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp  # the new maps go among these untitled maps
        source = Path(tmp) / "catalogue.xlsx"
        write_catalogue(source)
        window = MainWindow(app_settings(), remember=False)
        window.resize(*SIZE)
        window.show()
        try:
            runs = []
            for _ in range(REPEAT):
                runs.append((*read_and_preview(window, source), *make_and_open(window),
                             *merge(window, source, Path(tmp))))
        finally:
            close_window(window)
            os.environ.pop("XDG_DATA_HOME") if kept is None else \
                os.environ.__setitem__("XDG_DATA_HOME", kept)
    read_s, read_stall, make_s, make_stall, merge_s, merge_stall = (
        min(r[i] for r in runs) for i in range(6))
    return [Result("window: import 10k-row XLSX, read and planned to the preview", read_s),
            Result("  longest GUI stall while reading and planning", read_stall,
                   STALL_TARGET),
            Result("window: that import made a new map and opened it", make_s),
            Result("  longest GUI stall while writing and opening it", make_stall,
                   STALL_TARGET),
            Result("window: the same 10k rows merged into an open map (one undo step)",
                   merge_s),
            Result("  longest GUI stall while merging (saved in parts)",
                   merge_stall, STALL_TARGET)]


if __name__ == "__main__":
    from benchmarks.harness import print_table

    print_table(measure())
