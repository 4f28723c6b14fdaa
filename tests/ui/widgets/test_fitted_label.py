"""A fitted label keeps its height whatever its text; long text gets a smaller font."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from selfmassage.ui.widgets.fitted_label import FittedLabel


def test_the_height_stays_and_long_text_shrinks_to_fit(qtbot: QtBot) -> None:
    label = FittedLabel(lines=2)
    qtbot.addWidget(label)
    font = label.font()
    font.setPointSizeF(18)
    label.setFont(font)
    label.reserve()
    label.resize(240, label.height())
    height = label.height()

    label.setText("Short")
    assert label.height() == height
    assert label.font().pointSizeF() == 18
    label.setText("Roll slowly from the ankle to just below the knee, then back down. " * 2)
    assert label.height() == height
    assert label.font().pointSizeF() < 18
    assert label.heightForWidth(label.width()) <= height
    label.setText("Short")
    assert label.font().pointSizeF() == 18, "the full font comes back for a short text"
    assert label.text() == "Short"
