"""``selfmassage self-test``: prove that this install works, end to end, in a few seconds.

Meant for packaged builds (a .deb in a bare chroot, a Windows or macOS bundle in CI) and
for support ("run this and send me what it prints"). Each check uses the real parts of
the app: the main window (offscreen), the routine code, the speech engine, the history
store. Everything is written to a temporary folder, never to the user's data.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from selfmassage import __version__
from selfmassage.core.language import _, ngettext

if TYPE_CHECKING:
    from selfmassage.core.timeline import Timeline

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

log = logging.getLogger(__name__)

SPEECH_TIMEOUT_SECONDS = 30.0
PAINT_TIMEOUT_SECONDS = 15.0
CUE_TEXT = "Roll slowly along the left calf. Switch sides in ten seconds."


class CheckError(Exception):
    """A check found a problem; the message says what, in one line."""


class CheckWarning(Exception):  # noqa: N818 - a warning, not an error
    """The install works, but the person should know something (no sound output)."""


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    run: Callable[[Path], str]
    """Does the work in the given empty folder; returns what it did, in one line."""


def register(commands: SubParsers) -> None:
    parser = commands.add_parser(
        "self-test",
        help=_("check that this install works: window, routine, session, speech, history"),
        description=_(
            "Open the main window offscreen, build and time a routine, render one "
            "cue to a WAV file, write and read a history in a temporary folder, and say what "
            "worked. Exits 0 when everything did."
        ),
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=[check.name for check in CHECKS],
        metavar="CHECK",
        help=_("leave out a check ({checks})").format(
            checks=", ".join(check.name for check in CHECKS)
        ),
    )
    parser.add_argument(
        "--keep", action="store_true", help=_("keep the temporary folder and say where it is")
    )
    parser.set_defaults(command=run_self_test)


def run_self_test(args: argparse.Namespace) -> int:
    checks = [check for check in CHECKS if check.name not in set(args.skip)]
    print(f"SelfMassage {__version__} self-test ({describe_install()})", flush=True)
    try:
        workdir = Path(tempfile.mkdtemp(prefix="selfmassage-self-test-"))
    except OSError as error:
        cannot = _("cannot make a temporary folder: {error}").format(error=error)
        print(f"self-test FAILED: {cannot}", flush=True)
        return 1
    try:
        failures = run_checks(checks, workdir)
    finally:
        if args.keep:
            print(_("kept the files in {folder}").format(folder=workdir))
        else:
            _remove_tree(workdir)
    if failures:
        print(f"self-test FAILED: {', '.join(failures)}", flush=True)
        return 1
    # Translators: the English says "1 checks" too (scripts read it); use your plural forms.
    passed = ngettext("{n} checks", "{n} checks", len(checks)).format(n=len(checks))
    print(f"self-test passed: {passed}", flush=True)
    return 0


def run_checks(checks: list[Check], workdir: Path) -> list[str]:
    """Run each check in its own folder; print one line per check; return the failed names."""
    failures = []
    for check in checks:
        folder = workdir / check.name
        folder.mkdir()
        started = time.perf_counter()
        try:
            detail = check.run(folder)
        except CheckError as problem:
            failures.append(check.name)
            _report("FAIL", check.name, str(problem), started)
        except CheckWarning as warning:
            _report("WARN", check.name, str(warning), started)
        except Exception as error:  # a self-test reports every failure, it never crashes
            log.exception("self-test check %s failed", check.name)
            failures.append(check.name)
            _report("FAIL", check.name, f"{type(error).__name__}: {error}", started)
        else:
            _report("ok", check.name, detail, started)
    return failures


def _report(status: str, name: str, detail: str, started: float) -> None:
    milliseconds = (time.perf_counter() - started) * 1000
    print(f"  {status:<4} {name:<8} {detail} ({milliseconds:.0f} ms)", flush=True)


def describe_install() -> str:
    if getattr(sys, "frozen", False):
        return _("packaged build in {folder}").format(folder=Path(sys.executable).resolve().parent)
    return _("Python {version} at {program}").format(
        version=sys.version.split()[0], program=sys.executable
    )


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


# The checks ------------------------------------------------------------------------------


def check_assets(folder: Path) -> str:
    from selfmassage.core.assets import assets_root

    root = assets_root()
    icon = root / "icons" / "selfmassage.svg"
    if not icon.is_file():
        raise CheckError(_("the app icon is missing from {folder}").format(folder=root))
    count = sum(1 for path in root.rglob("*") if path.is_file())
    return ngettext("{n} file in {folder}", "{n} files in {folder}", count).format(
        n=count, folder=root
    )


def check_window(folder: Path) -> str:
    """The real main window, built by the composition root, painted offscreen."""
    from PySide6.QtCore import (
        QEvent,
        QEventLoop,
        QObject,
        QTimer,
        QtMsgType,
        qInstallMessageHandler,
    )
    from PySide6.QtWidgets import QApplication

    from selfmassage.core.paths import HOME_VARIABLE, app_paths

    def qt_message(kind: QtMsgType, _context: object, message: str) -> None:
        # The offscreen platform's chatter belongs in the log, not in the report.
        level = (
            logging.DEBUG if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) else logging.INFO
        )
        log.log(level, "Qt: %s", message)

    qt_app = QApplication.instance()
    if qt_app is None:
        # Offscreen needs no display, so the check runs on servers and in chroots too.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        qt_app = QApplication([sys.argv[0] if sys.argv else "selfmassage"])
    assert isinstance(qt_app, QApplication)
    previous_handler = qInstallMessageHandler(qt_message)

    from selfmassage.app import SelfMassageApp

    paths = app_paths({HOME_VARIABLE: str(folder / "home")})
    paths.ensure()
    app = SelfMassageApp(paths)

    painted = threading.Event()
    # A local loop, not qt_app.exec(): ending the main loop would stop deferred deletes
    # and fire aboutToQuit for good in whatever process runs this check.
    loop = QEventLoop()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.set()
                loop.quit()
            return False

    watcher = FirstPaint()
    app.window.installEventFilter(watcher)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(loop.quit)
    give_up.start(int(PAINT_TIMEOUT_SECONDS * 1000))
    started = time.perf_counter()
    try:
        app.show()
        if not painted.is_set():
            loop.exec()
        paint_ms = (time.perf_counter() - started) * 1000
        give_up.stop()
        app.window.removeEventFilter(watcher)
        if not painted.is_set():
            raise CheckError(
                _("the main window did not paint within {seconds} s").format(
                    seconds=f"{PAINT_TIMEOUT_SECONDS:.0f}"
                )
            )
        image = app.window.grab()
        if image.isNull():
            raise CheckError(_("the main window could not be drawn into an image"))
        image.save(str(folder / "main-window.png"))
        platform = qt_app.platformName()
        size = f"{image.width()}x{image.height()}"
        app.window.close()
        speaker = getattr(app, "speaker", None)
        if speaker is not None:
            speaker.close()  # run_app does this on quit
        app.window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        give_up.stop()
        qInstallMessageHandler(previous_handler)
    if not paths.history_file.is_file():
        raise CheckError(_("the app did not open its history at start"))
    if not paths.settings_file.is_file():
        raise CheckError(_("closing the window did not save the settings"))
    return _(
        "main window painted on '{platform}' ({size}) in {ms} ms; history opened, settings saved"
    ).format(platform=platform, size=size, ms=f"{paint_ms:.0f}")


def _built_timeline() -> Timeline:
    """The builder's routine for a plain request, laid out in time with the catalog."""
    from selfmassage.core.anatomy import RegionSide, Side
    from selfmassage.core.builder import BuildRequest, Refusal, build_routine
    from selfmassage.core.catalog import load_catalog
    from selfmassage.core.routine import Tool
    from selfmassage.core.selection import Selection
    from selfmassage.core.timeline import build_timeline

    catalog = load_catalog()
    request = BuildRequest(
        selection=Selection.of(
            [
                RegionSide("calves", Side.LEFT),
                RegionSide("calves", Side.RIGHT),
                RegionSide("upper-back"),
                RegionSide("neck"),
            ]
        ),
        tools=frozenset({Tool.HANDS, Tool.FOAM_ROLLER, Tool.MASSAGE_BALL}),
        budget_minutes=10,
    )
    result = build_routine(request, catalog)
    if isinstance(result, Refusal):
        raise CheckError(
            _("the builder refused a plain request: {reason}").format(reason=result.message)
        )
    return build_timeline(result.routine, request.pacing, techniques=catalog.get)


