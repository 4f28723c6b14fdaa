"""The session's progress bars, fed no faster than the eye follows them.

The session ticks every 50 ms. A QProgressBar of 1,000 steps repaints itself at once,
inside ``setValue``, whenever its value moves by a pixel: on a wide window that was
both bars on nearly every tick, each paint on the GUI thread before the tick could end.
A SteadyBar takes at most UPDATES_PER_SECOND new values a second (on the session's
clock) and is painted with the rest of the window in the next paint pass.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget

UPDATES_PER_SECOND = 10
"""Smooth to the eye for a bar that moves a few pixels a second."""
STEPS = 1000


class SteadyBar(QProgressBar):
    def __init__(self, name: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible_name)
        self.setTextVisible(False)
        self.setRange(0, STEPS)
        self._shown_at: float | None = None

    def show_fraction(self, fraction: float, at: float) -> bool:
        """Show ``fraction`` (0-1) of the bar at monotonic time ``at``, unless the bar
        moved less than 1/UPDATES_PER_SECOND ago; True if it took the value.

        The ends and any step back (a new part, a jump) are always shown at once.
        """
        value = round(STEPS * min(1.0, max(0.0, fraction)))
        current = self.value()
        if value == current:
            return False
        last = self._shown_at
        soon = last is not None and 0.0 <= at - last < 1.0 / UPDATES_PER_SECOND
        if soon and current < value < STEPS:
            return False
        self._shown_at = at
        # setValue would paint at once; with updates off it only records the value, and
        # turning them on again asks for a paint in the window's next pass.
        self.setUpdatesEnabled(False)
        self.setValue(value)
        self.setUpdatesEnabled(True)
        return True
