"""Writing breathing steps and calm cues in the routine editor, by keyboard."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.breathing import BreathPattern
from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import CueStyle
from selfmassage.core.routine_file import read_routine
from selfmassage.ui.physio.routine_editor import RoutineEditor


@pytest.fixture
def editor(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> RoutineEditor:
    window = RoutineEditor(load_catalog())
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "_ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown_cues(editor: RoutineEditor) -> list[tuple[str, str]]:
    """The cue table's rows as (where from, words)."""
    table = editor.step_form.cue_table
    rows = []
    for row in range(table.rowCount()):
        origin, words = table.item(row, 2), table.item(row, 1)
        if origin is not None and words is not None:
            rows.append((origin.text(), words.text()))
    return rows


def choose(qtbot: QtBot, combo: object, data: str) -> None:
    """Pick an item of a combo box by keyboard: focus it, then arrow to it."""
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, data
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def test_add_a_breathing_step_by_keyboard_edit_it_set_calm_and_save(
    qtbot: QtBot, editor: RoutineEditor, tmp_path: Path
) -> None:
    qtbot.keyClicks(editor.routine_form.title_edit, "Evening wind-down")
    editor.add_step()  # a massage step first
    qtbot.keyClick(
        editor,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(editor.draft.steps) == 2
    step = editor.draft.steps[1]
    assert step.breathing == BreathPattern(4, 0, 6) and step.seconds == 180
    form = editor.step_form
    fields = form.breathing_fields
    # The form shows the pattern and length in place of the place, tool and technique.
    assert fields.isVisible() and fields.pattern_combo.isVisible()
    for massage_field in (form.region_combo, form.tool_combo, form.technique_combo):
        assert not massage_field.isVisible()
    assert not form.seconds_spin.isVisible() and not form.add_cue_button.isVisible()
    assert not form.region_map.isVisible()

    choose(qtbot, fields.pattern_combo, "4-2-6")
    assert editor.draft.steps[1].breathing == BreathPattern(4, 2, 6)
    assert "hold for 2 s" in editor.draft.steps[1].instructions  # the app's words follow
    assert fields.hold_spin.value() == 2
    qtbot.keyClick(editor, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # "Len&gth"
    assert fields.minutes_spin.hasFocus()
    for _ in range(4):
        qtbot.keyClick(fields.minutes_spin, Qt.Key.Key_Up)
    assert editor.draft.steps[1].seconds == 7 * 60
    # The cue table shows the breaths, laid out by the timeline.
    said = shown_cues(editor)
    assert ("Breath", "In.") in said and ("Breath", "Out.") in said
    assert said.count(("Breath", "Hold.")) == 7 * 60 // 12  # a 12-second breath, 7 minutes
    editor.step_list.setCurrentRow(0)
    assert any("halfway" in words.casefold() for _origin, words in shown_cues(editor))

    choose(qtbot, editor.routine_form.cues_combo, "calm")
    assert editor.draft.cues is CueStyle.CALM
    # Calm drops the massage step's timing cues, as the session will.
    assert not any("halfway" in words.casefold() for _origin, words in shown_cues(editor))
    editor.step_list.setCurrentRow(1)
    assert ("Breath", "In.") in shown_cues(editor)  # and keeps the breaths

    assert editor.save_as(tmp_path / "evening.smroutine")
    document = json.loads((tmp_path / "evening.smroutine").read_text(encoding="utf-8"))
    assert document["version"] == 2 and document["cues"] == "calm"
    assert document["steps"][1]["kind"] == "breathing"
    assert document["steps"][1]["pattern"] == {"in": 4, "hold": 2, "out": 6}
    routine = read_routine(tmp_path / "evening.smroutine").routine
    assert routine is not None and routine.cues is CueStyle.CALM
    assert routine.steps[1].breathing == BreathPattern(4, 2, 6)
    assert routine.steps[1].seconds == 420


def test_undo_takes_back_the_pattern_the_length_the_cue_level_and_the_step(
    qtbot: QtBot, editor: RoutineEditor
) -> None:
    editor.add_breathing_step()
    fields = editor.step_form.breathing_fields
    choose(qtbot, fields.pattern_combo, "5-5")
    fields.minutes_spin.setValue(5)
    choose(qtbot, editor.routine_form.cues_combo, "calm")
    undo = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(editor, Qt.Key.Key_Z, undo)
    assert editor.draft.cues is CueStyle.FULL
    assert editor.routine_form.cues_combo.currentData() == "full"
    qtbot.keyClick(editor, Qt.Key.Key_Z, undo)
    assert editor.draft.steps[0].seconds == 180 and fields.minutes_spin.value() == 3
    qtbot.keyClick(editor, Qt.Key.Key_Z, undo)
    assert editor.draft.steps[0].breathing == BreathPattern(4, 0, 6)
    assert "in for 4 s, out for 6 s" in editor.draft.steps[0].instructions
    assert fields.pattern_combo.currentData() == "4-6"
    qtbot.keyClick(editor, Qt.Key.Key_Z, undo)
    assert editor.draft.steps == ()


def test_own_seconds_and_own_words_are_kept(qtbot: QtBot, editor: RoutineEditor) -> None:
    editor.add_breathing_step()
    form = editor.step_form
    form.instructions_edit.setPlainText("Breathe into your belly.")
    fields = form.breathing_fields
    fields.out_spin.setValue(8)
    step = editor.draft.steps[0]
    assert step.breathing == BreathPattern(4, 0, 8)
    assert step.instructions == "Breathe into your belly."
    assert fields.pattern_combo.currentData() == ""  # "your own"
    assert [p.path for p in editor.draft.check().errors] == ["$.title"]


def test_without_breathing_or_calm_the_editor_still_saves_version_1(
    editor: RoutineEditor, tmp_path: Path
) -> None:
    editor.routine_form.title_edit.setText("Calves")
    editor.routine_form.title_edit.textEdited.emit("Calves")
    editor.add_breathing_step()
    editor.add_step()
    editor.step_list.setCurrentRow(0)
    editor.remove_step()  # the breathing goes: back to what version 1 holds
    assert editor.save_as(tmp_path / "calves.smroutine")
    document = json.loads((tmp_path / "calves.smroutine").read_text(encoding="utf-8"))
    assert document["version"] == 1 and "cues" not in document


def test_the_seconds_and_length_labels_take_their_alt_keys(
    qtbot: QtBot, editor: RoutineEditor
) -> None:
    editor.add_step()
    qtbot.keyClick(editor, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # "S&econds"
    assert editor.step_form.seconds_spin.hasFocus()


def test_a_files_breathing_seconds_are_kept_until_the_length_is_changed(
    editor: RoutineEditor,
) -> None:
    from selfmassage.core.routine import Routine, breathing_step

    step = breathing_step(90, BreathPattern(5, 0, 5), "Settle", "Breathe slowly.")
    editor.load_routine(Routine("Short", (step,)))
    fields = editor.step_form.breathing_fields
    assert fields.minutes_spin.value() == 2
    assert "The file says 90 s" in fields.minutes_hint.text()
    assert fields.pattern_combo.currentData() == "5-5"
    routine = editor.routine()
    assert routine is not None and routine.steps[0] == step  # shown, not changed
    fields.minutes_spin.setValue(3)
    assert editor.draft.steps[0].seconds == 180
    assert editor.draft.steps[0].instructions == "Breathe slowly."
