"""The summary after a session: how long, which steps, what became of each.

Shown by the Session page when a session ends; the history adds its "soreness after"
form under it. Under the steps, the aftercare card: what is normal the next day, and a
nudge to ask a clinician about a place that has stayed sore. Texts from the routine file
are shown as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core import aftercare
from selfmassage.core.language import _
from selfmassage.core.session import Finished, SessionState, StepOutcome
from selfmassage.core.shown_text import for_window
from selfmassage.core.timeline import Timeline, step_title
from selfmassage.core.words import clock_readout, soreness_change, step_outcome


def plain(label: QLabel) -> QLabel:
    """The label shows its text as typed: routine files are not markup."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def scaled(widget: QWidget, factor: float, bold: bool = False) -> None:
    font = widget.font()
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * factor)
    font.setBold(bold)
    widget.setFont(font)


class SessionSummary(QWidget):
    again_requested = Signal()
    done_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain(QLabel())
        self.title.setObjectName("summaryTitle")
        scaled(self.title, 2.0, bold=True)
        self.text = plain(QLabel())
        self.text.setObjectName("summaryText")
        self.text.setWordWrap(True)
        scaled(self.text, 1.2)
        self.steps = QListWidget()
        self.steps.setObjectName("summarySteps")
        self.steps.setAccessibleName(_("Steps and what became of them"))
        self.aftercare = self._aftercare_card()
        self.slot = QVBoxLayout()
        """Where the history adds "soreness after"."""
        again = QPushButton(_("Run &again"))
        again.setObjectName("againButton")
        again.clicked.connect(self.again_requested)
        done = QPushButton(_("&Done"))
        done.setObjectName("doneButton")
        done.setDefault(True)
        done.clicked.connect(self.done_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(again)
        buttons.addWidget(done)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)

        layout = QGridLayout(self)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.text, 1, 0)
        layout.addWidget(self.steps, 2, 0)
        layout.addWidget(self.aftercare, 3, 0)
        layout.addWidget(line, 4, 0)
        layout.addLayout(self.slot, 5, 0)
        layout.setRowStretch(6, 1)
        layout.addLayout(buttons, 7, 0)
        self.steps.setMaximumHeight(280)
        self._figures = ""
        """The figures of the session shown, without the soreness under them."""

    def _aftercare_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("aftercareCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setAccessibleName(_(aftercare.TITLE))
        heading = plain(QLabel(_(aftercare.TITLE)))
        scaled(heading, 1.1, bold=True)
        self.aftercare_text = plain(QLabel(aftercare.card_text()))
        self.aftercare_text.setObjectName("aftercareText")
        self.aftercare_text.setWordWrap(True)
        self.clinician = plain(QLabel())
        self.clinician.setObjectName("askAClinician")
        self.clinician.setWordWrap(True)
        scaled(self.clinician, 1.0, bold=True)
        self.clinician.hide()
        box = QVBoxLayout(card)
        for label in (heading, self.aftercare_text, self.clinician):
            box.addWidget(label)
        return card

    def show_clinician(self, text: str) -> None:
        """The nudge to ask a clinician about places that stayed sore; "" hides it."""
        self.clinician.setText(text)
        self.clinician.setVisible(bool(text))

    def show_finished(self, finished: Finished, timeline: Timeline | None) -> None:
        summary = finished.summary
        done = finished.state is SessionState.FINISHED
        if not done:
            title = _("Session stopped")
        elif summary.all_done:
            title = _("Session complete")
        elif summary.steps_completed == 0 and summary.steps_ended_early == 0:
            title = _("Session over: every step was skipped")
        else:
            title = _("Session over: partly done")
        self.title.setText(title)
        lines = [
            _("Time: {active} (planned {planned})").format(
                active=clock_readout(summary.active_seconds),
                planned=clock_readout(summary.planned_seconds),
            ),
            # Translators: how many steps were done, of how many; then how many were ended
            # early, and how many skipped or never reached.
            _(
                "Steps done: {done} of {total} · ended early: {early}"
                " · skipped or not reached: {skipped}"
            ).format(
                done=summary.steps_completed,
                total=summary.steps_total,
                early=summary.steps_ended_early,
                skipped=summary.steps_skipped,
            ),
        ]
        if summary.paused_seconds >= 1:
            lines.append(_("Paused for {time}").format(time=clock_readout(summary.paused_seconds)))
        self._figures = "\n".join(lines)
        self.text.setText(self._figures)
        # Aftercare only when a place was worked: every step skipped, or slow breathing
        # alone, leaves nothing to mind.
        worked = summary.steps_completed + summary.steps_ended_early > 0
        if timeline is not None:
            worked = aftercare.massaged(timeline.routine, summary.outcomes)
        self.aftercare.setVisible(worked)
        self.show_clinician("")
        self.steps.clear()
        if timeline is not None:
            for index, step in enumerate(timeline.routine.steps):
                outcome = summary.outcomes.get(index)
                state = step_outcome(outcome)
                seconds = summary.step_seconds.get(index, 0.0)
                # A skipped step got no time: its fraction of a second is not shown.
                unspent = outcome in (None, StepOutcome.SKIPPED)
                if unspent:
                    # Translators: a line of the summary: the step's number, its name, and
                    # what became of it ("done", "skipped").
                    line = _("{number}. {step} — {outcome}")
                else:
                    # Translators: as above, with the time spent on the step.
                    line = _("{number}. {step} — {outcome}, {time}")
                self.steps.addItem(
                    for_window(
                        line.format(
                            number=index + 1,
                            step=step_title(step),
                            outcome=state,
                            time=clock_readout(seconds),
                        )
                    )
                )

    def show_soreness(self, before: Mapping[str, int], after: Mapping[str, int]) -> None:
        """Once rated: "Soreness: Left calf 7 → 4 · Neck 3 → 2" under the figures."""
        # The figures kept apart: the soreness line's own words differ by language.
        self.text.setText(f"{self._figures}\n{soreness_change(before, after)}".rstrip())
