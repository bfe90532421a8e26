"""The eight checks, told as what an L&D lead sees when they analyse a small map."""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis import analyze
from app.analysis.flow import betweenness
from app.analysis.splits import CutPoints
from app.domain import Edge
from app.errors import BadInput
from app.graph import undirected
from tests.conftest import make_map

# A small, balanced, well-connected map: three learner groups, three pieces of content and
# three processes (one informal), every piece on a loop so nothing hangs on one node.
BALANCED_NODES = ("reps:people:Learner\u00a0group managers:people:Manager mentors:people:Mentor "
                  "course:content:Course video:content:Video job_aid:content:Job\u00a0aid "
                  "coaching:process:Coaching peers:process:Social\u00a0learning "
                  "shadowing:process:On-the-job")
BALANCED_EDGES = ("reps>course course-coaching coaching>managers managers-video video>reps "
                  "reps-peers peers>mentors mentors-job_aid job_aid>shadowing shadowing-reps "
                  "managers-mentors coaching-peers")


def informal(data, *ids):
    """The same map with these nodes marked as informal learning."""
    return replace(data, nodes=tuple(replace(n, informal=n.id in ids) for n in data.nodes))


def balanced_map(**settings):
    data = make_map(BALANCED_NODES.replace("\u00a0", "_"), BALANCED_EDGES, **settings)
    nodes = tuple(replace(n, kind=n.kind.replace("_", " ")) for n in data.nodes)
    return informal(replace(data, nodes=nodes), "peers", "shadowing")


def checks_of(analysis):
    return {f.check for f in analysis.findings}


def findings(analysis, check):
    return [f for f in analysis.findings if f.check == check]


def named(finding):
    return {n.id for n in finding.nodes}


def test_a_balanced_well_connected_map_gets_no_findings():
    assert analyze(balanced_map()).findings == ()


# --- cane_toad ----------------------------------------------------------------------------


def test_a_category_holding_most_of_the_map_is_a_cane_toad():
    data = make_map("a:content b:content c:content d:content e:content f:people g:process",
                    "f>a f>b f>c f>d f>e f>g")
    [finding] = [f for f in findings(analyze(data), "cane_toad") if "block" in f.title]
    assert finding.severity == "high"
    assert finding.metrics["category"] == "content"
    assert "Content" in finding.title
    assert "5 of the map's 7 pieces" in finding.detail and "71%" in finding.detail
    assert named(finding) == {"a", "b", "c", "d", "e"}


def test_exactly_half_the_map_is_already_a_cane_toad():
    data = make_map("a:people b:people c:content d:process", "a-c b-c a-d b-d")
    [finding] = findings(analyze(data), "cane_toad")
    assert finding.metrics["category"] == "people" and finding.metrics["share"] == 0.5


def test_just_under_half_is_not():
    data = make_map("a:people b:people c:content d:process e:content", "a-c b-c a-d b-d b-e a-e")
    assert "cane_toad" not in checks_of(analyze(data))


def test_a_map_can_set_its_own_cane_toad_share():
    data = make_map("a:people b:people f:people c:content d:process e:content g:process",
                    "a-c b-c a-d b-d b-e a-e f-g g-c", thresholds={"dominance_share": 0.4})
    assert findings(analyze(data), "cane_toad")[0].metrics["category"] == "people"


def test_one_kind_crowding_out_the_rest_of_its_category():
    data = make_map("p:people a:process:In-class_training b:process:In-class_training "
                    "c:process:In-class_training d:process:Coaching k:content",
                    "p-a p-b p-c p-d p-k a-k")
    data = replace(data, nodes=tuple(replace(n, kind=n.kind.replace("_", " "))
                                     for n in data.nodes))
    [finding] = [f for f in findings(analyze(data), "cane_toad") if "kind" in f.metrics]
    assert finding.title == "In-class training has crowded out the other processes"
    assert "3 of 4 processes (75%)" in finding.detail
    assert "microlearning" in finding.suggestion.lower()
    assert named(finding) == {"a", "b", "c"}


