"""The home page: the body map, the list of what is picked, and the routine options."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from selfmassage.core.anatomy import View
from selfmassage.core.bodymap_svg import BodyMap
from selfmassage.core.selection import Selection
from selfmassage.ui.body_map import BodyMapWidget
from selfmassage.ui.selection_panel import SelectionPanel

SIDE_COLUMN_WIDTH = 360
"""The widest the column beside the map gets: the map takes the rest."""


class HomePage(QWidget):
    """Keeps the map and the list showing the same Selection, and says when it changes."""

    selection_changed = Signal(object)
    """The new Selection, whenever the user changes it on the map or in the list."""

    def __init__(
        self, parent: QWidget | None = None, maps: dict[View, BodyMap] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self.body_map = BodyMapWidget(maps=maps)
        self.selection_panel = SelectionPanel()
        self.body_map.selection_changed.connect(self._changed)
        self.selection_panel.selection_changed.connect(self._changed)

        self.options_area = QFrame()
        self.options_area.setObjectName("optionsArea")
        self._options_layout = QVBoxLayout(self.options_area)
        self._options_layout.setContentsMargins(0, 0, 0, 0)
        self._options_layout.addStretch(1)
        self._options: QWidget | None = None

        side = QWidget()
        side.setMaximumWidth(SIDE_COLUMN_WIDTH)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.selection_panel, 2)
        side_layout.addWidget(self.options_area, 3)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 12, 12)
        layout.addWidget(self.body_map, 1)
        layout.addWidget(side)

    @property
    def selection(self) -> Selection:
        return self.body_map.selection()

    def set_selection(self, selection: Selection) -> None:
        """Show this selection on the map and in the list; emits nothing."""
        self.body_map.set_selection(selection)
        self.selection_panel.set_selection(selection)

    def set_options_widget(self, widget: QWidget) -> None:
        """Place the routine options beside the list (replacing any set before)."""
        if self._options is not None:
            self._options_layout.removeWidget(self._options)
            self._options.deleteLater()
        self._options = widget
        self._options_layout.insertWidget(0, widget)
        widget.show()  # a layout shows a new child only later, after the event loop runs

    def options_widget(self) -> QWidget | None:
        return self._options

    def _changed(self, selection: Selection) -> None:
        self.set_selection(selection)
        self.selection_changed.emit(selection)
