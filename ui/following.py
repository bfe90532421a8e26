"""Views follow the open map through its one change notification (``MapDocument.add_listener``):
when another map opens, or none, a view stops listening to the old one and starts on the new."""

from __future__ import annotations


def follow_changes(old, new, listener):
    """Stop calling ``listener`` on ``old``'s changes and call it on ``new``'s (either may be
    None, for no map); returns ``new``, the document now followed."""
    if old is not None:
        old.remove_listener(listener)
    if new is not None:
        new.add_listener(listener)
    return new
