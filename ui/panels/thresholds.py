"""The Map page's "Check thresholds": each tunable rule of the checks in words, with its number.

A change is one undoable edit of the map's ``settings.thresholds``. A value set back to its
default is dropped from the settings, so the file holds only what this map does differently.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
)

from app.errors import EcomapError
from app.ops import UpdateMap
from app.thresholds import DEFAULTS, MAX_COUNT, MAX_WEEKS, check_threshold
from ui.panels.fields import Field, FormPage
from ui.panels.severity import check_name

PERCENT, TIMES, NODES, WEEKS = "%", "times", "nodes", "weeks"


@dataclass(frozen=True)
class Rule:
    """One threshold as the panel shows it: ``words`` refer to the number in the box."""

    name: str  # its key in settings.thresholds (see app.thresholds)
    unit: str
    words: str
    tip: str


RULES: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    ("cane_toad", (
        Rule("kind_share", PERCENT,
             "One kind is a cane toad when it makes up this share of its block or more",
             "For example lecture decks taking over the Content block. Learner groups and "
             "informal learning are never counted as an invasion."),
        Rule("kind_min_nodes", NODES, "…once the block has at least this many nodes",
             "In a small block a few of one kind is a choice, not an invasion: 3 of 5 "
             "processes being on-the-job learning is not a cane toad."),
        Rule("strength_share", PERCENT,
             "A cane toad is serious when it carries this share of the connection strength "
             "that reaches the people",
             "When most of what reaches your people is that one kind, the finding is high."),
        Rule("dominance_share", PERCENT,
             "A whole block (other than the people) is a cane toad when it holds this share of "
             "the map or more",
             "One block swelling until it crowds out the others. When one kind inside it "
             "explains the swelling, the two are told as one story."),
        Rule("dominance_min_nodes", NODES,
             "…and the map has at least this many nodes",
             "On a small map one block is easily most of it, so the check waits until the map "
             "has this many nodes."),
    )),
    ("overdominant", (
        Rule("hub_betweenness", PERCENT,
             "A piece everything hangs on is called a hub when this share of the routes "
             "between other pieces passes through it",
             "Only pieces whose loss would cut learners off from learning are reported: a "
             "busy hub with other routes around it is not a weakness."),
        Rule("hub_degree_ratio", TIMES,
             "…or when it has this many times the average number of connections",
             "Compared with the average piece on this map."),
        Rule("hub_reach_share", PERCENT, "…and touches this share of all nodes",
             "Both must hold: many connections and a large part of the map."),
        Rule("hub_min_nodes", NODES, "Look for hubs once the map has this many nodes",
             "Smaller maps have no hubs worth naming."),
    )),
    ("single_point_of_failure", (
        Rule("split_share", PERCENT,
             "A piece is a single point of failure when losing it would cut this share of the "
             "learners or the learning off",
             "Learners counted by headcount where the map gives it. Leaving any learner group "
             "with nothing to learn from always counts; learner groups themselves never are "
             "one."),
    )),
    ("key_person", (
        Rule("key_person_min_nodes", NODES,
             "A person is a key person when they alone deliver, author or support this many "
             "pieces of learning",
             "Teams are never key people: they have cover. A person tagged \"key person\" is "
             "reported whatever the number."),
    )),
    ("missing_block", (
        Rule("missing_block_min_nodes", NODES,
             "Point out empty building blocks once the map has this many nodes",
             "While a map is being started most blocks are still empty: this waits."),
    )),
    ("informal_gap", (
        Rule("informal_share", PERCENT,
             "Informal learning should be at least this share of the content and processes",
             "Coaching, communities, learning on the job: below this share the check asks "
             "whether informal learning has been overlooked."),
    )),
    ("growth", (
        Rule("growth_weeks", WEEKS,
             "Compare the map with the latest snapshot at least this old",
             "Quarterly reviews: 8 weeks compares each review with the one before. Without a "
             "snapshot this old nothing is said about growth."),
        Rule("growth_ratio", TIMES,
             "A kind is multiplying when it grows this many times as fast as the rest of its "
             "block",
             "For a whole block: as fast as the rest of the map. Steady growth of every part "
             "is never a finding."),
        Rule("growth_min_nodes", NODES, "…by at least this many new pieces",
             "Two new decks for a product launch are not a trend."),
    )),
)


def shown_number(rule: Rule, value: float | int) -> float | int:
    """The threshold as its box shows it (shares as whole percents)."""
    return round(value * 100) if rule.unit == PERCENT else value


def stored_number(rule: Rule, shown: float | int) -> float | int:
    """What the map's settings hold for a number shown in the box."""
    return shown / 100 if rule.unit == PERCENT else shown


