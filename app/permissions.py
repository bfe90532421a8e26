"""What a file written whole and renamed into place should be allowed to do."""

from __future__ import annotations

import os


def for_new_files() -> int:
    """What ``open()`` would give a new file: 0666 less the user's umask (a temporary file
    from ``tempfile.mkstemp`` is private, 0600, which would follow it into place)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
