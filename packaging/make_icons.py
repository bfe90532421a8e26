"""Draw Ecomap's icon files from ``resources/icons/ecomap.svg``.

Run it after changing the SVG (the files it writes are committed, so builds need nothing more):

    .venv/bin/python packaging/make_icons.py

Writes ``ecomap-256.png`` and ``ecomap-512.png`` (the window and the Linux desktop), ``ecomap.ico``
(Windows: 16 to 256 px) and ``ecomap.icns`` (macOS: 16 to 1024 px). Qt draws the SVG; Pillow,
which matplotlib already brings, packs the .ico and .icns files.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(size: int):
    """The SVG drawn at ``size`` × ``size`` pixels, as a Pillow image."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICONS / "ecomap.svg")).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    for size in (256, 512):
        render(size).save(ICONS / f"ecomap-{size}.png", optimize=True)
    ico_sizes = (16, 24, 32, 48, 64, 128, 256)
    render(256).save(ICONS / "ecomap.ico", sizes=[(s, s) for s in ico_sizes],
                     append_images=[render(s) for s in ico_sizes[:-1]])
    render(1024).save(ICONS / "ecomap.icns",
                      append_images=[render(s) for s in (16, 32, 64, 128, 256, 512)])
    for path in sorted(ICONS.iterdir()):
        print(f"{path.name:18} {path.stat().st_size:>8} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
