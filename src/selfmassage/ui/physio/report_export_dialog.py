"""The client's side of a report: which plan, which days, and where to write it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

from selfmassage.core.language import _, pgettext
from selfmassage.core.library import slug
from selfmassage.core.report_file import SUFFIX
from selfmassage.ui.widgets.dates import from_qdate, to_qdate
from selfmassage.ui.widgets.problem_label import ProblemLabel


def report_filter() -> str:
    """The save dialog's kinds of file: described in the app's language, the patterns as
    they are."""
    return ";;".join(
        (
            _("Report for your physio ({pattern})").format(pattern=f"*{SUFFIX}"),
            _("PDF to print or read ({pattern})").format(pattern="*.pdf"),
        )
    )


class ReportExportDialog(QDialog):
    export_requested = Signal(str, date, date, Path)
    """Title, first day, last day (inclusive), and the file to write."""

    def __init__(
        self,
        titles: list[str],
        parent: QWidget | None = None,
        *,
        chosen: str | None = None,
        starts: Mapping[str, date] | None = None,
    ) -> None:
        """``chosen``: the plan to pick (the one on screen); ``starts``: where each plan's
        period starts by default (the day it was received); others start 4 weeks back."""
        super().__init__(parent)
        self.setWindowTitle(_("Export an adherence report"))
        self.setObjectName("reportExportDialog")
        self.starts = dict(starts or {})
        self.routine_combo = QComboBox()
        self.routine_combo.setAccessibleName(_("Routine"))
        for title in titles:
            self.routine_combo.addItem(title, title)
        if chosen is not None and chosen in titles:
            self.routine_combo.setCurrentIndex(titles.index(chosen))
        today = date.today()
        self.from_edit = QDateEdit(to_qdate(today - timedelta(days=27)))
        self.from_edit.setAccessibleName(_("First day"))
        self.to_edit = QDateEdit(to_qdate(today))
        self.to_edit.setAccessibleName(_("Last day"))
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        note = QLabel(
            _(
                "The report holds your sessions of this routine in these days: times, steps "
                "skipped, soreness before and after, and your notes. A session counts toward "
                "the plan when at least half its planned time was done. Nothing is sent: you "
                "choose where to save it and whom to give it to."
            )
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.problem_label = ProblemLabel()  # plain text, red on either theme
        form = QFormLayout(self)
        form.addRow(_("&Routine"), self.routine_combo)
        # Translators: the first and last day of the report's period.
        form.addRow(pgettext("period", "&From"), self.from_edit)
        form.addRow(pgettext("period", "&To"), self.to_edit)
        form.addRow(note)
        form.addRow(self.problem_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.routine_combo.currentIndexChanged.connect(self._routine_chosen)
        self._routine_chosen()

    def _routine_chosen(self, _index: int = 0) -> None:
        """A plan's period starts, by default, on the day it was received."""
        today = date.today()
        start = self.starts.get(str(self.routine_combo.currentData()))
        self.from_edit.setDate(to_qdate(start or today - timedelta(days=27)))

    def choice(self) -> tuple[str, date, date] | None:
        first = from_qdate(self.from_edit.date())
        last = from_qdate(self.to_edit.date())
        if last < first:
            self.problem_label.setText(_("The last day is before the first."))
            return None
        if (last - first).days > 366:
            self.problem_label.setText(_("A report covers at most 366 days."))
            return None
        self.problem_label.clear()
        return str(self.routine_combo.currentData()), first, last

    def _save(self) -> None:
        choice = self.choice()
        if choice is None:
            return
        title, first, last = choice
        suggested = str(Path.home() / f"{slug(title) or 'report'}-{last.isoformat()}{SUFFIX}")
        name, chosen = QFileDialog.getSaveFileName(
            self, _("Save the report"), suggested, report_filter()
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (SUFFIX, ".pdf"):
            path = path.with_suffix(".pdf" if "*.pdf" in chosen.lower() else SUFFIX)
        self.accept()
        self.export_requested.emit(title, first, last, path)
