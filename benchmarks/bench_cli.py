"""The command line as a user meets it: whole processes, from start to exit.

``ecomap --help`` and ``ecomap info`` on a small map beside a bare Python start, and importing the
10,000-node JSON map beside a bare script that reads the same JSON and inserts the same rows with
sqlite3 (``bare_import.py``), all measured in this run (best of several: the least disturbed).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from app.files import create_map
from app.interchange import read_json, write_json
from benchmarks.generate import large_map
from benchmarks.harness import Result, best_of

SAMPLE = Path(__file__).parent.parent / "sample_maps" / "sales_enablement.json"
BARE_IMPORT = Path(__file__).with_name("bare_import.py")
# The installed console script beside this Python (ecomap.exe on Windows).
ECOMAP = shutil.which("ecomap", path=str(Path(sys.executable).parent))
STARTS, IMPORTS = 10, 5  # runs of each; the fastest counts


def run(*command) -> None:
    subprocess.run([str(part) for part in command], check=True, stdout=subprocess.DEVNULL)


def measure() -> list[Result]:
    if ECOMAP is None:
        raise RuntimeError("the ecomap command is not installed beside this Python")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = create_map(folder / "small.ecomap", read_json(SAMPLE))
        source = folder / "large.json"
        write_json(large_map(), source)
        python = best_of(STARTS, lambda: run(sys.executable, "-c", "pass"))
        help_ = best_of(STARTS, lambda: run(ECOMAP, "--help"))
        info = best_of(STARTS, lambda: run(ECOMAP, "info", small))
        out = folder / "out.ecomap"

        def remove_out() -> None:
            out.unlink(missing_ok=True)

        bare = best_of(IMPORTS, lambda: run(sys.executable, BARE_IMPORT, source, out),
                       setup=remove_out)
        ours = best_of(IMPORTS, lambda: run(ECOMAP, "import", source, out), setup=remove_out)
    nodes = len(read_json(SAMPLE).nodes)
    return [
        Result("`ecomap --help` (bare: python -c pass)", help_, 0.3, python, 6.0),
        Result(f"`ecomap info` on a {nodes}-node map (bare: python -c pass)", info, 0.3, python,
               6.0),
        Result("`ecomap import` 10k JSON (bare: json + sqlite3 script)", ours, None, bare, 3.0),
    ]
