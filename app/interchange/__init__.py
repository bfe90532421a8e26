"""Maps in and out of other formats: the JSON interchange format first."""

from app.interchange.json_format import dumps, loads, read_json, write_json

__all__ = ["dumps", "loads", "read_json", "write_json"]
