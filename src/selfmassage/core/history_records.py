"""What the history holds, as plain values: statuses, times as text, step records.

Apart from the store so that what reads a session (a listener, an export, the window)
needs no database to name it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum


class SessionStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    """Ran to its end with every step done in full."""
    PARTLY_DONE = "partly_done"
    """Ran to its end, but some steps were ended early or skipped."""
    STOPPED = "stopped"
    """The person stopped it before its end."""
    INTERRUPTED = "interrupted"
    """Found still running at the next start: a crash, a power cut or a kill."""


class Moment(StrEnum):
    BEFORE = "before"
    AFTER = "after"


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """Times are stored in UTC, ISO 8601, so that they sort and compare as text."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text)


# Records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One step as it ended: done, ended early after ``actual_seconds``, or skipped
    (no time)."""

    position: int
    """The step's index in the routine, from 0."""
    region: str
    side: str | None
    """left, right, both, or None for a midline region."""
    technique: str
    tool: str
    planned_seconds: int
    actual_seconds: int
    skipped: bool = False
    ended_early: bool = False


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A session found unfinished at start: now marked interrupted, and resumable."""

    uuid: str
    routine_title: str
    routine_snapshot: str
    started_at: datetime
    steps_done: int
    next_position: int
    """Where to resume: the step after the last one that ended."""
