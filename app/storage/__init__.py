"""The .ecomap file: a SQLite database written through SQLAlchemy, its schema kept by Alembic."""

from app.storage.store import APPLICATION_ID, MapStore

__all__ = ["APPLICATION_ID", "MapStore"]
