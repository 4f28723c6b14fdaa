"""Joins the history store to its page and dialogs, for the composition root.

It opens the history at start (check, repair, recover interrupted sessions), runs the
daily backup off the GUI thread, builds the history page the first time it is shown,
answers the page's requests with the core's queries, and records GUI sessions with the
same listener as the headless run.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from selfmassage.core.history_opened import OpenedHistory
from selfmassage.core.language import _
from selfmassage.core.session_start import SessionStart
from selfmassage.ui.dialogs import offer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from selfmassage.core.history import HistoryStore, SessionRecorder, Unfinished
    from selfmassage.core.history_recording import HistoryListener
    from selfmassage.core.session import Event, Session
    from selfmassage.ui.history.history_page import HistoryPage
    from selfmassage.ui.main_window import MainWindow
    from selfmassage.ui.session.soreness_dialogs import SorenessAfterDialog, SorenessBeforeDialog

log = logging.getLogger(__name__)

AFTER_DRAWN_MS = 50
"""How long after a session starts or ends the history waits to write its row and to ask
the after rating: the Session page is drawn first, in a turn of its own."""


class HistoryPresenter(QObject):
    problem = Signal(str)
    """Something the person must know: repaired file, recording off. Plain text."""
    resume_requested = Signal(object)
    """An Unfinished session the person chose to resume."""
    changed = Signal()
    """The history has new or fewer sessions."""
    run_again_requested = Signal(object)
    """The Routine of a session the person chose to run again."""
    backup_done = Signal(str)
    soreness_saved = Signal(object, object)
    """(before, after): place -> rating, once the after rating is kept."""
    saved_again = Signal(str)
    """The history can be written again and what waited in memory is in it now."""

    def __init__(
        self,
        window: MainWindow,
        history_file: Path,
        app_version: str,
        today: Callable[[], date] = date.today,
        *,
        open_now: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.history_file = history_file
        self.app_version = app_version
        self.today = today
        self.opened = OpenedHistory(store=None)
        self.store: HistoryStore | None = None
        self.page: HistoryPage | None = None
        self._stale = True
        self.recorder: SessionRecorder | None = None
        self._beginning: Callable[[], None] | None = None
        self.before_dialog: SorenessBeforeDialog | None = None
        self.after_dialog: SorenessAfterDialog | None = None
        self.backup_thread: threading.Thread | None = None
        self.changed.connect(self._mark_stale)
        window.stack.currentChanged.connect(self._page_shown)
        # Closing with a session only in memory (a full disk) tries once more, then asks.
        window.add_close_guard(self.may_close)
        app = QCoreApplication.instance()
        if app is not None:  # a quit that asks nothing (logout, Ctrl+C): one last try
            app.aboutToQuit.connect(self._last_try)
        self.ask_lose_unsaved: Callable[[str], bool] = self._ask_lose_unsaved
        if open_now:
            self.open()

    def open(self) -> None:
        """Open (check, repair, recover) the history file: the app does this after its
        first paint, since the check reads the whole file."""
        from selfmassage.core.history_backups import open_history

        self.opened = open_history(self.history_file, app_version=self.app_version)
        self.store = self.opened.store

    @property
    def recording_possible(self) -> bool:
        """False while sessions cannot be saved: no store, or the last recording failed."""
        return self.store is not None and (self.recorder is None or self.recorder.problem is None)

    def start_up(self) -> None:
        """After the window shows: say what happened, offer to resume, back up."""
        for message in self.opened.messages:
            self.problem.emit(message)
        self.start_backup()
        for unfinished in self.opened.unfinished:
            self.offer_resume(unfinished)

    def _reopen(self) -> HistoryStore:
        """Open the history again after trouble at start; raises while it still fails."""
        from selfmassage.core.history import HistoryUnavailableError
        from selfmassage.core.history_backups import open_history
        from selfmassage.core.history_queries import list_sessions

        opened = open_history(self.history_file, app_version=self.app_version)
        if opened.store is None:
            raise HistoryUnavailableError(" ".join(opened.messages))
        self.opened = opened
        self.store = opened.store
        for message in opened.messages:  # a repair made now is told as at start
            self.problem.emit(message)
        for unfinished in opened.unfinished:
            log.info("interrupted session %s found on reopening", unfinished.uuid)
        if self.page is not None:
            conn = opened.store.conn
            self.page.model.fetch = lambda offset, limit: list_sessions(conn, limit, offset)
            for button in (
                self.page.export_button,
                self.page.import_button,
                self.page.delete_all_button,
            ):
                button.setEnabled(True)
            self.page.tabs.show()
            self.page.empty.hide()
        QTimer.singleShot(0, self.changed.emit)
        self.start_backup()
        return opened.store

    def _saved_again(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 30000)
        self.saved_again.emit(message)
        QTimer.singleShot(0, self.changed.emit)

    def may_close(self) -> bool:
        """A close guard: False keeps the window open when a session is only in memory."""
        self.begin_recording()
        recorder = self.recorder
        if recorder is None or recorder.retry():
            return True
        return self.ask_lose_unsaved(recorder.problem or _("The history cannot be written."))

    def _last_try(self) -> None:
        self.begin_recording()
        if self.recorder is not None:
            self.recorder.retry()

    def _ask_lose_unsaved(self, problem: str) -> bool:
        from PySide6.QtWidgets import QMessageBox  # when asked: its type costs start-up time

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Session not saved"),
            _(
                "The last session is not saved in your history yet. If you close SelfMassage "
                "now, it is lost."
            ),
            parent=self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(problem)
        close = box.addButton(_("Close and lose it"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Keep SelfMassage open"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is close

    def start_backup(self) -> None:
        from selfmassage.core.history_backups import make_daily_backup

        if self.store is None:
            return
        day = self.today()

        def work() -> None:
            try:
                made = make_daily_backup(self.history_file, day)
            except Exception as error:  # a failed backup must not stop the app
                log.warning("history backup failed: %s", error)
                return
            if made is None:
                return
            # The window may have closed while the backup ran: then there is no one to tell.
            with contextlib.suppress(RuntimeError):
                self.backup_done.emit(str(made))

        # sqlite3's backup API in a thread of its own, with its own connections.
        self.backup_thread = threading.Thread(target=work, name="history-backup", daemon=True)
        self.backup_thread.start()

    def offer_resume(self, unfinished: Unfinished) -> QMessageBox:
        from selfmassage.ui.history.history_messages import interrupted

        # Not a waiting question: start-up goes on while it is open.
        return offer(
            self.window,
            _("Session interrupted"),
            interrupted(unfinished.routine_title, unfinished.started_at, unfinished.steps_done),
            _("Resume"),
            lambda: self.resume_requested.emit(unfinished),
            cancel=_("Not now"),
            more=_("Resume it from step {number}?").format(number=unfinished.next_position + 1),
            object_name="resumeSession",
        )

    # Recording a GUI session ---------------------------------------------------------

    def begin_session(
        self,
        routine_title: str,
        *,
        routine_snapshot: str,
        planned_seconds: int,
        soreness_before: Mapping[str, int],
        resume: Unfinished | None = None,
    ) -> HistoryListener | None:
        """Write the session's row; the listener it returns goes in Session.listeners.

        If the history refuses the write (a full disk, a lock), or could not be opened at
        start for such a reason, the session is kept in memory and written as soon as
        the history takes it; ``problem`` says so. None only when the history cannot be
        used at all this run (written by a newer version): the session runs unrecorded.
        """
        from selfmassage.core.history import SessionRecorder, new_draft, recording_problem

        store = self.store
        if store is None and not self.opened.trouble:
            self.problem.emit(_("This session is not being saved: the history is unavailable."))
            return None
        if resume is not None and store is not None:
            try:
                recorder = store.resume_session(resume.uuid)
            except Exception as error:  # never stop a session over its history
                self.problem.emit(recording_problem(error, self.history_file))
                return None
            return self._listening(recorder, resume)
        draft = new_draft(
            routine_title,
            started_at=store.clock() if store is not None else datetime.now(UTC),
            routine_snapshot=routine_snapshot,
            planned_seconds=planned_seconds,
            soreness_before=soreness_before,
            app_version=self.app_version,
        )
        recorder = SessionRecorder.for_draft(
            self.history_file,
            draft,
            store=store,
            reopen=self._reopen if store is None else None,
        )
        if not recorder.retry():
            self.problem.emit(recorder.problem or _("This session is not being saved just now."))
        return self._listening(recorder, None)

    def _listening(self, recorder: SessionRecorder, resume: Unfinished | None) -> HistoryListener:
        from selfmassage.core.history_recording import HistoryListener

        recorder.on_problem = self.problem.emit
        recorder.on_saved = self._saved_again
        self.recorder = recorder
        self.changed.emit()
        return HistoryListener(recorder, 0 if resume is None else resume.next_position)

    def rate_before_then(
        self,
        start: SessionStart,
        prefill: Mapping[str, int | None],
        begin: Callable[[SessionStart], object],
    ) -> SorenessBeforeDialog | None:
        """Ask the before rating (window-modal, not blocking), then ``begin`` the session
        with the ratings in its start; skipping still begins, without ratings.

        ``prefill`` (place -> rating) holds what the person just gave on the map; a place
        it does not rate starts from its latest after-rating, with its date, or blank.
        Nothing is asked when the history cannot record: ``begin`` runs at once and None
        is returned.
        """
        places = start.places
        if (self.store is None and not self.opened.trouble) or not places:
            begin(start)
            return None
        import sqlite3  # here: the first screen loads no database module

        from selfmassage.core.history_queries import latest_after
        from selfmassage.ui.session.soreness_dialogs import SorenessBeforeDialog

        values: dict[str, int | None] = {
            p: prefill[p] for p in places if prefill.get(p) is not None
        }
        since: dict[str, datetime] = {}
        earlier: dict[str, tuple[int, datetime]] = {}
        if self.store is not None:
            try:
                earlier = latest_after(self.store.conn, [p for p in places if p not in values])
            except sqlite3.Error:
                earlier = {}
        for place, (rating, when) in earlier.items():
            values[place] = rating
            since[place] = when
        dialog = SorenessBeforeDialog(places, values, self.window, since)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: begin(start.with_soreness_before(dialog.ratings())))
        dialog.open()
        self.before_dialog = dialog
        return dialog

    def ask_soreness_after(
        self, regions: Sequence[str], before: Mapping[str, int], *, stopped: bool = False
    ) -> None:
        """After the session ended: the after dialog (not blocking), saved on Save."""
        recorder = self.recorder
        if recorder is None:
            return
        from selfmassage.ui.session.soreness_dialogs import SorenessAfterDialog

        dialog = SorenessAfterDialog(regions, before, self.window, stopped=stopped)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save_after(recorder.uuid, dialog, before))
        dialog.open()
        self.after_dialog = dialog

    def _save_after(
        self, session_uuid: str, dialog: SorenessAfterDialog, before: Mapping[str, int]
    ) -> None:
        from selfmassage.core.history import recording_problem

        recorder = self.recorder
        if recorder is not None and recorder.uuid == session_uuid:
            # Written with the rest of the session, or kept with it until it can be.
            recorder.save_after(
                soreness_after=dialog.ratings(), feeling=dialog.feeling(), notes=dialog.notes()
            )
            self.soreness_saved.emit(dict(before), dialog.ratings())
            self.changed.emit()
            return
        if self.store is None:
            return
        try:
            self.store.save_after(
                session_uuid,
                soreness_after=dialog.ratings(),
                feeling=dialog.feeling(),
                notes=dialog.notes(),
            )
        except Exception as error:  # a refused write is a message
            self.problem.emit(recording_problem(error, self.history_file))
        else:
            self.soreness_saved.emit(dict(before), dialog.ratings())
        self.changed.emit()

    def session_hook(self) -> Callable[[Session, SessionStart], None]:
        """A hook for SessionController.session_hooks: record the session as it runs,
        with the before rating of its start, and ask the after rating."""

        def hook(session: Session, start: SessionStart) -> None:
            # Here, not above: the hook is made at start-up, the first session comes later.
            from selfmassage.core.routine_file import dump_routine
            from selfmassage.core.session import Finished, SessionState
            from selfmassage.core.soreness import routine_places

            routine = session.timeline.routine
            regions = routine_places(routine.steps)
            before = dict(start.soreness_before)
            # The session's row is written a moment later (AFTER_DRAWN_MS): not in the
            # turn that starts the session, nor with the next, which draws the Session
            # page. What the session does meanwhile waits here and is written right
            # after, in order.
            heard: list[Event] = []
            listeners: list[Callable[[Event], None]] = []

            def hear(event: Event) -> None:
                if listeners:
                    for listener in listeners:
                        listener(event)
                else:
                    heard.append(event)

            def after(event: Event) -> None:
                if isinstance(event, Finished):
                    # Not inside the engine's tick, nor with the summary's first paint.
                    QTimer.singleShot(AFTER_DRAWN_MS, self, self.changed.emit)  # its end
                    stopped = event.state is SessionState.STOPPED
                    QTimer.singleShot(
                        AFTER_DRAWN_MS,
                        self,
                        lambda: self.ask_soreness_after(regions, before, stopped=stopped),
                    )

            def begin() -> None:
                listener = self.begin_session(
                    routine.title,
                    routine_snapshot=dump_routine(routine).decode("utf-8"),
                    planned_seconds=int(session.timeline.total_seconds),
                    soreness_before=before,
                    resume=start.resume,
                )
                if listener is not None:
                    listeners.extend((listener, after))
                else:
                    listeners.append(lambda _event: None)
                for event in heard:
                    hear(event)
                heard.clear()

            session.listeners.append(hear)
            self.begin_recording()  # a session started in the same turn: its row first
            self._beginning = begin
            QTimer.singleShot(AFTER_DRAWN_MS, self, self.begin_recording)

        return hook

    def begin_recording(self) -> None:
        """Write the row of the session that just started, if not written yet (the hook
        leaves it to the next turn of the event loop; call it to write it now)."""
        begin, self._beginning = self._beginning, None
        if begin is not None:
            begin()

    def session_to_resume(self, unfinished: Unfinished) -> SessionStart | None:
        """The rest of an interrupted session's routine, from its snapshot, recorded into
        the interrupted session; None if unusable."""
        from selfmassage.core.routine_file import parse_routine

        result = parse_routine(unfinished.routine_snapshot.encode("utf-8"))
        routine = result.routine
        if routine is None or unfinished.next_position >= len(routine.steps):
            self.problem.emit(_("That session cannot be resumed: its routine was not kept."))
            return None
        rest = replace(routine, steps=routine.steps[unfinished.next_position :])
        return SessionStart(rest, resume=unfinished)

    def sore_for_weeks(self) -> list[str]:
        """Places rated sore (6 of 10 or more) in every session for two weeks: worth a
        clinician's look. Empty when the history cannot tell."""
        store = self.store
        if store is None:
            return []
        import sqlite3

        from selfmassage.core.lasting_soreness import lasting_soreness

        try:
            return [found.place for found in lasting_soreness(store.conn, store.clock())]
        except sqlite3.Error as error:  # a damaged file: the summary goes without the nudge
            log.warning("cannot read soreness for the aftercare: %s", error)
            return []

    # The page ------------------------------------------------------------------------

    def _mark_stale(self) -> None:
        self._stale = True
        if self.page is not None and self.page.isVisible():
            self.refresh()

    def _page_shown(self, _index: int) -> None:
        if self.window.current_page_key() != "history":
            return
        if self.page is None:
            self.build_page()
        elif self._stale:
            self.refresh()

    def build_page(self) -> HistoryPage:
        from selfmassage.core.history_queries import list_sessions
        from selfmassage.ui.history.history_page import HistoryPage

        page = HistoryPage()
        page.session_selected.connect(self._show_session)
        page.region_chosen.connect(self._show_region)
        page.export_requested.connect(self.export)
        page.import_requested.connect(self.import_file)
        page.delete_requested.connect(self.delete_session)
        page.run_again_requested.connect(self.run_again)
        page.delete_all_requested.connect(self.delete_all)
        if self.store is not None:
            conn = self.store.conn
            page.model.fetch = lambda offset, limit: list_sessions(conn, limit, offset)
        self.page = page
        self._stale = True
        self.window.set_page("history", page)  # may show it, and so refresh it, already
        if self._stale:
            self.refresh()
        return page

    def refresh(self) -> None:
        from selfmassage.core.history_queries import overview

        if self.page is None:
            return
        from selfmassage.ui.history.history_page import WEEKS_SHOWN

        self._stale = False
        if self.store is None:
            reason = " ".join(self.opened.messages) or _("The history is unavailable.")
            self.page.empty.setText(reason)
            self.page.tabs.hide()
            self.page.empty.show()
            for button in (
                self.page.export_button,
                self.page.import_button,
                self.page.delete_all_button,
            ):
                button.setEnabled(False)
            return
        self.page.show_overview(overview(self.store.conn, self.today(), weeks=WEEKS_SHOWN))

    def _show_session(self, session_uuid: str) -> None:
        from selfmassage.core.history_queries import session_detail

        if self.page is not None and self.store is not None:
            self.page.show_detail(session_detail(self.store.conn, session_uuid))

    def _show_region(self, region_id: str) -> None:
        from selfmassage.core.history_queries import soreness_over_time

        if self.page is not None and self.store is not None:
            self.page.show_soreness(region_id, soreness_over_time(self.store.conn, region_id))

    def export(self, kind: str, path: str) -> None:
        from selfmassage.core.history_export import export_csv, export_json
        from selfmassage.ui.history.history_messages import (
            exported_csv,
            exported_json,
            not_written,
        )

        if self.store is None or self.page is None:
            return
        target = Path(path)
        try:
            if kind == "json":
                text = exported_json(export_json(self.store, target), target)
            else:
                text = exported_csv(*export_csv(self.store, target))
        except OSError as error:
            self.page.tell(_("Export failed"), not_written(target, error.strerror), True)
            return
        self.page.tell(_("History exported"), text)

    def import_file(self, path: str) -> None:
        from selfmassage.core.history_export import HistoryImportError, import_json
        from selfmassage.ui.history.history_messages import imported

        if self.store is None or self.page is None:
            return
        try:
            result = import_json(self.store, Path(path))
        except HistoryImportError as error:
            self.page.tell(_("Import failed"), str(error), True)
            return
        except Exception as error:  # a refused write is a message
            self.page.tell(
                _("Import failed"),
                _("The history could not be written: {reason}.").format(reason=error),
                True,
            )
            return
        self.changed.emit()
        self.page.tell(_("History imported"), imported(result.added, result.already_there))

    def run_again(self, session_uuid: str) -> None:
        """Ask for a past session's routine, from the snapshot it was recorded with."""
        from selfmassage.core.history_queries import session_detail
        from selfmassage.core.routine_file import parse_routine

        detail = None if self.store is None else session_detail(self.store.conn, session_uuid)
        snapshot = detail.routine_snapshot if detail is not None else ""
        routine = parse_routine(snapshot.encode("utf-8")).routine if snapshot else None
        if routine is None or not routine.steps:
            self.problem.emit(_("That session's routine was not kept, so it cannot run again."))
            return
        self.run_again_requested.emit(routine)

    def delete_session(self, session_uuid: str) -> None:
        if self.store is not None:
            self.store.delete_session(session_uuid)
            self.changed.emit()

    def delete_all(self) -> None:
        """Everything goes, the backups too: deleted means gone from this computer."""
        from selfmassage.core.history_backups import remove_backups

        if self.store is not None:
            self.store.delete_all()
            remove_backups(self.history_file)
            self.changed.emit()
