"""The routine options beside the body map: tools owned, time budget, intensity, Build.

A thin widget: it shows the options, says when they change, asks for a build, and shows
a refusal with its choices. The app keeps the options in the settings and builds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import N_, _
from selfmassage.core.routine_options import BUDGET_CHOICES, Intensity
from selfmassage.core.tools import Tool
from selfmassage.core.words import duration

if TYPE_CHECKING:  # the builder loads on the first build, not with the options
    from selfmassage.core.builder import Choice, Refusal

NO_LIMIT = 0
"""The budget button id for "no limit"."""
CHOICE_TEXT_WIDTH = 240
"""The widest line of a refusal's choice button, in pixels: a longer label wraps, so the
button fits the column beside the body map (a push button does not wrap by itself)."""

_INTENSITY_HINTS = {
    Intensity.GENTLE: N_("Light pressure and shorter holds; for a first time or a bad day."),
    Intensity.STANDARD: N_("The pressure and times each technique suggests."),
    Intensity.DEEP: N_("Firmer pressure and longer holds, where it is safe."),
}
"""In English, marked for translation: shown as ``_(hint)``."""


_STYLE = """
QPushButton:checkable { padding: 5px 8px; }
QPushButton:checked {
    background-color: palette(highlight); color: palette(highlighted-text);
    border: 1px solid palette(highlight); border-radius: 4px; padding: 5px 8px;
}
QPushButton:checked:disabled {
    /* Hands: always on. A dashed frame here read as keyboard focus; the tooltip says why. */
    background-color: palette(highlight); color: palette(highlighted-text);
    border: 1px solid palette(highlight); border-radius: 4px;
}
QPushButton#buildButton {
    background-color: palette(highlight); color: palette(highlighted-text);
    border: 1px solid palette(highlight); border-radius: 6px; padding: 8px;
}
QPushButton#buildButton:pressed { background-color: palette(dark); }
/* The style sheet took the platform's focus frame away: a ring in the text colour. */
QPushButton#buildButton:focus { border: 2px solid palette(window-text); }
QPushButton:checked:focus { border: 2px solid palette(window-text); }
"""


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def wrapped(text: str, metrics: QFontMetrics, width: int) -> str:
    """The text with line breaks between words, so that no line is wider than ``width``."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class RoutineOptions(QWidget):
    options_changed = Signal()
    build_requested = Signal()
    choice_chosen = Signal(object)
    """A Choice from the refusal shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routineOptions")
        self.setAccessibleName(_("Routine options"))
        # The platform style barely marks a checked push button: make "on" unmistakable.
        self.setStyleSheet(_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)

        tools_box = QGroupBox(_("Tools you have"))
        tools_layout = QGridLayout(tools_box)
        self.tool_buttons: dict[Tool, QPushButton] = {}
        for index, tool in enumerate(Tool):
            button = QPushButton(tool.label)
            button.setCheckable(True)
            button.setAccessibleName(_("I have: {tool}").format(tool=tool.label))
            self.tool_buttons[tool] = button
            tools_layout.addWidget(button, index // 2, index % 2)
        hands = self.tool_buttons[Tool.HANDS]
        hands.setChecked(True)
        hands.setEnabled(False)
        hands.setToolTip(_("Your hands are always there: every region has a hands technique."))
        layout.addWidget(tools_box)

        time_box = QGroupBox(_("Time you have"))
        time_layout = QGridLayout(time_box)
        self.budget_group = QButtonGroup(self)
        budgets = [*BUDGET_CHOICES, NO_LIMIT]
        for index, minutes in enumerate(budgets):
            text = duration(minutes * 60) if minutes else _("No limit")
            button = QPushButton(text)
            button.setCheckable(True)
            button.setAccessibleName(_("Time budget: {time}").format(time=text))
            self.budget_group.addButton(button, minutes)
            time_layout.addWidget(button, index // 3, index % 3)
        layout.addWidget(time_box)

        intensity_box = QGroupBox(_("Intensity"))
        intensity_layout = QVBoxLayout(intensity_box)
        row = QHBoxLayout()
        self.intensity_group = QButtonGroup(self)
        self.intensity_buttons: dict[Intensity, QPushButton] = {}
        for index, intensity in enumerate(Intensity):
            button = QPushButton(intensity.label)
            button.setCheckable(True)
            button.setAccessibleName(_("Intensity: {intensity}").format(intensity=intensity.label))
            button.setToolTip(_(_INTENSITY_HINTS[intensity]))
            self.intensity_group.addButton(button, index)
            self.intensity_buttons[intensity] = button
            row.addWidget(button)
        intensity_layout.addLayout(row)
        self.intensity_hint = _plain_label()
        self.intensity_hint.setObjectName("intensityHint")
        intensity_layout.addWidget(self.intensity_hint)
        layout.addWidget(intensity_box)

        self.build_button = QPushButton(_("Build routine"))
        self.build_button.setObjectName("buildButton")
        self.build_button.setShortcut(QKeySequence("Ctrl+B"))
        self.build_button.setToolTip(_("Build a routine for the selected places (Ctrl+B)"))
        self.build_button.setAccessibleName(_("Build routine"))
        self.build_button.setMinimumHeight(44)
        self.build_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.build_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.build_button.setFont(font)
        self.build_button.clicked.connect(self.build_requested)
        layout.addWidget(self.build_button)

        self.refusal_box = QFrame()
        self.refusal_box.setObjectName("refusalBox")
        self.refusal_box.setFrameShape(QFrame.Shape.StyledPanel)
        refusal_layout = QVBoxLayout(self.refusal_box)
        self.refusal_label = _plain_label()
        self.refusal_label.setObjectName("refusalMessage")
        self.refusal_label.setAccessibleName(_("Why no routine was built"))
        refusal_layout.addWidget(self.refusal_label)
        self._choice_layout = QVBoxLayout()
        refusal_layout.addLayout(self._choice_layout)
        self.choice_buttons: list[QPushButton] = []
        self.refusal_box.hide()
        layout.addWidget(self.refusal_box)
        layout.addStretch(1)

        self.set_values(frozenset({Tool.HANDS}), 10, Intensity.STANDARD)
        # Connected last, so that setting the first values says nothing.
        for button in self.tool_buttons.values():
            button.toggled.connect(self._changed)
        self.budget_group.idToggled.connect(self._budget_toggled)
        self.intensity_group.idToggled.connect(self._intensity_toggled)

    # Values ----------------------------------------------------------------------------

    def tools(self) -> frozenset[Tool]:
        return frozenset(tool for tool, button in self.tool_buttons.items() if button.isChecked())

    def budget_minutes(self) -> int | None:
        checked = self.budget_group.checkedId()
        return None if checked in (NO_LIMIT, -1) else checked

    def intensity(self) -> Intensity:
        for intensity, button in self.intensity_buttons.items():
            if button.isChecked():
                return intensity
        return Intensity.STANDARD

    def set_values(
        self, tools: Iterable[Tool], budget_minutes: int | None, intensity: Intensity
    ) -> None:
        """Show these options without saying they changed."""
        owned = set(tools) | {Tool.HANDS}
        blocked = self.signalsBlocked()
        self.blockSignals(True)
        try:
            for tool, button in self.tool_buttons.items():
                button.setChecked(tool in owned)
            self.set_budget(budget_minutes)
            self.intensity_buttons[intensity].setChecked(True)
        finally:
            self.blockSignals(blocked)
        self.intensity_hint.setText(_(_INTENSITY_HINTS[intensity]))

    def set_budget(self, minutes: int | None) -> None:
        """Check a budget button; a budget not offered shows as no limit."""
        wanted = NO_LIMIT if minutes is None or minutes not in BUDGET_CHOICES else minutes
        button = self.budget_group.button(wanted)
        if button is not None:
            button.setChecked(True)

    # Refusal ---------------------------------------------------------------------------

    def show_refusal(self, refusal: Refusal) -> None:
        self.clear_refusal()
        self.refusal_label.setText(refusal.message)
        for choice in refusal.choices:
            button = QPushButton()
            button.setText(wrapped(choice.label, button.fontMetrics(), CHOICE_TEXT_WIDTH))
            button.setAccessibleName(choice.label)
            button.clicked.connect(lambda _checked=False, chosen=choice: self._choose(chosen))
            self._choice_layout.addWidget(button)
            self.choice_buttons.append(button)
        self.refusal_box.show()
        # Below the Build button, where a short window may need scrolling to see it.
        QTimer.singleShot(0, self._bring_refusal_into_sight)

    def _bring_refusal_into_sight(self) -> None:
        scroll = self.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if scroll is not None and self.refusal_box.isVisible():
            scroll.ensureWidgetVisible(self.refusal_box, 0, 0)

    def clear_refusal(self) -> None:
        for button in self.choice_buttons:
            self._choice_layout.removeWidget(button)
            button.deleteLater()
        self.choice_buttons = []
        self.refusal_label.clear()
        self.refusal_box.hide()

    def _choose(self, choice: Choice) -> None:
        self.clear_refusal()
        self.choice_chosen.emit(choice)

    # Changes ---------------------------------------------------------------------------

    def _budget_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._changed()

    def _intensity_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.intensity_hint.setText(_(_INTENSITY_HINTS[self.intensity()]))
            self._changed()

    def _changed(self) -> None:
        self.clear_refusal()
        self.options_changed.emit()
