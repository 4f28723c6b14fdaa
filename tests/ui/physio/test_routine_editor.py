from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine_file import parse_routine, read_routine
from selfmassage.core.words import duration
from selfmassage.ui.physio.routine_editor import RoutineEditor
from tests.ui.answers import answering

HOSTILE = "<b>hi</b><img src=x>"


@pytest.fixture
def editor(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> RoutineEditor:
    window = RoutineEditor(load_catalog())
    qtbot.addWidget(window)
    # pytest-qt closes the window after the test: it must not wait for an answer then.
    monkeypatch.setattr(window, "_ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    window.show()
    return window


def problems(editor: RoutineEditor) -> list[str]:
    return [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]


def test_build_a_routine_by_typing_and_save_it(
    qtbot: QtBot, editor: RoutineEditor, tmp_path: Path
) -> None:
    assert "Title: must not be empty" in problems(editor)
    assert "Steps: must hold at least one step" in problems(editor)

    qtbot.keyClicks(editor.routine_form.title_edit, "Post-run calves")
    qtbot.keyClicks(editor.routine_form.author_edit, "A. Physio")
    qtbot.keyClicks(editor.routine_form.description_edit, "Gently after each run.")
    box = editor.routine_form.language_box
    box.setCurrentIndex(box.findData("en"))
    box.activated.emit(box.currentIndex())
    editor.routine_form.schedule_box.setChecked(True)
    editor.routine_form.times_spin.setValue(3)
    editor.routine_form.weeks_spin.setValue(4)
    editor.routine_form.start_check.setChecked(True)
    editor.routine_form.start_edit.setDate(QDate(2026, 11, 2))

    editor.add_step()
    assert editor.step_list.count() == 1
    editor.step_form.region_combo.setCurrentIndex(editor.step_form.region_combo.findData("calves"))
    editor.step_form.region_combo.activated.emit(editor.step_form.region_combo.currentIndex())
    editor.step_form.tool_combo.setCurrentIndex(editor.step_form.tool_combo.findData("foam-roller"))
    editor.step_form.tool_combo.activated.emit(editor.step_form.tool_combo.currentIndex())
    assert editor.draft.steps[0].technique.startswith("calves.foam-roller")
    editor.step_form.seconds_spin.setValue(90)
    editor.add_cue()
    say = editor.step_form.cue_table.cue_widget(0, 1)
    qtbot.keyClicks(say, "Turn your foot out.")
    editor.add_step()
    editor.step_form.region_combo.setCurrentIndex(editor.step_form.region_combo.findData("neck"))
    editor.step_form.region_combo.activated.emit(editor.step_form.region_combo.currentIndex())
    assert not editor.step_form.side_combo.isEnabled()
    editor.step_form.technique_combo.setCurrentIndex(0)  # custom
    editor.step_form.technique_combo.activated.emit(0)
    editor.step_form.name_edit.clear()
    qtbot.keyClicks(editor.step_form.name_edit, "Neck release")
    assert problems(editor) == []
    from selfmassage.core.routine import Pacing, plan

    checked = editor.draft.check().routine
    assert checked is not None
    total = plan(checked, Pacing()).total_seconds
    assert editor.status_label.text() == (
        f"Ready to save: the routine is valid. Total time: {duration(total)}."
    )
    assert editor.isWindowModified()

    path = tmp_path / "calves.smroutine"
    saved: list[Path] = []
    editor.saved.connect(saved.append)
    assert editor.save_as(path)
    assert saved == [path]
    assert not editor.isWindowModified()
    routine = read_routine(path).routine
    assert routine is not None
    assert routine.title == "Post-run calves"
    assert routine.author == "A. Physio"
    assert routine.description == "Gently after each run."
    assert routine.schedule is not None
    assert (routine.schedule.times_per_week, routine.schedule.weeks) == (3, 4)
    assert str(routine.schedule.start) == "2026-11-02"
    assert [s.region for s in routine.steps] == ["calves", "neck"]
    assert routine.steps[0].seconds == 90
    assert routine.steps[0].cues[0].say == "Turn your foot out."
    assert routine.steps[1].name == "Neck release"
    assert routine.steps[1].technique is None
    assert routine.created


def test_validation_uses_the_readers_words(qtbot: QtBot, editor: RoutineEditor) -> None:
    qtbot.keyClicks(editor.routine_form.title_edit, "x")
    editor.add_step()
    editor.step_form.seconds_spin.setValue(20)
    editor.add_cue()
    at = editor.step_form.cue_table.cue_widget(0, 0)
    at.setValue(30)
    editor._edit_top("language", "not a tag")  # only a draft can hold such a language
    found = problems(editor)
    document = editor.draft.document()
    import msgspec

    reader = [str(p) for p in parse_routine(msgspec.json.encode(document)).errors]
    assert "$.steps[0].cues[0].at: must be less than the step's seconds (20), not 30" in reader
    assert "Step 1, cue 1, at: must be less than the step's seconds (20), not 30" in found
    assert any(p.startswith("Language: must be a language tag") for p in found)
    assert len(found) == len(reader)
    assert editor.step_list.item(0).text().startswith("⚠ ")
    assert editor.routine_form.language_box.styleSheet()
    # A routine with problems is not saved.
    assert not editor._write(Path("never-written.smroutine"))
    assert not Path("never-written.smroutine").exists()


def test_undo_and_redo(qtbot: QtBot, editor: RoutineEditor) -> None:
    qtbot.keyClicks(editor.routine_form.title_edit, "Calves")
    editor.add_step()
    editor.add_step()
    assert len(editor.draft.steps) == 2
    editor.undo_action.trigger()
    assert len(editor.draft.steps) == 1
    editor.undo_action.trigger()
    assert editor.draft.steps == ()
    # Typing a title is one undo step, not one per letter.
    editor.undo_action.trigger()
    assert editor.draft.title == "" and editor.routine_form.title_edit.text() == ""
    assert not editor.isWindowModified()
    editor.redo_action.trigger()
    assert editor.routine_form.title_edit.text() == "Calves"
    editor.redo_action.trigger()
    assert editor.step_list.count() == 1
    editor.move_step(1)  # nowhere to go: nothing to undo
    assert editor.undo_stack.index() == 2


def test_unsaved_changes_are_never_dropped_silently(
    qtbot: QtBot, editor: RoutineEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClicks(editor.routine_form.title_edit, "Draft")
    asked: list[bool] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def ask() -> QMessageBox.StandardButton:
            asked.append(True)
            return button

        return ask

    monkeypatch.setattr(editor, "_ask_unsaved", answer(QMessageBox.StandardButton.Cancel))
    assert not editor.close()
    assert editor.isVisible() and asked
    editor.new_routine()
    assert editor.draft.title == "Draft"
    monkeypatch.setattr(editor, "_ask_unsaved", answer(QMessageBox.StandardButton.Discard))
    assert editor.close()


def test_hostile_text_shows_exactly_as_typed(qtbot: QtBot, editor: RoutineEditor) -> None:
    qtbot.keyClicks(editor.routine_form.title_edit, HOSTILE)
    editor.add_step()
    editor.step_form.name_edit.clear()
    qtbot.keyClicks(editor.step_form.name_edit, HOSTILE)
    editor.step_form.instructions_edit.clear()
    qtbot.keyClicks(editor.step_form.instructions_edit, HOSTILE)
    assert editor.draft.title == HOSTILE
    assert editor.routine_form.title_edit.text() == HOSTILE
    assert editor.step_list.item(0).text().startswith(f"1. {HOSTILE} — ")
    assert editor.step_form.instructions_edit.toPlainText() == HOSTILE
    assert editor.draft.steps[0].instructions == HOSTILE
    assert editor.draft.steps[0].name == HOSTILE
    for label in editor.findChildren(QLabel):
        assert label.textFormat() in (Qt.TextFormat.PlainText, Qt.TextFormat.AutoText)
        if HOSTILE in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText


def test_the_region_is_picked_on_the_small_map(qtbot: QtBot, editor: RoutineEditor) -> None:
    from selfmassage.core.anatomy import RegionSide, Side

    editor.add_step()
    assert editor.draft.steps[0].side == "both"
    assert len(editor.step_form.region_map.selection().selected) == 2  # both sides shown
    editor.step_form.region_map.toggle(RegionSide("hamstrings", Side.LEFT))
    step = editor.draft.steps[0]
    assert (step.region, step.side) == ("hamstrings", "left")
    assert editor.step_form.region_combo.currentData() == "hamstrings"
    assert editor.step_form.region_map.selection().selected == (
        RegionSide("hamstrings", Side.LEFT),
    )
    editor.step_form.region_map.toggle(RegionSide("neck"))
    assert (editor.draft.steps[0].region, editor.draft.steps[0].side) == ("neck", None)
    # Clicking the chosen place again keeps it chosen.
    editor.step_form.region_map.toggle(RegionSide("neck"))
    assert editor.draft.steps[0].region == "neck"
    assert editor.step_form.region_map.selection().selected == (RegionSide("neck"),)
    editor.undo_action.trigger()
    assert editor.draft.steps[0].region == "hamstrings"
    assert editor.step_form.region_map.selection().selected == (
        RegionSide("hamstrings", Side.LEFT),
    )


def test_save_as_suggests_a_file_name_windows_accepts(
    qtbot: QtBot, editor: RoutineEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClicks(editor.routine_form.title_edit, "Hips/knees: 10 min?")
    offered: list[str] = []

    def choose(_parent: object, _caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return "", ""  # cancelled

    monkeypatch.setattr("selfmassage.ui.physio.routine_editor.QFileDialog.getSaveFileName", choose)
    assert not editor.save_as()
    assert offered == ["Hips knees 10 min.smroutine"]


def choose(combo: object, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))  # type: ignore[attr-defined]
    combo.activated.emit(combo.currentIndex())  # type: ignore[attr-defined]


def test_a_new_region_or_tool_never_keeps_the_old_steps_words(
    editor: RoutineEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.answers import answering

    catalog = load_catalog()
    editor.add_step()
    choose(editor.step_form.region_combo, "calves")
    choose(editor.step_form.tool_combo, "foam-roller")
    calf = editor.draft.steps[0]
    assert calf.technique.startswith("calves.foam-roller")
    # Catalog text follows the region: no calf instructions on the quadriceps.
    choose(editor.step_form.region_combo, "quads")
    quad = editor.draft.steps[0]
    best = catalog.default_for("quads", catalog.get(calf.technique).tool)  # type: ignore[union-attr]
    assert best is not None
    assert (quad.technique, quad.name, quad.instructions) == (
        best.id,
        best.name,
        best.instructions,
    )
    assert editor.step_form.name_edit.text() == best.name
    # Text written by hand: asked; kept when the person says so, replaced otherwise.
    editor.step_form.instructions_edit.setPlainText("Slowly, as we practised.")
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(False, asked))
    choose(editor.step_form.region_combo, "hamstrings")
    assert [box.objectName() for box in asked] == ["replaceStepText"]
    kept = editor.draft.steps[0]
    assert (kept.region, kept.technique) == ("hamstrings", "")
    assert kept.instructions == "Slowly, as we practised."
    monkeypatch.setattr(QMessageBox, "exec", answering(True, asked))
    choose(editor.step_form.tool_combo, "hands")
    replaced = editor.draft.steps[0]
    assert replaced.instructions != "Slowly, as we practised."
    assert "calf" not in replaced.instructions.lower()
    assert replaced.tool == "hands"


def test_the_seconds_say_their_range(editor: RoutineEditor) -> None:
    catalog = load_catalog()
    editor.add_step()
    choose(editor.step_form.region_combo, "calves")
    choose(editor.step_form.tool_combo, "foam-roller")
    technique = catalog.get(editor.draft.steps[0].technique)
    assert technique is not None
    low, high = technique.min_seconds, technique.max_seconds
    hint = editor.step_form.seconds_hint
    assert hint.text() == f"{low}–{high} s for this technique."
    editor.step_form.seconds_spin.setValue(low - 1 if low > 5 else high + 1)
    assert hint.text() == f"Out of range: {low}–{high} s for this technique."


def test_the_step_being_written_shows_its_picture(
    editor: RoutineEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A step made custom and then moved keeps its text (the editor asks first).
    monkeypatch.setattr(QMessageBox, "exec", answering(False))
    form = editor.step_form
    view = form.illustration
    assert not view.isVisible(), "no step yet, no picture"
    editor.add_step()
    form.region_combo.setCurrentIndex(form.region_combo.findData("calves"))
    form.region_combo.activated.emit(form.region_combo.currentIndex())
    form.tool_combo.setCurrentIndex(form.tool_combo.findData("foam-roller"))
    form.tool_combo.activated.emit(form.tool_combo.currentIndex())
    technique = editor.draft.steps[0].technique
    assert view.isVisible()
    assert view.technique is not None and view.technique.id == technique
    assert "left calf" in view.description
    form.side_combo.setCurrentIndex(form.side_combo.findData("right"))
    form.side_combo.activated.emit(form.side_combo.currentIndex())
    assert "right calf" in view.description
    # Another technique for the same place: another picture.
    other = form.technique_combo.findData("calves.massage-ball.floor")
    form.technique_combo.setCurrentIndex(other)
    form.technique_combo.activated.emit(other)
    assert view.technique is not None and view.technique.id == "calves.massage-ball.floor"
    # A custom step with a tool the region has no technique for: no picture.
    form.technique_combo.setCurrentIndex(0)
    form.technique_combo.activated.emit(0)
    form.region_combo.setCurrentIndex(form.region_combo.findData("neck"))
    form.region_combo.activated.emit(form.region_combo.currentIndex())
    form.tool_combo.setCurrentIndex(form.tool_combo.findData("stick-roller"))
    form.tool_combo.activated.emit(form.tool_combo.currentIndex())
    assert editor.draft.steps[0].tool == "stick-roller"
    assert not view.isVisible()


def test_a_routine_with_breathing_opens_and_saves_with_its_breathing(
    editor: RoutineEditor, tmp_path: Path
) -> None:
    from selfmassage.core.assets import asset_path

    assert editor.open_file(asset_path("routines", "wind-down-for-sleep.smroutine"))
    editor.step_list.setCurrentRow(0)
    assert editor.step_form.isEnabled()  # a breathing step is edited like any other
    assert "breathing, in for 4 s, out for 6 s" in editor.step_form.title()
    assert not editor.step_form.region_combo.isVisible()
    editor.step_list.setCurrentRow(1)
    assert editor.step_form.isEnabled()
    editor.add_step()  # after a massage step: a step like it
    editor.step_list.setCurrentRow(0)
    editor.add_step()  # after the breathing: a massage step all the same
    assert editor.draft.steps[1].breathing is None
    assert editor.save_as(tmp_path / "mine.smroutine")
    routine = read_routine(tmp_path / "mine.smroutine").routine
    assert routine is not None
    assert routine.cues.value == "calm"
    assert routine.steps[0].is_breathing and routine.steps[-1].is_breathing
