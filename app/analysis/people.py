"""The key person: one person who is the only one behind several pieces of learning (check
``key_person``).

The most common real fragility in L&D is not a piece of software but the one SME who wrote and
runs everything on a subject. Learners still reach her material directly, so she does not hold
the network together and no connectivity check sees her; what would be lost with her is
everything nobody else can deliver, update or answer questions about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from app.analysis.connectivity import Loss, loss_headline
from app.analysis.ecosystem import Ecosystem
from app.analysis.records import Finding
from app.analysis.roles import is_team, tagged_key_person
from app.analysis.words import names, percent, plural, quoted

KEY_PERSON = "key_person"


def sole_provided(eco: Ecosystem) -> dict[str, list[str]]:
    """For each person (one person, not a team), the pieces of content and process nobody
    else provides."""
    found: dict[str, list[str]] = defaultdict(list)
    for piece, people in eco.providers_of.items():
        if len(people) == 1 and not is_team(eco.nodes[next(iter(people))]):
            found[next(iter(people))].append(piece)
    return {person: sorted(pieces) for person, pieces in found.items()}


def key_person(eco: Ecosystem, loss_of: Mapping[str, Loss]) -> list[Finding]:
    """People who alone stand behind ``key_person_min_nodes`` or more pieces of learning (or any,
    when the map tags them "key person"), with what their loss would also cut off."""
    least = eco.thresholds["key_person_min_nodes"]
    return [_key_person(eco, person, pieces, loss_of.get(person))
            for person, pieces in sorted(sole_provided(eco).items())
            if len(pieces) >= least or tagged_key_person(eco.nodes[person])]


def learners_served(eco: Ecosystem, person: str, pieces: list[str]) -> list[str]:
    """The learner groups the person's pieces reach: connected to one of them, or taught by
    the person (directly, or in a session the person delivers)."""
    delivered = [p for p in eco.graph[person] if p not in eco.people]
    return sorted({g for p in (*pieces, *delivered, person) for g in eco.graph[p]
                   if g in eco.learners})


def headcount(eco: Ecosystem, groups: list[str]) -> int | None:
    """How many learners the groups hold, where the map says (``reach``)."""
    known = [eco.nodes[g].reach for g in groups if eco.nodes[g].reach is not None]
    return sum(known) if known else None


def _key_person(eco: Ecosystem, person: str, pieces: list[str], loss: Loss | None) -> Finding:
    label = quoted(eco.nodes[person].label)
    served = learners_served(eco, person, pieces)
    share = len(served) / len(eco.learners) if eco.learners else 0.0
    count = headcount(eco, served)
    who = names(eco.refs(served)) if served else "no learner group on the map yet"
    people = f" ({count:,} people)" if count else ""
    least = eco.thresholds["key_person_min_nodes"]
    tagged = tagged_key_person(eco.nodes[person])
    severe = len(pieces) >= 2 * least or (len(pieces) >= least and (share >= 0.5 or tagged)) \
        or (loss is not None and loss.severity == "high")
    also = f" And without them, {loss_headline(eco, loss)}." if loss else ""
    return Finding(
        check=KEY_PERSON,
        severity="high" if severe else "medium",
        title=f"Only {label} stands behind {plural(len(pieces), 'piece')} of learning",
        detail=(
            f"{label} is the only person who delivers, authors or supports "
            f"{names(eco.refs(pieces))}, which reach {who}{people}"
            f"{_share_of_groups(share) if served else ''}. If {label} left or fell ill, "
            f"nobody else could run them, update them or answer questions about them, even "
            f"where learners can still open the material.{also}"),
        suggestion=(
            f"Give {label} a partner on these: have a colleague co-deliver the next run or "
            f"shadow them, and get what they know written down (a job aid, a recorded "
            f"walkthrough), starting with the piece most people use."),
        nodes=(eco.ref(person),) + eco.refs(set(pieces) | set(loss.stranded if loss else ())),
        metrics={"person": person, "pieces": len(pieces), "learner_groups": len(served),
                 "learners": count, "learner_group_share": share,
                 "tagged": tagged,
                 "threshold": eco.thresholds["key_person_min_nodes"]},
        subject=f"node:{person}",
    )


def _share_of_groups(share: float) -> str:
    return " — every learner group on the map" if share >= 1 else \
        f" — {percent(share)} of the learner groups"
