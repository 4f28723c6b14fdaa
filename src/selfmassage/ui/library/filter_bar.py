"""The Library's filter: a place or title to find, the tools the person has, the length.

The tools start as those chosen on Home, until the person changes them here. Ctrl+F
goes to the search; Down or Enter from it goes to the list; Escape clears it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import N_, _, ngettext
from selfmassage.core.library_filter import LENGTH_CHOICES, LibraryFilter
from selfmassage.core.tools import Tool
from selfmassage.core.words import duration

# Mnemonics that the page's buttons (Open, Duplicate, Delete, Import) leave free.
# In English, marked for translation: shown as ``_(text)``.
_TOOL_TEXTS = {
    Tool.FOAM_ROLLER: N_("Foam &roller"),
    Tool.MASSAGE_BALL: N_("Massage &ball"),
    Tool.MASSAGE_GUN: N_("Massage &gun"),
    Tool.STICK_ROLLER: N_("S&tick roller"),
}


def _routines(number: int) -> str:
    return ngettext("{n} routine", "{n} routines", number).format(n=number)


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class FilterBar(QWidget):
    changed = Signal()
    """The person changed what the Library should show."""
    to_list = Signal()
    """Down or Enter in the search: on to the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryFilter")
        self._tools_chosen_here = False

        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setAccessibleName(_("Find a routine by place or title"))
        self.search.setPlaceholderText(_("A place (calf, lower back, heel) or a title"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.changed)
        self.search.installEventFilter(self)
        find = _plain(QLabel(_("Fi&nd:")))
        find.setBuddy(self.search)

        self.length = QComboBox()
        self.length.setObjectName("libraryLength")
        self.length.setAccessibleName(_("Length"))
        self.length.addItem(_("Any length"), None)
        for minutes in LENGTH_CHOICES:
            self.length.addItem(_("Up to {time}").format(time=duration(minutes * 60)), minutes)
        self.length.currentIndexChanged.connect(self.changed)
        length = _plain(QLabel(_("&Length:")))
        length.setBuddy(self.length)

        self.show_all_button = QPushButton(_("Show &all"))
        self.show_all_button.setToolTip(_("Every routine: any tools, any length, no search"))
        self.show_all_button.clicked.connect(self.show_all)

        self.tool_boxes: dict[Tool, QCheckBox] = {}
        tools = QHBoxLayout()
        tools.addWidget(_plain(QLabel(_("Tools you have:"))))
        hands = QCheckBox(Tool.HANDS.label)
        hands.setChecked(True)
        hands.setEnabled(False)
        hands.setToolTip(_("Your hands are always there."))
        tools.addWidget(hands)
        for tool, text in _TOOL_TEXTS.items():
            box = QCheckBox(_(text))
            box.setAccessibleName(_("I have: {tool}").format(tool=tool.label))
            box.toggled.connect(self._tool_toggled)
            self.tool_boxes[tool] = box
            tools.addWidget(box)
        tools.addStretch(1)
        self.shown = _plain(QLabel())
        self.shown.setObjectName("libraryShown")
        tools.addWidget(self.shown)

        top = QHBoxLayout()
        top.addWidget(find)
        top.addWidget(self.search, 1)
        top.addWidget(length)
        top.addWidget(self.length)
        top.addWidget(self.show_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(tools)

    # Values ------------------------------------------------------------------------------

    def value(self) -> LibraryFilter:
        owned = frozenset(tool for tool, box in self.tool_boxes.items() if box.isChecked())
        minutes = self.length.currentData()
        return LibraryFilter(
            owned=owned,
            longest_minutes=minutes if isinstance(minutes, int) else None,
            search=self.search.text(),
        )

    def set_owned(self, tools: Iterable[Tool]) -> None:
        """The tools chosen on Home: shown unless the person has chosen others here."""
        if self._tools_chosen_here:
            return
        owned = set(tools)
        self._set_tools(lambda tool: tool in owned)

    def show_all(self) -> None:
        """Every routine: all tools, any length, no search."""
        self._tools_chosen_here = True
        blocked = self.blockSignals(True)
        try:
            self._set_tools(lambda _tool: True)
            self.length.setCurrentIndex(0)
            self.search.clear()
        finally:
            self.blockSignals(blocked)
        self.changed.emit()

    def show_count(self, shown: int, total: int) -> None:
        if shown == total:
            self.shown.setText(_routines(total))
        elif shown == 0:
            self.shown.setText(
                # Translators: "None of 12 routines fits: try Show all" (the button).
                _("None of {count} fits: try Show all").format(count=_routines(total))
            )
        else:
            # Translators: "3 of 12 routines" (shown by the filter).
            self.shown.setText(_("{shown} of {count}").format(shown=shown, count=_routines(total)))

    def _set_tools(self, has: Callable[[Tool], bool]) -> None:
        changed = False
        for tool, box in self.tool_boxes.items():
            wanted = bool(has(tool))
            if box.isChecked() != wanted:
                box.blockSignals(True)
                box.setChecked(wanted)
                box.blockSignals(False)
                changed = True
        if changed:
            self.changed.emit()

    def _tool_toggled(self, _checked: bool) -> None:
        self._tools_chosen_here = True
        self.changed.emit()

    # Keys --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if watched is self.search and isinstance(event, QKeyEvent) and pressed:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.to_list.emit()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)
