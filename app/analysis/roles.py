"""What each piece and each connection is, in an L&D lead's terms, read from the map's words.

The checks ask the same questions again and again: is this a learner group (the centre of the
ecosystem, never a weakness in itself)? a person who helps others learn? a piece of learning?
And of a connection: does learning flow along it (a mentor mentors, an SME authors, a group
uses a course), or is it the line of management, which carries no learning by itself? A map
says so in its kinds and connection kinds; these are read generously, in the words the sample
maps and real organisations use.
"""

from __future__ import annotations

import re

from app.domain import Node

PEOPLE, CONTENT, PROCESS, TECHNOLOGY = "people", "content", "process", "technology"
LEARNING_BLOCKS = (CONTENT, PROCESS)

_LEARNER_KIND = re.compile(r"learner|trainee|apprentice|student|new hire|new joiner", re.I)
# The line of management: who reports to whom. A manager who coaches says "coaches".
_MANAGEMENT = re.compile(r"manage|reports? to|supervis|line of|appraises|is boss", re.I)
# A person taking part in learning, as opposed to providing it.
_TAKING_PART = re.compile(r"\b(uses?|attends?|takes?|completes?|reads?|watch(es)?|joins?|"
                          r"follows?|learns?|enrol+s?|consumes?|listens?|visits?|receives?|"
                          r"is assigned|assigned|studies|study|(used|attended|taken|completed|"
                          r"followed|watched|read) by)\b", re.I)
# Nouns that name several people at once ("IT team", "Executive board", "Product marketing").
_COLLECTIVE = frozenset({
    "team", "group", "department", "dept", "unit", "office", "committee", "faculty", "staff",
    "people", "network", "community", "agency", "board", "panel", "pool", "forum", "crew",
    "marketing", "hr", "l&d", "it", "ops", "operations", "council", "trust", "partner"})
# A person bringing a piece to the people they work with (not only writing or keeping it).
_DELIVERING = re.compile(r"deliver|teach|present|run|facilitat|lead|host|train|coach|mentor|"
                         r"demonstrat|walks? through", re.I)
KEY_PERSON_TAGS = frozenset({"key person", "key-person", "single expert", "bus factor"})


def is_learner_group(node: Node) -> bool:
    return node.category == PEOPLE and bool(_LEARNER_KIND.search(node.kind))


def is_management(kind: str) -> bool:
    """A line-management connection ("line-managed by", "manages", "reports to")."""
    return bool(_MANAGEMENT.search(kind))


def is_taking_part(kind: str) -> bool:
    """A connection by which someone takes part in learning ("uses", "attends")."""
    return bool(_TAKING_PART.search(kind))


def is_delivering(kind: str) -> bool:
    """A person bringing a piece to learners: delivers, teaches, runs, facilitates, coaches
    (or a connection with no kind given: a trainer drawn to a course and to a group runs it
    for them)."""
    return not kind.strip() or (bool(_DELIVERING.search(kind)) and not is_management(kind))


def is_providing(kind: str) -> bool:
    """A person's connection that provides learning: delivers, authors, supports, mentors…
    (a connection with no kind given counts: a trainer drawn to a course runs it)."""
    return not is_management(kind) and not is_taking_part(kind)


def is_team(node: Node) -> bool:
    """Whether a person node stands for several people: a team has cover when one is away.

    The map says so with ``attributes.headcount``; otherwise the label's main noun does:
    "Resuscitation officers", "IT & clinical systems team" are teams; "Group sommelier",
    "Senior trainer, regional training centre" and "Dana Okafor, principal engineer" are not.
    """
    headcount = node.attributes.get("headcount")
    if isinstance(headcount, int | float) and not isinstance(headcount, bool):
        return headcount > 1
    if any(word in _COLLECTIVE for word in node.kind.lower().split()):
        return True
    words = re.split(r"[,(]", node.label)[0].lower().split()
    last = words[-1] if words else ""
    return last in _COLLECTIVE or (last.endswith("s") and not last.endswith(("ss", "us", "is")))


def tagged_key_person(node: Node) -> bool:
    return any(tag.strip().lower() in KEY_PERSON_TAGS for tag in node.tags)


def role_noun(node: Node) -> str:
    """What to call the piece in advice: "person", "learner group", "course", "tool"…"""
    if node.category == PEOPLE:
        return "learner group" if is_learner_group(node) else "person"
    return {CONTENT: "piece of content", PROCESS: "way of learning", TECHNOLOGY: "tool"}.get(
        node.category, "piece")
