"""The composition root: builds the objects, wires their signals, runs the event loop.

Nothing else in the app creates long-lived objects or connects one part to another.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
)

from selfmassage import __version__
from selfmassage.core.assets import asset_path
from selfmassage.core.bodymap_cache import use_cache_folder
from selfmassage.core.paths import AppPaths, app_paths
from selfmassage.core.safety import Screening, flagged_regions, routine_cautions
from selfmassage.core.selection import Selection, places_from_keys
from selfmassage.core.settings import Settings, SettingsStore
from selfmassage.logs import setup_logging
from selfmassage.ui.desktop.crash_reporter import CrashReporter
from selfmassage.ui.desktop.file_open import SYSTEM_SENDS_FILE_OPEN, FileOpenFilter
from selfmassage.ui.home.home_page import HomePage
from selfmassage.ui.main_window import MainWindow
from selfmassage.ui.safety.caution_label import CautionLabel
from selfmassage.ui.theme import apply_theme, follow_system_theme

if TYPE_CHECKING:
    from selfmassage.core.builder import BuildRequest, Choice
    from selfmassage.core.library import (
        LibraryEntry,
    )
    from selfmassage.core.routine import Routine
    from selfmassage.core.timeline import TechniqueLookup
    from selfmassage.core.voice import VoiceSettings
    from selfmassage.ui.desktop.single_instance import SingleInstance
    from selfmassage.ui.physio.client_report_window import ClientReportWindow
    from selfmassage.ui.safety.safety_dialog import SafetyDialog
    from selfmassage.ui.session.voice_settings import VoiceSettingsDialog

log = logging.getLogger(__name__)

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(asset_path("icons", "png", f"selfmassage-{size}.png")))
    return icon


class FirstPaint(QObject):
    """Runs a function once, right after the watched window has painted for the first time."""

    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class SelfMassageApp:
    """Owns every long-lived object of one run of the app and wires them together."""

    def __init__(
        self, paths: AppPaths, theme: str | None = None, *, defer_start_up: bool = False
    ) -> None:
        self.paths = paths
        self.qt_app = QApplication.instance()
        assert isinstance(self.qt_app, QApplication), "create the QApplication first"
        self.settings_store = SettingsStore(paths.settings_file)
        self.settings: Settings = self.settings_store.load()
        apply_theme(self.qt_app, theme or self.settings.theme)
        follow_system_theme(self.qt_app)

        self.window = MainWindow()
        if self.qt_app.windowIcon().isNull():  # run_app sets it for every window
            self.window.setWindowIcon(app_icon())
        self.window.about_requested.connect(self.show_about)
        self.window.closed.connect(self.save_settings)
        self.window.restore_saved_geometry(self.settings.window_geometry)
        # What the first screen shows is wired now; the rest in finish_start_up().
        self._wire_body_map()
        self._wire_routine_options()
        self._wire_safety()
        self._wire_file_open_event()
        self.started_up = False
        if not defer_start_up:
            self.finish_start_up()

    def finish_start_up(self) -> None:
        """Wire the pages the person does not see at first: library, session, history,
        physio tools and speech. run_app defers this until the window has painted once,
        so the body map appears without waiting for them."""
        if self.started_up:
            return
        self.started_up = True
        self._wire_routine_preview()
        self._wire_library()
        self._wire_session()
        self._wire_history()
        self._wire_physio()
        self._wire_speech()  # last: it connects to the session parts when they exist
        if self.window.isVisible():
            self._show_history_start_up()

    def _wire_body_map(self) -> None:
        """The home page: body map and selection list; avoid marks persist in the settings."""
        self.home_page = HomePage()
        avoided, unknown = places_from_keys(self.settings.avoided)
        if unknown:
            log.warning("ignoring unknown places to avoid in the settings: %s", unknown)
        self.home_page.set_selection(Selection(avoided=avoided))

        def remember_avoided(selection: Selection) -> None:
            keys = selection.avoided_keys
            if keys != self.settings.avoided:
                self.settings.avoided = keys
                if not self.settings_store.save(self.settings):
                    self.window.statusBar().showMessage(self.settings_store.problems[-1], 15000)

        self.home_page.selection_changed.connect(remember_avoided)
        self.window.set_page("home", self.home_page)

    def _wire_routine_options(self) -> None:
        """The routine options beside the body map; they live in the settings, and Build
        (Ctrl+B) turns the home page's selection and the options into a routine."""
        from selfmassage.core.routine_options import Intensity
        from selfmassage.core.tools import Tool
        from selfmassage.ui.home.options_panel import RoutineOptions

        self.routine_options = options = RoutineOptions()
        s = self.settings
        tools = {Tool(value) for value in s.routine_tools if value in set(Tool)}
        budget = s.routine_budget_minutes or None
        intensity = (
            Intensity(s.routine_intensity)
            if s.routine_intensity in set(Intensity)
            else Intensity.STANDARD
        )
        options.set_values(tools, budget, intensity)
        options.options_changed.connect(self._remember_routine_options)
        options.build_requested.connect(self.build_routine)
        options.choice_chosen.connect(self._routine_choice_chosen)
        home = getattr(self, "home_page", None)
        if home is not None:
            home.set_options_widget(options)

    def _wire_routine_preview(self) -> None:
        """The technique catalog and the preview page that shows what Build made.

        Wired after the first paint: the catalog and the preview are not on the first
        screen. Start is wired by the session; Save as… writes a routine file into the
        user's routines, where the Library lists it.
        """
        from selfmassage.core.catalog import Catalog, CatalogError, load_catalog
        from selfmassage.ui.routine.routine_page import RoutinePage

        try:
            self.catalog = load_catalog()
        except CatalogError as error:
            log.error("the technique catalog is broken: %s", error)
            self.catalog = None
            build_button = self.routine_options.build_button
            build_button.setEnabled(False)
            build_button.setToolTip(
                "The technique catalog of this installation is damaged: reinstall the app."
            )
        self.routine_page = preview = RoutinePage(self.catalog or Catalog(()))
        self.window.set_page("routine", preview)
        preview.save_requested.connect(self.save_routine_as)
        preview.back_requested.connect(lambda: self.window.show_page("home"))
        preview.routine_changed.connect(lambda _routine: self.update_cautions())
        self.window.add_close_guard(self._routine_close_guard)

    def _remember_routine_options(self) -> None:
        options = self.routine_options
        self.settings.routine_tools = [tool.value for tool in sorted(options.tools())]
        self.settings.routine_budget_minutes = options.budget_minutes() or 0
        self.settings.routine_intensity = options.intensity().value
        if not self.settings_store.save(self.settings):
            self.window.statusBar().showMessage(self.settings_store.problems[-1], 15000)

    def routine_request(self) -> BuildRequest:
        """What the home page and the options ask for, with the user's pacing."""
        from selfmassage.core.builder import BuildRequest
        from selfmassage.core.routine import Pacing

        home = getattr(self, "home_page", None)
        options = self.routine_options
        return BuildRequest(
            selection=home.selection if home is not None else Selection(),
            tools=options.tools(),
            budget_minutes=options.budget_minutes(),
            intensity=options.intensity(),
            pacing=Pacing(transition_seconds=self.settings.transition_seconds),
        )

    def build_routine(self, request: BuildRequest | None = None) -> bool:
        """Build and show a routine; False if refused or if the user keeps their edits."""
        from selfmassage.core.builder import Refusal, build_routine

        self.finish_start_up()  # the catalog and the preview page, if not yet there
        if self.catalog is None:
            return False
        request = request or self.routine_request()
        result = build_routine(request, self.catalog)
        if isinstance(result, Refusal):
            self.routine_options.show_refusal(result)
            return False
        self.routine_options.clear_refusal()
        if self.routine_page.is_edited() and not self._confirm(
            "Replace the routine?",
            "You changed the routine on the Routine page and did not save it. "
            "Replace it with the new one?",
            "Replace",
        ):
            return False
        self.routine_page.set_routine(
            result.routine, request.pacing, request.budget_minutes, result.notes
        )
        self.window.show_page("routine")
        return True

    def _routine_choice_chosen(self, choice: Choice) -> None:
        if choice.request.budget_minutes != self.routine_options.budget_minutes():
            # "Take 20 minutes": the options show it and remember it.
            self.routine_options.set_budget(choice.request.budget_minutes)
            self._remember_routine_options()
        self.build_routine(choice.request)

    def save_routine_as(self, routine: Routine) -> Path | None:
        """Ask where, write the routine file, and list it in the Library if it went there."""
        from PySide6.QtWidgets import QFileDialog

        from selfmassage.core.routine_file import RoutineFileError, write_routine
        from selfmassage.ui.main_window import ROUTINE_FILE_FILTER

        folder = self.paths.routines_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("cannot make the routines folder: %s", error)
        name = "".join(c if c.isalnum() or c in " -_" else " " for c in routine.title)
        suggested = folder / f"{' '.join(name.split())[:60] or 'Routine'}.smroutine"
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Save routine as", str(suggested), ROUTINE_FILE_FILTER
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".smroutine")
        try:
            write_routine(path, routine)
        except (OSError, RoutineFileError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self._plain_message("Could not save the routine", f"{path}:\n{reason}")
            return None
        self.routine_page.mark_saved()
        self.window.statusBar().showMessage(f"Saved “{routine.title}” to {path}", 8000)
        refresh = getattr(self, "refresh_library", None)
        if callable(refresh):
            refresh(select=path)
        return path

    def _routine_close_guard(self) -> bool:
        if not self.routine_page.is_edited():
            return True
        return self._confirm(
            "Close without saving the routine?",
            "You changed the routine on the Routine page and did not save it. "
            "Close SelfMassage anyway?",
            "Close",
        )

    def _confirm(self, title: str, text: str, accept: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, "", parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def _plain_message(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, "", parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.exec()

    def _wire_safety(self) -> None:
        """Safety screening: asked on first run, on opening a prescribed routine, and from
        File > Safety questions; the answers live in the settings."""
        self.screening = Screening.from_stored(self.settings.safety_answers)
        self.safety_dialog: SafetyDialog | None = None
        self.safety_action = QAction("&Safety questions…", self.window)
        self.safety_action.setToolTip("Answer or change the safety questions")
        self.safety_action.triggered.connect(lambda: self.ask_safety_questions())
        # In the File menu, above Quit: the foundation keeps the menu bar to three menus.
        file_menu = next(
            menu
            for menu in self.window.menuBar().findChildren(QMenu)
            if self.window.quit_action in menu.actions()
        )
        file_menu.insertAction(self.window.quit_action, self.safety_action)
        # Flagged regions, and steps of the routine on screen that need care, stay in view.
        self.caution_label = CautionLabel()
        self.window.statusBar().addPermanentWidget(self.caution_label)
        self.window.stack.currentChanged.connect(lambda _index: self.update_cautions())
        self.screening_changed()

    def update_cautions(self) -> None:
        # Any preview will do, as long as it can say which routine it shows.
        current = getattr(getattr(self, "routine_page", None), "routine", None)
        routine = current() if callable(current) else None
        warnings = routine_cautions(routine.steps, self.screening) if routine else {}
        self.caution_label.set_cautions(self.screening, warnings)

    def ask_safety_questions(self, reason: str = "") -> SafetyDialog:
        """Open the screening (window-modal, not blocking); Save stores the answers."""
        from selfmassage.ui.safety.safety_dialog import SafetyDialog

        if self.safety_dialog is not None:
            self.safety_dialog.raise_()
            self.safety_dialog.activateWindow()
            return self.safety_dialog
        dialog = SafetyDialog(self.screening, self.window, reason=reason)
        dialog.accepted.connect(lambda: self._save_screening(dialog.screening()))
        dialog.finished.connect(lambda _result: self._forget_safety_dialog())
        self.safety_dialog = dialog
        dialog.open()
        return dialog

    def ask_safety_if_first_run(self) -> None:
        if not self.settings.safety_screened_on:
            self.ask_safety_questions()

    def _save_screening(self, screening: Screening) -> None:
        self.screening = screening
        self.settings.safety_answers = screening.to_stored()
        self.settings.safety_screened_on = date.today().isoformat()
        self.settings_store.save(self.settings)
        self.screening_changed()

    def screening_changed(self) -> None:
        """Tell the widgets that show cautions; each does so only once it exists."""
        self.update_cautions()
        home = getattr(self, "home_page", None)
        body_map = getattr(home, "body_map", None)
        if body_map is not None:
            body_map.set_cautions(flagged_regions(self.screening))

    def _forget_safety_dialog(self) -> None:
        if self.safety_dialog is not None:
            self.safety_dialog.deleteLater()
        self.safety_dialog = None

    def _wire_speech(self) -> None:
        """Spoken cues: the Speaker, File > Voice and cues…, and the session's cues.

        The speech engine starts on first use and QtMultimedia loads with the first
        sound, so neither slows the start-up.
        """
        from selfmassage.speech.speaker import Speaker

        self.speaker = Speaker(self.paths.cache, self.voice_settings().options, parent=self.window)
        self.qt_app.aboutToQuit.connect(self.speaker.close)
        self.voice_dialog: VoiceSettingsDialog | None = None
        self.voice_action = QAction("&Voice and cues…", self.window)
        self.voice_action.setToolTip("Choose the voice, its speed and volume, and which cues sound")
        self.voice_action.triggered.connect(
            lambda: self.show_voice_settings(self._routine_language())
        )
        file_menu = next(
            menu
            for menu in self.window.menuBar().findChildren(QMenu)
            if self.window.quit_action in menu.actions()
        )
        file_menu.insertAction(self.window.quit_action, self.voice_action)
        file_menu.insertSeparator(self.window.quit_action)

        controller = getattr(self, "session_controller", None)
        if controller is not None:
            controller.cue_due.connect(self.speaker.play_timeline_cue)
            # The engine and QtMultimedia load once a session is near (its routine or
            # player page is shown), so the first cue does not wait for them.
            controller.session_started.connect(
                lambda timeline: self._speak_session(timeline.routine.language)
            )
            self.window.stack.currentChanged.connect(self._warm_up_speech_near_a_session)
        session_page = getattr(self, "session_page", None)
        if session_page is not None and hasattr(session_page, "show_voice_problem"):
            self.speaker.voice_unavailable.connect(session_page.show_voice_problem)
        else:
            self.speaker.voice_unavailable.connect(
                lambda reason: self.window.statusBar().showMessage(
                    f"Voice unavailable: {reason}", 15000
                )
            )

    def _routine_language(self) -> str | None:
        """The language of the routine in play or in preview, to offer its voices first."""
        timeline = self.session_controller.timeline if self.session_controller.is_active else None
        preview = getattr(self, "routine_page", None)
        routine = timeline.routine if timeline else preview.routine() if preview else None
        return routine.language if routine else None

    def _speak_session(self, language: str | None) -> None:
        # Before the first cue: the routine's language may call for another voice.
        self.speaker.set_language(language)
        self.speaker.warm_up()

    def _warm_up_speech_near_a_session(self, _index: int) -> None:
        if self.window.current_page_key() in ("routine", "session"):
            self.speaker.warm_up()

    def voice_settings(self) -> VoiceSettings:
        """The voice and cue settings, checked (the timeline takes ``.cues`` from them)."""
        from selfmassage.core.voice import VoiceSettings

        s = self.settings
        return VoiceSettings(
            voice=s.voice,
            rate=s.voice_rate,
            volume=s.voice_volume,
            cue_level=s.cue_level,
            countdown=s.countdown_style,
            transition_seconds=s.transition_seconds,
        ).checked()

    def show_voice_settings(self, language: str | None = None) -> VoiceSettingsDialog:
        """Open File > Voice and cues… (window-modal, not blocking); OK saves and applies."""
        from selfmassage.ui.session.voice_settings import VoiceSettingsDialog

        if self.voice_dialog is not None:
            self.voice_dialog.raise_()
            self.voice_dialog.activateWindow()
            return self.voice_dialog
        dialog = VoiceSettingsDialog(self.voice_settings(), language, self.window)
        dialog.test_requested.connect(self.speaker.test_voice)
        self.speaker.voices_listed.connect(dialog.set_voices)
        self.speaker.voice_unavailable.connect(dialog.set_voice_problem)
        if not self.speaker.available:
            dialog.set_voice_problem(self.speaker.reason)
        dialog.accepted.connect(lambda: self._save_voice_settings(dialog.voice_settings()))
        dialog.finished.connect(lambda _result: self._forget_voice_dialog(dialog))
        self.voice_dialog = dialog
        dialog.open()
        self.speaker.request_voices()
        return dialog

    def _save_voice_settings(self, voice: VoiceSettings) -> None:
        self.settings.voice = voice.voice
        self.settings.voice_rate = voice.rate
        self.settings.voice_volume = voice.volume
        self.settings.cue_level = voice.cue_level
        self.settings.countdown_style = voice.countdown
        self.settings.transition_seconds = voice.transition_seconds
        self.settings_store.save(self.settings)

    def _forget_voice_dialog(self, dialog: VoiceSettingsDialog) -> None:
        # Cancel undoes a volume the Test button tried; OK's values are in the settings.
        self.speaker.apply(self.voice_settings().options)
        self.speaker.voices_listed.disconnect(dialog.set_voices)
        self.speaker.voice_unavailable.disconnect(dialog.set_voice_problem)
        dialog.deleteLater()
        self.voice_dialog = None

    def _wire_library(self) -> None:
        """The Library page, and the one way a routine file opens.

        File > Open, a file dropped on the window, ``selfmassage FILE`` and a file handed
        over by a second start all come to ``open_routine_file``: a good file is copied
        into the user's routines and shown; a broken one gets a plain-text message that
        lists its errors, and nothing changes. Opening emits the Library page's
        ``open_requested(Routine)``, which the preview page shows.
        """
        from selfmassage.core.library import Library
        from selfmassage.core.report_file import SUFFIX as REPORT_SUFFIX
        from selfmassage.core.routine_file import SUFFIX as ROUTINE_SUFFIX
        from selfmassage.ui.desktop.file_drop import FileDropFilter
        from selfmassage.ui.library.library_page import LibraryPage

        self.library = Library(self.paths.routines_dir)
        self.library_page = LibraryPage()
        self.window.set_page("library", self.library_page)
        self.library_page.open_requested.connect(self._routine_opened)
        self.library_page.duplicate_requested.connect(self._duplicate_routine)
        self.library_page.delete_requested.connect(self._delete_routine)
        self.library_page.import_requested.connect(self.open_routine_file)
        self.library_page.refresh_requested.connect(lambda: self.refresh_library())
        self.window.open_routine_requested.connect(self.open_routine_file)
        # Routines and client reports alike: open_files sends each down its own road.
        self.file_drop = FileDropFilter((ROUTINE_SUFFIX, REPORT_SUFFIX), self.window)
        self.file_drop.install(self.window)
        self.file_drop.files_dropped.connect(self.open_files)
        self.refresh_library()

    def refresh_library(self, select: Path | None = None) -> None:
        self.library_page.set_entries(self.library.entries(), select)

    def open_routine_file(self, file: str) -> LibraryEntry | None:
        from selfmassage.core.library import ImportRefusedError, LibraryError
        from selfmassage.ui.library.library_page import routine_problems_box

        path = Path(file)
        try:
            entry = self.library.import_file(path)
        except ImportRefusedError as error:
            log.warning("cannot open %s: %s", path, "; ".join(map(str, error.errors)))
            self.routine_problems = routine_problems_box(self.window, path.name, error.errors)
            self.routine_problems.open()
            return None
        except LibraryError as error:
            self._library_message(str(error))
            return None
        self.refresh_library(select=entry.path)
        if entry.result.warnings:
            count = len(entry.result.warnings)
            self.window.statusBar().showMessage(
                f"{path.name}: {count} part{'s' if count != 1 else ''} this version of the "
                "app does not know were skipped.",
                10000,
            )
        assert entry.routine is not None
        self.library_page.open_requested.emit(entry.routine)
        self.physio.routine_imported(entry.routine)
        return entry

    def _routine_opened(self, routine: Routine) -> None:
        from selfmassage.ui.library.library_page import ask_plain

        preview = getattr(self, "routine_page", None)
        if preview is not None and hasattr(preview, "show_routine"):
            edited = getattr(preview, "is_edited", None)
            if (
                callable(edited)
                and edited()
                and not ask_plain(
                    self.window,
                    "Replace the routine?",
                    "You changed the routine on the Routine page and did not save it. "
                    f"Replace it with “{routine.title}”?",
                    "Replace",
                )
            ):
                return
            preview.show_routine(routine)
            self.window.show_page("routine")
        self.window.statusBar().showMessage(f"Opened “{routine.title}”", 5000)

    def _duplicate_routine(self, entry: LibraryEntry) -> None:
        from selfmassage.core.library import LibraryError

        try:
            copy = self.library.duplicate(entry)
        except LibraryError as error:
            self._library_message(str(error))
            return
        self.refresh_library(select=copy.path)
        self.window.statusBar().showMessage(f"Made “{copy.title}”", 5000)

    def _delete_routine(self, entry: LibraryEntry) -> None:
        from selfmassage.core.library import LibraryError

        try:
            self.library.delete(entry)
        except LibraryError as error:
            self._library_message(str(error))
            return
        self.refresh_library()
        self.window.statusBar().showMessage(f"Deleted “{entry.title}”", 5000)

    def _library_message(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "Routines", "", parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.library_message = box
        box.open()

    def _wire_session(self) -> None:
        """The Session page: the preview's Start runs a session on the player page.

        ``self.session_controller`` and ``self.session_page`` are what the speech and the
        history wiring connect to. The speaker is made later, so it is looked up late.
        """
        from selfmassage.ui.session.session_controller import SessionController
        from selfmassage.ui.session.session_page import SessionPage

        self.session_controller = controller = SessionController(parent=self.window)
        self.session_page = page = SessionPage()
        self.window.set_page("session", page)
        controller.session_started.connect(page.show_session)
        controller.segment_started.connect(page.show_segment)
        controller.progress.connect(page.show_progress)
        controller.cue_text.connect(page.show_cue)
        controller.state_changed.connect(page.show_state)
        controller.muted_changed.connect(page.show_muted)
        controller.finished.connect(page.show_summary)
        page.pause_toggle_requested.connect(controller.toggle_pause)
        page.next_requested.connect(controller.next_step)
        page.previous_requested.connect(controller.previous_step)
        page.restart_requested.connect(controller.restart_step)
        page.add_time_requested.connect(controller.add_time)
        page.mute_toggle_requested.connect(controller.toggle_mute)
        page.stop_requested.connect(controller.stop)
        page.again_requested.connect(self._run_session_again)
        page.done_requested.connect(lambda: self.window.show_page("routine"))
        controller.state_changed.connect(self._speaker_follows_session)
        controller.jumped.connect(lambda: self._speaker_call("stop"))
        controller.muted_changed.connect(lambda muted: self._speaker_call("set_muted", muted))
        controller.upcoming_texts.connect(lambda texts: self._speaker_call("prepare_all", texts))
        self.window.add_close_guard(self._session_close_guard)
        preview = getattr(self, "routine_page", None)
        if preview is not None:
            preview.start_requested.connect(self.start_session)

    def start_session(self, routine: Routine) -> bool:
        """Run a routine on the player page, with the user's pacing and cue settings."""
        from selfmassage.core.timeline import build_timeline, options_from_settings

        if not routine.steps:
            return False
        if self.session_controller.is_active and not self.session_page.ask(
            "Start a new session?",
            "A session is running. Stop it and start this routine instead?",
            "Stop and start",
        ):
            return False
        s = self.settings
        pacing, options = options_from_settings(
            s.cue_level, s.countdown_style, s.transition_seconds
        )
        timeline = build_timeline(routine, pacing, options, self._technique_lines())
        self.window.show_page("session")
        self.session_controller.start(timeline)
        return True

    def _technique_lines(self) -> TechniqueLookup | None:
        catalog = getattr(self, "catalog", None)
        if catalog is None:
            from selfmassage.core.catalog import CatalogError, load_catalog

            try:
                catalog = self.catalog = load_catalog()
            except (CatalogError, OSError) as error:
                log.warning("cues without the catalog's lines: %s", error)
                return None
        lookup: TechniqueLookup = catalog.get
        return lookup

    def _run_session_again(self) -> None:
        timeline = self.session_controller.timeline
        if timeline is not None:
            self.session_controller.start(timeline)

    def _speaker_call(self, name: str, *args: object) -> None:
        method = getattr(getattr(self, "speaker", None), name, None)
        if callable(method):
            method(*args)

    def _speaker_follows_session(self, state: str) -> None:
        actions = {"paused": "pause", "running": "resume", "stopped": "stop"}
        if state in actions:
            self._speaker_call(actions[state])

    def _session_close_guard(self) -> bool:
        """Closing mid-session asks first; the session waits, paused, for the answer."""
        controller = self.session_controller
        if not controller.is_active:
            return True
        was_running = controller.state is not None and controller.state.value == "running"
        controller.pause()
        if self.session_page.ask(
            "Stop the session and close?",
            "A session is running. Stop it and close SelfMassage? "
            "The steps you have done so far are kept.",
            "Stop and close",
        ):
            controller.stop()
            return True
        if was_running:
            controller.resume()
        return False

    def _wire_history(self) -> None:
        """The history: opened (checked, repaired) now, its page built on first show,
        every session recorded through the session controller's hook, before and after
        ratings asked around it, and problems shown in a banner that stays."""
        from selfmassage.ui.history.history_presenter import HistoryPresenter
        from selfmassage.ui.widgets.problem_label import ProblemLabel

        self.history = HistoryPresenter(self.window, self.paths.history_file, __version__)
        self.history_banner = ProblemLabel()  # plain text, red on either theme
        self.history_banner.setAccessibleName("History problem")
        self.history_banner.hide()
        self.window.statusBar().addPermanentWidget(self.history_banner)
        self.history.problem.connect(self._show_history_problem)
        self.history.resume_requested.connect(self._resume_session)
        controller = getattr(self, "session_controller", None)
        if controller is not None:
            controller.session_hooks.append(self.history.session_hook())
        # The preview's Start asks the before rating first; other starts (run again,
        # resume, tests) go straight to start_session.
        preview = getattr(self, "routine_page", None)
        if preview is not None and controller is not None:
            preview.start_requested.disconnect(self.start_session)
            preview.start_requested.connect(self._rate_then_start)
        if controller is not None:
            # History's "Run this routine again" starts as the Routine page's Start does.
            self.history.run_again_requested.connect(self._rate_then_start)

    def _rate_then_start(self, routine: Routine) -> None:
        regions = list(dict.fromkeys(step.region for step in routine.steps))
        self.history.rate_before_then(
            regions, self._soreness_by_region(), lambda: self.start_session(routine)
        )

    def _soreness_by_region(self) -> dict[str, int | None]:
        """The body map's soreness per region (the highest side), to prefill the rating."""
        home = getattr(self, "home_page", None)
        if home is None:
            return {}
        levels: dict[str, int | None] = {}
        for place, level in home.selection.soreness.items():
            old = levels.get(place.region_id)
            levels[place.region_id] = level if old is None else max(old, level or 0)
        return levels

    def _show_history_problem(self, message: str) -> None:
        import html  # here, not at the top: html.entities costs start-up time

        self.window.statusBar().showMessage(message, 30000)
        # The banner stays while sessions cannot be saved; a repaired file only informs.
        if not self.history.recording_possible:
            self.history_banner.setText("History: not recording")
            self.history_banner.setToolTip(f"<p>{html.escape(message)}</p>")
            self.history_banner.show()

    def _resume_session(self, unfinished: object) -> None:
        routine = self.history.routine_to_resume(unfinished)  # type: ignore[arg-type]
        start = getattr(self, "start_session", None)
        if routine is not None and start is not None:
            start(routine)

    def _wire_physio(self) -> None:
        """For physiotherapists and their clients: the routine editor and its handout,
        prescribed routines (who wrote them, safety questions, plan progress), and client
        reports, read-only in their own windows, never touching this user's history.

        ``self.physio`` does all that; here its actions go in the File menu and its
        signals to the status bar, the Library and the safety questions."""
        from selfmassage.ui.physio.physio_presenter import PhysioPresenter
        from selfmassage.ui.physio.plan_progress import PlanProgressLabel

        self.physio = physio = PhysioPresenter(
            self.window,
            library=self.library,
            history_store=self.history.store,
            routines_dir=self.paths.routines_dir,
            routine_on_screen=self.routine_page.routine,
            window_icon=app_icon,
        )
        file_menu = next(
            menu
            for menu in self.window.menuBar().findChildren(QMenu)
            if self.window.quit_action in menu.actions()
        )
        before = self.window.open_action
        actions = file_menu.actions()
        after_open = actions[actions.index(before) + 1] if before in actions[:-1] else None
        for action in physio.menu_actions():
            file_menu.insertAction(after_open, action)
        self.window.add_close_guard(physio.editors_may_close)
        physio.status.connect(self.window.statusBar().showMessage)
        physio.routine_saved.connect(lambda _path: self.refresh_library())
        physio.safety_questions_requested.connect(self.ask_safety_questions)

        self.plan_progress_label = PlanProgressLabel()
        self.window.statusBar().addPermanentWidget(self.plan_progress_label)
        physio.plan_progress_changed.connect(self.plan_progress_label.set_progress)
        physio.plan_progress_changed.connect(
            lambda progress: self.library_page.set_plan_progress(dict(progress))
        )
        self.history.changed.connect(physio.update_plan_progress)
        physio.update_plan_progress()

    def open_report_file(self, file: str) -> ClientReportWindow | None:
        """For open_files: a client's report opens in its own window."""
        return self.physio.open_report_file(file)

    def _wire_file_open_event(self) -> None:
        """macOS hands files opened in the Finder to the app as QEvent.FileOpen.

        Only there: a filter on the application sees every event of every widget, which
        costs start-up time and stalls on systems that never send FileOpen."""
        if not SYSTEM_SENDS_FILE_OPEN:
            return
        self.file_open_filter = FileOpenFilter(self.window)  # goes when the window goes
        self.file_open_filter.file_open_requested.connect(lambda path: self.open_files([path]))
        self.qt_app.installEventFilter(self.file_open_filter)

    def _wire_single_instance(self, instance: SingleInstance) -> None:
        """Files another start hands over open here, by the same path as File > Open."""
        self.single_instance = instance
        instance.files_received.connect(self._files_handed_over)

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
        from selfmassage.core.report_file import SUFFIX as REPORT_SUFFIX

        # macOS hands over files at launch, possibly before the first paint: the parts
        # that open them must exist by then.
        self.finish_start_up()
        for file in files:
            log.info("opening %s", file)
            if Path(file).suffix.lower() == REPORT_SUFFIX:
                self.open_report_file(file)
            else:
                self.window.open_routine_requested.emit(file)

    def show(self) -> None:
        self.window.show()
        # The first thing to do is pick places: the map has the focus, so the arrow keys
        # work at once (and no option button wears a focus frame it was never given).
        self.home_page.body_map.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.started_up:
            self._show_history_start_up()
        for problem in self.settings_store.problems:
            self.window.statusBar().showMessage(problem, 15000)

    def _show_history_start_up(self) -> None:
        """Say what the history's start found (repairs, recording off), offer to resume."""
        from PySide6.QtWidgets import QMessageBox

        for message in self.history.opened.messages:
            box = QMessageBox(QMessageBox.Icon.Warning, "History", message, parent=self.window)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
        self.history.start_up()

    def save_settings(self) -> None:
        self.settings.window_geometry = self.window.saved_geometry()
        self.settings_store.save(self.settings)

    def shut_down(self) -> None:
        """Close what holds files or sockets open, before the process ends."""
        instance = getattr(self, "single_instance", None)
        if instance is not None:
            instance.close()
        store = getattr(getattr(self, "history", None), "store", None)
        if store is not None:
            store.close()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.window)
        box.setWindowTitle("About SelfMassage")
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"SelfMassage {__version__}")
        box.setInformativeText(
            "Guided self-massage: pick the sore muscles, get a timed routine, "
            "and follow the voice.\n\n"
            "Your data stays on this computer, in:\n"
            f"{self.paths.data}"
        )
        box.exec()


def run_app(args: argparse.Namespace) -> NoReturn:
    """Open the main window and run until it closes; never returns (see _leave)."""
    paths = app_paths()
    setup_logging(paths, verbose=args.verbose)
    try:
        paths.ensure()
    except OSError as error:
        log.error("cannot create the data folders: %s", error)
    log.info("SelfMassage %s starting", __version__)
    use_cache_folder(paths.cache)  # the body map's drawings, ready-made after the first run

    qt_app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("SelfMassage")
    qt_app.setOrganizationName("SelfMassage")
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName("selfmassage")
    qt_app.setWindowIcon(app_icon())
    CrashReporter(paths.log_file).install()

    instance: SingleInstance | None = None
    if not args.exit_after_startup:
        # A smoke test must start its own window, never hand over to a running one.
        from selfmassage.ui.desktop.single_instance import SingleInstance, server_name

        instance = SingleInstance(server_name(paths.data), paths.cache)
        if not instance.claim(list(args.files)):
            _leave(0)

    app = SelfMassageApp(paths, theme=args.theme, defer_start_up=True)
    if instance is not None:
        app._wire_single_instance(instance)
    files = list(args.files)

    def after_first_paint() -> None:
        now = time.monotonic()
        log.info(
            "first paint %.0f ms after the command line started (monotonic clock %.4f s)",
            (now - getattr(args, "started", now)) * 1000,
            now,
        )
        if args.exit_after_startup:
            # The figure start-up benchmarks and smoke tests want: a painted window.
            log.info("first paint done; exiting as asked")
            QApplication.quit()
            return
        app.finish_start_up()
        collect_garbage_from_now_on()
        from selfmassage.ui.desktop.quit_signals import quit_on_signals

        quit_on_signals(quit_now, app.window)
        app.ask_safety_if_first_run()
        if files:
            app.open_files(files)

    def quit_now(signal_name: str) -> None:
        # A logout or Ctrl+C: no questions. The history has every step already, and a
        # session left running is offered for resuming at the next start.
        log.info("asked to quit by %s", signal_name)
        app.save_settings()
        QApplication.quit()

    app.window.installEventFilter(FirstPaint(app.window, after_first_paint))
    app.show()
    # A window that starts minimized may not paint for a long while: collect anyway.
    QTimer.singleShot(5000, collect_garbage_from_now_on)
    status = qt_app.exec()
    log.info("SelfMassage exiting with status %s", status)
    app.shut_down()
    _leave(status)


def collect_garbage_from_now_on() -> None:
    """The command line turns Python's cycle collector off while the window is built
    (start-up makes many objects and no garbage worth a pass); turn it back on, and
    set aside what start-up made so later passes need not walk it again."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()


def _leave(status: int) -> NoReturn:
    """End the process now that everything is saved and closed.

    Python's and Qt's own teardown (every module and widget freed one by one) takes
    longer than starting did, and can only go wrong: the settings, the history and the
    log are already safe on disk, so the process ends without it.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)
