"""What is cut off, and what holds the rest together (checks ``isolated``, ``island``,
``unreached`` and ``single_point_of_failure``). Connections count in either direction."""

from __future__ import annotations

from app.analysis.ecosystem import Ecosystem
from app.analysis.records import Finding
from app.analysis.splits import Split, splits
from app.analysis.words import names, percent, plural, quoted

ISOLATED, ISLAND, UNREACHED = "isolated", "island", "unreached"
SINGLE_POINT = "single_point_of_failure"


def _by_size(eco: Ecosystem, count: int) -> str:
    """High when a large part of the map (the single-point-of-failure share) is cut off."""
    return "high" if count >= 2 and count >= eco.thresholds["split_share"] * eco.size else "medium"


def lone_nodes(eco: Ecosystem) -> list[str]:
    """Nodes with no connection to any other node (a map of one node has nothing to join)."""
    if eco.size < 2:
        return []
    return sorted(i for i in eco.nodes if eco.graph.degree(i) == 0)


def isolated(eco: Ecosystem) -> list[Finding]:
    alone = eco.refs(lone_nodes(eco))
    if not alone:
        return []
    title = (f"{quoted(alone[0].label)} is not connected to anything" if len(alone) == 1
             else f"{len(alone)} pieces are not connected to anything")
    return [Finding(
        check=ISOLATED,
        severity=_by_size(eco, len(alone)),
        title=title,
        detail=(f"{names(alone)} {'has' if len(alone) == 1 else 'have'} no connection to any "
                f"other piece of the map, so nothing flows to or from "
                f"{'it' if len(alone) == 1 else 'them'}."),
        suggestion=("Connect each one to the people who use it or the content and processes it "
                    "supports — or take it off the map if it is no longer part of how people "
                    "learn."),
        nodes=alone,
        metrics={"count": len(alone)},
        subject="isolated",
    )]


def island(eco: Ecosystem) -> list[Finding]:
    """Groups of two or more connected to each other but not to the main ecosystem."""
    return [_island(eco, part) for part in eco.components[1:] if len(part) >= 2]


def _island(eco: Ecosystem, part: frozenset[str]) -> Finding:
    members = eco.refs(part)
    learners = eco.refs(part & eco.learners)
    detail = (f"{names(members)} are connected to each other but not to the main part of the "
              f"map ({plural(len(eco.main_part), 'piece')}).")
    if learners:
        detail += f" {names(learners)} cannot reach anything the rest of the map offers."
    return Finding(
        check=ISLAND,
        severity="high" if learners else _by_size(eco, len(part)),
        title=f"{len(part)} pieces form an island, cut off from the main ecosystem",
        detail=detail,
        suggestion=("Find the connection that should exist — who in the main ecosystem uses, "
                    "delivers or supports this group? — and draw it."),
        nodes=members,
        metrics={"size": len(part), "main_size": len(eco.main_part),
                 "learners": [r.id for r in learners]},
        subject="island",
    )


def unreached(eco: Ecosystem) -> list[Finding]:
    """Pieces no person is connected to, and learners with nothing to learn from."""
    alone = set(lone_nodes(eco))
    found = []
    if eco.people:
        near_people = eco.connected_to_any(eco.people)
        unused = [i for i in eco.nodes if i not in near_people and i not in alone]
        if unused:
            found.append(_unused(eco, eco.refs(unused)))
    if eco.learning:
        near_learning = eco.connected_to_any(eco.learning)
        stranded = [i for i in eco.learners if i not in near_learning and i not in alone]
        if stranded:
            found.append(_stranded(eco, eco.refs(stranded)))
    return found


def _unused(eco: Ecosystem, unused) -> Finding:
    one = len(unused) == 1
    return Finding(
        check=UNREACHED,
        severity=_by_size(eco, len(unused)),
        title=(f"Nobody on the map is connected to {quoted(unused[0].label)}" if one
               else f"{len(unused)} pieces are not connected to any people"),
        detail=(f"No path, in either direction, leads from {names(unused)} to any of the "
                f"people on the map, so as drawn nobody uses {'it' if one else 'them'}."),
        suggestion=("Connect each one to the learner groups, managers or mentors who use it, "
                    "or retire it."),
        nodes=unused,
        metrics={"count": len(unused)},
        subject="unused",
    )


def _stranded(eco: Ecosystem, stranded) -> Finding:
    one = len(stranded) == 1
    return Finding(
        check=UNREACHED,
        severity="high",
        title=(f"{quoted(stranded[0].label)} has nothing to learn from" if one
               else f"{len(stranded)} learner groups have nothing to learn from"),
        detail=(f"No path leads from {names(stranded)} to any content or process on the map."),
        suggestion=("Connect them to at least one course, job aid or way of learning they can "
                    "use — and ask them what they actually learn from today."),
        nodes=stranded,
        metrics={"count": len(stranded)},
        subject="stranded",
    )


def single_point_of_failure(eco: Ecosystem) -> list[Finding]:
    """Nodes whose loss cuts a large share of the map, or any learners, off the main part."""
    limit = eco.thresholds["split_share"] * eco.size
    return [
        _weak_point(eco, split)
        for split in splits(eco.graph, eco.main_part, eco.learners)
        if split.cut_off >= limit or split.learners_cut_off
    ]


def _weak_point(eco: Ecosystem, split: Split) -> Finding:
    label = quoted(eco.nodes[split.node].label)
    share = split.cut_off / eco.size
    learners = eco.refs(split.learners_cut_off)
    if split.shatters:
        title = (f"If {label} went away, the ecosystem would fall apart into "
                 f"{split.parts} separate parts")
        detail = (f"{label} is what holds the ecosystem together: without it, "
                  f"{plural(split.cut_off, 'piece')} ({percent(share)} of the map) would be cut "
                  f"off, and no part left would have more than "
                  f"{plural(split.largest, 'piece')}.")
    else:
        title = f"If {label} went away, {plural(split.cut_off, 'piece')} would be cut off"
        detail = (f"{label} is the only link between {plural(split.cut_off, 'piece')} "
                  f"({percent(share)} of the map) and the rest of the ecosystem.")
    if learners:
        detail += (f" Among them: {names(learners, total=split.learner_count)}, who would lose "
                   f"touch with everything else.")
    return Finding(
        check=SINGLE_POINT,
        severity="high",
        title=title,
        detail=detail,
        suggestion=(f"Build a second route: give what hangs on {label} another connection — a "
                    f"deputy, a second channel, a shared community — before it becomes the "
                    f"bottleneck."),
        nodes=(eco.ref(split.node),),
        metrics={"cut_off": split.cut_off, "share": share,
                 "learners_cut_off": list(split.learners_cut_off),
                 "learner_groups_cut_off": split.learner_count, "parts_left": split.parts,
                 "threshold": eco.thresholds["split_share"]},
        subject=f"node:{split.node}",
    )
