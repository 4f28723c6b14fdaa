"""The safety dialogs' own texts speak the app's language (the questions are the
core's): the pseudo-language brackets each one; counts take their plural."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from selfmassage.core.safety import QUESTIONS, Answer, Screening
from selfmassage.ui.safety.caution_label import CautionLabel, describe_cautions
from selfmassage.ui.safety.safety_dialog import SafetyDialog
from selfmassage.ui.safety.today_check import TodayCheckDialog
from tests.ui.pseudo_language import translated


def test_the_screening_dialog_is_translated(qtbot: QtBot, pseudo: None) -> None:
    dialog = SafetyDialog(Screening({}), general=("Never on a bruise.",))
    qtbot.addWidget(dialog)
    assert translated(dialog.windowTitle()) and translated(dialog.accessibleName())
    text = dialog.cautions_view.toPlainText()
    first, _blank, nothing, _gap, always, *_general = text.splitlines()
    assert translated(first) and translated(nothing) and translated(always)


def test_one_question_left_is_singular(qtbot: QtBot) -> None:
    dialog = SafetyDialog(Screening({}))
    qtbot.addWidget(dialog)
    for question in QUESTIONS[1:]:
        dialog.set_answer(question.id, Answer.NO)
    assert dialog.cautions_view.toPlainText().startswith("1 question not answered yet.")


def test_a_caution_is_explained_in_the_language(pseudo: None) -> None:
    lines = describe_cautions(Screening({"pregnancy": Answer.YES})).splitlines()
    assert any(line.startswith("[") and "{" not in line for line in lines[1:])
    assert all(translated(line) for line in lines[1:])


def test_the_status_flag_counts_steps_in_the_language(qtbot: QtBot, pseudo: None) -> None:
    label = CautionLabel()
    qtbot.addWidget(label)
    label.set_cautions(Screening({}), {0: ("Light pressure only",), 2: ("No gun",)})
    assert translated(label.text().removeprefix("⚠ "))
    assert translated(label.accessibleName())


def test_the_days_check_is_translated(qtbot: QtBot, pseudo: None) -> None:
    dialog = TodayCheckDialog()
    qtbot.addWidget(dialog)
    assert translated(dialog.windowTitle()) and translated(dialog.go.text())
    for box in dialog.boxes.values():
        assert translated(box.text()) and translated(box.accessibleName())
    next(iter(dialog.boxes.values())).setChecked(True)
    assert translated(dialog.go.text())
