"""What the history tells the person: an interrupted session found at start, and how an
export or an import went. Whole sentences in the app's language, counts with plurals."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from selfmassage.core.language import _, ngettext
from selfmassage.ui.history.locale_format import local_datetime


def interrupted(title: str, started_at: datetime, steps_done: int) -> str:
    # Translators: a Qt date format for when an interrupted session started (ddd
    # weekday, dd day, MMM short month, HH:mm hours and minutes).
    when = local_datetime(started_at.astimezone(), _("ddd dd MMM, HH:mm"))
    return ngettext(
        "“{title}” of {when} was interrupted after {n} step. What was done is kept "
        "in your history.",
        "“{title}” of {when} was interrupted after {n} steps. What was done is kept "
        "in your history.",
        steps_done,
    ).format(title=title, when=when, n=steps_done)


def exported_json(sessions: int, target: Path) -> str:
    return ngettext(
        "{n} session exported to {file}.", "{n} sessions exported to {file}.", sessions
    ).format(n=sessions, file=target)


def exported_csv(sessions: Path, steps: Path) -> str:
    return _("Sessions exported to {sessions}, their steps to {steps}.").format(
        sessions=sessions, steps=steps
    )


def not_written(target: Path, reason: object) -> str:
    # Translators: {reason} is the system's, such as "No space left on device".
    return _("Could not write {file}: {reason}.").format(file=target, reason=reason)


def imported(added: int, already_there: int) -> str:
    # Translators: {there} is how many of the file's sessions the history had already.
    return ngettext(
        "{n} session added; {there} were already here.",
        "{n} sessions added; {there} were already here.",
        added,
    ).format(n=added, there=already_there)
