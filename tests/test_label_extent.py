"""A node's bounding box holds its whole label in every theme: the projector theme wraps a
label to three lines, and the third was outside the box (cut off under a walk-through's
caption when a finding's piece was framed, and not repainted when it moved)."""

from __future__ import annotations

import pytest

from ui.canvas.labels import label_extent, layout_label
from ui.theme import THEMES

LONG = "Branch mentoring pilot for new joiners and their line managers (unused since 2023)"


@pytest.mark.parametrize("key", sorted(THEMES))
def test_the_largest_label_fits_the_box_kept_for_it(qapp, key):
    theme = THEMES[key]
    label = layout_label(LONG, theme)
    assert len(label.lines) == theme.label_lines  # wrapped as far as the theme allows
    assert label_extent(theme).contains(label.box)
