"""The app's message boxes: plain text, the safe answer by default, one look for each idea."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.document_check import Problem
from selfmassage.ui.dialogs import ask, offer, tell, tell_file_problems
from tests.ui.answers import answering

MARKUP = "<b>not bold</b> & <i>not italic</i>"


@pytest.mark.parametrize("accept", [True, False])
def test_ask_is_true_only_for_the_accept_button(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, accept: bool
) -> None:
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(accept, asked))
    assert ask(None, "Delete routine", f"Delete {MARKUP}?", "Delete", cancel="Keep") is accept
    [box] = asked
    assert box.objectName() == "question"
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == f"Delete {MARKUP}?"
    assert [button.text() for button in box.buttons()] == ["Delete", "Keep"]
    assert box.defaultButton().text() == "Keep" and box.escapeButton() is box.defaultButton()


def test_tell_shows_plain_text_with_more_and_details(qtbot: QtBot) -> None:
    box = tell(None, "Not saved", MARKUP, more=MARKUP, details="all", object_name="saveProblem")
    qtbot.addWidget(box)
    qtbot.waitUntil(box.isVisible)
    assert box.objectName() == "saveProblem" and box.windowTitle() == "Not saved"
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == MARKUP
    assert box.informativeText() == MARKUP and box.detailedText() == "all"
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert informative.textFormat() == Qt.TextFormat.PlainText  # a file's words, not markup
    assert box.icon() is QMessageBox.Icon.Warning
    box.close()


def test_offer_does_not_wait_and_acts_only_on_accept(qtbot: QtBot) -> None:
    taken: list[str] = []
    box = offer(None, "Session interrupted", MARKUP, "Resume", lambda: taken.append("yes"))
    qtbot.waitUntil(box.isVisible)
    assert box.textFormat() == Qt.TextFormat.PlainText and box.defaultButton().text() == "Cancel"
    box.defaultButton().click()
    assert taken == []
    box = offer(None, "Session interrupted", MARKUP, "Resume", lambda: taken.append("yes"))
    qtbot.waitUntil(box.isVisible)
    next(b for b in box.buttons() if b.text() == "Resume").click()
    assert taken == ["yes"]


def test_a_file_s_problems_are_told_in_people_s_words(qtbot: QtBot) -> None:
    problems = [
        Problem(f"$.steps[{n}].seconds", "must be from 5 to 1800, not 2") for n in range(13)
    ]
    box = tell_file_problems(None, "plan.smroutine", "routine", problems)
    qtbot.addWidget(box)
    assert box.objectName() == "fileProblems"
    assert box.windowTitle() == "Cannot open the routine"
    assert box.text() == "plan.smroutine cannot be opened as a routine file. Nothing was changed."
    lines = box.informativeText().splitlines()
    assert lines[0] == "• Step 1, seconds: must be from 5 to 1800, not 2"
    assert lines[-1] == "… and 1 more (see Show Details)."
    assert len(box.detailedText().splitlines()) == 13
    assert "$" not in box.text() + box.informativeText() + box.detailedText()
    box.close()


def test_every_box_shows_text_without_bidi_controls(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A title from a file with a right-to-left override must not turn the sentence round.
    title = "“Calf \u202eevil\u202c care”"
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(False, asked))
    ask(None, "Delete", f"Delete {title}?", "Delete")
    told = tell(None, "Not saved", f"Could not save {title}.", more=f"{title} is kept.")
    qtbot.addWidget(told)
    offered = offer(None, "Resume", f"Resume {title}?", "Resume", lambda: None)
    qtbot.addWidget(offered)
    for box in (*asked, told, offered):
        assert "\u202e" not in box.text() + box.informativeText()
        assert "“Calf evil care”" in box.text()
    told.close()
    offered.close()
