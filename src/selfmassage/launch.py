"""Start-up and exit of the window app: what happens around the composition root.

In order: logging and the data folders, the QApplication, the crash reporter, one
instance per data folder, the app (``app.SelfMassageApp``), the first paint, then what
waits for it (listening for other starts, the history, the files given, the safety
questions), the event loop, and
an exit that skips the teardown nobody needs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from selfmassage import __version__
from selfmassage.app import SelfMassageApp
from selfmassage.core.bodymap_cache import use_cache_folder
from selfmassage.core.paths import app_paths
from selfmassage.logs import setup_logging
from selfmassage.ui.desktop.crash_reporter import CrashReporter
from selfmassage.ui.theme import app_icon

if TYPE_CHECKING:
    from selfmassage.ui.desktop.single_instance import SingleInstance

log = logging.getLogger(__name__)


class FirstPaint(QObject):
    """Runs a function once, right after the watched window has painted for the first time."""

    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def run_app(args: argparse.Namespace) -> NoReturn:
    """Open the main window and run until it closes; never returns (see _leave)."""
    paths = app_paths()
    setup_logging(paths, verbose=args.verbose)
    try:
        paths.ensure()
    except OSError as error:
        log.error("cannot create the data folders: %s", error)
    log.info("SelfMassage %s starting", __version__)
    use_cache_folder(paths.cache)  # the body map's drawings, ready-made after the first run

    qt_app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("SelfMassage")
    qt_app.setOrganizationName("SelfMassage")
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName("selfmassage")
    qt_app.setWindowIcon(app_icon())
    CrashReporter(paths.log_file).install()

    instance: SingleInstance | None = None
    if not args.exit_after_startup:
        # A smoke test must start its own window, never hand over to a running one.
        from selfmassage.ui.desktop.single_instance import SingleInstance, server_name

        instance = SingleInstance(server_name(paths.data), paths.cache)
        if not instance.claim(list(args.files)):
            _leave(0)  # the running window has the files
    app = SelfMassageApp(paths, theme=args.theme, defer_start_up=True)
    if instance is not None:
        app.use_single_instance(instance)
    files = list(args.files)

    def after_first_paint() -> None:
        now = time.monotonic()
        log.info(
            "first paint %.0f ms after the command line started (monotonic clock %.4f s)",
            (now - getattr(args, "started", now)) * 1000,
            now,
        )
        if args.exit_after_startup:
            # The figure start-up benchmarks and smoke tests want: a painted window.
            log.info("first paint done; exiting as asked")
            QApplication.quit()
            return
        from selfmassage.ui.desktop.quit_signals import quit_on_signals

        steps = [
            # Later starts wait for this (the start-up lock) to hand their files over.
            *([instance.listen] if instance is not None else []),
            *app.start_up_steps(),
            collect_garbage_from_now_on,
            lambda: quit_on_signals(quit_now, app.window),
            app.safety.ask_if_first_run,
        ]
        if files:
            steps.append(lambda: app.open_files(files))
        # One step per turn of the event loop, in order: a key or a click that comes
        # meanwhile is answered after the step under way, not after all of them.
        for step in steps:
            QTimer.singleShot(0, step)

    def quit_now(signal_name: str) -> None:
        # A logout or Ctrl+C: no questions. The history has every step already, and a
        # session left running is offered for resuming at the next start.
        log.info("asked to quit by %s", signal_name)
        app.save_settings()
        QApplication.quit()

    app.window.installEventFilter(FirstPaint(app.window, after_first_paint))
    app.show()
    # A window that starts minimized may not paint for a long while: collect anyway,
    # and answer other starts.
    QTimer.singleShot(5000, collect_garbage_from_now_on)
    if instance is not None:
        QTimer.singleShot(5000, instance.listen)
    status = qt_app.exec()
    log.info("SelfMassage exiting with status %s", status)
    app.shut_down()
    _leave(status)


def collect_garbage_from_now_on() -> None:
    """The command line turns Python's cycle collector off while the window is built
    (start-up makes many objects and no garbage worth a pass); turn it back on, and
    set aside what start-up made so later passes need not walk it again."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()


def _leave(status: int) -> NoReturn:
    """End the process now that everything is saved and closed.

    Python's and Qt's own teardown (every module and widget freed one by one) takes
    longer than starting did, and can only go wrong: the settings, the history and the
    log are already safe on disk, so the process ends without it.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)
