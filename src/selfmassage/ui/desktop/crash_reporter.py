"""Catches any uncaught exception: it goes to the log, and the person sees a dialog.

Installed before the window is built, so it stays cheap to import: the dialog is
imported the first time something goes wrong.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


class CrashReporter:
    """Logs any uncaught exception and shows it in a dialog with the log's path."""

    def __init__(self, log_file: Path) -> None:
        self.log_file = log_file
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("uncaught exception", exc_info=(kind, error, trace))
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            from selfmassage.ui.desktop.crash_dialog import CrashDialog

            details = "".join(traceback.format_exception(kind, error, trace))
            summary = f"{kind.__name__}: {error}"
            CrashDialog(summary, details, self.log_file, QApplication.activeWindow()).exec()
        finally:
            self._showing = False
