"""The session engine: a state machine that runs a timeline against a monotonic clock.

The engine never counts ticks. It keeps an *anchor*: the clock reading at which the
session's own time was zero. Every deadline is ``anchor + planned offset``; pausing
moves the anchor by the paused time, jumping to another step moves it so that the step
starts now, and adding time moves the offsets of what follows. ``tick(now)`` can be
called as often or as rarely as the caller likes: the events it returns carry the exact
clock time they were due, in order.

Actions (start, pause, resume, next_step, previous_step, restart_step, add_time, stop)
take the current clock reading too, and return the events they cause. Every event is
also passed to each callable in ``listeners`` (the UI, the history, the headless run).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from selfmassage.core.language import _
from selfmassage.core.routine import Step
from selfmassage.core.timeline import Cue, Segment, SegmentKind, Timeline

log = logging.getLogger(__name__)


class SessionState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class StepOutcome(StrEnum):
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    """Left (Next or Stop) after some of its time was done: its seconds count."""
    SKIPPED = "skipped"
    """Left before a second of it was done."""


MIN_DONE_SECONDS = 1.0
"""A step left after less than this was skipped, not ended early."""


# Events ----------------------------------------------------------------------------------
# ``at`` is always the clock reading at which the event was due, not when tick() saw it.


@dataclass(frozen=True, slots=True)
class SessionStarted:
    at: float
    timeline: Timeline


@dataclass(frozen=True, slots=True)
class StateChanged:
    at: float
    state: SessionState


@dataclass(frozen=True, slots=True)
class SegmentStarted:
    at: float
    segment: Segment
    step: Step
    start: float
    """Session time (seconds) at which the segment starts, as now planned."""
    end: float
    jumped: bool = False
    """True when the person moved here (next, previous, restart) rather than time."""


@dataclass(frozen=True, slots=True)
class CueDue:
    at: float
    cue: Cue
    late: float = 0.0
    """How long after ``at`` the tick that found it came: a caller may skip stale cues."""


@dataclass(frozen=True, slots=True)
class Progress:
    at: float
    state: SessionState
    segment: Segment
    segment_elapsed: float
    segment_seconds: float
    position: float
    """Seconds of session time done (what the plan says, after jumps and added time)."""
    total: float
    """The session's planned length now, in session time."""
    active_seconds: float
    paused_seconds: float

    @property
    def segment_remaining(self) -> float:
        return max(0.0, self.segment_seconds - self.segment_elapsed)

    @property
    def remaining(self) -> float:
        return max(0.0, self.total - self.position)


@dataclass(frozen=True, slots=True)
class StepEnded:
    at: float
    step_index: int
    step: Step
    outcome: StepOutcome
    seconds: float
    """Seconds of work actually spent on the step (all its sides, pauses excluded)."""


@dataclass(frozen=True, slots=True)
class Summary:
    planned_seconds: float
    """The session's planned length at its end: added time (+30 s) included."""
    active_seconds: float
    """Seconds the session ran, without its pauses."""
    paused_seconds: float
    outcomes: dict[int, StepOutcome] = field(default_factory=dict)
    """The last outcome of each step that ended, by step index."""
    step_seconds: dict[int, float] = field(default_factory=dict)
    steps_total: int = 0

    @property
    def steps_completed(self) -> int:
        return sum(1 for o in self.outcomes.values() if o is StepOutcome.COMPLETED)

    @property
    def steps_ended_early(self) -> int:
        return sum(1 for o in self.outcomes.values() if o is StepOutcome.ENDED_EARLY)

    @property
    def steps_skipped(self) -> int:
        """Skipped with no time done, or never reached."""
        return self.steps_total - self.steps_completed - self.steps_ended_early

    @property
    def all_done(self) -> bool:
        return self.steps_completed == self.steps_total


@dataclass(frozen=True, slots=True)
class Finished:
    at: float
    state: SessionState
    """FINISHED when the routine ran to its end, STOPPED when the person stopped it."""
    summary: Summary


Event = SessionStarted | StateChanged | SegmentStarted | CueDue | Progress | StepEnded | Finished
Listener = Callable[[Event], None]


class SessionError(RuntimeError):
    """An action that makes no sense in the session's state (start twice, ...)."""


