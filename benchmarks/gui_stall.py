"""How smooth the window stays while a session runs: event-loop stalls and peak memory.

The whole app is built as `selfmassage` starts it (session_app.start_app: the cycle
collector off until the first paint, then on with start-up frozen), with its real Speaker
and espeak-ng unless --no-voice, writing the session to its history as it runs (and
opening the after rating at the end) unless --no-history. A three-minute routine runs on
the player page at real
speed, and a 5 ms heartbeat QTimer (PreciseTimer) measures the event loop: every gap
between two beats longer than 5 ms is time the loop could not run. Along the way the
script pauses, resumes, skips, goes back and adds time, as a person would.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python benchmarks/gui_stall.py
    .venv/bin/python benchmarks/gui_stall.py --seconds 40 --no-voice   # quicker
    .venv/bin/python benchmarks/gui_stall.py --ten-minutes             # peak memory, 11 min

As a person starts a session, the routine is shown on the Routine page first
(session_app.READ_FOR, 1.5 s, before Start). The heartbeat starts half a second before
Start is pressed and runs until after the summary is drawn (Stop, with --seconds), so
Start, every step change, pause, resume, +30 s and Stop are all measured. Figures as
``figure:`` lines for alternate.py.

Targets (issue 18): the longest stall <= 16 ms; peak RSS <= 120 MB.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time

from measure import Heartbeat, peak_rss_mb, percentile, resident_by_mapping


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=0, help="stop after this many seconds (0: the routine)"
    )
    parser.add_argument(
        "--ten-minutes",
        action="store_true",
        help="the ten-minute routine (the issue's for peak memory) instead of three minutes",
    )
    parser.add_argument("--no-voice", action="store_true", help="leave the Speaker out")
    parser.add_argument(
        "--no-history", action="store_true", help="do not write the session to the history"
    )
    parser.add_argument(
        "--where", action="store_true", help="at the end, where the resident memory is"
    )
    args = parser.parse_args()

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SELFMASSAGE_HOME"] = tempfile.mkdtemp(prefix="sm-bench-")

    # session_app first: it takes PySide's import hook out, as the app does.
    from session_app import (
        READ_FOR,
        START_AFTER,
        run_session,
        start_app,
        ten_minute_routine,
        three_minute_routine,
    )

    from PySide6.QtCore import QTimer  # isort: skip

    if args.no_voice:
        import selfmassage.speech.speaker as speaker_module

        speaker_module.Speaker = _silent_speaker()  # type: ignore[misc]
    qt_app, app = start_app(size=(1280, 800), record=not args.no_history)
    if args.no_voice and hasattr(app.session, "prepare_voice"):
        app.session.prepare_voice = None  # no voice to wait for before Start
    heartbeat = Heartbeat()
    controller = app.session.controller
    cues: list[float] = []
    started = time.monotonic()
    controller.cue_due.connect(lambda _cue: cues.append(time.monotonic() - started))

    moments: list[tuple[str, float]] = []
    """What happened when (monotonic): each is given the longest stall right after it."""

    def later(seconds: float, action: object) -> None:
        def act() -> None:
            moments.append((getattr(action, "__name__", "action"), time.monotonic()))
            action()  # type: ignore[operator]

        QTimer.singleShot(int(seconds * 1000), act)

    controller.segment_started.connect(
        lambda event: moments.append((f"part {event.segment.index + 1} starts", time.monotonic()))
    )
    controller.session_started.connect(lambda _t: moments.append(("Start", time.monotonic())))
    controller.finished.connect(lambda _e: moments.append(("end, summary", time.monotonic())))

    # What a person does: a pause, a skip back and forth, a restart, more time; with
    # --seconds, all of it early enough to happen before Stop.
    plan = (12, 15, 40, 70, 150) if not args.seconds else (6, 8, 11, 14, 17)
    for at, action in zip(
        plan,
        (
            controller.pause,
            controller.resume,
            controller.restart_step,
            controller.add_time,
            controller.next_step,
        ),
        strict=True,
    ):
        later(READ_FOR + at, action)  # Start comes READ_FOR after run_session is called

    collections: list[tuple[float, int, float]] = []
    gc_started = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            took = (time.perf_counter() - gc_started[0]) * 1000
            collections.append((time.monotonic() - started, info["generation"], took))

    gc.callbacks.append(on_gc)
    routine = ten_minute_routine() if args.ten_minutes else three_minute_routine()
    wall = run_session(app, routine, heartbeat, seconds=args.seconds)
    peak_mb = peak_rss_mb()  # before the figures below add their own lists

    stalls, busy, gaps = heartbeat.stalls(), heartbeat.busy(), heartbeat.gaps()
    print(f"platform: {qt_app.platformName()}, voice: {'off' if args.no_voice else 'espeak-ng'}")
    print(f"ran {wall:.1f} s, {len(cues)} cues, {len(gaps)} heartbeats")
    print(
        f"event-loop stall: longest {max(stalls):.1f} ms, p99 {percentile(stalls, 0.99):.1f} ms, "
        f"median gap {statistics.median(gaps):.2f} ms (target: longest <= 16 ms)"
    )
    print(
        f"GUI thread busy between two beats (its own work, whatever the machine's load): "
        f"longest {max(busy):.1f} ms, p99 {percentile(busy, 0.99):.1f} ms"
    )
    print(f"machine load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"peak RSS: {peak_mb:.1f} MB (target <= 120 MB)")
    start_stall = max(
        (
            max(0.0, b.gap_ms - heartbeat.interval_ms)
            for b in heartbeat.settled
            if START_AFTER <= b.at <= START_AFTER + 1.0
        ),
        default=0.0,
    )
    print(f"figure: longest stall, Start to summary = {max(stalls):.1f} ms")
    print(f"figure: longest stall, in the second after Start = {start_stall:.1f} ms")
    print(f"figure: p99 stall = {percentile(stalls, 0.99):.1f} ms")
    print(f"figure: GUI thread busy between two beats, longest = {max(busy):.1f} ms")
    print(f"figure: peak RSS = {peak_mb:.1f} MB")
    # The heartbeat's own arrays are in that figure (1.4 MB in ten minutes): here without.
    print(f"figure: peak RSS less the heartbeat's beats = {peak_mb - heartbeat.memory_mb():.1f} MB")
    if collections:
        longest = max(collections, key=lambda c: c[2])
        full = [c for c in collections if c[1] == 2]
        print(
            f"garbage collections: {len(collections)} ({len(full)} full), longest "
            f"{longest[2]:.0f} ms (generation {longest[1]}) at {longest[0]:.1f} s"
        )
    print(
        "worst gaps: "
        + ", ".join(
            f"{beat.gap_ms:.0f} ms (busy {beat.busy_ms:.0f}) at {beat.at:.1f} s"
            for beat in heartbeat.worst(5)
        )
    )
    beats = heartbeat.settled
    print("longest stall within 300 ms after each moment (ms, since Start):")
    seen: set[str] = set()
    worst_after: dict[str, float] = {}
    start_at = next((at for name, at in moments if name == "Start"), heartbeat.started)
    for name, at in moments:
        offset = at - heartbeat.started
        near = [
            max(0.0, b.gap_ms - heartbeat.interval_ms)
            for b in beats
            if offset <= b.at <= offset + 0.3
        ]
        label = name if name not in seen else f"{name} (again)"
        seen.add(name)
        stall = max(near, default=0.0)
        print(f"  {at - start_at:6.1f} s  {label:28} {stall:6.1f}")
        kind = "a part starts" if name.startswith("part ") else name
        if kind != "a part starts" or at - start_at > 0.3:  # the first part is Start's
            worst_after[kind] = max(worst_after.get(kind, 0.0), stall)
    for kind, stall in worst_after.items():
        print(f"figure: longest stall after {kind} = {stall:.1f} ms")
    if args.where:
        print("resident at the end, MB, by mapping (largest 12):")
        for name, mb in list(resident_by_mapping().items())[:12]:
            print(f"  {mb:7.1f}  {name}")
    sys.stdout.flush()
    # Skip the interpreter's teardown: PySide6 can crash collecting Qt objects at exit,
    # which says nothing about the session.
    os._exit(0)


def _silent_speaker() -> type:
    from PySide6.QtCore import QObject, Signal

    class SilentSpeaker(QObject):
        voice_unavailable = Signal(str)
        voices_listed = Signal(list)
        playing = Signal(str)
        available = True
        reason = ""
        muted = False

        def __init__(self, *_args: object, parent: QObject | None = None, **_kw: object) -> None:
            super().__init__(parent)

        def __getattr__(self, name: str) -> object:
            if name.startswith("__"):
                raise AttributeError(name)
            return lambda *_args: None

    return SilentSpeaker


if __name__ == "__main__":
    sys.exit(main())
