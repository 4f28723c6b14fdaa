"""The routine editor's cues table: everything the voice says, own cues editable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QSpinBox
from pytestqt.qtbot import QtBot

from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Cue, Routine, Step, StepSide, Tool
from selfmassage.ui.physio.routine_editor import RoutineEditor


@pytest.fixture
def editor(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> RoutineEditor:
    catalog = load_catalog()
    window = RoutineEditor(catalog)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "_ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    technique = catalog.default_for("calves", Tool.FOAM_ROLLER)
    assert technique is not None
    calf = Step(
        "calves",
        90,
        side=StepSide.BOTH,
        tool=Tool.FOAM_ROLLER,
        technique=technique.id,
        name=technique.name,
        instructions=technique.instructions,
        cues=(Cue(20, "Turn your foot out."), Cue(60, "Nearly there.")),
    )
    window.load_routine(Routine("Calves", (calf,)))
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def _rows(editor: RoutineEditor) -> list[tuple[str, str, str]]:
    table = editor.step_form.cue_table
    rows = []
    for row in range(table.rowCount()):
        cells = []
        for column in range(3):
            widget = table.cellWidget(row, column)
            item = table.item(row, column)
            if isinstance(widget, QSpinBox):
                cells.append(f"[{widget.value()} s]")
            elif isinstance(widget, QLineEdit):
                cells.append(f"[{widget.text()}]")
            else:
                cells.append(item.text() if item is not None else "")
        rows.append((cells[0], cells[1], cells[2]))
    return rows


def test_every_cue_said_is_listed_and_only_the_own_ones_are_editable(
    editor: RoutineEditor,
) -> None:
    catalog = load_catalog()
    technique = catalog.get(editor.draft.steps[0].technique)
    assert technique is not None and technique.boundary
    rows = _rows(editor)
    texts = [row[1] for row in rows]
    assert rows[0][0] == "Getting ready · 10 s"
    assert texts[1].startswith("Calf roll. Your left calf, foam roller.")
    assert rows[2][0] == "Left side · 90 s"
    assert any(row[0].startswith("Switching sides · ") for row in rows)
    assert technique.boundary in texts
    assert any(prompt in texts for prompt in technique.prompts)
    assert "Halfway." in texts and "Ten seconds left." in texts
    # The step's own cues: boxes on the first side, read only on the second.
    assert ("[20 s]", "[Turn your foot out.]", "Yours") in rows
    assert ("20 s", "Turn your foot out.", "Yours") in rows
    origins = {row[2] for row in rows}
    assert {"Start", "Safety", "Prompt", "Timing", "Yours"} <= origins
    table = editor.step_form.cue_table
    for row in range(table.rowCount()):
        for column in range(3):
            item = table.item(row, column)
            if item is not None:
                assert not item.flags() & Qt.ItemFlag.ItemIsEditable
    assert editor.step_form.cues_caption.text().startswith("Cues: everything the voice says")


def test_an_own_cue_moved_in_time_keeps_its_box_focused_and_its_place(
    qtbot: QtBot, editor: RoutineEditor
) -> None:
    table = editor.step_form.cue_table
    at = table.cue_widget(1, 0)
    assert isinstance(at, QSpinBox)
    at.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (at, at.lineEdit()))
    at.lineEdit().selectAll()
    qtbot.keyClicks(at.lineEdit(), "5")  # 60 s becomes 5 s: before "Turn your foot out."
    assert editor.draft.steps[0].cues[1].at == 5
    moved = table.cue_widget(1, 0)
    assert isinstance(moved, QSpinBox) and moved.value() == 5
    assert QApplication.focusWidget() in (moved, moved.lineEdit())
    qtbot.keyClicks(moved.lineEdit(), "0")  # typing goes on where it was: 50 s
    assert editor.draft.steps[0].cues[1].at == 50
    rows = _rows(editor)
    mine = [
        i for i, row in enumerate(rows) if row[1] in ("[Turn your foot out.]", "[Nearly there.]")
    ]
    assert [rows[i][1] for i in mine] == ["[Turn your foot out.]", "[Nearly there.]"]
    # Words typed show in the second side's row as they are typed.
    say = table.cue_widget(0, 1)
    assert isinstance(say, QLineEdit)
    say.setFocus()
    say.end(False)
    qtbot.keyClicks(say, " Slowly")
    assert ("20 s", "Turn your foot out. Slowly", "Yours") in _rows(editor)
    assert QApplication.focusWidget() is table.cue_widget(0, 1)


def test_remove_cue_removes_the_one_being_edited(qtbot: QtBot, editor: RoutineEditor) -> None:
    table = editor.step_form.cue_table
    say = table.cue_widget(1, 1)
    assert say is not None
    say.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is say)
    assert table.current_cue() == 1
    editor.remove_cue()
    assert [cue.say for cue in editor.draft.steps[0].cues] == ["Turn your foot out."]
    assert "[Nearly there.]" not in [row[1] for row in _rows(editor)]
    editor.add_cue()
    assert editor.draft.steps[0].cues[-1].at == 45
    rows = _rows(editor)
    assert ("[45 s]", "[]", "Yours: not said") in rows  # no words yet: nothing to say


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_apps_rows_are_quieter_than_the_boxes_and_still_read_well(
    editor: RoutineEditor, theme: str
) -> None:
    from PySide6.QtGui import QPalette

    from selfmassage.ui.theme import contrast, dark_palette, light_palette

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    table = editor.step_form.cue_table
    table.setPalette(dark_palette() if theme == "dark" else light_palette(app))
    base = table.palette().color(QPalette.ColorRole.Base)
    text = table.palette().color(QPalette.ColorRole.Text)
    row = next(r for r, key in enumerate(table.keys) if key[0] == "said")
    item = table.item(row, 1)
    assert item is not None
    shown = item.foreground().color()
    assert shown != text  # quieter than the words in the boxes
    assert contrast(shown, base) >= 4.5
