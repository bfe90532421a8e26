"""Timing helpers and the printed table shared by every benchmark."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    seconds: float
    target: float | None = None  # seconds; None where design.md sets no absolute target
    baseline: float | None = None  # a bare equivalent measured in the same run
    ratio_target: float | None = None  # allowed multiple of the baseline

    def verdict(self) -> str:
        ok = (self.target is None or self.seconds <= self.target) and (
            self.ratio_target is None or self.seconds <= self.ratio_target * self.baseline)
        return "ok" if ok else "MISSED"


def best_of(repeat: int, work: Callable[[], object], setup: Callable[[], object] = lambda: None,
            ) -> float:
    """The fastest of ``repeat`` runs (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(repeat):
        setup()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(samples: list[float]) -> float:
    return statistics.median(samples)


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_table(results: list[Result]) -> None:
    header = f"{'measure':<58} {'measured':>10} {'target':>10} {'bare':>10} {'ratio':>14}  "
    print(header + "verdict")
    print("-" * (len(header) + 7))
    for r in results:
        ratio = "—"
        if r.baseline:
            ratio = f"{r.seconds / r.baseline:.2f}×"
            if r.ratio_target:
                ratio += f" (≤{r.ratio_target:g}×)"
        print(f"{r.name:<58} {fmt(r.seconds):>10} {fmt(r.target):>10} {fmt(r.baseline):>10} "
              f"{ratio:>14}  {r.verdict()}")
