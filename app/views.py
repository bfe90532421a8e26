"""Saved views: a named way of looking at the map ("Only people and processes", "Around the LMS").

A view is a filter (which building blocks, kinds, tags and formal or informal learning stand
out; the rest is faded, never hidden), an optional node to focus on with how many connections
around it, and the part of the map in sight (its centre and size in map units, so a view frames
the same part on a laptop and on a 4K projector). Views live in the map's settings
(``settings["views"]``), so they travel in the .ecomap file and the JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain import (
    MAX_NAME,
    MapData,
    check_bool,
    check_coordinate,
    check_tags,
    check_text,
)
from app.errors import BadInput
from app.quoting import describe

SETTING = "views"
MAX_VIEWS = 100
MAX_DEPTH = 3  # connections round a focused node: the window's F goes up to three too
FILTER_FIELDS = ("categories", "kinds", "tags", "informal")


@dataclass(frozen=True)
class View:
    """One saved view. ``None`` in a filter field means "any"."""

    name: str
    categories: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    informal: bool | None = None
    focus: str | None = None  # a node id
    depth: int = 1
    centre: tuple[float, float] | None = None
    size: tuple[float, float] | None = None  # width, height of the map area in sight

    @property
    def filtered(self) -> bool:
        return any(getattr(self, name) is not None for name in FILTER_FIELDS)

    def as_setting(self) -> dict[str, Any]:
        """The view as it is stored in the map's settings (plain JSON)."""
        stored: dict[str, Any] = {"name": self.name}
        rules = {name: (list(value) if isinstance(value, tuple) else value)
                 for name in FILTER_FIELDS if (value := getattr(self, name)) is not None}
        if rules:
            stored["filter"] = rules
        if self.focus is not None:
            stored["focus"] = {"node": self.focus, "depth": self.depth}
        if self.centre is not None and self.size is not None:
            stored["centre"] = list(self.centre)
            stored["size"] = list(self.size)
        return stored


def views_of(settings: Mapping[str, Any]) -> list[View]:
    """The views saved in a map's settings, in their order (none if there are none)."""
    return check_views(settings.get(SETTING, []))


def stored(views: Sequence[View]) -> list[dict[str, Any]]:
    """The value ``settings["views"]`` takes to hold ``views``."""
    return [view.as_setting() for view in views]


def check_views(value: Any, where: str = f"settings.{SETTING}") -> list[View]:
    """``value`` read as a list of views, or ``BadInput`` naming the first problem."""
    if not isinstance(value, list):
        raise BadInput(f"should be a list of views, not {describe(value)}", where)
    if len(value) > MAX_VIEWS:
        raise BadInput(f"has {len(value):,} views; the most is {MAX_VIEWS}", where)
    return [_view(item, f"{where}[{i}]") for i, item in enumerate(value)]


def _view(item: Any, where: str) -> View:
    if not isinstance(item, Mapping):
        raise BadInput(f"should be a view (an object with a name), not {describe(item)}", where)
    name = check_text(item.get("name"), f"{where}.name", required=True, limit=MAX_NAME)
    rules = item.get("filter", {})
    if not isinstance(rules, Mapping):
        raise BadInput(f"should be an object of filters, not {describe(rules)}", f"{where}.filter")
    chosen = {field: _words(rules.get(field), f"{where}.filter.{field}")
              for field in ("categories", "kinds", "tags") if rules.get(field) is not None}
    if rules.get("informal") is not None:
        chosen["informal"] = check_bool(rules["informal"], f"{where}.filter.informal")
    focus, depth = _focus(item.get("focus"), f"{where}.focus")
    centre = _pair(item.get("centre"), f"{where}.centre")
    size = _pair(item.get("size"), f"{where}.size")
    if size is not None and min(size) <= 0:
        raise BadInput("should be a width and a height above 0", f"{where}.size")
    return View(name.strip(), focus=focus, depth=depth, centre=centre if size else None,
                size=size if centre else None, **chosen)


def _words(value: Any, where: str) -> tuple[str, ...]:
    return check_tags(value, where, limit=MAX_NAME)


def _focus(value: Any, where: str) -> tuple[str | None, int]:
    if value is None:
        return None, 1
    if not isinstance(value, Mapping):
        raise BadInput(f"should be an object with a node id, not {describe(value)}", where)
    node = check_text(value.get("node"), f"{where}.node", required=True, limit=MAX_NAME)
    depth = value.get("depth", 1)
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise BadInput(f"should be a whole number from 1 to {MAX_DEPTH}, not {depth!r}",
                       f"{where}.depth")
    return node, depth


def _pair(value: Any, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise BadInput(f"should be two numbers, not {describe(value)}", where)
    x, y = (check_coordinate(v, f"{where}[{i}]") for i, v in enumerate(value))
    if x is None or y is None:
        raise BadInput("should be two numbers", where)
    return x, y


def shown_by(data: MapData, view: View) -> set[str] | None:
    """The ids of the nodes ``view`` shows at full strength (the rest fade); ``None``: all.
    A focused node that is no longer on the map leaves the filter alone."""
    from app.search import filter_nodes, neighbourhood

    shown = None
    if view.filtered:
        shown = filter_nodes(data, categories=view.categories, kinds=view.kinds,
                             informal=view.informal, tags=view.tags)
    if view.focus is not None and any(n.id == view.focus for n in data.nodes):
        around = neighbourhood(data, view.focus, view.depth)
        shown = around if shown is None else shown & around
    return shown


def fresh_name(views: Sequence[View], wanted: str = "View") -> str:
    """``wanted``, or "wanted 2", "wanted 3"… whichever no view has yet."""
    taken = {v.name.casefold() for v in views}
    if wanted.casefold() not in taken:
        return wanted
    number = 2
    while f"{wanted} {number}".casefold() in taken:
        number += 1
    return f"{wanted} {number}"

