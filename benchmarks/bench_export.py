"""Exports: the 10,000-node map to a 300 dpi A3 PDF and PNG, and the report of a 300-node map.

Each is measured from a ``MapData`` to the finished file, including building the scene (which
the command line must do), beside the design targets.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from benchmarks.generate import large_map
from benchmarks.harness import Result, best_of


def measure() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.exporters import ensure_application, export_pdf, export_png
    from ui.report_export import export_report_pdf

    ensure_application()
    big, small = large_map(), large_map(300, 900)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = best_of(2, lambda: export_pdf(big, folder / "big.pdf", size="A3", dpi=300))
        png = best_of(2, lambda: export_png(big, folder / "big.png", size="A3", dpi=300))
        report = best_of(2, lambda: export_report_pdf(small, folder / "report.pdf"))
    return [
        Result("export 10,000 nodes to a 300 dpi A3 PDF", pdf, 3.0),
        Result("export 10,000 nodes to a 300 dpi A3 PNG", png, 3.0),
        Result("health report (PDF) of a 300-node map", report, 5.0),
    ]
