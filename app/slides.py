"""What a workshop is shown, slide by slide: the words of the findings walk in the window and of
the ``ecomap slides`` deck.

The same findings, in the same order and words as the Health panel and the report; each with
the pieces it concerns to spotlight and their neighbourhood to frame. ``ui`` draws the slides
(on the canvas while presenting, on 16:9 PDF pages for the deck).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from app.analysis.records import Analysis, Finding
from app.analysis.words import plural
from app.domain import MapData
from app.report.blocks import MapPicture
from app.report.content import concerns, ordered_categories, verdict
from app.report.explain import check_name
from app.report.focus import focus_nodes
from app.thresholds import resolve_thresholds

TITLE, MAP, FINDING, BALANCE, SCORE = "title", "map", "finding", "balance", "score"


@dataclass(frozen=True)
class Slide:
    """One slide: its kind, its heading and lines, and the map picture it shows (if any)."""

    kind: str
    heading: str
    lines: tuple[str, ...] = ()
    picture: MapPicture | None = None
    severity: str = ""  # of a finding: high, medium, low
    tag: str = ""  # the small line above the heading ("Finding 2 of 5 · key person")
    figure: str = ""  # the health score, large


def deck(data: MapData, analysis: Analysis, today: date | None = None) -> list[Slide]:
    """The whole deck: the title, the map, one slide per finding, the balance, the score."""
    count = len(analysis.findings)
    return [title_slide(data, today or date.today()), map_slide(data),
            *(finding_slide(data, i, count, f) for i, f in enumerate(analysis.findings)),
            balance_slide(data, analysis), score_slide(analysis)]


def title_slide(data: MapData, today: date) -> Slide:
    lines = [data.description.strip()] if data.description.strip() else []
    lines += [f"Goal: {goal}" for goal in data.goals[:3]]
    lines.append(f"{_counted(len(data.nodes), 'piece')} · "
                 f"{_counted(len(data.edges), 'connection')} · {today.day} {today:%B %Y}")
    return Slide(TITLE, data.name, tuple(lines), tag="Our learning ecosystem")


def map_slide(data: MapData) -> Slide:
    blocks = ", ".join(c.name for c in ordered_categories(data))
    return Slide(MAP, "The map", (f"Building blocks: {blocks}",),
                 MapPicture(height=1, legend=True))


def finding_slide(data: MapData, index: int, count: int, finding: Finding) -> Slide:
    """A finding in large type: its title, what could be done, and its pieces spotlit among
    their faded neighbours."""
    lines = [finding.suggestion]
    picture = None
    if finding.nodes:
        named = frozenset(finding.node_ids)
        picture = MapPicture(part=frozenset(focus_nodes(data, named)), emphasised=named,
                             first=finding.node_ids, height=1)
        lines.append(f"Concerns: {concerns(finding.nodes, 4)}")
    tag = f"Finding {index + 1} of {count} · {check_name(finding.check)}"
    return Slide(FINDING, finding.title, tuple(lines), picture, finding.severity, tag)


def balance_slide(data: MapData, analysis: Analysis) -> Slide:
    mix = analysis.balance.categories
    names = {c.key: c.name for c in ordered_categories(data)}
    line = "The blocks share the map evenly." if mix.evenness >= 0.85 else (
        f"{names.get(mix.dominant, mix.dominant)} holds {round(mix.dominance * 100)}% of the "
        "map." if mix.dominant else "Nothing is on the map yet.")
    return Slide(BALANCE, "How the building blocks share the map",
                 (line, f"Evenness {mix.evenness:.2f} (1 is perfectly even)"),
                 tag="Balance")


def score_slide(analysis: Analysis) -> Slide:
    """The health score, what it means, and the points each check took off."""
    health = analysis.health
    counts = Counter(f.severity for f in analysis.findings)
    found = ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low") if counts[s])
    summary = (f"{plural(len(analysis.findings), 'finding')}: {found}" if found
               else "No check found anything that weakens it")
    if not health.judged:
        return Slide(SCORE, "Not enough to judge yet",
                     ("The score waits until the map has a few pieces connected to each other.",
                      summary), tag="Health score")
    lines = [summary] + [f"−{d.points}  {check_name(d.check)}" for d in health.deductions
                         if d.points]
    return Slide(SCORE, verdict(health.score), tuple(lines), tag="Health score",
                 figure=str(health.score))


def chart_threshold(data: MapData) -> float:
    """Where the balance chart draws its cane-toad line."""
    return float(resolve_thresholds(data.settings)["dominance_share"])


def _counted(count: int, word: str) -> str:
    """"1 piece", "10,000 pieces"."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
