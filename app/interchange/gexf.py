"""GEXF: a map written for Gephi (colours, sizes and positions in the ``viz`` namespace), and GEXF
files from Gephi (1.1 to 1.3), networkx or Ecomap read into records.

networkx writes and reads the nodes, connections and attribute columns. Before networkx reads
a file, its drawing (``viz``) and each connection's direction are taken out and read here, and
every GEXF version's namespace is made the one networkx reads: it would otherwise refuse
Gephi 0.9's namespace, a colour written as ``hex``, or a file whose connections are partly
undirected. Gephi's y axis points up, Ecomap's down: y is turned over both ways.
"""

from __future__ import annotations

import io
import os
import re
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
from app.interchange.own_data import own_data
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

VERSION = "1.2draft"  # read by every Gephi since 0.8
NS = "http://www.gexf.net/1.2draft"
NS_VIZ = "http://www.gexf.net/1.2draft/viz"
NS_OWN = "urn:ecomap:map"  # the map's own data, an element Gephi passes over
GEXF_SHAPES = {"circle": "disc", "square": "square", "triangle": "triangle",
               "diamond": "diamond"}  # the shapes GEXF knows
# Attribute types networkx reads; Gephi's others (short, bigdecimal, list types…) as text.
READABLE_TYPES = {"integer", "long", "float", "double", "boolean", "string", "liststring",
                  "anyURI"}
NOT_COLUMNS = ("label", "pid", "start", "end", "spells", "slices", "parents", "id", "viz")
_HEX = re.compile(r"#?([0-9A-Fa-f]{6})")

register_namespace("ecomap", NS_OWN)


def _x(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _viz(tag: str) -> str:
    return f"{{{NS_VIZ}}}{tag}"


# --- writing -------------------------------------------------------------------------------


def write_gexf(data: MapData, path: str | os.PathLike) -> None:
    """Write ``data`` as GEXF that Gephi opens drawn; the file appears whole or not at all."""
    safe_files.write_bytes(path, gexf_bytes(data))


def gexf_bytes(data: MapData) -> bytes:
    written = prepare(data)
    looks = {c.key: (c.color, c.shape) for c in data.categories}
    graph = nx.MultiDiGraph(name=xml_text(data.name))
    for xml_id, columns, node in written.nodes:
        colour, shape = looks.get(node.category, ("#FFFFFF", "circle"))
        graph.add_node(xml_id, **columns, viz=_viz_of(written.drawn[xml_id], colour, shape))
    for xml_id, source, target, columns, _edge in written.edges:
        columns = dict(columns)
        said = {"id": xml_id, "weight": columns.pop("strength")}
        if columns.pop("directed") is False:
            said["type"] = "undirected"
        if "kind" in columns:
            said["label"] = columns.pop("kind")
        graph.add_edge(source, target, key=xml_id, **said, **columns)
    root = nx.readwrite.gexf.GEXFWriter(graph, prettyprint=False, version=VERSION).xml
    _drop_networkx_keys(root)
    _in_map_order(root, [xml_id for xml_id, *_rest in written.edges])
    _meta(root, data)
    SubElement(root, f"{{{NS_OWN}}}map").text = written.document
    return xml_bytes(root)


def _viz_of(centre: tuple[float, float], colour: str, shape: str) -> dict:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    viz = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}, "size": NODE_SIZE / 2,
           "position": {"x": centre[0], "y": 0.0 - centre[1], "z": 0.0}}
    if shape in GEXF_SHAPES:
        viz["shape"] = GEXF_SHAPES[shape]
    return viz


def _drop_networkx_keys(root: Element) -> None:
    """networkx files each connection's multigraph key as a column: it means nothing here."""
    graph = root.find("graph")
    keys = set()
    for attributes in graph.findall("attributes"):
        for attribute in attributes.findall("attribute"):
            if attribute.get("title") == "networkx_key":
                keys.add(attribute.get("id"))
                attributes.remove(attribute)
        if not len(attributes):
            graph.remove(attributes)
    for edge in graph.iter("edge"):
        values = edge.find("attvalues")
        for value in list(values) if values is not None else ():
            if value.get("for") in keys:
                values.remove(value)
        if values is not None and not len(values):
            edge.remove(values)


