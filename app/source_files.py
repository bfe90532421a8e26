"""Files Ecomap is asked to read are looked at before they are opened.

Opening a named pipe blocks until something writes to it, and a device or a folder is not a
map: anything but a plain file is refused at once, with words that say what it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.errors import BadInput, NotFound
from app.quoting import printable

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def require_plain_file(path: Path, noun: str = "map file") -> os.stat_result:
    """``path``'s status if it is a plain file (links followed); otherwise a clear refusal."""
    try:
        status = os.stat(path)
    except (FileNotFoundError, ValueError):  # ValueError: a NUL in the name, which no file has
        raise NotFound(f"there is no {noun} called {printable(str(path))}") from None
    except OSError as exc:
        raise BadInput(f"could not be read ({exc.strerror})", str(path)) from None
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a plain file")
        raise BadInput(f"is {kind}, not a {noun}", str(path))
    return status


def read_plain_file(path: Path, noun: str = "map file") -> bytes:
    """The bytes of the plain file at ``path``, or a clear refusal naming it as a ``noun``."""
    require_plain_file(path, noun)
    try:
        return path.read_bytes()
    except (FileNotFoundError, ValueError):  # gone since, or a NUL in the name
        raise NotFound(f"there is no {noun} called {printable(str(path))}") from None
    except OSError as exc:
        raise BadInput(f"could not be read ({exc.strerror})", str(path)) from None
