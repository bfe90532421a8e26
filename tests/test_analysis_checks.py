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


def kinds(data):
    """Kinds written with "_" in the builder's one-line maps, as people write them."""
    return replace(data, nodes=tuple(replace(n, kind=n.kind.replace("_", " "))
                                     for n in data.nodes))


def content_map(decks: int, others: tuple[str, ...], **settings):
    """Learners taught through many lecture decks, a few other pieces, and a trainer."""
    nodes = " ".join(f"d{i}:content:Lecture_deck" for i in range(decks))
    nodes += " " + " ".join(f"o{i}:content:{k}" for i, k in enumerate(others))
    pieces = [f"d{i}" for i in range(decks)] + [f"o{i}" for i in range(len(others))]
    edges = " ".join(f"reps>{p} tellers>{p}" for p in pieces)
    return kinds(make_map(f"reps:people:Learner_group tellers:people:Learner_group "
                          f"coach:process:Coaching {nodes}",
                          f"{edges} reps>coach coach-tellers", **settings))


def test_a_kind_that_has_taken_over_a_large_block_is_a_cane_toad():
    data = content_map(10, ("Job_aid", "Video"))
    [toad] = findings(analyze(data), "cane_toad")
    assert toad.title == "Lecture decks have crowded out the rest of the content pieces (10 of 12)"
    assert "10 of the 12 content pieces are lecture decks (83%)" in toad.detail
    assert "Stop adding lecture decks" in toad.suggestion
    assert toad.severity == "high"  # 83% of its block, and most of the map
    assert named(toad) == {f"d{i}" for i in range(10)}


def test_the_swollen_block_is_part_of_the_kinds_story_not_a_second_finding():
    [toad] = findings(analyze(content_map(10, ("Job_aid", "Video"))), "cane_toad")
    assert "content pieces are 80% of the whole map" in toad.detail
    assert toad.subject == "kind:content:Lecture deck"


def test_small_numbers_are_not_an_invasion():
    # 4 of 8, and 3 of 5: a choice, not a plague.
    def kind_toads(data):
        return [f for f in findings(analyze(data), "cane_toad") if f.metrics.get("kind")]

    assert kind_toads(content_map(4, ("Job_aid", "Video", "Podcast", "Course"))) == []
    assert kind_toads(content_map(3, ("Job_aid", "Video"))) == []


def test_a_map_can_set_its_own_kind_share():
    data = content_map(4, ("Job_aid", "Video", "Podcast", "Course"),
                       thresholds={"kind_share": 0.5})
    assert [f.metrics["kind"] for f in findings(analyze(data), "cane_toad")] == ["Lecture deck"]


def test_learner_groups_are_never_a_cane_toad():
    groups = " ".join(f"g{i}:people:Learner_group" for i in range(8))
    data = kinds(make_map(f"{groups} mentor:people:Mentor course:content:Course "
                          f"coach:process:Coaching",
                          " ".join(f"g{i}>course g{i}>coach" for i in range(8))
                          + " mentor-coach"))
    assert findings(analyze(data), "cane_toad") == []


def test_informal_learning_multiplying_crowds_nothing_out():
    data = kinds(make_map(" ".join(f"p{i}:process:On-the-job" for i in range(7))
                          + " class:process:In-class_training reps:people:Learner_group",
                          " ".join(f"reps-p{i}" for i in range(7)) + " reps-class"))
    data = informal(data, *(f"p{i}" for i in range(7)))
    assert findings(analyze(data), "cane_toad") == []


def test_the_tools_that_deliver_a_cane_toad_are_in_its_story_not_hubs_of_their_own():
    decks = " ".join(f"d{i}:content:E-learning_module" for i in range(10))
    data = kinds(make_map(
        f"ops:people:Learner_group fitters:people:Learner_group lms:technology:LMS "
        f"authoring:technology:Authoring_tool aid:content:Job_aid talks:process:Toolbox_talk "
        f"{decks}",
        "ops>lms fitters>lms ops>aid fitters>talks "
        + " ".join(f"lms-d{i} authoring-d{i}" for i in range(10))))
    analysis = analyze(data)
    [toad] = findings(analysis, "cane_toad")
    assert {"lms", "authoring"} <= named(toad)
    assert "They reach people through “Authoring” and “Lms”" in toad.detail
    assert not findings(analysis, "overdominant") + findings(analysis, "single_point_of_failure")


