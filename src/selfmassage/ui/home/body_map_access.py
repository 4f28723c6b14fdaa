"""The body map for the keyboard and screen readers: a stand-in per place, arrow-key moves.

Each drawn shape has an invisible stand-in child widget, a checkable button covering the
shape's bounds, that carries the keyboard focus and tells screen readers the place's
name and state ("Left calf, selected, soreness 6"; a check box, checked when selected).
The map paints the focus ring where that child has focus, and the arrow keys move the
focus to the nearest place in their direction.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from selfmassage.core.anatomy import RegionSide, View

Spot = tuple[View, RegionSide]
"""One drawn shape: a place on one view (a shoulder is drawn on both)."""

DIRECTIONS = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}
"""Arrow key -> the direction it moves the focus on screen."""


class RegionProxy(QAbstractButton):
    """The accessible, focusable stand-in for one drawn shape. It paints nothing and lets
    the map handle the mouse and the keys; it only holds focus and state for screen
    readers (its role is a check box, "checked" when the place is selected)."""

    def __init__(self, body_map: QWidget, spot: Spot, description: str) -> None:
        super().__init__(body_map)
        self._map = body_map
        self.spot = spot
        view, place = spot
        self.setObjectName(f"region-{view.value}-{place.key}")
        self.setCheckable(True)  # screen readers: a check box, "checked" when selected
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the map hands focus over by arrow keys
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleDescription(description)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        pass  # the map draws the shape

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        event.ignore()  # up to the map, which knows the neighbours

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        event.ignore()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self._map.update()  # the map paints the focus ring

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self._map.update()  # the map paints the focus ring


def neighbour(
    spot: Spot, direction: tuple[float, float], centres: Mapping[Spot, QPointF]
) -> Spot | None:
    """The nearest shape in that direction, of those whose centres on screen are given:
    distance along it, plus twice the offset across it, so a shape straight ahead wins
    over a nearer one off to the side."""
    origin = centres[spot]
    dx, dy = direction
    best: Spot | None = None
    best_score = math.inf
    for other, centre in centres.items():
        if other == spot:
            continue
        vx, vy = centre.x() - origin.x(), centre.y() - origin.y()
        along = vx * dx + vy * dy
        across = abs(vx * dy - vy * dx)
        if along <= 0.5 or across > along * 2.5:
            continue
        score = along + 2.0 * across
        if score < best_score:
            best, best_score = other, score
    return best
