"""Which building block and kind each ``Type`` of a file becomes: a guess from its words, which
the person importing sees in full and can change (``--map-type "Course=content/Course"``).

A type is never dropped: one whose words say nothing Ecomap knows goes to Content, the block
most catalogues are made of, and the preview marks it "not recognised" with the way to change it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain import DEFAULT_CATEGORIES, USUAL_KINDS, Category
from app.errors import BadInput
from app.pieces import closest
from app.quoting import shown

UNRECOGNISED_BLOCK = "content"
NO_TYPE = "(no type)"  # how a row without a type is listed and chosen (--map-type "(no type)=…")

# Words that say which block a type belongs to. A type's last telling word decides ("Coaching
# video" is a video; "Video coaching" is coaching), as English puts the thing named last.
_WORDS: dict[str, tuple[str, ...]] = {
    "people": (
        "mentor", "sme", "expert", "manager", "learner", "employee", "staff", "team",
        "instructor", "trainer", "facilitator", "tutor", "teacher", "buddy", "champion", "leader",
        "person", "people", "partner", "supplier", "colleague", "peer", "apprentice", "graduate",
        "coach", "audience", "cohort", "hire", "hires", "role", "department", "individual",
        "sponsor", "owner", "vendor", "contractor", "volunteer", "agent", "rep", "reps",
        "student", "worker", "workforce", "group",
    ),
    "content": (
        "course", "module", "video", "e-learning", "elearning", "article", "podcast", "book",
        "e-book", "ebook", "guide", "handbook", "manual", "checklist", "webinar", "webcast",
        "assessment", "quiz", "test", "exam", "toolkit", "playbook", "template", "document",
        "slides", "deck", "resource", "content", "lesson", "tutorial", "infographic", "reading",
        "curriculum", "material", "aid", "blog", "newsletter",
    ),
    "process": (
        "coaching", "mentoring", "on-the-job", "ojt", "community", "communities", "workshop",
        "training", "practice", "shadowing", "onboarding", "induction", "programme", "program",
        "classroom", "class", "session", "meeting", "microlearning", "blended", "learning",
        "discussion", "forum", "network", "rotation", "secondment", "apprenticeship",
        "simulation", "role-play", "huddle", "event", "conference", "process", "activity",
        "bootcamp", "hackathon", "retrospective", "debrief", "lunch", "circle", "experience",
    ),
    "technology": (
        "lms", "lxp", "platform", "tool", "system", "app", "application", "software", "portal",
        "intranet", "wiki", "sharepoint", "chatbot", "website", "site", "technology", "device",
        "vr", "ar", "authoring", "repository", "hris", "crm", "teams", "slack", "zoom",
    ),
    "data": (
        "data", "survey", "kpi", "metric", "dashboard", "report", "analytics", "record",
        "records", "score", "evaluation", "completion", "completions", "statistics", "insight",
        "measure", "measurement", "benchmark", "questionnaire", "poll",
    ),
    "governance": (
        "policy", "budget", "strategy", "governance", "board", "committee", "steering",
        "regulation", "compliance", "rule", "standard", "framework", "charter", "council",
        "audit", "law", "procedure", "guideline", "mandate", "requirement", "plan",
    ),
}
_BLOCK_OF_WORD = {word: block for block, words in _WORDS.items() for word in words}
_USUAL = {kind.casefold(): (block, kind) for block, kinds in USUAL_KINDS.items()
          for kind in kinds}
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclass(frozen=True)
class TypeChoice:
    """One ``Type`` of the file, how many rows have it, and the block and kind it becomes."""

    type: str  # as the file writes it; "" for rows without a type
    count: int
    block: str  # a building block's key
    kind: str
    how: str  # "usual kind", "guessed", "chosen", "not recognised"
    word: str | None = None  # the word a guess came from ("video")

    @property
    def shown_type(self) -> str:
        return self.type or NO_TYPE


def guess(type_text: str) -> tuple[str, str, str, str | None]:
    """``(block, kind, how, word)`` for a type as a file writes it: a usual kind as Ecomap
    spells it ("lms" → technology, "LMS"), else the block of its last telling word with the
    type itself as the kind, else Content, "not recognised"."""
    text = " ".join(type_text.split())
    usual = _USUAL.get(text.casefold())
    if usual:
        return usual[0], usual[1], "usual kind", None
    for word in reversed(_TOKEN.findall(text.casefold())):
        for form in _forms(word):
            if form in _BLOCK_OF_WORD:
                return _BLOCK_OF_WORD[form], text, "guessed", word
    return UNRECOGNISED_BLOCK, text, "not recognised", None


def _forms(word: str) -> Iterable[str]:
    """The word, its singular ("courses", "policies"), and the parts of a hyphenated word."""
    yield word
    if word.endswith("ies"):
        yield word[:-3] + "y"
    if word.endswith("s"):
        yield word[:-1]
    if "-" in word:
        yield from reversed(word.split("-"))


def choose_types(types: Mapping[str, int], chosen: Mapping[str, tuple[str, str | None]],
                 ) -> tuple[TypeChoice, ...]:
    """The choice for every type (by how many rows have it, then by name). ``types``: each
    type as written → its count; ``chosen``: what the person chose, by type (any case)."""
    wanted = {_key(t): choice for t, choice in chosen.items()}
    result = []
    for type_text, count in sorted(types.items(), key=lambda kv: (-kv[1], kv[0].casefold())):
        block, kind, how, word = guess(type_text)
        if _key(type_text) in wanted:
            block, chosen_kind = wanted[_key(type_text)]
            kind = kind if chosen_kind is None else chosen_kind
            how, word = "chosen", None
        result.append(TypeChoice(type_text, count, block, kind, how, word))
    return tuple(result)


def _key(type_text: str) -> str:
    text = " ".join(type_text.split()).casefold()
    return "" if text == NO_TYPE else text


def parse_choice(text: str, blocks: Iterable[Category] = DEFAULT_CATEGORIES,
                 ) -> tuple[str, tuple[str, str | None]]:
    """``"Course=content/Course"`` → ``("Course", ("content", "Course"))``; the block by key or
    name ("Processes"), the kind optional (``"Course=content"`` keeps "Course" as the kind)."""
    type_text, equals, target = text.partition("=")
    if not equals or not target.strip():
        raise BadInput(f"{shown(text)} should be TYPE=BLOCK or TYPE=BLOCK/KIND, e.g. "
                       "\"Course=content/Course\"", "--map-type")
    block_text, slash, kind = target.partition("/")
    block = block_key(block_text, blocks, "--map-type")
    return type_text.strip(), (block, kind.strip() if slash else None)


def block_key(text: str, blocks: Iterable[Category], where: str) -> str:
    """The key of the building block ``text`` names (its key or its name, in any case), among
    ``blocks`` and the six usual ones; else ``BadInput`` with the nearest."""
    names = {c.key: c.name for c in (*DEFAULT_CATEGORIES, *blocks)}
    wanted = " ".join(text.split()).casefold()
    for key, name in names.items():
        if wanted in (key.casefold(), name.casefold()):
            return key
    near = closest(text, names)
    hint = f" — did you mean {names[near]}?" if near else ""
    raise BadInput(f"{shown(text.strip())} is not a building block{hint} (the blocks are "
                   f"{', '.join(names.values())})", where)
