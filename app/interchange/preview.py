"""A plan told in plain words, the same on the command line and in the window's preview:
where each type goes, what is added and changed, and every row that is repeated, ambiguous
or wrong, by file, sheet, row and column."""

from __future__ import annotations

from typing import Any

from app.domain import DEFAULT_CATEGORIES, Category
from app.interchange.plan import FieldChange, Plan
from app.interchange.planner import FIELD_WORDS
from app.interchange.records import Problem
from app.interchange.type_mapping import TypeChoice
from app.quoting import cut, printable

SHOWN = 20  # of each list on a terminal; the rest are counted


def preview_lines(plan: Plan, *, limit: int | None = SHOWN, type_hint: str | None = None,
                  ) -> list[str]:
    """The whole preview, line by line. ``type_hint`` tells how to change a type's block
    (``--map-type "TYPE=BLOCK/KIND"`` on the command line)."""
    names = _block_names(plan)
    target = f"into “{plan.into.name}”" if plan.merge and plan.into else \
        f"as a new map “{plan.name}”"
    lines = [f"Importing {plan.source} {target}:"]
    lines += [f"  {note}." for note in plan.notes]
    if plan.types:
        lines.append("Types and the building blocks they go into"
                     + (f" (change with {type_hint}):" if type_hint else ":"))
        lines += _types(plan.types, names)
    blocks = ", ".join(c.name for c in plan.categories)
    if plan.merge and blocks:
        lines.append(f"Building blocks added to the map: {blocks}.")
    elif not plan.merge:
        lines.append(f"Building blocks of the new map: {blocks}.")
    lines.append(_totals(plan))
    lines += _section("Pieces to update:", [_update(u, names) for u in plan.node_updates],
                      limit)
    lines += _section("Connections to update:",
                      [_update(u, names) for u in plan.edge_updates], limit)
    lines += _section("Repeated rows (the later row is used):", plan.repeated, limit)
    lines += _section("Rows that match more than one piece (left out):",
                      [str(p) for p in plan.ambiguous], limit)
    lines += _section("Rows that cannot be imported (left out):",
                      [str(p) for p in plan.problems], limit)
    return [printable(line) for line in lines]


def counted(count: int, noun: str) -> str:
    """counted(10000, "piece") → "10,000 pieces"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def update_text(update, plan: Plan) -> str:
    """One update as the window lists it: "Sales onboarding (…, row 4):" and then each change
    on a line of its own, so a long one is read without scrolling sideways."""
    names = _block_names(plan)
    return "\n".join([f"{update.label} ({update.where}):",
                      *(f"    {_change(c, names)}" for c in update.changes)])


def problem_lines(problems: tuple[Problem, ...], limit: int | None = SHOWN) -> list[str]:
    return _section("", [str(p) for p in problems], limit)[1:]


def _types(types: tuple[TypeChoice, ...], names: dict[str, str]) -> list[str]:
    width = min(30, max(len(t.shown_type) for t in types))
    lines = []
    for t in types:
        how = how_chosen(t)
        kind = f", kind “{cut(t.kind, 40)}”" if t.kind else ", no kind"
        lines.append(f"  {cut(t.shown_type, 30):<{width}}  {counted(t.count, 'row'):>10} → "
                     f"{names.get(t.block, t.block)}{kind} ({how})")
    return lines


def how_chosen(choice: TypeChoice) -> str:
    """Why a type goes where it goes: "guessed from “video”", "as you chose", …"""
    if choice.how == "not recognised" and not choice.type:
        return "rows without a Type: put in Content; check it"
    return {"guessed": f"guessed from “{choice.word}”", "chosen": "as you chose",
            "usual kind": "a usual kind", "not recognised":
            "not recognised: put in Content; check it"}[choice.how]


def _totals(plan: Plan) -> str:
    parts = [f"{counted(len(plan.nodes_to_add), 'piece')} to add"]
    if plan.merge:
        parts.append(f"{len(plan.node_updates):,} to update")
        parts.append(f"{plan.unchanged:,} unchanged")
    edges = [f"{counted(len(plan.edges_to_add), 'connection')} to add"]
    if plan.merge:
        edges.append(f"{len(plan.edge_updates):,} to update")
    left_out = len(plan.ambiguous) + len(plan.problems)
    tail = f"; {counted(left_out, 'row')} left out" if left_out else ""
    return f"{', '.join(parts)}; {', '.join(edges)}{tail}."


def _update(update, names: dict[str, str]) -> str:
    changes = "; ".join(_change(c, names) for c in update.changes)
    return f"{update.label} ({update.where}): {changes}"


def _change(change: FieldChange, names: dict[str, str]) -> str:
    word = FIELD_WORDS.get(change.field, change.field).lower()
    if change.field == "kind":
        word = "kind"
    if change.field == "attributes":
        return "; ".join(
            f"{cut(str(k), 30)} {_value(change.old.get(k))} → {_value(v)}"
            for k, v in change.new.items() if change.old.get(k) != v)
    if change.field == "category":
        return f"{word} {names.get(change.old, change.old)} → {names.get(change.new, change.new)}"
    return f"{word} {_value(change.old)} → {_value(change.new)}"


def _value(value: Any) -> str:
    if value is None or value == "" or value == ():
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return "“" + cut(", ".join(map(str, value)), 40) + "”"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return f"“{cut(' '.join(value.split()))}”"  # a one-line description shown whole
    return str(value)


def _section(title: str, items, limit: int | None) -> list[str]:
    items = list(items)
    if not items:
        return []
    shown = items if limit is None else items[:limit]
    lines = [title] + [f"  {item}" for item in shown]
    if len(items) > len(shown):
        lines.append(f"  … and {len(items) - len(shown):,} more")
    return lines


def _block_names(plan: Plan) -> dict[str, str]:
    blocks: list[Category] = list(DEFAULT_CATEGORIES)
    if plan.into is not None:
        blocks += plan.into.categories
    blocks += plan.categories
    return {c.key: c.name for c in blocks}

