"""The composition root: creates the app's long-lived objects and connects them.

Nothing else in the app creates long-lived objects or connects one part to another.
Each task has a presenter (home, routine, session, voice, safety, library, history,
physio) that makes its page the first time it is needed; here they are made and
wired, at once. The work that reads files (the history's check, the Library's
listing) waits until the window has painted: ``start_up``. Start-up steps around this
(logging, the single instance, the event loop, the exit) are in ``launch``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from selfmassage import __version__
from selfmassage.core.file_kinds import REPORT_SUFFIX, ROUTINE_SUFFIX
from selfmassage.core.language import _
from selfmassage.core.paths import AppPaths
from selfmassage.core.session_start import SessionStart
from selfmassage.core.settings import Settings, SettingsStore
from selfmassage.ui import dialogs
from selfmassage.ui.breathing.breathing_presenter import BreathingPresenter
from selfmassage.ui.history.history_presenter import HistoryPresenter
from selfmassage.ui.home.home_presenter import HomePresenter
from selfmassage.ui.language.start import chosen_language, use_language
from selfmassage.ui.library.library_presenter import LibraryPresenter
from selfmassage.ui.main_window import MainWindow
from selfmassage.ui.physio.physio_presenter import PhysioPresenter
from selfmassage.ui.physio.plan_progress import PlanProgressLabel
from selfmassage.ui.reminders.reminders_presenter import RemindersPresenter
from selfmassage.ui.routine.routine_presenter import RoutinePresenter
from selfmassage.ui.safety.safety_presenter import SafetyPresenter
from selfmassage.ui.session.session_presenter import SessionPresenter
from selfmassage.ui.session.voice_presenter import VoicePresenter
from selfmassage.ui.theme import ThemeMenu, app_icon, apply_theme, follow_system_theme
from selfmassage.ui.widgets.about_box import show_about
from selfmassage.ui.widgets.problem_label import ProblemLabel

if TYPE_CHECKING:
    from collections.abc import Callable

    from selfmassage.core.builder import BuildRequest
    from selfmassage.core.history import Unfinished
    from selfmassage.core.routine import Routine
    from selfmassage.ui.desktop.file_open import FileOpenFilter
    from selfmassage.ui.desktop.single_instance import SingleInstance

log = logging.getLogger(__name__)


class SelfMassageApp:
    """Owns every long-lived object of one run of the app and wires them together."""

    def __init__(
        self, paths: AppPaths, theme: str | None = None, *, defer_start_up: bool = False
    ) -> None:
        self.paths = paths
        qt_app = QApplication.instance()
        assert isinstance(qt_app, QApplication), "create the QApplication first"
        self.qt_app = qt_app
        self.settings_store = SettingsStore(paths.settings_file)
        self.settings: Settings = self.settings_store.load()
        use_language(chosen_language(self.settings), qt_app)
        apply_theme(qt_app, theme or self.settings.theme)
        follow_system_theme(qt_app)
        self.window = window = MainWindow()
        if qt_app.windowIcon().isNull():  # launch sets it for every window
            window.setWindowIcon(app_icon())
        window.about_requested.connect(lambda: show_about(window, app_icon(), paths.data))
        window.closed.connect(self.save_settings)
        window.restore_saved_geometry(self.settings.window_geometry)
        self.single_instance: SingleInstance | None = None
        self.file_open_filter: FileOpenFilter | None = None
        self.started_up = False

        save = self.save_settings_now
        self.home = HomePresenter(window, self.settings, save, lambda: self.safety.current())
        self.routine = RoutinePresenter(window, paths.routines_dir)
        self.session = SessionPresenter(
            window, self.settings, self.routine.catalog, self.routine.routine
        )
        self.voice = VoicePresenter(
            window, self.settings, save, paths.cache, self._language_in_play
        )
        self.safety = SafetyPresenter(
            window, self.settings, save, self.routine.routine, self.routine.catalog
        )
        self.library = LibraryPresenter(window, paths.routines_dir)
        self.history = HistoryPresenter(window, paths.history_file, __version__, open_now=False)
        self.physio = PhysioPresenter(
            window,
            library=lambda: self.library.routines,
            history_store=lambda: self.history.store,
            routines_dir=paths.routines_dir,
            routine_on_screen=self.routine.routine,
            window_icon=app_icon,
            plans_received=self.settings.plans_received,
            save_settings=save,
            list_voices=self.voice.voices_then,
        )
        self.reminders = RemindersPresenter(
            window,
            self.settings,
            save,
            library=lambda: self.library.routines,
            history_store=lambda: self.history.store,
            session_active=lambda: self.session.controller.is_active,
            icon=app_icon,
        )
        self.home.page.set_today_widget(self.reminders.card)
        self.breathing = BreathingPresenter(
            window, self.home.page, self.settings, save, self.session.start
        )
        self.theme_menu: ThemeMenu | None = None
        self._theme = theme or self.settings.theme
        self._wire_status_bar()
        self.use_file_open_events()
        self._wire_routines()
        self._wire_sessions()
        self._wire_reminders()
        qt_app.aboutToQuit.connect(self.voice.close)
        self.home.set_cautions(self.safety.flagged())
        if not defer_start_up:
            self.finish_start_up()

    # Wiring ----------------------------------------------------------------------------

    def _wire_menus(self) -> None:
        window = self.window
        self.theme_menu = ThemeMenu(self.qt_app, window.theme_menu, self._theme, self._save_theme)
        from selfmassage.ui.language.language_menu import LanguageMenu

        self.language_menu = LanguageMenu(
            window, self.settings, self.save_settings_now, self.reminders, self.single_instance
        )
        file_menu = next(
            menu
            for menu in window.menuBar().findChildren(QMenu)
            if window.quit_action in menu.actions()
        )
        actions = file_menu.actions()
        after_open = actions[actions.index(window.open_action) + 1]
        for action in self.physio.menu_actions():
            file_menu.insertAction(after_open, action)
        window.add_close_guard(self.physio.editors_may_close)
        # Above Quit: the menu bar keeps to three menus.
        file_menu.insertAction(window.quit_action, self.safety.action)
        file_menu.insertAction(window.quit_action, self.voice.action)
        file_menu.insertAction(window.quit_action, self.reminders.action)
        file_menu.insertSeparator(window.quit_action)
        window.help_menu.insertAction(window.about_action, self.safety.help_action)

    def _wire_status_bar(self) -> None:
        status = self.window.statusBar()
        status.addPermanentWidget(self.safety.label)
        self.history_banner = ProblemLabel()  # plain text, red on either theme
        self.history_banner.setAccessibleName(_("History problem"))
        self.history_banner.hide()
        status.addPermanentWidget(self.history_banner)
        self.plan_progress_label = PlanProgressLabel()
        status.addPermanentWidget(self.plan_progress_label)
        self.history.problem.connect(self._show_history_problem)
        self.history.saved_again.connect(lambda _message: self.history_banner.hide())
        self.physio.status.connect(status.showMessage)
        self.physio.plan_progress_changed.connect(self.plan_progress_label.set_progress)
        self.physio.plan_progress_changed.connect(
            lambda progress: self.library.set_plan_progress(dict(progress))
        )

    def _wire_routines(self) -> None:
        """Build, open, save: the Home page, the Library and files to the Routine page."""
        home, routine, library = self.home, self.routine, self.library
        home.build_requested.connect(self.build_routine)
        home.page.selection_changed.connect(lambda _selection: routine.prepare())
        routine.refused.connect(home.show_refusal)
        routine.built.connect(home.clear_refusal)
        routine.catalog_broken.connect(home.disable_build)
        routine.routine_changed.connect(self.safety.update_cautions)
        routine.saved.connect(lambda path: library.refresh(select=path))
        library.open_requested.connect(routine.show)
        library.owned_tools = home.options.tools
        library.pacing = routine.pacing = self.session.pacing
        self.voice.saved.connect(routine.follow_pacing)
        self.voice.saved.connect(library.follow_pacing)
        library.imported.connect(self.physio.routine_imported)
        self.window.open_routine_requested.connect(library.open_file)
        self.physio.routine_saved.connect(lambda _path: library.refresh())
        self.physio.safety_questions_requested.connect(self.safety.ask)
        self.safety.flagged_changed.connect(home.set_cautions)

    def _wire_sessions(self) -> None:
        """Start, run, speak and record a session."""
        session, voice, history = self.session, self.voice, self.history
        controller = session.controller
        self.routine.start_requested.connect(self.rate_then_start)
        history.run_again_requested.connect(
            lambda routine: self.session.rate_then_start(routine, self.history, {})
        )
        history.resume_requested.connect(self._resume)
        session.done.connect(lambda: self.window.show_page("routine"))
        controller.session_hooks.append(history.session_hook())
        session.prepare_voice, session.cancel_voice = voice.prepare_first, voice.cancel_first
        controller.session_started.connect(
            lambda timeline: voice.speak_session(timeline.routine.language)
        )
        controller.cue_sounds.connect(voice.play)  # early by the output's latency
        controller.sound_lead = voice.sound_lead
        controller.state_changed.connect(voice.follow_session)
        controller.jumped.connect(voice.stop)
        controller.muted_changed.connect(voice.set_muted)
        controller.upcoming_texts.connect(voice.prepare)
        voice.voice_unavailable.connect(session.show_voice_problem)
        voice.language_unvoiced.connect(session.show_voice_note)
        history.changed.connect(self.physio.update_plan_progress)
        history.soreness_saved.connect(session.show_soreness)
        session.sore_places = history.sore_for_weeks

    def _wire_reminders(self) -> None:
        """Reminders, the tray and the Today card; the routine one was on."""
        reminders, history = self.reminders, self.history
        reminders.start_requested.connect(self.rate_then_start)
        reminders.build_requested.connect(lambda: self.build_routine())
        history.changed.connect(reminders.history_changed)
        self.library.imported.connect(reminders.plan_opened)
        self.physio.routine_saved.connect(lambda _path: reminders.refresh())
        self.routine.saved.connect(lambda _path: reminders.refresh())
        self.routine.notes_requested.connect(self.physio.show_notes)

    # Start-up --------------------------------------------------------------------------

    def finish_start_up(self) -> None:
        """Read what the first screen does not need: the history (checked, repaired),
        the catalog, the plans, all at once."""
        for step in self.start_up_steps():
            step()

    def start_up_steps(self) -> list[Callable[[], object]]:
        """What ``finish_start_up`` does, in order, as steps: ``launch`` runs one per turn
        of the event loop after the first paint, so that a key pressed meanwhile waits
        for one step at most. Empty once asked for."""
        if self.started_up:
            return []
        self.started_up = True
        return [
            self.history.open,  # first: a session must not start before it can be saved
            self._wire_menus,  # the File menu's other entries: not on the first screen
            self.use_file_drops,  # a file cannot be dropped on a window not yet painted
            self.routine.catalog,
            self.physio.update_plan_progress,
            self.reminders.start,
            self._show_active_plan,
            self._history_start_up_if_shown,
        ]

    def _show_active_plan(self) -> None:
        """After a restart the Routine page shows the plan one is on."""
        plan = self.reminders.active_plan_routine()
        if plan is not None:
            self.routine.show_plan(plan)

    def _history_start_up_if_shown(self) -> None:
        if self.window.isVisible():
            self._show_history_start_up()

    def show(self) -> None:
        self.window.show()
        # The first thing to do is pick places: the map has the focus, so the arrow keys
        # work at once (and no option button wears a focus frame it was never given).
        self.home.page.body_map.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.started_up:
            self._show_history_start_up()
        for problem in self.settings_store.problems:
            self.window.statusBar().showMessage(problem, 15000)

    def _show_history_start_up(self) -> None:
        """Say what the history's start found (repairs, recording off), offer to resume."""
        for message in self.history.opened.messages:
            dialogs.tell(self.window, _("History"), message)
        self.history.start_up()

    # What the wiring calls -------------------------------------------------------------

    def build_routine(self, request: BuildRequest | None = None) -> bool:
        """Build and show a routine from the Home page (or ``request``)."""
        return self.routine.build(request or self.home.request())

    def rate_then_start(self, routine: Routine) -> None:
        """Check the routine against the safety answers, then ask the before rating: the
        map's ratings prefill only the routine built from it; other places start from
        their latest after-rating."""
        checked = self.safety.checked(routine)
        if checked is not None:
            prefill = self.home.soreness_by_place() if self.routine.from_home else {}
            self.session.rate_then_start(checked, self.history, prefill)

    def start_session(self, routine: Routine) -> bool:
        """Start a routine at once, without the before rating."""
        return self.session.start(SessionStart(routine))

    def _resume(self, unfinished: Unfinished) -> None:
        start = self.history.session_to_resume(unfinished)
        if start is not None:
            self.session.start(start)

    def _language_in_play(self) -> str | None:
        """The language of the routine in play or on screen, to offer its voices first."""
        return self.session.language() or self.routine.language()

    def _show_history_problem(self, message: str) -> None:
        import html  # here, not at the top: html.entities costs start-up time

        self.window.statusBar().showMessage(message, 30000)
        # The banner stays while sessions cannot be saved; a repaired file only informs.
        if not self.history.recording_possible:
            self.history_banner.setText(_("History: not recording"))
            self.history_banner.setToolTip(f"<p>{html.escape(message)}</p>")
            self.history_banner.show()

    # Files from outside ----------------------------------------------------------------

    def use_single_instance(self, instance: SingleInstance) -> None:
        """Files another start hands over open here, by the same path as File > Open."""
        self.single_instance = instance
        instance.files_received.connect(self._files_handed_over)

    def use_file_open_events(self) -> None:
        """macOS hands files opened in the Finder to the app as QEvent.FileOpen."""
        from selfmassage.ui.desktop.file_open import SYSTEM_SENDS_FILE_OPEN, FileOpenFilter

        if not SYSTEM_SENDS_FILE_OPEN:
            return  # a filter on the application sees every event: only where needed
        self.file_open_filter = FileOpenFilter(self.window)  # goes when the window goes
        self.file_open_filter.file_open_requested.connect(lambda path: self.open_files([path]))
        self.qt_app.installEventFilter(self.file_open_filter)

    def use_file_drops(self) -> None:
        """Routines and client reports dropped on the window open as File > Open would."""
        from selfmassage.ui.desktop.file_drop import FileDropFilter

        self.file_drop = FileDropFilter((ROUTINE_SUFFIX, REPORT_SUFFIX), self.window)
        self.file_drop.install(self.window)
        self.file_drop.files_dropped.connect(self.open_files)

    def _files_handed_over(self, files: list[str]) -> None:
        self.window.setWindowState(
            (self.window.windowState() & ~Qt.WindowState.WindowMinimized)
            | Qt.WindowState.WindowActive
        )
        self.window.raise_()
        self.window.activateWindow()
        self.open_files(files)

    def open_files(self, files: list[str]) -> None:
        """Open files given on the command line, handed over, or dropped on the window."""
        self.finish_start_up()  # macOS may hand files over before the first paint
        for file in files:
            log.info("opening %s", file)
            if Path(file).suffix.lower() == REPORT_SUFFIX:
                self.physio.open_report_file(file)
            else:
                self.window.open_routine_requested.emit(file)

    # Settings, about, shutting down ----------------------------------------------------

    def save_settings_now(self) -> None:
        """Save the settings; a failed save is said in the status bar."""
        if not self.settings_store.save(self.settings):
            self.window.statusBar().showMessage(self.settings_store.problems[-1], 15000)

    def _save_theme(self, theme: str) -> None:
        self.settings.theme = theme
        self.save_settings_now()

    def save_settings(self) -> None:
        self.settings.window_geometry = self.window.saved_geometry()
        self.settings_store.save(self.settings)

    def shut_down(self) -> None:
        """Close what holds files or sockets open, before the process ends."""
        if self.single_instance is not None:
            self.single_instance.close()
        if self.history.store is not None:
            self.history.store.close()
