"""Memory the app frees, given back to the system instead of kept by the C library.

A session draws large pictures ahead, part after part (the map and the illustration,
0.4-0.8 MB each), and decodes each cue's sound (about 0.1 MB). glibc's malloc hands
blocks that large out of their own mapping only until the first of them is freed: it
then raises its threshold to that size, and every later one comes out of the heap,
and the free memory it keeps at the top of the heap rises to twice that size (8 MB
after a window's 4 MB picture was replaced). Over a ten-minute session the heap grew
that way by about 5 MB of free, resident memory. ``give_large_blocks_back`` holds both
at glibc's own starting values, so a large block is unmapped as it is freed and the
heap's top is given back once more than that is free there; ``give_back_freed`` returns
the heap's free pages (``malloc_trim``) at a calm moment.

Elsewhere than glibc (macOS, Windows, musl) both do nothing: those allocators give
large blocks back on their own terms.
"""

from __future__ import annotations

import logging
import os
import sys
from functools import cache
from typing import Any

log = logging.getLogger(__name__)

LARGE = 128 * 1024
"""Bytes from which a block gets its own mapping, and free bytes at the top of the heap
from which they are given back: glibc's starting thresholds, kept."""
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
"""mallopt's parameters (malloc.h)."""


@cache
def _glibc() -> Any | None:  # a ctypes library: its functions are untyped
    """The process's C library if it is glibc with both functions, else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return None
    except (ValueError, OSError):  # not glibc (musl has no such name)
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None)  # the symbols the process has loaded, glibc's among them
        mallopt, malloc_trim = libc.mallopt, libc.malloc_trim
    except (OSError, AttributeError):
        return None
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    malloc_trim.argtypes, malloc_trim.restype = (ctypes.c_size_t,), ctypes.c_int
    return libc


def give_large_blocks_back() -> bool:
    """From now on a block of ``LARGE`` bytes or more is unmapped as soon as it is
    freed, and so is the top of the heap once that much is free there. True if that was
    set (glibc), False where nothing was done."""
    libc = _glibc()
    if libc is None:
        return False
    # Setting the one does not bring the other back down: glibc raises both.
    done = all([libc.mallopt(_M_MMAP_THRESHOLD, LARGE), libc.mallopt(_M_TRIM_THRESHOLD, LARGE)])
    if not done:
        log.info("the C library did not take its thresholds for large blocks")
    return done


def give_back_freed() -> bool:
    """Return the free pages malloc keeps to the system; True if any were (glibc)."""
    libc = _glibc()
    return libc is not None and bool(libc.malloc_trim(0))
