"""A step's own spoken start line and prompts (routine file) survive the editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Routine, Step, StepSide
from selfmassage.core.routine_file import read_routine, write_routine
from selfmassage.ui.physio.routine_editor import RoutineEditor
from tests.ui.answers import answering

OWN = Step(
    "calves",
    60,
    side=StepSide.BOTH,
    name="Calf squeeze",
    instructions="Squeeze the calf from the ankle up.",
    start="Sit with one knee bent.",
    prompts=("Squeeze and let go.", "Keep breathing."),
)


@pytest.fixture
def editor(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> RoutineEditor:
    window = RoutineEditor(load_catalog())
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "_ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    window.show()
    return window


def test_a_steps_own_start_and_prompts_are_saved_and_shown(
    editor: RoutineEditor, tmp_path: Path
) -> None:
    path = tmp_path / "own.smroutine"
    write_routine(path, Routine("Own lines", (OWN,)))
    assert editor.open_file(path)
    editor.routine_form.title_edit.setText("Own lines")
    editor._edit_top("title", "Own lines, again")
    assert editor.save()
    saved = read_routine(path).routine
    assert saved is not None
    assert saved.steps[0].start == OWN.start
    assert saved.steps[0].prompts == OWN.prompts
    # And the cues table shows them as they will be said.
    table = editor.step_form.cue_table
    said = [table.item(r, 1).text() for r in range(table.rowCount()) if table.item(r, 1)]
    assert any(OWN.start in text for text in said)
    assert "Squeeze and let go." in said and "Keep breathing." in said
    sources = [table.item(r, 1).toolTip() for r in range(table.rowCount()) if table.item(r, 1)]
    assert any(tip.startswith("The step's own prompt") for tip in sources)
    assert any(tip.startswith("Start: the place, and the step's own start line") for tip in sources)


def test_another_place_asks_before_dropping_them(
    editor: RoutineEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = Step("calves", 60, side=StepSide.BOTH, start="Sit with one knee bent.")
    editor.load_routine(Routine("Own lines", (plain,)))
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(True, asked))  # "Replace"
    combo = editor.step_form.region_combo
    combo.setCurrentIndex(combo.findData("quads"))
    combo.activated.emit(combo.currentIndex())
    assert len(asked) == 1  # its own start line is the physio's own words
    step = editor.draft.steps[0]
    assert step.region == "quads" and step.start == "" and step.prompts == ()
