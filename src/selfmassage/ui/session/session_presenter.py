"""The Session page's presenter: a session starts from one SessionStart and runs here.

The controller (the engine on the GUI thread's clock) exists from the start; the page
is made ahead, in slices (one per turn of the event loop), once a session is near: the
Routine page is shown. Made at Start, it froze the window for the first frames of the
session. Start from the Routine page and "run again" from History ask the before
rating first; a resumed session goes straight on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from selfmassage.core.language import _
from selfmassage.core.session_start import SessionStart
from selfmassage.ui.session.session_controller import SessionController
from selfmassage.ui.widgets.slices import Slices

PrepareVoice = Callable[[list[str], str | None, Callable[[str], None]], None]
"""(the first step's spoken texts, the routine's language, called back with "" or why not)"""

if TYPE_CHECKING:
    from selfmassage.core.catalog import Catalog
    from selfmassage.core.routine import Pacing, Routine, Step
    from selfmassage.core.settings import Settings
    from selfmassage.core.timeline import CueOptions, Timeline
    from selfmassage.ui.history.history_presenter import HistoryPresenter
    from selfmassage.ui.main_window import MainWindow
    from selfmassage.ui.session.session_page import SessionPage

log = logging.getLogger(__name__)


class SessionPresenter(QObject):
    done = Signal()
    """The person closed the summary: back to the routine."""

    def __init__(
        self,
        window: MainWindow,
        settings: Settings,
        catalog: Callable[[], Catalog | None],
        routine_on_screen: Callable[[], Routine | None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.catalog = catalog
        self.routine_on_screen = routine_on_screen
        """The routine on the Routine page: its first step's picture is drawn ahead."""
        self.controller = SessionController(parent=window)
        self._page: SessionPage | None = None
        self._slices = Slices(self)
        self._drawn_ahead = False
        self._first_part = Slices(self)
        """The running view filled in and laid out while the voice gets ready."""
        self._in_start = False
        self.prepare_voice: PrepareVoice | None = None
        """Makes the first step's cues into sound before a session starts (the voice's
        presenter); without it a session starts at once."""
        self.cancel_voice: Callable[[], None] = lambda: None
        self.waiting: tuple[Timeline, SessionStart] | None = None
        """The session that starts once its first cues can be heard."""
        self.sore_places: Callable[[], Sequence[str]] = tuple
        """Places that have stayed sore for two weeks (the history's), for the summary."""
        window.stack.currentChanged.connect(self._page_shown)
        window.add_close_guard(self.may_close)

    @property
    def page(self) -> SessionPage:
        # Needed now: made as it is needed, without the layout and drawing done ahead.
        self._slices.cancel()
        return self._make_page()

    def prepare(self) -> None:
        """Make the page ahead, a slice per turn of the event loop, so that Start only
        fills it in: its modules, the page, its first layout and drawing, and the
        picture of the routine's first step."""
        if self._slices.pending or self.controller.is_active:
            return
        if self._page is None:
            self._slices.add(
                (_import_engine, _import_page, self._make_page, self._lay_out, _import_rating)
            )
        self._slices.add((self._draw_first_picture,))

    @property
    def prepared(self) -> bool:
        """True once the page is made and nothing more is waiting to be done ahead."""
        return self._page is not None and not self._slices.pending

    def _first_step(self) -> Step | None:
        routine = self.routine_on_screen()
        return routine.steps[0] if routine is not None and routine.steps else None

    def _lay_out(self) -> None:
        size = self.window.stack.contentsRect().size()
        from selfmassage.ui.session.page_ahead import lay_out_ahead

        lay_out_ahead(self._make_page(), size, self._first_step())

    def _draw_first_picture(self) -> None:
        page = self._make_page()
        if not self._drawn_ahead:
            self._drawn_ahead = True
            from selfmassage.ui.session.page_ahead import draw_ahead

            draw_ahead(page)  # the first time: all of the running view, with its picture
        else:
            page.illustration.prepare(self._first_step())

    def _make_page(self) -> SessionPage:
        if self._page is None:
            from selfmassage.ui.desktop.freed_memory import give_back_freed, give_large_blocks_back
            from selfmassage.ui.session.session_page import SessionPage

            # A session draws and frees large pictures part after part: each is given
            # back as it is freed, and what start-up left free is given back now.
            give_large_blocks_back()
            give_back_freed()
            self._page = page = SessionPage()
            catalog = self.catalog()
            if catalog is not None:
                page.step_cautions = lambda step: catalog.cautions_for(step.technique)
                page.general_cautions = catalog.general_cautions
            controller = self.controller
            controller.session_started.connect(page.show_session)
            controller.segment_started.connect(page.show_segment)
            controller.progress.connect(page.show_progress)
            controller.cue_text.connect(page.show_cue)
            controller.state_changed.connect(page.show_state)
            controller.muted_changed.connect(page.show_muted)
            controller.finished.connect(page.show_summary)
            controller.finished.connect(lambda _finished: self.show_aftercare())
            page.pause_toggle_requested.connect(controller.toggle_pause)
            page.next_requested.connect(controller.next_step)
            page.previous_requested.connect(controller.previous_step)
            page.restart_requested.connect(controller.restart_step)
            page.add_time_requested.connect(controller.add_time)
            page.mute_toggle_requested.connect(controller.toggle_mute)
            page.stop_requested.connect(controller.stop)
            page.again_requested.connect(self.run_again)
            from selfmassage.speech.sound_output import SoundOutputWatch

            self.sound_watch = SoundOutputWatch(page.show_sound_problem, page)
            page.done_requested.connect(self.done)
            page.preparing.start_requested.connect(self._start_waiting)
            page.preparing.back_requested.connect(self._call_off)
            self.window.set_page("session", page)
        return self._page

    def _page_shown(self, _index: int) -> None:
        key = self.window.current_page_key()
        if self._page is None and key == "session":
            _ = self.page
        elif key == "routine":
            self.prepare()

    # Starting ------------------------------------------------------------------------

    def _pacing_and_options(self) -> tuple[Pacing, CueOptions]:
        from selfmassage.core.breathing import BreathSound
        from selfmassage.core.timeline import options_from_settings

        s = self.settings
        pacing, options = options_from_settings(
            s.cue_level, s.countdown_style, s.transition_seconds, s.voice_rate
        )
        return pacing, replace(options, breath=BreathSound.of(s.breath_sound))

    def pacing(self) -> Pacing:
        """The pacing a session would have now: the Routine page and the Library total
        a routine with it, so their times are the session's."""
        return self._pacing_and_options()[0]

    def start(self, start: SessionStart) -> bool:
        """Run a session on the Session page, with the person's pacing and cue settings."""
        from selfmassage.core.aftercare import with_aftercare
        from selfmassage.core.timeline import build_timeline

        if not start.routine.steps:
            return False
        if self.controller.is_active and not self.ask(
            _("Start a new session?"),
            _("A session is running. Stop it and start this routine instead?"),
            _("Stop and start"),
        ):
            return False
        self.controller.stop()  # the new one may wait for its voice a moment
        pacing, options = self._pacing_and_options()
        catalog = self.catalog()
        timeline = with_aftercare(
            build_timeline(start.routine, pacing, options, catalog.get if catalog else None)
        )
        page = self.page  # it follows the controller from the first event on
        self.window.show_page("session")
        self.waiting = (timeline, start)
        if self.prepare_voice is None:
            self._start_waiting()
            return True
        from selfmassage.ui.session.first_cues import first_step_texts

        # Start waits until the first step's cues can be heard (often at once: they are
        # made already, or nothing is spoken); the page says so meanwhile.
        page.show_preparing(start.routine.title)
        self._in_start = True
        try:
            self.prepare_voice(
                first_step_texts(timeline), start.routine.language, self._voice_ready
            )
        finally:
            self._in_start = False
        if self.waiting is not None:  # not started at once: the first part is shown ahead
            from selfmassage.ui.session import page_ahead

            self._first_part.cancel()
            self._first_part.add(
                (
                    lambda: page_ahead.show_first_part_ahead(page, timeline),
                    lambda: page_ahead.lay_out_running_ahead(page),
                )
            )
        return True

    def _voice_ready(self, problem: str) -> None:
        if self.waiting is None:
            return
        if problem:
            self.page.show_start_problem(problem)
        elif self._in_start:
            self._start_waiting()  # ready at once: nothing to wait for
        else:
            # The first part shown, then the session started, each in a turn of its own
            # (each asks for a layout and a paint), after the first part is filled in.
            self._first_part.add((self._show_first_part, self._start_waiting))

    def _show_first_part(self) -> None:
        if self.waiting is not None:
            self.window.show_page("session")
            self.page.show_session(self.waiting[0])

    def _start_waiting(self) -> None:
        waiting, self.waiting = self.waiting, None
        if waiting is not None:
            timeline, start = waiting
            self.window.show_page("session")  # also if the person looked elsewhere meanwhile
            self.controller.start(timeline, start)

    def _call_off(self) -> None:
        """Back to the routine from "Preparing the voice…": nothing starts."""
        self.waiting = None
        self._first_part.cancel()
        self.cancel_voice()
        self.page.show_idle()
        self.done.emit()

    def start_routine(self, routine: Routine) -> bool:
        """Start a routine with no before rating (tests, the command line's twin)."""
        return self.start(SessionStart(routine))

    def rate_then_start(
        self,
        routine: Routine,
        history: HistoryPresenter,
        prefill: Mapping[str, int | None],
    ) -> None:
        """Start as the Routine page's Start does: the before rating first."""
        history.rate_before_then(SessionStart(routine), prefill, self.start)

    def run_again(self) -> None:
        timeline = self.controller.timeline
        if timeline is not None:
            self.controller.start(timeline)

    def language(self) -> str | None:
        """The language of the routine in play, if a session is on."""
        timeline = self.controller.timeline if self.controller.is_active else None
        return timeline.routine.language if timeline else None

    def show_soreness(self, before: Mapping[str, int], after: Mapping[str, int]) -> None:
        self.page.show_soreness(before, after)
        self.show_aftercare()  # the after rating may be what completes two sore weeks

    def show_aftercare(self) -> None:
        """Under the summary: ask a clinician about places that have stayed sore."""
        from selfmassage.core.aftercare import ask_a_clinician

        if self._page is not None:
            self._page.summary.show_clinician(ask_a_clinician(self.sore_places()))

    def show_voice_problem(self, reason: str) -> None:
        self.page.show_voice_problem(reason)

    def show_voice_note(self, text: str) -> None:
        if text or self._page is not None:  # no page made only to take nothing away
            self.page.show_voice_note(text)

    # Closing -------------------------------------------------------------------------

    def ask(self, title: str, text: str, accept: str) -> bool:
        """A question about the session in play, asked by its page."""
        return self.page.ask(title, text, accept)

    def may_close(self) -> bool:
        """Closing mid-session asks first; the session waits, paused, for the answer."""
        if self.waiting is not None:
            self.waiting = None  # not started yet: nothing to keep
            self.cancel_voice()
        controller = self.controller
        if not controller.is_active:
            return True
        was_running = controller.state is not None and controller.state.value == "running"
        controller.pause()
        if self.ask(
            _("Stop the session and close?"),
            _(
                "A session is running. Stop it and close SelfMassage? "
                "The steps you have done so far are kept."
            ),
            _("Stop and close"),
        ):
            controller.stop()
            return True
        if was_running:
            controller.resume()
        return False


def _import_engine() -> None:
    import selfmassage.core.session
    import selfmassage.core.timeline  # noqa: F401 - loaded ahead, not used here


def _import_page() -> None:
    import selfmassage.ui.session.session_page  # noqa: F401 - loaded ahead, not used here


def _import_rating() -> None:
    # The after rating opens as the summary shows, and the summary asks which places
    # stay sore: their modules are loaded ahead.
    import selfmassage.core.lasting_soreness
    import selfmassage.ui.session.soreness_dialogs  # noqa: F401 - not used here