def map_thresholds(settings) -> dict[str, float | int]:
    """The map's own thresholds over the defaults; a value the checks refuse counts as unset."""
    chosen = settings.get("thresholds")
    chosen = chosen if isinstance(chosen, dict) else {}
    result = dict(DEFAULTS)
    for name, value in chosen.items():
        with suppress(EcomapError):
            result[name] = check_threshold(name, value)
    return result


def _spin_box(rule: Rule, parent) -> QAbstractSpinBox:
    """A box that only takes values the checks accept (so a wrong one cannot be typed)."""
    if rule.unit == TIMES:
        spin = QDoubleSpinBox(parent, decimals=1, singleStep=0.5)
        spin.setRange(0.1, 1000)
    else:
        spin = QSpinBox(parent)
        spin.setRange(1, {PERCENT: 100, WEEKS: MAX_WEEKS}.get(rule.unit, MAX_COUNT))
    spin.setSuffix(f" {rule.unit}")
    spin.setAccelerated(True)
    return spin


class ThresholdsPage(FormPage):
    """The rules of the checks, grouped by check, with a button to restore the defaults."""

    def __init__(self, editor, parent=None):
        super().__init__(self._changed, parent, stretch=False)
        self.editor = editor
        self.rules = {rule.name: rule for _check, rules in RULES for rule in rules}
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.heading("Check thresholds")
        italic = QFont()  # only the style: the size follows the theme
        italic.setItalic(True)
        for check, rules in RULES:
            self.heading(check_name(check)).setFont(italic)
            for rule in rules:
                self._add_rule(rule)
        self.restore = QPushButton("Restore defaults", self, objectName="thresholds_restore")
        self.restore.setToolTip("Put every threshold back to Ecomap's own (one undo step)")
        self.restore.clicked.connect(self.restore_defaults)
        self.form.addRow(self.restore)

    def _add_rule(self, rule: Rule) -> None:
        spin = _spin_box(rule, self)
        label = QLabel(rule.words, self, wordWrap=True)
        label.setBuddy(spin)
        label.setToolTip(rule.tip)
        self.form.addRow(label)  # across the panel's width, the box below it
        self.add(rule.name, "", Field(spin, spin.value, spin.setValue), spin.editingFinished,
                 rule.tip)

    def show_settings(self, settings, keep_focused: bool = False) -> None:
        """Show the map's thresholds (the defaults where the map has none of its own)."""
        chosen = map_thresholds(settings)
        self.load({name: shown_number(rule, chosen[name]) for name, rule in self.rules.items()},
                  keep_focused=keep_focused)
        self.restore.setEnabled(bool(settings.get("thresholds")))

    def _changed(self, name: str, shown) -> None:
        document = self.editor.document
        if document is None:
            return
        settings = dict(document.properties()["settings"])
        chosen = map_thresholds(settings)
        if shown == shown_number(self.rules[name], chosen[name]):
            return  # left the box without changing it
        chosen[name] = stored_number(self.rules[name], shown)
        self._apply(settings, chosen, "Change a check threshold")

    def restore_defaults(self) -> None:
        document = self.editor.document
        if document is not None:
            self._apply(dict(document.properties()["settings"]), DEFAULTS,
                        "Restore default thresholds")

    def _apply(self, settings: dict, chosen, text: str) -> None:
        """Keep only what differs from the defaults (none: no thresholds entry at all)."""
        own = {name: value for name, value in chosen.items() if value != DEFAULTS[name]}
        if own:
            settings["thresholds"] = own
        else:
            settings.pop("thresholds", None)
        self.editor.run(UpdateMap({"settings": settings}), text)
        self.show_settings(self.editor.document.properties()["settings"])  # a refusal springs back
