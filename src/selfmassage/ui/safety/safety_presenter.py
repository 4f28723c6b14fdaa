"""The safety screening's presenter: the questions, their answers, and the cautions.

Asked on first run, on opening a prescribed routine, and from File > Safety questions;
the answers live in the settings. Flagged regions are outlined on the body map, and the
steps of the routine on screen that need care stay in view in the status bar. Before a
routine starts, a red flag stops it, and steps that go against the answers or the places
marked to avoid are shown, to skip, make light or keep.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from selfmassage.core.language import _, ngettext
from selfmassage.core.safety import (
    RESCREEN_DAYS,
    Answer,
    Screening,
    flagged_regions,
    question,
    routine_cautions,
    screening_due,
)
from selfmassage.ui.safety.caution_label import CautionLabel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from selfmassage.core.catalog import Catalog
    from selfmassage.core.routine import Routine
    from selfmassage.core.settings import Settings
    from selfmassage.ui.main_window import MainWindow
    from selfmassage.ui.safety.safety_dialog import SafetyDialog


class SafetyPresenter(QObject):
    flagged_changed = Signal(dict)
    """Region id -> the cautions that name it, after the answers changed."""

    def __init__(
        self,
        window: MainWindow,
        settings: Settings,
        save_settings: Callable[[], None],
        routine_on_screen: Callable[[], Routine | None],
        catalog: Callable[[], Catalog | None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.save_settings = save_settings
        self.routine_on_screen = routine_on_screen
        self.catalog = catalog
        self.screening = Screening.from_stored(settings.safety_answers, settings.safety_answered_on)
        self.dialog: SafetyDialog | None = None
        self.action = QAction(_("&Safety questions…"), window)
        self.action.setToolTip(_("Answer or change the safety questions"))
        self.action.triggered.connect(lambda: self.ask())
        self.help_action = QAction(_("&Safety"), window)
        self.help_action.setToolTip(_("What to keep in mind every time you massage"))
        self.help_action.triggered.connect(lambda: self.show_general_cautions())
        self.label = CautionLabel()
        window.stack.currentChanged.connect(lambda _index: self.update_cautions())

    def flagged(self) -> dict[str, tuple[object, ...]]:
        return dict(flagged_regions(self.current()))

    def update_cautions(self) -> None:
        routine = self.routine_on_screen()
        screening = self.current()
        warnings = routine_cautions(routine.steps, screening) if routine else {}
        self.label.set_cautions(screening, warnings)

    def current(self) -> Screening:
        """The answers that hold today (a "today" answer from another day does not)."""
        return self.screening.current(date.today())

    def checked(self, routine: Routine) -> Routine | None:
        """The routine to start, as the person chose; None if nothing should start.

        First the "today" check (once a day), then a red flag stops, then the steps that
        go against the answers or the avoided places are shown to skip, lighten or keep.
        """
        from selfmassage.core.routine_check import check_routine, resolve
        from selfmassage.core.selection import places_from_keys
        from selfmassage.ui import dialogs
        from selfmassage.ui.safety.start_check import ask_resolution, tell_red_flag
        from selfmassage.ui.safety.today_check import ask_today

        if self.screening.today_check_due(date.today()):
            answers = ask_today(self.window)
            if answers is None:
                return None
            self._store(self.screening.answered(answers, date.today()))
            if answers.get("acute-injury") is Answer.YES and not self.current().stops():
                dialogs.tell(
                    self.window,
                    _("Leave the injured place alone"),
                    question("acute-injury").advice,
                    object_name="injuryToday",
                )
                return None
        screening = self.current()
        if screening.stops():
            tell_red_flag(self.window, screening)
            return None
        avoided, _unknown = places_from_keys(self.settings.avoided)
        catalog = self.catalog()
        conflicts = check_routine(routine, screening, avoided, catalog)
        if not conflicts:
            return routine
        how = ask_resolution(self.window, routine, conflicts)
        if how is None:
            return None
        chosen = resolve(routine, conflicts, how, screening, catalog)
        if not chosen.steps:
            dialogs.tell(
                self.window,
                _("Nothing left to run"),
                _(
                    "Every step of “{title}” goes against your safety answers or the "
                    "places you marked to avoid."
                ).format(title=routine.title),
                object_name="nothingLeft",
            )
            return None
        return chosen

    def ask(self, reason: str = "") -> SafetyDialog:
        """Open the screening (window-modal, not blocking); Save stores the answers."""
        from selfmassage.ui.safety.safety_dialog import SafetyDialog

        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = SafetyDialog(
            self.screening, self.window, reason=reason, general=self.general_cautions()
        )
        dialog.accepted.connect(lambda: self._save(dialog.screening()))
        dialog.finished.connect(lambda _result: self._forget_dialog())
        self.dialog = dialog
        dialog.open()
        return dialog

    def general_cautions(self) -> tuple[str, ...]:
        """The catalog's general cautions (none if the catalog cannot be read)."""
        catalog = self.catalog()
        return catalog.general_cautions if catalog is not None else ()

    def show_general_cautions(self) -> QMessageBox:
        """Help > Safety: what holds every time, whatever the answers."""
        from PySide6.QtWidgets import QMessageBox  # when asked: its type costs start-up time

        from selfmassage.core.safety import DISCLAIMER
        from selfmassage.ui import dialogs

        listed = "\n".join(f"• {caution}" for caution in self.general_cautions())
        return dialogs.tell(
            self.window,
            _("Safety"),
            _("Every time you massage:"),
            more=f"{listed}\n\n{_(DISCLAIMER)}",
            object_name="generalCautions",
            icon=QMessageBox.Icon.Information,
        )

    def ask_if_first_run(self) -> None:
        """Ask on the first run, and again once the answers are RESCREEN_DAYS old."""
        if not self.settings.safety_screened_on:
            self.ask()
        elif screening_due(self.settings.safety_screened_on, date.today()):
            self.ask(
                ngettext(
                    "You answered these questions more than {n} day ago. "
                    "Please check that every answer still holds, and save.",
                    "You answered these questions more than {n} days ago. "
                    "Please check that every answer still holds, and save.",
                    RESCREEN_DAYS,
                ).format(n=RESCREEN_DAYS)
            )

    def _save(self, screening: Screening) -> None:
        # Every answer in the dialog was seen and confirmed today.
        self.settings.safety_screened_on = date.today().isoformat()
        self._store(Screening({}).answered(screening.answers, date.today()))

    def _store(self, screening: Screening) -> None:
        self.screening = screening
        self.settings.safety_answers = screening.to_stored()
        self.settings.safety_answered_on = screening.dates_to_stored()
        self.save_settings()
        self.update_cautions()
        self.flagged_changed.emit(self.flagged())

    def _forget_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
