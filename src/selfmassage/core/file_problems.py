"""A file's problems in people's words: where in the file, and why it cannot be opened or
saved. The same description for every file format (routines, reports, history exports),
re-exported by core/words.py, the home of the user's words. Plain Python: no Qt, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from selfmassage.core.language import N_, _, ngettext, pgettext

if TYPE_CHECKING:
    from selfmassage.core.document_check import Problem

# A file's problems ----------------------------------------------------------------------

MAX_LISTED_PROBLEMS = 12
"""A message lists this many problems; the rest are behind "Show Details"."""

_PATH_PART = r'\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]'
"""Compiled when first used (re keeps it): the first screen loads this module."""
_ITEMS = {
    "steps": N_("step {number}"),
    "cues": N_("cue {number}"),
    "sessions": N_("session {number}"),
}


def _field(name: str) -> str:
    """A field of a routine file in the person's words ("title" -> "Titel" in German);
    a field not named here as the file writes it."""
    # Translators: the fields of a routine file, named where a problem is ("Title: must
    # not be empty"); lower case, as in "step 2, seconds".
    fields = {
        "title": pgettext("file field", "title"),
        "description": pgettext("file field", "description"),
        "author": pgettext("file field", "author"),
        "language": pgettext("file field", "language"),
        "steps": pgettext("file field", "steps"),
        "region": pgettext("file field", "region"),
        "side": pgettext("file field", "side"),
        "seconds": pgettext("file field", "seconds"),
        "tool": pgettext("file field", "tool"),
        "technique": pgettext("file field", "technique"),
        "name": pgettext("file field", "name"),
        "instructions": pgettext("file field", "instructions"),
        "pressure": pgettext("file field", "pressure"),
        "cues": pgettext("file field", "cues"),
        "at": pgettext("file field", "at"),
        "say": pgettext("file field", "say"),
        "prompts": pgettext("file field", "prompts"),
        "start": pgettext("file field", "start"),
        "schedule": pgettext("file field", "schedule"),
    }
    return fields.get(name, name.replace("_", " "))


def problem_place(path: str) -> str:
    """Where in a file a problem is, for people: ``$.steps[2].cues[0].at`` -> "Step 3,
    cue 1, at"; ``$.sessions[0].soreness_before["x"]`` -> "Session 1, soreness before
    "x""; ``$`` -> "The file". The same for every file format. (The names of a file's
    fields are said in the person's words where the app knows them.)"""
    parts: list[str] = []
    plain = False  # the last part is a plain name, which the next name continues
    for match in re.finditer(_PATH_PART, path):
        name, index, key = match.groups()
        if index is not None and parts and parts[-1] in _ITEMS:
            parts[-1] = _(_ITEMS[parts[-1]]).format(number=int(index) + 1)
            plain = False
        elif index is not None:
            # Translators: the place of a problem in a file: an item of a list, by number
            parts.append(_("item {number}").format(number=int(index) + 1))
            plain = False
        elif key is not None:
            if parts:
                parts[-1] += f" {key}"
            else:
                parts.append(key)
            plain = False
        elif plain and parts[-1] not in _ITEMS:
            parts[-1] += " " + _field(name)
        else:
            parts.append(name if name in _ITEMS else _field(name))
            plain = True
    parts = [_field(part) if part in _ITEMS else part for part in parts]  # a whole list
    where = ", ".join(parts) if parts else _("the file")
    return where[:1].upper() + where[1:]


def problem_words(problem: Problem) -> str:
    """One problem of a file in people's words: "Step 2, seconds: must be from 5 to 1800,
    not 2"."""
    # Translators: where in a file a problem is, and what it is
    return _("{place}: {problem}").format(place=problem_place(problem.path), problem=problem.reason)


class FileProblems(NamedTuple):
    """Why a file cannot be opened, in people's words, ready for a message box.

    ``title`` for the window, ``text`` the headline, ``listed`` the first problems one a
    line, ``details`` every problem when there are more than are listed (else ""). (A
    named tuple, not a dataclass: this module loads before the first paint, and a frozen
    dataclass costs ten times as much to define.)"""

    title: str
    text: str
    listed: str
    details: str

    def __str__(self) -> str:
        """All of it as one plain text, for a tooltip, a log line or an exception."""
        return f"{self.text}\n{self.listed}" if self.listed else self.text


def file_problems(
    name: str, kind: str, problems: Sequence[Problem], limit: int = MAX_LISTED_PROBLEMS
) -> FileProblems:
    """Why the file ``name`` of ``kind`` ("routine" or "report") cannot be opened: one
    description for every file format, used wherever a file is refused."""
    if kind == "routine":
        title = _("Cannot open the routine")
        text = _("{name} cannot be opened as a routine file. Nothing was changed.")
    elif kind == "report":
        title = _("Cannot open the report")
        text = _("{name} cannot be opened as a client report. Nothing was changed.")
    else:
        title = f"Cannot open the {kind}"
        text = f"{{name}} cannot be opened as a {kind} file. Nothing was changed."
    return FileProblems(
        title=title,
        text=text.format(name=name),
        listed=problem_lines(problems, limit),
        details=problem_details(problems, limit),
    )


def cannot_save(name: str, problems: Sequence[Problem]) -> str:
    """Why ``name`` was not saved: the app never writes a file it would refuse to read."""
    text = _("{name} cannot be saved: it has problems to fix first.").format(name=name)
    return f"{text}\n{problem_lines(problems)}"


def problem_lines(problems: Sequence[Problem], limit: int = MAX_LISTED_PROBLEMS) -> str:
    """The first ``limit`` problems one a line ("• Step 2, seconds: …"), and how many more."""
    lines = [f"• {problem_words(problem)}" for problem in problems[:limit]]
    if len(problems) > limit:
        more = len(problems) - limit
        lines.append(
            ngettext(
                "… and {n} more (see Show Details).", "… and {n} more (see Show Details).", more
            ).format(n=more)
        )
    return "\n".join(lines)


def problem_details(problems: Sequence[Problem], limit: int = MAX_LISTED_PROBLEMS) -> str:
    """Every problem one a line when :func:`problem_lines` leaves some out; else ""."""
    if len(problems) <= limit:
        return ""
    return "\n".join(problem_words(problem) for problem in problems)


def newer_file(file_version: str, app_reads: int) -> str:
    """Why a file from a later version of the app cannot be read here."""
    return _(
        "this file needs a newer version of SelfMassage "
        "(file version {file_version}, this app reads up to {app_reads})"
    ).format(file_version=file_version, app_reads=app_reads)
