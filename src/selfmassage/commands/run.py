"""``selfmassage run FILE [--no-voice] [--speed N]``: run a routine without a window.

Before it starts, the routine is checked as the window checks it before Start: the
questions of the day must have been answered today (in the window, or with ``--answer``;
else exit 2 with what to answer), a red-flag safety answer stops with the "see a doctor"
message (exit 3, nothing recorded), and the steps that go against the answers or the
places marked to avoid are listed and skipped, made light or kept, as ``--conflicts``
says (``--answer`` as for ``routine build``).
Each cue is printed with its time as it becomes due, and spoken unless ``--no-voice``.
``--speed N`` (with ``--no-voice`` only) runs the clock N times faster, for tests and
demos. Ctrl-C stops the session cleanly. The history records every run at real speed, as
it does in the window; a fast-forwarded run did not happen as it says, so it is recorded
only when ``--record`` asks for it (tests of the history do). Anything else that wants to
hear the session adds itself to ``SESSION_HOOKS``:
each hook gets the new Session and the routine file's path before it starts, and adds
its listeners.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from selfmassage.commands.output import one_line
from selfmassage.commands.safety import add_answer_option, add_conflicts_option
from selfmassage.core.language import _, ngettext
from selfmassage.core.session import (
    CueDue,
    Event,
    Finished,
    Session,
    SessionStarted,
    SessionState,
)
from selfmassage.core.words import clock_readout

if TYPE_CHECKING:
    from selfmassage.core.routine import Routine
    from selfmassage.speech.speaker import Speaker

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

log = logging.getLogger(__name__)

SessionHook = Callable[[Session, Path], None]
SESSION_HOOKS: list[SessionHook] = []


def session_hooks() -> list[SessionHook]:
    """The history's recorder first, then any other hooks."""
    from selfmassage.commands.history import record_headless_session

    return [record_headless_session, *(h for h in SESSION_HOOKS if h != record_headless_session)]


MAX_SPEED = 1000.0
VOICE_LIST_SECONDS = 3.0
"""How long a run waits for the engine's voices before it speaks with the default one."""
POLL_SECONDS = 0.02
"""Longest real-time sleep between two ticks when a voice must be kept playing."""
DRAIN_SECONDS = 4.0
"""How long the last cue ("well done") is given to be heard before the process ends."""