def test_a_block_swollen_with_many_kinds_is_a_cane_toad_of_its_own():
    content = " ".join(f"c{i}:content:K{i % 5}" for i in range(8))
    data = kinds(make_map(f"reps:people:Learner_group mentor:people:Mentor "
                          f"coach:process:Coaching {content}",
                          " ".join(f"reps>c{i}" for i in range(8)) + " reps>coach mentor-coach"))
    [toad] = findings(analyze(data), "cane_toad")
    assert toad.title == "The Content block has swollen to 73% of the map"
    assert toad.severity == "high"


def test_the_people_block_being_most_of_the_map_is_not_a_cane_toad():
    people = " ".join(f"g{i}:people:Learner_group" for i in range(8))
    data = kinds(make_map(f"{people} course:content:Course coach:process:Coaching",
                          " ".join(f"g{i}>course g{i}>coach" for i in range(8))))
    assert findings(analyze(data), "cane_toad") == []


def test_a_small_map_is_too_small_for_a_block_cane_toad():
    assert "cane_toad" not in checks_of(analyze(make_map("reps:people")))
    data = make_map("a:content b:content c:content reps:people", "reps-a reps-b reps-c")
    assert "cane_toad" not in checks_of(analyze(data))


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


def test_content_nobody_takes_part_in_is_unreached():
    data = kinds(make_map("reps:people:Learner_group author:people:SME course:content "
                          "toolkit:content lms:technology wiki:content",
                          "reps>course author>toolkit author>course author-lms lms>wiki"))
    data = replace(data, edges=tuple(replace(e, kind="uses" if e.source == "reps" else
                                             "authors" if e.source == "author" else "holds")
                                     for e in data.edges))
    [unused] = findings(analyze(data), "unreached")
    assert named(unused) == {"toolkit", "lms", "wiki"}
    assert unused.title == "Nobody is drawn as using 3 pieces"
    assert "at most the people who make them" in unused.detail


def test_what_a_trainer_delivers_in_sessions_learners_attend_is_in_use():
    data = kinds(make_map("reps:people:Learner_group trainer:people:Instructor "
                          "day:process:In-class_training deck:content:Lecture_deck",
                          "reps>day trainer>day trainer>deck"))
    data = replace(data, edges=tuple(replace(e, kind="delivers" if e.source == "trainer"
                                             else "uses") for e in data.edges))
    assert "unreached" not in checks_of(analyze(data))


def test_a_manager_using_a_programme_is_someone_using_it():
    data = kinds(make_map("reps:people:Learner_group boss:people:Manager "
                          "course:content programme:process", "reps>course boss>programme"))
    data = replace(data, edges=tuple(replace(e, kind="uses") for e in data.edges))
    assert "unreached" not in checks_of(analyze(data))


def test_direction_does_not_matter_for_reaching_people():
    data = make_map("reps:people course:content", "course>reps")
    assert "unreached" not in checks_of(analyze(data))


def test_a_learner_group_only_line_managed_has_nothing_to_learn_from():
    data = kinds(make_map("reps:people:Learner_group boss:people:Manager course:content "
                          "others:people:Learner_group", "boss-reps boss>course others>course"))
    data = replace(data, edges=tuple(
        replace(e, kind="line-managed by" if e.target == "reps" else "uses")
        for e in data.edges))
    [finding] = [f for f in findings(analyze(data), "unreached") if f.severity == "high"]
    assert named(finding) == {"reps"}
    assert finding.title == "“Reps” has nothing to learn from"
    assert "Being line-managed is not learning" in finding.detail


# --- overdominant and single_point_of_failure: what learners would lose -----------------


