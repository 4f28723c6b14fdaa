"""The packaged build against its budgets: .deb size, installed size, start-up time.

Start-up is `selfmassage --exit-after-startup` (offscreen) from the PyInstaller bundle and
from the virtual environment, run alternately so both see the same machine load.
Usage (build the bundle and the .deb first with packaging/linux/build-deb):

    .venv/bin/python benchmarks/bundle.py [--runs 15] [--bundle DIR] [--deb FILE]

Budgets (issue 8): .deb <= 60 MiB, installed bundle <= 220 MB, bundle start-up within
1.3x of the venv's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from measure import run_process, table

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "packaging" / "out"
DEB_BUDGET_MIB = 60
INSTALLED_BUDGET_MB = 220
STARTUP_BUDGET_RATIO = 1.3


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--bundle", type=Path, default=OUT / "dist" / "selfmassage")
    parser.add_argument("--deb", type=Path, help="default: the newest packaging/out/*.deb")
    args = parser.parse_args()

    executable = args.bundle / "selfmassage"
    if not executable.is_file():
        raise SystemExit(f"no bundle at {args.bundle}: run packaging/linux/build-deb first")
    debs = sorted(OUT.glob("selfmassage_*.deb"), key=lambda p: p.stat().st_mtime)
    deb = args.deb or (debs[-1] if debs else None)

    failures = 0
    print("sizes")
    if deb is not None and deb.is_file():
        deb_mib = deb.stat().st_size / 2**20
        failures += deb_mib > DEB_BUDGET_MIB
        print(
            f"  {deb.name:34}{deb_mib:8.1f} MiB  (budget {DEB_BUDGET_MIB})  "
            f"{verdict(deb_mib <= DEB_BUDGET_MIB)}"
        )
    else:
        print("  .deb: not built (packaging/linux/build-deb)")
    bundle_mb = folder_bytes(args.bundle) / 1e6
    failures += bundle_mb > INSTALLED_BUDGET_MB
    print(
        f"  {'installed bundle':34}{bundle_mb:8.1f} MB   (budget {INSTALLED_BUDGET_MB})  "
        f"{verdict(bundle_mb <= INSTALLED_BUDGET_MB)}"
    )

    home = tempfile.mkdtemp(prefix="selfmassage-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFMASSAGE_HOME": home}
    commands = {
        "venv": [sys.executable, "-m", "selfmassage", "--exit-after-startup"],
        "bundle": [str(executable), "--exit-after-startup"],
    }
    for command in commands.values():  # warm the file cache once
        run_process(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            run = run_process(command, env)
            times[name].append(run.wall_ms)
            memory[name].append(run.peak_rss_mb)
    print(f"start-up: --exit-after-startup, offscreen, {args.runs} runs each, alternating")
    rows = [
        (
            name,
            f"{statistics.median(times[name]):.0f}",
            f"{min(times[name]):.0f}",
            f"{max(memory[name]):.1f}",
        )
        for name in commands
    ]
    print(table(("", "median ms", "min ms", "peak RSS MB"), rows))
    ratio = statistics.median(times["bundle"]) / statistics.median(times["venv"])
    failures += ratio > STARTUP_BUDGET_RATIO
    print(
        f"  ratio bundle / venv (medians): {ratio:.2f}  (budget {STARTUP_BUDGET_RATIO})  "
        f"{verdict(ratio <= STARTUP_BUDGET_RATIO)}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
