"""The preview page, driven like a person would: keys, clicks, drags, the spin boxes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QComboBox, QLabel, QSpinBox
from pytestqt.qtbot import QtBot

from selfmassage.core.anatomy import RegionSide
from selfmassage.core.builder import BuildRequest, Built, build_routine
from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Pacing, Routine, Step, StepSide, Tool, plan
from selfmassage.core.selection import Selection
from selfmassage.core.words import duration
from selfmassage.ui.routine.routine_page import (
    REGION,
    SECONDS,
    TECHNIQUE,
    RoutinePage,
)

CATALOG = load_catalog()


def _routine(budget: int | None = 10) -> Routine:
    keys = ["neck", "calves-left", "calves-right", "quads-left", "feet-right"]
    selection = Selection.of(RegionSide.parse(key) for key in keys)
    result = build_routine(BuildRequest(selection, frozenset({Tool.MASSAGE_BALL}), budget))
    assert isinstance(result, Built)
    return result.routine


@pytest.fixture
def page(qtbot: QtBot) -> RoutinePage:
    widget = RoutinePage(CATALOG)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.set_routine(_routine(), Pacing(), 10)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _regions(page: RoutinePage) -> list[str]:
    routine = page.routine()
    assert routine is not None
    return [step.region for step in routine.steps]


def _cell(page: RoutinePage, row: int, column: int) -> str:
    return str(page.model.data(page.model.index(row, column)))


def test_shows_every_step_and_the_total_from_the_plan(page: RoutinePage) -> None:
    routine = page.routine()
    assert routine is not None
    assert page.model.rowCount() == len(routine.steps) == 4
    assert page.title_label.text() == routine.title
    total = plan(routine, Pacing()).total_seconds
    assert f"Total {duration(total)}" in page.total_label.text()
    assert "within your 10 minutes" in page.total_label.text()
    row = _regions(page).index("calves")
    assert _cell(page, row, REGION) == "Calves"
    assert "each side" in _cell(page, row, SECONDS)
    assert page.details_label.text().startswith(routine.steps[0].instructions)


def test_alt_arrows_move_the_current_step(page: RoutinePage, qtbot: QtBot) -> None:
    before = _regions(page)
    page.table.setFocus()
    page.select_row(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _regions(page) == [before[1], before[0], *before[2:]]
    assert page.current_row() == 1
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _regions(page) == before


def test_delete_removes_and_ctrl_z_brings_it_back(page: RoutinePage, qtbot: QtBot) -> None:
    before = _regions(page)
    page.table.setFocus()
    page.select_row(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert _regions(page) == [before[0], *before[2:]]
    assert page.is_edited()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _regions(page) == before
    assert not page.undo_button.isEnabled()


def test_removing_every_step_disables_start_and_says_how_to_get_back(
    page: RoutinePage,
) -> None:
    for _ in range(4):
        page.select_row(0)
        page.remove_current()
    assert page.model.rowCount() == 0
    assert not page.start_button.isEnabled() and not page.save_button.isEnabled()
    assert page.empty_label.isVisible()
    page.undo()
    assert page.model.rowCount() == 1 and page.start_button.isEnabled()


def seconds_box(page: RoutinePage, row: int) -> QSpinBox:
    """The seconds box of ``row``, opened as F2 opens it."""
    page.select_row(row)
    spin = page.edit_current_seconds()
    assert spin is not None and spin is page.seconds_delegate.editor
    return spin


def test_no_seconds_box_is_built_with_the_table(page: RoutinePage) -> None:
    # Every row's seconds are painted as text; a box exists only while one is edited.
    assert page.findChildren(QSpinBox) == []
    rows = page.model.rowCount()
    assert rows >= 4
    assert all(page.table.indexWidget(page.model.index(r, SECONDS)) is None for r in range(rows))
    spin = seconds_box(page, 1)
    assert page.findChildren(QSpinBox) == [spin]
    page.table.closeEditor(spin, QAbstractItemDelegate.EndEditHint.NoHint)
    assert page.seconds_delegate.editor is None


def test_the_spin_box_changes_seconds_and_the_total(page: RoutinePage, qtbot: QtBot) -> None:
    row = _regions(page).index("neck")
    spin = seconds_box(page, row)
    assert (spin.minimum(), spin.maximum()) == (30, 120)
    routine = page.routine()
    assert routine is not None
    total = plan(routine, Pacing()).total_seconds
    spin.setValue(spin.value() - 20)
    edited = page.routine()
    assert edited is not None
    assert plan(edited, Pacing()).total_seconds == total - 20
    assert duration(total - 20) in page.total_label.text()
    # The box stays open and focused: no rebuild for a seconds edit.
    assert page.seconds_delegate.editor is spin
    spin.setValue(spin.value() + 5)
    page.undo()
    assert page.routine() == routine


def test_going_over_the_budget_says_by_how_much(page: RoutinePage) -> None:
    routine = page.routine()
    assert routine is not None
    spare = 600 - plan(routine, Pacing()).total_seconds
    for row in range(page.model.rowCount()):
        spin = seconds_box(page, row)
        spin.setValue(spin.maximum())
    edited = page.routine()
    assert edited is not None
    over = plan(edited, Pacing()).total_seconds - 600
    assert over > spare
    assert f"{duration(over)} over your 10 minutes" in page.total_label.text()


def test_switch_technique_for_the_same_region_and_tool(qtbot: QtBot) -> None:
    page = RoutinePage(CATALOG)
    qtbot.addWidget(page)
    step = Step("calves", 60, StepSide.LEFT, Tool.HANDS, technique="calves.hands.squeeze")
    other = Step("neck", 60, None, Tool.HANDS, technique="neck.hands.knead")
    page.set_routine(Routine("Two", (step, other)))
    # Calves with hands has one technique, so no box; a file's own step adds a choice.
    assert 0 not in page.technique_boxes
    with_roller = Step(
        "calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, technique="calves.foam-roller.roll"
    )
    foreign = Step("calves", 200, StepSide.LEFT, Tool.HANDS, name="Physio's squeeze")
    page.set_routine(Routine("Three", (with_roller, foreign)))
    page.select_row(1)  # the box is on the current row
    box = page.technique_boxes[1]
    assert box.itemText(0) == "Physio's squeeze"
    box.setCurrentIndex(box.findData("calves.hands.squeeze"))
    routine = page.routine()
    assert routine is not None
    switched = routine.steps[1]
    assert switched.technique == "calves.hands.squeeze"
    assert switched.name == "Calf squeeze" and switched.side is StepSide.LEFT
    assert switched.seconds == 120, "clamped into the new technique's range"
    assert seconds_box(page, 1).maximum() == 120
    page.undo()
    assert page.routine() == Routine("Three", (with_roller, foreign))


def test_no_widget_a_row_only_the_current_rows_technique_box(qtbot: QtBot) -> None:
    page = RoutinePage(CATALOG)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    # Steps from a file with their own text: each may switch to the catalog's squeeze.
    own = [
        Step("calves", 60, StepSide.LEFT, Tool.HANDS, name=f"Physio's squeeze {n}")
        for n in range(12)
    ]
    neck = Step("neck", 60, None, Tool.HANDS, technique="neck.hands.knead")
    page.set_routine(Routine("Many", (*own, neck)))
    page.show()
    qtbot.waitExposed(page)
    model, table = page.model, page.table
    rows = model.rowCount()
    with_choices = [row for row in range(rows) if page.has_choices(row)]
    assert set(range(12)) <= set(with_choices)  # a box a row would be twelve widgets
    current = model.index(page.current_row(), TECHNIQUE)
    cells = [model.index(row, column) for row in range(rows) for column in range(6)]
    assert [cell for cell in cells if table.indexWidget(cell) is not None] == [current]
    for row in with_choices[:3]:
        page.select_row(row)
        assert list(page.technique_boxes) == [row]
        box = page.technique_boxes[row]
        # The last row's box goes (deleted later, as Qt deletes editors).
        qtbot.waitUntil(lambda b=box: table.viewport().findChildren(QComboBox) == [b])
        assert page.technique_boxes[row].accessibleName() == f"Technique for step {row + 1}"
    without = next((row for row in range(rows) if row not in with_choices), None)
    if without is not None:
        page.select_row(without)
        qtbot.waitUntil(lambda: not table.viewport().findChildren(QComboBox))
        assert page.technique_boxes == {}


def test_drag_and_drop_asks_for_a_move(page: RoutinePage, qtbot: QtBot) -> None:
    before = _regions(page)
    data = page.model.mimeData([page.model.index(0, REGION)])
    # Dropped between rows 2 and 3: the first step lands in front of the old third.
    assert not page.model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    qtbot.waitUntil(lambda: _regions(page) != before)
    assert _regions(page) == [before[1], before[0], *before[2:]]
    data = page.model.mimeData([page.model.index(3, REGION)])
    page.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, page.model.index(0, 0))
    qtbot.waitUntil(lambda: _regions(page)[0] == before[3])
    data = page.model.mimeData([page.model.index(0, REGION)])
    page.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: _regions(page)[-1] == before[3])


def test_start_and_save_send_the_edited_routine(page: RoutinePage, qtbot: QtBot) -> None:
    page.select_row(0)
    page.remove_current()
    with qtbot.waitSignal(page.start_requested) as started:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert started.args == [page.routine()]
    with qtbot.waitSignal(page.save_requested) as saved:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [page.routine()]
    page.mark_saved()
    assert not page.is_edited()


def test_file_text_is_shown_as_plain_text(qtbot: QtBot) -> None:
    page = RoutinePage(CATALOG)
    qtbot.addWidget(page)
    hostile = "<b>bold</b><img src=x>"
    step = Step("neck", 60, None, Tool.HANDS, name=hostile, instructions=hostile)
    page.set_routine(Routine(hostile, (step,)))
    labels = page.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert page.title_label.text() == hostile
    tooltip = str(page.model.data(page.model.index(0, TECHNIQUE), Qt.ItemDataRole.ToolTipRole))
    assert "<b>" not in tooltip and "&lt;b&gt;" in tooltip


def test_every_control_has_a_name_for_screen_readers(page: RoutinePage) -> None:
    for widget in (
        page.table,
        page.start_button,
        page.save_button,
        page.remove_button,
        page.undo_button,
        seconds_box(page, 0),
        *page.technique_boxes.values(),
    ):
        assert widget.accessibleName(), widget


def test_f2_edits_the_seconds_and_escape_goes_back(page: RoutinePage, qtbot: QtBot) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    page.select_row(2)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    spin = page.seconds_delegate.editor
    assert spin is not None and spin.hasFocus()
    assert spin.accessibleName() == "Seconds for step 3"
    qtbot.keyClick(spin, Qt.Key.Key_Escape)
    assert page.table.hasFocus() and page.current_row() == 2


def test_the_total_is_spelled_as_everywhere_else(qtbot: QtBot) -> None:
    # The Routine page once said "9 min 05 s" where the Library said "9 min 5 s".
    widget = RoutinePage(CATALOG)
    qtbot.addWidget(widget)
    widget.set_routine(Routine("One step", (Step("neck", 545),)), Pacing(0, 0), None)
    assert widget.total_label.text() == (
        "Total 9 min 5 s · 1 step · 9 min 5 s of massage, 0 s to change position and side"
    )


def test_the_total_counts_every_get_ready_and_the_time_to_turn_over(qtbot: QtBot) -> None:
    widget = RoutinePage(CATALOG)
    qtbot.addWidget(widget)
    side = Step(
        "outer-thighs", 60, tool=Tool.FOAM_ROLLER, technique="outer-thighs.foam-roller.side"
    )
    widget.set_routine(Routine("Two", (side, Step("neck", 60))), Pacing(), None)
    # Two get-readies of 10 s, 10 s to turn onto the other side.
    assert widget.total_label.text() == (
        "Total 3 min 30 s · 2 steps · 3 min of massage, 30 s to change position and side"
    )


def test_the_selected_step_shows_its_position_and_tool(page: RoutinePage) -> None:
    routine = page.routine()
    assert routine is not None
    for row, step in enumerate(routine.steps):
        page.select_row(row)
        view = page.illustration
        assert view.isVisible()
        assert view.technique is not None
        assert view.technique.id == step.technique
        assert view.technique.tool is step.tool
        if step.side is not None:
            assert f"{step.sides[0].value} " in view.description
    for _ in routine.steps:
        page.remove_current()
    assert not page.illustration.isVisible()
