"""Numbers from a file, brought into a range: a value that is no number at all, or not
a finite one (Python's json reads NaN and Infinity), becomes the default; a number out
of range becomes the nearest end of the range.
"""

from __future__ import annotations

import math


def bounded_int(value: object, low: int, high: int, default: int) -> int:
    """A whole number from ``low`` to ``high``; a fraction is rounded."""
    number = _finite(value)
    if number is None:
        return default
    # Compared before converting: int(1e308) is fine, but a huge int has no float.
    if number <= low:
        return low
    if number >= high:
        return high
    return round(number)


def bounded_float(value: object, low: float, high: float, default: float) -> float:
    """A number from ``low`` to ``high``."""
    number = _finite(value)
    if number is None:
        return default
    if number <= low:
        return low
    if number >= high:
        return high
    return float(number)


def _finite(value: object) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
