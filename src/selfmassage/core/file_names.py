"""File names made from a title, safe on every system the app runs on.

A routine saved on Linux may be opened on Windows, and Windows refuses more than Linux:
the characters <>:"/\\|?*, names ending in a dot or a space, and the old device names
(CON, PRN, AUX, NUL, COM1-9, LPT1-9), with any extension, which open a device instead
of a file. So the same rule holds everywhere.
"""

from __future__ import annotations

WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in "123456789¹²³"}
    | {f"lpt{n}" for n in "123456789¹²³"}
)
"""Stems Windows reserves whatever the extension (compared without case)."""

LONGEST = 60


def is_device_name(stem: str) -> bool:
    """Whether Windows would open a device for ``stem`` (with or without an extension)."""
    return stem.split(".", 1)[0].rstrip(" ").casefold() in WINDOWS_DEVICE_NAMES


def not_a_device(stem: str) -> str:
    """``stem``, changed only if it is a Windows device name: ``aux`` -> ``aux-routine``."""
    return f"{stem}-routine" if is_device_name(stem) else stem


def file_stem(title: str, fallback: str, longest: int = LONGEST) -> str:
    """A readable file name stem from a title: its letters, digits, spaces, - and _.

    ``Hips: 10 min?`` -> ``Hips 10 min``; a title with none of those gives ``fallback``.
    """
    kept = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    stem = " ".join(kept.split())[:longest].rstrip(" ")
    return not_a_device(stem or fallback)
