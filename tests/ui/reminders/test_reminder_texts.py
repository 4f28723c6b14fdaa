"""The reminders' tray menu, bar, card and dialog speak the app's language; the days and
times in them are the locale's."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from selfmassage.ui.reminders.reminders_dialog import RemindersDialog
from selfmassage.ui.reminders.today_card import TodayCard
from selfmassage.ui.reminders.tray import (
    ReminderBar,
    ReminderMenu,
    snooze_button_words,
    snooze_words,
)
from tests.ui.pseudo_language import german_locale, translated
from tests.ui.reminders.test_reminders import Harness, harness

__all__ = ["german_locale", "harness"]  # fixtures


def test_snoozes_take_their_plural() -> None:
    assert [snooze_words(m) for m in (1, 15, 60, 120)] == [
        "1 minute",
        "15 minutes",
        "1 hour",
        "2 hours",
    ]
    assert snooze_button_words(60) == "In 1 hour"
    assert snooze_button_words(15) == "In 15 minutes"


def test_the_menu_and_the_bar_are_translated(qtbot: QtBot, pseudo: None) -> None:
    menu = ReminderMenu()
    texts = [action.text() for action in menu.menu.actions() if not action.isSeparator()]
    assert texts and all(translated(text) for text in texts)
    assert all(translated(action.text()) for action in menu.snooze_actions)
    menu.set_today("", "Knee plan")
    assert translated(menu.start_action.text()) and "Knee plan" in menu.start_action.text()
    bar = ReminderBar()
    qtbot.addWidget(bar)
    buttons = [bar.start_button, *bar.snooze_buttons, bar.dismiss_button]
    assert all(translated(button.text()) for button in buttons)


def test_the_card_is_translated(qtbot: QtBot, pseudo: None) -> None:
    card = TodayCard()
    qtbot.addWidget(card)
    assert translated(card.due_label.text()) and translated(card.start_button.text())
    assert translated(card.start_button.toolTip())


def test_the_dialog_is_translated_and_names_the_days_as_the_locale_does(
    qtbot: QtBot, pseudo: None, german_locale: None
) -> None:
    dialog = RemindersDialog(
        [], ["Knee plan"], reminders_on=True, sound=False, start_with_computer=False
    )
    qtbot.addWidget(dialog)
    assert translated(dialog.windowTitle()) and translated(dialog.add_button.text())
    assert translated(dialog.routine_box.itemText(0))
    assert dialog.routine_box.itemText(1) == "Knee plan"  # a title, as it is
    assert [box.text() for box in dialog.day_boxes] == [
        "Mo.",
        "Di.",
        "Mi.",
        "Do.",
        "Fr.",
        "Sa.",
        "So.",
    ]


def test_snoozed_until_a_day_the_locale_names(harness: Harness, german_locale: None) -> None:
    harness.run(timedelta(minutes=10))  # Monday 18:00
    harness.presenter.bar.snooze_buttons[2].click()  # tomorrow
    assert "snoozed until Di. 18:00" in harness.window.statusBar().currentMessage()
    assert harness.presenter.menu.next_action.text() == "Next reminder: Knee plan, Di. at 18:00"
