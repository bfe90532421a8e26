"""The JSON interchange format: what a user's file becomes, and how bad files are refused."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import DEFAULT_CATEGORIES, Edge, MapData, Node
from app.errors import BadInput, NewerVersion
from app.interchange import dumps, loads, read_json, write_json


def doc(**overrides) -> dict:
    base = {
        "format": "ecomap", "version": 1, "name": "Acme sales enablement",
        "categories": [{"key": "people"}, {"key": "content"}, {"key": "process"}],
        "nodes": [
            {"id": "reps", "label": "New sales reps", "category": "people", "reach": 120},
            {"id": "micro", "label": "Product microlearning", "category": "content"},
        ],
        "edges": [{"id": "e1", "source": "reps", "target": "micro", "strength": 4}],
    }
    base.update(overrides)
    return base


def refused(document, *, raw: str | None = None) -> str:
    with pytest.raises(BadInput) as caught:
        loads(raw if raw is not None else json.dumps(document))
    return str(caught.value)


def test_a_small_map_reads_with_defaults_filled_in():
    data = loads(json.dumps(doc()))
    assert data.name == "Acme sales enablement"
    assert [c.name for c in data.categories] == ["People", "Content", "Processes"]
    reps = data.nodes[0]
    assert (reps.reach, reps.informal, reps.kind, reps.x) == (120, False, "", None)
    assert data.edges[0].strength == 4 and data.edges[0].directed is True


def test_a_map_without_categories_gets_the_six_building_blocks():
    data = loads(json.dumps(doc(categories=None)))
    assert data.categories == DEFAULT_CATEGORIES


def test_edges_without_ids_get_ids_no_other_edge_uses():
    edges = [{"source": "reps", "target": "micro"}, {"id": "e1", "source": "micro",
                                                    "target": "reps"}]
    data = loads(json.dumps(doc(edges=edges)))
    assert sorted(e.id for e in data.edges) == ["e1", "e2"]


def test_unknown_node_fields_are_kept_in_attributes():
    nodes = [{"id": "reps", "label": "Reps", "category": "people", "cost_centre": "S-100"}]
    data = loads(json.dumps(doc(nodes=nodes, edges=[])))
    assert data.nodes[0].attributes == {"cost_centre": "S-100"}


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["nodes"][1].update(category="procces"),
     'nodes[1].category: "procces" is not a category of this map'),
    (lambda d: d["nodes"].append({"id": "reps", "label": "Again", "category": "people"}),
     'nodes[2].id: the id "reps" is used by an earlier node'),
    (lambda d: d["edges"].append({"source": "reps", "target": "ghost"}),
     'edges[1].target: "ghost" is not a node of this map'),
    (lambda d: d["nodes"][0].pop("label"), "nodes[0].label: is missing"),
    (lambda d: d["nodes"][0].update(label=""), "nodes[0].label: must not be empty"),
    (lambda d: d["nodes"][0].update(label="x" * 201), "nodes[0].label: is 201 characters"),
    (lambda d: d["edges"][0].update(strength=6), "edges[0].strength: should be a whole number"),
    (lambda d: d["nodes"][0].update(reach=-3), "nodes[0].reach: should be a whole number"),
    (lambda d: d["nodes"][0].update(informal="yes"), "nodes[0].informal: should be true or false"),
    (lambda d: d["categories"][0].update(color="orange"), 'categories[0].color: "orange"'),
    (lambda d: d["categories"][0].update(name="B" * 61), "categories[0].name: is 61 characters"),
    (lambda d: d.pop("name"), "name: is missing"),
    (lambda d: d.update(format="drawio"), "this is not an Ecomap map file"),
    (lambda d: d.update(nodes={"reps": {}}), "nodes: should be a list"),
])
def test_a_bad_file_is_refused_naming_the_first_problem_and_where(change, expected):
    document = doc()
    change(document)
    assert expected in refused(document)


def test_broken_json_names_the_line():
    message = refused(None, raw='{"format": "ecomap",\n "version": 1,,}')
    assert "not valid JSON" in message and "line 2" in message


def test_a_map_from_a_newer_ecomap_is_refused_as_such():
    with pytest.raises(NewerVersion, match="made by a newer Ecomap"):
        loads(json.dumps(doc(version=2)))


def test_reading_a_missing_file_says_so(tmp_path):
    with pytest.raises(BadInput.__base__, match="no JSON map called"):
        read_json(tmp_path / "nope.json")


def full_map() -> MapData:
    return MapData(
        name="Harbour Health compliance", description="Where compliance is learned",
        goals=("100% attestation by March",), categories=DEFAULT_CATEGORIES,
        settings={"thresholds": {"dominance_share": 0.6}, "future_option": [1, 2]},
        nodes=(
            Node("nurses", "Ward nurses", "people", "Learner group", False, 340, 10.5, -20.0,
                 ("clinical", "shift"), "All ward staff", {"owner": "Nursing", "sites": 3}),
            Node("huddle", "Safety huddle", "process", "Social learning", True, None, 200.0,
                 0.0),
        ),
        edges=(Edge("e7", "nurses", "huddle", "uses", 5, False, "daily, 10 minutes"),),
    )


def test_round_trip_through_a_file_keeps_every_field(tmp_path):
    original = full_map()
    write_json(original, tmp_path / "map.json")
    again = read_json(tmp_path / "map.json")
    assert again == original


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda t: t.strip())


@settings(max_examples=40, deadline=None)
@given(labels=st.lists(texts, min_size=1, max_size=8),
       strengths=st.lists(st.integers(1, 5), min_size=1, max_size=8),
       informal=st.booleans())
def test_any_valid_map_survives_writing_and_reading(labels, strengths, informal):
    nodes = tuple(Node(f"n{i}", label, "content", informal=informal, x=float(i))
                  for i, label in enumerate(labels))
    edges = tuple(Edge(f"e{i}", "n0", f"n{i % len(nodes)}", strength=s)
                  for i, s in enumerate(strengths))
    data = MapData("Any map", categories=DEFAULT_CATEGORIES, nodes=nodes, edges=edges)
    assert loads(dumps(data)) == data


@pytest.mark.parametrize("field, value, where", [
    ("description", "x" * 10_001, "description"),
    ("categories", [{"key": f"k{i}"} for i in range(41)], "categories"),
    ("goals", ["g"] * 201, "goals"),
])
def test_a_map_cannot_carry_more_than_any_map_needs(field, value, where):
    with pytest.raises(BadInput) as refused:
        loads(json.dumps(doc(**{field: value})))
    assert refused.value.where == where and "the most is" in refused.value.message
