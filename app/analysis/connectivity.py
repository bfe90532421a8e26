"""What is cut off, and what holds the rest together (checks ``isolated``, ``island``,
``unreached`` and ``single_point_of_failure``). Connections count in either direction."""

from __future__ import annotations

from dataclasses import dataclass

from app.analysis.ecosystem import Ecosystem
from app.analysis.flow import Flow
from app.analysis.records import Finding
from app.analysis.roles import LEARNING_BLOCKS, PEOPLE, TECHNOLOGY
from app.analysis.splits import CutPoints, Split
from app.analysis.words import names, percent, plural, quoted

ISOLATED, ISLAND, UNREACHED = "isolated", "island", "unreached"
SINGLE_POINT, OVERDOMINANT = "single_point_of_failure", "overdominant"
LEARNERS, REACH, FEEDERS, LEARNING = range(4)  # the weights a loss is measured in
NAMED = 20  # learner groups or pieces named per loss; a long chain would otherwise name thousands
SOFTER = {"high": "medium", "medium": "low", "low": "low"}


@dataclass(frozen=True)
class Loss:
    """What the loss of ``node`` would leave: learner groups with nothing to learn from
    (``stranded``) and pieces of learning no learner can reach (``orphaned``)."""

    node: str
    split: Split
    totals: tuple[int, int, int]  # fed learner groups, their headcount, pieces of learning
    stranded: tuple[str, ...]
    stranded_groups: int
    stranded_reach: int
    orphaned: tuple[str, ...]
    orphaned_count: int
    threshold: float

    @property
    def impact(self) -> float:
        """The larger share lost: of the learners (by headcount where the map gives it) or
        of the learning."""
        groups, reach, learning = self.totals
        learners = (self.stranded_reach / reach if reach and self.stranded_reach
                    else self.stranded_groups / groups if groups else 0.0)
        return max(learners, self.orphaned_count / learning if learning else 0.0)

    @property
    def matters(self) -> bool:
        return self.stranded_groups > 0 or self.impact >= self.threshold

    @property
    def severity(self) -> str:
        return ("high" if self.impact >= 0.5 else "medium" if self.impact >= self.threshold
                else "low")


def softer(severity: str) -> str:
    return SOFTER[severity]


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
    if eco.graph.number_of_edges() == 0:
        return [_nothing_connected_yet(eco, alone)]
    title = (f"{quoted(alone[0].label)} is not connected to anything" if len(alone) == 1
             else f"{len(alone)} pieces are not connected to anything")
    return [Finding(
        check=ISOLATED,
        severity=_by_size(eco, len(alone)),
        title=title,
        detail=(f"{names(alone)} {'has' if len(alone) == 1 else 'have'} no connection to any "
                f"other piece of the map, so nothing flows to or from "
                f"{'it' if len(alone) == 1 else 'them'}."),
        suggestion=(f"Connect {'it' if len(alone) == 1 else 'each one'} to the people who use "
                    f"it or the content and processes it supports — or take it off the map if "
                    f"it is no longer part of how people learn."),
        nodes=alone,
        metrics={"count": len(alone)},
        subject="isolated",
    )]


def _nothing_connected_yet(eco: Ecosystem, alone) -> Finding:
    """A map being started: the pieces are there, the connections are still to come."""
    return Finding(
        check=ISOLATED,
        severity="low",
        title="Nothing is connected yet",
        detail=(f"The map has {plural(eco.size, 'piece')} and no connections, so there is "
                f"nothing to check about how they work together yet."),
        suggestion=("Draw who uses, delivers or supports what: connect each learner group to "
                    "the content and ways of learning it uses, and to the people who help it."),
        nodes=alone,
        metrics={"count": len(alone)},
        subject="isolated",
    )


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
    """Pieces nobody takes part in, and learner groups nothing teaches."""
    found = []
    unused = [i for i in eco.main_part if i not in eco.in_use
              and eco.nodes[i].category in (*LEARNING_BLOCKS, TECHNOLOGY)]
    if eco.people and unused:
        found.append(_unused(eco, eco.refs(unused)))
    if eco.learning and eco.learners != eco.people:
        alone = set(lone_nodes(eco))
        stranded = [i for i in eco.learners if i not in eco.fed_learners and i not in alone]
        if stranded:
            found.append(_stranded(eco, eco.refs(stranded)))
    return found


