"""Building a routine for all 21 regions on both sides (target: well under 50 ms).

Runs the builder many times for each budget (a refusal at 5 minutes, routines at 30
minutes and with no limit) with every tool owned and mixed soreness, after one warm-up
build that also reads the catalog, and prints median, p95 and worst times. Usage:

    .venv/bin/python benchmarks/builder.py [--runs 500]
"""

from __future__ import annotations

import argparse
import time
from functools import partial

from measure import Summary, time_calls
from selfmassage.core.anatomy import ALL_REGION_SIDES
from selfmassage.core.builder import BuildRequest, Built, build_routine
from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Tool
from selfmassage.core.selection import Selection


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()

    started = time.perf_counter()
    load_catalog()
    print(f"catalog load (first, cold): {(time.perf_counter() - started) * 1000:.2f} ms")

    selection = Selection({place: index % 11 for index, place in enumerate(ALL_REGION_SIDES)})
    for budget in (5, 30, None):
        request = BuildRequest(selection, frozenset(Tool), budget)
        result = build_routine(request)
        kind = f"{len(result.routine.steps)} steps" if isinstance(result, Built) else "refusal"
        times = Summary.of(time_calls(partial(build_routine, request), args.runs))
        label = "no limit" if budget is None else f"{budget} min"
        print(f"42 places, {label:>8} ({kind}): {times.describe(digits=3)}")


if __name__ == "__main__":
    main()
