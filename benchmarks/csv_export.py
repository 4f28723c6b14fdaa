"""CSV export of a history of N years (10 by default): wall time, CPU time and, with
``--instructions``, the instructions one export runs (valgrind), which a busy machine
changes far less than times.

Fills a fresh history with its own code (``history_data.py``), exports it ``--runs``
times and prints each figure's median as a ``figure:`` line, so that ``alternate.py``
can run it on this checkout and on a baseline side by side. Instructions are counted by
valgrind's cachegrind (no cache simulation) over two runs of this script, one that opens
the history and exports twice and one that exports once: the difference is one export
after the first, as timed (Python's start, imports and the first export's own costs
cancel out). Usage:

    .venv/bin/python benchmarks/csv_export.py [--years 10] [--runs 7] [--instructions]
    .venv/bin/python benchmarks/alternate.py --baseline 8fa9ab6 --runs 5 -- \\
        benchmarks/csv_export.py --runs 7 --instructions
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from history_data import fill  # noqa: E402
from selfmassage.core.history import HistoryStore  # noqa: E402
from selfmassage.core.history_export import export_csv  # noqa: E402

TODAY = date(2026, 11, 27)


def export_only(history: Path, exports: int) -> None:
    """What valgrind runs: open the history, export ``exports`` times."""
    with HistoryStore(history) as store:
        for _ in range(exports):
            export_csv(store, history.with_name("out.csv"))


def instructions(history: Path) -> float | None:
    """Instructions (millions) of one export, or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    counts = []
    for exports in (1, 2):
        result = subprocess.run(
            [
                "valgrind",
                "--tool=cachegrind",
                "--cache-sim=no",
                "--cachegrind-out-file=/dev/null",
                sys.executable,
                __file__,
                "--export-only",
                str(history),
                "--exports",
                str(exports),
            ],
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            check=True,
        )
        found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
        assert found is not None, result.stderr
        counts.append(int(found[1].replace(",", "")))
    return (counts[1] - counts[0]) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--export-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--exports", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_only:
        export_only(args.export_only, args.exports)
        return 0

    folder = Path(tempfile.mkdtemp(prefix="selfmassage-csv-bench-"))
    try:
        history = folder / "history.sqlite3"
        sessions = fill(history, days=365 * args.years, per_day=2.35, today=TODAY)
        print(f"{args.years} years: {sessions} sessions; TZ={os.environ.get('TZ', '')}")
        walls, cpus = [], []
        with HistoryStore(history) as store:
            export_csv(store, folder / "out.csv")  # files and caches warm, not counted
            for _ in range(args.runs):
                wall, cpu = time.perf_counter(), time.process_time()
                export_csv(store, folder / "out.csv")
                cpus.append((time.process_time() - cpu) * 1000)
                walls.append((time.perf_counter() - wall) * 1000)
        print(f"figure: CSV export wall, {args.years} years = {statistics.median(walls):.1f} ms")
        print(f"figure: CSV export CPU, {args.years} years = {statistics.median(cpus):.1f} ms")
        if args.instructions and (counted := instructions(history)) is not None:
            print(f"figure: CSV export instructions, {args.years} years = {counted:.1f} M")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