class Session:
    """Runs one timeline once. Drive it with ``tick(now)`` from a monotonic clock."""

    def __init__(self, timeline: Timeline) -> None:
        if not timeline.segments:
            raise SessionError(_("the routine has no steps"))
        self.timeline = timeline
        self.listeners: list[Listener] = []
        self.state = SessionState.READY
        self._starts = [float(s.start) for s in timeline.segments]
        self._ends = [float(s.end) for s in timeline.segments]
        self._cue_offsets = [[c.at for c in s.cues] for s in timeline.segments]
        self._anchor = 0.0
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._index = 0
        self._pending: list[int] = []
        """Indexes into the current segment's cues still to come, in time order."""
        self._entered = 0.0
        """Session time at which the current segment was entered."""
        self._active = 0.0
        self._step_seconds: dict[int, float] = {}
        self._outcomes: dict[int, StepOutcome] = {}
        self._finish_emitted = False

    # Reading the state ---------------------------------------------------------------

    @property
    def segment(self) -> Segment:
        return self.timeline.segments[self._index]

    @property
    def step_index(self) -> int:
        return self.segment.step_index

    @property
    def total(self) -> float:
        return self._ends[-1]

    @property
    def is_active(self) -> bool:
        """Running or paused: there is work to lose."""
        return self.state in (SessionState.RUNNING, SessionState.PAUSED)

    def position(self, now: float) -> float:
        """Session time at clock reading ``now``."""
        if self.state is SessionState.READY:
            return 0.0
        if self._paused_at is not None:
            return self._paused_at - self._anchor
        return min(now - self._anchor, self.total)

    def end_time(self) -> float:
        """The clock reading at which the session will end, if nothing changes."""
        return self._anchor + self.total

    def next_due(self) -> float | None:
        """The clock reading of the next cue or segment end; None unless running."""
        if self.state is not SessionState.RUNNING:
            return None
        end = self._anchor + self._ends[self._index]
        if self._pending:
            return min(end, self._anchor + self._cue_offsets[self._index][self._pending[0]])
        return end

    def session_time(self, at: float) -> float:
        """Session time of clock reading ``at`` as the session stands (a pause moves
        them apart; this does not clamp, nor stop at a pause)."""
        return at - self._anchor

    def upcoming_cues(self, until: float) -> list[CueDue]:
        """The cues that will be due by clock reading ``until`` if nothing changes, in
        time order (``at`` their deadlines), the finish included; none unless running.

        Their sound can start early by the output's latency, so they are heard on time.
        """
        if self.state is not SessionState.RUNNING:
            return []
        found: list[CueDue] = []
        index = self._index
        pending = self._pending
        while True:
            offsets, cues = self._cue_offsets[index], self.timeline.segments[index].cues
            for k in pending:
                due = self._anchor + offsets[k]
                if due > until:
                    return found
                found.append(CueDue(due, cues[k], late=0.0))
            end = self._anchor + self._ends[index]
            if end > until:
                return found
            index += 1
            if index >= len(self._ends):
                if not self._finish_emitted:
                    found.append(CueDue(end, self.timeline.finish, late=0.0))
                return found
            offsets = self._cue_offsets[index]
            pending = sorted(range(len(offsets)), key=lambda k: (offsets[k], k))

    def progress(self, now: float) -> Progress:
        pos = self.position(now)
        elapsed = min(max(pos - self._starts[self._index], 0.0), self._segment_length())
        return Progress(
            at=now,
            state=self.state,
            segment=self.segment,
            segment_elapsed=elapsed,
            segment_seconds=self._segment_length(),
            position=pos,
            total=self.total,
            active_seconds=self._active + max(0.0, pos - self._entered),
            paused_seconds=self._paused_total + self._pausing(now),
        )

    def summary(self, now: float) -> Summary:
        return Summary(
            planned_seconds=self.total,
            active_seconds=self._active,
            paused_seconds=self._paused_total + self._pausing(now),
            outcomes=dict(self._outcomes),
            step_seconds=dict(self._step_seconds),
            steps_total=len(self.timeline.routine.steps),
        )

    # Actions -------------------------------------------------------------------------

    def start(self, now: float) -> list[Event]:
        if self.state is not SessionState.READY:
            raise SessionError(_("cannot start a session that is {state}").format(state=self.state))
        events: list[Event] = []
        self._anchor = now
        self.state = SessionState.RUNNING
        events.append(SessionStarted(now, self.timeline))
        events.append(StateChanged(now, self.state))
        self._enter(0, now, events, jumped=False)
        self._advance(now, events)
        return self._emit(events)

    def tick(self, now: float) -> list[Event]:
        events: list[Event] = []
        if self.state is SessionState.RUNNING:
            self._advance(now, events)
            if self.state is SessionState.RUNNING:
                events.append(self.progress(now))
        return self._emit(events)

    def pause(self, now: float) -> list[Event]:
        events: list[Event] = []
        if self.state is SessionState.RUNNING:
            self._advance(now, events)
        if self.state is SessionState.RUNNING:
            self._paused_at = now
            self.state = SessionState.PAUSED
            events.append(StateChanged(now, self.state))
            events.append(self.progress(now))
        return self._emit(events)

    def resume(self, now: float) -> list[Event]:
        events: list[Event] = []
        if self.state is SessionState.PAUSED and self._paused_at is not None:
            paused = now - self._paused_at
            self._anchor += paused
            self._paused_total += paused
            self._paused_at = None
            self.state = SessionState.RUNNING
            events.append(StateChanged(now, self.state))
            self._advance(now, events)
            if self.state is SessionState.RUNNING:
                events.append(self.progress(now))
        return self._emit(events)

    def toggle_pause(self, now: float) -> list[Event]:
        if self.state is SessionState.PAUSED:
            return self.resume(now)
        return self.pause(now)

    def next_step(self, now: float) -> list[Event]:
        """Skip the rest of the step (to the pause before the next), or the rest of a pause."""
        events = self._catch_up(now)
        if not self.is_active:
            return self._emit(events)
        seg = self.segment
        if seg.kind is SegmentKind.TRANSITION:
            self._jump(self._first_work(seg.step_index), now, events)
            return self._emit(events)
        step = seg.step_index
        self._leave(now, events)
        later = [s.index for s in self.timeline.segments if s.step_index > step]
        if later:
            self._jump(later[0], now, events, left=True)
        else:
            self._finish(now, SessionState.FINISHED, events)
        return self._emit(events)

    def previous_step(self, now: float) -> list[Event]:
        """Back to the start of the step before (or of the first step)."""
        events = self._catch_up(now)
        if not self.is_active:
            return self._emit(events)
        seg = self.segment
        back = seg.step_index - 1
        if seg.kind is not SegmentKind.TRANSITION:
            back = max(back, 0)
        self._jump(self._first_work(max(back, 0)), now, events)
        return self._emit(events)

    def restart_step(self, now: float) -> list[Event]:
        """Back to the start of this step; in the pause after a step, of that step."""
        events = self._catch_up(now)
        if not self.is_active:
            return self._emit(events)
        seg = self.segment
        step = seg.step_index - 1 if seg.kind is SegmentKind.TRANSITION else seg.step_index
        self._jump(self._first_work(max(step, 0)), now, events)
        return self._emit(events)

    def add_time(self, now: float, seconds: float = 30.0) -> list[Event]:
        """Make the current segment (side or pause) longer; everything after moves on."""
        events = self._catch_up(now)
        if not self.is_active or seconds <= 0:
            return self._emit(events)
        i = self._index
        self._ends[i] += seconds
        for later in range(i + 1, len(self._ends)):
            self._starts[later] += seconds
            self._ends[later] += seconds
            self._cue_offsets[later] = [at + seconds for at in self._cue_offsets[later]]
        pos = self.position(now)
        cues = self.segment.cues
        offsets = self._cue_offsets[i]
        for k, cue in enumerate(cues):
            if cue.from_end:
                offsets[k] += seconds
        # Cues counted from the end come round again ("ten seconds left", 3, 2, 1).
        again = [k for k, cue in enumerate(cues) if cue.from_end and offsets[k] >= pos]
        self._pending = sorted(set(self._pending) | set(again), key=lambda k: (offsets[k], k))
        events.append(self.progress(now))
        return self._emit(events)

    def stop(self, now: float) -> list[Event]:
        events = self._catch_up(now)
        if self.is_active:
            self._leave(now, events)
            self._finish(now, SessionState.STOPPED, events)
        return self._emit(events)

    # Inside ----------------------------------------------------------------------------

    def _emit(self, events: list[Event]) -> list[Event]:
        for event in events:
            for listener in list(self.listeners):
                try:
                    listener(event)
                except Exception:
                    # One listener's failure (a full disk under the history) must not stop
                    # the clock, nor keep the others from hearing.
                    log.exception("a session listener failed on %s", type(event).__name__)
        return events

    def _catch_up(self, now: float) -> list[Event]:
        events: list[Event] = []
        if self.state is SessionState.RUNNING:
            self._advance(now, events)
        return events

    def _pausing(self, now: float) -> float:
        return now - self._paused_at if self._paused_at is not None else 0.0

    def _segment_length(self) -> float:
        return self._ends[self._index] - self._starts[self._index]

    def _first_work(self, step_index: int) -> int:
        return self.timeline.work_segments(step_index)[0].index

    def _advance(self, now: float, events: list[Event]) -> None:
        """Emit everything due up to ``now``, crossing segment ends as they come."""
        while self.state is SessionState.RUNNING:
            offsets = self._cue_offsets[self._index]
            cues = self.segment.cues
            while self._pending and self._anchor + offsets[self._pending[0]] <= now:
                k = self._pending.pop(0)
                due = self._anchor + offsets[k]
                events.append(CueDue(due, cues[k], late=now - due))
            end = self._anchor + self._ends[self._index]
            if now < end:
                return
            self._leave_at_end(end, events)
            if self._index + 1 < len(self._ends):
                self._enter(self._index + 1, end, events, jumped=False)
            else:
                self._finish(end, SessionState.FINISHED, events)

    def _enter(self, index: int, at: float, events: list[Event], *, jumped: bool) -> None:
        self._index = index
        self._entered = self._starts[index]
        offsets = self._cue_offsets[index]
        self._pending = sorted(range(len(offsets)), key=lambda k: (offsets[k], k))
        seg = self.segment
        events.append(
            SegmentStarted(
                at, seg, self.timeline.step(seg), self._starts[index], self._ends[index], jumped
            )
        )

    def _spend(self, until: float) -> None:
        """Count the time spent in the current segment up to session time ``until``."""
        spent = max(0.0, until - self._entered)
        self._active += spent
        if self.segment.kind is SegmentKind.WORK:
            step = self.step_index
            self._step_seconds[step] = self._step_seconds.get(step, 0.0) + spent
        self._entered = until

    def _leave_at_end(self, at: float, events: list[Event]) -> None:
        self._spend(self._ends[self._index])
        seg = self.segment
        last_work = self.timeline.work_segments(seg.step_index)[-1]
        if seg.index == last_work.index:
            self._end_step(at, StepOutcome.COMPLETED, events)

    def _leave(self, now: float, events: list[Event]) -> None:
        """Leave the current segment early; a step left during its work ends early with
        the seconds done, or skipped when none were."""
        self._spend(self.position(now))
        if self.segment.kind is not SegmentKind.TRANSITION:
            done = self._step_seconds.get(self.step_index, 0.0) >= MIN_DONE_SECONDS
            outcome = StepOutcome.ENDED_EARLY if done else StepOutcome.SKIPPED
            self._end_step(now, outcome, events)

    def _end_step(self, at: float, outcome: StepOutcome, events: list[Event]) -> None:
        step = self.step_index
        self._outcomes[step] = outcome
        seconds = self._step_seconds.get(step, 0.0)
        events.append(StepEnded(at, step, self.timeline.routine.steps[step], outcome, seconds))

    def _jump(self, index: int, now: float, events: list[Event], *, left: bool = False) -> None:
        if not left:
            self._spend(self.position(now))
        ref = self._paused_at if self._paused_at is not None else now
        self._anchor = ref - self._starts[index]
        self._enter(index, now, events, jumped=True)
        if self.state is SessionState.RUNNING:
            self._advance(now, events)

    def _finish(self, at: float, state: SessionState, events: list[Event]) -> None:
        self.state = state
        self._paused_total += self._pausing(at)
        self._paused_at = None
        self._pending = []
        if state is SessionState.FINISHED and not self._finish_emitted:
            self._finish_emitted = True
            events.append(CueDue(at, self.timeline.finish, 0.0))
        events.append(StateChanged(at, state))
        events.append(Finished(at, state, self.summary(at)))
