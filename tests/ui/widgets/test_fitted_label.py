"""A fitted label keeps its height whatever its text; long text gets a smaller font."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget
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


# Found cut in half on the Session page: the general cautions under a step at 1280x720.
LONG = " ".join(
    "Do not massage over open wounds, burns, rashes or a recent fracture." for _ in range(12)
)


def test_a_text_too_long_for_its_lines_ends_in_an_ellipsis_and_is_whole_in_the_tip(
    qtbot: QtBot,
) -> None:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    label = FittedLabel(lines=2)
    layout.addWidget(label)
    qtbot.addWidget(holder)
    holder.resize(400, 200)
    holder.show()
    qtbot.waitExposed(holder)
    label.setText(LONG)
    assert label.height() >= label.heightForWidth(label.width())  # nothing cut off
    assert label.text().endswith("…")
    assert label.full_text() == LONG
    assert LONG in label.toolTip()
    # A short text is shown as it is, without a tip.
    label.setText("Stop at once if it hurts.")
    assert label.text() == "Stop at once if it hurts."
    assert label.toolTip() == ""