def check_routine(folder: Path) -> str:
    """A routine built from a selection by the builder, laid out in time with its cues,
    written to a routine file and read back."""
    from selfmassage.core.routine import plan
    from selfmassage.core.routine_file import read_routine, write_routine
    from selfmassage.core.words import clock_readout

    started = time.perf_counter()
    timeline = _built_timeline()
    build_ms = (time.perf_counter() - started) * 1000
    routine = timeline.routine
    total = plan(routine, timeline.pacing).total_seconds
    if timeline.total_seconds != total:
        raise CheckError(_("the timeline and the plan disagree on the routine's length"))
    if not 0 < total <= 10 * 60:
        raise CheckError(
            _("a 10-minute routine came out {time} long").format(time=clock_readout(total))
        )
    path = folder / "self-test.smroutine"
    write_routine(path, routine)
    read_back = read_routine(path)
    if read_back.routine is None:
        raise CheckError(
            _("the routine file written could not be read: {problem}").format(
                problem=read_back.errors[0]
            )
        )
    if read_back.routine.steps != routine.steps:
        raise CheckError(_("the routine read back differs from the one written"))
    steps = ngettext("{n} step", "{n} steps", len(routine.steps)).format(n=len(routine.steps))
    cues = ngettext("{n} cue", "{n} cues", len(timeline.cues)).format(n=len(timeline.cues))
    return _(
        "built '{title}': {steps}, {time} with {cue_count} in {ms} ms; file written and read back"
    ).format(
        title=routine.title,
        steps=steps,
        time=clock_readout(total),
        cue_count=cues,
        ms=f"{build_ms:.0f}",
    )


