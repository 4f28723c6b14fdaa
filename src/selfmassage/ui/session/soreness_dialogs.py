"""Before and after a session: how sore each place is (0–10), how it felt, a note.

One screen each, quick and skippable. A place is a side as chosen on the map ("Left
calf"), or a midline region ("Neck"). Every rating is a spin box (type a digit, or use
the arrow keys); Enter accepts, Escape skips. "–" means not rated. A before-rating that
starts from an earlier after-rating says when that was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.words import place_key_name

NOT_RATED = -1
FEELINGS = ((1, "Much worse"), (2, "Worse"), (3, "The same"), (4, "Better"), (5, "Much better"))
MAX_NOTE = 2000


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def since_text(moment: datetime) -> str:
    """When an earlier rating was given, for the form: "after the session of Mon 2 Mar"."""
    return f"after the session of {moment.astimezone():%a %d %b}"


class _RatingForm(QWidget):
    """A spin box per place, 0–10 or not rated; beside it, where its value came from."""

    def __init__(
        self,
        places: Sequence[str],
        values: Mapping[str, int | None],
        since: Mapping[str, datetime] | None = None,
    ) -> None:
        super().__init__()
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QSpinBox] = {}
        self.sources: dict[str, QLabel] = {}
        for place in places:
            box = QSpinBox()
            box.setRange(NOT_RATED, 10)
            box.setSpecialValueText("–")
            box.setSuffix(" / 10")
            value = values.get(place)
            box.setValue(NOT_RATED if value is None else value)
            name = place_key_name(place)
            box.setAccessibleName(f"Soreness of {name}, 0 to 10")
            label = QLabel(f"&{name}")
            label.setBuddy(box)
            field: QWidget = box
            when = (since or {}).get(place)
            if when is not None and value is not None:
                field = QWidget()
                row = QHBoxLayout(field)
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(box)
                source = _plain(f"{value} {since_text(when)}")
                row.addWidget(source, 1)
                self.sources[place] = source
            layout.addRow(label, field)
            self.boxes[place] = box

    def ratings(self) -> dict[str, int]:
        return {r: box.value() for r, box in self.boxes.items() if box.value() != NOT_RATED}


class SorenessBeforeDialog(QDialog):
    """Before a session: a quick rating of the routine's places, prefilled from the map
    just used, or from each place's latest after-rating (``since`` says when)."""

    def __init__(
        self,
        places: Sequence[str],
        prefill: Mapping[str, int | None],
        parent: QWidget | None = None,
        since: Mapping[str, datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("How sore are you now?")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                "Rate each place from 0 (not sore) to 10 (very sore), so the history can "
                "show what the massage does. Leave \u2013 for a place you don't want to rate."
            )
        )
        self.form = _RatingForm(places, prefill, since)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton("&Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton("S&kip rating", QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.form.boxes:
            next(iter(self.form.boxes.values())).setFocus()

    def ratings(self) -> dict[str, int]:
        """What to keep: empty when skipped."""
        return self.form.ratings() if self.result() == QDialog.DialogCode.Accepted else {}


class SorenessAfterDialog(QDialog):
    """After a session: soreness again, how it felt overall, and a note."""

    def __init__(
        self,
        places: Sequence[str],
        before: Mapping[str, int],
        parent: QWidget | None = None,
        *,
        stopped: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("How do you feel now?")
        layout = QVBoxLayout(self)
        opening = "You stopped the session early." if stopped else "Well done."
        # Slow breathing alone worked no place: there is only the overall feeling to ask.
        ask = (
            "Rate each place again (it starts at what you said before)."
            if places
            else "How do you feel, compared with before?"
        )
        self.greeting = _plain(f"{opening} {ask}")
        layout.addWidget(self.greeting)
        self.form = _RatingForm(places, dict(before))
        self.form.setVisible(bool(places))
        layout.addWidget(self.form)

        if places:
            layout.addWidget(_plain("Overall, compared with before:"))
        row = QHBoxLayout()
        self.feeling_group = QButtonGroup(self)
        for value, text in FEELINGS:
            button = QRadioButton(f"&{value} {text}")
            button.setAccessibleName(text)
            self.feeling_group.addButton(button, value)
            row.addWidget(button)
        layout.addLayout(row)

        note_label = QLabel("&Note (optional):")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note about this session")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        note_label.setBuddy(self.note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton("S&kip", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.form.boxes:
            next(iter(self.form.boxes.values())).setFocus()

    def ratings(self) -> dict[str, int]:
        return self.form.ratings()

    def feeling(self) -> int | None:
        chosen = self.feeling_group.checkedId()
        return None if chosen < 1 else chosen

    def notes(self) -> str:
        return self.note.toPlainText().strip()[:MAX_NOTE]
