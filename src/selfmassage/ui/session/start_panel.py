"""What the Session page shows while the voice makes the first step's cues: "Preparing
the voice…", for a moment; and if the voice cannot speak, why, with Start to go on with
beeps and the cues on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import N_, _
from selfmassage.core.shown_text import for_window
from selfmassage.ui.session.session_summary import plain, scaled

PREPARING = N_("Preparing the voice…")
NOT_READY = N_("The voice is not ready")


class StartPanel(QWidget):
    start_requested = Signal()
    """Start without the voice (it could not make the first cues)."""
    back_requested = Signal()
    """Back to the routine: the session does not start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPanel")
        self.heading = plain(QLabel(_(PREPARING)))
        self.heading.setObjectName("startHeading")
        scaled(self.heading, 1.6, bold=True)
        self.routine_title = plain(QLabel())
        self.routine_title.setObjectName("startRoutine")
        self.routine_title.setWordWrap(True)
        self.routine_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scaled(self.routine_title, 1.2)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving: no count of what is left to say
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(320)
        self.busy.setAccessibleName(_(PREPARING))
        self.problem = plain(QLabel())
        self.problem.setObjectName("startProblem")
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.problem.setMaximumWidth(560)  # a short line is read at a glance
        self.start_button = QPushButton(_("Start"))
        self.start_button.setObjectName("sessionStartButton")
        self.start_button.setMinimumSize(140, 40)
        self.start_button.setDefault(True)
        self.start_button.setAutoDefault(True)
        self.start_button.clicked.connect(self.start_requested)
        self.back_button = QPushButton(_("Back to the routine"))
        self.back_button.setObjectName("sessionBackButton")
        self.back_button.setMinimumHeight(40)
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.routine_title)
        layout.addSpacing(12)
        layout.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        # Centred by stretches, not by alignment: a wrapping label aligned in its layout
        # gets too little height, and is cut.
        problem_row = QHBoxLayout()
        problem_row.addStretch(1)
        problem_row.addWidget(self.problem, 4)
        problem_row.addStretch(1)
        layout.addLayout(problem_row)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_preparing(self, title: str) -> None:
        """The voice is making the first cues: Start waits for it."""
        self.heading.setText(_(PREPARING))
        self.routine_title.setText(for_window(title))
        self.busy.show()
        self.problem.clear()
        self.problem.hide()
        self.start_button.setEnabled(False)
        self.start_button.setToolTip(_("<p>Start waits until the first cues can be heard</p>"))

    def show_problem(self, reason: str) -> None:
        """The voice cannot say the first cues: say why, and let the person start."""
        self.heading.setText(_(NOT_READY))
        self.busy.hide()
        self.problem.setText(
            for_window(
                _(
                    "The voice could not be prepared: {reason}. The session can start "
                    "anyway: the cues are shown on screen, with beeps."
                ).format(reason=reason)
            )
        )
        self.problem.show()
        self.start_button.setEnabled(True)
        self.start_button.setToolTip("")
        self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)
