"""The baseline for start-up: QApplication and an empty QMainWindow, shown and painted once.

At the first paint it prints the monotonic clock, so that the benchmark can tell the
time to a painted window apart from the time the whole process took. It ends as the app
does (``launch._leave``): output flushed, then ``os._exit``, with no Python or Qt
teardown, so that the whole-process times compare like with like.
"""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _QuitOnPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            print(f"first paint at monotonic {time.monotonic():.6f}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 720)
quit_on_paint = _QuitOnPaint()
window.installEventFilter(quit_on_paint)
window.show()
status = app.exec()
sys.stdout.flush()
os._exit(status)
