"""The history in another language: its words through the translations, its dates and
numbers by the app's locale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from selfmassage.core.language import PSEUDO_OPEN, _
from selfmassage.ui.history.delete_all_dialog import DELETE_ALL_WORD, DeleteAllDialog
from selfmassage.ui.history.locale_format import decimal, local_date, local_datetime
from selfmassage.ui.history.session_calendar import day_words


@pytest.fixture
def german_locale() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


def test_deleting_everything_asks_for_the_word_in_the_app_s_language(
    qtbot: QtBot, pseudo: None
) -> None:
    dialog = DeleteAllDialog(3)
    qtbot.addWidget(dialog)
    word = _(DELETE_ALL_WORD)
    assert word != DELETE_ALL_WORD and word.startswith(PSEUDO_OPEN)
    assert dialog.windowTitle().startswith(PSEUDO_OPEN)
    assert word in dialog.word.accessibleName()
    qtbot.keyClicks(dialog.word, DELETE_ALL_WORD)
    assert not dialog.delete_button.isEnabled()  # the English word is not the one asked
    dialog.word.setText(word)
    assert dialog.delete_button.isEnabled()


def test_a_day_s_counts_take_their_plurals() -> None:
    assert day_words(1, 0.6) == "1 session, 1 minute"
    assert day_words(2, 25.2) == "2 sessions, 25 minutes"


def test_dates_and_numbers_follow_the_app_s_locale(german_locale: None) -> None:
    assert local_date(date(2026, 3, 2), "ddd dd MMM yyyy") == "Mo. 02 März 2026"
    assert local_datetime(datetime(2026, 3, 2, 9, 5), "yyyy-MM-dd HH:mm") == "2026-03-02 09:05"
    assert decimal(1.25, 1) == "1,2"
    assert decimal(0.5, 1, signed=True) == "+0,5"
    assert decimal(-0.04, 1, signed=True) == "-0,0"  # as Python writes a tiny drop
    assert decimal(12.4, 0) == "12"


def test_english_dates_and_numbers_are_as_before() -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        assert local_date(date(2026, 3, 2), "ddd dd MMM yyyy") == "Mon 02 Mar 2026"
        assert decimal(-1.25, 1, signed=True) == "-1.2"
    finally:
        QLocale.setDefault(before)
