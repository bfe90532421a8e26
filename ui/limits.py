"""Text boxes that stop at the map's limits and say so as the limit nears, instead of refusing
the whole text when Enter is pressed (a label has at most ``app.domain.MAX_LABEL`` characters).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit

COUNT_FROM = 0.75  # of the limit: from here on the box says how many characters it holds


def count_words(length: int, limit: int) -> str:
    """"150 of 200 characters", and at the limit that no more will fit."""
    if length >= limit:
        return f"{limit} of {limit} characters: the most there is room for"
    return f"{length} of {limit} characters"


def limit_length(edit: QLineEdit, limit: int, count: QLabel,
                 show: Callable[[bool], None] | None = None) -> None:
    """Stop ``edit`` at ``limit`` characters (typed or pasted) and show the count in ``count``
    once the text is long enough for the limit to matter; ``show`` shows or hides the count
    (``count.setVisible`` unless the count sits in a row of a form, which goes with it)."""
    edit.setMaxLength(limit)
    count.setObjectName(f"{edit.objectName() or 'text'}_count")
    count.setWordWrap(True)
    show = show or count.setVisible
    show(False)

    def show_count(text: str) -> None:
        near = len(text) >= limit * COUNT_FROM
        count.setText(count_words(len(text), limit) if near else "")
        show(near)

    edit.textChanged.connect(show_count)
