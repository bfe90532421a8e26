"""app/ is the part of Ecomap that runs without a display: it must never load Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import app


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
