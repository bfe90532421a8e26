"""One part taking over: a block or kind multiplying like the cane toad, and hubs everything
flows through (checks ``cane_toad`` and ``overdominant``)."""

from __future__ import annotations

from collections import defaultdict

from app.analysis.ecosystem import Ecosystem
from app.analysis.flow import Flow
from app.analysis.records import Balance, Finding
from app.analysis.words import category_noun, percent, plural, quoted
from app.domain import USUAL_KINDS

CANE_TOAD, OVERDOMINANT = "cane_toad", "overdominant"


def cane_toad(eco: Ecosystem, balance: Balance) -> list[Finding]:
    """Blocks and kinds that crowd out the rest, and single routes to the people."""
    return (
        crowding_blocks(eco, balance) + crowding_kinds(eco, balance) + crowding_routes(eco)
    )


def crowding_blocks(eco: Ecosystem, balance: Balance) -> list[Finding]:
    t = eco.thresholds
    if eco.size < t["dominance_min_nodes"] or len(eco.category_keys) < 2:
        return []
    leader = sole_leader(balance.categories.parts)
    if leader is None or balance.categories.parts[leader].share < t["dominance_share"]:
        return []
    return [_crowding_block(eco, leader, balance)]


def sole_leader(parts) -> str | None:
    """The one part with the largest share; None on a tie, since two equal parts sharing the
    map are not one crowding out the rest."""
    if not parts:
        return None
    top = max(p.share for p in parts.values())
    leaders = [k for k, p in parts.items() if p.share == top]
    return leaders[0] if len(leaders) == 1 else None


def _crowding_block(eco: Ecosystem, key: str, balance: Balance) -> Finding:
    parts = balance.categories.parts
    name = _block_name(eco, key)
    others = [k for k in parts if k != key]
    thinnest = sorted(others, key=lambda k: (parts[k].count, eco.category_keys.index(k)))[:2]
    rest = ", ".join(f"{_block_name(eco, k)} {parts[k].count}" for k in others)
    share = parts[key].share
    return Finding(
        check=CANE_TOAD,
        severity="high",
        title=f"The {name} block is crowding out the others ({percent(share)} of the map)",
        detail=(
            f"{parts[key].count} of the map's {eco.size} pieces are "
            f"{category_noun(eco.category(key), key)} ({percent(share)}); the rest: {rest}. "
            f"Like the cane toad, one block that multiplies leaves the others too little room "
            f"to do their part. Ecomap flags any block holding "
            f"{percent(eco.thresholds['dominance_share'])} or more of the map."
        ),
        suggestion=(
            f"Before adding more {category_noun(eco.category(key), key)}, retire or merge what "
            f"overlaps, and put the effort into the thinnest blocks: "
            f"{' and '.join(_block_name(eco, k) for k in thinnest)}."
        ),
        nodes=eco.refs(i for i, n in eco.nodes.items() if n.category == key),
        metrics={"category": key, "count": parts[key].count, "total": eco.size,
                 "share": share, "threshold": eco.thresholds["dominance_share"]},
        subject=f"category:{key}",
    )


def crowding_kinds(eco: Ecosystem, balance: Balance) -> list[Finding]:
    t = eco.thresholds
    found = []
    for key, kinds in balance.kinds.items():
        total = balance.categories.parts[key].count
        if total < t["kind_min_nodes"]:
            continue
        kind = sole_leader(kinds.parts)
        if kind and kinds.parts[kind].share >= t["kind_share"]:
            found.append(_crowding_kind(eco, key, kind, balance))
    return found


def _crowding_kind(eco: Ecosystem, key: str, kind: str, balance: Balance) -> Finding:
    kinds = balance.kinds[key].parts
    noun = category_noun(eco.category(key), key)
    total = sum(p.count for p in kinds.values())
    others = [f"{k or 'no kind given'} {p.count}" for k, p in kinds.items() if k != kind]
    detail = (f"{kind} makes up {kinds[kind].count} of {total} {noun} "
              f"({percent(kinds[kind].share)}). ")
    if others:
        detail += f"The other kinds: {', '.join(others)}."
    else:
        detail += f"There is no other kind of {noun}."
    return Finding(
        check=CANE_TOAD,
        severity="medium",
        title=f"{kind} has crowded out the other {noun}",
        detail=detail,
        suggestion=_kind_suggestion(key, kind, set(kinds)),
        nodes=eco.refs(i for i, n in eco.nodes.items() if n.category == key and n.kind == kind),
        metrics={"category": key, "kind": kind, "count": kinds[kind].count, "total": total,
                 "share": kinds[kind].share, "threshold": eco.thresholds["kind_share"]},
        subject=f"kind:{key}:{kind}",
    )


def _kind_suggestion(key: str, kind: str, present: set[str]) -> str:
    choices = [_lower(k) for k in USUAL_KINDS.get(key, ()) if k not in present][:2]
    alternative = f"{' or '.join(choices)} alternative" if choices else "alternative"
    return (f"Pilot one {alternative} to {_lower(kind)} with a single group, and compare how "
            f"it lands before the next round of {_lower(kind)}.")


