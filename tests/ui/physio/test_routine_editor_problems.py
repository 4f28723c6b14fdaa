"""The editor's list of problems leads to them: a problem activated in the list selects its
step and puts the cursor in the field to fix. Files it cannot open are told in words."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Cue, Routine, Schedule, Step
from selfmassage.core.routine_file import dump_routine
from selfmassage.ui.physio.routine_editor import RoutineEditor


@pytest.fixture
def editor(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> RoutineEditor:
    window = RoutineEditor(load_catalog())
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "_ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def activate(qtbot: QtBot, editor: RoutineEditor, text: str) -> None:
    items = editor.problem_list.findItems(text, Qt.MatchFlag.MatchStartsWith)
    assert items, [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]
    editor.problem_list.setCurrentItem(items[0])
    editor.problem_list.setFocus()
    qtbot.keyClick(editor.problem_list, Qt.Key.Key_Return)


def test_a_problem_activated_in_the_list_leads_to_its_cue(
    qtbot: QtBot, editor: RoutineEditor
) -> None:
    qtbot.keyClicks(editor.routine_form.title_edit, "Calves")
    for _ in range(3):
        editor.add_step()
    editor.step_form.seconds_spin.setValue(40)  # step 3
    editor.add_cue()
    editor.add_cue()
    editor.step_form.cue_table.cue_widget(1, 0).setValue(90)
    editor.step_list.setCurrentRow(0)
    activate(qtbot, editor, "Step 3, cue 2, at:")
    assert editor.step_list.currentRow() == 2
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is editor.step_form.cue_table.cue_widget(1, 0)
    )
    activate(qtbot, editor, "Step 3, cue 1, say:")
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is editor.step_form.cue_table.cue_widget(0, 1)
    )


def test_a_problem_activated_in_the_list_leads_to_its_field(
    qtbot: QtBot, editor: RoutineEditor
) -> None:
    editor.add_step()
    editor.add_step()
    editor.step_form.instructions_edit.setPlainText("Roll. " * 200)  # over 1,000 characters
    editor.step_list.setCurrentRow(0)
    activate(qtbot, editor, "Title:")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.routine_form.title_edit)
    activate(qtbot, editor, "Step 2, instructions:")
    assert editor.step_list.currentRow() == 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.step_form.instructions_edit)


def test_a_file_the_editor_cannot_open_is_told_in_words(
    qtbot: QtBot, editor: RoutineEditor, tmp_path: Path
) -> None:
    document = json.loads(
        dump_routine(Routine("Calves", steps=(Step("calves", 40, cues=(Cue(20, "Half"),)),)))
    )
    document["steps"][0]["cues"][0]["at"] = 90
    path = tmp_path / "late.smroutine"
    path.write_text(json.dumps(document))
    assert not editor.open_file(path)
    box = editor.last_message
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "late.smroutine cannot be opened as a routine file. Nothing was changed."
    assert (
        "Step 1, cue 1, at: must be less than the step's seconds (40), not 90"
        in box.informativeText()
    )
    assert "$" not in box.text() + box.informativeText()


def test_the_schedule_reads_as_words_for_one_and_many(editor: RoutineEditor) -> None:
    editor.routine_form.schedule_box.setChecked(True)
    editor.routine_form.times_spin.setValue(1)
    editor.routine_form.weeks_spin.setValue(1)
    assert editor.routine_form.times_spin.text() == "1 time a week"
    assert editor.routine_form.weeks_spin.text() == "1 week"
    editor.routine_form.times_spin.setValue(3)
    editor.routine_form.weeks_spin.setValue(4)
    assert editor.routine_form.times_spin.text() == "3 times a week"
    assert editor.routine_form.weeks_spin.text() == "4 weeks"
    # A routine opened shows its schedule with the signals blocked: still in words.
    editor.load_routine(Routine("Calves", schedule=Schedule(1, 1), steps=(Step("calves", 30),)))
    assert editor.routine_form.times_spin.text() == "1 time a week"
    assert editor.routine_form.weeks_spin.text() == "1 week"


def test_tab_leaves_the_notes_and_the_instructions(qtbot: QtBot, editor: RoutineEditor) -> None:
    editor.add_step()
    instructions = editor.step_form.instructions_edit.toPlainText()
    for box in (editor.routine_form.description_edit, editor.step_form.instructions_edit):
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        qtbot.keyClick(box, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda box=box: not box.hasFocus())
        assert "\t" not in box.toPlainText()
    assert editor.step_form.instructions_edit.toPlainText() == instructions
    assert editor.routine_form.description_edit.toPlainText() == ""
