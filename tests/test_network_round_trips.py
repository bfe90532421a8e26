"""A map taken out to yEd (GraphML) or Gephi (GEXF) and brought back is the same map, field by
field: building blocks, kinds, informal, reach, tags, attributes with their types, strengths,
positions and direction. Real files are written and read back.

Files go through the same import plan as ``ecomap import`` and the window's import.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain import Edge, MapData, Node, categories_from_keys, check_map
from app.files import load_map
from app.interchange.gexf import read_gexf, write_gexf
from app.interchange.graphml import read_graphml, write_graphml
from app.interchange.plan import make_plan
from app.interchange.records import Imported
from tests.conftest import SAMPLES, make_map

FORMATS = {"graphml": (write_graphml, read_graphml), "gexf": (write_gexf, read_gexf)}
NODE_FIELDS = ("id", "label", "category", "kind", "informal", "reach", "x", "y", "tags",
               "description", "attributes")
EDGE_FIELDS = ("id", "source", "target", "kind", "strength", "directed", "note")


def as_map(imported: Imported) -> MapData:
    """The new map an import of the records makes."""
    plan = make_plan(imported)
    assert plan.ready, plan.problems
    return plan.new_map()


def as_records(imported: Imported) -> MapData:
    """The records read, field by field, without the plan's checks: for a map that breaks the
    map's own rules on purpose (an empty id, repeated connection ids), which the plan refuses."""
    nodes = tuple(Node(e.id, e.label, e.category, e.kind, e.informal, e.reach, e.x, e.y,
                       e.tags, e.description, dict(e.attributes)) for e in imported.elements)
    edges = tuple(Edge(c.id, c.source, c.target, c.type, c.strength, c.directed, c.note)
                  for c in imported.connections)
    return MapData(imported.name, imported.description, imported.goals, imported.categories,
                   imported.settings, nodes, edges)


def round_trip(data: MapData, fmt: str, folder: Path, read_back=as_map) -> MapData:
    write, read = FORMATS[fmt]
    path = folder / f"map.{fmt}"
    write(data, path)
    return read_back(read(path))


def differences(before: MapData, after: MapData) -> list[str]:
    """Every field that changed, with its value's type (16 is not 16.0 here)."""
    found = [f"map.{name}" for name in ("name", "description", "goals", "categories",
                                         "settings") if getattr(before, name) != getattr(after, name)]
    if len(before.nodes) != len(after.nodes) or len(before.edges) != len(after.edges):
        return [*found, "number of nodes or edges"]
    for i, (a, b) in enumerate(zip(before.nodes, after.nodes, strict=True)):
        found += [f"nodes[{i}].{name}: {_typed(getattr(a, name))} → {_typed(getattr(b, name))}"
                  for name in NODE_FIELDS if _typed(getattr(a, name)) != _typed(getattr(b, name))]
    for i, (a, b) in enumerate(zip(before.edges, after.edges, strict=True)):
        found += [f"edges[{i}].{name}: {getattr(a, name)!r} → {getattr(b, name)!r}"
                  for name in EDGE_FIELDS if getattr(a, name) != getattr(b, name)]
    return found


def _typed(value):
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return tuple(_typed(v) for v in value)
    return (type(value).__name__, value)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.json")))
def test_every_sample_map_comes_back_field_by_field(tmp_path, sample, fmt):
    data = load_map(SAMPLES / sample)
    back = round_trip(data, fmt, tmp_path)
    assert differences(data, back) == []
    assert check_map(back) == back