def _in_map_order(root: Element, order: list[str]) -> None:
    edges = root.find("graph").find("edges")
    if edges is None:
        return
    by_id = {edge.get("id"): edge for edge in edges}
    edges[:] = [by_id[xml_id] for xml_id in order]


def _meta(root: Element, data: MapData) -> None:
    meta = root.find("meta")
    meta.find("creator").text = "Ecomap"
    if data.description:
        SubElement(meta, "description").text = xml_text(data.description)


# --- reading -------------------------------------------------------------------------------


def read_gexf(path: str | os.PathLike) -> Imported:
    """The elements and connections of a GEXF file: labels, colours and positions from its
    ``viz`` drawing, every attribute column kept, a "type"-like column (Gephi's "Modularity
    Class") as each element's type. A file Ecomap wrote comes back with its building blocks,
    kinds and map settings. ``BadInput`` if the file is not GEXF or not safe."""
    root = read_xml(path, "GEXF")
    if local_name(root.tag) != "gexf":
        raise BadInput(f"is not a GEXF file (it holds “{local_name(root.tag)}”)", str(path))
    with not_too_deep(str(path)):
        return _read(root, Path(path))


def _read(root: Element, path: Path) -> Imported:
    source = path.name
    _into_one_version(root)
    graph = root.find(_x("graph"))
    if graph is None:
        raise BadInput("is a GEXF file with no graph in it", str(path))
    nodes = [_node(element, source, groups) for element, groups in _flattened(graph)]
    direction = graph.get("defaultedgetype", "undirected")
    edges = [_edge(element, source, i, direction)
             for i, element in enumerate(graph.findall(f"{_x('edges')}/{_x('edge')}"), 1)]
    _readable_types(graph)
    graph.set("defaultedgetype", "directed")  # each connection's own direction is read here
    network = _network(root, str(path))
    for row in nodes:
        row.columns = _columns(network.nodes[row.xml_id])
        label = network.nodes[row.xml_id].get("label")
        row.label = label if isinstance(label, str) else None
    by_id = {data.get("id"): data for _u, _v, data in network.edges(data=True)}
    for i, row in enumerate(edges, start=1):
        data = by_id[f"edge {i}"]
        row.weight = data.get("weight")
        row.columns = _columns(data, ("weight",))
    own_element = root.find(f"{{{NS_OWN}}}map")
    own = own_data(own_element.text or "", f"{source}, Ecomap's data") \
        if own_element is not None else None
    meta = root.find(_x("meta"))
    title, about = ((meta.findtext(_x(tag)) or "").strip() if meta is not None else ""
                    for tag in ("title", "description"))
    return imported(source, nodes, edges, own, name=network.graph.get("name") or title or None,
                    description=about)


def _into_one_version(root: Element) -> None:
    """GEXF 1.1, 1.2 and 1.3 (with or without "www."), and files with no namespace at all,
    all under the 1.2 names networkx reads."""
    for element in root.iter():
        space = namespace(element.tag)
        if space == NS_OWN:
            continue
        if space.endswith("/viz"):
            element.tag = _viz(local_name(element.tag))
        elif not space or "gexf.net" in space:
            element.tag = _x(local_name(element.tag))


def _flattened(graph: Element):
    """Each node with the labels of the nodes it is nested in (Gephi's hierarchies), all
    moved to the graph's own list of nodes."""
    top = graph.find(_x("nodes"))
    found = []

    def visit(nodes: Element, groups: tuple[str, ...]) -> None:
        for node in nodes.findall(_x("node")):
            found.append((node, groups))
            inner = node.find(_x("nodes"))
            if inner is not None:
                node.remove(inner)
                visit(inner, (*groups, node.get("label") or node.get("id") or ""))

    if top is not None:
        visit(top, ())
        top[:] = [node for node, _groups in found]
    return found


