"""Problem text (history not recording, a bad date range) stays readable in both themes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from selfmassage.ui.theme import dark_palette, light_palette
from selfmassage.ui.widgets.problem_label import ProblemLabel


def _luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(first: QColor, second: QColor) -> float:
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _text_and_ground(label: QLabel) -> tuple[QColor, QColor]:
    image = label.grab().toImage()
    ground = label.palette().color(QPalette.ColorRole.Window)
    # The pixel farthest from the background is the text's own colour.
    far = max(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=lambda c: _contrast(c, ground),
    )
    return far, ground


def test_problem_text_is_readable_in_the_light_and_the_dark_theme(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    label = ProblemLabel("History: not recording")
    qtbot.addWidget(label)
    label.setAutoFillBackground(True)
    label.resize(label.sizeHint())
    label.show()
    for palette in (dark_palette(), light_palette(app)):
        label.setPalette(palette)
        text, ground = _text_and_ground(label)
        assert _contrast(text, ground) >= 4.5, (text.name(), ground.name())
    assert label.textFormat().name == "PlainText"
