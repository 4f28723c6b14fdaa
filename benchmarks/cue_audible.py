"""Cue lateness as a person hears it: the first audible sample of each cue, recorded.

A private PulseAudio server (Debian's ``pulseaudio`` and ``pulseaudio-utils``, which the
script installs with apt-get when they are missing and it runs as root) is started on a
socket of its own with a null sink; the whole app plays into it (session_app.start_app,
real Speaker: pyttsx3 + eSpeak NG in the worker, QtMultimedia playback) while ``parec``
records the sink's monitor. Both are stopped by
their process ids at the end.

For each cue that makes a sound, its planned time is the engine's own deadline on the
monotonic clock (``CueDue.at``); its sound is the first audible sample (|s| >= 64 of
32,767) from 50 ms before that time on, after a silence of 15 ms (so that an earlier
sound still playing is not taken for it): the app starts sounds early by its output's
measured latency, and one heard a little early shows as a negative lateness. Recorded
samples are placed on the monotonic clock by the arrival of parec's reads (asked for
10 ms latency): the earliest arrival, less the samples read, bounds the recording's
start, so the placement may make a sound read up to one read's length late, never early.
A busy machine makes the monitor drop samples now and then (by up to tens of ms over a
run), which would place every later sample too early: each cue is placed by the reads
within 5 s of it.
A ten-minute routine (``--routine three``: the three-minute one) from an empty speech
cache, as on a routine's first run; as a person meets it, the voice is warmed up and the
first step's cues are rendered before Start is pressed (the Routine page and the Start
gate do that; ``--no-gate`` presses Start at once). ``--seconds`` stops it sooner;
``--detail`` lists every cue. Figures as ``figure:`` lines for alternate.py:

    .venv/bin/python benchmarks/alternate.py --baseline 95883bd --runs 2 -- \\
        benchmarks/cue_audible.py

Target (issue 18): p95 <= 30 ms, worst <= 100 ms, over a ten-minute routine.
"""

from __future__ import annotations

import argparse
import bisect
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from array import array
from pathlib import Path
from typing import Any

from measure import Heartbeat, peak_rss_mb, percentile

PACKAGES = ("pulseaudio", "pulseaudio-utils")
RATE = 22050
AUDIBLE = 64
GAP = 0.015
LOCAL = 5.0
"""Seconds of reads either side of a cue that place it on the clock."""
EARLY = 0.05
"""A sound that begins up to this long before its time is this cue's, heard early: the
app starts each sound early by its output's measured latency, and may overshoot."""


def _install_pulseaudio() -> None:
    """Debian's pulseaudio and pulseaudio-utils, installed if missing and run as root."""
    if shutil.which("pulseaudio") and shutil.which("parec"):
        return
    if os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing pulseaudio pulseaudio-utils", file=sys.stderr)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *PACKAGES],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            check=False,
        )
    if not (shutil.which("pulseaudio") and shutil.which("parec")):
        raise SystemExit("pulseaudio is missing: apt-get install pulseaudio pulseaudio-utils")


