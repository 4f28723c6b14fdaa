"""Runs the session engine on the GUI thread's clock and re-emits its events as signals.

A PreciseTimer ticks ``Session.tick(time.monotonic())`` about every 50 ms; when a cue
or a segment end is due sooner than the next tick, a one-shot timer fires at that
moment, so cues are not up to 50 ms late. A cue's sound is started earlier still, by
the sound output's latency (``sound_lead``), so that it is heard when it is due. The
engine does the time arithmetic; this object only carries its events to the widgets and
the speaker.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from selfmassage.core.session_start import SessionStart

if TYPE_CHECKING:
    # The engine loads with the first session, not with the window: see start().
    from selfmassage.core.session import Event, SegmentStarted, Session, SessionState
    from selfmassage.core.timeline import Timeline

log = logging.getLogger(__name__)

TICK_MS = 50
STALE_AFTER = 2.0
"""A cue found later than this (the machine slept, the loop stalled) is not said."""
MAX_LEAD = 0.25
"""Seconds a sound may start early at most, whatever the output says its latency is."""

SessionHook = Callable[["Session", SessionStart], None]


class SessionController(QObject):
    session_started = Signal(object)
    """The Timeline of the session that just started."""
    segment_started = Signal(object)
    """A core.session.SegmentStarted event."""
    cue_due = Signal(object)
    """The core.timeline.Cue that is due now (text, kind, voice, beep)."""
    cue_sounds = Signal(object)
    """The core.timeline.Cue whose sound should start now: ``sound_lead()`` seconds before
    it is due (as soon as it is due when that is not possible), once per cue."""
    cue_text = Signal(str, str)
    """The same cue as (text, kind), for what only shows it."""
    upcoming_texts = Signal(list)
    """Spoken texts of the current and the next segment, to render ahead of time."""
    progress = Signal(object)
    """A core.session.Progress, on every tick while the session runs or is paused."""
    state_changed = Signal(str)
    """running, paused, finished or stopped."""
    jumped = Signal()
    """The person moved to another step: what was being said no longer applies."""
    step_ended = Signal(object)
    """A core.session.StepEnded: the step's outcome and the seconds actually spent."""
    finished = Signal(object)
    """A core.session.Finished with the summary."""
    muted_changed = Signal(bool)

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = TICK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.session: Session | None = None
        self.muted = False
        self.sound_lead: Callable[[], float] = lambda: 0.0
        """Seconds from starting a sound to its being heard (the output's latency)."""
        self._sounded: set[tuple[int, float]] = set()
        """Cues whose sound was started before they were due: (id of the cue, its
        session time, which a pause does not change)."""
        self.session_hooks: list[SessionHook] = []
        """Called with each new Session, and what it starts from, before it starts: add
        listeners here (the history records it)."""
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._exact = QTimer(self)
        self._exact.setTimerType(Qt.TimerType.PreciseTimer)
        self._exact.setSingleShot(True)
        self._exact.timeout.connect(self.tick)

    # Reading ---------------------------------------------------------------------------

    @property
    def is_active(self) -> bool:
        return self.session is not None and self.session.is_active

    @property
    def timeline(self) -> Timeline | None:
        return self.session.timeline if self.session else None

    @property
    def state(self) -> SessionState | None:
        return self.session.state if self.session else None

    # Actions ---------------------------------------------------------------------------

    def start(self, timeline: Timeline, start: SessionStart | None = None) -> Session:
        """Start a new session; one still running is stopped first."""
        if self.is_active:
            self.stop()
        from selfmassage.core.session import Session

        session = Session(timeline)
        self.session = session
        self._sounded.clear()
        start = start or SessionStart(timeline.routine)
        now = self.clock()
        # The first cue sounds before the page and the history hear of the start (their
        # work would come between the moment it is due and its sound).
        for cue in timeline.segments[0].cues:
            if cue.at <= timeline.segments[0].start:
                self._sounded.add((id(cue), round(cue.at, 6)))
                self.cue_sounds.emit(cue)
        for hook in self.session_hooks:
            hook(session, start)
        session.listeners.append(self._dispatch)
        session.start(now)
        self._timer.start()
        self._schedule()
        return session

    def tick(self) -> None:
        if self.session is None:
            return
        self.session.tick(self.clock())
        self._schedule()

    def toggle_pause(self) -> None:
        self._act(lambda session, now: session.toggle_pause(now))

    def pause(self) -> None:
        self._act(lambda session, now: session.pause(now))

    def resume(self) -> None:
        self._act(lambda session, now: session.resume(now))

    def next_step(self) -> None:
        self._act(lambda session, now: session.next_step(now), jump=True)

    def previous_step(self) -> None:
        self._act(lambda session, now: session.previous_step(now), jump=True)

    def restart_step(self) -> None:
        self._act(lambda session, now: session.restart_step(now), jump=True)

    def add_time(self, seconds: float = 30.0) -> None:
        if self.session is not None:
            self.session.add_time(self.clock(), seconds)
            self._schedule()

    def stop(self) -> None:
        self._act(lambda session, now: session.stop(now), jump=True)

    def set_muted(self, muted: bool) -> None:
        if muted != self.muted:
            self.muted = muted
            self.muted_changed.emit(muted)

    def toggle_mute(self) -> None:
        self.set_muted(not self.muted)

    # Inside ----------------------------------------------------------------------------

    def _act(self, action: Callable[[Session, float], list[Event]], *, jump: bool = False) -> None:
        if self.session is None or not self.session.is_active:
            return
        if jump:
            self.jumped.emit()
        action(self.session, self.clock())
        self._schedule()

    def _schedule(self) -> None:
        """Keep ticking while running; fire once more exactly when the next thing is due."""
        session = self.session
        if session is None or not session.is_active:
            self._timer.stop()
            self._exact.stop()
            return
        if not self._timer.isActive():
            self._timer.start()
        due = self._sound_early(session, session.next_due())
        if due is None:
            self._exact.stop()
            return
        wait_ms = (due - self.clock()) * 1000.0
        if wait_ms < self._timer.interval():
            self._exact.start(max(0, math.ceil(wait_ms)))

    def _sound_early(self, session: Session, due: float | None) -> float | None:
        """Start the sound of each cue due within the lead now; returns when to look
        again (the earlier of ``due`` and the next cue's time less the lead)."""
        lead = max(0.0, min(self.sound_lead() or 0.0, MAX_LEAD))
        if lead <= 0:
            return due
        now = self.clock()
        for ahead in session.upcoming_cues(now + lead + self._timer.interval() / 1000):
            key = (id(ahead.cue), round(session.session_time(ahead.at), 6))
            if key in self._sounded:
                continue
            start = ahead.at - lead
            if start > now:
                return start if due is None else min(due, start)
            self._sounded.add(key)
            self.cue_sounds.emit(ahead.cue)
        return due

    def _dispatch(self, event: Event) -> None:
        from selfmassage.core.session import (
            CueDue,
            Finished,
            Progress,
            SegmentStarted,
            SessionStarted,
            StateChanged,
            StepEnded,
        )

        match event:
            case Progress():
                self.progress.emit(event)
            case CueDue(cue=cue, late=late, at=at):
                if late > STALE_AFTER:
                    log.info("cue %r came %.1f s late; not said", cue.text, late)
                    return
                offset = self.session.session_time(at) if self.session is not None else at
                key = (id(cue), round(offset, 6))
                if key in self._sounded:
                    self._sounded.discard(key)
                else:
                    self.cue_sounds.emit(cue)
                self.cue_due.emit(cue)
                self.cue_text.emit(cue.text, cue.kind.value)
            case SegmentStarted():
                self.segment_started.emit(event)
                self.upcoming_texts.emit(self._upcoming(event))
            case StateChanged(state=state):
                self.state_changed.emit(state.value)
            case StepEnded():
                self.step_ended.emit(event)
            case Finished():
                self.finished.emit(event)
            case SessionStarted(timeline=timeline):
                self.session_started.emit(timeline)

    def _upcoming(self, event: SegmentStarted) -> list[str]:
        timeline = self.timeline
        if timeline is None:
            return []
        index = event.segment.index
        segments = timeline.segments[index : index + 2]
        texts = [cue.text for seg in segments for cue in seg.cues if cue.voice]
        if index + 2 >= len(timeline.segments) and timeline.finish.voice:
            texts.append(timeline.finish.text)
        return texts
