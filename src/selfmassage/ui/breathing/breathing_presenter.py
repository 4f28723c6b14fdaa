"""The breathing pacer's presenter: the Home page's button and shortcut, the dialog, and
a session of one breathing step with calm cues.

The session runs on the Session page like any routine (the pacer shows there in place of
the picture), so the history records it as it does every session: as breathing minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton

from selfmassage.core.language import N_, _
from selfmassage.core.session_start import SessionStart

if TYPE_CHECKING:
    # The routine and breathing models load when the pacer is first asked for: the first
    # screen shows only its button (the routine model brings in the file formats).
    from selfmassage.core.breathing import PacerChoice
    from selfmassage.core.routine import Routine
    from selfmassage.core.settings import Settings
    from selfmassage.ui.breathing.pacer_dialog import PacerDialog
    from selfmassage.ui.home.home_page import HomePage
    from selfmassage.ui.main_window import MainWindow

SHORTCUT = "Ctrl+Shift+B"
# In English, marked for translation: shown as ``_(TITLE)``, ``_(INSTRUCTIONS)``.
TITLE = N_("Breathing pacer")
INSTRUCTIONS = N_(
    "Sit or lie comfortably and let your shoulders drop. Follow the shape: breathe in "
    "through your nose as it grows, out slowly as it shrinks. If you feel dizzy, breathe "
    "normally."
)


def pacer_routine(choice: PacerChoice) -> Routine:
    """The pacer as a routine: one breathing step, calm cues; in the app's language, as
    the words of a routine the app makes are."""
    from selfmassage.core.routine import CueStyle, Routine, breathing_step

    step = breathing_step(choice.minutes * 60, choice.pattern, _("Slow breathing"), _(INSTRUCTIONS))
    return Routine(
        _(TITLE), (step,), description=_("Slow paced breathing on its own."), cues=CueStyle.CALM
    )


class BreathingPresenter(QObject):
    def __init__(
        self,
        window: MainWindow,
        home: HomePage,
        settings: Settings,
        save_settings: Callable[[], None],
        start: Callable[[SessionStart], bool],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.save_settings = save_settings
        self.start = start
        self.dialog: PacerDialog | None = None
        self.button = QPushButton(_("&Breathing pacer…"))
        self.button.setObjectName("breathingPacerButton")
        self.button.setAccessibleName(_(TITLE))
        self.button.setToolTip(
            _("Slow paced breathing, 1 to 10 minutes ({key})").format(key=SHORTCUT)
        )
        self.button.clicked.connect(self.open)
        home.add_action_widget(self.button)
        self.action = QAction(_("&Breathing pacer…"), window)
        self.action.setObjectName("breathingPacerAction")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.open)
        window.addAction(self.action)  # the key works wherever the focus is in the window

    def choice(self) -> PacerChoice:
        """The person's last choice, from the settings."""
        from selfmassage.core.breathing import (
            DEFAULT_PATTERN,
            BreathSound,
            PacerChoice,
            parse_pattern,
        )

        s = self.settings
        pattern = parse_pattern(s.pacer_pattern) or DEFAULT_PATTERN
        return PacerChoice(s.pacer_minutes, pattern, BreathSound.of(s.breath_sound))

    def open(self) -> PacerDialog:
        """Ask how long and how; Start runs the session."""
        from selfmassage.ui.breathing.pacer_dialog import PacerDialog  # when asked

        dialog = PacerDialog(self.choice(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.begin(dialog.choice()))
        dialog.open()
        self.dialog = dialog
        return dialog

    def begin(self, choice: PacerChoice) -> bool:
        """Remember the choice and start breathing."""
        s = self.settings
        s.pacer_minutes = choice.minutes
        s.pacer_pattern = choice.pattern.label
        s.breath_sound = choice.sound.value
        self.save_settings()
        return self.start(SessionStart(pacer_routine(choice)))