def _unused(eco: Ecosystem, unused) -> Finding:
    one = len(unused) == 1
    return Finding(
        check=UNREACHED,
        severity=_by_size(eco, len(unused)),
        title=(f"Nobody is drawn as using {quoted(unused[0].label)}" if one
               else f"Nobody is drawn as using {len(unused)} pieces"),
        detail=(f"No learner group is connected to {names(unused)}, and no one is drawn as "
                f"using {'it' if one else 'them'} — at most the people who make "
                f"{'it' if one else 'them'}. As drawn, nobody learns from "
                f"{'it' if one else 'them'}."),
        suggestion=(("Connect it to the learner groups, managers or mentors who use it, or "
                     "retire it.") if one else
                    ("Connect each one to the learner groups, managers or mentors who use it, "
                     "or retire it.")),
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
        detail=(f"No content, way of learning, tool or person who helps them learn is "
                f"connected to {names(stranded)}. Being line-managed is not learning: however "
                f"much lies beyond the manager, nothing on the map is drawn as reaching "
                f"{'this group' if one else 'these groups'}."),
        suggestion=("Connect them to at least one course, job aid or way of learning they can "
                    "use — and ask them what they actually learn from today."),
        nodes=stranded,
        metrics={"count": len(stranded)},
        subject="stranded",
    )


def losses(eco: Ecosystem) -> list[Loss]:
    """What each piece holding the main ecosystem together would take with it."""
    fed = {i: 1 for i in eco.fed_learners}
    weights = (fed, {i: eco.nodes[i].reach or 0 for i in fed},
               {i: 1 for i in eco.nodes if i not in eco.people or i in eco.helpers},
               {i: 1 for i in eco.learning})
    cuts = CutPoints(eco.graph, eco.main_part, weights)
    fed_here = [i for i in fed if i in eco.main_part]
    totals = (len(fed_here), sum(eco.nodes[i].reach or 0 for i in fed_here),
              len(eco.learning & eco.main_part))
    found = []
    for split in cuts.splits():
        if split.node in eco.learners:
            continue  # learner groups are the centre by design, never a weakness
        stranded = [p for p in split.pieces if p.sums[LEARNERS] and not p.sums[FEEDERS]]
        orphaned = [p for p in split.pieces if p.sums[LEARNING] and not p.sums[LEARNERS]]
        if not stranded and not orphaned:
            continue
        found.append(Loss(
            node=split.node, split=split, totals=totals,
            stranded=tuple(i for p in stranded
                           for i in cuts.members(split, p, LEARNERS, NAMED)),
            stranded_groups=int(sum(p.sums[LEARNERS] for p in stranded)),
            stranded_reach=int(sum(p.sums[REACH] for p in stranded)),
            orphaned=tuple(i for p in orphaned for i in cuts.members(split, p, LEARNING, NAMED)),
            orphaned_count=int(sum(p.sums[LEARNING] for p in orphaned)),
            threshold=eco.thresholds["split_share"]))
    return found


