"""The map's history: snapshots taken over time, the map as it was at each, and what changed."""
