"""The routine editor's own sentences: its file dialogs' kinds of file, what undo says
for an edit, the line under the steps and the window's title. In the app's language."""

from __future__ import annotations

from selfmassage.core.language import N_, _, ngettext
from selfmassage.core.routine_file import SUFFIX

_FIELD_EDITS = {
    "title": N_("Edit title"),
    "author": N_("Edit author"),
    "description": N_("Edit description"),
    "language": N_("Edit language"),
}
"""What undo says for an edit of each of the routine's text fields."""


def routine_filter() -> str:
    """The file dialogs' kinds of file: described in the app's language, the patterns as
    they are."""
    return ";;".join(
        (
            _("SelfMassage routines ({pattern})").format(pattern=f"*{SUFFIX}"),
            _("All files ({pattern})").format(pattern="*"),
        )
    )


def field_edit(name: str) -> str:
    """What undo says for an edit of the routine's field ``name``."""
    return _(_FIELD_EDITS[name]) if name in _FIELD_EDITS else _("Edit the routine")


def status_line(errors: int, total: str) -> str:
    """ "2 problems to fix before saving. Total time: 9 min 5 s." """
    if errors:
        state = ngettext(
            "{n} problem to fix before saving.", "{n} problems to fix before saving.", errors
        ).format(n=errors)
    else:
        state = _("Ready to save: the routine is valid.")
    total_time = _("Total time: {time}.").format(time=total)
    return f"{state} {total_time}"


def replace_text_question(number: int) -> str:
    return _(
        "Step {number} has a name or instructions you wrote. Replace them with the "
        "catalog's for the new place and tool? Keeping them keeps your words as they "
        "are: check that they still fit."
    ).format(number=number)


def not_written(path: object, reason: object) -> str:
    # Translators: {reason} is the system's, such as "No space left on device".
    return _("Could not write {file}: {reason}.").format(file=path, reason=reason)


def window_title(file_name: str | None) -> str:
    name = file_name if file_name is not None else _("New routine")
    # Translators: the editor's window title; keep "[*]" right after the name (Qt puts
    # a star there when there are unsaved changes).
    return _("{name}[*] — Routine editor").format(name=name)
