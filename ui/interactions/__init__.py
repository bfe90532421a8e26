"""Mouse modes of the canvas, one object each (see orange-canvas-core's ``interactions.py``).

The ``InteractionRouter`` hands every mouse event on the scene to the current interaction
first; an interaction that returns True has used the event, otherwise Qt handles it as usual.
"""
