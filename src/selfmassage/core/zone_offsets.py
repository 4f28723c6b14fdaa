"""The local time zone's offsets from UTC over a span of time, as Python sees them.

``datetime.astimezone()`` takes a UTC time's local offset from ``time.localtime`` at its
whole second; here the same offsets come as a few spans of one offset each (a zone with
summer time has two a year), so that many times can be turned into local time without
asking for each one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

SAMPLE_SECONDS = 86_400
"""How far apart the offset is looked at before a change is searched for to the second.
A change and its way back within one such interval would be missed: in the tz database
no zone changes its offset twice within four days (Freetown's 95 hours in 1939 are the
closest)."""


@dataclass(frozen=True, slots=True)
class OffsetSpan:
    """From ``start`` (a Unix time, included) to ``end`` (excluded), the local time is
    ``offset`` seconds east of UTC."""

    start: int
    end: int
    offset: int


def local_offset(moment: int) -> int:
    """Seconds east of UTC of local time at the Unix time ``moment``."""
    return time.localtime(moment).tm_gmtoff


def offset_spans(start: int, end: int) -> list[OffsetSpan]:
    """The spans of one offset that cover ``start`` to ``end`` (Unix times), in order.

    Raises OverflowError or OSError where the system cannot tell local time.
    """
    if end <= start:
        return []
    spans: list[OffsetSpan] = []
    since, offset = start, local_offset(start)
    looked = start
    while looked < end:
        ahead = min(looked + SAMPLE_SECONDS, end)
        while local_offset(ahead) != offset:
            change = _first_change(looked, ahead, offset)
            spans.append(OffsetSpan(since, change, offset))
            since, offset, looked = change, local_offset(change), change
        looked = ahead
    spans.append(OffsetSpan(since, end, offset))
    return spans


def _first_change(before: int, after: int, offset: int) -> int:
    """The first second after ``before`` and up to ``after`` whose offset is not
    ``offset`` (the one at ``before``; ``after``'s is another)."""
    while after - before > 1:
        middle = (before + after) // 2
        if local_offset(middle) == offset:
            before = middle
        else:
            after = middle
    return after
