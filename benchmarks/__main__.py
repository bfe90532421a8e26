"""``make bench``: every figure beside its target, and beside a bare baseline where one exists."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks
from benchmarks.harness import print_table


def main(only: list[str]) -> int:
    results = []
    for module in sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)):
        if not module.startswith("bench_") or (only and module not in only):
            continue
        print(f"running {module}…", file=sys.stderr, flush=True)
        results += importlib.import_module(f"benchmarks.{module}").measure()
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
