"""``python -m benchmarks``: run every scenario and write benchmarks/results.json.

The order is fixed: the core (import, one store write, re-anchoring), each
importer on an article-sized file, the real
window (open, tag, scroll, start-up), the review queue at 100,000 passages,
team work (merge, a revised article, another tool's W3C file, agreement),
then the exporters, whose large heaps would otherwise weigh on the window's,
and last the commands at 100,000 passages, each in a process of its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks import (
    core_scenarios,
    export_scenarios,
    import_scenarios,
    review_scenarios,
    scale_scenarios,
    team_scenarios,
    ui_scenarios,
)
from benchmarks.harness import run


def main() -> int:
    here = Path(__file__).resolve().parent
    workdir = here / ".work"
    workdir.mkdir(exist_ok=True)
    # The window's scenarios first: the exporters' leave a large heap behind.
    scenarios = [*core_scenarios.SCENARIOS, *import_scenarios.SCENARIOS,
                 *ui_scenarios.SCENARIOS,
                 *review_scenarios.SCENARIOS, *team_scenarios.SCENARIOS,
                 *export_scenarios.SCENARIOS, *scale_scenarios.SCENARIOS]
    ok = run(scenarios, workdir, here / "results.json")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
