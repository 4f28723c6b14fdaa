"""The safety screening dialog: the questions, and what each cautious answer means."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import _, ngettext
from selfmassage.core.safety import (
    DISCLAIMER,
    QUESTIONS,
    Answer,
    Screening,
)
from selfmassage.ui.safety.caution_label import describe_cautions


def plain_label(text: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class SafetyDialog(QDialog):
    """Asks the screening questions; ``screening()`` holds the answers after Save."""

    def __init__(
        self,
        screening: Screening,
        parent: QWidget | None = None,
        *,
        reason: str = "",
        general: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.general = tuple(general)
        """The catalog's general cautions: they hold whatever the answers."""
        self.setWindowTitle(_("Before you start: safety questions"))
        self.setObjectName("safetyDialog")
        self.setAccessibleName(_("Safety questions"))
        self._groups: dict[str, QButtonGroup] = {}

        layout = QVBoxLayout(self)
        if reason:
            # The reason may name a routine from a file: plain text only.
            layout.addWidget(plain_label(reason))
        disclaimer = plain_label(_(DISCLAIMER))
        disclaimer.setObjectName("safetyDisclaimer")
        layout.addWidget(disclaimer)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for column, answer in enumerate(Answer, start=1):
            header = plain_label(answer.label, wrap=False)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, column)
        for row, q in enumerate(QUESTIONS, start=1):
            text = plain_label(q.text)
            grid.addWidget(text, row, 0)
            group = QButtonGroup(self)
            group.setExclusive(True)
            for column, answer in enumerate(Answer, start=1):
                button = QRadioButton()
                button.setObjectName(f"{q.id}-{answer.value}")
                # Translators: a radio button's name for screen readers: the answer, then
                # the question it answers ("Yes: Are you pregnant?").
                button.setAccessibleName(
                    _("{answer}: {question}").format(answer=answer.label, question=q.text)
                )
                button.setChecked(screening.answer(q.id) is answer)
                group.addButton(button, column)
                grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignCenter)
            group.buttonToggled.connect(self._update)
            self._groups[q.id] = group
        grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidget(grid_host)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the answers take the focus
        layout.addWidget(scroll, 3)

        layout.addWidget(plain_label(_("What your answers mean:")))
        self.cautions_view = QPlainTextEdit()
        self.cautions_view.setObjectName("safetyCautions")
        self.cautions_view.setAccessibleName(_("What your answers mean"))
        self.cautions_view.setReadOnly(True)
        layout.addWidget(self.cautions_view, 2)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(720, 640)
        self._update()

    def set_answer(self, question_id: str, answer: Answer) -> None:
        group = self._groups[question_id]
        button = group.button(list(Answer).index(answer) + 1)
        button.setChecked(True)

    def screening(self) -> Screening:
        answers: dict[str, Answer] = {}
        for question_id, group in self._groups.items():
            checked = group.checkedId()
            if checked > 0:
                answers[question_id] = list(Answer)[checked - 1]
        return Screening(answers)

    def _update(self, *_args: object) -> None:
        screening = self.screening()
        missing = sum(1 for q in QUESTIONS if screening.answer(q.id) is None)
        text = describe_cautions(screening)
        if missing:
            answered = ngettext(
                "{n} question not answered yet.", "{n} questions not answered yet.", missing
            )
            text = answered.format(n=missing) + "\n\n" + text
        if self.general:
            text += "\n\n" + _("Always, whatever your answers:") + "\n"
            text += "\n".join(f"• {caution}" for caution in self.general)
        self.cautions_view.setPlainText(text)