def check_session(folder: Path) -> str:
    """The session engine runs the routine on a simulated clock, with a pause, and ends
    exactly at its planned end plus the pause, every cue said and every step completed."""
    from selfmassage.core.session import CueDue, Finished, Session, SessionState, StepEnded

    timeline = _built_timeline()
    session = Session(timeline)
    start, pause_at, paused_for = 1000.0, 1000.0 + 42.5, 12.25
    events = session.start(start)
    events += session.tick(pause_at)
    events += session.pause(pause_at)
    events += session.resume(pause_at + paused_for)
    clock = pause_at + paused_for
    while session.state is SessionState.RUNNING:
        due = session.next_due()
        clock = due if due is not None else clock + 1.0
        events += session.tick(clock)
    finished = [event for event in events if isinstance(event, Finished)]
    if len(finished) != 1 or finished[0].state is not SessionState.FINISHED:
        raise CheckError(
            _("the session did not run to its end (it is {state})").format(state=session.state)
        )
    expected_end = start + timeline.total_seconds + paused_for
    if abs(finished[0].at - expected_end) > 1e-6:
        raise CheckError(
            _("the session ended at {ended} s, not at {expected} s").format(
                ended=f"{finished[0].at - start:.3f}", expected=f"{expected_end - start:.3f}"
            )
        )
    said = sum(1 for event in events if isinstance(event, CueDue))
    if said != len(timeline.cues):
        raise CheckError(
            _("{said} cues were due, the timeline has {cues}").format(
                said=said, cues=len(timeline.cues)
            )
        )
    steps = [event for event in events if isinstance(event, StepEnded)]
    summary = finished[0].summary
    if summary.steps_completed != len(timeline.routine.steps):
        raise CheckError(
            _("{done} of {steps} steps completed").format(
                done=summary.steps_completed, steps=len(timeline.routine.steps)
            )
        )
    return _(
        "ran {steps} steps and {cues} cues on a simulated clock; ended at "
        "{ended} s = planned {planned} s + {paused} s paused"
    ).format(
        steps=len(steps),
        cues=said,
        ended=f"{finished[0].at - start:.1f}",
        planned=timeline.total_seconds,
        paused=paused_for,
    )


