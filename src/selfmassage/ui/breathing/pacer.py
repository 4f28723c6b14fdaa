"""The breathing pacer: a calm shape that grows with the in-breath and shrinks with the
out-breath, the phase in words, and the time left.

It keeps no clock of its own: whoever shows it (the Session page, from the session
engine's progress) says how far into the breathing it is, and the shape follows from
``core.breathing.breath_at``, so picture and cues agree. It repaints only when the shape
has visibly changed (half a pixel), so a hold or a pause costs nothing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QRadialGradient
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from selfmassage.core.breathing import BreathPattern, BreathState, breath_at
from selfmassage.core.language import _
from selfmassage.core.words import clock_readout

SMALLEST = 0.35
"""The shape's radius breathed out, as a part of its radius breathed in."""
REPAINT_PIXELS = 0.5


class BreathShape(QWidget):
    """A soft disc; ``fullness`` 0 is breathed out, 1 breathed in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("breathShape")
        self.setAccessibleName(_("Breathing shape"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self._fullness = 0.0
        self.repaints = 0
        """How many times it asked to be repainted: tests hold it to "not busy"."""

    @property
    def fullness(self) -> float:
        return self._fullness

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(280, 280)

    def radius(self, fullness: float | None = None) -> float:
        """The disc's radius in pixels at ``fullness`` (now, if None)."""
        part = self._fullness if fullness is None else fullness
        largest = min(self.width(), self.height()) / 2.0 - 4.0
        return max(0.0, largest * (SMALLEST + (1.0 - SMALLEST) * part))

    def set_fullness(self, fullness: float) -> None:
        fullness = min(max(fullness, 0.0), 1.0)
        moved = abs(self.radius(fullness) - self.radius())
        self._fullness = fullness
        if moved >= REPAINT_PIXELS:
            self.repaints += 1
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2.0, self.height() / 2.0)
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        # The largest breath as a faint ring: where the in-breath is going.
        ring = QColor(palette.color(QPalette.ColorRole.Mid))
        painter.setPen(ring)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        largest = self.radius(1.0)
        painter.drawEllipse(centre, largest, largest)
        radius = self.radius()
        inner, outer = QColor(accent), QColor(accent)
        inner.setAlpha(200)
        outer.setAlpha(70)
        gradient = QRadialGradient(centre, max(radius, 1.0))
        gradient.setColorAt(0.0, inner)
        gradient.setColorAt(1.0, outer)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawEllipse(centre, radius, radius)
        painter.end()


class BreathPacer(QWidget):
    """The shape, the phase ("Breathe in") and the time left, for one pattern."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("breathPacer")
        self.setAccessibleName(_("Breathing pacer"))
        self.pattern: BreathPattern | None = None
        self.state: BreathState | None = None
        self.shape = BreathShape()
        self.phase = QLabel()
        self.phase.setObjectName("breathPhase")
        self.phase.setTextFormat(Qt.TextFormat.PlainText)
        self.phase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.phase.font()
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.8)
        self.phase.setFont(font)
        self.remaining = QLabel()
        self.remaining.setObjectName("breathRemaining")
        self.remaining.setTextFormat(Qt.TextFormat.PlainText)
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.shape, 1)
        layout.addWidget(self.phase)
        layout.addWidget(self.remaining)

    def set_pattern(self, pattern: BreathPattern | None) -> None:
        """Ready to breathe with this pattern: breathed out, waiting for the start."""
        self.pattern = pattern
        self.state = None
        self.shape.set_fullness(0.0)
        self.phase.setText(_("Get ready") if pattern is not None else "")
        self.phase.setAccessibleName(self.phase.text())
        self.remaining.setText(pattern.describe() if pattern is not None else "")

    def show_at(self, elapsed: float, remaining: float) -> None:
        """``elapsed`` seconds into the breathing, ``remaining`` seconds of it left."""
        if self.pattern is None:
            return
        state = breath_at(self.pattern, elapsed)
        self.state = state
        self.shape.set_fullness(state.fullness)
        label = state.phase.label
        if self.phase.text() != label:
            self.phase.setText(label)
            self.phase.setAccessibleName(label)
        # Translators: the breathing's time left, as "4:30 left".
        left = _("{time} left").format(time=clock_readout(math.ceil(remaining - 1e-9)))
        if self.remaining.text() != left:
            self.remaining.setText(left)
