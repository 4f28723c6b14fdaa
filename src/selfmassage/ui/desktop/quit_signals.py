"""Quit cleanly on SIGTERM (a logout, `kill`) and SIGINT (Ctrl+C in a terminal).

Python runs a signal handler only between bytecodes, and Qt's event loop, while idle,
runs none: the handler would wait for the next mouse move. So the signal module writes a
wake-up byte to a pipe that a QSocketNotifier watches, which brings the loop back into
Python at once. POSIX only; Windows has no SIGTERM worth the name.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

QUIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class QuitOnSignals(QObject):
    """Calls ``on_quit(signal name)`` in the event loop when a quit signal arrives."""

    def __init__(self, on_quit: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = on_quit
        self._pending: list[str] = []
        self._read, write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(write, False)
        self._write = write
        self._previous_fd = signal.set_wakeup_fd(write)
        self._notifier = QSocketNotifier(self._read, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        for number in QUIT_SIGNALS:
            signal.signal(number, self._caught)
        log.info("quitting cleanly on %s", " and ".join(s.name for s in QUIT_SIGNALS))

    def _caught(self, number: int, _frame: FrameType | None) -> None:
        self._pending.append(signal.Signals(number).name)

    def _woken(self) -> None:
        with contextlib.suppress(OSError):
            os.read(self._read, 512)
        if self._pending:
            name, self._pending = self._pending[0], []
            self._quit(name)


def quit_on_signals(
    on_quit: Callable[[str], None], parent: QObject | None = None
) -> QObject | None:
    """Watch for the quit signals where the system has them; None where it does not."""
    if sys.platform == "win32":
        return None
    return QuitOnSignals(on_quit, parent)
