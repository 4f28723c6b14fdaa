"""The cues of a step in the routine editor: every cue the voice will say, in order.

One row a cue, under a heading for each part of the step (getting ready, each side, the
switch). The step's own cues are the rows with boxes: their time and words are edited
there. The other rows are the app's (the technique's start line, prompts and where to
stop, the timing's halfway, time left, switch): read only, and the last column says
where each comes from. The rows come from the timeline (core/step_cues.py), so they are
what will be spoken.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from selfmassage.core.language import N_, _, pgettext
from selfmassage.core.routine_draft import CueDraft
from selfmassage.core.shown_text import for_window
from selfmassage.core.step_cues import StepCue, StepCues
from selfmassage.ui.physio.editor_fields import set_line

Key = tuple[object, ...]
"""What a row shows: ("part", n), ("own", cue index) or ("said", part, kind, own, n)."""

READ_ONLY = N_("Said by the app: change the technique, the instructions or the time to change it.")


def _key(cue: StepCue, editable: bool, number: int) -> Key:
    if editable and cue.own is not None:
        return ("own", cue.own)
    return ("said", cue.part, cue.kind.value, cue.own, number)


def _own_index(key: Key) -> int:
    """The index of the step's own cue an ("own", index) row shows."""
    index = key[1]
    assert isinstance(index, int)
    return index


