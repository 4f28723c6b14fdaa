"""The session player: what to do now, a countdown readable from the floor, and controls.

The page shows what the session controller reports and forwards the person's intent
as signals; it keeps no session state of its own beyond what it last drew. Every text
that comes from a routine file is shown as plain text.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHideEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.anatomy import RegionSide, Side
from selfmassage.core.language import _, ngettext
from selfmassage.core.routine import Step
from selfmassage.core.session import Finished, Progress, SegmentStarted, SessionState
from selfmassage.core.shown_text import for_window
from selfmassage.core.timeline import SegmentKind, Timeline, step_title
from selfmassage.core.words import clock_readout
from selfmassage.ui.breathing.pacer import BreathPacer
from selfmassage.ui.dialogs import ask
from selfmassage.ui.session import session_words as words
from selfmassage.ui.session.kept_map import KeptMap, place_of
from selfmassage.ui.session.progress_bars import SteadyBar
from selfmassage.ui.session.session_summary import SessionSummary, plain, scaled
from selfmassage.ui.session.start_panel import StartPanel
from selfmassage.ui.widgets.banner import warning_banner
from selfmassage.ui.widgets.fitted_label import FittedLabel
from selfmassage.ui.widgets.illustration import IllustrationView

ADD_SECONDS = 30
PREPARE_AFTER_MS = 250
"""How long after a part starts the next part's picture is drawn (a part lasts seconds)."""


