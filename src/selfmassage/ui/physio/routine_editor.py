"""The routine editor: write a routine for a client, checked as you type, with undo.

The widgets only show a RoutineDraft (core/routine_draft.py) and turn each change into
an undoable command that replaces it. The draft is checked by the routine file's own
validator, so the problems listed are the reader's words.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QDate, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.anatomy import REGIONS, RegionSide, Side, region
from selfmassage.core.catalog import Catalog, Technique
from selfmassage.core.routine import Pressure, Routine, StepSide, Tool
from selfmassage.core.routine_draft import (
    CueDraft,
    RoutineDraft,
    StepDraft,
    Where,
    added_step,
    describe,
    locate,
    moved_step,
    new_step,
    removed_step,
    with_region,
    with_step,
    with_technique,
)
from selfmassage.core.routine_file import SUFFIX, Problem, read_routine, write_routine
from selfmassage.core.selection import Selection
from selfmassage.ui.home.body_map import BodyMapWidget
from selfmassage.ui.main_window import fit_to_screen
from selfmassage.ui.widgets.illustration import IllustrationView

FILE_FILTER = f"SelfMassage routines (*{SUFFIX});;All files (*)"
ERROR_STYLE = "border: 2px solid #c0392b;"


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class _DraftCommand(QUndoCommand):
    """Replaces the draft; typing into one field merges into one command."""

    _ids: ClassVar[dict[str, int]] = {}
    """Qt merges commands by an int id: one per kind of edit."""

    def __init__(
        self,
        editor: RoutineEditor,
        before: RoutineDraft,
        after: RoutineDraft,
        text: str,
        merge: str,
    ) -> None:
        super().__init__(text)
        self.editor = editor
        self.before = before
        self.after = after
        self.merge = merge

    def id(self) -> int:
        if not self.merge:
            return -1
        return self._ids.setdefault(self.merge, len(self._ids) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, _DraftCommand) or other.merge != self.merge:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.editor._show(self.after)

    def undo(self) -> None:
        self.editor._show(self.before)


class RoutineEditor(QMainWindow):
    """A window for one routine file. ``saved`` carries the path written."""

    saved = Signal(Path)
    handout_requested = Signal(Routine)

    def __init__(self, catalog: Catalog | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routineEditor")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.catalog = catalog
        self.path: Path | None = None
        self.draft = RoutineDraft()
        self.problems: tuple[Problem, ...] = ()
        self._listed: list[Where] = []  # where each row of the problem list points
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self._current = -1
        self._build()
        self._build_menus()
        self._show(self.draft)
        # Smaller on a small laptop screen: a 768-pixel one would hide the bottom.
        screen = self.screen()
        if screen is not None:
            fit_to_screen(self, QSize(1100, 760), screen.availableGeometry())
        else:
            self.resize(1100, 760)

    # Building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("What the client sees, e.g. Post-run calves")
        self.author_edit = QLineEdit()
        self.author_edit.setObjectName("author")
        self.author_edit.setAccessibleName("Author")
        self.author_edit.setPlaceholderText("Your name and practice")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("description")
        self.description_edit.setAccessibleName("Notes for the client")
        self.description_edit.setTabChangesFocus(True)  # Tab is not a keyboard trap
        self.description_edit.setPlaceholderText("Notes for the client (plain text)")
        self.description_edit.setMaximumHeight(90)
        self.language_edit = QLineEdit()
        self.language_edit.setObjectName("language")
        self.language_edit.setAccessibleName("Language")
        self.language_edit.setPlaceholderText("en, de-AT… (chooses the voice)")

        self.schedule_box = QGroupBox("Schedule")
        self.schedule_box.setCheckable(True)
        self.schedule_box.setObjectName("schedule")
        self.schedule_box.setAccessibleName("Schedule")
        self.times_spin = QSpinBox()
        self.times_spin.setRange(1, 14)
        self.times_spin.setSuffix(" times a week")
        self.times_spin.setAccessibleName("Times per week")
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(0, 52)
        self.weeks_spin.setSpecialValueText("no end")
        self.weeks_spin.setSuffix(" weeks")
        self.weeks_spin.setAccessibleName("Number of weeks")
        self.start_check = QCheckBox("Starts on")
        self.start_check.setAccessibleName("Has a start date")
        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setAccessibleName("Start date")
        schedule_form = QFormLayout(self.schedule_box)
        schedule_form.addRow("How often", self.times_spin)
        schedule_form.addRow("For", self.weeks_spin)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_check)
        start_row.addWidget(self.start_edit, 1)
        schedule_form.addRow(start_row)

        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Author", self.author_edit)
        form.addRow("&Notes", self.description_edit)
        form.addRow("&Language", self.language_edit)

        self.step_list = QListWidget()
        self.step_list.setObjectName("steps")
        self.step_list.setAccessibleName("Steps")
        self.step_list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.add_button = QPushButton("&Add step")
        self.remove_button = QPushButton("&Remove")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addWidget(self.schedule_box)
        left_layout.addWidget(_plain("Steps"))
        left_layout.addWidget(self.step_list, 1)
        left_layout.addLayout(buttons)

        self.step_box = QGroupBox("Step")
        self.region_combo = QComboBox()
        self.region_combo.setAccessibleName("Region")
        for reg in REGIONS:
            self.region_combo.addItem(reg.name, reg.id)
        self.side_combo = QComboBox()
        self.side_combo.setAccessibleName("Side")
        for side in StepSide:
            label = "Both (left, then right)" if side is StepSide.BOTH else side.value.capitalize()
            self.side_combo.addItem(label, side.value)
        self.tool_combo = QComboBox()
        self.tool_combo.setAccessibleName("Tool")
        for tool in Tool:
            self.tool_combo.addItem(tool.label, tool.value)
        self.technique_combo = QComboBox()
        self.technique_combo.setAccessibleName("Technique")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Step name")
        self.instructions_edit = QPlainTextEdit()
        self.instructions_edit.setAccessibleName("Instructions")
        self.instructions_edit.setTabChangesFocus(True)  # Tab is not a keyboard trap
        self.seconds_spin = QSpinBox()
        self.seconds_spin.setRange(5, 1800)
        self.seconds_spin.setSuffix(" s")
        self.seconds_spin.setAccessibleName("Seconds (on each side)")
        self.pressure_combo = QComboBox()
        self.pressure_combo.setAccessibleName("Pressure")
        self.pressure_combo.addItem("Not said", "")
        for pressure in Pressure:
            self.pressure_combo.addItem(pressure.value.capitalize(), pressure.value)
        self.cue_table = QTableWidget(0, 2)
        self.cue_table.setAccessibleName("Cues")
        self.cue_table.setHorizontalHeaderLabels(["At (s)", "Say"])
        self.cue_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.cue_table.verticalHeader().setVisible(False)
        self.add_cue_button = QPushButton("Add &cue")
        self.remove_cue_button = QPushButton("Remove cue")
        cue_buttons = QHBoxLayout()
        cue_buttons.addWidget(self.add_cue_button)
        cue_buttons.addWidget(self.remove_cue_button)
        cue_buttons.addStretch(1)

        # A small map to pick the region and side by clicking, beside the list.
        self.region_map = BodyMapWidget()
        self.region_map.setAccessibleName("Pick the step's region on the body")
        self.region_map.setMinimumSize(180, 240)
        self.region_map.setMaximumWidth(260)
        self.region_map.selection_changed.connect(self._map_clicked)
        step_fields = QWidget()
        step_form = QFormLayout(step_fields)
        step_form.setContentsMargins(0, 0, 0, 0)
        # Under the map, how the step is done: the position and the tool it names.
        self.illustration = IllustrationView(minimum_width=180, preferred_width=240)
        self.illustration.setObjectName("editorIllustration")
        self.illustration.setMaximumWidth(260)
        pictures = QVBoxLayout()
        pictures.addWidget(self.region_map, 1)
        pictures.addWidget(self.illustration)
        step_row = QHBoxLayout(self.step_box)
        step_row.addWidget(step_fields, 1)
        step_row.addLayout(pictures)
        step_form.addRow("Re&gion", self.region_combo)
        step_form.addRow("&Side", self.side_combo)
        step_form.addRow("T&ool", self.tool_combo)
        step_form.addRow("Tec&hnique", self.technique_combo)
        step_form.addRow("Na&me", self.name_edit)
        step_form.addRow("&Instructions", self.instructions_edit)
        step_form.addRow("S&econds", self.seconds_spin)
        step_form.addRow("&Pressure", self.pressure_combo)
        step_form.addRow("Cues", self.cue_table)
        step_form.addRow(cue_buttons)

        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problems")
        self.problem_list.setAccessibleName("Problems")
        self.problem_list.setToolTip("Double-click a problem, or press Enter on it, to go to it.")
        self.problem_list.setMaximumHeight(110)
        self.status_label = _plain()
        self.status_label.setObjectName("editorStatus")

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.step_box)
        splitter.setStretchFactor(1, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.problem_list)
        self.setCentralWidget(central)

        self.title_edit.textEdited.connect(lambda text: self._edit_top("title", text))
        self.author_edit.textEdited.connect(lambda text: self._edit_top("author", text))
        self.language_edit.textEdited.connect(lambda text: self._edit_top("language", text))
        self.description_edit.textChanged.connect(
            lambda: self._edit_top("description", self.description_edit.toPlainText())
        )
        self.schedule_box.toggled.connect(lambda _on: self._edit_schedule())
        self.times_spin.valueChanged.connect(lambda _v: self._edit_schedule())
        self.weeks_spin.valueChanged.connect(lambda _v: self._edit_schedule())
        self.start_check.toggled.connect(lambda _on: self._edit_schedule())
        self.start_edit.dateChanged.connect(lambda _d: self._edit_schedule())
        self.step_list.currentRowChanged.connect(self._select_step)
        self.add_button.clicked.connect(self.add_step)
        self.remove_button.clicked.connect(self.remove_step)
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.region_combo.activated.connect(lambda _i: self._edit_region())
        self.side_combo.activated.connect(
            lambda _i: self._edit_step("side", self.side_combo.currentData())
        )
        self.tool_combo.activated.connect(lambda _i: self._edit_tool())
        self.technique_combo.activated.connect(lambda _i: self._edit_technique())
        self.name_edit.textEdited.connect(lambda text: self._edit_step("name", text))
        self.instructions_edit.textChanged.connect(
            lambda: self._edit_step("instructions", self.instructions_edit.toPlainText())
        )
        self.seconds_spin.valueChanged.connect(lambda value: self._edit_step("seconds", value))
        self.pressure_combo.activated.connect(
            lambda _i: self._edit_step("pressure", self.pressure_combo.currentData())
        )
        self.add_cue_button.clicked.connect(self.add_cue)
        self.remove_cue_button.clicked.connect(self.remove_cue)
        self.times_spin.valueChanged.connect(lambda _v: self._schedule_words())
        self.weeks_spin.valueChanged.connect(lambda _v: self._schedule_words())
        self.problem_list.itemActivated.connect(
            lambda item: self.go_to_problem(self.problem_list.row(item))
        )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = self._action(file_menu, "&New routine", self.new_routine)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.open_action = self._action(file_menu, "&Open…", self.ask_open)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.save_action = self._action(file_menu, "&Save", lambda: self.save())
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(file_menu, "Save &as…", lambda: self.save_as())
        self.save_as_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.handout_action = self._action(
            file_menu, "Export &handout (PDF)…", self._request_handout
        )
        self.handout_action.setShortcut(QKeySequence("Ctrl+P"))
        file_menu.addSeparator()
        self.close_action = self._action(file_menu, "&Close", self.close)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        add = self._action(edit_menu, "&Add step", self.add_step)
        add.setShortcut(QKeySequence("Ctrl+Shift+N"))
        remove = self._action(edit_menu, "&Remove step", self.remove_step)
        remove.setShortcut(QKeySequence("Ctrl+Del"))
        up = self._action(edit_menu, "Move step &up", lambda: self.move_step(-1))
        up.setShortcut(QKeySequence("Ctrl+Up"))
        down = self._action(edit_menu, "Move step do&wn", lambda: self.move_step(1))
        down.setShortcut(QKeySequence("Ctrl+Down"))

    def _action(self, menu: object, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    # Loading and saving --------------------------------------------------------------

    def load_routine(self, routine: Routine, path: Path | None = None) -> None:
        """Start editing ``routine``; the undo history starts afresh."""
        self.path = path
        self.undo_stack.clear()
        self._show(RoutineDraft.from_routine(routine))
        self.undo_stack.setClean()
        self._update_title()

    def open_file(self, path: Path) -> bool:
        result = read_routine(path)
        if result.routine is None:
            self._message(
                "Cannot open the routine",
                f"{path.name} is not a usable routine file:\n\n"
                + "\n".join(describe(problem) for problem in result.errors),
            )
            return False
        self.load_routine(result.routine, path)
        return True

    def ask_open(self) -> None:
        if not self.maybe_keep_changes():
            return
        name, _ = QFileDialog.getOpenFileName(self, "Open routine", "", FILE_FILTER)
        if name:
            self.open_file(Path(name))

    def new_routine(self) -> None:
        if not self.maybe_keep_changes():
            return
        self.path = None
        self.undo_stack.clear()
        self._show(RoutineDraft())
        self.undo_stack.setClean()
        self._update_title()

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self, path: Path | None = None) -> bool:
        if path is None:
            suggested = (self.draft.title.strip() or "routine") + SUFFIX
            name, _ = QFileDialog.getSaveFileName(self, "Save routine", suggested, FILE_FILTER)
            if not name:
                return False
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:
        draft = self.draft
        if not draft.created:
            draft = replace(draft, created=date.today().isoformat())
        result = draft.check()
        if result.routine is None:
            self._message(
                "Not saved yet",
                "The routine has problems to fix first:\n\n"
                + "\n".join(describe(problem) for problem in result.errors),
            )
            return False
        try:
            write_routine(path, result.routine)
        except OSError as error:
            self._message("Not saved", f"Could not write {path}: {error.strerror or error}.")
            return False
        if draft is not self.draft:
            self.draft = draft  # the date it was first saved; not an edit to undo
        self.path = path
        self.undo_stack.setClean()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path.name}", 5000)
        self.saved.emit(path)
        return True

    def routine(self) -> Routine | None:
        """The routine as it would be saved, or None while it has problems."""
        return self.draft.check().routine

    def _request_handout(self) -> None:
        routine = self.routine()
        if routine is None:
            self._message(
                "No handout yet",
                "Fix the routine's problems first:\n\n"
                + "\n".join(describe(problem) for problem in self.problems),
            )
            return
        self.handout_requested.emit(routine)

    # Unsaved changes -----------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def maybe_keep_changes(self) -> bool:
        """True when it is fine to drop the draft: saved, discarded, or nothing to lose."""
        if not self.modified:
            return True
        answer = self._ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _ask_unsaved(self) -> QMessageBox.StandardButton:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Save the changes to “{self.draft.title.strip() or 'Untitled'}”?")
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.maybe_keep_changes():
            event.accept()
        else:
            event.ignore()

    def _message(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()

    # Edits -----------------------------------------------------------------------------

    def _push(self, after: RoutineDraft, text: str, merge: str = "") -> None:
        if after == self.draft:
            return
        self.undo_stack.push(_DraftCommand(self, self.draft, after, text, merge))

    def _edit_top(self, name: str, value: str) -> None:
        if getattr(self.draft, name) == value:
            return
        self._push(replace(self.draft, **{name: value}), f"Edit {name}", f"top:{name}")

    def _edit_schedule(self) -> None:
        if self._showing:
            return
        on = self.schedule_box.isChecked()
        start = self.start_edit.date().toPython() if self.start_check.isChecked() else None
        after = replace(
            self.draft,
            times_per_week=self.times_spin.value() if on else 0,
            weeks=self.weeks_spin.value() if on else 0,
            start=start if on else None,
        )
        self._push(after, "Edit the schedule", "schedule")

    def _step(self) -> StepDraft | None:
        if 0 <= self._current < len(self.draft.steps):
            return self.draft.steps[self._current]
        return None

    def _edit_step(self, name: str, value: object) -> None:
        step = self._step()
        if step is None or self._showing or getattr(step, name) == value:
            return
        changed = replace(step, **{name: value})
        if name in ("name", "instructions") and step.technique:
            # Rewording a catalog technique makes it the physio's own step.
            changed = replace(changed, technique="")
        self._push(
            with_step(self.draft, self._current, changed),
            f"Edit step {self._current + 1}",
            f"step:{self._current}:{name}",
        )

    def _edit_region(self) -> None:
        step = self._step()
        if step is None or self._showing:
            return
        region_id = str(self.region_combo.currentData())
        self._push(
            with_step(self.draft, self._current, with_region(step, region_id, self.catalog)),
            f"Change step {self._current + 1}'s region",
        )

    def _map_clicked(self, selection: Selection) -> None:
        """A click on the map picks the region and side of the current step."""
        step = self._step()
        if step is None or self._showing:
            return
        shown = set(_places_of(step))
        clicked = [place for place in selection.selected if place not in shown]
        if not clicked:
            # A click on what is already chosen: keep it chosen.
            self.region_map.set_selection(Selection.of(_places_of(step)))
            return
        place = clicked[0]
        changed = with_region(step, place.region_id, self.catalog)
        if place.side is not None:
            changed = replace(changed, side=place.side.value)
        self._push(
            with_step(self.draft, self._current, changed),
            f"Change step {self._current + 1}'s region",
        )

    def _edit_tool(self) -> None:
        step = self._step()
        if step is None or self._showing:
            return
        tool = str(self.tool_combo.currentData())
        technique = self.catalog.get(step.technique) if self.catalog and step.technique else None
        changed = replace(step, tool=tool)
        if technique is not None and technique.tool.value != tool:
            best = self.catalog.default_for(step.region, Tool(tool)) if self.catalog else None
            changed = (
                with_technique(changed, best.id, self.catalog)
                if best is not None and self.catalog is not None
                else replace(changed, technique="")
            )
        self._push(
            with_step(self.draft, self._current, changed),
            f"Change step {self._current + 1}'s tool",
        )

    def _edit_technique(self) -> None:
        step = self._step()
        if step is None or self._showing or self.catalog is None:
            return
        technique_id = str(self.technique_combo.currentData() or "")
        self._push(
            with_step(self.draft, self._current, with_technique(step, technique_id, self.catalog)),
            f"Change step {self._current + 1}'s technique",
        )

    def add_step(self) -> None:
        current = self._step()
        region_id = current.region if current is not None else "calves"
        tool = Tool(current.tool) if current is not None else Tool.HANDS
        at = self._current + 1 if current is not None else len(self.draft.steps)
        self._current = at
        self._push(added_step(self.draft, new_step(region_id, tool, self.catalog), at), "Add step")

    def remove_step(self) -> None:
        if self._step() is None:
            return
        index = self._current
        self._push(removed_step(self.draft, index), f"Remove step {index + 1}")

    def move_step(self, delta: int) -> None:
        index = self._current
        to = index + delta
        if self._step() is None or not 0 <= to < len(self.draft.steps):
            return
        self._current = to
        self._push(moved_step(self.draft, index, to), f"Move step {index + 1}")

    def add_cue(self) -> None:
        step = self._step()
        if step is None:
            return
        at = min(step.seconds // 2, step.seconds - 1)
        changed = replace(step, cues=(*step.cues, CueDraft(at, "")))
        self._push(with_step(self.draft, self._current, changed), "Add cue")

    def remove_cue(self) -> None:
        step = self._step()
        row = self.cue_table.currentRow()
        if step is None or not 0 <= row < len(step.cues):
            return
        changed = replace(step, cues=step.cues[:row] + step.cues[row + 1 :])
        self._push(with_step(self.draft, self._current, changed), "Remove cue")

    def _edit_cue(self, row: int, at: int | None = None, say: str | None = None) -> None:
        step = self._step()
        if step is None or self._showing or not 0 <= row < len(step.cues):
            return
        cue = step.cues[row]
        changed_cue = CueDraft(cue.at if at is None else at, cue.say if say is None else say)
        cues = (*step.cues[:row], changed_cue, *step.cues[row + 1 :])
        self._push(
            with_step(self.draft, self._current, replace(step, cues=cues)),
            "Edit cue",
            f"cue:{self._current}:{row}:{'at' if at is not None else 'say'}",
        )

    # Showing -------------------------------------------------------------------------

    _showing = False

    def _show(self, draft: RoutineDraft) -> None:
        """Make the widgets show ``draft`` (after an edit, an undo or a redo)."""
        self.draft = draft
        self._showing = True
        try:
            _set_line(self.title_edit, draft.title)
            _set_line(self.author_edit, draft.author)
            _set_line(self.language_edit, draft.language)
            _set_plain(self.description_edit, draft.description)
            with QSignalBlocker(self.schedule_box):
                self.schedule_box.setChecked(draft.times_per_week > 0)
            with QSignalBlocker(self.times_spin):
                self.times_spin.setValue(max(draft.times_per_week, 1))
            with QSignalBlocker(self.weeks_spin):
                self.weeks_spin.setValue(draft.weeks)
            with QSignalBlocker(self.start_check):
                self.start_check.setChecked(draft.start is not None)
            with QSignalBlocker(self.start_edit):
                self.start_edit.setDate(QDate(draft.start or date.today()))
            self.start_edit.setEnabled(draft.start is not None)
            self._schedule_words()
            self._current = min(max(self._current, 0), len(draft.steps) - 1)
            with QSignalBlocker(self.step_list):
                self._fill_step_list()
            self._show_step()
        finally:
            self._showing = False
        self._check()

    def _schedule_words(self) -> None:
        """The suffixes follow the numbers, "1 time a week" and "1 week" (also when the
        signals are blocked while a draft is shown)."""
        once = self.times_spin.value() == 1
        self.times_spin.setSuffix(" time a week" if once else " times a week")
        self.weeks_spin.setSuffix(" week" if self.weeks_spin.value() == 1 else " weeks")

    def _fill_step_list(self) -> None:
        self.step_list.clear()
        for index, step in enumerate(self.draft.steps):
            item = QListWidgetItem(f"{index + 1}. {step_label(step)}")
            self.step_list.addItem(item)
        if self._current >= 0:
            self.step_list.setCurrentRow(self._current)

    def _select_step(self, row: int) -> None:
        self._current = row
        self._showing = True
        try:
            self._show_step()
        finally:
            self._showing = False
        self._mark_problems()

    def _show_step(self) -> None:
        step = self._step()
        self.step_box.setEnabled(step is not None)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(step is not None)
        if step is None:
            self.step_box.setTitle("Step: add one to begin")
            self.region_map.set_selection(Selection())
            self.illustration.show_technique(None)
            return
        self.step_box.setTitle(f"Step {self._current + 1}")
        _select_data(self.region_combo, step.region)
        self.region_map.set_selection(Selection.of(_places_of(step)))
        shown = self.region_map.views()
        if len(shown) == 1 and shown[0] not in region(step.region).views:
            # A narrow map draws one view: turn it to where the step's region is.
            self.region_map.view_switch.click()
        sided = region(step.region).sided
        self.side_combo.setEnabled(sided)
        _select_data(self.side_combo, step.side or "both")
        _select_data(self.tool_combo, step.tool)
        self.technique_combo.clear()
        self.technique_combo.addItem("Custom: your own name and instructions", "")
        if self.catalog is not None:
            for technique in self.catalog.for_region(step.region):
                self.technique_combo.addItem(
                    f"{technique.name} ({technique.tool.label.lower()})", technique.id
                )
        if step.technique and self.technique_combo.findData(step.technique) < 0:
            self.technique_combo.addItem(f"{step.technique} (not in this catalog)", step.technique)
        _select_data(self.technique_combo, step.technique)
        _set_line(self.name_edit, step.name)
        _set_plain(self.instructions_edit, step.instructions)
        with QSignalBlocker(self.seconds_spin):
            self.seconds_spin.setValue(step.seconds)
        _select_data(self.pressure_combo, step.pressure)
        self._fill_cues(step)
        self.illustration.show_technique(*self._pictured(step))

    def _pictured(self, step: StepDraft) -> tuple[Technique | None, Side | None]:
        """The technique whose picture fits the step being written, and its first side."""
        side = Side.RIGHT if step.side == "right" else (Side.LEFT if step.side else None)
        if self.catalog is None:
            return None, side
        technique = self.catalog.get(step.technique) if step.technique else None
        if technique is None and step.tool in {tool.value for tool in Tool}:
            technique = self.catalog.default_for(step.region, Tool(step.tool))
        return technique, side

    def _fill_cues(self, step: StepDraft) -> None:
        table = self.cue_table
        if table.rowCount() != len(step.cues):
            table.setRowCount(len(step.cues))
            for row in range(len(step.cues)):
                at = QSpinBox()
                at.setRange(0, 1800)
                at.setSuffix(" s")
                at.setAccessibleName(f"Cue {row + 1} time")
                at.valueChanged.connect(lambda value, r=row: self._edit_cue(r, at=value))
                say = QLineEdit()
                say.setAccessibleName(f"Cue {row + 1} words")
                say.setPlaceholderText("What the voice says")
                say.textEdited.connect(lambda text, r=row: self._edit_cue(r, say=text))
                table.setCellWidget(row, 0, at)
                table.setCellWidget(row, 1, say)
        for row, cue in enumerate(step.cues):
            at_widget = table.cellWidget(row, 0)
            say_widget = table.cellWidget(row, 1)
            assert isinstance(at_widget, QSpinBox) and isinstance(say_widget, QLineEdit)
            with QSignalBlocker(at_widget):
                at_widget.setValue(cue.at)
            _set_line(say_widget, cue.say)

    # Checking ------------------------------------------------------------------------

    def _check(self) -> None:
        result = self.draft.check()
        self.problems = result.errors
        self._listed = [locate(problem) for problem in (*result.errors, *result.warnings)]
        self.problem_list.clear()
        for problem in result.errors:
            self.problem_list.addItem(QListWidgetItem(describe(problem)))
        for problem in result.warnings:
            self.problem_list.addItem(QListWidgetItem(f"Note: {describe(problem)}"))
        if result.errors:
            count = len(result.errors)
            self.status_label.setText(
                f"{count} problem{'s' if count != 1 else ''} to fix before saving."
            )
        else:
            self.status_label.setText("Ready to save: the routine is valid.")
        self.save_action.setEnabled(True)
        self._mark_problems()

    def go_to_problem(self, row: int) -> None:
        """Select the step of the problem listed at ``row`` and focus the field to fix."""
        if not 0 <= row < len(self._listed):
            return
        where = self._listed[row]
        if where.step is not None and where.step < self.step_list.count():
            self.step_list.setCurrentRow(where.step)
        widget: QWidget | None
        if where.cue is not None and where.cue < self.cue_table.rowCount():
            widget = self.cue_table.cellWidget(where.cue, 1 if where.field == "say" else 0)
        elif where.step is not None:
            widget = self._step_fields().get(where.field, self.step_list)
        else:
            widget = self._top_fields().get(where.field)
        if widget is not None and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _top_fields(self) -> dict[str, QWidget]:
        return {
            "title": self.title_edit,
            "author": self.author_edit,
            "description": self.description_edit,
            "language": self.language_edit,
            "steps": self.add_button,
            "times_per_week": self.times_spin,
            "weeks": self.weeks_spin,
            "start": self.start_edit,
        }

    def _step_fields(self) -> dict[str, QWidget]:
        return {
            "region": self.region_combo,
            "side": self.side_combo,
            "tool": self.tool_combo,
            "technique": self.technique_combo,
            "name": self.name_edit,
            "instructions": self.instructions_edit,
            "seconds": self.seconds_spin,
            "pressure": self.pressure_combo,
            "cues": self.cue_table,
        }

    def _mark_problems(self) -> None:
        places = [locate(problem) for problem in self.problems]
        top = {where.field for where in places if where.step is None}
        for name, widget in (
            ("title", self.title_edit),
            ("author", self.author_edit),
            ("description", self.description_edit),
            ("language", self.language_edit),
            ("steps", self.step_list),
        ):
            _mark(widget, name in top, self._reasons(places, name, None))
        mine = [where for where in places if where.step == self._current]
        for name, widget in (
            ("name", self.name_edit),
            ("instructions", self.instructions_edit),
            ("seconds", self.seconds_spin),
            ("side", self.side_combo),
        ):
            _mark(widget, any(w.field == name and w.cue is None for w in mine), "")
        _mark(self.cue_table, any(w.cue is not None for w in mine), "")
        bad_steps = {where.step for where in places if where.step is not None}
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            step = self.draft.steps[row]
            text = f"{row + 1}. {step_label(step)}"
            item.setText(f"⚠ {text}" if row in bad_steps else text)

    def _reasons(self, places: list[Where], name: str, step: int | None) -> str:
        return "\n".join(
            describe(problem)
            for problem, where in zip(self.problems, places, strict=True)
            if where.field == name and where.step == step
        )

    def _update_title(self) -> None:
        name = self.path.name if self.path is not None else "New routine"
        self.setWindowTitle(f"{name}[*] — Routine editor")
        self.setWindowModified(self.modified)


def step_label(step: StepDraft) -> str:
    place = region(step.region).name
    if step.side in ("left", "right"):
        place = f"{step.side.capitalize()} {region(step.region).singular}"
    seconds = f"{step.seconds} s" + (" each side" if step.side == "both" else "")
    return f"{step.name.strip() or place} — {place}, {seconds}"


def _places_of(step: StepDraft) -> list[RegionSide]:
    """The map places a step works on: one side, both sides, or the midline region."""
    if step.side is None or not region(step.region).sided:
        return [RegionSide(step.region)]
    sides = (Side.LEFT, Side.RIGHT) if step.side == "both" else (Side(step.side),)
    return [RegionSide(step.region, side) for side in sides]


def _set_line(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        with QSignalBlocker(edit):
            edit.setText(text)


def _set_plain(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText() != text:
        with QSignalBlocker(edit):
            edit.setPlainText(text)


def _select_data(combo: QComboBox, data: str) -> None:
    with QSignalBlocker(combo):
        index = combo.findData(data)
        combo.setCurrentIndex(max(index, 0))


def _mark(widget: QWidget, bad: bool, reasons: str) -> None:
    # Scoped to the widget's own class, so the cells of the cue table keep their look.
    widget.setStyleSheet(f"{type(widget).__name__} {{ {ERROR_STYLE} }}" if bad else "")
    # Tooltips may be read as rich text: escape the reader's words (they quote the file).
    widget.setToolTip(f"<p>{html.escape(reasons)}</p>" if bad and reasons else "")
