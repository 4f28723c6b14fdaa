"""The history at 1, 10 and 40 years: the page, the insights, CSV export, the start.

Fills fresh histories (two routines on most days: about 730 sessions a year, 8 steps
each), then, round after round, measures at every size in turn, so that all sizes and
both sides of each comparison see the same machine load:

- the history page: built, filled and drawn the first time it is shown (target: 60 ms at
  40 years);
- the overview's queries (what the page asks for);
- CSV export, wall time and CPU time (target: 0.3 s at 10 years); with ``--baseline
  REF`` also the export as it is in that git ref, loaded beside it;
- what a start pays for the history: open after a clean exit (no integrity check now),
  and open with the check (what every start paid before, and what a start after a
  crash still pays).

Each figure's median is also printed as a ``figure:`` line, so ``alternate.py`` can run
this script on this checkout and on a baseline's code side by side (each side fills its
own histories with its own code: the baseline's have no running figures).

With ``--kills N`` it also runs the kill test N times (SIGKILL of a headless run at a
random moment; integrity and no lost step checked after each). Usage:

    .venv/bin/python benchmarks/history.py [--runs 5] [--years 1,10,40] [--kills 100]
    .venv/bin/python benchmarks/alternate.py --baseline 95883bd --runs 5 -- \\
        benchmarks/history.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "unit"))

from history_data import fill  # noqa: E402
from measure import time_calls  # noqa: E402
from selfmassage.core.history import HistoryStore  # noqa: E402
from selfmassage.core.history_backups import open_history  # noqa: E402
from selfmassage.core.history_export import export_csv  # noqa: E402
from selfmassage.core.history_queries import (  # noqa: E402
    overview,
)

TODAY = date(2026, 11, 27)


def median_ms(action: Callable[[], object], runs: int) -> float:
    return statistics.median(time_calls(action, runs))


def report(name: str, ms: float, target: float | None = None) -> None:
    verdict = "" if target is None else ("  ok" if ms < target else f"  OVER {target:g} ms")
    print(f"{name:44} {ms:9.1f} ms{verdict}")


def bench_page(history_file: Path, runs: int) -> tuple[float, dict[str, float]]:
    from PySide6.QtWidgets import QApplication

    from selfmassage.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    # QtCharts is imported with the page; do it once first so each run measures the page.
    import selfmassage.ui.history.history_page  # noqa: F401
    from selfmassage.ui.history.history_presenter import HistoryPresenter

    times = []
    tabs: dict[str, list[float]] = {}
    for _ in range(runs):
        window = MainWindow()
        window.resize(1100, 720)
        window.show()
        app.processEvents()
        presenter = HistoryPresenter(window, history_file, "0.1.0", today=lambda: TODAY)
        start = time.perf_counter()
        window.show_page("history")
        window.repaint()  # draw now, synchronously
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        page = presenter.page
        assert page is not None and page.model.total > 100
        for index in range(1, page.tabs.count()):
            start = time.perf_counter()
            page.tabs.setCurrentIndex(index)
            window.repaint()
            app.processEvents()
            name = page.tabs.tabText(index).replace("&", "")
            tabs.setdefault(name, []).append((time.perf_counter() - start) * 1000)
        presenter.store.close()  # type: ignore[union-attr]
        window.close()
        window.deleteLater()
        app.processEvents()
    return statistics.median(times), {name: statistics.median(t) for name, t in tabs.items()}


def bench_kills(count: int) -> None:
    import random

    from test_history_kill import check_after_kill, run_and_kill, write_routine

    home = Path(tempfile.mkdtemp(prefix="selfmassage-kill-"))
    os.environ["SELFMASSAGE_HOME"] = str(home)
    history_file = home / "data" / "history.sqlite3"
    routine = write_routine(home)
    rng = random.Random(1)
    outcomes: dict[str, int] = {}
    sessions = 0
    start = time.perf_counter()
    for _ in range(count):
        printed = run_and_kill(routine, rng.uniform(0.3, 2.4))
        outcome = check_after_kill(history_file, printed, sessions)
        sessions += outcome != "none"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    seconds = time.perf_counter() - start
    print(f"kill test: {count} SIGKILLs, all checks passed in {seconds:.0f} s: {outcomes}")


def baseline_export(folder: Path, ref: str) -> Callable[[HistoryStore, Path], object]:
    """export_csv as it is in ``ref`` (git), loaded beside today's: the side-by-side baseline."""
    import importlib.util
    import subprocess

    source = subprocess.run(
        ["git", "show", f"{ref}:src/selfmassage/core/history_export.py"],
        cwd=HERE.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = folder / "baseline_history_export.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("baseline_history_export", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module.export_csv  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", default="1,10,40")
    parser.add_argument(
        "--baseline", default="", help="git ref of an export to run beside today's (f0eca6f)"
    )
    parser.add_argument("--kills", type=int, default=0)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="selfmassage-history-bench-"))
    old_export = baseline_export(folder, args.baseline) if args.baseline else None
    files: dict[int, Path] = {}
    for years in (int(y) for y in args.years.split(",")):
        history_file = folder / f"history-{years}y.sqlite3"
        start = time.perf_counter()
        sessions = fill(history_file, days=365 * years, per_day=2.35, today=TODAY)
        with HistoryStore(history_file) as store:
            steps = store.conn.execute("SELECT count(*) FROM steps").fetchone()[0]
        size = history_file.stat().st_size / 1e6
        print(
            f"{years} years: {sessions} sessions, {steps} steps, {size:.1f} MB, "
            f"made in {time.perf_counter() - start:.1f} s"
        )
        files[years] = history_file

    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    import selfmassage.ui.history.history_page  # noqa: F401  (QtCharts, once)

    measures = (
        "page built, filled, drawn",
        "overview queries",
        "CSV export, now",
        "CSV export, CPU",
        f"CSV export, {args.baseline}",
        "start: open, no check",
        "start: open with the check",
        "Calendar tab, first view",
        "Charts tab, first view",
        "Body tab, first view",
    )
    results: dict[tuple[int, str], list[float]] = {}
    for _ in range(args.runs):
        for years, history_file in files.items():  # alternating: every measure every round
            stores = HistoryStore(history_file)
            actions: dict[str, Callable[[], object]] = {
                measures[1]: lambda c=stores.conn: overview(c, TODAY),
                measures[2]: lambda s=stores: export_csv(s, folder / "now.csv"),
            }
            if old_export is not None:
                actions[measures[4]] = lambda s=stores: old_export(s, folder / "old.csv")
            page_ms, tabs = bench_page(history_file, 1)
            results.setdefault((years, measures[0]), []).append(page_ms)
            for tab, ms in tabs.items():
                results.setdefault((years, f"{tab} tab, first view"), []).append(ms)
            for name, action in actions.items():
                results.setdefault((years, name), []).extend(time_calls(action, 1))
            cpu = time.process_time()
            export_csv(stores, folder / "now.csv")
            results.setdefault((years, measures[3]), []).append((time.process_time() - cpu) * 1000)
            stores.close()
            for name, check in ((measures[5], None), (measures[6], True)):

                def open_and_close(check: bool | None = check, path: Path = history_file) -> None:
                    opened = open_history(path, check=check)
                    assert opened.store is not None
                    opened.store.close()

                results.setdefault((years, name), []).extend(time_calls(open_and_close, 1))

    print(f"\nmedians of {args.runs} rounds, alternating; load {os.getloadavg()[0]:.1f}")
    print(f"{'ms':34}" + "".join(f"{f'{y} years':>12}" for y in files))
    for name in measures:
        if (next(iter(files)), name) not in results:
            continue
        cells = "".join(f"{statistics.median(results[(y, name)]):12.1f}" for y in files)
        print(f"{name:34}{cells}")
    for name in measures:
        for years in files:
            if (years, name) in results:
                median = statistics.median(results[(years, name)])
                print(f"figure: {name}, {years} years = {median:.1f} ms")
    shutil.rmtree(folder, ignore_errors=True)  # 100 MB of histories a run

    if args.kills:
        print()
        bench_kills(args.kills)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