def test_a_kind_in_a_category_of_three_is_too_small_to_judge():
    data = make_map("p:people a:process:Coaching b:process:Coaching c:process:Mentoring "
                    "k:content m:content", "p-a p-b p-c p-k p-m")
    assert not [f for f in findings(analyze(data), "cane_toad") if "kind" in f.metrics]


def test_one_node_carrying_most_of_the_strength_to_the_people():
    data = make_map("reps:people lms:technology a:content b:content c:process",
                    "reps>lms reps>a reps>b reps>c")
    edges = tuple(replace(e, strength=5 if e.target == "lms" else 1) for e in data.edges)
    data = replace(data, edges=edges)
    [finding] = [f for f in findings(analyze(data), "cane_toad") if "route" in f.subject]
    assert named(finding) == {"lms"}
    assert "5 of the 8 points" in finding.detail


def test_a_one_node_map_is_too_small_for_a_cane_toad():
    assert "cane_toad" not in checks_of(analyze(make_map("reps:people")))


# --- isolated -----------------------------------------------------------------------------


def test_a_node_with_no_connections_is_isolated():
    data = make_map("reps:people course:content old:content", "reps>course")
    [finding] = findings(analyze(data), "isolated")
    assert named(finding) == {"old"}
    assert finding.title == "“Old” is not connected to anything"


def test_a_node_connected_only_to_itself_is_still_isolated():
    data = make_map("reps:people course:content loop:process", "reps>course loop>loop")
    assert named(findings(analyze(data), "isolated")[0]) == {"loop"}


def test_several_lone_nodes_are_one_finding():
    data = make_map("reps:people a:content b:content c:process", "reps>c")
    [finding] = findings(analyze(data), "isolated")
    assert finding.title == "2 pieces are not connected to anything"


def test_a_one_node_map_has_nothing_to_be_isolated_from():
    assert "isolated" not in checks_of(analyze(make_map("reps:people")))


# --- island -------------------------------------------------------------------------------


def test_a_group_cut_off_from_the_main_ecosystem_is_an_island():
    data = make_map("reps:people a:content b:process c:content agency:people checklist:content",
                    "reps-a a-b b-c reps-c agency>checklist")
    [finding] = findings(analyze(data), "island")
    assert named(finding) == {"agency", "checklist"}
    assert "“Agency”" in finding.detail  # learners in the island are named


def test_a_single_lone_node_is_isolated_not_an_island():
    data = make_map("reps:people a:content lone:process", "reps-a")
    assert "island" not in checks_of(analyze(data))


# --- unreached ----------------------------------------------------------------------------


def test_content_nobody_is_connected_to_is_unreached():
    data = make_map("reps:people course:content lms:technology wiki:content",
                    "reps>course lms>wiki")
    [unused] = findings(analyze(data), "unreached")
    assert named(unused) == {"lms", "wiki"}
    assert unused.title == "2 pieces are not connected to any people"
    assert unused.severity == "high"  # half the map is unused


def test_one_lone_piece_is_a_medium_finding_and_a_large_part_alone_a_high_one():
    data = make_map("reps:people a:content b:content c:process d:process lms:technology",
                    "reps-a reps-b reps-c reps-d a-b")
    assert findings(analyze(data), "isolated")[0].severity == "medium"
    data = make_map("reps:people a:content b:content c:process d:process lms:technology",
                    "reps-a reps-b reps-c")
    assert findings(analyze(data), "isolated")[0].severity == "high"  # 2 of 6 alone


def test_direction_does_not_matter_for_reaching_people():
    data = make_map("reps:people course:content", "course>reps")
    assert "unreached" not in checks_of(analyze(data))


def test_learners_with_nothing_to_learn_from():
    data = make_map("reps:people:Learner_group boss:people course:content",
                    "boss-reps course>course")
    data = replace(data, nodes=tuple(replace(n, kind=n.kind.replace("_", " "))
                                     for n in data.nodes))
    [finding] = [f for f in findings(analyze(data), "unreached") if f.severity == "high"]
    assert named(finding) == {"reps"}
    assert finding.title == "“Reps” has nothing to learn from"


