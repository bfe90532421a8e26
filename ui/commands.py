"""Undo commands: each wraps one document operation and keeps the operation that undoes it.

The first ``redo`` runs when the command is pushed. A refused operation (``BadInput``,
``NotFound``) changes nothing: the command reports the message and makes itself obsolete, so
``QUndoStack.push`` drops it and the history never holds a step that did not happen.
Commands never touch canvas items: the document announces the change and the scene follows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.errors import EcomapError
from app.ops import MoveNodes, Operation

Report = Callable[[EcomapError], None]
log = logging.getLogger(__name__)
NUDGE_ID = 1  # repeated arrow-key nudges of the same nodes merge into one step


class OperationCommand(QUndoCommand):
    """One operation as one undo step: ``redo`` applies it, ``undo`` applies its inverse."""

    def __init__(self, document, op: Operation, text: str = "", report: Report | None = None):
        super().__init__(text or op.label)
        self.document = document
        self._op = op
        self._inverse: Operation | None = None
        self._report = report

    def redo(self) -> None:
        self._inverse = self._apply(self._op)

    def undo(self) -> None:
        # Undoing answers the operation that redoes it, so redo after undo is exact too.
        redo = self._apply(self._inverse)
        if redo is not None:
            self._op = redo

    def _apply(self, op: Operation | None) -> Operation | None:
        try:
            return self.document.apply(op)
        except EcomapError as error:
            self._refused(error)
        except Exception:
            # A bug, not the user's doing. The document has put itself back as the file has it,
            # so the step is dropped rather than left on the history half-done.
            log.exception("a change could not be made")
            self._refused(EcomapError(
                "Something went wrong inside Ecomap, so this change was not made; the map is as "
                "it was. If it happens again, close the map and open it again."))
        return None

    def _refused(self, error: EcomapError) -> None:
        self.setObsolete(True)
        if self._report is not None:
            self._report(error)


class NudgeCommand(OperationCommand):
    """Moving nodes with the arrow keys: presses in a row on the same nodes are one step."""

    def __init__(self, document, op: MoveNodes, text: str = "Nudge",
                 report: Report | None = None):
        super().__init__(document, op, text, report)
        self.node_ids = frozenset(op.positions)

    def id(self) -> int:
        return NUDGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, NudgeCommand) or other.node_ids != self.node_ids:
            return False
        self._op = other._op  # our inverse still leads back to before the first nudge
        return True