class SessionPage(QWidget):
    """The Session page. Signals carry intent; ``show_*`` slots draw state."""

    pause_toggle_requested = Signal()
    next_requested = Signal()
    previous_requested = Signal()
    restart_requested = Signal()
    add_time_requested = Signal(int)
    mute_toggle_requested = Signal()
    stop_requested = Signal()
    """After the person confirmed."""
    again_requested = Signal()
    done_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerPage")
        self.setAccessibleName(_("Session player"))
        self.timeline: Timeline | None = None
        self.state: SessionState | None = None
        self._last_remaining: int | None = None
        self._place: RegionSide | None = None

        self.banner = warning_banner("voiceBanner", _("Voice problem"))
        self.sound_banner = warning_banner("soundBanner", _("Sound output problem"))

        self.pages = QStackedWidget()
        self.idle = self._build_idle()
        self.running = self._build_running()
        self.summary = SessionSummary()
        self.summary.again_requested.connect(self.again_requested)
        self.summary.done_requested.connect(self.done_requested)
        self.summary_title = self.summary.title
        self.summary_text = self.summary.text
        self.summary_steps = self.summary.steps
        self.preparing = StartPanel()  # the first cues are made into sound before Start
        for page in (self.idle, self.preparing, self.running, self.summary):
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.sound_banner)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self._build_shortcuts()
        self.show_idle()

    # Building ------------------------------------------------------------------------

    def _build_idle(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = plain(QLabel(_("No session running")))
        scaled(title, 1.6, bold=True)
        hint = plain(
            QLabel(
                _(
                    "Build a routine on the Home page or open one from the Library, "
                    "then press Start."
                )
            )
        )
        hint.setObjectName("idleHint")
        hint.setWordWrap(True)
        # Centred as text, not as a widget: a wrapping label aligned in its layout gets
        # too little height, and was cut in half.
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint)
        layout.addStretch(2)
        return page

    def _build_running(self) -> QWidget:
        page = QWidget()
        self.where = plain(QLabel())
        self.where.setObjectName("stepCounter")
        scaled(self.where, 1.1)
        self.title = plain(QLabel())
        self.title.setObjectName("stepTitle")
        self.title.setWordWrap(True)
        scaled(self.title, 2.2, bold=True)
        self.tool = plain(QLabel())
        self.tool.setObjectName("stepTool")
        scaled(self.tool, 1.3)

        self.countdown = plain(QLabel("00:00"))
        self.countdown.setObjectName("countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setAccessibleName(_("Time left in this part"))
        font = QFont(self.countdown.font())
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPixelSize(120)
        self.countdown.setFont(font)
        # Its font follows the page's size (resizeEvent), never the reverse.
        self.countdown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.countdown.setMinimumSize(1, 80)
        self.countdown.installEventFilter(self)

        self.paused_note = plain(QLabel(_("Paused — press Space to go on")))
        self.paused_note.setObjectName("pausedNote")
        self.paused_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scaled(self.paused_note, 1.4, bold=True)
        policy = self.paused_note.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.paused_note.setSizePolicy(policy)
        self.paused_note.hide()

        self.step_progress = SteadyBar("stepProgress", _("Progress of this part"))
        self.step_progress.setFixedHeight(14)

        self.instructions = plain(QLabel())
        self.instructions.setObjectName("instructions")
        self.instructions.setWordWrap(True)
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scaled(self.instructions, 1.25)

        # Three lines kept for the cue and room kept for "Paused": nothing moves while
        # a person follows the session.
        self.cue_line = FittedLabel(lines=3)
        self.cue_line.setObjectName("cueLine")
        self.cue_line.setAccessibleName(_("Last cue"))
        scaled(self.cue_line, 1.5, bold=True)
        self.cue_line.reserve()

        # The step's cautions keep their room too (four lines, a smaller font for more).
        self.cautions = FittedLabel(lines=4)
        self.cautions.setObjectName("stepCautions")
        self.cautions.setAccessibleName(_("Cautions"))
        self.step_cautions: Callable[[Step], tuple[str, ...]] = lambda _step: ()
        """The cautions of a step (the catalog's, for its technique)."""
        self.general_cautions: tuple[str, ...] = ()
        """Shown while getting ready: what holds every time."""

        self.next_up = plain(QLabel())
        self.next_up.setObjectName("nextUp")
        self.next_up.setWordWrap(True)
        scaled(self.next_up, 1.15)

        self.session_progress = SteadyBar("sessionProgress", _("Progress of the session"))
        self.session_time = plain(QLabel())
        self.session_time.setObjectName("sessionTime")

        self.body_map = self._build_body_map()

        # How to lie and where the tool goes, for the side being worked now.
        self.illustration = IllustrationView(minimum_width=180, preferred_width=360)
        self.illustration.setObjectName("sessionIllustration")
        self.illustration.setMaximumWidth(480)
        now = QHBoxLayout()
        now.addWidget(self.countdown, 1)
        now.addWidget(self.illustration, 1, Qt.AlignmentFlag.AlignVCenter)
        self.pacer = BreathPacer()  # in place of the picture, for a breathing step
        self.pacer.remaining.hide()  # the countdown says it
        self.pacer.hide()
        now.addWidget(self.pacer, 1)

        middle = QVBoxLayout()
        middle.addWidget(self.where)
        middle.addWidget(self.title)
        middle.addWidget(self.tool)
        middle.addLayout(now, 2)
        middle.addWidget(self.paused_note)
        middle.addWidget(self.step_progress)
        middle.addSpacing(8)
        middle.addWidget(self.instructions, 1)
        middle.addWidget(self.cautions)
        middle.addWidget(self.cue_line)
        middle.addWidget(self.next_up)

        top = QHBoxLayout()
        top.addWidget(self.body_map, 0)
        top.addSpacing(16)
        top.addLayout(middle, 1)

        bar = QHBoxLayout()
        bar.addWidget(self.session_progress, 1)
        bar.addWidget(self.session_time)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addLayout(bar)
        layout.addLayout(self._build_controls())
        return page

    def _build_body_map(self) -> QWidget:
        map_widget = KeptMap()
        map_widget.setObjectName("sessionBodyMap")
        map_widget.setAccessibleName(_("Where you work now"))
        # Only a picture here: no clicks, and no focus to steal the Space key.
        map_widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        for child in (map_widget, *map_widget.findChildren(QWidget)):
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        map_widget.setMinimumSize(140, 220)
        map_widget.setMaximumWidth(300)
        map_widget.installEventFilter(self)
        self.map_widget = map_widget
        return map_widget

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.countdown and event.type() == QEvent.Type.Resize:
            self._fit_countdown()
        if watched is self.map_widget and event.type() == QEvent.Type.Resize:
            # A narrow map shows one view: after its layout, turn it to the place again.
            QTimer.singleShot(0, self.turn_map)
        return False

    def turn_map(self) -> None:
        place, map_widget = self._place, self.map_widget
        if place is None:
            return
        shown = map_widget.views()
        if len(shown) == 1 and shown[0] not in place.region.views:
            map_widget.view_switch.click()

    def _button(self, text: str, name: str, shortcut_hint: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        # Translators: a button's tool tip: what it does, and its key in brackets.
        tip = _("<p>{action} ({key})</p>")
        button.setToolTip(
            tip.format(action=html.escape(text.replace("&", "")), key=html.escape(shortcut_hint))
        )
        # Buttons never take focus: Space must always mean pause/resume.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        button.setMinimumHeight(40)
        # Narrow windows squeeze the buttons rather than refuse to get narrower.
        button.setMinimumWidth(56)
        return button

    def _build_controls(self) -> QHBoxLayout:
        self.previous_button = self._button(
            _("Previous"), "previousButton", _("Left arrow"), self.previous_requested
        )
        self.restart_button = self._button(
            _("Restart"), "restartButton", "R", self.restart_requested
        )
        self.restart_button.setAccessibleName(_("Restart step"))
        self.restart_button.setToolTip(_("<p>Restart this step (R)</p>"))
        self.pause_button = self._button(
            _("Pause"), "pauseButton", _("Space"), self.pause_toggle_requested
        )
        self.next_button = self._button(
            _("Next"), "nextButton", _("Right arrow"), self.next_requested
        )
        self.add_button = self._button(
            # Translators: the button that adds time to the part running; "s" is seconds.
            _("+{seconds} s").format(seconds=ADD_SECONDS),
            "addTimeButton",
            "+",
            self._add_time,
        )
        self.add_button.setAccessibleName(
            ngettext("Add {n} second", "Add {n} seconds", ADD_SECONDS).format(n=ADD_SECONDS)
        )
        self.mute_button = self._button(_("Mute"), "muteButton", "M", self.mute_toggle_requested)
        self.mute_button.setCheckable(True)
        self.fullscreen_button = self._button(
            _("Full screen"), "fullScreenButton", "F", self.toggle_full_screen
        )
        self.stop_button = self._button(_("Stop"), "stopButton", "Esc", self.confirm_stop)
        self.fullscreen_button.setToolTip(_("<p>Full screen (F; Esc to leave)</p>"))
        controls = QHBoxLayout()
        for button in (
            self.previous_button,
            self.restart_button,
            self.pause_button,
            self.next_button,
            self.add_button,
        ):
            controls.addWidget(button)
        controls.addStretch(1)
        for button in (self.mute_button, self.fullscreen_button, self.stop_button):
            controls.addWidget(button)
        return controls

    def _build_shortcuts(self) -> None:
        keys: tuple[tuple[Qt.Key | QKeyCombination, Callable[[], object]], ...] = (
            (Qt.Key.Key_Space, self.pause_toggle_requested.emit),
            (Qt.Key.Key_Right, self.next_requested.emit),
            (Qt.Key.Key_Left, self.previous_requested.emit),
            (Qt.Key.Key_R, self.restart_requested.emit),
            *(
                # "+" is typed with or without Shift, or on the keypad, by keyboard layout.
                (key, self._add_time)
                for key in (
                    QKeyCombination(Qt.Key.Key_Plus),
                    QKeyCombination(Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Plus),
                    QKeyCombination(Qt.KeyboardModifier.KeypadModifier, Qt.Key.Key_Plus),
                    QKeyCombination(Qt.Key.Key_Equal),
                )
            ),
            (Qt.Key.Key_M, self.mute_toggle_requested.emit),
            (Qt.Key.Key_F, self.toggle_full_screen),
            (Qt.Key.Key_Escape, self._escape),
        )
        self.shortcuts: list[QShortcut] = []
        for key, slot in keys:
            # Window-wide, so they work wherever the focus is; enabled only while a
            # session is on screen, so they never clash with other pages' keys.
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)
        self.pages.currentChanged.connect(self._update_shortcuts)

    def _add_time(self) -> None:
        if self.add_button.isEnabled():  # not in breathing: its cues keep its length
            self.add_time_requested.emit(ADD_SECONDS)

    def _update_shortcuts(self) -> None:
        enabled = self.isVisible() and self.pages.currentWidget() is self.running
        for shortcut in self.shortcuts:
            shortcut.setEnabled(enabled)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._update_shortcuts()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._update_shortcuts()

    # Asking --------------------------------------------------------------------------

    def ask(self, title: str, text: str, yes: str) -> bool:
        """A plain-text question; True if the person chose ``yes``."""
        return ask(self, title, text, yes, cancel=_("Keep going"), object_name="sessionQuestion")

    def confirm_stop(self) -> None:
        if self.pages.currentWidget() is not self.running:
            return
        # The countdown waits while the person decides: no time runs out unseen.
        was_running = self.state is SessionState.RUNNING
        if was_running:
            self.pause_toggle_requested.emit()
        if self.ask(
            _("Stop the session?"),
            _("Stop this session now? The time you have done so far is kept."),
            _("Stop"),
        ):
            self.stop_requested.emit()
        elif was_running and self.state is SessionState.PAUSED:
            self.pause_toggle_requested.emit()

    def _escape(self) -> None:
        """Esc leaves full screen first, as everywhere; otherwise it offers to stop."""
        if self.window().isFullScreen():
            self.window().showNormal()
        else:
            self.confirm_stop()

    def toggle_full_screen(self) -> None:
        window = self.window()
        if window.isFullScreen():
            window.showNormal()
        else:
            window.showFullScreen()

    # Showing -------------------------------------------------------------------------

    def show_idle(self) -> None:
        self.pages.setCurrentWidget(self.idle)

    def show_preparing(self, title: str) -> None:
        """The voice is making the first step's cues: the session starts when it is done."""
        self.preparing.show_preparing(title)
        self.pages.setCurrentWidget(self.preparing)

    def show_start_problem(self, reason: str) -> None:
        """The voice cannot say the first cues: why, and Start to go on without it."""
        self.preparing.show_problem(reason)
        self.pages.setCurrentWidget(self.preparing)

    def show_session(self, timeline: Timeline) -> None:
        """A new session has started on this timeline."""
        self.timeline = timeline
        self.state = SessionState.RUNNING
        self.cue_line.clear()
        self._last_remaining = None
        self.pause_button.setText(_("Pause"))
        self.paused_note.hide()
        self.pages.setCurrentWidget(self.running)

    def show_segment(self, event: SegmentStarted) -> None:
        timeline = self.timeline
        if timeline is None:
            return
        seg, step = event.segment, event.step
        self.where.setText(words.where_words(seg, len(timeline.routine.steps)))
        if seg.kind is SegmentKind.SWITCH_SIDE:
            self.title.setText(words.switch_words(seg.side))
        else:
            self.title.setText(for_window(step_title(step, seg.side)))
        self.tool.setText(words.tool_words(step, seg.side))
        self.instructions.setText(for_window(step.instructions.strip()))
        getting_ready = seg.kind is SegmentKind.TRANSITION or seg.index == 0
        self._show_cautions(step, getting_ready and step.breathing is None)
        next_up = words.next_up_words(timeline.routine.steps, seg.step_index, seg.kind)
        self.next_up.setText(for_window(next_up))
        self._show_place(step, seg.side)
        self.illustration.show_step(step, seg.side)
        massage = step.breathing is None  # breathing: the pacer instead
        shown = {self.illustration: massage, self.map_widget: massage, self.pacer: not massage}
        for widget, show in shown.items():
            if widget.isHidden() == show:  # showing the shown map lays out the window
                widget.setVisible(show)
        self.add_button.setEnabled(step.breathing is None or seg.kind is not SegmentKind.WORK)
        self.pacer.set_pattern(step.breathing)
        # Once this part is drawn and nothing else is going on: not in the turns that
        # draw the step change.
        QTimer.singleShot(PREPARE_AFTER_MS, self, lambda: self._prepare_picture_after(seg.index))

    def _prepare_picture_after(self, index: int) -> None:
        """Draw the next part's picture and map now, while this part runs: the step
        change then paints copies instead of rendering its SVG and the map's shapes."""
        timeline = self.timeline
        if timeline is None or not 0 <= index + 1 < len(timeline.segments):
            return
        following = timeline.segments[index + 1]
        step = timeline.routine.steps[following.step_index]
        self.illustration.prepare(step, following.side)
        self.map_widget.draw_place_ahead(place_of(step, following.side))

    def _show_cautions(self, step: Step, getting_ready: bool) -> None:
        lines = [f"⚠ {caution}" for caution in self.step_cautions(step)]
        if getting_ready and self.general_cautions:
            lines.append(
                _("Every time: {cautions}").format(cautions=" ".join(self.general_cautions))
            )
        self.cautions.setText(for_window("\n".join(lines)))

    def _show_place(self, step: Step, side: Side | None) -> None:
        place = place_of(step, side)
        if place is None:
            return
        from selfmassage.core.selection import Selection

        self._place = place
        self.map_widget.set_selection(Selection.of([place]))
        self.turn_map()
        self.map_widget.setToolTip(f"<p>{html.escape(place.label)}</p>")

    def show_progress(self, progress: Progress) -> None:
        remaining = math.ceil(progress.segment_remaining - 1e-9)
        if remaining != self._last_remaining:
            self._last_remaining = remaining
            self.countdown.setText(clock_readout(remaining))
            self.countdown.setAccessibleDescription(words.seconds_left(remaining))
        if progress.segment.kind is SegmentKind.WORK and self.pacer.pattern is not None:
            self.pacer.show_at(progress.segment_elapsed, progress.segment_remaining)
        if progress.segment_seconds > 0:
            fraction = progress.segment_elapsed / progress.segment_seconds
            self.step_progress.show_fraction(fraction, progress.at)
        if progress.total > 0:
            self.session_progress.show_fraction(progress.position / progress.total, progress.at)
        self.session_time.setText(words.session_clock(progress))

    def show_cue(self, text: str, _kind: str = "") -> None:
        # Translators: the cue just said, in quotation marks.
        self.cue_line.setText(for_window(_("“{text}”").format(text=text)))

    def show_state(self, state: str) -> None:
        self.state = SessionState(state)
        paused = self.state is SessionState.PAUSED
        pause = _("Resume") if paused else _("Pause")
        self.pause_button.setText(pause)
        self.pause_button.setAccessibleName(pause)
        self.paused_note.setVisible(paused)
        palette_role = (
            QPalette.ColorRole.PlaceholderText if paused else QPalette.ColorRole.WindowText
        )
        palette = self.countdown.palette()
        palette.setColor(QPalette.ColorRole.WindowText, self.palette().color(palette_role))
        self.countdown.setPalette(palette)

    def show_muted(self, muted: bool) -> None:
        self.mute_button.setChecked(muted)
        mute = _("Unmute") if muted else _("Mute")
        self.mute_button.setText(mute)
        self.mute_button.setAccessibleName(mute)

    def show_voice_problem(self, reason: str) -> None:
        """The speech side could not speak: cues go on as beeps and on screen."""
        self.banner.setProperty("note", False)
        if reason:
            self.banner.setText(_("Voice unavailable: {reason}").format(reason=reason))
            self.banner.show()
        else:
            self.banner.hide()

    def show_voice_note(self, text: str) -> None:
        """Something about the voice the person should know, the session going on; ""
        takes a note away (never a problem the banner shows)."""
        if text:
            self.banner.setText(text)
            self.banner.show()
        elif self.banner.property("note"):
            self.banner.hide()
        self.banner.setProperty("note", bool(text))

    def show_soreness(self, before: Mapping[str, int], after: Mapping[str, int]) -> None:
        """Under the summary, once rated: "Soreness: Left calf 7 → 4 · Neck 3 → 2"."""
        self.summary.show_soreness(before, after)

    def show_sound_problem(self, problem: str) -> None:
        """No sound output (or it came back): said above everything, plain."""
        self.sound_banner.setText(problem)
        self.sound_banner.setVisible(bool(problem))

    def show_summary(self, finished: Finished) -> None:
        self.summary.show_finished(finished, self.timeline)
        self.pages.setCurrentWidget(self.summary)

    def add_summary_widget(self, widget: QWidget) -> None:
        """For the history: a form shown under the summary (soreness after)."""
        self.summary.slot.addWidget(widget)

    # Layout ----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_countdown()

    def _fit_countdown(self) -> None:
        # The countdown grows with the window: about a fifth of its height, readable
        # from two metres on a laptop screen and from across the room in full screen;
        # never wider than its own place beside the picture.
        font = self.countdown.font()
        sample = QFont(font)
        sample.setPixelSize(100)
        advance = QFontMetrics(sample).horizontalAdvance("00:00")
        room = self.countdown.width()
        by_width = int(room * 100 * 0.96 / advance) if room > 1 and advance else 10_000
        size = max(48, min(int(self.height() * 0.2), int(self.width() * 0.16), by_width))
        if font.pixelSize() != size:
            font.setPixelSize(size)
            self.countdown.setFont(font)