def crowding_routes(eco: Ecosystem) -> list[Finding]:
    """One node, or one kind, carrying most of the connection strength that reaches the people."""
    carried: dict[str, float] = defaultdict(float)
    for a, b, strength in eco.graph.edges(data="strength"):
        if (a in eco.people) != (b in eco.people):
            carried[b if a in eco.people else a] += strength
    total = sum(carried.values())
    if len(carried) < eco.thresholds["dominance_min_nodes"] or not total:
        return []
    limit = eco.thresholds["strength_share"]
    nodes = [_crowding_route(eco, [i], carried, total) for i in sorted(carried)
             if carried[i] / total >= limit]
    flagged = {f.nodes[0].id for f in nodes}
    by_kind: dict[tuple[str, str], list[str]] = defaultdict(list)
    for i in sorted(carried):
        if eco.nodes[i].kind:
            by_kind[(eco.nodes[i].category, eco.nodes[i].kind)].append(i)
    kinds = [_crowding_route(eco, ids, carried, total) for ids in by_kind.values()
             if len(ids) > 1 and not flagged & set(ids)
             and sum(carried[i] for i in ids) / total >= limit]
    return nodes + kinds


def _crowding_route(eco: Ecosystem, ids: list[str], carried, total: float) -> Finding:
    amount = sum(carried[i] for i in ids)
    first = eco.nodes[ids[0]]
    what = quoted(first.label) if len(ids) == 1 else f"{first.kind} ({len(ids)} pieces)"
    share = amount / total
    return Finding(
        check=CANE_TOAD,
        severity="medium",
        title=f"Most of what reaches your people goes through {what}",
        detail=(
            f"{what} carries {amount:g} of the {total:g} points of connection strength between "
            f"your people and the rest of the ecosystem ({percent(share)}). Each connection counts "
            f"1–5 for how often, how easily and how deeply the two sides interact."
        ),
        suggestion=(
            f"Give your people a second route to what {what} offers — a peer community, a mentor "
            f"or a job aid — so their learning does not stall if it falters."
        ),
        nodes=eco.refs(ids),
        metrics={"strength": amount, "total_strength": total, "share": share,
                 "threshold": eco.thresholds["strength_share"]},
        subject="route:" + (ids[0] if len(ids) == 1 else f"{first.category}:{first.kind}"),
    )


def overdominant(eco: Ecosystem, flow: Flow) -> list[Finding]:
    """Hubs: many routes pass through them, or they touch a large part of the map."""
    t = eco.thresholds
    n = eco.size
    if n < t["hub_min_nodes"]:
        return []
    mean = 2 * eco.graph.number_of_edges() / n
    found = []
    for node_id in sorted(eco.nodes):
        degree = eco.graph.degree(node_id)
        by_routes = flow.scores.get(node_id, 0.0) >= t["hub_betweenness"]
        by_links = (mean > 0 and degree >= t["hub_degree_ratio"] * mean
                    and degree >= t["hub_reach_share"] * n)
        if by_routes or by_links:
            found.append(_hub(eco, node_id, flow, mean))
    return found


def _hub(eco: Ecosystem, node_id: str, flow: Flow, mean: float) -> Finding:
    label = quoted(eco.nodes[node_id].label)
    routes = flow.scores.get(node_id, 0.0)
    degree = eco.graph.degree(node_id)
    estimate = (f" (estimated from a sample of {plural(flow.sample_size, 'piece')})"
                if flow.estimated else "")
    by_routes = routes >= eco.thresholds["hub_betweenness"]
    return Finding(
        check=OVERDOMINANT,
        severity="medium",
        title=(f"Everything flows through {label}" if by_routes else
               f"So much hangs on {label}: it touches {percent(degree / eco.size)} of the map"),
        detail=(
            f"{percent(routes)} of the shortest routes between other pieces of the map pass "
            f"through {label}{estimate}. It is connected to {degree} of the "
            f"{eco.size - 1} other pieces; the average piece has {mean:.1f} connections."
        ),
        suggestion=(
            f"Share the load: connect the pieces around {label} to each other directly "
            f"(peer groups, a second owner, a backup channel) so they do not all depend on it."
        ),
        nodes=(eco.ref(node_id),),
        metrics={"betweenness": routes, "connections": degree, "mean_connections": mean,
                 "estimated": flow.estimated, "sample_size": flow.sample_size},
        subject=f"node:{node_id}",
    )


def _block_name(eco: Ecosystem, key: str) -> str:
    category = eco.category(key)
    return category.name if category else key


def _lower(kind: str) -> str:
    """"In-class training" → "in-class training", but "LMS" stays "LMS"."""
    return kind if kind[:2].isupper() else kind[:1].lower() + kind[1:]



