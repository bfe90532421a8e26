"""The errors a user can cause or meet, each with a message written for an L&D lead.

The command line and the window both show ``str(error)``; neither shows a traceback. Each error
says how the command line should end (``exit_status``): 2 for bad input the user can correct,
1 for anything else that stopped the work (a locked map, a full disk).
"""

from __future__ import annotations


class EcomapError(Exception):
    """Something the user can put right: a bad file, a locked map, a wrong value."""

    exit_status = 2

    def __init__(self, message: str, where: str | None = None):
        self.message = message
        self.where = where
        # For the window, which names pieces rather than places in a file (ui.wording):
        self.piece: str | None = None  # the piece it is about, in the map's words ("Reps")
        self.nearest: str | None = None  # for a typo: what was most likely meant ("Processes")
        super().__init__(f"{where}: {message}" if where else message)

    def about(self, piece: str) -> EcomapError:
        """Name the piece of the map this is about; the innermost one named is kept."""
        if self.piece is None:
            self.piece = piece
        return self


class BadInput(EcomapError):
    """A value or a file's contents break the map's rules (``nodes[12].category: …``)."""


class BadMapFile(EcomapError):
    """A file that is not an Ecomap map, or is damaged."""


class DamagedMap(BadMapFile):
    """A map file whose contents cannot be trusted: the window offers a way back."""


class NewerVersion(BadMapFile):
    """A map written by a newer Ecomap than this one."""


class NotFound(EcomapError):
    """A file, node, edge or category that does not exist."""


class MapLocked(EcomapError):
    """The map is open for editing in another Ecomap window or process."""

    exit_status = 1


class StorageFailed(EcomapError):
    """The disk or the file system let the work down (full, read-only, failing): not the
    user's input. The message says what happened and that nothing was half-written."""

    exit_status = 1


class AlreadyExists(BadMapFile):
    """A new map was asked for where a file already is: making a map never replaces a file.
    (A kind of ``BadMapFile``, which is what callers making maps have always caught.)"""
