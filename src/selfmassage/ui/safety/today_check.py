"""The "today" check before the first session of a day: three things that change daily.

Each is a box to tick; none ticked is "no" to all, and Enter answers that at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import N_, _
from selfmassage.core.safety import TODAY_CHECK, Answer

TODAY_WORDS = {
    "fever-or-infection": N_("I have a fever, or feel unwell with an infection"),
    "acute-injury": N_("I have a new injury, or a place that is hot, swollen and red"),
    "hot-swollen-calf": N_("One calf or leg is hot, swollen, red or painful"),
}
"""The three "today" questions as statements to tick, in the person's words."""


class TodayCheckDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayCheck")
        self.setWindowTitle(_("Before you start today"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("Tick anything that is true today. If none is, press Enter."))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for question_id in TODAY_CHECK:
            words = _(TODAY_WORDS[question_id])
            box = QCheckBox(words)
            box.setAccessibleName(words)
            box.toggled.connect(lambda _checked: self._name_the_button())
            layout.addWidget(box)
            self.boxes[question_id] = box
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go: QPushButton = self.buttons.addButton(
            _("None of these"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go.setDefault(True)
        self.go.setAutoDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _name_the_button(self) -> None:
        ticked = any(box.isChecked() for box in self.boxes.values())
        self.go.setText(_("Continue") if ticked else _("None of these"))

    def answers(self) -> dict[str, Answer]:
        return {
            question_id: Answer.YES if box.isChecked() else Answer.NO
            for question_id, box in self.boxes.items()
        }


def ask_today(parent: QWidget | None) -> dict[str, Answer] | None:
    """Ask the three "today" questions and wait; None if the person cancels."""
    dialog = TodayCheckDialog(parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answers()
    finally:
        dialog.deleteLater()
