"""app/ is the part of Ecomap that runs without a display: it must never load Qt; and the command
line loads the heavy libraries only for the commands that use them."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import app
from tests.conftest import SAMPLES


def test_importing_every_app_module_leaves_qt_unloaded():
    modules = [m.name for m in pkgutil.walk_packages(app.__path__, "app.")
               if ".migrations" not in m.name]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert len(modules) > 10
    assert result.stdout.strip() == "[]"


# --- the command line starts without what it does not use ----------------------------------

HEAVY = ("networkx", "numpy", "scipy", "matplotlib", "sqlalchemy", "alembic", "PySide6")


def loaded_by(commands: list[list[str]]) -> list[str]:
    """The heavy libraries (and importlib.metadata) loaded by running ``ecomap`` ``commands``
    one after the other in a fresh Python."""
    script = (
        "import sys\n"
        "from app.cli import main\n"
        f"for argv in {commands!r}:\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}\n"
        "             or m == 'importlib.metadata'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    return result.stdout.strip().splitlines()[-1]


def test_the_help_loads_no_heavy_library():
    assert loaded_by([["--help"], ["analyze", "--help"], ["export", "--help"]]) == "[]"


def test_making_importing_and_describing_a_map_load_no_heavy_library(tmp_path):
    placed = str(SAMPLES / "sales_enablement.json")  # every node has its place
    new, imported = str(tmp_path / "new.ecomap"), str(tmp_path / "imported.ecomap")
    assert loaded_by([["new", new, "--name", "Workshop"], ["import", placed, imported],
                      ["info", imported], ["info", placed]]) == "[]"


def test_the_checks_are_loaded_when_a_map_is_analysed():
    assert "networkx" in loaded_by([["analyze", str(SAMPLES / "sales_enablement.json")]])


def test_the_command_line_names_the_severities_the_checks_use():
    from app import cli_analyze
    from app.analysis import SEVERITIES

    assert cli_analyze.SEVERITIES == SEVERITIES
