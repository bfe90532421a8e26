"""Files as yEd and Gephi write them (``tests/data/network``, see its README) come in with their
labels, colours and positions, every column kept, and something for the type mapping to go on.
Our own exports, edited in yEd or Gephi, bring the edits back."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from app.errors import BadInput
from app.interchange.gexf import read_gexf, write_gexf
from app.interchange.graphml import read_graphml, write_graphml
from tests.conftest import make_map

DATA = Path(__file__).parent / "data" / "network"
YED = DATA / "yed-3.23-sales-onboarding.graphml"
GEPHI_10 = DATA / "gephi-0.10.1-sales-enablement.gexf"
GEPHI_8 = DATA / "gephi-0.8.2-modularity.gexf"


def by_label(imported) -> dict:
    return {e.label: e for e in imported.elements}


# --- yEd ---------------------------------------------------------------------------------


def test_a_yed_drawing_comes_in_with_its_labels_fill_colours_and_positions():
    reps = by_label(read_graphml(YED))["New sales reps"]
    assert (reps.x, reps.y) == (160.0, 70.0)  # yEd's box corner 100,50 of a 120×40 box
    assert reps.color == "#FFCC00"
    assert reps.type == "Learner group"  # the custom property "Type"
    assert reps.where == "yed-3.23-sales-onboarding.graphml, node “n0”"


def test_yed_descriptions_links_and_custom_properties_are_kept():
    imported = read_graphml(YED)
    pieces = by_label(imported)
    assert pieces["New sales reps"].description == "Reps in their first six months"
    assert pieces["Discovery call course"].attributes == {
        "Hours": 16, "url": "https://lms.example.com/courses/discovery"}
    assert pieces["Discovery call course"].color == "#99CCFF"  # yEd's alpha left out
    assert imported.description == "Sales onboarding, as the L&D team drew it in March"


def test_a_yed_flowchart_shape_is_read_like_any_other():
    coaching = by_label(read_graphml(YED))["Deal coaching"]
    assert (coaching.type, coaching.color, coaching.x, coaching.y) == (
        "Coaching", "#E8EEF7", -20.0, 280.0)


def test_a_yed_group_becomes_a_tag_on_the_pieces_in_it():
    imported = read_graphml(YED)
    pieces = by_label(imported)
    assert "Mentors" not in pieces
    assert pieces["Top closers"].tags == ("Mentors",)
    assert pieces["Sales managers"].tags == ("Mentors",)
    assert any("group “Mentors” is not a piece of its own" in n for n in imported.notes)


def test_yed_edge_labels_descriptions_and_arrows_are_read():
    connections = {c.id: c for c in read_graphml(YED).connections}
    assert (connections["e0"].type, connections["e0"].note) == ("uses", "Week 2 of onboarding")
    assert connections["e0"].directed is True
    assert connections["n3::e0"].directed is False  # a plain line in yEd: both ways
    assert (connections["e2"].source, connections["e2"].target) == ("n0", "n2")  # arrow back
    assert {c.strength for c in connections.values()} == {None}  # yEd has no weights


def test_our_graphml_edited_and_saved_in_yed_brings_the_edits_back(tmp_path):
    data = make_map("reps:people course:content", "reps>course",
                    at={"reps": (0.0, 0.0), "course": (300.0, 0.0)})
    path = tmp_path / "map.graphml"
    write_graphml(data, path)
    text = path.read_text(encoding="utf-8")
    # What yEd does to it: new ids for nodes and connections, one node moved and renamed.
    text = text.replace('id="reps"', 'id="n0"').replace('id="course"', 'id="n1"')
    text = text.replace('source="reps" target="course" id="e1"', 'source="n0" target="n1" id="e0"')
    text = text.replace('x="277.0" y="-23.0"', 'x="377.0" y="77.0"')
    text = text.replace(">Course</y:NodeLabel>", ">Discovery course</y:NodeLabel>")
    path.write_text(text, encoding="utf-8")
    imported = read_graphml(path)
    reps, course = imported.elements
    assert (reps.id, reps.label, reps.x, reps.y) == ("reps", "Reps", 0.0, 0.0)
    assert (course.id, course.label, course.x, course.y) == ("course", "Discovery course",
                                                             400.0, 100.0)
    assert (course.category, course.kind) == ("content", "")
    connection, = imported.connections
    assert (connection.id, connection.source, connection.target) == ("e1", "reps", "course")


def test_graphml_from_networkx_reads_its_plain_columns(tmp_path):
    graph = nx.Graph()
    graph.add_node("a", label="Coaching circle", kind="Social learning")
    graph.add_node("b", label="Team leads")
    graph.add_edge("a", "b", weight=2.0)
    nx.write_graphml(graph, tmp_path / "net.graphml")
    imported = read_graphml(tmp_path / "net.graphml")
    circle = by_label(imported)["Coaching circle"]
    assert (circle.id, circle.type, circle.x) == ("a", "Social learning", None)
    connection, = imported.connections
    assert (connection.directed, connection.attributes) == (False, {"weight": 2.0})


# --- Gephi -------------------------------------------------------------------------------


def test_a_gephi_0_10_file_comes_in_with_labels_colours_and_positions():
    imported = read_gexf(GEPHI_10)
    reps = by_label(imported)["New sales reps"]
    assert (reps.id, reps.color) == ("reps", "#E69F00")
    assert (reps.x, reps.y) == (-120.5, -80.25)  # Gephi's y points up, Ecomap's down
    assert imported.name == "Sales enablement network"
    assert imported.description == "Exported from the LMS and laid out with ForceAtlas 2"


def test_gephi_columns_are_kept_and_its_type_column_is_the_type():
    course = by_label(read_gexf(GEPHI_10))["Discovery call course"]
    assert course.type == "Course"
    assert course.attributes == {"Owner": "Sales enablement", "Modularity Class": 1,
                                 "Degree": 2, "Eigenvector Centrality": 0.6180339887498948,
                                 "Mandatory": True}


def test_gephi_weights_of_one_to_five_are_strengths_and_edge_types_directions():
    connections = read_gexf(GEPHI_10).connections
    assert [c.strength for c in connections] == [4, 2, 5, 1]
    assert [c.directed for c in connections] == [True, True, False, True]
    assert [c.type for c in connections] == ["uses", "hosted on", None, "asks about"]
    assert connections[0].attributes == {"Since": "2025", "weight": 4.0}
    assert (connections[3].source, connections[3].target) == ("reps", "discovery")  # parallel


def test_a_gephi_modularity_class_names_the_type_when_there_is_no_type_column():
    imported = read_gexf(GEPHI_8)
    assert [e.type for e in imported.elements] == [
        "Modularity Class 0", "Modularity Class 0", "Modularity Class 1"]
    assert by_label(imported)["Product wiki"].color == "#56B4E9"


def test_gephi_weights_of_any_size_are_spread_over_strengths_one_to_five():
    imported = read_gexf(GEPHI_8)
    assert [c.strength for c in imported.connections] == [3, 5, 1]  # 1.0, 8.0 and 0.5
    assert [c.directed for c in imported.connections] == [False] * 3
    assert imported.notes == ("connection weights from 0.5 to 8 were read as strengths 1 to 5, "
                              "lightest to heaviest (the weight itself is kept with each "
                              "connection)",)


@pytest.mark.parametrize("namespace", ["http://www.gexf.net/1.3", "http://www.gexf.net/1.1draft"])
def test_the_namespaces_of_other_gephi_versions_read_the_same(tmp_path, namespace):
    text = GEPHI_10.read_text(encoding="utf-8").replace("http://gexf.net/1.3", namespace)
    (tmp_path / "old.gexf").write_text(text, encoding="utf-8")
    def seen(path):
        return [replace(e, where="") for e in read_gexf(path).elements]
    assert seen(tmp_path / "old.gexf") == seen(GEPHI_10)


def test_a_colour_written_as_hex_in_gexf_1_3_is_read(tmp_path):
    text = GEPHI_10.read_text(encoding="utf-8").replace(
        '<viz:color r="230" g="159" b="0"></viz:color>', '<viz:color hex="#e69f00"/>')
    (tmp_path / "hex.gexf").write_text(text, encoding="utf-8")
    assert by_label(read_gexf(tmp_path / "hex.gexf"))["New sales reps"].color == "#E69F00"


def test_our_gexf_moved_in_gephi_brings_the_move_back(tmp_path):
    data = make_map("reps:people course:content", "reps>course",
                    at={"reps": (0.0, 0.0), "course": (300.0, 0.0)})
    path = tmp_path / "map.gexf"
    write_gexf(data, path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('x="300.0" y="0.0"', 'x="310.5" y="-40.0"'), encoding="utf-8")
    reps, course = read_gexf(path).elements
    assert [(reps.x, reps.y), (course.x, course.y)] == [(0.0, 0.0), (310.5, 40.0)]


def test_our_gexf_opens_in_gephi_drawn(tmp_path):
    data = make_map("reps:people course:content", "reps>course reps-course",
                    at={"reps": (0.0, 10.0), "course": (300.0, 0.0)})
    write_gexf(data, tmp_path / "map.gexf")
    text = (tmp_path / "map.gexf").read_text(encoding="utf-8")
    assert '<viz:color r="230" g="159" b="0" a="1.0" />' in text  # the people's orange
    assert '<viz:position x="0.0" y="-10.0" z="0.0" />' in text
    assert re.search(r'<viz:size value="23.0" />', text)
    assert 'type="undirected"' in text and "networkx_key" not in text


def test_our_graphml_opens_in_yed_drawn(tmp_path):
    data = make_map("reps:people course:content", "reps>course reps-course",
                    at={"reps": (0.0, 10.0), "course": (300.0, 0.0)})
    write_graphml(data, tmp_path / "map.graphml")
    text = (tmp_path / "map.graphml").read_text(encoding="utf-8")
    assert 'yfiles.type="nodegraphics"' in text and 'yfiles.type="edgegraphics"' in text
    assert '<y:Geometry height="46.0" width="46.0" x="-23.0" y="-13.0" />' in text
    assert '<y:Fill color="#E69F00" transparent="false" />' in text
    assert '<y:Shape type="ellipse" />' in text and '<y:Shape type="rectangle" />' in text
    assert re.search(r"<y:NodeLabel [^>]*>Reps</y:NodeLabel>", text)
    assert '<y:Arrows source="none" target="none" />' in text  # the undirected one
    assert 'directed="false"' in text


# --- not what it says it is ------------------------------------------------------------------


def test_a_file_that_is_not_graphml_is_refused_saying_what_it_holds(tmp_path):
    with pytest.raises(BadInput) as caught:
        read_graphml(GEPHI_10)
    assert str(caught.value) == f"{GEPHI_10}: is not a GraphML file (it holds “gexf”)"
    with pytest.raises(BadInput) as caught:
        read_gexf(YED)
    assert "is not a GEXF file (it holds “graphml”)" in str(caught.value)


def test_broken_xml_is_refused_with_where_it_breaks(tmp_path):
    path = tmp_path / "cut.graphml"
    path.write_bytes(YED.read_bytes()[:2000])
    with pytest.raises(BadInput) as caught:
        read_graphml(path)
    assert re.fullmatch(rf"{re.escape(str(path))}: is not a GraphML file Ecomap can read: its "
                        r"XML is broken at line \d+, column \d+", str(caught.value))


def test_a_value_that_does_not_fit_its_column_is_refused_plainly(tmp_path):
    path = tmp_path / "hours.graphml"
    path.write_text(YED.read_text(encoding="utf-8").replace(
        '<data key="d5">16</data>', '<data key="d5">sixteen</data>'), encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        read_graphml(path)
    assert "a value does not fit the type its column declares" in str(caught.value)


def test_damaged_ecomap_data_in_an_export_is_named(tmp_path):
    data = make_map("reps:people", at={"reps": (0.0, 0.0)})
    write_gexf(data, tmp_path / "map.gexf")
    text = (tmp_path / "map.gexf").read_text(encoding="utf-8")
    (tmp_path / "map.gexf").write_text(text.replace('"categories":[', '"categories":[7,'),
                                       encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        read_gexf(tmp_path / "map.gexf")
    assert str(caught.value).startswith("map.gexf, Ecomap's data.categories: should be a list")
