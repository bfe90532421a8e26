"""Map files as the first version of Ecomap wrote them (schema revision 0001), for the tests of
bringing older maps up to date."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.storage import APPLICATION_ID, MapStore, migrate


def revision_one_map(path: Path, snapshot_rows: Sequence[tuple[str, str, str]] = ()) -> None:
    """A map "Old map" with one node, Reps, and ``snapshot_rows`` (name, taken_at, data JSON)
    in a file at schema revision 0001."""
    conn = MapStore._connect(path)
    with conn.begin():
        from alembic import command

        command.upgrade(migrate.alembic_config(conn), "0001")
    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.exec_driver_sql("PRAGMA user_version = 1")
    conn.exec_driver_sql("INSERT INTO map VALUES (1, 'Old map', '', '[]', '{}')")
    conn.exec_driver_sql("INSERT INTO category VALUES ('people', 'People', '#E69F00', "
                         "'circle', 0)")
    conn.exec_driver_sql("INSERT INTO node (pk, ext_id, label, category, tags, attributes) "
                         "VALUES (1, 'reps', 'Reps', 'people', '[]', '{}')")
    for row in snapshot_rows:
        conn.exec_driver_sql("INSERT INTO snapshot (name, taken_at, data) VALUES (?, ?, ?)",
                             row)
    conn.commit()
    conn.close()
    conn.engine.dispose()
