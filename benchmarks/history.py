"""The history at ten years: page open and draw, insight queries, export, start-up checks.

Fills a fresh history with about 7,300 sessions and 60,000 steps (two routines on most
days for ten years), then measures, as medians of several runs:

- the history page: built, filled and drawn the first time it is shown (target < 150 ms)
- each insight query and the whole overview (target < 50 ms each)
- CSV export (target < 1 s), JSON export and import, for scale
- what every start pays: the integrity check, recovery, a daily backup

With ``--kills N`` it also runs the kill test N times (SIGKILL of a headless run at a
random moment; integrity and no lost step checked after each). Usage:

    .venv/bin/python benchmarks/history.py [--runs 7] [--kills 100]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "unit"))

from history_data import fill  # noqa: E402
from measure import time_calls  # noqa: E402
from selfmassage.core.history import HistoryStore  # noqa: E402
from selfmassage.core.history_backups import is_healthy, make_daily_backup, open_history  # noqa: E402
from selfmassage.core.history_export import export_csv, export_json, import_json  # noqa: E402
from selfmassage.core.history_queries import (  # noqa: E402
    insights,
    list_sessions,
    minutes_per_region,
    minutes_per_week,
    overview,
    session_days,
    soreness_change_per_region,
    soreness_over_time,
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
        assert page is not None and page.model.total > 7000
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--kills", type=int, default=0)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="selfmassage-history-bench-"))
    history_file = folder / "history.sqlite3"
    start = time.perf_counter()
    sessions = fill(history_file, days=3650, per_day=2.35, today=TODAY)
    store = HistoryStore(history_file)
    steps = store.conn.execute("SELECT count(*) FROM steps").fetchone()[0]
    size = history_file.stat().st_size / 1e6
    print(
        f"ten years: {sessions} sessions, {steps} steps, {size:.1f} MB, "
        f"made in {time.perf_counter() - start:.1f} s"
    )
    conn = store.conn
    since = datetime.combine(TODAY - timedelta(days=29), datetime.min.time(), UTC)

    print("\nthe history page (target < 150 ms)")
    page_ms, tab_ms = bench_page(history_file, args.runs)
    report("page built, filled and drawn on first show", page_ms, 150)
    for name, ms in tab_ms.items():
        report(f"{name} tab, built and drawn on first view", ms, 150)

    print("\ninsight queries (target < 50 ms each)")
    report("insights (sentences)", median_ms(lambda: insights(conn, TODAY), args.runs), 50)
    report(
        "soreness change per region",
        median_ms(lambda: soreness_change_per_region(conn), args.runs),
        50,
    )
    report(
        "minutes per region, last 30 days",
        median_ms(lambda: minutes_per_region(conn, since), args.runs),
        50,
    )
    report("minutes per week", median_ms(lambda: minutes_per_week(conn, TODAY, 12), args.runs), 50)
    report(
        "soreness over time (calves)",
        median_ms(lambda: soreness_over_time(conn, "calves"), args.runs),
        50,
    )
    report("days with a session (calendar)", median_ms(lambda: session_days(conn), args.runs), 50)
    report("session list (all)", median_ms(lambda: list_sessions(conn), args.runs))
    report("whole overview (all of the above)", median_ms(lambda: overview(conn, TODAY), args.runs))

    print("\nexport and import (CSV target < 1 s)")
    report("CSV export", median_ms(lambda: export_csv(store, folder / "x.csv"), args.runs), 1000)
    report("JSON export", median_ms(lambda: export_json(store, folder / "x.json"), args.runs))

    def import_fresh() -> None:
        target = folder / "imported.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        with HistoryStore(target) as fresh:
            import_json(fresh, folder / "x.json")

    report("JSON import into an empty history", median_ms(import_fresh, 3))
    with HistoryStore(folder / "imported.sqlite3") as again:
        report(
            "JSON import again (all already there)",
            median_ms(lambda: import_json(again, folder / "x.json"), 3),
        )
    store.close()

    print("\nwhat a start pays")
    report("quick integrity check", median_ms(lambda: is_healthy(history_file), args.runs))
    report(
        "open, check and recover",
        median_ms(lambda: open_history(history_file).store.close(), args.runs),
    )  # type: ignore[union-attr]

    def backup() -> None:
        for old in (folder / "backups").glob("*.sqlite3"):
            old.unlink()
        make_daily_backup(history_file, TODAY)

    report("daily backup (backup API, off the GUI thread)", median_ms(backup, 3))

    if args.kills:
        print()
        bench_kills(args.kills)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
