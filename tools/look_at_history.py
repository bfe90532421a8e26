"""Pictures of the map's history to look at: the Snapshots panel, the Compare window (lens,
list, health), the Timeline window and the report's "What changed since" pages, in each theme at
1024×768 and 3840×2160, each also in grayscale (``-gray``), as a user without colour sees it.
Not part of the tests.

    .venv/bin/python tools/look_at_history.py OUT_FOLDER [HISTORY.json]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HISTORY = ROOT / "tests" / "data" / "realistic" / "history" / "building_society_signoffs.json"
SIZES = ((1024, 768), (3840, 2160))


def settle(app, until=lambda: True, seconds: float = 20.0) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        if until():
            break
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)


def save(widget, path: Path) -> None:
    from PIL import Image

    widget.grab().save(str(path))
    Image.open(path).convert("L").save(path.with_name(path.stem + "-gray.png"))
    print(path)


def window_pictures(history: Path, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.files import import_json
    from ui.main_window import MainWindow
    from ui.settings import app_settings
    from ui.theme import THEMES, load_fonts

    app = QApplication.instance() or QApplication([])
    load_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        for theme in THEMES:
            for width, height in SIZES:
                window = MainWindow(app_settings(), remember=False)
                window.set_theme(theme)
                window.resize(width, height)
                window.show()
                window.open_path(import_json(history, Path(tmp) / f"{theme}{width}.ecomap"))
                window.history.show_panel()
                settle(app)
                name = f"{theme}-{width}"
                save(window, out / f"window-snapshots-{name}.png")
                window.history.compare()
                compare = window.history.comparing
                settle(app, lambda c=compare: c.health is not None)
                save(compare, out / f"compare-{name}.png")
                compare.close()
                window.history.show_timeline()
                timeline = window.history.timeline
                timeline.resize(width, height)
                settle(app, seconds=8)
                save(timeline, out / f"timeline-{name}.png")
                timeline.close()
                window.close()
                window.deleteLater()
                settle(app, seconds=0.2)


def report_pictures(history: Path, out: Path) -> None:
    from PIL import Image

    from app.interchange import read_json
    from ui.report_export import report_pdf_bytes

    data = read_json(history)
    for theme in ("light", "dark", "projector"):
        pdf = out / f"report-{theme}.pdf"
        pdf.write_bytes(report_pdf_bytes(data, theme))
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(out / f"report-{theme}")],
                       check=True)
        for page in sorted(out.glob(f"report-{theme}-*.png")):
            if not page.stem.endswith("-gray"):
                Image.open(page).convert("L").save(page.with_name(page.stem + "-gray.png"))
        print(pdf)


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    source = Path(sys.argv[2]) if len(sys.argv) > 2 else HISTORY
    window_pictures(source, folder)
    report_pictures(source, folder)
