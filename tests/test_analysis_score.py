"""The health score: one number a facilitator can explain, deduction by deduction."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis import analyze, to_json, what_if
from app.analysis.score import MOST_PER_CHECK, POINTS
from tests.conftest import make_map
from tests.test_analysis_checks import balanced_map


def test_a_balanced_connected_map_with_informal_learning_scores_at_least_80():
    assert analyze(balanced_map()).health.score >= 80


def test_a_cane_toad_map_with_pieces_cut_off_scores_clearly_lower():
    content = " ".join(f"c{i}:content" for i in range(8))
    spokes = " ".join(f"trainer-c{i}" for i in range(7))
    data = make_map(f"trainer:people reps:people {content} lecture:process",
                    f"{spokes} trainer-reps reps-lecture")
    toad = analyze(data).health.score
    assert toad <= analyze(balanced_map()).health.score - 30


def test_every_deduction_is_listed_and_adds_up_to_the_score():
    data = make_map("hub:people a:content b:content c:process d:process lone:content",
                    "hub-a hub-b hub-c hub-d")
    health = analyze(data).health
    assert health.deductions
    assert 100 - sum(d.points for d in health.deductions) == health.score
    assert all(d.reason for d in health.deductions)


def test_points_follow_severity():
    data = make_map("reps:people course:content coaching:process",
                    "reps-course course-coaching coaching-reps")
    [deduction] = analyze(data).health.deductions  # only: no informal learning (medium)
    assert deduction.check == "informal_gap" and deduction.points == POINTS["medium"]


def test_one_check_cannot_sink_the_score_on_its_own():
    # Six learner groups, each reaching a loop of content only through its own mentor: every
    # mentor is a single point of failure.
    groups = " ".join(f"g{i}:people:Learner_group m{i}:people:Mentor" for i in range(6))
    links = " ".join(f"g{i}-m{i} m{i}-c{i % 4}" for i in range(6))
    data = make_map(f"{groups} main:people:Learner_group c0:content c1:content c2:content "
                    f"c3:content", f"{links} c0-c1 c1-c2 c2-c3 c3-c0 main-c0 main-c2")
    deductions = [d for d in analyze(data).health.deductions
                  if d.check == "single_point_of_failure"]
    assert len(deductions) == 6  # five that cost 8 each, then one line: the sixth cost nothing
    assert sum(d.points for d in deductions) == MOST_PER_CHECK
    assert deductions[-1].points == 0 and "at most" in deductions[-1].reason


def test_an_empty_map_scores_100():
    assert to_json(analyze(make_map()))["health"] == {"score": 100, "judged": False,
                                                      "deductions": []}


maps = st.builds(
    lambda cats, links: make_map(
        " ".join(f"n{i}:{c}" for i, c in enumerate(cats)),
        " ".join(f"n{a % len(cats)}{'>' if d else '-'}n{b % len(cats)}"
                 for a, b, d in links) if cats else "",
        categories="people,content,process,technology"),
    st.lists(st.sampled_from(["people", "content", "process", "technology"]), max_size=15),
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.booleans()), max_size=25),
)


@settings(max_examples=60, deadline=None)
@given(maps)
def test_the_score_stays_within_0_and_100_and_never_wobbles(data):
    first, second = analyze(data), analyze(data)
    assert 0 <= first.health.score <= 100
    assert to_json(first) == to_json(second)


def test_the_more_of_the_map_is_cut_off_the_more_it_costs():
    few = make_map("reps:people deck:content coach:process wiki:content",
                   "reps-deck deck-coach coach-reps")
    most = make_map("reps:people deck:content coach:process wiki:content", "reps-deck")
    cost = {name: sum(d.points for d in analyze(m).health.deductions
                      if d.check in ("isolated", "island", "unreached"))
            for name, m in (("few", few), ("most", most))}
    assert cost["most"] > cost["few"] > 0


def test_losing_the_hub_everything_hangs_on_never_looks_like_an_improvement():
    spokes = "reps:people:Learner_group course:content video:content coach:process chat:process"
    data = make_map(f"hub:people {spokes}",
                    "hub-reps hub-course hub-video hub-coach hub-chat")
    result = what_if(data, ["hub"])
    assert result.after.health.score < result.before.health.score - 30


def test_a_map_being_started_is_not_judged_yet():
    people = " ".join(f"p{i}:people:Learner_group" for i in range(7))
    started = analyze(make_map(people))  # seven learner groups, nothing connected yet
    assert not started.health.judged
    assert {f.severity for f in started.findings} == {"low"}  # nothing to alarm anyone
    assert "Nothing is connected yet" in {f.title for f in started.findings}
    assert to_json(started)["health"]["judged"] is False
    few = analyze(make_map("reps:people course:content", "reps-course"))
    assert not few.health.judged


def test_blocks_not_started_yet_do_not_sink_a_map_being_built():
    # A people-and-content map, connected, with Processes declared but still empty.
    nodes = " ".join(f"g{i}:people:Learner_group c{i}:content" for i in range(4))
    data = make_map(nodes, " ".join(f"g{i}-c{i} g{i}-c{(i + 1) % 4}" for i in range(4)))
    analysis = analyze(data)
    assert analysis.health.judged
    [empty] = [f for f in analysis.findings if f.check == "missing_block"]
    assert empty.severity == "low" and empty.title == "The Processes block is empty"
    assert analysis.health.score >= 80