def test_a_tool_that_is_the_only_way_to_most_content_is_a_hub():
    content = " ".join(f"c{i}:content" for i in range(6))
    data = kinds(make_map(f"reps:people:Learner_group assoc:people:Learner_group "
                          f"portal:technology:Portal academy:process {content}",
                          "reps>portal assoc>portal reps>academy assoc>academy "
                          + " ".join(f"portal-c{i}" for i in range(6))))
    analysis = analyze(data)
    [hub] = findings(analysis, "overdominant")
    assert named(hub) >= {"portal", "c0", "c5"}
    assert hub.title == ("Everything flows through “Portal”: without it, 6 pieces of learning "
                         "would be cut off from every learner")
    assert hub.severity == "high"  # 6 of 7 pieces of learning
    assert "a named owner with a plan for when it is down" in hub.suggestion


def test_learner_groups_are_never_a_hub_or_a_single_point_of_failure():
    content = " ".join(f"c{i}:content" for i in range(6))
    data = kinds(make_map(f"reps:people:Learner_group {content}",
                          " ".join(f"reps-c{i}" for i in range(6))))
    analysis = analyze(data)
    assert not findings(analysis, "overdominant") + findings(analysis,
                                                             "single_point_of_failure")


def test_a_busy_hub_with_other_routes_around_it_is_not_a_weakness():
    content = " ".join(f"c{i}:content" for i in range(6))
    data = kinds(make_map(f"reps:people:Learner_group lms:technology:LMS {content}",
                          " ".join(f"lms-c{i} reps-c{i}" for i in range(6)) + " reps>lms"))
    analysis = analyze(data)
    assert not findings(analysis, "overdominant") + findings(analysis,
                                                             "single_point_of_failure")


def hanging_on(middle: str):
    """Ten pieces of content on a loop; "Reps" (40 people) reach them only through ``middle``;
    "Others" reach them two ways."""
    loop = " ".join(f"n{i}-n{i + 1}" for i in range(9)) + " n9-n0"
    nodes = " ".join(f"n{i}:content" for i in range(10))
    data = kinds(make_map(f"{nodes} {middle} reps:people:Learner_group "
                          f"others:people:Learner_group",
                          f"{loop} n0-{middle.split(':')[0]} {middle.split(':')[0]}-reps "
                          f"others-n3 others-n6"))
    return replace(data, nodes=tuple(replace(n, reach=40 if n.id == "reps" else n.reach)
                                     for n in data.nodes))


def test_a_person_who_is_a_groups_only_link_to_learning_is_a_single_point_of_failure():
    [split] = findings(analyze(hanging_on("coach:people:Mentor")), "single_point_of_failure")
    assert named(split) == {"coach", "reps"}
    assert split.title == ("If “Coach” went away, “Reps” (40 people) would have nothing left "
                           "to learn from")
    assert split.severity == "high"  # every learner whose headcount the map gives
    assert "someone else can do what “Coach” does" in split.suggestion


def test_a_session_everything_hangs_on_is_a_softer_finding_than_a_person():
    # A session can be rerun by someone else; a person cannot be replaced as quickly.
    [split] = findings(analyze(hanging_on("induction:process")), "single_point_of_failure")
    assert split.severity == "medium"
    assert "a buddy, a job aid, a follow-up session" in split.suggestion


def test_parallel_connections_count_once_for_structure():
    # Two connections between the same pair do not make a second route.
    data = kinds(make_map("reps:people:Learner_group hub:technology a:content b:content "
                          "c:process", "reps-hub hub-a a-hub hub>b hub-c"))
    assert named(findings(analyze(data), "overdominant")[0]) >= {"hub"}


# --- key_person ---------------------------------------------------------------------------


def sme_map(author: str = "grace:people:SME", pieces: int = 4, tags=(), headcount=None):
    """Nurses reach every piece directly; one person authors ``pieces`` of them alone, and a
    team of educators shares the rest."""
    own = " ".join(f"k{i}:content:Guide" for i in range(pieces))
    data = kinds(make_map(
        f"nurses:people:Learner_group doctors:people:Learner_group "
        f"porters:people:Learner_group {author} "
        f"educators:people:Instructor induction:process:In-class_training "
        f"sim:process:Simulation {own}",
        " ".join(f"nurses>k{i}" for i in range(pieces))
        + " " + " ".join(f"grace-k{i}" for i in range(pieces))
        + " nurses>induction doctors>induction porters>induction porters>sim doctors>sim "
          "educators-induction educators-sim"))
    edges = tuple(replace(e, kind="authors" if e.source == "grace" else
                          "delivers" if e.source == "educators" else "uses")
                  for e in data.edges)
    nodes = tuple(replace(n, tags=tuple(tags) if n.id == "grace" else n.tags,
                          attributes={"headcount": headcount} if n.id == "grace" and headcount
                          else n.attributes) for n in data.nodes)
    return replace(data, nodes=nodes, edges=edges)


