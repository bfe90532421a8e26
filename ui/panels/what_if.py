"""“What if this were gone?”: the map with some pieces taken away, compared with the map as it is.

Nothing on the map changes; the dialog only shows what the ecosystem would lose.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from app.analysis import NodeRef, WhatIf
from ui.panels.severity import check_name, severity_word
from ui.theme import Theme, font

NODES_LISTED = 15


def quoted_list(nodes) -> str:
    shown = ", ".join(f"“{escape(n.label)}”" for n in nodes[:NODES_LISTED])
    more = len(nodes) - NODES_LISTED
    return shown + (f" … and {more} more" if more > 0 else "")


def heading(removed: tuple[NodeRef, ...]) -> str:
    names = quoted_list(removed)
    return f"What if {names} {'were' if len(removed) == 1 else 'were all'} gone?"


def score_sentence(result: WhatIf) -> str:
    before, after = result.before.health.score, result.score_after
    change = result.score_change
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"Health {before}/100 → {after}/100 ({sign}{abs(change)})"


def _loss_section(title: str, nodes: tuple[NodeRef, ...], none: str) -> str:
    if not nodes:
        return f"<h3>{title}</h3><p>{none}</p>"
    return f"<h3>{title} ({len(nodes)})</h3><p>{quoted_list(nodes)}</p>"


def comparison_html(result: WhatIf) -> str:
    """Everything the dialog says below the score, as rich text."""
    parts = [
        _loss_section("Cut off from your people", result.cut_off_from_people,
                      "Nothing: everything still reaches your people."),
        _loss_section("Learner groups left with nothing to learn from",
                      result.learners_left_without_content,
                      "None: every learner group still reaches content or a process."),
        _loss_section("Content and processes left with nobody behind them",
                      result.left_without_anyone,
                      "None: everything still has someone who delivers or supports it."),
    ]
    if result.new_findings:
        parts.append(f"<h3>New weak spots ({len(result.new_findings)})</h3><ul>")
        parts += [f"<li><b>{severity_word(f.severity)}</b> · {escape(f.title)} "
                  f"<i>({escape(check_name(f.check))})</i></li>" for f in result.new_findings]
        parts.append("</ul>")
    else:
        parts.append("<h3>New weak spots</h3><p>None.</p>")
    parts.append("<p><i>This is only a comparison: nothing on your map has changed.</i></p>")
    return "".join(parts)


class WhatIfDialog(QDialog):
    """The comparison for one what-if, or a note that it is still being worked out."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("what_if")
        self.setWindowTitle("What if this were gone?")
        self.result: WhatIf | None = None
        self.title_label = QLabel(objectName="what_if_title", wordWrap=True)
        self.score_label = QLabel(objectName="what_if_score", wordWrap=True)
        self.body = QTextBrowser(objectName="what_if_body", openLinks=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.title_label, self.score_label):
            layout.addWidget(widget)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def set_theme(self, theme: Theme) -> None:
        big = theme.key == "projector"
        self.setFont(font(theme.panel_px))
        self.title_label.setFont(font(24 if big else 17, bold=True))
        self.score_label.setFont(font(30 if big else 22, bold=True))
        if big:
            self.resize(900, 760)

    def show_working(self, names: str) -> None:
        self.result = None
        self.title_label.setText(f"What if {names} were gone?")
        self.score_label.setText("Working it out…")
        self.body.setHtml("<p>Ecomap is checking the map without it. This takes a moment on "
                          "a map this large; you can keep working.</p>")

    def show_result(self, result: WhatIf) -> None:
        self.result = result
        self.title_label.setText(heading(result.removed))
        self.score_label.setText(score_sentence(result))
        self.body.setHtml(comparison_html(result))

    def show_failure(self, message: str) -> None:
        self.score_label.setText("Ecomap could not work this out")
        self.body.setPlainText(message)

    def text(self) -> str:
        """Everything the dialog says, as plain text (for tests and copying)."""
        return "\n".join([self.title_label.text(), self.score_label.text(),
                          self.body.toPlainText()])
