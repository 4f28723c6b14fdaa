"""A small label for the status bar: this week's sessions of each prescribed plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from selfmassage.core.language import _, ngettext
from selfmassage.core.shown_text import for_window

TITLE_WIDTH = 280
"""Pixels of the first plan's title shown in the status bar; the rest is in the tooltip."""


class PlanProgressLabel(QLabel):
    """Shows "Post-run calves: 2 of 3 this week" for the plans the user follows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planProgress")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(_("Plan progress"))
        self.hide()

    def set_progress(self, plans: list[tuple[str, str]]) -> None:
        """``plans``: (title, progress label) pairs, shown in that order."""
        import html  # here, not at start-up: the label is made before the first paint

        if not plans:
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        plans = [(for_window(title), progress) for title, progress in plans]
        lines = [_plan_line(title, progress) for title, progress in plans]
        # A long title is cut short so that the count, the point of the label, stays in view.
        title, progress = plans[0]
        short = self.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, TITLE_WIDTH)
        first = _plan_line(short, progress)
        if len(lines) > 1:
            more = len(lines) - 1
            # Translators: the first plan's progress, and how many more plans the tooltip lists.
            first = ngettext("{plan} (+{n} more)", "{plan} (+{n} more)", more).format(
                plan=first, n=more
            )
        self.setText(first)
        # Titles come from files: escaped, because tooltips may be read as rich text.

        self.setToolTip("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
        self.setAccessibleDescription("; ".join(lines))
        self.show()


def _plan_line(title: str, progress: str) -> str:
    # Translators: a plan and its progress this week: "Post-run calves: 2 of 3 this week".
    return _("{title}: {progress}").format(title=title, progress=progress)
