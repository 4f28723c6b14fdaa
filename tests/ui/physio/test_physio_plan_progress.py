"""The status bar's plan progress: the count stays in view whatever the plan's title."""

from pytestqt.qtbot import QtBot

from selfmassage.ui.physio.plan_progress import PlanProgressLabel


def test_a_long_title_is_shortened_and_the_count_stays_in_view(qtbot: QtBot) -> None:
    label = PlanProgressLabel()
    qtbot.addWidget(label)
    title = "W" * 120
    label.set_progress([(title, "0 of 3 this week")])
    assert label.text().endswith("…: 0 of 3 this week")
    assert label.sizeHint().width() < 500
    # The whole title is still there for the tooltip and a screen reader.
    assert f"{title}: 0 of 3 this week" in label.accessibleDescription()
    assert title in label.toolTip()


def test_a_short_title_is_shown_whole(qtbot: QtBot) -> None:
    label = PlanProgressLabel()
    qtbot.addWidget(label)
    label.set_progress([("Calves after running", "2 of 3 this week"), ("Neck", "starts later")])
    assert label.text() == "Calves after running: 2 of 3 this week (+1 more)"
