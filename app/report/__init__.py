"""The health report: what a manager reads in five minutes (content and charts; no Qt).

``build_report(data, analysis)`` gives the report as blocks (``app.report.blocks``); ``ui`` lays
them out on PDF pages and draws the pictures of the map they describe, and ``html_page`` makes
the self-contained web page. ``focus_nodes`` tells ``ui`` which part of the map a finding's
picture should show.
"""

from __future__ import annotations

from app.report.blocks import PAGE_REF, STYLE, Block, Column, MapPicture, Report, Table
from app.report.content import build_report
from app.report.focus import focus_nodes
from app.report.web import html_page

__all__ = ["PAGE_REF", "STYLE", "Block", "Column", "MapPicture", "Report", "Table",
           "build_report", "focus_nodes", "html_page"]
