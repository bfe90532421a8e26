"""The room contributes from their phones: a small web server on the local network, the
contributions it receives, and how an accepted one becomes an edit of the map.

Nothing here knows Qt: the window starts ``RoomServer`` and is handed each contribution
through a callback it turns into a queued signal (``ui/room``).
"""
