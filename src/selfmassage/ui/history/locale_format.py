"""Dates, times and numbers as the app's language writes them, through Qt's locale.

The app sets ``QLocale.setDefault`` to its language, so ``QLocale()`` here writes
"Mo., 02. März 2026" in German and "Mon 02 Mar 2026" in English. Each format is itself
a translated text: the order of day, month and year is the language's to choose.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def local_date(day: date, pattern: str) -> str:
    """``day`` in Qt's date ``pattern`` ("ddd dd MMM yyyy"), in the app's language."""
    return QLocale().toString(qdate(day), pattern)


def local_datetime(moment: datetime, pattern: str) -> str:
    """``moment``'s own wall-clock time in Qt's date-time ``pattern`` (convert it to
    this computer's zone first where that is what is meant)."""
    shown = QDateTime(qdate(moment.date()), QTime(moment.hour, moment.minute, moment.second))
    return QLocale().toString(shown, pattern)


def decimal(value: float, places: int = 1, *, signed: bool = False) -> str:
    """A number with the language's decimal mark: "1.5", "1,5"; "+1.5" when ``signed``
    (as Python writes it: "-0.0" for a tiny drop)."""
    written = f"{value:+.{places}f}" if signed else f"{value:.{places}f}"
    sign = written[0] if written[0] in "+-" else ""
    number = QLocale().toString(abs(float(written)), "f", places)
    return f"{sign}{number}"
