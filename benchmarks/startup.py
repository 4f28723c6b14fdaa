"""Start-up time and peak memory: the app's --exit-after-startup against a bare Qt window.

Runs the two alternately, several times each, in one run so that both see the same
machine load, and prints medians and the ratio. Usage:

    .venv/bin/python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time in ms and peak RSS in MB of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="selfmassage-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFMASSAGE_HOME": home}
    commands = {
        "bare window": [sys.executable, str(HERE / "bare_window.py")],
        "selfmassage": [sys.executable, "-m", "selfmassage", "--exit-after-startup"],
    }
    for command in commands.values():  # warm the file cache once
        measure(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            elapsed, rss = measure(command, env)
            times[name].append(elapsed)
            memory[name].append(rss)
    print(f"{args.runs} runs each, offscreen, alternating")
    print(f"{'':14}{'median ms':>10}{'min ms':>9}{'peak RSS MB':>13}")
    for name in commands:
        print(
            f"{name:14}{statistics.median(times[name]):10.0f}{min(times[name]):9.0f}"
            f"{max(memory[name]):13.1f}"
        )
    ratio = statistics.median(times["selfmassage"]) / statistics.median(times["bare window"])
    print(f"ratio (median selfmassage / median bare window): {ratio:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
