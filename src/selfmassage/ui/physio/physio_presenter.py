"""The physiotherapist's and the client's tools, for the composition root.

For the physio: the routine editor windows, the handout PDF of a routine, and client
reports (.smreport) read-only in windows of their own, never touching this user's
history. For the client: a prescribed routine's welcome (who wrote it, their notes,
then the safety questions), the plan's progress this week, and the adherence report to
send back. The app builds this after the first paint, places its actions in the File
menu and connects its signals to the status bar, the Library and the safety questions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from selfmassage import __version__
from selfmassage.core.language import _, ngettext
from selfmassage.ui.dialogs import tell, tell_file_problems

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from selfmassage.core.catalog import Catalog
    from selfmassage.core.history import HistoryStore
    from selfmassage.core.library import Library
    from selfmassage.core.report_file import Report
    from selfmassage.core.routine import Routine
    from selfmassage.core.voice import Voice
    from selfmassage.ui.physio.client_report_window import ClientReportWindow
    from selfmassage.ui.physio.prescription_dialog import PrescriptionDialog
    from selfmassage.ui.physio.report_export_dialog import ReportExportDialog
    from selfmassage.ui.physio.routine_editor import RoutineEditor

log = logging.getLogger(__name__)


class PhysioPresenter(QObject):
    status = Signal(str, int)
    """A short message for the status bar, and how long it stays (ms)."""
    plan_progress_changed = Signal(list)
    """[(title, "2 of 3 this week")] for each prescribed plan not yet finished."""
    routine_saved = Signal(object)
    """An editor wrote a routine file (its Path): the Library may list it."""
    safety_questions_requested = Signal(str)
    """The reason to ask them now: a prescribed routine was just opened."""

    def __init__(
        self,
        window: QWidget,
        *,
        library: Callable[[], Library],
        history_store: Callable[[], HistoryStore | None],
        routines_dir: Path,
        routine_on_screen: Callable[[], Routine | None],
        window_icon: Callable[[], QIcon],
        plans_received: dict[str, str] | None = None,
        save_settings: Callable[[], None] = lambda: None,
        list_voices: Callable[[Callable[[list[Voice]], None]], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        """The Library, when asked: it is read after the window's first paint."""
        self.history_store = history_store
        """The history, when asked: it is opened after the window's first paint."""
        self.routines_dir = routines_dir
        self.routine_on_screen = routine_on_screen
        self.window_icon = window_icon
        self.plans_received = plans_received if plans_received is not None else {}
        """The settings' plan title -> ISO date it was first received (kept in place)."""
        self.save_settings = save_settings
        self.list_voices = list_voices
        """Asks the speech engine for its voices (off the GUI thread), for the editor's
        languages; called back with them, an empty list when there is no engine."""
        self.voices: list[Voice] | None = None
        self._voices_asked = False
        self.editors: list[RoutineEditor] = []
        self.report_windows: list[ClientReportWindow] = []
        self.prescription_dialog: PrescriptionDialog | None = None
        self.report_export_dialog: ReportExportDialog | None = None
        self.message: QMessageBox | None = None
        self._actions_made = False

    def _make_actions(self) -> None:
        window = self.window
        self.new_routine_action = QAction(_("&Write a routine…"), window)
        self.new_routine_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_routine_action.triggered.connect(lambda: self.open_editor())
        self.edit_routine_action = QAction(_("&Edit a routine file…"), window)
        self.edit_routine_action.triggered.connect(self._ask_routine_to_edit)
        self.open_report_action = QAction(_("Open a &client report…"), window)
        self.open_report_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_report_action.triggered.connect(self._ask_report_to_open)
        self.export_report_action = QAction(_("E&xport an adherence report…"), window)
        self.export_report_action.triggered.connect(self.ask_report_export)
        self.handout_action = QAction(_("Print a &handout of this routine…"), window)
        self.handout_action.setShortcut(QKeySequence("Ctrl+P"))
        self.handout_action.triggered.connect(self.handout_of_routine_on_screen)

    def menu_actions(self) -> list[QAction]:
        """The File menu's physio entries, in menu order; made when first asked for (the
        app adds them once the window has painted)."""
        if not self._actions_made:
            self._make_actions()
            self._actions_made = True
        return [
            self.new_routine_action,
            self.edit_routine_action,
            self.open_report_action,
            self.export_report_action,
            self.handout_action,
        ]

    # The editor --------------------------------------------------------------------------

    def open_editor(self, path: Path | None = None) -> RoutineEditor | None:
        from selfmassage.core.catalog import CatalogError, load_catalog
        from selfmassage.ui.physio.routine_editor import RoutineEditor

        try:
            catalog: Catalog | None = load_catalog()
        except CatalogError as error:
            log.warning("the editor works without the catalog: %s", error)
            catalog = None
        routine = None
        if path is not None:
            # Read before the editor exists: its message would go with it, unseen.
            from selfmassage.core.routine_file import read_routine

            result = read_routine(path)
            if result.routine is None:
                self.message = tell_file_problems(
                    self.window, path.name, "routine", result.errors, object_name="routineProblems"
                )
                return None
            routine = result.routine
        editor = RoutineEditor(catalog)
        editor.setWindowIcon(self.window_icon())
        self._give_voices(editor)
        if routine is not None:
            editor.load_routine(routine, path)
        editor.saved.connect(self._routine_saved)
        editor.handout_requested.connect(lambda routine: self.ask_handout(routine, editor))
        editor.destroyed.connect(lambda _obj=None, e=editor: _forget(self.editors, e))
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editors.append(editor)
        editor.show()
        return editor

    def _give_voices(self, editor: RoutineEditor) -> None:
        """The editor's languages: the voices are asked for with the first editor only
        (the answer may come at once, or later for every editor open then)."""
        if self.voices is None and self.list_voices is not None and not self._voices_asked:
            self._voices_asked = True
            self.list_voices(self._voices_listed)
        if self.voices is not None or self.list_voices is None:
            editor.set_voices(self.voices or [])

    def _voices_listed(self, voices: list[Voice]) -> None:
        self.voices = list(voices)
        for editor in self.editors:
            editor.set_voices(self.voices)

    def _ask_routine_to_edit(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # when asked: its type costs start-up time

        from selfmassage.ui.physio.editor_words import routine_filter

        name, _chosen = QFileDialog.getOpenFileName(
            self.window, _("Edit a routine file"), str(self.routines_dir), routine_filter()
        )
        if name:
            self.open_editor(Path(name))

    def _routine_saved(self, path: Path) -> None:
        self.routine_saved.emit(path)
        self.update_plan_progress()

    def editors_may_close(self) -> bool:
        """The main window closes only when every editor has saved or dropped its changes."""
        return all(editor.close() for editor in list(self.editors))

    # The handout -------------------------------------------------------------------------

    def ask_handout(self, routine: Routine, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QFileDialog  # when asked: its type costs start-up time

        from selfmassage.core.library import slug

        suggested = str(Path.home() / f"{slug(routine.title) or 'routine'}-handout.pdf")
        name, _chosen = QFileDialog.getSaveFileName(
            parent or self.window, _("Export handout"), suggested, pdf_filter()
        )
        if name:
            self.export_handout(routine, Path(name))

    def handout_of_routine_on_screen(self) -> None:
        routine = self.routine_on_screen()
        if routine is None or not routine.steps:
            self._tell(
                _("No routine on screen"),
                _("Build a routine or open one from the library first, then print its handout."),
            )
            return
        self.ask_handout(routine)

    def export_handout(self, routine: Routine, path: Path) -> bool:
        """Write the handout, with each step's cautions and the general ones."""
        from selfmassage.core.catalog import CatalogError, load_catalog
        from selfmassage.pdf.handout import export_handout_pdf

        try:
            catalog = load_catalog()
        except CatalogError:
            return self._write(_handout_written, path, lambda: export_handout_pdf(routine, path))
        cautions = {
            index: found
            for index, step in enumerate(routine.steps)
            if (found := catalog.cautions_for(step.technique))
        }
        return self._write(
            _handout_written,
            path,
            lambda: export_handout_pdf(routine, path, cautions, catalog.general_cautions),
        )

    # Prescribed routines -----------------------------------------------------------------

    def routine_imported(self, routine: Routine) -> None:
        """A routine someone wrote for the user: say who, show their notes, then screen."""
        from selfmassage.core.adherence import is_prescribed
        from selfmassage.ui.physio.prescription_dialog import PrescriptionDialog

        if not is_prescribed(routine):
            return
        if routine.title not in self.plans_received:
            # The report's period starts here: a plan opened today is a day old.
            self.plans_received[routine.title] = date.today().isoformat()
            self.save_settings()
        dialog = PrescriptionDialog(routine, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        reason = _("Before you start “{title}”, please check these safety questions.").format(
            title=routine.title
        )
        dialog.finished.connect(lambda _result: self.safety_questions_requested.emit(reason))
        self.prescription_dialog = dialog
        dialog.open()
        self.update_plan_progress()

    def show_notes(self, routine: Routine) -> None:
        """A prescribed routine's author, schedule and notes, read again."""
        from selfmassage.ui.physio.prescription_dialog import PrescriptionDialog

        dialog = PrescriptionDialog(routine, self.window, again=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.prescription_dialog = dialog
        dialog.open()

    def plan_progress(self, today: date | None = None) -> list[tuple[str, str]]:
        """(title, "2 of 3 this week") for each prescribed plan in the user's library."""
        from selfmassage.core.adherence import plan_session_days, week_progress

        store = self.history_store()
        found: list[tuple[str, str]] = []
        for entry in self.library().user_entries():
            routine = entry.routine
            if routine is None or routine.schedule is None:
                continue
            days = plan_session_days(store.conn, routine.title) if store is not None else []
            progress = week_progress(routine.schedule, days, today or date.today())
            if progress.state != "finished":
                found.append((routine.title, progress.label))
        return found

    def update_plan_progress(self) -> None:
        self.plan_progress_changed.emit(self.plan_progress())

    # Client reports ----------------------------------------------------------------------

    def _ask_report_to_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # when asked: its type costs start-up time

        from selfmassage.core.report_file import SUFFIX as REPORT_SUFFIX

        name, _chosen = QFileDialog.getOpenFileName(
            self.window,
            _("Open a client report"),
            "",
            ";;".join(
                (
                    _("Client reports ({pattern})").format(pattern=f"*{REPORT_SUFFIX}"),
                    _("All files ({pattern})").format(pattern="*"),
                )
            ),
        )
        if name:
            self.open_report_file(name)

    def open_report_file(self, file: str) -> ClientReportWindow | None:
        """Show a client's report in its own read-only window; the history is not touched."""
        from selfmassage.core.report_file import read_report

        # QtCharts is heavy: loaded the first time a report is shown, not at start-up.
        from selfmassage.ui.physio.client_report_window import ClientReportWindow

        path = Path(file)
        result = read_report(path)
        if result.report is None:
            self.message = tell_file_problems(
                self.window, path.name, "report", result.errors, object_name="reportProblems"
            )
            return None
        window = ClientReportWindow(result.report, path)
        window.setWindowIcon(self.window_icon())
        window.page.pdf_requested.connect(lambda report: self.ask_report_pdf(report, window))
        window.destroyed.connect(lambda _obj=None, w=window: _forget(self.report_windows, w))
        self.report_windows.append(window)
        window.show()
        if result.warnings:
            count = len(result.warnings)
            window.statusBar().showMessage(
                ngettext(
                    "{n} part this version does not know was skipped.",
                    "{n} parts this version does not know were skipped.",
                    count,
                ).format(n=count),
                10000,
            )
        return window

    def ask_report_pdf(self, report: Report, parent: QWidget) -> None:
        from PySide6.QtWidgets import QFileDialog  # when asked: its type costs start-up time

        from selfmassage.core.library import slug

        suggested = str(Path.home() / f"{slug(report.routine_title) or 'report'}-report.pdf")
        name, _chosen = QFileDialog.getSaveFileName(
            parent, _("Export report"), suggested, pdf_filter()
        )
        if not name:
            return
        from selfmassage.pdf.report import export_report_pdf

        try:
            export_report_pdf(report, Path(name))
        except OSError as error:
            self._tell(
                _("Report not written"),
                _("Could not write {file}: {reason}.").format(file=name, reason=error),
            )

    def ask_report_export(self) -> None:
        """The client's side: pick a plan and a period, write a .smreport or a PDF."""
        from selfmassage.core.adherence import routine_titles
        from selfmassage.ui.physio.report_export_dialog import ReportExportDialog

        store = self.history_store()
        if store is None:
            self._tell(_("No history"), _("There is no history to report on yet."))
            return
        titles = sorted(routine_titles(store.conn))
        if not titles:
            self._tell(_("No sessions yet"), _("Run a session of your plan first."))
            return
        dialog = ReportExportDialog(
            titles, self.window, chosen=self._plan_on_screen(titles), starts=self._starts(titles)
        )
        dialog.export_requested.connect(self.export_report)
        self.report_export_dialog = dialog
        dialog.open()

    def _plan_on_screen(self, titles: list[str]) -> str | None:
        """The routine on screen if it has sessions, else the first prescribed plan."""
        from selfmassage.core.adherence import is_prescribed

        on_screen = self.routine_on_screen()
        if on_screen is not None and on_screen.title in titles:
            return on_screen.title
        for entry in self.library().user_entries():
            routine = entry.routine
            if routine is not None and is_prescribed(routine) and routine.title in titles:
                return routine.title
        return None

    def _starts(self, titles: list[str]) -> dict[str, date]:
        from selfmassage.core.adherence import received_on, report_start

        schedules = {
            entry.routine.title: entry.routine.schedule
            for entry in self.library().user_entries()
            if entry.routine is not None
        }
        today = date.today()
        return {
            title: report_start(received, schedules.get(title), today)
            for title in titles
            if (received := received_on(self.plans_received, title)) is not None
        }

    def export_report(self, title: str, first: date, last: date, path: Path) -> bool:
        from selfmassage.core.adherence import build_report
        from selfmassage.core.report_file import write_report

        store = self.history_store()
        if store is None:
            return False
        routine = next(
            (
                entry.routine
                for entry in self.library().user_entries()
                if entry.routine is not None and entry.routine.title == title
            ),
            None,
        )
        report = build_report(
            store.conn,
            title,
            first,
            last,
            now=datetime.now().astimezone(),
            routine=routine,
            app_version=__version__,
        )
        if path.suffix.lower() == ".pdf":
            from selfmassage.pdf.report import export_report_pdf

            # In the routine's language: the physiotherapist who wrote it reads it.
            language = routine.language if routine is not None else None
            return self._write(
                _report_written, path, lambda: export_report_pdf(report, path, language)
            )
        return self._write(_report_written, path, lambda: write_report(path, report))

    def _write(self, said: Callable[[bool], str], path: Path, write: Callable[[], None]) -> bool:
        """Write a file the person asked for: say where it went, or why it did not.
        ``said(done)`` is the title of the message: what was or was not written."""
        try:
            write()
        except OSError as error:
            self._tell(
                said(False), _("Could not write {file}: {reason}.").format(file=path, reason=error)
            )
            return False
        self.status.emit(said(True).format(file=path), 8000)
        return True

    def _tell(self, title: str, text: str) -> None:
        self.message = tell(self.window, title, text)


def pdf_filter() -> str:
    # Translators: the kind of file in a save dialog; {pattern} is "*.pdf".
    return _("PDF ({pattern})").format(pattern="*.pdf")


def _handout_written(done: bool) -> str:
    """ "Handout written to {file}", or the title of the message that it was not."""
    return _("Handout written to {file}") if done else _("Handout not written")


def _report_written(done: bool) -> str:
    return _("Report written to {file}") if done else _("Report not written")


def _forget(items: list[Any], item: object) -> None:
    if item in items:
        items.remove(item)
