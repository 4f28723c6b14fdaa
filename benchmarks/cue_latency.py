"""How late each cue sounds, with real eSpeak NG speech, over a three-minute routine.

The whole app is built as `selfmassage` starts it (session_app.start_app), with its real
Speaker (pyttsx3 + eSpeak NG in the worker thread, QtMultimedia playback), and a
three-minute routine runs on the player page at real speed, from an empty speech cache
(every cue is rendered during the session, as on the first run of a routine). For every
cue that makes a sound, its lateness is the session's own position (pauses excluded) when
the sound actually starts playing (QMediaPlayer reaches PlayingState) minus the cue's
planned time. A cue with a beep and words starts with its beep; the words follow it, and
their lateness is shown apart.
A 5 ms heartbeat QTimer measures the event loop's longest stall; peak RSS at the end.

    .venv/bin/python benchmarks/cue_latency.py            # the full three minutes
    .venv/bin/python benchmarks/cue_latency.py --seconds 60

Budgets: p95 lateness <= 60 ms; longest stall <= 30 ms; peak RSS <= 150 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field

from measure import Heartbeat, peak_rss_mb, percentile


@dataclass
class Due:
    at: float
    kind: str
    text: str
    labels: list[str]
    """The sounds this cue makes, in order: its beep's name, then its words."""
    started: dict[str, float] = field(default_factory=dict)
    """label -> session position when that sound started."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0, help="stop early (0: the routine)")
    args = parser.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SELFMASSAGE_HOME"] = tempfile.mkdtemp(prefix="sm-cues-")

    # session_app first: it takes PySide's import hook out, as the app does.
    from session_app import run_session, start_app, three_minute_routine

    # isort: split
    from selfmassage.core.session import CueDue
    from selfmassage.ui.session.session_controller import STALE_AFTER

    qt_app, app = start_app()
    controller, speaker = app.session.controller, app.voice.speaker

    dues: list[Due] = []
    unmatched: list[str] = []

    def position() -> float:
        session = controller.session
        return session.position(controller.clock()) if session is not None else 0.0

    def on_event(event: object) -> None:
        if isinstance(event, CueDue) and event.late <= STALE_AFTER:
            on_cue(event.cue)

    def on_cue(cue: object) -> None:
        labels = []
        beep, voice = getattr(cue, "beep", None), getattr(cue, "voice", False)
        if beep is not None and not speaker.muted:
            labels.append(str(beep.value if hasattr(beep, "value") else beep))
        if voice and not speaker.muted:
            labels.append(str(cue.text) if speaker.available else "notice")  # type: ignore[attr-defined]
        if os.environ.get("CUE_DEBUG"):
            print(f"  {position():7.3f} due {cue.at} {cue.kind} {labels}", flush=True)  # type: ignore[attr-defined]
        if labels:
            kind = cue.kind  # type: ignore[attr-defined]
            dues.append(Due(cue.at, str(kind.value), cue.text, labels))  # type: ignore[attr-defined]

    def on_playing(label: str) -> None:
        now = position()
        if os.environ.get("CUE_DEBUG"):
            print(f"  {now:7.3f} playing {label[:30]!r}", flush=True)
        for due in dues:
            if label in due.labels and label not in due.started:
                due.started[label] = now
                return
        unmatched.append(label)

    # The engine's own listener, added before the controller's: each cue is recorded
    # before the Speaker hears of it (a beep can start within the same call).
    controller.session_hooks.append(lambda session, _start: session.listeners.append(on_event))
    speaker.playing.connect(on_playing)

    heartbeat = Heartbeat()
    # Three seconds after the end: the last cue's words finish.
    wall = run_session(app, three_minute_routine(), heartbeat, seconds=args.seconds, linger_ms=3000)
    peak_mb = peak_rss_mb()  # before the figures below add their own lists

    first_sound = [
        (due.started[due.labels[0]] - due.at) * 1000 for due in dues if due.labels[0] in due.started
    ]
    words = [
        (due.started[due.labels[-1]] - due.at) * 1000
        for due in dues
        if len(due.labels) == 2 and due.labels[-1] in due.started
    ]
    missing = [due for due in dues if due.labels[0] not in due.started]
    # A beep that sounded hides words that did not (a render that failed, say).
    wordless = [due for due in dues if len(due.labels) == 2 and due.labels[-1] not in due.started]
    stalls = heartbeat.stalls()

    voice = "espeak-ng" if speaker.available else f"unavailable: {speaker.reason}"
    print(f"platform: {qt_app.platformName()}, voice: {voice}")
    print(
        f"ran {wall:.1f} s; {len(dues)} cues with a sound, {len(missing)} never sounded, "
        f"{len(wordless)} with a beep but not their words"
    )
    if first_sound:
        print(
            f"cue lateness (first sound): median {statistics.median(first_sound):.0f} ms, "
            f"p95 {percentile(first_sound, 0.95):.0f} ms, max {max(first_sound):.0f} ms "
            f"(budget: p95 <= 60 ms)"
        )
    if words:
        print(
            f"words after their beep: median {statistics.median(words):.0f} ms, "
            f"max {max(words):.0f} ms (the beep's own length is about 330 ms)"
        )
    print(
        f"event-loop stall: longest {max(stalls):.1f} ms, p99 {percentile(stalls, 0.99):.1f} ms "
        f"(budget: longest <= 30 ms)"
    )
    print(f"peak RSS: {peak_mb:.1f} MB (budget <= 150 MB)")
    print("latest cues:")
    for due in sorted(dues, key=lambda d: d.started.get(d.labels[0], 1e9) - d.at)[-5:]:
        late = (due.started.get(due.labels[0], float("nan")) - due.at) * 1000
        print(f"  {late:6.0f} ms at {due.at:6.1f} s  {due.kind:12} {due.text[:50]!r}")
    for due in missing:
        print(f"  never sounded: {due.at:6.1f} s {due.kind} {due.text[:50]!r}")
    for due in wordless:
        print(f"  words never sounded: {due.at:6.1f} s {due.kind} {due.text[:50]!r}")
    if unmatched:
        print(f"sounds not matched to a cue: {unmatched}")
    sys.stdout.flush()
    # Skip the interpreter's teardown: it says nothing about the session.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
