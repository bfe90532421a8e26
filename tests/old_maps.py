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


def older_copy(current: Path, old: Path, revision: str) -> None:
    """The map in the up-to-date file ``current`` written into ``old`` as an Ecomap of schema
    ``revision`` wrote it: the tables of that revision, and each snapshot's data holding only
    its nodes and connections (older Ecomaps kept no note, building blocks or settings with a
    snapshot)."""
    conn = MapStore._connect(old)
    with conn.begin():
        from alembic import command

        command.upgrade(migrate.alembic_config(conn), revision)
    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.exec_driver_sql(f"PRAGMA user_version = {migrate.REVISIONS[revision]}")
    conn.exec_driver_sql("ATTACH DATABASE ? AS now", (str(current),))
    for table in ("map", "category", "node", "edge"):
        conn.exec_driver_sql(f"INSERT INTO main.{table} SELECT * FROM now.{table}")
    conn.exec_driver_sql(
        "INSERT INTO main.snapshot (pk, name, taken_at, data) SELECT pk, name, taken_at, "
        "json_object('nodes', json(data) -> '$.nodes', 'edges', json(data) -> '$.edges') "
        "FROM now.snapshot")
    conn.commit()
    conn.exec_driver_sql("DETACH DATABASE now")
    conn.close()
    conn.engine.dispose()
