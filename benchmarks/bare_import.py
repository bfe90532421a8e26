"""The bare equivalent of ``ecomap import`` for ``bench_cli``: read the JSON map and insert the
same rows with sqlite3 in one transaction, nothing checked. Run as a script: SOURCE.json OUT."""

import json
import sqlite3
import sys

SCHEMA = """
CREATE TABLE node (pk INTEGER PRIMARY KEY, ext_id TEXT UNIQUE, label TEXT, category TEXT,
  kind TEXT, informal INT, reach INT, x REAL, y REAL, tags TEXT, description TEXT,
  attributes TEXT);
CREATE TABLE edge (pk INTEGER PRIMARY KEY, ext_id TEXT UNIQUE, source INT, target INT,
  kind TEXT, strength INT, directed INT, note TEXT);
"""


def main(source: str, out: str) -> None:
    with open(source, encoding="utf-8") as handle:
        doc = json.load(handle)
    conn = sqlite3.connect(out)
    conn.executescript(SCHEMA)
    pk = {n["id"]: i for i, n in enumerate(doc["nodes"], 1)}
    with conn:
        conn.executemany("INSERT INTO node VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
            (pk[n["id"]], n["id"], n["label"], n["category"], n.get("kind", ""),
             n.get("informal", False), n.get("reach"), n.get("x"), n.get("y"),
             json.dumps(n.get("tags", [])), n.get("description", ""),
             json.dumps(n.get("attributes", {})))
            for n in doc["nodes"]])
        conn.executemany("INSERT INTO edge VALUES (?,?,?,?,?,?,?,?)", [
            (i, e.get("id", f"e{i}"), pk[e["source"]], pk[e["target"]], e.get("kind", ""),
             e.get("strength", 3), e.get("directed", True), e.get("note", ""))
            for i, e in enumerate(doc["edges"], 1)])
    conn.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
