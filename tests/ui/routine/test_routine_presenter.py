"""The Routine presenter's own words about a routine: file text is shown without its
bidi controls, in the status bar and in the questions it asks."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from selfmassage.core.routine import Routine, Step
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