def weak_point(eco: Ecosystem, flow: Flow, loss: Loss) -> Finding:
    """A piece (never a learner group) whose loss would leave learners with nothing to learn
    from, or learning with nobody to reach: an ``overdominant`` hub when most routes also pass
    through it, else a ``single_point_of_failure``. A busy hub with other routes around it is
    not a weakness: traffic is not fragility."""
    node = eco.nodes[loss.node]
    label = quoted(node.label)
    hub = is_hub(eco, flow, loss.node)
    headline = loss_headline(eco, loss)
    detail = (f"Without {label}, {loss_sentence(eco, loss)}: {_it(node, subject=True)} "
              f"{'are' if node.category == PEOPLE else 'is'} their only "
              f"link to the rest of the ecosystem.")
    if hub:
        estimate = (f" (estimated from a sample of {plural(flow.sample_size, 'piece')})"
                    if flow.estimated else "")
        detail = (f"{percent(flow.scores.get(loss.node, 0.0))} of the routes between other "
                  f"pieces of the map pass through {label}{estimate}. " + detail)
    severity = loss.severity
    if node.category in LEARNING_BLOCKS:  # a session or a guide can be rebuilt; a person or a
        severity = softer(severity)       # tool everything hangs on cannot, quickly
    return Finding(
        check=OVERDOMINANT if hub else SINGLE_POINT,
        severity=severity,
        title=(f"Everything flows through {label}: without {_it(node)}, {headline}" if hub else
               f"If {label} went away, {headline}"),
        detail=detail,
        suggestion=second_route(eco, loss),
        nodes=(eco.ref(loss.node),) + eco.refs(set(loss.stranded) | set(loss.orphaned)),
        metrics={"learner_groups_cut_off": loss.stranded_groups,
                 "learners_cut_off": loss.stranded_reach or None,
                 "learning_cut_off": loss.orphaned_count, "impact": loss.impact,
                 "cut_off": loss.split.cut_off, "parts_left": len(loss.split.pieces),
                 "betweenness": flow.scores.get(loss.node, 0.0),
                 "threshold": eco.thresholds["split_share"]},
        subject=f"node:{loss.node}",
    )


def _it(node, subject: bool = False) -> str:
    if node.category == PEOPLE:
        return "they" if subject else "them"
    return "it"


def is_hub(eco: Ecosystem, flow: Flow, node_id: str) -> bool:
    t = eco.thresholds
    if eco.size < t["hub_min_nodes"]:
        return False
    mean = 2 * eco.graph.number_of_edges() / eco.size
    degree = eco.graph.degree(node_id)
    return flow.scores.get(node_id, 0.0) >= t["hub_betweenness"] or (
        mean > 0 and degree >= t["hub_degree_ratio"] * mean and degree >= t["hub_reach_share"]
        * eco.size)


def loss_headline(eco: Ecosystem, loss: Loss) -> str:
    """The worst of what would be lost, short enough for a title."""
    if loss.stranded_groups:
        people = f" ({loss.stranded_reach:,} people)" if loss.stranded_reach else ""
        who = (quoted(eco.nodes[loss.stranded[0]].label) if loss.stranded_groups == 1
               else plural(loss.stranded_groups, "learner group"))
        return f"{who}{people} would have nothing left to learn from"
    return (f"{plural(loss.orphaned_count, 'piece')} of learning would be cut off from every "
            "learner")


def loss_sentence(eco: Ecosystem, loss: Loss) -> str:
    """Everything the loss would cut off, named: "“A”, “B” and 3 others would be cut off from
    every learner, and “New joiners” (95 people) would have nothing left to learn from"."""
    parts = []
    if loss.orphaned_count:
        parts.append(f"{names(eco.refs(loss.orphaned), total=loss.orphaned_count)} would be "
                     f"cut off from every learner")
    if loss.stranded_groups:
        people = f" ({loss.stranded_reach:,} people)" if loss.stranded_reach else ""
        parts.append(f"{names(eco.refs(loss.stranded), total=loss.stranded_groups)}{people} "
                     f"would have nothing left to learn from")
    return ", and ".join(parts)


def second_route(eco: Ecosystem, loss: Loss) -> str:
    """Advice that fits what the piece is: a person, a tool, a session or a guide."""
    node = eco.nodes[loss.node]
    label = quoted(node.label)
    if node.category == PEOPLE:
        return (f"Make sure someone else can do what {label} does: a colleague who shadows "
                f"them, and the connections they hold drawn to a second person too.")
    if node.category == TECHNOLOGY:
        return (f"Give what only {label} carries a second way in — links from where people "
                f"already work, copies of the key guides — and a named owner with a plan for "
                f"when it is down or replaced.")
    if node.category in LEARNING_BLOCKS:
        return (f"Give the people who rely on {label} a second way in — a buddy, a job aid, "
                f"a follow-up session — so their learning does not hang on it alone.")
    return (f"Connect what hangs on {label} to the rest of the ecosystem another way, so it "
            f"does not depend on {label} alone.")
