"""Before and after a session: how sore each place is (0–10), how it felt, a note.

One screen each, quick and skippable. A place is a side as chosen on the map ("Left
calf"), or a midline region ("Neck"). Every rating is a spin box (type a digit, or use
the arrow keys); Enter accepts, Escape skips. "–" means not rated. A before-rating that
starts from an earlier after-rating says when that was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QDate, QLocale, Qt
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

from selfmassage.core.language import N_, _
from selfmassage.core.words import place_key_name

NOT_RATED = -1
FEELINGS = (
    (1, N_("Much worse")),
    (2, N_("Worse")),
    (3, N_("The same")),
    (4, N_("Better")),
    (5, N_("Much better")),
)
MAX_NOTE = 2000


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def since_text(moment: datetime) -> str:
    """When an earlier rating was given, for the form: "after the session of Mon 2 Mar"
    (the day and month in the words of the locale)."""
    local = moment.astimezone()
    # Translators: a Qt date format for the day of a session: "ddd" the weekday, "d" or
    # "dd" the day of the month, "MMM" the month, both shortened as the language does.
    day = QLocale().toString(QDate(local.year, local.month, local.day), _("ddd dd MMM"))
    return _("after the session of {day}").format(day=day)


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
            # Translators: after a soreness rating of 0 to 10 in a spin box ("7 / 10").
            box.setSuffix(_(" / 10"))
            value = values.get(place)
            box.setValue(NOT_RATED if value is None else value)
            name = place_key_name(place)
            box.setAccessibleName(_("Soreness of {place}, 0 to 10").format(place=name))
            label = QLabel(f"&{name}")
            label.setBuddy(box)
            field: QWidget = box
            when = (since or {}).get(place)
            if when is not None and value is not None:
                field = QWidget()
                row = QHBoxLayout(field)
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(box)
                # Translators: beside a rating taken from an earlier one: "3 after the
                # session of Mon 02 Mar".
                source = _plain(_("{rating} {since}").format(rating=value, since=since_text(when)))
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
        self.setWindowTitle(_("How sore are you now?"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                _(
                    "Rate each place from 0 (not sore) to 10 (very sore), so the history can "
                    "show what the massage does. Leave \u2013 for a place you don't want to "
                    "rate."
                )
            )
        )
        self.form = _RatingForm(places, prefill, since)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton(_("&Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton(
            _("S&kip rating"), QDialogButtonBox.ButtonRole.RejectRole
        )
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
        self.setWindowTitle(_("How do you feel now?"))
        layout = QVBoxLayout(self)
        # Slow breathing alone worked no place: there is only the overall feeling to ask.
        if stopped and places:
            greeting = _(
                "You stopped the session early. "
                "Rate each place again (it starts at what you said before)."
            )
        elif stopped:
            greeting = _("You stopped the session early. How do you feel, compared with before?")
        elif places:
            greeting = _("Well done. Rate each place again (it starts at what you said before).")
        else:
            greeting = _("Well done. How do you feel, compared with before?")
        self.greeting = _plain(greeting)
        layout.addWidget(self.greeting)
        self.form = _RatingForm(places, dict(before))
        self.form.setVisible(bool(places))
        layout.addWidget(self.form)

        if places:
            layout.addWidget(_plain(_("Overall, compared with before:")))
        row = QHBoxLayout()
        self.feeling_group = QButtonGroup(self)
        for value, text in FEELINGS:
            # Translators: a choice of how the session felt, its number as its key: "&1 Much
            # worse". Keep the "&" before the number.
            button = QRadioButton(_("&{number} {feeling}").format(number=value, feeling=_(text)))
            button.setAccessibleName(_(text))
            self.feeling_group.addButton(button, value)
            row.addWidget(button)
        layout.addLayout(row)

        note_label = QLabel(_("&Note (optional):"))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(_("Note about this session"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        note_label.setBuddy(self.note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton(_("S&kip"), QDialogButtonBox.ButtonRole.RejectRole)
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