def register(commands: SubParsers) -> None:
    parser = commands.add_parser(
        "run",
        help=_("run a routine without a window, printing (and speaking) each cue"),
        description=_(
            "Run a routine file as a session without a window: each cue is printed "
            "with its time as it is due, and spoken unless --no-voice. Ctrl-C stops. First the "
            "routine is checked against the safety answers and the places marked to avoid, as "
            "before Start in the window: a red-flag answer stops with exit status 3, and the "
            "steps that go against them are skipped, made light or kept (--conflicts)."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("--no-voice", action="store_true", help=_("print the cues only"))
    parser.add_argument(
        "--speed",
        type=_speed,
        default=1.0,
        metavar="N",
        help=_("run the clock N times faster (up to {most}); only with --no-voice").format(
            most=f"{MAX_SPEED:g}"
        ),
    )
    parser.add_argument(
        "--record",
        action="store_true",
        help=_("record a run at --speed in the history too (a run at real speed always is)"),
    )
    add_answer_option(parser)
    add_conflicts_option(parser)
    parser.set_defaults(command=run_command, run_parser=parser)


def records(args: argparse.Namespace) -> bool:
    """A run at real speed is recorded; a fast-forwarded one only on request."""
    return bool(args.speed == 1.0 or args.record)


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a number").format(text=repr(text))
        ) from None
    if not 0 < value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(
            _("the speed must be more than 0 and at most {most}").format(most=f"{MAX_SPEED:g}")
        )
    return value


class CuePrinter:
    """Prints each cue as ``[mm:ss] kind: text`` with its session time."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def __call__(self, event: Event) -> None:
        if isinstance(event, CueDue):
            cue = event.cue
            print(
                f"[{clock_readout(cue.at)}] {cue.kind.value}: {one_line(cue.text)}", file=self.out
            )
            self.out.flush()
        elif isinstance(event, Finished):
            summary = event.summary
            if event.state is SessionState.FINISHED:
                said = ngettext(
                    "Finished after {time}: {done} of {n} step done, {early} ended early, "
                    "{skipped} skipped or not reached.",
                    "Finished after {time}: {done} of {n} steps done, {early} ended early, "
                    "{skipped} skipped or not reached.",
                    summary.steps_total,
                )
            else:
                said = ngettext(
                    "Stopped after {time}: {done} of {n} step done, {early} ended early, "
                    "{skipped} skipped or not reached.",
                    "Stopped after {time}: {done} of {n} steps done, {early} ended early, "
                    "{skipped} skipped or not reached.",
                    summary.steps_total,
                )
            print(
                said.format(
                    time=clock_readout(summary.active_seconds),
                    done=summary.steps_completed,
                    n=summary.steps_total,
                    early=summary.steps_ended_early,
                    skipped=summary.steps_skipped,
                ),
                file=self.out,
            )
            self.out.flush()


def run_command(args: argparse.Namespace) -> int:
    if args.speed != 1.0 and not args.no_voice:
        args.run_parser.error(_("--speed works only with --no-voice (a voice cannot hurry)"))
    from selfmassage.commands.timeline import routine_from_file, timeline_for

    routine = routine_from_file(args.file)
    if routine is None:
        return 1
    checked = _safety_checked(routine, args)
    if isinstance(checked, int):
        return checked
    routine = checked
    timeline = timeline_for(routine, args.file)
    if timeline is None:
        return 1
    session = Session(timeline)
    hooks = session_hooks()
    if not records(args):
        from selfmassage.commands.history import record_headless_session

        hooks = [hook for hook in hooks if hook is not record_headless_session]
        print(
            _(
                "At --speed {speed} the session is not recorded in the history "
                "(add --record to record it)."
            ).format(speed=f"{args.speed:g}"),
            file=sys.stderr,
        )
    for hook in hooks:
        hook(session, args.file)
    steps = len(routine.steps)
    print(
        ngettext(
            "{title}: {time}, {n} step. Ctrl-C stops.",
            "{title}: {time}, {n} steps. Ctrl-C stops.",
            steps,
        ).format(
            title=one_line(routine.title), time=clock_readout(timeline.total_seconds), n=steps
        ),
        flush=True,
    )
    session.listeners.append(CuePrinter(sys.stdout))
    if args.no_voice:
        return run_session(session, speed=args.speed)
    from selfmassage.logs import library_output_to_log

    # The command line prints its own lines only; the media library's go to the log.
    with library_output_to_log():
        voice = open_voice(routine.language)
        if voice is None:
            return run_session(session, speed=args.speed)
        session.listeners.append(voice.hear)
        try:
            return run_session(session, pump=voice.pump)
        finally:
            voice.close()


def _safety_checked(routine: Routine, args: argparse.Namespace) -> Routine | int:
    """The routine as the safety answers and ``--conflicts`` leave it, or an exit status."""
    from datetime import date

    from selfmassage.commands.safety import (
        TODAY_UNANSWERED_EXIT,
        checked_for_run,
        saved_state,
        screening_with,
        today_unanswered,
    )
    from selfmassage.core.catalog import Catalog, CatalogError, load_catalog

    saved, avoided = saved_state()
    today = date.today()  # one day for both: a run started at midnight asks once
    screening = screening_with(saved, args.answer, today)
    unanswered = today_unanswered(screening, today)
    if unanswered is not None:  # Start asks them in the window
        print(unanswered, file=sys.stderr)
        return TODAY_UNANSWERED_EXIT
    catalog: Catalog | None
    try:
        catalog = load_catalog()
    except CatalogError as error:
        log.warning("the safety check runs without the catalog: %s", error)
        catalog = None
    return checked_for_run(routine, screening, avoided, args.conflicts, catalog)


def run_session(
    session: Session,
    *,
    speed: float = 1.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    pump: Callable[[], None] | None = None,
) -> int:
    """Run the session to its end on ``clock``; 0 when finished, 130 when Ctrl-C stopped it.

    Sleeps until the next thing is due (or POLL_SECONDS when ``pump`` must keep sound
    going), so the cues are on time without busy waiting.
    """
    real_start = clock()

    def now() -> float:
        return real_start + (clock() - real_start) * speed

    try:
        session.start(now())
        while session.state is SessionState.RUNNING:
            due = session.next_due()
            wait = 0.0 if due is None else max(0.0, (due - now()) / speed)
            if pump is not None:
                wait = min(wait, POLL_SECONDS)
                pump()
            if wait > 0:
                sleep(wait)
            session.tick(now())
        if pump is not None:
            _drain(pump, sleep)
    except KeyboardInterrupt:
        session.stop(now())
        return 130
    return 0


def _drain(pump: Callable[[], None], sleep: Callable[[float], None]) -> None:
    """Let the last cue ("well done") be heard before the process ends."""
    for _turn in range(int(DRAIN_SECONDS / POLL_SECONDS)):
        pump()
        sleep(POLL_SECONDS)


class HeadlessVoice:
    """The speech side's Speaker, with a Qt core loop pumped by the run loop."""

    def __init__(self, speaker: Speaker, pump: Callable[[], None]) -> None:
        self.speaker = speaker
        self.pump = pump

    def hear(self, event: Event) -> None:
        if isinstance(event, CueDue):
            self.speaker.play_timeline_cue(event.cue)
        elif isinstance(event, SessionStarted):
            # Render every spoken cue ahead, first ones first, so each sounds on time.
            timeline = event.timeline
            self.speaker.prepare_all([c.text for c in timeline.cues if c.voice])

    def close(self) -> None:
        self.speaker.close()


def open_voice(language: str | None = None) -> HeadlessVoice | None:
    """The Speaker, or None (and why, on standard error) when there is no voice to be had.

    With a routine ``language`` it waits (briefly) for the engine's voice list, so that
    the cues are rendered with a voice of that language, as in the window."""
    try:
        from PySide6.QtCore import QCoreApplication

        from selfmassage.core.paths import app_paths
        from selfmassage.core.settings import SettingsStore
        from selfmassage.core.voice import VoiceOptions
        from selfmassage.speech.speaker import Speaker
    except ImportError as error:
        print(
            _("Voice unavailable: {reason}; printing the cues only.").format(reason=error),
            file=sys.stderr,
        )
        return None
    qt_app = QCoreApplication.instance() or QCoreApplication([sys.argv[0] or "selfmassage"])
    paths = app_paths()
    paths.ensure()
    settings = SettingsStore(paths.settings_file).load()
    options = VoiceOptions.checked(settings.voice, settings.voice_rate, settings.voice_volume)
    speaker = Speaker(paths.cache, options)
    speaker.voice_unavailable.connect(
        lambda reason: print(
            _("Voice unavailable: {reason}").format(reason=reason), file=sys.stderr, flush=True
        )
    )
    if language:
        listed: list[object] = []
        speaker.voices_listed.connect(listed.append)
        speaker.set_language(language)
        deadline = time.monotonic() + VOICE_LIST_SECONDS
        while (
            not listed
            and not speaker.known_voices
            and speaker.health.usable
            and time.monotonic() < deadline
        ):
            qt_app.processEvents()
            time.sleep(POLL_SECONDS)
    return HeadlessVoice(speaker, qt_app.processEvents)
