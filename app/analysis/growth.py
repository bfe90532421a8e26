"""What changed since the last review (check ``growth``): a kind or block multiplying much
faster than everything around it — a cane toad caught while it is still small — and learning
lost since: informal learning that disappeared, a learner group left without the people who
helped it learn.

The map (as it is, or as it was at a snapshot: ``MapData.as_of``) is compared with the latest
snapshot at least ``growth_weeks`` old. No such snapshot: nothing is said. Learner groups and
informal learning growing is never a worry; steady growth of every part is none either.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

from app.analysis.ecosystem import PEOPLE, Ecosystem
from app.analysis.records import Finding, NodeRef
from app.analysis.roles import is_learner_group, is_management
from app.analysis.words import category_noun, kind_plural, lower_kind, names, percent, plural
from app.domain import MapData, Snapshot
from app.errors import BadInput
from app.history.snapshots import baseline, map_at, moment

GROWTH = "growth"
SLOWEST_REST = 0.1  # the rest counts as growing at least this fast: a still rest is no licence
MOST_NAMED = 12  # new pieces a finding names


@dataclass(frozen=True)
class Earlier:
    """The snapshot compared with, and the map as it was then."""

    snapshot: Snapshot
    data: MapData

    @property
    def words(self) -> str:
        """"the Q2 review (15 April 2026)"."""
        when = moment(self.snapshot.taken_at)
        return f"“{self.snapshot.name}” ({when.day} {when:%B %Y})"


def growth(eco: Ecosystem) -> list[Finding]:
    """Growth and losses since the latest snapshot old enough to compare with."""
    earlier = _earlier(eco)
    if earlier is None:
        return []
    kinds = _grown_kinds(eco, earlier)
    explained = {f.metrics["category"] for f in kinds}
    blocks = [f for f in _grown_blocks(eco, earlier) if f.metrics["category"] not in explained]
    return [*kinds, *blocks, *_lost_informal(eco, earlier), *_lost_helpers(eco, earlier)]


# The map as it was at a snapshot, by the snapshot: reading a 10,000-node snapshot takes
# two thirds of a second, and the window checks the map again after every edit. Snapshots
# never change, so one read serves until the snapshot (or the blocks it falls back on) is
# another; a few are kept (one map, or a couple of windows). Growth reads only the pieces,
# connections and blocks of what is kept. Checks run in worker threads: one at a time here.
_READ: dict[int, tuple[Snapshot, tuple, MapData | None]] = {}
_READ_KEPT = 4
_READING = threading.Lock()


def _earlier(eco: Ecosystem) -> Earlier | None:
    snapshot = baseline(eco.data, int(eco.thresholds["growth_weeks"]))
    if snapshot is None:
        return None
    then = _read(eco.data, snapshot)
    return Earlier(snapshot, then) if then is not None else None


def _read(data: MapData, snapshot: Snapshot) -> MapData | None:
    with _READING:
        kept = _READ.get(id(snapshot))
        if kept is not None and kept[0] is snapshot and kept[1] == data.categories:
            return kept[2]
        try:
            then = map_at(data, snapshot)
        except BadInput:  # a snapshot that no longer reads as a map: nothing to compare with
            then = None
        while len(_READ) >= _READ_KEPT:
            _READ.pop(next(iter(_READ)))
        _READ[id(snapshot)] = (snapshot, data.categories, then)
        return then


# --- growing faster than the rest ------------------------------------------------------------


@dataclass(frozen=True)
class Spurt:
    """How one group grew against the rest around it."""

    before: int
    now: int
    rest_before: int
    rest_now: int

    @property
    def rate(self) -> float:
        return (self.now - self.before) / self.before

    @property
    def rest_rate(self) -> float:
        return max(0, self.rest_now - self.rest_before) / self.rest_before \
            if self.rest_before else 0.0

    def alarming(self, eco: Ecosystem) -> bool:
        added = self.now - self.before
        return (self.before > 0 and added >= eco.thresholds["growth_min_nodes"]
                and self.rate >= eco.thresholds["growth_ratio"] * max(self.rest_rate,
                                                                        SLOWEST_REST))

    def pace(self) -> str:
        """"nine times as fast", or "while the rest did not grow"."""
        if self.rest_rate <= 0:
            return "while the rest did not grow at all"
        times = self.rate / self.rest_rate
        return f"{_times(times)} as fast"


def _times(value: float) -> str:
    words = {2: "twice", 3: "three times", 4: "four times", 5: "five times", 6: "six times",
             7: "seven times", 8: "eight times", 9: "nine times", 10: "ten times"}
    return words.get(round(value), f"{round(value)} times")


def _filed_now(eco: Ecosystem, earlier: Earlier) -> list[tuple[str, str]]:
    """The earlier pieces by (block, kind) as they are filed now: a piece that is still on the
    map counts where it is now, so a reorganisation that only renames, re-files or re-kinds
    pieces grows nothing (four intranet pages re-filed as job aids are not four new job aids);
    a piece that is gone counts where it was."""
    return [(eco.nodes[n.id].category, eco.nodes[n.id].kind) if n.id in eco.nodes
            else (n.category, n.kind) for n in earlier.data.nodes]


def _grown_kinds(eco: Ecosystem, earlier: Earlier) -> list[Finding]:
    filed = _filed_now(eco, earlier)
    then = Counter(filed)
    now = Counter((n.category, n.kind) for n in eco.nodes.values())
    block_then = Counter(block for block, _kind in filed)
    block_now = Counter(n.category for n in eco.nodes.values())
    found = []
    for (block, kind), count in sorted(now.items()):
        if block == PEOPLE or not kind or _mostly_informal(eco, block, kind):
            continue
        spurt = Spurt(then[(block, kind)], count, block_then[block] - then[(block, kind)],
                      block_now[block] - count)
        if spurt.alarming(eco):
            found.append(_kind_finding(eco, earlier, block, kind, spurt))
    return found


def _mostly_informal(eco: Ecosystem, block: str, kind: str) -> bool:
    members = [n for n in eco.nodes.values() if n.category == block and n.kind == kind]
    return sum(n.informal for n in members) * 2 > len(members)


def _kind_finding(eco: Ecosystem, earlier: Earlier, block: str, kind: str,
                  spurt: Spurt) -> Finding:
    many = kind_plural(kind)
    noun = category_noun(eco.category(block), block)
    new = _new_pieces(eco, earlier, lambda n: n.category == block and n.kind == kind)
    share = spurt.now / (spurt.now + spurt.rest_now)
    return Finding(
        check=GROWTH,
        severity="medium",
        title=(f"{many} are multiplying: {spurt.before} → {spurt.now} since "
               f"“{earlier.snapshot.name}”"),
        detail=(f"{many} went from {spurt.before} to {spurt.now} (+{percent(spurt.rate)}) since "
                f"{earlier.words}, while the rest of the {noun} went from {spurt.rest_before} "
                f"to {spurt.rest_now}: {spurt.pace()}. They are now {percent(share)} of the "
                f"{noun}. A kind that multiplies faster than everything around it is how a "
                f"cane toad starts, and now is when it is cheapest to stop."),
        suggestion=(f"Before the next {lower_kind(kind)} is made, ask what need it meets and "
                    f"whether a job aid, coaching, a peer session or practice on the job would "
                    f"meet it better; merge or retire {lower_kind(many)} that overlap."),
        nodes=new,
        metrics={"category": block, "kind": kind, "before": spurt.before, "now": spurt.now,
                 "rest_before": spurt.rest_before, "rest_now": spurt.rest_now,
                 "share": share, "since": earlier.snapshot.name},
        subject=f"kind:{block}:{kind}",
    )


def _grown_blocks(eco: Ecosystem, earlier: Earlier) -> list[Finding]:
    then = Counter(block for block, _kind in _filed_now(eco, earlier))
    now = Counter(n.category for n in eco.nodes.values())
    found = []
    for block in eco.category_keys:
        if block == PEOPLE:
            continue
        spurt = Spurt(then[block], now[block], sum(then.values()) - then[block],
                      sum(now.values()) - now[block])
        if spurt.alarming(eco):
            found.append(_block_finding(eco, earlier, block, spurt))
    return found


def _block_finding(eco: Ecosystem, earlier: Earlier, block: str, spurt: Spurt) -> Finding:
    category = eco.category(block)
    name = category.name if category else block
    return Finding(
        check=GROWTH,
        severity="medium",
        title=f"The {name} block is growing fast: {spurt.before} → {spurt.now} since "
              f"“{earlier.snapshot.name}”",
        detail=(f"{name} went from {spurt.before} to {spurt.now} pieces (+{percent(spurt.rate)}) "
                f"since {earlier.words}, while the rest of the map went from "
                f"{spurt.rest_before} to {spurt.rest_now}: {spurt.pace()}. One block growing "
                f"much faster than the others crowds them out in time."),
        suggestion=(f"Look at what was added to {name} and why; ask whether the other blocks "
                    f"(the people, processes and tools that make it work) kept up."),
        nodes=_new_pieces(eco, earlier, lambda n: n.category == block),
        metrics={"category": block, "before": spurt.before, "now": spurt.now,
                 "rest_before": spurt.rest_before, "rest_now": spurt.rest_now,
                 "since": earlier.snapshot.name},
        subject=f"category:{block}",
    )


def _new_pieces(eco: Ecosystem, earlier: Earlier, belongs) -> tuple[NodeRef, ...]:
    old = {n.id for n in earlier.data.nodes}
    return eco.refs([i for i, n in eco.nodes.items() if i not in old and belongs(n)][
        :MOST_NAMED])


# --- lost since --------------------------------------------------------------------------------


def _lost_informal(eco: Ecosystem, earlier: Earlier) -> list[Finding]:
    gone = [n for n in earlier.data.nodes
            if n.informal and n.category != PEOPLE and n.id not in eco.nodes
            and not _replaced(eco, earlier, n.id)]
    if not gone:
        return []
    refs = tuple(NodeRef(n.id, n.label) for n in gone)
    users = _neighbours_then(earlier.data, {n.id for n in gone}) & set(eco.nodes)
    stranded = sorted(g for g in users if g in eco.learners and not _informal_now(eco, g))
    left = (f" {names(eco.refs(stranded), 3)}: no informal learning left on the map."
            if stranded else "")
    return [Finding(
        check=GROWTH,
        severity="medium",
        title=f"Informal learning lost since “{earlier.snapshot.name}”: {names(refs, 2)}",
        detail=(f"Since {earlier.words} the map has lost {plural(len(gone), 'piece')} of "
                f"informal learning: {names(refs, 5)}. Communities, peer sessions and learning "
                f"on the job are what people keep doing between courses; when one goes, "
                f"nothing formal takes its place by itself.{left}"),
        suggestion=("Find out why it stopped (no host, no time, no one asked) and whether "
                    "something should replace it, before the people who relied on it drift."),
        nodes=eco.refs(users),
        metrics={"lost": [{"id": r.id, "label": r.label} for r in refs],
                 "since": earlier.snapshot.name},
        subject="lost:informal",
    )]


def _replaced(eco: Ecosystem, earlier: Earlier, gone: str) -> bool:
    """Whether informal learning that is gone was replaced: a piece of informal learning new
    since then reaches every learner group the gone one reached (the lunch and learn relaunched
    as a case huddle for the same people), or, when it reached none, everyone it reached."""
    around = _neighbours_then(earlier.data, {gone}) & set(eco.nodes)
    users = {g for g in around if g in eco.learners} or around
    old = {n.id for n in earlier.data.nodes}
    return any(n.informal and n.category != PEOPLE and i not in old
               and users <= set(eco.graph[i]) for i, n in eco.nodes.items())


def _informal_now(eco: Ecosystem, group: str) -> bool:
    return any(eco.nodes[i].informal for i in eco.graph[group] if eco.nodes[i].category != PEOPLE)


def _neighbours_then(data: MapData, ids: set[str]) -> set[str]:
    around = set()
    for edge in data.edges:
        if edge.source in ids:
            around.add(edge.target)
        if edge.target in ids:
            around.add(edge.source)
    return around - ids


def _lost_helpers(eco: Ecosystem, earlier: Earlier) -> list[Finding]:
    """Learner groups that had people helping them learn (a mentor, a trainer, a coach
    connected to them) and now have none of them connected."""
    then = _helpers_of(earlier.data)
    now = _helpers_of(eco.data)
    found = []
    for group, helpers in sorted(then.items()):
        if group in eco.nodes and helpers and not now.get(group):
            found.append(_helper_finding(eco, earlier, group, helpers))
    return found


def _helpers_of(data: MapData) -> dict[str, set[str]]:
    nodes = {n.id: n for n in data.nodes}
    groups = {i for i, n in nodes.items() if is_learner_group(n)}
    helpers = {i for i, n in nodes.items() if n.category == PEOPLE and i not in groups}
    found: dict[str, set[str]] = {g: set() for g in groups}
    for edge in data.edges:
        if is_management(edge.kind):
            continue
        for group, other in ((edge.source, edge.target), (edge.target, edge.source)):
            if group in groups and other in helpers:
                found[group].add(other)
    return found


def _helper_finding(eco: Ecosystem, earlier: Earlier, group: str,
                    helpers: set[str]) -> Finding:
    label = eco.nodes[group].label
    labels = {n.id: n.label for n in earlier.data.nodes}
    refs = tuple(NodeRef(h, labels[h]) for h in sorted(helpers))
    kinds = {n.id: n.kind for n in earlier.data.nodes}
    role = lower_kind(kinds[refs[0].id]) if len(refs) == 1 and kinds[refs[0].id] else "helper"
    lost = f"their only {role}" if len(refs) == 1 else "everyone who helped them learn"
    return Finding(
        check=GROWTH,
        severity="medium",
        title=f"{label} lost {lost} since “{earlier.snapshot.name}”",
        detail=(f"At {earlier.words} {names(refs, 3)} helped {label} learn; none of them is "
                f"connected to {label} now. A learner group left with courses and no person to "
                f"ask learns slower and leaves sooner."),
        suggestion=(f"Find {label} a mentor, buddy or coach again — someone who has done the "
                    f"job — or draw the connection if it still exists."),
        nodes=eco.refs([group]),
        metrics={"lost": [{"id": r.id, "label": r.label} for r in refs],
                 "since": earlier.snapshot.name},
        subject=f"lost:helper:{group}",
    )
