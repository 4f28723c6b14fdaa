"""The list beside the body map: what is selected, how sore, and what is avoided."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core import words
from selfmassage.core.anatomy import RegionSide
from selfmassage.core.language import _, ngettext
from selfmassage.core.selection import Selection
from selfmassage.core.words import in_sentence

NOT_RATED = -1
"""The soreness box's value for "not rated" (shown as a dash)."""
CONFIRM_CLEAR_FROM = 3
"""Clearing this many places, or any rated ones, asks first: it is work to redo."""


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SelectionRow(QWidget):
    """One selected place: its name, a soreness box (0–10 or not rated), a remove button."""

    soreness_changed = Signal(object, object)
    """(RegionSide, int | None)"""
    remove_requested = Signal(object)

    def __init__(self, place: RegionSide, parent: QWidget | None = None) -> None:
        import html  # here, not at the top: html.entities costs start-up time

        super().__init__(parent)
        self.place = place
        self.setObjectName(f"selection-{place.key}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name = _plain_label(place.label)
        name = in_sentence(place.label)
        self.name.setToolTip(f"<p>{html.escape(place.region.description)}</p>")
        self.name.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.soreness = QSpinBox()
        self.soreness.setRange(NOT_RATED, 10)
        self.soreness.setSpecialValueText("–")
        self.soreness.setValue(NOT_RATED)
        self.soreness.setToolTip(_("<p>How sore, 0 (not at all) to 10 (worst); optional</p>"))
        self.soreness.setAccessibleName(_("Soreness of {place}, 0 to 10").format(place=name))
        self.soreness.valueChanged.connect(self._soreness_edited)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        remove = _("Remove {place}").format(place=name)
        self.remove.setToolTip(f"<p>{html.escape(remove)}</p>")
        self.remove.setAccessibleName(remove)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.place))
        layout.addWidget(self.name, 1)
        layout.addWidget(self.soreness)
        layout.addWidget(self.remove)

    def show_soreness(self, level: int | None) -> None:
        self.soreness.blockSignals(True)
        self.soreness.setValue(NOT_RATED if level is None else level)
        self.soreness.blockSignals(False)

    def _soreness_edited(self, value: int) -> None:
        self.soreness_changed.emit(self.place, None if value == NOT_RATED else value)


class SelectionPanel(QWidget):
    """Shows a Selection; removing, rating and clearing emit the changed Selection."""

    selection_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selectionPanel")
        self._selection = Selection()
        self._rows: dict[RegionSide, SelectionRow] = {}
        self.confirm_clear: Callable[[int], bool] = self._ask_before_clearing

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        self.title = _plain_label(_("Sore places"))
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.rating_header = _plain_label(_("Soreness"))
        self.rating_header.setToolTip(_("<p>Optional: 0 (not at all) to 10 (worst)</p>"))
        header.addWidget(self.title, 1)
        header.addWidget(self.rating_header)
        layout.addLayout(header)

        self.empty_hint = _plain_label(
            _(
                "Click the sore muscles on the body map, or move there with the arrow keys "
                "and press Space. Right-click a place to avoid it."
            )
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setObjectName("emptyHint")
        layout.addWidget(self.empty_hint)

        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 4, 0)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(self._list)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName(_("Selected places"))
        # The places' own boxes take the focus; the area itself would show none.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(scroll, 1)

        self.avoided_label = _plain_label()
        self.avoided_label.setObjectName("avoidedLabel")
        self.avoided_label.setWordWrap(True)
        layout.addWidget(self.avoided_label)

        buttons = QHBoxLayout()
        self.count_label = _plain_label()
        self.clear_button = QPushButton(_("&Clear"))
        self.clear_button.setObjectName("clearSelection")
        self.clear_button.setToolTip(_("<p>Deselect every place (places to avoid stay marked)</p>"))
        self.clear_button.clicked.connect(self._clear)
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.clear_button)
        layout.addLayout(buttons)
        self._refresh()

    def selection(self) -> Selection:
        return self._selection

    def rows(self) -> dict[RegionSide, SelectionRow]:
        return dict(self._rows)

    def set_selection(self, selection: Selection) -> None:
        """Show this selection; emits nothing. Rows being edited stay in place."""
        if selection == self._selection:
            return
        self._selection = selection
        self._refresh()

    def _refresh(self) -> None:
        selection = self._selection
        for place in [p for p in self._rows if not selection.is_selected(p)]:
            gone = self._rows.pop(place)
            self._list_layout.removeWidget(gone)
            gone.hide()  # at once: Tab must not land on it before it goes
            gone.deleteLater()
        for index, place in enumerate(selection.selected):
            row = self._rows.get(place)
            if row is None:
                row = SelectionRow(place)
                row.soreness_changed.connect(self._rate)
                row.remove_requested.connect(self._remove)
                self._rows[place] = row
            if self._list_layout.indexOf(row) != index:
                self._list_layout.removeWidget(row)
                self._list_layout.insertWidget(index, row)
            row.show_soreness(selection.soreness[place])
        self._order_tabs([self._rows[place] for place in selection.selected])
        places = len(selection.selected)
        self.empty_hint.setVisible(places == 0)
        self.rating_header.setVisible(places > 0)
        self.clear_button.setEnabled(places > 0)
        self.count_label.setText(
            ""
            if places == 0
            else ngettext("{n} place selected", "{n} places selected", places).format(n=places)
        )
        avoided = sorted(selection.avoided)
        self.avoided_label.setVisible(bool(avoided))
        self.avoided_label.setText(
            _("Avoided: {places}").format(
                places=", ".join(words.place_name(p.region_id, p.side) for p in avoided)
            )
            if avoided
            else ""
        )

    def _order_tabs(self, rows: list[SelectionRow]) -> None:
        """Tab goes through the places in their order, then Clear: rows made later would
        otherwise come last in the window, after the routine options."""
        if not rows:
            # Nothing to order; and walking the focus chain wraps every widget in it for
            # Python, which before the first paint costs ~10 ms of start-up.
            return
        # After what comes before this list in the window (the body map); rows placed
        # there before, and rows on their way out, are this list's own.
        previous = self.previousInFocusChain()
        while previous is not None and previous is not self and self.isAncestorOf(previous):
            previous = previous.previousInFocusChain()
        assert previous is not None  # the focus chain is a ring through every widget
        for row in rows:
            for widget in (row.soreness, row.remove):
                QWidget.setTabOrder(previous, widget)
                previous = widget
        QWidget.setTabOrder(previous, self.clear_button)

    def _change(self, selection: Selection) -> None:
        if selection == self._selection:
            return
        self.set_selection(selection)
        self.selection_changed.emit(selection)

    def _rate(self, place: RegionSide, level: int | None) -> None:
        self._change(self._selection.with_soreness(place, level))

    def _remove(self, place: RegionSide) -> None:
        self._change(self._selection.without(place))

    def _clear(self) -> None:
        selected = self._selection.selected
        rated = any(level is not None for level in self._selection.soreness.values())
        if (len(selected) >= CONFIRM_CLEAR_FROM or rated) and not self.confirm_clear(len(selected)):
            return
        self._change(self._selection.cleared())

    def _ask_before_clearing(self, places: int) -> bool:
        from selfmassage.ui.dialogs import ask  # only when asked: keeps start-up light

        question = ngettext(
            "Deselect the selected place and forget the soreness you gave?",
            "Deselect all {n} places and forget the soreness you gave?",
            places,
        )
        return ask(
            self,
            _("Clear the selection"),
            question.format(n=places),
            # Translators: the button that clears the selection (no mnemonic).
            _("Clear"),
            object_name="clearQuestion",
        )