def test_the_only_person_behind_several_pieces_is_a_key_person():
    analysis = analyze(sme_map())
    [key] = findings(analysis, "key_person")
    assert key.title == "Only “Grace” stands behind 4 pieces of learning"
    assert named(key) == {"grace", "k0", "k1", "k2", "k3"}
    assert "nobody else could run them, update them or answer questions" in key.detail
    assert "co-deliver the next run or shadow them" in key.suggestion
    assert key.severity == "medium"  # one learner group of three relies on her
    # Nurses still reach her guides directly, so nothing would be cut off: no other finding.
    assert not findings(analysis, "single_point_of_failure") + findings(analysis,
                                                                        "overdominant")


def test_three_pieces_are_a_job_not_yet_a_key_person():
    assert findings(analyze(sme_map(pieces=3)), "key_person") == []


def test_a_person_the_map_tags_as_key_is_found_with_fewer_pieces():
    [key] = findings(analyze(sme_map(pieces=2, tags=("key person",))), "key_person")
    assert key.metrics["tagged"] is True


@pytest.mark.parametrize("author, headcount", [
    ("grace:people:SME", 8), ("educators_team:people:SME", None),
    ("resuscitation_officers:people:Instructor", None)])
def test_a_team_has_cover_and_is_never_a_key_person(author, headcount):
    data = sme_map(author=author, headcount=headcount)
    if author.startswith("grace") is False:
        data = replace(data, edges=tuple(replace(e, source=author.split(":")[0])
                                         if e.source == "grace" else e for e in data.edges))
    assert findings(analyze(data), "key_person") == []


def test_a_key_person_whose_loss_cuts_learners_off_is_one_story():
    data = sme_map()
    data = replace(data, edges=tuple(e for e in data.edges if e.source != "nurses"
                                     or e.target == "induction"))
    data = replace(data, edges=data.edges + tuple(
        replace(e, id=f"x{i}", source="grace", target="nurses", kind="mentors")
        for i, e in enumerate(data.edges[:1])))
    analysis = analyze(data)
    [key] = findings(analysis, "key_person")
    assert "And without them, 4 pieces of learning would be cut off from every learner" \
        in key.detail
    assert key.severity == "high"
    assert not findings(analysis, "single_point_of_failure") + findings(analysis,
                                                                        "overdominant")


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
    data = kinds(make_map(f"reps:people:Learner_group hub:technology {spokes}",
                          "reps-hub " + " ".join(f"hub-s{i}" for i in range(20))))
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
    data = informal(make_map(f"reps:people {content} chat:process",
                             " ".join(f"reps-c{i}" for i in range(10)) + " reps-chat"), "chat")
    [gap] = findings(analyze(data), "informal_gap")
    assert gap.severity == "low" and named(gap) == {"chat"}  # 1 of 11 is 9%


def test_one_in_ten_informal_is_enough():
    content = " ".join(f"c{i}:content" for i in range(9))
    data = informal(make_map(f"reps:people {content} chat:process",
                             " ".join(f"reps-c{i}" for i in range(9)) + " reps-chat"), "chat")
    assert "informal_gap" not in checks_of(analyze(data))


def test_informal_learning_nobody_is_connected_to_does_not_count():
    data = informal(make_map("reps:people course:content chat:process", "reps-course"), "chat")
    [gap] = findings(analyze(data), "informal_gap")
    assert gap.title == "Informal learning is missing from the map"


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
    def kind_toads(analysis):
        return [f.metrics["kind"] for f in findings(analysis, "cane_toad") if "kind" in f.metrics]

    data = content_map(10, ("Job_aid", "Video"), thresholds={"kind_share": 0.9})
    assert kind_toads(analyze(data)) == []
    assert kind_toads(analyze(data, {"kind_share": 0.6})) == ["Lecture deck"]


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
