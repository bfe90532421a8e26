"""The .ecomap file: a SQLite database edited through SQLAlchemy, its schema kept by Alembic.

Looking at, reading and making a map need neither (``inspection`` and ``new_file``, plain
sqlite3), so ``MapStore``, which edits through SQLAlchemy, is loaded when first asked for.
"""

from app.storage.file_format import APPLICATION_ID

__all__ = ["APPLICATION_ID", "MapStore"]


def __getattr__(name: str):
    if name == "MapStore":  # SQLAlchemy takes a quarter of a second to load: only when needed
        from app.storage.store import MapStore

        return MapStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
