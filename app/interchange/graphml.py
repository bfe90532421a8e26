"""GraphML: a map written for yEd (its node drawing beside plain columns any network tool reads),
and GraphML files from yEd, networkx, Gephi or Ecomap read into records.

networkx writes and reads the plain columns. yEd's drawing (``y:ShapeNode``: geometry, fill,
label, shape) is added to networkx's XML when writing, and read from the parsed file when
reading, before networkx is given the rest: it would otherwise mix yEd's corner positions into
the columns, refuse a file whose connections are partly undirected, and merge parallel ones.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, register_namespace

import networkx as nx

from app import safe_files
from app.domain import MapData
from app.errors import BadInput
from app.interchange.graph_data import (
    NODE_SIZE,
    EdgeRow,
    NodeRow,
    imported,
    prepare,
)
from app.interchange.own_data import OwnData, own_data
from app.interchange.records import Imported
from app.interchange.safe_xml import (
    local_name,
    namespace,
    not_too_deep,
    read_xml,
    serialised,
    xml_bytes,
    xml_text,
)

NS = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
OWN_KEY = "ecomap"  # the graph's column holding the map's own data
# yEd has no pentagon: its trapezoid is the nearest shape not already taken.
YED_SHAPES = {"circle": "ellipse", "square": "rectangle", "triangle": "triangle",
              "hexagon": "hexagon", "diamond": "diamond", "octagon": "octagon",
              "pentagon": "trapezoid", "star": "star5"}
EDGE_COLOUR = "#979EA8"  # the window's connection grey
_COLOUR = re.compile(r"#([0-9A-Fa-f]{6})(?:[0-9A-Fa-f]{2})?")

register_namespace("y", NS_Y)


def _g(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _y(tag: str) -> str:
    return f"{{{NS_Y}}}{tag}"


# --- writing -------------------------------------------------------------------------------


def write_graphml(data: MapData, path: str | os.PathLike) -> None:
    """Write ``data`` as GraphML that yEd opens drawn; the file appears whole or not at all."""
    safe_files.write_bytes(path, graphml_bytes(data))


def graphml_bytes(data: MapData) -> bytes:
    written = prepare(data)
    graph = nx.MultiDiGraph(id="G", name=xml_text(data.name), **{OWN_KEY: written.document})
    for xml_id, columns, node in written.nodes:
        place = {"x": float(node.x), "y": float(node.y)} if node.has_position else {}
        graph.add_node(xml_id, id=xml_id, **columns, **place)
    for xml_id, source, target, columns, _edge in written.edges:
        graph.add_edge(source, target, key=xml_id, id=xml_id, **columns)
    root = nx.readwrite.graphml.GraphMLWriter(graph, prettyprint=False).xml
    node_key, edge_key = _add_yed_keys(root)
    nodes, edges = _elements_by_id(root, "node"), _elements_by_id(root, "edge")
    colours = {c.key: (c.color, c.shape) for c in data.categories}
    for xml_id, _columns, node in written.nodes:
        colour, shape = colours.get(node.category, ("#FFFFFF", "circle"))
        data_element = SubElement(nodes[xml_id], "data", key=node_key)
        data_element.append(_shape_node(written.drawn[xml_id], colour, shape, node.label))
    graph_element = root.find("graph")
    _tidy(root, graph_element)
    graph_element[:] = [child for child in graph_element if child.tag != "edge"] + [
        edges[xml_id] for xml_id, *_rest in written.edges]  # the map's order, not networkx's
    for xml_id, _source, _target, _columns, edge in written.edges:
        element = edges[xml_id]
        if not edge.directed:
            element.set("directed", "false")
        SubElement(element, "data", key=edge_key).append(_poly_line_edge(edge))
    return xml_bytes(root)


def _add_yed_keys(root: Element) -> tuple[str, str]:
    """Declare yEd's node and edge drawing keys after networkx's plain ones, all in order."""
    keys = root.findall("key")
    node_key, edge_key = f"d{len(keys)}", f"d{len(keys) + 1}"  # networkx numbers from d0
    keys += [Element("key", {"for": "node", "id": node_key, "yfiles.type": "nodegraphics"}),
             Element("key", {"for": "edge", "id": edge_key, "yfiles.type": "edgegraphics"})]
    for key in root.findall("key"):
        root.remove(key)
    for at, key in enumerate(sorted(keys, key=lambda k: int(k.get("id")[1:]))):
        root.insert(at, key)
    return node_key, edge_key


def _tidy(root: Element, graph: Element) -> None:
    """The map's own data at the head of the graph, as yEd puts a graph's data, and true and
    false written as GraphML writes them (networkx writes Python's True and False)."""
    for at, data in enumerate(graph.findall("data")):
        graph.remove(data)
        graph.insert(at, data)
    flags = {key.get("id") for key in root.findall("key") if key.get("attr.type") == "boolean"}
    for data in root.iter("data"):
        if data.get("key") in flags and data.text:
            data.text = data.text.lower()


def _elements_by_id(root: Element, tag: str) -> dict[str, Element]:
    return {element.get("id"): element for element in root.find("graph").findall(tag)}


def _shape_node(centre: tuple[float, float], colour: str, shape: str, label: str) -> Element:
    half = NODE_SIZE / 2
    node = Element(_y("ShapeNode"))
    SubElement(node, _y("Geometry"), height=str(NODE_SIZE), width=str(NODE_SIZE),
               x=str(centre[0] - half), y=str(centre[1] - half))
    SubElement(node, _y("Fill"), color=colour, transparent="false")
    SubElement(node, _y("BorderStyle"), color="#000000", raised="false", type="line",
               width="1.0")
    SubElement(node, _y("NodeLabel"), alignment="center", autoSizePolicy="content",
               fontFamily="Dialog", fontSize="12", fontStyle="plain", modelName="sandwich",
               modelPosition="s", textColor="#000000", visible="true").text = xml_text(label)
    SubElement(node, _y("Shape"), type=YED_SHAPES.get(shape, "ellipse"))
    return node


def _poly_line_edge(edge) -> Element:
    line = Element(_y("PolyLineEdge"))
    SubElement(line, _y("Path"), sx="0.0", sy="0.0", tx="0.0", ty="0.0")
    SubElement(line, _y("LineStyle"), color=EDGE_COLOUR, type="line",
               width=str(0.5 + edge.strength / 2))
    SubElement(line, _y("Arrows"), source="none",
               target="standard" if edge.directed else "none")
    SubElement(line, _y("BendStyle"), smoothed="false")
    return line


# --- reading -------------------------------------------------------------------------------


def read_graphml(path: str | os.PathLike) -> Imported:
    """The elements and connections of a GraphML file: labels, fill colours and positions from
    yEd's drawing, every other column kept. A file Ecomap wrote comes back with its building
    blocks, kinds and map settings. ``BadInput`` if the file is not GraphML or not safe."""
    root = read_xml(path, "GraphML")
    if local_name(root.tag) != "graphml":
        raise BadInput(f"is not a GraphML file (it holds “{local_name(root.tag)}”)", str(path))
    with not_too_deep(str(path)):
        return _read(root, Path(path))


def _read(root: Element, path: Path) -> Imported:
    _into_graphml_namespace(root)
    graph = root.find(_g("graph"))
    if graph is None:
        raise BadInput("is a GraphML file with no graph in it", str(path))
    reading = _Reading(path.name, root)
    reading.flatten(graph)
    network = reading.network(str(path))
    document = network.graph.get(OWN_KEY)
    own = own_data(document, f"{path.name}, Ecomap's data") if isinstance(document, str) \
        else None
    return reading.records(network, own)


def _into_graphml_namespace(root: Element) -> None:
    """Some writers leave out GraphML's namespace; networkx needs it."""
    if namespace(root.tag):
        return
    for element in root.iter():
        if not namespace(element.tag):
            element.tag = _g(element.tag)


class _Reading:
    """One GraphML file on its way to records: yEd's drawing taken out, nested graphs (yEd's
    groups) flattened, then the plain columns read by networkx."""

    def __init__(self, source: str, root: Element):
        self.source, self.root = source, root
        self.drawing_keys = {key.get("id"): key.get("yfiles.type")
                             for key in root.findall(_g("key")) if key.get("yfiles.type")}
        self.nodes: list[NodeRow] = []
        self.edges: list[tuple[EdgeRow, str]] = []  # each with the key networkx files it under
        self.notes: list[str] = []
        self.groups: dict[str, str] = {}  # the yEd groups, by XML id: their names

    def flatten(self, graph: Element) -> None:
        directed = graph.get("edgedefault") == "directed"
        nodes, edges = [], []
        self._visit(graph, (), directed, nodes, edges)
        graph[:] = [child for child in graph
                    if child.tag not in (_g("node"), _g("edge"), _g("hyperedge"))] + nodes + edges
        graph.set("edgedefault", "directed")  # each connection's own direction is read here

    def _visit(self, graph, groups, directed, nodes, edges) -> None:
        for child in list(graph):
            if child.tag == _g("node"):
                nodes.append(child)
                row = self._node(child, groups)
                inner = child.find(_g("graph"))
                if inner is not None:
                    child.remove(inner)
                    child.attrib.pop("yfiles.foldertype", None)
                    self.groups[row.xml_id] = row.label or row.xml_id
                    self._visit(inner, (*groups, self.groups[row.xml_id]), directed, nodes,
                                edges)
            elif child.tag == _g("edge"):
                edges.append(child)
                self.edges.append(self._edge(child, directed))
            elif child.tag == _g("hyperedge"):
                self.notes.append("a connection joining more than two pieces (a hyperedge) "
                                  "was left out")

    def _node(self, element: Element, groups: tuple[str, ...]) -> NodeRow:
        if not element.get("id"):  # GraphML requires one; name it by its place instead
            element.set("id", f"node {len(self.nodes) + 1}")
        xml_id = element.get("id")
        row = NodeRow(f"{self.source}, node “{xml_id}”", xml_id, {}, groups=groups)
        drawing = self._take_drawing(element, "nodegraphics")
        if drawing is not None:
            row.label = _first_text(drawing, "NodeLabel")
            row.color = _fill(drawing)
            row.drawn = _centre(next(drawing.iter(_y("Geometry")), None))
        self.nodes.append(row)
        return row

    def _edge(self, element: Element, directed: bool) -> tuple[EdgeRow, str]:
        number = len(self.edges) + 1
        xml_id = element.get("id")
        source, target = element.get("source") or "", element.get("target") or ""
        where = (f"{self.source}, edge “{xml_id}”" if xml_id else
                 f"{self.source}, edge {number} (from “{source}” to “{target}”)")
        said = element.attrib.pop("directed", None)
        row = EdgeRow(where, xml_id, source, target, {},
                      directed=directed if said is None else said.lower() == "true")
        drawing = self._take_drawing(element, "edgegraphics")
        if drawing is not None:
            row.label = _first_text(drawing, "EdgeLabel")
            if said is None:
                _follow_arrows(row, next(drawing.iter(_y("Arrows")), None))
        key = f"edge {number}"  # each connection its own, so parallel ones never merge
        element.set("id", key)
        return row, key

    def _take_drawing(self, element: Element, kind: str) -> Element | None:
        found = None
        for data in element.findall(_g("data")):
            if data.get("key") in self.drawing_keys:
                element.remove(data)
                if self.drawing_keys[data.get("key")] == kind and found is None:
                    found = data
        return found

    def network(self, where: str) -> nx.MultiDiGraph:
        """networkx's reading of the plain columns that are left."""
        for parent in self.root.iter():
            for child in list(parent):
                drawing = child.tag == _g("data") and child.get("key") in self.drawing_keys
                if drawing or (child.tag == _g("key") and child.get("yfiles.type")):
                    parent.remove(child)
                elif child.tag == _g("default") and not (child.text or "").strip():
                    parent.remove(child)  # networkx cannot read an empty default
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # ports: yEd's, not ours to read
                return nx.parse_graphml(serialised(self.root), edge_key_type=str,
                                        force_multigraph=True)
        except nx.NetworkXError as exc:
            raise BadInput(f"is not a GraphML file Ecomap can read ({exc})", where) from None
        except (ValueError, TypeError, KeyError):
            raise BadInput("is not a GraphML file Ecomap can read: a value does not fit the "
                           "type its column declares", where) from None

    def records(self, network: nx.MultiDiGraph, own: OwnData | None) -> Imported:
        defaults = network.graph.get("node_default", {})
        for row in self.nodes:
            row.columns = {**defaults, **network.nodes[row.xml_id]}
        edge_defaults = network.graph.get("edge_default", {})
        by_key = {key: data for _u, _v, key, data in network.edges(keys=True, data=True)}
        for row, key in self.edges:
            row.columns = {**edge_defaults, **by_key[key]}
            weight = row.columns.get("weight") if own is None else None
            if isinstance(weight, int | float) and not isinstance(weight, bool):
                row.weight = row.columns.pop("weight")
        name = network.graph.get("name")
        about = network.graph.get("Description", network.graph.get("description"))
        return imported(self.source, self._pieces(), [row for row, _key in self.edges], own,
                        name=name if isinstance(name, str) else None, notes=self.notes,
                        description=about if isinstance(about, str) else "")

    def _pieces(self) -> list[NodeRow]:
        """The nodes that are pieces of the map. A yEd group is a box drawn around some: it
        becomes a tag on each, and a piece itself only where a connection reaches it."""
        reached = {end for row, _key in self.edges for end in (row.source, row.target)}
        for xml_id, name in self.groups.items():
            members = sum(name in row.groups for row in self.nodes)
            if xml_id in reached:
                self.notes.append(f"the yEd group “{name}” is brought in as a piece, since "
                                  f"connections reach it; the {members} pieces in it are "
                                  f"tagged “{name}”")
            else:
                self.notes.append(f"the yEd group “{name}” is not a piece of its own: the "
                                  f"{members} pieces in it are tagged “{name}”")
        return [row for row in self.nodes if row.xml_id not in self.groups
                or row.xml_id in reached]


def _follow_arrows(row: EdgeRow, arrows: Element | None) -> None:
    """yEd draws every connection as directed and shows direction by its arrows alone: a line
    with no arrow, or one at each end, joins both ways; one at the start only points back."""
    if arrows is None:
        return
    at_source, at_target = (arrows.get(end, "none") != "none" for end in ("source", "target"))
    if at_source == at_target:
        row.directed = False
    elif at_source:
        row.source, row.target = row.target, row.source


def _first_text(drawing: Element, tag: str) -> str | None:
    return next((label.text for label in drawing.iter(_y(tag))
                 if label.text and label.text.strip()), None)


def _fill(drawing: Element) -> str | None:
    fill = next(drawing.iter(_y("Fill")), None)
    if fill is None or fill.get("transparent") == "true":
        return None
    match = _COLOUR.fullmatch(fill.get("color") or "")
    return f"#{match.group(1).upper()}" if match else None


def _centre(geometry: Element | None) -> tuple[float, float] | None:
    """yEd places a node by its top left corner; Ecomap by its centre."""
    if geometry is None:
        return None
    try:
        x, y = float(geometry.get("x", "0")), float(geometry.get("y", "0"))
        width, height = float(geometry.get("width", "0")), float(geometry.get("height", "0"))
    except ValueError:
        return None
    return x + width / 2, y + height / 2
