"""Running a test in another time zone: one far from UTC, where dates at the end of the
calendar overflow when turned into local time, or any zone by name."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator


@contextlib.contextmanager
def far_from_utc() -> Iterator[None]:
    """Kiritimati, UTC+14, for the time inside; where time.tzset is missing, as it is."""
    if not hasattr(time, "tzset"):
        yield
        return
    with in_zone("Pacific/Kiritimati"):
        yield


@contextlib.contextmanager
def in_zone(name: str) -> Iterator[None]:
    """The zone ``name`` (``Europe/Berlin``) as local time inside (needs time.tzset)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
