"""Edits to a map's snapshots, one small operation each (as ``app.ops``): take one, rename it
or change its note, delete it. Each returns its exact inverse, so all of them can be undone."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain import MAX_NAME, MAX_TEXT, Snapshot, check_snapshot, check_text
from app.history.snapshots import check_free_name
from app.ops import Changed, Operation


@dataclass(frozen=True)
class AddSnapshot(Operation):
    """Keep ``snapshot`` in the map: a new one made by ``snapshots.take`` from the map, or a
    deleted one given back by undo (its records were checked when the map was read)."""

    snapshot: Snapshot
    # The snapshot as its file row keeps it (``new_file.snapshot_data``), when made already in
    # a worker thread; else it is made here.
    encoded: str = field(default="", compare=False, repr=False)
    label = "Save snapshot"

    def apply(self, model):
        check_free_name(model.snapshots(), self.snapshot.name)
        check_snapshot(self.snapshot, "snapshot", records=False)
        model.add_snapshot(self.snapshot, self.encoded)
        return RemoveSnapshot(self.snapshot), Changed(snapshots=True)


@dataclass(frozen=True)
class RemoveSnapshot(Operation):
    """Delete a snapshot from the map."""

    snapshot: Snapshot
    label = "Delete snapshot"

    def apply(self, model):
        model.replace_snapshot(self.snapshot, None)
        return AddSnapshot(self.snapshot), Changed(snapshots=True)


@dataclass(frozen=True)
class RenameSnapshot(Operation):
    """Give a snapshot another name or note (what it records stays as it was)."""

    snapshot: Snapshot
    name: str
    note: str
    label = "Rename snapshot"

    def apply(self, model):
        name = check_text(self.name, "name", required=True, limit=MAX_NAME).strip()
        note = check_text(self.note, "note", limit=MAX_TEXT).strip()
        check_free_name(model.snapshots(), name, but=self.snapshot.name)
        renamed = self.snapshot.renamed(name, note)
        model.replace_snapshot(self.snapshot, renamed)
        return RenameSnapshot(renamed, self.snapshot.name, self.snapshot.note), \
            Changed(snapshots=True)
