"""Running scenarios, printing the table and writing ``benchmarks/results.json``."""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """One measured figure beside its target and a raw baseline from the same run."""

    name: str
    value: float
    unit: str
    target: float
    baseline: float
    baseline_label: str
    runs: tuple[float, ...] = ()  # every measured value, in the figure's unit

    @property
    def spread(self) -> float:
        """Largest minus smallest of the runs (0 for a single measurement)."""
        return max(self.runs) - min(self.runs) if self.runs else 0.0

    @property
    def meets_target(self) -> bool:
        return self.value <= self.target


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """Measures the block's wall time; the elapsed seconds land in the list."""
    box: list[float] = []
    start = time.perf_counter()
    yield box
    box.append(time.perf_counter() - start)


def p95(samples: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def run(scenarios: list[Callable[[Path], Figure | list[Figure]]], workdir: Path,
        output: Path) -> bool:
    """Run every scenario, print the table, write the JSON; True when all meet target."""
    figures = []
    print(f"{'scenario':<46} {'median':>10} {'target':>10} {'floor':>10} {'ratio':>7}  ok  "
          "floor is (spread: ± half the range of the runs)")
    for scenario in scenarios:
        gc.collect()  # each scenario starts without the garbage of the one before
        found = scenario(workdir)
        for figure in found if isinstance(found, list) else [found]:
            figures.append(figure)
            _print(figure)
    output.write_text(json.dumps(
        [{**asdict(f), "spread": f.spread, "meets_target": f.meets_target} for f in figures],
        indent=2) + "\n")
    print(f"\nwrote {output}")
    return all(f.meets_target for f in figures)


def median_of(runs: int, measure: Callable[[], float]) -> tuple[float, tuple[float, ...]]:
    """The median of ``runs`` measurements, and every one of them."""
    values = tuple(measure() for _ in range(runs))
    return statistics.median(values), values


def _print(figure: Figure) -> None:
    spread = f" (±{figure.spread / 2:.3f}, {len(figure.runs)} runs)" if figure.runs else ""
    ratio = f"{figure.value / figure.baseline:>6.1f}x" if figure.baseline else "     — "
    print(f"{figure.name:<46} {figure.value:>8.3f}{figure.unit:<2} "
          f"{figure.target:>8.3f}{figure.unit:<2} {figure.baseline:>8.3f}{figure.unit:<2}"
          f" {ratio}  {'yes' if figure.meets_target else 'NO '} "
          f"{figure.baseline_label}{spread}", flush=True)
