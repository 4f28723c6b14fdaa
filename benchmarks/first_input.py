"""The probe for "first input handled": at the first paint, a key press is queued; when
the window receives it the monotonic clock is printed and the process ends at once.

Used by startup.py on both sides, so that they start, answer and end the same way:

    python benchmarks/first_input.py bare    # the bare window of bare_window.py
    python benchmarks/first_input.py app     # selfmassage as a person starts it

The key (Shift: nothing acts on it) is posted after the app's own first-paint work has
been queued, as a person's key would come after the window appeared; its time is when
the event loop hands it to the focused widget, so whatever the GUI thread still does
after the first paint (the deferred wiring, the history) delays it. Both sides end with
``os._exit`` after flushing, as the app's own exit does (no Python or Qt teardown).
"""

from __future__ import annotations

import os
import sys
import time

if sys.argv[1:] == ["app"]:
    # A person's start imports the command line before Qt, as here, and it takes
    # PySide's import hook out before the rest of the app (selfmassage_app): the hook
    # would read the source of every module imported after it.
    import selfmassage.cli  # noqa: F401

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


class _Answered(QObject):
    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress:
            print(f"first input at monotonic {time.monotonic():.6f}", flush=True)
            os._exit(0)
        return False


_answered = _Answered()


def press_a_key(window: QWidget) -> None:
    """Queue a key press for the widget with the focus (or the window)."""
    # Named here, after the paint: the bare window's paint must not wait for the Qt
    # namespace's enums, which the app makes anyway.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent

    target = QApplication.focusWidget() or window
    target.installEventFilter(_answered)
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
    QCoreApplication.postEvent(target, press)


class _PressAfterPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first paint at monotonic {time.monotonic():.6f}", flush=True)
            press_a_key(self.window)
        return False


def bare() -> None:
    from PySide6.QtWidgets import QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 720)
    window.installEventFilter(_PressAfterPaint(window))
    window.show()
    app.exec()


def selfmassage_app() -> None:
    # What main() does first; not an import statement, which the hook would look at.
    sys.modules["selfmassage.cli"]._python_imports_under_qt()
    import selfmassage.launch as launch

    app_filter = launch.FirstPaint

    class FirstPaintThenKey(app_filter):
        """The app's own first-paint hook, then the probe's key, in that order."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            handled = super().eventFilter(watched, event)
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                print(f"first paint at monotonic {time.monotonic():.6f}", flush=True)
                press_a_key(watched)
            return handled

    launch.FirstPaint = FirstPaintThenKey  # type: ignore[misc]
    from selfmassage.cli import main

    main([])


if __name__ == "__main__":
    {"bare": bare, "app": selfmassage_app}[sys.argv[1]]()
