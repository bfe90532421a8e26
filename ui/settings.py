"""What the window remembers between sessions: geometry, theme, recently opened maps.

Kept in an INI file in the user's config folder (platformdirs), the same on every platform.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

MAX_RECENT = 10


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("Ecomap", appauthor=False)) / "ecomap.ini"


def app_settings() -> QSettings:
    """The application's settings file (tests point XDG_CONFIG_HOME at a sandbox)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


class RecentMaps:
    """The most recently opened map files, newest first."""

    KEY = "recent/maps"

    def __init__(self, settings: QSettings):
        self.settings = settings

    def paths(self) -> list[Path]:
        value = self.settings.value(self.KEY, [])
        if isinstance(value, str):  # QSettings returns a lone entry as a plain string
            value = [value]
        return [Path(p) for p in value or []]

    def add(self, path: Path) -> None:
        path = Path(path).resolve()
        paths = [path] + [p for p in self.paths() if p != path]
        self._store(paths[:MAX_RECENT])

    def remove(self, path: Path) -> None:
        self._store([p for p in self.paths() if p != Path(path).resolve()])

    def _store(self, paths: list[Path]) -> None:
        self.settings.setValue(self.KEY, [str(p) for p in paths])
        self.settings.sync()
