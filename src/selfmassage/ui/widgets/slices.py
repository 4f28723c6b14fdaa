"""Work done in slices, one per turn of the event loop, so the window answers meanwhile.

A page that is made, laid out and drawn for the first time costs more than a frame
(16 ms); made ahead, one piece per turn, each piece waits for what the person does,
never the reverse. What is needed at once (the page shown before its slices are done)
either finishes the rest there and then (``finish``) or, when the rest only prepares
what the need makes anyway, drops it (``cancel``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer


class Slices(QObject):
    """Runs its steps one per turn of the event loop, in order, each once."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: deque[Callable[[], object]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    @property
    def pending(self) -> int:
        """How many steps have not run yet."""
        return len(self._steps)

    def add(self, steps: Iterable[Callable[[], object]]) -> None:
        """Queue steps after those already waiting; the first runs on a later turn."""
        self._steps.extend(steps)
        if self._steps and not self._timer.isActive():
            self._timer.start()

    def finish(self) -> None:
        """Run every step still waiting, now: what they make is needed."""
        self._timer.stop()
        while self._steps:
            self._steps.popleft()()

    def cancel(self) -> None:
        """Forget the steps still waiting: what they would make ahead is made as needed."""
        self._timer.stop()
        self._steps.clear()

    def _next(self) -> None:
        if self._steps:
            self._steps.popleft()()
        if self._steps:
            self._timer.start()
