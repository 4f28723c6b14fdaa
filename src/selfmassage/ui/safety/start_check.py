"""Before Start: a red flag stops, and steps that conflict with the answers are shown.

The person chooses to skip those steps, make them light, or keep them as they are (a
physiotherapist may have prescribed them; the reasons stay in view in the list).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from selfmassage.core.language import N_, _, ngettext
from selfmassage.core.routine_check import Conflict, Resolution
from selfmassage.core.safety import Screening, stop_message

if TYPE_CHECKING:
    from selfmassage.core.routine import Routine

SEE_A_DOCTOR = N_("See a doctor today")
"""The title of the message that stops a session: shown through ``_``."""


def tell_red_flag(parent: QWidget | None, screening: Screening) -> QMessageBox:
    """No session: the red flags answered, and whom to see."""
    from selfmassage.ui import dialogs

    return dialogs.tell(
        parent,
        _(SEE_A_DOCTOR),
        stop_message(screening.stops()),
        object_name="redFlag",
        icon=QMessageBox.Icon.Critical,
    )


def ask_resolution(
    parent: QWidget | None, routine: Routine, conflicts: Sequence[Conflict]
) -> Resolution | None:
    """Ask what to do with the conflicting steps; None if the person cancels."""
    box = QMessageBox(parent)
    box.setObjectName("safetyConflicts")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Check these steps before you start"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    n = len(conflicts)
    heading = ngettext(
        "{n} step of “{title}” goes against your safety answers or the places you marked to avoid:",
        "{n} steps of “{title}” go against your safety answers or the places you marked to avoid:",
        n,
    ).format(n=n, title=routine.title)
    box.setText(heading + "\n\n" + "\n".join(c.text for c in conflicts))
    box.setInformativeText(
        _(
            "Skip them, make them light (a gentler tool and light pressure), or keep them "
            "as they are if your physiotherapist prescribed them for you."
        )
    )
    skip = box.addButton(_("Skip them"), QMessageBox.ButtonRole.AcceptRole)
    light = box.addButton(_("Make them light"), QMessageBox.ButtonRole.ActionRole)
    keep = box.addButton(_("Keep them"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(skip)
    box.setEscapeButton(cancel)
    box.exec()
    chosen = box.clickedButton()
    answers = {skip: Resolution.SKIP, light: Resolution.LIGHTEN, keep: Resolution.KEEP}
    return next((how for button, how in answers.items() if button is chosen), None)