def check_speech(folder: Path) -> str:
    """One cue rendered to a WAV file by the app's speech worker (its own thread, the
    platform's renderer: in-process, or a child process on macOS), with a deadline."""
    import queue

    from selfmassage.core.voice import RATE_DEFAULT
    from selfmassage.speech.cache import SpeechCache
    from selfmassage.speech.renderers import default_backend, renderer_factory
    from selfmassage.speech.worker import (
        EngineFailed,
        Event,
        Rendered,
        RenderFailed,
        SpeechWorker,
        Utterance,
    )

    events: queue.Queue[Event] = queue.Queue()
    backend = default_backend()
    worker = SpeechWorker(SpeechCache(folder / "cache"), renderer_factory(backend), events.put)
    worker.start()
    worker.render(Utterance(CUE_TEXT, "", RATE_DEFAULT), urgent=True)
    deadline = time.monotonic() + SPEECH_TIMEOUT_SECONDS
    try:
        while True:
            try:
                event = events.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                worker.abandon()
                raise CheckError(
                    _("the speech engine did not finish within {seconds} s").format(
                        seconds=f"{SPEECH_TIMEOUT_SECONDS:.0f}"
                    )
                ) from None
            if isinstance(event, EngineFailed):
                raise CheckError(
                    _("the speech engine did not start: {reason}").format(reason=event.reason)
                )
            if isinstance(event, RenderFailed):
                raise CheckError(
                    _("the speech engine failed on the cue: {reason}").format(reason=event.reason)
                )
            if isinstance(event, Rendered):
                engine = _("the speech worker ({backend})").format(backend=backend)
                return _describe_wav(event.path, engine)
    finally:
        worker.close()


def check_sound(folder: Path) -> str:
    """Whether the computer has a sound output for the cues (Qt's media devices)."""
    from PySide6.QtCore import QCoreApplication

    from selfmassage.speech.sound_output import sound_output_name, sound_output_problem

    _app = QCoreApplication.instance() or QCoreApplication([sys.argv[0] or "selfmassage"])
    problem = sound_output_problem()
    if problem:
        unheard = _("The spoken cues are made but cannot be heard.")
        raise CheckWarning(f"{problem} {unheard}")
    return _("sound output: {name}").format(name=sound_output_name())


def _describe_wav(wav: Path, engine: str) -> str:
    if not wav.is_file():
        raise CheckError(_("the speech engine reported success but wrote no sound file"))
    try:
        with wave.open(str(wav), "rb") as sound:
            frames, rate = sound.getnframes(), sound.getframerate()
    except (wave.Error, EOFError) as error:
        raise CheckError(
            _("the sound file is not a readable WAV: {error}").format(error=error)
        ) from error
    seconds = frames / rate if rate else 0.0
    if seconds < 0.5:
        raise CheckError(
            _("the cue's sound is too short to be speech ({seconds} s)").format(
                seconds=f"{seconds:.2f}"
            )
        )
    return _("cue rendered by {engine}: {seconds} s of audio at {rate} Hz").format(
        engine=engine, seconds=f"{seconds:.1f}", rate=rate
    )


def check_history(folder: Path) -> str:
    """A session written to a fresh history file as it runs, then read back after reopening."""
    from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
    from selfmassage.core.history_queries import list_sessions, session_detail

    path = folder / "history.sqlite3"
    with HistoryStore(path, app_version=__version__) as store:
        recorder = store.start_session(
            "Self-test", planned_seconds=150, soreness_before={"calves": 6}
        )
        recorder.step_ended(StepRecord(0, "calves", "left", "calf-roll", "foam-roller", 45, 45))
        recorder.step_ended(StepRecord(0, "calves", "right", "calf-roll", "foam-roller", 45, 44))
        recorder.end(SessionStatus.COMPLETED)
        if recorder.problem:
            raise CheckError(recorder.problem)
    with HistoryStore(path, app_version=__version__) as store:
        sessions = list_sessions(store.conn)
        if len(sessions) != 1:
            raise CheckError(
                _("expected 1 session in the history, found {found}").format(found=len(sessions))
            )
        detail = session_detail(store.conn, recorder.uuid)
    if detail is None or len(detail.steps) != 2 or detail.summary.done_seconds != 89:
        raise CheckError(_("the session read back differs from the one written"))
    if detail.summary.status != SessionStatus.COMPLETED.value:
        raise CheckError(
            _("the session read back is '{status}', not completed").format(
                status=detail.summary.status
            )
        )
    return _("session written and read back: {steps} steps, 89 s, completed").format(
        steps=len(detail.steps)
    )


CHECKS: tuple[Check, ...] = (
    Check("assets", check_assets),
    Check("window", check_window),
    Check("routine", check_routine),
    Check("session", check_session),
    Check("speech", check_speech),
    Check("sound", check_sound),
    Check("history", check_history),
)
