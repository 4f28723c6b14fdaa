"""The safety screening dialog: the questions, and what each cautious answer means."""

from __future__ import annotations

import html

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

from selfmassage.core.anatomy import region
from selfmassage.core.safety import (
    DISCLAIMER,
    QUESTIONS,
    Answer,
    Screening,
    flagged_regions,
    general_cautions,
    short_name,
)


def plain_label(text: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def describe_cautions(screening: Screening) -> str:
    """The cautions as plain text: what, why, what to do, where."""
    parts: list[str] = []
    for caution in screening.cautions():
        lines = [short_name(caution.id), f"Why: {caution.why}", f"What to do: {caution.advice}"]
        if caution.regions:
            names = ", ".join(region(r).name for r in sorted(caution.regions))
            lines.append(f"Marked on the body map: {names}.")
        elif caution.everywhere:
            lines.append("This applies to every region.")
        parts.append("\n".join(lines))
    if not parts:
        return "Nothing you answered calls for a caution. " + (
            "Stop any massage that hurts sharply or makes you feel unwell."
        )
    return "\n\n".join(parts)


class SafetyDialog(QDialog):
    """Asks the screening questions; ``screening()`` holds the answers after Save."""

    def __init__(
        self, screening: Screening, parent: QWidget | None = None, *, reason: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Before you start: safety questions")
        self.setObjectName("safetyDialog")
        self.setAccessibleName("Safety questions")
        self._groups: dict[str, QButtonGroup] = {}

        layout = QVBoxLayout(self)
        if reason:
            # The reason may name a routine from a file: plain text only.
            layout.addWidget(plain_label(reason))
        disclaimer = plain_label(DISCLAIMER)
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
                button.setAccessibleName(f"{answer.label}: {q.text}")
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
        layout.addWidget(scroll, 3)

        layout.addWidget(plain_label("What your answers mean:"))
        self.cautions_view = QPlainTextEdit()
        self.cautions_view.setObjectName("safetyCautions")
        self.cautions_view.setAccessibleName("What your answers mean")
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
            text = f"{missing} question(s) not answered yet.\n\n" + text
        self.cautions_view.setPlainText(text)


class CautionLabel(QLabel):
    """A status-bar flag: the regions the screening marked, and steps of the routine on
    screen that need care. Its tooltip lists why; the texts are escaped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cautions")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Safety cautions")
        self.setStyleSheet("color: #b5651d; font-weight: bold;")
        self.hide()

    def set_cautions(
        self,
        screening: Screening,
        step_warnings: dict[int, tuple[str, ...]] | None = None,
    ) -> None:
        flagged = flagged_regions(screening)
        general = general_cautions(screening)
        warnings = step_warnings or {}
        parts: list[str] = []
        if flagged:
            parts.append("Care: " + ", ".join(region(r).name for r in flagged))
        elif general:
            parts.append("Care: " + ", ".join(short_name(c.id) for c in general))
        if warnings:
            count = len(warnings)
            steps = (
                f"{count} steps of this routine need"
                if count != 1
                else "1 step of this routine needs"
            )
            parts.append(f"{steps} care")
        if not parts:
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        self.setText("⚠ " + " · ".join(parts))
        details = [describe_cautions(screening)]
        for index, found in sorted(warnings.items()):
            details.extend(f"Step {index + 1}: {warning}" for warning in found)
        details.append("Change the answers in File > Safety questions.")
        self.setToolTip(
            "<p>" + "<br><br>".join(html.escape(d).replace("\n", "<br>") for d in details) + "</p>"
        )
        self.setAccessibleDescription(self.text())
        self.show()
