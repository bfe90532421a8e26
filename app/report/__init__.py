"""The health report: what a manager reads in five minutes (content and charts; no Qt).

``build_report(data, analysis, pictures)`` gives the report as HTML plus its images; ``ui``
draws the pictures of the map and lays the report out as PDF pages, and ``html_page`` makes the
self-contained web page. ``focus_nodes`` tells ``ui`` which part of the map a finding's
picture should show.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain import MapData
from app.report.content import (
    MAP_PICTURE,
    STYLE,
    Pictures,
    Report,
    build_report,
    finding_picture,
    html_page,
)

__all__ = ["MAP_PICTURE", "STYLE", "Pictures", "Report", "build_report", "finding_picture",
           "focus_nodes", "html_page"]


def focus_nodes(data: MapData, node_ids: Iterable[str], limit: int = 60) -> set[str]:
    """The nodes named and their direct neighbours: the neighbourhood a picture shows.

    Neighbours are left out once there are ``limit`` nodes, so a finding about a whole block
    does not become a picture of the whole map.
    """
    named = set(node_ids)
    around = set(named)
    for edge in data.edges:
        if len(around) >= max(limit, len(named)):
            break
        if edge.source in named:
            around.add(edge.target)
        elif edge.target in named:
            around.add(edge.source)
    return around
