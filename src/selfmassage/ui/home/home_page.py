"""The home page: the body map, the list of what is picked, and the routine options."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.anatomy import View
from selfmassage.core.bodymap import BodyMap
from selfmassage.core.selection import Selection
from selfmassage.ui.home.body_map import BodyMapWidget
from selfmassage.ui.home.selection_panel import SelectionPanel

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
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        # The options take the height they need (a refusal and its choices included); the
        # list of places, which scrolls, takes the rest; and when even that does not fit (a
        # 720-pixel screen) the column scrolls. Shared out 2:3 before, the options were
        # squeezed until words and buttons were cut.
        self.options_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._side_layout = side_layout
        side_layout.addWidget(self.selection_panel, 1)
        side_layout.addWidget(self.options_area, 0)
        self.side_scroll = QScrollArea()
        self.side_scroll.setObjectName("sideColumn")
        self.side_scroll.setWidget(side)
        self.side_scroll.setWidgetResizable(True)
        self.side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its controls take the focus
        self.side_scroll.setMaximumWidth(SIDE_COLUMN_WIDTH)
        side.installEventFilter(self)  # its contents change: the column's width follows

        # Below the map, a row for what Home offers besides a routine (the breathing pacer):
        # the side column is full on a small screen, the map can spare a line.
        self._actions = QHBoxLayout()
        self._actions.setContentsMargins(0, 0, 0, 0)
        self._actions.addStretch(1)
        map_column = QVBoxLayout()
        map_column.setContentsMargins(0, 0, 0, 0)
        map_column.addWidget(self.body_map, 1)
        map_column.addLayout(self._actions)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 12, 12)
        layout.addLayout(map_column, 1)
        layout.addWidget(self.side_scroll)

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

    def set_today_widget(self, widget: QWidget) -> None:
        """Place the Today card at the top of the column, above the list of places."""
        self._side_layout.insertWidget(0, widget)
        widget.show()

    def add_action_widget(self, widget: QWidget) -> None:
        """Place a control (the breathing pacer's button) in the row below the map."""
        self._actions.addWidget(widget)
        widget.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LayoutRequest and watched is self.side_scroll.widget():
            self._fit_side_width()
        return False

    def _fit_side_width(self) -> None:
        """The column is as wide as its contents want (a scroll area alone would be
        narrower), with room for its scroll bar, up to SIDE_COLUMN_WIDTH."""
        side = self.side_scroll.widget()
        assert side is not None  # set in __init__, never taken away
        bar = self.side_scroll.verticalScrollBar().sizeHint().width()
        wanted = min(side.sizeHint().width() + bar, SIDE_COLUMN_WIDTH)
        if wanted != self.side_scroll.minimumWidth():
            self.side_scroll.setMinimumWidth(wanted)

    def options_widget(self) -> QWidget | None:
        return self._options

    def _changed(self, selection: Selection) -> None:
        self.set_selection(selection)
        self.selection_changed.emit(selection)
