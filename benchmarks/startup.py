"""Start-up time and peak memory: the app's --exit-after-startup against a bare Qt window.

Runs them alternately, several times each, in one run so that all see the same machine
load, and prints medians and the ratio. Three programs:

- bare window: QApplication and an empty QMainWindow, shown and painted once;
- selfmassage: ``--exit-after-startup`` with a data folder that has been used before
  (settings written, the body map's drawings cached), as on every start but the first;
- first start: the same with a new, empty data folder every time.

Two figures each: the wall time of the whole process (what the target is set on), and
the time from launching it to its first paint (the bare window prints the monotonic
clock when it paints; the app writes it to its log).

With ``--against SRC`` a fourth program runs alongside: the app from another checkout's
``src`` folder (an older commit, say), with a used data folder of its own, so that a
change is measured side by side with what came before it.

Python's bytecode caches are allowed (PYTHONDONTWRITEBYTECODE is dropped for the
children): an installed wheel has them, compiled by the installer. Usage:

    .venv/bin/python benchmarks/startup.py [--runs 15] [--against ../old/src]
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
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
_PAINT = re.compile(r"monotonic(?: clock)? (\d+\.\d+)")


def measure(command: list[str], env: dict[str, str], painted: Callable[[str], float | None]):
    """Wall ms, ms to the first paint, and peak RSS in MB of one run of ``command``."""
    launched = time.monotonic()
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    out = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed with status {status}")
    paint = painted(out)
    to_paint = (paint - launched) * 1000 if paint is not None else float("nan")
    return elapsed, to_paint, usage.ru_maxrss / 1024


def printed_paint(out: str) -> float | None:
    found = _PAINT.search(out)
    return float(found.group(1)) if found else None


def logged_paint(home: Path) -> Callable[[str], float | None]:
    def read(_out: str) -> float | None:
        log = home / "logs" / "selfmassage.log"
        lines = [line for line in log.read_text().splitlines() if "monotonic" in line]
        return printed_paint(lines[-1]) if lines else None

    return read


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", type=Path, help="another checkout's src folder")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    used_home = Path(tempfile.mkdtemp(prefix="selfmassage-bench-"))
    app = [sys.executable, "-m", "selfmassage", "--exit-after-startup"]

    def bare() -> tuple[float, float, float]:
        return measure([sys.executable, str(HERE / "bare_window.py")], env, printed_paint)

    def used() -> tuple[float, float, float]:
        home_env = {**env, "SELFMASSAGE_HOME": str(used_home)}
        return measure(app, home_env, logged_paint(used_home))

    def first() -> tuple[float, float, float]:
        home = Path(tempfile.mkdtemp(prefix="selfmassage-bench-first-"))
        try:
            return measure(app, {**env, "SELFMASSAGE_HOME": str(home)}, logged_paint(home))
        finally:
            shutil.rmtree(home, ignore_errors=True)

    programs = {"bare window": bare, "selfmassage": used, "first start": first}
    if args.against is not None:
        other_home = Path(tempfile.mkdtemp(prefix="selfmassage-bench-other-"))
        other_env = {**env, "SELFMASSAGE_HOME": str(other_home)}
        other_env["PYTHONPATH"] = str(args.against.resolve())  # ahead of the installed one

        def other() -> tuple[float, float, float]:
            return measure(app, other_env, logged_paint(other_home))

        programs["against"] = other
    for program in programs.values():  # warm the file cache, the bytecode and the app's caches
        program()
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in programs}
    for _ in range(args.runs):
        for name, program in programs.items():
            results[name].append(program())
    shutil.rmtree(used_home, ignore_errors=True)

    print(f"{args.runs} runs each, offscreen, alternating")
    print(f"{'':13}{'median ms':>10}{'min ms':>8}{'to paint ms':>13}{'peak RSS MB':>13}")
    medians = {}
    for name, runs in results.items():
        walls = [run[0] for run in runs]
        medians[name] = (statistics.median(walls), statistics.median(run[1] for run in runs))
        print(
            f"{name:13}{medians[name][0]:10.0f}{min(walls):8.0f}{medians[name][1]:13.0f}"
            f"{max(run[2] for run in runs):13.1f}"
        )
    for name in [name for name in ("selfmassage", "first start", "against") if name in medians]:
        wall = medians[name][0] / medians["bare window"][0]
        paint = medians[name][1] / medians["bare window"][1]
        print(
            f"ratio {name} / bare window: {wall:.2f} whole process (target <= 1.5), "
            f"{paint:.2f} to the first paint"
        )
    if "against" in medians:
        wall = medians["selfmassage"][0] / medians["against"][0]
        paint = medians["selfmassage"][1] / medians["against"][1]
        print(
            f"ratio selfmassage / against ({args.against}): {wall:.2f} whole process, "
            f"{paint:.2f} to the first paint"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
