"""The plan an import shows before anything changes, and how it is carried out: a new map
checked like every map, or a merge that is one undoable step on the open map."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.document import MapDocument
from app.domain import Node
from app.errors import AlreadyExists, BadInput
from app.files import create_map, load_map
from app.interchange.plan import FieldChange, make_plan
from app.interchange.preview import preview_lines
from app.interchange.progress import Stopped
from app.interchange.records import Connection, Element, Imported
from app.interchange.sources import read_source
from app.interchange.type_mapping import guess, parse_choice
from app.ops import AddNodes
from app.storage import MapStore
from tests.conftest import make_map

DATA = Path(__file__).resolve().parent / "data" / "import"


def rows(*elements: str, connections: str = "", typed: bool = True) -> Imported:
    """Rows as a spreadsheet would give them: "Label:Type" or "ID=Label:Type"; connections
    "From>To" (or "ID=From>To")."""
    found = []
    for i, text in enumerate(elements, 2):
        element_id, _, rest = text.rpartition("=")
        label, _, type_text = rest.partition(":")
        found.append(Element(f"f.csv, row {i}", label, id=element_id or None,
                             type=type_text or None))
    links = []
    for i, text in enumerate(connections.split(), 2):
        conn_id, _, ends = text.rpartition("=")
        source, target = ends.split(">")
        links.append(Connection(f"c.csv, row {i}", source.replace("_", " "),
                                target.replace("_", " "), id=conn_id or None))
    return Imported("f.csv", tuple(found), tuple(links), name="From a file", typed=typed)


def in_id_order(data):
    return replace(data, nodes=tuple(sorted(data.nodes, key=lambda n: n.id)),
                   edges=tuple(sorted(data.edges, key=lambda e: e.id)))


# --- types to building blocks --------------------------------------------------------------------


@pytest.mark.parametrize(("type_text", "block", "kind"), [
    ("Course", "content", "Course"),
    ("e-learning module", "content", "e-learning module"),
    ("Coaching video", "content", "Coaching video"),
    ("Video coaching", "process", "Video coaching"),
    ("Mentors", "people", "Mentors"),
    ("sme", "people", "SME"),
    ("Line manager", "people", "Line manager"),
    ("Learners", "people", "Learners"),
    ("On-the-job", "process", "On-the-job"),
    ("Community of practice", "process", "Community of practice"),
    ("Workshop", "process", "Workshop"),
    ("lms", "technology", "LMS"),
    ("Learning platform", "technology", "Learning platform"),
    ("Authoring tool", "technology", "Authoring tool"),
    ("Engagement survey", "data", "Engagement survey"),
    ("KPIs", "data", "KPIs"),
    ("Travel policy", "governance", "Travel policy"),
    ("Training budget", "governance", "Training budget"),
    ("Steering group", "governance", "Steering group"),
])
def test_a_type_goes_to_the_block_its_words_say(type_text, block, kind):
    assert guess(type_text)[:2] == (block, kind)


def test_an_unknown_type_goes_to_content_and_the_preview_says_to_check_it():
    plan = make_plan(rows("Quokka:Marsupial", "Deck:Course"))
    quokka = next(t for t in plan.types if t.type == "Marsupial")
    assert (quokka.block, quokka.kind, quokka.how) == ("content", "Marsupial", "not recognised")
    assert [n.label for n in plan.nodes_to_add] == ["Quokka", "Deck"]
    assert any("Marsupial" in line and "not recognised" in line for line in preview_lines(plan))


def test_the_person_importing_chooses_where_a_type_goes():
    chosen = dict([parse_choice("Marsupial=People/Mascot"), parse_choice("course=process")])
    plan = make_plan(rows("Quokka:Marsupial", "Deck:Course"), types=chosen)
    assert [(n.category, n.kind) for n in plan.nodes_to_add] == [("people", "Mascot"),
                                                                 ("process", "Course")]


def test_a_mistyped_block_is_refused_with_the_nearest():
    with pytest.raises(BadInput, match='"procces" is not a building block — did you mean '
                                       'Processes'):
        parse_choice("Course=procces/Course")


# --- a new map ---------------------------------------------------------------------------------


def test_a_catalogue_becomes_a_new_map_with_the_blocks_its_types_need():
    plan = make_plan(read_source(DATA / "catalogue.xlsx"))
    data = plan.new_map()
    assert [c.key for c in data.categories] == ["people", "content", "process", "technology",
                                                "data", "governance"]
    onboarding = next(n for n in data.nodes if n.label == "Sales onboarding")
    assert (onboarding.id, onboarding.category, onboarding.kind) == (
        "sales-onboarding", "content", "E-learning course")
    assert onboarding.attributes == {"Owner": "L&D", "Hours": 12}
    assert len(data.edges) == 9 and plan.ready
    mutual = next(e for e in data.edges if e.source == "deal-desk-mentoring")
    assert (mutual.kind, mutual.directed, mutual.strength) == ("supports", False, 3)


def test_kumu_positions_are_kept_in_the_new_map(tmp_path):
    plan = make_plan(read_source(DATA / "kumu_export.json"))
    made = MapStore.read(create_map(tmp_path / "kumu.ecomap", plan.new_map()))
    reps = next(n for n in made.nodes if n.id == "elem-8LwX2qT1")
    assert (reps.x, reps.y, reps.category, reps.kind) == (-240.5, 80.0, "people",
                                                          "Learner group")
    assert made.name == "Sales learning ecosystem"


def test_repeated_rows_the_last_wins_and_the_plan_says_so():
    plan = make_plan(rows("Deck:Course", "DECK:course", "Deck:Video"))
    assert [n.label for n in plan.nodes_to_add] == ["DECK", "Deck"]  # Course, then Video
    assert plan.repeated == ("f.csv, row 3 repeats row 2 (“DECK”): the later row is used",)


def test_a_connection_to_an_element_nowhere_is_named_by_row_and_column():
    plan = make_plan(rows("Reps:Learner group", connections="Reps>LMS_2"))
    assert [str(p) for p in plan.problems] == [
        "c.csv, row 2, column To: “LMS 2” is not an element of this file"]
    assert not plan.ready and plan.edges_to_add == ()


def test_an_existing_file_is_never_replaced_and_nothing_is_left_beside_it(tmp_path):
    target = tmp_path / "taken.ecomap"
    target.write_bytes(b"someone else's")
    plan = make_plan(read_source(DATA / "catalogue.xlsx"))
    with pytest.raises(AlreadyExists):
        create_map(target, plan.new_map())
    assert target.read_bytes() == b"someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.ecomap"]


def test_stopping_while_reading_or_planning_changes_nothing():
    def stop(stage, done, total):
        raise Stopped()

    big = rows(*(f"Course {i}:Course" for i in range(1200)))
    with pytest.raises(Stopped, match="nothing was changed"):
        make_plan(big, progress=stop)


# --- merging into the open map -----------------------------------------------------------------


@pytest.fixture
def doc(map_path):
    data = make_map("reps:people:Learner_group deck:content:Course coach:process:Coaching",
                    "reps>deck coach-reps")
    nodes = tuple(replace(n, kind=n.kind.replace("_", " ")) for n in data.nodes)
    MapStore.create(map_path, replace(data, nodes=nodes))
    document = MapDocument.open(map_path)
    yield document
    document.close()


def test_a_merge_plan_lists_what_changes_old_to_new(doc):
    imported = Imported("f.csv", (
        Element("f.csv, row 2", "Deck", type="Course", description="The sales deck"),
        Element("f.csv, row 3", "REPS", type="Learner group"),  # as it is: unchanged
        Element("f.csv, row 4", "LMS", type="LMS"),
    ), typed=True)
    plan = make_plan(imported, into=doc.snapshot())
    [update] = plan.node_updates
    assert (update.id, update.changes) == ("deck", (FieldChange("description", "",
                                                                "The sales deck"),))
    assert plan.unchanged == 1
    assert [(n.label, n.category) for n in plan.nodes_to_add] == [("LMS", "technology")]
    assert [c.key for c in plan.categories] == ["technology"]  # the block is added too
    lines = preview_lines(plan)
    assert "Deck (f.csv, row 2): description (empty) → “The sales deck”" in "\n".join(lines)
    assert "Building blocks added to the map: Technology." in lines


def test_a_label_the_map_has_twice_is_ambiguous_and_left_out(doc):
    doc.apply(AddNodes((Node("deck2", "Deck", "content", "Course"),)))
    plan = make_plan(rows("Deck:Course"), into=doc.snapshot())
    [problem] = plan.ambiguous
    assert str(problem) == ("f.csv, row 2, column Label: “Deck” matches 2 pieces of the map "
                            "(IDs “deck”, “deck2”); give the row an ID to say which it is")
    assert plan.nodes_to_add == () and plan.node_updates == ()


def test_an_id_matches_whatever_the_label_now_says(doc):
    plan = make_plan(rows("deck=Sales deck 2026:Course"), into=doc.snapshot())
    assert [u.values() for u in plan.node_updates] == [{"label": "Sales deck 2026"}]


def test_connections_update_only_when_they_have_an_id(doc):
    imported = Imported("c.csv", connections=(
        Connection("c.csv, row 2", "reps", "deck", id="e1", strength=5, type="uses"),
        Connection("c.csv, row 3", "Coach", "Deck"),  # no ID: a new connection
    ))
    plan = make_plan(imported, into=doc.snapshot())
    [update] = plan.edge_updates
    assert update.values() == {"kind": "uses", "strength": 5}
    assert [(e.source, e.target) for e in plan.edges_to_add] == [("coach", "deck")]
    assert plan.edges_to_add[0].id == "e3"  # e1 and e2 are the map's


def test_a_merge_is_one_step_and_undo_gives_the_map_back_exactly(doc):
    before = in_id_order(doc.snapshot())
    imported = Imported("f.csv", (
        Element("f.csv, row 2", "Deck", type="Course", tags=("sales",), reach=40),
        Element("f.csv, row 3", "Workday", type="LMS"),
    ), (Connection("c.csv, row 2", "Deck", "Workday", type="hosted on"),
        Connection("c.csv, row 3", "Reps", "Coach")), typed=True)
    plan = make_plan(imported, into=doc.snapshot())
    undo = doc.apply(plan.operation())
    after = MapStore.read(doc.path)
    deck = next(n for n in after.nodes if n.id == "deck")
    assert (deck.tags, deck.reach) == (("sales",), 40)
    assert {n.label for n in after.nodes} == {"Reps", "Deck", "Coach", "Workday"}
    assert next(n for n in after.nodes if n.label == "Workday").has_position
    assert len(after.edges) == 4 and "technology" in {c.key for c in after.categories}
    doc.apply(undo)
    assert in_id_order(doc.snapshot()) == before
    assert in_id_order(MapStore.read(doc.path)) == before


def test_a_merge_that_fails_part_way_leaves_the_map_as_it_was(doc):
    plan = make_plan(rows("Workday:LMS", "Deck:Course"), into=doc.snapshot())
    doc.apply(AddNodes((Node("workday", "Someone else's Workday", "content"),)))
    before = in_id_order(MapStore.read(doc.path))
    with pytest.raises(BadInput, match="already used"):
        doc.apply(plan.operation())  # the new node's id was taken meanwhile
    assert in_id_order(MapStore.read(doc.path)) == before
    assert in_id_order(doc.snapshot()) == before


def test_gephi_edges_merge_into_the_map_made_from_its_nodes(tmp_path):
    nodes = make_plan(read_source(DATA / "gephi-nodes.csv"),
                      types=dict([parse_choice("(no type)=people")]))
    path = create_map(tmp_path / "gephi.ecomap", nodes.new_map())
    document = MapDocument.open(path)
    try:
        edges = make_plan(read_source(DATA / "gephi-edges.csv"), into=document.snapshot())
        assert edges.ready and len(edges.edges_to_add) == 4
        document.apply(edges.operation())
        assert {(e.source, e.target, e.strength) for e in document.snapshot().edges} == {
            ("1", "2", 2), ("3", "1", 5), ("5", "1", 1), ("4", "5", 3)}
    finally:
        document.close()


def test_new_pieces_are_placed_beside_their_neighbours_and_clear_of_every_piece(tmp_path):
    spread = {f"p{i}": (i * 220.0, 0.0) for i in range(30)}
    data = make_map(" ".join(f"p{i}:people" for i in range(30)), at=spread)
    path = create_map(tmp_path / "m.ecomap", data)
    document = MapDocument.open(path)
    try:
        plan = make_plan(rows("Deck:Course", "Video:Video", connections="Deck>p3 Video>Deck"),
                         into=document.snapshot())
        document.apply(plan.operation())
        placed = {n.label: (n.x, n.y) for n in document.snapshot().nodes}
    finally:
        document.close()
    assert len(set(placed.values())) == len(placed)  # no piece on top of another
    deck_x, deck_y = placed["Deck"]
    assert abs(deck_x - 3 * 220) <= 3 * 220 and abs(deck_y) <= 3 * 220  # near P3


def test_an_ecomap_map_merged_into_itself_changes_nothing(tmp_path):
    from tests.conftest import SAMPLES

    source = SAMPLES / "sales_enablement.json"
    path = create_map(tmp_path / "s.ecomap", load_map(source))
    plan = make_plan(read_source(source), into=MapStore.read(path))
    assert plan.ready and plan.changes_nothing and plan.unchanged == 40


def test_progress_is_told_rows_read_and_matched(tmp_path):
    seen = []
    imported = rows(*(f"Course {i}:Course" for i in range(1200)))
    make_plan(imported, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert ("Matching rows", 1000, 1200) in seen


def test_a_new_map_from_a_plan_goes_among_the_untitled_maps():
    from app.files import is_untitled
    from app.importing import new_map_from

    made = new_map_from(make_plan(read_source(DATA / "kumu_blueprint.json")))
    assert is_untitled(made) and made.name == "kumu_blueprint.ecomap"
    assert len(MapStore.read(made).nodes) == 4


def test_the_same_tags_in_another_order_are_not_an_update(doc):
    doc.apply(AddNodes((Node("wiki", "Wiki", "content", "Wiki", tags=("sales", "onboarding")),)))
    same = Imported("f.csv", (Element("f.csv, row 2", "Wiki", id="wiki",
                                      tags=("onboarding", "sales")),))
    plan = make_plan(same, into=doc.snapshot())
    assert plan.node_updates == () and plan.unchanged == 1
    more = Imported("f.csv", (Element("f.csv, row 2", "Wiki", id="wiki",
                                      tags=("onboarding", "sales", "new")),))
    [update] = make_plan(more, into=doc.snapshot()).node_updates
    assert update.values() == {"tags": ("onboarding", "sales", "new")}


def test_an_updated_description_of_a_line_is_shown_whole_and_a_long_one_cut(doc):
    line = "Reps in their first six months on the job"  # 41 characters
    long = "Two weeks online, then a day in class with a manager, then shadowing calls."
    imported = Imported("f.csv", (Element("f.csv, row 2", "Deck", id="deck", description=line),
                                  Element("f.csv, row 3", "Coach", id="coach", description=long)))
    text = "\n".join(preview_lines(make_plan(imported, into=doc.snapshot())))
    assert f"description (empty) → “{line}”" in text
    assert "“Two weeks online, then a day in class with a manager, then s… (75 characters)”" in text


def test_a_type_in_other_capitals_matches_and_does_not_change_the_kind(doc):
    doc.apply(AddNodes((Node("desk", "Pricing desk", "content", "Deal Desk"),)))
    imported = Imported("f.csv", (Element("f.csv, row 2", "pricing desk", type="deal desk",
                                          description="Where prices are agreed"),), typed=True)
    [update] = make_plan(imported, into=doc.snapshot()).node_updates
    assert update.values() == {"description": "Where prices are agreed"}


def test_rows_without_a_type_are_not_called_unrecognised():
    plan = make_plan(rows("Reps", "Deck", typed=False))
    [line] = [x for x in preview_lines(plan) if "(no type)" in x]
    assert line.endswith("→ Content, no kind (rows without a Type: put in Content; check it)")
