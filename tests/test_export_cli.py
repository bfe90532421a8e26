"""``ecomap export`` and ``ecomap report`` run as a user runs them: without a display, exit
statuses, messages, and never a half-written file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pdf_reading
from tests.conftest import SAMPLES

# The installed console script beside this Python (ecomap.exe on Windows).
ECOMAP = shutil.which("ecomap", path=str(Path(sys.executable).parent))
SALES = SAMPLES / "sales_enablement.json"


def ecomap(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY",
                                                             "QT_QPA_PLATFORM")}
    return subprocess.run([str(ECOMAP), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=env)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SALES, tmp_path / "map.json")
    return tmp_path


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("out", ["map.png", "map.svg", "map.pdf", "map.out.json", "map.graphml",
                                 "map.gexf"])
def test_export_writes_each_format_without_a_display(folder, out):
    done = ecomap("export", "map.json", out, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert f"Wrote {out}" in done.stdout
    assert (folder / out).stat().st_size > 1000
    assert files_in(folder) == sorted(["map.json", out])


def test_export_options_reach_the_drawing(folder):
    done = ecomap("export", "map.json", "a3.pdf", "--size", "A3", "--dpi", "150", "--theme",
                  "dark", "--no-title", "--no-legend", cwd=folder)
    assert done.returncode == 0, done.stderr
    pdf = (folder / "a3.pdf").read_bytes()
    assert pdf_reading.page_sizes(pdf) == [(1191.0, 842.0)]
    assert "Acme" not in pdf_reading.text(pdf)


def test_an_unknown_format_names_the_formats_there_are(folder):
    done = ecomap("export", "map.json", "map.docx", cwd=folder)
    assert done.returncode == 2
    for name in (".json", ".graphml", ".gexf", ".pdf", ".png", ".svg"):
        assert name in done.stderr
    assert files_in(folder) == ["map.json"]


@pytest.mark.parametrize("out", ["map.graphml", "map.gexf"])
def test_a_network_export_of_a_bad_map_says_why_and_writes_nothing(folder, out):
    (folder / "bad.json").write_text('{"format": "ecomap", "version": 1, "name": "x", '
                                     '"nodes": [{"id": "a", "label": "A", "category": "nope"}]}')
    done = ecomap("export", "bad.json", out, cwd=folder)
    assert done.returncode == 2
    assert "nodes[0].category" in done.stderr and "Traceback" not in done.stderr
    missing = ecomap("export", "gone.json", out, cwd=folder)
    assert missing.returncode == 2 and "there is no" in missing.stderr
    assert files_in(folder) == ["bad.json", "map.json"]


def test_a_folder_that_does_not_exist_is_refused(folder):
    done = ecomap("export", "map.json", "no/such/folder/map.png", cwd=folder)
    assert done.returncode == 2
    assert "cannot write there" in done.stderr and "Traceback" not in done.stderr


def test_a_folder_in_the_way_is_refused(folder):
    (folder / "taken.png").mkdir()
    done = ecomap("export", "map.json", "taken.png", cwd=folder)
    assert done.returncode == 2
    assert "is a folder" in done.stderr
    assert files_in(folder) == ["map.json", "taken.png"]


def test_a_size_too_large_is_refused_with_a_suggestion_and_no_file(folder):
    done = ecomap("export", "map.json", "huge.png", "--size", "40000x30000", cwd=folder)
    assert done.returncode == 2
    assert "too large" in done.stderr and "smaller" in done.stderr
    assert files_in(folder) == ["map.json"]


def test_bad_options_are_refused(folder):
    assert ecomap("export", "map.json", "m.png", "--size", "big", cwd=folder).returncode == 2
    assert ecomap("export", "map.json", "m.png", "--theme", "neon", cwd=folder).returncode == 2
    assert ecomap("export", "map.json", "m.pdf", "--transparent", cwd=folder).returncode == 2
    unknown = ecomap("export", "map.json", "m.svg", "--selection", "nobody", cwd=folder)
    assert unknown.returncode == 2 and "nobody" in unknown.stderr
    assert files_in(folder) == ["map.json"]


def test_report_writes_a_pdf_and_a_web_page(folder):
    done = ecomap("report", "map.json", "report.pdf", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert pdf_reading.page_count((folder / "report.pdf").read_bytes()) >= 3
    web = ecomap("report", "map.json", "report.html", cwd=folder)
    assert web.returncode == 0, web.stderr
    assert "data:image/png;base64," in (folder / "report.html").read_text()


def test_report_refuses_other_formats(folder):
    done = ecomap("report", "map.json", "report.docx", cwd=folder)
    assert done.returncode == 2
    assert ".pdf" in done.stderr and ".html" in done.stderr
    assert files_in(folder) == ["map.json"]
