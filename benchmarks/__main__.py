"""``make bench``: every figure beside its target, and beside a bare baseline where one exists.

Each ``bench_*`` module runs in a Python process of its own, as Ecomap runs for a user: what
one benchmark leaves in memory (a 10,000-node map, a window, threads) must not slow the next
one's figures (a collector pass over another benchmark's heap is a freeze no user sees).
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import subprocess
import sys

import benchmarks
from benchmarks.harness import Result, print_table

ONE = "--one"  # run one module here and print its results as JSON lines (for the parent)
RESULT = "result: "  # how such a line starts


def modules(only: list[str]) -> list[str]:
    return [name for name in sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__))
            if name.startswith("bench_") and (not only or name in only)]


def main(only: list[str]) -> int:
    results, failed = [], []
    for module in modules(only):
        print(f"running {module}…", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, "-m", "benchmarks", ONE, module],
                              stdout=subprocess.PIPE, text=True)
        if done.returncode != 0:
            failed.append(module)
            continue
        for line in done.stdout.splitlines():
            if line.startswith(RESULT):
                results.append(Result(**json.loads(line.removeprefix(RESULT))))
            else:
                print(line)  # what a benchmark shows besides its figures (layout tables)
    print_table(results)
    if failed:
        print(f"failed to measure: {', '.join(failed)} (see above)", file=sys.stderr)
        return 1
    return 0


def run_one(module: str) -> int:
    for result in importlib.import_module(f"benchmarks.{module}").measure():
        print(RESULT + json.dumps(dataclasses.asdict(result)), flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == [ONE]:
        sys.exit(run_one(sys.argv[2]))
    sys.exit(main(sys.argv[1:]))
