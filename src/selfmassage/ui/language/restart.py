"""Starting the app again, for a change that applies after a restart (the language)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QProcess

log = logging.getLogger(__name__)


def relaunch_command() -> tuple[str, list[str]]:
    """The program and arguments that started this process: the bundle's own program,
    or the interpreter with its original arguments (``python -m selfmassage``, the
    ``selfmassage`` script)."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, list(sys.orig_argv[1:])


def restart(
    quit_app: Callable[[], bool],
    before_start: Callable[[], None],
    start: Callable[[str, list[str]], bool] | None = None,
) -> bool:
    """Quit through the app's own path (which may ask about a running session and be
    refused), and as it quits start it again. ``before_start`` lets go of what the new
    process must find free (the single-instance socket). False if the quit was refused."""
    app = QCoreApplication.instance()

    def start_again() -> None:
        if app is not None:
            app.aboutToQuit.disconnect(start_again)
        before_start()
        program, arguments = relaunch_command()
        started = start(program, arguments) if start else QProcess.startDetached(program, arguments)
        if not started:
            log.error("could not start the app again: %s %s", program, arguments)

    if app is not None:
        app.aboutToQuit.connect(start_again)
    if quit_app():
        return True
    if app is not None:
        app.aboutToQuit.disconnect(start_again)
    return False
