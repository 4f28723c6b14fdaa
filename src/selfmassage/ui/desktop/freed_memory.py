"""Memory the app frees, given back to the system instead of kept by the C library.

A session draws large pictures ahead, part after part (the map and the illustration,
0.4-0.8 MB each), and decodes each cue's sound (about 0.1 MB). glibc's malloc hands
blocks that large out of their own mapping only until the first of them is freed: it
then raises its threshold to that size, and every later one comes out of the heap,
where the holes they leave are kept. Over a ten-minute session the heap grew that way
by about 5 MB of free, resident memory. ``give_large_blocks_back`` holds the threshold
at glibc's own starting value, so a large block is unmapped as it is freed;
``give_back_freed`` returns the heap's free pages (``malloc_trim``) at a calm moment.

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
"""Bytes from which a block gets its own mapping: glibc's starting threshold, kept."""
_M_MMAP_THRESHOLD = -3
"""mallopt's parameter (malloc.h)."""


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
    freed. True if that was set (glibc), False where nothing was done."""
    libc = _glibc()
    if libc is None:
        return False
    done = bool(libc.mallopt(_M_MMAP_THRESHOLD, LARGE))
    if not done:
        log.info("the C library did not take a threshold for large blocks")
    return done


def give_back_freed() -> bool:
    """Return the free pages malloc keeps to the system; True if any were (glibc)."""
    libc = _glibc()
    return libc is not None and bool(libc.malloc_trim(0))
