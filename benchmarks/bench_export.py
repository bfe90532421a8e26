"""Exports: the 10,000-node map to a 300 dpi A3 PDF and PNG, its health report and its slides.

Each is measured from a ``MapData`` to the finished file, including building the scene and (for
the report) running the checks, as the command line does, beside the design targets. The same
work started from the window, with the stall watchdog, is in ``bench_export_window``.
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
    from ui.slides_export import export_slides_pdf

    ensure_application()
    big = large_map()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = best_of(2, lambda: export_pdf(big, folder / "big.pdf", size="A3", dpi=300))
        png = best_of(2, lambda: export_png(big, folder / "big.png", size="A3", dpi=300))
        report = best_of(2, lambda: export_report_pdf(big, folder / "report.pdf"))
        slides = best_of(2, lambda: export_slides_pdf(big, folder / "slides.pdf"))
    return [
        Result("export 10,000 nodes to a 300 dpi A3 PDF", pdf, 3.0),
        Result("export 10,000 nodes to a 300 dpi A3 PNG", png, 3.0),
        Result("health report (PDF) of the 10,000-node map, checks included", report, 10.0),
        Result("workshop slides (PDF) of the 10,000-node map", slides),  # no target of its own
    ]
