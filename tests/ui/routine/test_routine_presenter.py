"""The Routine presenter's own words about a routine: file text is shown without its
bidi controls, in the status bar and in the questions it asks."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QMessageBox

from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Pacing, Routine, Step, plan
from selfmassage.core.settings import Settings, SettingsStore
from selfmassage.core.words import duration
from tests.conftest import MakeApp
from tests.ui.answers import answering

# A right-to-left override would show "Calf <evil>" as "<live> flaC" around it.
TITLE = "Calf \u202eevil\u202c care"


def test_the_status_bar_shows_an_opened_title_without_bidi_controls(make_app: MakeApp) -> None:
    app = make_app()
    assert app.routine.show(Routine(TITLE, (Step("calves", 60),)))
    message = app.window.statusBar().currentMessage()
    assert message == "Opened “Calf evil care”"


def test_the_replace_question_shows_the_title_without_bidi_controls(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    app.routine.show(Routine("First", (Step("calves", 60),)))
    monkeypatch.setattr(app.routine.page, "is_edited", lambda: True)
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(False, asked))

    assert not app.routine.show(Routine(TITLE, (Step("neck", 60),)))

    (box,) = asked
    assert "\u202e" not in box.text() and "“Calf evil care”" in box.text()


def test_the_routine_page_and_library_time_a_routine_as_the_session_will(
    make_app: MakeApp, paths: AppPaths
) -> None:
    # A person who takes 20 s to get ready sees totals with 20 s, as their session has.
    assert SettingsStore(paths.settings_file).save(Settings(transition_seconds=20))
    app = make_app()
    routine = Routine("Calves", (Step("calves", 60),))
    app.routine.show(routine)
    slow = plan(routine, Pacing(transition_seconds=20)).total_seconds
    assert f"Total {duration(slow)}" in app.routine.page.total_label.text()
    app.window.show_page("library")
    library = app.library.page
    assert library.pacing == Pacing(transition_seconds=20)

    # Changed in Voice and cues: both follow at once.
    voice = replace(app.voice.voice_settings(), transition_seconds=5)
    app.voice._save(voice)
    quick = plan(routine, Pacing(transition_seconds=5)).total_seconds
    assert f"Total {duration(quick)}" in app.routine.page.total_label.text()
    assert library.pacing == Pacing(transition_seconds=5)
