"""Bringing a file into Ecomap, in three steps the window and the command line share:

    imported = read(path, progress)                 # a worker thread: nothing is written
    plan = plan_import(imported, types=chosen, into=doc.snapshot() or None, progress=progress)
    # show plan (app.interchange.preview.preview_lines, or its fields); let the person change
    # plan.types (call plan_import again with their choices), stop, or go ahead:
    doc.apply(plan.operation())                     # a merge: one undoable step
    path = new_map_from(plan)                       # or a new map (untitled unless a path)

``progress(stage, done, total)`` is called every few hundred rows from the thread doing the
work; raising ``Stopped`` from it stops the work with nothing changed. ``plan.ready`` is false
while rows are wrong or ambiguous (``plan.problems``, ``plan.ambiguous``); applying such a plan
leaves those rows out.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.files import MAP_SUFFIX, create_map, file_name_for, untitled_dir
from app.interchange.plan import Plan, make_plan
from app.interchange.progress import Progress, Stopped, quiet
from app.interchange.sources import READABLE, read_source

__all__ = ["READABLE", "Plan", "Progress", "Stopped", "is_importable", "new_map_from",
           "plan_import", "read"]

read = read_source
plan_import = make_plan


def new_map_from(plan: Plan, path: str | os.PathLike | None = None,
                 progress: Progress = quiet) -> Path:
    """Write the plan as a new map, whole or not at all: at ``path``, or among the untitled
    maps (named after the map, "… (2).ecomap" when taken). Returns the file made."""
    data = plan.new_map()
    progress("Writing the map", 0, 1)
    if path is None:
        made = create_map(untitled_dir() / file_name_for(data.name), data, or_next_free=True)
    else:
        made = create_map(Path(path), data)
    progress("Writing the map", 1, 1)
    return made


def is_importable(path: str | os.PathLike) -> bool:
    """Whether the file's ending is one Ecomap imports (the open dialog's filter)."""
    suffix = Path(path).suffix.lower()
    return suffix in READABLE and suffix != MAP_SUFFIX
