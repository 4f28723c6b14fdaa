"""The physio's parts at their limits: report files, reports from a long history, the
editor's check per keystroke, PDFs, and the single-instance hand-over. Usage:

    .venv/bin/python benchmarks/physio.py [--runs 20]

Targets: a keystroke in the editor of a 200-step routine under 50 ms (checked and
redrawn); `report check` of the largest report (2,000 sessions) under 200 ms; a report
over ten years of history under 1 s; a handout PDF of 20 steps under 1 s; a second
start handing a file over under 1.5 s (it is a whole Python and Qt start-up).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from measure import Summary, run_process, time_calls
from selfmassage.core.adherence import build_report
from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.report_file import (
    SESSIONS_MAX,
    Report,
    ReportSession,
    dump_report,
    parse_report,
)
from selfmassage.core.routine import Cue, Routine, Schedule, Step, StepSide, Tool
from selfmassage.core.routine_draft import RoutineDraft


def timed(label: str, runs: int, work: Callable[[], object]) -> None:
    print(f"{label}: {Summary.of(time_calls(work, runs, warm_up=True)).describe()}")


def big_routine(steps: int) -> Routine:
    step = Step(
        "calves",
        120,
        StepSide.BOTH,
        Tool.FOAM_ROLLER,
        name="Calf roll",
        instructions="Roll slowly from ankle to knee. " * 20,
        cues=tuple(Cue(at, f"Cue number {at}") for at in range(0, 120, 6)),
    )
    return Routine(
        title="Long routine",
        author="A. Physio",
        description="Notes. " * 200,
        schedule=Schedule(3, 4),
        steps=(step,) * steps,
    )


def biggest_report() -> bytes:
    zone = UTC
    start = datetime(2026, 1, 1, 19, 0, tzinfo=zone)
    places = {f"{r}-{s}": 5 for r in ("calves", "quads", "hamstrings") for s in ("left", "right")}
    sessions = tuple(
        ReportSession(
            started=start + timedelta(hours=4 * n),
            status="completed",
            planned_seconds=600,
            done_seconds=590,
            steps_done=6,
            steps_skipped=0,
            feeling=4,
            soreness_before=places,
            soreness_after=places,
            notes="A note the client wrote after the session. " * 10,
        )
        for n in range(SESSIONS_MAX)
    )
    report = Report(
        created=start,
        routine_title="Calves",
        period_from=start.date(),
        period_to=start.date() + timedelta(days=366),
        sessions=sessions,
        sessions_planned=1000,
    )
    return dump_report(report)


def history_report(folder: Path, runs: int) -> None:
    path = folder / "history.sqlite3"
    moment = [datetime(2016, 1, 1, 18, 0, tzinfo=UTC)]
    with HistoryStore(path, clock=lambda: moment[0]) as store:
        started = time.perf_counter()
        for day in range(0, 3650, 2):  # ten years, every other day
            moment[0] = datetime(2016, 1, 1, 18, 0, tzinfo=UTC) + timedelta(days=day)
            recorder = store.start_session(
                "Calves", planned_seconds=240, soreness_before={"calves": 6}
            )
            for position in range(4):
                recorder.step_ended(
                    StepRecord(position, "calves", "left", "calves.hands.knead", "hands", 60, 60)
                )
            recorder.end(SessionStatus.COMPLETED)
        print(f"(made 1,825 sessions in {time.perf_counter() - started:.1f} s)")
        last = date(2025, 12, 28)
        timed(
            "report of the last 366 days of a 10-year history",
            runs,
            lambda: build_report(
                store.conn, "Calves", last - timedelta(days=366), last, now=moment[0]
            ),
        )


def editor_keystroke(runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from selfmassage.core.catalog import load_catalog
    from selfmassage.ui.physio.routine_editor import RoutineEditor

    app = QApplication.instance() or QApplication([])
    editor = RoutineEditor(load_catalog())
    editor.load_routine(big_routine(200))
    editor.show()
    app.processEvents()
    letters = iter("abcdefghijklmnopqrstuvwxyz" * 1000)

    def keystroke() -> None:
        editor._edit_top("title", editor.draft.title + next(letters))
        app.processEvents()

    timed("editor keystroke, 200 steps x 20 cues (check + redraw)", runs, keystroke)
    draft = RoutineDraft.from_routine(big_routine(200))
    timed("  of which the check alone", runs, lambda: draft.check())
    editor.undo_stack.setClean()
    editor.close()


def pdfs(folder: Path, runs: int) -> None:
    from selfmassage.pdf.handout import export_handout_pdf

    routine = replace(big_routine(20), description="Notes for the client.")
    timed(
        "handout PDF, 20 steps",
        max(runs // 4, 3),
        lambda: export_handout_pdf(routine, folder / "h.pdf"),
    )
    size = (folder / "h.pdf").stat().st_size
    print(f"  ({size / 1024:.0f} KiB)")


def hand_over(folder: Path) -> None:
    env = {**os.environ, "SELFMASSAGE_HOME": str(folder / "home")}
    first = subprocess.Popen(
        [sys.executable, "-m", "selfmassage"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log = folder / "home" / "logs" / "selfmassage.log"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if log.exists() and "listening for other starts" in log.read_text():
                break
            time.sleep(0.05)
        command = [sys.executable, "-m", "selfmassage", str(folder / "x.smroutine")]
        times = [run_process(command, env).wall_ms for _ in range(5)]
        print(
            f"second start hands a file over and exits: median {statistics.median(times):.0f} ms, "
            f"worst {max(times):.0f} ms over 5 runs"
        )
    finally:
        first.kill()
        first.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    data = biggest_report()
    print(f"largest report: {len(data) / 1024:.0f} KiB, {SESSIONS_MAX} sessions")
    timed("report check (parse and validate)", args.runs, lambda: parse_report(data))
    with tempfile.TemporaryDirectory(prefix="selfmassage-bench-") as name:
        folder = Path(name)
        history_report(folder, args.runs)
        editor_keystroke(args.runs)
        pdfs(folder, args.runs)
        hand_over(folder)


if __name__ == "__main__":
    main()