# --- overdominant and single_point_of_failure -------------------------------------------


def test_a_star_hub_is_overdominant_and_a_single_point_of_failure():
    data = make_map("hub:people a:content b:content c:process d:process e:content",
                    "hub-a hub-b hub-c hub-d hub-e")
    analysis = analyze(data)
    [hub] = findings(analysis, "overdominant")
    [split] = findings(analysis, "single_point_of_failure")
    assert named(hub) == named(split) == {"hub"}
    assert hub.title == "Everything flows through “Hub”"
    assert "betweenness" not in (hub.title + hub.detail + hub.suggestion).lower()
    assert split.title == "If “Hub” went away, the ecosystem would fall apart into 5 separate parts"
    assert "no part left would have more than 1 piece" in split.detail


def test_a_node_holding_one_branch_cuts_that_branch_off():
    # Losing "join" cuts the two-piece branch off a loop of four: the loop stays whole.
    data = make_map("a:people b:content c:process d:people join:content x:process y:people",
                    "a-b b-c c-d d-a d-join join-x x-y", thresholds={"split_share": 0.2})
    [split] = [f for f in findings(analyze(data), "single_point_of_failure")
               if named(f) == {"join"}]
    assert split.title == "If “Join” went away, 2 pieces would be cut off"
    assert "only link between 2 pieces" in split.detail


def test_a_loop_has_no_hub_and_nothing_to_split():
    data = make_map("a:people b:content c:process d:people e:content f:process",
                    "a-b b-c c-d d-e e-f f-a")
    assert checks_of(analyze(data)) & {"overdominant", "single_point_of_failure"} == set()


def test_a_node_that_cuts_off_a_learner_group_is_a_single_point_of_failure():
    # Ten pieces on a loop, and one learner group hanging on the coach: 1 of 12 (8%) is
    # below the 10% rule, but cutting off learners always counts.
    loop = " ".join(f"n{i}-n{i + 1}" for i in range(9)) + " n9-n0"
    nodes = " ".join(f"n{i}:content" for i in range(10))
    data = make_map(f"{nodes} coach:process reps:people", f"{loop} n0-coach coach-reps",
                    thresholds={"split_share": 0.5})
    [split] = [f for f in findings(analyze(data), "single_point_of_failure")
               if named(f) == {"coach"}]
    assert split.metrics["learners_cut_off"] == ["reps"]
    assert "“Reps”" in split.detail


def test_parallel_connections_count_once_for_structure():
    # Two connections between the same pair do not make a second route.
    data = make_map("hub:people a:content b:content c:process", "hub-a a-hub hub>b hub-c")
    assert named(findings(analyze(data), "single_point_of_failure")[0]) == {"hub"}


def test_flow_matches_networkx_on_small_maps():
    data = make_map("a:people b:content c:process d:people e:content f:process",
                    "a-b b-c c-a c-d d-e e-f b-e")
    graph = undirected(data)
    index = {n: i for i, n in enumerate(graph.nodes)}
    flow = betweenness(list(graph.nodes), [(index[a], index[b]) for a, b in graph.edges])
    expected = nx.betweenness_centrality(graph)
    assert flow.scores == pytest.approx(expected)


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 25), st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24)),
                                    max_size=60))
def test_flow_always_matches_networkx(size, pairs):
    graph = nx.Graph()
    graph.add_nodes_from(range(size))
    graph.add_edges_from((a, b) for a, b in pairs if a < size and b < size and a != b)
    flow = betweenness(list(graph.nodes), list(graph.edges))
    assert flow.scores == pytest.approx(nx.betweenness_centrality(graph), abs=1e-9)


