"""Hearing a running session and writing it to the history: the same for GUI and headless.

A ``HistoryListener`` is added to ``Session.listeners``; it turns the engine's events
into the recorder's writes: each step when it ends, the end status last.
"""

from __future__ import annotations

from selfmassage.core.history import SessionRecorder, SessionStatus, StepRecord
from selfmassage.core.session import Event, Finished, SessionState, StepEnded, StepOutcome


class HistoryListener:
    """Writes a session's steps and its end to the history as they happen."""

    def __init__(self, recorder: SessionRecorder, first_position: int = 0) -> None:
        self.recorder = recorder
        self.first_position = first_position
        """For a resumed session: the step of the original routine the run starts at."""

    def __call__(self, event: Event) -> None:
        if isinstance(event, StepEnded):
            step = event.step
            self.recorder.step_ended(
                StepRecord(
                    position=self.first_position + event.step_index,
                    region=step.region,
                    side=None if step.side is None else step.side.value,
                    technique=step.technique or "",
                    tool="" if step.is_breathing else step.tool.value,
                    planned_seconds=step.work_seconds,
                    actual_seconds=round(event.seconds),
                    skipped=event.outcome is StepOutcome.SKIPPED,
                    ended_early=event.outcome is StepOutcome.ENDED_EARLY,
                )
            )
        elif isinstance(event, Finished):
            self.recorder.end(session_status(event))


def session_status(finished: Finished) -> SessionStatus:
    """What happened: every step done in full, the end reached with some steps ended
    early or skipped, or stopped by the person before the end."""
    if finished.state is not SessionState.FINISHED:
        return SessionStatus.STOPPED
    if finished.summary.all_done:
        return SessionStatus.COMPLETED
    return SessionStatus.PARTLY_DONE