class Pulse:
    """A private PulseAudio server with a null sink, and parec recording its monitor."""

    def __init__(self) -> None:
        _install_pulseaudio()
        self.folder = Path(tempfile.mkdtemp(prefix="sm-pulse-"))
        (self.folder / "pulse").mkdir()
        socket = self.folder / "pulse" / "native"
        env = {**os.environ, "XDG_RUNTIME_DIR": str(self.folder), "HOME": str(self.folder)}
        self.server = subprocess.Popen(
            [
                "pulseaudio",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "-n",
                "--load=module-null-sink sink_name=null",
                f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while not socket.exists():
            if time.monotonic() > deadline or self.server.poll() is not None:
                self.stop()
                raise SystemExit("the private PulseAudio server did not start")
            time.sleep(0.05)
        self.address = f"unix:{socket}"
        self.recorder = subprocess.Popen(
            [
                "parec",
                f"--server={self.address}",
                "-d",
                "null.monitor",
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=10",
            ],
            stdout=subprocess.PIPE,
        )
        self.data = bytearray()
        self.offset = float("inf")
        """Monotonic time of sample 0 (the lower envelope of the reads' arrivals)."""
        self.reads = array("d")
        """For each read: its arrival less the samples read so far (seconds)."""
        self.read_ends = array("q")
        """For each read: the samples read so far."""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        # Once parec records, the first stream played takes about 2 s to start (measured:
        # paplay of a 70 ms sound took 2.0 s, the next one 0.09 s; a first QAudioSink
        # took its first sound 1.8 s after start, the next 11 ms). The sound server of a
        # desktop has long been running: one short silence goes through it first.
        subprocess.run(
            [
                "paplay",
                f"--server={self.address}",
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
            ],
            input=bytes(RATE // 10 * 2),
            timeout=30,
            check=False,
        )

    def _read(self) -> None:
        assert self.recorder.stdout is not None
        fd = self.recorder.stdout.fileno()
        while True:
            chunk = os.read(fd, 4096)
            arrived = time.monotonic()
            if not chunk:
                return
            self.data += chunk
            self.offset = min(self.offset, arrived - len(self.data) // 2 / RATE)
            self.reads.append(arrived - len(self.data) // 2 / RATE)
            self.read_ends.append(len(self.data) // 2)

    def offset_near(self, sample: int, seconds: float = LOCAL) -> float:
        """Monotonic time of sample 0 as the reads within ``seconds`` of ``sample`` place
        it: a busy machine makes the monitor drop samples now and then, and every sample
        after a drop would be placed too early by the one offset of the whole run."""
        span = round(seconds * RATE)
        low = bisect.bisect_left(self.read_ends, sample - span)
        high = bisect.bisect_right(self.read_ends, sample + span)
        near = self.reads[low:high]
        return min(near) if near else self.offset

    def samples(self) -> array[int]:
        values = array("h")
        values.frombytes(bytes(self.data[: len(self.data) // 2 * 2]))
        if sys.byteorder == "big":
            values.byteswap()
        return values

    def stop(self) -> None:
        for process in (getattr(self, "recorder", None), self.server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
        if hasattr(self, "_reader"):
            self._reader.join(5)
        shutil.rmtree(self.folder, ignore_errors=True)


def heard_at(samples: array[int], start: int) -> int | None:
    """The first audible sample from EARLY before ``start`` on that begins a sound: after
    GAP seconds of silence, so that an earlier cue still playing then is not taken for
    this one. None if there is none within 3 s."""
    gap = round(GAP * RATE)
    start = max(0, start - round(EARLY * RATE))
    quiet = 0
    for index in range(max(0, start - gap), start):  # silent right before the planned time?
        quiet = 0 if abs(samples[index]) >= AUDIBLE else quiet + 1
    if start < gap:
        quiet = gap
    for index in range(start, min(len(samples), start + 3 * RATE)):
        if abs(samples[index]) >= AUDIBLE:
            if quiet >= gap:
                return index
            quiet = 0
        else:
            quiet += 1
    return None


def first_step_ready(qt_app: Any, app: Any, routine: Any) -> float:
    """As a person meets it: the Routine page warms the voice up when shown, and Start
    waits until the first step's cues are rendered (issue 14) and the sound output has
    settled (``Speaker.sound_ready``, where the code has it). Seconds that took."""
    from PySide6.QtCore import QEventLoop

    from selfmassage.core.timeline import build_timeline, options_from_settings

    s, speaker = app.session.settings, app.voice.speaker
    pacing, options = options_from_settings(
        s.cue_level, s.countdown_style, s.transition_seconds, s.voice_rate
    )
    catalog = app.session.catalog()
    timeline = build_timeline(routine, pacing, options, catalog.get if catalog else None)
    first = [seg for seg in timeline.segments if seg.step_index == 0]
    texts = [cue.text for seg in first for cue in seg.cues if cue.voice]
    started = time.monotonic()
    speaker.warm_up()
    speaker.prepare_all(texts)
    rate = speaker.options.rate
    while time.monotonic() - started < 60 and speaker.available:
        rendered = all(speaker.cache.lookup(text, speaker.voice, rate) for text in texts)
        if rendered and getattr(speaker, "sound_ready", True):
            break
        qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0, help="stop early (0: the routine)")
    parser.add_argument("--detail", action="store_true", help="print every cue's lateness")
    parser.add_argument(
        "--routine", choices=("ten", "three"), default="ten", help="the ten- or three-minute one"
    )
    parser.add_argument(
        "--no-gate",
        action="store_true",
        help="press Start at once, not when the first step's cues are rendered",
    )
    args = parser.parse_args()

    pulse = Pulse()
    try:
        os.environ["PULSE_SERVER"] = pulse.address
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["SELFMASSAGE_HOME"] = tempfile.mkdtemp(prefix="sm-heard-")
        # session_app first: it takes PySide's import hook out, as the app does.
        from session_app import (
            run_session,
            start_app,
            ten_minute_routine,
            three_minute_routine,
        )

        # isort: split
        from selfmassage.core.session import CueDue
        from selfmassage.ui.session.session_controller import STALE_AFTER

        qt_app, app = start_app()
        controller, speaker = app.session.controller, app.voice.speaker
        planned: list[tuple[float, str]] = []

        def on_event(event: object) -> None:
            if isinstance(event, CueDue) and event.late <= STALE_AFTER and not speaker.muted:
                cue = event.cue
                if getattr(cue, "beep", None) is not None or getattr(cue, "voice", False):
                    planned.append((event.at, str(cue.text)))

        controller.session_hooks.append(lambda session, *_start: session.listeners.append(on_event))
        routine = ten_minute_routine() if args.routine == "ten" else three_minute_routine()
        if not args.no_gate:
            ready = first_step_ready(qt_app, app, routine)
            print(f"first step's cues rendered before Start: {ready:.1f} s")
            lead = getattr(app.voice, "sound_lead", lambda: 0.0)()
            print(f"the output's measured latency (sounds start that early): {lead * 1000:.1f} ms")
        heartbeat = Heartbeat()
        wall = run_session(app, routine, heartbeat, seconds=args.seconds, linger_ms=3000)
        peak_mb = peak_rss_mb()
    finally:
        time.sleep(0.2)
        pulse.stop()
    samples = pulse.samples()
    drift = (max(pulse.reads) - pulse.offset) * 1000 if pulse.reads else 0.0
    late_ms: list[float] = []
    unheard: list[str] = []
    for at, text in planned:
        offset = pulse.offset_near(round((at - pulse.offset) * RATE))
        found = heard_at(samples, round((at - offset) * RATE))
        if found is None:
            unheard.append(text)
        else:
            late_ms.append((offset + found / RATE - at) * 1000)
        if args.detail:
            heard = "not heard" if found is None else f"{late_ms[-1]:7.1f} ms"
            print(f"  {at - planned[0][0]:7.2f} s {heard} {text[:50]!r}")
    voice = "espeak-ng" if speaker.available else f"unavailable: {speaker.reason}"
    print(f"platform: {qt_app.platformName()}, voice: {voice}, ran {wall:.1f} s")
    print(
        f"{len(planned)} cues with a sound, {len(unheard)} not heard; recorded "
        f"{len(samples) / RATE:.1f} s; load {os.getloadavg()[0]:.1f}; the recording's"
        f" placement on the clock moved by {drift:.0f} ms over the run (samples dropped)"
    )
    if late_ms:
        print(f"figure: heard lateness, median = {statistics.median(late_ms):.1f} ms")
        print(f"figure: heard lateness, p95 = {percentile(late_ms, 0.95):.1f} ms")
        print(f"figure: heard lateness, worst = {max(late_ms):.1f} ms")
        print(f"figure: heard lateness, earliest = {min(late_ms):.1f} ms")
    print(f"figure: cues not heard = {len(unheard)}")
    print(f"figure: longest stall = {max(heartbeat.stalls()):.1f} ms")
    print(f"figure: peak RSS = {peak_mb:.1f} MB")
    for text in unheard[:5]:
        print(f"  not heard: {text[:60]!r}")
    sys.stdout.flush()
    shutil.rmtree(os.environ["SELFMASSAGE_HOME"], ignore_errors=True)
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
