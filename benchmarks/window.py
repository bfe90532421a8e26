"""What the benchmarks that drive the real window share: the application, and a clean close."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.theme import load_fonts  # noqa: E402


def application() -> QApplication:
    """The running application (offscreen unless a display is asked for), fonts loaded."""
    app = QApplication.instance() or QApplication([])
    load_fonts()
    return app


def close_window(window) -> None:
    """Close the map and the window and let Qt delete it, untimed."""
    window.close_map()
    window.close()
    window.deleteLater()
    QApplication.processEvents()