class CueTable(QTableWidget):
    """Shows a step's cues; an edit of one of its own is told by ``cue_edited``."""

    cue_edited = Signal(int, object, object)
    """The index of the step's own cue, and the new time (int) or the new words (str);
    the other is None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setAccessibleName(_("Cues"))
        self.setHorizontalHeaderLabels(
            [
                # Translators: the cue table's columns: when a cue is said (seconds into the
                # part), what the voice says, and where the words come from.
                pgettext("cue table", "At"),
                pgettext("cue table", "Say"),
                pgettext("cue table", "From"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.setMinimumHeight(160)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.keys: list[Key] = []
        self._at: dict[int, QSpinBox] = {}
        self._say: dict[int, QLineEdit] = {}

    # Reading -----------------------------------------------------------------------------

    def cue_widget(self, index: int, column: int) -> QWidget | None:
        """The time (column 0) or words (column 1) box of the step's own cue ``index``."""
        return (self._at if column == 0 else self._say).get(index)

    def current_cue(self) -> int | None:
        """The step's own cue being edited or selected, if any."""
        focus = self._focus()
        if focus is not None:
            return focus[0]
        row = self.currentRow()
        if 0 <= row < len(self.keys) and self.keys[row][0] == "own":
            return _own_index(self.keys[row])
        return None

    # Showing -----------------------------------------------------------------------------

    def show_cues(self, cues: tuple[CueDraft, ...], spoken: StepCues | None = None) -> None:
        """Show the step's own cues among everything said (``spoken``), without telling
        them as edits; rows are made again only when their order changes, and the box
        being typed in keeps its focus."""
        rows = self._rows(cues, spoken)
        keys = [key for key, _row in rows]
        if keys != self.keys:
            self._rebuild(keys, rows)
        for number, (key, row) in enumerate(rows):
            if key[0] == "part":
                self._text(number, 0, str(row), heading=True)
            elif key[0] == "own":
                self._show_own(number, key, cues, row)
            else:
                assert isinstance(row, StepCue)
                # The whole of it in the tooltip: the words, and where they come from.
                tip = f"{row.source}. {_(READ_ONLY)}"
                self._text(number, 0, _seconds(round(row.at)), tooltip=tip)
                self._text(number, 1, for_window(row.text), tooltip=tip)
                self._text(number, 2, row.origin, tooltip=tip)

    def _rows(
        self, cues: tuple[CueDraft, ...], spoken: StepCues | None
    ) -> list[tuple[Key, object]]:
        if spoken is None or not spoken.parts:
            return [(("own", i), None) for i in range(len(cues))]
        first = spoken.first_work_part()
        rows: list[tuple[Key, object]] = []
        for part_number, part in enumerate(spoken.parts):
            rows.append((("part", part_number), part.title))
            for number, cue in enumerate(spoken.cues):
                if cue.part == part_number:
                    editable = part_number == first and cue.own is not None
                    rows.append((_key(cue, editable, number), cue))
        shown = {key[1] for key, _row in rows if key[0] == "own"}
        rows += [(("own", i), None) for i in range(len(cues)) if i not in shown]
        return rows

    def _rebuild(self, keys: list[Key], rows: list[tuple[Key, object]]) -> None:
        focus = self._focus()
        self.clearSpans()
        self.setRowCount(0)  # deletes the boxes of the rows that were
        self._at, self._say = {}, {}
        self.setRowCount(len(rows))
        for number, key in enumerate(keys):
            if key[0] == "part":
                self.setSpan(number, 0, 1, 3)
            elif key[0] == "own":
                self._make_own(number, _own_index(key))
        self.keys = keys
        if focus is not None:
            index, column, cursor = focus
            box = self.cue_widget(index, column)
            if box is not None:
                box.setFocus(Qt.FocusReason.OtherFocusReason)
                edit = box.lineEdit() if isinstance(box, QSpinBox) else box
                if isinstance(edit, QLineEdit):
                    edit.setCursorPosition(min(cursor, len(edit.text())))

    def _focus(self) -> tuple[int, int, int] | None:
        """Which own cue's box has the focus (index, column, cursor), to give it back."""
        focused = QApplication.focusWidget()
        for column, boxes in ((0, self._at), (1, self._say)):
            for index, box in boxes.items():
                if focused is not None and (box is focused or box.isAncestorOf(focused)):
                    edit = box.lineEdit() if isinstance(box, QSpinBox) else box
                    cursor = edit.cursorPosition() if isinstance(edit, QLineEdit) else 0
                    return index, column, cursor
        return None

    def _make_own(self, row: int, index: int) -> None:
        at = QSpinBox()
        at.setRange(0, 1800)
        at.setSuffix(_(" s"))
        at.setAccessibleName(_("Cue {number} time").format(number=index + 1))
        at.valueChanged.connect(lambda value, i=index: self.cue_edited.emit(i, value, None))
        say = QLineEdit()
        say.setAccessibleName(_("Cue {number} words").format(number=index + 1))
        say.setPlaceholderText(_("What the voice says"))
        say.textEdited.connect(lambda text, i=index: self.cue_edited.emit(i, None, text))
        self.setCellWidget(row, 0, at)
        self.setCellWidget(row, 1, say)
        self._at[index], self._say[index] = at, say

    def _show_own(self, row: int, key: Key, cues: tuple[CueDraft, ...], shown: object) -> None:
        index = _own_index(key)
        cue = cues[index]
        at, say = self._at[index], self._say[index]
        with QSignalBlocker(at):
            at.setValue(cue.at)
        set_line(say, cue.say)
        if isinstance(shown, StepCue):
            source, origin = shown.source, shown.origin
        else:
            source = _("Your cue {number}").format(number=index + 1)
            # Translators: where a cue comes from, in a narrow column: the person's own.
            origin = _("Yours")
        if isinstance(shown, StepCue) and shown.said and round(shown.at) != cue.at:
            said_at = round(shown.at)  # it waited for a free moment
            # Translators: where a cue comes from ("Yours") and when it is really said.
            origin = _("{origin}, at {seconds} s").format(origin=origin, seconds=said_at)
            source = _("{source}, said at {seconds} s: other cues took its moment").format(
                source=source, seconds=said_at
            )
        self._text(
            row,
            2,
            origin,
            tooltip=_("{source}. Your own cue: edit its time and words.").format(source=source),
        )

    def _muted(self) -> QBrush:
        """The text a third of the way to the background: quieter than the boxes, and
        over 6:1 on both themes (the placeholder colour is under 4.5:1 on the light)."""
        text = self.palette().color(QPalette.ColorRole.Text)
        base = self.palette().color(QPalette.ColorRole.Base)
        return QBrush(
            QColor.fromRgbF(
                text.redF() * 0.65 + base.redF() * 0.35,
                text.greenF() * 0.65 + base.greenF() * 0.35,
                text.blueF() * 0.65 + base.blueF() * 0.35,
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # another theme
            for row, key in enumerate(self.keys):
                for column in range(3):
                    item = self.item(row, column)
                    if item is not None and key[0] != "part":
                        item.setForeground(self._muted())

    def _text(self, row: int, column: int, text: str, *, heading: bool = False, **kw: str) -> None:
        item = self.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            # Read only: selectable, to be read and copied, never edited in place.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if heading:
                font = QFont(self.font())
                font.setBold(True)
                item.setFont(font)
            self.setItem(row, column, item)
        if item.text() != text:
            item.setText(text)
        if not heading:
            item.setForeground(self._muted())  # the app's words: the boxes stand out
        item.setToolTip(kw.get("tooltip", "" if heading or column == 0 else _(READ_ONLY)))


def _seconds(seconds: int) -> str:
    # Translators: a number of seconds, short: "45 s".
    return _("{seconds} s").format(seconds=seconds)