def test_a_large_map_is_measured_from_a_sample_and_says_so(monkeypatch):
    monkeypatch.setattr("app.analysis.flow.EXACT_LIMIT", 10)
    monkeypatch.setattr("app.analysis.flow.MIN_SAMPLE", 5)
    monkeypatch.setattr("app.analysis.flow.MAX_SAMPLE", 5)
    spokes = " ".join(f"s{i}:content" for i in range(20))
    data = make_map(f"hub:people {spokes}", " ".join(f"hub-s{i}" for i in range(20)))
    analysis = analyze(data)
    assert analysis.estimated and "sample of 5 pieces" in analysis.notes[0]
    [hub] = findings(analysis, "overdominant")
    assert "estimated from a sample of 5 pieces" in hub.detail


# --- missing_block and informal_gap -------------------------------------------------------


def test_a_declared_block_with_nothing_in_it_is_missing():
    data = make_map("a:people b:people c:content d:content e:content", "a-c b-d a-e",
                    categories="people,content,process,technology")
    missing = findings(analyze(data), "missing_block")
    assert {f.metrics["category"] for f in missing} == {"process", "technology"}
    assert "The Technology block is empty" in {f.title for f in missing}


def test_a_map_of_four_is_too_young_for_missing_blocks():
    data = make_map("a:people b:people c:content d:content", "a-c b-d")
    assert "missing_block" not in checks_of(analyze(data))


def test_a_map_without_informal_learning():
    data = make_map("reps:people course:content coaching:process", "reps-course reps-coaching")
    [gap] = findings(analyze(data), "informal_gap")
    assert gap.severity == "medium" and gap.title == "Informal learning is missing from the map"


def test_too_little_informal_learning():
    content = " ".join(f"c{i}:content" for i in range(10))
    data = informal(make_map(f"reps:people {content} chat:process"), "chat")
    [gap] = findings(analyze(data), "informal_gap")
    assert gap.severity == "low" and named(gap) == {"chat"}  # 1 of 11 is 9%


def test_one_in_ten_informal_is_enough():
    content = " ".join(f"c{i}:content" for i in range(9))
    data = informal(make_map(f"reps:people {content} chat:process"), "chat")
    assert "informal_gap" not in checks_of(analyze(data))


# --- the whole analysis -------------------------------------------------------------------


def test_an_empty_map_has_nothing_to_report():
    analysis = analyze(make_map())
    assert analysis.findings == () and analysis.health.score == 100
    assert analysis.node_count == analysis.edge_count == 0


def test_a_disconnected_map_reports_each_part():
    data = make_map("reps:people a:content b:process c:content x:content y:process z:people",
                    "reps-a a-b b-c c-reps x-y")
    analysis = analyze(data)
    assert named(findings(analysis, "isolated")[0]) == {"z"}
    assert named(findings(analysis, "island")[0]) == {"x", "y"}


def test_findings_come_most_severe_first_and_never_wobble():
    data = make_map("hub:people a:content b:content c:content d:content lone:process",
                    "hub-a hub-b hub-c hub-d")
    first, second = analyze(data), analyze(data)
    assert first == second
    ranks = ["high", "medium", "low"]
    severities = [ranks.index(f.severity) for f in first.findings]
    assert severities == sorted(severities)


def test_no_user_text_speaks_like_a_programmer():
    data = make_map("hub:people a:content b:content c:process d:process lone:content",
                    "hub-a hub-b hub-c hub-d")
    for finding in analyze(data).findings:
        text = f"{finding.title} {finding.detail} {finding.suggestion}".lower()
        for jargon in ("betweenness", "articulation", "degree", "component", "node"):
            assert jargon not in text, (finding.check, jargon)


def test_directed_and_undirected_connections_join_the_map_alike():
    one_way = make_map("a:people b:content c:process", "a>b b>c")
    both = make_map("a:people b:content c:process", "a-b b-c")
    assert [f.check for f in analyze(one_way).findings] == [
        f.check for f in analyze(both).findings]


# --- thresholds ---------------------------------------------------------------------------


