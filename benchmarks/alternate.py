"""Runs a benchmark script side by side against a baseline: the code of this checkout and
the code of a git ref, one after the other, several times, in one run.

Each run is a fresh process; the baseline's ``src`` (from ``git archive``) goes first on
PYTHONPATH, so the same script imports the other code. A script reports its figures as
lines ``figure: <name> = <number> <unit>``; this prints each figure's median, best and
worst on both sides, and the load average before and after. Usage:

    .venv/bin/python benchmarks/alternate.py --baseline f0eca6f --runs 5 -- \\
        benchmarks/build_page.py
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
_FIGURE = re.compile(r"^figure: (?P<name>.+?) = (?P<value>[-\d.]+) ?(?P<unit>\S*)$", re.M)


def baseline_src(ref: str) -> Path:
    archive = subprocess.run(
        ["git", "archive", ref, "src", "assets"], cwd=HERE.parent, capture_output=True, check=True
    ).stdout
    folder = Path(tempfile.mkdtemp(prefix="selfmassage-baseline-"))
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="git ref of the baseline code")
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="the baseline's src folder in a checkout of it (a git worktree), used as it is "
        "instead of extracting the ref",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--warm-up",
        type=int,
        default=1,
        help="runs of each side first, not counted (bytecode caches written, files read once)",
    )
    parser.add_argument("--keep", type=Path, help="a folder to keep each run's output in")
    parser.add_argument(
        "--baseline-first", action="store_true", help="each round runs the baseline first"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = [part for part in args.command if part != "--"]
    extracted = args.baseline_src is None
    sides = {
        "now": None,
        args.baseline: baseline_src(args.baseline) if extracted else args.baseline_src.resolve(),
    }
    if args.baseline_first:
        sides = dict(reversed(sides.items()))
    figures: dict[tuple[str, str], list[float]] = {}
    units: dict[str, str] = {}
    print(f"load before: {os.getloadavg()[0]:.1f}", flush=True)
    for run in range(-args.warm_up, args.runs):
        for side, src in sides.items():
            env = dict(os.environ)
            # As installed: bytecode cached (compiling every module at each start is not
            # what a person's start pays, and it differs between the sides).
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            if src is not None:
                env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
            result = subprocess.run(
                [sys.executable, *command], env=env, capture_output=True, text=True, timeout=1800
            )
            if result.returncode != 0:
                print(result.stdout, result.stderr, sep="\n")
                raise SystemExit(f"{side}, run {run + 1}: failed ({result.returncode})")
            if run < 0:
                print(f"warm-up {side}: done", flush=True)
                continue
            if args.keep is not None:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{side}-{run + 1}.txt").write_text(result.stdout + result.stderr)
            for found in _FIGURE.finditer(result.stdout):
                name = found["name"]
                figures.setdefault((name, side), []).append(float(found["value"]))
                units[name] = found["unit"]
            print(f"run {run + 1} {side}: done", flush=True)
    baseline = sides[args.baseline]
    if baseline is not None and extracted:
        shutil.rmtree(baseline.parent, ignore_errors=True)
    print(
        f"load after: {os.getloadavg()[0]:.1f}; {args.runs} runs each, alternating, "
        f"after {args.warm_up} not counted"
    )
    for name in units:
        for side in sides:
            values = figures.get((name, side), [])
            if values:
                print(
                    f"{name:46} {side:>8}: median {statistics.median(values):8.1f} "
                    f"best {min(values):8.1f} worst {max(values):8.1f} {units[name]}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
