"""The growth check on small maps built in a line: a kind multiplying faster than the rest is
named while it is still a minority; nothing without an older snapshot, nothing on steady growth,
and losses since the last review are told."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.analysis import analyze
from app.history import snapshots
from tests.conftest import make_map

NOW = datetime.now(UTC)


def content(decks: int, others: int, extra: str = "", edges: str = "") -> str:
    pieces = [f"deck{i}:content:Deck" for i in range(decks)]
    pieces += [f"aid{i}:content:Guide" for i in range(others)]
    return ("reps:people:Learner_group mentor:people:Mentor coach:process:Coaching "
            "lms:process:Platform " + " ".join(pieces) + " " + extra)


def links(decks: int, others: int) -> str:
    return " ".join([f"reps>deck{i}" for i in range(decks)] +
                    [f"reps>aid{i}" for i in range(others)] + ["mentor-reps", "coach-reps"])


def history(then, now, weeks_ago: int = 13, **settings):
    """``now`` keeping a snapshot of ``then`` taken ``weeks_ago`` weeks ago."""
    kept = snapshots.take(then, "March review", when=NOW - timedelta(weeks=weeks_ago))
    return replace(now, snapshots=(kept,), settings={**now.settings, **settings})


def growth_of(data):
    return [f for f in analyze(data).findings if f.check == "growth"]


GROWN_AROUND = ("reps2:people:Learner_group mentor2:people:Mentor coach2:process:Coaching "
                "lms2:process:Platform reps3:people:Learner_group coach3:process:Coaching")


def grown(decks_then, decks_now, others_then=6, others_now=6, around=False, **kw):
    """Decks and guides from … to …; ``around``: the people and processes grew too."""
    then = make_map(content(decks_then, others_then), links(decks_then, others_then))
    now = make_map(content(decks_now, others_now, GROWN_AROUND if around else ""),
                   links(decks_now, others_now) +
                   (" mentor2-reps2 reps3>coach3 reps2>coach2 lms2-reps3" if around else ""))
    return history(then, now, **kw)


def test_a_kind_multiplying_faster_than_the_rest_is_named_with_its_numbers():
    (finding,) = growth_of(grown(4, 10))
    assert finding.title == "Decks are multiplying: 4 → 10 since “March review”"
    assert "while the rest of the content pieces went from 6 to 6" in finding.detail
    assert finding.metrics["share"] == 10 / 16
    assert {n.id for n in finding.nodes} == {f"deck{i}" for i in range(4, 10)}


def test_nothing_without_a_snapshot_or_with_one_too_recent():
    data = grown(4, 10)
    assert growth_of(replace(data, snapshots=())) == []
    assert growth_of(grown(4, 10, weeks_ago=3)) == []
    # A map may compare with younger snapshots: the threshold is its own.
    assert len(growth_of(grown(4, 10, weeks_ago=3, thresholds={"growth_weeks": 2}))) == 1


def test_steady_growth_of_every_kind_is_not_a_finding():
    assert growth_of(grown(4, 8, others_then=6, others_now=12, around=True)) == []


def test_a_few_new_pieces_are_not_a_trend():
    assert growth_of(grown(2, 5)) == []
    assert len(growth_of(grown(2, 5, thresholds={"growth_min_nodes": 3}))) == 1


def test_faster_than_the_rest_means_the_ratio_of_the_map():
    assert growth_of(grown(4, 10, others_then=6, others_now=10, around=True)) == []
    # (+150% against the rest's +67%: 2.25 times as fast, not 3)
    assert len(growth_of(grown(4, 10, others_then=6, others_now=10, around=True,
                               thresholds={"growth_ratio": 2.0}))) == 1


def test_a_whole_block_outgrowing_the_map_is_told_once_with_its_kind():
    (kind,) = growth_of(grown(4, 10))  # decks explain the content block's growth
    assert kind.subject == "kind:content:Deck"
    mixed = grown(4, 7, others_then=6, others_now=9)  # both kinds grew, the block outgrew all
    assert [f.subject for f in growth_of(mixed)] == ["category:content"]


def test_learning_lost_since_the_review_is_told():
    then = make_map(content(3, 3, "cop:process:Community"),
                    links(3, 3) + " reps>cop")
    then = replace(then, nodes=tuple(replace(n, informal=True) if n.id == "cop" else n
                                     for n in then.nodes))
    now = make_map(content(3, 3), " ".join(f"reps>deck{i}" for i in range(3)) +
                   " reps>aid0 coach-reps")  # the community and the mentor are gone
    found = {f.subject: f for f in growth_of(history(then, now))}
    assert set(found) == {"lost:informal", "lost:helper:reps"}
    assert found["lost:informal"].metrics["lost"] == [{"id": "cop", "label": "Cop"}]
    assert found["lost:helper:reps"].title == "Reps lost their only mentor since “March review”"


def test_a_lost_community_says_which_learners_have_no_informal_learning_left():
    then = make_map(content(3, 3, "cop:process:Community"), links(3, 3) + " reps>cop")
    then = replace(then, nodes=tuple(replace(n, informal=True) if n.id == "cop" else n
                                     for n in then.nodes))
    now = make_map(content(3, 3), links(3, 3))
    (lost,) = growth_of(history(then, now))
    assert lost.detail.endswith("“Reps”: no informal learning left on the map.")


def test_informal_learning_replaced_for_the_same_learners_is_not_a_loss():
    """The lunch and learn relaunched as a case huddle for the same people."""
    def informal(data, *ids):
        return replace(data, nodes=tuple(replace(n, informal=n.id in ids) for n in data.nodes))
    then = informal(make_map(content(3, 3, "lunch:process:Social"), links(3, 3) + " reps>lunch"),
                    "lunch")
    now = informal(make_map(content(3, 3, "huddle:process:Social"),
                            links(3, 3) + " reps>huddle"), "huddle")
    assert growth_of(history(then, now)) == []
    elsewhere = informal(make_map(content(3, 3, "huddle:process:Social"), links(3, 3)),
                         "huddle")  # a new huddle the reps are not part of: still a loss
    assert [f.subject for f in growth_of(history(then, elsewhere))] == ["lost:informal"]


def test_pieces_only_re_filed_or_re_kinded_are_not_growth():
    """A reorganisation: five pages re-filed from processes to content as decks."""
    pages = " ".join(f"page{i}:process:Page" for i in range(5))
    then = make_map(content(2, 6, pages), links(2, 6))
    now = replace(then, nodes=tuple(
        replace(n, category="content", kind="Deck") if n.id.startswith("page") else n
        for n in then.nodes))
    assert growth_of(history(then, now)) == []
    made = make_map(content(7, 6, pages), links(7, 6))  # five decks really made: growth
    assert [f.subject for f in growth_of(history(then, made))] == ["kind:content:Deck"]


def test_the_map_as_it_was_at_a_snapshot_is_judged_against_the_ones_before():
    early = make_map(content(4, 6), links(4, 6))
    middle = make_map(content(10, 6), links(10, 6))
    q1 = snapshots.take(early, "Q1", when=NOW - timedelta(weeks=26))
    q2 = snapshots.take(replace(middle, snapshots=(q1,)), "Q2",
                        when=NOW - timedelta(weeks=13))
    data = replace(middle, snapshots=(q1, q2))
    assert [f.metrics["since"] for f in growth_of(snapshots.map_at(data, q2))] == ["Q1"]
    assert growth_of(snapshots.map_at(data, q1)) == []
    assert growth_of(data) == []  # now against Q2: nothing grew since
