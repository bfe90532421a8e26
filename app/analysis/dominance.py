"""One part taking over: a kind of learning multiplying like the cane toad until it crowds out
the rest, or one building block swelling to most of the map (check ``cane_toad``).

A toad is told as one story: the kind that multiplied, the block it swelled, and the tools and
processes that deliver it, which would otherwise look like hubs of their own. Small numbers are
not an invasion (three of five processes being on-the-job learning is a choice, not a plague),
and learner groups, the centre of the ecosystem, are never one; nor is informal learning, which
crowds nothing out.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.analysis.ecosystem import PEOPLE, Ecosystem
from app.analysis.records import Balance, Finding, Mix
from app.analysis.roles import is_learner_group
from app.analysis.words import category_noun, kind_plural, lower_kind, names, percent

CANE_TOAD = "cane_toad"
SEVERE_KIND_SHARE = 0.75  # of its block: the kind has all but taken the block over…
SEVERE_MAP_SHARE = 0.35  # …and is a large part of the whole map by itself
SEVERE_BLOCK_SHARE = 0.7


@dataclass(frozen=True)
class Toad:
    """A kind (or a whole block) that has multiplied, and what delivers it."""

    block: str
    kind: str | None  # None: the block as a whole
    members: tuple[str, ...]
    carriers: tuple[str, ...]  # tools and processes that exist mostly to deliver it


def cane_toad(eco: Ecosystem, balance: Balance) -> list[Finding]:
    return [_story(eco, balance, toad) for toad in toads(eco, balance)]


def toads(eco: Ecosystem, balance: Balance) -> list[Toad]:
    """Every invasive kind, then a swollen block not already explained by one of them."""
    found = [_toad(eco, block, kind) for block, kind in invasive_kinds(eco, balance)]
    block = swollen_block(eco, balance)
    if block is not None and block not in {t.block for t in found}:
        found.append(_toad(eco, block, None))
    return found


def invasive_kinds(eco: Ecosystem, balance: Balance) -> list[tuple[str, str]]:
    t = eco.thresholds
    found = []
    for block, kinds in balance.kinds.items():
        if balance.categories.parts[block].count < t["kind_min_nodes"]:
            continue
        kind = sole_leader(kinds)
        if not kind or kinds.parts[kind].share < t["kind_share"]:
            continue
        members = _members(eco, block, kind)
        if block == PEOPLE and any(is_learner_group(eco.nodes[i]) for i in members):
            continue  # learner groups are who the ecosystem is for
        if sum(eco.nodes[i].informal for i in members) * 2 >= len(members):
            continue  # informal learning multiplying crowds nothing out
        found.append((block, kind))
    return found


def swollen_block(eco: Ecosystem, balance: Balance) -> str | None:
    """A block (other than the people) holding ``dominance_share`` of a map big enough."""
    t = eco.thresholds
    if eco.size < t["dominance_min_nodes"] or len(eco.category_keys) < 2:
        return None
    leader = sole_leader(balance.categories)
    if leader is None or leader == PEOPLE:
        return None
    return leader if balance.categories.parts[leader].share >= t["dominance_share"] else None


def sole_leader(mix: Mix) -> str | None:
    """The one part with the largest share; None on a tie, since two equal parts sharing the
    map are not one crowding out the rest."""
    if not mix.parts:
        return None
    top = max(p.share for p in mix.parts.values())
    leaders = [k for k, p in mix.parts.items() if p.share == top]
    return leaders[0] if len(leaders) == 1 and leaders[0] else None


def _members(eco: Ecosystem, block: str, kind: str | None) -> tuple[str, ...]:
    return tuple(sorted(i for i, n in eco.nodes.items()
                        if n.category == block and (kind is None or n.kind == kind)))


def _toad(eco: Ecosystem, block: str, kind: str | None) -> Toad:
    members = _members(eco, block, kind)
    inside = set(members)
    carriers = []
    for node_id in sorted(eco.nodes):
        if node_id in inside or eco.nodes[node_id].category == PEOPLE:
            continue
        around = set(eco.graph[node_id])
        toad_side = len(around & inside)
        if toad_side >= 3 and toad_side * 2 >= len(around - eco.people):
            carriers.append(node_id)
    return Toad(block, kind, members, tuple(carriers))


def _story(eco: Ecosystem, balance: Balance, toad: Toad) -> Finding:
    return _kind_story(eco, balance, toad) if toad.kind else _block_story(eco, balance, toad)


def _kind_story(eco: Ecosystem, balance: Balance, toad: Toad) -> Finding:
    block, kind = toad.block, toad.kind
    kinds = balance.kinds[block].parts
    noun = category_noun(eco.category(block), block)
    count, total = len(toad.members), balance.categories.parts[block].count
    share, map_share = count / total, count / eco.size
    block_share = balance.categories.parts[block].share
    many = kind_plural(kind)
    others = [f"{lower_kind(k) or 'no kind given'} {p.count}" for k, p in kinds.items()
              if k != kind]
    swollen = block_share >= eco.thresholds["dominance_share"]
    detail = (f"{count} of the {total} {noun} are {lower_kind(many)} ({percent(share)})"
              + (f", and {noun} are {percent(block_share)} of the whole map. " if swollen
                 else ". ")
              + (f"The rest: {', '.join(others)}. " if others else "")
              + "Like the cane toad, one kind that multiplies leaves the others no room to do "
                "their part." + _carried(eco, toad))
    carried = _strength_to_people(eco, set(toad.members))
    severe = (share >= SEVERE_KIND_SHARE and map_share >= SEVERE_MAP_SHARE) or \
        carried >= eco.thresholds["strength_share"]
    return Finding(
        check=CANE_TOAD,
        severity="high" if severe else "medium",
        title=(f"{many} {'has' if many == kind else 'have'} crowded out the rest of the "
               f"{noun} ({count} of {total})"),
        detail=detail,
        suggestion=(f"Stop adding {lower_kind(many)} for now: retire or merge the ones that "
                    f"overlap, and meet the next need another way (coaching, a job aid, "
                    f"practice on the job, a peer session), then compare how it lands."),
        nodes=eco.refs(toad.members + toad.carriers),
        metrics={"category": block, "kind": kind, "count": count, "total": total,
                 "share": share, "map_share": map_share, "strength_share": carried,
                 "carried_by": list(toad.carriers), "threshold": eco.thresholds["kind_share"]},
        subject=f"kind:{block}:{kind}",
    )


def _block_story(eco: Ecosystem, balance: Balance, toad: Toad) -> Finding:
    parts = balance.categories.parts
    block = toad.block
    name = _block_name(eco, block)
    noun = category_noun(eco.category(block), block)
    share = parts[block].share
    rest = ", ".join(f"{_block_name(eco, k)} {parts[k].count}" for k in parts if k != block)
    return Finding(
        check=CANE_TOAD,
        severity="high" if share >= SEVERE_BLOCK_SHARE else "medium",
        title=f"The {name} block has swollen to {percent(share)} of the map",
        detail=(f"{parts[block].count} of the map's {eco.size} pieces are {noun}; the rest: "
                f"{rest}. Like the cane toad, one block that multiplies leaves the others too "
                f"little room to do their part." + _carried(eco, toad)),
        suggestion=_block_advice(block, noun),
        nodes=eco.refs(toad.members),
        metrics={"category": block, "count": parts[block].count, "total": eco.size,
                 "share": share, "threshold": eco.thresholds["dominance_share"]},
        subject=f"category:{block}",
    )


def _strength_to_people(eco: Ecosystem, members: set[str]) -> float:
    """The share of the connection strength between the people and everything else that
    these pieces carry: how much of what reaches people they are."""
    total = mine = 0.0
    for a, b, strength in eco.graph.edges(data="strength"):
        if (a in eco.people) != (b in eco.people):
            total += strength
            mine += strength if (a in members or b in members) else 0.0
    return mine / total if total else 0.0


def _carried(eco: Ecosystem, toad: Toad) -> str:
    if not toad.carriers:
        return ""
    return (f" They reach people through {names(eco.refs(toad.carriers), limit=4)}, which is "
            f"why {'it looks' if len(toad.carriers) == 1 else 'those look'} like "
            f"{'a hub' if len(toad.carriers) == 1 else 'hubs'}: the same story.")


def _block_advice(block: str, noun: str) -> str:
    if block == "technology":
        return ("Before adding another tool, retire or merge the ones that overlap, and put "
                "the effort into the content, the ways of learning and the people who help.")
    if block in ("data", "governance"):
        return (f"Check that the {noun} serve the learning rather than replace it: merge what "
                f"overlaps, and put the effort into the ways people actually learn.")
    return (f"Before adding more {noun}, retire or merge what overlaps, and put the effort "
            f"into what the map has least of among the ways people learn.")


def _block_name(eco: Ecosystem, key: str) -> str:
    category = eco.category(key)
    return category.name if category else key

