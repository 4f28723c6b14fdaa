"""Files handed to the app by the system (macOS Finder, the Dock, "Open With").

macOS does not put them on the command line: it sends the running app a
``QEvent.FileOpen``, also at launch. This filter turns each into a path, so that the
composition root can send it down the same road as File > Open.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent

SYSTEM_SENDS_FILE_OPEN = sys.platform == "darwin"
"""Whether this system hands files over as FileOpen events (only macOS does)."""


class FileOpenFilter(QObject):
    """Install on the QApplication; emits ``file_open_requested`` with a local path."""

    file_open_requested = Signal(str)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = event.file()
        if not path and event.url().isLocalFile():
            path = event.url().toLocalFile()
        if not path:
            return False  # not a local file (a URL scheme the app does not handle)
        self.file_open_requested.emit(path)
        return True