def _node(element: Element, source: str, groups: tuple[str, ...]) -> NodeRow:
    xml_id = element.get("id") or ""
    row = NodeRow(f"{source}, node “{xml_id}”", xml_id, {}, groups=groups)
    for drawing in [child for child in element if namespace(child.tag) == NS_VIZ]:
        element.remove(drawing)
        if local_name(drawing.tag) == "color" and row.color is None:
            row.color = _colour(drawing)
        elif local_name(drawing.tag) == "position" and row.drawn is None:
            row.drawn = _position(drawing)
    element.attrib.pop("pid", None)
    return row


def _edge(element: Element, source: str, number: int, default: str) -> EdgeRow:
    xml_id = element.get("id")
    ends = element.get("source") or "", element.get("target") or ""
    where = (f"{source}, edge “{xml_id}”" if xml_id else
             f"{source}, edge {number} (from “{ends[0]}” to “{ends[1]}”)")
    said = element.attrib.pop("type", None) or default
    row = EdgeRow(where, xml_id, *ends, {}, directed=said.lower() == "directed",
                  label=element.get("label") or element.attrib.pop("kind", None) or None)
    element.attrib.pop("label", None)
    for drawing in [child for child in element if namespace(child.tag) == NS_VIZ]:
        element.remove(drawing)
    element.set("id", f"edge {number}")  # each connection its own, so parallel ones never merge
    return row


def _colour(drawing: Element) -> str | None:
    match = _HEX.fullmatch(drawing.get("hex") or "")
    if match:
        return f"#{match.group(1).upper()}"
    try:
        parts = [int(drawing.get(c, "")) for c in "rgb"]
    except ValueError:
        return None
    return "#" + "".join(f"{p:02X}" for p in parts) if all(0 <= p <= 255 for p in parts) \
        else None


def _position(drawing: Element) -> tuple[float, float] | None:
    try:
        return float(drawing.get("x", "0")), 0.0 - float(drawing.get("y", "0"))
    except ValueError:
        return None


def _readable_types(graph: Element) -> None:
    """Types networkx does not know are read as text; booleans in any case, and networkx's
    own multigraph keys (which would renumber connections) left out."""
    keys = set()
    for attributes in graph.findall(_x("attributes")):
        for attribute in attributes.findall(_x("attribute")):
            if attribute.get("type") not in READABLE_TYPES:
                attribute.set("type", "string")
            if attribute.get("title") == "networkx_key":
                keys.add(attribute.get("id"))
    booleans = {a.get("id") for a in graph.iter(_x("attribute")) if a.get("type") == "boolean"}
    for parent in graph.iter(_x("attvalues")):
        for value in list(parent):
            if value.get("for") in keys:
                parent.remove(value)
            elif value.get("for") in booleans and value.get("value"):
                value.set("value", value.get("value").strip().lower())


def _network(root: Element, where: str) -> nx.DiGraph:
    try:
        network = nx.read_gexf(io.BytesIO(serialised(root)), version=VERSION)
    except nx.NetworkXError as exc:
        raise BadInput(f"is not a GEXF file Ecomap can read ({exc})", where) from None
    except (ValueError, TypeError, KeyError):
        raise BadInput("is not a GEXF file Ecomap can read: a value does not fit the type its "
                       "column declares", where) from None
    return network


def _columns(data: dict, also: tuple[str, ...] = ()) -> dict:
    """The attribute columns of a node or connection, a value that changes over time given
    as its latest one."""
    columns = {}
    for name, value in data.items():
        if name in NOT_COLUMNS or name in also:
            continue
        if isinstance(value, list) and value and isinstance(value[-1], tuple):
            value = value[-1][0]
        columns[name] = value
    return columns
