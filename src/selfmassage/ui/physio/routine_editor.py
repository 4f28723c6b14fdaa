"""The routine editor: write a routine for a client, checked as you type, with undo.

The widgets only show a RoutineDraft (core/routine_draft.py) and turn each change into
an undoable command that replaces it. The draft is checked by the routine file's own
validator, so the problems listed are the reader's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.anatomy import RegionSide
from selfmassage.core.catalog import Catalog
from selfmassage.core.file_names import file_stem
from selfmassage.core.language import _, speaking
from selfmassage.core.routine import CueStyle, Routine, Tool
from selfmassage.core.routine_draft import (
    CueDraft,
    RoutineDraft,
    StepDraft,
    Where,
    added_step,
    locate,
    moved_keeping_text,
    moved_step,
    new_breathing_step,
    new_step,
    removed_step,
    retargeted,
    total_seconds,
    with_step,
    with_technique,
    written_by_hand,
)
from selfmassage.core.routine_file import SUFFIX, Problem, read_routine, write_routine
from selfmassage.core.voice import Voice
from selfmassage.core.words import (
    duration,
    problem_details,
    problem_lines,
    problem_words,
)
from selfmassage.ui.dialogs import ask, tell, tell_file_problems
from selfmassage.ui.main_window import fit_to_screen
from selfmassage.ui.physio.draft_command import DraftCommand
from selfmassage.ui.physio.editor_fields import ask_unsaved, mark, plain_label
from selfmassage.ui.physio.editor_words import (
    field_edit,
    not_written,
    replace_text_question,
    routine_filter,
    status_line,
    window_title,
)
from selfmassage.ui.physio.problem_list import ProblemList
from selfmassage.ui.physio.routine_form import RoutineForm
from selfmassage.ui.physio.step_form import StepForm, step_label


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
        self.routine_form = RoutineForm()
        self.step_list = QListWidget()
        self.step_list.setObjectName("steps")
        self.step_list.setAccessibleName(_("Steps"))
        self.step_list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.add_button = QPushButton(_("&Add step"))
        self.remove_button = QPushButton(_("&Remove"))
        self.up_button = QPushButton(_("Move &up"))
        self.down_button = QPushButton(_("Move do&wn"))
        self.breathing_button = QPushButton(_("Add &breathing step"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.routine_form)
        left_layout.addWidget(plain_label(_("Steps")))
        left_layout.addWidget(self.step_list, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.breathing_button)

        self.step_form = StepForm(self.catalog)

        self.problem_list = ProblemList()
        self.status_label = plain_label()
        self.status_label.setObjectName("editorStatus")

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.step_form)
        splitter.setStretchFactor(1, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.problem_list)
        self.setCentralWidget(central)

        self.routine_form.edited.connect(self._edit_top)
        self.routine_form.schedule_edited.connect(self._edit_schedule)
        self.routine_form.cues_chosen.connect(self._edit_cue_style)
        self.step_list.currentRowChanged.connect(self._select_step)
        self.add_button.clicked.connect(self.add_step)
        self.breathing_button.clicked.connect(self.add_breathing_step)
        self.remove_button.clicked.connect(self.remove_step)
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.step_form.edited.connect(self._edit_step)
        self.step_form.region_chosen.connect(self._edit_region)
        self.step_form.place_clicked.connect(self._map_clicked)
        self.step_form.tool_chosen.connect(self._edit_tool)
        self.step_form.technique_chosen.connect(self._edit_technique)
        self.step_form.step_changed.connect(self._replace_step)
        self.step_form.cue_table.cue_edited.connect(self._edit_cue)
        self.step_form.add_cue_button.clicked.connect(self.add_cue)
        self.step_form.remove_cue_button.clicked.connect(self.remove_cue)
        self.problem_list.chosen.connect(self._go_to)

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu(_("&File"))
        self.new_action = self._action(file_menu, _("&New routine"), self.new_routine, keys.New)
        self.open_action = self._action(file_menu, _("&Open…"), self.ask_open, keys.Open)
        self.save_action = self._action(file_menu, _("&Save"), lambda: self.save(), keys.Save)
        self.save_as_action = self._action(
            file_menu, _("Save &as…"), lambda: self.save_as(), keys.SaveAs
        )
        self.handout_action = self._action(
            file_menu, _("Export &handout (PDF)…"), self._request_handout, "Ctrl+P"
        )
        file_menu.addSeparator()
        self.close_action = self._action(file_menu, _("&Close"), self.close, keys.Close)

        edit_menu = self.menuBar().addMenu(_("&Edit"))
        # Translators: the menu entry, followed by what it undoes ("&Undo Add step").
        self.undo_action = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        # Translators: the menu entry, followed by what it redoes ("&Redo Add step").
        self.redo_action = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._action(edit_menu, _("&Add step"), self.add_step, "Ctrl+Shift+N")
        self._action(edit_menu, _("Add &breathing step"), self.add_breathing_step, "Ctrl+Shift+B")
        self._action(edit_menu, _("&Remove step"), self.remove_step, "Ctrl+Del")
        self._action(edit_menu, _("Move step &up"), lambda: self.move_step(-1), "Ctrl+Up")
        self._action(edit_menu, _("Move step do&wn"), lambda: self.move_step(1), "Ctrl+Down")

    def _action(
        self, menu: object, text: str, slot: object, shortcut: str | QKeySequence.StandardKey
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def set_voices(self, voices: list[Voice]) -> None:
        """The speech engine's voices: the languages they speak are the ones offered."""
        self.routine_form.language_field.set_voices(voices)

    def in_routine_language(self) -> AbstractContextManager[str]:
        """Texts made inside come out in the routine's language (its catalog texts, its
        default step names), the app's own when the routine has none the app speaks."""
        return speaking(self.draft.language)

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
            self.last_message = tell_file_problems(
                self, path.name, "routine", result.errors, object_name="routineProblems"
            )
            return False
        self.load_routine(result.routine, path)
        return True

    def ask_open(self) -> None:
        if not self.maybe_keep_changes():
            return
        name, _chosen = QFileDialog.getOpenFileName(self, _("Open routine"), "", routine_filter())
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
            suggested = file_stem(self.draft.title, "routine") + SUFFIX
            name, _chosen = QFileDialog.getSaveFileName(
                self, _("Save routine"), suggested, routine_filter()
            )
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
                _("Not saved yet"), _("The routine has problems to fix first."), result.errors
            )
            return False
        try:
            write_routine(path, result.routine)
        except OSError as error:
            self._message(_("Not saved"), not_written(path, error.strerror or error))
            return False
        if draft is not self.draft:
            self.draft = draft  # the date it was first saved; not an edit to undo
        self.path = path
        self.undo_stack.setClean()
        self._update_title()
        self.statusBar().showMessage(_("Saved {file}").format(file=path.name), 5000)
        self.saved.emit(path)
        return True

    def routine(self) -> Routine | None:
        """The routine as it would be saved, or None while it has problems."""
        return self.draft.check().routine

    def _request_handout(self) -> None:
        routine = self.routine()
        if routine is None:
            self._message(
                _("No handout yet"), _("Fix the routine's problems first."), self.problems
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
        return ask_unsaved(self, self.draft.title)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.maybe_keep_changes():
            event.accept()
        else:
            event.ignore()

    def _message(self, title: str, text: str, problems: Sequence[Problem] = ()) -> None:
        self.last_message = tell(
            self, title, text, more=problem_lines(problems), details=problem_details(problems)
        )

    # Edits -----------------------------------------------------------------------------

    def _push(self, after: RoutineDraft, text: str, merge: str = "") -> None:
        if after == self.draft:
            return
        self.undo_stack.push(DraftCommand(self._show, self.draft, after, text, merge))

    def _push_step(self, changed: StepDraft, text: str, merge: str = "") -> None:
        """Replace the current step; what undo says (``text``) may name it: {number}."""
        text = text.format(number=self._current + 1)
        self._push(with_step(self.draft, self._current, changed), text, merge)

    def _edit_top(self, name: str, value: str) -> None:
        if self._showing or getattr(self.draft, name) == value:
            return
        change: dict[str, Any] = {name: value}  # one field, named by the caller
        self._push(replace(self.draft, **change), field_edit(name), f"top:{name}")

    def _edit_schedule(self, times_per_week: int, weeks: int, start: date | None) -> None:
        if self._showing:
            return
        after = replace(self.draft, times_per_week=times_per_week, weeks=weeks, start=start)
        self._push(after, _("Edit the schedule"), "schedule")

    def _edit_cue_style(self, style: CueStyle) -> None:
        if not self._showing:
            self._push(replace(self.draft, cues=style), _("Change the cue level"))

    def _step(self) -> StepDraft | None:
        if 0 <= self._current < len(self.draft.steps):
            return self.draft.steps[self._current]
        return None

    def _edit_step(self, name: str, value: object) -> None:
        step = self._step()
        if step is None or self._showing or getattr(step, name) == value:
            return
        change: dict[str, Any] = {name: value}  # one field, named by the caller
        changed = replace(step, **change)
        if name in ("name", "instructions") and step.technique:
            # Rewording a catalog technique makes it the physio's own step.
            changed = replace(changed, technique="")
        self._push_step(changed, _("Edit step {number}"), f"step:{self._current}:{name}")

    def _replace_step(self, what: str, changed: StepDraft) -> None:
        """A change that makes the whole step at once (a breathing step's pattern)."""
        if self._step() is not None and not self._showing:
            self._push_step(changed, _("Edit step"), f"step:{self._current}:{what}")

    def _edit_region(self, region_id: str) -> None:
        step = self._step()
        if step is None or self._showing or step.region == region_id:
            return
        moved = self._moved(step, region_id=region_id)
        self._push_step(moved, _("Change step {number}'s region"))

    def _map_clicked(self, place: RegionSide) -> None:
        """A click on the map picks the region and side of the current step."""
        step = self._step()
        if step is None or self._showing:
            return
        changed = step
        if place.region_id != step.region:
            changed = self._moved(step, region_id=place.region_id)
        if place.side is not None:
            changed = replace(changed, side=place.side.value)
        self._push_step(changed, _("Change step {number}'s region"))

    def _edit_tool(self, tool: str) -> None:
        step = self._step()
        if step is None or self._showing or step.tool == tool:
            return
        self._push_step(self._moved(step, tool=tool), _("Change step {number}'s tool"))

    def _moved(
        self, step: StepDraft, *, region_id: str | None = None, tool: str | None = None
    ) -> StepDraft:
        """Another region or tool takes the catalog's technique and text for it, so a
        step never says calves on the quadriceps; text written by hand is asked about.
        The catalog's words are the routine's language's, as are the step's."""
        with self.in_routine_language():
            by_hand = written_by_hand(step, self.catalog)
        if by_hand and not ask(
            self,
            _("Replace your text?"),
            replace_text_question(self._current + 1),
            _("Replace"),
            cancel=_("Keep my text"),
            object_name="replaceStepText",
        ):
            return moved_keeping_text(step, region_id=region_id, tool=tool)
        with self.in_routine_language():
            return retargeted(step, self.catalog, region_id=region_id, tool=tool)

    def _edit_technique(self, technique_id: str) -> None:
        step = self._step()
        if step is None or self._showing or self.catalog is None:
            return
        with self.in_routine_language():
            changed = with_technique(step, technique_id, self.catalog)
        self._push_step(changed, _("Change step {number}'s technique"))

    def add_step(self) -> None:
        current = self._step()
        massage = current is not None and current.breathing is None
        region_id = current.region if current is not None and massage else "calves"
        tool = Tool(current.tool) if current is not None else Tool.HANDS
        at = self._current + 1 if current is not None else len(self.draft.steps)
        self._current = at
        # The catalog's name and instructions for it, in the routine's language.
        with self.in_routine_language():
            step = new_step(region_id, tool, self.catalog)
        self._push(added_step(self.draft, step, at), _("Add step"))

    def add_breathing_step(self) -> None:
        """Slow breathing after the current step: to open or close a routine."""
        at = self._current + 1 if self._step() is not None else len(self.draft.steps)
        self._current = at
        with self.in_routine_language():
            step = new_breathing_step()
        self._push(added_step(self.draft, step, at), _("Add breathing step"))

    def remove_step(self) -> None:
        if self._step() is None:
            return
        index = self._current
        self._push(
            removed_step(self.draft, index), _("Remove step {number}").format(number=index + 1)
        )

    def move_step(self, delta: int) -> None:
        index = self._current
        to = index + delta
        if self._step() is None or not 0 <= to < len(self.draft.steps):
            return
        self._current = to
        self._push(
            moved_step(self.draft, index, to), _("Move step {number}").format(number=index + 1)
        )

    def add_cue(self) -> None:
        step = self._step()
        if step is None or step.breathing is not None:  # its cues are the breaths
            return
        at = min(step.seconds // 2, step.seconds - 1)
        changed = replace(step, cues=(*step.cues, CueDraft(at, "")))
        self._push_step(changed, _("Add cue"))

    def remove_cue(self) -> None:
        step = self._step()
        row = self.step_form.cue_table.current_cue()
        if step is None or row is None or not 0 <= row < len(step.cues):
            return
        changed = replace(step, cues=step.cues[:row] + step.cues[row + 1 :])
        self._push_step(changed, _("Remove cue"))

    def _edit_cue(self, row: int, at: int | None = None, say: str | None = None) -> None:
        step = self._step()
        if step is None or self._showing or not 0 <= row < len(step.cues):
            return
        cue = step.cues[row]
        changed_cue = CueDraft(cue.at if at is None else at, cue.say if say is None else say)
        cues = (*step.cues[:row], changed_cue, *step.cues[row + 1 :])
        merge = f"cue:{self._current}:{row}:{'at' if at is not None else 'say'}"
        self._push_step(replace(step, cues=cues), _("Edit cue"), merge)

    # Showing -------------------------------------------------------------------------

    _showing = False

    def _show(self, draft: RoutineDraft) -> None:
        """Make the widgets show ``draft`` (after an edit, an undo or a redo)."""
        self.draft = draft
        self._showing = True
        try:
            self.routine_form.show_draft(draft)
            self._current = min(max(self._current, 0), len(draft.steps) - 1)
            with QSignalBlocker(self.step_list):
                self._fill_step_list()
            self._show_step()
        finally:
            self._showing = False
        self._check()

    def _fill_step_list(self) -> None:
        self.step_list.clear()
        self.step_list.addItems(
            [f"{i + 1}. {step_label(s)}" for i, s in enumerate(self.draft.steps)]
        )
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
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(step is not None)
        self.step_form.show_step(step, self._current + 1, self.draft.cues, self.draft.language)

    # Checking ------------------------------------------------------------------------

    def _check(self) -> None:
        result = self.draft.check()
        self.problems = result.errors
        self.problem_list.show_result(result)
        total = duration(total_seconds(self.draft))
        self.status_label.setText(status_line(len(result.errors), total))
        self.save_action.setEnabled(True)
        self._mark_problems()

    def go_to_problem(self, row: int) -> None:
        """Select the step of the problem listed at ``row`` and focus the field to fix."""
        self.problem_list.go_to(row)

    def _go_to(self, where: Where) -> None:
        if where.step is not None and where.step < self.step_list.count():
            self.step_list.setCurrentRow(where.step)
        widget: QWidget | None
        cue_table = self.step_form.cue_table
        if where.cue is not None and cue_table.cue_widget(where.cue, 0) is not None:
            widget = cue_table.cue_widget(where.cue, 1 if where.field == "say" else 0)
        elif where.step is not None:
            widget = self.step_form.fields().get(where.field, self.step_list)
        else:
            widget = {**self.routine_form.fields(), "steps": self.add_button}.get(where.field)
        if widget is not None and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark_problems(self) -> None:
        places = [locate(problem) for problem in self.problems]
        top = {where.field for where in places if where.step is None}
        self.routine_form.mark_problems(
            {name: self._reasons(places, name, None) for name in top if name != "steps"}
        )
        mark(self.step_list, "steps" in top, self._reasons(places, "steps", None))
        self.step_form.mark_problems([where for where in places if where.step == self._current])
        bad_steps = {where.step for where in places if where.step is not None}
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            step = self.draft.steps[row]
            text = f"{row + 1}. {step_label(step)}"
            item.setText(f"⚠ {text}" if row in bad_steps else text)

    def _reasons(self, places: list[Where], name: str, step: int | None) -> str:
        return "\n".join(
            problem_words(problem)
            for problem, where in zip(self.problems, places, strict=True)
            if where.field == name and where.step == step
        )

    def _update_title(self) -> None:
        self.setWindowTitle(window_title(self.path.name if self.path is not None else None))
        self.setWindowModified(self.modified)