AWKWARD = MapData(
    "Awkward\x01 map — “quotes” & <angles>", description="Line one\r\nline two\x0b",
    goals=("Faster ramp-up",), categories=categories_from_keys(["people", "content", "made_up"]),
    settings={"pinned": ["b"], "grid": {"size": [8, 2.5, None]}},
    nodes=(
        Node("a\x01", "Reps\x07\r\nsecond line", "people", kind="Learner\x0bgroup", informal=True,
             reach=12, x=0.1, y=-0.0, tags=("has|bar", " spaced ", "plain"),
             description="cr\ronly\x00",
             attributes={"hours": 16, "label": "a field's name", "Label": 1.5, "mixed": 2027,
                         "attributes.x": True, "bad\x02name": "kept", "nothing": None}),
        Node("b", "Course", "content", attributes={"hours": 2.5, "mixed": "2027-03",
                                                   "nothing": None}),
        Node("c", "Far away", "made_up", x=9_999_999.5, y=-1e6,
             attributes={"mixed": True, "hours": 10**20}),
        Node("", "No id", "people"),
    ),
    edges=(
        Edge("e1", "a\x01", "b", kind="uses\x01", strength=4, directed=False, note="n\r"),
        Edge("e2", "a\x01", "b", kind="uses", strength=5),
        Edge("e2", "b", "a\x01", strength=1),
        Edge("0", "c", "", directed=False),
    ),
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_values_xml_cannot_hold_and_mixed_types_come_back_exactly(tmp_path, fmt):
    assert differences(AWKWARD, round_trip(AWKWARD, fmt, tmp_path, as_records)) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_node_without_a_position_is_drawn_but_comes_back_without_one(tmp_path, fmt):
    data = make_map("reps:people course:content", "reps>course", at={"reps": (10.0, 20.0)})
    back = round_trip(data, fmt, tmp_path)
    assert [(n.x, n.y) for n in back.nodes] == [(10.0, 20.0), (None, None)]
    drawn = re.findall(r"<(?:y:Geometry|viz:position) ", (tmp_path / f"map.{fmt}").read_text())
    assert len(drawn) == 2  # yEd and Gephi need somewhere to draw it


PARALLEL = make_map("reps:people coach:people course:content",
                    "reps>course reps>course course>reps reps-course coach>reps",
                    at={"reps": (0.0, 0.0), "coach": (0.0, 200.0), "course": (300.0, 0.0)})


@pytest.mark.parametrize("fmt", FORMATS)
def test_parallel_connections_get_ids_of_their_own_and_all_come_back(tmp_path, fmt):
    back = round_trip(PARALLEL, fmt, tmp_path)
    assert differences(PARALLEL, back) == []
    assert_edge_ids_unique(tmp_path / f"map.{fmt}", expected=5)


@pytest.mark.parametrize("fmt", FORMATS)
def test_connections_sharing_an_id_are_still_written_with_ids_of_their_own(tmp_path, fmt):
    shared = MapData(PARALLEL.name, categories=PARALLEL.categories, nodes=PARALLEL.nodes,
                     edges=tuple(Edge("same", e.source, e.target) for e in PARALLEL.edges))
    back = round_trip(shared, fmt, tmp_path, as_records)
    assert_edge_ids_unique(tmp_path / f"map.{fmt}", expected=5)
    assert [e.id for e in back.edges] == ["same"] * 5  # as the map had them, for the plan to judge
    plan = make_plan(FORMATS[fmt][1](tmp_path / f"map.{fmt}"))
    assert not plan.ready
    assert all("two connections cannot share an ID" in p.message for p in plan.problems)


def assert_edge_ids_unique(path: Path, expected: int) -> None:
    ids = re.findall(r'<edge [^>]*\bid="([^"]*)"', path.read_text(encoding="utf-8"))
    assert len(ids) == expected
    assert len(set(ids)) == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_whole_and_decimal_numbers_share_one_decimal_column(tmp_path, fmt):
    nodes = (Node("a", "A", "people", attributes={"hours": 16}),
             Node("b", "B", "people", attributes={"hours": 2.5}))
    data = MapData("Hours", categories=categories_from_keys(["people"]), nodes=nodes)
    back = round_trip(data, fmt, tmp_path)
    text = (tmp_path / f"map.{fmt}").read_text(encoding="utf-8")
    columns = re.findall(r'(?:attr\.name|title)="hours"[^>]*type="(\w+)"', text)
    assert columns == ["double"]
    assert [type(n.attributes["hours"]) for n in back.nodes] == [int, float]


@pytest.mark.parametrize("fmt", FORMATS)
def test_tags_travel_as_one_text_joined_with_bars(tmp_path, fmt):
    data = MapData("Tags", categories=categories_from_keys(["people"]),
                   nodes=(Node("a", "A", "people", x=0.0, y=0.0, tags=("sales", "new hire")),))
    back = round_trip(data, fmt, tmp_path)
    assert "sales|new hire" in (tmp_path / f"map.{fmt}").read_text(encoding="utf-8")
    assert back.nodes[0].tags == ("sales", "new hire")


text = st.text(max_size=12)
value = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                  st.floats(allow_nan=False, allow_infinity=False, width=32), text)


@st.composite
def maps(draw) -> MapData:
    """Small maps with any text, any attribute values and edges of every kind."""
    count = draw(st.integers(1, 4))
    ids = draw(st.lists(text, min_size=count, max_size=count, unique=True))
    names = draw(st.lists(st.text(min_size=1, max_size=6), max_size=3, unique=True))
    nodes = tuple(Node(
        i, draw(text.filter(str.strip)), draw(st.sampled_from(["people", "content"])),
        kind=draw(text), informal=draw(st.booleans()),
        reach=draw(st.none() | st.integers(0, 10**9)),
        x=draw(st.none() | st.floats(-1e6, 1e6)), y=draw(st.none() | st.floats(-1e6, 1e6)),
        tags=tuple(draw(st.lists(text.filter(str.strip), max_size=3))),
        description=draw(text), attributes={n: draw(value) for n in names}) for i in ids)
    edges = tuple(Edge(draw(text), draw(st.sampled_from(ids)), draw(st.sampled_from(ids)),
                       kind=draw(text), strength=draw(st.integers(1, 5)),
                       directed=draw(st.booleans()), note=draw(text))
                  for _ in range(draw(st.integers(0, 4))))
    return MapData(draw(text.filter(str.strip)), categories=categories_from_keys(
        ["people", "content"]), nodes=tuple(_placed_together(nodes)), edges=edges)


def _placed_together(nodes):
    """A node has both coordinates or neither, as the map's rules want."""
    for node in nodes:
        yield node if (node.x is None) == (node.y is None) else Node(
            node.id, node.label, node.category, node.kind, node.informal, node.reach, None,
            None, node.tags, node.description, node.attributes)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=maps())
def test_any_map_comes_back_exactly(tmp_path, fmt, data):
    assert differences(data, round_trip(data, fmt, tmp_path, as_records)) == []
