"""Small helpers that turn numbers and node lists into plain English for an L&D lead."""

from __future__ import annotations

from collections.abc import Sequence

from app.analysis.records import NodeRef
from app.domain import Category

_UNCOUNTABLE = {"content", "technology", "data", "governance", "staff"}


def percent(share: float) -> str:
    """0.7368 → "74%"."""
    return f"{round(share * 100)}%"


def plural(count: int, word: str, many: str | None = None) -> str:
    """plural(1, "piece") → "1 piece"; plural(3, "piece") → "3 pieces"."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def quoted(label: str) -> str:
    return f"“{label}”"


def names(nodes: Sequence[NodeRef], limit: int = 3, total: int | None = None) -> str:
    """“A”, “B” and 4 others — short enough to read aloud in a workshop. ``total`` counts
    nodes beyond those given, when only the first few were kept."""
    shown = [quoted(n.label) for n in nodes[:limit]]
    rest = max(len(nodes), total or 0) - len(shown)
    if rest > 0:
        return f"{', '.join(shown)} and {plural(rest, 'other')}"
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def category_noun(category: Category | None, key: str) -> str:
    """How to count a category's nodes: "processes", "people", "content pieces"."""
    name = (category.name if category else key).lower()
    return f"{name} pieces" if name in _UNCOUNTABLE else name


def kind_noun(kind: str) -> str:
    return kind if kind else "(no kind given)"


_UNCOUNTED_ENDINGS = ("ing", "content", "data", "staff", "media", "software", "equipment")


def kind_plural(kind: str) -> str:
    """"Lecture deck" → "Lecture decks"; "In-class training" and "LMS" as they are."""
    if not kind or kind.lower().endswith(_UNCOUNTED_ENDINGS) or kind.isupper():
        return kind
    if kind.endswith(("s", "x", "ch", "sh")):
        return kind + "es" if not kind.endswith("s") else kind
    if kind.endswith("y") and kind[-2:-1] not in "aeiou":
        return kind[:-1] + "ies"
    return kind + "s"


def lower_kind(kind: str) -> str:
    """"In-class training" → "in-class training", but "LMS" and "SQE prep" keep the capitals
    that are part of a name."""
    first = kind.split()[0] if kind.split() else ""
    acronym = len(first) >= 2 and first.isalpha() and first.isupper()
    return kind if acronym else kind[:1].lower() + kind[1:]
