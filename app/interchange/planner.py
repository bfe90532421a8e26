"""The rules that turn rows into a ``Plan``: types to blocks, rows to pieces of the map, each
row's values checked as every map's are, and what each problem is called in plain words."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from app.domain import (
    DEFAULT_CATEGORIES,
    DEFAULT_STRENGTH,
    MAX_CATEGORY_NAME,
    MAX_MAP_NAME,
    Category,
    Edge,
    MapData,
    Node,
    check_edge,
    check_node,
    default_category,
)
from app.errors import BadInput
from app.interchange.plan import FieldChange, Plan, Update
from app.interchange.progress import EVERY, Progress
from app.interchange.records import Connection, Element, Imported, Problem
from app.interchange.type_mapping import TypeChoice, block_key, choose_types
from app.pieces import node_piece
from app.quoting import cut

STARTER_BLOCKS = ("people", "content", "process")  # as app.files: every new map has these
FIELD_WORDS = {"id": "ID", "label": "Label", "type": "Type", "category": "Building block",
               "kind": "Type", "description": "Description", "tags": "Tags",
               "informal": "Informal", "reach": "Reach", "x": "X", "y": "Y",
               "source": "From", "target": "To", "strength": "Strength",
               "directed": "Direction", "note": "Description", "attributes": "Attributes"}
_UPDATABLE = ("label", "category", "kind", "description", "tags", "informal", "reach", "x", "y")


def fold(text: str) -> str:
    """How labels and types are compared: case, accents' composition and spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class Planner:
    def __init__(self, imported: Imported, chosen: Mapping[str, tuple[str, str | None]],
                 into: MapData | None, progress: Progress):
        self.imported, self.into, self.progress = imported, into, progress
        self.merge = into is not None
        self.map_nodes = {n.id: n for n in into.nodes} if into else {}
        self.map_edges = {e.id: e for e in into.edges} if into else {}
        self.map_labels: dict[str, list[Node]] = {}
        for node in self.map_nodes.values():
            self.map_labels.setdefault(fold(node.label), []).append(node)
        self.typed = imported.typed if imported.typed is not None else any(
            e.type for e in imported.elements)
        self.blocks: dict[str, Category] = {c.key: c for c in (
            into.categories if into else imported.categories or ())}
        self.new_blocks: dict[str, Category] = {}
        self.declared = {c.key: c for c in imported.categories or ()}  # an Ecomap map's own
        self.types = self._types(chosen)
        self.problems: list[Problem] = list(imported.problems)
        self.ambiguous: list[Problem] = []
        self.repeated: list[str] = []
        self.file_ids: dict[str, str] = {}  # an element's ID in the file → its node's id
        self.file_labels: dict[str, set[str]] = {}
        self.failed: dict[str, str] = {}  # ID or folded label of a row left out → its place
        self.taken = set(self.map_nodes)

    # --- the whole plan ------------------------------------------------------------------------

    def plan(self) -> Plan:
        added, updates, unchanged, added_from = self._elements()
        edges, edge_updates = self._connections()
        title = self.imported.name or PurePath(self.imported.source).stem  # not “team.graphml”
        name = " ".join(title.split())[:MAX_MAP_NAME]
        return Plan(
            source=self.imported.source, name=name.strip() or "Imported map",
            merge=self.merge, types=self.types, categories=self._categories(),
            nodes_to_add=tuple(added), node_updates=tuple(updates), edges_to_add=tuple(edges),
            edge_updates=tuple(edge_updates), unchanged=unchanged,
            repeated=tuple(self.repeated), ambiguous=tuple(in_file_order(self.ambiguous)),
            problems=tuple(in_file_order(self.problems)), notes=self.imported.notes,
            added_from=added_from, into=self.into, description=self.imported.description,
            goals=self.imported.goals, settings=self.imported.settings)

    def _types(self, chosen) -> tuple[TypeChoice, ...]:
        counts = Counter(e.type or "" for e in self.imported.elements if e.category is None)
        types = choose_types(counts, chosen)
        self.type_of = {t.type: t for t in types}
        return types

    def _categories(self) -> tuple[Category, ...]:
        if self.merge:
            return tuple(self.new_blocks.values())
        if self.imported.categories:
            return tuple(self.blocks.values()) + tuple(self.new_blocks.values())
        used = set(self.new_blocks) | set(STARTER_BLOCKS)
        usual = tuple(c for c in DEFAULT_CATEGORIES if c.key in used)
        return usual + tuple(c for k, c in self.new_blocks.items()
                             if k not in {u.key for u in usual})

    # --- elements ------------------------------------------------------------------------------

    def _elements(self):
        winners = self._last_of_each()
        added: list[Node] = []
        updates: list[Update] = []
        unchanged = 0
        added_from: dict[str, str] = {}
        for done, element in enumerate(winners, 1):
            if done % EVERY == 0:
                self.progress("Matching rows", done, len(winners))
            block, kind = self._block_and_kind(element)
            if block is None:
                continue
            match = self._match(element, block, kind)
            if match is False:  # ambiguous: said already
                self.failed[self._name_of(element)] = element.where
                continue
            if match is not None:
                update = self._update(match, element, block, kind)
                node_id = match.id
                if update is None:
                    unchanged += 1
                elif update is not False:
                    updates.append(update)
            else:
                node = self._new_node(element, block, kind)
                if node is None:
                    continue
                node_id = node.id
                added.append(node)
                added_from[node.id] = element.where
            self._remember(element, node_id)
        return added, updates, unchanged, added_from

    def _last_of_each(self) -> list[Element]:
        """One element per key, the last row of each; a row whose ID another row with another
        label already has is wrong, not repeated."""
        by_key: dict[tuple, Element] = {}
        by_id: dict[str, Element] = {}
        for element in self.imported.elements:
            if element.id is not None and element.id in by_id and \
                    fold(by_id[element.id].label) != fold(element.label):
                first = by_id[element.id]
                self._wrong(element, "id", f"the ID “{cut(element.id)}” is already used by "
                            f"{_row_of(first.where)} (“{cut(first.label, 40)}”); two elements "
                            "cannot share an ID")
                continue
            key = self._key(element)
            if key in by_key:
                earlier = by_key[key]
                self.repeated.append(f"{element.where} repeats {_row_of(earlier.where)} "
                                     f"(“{cut(element.label, 40)}”): the later row is used")
            by_key[key] = element
            if element.id is not None:
                by_id[element.id] = element
        return list(by_key.values())

    def _key(self, element: Element) -> tuple:
        if element.id is not None:
            return ("id", element.id)
        if self.typed:
            return ("label", fold(element.label), fold(element.type or element.kind or ""))
        return ("label", fold(element.label))

    def _block_and_kind(self, element: Element) -> tuple[str | None, str]:
        if element.category is None:
            choice = self.type_of[element.type or ""]
            return self._block(choice.block, element), choice.kind
        kind = element.kind if element.kind is not None else (element.type or "")
        return self._block(element.category, element), kind

    def _block(self, text: str, element: Element) -> str | None:
        """The key of the building block ``text`` names, added to the map if it has not got it
        (one of the six usual blocks, or a block the file itself names)."""
        known = (*self.blocks.values(), *self.new_blocks.values())
        declared = self.declared.get(text)
        if declared is not None and declared.key not in self.blocks:
            self.new_blocks.setdefault(declared.key, declared)
            return declared.key
        try:
            key = block_key(text, known, "")
        except BadInput:
            key = _new_key(text, {c.key for c in known})
            if key is None:
                self._wrong(element, "category", f"“{cut(text)}” cannot name a building "
                            f"block (at most {MAX_CATEGORY_NAME} characters)")
                return None
            self.new_blocks[key] = default_category(
                key, " ".join(text.split()), len(self.blocks) + len(self.new_blocks))
            return key
        if key not in self.blocks and key not in self.new_blocks:
            self.new_blocks[key] = default_category(key)
        return key

    def _match(self, element: Element, block: str, kind: str) -> Node | None | bool:
        """The map's piece this row is about; None for none, False when several could be."""
        if not self.merge:
            return None
        if element.id is not None:
            return self.map_nodes.get(element.id)
        found = self.map_labels.get(fold(element.label), [])
        if self.typed:
            found = [n for n in found if n.category == block and fold(n.kind) == fold(kind)]
        if len(found) > 1:
            ids = ", ".join(f"“{cut(n.id, 30)}”" for n in found[:5])
            self.ambiguous.append(Problem(
                element.where, f"“{cut(element.label, 40)}” matches {len(found)} pieces of the "
                f"map (IDs {ids}); give the row an ID to say which it is",
                _column(element, "label")))
            return False
        return found[0] if found else None

    def _update(self, node: Node, element: Element, block: str, kind: str):
        given = {"label": element.label if element.id is not None else None,
                 "category": block if element.type or element.category else None,
                 "kind": kind if element.type or element.category or element.kind else None,
                 "description": element.description or None, "tags": element.tags or None,
                 "informal": element.informal, "reach": element.reach,
                 "x": element.x if element.y is not None else None,
                 "y": element.y if element.x is not None else None}
        changes = [FieldChange(f, getattr(node, f), v) for f in _UPDATABLE
                   if (v := given[f]) is not None and not _same(f, v, getattr(node, f))]
        attributes = {**node.attributes, **_attributes(element)}
        if attributes != dict(node.attributes):
            changes.append(FieldChange("attributes", dict(node.attributes), attributes))
        if not changes:
            return None
        updated = replace(node, **{c.field: c.new for c in changes})
        if not self._obeys_rules(element, updated):
            return False
        return Update(element.where, node.id, node.label, tuple(changes))

    def _new_node(self, element: Element, block: str, kind: str) -> Node | None:
        node_id = element.id if element.id is not None and element.id not in self.taken \
            else _free_id(element.label, self.taken)
        self.taken.add(node_id)
        node = Node(node_id, element.label, block, kind, bool(element.informal), element.reach,
                    element.x if element.y is not None else None,
                    element.y if element.x is not None else None, tuple(element.tags),
                    element.description, _attributes(element))
        return node if self._obeys_rules(element, node) else None

    def _obeys_rules(self, element: Element, node: Node) -> bool:
        blocks = {*self.blocks, *self.new_blocks}
        try:
            check_node(node, blocks, "node")
        except BadInput as error:
            self._wrong(element, _field_of(error), error.message)
            return False
        return True

    def _remember(self, element: Element, node_id: str) -> None:
        if element.id is not None:
            self.file_ids[element.id] = node_id
        self.file_labels.setdefault(fold(element.label), set()).add(node_id)

    def _wrong(self, element: Element, fld: str, message: str) -> None:
        self.problems.append(Problem(element.where, message, _column(element, fld)))
        self.failed.setdefault(self._name_of(element), element.where)
        if element.id is not None:
            self.failed.setdefault(element.id, element.where)

    def _name_of(self, element: Element) -> str:
        return fold(element.label)

    # --- connections ---------------------------------------------------------------------------

    def _connections(self) -> tuple[list[Edge], list[Update]]:
        given_ids = {c.id for c in self.imported.connections if c.id is not None}
        taken = set(self.map_edges) | given_ids
        added: dict[str, Edge] = {}
        ends_of: dict[str, tuple[str, str, str]] = {}  # a file's edge ID → its ends and row
        updates: dict[str, Update] = {}
        counter = 0
        for done, conn in enumerate(self.imported.connections, 1):
            if done % EVERY == 0:
                self.progress("Matching connections", done, len(self.imported.connections))
            source, target = self._end(conn, "source"), self._end(conn, "target")
            if source is None or target is None:
                continue
            if conn.id is not None and conn.id in ends_of:
                if ends_of[conn.id][:2] != (source, target):
                    self._wrong_connection(conn, "id", f"the ID “{cut(conn.id)}” is already "
                                           f"used by {_row_of(ends_of[conn.id][2])}, which "
                                           "joins other elements; two connections cannot "
                                           "share an ID")
                    continue
                self.repeated.append(f"{conn.where} repeats {_row_of(ends_of[conn.id][2])} "
                                     f"(connection “{cut(conn.id)}”): the later row is used")
            if conn.id is not None:
                ends_of[conn.id] = (source, target, conn.where)
            if conn.id is not None and conn.id in self.map_edges:
                update = self._edge_update(self.map_edges[conn.id], conn, source, target)
                if update:
                    updates[conn.id] = update
                continue
            edge_id = conn.id
            if edge_id is None:
                counter, edge_id = _next_edge_id(counter, taken)
            edge = self._new_edge(conn, edge_id, source, target)
            if edge is not None:
                added[edge_id] = edge
        return list(added.values()), list(updates.values())

    def _end(self, conn: Connection, end: str) -> str | None:
        text = getattr(conn, end)
        if text in self.file_ids:
            return self.file_ids[text]
        ids = self.file_labels.get(fold(text))
        if not ids and self.merge:
            ids = {text} if text in self.map_nodes else {
                n.id for n in self.map_labels.get(fold(text), [])}
        if ids and len(ids) == 1:
            return next(iter(ids))
        if ids:
            self.ambiguous.append(Problem(
                conn.where, f"“{cut(text, 40)}” names {len(ids)} elements; write the ID of "
                "the one meant", _column(conn, end)))
        elif fold(text) in self.failed or text in self.failed:
            where = self.failed.get(text) or self.failed[fold(text)]
            self.problems.append(Problem(
                conn.where, f"“{cut(text, 40)}” is the element on {_row_of(where)}, which "
                "cannot be imported", _column(conn, end)))
        else:
            whose = "this file or of the map" if self.merge else "this file"
            self.problems.append(Problem(
                conn.where, f"“{cut(text, 40)}” is not an element of {whose}",
                _column(conn, end)))
        return None

    def _new_edge(self, conn: Connection, edge_id: str, source: str, target: str):
        edge = Edge(edge_id, source, target, conn.type or "",
                    DEFAULT_STRENGTH if conn.strength is None else conn.strength,
                    True if conn.directed is None else conn.directed, _note(conn))
        try:
            check_edge(edge, _AnyId(), "edge")
        except BadInput as error:
            self._wrong_connection(conn, _field_of(error), error.message)
            return None
        return edge

    def _edge_update(self, edge: Edge, conn: Connection, source: str, target: str):
        given = {"source": source, "target": target, "kind": conn.type,
                 "strength": conn.strength, "directed": conn.directed,
                 "note": _note(conn) or None}
        changes = tuple(FieldChange(f, getattr(edge, f), v) for f, v in given.items()
                        if v is not None and v != getattr(edge, f))
        if not changes:
            return None
        try:
            check_edge(replace(edge, **{c.field: c.new for c in changes}), _AnyId(), "edge")
        except BadInput as error:
            self._wrong_connection(conn, _field_of(error), error.message)
            return None
        label = f"{self._label_of(edge.source)} → {self._label_of(edge.target)}"
        return Update(conn.where, edge.id, label, changes)

    def _label_of(self, node_id: str) -> str:
        node = self.map_nodes.get(node_id)
        return node_piece(node.label) if node else node_id

    def _wrong_connection(self, conn: Connection, fld: str, message: str) -> None:
        self.problems.append(Problem(conn.where, message, _column(conn, fld)))


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems sheet by sheet (in the order first met) and row by row, as a person reads."""
    ranks: dict[str, int] = {}

    def key(problem: Problem) -> tuple[int, int]:
        found = _NUMBERED.search(problem.where)
        prefix = problem.where[:found.start()] if found else problem.where
        return ranks.setdefault(prefix, len(ranks)), int(found.group(2)) if found else 0

    return sorted(problems, key=key)


_NUMBERED = re.compile(r"(row|line|element|connection) (\d+)")


class _AnyId:
    """Ends are found before an edge is checked; only its own fields are checked here."""

    def __contains__(self, item) -> bool:
        return True


def _same(field: str, given, kept) -> bool:
    """Tags are a set of words: the same tags typed in another order change nothing, so a
    merge does not list them as an update. A kind is matched ignoring capitals (a row typed
    "workshop" is about the map's "Workshop"), so capitals alone do not change it either."""
    if field == "tags":
        return set(given) == set(kept)
    if field == "kind":
        return fold(given) == fold(kept)
    return given == kept


def _attributes(element: Element) -> dict[str, Any]:
    found = dict(element.attributes)
    if element.color:
        found.setdefault("color", element.color)
    return found


def _note(conn: Connection) -> str:
    """The connection's note, with any other columns of its row kept as "Name: value" lines
    (a connection has no attributes of its own)."""
    lines = [conn.note] if conn.note else []
    lines += [f"{name}: {_plain(value)}" for name, value in conn.attributes.items()]
    return "\n".join(lines)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column(record: Element | Connection, fld: str) -> str:
    return record.columns.get(fld) or record.columns.get(
        "type" if fld == "kind" else fld) or FIELD_WORDS.get(fld, fld)


def _field_of(error: BadInput) -> str:
    return (error.where or "").split(".")[1].split("[")[0] if "." in (error.where or "") \
        else "label"


def _row_of(where: str) -> str:
    """"row 12" of "catalogue.xlsx, sheet “Elements”, row 12" (or the whole place)."""
    return where.rsplit(", ", 1)[-1]


def _free_id(label: str, taken: set[str]) -> str:
    """An id made from the label ("Sales onboarding" → "sales-onboarding"), unused so far."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-") or "piece"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _next_edge_id(counter: int, taken: set[str]) -> tuple[int, str]:
    counter += 1
    while f"e{counter}" in taken:
        counter += 1
    taken.add(f"e{counter}")
    return counter, f"e{counter}"


def _new_key(text: str, taken: set[str]) -> str | None:
    name = " ".join(text.split())
    if not name or len(name) > MAX_CATEGORY_NAME:
        return None
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[:36] or "block"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key
