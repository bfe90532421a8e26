"""A disk with no room left, for tests of what Ecomap does when a write cannot finish.

Two ways, because a real full disk needs root: ``full_disk`` (a fixture) is a small tmpfs
mounted for the test and filled until only a little space is left; ``with_file_size_limit``
runs a command in a child process that may not grow any file beyond a given size (SIGXFSZ
ignored, so a write fails with EFBIG instead of the process being killed), which works for
anyone. Use them from any test: ``full_disk`` is registered in ``conftest.py``.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DISK_SIZE = 4 * 1024 * 1024
LEFT_FREE = 64 * 1024  # room for a small file, not for a map of any size
FILLER = "filler"


@dataclass
class FullDisk:
    """A folder on a nearly full disk of its own."""

    folder: Path

    def free_bytes(self) -> int:
        found = os.statvfs(self.folder)
        return found.f_bavail * found.f_frsize

    def fill(self, leave: int = 0) -> None:
        """Take all the free space but ``leave`` bytes (all of it: a disk just run out)."""
        more = max(0, self.free_bytes() - leave)
        fd = os.open(self.folder / FILLER, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for size in (1 << 20, 1 << 12, 1):  # the last blocks a byte at a time
                with contextlib.suppress(OSError):
                    while more >= size:
                        more -= os.write(fd, bytes(size))
        finally:
            os.close(fd)

    def free(self) -> None:
        """Give the space back, as a user who deleted some files would."""
        (self.folder / FILLER).unlink(missing_ok=True)

    def files(self) -> list[str]:
        """What is in the folder, leaving out the filler."""
        return sorted(p.name for p in self.folder.iterdir() if p.name != FILLER)

    def make_read_only(self) -> None:
        """The disk can now only be read, as a locked network share or a write-protected
        stick: even root cannot write to it."""
        subprocess.run(["mount", "-o", "remount,ro", str(self.folder)], check=True)


@pytest.fixture
def full_disk(small_disk: FullDisk):
    """A folder on a 4 MB disk of its own with only 64 KB left free."""
    small_disk.fill(leave=LEFT_FREE)
    return small_disk


@pytest.fixture
def small_disk(tmp_path: Path):
    """A folder on a 4 MB disk of its own, empty, to fill (``fill``) and free (``free``) at
    will. Skipped where mounting is not allowed (not root, or a container without the right
    to mount)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("a small full disk needs a tmpfs mount, which only root may make")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs",
                              str(folder)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield FullDisk(folder)
    finally:
        with contextlib.suppress(OSError):
            subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def with_file_size_limit(limit: int, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``ecomap ARGS`` in a child process that may write no file beyond ``limit`` bytes."""
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from app.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)
