"""All the checks on a 300-node map (live as you edit) and on the 10,000-node map."""

from __future__ import annotations

from app.analysis import analyze
from benchmarks.generate import large_map
from benchmarks.harness import Result, best_of


def measure() -> list[Result]:
    small = large_map(300, 900, seed=3)
    large = large_map()
    return [
        Result("all checks, 300 nodes / 900 connections", best_of(5, lambda: analyze(small)),
               0.100),
        Result("all checks, 10,000 nodes / 30,000 connections (background)",
               best_of(2, lambda: analyze(large)), 5.0),
    ]