def test_an_unknown_threshold_is_a_clear_error():
    with pytest.raises(BadInput) as caught:
        analyze(make_map("a:people", thresholds={"dominance_shares": 0.5}))
    assert caught.value.where == "settings.thresholds.dominance_shares"
    assert "is not a threshold Ecomap knows" in caught.value.message
    assert "dominance_share" in caught.value.message


@pytest.mark.parametrize("value", [1.5, 0, "half", True, None, float("inf"), float("nan")])
def test_a_share_must_be_a_fraction(value):
    with pytest.raises(BadInput, match="dominance_share"):
        analyze(make_map("a:people"), {"dominance_share": value})


@pytest.mark.parametrize("value", [2.5, -1, float("inf")])
def test_a_count_must_be_a_whole_number(value):
    with pytest.raises(BadInput, match="missing_block_min_nodes"):
        analyze(make_map("a:people"), {"missing_block_min_nodes": value})


def test_thresholds_must_be_an_object():
    with pytest.raises(BadInput) as caught:
        analyze(make_map("a:people", thresholds=[0.5]))
    assert caught.value.where == "settings.thresholds"


def test_the_argument_overrides_the_maps_own_thresholds():
    data = make_map("a:people b:people c:content d:process", "a-c b-c a-d b-d",
                    thresholds={"dominance_share": 0.9})
    assert "cane_toad" not in checks_of(analyze(data))
    assert "cane_toad" in checks_of(analyze(data, {"dominance_share": 0.5}))


def test_edges_drawn_as_records_are_read_the_same_as_the_builder():
    data = make_map("a:people b:content")
    data = replace(data, edges=(Edge("e1", "a", "b", strength=5, directed=False),))
    assert analyze(data).findings == analyze(make_map("a:people b:content", "a-b")).findings


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 16), st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15)),
                                    max_size=30), st.sets(st.integers(0, 15), max_size=5),
       st.lists(st.integers(0, 500), min_size=16, max_size=16))
def test_what_a_loss_would_leave_matches_removing_it(size, pairs, learner_numbers, reach):
    graph = nx.Graph()
    graph.add_nodes_from(f"n{i:02}" for i in range(size))
    graph.add_edges_from((f"n{a:02}", f"n{b:02}") for a, b in pairs
                         if a < size and b < size and a != b)
    part = frozenset(max(nx.connected_components(graph), key=len))
    learners = {f"n{i:02}": 1 for i in learner_numbers if f"n{i:02}" in part}
    headcount = {f"n{i:02}": reach[i] for i in range(size)}
    cuts = CutPoints(graph, part, (learners, headcount))
    found = {s.node: s for s in cuts.splits()}
    assert set(found) == set(nx.articulation_points(graph.subgraph(part)))
    for node, split in found.items():
        rest = [frozenset(c) for c in nx.connected_components(graph.subgraph(part - {node}))]
        expected = sorted((len(c), sum(learners.get(n, 0) for n in c),
                           sum(headcount[n] for n in c)) for c in rest)
        assert sorted((p.size, *p.sums) for p in split.pieces) == expected
        assert split.kept.size == max(len(c) for c in rest)
        for piece in split.pieces:
            named = cuts.members(split, piece, 0, limit=100)
            owner = next(c for c in rest if len(c) == piece.size and set(named) <= c
                         and sum(learners.get(n, 0) for n in c) == piece.sums[0])
            assert set(named) == {n for n in owner if n in learners}


def test_two_equal_blocks_are_not_each_crowding_out_the_other():
    data = make_map("a:people b:people c:people d:content e:content f:content",
                    "a-d b-e c-f a-b d-e", categories="people,content")
    assert [f for f in analyze(data).findings if f.check == "cane_toad"] == []


def test_two_equal_kinds_in_a_block_are_not_a_cane_toad():
    data = make_map("g1:people:Learner g2:people:Learner m1:people:Mentor m2:people:Mentor "
                    "c:content", "g1-m1 g2-m2 m1-c m2-c g1-c", categories="people,content")
    assert not [f for f in analyze(data).findings
                if f.check == "cane_toad" and "kind" in f.metrics]
